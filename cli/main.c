/* main.c - budgetlint: the command table (the one source of the CLI's text), exit codes. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "budgetlint/store.h"
#include "cli.h"

#define DB_OPT                                                                                               \
	{                                                                                                    \
		"--db", NULL, "FILE|URL",                                                                    \
			"the ledger: a SQLite file or a postgres:// URL (default $BUDGETLINT_DB, else "      \
			"./budgetlint.db)"                                                                   \
	}
#define END_OPT                                                                                              \
	{                                                                                                    \
		NULL, NULL, NULL, NULL                                                                       \
	}

static const cli_option check_opts[] = {
	{"--format", NULL, "text|json",
	 "text: compiler-style findings, each with its line and a caret (default); json: DESIGN.md's "
	 "document"},
	{"--min-severity", NULL, "info|warning|error", "leave out findings below this level (default info)"},
	{"--color", NULL, "auto|always|never",
	 "colour the text (auto: when stdout is a terminal and NO_COLOR is not set)"},
	{"--db", NULL, "FILE|URL",
	 "file every document in this ledger as well, then report what the other filed documents say about "
	 "them"},
	END_OPT,
};
static const cli_option extract_opts[] = {
	{"--format", NULL, "json|csv|text|tables",
	 "json: every fact with its evidence (default); csv: a fact a line; text: the text as read (line "
	 "numbers); tables: the table models"},
	END_OPT,
};
static const cli_option ingest_opts[] = {
	DB_OPT,
	{"--jobs", "-j", "N", "worker processes, 1 to 64 (default: the number of CPUs)"},
	{"--timeout", NULL, "SECONDS", "time one file may take in a worker (default 600; 0 for no limit)"},
	{"--max-files", NULL, "N", "files one run reads at most (default 200000)"},
	{"--max-bytes", NULL, "N[KMGT]", "bytes one run reads at most (default 64G)"},
	{"--verbose", "-v", NULL, "a line for every file filed"},
	{"--quiet", "-q", NULL, "no progress line"},
	END_OPT,
};
static const cli_option ledger_opts[] = {
	DB_OPT,
	{"--format", NULL, "text|csv|json",
	 "text: the unit x year matrix and the lists (default); csv or json: a row per document"},
	{"--verify", NULL, NULL,
	 "check the database's integrity and the ledger's invariants instead (exit 1 when unsound)"},
	END_OPT,
};
static const cli_option compare_opts[] = {
	DB_OPT,
	{"--org", NULL, "NAME", "one unit (any part of its name) across years"},
	{"--year", NULL, "YYYY", "the units of one year side by side"},
	{"--kind", NULL, "budget|final", "budgets or final accounts only"},
	{"--format", NULL, "text|csv|json", "output format (default text)"},
	END_OPT,
};
static const cli_option export_opts[] = {
	DB_OPT,
	{"--format", NULL, "csv|json|fdp",
	 "json: every document with its facts, cells and findings (default); csv: the facts, or every table "
	 "with -o DIR; fdp: a Fiscal Data Package"},
	{"--output", "-o", "FILE|DIR",
	 "write there instead of to stdout (a directory for csv tables and fdp)"},
	END_OPT,
};
static const cli_option expect_opts[] = {
	DB_OPT,
	END_OPT,
};
static const cli_option review_opts[] = {
	DB_OPT,
	{"--list", NULL, NULL,
	 "the warnings and errors with their fingerprints and decisions (of documents whose path holds "
	 "PATH)"},
	{"--note", NULL, "TEXT", "why, kept with the decision"},
	{"--by", NULL, "NAME", "who decided (default $USER)"},
	END_OPT,
};
static const cli_option render_opts[] = {
	{"--format", NULL, "text|html|docx", "output format (default text; docx needs -o)"},
	{"--output", "-o", "FILE", "write there instead of to stdout"},
	{"--out-dir", NULL, "DIR", "one output per input, in DIR"},
	{"--draft", NULL, NULL, "write even when the figures disagree, watermarked"},
	{"--kind", NULL, "budget|final", "what the narrative is, when the input does not say"},
	{"--prev", NULL, "LAST-YEAR", "last year's figures (a facts JSON or a document), for the changes"},
	{"--texts", NULL, "FILE.json", "reasons and other free text to put in"},
	{"--doc", NULL, "N", "the Nth document of a facts file holding several (from 1)"},
	{"--reason-pct", NULL, "N", "a change of at least N percent asks for a reason"},
	END_OPT,
};
static const cli_option rules_opts[] = {
	{"--format", NULL, "text|markdown", "text: a rule a line (default); markdown: docs/rules.md"},
	END_OPT,
};
static const cli_option templates_opts[] = {
	{"--format", NULL, "text|json",
	 "text: a template a line (default); json: each with its parts, tables, equations and dates"},
	END_OPT,
};
static const cli_option help_opts[] = {
	{"--markdown", NULL, NULL, "README's usage block, as tests/check_usage.sh compares it"},
	END_OPT,
};
static const cli_option no_opts[] = {END_OPT};

static const cli_cmd commands[] = {
	{"check",
	 cmd_check,
	 {"[--format text|json] [--min-severity info|warning|error] [--color auto|always|never] [--db "
	  "FILE|URL] PATH...",
	  0},
	 "audit disclosures and print findings (exit 1 when any error)",
	 check_opts,
	 "PATH: a file or a directory (recursed); exit status 0 no error-level finding, 1 some, 2 bad usage "
	 "or an unreadable input",
	 0},
	{"extract",
	 cmd_extract,
	 {"[--format json|csv|text|tables] PATH..."},
	 "print every fact found, or the text as read",
	 extract_opts,
	 NULL,
	 0},
	{"ingest",
	 cmd_ingest,
	 {"[--db FILE|URL] [-j N] [--timeout SECONDS] [--max-files N] [--max-bytes N[KMGT]] [--verbose] "
	  "[--quiet] PATH...",
	  0},
	 "file documents into the ledger database (parallel, resumable)",
	 ingest_opts,
	 NULL,
	 0},
	{"ledger",
	 cmd_ledger,
	 {"[--db FILE|URL] [--format text|csv|json] [--verify]", 0},
	 "units x years: what is filed, missing, to confirm, failed",
	 ledger_opts,
	 NULL,
	 0},
	{"compare",
	 cmd_compare,
	 {"[--db FILE|URL] [--org NAME] [--year YYYY] [--kind budget|final] [--format text|csv|json]", 0},
	 "one unit across years, or units within a year, side by side",
	 compare_opts,
	 "give --org, --year or both",
	 0},
	{"export",
	 cmd_export,
	 {"[--db FILE|URL] --format csv|json|fdp [-o FILE|DIR]"},
	 "facts, table cells and findings of the ledger",
	 export_opts,
	 NULL,
	 0},
	{"expect",
	 cmd_expect,
	 {"[--db FILE|URL] FILE.csv"},
	 "import what should be published, and by when",
	 expect_opts,
	 "FILE.csv: a header naming region, org, year, kind and optionally approval_date, due_date, url, "
	 "level",
	 0},
	{"review",
	 cmd_review,
	 {"[--db FILE|URL] --list [PATH]",
	  "[--db FILE|URL] FINGERPRINT confirmed|rejected|fixed [--note TEXT] [--by NAME]", 0},
	 "record a reviewer's decision on a finding",
	 review_opts,
	 "FINGERPRINT: as --list shows it, or its first 8 or more hex digits",
	 0},
	{"render",
	 cmd_render,
	 {"[--format text|html|docx] [-o FILE] [--draft] [--kind budget|final] [--prev LAST-YEAR] [--texts "
	  "FILE.json] [--doc N] [--reason-pct N] INPUT",
	  "--out-dir DIR [options] INPUT...", 0},
	 "write the standard narrative from figures (facts JSON or XLSX); refuses inconsistent input",
	 render_opts,
	 "INPUT: a facts JSON (as extract writes it) or a document (XLSX of the standard tables, ...)",
	 0},
	{"rules", cmd_rules, {"[--format text|markdown]"}, "list the rules", rules_opts, NULL, 0},
	{"vocab", cmd_vocab, {""}, "print the fact vocabulary (docs/facts.md)", no_opts, NULL, 0},
	{"templates",
	 cmd_templates,
	 {"[--format text|json]"},
	 "list the disclosure templates a document is checked against (docs/templates.md)",
	 templates_opts,
	 NULL,
	 0},
	{"version",
	 cmd_version,
	 {""},
	 "print the version, the input formats and the features",
	 no_opts,
	 NULL,
	 1},
	{"help", cmd_help, {"[COMMAND | --markdown]"}, "print this help, or a command's", help_opts, NULL, 1},
};

const cli_cmd *cli_commands(size_t *n)
{
	*n = sizeof commands / sizeof commands[0];
	return commands;
}

const cli_cmd *cli_command(const char *name)
{
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

void cli_error(const char *fmt, ...)
{
	/* one write per message (workers and the walk share stderr), control
	 * characters from file names or document text shown as \xNN, never
	 * sent to the terminal; line breaks in the format (usage text) stay */
	char buf[4096], out[4096 * 4 + 32];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	size_t k = (size_t)snprintf(out, sizeof out, "budgetlint: ");
	bl_report_escape(buf, 1, out + k, sizeof out - k - 8);
	k += strlen(out + k);
	if ((size_t)n >= sizeof buf)
		k += (size_t)snprintf(out + k, sizeof out - k, "...");
	out[k++] = '\n';
	fwrite(out, 1, k, stderr);
}

int cmd_version(int argc, char **argv)
{
	if (argc > 1) {
		cli_usage("version", "unknown argument '%s'", argv[1]);
		return EXIT_USAGE;
	}
	printf("budgetlint %s\nformats:", bl_version());
	const bl_format *f;
	for (size_t i = 0; (f = bl_format_at(i)); i++) {
		printf("%s %s (", i ? "," : "", f->name);
		for (const char *e = f->exts; *e; e++) /* ".html.htm": ".html .htm" */
			printf("%s%c", *e == '.' && e != f->exts ? " " : "", *e);
		printf(")");
	}
	printf("\nfeatures:");
	const char *engine;
	for (size_t i = 0; (engine = bl_store_engine_at(i)); i++)
		printf("%s %s", i ? "," : "", engine);
	if (bl_ocr_available())
		printf(", OCR (Tesseract chi_sim)\n");
	else
		printf("; no OCR (Tesseract with chi_sim not found: scanned pages are reported, not read)\n");
	return EXIT_CLEAN;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		cli_help_all(stdout);
		return EXIT_USAGE;
	}
	const char *name = argv[1];
	if (!strcmp(name, "--help") || !strcmp(name, "-h"))
		name = "help";
	if (!strcmp(name, "--version"))
		name = "version";
	const cli_cmd *c = cli_command(name);
	if (!c) {
		cli_error("unknown command '%s' (see 'budgetlint help')", name);
		return EXIT_USAGE;
	}
	int rc;
	if (cli_help_asked(c, argc - 1, argv + 1)) {
		cli_help_cmd(stdout, c);
		rc = EXIT_CLEAN;
	} else {
		rc = c->run(argc - 1, argv + 1);
	}
	if (ferror(stdout) || fclose(stdout) != 0) {
		cli_error("write error on standard output: %s", strerror(errno));
		return EXIT_USAGE;
	}
	return rc;
}
