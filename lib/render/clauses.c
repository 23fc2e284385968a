/* clauses.c - the template's phrases, written from figures.
 *
 * Every figure the input states is printed as stated (rounded once to the
 * source's precision); a figure the template needs and the input does not
 * state is computed exactly: a change from this year's and last year's
 * values, a percent from the change and its base (none from a zero base),
 * a share of its whole (the shares of one whole balanced by largest
 * remainder so that they add up to 100%). Wording is the templates': 比上年
 * 增加/减少X万元，增长/下降Y%; 与上年持平; 占Z%; 完成年初预算的W%. A reason
 * the template requires and the input lacks, or a required figure, is a
 * marked gap (【待补充：…】) and a note, never made-up text. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rmodel.h"

void rg_note(gen *g, bl_severity sev, const char *rule, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	bl_render_note *x = BL_PUSH(g->n->notes, g->n->nn, g->n->capn);
	x->severity = sev;
	x->rule = rule;
	x->message = bl_arena_strndup(&g->n->arena, msg, strlen(msg));
}

/* --- paragraphs --- */

void rg_put(gen *g, const char *fmt, ...)
{
	char tmp[4096];
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (k >= (int)sizeof tmp) { /* long free text */
		char *big = bl_xmalloc((size_t)k + 1);
		va_start(ap, fmt);
		vsnprintf(big, (size_t)k + 1, fmt, ap);
		va_end(ap);
		bl_buf_put(&g->p, big, (size_t)k);
		free(big);
		return;
	}
	bl_buf_put(&g->p, tmp, (size_t)k);
}

void rg_block(gen *g, int level, const char *s, size_t n)
{
	rblock *b = BL_PUSH(g->u->b, g->u->nb, g->u->capb);
	b->level = level;
	b->text = bl_arena_strndup(&g->n->arena, s, n);
}

void rg_end_para(gen *g)
{
	g->reasoned = 0;
	if (g->p.n)
		rg_block(g, 9, g->p.p, g->p.n);
	g->p.n = 0;
}

/* A free text of several lines: one paragraph each. */
void rg_put_lines(gen *g, const char *text)
{
	rg_end_para(g);
	for (const char *s = text; *s;) {
		const char *e = strchr(s, '\n');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (n)
			rg_block(g, 9, s, n);
		s += n + (e ? 1 : 0);
	}
}

void rg_gap(gen *g, const char *what)
{
	rg_put(g, GAP_OPEN "【待补充：%s】" GAP_CLOSE, what);
	rg_note(g, BL_SEV_WARNING, "render.gap", "缺少%s，已在文中标注【待补充】", what);
}

/* --- figures --- */

const rfact *rg_get(gen *g, const char *key, bl_measure m, bl_basis b, int period)
{
	const rfact *f = rin_find(g->in, key, m, b, period);
	if (f)
		g->used[f - g->in->f] = 1;
	return f;
}

int rg_val(gen *g, const char *key, bl_dec *v)
{
	const rfact *f = rg_get(g, key, BL_M_VALUE, BL_B_NONE, g->Y);
	if (f)
		*v = f->v;
	return f != NULL;
}

int rg_has(gen *g, const char *key)
{
	return rin_find(g->in, key, BL_M_VALUE, BL_B_NONE, g->Y) != NULL;
}

const char *rg_amt(gen *g, bl_dec v, char *buf)
{
	return bl_dec_format(bl_dec_round(v, g->ap), buf);
}

const char *rg_pct(gen *g, bl_dec v, char *buf)
{
	v = bl_dec_round(v, g->pp);
	if (v.u < 0)
		v.u = -v.u;
	return bl_dec_format(v, buf);
}

static void label(const char *key, char *out, size_t cap)
{
	bl_key_label_buf(key, out, cap);
}

/* 比2023年 / 比2023年度 / 较年初预算数 */
static void lead(gen *g, bl_basis b, char *out, size_t cap)
{
	if (b == BL_B_INITIAL_BUDGET)
		snprintf(out, cap, "较年初预算数");
	else
		snprintf(out, cap, "比%d年%s", g->Y - 1, g->kind == BL_KIND_FINAL ? "度" : "");
}

static void strip_stop(const char *s, char *out, size_t cap)
{
	snprintf(out, cap, "%s", s);
	size_t n = strlen(out);
	while (n >= 3 &&
	       (!strcmp(out + n - 3, "。") || !strcmp(out + n - 3, "；") || !strcmp(out + n - 3, "，")))
		out[n -= 3] = 0;
}

/* The change of key against basis, with its percent and reason:
 * "比2023年增加14.50万元，增长2.51%，主要原因是…" or "与2023年持平".
 * Writes nothing when the input gives no way to know the change. */
void rg_change(gen *g, const char *key, bl_basis b)
{
	bl_dec cur = {0, 0}, base = {0, 0}, chg;
	int have_cur = rg_val(g, key, &cur), have_base = 0;
	const rfact *bf = b == BL_B_PREV_YEAR ? rg_get(g, key, BL_M_VALUE, BL_B_NONE, g->Y - 1)
					      : rg_get(g, key, BL_M_VALUE, BL_B_INITIAL_BUDGET, g->Y);
	if (bf)
		base = bf->v, have_base = 1;
	const rfact *cf = rg_get(g, key, BL_M_CHANGE, b, g->Y);
	if (cf)
		chg = cf->v;
	else if (have_cur && have_base)
		chg = bl_dec_sub(cur, base);
	else
		return;
	if (!have_base && have_cur)
		base = bl_dec_sub(cur, chg), have_base = 1;
	char ld[64], a[48], p[48];
	const char *comma = g->bare ? "" : g->reasoned ? "；" : "，";
	g->bare = 0;
	g->reasoned = 0;
	lead(g, b, ld, sizeof ld);
	bl_dec rc = bl_dec_round(chg, g->ap);
	if (rc.u == 0) {
		if (b == BL_B_INITIAL_BUDGET)
			rg_put(g, "%s与年初预算持平", comma);
		else
			rg_put(g, "%s与%d年%s持平", comma, g->Y - 1, g->kind == BL_KIND_FINAL ? "度" : "");
	} else {
		bl_dec mag = rc;
		if (mag.u < 0)
			mag.u = -mag.u;
		rg_put(g, "%s%s%s%s万元", comma, ld, rc.u > 0 ? "增加" : "减少", rg_amt(g, mag, a));
	}
	/* the percent: stated, else from the change and a non-zero base */
	const rfact *pf = rg_get(g, key, BL_M_CHANGE_PCT, b, g->Y);
	/* a base that the printed figures cannot tell from zero gives no percent */
	bl_dec pb = bl_dec_round(base, g->ap);
	int64_t tiny = 2 * bl_dec_half_unit(g->ap);
	int zero_base = have_base && rc.u != 0 && (pb.u < 0 ? -pb.u : pb.u) <= tiny;
	bl_dec pv = {0, 0};
	int have_pct = 0;
	if (pf && zero_base) {
		char l[256], d[48];
		label(key, l, sizeof l);
		rg_note(g, BL_SEV_WARNING, "render.zero_base", "%s%s的比较基数为零，不写增长率（输入为%s%%）",
			l, ld, bl_dec_format(pf->v, d));
	} else if (pf)
		pv = pf->v, have_pct = 1;
	else if (have_base && base.u > 0 && rc.u != 0 && !zero_base)
		pv = bl_dec_percent(chg, base, g->pp), have_pct = 1;
	if (have_pct && rc.u != 0)
		rg_put(g, "，%s%s%%", rc.u > 0 ? "增长" : "下降", rg_pct(g, pv, p));
	/* the reason */
	const char *why = rin_text(g->in, "reason", key, b);
	int64_t big = (int64_t)g->reason_pct * 1000000;
	int need = rc.u != 0 && (zero_base || (have_pct && (pv.u >= big || pv.u <= -big)));
	if (why) {
		char r[4096];
		strip_stop(why, r, sizeof r);
		rg_put(g, "，主要原因是%s", r);
		g->reasoned = 1;
	} else if (need) {
		char l[256], what[512];
		label(key, l, sizeof l);
		snprintf(what, sizeof what, "%s%s%s的主要原因", l, ld, rc.u > 0 ? "增加" : "减少");
		rg_put(g, "，主要原因是");
		rg_gap(g, what);
		g->reasoned = 1;
	}
}

/* Can the change of key against b be written? */
int rg_knows_change(gen *g, const char *key, bl_basis b)
{
	if (rin_find(g->in, key, BL_M_CHANGE, b, g->Y))
		return 1;
	const rfact *base = b == BL_B_PREV_YEAR ? rin_find(g->in, key, BL_M_VALUE, BL_B_NONE, g->Y - 1)
						: rin_find(g->in, key, BL_M_VALUE, BL_B_INITIAL_BUDGET, g->Y);
	return base && rg_has(g, key);
}

/* Both comparisons of one figure: the second starts a sentence of its own
 * with the figure's name ("。公务接待费比2023年度…"), so that no reader
 * (and no extractor) takes it for part of the first one's reason. */
void rg_two_changes(gen *g, const char *name, const char *key, bl_basis first, bl_basis second)
{
	size_t mark = g->p.n;
	rg_change(g, key, first);
	if (rg_knows_change(g, key, second)) {
		if (g->p.n != mark) {
			rg_put(g, "。%s", name);
			g->bare = 1;
		}
		rg_change(g, key, second);
	}
}

/* 主要用于… of an amount, when the input says. */
void rg_use(gen *g, const char *key)
{
	const char *u = rin_text(g->in, "use", key, BL_B_NONE);
	if (u) {
		char r[4096];
		strip_stop(u, r, sizeof r);
		rg_put(g, "，主要用于%s", r);
	}
}

/* Shares of whole for parts, balanced: the rounded shares of parts that add
 * up to the whole are moved by one unit in the last place, largest remainder
 * first, until they add up to 100%. Stated shares are kept. */
void rg_shares(gen *g, const char *whole, const char *const *keys, size_t n, bl_dec *out, int *ok)
{
	bl_dec w, sum = {0, 0};
	int all = rg_val(g, whole, &w) && w.u > 0;
	int64_t rem[32], step = 1;
	for (int i = 0; i < BL_DEC_SCALE - g->pp; i++)
		step *= 10;
	int64_t total = 0;
	for (size_t i = 0; i < n && i < 32; i++) {
		bl_dec v;
		ok[i] = 0;
		const rfact *sf = rg_get(g, keys[i], BL_M_SHARE_PCT, BL_B_NONE, g->Y);
		if (!rg_has(g, keys[i]) || !all) {
			all = 0;
			continue;
		}
		rg_val(g, keys[i], &v);
		sum = bl_dec_add(sum, v);
		bl_dec exact = bl_dec_percent(v, w, BL_DEC_SCALE);
		int64_t down = exact.u / step * step;
		out[i] = (bl_dec){down, g->pp};
		rem[i] = exact.u - down;
		ok[i] = 1;
		if (sf)
			out[i] = sf->v, rem[i] = -1; /* stated: never moved */
		total += out[i].u;
	}
	if (!all || sum.u != w.u) { /* plain rounding */
		for (size_t i = 0; i < n && i < 32; i++)
			if (ok[i] && rem[i] >= 0)
				out[i] = bl_dec_round(
					bl_dec_percent(
						rin_find(g->in, keys[i], BL_M_VALUE, BL_B_NONE, g->Y)->v, w,
						BL_DEC_SCALE),
					g->pp);
		return;
	}
	int64_t want = 100 * (int64_t)1000000;
	while (total < want) {
		size_t best = n;
		for (size_t i = 0; i < n && i < 32; i++)
			if (ok[i] && rem[i] > 0 && (best == n || rem[i] > rem[best]))
				best = i;
		if (best == n)
			break;
		out[best].u += step;
		rem[best] = 0;
		total += step;
	}
}

/* The function classes are the items func.<code> of facts.def: the length
 * of their prefix ("func"), read off the first of them. */
static int func_prefix_len(void)
{
	return (int)(strchr(BLK_I_F201, '.') - BLK_I_F201);
}

/* "一般公共服务支出476.94万元" for each class of scope present, in code order. */
size_t rg_func_keys(gen *g, const char *scope, const char **keys, size_t cap)
{
	size_t n = 0;
	for (int code = 201; code <= 299 && n < cap; code++) {
		char k[64]; /* <scope>.func.<code> */
		snprintf(k, sizeof k, "%s.%.*s.%d", scope, func_prefix_len(), BLK_I_F201, code);
		const rfact *f = rin_find(g->in, k, BL_M_VALUE, BL_B_NONE, g->Y);
		if (f)
			keys[n++] = f->key;
	}
	return n;
}

/* "名称X万元" */
void rg_figure(gen *g, const char *name, const char *key)
{
	bl_dec v;
	char a[48];
	g->reasoned = 0;
	if (rg_val(g, key, &v))
		rg_put(g, "%s%s万元", name, rg_amt(g, v, a));
}

/* The item's own name, without its scope: general.func.201 → 一般公共服务支出. */
const char *rg_item_name(const char *key, char *buf, size_t cap)
{
	const char *dot = strchr(key, '.');
	char bare[256];
	snprintf(bare, sizeof bare, BLK_S_TOTAL ".%s", dot ? dot + 1 : key);
	bl_key_label_buf(bare, buf, cap);
	return buf;
}

/* --- clauses --- */

/* "名称X万元" for each of items the input has, joined by sep. */
void rg_list_figures(gen *g, const char *const (*items)[2], size_t n, const char *sep)
{
	int k = 0;
	for (size_t i = 0; i < n; i++)
		if (rg_has(g, items[i][0])) {
			rg_put(g, "%s", k++ ? sep : "");
			rg_figure(g, items[i][1], items[i][0]);
		}
}

/* "{Y}年（度）" */
void rg_year(gen *g)
{
	rg_put(g, "%d年%s", g->Y, g->kind == BL_KIND_FINAL ? "度" : "");
}

/* "{Y}年（度）名称X万元" when key has a value; 0 (nothing written) if not. */
int rg_year_figure(gen *g, const char *name, const char *key)
{
	if (!rg_has(g, key))
		return 0;
	rg_year(g);
	rg_figure(g, name, key);
	return 1;
}

/* A value of key with its changes: "名称X万元，比2023年…；" */
void rg_item(gen *g, const char *name, const char *key, int with_use)
{
	if (rg_has(g, key))
		rg_figure(g, name, key);
	else { /* only the change is known: 政府性基金预算财政拨款支出与2023年持平 */
		rg_put(g, "%s", name);
		g->bare = 1;
	}
	if (g->kind == BL_KIND_FINAL)
		rg_two_changes(g, name, key, BL_B_INITIAL_BUDGET, BL_B_PREV_YEAR);
	else
		rg_change(g, key, BL_B_PREV_YEAR);
	g->bare = 0;
	/* after the reason, as the templates put it: …主要原因是…，主要用于… */
	if (with_use)
		rg_use(g, key);
}

/* The input's text id, a paragraph a line; else a gap naming what. */
void rg_text_or_gap(gen *g, const char *id, const char *what)
{
	const char *t = rin_text(g->in, id, NULL, BL_B_NONE);
	if (t)
		rg_put_lines(g, t);
	else {
		rg_gap(g, what);
		rg_end_para(g);
	}
}

/* "名称X万元，占Z%" for each of items the input has: shares of whole, balanced (rg_shares). */
void rg_shares_list(gen *g, const char *whole, const char *const (*items)[2], size_t n, const char *sep)
{
	const char *keys[32] = {0};
	bl_dec sh[32] = {{0, 0}};
	int ok[32] = {0};
	size_t m = 0;
	for (size_t i = 0; i < n && m < 32; i++)
		if (rg_has(g, items[i][0]))
			keys[m++] = items[i][0];
	rg_shares(g, whole, keys, m, sh, ok);
	char a[48];
	for (size_t i = 0, j = 0; i < n; i++) {
		if (!rg_has(g, items[i][0]))
			continue;
		rg_put(g, "%s", j ? sep : "");
		rg_figure(g, items[i][1], items[i][0]);
		if (ok[j])
			rg_put(g, "，占%s%%", rg_pct(g, sh[j], a));
		j++;
	}
}

/* "，完成年初预算的W%" of key: stated, else from its value and initial budget. */
void rg_completion(gen *g, const char *key)
{
	const rfact *cp = rg_get(g, key, BL_M_COMPLETION_PCT, BL_B_NONE, g->Y);
	const rfact *bud = rg_get(g, key, BL_M_VALUE, BL_B_INITIAL_BUDGET, g->Y);
	bl_dec v;
	char a[48];
	if (!rg_val(g, key, &v))
		return;
	if (cp)
		rg_put(g, "，完成年初预算的%s%%", rg_pct(g, cp->v, a));
	else if (bud && bud->v.u > 0)
		rg_put(g, "，完成年初预算的%s%%", rg_pct(g, bl_dec_percent(v, bud->v, g->pp), a));
}
