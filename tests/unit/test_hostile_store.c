/* test_hostile_store.c - the ledger when things go wrong: a full disk, a lost server, a read-only database, file names that are not text.
 *
 * On SQLite by default; on PostgreSQL when BL_TEST_DB names a fresh
 * database (as test_store). The full disk is SQLite's own page limit (PRAGMA
 * max_page_count), which fails a write exactly as a full disk does
 * (SQLITE_FULL); the lost server is our connection terminated by another; a
 * database that refuses a row is a trigger; a server that never answers is
 * a Unix socket that listens and never accepts. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
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
		"2024年，上海市普陀区测试%d局收入预算%d.00万元，其中：财政拨款收入%d.00万元。\n支出预算%d."
		"00万元。\n",
		i, i, 1000 + i, 1000 + i, 1000 + i);
	for (int k = 0; k < 40 && i >= 100; k++) /* a bigger one: more pages of the database */
		fprintf(fp, "%d. 项目%d，支出预算%d.%02d万元，主要用于测试。\n", k + 1, k, 10 + k, k);
	fclose(fp);
	return p;
}

static const char q_file_path[] = "SELECT path FROM files WHERE path LIKE ?";
static const char q_file_hex[] =
	"SELECT encode(convert_to(path, 'UTF8'), 'hex') FROM files WHERE path LIKE ?";
static const char q_fail_path[] = "SELECT path FROM failures WHERE path LIKE ?";
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
	CHECK(!strchr(b.p, 0x1b) && !strchr(b.p, 0x7f) && !strchr(b.p, '\n'), "a raw control character: %s",
	      b.p);
	CHECK(strstr(b.p, "\\u001b") && strstr(b.p, "\\u007f") && strstr(b.p, "\\\"") && strstr(b.p, "名") &&
		      strstr(b.p, "\xEF\xBF\xBD"),
	      "%s", b.p);
	bl_buf_release(&b);
}

/* A file name of bytes that are not UTF-8, with a newline and an escape
 * sequence: filed under its bytes (PostgreSQL: invalid bytes as U+F7xx on
 * the server, read back as the bytes), a failure under such a name recorded,
 * and the text ledger one clean line each. */
static void test_names(const char *target, int pg)
{
	bl_store *s = NULL;
	bl_diag d = {0};
	CHECK(bl_store_open(target, &s, &d) == BL_OK, "%s", d.msg);
	if (!s)
		return;
	const char *path = write_doc("n\xff\xfe-\n-\x1b[31m.txt", 1);
	bl_ingest_result r;
	CHECK(bl_store_ingest(s, path, &r, &d) == BL_OK, "a file name that is not UTF-8 is not filed: %s",
	      d.msg);
	char want[600];
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
	if (pg && (st = bl_db_stmt(s->db,
				   q_file_hex))) { /* on the server: U+F7FF is EF 9F BF, U+F7FE is EF 9F BE */
		bl_stmt_text(st, 1, like);
		const char *hex = bl_stmt_step(st) == 1 ? bl_stmt_col(st, 0) : "";
		CHECK(strstr(hex, "6eef9fbfef9fbe2d0a2d1b5b33316d2e747874") != NULL,
		      "not kept as U+F7xx on the server: %s", hex);
		bl_stmt_run(st);
	}
	/* a failure under another such name (a text that says it is a DOCX) */
	const char *bad = write_doc("f\xff\n\x07.docx", 2);
	bl_status fst = bl_store_ingest(s, bad, &r, &d);
	CHECK(fst != BL_OK && fst != BL_EDB,
	      "a text named .docx is filed, or its failure is the database's: %d", (int)fst);
	CHECK(d.err == 0, "the file's own failure is taken for the database's: %d", d.err);
	CHECK(r.recorded == 1, "the file's failure is not said to be recorded");
	CHECK(bl_store_fail(s, bad, "worker killed by signal 11 (Segmentation fault)", &d) == BL_OK, "%s",
	      d.msg);
	char *text = ledger_text(s);
	if (text) {
		CHECK(!strchr(text, 0x1b) && !strchr(text, 0x07),
		      "a control character from a file name in the ledger");
		CHECK(bl_utf8_valid(text, strlen(text)), "the text ledger is not UTF-8");
		const char *f = strstr(text, "读取失败（1）:\n");
		CHECK(f && strstr(f, "signal 11") && !strchr(strchr(f, '\n') + 1, '\n')[1],
		      "the failure is not one line: %s", f ? f : text);
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
	CHECK(pages > 0 && bl_db_exec(s->db, sql) == 0, "cannot cap the database at %lld pages",
	      (long long)pages);
	const char *big = write_doc("full-b.txt", 100);
	memset(&d, 0, sizeof d);
	CHECK(bl_store_ingest(s, big, &r, &d) != BL_OK, "filed past the page limit");
	CHECK(d.status == BL_EDB && d.err == ENOSPC,
	      "a full disk not told from a bad file: status %d err %d (%s)", (int)d.status, d.err, d.msg);
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
		CHECK(bl_store_open_readonly(none, &s, &d) == BL_ENOENT && !s,
		      "a missing database opened: %s", d.msg);
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
	CHECK(d.status == BL_EDB && d.err == EROFS, "a read-only database not said: status %d err %d (%s)",
	      (int)d.status, d.err, d.msg);
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
	CHECK(pid > 0 && killer && one(killer, q_terminate, pids) >= 0, "cannot end the connection %lld",
	      (long long)pid);
	struct timespec t = {0, 200000000}; /* the server ends the backend a moment later */
	nanosleep(&t, NULL);
	bl_ingest_result r;
	const char *path = write_doc("lost.txt", 5);
	memset(&d, 0, sizeof d);
	CHECK(bl_store_ingest(s, path, &r, &d) != BL_OK, "filed on a terminated connection");
	CHECK(d.status == BL_EDB && d.err == ECONNRESET && strstr(d.msg, path),
	      "a lost connection not said, or no file named: status %d err %d (%s)", (int)d.status, d.err,
	      d.msg);
	CHECK(bl_store_reconnect(s, &d) == BL_OK, "%s", d.msg);
	CHECK(bl_store_ingest(s, path, &r, &d) == BL_OK && !r.existed, "after reconnecting: %s", d.msg);
	bl_store_close(killer);
	bl_store_close(s);
}

/* Names that are not UTF-8 beside names holding the code points PostgreSQL
 * carries them as (U+F7FF is what byte FF maps to; U+F700 and U+F780 the
 * range's ends): filed as three files, each read back as its own bytes
 * (the mapping is a bijection), and so are failures under such names. */
static void test_bijective(const char *target)
{
	bl_store *s = NULL;
	bl_diag d = {0};
	CHECK(bl_store_open(target, &s, &d) == BL_OK, "%s", d.msg);
	if (!s)
		return;
	static const char *const names[] = {"b\xff.txt", "b\xEF\x9F\xBF.txt", "b\xEF\x9C\x80\xEF\x9E\x80.txt",
					    "b\xEF\x9E\x80\xfe.txt"};
	const int n = (int)(sizeof names / sizeof names[0]);
	char paths[4][512];
	bl_ingest_result r;
	for (int i = 0; i < n; i++) {
		snprintf(paths[i], sizeof paths[i], "%s", write_doc(names[i], 20 + i));
		CHECK(bl_store_ingest(s, paths[i], &r, &d) == BL_OK && !r.existed, "%s", d.msg);
	}
	char like[600];
	snprintf(like, sizeof like, "%s/b%%", dir);
	int rows = 0, match[4] = {0};
	bl_stmt *st = bl_db_stmt(s->db, q_file_path);
	if (st) {
		bl_stmt_text(st, 1, like);
		for (; bl_stmt_step(st) == 1; rows++)
			for (int i = 0; i < n; i++)
				match[i] += !strcmp(bl_stmt_col(st, 0), paths[i]);
	}
	CHECK(rows == n, "%d files held for %d names: two names taken for one", rows, n);
	for (int i = 0; i < n; i++)
		CHECK(match[i] == 1, "name %d not read back as its bytes (%d)", i, match[i]);
	const char *fail = write_doc("g\xEF\x9F\xBF\xff.docx", 25);
	CHECK(bl_store_ingest(s, fail, &r, &d) != BL_OK && r.recorded, "%s", d.msg);
	snprintf(like, sizeof like, "%s/g%%", dir);
	int got = 0;
	if ((st = bl_db_stmt(s->db, q_fail_path))) {
		bl_stmt_text(st, 1, like);
		while (bl_stmt_step(st) == 1)
			got += !strcmp(bl_stmt_col(st, 0), fail);
	}
	CHECK(got == 1, "a failure's name not read back as its bytes");
	bl_store_close(s);
}

/* A failure is never missing from the ledger unsaid: one met recording a
 * second path for filed bytes is recorded like any other; one whose record
 * the database refuses says so (recorded 0), so the caller can tell. The
 * refusals are triggers: not the database's condition, only its answer. */
static void test_unrecorded(const char *target, int pg)
{
	bl_store *s = NULL;
	bl_diag d = {0};
	CHECK(bl_store_open(target, &s, &d) == BL_OK, "%s", d.msg);
	if (!s)
		return;
	bl_ingest_result r;
	char first[512], dup[512];
	snprintf(first, sizeof first, "%s", write_doc("u-a.txt", 30));
	snprintf(dup, sizeof dup, "%s", write_doc("dup-refused.txt", 30)); /* the same bytes */
	CHECK(bl_store_ingest(s, first, &r, &d) == BL_OK, "%s", d.msg);
	const char *sql =
		pg ? "CREATE FUNCTION bl_refuse() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RAISE EXCEPTION "
		     "''refused''; END';"
		     " CREATE TRIGGER refuse_path BEFORE INSERT ON files FOR EACH ROW WHEN (NEW.path LIKE "
		     "'%dup-refused%')"
		     " EXECUTE FUNCTION bl_refuse();"
		     " CREATE TRIGGER refuse_fail BEFORE INSERT ON failures FOR EACH ROW WHEN (NEW.path LIKE "
		     "'%never%')"
		     " EXECUTE FUNCTION bl_refuse();"
		   : "CREATE TRIGGER refuse_path BEFORE INSERT ON files WHEN NEW.path LIKE '%dup-refused%'"
		     " BEGIN SELECT RAISE(ABORT, 'refused'); END;"
		     " CREATE TRIGGER refuse_fail BEFORE INSERT ON failures WHEN NEW.path LIKE '%never%'"
		     " BEGIN SELECT RAISE(ABORT, 'refused'); END;";
	CHECK(bl_db_exec(s->db, sql) == 0, "%s", s->db->err);
	memset(&d, 0, sizeof d);
	bl_status st = bl_store_ingest(s, dup, &r, &d);
	CHECK(st != BL_OK && st != BL_EDB && strstr(d.msg, dup), "recording a second path: status %d (%s)",
	      (int)st, d.msg);
	CHECK(one(s, q_fail_count, dup) == 1 && r.recorded == 1,
	      "a failure recording a path is not in the ledger (recorded %d)", r.recorded);
	const char *never = write_doc("never.docx", 31); /* a text that says it is a DOCX */
	memset(&d, 0, sizeof d);
	st = bl_store_ingest(s, never, &r, &d);
	CHECK(st != BL_OK && st != BL_EDB && r.recorded == 0 && one(s, q_fail_count, never) == 0,
	      "a refused failure record said to be recorded: status %d recorded %d", (int)st, r.recorded);
	CHECK(strstr(d.msg, "named docx") != NULL, "the file's failure is not the one reported: %s", d.msg);
	bl_db_exec(s->db, pg ? "DROP TRIGGER refuse_path ON files; DROP TRIGGER refuse_fail ON failures"
			     : "DROP TRIGGER refuse_path; DROP TRIGGER refuse_fail");
	bl_store_close(s);
}

/* A server that refuses a connection (here: no such database) is an error
 * at once, not a lost server (ECONNRESET) to reconnect to for 15 s; its
 * message is libpq's usual one, without the verbose SQLSTATE and LOCATION. */
static void test_refused(const char *url)
{
	char none[1024];
	const char *q = strchr(url, '?');
	snprintf(none, sizeof none, "postgresql:///bl_no_such_database%s", q ? q : "");
	bl_store *s = NULL;
	bl_diag d = {0};
	time_t t0 = time(NULL);
	bl_status st = bl_store_open(none, &s, &d);
	CHECK(st == BL_EIO && d.err == 0 && !s,
	      "a refused connection taken for a lost one: status %d err %d (%s)", (int)st, d.err, d.msg);
	CHECK(strstr(d.msg, "does not exist") && !strstr(d.msg, "3D000") && !strstr(d.msg, "LOCATION") &&
		      !strchr(d.msg, '\n'),
	      "the refusal not said plainly: %s", d.msg);
	CHECK(time(NULL) - t0 < 5, "a refused connection took %lld s", (long long)(time(NULL) - t0));
	bl_store_close(s);
}

/* A server that accepts and never answers (a black-holed network): the
 * connection gives up after connect_timeout, 10 s when the URL sets none,
 * as BL_EDB/ECONNRESET, instead of hanging for ever. */
static void test_silent_server(void)
{
	char sock_dir[300], sock[400], url[800];
	snprintf(sock_dir, sizeof sock_dir, "%s/silent", dir);
	mkdir(sock_dir, 0755);
	snprintf(sock, sizeof sock, "%s/.s.PGSQL.5999", sock_dir);
	struct sockaddr_un a = {.sun_family = AF_UNIX};
	if (strlen(sock) >= sizeof a.sun_path) {
		CHECK(0, "a socket path too long: %s", sock);
		return;
	}
	memcpy(a.sun_path, sock, strlen(sock) + 1);
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK(fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof a) == 0 && listen(fd, 8) == 0,
	      "cannot listen on %s", sock);
	snprintf(url, sizeof url, "postgresql:///x?host=%s&port=5999&user=nobody", sock_dir);
	time_t t0 = time(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		bl_store *s = NULL;
		bl_diag d = {0};
		bl_status st = bl_store_open(url, &s, &d);
		_exit(st == BL_EDB && d.err == ECONNRESET &&
				      strstr(d.msg, "no answer from the server within 10 s")
			      ? 0
			      : 1);
	}
	int status = -1;
	while (pid > 0 && waitpid(pid, &status, WNOHANG) == 0 && time(NULL) - t0 < 30) {
		struct timespec t = {0, 100000000};
		nanosleep(&t, NULL);
	}
	long spent = (long)(time(NULL) - t0);
	if (pid > 0 && spent >= 30) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	CHECK(spent < 30 && WIFEXITED(status) && WEXITSTATUS(status) == 0 && spent >= 8,
	      "a silent server: %ld s, status %d (hangs for ever without a connect_timeout)", spent, status);
	close(fd);
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
	test_bijective(target);
	test_unrecorded(target, pg);
	if (pg)
		test_refused(env);
	else /* once: it needs no server, and waits the default connect_timeout */
		test_silent_server();
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		printf("could not remove %s\n", dir);
	DONE("test_hostile_store");
}
