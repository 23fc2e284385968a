/* cmd_ingest.c - `budgetlint ingest`: the options, the walk that finds the files, what the user sees, the end of a batch (ingest.h says how it works). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli_ingest.h"

/* ---- the parent ---- */

void ingest_clear_line(const batch *b)
{
	if (b->tty)
		fputs("\r\033[K", stderr);
}

/* A failure message naming the file once, quoted: the library's message
 * usually holds the path (shown quoted); one that does not gets it in front. */
void ingest_report_file(batch *b, const char *path, const char *msg)
{
	ingest_clear_line(b);
	const char *at = *path ? strstr(msg, path) : NULL;
	if (at)
		cli_error("%.*s%s%s", (int)(at - msg), msg, cli_quote(path), at + strlen(path));
	else
		cli_error("'%s': %s", cli_quote(path), msg);
}

void ingest_progress(batch *b, int final)
{
	if (b->quiet)
		return;
	double now = ingest_now();
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
			n = snprintf(line, sizeof line,
				     "\r%zu done of %zu found so far  new %zu  same %zu  failed %zu  %.1f/s",
				     t->done, total, t->filed, t->same, t->failed, rate);
		} else {
			int bar = width > 100 ? 30 : 20;
			int fill = total ? (int)((double)t->done / (double)total * bar) : bar;
			n = snprintf(line, sizeof line,
				     "\r[%.*s%*s] %zu/%zu  new %zu  same %zu  failed %zu  %.1f/s", fill,
				     "##############################", bar - fill, "", t->done, total,
				     t->filed, t->same, t->failed, rate);
			if (rate > 0 && t->done < total && n > 0 && (size_t)n < sizeof line)
				n += snprintf(line + n, sizeof line - (size_t)n, "  ETA %.0fs",
					      (double)(total - t->done) / rate);
		}
		if (n > width)
			n = width;
		fprintf(stderr, "%.*s\033[K%s", n, line, final ? "\n" : "");
	} else if (b->walking) {
		fprintf(stderr,
			"budgetlint: ingest %zu files done of %zu found so far (new %zu, same %zu, failed "
			"%zu) %.1f files/s\n",
			t->done, total, t->filed, t->same, t->failed, rate);
	} else {
		fprintf(stderr,
			"budgetlint: ingest %zu/%zu files (new %zu, same %zu, failed %zu) %.1f files/s\n",
			t->done, total, t->filed, t->same, t->failed, rate);
	}
}

/* Past --max-files or --max-bytes: said at once, naming the first file not read. */
static int capped(batch *b, const char *path, int64_t size)
{
	int files = (int64_t)b->found >= b->max_files;
	if (!files && b->bytes + size <= b->max_bytes)
		return 0;
	b->stop = STOP_CAP;
	ingest_clear_line(b);
	if (files)
		cli_error("stopped at the input cap of %lld files per run (--max-files): '%s' and the files "
			  "after it are not read",
			  (long long)b->max_files, cli_quote(path));
	else
		cli_error("stopped at the input cap of %lld bytes per run (--max-bytes): '%s' and the files "
			  "after it are not read",
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
	if (strlen(path) >
	    JOB_MAX - 1024) { /* no job holds it (nor can open() take it): recorded by the parent */
		b->t.done++, b->t.failed++;
		ingest_report_file(b, path, "a path this long cannot be opened: not read");
		ingest_queue_push(&b->left, cli_xstrdup(path),
				  cli_xstrdup("a path this long cannot be opened: not read"));
		return 0;
	}
	ingest_queue_push(&b->todo, cli_xstrdup(path), NULL);
	while (b->todo.n && b->stop < STOP_FULL) {
		ingest_feed(b);
		if (b->todo.n)
			ingest_pump(b, 200);
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
		ingest_report_file(b, f.path, msg);
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
	if (!ingest_db_down(b) && bl_store_open(b->db, &s, &d) != BL_OK) {
		cli_error("%s", d.msg);
		rc = 1;
	}
	queue *qs[4] = {&b->left, &b->pending, &b->todo, &b->pairs};
	for (int q = 0; q < 4; q++) {
		while (qs[q]->n) {
			failure f = ingest_queue_pop(qs[q]);
			if (f.pair) { /* the batch stopped before it: the next run pairs them */
				free(f.path);
				free(f.reason);
			} else if (f.reason)
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
	return rc || ingest_db_down(b);
}

/* The stop, said at the end with the numbers the summary gives. */
static void print_stop(const batch *b, size_t unread)
{
	const tally *t = &b->t;
	char counts[256];
	snprintf(counts, sizeof counts,
		 "in this run %zu files filed, each whole, %zu already filed, %zu failed, %zu not read",
		 t->filed, t->same, t->failed, unread);
	ingest_clear_line(b);
	if (b->stop == STOP_FULL)
		cli_error("stopped: the database's disk is full (%s); %s; free space and run the same ingest "
			  "again to file the rest",
			  b->stop_msg, counts);
	else if (b->stop == STOP_LOST)
		cli_error("stopped: the connection to the database is lost and %d attempts to reconnect "
			  "failed (%s); %s;"
			  " run the same ingest again once the server is back",
			  RECONNECT_TRIES, b->stop_msg, counts);
	else
		cli_error("stopped: %s; %s; run the same ingest again to file the rest", b->stop_msg, counts);
}

/* A pair the ledger holds apart, queued for a worker. */
static void on_unpaired(const char *narrative, const char *tables, void *vb)
{
	batch *b = vb;
	ingest_queue_put(&b->pairs, (failure){cli_xstrdup(narrative), cli_xstrdup(tables), 1});
}

/* Once every file is filed: the disclosures published as two files that
 * the ledger now holds apart (two workers filed the halves, or two runs)
 * are checked as one by the workers, as `check` would. The parent opens the
 * database only to list them, between forks. */
static void pair_halves(batch *b)
{
	bl_store *s = NULL;
	bl_diag d = {0};
	if (ingest_db_down(b) || b->stop >= STOP_FULL)
		return;
	if (bl_store_open(b->db, &s, &d) != BL_OK || bl_store_unpaired(s, on_unpaired, b, &d) != BL_OK) {
		ingest_clear_line(b);
		cli_error("disclosures in two files not checked as one: %s", d.msg);
	}
	bl_store_close(s);
	while (ingest_busy(b) || (b->stop < STOP_FULL && b->pairs.n)) {
		ingest_feed(b);
		ingest_pump(b, 200);
	}
}

/* The last line (stdout): every file found is filed, already filed, failed or not read. */
static void summary(const batch *b)
{
	const tally *t = &b->t;
	size_t unread = b->found - t->done;
	printf("%zu files: %zu filed, %zu already filed, %zu failed", b->found, t->filed, t->same, t->failed);
	if (t->paired)
		printf(", %zu disclosure%s in two files checked as one", t->paired,
		       t->paired == 1 ? "" : "s");
	if (t->unrecorded)
		printf(" (%zu not recorded in the ledger)", t->unrecorded);
	if (unread)
		printf(", %zu not read (the %s stopped)", unread, ingest_db_down(b) ? "database" : "batch");
	printf("; %zu to confirm by hand (budgetlint ledger --db %s)\n", t->review,
	       cli_quote(cli_db_shown(b->db)));
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
				cli_error("--timeout wants seconds per file from 0 (no limit) to %d",
					  MAX_TIMEOUT_S);
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
	batch b = {
		.timeout = DEFAULT_TIMEOUT_S, .max_files = DEFAULT_MAX_FILES, .max_bytes = DEFAULT_MAX_BYTES};
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
	b.t0 = b.last = ingest_now();
	b.walking = 1;
	int walk = cli_walk_until(argv, np, on_file, &b);
	b.walking = 0;
	/* the input is all handed out: wait for the files in flight and the failure records */
	while (ingest_busy(&b) || (b.stop < STOP_FULL && (b.pending.n || b.todo.n))) {
		ingest_feed(&b);
		ingest_pump(&b, 200);
	}
	pair_halves(&b);
	for (int k = 0; k < MAX_JOBS; k++) {
		worker *w = &b.w[k];
		if (!w->pid)
			continue;
		close(w->fd); /* the worker reads the end of its input and exits (a killed one is dying) */
		while (waitpid(w->pid, NULL, 0) < 0 && errno == EINTR)
			;
		w->pid = 0;
	}
	ingest_progress(&b, 1);
	int late = finish(&b);
	size_t unread = b.found - b.t.done;
	if (b.stop >= STOP_FULL)
		print_stop(&b, unread);
	summary(&b);
	return b.t.failed || unread || walk || late || b.stop ? EXIT_USAGE : EXIT_CLEAN;
}
