/* query.c - what a reviewer asks the ledger: the unit x year matrix, side-by-side figures, findings, what is missing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

/* The current version of each organisation's document for a year and kind, and how many versions. */
#define CUR_CTE                                                                                                    \
	"WITH cur AS (SELECT org_id, year, kind, MAX(id) AS id, COUNT(*) AS n FROM documents"                      \
	" WHERE org_id IS NOT NULL AND ident <> 'template' GROUP BY org_id, year, kind),"                          \
	" fc AS (SELECT doc_id, SUM(CASE WHEN severity = 'error' THEN 1 ELSE 0 END) AS e,"                         \
	" SUM(CASE WHEN severity = 'warning' THEN 1 ELSE 0 END) AS w,"                                               \
	" SUM(CASE WHEN severity = 'info' THEN 1 ELSE 0 END) AS i FROM findings f WHERE NOT EXISTS"                 \
	" (SELECT 1 FROM reviews v WHERE v.doc_id = f.doc_id AND v.fingerprint = f.fingerprint"                      \
	" AND v.decision IN ('rejected', 'fixed')) GROUP BY doc_id) "

static const char q_ledger[] =
	CUR_CTE "SELECT r.name, o.name, o.level, c.year, c.kind, c.n, d.hash, d.path, d.ident, d.ident_note,"
		" COALESCE(fc.e, 0), COALESCE(fc.w, 0), COALESCE(fc.i, 0), d.ruleset, d.pub_date"
		" FROM cur c JOIN documents d ON d.id = c.id JOIN orgs o ON o.id = c.org_id"
		" JOIN regions r ON r.id = o.region_id LEFT JOIN fc ON fc.doc_id = c.id"
		" ORDER BY r.name, o.key, o.level, c.year, c.kind";
static const char q_missing[] =
	"SELECT e.region, e.org, e.level, e.year, e.kind, e.approval_date, e.due_date, e.url FROM expected e"
	" WHERE NOT EXISTS (SELECT 1 FROM documents d JOIN orgs o ON o.id = d.org_id JOIN regions r ON r.id = o.region_id"
	" WHERE r.name = e.region AND o.key = e.org_key AND (e.level = '' OR o.level = e.level) AND d.year = e.year"
	" AND d.kind = e.kind) ORDER BY e.region, e.org_key, e.year, e.kind";
static const char q_unfiled[] = "SELECT path, ident, ident_note, year, kind, unit FROM documents"
				" WHERE org_id IS NULL OR ident <> 'ok' ORDER BY path";
static const char q_failures[] = "SELECT path, reason, at FROM failures ORDER BY path";

/* Display width of UTF-8 text: CJK takes two columns. */
static int width(const char *s)
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

/* Text from documents and file names, on one line and without control
 * characters or invalid bytes (a file name need not be UTF-8 and may hold a
 * newline or an escape sequence). */
static void put(FILE *out, const char *s)
{
	bl_clean_fput(out, s, strlen(s), 0);
}

static void pad(FILE *out, const char *s, int w)
{
	put(out, s);
	for (int k = width(s); k < w; k++)
		fputc(' ', out);
}

static void csv(FILE *out, const char *s, int last)
{
	bl_csv_put(out, s);
	fputc(last ? '\n' : ',', out);
}

static const char *kind_zh(const char *k)
{
	return bl_kind_zh(k, "未知");
}

static const char *level_zh(const char *l)
{
	return bl_level_zh(l, "未定");
}

typedef struct lrow {
	char *cols[15];
} lrow;

static char *dup(const char *s)
{
	return bl_xstrndup(s ? s : "", s ? strlen(s) : 0);
}

static int fetch(bl_stmt *st, int ncols, lrow **rows, size_t *n)
{
	size_t cap = 0;
	*rows = NULL;
	*n = 0;
	int rc;
	while ((rc = bl_stmt_step(st)) == 1) {
		lrow *r = BL_PUSH(*rows, *n, cap);
		for (int c = 0; c < ncols; c++)
			r->cols[c] = dup(bl_stmt_col(st, c));
	}
	return rc;
}

static void free_rows(lrow *rows, size_t n, int ncols)
{
	for (size_t i = 0; i < n; i++)
		for (int c = 0; c < ncols; c++)
			free(rows[i].cols[c]);
	free(rows);
}

/* Overdue when the due date (or approval + 20 days) has passed. */
static int overdue(const char *approval, const char *due, const char *now)
{
	long d = bl_store_days(due), a = bl_store_days(approval), t = bl_store_days(now);
	if (d < 0 && a >= 0)
		d = a + 20;
	return d >= 0 && t > d;
}

BL_API bl_status bl_store_ledger(bl_store *s, FILE *out, bl_store_fmt fmt, const char *now, bl_diag *diag)
{
	lrow *docs = NULL, *miss = NULL, *unf = NULL, *fails = NULL;
	size_t nd = 0, nm = 0, nu = 0, nf = 0;
	bl_stmt *st;
	bl_status rc = BL_OK;
	if (!(st = bl_db_stmt(s->db, q_ledger)) || fetch(st, 15, &docs, &nd) < 0 || !(st = bl_db_stmt(s->db, q_missing)) ||
	    fetch(st, 8, &miss, &nm) < 0 || !(st = bl_db_stmt(s->db, q_unfiled)) || fetch(st, 6, &unf, &nu) < 0 ||
	    !(st = bl_db_stmt(s->db, q_failures)) || fetch(st, 3, &fails, &nf) < 0) {
		rc = bl_store_fail_db(s, diag, "reading the ledger");
		goto done;
	}
	if (fmt == BL_FMT_CSV) {
		fputs("region,org,level,year,kind,status,versions,hash,path,errors,warnings,infos,ruleset\n", out);
		for (size_t i = 0; i < nd; i++) {
			char **c = docs[i].cols;
			csv(out, c[0], 0), csv(out, c[1], 0), csv(out, c[2], 0), csv(out, c[3], 0), csv(out, c[4], 0);
			csv(out, !strcmp(c[8], "ok") ? "filed" : "review", 0);
			csv(out, c[5], 0), csv(out, c[6], 0), csv(out, c[7], 0), csv(out, c[10], 0), csv(out, c[11], 0);
			csv(out, c[12], 0), csv(out, c[13], 1);
		}
		for (size_t i = 0; i < nm; i++) {
			char **c = miss[i].cols;
			csv(out, c[0], 0), csv(out, c[1], 0), csv(out, c[2], 0), csv(out, c[3], 0), csv(out, c[4], 0);
			csv(out, overdue(c[5], c[6], now) ? "overdue" : "missing", 0);
			fputs("0,,,,,,\n", out);
		}
		goto done;
	}
	if (fmt == BL_FMT_JSON) {
		fprintf(out, "{\"tool\": {\"name\": \"budgetlint\", \"version\": \"%s\", \"ruleset\": \"%s\"},\n \"documents\": [",
			bl_version(), bl_ruleset());
		for (size_t i = 0; i < nd; i++) {
			char **c = docs[i].cols;
			fputs(i ? ",\n  {" : "\n  {", out);
			fputs("\"region\": ", out), bl_json_put(out, c[0]);
			fputs(", \"org\": ", out), bl_json_put(out, c[1]);
			fprintf(out, ", \"level\": \"%s\", \"year\": %s, \"kind\": \"%s\", \"versions\": %s, \"hash\": \"%s\", \"path\": ", c[2],
				c[3], c[4], c[5], c[6]);
			bl_json_put(out, c[7]);
			fprintf(out, ", \"ident\": \"%s\", \"errors\": %s, \"warnings\": %s, \"infos\": %s, \"ruleset\": \"%s\"}", c[8],
				c[10], c[11], c[12], c[13]);
		}
		fputs("],\n \"missing\": [", out);
		for (size_t i = 0; i < nm; i++) {
			char **c = miss[i].cols;
			fputs(i ? ",\n  {" : "\n  {", out);
			fputs("\"region\": ", out), bl_json_put(out, c[0]);
			fputs(", \"org\": ", out), bl_json_put(out, c[1]);
			fprintf(out, ", \"year\": %s, \"kind\": \"%s\", \"due\": \"%s\", \"overdue\": %s, \"url\": ", c[3], c[4],
				c[6][0] ? c[6] : c[5], overdue(c[5], c[6], now) ? "true" : "false");
			bl_json_put(out, c[7]);
			fputc('}', out);
		}
		fputs("],\n \"review\": [", out);
		for (size_t i = 0; i < nu; i++) {
			fputs(i ? ",\n  {\"path\": " : "\n  {\"path\": ", out), bl_json_put(out, unf[i].cols[0]);
			fprintf(out, ", \"ident\": \"%s\", \"note\": ", unf[i].cols[1]);
			bl_json_put(out, unf[i].cols[2]);
			fputc('}', out);
		}
		fputs("],\n \"failures\": [", out);
		for (size_t i = 0; i < nf; i++) {
			fputs(i ? ",\n  {\"path\": " : "\n  {\"path\": ", out), bl_json_put(out, fails[i].cols[0]);
			fputs(", \"reason\": ", out), bl_json_put(out, fails[i].cols[1]);
			fputc('}', out);
		}
		fputs("]}\n", out);
		goto done;
	}
	/* text: one line per organisation, one column per year and kind */
	int years[64], ny = 0;
	for (size_t i = 0; i < nd + nm; i++) {
		int y = atoi(i < nd ? docs[i].cols[3] : miss[i - nd].cols[3]), seen = 0;
		for (int k = 0; k < ny; k++)
			seen |= years[k] == y;
		if (!seen && ny < 64)
			years[ny++] = y;
	}
	for (int a = 0; a < ny; a++) /* few years: insertion sort */
		for (int b = a; b > 0 && years[b - 1] > years[b]; b--) {
			int t = years[b];
			years[b] = years[b - 1], years[b - 1] = t;
		}
	fprintf(out, "ledger: %zu documents filed (current versions), %zu expected but missing, %zu to confirm, %zu failed\n\n", nd,
		nm, nu, nf);
	int namew = 24;
	for (size_t i = 0; i < nd; i++)
		if (width(docs[i].cols[1]) > namew)
			namew = width(docs[i].cols[1]);
	pad(out, "地区", 14), pad(out, "单位", namew + 2), pad(out, "级别", 6);
	for (int k = 0; k < ny; k++) {
		char h[32];
		snprintf(h, sizeof h, "%d预算", years[k]);
		pad(out, h, 15);
		snprintf(h, sizeof h, "%d决算", years[k]);
		pad(out, h, 15);
	}
	fputc('\n', out);
	size_t i = 0, j = 0;
	while (i < nd) {
		size_t end = i;
		while (end < nd && !strcmp(docs[end].cols[0], docs[i].cols[0]) && !strcmp(docs[end].cols[1], docs[i].cols[1]) &&
		       !strcmp(docs[end].cols[2], docs[i].cols[2]))
			end++;
		pad(out, docs[i].cols[0], 14), pad(out, docs[i].cols[1], namew + 2), pad(out, level_zh(docs[i].cols[2]), 6);
		for (int k = 0; k < ny; k++)
			for (int kind = 0; kind < 2; kind++) {
				char cell[64] = "-";
				for (size_t x = i; x < end; x++) {
					char **c = docs[x].cols;
					if (atoi(c[3]) != years[k] || strcmp(c[4], kind ? "final" : "budget"))
						continue;
					snprintf(cell, sizeof cell, "E%s W%s I%s%s%s", c[10], c[11], c[12], atoi(c[5]) > 1 ? " v" : "",
						 atoi(c[5]) > 1 ? c[5] : "");
				}
				pad(out, cell, 15);
			}
		fputc('\n', out);
		i = end;
	}
	if (nm) {
		fprintf(out, "\n应公开而未见（%zu）:\n", nm);
		for (j = 0; j < nm; j++) {
			char **c = miss[j].cols;
			int od = overdue(c[5], c[6], now);
			fprintf(out, "  %s%s %s%s %s年%s  %s%s%s\n", od ? "error[ledger.missing] " : "info[ledger.missing] ", c[0],
				c[1], c[2][0] ? (!strcmp(c[2], "dept") ? "（部门）" : "（单位）") : "", c[3], kind_zh(c[4]),
				od ? "已过公开期限 " : "尚未到期 ", c[6][0] ? c[6] : c[5], c[7][0] ? "" : "");
		}
	}
	if (nu) {
		fprintf(out, "\n待人工确认（%zu）:\n", nu);
		for (j = 0; j < nu; j++) {
			fputs("  ", out), put(out, unf[j].cols[0]), fputs(": ", out);
			put(out, unf[j].cols[2][0] ? unf[j].cols[2] : "识别存疑"), fputc('\n', out);
		}
	}
	if (nf) {
		fprintf(out, "\n读取失败（%zu）:\n", nf);
		for (j = 0; j < nf; j++) {
			fputs("  ", out), put(out, fails[j].cols[0]), fputs(": ", out);
			put(out, fails[j].cols[1]), fputc('\n', out);
		}
	}
done:
	free_rows(docs, nd, 15);
	free_rows(miss, nm, 8);
	free_rows(unf, nu, 6);
	free_rows(fails, nf, 3);
	return rc;
}

/* ---- compare ---- */

static const char q_compare[] =
	"WITH cur AS (SELECT org_id, year, kind, MAX(id) AS id FROM documents"
	" WHERE org_id IS NOT NULL AND ident <> 'template' GROUP BY org_id, year, kind)"
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
	char **vals; /* one per column, NULL when the document has none */
} ckey;

BL_API bl_status bl_store_compare(bl_store *s, FILE *out, bl_store_fmt fmt, const char *org, int year, const char *kind,
				  bl_diag *diag)
{
	bl_stmt *st = bl_db_stmt(s->db, q_compare);
	if (!st)
		return bl_store_fail_db(s, diag, "comparing");
	char like[256];
	snprintf(like, sizeof like, "%%%s%%", org ? org : "");
	bl_stmt_text(st, 1, org ? org : "");
	bl_stmt_text(st, 2, like);
	bl_stmt_int(st, 3, year);
	bl_stmt_int(st, 4, year);
	bl_stmt_text(st, 5, kind ? kind : "");
	bl_stmt_text(st, 6, kind ? kind : "");
	lrow *rows;
	size_t n;
	if (fetch(st, 9, &rows, &n) < 0)
		return bl_store_fail_db(s, diag, "comparing");
	ccol *cols = NULL;
	size_t nc = 0, ccap = 0;
	ckey *keys = NULL;
	size_t nk = 0, kcap = 0;
	for (size_t i = 0; i < n; i++) {
		char **c = rows[i].cols;
		char head[256];
		if (org && *org && year == 0)
			snprintf(head, sizeof head, "%s%s%s", c[2], kind_zh(c[3]), !strcmp(c[1], "unit") ? "(单位)" : "");
		else
			snprintf(head, sizeof head, "%s%s%s", c[0], !strcmp(c[1], "unit") ? "(单位)" : "", year ? "" : c[2]);
		if (!year && !(org && *org))
			snprintf(head, sizeof head, "%s %s%s", c[0], c[2], kind_zh(c[3]));
		size_t col = nc;
		for (size_t k = 0; k < nc; k++)
			if (!strcmp(cols[k].hash, c[8]))
				col = k;
		if (col == nc) {
			ccol *cc = BL_PUSH(cols, nc, ccap);
			snprintf(cc->head, sizeof cc->head, "%s", head);
			snprintf(cc->hash, sizeof cc->hash, "%s", c[8]);
			for (size_t k = 0; k < nk; k++) {
				keys[k].vals = bl_xrealloc(keys[k].vals, nc * sizeof *keys[k].vals);
				keys[k].vals[nc - 1] = NULL;
			}
		}
		size_t key = nk;
		for (size_t k = 0; k < nk; k++)
			if (!strcmp(keys[k].key, c[4]))
				key = k;
		if (key == nk) {
			ckey *ck = BL_PUSH(keys, nk, kcap);
			snprintf(ck->key, sizeof ck->key, "%s", c[4]);
			ck->vals = bl_xcalloc(nc ? nc : 1, sizeof *ck->vals);
		}
		if (!keys[key].vals[col]) { /* the first mention is the document's figure */
			char v[96];
			snprintf(v, sizeof v, "%s%s", c[5], !strcmp(c[6], "万元") ? "" : c[6]);
			keys[key].vals[col] = dup(v);
		}
	}
	if (fmt == BL_FMT_CSV || fmt == BL_FMT_JSON) {
		if (fmt == BL_FMT_CSV) {
			csv(out, "key", 0), csv(out, "name", nc == 0);
			for (size_t k = 0; k < nc; k++)
				csv(out, cols[k].head, k + 1 == nc);
		} else {
			fputs("{\"columns\": [", out);
			for (size_t k = 0; k < nc; k++) {
				fputs(k ? ", {\"name\": " : "{\"name\": ", out), bl_json_put(out, cols[k].head);
				fprintf(out, ", \"hash\": \"%s\"}", cols[k].hash);
			}
			fprintf(out, "], \"ruleset\": \"%s\", \"rows\": [", bl_ruleset());
		}
		for (size_t r = 0; r < nk; r++) {
			char label[256];
			bl_key_label_buf(keys[r].key, label, sizeof label);
			if (fmt == BL_FMT_CSV) {
				csv(out, keys[r].key, 0), csv(out, label, nc == 0);
				for (size_t k = 0; k < nc; k++)
					csv(out, keys[r].vals[k], k + 1 == nc);
			} else {
				fprintf(out, "%s\n  {\"key\": \"%s\", \"name\": ", r ? "," : "", keys[r].key);
				bl_json_put(out, label);
				fputs(", \"values\": [", out);
				for (size_t k = 0; k < nc; k++) {
					if (k)
						fputs(", ", out);
					if (keys[r].vals[k])
						bl_json_put(out, keys[r].vals[k]);
					else
						fputs("null", out);
				}
				fputs("]}", out);
			}
		}
		if (fmt == BL_FMT_JSON)
			fputs("]}\n", out);
	} else if (nc == 0) {
		fprintf(out, "no filed document matches\n");
	} else {
		int kw = 8;
		for (size_t r = 0; r < nk; r++) {
			char label[256];
			bl_key_label_buf(keys[r].key, label, sizeof label);
			if (width(label) > kw)
				kw = width(label);
		}
		pad(out, "万元", kw + 2);
		for (size_t k = 0; k < nc; k++) {
			fputs("  ", out);
			pad(out, cols[k].head, width(cols[k].head) > 14 ? width(cols[k].head) : 14);
		}
		fputc('\n', out);
		for (size_t r = 0; r < nk; r++) {
			char label[256];
			bl_key_label_buf(keys[r].key, label, sizeof label);
			pad(out, label, kw + 2);
			for (size_t k = 0; k < nc; k++) {
				int w = width(cols[k].head) > 14 ? width(cols[k].head) : 14;
				const char *v = keys[r].vals[k] ? keys[r].vals[k] : "-";
				fputs("  ", out);
				for (int p = width(v); p < w; p++)
					fputc(' ', out);
				fputs(v, out);
			}
			fputc('\n', out);
		}
	}
	for (size_t r = 0; r < nk; r++) {
		for (size_t k = 0; k < nc; k++)
			free(keys[r].vals[k]);
		free(keys[r].vals);
	}
	free(keys);
	free(cols);
	free_rows(rows, n, 9);
	return BL_OK;
}

/* ---- findings of filed documents ---- */

static const char q_findings[] =
	"SELECT d.path, f.page, f.line, f.col, f.severity, f.rule, f.message, COALESCE(o.path, ''), f.stated, f.expected"
	" FROM findings f JOIN documents d ON d.id = f.doc_id LEFT JOIN documents o ON o.id = f.other_doc_id"
	" JOIN files fl ON fl.doc_id = d.id WHERE fl.path = ? AND (f.rule LIKE 'crossdoc.%' OR f.rule LIKE 'ledger.%')"
	" ORDER BY f.line, f.col, f.id";

BL_API bl_status bl_store_findings(bl_store *s, FILE *out, const char *const *paths, size_t n, bl_severity min,
				   int *nerrors, bl_diag *diag)
{
	*nerrors = 0;
	for (size_t i = 0; i < n; i++) {
		bl_stmt *st = bl_db_stmt(s->db, q_findings);
		if (!st)
			return bl_store_fail_db(s, diag, "reading findings");
		bl_stmt_text(st, 1, paths[i]);
		int rc;
		while ((rc = bl_stmt_step(st)) == 1) {
			const char *sev = bl_stmt_col(st, 4);
			int sv = !strcmp(sev, "error") ? BL_SEV_ERROR : !strcmp(sev, "warning") ? BL_SEV_WARNING : BL_SEV_INFO;
			if (sv < (int)min)
				continue;
			*nerrors += sv == BL_SEV_ERROR;
			put(out, paths[i]);
			fprintf(out, ":%s:%s: %s[%s]: ", bl_stmt_col(st, 2), bl_stmt_col(st, 3), sev, bl_stmt_col(st, 5));
			put(out, bl_stmt_col(st, 6)), fputc('\n', out);
			const char *other = bl_stmt_col(st, 7);
			if (other && *other)
				fputs("    对照文件: ", out), put(out, other), fputc('\n', out);
		}
		if (rc < 0)
			return bl_store_fail_db(s, diag, "reading findings");
	}
	return BL_OK;
}

/* ---- expected materials ---- */

static const char q_expect[] =
	"INSERT INTO expected (region, org, org_key, level, year, kind, approval_date, due_date, url)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (region, org_key, level, year, kind) DO UPDATE SET"
	" org = excluded.org, approval_date = excluded.approval_date, due_date = excluded.due_date, url = excluded.url";

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
	enum { C_REGION, C_ORG, C_YEAR, C_KIND, C_APPROVAL, C_DUE, C_URL, C_LEVEL, NC };
	static const char *const names[NC] = {"region", "org", "year", "kind", "approval_date", "due_date", "url", "level"};
	int at[NC];
	for (int k = 0; k < NC; k++)
		at[k] = -1;
	int lineno = 0, began = 0;
	char *save = NULL;
	for (char *line = strtok_r(cur, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		lineno++;
		trim(line);
		if (!*line)
			continue;
		char *f[32];
		int nf = split_csv(line, f, 32);
		for (int k = 0; k < nf; k++)
			trim(f[k]);
		if (at[C_ORG] < 0) { /* the header */
			for (int k = 0; k < nf; k++)
				for (int c = 0; c < NC; c++)
					if (!strcmp(f[k], names[c]))
						at[c] = k;
			if (at[C_ORG] < 0 || at[C_YEAR] < 0 || at[C_KIND] < 0) {
				bl_diag_set(diag, BL_EFORMAT, 0, path, "%s:%d: the header must name the columns org, year and kind (and region, approval_date, due_date, url, level)",
					    path, lineno);
				st = BL_EFORMAT;
				goto done;
			}
			if (bl_db_begin(s->db) != 0) {
				st = bl_store_fail_db(s, diag, "importing expected documents");
				goto done;
			}
			began = 1;
			continue;
		}
		const char *v[NC];
		for (int c = 0; c < NC; c++)
			v[c] = at[c] >= 0 && at[c] < nf ? f[at[c]] : "";
		int year = atoi(v[C_YEAR]);
		const char *kind = !strcmp(v[C_KIND], "budget") || strstr(v[C_KIND], "预算") ? "budget"
				   : !strcmp(v[C_KIND], "final") || strstr(v[C_KIND], "决算") ? "final" : NULL;
		const char *level = !strcmp(v[C_LEVEL], "dept") || !strcmp(v[C_LEVEL], "部门") ? "dept"
				    : !strcmp(v[C_LEVEL], "unit") || !strcmp(v[C_LEVEL], "单位") ? "unit" : "";
		if (!*v[C_ORG] || year < 1990 || year > 2100 || !kind ||
		    (*v[C_APPROVAL] && bl_store_days(v[C_APPROVAL]) < 0) || (*v[C_DUE] && bl_store_days(v[C_DUE]) < 0)) {
			bl_diag_set(diag, BL_EFORMAT, 0, path,
				    "%s:%d: each row needs an org, a year, a kind (预算/决算 or budget/final), and dates as YYYY-MM-DD",
				    path, lineno);
			st = BL_EFORMAT;
			goto done;
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
		if (!q) {
			st = bl_store_fail_db(s, diag, "importing expected documents");
			goto done;
		}
		bl_stmt_text(q, 1, full);
		bl_stmt_text(q, 2, v[C_ORG]);
		bl_stmt_text(q, 3, key);
		bl_stmt_text(q, 4, level);
		bl_stmt_int(q, 5, year);
		bl_stmt_text(q, 6, kind);
		bl_stmt_text(q, 7, v[C_APPROVAL]);
		bl_stmt_text(q, 8, v[C_DUE]);
		bl_stmt_text(q, 9, v[C_URL]);
		if (bl_stmt_run(q) != 0) {
			st = bl_store_fail_db(s, diag, "importing expected documents");
			goto done;
		}
		++*count;
	}
	if (!began) {
		bl_diag_set(diag, BL_EFORMAT, 0, path, "%s: empty: no header line", path);
		st = BL_EFORMAT;
	} else if (bl_db_commit(s->db) != 0) {
		st = bl_store_fail_db(s, diag, "importing expected documents");
	}
done:
	if (st && s->db->in_tx)
		bl_db_rollback(s->db);
	if (st)
		*count = 0;
	free(text);
	return st;
}

/* ---- integrity ---- */

static const char q_dup_hash[] =
	"SELECT (SELECT COUNT(*) FROM (SELECT hash FROM documents GROUP BY hash HAVING COUNT(*) > 1) x)"
	" + (SELECT COUNT(*) FROM (SELECT doc_id, fingerprint FROM findings WHERE rule LIKE 'crossdoc.%'"
	" GROUP BY doc_id, fingerprint HAVING COUNT(*) > 1) y)";
static const char q_orphans[] =
	"SELECT (SELECT COUNT(*) FROM facts f WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = f.doc_id))"
	" + (SELECT COUNT(*) FROM findings f WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = f.doc_id))"
	" + (SELECT COUNT(*) FROM cells c WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = c.doc_id))"
	" + (SELECT COUNT(*) FROM documents d WHERE nfacts <> (SELECT COUNT(*) FROM facts f WHERE f.doc_id = d.id))";
static const char q_integrity[] = "PRAGMA integrity_check";

BL_API bl_status bl_store_verify(bl_store *s, bl_diag *diag)
{
	if (!strcmp(s->db->ops->name, "sqlite")) {
		bl_stmt *st = bl_db_stmt(s->db, q_integrity);
		if (!st)
			return bl_store_fail_db(s, diag, "checking integrity");
		int rc;
		char first[256] = "";
		while ((rc = bl_stmt_step(st)) == 1)
			if (!first[0])
				snprintf(first, sizeof first, "%s", bl_stmt_col(st, 0));
		if (rc < 0)
			return bl_store_fail_db(s, diag, "checking integrity");
		if (strcmp(first, "ok")) {
			bl_diag_set(diag, BL_EFORMAT, 0, "", "integrity check failed: %s", first);
			return BL_EFORMAT;
		}
	}
	int64_t dups = -1, orphans = -1;
	bl_stmt *st = bl_db_stmt(s->db, q_dup_hash);
	if (!st || bl_stmt_one(st, &dups) != 1 || !(st = bl_db_stmt(s->db, q_orphans)) || bl_stmt_one(st, &orphans) != 1)
		return bl_store_fail_db(s, diag, "checking integrity");
	if (dups || orphans) {
		bl_diag_set(diag, BL_EFORMAT, 0, "", "ledger inconsistent: %lld duplicated documents or cross-document findings, %lld orphaned or missing rows",
			    (long long)dups, (long long)orphans);
		return BL_EFORMAT;
	}
	return BL_OK;
}

/* ---- review decisions ---- */

static const char q_review_find[] = "SELECT DISTINCT doc_id, fingerprint FROM findings WHERE fingerprint LIKE ?";
static const char q_review_put[] =
	"INSERT INTO reviews (doc_id, fingerprint, decision, reviewer, note, decided_at) VALUES (?, ?, ?, ?, ?, ?)"
	" ON CONFLICT (doc_id, fingerprint) DO UPDATE SET decision = excluded.decision, reviewer = excluded.reviewer,"
	" note = excluded.note, decided_at = excluded.decided_at";
static const char q_review_list[] =
	"SELECT f.fingerprint, f.severity, f.rule, d.path, f.line, f.col, f.message, COALESCE(v.decision, ''),"
	" COALESCE(v.reviewer, ''), COALESCE(v.note, '')"
	" FROM findings f JOIN documents d ON d.id = f.doc_id"
	" LEFT JOIN reviews v ON v.doc_id = f.doc_id AND v.fingerprint = f.fingerprint"
	" WHERE (? = '' OR d.path LIKE ?) AND f.severity <> 'info' ORDER BY d.path, f.line, f.col, f.id";

BL_API bl_status bl_store_review(bl_store *s, const char *fingerprint, const char *decision, const char *reviewer,
				 const char *note, int *matched, bl_diag *diag)
{
	*matched = 0;
	if (strlen(fingerprint) < 8 || strspn(fingerprint, "0123456789abcdef") != strlen(fingerprint)) {
		bl_diag_set(diag, BL_EUSAGE, 0, "", "a finding is named by its fingerprint: at least 8 hex digits ('%s')", fingerprint);
		return BL_EUSAGE;
	}
	if (strcmp(decision, "confirmed") && strcmp(decision, "rejected") && strcmp(decision, "fixed")) {
		bl_diag_set(diag, BL_EUSAGE, 0, "", "a decision is confirmed, rejected or fixed, not '%s'", decision);
		return BL_EUSAGE;
	}
	char pat[80];
	snprintf(pat, sizeof pat, "%s%%", fingerprint);
	bl_stmt *st = bl_db_stmt(s->db, q_review_find);
	if (!st)
		return bl_store_fail_db(s, diag, "finding the finding");
	bl_stmt_text(st, 1, pat);
	lrow *rows;
	size_t n;
	if (fetch(st, 2, &rows, &n) < 0)
		return bl_store_fail_db(s, diag, "finding the finding");
	bl_status rc = BL_OK;
	size_t fps = 0; /* a prefix must name one finding, though it may sit in several versions' rows */
	for (size_t i = 0; i < n; i++)
		fps += i == 0 || strcmp(rows[i].cols[1], rows[0].cols[1]) != 0;
	if (n == 0 || fps > 1) {
		bl_diag_set(diag, BL_EUSAGE, 0, "", n ? "fingerprint '%s' is ambiguous: give more digits" : "no finding has fingerprint '%s'",
			    fingerprint);
		rc = BL_EUSAGE;
		goto done;
	}
	char now[32];
	bl_store_now(now);
	if (bl_db_begin(s->db) != 0) {
		rc = bl_store_fail_db(s, diag, "recording the decision");
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		bl_stmt *p = bl_db_stmt(s->db, q_review_put);
		if (!p)
			break;
		bl_stmt_int(p, 1, strtoll(rows[i].cols[0], NULL, 10));
		bl_stmt_text(p, 2, rows[i].cols[1]);
		bl_stmt_text(p, 3, decision);
		bl_stmt_text(p, 4, reviewer ? reviewer : "");
		bl_stmt_text(p, 5, note ? note : "");
		bl_stmt_text(p, 6, now);
		if (bl_stmt_run(p) != 0)
			break;
		++*matched;
	}
	if ((size_t)*matched != n || bl_db_commit(s->db) != 0) {
		rc = bl_store_fail_db(s, diag, "recording the decision");
		if (s->db->in_tx)
			bl_db_rollback(s->db);
		*matched = 0;
	}
done:
	free_rows(rows, n, 2);
	return rc;
}

BL_API bl_status bl_store_review_list(bl_store *s, FILE *out, const char *path, bl_diag *diag)
{
	bl_stmt *st = bl_db_stmt(s->db, q_review_list);
	if (!st)
		return bl_store_fail_db(s, diag, "listing findings");
	char like[600];
	snprintf(like, sizeof like, "%%%s%%", path ? path : "");
	bl_stmt_text(st, 1, path ? path : "");
	bl_stmt_text(st, 2, like);
	int rc;
	while ((rc = bl_stmt_step(st)) == 1) {
		const char *dec = bl_stmt_col(st, 7);
		fprintf(out, "%s %s[%s] ", bl_stmt_col(st, 0), bl_stmt_col(st, 1), bl_stmt_col(st, 2));
		put(out, bl_stmt_col(st, 3));
		fprintf(out, ":%s:%s: ", bl_stmt_col(st, 4), bl_stmt_col(st, 5));
		put(out, bl_stmt_col(st, 6));
		if (*dec) {
			fprintf(out, "  [%s%s", dec, *bl_stmt_col(st, 8) ? " by " : "");
			put(out, bl_stmt_col(st, 8));
			fputs(*bl_stmt_col(st, 9) ? ": " : "", out);
			put(out, bl_stmt_col(st, 9));
			fputc(']', out);
		}
		fputc('\n', out);
	}
	return rc < 0 ? bl_store_fail_db(s, diag, "listing findings") : BL_OK;
}
