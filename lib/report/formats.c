/* formats.c - the report formats as rows: a name, the commands that write
 * it, and how a run of documents is written (begin, one call a document,
 * end). `check` and `extract` pick their --format here; a server would too. */
#include <string.h>

#include "report/report.h"

static void json_begin(FILE *out)
{
	bl_report_json_begin(out);
}

static void json_end(FILE *out)
{
	bl_report_json_end(out);
}

static void json_doc(FILE *out, const bl_doc *doc, const bl_report_opts *opts, int first)
{
	bl_report_json_doc(out, doc, opts, first);
}

static void findings_doc(FILE *out, const bl_doc *doc, const bl_report_opts *opts, int first)
{
	(void)first;
	bl_report_text(out, doc, opts);
}

static void csv_doc(FILE *out, const bl_doc *doc, const bl_report_opts *opts, int first)
{
	(void)opts;
	bl_report_csv_facts(out, doc, first);
}

/* The text as the tool reads it, line by line, so a finding's line can be looked up. */
static void lines_doc(FILE *out, const bl_doc *doc, const bl_report_opts *opts, int first)
{
	(void)opts, (void)first;
	int n = bl_doc_lines(doc);
	for (int k = 1; k <= n; k++) {
		bl_str l = bl_doc_line(doc, k);
		bl_report_clean(out, l.p, l.n);
		putc('\n', out);
	}
}

static void tables_doc(FILE *out, const bl_doc *doc, const bl_report_opts *opts, int first)
{
	(void)opts, (void)first;
	bl_report_tables(out, doc);
}

/* In the order each command lists them; its first is its default. */
static const bl_report_format formats[] = {
	{"text", BL_REPORT_FOR_CHECK, "compiler-style findings: path:line:col: severity[rule]: message", NULL,
	 findings_doc, NULL},
	{"json", BL_REPORT_FOR_CHECK | BL_REPORT_FOR_EXTRACT,
	 "the document, its facts and findings as JSON (DESIGN.md)", json_begin, json_doc, json_end},
	{"csv", BL_REPORT_FOR_EXTRACT, "one fact a row", NULL, csv_doc, NULL},
	{"text", BL_REPORT_FOR_EXTRACT, "the text as the tool reads it, line by line", NULL, lines_doc, NULL},
	{"tables", BL_REPORT_FOR_EXTRACT, "the tables as read: one line a row", NULL, tables_doc, NULL},
};
#define NFORMATS (sizeof formats / sizeof formats[0])

BL_API size_t bl_report_format_count(void)
{
	return NFORMATS;
}

BL_API const bl_report_format *bl_report_format_at(size_t i)
{
	return i < NFORMATS ? &formats[i] : NULL;
}

BL_API const bl_report_format *bl_report_format_find(const char *name, int use)
{
	for (size_t i = 0; i < NFORMATS; i++)
		if ((formats[i].uses & use) && (!name || !strcmp(formats[i].name, name)))
			return &formats[i];
	return NULL;
}
