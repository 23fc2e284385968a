/* pdf_text.c - a page's text layer as rows: its horizontal glyphs
 * collected with their boxes (garbage counted, so that a broken layer is
 * told from a sound one), grouped into rows by baseline across the whole
 * width, and kept compact once the page is read, with the spaces its layout
 * puts between neighbours. */
#include <math.h>
#include <string.h>

#include "ingest/pdf_int.h"

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
void bl_pdf_collect(fz_stext_page *tp, fz_rect mb, page_rows *pr, bl_pageinfo *pi)
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
				if (!isfinite(r.x0) || !isfinite(r.x1) || !isfinite(r.y0) ||
				    !isfinite(r.y1) || !isfinite(c->origin.y) || !isfinite(c->size))
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
		while (j < pr->nch &&
		       pr->ch[j].base - base <= 0.4f * (size < pr->ch[j].size ? size : pr->ch[j].size))
			j++;
		qsort(pr->ch + i, j - i, sizeof *pr->ch, cmp_x);
		/* fake bold: the same glyph again a hair to the right, over the
		 * first copy; the next of two narrow letters ("ll" in Hello)
		 * starts where the first ends */
		size_t w = i;
		for (size_t k = i; k < j; k++) {
			const pchar *prev = &pr->ch[w - (w > i)];
			float shift = pr->ch[k].x0 - prev->x0;
			if (w > i && pr->ch[k].c == prev->c && shift < 0.3f * pr->ch[k].size &&
			    shift < 0.5f * (prev->x1 - prev->x0))
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

/* Ends the reading of a page once all its characters are in (text layer,
 * and OCR when it is a scan): its rows, its state, the rows that may be
 * running headers (into *band), and each row's characters with the spaces
 * before them. The page's working arrays are freed, so a document holds one
 * page's worth of them at a time (and the scans waiting for OCR). */
void bl_pdf_page_keep(page_rows *pr, bl_pageinfo *pi, int p, band_row **band, size_t *nband, size_t *bandcap)
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
