/* cmd_templates.c - `budgetlint templates`: the disclosure templates (lib/rules/templates/), a line each or as JSON. */
#include <string.h>

#include "cli.h"

/* The years as a range: "2019–", "–2018", "2017–2018", "all years". */
static const char *years(const bl_template_info *t, char *buf, size_t n)
{
	if (!t->year_from && !t->year_to)
		snprintf(buf, n, "all years");
	else if (!t->year_to)
		snprintf(buf, n, "%d-", t->year_from);
	else if (!t->year_from)
		snprintf(buf, n, "-%d", t->year_to);
	else
		snprintf(buf, n, "%d-%d", t->year_from, t->year_to);
	return buf;
}

static void text(void)
{
	for (size_t i = 0; i < bl_template_count(); i++) {
		const bl_template_info *t = bl_template_at(i);
		char y[32];
		printf("%-30s %-6s %-10s %-9s %-9s %s%s\n", t->id, bl_kind_name(t->kind),
		       years(t, y, sizeof y), *t->region ? t->region : "全国",
		       bl_region_level_name(t->region_level), t->name, t->national ? "（默认）" : "");
	}
}

/* s as a JSON string: quotes, backslashes and control characters escaped. */
static void jstr(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void jfield(const char *name, const char *v, int comma)
{
	printf("%s\"%s\": ", comma ? ", " : "", name);
	jstr(v);
}

static void json_one(const bl_template_info *t)
{
	printf("{");
	jfield("id", t->id, 0);
	jfield("name", t->name, 1);
	jfield("file", t->file, 1);
	jfield("region", t->region, 1);
	jfield("region_level", bl_region_level_name(t->region_level), 1);
	printf(", \"year_from\": %d, \"year_to\": %d", t->year_from, t->year_to);
	jfield("kind", bl_kind_name(t->kind), 1);
	jfield("level", t->level == BL_LEVEL_UNKNOWN ? "any" : bl_level_name(t->level), 1);
	printf(", \"national\": %s", t->national ? "true" : "false");
	jfield("assets_date", t->assets_date, 1);
	jfield("compare_base", t->compare_base, 1);
	jfield("empty_words", t->empty_words, 1);
	jfield("evidence", t->evidence, 1);
	printf(",\n   \"sections\": [");
	for (size_t k = 0; k < t->nsections; k++) {
		printf("%s{", k ? ", " : "");
		jfield("name", t->sections[k].name, 0);
		jfield("words", t->sections[k].words, 1);
		printf("}");
	}
	printf("],\n   \"tables\": [");
	for (size_t k = 0; k < t->ntables; k++) {
		printf("%s{\"number\": %d", k ? ", " : "", t->tables[k].number);
		jfield("title", t->tables[k].title, 1);
		jfield("kind", t->tables[k].kind, 1);
		printf("}");
	}
	printf("],\n   \"sums\": [");
	for (size_t k = 0; k < t->nsums; k++) {
		printf("%s", k ? ", " : "");
		jstr(t->sums[k]);
	}
	printf("]}");
}

int cmd_templates(int argc, char **argv)
{
	int json = 0;
	for (int i = 1; i < argc; i++) {
		const char *v;
		if ((v = cli_opt(argc, argv, &i, "--format"))) {
			if (!strcmp(v, "json"))
				json = 1;
			else if (strcmp(v, "text")) {
				cli_error("unknown format '%s' (text or json)", v);
				return EXIT_USAGE;
			}
		} else {
			cli_usage("templates", "unknown argument '%s'", argv[i]);
			return EXIT_USAGE;
		}
	}
	if (!json) {
		text();
		return EXIT_CLEAN;
	}
	printf("{\"templates\": [\n");
	for (size_t i = 0; i < bl_template_count(); i++) {
		printf("%s  ", i ? ",\n" : "");
		json_one(bl_template_at(i));
	}
	printf("\n]}\n");
	return EXIT_CLEAN;
}
