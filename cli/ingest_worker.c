/* ingest_worker.c - an ingest worker process: its own database connection, a file per job, reconnecting when the server goes away. */
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "cli_ingest.h"

static void sleep_ms(long ms)
{
	struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
	while (nanosleep(&t, &t) != 0 && errno == EINTR)
		;
}

/* The first reconnection wait: $BUDGETLINT_TEST_BACKOFF_MS lets the suite lose a server quickly. */
static long backoff_first_ms(void)
{
	const char *e = getenv("BUDGETLINT_TEST_BACKOFF_MS");
	long v = e && *e ? strtol(e, NULL, 10) : 0;
	return v > 0 ? v : RECONNECT_FIRST_MS;
}

/* ---- the worker ---- */

static void send_reply(int fd, reply *r)
{
	size_t n = offsetof(reply, msg) + strnlen(r->msg, sizeof r->msg - 1) + 1;
	r->msg[sizeof r->msg - 1] = 0;
	ssize_t w;
	do
		w = send(fd, r, n, MSG_NOSIGNAL);
	while (w < 0 && errno == EINTR);
	if (w < 0)
		_exit(4); /* the parent is gone: nothing to report to */
}

/* The connection to the database is lost: the only failure worth trying again. */
static int is_lost(bl_status st, const bl_diag *d)
{
	return st == BL_EDB && d->err == ECONNRESET;
}

/* A lost connection is tried again RECONNECT_TRIES times, waiting longer each time. */
static int reconnect(bl_store *s, bl_diag *d)
{
	long wait = backoff_first_ms();
	for (int k = 0; k < RECONNECT_TRIES; k++, wait *= 2) {
		sleep_ms(wait);
		if (bl_store_reconnect(s, d) == BL_OK)
			return 0;
	}
	return -1;
}

static bl_status open_store(const char *db, bl_store **s, bl_diag *d)
{
	long wait = backoff_first_ms();
	bl_status st = bl_store_open(db, s, d);
	for (int k = 0; is_lost(st, d) && k < RECONNECT_TRIES; k++, wait *= 2) {
		sleep_ms(wait);
		memset(d, 0, sizeof *d);
		st = bl_store_open(db, s, d);
	}
	if (st == BL_OK)
		bl_store_set_open_options(*s, cli_open_options());
	return st;
}

/* One job: a file to file (kind 'I'), a failure to record ('F') or a pair to check as one ('P'); its answer in r. */
static void do_job(bl_store *s, char kind, const char *path, const char *reason, reply *r)
{
	/* failure injection for the suite: die as a crashing parser would, or
	 * hang as a looping one would, on files whose path has this */
	const char *crash = getenv("BUDGETLINT_INJECT_CRASH");
	const char *hang = getenv("BUDGETLINT_INJECT_HANG");
	bl_diag d = {0};
	bl_status st;
	int rounds = 0; /* a server that keeps dropping the connection gets RECONNECT_TRIES rounds per job */
	memset(r, 0, sizeof *r);
	if (kind == 'F') {
		r->kind = 'R';
		while (is_lost(st = bl_store_fail(s, path, reason, &d), &d) && rounds++ < RECONNECT_TRIES &&
		       reconnect(s, &d) == 0)
			memset(&d, 0, sizeof d);
	} else if (kind == 'P') { /* path the narrative, reason its tables */
		r->kind = 'P';
		bl_pair_result pr;
		while (is_lost(st = bl_store_pair(s, path, reason, &pr, &d), &d) &&
		       rounds++ < RECONNECT_TRIES && reconnect(s, &d) == 0)
			memset(&d, 0, sizeof d);
		r->paired = !st && pr.paired, r->resolved = st ? 0 : pr.resolved;
	} else {
		if (crash && *crash && strstr(path, crash))
			raise(SIGSEGV);
		if (hang && *hang && strstr(path, hang))
			for (;;)
				pause();
		bl_ingest_result ir;
		r->kind = 'D';
		while (is_lost(st = bl_store_ingest(s, path, &ir, &d), &d) && rounds++ < RECONNECT_TRIES &&
		       reconnect(s, &d) == 0)
			memset(&d, 0, sizeof d);
		if (!st) {
			r->existed = ir.existed, r->nerror = ir.nerror, r->nwarning = ir.nwarning;
			snprintf(r->status, sizeof r->status, "%s", ir.ident.status);
			snprintf(r->msg, sizeof r->msg, "%s", ir.ident.note);
		}
		r->recorded = st ? ir.recorded : 0;
	}
	r->st = (int)st;
	r->cond = st == BL_EDB
			  ? d.err
			  : 0; /* only the database's word counts as its condition, never a file's errno */
	if (st)
		snprintf(r->msg, sizeof r->msg, "%s", d.msg[0] ? d.msg : bl_strerror(st));
}

void ingest_worker(const char *db, int fd)
{
	bl_store *s = NULL;
	bl_diag diag = {0};
	reply r = {0};
	bl_status st = open_store(db, &s, &diag);
	r.kind = st ? 'E' : 'S';
	r.st = (int)st;
	r.cond = st == BL_EDB ? diag.err : 0;
	snprintf(r.msg, sizeof r.msg, "%s", st ? diag.msg : "");
	send_reply(fd, &r);
	if (st)
		_exit(3);
	char *job = cli_xrealloc(NULL, JOB_MAX + 2);
	for (;;) {
		ssize_t n = recv(fd, job, JOB_MAX, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 1)
			break; /* the parent closed its end: the batch is over */
		job[n] = job[n + 1] = 0;
		const char *path = job + 1;
		do_job(s, job[0], path, path + strlen(path) + 1, &r);
		send_reply(fd, &r);
	}
	free(job);
	bl_store_close(s);
	_exit(0);
}
