/* grid.h - the grid a table is read from: the leaf rows and columns of one
 * table on one page, with the text of each cell. Private to lib/table.
 *
 * Three builders make grids, each from its own input: ruled.c from the
 * ruling lines of PDF pages, grid.c from a structured input's tables (DOCX,
 * XLSX, HTML), ttable.c from tables printed as laid-out text. model.c reads
 * every grid the same way into the document's typed tables. Builders and
 * model read the cell vocabulary (vocab.h); none of them calls another. */
#ifndef BL_GRID_H
#define BL_GRID_H

#include "ingest/ingest.h"
#include "table/table.h"

/* Leaf rows (bands) and columns of one table on one page, with the text of
 * each cell at the band and column where the cell starts. */
typedef struct grid {
	int page;       /* 1-based */
	float *ys, *xs; /* the rules (PDF); NULL otherwise */
	int nb, nc;     /* bands (rows) and leaf columns */
	int *start;     /* nb x nc: the leaf column where the merged cell holding (b, c) starts */
	char *open;     /* nb x nc: no rule above band b at column c (the cell goes on from b - 1) */
	bl_buf *text;   /* nb x nc cell texts (UTF-8), at the start column */
	bl_pos *pos;    /* nb x nc first character */
	bl_box *box;    /* nb x nc */
	int *lastline;  /* nb x nc: line of the last character appended, for joining wraps */
	char *doubt;    /* nb x nc: the figure's row or column could not be told (text); NULL when none */
	size_t first_line, last_line; /* document lines inside the grid */
} grid;

/* Releases what the grid holds (not g itself); NULL is fine. grid.c */
void bl_grid_free(grid *g);

/* Each builder appends its grids to *out (BL_PUSH-grown, n *nout, capacity
 * *cap), in reading order. */
void bl_ruled_grids(bl_doc *doc, grid **out, size_t *nout, size_t *cap); /* ruled.c: PDF pages */
void bl_text_grids(bl_doc *doc, grid **out, size_t *nout, size_t *cap);  /* ttable.c: laid-out text */

/* The grids, in reading order, become doc->tables. model.c */
void bl_grid_tables(bl_doc *doc, grid *gs, size_t ng);

#endif
