/* cmd_ingest.c - `budgetlint ingest`: file many documents into the ledger with N worker processes.
 *
 * Workers are processes, not threads: a parser that crashes on one file
 * takes down one worker, the file is recorded as failed with the signal,
 * and a new worker takes over. Each worker has its own database
 * connection and files each document in one transaction, so killing the
 * whole batch loses only the documents in flight, and a rerun (documents
 * are keyed by content hash) files exactly those. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "budgetlint/store.h"
#include "cli.h"

#define MAX_JOBS 64

typedef struct file_list {
	char **v;
	size_t n, cap;
} file_list;

static void collect(const char *path, int explicit, void *ctx)
{
	file_list *l = ctx;
	if (!explicit && !cli_is_input(path))
		return;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = realloc(l->v, l->cap * sizeof *l->v);
		if (!l->v) {
			cli_error("out of memory");
			abort();
		}
	}
	l->v[l->n] = strdup(path);
	if (!l->v[l->n]) {
		cli_error("out of memory");
		abort();
	}
	l->n++;
}

typedef struct worker {
	pid_t pid;
	long job; /* file in hand, -1 when none */
} worker;

typedef struct tally {
	size_t done, filed, same, failed, review;
	int nerror, nwarning;
} tally;

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* One record per write, shorter than PIPE_BUF, so records from several workers never interleave. */
static void say(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(int fd, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof buf - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof buf - 2)
		n = (int)sizeof buf - 2;
	for (int i = 0; i < n; i++)
		if (buf[i] == '\n')
			buf[i] = ' ';
	buf[n++] = '\n';
	ssize_t w;
	do
		w = write(fd, buf, (size_t)n);
	while (w < 0 && errno == EINTR);
}

static void run_worker(const char *db, file_list *files, long *next, int fd)
{
	/* failure injection for the suite: die as a crashing parser would, on files whose path has this */
	const char *crash = getenv("BUDGETLINT_INJECT_CRASH");
	bl_store *s = NULL;
	bl_diag diag = {0};
	if (bl_store_open(db, &s, &diag) != BL_OK) {
		say(fd, "E %d %s", (int)getpid(), diag.msg);
		_exit(3);
	}
	for (;;) {
		long i = __atomic_fetch_add(next, 1, __ATOMIC_SEQ_CST);
		if (i >= (long)files->n)
			break;
		say(fd, "S %d %ld", (int)getpid(), i);
		if (crash && *crash && strstr(files->v[i], crash))
			raise(SIGSEGV);
		bl_ingest_result r;
		bl_diag d = {0};
		bl_status st = bl_store_ingest(s, files->v[i], &r, &d);
		say(fd, "D %d %ld %d %d %d %d %s %s", (int)getpid(), i, (int)st, r.existed, r.nerror, r.nwarning,
		    st ? "-" : r.ident.status, st ? d.msg : r.ident.note);
	}
	bl_store_close(s);
	_exit(0);
}

static void progress(const tally *t, size_t total, double t0, int tty, double *last, int final)
{
	double now = now_s();
	if (!final && now - *last < (tty ? 0.1 : 2.0))
		return;
	*last = now;
	double rate = now > t0 ? (double)t->done / (now - t0) : 0;
	if (tty) {
		struct winsize ws;
		int width = ioctl(2, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20 ? ws.ws_col : 80;
		int bar = width > 100 ? 30 : 20;
		int fill = total ? (int)((double)t->done / (double)total * bar) : bar;
		char line[512];
		int n = snprintf(line, sizeof line, "\r[%.*s%*s] %zu/%zu  new %zu  same %zu  failed %zu  %.1f/s", fill,
				 "##############################", bar - fill, "", t->done, total, t->filed, t->same,
				 t->failed, rate);
		if (rate > 0 && t->done < total)
			n += snprintf(line + n, sizeof line - (size_t)n, "  ETA %.0fs", (double)(total - t->done) / rate);
		if (n > width)
			n = width;
		fprintf(stderr, "%.*s\033[K%s", n, line, final ? "\n" : "");
	} else {
		fprintf(stderr, "budgetlint: ingest %zu/%zu files (new %zu, same %zu, failed %zu) %.1f files/s\n",
			t->done, total, t->filed, t->same, t->failed, rate);
	}
}

static void handle(char *rec, worker *w, int nw, file_list *files, tally *t, int verbose, int tty)
{
	char kind = rec[0];
	char *p = rec + 2;
	int pid = (int)strtol(p, &p, 10);
	worker *me = NULL;
	for (int k = 0; k < nw; k++)
		if (w[k].pid == pid)
			me = &w[k];
	if (kind == 'E') {
		cli_error("worker cannot open the database:%s", p);
		return;
	}
	long i = strtol(p, &p, 10);
	if (i < 0 || i >= (long)files->n)
		return;
	if (kind == 'S') {
		if (me)
			me->job = i;
		return;
	}
	int st = (int)strtol(p, &p, 10), existed = (int)strtol(p, &p, 10);
	int ne = (int)strtol(p, &p, 10), nwn = (int)strtol(p, &p, 10);
	(void)strtol(p, &p, 10);
	while (*p == ' ')
		p++;
	char *status = p;
	char *msg = strchr(p, ' ');
	if (msg)
		*msg++ = 0;
	if (me)
		me->job = -1;
	t->done++;
	if (st) {
		t->failed++;
		if (tty)
			fputs("\r\033[K", stderr);
		cli_error("%s", msg && *msg ? msg : files->v[i]);
		return;
	}
	if (existed)
		t->same++;
	else
		t->filed++;
	t->nerror += ne, t->nwarning += nwn;
	if (!strcmp(status, "review"))
		t->review++;
	if (verbose) {
		if (tty)
			fputs("\r\033[K", stderr);
		fprintf(stderr, "budgetlint: %s: %s%s%s\n", files->v[i], existed ? "already filed" : "filed",
			!strcmp(status, "review") ? ", identification to confirm: " : "",
			!strcmp(status, "review") && msg ? msg : "");
	}
}

static pid_t spawn(const char *db, file_list *files, long *next, int fd[2])
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		close(fd[0]);
		run_worker(db, files, next, fd[1]);
	}
	return pid;
}

int cmd_ingest(int argc, char **argv)
{
	const char *db = NULL;
	int jobs = (int)sysconf(_SC_NPROCESSORS_ONLN), verbose = 0, quiet = 0;
	char **paths = argv;
	int np = 0;
	static const char usage[] = "usage: budgetlint ingest [--db FILE|postgres://...] [-j N] [--verbose] [--quiet] PATH...";
	for (int i = 1; i < argc; i++) {
		const char *v;
		if ((v = cli_opt(argc, argv, &i, "--db")))
			db = v;
		else if ((v = cli_opt(argc, argv, &i, "-j")) || (v = cli_opt(argc, argv, &i, "--jobs"))) {
			char *end;
			long j = strtol(v, &end, 10);
			if (*end || j < 1 || j > MAX_JOBS) {
				cli_error("-j wants a number of workers from 1 to %d", MAX_JOBS);
				return EXIT_USAGE;
			}
			jobs = (int)j;
		} else if (!strncmp(argv[i], "-j", 2) && argv[i][2]) {
			char *end;
			long j = strtol(argv[i] + 2, &end, 10);
			if (*end || j < 1 || j > MAX_JOBS) {
				cli_error("-j wants a number of workers from 1 to %d", MAX_JOBS);
				return EXIT_USAGE;
			}
			jobs = (int)j;
		} else if (!strcmp(argv[i], "--verbose") || !strcmp(argv[i], "-v"))
			verbose = 1;
		else if (!strcmp(argv[i], "--quiet") || !strcmp(argv[i], "-q"))
			quiet = 1;
		else if (argv[i][0] == '-' && argv[i][1]) {
			cli_error("unknown option '%s'\n%s", argv[i], usage);
			return EXIT_USAGE;
		} else
			paths[np++] = argv[i];
	}
	if (np == 0) {
		cli_error("no input\n%s", usage);
		return EXIT_USAGE;
	}
	db = cli_db(db);
	if (jobs < 1)
		jobs = 1;
	file_list files = {0};
	int walk = cli_walk(paths, np, collect, &files);

	/* migrate once, before the workers race to */
	bl_store *s = NULL;
	bl_diag diag = {0};
	if (bl_store_open(db, &s, &diag) != BL_OK) {
		cli_error("%s", diag.msg);
		return EXIT_USAGE;
	}
	bl_store_close(s); /* a connection must not cross fork() */

	long *next = mmap(NULL, sizeof *next, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (next == MAP_FAILED) {
		cli_error("cannot share memory with the workers: %s", strerror(errno));
		return EXIT_USAGE;
	}
	*next = 0;
	int fd[2];
	if (pipe(fd) != 0) {
		cli_error("cannot create a pipe: %s", strerror(errno));
		return EXIT_USAGE;
	}
	if ((size_t)jobs > files.n)
		jobs = files.n ? (int)files.n : 1;
	worker w[MAX_JOBS];
	int nw = 0;
	for (int k = 0; k < jobs; k++) {
		pid_t pid = spawn(db, &files, next, fd);
		if (pid < 0) {
			cli_error("cannot start a worker: %s", strerror(errno));
			break;
		}
		w[nw++] = (worker){pid, -1};
	}
	int tty = isatty(2) && !quiet;
	tally t = {0};
	double t0 = now_s(), last = t0;
	char buf[8192];
	size_t have = 0;
	long crashed[MAX_JOBS * 4];
	int ncrashed = 0, alive = nw, fatal = 0;
	char crash_why[MAX_JOBS * 4][64];
	fcntl(fd[0], F_SETFL, fcntl(fd[0], F_GETFL) | O_NONBLOCK);
	for (;;) {
		struct pollfd pfd = {fd[0], POLLIN, 0};
		poll(&pfd, 1, 200);
		/* drain the pipe before reaping: a worker's last record names the file it died on */
		for (;;) {
			ssize_t r = read(fd[0], buf + have, sizeof buf - 1 - have);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0)
				break;
			have += (size_t)r;
			char *start = buf, *nl;
			while ((nl = memchr(start, '\n', have - (size_t)(start - buf)))) {
				*nl = 0;
				if (*start == 'E')
					fatal = 1;
				handle(start, w, nw, &files, &t, verbose, tty);
				start = nl + 1;
			}
			have -= (size_t)(start - buf);
			memmove(buf, start, have);
			if (have == sizeof buf - 1)
				have = 0; /* a record longer than the buffer: drop it */
		}
		if (!quiet)
			progress(&t, files.n, t0, tty, &last, 0);
		if (alive == 0)
			break;
		/* reap finished workers; replace one that died on a file */
		int status;
		pid_t pid;
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
			for (int k = 0; k < nw; k++) {
				if (w[k].pid != pid)
					continue;
				alive--;
				w[k].pid = 0;
				if (!WIFSIGNALED(status) || w[k].job < 0 || ncrashed >= MAX_JOBS * 4)
					continue;
				snprintf(crash_why[ncrashed], sizeof crash_why[0], "worker killed by signal %d (%s)",
					 WTERMSIG(status), strsignal(WTERMSIG(status)));
				crashed[ncrashed++] = w[k].job;
				t.done++, t.failed++;
				if (tty)
					fputs("\r\033[K", stderr);
				cli_error("%s: %s while reading it", files.v[w[k].job], crash_why[ncrashed - 1]);
				if (*next < (long)files.n && !fatal) {
					pid_t again = spawn(db, &files, next, fd);
					if (again > 0) {
						w[k] = (worker){again, -1};
						alive++;
					}
				}
			}
		}
	}
	close(fd[0]);
	close(fd[1]);
	while (waitpid(-1, NULL, 0) > 0)
		;
	if (!quiet)
		progress(&t, files.n, t0, tty, &last, 1);
	munmap(next, sizeof *next);

	int rc = fatal ? EXIT_USAGE : EXIT_CLEAN;
	if (bl_store_open(db, &s, &diag) != BL_OK) {
		cli_error("%s", diag.msg);
		rc = EXIT_USAGE;
	} else {
		for (int k = 0; k < ncrashed; k++)
			bl_store_fail(s, files.v[crashed[k]], crash_why[k], &diag);
		if (bl_store_crosscheck(s, &diag) != BL_OK) {
			cli_error("%s", diag.msg);
			rc = EXIT_USAGE;
		}
		bl_store_close(s);
	}
	printf("%zu files: %zu filed, %zu already filed, %zu failed; %zu to confirm by hand (budgetlint ledger --db %s)\n",
		       files.n, t.filed, t.same, t.failed, t.review, db);
	for (size_t i = 0; i < files.n; i++)
		free(files.v[i]);
	free(files.v);
	if (t.failed || walk)
		rc = EXIT_USAGE;
	return rc;
}
