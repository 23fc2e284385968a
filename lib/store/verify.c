/* verify.c - is the ledger sound: the engine's integrity check and the ledger's own invariants. */
#include <stdio.h>
#include <string.h>

#include "store/store.h"

static const char q_dup_hash[] =
	"SELECT (SELECT COUNT(*) FROM (SELECT hash FROM documents GROUP BY hash HAVING COUNT(*) > 1) x)"
	" + (SELECT COUNT(*) FROM (SELECT doc_id, fingerprint FROM findings WHERE rule LIKE 'crossdoc.%'"
	" GROUP BY doc_id, fingerprint HAVING COUNT(*) > 1) y)";
static const char q_orphans[] =
	"SELECT (SELECT COUNT(*) FROM facts f WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = "
	"f.doc_id))"
	" + (SELECT COUNT(*) FROM findings f WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = "
	"f.doc_id))"
	" + (SELECT COUNT(*) FROM cells c WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = c.doc_id))"
	" + (SELECT COUNT(*) FROM documents d WHERE nfacts <> (SELECT COUNT(*) FROM facts f WHERE f.doc_id = "
	"d.id))";
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
	if (!st || bl_stmt_one(st, &dups) != 1 || !(st = bl_db_stmt(s->db, q_orphans)) ||
	    bl_stmt_one(st, &orphans) != 1)
		return bl_store_fail_db(s, diag, "checking integrity");
	if (dups || orphans) {
		bl_diag_set(diag, BL_EFORMAT, 0, "",
			    "ledger inconsistent: %lld duplicated documents or cross-document findings, %lld "
			    "orphaned or missing rows",
			    (long long)dups, (long long)orphans);
		return BL_EFORMAT;
	}
	return BL_OK;
}
