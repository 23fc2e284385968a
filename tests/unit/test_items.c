/* test_items.c - the lines below the 类 (款, 项) read as facts of their own
 * code (func.<code>, from the document's table or the observed
 * classification), compared with the table's row of that code: a narrative file and
 * an XLSX of its 一般公共预算财政拨款支出决算表, made here, checked as one
 * disclosure. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "budgetlint/budgetlint.h"
#include "doc.h"
#include "harness.h"
#include "ooxml.h"

static char dir[64];

/* The 一般公共预算财政拨款支出决算表: 208 > 20805 > 2080501 and 2080505, then 合计. */
static int write_table(const char *path, const char *item_amount)
{
	static const char *const rows[][5] = {
		{"208", "社会保障和就业支出", "100.00", "100.00", "0.00"},
		{"20805", "行政事业单位养老支出", "100.00", "100.00", "0.00"},
		{"2080501", "行政单位离退休", NULL, NULL, "0.00"},
		{"2080505", "机关事业单位基本养老保险缴费支出", "45.47", "45.47", "0.00"},
		{"", "合计", "100.00", "100.00", "0.00"},
	};
	char sheet[8192];
	size_t k = 0;
#define XPUT(...) k += (size_t)snprintf(sheet + k, sizeof sheet - k, __VA_ARGS__)
	XPUT("<sheetData><row r=\"1\"><c r=\"A1\" "
	     "t=\"inlineStr\"><is><t>一般公共预算财政拨款支出决算表</t></is></c></row>"
	     "<row r=\"2\"><c r=\"E2\" t=\"inlineStr\"><is><t>单位：万元</t></is></c></row>"
	     "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>科目编码</t></is></c>"
	     "<c r=\"B3\" t=\"inlineStr\"><is><t>科目名称</t></is></c><c r=\"C3\" "
	     "t=\"inlineStr\"><is><t>合计</t></is></c>"
	     "<c r=\"D3\" t=\"inlineStr\"><is><t>基本支出</t></is></c>"
	     "<c r=\"E3\" t=\"inlineStr\"><is><t>项目支出</t></is></c></row>");
	for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
		int n = (int)r + 4;
		XPUT("<row r=\"%d\"><c r=\"A%d\" t=\"inlineStr\"><is><t>%s</t></is></c>"
		     "<c r=\"B%d\" t=\"inlineStr\"><is><t>%s</t></is></c>",
		     n, n, rows[r][0], n, rows[r][1]);
		for (int c = 2; c < 5; c++)
			XPUT("<c r=\"%c%d\"><v>%s</v></c>", 'A' + c, n,
			     rows[r][c] ? rows[r][c] : item_amount);
		XPUT("</row>");
	}
	XPUT("</sheetData>");
#undef XPUT
	const char *names[] = {"一般公共预算财政拨款支出决算表"}, *sheets[] = {sheet}, *states[] = {""};
	return xlsx_write(path, 1, names, sheets, states, NULL, NULL);
}

static int write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f);
}

static int count(const bl_doc *d, const char *rule, bl_severity sev, int line)
{
	int n = 0;
	for (size_t i = 0; i < bl_doc_nfindings(d); i++) {
		const bl_finding *f = bl_doc_finding(d, i);
		n += !strcmp(f->rule, rule) && f->severity == sev && (!line || f->pos.line == line);
	}
	return n;
}

static int has_key(const bl_doc *d, const char *key, bl_basis b, const char *value)
{
	for (size_t i = 0; i < bl_doc_nfacts(d); i++) {
		const bl_fact *f = bl_doc_fact(d, i);
		char v[40];
		if (!strcmp(f->key, key) && f->measure == BL_M_VALUE && f->basis == b &&
		    !strcmp(bl_dec_format(f->value, v), value))
			return 1;
	}
	return 0;
}

static const char head[] =
	"上海市某某区测试局\n2025年度部门决算\n（三）一般公共预算财政拨款支出决算具体情况\n"
	"一般公共预算财政拨款支出年初预算为100.00万元，支出决算为100.00万元，完成年初预算的100.00%。\n";
#define ITEM "general.func.2080501"

/* The narrative's item against the table's row: the same figure passes, another is
 * table.narrative's error at it (the table's cell beside it); its completion rate is
 * checked on the item's own two figures. */
static void test_against_table(const char *final, const char *table_amount, int want_error)
{
	char narr[128], tabs[128], text[2048];
	snprintf(narr, sizeof narr, "%s/说明.txt", dir);
	snprintf(tabs, sizeof tabs, "%s/公开表.xlsx", dir);
	snprintf(text, sizeof text,
		 "%s1、社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）。主要用于：行政"
		 "单位退休人员支出。"
		 "年初预算为54.53万元，支出决算为%s万元。\n",
		 head, final);
	CHECK(write_text(narr, text) == 0 && write_table(tabs, table_amount) == 0, "files written in %s",
	      dir);
	bl_doc *n = open_file(narr), *t = open_file(tabs);
	if (!n || !t) {
		bl_doc_free(n);
		bl_doc_free(t);
		return;
	}
	CHECK(has_key(n, ITEM, BL_B_NONE, final) && has_key(n, ITEM, BL_B_INITIAL_BUDGET, "54.53"),
	      "the item line's figures are its own (决算 %s, 年初预算 54.53)", final);
	CHECK(bl_doc_pairs_with(n, t) > 0 && bl_doc_pair(n, t) == BL_OK,
	      "narrative and tables pair: holds %u %u, %d", bl_doc_holds(n), bl_doc_holds(t),
	      bl_doc_pairs_with(n, t));
	bl_doc_check(n);
	CHECK(count(n, "table.narrative", BL_SEV_ERROR, 5) == want_error,
	      "决算 %s against the table's %s: %d table.narrative error(s) on line 5, want %d", final,
	      table_amount, count(n, "table.narrative", BL_SEV_ERROR, 5), want_error);
	bl_doc_free(n);
	bl_doc_free(t);
	if (!getenv("BL_ITEMS_KEEP")) {
		unlink(narr);
		unlink(tabs);
	}
}

/* A budget's item lines ("X（类）Y（款）Z（项）”261.47万元"), a 款 line, and a 项 whose
 * mark went to the next line: the last is no 款's figure. */
static void test_shapes(void)
{
	bl_doc *d = open_text(
		"上海市某某区测试局\n2026年部门预算\n二、部门预算编制说明\n财政拨款支出主要内容如下：\n"
		"1. "
		"“社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）”261."
		"47万元，主要用于离退休人员支出。\n"
		"2. “卫生健康支出(类)行政事业单位医疗(款)”143.90万元，比2025年预算增加3.10万元。\n"
		"3. “住房保障支出（类）住房改革支出（款）住房公积\n金（项）”264.97万元。\n");
	if (!d)
		return;
	CHECK(has_key(d, "approp.func.2080501", BL_B_NONE, "261.47") ||
		      has_key(d, "total.func.2080501", BL_B_NONE, "261.47"),
	      "a 项 line's amount, its code from the classification (no table here)");
	int kuan = 0, cut = 0;
	for (size_t i = 0; i < bl_doc_nfacts(d); i++) {
		const char *k = bl_doc_fact(d, i)->key;
		kuan += strstr(k, ".func.21011") && strlen(strstr(k, ".func.")) == 11;
		cut += strstr(k, ".func.22102") != NULL;
	}
	CHECK(kuan == 2, "a 款 line (ASCII marks) has its amount and its change: %d facts", kuan);
	CHECK(cut == 0, "a 项 whose mark is on the next line is no 款's figure: %d facts", cut);
	bl_doc_free(d);
}

int main(void)
{
	snprintf(dir, sizeof dir, "/tmp/bl_items_XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	test_against_table("54.53", "54.53", 0);
	test_against_table("64.53", "54.53", 1);
	test_against_table("54.53", "44.53", 1);
	test_shapes();
	rmdir(dir);
	DONE("items");
}
