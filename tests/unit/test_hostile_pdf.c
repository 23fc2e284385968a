#define _GNU_SOURCE /* memmem */
/* test_hostile_pdf.c - the PDF adapter against hostile and damaged PDFs:
 * every field it reads is set, document-wide caps refuse what is too large
 * with a message, scans too large to render are left unread and reported,
 * a truncated or damaged file is refused unless nothing was lost, an
 * encrypted one is one clear error, and MuPDF's errors come back as one line
 * naming the file. */
#include <string.h>

#include "harness.h"
#include "ingest/ingest.h"
#include "rules/rules.h"
#include "pdfgen_hostile.h"

static bl_status open_bytes(const char *name, const char *pdf, size_t n, bl_doc **d, bl_diag *diag)
{
	memset(diag, 0, sizeof *diag);
	*d = NULL;
	return bl_doc_open_mem(name, pdf, n, d, diag);
}

static bl_status open_pages(const char *name, const ph_page *pages, int np, bl_doc **d, bl_diag *diag)
{
	size_t n;
	char *pdf = ph_make(pages, np, 1, &n);
	bl_status st = open_bytes(name, pdf, n, d, diag);
	free(pdf);
	return st;
}

/* A line of Helvetica text at (x, y), size pt. */
static void run(ph_buf *c, float x, float y, float size, const char *text)
{
	ph_printf(c, "BT /F1 %.2f Tf %.2f %.2f Td (%s) Tj ET\n", size, x, y, text);
}

/* The document line holding s, 1-based, or 0. */
static int line_with(const bl_doc *d, const char *s)
{
	for (int k = 1; k <= bl_doc_lines(d); k++) {
		bl_str l = bl_doc_line(d, k);
		if (memmem(l.p, l.n, s, strlen(s)))
			return k;
	}
	return 0;
}

/* A diagnostic is one line of text that starts by naming the file. */
static int one_line_naming(const bl_diag *diag, const char *name)
{
	char want[128];
	snprintf(want, sizeof want, "cannot read '%s': ", name);
	if (strncmp(diag->msg, want, strlen(want)) != 0)
		return 0;
	for (const unsigned char *p = (const unsigned char *)diag->msg; *p; p++)
		if (*p < 0x20 || *p == 0x7F)
			return 0;
	return 1;
}

/* Each character's fields are all set: gap_spaces once read an OCR flag
 * that text-layer characters never had (valgrind saw it on every real PDF).
 * Under AddressSanitizer fresh memory is filled with 0xbe, so the stale flag
 * read as "OCR" and glued two figures a third of an em apart. */
static void test_fields_set(void)
{
	ph_buf c = {0};
	/* "2940" is 26.69 pt wide at 12 pt: "05" starts 4 pt (a third of an em) after it */
	ph_printf(&c, "BT /F1 12 Tf 72 760 Td (Figures on one row) Tj ET\n");
	ph_printf(&c, "BT /F1 12 Tf 100 700 Td (2940) Tj ET BT /F1 12 Tf 130.69 700 Td (05) Tj ET\n");
	ph_page pg = {595, 842, &c};
	bl_doc *d;
	bl_diag diag;
	bl_status st = open_pages("gap.pdf", &pg, 1, &d, &diag);
	CHECK(st == BL_OK && d, "opens: %s", diag.msg);
	if (d) {
		CHECK(line_with(d, "2940 05"),
		      "a gap of a third of an em between text-layer figures is a space");
		bl_doc_free(d);
	}
	free(c.p);
}

/* The per-page cap bounds one page; the document needs its own. 6 pages of
 * 350,000 glyphs (2.1 million) were read whole before (200 such pages took
 * 46 s and 2.7 GB); now the document is refused when the page that passes
 * MAX_DOC_CHARS is read. */
static void test_doc_cap(void)
{
	ph_buf c = {0};
	ph_glyphs(&c, 350000, 0);
	ph_page pg[6];
	for (int i = 0; i < 6; i++)
		pg[i] = (ph_page){595, 842, &c};
	bl_doc *d;
	bl_diag diag;
	bl_status st = open_pages("many.pdf", pg, 6, &d, &diag);
	CHECK(st == BL_ETOOBIG && !d, "2.1 million glyphs refused: %d %s", st, diag.msg);
	CHECK(strstr(diag.msg, "more than 2000000 characters in the document (reached on page 6)") &&
		      one_line_naming(&diag, "many.pdf"),
	      "the message names the cap and the page: %s", diag.msg);
	bl_doc_free(d);
	free(c.p);
}

/* A scan too large to render at 200 dpi is rendered smaller, and one too
 * large to read at 100 dpi is not rendered at all: it stays a page without
 * text, reported like an illegible scan. A page of 100,000 points made
 * MuPDF ask for 77 GB and failed the document; one of 14,400 took 26 s and
 * 3 GB. */
static void test_big_scans(void)
{
	const char *words[] = {"Readable first page"};
	ph_buf t = {0}, huge = {0}, big = {0}, small = {0};
	ph_text(&t, words, 1);
	ph_scan(&huge, 100000, 100000);
	ph_scan(&big, 2000, 2000);
	ph_scan(&small, 300, 300);
	ph_page pg[4] = {{595, 842, &t}, {100000, 100000, &huge}, {2000, 2000, &big}, {300, 300, &small}};
	bl_doc *d;
	bl_diag diag;
	bl_status st = open_pages("scans.pdf", pg, 4, &d, &diag);
	CHECK(st == BL_OK && d, "a document with a huge scan opens: %s", diag.msg);
	if (d) {
		const bl_pageinfo *pi = d->geom->pages;
		CHECK(d->geom->npages == 4 && line_with(d, "Readable first page"), "the text page is read");
		CHECK(pi[1].state == BL_PAGE_NOTEXT && !pi[1].ocr && pi[1].ocr_dpi == 0,
		      "a 100,000 pt scan is left unread: state %d dpi %.1f", pi[1].state, pi[1].ocr_dpi);
		float px = 2000 * pi[2].ocr_dpi / 72;
		CHECK(pi[2].ocr_dpi >= 100 && pi[2].ocr_dpi < 200 && px * px <= 16.1e6,
		      "a 2,000 pt scan is rendered under the pixel budget: %.1f dpi", pi[2].ocr_dpi);
		CHECK(pi[3].ocr_dpi == 200, "a small scan is rendered at 200 dpi: %.1f", pi[3].ocr_dpi);
		bl_doc_check(d);
		int reported = 0;
		for (size_t i = 0; i < bl_doc_nfindings(d); i++) {
			const bl_finding *f = bl_doc_finding(d, i);
			reported +=
				!strcmp(f->rule, "ingest.text_layer") && strstr(f->message, "第2页") != NULL;
		}
		CHECK(reported == 1, "the unread page is reported");
		bl_doc_free(d);
	}
	free(t.p);
	free(huge.p);
	free(big.p);
	free(small.p);
}

/* A PDF cut short is repaired by MuPDF from what is left; before, a file cut
 * to 40% was read as whatever pages survived and filed as ok. Now a repair
 * that lost a page's objects refuses the document; a repair that lost
 * nothing (only the cross-reference table and trailer were cut) reads the
 * same text as the whole file. */
static void test_truncated(void)
{
	ph_buf c[5] = {{0}};
	ph_page pages[5];
	for (int p = 0; p < 5; p++) {
		char body[40];
		snprintf(body, sizeof body, "Body text of page %d", p + 1);
		run(&c[p], 72, 760, 12, "Annual Final Account");
		run(&c[p], 72, 700, 12, body);
		pages[p] = (ph_page){595, 842, &c[p]};
	}
	size_t n;
	char *pdf = ph_make(pages, 5, 0, &n);
	bl_doc *whole, *d;
	bl_diag diag;
	bl_status st = open_bytes("whole.pdf", pdf, n, &whole, &diag);
	CHECK(st == BL_OK && whole, "the whole file opens: %s", diag.msg);

	st = open_bytes("cut.pdf", pdf, n * 40 / 100, &d, &diag);
	CHECK(st == BL_EFORMAT && !d && strstr(diag.msg, "the PDF is damaged or cut short (") &&
		      strstr(diag.msg, " of 5 pages incomplete)") && one_line_naming(&diag, "cut.pdf"),
	      "cut to 40%%: refused: %d %s", st, diag.msg);
	bl_doc_free(d);

	const char *x = memmem(pdf, n, "\nxref\n", 6);
	st = x ? open_bytes("noxref.pdf", pdf, (size_t)(x - pdf) + 1, &d, &diag) : BL_EFORMAT;
	CHECK(st == BL_OK && d, "cut before its xref: read: %s", diag.msg);
	if (d && whole)
		CHECK(d->nbytes == whole->nbytes && !memcmp(d->bytes, whole->bytes, d->nbytes),
		      "the same text as the whole file");
	bl_doc_free(d);
	bl_doc_free(whole);
	free(pdf);
	for (int p = 0; p < 5; p++)
		free(c[p].p);
}

/* An encrypted PDF that needs a password is one clear error; one with only
 * an owner password (no password to open) reads normally. */
static void test_encrypted(void)
{
	const char *words[] = {"Encrypted body text"};
	ph_buf t = {0};
	ph_text(&t, words, 1);
	ph_page pg = {595, 842, &t};
	size_t n, en;
	char *pdf = ph_make(&pg, 1, 1, &n);
	char *enc = ph_encrypt(pdf, n, "secret", "owner", &en);
	CHECK(enc != NULL, "MuPDF wrote an encrypted copy");
	bl_doc *d;
	bl_diag diag;
	if (enc) {
		bl_status st = open_bytes("locked.pdf", enc, en, &d, &diag);
		CHECK(st == BL_EFORMAT && !d && one_line_naming(&diag, "locked.pdf") &&
			      strstr(diag.msg, "encrypted"),
		      "a password is needed: refused: %s", diag.msg);
		bl_doc_free(d);
		free(enc);
	}
	enc = ph_encrypt(pdf, n, "", "owner", &en);
	if (enc) {
		bl_status st = open_bytes("owner.pdf", enc, en, &d, &diag);
		CHECK(st == BL_OK && d && line_with(d, "Encrypted body text"),
		      "owner password only: read: %s", diag.msg);
		bl_doc_free(d);
		free(enc);
	}
	free(pdf);
	free(t.p);
}

/* Writes a PDF of the given objects (1 is the catalog) with a right xref. */
static char *raw_pdf(const char *const *objs, int nobj, size_t *n)
{
	ph_buf b = {0};
	size_t *off = calloc((size_t)nobj + 1, sizeof *off);
	ph_printf(&b, "%%PDF-1.7\n");
	for (int i = 0; i < nobj; i++) {
		off[i] = b.n;
		ph_printf(&b, "%d 0 obj\n", i + 1);
		ph_put(&b, objs[i], strlen(objs[i]));
		ph_printf(&b, "\nendobj\n");
	}
	size_t xref = b.n;
	ph_printf(&b, "xref\n0 %d\n0000000000 65535 f \n", nobj + 1);
	for (int i = 0; i < nobj; i++)
		ph_printf(&b, "%010zu 00000 n \n", off[i]);
	ph_printf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", nobj + 1, xref);
	free(off);
	*n = b.n;
	return b.p;
}

/* MuPDF's errors stay in the adapter: a status and one line naming the
 * file, and the page when a page failed. */
static void test_mupdf_errors(void)
{
	const char *loop[] = {"<< /Type /Catalog /Pages 2 0 R >>",
			      "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
			      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"};
	const char *wide[] = {
		"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im 5 0 R >> "
		">> "
		"/Contents 4 0 R >>",
		"<< /Length 30 >>\nstream\nq 500 0 0 700 50 50 cm /Im Do Q\nendstream",
		"<< /Type /XObject /Subtype /Image /Width 100000 /Height 100000 /ColorSpace /DeviceGray "
		"/BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream"};
	/* a chain of 300 forms, each drawing the next: deeper than MuPDF's
	 * stack of exceptions */
	enum { DEPTH = 300 };
	static char forms[DEPTH][160];
	static const char *chain[3 + DEPTH + 1];
	chain[0] = "<< /Type /Catalog /Pages 2 0 R >>";
	chain[1] = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
	chain[2] = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /X 5 0 R "
		   ">> >> "
		   "/Contents 4 0 R >>";
	chain[3] = "<< /Length 4 >>\nstream\n/X Do\nendstream";
	for (int i = 0; i < DEPTH; i++) {
		snprintf(forms[i], sizeof forms[i],
			 "<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /X "
			 "%d 0 R >> >> "
			 "/Length 4 >>\nstream\n/X Do\nendstream",
			 i + 6);
		chain[4 + i] = forms[i];
	}
	chain[4 + DEPTH - 1] =
		"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Length 4 >>\nstream\nq Q\nendstream";
	const char *bad[][2] = {{"header.pdf", "%PDF-1.4\n"},
				{"junk.pdf", "%PDF-1.4\n\x01\x02 not a body \xff\xfe\n"}};
	struct {
		const char *name;
		const char *const *objs;
		int nobj;
		const char *want;
	} cases[] = {
		{"loop.pdf", loop, 3, "page 1 cannot be read (cycle in page tree)"},
		{"wide.pdf", wide, 5, "page 1 cannot be read ("},
		{"chain.pdf", chain, 4 + DEPTH, "page 1 cannot be read ("},
	};
	bl_doc *d;
	bl_diag diag;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t n;
		char *pdf = raw_pdf(cases[i].objs, cases[i].nobj, &n);
		bl_status st = open_bytes(cases[i].name, pdf, n, &d, &diag);
		CHECK(st != BL_OK && !d && one_line_naming(&diag, cases[i].name) &&
			      strstr(diag.msg, cases[i].want),
		      "%s: %s", cases[i].name, diag.msg);
		bl_doc_free(d);
		free(pdf);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		bl_status st = open_bytes(bad[i][0], bad[i][1], strlen(bad[i][1]), &d, &diag);
		CHECK(st != BL_OK && !d && one_line_naming(&diag, bad[i][0]), "%s: %s", bad[i][0], diag.msg);
		bl_doc_free(d);
	}
}

/* Running headers are found by sorting the band rows, not by comparing
 * every band row with every row: the same decisions as before. Six pages,
 * so a text must be on two of them. */
static void test_running(void)
{
	ph_buf c[6] = {{0}};
	ph_page pg[6];
	for (int p = 0; p < 6; p++) {
		char body[32], foot[16];
		snprintf(body, sizeof body, "Body text of page %d", p + 1);
		snprintf(foot, sizeof foot, "- %d -", p + 1);
		if (p < 2)
			run(&c[p], 72, 815, 9, "Alpha Report"); /* two pages: running */
		else if (p == 2)
			run(&c[p], 72, 815, 9, "Beta Report"); /* one page: kept */
		else if (p == 3) {
			run(&c[p], 72, 815, 9, "Gamma Report"); /* twice on one page: kept */
			run(&c[p], 72, 40, 9, "Gamma Report");
		}
		run(&c[p], 72, 600, 12, body);
		run(&c[p], 290, 20, 9, foot);
		pg[p] = (ph_page){595, 842, &c[p]};
	}
	size_t n;
	char *pdf = ph_make(pg, 6, 0, &n);
	bl_doc *d;
	bl_diag diag;
	bl_status st = open_bytes("running.pdf", pdf, n, &d, &diag);
	CHECK(st == BL_OK && d, "opens: %s", diag.msg);
	if (d) {
		CHECK(!line_with(d, "Alpha Report"), "a header on two of six pages is dropped");
		CHECK(line_with(d, "Beta Report"), "a header on one page is kept");
		CHECK(line_with(d, "Gamma Report"), "a text twice on one page counts one page");
		CHECK(!line_with(d, "- 4 -") && line_with(d, "page 4"), "page numbers dropped, bodies kept");
		CHECK(d->geom->pages[0].nremoved == 2 && d->geom->pages[3].nremoved == 1, "removed: %d %d",
		      d->geom->pages[0].nremoved, d->geom->pages[3].nremoved);
		bl_doc_free(d);
	}
	free(pdf);
	for (int p = 0; p < 6; p++)
		free(c[p].p);
}

/* argv[1], when given, runs only the test of that name ("doc_cap"). */
int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		void (*fn)(void);
	} tests[] = {
		{"fields_set", test_fields_set}, {"doc_cap", test_doc_cap},
		{"big_scans", test_big_scans},   {"truncated", test_truncated},
		{"encrypted", test_encrypted},   {"mupdf_errors", test_mupdf_errors},
		{"running", test_running},
	};
	for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++)
		if (argc < 2 || !strcmp(argv[1], tests[i].name))
			tests[i].fn();
	DONE("hostile_pdf");
}
