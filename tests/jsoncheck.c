/* jsoncheck.c - parses budgetlint's JSON with cJSON and checks it against the
 * contract of ../shared/DESIGN.md: every field present with its type, decimal
 * strings where the contract says so, enumerations within their sets.
 *
 *   jsoncheck < out.json            check output; prints "json: N passed, N failed"
 *   jsoncheck --extract < out.json  extract output: facts, and no findings key
 *   jsoncheck --any < out.json      any budgetlint JSON (ledger, export): parses, names the tool and rule set
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static char *slurp(FILE *fp)
{
	size_t n = 0, cap = 1 << 16;
	char *b = malloc(cap);
	if (!b)
		abort();
	size_t r;
	while ((r = fread(b + n, 1, cap - n - 1, fp)) > 0) {
		n += r;
		if (cap - n < 2) {
			cap *= 2;
			b = realloc(b, cap);
			if (!b)
				abort();
		}
	}
	b[n] = 0;
	return b;
}

/* -?digits(.digits)? */
static int is_decimal(const char *s)
{
	if (*s == '-')
		s++;
	if (*s < '0' || *s > '9')
		return 0;
	while (*s >= '0' && *s <= '9')
		s++;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == 0;
}

static int one_of(const char *s, const char *const *set)
{
	for (; *set; set++)
		if (!strcmp(s, *set))
			return 1;
	return 0;
}

static const char *str(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int num_ge(const cJSON *o, const char *k, double min)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsNumber(v) && v->valuedouble >= min && v->valuedouble == (double)(long)v->valuedouble;
}

static int null_or_decimal(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return v && (cJSON_IsNull(v) || (cJSON_IsString(v) && is_decimal(v->valuestring)));
}

static void check_pos(const cJSON *o, const char *what)
{
	CHECK(num_ge(o, "page", 1) && num_ge(o, "line", 1) && num_ge(o, "col", 1), "%s position", what);
	CHECK(str(o, "text") != NULL, "%s text", what);
}

static void check_fact(const cJSON *f)
{
	static const char *const measures[] = {"value",     "change",         "change_pct",
					       "share_pct", "completion_pct", NULL};
	static const char *const bases[] = {"prev_year",  "initial_budget",  "prev_budget",   "prev_exec",
					    "prev_final", "adjusted_budget", "annual_budget", NULL};
	const char *key = str(f, "key"), *m = str(f, "measure"), *v = str(f, "value");
	int key_ok = key && *key;
	for (const char *p = key ? key : ""; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '.'))
			key_ok = 0;
	CHECK(key_ok, "fact key '%s'", key ? key : "(none)");
	CHECK(m && one_of(m, measures), "fact measure '%s'", m ? m : "(none)");
	const cJSON *b = cJSON_GetObjectItemCaseSensitive(f, "basis");
	CHECK(b && (cJSON_IsNull(b) || (cJSON_IsString(b) && one_of(b->valuestring, bases))),
	      "fact basis of %s", key ? key : "?");
	const cJSON *per = cJSON_GetObjectItemCaseSensitive(f, "period");
	CHECK(per && (cJSON_IsNull(per) || num_ge(f, "period", 1990)), "fact period of %s", key ? key : "?");
	CHECK(v && is_decimal(v), "fact value '%s' is a decimal string", v ? v : "(none)");
	const cJSON *u = cJSON_GetObjectItemCaseSensitive(f, "unit");
	CHECK(u && (cJSON_IsNull(u) || cJSON_IsString(u)), "fact unit");
	check_pos(f, "fact");
}

/* A table: kind among the nine (or other), columns, rows whose cells are
 * blank, a decimal string, or text, and name a figure column. */
static void check_table(const cJSON *t)
{
	static const char *const kinds[] = {"other", "summary", "income", "expense", "approp", "general",
					    "basic", "sangong", "fund",   "capital", NULL};
	static const char *const roles[] = {"item", "total", "class", "kuan", "xiang", NULL};
	const char *k = str(t, "kind");
	CHECK(k && one_of(k, kinds), "table kind '%s'", k ? k : "(none)");
	CHECK(str(t, "title") != NULL && num_ge(t, "page", 1) && num_ge(t, "line", 1),
	      "table title and position");
	const cJSON *cols = cJSON_GetObjectItemCaseSensitive(t, "columns"), *rows, *r, *c;
	CHECK(cJSON_IsArray(cols), "table columns");
	int ncols = cJSON_GetArraySize(cols);
	rows = cJSON_GetObjectItemCaseSensitive(t, "rows");
	CHECK(cJSON_IsArray(rows), "table rows");
	cJSON_ArrayForEach(r, rows)
	{
		const char *role = str(r, "role");
		CHECK(role && one_of(role, roles), "row role '%s'", role ? role : "(none)");
		CHECK(str(r, "code") != NULL && str(r, "label") != NULL, "row code and label");
		cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(r, "cells"))
		{
			const char *st = str(c, "state");
			const cJSON *ci = cJSON_GetObjectItemCaseSensitive(c, "col");
			CHECK(cJSON_IsNumber(ci) && ci->valueint >= 0 && ci->valueint < ncols, "cell column");
			CHECK(st && (!strcmp(st, "blank") ||
				     (!strcmp(st, "number") && str(c, "value") &&
				      is_decimal(str(c, "value"))) ||
				     (!strcmp(st, "text") && str(c, "text"))),
			      "cell state '%s'", st ? st : "(none)");
		}
	}
}

static void check_finding(const cJSON *f)
{
	static const char *const sev[] = {"error", "warning", "info", NULL};
	const char *rule = str(f, "rule"), *s = str(f, "severity"), *msg = str(f, "message");
	int rule_ok = rule && *rule;
	for (const char *p = rule ? rule : ""; *p; p++)
		if ((unsigned char)*p >= 0x80 || *p == ' ')
			rule_ok = 0;
	CHECK(rule_ok, "finding rule id '%s' is ASCII", rule ? rule : "(none)");
	CHECK(s && one_of(s, sev), "finding severity '%s'", s ? s : "(none)");
	CHECK(msg && *msg, "finding message");
	CHECK(num_ge(f, "page", 1) && num_ge(f, "line", 1) && num_ge(f, "col", 1), "finding position of %s",
	      rule ? rule : "?");
	CHECK(null_or_decimal(f, "stated") && null_or_decimal(f, "expected"), "finding stated/expected of %s",
	      rule ? rule : "?");
	const cJSON *ev = cJSON_GetObjectItemCaseSensitive(f, "evidence"), *e;
	CHECK(cJSON_IsArray(ev) && cJSON_GetArraySize(ev) >= 1, "finding evidence of %s", rule ? rule : "?");
	cJSON_ArrayForEach(e, ev) check_pos(e, "evidence");
}

int main(int argc, char **argv)
{
	int extract = argc > 1 && !strcmp(argv[1], "--extract");
	int any = argc > 1 && !strcmp(argv[1], "--any");
	char *text = slurp(stdin);
	cJSON *root = cJSON_Parse(text);
	CHECK(root != NULL, "parses as JSON (near byte %ld)",
	      root ? 0L : (long)(cJSON_GetErrorPtr() ? cJSON_GetErrorPtr() - text : -1));
	if (root) {
		const cJSON *tool = cJSON_GetObjectItemCaseSensitive(root, "tool");
		CHECK(str(tool, "name") && !strcmp(str(tool, "name"), "budgetlint"), "tool.name");
		CHECK(str(tool, "version") != NULL, "tool.version");
		if (any) {
			CHECK(str(tool, "ruleset") != NULL, "tool.ruleset");
			CHECK(cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(root, "documents")),
			      "documents");
			cJSON_Delete(root);
			free(text);
			printf("json: %d passed, %d failed\n", t_pass, t_fail);
			return t_fail ? 1 : 0;
		}
		const cJSON *docs = cJSON_GetObjectItemCaseSensitive(root, "documents"), *d;
		CHECK(cJSON_IsArray(docs), "documents is an array");
		static const char *const kinds[] = {"budget", "final", "unknown", NULL};
		cJSON_ArrayForEach(d, docs)
		{
			const char *k = str(d, "kind");
			CHECK(str(d, "path") != NULL, "document path");
			CHECK(k && one_of(k, kinds), "document kind '%s'", k ? k : "(none)");
			const cJSON *y = cJSON_GetObjectItemCaseSensitive(d, "year");
			CHECK(y && (cJSON_IsNull(y) || num_ge(d, "year", 1990)), "document year");
			const cJSON *u = cJSON_GetObjectItemCaseSensitive(d, "unit");
			CHECK(u && (cJSON_IsNull(u) || cJSON_IsString(u)), "document unit");
			CHECK(num_ge(d, "pages", 1), "document pages");
			static const char *const sources[] = {"text", "pdf", "docx", "xlsx", "html", NULL};
			const char *src = str(d, "source");
			CHECK(src && one_of(src, sources), "document source '%s'", src ? src : "(none)");
			const cJSON *facts = cJSON_GetObjectItemCaseSensitive(d, "facts"), *x;
			CHECK(cJSON_IsArray(facts), "facts is an array");
			cJSON_ArrayForEach(x, facts) check_fact(x);
			const cJSON *tabs = cJSON_GetObjectItemCaseSensitive(d, "tables");
			if (tabs) {
				CHECK(cJSON_IsArray(tabs), "tables is an array");
				cJSON_ArrayForEach(x, tabs) check_table(x);
			}
			const cJSON *finds = cJSON_GetObjectItemCaseSensitive(d, "findings");
			if (extract) {
				CHECK(finds == NULL, "extract output has no findings");
				continue;
			}
			CHECK(cJSON_IsArray(finds), "findings is an array");
			cJSON_ArrayForEach(x, finds) check_finding(x);
		}
	}
	cJSON_Delete(root);
	free(text);
	DONE("json");
}
