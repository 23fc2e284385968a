/* pair.c - one disclosure published as two files: what each file holds,
 * which two belong together, and what a file alone is missing
 * (complete.pair) or was checked with (profile.pair).
 *
 * Departments often publish the narrative (情况说明) and the tables (公开表)
 * as two PDFs, or a DOCX and an XLSX. Each is opened as its own document;
 * bl_doc_pair links them before they are checked, and the rules that read
 * across the pair look through doc->companion: completeness takes the
 * sections from the narrative, table.narrative compares the narrative's
 * figures with the companion's tables (crosstable.c), identity takes the
 * unit from the companion. Neither document is copied into the other, so
 * every finding stays in the file it is about, and evidence from the other
 * file names that file (bl_evidence.path). */
#include <string.h>

#include "rules/rules.h"

static const char *const elsewhere[] = {
#define BL_TABLES_ELSEWHERE(word) word,
#include "rules/pair.def"
#undef BL_TABLES_ELSEWHERE
};

/* Where the narrative says its tables are published beside it (the
 * earliest such word), or (size_t)-1. */
static size_t refers_to_tables(const bl_doc *doc)
{
	size_t at = (size_t)-1;
	for (size_t i = 0; i < sizeof elsewhere / sizeof elsewhere[0]; i++) {
		size_t k = bl_flow_find(&doc->flow, 0, doc->flow.n, elsewhere[i]);
		if (k < at)
			at = k;
	}
	return at;
}

static int table_has_figures(const bl_table *t)
{
	for (size_t r = 0; r < t->nrows; r++)
		for (int c = 0; c < t->ncols; c++)
			if (t->rows[r].cells[c].state == BL_CELL_NUMBER)
				return 1;
	return 0;
}

BL_API unsigned bl_doc_holds(const bl_doc *doc)
{
	/* a narrative states figures in sentences, or is headings and words
	 * alone; a file of tables has no figure outside them (its cover and
	 * contents are words without amounts) */
	unsigned h = doc->nfacts || (!doc->ntables && doc->nsec) ? BL_HOLDS_NARRATIVE : 0;
	for (size_t t = 0; t < doc->ntables && !(h & BL_HOLDS_TABLES); t++)
		if (doc->tables[t].kind != BL_TABLE_OTHER || table_has_figures(&doc->tables[t]))
			h |= BL_HOLDS_TABLES;
	return h;
}

static int same_unit(const char *a, const char *b)
{
	char ka[512], kb[512];
	bl_unit_norm(a, 1, ka, sizeof ka);
	bl_unit_norm(b, 1, kb, sizeof kb);
	return !strcmp(ka, kb);
}

BL_API int bl_doc_pairs_with(const bl_doc *a, const bl_doc *b)
{
	if (a == b || a->profile.is_template || b->profile.is_template)
		return 0;
	unsigned ha = bl_doc_holds(a), hb = bl_doc_holds(b);
	int halves = (ha == BL_HOLDS_NARRATIVE && hb == BL_HOLDS_TABLES) ||
		     (ha == BL_HOLDS_TABLES && hb == BL_HOLDS_NARRATIVE);
	const bl_profile *pa = &a->profile, *pb = &b->profile;
	if (!halves || (pa->year && pb->year && pa->year != pb->year))
		return 0;
	if (pa->kind && pb->kind && pa->kind != pb->kind)
		return 0;
	if (pa->level && pb->level && pa->level != pb->level)
		return 0;
	/* a unit taken from a file name (公开表.xlsx) is no unit the file names */
	if (*pa->unit && *pb->unit && !pa->unit_doubt && !pb->unit_doubt && !same_unit(pa->unit, pb->unit))
		return 0;
	/* both name the unit and the year, and agree: 2; one leaves them to the other: 1 */
	int named = *pa->unit && *pb->unit && !pa->unit_doubt && !pb->unit_doubt && pa->year && pb->year;
	return named ? 2 : 1;
}

/* What one file of a pair leaves unsaid about itself, the other says: the
 * unit, year, kind and level are the disclosure's (a tables file names its
 * unit on a cover the narrative lacks, or not at all). */
static void take_identity(bl_doc *doc, const bl_doc *other)
{
	bl_profile *to = &doc->profile;
	const bl_profile *from = &other->profile;
	if ((!*to->unit || to->unit_doubt) && *from->unit && !from->unit_doubt) {
		to->unit = bl_arena_strndup(&doc->arena, from->unit, strlen(from->unit)); /* its own copy */
		to->unit_doubt = 0;
	}
	if (!to->year)
		to->year = from->year;
	if (!to->kind)
		to->kind = from->kind;
	if (!to->level)
		to->level = from->level;
}

BL_API bl_status bl_doc_pair(bl_doc *a, bl_doc *b)
{
	if (a == b || a->checked || b->checked || a->companion || b->companion)
		return BL_EUSAGE;
	a->companion = b;
	b->companion = a;
	take_identity(a, b);
	take_identity(b, a);
	return BL_OK;
}

BL_API const bl_doc *bl_doc_companion(const bl_doc *doc)
{
	return doc->companion;
}

/* complete.pair, profile.pair: said once a file, at its first line. */
void bl_rules_pair(bl_doc *doc)
{
	unsigned h = bl_doc_holds(doc);
	bl_pos at = {1, 1, 1};
	if (doc->companion) {
		bl_outcome_count(doc, BL_R_COMPLETE_PAIR, BL_OUT_PASS);
		bl_outcome_count(doc, BL_R_PROFILE_PAIR, BL_OUT_FAIL); /* a finding to say it */
		bl_finding *fd =
			bl_finding_add(doc, BL_R_PROFILE_PAIR, bl_rule_sev(BL_R_PROFILE_PAIR), at, 1);
		fd->message =
			bl_arena_printf(&doc->arena, "本文件是同一公开的%s，与“%s”（%s）合并核对",
					h & BL_HOLDS_TABLES ? "公开表" : "情况说明", doc->companion->path,
					h & BL_HOLDS_TABLES ? "情况说明" : "公开表");
		fd->suggestion = "";
		bl_finding_evidence(doc, fd, at, bl_line_evidence(doc, 1));
		return;
	}
	bl_outcome_count(doc, BL_R_PROFILE_PAIR, BL_OUT_NOT_APPLICABLE);
	if (h == (BL_HOLDS_NARRATIVE | BL_HOLDS_TABLES) || !h || doc->profile.is_template) {
		bl_outcome_count(doc, BL_R_COMPLETE_PAIR, h ? BL_OUT_PASS : BL_OUT_INSUFFICIENT);
		return;
	}
	size_t ref = h == BL_HOLDS_NARRATIVE ? refers_to_tables(doc) : 0;
	if (ref == (size_t)-1) { /* nothing says they are elsewhere */
		bl_outcome_count(doc, BL_R_COMPLETE_PAIR, BL_OUT_INSUFFICIENT);
		return;
	}
	if (h == BL_HOLDS_NARRATIVE) /* at the words that refer to them */
		at = bl_doc_pos_of(doc, doc->flow.src[ref]);
	bl_outcome_count(doc, BL_R_COMPLETE_PAIR, BL_OUT_FAIL);
	int tables_only = h == BL_HOLDS_TABLES;
	bl_finding *fd = bl_finding_add(doc, BL_R_COMPLETE_PAIR,
					tables_only ? bl_rule_sev(BL_R_COMPLETE_PAIR) : BL_SEV_INFO, at,
					tables_only ? 1 : 2);
	if (tables_only) {
		fd->message =
			bl_arena_printf(&doc->arena,
					"本文件只有公开表（%"
					"zu张），没有情况说明；情况说明的各必备部分及说明与表的一致性未核对",
					doc->ntables);
		fd->suggestion = "与情况说明文件一并核对（同一命令或同一目录中给出两个文件）；"
				 "如未公开情况说明，应补充公开。";
	} else {
		fd->message =
			"本文件只有情况说明，文中所称的公开表不在本文件中；表内勾稽及说明与表的一致性未核对";
		fd->suggestion = "与公开表文件一并核对（同一命令或同一目录中给出两个文件）；"
				 "如未公开公开表，应补充公开。";
	}
	bl_finding_evidence(doc, fd, at, bl_line_evidence(doc, at.line));
}
