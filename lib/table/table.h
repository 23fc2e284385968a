/* table.h - the tables of a document, the stage header. Grids come from the
 * ruling lines of PDF pages (ruled.c), from structured inputs (grid.c) and
 * from laid-out text (ttable.c and its tlines.c, thead.c, trows.c); the
 * cell vocabulary (vocab.c) says what their cells mean; the table model
 * (model.c) types them; tfacts.c names the standard tables' cells by fact
 * key. The stage's own files share grid.h and vocab.h. */
#ifndef BL_TABLE_H
#define BL_TABLE_H

#include "read/read.h"

void bl_tables_build(bl_doc *doc); /* grid.c */

/* The first figure column of a table's half (part), or -1. */
int bl_table_first_figures(const bl_table *t, int part);

/* Canonical column keys (bl_tcol.key), from columns.def. */
typedef enum bl_tcol_id {
#define BL_COLKEY(id, key) BL_TCOL_##id,
#include "table/columns.def"
	BL_TCOL_KEYS
} bl_tcol_id;

/* The key string of a column key ("total"); "" past the end. */
const char *bl_tcol_key(bl_tcol_id id);

/* bl_tcol.basis: what the figures of a column are */
#define BL_BASIS_BUDGET "budget" /* 预算数 */
#define BL_BASIS_FINAL "final"   /* 决算数 */

/* A standard table cell that stands for a fact key. */
typedef struct bl_tfact {
	const char *key;
	bl_basis basis; /* BL_B_INITIAL_BUDGET for a final account's 预算数 column */
	const bl_table *t;
	const bl_trow *row;
	const bl_cell *cell;
} bl_tfact;

typedef struct bl_tfacts {
	bl_tfact *v;
	size_t n, cap;
} bl_tfacts;

/* Every keyed cell of the document's standard tables, in table order;
 * fs->v is malloc'd (the caller frees it). */
void bl_table_facts(bl_doc *doc, bl_tfacts *fs);

/* A table figure in 万元: exact, the precision moved for 元 tables; a
 * blank cell is 0. */
bl_dec bl_tfact_wan(const bl_table *t, const bl_cell *c);

#endif
