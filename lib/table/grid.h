/* grid.h - the grid a table is read from, shared by table.c (ruled PDF
 * pages, structured inputs) and ttable.c (laid-out text). Private. */
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

/* Grids of the standard tables printed as laid-out text (ttable.c). */
void bl_text_grids(bl_doc *doc, grid **out, size_t *nout, size_t *cap);

/* Cell vocabulary of table.c, for ttable.c. */
char *bl_tbl_squeeze(bl_arena *ar, const char *s, size_t n);
int bl_tbl_amount(const char *s, bl_dec *out);  /* an amount, as a figure cell holds it */
int bl_tbl_dash(const char *s);                 /* "-", "—", "/": printed for nothing */
int bl_tbl_header_word(const char *s);          /* 类, 款, 项, 项目, 科目编码, 科目名称 */
bl_table_kind bl_tbl_title_kind(const char *t); /* BL_TABLE_KINDS when t is no table title */
int bl_tbl_column_word(const char *s);          /* names a figure column (合计, 决算数, …) */
int bl_tbl_enumer(const char *s);               /* label numbering: 1 一、 2 （一） 3 1. 4 （1）; 0 none */
const char *bl_tbl_basis_word(const char *s);   /* "budget" for 预算数, "final" for 决算数, else NULL */
const char *bl_tbl_column_key(const char *s);   /* canonical key of a column name, "" when none */

#endif
