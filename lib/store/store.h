/* store.h (private) - what the ledger's files share. */
#ifndef BL_STORE_PRIVATE_H
#define BL_STORE_PRIVATE_H

#include "budgetlint/store.h"
#include "store/db.h"

struct bl_store {
	bl_db *db;
	bl_open_options open; /* how bl_store_ingest reads the documents it files */
};

/* Current UTC time as 2026-11-23T10:00:00Z. */
void bl_store_now(char out[32]);
int bl_store_version(bl_db *db);
bl_status bl_store_migrate(bl_db *db, int max, bl_diag *diag);
/* For a database opened read-only: BL_OK when its schema is this library's;
 * else fills diag (no ledger there yet, an older or a newer schema). */
bl_status bl_store_schema_check(bl_db *db, const char *target, bl_diag *diag);

/* Filing pieces store.c and pairs.c share: the organisation a document
 * goes under (made if new; *org -1 for none), the counts of its findings by
 * severity, its findings written; 0 done, -1 failed. */
int bl_store_put_org(bl_store *s, bl_ident *id, int64_t *org);
void bl_store_counts(const bl_doc *doc, int *nerr, int *nwarn, int *ninfo);
int bl_store_put_findings(bl_db *db, int64_t id, const bl_doc *doc);
/* A document filed with its companion (bl_doc_pair) under id: the pair is
 * recorded once the companion is filed too (pairs.c). 0 done, -1 failed. */
int bl_store_note_pairing(bl_store *s, const bl_doc *doc, int64_t id, int paired);

/* Fills diag from the database's last error; returns BL_EIO. */
bl_status bl_store_fail_db(bl_store *s, bl_diag *diag, const char *what);

/* 预算/决算 for "budget"/"final", 部门/单位 for "dept"/"unit"; other for anything else. */
const char *bl_kind_zh(const char *kind, const char *other);
const char *bl_level_zh(const char *level, const char *other);

/* JSON string escaping into a buffer (evidence built before it is stored).
 * Not bl_json_put's escaper: the stored evidence keeps its bytes as they
 * were (U+FFFD raw for an invalid byte, which test_hostile_store checks);
 * what the store writes out goes through the row writer (store/rows.h). */
void bl_json_str(bl_buf *b, const char *s);

/* The region a partial name stands for: "普陀区" is 上海市普陀区 when the
 * ledger knows exactly one region ending so. Writes into out. */
void bl_store_region_complete(bl_store *s, const char *region, char *out, size_t cap);

/* A plain organisation name split as bl_store_identify splits a document's. */
void bl_ident_split(const char *name, char *region, size_t rcap, char *key, size_t kcap);

/* Days since 1970-01-01 of a YYYY-MM-DD date, or -1 when it is not one. */
long bl_store_days(const char *ymd);

#endif
