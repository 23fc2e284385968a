/* common.c - the parts both templates write: the unit's basic facts, the
 * fund budgets, the “三公” expenses, the other matters and the glossary. */
#include <stdio.h>
#include <string.h>

#include "rmodel.h"

void part_duties(gen *g)
{
	rg_text_or_gap(g, "duties", "单位职能职责");
}

/* 机构设置 or 单位构成: one of them is required. */
void part_organization(gen *g)
{
	if (rin_text(g->in, "organization", NULL, BL_B_NONE) ||
	    !rin_text(g->in, "composition", NULL, BL_B_NONE))
		rg_text_or_gap(g, "organization", "机构设置情况");
}

void part_composition(gen *g)
{
	const char *t = rin_text(g->in, "composition", NULL, BL_B_NONE);
	if (t)
		rg_put_lines(g, t);
}

/* A fund budget's income and expense (scope BLK_S_FUND or BLK_S_CAPITAL,
 * named name); the input's own text of section note_id, when it has one,
 * stands for it in a final account. */
void part_scope_fund(gen *g, const char *scope, const char *name, const char *note_id)
{
	char ki[64], ke[64];
	snprintf(ki, sizeof ki, "%s." BLK_I_INCOME, scope);
	snprintf(ke, sizeof ke, "%s." BLK_I_EXPENSE, scope);
	const char *t = rin_text(g->in, note_id, NULL, BL_B_NONE);
	if (t && g->kind == BL_KIND_FINAL) {
		rg_put_lines(g, t);
		return;
	}
	int ke_known = rg_has(g, ke) || rg_knows_change(g, ke, BL_B_PREV_YEAR);
	if (!rg_has(g, ki) && !ke_known) {
		if (t)
			rg_put_lines(g, t);
		else if (g->kind == BL_KIND_FINAL) {
			char what[128];
			snprintf(what, sizeof what, "%s收支情况", name);
			rg_gap(g, what);
			rg_end_para(g);
		}
		return;
	}
	rg_year(g);
	char n1[128];
	int k = 0;
	if (rg_has(g, ki)) {
		snprintf(n1, sizeof n1, "%s收入", name);
		rg_item(g, n1, ki, 0);
		k = 1;
	}
	if (ke_known) {
		snprintf(n1, sizeof n1, "%s支出", name);
		rg_put(g, "%s", k ? "；" : "");
		rg_item(g, n1, ke, 1);
	}
	bl_dec a = {0, 0}, b = {0, 0};
	rg_val(g, ki, &a);
	rg_val(g, ke, &b);
	if (a.u == 0 && b.u == 0)
		rg_put(g, "，本单位无%s安排的支出", name);
	rg_put(g, "。");
	rg_end_para(g);
}

/* 一般公共预算财政拨款基本支出中，人员经费…；公用经费… */
void rg_personnel_public(gen *g)
{
	if (!rg_has(g, BLK_GENERAL_PERSONNEL) && !rg_has(g, BLK_GENERAL_PUBLIC))
		return;
	rg_put(g, "一般公共预算财政拨款基本支出中，");
	int k = 0;
	if (rg_has(g, BLK_GENERAL_PERSONNEL))
		rg_item(g, "人员经费", BLK_GENERAL_PERSONNEL, 1), k = 1;
	if (rg_has(g, BLK_GENERAL_PUBLIC))
		rg_put(g, "%s", k ? "；" : ""), rg_item(g, "公用经费", BLK_GENERAL_PUBLIC, 1);
	rg_put(g, "。");
	rg_end_para(g);
}

/* The total: "{Y}年“三公”经费预算/支出共计X万元" with its changes (and, in
 * a budget, its items after 其中：); a gap when the input lacks it. */
static void sangong_total(gen *g)
{
	bl_dec v;
	char a[48];
	int fin = g->kind == BL_KIND_FINAL;
	if (!rg_val(g, BLK_SG_TOTAL, &v)) {
		rg_gap(g, "“三公”经费总额");
		rg_end_para(g);
	} else {
		rg_year(g);
		rg_put(g, "“三公”经费%s%s万元", fin ? "支出共计" : "预算", rg_amt(g, v, a));
		const rfact *cp = rg_get(g, BLK_SG_TOTAL, BL_M_COMPLETION_PCT, BL_B_NONE, g->Y);
		const rfact *bud = rg_get(g, BLK_SG_TOTAL, BL_M_VALUE, BL_B_INITIAL_BUDGET, g->Y);
		if (fin && (cp || (bud && bud->v.u > 0))) {
			bl_dec w = cp ? cp->v : bl_dec_percent(v, bud->v, g->pp);
			rg_put(g, "，完成年初预算的%s%%", rg_pct(g, w, a));
		}
		if (fin)
			rg_two_changes(g, "“三公”经费支出", BLK_SG_TOTAL, BL_B_INITIAL_BUDGET,
				       BL_B_PREV_YEAR);
		else
			rg_change(g, BLK_SG_TOTAL, BL_B_PREV_YEAR);
		rg_put(g, "。");
		if (!fin) {
			static const char *const items[][2] = {
				{BLK_SG_ABROAD, "因公出国（境）费"},
				{BLK_SG_RECEPTION, "公务接待费"},
				{BLK_SG_VEHICLE, "公务用车购置及运行维护费"},
				{BLK_SG_PURCHASE, "公务用车购置费"},
				{BLK_SG_OPERATION, "公务用车运行维护费"},
			};
			int k = 0;
			for (size_t i = 0; i < 5; i++)
				if (rg_has(g, items[i][0])) {
					rg_put(g, "%s", k++ ? "；" : "其中：");
					rg_item(g, items[i][1], items[i][0], 1);
				}
			if (k)
				rg_put(g, "。");
		}
		rg_end_para(g);
	}
}

/* A final account's （二）: each item a paragraph. */
static void sangong_items(gen *g)
{
	rg_block(g, 2, "（二）“三公”经费分项支出情况", strlen("（二）“三公”经费分项支出情况"));
	static const char *const items[][2] = {
		{BLK_SG_ABROAD, "因公出国（境）费"}, {BLK_SG_VEHICLE, "公务用车购置及运行维护费"},
		{BLK_SG_PURCHASE, "公务用车购置费"}, {BLK_SG_OPERATION, "公务用车运行维护费"},
		{BLK_SG_RECEPTION, "公务接待费"},
	};
	for (size_t i = 0; i < 5; i++)
		if (rg_has(g, items[i][0])) {
			rg_year(g);
			rg_item(g, items[i][1], items[i][0], 1);
			rg_put(g, "。");
			rg_end_para(g);
		}
}

/* A final account's （三）: vehicles held, receptions and the cost per person. */
static void sangong_counts(gen *g)
{
	char a[48];
	bl_dec nv, nb, np, pp;
	int hv = rg_val(g, BLK_VEHICLES, &nv), hb = rg_val(g, BLK_RECEPTION_BATCHES, &nb),
	    hp = rg_val(g, BLK_RECEPTION_PEOPLE, &np);
	if (hv || hb || hp) {
		rg_block(g, 2, "（三）“三公”经费实物量情况", strlen("（三）“三公”经费实物量情况"));
		rg_year(g);
		rg_put(g, "本单位");
		int k = 0;
		if (hv)
			rg_put(g, "公务用车保有量%s辆", bl_dec_format(nv, a)), k = 1;
		if (hb && hp) {
			rg_put(g, "%s国内公务接待%s批次", k ? "；" : "", bl_dec_format(nb, a));
			rg_put(g, "%s人", bl_dec_format(np, a));
			bl_dec rec;
			const rfact *pf = rg_get(g, BLK_RECEPTION_PER, BL_M_VALUE, BL_B_NONE, g->Y);
			if (pf)
				pp = pf->v;
			if (pf || (rg_val(g, BLK_SG_RECEPTION, &rec) && np.u > 0)) {
				if (!pf) { /* 万元 x 10000 / people, in 元 to two decimals */
					bl_dec yuan = bl_dec_wan_to_yuan(rec);
					pp = bl_dec_percent(yuan, (bl_dec){np.u * 100, 0}, 2);
				}
				rg_put(g, "，人均接待费%s元", bl_dec_format(pp, a));
			}
		}
		rg_put(g, "。");
		rg_end_para(g);
	}
}

void part_sangong(gen *g)
{
	int fin = g->kind == BL_KIND_FINAL;
	if (fin)
		rg_block(g, 2, "（一）“三公”经费支出总体情况说明",
			 strlen("（一）“三公”经费支出总体情况说明"));
	sangong_total(g);
	if (!fin)
		return;
	sangong_items(g);
	sangong_counts(g);
}

/* A section of notes: the input's own words win; else figures; else a gap. */
void part_admin_cost(gen *g)
{
	const char *t = rin_text(g->in, "admin_cost", NULL, BL_B_NONE);
	if (t) {
		rg_put_lines(g, t);
		return;
	}
	if (rg_has(g, BLK_ADMIN_COST)) {
		rg_year(g);
		rg_put(g, "本单位");
		rg_item(g, g->kind == BL_KIND_FINAL ? "机关运行经费支出" : "机关运行经费预算", BLK_ADMIN_COST,
			1);
		rg_put(g, "。");
		rg_end_para(g);
		return;
	}
	rg_gap(g, "机关运行经费情况");
	rg_end_para(g);
}

void part_procurement(gen *g)
{
	const char *t = rin_text(g->in, "procurement", NULL, BL_B_NONE);
	if (t) {
		rg_put_lines(g, t);
		return;
	}
	bl_dec v;
	char a[48];
	int fin = g->kind == BL_KIND_FINAL;
	if (!rg_val(g, BLK_PROC_TOTAL, &v)) {
		rg_gap(g, "政府采购情况");
		rg_end_para(g);
		return;
	}
	rg_year(g);
	rg_put(g, "本单位政府采购%s总额%s万元", fin ? "支出" : "预算", rg_amt(g, v, a));
	static const char *const parts[][3] = {
		{BLK_PROC_GOODS, "政府采购货物支出", "政府采购货物预算"},
		{BLK_PROC_WORKS, "政府采购工程支出", "政府采购工程预算"},
		{BLK_PROC_SERVICES, "政府采购服务支出", "政府采购服务预算"},
	};
	int k = 0;
	for (size_t i = 0; i < 3; i++)
		if (rg_has(g, parts[i][0])) {
			rg_put(g, "%s", k++ ? "、" : "，其中：");
			rg_figure(g, parts[i][fin ? 1 : 2], parts[i][0]);
		}
	rg_put(g, "。");
	rg_end_para(g);
}

void part_performance(gen *g)
{
	const char *t = rin_text(g->in, "performance", NULL, BL_B_NONE);
	if (t) {
		rg_put_lines(g, t);
		return;
	}
	bl_dec v;
	char a[48];
	if (!rg_val(g, BLK_PERF_AMOUNT, &v)) {
		rg_gap(g, "绩效管理情况");
		rg_end_para(g);
		return;
	}
	rg_year(g);
	rg_put(g, "本单位项目支出实行了绩效目标管理，涉及一般公共预算财政拨款%s万元。", rg_amt(g, v, a));
	rg_end_para(g);
}

void part_assets(gen *g)
{
	const char *t = rin_text(g->in, "assets", NULL, BL_B_NONE);
	if (t) {
		rg_put_lines(g, t);
		return;
	}
	bl_dec v;
	char a[48];
	if (!rg_val(g, BLK_VEHICLES, &v)) {
		rg_gap(g, "国有资产占有使用情况（车辆数）");
		rg_end_para(g);
		return;
	}
	if (g->kind == BL_KIND_FINAL)
		rg_put(g, "截至%d年12月31日，本单位共有车辆%s辆。", g->Y, bl_dec_format(v, a));
	else
		rg_put(g, "截至%d年12月31日，本单位共有车辆%s辆。", g->Y - 1, bl_dec_format(v, a));
	rg_end_para(g);
}

/* --- glossary: the templates' own definitions of the terms used --- */

static const char *const glossary_budget[] = {
	"财政拨款收入：指本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款和政府性基金预算财政拨款"
	"。",
	"事业收入：指事业单位开展专业业务活动及其辅助活动取得的收入。",
	"其他收入：指单位取得的除“财政拨款收入”、“事业收入”、“经营收入”等以外的收入。",
	"基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费。",
	"项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
	"“三公”经费：指用一般公共预算财政拨款安排的因公出国（境）费、公务用车购置及运行维护费、公务接待费。",
	"机关运行经费：指为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务等的各项公用经费"
	"。",
};

static const char *const glossary_final[] = {
	"财政拨款收入：指本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款和政府性基金预算财政拨款"
	"。",
	"事业收入：指事业单位开展专业业务活动及其辅助活动取得的现金流入。",
	"其他收入：指单位取得的除“财政拨款收入”、“事业收入”、“经营收入”等以外的收入。",
	"年初结转和结余：指单位上年结转本年使用的基本支出结转、项目支出结转和结余、经营结余。",
	"年末结转和结余：指单位结转下年的基本支出结转、项目支出结转和结余、经营结余。",
	"基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费。",
	"项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
	"“三公”经费：指用一般公共预算财政拨款安排的因公出国（境）费、公务用车购置及运行维护费、公务接待费。",
	"机关运行经费：指为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务等的各项公用经费"
	"。",
};

void part_glossary(gen *g)
{
	static const char *const num[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
	const char *const *gl = g->kind == BL_KIND_FINAL ? glossary_final : glossary_budget;
	size_t n = g->kind == BL_KIND_FINAL ? sizeof glossary_final / sizeof *glossary_final
					    : sizeof glossary_budget / sizeof *glossary_budget;
	for (size_t i = 0; i < n && i < 10; i++) {
		rg_put(g, "（%s）%s", num[i], gl[i]);
		rg_end_para(g);
	}
}
