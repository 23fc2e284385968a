/* main.c - budgetlint: the command table, directory walking, exit codes. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static int cmd_version(int argc, char **argv);
static int cmd_help(int argc, char **argv);

static const cli_cmd commands[] = {
	{"check", cmd_check, "budgetlint check [--format text|json] [--min-severity info|warning|error] [--color auto|always|never] [--db FILE|URL] PATH...",
	 "audit disclosures and print findings (exit 1 when any error)"},
	{"extract", cmd_extract, "budgetlint extract [--format json|csv|text] PATH...", "print every fact found, or the text as read"},
	{"ingest", cmd_ingest, "budgetlint ingest [--db FILE|URL] [-j N] [--verbose] [--quiet] PATH...",
	 "file documents into the ledger database (parallel, resumable)"},
	{"ledger", cmd_ledger, "budgetlint ledger [--db FILE|URL] [--format text|csv|json] [--verify]",
	 "units x years: what is filed, missing, to confirm, failed"},
	{"compare", cmd_compare, "budgetlint compare [--db FILE|URL] [--org NAME] [--year YYYY] [--kind budget|final] [--format text|csv|json]",
	 "one unit across years, or units within a year, side by side"},
	{"export", cmd_export, "budgetlint export [--db FILE|URL] --format csv|json|fdp [-o FILE|DIR]",
	 "facts, table cells and findings of the ledger"},
	{"expect", cmd_expect, "budgetlint expect [--db FILE|URL] FILE.csv", "import what should be published, and by when"},
	{"review", cmd_review, "budgetlint review [--db FILE|URL] --list [PATH] | FINGERPRINT confirmed|rejected|fixed [--note TEXT] [--by NAME]",
	 "record a reviewer's decision on a finding"},
	{"render", cmd_render,
	 "budgetlint render [--format text|html|docx] [-o FILE] [--draft] [--kind budget|final] [--prev LAST-YEAR] [--texts FILE.json] [--doc N] [--reason-pct N] INPUT",
	 "write the standard narrative from figures (facts JSON or XLSX); refuses inconsistent input"},
	{"rules", cmd_rules, "budgetlint rules [--format text|markdown]", "list the rules"},
	{"vocab", cmd_vocab, "budgetlint vocab", "print the fact vocabulary (docs/facts.md)"},
	{"version", cmd_version, "budgetlint version", "print the version"},
	{"help", cmd_help, "budgetlint help", "print this help"},
};

void cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("budgetlint: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

static int cmd_version(int argc, char **argv)
{
	(void)argc, (void)argv;
	printf("budgetlint %s\nformats: txt (UTF-8, GB18030/GBK, UTF-16)\n", bl_version());
	return EXIT_CLEAN;
}

static int cmd_help(int argc, char **argv)
{
	(void)argc, (void)argv;
	printf("usage: budgetlint <command> [options] PATH...\n\ncommands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		printf("  %-8s %s\n", commands[i].name, commands[i].summary);
	printf("\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		printf("  %s\n", commands[i].usage);
	printf("\nexit status: 0 no error-level finding, 1 some error-level finding, 2 bad usage or unreadable input\n");
	return EXIT_CLEAN;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk_one(const char *path, void (*fn)(const char *, int, void *), void *ctx, int depth)
{
	struct stat sb;
	if (stat(path, &sb) != 0) {
		cli_error("cannot open '%s': %s", path, strerror(errno));
		return 1;
	}
	if (!S_ISDIR(sb.st_mode)) {
		fn(path, depth == 0, ctx);
		return 0;
	}
	if (depth > 32) {
		cli_error("'%s': directories nested too deep", path);
		return 1;
	}
	DIR *d = opendir(path);
	if (!d) {
		cli_error("cannot open '%s': %s", path, strerror(errno));
		return 1;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			names = realloc(names, cap * sizeof *names);
			if (!names) {
				cli_error("out of memory");
				abort();
			}
		}
		size_t len = strlen(path) + strlen(e->d_name) + 2;
		names[n] = malloc(len);
		if (!names[n]) {
			cli_error("out of memory");
			abort();
		}
		size_t pl = strlen(path);
		snprintf(names[n], len, "%s%s%s", path, pl && path[pl - 1] == '/' ? "" : "/", e->d_name);
		n++;
	}
	closedir(d);
	qsort(names, n, sizeof *names, cmp_str);
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		rc |= walk_one(names[i], fn, ctx, depth + 1);
		free(names[i]);
	}
	free(names);
	return rc;
}

int cli_walk(char **paths, int n, void (*fn)(const char *, int, void *), void *ctx)
{
	int rc = 0;
	for (int i = 0; i < n; i++)
		rc |= walk_one(paths[i], fn, ctx, 0);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		cmd_help(0, NULL);
		return EXIT_USAGE;
	}
	const char *name = argv[1];
	if (!strcmp(name, "--help") || !strcmp(name, "-h"))
		name = "help";
	if (!strcmp(name, "--version"))
		name = "version";
	int rc = -1;
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (!strcmp(commands[i].name, name)) {
			rc = commands[i].run(argc - 1, argv + 1);
			break;
		}
	if (rc < 0) {
		cli_error("unknown command '%s' (see 'budgetlint help')", name);
		return EXIT_USAGE;
	}
	if (ferror(stdout) || fclose(stdout) != 0) {
		cli_error("write error on standard output: %s", strerror(errno));
		return EXIT_USAGE;
	}
	return rc;
}
