/* test_hostile_struct.c - the structured adapters (XLSX, DOCX, HTML, and the
 * zip and XML beneath them) on hostile input: numbers of any form, merged
 * ranges and spans that would cost their area over and over, sheets far
 * larger than their cells, nesting, DTDs and entities, zips that lie. Each
 * must end in a document or one clear error, in bounded time; the cases
 * written against issue 14 fail on the code before its fixes. Archives are
 * written byte by byte and stored (tests/hostile_zip.h), so the XML each
 * case feeds the adapters is the XML written here. */
#define _GNU_SOURCE /* memmem */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"
#include "hostile_zip.h"
#include "ingest/ingest.h"
#include "rules/rules.h"

/* --- opening what the tests write --- */

static bl_doc *open_bytes(const char *name, const void *bytes, size_t n, bl_diag *d)
{
	bl_doc *doc = NULL;
	memset(d, 0, sizeof *d);
	bl_doc_open_mem(name, bytes, n, &doc, d);
	return doc;
}

static bl_doc *open_zip(const char *name, const hz_entry *e, int n, bl_diag *d)
{
	hz_buf b = hz_build(e, n);
	bl_doc *doc = open_bytes(name, b.p, b.n, d);
	free(b.p);
	return doc;
}

/* An XLSX of nsheets sheets, each the worksheet part sheet. */
static bl_doc *open_xlsx(const char *sheet, size_t len, int nsheets, bl_diag *d)
{
	char *wb, *rels;
	hz_workbook(nsheets, &wb, &rels);
	hz_entry e[] = {HZ("[Content_Types].xml", hz_content_types, strlen(hz_content_types)),
			HZ("xl/workbook.xml", wb, strlen(wb)),
			HZ("xl/_rels/workbook.xml.rels", rels, strlen(rels)),
			HZ("xl/worksheets/sheet1.xml", sheet, len)};
	bl_doc *doc = open_zip("t.xlsx", e, 4, d);
	free(wb);
	free(rels);
	return doc;
}

static bl_doc *open_docx(const char *xml, size_t len, bl_diag *d)
{
	hz_entry e[] = {HZ("[Content_Types].xml", hz_content_types, strlen(hz_content_types)),
			HZ("word/document.xml", xml, len)};
	return open_zip("t.docx", e, 2, d);
}

static bl_doc *open_html(const char *page, size_t len, bl_diag *d)
{
	return open_bytes("t.html", page, len, d);
}

static int has_line(const bl_doc *doc, const char *s)
{
	for (int i = 1; doc && i <= bl_doc_lines(doc); i++) {
		bl_str l = bl_doc_line(doc, i);
		if (l.n >= strlen(s) && memmem(l.p, l.n, s, strlen(s)))
			return i;
	}
	return 0;
}

static double since(clock_t t0)
{
	return (double)(clock() - t0) / CLOCKS_PER_SEC;
}

/* A growable string for the large inputs. */
typedef struct sb {
	char *p;
	size_t n, cap;
} sb;

static void put(sb *b, const char *s)
{
	size_t k = strlen(s);
	if (b->n + k + 1 > b->cap) {
		b->cap = (b->n + k + 1) * 2;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			abort();
	}
	memcpy(b->p + b->n, s, k + 1);
	b->n += k;
}

/* fmt holds up to eight %ld, each x. */
static void putf(sb *b, const char *fmt, long x)
{
	char t[256];
	snprintf(t, sizeof t, fmt, x, x, x, x, x, x, x, x);
	put(b, t);
}

#define SHEET_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" HZ_S_NS "\">"
#define DOC_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"" HZ_W_NS "\"><w:body>"
#define DOC_TAIL "</w:body></w:document>"
#define IS(ref, t) "<c r=\"" ref "\" t=\"inlineStr\"><is><t>" t "</t></is></c>"

/* --- XLSX: numbers --- */

/* A summary table whose 收入总计 row stores v as its 本年收入. */
static bl_doc *number_table(const char *v, bl_diag *d)
{
	sb s = {0};
	put(&s,
	    SHEET_HEAD "<sheetData><row r=\"1\">" IS("A1", "收入支出决算总表") "</row><row r=\"2\">" IS(
		    "C2", "单位：万元") "</row><row r=\"3\">" IS("A3", "项目") IS("B3", "本年收入")
		    IS("C3", "本年支出") "</row><row r=\"4\">" IS(
			    "A4", "一般公共预算财政拨款收入") "<c r=\"B4\"><v>1000.5</v></c><c "
							      "r=\"C4\"><v>900.5</v></c></row><row "
							      "r=\"5\">" IS("A5",
									    "收入总计") "<c r=\"B5\"><v>");
	put(&s, v);
	put(&s, "</v></c><c r=\"C5\"><v>900.5</v></c></row></sheetData></worksheet>");
	bl_doc *doc = open_xlsx(s.p, s.n, 1, d);
	free(s.p);
	return doc;
}

static const bl_cell *income_total(const bl_doc *doc)
{
	for (size_t i = 0; doc && i < bl_doc_ntables(doc); i++) {
		const bl_table *t = bl_doc_table(doc, i);
		for (int c = 0; c < t->ncols; c++)
			for (size_t r = 0; strcmp(t->cols[c].name, "本年收入") == 0 && r < t->nrows; r++)
				if (strcmp(t->rows[r].label, "收入总计") == 0)
					return &t->rows[r].cells[c];
	}
	return NULL;
}

static void test_xlsx_numbers(void)
{
	static char nines[10001];
	memset(nines, '9', 10000);
	/* what Excel cannot hold shows as #NUM!, what is no number as #VALUE!: text, a doubt of its table */
	static const struct {
		const char *stored, *shown;
	} bad[] = {{nines, "#NUM!"},     {"1e400", "#NUM!"},  {"1e309", "#NUM!"}, {"-1E+309", "#NUM!"},
		   {"INF", "#NUM!"},     {"-INF", "#NUM!"},   {"NaN", "#NUM!"},   {"inf", "#VALUE!"},
		   {"nan", "#VALUE!"},   {"0x1F", "#VALUE!"}, {"-", "#VALUE!"},   {"abc", "#VALUE!"},
		   {"12abc", "#VALUE!"}, {"1e", "#VALUE!"},   {".", "#VALUE!"},   {"1,000", "#VALUE!"}};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		bl_diag d;
		bl_doc *doc = number_table(bad[i].stored, &d);
		const char *what = strlen(bad[i].stored) > 20 ? "10,000 nines" : bad[i].stored;
		CHECK(doc != NULL, "a table with %s opens: %s", what, d.msg);
		const bl_cell *c = income_total(doc);
		CHECK(c && c->state == BL_CELL_TEXT && strcmp(c->text, bad[i].shown) == 0,
		      "%s is the doubt %s: %s", what, bad[i].shown, c ? c->text : "(no cell)");
		for (size_t k = 0; doc && k < bl_doc_nfacts(doc); k++)
			CHECK(!memmem(bl_doc_fact(doc, k)->text.p, bl_doc_fact(doc, k)->text.n, "999", 3),
			      "no figure made of %s", what);
		bl_doc_free(doc);
	}
	/* empty or blank: no value, as an absent <v> */
	static const char *const empty[] = {"", "  ", "\n"};
	for (size_t i = 0; i < 3; i++) {
		bl_diag d;
		bl_doc *doc = number_table(empty[i], &d);
		const bl_cell *c = income_total(doc);
		CHECK(c && c->state == BL_CELL_BLANK, "an empty value is a blank cell, never 0: %s",
		      c ? c->text : "(no cell)");
		bl_doc_free(doc);
	}
	/* a normal value, and the exponent and sign forms Excel writes, unchanged */
	static const struct {
		const char *stored, *shown;
	} good[] = {{"1000.5", "1000.5"},
		    {"1.0005E3", "1000.5"},
		    {"+12.25", "12.25"},
		    {"2.5e-1", "0.25"},
		    {" 7.5 ", "7.5"}};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		bl_diag d;
		bl_doc *doc = number_table(good[i].stored, &d);
		const bl_cell *c = income_total(doc);
		CHECK(c && c->state == BL_CELL_NUMBER && strcmp(c->text, good[i].shown) == 0,
		      "%s shows as %s: %s", good[i].stored, good[i].shown, c ? c->text : "(no cell)");
		bl_doc_free(doc);
	}
	/* text between the elements of styles.xml: read as no attributes, not as an element's (it crashed) */
	{
		static const char styles[] =
			"<?xml version=\"1.0\"?><styleSheet xmlns=\"" HZ_S_NS "\"><numFmts>abcdefgh"
			"<numFmt numFmtId=\"164\" formatCode=\"0.0\"/>xyzxyzxy</numFmts><cellXfs>qwertyui"
			"<xf numFmtId=\"164\"/></cellXfs></styleSheet>";
		const char *one = SHEET_HEAD
			"<sheetData><row r=\"1\">" IS("A1", "收入总计") "<c r=\"B1\" s=\"0\"><v>12.34</v></c>"
									"</row></sheetData></worksheet>";
		char *wb, *rels;
		hz_workbook(1, &wb, &rels);
		hz_entry e[] = {HZ("[Content_Types].xml", hz_content_types, strlen(hz_content_types)),
				HZ("xl/workbook.xml", wb, strlen(wb)),
				HZ("xl/_rels/workbook.xml.rels", rels, strlen(rels)),
				HZ("xl/styles.xml", styles, strlen(styles)),
				HZ("xl/worksheets/sheet1.xml", one, strlen(one))};
		bl_diag d;
		bl_doc *doc = open_zip("t.xlsx", e, 5, &d);
		CHECK(doc && has_line(doc, "收入总计  12.3"), "text inside numFmts and cellXfs: %s", d.msg);
		bl_doc_free(doc);
		free(wb);
		free(rels);
	}
	/* a finite double of 301 digits: its 15 significant digits and zeros, never the binary expansion */
	char want[400] = "1";
	memset(want + 1, '0', 300);
	want[301] = 0;
	const char *sheet = SHEET_HEAD "<sheetData><row r=\"1\">" IS(
		"A1", "收入总计") "<c r=\"B1\"><v>1e300</v></c></row></sheetData></worksheet>";
	bl_diag d;
	bl_doc *doc = open_xlsx(sheet, strlen(sheet), 1, &d);
	bl_str l = doc ? bl_doc_line(doc, 1) : (bl_str){"", 0};
	CHECK(doc && l.n >= 301 && memmem(l.p, l.n, want, 301) && !memmem(l.p, l.n, "52504760", 8),
	      "1e300 shown in decimal: %.40s", l.p);
	bl_doc_free(doc);
}

/* --- XLSX: merged ranges, sparse sheets, rows --- */

static void test_xlsx_merges(void)
{
	/* 1,000 rows of two cells far apart, 20,000 one-cell ranges and a real one every ten rows:
	 * looking each cell up in every range costs 5e9 steps */
	sb s = {0};
	put(&s, SHEET_HEAD "<sheetData>");
	for (long i = 1; i <= 1000; i++)
		putf(&s, "<row r=\"%ld\"><c r=\"A%ld\"><v>%ld</v></c><c r=\"IV%ld\"><v>%ld</v></c></row>", i);
	put(&s, "</sheetData><mergeCells>");
	for (long i = 0; i < 20000; i++)
		put(&s, "<mergeCell ref=\"A1:A1\"/>");
	for (long i = 1; i < 1000; i += 10) {
		char m[64];
		snprintf(m, sizeof m, "<mergeCell ref=\"B%ld:C%ld\"/>", i, i + 1);
		put(&s, m);
	}
	put(&s, "</mergeCells></worksheet>");
	clock_t t0 = clock();
	bl_diag d;
	bl_doc *doc = open_xlsx(s.p, s.n, 1, &d);
	double t = since(t0);
	CHECK(doc != NULL, "the sheet opens: %s", d.msg);
	CHECK(t < 2.0, "merged ranges cost their cells, not cells x ranges: %.2f s", t);
	const bl_sgrid *g = doc && doc->sdoc && doc->sdoc->ngrids ? &doc->sdoc->grids[0] : NULL;
	CHECK(g && g->nb == 1000 && g->nc == 256, "one table of 1000 x 256: %d x %d", g ? g->nb : 0,
	      g ? g->nc : 0);
	if (g && g->nb == 1000 && g->nc == 256) {
		CHECK(g->start[0 * 256 + 2] == 1 && g->start[1 * 256 + 2] == 1 && g->open[1 * 256 + 1],
		      "B1:C2 is one cell of two rows and two columns");
		CHECK(g->start[2 * 256 + 2] == 2 && !g->open[2 * 256 + 1], "B3 is a cell of its own");
	}
	bl_doc_free(doc);
	free(s.p);

	/* ranges that overlap thousands of times over one table: a clear refusal, not 5e8 steps */
	s = (sb){0};
	put(&s, SHEET_HEAD "<sheetData>");
	for (long i = 1; i <= 2000; i++)
		putf(&s, "<row r=\"%ld\"><c r=\"A%ld\"><v>%ld</v></c><c r=\"IV%ld\"><v>%ld</v></c></row>", i);
	put(&s, "</sheetData><mergeCells>");
	for (long i = 0; i < 1000; i++)
		put(&s, "<mergeCell ref=\"A1:IV2000\"/>");
	put(&s, "</mergeCells></worksheet>");
	doc = open_xlsx(s.p, s.n, 1, &d);
	CHECK(!doc && d.status == BL_ETOOBIG && strstr(d.msg, "overlap") && strstr(d.msg, "'S1'"),
	      "overlapping ranges refused, naming the sheet: %s", d.msg);
	bl_doc_free(doc);
	free(s.p);

	/* a range across a blank row keeps its block together, whatever order the ranges are listed in */
	static const char *const orders[] = {"<mergeCell ref=\"B3:B7\"/><mergeCell ref=\"C7:C10\"/>",
					     "<mergeCell ref=\"C7:C10\"/><mergeCell ref=\"B3:B7\"/>"};
	for (int k = 0; k < 2; k++) {
		s = (sb){0};
		put(&s, SHEET_HEAD "<sheetData>");
		for (long i = 1; i <= 12; i++)
			if (i < 5 || i > 10)
				putf(&s,
				     "<row r=\"%ld\"><c r=\"A%ld\"><v>%ld</v></c><c "
				     "r=\"B%ld\"><v>%ld</v></c><c r=\"C%ld\"><v>1</v></c></row>",
				     i);
		put(&s, "</sheetData><mergeCells>");
		put(&s, orders[k]);
		put(&s, "</mergeCells></worksheet>");
		doc = open_xlsx(s.p, s.n, 1, &d);
		g = doc && doc->sdoc && doc->sdoc->ngrids ? &doc->sdoc->grids[0] : NULL;
		CHECK(doc && doc->sdoc->ngrids == 1 && g->nb == 12,
		      "one block of 12 rows (order %d): %zu grids, %d rows %s", k,
		      doc ? doc->sdoc->ngrids : 0, g ? g->nb : 0, d.msg);
		bl_doc_free(doc);
		free(s.p);
	}
}

static void test_xlsx_sheets(void)
{
	/* 64 sheets, each a part of four cells at the corners of 20000 x 256 */
	const char *sheet = SHEET_HEAD
		"<dimension ref=\"A1:XFD1048576\"/><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c>"
		"<c r=\"B1\"><v>2</v></c></row><row r=\"20000\"><c r=\"IU20000\"><v>3</v></c>"
		"<c r=\"IV20000\"><v>4</v></c></row></sheetData></worksheet>";
	clock_t t0 = clock();
	bl_diag d;
	bl_doc *doc = open_xlsx(sheet, strlen(sheet), 64, &d);
	double t = since(t0);
	CHECK(doc != NULL, "sparse sheets open: %s", d.msg);
	CHECK(t < 1.0, "a sheet costs its cells, not the area they span: %.2f s for 64", t);
	CHECK(has_line(doc, "1  2") && has_line(doc, "3  4"), "both corners read");
	bl_doc_free(doc);

	/* 200,000 rows: refused at row 20,001, without reading the rest into a tree */
	sb s = {0};
	put(&s, SHEET_HEAD "<sheetData>");
	for (long i = 1; i <= 200000; i++)
		putf(&s, "<row r=\"%ld\"><c r=\"A%ld\"><v>%ld</v></c></row>", i);
	put(&s, "</sheetData></worksheet>");
	t0 = clock();
	doc = open_xlsx(s.p, s.n, 1, &d);
	t = since(t0);
	CHECK(!doc && d.status == BL_ETOOBIG && strstr(d.msg, "row 20001") && strstr(d.msg, "'S1'"),
	      "a sheet past the row cap refused where it passes: %s", d.msg);
	bl_doc_free(doc);
	CHECK(t < 1.0, "and at once: %.2f s", t);
	free(s.p);

	/* empty rows far down (Excel writes them for a row's height) and styled empty cells are no cells */
	sheet = SHEET_HEAD "<sheetData><row r=\"1\">" IS(
		"A1", "收入总计") "<c r=\"B1\"><v>5</v></c></row>"
				  "<row r=\"1048576\" ht=\"20\" customHeight=\"1\"/><row r=\"900000\"><c "
				  "r=\"XFD900000\" s=\"1\"/></row>"
				  "</sheetData></worksheet>";
	doc = open_xlsx(sheet, strlen(sheet), 1, &d);
	CHECK(doc && has_line(doc, "收入总计  5"), "empty far rows and cells cost nothing: %s", d.msg);
	bl_doc_free(doc);

	/* an empty inline string after a full one is empty, not the one before */
	sheet = SHEET_HEAD "<sheetData><row r=\"1\">" IS(
		"A1", "收入总计") "<c r=\"B1\" t=\"inlineStr\"><is/></c>"
				  "<c r=\"C1\" t=\"inlineStr\"><is><rPh><t>ジ</t></rPh></is></c><c "
				  "r=\"D1\"><v>5</v></c></row></sheetData></worksheet>";
	doc = open_xlsx(sheet, strlen(sheet), 1, &d);
	CHECK(doc && has_line(doc, "收入总计  5") && !has_line(doc, "ジ"), "empty inline strings: %s",
	      doc ? bl_doc_line(doc, 1).p : d.msg);
	bl_doc_free(doc);

	/* a workbook without any text is refused by the document, not a crash */
	sheet = SHEET_HEAD "<sheetData/></worksheet>";
	doc = open_xlsx(sheet, strlen(sheet), 3, &d);
	CHECK(!doc && d.status != BL_OK && strstr(d.msg, "t.xlsx"), "an empty workbook: %s", d.msg);
	bl_doc_free(doc);
}

/* --- HTML: spans --- */

static void test_html_spans(void)
{
	/* rowspan=1000 colspan=255 on a one-row table: a browser shows one row, so does the grid */
	sb s = {0};
	put(&s, "<html><body>");
	for (int i = 0; i < 20; i++)
		put(&s, "<table><tr><td rowspan=\"1000\" colspan=\"255\">收入</td><td>2</td></tr></table>");
	put(&s, "</body></html>");
	bl_diag d;
	bl_doc *doc = open_html(s.p, s.n, &d);
	CHECK(doc && doc->sdoc && doc->sdoc->ngrids == 20, "twenty tables: %s", d.msg);
	int rows = 0;
	for (size_t i = 0; doc && doc->sdoc && i < doc->sdoc->ngrids; i++)
		rows += doc->sdoc->grids[i].nb;
	CHECK(rows == 20, "a rowspan ends with its table's rows: %d bands", rows);
	bl_doc_free(doc);
	free(s.p);

	/* spans that cross each other layer on layer: refused, not filled forty times over */
	s = (sb){0};
	put(&s, "<html><body><table>");
	for (long r = 0; r < 1000; r++) {
		long j = r % 255, right = 1 + j;
		char row[160];
		snprintf(row, sizeof row,
			 "<tr><td colspan=\"%ld\">x</td><td colspan=\"%ld\" rowspan=\"%ld\">%ld</td></tr>",
			 256 - right, right, 255 - j, r);
		put(&s, row);
	}
	put(&s, "</table></body></html>");
	doc = open_html(s.p, s.n, &d);
	CHECK(!doc && d.status == BL_ETOOBIG && strstr(d.msg, "overlap"), "overlapping spans refused: %s",
	      d.msg);
	bl_doc_free(doc);
	free(s.p);

	/* 8,000 rows of one cell 256 columns wide: few cells, but a grid past the document's cap */
	s = (sb){0};
	put(&s, "<html><body><table>");
	for (long r = 0; r < 8000; r++)
		putf(&s, "<tr><td colspan=\"256\">%ld</td></tr>", r);
	put(&s, "</table></body></html>");
	doc = open_html(s.p, s.n, &d);
	CHECK(!doc && d.status == BL_ETOOBIG && strstr(d.msg, "table cells in all"),
	      "a grid past the cap refused: %s", d.msg);
	bl_doc_free(doc);
	free(s.p);

	/* a page without text is the document's refusal, not a crash */
	const char *page =
		"<html><head><title></title></head><body><table><tr><td></td></tr></table></body></html>";
	doc = open_html(page, strlen(page), &d);
	CHECK(!doc && d.status != BL_OK && strstr(d.msg, "t.html"), "an empty page: %s", d.msg);
	bl_doc_free(doc);
}

/* --- nesting, DTDs, entities, node counts --- */

/* nested 300 deep, in each adapter: the cap names the cause; just under it, read in full */
static void test_xml_depth(void)
{
	bl_diag d;
	sb s = {0};
	put(&s, DOC_HEAD);
	for (int i = 0; i < 300; i++)
		put(&s, "<w:tbl><w:tr><w:tc>");
	put(&s, "<w:p><w:r><w:t>收入总计100万元</w:t></w:r></w:p>");
	for (int i = 0; i < 300; i++)
		put(&s, "</w:tc></w:tr></w:tbl>");
	put(&s, DOC_TAIL);
	bl_doc *doc = open_docx(s.p, s.n, &d);
	CHECK(!doc && d.status == BL_ETOOBIG && strstr(d.msg, "more than 250 deep"), "deep DOCX: %s", d.msg);
	bl_doc_free(doc);
	free(s.p);
	s = (sb){0};
	put(&s, SHEET_HEAD "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is>");
	for (int i = 0; i < 300; i++)
		put(&s, "<r>");
	put(&s, "<t>x</t>");
	for (int i = 0; i < 300; i++)
		put(&s, "</r>");
	put(&s, "</is></c></row></sheetData></worksheet>");
	doc = open_xlsx(s.p, s.n, 1, &d);
	CHECK(!doc && strstr(d.msg, "sheet1.xml nests elements more than 250 deep"), "deep sheet: %s", d.msg);
	bl_doc_free(doc);
	free(s.p);
	s = (sb){0};
	put(&s, "<html><body>");
	for (int i = 0; i < 300; i++)
		put(&s, "<div>");
	put(&s, "收入总计100万元");
	put(&s, "</body></html>");
	doc = open_html(s.p, s.n, &d);
	CHECK(!doc && strstr(d.msg, "the page nests elements more than 250 deep"), "deep page: %s", d.msg);
	bl_doc_free(doc);
	free(s.p);
	/* just under the cap: read in full, nothing cut at a walker's own limit */
	s = (sb){0};
	put(&s, DOC_HEAD);
	for (int i = 0; i < 70; i++)
		put(&s, "<w:tbl><w:tr><w:tc>");
	put(&s, "<w:p><w:r><w:t>收入总计100万元</w:t></w:r></w:p>");
	for (int i = 0; i < 70; i++)
		put(&s, "</w:tc></w:tr></w:tbl>");
	put(&s, DOC_TAIL);
	doc = open_docx(s.p, s.n, &d);
	CHECK(doc && has_line(doc, "收入总计100万元"), "tables nested 70 deep (210 elements) are read: %s",
	      d.msg);
	bl_doc_free(doc);
	free(s.p);
}

/* DTDs and entities */
static void test_xml_dtd(void)
{
	bl_diag d;
	/* a DTD in an OOXML part: refused before its entities exist */
	const char *lol =
		"<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"lol\"><!ENTITY b "
		"\"&a;&a;&a;&a;&a;&a;&a;&a;\">"
		"<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
		"<w:document xmlns:w=\"" HZ_W_NS
		"\"><w:body><w:p><w:r><w:t>收入[&c;][&x;]</w:t></w:r></w:p>" DOC_TAIL;
	bl_doc *doc = open_docx(lol, strlen(lol), &d);
	CHECK(!doc && d.status == BL_EFORMAT && strstr(d.msg, "declares a DTD"),
	      "entities in DOCX refused: %s", d.msg);
	bl_doc_free(doc);
	const char *sheet =
		"<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><worksheet "
		"xmlns=\"" HZ_S_NS "\"><sheetData><row r=\"1\"><c r=\"A1\" "
		"t=\"inlineStr\"><is><t>[&x;]</t></is></c></row></sheetData></worksheet>";
	doc = open_xlsx(sheet, strlen(sheet), 1, &d);
	CHECK(!doc && strstr(d.msg, "sheet1.xml declares a DTD"), "an external entity in a sheet refused: %s",
	      d.msg);
	bl_doc_free(doc);
	/* a page's own DOCTYPE is normal; no entity of it is loaded or expanded */
	const char *page =
		"<!DOCTYPE html [<!ENTITY x SYSTEM \"file:///etc/passwd\"><!ENTITY a \"AAAAAAAAAA\">]>"
		"<html><body><p>收入总计100万元[&x;][&a;]</p></body></html>";
	doc = open_html(page, strlen(page), &d);
	CHECK(doc && has_line(doc, "收入总计100万元[&x;][&a;]") && !has_line(doc, "root:"),
	      "a page's entities stay unexpanded: %s", d.msg);
	bl_doc_free(doc);
}

/* the tree cap (BL_XML_MAX_NODES) needs two million nodes, too many for a unit test under
 * ASan: tests/pathological/cases_struct.sh has it (docx-tree-cap, html-tree-cap) */

/* the text of a part: a long cell, an empty body */
static void test_xml_text(void)
{
	bl_diag d;
	/* a cell of 1.5 MB of text is kept whole, never cut at a buffer's size */
	sb s = {0};
	put(&s, DOC_HEAD "<w:p><w:r><w:t>某某区教育局2024年度部门预算</w:t></w:r></"
			 "w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>");
	for (int i = 0; i < 500000; i++)
		put(&s, "收");
	put(&s, "尾</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr></"
		"w:tbl>" DOC_TAIL);
	bl_doc *doc = open_docx(s.p, s.n, &d);
	CHECK(doc && has_line(doc, "收收尾"), "a long cell is whole: %s", d.msg);
	bl_doc_free(doc);
	free(s.p);

	/* an empty DOCX body: the document's refusal, not a crash */
	const char *empty = DOC_HEAD DOC_TAIL;
	doc = open_docx(empty, strlen(empty), &d);
	CHECK(!doc && d.status != BL_OK && strstr(d.msg, "t.docx"), "an empty DOCX: %s", d.msg);
	bl_doc_free(doc);
}

static void test_xml(void)
{
	test_xml_depth();
	test_xml_dtd();
	test_xml_text();
}

/* --- zips --- */

static void test_zip(void)
{
	static const char body[] = DOC_HEAD "<w:p><w:r><w:t>收入总计100万元</w:t></w:r></w:p>" DOC_TAIL;
	static char zeros[1 << 16];
	memset(zeros, '0', sizeof zeros);
	bl_diag d;

	/* a directory entry that understates its member: stopped where the member passes it */
	hz_entry lie[] = {HZ("[Content_Types].xml", hz_content_types, strlen(hz_content_types)),
			  HZ("word/document.xml", zeros, sizeof zeros)};
	lie[1].method = 8;
	lie[1].repeat = 160; /* 10 MiB of zeros, 10 KB deflated, declared as 1,000 bytes */
	lie[1].size = 1000;
	bl_doc *doc = open_zip("t.docx", lie, 2, &d);
	CHECK(!doc && d.status == BL_ETOOBIG && strstr(d.msg, "expands past the 1000 bytes"),
	      "a lying size: %s", d.msg);
	bl_doc_free(doc);

	/* an honest size at 1000x: refused before it is inflated */
	lie[1].size = -1;
	doc = open_zip("t.docx", lie, 2, &d);
	CHECK(!doc && d.status == BL_ETOOBIG && strstr(d.msg, "zip bomb"), "a high ratio: %s", d.msg);
	bl_doc_free(doc);

	/* directory entries sharing one member's bytes */
	hz_entry share[] = {HZ("[Content_Types].xml", body, strlen(body)),
			    HZ("word/document.xml", body, strlen(body)),
			    HZ("word/styles.xml", body, strlen(body))};
	share[1].share = share[2].share = 0;
	doc = open_zip("t.docx", share, 3, &d);
	CHECK(!doc && d.status == BL_ETOOBIG && strstr(d.msg, "share the same bytes"),
	      "overlapping entries: %s", d.msg);
	bl_doc_free(doc);

	/* one part twice: Word and libzip could read different ones */
	hz_entry twice[] = {HZ("[Content_Types].xml", hz_content_types, strlen(hz_content_types)),
			    HZ("word/document.xml", body, strlen(body)),
			    HZ("word/document.xml", body, strlen(body) - 22)};
	doc = open_zip("t.docx", twice, 3, &d);
	CHECK(!doc && d.status == BL_EFORMAT && strstr(d.msg, "word/document.xml twice"),
	      "a duplicate part: %s", d.msg);
	bl_doc_free(doc);

	/* a compression Office never writes */
	hz_entry bz[] = {HZ("[Content_Types].xml", hz_content_types, strlen(hz_content_types)),
			 HZ("word/document.xml", "BZh91AY&SY", 10)};
	bz[1].method = 12;
	doc = open_zip("t.docx", bz, 2, &d);
	CHECK(!doc && d.status == BL_EFORMAT && strstr(d.msg, "method 12"), "bzip2 refused: %s", d.msg);
	bl_doc_free(doc);

	/* 20,001 members: refused at the directory */
	hz_entry *many = calloc(20003, sizeof *many);
	char(*names)[16] = calloc(20003, sizeof *names);
	many[0] = (hz_entry)HZ("[Content_Types].xml", hz_content_types, strlen(hz_content_types));
	many[1] = (hz_entry)HZ("word/document.xml", body, strlen(body));
	for (int i = 0; i < 20001; i++) {
		snprintf(names[i], sizeof names[i], "m/%d", i);
		many[i + 2] = (hz_entry)HZ(names[i], "", 0);
	}
	doc = open_zip("t.docx", many, 20003, &d);
	CHECK(!doc && d.status == BL_ETOOBIG && strstr(d.msg, "more than 20000 members"), "many members: %s",
	      d.msg);
	bl_doc_free(doc);
	free(many);
	free(names);

	/* a zip of neither part */
	hz_entry plain[] = {HZ("readme.txt", "收入总计100万元", strlen("收入总计100万元"))};
	doc = open_zip("t.docx", plain, 1, &d);
	CHECK(!doc && d.status == BL_EFORMAT && strstr(d.msg, "'t.docx'"), "not OOXML: %s", d.msg);
	bl_doc_free(doc);

	/* and the ordinary package still opens, stored or deflated */
	hz_entry ok[] = {HZ("[Content_Types].xml", hz_content_types, strlen(hz_content_types)),
			 HZ("word/document.xml", body, strlen(body))};
	for (int m = 0; m <= 8; m += 8) {
		ok[1].method = m;
		doc = open_zip("t.docx", ok, 2, &d);
		CHECK(doc && has_line(doc, "收入总计100万元"), "a plain DOCX (method %d): %s", m, d.msg);
		bl_doc_free(doc);
	}
}

static const struct {
	const char *name;
	void (*run)(void);
} tests[] = {{"numbers", test_xlsx_numbers},
	     {"merges", test_xlsx_merges},
	     {"sheets", test_xlsx_sheets},
	     {"spans", test_html_spans},
	     {"xml", test_xml},
	     {"zip", test_zip}};

/* With arguments, runs only the tests named (numbers merges sheets spans xml zip). */
int main(int argc, char **argv)
{
	for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
		int run = argc < 2;
		for (int k = 1; k < argc; k++)
			run |= strcmp(argv[k], tests[i].name) == 0;
		if (run)
			tests[i].run();
	}
	DONE("hostile_struct");
}
