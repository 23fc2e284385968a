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
 * input. A worker says when its database is open; from then on the parent
 * knows which job each worker has, so a worker that dies or runs past the
 * time limit costs that one file, recorded as failed with the reason; the
 * record is written by the next worker (the parent holds no database
 * connection while it forks), or by the parent at the end. A worker that
 * dies or times out before its database is open has read nothing: its job
 * is handed to another. Every file found ends filed, already filed,
 * failed (and recorded, or counted as not recorded), or, when the database
 * itself fails (its disk full, the server gone after some reconnection
 * attempts), not read: the batch stops, and one line at the end says how far
 * it got, with the same numbers as the summary; a rerun files the rest. */
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
/* Time one file may take in a worker (--timeout), and a worker to open its
 * database: the slowest born-digital corpus document takes 0.3 s, but OCR
 * reads a scanned page in 1.2-2.4 s (docs/performance.md), so ten minutes
 * leaves room for a 250-page scan, while a parser stuck in a loop or a
 * database that never answers no longer holds a worker for ever. */
#define DEFAULT_TIMEOUT_S 600
#define MAX_TIMEOUT_S 86400
/* A gap between two looks at the clock this much longer than the wait
 * poll() was asked for: the batch itself was stopped (ctrl-Z, SIGSTOP, a
 * paused machine) or held up (a hung file system under the walk). The gap
 * does not count against the files in flight: ctrl-Z stops the workers
 * with the parent, and where they ran on, a hung one is only killed later,
 * never a working one sooner. Wall time and not the workers' CPU time,
 * because a worker blocked for ever (a hung read, a silent server) uses
 * none. The parent's own work between looks is far less (a poll waits
 * 200 ms at most). */
#define PAUSE_S 2.0
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

/* A worker's answer: one packet when its database is open (or cannot be), one per job. */
typedef struct reply {
	char kind;    /* 'S' started: its database is open; 'D' a file done (filed or failed); 'R' a failure recorded; 'E' no database */
	int st;       /* bl_status */
	int cond;     /* st BL_EDB: the database's condition (ENOSPC, ECONNRESET, EROFS); else 0 */
	int recorded; /* 'D' failed: the worker recorded the failure in the ledger */
	int existed, nerror, nwarning;
	char status[16]; /* the identification's status */
	char msg[1024];  /* the failure, or the identification's note */
} reply;

typedef struct worker {
	pid_t pid;    /* 0: no process */
	int fd;       /* the parent's end of the socket pair */
	int ready;    /* it said 'S': its database is open and it reads its jobs */
	char *path;   /* the job in hand (owned); NULL when idle */
	char *reason; /* a failure record's reason (owned); NULL for a file */
	double since; /* batch clock: when it started (not ready), or its job did (ready) */
	int killed;   /* killed past its time limit: it takes no job, its death is awaited */
} worker;

/* A job: a file (reason NULL) or a failure to record. */
typedef struct failure {
	char *path, *reason;
} failure;

typedef struct queue {
	failure *v;
	size_t head, n, cap;
} queue;

typedef struct tally {
	size_t done, filed, same, failed, review; /* done = filed + same + failed */
	size_t unrecorded; /* failed files whose failure the ledger does not hold (each printed) */
} tally;

typedef struct batch {
	const char *db;
	int jobs, verbose, quiet, tty;
	int timeout;
	int64_t max_files, max_bytes;
	worker w[MAX_JOBS];
	queue pending; /* failure records for the next idle worker */
	queue todo;    /* files to hand out: the walk's newest, and any given back unread */
	queue left;    /* failure records no worker could write: the parent writes them at the end */
	size_t found;  /* files taken from the walk; each ends done or not read */
	int64_t bytes;
	tally t;
	int walking;
	int stop;
	char stop_msg[1024]; /* why it stopped, said at the end with the final counts */
	int idle_deaths;
	double t0, last;             /* wall clock: the start, the last progress line */
	double seen, waited, paused; /* the batch clock: last look, the wait asked since, pauses so far */
} batch;

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* The clock time limits are kept on: wall time less the batch's own pauses (PAUSE_S). */
static double batch_clock(batch *b)
{
	double t = now_s(), gap = t - b->seen - b->waited;
	if (b->seen > 0 && gap > PAUSE_S)
		b->paused += gap;
	b->seen = t, b->waited = 0;
	return t - b->paused;
}

static void queue_push(queue *q, char *path, char *reason)
{
	if (q->head + q->n == q->cap) {
		if (q->head) { /* reuse the consumed front before growing */
			memmove(q->v, q->v + q->head, q->n * sizeof *q->v);
			q->head = 0;
		} else {
			q->cap = q->cap ? q->cap * 2 : 16;
			q->v = cli_xrealloc(q->v, q->cap * sizeof *q->v);
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
	return st;
}

/* One job: a file to file (kind 'I') or a failure to record ('F'); its answer in r. */
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
		while (is_lost(st = bl_store_fail(s, path, reason, &d), &d) && rounds++ < RECONNECT_TRIES && reconnect(s, &d) == 0)
			memset(&d, 0, sizeof d);
	} else {
		if (crash && *crash && strstr(path, crash))
			raise(SIGSEGV);
		if (hang && *hang && strstr(path, hang))
			for (;;)
				pause();
		bl_ingest_result ir;
		r->kind = 'D';
		while (is_lost(st = bl_store_ingest(s, path, &ir, &d), &d) && rounds++ < RECONNECT_TRIES && reconnect(s, &d) == 0)
			memset(&d, 0, sizeof d);
		if (!st) {
			r->existed = ir.existed, r->nerror = ir.nerror, r->nwarning = ir.nwarning;
			snprintf(r->status, sizeof r->status, "%s", ir.ident.status);
			snprintf(r->msg, sizeof r->msg, "%s", ir.ident.note);
		}
		r->recorded = st ? ir.recorded : 0;
	}
	r->st = (int)st;
	r->cond = st == BL_EDB ? d.err : 0; /* only the database's word counts as its condition, never a file's errno */
	if (st)
		snprintf(r->msg, sizeof r->msg, "%s", d.msg[0] ? d.msg : bl_strerror(st));
}

static void run_worker(const char *db, int fd)
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

/* ---- the parent ---- */

static void clear_line(const batch *b)
{
	if (b->tty)
		fputs("\r\033[K", stderr);
}

/* A failure message naming the file once, quoted: the library's message
 * usually holds the path (shown quoted); one that does not gets it in front. */
static void report_file(batch *b, const char *path, const char *msg)
{
	clear_line(b);
	const char *at = *path ? strstr(msg, path) : NULL;
	if (at)
		cli_error("%.*s%s%s", (int)(at - msg), msg, cli_quote(path), at + strlen(path));
	else
		cli_error("'%s': %s", cli_quote(path), msg);
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

/* Stops the batch: no more jobs are handed out; the files in flight finish.
 * Said once, at the end, when the numbers are final. */
static void stop_batch(batch *b, int why, const char *msg)
{
	if (b->stop >= STOP_FULL)
		return; /* the first reason is the one to report; the others follow from it */
	b->stop = why;
	snprintf(b->stop_msg, sizeof b->stop_msg, "%s", msg);
}

/* The database itself failed: nothing more can be written this run. */
static int db_down(const batch *b)
{
	return b->stop == STOP_FULL || b->stop == STOP_LOST || b->stop == STOP_READONLY;
}

/* The stop for the database's condition (a BL_EDB answer). */
static int stop_for(int cond)
{
	return cond == ENOSPC ? STOP_FULL : cond == ECONNRESET ? STOP_LOST : cond == EROFS ? STOP_READONLY : STOP_WORKERS;
}

/* A worker that never read its job hands it back, to be given to another. */
static void give_back(batch *b, worker *w)
{
	if (w->path)
		queue_push(w->reason ? &b->pending : &b->todo, w->path, w->reason);
	w->path = w->reason = NULL;
}

/* A failure record's answer. */
static void on_recorded(batch *b, failure job, const reply *r)
{
	if (r->st == BL_EDB) { /* written at the end if the database is back, else counted as not recorded */
		stop_batch(b, stop_for(r->cond), r->msg);
		queue_push(&b->left, job.path, job.reason);
		return;
	}
	if (r->st) {
		char msg[1200];
		snprintf(msg, sizeof msg, "its failure is not recorded in the ledger: %s", r->msg);
		b->t.unrecorded++;
		report_file(b, job.path, msg);
	}
	free(job.path);
	free(job.reason);
}

/* A file's answer. */
static void on_done(batch *b, char *path, const reply *r)
{
	if (r->st == BL_EDB) { /* the database's trouble, not the file's: not read (the rerun files it) */
		stop_batch(b, stop_for(r->cond), r->msg);
		free(path);
		return;
	}
	b->t.done++;
	if (r->st) {
		b->t.failed++;
		report_file(b, path, r->msg);
		if (!r->recorded) /* the worker could not record it: another worker, or the parent, will */
			queue_push(&b->pending, path, cli_xstrdup(r->msg));
		else
			free(path);
		return;
	}
	int review = !strcmp(r->status, "review");
	if (r->existed)
		b->t.same++;
	else
		b->t.filed++;
	b->t.review += (size_t)review;
	if (b->verbose) {
		clear_line(b);
		cli_error("%s: %s%s%s", cli_quote(path), r->existed ? "already filed" : "filed",
			  review ? ", identification to confirm: " : "", review ? r->msg : "");
	}
	free(path);
}

static void on_reply(batch *b, worker *w, reply *r)
{
	if (r->kind == 'S') {
		w->ready = 1;
		w->since = batch_clock(b); /* the job in hand, if any, starts now */
		return;
	}
	if (r->kind == 'E') {
		give_back(b, w); /* it never read the job it was given: not the job's failure */
		stop_batch(b, stop_for(r->cond), r->msg);
		return;
	}
	b->idle_deaths = 0;
	if (!w->path)
		return; /* nothing was asked: a stray packet */
	failure job = {w->path, w->reason};
	w->path = w->reason = NULL;
	if (r->kind == 'R')
		on_recorded(b, job, r);
	else
		on_done(b, job.path, r);
}

/* A worker's end: the job in hand, if any, is a failure with the cause. */
static void on_death(batch *b, worker *w)
{
	int status = 0;
	while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
		;
	close(w->fd);
	int killed = w->killed, ready = w->ready;
	w->pid = 0, w->fd = -1, w->killed = w->ready = 0;
	if (!ready) { /* it never opened its database, so never read its job */
		give_back(b, w);
		char msg[128];
		snprintf(msg, sizeof msg, "a worker did not open the database within %d s (--timeout)", b->timeout);
		if (killed)
			stop_batch(b, STOP_WORKERS, msg);
		else if (++b->idle_deaths >= MAX_IDLE_DEATHS)
			stop_batch(b, STOP_WORKERS, "workers keep dying before they open the database");
		return;
	}
	if (!w->path) {
		/* a worker that died idle made no progress: count them, lest the batch
		 * fork for ever (one killed for its time whose answer came first is not one) */
		if (!killed && ++b->idle_deaths >= MAX_IDLE_DEATHS)
			stop_batch(b, STOP_WORKERS, "workers keep dying before they take a file");
		return;
	}
	char why[128];
	if (killed)
		snprintf(why, sizeof why, "timed out after %d s", b->timeout);
	else if (WIFSIGNALED(status))
		snprintf(why, sizeof why, "worker killed by signal %d (%s)", WTERMSIG(status), strsignal(WTERMSIG(status)));
	else
		snprintf(why, sizeof why, "worker exited with status %d", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	if (w->reason) { /* it died (or timed out) recording a failure: the parent writes that one at the end */
		queue_push(&b->left, w->path, w->reason);
	} else {
		b->t.done++, b->t.failed++;
		clear_line(b);
		cli_error("'%s': %s while reading it", cli_quote(w->path), why);
		queue_push(&b->pending, w->path, cli_xstrdup(why));
	}
	w->path = w->reason = NULL;
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
		cli_walk_close_fds(); /* nor the directories the walk has open */
		close(sv[0]);
		run_worker(b->db, sv[1]);
	}
	close(sv[1]);
	*w = (worker){.pid = pid, .fd = sv[0], .since = batch_clock(b)};
	return 0;
}

/* An idle worker, started when fewer than -j run; NULL when all are busy.
 * A worker killed for its time is never one, even once its answer is in:
 * it is dying, and would take a file with it. */
static worker *idle(batch *b)
{
	worker *free_slot = NULL;
	int alive = 0;
	for (int k = 0; k < b->jobs; k++) {
		worker *w = &b->w[k];
		if (w->pid && !w->path && !w->killed)
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
static int hand(batch *b, worker *w, const failure *job)
{
	size_t pl = strlen(job->path), rl = job->reason ? strlen(job->reason) : 0;
	char *pkt = cli_xrealloc(NULL, pl + rl + 3);
	pkt[0] = job->reason ? 'F' : 'I';
	memcpy(pkt + 1, job->path, pl + 1);
	if (job->reason)
		memcpy(pkt + 2 + pl, job->reason, rl + 1);
	ssize_t n;
	do
		n = send(w->fd, pkt, pl + rl + 2 + (job->reason != NULL), MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	free(pkt);
	if (n < 0)
		return -1; /* its death is seen at the next poll */
	if (w->ready) /* else its time starts when it is */
		w->since = batch_clock(b);
	w->path = job->path, w->reason = job->reason;
	return 0;
}

/* Hands out what waits, failure records before files, while workers are idle. */
static void feed(batch *b)
{
	while (b->stop < STOP_FULL && (b->pending.n || b->todo.n)) {
		worker *w = idle(b);
		if (!w)
			return;
		queue *q = b->pending.n ? &b->pending : &b->todo;
		if (hand(b, w, &q->v[q->head]) != 0)
			return;
		queue_pop(q);
	}
}

/* Waits up to ms for the workers and takes one packet, or the death, of
 * each that has one; how many it took. */
static int collect(batch *b, int ms)
{
	struct pollfd pfd[MAX_JOBS];
	int idx[MAX_JOBS], n = 0, took = 0;
	for (int k = 0; k < b->jobs; k++)
		if (b->w[k].pid) {
			pfd[n] = (struct pollfd){b->w[k].fd, POLLIN, 0};
			idx[n++] = k;
		}
	if (n == 0)
		return 0;
	batch_clock(b);
	b->waited = ms / 1000.0;
	int r = poll(pfd, (nfds_t)n, ms);
	batch_clock(b);
	for (int i = 0; r > 0 && i < n; i++) {
		if (!pfd[i].revents)
			continue;
		worker *w = &b->w[idx[i]];
		reply rp;
		memset(&rp, 0, sizeof rp);
		ssize_t got = recv(w->fd, &rp, sizeof rp, MSG_DONTWAIT);
		if (got < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		took++;
		if (got <= 0) {
			on_death(b, w);
			continue;
		}
		rp.msg[sizeof rp.msg - 1] = 0;
		rp.status[sizeof rp.status - 1] = 0;
		on_reply(b, w, &rp);
	}
	return took;
}

/* Kills the workers past their time (starting up, or on one job); returns
 * ms, shortened to the next deadline. */
static int deadlines(batch *b, int ms)
{
	if (b->timeout <= 0)
		return ms;
	double now = batch_clock(b);
	for (int k = 0; k < b->jobs; k++) {
		worker *w = &b->w[k];
		if (!w->pid || w->killed || (w->ready && !w->path))
			continue;
		double left = w->since + b->timeout - now;
		if (left <= 0) {
			kill(w->pid, SIGKILL); /* its socket closes: on_death says why */
			w->killed = 1;
		} else if (left * 1000 < ms) {
			ms = (int)(left * 1000) + 1;
		}
	}
	return ms;
}

/* Waits up to ms for answers and deaths, killing workers past their time. */
static void pump(batch *b, int ms)
{
	/* answers already in first: a worker that has finished is not killed
	 * for its time because the parent was late to read it */
	while (collect(b, 0) > 0)
		;
	collect(b, deadlines(b, ms));
	progress(b, 0);
}

static int busy(const batch *b)
{
	for (int k = 0; k < b->jobs; k++)
		if (b->w[k].pid && b->w[k].path)
			return 1;
	return 0;
}

/* Past --max-files or --max-bytes: said at once, naming the first file not read. */
static int capped(batch *b, const char *path, int64_t size)
{
	int files = (int64_t)b->found >= b->max_files;
	if (!files && b->bytes + size <= b->max_bytes)
		return 0;
	b->stop = STOP_CAP;
	clear_line(b);
	if (files)
		cli_error("stopped at the input cap of %lld files per run (--max-files): '%s' and the files after it are not read",
			  (long long)b->max_files, cli_quote(path));
	else
		cli_error("stopped at the input cap of %lld bytes per run (--max-bytes): '%s' and the files after it are not read",
			  (long long)b->max_bytes, cli_quote(path));
	return 1;
}

/* The walk's callback: one file found, handed to a worker as soon as one is idle. */
static int on_file(const char *path, int64_t size, int explicit, void *ctx)
{
	batch *b = ctx;
	if (!explicit && !cli_is_input(path))
		return 0;
	if (b->stop || capped(b, path, size))
		return 1;
	b->found++, b->bytes += size;
	if (strlen(path) > JOB_MAX - 1024) { /* no job holds it (nor can open() take it): recorded by the parent */
		b->t.done++, b->t.failed++;
		report_file(b, path, "a path this long cannot be opened: not read");
		queue_push(&b->left, cli_xstrdup(path), cli_xstrdup("a path this long cannot be opened: not read"));
		return 0;
	}
	queue_push(&b->todo, cli_xstrdup(path), NULL);
	while (b->todo.n && b->stop < STOP_FULL) {
		feed(b);
		if (b->todo.n)
			pump(b, 200);
	}
	return b->stop >= STOP_FULL;
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

/* Writes one failure record no worker wrote; once the database fails, the
 * rest are only counted (each failure was printed when it happened). */
static void record_left(batch *b, bl_store **s, failure f)
{
	bl_diag d = {0};
	if (!*s) {
		b->t.unrecorded++;
	} else if (bl_store_fail(*s, f.path, f.reason, &d) != BL_OK) {
		char msg[1200];
		snprintf(msg, sizeof msg, "its failure is not recorded in the ledger: %s", d.msg);
		b->t.unrecorded++;
		report_file(b, f.path, msg);
		if (d.status == BL_EDB) {
			bl_store_close(*s);
			*s = NULL;
		}
	}
	free(f.path);
	free(f.reason);
}

/* Writes what no worker could: failure records left over (a worker died or
 * timed out writing them, a path too long for a job, the batch stopped
 * before handing them out), then the cross-document rules. */
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
	queue *qs[3] = {&b->left, &b->pending, &b->todo};
	for (int q = 0; q < 3; q++) {
		while (qs[q]->n) {
			failure f = queue_pop(qs[q]);
			if (f.reason)
				record_left(b, &s, f);
			else
				free(f.path); /* a file the batch stopped before reading: counted as not read */
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

/* The stop, said at the end with the numbers the summary gives. */
static void print_stop(const batch *b, size_t unread)
{
	const tally *t = &b->t;
	char counts[256];
	snprintf(counts, sizeof counts, "in this run %zu files filed, each whole, %zu already filed, %zu failed, %zu not read",
		 t->filed, t->same, t->failed, unread);
	clear_line(b);
	if (b->stop == STOP_FULL)
		cli_error("stopped: the database's disk is full (%s); %s; free space and run the same ingest again to file the rest",
			  b->stop_msg, counts);
	else if (b->stop == STOP_LOST)
		cli_error("stopped: the connection to the database is lost and %d attempts to reconnect failed (%s); %s;"
			  " run the same ingest again once the server is back",
			  RECONNECT_TRIES, b->stop_msg, counts);
	else
		cli_error("stopped: %s; %s; run the same ingest again to file the rest", b->stop_msg, counts);
}

/* The last line (stdout): every file found is filed, already filed, failed or not read. */
static void summary(const batch *b)
{
	const tally *t = &b->t;
	size_t unread = b->found - t->done;
	printf("%zu files: %zu filed, %zu already filed, %zu failed", b->found, t->filed, t->same, t->failed);
	if (t->unrecorded)
		printf(" (%zu not recorded in the ledger)", t->unrecorded);
	if (unread)
		printf(", %zu not read (the %s stopped)", unread, db_down(b) ? "database" : "batch");
	printf("; %zu to confirm by hand (budgetlint ledger --db %s)\n", t->review, cli_quote(cli_db_shown(b->db)));
}

/* The options into b; the paths are gathered at the front of argv, their
 * number returned; -1 for bad usage (said). */
static int parse_options(int argc, char **argv, batch *b)
{
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
			cli_usage("ingest", "unknown option '%s'", argv[i]);
			return -1;
		} else
			argv[np++] = argv[i];
	}
	if (np == 0) {
		cli_usage("ingest", "no input");
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

	/* migrate once, before the workers race to */
	bl_store *s = NULL;
	bl_diag diag = {0};
	if (bl_store_open(b.db, &s, &diag) != BL_OK) {
		cli_error("%s", diag.msg);
		return EXIT_USAGE;
	}
	bl_store_close(s); /* a connection must not cross fork() */

	for (int k = 0; k < MAX_JOBS; k++)
		b.w[k].fd = -1;
	b.tty = isatty(2) && !b.quiet;
	b.t0 = b.last = now_s();
	b.walking = 1;
	int walk = cli_walk_until(argv, np, on_file, &b);
	b.walking = 0;
	/* the input is all handed out: wait for the files in flight and the failure records */
	while (busy(&b) || (b.stop < STOP_FULL && (b.pending.n || b.todo.n))) {
		feed(&b);
		pump(&b, 200);
	}
	for (int k = 0; k < MAX_JOBS; k++) {
		worker *w = &b.w[k];
		if (!w->pid)
			continue;
		close(w->fd); /* the worker reads the end of its input and exits (a killed one is dying) */
		while (waitpid(w->pid, NULL, 0) < 0 && errno == EINTR)
			;
		w->pid = 0;
	}
	progress(&b, 1);
	int late = finish(&b);
	size_t unread = b.found - b.t.done;
	if (b.stop >= STOP_FULL)
		print_stop(&b, unread);
	summary(&b);
	return b.t.failed || unread || walk || late || b.stop ? EXIT_USAGE : EXIT_CLEAN;
}
