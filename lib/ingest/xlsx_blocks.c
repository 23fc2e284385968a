/* xlsx_blocks.c - a sheet's rows as blocks split at blank rows: in each,
 * the leading caption rows (a title, a 单位：万元 line) and the trailing
 * notes become lines, and the rest a table with its merged cells, so that
 * table.c finds title, unit and columns as it does in a PDF. Merged ranges
 * are found in one pass over their areas, whatever order they are listed
 * in. */
#include <stdio.h>
#include <string.h>

#include "ingest/xlsx_int.h"

static int cell_cmp(const void *a, const void *b)
{
	const cell *x = a, *y = b;
	if (x->r != y->r)
		return x->r < y->r ? -1 : 1;
	if (x->c != y->c)
		return x->c < y->c ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int merge_by_row(const void *a, const void *b)
{
	const merge *x = a, *y = b;
	if (x->r0 != y->r0)
		return x->r0 < y->r0 ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int merge_by_seq(const void *a, const void *b)
{
	const merge *x = a, *y = b;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sorts the cells into rows (the later of two at one place wins) and
 * keeps the merged ranges that touch text, cut to the used area, in row
 * order: n log n in the cells and ranges, whatever area they span. */
void bl_xlsx_sheet_index(sheet *sh)
{
	if (sh->ncs > 1)
		qsort(sh->cs, sh->ncs, sizeof *sh->cs, cell_cmp);
	size_t n = 0;
	for (size_t i = 0; i < sh->ncs; i++) {
		if (n > 0 && sh->cs[n - 1].r == sh->cs[i].r && sh->cs[n - 1].c == sh->cs[i].c) {
			free(sh->cs[n - 1].text);
			sh->cs[n - 1] = sh->cs[i];
			continue;
		}
		sh->cs[n++] = sh->cs[i];
	}
	sh->ncs = n;
	for (size_t i = 0; i < n; i++) {
		if (!sh->nrows || sh->rows[sh->nrows - 1].r != sh->cs[i].r)
			*BL_PUSH(sh->rows, sh->nrows, sh->rowcap) = (srow){sh->cs[i].r, i, i};
		sh->rows[sh->nrows - 1].end = i + 1;
	}
	size_t m = 0;
	for (size_t i = 0; i < sh->nmg; i++) {
		merge g = sh->mg[i];
		if (g.r0 >= sh->nr || g.c0 >= sh->nc)
			continue;
		if (g.r1 >= sh->nr)
			g.r1 = sh->nr - 1;
		if (g.c1 >= sh->nc)
			g.c1 = sh->nc - 1;
		sh->mg[m++] = g;
	}
	sh->nmg = m;
	if (sh->nmg > 1)
		qsort(sh->mg, sh->nmg, sizeof *sh->mg, merge_by_row);
}

/* The rows of one block, r0..r1, each with its cells or none. */
typedef struct block {
	const sheet *sh;
	int r0, r1;
	const srow **row; /* row[r - r0], NULL for a blank row */
} block;

static const srow *row_of(const block *k, int r)
{
	return k->row[r - k->r0];
}

static size_t row_filled(const block *k, int r)
{
	const srow *s = row_of(k, r);
	return s ? s->end - s->first : 0;
}

static void line_of_row(bl_sdoc *w, const block *k, int r)
{
	const srow *s = row_of(k, r);
	for (size_t i = s ? s->first : 0; s && i < s->end; i++) {
		const char *t = k->sh->cs[i].text;
		if (i > s->first)
			bl_sdoc_put(w, "  ", 2);
		bl_sdoc_put(w, t, strlen(t));
	}
	bl_sdoc_endpara(w);
}

/* A caption row: one cell, or two where one says 单位. */
static int caption_row(const block *k, int r)
{
	size_t n = row_filled(k, r);
	if (n == 1)
		return 1;
	if (n != 2)
		return 0;
	const srow *s = row_of(k, r);
	for (size_t i = s->first; i < s->end; i++)
		if (strstr(k->sh->cs[i].text, "单位"))
			return 1;
	return 0;
}

static int note_row(const block *k, int r)
{
	if (row_filled(k, r) != 1)
		return 0;
	const char *s = k->sh->cs[row_of(k, r)->first].text;
	return strncmp(s, "注", 3) == 0 || strncmp(s, "说明", 6) == 0 || strncmp(s, "备注", 6) == 0 ||
	       bl_utf8_count(s, strlen(s)) > 30;
}

/* The table of rows t0..t1 with the block's merged ranges mg: each cell
 * once, a range from its first cell inside the table, the cells it covers
 * left out. Where ranges overlap the first listed holds a cell, as a lookup
 * in list order would give, but found in one pass over their areas into an
 * owner grid the size of the table, which the document's cell cap bounds
 * as it bounds the grid sdoc.c builds from it. */
static bl_status block_table(const book *b, const block *k, int t0, int t1, merge *mg, size_t nmg,
			     bl_diag *diag)
{
	bl_sdoc *w = b->w;
	int nc = k->sh->nc;
	size_t area = (size_t)(t1 - t0 + 1) * (size_t)nc;
	if (w->ncells + area > BL_SDOC_MAX_CELLS) {
		w->over = 1; /* refused by bl_sdoc_check, as any table past the cap */
		return BL_OK;
	}
	if (nmg > 1)
		qsort(mg, nmg, sizeof *mg, merge_by_seq);
	size_t cover = 0;
	for (size_t i = 0; i < nmg; i++) {
		int a0 = mg[i].r0 < t0 ? t0 : mg[i].r0, a1 = mg[i].r1 > t1 ? t1 : mg[i].r1;
		if (a0 <= a1)
			cover += (size_t)(a1 - a0 + 1) * (size_t)(mg[i].c1 - mg[i].c0 + 1);
	}
	if (cover > MAX_MERGE_OVERLAP * area) {
		char what[160];
		snprintf(
			what, sizeof what,
			"has merged ranges that overlap again and again (%zu cells merged in a table of %zu)",
			cover, area);
		return bl_xlsx_too_big(b, k->sh, what, diag);
	}
	const char **text = bl_xcalloc(area, sizeof *text);
	int *owner = bl_xmalloc(area * sizeof *owner);
	for (size_t i = 0; i < area; i++)
		owner[i] = -1;
	for (int r = t0; r <= t1; r++) {
		const srow *s = row_of(k, r);
		for (size_t i = s ? s->first : 0; s && i < s->end; i++)
			text[(size_t)(r - t0) * nc + k->sh->cs[i].c] = k->sh->cs[i].text;
	}
	for (size_t i = 0; i < nmg; i++) {
		int a0 = mg[i].r0 < t0 ? t0 : mg[i].r0, a1 = mg[i].r1 > t1 ? t1 : mg[i].r1;
		for (int r = a0; r <= a1; r++)
			for (int c = mg[i].c0; c <= mg[i].c1; c++) {
				int *o = &owner[(size_t)(r - t0) * nc + c];
				if (*o < 0)
					*o = (int)i;
			}
	}
	bl_sdoc_table_begin(w);
	for (int r = t0; r <= t1; r++) {
		bl_sdoc_row(w);
		for (int c = 0; c < nc; c++) {
			size_t at = (size_t)(r - t0) * nc + c;
			int rs = 1, cs = 1;
			if (owner[at] >= 0) {
				const merge *m = &mg[owner[at]];
				int ar = m->r0 < t0 ? t0 : m->r0; /* its first row inside the table */
				if (r != ar || c != m->c0)
					continue; /* the range's first cell holds the text */
				rs = (m->r1 < t1 ? m->r1 : t1) - r + 1;
				cs = m->c1 - c + 1;
			}
			bl_sdoc_cell_begin(w, rs, cs, 0);
			if (text[at])
				bl_sdoc_put(w, text[at], strlen(text[at]));
			bl_sdoc_cell_end(w);
			c += cs - 1;
		}
	}
	bl_sdoc_table_end(w);
	free(text);
	free(owner);
	return BL_OK;
}

/* A block of rows between blank rows: its caption rows (a title, a 单位
 * line) and trailing notes as lines, the rest a table. */
static bl_status sheet_block(const book *b, const block *k, merge *mg, size_t nmg, bl_diag *diag)
{
	bl_sdoc *w = b->w;
	int t0 = k->r0;
	int titled = 0;
	while (t0 <= k->r1 && caption_row(k, t0)) {
		const srow *s = row_of(k, t0);
		for (size_t i = s->first; i < s->end; i++)
			if (strstr(k->sh->cs[i].text, "表"))
				titled = 1;
		t0++;
	}
	int t1 = k->r1;
	while (t1 >= t0 && note_row(k, t1))
		t1--;
	const char *name = k->sh->name;
	if (!titled && name && t0 <= t1) {
		/* the sheet's tab names the table when no caption row does */
		for (const unsigned char *q = (const unsigned char *)name; *q; q++)
			if (*q >= 0xE4) {
				bl_sdoc_put(w, name, strlen(name));
				bl_sdoc_endpara(w);
				break;
			}
	}
	for (int r = k->r0; r < t0; r++)
		line_of_row(w, k, r);
	bl_status st = t0 <= t1 ? block_table(b, k, t0, t1, mg, nmg, diag) : BL_OK;
	for (int r = t1 + 1; !st && r <= k->r1; r++)
		line_of_row(w, k, r);
	return st;
}

/* Splits the sheet into blocks at blank rows. A merged range that reaches
 * past a block's last row keeps the block going (whatever order the ranges
 * are listed in), so that every range lies inside one block and each block
 * takes its own from one pass over the ranges in row order. */
bl_status bl_xlsx_sheet_blocks(const book *b, sheet *sh, bl_diag *diag)
{
	bl_status st = BL_OK;
	size_t ri = 0, mi = 0;
	int reach = -1; /* the last row of the ranges passed so far */
	const srow **rowv = NULL;
	size_t rowcap = 0;
	while (!st && ri < sh->nrows && !b->w->over) {
		int r0 = sh->rows[ri].r, e = r0;
		size_t first_mg = mi;
		for (;;) {
			while (ri + 1 < sh->nrows && sh->rows[ri + 1].r == e + 1)
				ri++, e++;
			while (mi < sh->nmg && sh->mg[mi].r0 <= e) {
				if (sh->mg[mi].r1 > reach)
					reach = sh->mg[mi].r1;
				mi++;
			}
			if (reach <= e)
				break;
			e = reach; /* into rows the range covers, blank or not */
			while (ri + 1 < sh->nrows && sh->rows[ri + 1].r <= e)
				ri++;
		}
		/* the block's ranges: those passed since the last block that reach into it */
		size_t n = 0;
		for (size_t i = first_mg; i < mi; i++)
			if (sh->mg[i].r1 >= r0)
				sh->mg[first_mg + n++] = sh->mg[i];
		size_t nb = (size_t)(e - r0 + 1);
		if (nb > rowcap) {
			free(rowv);
			rowcap = nb;
			rowv = bl_xmalloc(rowcap * sizeof *rowv);
		}
		memset(rowv, 0, nb * sizeof *rowv);
		for (size_t i = ri + 1; i-- > 0 && sh->rows[i].r >= r0;)
			rowv[sh->rows[i].r - r0] = &sh->rows[i];
		block k = {sh, r0, e, rowv};
		st = sheet_block(b, &k, n ? sh->mg + first_mg : NULL, n, diag);
		ri++;
	}
	free(rowv);
	return st;
}
