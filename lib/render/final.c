/* final.c - the final account's own parts: the totals, the appropriations,
 * the general budget and its basic spending, the two fund budgets, and
 * 会议费、培训费和差旅费. */
#include <stdio.h>
#include <string.h>

#include "rmodel.h"

void part_final_totals(gen *g)
{
	if (rg_year_figure(g, "收、支总计均为", "total.grand_total")) {
		rg_change(g, "total.grand_total", BL_B_PREV_YEAR);
		rg_put(g, "。");
		rg_end_para(g);
	}
	rg_put(g, "1．收入情况。");
	if (rg_year_figure(g, "收入合计", "total.income")) {
		rg_change(g, "total.income", BL_B_PREV_YEAR);
		rg_put(g, "。");
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
			any |= rg_has(g, src[i][0]);
		if (any) {
			rg_put(g, "其中：");
			rg_shares_list(g, "total.income", src, 6, "；");
			rg_put(g, "。");
		}
		if (rg_has(g, "total.carryover.begin")) {
			rg_put(g, "此外，");
			rg_figure(g, "年初结转和结余", "total.carryover.begin");
			rg_put(g, "。");
		}
	} else
		rg_gap(g, "收入合计");
	rg_end_para(g);
	rg_put(g, "2．支出情况。");
	if (rg_year_figure(g, "支出合计", "total.expense")) {
		rg_change(g, "total.expense", BL_B_PREV_YEAR);
		rg_put(g, "。");
		static const char *const parts[][2] = {{"total.basic", "基本支出"}, {"total.project", "项目支出"}};
		if (rg_has(g, "total.basic") || rg_has(g, "total.project")) {
			rg_put(g, "其中：");
			rg_shares_list(g, "total.expense", parts, 2, "；");
			rg_put(g, "。");
		}
	} else
		rg_gap(g, "支出合计");
	rg_end_para(g);
	if (rg_has(g, "total.carryover.end")) {
		rg_put(g, "3．结转结余情况。");
		rg_year_figure(g, "年末结转和结余", "total.carryover.end");
		rg_change(g, "total.carryover.end", BL_B_PREV_YEAR);
		rg_put(g, "。");
		rg_end_para(g);
	}
}

void part_final_approp(gen *g)
{
	if (rg_year_figure(g, "财政拨款收、支总计均为", "approp.grand_total")) {
		rg_change(g, "approp.grand_total", BL_B_PREV_YEAR);
		rg_put(g, "。");
	} else if (rg_has(g, "approp.income") || rg_has(g, "approp.expense")) {
		rg_year(g);
		int k = 0;
		if (rg_has(g, "approp.income"))
			rg_item(g, "财政拨款收入", "approp.income", 0), k = 1;
		if (rg_has(g, "approp.expense"))
			rg_put(g, "%s", k ? "；" : ""), rg_item(g, "财政拨款支出", "approp.expense", 0);
		rg_put(g, "。");
	} else
		rg_gap(g, "财政拨款收支总计");
	rg_end_para(g);
}

void part_final_general(gen *g)
{
	char a[48], nm[256];
	rg_put(g, "1．收入情况。");
	if (rg_year_figure(g, "一般公共预算财政拨款收入", "general.income")) {
		rg_completion(g, "general.income");
		rg_two_changes(g, "一般公共预算财政拨款收入", "general.income", BL_B_PREV_YEAR, BL_B_INITIAL_BUDGET);
		rg_put(g, "。");
	} else
		rg_gap(g, "一般公共预算财政拨款收入");
	rg_end_para(g);
	rg_put(g, "2．支出情况。");
	if (rg_year_figure(g, "一般公共预算财政拨款支出", "general.expense")) {
		rg_completion(g, "general.expense");
		rg_two_changes(g, "一般公共预算财政拨款支出", "general.expense", BL_B_PREV_YEAR, BL_B_INITIAL_BUDGET);
		rg_put(g, "。");
	} else
		rg_gap(g, "一般公共预算财政拨款支出");
	rg_end_para(g);
	const char *keys[64];
	size_t nk = rg_func_keys(g, "general", keys, 64);
	if (nk) {
		rg_block(g, 9, "一般公共预算财政拨款支出主要用途如下：", strlen("一般公共预算财政拨款支出主要用途如下："));
		bl_dec sh[64];
		int ok[64];
		rg_shares(g, "general.expense", keys, nk < 32 ? nk : 32, sh, ok);
		for (size_t i = 0; i < nk && i < 32; i++) {
			rg_put(g, "（%zu）", i + 1);
			rg_figure(g, rg_item_name(keys[i], nm, sizeof nm), keys[i]);
			if (ok[i])
				rg_put(g, "，占%s%%", rg_pct(g, sh[i], a));
			rg_completion(g, keys[i]);
			rg_two_changes(g, nm, keys[i], BL_B_INITIAL_BUDGET, BL_B_PREV_YEAR);
			rg_use(g, keys[i]); /* after the reason, as in rg_item() */
			rg_put(g, "。");
			rg_end_para(g);
		}
	}
	if (rg_has(g, "general.carryover.end")) {
		rg_put(g, "3．结转结余情况。");
		rg_year_figure(g, "年末一般公共预算财政拨款结转和结余", "general.carryover.end");
		rg_change(g, "general.carryover.end", BL_B_PREV_YEAR);
		rg_put(g, "。");
		rg_end_para(g);
	}
}

void part_final_basic(gen *g)
{
	if (rg_year_figure(g, "一般公共预算财政拨款基本支出", "general.basic")) {
		rg_change(g, "general.basic", BL_B_PREV_YEAR);
		rg_put(g, "。");
		rg_end_para(g);
	} else if (!rg_has(g, "general.personnel") && !rg_has(g, "general.public")) {
		rg_gap(g, "一般公共预算财政拨款基本支出");
		rg_end_para(g);
		return;
	}
	rg_personnel_public(g);
}

void part_meeting(gen *g)
{
	static const char *const fees[][2] = {
	    {"meeting_fee", "会议费支出"}, {"training_fee", "培训费支出"}, {"travel_fee", "差旅费支出"}};
	for (size_t i = 0; i < 3; i++)
		if (rg_has(g, fees[i][0])) {
			rg_put(g, "本年度");
			rg_item(g, fees[i][1], fees[i][0], 1);
			rg_put(g, "。");
		}
	rg_end_para(g);
}

void part_final_fund(gen *g)
{
	part_scope_fund(g, "fund", "政府性基金预算财政拨款", "fund");
}

void part_final_capital(gen *g)
{
	part_scope_fund(g, "capital", "国有资本经营预算财政拨款", "capital");
}
