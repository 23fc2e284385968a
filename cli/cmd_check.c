/* cmd_check.c - `budgetlint check`: audit every document, report, decide the exit code once. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "budgetlint/store.h"
#include "cli.h"

/* A file held back to be paired: the narrative or the tables alone. */
typedef struct held {
	bl_doc *doc;
	char *group; /* "" for the files named on the command line, else the directory */
} held;

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
	held *held; /* halves of disclosures waiting for their other half */
	size_t nheld, held_cap;
} check_ctx;

/* Checks, files, reports and frees one document (paired or not). */
static void report(check_ctx *c, bl_doc *doc)
{
	const char *path = bl_doc_path(doc);
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
}

/* The group a file pairs within: the files named together on the command
 * line, or the files of one directory. */
static char *group_of(const char *path, int explicit)
{
	const char *slash = strrchr(path, '/');
	if (explicit)
		return cli_xstrdup("");
	size_t n = slash ? (size_t)(slash - path) : 1;
	char *g = cli_xrealloc(NULL, n + 1);
	memcpy(g, slash ? path : ".", n);
	g[n] = 0;
	return g;
}

/* Pairs what can be paired in h[0..n): first the halves that both name
 * the same unit and year, then, when the group holds exactly one narrative
 * and one set of tables left, those two if one leaves its unit or year to
 * the other. */
static void pair_group(held *h, size_t n)
{
	for (int pass = 0; pass < 2; pass++) {
		size_t narr = 0, tabs = 0;
		for (size_t i = 0; i < n; i++)
			if (!bl_doc_companion(h[i].doc)) {
				unsigned k = bl_doc_holds(h[i].doc);
				narr += k == BL_HOLDS_NARRATIVE;
				tabs += k == BL_HOLDS_TABLES;
			}
		for (size_t i = 0; i < n; i++)
			for (size_t j = i + 1; j < n; j++) {
				bl_doc *a = h[i].doc, *b = h[j].doc;
				if (bl_doc_companion(a) || bl_doc_companion(b))
					continue;
				int how = bl_doc_pairs_with(a, b);
				if (how == 2 || (how == 1 && pass == 1 && narr == 1 && tabs == 1))
					bl_doc_pair(a, b);
			}
	}
}

/* The held files of group g (all groups when g is NULL): paired where they
 * can be, then reported in the order they came, each pair's two files
 * together at the first of them. */
static void flush(check_ctx *c, const char *g)
{
	held *grp = cli_xrealloc(NULL, (c->nheld ? c->nheld : 1) * sizeof *grp);
	size_t n = 0, keep = 0;
	for (size_t i = 0; i < c->nheld; i++)
		if (!g || !strcmp(c->held[i].group, g))
			grp[n++] = c->held[i];
		else
			c->held[keep++] = c->held[i];
	c->nheld = keep;
	pair_group(grp, n);
	for (size_t i = 0; i < n; i++) {
		bl_doc *doc = grp[i].doc, *mate = NULL;
		for (size_t j = i + 1; j < n && doc && bl_doc_companion(doc); j++)
			if (grp[j].doc == bl_doc_companion(doc)) {
				mate = grp[j].doc;
				grp[j].doc = NULL;
			}
		if (doc)
			report(c, doc);
		if (mate)
			report(c, mate);
		bl_doc_free(mate);
		bl_doc_free(doc);
		free(grp[i].group);
	}
	free(grp);
}

/* Is directory d the group g or one below it? ("" is no directory.) */
static int within(const char *d, const char *g)
{
	size_t n = strlen(g);
	return *d && !strncmp(d, g, n) && (d[n] == 0 || d[n] == '/');
}

static void check_one(const char *path, int explicit, void *vctx)
{
	check_ctx *c = vctx;
	if (!explicit && !cli_is_input(path))
		return;
	char *g = group_of(path, explicit);
	/* a directory is done when the walk is neither in it nor below it (its
	 * subdirectories may come between its files: names are walked in order) */
	for (size_t i = 0; i < c->nheld; i++)
		if (*c->held[i].group && !within(g, c->held[i].group)) {
			flush(c, c->held[i].group);
			i = (size_t)-1;
		}
	bl_doc *doc = NULL;
	bl_diag diag = {0};
	if (bl_doc_open_file_with(path, cli_open_options(), &doc, &diag) != BL_OK) {
		cli_error("%s", diag.msg[0] ? diag.msg : bl_strerror(diag.status));
		c->unreadable++;
		free(g);
		return;
	}
	unsigned holds = bl_doc_holds(doc);
	if (holds == BL_HOLDS_NARRATIVE ||
	    holds == BL_HOLDS_TABLES) { /* half a disclosure: wait for the other */
		if (c->nheld == c->held_cap) {
			c->held_cap = c->held_cap ? 2 * c->held_cap : 8;
			c->held = cli_xrealloc(c->held, c->held_cap * sizeof *c->held);
		}
		c->held[c->nheld++] = (held){doc, g};
		return;
	}
	free(g);
	report(c, doc);
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
	while (c.nheld) /* what is left, group by group */
		flush(&c, c.held[0].group);
	free(c.held);
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
