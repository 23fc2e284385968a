/* completeness.c - the narrative against the template it follows (lib/rules/templates/): its required parts, and the document's identity. */
#include <string.h>

#include "rules/templates.h"

static int title_has(const bl_section *sec, const char *words)
{
	return bl_has_any(sec->title.p, sec->title.n, words);
}

/* Is the part's heading there: a section whose title has one of its words,
 * not under the glossary (which names every part without being one)? */
static int has_section(const bl_doc *doc, const char *words)
{
	for (size_t s = 0; s < doc->nsec; s++) {
		int glossary = 0;
		for (int a = doc->sec[s].parent; a >= 0; a = doc->sec[a].parent)
			glossary |= title_has(&doc->sec[a], "名词解释");
		if (!glossary && title_has(&doc->sec[s], words))
			return 1;
	}
	return 0;
}

static void sections(bl_doc *doc)
{
	int assumed = 0;
	const bl_template *tpl = bl_template_pick(&doc->profile, &assumed);
	if (!tpl) {
		bl_outcome_count(doc, BL_R_COMPLETE_SECTIONS, BL_OUT_NOT_APPLICABLE);
		return;
	}
	/* a document with almost no headings is not a narrative we can judge,
	 * nor one whose pages are mostly unreadable (a scan) */
	if (doc->nsec < 3 || bl_unreadable_pct(doc) >= 50) {
		bl_outcome_count(doc, BL_R_COMPLETE_SECTIONS, BL_OUT_INSUFFICIENT);
		return;
	}
	const bl_template_info *t = bl_template_info_of(tpl);
	/* a template assumed, not recognised, is a doubt: warning at most */
	bl_severity sev = bl_template_sev(bl_rule_sev(BL_R_COMPLETE_SECTIONS), assumed);
	bl_pos where = doc->profile.kind_pos.line ? doc->profile.kind_pos : (bl_pos){1, 1, 1};
	for (size_t k = 0; k < t->nsections; k++) {
		const bl_template_section *part = &t->sections[k];
		int found = has_section(doc, part->words);
		bl_outcome_count(doc, BL_R_COMPLETE_SECTIONS, found ? BL_OUT_PASS : BL_OUT_FAIL);
		if (found)
			continue;
		bl_finding *fd = bl_finding_add(doc, BL_R_COMPLETE_SECTIONS, sev, where, 2);
		fd->message = bl_arena_printf(&doc->arena, "缺少%s模板要求的部分：%s%s",
					      doc->profile.kind == BL_KIND_BUDGET ? "预算公开" : "决算公开",
					      part->name, bl_template_note(tpl, assumed));
		fd->suggestion = bl_arena_printf(
			&doc->arena, "按模板补充“%s”一节；确无此项的，应写明“无此项”及原因。", part->name);
		/* the evidence is the title that made this a budget or final document */
		bl_finding_evidence(doc, fd, (bl_pos){where.page, where.line, 1},
				    bl_line_evidence(doc, where.line));
	}
}

static void identity(bl_doc *doc)
{
	const bl_profile *p = &doc->profile;
	const char *missing = !*p->unit ? "单位名称" : !p->year ? "年度" : !p->kind ? "预算或决算" : NULL;
	if (missing && bl_unreadable_pct(doc) >= 50) {
		bl_outcome_count(doc, BL_R_PROFILE_IDENTITY, BL_OUT_INSUFFICIENT);
		return;
	}
	bl_outcome_count(doc, BL_R_PROFILE_IDENTITY, missing ? BL_OUT_FAIL : BL_OUT_PASS);
	if (!missing)
		return;
	bl_finding *fd = bl_finding_add(doc, BL_R_PROFILE_IDENTITY, bl_rule_sev(BL_R_PROFILE_IDENTITY),
					(bl_pos){1, 1, 1}, 1);
	/* what the rules then assumed of the template (none without a kind) */
	int assumed = 0;
	const bl_template *tpl = bl_template_pick(p, &assumed);
	fd->message = bl_arena_printf(&doc->arena, "无法从标题识别%s%s", missing,
				      tpl ? bl_template_note(tpl, assumed) : "");
	fd->suggestion = "标题应写明单位全称、年度及“部门预算”或“部门决算”。";
	bl_finding_evidence(doc, fd, (bl_pos){1, 1, 1}, bl_line_evidence(doc, 1));
}

void bl_rules_completeness(bl_doc *doc)
{
	sections(doc);
	identity(doc);
}
