/* check.c - the check driver: runs each family of rules once, in table order, then the review of doubtful figures. */
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"

/* For rules checked elsewhere: the driver (profile.template), the review
 * of doubt (ingest.ocr), the ledger (BL_RF_ACROSS_DOCS). */
void bl_rules_none(bl_doc *doc)
{
	(void)doc;
}

static int cmp_finding(const void *x, const void *y)
{
	const bl_finding *a = x, *b = y;
	if (a->pos.line != b->pos.line)
		return a->pos.line - b->pos.line;
	if (a->pos.col != b->pos.col)
		return a->pos.col - b->pos.col;
	return strcmp(a->rule, b->rule);
}

/* The blank template: said once instead of a flood of leftovers. */
static void template_only(bl_doc *doc)
{
	for (size_t i = 0; i < BL_R_COUNT; i++)
		doc->outcomes[i * 4 + BL_OUT_NOT_APPLICABLE]++;
	bl_outcome_count(doc, BL_R_PROFILE_TEMPLATE, BL_OUT_FAIL);
	bl_pos at = doc->profile.unit_pos.line ? doc->profile.unit_pos : (bl_pos){1, 1, 1};
	bl_finding *fd =
		bl_finding_add(doc, BL_R_PROFILE_TEMPLATE, bl_rule_sev(BL_R_PROFILE_TEMPLATE), at, 1);
	fd->message = bl_arena_printf(
		&doc->arena,
		"本文件是公开模板，不是实际公开文件：单位名称为“%s”，全文有%d处占位文字；未作核对",
		*doc->profile.unit ? doc->profile.unit : "（未识别）", doc->profile.placeholders);
	fd->suggestion = "按模板填写实际单位、数字和说明后再核对。";
	bl_finding_evidence(doc, fd, at, bl_line_evidence(doc, at.line));
}

/* Tables the rules of a document may read: its own, or, for the rules
 * that read across a pair (BL_RF_PAIR), its companion's. */
static int has_tables(const bl_doc *doc, size_t rule)
{
	return doc->ntables ||
	       ((bl_registry[rule].info.flags & BL_RF_PAIR) && doc->companion && doc->companion->ntables);
}

/* Does the runner of rule i run on this document? Once per runner, at its
 * first row; not for rules the ledger runs, nor, on a document without
 * tables, when every rule it serves reads tables. */
static int runs(const bl_doc *doc, size_t i)
{
	void (*run)(bl_doc *) = bl_registry[i].run;
	int tables_only = 1, tables = 0;
	for (size_t k = 0; k < BL_R_COUNT; k++) {
		if (bl_registry[k].run != run)
			continue;
		if (k < i)
			return 0;
		tables_only &= (bl_registry[k].info.flags & BL_RF_NEEDS_TABLES) != 0;
		tables |= has_tables(doc, k);
	}
	if (bl_registry[i].info.flags & BL_RF_ACROSS_DOCS)
		return 0;
	return tables || !tables_only;
}

/* One root cause, one finding. A root finding names the figure found wrong
 * (its own table contradicts it; a failing sum can be corrected at it alone):
 * another error that computed with that figure follows from it and cannot be
 * judged on its own, so it is said at info, pointing to the root, and the root
 * lists it among the checks it affects ("1 issue + N affected checks"). The
 * roots are sorted by position once and each finding's evidence looked up in
 * them: a document of many findings stays linear, not quadratic. */
typedef struct root_at {
	bl_pos pos;
	size_t finding;
} root_at;

static int root_cmp(const void *a, const void *b)
{
	return bl_pos_cmp(&((const root_at *)a)->pos, &((const root_at *)b)->pos);
}

/* The root among r[0..n) that finding f computed with (not at f's own place), or NULL. */
static const root_at *root_of(const bl_doc *doc, const root_at *r, size_t n, size_t fi)
{
	const bl_finding *f = &doc->findings[fi];
	for (int e = 0; e < f->nevidence; e++) {
		const bl_evidence *ev = &f->evidence[e];
		if (ev->path || (ev->pos.line == f->pos.line && ev->pos.col == f->pos.col))
			continue;
		root_at key = {ev->pos, 0};
		const root_at *hit = bsearch(&key, r, n, sizeof *r, root_cmp);
		if (hit && hit->finding != fi)
			return hit;
	}
	return NULL;
}

static void knock_on(bl_doc *doc)
{
	root_at *r = NULL;
	size_t nr = 0, cap = 0;
	for (size_t k = 0; k < doc->nfindings; k++)
		if (doc->findings[k].root && doc->findings[k].severity == BL_SEV_ERROR)
			*BL_PUSH(r, nr, cap) = (root_at){doc->findings[k].pos, k};
	if (nr > 1)
		qsort(r, nr, sizeof *r, root_cmp);
	/* what each root affects, said once all are known */
	const char **affects = nr ? bl_xcalloc(doc->nfindings, sizeof *affects) : NULL;
	int *naff = nr ? bl_xcalloc(doc->nfindings, sizeof *naff) : NULL;
	for (size_t i = 0; i < doc->nfindings && nr; i++) {
		bl_finding *f = &doc->findings[i];
		/* a figure its table contradicts stands first: a sum computed with
		 * it cannot say which of its figures is wrong */
		if (f->severity != BL_SEV_ERROR || f->rule_index == BL_R_TABLE_NARRATIVE)
			continue;
		const root_at *hit = root_of(doc, r, nr, i);
		if (!hit)
			continue;
		const bl_finding *root = &doc->findings[hit->finding];
		f->severity = BL_SEV_INFO;
		f->message = bl_arena_printf(
			&doc->arena, "%s（所用第%d行的%s，已另行报错；此项待该数更正后复核）", f->message,
			root->pos.line,
			root->rule_index == BL_R_TABLE_NARRATIVE ? "金额与公开表不一致" : "数字有误");
		size_t ri = hit->finding;
		affects[ri] = bl_arena_printf(&doc->arena, "%s%s%s（第%d行）", affects[ri] ? affects[ri] : "",
					      affects[ri] ? "、" : "", f->rule, f->pos.line);
		naff[ri]++;
	}
	for (size_t k = 0; k < doc->nfindings && nr; k++)
		if (naff[k])
			doc->findings[k].message = bl_arena_printf(
				&doc->arena, "%s；另有 %d 项核对因此数不符：%s，更正此数后一并复核",
				doc->findings[k].message, naff[k], affects[k]);
	free(affects);
	free(naff);
	free(r);
}

BL_API bl_status bl_doc_check(bl_doc *doc)
{
	if (doc->checked)
		return BL_OK;
	doc->checked = 1;
	doc->outcomes = bl_xcalloc(BL_R_COUNT * 4, sizeof(int));
	/* the tables of a paired narrative are checked first: their equations
	 * confirm the figures the narrative is compared with (doubt.c) */
	if (doc->companion && !(bl_doc_holds(doc) & BL_HOLDS_TABLES) && doc->companion->ntables)
		bl_doc_check(doc->companion);
	if (doc->profile.is_template) {
		template_only(doc);
		return BL_OK;
	}
	bl_outcome_count(doc, BL_R_PROFILE_TEMPLATE, BL_OUT_PASS);
	for (size_t i = 0; i < BL_R_COUNT && !doc->ntables; i++)
		if ((bl_registry[i].info.flags & BL_RF_NEEDS_TABLES) && !has_tables(doc, i))
			bl_outcome_count(doc, (bl_rule_id)i, BL_OUT_NOT_APPLICABLE);
	bl_factidx_build(doc);
	bl_doubt_index(doc);
	for (size_t i = 0; i < BL_R_COUNT; i++)
		if (runs(doc, i))
			bl_registry[i].run(doc);
	bl_factidx_free(doc);
	knock_on(doc);
	bl_ocr_review(doc);
	if (doc->nfindings > 1)
		qsort(doc->findings, doc->nfindings, sizeof *doc->findings, cmp_finding);
	return BL_OK;
}
