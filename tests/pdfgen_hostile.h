/* pdfgen_hostile.h - hostile PDFs for the PDF adapter's tests and the
 * pathological generator (tests only): pages of any size drawing any
 * content, identical content shared by one stream object (so 200 pages of
 * 300,000 glyphs is a small file), content builders (glyph floods, a
 * running row per page, ruling lines, nested operators, a scan), and
 * encrypted copies written by MuPDF. Coordinates are PDF's: y grows upwards
 * from the page bottom. Every resource a page may use is in its resources:
 * Helvetica as /F1 and a 1x1 light grey image as /Im1 (no ink for
 * the OCR rule finder, so a test scan is quick to read). */
#ifndef BL_PDFGEN_HOSTILE_H
#define BL_PDFGEN_HOSTILE_H

#include <mupdf/fitz.h>
#include <mupdf/pdf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

typedef struct ph_buf {
	char *p;
	size_t n, cap;
} ph_buf;

static inline void ph_put(ph_buf *b, const void *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			abort();
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = 0;
}

static inline void ph_printf(ph_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline void ph_printf(ph_buf *b, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (k < 0 || (size_t)k >= sizeof buf)
		abort(); /* the helpers print short pieces only */
	ph_put(b, buf, (size_t)k);
}

/* Repeats s n times. */
static inline void ph_repeat(ph_buf *b, const char *s, long n)
{
	size_t len = strlen(s);
	for (long i = 0; i < n; i++)
		ph_put(b, s, len);
}

typedef struct ph_page {
	float w, h;            /* media box, points */
	const ph_buf *content; /* pages with the same pointer share one stream */
} ph_page;

/* A whole PDF in a malloc'd buffer, *n its length; content streams are
 * deflated when deflate is set. Objects: 1 catalog, 2 pages, 3 Helvetica,
 * 4 the image, then each page and (unless shared) its content. */
static inline char *ph_make(const ph_page *pages, int np, int deflate, size_t *n)
{
	ph_buf b = {0};
	size_t *off = calloc((size_t)(5 + 2 * np), sizeof *off);
	int *page_id = calloc((size_t)(np > 0 ? np : 1), sizeof *page_id);
	int *content_id = calloc((size_t)(np > 0 ? np : 1), sizeof *content_id);
	if (!off || !page_id || !content_id)
		abort();
	int next = 5;
	for (int i = 0; i < np; i++) {
		page_id[i] = next++;
		content_id[i] =
			i > 0 && pages[i].content == pages[i - 1].content ? content_id[i - 1] : next++;
	}
	ph_printf(&b, "%%PDF-1.7\n%%\xE2\xE3\xCF\xD3\n");
	off[1] = b.n;
	ph_printf(&b, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
	off[2] = b.n;
	ph_printf(&b, "2 0 obj\n<< /Type /Pages /Count %d /Kids [", np);
	for (int i = 0; i < np; i++)
		ph_printf(&b, "%d 0 R ", page_id[i]);
	ph_printf(&b, "] >>\nendobj\n");
	off[3] = b.n;
	ph_printf(
		&b,
		"3 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>\n"
		"endobj\n");
	off[4] = b.n;
	ph_printf(&b, "4 0 obj\n<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
		      "/BitsPerComponent 8 /Length 1 >>\nstream\n\xF0\nendstream\nendobj\n");
	for (int i = 0; i < np; i++) {
		off[page_id[i]] = b.n;
		ph_printf(&b,
			  "%d 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] "
			  "/Resources << /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >> >> /Contents %d 0 R "
			  ">>\nendobj\n",
			  page_id[i], pages[i].w, pages[i].h, content_id[i]);
		if (i > 0 && content_id[i] == content_id[i - 1])
			continue;
		const ph_buf *c = pages[i].content;
		const unsigned char *data = (const unsigned char *)(c && c->p ? c->p : "");
		uLongf len = c ? (uLongf)c->n : 0;
		unsigned char *z = NULL;
		if (deflate) {
			uLongf zlen = compressBound(len);
			z = malloc(zlen ? zlen : 1);
			if (!z || compress2(z, &zlen, data, len, 9) != Z_OK)
				abort();
			data = z;
			len = zlen;
		}
		off[content_id[i]] = b.n;
		ph_printf(&b, "%d 0 obj\n<< /Length %lu%s >>\nstream\n", content_id[i], (unsigned long)len,
			  deflate ? " /Filter /FlateDecode" : "");
		ph_put(&b, data, len);
		ph_printf(&b, "\nendstream\nendobj\n");
		free(z);
	}
	size_t xref = b.n;
	ph_printf(&b, "xref\n0 %d\n0000000000 65535 f \n", next);
	for (int i = 1; i < next; i++)
		ph_printf(&b, "%010zu 00000 n \n", off[i]);
	ph_printf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", next, xref);
	free(off);
	free(page_id);
	free(content_id);
	*n = b.n;
	return b.p;
}

/* Lines of Helvetica text at 12 pt from the top of an A4 page, one per
 * string, 20 pt apart. */
static inline void ph_text(ph_buf *c, const char *const *lines, int n)
{
	for (int i = 0; i < n; i++)
		ph_printf(c, "BT /F1 12 Tf 72 %.2f Td (%s) Tj ET\n", 760.0f - 20.0f * (float)i, lines[i]);
}

/* glyphs tiny glyphs ('8' at 0.5 pt) in lines of 1000, 0.6 pt apart, from
 * the top of an A4 page: 1,000,000 fit. With one_object all lines are one
 * text object (BT ... ET), as the reliability probe wrote them, which MuPDF
 * gathers into one span grown 36 glyphs at a time: fine with glibc's
 * realloc, quadratic under AddressSanitizer's. */
static inline void ph_glyphs(ph_buf *c, long glyphs, int one_object)
{
	float y = 800;
	if (one_object)
		ph_printf(c, "BT /F1 0.5 Tf 0.6 TL 10 800 Td\n");
	for (long left = glyphs; left > 0; left -= 1000, y -= 0.6f) {
		if (!one_object)
			ph_printf(c, "BT /F1 0.5 Tf 10 %.2f Td ", y);
		ph_put(c, "(", 1);
		ph_repeat(c, "8", left < 1000 ? left : 1000);
		ph_put(c, one_object ? ") Tj T*\n" : ") Tj ET\n", 8);
	}
	if (one_object)
		ph_printf(c, "ET\n");
}

/* One row of n glyphs "PagePage..." at the top of the page (a candidate
 * running header whose every character a page-number test accepts),
 * squeezed to 1% width so that 400,000 fit in 2,400 points. */
static inline void ph_top_row(ph_buf *c, long n)
{
	ph_printf(c, "BT /F1 1 Tf 1 Tz 10 830 Td (");
	ph_repeat(c, "Page", n / 4);
	ph_printf(c, ") Tj ET\n");
}

/* A page of its own: a header and footer row that no other page has (the
 * page number spelt in letters, as digits would fold together), and rows
 * single-glyph rows between, 1 pt apart. */
static inline void ph_unique_page(ph_buf *c, int page, int rows)
{
	char tag[16];
	int k = 0;
	for (int v = page; k < 8; v /= 26)
		tag[k++] = (char)('a' + v % 26);
	tag[k] = 0;
	ph_printf(c, "BT /F1 9 Tf 72 820 Td (Head %s) Tj ET\nBT /F1 9 Tf 72 10 Td (Foot %s) Tj ET\n", tag,
		  tag);
	ph_printf(c, "BT /F1 1 Tf 1 TL 72 780 Td\n");
	for (int r = 0; r < rows; r++)
		ph_printf(c, "(x) Tj T*\n");
	ph_printf(c, "ET\n");
}

/* A word and n thin stroked ruling lines, half horizontal and half
 * vertical, crossing in a grid over the page. */
static inline void ph_rules(ph_buf *c, int n)
{
	ph_printf(c, "BT /F1 12 Tf 72 800 Td (Table) Tj ET\n0.5 w\n");
	int half = n / 2;
	for (int i = 0; i < half; i++) {
		float y = 40.0f + 760.0f * (float)i / (float)(half ? half : 1);
		ph_printf(c, "40 %.3f m 555 %.3f l S\n", y, y);
	}
	for (int i = 0; i < n - half; i++) {
		float x = 40.0f + 515.0f * (float)i / (float)(n - half ? n - half : 1);
		ph_printf(c, "%.3f 40 m %.3f 800 l S\n", x, x);
	}
}

/* A word inside depth nested q ... Q. */
static inline void ph_nested_q(ph_buf *c, long depth)
{
	ph_repeat(c, "q ", depth);
	ph_printf(c, "BT /F1 12 Tf 72 700 Td (hello) Tj ET ");
	ph_repeat(c, "Q ", depth);
}

/* A scan: the grey image over the whole w x h page, no text. */
static inline void ph_scan(ph_buf *c, float w, float h)
{
	ph_printf(c, "q %.2f 0 0 %.2f 0 0 cm /Im1 Do Q\n", w, h);
}

/* pdf (n bytes) encrypted by MuPDF with AES-128: user password upw ("" opens
 * without one), owner password opw. A malloc'd copy, *out_n its length, or
 * NULL when MuPDF fails. */
static inline char *ph_encrypt(const char *pdf, size_t n, const char *upw, const char *opw, size_t *out_n)
{
	fz_context *ctx = fz_new_context(NULL, NULL, FZ_STORE_DEFAULT);
	if (!ctx)
		return NULL;
	char *res = NULL;
	fz_stream *stm = NULL;
	pdf_document *doc = NULL;
	fz_buffer *buf = NULL;
	fz_output *out = NULL;
	fz_var(stm);
	fz_var(doc);
	fz_var(buf);
	fz_var(out);
	fz_var(res);
	fz_try (ctx) {
		stm = fz_open_memory(ctx, (const unsigned char *)pdf, n);
		doc = pdf_open_document_with_stream(ctx, stm);
		buf = fz_new_buffer(ctx, n + 4096);
		out = fz_new_output_with_buffer(ctx, buf);
		pdf_write_options opts = pdf_default_write_options;
		opts.do_encrypt = PDF_ENCRYPT_AES_128;
		opts.permissions = -1;
		snprintf(opts.upwd_utf8, sizeof opts.upwd_utf8, "%s", upw);
		snprintf(opts.opwd_utf8, sizeof opts.opwd_utf8, "%s", opw);
		pdf_write_document(ctx, doc, out, &opts);
		fz_close_output(ctx, out);
		unsigned char *data;
		size_t len = fz_buffer_storage(ctx, buf, &data);
		res = malloc(len ? len : 1);
		if (res) {
			memcpy(res, data, len);
			*out_n = len;
		}
	}
	fz_always (ctx) {
		fz_drop_output(ctx, out);
		fz_drop_buffer(ctx, buf);
		pdf_drop_document(ctx, doc);
		fz_drop_stream(ctx, stm);
	}
	fz_catch (ctx) {
		free(res);
		res = NULL;
	}
	fz_drop_context(ctx);
	return res;
}

#endif
