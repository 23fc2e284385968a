/* budget.c - the budget's own parts: 部门收支总体情况 and 财政拨款收支预算情况说明. */
#include <stdio.h>
#include <string.h>

#include "rmodel.h"

static const char *const income_sources[][2] = {
	{BLK_GENERAL_INCOME, "一般公共预算拨款"},
	{BLK_FUND_INCOME, "政府性基金预算拨款"},
	{BLK_CAPITAL_INCOME, "国有资本经营预算拨款"},
	{BLK_INC_SPECIAL, "财政专户管理资金收入"},
	{BLK_INC_BUSINESS, "事业收入"},
	{BLK_INC_OPERATING, "事业单位经营收入"},
	{BLK_INC_SUPERIOR, "上级补助收入"},
	{BLK_INC_AFFILIATED, "附属单位上缴收入"},
	{BLK_INC_OTHER, "其他收入"},
};

void part_budget_overview(gen *g)
{
	char a[48], nm[256];
	bl_dec v;
	rg_put(g, "（一）收入预算：");
	if (rg_val(g, BLK_TOTAL_INCOME, &v)) {
		rg_put(g, "%d年年初预算数%s万元", g->Y, rg_amt(g, v, a));
		int any = 0;
		for (size_t i = 0; i < sizeof income_sources / sizeof income_sources[0]; i++)
			any |= rg_has(g, income_sources[i][0]);
		if (any) {
			rg_put(g, "，其中：");
			rg_list_figures(g, income_sources, sizeof income_sources / sizeof income_sources[0],
					"，");
		}
		rg_put(g, "。收入");
		size_t mark = g->p.n;
		g->bare = 1;
		rg_change(g, BLK_TOTAL_INCOME, BL_B_PREV_YEAR);
		g->bare = 0;
		if (g->p.n == mark)
			g->p.n -= strlen("。收入");
		rg_put(g, "。");
	} else
		rg_gap(g, "收入预算总额");
	rg_end_para(g);

	rg_put(g, "（二）支出预算：");
	if (rg_val(g, BLK_TOTAL_EXPENSE, &v)) {
		rg_put(g, "%d年年初预算数%s万元", g->Y, rg_amt(g, v, a));
		const char *keys[64];
		size_t nk = rg_func_keys(g, BLK_S_TOTAL, keys, 64);
		int k = 0;
		if (rg_has(g, BLK_TOTAL_BASIC) || rg_has(g, BLK_TOTAL_PROJECT)) {
			rg_put(g, "，其中：");
			if (rg_has(g, BLK_TOTAL_BASIC))
				rg_figure(g, "基本支出", BLK_TOTAL_BASIC), k++;
			if (rg_has(g, BLK_TOTAL_PROJECT))
				rg_put(g, "%s", k++ ? "，" : ""), rg_figure(g, "项目支出", BLK_TOTAL_PROJECT);
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
		rg_change(g, BLK_TOTAL_EXPENSE, BL_B_PREV_YEAR);
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
	if (rg_has(g, BLK_GENERAL_INCOME) || rg_has(g, BLK_GENERAL_EXPENSE)) {
		rg_year(g);
		int k = 0;
		if (rg_has(g, BLK_GENERAL_INCOME)) {
			rg_item(g, "一般公共预算财政拨款收入", BLK_GENERAL_INCOME, 0);
			k = 1;
		}
		if (rg_has(g, BLK_GENERAL_EXPENSE)) {
			rg_put(g, "%s", k ? "，" : "");
			rg_item(g, "一般公共预算财政拨款支出", BLK_GENERAL_EXPENSE, 0);
		}
		rg_put(g, "。");
		if (rg_has(g, BLK_GENERAL_BASIC) || rg_has(g, BLK_GENERAL_PROJECT)) {
			rg_put(g, "其中：");
			k = 0;
			if (rg_has(g, BLK_GENERAL_BASIC)) {
				rg_item(g, "基本支出", BLK_GENERAL_BASIC, 1);
				k = 1;
			}
			if (rg_has(g, BLK_GENERAL_PROJECT)) {
				rg_put(g, "%s", k ? "；" : "");
				rg_item(g, "项目支出", BLK_GENERAL_PROJECT, 1);
			}
			rg_put(g, "。");
		}
		rg_end_para(g);
	} else {
		rg_gap(g, "一般公共预算财政拨款收支数");
		rg_end_para(g);
	}
	const char *keys[64];
	size_t nk = rg_func_keys(g, BLK_S_GENERAL, keys, 64);
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
	part_scope_fund(g, BLK_S_FUND, "政府性基金预算财政拨款", "fund");
	part_scope_fund(g, BLK_S_CAPITAL, "国有资本经营预算财政拨款", "capital");
}
