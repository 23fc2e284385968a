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
 * pdftotext -layout).
 *
 * Pages are read one at a time: a page's working arrays are freed once its
 * rows are built, and what is kept of it is compact, so memory follows one
 * page plus the document's text, under document-wide caps. A file MuPDF had
 * to repair is refused when a page cannot be read whole (cut short, objects
 * lost), and every MuPDF error becomes a status and a message naming the
 * file. */
#include <math.h>
#include <mupdf/fitz.h>
#include <mupdf/pdf.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

#include "ingest/ingest.h"

/* Caps. Each protects the memory or the time of reading one document; a
 * document past one is refused with a message naming it, never read in part. */
enum {
	/* pages in a document: the per-page records, and the time of opening
	 * every page even when it is blank */
	MAX_PAGES = 5000,
	/* glyphs on one page: the page's working arrays (36 bytes a glyph) and
	 * its sort */
	MAX_CHARS_PER_PAGE = 400000,
	/* glyphs in the whole document, text layer and OCR: what is kept of
	 * every page until the document is assembled (16 bytes a glyph, and
	 * its row), and all later stages. The largest disclosure in the corpus
	 * has 12,289 glyphs in 30 pages; this is 5,000 pages of 400. */
	MAX_DOC_CHARS = 2000000,
	/* code points of the assembled text, glyphs and the spaces that lay out
	 * columns and indents (up to 60 between two glyphs): the geometry holds
	 * 8 bytes for each. The corpus has up to 5.8 a glyph (table pages). */
	MAX_DOC_TEXT = 16 << 20,
	/* ruling lines in the whole document, 16 bytes each: without it,
	 * MAX_PAGES pages of MAX_RULES_PER_PAGE would be 1.6 GB. The corpus
	 * has at most 3,553 in a document (142 a page), 522 on one page. */
	MAX_DOC_RULES = 1000000,
};

/* MuPDF's own memory while it reads one document: decoded fonts and
 * images, a page's text, its interpreter's stacks. A million nested q
 * operators or an image claiming 100,000 x 100,000 pixels is refused instead
 * of exhausting the machine. The corpus needs at most 15 MiB, a scanned copy
 * of it 27 MiB. */
#define MAX_PDF_HEAP ((size_t)512 << 20)

typedef struct pchar {
	uint32_t c;
	float x0, x1, y0, y1; /* box */
	float base;           /* baseline y */
	float size;
	int space_before; /* a space character of the text layer stood before it */
	int ocr;          /* read from the page image */
} pchar;

/* What is kept of a character once its page is read: the code point, its
 * extent, and the spaces its row puts before it (gap_spaces, at most 60). */
typedef struct kchar {
	uint32_t c;
	float x0, x1;
	uint8_t sp;
} kchar;

typedef struct prow {
	uint32_t first, n; /* into the page's chars: ch while it is read, kept after */
	float y0, y1, x0, size;
	int drop; /* header, footer or page number */
} prow;

typedef struct page_rows {
	pchar *ch; /* while the page is read; freed once it is kept */
	size_t nch, chcap;
	kchar *kept; /* each row's characters, row after row */
	prow *rows;
	size_t nrows, rowcap;
} page_rows;

/* A row that may be a running header, footer or page number: one of the
 * first or last two rows of a page, in its top or bottom tenth. */
typedef struct band_row {
	char *norm; /* its text with digits folded (row_norm) */
	int page;
	uint32_t row;
} band_row;

/* MuPDF's own messages would interleave with our output; what matters
 * reaches the caller as a status, a diag or a per-page state instead. */
static void quiet(void *user, const char *message)
{
	(void)user;
	(void)message;
}

/* MuPDF's allocator, counted against MAX_PDF_HEAP. It calls malloc itself,
 * not bl_xmalloc: MuPDF recovers from a refused allocation (it empties its
 * cache and retries, then throws), where bl_xmalloc would abort. */
typedef struct pdf_heap {
	size_t used;
	size_t refused; /* an allocation refused at the cap and not made since, or 0 */
} pdf_heap;

#define HEAP_HDR sizeof(max_align_t) /* each block starts with its size */

static void *heap_malloc(void *user, size_t n)
{
	pdf_heap *h = user;
	if (n > MAX_PDF_HEAP - h->used) {
		h->refused = n;
		return NULL;
	}
	size_t *b = malloc(n + HEAP_HDR);
	if (!b)
		return NULL;
	*b = n;
	h->used += n;
	if (h->refused == n)
		h->refused = 0; /* MuPDF freed its cache and the retry fitted */
	return (char *)b + HEAP_HDR;
}

static void *heap_realloc(void *user, void *old, size_t n)
{
	pdf_heap *h = user;
	if (!old)
		return heap_malloc(user, n);
	char *b = (char *)old - HEAP_HDR;
	size_t was = *(size_t *)(void *)b;
	if (n > was && n - was > MAX_PDF_HEAP - h->used) {
		h->refused = n;
		return NULL;
	}
	char *nb = realloc(b, n + HEAP_HDR);
	if (!nb)
		return NULL;
	*(size_t *)(void *)nb = n;
	h->used = h->used - was + n;
	if (h->refused == n)
		h->refused = 0;
	return nb + HEAP_HDR;
}

static void heap_free(void *user, void *p)
{
	pdf_heap *h = user;
	if (!p)
		return;
	char *b = (char *)p - HEAP_HDR;
	h->used -= *(size_t *)(void *)b;
	free(b);
}

/* MuPDF's message for the diagnostic: one line of printable ASCII. */
static void copy_message(char *out, size_t cap, const char *msg)
{
	size_t k = 0;
	for (; msg && msg[k] && k + 1 < cap; k++)
		out[k] = msg[k] >= 0x20 && msg[k] < 0x7F ? msg[k] : '?';
	out[k] = 0;
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
				/* a box past float range would make the row sort meaningless */
				if (!isfinite(r.x0) || !isfinite(r.x1) || !isfinite(r.y0) || !isfinite(r.y1) ||
				    !isfinite(c->origin.y) || !isfinite(c->size))
					continue;
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
				float size = c->size > 0 ? c->size : (r.y1 - r.y0);
				*BL_PUSH(pr->ch, pr->nch, pr->chcap) = (pchar){
					.c = (uint32_t)c->c,
					.x0 = r.x0 - mb.x0,
					.x1 = r.x1 - mb.x0,
					.y0 = r.y0 - mb.y0,
					.y1 = r.y1 - mb.y0,
					.base = c->origin.y - mb.y0,
					.size = size > 0 ? size : 1,
					.space_before = pending_space,
					.ocr = 0, /* every field set: gap_spaces reads them all */
				};
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
 * second copy of a character drawn twice to fake bold. One sort of the page
 * and one of each row, then linear passes. */
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
		r->first = (uint32_t)i;
		r->n = (uint32_t)(w - i);
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
		float n = gap / (0.5f * em) + 0.5f; /* clamped as a float: a tiny em overflows an int */
		return n >= 60 ? 60 : (int)n;
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
	char *s = bl_xmalloc((size_t)r->n * 4 + 1), *w = s;
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
	for (const char *p = norm, *end = norm + strlen(norm); p < end;) {
		int len;
		uint32_t c = bl_utf8_decode(p, (size_t)(end - p), &len);
		if (c == '#')
			digits++;
		else if (!(c == '-' || c == 0x2014 || c == 0x2013 || c == 0x2212 || c == 0x7B2C || c == 0x9875 ||
			   c == 0x5171 || c == '/' || c == '(' || c == ')' || c == 0xFF08 || c == 0xFF09 ||
			   c == 'P' || c == 'p' || c == 'a' || c == 'g' || c == 'e' || c == '.'))
			return 0;
		if (digits > 4)
			return 0;
		p += len;
	}
	return digits >= 1;
}

/* Ends the reading of a page once all its characters are in (text layer,
 * and OCR when it is a scan): its rows, its state, the rows that may be
 * running headers (into *band), and each row's characters with the spaces
 * before them. The page's working arrays are freed, so a document holds one
 * page's worth of them at a time (and the scans waiting for OCR). */
static void page_keep(page_rows *pr, bl_pageinfo *pi, int p, band_row **band, size_t *nband, size_t *bandcap)
{
	build_rows(pr);
	if (pi->nchars < 10 && pi->nimages > 0)
		pi->state = BL_PAGE_NOTEXT;
	else if (pi->nchars >= 10 && pi->nbad * 100 > pi->nchars * 15)
		pi->state = BL_PAGE_BROKEN;
	size_t nk = 0;
	for (size_t k = 0; k < pr->nrows; k++)
		nk += pr->rows[k].n;
	/* only a readable page's text is written out */
	if (pi->state == BL_PAGE_OK && nk > 0)
		pr->kept = bl_xmalloc(nk * sizeof *pr->kept);
	uint32_t w = 0;
	for (size_t k = 0; k < pr->nrows; k++) {
		prow *r = &pr->rows[k];
		int top_or_bottom = r->y1 < 0.1f * pi->h || r->y0 > 0.9f * pi->h;
		int edge = k < 2 || k + 2 >= pr->nrows;
		if (top_or_bottom && edge)
			*BL_PUSH(*band, *nband, *bandcap) = (band_row){row_norm(pr, r), p, (uint32_t)k};
		if (!pr->kept)
			continue;
		for (uint32_t m = 0; m < r->n; m++) {
			const pchar *c = &pr->ch[r->first + m];
			int sp = m > 0 ? gap_spaces(c - 1, c) : 0;
			pr->kept[w + m] = (kchar){c->c, c->x0, c->x1, (uint8_t)sp};
		}
		r->first = w;
		w += r->n;
	}
	free(pr->ch);
	pr->ch = NULL;
	pr->nch = pr->chcap = 0;
	if (pr->nrows > 0 && pr->rowcap > pr->nrows) {
		pr->rows = bl_xrealloc(pr->rows, pr->nrows * sizeof *pr->rows);
		pr->rowcap = pr->nrows;
	}
}

static int cmp_band(const void *a, const void *b)
{
	const band_row *x = a, *y = b;
	int c = strcmp(x->norm, y->norm);
	return c ? c : (x->page > y->page) - (x->page < y->page);
}

/* Running headers and footers: a band row that is a page number, or whose
 * text (digits folded) recurs among the band rows of several pages. The
 * band rows are sorted by text, so each text's pages are counted once. */
static void mark_running(page_rows *pages, bl_pageinfo *info, int np, band_row *band, size_t nband)
{
	if (nband > 1)
		qsort(band, nband, sizeof *band, cmp_band);
	int need = np >= 6 ? np / 3 : 2;
	for (size_t i = 0; i < nband;) {
		size_t j = i;
		int npages = 0;
		for (; j < nband && !strcmp(band[j].norm, band[i].norm); j++)
			npages += j == i || band[j].page != band[j - 1].page;
		for (size_t k = i; k < j; k++)
			if (is_page_number(band[k].norm) || (np > 1 && npages >= need)) {
				pages[band[k].page].rows[band[k].row].drop = 1;
				info[band[k].page].nremoved++;
			}
		i = j;
	}
}

/* Puts one code point of the text with its extent; -1 past the caps. */
static int put_cp(bl_buf *text, bl_geom *g, uint32_t c, float x0, float x1)
{
	if (g->n >= MAX_DOC_TEXT)
		return -1;
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
		float q = (r->x0 - left) / (0.5f * r->size) + 0.5f;
		int indent = !(q > 0) ? 0 : q >= 120 ? 120 : (int)q;
		for (int s = 0; s < indent; s++)
			if (put_cp(text, g, ' ', -1, -1))
				return -1;
		for (uint32_t m = 0; m < r->n; m++) {
			const kchar *c = &pr->kept[r->first + m];
			for (int s = 0; s < c->sp; s++)
				if (put_cp(text, g, ' ', -1, -1))
					return -1;
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

enum {
	OCR_DPI = 200,
	MAX_OCR_PAGES = 2000,
	/* one page image: its bytes (twice while it is copied out of MuPDF's
	 * pixmap) and Tesseract's time and memory, which grow with the pixels.
	 * A2 at 200 dpi; a larger page is rendered at a lower resolution */
	MAX_OCR_PIXELS = 16000000,
	/* the images waiting for OCR at once, in pixels */
	MAX_OCR_BATCH_PIXELS = 64000000,
	/* below this, body text (10.5 pt) is under 15 pixels high, too small for
	 * Tesseract: such a page is not rendered and stays a scan without text,
	 * reported like an illegible one (a page of A0 and more) */
	MIN_OCR_DPI = 100,
	/* Tesseract refuses an image over 32,767 pixels wide or high */
	MAX_OCR_SIDE = 32000,
};

/* OCR threads: one per core up to 8, or BL_OCR_JOBS. */
static int ocr_jobs(void)
{
	const char *e = getenv("BL_OCR_JOBS");
	long n = e ? strtol(e, NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 8 ? 8 : (int)n;
}

/* The resolution to render a page of w x h points at for OCR: OCR_DPI, or
 * less so the image fits MAX_OCR_PIXELS and MAX_OCR_SIDE; 0 when that is
 * below MIN_OCR_DPI (or the page has no area). */
static float ocr_dpi(float w, float h)
{
	if (!(w > 0 && h > 0))
		return 0;
	double dpi = OCR_DPI, px = (double)w * h * (dpi / 72) * (dpi / 72);
	if (px > MAX_OCR_PIXELS)
		dpi *= sqrt(MAX_OCR_PIXELS / px);
	double side = (w > h ? w : h) * dpi / 72;
	if (side > MAX_OCR_SIDE)
		dpi *= MAX_OCR_SIDE / side;
	return dpi >= MIN_OCR_DPI ? (float)dpi : 0;
}

/* The page as a grey image for OCR; may throw (inside the caller's fz_try). */
static void render_gray(fz_context *ctx, fz_page *page, float dpi, bl_ocr_page *op)
{
	float z = dpi / 72.0f;
	fz_pixmap *pix = fz_new_pixmap_from_page(ctx, page, fz_scale(z, z), fz_device_gray(ctx), 0);
	int w = fz_pixmap_width(ctx, pix), h = fz_pixmap_height(ctx, pix);
	int stride = (int)fz_pixmap_stride(ctx, pix);
	const unsigned char *src = fz_pixmap_samples(ctx, pix);
	op->gray = bl_xmalloc((size_t)w * (size_t)h + 1);
	for (int y = 0; y < h; y++)
		memcpy(op->gray + (size_t)y * (size_t)w, src + (size_t)y * (size_t)stride, (size_t)w);
	op->w = w;
	op->h = h;
	op->scale = 72.0f / dpi;
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
	size_t i = 0;
	for (; i < op->nch && pr->nch < MAX_CHARS_PER_PAGE; i++) {
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
	if (i < op->nch)
		pi->overflow = 1;
	for (i = 0; i < pr->nch;) {
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
	for (i = 0; i < op->nrules && pi->nrules < MAX_RULES_PER_PAGE; i++) {
		*BL_PUSH(g->rules, g->nrules, g->rules_cap) = op->rules[i];
		pi->nrules++;
	}
}

/* --- damaged files --- */

/* Objects visited per page, and in all, when a repaired PDF is checked:
 * bounds the check's time (resources shared by every page are walked again
 * for each); what lies past them counts as present. */
enum { MAX_WALK = 20000, MAX_WALK_DOC = 2000000 };

typedef struct obj_walk {
	pdf_obj **stack; /* each held with pdf_keep_obj */
	size_t n, cap;
	unsigned char *seen; /* a bit per object number, this page's walk */
	int *marked;         /* the numbers whose bit is set, to clear */
	size_t nmarked, mcap;
	int xlen;
	int64_t last_end; /* offset of the file's last "endstream", or -1 */
	long budget;      /* visits left, of MAX_WALK_DOC */
} obj_walk;

static void walk_push(fz_context *ctx, obj_walk *w, pdf_obj *o)
{
	if (o)
		*BL_PUSH(w->stack, w->n, w->cap) = pdf_keep_obj(ctx, o);
}

/* Does the page draw with an object the file does not hold whole: its
 * page object, its contents or its resources (inherited ones too), followed
 * through every reference but the way back up (/Parent), stream lengths
 * (MuPDF finds a stream's end without them) and metadata? A stream that
 * starts after the file's last "endstream" was cut off. May throw. */
static int page_missing(fz_context *ctx, pdf_document *pd, int p, obj_walk *w)
{
	pdf_obj *po = pdf_lookup_page_obj(ctx, pd, p);
	if (!pdf_is_dict(ctx, po))
		return 1;
	walk_push(ctx, w, pdf_dict_get(ctx, po, PDF_NAME(Contents)));
	walk_push(ctx, w, pdf_dict_get_inheritable(ctx, po, PDF_NAME(Resources)));
	int missing = 0;
	for (int visits = 0; w->n > 0 && !missing && visits < MAX_WALK && w->budget > 0; visits++, w->budget--) {
		pdf_obj *o = w->stack[w->n - 1], *v = o;
		if (pdf_is_indirect(ctx, o)) {
			int num = pdf_to_num(ctx, o);
			if (num <= 0 || num >= w->xlen) {
				missing = 1;
				break;
			}
			if (w->seen[num / 8] & (1 << (num % 8))) {
				pdf_drop_obj(ctx, w->stack[--w->n]);
				continue;
			}
			w->seen[num / 8] |= (unsigned char)(1 << (num % 8));
			*BL_PUSH(w->marked, w->nmarked, w->mcap) = num;
			v = pdf_resolve_indirect(ctx, o); /* NULL when the object is gone */
			if (!v || (pdf_is_stream(ctx, o) && pdf_get_xref_entry(ctx, pd, num)->stm_ofs > w->last_end)) {
				missing = 1;
				break;
			}
		}
		w->n--; /* o stays held until its members are pushed */
		if (pdf_is_dict(ctx, v)) {
			for (int i = 0, len = pdf_dict_len(ctx, v); i < len; i++) {
				pdf_obj *key = pdf_dict_get_key(ctx, v, i);
				if (key != PDF_NAME(Parent) && key != PDF_NAME(Length) && key != PDF_NAME(Metadata))
					walk_push(ctx, w, pdf_dict_get_val(ctx, v, i));
			}
		} else if (pdf_is_array(ctx, v)) {
			for (int i = 0, len = pdf_array_len(ctx, v); i < len; i++)
				walk_push(ctx, w, pdf_array_get(ctx, v, i));
		}
		pdf_drop_obj(ctx, o);
	}
	return missing;
}

/* Pages of a repaired PDF (the file's bytes[0..n)) that cannot be read
 * whole: the one that failed to load (failed, 1-based, or 0), and those that
 * draw with a missing or cut object. */
static int count_incomplete(fz_context *ctx, pdf_document *pd, const char *bytes, size_t n, int total,
			    int failed)
{
	obj_walk w = {0};
	w.xlen = pdf_xref_len(ctx, pd);
	w.last_end = -1;
	w.budget = MAX_WALK_DOC;
	for (size_t i = n >= 9 ? n - 9 + 1 : 0; i-- > 0;)
		if (bytes[i] == 'e' && !memcmp(bytes + i, "endstream", 9)) {
			w.last_end = (int64_t)i;
			break;
		}
	w.seen = bl_xcalloc((size_t)w.xlen / 8 + 1, 1);
	int bad = 0;
	for (int p = 0; p < total; p++) {
		int missing = p + 1 == failed;
		fz_var(missing);
		fz_try(ctx)
		{
			if (!missing && w.budget > 0)
				missing = page_missing(ctx, pd, p, &w);
		}
		fz_catch(ctx)
			missing = 1; /* not even its page object can be found */
		bad += missing;
		while (w.n > 0)
			pdf_drop_obj(ctx, w.stack[--w.n]);
		for (size_t i = 0; i < w.nmarked; i++)
			w.seen[w.marked[i] / 8] = 0;
		w.nmarked = 0;
	}
	free(w.stack);
	free(w.seen);
	free(w.marked);
	return bad;
}

/* --- the document --- */

/* One document being read, page after page. */
typedef struct pdf_read {
	const char *name;
	const char *bytes; /* the file */
	size_t nbytes;
	bl_diag *diag;
	bl_status st;
	bl_geom *g;
	page_rows *pages;
	int np;          /* pages read so far */
	size_t nglyphs;  /* kept over the document, against MAX_DOC_CHARS */
	band_row *band;  /* possible running headers, all pages */
	size_t nband, bandcap;
	bl_ocr_page *ocr; /* scans waiting for OCR, a batch at a time */
	size_t nocr, ocrcap;
	size_t ocr_pixels; /* of the waiting images */
	int ocr_total;     /* pages sent to OCR so far, against MAX_OCR_PAGES */
	int ocr_on, jobs;
	pdf_heap heap;
	int failed;       /* the first page that could not be read, 1-based, or 0 */
	char failed_msg[200];
} pdf_read;

/* Refuses the document past the caps a page has reached. */
static void page_caps(pdf_read *rd, int p)
{
	const bl_pageinfo *pi = &rd->g->pages[p];
	if (rd->st)
		return;
	if (pi->overflow) {
		rd->st = BL_ETOOBIG;
		bl_diag_set(rd->diag, rd->st, 0, rd->name, "cannot read '%s': page %d has more than %d characters",
			    rd->name, p + 1, MAX_CHARS_PER_PAGE);
	} else if (rd->nglyphs > MAX_DOC_CHARS) {
		rd->st = BL_ETOOBIG;
		bl_diag_set(rd->diag, rd->st, 0, rd->name,
			    "cannot read '%s': more than %d characters in the document (reached on page %d)", rd->name,
			    MAX_DOC_CHARS, p + 1);
	} else if (rd->g->nrules > MAX_DOC_RULES) {
		rd->st = BL_ETOOBIG;
		bl_diag_set(rd->diag, rd->st, 0, rd->name,
			    "cannot read '%s': more than %d ruling lines in the document (reached on page %d)", rd->name,
			    MAX_DOC_RULES, p + 1);
	} else if (rd->heap.refused) {
		rd->st = BL_ENOMEM;
		bl_diag_set(rd->diag, rd->st, 0, rd->name,
			    "cannot read '%s': page %d needs more than %zu MiB of memory to read", rd->name, p + 1,
			    MAX_PDF_HEAP >> 20);
	}
}

/* Reads the waiting scans, merges what was legible into their pages and
 * keeps those pages. */
static void ocr_flush(pdf_read *rd)
{
	if (rd->nocr == 0)
		return;
	bl_ocr_run(rd->ocr, (int)rd->nocr, rd->jobs);
	for (size_t i = 0; i < rd->nocr; i++) {
		int p = rd->ocr[i].page;
		page_rows *pr = &rd->pages[p];
		size_t before = pr->nch;
		if (rd->ocr[i].done)
			ocr_merge(&rd->ocr[i], pr, &rd->g->pages[p], rd->g);
		bl_ocr_page_free(&rd->ocr[i]);
		rd->nglyphs += pr->nch - before;
		page_caps(rd, p);
		page_keep(pr, &rd->g->pages[p], p, &rd->band, &rd->nband, &rd->bandcap);
	}
	rd->nocr = 0;
	rd->ocr_pixels = 0;
}

/* Reads page p: its characters and ruling lines, and its image when it is a
 * scan to read by OCR. Throws what MuPDF throws. */
static void read_page(fz_context *ctx, fz_document *fd, pdf_read *rd, int p)
{
	static const fz_stext_options opts = {FZ_STEXT_PRESERVE_IMAGES | FZ_STEXT_MEDIABOX_CLIP, 0};
	fz_page *page = NULL;
	fz_stext_page *tp = NULL;
	fz_var(page);
	fz_var(tp);
	fz_try(ctx)
	{
		page_rows *pr = &rd->pages[p];
		bl_pageinfo *pi = &rd->g->pages[p];
		page = fz_load_page(ctx, fd, p);
		fz_rect mb = fz_bound_page(ctx, page);
		pi->w = mb.x1 - mb.x0;
		pi->h = mb.y1 - mb.y0;
		tp = fz_new_stext_page_from_page(ctx, page, &opts);
		collect(tp, mb, pr, pi);
		fz_drop_stext_page(ctx, tp);
		tp = NULL;
		if (has_text(pr))
			collect_rules(ctx, page, mb, rd->g, pi);
		float dpi = 0;
		if (pi->nchars < 10 && pi->nimages > 0 && rd->ocr_on && rd->ocr_total < MAX_OCR_PAGES)
			dpi = ocr_dpi(pi->w, pi->h);
		if (dpi > 0) {
			/* a scan: its image goes to OCR, a batch at a time */
			bl_ocr_page op = {0};
			op.page = p;
			render_gray(ctx, page, dpi, &op);
			pi->ocr_dpi = dpi;
			*BL_PUSH(rd->ocr, rd->nocr, rd->ocrcap) = op;
			rd->ocr_total++;
			rd->ocr_pixels += (size_t)op.w * (size_t)op.h;
		}
	}
	fz_always(ctx)
	{
		fz_drop_stext_page(ctx, tp);
		fz_drop_page(ctx, page);
	}
	fz_catch(ctx)
		fz_rethrow(ctx);
}

/* read_page, its failure recorded in rd->failed; throws only when the
 * machine is out of memory. */
static void try_page(fz_context *ctx, fz_document *fd, pdf_read *rd, int p)
{
	fz_try(ctx)
		read_page(ctx, fd, rd, p);
	fz_catch(ctx)
	{
		if (rd->heap.refused)
			; /* past MAX_PDF_HEAP: page_caps says so */
		else if (fz_caught(ctx) == FZ_ERROR_MEMORY)
			fz_rethrow(ctx); /* the machine's memory, not the document */
		else {
			rd->failed = p + 1;
			copy_message(rd->failed_msg, sizeof rd->failed_msg, fz_caught_message(ctx));
		}
	}
}

/* Reads every page; a page that fails to load or to run ends the reading
 * (rd->failed). Throws for the document as a whole. */
static void read_pages(fz_context *ctx, fz_document *fd, pdf_read *rd, int total)
{
	for (int p = 0; p < total && !rd->st && !rd->failed; p++) {
		page_rows *pr = &rd->pages[p];
		size_t queued = rd->nocr;
		try_page(ctx, fd, rd, p);
		rd->np = p + 1;
		if (rd->failed)
			break;
		rd->nglyphs += pr->nch;
		page_caps(rd, p);
		if (rd->nocr == queued)
			page_keep(pr, &rd->g->pages[p], p, &rd->band, &rd->nband, &rd->bandcap);
		if (rd->nocr >= (size_t)(4 * rd->jobs) || rd->ocr_pixels >= MAX_OCR_BATCH_PIXELS)
			ocr_flush(rd);
	}
	if (!rd->st && !rd->failed)
		ocr_flush(rd);
}

/* A PDF that MuPDF had to repair, or whose page failed: refused when a page
 * cannot be read whole. A repair that loses nothing (a broken or missing
 * cross-reference table over intact objects) is accepted silently. */
static void check_damage(fz_context *ctx, fz_document *fd, pdf_read *rd, int total)
{
	pdf_document *pd = pdf_specifics(ctx, fd);
	int repaired = pd && pdf_was_repaired(ctx, pd);
	if (rd->st || (!repaired && !rd->failed))
		return;
	if (repaired) {
		int bad = count_incomplete(ctx, pd, rd->bytes, rd->nbytes, total, rd->failed);
		if (total == 0) {
			rd->st = BL_EFORMAT;
			bl_diag_set(rd->diag, rd->st, 0, rd->name,
				    "cannot read '%s': the PDF is damaged or cut short (no page is left)", rd->name);
		} else if (bad > 0) {
			rd->st = BL_EFORMAT;
			bl_diag_set(rd->diag, rd->st, 0, rd->name,
				    "cannot read '%s': the PDF is damaged or cut short (%d of %d pages incomplete)", rd->name,
				    bad, total);
		}
		return;
	}
	rd->st = BL_EFORMAT;
	bl_diag_set(rd->diag, rd->st, 0, rd->name, "cannot read '%s': page %d cannot be read (%s)", rd->name,
		    rd->failed, rd->failed_msg);
}

/* The kept pages as text and geometry. */
static void emit(pdf_read *rd, bl_buf *text)
{
	mark_running(rd->pages, rd->g->pages, rd->np, rd->band, rd->nband);
	for (int p = 0; p < rd->np && !rd->st; p++)
		if (emit_page(&rd->pages[p], &rd->g->pages[p], text, rd->g)) {
			rd->st = BL_ETOOBIG;
			if (rd->g->n >= MAX_DOC_TEXT)
				bl_diag_set(rd->diag, rd->st, 0, rd->name,
					    "cannot read '%s': its text with the spaces of its layout is longer than %d "
					    "characters",
					    rd->name, MAX_DOC_TEXT);
			else
				bl_diag_set(rd->diag, rd->st, 0, rd->name, "cannot read '%s': its text is larger than 64 MiB",
					    rd->name);
		}
	if (!rd->st && rd->np == 0) {
		rd->st = BL_EFORMAT;
		bl_diag_set(rd->diag, rd->st, 0, rd->name, "cannot read '%s': the PDF has no pages", rd->name);
	}
}

bl_status bl_pdf_extract(const char *name, const char *bytes, size_t n, bl_buf *text, bl_geom *g,
			 bl_diag *diag)
{
	memset(g, 0, sizeof *g);
	pdf_read rd = {.name = name, .bytes = bytes, .nbytes = n, .diag = diag, .g = g};
	rd.ocr_on = !getenv("BL_NO_OCR");
	rd.jobs = ocr_jobs();
	fz_alloc_context alloc = {&rd.heap, heap_malloc, heap_realloc, heap_free};
	fz_context *ctx = fz_new_context(&alloc, NULL, 64 << 20);
	if (!ctx) {
		bl_diag_set(diag, BL_ENOMEM, 0, name, "cannot read '%s': out of memory for the PDF reader", name);
		return BL_ENOMEM;
	}
	fz_set_warning_callback(ctx, quiet, NULL);
	fz_set_error_callback(ctx, quiet, NULL);
	fz_stream *stm = NULL;
	fz_document *fd = NULL;
	fz_var(stm);
	fz_var(fd);
	fz_var(rd);
	fz_try(ctx)
	{
		fz_register_document_handlers(ctx);
		stm = fz_open_memory(ctx, (const unsigned char *)bytes, n);
		fd = fz_open_document_with_stream(ctx, "application/pdf", stm);
		if (fz_needs_password(ctx, fd)) {
			rd.st = BL_EFORMAT;
			bl_diag_set(diag, rd.st, 0, name, "cannot read '%s': the PDF is encrypted (it needs a password)",
				    name);
			fz_throw(ctx, FZ_ERROR_GENERIC, "encrypted");
		}
		int total = fz_count_pages(ctx, fd);
		if (total > MAX_PAGES) {
			rd.st = BL_ETOOBIG;
			bl_diag_set(diag, rd.st, 0, name, "cannot read '%s': %d pages, more than %d", name, total,
				    MAX_PAGES);
			fz_throw(ctx, FZ_ERROR_GENERIC, "too many pages");
		}
		rd.pages = bl_xcalloc(total > 0 ? (size_t)total : 1, sizeof *rd.pages);
		g->pages = bl_xcalloc(total > 0 ? (size_t)total : 1, sizeof *g->pages);
		read_pages(ctx, fd, &rd, total);
		check_damage(ctx, fd, &rd, total);
	}
	fz_always(ctx)
	{
		fz_drop_document(ctx, fd);
		fz_drop_stream(ctx, stm);
	}
	fz_catch(ctx)
	{
		if (rd.st == BL_OK && rd.heap.refused) {
			rd.st = BL_ENOMEM;
			bl_diag_set(diag, rd.st, 0, name, "cannot read '%s': the PDF needs more than %zu MiB of memory to read",
				    name, MAX_PDF_HEAP >> 20);
		} else if (rd.st == BL_OK && fz_caught(ctx) == FZ_ERROR_MEMORY) {
			rd.st = BL_ENOMEM;
			bl_diag_set(diag, rd.st, 0, name, "cannot read '%s': out of memory", name);
		} else if (rd.st == BL_OK) {
			char msg[200];
			copy_message(msg, sizeof msg, fz_caught_message(ctx));
			rd.st = BL_EFORMAT;
			bl_diag_set(diag, rd.st, 0, name, "cannot read '%s': not a readable PDF (%s)", name, msg);
		}
	}
	fz_drop_context(ctx);
	g->npages = rd.np;
	if (rd.st == BL_OK)
		emit(&rd, text);
	for (size_t i = 0; i < rd.nocr; i++)
		bl_ocr_page_free(&rd.ocr[i]);
	free(rd.ocr);
	for (size_t i = 0; i < rd.nband; i++)
		free(rd.band[i].norm);
	free(rd.band);
	for (int p = 0; rd.pages && p < rd.np; p++) {
		free(rd.pages[p].ch);
		free(rd.pages[p].kept);
		free(rd.pages[p].rows);
	}
	free(rd.pages);
	return rd.st;
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
