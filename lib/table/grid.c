/* grid.c - the document's grids from whichever source it has, then its
 * typed tables: a structured input's grids (DOCX, XLSX, HTML) as they are
 * (here), tables printed as laid-out text (ttable.c), the ruling lines of
 * PDF pages (ruled.c); model.c types them. */
#include <string.h>

#include "table/grid.h"

void bl_grid_free(grid *g)
{
	if (!g)
		return;
	for (int i = 0; g->text && i < g->nb * g->nc; i++)
		bl_buf_release(&g->text[i]);
	free(g->ys);
	free(g->xs);
	free(g->start);
	free(g->open);
	free(g->text);
	free(g->pos);
	free(g->box);
	free(g->lastline);
	free(g->doubt);
}

/* A structured input's grid (DOCX, XLSX, HTML) in the shape a ruled PDF
 * grid has after its characters were placed. */
static void grid_from_sgrid(const bl_sgrid *s, grid *g)
{
	size_t n = (size_t)s->nb * (size_t)s->nc;
	memset(g, 0, sizeof *g);
	g->page = s->page;
	g->nb = s->nb;
	g->nc = s->nc;
	g->start = bl_xmalloc(n * sizeof *g->start);
	memcpy(g->start, s->start, n * sizeof *g->start);
	g->open = bl_xmalloc(n);
	memcpy(g->open, s->open, n);
	g->text = bl_xcalloc(n, sizeof *g->text);
	g->pos = bl_xmalloc(n * sizeof *g->pos);
	memcpy(g->pos, s->pos, n * sizeof *g->pos);
	g->box = bl_xcalloc(n, sizeof *g->box);
	for (size_t i = 0; i < n; i++) {
		g->text[i] = (bl_buf)BL_BUF_INIT((size_t)1 << 20);
		if (s->text[i])
			bl_buf_put(&g->text[i], s->text[i], strlen(s->text[i]));
	}
	g->first_line = s->first_line;
	g->last_line = s->last_line;
}

/* A table that prints no unit (no 单位：万元 caption) has its figures read
 * as 万元 when they are compared with other tables or the narrative: each
 * is a doubt of unit (a table in 元 would be ten thousand times off). */
static void doubt_units(bl_doc *doc)
{
	for (size_t t = 0; t < doc->ntables; t++) {
		bl_table *tb = &doc->tables[t];
		for (size_t r = 0; r < tb->nrows && !tb->unit; r++)
			for (int c = 0; c < tb->ncols; c++) {
				bl_cell *cell = (bl_cell *)&tb->rows[r].cells[c];
				if (cell->state == BL_CELL_NUMBER)
					cell->doubt |= BL_DOUBT_UNIT;
			}
	}
}

void bl_tables_build(bl_doc *doc)
{
	grid *gs = NULL;
	size_t ng = 0, cap = 0;
	if (doc->sdoc) {
		gs = bl_xcalloc(doc->sdoc->ngrids ? doc->sdoc->ngrids : 1, sizeof *gs);
		for (; ng < doc->sdoc->ngrids; ng++)
			grid_from_sgrid(&doc->sdoc->grids[ng], &gs[ng]);
	}
	if (doc->source == BL_SRC_TEXT)
		bl_text_grids(doc, &gs, &ng, &cap);
	if (doc->source == BL_SRC_PDF)
		bl_ruled_grids(doc, &gs, &ng, &cap);
	bl_grid_tables(doc, gs, ng);
	doubt_units(doc);
	for (size_t i = 0; i < ng; i++)
		bl_grid_free(&gs[i]);
	free(gs);
}
