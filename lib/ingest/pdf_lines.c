/* pdf_lines.c - the kept rows of every page as the document's lines:
 * running headers, footers and page numbers found across pages and left
 * out, then each row written as a line, indented as printed, each code
 * point with its extent on the page. */
#include <string.h>

#include "ingest/pdf_int.h"

/* A page number line: digits with at most dashes, 第/页/共/slashes around. */
static int is_page_number(const char *norm)
{
	int digits = 0;
	for (const char *p = norm, *end = norm + strlen(norm); p < end;) {
		int len;
		uint32_t c = bl_utf8_decode(p, (size_t)(end - p), &len);
		if (c == '#')
			digits++;
		else if (!(c == '-' || c == 0x2014 || c == 0x2013 || c == 0x2212 || c == 0x7B2C ||
			   c == 0x9875 || c == 0x5171 || c == '/' || c == '(' || c == ')' || c == 0xFF08 ||
			   c == 0xFF09 || c == 'P' || c == 'p' || c == 'a' || c == 'g' || c == 'e' ||
			   c == '.'))
			return 0;
		if (digits > 4)
			return 0;
		p += len;
	}
	return digits >= 1;
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
void bl_pdf_mark_running(page_rows *pages, bl_pageinfo *info, int np, band_row *band, size_t nband)
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
int bl_pdf_emit_page(const page_rows *pr, const bl_pageinfo *pi, bl_buf *text, bl_geom *g)
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
