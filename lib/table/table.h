/* table.h - the tables of a document: ruled grids of PDF pages and
 * structured inputs (grid.c), tables printed as laid-out text (ttable.c),
 * and the keyed cells of the standard tables (tfacts.c). */
#ifndef BL_TABLE_H
#define BL_TABLE_H

#include "read/read.h"

void bl_tables_build(bl_doc *doc); /* grid.c */

/* The first figure column of a table's half (part), or -1. */
int bl_table_first_figures(const bl_table *t, int part);

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
