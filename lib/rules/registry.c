/* registry.c - the one table of rules, built from rules.def, and what it says about each rule. */
#include <pthread.h>
#include <string.h>

#include "rules/rules.h"

const bl_rule bl_registry[BL_R_COUNT] = {
#define BL_RULE(sym, id, fam, title, sev, round, doubt, flags, policy, doc, run)                             \
	{{id, fam, title, sev, round, doubt, flags, policy, doc}, run},
#include "rules/rules.def"
#undef BL_RULE
};

BL_API size_t bl_rule_count(void)
{
	return BL_R_COUNT;
}

BL_API const bl_rule_info *bl_rule_at(size_t i)
{
	return i < BL_R_COUNT ? &bl_registry[i].info : NULL;
}

BL_API const bl_rule_info *bl_rule_find(const char *id)
{
	for (size_t i = 0; id && i < BL_R_COUNT; i++)
		if (strcmp(bl_registry[i].info.id, id) == 0)
			return &bl_registry[i].info;
	return NULL;
}

const char *bl_rule_name(bl_rule_id r)
{
	return r >= 0 && r < BL_R_COUNT ? bl_registry[r].info.id : "";
}

bl_severity bl_rule_sev(bl_rule_id r)
{
	return bl_registry[r].info.sev;
}

bl_severity bl_rule_doubt_sev(bl_rule_id r)
{
	bl_policy p = bl_registry[r].info.doubt;
	return p >= BL_POL_INFO ? (bl_severity)p : bl_registry[r].info.sev;
}

bl_severity bl_rule_verdict_sev(bl_rule_id r, int verdict)
{
	bl_policy p = bl_registry[r].info.round;
	if (verdict == BL_V_PRINTED)
		return bl_rule_doubt_sev(r);
	return verdict == BL_V_ROUNDING && p >= BL_POL_INFO ? (bl_severity)p : bl_registry[r].info.sev;
}

BL_API const char *bl_severity_name(bl_severity s)
{
	return s == BL_SEV_ERROR ? "error" : s == BL_SEV_WARNING ? "warning" : "info";
}

BL_API const char *bl_policy_name(bl_policy p)
{
	return p == BL_POL_NA ? "n/a" : p == BL_POL_PASS ? "pass" : bl_severity_name((bl_severity)p);
}

static char ruleset_id[64];
static void ruleset_init(void)
{
	bl_buf b = BL_BUF_INIT((size_t)1 << 22);
	for (size_t i = 0; i < BL_R_COUNT; i++) {
		const bl_rule_info *r = &bl_registry[i].info;
		bl_buf_printf(&b, "%s|%s|%s|%s|%s|%u|%s|%s\n", r->id, bl_severity_name(r->sev),
			      bl_policy_name(r->round), bl_policy_name(r->doubt), r->severity, r->flags,
			      r->title, r->doc);
	}
	char hex[65];
	bl_sha256_hex(b.p, b.n, hex);
	bl_buf_release(&b);
	snprintf(ruleset_id, sizeof ruleset_id, "%s+%.8s", BL_VERSION, hex);
}

/* Computed once (pthread_once): every filed document records it. */
BL_API const char *bl_ruleset(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, ruleset_init);
	return ruleset_id;
}
