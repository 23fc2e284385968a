/* test_pair.c - one disclosure in two files (bl_doc_pair, complete.pair,
 * profile.pair, table.narrative across the pair) and how a file names its
 * unit when no title does (header lines, the file name as a doubt). */
#include <stdlib.h>

#include "budgetlint/budgetlint.h"
#include "doc.h"
#include "harness.h"
#include "pdfgen.h"

/* A narrative without tables, and a file of tables without a narrative,
 * of the same unit and year; the table's 合计 is 2,123.45 against the
 * narrative's 2223.45 (basic 1,500.00 against 1600.00). */
#define NARR                                                                                                         \
	"重庆市某某区测试中心\n2024年度部门决算公开说明\n"                                       \
	"一、收入支出决算总体情况\n2024年度收入总计2223.45万元，支出总计2223.45万元。\n" \
	"二、一般公共预算财政拨款支出决算情况\n"                                                   \
	"一般公共预算财政拨款支出决算为%s万元，其中基本支出%s万元，项目支出623.45万元。\n"
#define TABLES                                                                                               \
	"2024年度部门决算公开表\n"                                                                  \
	"                 一般公共预算财政拨款支出决算表\n"                                   \
	"部 门:%s                                        单位：万元\n"                                \
	"  科目编码   科目名称         合计     基本支出      项目支出\n"                  \
	"            合计         2,123.45    1,500.00    623.45\n"

static bl_doc *open_doc(const char *name, const char *fmt, const char *a, const char *b)
{
	char text[4096];
	snprintf(text, sizeof text, fmt, a, b);
	return open_named(name, text);
}

static int count(const bl_doc *d, const char *rule, bl_severity sev)
{
	int n = 0;
	for (size_t i = 0; i < bl_doc_nfindings(d); i++)
		n += !strcmp(bl_doc_finding(d, i)->rule, rule) && bl_doc_finding(d, i)->severity == sev;
	return n;
}

static const bl_finding *first(const bl_doc *d, const char *rule)
{
	for (size_t i = 0; i < bl_doc_nfindings(d); i++)
		if (!strcmp(bl_doc_finding(d, i)->rule, rule))
			return bl_doc_finding(d, i);
	return NULL;
}

static size_t rule_index(const char *id)
{
	for (size_t i = 0; i < bl_rule_count(); i++)
		if (!strcmp(bl_rule_at(i)->id, id))
			return i;
	return 0;
}

static int errors(const bl_doc *d)
{
	int n = 0;
	for (size_t i = 0; i < bl_doc_nfindings(d); i++)
		n += bl_doc_finding(d, i)->severity == BL_SEV_ERROR;
	return n;
}

static void pair_checked(void)
{
	bl_doc *n = open_doc("说明.txt", NARR, "2223.45", "1600.00");
	bl_doc *t = open_doc("公开表.txt", TABLES, "重庆市某某区测试中心", "");
	if (!n || !t)
		return;
	CHECK(bl_doc_holds(n) == BL_HOLDS_NARRATIVE, "the narrative holds %u", bl_doc_holds(n));
	CHECK(bl_doc_holds(t) == BL_HOLDS_TABLES, "the tables hold %u", bl_doc_holds(t));
	CHECK(!strcmp(bl_doc_profile(t)->unit, "重庆市某某区测试中心"), "the unit from 部 门: '%s'",
	      bl_doc_profile(t)->unit);
	CHECK(bl_doc_pairs_with(n, t) == 2 && bl_doc_pairs_with(t, n) == 2, "the two halves pair, named");
	CHECK(!bl_doc_pairs_with(n, n), "a file does not pair with itself");
	CHECK(bl_doc_pair(n, n) == BL_EUSAGE, "nor can it be paired with itself");
	CHECK(bl_doc_pair(n, t) == BL_OK && bl_doc_companion(n) == t && bl_doc_companion(t) == n, "paired");
	CHECK(bl_doc_pair(n, t) == BL_EUSAGE, "a second pairing is refused");
	bl_doc_check(n);
	bl_doc_check(t);
	/* the narrative against the companion's table: 2223.45 vs 2,123.45, 1600.00 vs 1,500.00 */
	CHECK(count(n, "table.narrative", BL_SEV_ERROR) == 2, "%d table.narrative errors",
	      count(n, "table.narrative", BL_SEV_ERROR));
	const bl_finding *f = first(n, "table.narrative");
	CHECK(f && f->nevidence == 2 && f->evidence[1].path && !strcmp(f->evidence[1].path, "公开表.txt"),
	      "the table's evidence names its file");
	CHECK(f && f->evidence[0].path == NULL, "the narrative's own evidence names none");
	CHECK(count(n, "profile.pair", BL_SEV_INFO) == 1 && count(t, "profile.pair", BL_SEV_INFO) == 1,
	      "each file says once it was checked with the other");
	CHECK(!first(n, "complete.pair") && !first(t, "complete.pair"), "nothing missing from the pair");
	CHECK(!first(t, "complete.sections"), "the tables file is not asked for sections");
	CHECK(!first(t, "profile.identity"), "the tables file names its unit");
	CHECK(bl_doc_profile(t)->level == bl_doc_profile(n)->level &&
		      bl_doc_profile(t)->kind == BL_KIND_FINAL,
	      "what the tables file leaves unsaid it takes from the narrative");
	bl_doc_free(n);
	bl_doc_free(t);

	/* tables that name no unit take the narrative's when paired */
	n = open_doc("说明.txt", NARR, "2123.45", "1500.00");
	t = open_doc("公开表.txt", TABLES, "", "");
	if (n && t) {
		CHECK(!*bl_doc_profile(t)->unit && bl_doc_pairs_with(n, t) == 1, "no unit: a weak pair");
		bl_doc_pair(n, t);
		CHECK(!strcmp(bl_doc_profile(t)->unit, "重庆市某某区测试中心"),
		      "the unit from the companion: '%s'", bl_doc_profile(t)->unit);
	}
	bl_doc_free(n);
	bl_doc_free(t);

	/* consistent: no error in either */
	n = open_doc("说明.txt", NARR, "2123.45", "1500.00");
	t = open_doc("公开表.txt", TABLES, "重庆市某某区测试中心", "");
	if (!n || !t)
		return;
	bl_doc_pair(n, t);
	bl_doc_check(n);
	bl_doc_check(t);
	CHECK(errors(n) == 0 && errors(t) == 0, "a consistent pair: %d and %d errors", errors(n), errors(t));
	CHECK(bl_doc_outcomes(n, rule_index("table.narrative"), BL_OUT_PASS) >= 2,
	      "the narrative's figures were compared with the companion's table");
	bl_doc_free(n);
	bl_doc_free(t);
}

static void alone(void)
{
	bl_doc *quiet = open_doc("说明.txt", NARR, "2223.45", "1600.00");
	if (quiet) {
		bl_doc_check(quiet);
		CHECK(!first(quiet, "complete.pair"),
		      "a narrative that never refers to tables is not told of them");
		bl_doc_free(quiet);
	}
	bl_doc *n = open_doc("说明.txt", NARR "三、公开表\n部门决算公开表附后。\n", "2223.45", "1600.00");
	bl_doc *t = open_doc("公开表.txt", TABLES, "重庆市某某区测试中心", "");
	if (!n || !t)
		return;
	bl_doc_check(n);
	bl_doc_check(t);
	CHECK(count(t, "complete.pair", BL_SEV_WARNING) == 1, "tables alone: the narrative is missing, once");
	CHECK(!first(t, "complete.sections"), "tables alone: no finding a section");
	CHECK(count(n, "complete.pair", BL_SEV_INFO) == 1, "a narrative alone: its tables were not checked");
	CHECK(!first(n, "table.narrative") && !first(n, "table.required"),
	      "a narrative alone: no table findings");
	CHECK(bl_doc_pair(n, t) == BL_EUSAGE, "checked documents are not paired");
	bl_doc_free(n);
	bl_doc_free(t);
}

static void mismatches(void)
{
	bl_doc *n = open_doc("说明.txt", NARR, "2223.45", "1600.00");
	bl_doc *other = open_doc("公开表.txt", TABLES, "重庆市另一区某某局", "");
	bl_doc *n2 = open_doc("说明2.txt", NARR, "2223.45", "1600.00");
	char text[4096];
	snprintf(text, sizeof text, TABLES, "重庆市某某区测试中心");
	memcpy(strstr(text, "2024"), "2023", 4); /* another year */
	bl_doc *y = open_named("公开表2023.txt", text);
	if (!n || !other || !n2 || !y)
		return;
	CHECK(!bl_doc_pairs_with(n, other), "another unit's tables do not pair");
	CHECK(!bl_doc_pairs_with(n, n2), "two narratives do not pair");
	CHECK(bl_doc_profile(y)->year == 2023 && !bl_doc_pairs_with(n, y),
	      "another year's tables do not pair");
	/* tables that name no year leave it to the narrative: a pair only a group can settle */
	snprintf(text, sizeof text, TABLES, "重庆市某某区测试中心");
	char *yr = strstr(text, "2024年度");
	memmove(yr, yr + strlen("2024年度"), strlen(yr + strlen("2024年度")) + 1);
	bl_doc *noyear = open_named("公开表.txt", text);
	CHECK(noyear && !bl_doc_profile(noyear)->year && bl_doc_pairs_with(n, noyear) == 1,
	      "tables without a year: a weak pair (%d)", noyear ? bl_doc_pairs_with(n, noyear) : -1);
	bl_doc_free(noyear);
	bl_doc_free(n);
	bl_doc_free(other);
	bl_doc_free(n2);
	bl_doc_free(y);
}

/* The unit from a header line in other shapes, and from the file name as a doubt. */
static void identification(void)
{
	static const struct {
		const char *line, *unit;
	} headers[] = {
		{"编制单位：江苏省某某厅      单位：元\n", "江苏省某某厅"},
		{"  单位名称:某某市某某局\n", "某某市某某局"},
		{"部门：某某县某某中心（本级）  金额单位：万元\n", "某某县某某中心"},
		{"单位：万元\n", ""}, /* the money unit's label: no name follows */
	};
	for (size_t i = 0; i < sizeof headers / sizeof headers[0]; i++) {
		char text[1024];
		snprintf(text, sizeof text,
			 "%s  科目编码   科目名称         合计\n            合计         12.00\n",
			 headers[i].line);
		bl_doc *d = open_text(text);
		if (!d)
			continue;
		CHECK(!strcmp(bl_doc_profile(d)->unit, headers[i].unit) && !bl_doc_profile(d)->unit_doubt,
		      "header %zu: '%s'", i, bl_doc_profile(d)->unit);
		bl_doc_free(d);
	}
	const char *text = "2019年度部门预算公开表\n  科目编码   科目名称         合计\n            合计     "
			   "    12.00\n";
	bl_doc *d = open_named("dir/江苏省某某厅2019年度部门预算公开表.txt", text);
	if (d) {
		CHECK(!strcmp(bl_doc_profile(d)->unit, "江苏省某某厅") && bl_doc_profile(d)->unit_doubt,
		      "the file name: '%s'", bl_doc_profile(d)->unit);
		bl_doc_check(d);
		const bl_finding *f = first(d, "profile.identity");
		CHECK(f && f->severity == BL_SEV_WARNING && strstr(f->message, "按文件名"),
		      "a unit from the file name is a doubt, said once");
		bl_doc_free(d);
	}
	d = open_named("dir/tables-2019.txt", text);
	if (d) {
		CHECK(!*bl_doc_profile(d)->unit, "an ASCII file name names no unit");
		bl_doc_free(d);
	}
}

/* A PDF whose pages name no unit: the file's own title (Info Title) does,
 * before the file name, and is no doubt. */
static void metadata(void)
{
	static const pdf_run runs[] = {{200, 780, 14, "2019年度部门预算公开表", 1},
				       {60, 740, 10, "一般公共预算支出预算表", 1},
				       {400, 720, 9, "单位：万元", 1}};
	pdf_page pg = {runs, 3, 0, NULL, 0};
	size_t n;
	char *pdf = pdf_make_titled(&pg, 1, "江苏省某某委员会2019年度部门预算公开表", &n);
	bl_doc *d = NULL;
	bl_diag diag = {0};
	if (bl_doc_open_mem("tables.pdf", pdf, n, &d, &diag) == BL_OK) {
		CHECK(!strcmp(bl_doc_profile(d)->unit, "江苏省某某委员会") && !bl_doc_profile(d)->unit_doubt,
		      "the unit from the PDF's title: '%s'", bl_doc_profile(d)->unit);
		bl_doc_free(d);
	} else
		CHECK(0, "cannot open: %s", diag.msg);
	free(pdf);
	pdf = pdf_make(&pg, 1, &n);
	if (bl_doc_open_mem("dir/江苏省另一厅2019年度公开表.pdf", pdf, n, &d, &diag) == BL_OK) {
		CHECK(!strcmp(bl_doc_profile(d)->unit, "江苏省另一厅") && bl_doc_profile(d)->unit_doubt,
		      "no title: the file name, as a doubt: '%s'", bl_doc_profile(d)->unit);
		bl_doc_free(d);
	}
	free(pdf);
}

int main(void)
{
	metadata();
	pair_checked();
	alone();
	mismatches();
	identification();
	DONE("pair");
}
