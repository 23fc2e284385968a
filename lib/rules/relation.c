/* relation.c - figures bounded by others: a part that cannot exceed the whole it is paid from.
 *
 * Unlike a sum, a bound holds whenever the printed figures allow it: a part
 * that exceeds its whole only within the rounding of the two figures may be
 * equal to it, so that is no finding (round: pass), and only an excess
 * beyond it is an error. */
#include <string.h>

#include "read/read.h"
#include "rules/rules.h"

static int is_money(const bl_fact *f)
{
	return f->unit && (!strcmp(f->unit, "万元") || !strcmp(f->unit, "元") || !strcmp(f->unit, "亿元"));
}

/* A part at most its whole, of the same year and basis. relation.admin_cost:
 * 机关运行经费 is the 公用经费 of the administrative units (行政单位 and 参公
 * 事业单位) paid from the 一般公共预算财政拨款基本支出, so it is at most
 * general.public. relation.sme: what a department reserves for small and
 * medium enterprises is part of its procurement budget, and what it
 * reserves for small and micro ones part of that. */
typedef struct bound {
	bl_rule_id rule;
	const char *part, *whole;
	const char *why, *fix;
} bound;

static const bound bounds[] = {
	{BL_R_RELATION_ADMIN_COST, BLK_ADMIN_COST, BLK_GENERAL_PUBLIC,
	 "机关运行经费是行政单位（含参公事业单位）公用经费的一部分，不应大于公用经费",
	 "核对机关运行经费与一般公共预算财政拨款基本支出中的公用经费，更正有误的一方。"},
	{BL_R_RELATION_SME, BLK_PROC_SME, BLK_PROC_TOTAL,
	 "面向中小企业预留的是政府采购项目预算的一部分，不应大于政府采购预算总额",
	 "核对面向中小企业预留金额与政府采购预算总额，更正有误的一方。"},
	{BL_R_RELATION_SME, BLK_PROC_SMALL, BLK_PROC_SME,
	 "预留给小型和微型企业的是面向中小企业预留金额的一部分，不应大于它",
	 "核对两项预留金额，更正有误的一方。"},
};

/* Part a against whole p: beyond the rounding of the two, an error of rule
 * saying why a part is at most its whole, and fix. */
static void judge_bound(bl_doc *doc, bl_rule_id rule, const bl_fact *a, const bl_fact *p, const char *why,
			const char *fix)
{
	bl_dec part = bl_fact_wan(a), whole = bl_fact_wan(p);
	if (part.u - whole.u <= bl_dec_half_unit(part.prec) + bl_dec_half_unit(whole.prec)) {
		bl_outcome_count(doc, rule, BL_OUT_PASS);
		return;
	}
	bl_outcome_count(doc, rule, BL_OUT_FAIL);
	bl_finding *fd = bl_finding_at_fact(doc, rule, bl_rule_sev(rule), a);
	fd->has_stated = fd->has_expected = 1;
	fd->stated = part;
	fd->expected = whole;
	fd->message = bl_arena_printf(&doc->arena, "%s%s万元，大于%s%s万元（多%s万元）；%s",
				      bl_key_label(doc, a->key), bl_fmt(doc, part), bl_key_label(doc, p->key),
				      bl_fmt(doc, whole), bl_fmt(doc, bl_dec_sub(part, whole)), why);
	fd->suggestion = fix;
	bl_finding_evidence(doc, fd, p->pos, p->text);
}

/* Each first statement of the part against the first statement of its
 * whole; without one, nothing is said. A figure read with doubt turns the
 * error into a warning in the review (doubt.c), as for every rule. Returns
 * whether the part was met. */
static int check_bound(bl_doc *doc, const bound *b)
{
	int met = 0;
	for (size_t i = 0; i < doc->nfacts; i++) {
		const bl_fact *a = &doc->facts[i];
		if (a->measure != BL_M_VALUE || strcmp(a->key, b->part) != 0 || !is_money(a) ||
		    bl_fact_find(doc, a->key, a->measure, a->basis, a->period) != (int)i)
			continue;
		met = 1;
		int pi = bl_fact_find(doc, b->whole, BL_M_VALUE, a->basis, a->period);
		if (pi < 0 || !is_money(&doc->facts[pi])) {
			bl_outcome_count(doc, b->rule, BL_OUT_INSUFFICIENT);
			continue;
		}
		judge_bound(doc, b->rule, a, &doc->facts[pi], b->why, b->fix);
	}
	return met;
}

/* relation.performance: the amount under performance targets (绩效目标管理涉及
 * 金额) beside the 项目支出 of the same year. They may differ (some projects
 * set no targets; the amount may be one fund's), so only a difference is
 * noted, at info, for a person to read both. */
static void performance(bl_doc *doc)
{
	const bl_rule_id R = BL_R_RELATION_PERFORMANCE;
	int pf = bl_fact_find(doc, BLK_PERF_AMOUNT, BL_M_VALUE, BL_B_NONE, doc->profile.year);
	/* the project spending of the fund the amount names (涉及一般公共预算当年财政拨款), else all */
	int general = pf >= 0 && bl_has_any(doc->facts[pf].text.p, doc->facts[pf].text.n, "一般公共预算");
	int pj = bl_fact_find(doc, general ? BLK_GENERAL_PROJECT : BLK_TOTAL_PROJECT, BL_M_VALUE, BL_B_NONE,
			      doc->profile.year);
	if (pj < 0)
		pj = bl_fact_find(doc, general ? BLK_TOTAL_PROJECT : BLK_GENERAL_PROJECT, BL_M_VALUE,
				  BL_B_NONE, doc->profile.year);
	if (pf < 0 || pj < 0 || !is_money(&doc->facts[pf]) || !is_money(&doc->facts[pj])) {
		bl_outcome_count(doc, R, pf < 0 ? BL_OUT_NOT_APPLICABLE : BL_OUT_INSUFFICIENT);
		return;
	}
	const bl_fact *a = &doc->facts[pf], *p = &doc->facts[pj];
	bl_dec amount = bl_fact_wan(a), project = bl_fact_wan(p);
	if (bl_round_verdict(amount.u, project.u,
			     bl_dec_half_unit(amount.prec) + bl_dec_half_unit(project.prec)) != BL_V_WRONG) {
		bl_outcome_count(doc, R, BL_OUT_PASS);
		return;
	}
	bl_outcome_count(doc, R, BL_OUT_FAIL);
	bl_finding *fd = bl_finding_at_fact(doc, R, bl_rule_sev(R), a);
	fd->has_stated = fd->has_expected = 1;
	fd->stated = amount;
	fd->expected = project;
	fd->message = bl_arena_printf(
		&doc->arena, "绩效目标管理涉及金额%s万元，与项目支出%s万元不同（相差%s万元）",
		bl_fmt(doc, amount), bl_fmt(doc, project), bl_fmt(doc, bl_dec_sub(amount, project)));
	fd->suggestion = "如并非全部项目都设定了绩效目标，或金额只计某一资金来源，可不修改；否则核对两数。";
	bl_finding_evidence(doc, fd, p->pos, p->text);
}

/* relation.item_class: a 款 or 项 line's amount is part of its 类's (the
 * first three digits of its code), of the same scope, year and basis. */
static void item_class(bl_doc *doc)
{
	const bl_rule_id R = BL_R_RELATION_ITEM_CLASS;
	int met = 0;
	for (size_t i = 0; i < doc->nfacts; i++) {
		const bl_fact *a = &doc->facts[i];
		const char *fn = a->measure == BL_M_VALUE ? strstr(a->key, ".func.") : NULL;
		size_t n = fn ? strlen(fn + 6) : 0;
		if ((n != 5 && n != 7) || !is_money(a) ||
		    bl_fact_find(doc, a->key, a->measure, a->basis, a->period) != (int)i)
			continue;
		met = 1;
		const char *ck =
			bl_arena_printf(&doc->arena, "%.*s.func.%.3s", (int)(fn - a->key), a->key, fn + 6);
		int ci = bl_fact_find(doc, ck, BL_M_VALUE, a->basis, a->period);
		if (ci < 0) {
			bl_outcome_count(doc, R, BL_OUT_INSUFFICIENT);
			continue;
		}
		judge_bound(doc, R, a, &doc->facts[ci], "款、项是类的一部分，不应大于类",
			    "核对该款（项）与其所属类的金额，更正有误的一方。");
	}
	if (!met)
		bl_outcome_count(doc, R, BL_OUT_NOT_APPLICABLE);
}

void bl_rules_relation(bl_doc *doc)
{
	item_class(doc);
	int met[BL_R_COUNT] = {0};
	for (size_t k = 0; k < sizeof bounds / sizeof bounds[0]; k++)
		met[bounds[k].rule] |= check_bound(doc, &bounds[k]);
	for (size_t k = 0; k < sizeof bounds / sizeof bounds[0]; k++)
		if (!met[bounds[k].rule]) {
			bl_outcome_count(doc, bounds[k].rule, BL_OUT_NOT_APPLICABLE);
			met[bounds[k].rule] = 1; /* once a rule */
		}
	performance(doc);
}
