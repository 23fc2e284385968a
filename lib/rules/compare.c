/* compare.c - change.compare_words: "决算数大于/小于/等于预算数" against the
 * two figures it compares. A final account says, item by item, how the
 * final figure compares with the budget (决算数小于预算数的主要原因：…); the
 * word must agree with the figures the same paragraph states before it
 * (年初预算为A万元，支出决算为B万元). Only a difference beyond the rounding of
 * the two figures decides: within it, 大于 and 持平 may both be right.
 * 基本持平 says nothing exact, and is not judged. */
#include <string.h>

#include "rules/rules.h"

static const struct {
	const char *word;
	int sign;
} compare_words[] = {
#define BL_COMPARE(word, sign) {word, sign},
#include "rules/wording.def"
};
#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Where the budget the phrase names is printed: 年初, 全年, 调整, or the year's start by default. */
static size_t budget_word(const bl_flow *f, size_t j, bl_basis *b)
{
	static const struct {
		const char *w;
		bl_basis b;
	} bases[] = {{"年初预算数", BL_B_INITIAL_BUDGET},
		     {"全年预算数", BL_B_ANNUAL_BUDGET},
		     {"调整预算数", BL_B_ADJUSTED_BUDGET},
		     {"预算数", BL_B_INITIAL_BUDGET}};
	for (size_t k = 0; k < N(bases); k++) {
		size_t m = bl_flow_match(f, j, f->n, bases[k].w);
		if (m) {
			*b = bases[k].b;
			return m;
		}
	}
	return 0;
}

static size_t compare_word(const bl_flow *f, size_t j, int *sign)
{
	for (size_t k = 0; k < N(compare_words); k++) {
		size_t m = bl_flow_match(f, j, f->n, compare_words[k].word);
		if (m) {
			*sign = compare_words[k].sign;
			return m;
		}
	}
	return 0;
}

/* The phrase at i (决算数小于预算数, 决算数同预算数持平): its sign and the
 * budget's basis; its length, 0 when there is none. */
static size_t phrase_at(const bl_flow *f, size_t i, int *sign, bl_basis *b)
{
	size_t m = bl_flow_match(f, i, f->n, "决算数");
	if (!m)
		return 0;
	size_t j = i + m, w, p;
	if ((w = compare_word(f, j, sign)) && (p = budget_word(f, j + w, b)))
		return j + w + p - i; /* 决算数小于预算数 */
	if (j < f->n && bl_cp_in(f->cp[j], "同与和较"))
		j++;
	if (!(p = budget_word(f, j, b)))
		return 0;
	j += p;
	if (bl_flow_match(f, j, f->n, "基本"))
		return 0; /* 基本持平: nothing exact */
	return (w = compare_word(f, j, sign)) && *sign == 0 ? j + w - i : 0;
}

/* The last fact of the paragraph before flow index at with basis b (a value). */
static int last_value(const bl_doc *doc, int para, size_t at, bl_basis b, const char *key)
{
	int hit = -1;
	for (size_t i = 0; i < doc->nfacts; i++) {
		const bl_fact *f = &doc->facts[i];
		if (f->paragraph != para || f->measure != BL_M_VALUE || f->basis != b ||
		    (key && strcmp(f->key, key)))
			continue;
		if (bl_flow_index(&doc->flow, (size_t)(f->figure.p - doc->bytes)) < at)
			hit = (int)i;
	}
	return hit;
}

static int para_of(const bl_doc *doc, size_t at)
{
	int p = -1;
	for (size_t k = 0; k < doc->npara && (size_t)doc->para_start[k] <= at; k++)
		p = (int)k;
	return p;
}

static void judge(bl_doc *doc, size_t i, size_t len, int sign, bl_basis b)
{
	const bl_rule_id R = BL_R_CHANGE_COMPARE_WORDS;
	int para = para_of(doc, i);
	int fi = para >= 0 ? last_value(doc, para, i, BL_B_NONE, NULL) : -1;
	int bi = fi >= 0 ? last_value(doc, para, i, b, doc->facts[fi].key) : -1;
	if (bi < 0) {
		bl_outcome_count(doc, R, BL_OUT_INSUFFICIENT);
		return;
	}
	bl_dec fin = bl_fact_wan(&doc->facts[fi]), bud = bl_fact_wan(&doc->facts[bi]);
	int64_t diff = fin.u - bud.u, slack = bl_dec_half_unit(fin.prec) + bl_dec_half_unit(bud.prec);
	int is = diff > slack ? 1 : diff < -slack ? -1 : 0;
	int unsure = (diff != 0 && is == 0) || (sign == 0 && is == 0);
	if (is == sign || unsure) {
		bl_outcome_count(doc, R, is == sign ? BL_OUT_PASS : BL_OUT_INSUFFICIENT);
		return;
	}
	bl_outcome_count(doc, R, BL_OUT_FAIL);
	bl_finding *fd = bl_wording_at(doc, R, i, i + len);
	fd->has_stated = fd->has_expected = 1;
	fd->stated = fin;
	fd->expected = bud;
	static const char *const says[] = {"小于", "等于", "大于"};
	fd->message = bl_arena_printf(&doc->arena, "文中称决算数%s预算数，但决算数 %s万元%s预算数 %s万元",
				      says[sign + 1], bl_fmt(doc, fin), says[is + 1], bl_fmt(doc, bud));
	fd->suggestion = bl_arena_printf(&doc->arena, "改为“决算数%s预算数”，并相应说明原因。", says[is + 1]);
	bl_finding_evidence(doc, fd, doc->facts[fi].pos, doc->facts[fi].text);
	bl_finding_evidence(doc, fd, doc->facts[bi].pos, doc->facts[bi].text);
}

void bl_compare_words(bl_doc *doc)
{
	const bl_flow *f = &doc->flow;
	int met = 0;
	for (size_t i = 0; i < f->n; i++) {
		int sign;
		bl_basis b;
		size_t len = phrase_at(f, i, &sign, &b);
		if (!len)
			continue;
		met = 1;
		judge(doc, i, len, sign, b);
		i += len - 1;
	}
	if (!met)
		bl_outcome_count(doc, BL_R_CHANGE_COMPARE_WORDS, BL_OUT_NOT_APPLICABLE);
}
