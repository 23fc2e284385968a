/* expect.c - what should be published, and by when: a CSV imported into the ledger. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

static const char q_expect[] =
	"INSERT INTO expected (region, org, org_key, level, year, kind, approval_date, due_date, url)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (region, org_key, level, year, kind) DO UPDATE SET"
	" org = excluded.org, approval_date = excluded.approval_date, due_date = excluded.due_date, url = "
	"excluded.url";

/* Splits one CSV record (quotes, doubled quotes) into fields, in place. */
static int split_csv(char *line, char **f, int max)
{
	int n = 0;
	char *p = line;
	while (n < max) {
		char *w = p;
		f[n++] = w;
		if (*p == '"') {
			p++;
			for (;;) {
				if (!*p)
					break;
				if (*p == '"' && p[1] == '"') {
					*w++ = '"';
					p += 2;
				} else if (*p == '"') {
					p++;
					break;
				} else {
					*w++ = *p++;
				}
			}
			while (*p && *p != ',')
				p++;
		} else {
			while (*p && *p != ',')
				*w++ = *p++;
		}
		int more = *p == ',';
		if (*p)
			p++;
		*w = 0;
		if (!more)
			break;
	}
	return n;
}

static void trim(char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == '\r' || s[n - 1] == '\n' || s[n - 1] == ' '))
		s[--n] = 0;
	size_t a = 0;
	while (s[a] == ' ')
		a++;
	memmove(s, s + a, n - a + 1);
}

enum { C_REGION, C_ORG, C_YEAR, C_KIND, C_APPROVAL, C_DUE, C_URL, C_LEVEL, NC };

/* One row, its fields v by column, upserted; BL_OK or the failure in diag. */
static bl_status import_row(bl_store *s, const char *path, int lineno, const char *const v[NC], bl_diag *diag)
{
	int year = atoi(v[C_YEAR]);
	const char *kind = !strcmp(v[C_KIND], "budget") || strstr(v[C_KIND], "预算")  ? "budget"
			   : !strcmp(v[C_KIND], "final") || strstr(v[C_KIND], "决算") ? "final"
										      : NULL;
	const char *level = !strcmp(v[C_LEVEL], "dept") || !strcmp(v[C_LEVEL], "部门")   ? "dept"
			    : !strcmp(v[C_LEVEL], "unit") || !strcmp(v[C_LEVEL], "单位") ? "unit"
											 : "";
	if (!*v[C_ORG] || year < 1990 || year > 2100 || !kind ||
	    (*v[C_APPROVAL] && bl_store_days(v[C_APPROVAL]) < 0) ||
	    (*v[C_DUE] && bl_store_days(v[C_DUE]) < 0)) {
		bl_diag_set(diag, BL_EFORMAT, 0, path,
			    "%s:%d: each row needs an org, a year, a kind (预算/决算 or budget/final), and "
			    "dates as YYYY-MM-DD",
			    path, lineno);
		return BL_EFORMAT;
	}
	char region[96], key[192], full[96];
	bl_ident_split(v[C_ORG], region, sizeof region, key, sizeof key);
	if (*v[C_REGION]) { /* as given, spaces dropped: 普陀区 is completed below */
		size_t k = 0;
		for (const char *c = v[C_REGION]; *c && k + 1 < sizeof region; c++)
			if (*c != ' ')
				region[k++] = *c;
		region[k] = 0;
	}
	bl_store_region_complete(s, region, full, sizeof full);
	bl_stmt *q = bl_db_stmt(s->db, q_expect);
	if (!q)
		return bl_store_fail_db(s, diag, "importing expected documents");
	bl_stmt_text(q, 1, full);
	bl_stmt_text(q, 2, v[C_ORG]);
	bl_stmt_text(q, 3, key);
	bl_stmt_text(q, 4, level);
	bl_stmt_int(q, 5, year);
	bl_stmt_text(q, 6, kind);
	bl_stmt_text(q, 7, v[C_APPROVAL]);
	bl_stmt_text(q, 8, v[C_DUE]);
	bl_stmt_text(q, 9, v[C_URL]);
	return bl_stmt_run(q) != 0 ? bl_store_fail_db(s, diag, "importing expected documents") : BL_OK;
}

/* The header: where each column is (at), and the transaction begun; BL_OK or the failure in diag. */
static bl_status import_header(bl_store *s, const char *path, int lineno, char **f, int nf, int at[NC],
			       bl_diag *diag)
{
	static const char *const names[NC] = {"region",        "org",      "year", "kind",
					      "approval_date", "due_date", "url",  "level"};
	for (int k = 0; k < nf; k++)
		for (int c = 0; c < NC; c++)
			if (!strcmp(f[k], names[c]))
				at[c] = k;
	if (at[C_ORG] < 0 || at[C_YEAR] < 0 || at[C_KIND] < 0) {
		bl_diag_set(diag, BL_EFORMAT, 0, path,
			    "%s:%d: the header must name the columns org, year and kind (and region, "
			    "approval_date, due_date, url, level)",
			    path, lineno);
		return BL_EFORMAT;
	}
	return bl_db_begin(s->db) != 0 ? bl_store_fail_db(s, diag, "importing expected documents") : BL_OK;
}

BL_API bl_status bl_store_expect_csv(bl_store *s, const char *path, int *count, bl_diag *diag)
{
	*count = 0;
	char *bytes = NULL;
	size_t nb = 0;
	bl_status st = bl_file_read(path, &bytes, &nb, diag);
	if (st)
		return st;
	char *text = bl_xstrndup(bytes, nb);
	free(bytes);
	char *cur = text;
	if (!strncmp(cur, "\xEF\xBB\xBF", 3))
		cur += 3;
	int at[NC];
	for (int k = 0; k < NC; k++)
		at[k] = -1;
	int lineno = 0, began = 0;
	char *save = NULL;
	for (char *line = strtok_r(cur, "\n", &save); line && !st; line = strtok_r(NULL, "\n", &save)) {
		lineno++;
		trim(line);
		if (!*line)
			continue;
		char *f[32];
		int nf = split_csv(line, f, 32);
		for (int k = 0; k < nf; k++)
			trim(f[k]);
		if (!began) {
			st = import_header(s, path, lineno, f, nf, at, diag);
			began = !st;
			continue;
		}
		const char *v[NC];
		for (int c = 0; c < NC; c++)
			v[c] = at[c] >= 0 && at[c] < nf ? f[at[c]] : "";
		if (!(st = import_row(s, path, lineno, v, diag)))
			++*count;
	}
	if (!st && !began) {
		bl_diag_set(diag, BL_EFORMAT, 0, path, "%s: empty: no header line", path);
		st = BL_EFORMAT;
	} else if (!st && bl_db_commit(s->db) != 0) {
		st = bl_store_fail_db(s, diag, "importing expected documents");
	}
	if (st && s->db->in_tx)
		bl_db_rollback(s->db);
	if (st)
		*count = 0;
	free(text);
	return st;
}
