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

int main(void)
{
	test_reading_order();
	test_headers_footers();
	test_unreadable_pages();
	test_all_scanned();
	test_not_pdf();
	DONE("pdf");
}
