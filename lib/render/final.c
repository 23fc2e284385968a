/* final.c - the final account's own parts: the totals, the appropriations,
 * the general budget and its basic spending, the two fund budgets, and
 * 会议费、培训费和差旅费. */
#include <stdio.h>
#include <string.h>

#include "rmodel.h"

void part_final_totals(gen *g)
{
	if (rg_year_figure(g, "收、支总计均为", BLK_TOTAL_GRAND)) {
		rg_change(g, BLK_TOTAL_GRAND, BL_B_PREV_YEAR);
		rg_put(g, "。");
		rg_end_para(g);
	}
	rg_put(g, "1．收入情况。");
	if (rg_year_figure(g, "收入合计", BLK_TOTAL_INCOME)) {
		rg_change(g, BLK_TOTAL_INCOME, BL_B_PREV_YEAR);
		rg_put(g, "。");
		static const char *const src[][2] = {
			{BLK_APPROP_INCOME, "财政拨款收入"},      {BLK_INC_SUPERIOR, "上级补助收入"},
			{BLK_INC_BUSINESS, "事业收入"},           {BLK_INC_OPERATING, "经营收入"},
			{BLK_INC_AFFILIATED, "附属单位上缴收入"}, {BLK_INC_OTHER, "其他收入"},
		};
		int any = 0;
		for (size_t i = 0; i < 6; i++)
			any |= rg_has(g, src[i][0]);
		if (any) {
			rg_put(g, "其中：");
			rg_shares_list(g, BLK_TOTAL_INCOME, src, 6, "；");
			rg_put(g, "。");
		}
		if (rg_has(g, BLK_TOTAL_CARRY_BEGIN)) {
			rg_put(g, "此外，");
			rg_figure(g, "年初结转和结余", BLK_TOTAL_CARRY_BEGIN);
			rg_put(g, "。");
		}
	} else
		rg_gap(g, "收入合计");
	rg_end_para(g);
	rg_put(g, "2．支出情况。");
	if (rg_year_figure(g, "支出合计", BLK_TOTAL_EXPENSE)) {
		rg_change(g, BLK_TOTAL_EXPENSE, BL_B_PREV_YEAR);
		rg_put(g, "。");
		/* the spending columns of the template's 收入支出决算总表, those stated */
		static const char *const parts[][2] = {{BLK_TOTAL_BASIC, "基本支出"},
						       {BLK_TOTAL_PROJECT, "项目支出"},
						       {BLK_TOTAL_SUPERIOR, "上缴上级支出"},
						       {BLK_TOTAL_OPERATING, "经营支出"},
						       {BLK_TOTAL_AFFILIATED, "对附属单位补助支出"}};
		if (rg_has(g, BLK_TOTAL_BASIC) || rg_has(g, BLK_TOTAL_PROJECT)) {
			rg_put(g, "其中：");
			rg_shares_list(g, BLK_TOTAL_EXPENSE, parts, sizeof parts / sizeof parts[0], "；");
			rg_put(g, "。");
		}
	} else
		rg_gap(g, "支出合计");
	rg_end_para(g);
	if (rg_has(g, BLK_TOTAL_CARRY_END)) {
		rg_put(g, "3．结转结余情况。");
		rg_year_figure(g, "年末结转和结余", BLK_TOTAL_CARRY_END);
		rg_change(g, BLK_TOTAL_CARRY_END, BL_B_PREV_YEAR);
		rg_put(g, "。");
		rg_end_para(g);
	}
}

void part_final_approp(gen *g)
{
	if (rg_year_figure(g, "财政拨款收、支总计均为", BLK_APPROP_GRAND)) {
		rg_change(g, BLK_APPROP_GRAND, BL_B_PREV_YEAR);
		rg_put(g, "。");
	} else if (rg_has(g, BLK_APPROP_INCOME) || rg_has(g, BLK_APPROP_EXPENSE)) {
		rg_year(g);
		int k = 0;
		if (rg_has(g, BLK_APPROP_INCOME))
			rg_item(g, "财政拨款收入", BLK_APPROP_INCOME, 0), k = 1;
		if (rg_has(g, BLK_APPROP_EXPENSE))
			rg_put(g, "%s", k ? "；" : ""), rg_item(g, "财政拨款支出", BLK_APPROP_EXPENSE, 0);
		rg_put(g, "。");
	} else
		rg_gap(g, "财政拨款收支总计");
	rg_end_para(g);
}

void part_final_general(gen *g)
{
	char a[48], nm[256];
	rg_put(g, "1．收入情况。");
	if (rg_year_figure(g, "一般公共预算财政拨款收入", BLK_GENERAL_INCOME)) {
		rg_completion(g, BLK_GENERAL_INCOME);
		rg_two_changes(g, "一般公共预算财政拨款收入", BLK_GENERAL_INCOME, BL_B_PREV_YEAR,
			       BL_B_INITIAL_BUDGET);
		rg_put(g, "。");
	} else
		rg_gap(g, "一般公共预算财政拨款收入");
	rg_end_para(g);
	rg_put(g, "2．支出情况。");
	if (rg_year_figure(g, "一般公共预算财政拨款支出", BLK_GENERAL_EXPENSE)) {
		rg_completion(g, BLK_GENERAL_EXPENSE);
		rg_two_changes(g, "一般公共预算财政拨款支出", BLK_GENERAL_EXPENSE, BL_B_PREV_YEAR,
			       BL_B_INITIAL_BUDGET);
		rg_put(g, "。");
	} else
		rg_gap(g, "一般公共预算财政拨款支出");
	rg_end_para(g);
	const char *keys[64];
	size_t nk = rg_func_keys(g, BLK_S_GENERAL, keys, 64);
	if (nk) {
		rg_block(g, 9, "一般公共预算财政拨款支出主要用途如下：",
			 strlen("一般公共预算财政拨款支出主要用途如下："));
		bl_dec sh[64];
		int ok[64];
		rg_shares(g, BLK_GENERAL_EXPENSE, keys, nk < 32 ? nk : 32, sh, ok);
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
	if (rg_has(g, BLK_GENERAL_CARRY_END)) {
		rg_put(g, "3．结转结余情况。");
		rg_year_figure(g, "年末一般公共预算财政拨款结转和结余", BLK_GENERAL_CARRY_END);
		rg_change(g, BLK_GENERAL_CARRY_END, BL_B_PREV_YEAR);
		rg_put(g, "。");
		rg_end_para(g);
	}
}

void part_final_basic(gen *g)
{
	if (rg_year_figure(g, "一般公共预算财政拨款基本支出", BLK_GENERAL_BASIC)) {
		rg_change(g, BLK_GENERAL_BASIC, BL_B_PREV_YEAR);
		rg_put(g, "。");
		rg_end_para(g);
	} else if (!rg_has(g, BLK_GENERAL_PERSONNEL) && !rg_has(g, BLK_GENERAL_PUBLIC)) {
		rg_gap(g, "一般公共预算财政拨款基本支出");
		rg_end_para(g);
		return;
	}
	rg_personnel_public(g);
}

void part_meeting(gen *g)
{
	static const char *const fees[][2] = {
		{BLK_MEETING, "会议费支出"}, {BLK_TRAINING, "培训费支出"}, {BLK_TRAVEL, "差旅费支出"}};
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
	part_scope_fund(g, BLK_S_FUND, "政府性基金预算财政拨款", "fund");
}

void part_final_capital(gen *g)
{
	part_scope_fund(g, BLK_S_CAPITAL, "国有资本经营预算财政拨款", "capital");
}
