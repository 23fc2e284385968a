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

const char *cli_db_shown(const char *db)
{
	static char out[4096];
	const char *rest = !strncmp(db, "postgres://", 11)     ? db + 11
			   : !strncmp(db, "postgresql://", 13) ? db + 13
							       : NULL;
	if (!rest)
		return db;
	size_t k = 0, n = strlen(db);
	size_t auth = strcspn(rest, "/?"); /* user:password@host:port */
	const char *at = memchr(rest, '@', auth), *colon = at ? memchr(rest, ':', (size_t)(at - rest)) : NULL;
	for (size_t i = 0; i < n && k + 8 < sizeof out;) {
		const char *p = db + i;
		if (colon && p == colon + 1) { /* the password in the user information */
			k += (size_t)snprintf(out + k, sizeof out - k, "***");
			i = (size_t)(at - db);
		} else if (p > rest + auth && (p[-1] == '?' || p[-1] == '&') && !strncmp(p, "password=", 9)) {
			k += (size_t)snprintf(out + k, sizeof out - k, "password=***");
			i += 9 + strcspn(p + 9, "&");
		} else {
			out[k++] = db[i++];
		}
	}
	out[k] = 0;
	return out;
}

void *cli_xrealloc(void *p, size_t n)
{
	void *q = p ? realloc(p, n ? n : 1) : calloc(1, n ? n : 1);
	if (!q) {
		cli_error("out of memory");
		abort();
	}
	return q;
}

char *cli_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(cli_xrealloc(NULL, n), s, n);
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

const bl_open_options *cli_open_options(void)
{
	static bl_open_options o = BL_OPEN_OPTIONS_INIT;
	static int done;
	if (!done) {
		if (getenv("BL_NO_OCR"))
			o.ocr = 0;
		const char *e = getenv("BL_OCR_JOBS");
		if (e) {
			long n = strtol(e, NULL, 10);
			o.ocr_jobs = n < 1 ? 1 : n > 8 ? 8 : (int)n;
		}
		done = 1;
	}
	return &o;
}

const char *cli_format_list(int use)
{
	static char out[256];
	size_t n = 0, k = 0, total = 0;
	for (size_t i = 0; i < bl_report_format_count(); i++)
		total += (bl_report_format_at(i)->uses & use) != 0;
	out[0] = 0;
	for (size_t i = 0; i < bl_report_format_count() && n < sizeof out; i++) {
		const bl_report_format *f = bl_report_format_at(i);
		if (!(f->uses & use))
			continue;
		const char *sep = k == 0 ? "" : k + 1 == total ? " or " : ", ";
		n += (size_t)snprintf(out + n, sizeof out - n, "%s%s", sep, f->name);
		k++;
	}
	return out;
}
