/* ingest_batch.c - the ingest parent: workers started, fed, waited for, timed and buried; every answer counted. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli_ingest.h"

double ingest_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* The clock time limits are kept on: wall time less the batch's own pauses (PAUSE_S). */
static double batch_clock(batch *b)
{
	double t = ingest_now(), gap = t - b->seen - b->waited;
	if (b->seen > 0 && gap > PAUSE_S)
		b->paused += gap;
	b->seen = t, b->waited = 0;
	return t - b->paused;
}

void ingest_queue_push(queue *q, char *path, char *reason)
{
	ingest_queue_put(q, (failure){path, reason, 0});
}

void ingest_queue_put(queue *q, failure job)
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
	q->v[q->head + q->n++] = job;
}

failure ingest_queue_pop(queue *q)
{
	failure f = q->v[q->head++];
	if (--q->n == 0)
		q->head = 0;
	return f;
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
int ingest_db_down(const batch *b)
{
	return b->stop == STOP_FULL || b->stop == STOP_LOST || b->stop == STOP_READONLY;
}

/* The stop for the database's condition (a BL_EDB answer). */
static int stop_for(int cond)
{
	return cond == ENOSPC       ? STOP_FULL
	       : cond == ECONNRESET ? STOP_LOST
	       : cond == EROFS      ? STOP_READONLY
				    : STOP_WORKERS;
}

/* A worker that never read its job hands it back, to be given to another. */
static void give_back(batch *b, worker *w)
{
	if (w->path)
		ingest_queue_put(w->pair     ? &b->pairs
				 : w->reason ? &b->pending
					     : &b->todo,
				 (failure){w->path, w->reason, w->pair});
	w->path = w->reason = NULL;
	w->pair = 0;
}

/* A failure record's answer. */
static void on_recorded(batch *b, failure job, const reply *r)
{
	if (r->st == BL_EDB) { /* written at the end if the database is back, else counted as not recorded */
		stop_batch(b, stop_for(r->cond), r->msg);
		ingest_queue_push(&b->left, job.path, job.reason);
		return;
	}
	if (r->st) {
		char msg[1200];
		snprintf(msg, sizeof msg, "its failure is not recorded in the ledger: %s", r->msg);
		b->t.unrecorded++;
		ingest_report_file(b, job.path, msg);
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
		ingest_report_file(b, path, r->msg);
		if (!r->recorded) /* the worker could not record it: another worker, or the parent, will */
			ingest_queue_push(&b->pending, path, cli_xstrdup(r->msg));
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
		ingest_clear_line(b);
		cli_error("%s: %s%s%s", cli_quote(path), r->existed ? "already filed" : "filed",
			  review ? ", identification to confirm: " : "", review ? r->msg : "");
	}
	free(path);
}

/* A pair's answer: a file that changed since it was filed, or the
 * database's trouble, is said; the pair stays apart until the next run. */
static void on_paired(batch *b, failure job, const reply *r)
{
	if (r->st == BL_EDB)
		stop_batch(b, stop_for(r->cond), r->msg);
	else if (r->st) {
		ingest_clear_line(b);
		cli_error("'%s' and '%s' not checked as one disclosure: %s", cli_quote(job.path),
			  cli_quote(job.reason), r->msg);
	} else if (r->paired) {
		b->t.paired++;
		b->t.review -= (size_t)r->resolved <= b->t.review ? (size_t)r->resolved : b->t.review;
		if (b->verbose) {
			ingest_clear_line(b);
			cli_error("'%s' and '%s': one disclosure, checked and filed as one",
				  cli_quote(job.path), cli_quote(job.reason));
		}
	}
	free(job.path);
	free(job.reason);
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
	failure job = {w->path, w->reason, w->pair};
	w->path = w->reason = NULL;
	w->pair = 0;
	if (job.pair)
		on_paired(b, job, r);
	else if (r->kind == 'R')
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
		snprintf(msg, sizeof msg, "a worker did not open the database within %d s (--timeout)",
			 b->timeout);
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
		snprintf(why, sizeof why, "worker killed by signal %d (%s)", WTERMSIG(status),
			 strsignal(WTERMSIG(status)));
	else
		snprintf(why, sizeof why, "worker exited with status %d",
			 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	if (w->pair) { /* the two files stay apart: each is filed, and was read before alone */
		ingest_clear_line(b);
		cli_error("'%s' and '%s' not checked as one disclosure: %s", cli_quote(w->path),
			  cli_quote(w->reason), why);
		free(w->path);
		free(w->reason);
	} else if (
		w->reason) { /* it died (or timed out) recording a failure: the parent writes that one at the end */
		ingest_queue_push(&b->left, w->path, w->reason);
	} else {
		b->t.done++, b->t.failed++;
		ingest_clear_line(b);
		cli_error("'%s': %s while reading it", cli_quote(w->path), why);
		ingest_queue_push(&b->pending, w->path, cli_xstrdup(why));
	}
	w->path = w->reason = NULL;
	w->pair = 0;
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
		ingest_worker(b->db, sv[1]);
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
	pkt[0] = job->pair ? 'P' : job->reason ? 'F' : 'I';
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
	if (w->ready)      /* else its time starts when it is */
		w->since = batch_clock(b);
	w->path = job->path, w->reason = job->reason, w->pair = job->pair;
	return 0;
}

/* Hands out what waits, failure records before files before pairs, while workers are idle. */
void ingest_feed(batch *b)
{
	while (b->stop < STOP_FULL && (b->pending.n || b->todo.n || b->pairs.n)) {
		worker *w = idle(b);
		if (!w)
			return;
		queue *q = b->pending.n ? &b->pending : b->todo.n ? &b->todo : &b->pairs;
		if (hand(b, w, &q->v[q->head]) != 0)
			return;
		ingest_queue_pop(q);
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
void ingest_pump(batch *b, int ms)
{
	/* answers already in first: a worker that has finished is not killed
	 * for its time because the parent was late to read it */
	while (collect(b, 0) > 0)
		;
	collect(b, deadlines(b, ms));
	ingest_progress(b, 0);
}

int ingest_busy(const batch *b)
{
	for (int k = 0; k < b->jobs; k++)
		if (b->w[k].pid && b->w[k].path)
			return 1;
	return 0;
}
