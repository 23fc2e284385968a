/* test_output.c - output hygiene: evidence owns its text; JSON, text and CSV writers never pass
 * control characters, escapes or invalid bytes through; CSV formulas are neutralised. */
#include <stdlib.h>

#include "budgetlint/budgetlint.h"
#include "doc.h"
#include "harness.h"
#include "ingest/ingest.h"
#include "rules/rules.h"

/* Writes what fn prints into a malloc'd string. */
static char *capture(void (*fn)(FILE *, void *), void *arg, size_t *n)
{
	char *buf = NULL;
	FILE *m = open_memstream(&buf, n);
	fn(m, arg);
	fclose(m);
	return buf;
}

/* 1 when s[0..n) is UTF-8 with no NUL, no control character but tab and newline. */
static int clean_utf8(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		int len;
		uint32_t c = bl_utf8_decode(s + i, n - i, &len);
		if ((c == 0xFFFD && len == 1) || (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F ||
		    (c >= 0x80 && c <= 0x9F))
			return 0;
		i += (size_t)len;
	}
	return 1;
}

/* A rule handing evidence a slice of its own stack buffer: the evidence must
 * stay intact after the buffer is gone (the table.items bug: a NUL and stray
 * bytes in the JSON of a real PDF). */
static void add_from_stack(bl_doc *doc, bl_finding *f)
{
	char name[64];
	snprintf(name, sizeof name, "办公费");
	bl_finding_evidence(doc, f, f->pos, (bl_str){name, strlen(name)});
	memset(name, 0xB5, sizeof name); /* what a later call leaves in the frame */
}

static void test_evidence_owned(void)
{
	bl_doc *d = open_text("某区教育局2024年度部门预算\n2024年收入总计100.00万元。\n");
	if (!d)
		return;
	bl_finding *f = bl_finding_add(d, BL_R_SUM_CHANGES, BL_SEV_WARNING, (bl_pos){1, 2, 1}, 1);
	add_from_stack(d, f);
	CHECK(f->nevidence == 1 && f->evidence[0].text.n == strlen("办公费") &&
		      memcmp(f->evidence[0].text.p, "办公费", f->evidence[0].text.n) == 0,
	      "evidence text changed after its source buffer was overwritten");
	/* a slice of the document is copied too, and equal */
	bl_str l = bl_doc_line(d, 2);
	bl_finding_evidence(d, f, (bl_pos){1, 2, 1}, l);
	CHECK(f->nevidence == 2 && f->evidence[1].text.n == l.n && !memcmp(f->evidence[1].text.p, l.p, l.n),
	      "document slice evidence differs");
	/* NULL text is an empty string, not a crash */
	bl_finding_evidence(d, f, (bl_pos){1, 2, 1}, (bl_str){NULL, 5});
	CHECK(f->nevidence == 3 && f->evidence[2].text.n == 0, "NULL evidence");
	bl_doc_free(d);
}

static void json_doc(FILE *out, void *arg)
{
	bl_report_opts o = {BL_SEV_INFO, 0, 1, 1};
	bl_report_json_doc(out, arg, &o, 1);
}

static void text_doc(FILE *out, void *arg)
{
	bl_report_opts o = {BL_SEV_INFO, 0, 1, 1};
	bl_report_text(out, arg, &o);
}

static void csv_doc(FILE *out, void *arg)
{
	bl_report_csv_facts(out, arg, 1);
}

/* A document whose lines carry an OSC title sequence with BEL, a CSI, a C1
 * CSI, a bidi override and DEL, with a change percent that is wrong so the
 * line is quoted. */
static const char hostile[] =
	"某区教育局2024年度部门预算\n"
	"一、收入支出预算总体情况\n"
	"2024年收入总计100.00万元，比上年增加10.00万元\033]0;T\007，\xE2\x80\xAE增长15.0%\x7F。\n"
	"支出总计100.00万元。\xC2\x9B[2J\033[31m\n";

static void test_writers(void)
{
	bl_doc *d = open_text(hostile);
	if (!d)
		return;
	bl_doc_check(d);
	CHECK(bl_doc_nfindings(d) > 0, "the planted percent error is found");
	size_t n;
	char *j = capture(json_doc, d, &n);
	CHECK(clean_utf8(j, n), "JSON carries a raw control character");
	CHECK(strstr(j, "\\u001b") && strstr(j, "\\u202e") && strstr(j, "\\u0007") && strstr(j, "\\u007f"),
	      "JSON escapes ESC, BEL, the bidi override and DEL");
	free(j);
	char *t = capture(text_doc, d, &n);
	CHECK(clean_utf8(t, n), "text report carries a raw control character");
	CHECK(strstr(t, "控制字符或无效字节") != NULL, "text report says characters were replaced");
	free(t);
	char *c = capture(csv_doc, d, &n);
	CHECK(clean_utf8(c, n), "CSV carries a raw control character");
	free(c);
	bl_doc_free(d);
}

static void test_clean(void)
{
	/* invalid bytes become U+FFFD, valid text is kept */
	bl_buf b = BL_BUF_INIT(1 << 10);
	size_t k = bl_clean_buf(&b,
				"a\xFF"
				"b\xE4\xB8",
				5, 1); /* a cut sequence: two invalid bytes */
	CHECK(k == 3 && b.n == 1 + 3 + 1 + 6 &&
		      !memcmp(b.p,
			      "a\xEF\xBF\xBD"
			      "b\xEF\xBF\xBD\xEF\xBF\xBD",
			      b.n),
	      "invalid bytes: %zu", k);
	bl_buf_release(&b);
	/* the C1 CSI and a JSON string of it */
	b = (bl_buf)BL_BUF_INIT(1 << 10);
	k = bl_clean_buf(&b, "x\xC2\x9B[2J", 6, 1);
	CHECK(k == 1 && b.n == 1 + 3 + 3 && !memcmp(b.p, "x\xEF\xBF\xBD[2J", b.n), "C1 CSI: %zu", k);
	bl_buf_release(&b);
	b = (bl_buf)BL_BUF_INIT(1 << 10);
	k = bl_clean_buf(&b, "甲\t乙\n丙", strlen("甲\t乙\n丙"), 0);
	CHECK(k == 0 && b.n == strlen("甲\t乙 丙") && !memcmp(b.p, "甲\t乙 丙", b.n),
	      "newline to space, tab kept");
	bl_buf_release(&b);
	CHECK(bl_cp_unsafe(0x1B) && bl_cp_unsafe(0x07) && bl_cp_unsafe(0x9B) && bl_cp_unsafe(0x202E) &&
		      bl_cp_unsafe(0x2066) && bl_cp_unsafe(0x7F) && bl_cp_unsafe(0xFFFE),
	      "unsafe code points");
	CHECK(!bl_cp_unsafe('\t') && !bl_cp_unsafe('\n') && !bl_cp_unsafe(0x4E00) && !bl_cp_unsafe(0xFF0C) &&
		      !bl_cp_unsafe(0x1F600),
	      "safe code points");
	/* CSV: formulas neutralised, signed figures kept as numbers */
	static const struct {
		const char *in, *out;
	} csv[] = {
		{"=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""},
		{"+1+1", "\"'+1+1\""},
		{"@SUM(A1)", "\"'@SUM(A1)\""},
		{"-1+2", "\"'-1+2\""},
		{"-306.59", "-306.59"},
		{"+12", "+12"},
		{"区教育局", "区教育局"},
		{"a,b", "\"a,b\""},
		{"", ""},
		{"\tx", "\"'\tx\""},
	};
	for (size_t i = 0; i < sizeof csv / sizeof csv[0]; i++) {
		char *buf = NULL;
		size_t bn = 0;
		FILE *m = open_memstream(&buf, &bn);
		bl_csv_cell(m, csv[i].in, strlen(csv[i].in), 0);
		fclose(m);
		CHECK(!strcmp(buf, csv[i].out), "csv cell '%s' -> '%s', want '%s'", csv[i].in, buf,
		      csv[i].out);
		free(buf);
	}
}

/* Display width of s[0..n). */
static int width(const char *s, size_t n)
{
	int w = 0;
	for (size_t i = 0; i < n;) {
		int len;
		w += bl_cp_width(bl_utf8_decode(s + i, n - i, &len));
		i += (size_t)len;
	}
	return w;
}

/* A finding deep in a very long line is quoted as a window, caret under its figure. */
static void test_long_line(void)
{
	bl_buf b = BL_BUF_INIT(1 << 22);
	bl_buf_printf(&b, "某区教育局2024年度部门预算\n一、收入支出预算总体情况\n");
	for (int i = 0; i < 3000; i++)
		bl_buf_printf(&b, "本单位严格执行规定，");
	bl_buf_printf(&b, "2024年收入总计100.00万元，比上年增加10.00万元，增长15.0%%。");
	for (int i = 0; i < 3000; i++)
		bl_buf_printf(&b, "本单位严格执行规定，");
	bl_buf_printf(&b, "\n");
	bl_doc *d = NULL;
	bl_diag diag = {0};
	CHECK(bl_doc_open_mem("long.txt", b.p, b.n, &d, &diag) == BL_OK, "open: %s", diag.msg);
	bl_buf_release(&b);
	if (!d)
		return;
	bl_doc_check(d);
	size_t n;
	char *t = capture(text_doc, d, &n);
	const char *f = strstr(t, "error[change.pct]");
	CHECK(f != NULL, "the planted percent error is reported");
	if (f) {
		const char *q = strchr(f, '\n') + 1, *qe = strchr(q, '\n'), *c = qe + 1,
			   *ce = strchr(c, '\n');
		CHECK(qe - q < 2000, "the quote is a window, %zd bytes", qe - q);
		CHECK(!strncmp(q, "    ...", 7) && !strncmp(qe - 3, "...", 3), "cut marks on both sides");
		const char *fig = strstr(q, "15.0%");
		const char *caret = strchr(c, '^');
		CHECK(fig && fig < qe && caret && caret < ce, "figure and caret present");
		if (fig && caret)
			CHECK(width(q, (size_t)(fig - q)) == (int)(caret - c),
			      "caret under the figure: %d vs %d", width(q, (size_t)(fig - q)),
			      (int)(caret - c));
	}
	CHECK(n < 20000, "the whole report is short: %zu bytes", n);
	free(t);
	bl_doc_free(d);
}

int main(void)
{
	test_long_line();
	test_evidence_owned();
	test_writers();
	test_clean();
	DONE("output");
}
