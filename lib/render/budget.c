/* budget.c - the budget's own parts: 部门收支总体情况 and 财政拨款收支预算情况说明. */
#include <stdio.h>
#include <string.h>

#include "rmodel.h"

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

void part_budget_overview(gen *g)
{
	char a[48], nm[256];
	bl_dec v;
	rg_put(g, "（一）收入预算：");
	if (rg_val(g, "total.income", &v)) {
		rg_put(g, "%d年年初预算数%s万元", g->Y, rg_amt(g, v, a));
		int any = 0;
		for (size_t i = 0; i < sizeof income_sources / sizeof income_sources[0]; i++)
			any |= rg_has(g, income_sources[i][0]);
		if (any) {
			rg_put(g, "，其中：");
			rg_list_figures(g, income_sources, sizeof income_sources / sizeof income_sources[0], "，");
		}
		rg_put(g, "。收入");
		size_t mark = g->p.n;
		g->bare = 1;
		rg_change(g, "total.income", BL_B_PREV_YEAR);
		g->bare = 0;
		if (g->p.n == mark)
			g->p.n -= strlen("。收入");
		rg_put(g, "。");
	} else
		rg_gap(g, "收入预算总额");
	rg_end_para(g);

	rg_put(g, "（二）支出预算：");
	if (rg_val(g, "total.expense", &v)) {
		rg_put(g, "%d年年初预算数%s万元", g->Y, rg_amt(g, v, a));
		const char *keys[64];
		size_t nk = rg_func_keys(g, "total", keys, 64);
		int k = 0;
		if (rg_has(g, "total.basic") || rg_has(g, "total.project")) {
			rg_put(g, "，其中：");
			if (rg_has(g, "total.basic"))
				rg_figure(g, "基本支出", "total.basic"), k++;
			if (rg_has(g, "total.project"))
				rg_put(g, "%s", k++ ? "，" : ""), rg_figure(g, "项目支出", "total.project");
		}
		if (nk) {
			rg_put(g, "%s", k ? "；按支出功能分类，" : "，其中：");
			for (size_t i = 0; i < nk; i++) {
				rg_put(g, "%s", i ? "，" : "");
				rg_figure(g, rg_item_name(keys[i], nm, sizeof nm), keys[i]);
			}
		}
		rg_put(g, "。支出");
		size_t mark = g->p.n;
		g->bare = 1;
		rg_change(g, "total.expense", BL_B_PREV_YEAR);
		g->bare = 0;
		if (g->p.n == mark)
			g->p.n -= strlen("。支出");
		rg_put(g, "。");
	} else
		rg_gap(g, "支出预算总额");
	rg_end_para(g);
}

void part_budget_approp(gen *g)
{
	char nm[256];
	/* income and expense of the general budget, with the change */
	if (rg_has(g, "general.income") || rg_has(g, "general.expense")) {
		rg_year(g);
		int k = 0;
		if (rg_has(g, "general.income")) {
			rg_item(g, "一般公共预算财政拨款收入", "general.income", 0);
			k = 1;
		}
		if (rg_has(g, "general.expense")) {
			rg_put(g, "%s", k ? "，" : "");
			rg_item(g, "一般公共预算财政拨款支出", "general.expense", 0);
		}
		rg_put(g, "。");
		if (rg_has(g, "general.basic") || rg_has(g, "general.project")) {
			rg_put(g, "其中：");
			k = 0;
			if (rg_has(g, "general.basic")) {
				rg_item(g, "基本支出", "general.basic", 1);
				k = 1;
			}
			if (rg_has(g, "general.project")) {
				rg_put(g, "%s", k ? "；" : "");
				rg_item(g, "项目支出", "general.project", 1);
			}
			rg_put(g, "。");
		}
		rg_end_para(g);
	} else {
		rg_gap(g, "一般公共预算财政拨款收支数");
		rg_end_para(g);
	}
	const char *keys[64];
	size_t nk = rg_func_keys(g, "general", keys, 64);
	if (nk) {
		rg_put(g, "一般公共预算财政拨款支出按功能分类：");
		for (size_t i = 0; i < nk; i++) {
			rg_put(g, "%s", i ? "；" : "");
			rg_item(g, rg_item_name(keys[i], nm, sizeof nm), keys[i], 1);
		}
		rg_put(g, "。");
		rg_end_para(g);
	}
	rg_personnel_public(g);
	part_scope_fund(g, "fund", "政府性基金预算财政拨款", "fund");
	part_scope_fund(g, "capital", "国有资本经营预算财政拨款", "capital");
}
