/* change.c - changes, percents, shares, completion rates and per-person figures under rounding. */
#include <string.h>

#include "rules/rules.h"

/* Range of 100*c/d over c in [c1,c2], d in [d1,d2] (d1 > 0), in millionths
 * of a percent, bounds rounded outward. */
static bl_range pct_range(int64_t c1, int64_t c2, int64_t d1, int64_t d2)
{
	int64_t cs[2] = {c1, c2}, ds[2] = {d1, d2};
	bl_range r = {INT64_MAX, INT64_MIN};
	for (int i = 0; i < 2; i++)
		for (int j = 0; j < 2; j++) {
			bl_i128 num = (bl_i128)cs[i] * 100 * 1000000;
			bl_i128 q = num / ds[j];
			int64_t lo = (int64_t)(q - (num % ds[j] < 0 ? 1 : 0));
			int64_t hi = (int64_t)(q + (num % ds[j] > 0 ? 1 : 0));
			if (lo < r.lo)
				r.lo = lo;
			if (hi > r.hi)
				r.hi = hi;
		}
	return r;
}

/* Verdicts on a stated percent. */
enum {
	PCT_EXACT,     /* the computed value rounds to the stated one */
	PCT_ROUNDING,  /* reachable within the rounding of the inputs: info */
	PCT_WRONG,     /* nothing explains it: error */
	PCT_BALANCED,  /* a share adjusted so the shares add up to 100%: info */
	PCT_TRUNCATED, /* the computed value cut off, not rounded: warning */
	PCT_PRINTED,   /* reachable only if a figure printed with fewer decimals
			* than the document's (12万元) was rounded: a doubt */
};

static int pct_verdict(bl_dec stated, bl_dec exact_pct, bl_range reach)
{
	if (bl_dec_round(exact_pct, stated.prec).u == stated.u)
		return PCT_EXACT;
	bl_range s = bl_dec_range(stated);
	if (s.hi >= reach.lo && s.lo <= reach.hi)
		return PCT_ROUNDING;
	/* truncation toward zero gives the stated value for x in [s, s + unit) */
	int64_t unit = 2 * bl_dec_half_unit(stated.prec);
	if (unit > 0) {
		int64_t lo = stated.u >= 0 ? stated.u : stated.u - unit + 1;
		int64_t hi = stated.u >= 0 ? stated.u + unit - 1 : stated.u;
		if (hi >= reach.lo && lo <= reach.hi)
			return PCT_TRUNCATED;
	}
	return PCT_WRONG;
}

static const char *basis_words(bl_basis b)
{
	static const char *const w[] = {
		[BL_B_INITIAL_BUDGET] = "年初预算数",  [BL_B_PREV_BUDGET] = "上年预算数",
		[BL_B_PREV_EXEC] = "上年执行数",       [BL_B_PREV_FINAL] = "上年决算数",
		[BL_B_ADJUSTED_BUDGET] = "调整预算数", [BL_B_ANNUAL_BUDGET] = "全年预算数"};
	return (unsigned)b < sizeof w / sizeof w[0] && w[b] ? w[b] : "上年数";
}

/* PCT_WRONG that the figures as printed (reach: the percents they reach)
 * would explain: PCT_PRINTED. */
static int printed_verdict(int v, bl_dec stated, bl_range reach)
{
	bl_range s = bl_dec_range(stated);
	return v == PCT_WRONG && s.hi > reach.lo && s.lo < reach.hi ? PCT_PRINTED : v;
}

static bl_outcome pct_outcome(int v)
{
	return v == PCT_WRONG || v == PCT_TRUNCATED ? BL_OUT_FAIL
	       : v == PCT_PRINTED                   ? BL_OUT_INSUFFICIENT
						    : BL_OUT_PASS;
}

static void pct_finding(bl_doc *doc, bl_rule_id rule, const bl_fact *pf, int verdict, bl_dec expected,
			const char *what, const bl_fact *e1, const bl_fact *e2)
{
	/* a percent cut off instead of rounded: a warning, whatever the rule */
	bl_severity sev = verdict == PCT_WRONG       ? bl_rule_sev(rule)
			  : verdict == PCT_TRUNCATED ? BL_SEV_WARNING
			  : verdict == PCT_PRINTED   ? bl_rule_doubt_sev(rule)
						     : bl_rule_verdict_sev(rule, 1);
	bl_finding *fd = bl_finding_at_fact(doc, rule, sev, pf);
	fd->has_stated = fd->has_expected = 1;
	fd->stated = pf->value;
	fd->expected = expected;
	fd->message = bl_arena_printf(
		&doc->arena, "%s为 %s%%，按%s计算应为 %s%%%s", bl_key_label(doc, pf->key),
		bl_fmt(doc, pf->value), what, bl_fmt(doc, expected),
		verdict == PCT_WRONG       ? ""
		: verdict == PCT_BALANCED  ? "（为使各项占比合计为100%而调整的尾差）"
		: verdict == PCT_TRUNCATED ? "（疑为截尾取数，未四舍五入）"
		: verdict == PCT_PRINTED
			? "（有金额印出的小数位少于全文，如整数万元，若系四舍五入所得则在舍入范围内，"
			  "请人工核对）"
			: "（差异在各数字四舍五入范围内）");
	fd->suggestion = verdict == PCT_WRONG || verdict == PCT_PRINTED
				 ? bl_arena_printf(&doc->arena, "将百分比改为 %s%%，或核对参与计算的金额。",
						   bl_fmt(doc, expected))
			 : verdict == PCT_TRUNCATED ? bl_arena_printf(&doc->arena, "按四舍五入改为 %s%%。",
								      bl_fmt(doc, expected))
			 : verdict == PCT_BALANCED
				 ? "尾差调整可不修改；如按四舍五入列示，各项合计将不等于100%，宜加注说明。"
				 : "仅为舍入差异，可不修改。";
	if (e1)
		bl_finding_evidence(doc, fd, e1->pos, e1->text);
	if (e2)
		bl_finding_evidence(doc, fd, e2->pos, e2->text);
}

/* The percents current ÷ (current − change) × change reaches over the
 * ranges of the current amount (cr) and of its change (gr). */
static bl_range change_reach(bl_range cr, bl_range gr)
{
	/* previous = current - change: widest when the errors oppose */
	int64_t d1 = cr.lo - gr.hi, d2 = cr.hi - gr.lo;
	if (d1 <= 0) /* a base that may be zero: any percent */
		return (bl_range){INT64_MIN, INT64_MAX};
	bl_range reach = pct_range(gr.lo, gr.hi, d1, d2);
	/* pct_range corners assume independence; c and d share chg, so
	 * evaluate the exact extremes over the (cur, chg) box as well */
	int64_t cs[2] = {gr.lo, gr.hi}, us[2] = {cr.lo, cr.hi};
	for (int a = 0; a < 2; a++)
		for (int b = 0; b < 2; b++) {
			int64_t d = us[b] - cs[a];
			if (d <= 0)
				continue;
			bl_range one = pct_range(cs[a], cs[a], d, d);
			if (one.lo < reach.lo)
				reach.lo = one.lo;
			if (one.hi > reach.hi)
				reach.hi = one.hi;
		}
	return reach;
}

/* The percents part ÷ whole reaches with both as printed (a whole at or
 * below zero reaches nothing). */
static bl_range ratio_reach(const bl_fact *part, const bl_fact *whole)
{
	bl_range pr = bl_dec_range(bl_fact_wan_printed(part)), wr = bl_dec_range(bl_fact_wan_printed(whole));
	if (wr.lo <= 0)
		return (bl_range){1, 0};
	return pct_range(pr.lo, pr.hi, wr.lo, wr.hi);
}

/* The current value a change or percent refers to. */
static int current_of(const bl_doc *doc, int fi)
{
	const bl_fact *f = &doc->facts[fi];
	int a = f->anchor;
	while (a >= 0 && doc->facts[a].measure != BL_M_VALUE)
		a = doc->facts[a].anchor;
	if (a >= 0 && strcmp(doc->facts[a].key, f->key) == 0)
		return a;
	/* nearest preceding value of the same key in the same paragraph (the
	 * paragraph's facts are contiguous), else the first one */
	int first = bl_fact_find(doc, f->key, BL_M_VALUE, BL_B_NONE, f->period);
	int j = bl_fact_last_before(doc, first, fi);
	return j >= 0 && doc->facts[j].paragraph == f->paragraph ? j : first;
}

/* The change a percent refers to: its anchor, or the nearest preceding
 * change of its key in its sentence (prev: the nearest preceding change of
 * the key anywhere; the sentence's facts are contiguous). */
static int change_of(const bl_doc *doc, int fi, const int *prev)
{
	const bl_fact *f = &doc->facts[fi];
	if (f->anchor >= 0 && doc->facts[f->anchor].measure == BL_M_CHANGE)
		return f->anchor;
	int j = prev[fi];
	return j >= 0 && doc->facts[j].sentence == f->sentence ? j : -1;
}

static void check_change_pct(bl_doc *doc)
{
	int *prevchg = bl_xmalloc((doc->nfacts ? doc->nfacts : 1) * sizeof *prevchg);
	bl_kmap last = BL_KMAP_INIT;
	for (size_t i = 0; i < doc->nfacts; i++) {
		const bl_fact *f = &doc->facts[i];
		const int *v = f->measure == BL_M_CHANGE_PCT ? bl_kmap_get(&last, f->key, 0, 0, 0) : NULL;
		prevchg[i] = v ? *v : -1;
		if (f->measure == BL_M_CHANGE)
			*bl_kmap_get(&last, f->key, 0, 0, 1) = (int)i;
	}
	bl_kmap_free(&last);
	for (size_t i = 0; i < doc->nfacts; i++) {
		const bl_fact *pf = &doc->facts[i];
		if (pf->measure != BL_M_CHANGE_PCT)
			continue;
		int ci = change_of(doc, (int)i, prevchg);
		int vi = ci >= 0 ? current_of(doc, ci) : -1;
		if (ci < 0 || vi < 0) {
			bl_outcome_count(doc, BL_R_CHANGE_PCT, BL_OUT_INSUFFICIENT);
			continue;
		}
		const bl_fact *cf = &doc->facts[ci], *vf = &doc->facts[vi];
		/* direction words of the amount and the percent must agree */
		if (cf->word_sign && pf->word_sign && cf->word_sign != pf->word_sign) {
			bl_finding *fd = bl_finding_at_fact(doc, BL_R_CHANGE_DIRECTION,
							    bl_rule_sev(BL_R_CHANGE_DIRECTION), pf);
			fd->message = bl_arena_printf(
				&doc->arena, "同一比较中金额为%s %s，百分比却为%s %s%%，方向矛盾",
				cf->word_sign > 0 ? "增加" : "减少",
				bl_fmt(doc, bl_dec_neg(cf->value).u < 0 ? cf->value : bl_dec_neg(cf->value)),
				pf->word_sign > 0 ? "增长" : "下降",
				bl_fmt(doc, pf->value.u < 0 ? bl_dec_neg(pf->value) : pf->value));
			fd->suggestion = "核对增减方向，统一方向用词（增加/增长 或 减少/下降）。";
			bl_finding_evidence(doc, fd, cf->pos, cf->text);
			bl_outcome_count(doc, BL_R_CHANGE_DIRECTION, BL_OUT_FAIL);
			continue;
		}
		bl_outcome_count(doc, BL_R_CHANGE_DIRECTION, BL_OUT_PASS);
		bl_dec cur = bl_fact_wan(vf), chg = bl_fact_wan(cf);
		bl_dec prev = bl_dec_sub(cur, chg);
		bl_range cr = bl_dec_range(cur), gr = bl_dec_range(chg);
		/* previous = current - change: widest when the errors oppose */
		int64_t d1 = cr.lo - gr.hi;
		if (prev.u == 0 || d1 <= 0) {
			bl_finding *fd = bl_finding_at_fact(doc, BL_R_CHANGE_ZERO_BASE,
							    bl_rule_sev(BL_R_CHANGE_ZERO_BASE), pf);
			fd->message = bl_arena_printf(
				&doc->arena,
				"%s为 %s万元、增减额为 %s万元，比较基数（%s）为 %s，增减百分比 %s%% 无意义",
				bl_key_label(doc, pf->key), bl_fmt(doc, cur), bl_fmt(doc, chg),
				basis_words(cf->basis), bl_fmt(doc, prev), bl_fmt(doc, pf->value));
			fd->suggestion = "比较基数为零时不写增长率，改为说明为新增支出及其原因。";
			bl_finding_evidence(doc, fd, cf->pos, cf->text);
			bl_outcome_count(doc, BL_R_CHANGE_ZERO_BASE, BL_OUT_FAIL);
			bl_outcome_count(doc, BL_R_CHANGE_PCT, BL_OUT_NOT_APPLICABLE);
			continue;
		}
		bl_outcome_count(doc, BL_R_CHANGE_ZERO_BASE, BL_OUT_PASS);
		bl_dec exact = bl_dec_percent(chg, prev, BL_DEC_SCALE - 2);
		bl_dec expected = bl_dec_round(exact, pf->value.prec);
		int v = pct_verdict(pf->value, exact, change_reach(cr, gr));
		v = printed_verdict(v, pf->value,
				    change_reach(bl_dec_range(bl_fact_wan_printed(vf)),
						 bl_dec_range(bl_fact_wan_printed(cf))));
		bl_outcome_count(doc, BL_R_CHANGE_PCT, pct_outcome(v));
		if (v)
			pct_finding(doc, BL_R_CHANGE_PCT, pf, v, expected,
				    bl_arena_printf(&doc->arena, "增减额 %s ÷ %s %s", bl_fmt(doc, chg),
						    basis_words(cf->basis), bl_fmt(doc, prev)),
				    cf, vf);
	}
	free(prevchg);
}

/* The whole a share is taken of. */
static const char *parent_key(bl_doc *doc, const char *key)
{
	const char *dot = strchr(key, '.');
	if (strncmp(key, "sangong.", 8) == 0)
		return strcmp(key, BLK_SG_TOTAL) ? BLK_SG_TOTAL : NULL;
	if (strncmp(key, "procurement.", 12) == 0)
		return strcmp(key, BLK_PROC_TOTAL) ? BLK_PROC_TOTAL : NULL;
	if (strncmp(key, "total.income.", 13) == 0)
		return BLK_TOTAL_INCOME;
	if (!dot)
		return NULL;
	const char *item = dot + 1;
	int sl = (int)(dot - key);
	if (!strcmp(item, BLK_I_BASIC) || !strcmp(item, BLK_I_PROJECT) || !strncmp(item, "func.", 5))
		return bl_arena_printf(&doc->arena, "%.*s." BLK_I_EXPENSE, sl, key);
	if (!strcmp(item, BLK_I_PERSONNEL) || !strcmp(item, BLK_I_PUBLIC))
		return bl_arena_printf(&doc->arena, "%.*s." BLK_I_BASIC, sl, key);
	if (!strcmp(item, BLK_I_INCOME) && strncmp(key, "total.", 6))
		return BLK_TOTAL_INCOME;
	if (!strcmp(item, BLK_I_EXPENSE) && strncmp(key, "total.", 6))
		return BLK_TOTAL_EXPENSE;
	return NULL;
}

/* The whole key a share fact is of. */
static const char *whole_key(bl_doc *doc, const bl_fact *sf)
{
	return sf->whole ? sf->whole : parent_key(doc, sf->key);
}

/* The shares of the document: each share fact's whole key (whole_key),
 * read once, and what balanced_share found for each statement of a whole,
 * period and precision, so that the shares of one list read it once. */
typedef struct shares {
	const char **whole; /* per fact, NULL for other measures */
	bl_kmap lists;      /* (NULL, wi, period and precision) -> balanced */
} shares;

static int64_t list_tag(int period, int prec)
{
	return (int64_t)((uint64_t)(uint32_t)period << 32 | (uint32_t)prec);
}

/* Do the shares of period and precision taken of the statement wi of a
 * whole (those after it, up to its next statement) add up to exactly 100%
 * as printed, where the plainly rounded ones would not? */
static int balanced_list(bl_doc *doc, const shares *sh, int wi, int period, int prec)
{
	const bl_fact *wf = &doc->facts[wi];
	bl_dec whole = bl_fact_wan(wf);
	bl_dec printed = {0, prec}, rounded = {0, prec};
	int n = 0;
	for (size_t j = (size_t)wi + 1; j < doc->nfacts; j++) {
		const bl_fact *o = &doc->facts[j];
		if (o->measure == BL_M_VALUE && o->basis == BL_B_NONE && !strcmp(o->key, wf->key))
			break; /* the whole stated again: another list */
		if (o->measure != BL_M_SHARE_PCT || o->period != period)
			continue;
		const char *ok = sh->whole[j];
		if (!ok || strcmp(ok, wf->key) || o->value.prec != prec)
			continue;
		int pi = o->anchor >= 0 && doc->facts[o->anchor].measure == BL_M_VALUE ? o->anchor : -1;
		if (pi < 0)
			return 0;
		bl_dec e = bl_dec_round(bl_dec_percent(bl_fact_wan(&doc->facts[pi]), whole, BL_DEC_SCALE - 2),
					o->value.prec);
		printed = bl_dec_add(printed, o->value);
		rounded = bl_dec_add(rounded, e);
		n++;
	}
	const int64_t hundred = 100 * 1000000;
	return n >= 2 && printed.u == hundred && rounded.u != hundred;
}

/* A share one unit off its rounded value is a balancing adjustment (尾差调整)
 * when the shares taken of the same statement of the whole (those after it,
 * up to its next statement) add up to exactly 100% as printed, and the
 * plainly rounded shares would not. */
static int balanced_share(bl_doc *doc, shares *sh, size_t i, int wi, bl_dec expected)
{
	const bl_fact *sf = &doc->facts[i], *wf = &doc->facts[wi];
	int64_t unit = 2 * bl_dec_half_unit(sf->value.prec);
	int64_t diff = sf->value.u - expected.u;
	if (unit == 0 || (diff != unit && diff != -unit))
		return 0;
	bl_dec whole = bl_fact_wan(wf);
	if (whole.u <= 0)
		return 0;
	int *memo = bl_kmap_get(&sh->lists, NULL, wi, list_tag(sf->period, sf->value.prec), 1);
	if (*memo < 0)
		*memo = balanced_list(doc, sh, wi, sf->period, sf->value.prec);
	return *memo;
}

/* A share above 100% (beyond its rounding) whose figures are not stated:
 * no part is larger than its whole. */
static void share_above_whole(bl_doc *doc, const bl_fact *sf)
{
	bl_range s = bl_dec_range(sf->value);
	if (s.lo <= (int64_t)100 * 1000000) {
		bl_outcome_count(doc, BL_R_SHARE_PCT, BL_OUT_INSUFFICIENT);
		return;
	}
	bl_outcome_count(doc, BL_R_SHARE_PCT, BL_OUT_FAIL);
	bl_finding *fd = bl_finding_at_fact(doc, BL_R_SHARE_PCT, bl_rule_sev(BL_R_SHARE_PCT), sf);
	fd->has_stated = 1;
	fd->stated = sf->value;
	fd->message = bl_arena_printf(&doc->arena, "%s占比为 %s%%，超过100%%：部分不能大于其总额",
				      bl_key_label(doc, sf->key), bl_fmt(doc, sf->value));
	fd->suggestion = "核对占比及其所依据的金额。";
}

static void check_shares(bl_doc *doc)
{
	shares sh = {bl_xcalloc(doc->nfacts ? doc->nfacts : 1, sizeof *sh.whole), BL_KMAP_INIT};
	for (size_t i = 0; i < doc->nfacts; i++)
		if (doc->facts[i].measure == BL_M_SHARE_PCT)
			sh.whole[i] = whole_key(doc, &doc->facts[i]);
	for (size_t i = 0; i < doc->nfacts; i++) {
		const bl_fact *sf = &doc->facts[i];
		if (sf->measure != BL_M_SHARE_PCT)
			continue;
		/* the amount of the share's own item (基本支出占83.3% without 基本支出's
		 * amount has none: the total before it is its whole, not its part) */
		int pi = sf->anchor >= 0 && doc->facts[sf->anchor].measure == BL_M_VALUE &&
					 !strcmp(doc->facts[sf->anchor].key, sf->key)
				 ? sf->anchor
				 : -1;
		const char *wk = sh.whole[i];
		int wi = -1;
		if (wk && pi >= 0) {
			/* nearest preceding statement of the whole, else the first */
			int first = bl_fact_find(doc, wk, BL_M_VALUE, BL_B_NONE, sf->period);
			wi = bl_fact_last_before(doc, first, pi + 1);
			if (wi < 0)
				wi = first;
		}
		if (pi < 0 || wi < 0) {
			share_above_whole(doc, sf);
			continue;
		}
		bl_dec part = bl_fact_wan(&doc->facts[pi]), whole = bl_fact_wan(&doc->facts[wi]);
		bl_range pr = bl_dec_range(part), wr = bl_dec_range(whole);
		if (whole.u == 0 || wr.lo <= 0) {
			bl_outcome_count(doc, BL_R_SHARE_PCT, BL_OUT_NOT_APPLICABLE);
			continue;
		}
		bl_range reach = pct_range(pr.lo, pr.hi, wr.lo, wr.hi);
		bl_dec exact = bl_dec_percent(part, whole, BL_DEC_SCALE - 2);
		bl_dec expected = bl_dec_round(exact, sf->value.prec);
		int v = pct_verdict(sf->value, exact, reach);
		if ((v == PCT_WRONG || v == PCT_TRUNCATED) && balanced_share(doc, &sh, i, wi, expected))
			v = PCT_BALANCED;
		v = printed_verdict(v, sf->value, ratio_reach(&doc->facts[pi], &doc->facts[wi]));
		bl_outcome_count(doc, BL_R_SHARE_PCT, pct_outcome(v));
		if (v)
			pct_finding(doc, BL_R_SHARE_PCT, sf, v, expected,
				    bl_arena_printf(&doc->arena, "%s ÷ %s %s", bl_fmt(doc, part),
						    bl_key_label(doc, wk), bl_fmt(doc, whole)),
				    &doc->facts[pi], &doc->facts[wi]);
	}
	free(sh.whole);
	bl_kmap_free(&sh.lists);
}

/* 完成年初预算的0% over a budget of 0 (or one that may be 0 within its
 * rounding): no rate exists; the text should say the spending was not
 * budgeted at the start of the year. */
static void completion_zero_base(bl_doc *doc, const bl_fact *cf, const bl_fact *bf, bl_dec act)
{
	const bl_rule_id R = BL_R_COMPLETION_ZERO_BASE;
	bl_outcome_count(doc, R, BL_OUT_FAIL);
	bl_finding *fd = bl_finding_at_fact(doc, R, bl_rule_sev(R), cf);
	fd->has_stated = 1;
	fd->stated = cf->value;
	fd->message = bl_arena_printf(
		&doc->arena, "%s的%s为 %s万元，完成率无从计算（决算数 %s万元），文中却写作 %s%%",
		bl_key_label(doc, cf->key), basis_words(cf->basis), bl_fmt(doc, bl_fact_wan_printed(bf)),
		bl_fmt(doc, act), bl_fmt(doc, cf->value));
	fd->suggestion = "预算数为零时不写完成率，改为说明年初未安排预算及年中追加或调剂的原因。";
	bl_finding_evidence(doc, fd, bf->pos, bf->text);
	/* the rate it gives may be over another budget of the paragraph (全年, 调整) */
	static const bl_basis others[] = {BL_B_ANNUAL_BUDGET, BL_B_ADJUSTED_BUDGET};
	for (size_t k = 0; k < sizeof others / sizeof others[0]; k++) {
		int oi = bl_fact_find(doc, cf->key, BL_M_VALUE, others[k], cf->period);
		if (oi < 0 || doc->facts[oi].paragraph != cf->paragraph)
			continue;
		bl_dec other = bl_fact_wan(&doc->facts[oi]);
		if (other.u <= 0 ||
		    bl_dec_round(bl_dec_percent(act, other, BL_DEC_SCALE - 2), cf->value.prec).u !=
			    cf->value.u)
			continue;
		fd->message = bl_arena_printf(
			&doc->arena, "%s；%s%% 是按%s %s万元计算的完成率，所称比较基数不对", fd->message,
			bl_fmt(doc, cf->value), basis_words(others[k]), bl_fmt(doc, other));
		fd->suggestion = bl_arena_printf(
			&doc->arena, "改为“完成%s的%s%%”，并说明年初未安排预算、年中追加的原因。",
			!strcmp(basis_words(others[k]), "全年预算数") ? "全年预算" : "调整预算",
			bl_fmt(doc, cf->value));
		bl_finding_evidence(doc, fd, doc->facts[oi].pos, doc->facts[oi].text);
		break;
	}
}

static void check_completion(bl_doc *doc)
{
	/* the nearest preceding value of the key in the paragraph, budgeted and
	 * actual: the last one so far of each, when in the paragraph */
	bl_kmap last = BL_KMAP_INIT;
	for (size_t i = 0; i < doc->nfacts; i++) {
		const bl_fact *cf = &doc->facts[i];
		if (cf->measure == BL_M_VALUE)
			*bl_kmap_get(&last, cf->key, cf->basis, 0, 1) = (int)i;
		if (cf->measure != BL_M_COMPLETION_PCT)
			continue;
		/* the budgeted figure of the basis the rate names (年初, 全年) */
		const int *pa = bl_kmap_get(&last, cf->key, BL_B_NONE, 0, 0),
			  *pb = bl_kmap_get(&last, cf->key, cf->basis, 0, 0);
		int ai = pa && doc->facts[*pa].paragraph == cf->paragraph ? *pa : -1;
		int bi = pb && doc->facts[*pb].paragraph == cf->paragraph ? *pb : -1;
		if (ai < 0 || bi < 0) {
			bl_outcome_count(doc, BL_R_COMPLETION_PCT, BL_OUT_INSUFFICIENT);
			continue;
		}
		bl_dec act = bl_fact_wan(&doc->facts[ai]), bud = bl_fact_wan(&doc->facts[bi]);
		bl_range ar = bl_dec_range(act), br = bl_dec_range(bud);
		if (bud.u == 0 || br.lo <= 0) {
			bl_outcome_count(doc, BL_R_COMPLETION_PCT, BL_OUT_NOT_APPLICABLE);
			completion_zero_base(doc, cf, &doc->facts[bi], act);
			continue;
		}
		bl_outcome_count(doc, BL_R_COMPLETION_ZERO_BASE, BL_OUT_PASS);
		bl_range reach = pct_range(ar.lo, ar.hi, br.lo, br.hi);
		bl_dec exact = bl_dec_percent(act, bud, BL_DEC_SCALE - 2);
		bl_dec expected = bl_dec_round(exact, cf->value.prec);
		int v = pct_verdict(cf->value, exact, reach);
		v = printed_verdict(v, cf->value, ratio_reach(&doc->facts[ai], &doc->facts[bi]));
		bl_outcome_count(doc, BL_R_COMPLETION_PCT, pct_outcome(v));
		if (v)
			pct_finding(doc, BL_R_COMPLETION_PCT, cf, v, expected,
				    bl_arena_printf(&doc->arena, "决算数 %s ÷ %s %s", bl_fmt(doc, act),
						    basis_words(cf->basis), bl_fmt(doc, bud)),
				    &doc->facts[ai], &doc->facts[bi]);
	}
	bl_kmap_free(&last);
}

/* current - previous = change, when all three are stated. */
static void check_change_arith(bl_doc *doc)
{
	for (size_t i = 0; i < doc->nfacts; i++) {
		const bl_fact *cf = &doc->facts[i];
		if (cf->measure != BL_M_CHANGE)
			continue;
		if (cf->zero_word == 0 && cf->value.u == 0 && cf->word_sign) {
			bl_finding *fd = bl_finding_at_fact(doc, BL_R_CHANGE_ZERO_WORDING,
							    bl_rule_sev(BL_R_CHANGE_ZERO_WORDING), cf);
			fd->message = bl_arena_printf(&doc->arena, "%s“%s0”：增减额为零",
						      bl_key_label(doc, cf->key),
						      cf->word_sign > 0 ? "增加" : "减少");
			fd->suggestion = "改为“与上年持平”或“无增减”。";
			bl_outcome_count(doc, BL_R_CHANGE_ZERO_WORDING, BL_OUT_FAIL);
		}
		int vi = current_of(doc, (int)i);
		if (vi >= 0 && cf->unit && strcmp(cf->unit, "%")) {
			/* money cannot have been negative last year */
			bl_dec cur = bl_fact_wan(&doc->facts[vi]), chg = bl_fact_wan(cf);
			int64_t slack = bl_dec_half_unit(cur.prec) + bl_dec_half_unit(chg.prec);
			bl_dec base = bl_dec_sub(cur, chg);
			int neg = base.u < -slack;
			bl_outcome_count(doc, BL_R_CHANGE_BASE_NEGATIVE, neg ? BL_OUT_FAIL : BL_OUT_PASS);
			if (neg) {
				bl_finding *fd =
					bl_finding_at_fact(doc, BL_R_CHANGE_BASE_NEGATIVE,
							   bl_rule_sev(BL_R_CHANGE_BASE_NEGATIVE), cf);
				fd->has_stated = 1;
				fd->stated = chg;
				fd->message = bl_arena_printf(
					&doc->arena, "%s为 %s，增加 %s，则%s为 %s，金额不可能为负",
					bl_key_label(doc, cf->key), bl_fmt(doc, cur), bl_fmt(doc, chg),
					basis_words(cf->basis), bl_fmt(doc, base));
				fd->suggestion = "核对增减额与方向用词（常见于复制上一句的增减额）。";
				bl_finding_evidence(doc, fd, doc->facts[vi].pos, doc->facts[vi].text);
			}
		}
		/* the figure of the base the change names, never one of another base */
		int bp;
		bl_basis bb = bl_basis_compared(cf->basis, doc->profile.kind, cf->period, &bp);
		int pi = bl_fact_find(doc, cf->key, BL_M_VALUE, bb, bp);
		if (vi < 0 || pi < 0) {
			bl_outcome_count(doc, BL_R_CHANGE_ARITH, BL_OUT_INSUFFICIENT);
			continue;
		}
		bl_dec cur = bl_fact_wan(&doc->facts[vi]), prev = bl_fact_wan(&doc->facts[pi]);
		bl_dec chg = bl_fact_wan(cf);
		bl_dec diff = bl_dec_sub(cur, prev);
		int64_t slack =
			bl_dec_half_unit(cur.prec) + bl_dec_half_unit(prev.prec) + bl_dec_half_unit(chg.prec);
		int64_t printed = bl_dec_half_unit(bl_fact_wan_printed(&doc->facts[vi]).prec) +
				  bl_dec_half_unit(bl_fact_wan_printed(&doc->facts[pi]).prec) +
				  bl_dec_half_unit(bl_fact_wan_printed(cf).prec);
		int v = bl_round_verdict_printed(chg.u, diff.u, slack, printed);
		bl_outcome_count(doc, BL_R_CHANGE_ARITH,
				 v == BL_V_WRONG     ? BL_OUT_FAIL
				 : v == BL_V_PRINTED ? BL_OUT_INSUFFICIENT
						     : BL_OUT_PASS);
		if (!v)
			continue;
		int flipped = v == BL_V_WRONG && chg.u == -diff.u;
		bl_rule_id rule = flipped ? BL_R_CHANGE_DIRECTION : BL_R_CHANGE_ARITH;
		bl_finding *fd = bl_finding_at_fact(doc, rule, bl_rule_verdict_sev(rule, v), cf);
		fd->has_stated = fd->has_expected = 1;
		fd->stated = chg;
		fd->expected = diff;
		fd->message =
			bl_arena_printf(&doc->arena, "%s %s − %s %s = %s，文中增减额为 %s%s",
					bl_key_label(doc, cf->key), bl_fmt(doc, cur), basis_words(cf->basis),
					bl_fmt(doc, prev), bl_fmt(doc, diff), bl_fmt(doc, chg),
					flipped              ? "，方向用词相反"
					: v == BL_V_ROUNDING ? "（舍入差异）"
					: v == BL_V_PRINTED ? "；有数字印出的小数位少于全文（如整数万元），"
							      "若系四舍五入所得则在舍入范围内，请人工核对"
							    : "");
		fd->suggestion = bl_arena_printf(&doc->arena, "将增减额改为 %s。", bl_fmt(doc, diff));
		bl_finding_evidence(doc, fd, doc->facts[vi].pos, doc->facts[vi].text);
		bl_finding_evidence(doc, fd, doc->facts[pi].pos, doc->facts[pi].text);
	}
}

static void check_per_person(bl_doc *doc)
{
	for (size_t i = 0; i < doc->nfacts; i++) {
		const bl_fact *pf = &doc->facts[i];
		if (pf->measure != BL_M_VALUE || strcmp(pf->key, BLK_RECEPTION_PER))
			continue;
		int ri = bl_fact_find(doc, BLK_SG_RECEPTION, BL_M_VALUE, BL_B_NONE, pf->period);
		int ni = bl_fact_find(doc, BLK_RECEPTION_PEOPLE, BL_M_VALUE, BL_B_NONE, pf->period);
		if (ri < 0 || ni < 0 || doc->facts[ni].value.u <= 0) {
			bl_outcome_count(doc, BL_R_PER_PERSON_RECEPTION, BL_OUT_INSUFFICIENT);
			continue;
		}
		/* 万元 x 10000 / people = 元 per person */
		bl_dec money = bl_fact_wan(&doc->facts[ri]);
		int64_t people = doc->facts[ni].value.u / 1000000;
		bl_range mr = bl_dec_range(money);
		bl_i128 lo = (bl_i128)mr.lo * 10000 / people,
			hi = ((bl_i128)mr.hi * 10000 + people - 1) / people;
		bl_dec exact = {(int64_t)((bl_i128)money.u * 10000 / people), BL_DEC_SCALE};
		bl_dec stated = pf->value;
		bl_dec expected = bl_dec_round(exact, stated.prec);
		bl_range sr = bl_dec_range(stated);
		int v = expected.u == stated.u ? 0 : (sr.hi >= lo && sr.lo <= hi) ? 1 : 2;
		bl_outcome_count(doc, BL_R_PER_PERSON_RECEPTION,
				 v == PCT_WRONG || v == PCT_TRUNCATED ? BL_OUT_FAIL : BL_OUT_PASS);
		if (!v)
			continue;
		bl_finding *fd = bl_finding_at_fact(doc, BL_R_PER_PERSON_RECEPTION,
						    bl_rule_verdict_sev(BL_R_PER_PERSON_RECEPTION, v), pf);
		fd->has_stated = fd->has_expected = 1;
		fd->stated = stated;
		fd->expected = expected;
		bl_dec lod = {(int64_t)lo, 2}, hid = {(int64_t)hi, 2};
		fd->message = bl_arena_printf(
			&doc->arena,
			"人均接待费 %s元，按公务接待费 %s万元 ÷ %lld人 计算为 %s元%s（可达范围 %s–%s元）",
			bl_fmt(doc, stated), bl_fmt(doc, money), (long long)people, bl_fmt(doc, expected),
			v == 1 ? "，差异在接待费四舍五入范围内" : "", bl_fmt(doc, bl_dec_round(lod, 2)),
			bl_fmt(doc, bl_dec_round(hid, 2)));
		fd->suggestion = v == 1 ? "按公开的万元数复算结果不同，建议注明按元计算或改为复算值。"
					: bl_arena_printf(&doc->arena, "改为 %s元，或核对接待费与人次。",
							  bl_fmt(doc, expected));
		bl_finding_evidence(doc, fd, doc->facts[ri].pos, doc->facts[ri].text);
		bl_finding_evidence(doc, fd, doc->facts[ni].pos, doc->facts[ni].text);
	}
}

void bl_rules_change(bl_doc *doc)
{
	check_change_arith(doc);
	check_change_pct(doc);
	check_shares(doc);
	check_completion(doc);
	check_per_person(doc);
	bl_compare_words(doc);
}
