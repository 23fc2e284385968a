/* pg.c - the shared backend: PostgreSQL through libpq, statements prepared once per connection. */
#include <errno.h>
#include <inttypes.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"

/* The database's own trouble in the error just made (see bl_db.cond). */
static int condition(const bl_db *db)
{
	/* an error with no SQLSTATE is libpq's own, about the connection: it
	 * reports "server closed the connection unexpectedly" before its status
	 * turns bad */
	if (!db->h || PQstatus(db->h) == CONNECTION_BAD || !db->state[0])
		return ECONNRESET;
	const char *s = db->state;
	/* 53100 disk_full (class 53: insufficient resources); 25006 read_only_sql_transaction;
	 * class 08 connection exceptions; 57P01-57P03 the server shutting down or starting */
	if (!strcmp(s, "53100"))
		return ENOSPC;
	if (!strcmp(s, "25006"))
		return EROFS;
	if (!strncmp(s, "08", 2) || !strcmp(s, "57P01") || !strcmp(s, "57P02") || !strcmp(s, "57P03"))
		return ECONNRESET;
	return 0;
}

/* libpq's messages run over lines ("...unexpectedly\n\tThis probably
 * means..."): one line, so that an error is one line. */
static void one_line(char *m)
{
	char *w = m;
	for (char *p = m; *p; p++) {
		if (*p == '\n' || *p == '\t' || *p == '\r') {
			if (w > m && w[-1] != ' ')
				*w++ = ' ';
		} else {
			*w++ = *p;
		}
	}
	while (w > m && w[-1] == ' ')
		w--;
	*w = 0;
}

static void take_err(bl_db *db, PGresult *r)
{
	const char *m = r ? PQresultErrorMessage(r) : "";
	if (!m || !*m)
		m = PQerrorMessage(db->h);
	snprintf(db->err, sizeof db->err, "%s", m);
	one_line(db->err);
	const char *st = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	snprintf(db->state, sizeof db->state, "%s", st ? st : "");
	db->cond = condition(db);
}

static void quiet(void *arg, const char *msg)
{
	(void)arg, (void)msg; /* NOTICEs such as "relation already exists, skipping" are not for users */
}

static int pg_exec(bl_db *db, const char *sql)
{
	PGresult *r = PQexec(db->h, sql);
	ExecStatusType s = PQresultStatus(r);
	int rc = s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK ? 0 : -1;
	if (rc)
		take_err(db, r);
	PQclear(r);
	return rc;
}

static void conn_err(bl_db *db)
{
	snprintf(db->err, sizeof db->err, "%s", db->h ? PQerrorMessage(db->h) : "out of memory");
	one_line(db->err);
	db->state[0] = 0;
	db->cond = condition(db);
}

/* What every session starts with, after connecting and after a reconnect. */
static int session(bl_db *db)
{
	PQsetNoticeProcessor(db->h, quiet, NULL);
	if (pg_exec(db, "SET client_encoding = 'UTF8'") != 0)
		return -1;
	return db->readonly ? pg_exec(db, "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY") : 0;
}

static int pg_open(bl_db *db, const char *target, int readonly)
{
	(void)readonly; /* db->readonly: session() makes every transaction read-only */
	PGconn *c = PQconnectdb(target);
	db->h = c;
	if (!c || PQstatus(c) != CONNECTION_OK) {
		conn_err(db);
		return -1;
	}
	return session(db);
}

static int pg_reconnect(bl_db *db)
{
	PQreset(db->h);
	if (PQstatus(db->h) != CONNECTION_OK) {
		conn_err(db);
		return -1;
	}
	return session(db);
}

/* A file name need not be UTF-8, but PostgreSQL's text must be: a byte that
 * starts no valid sequence is carried as the private-use code point
 * U+F780 + (byte - 0x80), as some systems do, so the path is kept (and maps
 * back) instead of the row being refused and the file lost. Returns NULL
 * when s is valid as it is. */
static char *pg_utf8(const char *s)
{
	size_t n = strlen(s);
	if (bl_utf8_valid(s, n))
		return NULL;
	bl_buf b = BL_BUF_INIT(n * 3 + 1);
	for (size_t i = 0; i < n;) {
		int len;
		uint32_t c = bl_utf8_decode(s + i, n - i, &len);
		if (c == 0xFFFD && len == 1 && (unsigned char)s[i] >= 0x80) {
			char u[4];
			int k = bl_utf8_encode(0xF700 + (unsigned char)s[i], u);
			bl_buf_put(&b, u, (size_t)k);
		} else {
			bl_buf_put(&b, s + i, (size_t)len);
		}
		i += (size_t)len;
	}
	bl_buf_putc(&b, 0);
	return b.p;
}

static void pg_close(bl_db *db)
{
	PQfinish(db->h);
	db->h = NULL;
}

/* '?' outside quotes becomes $1, $2, ... */
static char *renumber(const char *sql)
{
	bl_buf b = BL_BUF_INIT((size_t)1 << 24);
	int n = 0;
	char quote = 0;
	for (const char *p = sql; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
			bl_buf_putc(&b, *p);
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
			bl_buf_putc(&b, *p);
		} else if (*p == '?') {
			bl_buf_printf(&b, "$%d", ++n);
		} else {
			bl_buf_putc(&b, *p);
		}
	}
	bl_buf_putc(&b, 0);
	return b.p;
}

static int pg_prepare(bl_db *db, bl_stmt *st)
{
	char *text = renumber(st->text);
	free(st->text);
	st->text = text;
	char name[32];
	snprintf(name, sizeof name, "bl%d", st->id);
	PGresult *r = PQprepare(db->h, name, st->text, 0, NULL);
	int rc = PQresultStatus(r) == PGRES_COMMAND_OK ? 0 : -1;
	if (rc)
		take_err(db, r);
	PQclear(r);
	st->h = NULL;
	st->row = -1;
	return rc;
}

static int pg_step(bl_stmt *st)
{
	bl_db *db = st->db;
	if (!st->executed) {
		const char *vals[BL_DB_MAX_PARAMS];
		char nums[BL_DB_MAX_PARAMS][24];
		char *fixed[BL_DB_MAX_PARAMS] = {0};
		for (int i = 0; i < st->nparams; i++) {
			const bl_param *p = &st->p[i];
			if (p->type == 1) {
				snprintf(nums[i], sizeof nums[i], "%" PRId64, p->i);
				vals[i] = nums[i];
			} else if (p->type == 2) {
				fixed[i] = pg_utf8(p->s);
				vals[i] = fixed[i] ? fixed[i] : p->s;
			} else {
				vals[i] = NULL;
			}
		}
		char name[32];
		snprintf(name, sizeof name, "bl%d", st->id);
		PGresult *r = PQexecPrepared(db->h, name, st->nparams, vals, NULL, NULL, 0);
		for (int i = 0; i < st->nparams; i++)
			free(fixed[i]);
		ExecStatusType s = PQresultStatus(r);
		if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
			take_err(db, r);
			PQclear(r);
			return -1;
		}
		st->h = r;
		st->row = 0;
		st->nrows = s == PGRES_TUPLES_OK ? PQntuples(r) : 0;
		return st->nrows > 0 ? 1 : 0;
	}
	if (st->row + 1 < st->nrows) {
		st->row++;
		return 1;
	}
	st->row = st->nrows;
	return 0;
}

static void pg_reset(bl_stmt *st)
{
	if (st->h)
		PQclear(st->h);
	st->h = NULL;
	st->row = -1;
	st->nrows = 0;
}

static void pg_finalize(bl_stmt *st)
{
	pg_reset(st);
}

static const char *pg_col(bl_stmt *st, int i)
{
	if (!st->h || st->row < 0 || st->row >= st->nrows || i >= PQnfields(st->h))
		return NULL;
	if (PQgetisnull(st->h, st->row, i))
		return NULL;
	return PQgetvalue(st->h, st->row, i);
}

static int pg_retryable(bl_db *db)
{
	/* unique_violation from a concurrent insert, serialization_failure, deadlock_detected */
	return !strcmp(db->state, "23505") || !strcmp(db->state, "40001") || !strcmp(db->state, "40P01");
}

const bl_db_ops bl_db_postgres = {
	"postgres",
	"BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
	"BEGIN",
	pg_open,
	pg_close,
	pg_exec,
	pg_prepare,
	pg_step,
	pg_reset,
	pg_finalize,
	pg_col,
	pg_retryable,
	pg_reconnect,
};
