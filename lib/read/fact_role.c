/* fact_role.c - a figure's role, from the words of its own clause
 * (measure.def): its measure (a value, a change, a percent of some kind),
 * the basis it is measured against and the period it is of: direction and
 * rate words, 由A至B, 上年…, a base in brackets, and BL_DOUBT_ROLE where
 * those words leave the role uncertain. Apart from fact.c because it reads
 * only the flow, the profile and the figure (with its anchor's basis), never
 * the state of resolution: which fact, scope or paragraph is in force. */
#include <string.h>

#include "read/fact_int.h"

#define N(a) (sizeof a / sizeof a[0])

static const struct {
	const char *word;
	int sign;
} directions[] = {
#define BL_DIRECTION(word, sign) {word, sign},
#include "read/measure.def"
};
static const struct {
	const char *word;
	int sign;
} weak_directions[] =
	{
#define BL_WEAK_DIRECTION(word, sign) {word, sign},
#include "read/measure.def"
},
  rates[] = {
#define BL_RATE(word, sign) {word, sign},
#include "read/measure.def"
};
static const char *const links[] = {
#define BL_LINK(word) word,
#include "read/measure.def"
};
static const char *const change_amounts[] = {
#define BL_CHANGE_AMOUNT(word) word,
#include "read/measure.def"
};
static const char to_level[] = ""
#define BL_TO_LEVEL(ch) ch
#include "read/measure.def"
	;
static const char from_level[] = ""
#define BL_FROM_LEVEL(ch) ch
#include "read/measure.def"
	;
static const char *const prev_periods[] = {
#define BL_PREV_PERIOD(word) word,
#include "read/measure.def"
};
static const char *const not_prev_periods[] = {
#define BL_NOT_PREV_PERIOD(word) word,
#include "read/measure.def"
};
static const struct {
	const char *word;
	bl_basis basis;
} bases[] = {
#define BL_BASIS(word, basis) {word, BL_B_##basis},
#include "read/measure.def"
};
static const char basis_cps[] = ""
#define BL_BASIS_CP(ch) ch
#include "read/measure.def"
	;
static const char not_period[] = ""
#define BL_NOT_PERIOD(ch) ch
#include "read/measure.def"
	;
static const struct {
	const char *word;
	bl_measure measure;
} percents[] = {
#define BL_PERCENT(word, measure) {word, BL_M_##measure},
#include "read/measure.def"
};

/* The start of word w if it ends at b (not before a), else (size_t)-1. */
size_t bl_word_ending_at(const bl_flow *f, size_t a, size_t b, const char *w)
{
	size_t l = bl_utf8_count(w, strlen(w));
	return b >= a + l && bl_flow_match_n(f, b - l, b, w, strlen(w)) == l ? b - l : (size_t)-1;
}

/* b moved back over spaces and 了 (增加了 20万元). */
static size_t skip_back(const bl_flow *f, size_t a, size_t b)
{
	while (b > a && (f->cp[b - 1] == ' ' || f->cp[b - 1] == BL_CP_LE))
		b--;
	return b;
}

/* The direction, weak direction or rate word that ends at b, tried in
 * that order. */
static bl_dirword dir_ending_at(const bl_flow *f, size_t a, size_t b)
{
	bl_dirword d = {0, BL_DW_NONE, 0, 0, (size_t)-1};
	for (size_t k = 0; k < N(directions) && d.kind == BL_DW_NONE; k++)
		if ((d.start = bl_word_ending_at(f, a, b, directions[k].word)) != (size_t)-1)
			d.sign = directions[k].sign, d.kind = BL_DW_STRONG;
	for (size_t k = 0; k < N(weak_directions) && d.kind == BL_DW_NONE; k++)
		if ((d.start = bl_word_ending_at(f, a, b, weak_directions[k].word)) != (size_t)-1)
			d.sign = weak_directions[k].sign, d.kind = BL_DW_WEAK;
	for (size_t k = 0; k < N(rates) && d.kind == BL_DW_NONE; k++)
		if ((d.start = bl_word_ending_at(f, a, b, rates[k].word)) != (size_t)-1)
			d.sign = rates[k].sign, d.kind = BL_DW_RATE;
	return d;
}

/* The direction right before the figure at b: a word ending there, or one
 * that a BL_TO_LEVEL (减少至), a BL_CHANGE_AMOUNT (增加额) or a BL_LINK
 * (增幅为) separates from it. */
bl_dirword bl_direction_before(const bl_flow *f, size_t a, size_t b)
{
	b = skip_back(f, a, b);
	bl_dirword d = dir_ending_at(f, a, b);
	if (d.kind != BL_DW_NONE)
		return d;
	if (b > a && bl_cp_in(f->cp[b - 1], to_level)) {
		d = dir_ending_at(f, a, skip_back(f, a, b - 1));
		d.level = d.kind == BL_DW_STRONG || d.kind == BL_DW_WEAK;
		return d.level ? d : (bl_dirword){0, BL_DW_NONE, 0, 0, (size_t)-1};
	}
	size_t s = (size_t)-1;
	for (size_t k = 0; k < N(links) && s == (size_t)-1; k++)
		s = bl_word_ending_at(f, a, b, links[k]);
	/* 增加额为20万元, 减少金额5万元: the change itself */
	size_t e = skip_back(f, a, s != (size_t)-1 ? s : b);
	for (size_t k = 0; k < N(change_amounts); k++) {
		size_t w = bl_word_ending_at(f, a, e, change_amounts[k]);
		if (w == (size_t)-1)
			continue;
		d = dir_ending_at(f, a, w);
		if (d.kind == BL_DW_STRONG || d.kind == BL_DW_WEAK)
			return d;
	}
	if (s == (size_t)-1)
		return (bl_dirword){0, BL_DW_NONE, 0, 0, (size_t)-1};
	d = dir_ending_at(f, a, skip_back(f, a, s));
	d.link = d.kind != BL_DW_NONE;
	return d;
}

/* Is the figure [m->start, uend) the earlier amount of 由A万元减少至B万元:
 * a BL_FROM_LEVEL right before it, and after it a direction word and a
 * BL_TO_LEVEL or BL_LINK? */
int bl_from_level_at(const bl_flow *f, size_t a, const bl_mention *m, size_t lim)
{
	size_t b = m->start;
	while (b > a && f->cp[b - 1] == ' ')
		b--;
	if (b <= a || !bl_cp_in(f->cp[b - 1], from_level))
		return 0;
	size_t j = m->uend;
	while (j < lim && f->cp[j] == ' ')
		j++;
	for (size_t k = 0; k < N(directions); k++) {
		size_t n = bl_flow_match(f, j, lim, directions[k].word);
		if (!n)
			continue;
		size_t e = j + n;
		while (e < lim && (f->cp[e] == ' ' || f->cp[e] == BL_CP_LE))
			e++;
		if (e < lim && bl_cp_in(f->cp[e], to_level))
			return 1;
		for (size_t l = 0; l < N(links); l++)
			if (bl_flow_match(f, e, lim, links[l]))
				return 1;
	}
	return 0;
}

/* Past the last of the characters stops in [a, b), else a. */
static size_t past_last(const bl_flow *f, size_t a, size_t b, const char *stops)
{
	for (size_t i = b; i > a; i--)
		if (bl_cp_in(f->cp[i - 1], stops))
			return i;
	return a;
}

/* The start of the clause that ends at b: past the last comma, semicolon,
 * stop or colon in [a, b). */
size_t bl_clause_from(const bl_flow *f, size_t a, size_t b)
{
	return past_last(f, a, b, "，,；;。：:");
}

/* A word in [a, b) that says the figure there may be a change rather than
 * an amount: a direction or rate word of two characters or more, or a
 * comparison (比上年, 较2023年, 同比), outside the phrase [ps, pe) the
 * figure is named by. */
static int change_word_in(const bl_flow *f, size_t a, size_t b, size_t ps, size_t pe)
{
	for (size_t i = a; i < b; i++) {
		if (i >= ps && i < pe)
			continue;
		if (bl_cp_in(f->cp[i], basis_cps) && i + 1 < b &&
		    (bl_cp_is_digit(f->cp[i + 1]) || bl_flow_match(f, i + 1, b, "上年") ||
		     bl_flow_match(f, i + 1, b, "去年") || bl_flow_match(f, i + 1, b, "年初")))
			return 1;
		if (bl_flow_match(f, i, b, "同比"))
			return 1;
		for (size_t e = i + 2; e <= b && e <= i + 4; e++) {
			bl_dirword d = dir_ending_at(f, i, e);
			if (d.kind != BL_DW_NONE && d.start == i)
				return 1;
		}
	}
	return 0;
}

bl_basis bl_basis_in(const bl_flow *f, size_t a, size_t b)
{
	for (size_t k = 0; k < N(bases); k++)
		if (bl_flow_find(f, a, b, bases[k].word) != (size_t)-1)
			return bases[k].basis;
	for (size_t i = a; i + 1 < b; i++)
		if (bl_cp_in(f->cp[i], basis_cps) && bl_cp_is_digit(f->cp[i + 1])) /* 比2023年 */
			return BL_B_PREV_YEAR;
	return BL_B_NONE;
}

/* A year printed in the subject that is not a comparison base; 0 if none. */
static int period_in(const bl_flow *f, size_t a, size_t b)
{
	for (size_t i = a; i + 4 < b; i++) {
		size_t nian;
		int y = bl_flow_year_at(f, i, b, &nian);
		if (!y)
			continue;
		if (i > a && bl_cp_in(f->cp[i - 1], not_period))
			continue;
		return y;
	}
	return 0;
}

/* A BL_PREV_PERIOD word in [a, b) that makes a value last year's (上年支出),
 * not the base of a comparison (比上年) nor this year's carry-over (上年结转). */
int bl_prev_period_in(const bl_flow *f, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		for (size_t k = 0; k < N(prev_periods); k++) {
			size_t m = bl_flow_match(f, i, b, prev_periods[k]);
			if (!m || (i > 0 && bl_cp_in(f->cp[i - 1], not_period)))
				continue;
			size_t e = i + m + bl_flow_match(f, i + m, b, "度"); /* 上年度 */
			int carried = 0;
			for (size_t l = 0; l < N(not_prev_periods) && !carried; l++)
				carried = bl_flow_match(f, e, b, not_prev_periods[l]) != 0;
			if (!carried)
				return 1;
		}
	return 0;
}

/* What a value's basis word makes of it (measure.def): the document's own
 * kind of figure is basis NONE (a budget's 上年预算数, a final account's
 * 上年决算数), a comparison word (PREV_YEAR) no basis at all, and the
 * budgeted figure of a final account INITIAL_BUDGET. */
bl_basis bl_value_basis(const bl_doc *doc, bl_basis b)
{
	int final = doc->profile.kind == BL_KIND_FINAL;
	if (b == BL_B_PREV_YEAR || (b == BL_B_INITIAL_BUDGET && !final) ||
	    (b == BL_B_PREV_BUDGET && !final) || (b == BL_B_PREV_FINAL && final))
		return BL_B_NONE;
	return b;
}

/* The percent word (占, 完成) in the subject of a percent, the one nearest
 * the figure, with its measure. */
void bl_percent_word(const bl_flow *f, bl_fig *g)
{
	g->pct_measure = BL_M_VALUE;
	g->pct_at = (size_t)-1;
	if (g->m->ucls != '%')
		return;
	for (size_t k = 0; k < N(percents) && g->pct_measure == BL_M_VALUE; k++)
		if ((g->pct_at = bl_flow_rfind(f, g->a, g->b, percents[k].word)) != (size_t)-1)
			g->pct_measure = percents[k].measure;
}

/* A direction word right before the phrase that names the figure, the
 * phrase right before the figure (比上年增加项目支出20万元): the figure is
 * that change. */
static void direction_before_phrase(const bl_flow *f, bl_fig *g)
{
	bl_vmatch p = g->item.entry >= 0 ? g->item : g->key;
	if (p.entry < 0 || g->dw.kind != BL_DW_NONE || skip_back(f, p.end, g->b) != p.end)
		return;
	size_t s = p.start;
	if (g->item.entry >= 0 && g->scope.entry >= 0 && g->scope.end == s)
		s = g->scope.start;
	bl_dirword d = dir_ending_at(f, g->c, s);
	if (d.kind == BL_DW_STRONG)
		g->dw = d, g->dir = d.sign;
}

/* 比上年（80万元）增加20万元, 较年初预算（90万元）: an amount in brackets
 * right after the words of a base is that base's figure. */
static int paren_base(const bl_flow *f, bl_fig *g)
{
	g->paren = BL_B_NONE;
	g->paren_year = 0;
	size_t q = g->b;
	while (q > g->a && f->cp[q - 1] == ' ')
		q--;
	if (q <= g->c || (f->cp[q - 1] != BL_CP_FW_LPAREN && f->cp[q - 1] != '('))
		return 0;
	g->paren = bl_basis_in(f, g->c, q - 1);
	for (size_t i = g->c; i + 1 < q - 1 && !g->paren_year; i++) {
		size_t nian;
		if (bl_cp_in(f->cp[i], basis_cps))
			g->paren_year = bl_flow_year_at(f, i + 1, q - 1, &nian);
	}
	return g->paren != BL_B_NONE;
}

/* Step 2: the measure: a value, a change, or a percent of some kind; 0 for
 * a percent that is none of them, and for a figure after a weak direction
 * (节约, 新增) that compares with nothing. An amount after 减少为 is read
 * as the amount reached but may be the change, and one whose clause has a
 * direction or comparison word (比上年增加的支出) may be a change: both are
 * doubted. */
int bl_figure_measure(const bl_flow *f, bl_fig *g)
{
	direction_before_phrase(f, g);
	g->measure = BL_M_VALUE;
	int compared = g->dw.kind != BL_DW_WEAK || g->basis != BL_B_NONE;
	if (g->m->ucls == '%') {
		g->measure = g->pct_measure;
		if (g->measure != BL_M_VALUE)
			return 1;
		if (!g->dir || !compared || g->dw.level)
			return 0;
		g->measure = BL_M_CHANGE_PCT;
		return 1;
	}
	if (g->m->zero_word) {
		g->measure = BL_M_CHANGE;
		return 1;
	}
	if (g->dw.link && g->dw.kind != BL_DW_RATE)
		g->dw.level = 1, g->doubt |= BL_DOUBT_ROLE; /* 减少为20万元: most often the amount reached */
	if (g->dw.level) {
		g->dir = 0; /* 减少至20万元: the amount reached */
		return 1;
	}
	if (g->dir) {
		if (!compared)
			return 0;
		g->measure = BL_M_CHANGE;
		if (g->dw.kind == BL_DW_RATE) /* 增幅20万元: a rate word before an amount */
			g->doubt |= BL_DOUBT_ROLE;
		return 1;
	}
	if (paren_base(f, g))
		return 1;
	bl_vmatch p = g->item.entry >= 0 ? g->item : g->key;
	if (!g->from &&
	    change_word_in(f, g->c, g->b, p.entry >= 0 ? p.start : g->b, p.entry >= 0 ? p.end : g->b))
		g->doubt |= BL_DOUBT_ROLE;
	return 1;
}

/* A fact's basis: what a change is measured against (its anchor's, or last
 * year's, when its words name none), the budget a completion rate is of,
 * which figure a value is. */
bl_basis bl_fact_basis(const bl_doc *doc, const bl_fig *g)
{
	const bl_flow *f = &doc->flow;
	bl_basis basis = g->basis;
	switch (g->measure) {
	case BL_M_CHANGE:
	case BL_M_CHANGE_PCT:
		if (basis == BL_B_NONE && g->anchor >= 0)
			basis = doc->facts[g->anchor].basis;
		return basis == BL_B_NONE ? BL_B_PREV_YEAR : basis;
	case BL_M_COMPLETION_PCT: /* 完成全年预算数的: measured by the figure named */
		return basis == BL_B_ANNUAL_BUDGET || basis == BL_B_ADJUSTED_BUDGET ? basis
										    : BL_B_INITIAL_BUDGET;
	case BL_M_VALUE: /* the words of its own clause */
		return bl_value_basis(doc, g->paren != BL_B_NONE ? g->paren : bl_basis_in(f, g->c, g->b));
	default: return BL_B_NONE;
	}
}

/* A fact's period: the document's year, or for a value the year it prints
 * (not before a semicolon: 原因是2025年…；运行费9.38万元 is this year's), the
 * year of the base in brackets, or last year's (上年支出, 由A减少至B's A, an
 * execution or final figure of no printed year). */
int bl_fact_period(const bl_doc *doc, const bl_fig *g, bl_basis basis)
{
	const bl_flow *f = &doc->flow;
	int year = doc->profile.year;
	if (g->measure != BL_M_VALUE)
		return year;
	if (g->paren != BL_B_NONE) { /* 比上年（80万元）, 较年初预算（90万元） */
		int vp = year;
		bl_basis_compared(g->paren, doc->profile.kind, year, &vp);
		return g->paren_year ? g->paren_year : year ? vp : 0;
	}
	int py = period_in(f, past_last(f, g->a, g->b, "；;。"), g->b);
	if (py)
		return py;
	if (year && (g->from || bl_prev_period_in(f, g->c, g->b) ||
		     (basis >= BL_B_PREV_BUDGET && basis <= BL_B_PREV_FINAL)))
		return year - 1;
	return year;
}
