/* store.h - the ledger: every unit's documents across years in one database, SQLite or PostgreSQL.
 *
 * A store files checked documents under region, organisation, year and
 * kind; keeps their facts, table cells and findings; runs the rules that
 * need two documents; and answers the ledger, compare and export queries.
 * The same calls work on an embedded SQLite file (the default) and on a
 * shared PostgreSQL server. Include via budgetlint.h is not enough: this
 * header is separate because it is the only part that needs a database. */
#ifndef BUDGETLINT_STORE_H
#define BUDGETLINT_STORE_H

#include <stdio.h>

#include "budgetlint.h"

typedef struct bl_store bl_store;

/* The schema version this library writes; older databases are migrated on open. */
#define BL_STORE_SCHEMA 4

/* Opens (creating and migrating as needed) the store at target: a
 * postgres:// or postgresql:// URL, else a SQLite file name. A database
 * whose schema is newer than this library is refused. Returns BL_OK and
 * *out, which the caller closes with bl_store_close; else fills diag. */
BL_API bl_status bl_store_open(const char *target, bl_store **out, bl_diag *diag);

/* The same, migrating no further than schema version max (tests of the migrations). */
BL_API bl_status bl_store_open_at(const char *target, int max, bl_store **out, bl_diag *diag);

/* How bl_store_ingest reads the documents it files (NULL: the defaults,
 * BL_OPEN_OPTIONS_INIT); copied. A store opens with the defaults. */
BL_API void bl_store_set_open_options(bl_store *s, const bl_open_options *opts);

/* Opens an existing store for reading only: nothing is created or
 * migrated, and it works on a file or directory that may not be written. A
 * WAL database whose -shm file cannot be created beside it is read as
 * immutable only when nobody can write it (a read-only mount, or no write
 * permission bit on the file or its directory), since an immutable reader
 * takes no locks and would read a writer's half-done pages; else it is
 * refused, saying what a reader needs (the -wal/-shm files, or a copy). A
 * database that does not exist, holds no ledger yet (BL_ENOENT) or has
 * another schema version (BL_EFORMAT) is refused. Queries (ledger, compare,
 * export, review list, verify) work on it; writes fail with diag->err EROFS. */
BL_API bl_status bl_store_open_readonly(const char *target, bl_store **out, bl_diag *diag);

/* Every call that fails because of the database itself, not its input,
 * returns BL_EDB and says how in diag->err: ENOSPC its disk is full,
 * ECONNRESET the connection to the server is lost (or no server answers),
 * EROFS it may not be written. Only BL_EDB means that: another status with
 * an errno in diag->err is the input's own trouble (a file on a network file
 * system that fails to read with ECONNRESET is that file's failure). A
 * caller filing many files stops on BL_EDB rather than failing every file
 * after it. A server that answers but refuses the connection (too many
 * clients, authentication, no such database) is BL_EIO: trying again does
 * not help. A server that does not answer is given connect_timeout seconds
 * (10 when the URL does not say). */

/* Connects again after a lost connection (BL_EDB, diag->err ECONNRESET); a
 * transaction in flight was rolled back by the server, so the call that
 * failed can be repeated. BL_OK when connected; else fills diag. */
BL_API bl_status bl_store_reconnect(bl_store *s, bl_diag *diag);

/* The database engines this library stores to, as --version names them:
 * "SQLite", "PostgreSQL"; NULL past the last. */
BL_API const char *bl_store_engine_at(size_t i);

BL_API void bl_store_close(bl_store *s);                /* accepts NULL */
BL_API const char *bl_store_backend(const bl_store *s); /* "sqlite" or "postgres" */
BL_API int bl_store_schema(bl_store *s);                /* the version the database is at, -1 on error */

/* Who a document is, as the ledger files it. */
typedef struct bl_ident {
	char region[96];   /* 上海市普陀区, 重庆市开州区, 上海市; "" when not found */
	char name[192];    /* the unit name, normalised (spaces, 本级 removed) */
	char key[192];     /* the name without its region: what matches across documents */
	const char *level; /* "dept", "unit" or "unknown" */
	const char *kind;  /* "budget", "final" or "unknown" */
	int year;
	char date[16];      /* publication date as YYYY-MM-DD, "" when not found */
	const char *status; /* "ok", "review" (a person should confirm), "template" */
	char note[256];     /* why review, in Chinese; "" when ok */
} bl_ident;

/* Identifies an opened document; path is used to cross-check the year and
 * kind a file name may carry. */
BL_API void bl_store_identify(const bl_doc *doc, const char *path, bl_ident *out);

/* What happened to one file given to bl_store_ingest. */
typedef struct bl_ingest_result {
	int64_t doc_id;
	int existed; /* the same bytes were already filed: nothing new written */
	bl_ident ident;
	int nerror, nwarning, ninfo;
	int recorded; /* on failure: 1 when the failure is recorded under the path, 0 when not (BL_EDB, or the record itself failed) */
} bl_ingest_result;

/* Reads, checks and files one file, in one transaction: a document is
 * written whole or not at all, so a killed run loses nothing and a rerun
 * duplicates nothing (documents are keyed by the SHA-256 of their bytes).
 * On failure returns non-zero, fills diag (its message names the file), and
 * records the failure with its reason under the path (res->recorded says
 * whether that worked: when not, the caller must record or report it); a
 * later success clears it. A failure of the database itself (BL_EDB, see
 * above) is not recorded against the file. */
BL_API bl_status bl_store_ingest(bl_store *s, const char *path, bl_ingest_result *res, bl_diag *diag);

/* The same for a document the caller has opened (from a file or from
 * memory) and usually checked already, under its path (its name): the
 * rules run once (bl_doc_check, which does nothing the second time), and
 * it is filed under the SHA-256 of the bytes it was opened from, so
 * nothing is read again and no file of that name is consulted. The caller
 * still owns and frees doc; failures, BL_EDB and res as for bl_store_ingest. */
BL_API bl_status bl_store_file(bl_store *s, bl_doc *doc, bl_ingest_result *res, bl_diag *diag);

/* A disclosure in two files that ingest filed apart (each worker takes one
 * file): a narrative and a tables file of one organisation (the level may
 * be unknown on one), year and kind, both current, never tried together.
 * fn gets their paths, valid during the call only. */
typedef void (*bl_pair_fn)(const char *narrative, const char *tables, void *ctx);
BL_API bl_status bl_store_unpaired(bl_store *s, bl_pair_fn fn, void *ctx, bl_diag *diag);

/* Opens the two files, pairs them when their content agrees (bl_doc_pairs_with,
 * as `check` does), checks each with the other and, in one transaction,
 * files both again as one disclosure: the identity one takes from the other,
 * and their own findings (run bl_store_crosscheck after). The try is
 * recorded, so a pair is tried once; res says what came of it. A
 * file whose bytes changed since it was filed is BL_ENOENT, nothing recorded. */
typedef struct bl_pair_result {
	int paired;   /* the two files were one disclosure, and are filed as one */
	int resolved; /* of the two, how many a person had to identify alone and no longer must */
} bl_pair_result;
BL_API bl_status bl_store_pair(bl_store *s, const char *narrative, const char *tables, bl_pair_result *res,
			       bl_diag *diag);

/* Records that path could not be filed, with why (a worker that crashed on it); BL_EDB as above. */
BL_API bl_status bl_store_fail(bl_store *s, const char *path, const char *reason, bl_diag *diag);

/* Reruns every rule that needs two documents (crossdoc.*, ledger.timeliness)
 * over the current version of each document and replaces their findings. */
BL_API bl_status bl_store_crosscheck(bl_store *s, bl_diag *diag);

/* Imports a CSV of what should be published: a header naming the columns
 * region, org, year, kind (预算/决算 or budget/final) and optionally
 * approval_date, due_date, url (dates YYYY-MM-DD). Rows are upserted; the
 * number imported goes to *n. A malformed row fails the whole import with
 * its line number. */
BL_API bl_status bl_store_expect_csv(bl_store *s, const char *path, int *n, bl_diag *diag);

/* Output of the queries below. */
typedef enum bl_store_fmt { BL_FMT_TEXT, BL_FMT_CSV, BL_FMT_JSON, BL_FMT_FDP } bl_store_fmt;

/* The organisation x year x kind matrix: each filed document with its
 * version count and findings by severity; expected but missing documents
 * (overdue when their due date is before today, YYYY-MM-DD); files that
 * failed; documents whose identification needs a person. */
BL_API bl_status bl_store_ledger(bl_store *s, FILE *out, bl_store_fmt fmt, const char *today, bl_diag *diag);

/* Side by side by fact key: one organisation across years (org names
 * one, by any part of its name) or, with year > 0 and org NULL, every
 * organisation of that year. kind is "budget", "final" or NULL for both. */
BL_API bl_status bl_store_compare(bl_store *s, FILE *out, bl_store_fmt fmt, const char *org, int year,
				  const char *kind, bl_diag *diag);

/* The cross-document findings (crossdoc.*, ledger.*) of the documents
 * filed under the paths given, as compiler-style text naming the other
 * document; errors among them counted into *nerrors. */
BL_API bl_status bl_store_findings(bl_store *s, FILE *out, const char *const *paths, size_t n,
				   bl_severity min, int *nerrors, bl_diag *diag);

/* Exports the current version of every document: facts, table cells and
 * findings. CSV and JSON go to out; FDP (a Fiscal Data Package) is written
 * as a directory dir holding datapackage.json and its CSV resources. Every
 * export names the document versions (hashes) and the rule set. */
BL_API bl_status bl_store_export(bl_store *s, FILE *out, bl_store_fmt fmt, const char *dir, bl_diag *diag);

/* Records a reviewer's decision on a finding named by its fingerprint (or
 * an unambiguous prefix of at least 8 hex digits): "confirmed", "rejected"
 * (a false finding) or "fixed". Decisions survive re-checks with the same
 * rules; the ledger's counts leave out rejected and fixed findings. *matched
 * is how many rows took the decision. */
BL_API bl_status bl_store_review(bl_store *s, const char *fingerprint, const char *decision,
				 const char *reviewer, const char *note, int *matched, bl_diag *diag);

/* Warnings and errors with their fingerprints and decisions, of the
 * documents whose path contains path (all when NULL or ""). */
BL_API bl_status bl_store_review_list(bl_store *s, FILE *out, const char *path, bl_diag *diag);

/* PRAGMA integrity_check (SQLite) or a consistency query (PostgreSQL),
 * plus the ledger's own invariants: each content hash filed once, every
 * fact and finding attached to a document. 0 when sound; else fills diag. */
BL_API bl_status bl_store_verify(bl_store *s, bl_diag *diag);

#endif
