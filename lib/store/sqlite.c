/* sqlite.c - the embedded backend: one file, WAL, a busy timeout so several processes can share it. */
#include <errno.h>
#include <inttypes.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "store/db.h"

/* The database's own trouble in the error just made (see bl_db.cond). */
static int condition(sqlite3 *h)
{
	int e = sqlite3_errcode(h) & 0xff, sys = sqlite3_system_errno(h);
	if (e == SQLITE_FULL || (e == SQLITE_IOERR && sys == ENOSPC))
		return ENOSPC;
	/* CANTOPEN at a write: the -wal or -journal file cannot be created beside it */
	if (e == SQLITE_READONLY || (e == SQLITE_CANTOPEN && (sys == EACCES || sys == EROFS)))
		return EROFS;
	return 0;
}

static void set_err(bl_db *db)
{
	snprintf(db->err, sizeof db->err, "%s", sqlite3_errmsg(db->h));
	db->cond = condition(db->h);
}

static int lite_exec(bl_db *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(db->err, sizeof db->err, "%s", msg ? msg : sqlite3_errmsg(db->h));
		db->cond = condition(db->h);
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* target as a URI that opens it immutable: '%', '?' and '#' escaped */
static char *immutable_uri(const char *target)
{
	bl_buf b = BL_BUF_INIT((size_t)1 << 16);
	bl_buf_put(&b, "file:", 5);
	for (const char *p = target; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			bl_buf_printf(&b, "%%%02X", (unsigned char)*p);
		else
			bl_buf_putc(&b, *p);
	}
	bl_buf_printf(&b, "?immutable=1");
	bl_buf_putc(&b, 0);
	return b.p;
}

/* Can the schema be read? A WAL database whose -shm cannot be created (a
 * read-only directory) opens, then fails at the first read. */
static int lite_readable(sqlite3 *h)
{
	return sqlite3_exec(h, "SELECT COUNT(*) FROM sqlite_master", NULL, NULL, NULL) == SQLITE_OK;
}

/* Can nobody write target? Its directory's file system is mounted
 * read-only, or neither the directory nor the file has a write permission
 * bit for anyone. Only then is reading it as immutable (no locks, no -shm)
 * safe: anyone who may write could start an ingest while it is read. */
static int nobody_writes(const char *target)
{
	const char *slash = strrchr(target, '/');
	size_t dl = slash ? (size_t)(slash - target) : 0;
	char *dir = bl_xcalloc(1, dl + 2);
	if (slash)
		memcpy(dir, target, dl ? dl : 1); /* "/x.db": the root */
	else
		dir[0] = '.';
	struct statvfs vfs;
	struct stat sd, sf;
	int rc = statvfs(dir, &vfs) == 0 && (vfs.f_flag & ST_RDONLY);
	if (!rc && stat(dir, &sd) == 0 && stat(target, &sf) == 0)
		rc = ((sd.st_mode | sf.st_mode) & 0222) == 0;
	free(dir);
	return rc;
}

/* Opened read-only, a WAL database that cannot be read needs its -shm file,
 * which cannot be created here (a directory the user may not write). With a
 * -wal file, or when someone may write the database, the error stands (said
 * plainly); else the file alone is the whole database, read as immutable. */
static int lite_open_immutable(bl_db *db, const char *target)
{
	int e = sqlite3_errcode(db->h) & 0xff;
	if (e != SQLITE_CANTOPEN && e != SQLITE_READONLY) { /* not the -shm: a broken file, say */
		set_err(db);
		return -1;
	}
	size_t tl = strlen(target);
	char *wal = bl_xcalloc(1, tl + 5);
	memcpy(wal, target, tl);
	memcpy(wal + tl, "-wal", 4);
	int has_wal = access(wal, F_OK) == 0 || errno != ENOENT;
	free(wal);
	if (has_wal) {
		set_err(db);
		return -1;
	}
	if (!nobody_writes(target)) {
		snprintf(db->err, sizeof db->err,
			 "its -shm file cannot be created in a directory you may not write, and others may "
			 "write the"
			 " database, so it cannot be read safely without one: ask its owner to keep the -wal "
			 "and -shm"
			 " files beside it (readable to you), or read a copy");
		db->cond = 0;
		return -1;
	}
	char *uri = immutable_uri(target);
	sqlite3_close(db->h);
	sqlite3 *h = NULL;
	int rc = sqlite3_open_v2(uri, &h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	free(uri);
	db->h = h;
	if (rc != SQLITE_OK || !lite_readable(h)) {
		set_err(db);
		return -1;
	}
	return 0;
}

static int lite_open(bl_db *db, const char *target, int readonly)
{
	sqlite3 *h = NULL;
	int flags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	int rc = sqlite3_open_v2(target, &h, flags | SQLITE_OPEN_NOMUTEX, NULL);
	db->h = h;
	if (rc != SQLITE_OK) {
		snprintf(db->err, sizeof db->err, "%s", h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
		db->cond = h ? condition(h) : 0;
		return -1;
	}
	/* a minute of waiting for another writer before giving up; crash-safe
	 * against a killed process with WAL and synchronous=NORMAL */
	sqlite3_busy_timeout(h, 60000);
	if (readonly) {
		if (!lite_readable(h) && lite_open_immutable(db, target) != 0)
			return -1;
		return lite_exec(db, "PRAGMA foreign_keys=ON;");
	}
	/* SQLite opens a file it may not write read-only without a word: say so now, not at the first write */
	if (sqlite3_db_readonly(h, "main") == 1) {
		snprintf(db->err, sizeof db->err, "the file is read-only");
		db->cond = EROFS;
		return -1;
	}
	/* Switching a new file to WAL takes a lock the busy handler does not wait
	 * for when another process is switching it too (two ingests starting on
	 * one new database: "database is locked" half the time); retry for as
	 * long as the busy timeout would have waited. */
	for (int tries = 0; lite_exec(db, "PRAGMA journal_mode=WAL;") != 0; tries++) {
		int e = sqlite3_errcode(h) & 0xff;
		if ((e != SQLITE_BUSY && e != SQLITE_LOCKED) || tries >= 600)
			return -1;
		usleep(100000);
	}
	return lite_exec(db, "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
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

static int lite_reconnect(bl_db *db)
{
	(void)db; /* a file does not go away like a server */
	return 0;
}

const bl_db_ops bl_db_sqlite = {
	"sqlite",      "SQLite",  "INTEGER PRIMARY KEY", "BEGIN IMMEDIATE", lite_open,
	lite_close,    lite_exec, lite_prepare,          lite_step,         lite_reset,
	lite_finalize, lite_col,  lite_retryable,        lite_reconnect,
};
