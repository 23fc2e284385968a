/* ledger.c - the unit x year matrix: what is filed, what is missing, what a person must confirm, what failed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/rows.h"

/* The current version of each organisation's document for a year and kind, and how many versions. */
#define CUR_CTE                                                                                              \
	"WITH cur AS (SELECT org_id, year, kind, part, MAX(id) AS id, COUNT(*) AS n FROM documents"          \
	" WHERE org_id IS NOT NULL AND ident <> 'template' GROUP BY org_id, year, kind, part),"              \
	" fc AS (SELECT doc_id, SUM(CASE WHEN severity = 'error' THEN 1 ELSE 0 END) AS e,"                   \
	" SUM(CASE WHEN severity = 'warning' THEN 1 ELSE 0 END) AS w,"                                       \
	" SUM(CASE WHEN severity = 'info' THEN 1 ELSE 0 END) AS i FROM findings f WHERE NOT EXISTS"          \
	" (SELECT 1 FROM reviews v WHERE v.doc_id = f.doc_id AND v.fingerprint = f.fingerprint"              \
	" AND v.decision IN ('rejected', 'fixed')) GROUP BY doc_id) "

/* columns: 0 region, 1 org, 2 level, 3 year, 4 kind, 5 versions, 6 hash, 7 path, 8 ident, 9 ident_note,
 * 10 errors, 11 warnings, 12 infos, 13 ruleset, 14 pub_date */
static const char q_ledger[] =
	CUR_CTE "SELECT r.name, o.name, o.level, c.year, c.kind, c.n, d.hash, d.path, d.ident, d.ident_note,"
		" COALESCE(fc.e, 0), COALESCE(fc.w, 0), COALESCE(fc.i, 0), d.ruleset, d.pub_date"
		" FROM cur c JOIN documents d ON d.id = c.id JOIN orgs o ON o.id = c.org_id"
		" JOIN regions r ON r.id = o.region_id LEFT JOIN fc ON fc.doc_id = c.id"
		" ORDER BY r.name, o.key, o.level, c.year, c.kind";
/* 0 region, 1 org, 2 level, 3 year, 4 kind, 5 approval_date, 6 due_date, 7 url */
static const char q_missing[] =
	"SELECT e.region, e.org, e.level, e.year, e.kind, e.approval_date, e.due_date, e.url FROM expected e"
	" WHERE NOT EXISTS (SELECT 1 FROM documents d JOIN orgs o ON o.id = d.org_id JOIN regions r ON r.id "
	"= o.region_id"
	" WHERE r.name = e.region AND o.key = e.org_key AND (e.level = '' OR o.level = e.level) AND d.year = "
	"e.year"
	" AND d.kind = e.kind) ORDER BY e.region, e.org_key, e.year, e.kind";
/* 0 path, 1 ident, 2 ident_note, 3 year, 4 kind, 5 unit */
static const char q_unfiled[] = "SELECT path, ident, ident_note, year, kind, unit FROM documents"
				" WHERE org_id IS NULL OR ident <> 'ok' ORDER BY path";
/* 0 path, 1 reason, 2 at */
static const char q_failures[] = "SELECT path, reason, at FROM failures ORDER BY path";

typedef struct ledger {
	bl_rowset docs, miss, unf, fails;
	const char *today;
} ledger;

/* Overdue when the due date (or approval + 20 days) has passed. */
static int overdue(const char *approval, const char *due, const char *now)
{
	long d = bl_store_days(due), a = bl_store_days(approval), t = bl_store_days(now);
	if (d < 0 && a >= 0)
		d = a + 20;
	return d >= 0 && t > d;
}

static const bl_rcol csv_cols[] = {
	BL_RCOL("region", BL_R_STR),   BL_RCOL("org", BL_R_STR),      BL_RCOL("level", BL_R_STR),
	BL_RCOL("year", BL_R_STR),     BL_RCOL("kind", BL_R_STR),     BL_RCOL("status", BL_R_STR),
	BL_RCOL("versions", BL_R_STR), BL_RCOL("hash", BL_R_STR),     BL_RCOL("path", BL_R_STR),
	BL_RCOL("errors", BL_R_STR),   BL_RCOL("warnings", BL_R_STR), BL_RCOL("infos", BL_R_STR),
	BL_RCOL("ruleset", BL_R_STR)};

static void ledger_csv(const ledger *l, FILE *out)
{
	bl_rows w = {.out = out, .fmt = BL_FMT_CSV, .cols = csv_cols, .ncols = 13};
	bl_rows_head(&w);
	for (size_t i = 0; i < l->docs.n; i++) {
		char **c = bl_rowset_row(&l->docs, i);
		const char *cells[13] = {
			c[0], c[1],  c[2],  c[3],  c[4], !strcmp(c[8], "ok") ? "filed" : "review", c[5], c[6],
			c[7], c[10], c[11], c[12], c[13]};
		bl_rows_put(&w, cells);
	}
	for (size_t i = 0; i < l->miss.n; i++) { /* nothing filed: no version, hash or counts */
		char **c = bl_rowset_row(&l->miss, i);
		const char *cells[13] = {c[0], c[1], c[2],
					 c[3], c[4], overdue(c[5], c[6], l->today) ? "overdue" : "missing",
					 "0"};
		bl_rows_put(&w, cells);
	}
}

static const bl_rcol json_docs[] = {
	BL_RCOL("region", BL_R_STR), BL_RCOL("org", BL_R_STR),      BL_RCOL("level", BL_R_STR),
	BL_RCOL("year", BL_R_RAW),   BL_RCOL("kind", BL_R_STR),     BL_RCOL("versions", BL_R_RAW),
	BL_RCOL("hash", BL_R_STR),   BL_RCOL("path", BL_R_STR),     BL_RCOL("ident", BL_R_STR),
	BL_RCOL("errors", BL_R_RAW), BL_RCOL("warnings", BL_R_RAW), BL_RCOL("infos", BL_R_RAW),
	BL_RCOL("ruleset", BL_R_STR)};
static const bl_rcol json_missing[] = {BL_RCOL("region", BL_R_STR), BL_RCOL("org", BL_R_STR),
				       BL_RCOL("year", BL_R_RAW),   BL_RCOL("kind", BL_R_STR),
				       BL_RCOL("due", BL_R_STR),    BL_RCOL("overdue", BL_R_RAW),
				       BL_RCOL("url", BL_R_STR)};
static const bl_rcol json_review[] = {BL_RCOL("path", BL_R_STR), BL_RCOL("ident", BL_R_STR),
				      BL_RCOL("note", BL_R_STR)};
static const bl_rcol json_failures[] = {BL_RCOL("path", BL_R_STR), BL_RCOL("reason", BL_R_STR)};

static void ledger_json(const ledger *l, FILE *out)
{
	bl_rows_json_tool(out);
	fputs(" \"documents\": [", out);
	bl_rows w = {.out = out, .fmt = BL_FMT_JSON, .cols = json_docs, .ncols = 13, .lines = 1};
	for (size_t i = 0; i < l->docs.n; i++) {
		char **c = bl_rowset_row(&l->docs, i);
		const char *cells[13] = {c[0], c[1], c[2],  c[3],  c[4],  c[5], c[6],
					 c[7], c[8], c[10], c[11], c[12], c[13]};
		bl_rows_put(&w, cells);
	}
	fputs("],\n \"missing\": [", out);
	w = (bl_rows){.out = out, .fmt = BL_FMT_JSON, .cols = json_missing, .ncols = 7, .lines = 1};
	for (size_t i = 0; i < l->miss.n; i++) {
		char **c = bl_rowset_row(&l->miss, i);
		const char *cells[7] = {c[0],
					c[1],
					c[3],
					c[4],
					c[6][0] ? c[6] : c[5],
					overdue(c[5], c[6], l->today) ? "true" : "false",
					c[7]};
		bl_rows_put(&w, cells);
	}
	fputs("],\n \"review\": [", out);
	w = (bl_rows){.out = out, .fmt = BL_FMT_JSON, .cols = json_review, .ncols = 3, .lines = 1};
	for (size_t i = 0; i < l->unf.n; i++)
		bl_rows_put(&w, (const char *const *)bl_rowset_row(&l->unf, i));
	fputs("],\n \"failures\": [", out);
	w = (bl_rows){.out = out, .fmt = BL_FMT_JSON, .cols = json_failures, .ncols = 2, .lines = 1};
	for (size_t i = 0; i < l->fails.n; i++)
		bl_rows_put(&w, (const char *const *)bl_rowset_row(&l->fails, i));
	fputs("]}\n", out);
}

/* The years filed or expected, in order (at most max). */
static int ledger_years(const ledger *l, int *years, int max)
{
	int ny = 0;
	for (size_t i = 0; i < l->docs.n + l->miss.n; i++) {
		int y = atoi(i < l->docs.n ? bl_rowset_row(&l->docs, i)[3]
					   : bl_rowset_row(&l->miss, i - l->docs.n)[3]),
		    seen = 0;
		for (int k = 0; k < ny; k++)
			seen |= years[k] == y;
		if (!seen && ny < max)
			years[ny++] = y;
	}
	for (int a = 0; a < ny; a++) /* few years: insertion sort */
		for (int b = a; b > 0 && years[b - 1] > years[b]; b--) {
			int t = years[b];
			years[b] = years[b - 1], years[b - 1] = t;
		}
	return ny;
}

enum { MAX_YEARS = 64, MAX_COLS = 3 + 2 * MAX_YEARS };

/* One line per organisation, one column per year and kind: E/W/I counts and the version. */
static void ledger_matrix(const ledger *l, FILE *out)
{
	int years[MAX_YEARS], ny = ledger_years(l, years, MAX_YEARS), namew = 24;
	for (size_t i = 0; i < l->docs.n; i++)
		if (bl_text_width(bl_rowset_row(&l->docs, i)[1]) > namew)
			namew = bl_text_width(bl_rowset_row(&l->docs, i)[1]);
	bl_rcol cols[MAX_COLS] = {{.name = "region", .title = "地区", .width = 14},
				  {.name = "org", .title = "单位", .width = namew + 2},
				  {.name = "level", .title = "级别", .width = 6}};
	char titles[2 * MAX_YEARS][32], cells[2 * MAX_YEARS][64];
	for (int k = 0; k < 2 * ny; k++) {
		snprintf(titles[k], sizeof titles[k], "%d%s", years[k / 2], k % 2 ? "决算" : "预算");
		cols[3 + k] = (bl_rcol){.name = titles[k], .title = titles[k], .width = 15};
	}
	bl_rows w = {.out = out, .fmt = BL_FMT_TEXT, .cols = cols, .ncols = 3 + 2 * ny};
	bl_rows_head(&w);
	for (size_t i = 0, end; i < l->docs.n; i = end) {
		char **first = bl_rowset_row(&l->docs, i);
		for (end = i; end < l->docs.n; end++) {
			char **c = bl_rowset_row(&l->docs, end);
			if (strcmp(c[0], first[0]) || strcmp(c[1], first[1]) || strcmp(c[2], first[2]))
				break;
		}
		const char *row[MAX_COLS] = {first[0], first[1], bl_level_zh(first[2], "未定")};
		for (int k = 0; k < 2 * ny; k++) {
			snprintf(cells[k], sizeof cells[k], "-");
			/* a disclosure in two files (narrative and tables): one cell, counts added */
			int e = 0, wn = 0, in = 0, files = 0, versions = 0;
			for (size_t x = i; x < end; x++) {
				char **c = bl_rowset_row(&l->docs, x);
				if (atoi(c[3]) != years[k / 2] || strcmp(c[4], k % 2 ? "final" : "budget"))
					continue;
				e += atoi(c[10]), wn += atoi(c[11]), in += atoi(c[12]), files++;
				versions = atoi(c[5]) > versions ? atoi(c[5]) : versions;
			}
			if (files > 1)
				snprintf(cells[k], sizeof cells[k], "E%d W%d I%d %d件", e, wn, in, files);
			else if (files && versions > 1)
				snprintf(cells[k], sizeof cells[k], "E%d W%d I%d v%d", e, wn, in, versions);
			else if (files)
				snprintf(cells[k], sizeof cells[k], "E%d W%d I%d", e, wn, in);
			row[3 + k] = cells[k];
		}
		bl_rows_put(&w, row);
	}
}

static void ledger_text(const ledger *l, FILE *out)
{
	fprintf(out,
		"ledger: %zu documents filed (current versions), %zu expected but missing, %zu to confirm, "
		"%zu failed\n\n",
		l->docs.n, l->miss.n, l->unf.n, l->fails.n);
	ledger_matrix(l, out);
	if (l->miss.n) {
		fprintf(out, "\n应公开而未见（%zu）:\n", l->miss.n);
		for (size_t j = 0; j < l->miss.n; j++) {
			char **c = bl_rowset_row(&l->miss, j);
			int od = overdue(c[5], c[6], l->today);
			fprintf(out, "  %s%s %s%s %s年%s  %s%s\n",
				od ? "error[ledger.missing] " : "info[ledger.missing] ", c[0], c[1],
				c[2][0] ? (!strcmp(c[2], "dept") ? "（部门）" : "（单位）") : "", c[3],
				bl_kind_zh(c[4], "未知"), od ? "已过公开期限 " : "尚未到期 ",
				c[6][0] ? c[6] : c[5]);
		}
	}
	if (l->unf.n) {
		fprintf(out, "\n待人工确认（%zu）:\n", l->unf.n);
		for (size_t j = 0; j < l->unf.n; j++) {
			char **c = bl_rowset_row(&l->unf, j);
			fputs("  ", out), bl_text_put(out, c[0]), fputs(": ", out);
			bl_text_put(out, c[2][0] ? c[2] : "识别存疑"), fputc('\n', out);
		}
	}
	if (l->fails.n) {
		fprintf(out, "\n读取失败（%zu）:\n", l->fails.n);
		for (size_t j = 0; j < l->fails.n; j++) {
			char **c = bl_rowset_row(&l->fails, j);
			fputs("  ", out), bl_text_put(out, c[0]), fputs(": ", out);
			bl_text_put(out, c[1]), fputc('\n', out);
		}
	}
}

BL_API bl_status bl_store_ledger(bl_store *s, FILE *out, bl_store_fmt fmt, const char *today, bl_diag *diag)
{
	ledger l = {.docs.ncols = 15, .miss.ncols = 8, .unf.ncols = 6, .fails.ncols = 3, .today = today};
	bl_stmt *st;
	bl_status rc = BL_OK;
	if (!(st = bl_db_stmt(s->db, q_ledger)) || bl_rowset_fetch(st, 15, &l.docs) < 0 ||
	    !(st = bl_db_stmt(s->db, q_missing)) || bl_rowset_fetch(st, 8, &l.miss) < 0 ||
	    !(st = bl_db_stmt(s->db, q_unfiled)) || bl_rowset_fetch(st, 6, &l.unf) < 0 ||
	    !(st = bl_db_stmt(s->db, q_failures)) || bl_rowset_fetch(st, 3, &l.fails) < 0)
		rc = bl_store_fail_db(s, diag, "reading the ledger");
	else if (fmt == BL_FMT_CSV)
		ledger_csv(&l, out);
	else if (fmt == BL_FMT_JSON)
		ledger_json(&l, out);
	else
		ledger_text(&l, out);
	bl_rowset_free(&l.docs);
	bl_rowset_free(&l.miss);
	bl_rowset_free(&l.unf);
	bl_rowset_free(&l.fails);
	return rc;
}
