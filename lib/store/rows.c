/* rows.c - the one writer of the store's listings: rows of cells as text, CSV or JSON. */
#include <stdlib.h>
#include <string.h>

#include "store/rows.h"

void bl_text_put(FILE *out, const char *s)
{
	bl_clean_fput(out, s, strlen(s), 0);
}

int bl_text_width(const char *s)
{
	int w = 0;
	size_t n = strlen(s);
	while (n) {
		int k;
		uint32_t c = bl_utf8_decode(s, n, &k);
		s += k, n -= (size_t)k;
		w += bl_cp_width(c);
	}
	return w;
}

static void spaces(FILE *out, int n)
{
	for (int k = 0; k < n; k++)
		fputc(' ', out);
}

void bl_text_pad(FILE *out, const char *s, int w)
{
	bl_text_put(out, s);
	spaces(out, w - bl_text_width(s));
}

void bl_rows_json_tool(FILE *out)
{
	fprintf(out, "{\"tool\": {\"name\": \"budgetlint\", \"version\": \"%s\", \"ruleset\": \"%s\"},\n",
		bl_version(), bl_ruleset());
}

static void csv_line(FILE *out, const char *const *cells, int n)
{
	for (int k = 0; k < n; k++) {
		const char *s = cells[k] ? cells[k] : "";
		if (k)
			fputc(',', out);
		bl_csv_cell(out, s, strlen(s), 0);
	}
	fputc('\n', out);
}

static void text_line(bl_rows *w, const char *const *cells, int head)
{
	for (int k = 0; k < w->ncols; k++) {
		const bl_rcol *c = &w->cols[k];
		if (!c->title)
			continue;
		const char *s = head ? c->title : cells[k] ? cells[k] : "-";
		int width = c->width < 0 ? -c->width : c->width;
		spaces(w->out, c->gap);
		if (c->width < 0 && !head) /* figures line up on the right */
			spaces(w->out, width - bl_text_width(s));
		bl_text_put(w->out, s);
		if (c->width > 0 || head)
			spaces(w->out, width - bl_text_width(s));
	}
	fputc('\n', w->out);
}

static void json_value(FILE *out, const bl_rcol *c, const char *s)
{
	if (c->type == BL_R_RAW)
		fputs(s ? s : "null", out);
	else if (c->type == BL_R_NONEMPTY && (!s || !*s))
		fputs("null", out);
	else
		bl_json_put(out, s);
}

/* The fields of cells[from, to) as "key": value pairs; *first says whether one was written before. */
static void json_fields(bl_rows *w, const char *const *cells, int from, int to, int *first)
{
	FILE *out = w->out;
	for (int k = from; k < to; k++) {
		const bl_rcol *c = &w->cols[k];
		const char *s = cells[k];
		if (w->list_at && k == w->list_at) { /* the rest: one array */
			fprintf(out, "%s\"%s\": [", *first ? "" : ", ", w->list_name);
			for (int j = k; j < to; j++) {
				fputs(j > k ? ", " : "", out);
				bl_json_put(out, cells[j]);
			}
			fputc(']', out);
			return;
		}
		if ((c->type == BL_R_OPT || c->type == BL_R_NEST) && (!s || !*s)) {
			k += c->type == BL_R_NEST ? c->nest : 0;
			continue;
		}
		fprintf(out, "%s\"%s\": ", *first ? "" : ", ", c->name);
		*first = 0;
		if (c->type == BL_R_NEST) {
			int inner = 1;
			fputc('{', out);
			json_fields(w, cells, k + 1, k + 1 + c->nest, &inner);
			fputc('}', out);
			k += c->nest;
		} else {
			json_value(out, c, s);
		}
	}
}

void bl_rows_fields(bl_rows *w, const char *const *cells)
{
	int first = 1;
	json_fields(w, cells, 0, w->ncols, &first);
}

void bl_rows_head(bl_rows *w)
{
	if (w->fmt == BL_FMT_CSV) {
		/* every column, however many documents a comparison has */
		for (int k = 0; k < w->ncols; k++) {
			const char *s = w->cols[k].name ? w->cols[k].name : "";
			if (k)
				fputc(',', w->out);
			bl_csv_cell(w->out, s, strlen(s), 0);
		}
		fputc('\n', w->out);
	} else if (w->fmt == BL_FMT_TEXT) {
		text_line(w, NULL, 1);
	}
}

void bl_rows_put(bl_rows *w, const char *const *cells)
{
	if (w->fmt == BL_FMT_CSV) {
		csv_line(w->out, cells, w->ncols);
	} else if (w->fmt == BL_FMT_TEXT) {
		text_line(w, cells, 0);
	} else {
		fputs(w->lines ? (w->n ? ",\n  {" : "\n  {") : w->n ? ", {" : "{", w->out);
		bl_rows_fields(w, cells);
		fputc('}', w->out);
	}
	w->n++;
}

int bl_rows_stmt(bl_rows *w, bl_stmt *st)
{
	/* bl_rows_put reads w->ncols cells: as many as the statement's row gives */
	const char **cells = bl_xcalloc((size_t)(w->ncols > 0 ? w->ncols : 1), sizeof *cells);
	int rc;
	while ((rc = bl_stmt_step(st)) == 1) {
		for (int k = 0; k < w->ncols; k++)
			cells[k] = bl_stmt_col(st, k);
		bl_rows_put(w, cells);
	}
	free(cells);
	return rc;
}

int bl_rowset_fetch(bl_stmt *st, int ncols, bl_rowset *out)
{
	size_t cap = 0;
	*out = (bl_rowset){NULL, 0, ncols};
	int rc;
	while ((rc = bl_stmt_step(st)) == 1) {
		if ((out->n + 1) * (size_t)ncols > cap) {
			cap = cap ? 2 * cap : 16 * (size_t)ncols;
			out->v = bl_xrealloc(out->v, cap * sizeof *out->v);
		}
		char **row = out->v + out->n * (size_t)ncols;
		for (int c = 0; c < ncols; c++) {
			const char *s = bl_stmt_col(st, c);
			row[c] = bl_xstrndup(s ? s : "", s ? strlen(s) : 0);
		}
		out->n++;
	}
	return rc < 0 ? -1 : 0;
}

void bl_rowset_free(bl_rowset *r)
{
	for (size_t i = 0; i < r->n * (size_t)r->ncols; i++)
		free(r->v[i]);
	free(r->v);
	*r = (bl_rowset){NULL, 0, r->ncols};
}
