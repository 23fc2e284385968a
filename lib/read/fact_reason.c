/* fact_reason.c - the reason markers of a paragraph (reasons.def), indexed:
 * a figure never qualifies one across a stated reason, nor one inside it
 * (fact.c's anchors), and every figure asks, so each paragraph is read once
 * and then searched. Apart from fact.c because the index is whole in itself
 * (its own layout, built, searched and released here): resolution only asks
 * it questions. */
#include <stdlib.h>
#include <string.h>

#include "read/fact_int.h"

#define N(a) (sizeof a / sizeof a[0])

static const char *const asides[] = {
#define BL_ASIDE(word) word,
#include "read/reasons.def"
};
static const char *const lists[] = {
#define BL_LIST(word) word,
#include "read/reasons.def"
};

static int cmp_rmark_e(const void *x, const void *y)
{
	const bl_rmark *a = x, *b = y;
	return (a->e > b->e) - (a->e < b->e);
}

static void reasons_build(const bl_doc *doc, bl_reasons *x, int para)
{
	const bl_flow *f = &doc->flow;
	x->para = para;
	x->nplain = x->nlisted = x->nsemi = x->span = 0;
	for (size_t i = (size_t)doc->para_start[para]; i < f->n && f->cp[i] != '\n'; i++) {
		if (f->cp[i] == BL_CP_FW_SEMICOLON || f->cp[i] == ';')
			*BL_PUSH(x->semi, x->nsemi, x->semicap) = i;
		for (size_t k = 0; k < N(asides); k++) {
			size_t m = bl_flow_match(f, i, f->n, asides[k]);
			if (!m)
				continue;
			size_t at = i + bl_utf8_count(asides[k], strlen(asides[k])), m2 = 0;
			for (size_t l = 0; l < N(lists) && !m2; l++)
				m2 = bl_flow_match(f, at, f->n, lists[l]);
			if (m2) {
				*BL_PUSH(x->listed, x->nlisted, x->listedcap) = (bl_rmark){i, i + m, at + m2};
				if (at + m2 > i + m && at + m2 - (i + m) > x->span)
					x->span = at + m2 - (i + m);
			} else {
				*BL_PUSH(x->plain, x->nplain, x->plaincap) = (bl_rmark){i, i + m, 0};
			}
		}
	}
	bl_grow((void **)&x->plain_min, &x->pmcap, x->nplain + 1, sizeof *x->plain_min);
	x->plain_min[x->nplain] = (size_t)-1;
	for (size_t k = x->nplain; k-- > 0;)
		x->plain_min[k] = x->plain[k].e < x->plain_min[k + 1] ? x->plain[k].e : x->plain_min[k + 1];
	if (x->nlisted > 1)
		qsort(x->listed, x->nlisted, sizeof *x->listed, cmp_rmark_e);
}

/* A reason marker in [a, b) of paragraph para; 主要用于以下方面： introduces
 * a list of figures, not a reason. */
int bl_reason_between(const bl_doc *doc, bl_reasons *x, int para, size_t a, size_t b)
{
	if (x->para != para)
		reasons_build(doc, x, para);
	size_t lo = 0, hi = x->nplain;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (x->plain[mid].at < a)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (x->plain_min[lo] <= b)
		return 1;
	/* a listed marker counts only when b cuts its 以下: e within span of b */
	lo = 0, hi = x->nlisted;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (x->listed[mid].e + x->span < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t k = lo; k < x->nlisted && x->listed[k].e <= b; k++)
		if (x->listed[k].at >= a && x->listed[k].ee > b)
			return 1;
	return 0;
}

/* The start of a reason's clause: past the last semicolon in [as, afl) of
 * paragraph para (原因是…；项目支出34万元 is outside the reason), else as. */
size_t bl_reason_clause_start(const bl_doc *doc, bl_reasons *x, int para, size_t as, size_t afl)
{
	if (x->para != para)
		reasons_build(doc, x, para);
	size_t lo = 0, hi = x->nsemi;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (x->semi[mid] < afl)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && x->semi[lo - 1] >= as ? x->semi[lo - 1] + 1 : as;
}

void bl_reasons_release(bl_reasons *x)
{
	free(x->plain);
	free(x->plain_min);
	free(x->listed);
	free(x->semi);
}
