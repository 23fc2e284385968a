/* schema.c - the ledger's versioned schema: migrations applied in order, once, under a lock. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "store/store.h"

typedef struct migration {
	int version;
	const char *what;
	const char *sql;
} migration;

/* An organisation keyed with party prefix P (N its length in characters plus
 * one): its documents go to the organisation keyed without it, if there is
 * one, and it takes that key itself if not; the same for what is expected. */
#define REKEY(P, N)                                                                                          \
	"UPDATE documents SET org_id = (SELECT t.id FROM orgs p JOIN orgs t ON t.region_id = p.region_id"    \
	" AND t.level = p.level AND t.key = substr(p.key, " N ") WHERE p.id = documents.org_id)"             \
	" WHERE org_id IN (SELECT p.id FROM orgs p JOIN orgs t ON t.region_id = p.region_id"                 \
	" AND t.level = p.level AND t.key = substr(p.key, " N ") WHERE p.key LIKE '" P "%');"                \
	"DELETE FROM orgs WHERE key LIKE '" P "%' AND EXISTS (SELECT 1 FROM orgs t WHERE t.region_id ="      \
	" orgs.region_id AND t.level = orgs.level AND t.key = substr(orgs.key, " N "));"                     \
	"UPDATE orgs SET key = substr(key, " N ") WHERE key LIKE '" P "%';"                                  \
	"DELETE FROM expected WHERE org_key LIKE '" P "%' AND EXISTS (SELECT 1 FROM expected t WHERE"        \
	" t.region = expected.region AND t.level = expected.level AND t.year = expected.year"                \
	" AND t.kind = expected.kind AND t.org_key = substr(expected.org_key, " N "));"                      \
	"UPDATE expected SET org_key = substr(org_key, " N ") WHERE org_key LIKE '" P "%';"

/* Append only: a released migration is never edited, a change is a new one. */
static const migration migrations[] = {
	{1, "regions, organisations, documents, files, failures, pages, facts, table cells, findings",
	 "CREATE TABLE regions (id @ID@, name TEXT NOT NULL UNIQUE);"
	 /* key is the name without its region: 部门 and 单位 of one name are two rows */
	 "CREATE TABLE orgs (id @ID@, region_id BIGINT NOT NULL REFERENCES regions(id), key TEXT NOT NULL,"
	 " name TEXT NOT NULL, level TEXT NOT NULL, UNIQUE (region_id, key, level));"
	 "CREATE TABLE documents (id @ID@, hash TEXT NOT NULL UNIQUE, org_id BIGINT REFERENCES orgs(id),"
	 " year INTEGER NOT NULL, kind TEXT NOT NULL, level TEXT NOT NULL, source TEXT NOT NULL, path TEXT "
	 "NOT NULL,"
	 " size BIGINT NOT NULL, unit TEXT NOT NULL, pages INTEGER NOT NULL, lines INTEGER NOT NULL,"
	 " docno TEXT NOT NULL, pub_date TEXT NOT NULL, date_text TEXT NOT NULL,"
	 " ident TEXT NOT NULL, ident_note TEXT NOT NULL, ruleset TEXT NOT NULL,"
	 " nfacts INTEGER NOT NULL, ncells INTEGER NOT NULL, nerror INTEGER NOT NULL, nwarning INTEGER NOT "
	 "NULL,"
	 " ninfo INTEGER NOT NULL, ingested_at TEXT NOT NULL);"
	 "CREATE INDEX documents_org ON documents (org_id, year, kind);"
	 "CREATE TABLE files (path TEXT PRIMARY KEY, doc_id BIGINT NOT NULL REFERENCES documents(id),"
	 " size BIGINT NOT NULL, seen_at TEXT NOT NULL);"
	 "CREATE INDEX files_doc ON files (doc_id);"
	 "CREATE TABLE failures (path TEXT PRIMARY KEY, reason TEXT NOT NULL, at TEXT NOT NULL);"
	 "CREATE TABLE pages (doc_id BIGINT NOT NULL REFERENCES documents(id), page INTEGER NOT NULL,"
	 " first_line INTEGER NOT NULL, nlines INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY (doc_id, "
	 "page));"
	 /* value: the exact decimal as printed; prec: its decimals (rounding bounds) */
	 "CREATE TABLE facts (doc_id BIGINT NOT NULL REFERENCES documents(id), seq INTEGER NOT NULL,"
	 " key TEXT NOT NULL, measure TEXT NOT NULL, basis TEXT NOT NULL, period INTEGER NOT NULL,"
	 " value TEXT NOT NULL, unit TEXT NOT NULL, page INTEGER NOT NULL, line INTEGER NOT NULL, col "
	 "INTEGER NOT NULL,"
	 " text TEXT NOT NULL, prec INTEGER NOT NULL, anchor INTEGER NOT NULL, reason INTEGER NOT NULL,"
	 " PRIMARY KEY (doc_id, seq));"
	 "CREATE INDEX facts_key ON facts (key, measure);"
	 "CREATE TABLE cells (doc_id BIGINT NOT NULL REFERENCES documents(id), tbl INTEGER NOT NULL,"
	 " row_no INTEGER NOT NULL, col_no INTEGER NOT NULL, table_kind TEXT NOT NULL, table_unit INTEGER "
	 "NOT NULL,"
	 " code TEXT NOT NULL, label TEXT NOT NULL, role TEXT NOT NULL, col_key TEXT NOT NULL, col_name TEXT "
	 "NOT NULL,"
	 " col_basis TEXT NOT NULL, state TEXT NOT NULL, value TEXT, text TEXT NOT NULL, page INTEGER NOT "
	 "NULL,"
	 " line INTEGER NOT NULL, PRIMARY KEY (doc_id, tbl, row_no, col_no));"
	 /* other_doc_id: the second document of a cross-document finding */
	 "CREATE TABLE findings (id @ID@, doc_id BIGINT NOT NULL REFERENCES documents(id),"
	 " other_doc_id BIGINT REFERENCES documents(id), rule TEXT NOT NULL, severity TEXT NOT NULL,"
	 " message TEXT NOT NULL, suggestion TEXT NOT NULL, page INTEGER NOT NULL, line INTEGER NOT NULL,"
	 " col INTEGER NOT NULL, stated TEXT, expected TEXT, evidence TEXT NOT NULL, fingerprint TEXT NOT "
	 "NULL);"
	 "CREATE INDEX findings_doc ON findings (doc_id);"
	 "CREATE INDEX findings_rule ON findings (rule);"},
	{2, "review decisions; expected materials (what should be published, and by when)",
	 "CREATE TABLE reviews (id @ID@, doc_id BIGINT NOT NULL REFERENCES documents(id),"
	 " fingerprint TEXT NOT NULL, decision TEXT NOT NULL, reviewer TEXT NOT NULL, note TEXT NOT NULL,"
	 " decided_at TEXT NOT NULL, UNIQUE (doc_id, fingerprint));"
	 "CREATE TABLE expected (id @ID@, region TEXT NOT NULL, org TEXT NOT NULL, org_key TEXT NOT NULL,"
	 " level TEXT NOT NULL, year INTEGER NOT NULL, kind TEXT NOT NULL, approval_date TEXT NOT NULL,"
	 " due_date TEXT NOT NULL, url TEXT NOT NULL, UNIQUE (region, org_key, level, year, kind));"},
	{3, "the half of a disclosure published in two files: narrative, tables, or whole",
	 "ALTER TABLE documents ADD COLUMN part TEXT NOT NULL DEFAULT 'whole';"},
	{4,
	 "an organisation's key without the party prefix (中共); the halves of a disclosure checked together",
	 REKEY("中国共产党", "6") REKEY("中共", "3")
	 /* a narrative and a tables file filed apart, tried as one disclosure:
	  * paired 1 when their content agreed and each was checked with the
	  * other, 0 when it did not (not tried again) */
	 "CREATE TABLE pairings (narr_id BIGINT NOT NULL REFERENCES documents(id),"
	 " tables_id BIGINT NOT NULL REFERENCES documents(id), paired INTEGER NOT NULL, at TEXT NOT NULL,"
	 " PRIMARY KEY (narr_id, tables_id));"},
};

#define NMIGRATIONS (sizeof migrations / sizeof migrations[0])

void bl_store_now(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static const char q_version[] = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
static const char q_applied[] =
	"INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)";

int bl_store_version(bl_db *db)
{
	int64_t v = -1;
	bl_stmt *st = bl_db_stmt(db, q_version);
	if (!st || bl_stmt_one(st, &v) != 1)
		return -1;
	return (int)v;
}

static const char q_has_schema[] =
	"SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
	" AND table_schema = current_schema()";
static const char q_has_schema_lite[] =
	"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";

bl_status bl_store_schema_check(bl_db *db, const char *target, bl_diag *diag)
{
	/* read-only: nothing may be created or migrated, so the schema must be this one */
	int pg = !strcmp(db->ops->name, "postgres");
	const char *shown = pg ? "" : target;
	int64_t has = 0;
	bl_stmt *st = bl_db_stmt(db, pg ? q_has_schema : q_has_schema_lite);
	if (!st || bl_stmt_one(st, &has) < 0) {
		bl_diag_set(diag, bl_db_status(db->cond), db->cond, shown,
			    "cannot read the database%s%s%s: %s", *shown ? " '" : "", shown,
			    *shown ? "'" : "", db->err);
		return bl_db_status(db->cond);
	}
	int have = has ? bl_store_version(db) : 0;
	if (have < 0) {
		bl_diag_set(diag, bl_db_status(db->cond), db->cond, shown,
			    "cannot read the database's schema version: %s", db->err);
		return bl_db_status(db->cond);
	}
	if (have == 0) {
		bl_diag_set(diag, BL_ENOENT, ENOENT, shown,
			    "no ledger in the database%s%s%s: nothing is filed there yet", *shown ? " '" : "",
			    shown, *shown ? "'" : "");
		return BL_ENOENT;
	}
	if (have > (int)NMIGRATIONS) {
		bl_diag_set(diag, BL_EFORMAT, 0, shown,
			    "the database is at schema version %d, newer than this budgetlint knows (%d): "
			    "upgrade budgetlint",
			    have, (int)NMIGRATIONS);
		return BL_EFORMAT;
	}
	if (have < (int)NMIGRATIONS) {
		bl_diag_set(diag, BL_EFORMAT, 0, shown,
			    "the database is at schema version %d, older than this budgetlint's %d, and is "
			    "opened for reading only:"
			    " opening it once for writing (budgetlint ingest) upgrades it",
			    have, (int)NMIGRATIONS);
		return BL_EFORMAT;
	}
	return BL_OK;
}

bl_status bl_store_migrate(bl_db *db, int max, bl_diag *diag)
{
	if (max > (int)NMIGRATIONS || max < 1)
		max = (int)NMIGRATIONS;
	/* one process migrates, the others wait and then find nothing to do */
	if (bl_db_begin(db) != 0)
		goto fail;
	if (!strcmp(db->ops->name, "postgres") &&
	    bl_db_exec(db, "SELECT pg_advisory_xact_lock(7340291)") != 0)
		goto fail;
	if (bl_db_exec(db, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
			   " description TEXT NOT NULL, applied_at TEXT NOT NULL)") != 0)
		goto fail;
	int have = bl_store_version(db);
	if (have < 0)
		goto fail;
	if (have > (int)NMIGRATIONS) {
		bl_db_rollback(db);
		bl_diag_set(diag, BL_EFORMAT, 0, "",
			    "the database is at schema version %d, newer than this budgetlint knows (%d): "
			    "upgrade budgetlint",
			    have, (int)NMIGRATIONS);
		return BL_EFORMAT;
	}
	char now[32];
	bl_store_now(now);
	for (int v = have + 1; v <= max; v++) {
		const migration *m = &migrations[v - 1];
		if (bl_db_exec(db, m->sql) != 0)
			goto fail;
		bl_stmt *st = bl_db_stmt(db, q_applied);
		if (!st)
			goto fail;
		bl_stmt_int(st, 1, m->version);
		bl_stmt_text(st, 2, m->what);
		bl_stmt_text(st, 3, now);
		if (bl_stmt_run(st) != 0)
			goto fail;
	}
	if (bl_db_commit(db) != 0)
		goto fail;
	return BL_OK;
fail:
	if (db->in_tx)
		bl_db_rollback(db);
	bl_diag_set(diag, bl_db_status(db->cond), db->cond, "", "cannot set up the database schema: %s",
		    db->err);
	return bl_db_status(db->cond);
}
