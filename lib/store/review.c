/* review.c - the findings of filed documents: the cross-document ones after check --db, a reviewer's decisions, the list to decide on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/rows.h"

static const char q_findings[] =
	"SELECT d.path, f.page, f.line, f.col, f.severity, f.rule, f.message, COALESCE(o.path, ''), "
	"f.stated, f.expected"
	" FROM findings f JOIN documents d ON d.id = f.doc_id LEFT JOIN documents o ON o.id = f.other_doc_id"
	" JOIN files fl ON fl.doc_id = d.id WHERE fl.path = ? AND (f.rule LIKE 'crossdoc.%' OR f.rule LIKE "
	"'ledger.%')"
	" ORDER BY f.line, f.col, f.id";

BL_API bl_status bl_store_findings(bl_store *s, FILE *out, const char *const *paths, size_t n,
				   bl_severity min, int *nerrors, bl_diag *diag)
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
			int sv = !strcmp(sev, "error")     ? BL_SEV_ERROR
				 : !strcmp(sev, "warning") ? BL_SEV_WARNING
							   : BL_SEV_INFO;
			if (sv < (int)min)
				continue;
			*nerrors += sv == BL_SEV_ERROR;
			bl_text_put(out, paths[i]);
			fprintf(out, ":%s:%s: %s[%s]: ", bl_stmt_col(st, 2), bl_stmt_col(st, 3), sev,
				bl_stmt_col(st, 5));
			bl_text_put(out, bl_stmt_col(st, 6)), fputc('\n', out);
			const char *other = bl_stmt_col(st, 7);
			if (other && *other)
				fputs("    对照文件: ", out), bl_text_put(out, other), fputc('\n', out);
		}
		if (rc < 0)
			return bl_store_fail_db(s, diag, "reading findings");
	}
	return BL_OK;
}

static const char q_review_find[] =
	"SELECT DISTINCT doc_id, fingerprint FROM findings WHERE fingerprint LIKE ?";
static const char q_review_put[] = "INSERT INTO reviews (doc_id, fingerprint, decision, reviewer, note, "
				   "decided_at) VALUES (?, ?, ?, ?, ?, ?)"
				   " ON CONFLICT (doc_id, fingerprint) DO UPDATE SET decision = "
				   "excluded.decision, reviewer = excluded.reviewer,"
				   " note = excluded.note, decided_at = excluded.decided_at";
static const char q_review_list[] =
	"SELECT f.fingerprint, f.severity, f.rule, d.path, f.line, f.col, f.message, COALESCE(v.decision, "
	"''),"
	" COALESCE(v.reviewer, ''), COALESCE(v.note, '')"
	" FROM findings f JOIN documents d ON d.id = f.doc_id"
	" LEFT JOIN reviews v ON v.doc_id = f.doc_id AND v.fingerprint = f.fingerprint"
	" WHERE (? = '' OR d.path LIKE ?) AND f.severity <> 'info' ORDER BY d.path, f.line, f.col, f.id";

BL_API bl_status bl_store_review(bl_store *s, const char *fingerprint, const char *decision,
				 const char *reviewer, const char *note, int *matched, bl_diag *diag)
{
	*matched = 0;
	if (strlen(fingerprint) < 8 || strspn(fingerprint, "0123456789abcdef") != strlen(fingerprint)) {
		bl_diag_set(diag, BL_EUSAGE, 0, "",
			    "a finding is named by its fingerprint: at least 8 hex digits ('%s')",
			    fingerprint);
		return BL_EUSAGE;
	}
	if (strcmp(decision, "confirmed") && strcmp(decision, "rejected") && strcmp(decision, "fixed")) {
		bl_diag_set(diag, BL_EUSAGE, 0, "", "a decision is confirmed, rejected or fixed, not '%s'",
			    decision);
		return BL_EUSAGE;
	}
	char pat[80];
	snprintf(pat, sizeof pat, "%s%%", fingerprint);
	bl_stmt *st = bl_db_stmt(s->db, q_review_find);
	if (!st)
		return bl_store_fail_db(s, diag, "finding the finding");
	bl_stmt_text(st, 1, pat);
	bl_rowset rows;
	if (bl_rowset_fetch(st, 2, &rows) < 0) {
		bl_rowset_free(&rows);
		return bl_store_fail_db(s, diag, "finding the finding");
	}
	size_t n = rows.n;
	bl_status rc = BL_OK;
	size_t fps = 0; /* a prefix must name one finding, though it may sit in several versions' rows */
	for (size_t i = 0; i < n; i++)
		fps += i == 0 || strcmp(bl_rowset_row(&rows, i)[1], bl_rowset_row(&rows, 0)[1]) != 0;
	if (n == 0 || fps > 1) {
		bl_diag_set(diag, BL_EUSAGE, 0, "",
			    n ? "fingerprint '%s' is ambiguous: give more digits"
			      : "no finding has fingerprint '%s'",
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
		bl_stmt_int(p, 1, strtoll(bl_rowset_row(&rows, i)[0], NULL, 10));
		bl_stmt_text(p, 2, bl_rowset_row(&rows, i)[1]);
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
	bl_rowset_free(&rows);
	return rc;
}

BL_API bl_status bl_store_review_list(bl_store *s, FILE *out, const char *path, bl_diag *diag)
{
	bl_stmt *st = bl_db_stmt(s->db, q_review_list);
	if (!st)
		return bl_store_fail_db(s, diag, "listing findings");
	bl_stmt_contains(st, 1, path);
	int rc;
	while ((rc = bl_stmt_step(st)) == 1) {
		const char *dec = bl_stmt_col(st, 7);
		fprintf(out, "%s %s[%s] ", bl_stmt_col(st, 0), bl_stmt_col(st, 1), bl_stmt_col(st, 2));
		bl_text_put(out, bl_stmt_col(st, 3));
		fprintf(out, ":%s:%s: ", bl_stmt_col(st, 4), bl_stmt_col(st, 5));
		bl_text_put(out, bl_stmt_col(st, 6));
		if (*dec) {
			fprintf(out, "  [%s%s", dec, *bl_stmt_col(st, 8) ? " by " : "");
			bl_text_put(out, bl_stmt_col(st, 8));
			fputs(*bl_stmt_col(st, 9) ? ": " : "", out);
			bl_text_put(out, bl_stmt_col(st, 9));
			fputc(']', out);
		}
		fputc('\n', out);
	}
	return rc < 0 ? bl_store_fail_db(s, diag, "listing findings") : BL_OK;
}
