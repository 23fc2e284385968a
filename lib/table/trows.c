/* trows.c - the rows of a table printed as laid-out text: its figures
 * grouped into columns (right-aligned, so by right edge) and given a leaf
 * column each, then its lines into rows, with figures standing on a line of
 * their own and label pieces wrapped above or below attached to their row.
 * A figure whose row or column cannot be told for sure is a doubt. */
#include <math.h>
#include <string.h>

#include "table/ttable.h"

#define DOUBT_MARGIN 2.0 /* characters between the best column and the next best */

/* --- figures to columns --- */

/* The cheapest order-keeping assignment of k clusters to n leaves, by
 * distance of centres; with fixc >= 0, cluster fixc must take leaf fixl. */
static double assign(const cluster *cl, int k, const leaf *lv, int n, int fixc, int fixl, int *map)
{
	static const double inf = 1e18;
	double dp[MAX_CLUSTERS + 1][MAX_LEAVES + 1]; /* clusters i.. on leaves j.. */
	for (int j = 0; j <= n; j++)
		dp[k][j] = 0;
	for (int i = k - 1; i >= 0; i--) {
		dp[i][n] = inf;
		for (int j = n - 1; j >= 0; j--) {
			double skip = dp[i][j + 1], take = inf;
			if (fixc != i || fixl == j)
				take = fabs(cl[i].c - leaf_center(&lv[j])) + dp[i + 1][j + 1];
			dp[i][j] = take < skip ? take : skip;
		}
	}
	for (int i = 0, j = 0; map && i < k && j < n; j++)
		if ((fixc != i || fixl == j) && dp[i + 1][j + 1] < inf &&
		    fabs(fabs(cl[i].c - leaf_center(&lv[j])) + dp[i + 1][j + 1] - dp[i][j]) < 1e-9)
			map[i++] = j;
	return dp[0][0];
}

/* Groups the figures of one part by right edge (figures are right-aligned),
 * left to right. */

int bl_tt_clusters(tline *ls, int nl, int pi, cluster *cl)
{
	int k = 0;
	for (int i = 0; i < nl; i++) {
		if (ls[i].kind != L_DATA)
			continue;
		for (int j = 0; j < ls[i].nt; j++) {
			tok *t = &ls[i].t[j];
			if (t->kind != T_NUM || t->part != pi)
				continue;
			int at = -1;
			for (int c = 0; c < k; c++)
				if (t->x1 >= cl[c].lo - 2 && t->x1 <= cl[c].hi + 2)
					at = c;
			if (at < 0) {
				if (k == MAX_CLUSTERS)
					continue;
				at = k++;
				cl[at] = (cluster){t->x1, t->x1, 0, 0, -1, 0};
			}
			cluster *c = &cl[at];
			c->c = (c->c * c->n + (t->x0 + t->x1) / 2.0) / (c->n + 1);
			c->n++;
			if (t->x1 < c->lo)
				c->lo = t->x1;
			if (t->x1 > c->hi)
				c->hi = t->x1;
		}
	}
	for (int i = 1; i < k; i++)
		for (int j = i; j > 0 && cl[j].hi < cl[j - 1].hi; j--) {
			cluster x = cl[j];
			cl[j] = cl[j - 1];
			cl[j - 1] = x;
		}
	return k;
}

/* Gives each figure group of one part of a segment a leaf column: in
 * order when the counts agree (or the page goes on from the last one), else
 * the nearest by position, a doubt when another column is nearly as near. */
int bl_tt_map_figures(tline *ls, int nl, int pi, part *P, cluster *cl, int has_header)
{
	int k = bl_tt_clusters(ls, nl, pi, cl);
	int map[MAX_CLUSTERS];
	if (!has_header && P->nprev == k) {
		for (int i = 0; i < k; i++)
			cl[i].leaf = P->prev_map[i];
	} else if (k == P->nleaf) {
		for (int i = 0; i < k; i++)
			cl[i].leaf = i;
	} else if (k < P->nleaf) {
		double best = assign(cl, k, P->leaves, P->nleaf, -1, -1, map);
		for (int i = 0; i < k; i++) {
			cl[i].leaf = map[i];
			/* the same figures one column over, at nearly the same cost */
			for (int j = 0; j < P->nleaf; j++)
				if (j != map[i] &&
				    assign(cl, k, P->leaves, P->nleaf, i, j, NULL) - best < DOUBT_MARGIN)
					cl[i].doubt = 1;
		}
	} else {
		/* more figure columns than the header names: none can be placed */
		for (int i = 0; i < k; i++) {
			cl[i].leaf = i < P->nleaf ? i : P->nleaf - 1;
			cl[i].doubt = 1;
		}
	}
	P->nprev = k;
	for (int i = 0; i < k; i++)
		P->prev_map[i] = cl[i].leaf;
	return k;
}

static int cluster_of(const cluster *cl, int k, const tok *t)
{
	for (int c = 0; c < k; c++)
		if (t->x1 >= cl[c].lo && t->x1 <= cl[c].hi)
			return c;
	return -1;
}

/* --- rows --- */

/* A figure on a line of its own, waiting for its row. */
typedef struct pend {
	const tok *t;
	bl_pos pos;
	int leaf, doubt;
} pend;

static void row_put_label(trow *r, const tok *t, bl_pos pos, int front)
{
	if (front) {
		bl_buf nb = BL_BUF_INIT((size_t)1 << 16);
		bl_buf_put(&nb, t->s, strlen(t->s));
		bl_buf_put(&nb, r->label.p, r->label.n);
		bl_buf_release(&r->label);
		r->label = nb;
		r->lpos = pos;
	} else {
		if (!r->label.n)
			r->lpos = pos;
		bl_buf_put(&r->label, t->s, strlen(t->s));
		r->lwidth = t->x1 - t->x0;
	}
}

/* Is the table's label printed centred in its cell (pieces above and below
 * the row's line) rather than from the top? A code line without a label
 * between two lines of text says so. */
static int centred(tline *ls, int nl, int pi)
{
	for (int i = 1; i + 1 < nl; i++) {
		if (ls[i].kind != L_DATA)
			continue;
		int code = 0, text = 0;
		for (int j = 0; j < ls[i].nt; j++)
			if (ls[i].t[j].part == pi) {
				code |= ls[i].t[j].kind == T_CODE;
				text |= ls[i].t[j].kind == T_TEXT;
			}
		if (!code || text)
			continue;
		int a = i - 1, b = i + 1;
		while (a > 0 && ls[a].kind == L_SKIP)
			a--;
		while (b + 1 < nl && ls[b].kind == L_SKIP)
			b++;
		int ta = 0, tb = 0;
		for (int j = 0; j < ls[a].nt; j++)
			ta |= ls[a].kind == L_TEXT && ls[a].t[j].part == pi;
		for (int j = 0; j < ls[b].nt; j++)
			tb |= ls[b].kind == L_TEXT && ls[b].t[j].part == pi;
		if (ta && tb)
			return 1;
	}
	return 0;
}

/* Puts pending figures into row r where their columns are free. */
static int take_figures(trow *r, const pend *pf, int np)
{
	for (int i = 0; i < np; i++)
		if (r->cell[pf[i].leaf])
			return 0;
	return 1;
}

static void put_figures(trow *r, const pend *pf, int np, int doubt)
{
	for (int i = 0; i < np; i++) {
		r->cell[pf[i].leaf] = pf[i].t;
		r->cpos[pf[i].leaf] = pf[i].pos;
		r->doubt[pf[i].leaf] = (char)(pf[i].doubt || doubt);
	}
}

/* Reading the rows of one part of a segment. */
typedef struct rowst {
	tline *ls;
	int nl, pi;
	const cluster *cl;
	int k;
	rows *out;
	size_t first; /* the part's first row in out */
	int mid;      /* labels printed centred in their cells */
	int has_code, maxw;
	pend pf[MAX_LEAVES]; /* figures standing alone, for the next row */
	int np;
	const tok *pt[64]; /* label pieces on lines of their own */
	bl_pos ptpos[64];
	int npt;
} rowst;

static trow *last_row(const rowst *S)
{
	return S->out->n > S->first ? &S->out->v[S->out->n - 1] : NULL;
}

static trow *row_new(rowst *S, bl_pos lpos)
{
	trow *r = BL_PUSH(S->out->v, S->out->n, S->out->cap);
	memset(r, 0, sizeof *r);
	r->code = (bl_buf)BL_BUF_INIT(64);
	r->label = (bl_buf)BL_BUF_INIT((size_t)1 << 16);
	r->lpos = lpos;
	return r;
}

/* Does the part have codes, and how wide is its widest piece of text? */
static void part_shape(rowst *S)
{
	for (int i = 0; i < S->nl; i++)
		for (int j = 0; j < S->ls[i].nt; j++) {
			const tok *t = &S->ls[i].t[j];
			if (t->part != S->pi)
				continue;
			S->has_code |= t->kind == T_CODE;
			if (t->kind == T_TEXT && t->x1 - t->x0 > S->maxw)
				S->maxw = t->x1 - t->x0;
		}
}

/* Is a line of text without code or figure a row of its own (else the
 * pieces of a label)? total: it holds 合计 alone. */
static int text_is_row(const rowst *S, const tline *L, int total)
{
	int row = L->kind == L_DATA && total; /* 合计 alone: a row whose figures stand elsewhere */
	if (!S->has_code && !row) {
		/* a table without codes has a row on every line of text, but
		 * for the rest of a label too long for its cell */
		const trow *prev = last_row(S);
		const tok *t = NULL;
		for (int j = 0; j < L->nt && !t; j++)
			if (L->t[j].part == S->pi && L->t[j].kind == T_TEXT)
				t = &L->t[j];
		row = !(prev && t && !bl_tbl_enumer(t->s) && prev->lwidth >= S->maxw - 1);
	}
	return row;
}

/* Keeps the label pieces of a line of text for the row they belong to. */
static void keep_pieces(rowst *S, const tline *L, int page)
{
	for (int j = 0; j < L->nt && S->npt < 64; j++) {
		const tok *t = &L->t[j];
		if (t->part == S->pi && t->kind == T_TEXT && !bl_tbl_header_word(t->s) &&
		    !(S->has_code && (bl_tbl_label_head(t->s) || bl_tbl_column_word(t->s)))) {
			S->ptpos[S->npt] = (bl_pos){page, (int)L->li + 1, t->x0 + 1};
			S->pt[S->npt++] = t;
		}
	}
}

/* Figures alone on a line: for the next row, or the last one. */
static void pend_figures(rowst *S, const tline *L, int page)
{
	const cluster *cl = S->cl;
	for (int j = 0; j < L->nt; j++) {
		const tok *t = &L->t[j];
		int c = t->part == S->pi && t->kind == T_NUM ? cluster_of(cl, S->k, t) : -1;
		if (c < 0 || cl[c].leaf < 0 || S->np == MAX_LEAVES)
			continue;
		int dup = 0;
		for (int q = 0; q < S->np; q++)
			dup |= S->pf[q].leaf == cl[c].leaf;
		if (dup) { /* two figures for one column: the first goes to the last row or is a doubt */
			trow *prev = last_row(S);
			if (prev && take_figures(prev, S->pf, S->np))
				put_figures(prev, S->pf, S->np, 1);
			S->np = 0;
		}
		S->pf[S->np++] = (pend){t, {page, (int)L->li + 1, t->x0 + 1}, cl[c].leaf, cl[c].doubt};
	}
}

/* Puts the line's code, label and figures of the part into row r. */
static void row_put_line(const rowst *S, trow *r, const tline *L, int page)
{
	const cluster *cl = S->cl;
	for (int j = 0; j < L->nt; j++) {
		const tok *t = &L->t[j];
		bl_pos pos = {page, (int)L->li + 1, t->x0 + 1};
		if (t->part != S->pi)
			continue;
		if (t->kind == T_CODE) {
			if (!r->code.n)
				r->lpos = pos;
			if (r->code.n && strlen(t->s) == 1) /* 款 2 is 02 */
				bl_buf_putc(&r->code, '0');
			bl_buf_put(&r->code, t->s, strlen(t->s));
		} else if (t->kind == T_TEXT) {
			if (bl_tbl_text_head_word(t->s))
				continue;
			row_put_label(r, t, pos, 0);
			r->own = 1;
			r->lwidth = t->x1 - t->x0;
		} else {
			int c = cluster_of(cl, S->k, t);
			if (c < 0 || cl[c].leaf < 0)
				continue; /* no column to put it in */
			r->cell[cl[c].leaf] = t;
			r->cpos[cl[c].leaf] = pos;
			r->doubt[cl[c].leaf] = (char)cl[c].doubt;
		}
	}
}

/* Gives the label pieces and the figures kept since the last row to it or
 * to the new row r, by the way the table prints its labels. */
static void row_attach(rowst *S, trow *r)
{
	trow *prev = S->out->n - 1 > S->first ? &S->out->v[S->out->n - 2] : NULL;
	int s = 0, npt = S->npt, np = S->np;
	if (prev)
		s = !S->mid ? npt : prev->above < npt ? prev->above : npt;
	else if (!S->mid && r->own)
		s = npt; /* nothing above the first row belongs to it */
	for (int q = 0; q < s && prev; q++)
		row_put_label(prev, S->pt[q], S->ptpos[q], 0);
	for (int q = npt; q-- > s;)
		row_put_label(r, S->pt[q], S->ptpos[q], 1);
	r->above = npt - s;
	S->npt = 0;
	/* figures that stood alone before this row */
	if (np) {
		int here = take_figures(r, S->pf, np), there = prev && take_figures(prev, S->pf, np);
		if (here)
			put_figures(r, S->pf, np, there && prev->own && r->own && np < S->k);
		else if (there)
			put_figures(prev, S->pf, np, 0);
		else
			put_figures(r, S->pf, np, 1); /* nowhere free: kept, as a doubt */
		S->np = 0;
	}
}

/* A line with a code, or a label with figures (or a row of text): a row,
 * or the rest of the row before when that was a code on a line of its own
 * (its label and figures on the next). */
static void row_line(rowst *S, const tline *L, int page, int code)
{
	trow *bare = last_row(S);
	int merge = !code && bare && bare->code.n && !bare->label.n && !S->npt && !S->np;
	for (int q = 0; merge && q < MAX_LEAVES; q++)
		merge = !bare->cell[q];
	trow *r = merge ? bare : row_new(S, (bl_pos){page, (int)L->li + 1, 1});
	row_put_line(S, r, L, page);
	if (!merge)
		row_attach(S, r);
}

/* What is left at the end of the part goes to its last row. */
static void rows_end(rowst *S)
{
	if (S->np && S->out->n == S->first)
		row_new(S,
			S->pf[0].pos); /* figures with no row at all (a table of one line without a label) */
	trow *last = last_row(S);
	if (!last)
		return;
	for (int q = 0; q < S->npt; q++)
		row_put_label(last, S->pt[q], S->ptpos[q], 0);
	if (S->np)
		put_figures(last, S->pf, S->np, !take_figures(last, S->pf, S->np));
}

/* The rows of one part of a segment: each line with a code, a label or
 * figures, with figures standing alone attached to the row that has their
 * columns free, and label pieces on lines of their own attached above or
 * below by the way the table prints its labels. */
void bl_tt_part_rows(bl_doc *doc, tline *ls, int nl, int pi, const cluster *cl, int k, rows *out)
{
	rowst S;
	memset(&S, 0, sizeof S);
	S.ls = ls;
	S.nl = nl;
	S.pi = pi;
	S.cl = cl;
	S.k = k;
	S.out = out;
	S.first = out->n;
	S.mid = centred(ls, nl, pi);
	part_shape(&S);
	for (int i = 0; i < nl; i++) {
		tline *L = &ls[i];
		if (L->kind == L_SKIP)
			continue;
		int page = doc->lines[L->li].page;
		int code = 0, num = 0, text = 0, total = 0;
		for (int j = 0; j < L->nt; j++) {
			const tok *t = &L->t[j];
			if (t->part != pi)
				continue;
			code |= t->kind == T_CODE;
			num |= t->kind == T_NUM;
			if (t->kind == T_TEXT && !bl_tbl_text_head_word(t->s)) {
				text = 1;
				total |= bl_tbl_total_word(t->s);
			}
		}
		if (!code && !num && !text)
			continue;
		if (!code && !num && !text_is_row(&S, L, total))
			keep_pieces(&S, L, page);
		else if (!code && !text)
			pend_figures(&S, L, page);
		else
			row_line(&S, L, page, code);
	}
	rows_end(&S);
}
