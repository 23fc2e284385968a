/* cmd_check.c - `budgetlint check`: audit every document, report, decide the exit code once. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "budgetlint/store.h"
#include "cli.h"

typedef struct check_ctx {
	const bl_report_format *fmt;
	int json; /* the JSON format: the ledger's notes then go to stderr */
	bl_report_opts opts;
	int first;
	int errors;      /* documents with an error-level finding */
	int unreadable;  /* inputs that could not be read */
	bl_store *store; /* --db: every document is filed too */
	char **filed;
	size_t nfiled, filed_cap;
} check_ctx;

static void check_one(const char *path, int explicit, void *vctx)
{
	check_ctx *c = vctx;
	if (!explicit && !cli_is_input(path))
		return;
	bl_doc *doc = NULL;
	bl_diag diag = {0};
	if (bl_doc_open_file_with(path, cli_open_options(), &doc, &diag) != BL_OK) {
		cli_error("%s", diag.msg[0] ? diag.msg : bl_strerror(diag.status));
		c->unreadable++;
		return;
	}
	bl_doc_check(doc);
	if (c->store) {
		bl_ingest_result r;
		bl_diag d = {0};
		if (bl_store_file(c->store, doc, &r, &d) != BL_OK) { /* the document as checked: read once */
			cli_error("'%s': not filed: %s", cli_quote(path), d.msg);
		} else {
			if (c->nfiled == c->filed_cap) {
				c->filed_cap = c->filed_cap ? 2 * c->filed_cap : 16;
				c->filed = cli_xrealloc(c->filed, c->filed_cap * sizeof *c->filed);
			}
			c->filed[c->nfiled++] = cli_xstrdup(path);
		}
	}
	for (size_t i = 0; i < bl_doc_nfindings(doc); i++)
		if (bl_doc_finding(doc, i)->severity == BL_SEV_ERROR) {
			c->errors++;
			break;
		}
	c->fmt->doc(stdout, doc, &c->opts, c->first);
	c->first = 0;
	bl_doc_free(doc);
}

static int parse_severity(const char *s, bl_severity *out)
{
	if (!strcmp(s, "info"))
		*out = BL_SEV_INFO;
	else if (!strcmp(s, "warning"))
		*out = BL_SEV_WARNING;
	else if (!strcmp(s, "error"))
		*out = BL_SEV_ERROR;
	else
		return -1;
	return 0;
}

int cmd_check(int argc, char **argv)
{
	check_ctx c = {0};
	c.fmt = bl_report_format_find(NULL, BL_REPORT_FOR_CHECK);
	c.first = 1;
	c.opts.min_severity = BL_SEV_INFO;
	c.opts.with_facts = 1;
	c.opts.with_findings = 1;
	const char *color = "auto", *db = NULL;
	char **paths = argv;
	int np = 0;
	for (int i = 1; i < argc; i++) {
		const char *v;
		if ((v = cli_opt(argc, argv, &i, "--format"))) {
			if (!(c.fmt = bl_report_format_find(v, BL_REPORT_FOR_CHECK))) {
				cli_error("unknown format '%s' (%s)", v,
					  cli_format_list(BL_REPORT_FOR_CHECK));
				return EXIT_USAGE;
			}
			c.json = !strcmp(c.fmt->name, "json");
		} else if ((v = cli_opt(argc, argv, &i, "--min-severity"))) {
			if (parse_severity(v, &c.opts.min_severity)) {
				cli_error("unknown severity '%s' (info, warning or error)", v);
				return EXIT_USAGE;
			}
		} else if ((v = cli_opt(argc, argv, &i, "--db"))) {
			db = v;
		} else if ((v = cli_opt(argc, argv, &i, "--color"))) {
			color = v;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			cli_usage("check", "unknown option '%s'", argv[i]);
			return EXIT_USAGE;
		} else {
			paths[np++] = argv[i];
		}
	}
	if (np == 0) {
		cli_usage("check", "no input");
		return EXIT_USAGE;
	}
	c.opts.color =
		!strcmp(color, "always") || (!strcmp(color, "auto") && isatty(1) && !getenv("NO_COLOR"));
	bl_diag diag = {0};
	if (db && bl_store_open(db, &c.store, &diag) != BL_OK) {
		cli_error("%s", diag.msg);
		return EXIT_USAGE;
	}
	if (c.fmt->begin)
		c.fmt->begin(stdout);
	int walk = cli_walk(paths, np, check_one, &c);
	if (c.fmt->end)
		c.fmt->end(stdout);
	if (c.store) {
		/* what the other filed documents say about these: reported after them, in text */
		int nerr = 0;
		if (bl_store_crosscheck(c.store, &diag) != BL_OK ||
		    bl_store_findings(c.store, c.json ? stderr : stdout, (const char *const *)c.filed,
				      c.nfiled, c.opts.min_severity, &nerr, &diag) != BL_OK) {
			cli_error("%s", diag.msg);
			c.unreadable++;
		}
		if (nerr)
			c.errors++;
		for (size_t i = 0; i < c.nfiled; i++)
			free(c.filed[i]);
		free(c.filed);
		bl_store_close(c.store);
	}
	if (walk || c.unreadable)
		return EXIT_USAGE;
	return c.errors ? EXIT_FINDINGS : EXIT_CLEAN;
}
