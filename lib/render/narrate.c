/* narrate.c - the 情况说明 of the official template, written from figures.
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

/* One part of the template: a numbered heading and what is under it. */
typedef struct unit {
	const char *id;
	int level; /* 1 一、 2 （一） */
	const char *title;
	rblock *b;
	size_t nb, capb;
} unit;

typedef struct gen {
	const bl_rinput *in;
	bl_narrative *n;
	bl_kind kind;
	int Y;
	int ap, pp; /* decimals of amounts and percents */
	int reason_pct;
	int bare;   /* the next change clause starts without its comma */
	int reasoned; /* the last clause written was a reason: the next change starts with ； */
	char *used; /* per input fact */
	unit *u;    /* the unit being written */
	bl_buf p;   /* the paragraph being written */
} gen;

static void note(gen *g, bl_severity sev, const char *rule, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void note(gen *g, bl_severity sev, const char *rule, const char *fmt, ...)
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

static void put(gen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(gen *g, const char *fmt, ...)
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

static void block(gen *g, int level, const char *s, size_t n)
{
	rblock *b = BL_PUSH(g->u->b, g->u->nb, g->u->capb);
	b->level = level;
	b->text = bl_arena_strndup(&g->n->arena, s, n);
}

static void end_para(gen *g)
{
	g->reasoned = 0;
	if (g->p.n)
		block(g, 9, g->p.p, g->p.n);
	g->p.n = 0;
}

/* A free text of several lines: one paragraph each. */
static void put_lines(gen *g, const char *text)
{
	end_para(g);
	for (const char *s = text; *s;) {
		const char *e = strchr(s, '\n');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (n)
			block(g, 9, s, n);
		s += n + (e ? 1 : 0);
	}
}

static void gap(gen *g, const char *what)
{
	put(g, GAP_OPEN "【待补充：%s】" GAP_CLOSE, what);
	note(g, BL_SEV_WARNING, "render.gap", "缺少%s，已在文中标注【待补充】", what);
}

/* --- figures --- */

static const rfact *get(gen *g, const char *key, bl_measure m, bl_basis b, int period)
{
	const rfact *f = rin_find(g->in, key, m, b, period);
	if (f)
		g->used[f - g->in->f] = 1;
	return f;
}

static int val(gen *g, const char *key, bl_dec *v)
{
	const rfact *f = get(g, key, BL_M_VALUE, BL_B_NONE, g->Y);
	if (f)
		*v = f->v;
	return f != NULL;
}

static int has(gen *g, const char *key)
{
	return rin_find(g->in, key, BL_M_VALUE, BL_B_NONE, g->Y) != NULL;
}

static const char *amt(gen *g, bl_dec v, char *buf)
{
	return bl_dec_format(bl_dec_round(v, g->ap), buf);
}

static const char *pct(gen *g, bl_dec v, char *buf)
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
	while (n >= 3 && (!strcmp(out + n - 3, "。") || !strcmp(out + n - 3, "；") || !strcmp(out + n - 3, "，")))
		out[n -= 3] = 0;
}

/* The change of key against basis, with its percent and reason:
 * "比2023年增加14.50万元，增长2.51%，主要原因是…" or "与2023年持平".
 * Writes nothing when the input gives no way to know the change. */
static void change(gen *g, const char *key, bl_basis b)
{
	bl_dec cur = {0, 0}, base = {0, 0}, chg;
	int have_cur = val(g, key, &cur), have_base = 0;
	const rfact *bf = b == BL_B_PREV_YEAR ? get(g, key, BL_M_VALUE, BL_B_NONE, g->Y - 1)
					      : get(g, key, BL_M_VALUE, BL_B_INITIAL_BUDGET, g->Y);
	if (bf)
		base = bf->v, have_base = 1;
	const rfact *cf = get(g, key, BL_M_CHANGE, b, g->Y);
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
			put(g, "%s与年初预算持平", comma);
		else
			put(g, "%s与%d年%s持平", comma, g->Y - 1, g->kind == BL_KIND_FINAL ? "度" : "");
	} else {
		bl_dec mag = rc;
		if (mag.u < 0)
			mag.u = -mag.u;
		put(g, "%s%s%s%s万元", comma, ld, rc.u > 0 ? "增加" : "减少", amt(g, mag, a));
	}
	/* the percent: stated, else from the change and a non-zero base */
	const rfact *pf = get(g, key, BL_M_CHANGE_PCT, b, g->Y);
	/* a base that the printed figures cannot tell from zero gives no percent */
	bl_dec pb = bl_dec_round(base, g->ap);
	int64_t tiny = 2 * bl_dec_half_unit(g->ap);
	int zero_base = have_base && rc.u != 0 && (pb.u < 0 ? -pb.u : pb.u) <= tiny;
	bl_dec pv = {0, 0};
	int have_pct = 0;
	if (pf && zero_base) {
		char l[256], d[48];
		label(key, l, sizeof l);
		note(g, BL_SEV_WARNING, "render.zero_base", "%s%s的比较基数为零，不写增长率（输入为%s%%）", l, ld,
		     bl_dec_format(pf->v, d));
	} else if (pf)
		pv = pf->v, have_pct = 1;
	else if (have_base && base.u > 0 && rc.u != 0 && !zero_base)
		pv = bl_dec_percent(chg, base, g->pp), have_pct = 1;
	if (have_pct && rc.u != 0)
		put(g, "，%s%s%%", rc.u > 0 ? "增长" : "下降", pct(g, pv, p));
	/* the reason */
	const char *why = rin_text(g->in, "reason", key, b);
	int64_t big = (int64_t)g->reason_pct * 1000000;
	int need = rc.u != 0 && (zero_base || (have_pct && (pv.u >= big || pv.u <= -big)));
	if (why) {
		char r[4096];
		strip_stop(why, r, sizeof r);
		put(g, "，主要原因是%s", r);
		g->reasoned = 1;
	} else if (need) {
		char l[256], what[512];
		label(key, l, sizeof l);
		snprintf(what, sizeof what, "%s%s%s的主要原因", l, ld, rc.u > 0 ? "增加" : "减少");
		put(g, "，主要原因是");
		gap(g, what);
		g->reasoned = 1;
	}
}

/* Can the change of key against b be written? */
static int knows_change(gen *g, const char *key, bl_basis b)
{
	if (rin_find(g->in, key, BL_M_CHANGE, b, g->Y))
		return 1;
	const rfact *base = b == BL_B_PREV_YEAR ? rin_find(g->in, key, BL_M_VALUE, BL_B_NONE, g->Y - 1)
						: rin_find(g->in, key, BL_M_VALUE, BL_B_INITIAL_BUDGET, g->Y);
	return base && has(g, key);
}

/* Both comparisons of one figure: the second starts a sentence of its own
 * with the figure's name ("。公务接待费比2023年度…"), so that no reader
 * (and no extractor) takes it for part of the first one's reason. */
static void two_changes(gen *g, const char *name, const char *key, bl_basis first, bl_basis second)
{
	size_t mark = g->p.n;
	change(g, key, first);
	if (knows_change(g, key, second)) {
		if (g->p.n != mark) {
			put(g, "。%s", name);
			g->bare = 1;
		}
		change(g, key, second);
	}
}

/* 主要用于… of an amount, when the input says. */
static void use(gen *g, const char *key)
{
	const char *u = rin_text(g->in, "use", key, BL_B_NONE);
	if (u) {
		char r[4096];
		strip_stop(u, r, sizeof r);
		put(g, "，主要用于%s", r);
	}
}

/* Shares of whole for parts, balanced: the rounded shares of parts that add
 * up to the whole are moved by one unit in the last place, largest remainder
 * first, until they add up to 100%. Stated shares are kept. */
static void shares(gen *g, const char *whole, const char *const *keys, size_t n, bl_dec *out, int *ok)
{
	bl_dec w, sum = {0, 0};
	int all = val(g, whole, &w) && w.u > 0;
	int64_t rem[32], step = 1;
	for (int i = 0; i < BL_DEC_SCALE - g->pp; i++)
		step *= 10;
	int64_t total = 0;
	for (size_t i = 0; i < n && i < 32; i++) {
		bl_dec v;
		ok[i] = 0;
		const rfact *sf = get(g, keys[i], BL_M_SHARE_PCT, BL_B_NONE, g->Y);
		if (!has(g, keys[i]) || !all) {
			all = 0;
			continue;
		}
		val(g, keys[i], &v);
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
				out[i] = bl_dec_round(bl_dec_percent(rin_find(g->in, keys[i], BL_M_VALUE, BL_B_NONE, g->Y)->v, w,
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

/* "一般公共服务支出476.94万元" for each class of scope present, in code order. */
static size_t func_keys(gen *g, const char *scope, const char **keys, size_t cap)
{
	size_t n = 0;
	for (int code = 201; code <= 299 && n < cap; code++) {
		char k[64];
		snprintf(k, sizeof k, "%s.func.%d", scope, code);
		const rfact *f = rin_find(g->in, k, BL_M_VALUE, BL_B_NONE, g->Y);
		if (f)
			keys[n++] = f->key;
	}
	return n;
}

/* "名称X万元" */
static void figure(gen *g, const char *name, const char *key)
{
	bl_dec v;
	char a[48];
	g->reasoned = 0;
	if (val(g, key, &v))
		put(g, "%s%s万元", name, amt(g, v, a));
}

/* The item's own name, without its scope: general.func.201 → 一般公共服务支出. */
static const char *item_name(const char *key, char *buf, size_t cap)
{
	const char *dot = strchr(key, '.');
	char bare[256];
	snprintf(bare, sizeof bare, "total.%s", dot ? dot + 1 : key);
	bl_key_label_buf(bare, buf, cap);
	return buf;
}

/* --- the parts of the template --- */

static void text_or_gap(gen *g, const char *id, const char *what)
{
	const char *t = rin_text(g->in, id, NULL, BL_B_NONE);
	if (t)
		put_lines(g, t);
	else {
		gap(g, what);
		end_para(g);
	}
}

static void do_duties(gen *g)
{
	text_or_gap(g, "duties", "单位职能职责");
}

/* 机构设置 or 单位构成: one of them is required. */
static void do_organization(gen *g)
{
	if (rin_text(g->in, "organization", NULL, BL_B_NONE) || !rin_text(g->in, "composition", NULL, BL_B_NONE))
		text_or_gap(g, "organization", "机构设置情况");
}

static void do_composition(gen *g)
{
	const char *t = rin_text(g->in, "composition", NULL, BL_B_NONE);
	if (t)
		put_lines(g, t);
}

static const char *const income_sources[][2] = {
    {"general.income", "一般公共预算拨款"},
    {"fund.income", "政府性基金预算拨款"},
    {"capital.income", "国有资本经营预算拨款"},
    {"total.income.special_account", "财政专户管理资金收入"},
    {"total.income.business", "事业收入"},
    {"total.income.operating", "事业单位经营收入"},
    {"total.income.superior", "上级补助收入"},
    {"total.income.affiliated", "附属单位上缴收入"},
    {"total.income.other", "其他收入"},
};

static void list_figures(gen *g, const char *const (*items)[2], size_t n, const char *sep)
{
	int k = 0;
	for (size_t i = 0; i < n; i++)
		if (has(g, items[i][0])) {
			put(g, "%s", k++ ? sep : "");
			figure(g, items[i][1], items[i][0]);
		}
}

static void do_budget_overview(gen *g)
{
	char a[48], nm[256];
	bl_dec v;
	put(g, "（一）收入预算：");
	if (val(g, "total.income", &v)) {
		put(g, "%d年年初预算数%s万元", g->Y, amt(g, v, a));
		int any = 0;
		for (size_t i = 0; i < sizeof income_sources / sizeof income_sources[0]; i++)
			any |= has(g, income_sources[i][0]);
		if (any) {
			put(g, "，其中：");
			list_figures(g, income_sources, sizeof income_sources / sizeof income_sources[0], "，");
		}
		put(g, "。收入");
		size_t mark = g->p.n;
		g->bare = 1;
		change(g, "total.income", BL_B_PREV_YEAR);
		g->bare = 0;
		if (g->p.n == mark)
			g->p.n -= strlen("。收入");
		put(g, "。");
	} else
		gap(g, "收入预算总额");
	end_para(g);

	put(g, "（二）支出预算：");
	if (val(g, "total.expense", &v)) {
		put(g, "%d年年初预算数%s万元", g->Y, amt(g, v, a));
		const char *keys[64];
		size_t nk = func_keys(g, "total", keys, 64);
		int k = 0;
		if (has(g, "total.basic") || has(g, "total.project")) {
			put(g, "，其中：");
			if (has(g, "total.basic"))
				figure(g, "基本支出", "total.basic"), k++;
			if (has(g, "total.project"))
				put(g, "%s", k++ ? "，" : ""), figure(g, "项目支出", "total.project");
		}
		if (nk) {
			put(g, "%s", k ? "；按支出功能分类，" : "，其中：");
			for (size_t i = 0; i < nk; i++) {
				put(g, "%s", i ? "，" : "");
				figure(g, item_name(keys[i], nm, sizeof nm), keys[i]);
			}
		}
		put(g, "。支出");
		size_t mark = g->p.n;
		g->bare = 1;
		change(g, "total.expense", BL_B_PREV_YEAR);
		g->bare = 0;
		if (g->p.n == mark)
			g->p.n -= strlen("。支出");
		put(g, "。");
	} else
		gap(g, "支出预算总额");
	end_para(g);
}

/* "{Y}年（度）" */
static void year(gen *g)
{
	put(g, "%d年%s", g->Y, g->kind == BL_KIND_FINAL ? "度" : "");
}

/* "{Y}年（度）名称X万元" when key has a value; 0 (nothing written) if not. */
static int year_figure(gen *g, const char *name, const char *key)
{
	if (!has(g, key))
		return 0;
	year(g);
	figure(g, name, key);
	return 1;
}

/* A value of key with its changes: "名称X万元，比2023年…；" */
static void item(gen *g, const char *name, const char *key, int with_use)
{
	if (has(g, key))
		figure(g, name, key);
	else { /* only the change is known: 政府性基金预算财政拨款支出与2023年持平 */
		put(g, "%s", name);
		g->bare = 1;
	}
	if (g->kind == BL_KIND_FINAL)
		two_changes(g, name, key, BL_B_INITIAL_BUDGET, BL_B_PREV_YEAR);
	else
		change(g, key, BL_B_PREV_YEAR);
	g->bare = 0;
	/* after the reason, as the templates put it: …主要原因是…，主要用于… */
	if (with_use)
		use(g, key);
}

static void do_scope_fund(gen *g, const char *scope, const char *name, const char *note_id)
{
	char ki[64], ke[64];
	snprintf(ki, sizeof ki, "%s.income", scope);
	snprintf(ke, sizeof ke, "%s.expense", scope);
	const char *t = rin_text(g->in, note_id, NULL, BL_B_NONE);
	if (t && g->kind == BL_KIND_FINAL) {
		put_lines(g, t);
		return;
	}
	int ke_known = has(g, ke) || knows_change(g, ke, BL_B_PREV_YEAR);
	if (!has(g, ki) && !ke_known) {
		if (t)
			put_lines(g, t);
		else if (g->kind == BL_KIND_FINAL) {
			char what[128];
			snprintf(what, sizeof what, "%s收支情况", name);
			gap(g, what);
			end_para(g);
		}
		return;
	}
	year(g);
	char n1[128];
	int k = 0;
	if (has(g, ki)) {
		snprintf(n1, sizeof n1, "%s收入", name);
		item(g, n1, ki, 0);
		k = 1;
	}
	if (ke_known) {
		snprintf(n1, sizeof n1, "%s支出", name);
		put(g, "%s", k ? "；" : "");
		item(g, n1, ke, 1);
	}
	bl_dec a = {0, 0}, b = {0, 0};
	val(g, ki, &a);
	val(g, ke, &b);
	if (a.u == 0 && b.u == 0)
		put(g, "，本单位无%s安排的支出", name);
	put(g, "。");
	end_para(g);
}

/* 一般公共预算财政拨款基本支出中，人员经费…；公用经费… */
static void personnel_public(gen *g)
{
	if (!has(g, "general.personnel") && !has(g, "general.public"))
		return;
	put(g, "一般公共预算财政拨款基本支出中，");
	int k = 0;
	if (has(g, "general.personnel"))
		item(g, "人员经费", "general.personnel", 1), k = 1;
	if (has(g, "general.public"))
		put(g, "%s", k ? "；" : ""), item(g, "公用经费", "general.public", 1);
	put(g, "。");
	end_para(g);
}

static void do_budget_approp(gen *g)
{
	char nm[256];
	/* income and expense of the general budget, with the change */
	if (has(g, "general.income") || has(g, "general.expense")) {
		year(g);
		int k = 0;
		if (has(g, "general.income")) {
			item(g, "一般公共预算财政拨款收入", "general.income", 0);
			k = 1;
		}
		if (has(g, "general.expense")) {
			put(g, "%s", k ? "，" : "");
			item(g, "一般公共预算财政拨款支出", "general.expense", 0);
		}
		put(g, "。");
		if (has(g, "general.basic") || has(g, "general.project")) {
			put(g, "其中：");
			k = 0;
			if (has(g, "general.basic")) {
				item(g, "基本支出", "general.basic", 1);
				k = 1;
			}
			if (has(g, "general.project")) {
				put(g, "%s", k ? "；" : "");
				item(g, "项目支出", "general.project", 1);
			}
			put(g, "。");
		}
		end_para(g);
	} else {
		gap(g, "一般公共预算财政拨款收支数");
		end_para(g);
	}
	const char *keys[64];
	size_t nk = func_keys(g, "general", keys, 64);
	if (nk) {
		put(g, "一般公共预算财政拨款支出按功能分类：");
		for (size_t i = 0; i < nk; i++) {
			put(g, "%s", i ? "；" : "");
			item(g, item_name(keys[i], nm, sizeof nm), keys[i], 1);
		}
		put(g, "。");
		end_para(g);
	}
	personnel_public(g);
	do_scope_fund(g, "fund", "政府性基金预算财政拨款", "fund");
	do_scope_fund(g, "capital", "国有资本经营预算财政拨款", "capital");
}

static void do_sangong(gen *g)
{
	bl_dec v;
	char a[48];
	int fin = g->kind == BL_KIND_FINAL;
	if (fin)
		block(g, 2, "（一）“三公”经费支出总体情况说明", strlen("（一）“三公”经费支出总体情况说明"));
	if (!val(g, "sangong.total", &v)) {
		gap(g, "“三公”经费总额");
		end_para(g);
	} else {
		year(g);
		put(g, "“三公”经费%s%s万元", fin ? "支出共计" : "预算", amt(g, v, a));
		const rfact *cp = get(g, "sangong.total", BL_M_COMPLETION_PCT, BL_B_NONE, g->Y);
		const rfact *bud = get(g, "sangong.total", BL_M_VALUE, BL_B_INITIAL_BUDGET, g->Y);
		if (fin && (cp || (bud && bud->v.u > 0))) {
			bl_dec w = cp ? cp->v : bl_dec_percent(v, bud->v, g->pp);
			put(g, "，完成年初预算的%s%%", pct(g, w, a));
		}
		if (fin)
			two_changes(g, "“三公”经费支出", "sangong.total", BL_B_INITIAL_BUDGET, BL_B_PREV_YEAR);
		else
			change(g, "sangong.total", BL_B_PREV_YEAR);
		put(g, "。");
		if (!fin) {
			static const char *const items[][2] = {
			    {"sangong.abroad", "因公出国（境）费"},
			    {"sangong.reception", "公务接待费"},
			    {"sangong.vehicle", "公务用车购置及运行维护费"},
			    {"sangong.vehicle_purchase", "公务用车购置费"},
			    {"sangong.vehicle_operation", "公务用车运行维护费"},
			};
			int k = 0;
			for (size_t i = 0; i < 5; i++)
				if (has(g, items[i][0])) {
					put(g, "%s", k++ ? "；" : "其中：");
					item(g, items[i][1], items[i][0], 1);
				}
			if (k)
				put(g, "。");
		}
		end_para(g);
	}
	if (!fin)
		return;
	block(g, 2, "（二）“三公”经费分项支出情况", strlen("（二）“三公”经费分项支出情况"));
	static const char *const items[][2] = {
	    {"sangong.abroad", "因公出国（境）费"},
	    {"sangong.vehicle", "公务用车购置及运行维护费"},
	    {"sangong.vehicle_purchase", "公务用车购置费"},
	    {"sangong.vehicle_operation", "公务用车运行维护费"},
	    {"sangong.reception", "公务接待费"},
	};
	for (size_t i = 0; i < 5; i++)
		if (has(g, items[i][0])) {
			year(g);
			item(g, items[i][1], items[i][0], 1);
			put(g, "。");
			end_para(g);
		}
	bl_dec nv, nb, np, pp;
	int hv = val(g, "vehicles.count", &nv), hb = val(g, "reception.batches", &nb), hp = val(g, "reception.people", &np);
	if (hv || hb || hp) {
		block(g, 2, "（三）“三公”经费实物量情况", strlen("（三）“三公”经费实物量情况"));
		year(g);
		put(g, "本单位");
		int k = 0;
		if (hv)
			put(g, "公务用车保有量%s辆", bl_dec_format(nv, a)), k = 1;
		if (hb && hp) {
			put(g, "%s国内公务接待%s批次", k ? "；" : "", bl_dec_format(nb, a));
			put(g, "%s人", bl_dec_format(np, a));
			bl_dec rec;
			const rfact *pf = get(g, "reception.per_person", BL_M_VALUE, BL_B_NONE, g->Y);
			if (pf)
				pp = pf->v;
			if (pf || (val(g, "sangong.reception", &rec) && np.u > 0)) {
				if (!pf) { /* 万元 x 10000 / people, in 元 to two decimals */
					bl_dec yuan = bl_dec_wan_to_yuan(rec);
					pp = bl_dec_percent(yuan, (bl_dec){np.u * 100, 0}, 2);
				}
				put(g, "，人均接待费%s元", bl_dec_format(pp, a));
			}
		}
		put(g, "。");
		end_para(g);
	}
}

/* A section of notes: the input's own words win; else figures; else a gap. */
static void do_admin_cost(gen *g)
{
	const char *t = rin_text(g->in, "admin_cost", NULL, BL_B_NONE);
	if (t) {
		put_lines(g, t);
		return;
	}
	if (has(g, "admin_cost")) {
		year(g);
		put(g, "本单位");
		item(g, g->kind == BL_KIND_FINAL ? "机关运行经费支出" : "机关运行经费预算", "admin_cost", 1);
		put(g, "。");
		end_para(g);
		return;
	}
	gap(g, "机关运行经费情况");
	end_para(g);
}

static void do_procurement(gen *g)
{
	const char *t = rin_text(g->in, "procurement", NULL, BL_B_NONE);
	if (t) {
		put_lines(g, t);
		return;
	}
	bl_dec v;
	char a[48];
	int fin = g->kind == BL_KIND_FINAL;
	if (!val(g, "procurement.total", &v)) {
		gap(g, "政府采购情况");
		end_para(g);
		return;
	}
	year(g);
	put(g, "本单位政府采购%s总额%s万元", fin ? "支出" : "预算", amt(g, v, a));
	static const char *const parts[][3] = {
	    {"procurement.goods", "政府采购货物支出", "政府采购货物预算"},
	    {"procurement.works", "政府采购工程支出", "政府采购工程预算"},
	    {"procurement.services", "政府采购服务支出", "政府采购服务预算"},
	};
	int k = 0;
	for (size_t i = 0; i < 3; i++)
		if (has(g, parts[i][0])) {
			put(g, "%s", k++ ? "、" : "，其中：");
			figure(g, parts[i][fin ? 1 : 2], parts[i][0]);
		}
	put(g, "。");
	end_para(g);
}

static void do_performance(gen *g)
{
	const char *t = rin_text(g->in, "performance", NULL, BL_B_NONE);
	if (t) {
		put_lines(g, t);
		return;
	}
	bl_dec v;
	char a[48];
	if (!val(g, "performance.amount", &v)) {
		gap(g, "绩效管理情况");
		end_para(g);
		return;
	}
	year(g);
	put(g, "本单位项目支出实行了绩效目标管理，涉及一般公共预算财政拨款%s万元。", amt(g, v, a));
	end_para(g);
}

static void do_assets(gen *g)
{
	const char *t = rin_text(g->in, "assets", NULL, BL_B_NONE);
	if (t) {
		put_lines(g, t);
		return;
	}
	bl_dec v;
	char a[48];
	if (!val(g, "vehicles.count", &v)) {
		gap(g, "国有资产占有使用情况（车辆数）");
		end_para(g);
		return;
	}
	if (g->kind == BL_KIND_FINAL)
		put(g, "截至%d年12月31日，本单位共有车辆%s辆。", g->Y, bl_dec_format(v, a));
	else
		put(g, "截至%d年12月31日，本单位共有车辆%s辆。", g->Y - 1, bl_dec_format(v, a));
	end_para(g);
}

static void do_meeting(gen *g)
{
	static const char *const fees[][2] = {
	    {"meeting_fee", "会议费支出"}, {"training_fee", "培训费支出"}, {"travel_fee", "差旅费支出"}};
	for (size_t i = 0; i < 3; i++)
		if (has(g, fees[i][0])) {
			put(g, "本年度");
			item(g, fees[i][1], fees[i][0], 1);
			put(g, "。");
		}
	end_para(g);
}

/* --- final accounts --- */

static void shares_list(gen *g, const char *whole, const char *const (*items)[2], size_t n, const char *sep)
{
	const char *keys[32] = {0};
	bl_dec sh[32] = {{0, 0}};
	int ok[32] = {0};
	size_t m = 0;
	for (size_t i = 0; i < n && m < 32; i++)
		if (has(g, items[i][0]))
			keys[m++] = items[i][0];
	shares(g, whole, keys, m, sh, ok);
	char a[48];
	for (size_t i = 0, j = 0; i < n; i++) {
		if (!has(g, items[i][0]))
			continue;
		put(g, "%s", j ? sep : "");
		figure(g, items[i][1], items[i][0]);
		if (ok[j])
			put(g, "，占%s%%", pct(g, sh[j], a));
		j++;
	}
}

static void do_final_totals(gen *g)
{
	if (year_figure(g, "收、支总计均为", "total.grand_total")) {
		change(g, "total.grand_total", BL_B_PREV_YEAR);
		put(g, "。");
		end_para(g);
	}
	put(g, "1．收入情况。");
	if (year_figure(g, "收入合计", "total.income")) {
		change(g, "total.income", BL_B_PREV_YEAR);
		put(g, "。");
		static const char *const src[][2] = {
		    {"approp.income", "财政拨款收入"},
		    {"total.income.superior", "上级补助收入"},
		    {"total.income.business", "事业收入"},
		    {"total.income.operating", "经营收入"},
		    {"total.income.affiliated", "附属单位上缴收入"},
		    {"total.income.other", "其他收入"},
		};
		int any = 0;
		for (size_t i = 0; i < 6; i++)
			any |= has(g, src[i][0]);
		if (any) {
			put(g, "其中：");
			shares_list(g, "total.income", src, 6, "；");
			put(g, "。");
		}
		if (has(g, "total.carryover.begin")) {
			put(g, "此外，");
			figure(g, "年初结转和结余", "total.carryover.begin");
			put(g, "。");
		}
	} else
		gap(g, "收入合计");
	end_para(g);
	put(g, "2．支出情况。");
	if (year_figure(g, "支出合计", "total.expense")) {
		change(g, "total.expense", BL_B_PREV_YEAR);
		put(g, "。");
		static const char *const parts[][2] = {{"total.basic", "基本支出"}, {"total.project", "项目支出"}};
		if (has(g, "total.basic") || has(g, "total.project")) {
			put(g, "其中：");
			shares_list(g, "total.expense", parts, 2, "；");
			put(g, "。");
		}
	} else
		gap(g, "支出合计");
	end_para(g);
	if (has(g, "total.carryover.end")) {
		put(g, "3．结转结余情况。");
		year_figure(g, "年末结转和结余", "total.carryover.end");
		change(g, "total.carryover.end", BL_B_PREV_YEAR);
		put(g, "。");
		end_para(g);
	}
}

static void do_final_approp(gen *g)
{
	if (year_figure(g, "财政拨款收、支总计均为", "approp.grand_total")) {
		change(g, "approp.grand_total", BL_B_PREV_YEAR);
		put(g, "。");
	} else if (has(g, "approp.income") || has(g, "approp.expense")) {
		year(g);
		int k = 0;
		if (has(g, "approp.income"))
			item(g, "财政拨款收入", "approp.income", 0), k = 1;
		if (has(g, "approp.expense"))
			put(g, "%s", k ? "；" : ""), item(g, "财政拨款支出", "approp.expense", 0);
		put(g, "。");
	} else
		gap(g, "财政拨款收支总计");
	end_para(g);
}

static void completion(gen *g, const char *key)
{
	const rfact *cp = get(g, key, BL_M_COMPLETION_PCT, BL_B_NONE, g->Y);
	const rfact *bud = get(g, key, BL_M_VALUE, BL_B_INITIAL_BUDGET, g->Y);
	bl_dec v;
	char a[48];
	if (!val(g, key, &v))
		return;
	if (cp)
		put(g, "，完成年初预算的%s%%", pct(g, cp->v, a));
	else if (bud && bud->v.u > 0)
		put(g, "，完成年初预算的%s%%", pct(g, bl_dec_percent(v, bud->v, g->pp), a));
}

static void do_final_general(gen *g)
{
	char a[48], nm[256];
	put(g, "1．收入情况。");
	if (year_figure(g, "一般公共预算财政拨款收入", "general.income")) {
		completion(g, "general.income");
		two_changes(g, "一般公共预算财政拨款收入", "general.income", BL_B_PREV_YEAR, BL_B_INITIAL_BUDGET);
		put(g, "。");
	} else
		gap(g, "一般公共预算财政拨款收入");
	end_para(g);
	put(g, "2．支出情况。");
	if (year_figure(g, "一般公共预算财政拨款支出", "general.expense")) {
		completion(g, "general.expense");
		two_changes(g, "一般公共预算财政拨款支出", "general.expense", BL_B_PREV_YEAR, BL_B_INITIAL_BUDGET);
		put(g, "。");
	} else
		gap(g, "一般公共预算财政拨款支出");
	end_para(g);
	const char *keys[64];
	size_t nk = func_keys(g, "general", keys, 64);
	if (nk) {
		block(g, 9, "一般公共预算财政拨款支出主要用途如下：", strlen("一般公共预算财政拨款支出主要用途如下："));
		bl_dec sh[64];
		int ok[64];
		shares(g, "general.expense", keys, nk < 32 ? nk : 32, sh, ok);
		for (size_t i = 0; i < nk && i < 32; i++) {
			put(g, "（%zu）", i + 1);
			figure(g, item_name(keys[i], nm, sizeof nm), keys[i]);
			if (ok[i])
				put(g, "，占%s%%", pct(g, sh[i], a));
			completion(g, keys[i]);
			two_changes(g, nm, keys[i], BL_B_INITIAL_BUDGET, BL_B_PREV_YEAR);
			use(g, keys[i]); /* after the reason, as in item() */
			put(g, "。");
			end_para(g);
		}
	}
	if (has(g, "general.carryover.end")) {
		put(g, "3．结转结余情况。");
		year_figure(g, "年末一般公共预算财政拨款结转和结余", "general.carryover.end");
		change(g, "general.carryover.end", BL_B_PREV_YEAR);
		put(g, "。");
		end_para(g);
	}
}

static void do_final_basic(gen *g)
{
	if (year_figure(g, "一般公共预算财政拨款基本支出", "general.basic")) {
		change(g, "general.basic", BL_B_PREV_YEAR);
		put(g, "。");
		end_para(g);
	} else if (!has(g, "general.personnel") && !has(g, "general.public")) {
		gap(g, "一般公共预算财政拨款基本支出");
		end_para(g);
		return;
	}
	personnel_public(g);
}

/* --- glossary: the templates' own definitions of the terms used --- */

static const char *const glossary_budget[] = {
    "财政拨款收入：指本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款和政府性基金预算财政拨款。",
    "事业收入：指事业单位开展专业业务活动及其辅助活动取得的收入。",
    "其他收入：指单位取得的除“财政拨款收入”、“事业收入”、“经营收入”等以外的收入。",
    "基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费。",
    "项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
    "“三公”经费：指用一般公共预算财政拨款安排的因公出国（境）费、公务用车购置及运行维护费、公务接待费。",
    "机关运行经费：指为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务等的各项公用经费。",
};

static const char *const glossary_final[] = {
    "财政拨款收入：指本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款和政府性基金预算财政拨款。",
    "事业收入：指事业单位开展专业业务活动及其辅助活动取得的现金流入。",
    "其他收入：指单位取得的除“财政拨款收入”、“事业收入”、“经营收入”等以外的收入。",
    "年初结转和结余：指单位上年结转本年使用的基本支出结转、项目支出结转和结余、经营结余。",
    "年末结转和结余：指单位结转下年的基本支出结转、项目支出结转和结余、经营结余。",
    "基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费。",
    "项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
    "“三公”经费：指用一般公共预算财政拨款安排的因公出国（境）费、公务用车购置及运行维护费、公务接待费。",
    "机关运行经费：指为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务等的各项公用经费。",
};

static void do_glossary(gen *g)
{
	static const char *const num[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
	const char *const *gl = g->kind == BL_KIND_FINAL ? glossary_final : glossary_budget;
	size_t n = g->kind == BL_KIND_FINAL ? sizeof glossary_final / sizeof *glossary_final
					    : sizeof glossary_budget / sizeof *glossary_budget;
	for (size_t i = 0; i < n && i < 10; i++) {
		put(g, "（%s）%s", num[i], gl[i]);
		end_para(g);
	}
}

static void do_final_fund(gen *g)
{
	do_scope_fund(g, "fund", "政府性基金预算财政拨款", "fund");
}

static void do_final_capital(gen *g)
{
	do_scope_fund(g, "capital", "国有资本经营预算财政拨款", "capital");
}

/* --- the template --- */

typedef struct part {
	const char *id;
	const char *topics; /* the headings' topics it stands for (bl_section_topic), "|"-separated */
	const char *parent; /* NULL for a top part */
	const char *budget_title, *final_title;
	void (*budget)(gen *g), (*final)(gen *g);
	int optional; /* left out when it would hold nothing */
} part;

static const part parts[] = {
    {"basic", "basic", NULL, "单位基本情况", "部门基本情况", NULL, NULL, 0},
    {"duties", "duties", "basic", "职能职责", "职能职责", do_duties, do_duties, 0},
    {"organization", "organization", "basic", "机构设置", "机构设置", do_organization, do_organization, 1},
    {"composition", "composition", "basic", "单位构成", "单位构成", do_composition, do_composition, 1},
    {"overview", "overview", NULL, "部门收支总体情况", "部门决算收支情况说明", do_budget_overview, NULL, 0},
    {"totals", "totals", "overview", NULL, "收入支出决算总体情况说明", NULL, do_final_totals, 0},
    {"approp", "approp", "overview", NULL, "财政拨款收入支出决算总体情况说明", NULL, do_final_approp, 0},
    {"general", "general", "overview", NULL, "一般公共预算财政拨款收入支出决算情况说明", NULL, do_final_general, 0},
    {"basic_exp", "basic_exp", "overview", NULL, "一般公共预算财政拨款基本支出决算情况说明", NULL, do_final_basic, 0},
    {"fund", "fund", "overview", NULL, "政府性基金预算财政拨款收入支出决算情况说明", NULL, do_final_fund, 0},
    {"capital", "capital", "overview", NULL, "国有资本经营预算财政拨款支出决算情况说明", NULL, do_final_capital, 0},
    {"approp_b", "approp|general", NULL, "财政拨款收支预算情况说明", NULL, do_budget_approp, NULL, 0},
    {"sangong", "sangong", NULL, "“三公”经费情况说明", "财政拨款“三公”经费情况说明", do_sangong, do_sangong, 0},
    {"other", "other", NULL, "其他重要事项的情况说明", "其他需要说明的事项", NULL, NULL, 0},
    {"meeting", "meeting", "other", NULL, "财政拨款会议费、培训费和差旅费情况说明", NULL, do_meeting, 1},
    {"admin_cost", "admin_cost", "other", "机关运行经费", "机关运行经费情况说明", do_admin_cost, do_admin_cost, 0},
    {"procurement", "procurement", "other", "政府采购情况", "政府采购支出情况说明", do_procurement, do_procurement, 0},
    {"performance_b", "performance", "other", "绩效目标设置情况", NULL, do_performance, NULL, 0},
    {"assets", "assets", "other", "国有资产占有使用情况", "国有资产占用情况说明", do_assets, do_assets, 0},
    {"performance", "performance", NULL, NULL, "预算绩效管理情况说明", NULL, do_performance, 0},
    {"glossary", "glossary", NULL, "专业名词解释", "专业名词解释", do_glossary, do_glossary, 0},
};
#define NPARTS (sizeof parts / sizeof parts[0])

/* Does part p stand for the input's heading topic? */
static int stands_for(const part *p, const char *topic)
{
	size_t n = strlen(topic);
	for (const char *t = p->topics; *t;) {
		const char *bar = strchr(t, '|');
		size_t len = bar ? (size_t)(bar - t) : strlen(t);
		if (len == n && strncmp(t, topic, n) == 0)
			return 1;
		t += len + (bar ? 1 : 0);
	}
	return 0;
}

/* Where the input printed part p (under parent's heading, or as a 一、
 * heading when parent is NULL), or -1. */
static int rank_of(const bl_rinput *in, const part *p, const part *parent)
{
	for (size_t i = 0; i < in->norder; i++) {
		const struct rorder *o = &in->order[i];
		if (!stands_for(p, o->id))
			continue;
		if (parent ? o->level > 2 && stands_for(parent, o->top) : o->level == 2)
			return (int)i;
	}
	return -1;
}

typedef struct placed {
	size_t part;
	int key;
	size_t tpl;
} placed;

static int cmp_placed(const void *a, const void *b)
{
	const placed *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->tpl < y->tpl ? -1 : x->tpl > y->tpl;
}

/* Orders siblings by where the input printed them: a part the input has
 * goes at its rank; one it lacks stays after the part before it in the
 * template. */
static size_t order_children(gen *g, const part *pp, placed *out)
{
	const char *parent = pp ? pp->id : NULL;
	size_t n = 0;
	int last = -1;
	for (size_t i = 0; i < NPARTS; i++) {
		const part *p = &parts[i];
		if ((parent == NULL) != (p->parent == NULL) || (parent && strcmp(parent, p->parent) != 0))
			continue;
		const char *title = g->kind == BL_KIND_FINAL ? p->final_title : p->budget_title;
		if (!title)
			continue;
		int r = rank_of(g->in, p, pp);
		if (r >= 0)
			last = r;
		out[n].part = i;
		out[n].key = r >= 0 ? r * 2 : last * 2 + 1;
		out[n].tpl = i;
		n++;
	}
	qsort(out, n, sizeof *out, cmp_placed);
	return n;
}

static void emit(gen *g, int level, const char *s)
{
	rblock *b = BL_PUSH(g->n->b, g->n->nb, g->n->capb);
	b->level = level;
	b->text = bl_arena_strndup(&g->n->arena, s, strlen(s));
}

static const char *const cn_num[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"};

/* Writes a part's own text into u; 1 when it holds something. */
static int fill(gen *g, const part *p, unit *u)
{
	void (*fn)(gen *) = g->kind == BL_KIND_FINAL ? p->final : p->budget;
	g->u = u;
	if (fn)
		fn(g);
	end_para(g);
	return u->nb > 0;
}

static void unit_free(unit *u)
{
	free(u->b);
}

BL_API bl_narrative *bl_render(const bl_rinput *in, const bl_render_opts *opts, bl_diag *diag)
{
	gen g = {0};
	g.in = in;
	g.kind = opts && opts->kind != BL_KIND_UNKNOWN ? opts->kind : in->kind;
	g.Y = in->year;
	if (!g.Y || g.kind == BL_KIND_UNKNOWN) {
		bl_diag_set(diag, BL_EUSAGE, 0, in->name, "'%s': %s unknown; say it in the input (\"year\", \"kind\") or with --kind",
			    in->name, !g.Y ? "the year is" : "budget or final account is");
		return NULL;
	}
	g.ap = in->amount_prec >= 0 ? in->amount_prec : 2;
	g.pp = in->pct_prec >= 0 ? in->pct_prec : 1;
	if (g.pp < 1)
		g.pp = 1;
	g.reason_pct = opts && opts->reason_pct > 0 ? opts->reason_pct : 10;
	g.used = bl_xcalloc(in->nf + 1, 1);
	g.p = (bl_buf)BL_BUF_INIT(1 << 24);
	bl_narrative *n = bl_xcalloc(1, sizeof *n);
	g.n = n;
	n->draft = opts && opts->draft;

	if (in->ncleaned)
		note(&g, BL_SEV_WARNING, "render.input", "输入的文字含%zu个控制字符或无效字节，已替换为“\xEF\xBF\xBD”，请核对原文", in->ncleaned);
	/* the title */
	int fin = g.kind == BL_KIND_FINAL;
	const char *lvl = in->level == BL_LEVEL_UNIT ? "单位" : "部门";
	unit scratch = {0};
	g.u = &scratch;
	if (*in->unit)
		put(&g, "%s", in->unit);
	else
		gap(&g, "单位名称");
	put(&g, "%d年%s%s%s情况说明", g.Y, fin ? "度" : "", lvl, fin ? "决算" : "预算");
	n->title = bl_arena_strndup(&n->arena, g.p.p, g.p.n);
	emit(&g, 0, n->title);
	g.p.n = 0;

	placed top[NPARTS], sub[NPARTS];
	size_t nt = order_children(&g, NULL, top), k1 = 0;
	for (size_t i = 0; i < nt; i++) {
		const part *p = &parts[top[i].part];
		unit own = {0};
		int has_own = fill(&g, p, &own);
		size_t ns = order_children(&g, p, sub);
		unit *kids = bl_xcalloc(ns + 1, sizeof *kids);
		int any = has_own;
		for (size_t j = 0; j < ns; j++) {
			const part *c = &parts[sub[j].part];
			int got = fill(&g, c, &kids[j]);
			if (!got && !c->optional) {
				g.u = &kids[j];
				char what[128];
				snprintf(what, sizeof what, "%s", fin ? c->final_title : c->budget_title);
				gap(&g, what);
				end_para(&g);
				got = 1;
			}
			any |= got;
		}
		if (any || !p->optional) {
			char h[256];
			snprintf(h, sizeof h, "%s、%s", cn_num[k1 < 12 ? k1 : 11], fin ? p->final_title : p->budget_title);
			k1++;
			emit(&g, 1, h);
			for (size_t b = 0; b < own.nb; b++)
				emit(&g, own.b[b].level, own.b[b].text);
			for (size_t j = 0, k2 = 0; j < ns; j++) {
				const part *c = &parts[sub[j].part];
				if (!kids[j].nb)
					continue;
				snprintf(h, sizeof h, "（%s）%s", cn_num[k2 < 12 ? k2 : 11], fin ? c->final_title : c->budget_title);
				k2++;
				emit(&g, 2, h);
				for (size_t b = 0; b < kids[j].nb; b++)
					emit(&g, kids[j].b[b].level, kids[j].b[b].text);
			}
		}
		for (size_t j = 0; j < ns; j++)
			unit_free(&kids[j]);
		free(kids);
		unit_free(&own);
	}
	unit_free(&scratch);

	/* what the input said that the template has no place for */
	for (size_t i = 0; i < in->nf; i++) {
		const rfact *f = &in->f[i];
		if (g.used[i] || f->carried)
			continue;
		char l[256], d[48];
		label(f->key, l, sizeof l);
		note(&g, BL_SEV_INFO, "render.unused", "输入中的%s（%s%s%s，%d年）%s 未写入说明：模板中没有它的位置", l, f->key,
		     f->m != BL_M_VALUE ? " " : "", f->m != BL_M_VALUE ? bl_measure_name(f->m) : "", f->period,
		     bl_dec_format(f->v, d));
	}
	free(g.used);
	bl_buf_release(&g.p);
	return n;
}

BL_API void bl_narrative_free(bl_narrative *n)
{
	if (!n)
		return;
	free(n->b);
	free(n->notes);
	bl_arena_release(&n->arena);
	free(n);
}

BL_API size_t bl_narrative_nnotes(const bl_narrative *n)
{
	return n->nn;
}

BL_API const bl_render_note *bl_narrative_note(const bl_narrative *n, size_t i)
{
	return i < n->nn ? &n->notes[i] : NULL;
}
