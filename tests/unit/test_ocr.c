/* test_ocr.c - a scanned copy of a real final account (its summary table
 * page and its first narrative page rendered to images, nothing else kept)
 * read back through OCR: the key totals come back as facts and as table
 * cells, ruling lines are found in the image, an equation of the table
 * confirms OCR figures, and no error-level finding rests on an OCR figure
 * that no equation confirmed. OCR is chosen by the options struct, never
 * by the environment (the command line reads BL_NO_OCR: tests/suites/cli.sh). Reads ../shared/corpus beside the
 * checkout. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "ingest/ingest.h"
#include "rules/rules.h"
#include "scan.h"

static const char good[] = "../shared/corpus/peer/good/putuo-finance-2024-final.pdf";

static const bl_fact *fact(const bl_doc *doc, const char *key, int64_t u)
{
	for (size_t i = 0; i < bl_doc_nfacts(doc); i++) {
		const bl_fact *f = bl_doc_fact(doc, i);
		if (strcmp(f->key, key) == 0 && f->measure == BL_M_VALUE && f->value.u == u)
			return f;
	}
	return NULL;
}

/* The defaults, and what bl_ocr_threads makes of ocr_jobs. */
static void options_defaults(void)
{
	bl_open_options d = BL_OPEN_OPTIONS_INIT;
	CHECK(d.ocr == 1 && d.ocr_jobs == 0, "the defaults: OCR on, one thread per core");
	CHECK(bl_ocr_threads(&d) >= 1 && bl_ocr_threads(&d) <= 8, "one thread per core, at most 8: %d",
	      bl_ocr_threads(&d));
	d.ocr_jobs = 50;
	CHECK(bl_ocr_threads(&d) == 8, "at most 8 threads: %d", bl_ocr_threads(&d));
}

static int cell_with(const bl_table *t, int64_t u)
{
	for (size_t r = 0; r < t->nrows; r++)
		for (int c = 0; c < t->ncols; c++)
			if (t->rows[r].cells[c].state == BL_CELL_NUMBER && t->rows[r].cells[c].value.u == u)
				return 1;
	return 0;
}

int main(void)
{
	options_defaults();
	if (access(good, R_OK) != 0) {
		printf("FAIL %s not found (run from the checkout, ../shared beside it)\n", good);
		DONE("ocr");
	}
	char path[] = "/tmp/bl_scan_XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return 1;
	close(fd);
	/* page 6: 收入支出决算总表; page 21: the narrative's 收支总体情况 */
	const int pages[] = {6, 21};
	CHECK(scan_pdf(good, pages, 2, 150, path) == 0, "scanned copy written");
	bl_doc *doc = NULL;
	bl_diag d = {0};
	/* OCR on by the options, two threads; BL_NO_OCR is not the library's to read */
	bl_open_options on = BL_OPEN_OPTIONS_INIT;
	on.ocr_jobs = 2;
	setenv("BL_NO_OCR", "1", 1);
	CHECK(bl_doc_open_file_with(path, &on, &doc, &d) == BL_OK, "scanned copy opens: %s", d.msg);
	unsetenv("BL_NO_OCR");
	if (!doc) {
		unlink(path);
		DONE("ocr");
	}
	CHECK(doc->geom && doc->geom->npages == 2, "two pages");
	for (int p = 0; doc->geom && p < doc->geom->npages; p++) {
		const bl_pageinfo *pi = &doc->geom->pages[p];
		CHECK(pi->ocr && pi->state == BL_PAGE_OK && pi->nchars > 200,
		      "page %d read by OCR (%d chars)", p + 1, pi->nchars);
		CHECK(pi->ocr_conf >= 60, "page %d confidence %d", p + 1, pi->ocr_conf);
	}
	CHECK(doc->geom && doc->geom->pages[0].nrules >= 10, "the table's borders found in the image: %d",
	      doc->geom ? doc->geom->pages[0].nrules : 0);

	/* the key totals, from the narrative and from the table */
	CHECK(fact(doc, "total.grand_total", 2995390000) != NULL, "收入支出总计 2995.39 from OCR text");
	CHECK(fact(doc, "total.income", 2946250000) != NULL, "本年收入合计 2946.25");
	CHECK(fact(doc, "total.expense", 2940050000) != NULL, "本年支出合计 2940.05");
	const bl_table *t = NULL;
	for (size_t i = 0; i < bl_doc_ntables(doc); i++)
		if (bl_doc_table(doc, i)->kind == BL_TABLE_SUMMARY)
			t = bl_doc_table(doc, i);
	CHECK(t != NULL, "the summary table rebuilt from the scan");
	if (t) {
		/* 本年收入合计 and 一般公共预算财政拨款收入 (its 支出 half goes on on page 7) */
		CHECK(cell_with(t, 2946250000) && cell_with(t, 2940050000), "its totals read into cells");
		CHECK(t->unit == 10000, "its unit from the caption: %d", t->unit);
	}

	bl_doc_check(doc);
	CHECK(doc->nconfirmed > 0, "an equation of the table confirmed OCR figures");
	int errors = 0, ocr_pages = 0, required = 0;
	for (size_t i = 0; i < bl_doc_nfindings(doc); i++) {
		const bl_finding *f = bl_doc_finding(doc, i);
		if (f->severity == BL_SEV_ERROR) {
			errors++;
			printf("  error: %s: %s\n", f->rule, f->message);
		}
		ocr_pages += strcmp(f->rule, "ingest.ocr") == 0;
		required += strcmp(f->rule, "table.required") == 0;
	}
	CHECK(errors == 0, "no error rests on an unconfirmed OCR figure: %d", errors);
	CHECK(ocr_pages == 2, "each OCR page sent to human review: %d", ocr_pages);
	CHECK(required <= 1, "no flood of missing tables from a scan: %d", required);
	bl_doc_free(doc);

	/* the same pages with OCR off in the options: reported as scans, nothing read */
	bl_open_options off = BL_OPEN_OPTIONS_INIT;
	off.ocr = 0;
	doc = NULL;
	memset(&d, 0, sizeof d);
	CHECK(bl_doc_open_file_with(path, &off, &doc, &d) == BL_EFORMAT && !doc &&
		      strstr(d.msg,
			     "no text (2 of 2 pages have no readable text layer and OCR read nothing)"),
	      "OCR off leaves a scan unread, and a document with nothing read is refused: %s", d.msg);
	bl_doc_free(doc);
	unlink(path);
	DONE("ocr");
}
