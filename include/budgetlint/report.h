/* report.h - renderers for checked documents: text, JSON, CSV. Include via budgetlint.h. */
#ifndef BUDGETLINT_REPORT_H
#define BUDGETLINT_REPORT_H

#include <stdio.h>

typedef struct bl_report_opts {
	bl_severity min_severity; /* findings below are not written */
	int color;                /* ANSI colour in text output */
	int with_facts;           /* JSON: include facts */
	int with_findings;        /* JSON: include findings */
} bl_report_opts;

/* Compiler-style findings of one checked document:
 * path:line:col: severity[RULE]: message, the quoted line, a caret. */
BL_API void bl_report_text(FILE *out, const bl_doc *doc, const bl_report_opts *opts);

/* JSON per DESIGN.md. Call begin, then doc for each document, then end. */
BL_API void bl_report_json_begin(FILE *out);
BL_API void bl_report_json_doc(FILE *out, const bl_doc *doc, const bl_report_opts *opts, int first);
BL_API void bl_report_json_end(FILE *out);

/* Facts as CSV rows; header written when header is non-zero. */
/* The document's tables as text: one block per table, one line per row
 * with its part, role, code, label and the cells that hold something. */
BL_API void bl_report_tables(FILE *out, const bl_doc *doc);

BL_API void bl_report_csv_facts(FILE *out, const bl_doc *doc, int header);

/* A report format: what `check --format` and `extract --format` choose
 * from. A run writes begin (when not NULL), doc for each document (first
 * non-zero for the first), then end (when not NULL). */
enum { BL_REPORT_FOR_CHECK = 1, BL_REPORT_FOR_EXTRACT = 2 };
typedef struct bl_report_format {
	const char *name; /* "text", "json", "csv", "tables" */
	int uses;         /* BL_REPORT_FOR_CHECK, BL_REPORT_FOR_EXTRACT: the commands that write it */
	const char *what; /* one line, English */
	void (*begin)(FILE *out);
	void (*doc)(FILE *out, const bl_doc *doc, const bl_report_opts *opts, int first);
	void (*end)(FILE *out);
} bl_report_format;

BL_API size_t bl_report_format_count(void);
/* Row i in the order the commands list them, or NULL past the end. */
BL_API const bl_report_format *bl_report_format_at(size_t i);
/* The format of this name a command (BL_REPORT_FOR_*) writes; NULL name: its
 * default (the first it lists). NULL when there is none. */
BL_API const bl_report_format *bl_report_format_find(const char *name, int use);

/* Writes s[0..n) with every control character (but tab, newline and form
 * feed), terminal escape, bidirectional override and invalid byte replaced
 * by U+FFFD: text from a document never acts on a terminal. Returns how
 * many were replaced. */
BL_API size_t bl_report_clean(FILE *out, const char *s, size_t n);

/* s into out (cap bytes, NUL-terminated) with each byte of a control
 * character, terminal escape, bidirectional override or invalid UTF-8
 * sequence written as \xNN: a file name shown safely that can still be
 * told apart from another. Newlines are kept when keep_newline (usage text).
 * Past cap the text ends in "...". Returns out. */
BL_API char *bl_report_escape(const char *s, int keep_newline, char *out, size_t cap);

#endif
