#define _GNU_SOURCE /* memmem */
/* test_pdf.c - the PDF adapter on PDFs made here: reading order, column
 * gaps, running headers and footers, fake bold, unreadable and scanned pages,
 * boxes, and inputs that are not PDFs at all. */
#include <string.h>

#include "harness.h"
#include "ingest/ingest.h"
#include "rules/rules.h"
#include "pdfgen.h"

static bl_doc *open_pdf(const pdf_page *pages, int np, bl_status *st, bl_diag *diag)
{
	size_t n;
	char *pdf = pdf_make(pages, np, &n);
	bl_doc *d = NULL;
	*st = bl_doc_open_mem_with("t.pdf", pdf, n, NULL, &d, diag); /* NULL: the default options */
	free(pdf);
	return d;
}

/* The document line holding s, 1-based, or 0. */
static int line_with(const bl_doc *d, const char *s)
{
	for (int k = 1; k <= bl_doc_lines(d); k++) {
		bl_str l = bl_doc_line(d, k);
		char buf[1024];
		size_t m = l.n < sizeof buf - 1 ? l.n : sizeof buf - 1;
		memcpy(buf, l.p, m);
		buf[m] = 0;
		if (strstr(buf, s))
			return k;
	}
	return 0;
}

static int has_rule(bl_doc *d, const char *rule, const char *msg_part)
{
	bl_doc_check(d);
	for (size_t i = 0; i < bl_doc_nfindings(d); i++) {
		const bl_finding *f = bl_doc_finding(d, i);
		if (!strcmp(f->rule, rule) && (!msg_part || strstr(f->message, msg_part)))
			return 1;
	}
	return 0;
}

/* reading order follows the page, not the drawing order; a wide gap
 * keeps table columns apart; a doubled glyph (fake bold) is read once */
static void test_reading_order(void)
{
	bl_status st;
	bl_diag diag = {0};
	const pdf_run runs[] = {
		{.x = 400, .y = 700, .size = 12, .text = "2940.05"},
		{.x = 72, .y = 700, .size = 12, .text = "Total"},
		{.x = 72, .y = 760, .size = 16, .text = "Annual Final Account"},
		{.x = 72, .y = 730, .size = 12, .text = "Bold"},
		{.x = 72.3f, .y = 730, .size = 12, .text = "Bold"},
	};
	pdf_page pg = {.runs = runs, .nruns = 5};
	bl_doc *d = open_pdf(&pg, 1, &st, &diag);
	CHECK(st == BL_OK && d, "opens: %s", diag.msg);
	if (d) {
		CHECK(bl_doc_source(d) == BL_SRC_PDF, "source is pdf");
		int lt = line_with(d, "Annual Final Account"), lb = line_with(d, "Bold"),
		    lr = line_with(d, "Total");
		CHECK(lt > 0 && lt < lb && lb < lr, "top to bottom: %d %d %d", lt, lb, lr);
		bl_str l = bl_doc_line(d, lr);
		CHECK(l.n > 0 && strstr(l.p, "Total  ") != NULL && memmem(l.p, l.n, "2940.05", 7) != NULL,
		      "a column gap is two or more spaces");
		bl_str b = bl_doc_line(d, lb);
		CHECK(b.n >= 4 && memmem(b.p, b.n, "BoldBold", 8) == NULL &&
			      memmem(b.p, b.n, "BBoolldd", 8) == NULL,
		      "fake bold read once: %.*s", (int)b.n, b.p);
		/* the box of 2940.05: x from 400, y from the top of the page */
		const char *at = memmem(l.p, l.n, "2940.05", 7);
		int col = 1;
		for (const char *q = l.p; q < at; q++)
			col += ((unsigned char)*q & 0xC0) != 0x80;
		bl_box box = {0};
		CHECK(bl_doc_box(d, (bl_pos){1, lr, col}, 7, &box), "box known");
		CHECK(box.x0 > 399 && box.x0 < 401 && box.x1 > box.x0 + 20 && box.y0 < 842 - 700 &&
			      box.y1 > 842 - 700,
		      "box %.1f %.1f %.1f %.1f", box.x0, box.y0, box.x1, box.y1);
		CHECK(!bl_doc_box(d, (bl_pos){1, lr, col - 1}, 1, &box), "an inserted space has no box");
		bl_doc_free(d);
	}
}

/* running header and page-number footer on every page are dropped;
 * the body keeps its page */
static void test_headers_footers(void)
{
	bl_status st;
	bl_diag diag = {0};
	pdf_run r[4][3];
	pdf_page pg[4];
	char body[4][32], foot[4][16];
	for (int p = 0; p < 4; p++) {
		snprintf(body[p], sizeof body[p], "Body text of page %c", 'A' + p);
		snprintf(foot[p], sizeof foot[p], "- %d -", p + 1);
		r[p][0] =
			(pdf_run){.x = 72, .y = 815, .size = 9, .text = "Putuo District Finance Bureau 2024"};
		r[p][1] = (pdf_run){.x = 72, .y = 600, .size = 12, .text = body[p]};
		r[p][2] = (pdf_run){.x = 290, .y = 20, .size = 9, .text = foot[p]};
		pg[p] = (pdf_page){.runs = r[p], .nruns = 3};
	}
	bl_doc *d = open_pdf(pg, 4, &st, &diag);
	CHECK(st == BL_OK && d, "opens");
	if (d) {
		CHECK(bl_doc_pages(d) == 4, "4 pages, got %d", bl_doc_pages(d));
		CHECK(!line_with(d, "Finance Bureau"), "running header dropped");
		CHECK(!line_with(d, "- 3 -"), "page number dropped");
		int lc = line_with(d, "page C");
		CHECK(lc > 0 && d->lines[lc - 1].page == 3, "body kept on its page");
		CHECK(d->geom->pages[2].nremoved == 2, "two lines removed on page 3, got %d",
		      d->geom->pages[2].nremoved);
		CHECK(!has_rule(d, "ingest.text_layer", NULL), "readable pages are not reported");
		bl_doc_free(d);
	}
}

/* a page of garbage glyphs and a scanned page are reported, page by page,
 * and their text is not parsed */
static void test_unreadable_pages(void)
{
	bl_status st;
	bl_diag diag = {0};
	const pdf_run good[] = {{.x = 72, .y = 700, .size = 12, .text = "Readable first page"}};
	const pdf_run junk[] = {{.x = 72,
				 .y = 700,
				 .size = 12,
				 .text = "\xC0\xC1\xC2\xC3\xC4\xC5\xC6\xC7\xC8\xC9\xCA\xCB\xCC\xCD\xCE\xCF"},
				{.x = 72,
				 .y = 680,
				 .size = 12,
				 .text = "\xD0\xD1\xD2\xD3\xD4\xD5\xD6\xD8\xD9\xDA\xDB\xDC\xDD\xDE"}};
	pdf_page pg[3] = {{.runs = good, .nruns = 1}, {.runs = junk, .nruns = 2}, {.image = 1}};
	bl_doc *d = open_pdf(pg, 3, &st, &diag);
	CHECK(st == BL_OK && d, "opens");
	if (d) {
		CHECK(bl_doc_pages(d) == 3, "3 pages, got %d", bl_doc_pages(d));
		CHECK(has_rule(d, "ingest.text_layer", "第2页文字层无法识别"), "garbage page reported");
		CHECK(has_rule(d, "ingest.text_layer", "第3页是扫描图像"), "scanned page reported");
		CHECK(!has_rule(d, "ingest.text_layer", "第1页"), "good page not reported");
		CHECK(!line_with(d, "\xC3\x80"), "garbage text not in the document");
		CHECK(line_with(d, "Readable"), "good page read");
		bl_doc_free(d);
	}
}

/* a fully scanned document that OCR cannot read (the test pages hold no
 * image text): nothing to check, so one clear refusal naming the pages,
 * not a clean pass with a flood of missing sections */
static void test_all_scanned(void)
{
	bl_status st;
	bl_diag diag = {0};
	pdf_page pg[3] = {{.image = 1}, {.image = 1}, {.image = 1}}; /* scans */
	bl_doc *d = open_pdf(pg, 3, &st, &diag);
	CHECK(st == BL_EFORMAT && !d && strstr(diag.msg, "no text (3 of 3 pages"), "all-scan refused: %d %s",
	      st, diag.msg);
	bl_doc_free(d);
}

/* not a PDF after all, or cut short: a clear error, no crash */
static void test_not_pdf(void)
{
	bl_status st;
	bl_diag diag = {0};
	const char *bad = "%PDF-1.4\nthis is not a PDF body at all\n";
	bl_doc *d = NULL;
	st = bl_doc_open_mem("bad.pdf", bad, strlen(bad), &d, &diag);
	CHECK(st != BL_OK && !d && strstr(diag.msg, "cannot read 'bad.pdf'"), "garbage PDF refused: %s",
	      diag.msg);
	const pdf_run one[] = {{.x = 72, .y = 700, .size = 12, .text = "Some text"}};
	pdf_page pg = {.runs = one, .nruns = 1};
	size_t n;
	char *pdf = pdf_make(&pg, 1, &n);
	memset(&diag, 0, sizeof diag);
	st = bl_doc_open_mem("cut.pdf", pdf, n / 3, &d, &diag);
	CHECK((st == BL_OK && d) || (st != BL_OK && !d && diag.msg[0]),
	      "a cut PDF is read or refused cleanly");
	bl_doc_free(d);
	free(pdf);
}

/* ruling lines come from the same run of the page as its text: each
 * page's own, in order, and none kept for a page without text */
static void test_rules_one_pass(void)
{
	bl_status st;
	bl_diag diag = {0};
	const pdf_run t1[] = {{.x = 80, .y = 680, .size = 10, .text = "Table A 12.50"}};
	const pdf_run t3[] = {{.x = 80, .y = 500, .size = 10, .text = "Table B"}};
	const pdf_line l1[] = {{72, 700, 300, 700}, {72, 700, 72, 600}};
	const pdf_line l2[] = {{72, 400, 300, 400}};
	const pdf_line l3[] = {{100, 520, 100, 480}};
	pdf_page pg[3] = {{.runs = t1, .nruns = 1, .lines = l1, .nlines = 2},
			  {.lines = l2, .nlines = 1},
			  {.runs = t3, .nruns = 1, .lines = l3, .nlines = 1}};
	bl_doc *d = open_pdf(pg, 3, &st, &diag);
	CHECK(st == BL_OK && d, "opens: %s", diag.msg);
	if (!d)
		return;
	const bl_geom *g = d->geom;
	CHECK(g->nrules == 3, "3 ruling lines kept, got %zu", g->nrules);
	CHECK(g->pages[0].rule0 == 0 && g->pages[0].nrules == 2, "page 1: %zu %d", g->pages[0].rule0,
	      g->pages[0].nrules);
	CHECK(g->pages[1].nrules == 0, "page 2 has no text: no lines kept, got %d", g->pages[1].nrules);
	CHECK(g->pages[2].rule0 == 2 && g->pages[2].nrules == 1, "page 3: %zu %d", g->pages[2].rule0,
	      g->pages[2].nrules);
	if (g->nrules == 3) {
		const bl_ruling *h = &g->rules[0], *v = &g->rules[1], *v3 = &g->rules[2];
		CHECK(h->y0 == h->y1 && h->y0 > 141 && h->y0 < 143 && h->x0 > 71 && h->x1 < 301,
		      "horizontal %.1f %.1f %.1f %.1f", h->x0, h->y0, h->x1, h->y1);
		CHECK(v->x0 == v->x1 && v->x0 > 71 && v->x0 < 73 && v->y0 > 141 && v->y1 < 243, "vertical");
		CHECK(v3->x0 > 99 && v3->x0 < 101, "page 3's own line");
	}
	CHECK(line_with(d, "Table A 12.50") && line_with(d, "Table B"), "the text of the same run");
	bl_doc_free(d);
}

/* A PDF written here byte by byte, objects numbered from 1 in order. */
static char *raw_pdf(const char *const *objs, int n, size_t *len)
{
	bl_buf b = BL_BUF_INIT(1 << 20);
	size_t off[16];
	bl_buf_printf(&b, "%%PDF-1.4\n");
	for (int i = 0; i < n && i < 16; i++) {
		off[i] = b.n;
		bl_buf_printf(&b, "%d 0 obj\n%s\nendobj\n", i + 1, objs[i]);
	}
	size_t x = b.n;
	bl_buf_printf(&b, "xref\n0 %d\n0000000000 65535 f \n", n + 1);
	for (int i = 0; i < n && i < 16; i++)
		bl_buf_printf(&b, "%010zu 00000 n \n", off[i]);
	bl_buf_printf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", n + 1, x);
	*len = b.n;
	return b.p;
}

/* an annotation's lines are a page's ruling lines, as printed over it; its
 * text is not the document's (MuPDF's text of a page is its contents) */
static void test_annotation(void)
{
	static const char content[] = "BT /F1 12 Tf 72 700 Td (Page text) Tj ET";
	static const char ap[] = "0 0 m 100 0 l S 0 0 m 0 50 l S BT /F1 10 Tf 5 5 Td (Note) Tj ET";
	char c4[200], c7[300];
	snprintf(c4, sizeof c4, "<< /Length %zu >>\nstream\n%s\nendstream", strlen(content), content);
	snprintf(c7, sizeof c7,
		 "<< /Type /XObject /Subtype /Form /BBox [0 0 100 50] /Resources << /Font << /F1 5 0 R >> >> "
		 "/Length %zu >>\nstream\n%s\nendstream",
		 strlen(ap), ap);
	const char *objs[] = {
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 8 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
		"/Resources << /Font << /F1 5 0 R >> >> /Annots [6 0 R] >>",
		c4,
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		"<< /Type /Annot /Subtype /Square /Rect [100 100 200 150] /AP << /N 7 0 R >> >>",
		c7,
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Annots [6 0 R] >>",
	};
	size_t n;
	char *pdf = raw_pdf(objs, 8, &n);
	bl_doc *d = NULL;
	bl_diag diag = {0};
	bl_status st = bl_doc_open_mem("annot.pdf", pdf, n, &d, &diag);
	free(pdf);
	CHECK(st == BL_OK && d, "opens: %s", diag.msg);
	if (!d)
		return;
	const bl_geom *g = d->geom;
	CHECK(g->pages[0].nrules == 2 && g->nrules == 2, "the annotation's two lines: %d of %zu",
	      g->pages[0].nrules, g->nrules);
	if (g->nrules == 2)
		CHECK(g->rules[0].y0 == g->rules[0].y1 && g->rules[0].x0 > 99 && g->rules[0].x1 < 201 &&
			      g->rules[0].y0 > 791 - 150 && g->rules[0].y0 < 793 - 100,
		      "across the annotation's box: %.1f %.1f %.1f", g->rules[0].x0, g->rules[0].x1,
		      g->rules[0].y0);
	CHECK(line_with(d, "Page text") && !line_with(d, "Note"), "the contents' text, not the annotation's");
	CHECK(g->pages[1].nrules == 0, "a page with no text keeps no lines, got %d", g->pages[1].nrules);
	bl_doc_free(d);
}

/* two narrow letters in a row are two letters, not a glyph drawn twice to
 * fake bold (Helvetica's l is 0.22 em wide: the second began 0.22 em on) */
static void test_double_letters(void)
{
	bl_status st;
	bl_diag diag = {0};
	const pdf_run runs[] = {{.x = 72, .y = 700, .size = 12, .text = "Hello Bill, fill it all"},
				{.x = 72, .y = 660, .size = 12, .text = "Bold"},
				{.x = 72.3f, .y = 660, .size = 12, .text = "Bold"}};
	pdf_page pg = {.runs = runs, .nruns = 3};
	bl_doc *d = open_pdf(&pg, 1, &st, &diag);
	CHECK(st == BL_OK && d, "opens: %s", diag.msg);
	if (!d)
		return;
	CHECK(line_with(d, "Hello Bill, fill it all"), "double letters kept");
	int lb = line_with(d, "Bold");
	bl_str b = bl_doc_line(d, lb);
	CHECK(lb && memmem(b.p, b.n, "BBoolldd", 8) == NULL && memmem(b.p, b.n, "BoldBold", 8) == NULL,
	      "fake bold still read once: %.*s", (int)b.n, b.p);
	bl_doc_free(d);
}

int main(void)
{
	test_reading_order();
	test_headers_footers();
	test_unreadable_pages();
	test_all_scanned();
	test_not_pdf();
	test_rules_one_pass();
	test_annotation();
	test_double_letters();
	DONE("pdf");
}
