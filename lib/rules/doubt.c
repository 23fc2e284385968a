/* doubt.c - figures read with doubt (OCR, a table rebuilt from laid-out
 * text), what the tables' equations confirmed of them, and the review that
 * turns an error resting on an unconfirmed one into its rule's doubt
 * severity (rules.def). */
#include "rules/rules.h"

int bl_pos_ocr(const bl_doc *doc, bl_pos pos)
{
	const bl_geom *g = doc->geom;
	return g && pos.page >= 1 && pos.page <= g->npages && g->pages[pos.page - 1].ocr;
}

/* A table figure rebuilt from laid-out text: its column and row were told
 * from spacing only. */
static int pos_layout(const bl_doc *doc, bl_pos pos)
{
	return doc->source == BL_SRC_TEXT && pos.line >= 1 && (size_t)pos.line <= doc->nlines &&
	       (doc->lines[pos.line - 1].flags & BL_LINE_TTABLE);
}

/* A figure read with doubt (OCR, or a table rebuilt from text) until an
 * equation of its table confirms it. */
int bl_pos_unsure(const bl_doc *doc, bl_pos pos)
{
	return bl_pos_ocr(doc, pos) || pos_layout(doc, pos);
}

int bl_doc_has_unsure(const bl_doc *doc)
{
	return bl_doc_has_ocr(doc) || (doc->source == BL_SRC_TEXT && doc->ntables > 0);
}

int bl_doc_has_ocr(const bl_doc *doc)
{
	for (int p = 0; doc->geom && p < doc->geom->npages; p++)
		if (doc->geom->pages[p].ocr)
			return 1;
	return 0;
}

void bl_ocr_confirm(bl_doc *doc, bl_pos pos)
{
	if (bl_pos_unsure(doc, pos))
		*BL_PUSH(doc->confirmed, doc->nconfirmed, doc->confirmed_cap) = pos;
}

static int cmp_pos(const void *x, const void *y)
{
	const bl_pos *a = x, *b = y;
	if (a->line != b->line)
		return (a->line > b->line) - (a->line < b->line);
	return (a->col > b->col) - (a->col < b->col);
}

/* doc->confirmed, sorted by line and column by bl_ocr_review: a figure's
 * turn is a binary search, not a pass over every confirmation (a table
 * confirms each of its figures once per equation that holds). */
static int confirmed(const bl_doc *doc, bl_pos pos)
{
	size_t lo = 0, hi = doc->nconfirmed;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cmp_pos(&doc->confirmed[mid], &pos) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < doc->nconfirmed && doc->confirmed[lo].line == pos.line &&
	       doc->confirmed[lo].col == pos.col;
}

/* A figure read with doubt that no equation confirmed among the finding's
 * positions: 1 from OCR, 2 from a table rebuilt from text. */
static int rests_on_unsure(const bl_doc *doc, const bl_finding *f)
{
	if (bl_pos_unsure(doc, f->pos) && !confirmed(doc, f->pos))
		return bl_pos_ocr(doc, f->pos) ? 1 : 2;
	for (int i = 0; i < f->nevidence; i++)
		if (bl_pos_unsure(doc, f->evidence[i].pos) && !confirmed(doc, f->evidence[i].pos))
			return bl_pos_ocr(doc, f->evidence[i].pos) ? 1 : 2;
	return 0;
}

void bl_ocr_review(bl_doc *doc)
{
	size_t n = doc->nfindings;
	if (doc->nconfirmed > 1)
		qsort(doc->confirmed, doc->nconfirmed, sizeof *doc->confirmed, cmp_pos);
	int unsure = bl_doc_has_unsure(doc);
	for (size_t i = 0; i < n && unsure; i++) {
		bl_finding *f = &doc->findings[i];
		bl_policy doubt = bl_registry[f->rule_index].info.doubt;
		int why = f->severity == BL_SEV_ERROR && doubt >= BL_POL_INFO && doubt < BL_POL_ERROR
				  ? rests_on_unsure(doc, f)
				  : 0;
		if (!why)
			continue;
		f->severity = (bl_severity)doubt;
		f->message = bl_arena_printf(
			&doc->arena,
			why == 1 ? "%s（涉及 OCR 识别、未经表内勾稽确认的数字，需人工复核）"
				 : "%s（涉及由文本版式还原、未经表内勾稽确认的表格数字，需对照"
				   "原表复核）",
			f->message);
	}
	if (!bl_doc_has_ocr(doc)) {
		bl_outcome_count(doc, BL_R_INGEST_OCR, BL_OUT_NOT_APPLICABLE);
		return;
	}
	/* each OCR page once: how well it was read, how much the tables confirmed */
	const bl_geom *g = doc->geom;
	for (int p = 0; p < g->npages; p++) {
		const bl_pageinfo *pi = &g->pages[p];
		if (!pi->ocr)
			continue;
		int figures = 0, ok = 0;
		for (size_t t = 0; t < doc->ntables; t++)
			for (size_t r = 0; r < doc->tables[t].nrows; r++)
				for (int c = 0; c < doc->tables[t].ncols; c++) {
					const bl_cell *cell = &doc->tables[t].rows[r].cells[c];
					if (cell->state != BL_CELL_NUMBER || cell->pos.page != p + 1)
						continue;
					figures++;
					ok += confirmed(doc, cell->pos);
				}
		bl_outcome_count(doc, BL_R_INGEST_OCR, BL_OUT_FAIL);
		bl_finding *fd = bl_finding_add(doc, BL_R_INGEST_OCR, bl_rule_sev(BL_R_INGEST_OCR),
						bl_page_start(doc, p + 1), 1);
		fd->message = bl_arena_printf(&doc->arena,
					      "第%d页是扫描图像，文字由 OCR "
					      "识别（平均置信度%d%%）；表内%d个数字中%"
					      "d个经合计等式确认，其余数字和正文需人工复核",
					      p + 1, pi->ocr_conf, figures, ok);
		fd->suggestion = "请对照原件复核本页；如有带文字层的 PDF，请提供。";
	}
}
