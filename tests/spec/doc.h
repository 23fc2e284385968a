/* doc.h - one document's findings and facts as lines, from the library and from the CLI:
 * what tests/spec/spec.c compares. Static functions; included by spec.c alone. */
#ifndef BL_SPEC_DOC_H
#define BL_SPEC_DOC_H

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "budgetlint/budgetlint.h"

extern char **environ;

/* A growing list of strings, each malloc'd. */
typedef struct strv {
	char **v;
	size_t n, cap;
} strv;

static void strv_push(strv *s, const char *p, size_t n)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 8;
		s->v = realloc(s->v, s->cap * sizeof *s->v);
		if (!s->v)
			abort();
	}
	char *c = malloc(n + 1);
	if (!c)
		abort();
	memcpy(c, p, n);
	c[n] = 0;
	s->v[s->n++] = c;
}

static void strv_pushf(strv *s, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	strv_push(s, buf, n < 0 ? 0 : (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

static void strv_free(strv *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	*s = (strv){0};
}

/* "line:col: severity[rule]" and, apart, "stated X, expected Y" or "". */
typedef struct got {
	strv base, se;
} got;

static void got_free(got *g)
{
	strv_free(&g->base);
	strv_free(&g->se);
}

static void lib_findings(const bl_doc *d, got *g)
{
	for (size_t i = 0; i < bl_doc_nfindings(d); i++) {
		const bl_finding *f = bl_doc_finding(d, i);
		strv_pushf(&g->base, "%d:%d: %s[%s]", f->pos.line, f->pos.col, bl_severity_name(f->severity),
			   f->rule);
		char a[48], b[48];
		if (f->has_stated && f->has_expected)
			strv_pushf(&g->se, "stated %s, expected %s", bl_dec_format(f->stated, a),
				   bl_dec_format(f->expected, b));
		else
			strv_push(&g->se, "", 0);
	}
}

static void lib_facts(const bl_doc *d, strv *out)
{
	for (size_t i = 0; i < bl_doc_nfacts(d); i++) {
		const bl_fact *f = bl_doc_fact(d, i);
		const char *basis = bl_basis_name(f->basis);
		char v[48];
		strv_pushf(out, "%s %s %s %d %s", f->key, bl_measure_name(f->measure), basis ? basis : "-",
			   f->period, bl_dec_format(f->value, v));
	}
}

/* Runs argv with stdout into *out (malloc'd) and stderr into errpath;
 * returns the exit status, or -1 when it could not run or was killed. */
static int spawn(const char *const argv[], const char *errpath, char **out)
{
	int fd[2];
	*out = NULL;
	if (pipe(fd))
		return -1;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd[1], 1);
	posix_spawn_file_actions_addclose(&fa, fd[0]);
	posix_spawn_file_actions_addclose(&fa, fd[1]);
	posix_spawn_file_actions_addopen(&fa, 2, errpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	pid_t pid;
	int rc = posix_spawn(&pid, argv[0], &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fd[1]);
	size_t n = 0, cap = 4096;
	char *b = malloc(cap);
	if (!b)
		abort();
	ssize_t k;
	while (rc == 0 && (k = read(fd[0], b + n, cap - n - 1)) != 0) {
		if (k < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		n += (size_t)k;
		if (cap - n < 2) {
			cap *= 2;
			b = realloc(b, cap);
			if (!b)
				abort();
		}
	}
	b[n] = 0;
	close(fd[0]);
	*out = b;
	if (rc != 0)
		return -1;
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static long file_size(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fclose(f);
	return n;
}

/* The CLI's finding lines "PATH:L:C: sev[rule]: message[ [stated A, expected B]]". */
static void cli_findings(const char *out, const char *path, got *g)
{
	size_t np = strlen(path);
	for (const char *l = out; *l;) {
		size_t n = strcspn(l, "\n");
		if (n > np && !strncmp(l, path, np) && l[np] == ':') {
			const char *s = l + np + 1, *end = l + n;
			const char *close = memchr(s, ']', (size_t)(end - s));
			if (close) {
				strv_push(&g->base, s, (size_t)(close + 1 - s));
				const char *st = NULL;
				for (const char *p = close; p + 9 <= end; p++)
					if (!strncmp(p, " [stated ", 9))
						st = p;
				if (st && end[-1] == ']')
					strv_push(&g->se, st + 2, (size_t)(end - 1 - (st + 2)));
				else
					strv_push(&g->se, "", 0);
			}
		}
		l += n + (l[n] == '\n');
	}
}

/* extract --format csv rows: "PATH",key,measure,basis,period,value,... */
static void cli_facts(const char *out, strv *facts)
{
	const char *l = out;
	l += strcspn(l, "\n");
	l += *l == '\n'; /* the header */
	while (*l) {
		size_t n = strcspn(l, "\n");
		const char *p = l, *end = l + n;
		if (*p == '"') {
			for (p++; p < end; p++)
				if (*p == '"' && (p + 1 >= end || p[1] != '"'))
					break;
				else if (*p == '"')
					p++;
			p++;
		} else
			p += strcspn(p, ",");
		char f[5][128] = {{0}};
		for (int k = 0; k < 5 && p < end && *p == ','; k++) {
			p++;
			size_t m = strcspn(p, ",\n");
			snprintf(f[k], sizeof f[k], "%.*s", (int)m, p);
			p += m;
		}
		strv_pushf(facts, "%s %s %s %s %s", f[0], f[1], *f[2] ? f[2] : "-", f[3], f[4]);
		l += n + (l[n] == '\n');
	}
}

/* The CLI on the file at path: check's findings into g, with facts extract's
 * facts into f, *nerr the bytes written to stderr (at errpath) by either.
 * Returns check's exit status, -1 when it did not exit. */
static int cli_run(const char *cli, const char *path, const char *errpath, int facts, got *g, strv *f,
		   long *nerr)
{
	char *out = NULL;
	const char *check[] = {cli,     "check",          "--format", "text", "--color",
			       "never", "--min-severity", "info",     path,   NULL};
	int rc = spawn(check, errpath, &out);
	*nerr = file_size(errpath);
	if (out)
		cli_findings(out, path, g);
	free(out);
	if (facts) {
		const char *extract[] = {cli, "extract", "--format", "csv", path, NULL};
		long n = spawn(extract, errpath, &out) != 0 ? 1 : file_size(errpath);
		*nerr = *nerr > 0 ? *nerr : n;
		if (out)
			cli_facts(out, f);
		free(out);
	}
	return rc;
}

#endif
