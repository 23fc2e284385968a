/* sums.c - the sum equations: the default set from sums.def, the choice per document, and a template's edits. */
#include <stdlib.h>
#include <string.h>

#include "rules/sums.h"
#include "rules/templates.h"

#define BL_SUM_LIST(...)                                                                                     \
	{                                                                                                    \
		__VA_ARGS__                                                                                  \
	}
#define BL_SUM(rule, sc, list, total, parts, stand_in, stands_for, reasons)                                  \
	{BL_R_##rule, sc, list, total, BL_SUM_LIST parts, NULL, stand_in, BL_SUM_LIST stands_for, reasons},
#define BL_SUM_CLASSES(rule, sc, total, prefix)                                                              \
	{BL_R_##rule, sc, BL_SUM_OPEN, total, {NULL}, prefix, NULL, {NULL}, 0},
#define BL_SUM_KNOWN(rule, total, parts, named, joins)
static bl_sum default_rows[] = {
#include "rules/sums.def"
};
#undef BL_SUM
#undef BL_SUM_CLASSES
#undef BL_SUM_KNOWN

#define BL_SUM(rule, sc, list, total, parts, stand_in, stands_for, reasons)
#define BL_SUM_CLASSES(rule, sc, total, prefix)
#define BL_SUM_KNOWN(rule, total, parts, named, joins)                                                       \
	{BL_R_##rule, total, BL_SUM_LIST parts, BL_SUM_LIST named, joins},
static const bl_sum_known known_rows[] = {
#include "rules/sums.def"
};
#undef BL_SUM
#undef BL_SUM_CLASSES
#undef BL_SUM_KNOWN
#undef BL_SUM_LIST

static const bl_sumset default_set = {"default", default_rows, sizeof default_rows / sizeof default_rows[0],
				      0};

const bl_sumset *bl_sums_default(void)
{
	return &default_set;
}

const bl_sumset *bl_sums_for(const bl_profile *p)
{
	int assumed = 0;
	const bl_template *t = bl_template_pick(p, &assumed);
	return t ? bl_template_sums(t, assumed) : &default_set;
}

const bl_sum_known *bl_sum_known_for(bl_rule_id rule, const char *total)
{
	for (size_t i = 0; i < sizeof known_rows / sizeof known_rows[0]; i++)
		if (known_rows[i].rule == rule && !strcmp(known_rows[i].total, total))
			return &known_rows[i];
	return NULL;
}

const char *bl_sums_scope(int i)
{
	static const char *const names[BL_SUMS_NSCOPES] = {BLK_S_TOTAL, BLK_S_GENERAL, BLK_S_FUND,
							   BLK_S_CAPITAL, BLK_S_APPROP};
	return i >= 0 && i < BL_SUMS_NSCOPES ? names[i] : NULL;
}

static int count(const char *const *list)
{
	int n = 0;
	while (n < BL_SUM_MAXPARTS && list[n])
		n++;
	return n;
}

int bl_sum_nparts(const bl_sum *e)
{
	return e->prefix ? 0 : count(e->parts);
}

bl_sumset *bl_sumset_dup(const bl_sumset *base, const char *id)
{
	bl_sumset *s = bl_xcalloc(1, sizeof *s);
	s->id = id;
	s->n = base->n;
	s->assumed = base->assumed;
	s->v = bl_xmalloc((base->n ? base->n : 1) * sizeof *s->v);
	if (base->n)
		memcpy(s->v, base->v, base->n * sizeof *s->v);
	return s;
}

void bl_sumset_free(bl_sumset *s)
{
	if (!s)
		return;
	free(s->v);
	free(s);
}

bl_sum *bl_sumset_edit(bl_sumset *s, bl_rule_id rule, const char *total)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].rule == rule && !strcmp(s->v[i].total, total))
			return &s->v[i];
	return NULL;
}

int bl_sum_add_part(bl_sum *e, const char *part)
{
	if (!e || e->prefix)
		return -1;
	int n = count(e->parts);
	if (n >= BL_SUM_MAXPARTS)
		return -1;
	e->parts[n] = part;
	e->parts[n + 1] = NULL;
	return 0;
}

/* Removes s from the NULL-terminated list; 1 when it was there. */
static int drop(const char **list, const char *s)
{
	int n = count(list), at = -1;
	for (int i = 0; i < n && at < 0; i++)
		if (!strcmp(list[i], s))
			at = i;
	if (at < 0)
		return 0;
	memmove(&list[at], &list[at + 1], (size_t)(n - at) * sizeof *list); /* the NULL too */
	return 1;
}

int bl_sum_drop_part(bl_sum *e, const char *part)
{
	if (!e || !drop(e->parts, part))
		return -1;
	drop(e->stands_for, part);
	if (!e->stands_for[0])
		e->stand_in = NULL;
	return 0;
}

/* Where the item starts in key for row e: after "<scope>." for a scope of
 * a scoped row, 0 for a row of whole keys, (size_t)-1 when key is in no
 * scope of e. */
static size_t scope_of(const bl_sum *e, const char *key)
{
	if (!e->scopes)
		return 0;
	for (int s = 0; s < BL_SUMS_NSCOPES; s++) {
		const char *sc = bl_sums_scope(s);
		size_t n = strlen(sc);
		if ((e->scopes & (1u << s)) && !strncmp(key, sc, n) && key[n] == '.')
			return n + 1;
	}
	return (size_t)-1;
}

int bl_sum_has_part(const bl_sum *e, const char *item)
{
	if (e->prefix)
		return !strncmp(item, e->prefix, strlen(e->prefix));
	if (e->stand_in && !strcmp(item, e->stand_in))
		return 1;
	for (int i = 0; i < BL_SUM_MAXPARTS && e->parts[i]; i++)
		if (!strcmp(item, e->parts[i]))
			return 1;
	return 0;
}

int bl_sums_explains(const bl_sumset *s, const char *key, const char *whole)
{
	if (!strcmp(key, whole))
		return 1;
	for (size_t i = 0; i < s->n; i++) {
		const bl_sum *e = &s->v[i];
		if (!e->part_reasons)
			continue;
		size_t wk = scope_of(e, whole), kk = scope_of(e, key);
		if (wk == (size_t)-1 || kk != wk || strncmp(key, whole, wk) != 0)
			continue; /* scoped: the same scope */
		if (!strcmp(whole + wk, e->total) && bl_sum_has_part(e, key + kk))
			return 1;
	}
	return 0;
}
