/* sdoc.c - the writer the structured adapters (DOCX, XLSX, HTML) share.
 *
 * A word processor's paragraph becomes one line; a table becomes one line
 * per row, its cells two spaces apart, and a grid (bl_sgrid) that records
 * which cell each text belongs to and where it sits on the line. That grid
 * is what table.c reads, so a DOCX table and a ruled PDF table become the
 * same typed model. */
#include <string.h>

#include "ingest/ingest.h"

/* The text a document may hold; one cell may hold as much, and no more,
 * since every cell's text goes into the document's. */
#define SDOC_MAX_TEXT ((size_t)64 << 20)

/* Cells of a table overlap only where spans cross (a rowspan under a wide
 * colspan); filling the grid costs their areas, so cells covering more than
 * this many times the table's area are refused, not filled over and over. */
enum { SDOC_MAX_OVERLAP = 4 };

/* Why w->over was set, for the message: a cap of internal.h (rows, columns,
 * cells, text), or cells that overlap past SDOC_MAX_OVERLAP. */
enum { OVER_CAP = 1, OVER_SPANS };

/* Records the first cap hit: that is what the message names. */
static void over(bl_sdoc *w, int why)
{
	if (!w->over)
		w->over = why;
}

void bl_sdoc_init(bl_sdoc *w, int html)
{
	memset(w, 0, sizeof *w);
	w->text = (bl_buf)BL_BUF_INIT(SDOC_MAX_TEXT);
	w->cellbuf = (bl_buf)BL_BUF_INIT(SDOC_MAX_TEXT);
	w->page = 1;
	w->html = html;
}

static void grid_release(bl_sgrid *g)
{
	for (int i = 0; g->text && i < g->nb * g->nc; i++)
		free(g->text[i]);
	free(g->text);
	free(g->start);
	free(g->open);
	free(g->pos);
}

static void cells_release(bl_sdoc *w)
{
	for (size_t i = 0; i < w->ncell; i++)
		free(w->cells[i].text);
	w->ncell = 0;
}

void bl_sdoc_free(bl_sdoc *w)
{
	if (!w)
		return;
	bl_buf_release(&w->text);
	bl_buf_release(&w->cellbuf);
	for (size_t i = 0; i < w->ngrids; i++)
		grid_release(&w->grids[i]);
	free(w->grids);
	free(w->tlines);
	cells_release(w);
	free(w->cells);
	free(w->busy);
}

static int is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0;
}

/* One code point to the current line (or the captured cell). */
static void emit(bl_sdoc *w, uint32_t c)
{
	char u[4];
	int len = bl_utf8_encode(c, u);
	if (w->cap) {
		if (bl_buf_put(w->cap, u, (size_t)len))
			over(w, OVER_CAP); /* refused, never a cell cut short */
		w->last = c;
		return;
	}
	if (bl_buf_put(&w->text, u, (size_t)len))
		over(w, OVER_CAP);
	w->col++;
	w->last = c;
}

void bl_sdoc_put(bl_sdoc *w, const char *s, size_t n)
{
	if (w->depth > 0 && !w->cap)
		return; /* between the cells of a table */
	for (size_t i = 0; i < n;) {
		int len;
		uint32_t c = bl_utf8_decode(s + i, n - i, &len);
		i += (size_t)len;
		if (is_space(c)) {
			if (w->space < 2)
				w->space = c == '\n' || c == '\r' ? 2 : 1;
			continue;
		}
		if (c < 0x20 || c == 0x7F || c == BL_CP_BOM || (c >= BL_CP_ZWSP && c <= BL_CP_ZWJ))
			continue; /* control characters and zero-width marks carry nothing */
		int at_start = w->cap ? w->cap->n == 0 : w->col == 0;
		if (w->space && !at_start &&
		    !(w->space == 2 && w->html && bl_cp_width(w->last) == 2 && bl_cp_width(c) == 2))
			emit(w, ' ');
		w->space = 0;
		emit(w, c);
	}
}

void bl_sdoc_endpara(bl_sdoc *w)
{
	if (w->cap) {
		if (w->cap->n)
			w->space = w->space ? w->space : 1;
		return;
	}
	if (w->depth > 0)
		return;
	if (w->col > 0) {
		bl_buf_putc(&w->text, '\n');
		w->nlines++;
		w->col = 0;
	}
	w->space = 0;
}

/* As the PDF adapter does: '\f' ends the last line of a page. */
void bl_sdoc_pagebreak(bl_sdoc *w)
{
	if (w->depth > 0 || w->cap)
		return; /* a page break inside a table row is where Word split it: the table goes on */
	bl_sdoc_endpara(w);
	bl_buf *t = &w->text;
	if (t->n == 0 || t->p[t->n - 1] != '\n' || (t->n >= 2 && t->p[t->n - 2] == '\f'))
		return; /* nothing on this page yet */
	t->p[t->n - 1] = '\f';
	bl_buf_putc(t, '\n');
	w->page++;
}

int bl_sdoc_in_cell(const bl_sdoc *w)
{
	return w->cap != NULL;
}

void bl_sdoc_table_begin(bl_sdoc *w)
{
	if (w->depth++ > 0)
		return; /* a table inside a cell reads as that cell's text */
	bl_sdoc_endpara(w);
	cells_release(w);
	w->row = -1;
	w->nrows = w->ncols = 0;
	if (w->busy)
		memset(w->busy, 0, w->bcap * sizeof *w->busy);
}

void bl_sdoc_row(bl_sdoc *w)
{
	if (w->depth != 1)
		return;
	if (w->row + 1 >= BL_SDOC_MAX_ROWS) {
		over(w, OVER_CAP);
		return;
	}
	w->row++;
	w->nrows = w->row + 1;
}

/* The next column of the current row not covered by a cell above or left. */
static int next_col(bl_sdoc *w)
{
	int c = 0;
	for (size_t i = w->ncell; i-- > 0 && w->cells[i].row == w->row;) {
		c = w->cells[i].col + w->cells[i].colspan;
		break;
	}
	while ((size_t)c < w->bcap && w->busy[c] > w->row)
		c++;
	return c;
}

static void occupy(bl_sdoc *w, int c, int colspan, int until)
{
	if ((size_t)(c + colspan) > w->bcap) {
		size_t old = w->bcap;
		bl_grow((void **)&w->busy, &w->bcap, (size_t)(c + colspan), sizeof *w->busy);
		memset(w->busy + old, 0, (w->bcap - old) * sizeof *w->busy);
	}
	for (int k = c; k < c + colspan; k++)
		if (w->busy[k] < until)
			w->busy[k] = until;
}

void bl_sdoc_skip(bl_sdoc *w, int ncols)
{
	if (w->depth != 1 || w->row < 0 || ncols < 1)
		return;
	bl_sdoc_cell_begin(w, 1, ncols > BL_SDOC_MAX_COLS ? BL_SDOC_MAX_COLS : ncols, 0);
	bl_sdoc_cell_end(w);
}

void bl_sdoc_cell_begin(bl_sdoc *w, int rowspan, int colspan, int vcont)
{
	if (w->depth != 1) {
		if (w->cap)
			w->space = w->space ? w->space : 1; /* an inner table's cells, one after another */
		return;
	}
	if (w->over)
		return; /* the document is refused: keep nothing more */
	if (w->row < 0)
		bl_sdoc_row(w); /* a cell before any row: the first row */
	if (rowspan < 1)
		rowspan = 1;
	if (colspan < 1)
		colspan = 1;
	int c = next_col(w);
	if (c + colspan > BL_SDOC_MAX_COLS || w->ncells >= BL_SDOC_MAX_CELLS) {
		over(w, OVER_CAP);
		colspan = 1;
		if (c >= BL_SDOC_MAX_COLS)
			c = BL_SDOC_MAX_COLS - 1;
	}
	if (w->row + rowspan > BL_SDOC_MAX_ROWS)
		rowspan = BL_SDOC_MAX_ROWS - w->row;
	bl_scell *cell = BL_PUSH(w->cells, w->ncell, w->ccap);
	*cell = (bl_scell){w->row, c, rowspan, colspan, vcont, NULL};
	occupy(w, c, colspan, w->row + rowspan);
	if (c + colspan > w->ncols)
		w->ncols = c + colspan;
	w->ncells++;
	w->cellbuf.n = 0;
	w->cap = &w->cellbuf;
	w->space = 0;
}

void bl_sdoc_cell_end(bl_sdoc *w)
{
	if (w->depth != 1 || !w->cap)
		return;
	bl_scell *cell = &w->cells[w->ncell - 1];
	cell->text = bl_xstrndup(w->cap->p ? w->cap->p : "", w->cap->n);
	w->cap = NULL;
	w->space = 0;
}

/* Writes the finished table: one line per row, and its grid. The grid has
 * the rows the table wrote: a rowspan past the last ends there, as a browser
 * ends it, so a few bytes of rowspan="1000" cannot make a thousand bands.
 * Its area counts against BL_SDOC_MAX_CELLS with the other tables', since
 * it is what the grid and table.c cost, however few cells span it. */
static void table_emit(bl_sdoc *w)
{
	int nb = w->nrows, nc = w->ncols;
	if (nb == 0 || nc == 0)
		return;
	size_t ncap = (size_t)nb * (size_t)nc;
	size_t before = w->ncells - w->ncell; /* the grids of the tables before */
	if (before > BL_SDOC_MAX_CELLS || ncap > BL_SDOC_MAX_CELLS - before) {
		over(w, OVER_CAP);
		return;
	}
	w->ncells = before + ncap;
	size_t cover = 0;
	for (size_t i = 0; i < w->ncell; i++) {
		bl_scell *s = &w->cells[i];
		if (s->row + s->rowspan > nb)
			s->rowspan = nb - s->row;
		if (s->col + s->colspan > nc)
			s->colspan = nc - s->col;
		cover += (size_t)s->rowspan * (size_t)s->colspan;
	}
	if (cover > SDOC_MAX_OVERLAP * ncap) {
		over(w, OVER_SPANS);
		return;
	}
	int *start = bl_xmalloc(ncap * sizeof *start);
	char *open = bl_xcalloc(ncap, 1);
	char **text = bl_xcalloc(ncap, sizeof *text);
	bl_pos *pos = bl_xcalloc(ncap, sizeof *pos);
	for (int b = 0; b < nb; b++)
		for (int c = 0; c < nc; c++)
			start[b * nc + c] = c;
	for (size_t i = 0; i < w->ncell; i++) {
		bl_scell *s = &w->cells[i];
		for (int b = s->row; b < s->row + s->rowspan; b++)
			for (int c = s->col; c < s->col + s->colspan; c++) {
				start[b * nc + c] = s->col;
				open[b * nc + c] = b > s->row || s->vcont;
			}
		if (s->vcont && s->row > 0) /* a DOCX continued merge: the cell above's columns */
			for (int c = s->col; c < s->col + s->colspan && c < nc; c++)
				start[s->row * nc + c] = start[(s->row - 1) * nc + s->col];
		if (s->text && *s->text) {
			size_t k = (size_t)s->row * (size_t)nc + (size_t)s->col;
			free(text[k]);
			text[k] = s->text;
			s->text = NULL;
		}
	}
	/* a table of one column is a box around paragraphs, not a grid */
	int multi = nc >= 2;
	bl_sgrid g = {w->page, nb, nc, start, open, text, pos, w->nlines, 0};
	for (int b = 0; b < nb; b++) {
		int filled = 0, prose = 0;
		for (int c = 0; c < nc; c++) {
			size_t k = (size_t)b * (size_t)nc + (size_t)c;
			if (!text[k])
				continue;
			if (w->col > 0 && multi) {
				emit(w, ' ');
				emit(w, ' ');
			}
			pos[k] = (bl_pos){w->page, (int)w->nlines + 1, w->col + 1};
			bl_sdoc_put(w, text[k], strlen(text[k]));
			filled++;
			if (strstr(text[k], "。"))
				prose = 1;
			if (!multi)
				bl_sdoc_endpara(w);
		}
		if (multi) {
			if (filled >= 2 && !prose)
				*BL_PUSH(w->tlines, w->ntlines, w->tlcap) = w->nlines;
			bl_buf_putc(&w->text, '\n'); /* every band has its line, blank or not */
			w->nlines++;
			w->col = 0;
			w->space = 0;
		}
	}
	if (!multi) {
		grid_release(&g);
		return;
	}
	g.last_line = w->nlines - 1;
	*BL_PUSH(w->grids, w->ngrids, w->gcap) = g;
}

void bl_sdoc_table_end(bl_sdoc *w)
{
	if (w->depth == 0)
		return;
	if (--w->depth > 0)
		return;
	if (w->cap)
		bl_sdoc_cell_end(w);
	table_emit(w);
	cells_release(w);
}

bl_status bl_sdoc_check(const bl_sdoc *w, const char *name, bl_diag *diag)
{
	if (!w->over)
		return BL_OK;
	if (w->over == OVER_SPANS)
		bl_diag_set(diag, BL_ETOOBIG, 0, name,
			    "cannot read '%s': table cells whose spans overlap cover more than %d times "
			    "their table",
			    name, SDOC_MAX_OVERLAP);
	else
		bl_diag_set(diag, BL_ETOOBIG, 0, name,
			    "cannot read '%s': past the limits (%d rows or %d columns in a table, %d table "
			    "cells in all, "
			    "%zu MiB of text)",
			    name, BL_SDOC_MAX_ROWS, BL_SDOC_MAX_COLS, BL_SDOC_MAX_CELLS, SDOC_MAX_TEXT >> 20);
	return BL_ETOOBIG;
}
