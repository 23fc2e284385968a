/* help.c - the CLI's text, printed from the command table: help, a command's --help, usage errors, README's usage block. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Lines are wrapped before this many columns (the table's text is ASCII). */
#define WRAP 100

/* The next word of s at *i, brackets kept whole ("[-o FILE | --out-dir DIR]"); its length, 0 at the end. */
static size_t next_word(const char *s, size_t *i)
{
	while (s[*i] == ' ')
		++*i;
	size_t n = 0;
	for (int depth = 0; s[*i + n] && (depth > 0 || s[*i + n] != ' '); n++)
		depth += s[*i + n] == '[' ? 1 : s[*i + n] == ']' ? -1 : 0;
	return n;
}

/* Writes text from column col on, wrapped before WRAP, later lines starting at column indent. */
static void wrap(FILE *out, const char *text, int col, int indent)
{
	size_t i = 0, n;
	int first = 1;
	while ((n = next_word(text, &i)) > 0) {
		if (!first && col + 1 + (int)n > WRAP) {
			fprintf(out, "\n%*s", indent, "");
			col = indent;
		} else if (!first) {
			fputc(' ', out);
			col++;
		}
		fwrite(text + i, 1, n, out);
		col += (int)n, i += n, first = 0;
	}
	fputc('\n', out);
}

/* One form of a command: prefix, "budgetlint NAME" and the form, continued under the form. */
static void put_form(FILE *out, const char *prefix, const cli_cmd *c, const char *form)
{
	int col = fprintf(out, "%sbudgetlint %s%s", prefix, c->name, *form ? " " : "");
	wrap(out, form, col, col);
}

/* "usage: budgetlint NAME FORM", a line (or more) per form. */
static void put_usage(FILE *out, const cli_cmd *c)
{
	for (int k = 0; k < 3 && c->forms[k]; k++)
		put_form(out, k ? "       " : "usage: ", c, c->forms[k]);
}

void cli_usage(const char *cmd, const char *fmt, ...)
{
	char msg[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	const cli_cmd *c = cli_command(cmd);
	char *usage = NULL;
	size_t n = 0;
	FILE *m = c ? open_memstream(&usage, &n) : NULL;
	if (m) {
		put_usage(m, c);
		fclose(m);
		if (n && usage[n - 1] == '\n')
			usage[n - 1] = 0; /* cli_error ends the message */
	}
	if (usage)
		cli_error("%s\n%s", msg, usage);
	else
		cli_error("%s", msg);
	free(usage);
}

void cli_help_all(FILE *out)
{
	size_t n;
	const cli_cmd *cmds = cli_commands(&n);
	fprintf(out, "usage: budgetlint <command> [options] PATH...\n\ncommands:\n");
	for (size_t i = 0; i < n; i++)
		fprintf(out, "  %-8s %s\n", cmds[i].name, cmds[i].summary);
	fprintf(out, "\n");
	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < 3 && cmds[i].forms[k]; k++)
			put_form(out, "  ", &cmds[i], cmds[i].forms[k]);
	fprintf(out, "\n'budgetlint COMMAND --help' lists a command's options.\n"
		     "exit status: 0 no error-level finding, 1 some error-level finding, 2 bad usage or "
		     "unreadable input\n");
}

/* "-o, --output FILE|DIR" */
static int option_label(char *buf, size_t cap, const cli_option *o)
{
	return snprintf(buf, cap, "%s%s%s%s%s", o->alias ? o->alias : "", o->alias ? ", " : "", o->name,
			o->arg ? " " : "", o->arg ? o->arg : "");
}

void cli_help_cmd(FILE *out, const cli_cmd *c)
{
	put_usage(out, c);
	fprintf(out, "\n%s\n", c->summary);
	int w = 0;
	char label[128];
	for (const cli_option *o = c->opts; o->name; o++) {
		int n = option_label(label, sizeof label, o);
		w = n > w ? n : w;
	}
	w = w > 30 ? 30 : w;
	if (c->opts->name)
		fprintf(out, "\noptions:\n");
	for (const cli_option *o = c->opts; o->name; o++) {
		int n = option_label(label, sizeof label, o);
		fprintf(out, "  %s", label);
		if (n > w) /* a long label: its help on the next line */
			fprintf(out, "\n%*s", w + 2, "");
		else
			fprintf(out, "%*s", w - n, "");
		fputs("  ", out);
		wrap(out, o->help, w + 4, w + 4);
	}
	if (c->note) {
		fputc('\n', out);
		wrap(out, c->note, 0, 0);
	}
}

void cli_help_markdown(FILE *out)
{
	size_t n;
	const cli_cmd *cmds = cli_commands(&n);
	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < 3 && !cmds[i].hidden && cmds[i].forms[k]; k++)
			put_form(out, "    ", &cmds[i], cmds[i].forms[k]);
}

int cli_help_asked(const cli_cmd *c, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return 1;
		for (const cli_option *o = c->opts; o->name; o++)
			if (o->arg &&
			    (!strcmp(argv[i], o->name) || (o->alias && !strcmp(argv[i], o->alias)))) {
				i++; /* its value, whatever it looks like */
				break;
			}
	}
	return 0;
}

int cmd_help(int argc, char **argv)
{
	if (argc == 1) {
		cli_help_all(stdout);
		return EXIT_CLEAN;
	}
	const cli_cmd *c = argc == 2 ? cli_command(argv[1]) : NULL;
	if (argc == 2 && !strcmp(argv[1], "--markdown"))
		cli_help_markdown(stdout);
	else if (c)
		cli_help_cmd(stdout, c);
	else {
		cli_usage("help", argc == 2 ? "no command '%s'" : "one command at a time", argv[1]);
		return EXIT_USAGE;
	}
	return EXIT_CLEAN;
}
