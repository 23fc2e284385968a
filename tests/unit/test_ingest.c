/* test_ingest.c - the DOCX, XLSX and HTML adapters on documents written
 * here: paragraphs as lines, tables with merged cells into the same typed
 * model a PDF table gets, number formats shown as Excel shows them, a GBK
 * page, hidden and deleted text left out, and the caps (a zip bomb, an old
 * binary Office file, a file whose name lies about its content). */
#define _GNU_SOURCE /* memmem */
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc.h"
#include "harness.h"
#include "ingest/ingest.h"
#include "rules/rules.h"
#include "ooxml.h"

static char tmpdir[256];

static bl_doc *open_path(const char *path, bl_diag *d)
{
	bl_doc *doc = NULL;
	memset(d, 0, sizeof *d);
	bl_doc_open_file(path, &doc, d);
	return doc;
}

static const char *tpath(const char *name)
{
	static char buf[4][512];
	static int k;
	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "%s/%s", tmpdir, name);
	return buf[k];
}

static int has_line(const bl_doc *doc, const char *s)
{
	for (int i = 1; i <= bl_doc_lines(doc); i++) {
		bl_str l = bl_doc_line(doc, i);
		if (l.n >= strlen(s) && memmem(l.p, l.n, s, strlen(s)))
			return i;
	}
	return 0;
}

static const bl_table *table_of(const bl_doc *doc, bl_table_kind k)
{
	for (size_t i = 0; i < bl_doc_ntables(doc); i++)
		if (bl_doc_table(doc, i)->kind == k)
			return bl_doc_table(doc, i);
	return NULL;
}

/* The printed text of the cell in the row labelled label (or coded) and
 * the column whose header path is name. */
static const char *cell(const bl_table *t, const char *label, const char *name)
{
	if (!t)
		return "(no table)";
	int col = -1;
	for (int c = 0; c < t->ncols; c++)
		if (strcmp(t->cols[c].name, name) == 0)
			col = c;
	if (col < 0)
		return "(no column)";
	for (size_t r = 0; r < t->nrows; r++)
		if (strcmp(t->rows[r].label, label) == 0 || strcmp(t->rows[r].code, label) == 0)
			return t->rows[r].cells[col].state == BL_CELL_NUMBER ? t->rows[r].cells[col].text
									     : "(not a number)";
	return "(no row)";
}

static const bl_fact *fact(const bl_doc *doc, const char *key)
{
	for (size_t i = 0; i < bl_doc_nfacts(doc); i++)
		if (strcmp(bl_doc_fact(doc, i)->key, key) == 0 && bl_doc_fact(doc, i)->measure == BL_M_VALUE)
			return bl_doc_fact(doc, i);
	return NULL;
}

/* --- DOCX --- */

#define P(t) "<w:p><w:r><w:t xml:space=\"preserve\">" t "</w:t></w:r></w:p>"
#define TC(t) "<w:tc><w:p><w:r><w:t>" t "</w:t></w:r></w:p></w:tc>"
#define TCSPAN(n, t)                                                                                         \
	"<w:tc><w:tcPr><w:gridSpan w:val=\"" #n "\"/></w:tcPr><w:p><w:r><w:t>" t "</w:t></w:r></w:p></w:tc>"
#define TCVSTART(t)                                                                                          \
	"<w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>" t "</w:t></w:r></w:p></w:tc>"
#define TCVCONT "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"

static void test_docx(void)
{
	const char *body = P(
		"某某区教育局2024年度部门决算") "<w:p><w:r><w:t>一、收入支出决算总体情况说明</w:t></w:r></"
						"w:p>"
						"<w:p><w:r><w:t "
						"xml:space=\"preserve\">2024年度收入总计</w:t></"
						"w:r><w:r><w:t>1,234.56万元。</w:t></w:r>"
						"<w:del><w:r><w:delText>删掉的字</w:delText></w:r></w:del>"
						"<w:r><w:fldChar "
						"w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</"
						"w:instrText></w:r>"
						"<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
						"<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>" P("收入支出决"
												  "算总表")
							P("单位：万元") "<w:tbl>"
									"<w:tr>" TCVSTART("项目") TCSPAN(
										2,
										"本年支出") "</w:tr>"
											    "<w:tr>" TCVCONT TC("基本支出") TC(
												    "项目支"
												    "出") "<"
													  "/"
													  "w"
													  ":"
													  "t"
													  "r"
													  ">"
													  "<"
													  "w"
													  ":"
													  "t"
													  "r"
													  ">" TC("合计") TC(
														  "800.00")
														  TC("434.56") "</w:tr>"
															       "<w:tr><w:tc><w:p><w:r><w:t>一般公共</w:t></w:r></w:p><w:p><w:r><w:t>服务支出</w:t></w:r></w:p></w:tc>" TC(
																       "800.00")
																       TC("") "</w:tr>"
																	      "</w:tbl>" P(
																		      "注：本表反映部门本年度的总收支。");
	const char *path = tpath("a.docx");
	CHECK(docx_write(path, body) == 0, "write docx");
	bl_doc *doc = open_file(path);
	if (!doc)
		return;
	CHECK(bl_doc_source(doc) == BL_SRC_DOCX, "source %d", (int)bl_doc_source(doc));
	CHECK(has_line(doc, "2024年度收入总计1,234.56万元。"), "runs joined into one paragraph line");
	CHECK(!has_line(doc, "删掉") && !has_line(doc, "PAGE"), "deleted text and field codes left out");
	int tl = has_line(doc, "收入支出决算总表");
	CHECK(tl > 1 && doc->lines[tl - 1].page == 2 && doc->lines[tl - 2].page == 1,
	      "a page break before the title");
	CHECK(bl_doc_pages(doc) == 2, "two pages, got %d", bl_doc_pages(doc));
	CHECK(has_line(doc, "合计  800.00  434.56"), "a table row is one line, cells two spaces apart");
	const bl_table *t = table_of(doc, BL_TABLE_SUMMARY);
	CHECK(t != NULL, "the summary table is found");
	if (t) {
		CHECK(t->unit == 10000, "unit 万元: %d", t->unit);
		CHECK(t->ncols == 3, "three columns: %d", t->ncols);
		CHECK(strcmp(cell(t, "合计", "本年支出/基本支出"), "800.00") == 0, "merged header path: %s",
		      cell(t, "合计", "本年支出/基本支出"));
		CHECK(strcmp(t->cols[1].key, "basic") == 0 && strcmp(t->cols[2].key, "project") == 0,
		      "column keys");
		CHECK(strcmp(cell(t, "一般公共服务支出", "本年支出/基本支出"), "800.00") == 0,
		      "a label in two paragraphs: %s", cell(t, "一般公共服务支出", "本年支出/基本支出"));
		CHECK(t->first_page == 2, "table on page 2: %d", t->first_page);
		const bl_trow *r = NULL;
		for (size_t i = 0; i < t->nrows; i++)
			if (strcmp(t->rows[i].label, "合计") == 0)
				r = &t->rows[i];
		CHECK(r && r->role == BL_ROW_TOTAL && r->pos.line == has_line(doc, "合计  800"),
		      "row position");
		CHECK(r && r->cells[2].pos.col == 13, "cell column: %d", r ? r->cells[2].pos.col : -1);
	}
	const bl_fact *f = fact(doc, "total.grand_total");
	CHECK(f && f->value.u == 1234560000 && f->value.prec == 2, "narrative fact from a DOCX paragraph");
	bl_doc_free(doc);
}

/* --- XLSX --- */

static const char styles_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"" S_NS "\">"
	"<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"#,##0.00;[Red]-#,##0.00;&quot;-&quot;\"/>"
	"<numFmt numFmtId=\"165\" formatCode=\"0.0%\"/></numFmts>"
	"<cellXfs count=\"5\"><xf numFmtId=\"0\"/><xf numFmtId=\"2\"/><xf numFmtId=\"164\"/><xf "
	"numFmtId=\"165\"/>"
	"<xf numFmtId=\"3\"/></cellXfs></styleSheet>";

static void test_xlsx(void)
{
	const char *sst =
		"<si><t>一般公共预算财政拨款支出决算表</t></si><si><t>单位：万元</t></si>"
		"<si><t>科目编码</t></si><si><t>科目名称</t></si><si><t>合计</t></si>"
		"<si><t>基本支出</t></si><si><t>项目支出</t></si><si><r><t>教育</t></r><r><t>支出</t></r>"
		"<rPh><t>ジ</t></rPh></si><si><t>注：本表反映一般公共预算财政拨款支出。</t></si>";
	const char *sheet1 =
		"<sheetData>"
		"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
		"<row r=\"2\"><c r=\"E2\" t=\"s\"><v>1</v></c></row>"
		"<row r=\"3\"><c r=\"A3\" t=\"s\"><v>2</v></c><c r=\"C3\" t=\"s\"><v>4</v></c><c r=\"D3\" "
		"t=\"s\"><v>5</v></c>"
		"<c r=\"E3\" t=\"s\"><v>6</v></c></row>"
		"<row r=\"4\"><c r=\"A4\" t=\"s\"><v>4</v></c><c r=\"C4\" "
		"s=\"2\"><v>3832.3599999999997</v></c>"
		"<c r=\"D4\" s=\"2\"><v>1234.5</v></c><c r=\"E4\" s=\"2\"><v>2597.86</v></c></row>"
		"<row r=\"5\"><c r=\"A5\"><v>205</v></c><c r=\"B5\" t=\"s\"><v>7</v></c><c r=\"C5\" "
		"s=\"1\"><v>2.675</v></c>"
		"<c r=\"D5\" s=\"2\"><v>0</v></c><c r=\"E5\" s=\"4\"><v>1234567.5</v></c></row>"
		"<row r=\"6\"><c r=\"A6\" t=\"inlineStr\"><is><t>20502</t></is></c><c "
		"r=\"C6\"><v>0.30000000000000004</v></c>"
		"<c r=\"D6\" s=\"3\"><v>0.1234</v></c><c r=\"E6\" s=\"2\"><v>-5.005</v></c></row>"
		"<row r=\"8\"><c r=\"A8\" t=\"s\"><v>8</v></c></row>"
		"</sheetData><mergeCells count=\"2\"><mergeCell ref=\"A1:E1\"/><mergeCell ref=\"A3:B3\"/>"
		"<mergeCell ref=\"A4:B4\"/></mergeCells>";
	const char *sheet2 =
		"<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>藏起来的表</t></is></c>"
		"</row></sheetData>";
	const char *names[] = {"一般公共预算支出", "隐藏"}, *sheets[] = {sheet1, sheet2},
		   *states[] = {"", "hidden"};
	const char *path = tpath("b.xlsx");
	CHECK(xlsx_write(path, 2, names, sheets, states, sst, styles_xml) == 0, "write xlsx");
	bl_doc *doc = open_file(path);
	if (!doc)
		return;
	CHECK(bl_doc_source(doc) == BL_SRC_XLSX, "source");
	CHECK(!has_line(doc, "藏起来"), "a hidden sheet is not read");
	CHECK(!has_line(doc, "ジ"), "phonetic runs are not text");
	CHECK(has_line(doc, "3,832.36"), "a float artefact shown through its format");
	CHECK(has_line(doc, "2.68"), "2.675 rounds half up in decimal, not to 2.67");
	CHECK(has_line(doc, "1,234,568"), "#,##0 rounds and groups");
	CHECK(has_line(doc, "0.3  12.3%"), "General drops the artefact; 0.0%% scales");
	CHECK(has_line(doc, "-5.01"), "a negative through its section: %s", "-5.01");
	CHECK(has_line(doc, "注：本表反映"), "the note under the table is a line");
	const bl_table *t = table_of(doc, BL_TABLE_GENERAL);
	CHECK(t != NULL, "the general-budget table is found by its title");
	if (t) {
		CHECK(t->unit == 10000, "unit from the caption row: %d", t->unit);
		CHECK(strcmp(cell(t, "合计", "合计"), "3,832.36") == 0, "total: %s", cell(t, "合计", "合计"));
		CHECK(strcmp(cell(t, "205", "项目支出"), "1,234,568") == 0, "class row by code: %s",
		      cell(t, "205", "项目支出"));
		const bl_trow *r = NULL;
		for (size_t i = 0; i < t->nrows; i++)
			if (strcmp(t->rows[i].code, "205") == 0)
				r = &t->rows[i];
		CHECK(r && r->role == BL_ROW_CLASS && strcmp(r->label, "教育支出") == 0, "class row: %s",
		      r ? r->label : "-");
		CHECK(r && r->cells[3].state == BL_CELL_BLANK, "a zero shown as '-' is blank");
		CHECK(r && r->cells[2].value.u == 2680000 && r->cells[2].value.prec == 2, "exact value 2.68");
	}
	bl_doc_free(doc);
}

/* --- HTML --- */

static char *to_gbk(const char *utf8, size_t *n)
{
	iconv_t cd = iconv_open("GBK", "UTF-8");
	size_t in = strlen(utf8), cap = in * 2 + 16, left = cap;
	char *out = malloc(cap), *dst = out, *src = (char *)utf8;
	iconv(cd, &src, &in, &dst, &left);
	iconv_close(cd);
	*n = (size_t)(dst - out);
	return out;
}

static void test_html(void)
{
	const char *page =
		"<!DOCTYPE html><html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
		"charset=gb2312\">"
		"<title>标题不读</title><script>var x = '收入总计9999万元';</script></head><body>"
		"<div class=\"nav\">首页 &gt; 预决算公开</div>"
		"<table><tr><td><p>2024年度收入总计1,234.56万\n元，比上年增加\n100.00万元。</p>"
		"<p style=\"display: none\">隐藏的段落</p>"
		"<p>财政拨款收入支出决算总表</p><p>单位：万元</p>"
		"<table border=\"1\"><tr><th rowspan=\"2\">项目</th><th colspan=\"2\">本年支出</th></tr>"
		"<tr><th>基本支出</th><th>项目支出</th></tr>"
		"<tr><td>合计</td><td>800.00</td><td>434.56</td></tr>"
		"<tr><td>教育支出</td><td>100.00</td><td>&nbsp;</td></tr></table>"
		"</td></tr></table></body></html>";
	size_t n;
	char *gbk = to_gbk(page, &n);
	const char *path = tpath("c.htm");
	FILE *f = fopen(path, "wb");
	fwrite(gbk, 1, n, f);
	fclose(f);
	free(gbk);
	bl_doc *doc = open_file(path);
	if (!doc)
		return;
	CHECK(bl_doc_source(doc) == BL_SRC_HTML, "source");
	CHECK(has_line(doc, "2024年度收入总计1,234.56万元，比上年增加 100.00万元。"),
	      "GBK decoded; a line end between CJK is no space, elsewhere one");
	CHECK(!has_line(doc, "9999") && !has_line(doc, "标题不读") && !has_line(doc, "隐藏的"),
	      "script, head and hidden elements left out");
	CHECK(has_line(doc, "首页 > 预决算公开"), "entities decoded");
	const bl_table *t = table_of(doc, BL_TABLE_APPROP);
	CHECK(t != NULL, "a data table inside a layout table is a grid");
	if (t) {
		CHECK(strcmp(cell(t, "合计", "本年支出/项目支出"), "434.56") == 0,
		      "rowspan/colspan header: %s", cell(t, "合计", "本年支出/项目支出"));
		CHECK(t->nrows == 2, "two data rows: %zu", t->nrows);
	}
	const bl_fact *fa = fact(doc, "total.grand_total");
	CHECK(fa && fa->value.u == 1234560000, "narrative fact from the page");
	bl_doc_free(doc);
}

/* --- refusals and choice by content --- */

static void test_refusals(void)
{
	bl_diag d;
	/* a member that inflates 20 MiB from a few kilobytes */
	size_t big = (size_t)20 << 20;
	char *zeros = malloc(big);
	memset(zeros, 'a', big);
	const char *names[] = {"[Content_Types].xml", "word/document.xml"};
	const char *data[] = {"<Types/>", zeros};
	size_t lens[] = {8, big};
	const char *bomb = tpath("bomb.docx");
	CHECK(zip_write(bomb, names, data, lens, 2) == 0, "write bomb");
	free(zeros);
	bl_doc *doc = open_path(bomb, &d);
	CHECK(!doc && d.status == BL_ETOOBIG && strstr(d.msg, "zip bomb"), "zip bomb refused: %s", d.msg);
	bl_doc_free(doc);

	const char *fake = tpath("fake.docx");
	FILE *f = fopen(fake, "w");
	fputs("just text, not a zip", f);
	fclose(f);
	doc = open_path(fake, &d);
	CHECK(!doc && d.status == BL_EFORMAT && strstr(d.msg, "named docx"), "a lying name: %s", d.msg);
	bl_doc_free(doc);

	const char *ole = tpath("old.doc");
	f = fopen(ole, "wb");
	fwrite("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0", 1, 12, f);
	fclose(f);
	doc = open_path(ole, &d);
	CHECK(!doc && strstr(d.msg, "old binary Office"), "old Office format named: %s", d.msg);
	bl_doc_free(doc);

	/* a DOCX named .txt is read as a DOCX */
	const char *misnamed = tpath("really-docx.txt");
	CHECK(docx_write(misnamed, P("收入总计100.00万元。")) == 0, "write");
	doc = open_path(misnamed, &d);
	CHECK(doc && bl_doc_source(doc) == BL_SRC_DOCX && has_line(doc, "收入总计100.00万元。"),
	      "content over name");
	bl_doc_free(doc);

	/* a page with no opening tags is read as HTML by its name */
	const char *frag = tpath("frag.html");
	f = fopen(frag, "w");
	fputs("收入总计<b>100.00</b>万元。<br>支出总计100.00万元。", f);
	fclose(f);
	doc = open_path(frag, &d);
	CHECK(doc && bl_doc_source(doc) == BL_SRC_HTML && has_line(doc, "收入总计100.00万元。") &&
		      has_line(doc, "支出总计100.00万元。"),
	      "an HTML fragment");
	bl_doc_free(doc);

	/* deep nesting stays within the walkers' bounds */
	size_t depth = 5000, k = 0;
	char *deep = malloc(depth * 12 + 64);
	for (size_t i = 0; i < depth; i++)
		k += (size_t)sprintf(deep + k, "<div><table>");
	strcpy(deep + k, "收入");
	doc = NULL;
	bl_status rc = bl_doc_open_mem("deep.html", deep, strlen(deep), &doc, &d);
	CHECK(rc == BL_OK ? doc != NULL : d.msg[0] != 0, "a page nested 10000 deep: read or refused clearly");
	bl_doc_free(doc);
	free(deep);

	CHECK(bl_doc_input_name("a/b.DOCX") && bl_doc_input_name("x.htm") && !bl_doc_input_name("x.zip"),
	      "directory walks pick up the formats by name");
}

int main(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/bl_ingest_XXXXXX");
	if (!mkdtemp(tmpdir))
		return 1;
	test_docx();
	test_xlsx();
	test_html();
	test_refusals();
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (getenv("INGEST_KEEP")) /* keep the files written, to look at them */
		printf("kept %s\n", tmpdir);
	else if (system(cmd) != 0)
		printf("cannot remove %s\n", tmpdir);
	DONE("ingest");
}
