/* test_table.c - the table model and the table rules on ruled tables drawn
 * here: cells placed by their rules (a figure printed above its baseline, a
 * label wrapped in its cell), header paths and keys, side-by-side halves,
 * a table continued on the next page, and each table rule failing and
 * passing, with rounding differences kept at info; and the shapes Excel and
 * Word exports print (merged total cells across the views of a summary,
 * cells merged down, two tables on one page, numbered titles, empty-table
 * notes in other wordings and places), in PDF and in XLSX. */
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "ingest/ingest.h"
#include "rules/rules.h"
#include "table/vocab.h"
#include "ooxml.h"
#include "pdfgen.h"

/* A table drawn as a grid, as Excel and Word export one. Cells are strings:
 * "" blank, "<" merged with the cell on its left (no rule between), "v"
 * merged with the cell above (no rule between). Before a text, '^' prints
 * it 6 pt above the baseline, '_' prints it in the row below (a cell merged
 * down, its text centred low), '=' centres it across the cells merged to
 * its right, '>' ends it at the right of that span; '|' wraps it onto a
 * second line in the cell. A figure stands at its cell's right edge. */
typedef struct tdraw {
	pdf_run runs[600];
	pdf_line lines[900];
	int nruns, nlines;
	char store[600][160];
} tdraw;

static int ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/* The width of s as drawn at 9 pt: 9 a CJK character, 5 any other. */
static float text_width(const char *s)
{
	float w = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			w += (unsigned char)*s >= 0x80 ? 9.0f : 5.0f;
	return w;
}

static void put_text(tdraw *d, float x, float y, const char *s, int right, float rx)
{
	if (d->nruns >= 600)
		return;
	pdf_run *r = &d->runs[d->nruns];
	snprintf(d->store[d->nruns], sizeof d->store[0], "%s", s);
	r->text = d->store[d->nruns];
	r->size = 9;
	r->cjk = !ascii(s);
	r->x = right ? rx - 5.0f * (float)strlen(s) : x;
	r->y = y;
	d->nruns++;
}

static void line(tdraw *d, float x0, float y0, float x1, float y1)
{
	if (d->nlines < 900)
		d->lines[d->nlines++] = (pdf_line){x0, y0, x1, y1};
}

static int is_cell(const char *s, const char *mark)
{
	return strcmp(s, mark) == 0;
}

/* Row r's height: 30 when a cell wraps, else 18. */
static float row_height(const char *const *cells, int ncols, int r)
{
	for (int c = 0; c < ncols; c++)
		if (strchr(cells[r * ncols + c], '|'))
			return 30;
	return 18;
}

/* Draws the text of cell (r, c) of a row whose bottom is at bottom. */
static void draw_cell(tdraw *d, const float *xs, int ncols, const char *const *cells, int nrows, int r, int c,
		      float bottom)
{
	const char *s = cells[r * ncols + c];
	if (!*s || is_cell(s, "<") || is_cell(s, "v"))
		return;
	float base = bottom + 5, left = xs[c], right = xs[c + 1];
	for (int k = c + 1; k < ncols && is_cell(cells[r * ncols + k], "<"); k++)
		right = xs[k + 1];
	int centre = 0, span_right = 0;
	for (;; s++) {
		if (*s == '^')
			base += 6;
		else if (*s == '_' && r + 1 < nrows)
			base -= row_height(cells, ncols, r + 1);
		else if (*s == '=')
			centre = 1;
		else if (*s == '>')
			span_right = 1;
		else
			break;
	}
	int num = ascii(s) && strlen(s) > 0 && s[0] >= '0' && s[0] <= '9' && strchr(s, '.');
	const char *bar = strchr(s, '|');
	if (bar) {
		char a[64];
		snprintf(a, sizeof a, "%.*s", (int)(bar - s), s);
		put_text(d, left + 3, base + 12, a, 0, 0);
		put_text(d, left + 3, base, bar + 1, 0, 0);
	} else if (centre)
		put_text(d, (left + right - text_width(s)) / 2, base, s, 0, 0);
	else if (span_right)
		put_text(d, 0, base, s, 1, right - 3);
	else
		put_text(d, left + 3, base, s, num, xs[c + 1] - 3);
}

/* Draws rows x ncols cells below top (PDF y); returns the bottom y. */
static float draw_grid(tdraw *d, const float *xs, int ncols, const char *const *cells, int nrows, float top)
{
	float y = top;
	line(d, xs[0], y, xs[ncols], y);
	for (int r = 0; r < nrows; r++) {
		float bottom = y - row_height(cells, ncols, r);
		for (int c = 0; c < ncols; c++)
			if (r + 1 == nrows || !is_cell(cells[(r + 1) * ncols + c], "v"))
				line(d, xs[c], bottom, xs[c + 1], bottom);
		line(d, xs[0], y, xs[0], bottom);
		line(d, xs[ncols], y, xs[ncols], bottom);
		for (int c = 1; c < ncols; c++)
			if (!is_cell(cells[r * ncols + c], "<"))
				line(d, xs[c], y, xs[c], bottom);
		for (int c = 0; c < ncols; c++)
			draw_cell(d, xs, ncols, cells, nrows, r, c, bottom);
		y = bottom;
	}
	return y;
}

static bl_doc *open_drawn(tdraw *pages, int np)
{
	pdf_page pp[4];
	for (int i = 0; i < np; i++)
		pp[i] = (pdf_page){pages[i].runs, pages[i].nruns, 0, pages[i].lines, pages[i].nlines};
	size_t n;
	char *pdf = pdf_make(pp, np, &n);
	bl_doc *d = NULL;
	bl_diag diag = {0};
	bl_status st = bl_doc_open_mem("t.pdf", pdf, n, &d, &diag);
	free(pdf);
	if (st != BL_OK)
		printf("open failed: %s\n", diag.msg);
	return d;
}

static int count_rule(bl_doc *d, const char *rule, bl_severity sev)
{
	if (getenv("TABLE_DUMP")) {
		bl_report_tables(stdout, d);
		for (int k = 1; k <= bl_doc_lines(d); k++)
			printf("| %.*s\n", (int)bl_doc_line(d, k).n, bl_doc_line(d, k).p);
	}
	bl_doc_check(d);
	int n = 0;
	for (size_t i = 0; i < bl_doc_nfindings(d); i++) {
		const bl_finding *f = bl_doc_finding(d, i);
		if (!strcmp(f->rule, rule) && f->severity == sev)
			n++;
	}
	return n;
}

static int table_findings(bl_doc *d)
{
	bl_doc_check(d);
	int n = 0;
	for (size_t i = 0; i < bl_doc_nfindings(d); i++)
		if (!strncmp(bl_doc_finding(d, i)->rule, "table.", 6) &&
		    strcmp(bl_doc_finding(d, i)->rule, "table.required"))
			n++;
	return n;
}

static const char *cell_val(const bl_table *t, size_t r, int c, char *buf)
{
	const bl_cell *cl = &t->rows[r].cells[c];
	if (cl->state == BL_CELL_BLANK)
		return "blank";
	if (cl->state == BL_CELL_TEXT)
		return "text";
	return bl_dec_format(cl->value, buf);
}

static const float gx[] = {40, 70, 95, 120, 260, 340, 420, 500};

/* 一般公共预算财政拨款支出决算表 with the given 201 class total and 合计 total. */
static bl_doc *general_table(const char *class_total, const char *kuan_basic, const char *grand)
{
	static tdraw d;
	memset(&d, 0, sizeof d);
	put_text(&d, 150, 780, "一般公共预算财政拨款支出决算表", 0, 0);
	put_text(&d, 420, 760, "单位：万元", 0, 0);
	const char *cells[] = {
		"项目",
		"<",
		"<",
		"<",
		"合计",
		"基本支出",
		"项目支出",
		"科目编码",
		"<",
		"<",
		"科目名称",
		"",
		"",
		"",
		"类",
		"款",
		"项",
		"",
		"",
		"",
		"",
		"合计",
		"<",
		"<",
		"<",
		grand,
		"1,500.00",
		"623.45",
		"201",
		"",
		"",
		"一般公共服务支出",
		class_total,
		"1,500.00",
		"623.45",
		"201",
		"06",
		"",
		"财政事务",
		"2,123.45",
		kuan_basic,
		"^623.45",
		"201",
		"06",
		"01",
		"行政运行",
		"1,600.00",
		"1,500.00",
		"100.00",
		"201",
		"06",
		"02",
		"一般行政管理|事务",
		"523.45",
		"",
		"523.45",
	};
	draw_grid(&d, gx, 7, cells, 8, 740);
	return open_drawn(&d, 1);
}

/* How many of the n phrases stand in an earlier row too (0: each in one row). */
static int repeated(const char *const *v, size_t n)
{
	int dup = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(v[i], v[j]) == 0) {
				printf("  \"%s\" twice\n", v[i]);
				dup++;
			}
	return dup;
}

/* The word lists (the .def files of lib/table): no phrase maps to two
 * keys, every key and every kind is reachable. */
static void test_word_lists(void)
{
	static const char *const cols[] = {
#define BL_COLUMN(phrase, id) phrase,
#define BL_BASIS(phrase, basis) phrase,
#include "table/columns.def"
	};
	CHECK(repeated(cols, sizeof cols / sizeof cols[0]) == 0, "a column or basis word in two rows");
	static const bl_tcol_id used[] = {
#define BL_COLUMN(phrase, id) BL_TCOL_##id,
#include "table/columns.def"
	};
	for (int k = 0; k < BL_TCOL_KEYS; k++) {
		int n = 0;
		for (size_t i = 0; i < sizeof used / sizeof used[0]; i++)
			n += used[i] == (bl_tcol_id)k;
		CHECK(n > 0, "column key %s named by no column word", bl_tcol_key((bl_tcol_id)k));
	}
	static const char *const heads[] = {
#define BL_HEAD_WORD(phrase) phrase,
#define BL_TEXT_HEAD_WORD(phrase) phrase,
#define BL_TEXT_LABEL_HEAD(phrase) phrase,
#include "table/heads.def"
	};
	CHECK(repeated(heads, sizeof heads / sizeof heads[0]) == 0, "a header word in two rows");
	static const char *const cells[] = {
#define BL_DASH(phrase) phrase,
#define BL_TOTAL(phrase, alone) phrase,
#include "table/cells.def"
	};
	CHECK(repeated(cells, sizeof cells / sizeof cells[0]) == 0, "a cell word in two rows");
	static const char *const ends[] = {
#define BL_TITLE_END(phrase) phrase,
#include "table/titles.def"
	};
	CHECK(repeated(ends, sizeof ends / sizeof ends[0]) == 0, "a title ending in two rows");
	static const bl_table_kind kinds[] = {
#define BL_TITLE(kind, end, a, b, c) BL_TABLE_##kind,
#include "table/titles.def"
	};
	for (int k = BL_TABLE_SUMMARY; k < BL_TABLE_KINDS; k++) {
		int n = 0;
		for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
			n += kinds[i] == (bl_table_kind)k;
		CHECK(n == 1, "table kind %s has %d title rows", bl_table_kind_name((bl_table_kind)k), n);
	}
	static const struct {
		const char *label;
		int part;
	} sums[] = {
#define BL_TF_SUMMARY(label, part, item, key) {label, part},
#include "table/tfacts.def"
	};
	for (size_t i = 0; i < sizeof sums / sizeof sums[0]; i++)
		for (size_t j = 0; j < i; j++)
			CHECK(strcmp(sums[i].label, sums[j].label) != 0 || sums[i].part != sums[j].part,
			      "summary row %s in two rows", sums[i].label);
}

/* What the vocabulary makes of a few cells, headers and titles. */
static void test_vocab_cells(void)
{
	CHECK(!strcmp(bl_tbl_column_key("本年支出合计"), "total"), "exact column word");
	const char *k = bl_tbl_column_key("其中：公务用车购置费");
	CHECK(!strcmp(k, "vehicle_purchase"), "longest contained word: %s", k);
	CHECK(!*bl_tbl_column_key("科目名称"), "no column word");
	const char *b = bl_tbl_basis_word("决算数");
	CHECK(b && !strcmp(b, BL_BASIS_FINAL), "决算数: %s", b ? b : "none");
	CHECK(bl_tbl_basis_word("决算数合计") == NULL, "a basis word is matched whole");
	CHECK(bl_tbl_title_kind("注：本表反映收支。财政拨款收入支出决算总表") == BL_TABLE_APPROP,
	      "title after a note");
	CHECK(bl_tbl_title_kind("目录……收入决算表") == BL_TABLE_KINDS, "a contents line is no title");
	CHECK(bl_tbl_title_kind("部门项目支出决算表") == BL_TABLE_OTHER,
	      "a 项目支出 table is none of the nine");
	CHECK(bl_tbl_title_kind("2026年一般公共预算机关运行经费支出预算表") == BL_TABLE_OTHER,
	      "a 机关运行经费 table is not the 一般公共预算支出表");
	CHECK(bl_tbl_title_kind("2026年部门“三公”经费和机关运行经费预算表") == BL_TABLE_SANGONG,
	      "with the 三公, it is the 三公 table");
	CHECK(bl_tbl_unit("单位：万元") == 10000 && bl_tbl_unit("单位：元") == 1 && bl_tbl_unit("万元") == 0,
	      "units");
	CHECK(bl_tbl_role("", "本年收入合计") == BL_ROW_TOTAL && bl_tbl_role("", "小计") == BL_ROW_TOTAL,
	      "total rows");
	CHECK(bl_tbl_role("", "小计数") == BL_ROW_ITEM && bl_tbl_role("20106", "财政事务") == BL_ROW_KUAN,
	      "item and 款 rows");
	CHECK(bl_tbl_total_word("合计") && !bl_tbl_total_word("小计"), "合计 alone is a total row's label");
	CHECK(bl_tbl_dash("—") && bl_tbl_dash("/") && !bl_tbl_dash("0"), "dashes");
	CHECK(bl_tbl_names_codes("项目/科目编码/类") && !bl_tbl_names_codes("项目/科目名称") &&
		      bl_tbl_names_labels("项目/科目名称"),
	      "code and label heads");
	CHECK(bl_tbl_note("注：本表无数据") && bl_tbl_no_data("注：本表无数据。") && !bl_tbl_note("注"),
	      "notes");
}

/* The model: kind, unit, header paths and keys, codes, roles, wrapped
 * labels, and a figure printed above its baseline kept in its cell */
static void test_model(void)
{
	char b1[48];

	bl_doc *d = general_table("2,123.45", "1,500.00", "2,123.45");
	CHECK(d && bl_doc_ntables(d) == 1, "tables %zu", d ? bl_doc_ntables(d) : 0);
	const bl_table *t = d ? bl_doc_table(d, 0) : NULL;
	if (t) {
		CHECK(t->kind == BL_TABLE_GENERAL, "kind %s", bl_table_kind_name(t->kind));
		CHECK(t->unit == 10000, "unit %d", t->unit);
		CHECK(t->ncols == 7, "cols %d", t->ncols);
		CHECK(!strcmp(t->cols[4].key, "total") && !strcmp(t->cols[5].key, "basic") &&
			      !strcmp(t->cols[6].key, "project"),
		      "keys %s %s %s", t->cols[4].key, t->cols[5].key, t->cols[6].key);
		CHECK(!strcmp(t->cols[0].name, "项目/科目编码/类"), "name %s", t->cols[0].name);
		CHECK(!t->cols[0].figures && !t->cols[3].figures && t->cols[4].figures, "figure columns");
		CHECK(t->nrows == 5, "rows %zu", t->nrows);
		if (t->nrows == 5) {
			CHECK(t->rows[0].role == BL_ROW_TOTAL && !strcmp(t->rows[0].label, "合计"),
			      "total row %s", t->rows[0].label);
			CHECK(t->rows[1].role == BL_ROW_CLASS && !strcmp(t->rows[1].code, "201"), "class %s",
			      t->rows[1].code);
			CHECK(t->rows[2].role == BL_ROW_KUAN && !strcmp(t->rows[2].code, "20106"), "kuan %s",
			      t->rows[2].code);
			CHECK(t->rows[4].role == BL_ROW_XIANG && !strcmp(t->rows[4].code, "2010602"),
			      "xiang %s", t->rows[4].code);
			CHECK(!strcmp(t->rows[4].label, "一般行政管理事务"), "wrapped label %s",
			      t->rows[4].label);
			CHECK(!strcmp(cell_val(t, 2, 6, b1), "623.45"), "raised figure in its row: %s",
			      cell_val(t, 2, 6, b1));
			CHECK(!strcmp(cell_val(t, 4, 5, b1), "blank"), "blank cell: %s",
			      cell_val(t, 4, 5, b1));
			CHECK(t->rows[1].cells[4].pos.line > 0 && t->rows[1].cells[4].box.x1 > 0,
			      "cell position");
		}
	}
	CHECK(table_findings(d) == 0, "a consistent table: %d table findings", table_findings(d));
	bl_doc_free(d);
}

/* table.codes: 类 = Σ款; a cent is rounding (info), more is an error */
static void test_codes(void)
{
	bl_doc *d = general_table("2,124.45", "1,500.00", "2,124.45");
	CHECK(count_rule(d, "table.codes", BL_SEV_ERROR) >= 1, "class off by 1.00");
	bl_doc_free(d);
	d = general_table("2,123.46", "1,500.00", "2,123.46");
	CHECK(count_rule(d, "table.codes", BL_SEV_INFO) >= 1 &&
		      count_rule(d, "table.codes", BL_SEV_ERROR) == 0,
	      "class off by 0.01 is rounding");
	bl_doc_free(d);
}

/* table.columns: 合计 = 基本支出 + 项目支出 in every row */
static void test_columns(void)
{
	bl_doc *d = general_table("2,123.45", "1,400.00", "2,123.45");
	CHECK(count_rule(d, "table.columns", BL_SEV_ERROR) >= 1, "a row whose columns do not add up");
	bl_doc_free(d);
}

/* A side-by-side summary table: halves split, lists and totals balanced */
static void test_halves(void)
{
	for (int bad = 0; bad < 2; bad++) {
		static tdraw d;
		memset(&d, 0, sizeof d);
		put_text(&d, 200, 780, "收入支出决算总表", 0, 0);
		put_text(&d, 420, 760, "单位：万元", 0, 0);
		const float xs[] = {40, 170, 240, 400, 480};
		const char *cells[] = {
			"收入",
			"<",
			"支出",
			"<",
			"项目",
			"决算数",
			"项目",
			"决算数",
			"一、一般公共预算财政拨款收入",
			"100.00",
			"一、一般公共服务支出",
			"90.00",
			"二、其他收入",
			"10.00",
			"二、教育支出",
			"15.00",
			"本年收入合计",
			"110.00",
			"本年支出合计",
			"105.00",
			"年初结转和结余",
			"5.00",
			"年末结转和结余",
			"10.00",
			"总计",
			"115.00",
			"总计",
			bad ? "116.00" : "115.00",
		};
		draw_grid(&d, xs, 4, cells, 7, 740);
		bl_doc *doc = open_drawn(&d, 1);
		const bl_table *t = bl_doc_table(doc, 0);
		CHECK(t && t->kind == BL_TABLE_SUMMARY, "summary kind");
		if (t) {
			CHECK(t->cols[1].part == 0 && t->cols[3].part == 1, "two halves");
			CHECK(!strcmp(t->cols[3].basis, "final"), "basis %s", t->cols[3].basis);
			CHECK(t->nrows == 10 && t->rows[0].part == 0 && t->rows[5].part == 1,
			      "rows by half: %zu", t->nrows);
			CHECK(t->rows[0].enumer == 1, "enumerated");
		}
		if (bad)
			CHECK(count_rule(doc, "table.balance", BL_SEV_ERROR) >= 1, "总计 off on one side");
		else
			CHECK(table_findings(doc) == 0, "a balanced summary: %d", table_findings(doc));
		bl_doc_free(doc);
	}
}

/* A table continued on the next page with its header repeated: one table */
static void test_continued(void)
{
	static tdraw p[2];
	memset(p, 0, sizeof p);
	put_text(&p[0], 150, 780, "一般公共预算财政拨款支出决算表", 0, 0);
	put_text(&p[0], 420, 760, "单位：万元", 0, 0);
	const char *head[] = {"项目", "<", "<", "<", "合计", "基本支出", "项目支出"};
	const char *a[] = {
		"项目",     "<",     "<",   "<", "合计", "基本支出",
		"项目支出", "合计",  "<",   "<", "<",    "30.00",
		"10.00",    "20.00", "201", "",  "",     "一般公共服务支出",
		"10.00",    "10.00", "",
	};
	const char *b[] = {
		"项目", "<", "<", "<",        "合计",  "基本支出", "项目支出",
		"205",  "",  "",  "教育支出", "20.00", "",         "20.00",
	};
	(void)head;
	draw_grid(&p[0], gx, 7, a, 3, 740);
	draw_grid(&p[1], gx, 7, b, 2, 800);
	bl_doc *d = open_drawn(p, 2);
	CHECK(bl_doc_ntables(d) == 1, "one table across pages: %zu", bl_doc_ntables(d));
	const bl_table *t = bl_doc_table(d, 0);
	if (t) {
		CHECK(t->first_page == 1 && t->last_page == 2, "pages %d-%d", t->first_page, t->last_page);
		CHECK(t->nrows == 3 && !strcmp(t->rows[2].code, "205"), "rows joined, header dropped: %zu",
		      t->nrows);
	}
	CHECK(table_findings(d) == 0, "合计 = Σ类 across pages: %d", table_findings(d));
	bl_doc_free(d);
}

/* table.cell: two figures in one cell are a parse doubt, not an error */
static void test_cell(void)
{
	static tdraw d;
	memset(&d, 0, sizeof d);
	put_text(&d, 150, 780, "一般公共预算财政拨款支出决算表", 0, 0);
	const char *cells[] = {
		"项目",
		"<",
		"<",
		"<",
		"合计",
		"基本支出",
		"项目支出",
		"合计",
		"<",
		"<",
		"<",
		"30.00",
		"10.00 20.00",
		"",
		"201",
		"",
		"",
		"一般公共服务支出",
		"30.00",
		"10.00 20.00",
		"",
	};
	draw_grid(&d, gx, 7, cells, 3, 740);
	bl_doc *doc = open_drawn(&d, 1);
	CHECK(count_rule(doc, "table.cell", BL_SEV_INFO) == 2, "doubt cells: %d",
	      count_rule(doc, "table.cell", BL_SEV_INFO));
	CHECK(count_rule(doc, "table.columns", BL_SEV_ERROR) == 0, "no error from a doubtful cell");
	bl_doc_free(doc);
}

/* table.empty_note: an empty table says 本表无数据, or is reported */
static void test_empty_note(void)
{
	for (int note = 0; note < 2; note++) {
		static tdraw d;
		memset(&d, 0, sizeof d);
		put_text(&d, 120, 780, "政府性基金预算财政拨款收入支出决算表", 0, 0);
		const char *cells[] = {
			"项目",     "<", "<", "<",        "本年收入", "本年支出", "<",
			"科目编码", "<", "<", "科目名称", "",         "基本支出", "项目支出",
			"合计",     "<", "<", "<",        "",         "",         "",
		};
		float y = draw_grid(&d, gx, 7, cells, 3, 740);
		if (note)
			put_text(&d, 40, y - 20,
				 "注：本单位无政府性基金预算财政拨款收入和支出，故本表无数据。", 0, 0);
		bl_doc *doc = open_drawn(&d, 1);
		const bl_table *t = bl_doc_table(doc, 0);
		CHECK(t && t->kind == BL_TABLE_FUND && t->no_data == note, "fund table, note %d", note);
		CHECK(count_rule(doc, "table.empty_note", BL_SEV_WARNING) == !note, "empty note %d", note);
		bl_doc_free(doc);
	}
}

/* table.required: a final account's tables are all nine; the contents
 * page listing a title does not count */
static void test_required(void)
{
	static tdraw d;
	memset(&d, 0, sizeof d);
	put_text(&d, 100, 810, "上海市普陀区某某局2024年度部门决算", 0, 0);
	put_text(&d, 100, 795, "一、收入支出决算总表", 0, 0);
	put_text(&d, 100, 780, "一般公共预算财政拨款支出决算表", 0, 0);
	const char *cells[] = {
		"项目", "<", "<", "<", "合计",  "基本支出", "项目支出",
		"合计", "<", "<", "<", "10.00", "10.00",    "",
	};
	draw_grid(&d, gx, 7, cells, 2, 740);
	bl_doc *doc = open_drawn(&d, 1);
	CHECK(bl_doc_profile(doc)->kind == BL_KIND_FINAL, "final");
	CHECK(count_rule(doc, "table.required", BL_SEV_ERROR) == 8, "eight missing: %d",
	      count_rule(doc, "table.required", BL_SEV_ERROR));
	bl_doc_free(doc);
}

/* table.required for budgets: the tables of the document's template of a
 * standard kind. A Jiangsu 2018 provincial budget with one table lacks seven
 * (its template lists eight of the nine kinds and four of its own, which
 * are told by title alone and not required); an unknown region's budget,
 * its template assumed, lacks the national list's, at warning at most. */
static void test_required_budget(void)
{
	static const char *const units[] = {"江苏省某某厅2018年度部门预算", "某某市某某局2024年度部门预算"};
	for (int u = 0; u < 2; u++) {
		static tdraw d;
		memset(&d, 0, sizeof d);
		put_text(&d, 100, 810, units[u], 0, 0);
		put_text(&d, 150, 780, "一般公共预算支出预算表", 0, 0);
		put_text(&d, 420, 760, "单位：万元", 0, 0);
		const char *cells[] = {
			"项目", "<", "<", "<", "合计",  "基本支出", "项目支出",
			"合计", "<", "<", "<", "10.00", "10.00",    "",
		};
		draw_grid(&d, gx, 7, cells, 2, 740);
		bl_doc *doc = open_drawn(&d, 1);
		int err = count_rule(doc, "table.required", BL_SEV_ERROR),
		    warn = count_rule(doc, "table.required", BL_SEV_WARNING);
		if (u == 0)
			CHECK(err == 7 && warn == 0,
			      "Jiangsu 2018 budget: seven missing, %d errors %d warnings", err, warn);
		else
			CHECK(err == 0 && warn >= 1, "assumed template: warnings only, %d errors %d warnings",
			      err, warn);
		bl_doc_free(doc);
	}
}

/* table.narrative: a narrative figure against its cell, by key; a
 * cent apart is rounding (info), more is an error */
static void test_narrative(void)
{
	for (int k = 0; k < 3; k++) {
		static const char *const said[] = {"2123.45", "2123.46", "2223.45"};
		static tdraw d;
		memset(&d, 0, sizeof d);
		char s1[160];
		put_text(&d, 60, 815, "上海市普陀区某某局2024年度部门决算", 0, 0);
		/* the figure in Helvetica: the CJK font's digits would be spaced apart */
		put_text(&d, 60, 800, "一般公共预算财政拨款支出决算为", 0, 0);
		snprintf(s1, sizeof s1, "%s", said[k]);
		put_text(&d, 195, 800, s1, 0, 0);
		put_text(&d, 195 + 5.0f * (float)strlen(said[k]), 800, "万元。", 0, 0);
		put_text(&d, 150, 780, "一般公共预算财政拨款支出决算表", 0, 0);
		put_text(&d, 420, 760, "单位：万元", 0, 0); /* read with certainty: the unit printed */
		const char *cells[] = {
			"项目", "<", "<", "<", "合计",     "基本支出", "项目支出",
			"合计", "<", "<", "<", "2,123.45", "1,500.00", "623.45",
		};
		draw_grid(&d, gx, 7, cells, 2, 740);
		bl_doc *doc = open_drawn(&d, 1);
		CHECK(count_rule(doc, "table.narrative", BL_SEV_ERROR) == (k == 2), "narrative %s: %d errors",
		      said[k], count_rule(doc, "table.narrative", BL_SEV_ERROR));
		CHECK(count_rule(doc, "table.narrative", BL_SEV_INFO) == (k == 1),
		      "narrative %s: a cent is rounding", said[k]);
		bl_doc_free(doc);
	}
}

/* table.cross: 收支总表 本年支出合计 against 支出表 合计 */
static void test_cross(void)
{
	for (int bad = 0; bad < 2; bad++) {
		static tdraw d;
		memset(&d, 0, sizeof d);
		put_text(&d, 200, 800, "收入支出决算总表", 0, 0);
		put_text(&d, 420, 787, "单位：万元", 0, 0);
		const float xs[] = {40, 170, 240, 400, 480};
		const char *sum[] = {
			"收入",
			"<",
			"支出",
			"<",
			"项目",
			"决算数",
			"项目",
			"决算数",
			"一、一般公共预算财政拨款收入",
			"30.00",
			"一、一般公共服务支出",
			"30.00",
			"本年收入合计",
			"30.00",
			"本年支出合计",
			"30.00",
		};
		float y = draw_grid(&d, xs, 4, sum, 4, 780);
		put_text(&d, 200, y - 30, "支出决算表", 0, 0);
		put_text(&d, 420, y - 42, "单位：万元", 0, 0);
		const char *exp[] = {
			"项目",
			"<",
			"<",
			"<",
			"本年支出合计",
			"基本支出",
			"项目支出",
			"合计",
			"<",
			"<",
			"<",
			bad ? "31.00" : "30.00",
			"10.00",
			bad ? "21.00" : "20.00",
			"201",
			"",
			"",
			"一般公共服务支出",
			bad ? "31.00" : "30.00",
			"10.00",
			bad ? "21.00" : "20.00",
		};
		draw_grid(&d, gx, 7, exp, 3, y - 50);
		bl_doc *doc = open_drawn(&d, 1);
		CHECK(bl_doc_ntables(doc) == 2, "two tables: %zu", bl_doc_ntables(doc));
		CHECK(count_rule(doc, "table.cross", BL_SEV_ERROR) == (bad ? 2 : 0), "cross %d: %d", bad,
		      count_rule(doc, "table.cross", BL_SEV_ERROR));
		bl_doc_free(doc);
	}
}

/* A title is one of the nine by its name, not by mentioning 支出: a
 * 项目支出 table is other; a budget's 支出预算总表 is the 支出表 */
static void test_titles(void)
{
	for (int k = 0; k < 3; k++) {
		static const char *const titles[] = {"2025年部门项目支出预算表", "2025年部门支出预算总表",
						     "项目支出绩效目标表"};
		static const bl_table_kind want[] = {BL_TABLE_OTHER, BL_TABLE_EXPENSE, BL_TABLE_OTHER};
		static tdraw d;
		memset(&d, 0, sizeof d);
		put_text(&d, 150, 780, titles[k], 0, 0);
		const char *cells[] = {
			"项目", "<", "<", "<", "合计",  "基本支出", "项目支出",
			"合计", "<", "<", "<", "10.00", "10.00",    "",
		};
		draw_grid(&d, gx, 7, cells, 2, 740);
		bl_doc *doc = open_drawn(&d, 1);
		const bl_table *t = bl_doc_table(doc, 0);
		CHECK(t && t->kind == want[k], "%s: %s", titles[k], t ? bl_table_kind_name(t->kind) : "none");
		bl_doc_free(doc);
	}
}

/* Clears page d and prints title at its top. */
static tdraw *titled(tdraw *d, const char *title)
{
	memset(d, 0, sizeof *d);
	put_text(d, 150, 800, title, 0, 0);
	return d;
}

/* A small table with one figure row, and its columns. */
static const char *const small_cells[] = {"科目编码", "科目名称", "金额",         "",    "合计",
					  "8.00",     "212",      "城乡社区支出", "8.00"};
static const char *const empty_cells[] = {"科目编码", "科目名称", "金额", "", "合计", ""};
static const float small_xs[] = {40, 120, 330, 450};

/* A one-page document of one table: title, then the grid below it. */
static bl_doc *drawn_table(const char *title, const float *xs, int ncols, const char *const *cells, int nrows)
{
	static tdraw d;
	draw_grid(titled(&d, title), xs, ncols, cells, nrows, 770);
	return open_drawn(&d, 1);
}

/* The row of part p labelled label, or NULL. */
static const bl_trow *row_named(const bl_table *t, int p, const char *label)
{
	for (size_t i = 0; t && i < t->nrows; i++)
		if (t->rows[i].part == p && !strcmp(t->rows[i].label, label))
			return &t->rows[i];
	return NULL;
}

static int part_rows(const bl_table *t, int p)
{
	int n = 0;
	for (size_t i = 0; t && i < t->nrows; i++)
		n += t->rows[i].part == p;
	return n;
}

/* The finding of rule at severity sev placed at pos (any place: line 0),
 * or NULL (after bl_doc_check). */
static const bl_finding *finding_at(bl_doc *d, const char *rule, bl_severity sev, bl_pos pos)
{
	for (size_t i = 0; i < bl_doc_nfindings(d); i++) {
		const bl_finding *f = bl_doc_finding(d, i);
		if (!strcmp(f->rule, rule) && f->severity == sev &&
		    (!pos.line || (f->pos.line == pos.line && f->pos.col == pos.col)))
			return f;
	}
	return NULL;
}

/* A 收支预算总表 as Excel exports it: 收入 beside 支出 in two views (功能分类,
 * 支出用途), its 支出 totals printed once across both views' columns. The
 * four ways of printing them: the label merged over to the last column
 * (0), the figure right-aligned across the second view's cells (1),
 * centred across them (2), centred across the 金额 of the first view and
 * the whole second (3). */
static bl_doc *merged_summary(int mode, const char *total, const char *reserve)
{
	static tdraw d;
	titled(&d, "收支预算总表");
	put_text(&d, 450, 785, "单位：万元", 0, 0);
	const float xs[] = {30, 130, 190, 310, 370, 480, 560};
	char fig[32], cen[32], rgt[32];
	snprintf(fig, sizeof fig, "%s", total);
	snprintf(cen, sizeof cen, "=%s", total);
	snprintf(rgt, sizeof rgt, ">%s", total);
	const char *const tails[4][4] = {
		{"<", "<", fig, ""},
		{"", rgt, "<", ""},
		{"<", cen, "<", ""},
		{cen, "<", "<", ""},
	};
	const char *const *tl = tails[mode];
	const char *cells[] = {
		"收入",
		"<",
		"支出",
		"<",
		"<",
		"<",
		"",
		"",
		"功能分类",
		"<",
		"支出用途",
		"<",
		"项目名称",
		"金额",
		"功能科目名称",
		"金额",
		"项目名称",
		"金额",
		"一、财政拨款",
		"100.00",
		"一、一般公共服务支出",
		"90.00",
		"一、基本支出",
		"60.00",
		"二、其他资金",
		"20.00",
		"二、教育支出",
		"30.00",
		"二、项目支出",
		"50.00",
		"",
		"",
		"",
		"",
		"三、单位预留机动经费",
		reserve,
		"当年收入小计",
		"120.00",
		"当年支出小计",
		tl[0],
		tl[1],
		tl[2],
		"收入合计",
		"120.00",
		"支出合计",
		tl[0],
		tl[1],
		tl[2],
	};
	draw_grid(&d, xs, 6, cells, 8, 770);
	return open_drawn(&d, 1);
}

/* A figure in a merged cell is read into its labelled row, whichever way
 * it is printed; by position only, it is a cell doubt; an inconsistent one
 * is found, at that figure. */
static void test_merged_cells(void)
{
	char b1[48];
	for (int mode = 0; mode < 4; mode++) {
		bl_doc *d = merged_summary(mode, "120.00", "10.00");
		const bl_table *t = bl_doc_table(d, 0);
		CHECK(t && t->kind == BL_TABLE_SUMMARY && t->ncols == 6, "mode %d: a summary of six columns",
		      mode);
		const bl_trow *tot = row_named(t, 1, "支出合计"), *sub = row_named(t, 1, "当年支出小计");
		CHECK(tot && sub, "mode %d: the 支出 totals in the function-class view", mode);
		if (tot && sub) {
			CHECK(!strcmp(cell_val(t, (size_t)(tot - t->rows), 3, b1), "120.00") &&
				      !strcmp(cell_val(t, (size_t)(sub - t->rows), 3, b1), "120.00"),
			      "mode %d: 支出合计 read, not blank: %s", mode,
			      cell_val(t, (size_t)(tot - t->rows), 3, b1));
			unsigned want = mode == 0 ? 0 : BL_DOUBT_CELL;
			CHECK(tot->cells[3].doubt == want, "mode %d: doubt %u", mode, tot->cells[3].doubt);
		}
		CHECK(part_rows(t, 2) == 3, "mode %d: no unlabelled row in the second view: %d", mode,
		      part_rows(t, 2));
		CHECK(table_findings(d) == 0, "mode %d: balanced, no finding: %d", mode, table_findings(d));
		bl_doc_free(d);
	}
	for (int mode = 0; mode < 2; mode++) {
		bl_doc *d = merged_summary(mode, "125.00", "10.00");
		const bl_table *t = bl_doc_table(d, 0);
		const bl_trow *tot = row_named(t, 1, "支出合计");
		bl_doc_check(d);
		/* read with certainty (the label runs into the second view): an
		 * error; by position only: the doubt's warning, still found */
		bl_pos at = tot ? tot->cells[3].pos : (bl_pos){0, 0, 0};
		const bl_finding *f =
			finding_at(d, "table.balance", mode == 0 ? BL_SEV_ERROR : BL_SEV_WARNING, at);
		CHECK(f != NULL && at.line > 0,
		      "mode %d: the inconsistent merged total found, at that figure", mode);
		if (f)
			CHECK(f->has_stated && !strcmp(bl_dec_format(f->stated, b1), "125.00"), "stated %s",
			      b1);
		CHECK(mode == 0 || !finding_at(d, "table.balance", BL_SEV_ERROR, (bl_pos){0, 0, 0}),
		      "no error from a doubted cell");
		bl_doc_free(d);
	}
	/* the second view's items add up to the total printed across both */
	bl_doc *d = merged_summary(0, "120.00", "15.00");
	bl_doc_check(d);
	const bl_finding *f = finding_at(d, "table.balance", BL_SEV_ERROR, (bl_pos){0, 0, 0});
	CHECK(f && strstr(f->message, "支出用途") && f->has_expected &&
		      !strcmp(bl_dec_format(f->expected, b1), "125.00"),
	      "支出用途 items against 支出合计: %s", f ? f->message : "none");
	bl_doc_free(d);
}

/* Cells merged down two rows (收入 rows beside two 支出 rows): the label in
 * one band, its figure in the other, are one row; a group label merged
 * down beside the rows' own labels gives way to them. */
static void test_merged_rows(void)
{
	char b1[48];
	for (int low = 0; low < 2; low++) {
		static tdraw d;
		titled(&d, "部门收支总表");
		const float xs[] = {40, 170, 240, 400, 480};
		const char *const rows[6][4] = {
			{"收入", "<", "支出", "<"},
			{"项目", "金额", "项目", "金额"},
			{low ? "_一、财政拨款" : "一、财政拨款", low ? "100.00" : "_100.00",
			 "一、一般公共服务支出", "70.00"},
			{"v", "v", "二、教育支出", "30.00"},
			{"二、其他收入", "20.00", "三、住房保障支出", "20.00"},
			{"收入合计", "120.00", "支出合计", "120.00"},
		};
		const char *const *cells = &rows[0][0];
		draw_grid(&d, xs, 4, cells, 6, 770);
		bl_doc *doc = open_drawn(&d, 1);
		const bl_table *t = bl_doc_table(doc, 0);
		const bl_trow *r = row_named(t, 0, "一、财政拨款");
		CHECK(r && !strcmp(cell_val(t, (size_t)(r - t->rows), 1, b1), "100.00"),
		      "low %d: merged-down row read", low);
		CHECK(part_rows(t, 0) == 3, "low %d: three 收入 rows: %d", low, part_rows(t, 0));
		CHECK(table_findings(doc) == 0, "low %d: no finding: %d", low, table_findings(doc));
		bl_doc_free(doc);
	}
	const float xs[] = {40, 160, 330, 450};
	const char *cells[] = {
		"项目",         "<",    "金额",   "收入总计", "<",        "130.00",
		"一般公共预算", "小计", "100.00", "v",        "财政拨款", "100.00",
		"其他资金",     "小计", "30.00",  "v",        "事业收入", "30.00",
	};
	bl_doc *doc = drawn_table("部门收入预算总表", xs, 3, cells, 6);
	const bl_table *t = bl_doc_table(doc, 0);
	CHECK(t && t->kind == BL_TABLE_INCOME, "income table");
	const bl_trow *r = row_named(t, 0, "财政拨款"), *g = row_named(t, 0, "一般公共预算");
	CHECK(r && !g && !strcmp(cell_val(t, (size_t)(r - t->rows), 2, b1), "100.00"),
	      "the row's own label, not its group's");
	bl_doc_free(doc);
}

/* Two tables on one page are two: drawn edge to edge (the second's title
 * in a band of the same frame), or apart with text between; the second's
 * rows are not summed into the first one's 合计. */
static void test_two_tables(void)
{
	for (int k = 0; k < 2; k++) {
		static tdraw d;
		titled(&d, "一般公共预算支出预算表");
		const float xs[] = {40, 120, 330, 450};
		const char *a[] = {
			"功能科目代码", "功能科目名称",     "金额",  "",    "合计",     "30.00",
			"201",          "一般公共服务支出", "10.00", "205", "教育支出", "20.00",
		};
		const char *b[] = {
			"一般公共预算基本支出预算表",
			"<",
			"<",
			"科目编码",
			"科目名称",
			"金额",
			"",
			"合计",
			"5.00",
			"301",
			"工资福利支出",
			"5.00",
		};
		float y = draw_grid(&d, xs, 3, a, 4, 770);
		if (k == 0)
			draw_grid(&d, xs, 3, b, 4, y);
		else {
			put_text(&d, 40, y - 20, "单位：万元", 0, 0);
			draw_grid(&d, xs, 3, b + 3, 3, y - 30);
		}
		bl_doc *doc = open_drawn(&d, 1);
		const bl_table *t = bl_doc_table(doc, 0);
		CHECK(t && t->nrows == 3, "k %d: the first table keeps its own rows: %zu", k,
		      t ? t->nrows : 0);
		if (k == 0) {
			const bl_table *t2 = bl_doc_table(doc, 1);
			CHECK(bl_doc_ntables(doc) == 2 && t2 && t2->kind == BL_TABLE_BASIC && t2->nrows == 2,
			      "k %d: the second table of its own: %zu tables", k, bl_doc_ntables(doc));
		}
		CHECK(table_findings(doc) == 0, "k %d: 合计 = Σ类 in each: %d", k, table_findings(doc));
		bl_doc_free(doc);
	}
}

/* An empty table's note in other wordings and places, or a narrative
 * sentence: no table.empty_note; a note about something else, a sentence
 * below about one item, or a narrative giving the subject an amount: the
 * warning stays. */
static void test_empty_notes(void)
{
	static const struct {
		const char *text;
		int where; /* 0 under the grid, 1 between caption and grid, 2 top of the next page */
		int explained;
	} cases[] = {
		{"注：本部门无该项目", 0, 1},
		{"说明：本单位2026年无政府性基金预算收支，故此表为空表。", 0, 1},
		{"此表无数据", 1, 1},
		{"注：本部门不涉及政府性基金预算拨款。", 2, 1},
		{"本部门没有政府性基金预算，故本表为空。", 2, 1},
		{"注：本表金额单位为万元。", 0, 0},
		{"主要原因是没有此项支出。", 0, 0},
		{"注：表中“-”表示无数据。", 0, 0},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		static tdraw p[2];
		titled(&p[0], "政府性基金预算支出预算表");
		memset(&p[1], 0, sizeof p[1]);
		put_text(&p[0], 420, 785, "单位：万元", 0, 0);
		if (cases[k].where == 1)
			put_text(&p[0], 40, 770, cases[k].text, 0, 0);
		float y = draw_grid(&p[0], small_xs, 3, empty_cells, 2, 750);
		if (cases[k].where == 0)
			put_text(&p[0], 40, y - 20, cases[k].text, 0, 0);
		put_text(&p[1], 40, 800, cases[k].where == 2 ? cases[k].text : "第2页", 0, 0);
		bl_doc *doc = open_drawn(p, 2);
		CHECK(count_rule(doc, "table.empty_note", BL_SEV_WARNING) == !cases[k].explained,
		      "%s: empty_note %d", cases[k].text,
		      count_rule(doc, "table.empty_note", BL_SEV_WARNING));
		bl_doc_free(doc);
	}
	/* the narrative: a sentence naming the subject and giving it nothing;
	 * another giving it an amount undoes it */
	for (int some = 0; some < 2; some++) {
		static tdraw p[2];
		memset(p, 0, sizeof p);
		put_text(&p[0], 40, 800, "八、政府性基金预算支出情况说明", 0, 0);
		put_text(&p[0], 40, 785, "本部门2026年政府性基金预算支出0万元。", 0, 0);
		if (some)
			put_text(&p[0], 40, 770, "政府性基金预算拨款收入12.50万元，比上年增加1.00万元。", 0,
				 0);
		put_text(&p[1], 150, 800, "政府性基金预算支出预算表", 0, 0);
		draw_grid(&p[1], small_xs, 3, empty_cells, 2, 770);
		bl_doc *doc = open_drawn(p, 2);
		CHECK(count_rule(doc, "table.empty_note", BL_SEV_WARNING) == some, "narrative, some %d",
		      some);
		bl_doc_free(doc);
	}
	/* a table with figures is not empty, whatever a note says */
	static tdraw d;
	titled(&d, "政府性基金预算支出预算表");
	float y = draw_grid(&d, small_xs, 3, small_cells, 3, 770);
	put_text(&d, 40, y - 20, "注：本表无数据的栏目不填。", 0, 0);
	bl_doc *doc = open_drawn(&d, 1);
	CHECK(count_rule(doc, "table.empty_note", BL_SEV_WARNING) == 0 && table_findings(doc) == 0,
	      "a table with rows is not called empty");
	bl_doc_free(doc);
}

/* Numbered titles name the table they number; a numbering alone names none */
static void test_numbered_titles(void)
{
	static const struct {
		const char *title, *number; /* number: a line of its own between title and grid */
		bl_table_kind kind;
	} cases[] = {
		{"公开07表：一般公共预算支出预算表", NULL, BL_TABLE_GENERAL},
		{"表一 部门收支总表", NULL, BL_TABLE_SUMMARY},
		{"部门支出总表（公开03表）", NULL, BL_TABLE_EXPENSE},
		{"表3-1：政府性基金预算支出表", NULL, BL_TABLE_FUND},
		{"一般公共预算基本支出表", "公开08表", BL_TABLE_BASIC},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		static tdraw d;
		titled(&d, cases[k].title);
		if (cases[k].number)
			put_text(&d, 40, 785, cases[k].number, 0, 0);
		draw_grid(&d, small_xs, 3, small_cells, 3, 770);
		bl_doc *doc = open_drawn(&d, 1);
		const bl_table *t = bl_doc_table(doc, 0);
		CHECK(t && t->kind == cases[k].kind && !strstr(t->title, "公开") &&
			      !strstr(t->title, "表一") && !strstr(t->title, "表3"),
		      "%s: %s \"%s\"", cases[k].title, t ? bl_table_kind_name(t->kind) : "none",
		      t ? t->title : "");
		bl_doc_free(doc);
	}
	CHECK(bl_tbl_title_kind("公开11表") == BL_TABLE_KINDS &&
		      bl_tbl_title_kind("表十二") == BL_TABLE_KINDS,
	      "a numbering alone is no title");
	CHECK(bl_tbl_title_kind("一般公共预算支出表") == BL_TABLE_GENERAL, "一 of 一般 is no numeral");
}

/* One inline-string cell of a sheet. */
static void xcell(char *row, size_t cap, const char *ref, const char *text)
{
	size_t n = strlen(row);
	snprintf(row + n, cap - n, "<c r=\"%s\" t=\"inlineStr\"><is><t>%s</t></is></c>", ref, text);
}

/* The same summary as an XLSX: the 支出 totals in merged cells (the label
 * over to the last column; the figure across both views' 金额), read into
 * their rows, and a wrong one found at its figure. */
static void test_xlsx_merged(void)
{
	char b1[48];
	for (int bad = 0; bad < 2; bad++) {
		static const char *const grid[][6] = {
			{"收支预算总表", "", "", "", "", ""},
			{"", "", "", "", "", "单位：万元"},
			{"收入", "", "支出", "", "", ""},
			{"", "", "功能分类", "", "支出用途", ""},
			{"项目名称", "金额", "功能科目名称", "金额", "项目名称", "金额"},
			{"一、财政拨款", "100.00", "一、一般公共服务支出", "90.00", "一、基本支出", "60.00"},
			{"二、其他资金", "20.00", "二、教育支出", "30.00", "二、项目支出", "50.00"},
			{"", "", "", "", "三、单位预留机动经费", "10.00"},
			{"当年收入小计", "120.00", "当年支出小计", "", "", "120.00"},
			{"收入合计", "120.00", "支出合计", "#", "", ""},
		};
		static char sheet[16384];
		snprintf(sheet, sizeof sheet, "<sheetData>");
		for (int r = 0; r < 10; r++) {
			char row[2048];
			snprintf(row, sizeof row, "<row r=\"%d\">", r + 1);
			for (int c = 0; c < 6; c++) {
				const char *v = strcmp(grid[r][c], "#") ? grid[r][c]
						: bad                   ? "125.00"
									: "120.00";
				char ref[16];
				snprintf(ref, sizeof ref, "%c%d", 'A' + c, r + 1);
				if (*v)
					xcell(row, sizeof row, ref, v);
			}
			size_t n = strlen(sheet);
			snprintf(sheet + n, sizeof sheet - n, "%s</row>", row);
		}
		size_t n = strlen(sheet);
		snprintf(sheet + n, sizeof sheet - n,
			 "</sheetData><mergeCells><mergeCell ref=\"A1:F1\"/><mergeCell ref=\"A3:B3\"/>"
			 "<mergeCell ref=\"C3:F3\"/><mergeCell ref=\"C4:D4\"/><mergeCell ref=\"E4:F4\"/>"
			 "<mergeCell ref=\"C9:E9\"/><mergeCell ref=\"D10:F10\"/></mergeCells>");
		const char *names[] = {"收支总表"}, *sheets[] = {sheet}, *states[] = {""};
		char path[256];
		snprintf(path, sizeof path, "/tmp/test_table_%d_%d.xlsx", (int)getpid(), bad);
		CHECK(xlsx_write(path, 1, names, sheets, states, NULL, NULL) == 0, "write xlsx");
		bl_doc *d = NULL;
		bl_diag diag = {0};
		bl_doc_open_file(path, &d, &diag);
		remove(path);
		const bl_table *t = d ? bl_doc_table(d, 0) : NULL;
		CHECK(t && t->kind == BL_TABLE_SUMMARY, "xlsx summary: %s", diag.msg);
		const bl_trow *tot = row_named(t, 1, "支出合计"), *sub = row_named(t, 1, "当年支出小计");
		CHECK(tot && sub && !strcmp(cell_val(t, (size_t)(sub - t->rows), 3, b1), "120.00") &&
			      !strcmp(cell_val(t, (size_t)(tot - t->rows), 3, b1), bad ? "125.00" : "120.00"),
		      "bad %d: both merged totals read", bad);
		CHECK(part_rows(t, 2) == 3, "bad %d: no unlabelled row: %d", bad, part_rows(t, 2));
		if (!bad)
			CHECK(table_findings(d) == 0, "a balanced xlsx summary: %d", table_findings(d));
		else {
			bl_doc_check(d);
			/* 125.00 across 金额 of both views: which one is told by position
			 * only, so the doubt's warning, at that figure */
			CHECK(tot && finding_at(d, "table.balance", BL_SEV_WARNING, tot->cells[3].pos) &&
				      !finding_at(d, "table.balance", BL_SEV_ERROR, (bl_pos){0, 0, 0}),
			      "the wrong merged total found at its figure");
		}
		bl_doc_free(d);
	}
}

int main(void)
{
	test_word_lists();
	test_vocab_cells();
	test_model();
	test_codes();
	test_columns();
	test_halves();
	test_continued();
	test_cell();
	test_empty_note();
	test_required();
	test_required_budget();
	test_narrative();
	test_cross();
	test_titles();
	test_merged_cells();
	test_merged_rows();
	test_two_tables();
	test_empty_notes();
	test_numbered_titles();
	test_xlsx_merged();
	DONE("table");
}
