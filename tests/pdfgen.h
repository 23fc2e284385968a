/* pdfgen.h - writes small PDFs for tests: pages of text runs at given
 * positions, in Helvetica (WinAnsi, Latin-1 only) or, for runs marked cjk,
 * in the predefined CJK font STSong-Light with the UniGB-UCS2-H CMap (UTF-8
 * input, not embedded: readers map the codes to Unicode by the CMap);
 * ruling lines; optionally a full-page image (a scan). Coordinates are
 * PDF's: y grows upwards from the page bottom. */
#ifndef BL_PDFGEN_H
#define BL_PDFGEN_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct pdf_run {
	float x, y, size;
	const char *text; /* Latin-1 bytes; ( ) \ are escaped; UTF-8 when cjk */
	int cjk;
} pdf_run;

typedef struct pdf_line {
	float x0, y0, x1, y1;
} pdf_line;

typedef struct pdf_page {
	const pdf_run *runs;
	int nruns;
	int image;             /* draw a full-page grey image first */
	const pdf_line *lines; /* stroked 0.75 pt */
	int nlines;
} pdf_page;

/* Next code point of UTF-8 s (BMP only, as UCS-2 needs). */
static unsigned pg_utf8(const char **s)
{
	const unsigned char *p = (const unsigned char *)*s;
	unsigned c = p[0];
	int n = 1;
	if (c >= 0xE0 && p[1] && p[2]) {
		c = ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
		n = 3;
	} else if (c >= 0xC0 && p[1]) {
		c = ((c & 0x1F) << 6) | (p[1] & 0x3F);
		n = 2;
	}
	*s += n;
	return c;
}

typedef struct pdfgen {
	char *p;
	size_t n, cap;
	size_t off[256];
	int nobj;
} pdfgen;

static void pg_put(pdfgen *g, const char *s, size_t n)
{
	if (g->n + n + 1 > g->cap) {
		g->cap = (g->n + n + 1) * 2;
		g->p = realloc(g->p, g->cap);
		if (!g->p)
			abort();
	}
	memcpy(g->p + g->n, s, n);
	g->n += n;
	g->p[g->n] = 0;
}

static void pg_printf(pdfgen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void pg_printf(pdfgen *g, const char *fmt, ...)
{
	char buf[8192];
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	pg_put(g, buf, (size_t)k);
}

static void pg_obj(pdfgen *g, int id)
{
	g->off[id] = g->n;
	pg_printf(g, "%d 0 obj\n", id);
}

/* A whole PDF in a malloc'd buffer; *n gets its length. Objects: 1 catalog,
 * 2 pages, 3 font, then a page and its content stream for each page. */
/* The same with an Info dictionary whose Title is title (UTF-8, written as
 * UTF-16BE with its byte order mark), or none when title is NULL. */
static char *pdf_make_titled(const pdf_page *pages, int np, const char *title, size_t *n)
{
	pdfgen g = {0};
	pg_printf(&g, "%%PDF-1.4\n");
	pg_obj(&g, 1);
	pg_printf(&g, "<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
	pg_obj(&g, 2);
	pg_printf(&g, "<< /Type /Pages /Count %d /Kids [", np);
	for (int i = 0; i < np; i++)
		pg_printf(&g, "%d 0 R ", 4 + 2 * i);
	pg_printf(&g, "] >>\nendobj\n");
	pg_obj(&g, 3);
	pg_printf(&g, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding "
		      ">>\nendobj\n");
	int cjk_id = 4 + 2 * np;
	for (int i = 0; i < np; i++) {
		int pid = 4 + 2 * i, cid = pid + 1;
		pg_obj(&g, pid);
		pg_printf(&g,
			  "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 "
			  "0 R /F2 %d 0 R >> >> "
			  "/Contents %d 0 R >>\nendobj\n",
			  cjk_id, cid);
		pdfgen c = {0};
		if (pages[i].image)
			pg_printf(
				&c,
				"q 595 0 0 842 0 0 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x80\x80\x80\x80 EI Q\n");
		for (int l = 0; l < pages[i].nlines; l++) {
			const pdf_line *ln = &pages[i].lines[l];
			pg_printf(&c, "0.75 w %.2f %.2f m %.2f %.2f l S\n", ln->x0, ln->y0, ln->x1, ln->y1);
		}
		for (int r = 0; r < pages[i].nruns; r++) {
			const pdf_run *run = &pages[i].runs[r];
			if (run->cjk) {
				pg_printf(&c, "BT /F2 %.2f Tf %.2f %.2f Td <", run->size, run->x, run->y);
				for (const char *s = run->text; *s;)
					pg_printf(&c, "%04X", pg_utf8(&s));
				pg_printf(&c, "> Tj ET\n");
				continue;
			}
			pg_printf(&c, "BT /F1 %.2f Tf %.2f %.2f Td (", run->size, run->x, run->y);
			for (const char *s = run->text; *s; s++) {
				if (*s == '(' || *s == ')' || *s == '\\')
					pg_put(&c, "\\", 1);
				pg_put(&c, s, 1);
			}
			pg_printf(&c, ") Tj ET\n");
		}
		pg_obj(&g, cid);
		pg_printf(&g, "<< /Length %zu >>\nstream\n", c.n);
		pg_put(&g, c.p ? c.p : "", c.n);
		pg_printf(&g, "\nendstream\nendobj\n");
		free(c.p);
	}
	pg_obj(&g, cjk_id);
	pg_printf(&g, "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
		      "/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
		      "/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> "
		      "/FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 "
		      "/FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 "
		      "/StemV 80 >> "
		      "/DW 1000 /W [1 95 500] >>] >>\nendobj\n");
	int nobj = cjk_id + 1, info = 0;
	if (title) {
		info = nobj++;
		pg_obj(&g, info);
		pg_printf(&g, "<< /Title <FEFF");
		for (const char *t = title; *t;)
			pg_printf(&g, "%04X", pg_utf8(&t));
		pg_printf(&g, "> >>\nendobj\n");
	}
	size_t xref = g.n;
	pg_printf(&g, "xref\n0 %d\n0000000000 65535 f \n", nobj);
	for (int i = 1; i < nobj; i++)
		pg_printf(&g, "%010zu 00000 n \n", g.off[i]);
	if (info)
		pg_printf(&g, "trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
			  nobj, info, xref);
	else
		pg_printf(&g, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", nobj, xref);
	*n = g.n;
	return g.p;
}

static char *pdf_make(const pdf_page *pages, int np, size_t *n)
{
	return pdf_make_titled(pages, np, NULL, n);
}

#endif
