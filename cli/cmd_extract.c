/* cmd_extract.c - `budgetlint extract`: every fact of every document as JSON or CSV. */
#include <string.h>

#include "cli.h"

typedef struct extract_ctx {
	const bl_report_format *fmt;
	int first;
	int unreadable;
	bl_report_opts opts;
} extract_ctx;

static void extract_one(const char *path, int explicit, void *vctx)
{
	extract_ctx *c = vctx;
	if (!explicit && !cli_is_input(path))
		return;
	bl_doc *doc = NULL;
	bl_diag diag = {0};
	if (bl_doc_open_file_with(path, cli_open_options(), &doc, &diag) != BL_OK) {
		cli_error("%s", diag.msg[0] ? diag.msg : bl_strerror(diag.status));
		c->unreadable++;
		return;
	}
	c->fmt->doc(stdout, doc, &c->opts, c->first);
	c->first = 0;
	bl_doc_free(doc);
}

int cmd_extract(int argc, char **argv)
{
	extract_ctx c = {0};
	c.fmt = bl_report_format_find(NULL, BL_REPORT_FOR_EXTRACT);
	c.first = 1;
	c.opts.with_facts = 1;
	char **paths = argv;
	int np = 0;
	for (int i = 1; i < argc; i++) {
		const char *v;
		if ((v = cli_opt(argc, argv, &i, "--format"))) {
			if (!(c.fmt = bl_report_format_find(v, BL_REPORT_FOR_EXTRACT))) {
				cli_error("unknown format '%s' (%s)", v,
					  cli_format_list(BL_REPORT_FOR_EXTRACT));
				return EXIT_USAGE;
			}
		} else if (argv[i][0] == '-' && argv[i][1]) {
			cli_usage("extract", "unknown option '%s'", argv[i]);
			return EXIT_USAGE;
		} else {
			paths[np++] = argv[i];
		}
	}
	if (np == 0) {
		cli_usage("extract", "no input");
		return EXIT_USAGE;
	}
	if (c.fmt->begin)
		c.fmt->begin(stdout);
	int walk = cli_walk(paths, np, extract_one, &c);
	if (c.fmt->end)
		c.fmt->end(stdout);
	return walk || c.unreadable ? EXIT_USAGE : EXIT_CLEAN;
}
