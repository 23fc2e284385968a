/* template.c - the template's parts and their order: which writer fills
 * each part, headings numbered 一、（一）, siblings in the order the source
 * printed them; bl_render runs it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rmodel.h"

/* A part's id, topics and parent are section topics (bl_section_topic,
 * lib/read/texts.c), the same ids as the input's texts: not fact keys,
 * though "general" or "fund" spell like the scopes. */
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
	{"duties", "duties", "basic", "职能职责", "职能职责", part_duties, part_duties, 0},
	{"organization", "organization", "basic", "机构设置", "机构设置", part_organization,
	 part_organization, 1},
	{"composition", "composition", "basic", "单位构成", "单位构成", part_composition, part_composition,
	 1},
	{"overview", "overview", NULL, "部门收支总体情况", "部门决算收支情况说明", part_budget_overview, NULL,
	 0},
	{"totals", "totals", "overview", NULL, "收入支出决算总体情况说明", NULL, part_final_totals, 0},
	{"approp", "approp", "overview", NULL, "财政拨款收入支出决算总体情况说明", NULL, part_final_approp,
	 0},
	{"general", "general", "overview", NULL, "一般公共预算财政拨款收入支出决算情况说明", NULL,
	 part_final_general, 0},
	{"basic_exp", "basic_exp", "overview", NULL, "一般公共预算财政拨款基本支出决算情况说明", NULL,
	 part_final_basic, 0},
	{"fund", "fund", "overview", NULL, "政府性基金预算财政拨款收入支出决算情况说明", NULL,
	 part_final_fund, 0},
	{"capital", "capital", "overview", NULL, "国有资本经营预算财政拨款支出决算情况说明", NULL,
	 part_final_capital, 0},
	{"approp_b", "approp|general", NULL, "财政拨款收支预算情况说明", NULL, part_budget_approp, NULL, 0},
	{"sangong", "sangong", NULL, "“三公”经费情况说明", "财政拨款“三公”经费情况说明", part_sangong,
	 part_sangong, 0},
	{"other", "other", NULL, "其他重要事项的情况说明", "其他需要说明的事项", NULL, NULL, 0},
	{"meeting", "meeting", "other", NULL, "财政拨款会议费、培训费和差旅费情况说明", NULL, part_meeting,
	 1},
	{"admin_cost", "admin_cost", "other", "机关运行经费", "机关运行经费情况说明", part_admin_cost,
	 part_admin_cost, 0},
	{"procurement", "procurement", "other", "政府采购情况", "政府采购支出情况说明", part_procurement,
	 part_procurement, 0},
	{"performance_b", "performance", "other", "绩效目标设置情况", NULL, part_performance, NULL, 0},
	{"assets", "assets", "other", "国有资产占有使用情况", "国有资产占用情况说明", part_assets,
	 part_assets, 0},
	{"performance", "performance", NULL, NULL, "预算绩效管理情况说明", NULL, part_performance, 0},
	{"glossary", "glossary", NULL, "专业名词解释", "专业名词解释", part_glossary, part_glossary, 0},
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

static const char *const cn_num[] = {"一", "二", "三", "四", "五",   "六",
				     "七", "八", "九", "十", "十一", "十二"};

/* Writes a part's own text into u; 1 when it holds something. */
static int fill(gen *g, const part *p, runit *u)
{
	void (*fn)(gen *) = g->kind == BL_KIND_FINAL ? p->final : p->budget;
	g->u = u;
	if (fn)
		fn(g);
	rg_end_para(g);
	return u->nb > 0;
}

static void unit_free(runit *u)
{
	free(u->b);
}

/* The title: "{unit}{Y}年（度）部门/单位预算/决算情况说明". */
static void write_title(gen *g)
{
	const bl_rinput *in = g->in;
	int fin = g->kind == BL_KIND_FINAL;
	const char *lvl = in->level == BL_LEVEL_UNIT ? "单位" : "部门";
	runit scratch = {0};
	g->u = &scratch;
	if (*in->unit)
		rg_put(g, "%s", in->unit);
	else
		rg_gap(g, "单位名称");
	rg_put(g, "%d年%s%s%s情况说明", g->Y, fin ? "度" : "", lvl, fin ? "决算" : "预算");
	g->n->title = bl_arena_strndup(&g->n->arena, g->p.p, g->p.n);
	emit(g, 0, g->n->title);
	g->p.n = 0;
	unit_free(&scratch);
	g->u = NULL;
}

/* A top part: its heading (the *k1-th 一、) and own text, then its children,
 * each under its （一） heading; a required child that holds nothing is a
 * gap. A part left with nothing is left out when optional. */
static void write_part(gen *g, const part *p, size_t *k1)
{
	int fin = g->kind == BL_KIND_FINAL;
	placed sub[NPARTS];
	runit own = {0};
	int has_own = fill(g, p, &own);
	size_t ns = order_children(g, p, sub);
	runit *kids = bl_xcalloc(ns + 1, sizeof *kids);
	int any = has_own;
	for (size_t j = 0; j < ns; j++) {
		const part *c = &parts[sub[j].part];
		int got = fill(g, c, &kids[j]);
		if (!got && !c->optional) {
			g->u = &kids[j];
			char what[128];
			snprintf(what, sizeof what, "%s", fin ? c->final_title : c->budget_title);
			rg_gap(g, what);
			rg_end_para(g);
			got = 1;
		}
		any |= got;
	}
	if (any || !p->optional) {
		char h[256];
		snprintf(h, sizeof h, "%s、%s", cn_num[*k1 < 12 ? *k1 : 11],
			 fin ? p->final_title : p->budget_title);
		(*k1)++;
		emit(g, 1, h);
		for (size_t b = 0; b < own.nb; b++)
			emit(g, own.b[b].level, own.b[b].text);
		for (size_t j = 0, k2 = 0; j < ns; j++) {
			const part *c = &parts[sub[j].part];
			if (!kids[j].nb)
				continue;
			snprintf(h, sizeof h, "（%s）%s", cn_num[k2 < 12 ? k2 : 11],
				 fin ? c->final_title : c->budget_title);
			k2++;
			emit(g, 2, h);
			for (size_t b = 0; b < kids[j].nb; b++)
				emit(g, kids[j].b[b].level, kids[j].b[b].text);
		}
	}
	for (size_t j = 0; j < ns; j++)
		unit_free(&kids[j]);
	free(kids);
	unit_free(&own);
	g->u = NULL;
}

/* What the input said that the template has no place for: a note each. */
static void note_unused(gen *g)
{
	const bl_rinput *in = g->in;
	for (size_t i = 0; i < in->nf; i++) {
		const rfact *f = &in->f[i];
		if (g->used[i] || f->carried)
			continue;
		char l[256], d[48];
		bl_key_label_buf(f->key, l, sizeof l);
		rg_note(g, BL_SEV_INFO, "render.unused",
			"输入中的%s（%s%s%s，%d年）%s 未写入说明：模板中没有它的位置", l, f->key,
			f->m != BL_M_VALUE ? " " : "", f->m != BL_M_VALUE ? bl_measure_name(f->m) : "",
			f->period, bl_dec_format(f->v, d));
	}
}

BL_API bl_narrative *bl_render(const bl_rinput *in, const bl_render_opts *opts, bl_diag *diag)
{
	gen g = {0};
	g.in = in;
	g.kind = opts && opts->kind != BL_KIND_UNKNOWN ? opts->kind : in->kind;
	g.Y = in->year;
	if (!g.Y || g.kind == BL_KIND_UNKNOWN) {
		bl_diag_set(diag, BL_EUSAGE, 0, in->name,
			    "'%s': %s unknown; say it in the input (\"year\", \"kind\") or with --kind",
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
		rg_note(&g, BL_SEV_WARNING, "render.input",
			"输入的文字含%zu个控制字符或无效字节，已替换为“\xEF\xBF\xBD”，请核对原文",
			in->ncleaned);
	write_title(&g);
	placed top[NPARTS];
	size_t nt = order_children(&g, NULL, top), k1 = 0;
	for (size_t i = 0; i < nt; i++)
		write_part(&g, &parts[top[i].part], &k1);
	note_unused(&g);
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
