/* sqlite.c - the embedded backend: one file, WAL, a busy timeout so several processes can share it. */
#include <inttypes.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "store/db.h"

static void set_err(bl_db *db)
{
	snprintf(db->err, sizeof db->err, "%s", sqlite3_errmsg(db->h));
}

static int lite_exec(bl_db *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(db->err, sizeof db->err, "%s", msg ? msg : sqlite3_errmsg(db->h));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int lite_open(bl_db *db, const char *target)
{
	sqlite3 *h = NULL;
	int rc = sqlite3_open_v2(target, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	db->h = h;
	if (rc != SQLITE_OK) {
		snprintf(db->err, sizeof db->err, "%s", h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
		return -1;
	}
	/* a minute of waiting for another writer before giving up; crash-safe
	 * against a killed process with WAL and synchronous=NORMAL */
	sqlite3_busy_timeout(h, 60000);
	return lite_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
}

static void lite_close(bl_db *db)
{
	sqlite3_close(db->h);
	db->h = NULL;
}

static int lite_prepare(bl_db *db, bl_stmt *st)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db->h, st->text, -1, &s, NULL) != SQLITE_OK) {
		set_err(db);
		return -1;
	}
	st->h = s;
	return 0;
}

static int lite_step(bl_stmt *st)
{
	sqlite3_stmt *s = st->h;
	if (!st->executed) {
		for (int i = 0; i < st->nparams; i++) {
			const bl_param *p = &st->p[i];
			if (p->type == 1)
				sqlite3_bind_int64(s, i + 1, p->i);
			else if (p->type == 2)
				sqlite3_bind_text(s, i + 1, p->s, -1, SQLITE_TRANSIENT);
			else
				sqlite3_bind_null(s, i + 1);
		}
	}
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	set_err(st->db);
	return -1;
}

static void lite_reset(bl_stmt *st)
{
	sqlite3_reset(st->h);
	sqlite3_clear_bindings(st->h);
}

static void lite_finalize(bl_stmt *st)
{
	sqlite3_finalize(st->h);
}

static const char *lite_col(bl_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st->h, i);
}

static int lite_retryable(bl_db *db)
{
	int e = sqlite3_errcode(db->h);
	return e == SQLITE_BUSY || e == SQLITE_LOCKED;
}

const bl_db_ops bl_db_sqlite = {
	"sqlite",
	"INTEGER PRIMARY KEY",
	"BEGIN IMMEDIATE",
	lite_open,
	lite_close,
	lite_exec,
	lite_prepare,
	lite_step,
	lite_reset,
	lite_finalize,
	lite_col,
	lite_retryable,
};
