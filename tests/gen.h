/* gen.h - writes consistent disclosures in shapes the corpus lacks, and the
 * same with one planted error, for tests/unit/test_gen.c.
 *
 * A disclosure here is a budget's spending: a total made of two to four
 * components (基本支出, 项目支出, and the parts other templates add:
 * 单位预留机动经费, 上缴上级支出), each with its change on last year, and
 * 基本支出 = 人员经费 + 公用经费. From that one set of figures it writes the
 * narrative (in one of several wordings) and the 支出预算总表 (in 万元 or
 * in 元), as one text file or as two files (the narrative as text or DOCX,
 * the tables as text, or as Excel exports them: PDF, XLSX or DOCX with a
 * two-row header whose cells are merged across rows and columns). Figures
 * are in hundredths of 万元. */
#ifndef BL_GEN_H
#define BL_GEN_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ooxml.h"
#include "pdfgen.h"

#define GEN_MAXPARTS 4

/* The components, in the order a template lists them. */
static const char *const gen_part_names[GEN_MAXPARTS] = {"基本支出", "项目支出", "单位预留机动经费",
							 "上缴上级支出"};

enum { GEN_PLANT_NONE, GEN_PLANT_PART, GEN_PLANT_CHANGE, GEN_PLANT_TABLE };
enum { GEN_ONE_TEXT, GEN_TWO_TEXT, GEN_TWO_PDF, GEN_TWO_XLSX, GEN_DOCX_XLSX, GEN_TWO_DOCX, GEN_SHAPES };

static const char *const gen_shape_names[GEN_SHAPES] = {"one text file",      "text + text tables",
							"text + PDF tables",  "text + XLSX tables",
							"DOCX + XLSX tables", "text + DOCX tables"};

typedef struct gen_disc {
	const char *unit;
	int year;
	int nparts;
	long part[GEN_MAXPARTS], chg[GEN_MAXPARTS];
	long personnel; /* of part[0]; the rest is 公用经费 */
	int yuan;       /* the tables in 元 */
	int wording;    /* 0 .. GEN_WORDINGS-1 */
	int plant;      /* GEN_PLANT_* */
} gen_disc;

/* Where the planted figure was written: line and column (code points, 1-based)
 * in the narrative file; 0 when none was planted there. */
typedef struct gen_where {
	int line, col;
} gen_where;

/* 1234567 -> "12345.67"; in 元, 123456700 -> "123,456,700.00" */
static void gen_amount(long v, int yuan, char *out, size_t cap)
{
	char digits[32];
	long a = v < 0 ? -v : v;
	if (!yuan) {
		snprintf(out, cap, "%s%ld.%02ld", v < 0 ? "-" : "", a / 100, a % 100);
		return;
	}
	snprintf(digits, sizeof digits, "%ld", a * 100); /* 万元 hundredths -> 元 */
	size_t n = strlen(digits), w = 0;
	if (v < 0 && w + 1 < cap)
		out[w++] = '-';
	for (size_t i = 0; i < n && w + 2 < cap; i++) {
		if (i && (n - i) % 3 == 0)
			out[w++] = ',';
		out[w++] = digits[i];
	}
	snprintf(out + w, cap > w ? cap - w : 0, ".00");
}

static long gen_total(const gen_disc *g, const long *v)
{
	long t = 0;
	for (int i = 0; i < g->nparts; i++)
		t += v[i];
	return t;
}

/* The wordings of a change on last year (item 8 of the template issue):
 * up and down in each. */
#define GEN_WORDINGS 3
static const char *const gen_up[GEN_WORDINGS] = {"比上年增加", "较上年增长", "与上年相比增加"};
static const char *const gen_down[GEN_WORDINGS] = {"比上年减少", "较上年下降", "与上年相比压减"};

/* A growing UTF-8 text that counts its lines and the code points of its
 * last line, so a figure's position is known as it is written. */
typedef struct gen_text {
	char buf[16384];
	size_t n;
	int line, col; /* of the next character, 1-based */
} gen_text;

static void gen_put(gen_text *t, const char *s)
{
	for (; *s && t->n + 1 < sizeof t->buf; s++) {
		t->buf[t->n++] = *s;
		if (*s == '\n')
			t->line++, t->col = 1;
		else if (((unsigned char)*s & 0xC0) != 0x80)
			t->col++;
	}
	t->buf[t->n] = 0;
}

static void gen_putf(gen_text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void gen_putf(gen_text *t, const char *fmt, ...)
{
	char s[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s, sizeof s, fmt, ap);
	va_end(ap);
	gen_put(t, s);
}

/* "X万元", remembering where it starts when it is the planted one. */
static void gen_figure(gen_text *t, long v, int planted, gen_where *w)
{
	char a[48];
	gen_amount(v, 0, a, sizeof a);
	if (planted && w)
		*w = (gen_where){t->line, t->col};
	gen_putf(t, "%s万元", a);
}

static void gen_change(gen_text *t, const gen_disc *g, long c, int planted, gen_where *w)
{
	gen_put(t, c < 0 ? gen_down[g->wording] : gen_up[g->wording]);
	gen_figure(t, c < 0 ? -c : c, planted, w);
}

/* The narrative. It refers to its tables (公开表附后) when they are a file
 * of their own. The planted error: a component 1.00 too high (the sum no
 * longer closes), or the total's change 1.00 too high. */
static void gen_narrative(const gen_disc *g, int refer, gen_text *t, gen_where *w)
{
	long part[GEN_MAXPARTS], chg[GEN_MAXPARTS];
	memcpy(part, g->part, sizeof part);
	memcpy(chg, g->chg, sizeof chg);
	long total = gen_total(g, g->part), tchg = gen_total(g, g->chg);
	int bad_part = g->plant == GEN_PLANT_PART ? g->nparts - 1 : -1;
	if (bad_part >= 0)
		part[bad_part] += 100;
	*t = (gen_text){.line = 1, .col = 1};
	*w = (gen_where){0, 0};
	gen_putf(t, "%s\n%d年度部门预算公开说明\n一、支出预算情况说明\n", g->unit, g->year);
	gen_putf(t, "%s%d年度本年支出预算合计", g->unit, g->year);
	gen_figure(t, total, 0, NULL);
	gen_put(t, "，");
	gen_change(t, g, tchg + (g->plant == GEN_PLANT_CHANGE ? 100 : 0), g->plant == GEN_PLANT_CHANGE, w);
	gen_put(t, "。其中：");
	for (int i = 0; i < g->nparts; i++) {
		gen_putf(t, "%s%s", i ? "；" : "", gen_part_names[i]);
		gen_figure(t, part[i], i == bad_part, w);
		gen_put(t, "，");
		gen_change(t, g, chg[i], 0, NULL);
	}
	gen_put(t, "。\n二、一般公共预算基本支出情况说明\n基本支出");
	gen_figure(t, g->part[0], 0, NULL);
	gen_put(t, "，其中：人员经费");
	gen_figure(t, g->personnel, 0, NULL);
	gen_put(t, "，公用经费");
	gen_figure(t, g->part[0] - g->personnel, 0, NULL);
	gen_put(t, "。\n");
	if (refer)
		gen_put(t, "三、部门预算公开报表\n公开表附后。\n");
}

/* The cells of the 支出预算总表: a header row and the 合计 row. The
 * planted table error: its 基本支出 1.00 above the narrative's (and the
 * 合计 with it, so the table itself adds up). */
static int gen_table_cells(const gen_disc *g, char cells[2][GEN_MAXPARTS + 1][48])
{
	long part[GEN_MAXPARTS];
	memcpy(part, g->part, sizeof part);
	if (g->plant == GEN_PLANT_TABLE)
		part[0] += 100;
	snprintf(cells[0][0], sizeof cells[0][0], "合计");
	gen_amount(gen_total(g, part), g->yuan, cells[1][0], sizeof cells[1][0]);
	for (int i = 0; i < g->nparts; i++) {
		snprintf(cells[0][i + 1], sizeof cells[0][i + 1], "%s", gen_part_names[i]);
		gen_amount(part[i], g->yuan, cells[1][i + 1], sizeof cells[1][i + 1]);
	}
	return g->nparts + 1;
}

/* The table laid out as text, columns aligned by spaces. */
static void gen_table_text(const gen_disc *g, int with_title_block, gen_text *t)
{
	char cells[2][GEN_MAXPARTS + 1][48];
	int nc = gen_table_cells(g, cells);
	if (with_title_block)
		gen_putf(t, "%s%d年度部门预算公开表\n", g->unit, g->year);
	gen_put(t, "                         支出预算总表\n");
	gen_putf(t, "编制单位：%s                              单位：%s\n", g->unit, g->yuan ? "元" : "万元");
	gen_put(t, "  项目        ");
	for (int c = 0; c < nc; c++) { /* padded to 20 display columns: a CJK character takes two */
		int wd = 0;
		for (const char *p = cells[0][c]; *p; p++)
			wd += ((unsigned char)*p & 0xC0) == 0x80 ? 0 : (unsigned char)*p >= 0x80 ? 2 : 1;
		gen_putf(t, "%s%*s", cells[0][c], wd < 20 ? 20 - wd : 2, "");
	}
	gen_put(t, "\n  合计        ");
	for (int c = 0; c < nc; c++)
		gen_putf(t, "%20s", cells[1][c]);
	gen_put(t, "\n");
}

/* The table as a PDF, as Excel exports it: the title centred over the
 * columns; a header of two rows in which 项目 and 合计 span both rows and
 * 其中 spans the components' columns (no ruling line inside a merged cell,
 * its words centred in it); the 合计 row; figures right-aligned. */
static char *gen_table_pdf(const gen_disc *g, size_t *n)
{
	char cells[2][GEN_MAXPARTS + 1][48], unitline[256], title[256];
	int nc = gen_table_cells(g, cells);
	static pdf_run runs[64];
	static pdf_line lines[40];
	int nr = 0, nl = 0;
	float x0 = 30, w = 90, top = 720, h = 18, right = x0 + w * (float)(nc + 1);
	snprintf(title, sizeof title, "%s%d年度部门预算公开表", g->unit, g->year);
	runs[nr++] = (pdf_run){x0, top + 70, 12, title, 1};
	runs[nr++] = (pdf_run){(x0 + right) / 2 - 40, top + 45, 14, "支出预算总表", 1};
	snprintf(unitline, sizeof unitline, "编制单位：%s", g->unit);
	runs[nr++] = (pdf_run){x0, top + 20, 9, unitline, 1};
	runs[nr++] = (pdf_run){right - 60, top + 20, 9, g->yuan ? "单位：元" : "单位：万元", 1};
	/* header: 项目 and 合计 centred across both rows, 其中 across the components */
	runs[nr++] = (pdf_run){x0 + 4, top - h - 4, 9, "项目", 1};
	runs[nr++] = (pdf_run){x0 + w + 4, top - h - 4, 9, cells[0][0], 1};
	runs[nr++] = (pdf_run){x0 + w * 2 + w * (float)(nc - 1) / 2 - 10, top - 13, 9, "其中", 1};
	for (int c = 1; c < nc; c++)
		runs[nr++] = (pdf_run){x0 + w * (float)(c + 1) + 4, top - h - 13, 9, cells[0][c], 1};
	float y = top - 2 * h - 13;
	runs[nr++] = (pdf_run){x0 + 4, y, 9, "合计", 1};
	for (int c = 0; c < nc; c++)
		runs[nr++] = (pdf_run){x0 + w * (float)(c + 2) - 5 - 5.0f * (float)strlen(cells[1][c]), y, 9,
				       cells[1][c], 0};
	lines[nl++] = (pdf_line){x0, top, right, top};
	lines[nl++] = (pdf_line){x0 + 2 * w, top - h, right, top - h}; /* under 其中 only */
	lines[nl++] = (pdf_line){x0, top - 2 * h, right, top - 2 * h};
	lines[nl++] = (pdf_line){x0, top - 3 * h, right, top - 3 * h};
	for (int c = 0; c <= nc + 1; c++) {
		float x = x0 + w * (float)c;
		lines[nl++] = (pdf_line){x, c > 2 && c <= nc ? top - h : top, x, top - 3 * h};
	}
	pdf_page p = {runs, nr, 0, lines, nl};
	return pdf_make(&p, 1, n);
}

/* The table as a DOCX: the same two-row header, merged with vMerge (项目,
 * 合计) and gridSpan (其中), then the 合计 row. */
static int gen_table_docx(const gen_disc *g, const char *path)
{
	char cells[2][GEN_MAXPARTS + 1][48];
	int nc = gen_table_cells(g, cells);
	static char body[16384];
	size_t k = 0;
#define DPUT(...) k += (size_t)snprintf(body + k, sizeof body - k, __VA_ARGS__)
#define DCELL(pr, text) DPUT("<w:tc><w:tcPr>%s</w:tcPr><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>", pr, text)
	DPUT("<w:p><w:r><w:t>%s%d年度部门预算公开表</w:t></w:r></w:p>", g->unit, g->year);
	DPUT("<w:p><w:r><w:t>支出预算总表</w:t></w:r></w:p>");
	DPUT("<w:p><w:r><w:t>编制单位：%s    单位：%s</w:t></w:r></w:p><w:tbl>", g->unit,
	     g->yuan ? "元" : "万元");
	char span[64];
	snprintf(span, sizeof span, "<w:gridSpan w:val=\"%d\"/>", nc - 1);
	DPUT("<w:tr>");
	DCELL("<w:vMerge w:val=\"restart\"/>", "项目");
	DCELL("<w:vMerge w:val=\"restart\"/>", cells[0][0]);
	DCELL(span, "其中");
	DPUT("</w:tr><w:tr>");
	DCELL("<w:vMerge/>", "");
	DCELL("<w:vMerge/>", "");
	for (int c = 1; c < nc; c++)
		DCELL("", cells[0][c]);
	DPUT("</w:tr><w:tr>");
	DCELL("", "合计");
	for (int c = 0; c < nc; c++)
		DCELL("", cells[1][c]);
	DPUT("</w:tr></w:tbl>");
#undef DCELL
#undef DPUT
	return docx_write(path, body);
}

static char gen_col(int c)
{
	return (char)('A' + c);
}

/* The table as an XLSX: the title in A1 merged across the columns, the unit
 * line, the header and the 合计 row; inline strings, numbers as numbers. */
static int gen_table_xlsx(const gen_disc *g, const char *path)
{
	char cells[2][GEN_MAXPARTS + 1][48];
	int nc = gen_table_cells(g, cells);
	char sheet[8192];
	size_t k = 0;
#define XPUT(...) k += (size_t)snprintf(sheet + k, sizeof sheet - k, __VA_ARGS__)
	XPUT("<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>%d年支出预算总表</t></is></c></row>",
	     g->year);
	XPUT("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>编制单位：%s</t></is></c>"
	     "<c r=\"%c2\" t=\"inlineStr\"><is><t>单位：%s</t></is></c></row>",
	     g->unit, gen_col(nc - 1), g->yuan ? "元" : "万元");
	/* header rows 3 and 4: 项目 (A3:A4) and 合计 (B3:B4) merged down, 其中 across the components */
	XPUT("<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>项目</t></is></c>"
	     "<c r=\"B3\" t=\"inlineStr\"><is><t>%s</t></is></c>"
	     "<c r=\"C3\" t=\"inlineStr\"><is><t>其中</t></is></c></row><row r=\"4\">",
	     cells[0][0]);
	for (int c = 1; c < nc; c++)
		XPUT("<c r=\"%c4\" t=\"inlineStr\"><is><t>%s</t></is></c>", gen_col(c + 1), cells[0][c]);
	XPUT("</row><row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t>合计</t></is></c>");
	for (int c = 0; c < nc; c++) {
		char plain[48];
		size_t w = 0;
		for (const char *p = cells[1][c]; *p && w + 1 < sizeof plain; p++)
			if (*p != ',')
				plain[w++] = *p;
		plain[w] = 0;
		XPUT("<c r=\"%c5\"><v>%s</v></c>", gen_col(c + 1), plain);
	}
	XPUT("</row></sheetData><mergeCells count=\"4\"><mergeCell ref=\"A1:%c1\"/><mergeCell ref=\"A3:A4\"/>"
	     "<mergeCell ref=\"B3:B4\"/><mergeCell ref=\"C3:%c3\"/></mergeCells>",
	     gen_col(nc), gen_col(nc));
#undef XPUT
	const char *names[] = {"支出预算总表"}, *sheets[] = {sheet}, *states[] = {""};
	return xlsx_write(path, 1, names, sheets, states, NULL, NULL);
}

/* The narrative as a DOCX: one paragraph a line. */
static int gen_narrative_docx(const gen_text *t, const char *path)
{
	static char body[32768];
	size_t k = 0;
	const char *s = t->buf;
	while (*s && k + 64 < sizeof body) {
		const char *e = strchr(s, '\n');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		k += (size_t)snprintf(body + k, sizeof body - k, "<w:p><w:r><w:t>%.*s</w:t></w:r></w:p>",
				      (int)len, s);
		s += len + (e != NULL);
	}
	return docx_write(path, body);
}

static int gen_write_file(const char *path, const char *bytes, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	int ok = fwrite(bytes, 1, n, f) == n;
	return fclose(f) == 0 && ok ? 0 : -1;
}

/* Writes disclosure g in shape s under dir: the narrative's path in narr,
 * the tables' in tabs ("" for one file). The planted figure's place in the
 * narrative goes to *w. Returns 0 on success. */
static int gen_write(const gen_disc *g, int shape, const char *dir, char *narr, char *tabs, size_t cap,
		     gen_where *w)
{
	gen_text t;
	gen_narrative(g, shape != GEN_ONE_TEXT, &t, w);
	snprintf(narr, cap, "%s/说明.%s", dir, shape == GEN_DOCX_XLSX ? "docx" : "txt");
	*tabs = 0;
	if (shape == GEN_ONE_TEXT) {
		gen_table_text(g, 0, &t);
		return gen_write_file(narr, t.buf, t.n);
	}
	int rc = shape == GEN_DOCX_XLSX ? gen_narrative_docx(&t, narr) : gen_write_file(narr, t.buf, t.n);
	if (rc)
		return rc;
	if (shape == GEN_TWO_TEXT) {
		gen_text tt = {.line = 1, .col = 1};
		gen_table_text(g, 1, &tt);
		snprintf(tabs, cap, "%s/公开表.txt", dir);
		return gen_write_file(tabs, tt.buf, tt.n);
	}
	if (shape == GEN_TWO_PDF) {
		size_t n;
		char *pdf = gen_table_pdf(g, &n);
		snprintf(tabs, cap, "%s/公开表.pdf", dir);
		rc = gen_write_file(tabs, pdf, n);
		free(pdf);
		return rc;
	}
	if (shape == GEN_TWO_DOCX) {
		snprintf(tabs, cap, "%s/公开表.docx", dir);
		return gen_table_docx(g, tabs);
	}
	snprintf(tabs, cap, "%s/公开表.xlsx", dir);
	return gen_table_xlsx(g, tabs);
}

#endif
