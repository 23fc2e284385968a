/* completeness.c - the narrative against the official budget and final-account templates. */
#include <string.h>

#include "rules/rules.h"

/* A part the template requires, and the heading words that show it. */
typedef struct topic {
	const char *name;  /* as the template names it */
	const char *words; /* "|"-separated, any one in a heading */
} topic;

static const topic budget_topics[] = {
	{"单位（部门）职能", "职能|职责"},
	{"机构设置 / 单位构成", "构成|机构设置|机构情况"},
	{"收支总体情况", "收支总体|收支预算|收入预算|财务收支|收支情况|编制说明"},
	{"财政拨款（一般公共预算）收支情况",
	 "一般公共预算|财政拨款|部门预算情况说明|单位预算情况说明|编制说明"},
	{"“三公”经费情况", "三公"},
	{"机关运行经费", "机关运行经费|运行经费"},
	{"政府采购情况", "政府采购"},
	{"国有资产占有使用情况", "国有资产|资产占有|资产占用"},
	{"绩效目标设置情况", "绩效"},
	{"名词解释", "名词解释"},
};

static const topic final_topics[] = {
	{"主要职能", "职能|职责"},
	{"决算单位构成 / 机构设置", "构成|机构设置"},
	{"收入支出决算总体情况", "收入支出决算总体|收支决算总体|决算收支情况|收支总体"},
	{"收入决算情况", "收入决算|收入情况"},
	{"支出决算情况", "支出决算|支出情况"},
	{"财政拨款收入支出决算总体情况", "财政拨款收入支出|财政拨款收支"},
	{"一般公共预算财政拨款支出决算情况", "一般公共预算财政拨款"},
	{"一般公共预算财政拨款基本支出决算情况", "基本支出"},
	{"财政拨款“三公”经费支出决算情况", "三公"},
	{"政府性基金预算财政拨款收入支出决算情况", "政府性基金"},
	{"国有资本经营预算财政拨款支出决算情况", "国有资本经营"},
	{"预算绩效管理情况", "绩效"},
	{"机关运行经费", "机关运行经费|运行经费"},
	{"政府采购支出情况", "政府采购"},
	{"国有资产占用情况", "国有资产|资产占用|资产占有"},
	{"名词解释", "名词解释"},
};

static int title_has(const bl_section *sec, const char *words)
{
	return bl_has_any(sec->title.p, sec->title.n, words);
}

static void sections(bl_doc *doc)
{
	const topic *t;
	size_t nt;
	if (doc->profile.kind == BL_KIND_BUDGET) {
		t = budget_topics;
		nt = sizeof budget_topics / sizeof budget_topics[0];
	} else if (doc->profile.kind == BL_KIND_FINAL) {
		t = final_topics;
		nt = sizeof final_topics / sizeof final_topics[0];
	} else {
		bl_outcome_count(doc, BL_R_COMPLETE_SECTIONS, BL_OUT_NOT_APPLICABLE);
		return;
	}
	/* a file of tables alone has no narrative to judge: complete.pair says
	 * so once, instead of one finding a section (pair.c) */
	if (!(bl_doc_holds(doc) & BL_HOLDS_NARRATIVE)) {
		bl_outcome_count(doc, BL_R_COMPLETE_SECTIONS, BL_OUT_NOT_APPLICABLE);
		return;
	}
	/* a document with almost no headings is not a narrative we can judge,
	 * nor one whose pages are mostly unreadable (a scan) */
	if (doc->nsec < 3 || bl_unreadable_pct(doc) >= 50) {
		bl_outcome_count(doc, BL_R_COMPLETE_SECTIONS, BL_OUT_INSUFFICIENT);
		return;
	}
	bl_pos where = doc->profile.kind_pos.line ? doc->profile.kind_pos : (bl_pos){1, 1, 1};
	for (size_t k = 0; k < nt; k++) {
		int found = 0;
		for (size_t s = 0; s < doc->nsec && !found; s++) {
			/* the glossary names every topic without being one */
			int glossary = 0;
			for (int a = doc->sec[s].parent; a >= 0; a = doc->sec[a].parent)
				glossary |= title_has(&doc->sec[a], "名词解释");
			found = !glossary && title_has(&doc->sec[s], t[k].words);
		}
		bl_outcome_count(doc, BL_R_COMPLETE_SECTIONS, found ? BL_OUT_PASS : BL_OUT_FAIL);
		if (found)
			continue;
		bl_finding *fd = bl_finding_add(doc, BL_R_COMPLETE_SECTIONS,
						bl_rule_sev(BL_R_COMPLETE_SECTIONS), where, 2);
		fd->message = bl_arena_printf(&doc->arena, "缺少%s模板要求的部分：%s",
					      doc->profile.kind == BL_KIND_BUDGET ? "预算公开" : "决算公开",
					      t[k].name);
		fd->suggestion = bl_arena_printf(
			&doc->arena, "按模板补充“%s”一节；确无此项的，应写明“无此项”及原因。", t[k].name);
		/* the evidence is the title that made this a budget or final document */
		bl_finding_evidence(doc, fd, (bl_pos){where.page, where.line, 1},
				    bl_line_evidence(doc, where.line));
	}
}

static void identity(bl_doc *doc)
{
	const bl_profile *p = &doc->profile, *q = doc->companion ? &doc->companion->profile : NULL;
	/* a file of a pair may leave to the other what the other names */
	const char *missing = !*p->unit && !(q && *q->unit) ? "单位名称"
			      : !p->year && !(q && q->year) ? "年度"
			      : !p->kind && !(q && q->kind) ? "预算或决算"
							    : NULL;
	if (missing && bl_unreadable_pct(doc) >= 50) {
		bl_outcome_count(doc, BL_R_PROFILE_IDENTITY, BL_OUT_INSUFFICIENT);
		return;
	}
	/* a unit read from the file name alone is a guess to confirm, said once */
	int guessed = !missing && p->unit_doubt && !(q && *q->unit && !q->unit_doubt);
	bl_outcome_count(doc, BL_R_PROFILE_IDENTITY, missing || guessed ? BL_OUT_FAIL : BL_OUT_PASS);
	if (!missing && !guessed)
		return;
	bl_finding *fd = bl_finding_add(doc, BL_R_PROFILE_IDENTITY, bl_rule_sev(BL_R_PROFILE_IDENTITY),
					(bl_pos){1, 1, 1}, 1);
	fd->message = guessed ? bl_arena_printf(&doc->arena,
						"文中未写明单位名称，按文件名识别为“%s”，请人工核对", p->unit)
			      : bl_arena_printf(&doc->arena, "无法从标题识别%s", missing);
	fd->suggestion = "标题应写明单位全称、年度及“部门预算”或“部门决算”。";
	bl_finding_evidence(doc, fd, (bl_pos){1, 1, 1}, bl_line_evidence(doc, 1));
}

void bl_rules_completeness(bl_doc *doc)
{
	sections(doc);
	identity(doc);
}
