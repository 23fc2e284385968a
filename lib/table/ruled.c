/* ruled.c - grids from the ruling lines of PDF pages, and each character of
 * the page in the cell whose rules enclose it.
 *
 * A PDF table is read exactly where its borders are drawn: a character
 * belongs to the cell whose rules enclose it, whatever line the text layer
 * put it on. That is what places a figure printed a few points above its
 * row's baseline, and what joins a row label wrapped in its cell. */
#include <math.h>
#include <string.h>

#include "table/grid.h"

enum { MAX_GRID_LINES = 400 }; /* rows or columns of one grid */
#define NEAR 2.0f              /* rules closer than this (points) are one */

typedef struct seg {
	float a0, a1; /* extent along the line */
	float at;     /* y of a horizontal rule, x of a vertical one */
	int comp;
} seg;

/* One page's rules, joined, and the connected sets they form. */
typedef struct rules {
	seg *h, *v;
	size_t nh, nv;
	int *par; /* union-find over h then v */
} rules;

static int cmp_seg(const void *a, const void *b)
{
	const seg *x = a, *y = b;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return (x->a0 > y->a0) - (x->a0 < y->a0);
}

static int cmp_float(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;
	return (x > y) - (x < y);
}

/* Sorts and joins collinear pieces that touch: a border drawn cell by cell
 * becomes one line. */
static size_t merge_segs(seg *s, size_t n)
{
	if (!n)
		return 0;
	qsort(s, n, sizeof *s, cmp_seg);
	size_t m = 0;
	for (size_t i = 1; i < n; i++) {
		seg *last = &s[m];
		if (fabsf(s[i].at - last->at) <= 1.0f && s[i].a0 <= last->a1 + NEAR) {
			if (s[i].a1 > last->a1)
				last->a1 = s[i].a1;
		} else
			s[++m] = s[i];
	}
	return m + 1;
}

static int uf_find(int *p, int i)
{
	while (p[i] != i)
		i = p[i] = p[p[i]];
	return i;
}

/* Sorted distinct values, those within NEAR of each other taken as one. */
static int distinct(float *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_float);
	int m = 0;
	for (int i = 0; i < n; i++)
		if (m == 0 || v[i] - v[m - 1] > NEAR)
			v[m++] = v[i];
	return m;
}

static int find_band(const float *v, int n, float y)
{
	/* the interval [v[i], v[i+1]) holding y, or -1 */
	if (n < 2 || y < v[0] || y >= v[n - 1])
		return -1;
	int lo = 0, hi = n - 1;
	while (hi - lo > 1) {
		int mid = (lo + hi) / 2;
		if (v[mid] <= y)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Splits the page's rules into horizontal and vertical ones, joins their
 * pieces and connects the rules that touch. 0 when too few for a grid. */
static int page_rules(const bl_geom *geo, int p, rules *r)
{
	const bl_pageinfo *pi = &geo->pages[p];
	if (pi->nrules < 4)
		return 0;
	r->h = bl_xmalloc((size_t)pi->nrules * sizeof *r->h);
	r->v = bl_xmalloc((size_t)pi->nrules * sizeof *r->v);
	r->nh = r->nv = 0;
	for (int i = 0; i < pi->nrules; i++) {
		const bl_ruling *ru = &geo->rules[pi->rule0 + (size_t)i];
		if (ru->y0 == ru->y1)
			r->h[r->nh++] = (seg){ru->x0, ru->x1, ru->y0, 0};
		else
			r->v[r->nv++] = (seg){ru->y0, ru->y1, ru->x0, 0};
	}
	r->nh = merge_segs(r->h, r->nh);
	r->nv = merge_segs(r->v, r->nv);
	size_t n = r->nh + r->nv, nh = r->nh;
	seg *h = r->h, *v = r->v;
	int *par = r->par = bl_xmalloc((n ? n : 1) * sizeof *par);
	for (size_t i = 0; i < n; i++)
		par[i] = (int)i;
	for (size_t i = 0; i < nh; i++)
		for (size_t j = 0; j < r->nv; j++)
			if (v[j].at >= h[i].a0 - NEAR && v[j].at <= h[i].a1 + NEAR &&
			    h[i].at >= v[j].a0 - NEAR && h[i].at <= v[j].a1 + NEAR) {
				int a = uf_find(par, (int)i), b = uf_find(par, (int)(nh + j));
				if (a != b)
					par[a] = b;
			}
	for (size_t i = 0; i < nh; i++)
		h[i].comp = uf_find(par, (int)i);
	for (size_t j = 0; j < r->nv; j++)
		v[j].comp = uf_find(par, (int)(nh + j));
	return 1;
}

/* The extent of one connected set, and how many rules of each direction
 * it has. */
static void comp_bounds(const rules *r, int root, int *ch, int *cv, float box[4])
{
	float x0 = 1e9f, x1 = -1e9f, y0 = 1e9f, y1 = -1e9f;
	*ch = *cv = 0;
	for (size_t i = 0; i < r->nh; i++)
		if (r->h[i].comp == root) {
			(*ch)++;
			x0 = fminf(x0, r->h[i].a0);
			x1 = fmaxf(x1, r->h[i].a1);
			y0 = fminf(y0, r->h[i].at);
			y1 = fmaxf(y1, r->h[i].at);
		}
	for (size_t j = 0; j < r->nv; j++)
		if (r->v[j].comp == root) {
			(*cv)++;
			x0 = fminf(x0, r->v[j].at);
			x1 = fmaxf(x1, r->v[j].at);
			y0 = fminf(y0, r->v[j].a0);
			y1 = fmaxf(y1, r->v[j].a1);
		}
	box[0] = x0;
	box[1] = y0;
	box[2] = x1;
	box[3] = y1;
}

/* A header cell goes on into the band below where no horizontal rule
 * crosses the column's middle at the band's top. */
static void grid_open(grid *g, const rules *r, int root)
{
	for (int b = 1; b < g->nb; b++)
		for (int c = 0; c < g->nc; c++) {
			float mid = (g->xs[c] + g->xs[c + 1]) / 2;
			int present = 0;
			for (size_t i = 0; i < r->nh && !present; i++)
				present = r->h[i].comp == root && fabsf(r->h[i].at - g->ys[b]) <= NEAR &&
					  r->h[i].a0 <= mid && r->h[i].a1 >= mid;
			g->open[b * g->nc + c] = !present;
		}
}

/* A separator is present in a band when a vertical rule crosses the band's
 * middle; a cell without one on its left is merged with its neighbour. */
static void grid_starts(grid *g, const rules *r, int root)
{
	for (int b = 0; b < g->nb; b++) {
		float mid = (g->ys[b] + g->ys[b + 1]) / 2;
		int s = 0;
		for (int c = 0; c < g->nc; c++) {
			if (c > 0) {
				int present = 0;
				for (size_t j = 0; j < r->nv && !present; j++)
					present = r->v[j].comp == root &&
						  fabsf(r->v[j].at - g->xs[c]) <= NEAR && r->v[j].a0 <= mid &&
						  r->v[j].a1 >= mid;
				if (present)
					s = c;
			}
			g->start[b * g->nc + c] = s;
		}
	}
}

/* The grid of one connected set with at least two horizontal rules and
 * one vertical rule: its distinct rule positions give bands and columns. */
static void comp_grid(const rules *r, int root, int page, grid **out, size_t *nout, size_t *cap)
{
	int ch, cv;
	float box[4];
	comp_bounds(r, root, &ch, &cv, box);
	if (ch < 2 || cv < 1 || ch + 2 > MAX_GRID_LINES || cv + 2 > MAX_GRID_LINES)
		return;
	grid *g = BL_PUSH(*out, *nout, *cap);
	memset(g, 0, sizeof *g);
	g->page = page;
	g->ys = bl_xmalloc((size_t)(ch + 2) * sizeof *g->ys);
	g->xs = bl_xmalloc((size_t)(cv + 2) * sizeof *g->xs);
	int ny = 0, nx = 0;
	g->ys[ny++] = box[1];
	g->ys[ny++] = box[3];
	g->xs[nx++] = box[0];
	g->xs[nx++] = box[2];
	for (size_t i = 0; i < r->nh; i++)
		if (r->h[i].comp == root)
			g->ys[ny++] = r->h[i].at;
	for (size_t j = 0; j < r->nv; j++)
		if (r->v[j].comp == root)
			g->xs[nx++] = r->v[j].at;
	ny = distinct(g->ys, ny);
	nx = distinct(g->xs, nx);
	g->nb = ny - 1;
	g->nc = nx - 1;
	size_t cells = (size_t)g->nb * (size_t)g->nc;
	g->start = bl_xmalloc(cells * sizeof *g->start);
	g->open = bl_xcalloc(cells, 1);
	grid_open(g, r, root);
	g->text = bl_xcalloc(cells, sizeof *g->text);
	g->pos = bl_xcalloc(cells, sizeof *g->pos);
	g->box = bl_xcalloc(cells, sizeof *g->box);
	g->lastline = bl_xcalloc(cells, sizeof *g->lastline);
	for (size_t i = 0; i < cells; i++)
		g->text[i] = (bl_buf)BL_BUF_INIT(1 << 16);
	grid_starts(g, r, root);
}

/* Builds grids from one page's rules: each connected set of horizontal and
 * vertical rules with at least two of each is a grid. */
static void page_grids(const bl_geom *geo, int p, grid **out, size_t *nout, size_t *cap)
{
	rules r = {NULL, NULL, 0, 0, NULL};
	if (!page_rules(geo, p, &r))
		return;
	for (size_t root = 0; root < r.nh + r.nv; root++)
		if (uf_find(r.par, (int)root) == (int)root)
			comp_grid(&r, (int)root, p + 1, out, nout, cap);
	free(r.par);
	free(r.h);
	free(r.v);
}

/* Puts each character of the page's lines into the cell whose rules hold
 * its centre. */
static void grid_fill(const bl_doc *doc, grid *g)
{
	const bl_geom *geo = doc->geom;
	float top = g->ys[0], bottom = g->ys[g->nb], left = g->xs[0], right = g->xs[g->nc];
	g->first_line = (size_t)-1;
	for (size_t li = 0; li < doc->nlines && li < geo->nlines; li++) {
		const bl_line *l = &doc->lines[li];
		if (l->page != g->page)
			continue;
		const bl_lgeom *lg = &geo->lines[li];
		float ymid = (lg->y0 + lg->y1) / 2;
		if (ymid < top || ymid > bottom)
			continue;
		int b = find_band(g->ys, g->nb + 1, ymid);
		if (b < 0)
			continue;
		size_t off = l->off;
		int inside = 0;
		for (uint32_t k = 0; k < lg->n && off < l->off + l->len; k++) {
			int len;
			uint32_t c = bl_utf8_decode(doc->bytes + off, l->off + l->len - off, &len);
			float cx0 = geo->x0[lg->first + k], cx1 = geo->x1[lg->first + k];
			size_t here = off;
			off += (size_t)len;
			if (cx0 < 0 || c == ' ' || c == '\f')
				continue;
			float xm = (cx0 + cx1) / 2;
			if (xm < left || xm > right)
				continue;
			int col = find_band(g->xs, g->nc + 1, xm);
			if (col < 0)
				continue;
			inside = 1;
			size_t ci = (size_t)b * (size_t)g->nc + (size_t)g->start[b * g->nc + col];
			bl_buf *t = &g->text[ci];
			if (t->n == 0) {
				g->pos[ci] = (bl_pos){l->page, (int)li + 1, (int)k + 1};
				g->box[ci] = (bl_box){cx0, lg->y0, cx1, lg->y1};
			} else {
				/* a space where the text layer had a gap on the same line, or
				 * between wrapped pieces that are not CJK */
				int len2;
				size_t pb = t->n;
				while (pb > 0 && ((unsigned char)t->p[pb - 1] & 0xC0) == 0x80)
					pb--;
				if (pb > 0)
					pb--;
				uint32_t prev = bl_utf8_decode(t->p + pb, t->n - pb, &len2);
				int gap = g->lastline[ci] == (int)li + 1
						  ? (k > 0 && geo->x0[lg->first + k - 1] < 0)
						  : !(bl_cp_width(prev) == 2 || bl_cp_width(c) == 2);
				if (gap && prev != ' ')
					bl_buf_putc(t, ' ');
				bl_box *bx = &g->box[ci];
				bx->x0 = fminf(bx->x0, cx0);
				bx->x1 = fmaxf(bx->x1, cx1);
				bx->y0 = fminf(bx->y0, lg->y0);
				bx->y1 = fmaxf(bx->y1, lg->y1);
			}
			g->lastline[ci] = (int)li + 1;
			bl_buf_put(t, doc->bytes + here, (size_t)len);
		}
		if (inside) {
			if (g->first_line == (size_t)-1)
				g->first_line = li;
			g->last_line = li;
		}
	}
}

void bl_ruled_grids(bl_doc *doc, grid **out, size_t *nout, size_t *cap)
{
	for (int p = 0; doc->geom && p < doc->geom->npages; p++) {
		size_t before = *nout;
		page_grids(doc->geom, p, out, nout, cap);
		grid *gs = *out;
		for (size_t i = before; i < *nout; i++)
			grid_fill(doc, &gs[i]);
		/* reading order on the page: top to bottom */
		for (size_t i = before + 1; i < *nout; i++)
			for (size_t j = i; j > before && gs[j].ys[0] < gs[j - 1].ys[0]; j--) {
				grid t = gs[j];
				gs[j] = gs[j - 1];
				gs[j - 1] = t;
			}
	}
}
