/* compare.c - figures side by side by fact key: one unit across years, or the units of one year. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/rows.h"

/* 0 org, 1 level, 2 year, 3 kind, 4 key, 5 value, 6 unit, 7 seq, 8 hash */
static const char q_compare[] =
	"WITH cur AS (SELECT org_id, year, kind, part, MAX(id) AS id FROM documents"
	" WHERE org_id IS NOT NULL AND ident <> 'template' GROUP BY org_id, year, kind, part)"
	" SELECT o.name, o.level, c.year, c.kind, f.key, f.value, f.unit, f.seq, d.hash"
	" FROM cur c JOIN orgs o ON o.id = c.org_id JOIN documents d ON d.id = c.id"
	" JOIN facts f ON f.doc_id = c.id AND f.measure = 'value' AND f.basis = '' AND f.period = c.year"
	" WHERE (? = '' OR o.name LIKE ?) AND (? = 0 OR c.year = ?) AND (? = '' OR c.kind = ?)"
	" ORDER BY o.key, o.level, c.year, c.kind, f.seq";

typedef struct ccol {
	char head[256];
	char hash[65];
} ccol;

typedef struct ckey {
	char key[48];
	char label[256];
	char **vals; /* one per column, NULL when the document has none */
} ckey;

/* The matrix: a column per document, a row per fact key, in the order first met. */
typedef struct matrix {
	ccol *cols;
	size_t nc, ccap;
	ckey *keys;
	size_t nk, kcap;
} matrix;

/* The column of the document a row comes from, added when new. */
static size_t column(matrix *m, char **c, const char *org, int year)
{
	for (size_t k = 0; k < m->nc; k++)
		if (!strcmp(m->cols[k].hash, c[8]))
			return k;
	ccol *cc = BL_PUSH(m->cols, m->nc, m->ccap);
	const char *unit = !strcmp(c[1], "unit") ? "(单位)" : "";
	if (!year && !(org && *org)) /* everything: each document by unit, year and kind */
		snprintf(cc->head, sizeof cc->head, "%s %s%s", c[0], c[2], bl_kind_zh(c[3], "未知"));
	else if (org && *org && year == 0) /* one unit across years */
		snprintf(cc->head, sizeof cc->head, "%s%s%s", c[2], bl_kind_zh(c[3], "未知"), unit);
	else /* the units of one year */
		snprintf(cc->head, sizeof cc->head, "%s%s%s", c[0], unit, year ? "" : c[2]);
	snprintf(cc->hash, sizeof cc->hash, "%s", c[8]);
	for (size_t k = 0; k < m->nk; k++) {
		m->keys[k].vals = bl_xrealloc(m->keys[k].vals, m->nc * sizeof *m->keys[k].vals);
		m->keys[k].vals[m->nc - 1] = NULL;
	}
	return m->nc - 1;
}

static size_t row(matrix *m, const char *key)
{
	for (size_t k = 0; k < m->nk; k++)
		if (!strcmp(m->keys[k].key, key))
			return k;
	ckey *ck = BL_PUSH(m->keys, m->nk, m->kcap);
	snprintf(ck->key, sizeof ck->key, "%s", key);
	bl_key_label_buf(key, ck->label, sizeof ck->label);
	ck->vals = bl_xcalloc(m->nc ? m->nc : 1, sizeof *ck->vals);
	return m->nk - 1;
}

static void matrix_free(matrix *m)
{
	for (size_t r = 0; r < m->nk; r++) {
		for (size_t k = 0; k < m->nc; k++)
			free(m->keys[r].vals[k]);
		free(m->keys[r].vals);
	}
	free(m->keys);
	free(m->cols);
}

/* The matrix as rows: key, name, a value per column (CSV, JSON "values", text right-aligned). */
static void matrix_write(const matrix *m, FILE *out, bl_store_fmt fmt)
{
	int kw = 8;
	for (size_t r = 0; r < m->nk; r++)
		if (bl_text_width(m->keys[r].label) > kw)
			kw = bl_text_width(m->keys[r].label);
	size_t n = 2 + m->nc;
	bl_rcol *cols = bl_xcalloc(n, sizeof *cols);
	const char **cells = bl_xcalloc(n, sizeof *cells);
	cols[0] = (bl_rcol){.name = "key"};
	cols[1] = (bl_rcol){.name = "name", .title = "万元", .width = kw + 2};
	for (size_t k = 0; k < m->nc; k++) {
		int w = bl_text_width(m->cols[k].head);
		cols[2 + k] = (bl_rcol){.name = m->cols[k].head,
					.title = m->cols[k].head,
					.width = -(w > 14 ? w : 14),
					.gap = 2};
	}
	bl_rows w = {.out = out,
		     .fmt = fmt,
		     .cols = cols,
		     .ncols = (int)n,
		     .lines = 1,
		     .list_at = 2,
		     .list_name = "values"};
	if (fmt != BL_FMT_JSON)
		bl_rows_head(&w);
	for (size_t r = 0; r < m->nk; r++) {
		cells[0] = m->keys[r].key, cells[1] = m->keys[r].label;
		for (size_t k = 0; k < m->nc; k++)
			cells[2 + k] = m->keys[r].vals[k];
		bl_rows_put(&w, cells);
	}
	free(cells);
	free(cols);
}

static void matrix_json(const matrix *m, FILE *out)
{
	static const bl_rcol head[] = {BL_RCOL("name", BL_R_STR), BL_RCOL("hash", BL_R_STR)};
	bl_rows w = {.out = out, .fmt = BL_FMT_JSON, .cols = head, .ncols = 2};
	fputs("{\"columns\": [", out);
	for (size_t k = 0; k < m->nc; k++)
		bl_rows_put(&w, (const char *const[]){m->cols[k].head, m->cols[k].hash});
	fprintf(out, "], \"ruleset\": \"%s\", \"rows\": [", bl_ruleset());
	matrix_write(m, out, BL_FMT_JSON);
	fputs("]}\n", out);
}

BL_API bl_status bl_store_compare(bl_store *s, FILE *out, bl_store_fmt fmt, const char *org, int year,
				  const char *kind, bl_diag *diag)
{
	bl_stmt *st = bl_db_stmt(s->db, q_compare);
	if (!st)
		return bl_store_fail_db(s, diag, "comparing");
	bl_stmt_contains(st, 1, org);
	bl_stmt_int(st, 3, year);
	bl_stmt_int(st, 4, year);
	bl_stmt_text(st, 5, kind ? kind : "");
	bl_stmt_text(st, 6, kind ? kind : "");
	bl_rowset rows;
	if (bl_rowset_fetch(st, 9, &rows) < 0) {
		bl_rowset_free(&rows);
		return bl_store_fail_db(s, diag, "comparing");
	}
	matrix m = {0};
	for (size_t i = 0; i < rows.n; i++) {
		char **c = bl_rowset_row(&rows, i);
		size_t col = column(&m, c, org, year), key = row(&m, c[4]);
		if (!m.keys[key].vals[col]) { /* the first mention is the document's figure */
			char v[96];
			snprintf(v, sizeof v, "%s%s", c[5], !strcmp(c[6], "万元") ? "" : c[6]);
			m.keys[key].vals[col] = bl_xstrndup(v, strlen(v));
		}
	}
	if (fmt == BL_FMT_JSON)
		matrix_json(&m, out);
	else if (fmt == BL_FMT_CSV)
		matrix_write(&m, out, fmt);
	else if (m.nc == 0)
		fprintf(out, "no filed document matches\n");
	else
		matrix_write(&m, out, BL_FMT_TEXT);
	matrix_free(&m);
	bl_rowset_free(&rows);
	return BL_OK;
}
