/* cli.h - the command table and what the subcommands share. */
#ifndef BL_CLI_H
#define BL_CLI_H

#include <stdio.h>

#include "budgetlint/budgetlint.h"

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2 };

typedef struct cli_cmd {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *usage;
	const char *summary;
} cli_cmd;

int cmd_check(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_vocab(int argc, char **argv);

/* Calls fn for every regular file under each PATH (directories recursed, in
 * name order); explicit is 1 for a file named on the command line. Unreadable
 * paths are reported on stderr and make the return value non-zero; the walk
 * goes on. */
int cli_walk(char **paths, int n, void (*fn)(const char *path, int explicit, void *ctx), void *ctx);

/* Is this a file an adapter reads, by extension (used when walking
 * directories; a file named on the command line is read whatever its name)? */
int cli_is_input(const char *path);

/* Parses "--name value" or "--name=value" at argv[*i]; returns the value or NULL. */
const char *cli_opt(int argc, char **argv, int *i, const char *name);

/* The ledger to use: the --db value, else $BUDGETLINT_DB, else ./budgetlint.db. */
const char *cli_db(const char *opt);

/* Today as YYYY-MM-DD (local time; $BUDGETLINT_TODAY overrides, for tests). */
void cli_today(char out[32]);

int cmd_ingest(int argc, char **argv);
int cmd_ledger(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_expect(int argc, char **argv);
int cmd_review(int argc, char **argv);
int cmd_render(int argc, char **argv);

/* Prints "budgetlint: <msg>" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
