/* pdf.c - a PDF's text layer as lines in reading order, each code point with
 * its box; running headers, footers and page numbers kept out of the text;
 * pages whose text layer is missing or garbage detected, not parsed.
 *
 * The only file that uses MuPDF, and so the only one with fz_try.
 *
 * Lines are rebuilt from characters, not taken from MuPDF's blocks: every
 * character on a page is placed by its baseline, characters sharing a
 * baseline form one line across the whole width (so a table row is one
 * line whatever the cell blocks were), and horizontal gaps become spaces in
 * proportion to their width (so table columns stay apart, as with
 * pdftotext -layout). */
#include <math.h>
#include <mupdf/fitz.h>
#include <string.h>
#include <unistd.h>

#include "../internal.h"

enum {
	MAX_PAGES = 5000,
	MAX_CHARS_PER_PAGE = 400000,
};

typedef struct pchar {
	uint32_t c;
	float x0, x1, y0, y1; /* box */
	float base;           /* baseline y */
	float size;
	int space_before; /* a space character of the text layer stood before it */
	int ocr;          /* read from the page image */
} pchar;

typedef struct prow {
	size_t first, n; /* into the page's char array */
	float y0, y1, x0, size;
	int drop; /* header, footer or page number */
	char *norm; /* text with digits folded, for spotting running headers */
} prow;

typedef struct page_rows {
	pchar *ch;
	size_t nch, chcap;
	prow *rows;
	size_t nrows, rowcap;
} page_rows;

/* MuPDF's own messages would interleave with our output; what matters
 * reaches the caller as a status, a diag or a per-page state instead. */
static void quiet(void *user, const char *message)
{
	(void)user;
	(void)message;
}

/* A code point that a sound text layer of a Chinese disclosure does not yield:
 * the replacement character, private use (unmapped glyphs), controls, and the
 * Latin-1 letters that garbage mappings produce. */
static int is_garbage(uint32_t c)
{
	if (c == 0xFFFD || (c >= 0xE000 && c <= 0xF8FF) || c < 0x20 || (c >= 0x7F && c < 0xA0))
		return 1;
	if (c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7)
		return 1;
	return 0;
}

static int cmp_base(const void *a, const void *b)
{
	const pchar *x = a, *y = b;
	if (x->base != y->base)
		return x->base < y->base ? -1 : 1;
	return (x->x0 > y->x0) - (x->x0 < y->x0);
}

static int cmp_x(const void *a, const void *b)
{
	const pchar *x = a, *y = b;
	return (x->x0 > y->x0) - (x->x0 < y->x0);
}

/* Collects the page's horizontal characters; counts garbage and large images. */
static void collect(fz_stext_page *tp, fz_rect mb, page_rows *pr, bl_pageinfo *pi)
{
	float page_area = (mb.x1 - mb.x0) * (mb.y1 - mb.y0);
	for (fz_stext_block *b = tp->first_block; b; b = b->next) {
		if (b->type == FZ_STEXT_BLOCK_IMAGE) {
			fz_rect r = fz_intersect_rect(b->bbox, mb);
			if (!fz_is_empty_rect(r) && (r.x1 - r.x0) * (r.y1 - r.y0) > page_area / 4)
				pi->nimages++;
			continue;
		}
		if (b->type != FZ_STEXT_BLOCK_TEXT)
			continue;
		for (fz_stext_line *l = b->u.t.first_line; l; l = l->next) {
			if (l->wmode != 0 || l->dir.x < 0.9f || fabsf(l->dir.y) > 0.2f)
				continue; /* vertical or rotated text: a stamp, a watermark */
			int pending_space = 0;
			for (fz_stext_char *c = l->first_char; c; c = c->next) {
				fz_rect r = fz_rect_from_quad(c->quad);
				if (r.x1 < mb.x0 || r.x0 > mb.x1 || r.y1 < mb.y0 || r.y0 > mb.y1)
					continue; /* outside the page */
				if (c->c == ' ' || c->c == 0xA0 || c->c == 0x3000 || c->c == '\t') {
					pending_space = 1;
					continue;
				}
				pi->nchars++;
				if (is_garbage((uint32_t)c->c))
					pi->nbad++;
				if (pr->nch >= MAX_CHARS_PER_PAGE) {
					pi->overflow = 1;
					continue;
				}
				pchar *p = BL_PUSH(pr->ch, pr->nch, pr->chcap);
				p->c = (uint32_t)c->c;
				p->x0 = r.x0 - mb.x0;
				p->x1 = r.x1 - mb.x0;
				p->y0 = r.y0 - mb.y0;
				p->y1 = r.y1 - mb.y0;
				p->base = c->origin.y - mb.y0;
				p->size = c->size > 0 ? c->size : (r.y1 - r.y0);
				if (p->size <= 0)
					p->size = 1;
				p->space_before = pending_space;
				pending_space = 0;
			}
		}
	}
}

/* Ruling lines. Tables are drawn with stroked lines (one segment per
 * border) or, by Word, with thin filled rectangles; both become bl_ruling.
 * Curves, thick strokes and filled areas are decoration, not borders. */
enum { MAX_RULES_PER_PAGE = 20000 };
#define RULE_THIN 2.5f /* a filled rectangle this thin is a line */
#define RULE_MIN 3.0f  /* and at least this long */

typedef struct rules_dev {
	fz_device super;
	bl_geom *g;
	fz_rect mb;
	int n;
} rules_dev;

typedef struct rules_walk {
	rules_dev *d;
	fz_matrix m;
	int fill;
	fz_point start, cur;
	fz_rect box; /* of the current subpath, for fills */
	int npts;
} rules_walk;

static void rule_add(rules_dev *d, float x0, float y0, float x1, float y1)
{
	if (d->n >= MAX_RULES_PER_PAGE)
		return;
	if (x0 > x1) {
		float t = x0;
		x0 = x1;
		x1 = t;
	}
	if (y0 > y1) {
		float t = y0;
		y0 = y1;
		y1 = t;
	}
	int horiz = y1 - y0 <= RULE_THIN && x1 - x0 >= RULE_MIN;
	int vert = x1 - x0 <= RULE_THIN && y1 - y0 >= RULE_MIN;
	if (!horiz && !vert)
		return;
	bl_ruling *r = BL_PUSH(d->g->rules, d->g->nrules, d->g->rules_cap);
	r->x0 = x0 - d->mb.x0;
	r->x1 = x1 - d->mb.x0;
	r->y0 = y0 - d->mb.y0;
	r->y1 = y1 - d->mb.y0;
	if (horiz)
		r->y0 = r->y1 = (r->y0 + r->y1) / 2;
	else
		r->x0 = r->x1 = (r->x0 + r->x1) / 2;
	d->n++;
}

static void walk_point(rules_walk *w, fz_point p)
{
	if (w->npts++ == 0)
		w->box = fz_make_rect(p.x, p.y, p.x, p.y);
	else
		w->box = fz_include_point_in_rect(w->box, p);
}

static void walk_flush(rules_walk *w)
{
	if (w->fill && w->npts > 1)
		rule_add(w->d, w->box.x0, w->box.y0, w->box.x1, w->box.y1);
	w->npts = 0;
}

static void walk_moveto(fz_context *ctx, void *arg, float x, float y)
{
	(void)ctx;
	rules_walk *w = arg;
	walk_flush(w);
	w->start = w->cur = fz_transform_point_xy(x, y, w->m);
	walk_point(w, w->cur);
}

static void walk_lineto(fz_context *ctx, void *arg, float x, float y)
{
	(void)ctx;
	rules_walk *w = arg;
	fz_point p = fz_transform_point_xy(x, y, w->m);
	if (!w->fill)
		rule_add(w->d, w->cur.x, w->cur.y, p.x, p.y);
	walk_point(w, p);
	w->cur = p;
}

static void walk_curveto(fz_context *ctx, void *arg, float x1, float y1, float x2, float y2, float x3,
			 float y3)
{
	(void)ctx;
	(void)x1;
	(void)y1;
	(void)x2;
	(void)y2;
	rules_walk *w = arg;
	w->cur = fz_transform_point_xy(x3, y3, w->m);
	w->npts = -1000; /* a curved outline is not a line */
}

static void walk_close(fz_context *ctx, void *arg)
{
	(void)ctx;
	rules_walk *w = arg;
	if (!w->fill)
		rule_add(w->d, w->cur.x, w->cur.y, w->start.x, w->start.y);
	w->cur = w->start;
}

static void walk_rectto(fz_context *ctx, void *arg, float x0, float y0, float x1, float y1)
{
	(void)ctx;
	rules_walk *w = arg;
	walk_flush(w);
	fz_point a = fz_transform_point_xy(x0, y0, w->m), b = fz_transform_point_xy(x1, y0, w->m);
	fz_point c = fz_transform_point_xy(x1, y1, w->m), e = fz_transform_point_xy(x0, y1, w->m);
	if (w->fill) {
		walk_point(w, a);
		walk_point(w, b);
		walk_point(w, c);
		walk_point(w, e);
		walk_flush(w);
	} else {
		rule_add(w->d, a.x, a.y, b.x, b.y);
		rule_add(w->d, b.x, b.y, c.x, c.y);
		rule_add(w->d, c.x, c.y, e.x, e.y);
		rule_add(w->d, e.x, e.y, a.x, a.y);
	}
	w->start = w->cur = a;
}

static void walk_path(fz_context *ctx, rules_dev *d, const fz_path *path, fz_matrix m, int fill)
{
	static const fz_path_walker walker = {walk_moveto, walk_lineto, walk_curveto, walk_close,
					      NULL,        NULL,        NULL,         walk_rectto};
	rules_walk w = {d, m, fill, {0, 0}, {0, 0}, {0, 0, 0, 0}, 0};
	fz_walk_path(ctx, path, &walker, &w);
	walk_flush(&w);
}

static void rules_fill(fz_context *ctx, fz_device *dev, const fz_path *path, int even_odd, fz_matrix m,
		       fz_colorspace *cs, const float *color, float alpha, fz_color_params cp)
{
	(void)even_odd;
	(void)cs;
	(void)color;
	(void)cp;
	if (alpha > 0.1f)
		walk_path(ctx, (rules_dev *)dev, path, m, 1);
}

static void rules_stroke(fz_context *ctx, fz_device *dev, const fz_path *path, const fz_stroke_state *ss,
			 fz_matrix m, fz_colorspace *cs, const float *color, float alpha, fz_color_params cp)
{
	(void)cs;
	(void)color;
	(void)cp;
	if (alpha > 0.1f && ss->linewidth * fz_matrix_expansion(m) <= RULE_THIN)
		walk_path(ctx, (rules_dev *)dev, path, m, 0);
}

/* Runs the page once more through a device that keeps only ruling lines. */
static void collect_rules(fz_context *ctx, fz_page *page, fz_rect mb, bl_geom *g, bl_pageinfo *pi)
{
	rules_dev *d = fz_new_derived_device(ctx, rules_dev);
	d->super.fill_path = rules_fill;
	d->super.stroke_path = rules_stroke;
	d->g = g;
	d->mb = mb;
	pi->rule0 = g->nrules;
	fz_try(ctx)
	{
		fz_run_page(ctx, page, &d->super, fz_identity, NULL);
		fz_close_device(ctx, &d->super);
	}
	fz_always(ctx)
	{
		pi->nrules = d->n;
		fz_drop_device(ctx, &d->super);
	}
	fz_catch(ctx)
		fz_rethrow(ctx);
}

/* Only pages with text can hold a table we can read (a table with no
 * figures still has its title, header and 本表无数据 note). */
static int has_text(const page_rows *pr)
{
	return pr->nch > 0;
}

/* Groups characters sharing a baseline into rows, left to right; drops the
 * second copy of a character drawn twice to fake bold. */
static void build_rows(page_rows *pr)
{
	if (pr->nch == 0)
		return;
	qsort(pr->ch, pr->nch, sizeof *pr->ch, cmp_base);
	size_t i = 0;
	while (i < pr->nch) {
		size_t j = i + 1;
		float base = pr->ch[i].base, size = pr->ch[i].size;
		while (j < pr->nch && pr->ch[j].base - base <= 0.4f * (size < pr->ch[j].size ? size : pr->ch[j].size))
			j++;
		qsort(pr->ch + i, j - i, sizeof *pr->ch, cmp_x);
		/* fake bold: the same glyph again a hair to the right */
		size_t w = i;
		for (size_t k = i; k < j; k++) {
			if (w > i && pr->ch[k].c == pr->ch[w - 1].c &&
			    pr->ch[k].x0 - pr->ch[w - 1].x0 < 0.3f * pr->ch[k].size)
				continue;
			pr->ch[w++] = pr->ch[k];
		}
		prow *r = BL_PUSH(pr->rows, pr->nrows, pr->rowcap);
		memset(r, 0, sizeof *r);
		r->first = i;
		r->n = w - i;
		r->y0 = pr->ch[i].y0;
		r->y1 = pr->ch[i].y1;
		r->x0 = pr->ch[i].x0;
		r->size = 0;
		for (size_t k = i; k < w; k++) {
			if (pr->ch[k].y0 < r->y0)
				r->y0 = pr->ch[k].y0;
			if (pr->ch[k].y1 > r->y1)
				r->y1 = pr->ch[k].y1;
			if (pr->ch[k].size > r->size)
				r->size = pr->ch[k].size;
		}
		/* the compacted tail is dead; keep indices valid by leaving it */
		i = j;
	}
}

/* Spaces to put between two neighbours on a row. */
static int gap_spaces(const pchar *a, const pchar *b)
{
	float em = a->size < b->size ? a->size : b->size;
	float gap = b->x0 - a->x1;
	/* OCR boxes leave gaps around a decimal point: "3832. 36" is one figure */
	if (a->ocr && gap < 0.8f * em && (a->c == '.' || a->c == ',' || (a->c >= '0' && a->c <= '9')) &&
	    (b->c == '.' || b->c == ',' || (b->c >= '0' && b->c <= '9')))
		return 0; /* and narrow digits boxed apart: "1 35.25" */
	if (gap >= 1.5f * em) {
		int n = (int)(gap / (0.5f * em) + 0.5f);
		return n < 2 ? 2 : n > 60 ? 60 : n;
	}
	if (b->space_before)
		return 1;
	if (bl_cp_width(a->c) == 2 && bl_cp_width(b->c) == 2) /* ideographs, full-width forms */
		return gap >= 0.6f * em ? 1 : 0;
	return gap >= 0.25f * em ? 1 : 0;
}

/* The row's text with every digit as '#' and no spaces. */
static char *row_norm(const page_rows *pr, const prow *r)
{
	char *s = bl_xmalloc(r->n * 4 + 1), *w = s;
	for (size_t k = 0; k < r->n; k++) {
		uint32_t c = bl_cp_fold(pr->ch[r->first + k].c);
		if (c >= '0' && c <= '9')
			c = '#';
		w += bl_utf8_encode(c, w);
	}
	*w = 0;
	return s;
}

/* A page number line: digits with at most dashes, 第/页/共/slashes around. */
static int is_page_number(const char *norm)
{
	int digits = 0;
	for (const char *p = norm; *p;) {
		int len;
		uint32_t c = bl_utf8_decode(p, strlen(p), &len);
		if (c == '#')
			digits++;
		else if (!(c == '-' || c == 0x2014 || c == 0x2013 || c == 0x2212 || c == 0x7B2C || c == 0x9875 ||
			   c == 0x5171 || c == '/' || c == '(' || c == ')' || c == 0xFF08 || c == 0xFF09 ||
			   c == 'P' || c == 'p' || c == 'a' || c == 'g' || c == 'e' || c == '.'))
			return 0;
		p += len;
	}
	return digits >= 1 && digits <= 4;
}

/* Running headers and footers: a first or last row in the page's top or
 * bottom band that is a page number, or whose text (digits folded) recurs
 * in that band on several pages. */
static void mark_running(page_rows *pages, bl_pageinfo *info, int np)
{
	for (int p = 0; p < np; p++) {
		page_rows *pr = &pages[p];
		for (size_t k = 0; k < pr->nrows; k++) {
			prow *r = &pr->rows[k];
			float h = info[p].h;
			int band = r->y1 < 0.1f * h || r->y0 > 0.9f * h;
			int edge = k < 2 || k + 2 >= pr->nrows;
			if (band && edge)
				r->norm = row_norm(pr, r);
		}
	}
	int need = np >= 6 ? np / 3 : 2;
	for (int p = 0; p < np; p++)
		for (size_t k = 0; k < pages[p].nrows; k++) {
			prow *r = &pages[p].rows[k];
			if (!r->norm)
				continue;
			if (is_page_number(r->norm)) {
				r->drop = 1;
				continue;
			}
			int seen = 0;
			for (int q = 0; q < np && seen < need; q++)
				for (size_t m = 0; m < pages[q].nrows; m++)
					if (pages[q].rows[m].norm && !strcmp(pages[q].rows[m].norm, r->norm)) {
						seen++;
						break;
					}
			if (np > 1 && seen >= need)
				r->drop = 1;
		}
	for (int p = 0; p < np; p++)
		for (size_t k = 0; k < pages[p].nrows; k++) {
			info[p].nremoved += pages[p].rows[k].drop;
			free(pages[p].rows[k].norm);
			pages[p].rows[k].norm = NULL;
		}
}

static int put_cp(bl_buf *text, bl_geom *g, uint32_t c, float x0, float x1)
{
	char u[4];
	int len = bl_utf8_encode(c, u);
	if (bl_buf_put(text, u, (size_t)len))
		return -1;
	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 4096;
		g->x0 = bl_xrealloc(g->x0, g->cap * sizeof *g->x0);
		g->x1 = bl_xrealloc(g->x1, g->cap * sizeof *g->x1);
	}
	g->x0[g->n] = x0;
	g->x1[g->n] = x1;
	g->n++;
	return 0;
}

static bl_lgeom *new_line(bl_geom *g, float y0, float y1)
{
	bl_lgeom *l = BL_PUSH(g->lines, g->nlines, g->lines_cap);
	l->first = (uint32_t)g->n;
	l->n = 0;
	l->y0 = y0;
	l->y1 = y1;
	return l;
}

/* Writes one page's kept rows as lines; the last line ends with '\f'. */
static int emit_page(const page_rows *pr, const bl_pageinfo *pi, bl_buf *text, bl_geom *g)
{
	/* the left margin: the smallest x a kept row starts at */
	float left = 1e9f;
	for (size_t k = 0; k < pr->nrows; k++)
		if (!pr->rows[k].drop && pr->rows[k].x0 < left)
			left = pr->rows[k].x0;
	int any = 0;
	const prow *prev = NULL;
	for (size_t k = 0; k < pr->nrows && pi->state == BL_PAGE_OK; k++) {
		const prow *r = &pr->rows[k];
		if (r->drop || r->n == 0)
			continue;
		if (any && bl_buf_putc(text, '\n'))
			return -1;
		/* a clear vertical gap is a blank line */
		if (prev && r->y0 - prev->y1 > 1.5f * (prev->y1 - prev->y0)) {
			new_line(g, prev->y1, r->y0);
			if (bl_buf_putc(text, '\n'))
				return -1;
		}
		bl_lgeom *l = new_line(g, r->y0, r->y1);
		int indent = (int)((r->x0 - left) / (0.5f * r->size) + 0.5f);
		for (int s = 0; s < indent && s < 120; s++)
			if (put_cp(text, g, ' ', -1, -1))
				return -1;
		for (size_t m = 0; m < r->n; m++) {
			const pchar *c = &pr->ch[r->first + m];
			if (m > 0) {
				int sp = gap_spaces(&pr->ch[r->first + m - 1], c);
				for (int s = 0; s < sp; s++)
					if (put_cp(text, g, ' ', -1, -1))
						return -1;
			}
			uint32_t cp = c->c;
			if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp > 0x10FFFF)
				cp = 0xFFFD; /* never a line end or a page break from the layer */
			if (put_cp(text, g, cp, c->x0, c->x1))
				return -1;
		}
		g->lines[g->nlines - 1].n = (uint32_t)(g->n - l->first);
		any = 1;
		prev = r;
	}
	if (!any)
		new_line(g, 0, 0);
	if (bl_buf_putc(text, '\f') || bl_buf_putc(text, '\n'))
		return -1;
	return 0;
}

/* --- scanned pages --- */

enum { OCR_DPI = 200, MAX_OCR_PAGES = 2000 };

/* OCR threads: one per core up to 8, or BL_OCR_JOBS. */
static int ocr_jobs(void)
{
	const char *e = getenv("BL_OCR_JOBS");
	long n = e ? strtol(e, NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 8 ? 8 : (int)n;
}

/* The page as a grey image for OCR; may throw (inside the caller's fz_try). */
static void render_gray(fz_context *ctx, fz_page *page, bl_ocr_page *op)
{
	float z = (float)OCR_DPI / 72.0f;
	fz_pixmap *pix = fz_new_pixmap_from_page(ctx, page, fz_scale(z, z), fz_device_gray(ctx), 0);
	int w = fz_pixmap_width(ctx, pix), h = fz_pixmap_height(ctx, pix);
	int stride = (int)fz_pixmap_stride(ctx, pix);
	const unsigned char *src = fz_pixmap_samples(ctx, pix);
	op->gray = bl_xmalloc((size_t)w * (size_t)h + 1);
	for (int y = 0; y < h; y++)
		memcpy(op->gray + (size_t)y * (size_t)w, src + (size_t)y * (size_t)stride, (size_t)w);
	op->w = w;
	op->h = h;
	op->scale = 72.0f / (float)OCR_DPI;
	fz_drop_pixmap(ctx, pix);
}

/* An OCR'd page's symbols and rules into the page as if from its text
 * layer, marked as OCR. "2.946.25" (a thousands comma read as a point) is
 * repaired: in a run of digits with several points, all but the last are
 * commas. */
static void ocr_merge(const bl_ocr_page *op, page_rows *pr, bl_pageinfo *pi, bl_geom *g)
{
	if (op->nch < 10)
		return; /* nothing legible: the page stays a scan without text */
	for (size_t i = 0; i < op->nch && pr->nch < MAX_CHARS_PER_PAGE; i++) {
		const bl_ocr_char *oc = &op->ch[i];
		pchar *p = BL_PUSH(pr->ch, pr->nch, pr->chcap);
		memset(p, 0, sizeof *p);
		p->c = oc->c;
		p->x0 = oc->x0;
		p->x1 = oc->x1;
		p->y0 = oc->y0;
		p->y1 = oc->y1;
		p->base = oc->y1;
		p->size = oc->y1 - oc->y0 > 4 ? oc->y1 - oc->y0 : 4;
		/* Tesseract makes each Chinese character a word: only geometry
		 * decides spaces between two of them */
		p->space_before = oc->word_start && i > 0 && !(bl_cp_width(oc->c) == 2 && bl_cp_width(op->ch[i - 1].c) == 2);
		p->ocr = 1;
	}
	for (size_t i = 0; i < pr->nch;) {
		size_t j = i, points = 0;
		while (j < pr->nch && (j == i || !pr->ch[j].space_before) &&
		       ((pr->ch[j].c >= '0' && pr->ch[j].c <= '9') || pr->ch[j].c == '.' || pr->ch[j].c == ','))
			points += pr->ch[j++].c == '.';
		/* 1-3 digits, then groups of exactly three, then the decimals */
		int ok = points >= 2;
		size_t seg = 0, seen = 0;
		for (size_t k = i; k < j && ok; k++) {
			if (pr->ch[k].c == ',')
				ok = 0;
			else if (pr->ch[k].c != '.')
				seg++;
			else {
				ok = seen == 0 ? seg >= 1 && seg <= 3 : seg == 3;
				seen++;
				seg = 0;
			}
		}
		if (ok && seg >= 1 && seg <= 2)
			for (size_t k = i, n = 0; k < j; k++)
				if (pr->ch[k].c == '.' && ++n < points)
					pr->ch[k].c = ',';
		i = j > i ? j : i + 1;
	}
	pi->nchars = (int)op->nch;
	pi->nbad = 0;
	pi->ocr = 1;
	pi->ocr_conf = (int)(op->conf + 0.5f);
	pi->rule0 = g->nrules;
	pi->nrules = 0;
	for (size_t i = 0; i < op->nrules && pi->nrules < MAX_RULES_PER_PAGE; i++) {
		*BL_PUSH(g->rules, g->nrules, g->rules_cap) = op->rules[i];
		pi->nrules++;
	}
}

bl_status bl_pdf_extract(const char *name, const char *bytes, size_t n, bl_buf *text, bl_geom *g,
			 bl_diag *diag)
{
	memset(g, 0, sizeof *g);
	fz_context *ctx = fz_new_context(NULL, NULL, 64 << 20);
	if (!ctx) {
		bl_diag_set(diag, BL_ENOMEM, 0, name, "cannot read '%s': out of memory for the PDF reader", name);
		return BL_ENOMEM;
	}
	fz_set_warning_callback(ctx, quiet, NULL);
	fz_set_error_callback(ctx, quiet, NULL);
	bl_status st = BL_OK;
	fz_stream *stm = NULL;
	fz_document *fd = NULL;
	fz_page *page = NULL;
	fz_stext_page *tp = NULL;
	page_rows *pages = NULL;
	int np = 0;
	fz_var(stm);
	fz_var(fd);
	fz_var(page);
	fz_var(tp);
	fz_var(pages);
	fz_var(np);
	fz_var(st);
	bl_ocr_page *ocr = NULL;
	size_t nocr = 0, ocrcap = 0, ocr_from = 0;
	fz_var(ocr);
	fz_var(nocr);
	fz_var(ocr_from);
	int ocr_on = !getenv("BL_NO_OCR");
	int jobs = ocr_jobs();
	fz_try(ctx)
	{
		fz_register_document_handlers(ctx);
		stm = fz_open_memory(ctx, (const unsigned char *)bytes, n);
		fd = fz_open_document_with_stream(ctx, "application/pdf", stm);
		if (fz_needs_password(ctx, fd)) {
			st = BL_EFORMAT;
			bl_diag_set(diag, st, 0, name, "cannot read '%s': the PDF is encrypted", name);
			fz_throw(ctx, FZ_ERROR_GENERIC, "encrypted");
		}
		int total = fz_count_pages(ctx, fd);
		if (total > MAX_PAGES) {
			st = BL_ETOOBIG;
			bl_diag_set(diag, st, 0, name, "cannot read '%s': %d pages, more than %d", name, total, MAX_PAGES);
			fz_throw(ctx, FZ_ERROR_GENERIC, "too many pages");
		}
		pages = bl_xcalloc(total > 0 ? (size_t)total : 1, sizeof *pages);
		g->pages = bl_xcalloc(total > 0 ? (size_t)total : 1, sizeof *g->pages);
		fz_stext_options opts = {0};
		opts.flags = FZ_STEXT_PRESERVE_IMAGES | FZ_STEXT_MEDIABOX_CLIP;
		for (np = 0; np < total;) {
			page = fz_load_page(ctx, fd, np);
			fz_rect mb = fz_bound_page(ctx, page);
			bl_pageinfo *pi = &g->pages[np];
			pi->w = mb.x1 - mb.x0;
			pi->h = mb.y1 - mb.y0;
			np++;
			tp = fz_new_stext_page_from_page(ctx, page, &opts);
			collect(tp, mb, &pages[np - 1], pi);
			if (has_text(&pages[np - 1]))
				collect_rules(ctx, page, mb, g, pi);
			if (pi->nchars < 10 && pi->nimages > 0 && ocr_on && nocr < MAX_OCR_PAGES) {
				/* a scan: its image goes to OCR, a batch at a time */
				bl_ocr_page *op = BL_PUSH(ocr, nocr, ocrcap);
				memset(op, 0, sizeof *op);
				op->page = np - 1;
				render_gray(ctx, page, op);
				if (nocr - ocr_from >= (size_t)(4 * jobs)) {
					bl_ocr_run(ocr + ocr_from, (int)(nocr - ocr_from), jobs);
					for (; ocr_from < nocr; ocr_from++)
						free(ocr[ocr_from].gray), ocr[ocr_from].gray = NULL;
				}
			}
			fz_drop_stext_page(ctx, tp);
			tp = NULL;
			fz_drop_page(ctx, page);
			page = NULL;
		}
	}
	fz_always(ctx)
	{
		fz_drop_stext_page(ctx, tp);
		fz_drop_page(ctx, page);
		fz_drop_document(ctx, fd);
		fz_drop_stream(ctx, stm);
	}
	fz_catch(ctx)
	{
		if (st == BL_OK) {
			st = BL_EFORMAT;
			bl_diag_set(diag, st, 0, name, "cannot read '%s': not a readable PDF (%s)", name,
				    fz_caught_message(ctx));
		}
	}
	fz_drop_context(ctx);
	g->npages = np;
	if (st == BL_OK && nocr > ocr_from)
		bl_ocr_run(ocr + ocr_from, (int)(nocr - ocr_from), jobs);
	for (size_t i = 0; i < nocr; i++) {
		if (st == BL_OK && ocr[i].done && ocr[i].page < np)
			ocr_merge(&ocr[i], &pages[ocr[i].page], &g->pages[ocr[i].page], g);
		bl_ocr_page_free(&ocr[i]);
	}
	free(ocr);
	if (st == BL_OK) {
		for (int p = 0; p < np; p++) {
			bl_pageinfo *pi = &g->pages[p];
			build_rows(&pages[p]);
			if (pi->nchars < 10 && pi->nimages > 0)
				pi->state = BL_PAGE_NOTEXT;
			else if (pi->nchars >= 10 && pi->nbad * 100 > pi->nchars * 15)
				pi->state = BL_PAGE_BROKEN;
		}
		for (int p = 0; p < np && st == BL_OK; p++)
			if (g->pages[p].overflow) {
				st = BL_ETOOBIG;
				bl_diag_set(diag, st, 0, name, "cannot read '%s': page %d has more than %d characters", name,
					    p + 1, MAX_CHARS_PER_PAGE);
			}
		mark_running(pages, g->pages, np);
		for (int p = 0; p < np && st == BL_OK; p++)
			if (emit_page(&pages[p], &g->pages[p], text, g)) {
				st = BL_ETOOBIG;
				bl_diag_set(diag, st, 0, name, "cannot read '%s': its text is larger than 64 MiB", name);
			}
		if (st == BL_OK && np == 0) {
			st = BL_EFORMAT;
			bl_diag_set(diag, st, 0, name, "cannot read '%s': the PDF has no pages", name);
		}
	}
	for (int p = 0; pages && p < np; p++) {
		free(pages[p].ch);
		free(pages[p].rows);
	}
	free(pages);
	return st;
}

void bl_geom_free(bl_geom *g)
{
	if (!g)
		return;
	free(g->lines);
	free(g->x0);
	free(g->x1);
	free(g->pages);
	free(g->rules);
	free(g);
}
