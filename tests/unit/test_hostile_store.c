/* test_hostile_store.c - the ledger when things go wrong: a full disk, a lost server, a read-only database, file names that are not text.
 *
 * On SQLite by default; on PostgreSQL when BL_TEST_DB names a fresh
 * database (as test_store). The full disk is SQLite's own page limit (PRAGMA
 * max_page_count), which fails a write exactly as a full disk does
 * (SQLITE_FULL); the lost server is our connection terminated by another. */
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "budgetlint/store.h"
#include "harness.h"
#include "store/store.h"

static char dir[256];

/* A small budget of unit i: each i is another organisation and other bytes. */
static const char *write_doc(const char *name, int i)
{
	static char paths[8][512];
	static int n;
	char *p = paths[n++ % 8];
	snprintf(p, 512, "%s/%s", dir, name);
	FILE *fp = fopen(p, "w");
	if (!fp)
		return p;
	fprintf(fp,
		"上海市普陀区测试%d局2024年部门预算\n\n一、收支预算总体情况说明\n"
		"2024年，上海市普陀区测试%d局收入预算%d.00万元，其中：财政拨款收入%d.00万元。\n支出预算%d.00万元。\n",
		i, i, 1000 + i, 1000 + i, 1000 + i);
	for (int k = 0; k < 40 && i >= 100; k++) /* a bigger one: more pages of the database */
		fprintf(fp, "%d. 项目%d支出预算%d.%02d万元，主要用于测试。\n", k + 1, k, 10 + k, k);
	fclose(fp);
	return p;
}

static const char q_file_path[] = "SELECT path FROM files WHERE path LIKE ?";
static const char q_fail_count[] = "SELECT COUNT(*) FROM failures WHERE path = ?";
static const char q_doc_count[] = "SELECT COUNT(*) FROM documents";
static const char q_page_count[] = "PRAGMA page_count";
static const char q_backend_pid[] = "SELECT pg_backend_pid()";
static const char q_terminate[] = "SELECT pg_terminate_backend(CAST(? AS INTEGER))";

static int64_t one(bl_store *s, const char *sql, const char *arg)
{
	int64_t v = -1;
	bl_stmt *st = bl_db_stmt(s->db, sql);
	if (!st)
		return -1;
	if (arg)
		bl_stmt_text(st, 1, arg);
	return bl_stmt_one(st, &v) == 1 ? v : -1;
}

static char *ledger_text(bl_store *s)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *m = open_memstream(&buf, &n);
	bl_diag d = {0};
	bl_status st = bl_store_ledger(s, m, BL_FMT_TEXT, "2026-11-23", &d);
	fclose(m);
	CHECK(st == BL_OK, "ledger: %s", d.msg);
	return buf;
}

/* The evidence JSON the store writes is valid UTF-8 JSON whatever it is given. */
static void test_json_str(void)
{
	bl_buf b = BL_BUF_INIT((size_t)1 << 16);
	bl_json_str(&b, "a\xff\x1b\x7f\"\n名\xe5\x90");
	bl_buf_putc(&b, 0);
	CHECK(bl_utf8_valid(b.p, strlen(b.p)), "not UTF-8: %s", b.p);
	CHECK(!strchr(b.p, 0x1b) && !strchr(b.p, 0x7f) && !strchr(b.p, '\n'), "a raw control character: %s", b.p);
	CHECK(strstr(b.p, "\\u001b") && strstr(b.p, "\\u007f") && strstr(b.p, "\\\"") && strstr(b.p, "名") &&
		      strstr(b.p, "\xEF\xBF\xBD"),
	      "%s", b.p);
	bl_buf_release(&b);
}

/* A file name of bytes that are not UTF-8, with a newline and an escape
 * sequence: filed under its bytes (PostgreSQL: invalid bytes as U+F7xx), a
 * failure under such a name recorded, and the text ledger one clean line each. */
static void test_names(const char *target, int pg)
{
	bl_store *s = NULL;
	bl_diag d = {0};
	CHECK(bl_store_open(target, &s, &d) == BL_OK, "%s", d.msg);
	if (!s)
		return;
	const char *path = write_doc("n\xff\xfe-\n-\x1b[31m.txt", 1);
	bl_ingest_result r;
	CHECK(bl_store_ingest(s, path, &r, &d) == BL_OK, "a file name that is not UTF-8 is not filed: %s", d.msg);
	char want[600];
	if (pg) /* U+F7FF is EF 9F BF, U+F7FE is EF 9F BE */
		snprintf(want, sizeof want, "%s/n\xEF\x9F\xBF\xEF\x9F\xBE-\n-\x1b[31m.txt", dir);
	else
		snprintf(want, sizeof want, "%s", path);
	bl_stmt *st = bl_db_stmt(s->db, q_file_path);
	char like[600];
	snprintf(like, sizeof like, "%s/n%%", dir);
	int found = 0;
	if (st) {
		bl_stmt_text(st, 1, like);
		while (bl_stmt_step(st) == 1)
			found += !strcmp(bl_stmt_col(st, 0), want);
	}
	CHECK(found == 1, "the path's bytes are not kept (%d rows)", found);
	/* a failure under another such name (a text that says it is a DOCX) */
	const char *bad = write_doc("f\xff\n\x07.docx", 2);
	CHECK(bl_store_ingest(s, bad, &r, &d) != BL_OK, "a text named .docx is filed");
	CHECK(d.err == 0, "the file's own failure is taken for the database's: %d", d.err);
	CHECK(bl_store_fail(s, bad, "worker killed by signal 11 (Segmentation fault)", &d) == BL_OK, "%s", d.msg);
	char *text = ledger_text(s);
	if (text) {
		CHECK(!strchr(text, 0x1b) && !strchr(text, 0x07), "a control character from a file name in the ledger");
		CHECK(bl_utf8_valid(text, strlen(text)), "the text ledger is not UTF-8");
		const char *f = strstr(text, "读取失败（1）:\n");
		CHECK(f && strstr(f, "signal 11") && !strchr(strchr(f, '\n') + 1, '\n')[1], "the failure is not one line: %s", f ? f : text);
	}
	free(text);
	bl_store_close(s);
}

/* A full disk: the write fails with ENOSPC named against the file, nothing
 * of the document is left, and once there is room the same call files it. */
static void test_full(const char *target)
{
	bl_store *s = NULL;
	bl_diag d = {0};
	CHECK(bl_store_open(target, &s, &d) == BL_OK, "%s", d.msg);
	if (!s)
		return;
	bl_ingest_result r;
	const char *small = write_doc("full-a.txt", 3);
	CHECK(bl_store_ingest(s, small, &r, &d) == BL_OK, "%s", d.msg);
	int64_t docs = one(s, q_doc_count, NULL), pages = one(s, q_page_count, NULL);
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA max_page_count = %lld", (long long)pages);
	CHECK(pages > 0 && bl_db_exec(s->db, sql) == 0, "cannot cap the database at %lld pages", (long long)pages);
	const char *big = write_doc("full-b.txt", 100);
	memset(&d, 0, sizeof d);
	CHECK(bl_store_ingest(s, big, &r, &d) != BL_OK, "filed past the page limit");
	CHECK(d.err == ENOSPC, "a full disk not told from a bad file: err %d (%s)", d.err, d.msg);
	CHECK(strstr(d.msg, big) && !strcmp(d.path, big), "the error names no file: %s", d.msg);
	CHECK(one(s, q_doc_count, NULL) == docs, "a document half-written on a full disk");
	CHECK(one(s, q_fail_count, big) == 0, "the database's failure recorded against the file");
	CHECK(bl_store_verify(s, &d) == BL_OK, "%s", d.msg);
	CHECK(bl_db_exec(s->db, "PRAGMA max_page_count = 1073741823") == 0, "%s", s->db->err);
	CHECK(bl_store_ingest(s, big, &r, &d) == BL_OK, "once there is room: %s", d.msg);
	CHECK(one(s, q_doc_count, NULL) == docs + 1 && bl_store_verify(s, &d) == BL_OK, "%s", d.msg);
	bl_store_close(s);
}

/* Read-only: nothing created or migrated, every query works, a write is refused with EROFS. */
static void test_readonly(const char *target, int pg)
{
	bl_store *s = NULL;
	bl_diag d = {0};
	if (!pg) {
		char none[300];
		snprintf(none, sizeof none, "%s/none.db", dir);
		CHECK(bl_store_open_readonly(none, &s, &d) == BL_ENOENT && !s, "a missing database opened: %s", d.msg);
		CHECK(access(none, F_OK) != 0, "opening for reading created %s", none);
		bl_store_close(s);
		s = NULL;
	}
	memset(&d, 0, sizeof d);
	CHECK(bl_store_open_readonly(target, &s, &d) == BL_OK, "%s", d.msg);
	if (!s)
		return;
	char *text = ledger_text(s);
	CHECK(text && strstr(text, "测试1局"), "the read-only ledger lacks what is filed");
	free(text);
	CHECK(bl_store_verify(s, &d) == BL_OK, "%s", d.msg);
	char *buf = NULL;
	size_t n = 0;
	FILE *m = open_memstream(&buf, &n);
	CHECK(bl_store_export(s, m, BL_FMT_JSON, NULL, &d) == BL_OK, "%s", d.msg);
	CHECK(bl_store_review_list(s, m, NULL, &d) == BL_OK, "%s", d.msg);
	CHECK(bl_store_compare(s, m, BL_FMT_TEXT, NULL, 2024, NULL, &d) == BL_OK, "%s", d.msg);
	fclose(m);
	free(buf);
	bl_ingest_result r;
	memset(&d, 0, sizeof d);
	CHECK(bl_store_ingest(s, write_doc("ro.txt", 4), &r, &d) != BL_OK, "filed into a read-only database");
	CHECK(d.err == EROFS, "a read-only database not said: err %d (%s)", d.err, d.msg);
	bl_store_close(s);
}

/* A lost server connection (PostgreSQL): said as ECONNRESET, and after a
 * reconnect the same call succeeds; for SQLite reconnecting is a no-op. */
static void test_lost(const char *target, int pg)
{
	bl_store *s = NULL, *killer = NULL;
	bl_diag d = {0};
	CHECK(bl_store_open(target, &s, &d) == BL_OK, "%s", d.msg);
	if (!s)
		return;
	if (!pg) {
		CHECK(bl_store_reconnect(s, &d) == BL_OK, "%s", d.msg);
		bl_store_close(s);
		return;
	}
	CHECK(bl_store_open(target, &killer, &d) == BL_OK, "%s", d.msg);
	int64_t pid = one(s, q_backend_pid, NULL);
	char pids[32];
	snprintf(pids, sizeof pids, "%lld", (long long)pid);
	CHECK(pid > 0 && killer && one(killer, q_terminate, pids) >= 0, "cannot end the connection %lld", (long long)pid);
	struct timespec t = {0, 200000000}; /* the server ends the backend a moment later */
	nanosleep(&t, NULL);
	bl_ingest_result r;
	const char *path = write_doc("lost.txt", 5);
	memset(&d, 0, sizeof d);
	CHECK(bl_store_ingest(s, path, &r, &d) != BL_OK, "filed on a terminated connection");
	CHECK(d.err == ECONNRESET && strstr(d.msg, path), "a lost connection not said, or no file named: err %d (%s)", d.err,
	      d.msg);
	CHECK(bl_store_reconnect(s, &d) == BL_OK, "%s", d.msg);
	CHECK(bl_store_ingest(s, path, &r, &d) == BL_OK && !r.existed, "after reconnecting: %s", d.msg);
	bl_store_close(killer);
	bl_store_close(s);
}

int main(void)
{
	snprintf(dir, sizeof dir, "/tmp/bl_hostile_%d", (int)getpid());
	mkdir(dir, 0755);
	const char *env = getenv("BL_TEST_DB");
	char target[512];
	int pg = env && *env;
	if (pg)
		snprintf(target, sizeof target, "%s", env);
	else
		snprintf(target, sizeof target, "%s/ledger.db", dir);
	printf("backend: %s\n", pg ? "postgres" : "sqlite");
	test_json_str();
	test_names(target, pg);
	if (!pg)
		test_full(target);
	test_readonly(target, pg);
	test_lost(target, pg);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		printf("could not remove %s\n", dir);
	DONE("test_hostile_store");
}
