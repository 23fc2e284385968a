/* doubt.c - figures read with doubt (OCR, a table rebuilt from laid-out
 * text, a cell placed by position, a role or a unit not certain: the
 * BL_DOUBT_* bits of facts and cells), what the tables' equations confirmed
 * of them, and the review, after every rule, that turns an error resting on
 * a doubted figure into its rule's doubt severity (rules.def). */
#include <stdio.h>
#include <stdlib.h>

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

BL_API const char *bl_doubt_name(unsigned bit)
{
	switch (bit) {
	case BL_DOUBT_OCR: return "ocr";
	case BL_DOUBT_LAYOUT: return "layout";
	case BL_DOUBT_CELL: return "cell";
	case BL_DOUBT_ROLE: return "role";
	case BL_DOUBT_UNIT: return "unit";
	default: return NULL;
	}
}

/* One doubted figure: where it starts and why. */
typedef struct bl_doubtpos {
	bl_pos pos;
	unsigned bits;
} bl_doubtpos;

struct bl_doubtidx {
	bl_doubtpos *v;
	size_t n, cap;
};

int bl_pos_cmp(const void *x, const void *y)
{
	const bl_pos *a = x, *b = y;
	if (a->line != b->line)
		return (a->line > b->line) - (a->line < b->line);
	return (a->col > b->col) - (a->col < b->col);
}

void bl_doubt_index(bl_doc *doc)
{
	struct bl_doubtidx *ix = bl_xcalloc(1, sizeof *ix);
	for (size_t i = 0; i < doc->nfacts; i++)
		if (doc->facts[i].doubt)
			*BL_PUSH(ix->v, ix->n, ix->cap) =
				(bl_doubtpos){doc->facts[i].pos, doc->facts[i].doubt};
	for (size_t t = 0; t < doc->ntables; t++)
		for (size_t r = 0; r < doc->tables[t].nrows; r++)
			for (int c = 0; c < doc->tables[t].ncols; c++) {
				const bl_cell *cell = &doc->tables[t].rows[r].cells[c];
				if (cell->doubt && cell->state != BL_CELL_BLANK)
					*BL_PUSH(ix->v, ix->n, ix->cap) =
						(bl_doubtpos){cell->pos, cell->doubt};
			}
	if (ix->n > 1)
		qsort(ix->v, ix->n, sizeof *ix->v, bl_pos_cmp); /* pos is the first member */
	/* one entry a position, its bits joined */
	size_t w = 0;
	for (size_t i = 0; i < ix->n; i++)
		if (w && !bl_pos_cmp(&ix->v[w - 1].pos, &ix->v[i].pos))
			ix->v[w - 1].bits |= ix->v[i].bits;
		else
			ix->v[w++] = ix->v[i];
	ix->n = w;
	bl_doubt_index_free(doc);
	doc->doubtidx = ix;
}

void bl_doubt_index_free(bl_doc *doc)
{
	if (!doc->doubtidx)
		return;
	free(doc->doubtidx->v);
	free(doc->doubtidx);
	doc->doubtidx = NULL;
}

/* The bits the facts and cells starting at pos carry (bl_doubt_index). */
static unsigned marked(const bl_doc *doc, bl_pos pos)
{
	const struct bl_doubtidx *ix = doc->doubtidx;
	if (!ix)
		return 0;
	size_t lo = 0, hi = ix->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (bl_pos_cmp(&ix->v[mid].pos, &pos) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ix->n && !bl_pos_cmp(&ix->v[lo].pos, &pos) ? ix->v[lo].bits : 0;
}

unsigned bl_doubt_at(const bl_doc *doc, bl_pos pos)
{
	return (bl_pos_ocr(doc, pos) ? BL_DOUBT_OCR : 0) | (pos_layout(doc, pos) ? BL_DOUBT_LAYOUT : 0) |
	       marked(doc, pos);
}

/* The doubts an equation of the figure's own table can lift: how it was
 * read, not what it means. */
#define CONFIRMABLE (BL_DOUBT_OCR | BL_DOUBT_LAYOUT | BL_DOUBT_CELL)

/* A table figure read with doubt until an equation of its table confirms it. */
int bl_pos_unsure(const bl_doc *doc, bl_pos pos)
{
	return (bl_doubt_at(doc, pos) & CONFIRMABLE) != 0;
}

int bl_doc_has_unsure(const bl_doc *doc)
{
	return bl_doc_has_ocr(doc) || (doc->source == BL_SRC_TEXT && doc->ntables > 0) ||
	       (doc->doubtidx && doc->doubtidx->n > 0);
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

/* doc->confirmed, sorted by line and column by bl_ocr_review: a figure's
 * turn is a binary search, not a pass over every confirmation (a table
 * confirms each of its figures once per equation that holds). */
static int confirmed(const bl_doc *doc, bl_pos pos)
{
	size_t lo = 0, hi = doc->nconfirmed;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (bl_pos_cmp(&doc->confirmed[mid], &pos) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < doc->nconfirmed && doc->confirmed[lo].line == pos.line &&
	       doc->confirmed[lo].col == pos.col;
}

/* The doubts under figure pos that no equation lifted. */
static unsigned open_doubt(const bl_doc *doc, bl_pos pos)
{
	unsigned bits = bl_doubt_at(doc, pos);
	if ((bits & CONFIRMABLE) && confirmed(doc, pos))
		bits &= ~(unsigned)CONFIRMABLE;
	return bits;
}

/* The doubts of a figure in the companion (a disclosure in two files),
 * whose index is not built while this document's rules run: its page's OCR
 * and its table cells' bits, found by a pass over its cells (a finding
 * cites a few of them), less what the companion's own equations confirmed
 * (bl_doc_check checks the tables of a pair first). */
static unsigned companion_doubt(const bl_doc *other, bl_pos pos)
{
	unsigned bits =
		(bl_pos_ocr(other, pos) ? BL_DOUBT_OCR : 0) | (pos_layout(other, pos) ? BL_DOUBT_LAYOUT : 0);
	for (size_t t = 0; t < other->ntables; t++)
		for (size_t r = 0; r < other->tables[t].nrows; r++)
			for (int c = 0; c < other->tables[t].ncols; c++) {
				const bl_cell *cell = &other->tables[t].rows[r].cells[c];
				if (cell->state != BL_CELL_BLANK && cell->pos.line == pos.line &&
				    cell->pos.col == pos.col)
					bits |= cell->doubt;
			}
	if ((bits & CONFIRMABLE) && other->checked && confirmed(other, pos))
		bits &= ~(unsigned)CONFIRMABLE;
	return bits;
}

/* The open doubts among a finding's positions. */
static unsigned rests_on(const bl_doc *doc, const bl_finding *f)
{
	unsigned bits = open_doubt(doc, f->pos);
	for (int i = 0; i < f->nevidence; i++)
		bits |= f->evidence[i].path && doc->companion
				? companion_doubt(doc->companion, f->evidence[i].pos)
				: open_doubt(doc, f->evidence[i].pos);
	return bits;
}

/* What to verify, for the doubts in bits: the two oldest cases keep their
 * words; any other mix names each doubt. */
static const char *verify_note(bl_doc *doc, const char *message, unsigned bits)
{
	if (bits == BL_DOUBT_OCR)
		return bl_arena_printf(&doc->arena, "%s（涉及 OCR 识别、未经表内勾稽确认的数字，需人工复核）",
				       message);
	if (bits == BL_DOUBT_LAYOUT)
		return bl_arena_printf(&doc->arena,
				       "%s（涉及由文本版式还原、未经表内勾稽确认的表格数字，需对照原表复核）",
				       message);
	static const struct {
		unsigned bit;
		const char *why;
	} whys[] = {
		{BL_DOUBT_OCR, "由 OCR 识别、未经表内勾稽确认"},
		{BL_DOUBT_LAYOUT, "由文本版式还原、未经表内勾稽确认"},
		{BL_DOUBT_CELL, "所在行列只能按位置判断（合并或未对齐的单元格）"},
		{BL_DOUBT_ROLE, "不能确定是金额、增减额还是上年数"},
		{BL_DOUBT_UNIT, "单位未印出、系推定"},
	};
	char list[512];
	size_t n = 0;
	list[0] = 0;
	for (size_t i = 0; i < sizeof whys / sizeof whys[0]; i++)
		if (bits & whys[i].bit) {
			int k = snprintf(list + n, sizeof list - n, "%s%s", n ? "；" : "", whys[i].why);
			if (k > 0 && (size_t)k < sizeof list - n)
				n += (size_t)k;
		}
	return bl_arena_printf(&doc->arena, "%s（所用数字中有%s的，请人工核对）", message, list);
}

void bl_ocr_review(bl_doc *doc)
{
	size_t n = doc->nfindings;
	if (doc->nconfirmed > 1)
		qsort(doc->confirmed, doc->nconfirmed, sizeof *doc->confirmed, bl_pos_cmp);
	int unsure = bl_doc_has_unsure(doc) || doc->companion;
	for (size_t i = 0; i < n && unsure; i++) {
		bl_finding *f = &doc->findings[i];
		bl_policy doubt = bl_registry[f->rule_index].info.doubt;
		unsigned why = f->severity == BL_SEV_ERROR && doubt >= BL_POL_INFO && doubt < BL_POL_ERROR
				       ? rests_on(doc, f)
				       : 0;
		if (bl_registry[f->rule_index].info.flags & BL_RF_ONE_UNIT)
			why &= ~(unsigned)BL_DOUBT_UNIT; /* one table's figures share their unit */
		if (!why)
			continue;
		f->severity = (bl_severity)doubt;
		f->message = verify_note(doc, f->message, why);
	}
	bl_doubt_index_free(doc);
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
