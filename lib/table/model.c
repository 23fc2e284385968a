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
			*title = bl_tbl_title_text(&doc->arena, tt);
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

/* The grid cell whose text column c of band b shows as a figure, or -1:
 * its own cell, or a merged cell starting in a label column left of it
 * (an amount centred across 项目名称 and 金额) when c is the first figure
 * column that cell covers. *wide: the cell covers another figure column
 * too, so which one the figure is in is told by position only. */
static long figure_cell(bl_doc *doc, const bl_table_rec *r, const grid *g, int b, int c, const int *ctype,
			int *wide)
{
	*wide = 0;
	if (ctype[c] != COL_NUM)
		return -1;
	int s = g->start[b * g->nc + c];
	bl_dec d;
	if (s != c && (ctype[s] == COL_NUM || r->cols[s].part != r->cols[c].part ||
		       !bl_tbl_amount(cell_str(doc, g, b, s), &d)))
		return -1;
	for (int k = s; k < c; k++)
		if (ctype[k] == COL_NUM)
			return -1;
	for (int k = c + 1; k < g->nc && g->start[b * g->nc + k] == s; k++)
		if (ctype[k] == COL_NUM)
			*wide = 1;
	return (long)b * g->nc + s;
}

/* Is the label cell at column c an amount printed across a figure column
 * (figure_cell reads it there)? */
static int label_is_figure(bl_doc *doc, const bl_table_rec *r, const grid *g, int b, int c, const int *ctype)
{
	int wide;
	for (int k = c + 1; k < g->nc && g->start[b * g->nc + k] == c; k++)
		if (figure_cell(doc, r, g, b, k, ctype, &wide) >= 0)
			return 1;
	return 0;
}

/* Does the cell at (b, c) belong to a cell merged across bands? */
static int merged_down(const grid *g, int b, int c)
{
	return g->open[b * g->nc + c] || (b + 1 < g->nb && g->open[(b + 1) * g->nc + c]);
}

/* The code, label and kinds of figure of band b in half p, and where the
 * row's figures are read from (the band itself unless joined). */
typedef struct band_row {
	const char *code, *label;
	bl_pos lpos;
	int lcol; /* the label's grid column, or -1 */
	int any_num, any_text;
	int fb, fp;     /* the band and half whose figure cells the row takes */
	unsigned doubt; /* BL_DOUBT_CELL: the figures joined to the label by position only */
	int taken;      /* its figures went to the row of another band or half */
} band_row;

/* The row label of band b in half p: the first label cell, or, when it is
 * a group label merged down across bands beside another label, the one
 * after it (一般公共预算资金 over 小计 / 公共财政拨款资金). */
static void band_label(const grid *g, int b, int c, const char *s, band_row *w)
{
	if (*w->label && !(merged_down(g, b, w->lcol) && !merged_down(g, b, c)))
		return;
	w->label = s;
	w->lcol = c;
	w->lpos = g->pos[(size_t)b * g->nc + c];
}

static band_row band_head(bl_doc *doc, const bl_table_rec *r, const grid *g, int b, int p, const int *ctype)
{
	bl_buf code = BL_BUF_INIT(64);
	band_row w = {"", "", {0, 0, 0}, -1, 0, 0, b, p, 0, 0};
	for (int c = 0; c < g->nc; c++) {
		if (r->cols[c].part != p)
			continue;
		int wide;
		long fi = figure_cell(doc, r, g, b, c, ctype, &wide);
		if (fi >= 0) {
			bl_dec d;
			const char *f = cell_str(doc, g, b, g->start[b * g->nc + c]);
			if (bl_tbl_amount(f, &d))
				w.any_num = 1;
			else if (*f && !bl_tbl_dash(f))
				w.any_text = 1;
			continue;
		}
		if (g->start[b * g->nc + c] != c || ctype[c] == COL_NUM)
			continue;
		const char *s = cell_str(doc, g, b, c);
		if (!*s || bl_tbl_header_word(s) || label_is_figure(doc, r, g, b, c, ctype))
			continue;
		if (ctype[c] == COL_CODE && bl_tbl_code(s)) {
			for (const char *q = s; *q; q++)
				if (*q >= '0' && *q <= '9')
					bl_buf_putc(&code, *q);
			if (!w.lpos.line)
				w.lpos = g->pos[(size_t)b * g->nc + c];
		} else
			band_label(g, b, c, s, &w);
	}
	w.code = bl_arena_strndup(&doc->arena, code.p ? code.p : "", code.n);
	bl_buf_release(&code);
	return w;
}

static int has_name(const band_row *w)
{
	return *w->code || *w->label;
}

static int has_figures(const band_row *w)
{
	return w->any_num || w->any_text;
}

/* The header's top level over the first column of half p ("支出" of
 * 支出/功能分类/金额), or "" when the column's name has no level above. */
static const char *part_side(bl_doc *doc, const bl_table_rec *r, int p)
{
	for (int c = 0; c < r->t.ncols; c++)
		if (r->cols[c].part == p) {
			const char *slash = strchr(r->cols[c].name, '/');
			return slash ? bl_arena_strndup(&doc->arena, r->cols[c].name,
							(size_t)(slash - r->cols[c].name))
				     : "";
		}
	return "";
}

static int nfigure_cols(const bl_table_rec *r, const int *ctype, int p)
{
	int n = 0;
	for (int c = 0; c < r->t.ncols; c++)
		n += r->cols[c].part == p && ctype[c] == COL_NUM;
	return n;
}

/* Does the label of (b, p) run, merged, into the columns of half q? Then
 * the band is one row across both halves, by the rules, not by position. */
static int label_spans_into(const bl_table_rec *r, const grid *g, int b, const band_row *w, int q)
{
	for (int c = w->lcol + 1; w->lcol >= 0 && c < g->nc && g->start[b * g->nc + c] == w->lcol; c++)
		if (r->cols[c].part == q)
			return 1;
	return 0;
}

/* Joins figures printed apart from their label to the labelled row: a
 * label standing in one half with no figure, and on the same band a figure
 * with no label of its own in a neighbouring half under the same top-level
 * header (当年支出小计 | 10,150.48 printed across both 支出 halves); a label
 * and its figures in two adjacent bands of one half, joined by a cell
 * merged across them (a label or a figure spanning two rows). */
static void join_bands(bl_doc *doc, const bl_table_rec *r, const grid *g, int nh, band_row *w, int nparts,
		       const int *ctype)
{
	for (int b = nh; b < g->nb; b++)
		for (int p = 0; p < nparts; p++) {
			band_row *l = &w[b * nparts + p];
			if (!has_name(l) || has_figures(l))
				continue;
			const char *side = part_side(doc, r, p);
			for (int d = 1; d >= -1 && *side; d -= 2) {
				int q = p + d;
				band_row *f = q >= 0 && q < nparts ? &w[b * nparts + q] : NULL;
				if (!f || has_name(f) || !f->any_num || f->taken ||
				    strcmp(side, part_side(doc, r, q)) ||
				    nfigure_cols(r, ctype, q) > nfigure_cols(r, ctype, p))
					continue;
				l->fp = q;
				l->doubt = label_spans_into(r, g, b, l, q) ? 0 : BL_DOUBT_CELL;
				f->taken = 1;
				break;
			}
			if (l->fp != p)
				continue;
			for (int d = 1; d >= -1; d -= 2) {
				int b2 = b + d;
				band_row *f = b2 >= nh && b2 < g->nb ? &w[b2 * nparts + p] : NULL;
				if (!f || has_name(f) || !f->any_num || f->taken)
					continue;
				int lo = d > 0 ? b2 : b,
				    joined = l->lcol >= 0 && g->open[lo * g->nc + l->lcol];
				for (int c = 0; c < g->nc && !joined; c++)
					joined = r->cols[c].part == p && ctype[c] == COL_NUM &&
						 g->open[lo * g->nc + c];
				if (!joined)
					continue;
				l->fb = b2;
				f->taken = 1;
				break;
			}
		}
}

/* The figure cells of row, from band w->fb of half w->fp: the k-th figure
 * column of that half fills the k-th of the row's own half. */
static void row_cells(bl_doc *doc, const bl_table_rec *r, const grid *g, const band_row *w, int p,
		      const int *ctype, bl_trow *row)
{
	bl_arena *ar = &doc->arena;
	row->cells = bl_arena_alloc(ar, (size_t)g->nc * sizeof *row->cells);
	memset(row->cells, 0, (size_t)g->nc * sizeof *row->cells);
	for (int c = 0; c < g->nc; c++)
		row->cells[c].text = "";
	int dst = 0;
	for (int c = 0; c < g->nc; c++) {
		if (r->cols[c].part != w->fp || ctype[c] != COL_NUM)
			continue;
		while (dst < g->nc && (r->cols[dst].part != p || ctype[dst] != COL_NUM))
			dst++;
		if (dst >= g->nc)
			break;
		bl_cell *cell = &row->cells[dst++];
		int wide;
		long fi = figure_cell(doc, r, g, w->fb, c, ctype, &wide);
		if (fi < 0)
			continue;
		size_t ci = (size_t)fi;
		const char *s = cell_str(doc, g, w->fb, g->start[w->fb * g->nc + c]);
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
		if (cell->state != BL_CELL_BLANK && (wide || w->doubt))
			cell->doubt |= BL_DOUBT_CELL;
	}
}

/* Appends the grid's data bands as rows of table r. */
static void table_rows(bl_doc *doc, bl_table_rec *r, const grid *g, int nh, const int *ctype)
{
	int nparts = 0;
	for (int c = 0; c < g->nc; c++)
		if (r->cols[c].part + 1 > nparts)
			nparts = r->cols[c].part + 1;
	if (nh >= g->nb || !nparts)
		return;
	band_row *w = bl_xcalloc((size_t)g->nb * (size_t)nparts, sizeof *w);
	for (int b = nh; b < g->nb; b++)
		for (int p = 0; p < nparts; p++)
			w[b * nparts + p] = band_head(doc, r, g, b, p, ctype);
	join_bands(doc, r, g, nh, w, nparts, ctype);
	for (int b = nh; b < g->nb; b++)
		for (int p = 0; p < nparts; p++) {
			const band_row *x = &w[b * nparts + p];
			if (x->taken || (!has_name(x) && !has_figures(x)))
				continue;
			if (!*x->code && !has_figures(x) && bl_tbl_header_word(x->label))
				continue;
			if (bl_tbl_note(x->label))
				continue;
			bl_trow *row = BL_PUSH(r->rows, r->nrows, r->cap);
			row->code = x->code;
			row->label = x->label;
			row->role = bl_tbl_role(x->code, x->label);
			row->part = p;
			row->enumer = bl_tbl_enumer(x->label);
			row_cells(doc, r, g, x, p, ctype, row);
			bl_pos lpos = x->lpos;
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
	free(w);
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

enum { NOTE_LINES = 6 }; /* non-blank lines read for a table's note, under it or above its grid */

/* A note saying the table is empty by intent, near its grid: between its
 * title and the grid, or under it, on its page or at the top of the next,
 * until another table's title or grid (next: the next grid's first line). */
static void note_near(bl_doc *doc, const grid *g, size_t next, bl_table_rec *open, int opened)
{
	size_t title = (size_t)open->t.pos.line; /* the line after the title's */
	for (size_t li = title; opened && li < g->first_line && li < title + NOTE_LINES; li++)
		if (bl_tbl_no_data(line_text(doc, li)))
			open->t.no_data = 1;
	int seen = 0;
	for (size_t li = g->last_line + 1; li < doc->nlines && li < next && seen < NOTE_LINES; li++) {
		if (doc->lines[li].page > g->page + 1)
			break;
		if (doc->lines[li].flags & BL_LINE_BLANK)
			continue;
		seen++;
		const char *t = line_text(doc, li);
		if (bl_tbl_no_data(t)) {
			open->t.no_data = 1;
			break;
		}
		if (bl_tbl_title_kind(t) != BL_TABLE_KINDS || bl_tbl_numbering(t))
			break; /* the next table's title, or its numbering above it */
	}
}

/* The band of g at or after from whose one text is a table title: a
 * table drawn inside the frame of the one before it, or a title drawn
 * inside its own frame; -1 when none. */
static int title_band(bl_doc *doc, const grid *g, int from, const char **title)
{
	for (int b = from; b < g->nb; b++) {
		const char *one = NULL;
		int n = 0;
		for (int c = 0; c < g->nc; c++)
			if (g->start[b * g->nc + c] == c && *cell_str(doc, g, b, c)) {
				one = cell_str(doc, g, b, c);
				n++;
			}
		if (n == 1 && bl_tbl_title_kind(one) != BL_TABLE_KINDS) {
			*title = bl_tbl_title_text(&doc->arena, one);
			return b;
		}
	}
	return -1;
}

/* Where the first text of band b starts. */
static bl_pos band_pos(const grid *g, int b)
{
	for (int c = 0; c < g->nc; c++)
		if (g->text[(size_t)b * g->nc + c].n)
			return g->pos[(size_t)b * g->nc + c];
	return (bl_pos){g->page, 0, 0};
}

/* Bands [b0, b1) of g, sharing its cells; its lines are those of the
 * cells it holds. */
static grid grid_view(const grid *g, int b0, int b1)
{
	grid v = *g;
	size_t off = (size_t)b0 * (size_t)g->nc;
	v.nb = b1 - b0;
	v.ys = g->ys ? g->ys + b0 : NULL;
	v.start = g->start + off;
	v.open = g->open + off;
	v.text = g->text + off;
	v.pos = g->pos + off;
	v.box = g->box + off;
	v.lastline = g->lastline ? g->lastline + off : NULL;
	v.doubt = g->doubt ? g->doubt + off : NULL;
	v.first_line = (size_t)-1;
	v.last_line = 0;
	for (size_t i = 0; i < (size_t)v.nb * (size_t)g->nc; i++)
		if (v.text[i].n && v.pos[i].line > 0) {
			size_t li = (size_t)v.pos[i].line - 1;
			if (v.first_line == (size_t)-1 || li < v.first_line)
				v.first_line = li;
			if (li > v.last_line)
				v.last_line = li;
		}
	return v;
}

/* Where the grids read so far leave off. */
typedef struct grid_walk {
	bl_table_rec *open; /* the table a title-less grid may continue */
	int opened;         /* the last grid opened it (else continued it) */
	size_t prev_end;    /* the line after the last grid */
} grid_walk;

/* Is there a line of text between the last grid and this one on its page?
 * Then a grid there is another table, not the one above going on. */
static int text_between(const bl_doc *doc, size_t from, const grid *g)
{
	for (size_t li = from; li < g->first_line; li++)
		if (doc->lines[li].page == g->page && !(doc->lines[li].flags & BL_LINE_BLANK))
			return 1;
	return 0;
}

/* One grid (or one table's bands of it): a table of its own when it has a
 * title (above it, or title given from a band inside the frame), else the
 * open table going on, on its page with nothing between or on the next. */
static void take_grid(bl_doc *doc, const grid *g, const char *title, bl_pos tpos, grid_walk *w, tables *out)
{
	int unit = 0;
	if (!title)
		grid_caption(doc, g, w->prev_end, &title, &tpos, &unit);
	int nh = 0;
	while (nh < g->nb && !band_is_data(doc, g, nh)) {
		for (int c = 0; c < g->nc && !unit; c++)
			unit = bl_tbl_unit(cell_str(doc, g, nh, c));
		nh++;
	}
	bl_table_rec *open = w->open;
	if (!title && open && open->t.ncols == g->nc &&
	    ((g->page == open->t.last_page && !text_between(doc, w->prev_end, g)) ||
	     g->page == open->t.last_page + 1)) {
		nh = 0;
		while (nh < g->nb && band_repeats_header(doc, g, nh, open))
			nh++;
		table_rows(doc, open, g, nh, open->ctype);
		open->t.last_page = g->page;
		w->opened = 0;
	} else if (title) {
		w->open = table_open(doc, g, nh, title, tpos, unit);
		*BL_PUSH(out->v, out->n, out->cap) = w->open;
		w->opened = 1;
	} else
		w->open = NULL; /* an untitled frame of its own ends the open table */
	w->prev_end = g->last_line + 1;
}

/* The grids in reading order become the document's typed tables. A grid
 * without a title of its own, on the page after an open table's last page
 * (or on its page, nothing between) and with the same columns, continues
 * that table. A title inside a frame starts a table there: two tables
 * drawn edge to edge are two. */
static void tables_from_grids(bl_doc *doc, grid *gs, size_t ng, tables *out)
{
	grid_walk w = {NULL, 0, 0};
	for (size_t i = 0; i < ng; i++) {
		const grid *g = &gs[i];
		if (g->first_line == (size_t)-1)
			continue; /* an empty frame */
		size_t next = i + 1 < ng ? gs[i + 1].first_line : doc->nlines;
		const char *title = NULL, *tnext = NULL;
		bl_pos tpos = {0, 0, 0};
		for (int b0 = 0; b0 < g->nb;) {
			int tb = title_band(doc, g, b0, &tnext);
			int b1 = tb < 0 ? g->nb : tb;
			bl_pos tb_pos = tb < 0 ? (bl_pos){0, 0, 0} : band_pos(g, tb);
			grid v = grid_view(g, b0, b1);
			if (b1 > b0 && v.first_line != (size_t)-1) {
				take_grid(doc, &v, title, tpos, &w, out);
				if (w.open)
					note_near(doc, &v, tb < 0 ? next : (size_t)tb_pos.line - 1, w.open,
						  w.opened);
			}
			if (tb < 0)
				break;
			title = tnext;
			tpos = tb_pos;
			b0 = tb + 1;
		}
	}
}

static int has_figures_rows(const bl_table_rec *r)
{
	for (size_t i = 0; i < r->nrows; i++)
		for (int c = 0; c < r->t.ncols; c++) {
			const bl_cell *cl = &r->rows[i].cells[c];
			if (r->cols[c].figures && cl->state != BL_CELL_BLANK &&
			    (cl->state != BL_CELL_NUMBER || cl->value.u != 0))
				return 1;
		}
	return 0;
}

/* Is line li narrative: outside every grid, not a table or contents line? */
static int narrative_line(const bl_doc *doc, const grid *gs, size_t ng, size_t li)
{
	if (doc->lines[li].flags & (BL_LINE_BLANK | BL_LINE_TABLE | BL_LINE_TOC | BL_LINE_TTABLE))
		return 0;
	for (size_t i = 0; i < ng; i++)
		if (gs[i].first_line != (size_t)-1 && li >= gs[i].first_line && li <= gs[i].last_line)
			return 0;
	return 1;
}

/* An empty table is empty by intent also when the narrative says its
 * subject has nothing (本部门无政府性基金预算收支; …政府性基金支出0万元),
 * and gives it no amount other than zero anywhere (a narrative saying
 * 年初预算为0.95万元 does not explain an empty table). A sentence is read
 * with the line after it, where it may go on. */
static void narrative_no_data(bl_doc *doc, const grid *gs, size_t ng, tables *out)
{
	for (size_t k = 0; k < out->n; k++) {
		bl_table_rec *r = out->v[k];
		const char *subject = bl_tbl_empty_subject(r->t.kind);
		if (r->t.no_data || !subject || has_figures_rows(r))
			continue;
		int nothing = 0, some = 0;
		for (size_t li = 0; li < doc->nlines && !some; li++) {
			if (!narrative_line(doc, gs, ng, li))
				continue;
			const char *t = line_text(doc, li);
			if (!strstr(t, subject))
				continue;
			if (li + 1 < doc->nlines && narrative_line(doc, gs, ng, li + 1))
				t = bl_arena_printf(&doc->arena, "%s%s", t, line_text(doc, li + 1));
			nothing |= bl_tbl_says_nothing(t, subject);
			some |= bl_tbl_says_some(t, subject);
		}
		r->t.no_data = nothing && !some;
	}
}

void bl_grid_tables(bl_doc *doc, grid *gs, size_t ng)
{
	tables out = {NULL, 0, 0};
	tables_from_grids(doc, gs, ng, &out);
	narrative_no_data(doc, gs, ng, &out);
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
