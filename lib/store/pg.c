/* pg.c - the shared backend: PostgreSQL through libpq, statements prepared once per connection. */
#include <errno.h>
#include <inttypes.h>
#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/db.h"

/* libpq is loaded when the first PostgreSQL ledger is opened, not at
 * start-up: with the Kerberos, LDAP and TLS libraries it brings, loading it
 * took about 3 ms of every run of the program, a fifth of checking a small
 * PDF, and most runs never open a PostgreSQL ledger. */
/* the functions used, in alphabetical order */
/* clang-format off */
#define PQ_FUNCS(X) \
	X(PQclear) X(PQconnectPoll) X(PQconnectStartParams) X(PQconnectionNeedsPassword) \
	X(PQconninfo) X(PQconninfoFree) X(PQerrorMessage) X(PQexec) \
	X(PQexecPrepared) X(PQfinish) X(PQgetisnull) X(PQgetvalue) \
	X(PQnfields) X(PQntuples) X(PQprepare) X(PQresetPoll) \
	X(PQresetStart) X(PQresultErrorField) X(PQresultErrorMessage) X(PQresultStatus) \
	X(PQsetErrorVerbosity) X(PQsetNoticeProcessor) X(PQsocket) X(PQstatus)
/* clang-format on */

static struct {
#define PQ_FIELD(f) __typeof__(f) *f;
	PQ_FUNCS(PQ_FIELD)
#undef PQ_FIELD
} pq;

#define PQ_NAME(f) #f,
#define PQ_SLOT(f) (void **)&pq.f,
static const char *const pq_names[] = {PQ_FUNCS(PQ_NAME)};
static void **const pq_slots[] = {PQ_FUNCS(PQ_SLOT)};
#undef PQ_NAME
#undef PQ_SLOT
static bl_dl_lib pq_lib = {"libpq.so.5", pq_names, pq_slots, sizeof pq_names / sizeof *pq_names, 0, ""};

/* The database's own trouble in the error just made (see bl_db.cond);
 * connecting says whether it came from a connection attempt. */
static int condition(const bl_db *db, int connecting)
{
	const char *s = db->state;
	/* an error with no SQLSTATE is libpq's own, about the connection: no
	 * server answered (refused, unreachable, timed out), or it reports
	 * "server closed the connection unexpectedly" before its status turns bad */
	if (!s[0])
		return ECONNRESET;
	/* 53100 disk_full (class 53: insufficient resources); 25006 read_only_sql_transaction;
	 * class 08 connection exceptions; 57P01-57P03 the server shutting down or starting */
	if (!strcmp(s, "53100"))
		return ENOSPC;
	if (!strcmp(s, "25006"))
		return EROFS;
	if (!strncmp(s, "08", 2) || !strcmp(s, "57P01") || !strcmp(s, "57P02") || !strcmp(s, "57P03"))
		return ECONNRESET;
	/* a server that answers a connection with anything else refuses it for a
	 * reason trying again does not mend (53300 too many clients, 28000/28P01
	 * authentication, 3D000 no such database): an error, not a lost server */
	if (connecting)
		return 0;
	return !db->h || pq.PQstatus(db->h) == CONNECTION_BAD ? ECONNRESET : 0;
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
	const char *m = r ? pq.PQresultErrorMessage(r) : "";
	if (!m || !*m)
		m = pq.PQerrorMessage(db->h);
	snprintf(db->err, sizeof db->err, "%s", m);
	one_line(db->err);
	const char *st = r ? pq.PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	snprintf(db->state, sizeof db->state, "%s", st ? st : "");
	db->cond = condition(db, 0);
}

static void quiet(void *arg, const char *msg)
{
	(void)arg, (void)msg; /* NOTICEs such as "relation already exists, skipping" are not for users */
}

static int pg_exec(bl_db *db, const char *sql)
{
	PGresult *r = pq.PQexec(db->h, sql);
	ExecStatusType s = pq.PQresultStatus(r);
	int rc = s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK ? 0 : -1;
	if (rc)
		take_err(db, r);
	pq.PQclear(r);
	return rc;
}

/* Seconds a connection may take when neither the target nor
 * $PGCONNECT_TIMEOUT says (libpq's own default is to wait for ever, so a
 * server that accepts and never answers, a black-holed network, would hang
 * every worker): a server restart answers within this, refused or not. */
#define CONNECT_TIMEOUT_S 10

/* The connect_timeout the connection was given, as libpq reads it: 0 waits
 * for ever, below 2 means 2; CONNECT_TIMEOUT_S when none was given. */
static int connect_timeout(PGconn *c)
{
	PQconninfoOption *opts = pq.PQconninfo(c);
	int t = CONNECT_TIMEOUT_S;
	for (PQconninfoOption *o = opts; o && o->keyword; o++)
		if (!strcmp(o->keyword, "connect_timeout") && o->val && *o->val)
			t = atoi(o->val);
	pq.PQconninfoFree(opts);
	return t <= 0 ? 0 : t < 2 ? 2 : t;
}

/* A failed connection's message and SQLSTATE. The server's reason for a
 * refusal carries its SQLSTATE only in libpq's verbose message ("... failed:
 * FATAL:  53300: sorry, too many clients already\nLOCATION:  ..."): the code
 * goes to db->state and is taken out, with the LOCATION lines, so that the
 * message reads as libpq's default one. */
static void conn_err(bl_db *db)
{
	snprintf(db->err, sizeof db->err, "%s", db->h ? pq.PQerrorMessage(db->h) : "out of memory");
	db->state[0] = 0;
	for (char *l; (l = strstr(db->err, "\nLOCATION:"));) {
		char *end = strchr(l + 1, '\n');
		memmove(l, end ? end : l + strlen(l), strlen(end ? end : l + strlen(l)) + 1);
	}
	for (char *p = strstr(db->err, ":  "); p; p = strstr(p + 1, ":  ")) {
		char *code = p + 3;
		if (strspn(code, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") == 5 && code[5] == ':' &&
		    code[6] == ' ') {
			memcpy(db->state, code, 5);
			db->state[5] = 0;
			memmove(code, code + 7, strlen(code + 7) + 1);
			break;
		}
	}
	one_line(db->err);
	db->cond = condition(db, 1);
	/* no password given where one is needed: libpq's own words, no SQLSTATE, and no use retrying */
	if (db->h && pq.PQconnectionNeedsPassword(db->h))
		db->cond = 0;
}

/* Drives a connection begun by PQconnectStartParams or PQresetStart to its
 * end with poll(), within its connect_timeout: libpq's blocking calls give no
 * way to see the server's SQLSTATE when it refuses (verbose messages must be
 * asked for before the answer arrives). Unlike libpq, a host that times out
 * is not followed by the next host of a multi-host target. 0 when connected. */
static int connect_wait(bl_db *db, PostgresPollingStatusType (*poll_fn)(PGconn *))
{
	PGconn *c = db->h;
	int limit = connect_timeout(c);
	struct timespec t0, t;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	PostgresPollingStatusType st = PGRES_POLLING_WRITING;
	while (st != PGRES_POLLING_OK && st != PGRES_POLLING_FAILED) {
		clock_gettime(CLOCK_MONOTONIC, &t);
		long spent = (t.tv_sec - t0.tv_sec) * 1000L + (t.tv_nsec - t0.tv_nsec) / 1000000L;
		if (limit && spent >= limit * 1000L) {
			pq.PQsetErrorVerbosity(c, PQERRORS_DEFAULT);
			snprintf(db->err, sizeof db->err,
				 "no answer from the server within %d s (connect_timeout)", limit);
			db->state[0] = 0;
			db->cond = ECONNRESET;
			return -1;
		}
		struct pollfd p = {pq.PQsocket(c), st == PGRES_POLLING_READING ? POLLIN : POLLOUT, 0};
		if (p.fd < 0)
			break;
		int r = poll(&p, 1, limit ? (int)(limit * 1000L - spent) : -1);
		if (r < 0 && errno != EINTR)
			break;
		if (r > 0)
			st = poll_fn(c);
	}
	pq.PQsetErrorVerbosity(c, PQERRORS_DEFAULT); /* statements' errors read as usual */
	if (st == PGRES_POLLING_OK && pq.PQstatus(c) == CONNECTION_OK)
		return 0;
	conn_err(db);
	return -1;
}

/* What every session starts with, after connecting and after a reconnect. */
static int session(bl_db *db)
{
	pq.PQsetNoticeProcessor(db->h, quiet, NULL);
	if (pg_exec(db, "SET client_encoding = 'UTF8'") != 0)
		return -1;
	return db->readonly ? pg_exec(db, "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY") : 0;
}

static int pg_open(bl_db *db, const char *target, int readonly)
{
	(void)readonly; /* db->readonly: session() makes every transaction read-only */
	const char *const keys[] = {"dbname", NULL};
	const char *const vals[] = {target, NULL};
	if (!bl_dl_ready(&pq_lib)) {
		snprintf(db->err, sizeof db->err, "cannot load the PostgreSQL client library (%s)",
			 pq_lib.err);
		db->state[0] = 0;
		db->cond = 0; /* no use retrying */
		return -1;
	}
	PGconn *c = pq.PQconnectStartParams(keys, vals, 1); /* target is a URL or conninfo: expanded */
	db->h = c;
	if (!c || pq.PQstatus(c) == CONNECTION_BAD) {
		conn_err(db);
		return -1;
	}
	pq.PQsetErrorVerbosity(c, PQERRORS_VERBOSE);
	return connect_wait(db, pq.PQconnectPoll) == 0 ? session(db) : -1;
}

static int pg_reconnect(bl_db *db)
{
	pq.PQsetErrorVerbosity(db->h, PQERRORS_VERBOSE);
	if (!pq.PQresetStart(db->h)) {
		pq.PQsetErrorVerbosity(db->h, PQERRORS_DEFAULT);
		conn_err(db);
		return -1;
	}
	return connect_wait(db, pq.PQresetPoll) == 0 ? session(db) : -1;
}

/* A file name need not be UTF-8, but PostgreSQL's text must be. Text is
 * carried reversibly: a byte that starts no valid sequence becomes the
 * private-use code point U+F700 + byte (U+F780..U+F7FF, as some systems
 * do), and a real code point of U+F700..U+F7FF, which would read back as
 * such bytes, is sent as the mapped form of its own three bytes. So every
 * U+F780..U+F7FF read back is one byte (pg_decode) and nothing else is
 * changed: the mapping is a bijection. Returns NULL when s needs none. */
static char *pg_encode(const char *s)
{
	size_t n = strlen(s);
	int plain = bl_utf8_valid(s, n);
	for (const char *p = s; plain && (p = strchr(p, '\xEF')); p++)
		plain = (unsigned char)p[1] < 0x9C ||
			(unsigned char)p[1] > 0x9F; /* EF 9C..9F: U+F700..U+F7FF */
	if (plain)
		return NULL;
	bl_buf b = BL_BUF_INIT(n * 9 + 1);
	for (size_t i = 0; i < n;) {
		int len;
		uint32_t c = bl_utf8_decode(s + i, n - i, &len);
		int bad = c == 0xFFFD && len == 1 && (unsigned char)s[i] >= 0x80;
		if (bad || (c >= 0xF700 && c <= 0xF7FF)) {
			for (int k = 0; k < len; k++) {
				char u[4];
				int m = bl_utf8_encode(0xF700 + (unsigned char)s[i + k], u);
				bl_buf_put(&b, u, (size_t)m);
			}
		} else {
			bl_buf_put(&b, s + i, (size_t)len);
		}
		i += (size_t)len;
	}
	bl_buf_putc(&b, 0);
	return b.p;
}

/* The bytes pg_encode was given: each U+F780..U+F7FF (EF 9E..9F xx) back to
 * one byte. NULL when s holds none. */
static char *pg_decode(const char *s)
{
	const char *p = s;
	while ((p = strchr(p, '\xEF')) && (unsigned char)p[1] != 0x9E && (unsigned char)p[1] != 0x9F)
		p++;
	if (!p)
		return NULL;
	size_t n = strlen(s), k = 0;
	char *out = bl_xmalloc(n + 1);
	for (size_t i = 0; i < n;) {
		int len;
		uint32_t c = bl_utf8_decode(s + i, n - i, &len);
		if (c >= 0xF780 && c <= 0xF7FF)
			out[k++] = (char)(c - 0xF700);
		else
			memcpy(out + k, s + i, (size_t)len), k += (size_t)len;
		i += (size_t)len;
	}
	out[k] = 0;
	return out;
}

static void pg_close(bl_db *db)
{
	pq.PQfinish(db->h);
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
	PGresult *r = pq.PQprepare(db->h, name, st->text, 0, NULL);
	int rc = pq.PQresultStatus(r) == PGRES_COMMAND_OK ? 0 : -1;
	if (rc)
		take_err(db, r);
	pq.PQclear(r);
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
				fixed[i] = pg_encode(p->s);
				vals[i] = fixed[i] ? fixed[i] : p->s;
			} else {
				vals[i] = NULL;
			}
		}
		char name[32];
		snprintf(name, sizeof name, "bl%d", st->id);
		PGresult *r = pq.PQexecPrepared(db->h, name, st->nparams, vals, NULL, NULL, 0);
		for (int i = 0; i < st->nparams; i++)
			free(fixed[i]);
		ExecStatusType s = pq.PQresultStatus(r);
		if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
			take_err(db, r);
			pq.PQclear(r);
			return -1;
		}
		st->h = r;
		st->row = 0;
		st->nrows = s == PGRES_TUPLES_OK ? pq.PQntuples(r) : 0;
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
		pq.PQclear(st->h);
	st->h = NULL;
	st->row = -1;
	st->nrows = 0;
	for (size_t i = 0; i < st->nkept; i++)
		free(st->kept[i]);
	st->nkept = 0;
	if (st->kept_at)
		memset(st->kept_at, 0, (size_t)st->kept_cols * sizeof *st->kept_at);
}

static void pg_finalize(bl_stmt *st)
{
	pg_reset(st);
	free(st->kept);
	free(st->kept_at);
	st->kept = NULL, st->kept_at = NULL;
	st->kept_cap = 0, st->kept_cols = 0;
}

/* A column's value as the bytes that were stored (pg_decode); it lives
 * until the statement is reset, as libpq's own values do. */
static const char *pg_col(bl_stmt *st, int i)
{
	if (!st->h || st->row < 0 || st->row >= st->nrows || i < 0 || i >= pq.PQnfields(st->h))
		return NULL;
	if (pq.PQgetisnull(st->h, st->row, i))
		return NULL;
	const char *v = pq.PQgetvalue(st->h, st->row, i);
	if (st->kept_row != st->row || !st->kept_at) {
		if (st->kept_cols < pq.PQnfields(st->h)) {
			free(st->kept_at);
			st->kept_cols = pq.PQnfields(st->h);
			st->kept_at = bl_xcalloc((size_t)st->kept_cols, sizeof *st->kept_at);
		} else {
			memset(st->kept_at, 0, (size_t)st->kept_cols * sizeof *st->kept_at);
		}
		st->kept_row = st->row;
	}
	if (st->kept_at[i])
		return st->kept[st->kept_at[i] - 1];
	char *d = pg_decode(v);
	if (!d)
		return v;
	*BL_PUSH(st->kept, st->nkept, st->kept_cap) = d;
	st->kept_at[i] = (int)st->nkept;
	return d;
}

static int pg_retryable(bl_db *db)
{
	/* unique_violation from a concurrent insert, serialization_failure, deadlock_detected */
	return !strcmp(db->state, "23505") || !strcmp(db->state, "40001") || !strcmp(db->state, "40P01");
}

const bl_db_ops bl_db_postgres = {
	"postgres",   "PostgreSQL", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
	"BEGIN",      pg_open,      pg_close,
	pg_exec,      pg_prepare,   pg_step,
	pg_reset,     pg_finalize,  pg_col,
	pg_retryable, pg_reconnect,
};
