/* cli_ingest.h - `budgetlint ingest`: file many documents into the ledger with N worker processes.
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
 * it got, with the same numbers as the summary; a rerun files the rest.
 *
 * Once every file is filed, the parent asks the ledger for the disclosures
 * published as two files whose halves were filed apart, and hands each pair
 * to a worker as one job (bl_store_pair): the parent reads no document. */
#ifndef BL_CLI_INGEST_H
#define BL_CLI_INGEST_H

#include <stdint.h>
#include <sys/types.h>

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
	char kind; /* 'S' started: its database is open; 'D' a file done (filed or failed); 'R' a failure recorded;
		      'P' a pair tried; 'E' no database */
	int st;       /* bl_status */
	int cond;     /* st BL_EDB: the database's condition (ENOSPC, ECONNRESET, EROFS); else 0 */
	int recorded; /* 'D' failed: the worker recorded the failure in the ledger */
	int existed, nerror, nwarning;
	int paired;      /* 'P': the two files were one disclosure, and are filed as one */
	int resolved;    /* 'P': of the two, how many need no longer be confirmed by hand */
	char status[16]; /* the identification's status */
	char msg[1024];  /* the failure, or the identification's note */
} reply;

typedef struct worker {
	pid_t pid;    /* 0: no process */
	int fd;       /* the parent's end of the socket pair */
	int ready;    /* it said 'S': its database is open and it reads its jobs */
	char *path;   /* the job in hand (owned); NULL when idle */
	char *reason; /* a failure record's reason, or a pair's tables file (owned); NULL for a file */
	int pair;     /* the job is a pair: path the narrative, reason the tables */
	double since; /* batch clock: when it started (not ready), or its job did (ready) */
	int killed;   /* killed past its time limit: it takes no job, its death is awaited */
} worker;

/* A job: a file (reason NULL), a failure to record, or (pair) a narrative
 * and its tables filed apart, to check and file again as one disclosure. */
typedef struct failure {
	char *path, *reason;
	int pair;
} failure;

typedef struct queue {
	failure *v;
	size_t head, n, cap;
} queue;

typedef struct tally {
	size_t done, filed, same, failed, review; /* done = filed + same + failed */
	size_t unrecorded; /* failed files whose failure the ledger does not hold (each printed) */
	size_t paired;     /* disclosures in two files filed apart, now checked and filed as one */
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
	queue pairs;   /* once every file is filed: the halves the ledger holds apart */
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

/* The worker (ingest_worker.c): files the jobs that come over fd until the
 * parent closes its end; never returns. */
void ingest_worker(const char *db, int fd) __attribute__((noreturn));

/* The parent (ingest_batch.c): the monotonic clock in seconds; the job
 * queues; the database failed (nothing more can be written this run);
 * hands out what waits while workers are idle; waits up to ms for answers
 * and deaths, killing workers past their time; is a file in flight. */
double ingest_now(void);
void ingest_queue_push(queue *q, char *path, char *reason);
void ingest_queue_put(queue *q, failure job);
failure ingest_queue_pop(queue *q);
int ingest_db_down(const batch *b);
void ingest_feed(batch *b);
void ingest_pump(batch *b, int ms);
int ingest_busy(const batch *b);

/* What the user sees (cmd_ingest.c): the progress line is cleared before a
 * message; a file's failure named once, quoted; the progress (final: the last). */
void ingest_clear_line(const batch *b);
void ingest_report_file(batch *b, const char *path, const char *msg);
void ingest_progress(batch *b, int final);

#endif
