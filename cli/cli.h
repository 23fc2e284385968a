/* cli.h - the command table and what the subcommands share. */
#ifndef BL_CLI_H
#define BL_CLI_H

#include <stdint.h>
#include <stdio.h>

#include "budgetlint/budgetlint.h"

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2 };

/* One option of a command, as its --help lists it. */
typedef struct cli_option {
	const char *name;  /* "--format" */
	const char *alias; /* "-o", or NULL */
	const char *arg;   /* what its value is ("text|json"), NULL for a flag */
	const char *help;  /* one line */
} cli_option;

/* A row of the command table (main.c): the one source of the CLI's text.
 * `budgetlint help`, `budgetlint CMD --help`, the usage printed on a usage
 * error and README's usage block (`budgetlint help --markdown`, compared by
 * tests/check_usage.sh) are all printed from it. */
typedef struct cli_cmd {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *forms[3];   /* what follows "budgetlint NAME ", one string per form of the command */
	const char *summary;    /* one line */
	const cli_option *opts; /* ends with a row whose name is NULL */
	const char *note;       /* a line after the options (what an argument is), or NULL */
	int hidden;             /* not in README's usage block (version, help) */
} cli_cmd;

/* The command table, in the order help lists it; n set to its length. */
const cli_cmd *cli_commands(size_t *n);
const cli_cmd *cli_command(const char *name);

/* A usage error of command cmd: "budgetlint: <msg>" and the command's
 * usage lines, on stderr in one write (msg NULL: the usage alone). */
void cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Help (help.c): the overview, one command's options, README's usage block. */
void cli_help_all(FILE *out);
void cli_help_cmd(FILE *out, const cli_cmd *c);
void cli_help_markdown(FILE *out);

/* Is --help or -h among argv[1..argc) (not as the value of an option that takes one)? */
int cli_help_asked(const cli_cmd *c, int argc, char **argv);

int cmd_check(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_help(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_vocab(int argc, char **argv);
int cmd_templates(int argc, char **argv);

/* Calls fn for every regular file under each PATH (directories recursed, in
 * name order); explicit is 1 for a file named on the command line. Unreadable
 * paths are reported on stderr and make the return value non-zero; the walk
 * goes on. Symbolic links are followed, but each directory (device and
 * inode) is walked once: a link back to an ancestor (a loop) or a second
 * path to a directory already walked is a warning on stderr and is skipped
 * without changing the return value, since every file is still read once.
 * Past a cap (depth 32, a million directories, 2^20 entries in one
 * directory) the part cut off is an error. In directories only regular
 * files are given to fn (a FIFO named x.txt would block the reader). */
int cli_walk(char **paths, int n, void (*fn)(const char *path, int explicit, void *ctx), void *ctx);

/* The same, streaming: fn also gets the file's size in bytes, and the walk
 * stops as soon as fn returns non-zero (a cap reached, a fatal error). A
 * directory that fails to be read to its end (readdir's error) is an error
 * naming it; the entries read before are still walked. */
typedef int (*cli_walk_fn)(const char *path, int64_t size, int explicit, void *ctx);
int cli_walk_until(char **paths, int n, cli_walk_fn fn, void *ctx);

/* In a process forked from inside fn (a worker): closes the directories the
 * walk holds open, which are the parent's, not the child's. The child must
 * not return into the walk. */
void cli_walk_close_fds(void);

/* The one out-of-memory policy of the CLI (the library's is its own): p
 * resized to n bytes (p NULL: a new block, zeroed); on failure
 * "budgetlint: out of memory" and abort(). */
void *cli_xrealloc(void *p, size_t n);
char *cli_xstrdup(const char *s);

/* path as it can be shown in one line of a message: control characters,
 * newlines and bytes that are not UTF-8 as \xNN, at most 4096 bytes of it.
 * The result lives until the fourth call after this one. */
const char *cli_quote(const char *path);

/* Is this a file an adapter reads, by extension (used when walking
 * directories; a file named on the command line is read whatever its name)? */
int cli_is_input(const char *path);

/* Parses "--name value" or "--name=value" at argv[*i]; returns the value or NULL. */
const char *cli_opt(int argc, char **argv, int *i, const char *name);

/* The ledger to use: the --db value, else $BUDGETLINT_DB, else ./budgetlint.db. */
/* How the command line opens documents: the defaults, with OCR off when
 * BL_NO_OCR is set (to anything) and BL_OCR_JOBS=N threads (held to 1..8; a
 * value that is no positive number gives 1). The library reads no
 * environment; this is the one place the command line does for it. */
const bl_open_options *cli_open_options(void);

/* The formats a command (BL_REPORT_FOR_*) writes, for messages: "text or json". */
const char *cli_format_list(int use);

const char *cli_db(const char *opt);

/* db as it may be shown: a postgres:// URL with its password (user:PASSWORD@
 * or password=...) replaced by ***. The result lives until the next call. */
const char *cli_db_shown(const char *db);

/* Today as YYYY-MM-DD (local time; $BUDGETLINT_TODAY overrides, for tests). */
void cli_today(char out[32]);

int cmd_ingest(int argc, char **argv);
int cmd_ledger(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_expect(int argc, char **argv);
int cmd_review(int argc, char **argv);
int cmd_render(int argc, char **argv);

/* Prints "budgetlint: <msg>" to stderr in one write; control characters
 * but newline and tab are shown as \xNN. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
