/* rows.h (private) - every listing of the store is rows: fetched from a
 * statement, written as text, CSV or JSON by one writer.
 *
 * A listing says what its columns are (bl_rcol) and hands over rows of
 * cells; the writer does the format: CSV through the one escaper
 * (bl_csv_cell), JSON strings through the report's (bl_json_put), text
 * cleaned of control characters and padded by display width. What is not
 * a table (the envelope of a JSON document, the text ledger's lists of
 * missing documents) stays with the listing. */
#ifndef BL_STORE_ROWS_H
#define BL_STORE_ROWS_H

#include "store/store.h"

/* How a cell goes into a JSON object; CSV and text take every cell as text. */
typedef enum bl_rtype {
	BL_R_STR,      /* a string; SQL NULL is null */
	BL_R_RAW,      /* a number or true/false, as given; SQL NULL is null */
	BL_R_NONEMPTY, /* a string, null when empty as well */
	BL_R_OPT,      /* a string, left out of the object when empty */
	BL_R_NEST /* an object under this name of the nest cells after this one, left out when this one is empty */
} bl_rtype;

typedef struct bl_rcol {
	const char *name; /* CSV header, JSON key */
	bl_rtype type;
	const char *title;  /* text: the header; NULL: not shown as text */
	int width;          /* text: display columns, negative when right-aligned (the title stays left) */
	int gap;            /* text: spaces before the column */
	int nest;           /* BL_R_NEST: how many cells after it are the object's */
	const char *schema; /* a data package's field type (string, integer, number); NULL elsewhere */
} bl_rcol;

/* A column of a CSV or JSON listing: its name, how JSON takes it. */
#define BL_RCOL(n, t)                                                                                        \
	{                                                                                                    \
		.name = (n), .type = (t)                                                                     \
	}

typedef struct bl_rows {
	FILE *out;
	bl_store_fmt fmt;
	const bl_rcol *cols;
	int ncols;
	int lines;   /* JSON: one object a line ("\n  {", ",\n  {"); else ", " between objects */
	int list_at; /* JSON: the cells from this column on are one array under list_name; 0 none */
	const char *list_name;
	size_t n; /* rows written */
} bl_rows;

/* CSV: the header line; text: the titles, padded; JSON: nothing. */
void bl_rows_head(bl_rows *w);

/* One row of w->ncols cells (NULL for SQL NULL): a CSV line, a JSON object, a text line. */
void bl_rows_put(bl_rows *w, const char *const *cells);

/* JSON: the fields of one object, without its braces (an object that goes on with arrays of its own). */
void bl_rows_fields(bl_rows *w, const char *const *cells);

/* Every row of st, its first w->ncols columns in order; 0, or -1 on a database error. */
int bl_rows_stmt(bl_rows *w, bl_stmt *st);

/* The opening of the store's JSON documents: the tool, its version and rule set. */
void bl_rows_json_tool(FILE *out);

/* Text: s on one line without control characters or invalid bytes (a file
 * name need not be UTF-8 and may hold a newline or an escape sequence);
 * its display width (CJK two columns); s padded to w columns. */
void bl_text_put(FILE *out, const char *s);
int bl_text_width(const char *s);
void bl_text_pad(FILE *out, const char *s, int w);

/* Rows read from a statement, each cell a copy ("" for SQL NULL). */
typedef struct bl_rowset {
	char **v; /* n x ncols */
	size_t n;
	int ncols;
} bl_rowset;

/* Reads every row of st; 0, or -1 on a database error (the rows read so far are kept, for bl_rowset_free). */
int bl_rowset_fetch(bl_stmt *st, int ncols, bl_rowset *out);
void bl_rowset_free(bl_rowset *r);

static inline char **bl_rowset_row(const bl_rowset *r, size_t i)
{
	return r->v + i * (size_t)r->ncols;
}

#endif
