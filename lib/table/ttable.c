/* ttable.c - the standard tables from laid-out text.
 *
 * A PDF's tables written out as text (pdftotext -layout, as in the text
 * files many reviewers keep) hold each row on a line and each figure near
 * its column, and nothing more. A figure centred in a tall row may stand on
 * a line of its own above the label; a label wrapped in its cell goes on
 * above the row's line, below it, or both; and positions are counted in
 * characters, so a header of wide characters drifts against the figures
 * under it. This reader rebuilds the grid model.c reads: the header's
 * leaves become columns (thead.c), each table row one band (trows.c), one
 * grid per page (here); the lines are tokens first (tlines.c). A figure
 * whose row or column cannot be told for sure becomes a parse doubt (a text
 * cell), never a number in a guessed place.
 *
 * Text whose cells are one space apart (no layout kept) is not read as a
 * table: there the columns cannot be told from the spacing. */
#include <string.h>

#include "table/ttable.h"

/* A table being read: its halves, as columns of the grids. */
typedef struct tbl {
	int nparts;
	part parts[2];
	int boundary; /* first column of the right half (text columns); 0 when one half */
	int ncols;
	int garbled; /* codes split from their rows: no figure can be placed for sure */
} tbl;

/* The lines of a table below its title. */
typedef struct region {
	size_t ti; /* the title's line */
	tline *ls; /* the lines after it, up to the table's end */
	int nl;
	int first_data; /* lines before it, on the title's page, are the header */
	int halves;     /* the header names its label columns twice */
	tline *hl;      /* the header lines, caption left out */
	int nh;
} region;

/* --- segments to grids --- */

static void cell_set(grid *g, int b, int c, const char *s, size_t n, bl_pos pos)
{
	size_t i = (size_t)b * (size_t)g->nc + (size_t)c;
	bl_buf_put(&g->text[i], s, n);
	g->pos[i] = pos;
}

static grid *grid_new(grid **out, size_t *nout, size_t *cap, int page, int nb, int nc)
{
	grid *g = BL_PUSH(*out, *nout, *cap);
	memset(g, 0, sizeof *g);
	g->page = page;
	g->nb = nb;
	g->nc = nc;
	size_t n = (size_t)(nb ? nb : 1) * (size_t)nc;
	g->start = bl_xmalloc(n * sizeof *g->start);
	g->open = bl_xcalloc(n, 1);
	g->text = bl_xcalloc(n, sizeof *g->text);
	g->pos = bl_xcalloc(n, sizeof *g->pos);
	g->box = bl_xcalloc(n, sizeof *g->box);
	g->lastline = bl_xcalloc(n, sizeof *g->lastline);
	g->doubt = bl_xcalloc(n, 1);
	for (size_t i = 0; i < n; i++) {
		g->start[i] = (int)(i % (size_t)nc);
		g->text[i] = (bl_buf)BL_BUF_INIT((size_t)1 << 16);
	}
	return g;
}

/* The header bands of part P in grid g: the label columns' own header
 * words, then each leaf's name, its pair heading and its parent, merged
 * over the leaves they stand over. */
static void segment_header(grid *g, const part *P)
{
	int c0 = P->col0;
	/* a code column is one by construction */
	const char *cn = P->code_name ? P->code_name : bl_tbl_code_name_default();
	const char *ln = P->label_name ? P->label_name : "";
	if (P->has_code)
		cell_set(g, 2, c0, cn, strlen(cn), g->pos[c0]);
	cell_set(g, 2, c0 + P->has_code, ln, strlen(ln), g->pos[c0]);
	for (int j = 0; j < P->nleaf; j++) {
		const leaf *f = &P->leaves[j];
		int c = c0 + 1 + P->has_code + j;
		cell_set(g, 2, c, f->name.p, f->name.n, f->pos);
		if (f->head >= 0) {
			const parent *h = &P->heads[f->head];
			int s = j;
			while (s > 0 && P->leaves[s - 1].head == f->head)
				s--;
			g->start[g->nc + c] = c0 + 1 + P->has_code + s;
			if (s == j)
				cell_set(g, 1, c, h->name, strlen(h->name), h->pos);
		}
		if (f->parent >= 0) {
			const parent *pa = &P->parents[f->parent];
			int s = j;
			while (s > 0 && P->leaves[s - 1].parent == f->parent)
				s--;
			g->start[c] = c0 + 1 + P->has_code + s;
			if (s == j)
				cell_set(g, 0, c, pa->name, strlen(pa->name), pa->pos);
		}
	}
}

/* The rows of part P as bands of grid g from band hb; releases them. */
static void segment_rows(grid *g, const tbl *T, const part *P, int hb, rows *rs)
{
	int c0 = P->col0;
	for (size_t r = 0; r < rs->n; r++) {
		trow *w = &rs->v[r];
		int b = hb + (int)r;
		if (P->has_code)
			cell_set(g, b, c0, w->code.p ? w->code.p : "", w->code.n, w->lpos);
		cell_set(g, b, c0 + P->has_code, w->label.p ? w->label.p : "", w->label.n, w->lpos);
		int row_doubt = 0; /* a figure of the row misplaced: its blanks are unknown too */
		for (int j = 0; j < P->nleaf; j++)
			row_doubt |= w->cell[j] && (w->doubt[j] || T->garbled);
		for (int j = 0; j < P->nleaf; j++) {
			int c = c0 + 1 + P->has_code + j;
			size_t ci = (size_t)b * (size_t)g->nc + (size_t)c;
			g->pos[ci] = w->lpos;
			g->doubt[ci] = (char)row_doubt;
			if (!w->cell[j])
				continue;
			cell_set(g, b, c, w->cell[j]->s, strlen(w->cell[j]->s), w->cpos[j]);
			g->doubt[ci] = (char)(w->doubt[j] || T->garbled);
		}
		bl_buf_release(&w->code);
		bl_buf_release(&w->label);
	}
	free(rs->v);
}

/* One page of a table: its data lines ls; the header bands on the first
 * page (nh header lines were read). */
static void segment(bl_doc *doc, tbl *T, int nh, tline *ls, int nl, size_t first_line, int page, grid **out,
		    size_t *nout, size_t *cap)
{
	rows rs[2] = {{NULL, 0, 0}, {NULL, 0, 0}};
	for (int pi = 0; pi < T->nparts; pi++) {
		cluster cl[MAX_CLUSTERS];
		int k = bl_tt_map_figures(ls, nl, pi, &T->parts[pi], cl, nh > 0);
		bl_tt_part_rows(doc, ls, nl, pi, cl, k, &rs[pi]);
	}
	int hb = first_line != (size_t)-1 ? 3 : 0; /* parents, pair headings, leaves */
	size_t nr = rs[0].n > rs[1].n ? rs[0].n : rs[1].n;
	grid *g = grid_new(out, nout, cap, page, hb + (int)nr, T->ncols);
	size_t last = 0, firstl = (size_t)-1;
	for (int i = 0; i < nl; i++)
		if (ls[i].kind != L_SKIP) {
			if (firstl == (size_t)-1)
				firstl = ls[i].li;
			last = ls[i].li;
		}
	g->first_line = hb ? first_line : firstl;
	g->last_line = last > g->first_line ? last : g->first_line;
	for (int pi = 0; pi < T->nparts; pi++) {
		if (hb)
			segment_header(g, &T->parts[pi]);
		segment_rows(g, T, &T->parts[pi], hb, &rs[pi]);
	}
}

/* --- halves --- */

static void set_parts(tline *ls, int nl, int boundary)
{
	for (int i = 0; i < nl; i++) {
		/* a line that opens with a code far right of the left half's code
		 * column belongs to the right half, wherever the text put it */
		int right = 0;
		if (boundary > 0 && ls[i].nt > 0 && ls[i].t[0].x0 >= boundary / 2) {
			const char *s0 = ls[i].t[0].s;
			size_t n0 = strlen(s0);
			right = bl_tt_digits(s0, 0) && (n0 == 3 || n0 == 5 || n0 == 7);
		}
		for (int j = 0; j < ls[i].nt; j++)
			ls[i].t[j].part = boundary > 0 && (right || ls[i].t[j].x0 >= boundary);
	}
}

/* A side-by-side table has labels after figures on its lines; the right
 * half starts at the leftmost of them. */
static int find_boundary(tline *ls, int nl, int halves)
{
	int lines = 0, b = 1 << 30;
	for (int i = 0; i < nl; i++) {
		if (ls[i].kind != L_DATA && ls[i].kind != L_TEXT)
			continue;
		int seen_num = 0, ntext = 0, found = 0;
		for (int j = 0; j < ls[i].nt; j++) {
			tok *t = &ls[i].t[j];
			size_t len = strlen(t->s);
			if (halves && t->kind == T_NUM && j > 0 && ls[i].t[j - 1].kind != T_CODE &&
			    bl_tt_digits(t->s, 0) && (len == 3 || len == 5 || len == 7)) {
				/* the right half's code, after the left half's cells */
				if (t->x0 < b && !found)
					b = t->x0;
				found = 1;
			} else if (t->kind == T_NUM)
				seen_num = 1;
			else if (t->kind == T_TEXT && !bl_tbl_header_word(t->s)) {
				ntext++;
				if ((seen_num || ntext == 2) && t->x0 < b && !found) {
					b = t->x0;
					found = 1;
				} else if (seen_num || ntext == 2)
					found = 1;
			}
		}
		lines += found;
	}
	return lines >= 2 ? b : 0;
}

/* Does the text keep its layout: figures of one line several spaces apart? */
static int laid_out(tline *ls, int nl)
{
	int wide = 0, narrow = 0;
	for (int i = 0; i < nl; i++)
		for (int j = 1; ls[i].kind == L_DATA && j < ls[i].nt; j++) {
			if (ls[i].t[j].x0 - ls[i].t[j - 1].x1 >= 2)
				wide++;
			else
				narrow++;
		}
	return wide >= narrow;
}

static void tline_free(tline *ls, int n)
{
	for (int i = 0; i < n; i++)
		free(ls[i].t);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Does the line name a label column twice (科目编码 … 科目编码)? Sorted,
 * equal names are neighbours: O(n log n) for a line of n names. */
static int repeats_label_head(const tline *L)
{
	const char **v = bl_xmalloc((size_t)(L->nt ? L->nt : 1) * sizeof *v);
	int n = 0, dup = 0;
	for (int j = 0; j < L->nt; j++)
		if (bl_tbl_label_head(L->t[j].s))
			v[n++] = L->t[j].s;
	qsort(v, (size_t)n, sizeof *v, cmp_str);
	for (int j = 1; j < n && !dup; j++)
		dup = strcmp(v[j - 1], v[j]) == 0;
	free(v);
	return dup;
}

/* Reads the table whose title is on line ti; returns the first line after it.
 */

/* The codes of the right half: its leading tokens on each line. */
static void mark_right_codes(tline *ls, int nl)
{
	for (int i = 0; i < nl; i++) {
		int f = 0;
		while (f < ls[i].nt && ls[i].t[f].part == 0)
			f++;
		if (f > 0 && f < ls[i].nt)
			bl_tt_mark_code(ls[i].t + f, ls[i].nt - f);
	}
}

/* Where amounts are printed with decimals, a bare short integer is a
 * piece of a code the text split from its row: the rows can no longer be
 * told apart, and every figure of the table becomes a doubt. */
static int garbled(const tline *ls, int nl)
{
	int dec = 0, whole = 0; /* amounts with decimals; integers of four digits or more */
	for (int i = 0; i < nl; i++)
		for (int j = 0; j < ls[i].nt; j++)
			if (ls[i].t[j].kind == T_NUM && !bl_tbl_dash(ls[i].t[j].s)) {
				if (strchr(ls[i].t[j].s, '.'))
					dec++;
				else if (strlen(ls[i].t[j].s) >= 4)
					whole++;
			}
	int split_codes = 0;
	for (int i = 0; i < nl && dec > 0 && whole == 0; i++)
		for (int j = 0; j < ls[i].nt; j++)
			if (ls[i].t[j].kind == T_NUM && bl_tt_digits(ls[i].t[j].s, 0) &&
			    strlen(ls[i].t[j].s) <= 3)
				split_codes++;
	return split_codes > 0;
}

/* Where the first page's header ends, whether the table has two halves
 * side by side and where the right one starts; each token's half. */
static void table_halves(bl_doc *doc, tbl *T, region *R)
{
	tline *ls = R->ls;
	int nl = R->nl, first_data = 0;
	while (first_data < nl && ls[first_data].kind != L_DATA &&
	       doc->lines[ls[first_data].li].page == doc->lines[R->ti].page)
		first_data++;
	R->first_data = first_data;
	/* a header naming its label columns twice on one line has two halves */
	R->halves = 0;
	for (int i = 0; i < first_data && !R->halves; i++)
		R->halves = repeats_label_head(&ls[i]);
	int fp_end = first_data; /* the first page's rows decide the halves of the header */
	while (fp_end < nl &&
	       doc->lines[ls[fp_end].li].page == doc->lines[ls[first_data < nl ? first_data : 0].li].page)
		fp_end++;
	int boundary = find_boundary(ls + first_data, fp_end - first_data, R->halves);
	if (!boundary)
		boundary = find_boundary(ls + first_data, nl - first_data, R->halves);
	set_parts(ls, nl, boundary);
	T->boundary = boundary;
	T->nparts = boundary ? 2 : 1;
	mark_right_codes(ls, nl);
}

/* The header lines, and each part's columns: its code and label columns
 * and its leaves. */
static void table_header(bl_doc *doc, tbl *T, region *R)
{
	tline *ls = R->ls;
	int nl = R->nl, first_data = R->first_data;
	R->nh = 0;
	R->hl = bl_xcalloc((size_t)(first_data ? first_data : 1), sizeof *R->hl);
	for (int i = 0; i < first_data; i++)
		if (ls[i].kind != L_SKIP || !(bl_tt_caption(&ls[i]) || bl_tt_no_data(&ls[i])))
			R->hl[R->nh++] = ls[i];
	for (int pi = 0; pi < T->nparts; pi++) {
		part *P = &T->parts[pi];
		bl_tt_header_leaves(doc, P, R->hl, R->nh, pi);
		for (int i = first_data; i < nl; i++)
			for (int j = 0; j < ls[i].nt; j++)
				P->has_code |= ls[i].t[j].part == pi && ls[i].t[j].kind == T_CODE;
		P->col0 = T->ncols;
		if (!P->nleaf) {
			/* no header read: the first page's figure columns, unnamed */
			cluster cl[MAX_CLUSTERS];
			int k = bl_tt_clusters(ls + first_data, nl - first_data, pi, cl);
			for (int j = 0; j < k && j < MAX_LEAVES; j++)
				P->leaves[j] =
					(leaf){BL_BUF_INIT(4096), (int)cl[j].lo - 4, (int)cl[j].hi, -1, -1,
					       {0, 0, 0}};
			P->nleaf = k < MAX_LEAVES ? k : MAX_LEAVES;
		}
		T->ncols += 1 + P->has_code + P->nleaf;
	}
}

/* One grid per page: the first with the header bands, a later one from
 * its first data line (it may open with the header again), each laying
 * out its halves anew. */
static void table_pages(bl_doc *doc, tbl *T, region *R, grid **out, size_t *nout, size_t *cap)
{
	tline *ls = R->ls;
	int nl = R->nl, s = R->first_data, first_page = 1;
	size_t hdr_first = R->nh ? R->hl[0].li : s < nl ? ls[s].li : R->ti + 1;
	if (s == nl) {
		/* no data at all: an empty table, header only */
		segment(doc, T, R->nh, ls + nl, 0, hdr_first, doc->lines[R->ti].page, out, nout, cap);
		(*out)[*nout - 1].last_line = nl ? ls[nl - 1].li : R->ti + 1;
	}
	while (s < nl) {
		int page = doc->lines[ls[s].li].page, e = s;
		while (e < nl && doc->lines[ls[e].li].page == page)
			e++;
		if (T->boundary && !first_page) {
			int bp = find_boundary(ls + s, e - s, R->halves);
			set_parts(ls + s, e - s, bp ? bp : T->boundary);
			mark_right_codes(ls + s, e - s);
		}
		int d = s;
		if (!first_page) {
			while (d < e && ls[d].kind != L_DATA)
				d++;
		}
		segment(doc, T, first_page ? R->nh : 0, ls + d, e - d, first_page ? hdr_first : (size_t)-1,
			page, out, nout, cap);
		first_page = 0;
		s = e;
	}
}

/* --- the lines of a table --- */

/* A page number alone at the top or bottom of a page. */
static int page_number(const bl_doc *doc, const tline *L)
{
	size_t li = L->li;
	if (L->nt != 1 || L->t[0].kind != T_NUM || !bl_tt_digits(L->t[0].s, 0) || strlen(L->t[0].s) > 3)
		return 0;
	return li + 1 >= doc->nlines || doc->lines[li + 1].page != doc->lines[li].page || li == 0 ||
	       doc->lines[li - 1].page != doc->lines[li].page;
}

/* The lines after the title on line ti, up to the next title, a note,
 * prose or a contents line, as tokens with their kinds (R->ls); returns
 * the first line after the table. */
static size_t region_lines(bl_doc *doc, region *R)
{
	size_t lcap = 256;
	tline *ls = bl_xcalloc(lcap, sizeof *ls);
	int nl = 0;
	size_t li = R->ti + 1, end = R->ti + 1;
	for (; li < doc->nlines && nl < MAX_REGION; li++) {
		if ((size_t)nl == lcap) {
			lcap *= 2;
			ls = bl_xrealloc(ls, lcap * sizeof *ls);
		}
		tline *L = &ls[nl];
		memset(L, 0, sizeof *L);
		L->li = li;
		L->nt = bl_tt_tokenize(doc, li, &L->t, &doc->arena);
		int stop = L->nt && (bl_tt_title_kind(doc, L) != BL_TABLE_KINDS || bl_tt_prose(L) ||
				     (L->nt == 1 && bl_tbl_numbering(L->t[0].s)) ||
				     (doc->lines[li].flags & BL_LINE_TOC));
		int note = L->nt && !stop && bl_tt_note(L);
		if (!L->nt || stop || note || page_number(doc, L)) {
			free(L->t);
			if (note)
				end = li;
			if (stop || note)
				break;
			continue;
		}
		L->kind = bl_tt_caption(L) || bl_tt_no_data(L) ? L_SKIP : bl_tt_classify(L);
		nl++;
		end = li + 1;
	}
	R->ls = ls;
	R->nl = nl;
	return end;
}

/* Does the region hold a table: laid out, with data or a caption? */
static int region_is_table(const region *R)
{
	int data = 0, caption = 0;
	for (int i = 0; i < R->nl; i++) {
		data |= R->ls[i].kind == L_DATA;
		caption |= bl_tt_caption(&R->ls[i]);
	}
	return laid_out(R->ls, R->nl) && (data || caption);
}

/* Reads the table whose title is on line ti; returns the first line after it. */
static size_t read_table(bl_doc *doc, size_t ti, grid **out, size_t *nout, size_t *cap)
{
	region R = {ti, NULL, 0, 0, 0, NULL, 0};
	size_t end = region_lines(doc, &R);
	if (region_is_table(&R)) {
		tbl T;
		memset(&T, 0, sizeof T);
		table_halves(doc, &T, &R);
		T.garbled = garbled(R.ls, R.nl);
		table_header(doc, &T, &R);
		table_pages(doc, &T, &R, out, nout, cap);
		for (int pi = 0; pi < T.nparts; pi++)
			for (int j = 0; j < T.parts[pi].nleaf; j++)
				bl_buf_release(&T.parts[pi].leaves[j].name);
		free(R.hl);
	}
	tline_free(R.ls, R.nl);
	free(R.ls);
	return end;
}

void bl_text_grids(bl_doc *doc, grid **out, size_t *nout, size_t *cap)
{
	bl_arena scratch = BL_ARENA_INIT; /* each line's tokens, read for a title only */
	for (size_t li = 0; li < doc->nlines; li++) {
		if (doc->lines[li].flags & (BL_LINE_BLANK | BL_LINE_TOC))
			continue;
		tline L = {li, 0, NULL, 0};
		L.nt = bl_tt_tokenize(doc, li, &L.t, &scratch);
		bl_table_kind k = bl_tt_title_kind(doc, &L);
		free(L.t);
		bl_arena_release(&scratch);
		if (k == BL_TABLE_KINDS || k == BL_TABLE_OTHER)
			continue;
		size_t before = *nout;
		size_t next = read_table(doc, li, out, nout, cap);
		for (size_t m = li; *nout > before && m < next && m < doc->nlines; m++)
			doc->lines[m].flags |= BL_LINE_TTABLE;
		if (next > li + 1)
			li = next - 1;
	}
}
