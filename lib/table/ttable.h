/* ttable.h - the pieces of the laid-out text reader, private to its files:
 * tlines.c (tokens and line kinds), thead.c (the header's columns),
 * trows.c (figures to columns, lines to rows) and ttable.c (a table's lines
 * to grids, one per page). ttable.c calls the other three, none of them
 * calls another; all read the cell vocabulary. */
#ifndef BL_TTABLE_H
#define BL_TTABLE_H

#include "table/grid.h"
#include "table/vocab.h"

enum { T_TEXT, T_NUM, T_CODE };  /* token kinds */
enum { L_SKIP, L_TEXT, L_DATA }; /* line kinds */
enum {
	MAX_REGION = 20000,
	MAX_LEAVES = 24,
	MAX_CLUSTERS = 24
}; /* region: lines of one table, as the row cap */

typedef struct tok {
	int x0, x1;      /* code-point columns [x0, x1) on the line */
	size_t off, len; /* bytes in doc->bytes */
	int kind;
	int part;
	const char *s; /* squeezed */
} tok;

typedef struct tline {
	size_t li;
	int kind;
	tok *t;
	int nt;
} tline;

/* --- tlines.c: tokens and line kinds --- */

/* Splits line li at spaces into *out (malloc'd, the caller frees it), the
 * tokens' squeezed text in keep; returns how many. */
int bl_tt_tokenize(bl_doc *doc, size_t li, tok **out, bl_arena *keep);
int bl_tt_digits(const char *s, size_t want); /* digits only, want of them (0: any number) */
int bl_tt_mark_code(tok *t, int n);           /* leading tokens that form a code become T_CODE; how many */
int bl_tt_prose(const tline *L);              /* a line of running text, not cells */
int bl_tt_note(const tline *L);               /* a note (注：…) */
int bl_tt_caption(const tline *L);            /* holds the caption (单位：万元) */
int bl_tt_no_data(const tline *L); /* a line of its own saying the table is empty (此表无数据) */
bl_table_kind bl_tt_title_kind(bl_doc *doc, const tline *L); /* BL_TABLE_KINDS: no title */
int bl_tt_classify(tline *L);                                /* L_*; marks the line's code */

/* --- thead.c: the header --- */

typedef struct leaf {
	bl_buf name;
	int x0, x1;
	int parent; /* index into parents, or -1 */
	int head;   /* index into heads (the heading over a 预算数 | 决算数 pair), or -1 */
	bl_pos pos;
} leaf;

typedef struct parent {
	const char *name;
	int x0, x1;
	bl_pos pos;
} parent;

/* One half of a table (one part of a side-by-side one). */
typedef struct part {
	int has_code;
	int nleaf;
	leaf leaves[MAX_LEAVES];
	int nparent;
	parent parents[MAX_LEAVES];
	int nhead;
	parent heads[MAX_LEAVES];
	int col0;                           /* first grid column of the part */
	const char *code_name, *label_name; /* header words over the code and label columns */
	/* the previous segment's clusters, for a continuation without header */
	int nprev;
	int prev_map[MAX_CLUSTERS];
} part;

static inline double leaf_center(const leaf *f)
{
	return (f->x0 + f->x1) / 2.0;
}

/* The leaf columns (and their parents) of part pi from the nh header lines hl. */
void bl_tt_header_leaves(bl_doc *doc, part *P, tline *hl, int nh, int pi);

/* --- trows.c: figures to columns, lines to rows --- */

typedef struct cluster {
	double lo, hi; /* right edges seen */
	double c;      /* mean centre */
	int n;
	int leaf;
	int doubt;
} cluster;

/* One table row of one part, as read from the lines. */
typedef struct trow {
	bl_buf code;
	bl_buf label;
	bl_pos lpos;
	int own;    /* the label starts on the row's own line */
	int lwidth; /* characters of the label's last piece */
	int above;  /* label lines taken from above */
	const tok *cell[MAX_LEAVES];
	bl_pos cpos[MAX_LEAVES];
	char doubt[MAX_LEAVES];
} trow;

typedef struct rows {
	trow *v;
	size_t n, cap;
} rows;

/* The figure groups of part pi, by right edge, left to right; how many. */
int bl_tt_clusters(tline *ls, int nl, int pi, cluster *cl);
/* The groups with a leaf column each (or a doubt); how many. */
int bl_tt_map_figures(tline *ls, int nl, int pi, part *P, cluster *cl, int has_header);
/* Appends the rows of part pi of the lines ls to out. */
void bl_tt_part_rows(bl_doc *doc, tline *ls, int nl, int pi, const cluster *cl, int k, rows *out);

#endif
