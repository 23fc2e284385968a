/* cmd_ingest.c - `budgetlint ingest`: file many documents into the ledger with N worker processes.
 *
 * Workers are processes, not threads: a parser that crashes on one file
 * takes down one worker, the file is recorded as failed with the signal,
 * and a new worker takes over. Each worker has its own database
 * connection and files each document in one transaction, so killing the
 * whole batch loses only the documents in flight, and a rerun (documents
 * are keyed by content hash) files exactly those.
 *
 * The parent walks the paths and hands each file to an idle worker as it
 * is found, over a socket pair per worker (a packet per file, so a name may
 * hold any byte but NUL): memory holds the files in flight, not the whole
 * input. The parent knows which file each worker has, so a worker that
 * dies or runs past the time limit costs that one file, recorded as failed
 * with the reason; the record is written by the next worker (the parent
 * holds no database connection while it forks). Every file is filed, or
 * recorded as failed, or, when the database itself fails (its disk full,
 * the server gone after some reconnection attempts), the batch stops with
 * one line saying how far it got: a rerun files the rest. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "budgetlint/store.h"
#include "cli.h"

#define MAX_JOBS 64
/* Wall time one file may take in a worker (--timeout): the slowest corpus
 * document takes 0.3 s, so this is room for long documents and scanned
 * pages through OCR (a very long scan may need more: --timeout), while a
 * parser stuck in a loop no longer holds a worker for ever. */
#define DEFAULT_TIMEOUT_S 120
#define MAX_TIMEOUT_S 86400
/* Input per run (--max-files, --max-bytes): a whole province's disclosures
 * over years are tens of thousands of files and a few GiB; far past that
 * the path given is most likely a mistake (/, a backup volume), and the run
 * would hold the machine and the database for days. */
#define DEFAULT_MAX_FILES 200000
#define DEFAULT_MAX_BYTES ((int64_t)64 << 30)
/* One job packet: a path and, for a failure record, its reason. Paths from
 * the walk are far shorter (PATH_MAX); a longer one cannot be opened. */
#define JOB_MAX 65536
/* A lost database connection: attempts to reconnect, the first wait in ms
 * (each wait doubles: 0.5 + 1 + 2 + 4 + 8 s, a server restart's time). */
#define RECONNECT_TRIES 5
#define RECONNECT_FIRST_MS 500
/* Workers dying one after another without a file in hand (so without
 * progress) before the batch gives up instead of forking for ever. */
#define MAX_IDLE_DEATHS 5

/* Why a batch stops before its input ends. */
enum { GO = 0, STOP_CAP, STOP_FULL, STOP_LOST, STOP_READONLY, STOP_WORKERS };

/* A worker's answer: one packet per job. */
typedef struct reply {
	char kind; /* 'D' a file done (filed or failed), 'R' a failure recorded, 'E' no database */
	int st;    /* bl_status */
	int err;   /* the database's condition (diag.err): ENOSPC, ECONNRESET, EROFS or 0 */
	int existed, nerror, nwarning;
	char status[16]; /* the identification's status */
	char msg[1024];  /* the failure, or the identification's note */
} reply;

typedef struct worker {
	pid_t pid;    /* 0: no process */
	int fd;       /* the parent's end of the socket pair */
	char *path;   /* the file or failure record in hand (owned); NULL when idle */
	char *reason; /* a failure record's reason (owned); NULL for a file */
	double since; /* when the job was handed over */
	int killed;   /* killed for running past the time limit */
} worker;

typedef struct failure {
	char *path, *reason;
} failure;

typedef struct queue {
	failure *v;
	size_t head, n, cap;
} queue;

typedef struct tally {
	size_t done, filed, same, failed, review, unfiled;
} tally;

typedef struct batch {
	const char *db;
	int jobs, verbose, quiet, tty;
	int timeout;
	int64_t max_files, max_bytes;
	worker w[MAX_JOBS];
	queue pending; /* failure records for the next idle worker */
	queue left;    /* failure records a worker died writing: the parent writes them at the end */
	size_t found;
	int64_t bytes;
	tally t;
	int walking;
	int stop;
	int idle_deaths;
	double t0, last;
} batch;

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) {
		cli_error("out of memory");
		abort();
	}
	return p;
}

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

static void queue_push(queue *q, char *path, char *reason)
{
	if (q->head + q->n == q->cap) {
		if (q->head) { /* reuse the consumed front before growing */
			memmove(q->v, q->v + q->head, q->n * sizeof *q->v);
			q->head = 0;
		} else {
			q->cap = q->cap ? q->cap * 2 : 16;
			failure *v = realloc(q->v, q->cap * sizeof *v);
			if (!v) {
				cli_error("out of memory");
				abort();
			}
			q->v = v;
		}
	}
	q->v[q->head + q->n++] = (failure){path, reason};
}

static failure queue_pop(queue *q)
{
	failure f = q->v[q->head++];
	if (--q->n == 0)
		q->head = 0;
	return f;
}

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
	for (int k = 0; st && d->err == ECONNRESET && k < RECONNECT_TRIES; k++, wait *= 2) {
		sleep_ms(wait);
		st = bl_store_open(db, s, d);
	}
	return st;
}

static void run_worker(const char *db, int fd)
{
	/* failure injection for the suite: die as a crashing parser would, or
	 * hang as a looping one would, on files whose path has this */
	const char *crash = getenv("BUDGETLINT_INJECT_CRASH");
	const char *hang = getenv("BUDGETLINT_INJECT_HANG");
	bl_store *s = NULL;
	bl_diag diag = {0};
	reply r = {0};
	if (open_store(db, &s, &diag) != BL_OK) {
		r.kind = 'E', r.st = (int)diag.status, r.err = diag.err;
		snprintf(r.msg, sizeof r.msg, "%s", diag.msg);
		send_reply(fd, &r);
		_exit(3);
	}
	char *job = xmalloc(JOB_MAX + 2);
	for (;;) {
		ssize_t n = recv(fd, job, JOB_MAX, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 1)
			break; /* the parent closed its end: the batch is over */
		job[n] = job[n + 1] = 0;
		const char *path = job + 1, *reason = path + strlen(path) + 1;
		memset(&r, 0, sizeof r);
		bl_diag d = {0};
		bl_status st;
		int rounds = 0; /* a server that keeps dropping the connection gets RECONNECT_TRIES rounds per job */
		if (job[0] == 'F') {
			r.kind = 'R';
			while ((st = bl_store_fail(s, path, reason, &d)) && d.err == ECONNRESET && rounds++ < RECONNECT_TRIES &&
			       reconnect(s, &d) == 0)
				memset(&d, 0, sizeof d);
		} else {
			if (crash && *crash && strstr(path, crash))
				raise(SIGSEGV);
			if (hang && *hang && strstr(path, hang))
				for (;;)
					pause();
			bl_ingest_result ir;
			r.kind = 'D';
			while ((st = bl_store_ingest(s, path, &ir, &d)) && d.err == ECONNRESET && rounds++ < RECONNECT_TRIES &&
			       reconnect(s, &d) == 0)
				memset(&d, 0, sizeof d);
			if (!st) {
				r.existed = ir.existed, r.nerror = ir.nerror, r.nwarning = ir.nwarning;
				snprintf(r.status, sizeof r.status, "%s", ir.ident.status);
				snprintf(r.msg, sizeof r.msg, "%s", ir.ident.note);
			}
		}
		r.st = (int)st, r.err = st ? d.err : 0;
		if (st)
			snprintf(r.msg, sizeof r.msg, "%s", d.msg[0] ? d.msg : bl_strerror(st));
		send_reply(fd, &r);
	}
	free(job);
	bl_store_close(s);
	_exit(0);
}

/* ---- the parent ---- */

/* A failure message naming the file once: the library's message usually
 * holds the path (shown quoted); one that does not gets it in front. */
static void report_file(batch *b, const char *path, const char *msg)
{
	if (b->tty)
		fputs("\r\033[K", stderr);
	const char *at = *path ? strstr(msg, path) : NULL;
	if (at)
		cli_error("%.*s%s%s", (int)(at - msg), msg, cli_quote(path), at + strlen(path));
	else
		cli_error("%s: %s", cli_quote(path), msg);
}

static void progress(batch *b, int final)
{
	if (b->quiet)
		return;
	double now = now_s();
	if (!final && now - b->last < (b->tty ? 0.1 : 2.0))
		return;
	b->last = now;
	const tally *t = &b->t;
	double rate = now > b->t0 ? (double)t->done / (now - b->t0) : 0;
	size_t total = b->found;
	if (b->tty) {
		struct winsize ws;
		int width = ioctl(2, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20 ? ws.ws_col : 80;
		char line[512];
		int n;
		if (b->walking) { /* the total is not known until the walk ends */
			n = snprintf(line, sizeof line, "\r%zu done of %zu found so far  new %zu  same %zu  failed %zu  %.1f/s",
				     t->done, total, t->filed, t->same, t->failed, rate);
		} else {
			int bar = width > 100 ? 30 : 20;
			int fill = total ? (int)((double)t->done / (double)total * bar) : bar;
			n = snprintf(line, sizeof line, "\r[%.*s%*s] %zu/%zu  new %zu  same %zu  failed %zu  %.1f/s", fill,
				     "##############################", bar - fill, "", t->done, total, t->filed, t->same,
				     t->failed, rate);
			if (rate > 0 && t->done < total && n > 0 && (size_t)n < sizeof line)
				n += snprintf(line + n, sizeof line - (size_t)n, "  ETA %.0fs", (double)(total - t->done) / rate);
		}
		if (n > width)
			n = width;
		fprintf(stderr, "%.*s\033[K%s", n, line, final ? "\n" : "");
	} else if (b->walking) {
		fprintf(stderr, "budgetlint: ingest %zu files done of %zu found so far (new %zu, same %zu, failed %zu) %.1f files/s\n",
			t->done, total, t->filed, t->same, t->failed, rate);
	} else {
		fprintf(stderr, "budgetlint: ingest %zu/%zu files (new %zu, same %zu, failed %zu) %.1f files/s\n", t->done, total,
			t->filed, t->same, t->failed, rate);
	}
}

/* Stops the batch for the database's sake, saying so once. */
static void stop_batch(batch *b, int why, const char *msg)
{
	if (b->stop >= STOP_FULL)
		return; /* the first reason is the one to report; the others follow from it */
	b->stop = why;
	if (b->tty)
		fputs("\r\033[K", stderr);
	size_t filed = b->t.filed + b->t.same;
	if (why == STOP_FULL)
		cli_error("stopped: the database's disk is full (%s); %zu files filed in this run, each whole;"
			  " free space and run the same ingest again to file the rest",
			  msg, filed);
	else if (why == STOP_LOST)
		cli_error("stopped: the connection to the database is lost and %d attempts to reconnect failed (%s);"
			  " %zu files filed in this run; run the same ingest again once the server is back",
			  RECONNECT_TRIES, msg, filed);
	else
		cli_error("stopped: %s; %zu files filed in this run", msg, filed);
}

/* The database itself failed: nothing more can be written this run. */
static int db_down(const batch *b)
{
	return b->stop == STOP_FULL || b->stop == STOP_LOST || b->stop == STOP_READONLY;
}

static int stop_for(int err)
{
	return err == ENOSPC ? STOP_FULL : err == ECONNRESET ? STOP_LOST : err == EROFS ? STOP_READONLY : GO;
}

static void on_reply(batch *b, worker *w, reply *r)
{
	if (r->kind == 'E') {
		/* it never read the job it was given: not the job's failure */
		if (w->path && w->reason)
			queue_push(&b->left, w->path, w->reason);
		else if (w->path)
			b->t.unfiled++, free(w->path);
		w->path = w->reason = NULL;
		stop_batch(b, r->err == ECONNRESET ? STOP_LOST : r->err == EROFS ? STOP_READONLY : STOP_WORKERS, r->msg);
		return;
	}
	b->idle_deaths = 0;
	if (!w->path)
		return; /* nothing was asked: a stray packet */
	char *path = w->path, *reason = w->reason;
	w->path = w->reason = NULL;
	if (r->kind == 'R') {
		if (r->st && stop_for(r->err))
			stop_batch(b, stop_for(r->err), r->msg);
		else if (r->st)
			report_file(b, path, r->msg); /* the failure stands printed; it could not be recorded */
	} else if (r->st && stop_for(r->err)) {
		b->t.unfiled++; /* the database's trouble, not the file's */
		stop_batch(b, stop_for(r->err), r->msg);
	} else if (r->st) {
		b->t.done++, b->t.failed++;
		report_file(b, path, r->msg);
	} else {
		int review = !strcmp(r->status, "review");
		b->t.done++;
		if (r->existed)
			b->t.same++;
		else
			b->t.filed++;
		b->t.review += (size_t)review;
		if (b->verbose) {
			if (b->tty)
				fputs("\r\033[K", stderr);
			cli_error("%s: %s%s%s", cli_quote(path), r->existed ? "already filed" : "filed",
				  review ? ", identification to confirm: " : "", review ? r->msg : "");
		}
	}
	free(path);
	free(reason);
}

/* A worker's end: the job in hand, if any, is a failure with the cause. */
static void on_death(batch *b, worker *w)
{
	int status = 0;
	while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
		;
	close(w->fd);
	w->pid = 0, w->fd = -1;
	if (!w->path) {
		/* a worker that died idle made no progress: count them, lest the batch fork for ever */
		if (++b->idle_deaths >= MAX_IDLE_DEATHS && !b->stop)
			stop_batch(b, STOP_WORKERS, "workers keep dying before they take a file");
		return;
	}
	char why[128];
	if (w->killed)
		snprintf(why, sizeof why, "timed out after %d s", b->timeout);
	else if (WIFSIGNALED(status))
		snprintf(why, sizeof why, "worker killed by signal %d (%s)", WTERMSIG(status), strsignal(WTERMSIG(status)));
	else
		snprintf(why, sizeof why, "worker exited with status %d", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	if (w->reason) { /* it died recording a failure: the parent writes that one at the end */
		queue_push(&b->left, w->path, w->reason);
	} else {
		b->t.done++, b->t.failed++;
		if (b->tty)
			fputs("\r\033[K", stderr);
		cli_error("%s: %s while reading it", cli_quote(w->path), why);
		queue_push(&b->pending, w->path, xstrdup(why));
	}
	w->path = w->reason = NULL;
	w->killed = 0;
}

static int spawn(batch *b, worker *w)
{
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0) {
		cli_error("cannot create a socket for a worker: %s", strerror(errno));
		return -1;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		cli_error("cannot start a worker: %s", strerror(errno));
		close(sv[0]), close(sv[1]);
		return -1;
	}
	if (pid == 0) {
		for (int k = 0; k < MAX_JOBS; k++) /* the other workers' sockets are not this one's */
			if (b->w[k].pid && b->w[k].fd >= 0)
				close(b->w[k].fd);
		close(sv[0]);
		run_worker(b->db, sv[1]);
	}
	close(sv[1]);
	*w = (worker){.pid = pid, .fd = sv[0]};
	return 0;
}

/* An idle worker, started when fewer than -j run; NULL when all are busy. */
static worker *idle(batch *b)
{
	worker *free_slot = NULL;
	int alive = 0;
	for (int k = 0; k < b->jobs; k++) {
		worker *w = &b->w[k];
		if (w->pid && !w->path)
			return w;
		alive += w->pid != 0;
		if (!w->pid && !free_slot)
			free_slot = w;
	}
	if (!free_slot || b->stop >= STOP_FULL)
		return NULL;
	if (spawn(b, free_slot) != 0) {
		if (!alive)
			stop_batch(b, STOP_WORKERS, "no worker could be started");
		return NULL;
	}
	return free_slot;
}

/* Hands a job over; -1 when the worker is gone (the job stays with the caller). */
static int hand(worker *w, char kind, const char *path, const char *reason)
{
	size_t pl = strlen(path), rl = reason ? strlen(reason) : 0;
	char *pkt = xmalloc(pl + rl + 3);
	pkt[0] = kind;
	memcpy(pkt + 1, path, pl + 1);
	if (reason)
		memcpy(pkt + 2 + pl, reason, rl + 1);
	ssize_t n;
	do
		n = send(w->fd, pkt, pl + rl + 2 + (reason != NULL), MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	free(pkt);
	if (n < 0)
		return -1; /* its death is seen at the next poll */
	w->since = now_s();
	return 0;
}

/* Failure records go out before more files. */
static void feed(batch *b)
{
	while (b->pending.n && b->stop < STOP_FULL) {
		worker *w = idle(b);
		if (!w)
			return;
		failure f = b->pending.v[b->pending.head];
		if (hand(w, 'F', f.path, f.reason) != 0)
			return;
		queue_pop(&b->pending);
		w->path = f.path, w->reason = f.reason;
	}
}

/* Waits up to ms for replies and deaths, kills workers past the time limit. */
static void pump(batch *b, int ms)
{
	struct pollfd pfd[MAX_JOBS];
	int idx[MAX_JOBS], n = 0;
	double now = now_s();
	for (int k = 0; k < b->jobs; k++) {
		worker *w = &b->w[k];
		if (!w->pid)
			continue;
		if (w->path && !w->reason && b->timeout > 0 && !w->killed) {
			double left = w->since + b->timeout - now;
			if (left <= 0) {
				kill(w->pid, SIGKILL); /* its socket closes: on_death records the file */
				w->killed = 1;
			} else if (left * 1000 < ms) {
				ms = (int)(left * 1000) + 1;
			}
		}
		pfd[n] = (struct pollfd){w->fd, POLLIN, 0};
		idx[n++] = k;
	}
	if (n == 0)
		return;
	int r = poll(pfd, (nfds_t)n, ms);
	for (int i = 0; r > 0 && i < n; i++) {
		if (!pfd[i].revents)
			continue;
		worker *w = &b->w[idx[i]];
		reply rp;
		memset(&rp, 0, sizeof rp);
		ssize_t got = recv(w->fd, &rp, sizeof rp, MSG_DONTWAIT);
		if (got < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (got <= 0) {
			on_death(b, w);
			continue;
		}
		rp.msg[sizeof rp.msg - 1] = 0;
		rp.status[sizeof rp.status - 1] = 0;
		on_reply(b, w, &rp);
	}
	progress(b, 0);
}

static int busy(const batch *b)
{
	for (int k = 0; k < b->jobs; k++)
		if (b->w[k].pid && b->w[k].path)
			return 1;
	return 0;
}

/* The walk's callback: one file found, handed to a worker as soon as one is idle. */
static int on_file(const char *path, int64_t size, int explicit, void *ctx)
{
	batch *b = ctx;
	if (!explicit && !cli_is_input(path))
		return 0;
	if (b->stop)
		return 1;
	if ((int64_t)b->found >= b->max_files || b->bytes + size > b->max_bytes) {
		b->stop = STOP_CAP;
		if (b->tty)
			fputs("\r\033[K", stderr);
		if ((int64_t)b->found >= b->max_files)
			cli_error("stopped at the input cap of %lld files per run (--max-files): '%s' and the files after it are not read",
				  (long long)b->max_files, cli_quote(path));
		else
			cli_error("stopped at the input cap of %lld bytes per run (--max-bytes): '%s' and the files after it are not read",
				  (long long)b->max_bytes, cli_quote(path));
		return 1;
	}
	if (strlen(path) > JOB_MAX - 1024) {
		cli_error("'%s': a path this long cannot be opened: not read", cli_quote(path));
		b->t.failed++;
		return 0;
	}
	b->found++, b->bytes += size;
	for (;;) {
		feed(b);
		if (b->stop >= STOP_FULL)
			return 1;
		worker *w = idle(b);
		if (w && hand(w, 'I', path, NULL) == 0) {
			w->path = xstrdup(path);
			return 0;
		}
		pump(b, 200);
	}
}

/* "64G", "500M", "1000000": a byte count; -1 when it is not one. */
static int64_t parse_bytes(const char *v)
{
	char *end;
	long long n = strtoll(v, &end, 10);
	int shift = 0;
	if (*end == 'K' || *end == 'k')
		shift = 10, end++;
	else if (*end == 'M' || *end == 'm')
		shift = 20, end++;
	else if (*end == 'G' || *end == 'g')
		shift = 30, end++;
	else if (*end == 'T' || *end == 't')
		shift = 40, end++;
	if (end == v || *end || n < 1 || n > (INT64_MAX >> shift))
		return -1;
	return (int64_t)n << shift;
}

static int parse_jobs(const char *v, int *jobs)
{
	char *end;
	long j = strtol(v, &end, 10);
	if (end == v || *end || j < 1 || j > MAX_JOBS) {
		cli_error("-j wants a number of workers from 1 to %d", MAX_JOBS);
		return -1;
	}
	*jobs = (int)j;
	return 0;
}

/* Writes what no worker could: failure records left over, then the cross-document rules. */
static int finish(batch *b)
{
	bl_store *s = NULL;
	bl_diag d = {0};
	int rc = 0;
	/* with the database down, the next run does all this (its failures were printed) */
	if (!db_down(b) && bl_store_open(b->db, &s, &d) != BL_OK) {
		cli_error("%s", d.msg);
		rc = 1;
	}
	queue *qs[2] = {&b->left, &b->pending};
	for (int q = 0; q < 2; q++) {
		while (qs[q]->n) {
			failure f = queue_pop(qs[q]);
			if (s && bl_store_fail(s, f.path, f.reason, &d) != BL_OK)
				report_file(b, f.path, d.msg);
			free(f.path), free(f.reason);
		}
		free(qs[q]->v);
	}
	if (s && bl_store_crosscheck(s, &d) != BL_OK) {
		cli_error("%s", d.msg);
		rc = 1;
	}
	bl_store_close(s);
	return rc || db_down(b);
}

/* The options into b; the paths are gathered at the front of argv, their
 * number returned; -1 for bad usage (said). */
static int parse_options(int argc, char **argv, batch *b)
{
	static const char usage[] = "usage: budgetlint ingest [--db FILE|postgres://...] [-j N] [--timeout SECONDS]"
				    " [--max-files N] [--max-bytes N[KMG]] [--verbose] [--quiet] PATH...";
	const char *db = NULL;
	int np = 0;
	for (int i = 1; i < argc; i++) {
		const char *v;
		char *end;
		if ((v = cli_opt(argc, argv, &i, "--db")))
			db = v;
		else if ((v = cli_opt(argc, argv, &i, "-j")) || (v = cli_opt(argc, argv, &i, "--jobs"))) {
			if (parse_jobs(v, &b->jobs))
				return -1;
		} else if (!strncmp(argv[i], "-j", 2) && argv[i][2]) {
			if (parse_jobs(argv[i] + 2, &b->jobs))
				return -1;
		} else if ((v = cli_opt(argc, argv, &i, "--timeout"))) {
			long t = strtol(v, &end, 10);
			if (end == v || *end || t < 0 || t > MAX_TIMEOUT_S) {
				cli_error("--timeout wants seconds per file from 0 (no limit) to %d", MAX_TIMEOUT_S);
				return -1;
			}
			b->timeout = (int)t;
		} else if ((v = cli_opt(argc, argv, &i, "--max-files"))) {
			long long n = strtoll(v, &end, 10);
			if (end == v || *end || n < 1) {
				cli_error("--max-files wants a number of files");
				return -1;
			}
			b->max_files = n;
		} else if ((v = cli_opt(argc, argv, &i, "--max-bytes"))) {
			if ((b->max_bytes = parse_bytes(v)) < 0) {
				cli_error("--max-bytes wants a size such as 500M or 64G");
				return -1;
			}
		} else if (!strcmp(argv[i], "--verbose") || !strcmp(argv[i], "-v"))
			b->verbose = 1;
		else if (!strcmp(argv[i], "--quiet") || !strcmp(argv[i], "-q"))
			b->quiet = 1;
		else if (argv[i][0] == '-' && argv[i][1]) {
			cli_error("unknown option '%s'\n%s", argv[i], usage);
			return -1;
		} else
			argv[np++] = argv[i];
	}
	if (np == 0) {
		cli_error("no input\n%s", usage);
		return -1;
	}
	b->db = cli_db(db);
	return np;
}

int cmd_ingest(int argc, char **argv)
{
	batch b = {.timeout = DEFAULT_TIMEOUT_S, .max_files = DEFAULT_MAX_FILES, .max_bytes = DEFAULT_MAX_BYTES};
	b.jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	b.jobs = b.jobs < 1 ? 1 : b.jobs > MAX_JOBS ? MAX_JOBS : b.jobs;
	int np = parse_options(argc, argv, &b);
	if (np < 0)
		return EXIT_USAGE;
	char **paths = argv;
	const char *db = b.db;

	/* migrate once, before the workers race to */
	bl_store *s = NULL;
	bl_diag diag = {0};
	if (bl_store_open(db, &s, &diag) != BL_OK) {
		cli_error("%s", diag.msg);
		return EXIT_USAGE;
	}
	bl_store_close(s); /* a connection must not cross fork() */

	for (int k = 0; k < MAX_JOBS; k++)
		b.w[k].fd = -1;
	b.tty = isatty(2) && !b.quiet;
	b.t0 = b.last = now_s();
	b.walking = 1;
	int walk = cli_walk_until(paths, np, on_file, &b);
	b.walking = 0;
	/* the input is all handed out: wait for the files in flight and the failure records */
	while (busy(&b) || (b.pending.n && b.stop < STOP_FULL)) {
		feed(&b);
		pump(&b, 200);
	}
	for (int k = 0; k < MAX_JOBS; k++) {
		worker *w = &b.w[k];
		if (!w->pid)
			continue;
		close(w->fd); /* the worker reads the end of its input and exits */
		while (waitpid(w->pid, NULL, 0) < 0 && errno == EINTR)
			;
		w->pid = 0;
	}
	progress(&b, 1);
	int late = finish(&b);

	printf("%zu files: %zu filed, %zu already filed, %zu failed; %zu to confirm by hand (budgetlint ledger --db %s)\n",
	       b.found, b.t.filed, b.t.same, b.t.failed, b.t.review, db);
	return b.t.failed || walk || late || b.stop ? EXIT_USAGE : EXIT_CLEAN;
}
