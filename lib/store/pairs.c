/* pairs.c - a disclosure published as two files and filed apart: found in
 * the ledger, opened and checked as one, its two documents filed again.
 *
 * `check` pairs the files it is given before it files them; `ingest` files
 * every file alone, in whichever worker takes it, so the ledger is where
 * the halves meet. A narrative and a tables file of one organisation, year
 * and kind, both current and never tried together, are candidates; their
 * content decides (bl_doc_pairs_with), as in `check`. Each try is recorded
 * in pairings, paired or not, so no pair is opened twice. */
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

#define PAIR_SCHEMA 4

/* The current documents: the newest of each organisation, year, kind and part. */
static const char q_candidates[] =
	"WITH cur AS (SELECT MAX(id) AS id FROM documents WHERE org_id IS NOT NULL AND ident <> 'template'"
	" GROUP BY org_id, year, kind, part)"
	" SELECT n.path, t.path FROM documents n JOIN cur cn ON cn.id = n.id JOIN orgs a ON a.id = n.org_id,"
	" documents t JOIN cur ct ON ct.id = t.id JOIN orgs b ON b.id = t.org_id"
	" WHERE n.part = 'whole' AND t.part = 'tables' AND a.region_id = b.region_id AND a.key = b.key"
	" AND (a.level = b.level OR a.level = 'unknown' OR b.level = 'unknown') AND n.year = t.year"
	" AND (n.kind = t.kind OR n.kind = 'unknown' OR t.kind = 'unknown')"
	" AND NOT EXISTS (SELECT 1 FROM pairings p WHERE p.narr_id = n.id AND p.tables_id = t.id)"
	" AND NOT EXISTS (SELECT 1 FROM pairings p WHERE p.paired = 1 AND (p.narr_id = n.id OR p.tables_id = "
	"t.id))"
	" ORDER BY n.id, t.id";
static const char q_by_hash[] = "SELECT id FROM documents WHERE hash = ?";
static const char q_org_by_hash[] = "SELECT COALESCE(org_id, -1) FROM documents WHERE hash = ?";
static const char q_pairing[] =
	"INSERT INTO pairings (narr_id, tables_id, paired, at) VALUES (?, ?, ?, ?)"
	" ON CONFLICT (narr_id, tables_id) DO UPDATE SET paired = excluded.paired, at = "
	"excluded.at";
static const char q_refile[] = "UPDATE documents SET org_id = ?, year = ?, kind = ?, level = ?, unit = ?,"
			       " ident = ?, ident_note = ?, nerror = ?, nwarning = ?, ninfo = ? WHERE id = ?";
static const char q_unfind[] = "DELETE FROM findings WHERE doc_id = ?";
static const char q_orphan[] =
	"DELETE FROM orgs WHERE id = ? AND NOT EXISTS (SELECT 1 FROM documents WHERE org_id = ?)";

/* The filed document of these bytes: its id (-1 when none) and organisation (-1 when none). */
static int by_hash(bl_db *db, const char *hash, int64_t *id, int64_t *org)
{
	*id = *org = -1;
	bl_stmt *st = bl_db_stmt(db, q_by_hash);
	if (!st)
		return -1;
	bl_stmt_text(st, 1, hash);
	if (bl_stmt_one(st, id) < 0 || !(st = bl_db_stmt(db, q_org_by_hash)))
		return -1;
	bl_stmt_text(st, 1, hash);
	return bl_stmt_one(st, org) < 0 ? -1 : 0;
}

static int put_pairing(bl_db *db, int64_t narr, int64_t tabs, int paired)
{
	char now[32];
	bl_store_now(now);
	bl_stmt *st = bl_db_stmt(db, q_pairing);
	if (!st)
		return -1;
	bl_stmt_int(st, 1, narr);
	bl_stmt_int(st, 2, tabs);
	bl_stmt_int(st, 3, paired);
	bl_stmt_text(st, 4, now);
	return bl_stmt_run(st);
}

int bl_store_note_pairing(bl_store *s, const bl_doc *doc, int64_t id, int paired)
{
	const bl_doc *other = bl_doc_companion(doc);
	int64_t oid, org;
	if (!other || bl_store_version(s->db) < PAIR_SCHEMA)
		return 0;
	if (by_hash(s->db, other->sha256, &oid, &org) != 0)
		return -1;
	if (oid < 0)
		return 0; /* the other half is filed next: it records the pair */
	int tables = bl_doc_holds(doc) == BL_HOLDS_TABLES;
	return put_pairing(s->db, tables ? oid : id, tables ? id : oid, paired);
}

BL_API bl_status bl_store_unpaired(bl_store *s, bl_pair_fn fn, void *ctx, bl_diag *diag)
{
	if (bl_store_version(s->db) < PAIR_SCHEMA)
		return BL_OK;
	bl_stmt *st = bl_db_stmt(s->db, q_candidates);
	if (!st)
		return bl_store_fail_db(s, diag, "looking for the halves of disclosures");
	int rc;
	while ((rc = bl_stmt_step(st)) == 1)
		fn(bl_stmt_col(st, 0), bl_stmt_col(st, 1), ctx);
	return rc < 0 ? bl_store_fail_db(s, diag, "looking for the halves of disclosures") : BL_OK;
}

/* One half as read now: its bytes, its filed document, the document opened. */
typedef struct half {
	const char *path;
	char *bytes;
	size_t n;
	int64_t id, org;
	bl_doc *doc;
} half;

/* Reads a half and finds it filed; BL_ENOENT in diag when its file now holds other bytes. */
static bl_status read_half(bl_store *s, half *h, bl_diag *diag)
{
	char hash[65];
	bl_status st = bl_file_read(h->path, &h->bytes, &h->n, diag);
	if (st)
		return st;
	bl_sha256_hex(h->bytes, h->n, hash);
	if (by_hash(s->db, hash, &h->id, &h->org) != 0)
		return bl_store_fail_db(s, diag, "looking up a half of a disclosure");
	if (h->id < 0) {
		bl_diag_set(diag, BL_ENOENT, 0, h->path,
			    "'%s' has changed since it was filed: file it again (budgetlint ingest)",
			    h->path);
		return BL_ENOENT;
	}
	return bl_doc_open_mem_with(h->path, h->bytes, h->n, &s->open, &h->doc, diag);
}

/* The filed document h as now checked with its companion: who it is, its findings. */
static int refile(bl_store *s, half *h)
{
	bl_ident id;
	int64_t org;
	int e, w, i;
	bl_store_identify(h->doc, h->path, &id);
	if (bl_store_put_org(s, &id, &org) != 0)
		return -1;
	bl_store_counts(h->doc, &e, &w, &i);
	bl_stmt *st = bl_db_stmt(s->db, q_refile);
	if (!st)
		return -1;
	if (org >= 0)
		bl_stmt_int(st, 1, org);
	else
		bl_stmt_null(st, 1);
	bl_stmt_int(st, 2, id.year);
	bl_stmt_text(st, 3, id.kind);
	bl_stmt_text(st, 4, id.level);
	bl_stmt_text(st, 5, id.name);
	bl_stmt_text(st, 6, id.status);
	bl_stmt_text(st, 7, id.note);
	bl_stmt_int(st, 8, e);
	bl_stmt_int(st, 9, w);
	bl_stmt_int(st, 10, i);
	bl_stmt_int(st, 11, h->id);
	if (bl_stmt_run(st) != 0 || !(st = bl_db_stmt(s->db, q_unfind)))
		return -1;
	bl_stmt_int(st, 1, h->id);
	if (bl_stmt_run(st) != 0 || bl_store_put_findings(s->db, h->id, h->doc) != 0)
		return -1;
	if (h->org < 0 || h->org == org)
		return 0;
	/* the organisation it was filed under alone (its level unknown, its name
	 * as its own file printed it) goes when nothing else is filed there */
	if (!(st = bl_db_stmt(s->db, q_orphan)))
		return -1;
	bl_stmt_int(st, 1, h->org);
	bl_stmt_int(st, 2, h->org);
	return bl_stmt_run(st);
}

/* One attempt at recording the try, and the two documents when paired. */
static int record(bl_store *s, half *n, half *t, int paired)
{
	if (bl_db_begin(s->db) != 0)
		return -1;
	if ((paired && (refile(s, n) != 0 || refile(s, t) != 0)) ||
	    put_pairing(s->db, n->id, t->id, paired) != 0 || bl_db_commit(s->db) != 0) {
		if (s->db->in_tx)
			bl_db_rollback(s->db);
		return -1;
	}
	return 0;
}

/* Does a person have to confirm who h is? */
static int to_confirm(const half *h)
{
	bl_ident id;
	bl_store_identify(h->doc, h->path, &id);
	return !strcmp(id.status, "review");
}

BL_API bl_status bl_store_pair(bl_store *s, const char *narrative, const char *tables, bl_pair_result *res,
			       bl_diag *diag)
{
	half n = {.path = narrative}, t = {.path = tables};
	memset(res, 0, sizeof *res);
	bl_status st = read_half(s, &n, diag);
	if (!st)
		st = read_half(s, &t, diag);
	if (st)
		goto done;
	int before = to_confirm(&n) + to_confirm(&t);
	res->paired = bl_doc_pairs_with(n.doc, t.doc) > 0 && bl_doc_pair(n.doc, t.doc) == BL_OK;
	if (res->paired) {
		bl_doc_check(
			t.doc); /* the tables first: their equations confirm the cells the narrative reads */
		bl_doc_check(n.doc);
		res->resolved = before - to_confirm(&n) - to_confirm(&t);
	}
	/* a concurrent writer can win a race for a new organisation: try again */
	for (int attempt = 0;; attempt++) {
		if (record(s, &n, &t, res->paired) == 0)
			break;
		if (attempt >= 8 || !s->db->ops->retryable(s->db)) {
			st = bl_store_fail_db(s, diag, "filing the halves of a disclosure together");
			break;
		}
	}
done:
	bl_doc_free(n.doc);
	bl_doc_free(t.doc);
	free(n.bytes);
	free(t.bytes);
	return st;
}
