/* db.h - the SQL the store speaks, over SQLite or PostgreSQL: prepared statements only.
 *
 * The store's SQL is written once, in the dialect both engines accept
 * (ON CONFLICT, RETURNING, window functions, CAST), with '?' for
 * parameters; the PostgreSQL backend renumbers them to $1, $2, ... Schema
 * text may say @ID@ for an integer primary key the engine numbers itself.
 * Parameters and columns travel as text or 64-bit integers; exact decimals
 * are stored as their printed strings, never as floating point. */
#ifndef BL_STORE_DB_H
#define BL_STORE_DB_H

#include <stdint.h>

#include "report/report.h"

typedef struct bl_db bl_db;
typedef struct bl_stmt bl_stmt;

/* What a backend provides; one row per engine. */
typedef struct bl_db_ops {
	const char *name;  /* "sqlite", "postgres" */
	const char *title; /* "SQLite", "PostgreSQL": as --version lists it */
	const char *id_type;
	const char *begin_sql;
	int (*open)(bl_db *db, const char *target, int readonly);
	void (*close)(bl_db *db);
	int (*exec)(bl_db *db, const char *sql); /* no parameters, no rows */
	int (*prepare)(bl_db *db, bl_stmt *st);
	int (*step)(bl_stmt *st); /* 1 row, 0 done, -1 error */
	void (*reset)(bl_stmt *st);
	void (*finalize)(bl_stmt *st);
	const char *(*col)(bl_stmt *st, int i); /* NULL for SQL NULL */
	int (*retryable)(bl_db *db);            /* the last error was a lock or a race: try again */
	int (*reconnect)(
		bl_db *db); /* 0 when a lost connection is back; the caller drops prepared statements */
} bl_db_ops;

typedef struct bl_param {
	int type; /* 0 null, 1 int, 2 text */
	int64_t i;
	char *s; /* owned copy */
} bl_param;

#define BL_DB_MAX_PARAMS 24

struct bl_stmt {
	bl_db *db;
	const char *sql; /* the caller's string: statements are cached by its address */
	char *text;      /* as sent to the engine */
	int nparams;
	bl_param p[BL_DB_MAX_PARAMS];
	int executed; /* stepped since the last reset: parameters are bound */
	void *h;      /* sqlite3_stmt, or the PGresult of the current execution */
	int row;      /* postgres: next row to return */
	int nrows;
	int id; /* postgres: prepared statement number */
	char ibuf[32];
	/* postgres: values of the current result decoded back to their bytes
	 * (names that are not UTF-8, see pg.c), freed with the result */
	char **kept;
	size_t nkept, kept_cap;
	int *kept_at; /* per column: 1 + the index in kept of its value on row kept_row; 0 none */
	int kept_cols, kept_row;
};

struct bl_db {
	const bl_db_ops *ops;
	void *h; /* sqlite3 * or PGconn * */
	char err[512];
	char state[8]; /* postgres SQLSTATE of the last error */
	/* what the last error says about the database itself, as an errno, noted
	 * when it happens (a rollback after it must not erase it): ENOSPC its disk
	 * is full, ECONNRESET the connection is lost, EROFS it cannot be written;
	 * 0 for anything else (a bad statement, a constraint) */
	int cond;
	bl_stmt **cache;
	size_t ncache, cache_cap;
	int in_tx;
	int readonly; /* opened for reading only (bl_store_open_readonly) */
};

extern const bl_db_ops bl_db_sqlite;
extern const bl_db_ops bl_db_postgres;
/* Both, in the order bl_store_engine_at lists them. */
extern const bl_db_ops *const bl_db_engines[2];

/* Opens target: a postgres:// or postgresql:// URL, else a SQLite file;
 * readonly opens it for reading only (nothing is created). Returns NULL and
 * fills diag on failure, diag->err telling a missing or read-only database
 * (ENOENT, EROFS) from others. */
bl_db *bl_db_open(const char *target, int readonly, bl_diag *diag);

/* The last error's condition (see bl_db.cond). */
int bl_db_condition(bl_db *db);

/* The status of a failure whose condition is cond: BL_EDB for the database's
 * own trouble (so a caller never takes a file's errno for it), else BL_EIO. */
static inline bl_status bl_db_status(int cond)
{
	return cond ? BL_EDB : BL_EIO;
}

/* Re-establishes a lost connection: the statement cache is dropped (prepared
 * statements die with their connection). 0 when connected again. */
int bl_db_reconnect(bl_db *db);
void bl_db_close(bl_db *db);

/* Runs statements without parameters (schema text); @ID@ is replaced. */
int bl_db_exec(bl_db *db, const char *sql);

/* The prepared statement for sql (a string that lives as long as the
 * connection: a literal), reset and with no parameters bound. NULL on error. */
bl_stmt *bl_db_stmt(bl_db *db, const char *sql);
void bl_stmt_int(bl_stmt *st, int i, int64_t v);      /* i is 1-based */
void bl_stmt_text(bl_stmt *st, int i, const char *s); /* NULL binds NULL */
void bl_stmt_null(bl_stmt *st, int i);
/* For "(? = '' OR x LIKE ?)": s (NULL as "") at i and the pattern %s% at i + 1. */
void bl_stmt_contains(bl_stmt *st, int i, const char *s);
int bl_stmt_step(bl_stmt *st);               /* 1 row, 0 done, -1 error (message in db->err) */
const char *bl_stmt_col(bl_stmt *st, int i); /* 0-based; NULL for NULL */
int64_t bl_stmt_col_int(bl_stmt *st, int i);
/* Runs a statement that returns nothing (or whose rows are ignored); 0 or -1. */
int bl_stmt_run(bl_stmt *st);
/* Runs a statement and reads one integer from its first row: 1 found, 0 none, -1 error. */
int bl_stmt_one(bl_stmt *st, int64_t *out);

int bl_db_begin(bl_db *db);
int bl_db_commit(bl_db *db);
void bl_db_rollback(bl_db *db);

#endif
