/* completeness.c - the narrative against the template it follows (lib/rules/templates/): its required parts, and the document's identity. */
#include <string.h>

#include "base/cp.h"
#include "read/read.h"
#include "rules/templates.h"

static int title_has(const bl_section *sec, const char *words)
{
	return bl_has_any(sec->title.p, sec->title.n, words);
}

/* Is the part's heading there: a section whose title has one of its words,
 * not under the glossary (which names every part without being one)? */
/* A title printed without a marker, as a line of its own (上海市某某局主要职能
 * centred over its part): a short paragraph with no sentence or clause mark. */
#define TITLE_MAX_CP 40

static int in_glossary_sec(const bl_doc *doc, int s)
{
	for (int a = s; a >= 0; a = doc->sec[a].parent)
		if (title_has(&doc->sec[a], "名词解释"))
			return 1;
	return 0;
}

static int title_line_has(bl_doc *doc, size_t p, const char *words)
{
	const bl_flow *f = &doc->flow;
	size_t a = (size_t)doc->para_start[p], b = a;
	while (b < f->n && f->cp[b] != '\n')
		b++;
	if (b == a || b - a > TITLE_MAX_CP || in_glossary_sec(doc, doc->sec_of_para[p]))
		return 0;
	for (size_t i = a; i < b; i++)
		if (bl_cp_in(f->cp[i], "。；，：:,;"))
			return 0;
	const char *t = bl_flow_text(doc, a, b, 1, &doc->arena);
	return bl_has_any(t, strlen(t), words);
}

static int has_section(bl_doc *doc, const char *words)
{
	for (size_t s = 0; s < doc->nsec; s++)
		if (!in_glossary_sec(doc, doc->sec[s].parent) && title_has(&doc->sec[s], words))
			return 1;
	for (size_t p = 0; p < doc->npara; p++)
		if (title_line_has(doc, p, words))
			return 1;
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

/* --- complete.asset_date --- */

enum { CP_YUE = 0x6708 /* 月 */ };

/* A date as a template states it ("上年8月31日": the year before the
 * report year) or as a document prints it; 0 for a part not given. */
typedef struct ymd {
	int y, m, d;
} ymd;

/* The template's convention for a report year; 0 when it states none. */
static int convention(const char *s, int year, ymd *out)
{
	static const char prev[] = "上年", cur[] = "本年";
	int dy = !strncmp(s, prev, strlen(prev)) ? -1 : !strncmp(s, cur, strlen(cur)) ? 0 : 1;
	if (dy > 0 || !year)
		return 0;
	s += strlen(prev); /* 上年 and 本年 are as long */
	*out = (ymd){year + dy, 0, 0};
	char yue[8], ri[8];
	int n = 0;
	return sscanf(s, "%d%3s%d%3s%n", &out->m, yue, &out->d, ri, &n) == 4 && out->m > 0;
}

/* A run of ASCII digits in the flow at *i (spaces before it skipped), or -1. */
static int flow_int(const bl_flow *f, size_t *i, size_t end)
{
	while (*i < end && (f->cp[*i] == ' ' || f->cp[*i] == BL_CP_IDEO_SPACE))
		(*i)++;
	int v = -1;
	for (; *i < end && f->cp[*i] >= '0' && f->cp[*i] <= '9' && v < 100000; (*i)++)
		v = (v < 0 ? 0 : v * 10) + (int)(f->cp[*i] - '0');
	while (*i < end && (f->cp[*i] == ' ' || f->cp[*i] == BL_CP_IDEO_SPACE))
		(*i)++;
	return v;
}

/* The date after 截至/截止 at flow index i: year and month at least. */
static int date_at(const bl_flow *f, size_t i, size_t end, ymd *out)
{
	*out = (ymd){flow_int(f, &i, end), 0, 0};
	if (out->y < 0 || i >= end || f->cp[i++] != BL_CP_NIAN)
		return 0;
	out->m = flow_int(f, &i, end);
	if (out->m < 0 || i >= end || f->cp[i++] != CP_YUE)
		return 0;
	size_t j = i;
	int d = flow_int(f, &j, end);
	out->d = d > 0 && j < end && f->cp[j] == BL_CP_RI ? d : 0;
	return 1;
}

/* The flow range of the lines from text t's start to its end. */
static void text_range(const bl_doc *doc, const bl_doc_text *t, size_t *a, size_t *b)
{
	size_t first = (size_t)t->pos.line - 1, last = (size_t)t->end.line - 1;
	*a = bl_flow_index(&doc->flow, doc->lines[first].off);
	*b = last < doc->nlines
		     ? bl_flow_index(&doc->flow,
				     doc->lines[last].off + (t->end.col > 1 ? doc->lines[last].len : 0))
		     : doc->flow.n;
}

/* The 国有资产 part's 截至 dates against the template's convention. */
static void asset_date(bl_doc *doc)
{
	int assumed = 0;
	const bl_template *tpl = bl_template_pick(&doc->profile, &assumed);
	ymd want;
	/* an assumed template's convention is a guess, not a requirement */
	if (!tpl || assumed || !convention(bl_template_info_of(tpl)->assets_date, doc->profile.year, &want)) {
		bl_outcome_count(doc, BL_R_COMPLETE_ASSET_DATE, BL_OUT_NOT_APPLICABLE);
		return;
	}
	static const char *const marks[] = {"截至", "截止"};
	for (size_t k = 0; k < doc->ntexts; k++) {
		const bl_doc_text *t = &doc->texts[k];
		if (strcmp(t->id, "assets") || t->pos.line < 1 || (size_t)t->pos.line > doc->nlines)
			continue;
		size_t a, b;
		text_range(doc, t, &a, &b);
		for (size_t m = 0; m < sizeof marks / sizeof marks[0]; m++)
			for (size_t i = a; (i = bl_flow_find(&doc->flow, i, b, marks[m])) != (size_t)-1;
			     i++) {
				ymd got;
				if (!date_at(&doc->flow, i + 2, b, &got))
					continue;
				int ok = got.y == want.y && got.m == want.m && (!got.d || got.d == want.d);
				bl_outcome_count(doc, BL_R_COMPLETE_ASSET_DATE,
						 ok ? BL_OUT_PASS : BL_OUT_FAIL);
				if (ok)
					continue;
				bl_pos at = bl_doc_pos_of(doc, doc->flow.src[i]);
				bl_finding *fd = bl_finding_add(doc, BL_R_COMPLETE_ASSET_DATE,
								bl_rule_sev(BL_R_COMPLETE_ASSET_DATE), at, 2);
				fd->message = bl_arena_printf(
					&doc->arena, "国有资产数据截至%d年%d月%s，模板要求截至%d年%d月%d日%s",
					got.y, got.m,
					got.d ? bl_arena_printf(&doc->arena, "%d日", got.d) : "", want.y,
					want.m, want.d, bl_template_note(tpl, assumed));
				fd->suggestion = "核对资产数据的截止时点，按模板规定的日期填写。";
				bl_finding_evidence(doc, fd, at, bl_line_evidence(doc, at.line));
			}
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
	/* what the rules then assumed of the template (none without a kind) */
	int assumed = 0;
	const bl_template *tpl = bl_template_pick(p, &assumed);
	fd->message = guessed ? bl_arena_printf(&doc->arena,
						"文中未写明单位名称，按文件名识别为“%s”，请人工核对", p->unit)
			      : bl_arena_printf(&doc->arena, "无法从标题识别%s%s", missing,
						tpl ? bl_template_note(tpl, assumed) : "");
	fd->suggestion = "标题应写明单位全称、年度及“部门预算”或“部门决算”。";
	bl_finding_evidence(doc, fd, (bl_pos){1, 1, 1}, bl_line_evidence(doc, 1));
}

/* The current year's statement of key with measure m, any basis; -1 if none. */
static int stated(const bl_doc *doc, const char *key, bl_measure m)
{
	for (size_t i = 0; i < doc->nfacts; i++)
		if (doc->facts[i].measure == m && doc->facts[i].period == doc->profile.year &&
		    !strcmp(doc->facts[i].key, key))
			return (int)i;
	return -1;
}

static void sangong_missing(bl_doc *doc, const bl_fact *at, const char *what)
{
	bl_finding *fd =
		bl_finding_at_fact(doc, BL_R_COMPLETE_SANGONG, bl_rule_sev(BL_R_COMPLETE_SANGONG), at);
	fd->message = bl_arena_printf(&doc->arena, "“三公”经费说明未列出%s", what);
	fd->suggestion =
		"按模板逐项说明因公出国（境）费、公务用车购置及运行维护费、公务接待费的金额及增减变化。";
	bl_outcome_count(doc, BL_R_COMPLETE_SANGONG, BL_OUT_FAIL);
}

/* Has the item stated at fi money (a vehicle line by its parts: either)? */
static int item_money(const bl_doc *doc, int fi)
{
	int p = !strcmp(doc->facts[fi].key, BLK_SG_OPERATION) ? stated(doc, BLK_SG_PURCHASE, BL_M_VALUE) : -1;
	return doc->facts[fi].value.u != 0 || (p >= 0 && doc->facts[p].value.u != 0);
}

/* Is some change of the 三公 item key stated (for the vehicle line, of its parts too)? */
static int item_compared(const bl_doc *doc, const char *key)
{
	if (stated(doc, key, BL_M_CHANGE) >= 0)
		return 1;
	return !strcmp(key, BLK_SG_VEHICLE) && (stated(doc, BLK_SG_PURCHASE, BL_M_CHANGE) >= 0 ||
						stated(doc, BLK_SG_OPERATION, BL_M_CHANGE) >= 0);
}

/* Do the 三公 items stated add up to the total (within rounding)? Only then
 * is an item not stated known to be left out, not lost from the text.
 * facts[0..n) are the items' statements (-1: not stated); a vehicle line
 * stated by its parts is their sum. */
static int items_close(const bl_doc *doc, const bl_fact *total, const int *fi, size_t n)
{
	bl_dec t = bl_fact_wan(total), sum = {0, BL_DEC_EXACT};
	int64_t slack = bl_dec_half_unit(t.prec);
	for (size_t k = 0; k < n; k++) {
		int parts[2] = {fi[k], -1};
		if (fi[k] >= 0 && !strcmp(doc->facts[fi[k]].key, BLK_SG_OPERATION))
			parts[1] = stated(doc, BLK_SG_PURCHASE, BL_M_VALUE);
		for (int q = 0; q < 2; q++)
			if (parts[q] >= 0) {
				bl_dec v = bl_fact_wan(&doc->facts[parts[q]]);
				sum = bl_dec_add(sum, v);
				slack += bl_dec_half_unit(v.prec);
			}
	}
	return bl_round_verdict(t.u, sum.u, slack) != BL_V_WRONG;
}

/* complete.sangong: a narrative that states its 三公 total states each item
 * with its amount (公务用车购置及运行费 whole, or its two parts) and, where it
 * compares the total with another figure, each item that has money too;
 * 国内公务接待 by both batches and people. An item is said to be missing only
 * when the items stated add up to the total: where they do not, the text may
 * have lost words (a damaged extraction), and the sum says nothing either. */
static void sangong(bl_doc *doc)
{
	int ti = stated(doc, BLK_SG_TOTAL, BL_M_VALUE);
	if (ti < 0) {
		bl_outcome_count(doc, BL_R_COMPLETE_SANGONG, BL_OUT_NOT_APPLICABLE);
		return;
	}
	const bl_fact *total = &doc->facts[ti];
	int compared = stated(doc, BLK_SG_TOTAL, BL_M_CHANGE) >= 0;
	static const struct {
		const char *key, *name;
	} items[] = {{BLK_SG_ABROAD, "因公出国（境）费"},
		     {BLK_SG_VEHICLE, "公务用车购置及运行维护费"},
		     {BLK_SG_RECEPTION, "公务接待费"}};
	enum { NITEMS = sizeof items / sizeof items[0] };
	int vi[NITEMS], ok = 1;
	for (size_t k = 0; k < NITEMS; k++) {
		vi[k] = stated(doc, items[k].key, BL_M_VALUE);
		if (vi[k] < 0 && !strcmp(items[k].key, BLK_SG_VEHICLE)) { /* its two parts stand for it */
			int p = stated(doc, BLK_SG_PURCHASE, BL_M_VALUE),
			    o = stated(doc, BLK_SG_OPERATION, BL_M_VALUE);
			vi[k] = p >= 0 && o >= 0 ? o : -1; /* items_close adds the purchase to it */
		}
	}
	int whole = items_close(doc, total, vi, NITEMS);
	for (size_t k = 0; k < NITEMS; k++) {
		if (vi[k] < 0) {
			if (whole) {
				sangong_missing(doc, total,
						bl_arena_printf(&doc->arena, "%s的金额", items[k].name));
				ok = 0;
			}
		} else if (compared && item_money(doc, vi[k]) && !item_compared(doc, items[k].key)) {
			sangong_missing(
				doc, &doc->facts[vi[k]],
				bl_arena_printf(&doc->arena, "%s的增减变化（总额已作比较）", items[k].name));
			ok = 0;
		}
	}
	int b = stated(doc, BLK_RECEPTION_BATCHES, BL_M_VALUE),
	    pp = stated(doc, BLK_RECEPTION_PEOPLE, BL_M_VALUE);
	if ((b >= 0) != (pp >= 0)) {
		sangong_missing(doc, &doc->facts[b >= 0 ? b : pp],
				b >= 0 ? "国内公务接待的人次" : "国内公务接待的批次");
		ok = 0;
	}
	if (ok)
		bl_outcome_count(doc, BL_R_COMPLETE_SANGONG, BL_OUT_PASS);
}

void bl_rules_completeness(bl_doc *doc)
{
	sections(doc);
	asset_date(doc);
	identity(doc);
	sangong(doc);
}
