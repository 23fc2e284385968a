/* test_formats.c - the report formats as rows: each command finds its own,
 * its default first, the same document written by a row as by the call
 * the row stands for. */
#include <stdlib.h>
#include <string.h>

#include "budgetlint/budgetlint.h"
#include "harness.h"

static char *written(const bl_report_format *f, const bl_doc *d, const bl_report_opts *o, size_t *n)
{
	char *s = NULL;
	FILE *m = open_memstream(&s, n);
	if (f->begin)
		f->begin(m);
	f->doc(m, d, o, 1);
	if (f->end)
		f->end(m);
	fclose(m);
	return s;
}

int main(void)
{
	CHECK(!strcmp(bl_report_format_find(NULL, BL_REPORT_FOR_CHECK)->name, "text") &&
		      !strcmp(bl_report_format_find(NULL, BL_REPORT_FOR_EXTRACT)->name, "json"),
	      "defaults: check text, extract json");
	CHECK(bl_report_format_find("csv", BL_REPORT_FOR_CHECK) == NULL &&
		      bl_report_format_find("csv", BL_REPORT_FOR_EXTRACT),
	      "csv is extract's only");
	CHECK(bl_report_format_find("text", BL_REPORT_FOR_CHECK) !=
		      bl_report_format_find("text", BL_REPORT_FOR_EXTRACT),
	      "check's text (findings) is not extract's (lines)");
	CHECK(bl_report_format_find("json", BL_REPORT_FOR_CHECK) ==
		      bl_report_format_find("json", BL_REPORT_FOR_EXTRACT),
	      "one JSON for both");
	CHECK(bl_report_format_find("pdf", BL_REPORT_FOR_CHECK | BL_REPORT_FOR_EXTRACT) == NULL,
	      "no such format");
	size_t n = bl_report_format_count();
	CHECK(n >= 5 && bl_report_format_at(n) == NULL, "rows end");
	for (size_t i = 0; i < n; i++)
		CHECK(bl_report_format_at(i)->doc && bl_report_format_at(i)->what, "row %zu complete", i);

	const char *text = "重庆市某某区测试中心\n关于2024年部门预算情况公开的公告\n二、部门收支总体情况\n"
			   "（一）收入预算：2024年年初预算数600万元，其中：一般公共预算拨款500万元，政府性基"
			   "金预算拨款200万元。\n";
	bl_doc *d = NULL;
	bl_diag diag = {0};
	CHECK(bl_doc_open_mem_with("t.txt", text, strlen(text), NULL, &d, &diag) == BL_OK, "open: %s",
	      diag.msg);
	bl_doc_check(d);
	bl_report_opts o = {BL_SEV_INFO, 0, 1, 1};
	size_t a, b;
	char *by_row = written(bl_report_format_find("json", BL_REPORT_FOR_CHECK), d, &o, &a);
	char *direct = NULL;
	FILE *m = open_memstream(&direct, &b);
	bl_report_json_begin(m);
	bl_report_json_doc(m, d, &o, 1);
	bl_report_json_end(m);
	fclose(m);
	CHECK(a == b && !memcmp(by_row, direct, a), "the json row writes what the calls write");
	free(by_row);
	free(direct);
	by_row = written(bl_report_format_find("text", BL_REPORT_FOR_CHECK), d, &o, &a);
	CHECK(strstr(by_row, "error[sum.income_sources]") != NULL, "the text row writes the findings");
	free(by_row);
	by_row = written(bl_report_format_find("text", BL_REPORT_FOR_EXTRACT), d, &o, &a);
	CHECK(a == strlen(text) && !memcmp(by_row, text, a), "the lines row writes the text as read");
	free(by_row);
	bl_doc_free(d);
	DONE("formats");
}
