/* db.c - what both engines share: opening by URL, the statement cache, parameters, transactions. */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "budgetlint/store.h"
#include "store/db.h"

const bl_db_ops *const bl_db_engines[2] = {&bl_db_sqlite, &bl_db_postgres};

BL_API const char *bl_store_engine_at(size_t i)
{
	return i < sizeof bl_db_engines / sizeof bl_db_engines[0] ? bl_db_engines[i]->title : NULL;
}

bl_db *bl_db_open(const char *target, int readonly, bl_diag *diag)
{
	bl_db *db = bl_xcalloc(1, sizeof *db);
	int pg = !strncmp(target, "postgres://", 11) || !strncmp(target, "postgresql://", 13);
	db->ops = pg ? &bl_db_postgres : &bl_db_sqlite;
	db->readonly = readonly;
	if (db->ops->open(db, target, readonly) != 0) {
		int cond = db->cond;
		if (!pg && readonly && access(target, F_OK) != 0 && errno == ENOENT) {
			bl_diag_set(diag, BL_ENOENT, ENOENT, target,
				    "no ledger at '%s': nothing is filed there yet (budgetlint ingest --db "
				    "%s PATH...)",
				    target, target);
		} else if (pg) { /* the URL is not repeated: it may hold a password */
			bl_diag_set(diag, bl_db_status(cond), cond, "", "cannot open the database: %s",
				    db->err);
		} else {
			bl_diag_set(diag, bl_db_status(cond), cond, target,
				    "cannot open the database '%s': %s", target, db->err);
		}
		bl_db_close(db);
		return NULL;
	}
	return db;
}

int bl_db_condition(bl_db *db)
{
	return db ? db->cond : 0;
}

static void drop_cache(bl_db *db);

int bl_db_reconnect(bl_db *db)
{
	drop_cache(db);
	db->in_tx = 0; /* a transaction dies with its connection */
	return db->ops->reconnect(db);
}

static void clear_params(bl_stmt *st)
{
	for (int i = 0; i < BL_DB_MAX_PARAMS; i++) {
		free(st->p[i].s);
		st->p[i].s = NULL;
		st->p[i].type = 0;
	}
	st->nparams = 0;
}

static void stmt_reset(bl_stmt *st)
{
	st->db->ops->reset(st);
	clear_params(st);
	st->executed = 0;
}

static void drop_cache(bl_db *db)
{
	for (size_t i = 0; i < db->ncache; i++) {
		bl_stmt *st = db->cache[i];
		clear_params(st);
		db->ops->finalize(st);
		free(st->text);
		free(st);
	}
	free(db->cache);
	db->cache = NULL;
	db->ncache = db->cache_cap = 0;
}

void bl_db_close(bl_db *db)
{
	if (!db)
		return;
	drop_cache(db);
	if (db->h)
		db->ops->close(db);
	free(db);
}

/* Replaces @ID@ with the engine's self-numbering integer key. */
static char *dialect(const bl_db *db, const char *sql)
{
	bl_buf b = BL_BUF_INIT((size_t)1 << 24);
	for (const char *p = sql; *p;) {
		if (!strncmp(p, "@ID@", 4)) {
			bl_buf_put(&b, db->ops->id_type, strlen(db->ops->id_type));
			p += 4;
		} else {
			bl_buf_putc(&b, *p++);
		}
	}
	bl_buf_putc(&b, 0);
	return b.p;
}

int bl_db_exec(bl_db *db, const char *sql)
{
	char *s = dialect(db, sql);
	int rc = db->ops->exec(db, s);
	free(s);
	return rc;
}

bl_stmt *bl_db_stmt(bl_db *db, const char *sql)
{
	for (size_t i = 0; i < db->ncache; i++)
		if (db->cache[i]->sql == sql) {
			bl_stmt *st = db->cache[i];
			stmt_reset(st);
			return st;
		}
	bl_stmt *st = bl_xcalloc(1, sizeof *st);
	st->db = db;
	st->sql = sql;
	st->text = dialect(db, sql);
	st->id = (int)db->ncache + 1;
	if (db->ops->prepare(db, st) != 0) {
		free(st->text);
		free(st);
		return NULL;
	}
	*BL_PUSH(db->cache, db->ncache, db->cache_cap) = st;
	return st;
}

static bl_param *param(bl_stmt *st, int i)
{
	if (i < 1 || i > BL_DB_MAX_PARAMS)
		abort(); /* a programming error in the store's SQL, not input */
	if (i > st->nparams)
		st->nparams = i;
	bl_param *p = &st->p[i - 1];
	free(p->s);
	p->s = NULL;
	return p;
}

void bl_stmt_int(bl_stmt *st, int i, int64_t v)
{
	bl_param *p = param(st, i);
	p->type = 1;
	p->i = v;
}

void bl_stmt_text(bl_stmt *st, int i, const char *s)
{
	bl_param *p = param(st, i);
	p->type = s ? 2 : 0;
	p->s = s ? bl_xstrndup(s, strlen(s)) : NULL;
}

void bl_stmt_null(bl_stmt *st, int i)
{
	param(st, i)->type = 0;
}

void bl_stmt_contains(bl_stmt *st, int i, const char *s)
{
	s = s ? s : "";
	size_t n = strlen(s);
	char *like = bl_xcalloc(1, n + 3);
	like[0] = '%';
	memcpy(like + 1, s, n);
	like[n + 1] = '%';
	bl_stmt_text(st, i, s);
	bl_stmt_text(st, i + 1, like);
	free(like);
}

int bl_stmt_step(bl_stmt *st)
{
	int rc = st->db->ops->step(st);
	st->executed = 1;
	if (rc <= 0) /* done or failed: release the engine's cursor at once */
		stmt_reset(st);
	return rc;
}

const char *bl_stmt_col(bl_stmt *st, int i)
{
	return st->db->ops->col(st, i);
}

int64_t bl_stmt_col_int(bl_stmt *st, int i)
{
	const char *s = bl_stmt_col(st, i);
	return s ? strtoll(s, NULL, 10) : 0;
}

int bl_stmt_run(bl_stmt *st)
{
	int rc;
	while ((rc = bl_stmt_step(st)) == 1)
		;
	return rc;
}

int bl_stmt_one(bl_stmt *st, int64_t *out)
{
	int rc = bl_stmt_step(st);
	if (rc == 1) {
		*out = bl_stmt_col_int(st, 0);
		stmt_reset(st);
	}
	return rc;
}

int bl_db_begin(bl_db *db)
{
	if (db->ops->exec(db, db->ops->begin_sql) != 0)
		return -1;
	db->in_tx = 1;
	return 0;
}

int bl_db_commit(bl_db *db)
{
	for (size_t i = 0; i < db->ncache; i++) /* a statement left open would hold the commit */
		if (db->cache[i]->executed)
			stmt_reset(db->cache[i]);
	int rc = db->ops->exec(db, "COMMIT");
	if (rc != 0)
		bl_db_rollback(db);
	db->in_tx = 0;
	return rc;
}

void bl_db_rollback(bl_db *db)
{
	char keep[sizeof db->err];
	int cond = db->cond;
	memcpy(keep, db->err, sizeof keep); /* the error that caused the rollback is the one to report */
	for (size_t i = 0; i < db->ncache; i++)
		stmt_reset(db->cache[i]);
	db->ops->exec(db, "ROLLBACK");
	memcpy(db->err, keep, sizeof keep);
	db->cond = cond;
	db->in_tx = 0;
}
