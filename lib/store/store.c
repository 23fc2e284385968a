/* store.c - opening the ledger and filing one document whole, in one transaction. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

/* The name of the database in messages: a SQLite file as named, a server
 * URL not at all (it may hold a password). */
static const char *shown(const char *target)
{
	return !strncmp(target, "postgres://", 11) || !strncmp(target, "postgresql://", 13) ? "" : target;
}

/* A database that may not be written, said once and plainly. */
static bl_status readonly_diag(const char *target, bl_diag *diag)
{
	const char *t = shown(target);
	bl_diag_set(
		diag, BL_EDB, EROFS, t,
		"the database%s%s%s is read-only (its file or directory may not be written): nothing can be"
		" filed or recorded in it (ledger, compare, export and review --list still read it)",
		*t ? " '" : "", t, *t ? "'" : "");
	return BL_EDB;
}

static bl_status open_store(const char *target, int max, int readonly, bl_store **out, bl_diag *diag)
{
	*out = NULL;
	if (!target || !*target) {
		bl_diag_set(diag, BL_EUSAGE, 0, "", "no database named");
		return BL_EUSAGE;
	}
	bl_db *db = bl_db_open(target, readonly, diag);
	if (!db) {
		if (!readonly && diag->err == EROFS)
			return readonly_diag(target, diag);
		return diag->status ? diag->status : BL_EIO;
	}
	bl_status st = readonly ? bl_store_schema_check(db, target, diag) : bl_store_migrate(db, max, diag);
	if (st) {
		if (!readonly && diag->err == EROFS)
			st = readonly_diag(target, diag);
		bl_db_close(db);
		return st;
	}
	bl_store *s = bl_xcalloc(1, sizeof *s);
	s->db = db;
	static const bl_open_options defaults = BL_OPEN_OPTIONS_INIT;
	s->open = defaults;
	*out = s;
	return BL_OK;
}

BL_API bl_status bl_store_open_at(const char *target, int max, bl_store **out, bl_diag *diag)
{
	return open_store(target, max, 0, out, diag);
}

BL_API bl_status bl_store_open_readonly(const char *target, bl_store **out, bl_diag *diag)
{
	return open_store(target, BL_STORE_SCHEMA, 1, out, diag);
}

BL_API bl_status bl_store_reconnect(bl_store *s, bl_diag *diag)
{
	if (bl_db_reconnect(s->db) != 0) {
		int cond = bl_db_condition(s->db);
		bl_diag_set(diag, bl_db_status(cond), cond, "", "cannot reconnect to the database: %s",
			    s->db->err);
		return bl_db_status(cond);
	}
	return BL_OK;
}

BL_API bl_status bl_store_open(const char *target, bl_store **out, bl_diag *diag)
{
	return bl_store_open_at(target, BL_STORE_SCHEMA, out, diag);
}

BL_API void bl_store_set_open_options(bl_store *s, const bl_open_options *opts)
{
	static const bl_open_options defaults = BL_OPEN_OPTIONS_INIT;
	s->open = opts ? *opts : defaults;
}

BL_API void bl_store_close(bl_store *s)
{
	if (!s)
		return;
	bl_db_close(s->db);
	free(s);
}

BL_API const char *bl_store_backend(const bl_store *s)
{
	return s->db->ops->name;
}

BL_API int bl_store_schema(bl_store *s)
{
	return bl_store_version(s->db);
}

bl_status bl_store_fail_db(bl_store *s, bl_diag *diag, const char *what)
{
	int cond = bl_db_condition(s->db);
	bl_diag_set(diag, bl_db_status(cond), cond, "", "database error while %s: %s", what, s->db->err);
	return bl_db_status(cond);
}

/* The same for one file: the message names it, and diag->path holds it. */
static bl_status fail_file(bl_store *s, bl_diag *diag, const char *path, const char *what)
{
	int cond = bl_db_condition(s->db);
	bl_diag_set(diag, bl_db_status(cond), cond, path, "cannot file '%s': database error while %s: %s",
		    path, what, s->db->err);
	return bl_db_status(cond);
}

void bl_json_str(bl_buf *b, const char *s)
{
	/* valid JSON whatever s holds: a file name need not be UTF-8, so an
	 * invalid byte becomes U+FFFD; controls and DEL are escaped */
	s = s ? s : "";
	size_t n = strlen(s);
	bl_buf_putc(b, '"');
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		int len = 1;
		if (c == '"' || c == '\\')
			bl_buf_printf(b, "\\%c", c);
		else if (c == '\n')
			bl_buf_put(b, "\\n", 2);
		else if (c < 0x20 || c == 0x7f)
			bl_buf_printf(b, "\\u%04x", c);
		else if (c < 0x80)
			bl_buf_putc(b, (char)c);
		else if (bl_utf8_decode(s + i, n - i, &len) == 0xFFFD && len == 1)
			bl_buf_put(b, "\xEF\xBF\xBD", 3);
		else
			bl_buf_put(b, s + i, (size_t)len);
		i += (size_t)len;
	}
	bl_buf_putc(b, '"');
}

const char *bl_kind_zh(const char *kind, const char *other)
{
	return !strcmp(kind, "budget") ? "预算" : !strcmp(kind, "final") ? "决算" : other;
}

const char *bl_level_zh(const char *level, const char *other)
{
	return !strcmp(level, "dept") ? "部门" : !strcmp(level, "unit") ? "单位" : other;
}

static const char q_regions_like[] = "SELECT name FROM regions WHERE name LIKE ? ORDER BY name LIMIT 2";

void bl_store_region_complete(bl_store *s, const char *region, char *out, size_t cap)
{
	snprintf(out, cap, "%s", region);
	if (!*region)
		return;
	bl_stmt *st = bl_db_stmt(s->db, q_regions_like);
	if (!st)
		return;
	char pat[128];
	snprintf(pat, sizeof pat, "%%%s", region);
	bl_stmt_text(st, 1, pat);
	char first[128] = "";
	int n = 0, rc;
	while ((rc = bl_stmt_step(st)) == 1)
		if (n++ == 0)
			snprintf(first, sizeof first, "%s", bl_stmt_col(st, 0));
	if (n == 1)
		snprintf(out, cap, "%s", first);
}

/* ---- filing ---- */

static const char q_doc_by_hash[] = "SELECT id FROM documents WHERE hash = ?";
static const char q_region[] = "INSERT INTO regions (name) VALUES (?) ON CONFLICT (name) DO UPDATE SET name "
			       "= excluded.name RETURNING id";
static const char q_org[] = "INSERT INTO orgs (region_id, key, name, level) VALUES (?, ?, ?, ?) "
			    "ON CONFLICT (region_id, key, level) DO UPDATE SET name = orgs.name RETURNING id";
/* The document row; its last column, part, came with schema 3 (a store
 * opened at an older version, as the migration tests do, writes without it). */
#define Q_DOC_COLS                                                                                           \
	"INSERT INTO documents (hash, org_id, year, kind, level, source, path, size, unit, pages, lines, "   \
	"docno, pub_date,"                                                                                   \
	" date_text, ident, ident_note, ruleset, nfacts, ncells, nerror, nwarning, ninfo, ingested_at"
#define Q_DOC_VALUES " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
#define Q_DOC_END ") ON CONFLICT (hash) DO NOTHING RETURNING id"
static const char q_doc[] = Q_DOC_COLS ", part)" Q_DOC_VALUES ", ?" Q_DOC_END;
static const char q_doc_v2[] = Q_DOC_COLS ")" Q_DOC_VALUES Q_DOC_END;
#define PART_SCHEMA 3

/* Whether a document is the tables half of a disclosure in two files
 * (documents.part "tables") or not ("whole"): the ledger keeps a current
 * version of each, so filing the tables never hides the narrative of the
 * same unit, year and kind. */
static const char *store_part(const bl_doc *doc)
{
	/* a narrative alone is the disclosure's current text as a whole file is: a
	 * later whole file replaces it, and it replaces an earlier whole one */
	return bl_doc_holds(doc) == BL_HOLDS_TABLES ? "tables" : "whole";
}

static const char q_page[] =
	"INSERT INTO pages (doc_id, page, first_line, nlines, text) VALUES (?, ?, ?, ?, ?)";
static const char q_fact[] =
	"INSERT INTO facts (doc_id, seq, key, measure, basis, period, value, unit, page, line, col, text,"
	" prec, anchor, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char q_cell[] =
	"INSERT INTO cells (doc_id, tbl, row_no, col_no, table_kind, table_unit, code, label, role, col_key, "
	"col_name, col_basis,"
	" state, value, text, page, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char q_finding[] = "INSERT INTO findings (doc_id, other_doc_id, rule, severity, message, "
				"suggestion, page, line, col, stated, expected,"
				" evidence, fingerprint) VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char q_file[] = "INSERT INTO files (path, doc_id, size, seen_at) VALUES (?, ?, ?, ?) "
			     "ON CONFLICT (path) DO UPDATE SET doc_id = excluded.doc_id, size = "
			     "excluded.size, seen_at = excluded.seen_at";
static const char q_unfail[] = "DELETE FROM failures WHERE path = ?";
static const char q_fail[] = "INSERT INTO failures (path, reason, at) VALUES (?, ?, ?) "
			     "ON CONFLICT (path) DO UPDATE SET reason = excluded.reason, at = excluded.at";

/* Does the paragraph holding flow index i give a reason (主要原因, 主要是, 由于)? */
static int para_has_reason(const bl_doc *doc, int para)
{
	if (para < 0 || (size_t)para >= doc->npara)
		return 0;
	size_t a = (size_t)doc->para_start[para], b = a;
	while (b < doc->flow.n && doc->flow.cp[b] != '\n')
		b++;
	static const char *const words[] = {"原因", "主要是", "由于", "主要用于"};
	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
		if (bl_flow_find(&doc->flow, a, b, words[k]) != (size_t)-1)
			return 1;
	return 0;
}

static char *strn(bl_str s)
{
	return bl_xstrndup(s.p ? s.p : "", s.p ? s.n : 0);
}

static int put_text(bl_stmt *st, int i, bl_str s)
{
	char *t = strn(s);
	bl_stmt_text(st, i, t);
	free(t);
	return 0;
}

static int put_pages(bl_db *db, int64_t id, const bl_doc *doc)
{
	size_t i = 0;
	bl_buf b = BL_BUF_INIT((size_t)64 << 20);
	int rc = 0;
	while (i < doc->nlines && !rc) {
		int page = doc->lines[i].page;
		size_t first = i;
		b.n = 0;
		for (; i < doc->nlines && doc->lines[i].page == page; i++) {
			if (i > first)
				bl_buf_putc(&b, '\n');
			bl_buf_put(&b, doc->bytes + doc->lines[i].off, doc->lines[i].len);
		}
		bl_buf_putc(&b, 0);
		bl_stmt *st = bl_db_stmt(db, q_page);
		if (!st)
			rc = -1;
		else {
			bl_stmt_int(st, 1, id);
			bl_stmt_int(st, 2, page);
			bl_stmt_int(st, 3, (int64_t)first + 1);
			bl_stmt_int(st, 4, (int64_t)(i - first));
			bl_stmt_text(st, 5, b.p ? b.p : "");
			rc = bl_stmt_run(st);
		}
	}
	bl_buf_release(&b);
	return rc;
}

static int put_facts(bl_db *db, int64_t id, const bl_doc *doc)
{
	for (size_t i = 0; i < doc->nfacts; i++) {
		const bl_fact *f = &doc->facts[i];
		bl_stmt *st = bl_db_stmt(db, q_fact);
		if (!st)
			return -1;
		char v[48];
		const char *basis = bl_basis_name(f->basis);
		bl_stmt_int(st, 1, id);
		bl_stmt_int(st, 2, (int64_t)i);
		bl_stmt_text(st, 3, f->key);
		bl_stmt_text(st, 4, bl_measure_name(f->measure));
		bl_stmt_text(st, 5, basis ? basis : "");
		bl_stmt_int(st, 6, f->period);
		bl_stmt_text(st, 7, bl_dec_format(f->value, v));
		bl_stmt_text(st, 8, f->unit ? f->unit : "");
		bl_stmt_int(st, 9, f->pos.page);
		bl_stmt_int(st, 10, f->pos.line);
		bl_stmt_int(st, 11, f->pos.col);
		put_text(st, 12, f->text);
		bl_stmt_int(st, 13, f->eff_prec);
		bl_stmt_int(st, 14, f->anchor);
		bl_stmt_int(st, 15, para_has_reason(doc, f->paragraph));
		if (bl_stmt_run(st) != 0)
			return -1;
	}
	return 0;
}

static int put_cells(bl_db *db, int64_t id, const bl_doc *doc, int *ncells)
{
	*ncells = 0;
	for (size_t t = 0; t < doc->ntables; t++) {
		const bl_table *tb = &doc->tables[t];
		for (size_t r = 0; r < tb->nrows; r++) {
			const bl_trow *row = &tb->rows[r];
			for (int c = 0; c < tb->ncols; c++) {
				const bl_cell *cell = &row->cells[c];
				const bl_tcol *col = &tb->cols[c];
				if (cell->state == BL_CELL_BLANK || !col->figures)
					continue;
				bl_stmt *st = bl_db_stmt(db, q_cell);
				if (!st)
					return -1;
				char v[48];
				bl_stmt_int(st, 1, id);
				bl_stmt_int(st, 2, (int64_t)t);
				bl_stmt_int(st, 3, (int64_t)r);
				bl_stmt_int(st, 4, c);
				bl_stmt_text(st, 5, bl_table_kind_name(tb->kind));
				bl_stmt_int(st, 6, tb->unit);
				bl_stmt_text(st, 7, row->code);
				bl_stmt_text(st, 8, row->label);
				bl_stmt_text(st, 9, bl_row_role_name(row->role));
				bl_stmt_text(st, 10, col->key);
				bl_stmt_text(st, 11, col->name);
				bl_stmt_text(st, 12, col->basis);
				bl_stmt_text(st, 13, cell->state == BL_CELL_NUMBER ? "number" : "text");
				bl_stmt_text(st, 14,
					     cell->state == BL_CELL_NUMBER ? bl_dec_format(cell->value, v)
									   : NULL);
				bl_stmt_text(st, 15, cell->text ? cell->text : "");
				bl_stmt_int(st, 16, cell->pos.page);
				bl_stmt_int(st, 17, cell->pos.line);
				if (bl_stmt_run(st) != 0)
					return -1;
				++*ncells;
			}
		}
	}
	return 0;
}

/* Identifies a finding across re-checks with the same rules: review
 * decisions are attached to it. */
static void fingerprint(const char *rule, bl_pos pos, const char *stated, const char *expected,
			const char *msg, char out[65])
{
	bl_buf b = BL_BUF_INIT((size_t)1 << 20);
	bl_buf_printf(&b, "%s|%d:%d:%d|%s|%s|%s", rule, pos.page, pos.line, pos.col, stated ? stated : "",
		      expected ? expected : "", msg ? msg : "");
	char hex[65];
	bl_sha256_hex(b.p, b.n, hex);
	bl_buf_release(&b);
	snprintf(out, 65, "%.16s", hex);
}

int bl_store_put_findings(bl_db *db, int64_t id, const bl_doc *doc)
{
	for (size_t i = 0; i < doc->nfindings; i++) {
		const bl_finding *f = &doc->findings[i];
		bl_stmt *st = bl_db_stmt(db, q_finding);
		if (!st)
			return -1;
		char sv[48], ev[48], fp[65];
		const char *stated = f->has_stated ? bl_dec_format(f->stated, sv) : NULL;
		const char *expected = f->has_expected ? bl_dec_format(f->expected, ev) : NULL;
		bl_buf e = BL_BUF_INIT((size_t)1 << 22);
		bl_buf_putc(&e, '[');
		for (int k = 0; k < f->nevidence; k++) {
			char *t = strn(f->evidence[k].text);
			bl_buf_printf(&e, "%s{", k ? "," : "");
			if (f->evidence[k].path) {
				bl_buf_printf(&e, "\"path\":");
				bl_json_str(&e, f->evidence[k].path);
				bl_buf_putc(&e, ',');
			}
			bl_buf_printf(&e,
				      "\"page\":%d,\"line\":%d,\"col\":%d,\"text\":", f->evidence[k].pos.page,
				      f->evidence[k].pos.line, f->evidence[k].pos.col);
			bl_json_str(&e, t);
			bl_buf_putc(&e, '}');
			free(t);
		}
		bl_buf_put(&e, "]", 2);
		fingerprint(f->rule, f->pos, stated, expected, f->message, fp);
		bl_stmt_int(st, 1, id);
		bl_stmt_text(st, 2, f->rule);
		bl_stmt_text(st, 3, bl_severity_name(f->severity));
		bl_stmt_text(st, 4, f->message ? f->message : "");
		bl_stmt_text(st, 5, f->suggestion ? f->suggestion : "");
		bl_stmt_int(st, 6, f->pos.page);
		bl_stmt_int(st, 7, f->pos.line);
		bl_stmt_int(st, 8, f->pos.col);
		bl_stmt_text(st, 9, stated);
		bl_stmt_text(st, 10, expected);
		bl_stmt_text(st, 11, e.p);
		bl_stmt_text(st, 12, fp);
		bl_buf_release(&e);
		if (bl_stmt_run(st) != 0)
			return -1;
	}
	return 0;
}

static int note_file(bl_db *db, const char *path, int64_t id, int64_t size, const char *now)
{
	bl_stmt *st = bl_db_stmt(db, q_file);
	if (!st)
		return -1;
	bl_stmt_text(st, 1, path);
	bl_stmt_int(st, 2, id);
	bl_stmt_int(st, 3, size);
	bl_stmt_text(st, 4, now);
	if (bl_stmt_run(st) != 0 || !(st = bl_db_stmt(db, q_unfail)))
		return -1;
	bl_stmt_text(st, 1, path);
	return bl_stmt_run(st);
}

static int64_t upsert_id(bl_stmt *st)
{
	int64_t id = -1;
	return st && bl_stmt_one(st, &id) == 1 ? id : -1;
}

/* The organisation a document is filed under, made if new: *org its id, or
 * -1 for a template or a name without region. 0 done, -1 failed. */
int bl_store_put_org(bl_store *s, bl_ident *id, int64_t *org)
{
	*org = -1;
	if (!strcmp(id->status, "template") || !id->key[0])
		return 0;
	char region[sizeof id->region];
	bl_store_region_complete(s, id->region, region, sizeof region);
	memcpy(id->region, region, sizeof region);
	bl_stmt *st = bl_db_stmt(s->db, q_region);
	if (!st)
		return -1;
	bl_stmt_text(st, 1, region);
	int64_t rid = upsert_id(st);
	if (rid < 0 || !(st = bl_db_stmt(s->db, q_org)))
		return -1;
	bl_stmt_int(st, 1, rid);
	bl_stmt_text(st, 2, id->key);
	bl_stmt_text(st, 3, id->name);
	bl_stmt_text(st, 4, id->level);
	return (*org = upsert_id(st)) < 0 ? -1 : 0;
}

void bl_store_counts(const bl_doc *doc, int *nerr, int *nwarn, int *ninfo)
{
	*nerr = *nwarn = *ninfo = 0;
	for (size_t i = 0; i < doc->nfindings; i++) {
		bl_severity sv = doc->findings[i].severity;
		*nerr += sv == BL_SEV_ERROR, *nwarn += sv == BL_SEV_WARNING, *ninfo += sv == BL_SEV_INFO;
	}
}

/* One attempt at filing doc; 0 done, -1 failed (the transaction rolled back). */
static int file_doc(bl_store *s, const bl_doc *doc, const char *path, const char *hash, int64_t size,
		    bl_ingest_result *res)
{
	bl_db *db = s->db;
	bl_ident *id = &res->ident;
	const bl_profile *pr = &doc->profile;
	char now[32];
	bl_store_now(now);
	if (bl_db_begin(db) != 0)
		return -1;
	int64_t org = -1;
	if (bl_store_put_org(s, id, &org) != 0)
		goto fail;
	int nerr, nwarn, ninfo;
	bl_store_counts(doc, &nerr, &nwarn, &ninfo);
	int ncells = 0;
	for (size_t t = 0; t < doc->ntables; t++)
		for (size_t r = 0; r < doc->tables[t].nrows; r++)
			for (int c = 0; c < doc->tables[t].ncols; c++)
				ncells += doc->tables[t].rows[r].cells[c].state != BL_CELL_BLANK &&
					  doc->tables[t].cols[c].figures;
	int with_part = bl_store_version(db) >= PART_SCHEMA;
	bl_stmt *st = bl_db_stmt(db, with_part ? q_doc : q_doc_v2);
	if (!st)
		goto fail;
	bl_stmt_text(st, 1, hash);
	if (org >= 0)
		bl_stmt_int(st, 2, org);
	else
		bl_stmt_null(st, 2);
	bl_stmt_int(st, 3, id->year);
	bl_stmt_text(st, 4, id->kind);
	bl_stmt_text(st, 5, id->level);
	bl_stmt_text(st, 6, bl_source_name(doc->source));
	bl_stmt_text(st, 7, path);
	bl_stmt_int(st, 8, size);
	bl_stmt_text(st, 9, id->name);
	bl_stmt_int(st, 10, doc->npages);
	bl_stmt_int(st, 11, (int64_t)doc->nlines);
	bl_stmt_text(st, 12, pr->docno);
	bl_stmt_text(st, 13, id->date);
	bl_stmt_text(st, 14, pr->date);
	bl_stmt_text(st, 15, id->status);
	bl_stmt_text(st, 16, id->note);
	bl_stmt_text(st, 17, bl_ruleset());
	bl_stmt_int(st, 18, (int64_t)doc->nfacts);
	bl_stmt_int(st, 19, ncells);
	bl_stmt_int(st, 20, nerr);
	bl_stmt_int(st, 21, nwarn);
	bl_stmt_int(st, 22, ninfo);
	bl_stmt_text(st, 23, now);
	if (with_part)
		bl_stmt_text(st, 24, store_part(doc));
	int64_t did = -1;
	int rc = bl_stmt_one(st, &did);
	if (rc < 0)
		goto fail;
	if (rc == 0) { /* another process filed the same bytes first */
		if (!(st = bl_db_stmt(db, q_doc_by_hash)))
			goto fail;
		bl_stmt_text(st, 1, hash);
		if (bl_stmt_one(st, &did) != 1)
			goto fail;
		res->existed = 1;
	} else if (put_pages(db, did, doc) || put_facts(db, did, doc) || put_cells(db, did, doc, &ncells) ||
		   bl_store_put_findings(db, did, doc)) {
		goto fail;
	}
	if (note_file(db, path, did, size, now) != 0 || bl_store_note_pairing(s, doc, did, 1) != 0 ||
	    bl_db_commit(db) != 0)
		goto fail;
	res->doc_id = did;
	res->nerror = nerr, res->nwarning = nwarn, res->ninfo = ninfo;
	return 0;
fail:
	if (db->in_tx)
		bl_db_rollback(db);
	return -1;
}

BL_API bl_status bl_store_fail(bl_store *s, const char *path, const char *reason, bl_diag *diag)
{
	bl_stmt *st = bl_db_stmt(s->db, q_fail);
	char now[32];
	bl_store_now(now);
	if (!st)
		return bl_store_fail_db(s, diag, "recording a failure");
	bl_stmt_text(st, 1, path);
	bl_stmt_text(st, 2, reason);
	bl_stmt_text(st, 3, now);
	return bl_stmt_run(st) == 0 ? BL_OK : bl_store_fail_db(s, diag, "recording a failure");
}

/* Records the failure in diag under path; 1 when it is recorded. The
 * caller's diag is kept whatever happens: the file's failure is what to report. */
static int record_failure(bl_store *s, const char *path, bl_status st, const bl_diag *diag)
{
	bl_diag ignore = {0};
	return bl_store_fail(s, path, diag->msg[0] ? diag->msg : bl_strerror(st), &ignore) == BL_OK;
}

/* The same bytes are filed already: only this path is remembered. */
static bl_status file_known(bl_store *s, const char *path, int64_t known, int64_t size, bl_ingest_result *res,
			    bl_diag *diag)
{
	char now[32];
	bl_store_now(now);
	res->existed = 1;
	res->doc_id = known;
	if (bl_db_begin(s->db) != 0 || note_file(s->db, path, known, size, now) != 0 ||
	    bl_db_commit(s->db) != 0) {
		if (s->db->in_tx)
			bl_db_rollback(s->db);
		res->existed = 0;
		return fail_file(s, diag, path, "recording its path");
	}
	return BL_OK;
}

/* The document filed under these bytes' hash: *known its id, or -1. */
static bl_status lookup(bl_store *s, const char *path, const char *hash, int64_t *known, bl_diag *diag)
{
	*known = -1;
	bl_stmt *q = bl_db_stmt(s->db, q_doc_by_hash);
	if (q)
		bl_stmt_text(q, 1, hash);
	if (!q || bl_stmt_one(q, known) < 0)
		return fail_file(s, diag, path, "looking up its content hash");
	return BL_OK;
}

/* Files an opened, checked document not filed before. */
static bl_status file_new(bl_store *s, const bl_doc *doc, const char *path, const char *hash, int64_t size,
			  bl_ingest_result *res, bl_diag *diag)
{
	bl_store_identify(doc, path, &res->ident);
	/* a concurrent writer can win a race for a new region or organisation: try again */
	for (int attempt = 0;; attempt++) {
		if (file_doc(s, doc, path, hash, size, res) == 0)
			return BL_OK;
		if (attempt >= 8 || !s->db->ops->retryable(s->db))
			return fail_file(s, diag, path, "writing the document");
	}
}

static void result_init(bl_ingest_result *res)
{
	memset(res, 0, sizeof *res);
	res->ident.status = "ok";
	res->ident.level = res->ident.kind = "unknown";
}

/* After a failure: the database's own trouble (full, gone, read-only) is
 * not the file's: recording it against the file would fail as well, and is
 * not done. */
static bl_status failed(bl_store *s, const char *path, bl_status st, bl_ingest_result *res,
			const bl_diag *diag)
{
	if (st && st != BL_EDB)
		res->recorded = record_failure(s, path, st, diag);
	return st;
}

BL_API bl_status bl_store_ingest(bl_store *s, const char *path, bl_ingest_result *res, bl_diag *diag)
{
	result_init(res);
	char *bytes = NULL, hash[65];
	size_t n = 0;
	int64_t known = -1;
	bl_doc *doc = NULL;
	/* a read error here is the file's (even ECONNRESET from a network file
	 * system): bl_file_read never says BL_EDB, so it is recorded below */
	bl_status st = bl_file_read(path, &bytes, &n, diag);
	if (st)
		goto done;
	bl_sha256_hex(bytes, n, hash);
	/* the bytes are looked up before they are read as a document: a rerun over filed files reads none */
	if ((st = lookup(s, path, hash, &known, diag)))
		goto done;
	if (known >= 0) {
		st = file_known(s, path, known, (int64_t)n, res, diag);
		goto done;
	}
	if ((st = bl_doc_open_mem_with(path, bytes, n, &s->open, &doc, diag)))
		goto done;
	bl_doc_check(doc);
	st = file_new(s, doc, path, hash, (int64_t)n, res, diag);
done:
	failed(s, path, st, res, diag);
	bl_doc_free(doc);
	free(bytes);
	return st;
}

BL_API bl_status bl_store_file(bl_store *s, bl_doc *doc, bl_ingest_result *res, bl_diag *diag)
{
	result_init(res);
	const char *path = doc->path;
	int64_t known = -1;
	/* filed under the hash of the bytes it was read from, kept when it was
	 * opened: nothing is read again, and a document opened from memory
	 * under a name is filed as what it is, whatever file has that name */
	bl_doc_check(doc); /* runs the rules once: nothing when the caller has */
	bl_status st = lookup(s, path, doc->sha256, &known, diag);
	if (!st)
		st = known >= 0 ? file_known(s, path, known, (int64_t)doc->nsource, res, diag)
				: file_new(s, doc, path, doc->sha256, (int64_t)doc->nsource, res, diag);
	return failed(s, path, st, res, diag);
}
