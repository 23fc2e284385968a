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
	char *out = slots[next++ % QUOTE_SLOTS];
	size_t k = 0, i = 0;
	const unsigned char *p = (const unsigned char *)(path ? path : "");
	while (p[i] && k < QUOTE_MAX * 4) {
		/* the length of a valid UTF-8 sequence at p+i, 0 when the byte starts none */
		size_t len = p[i] < 0x80 ? 1 : 0;
		if (p[i] >= 0xC2 && p[i] <= 0xF4) {
			size_t want = p[i] >= 0xF0 ? 4 : p[i] >= 0xE0 ? 3 : 2;
			size_t j = 1;
			while (j < want && (p[i + j] & 0xC0) == 0x80)
				j++;
			/* overlong and surrogate forms are left to the terminal: only structure matters here */
			len = j == want ? want : 0;
		}
		int c1 = len == 2 && p[i] == 0xC2 && p[i + 1] < 0xA0; /* U+0080..U+009F: C1 controls */
		if (len == 0 || c1 || p[i] < 0x20 || p[i] == 0x7f) {
			size_t n = len && c1 ? 2 : 1;
			for (size_t j = 0; j < n; j++)
				k += (size_t)snprintf(out + k, sizeof slots[0] - k, "\\x%02x", p[i + j]);
			i += n;
			continue;
		}
		memcpy(out + k, p + i, len);
		k += len, i += len;
	}
	if (p[i])
		k += (size_t)snprintf(out + k, sizeof slots[0] - k, "...");
	out[k] = 0;
	return out;
}
