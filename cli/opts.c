/* opts.c - option parsing shared by the subcommands. */
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <time.h>

#include "cli.h"

const char *cli_opt(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);
	const char *a = argv[*i];
	if (strncmp(a, name, n) != 0)
		return NULL;
	if (a[n] == '=')
		return a + n + 1;
	if (a[n] != 0)
		return NULL;
	if (*i + 1 >= argc) {
		cli_error("option '%s' needs a value", name);
		return "";
	}
	return argv[++*i];
}

int cli_is_input(const char *path)
{
	return bl_doc_input_name(path);
}

const char *cli_db(const char *opt)
{
	if (opt && *opt)
		return opt;
	const char *e = getenv("BUDGETLINT_DB");
	return e && *e ? e : "budgetlint.db";
}

void cli_today(char out[32])
{
	const char *e = getenv("BUDGETLINT_TODAY");
	if (e && strlen(e) == 10) {
		snprintf(out, 32, "%s", e);
		return;
	}
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%d", &tm);
}

/* Rotating results, so that one message can quote two paths. */
#define QUOTE_SLOTS 4
/* Bytes of a path shown; past this the path ends in "...". A quoted byte
 * takes four. */
#define QUOTE_MAX 4096

const char *cli_quote(const char *path)
{
	static char slots[QUOTE_SLOTS][QUOTE_MAX * 4 + 16];
	static int next;
	return bl_report_escape(path, 0, slots[next++ % QUOTE_SLOTS], sizeof slots[0]);
}
