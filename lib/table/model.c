/* model.c - the table model: grids, in reading order, become the document's
 * typed tables (title, unit, named columns, coded rows, three-state cells).
 *
 * Whatever built a grid (ruling lines, a structured input, laid-out text),
 * it is read here the same way: the bands before the first figure or code
 * are the header, each column is named by the header cells above it and
 * given a key, a basis and a type, and each data band becomes a row of each
 * half of the table. A grid without a title of its own continues the table
 * open on the page before. */
#include <string.h>

#include "table/grid.h"
#include "table/vocab.h"

enum { COL_NUM, COL_CODE, COL_LABEL };

typedef struct bl_table_rec {
	bl_table t;
	bl_tcol *cols;
	bl_trow *rows;
	size_t nrows, cap;
	int *ctype;    /* COL_* per column, from the table's first grid */
	char **header; /* column names, to spot a header repeated on a later page */
} bl_table_rec;

typedef struct tables {
	bl_table_rec **v;
	size_t n, cap;
} tables;

static const char *const kind_names[BL_TABLE_KINDS] = {"other",   "summary", "income",  "expense", "approp",
						       "general", "basic",   "sangong", "fund",    "capital"};

BL_API const char *bl_table_kind_name(bl_table_kind k)
{
	return (unsigned)k < BL_TABLE_KINDS ? kind_names[k] : "other";
}

BL_API const char *bl_row_role_name(bl_row_role r)
{
	static const char *const n[] = {"item", "total", "class", "kuan", "xiang"};
	return (unsigned)r <= BL_ROW_XIANG ? n[r] : "item";
}

static const char *line_text(bl_doc *doc, size_t li)
{
	const bl_line *l = &doc->lines[li];
	return bl_tbl_squeeze(&doc->arena, doc->bytes + l->off, l->len);
}

/* --- the caption and the header --- */

/* Reads title and unit from the lines above the grid on its page. */
static void grid_caption(bl_doc *doc, const grid *g, size_t stop, const char **title, bl_pos *tpos, int *unit)
{
	*title = NULL;
	*unit = 0;
	int seen = 0;
	for (size_t li = g->first_line; li-- > stop && seen < 6;) {
		if (doc->lines[li].page != g->page)
			break;
		if (doc->lines[li].flags & BL_LINE_BLANK)
			continue;
		seen++;
		const char *t = line_text(doc, li);
		if (!*unit)
			*unit = bl_tbl_unit(t);
		const char *tt = bl_tbl_title_tail(t);
		/* strip a caption sharing the title's line: "收入决算表 单位：万元" */
		const char *cut = bl_tbl_caption_at(tt);
		if (cut && cut > tt) {
			char *dup = bl_arena_strndup(&doc->arena, tt, (size_t)(cut - tt));
			tt = dup;
		}
		if (bl_tbl_title_kind(tt) != BL_TABLE_KINDS) {
			*title = tt;
			*tpos = (bl_pos){doc->lines[li].page, (int)li + 1, 1};
			return;
		}
	}
}

static bl_table_rec *table_new(bl_doc *doc)
{
	bl_table_rec *r = bl_arena_alloc(&doc->arena, sizeof *r);
	memset(r, 0, sizeof *r);
	return r;
}

static const char *cell_str(bl_doc *doc, const grid *g, int b, int c)
{
	const bl_buf *t = &g->text[(size_t)b * g->nc + (size_t)g->start[b * g->nc + c]];
	return t->n ? bl_tbl_squeeze(&doc->arena, t->p, t->n) : "";
}

/* Does band b hold data (a figure or a code, or a lone 合计 row of an
 * empty table) rather than header text? */
static int band_is_data(bl_doc *doc, const grid *g, int b)
{
	int total = 0, other = 0;
	for (int c = 0; c < g->nc; c++) {
		if (g->start[b * g->nc + c] != c)
			continue;
		const char *s = cell_str(doc, g, b, c);
		if (bl_tbl_total_word(s))
			total++;
		else if (*s && !bl_tbl_header_word(s))
			other++;
	}
	if (total && !other)
		return 1;
	for (int c = 0; c < g->nc; c++) {
		if (g->start[b * g->nc + c] != c)
			continue;
		const bl_buf *t = &g->text[(size_t)b * g->nc + c];
		if (!t->n)
			continue;
		const char *s = bl_tbl_squeeze(&doc->arena, t->p, t->n);
		bl_dec d;
		if (bl_tbl_amount(s, &d) || bl_tbl_code(s))
			return 1;
	}
	return 0;
}

/* Names column c from the header bands: its path, the group above its own
 * name, its key and its basis. */
static void column_name(bl_doc *doc, bl_table_rec *r, const grid *g, int nh, int c)
{
	bl_arena *ar = &doc->arena;
	bl_buf name = BL_BUF_INIT(4096);
	const char *segs[16];
	int nseg = 0;
	for (int b = 0; b < nh; b++) {
		const char *s = cell_str(doc, g, b, c);
		if (!*s)
			continue;
		if (nseg && g->open[b * g->nc + c] && b > 0 && *cell_str(doc, g, b - 1, c)) {
			/* the same cell, wrapped across bands without a rule between */
			segs[nseg - 1] = bl_arena_printf(ar, "%s%s", segs[nseg - 1], s);
			continue;
		}
		if ((nseg && strcmp(segs[nseg - 1], s) == 0) || nseg == 16)
			continue;
		segs[nseg++] = s;
	}
	const char *basis = "";
	int leaf = nseg - 1;
	while (leaf >= 0 && bl_tbl_basis_word(segs[leaf])) {
		basis = bl_tbl_basis_word(segs[leaf]);
		leaf--;
	}
	for (int i = 0; i < nseg; i++)
		bl_buf_printf(&name, "%s%s", i ? "/" : "", segs[i]);
	bl_buf grp = BL_BUF_INIT(4096);
	for (int i = 0; i < leaf; i++)
		if (!bl_tbl_basis_word(segs[i]))
			bl_buf_printf(&grp, "%s%s", grp.n ? "/" : "", segs[i]);
	bl_tcol *col = &r->cols[c];
	col->name = bl_arena_strndup(ar, name.p ? name.p : "", name.n);
	col->group = bl_arena_strndup(ar, grp.p ? grp.p : "", grp.n);
	col->key = leaf >= 0 ? bl_tbl_column_key(segs[leaf]) : "";
	col->basis = basis;
	r->header[c] = (char *)col->name;
	bl_buf_release(&name);
	bl_buf_release(&grp);
}

/* What the data bands of column c hold: codes, labels or figures (COL_*),
 * by its cells and its name. */
static int column_type(bl_doc *doc, const bl_table_rec *r, const grid *g, int nh, int c, int seen_num)
{
	int nnum = 0, ncode = 0, ntext = 0, nodigit = 0;
	for (int b = nh; b < g->nb; b++) {
		if (g->start[b * g->nc + c] != c)
			continue;
		const char *s = cell_str(doc, g, b, c);
		bl_dec d;
		if (!*s || bl_tbl_dash(s) || bl_tbl_header_word(s) || bl_tbl_total_word(s))
			continue; /* a total row's label spans the code columns */
		if (!bl_tbl_code(s))
			nodigit++;
		if (bl_tbl_code(s) && !seen_num)
			ncode++;
		else if (bl_tbl_amount(s, &d))
			nnum++;
		else
			ntext++;
	}
	const char *nm = r->cols[c].name;
	int code_head = bl_tbl_names_codes(nm), label_head = bl_tbl_names_labels(nm);
	if ((ncode > 0 && nnum == 0 && ntext == 0 && !seen_num) ||
	    (code_head && nodigit <= ntext && ntext <= 2))
		return COL_CODE;
	if (!code_head && (*r->cols[c].key || *r->cols[c].basis) && !label_head)
		return COL_NUM; /* a figure column by its header, whatever a cell holds */
	if (ntext > 0 && ntext >= nnum)
		return COL_LABEL;
	if (nnum == 0 && label_head)
		return COL_LABEL;
	return COL_NUM;
}

/* Names the columns from the header bands and decides what each holds; a
 * label or code column after a figure column starts a second half. */
static void table_columns(bl_doc *doc, bl_table_rec *r, const grid *g, int nh, int *ctype)
{
	bl_arena *ar = &doc->arena;
	r->cols = bl_arena_alloc(ar, (size_t)g->nc * sizeof *r->cols);
	r->header = bl_arena_alloc(ar, (size_t)g->nc * sizeof *r->header);
	for (int c = 0; c < g->nc; c++)
		column_name(doc, r, g, nh, c);
	int part = 0, seen_num = 0;
	for (int c = 0; c < g->nc; c++) {
		ctype[c] = column_type(doc, r, g, nh, c, seen_num);
		if (ctype[c] != COL_NUM && seen_num) {
			part++;
			seen_num = 0;
		}
		if (ctype[c] == COL_NUM)
			seen_num = 1;
		r->cols[c].part = part;
		r->cols[c].figures = ctype[c] == COL_NUM;
	}
}

/* --- rows --- */

/* Two digits with a space between them: two figures in one cell ("10 20"),
 * which must not be read as one ("1020"). */
static int split_digits(const bl_buf *t)
{
	for (size_t i = 1; i + 1 < t->n; i++)
		if (t->p[i] == ' ' && t->p[i - 1] >= '0' && t->p[i - 1] <= '9' && t->p[i + 1] >= '0' &&
		    t->p[i + 1] <= '9')
			return 1;
	return 0;
}

/* The code, label and kinds of figure of band b in half p. */
typedef struct band_row {
	const char *code, *label;
	bl_pos lpos;
	int any_num, any_text;
} band_row;

static band_row band_head(bl_doc *doc, const bl_table_rec *r, const grid *g, int b, int p, const int *ctype)
{
	bl_buf code = BL_BUF_INIT(64);
	band_row w = {"", "", {0, 0, 0}, 0, 0};
	for (int c = 0; c < g->nc; c++) {
		if (r->cols[c].part != p || g->start[b * g->nc + c] != c)
			continue;
		const char *s = cell_str(doc, g, b, c);
		if (!*s)
			continue;
		if (bl_tbl_header_word(s) && ctype[c] != COL_NUM)
			continue;
		if (ctype[c] == COL_CODE && bl_tbl_code(s)) {
			for (const char *q = s; *q; q++)
				if (*q >= '0' && *q <= '9')
					bl_buf_putc(&code, *q);
			if (!w.lpos.line)
				w.lpos = g->pos[(size_t)b * g->nc + c];
		} else if (ctype[c] != COL_NUM) {
			if (!*w.label) {
				w.label = s;
				w.lpos = g->pos[(size_t)b * g->nc + c];
			}
		} else {
			bl_dec d;
			if (bl_tbl_amount(s, &d))
				w.any_num = 1;
			else if (!bl_tbl_dash(s))
				w.any_text = 1;
		}
	}
	w.code = bl_arena_strndup(&doc->arena, code.p ? code.p : "", code.n);
	bl_buf_release(&code);
	return w;
}

/* The figure cells of row, from band b in half p. */
static void row_cells(bl_doc *doc, const bl_table_rec *r, const grid *g, int b, int p, const int *ctype,
		      bl_trow *row)
{
	bl_arena *ar = &doc->arena;
	row->cells = bl_arena_alloc(ar, (size_t)g->nc * sizeof *row->cells);
	memset(row->cells, 0, (size_t)g->nc * sizeof *row->cells);
	for (int c = 0; c < g->nc; c++) {
		bl_cell *cell = &row->cells[c];
		cell->text = "";
		if (ctype[c] != COL_NUM || r->cols[c].part != p || g->start[b * g->nc + c] != c)
			continue;
		size_t ci = (size_t)b * g->nc + (size_t)c;
		const char *s = cell_str(doc, g, b, c);
		cell->text = s;
		if (split_digits(&g->text[ci]))
			cell->text = bl_arena_strndup(ar, g->text[ci].p, g->text[ci].n);
		cell->pos = g->pos[ci];
		cell->box = g->box[ci];
		if (g->doubt && g->doubt[ci])
			cell->state = BL_CELL_TEXT; /* a blank in a doubtful row is unknown, not zero */
		else if (!*s || bl_tbl_dash(s))
			cell->state = BL_CELL_BLANK;
		else if (bl_tbl_amount(s, &cell->value) && !split_digits(&g->text[ci]))
			cell->state = BL_CELL_NUMBER;
		else
			cell->state = BL_CELL_TEXT;
	}
}

/* Appends the grid's data bands as rows of table r. */
static void table_rows(bl_doc *doc, bl_table_rec *r, const grid *g, int nh, const int *ctype)
{
	int nparts = 0;
	for (int c = 0; c < g->nc; c++)
		if (r->cols[c].part + 1 > nparts)
			nparts = r->cols[c].part + 1;
	for (int b = nh; b < g->nb; b++)
		for (int p = 0; p < nparts; p++) {
			band_row w = band_head(doc, r, g, b, p, ctype);
			if (!*w.code && !*w.label && !w.any_num && !w.any_text)
				continue;
			if (!*w.code && !w.any_num && !w.any_text && bl_tbl_header_word(w.label))
				continue;
			if (bl_tbl_note(w.label))
				continue;
			bl_trow *row = BL_PUSH(r->rows, r->nrows, r->cap);
			row->code = w.code;
			row->label = w.label;
			row->role = bl_tbl_role(w.code, w.label);
			row->part = p;
			row->enumer = bl_tbl_enumer(w.label);
			row_cells(doc, r, g, b, p, ctype, row);
			bl_pos lpos = w.lpos;
			if (!lpos.line)
				for (int c = 0; c < g->nc; c++)
					if (row->cells[c].pos.line) {
						lpos = row->cells[c].pos;
						break;
					}
			row->pos = lpos;
			for (int c = 0; c < g->nc; c++)
				if (!row->cells[c].pos.line)
					row->cells[c].pos = lpos;
		}
}

/* --- tables from grids --- */

/* Is band b of a continuation grid the table's header printed again? */
static int band_repeats_header(bl_doc *doc, const grid *g, int b, const bl_table_rec *r)
{
	int any = 0;
	for (int c = 0; c < g->nc; c++) {
		if (g->start[b * g->nc + c] != c)
			continue;
		const char *s = cell_str(doc, g, b, c);
		if (!*s)
			continue;
		int found = bl_tbl_header_word(s);
		for (int k = 0; k < r->t.ncols && !found; k++)
			found = strstr(r->cols[k].name, s) != NULL;
		if (!found)
			return 0;
		any = 1;
	}
	return any;
}

/* A new table from a grid with a title; nh header bands. */
static bl_table_rec *table_open(bl_doc *doc, const grid *g, int nh, const char *title, bl_pos tpos, int unit)
{
	bl_table_rec *r = table_new(doc);
	r->t.kind = bl_tbl_title_kind(title);
	r->t.title = title;
	r->t.pos = tpos;
	r->t.unit = unit;
	r->t.first_page = r->t.last_page = g->page;
	r->t.ncols = g->nc;
	r->ctype = bl_arena_alloc(&doc->arena, (size_t)g->nc * sizeof *r->ctype);
	table_columns(doc, r, g, nh, r->ctype);
	table_rows(doc, r, g, nh, r->ctype);
	return r;
}

/* A note under the grid: 注：…故本表无数据。 */
static void note_under(bl_doc *doc, const grid *g, bl_table_rec *open)
{
	for (size_t li = g->last_line + 1; li < doc->nlines && li < g->last_line + 6; li++) {
		if (doc->lines[li].page != g->page)
			break;
		const char *t = line_text(doc, li);
		if (bl_tbl_no_data(t)) {
			open->t.no_data = 1;
			break;
		}
		if (bl_tbl_title_kind(t) != BL_TABLE_KINDS)
			break;
	}
}

/* The grids in reading order become the document's typed tables. A grid
 * without a title of its own, on the page after an open table's last page
 * and with the same columns, continues that table. */
static void tables_from_grids(bl_doc *doc, grid *gs, size_t ng, tables *out)
{
	bl_table_rec *open = NULL;
	size_t prev_end = 0;
	for (size_t i = 0; i < ng; i++) {
		grid *g = &gs[i];
		if (g->first_line == (size_t)-1)
			continue; /* an empty frame */
		const char *title;
		bl_pos tpos;
		int unit;
		grid_caption(doc, g, prev_end, &title, &tpos, &unit);
		int nh = 0;
		while (nh < g->nb && !band_is_data(doc, g, nh))
			nh++;
		if (!title && open && open->t.ncols == g->nc && g->page >= open->t.last_page &&
		    g->page <= open->t.last_page + 1) {
			nh = 0;
			while (nh < g->nb && band_repeats_header(doc, g, nh, open))
				nh++;
			table_rows(doc, open, g, nh, open->ctype);
			open->t.last_page = g->page;
		} else if (title) {
			open = table_open(doc, g, nh, title, tpos, unit);
			*BL_PUSH(out->v, out->n, out->cap) = open;
		} else
			open = NULL; /* an untitled frame of its own ends the open table */
		prev_end = g->last_line + 1;
		if (open)
			note_under(doc, g, open);
	}
}

void bl_grid_tables(bl_doc *doc, grid *gs, size_t ng)
{
	tables out = {NULL, 0, 0};
	tables_from_grids(doc, gs, ng, &out);
	doc->tables = bl_xmalloc((out.n ? out.n : 1) * sizeof *doc->tables);
	for (size_t i = 0; i < out.n; i++) {
		bl_table_rec *r = out.v[i];
		r->t.cols = r->cols;
		r->t.rows = r->rows;
		r->t.nrows = r->nrows;
		/* a side-by-side table reads down its left half, then its right */
		bl_trow *rows = bl_arena_alloc(&doc->arena, (r->nrows ? r->nrows : 1) * sizeof *rows);
		size_t k = 0;
		for (int part = 0; k < r->nrows; part++)
			for (size_t j = 0; j < r->nrows; j++)
				if (r->rows[j].part == part)
					rows[k++] = r->rows[j];
		free(r->rows);
		r->t.rows = rows;
		doc->tables[i] = r->t;
	}
	doc->ntables = out.n;
	free(out.v);
}

BL_API size_t bl_doc_ntables(const bl_doc *doc)
{
	return doc ? doc->ntables : 0;
}

BL_API const bl_table *bl_doc_table(const bl_doc *doc, size_t i)
{
	return doc && i < doc->ntables ? &doc->tables[i] : NULL;
}
