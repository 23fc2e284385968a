/* cmd_render.c - `budgetlint render`: the standard narrative from figures, behind a gate.
 *
 * The input's own figures must agree: the library's gate (bl_render_write)
 * writes the narrative, reads it back and checks it like any disclosure
 * (and an XLSX input's tables as well); an error-level finding refuses the
 * output unless --draft, which writes it watermarked. This file prints what
 * the gate found and writes the file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "budgetlint/render.h"

static int has_suffix(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);
	return a >= b && strcasecmp(s + a - b, suf) == 0;
}

/* Reads INPUT as a facts file or a document; *doc keeps the document. */
static int load(const char *path, int index, bl_rinput **in, bl_doc **doc)
{
	bl_diag diag = {0};
	*in = NULL;
	if (doc)
		*doc = NULL;
	if (has_suffix(path, ".json")) {
		if (bl_rinput_json_file(path, index, in, NULL, &diag) != BL_OK) {
			cli_error("%s", diag.msg);
			return -1;
		}
		return 0;
	}
	bl_doc *d = NULL;
	if (bl_doc_open_file_with(path, cli_open_options(), &d, &diag) != BL_OK) {
		cli_error("%s", diag.msg[0] ? diag.msg : bl_strerror(diag.status));
		return -1;
	}
	if (bl_rinput_doc(d, in, &diag) != BL_OK) {
		cli_error("%s", diag.msg);
		bl_doc_free(d);
		return -1;
	}
	if (doc)
		*doc = d;
	else
		bl_doc_free(d);
	return 0;
}

static int write_out(const char *path, const char *bytes, size_t n)
{
	FILE *f = path ? fopen(path, "wb") : stdout;
	if (!f) {
		cli_error("cannot write '%s': %s", path, strerror(errno));
		return -1;
	}
	size_t w = fwrite(bytes, 1, n, f);
	int bad = w != n || (path ? fclose(f) : fflush(f)) != 0;
	if (bad) {
		cli_error("cannot write '%s': %s", path ? path : "standard output", strerror(errno));
		return -1;
	}
	return 0;
}

/* Render's notes, one line each; returns how many are gaps (warnings). */
static size_t print_notes(const char *input, const bl_narrative *n)
{
	size_t gaps = 0;
	for (size_t i = 0; i < bl_narrative_nnotes(n); i++) {
		const bl_render_note *x = bl_narrative_note(n, i);
		gaps += x->severity == BL_SEV_WARNING;
		fprintf(stderr, "%s: %s[%s]: ", cli_quote(input), bl_severity_name(x->severity), x->rule);
		bl_report_clean(stderr, x->message, strlen(x->message));
		fputc('\n', stderr);
	}
	return gaps;
}

/* What blocks the gate: the input document's findings one line each, then
 * the narrative's as check prints them. */
static void print_blocking(const char *input, const bl_render_gate *gate)
{
	bl_report_opts ro = {0};
	ro.min_severity = BL_SEV_ERROR;
	for (size_t i = 0; i < gate->source_errors; i++) {
		const bl_finding *f = gate->blocking[i];
		fprintf(stderr, "%s:%d:%d: error[%s]: ", cli_quote(input), f->pos.line, f->pos.col, f->rule);
		bl_report_clean(stderr, f->message, strlen(f->message));
		fputc('\n', stderr);
	}
	if (gate->errors)
		bl_report_text(stderr, gate->narrative, &ro);
}

typedef struct render_job {
	bl_rformat fmt;
	bl_render_opts ro;
	const char *prev, *texts;
	int quiet; /* a batch: no per-document "wrote" line */
} render_job;

/* Renders document index of input to outpath (NULL: standard output). */
static int render_one(const render_job *job, const char *input, int index, const char *outpath)
{
	bl_rformat fmt = job->fmt;
	bl_render_opts ro = job->ro;
	const char *prev = job->prev, *texts = job->texts;
	bl_rinput *in = NULL, *more = NULL, *last = NULL;
	bl_doc *src = NULL;
	int rc = EXIT_USAGE;
	bl_narrative *n = NULL;
	bl_render_gate gate = BL_RENDER_GATE_INIT;
	char *out = NULL;
	size_t on = 0;
	bl_diag diag = {0};
	if (load(input, index, &in, &src) != 0)
		goto done;
	if (texts) {
		if (load(texts, -1, &more, NULL) != 0)
			goto done;
		bl_rinput_merge(in, more);
	}
	if (prev) {
		if (load(prev, -1, &last, NULL) != 0)
			goto done;
		if (bl_rinput_prev(in, last, &diag) != BL_OK) {
			cli_error("%s", diag.msg);
			goto done;
		}
	}
	n = bl_render(in, &ro, &diag);
	if (!n) {
		cli_error("%s", diag.msg);
		goto done;
	}

	/* the gate (the library's): the narrative read back and checked, and the input document's own tables */
	char name[1024];
	snprintf(name, sizeof name, "%s", outpath && fmt == BL_RENDER_TEXT ? outpath : "(生成稿)");
	bl_render_write_opts wo = {fmt, name, src};
	bl_status st = bl_render_write(n, &wo, &out, &on, &gate, &diag);
	if (st != BL_OK && !gate.narrative) {
		cli_error("%s", diag.msg);
		goto done;
	}
	size_t gaps = print_notes(input, n);
	if (gate.nblocking) {
		print_blocking(input, &gate);
		if (gate.refused) {
			if (src)
				cli_error(
					"%zu error(s) in the input document's figures, %zu in the narrative "
					"written from it: "
					"nothing written (fix the input, or --draft for a watermarked draft)",
					gate.source_errors, gate.errors);
			else
				cli_error("%zu error(s) in the narrative written from the input's figures: "
					  "nothing written (fix "
					  "the input, or --draft for a watermarked draft)",
					  gate.errors);
			rc = EXIT_FINDINGS;
			goto done;
		}
	}
	if (st != BL_OK) {
		cli_error("%s", diag.msg);
		goto done;
	}
	if (write_out(outpath, out, on) != 0)
		goto done;
	if (outpath && !job->quiet)
		fprintf(stderr, "budgetlint: wrote %s%s (%zu gap(s) to fill)\n", cli_quote(outpath),
			ro.draft ? " as a draft" : "", gaps);
	rc = EXIT_CLEAN;
done:
	free(out);
	bl_render_gate_release(&gate);
	bl_doc_free(src);
	bl_narrative_free(n);
	bl_rinput_free(in);
	bl_rinput_free(more);
	bl_rinput_free(last);
	return rc;
}

static const char *ext_of(bl_rformat f)
{
	return f == BL_RENDER_HTML ? "html" : f == BL_RENDER_DOCX ? "docx" : "txt";
}

/* --out-dir: every input (every document of a facts file) into DIR/<name>.<ext>. */
static int render_many(const render_job *job, char **inputs, int n, const char *dir)
{
	int done = 0, refused = 0, failed = 0;
	render_job j = *job;
	j.quiet = 1;
	for (int i = 0; i < n; i++) {
		const char *base = strrchr(inputs[i], '/');
		base = base ? base + 1 : inputs[i];
		char stem[512];
		snprintf(stem, sizeof stem, "%s", base);
		char *dot = strrchr(stem, '.');
		if (dot)
			*dot = 0;
		int ndocs = 1;
		if (has_suffix(inputs[i], ".json")) { /* every document of a facts file */
			bl_rinput *probe = NULL;
			bl_diag diag = {0};
			bl_rinput_json_file(inputs[i], 0, &probe, &ndocs, &diag);
			bl_rinput_free(probe);
		}
		for (int k = 0; k < (ndocs > 0 ? ndocs : 1); k++) {
			char out[1536];
			if (ndocs > 1)
				snprintf(out, sizeof out, "%s/%s-%d.%s", dir, stem, k + 1, ext_of(job->fmt));
			else
				snprintf(out, sizeof out, "%s/%s.%s", dir, stem, ext_of(job->fmt));
			int rc = render_one(&j, inputs[i], ndocs > 1 ? k : -1, out);
			done += rc == EXIT_CLEAN;
			refused += rc == EXIT_FINDINGS;
			failed += rc == EXIT_USAGE;
		}
		if (isatty(2) && (i + 1) % 50 == 0)
			fprintf(stderr, "\rrender: %d of %d inputs", i + 1, n);
	}
	fprintf(stderr, "%srender: %d written, %d refused, %d unreadable, into %s\n", isatty(2) ? "\r" : "",
		done, refused, failed, cli_quote(dir));
	return failed ? EXIT_USAGE : refused ? EXIT_FINDINGS : EXIT_CLEAN;
}

int cmd_render(int argc, char **argv)
{
	const char *outpath = NULL, *prev = NULL, *texts = NULL, *outdir = NULL;
	char **inputs = argv;
	int ninputs = 0;
	bl_rformat fmt = BL_RENDER_TEXT;
	bl_render_opts ro = {0};
	int index = -1;
	for (int i = 1; i < argc; i++) {
		const char *v;
		if ((v = cli_opt(argc, argv, &i, "--format"))) {
			if (!strcmp(v, "text"))
				fmt = BL_RENDER_TEXT;
			else if (!strcmp(v, "html"))
				fmt = BL_RENDER_HTML;
			else if (!strcmp(v, "docx"))
				fmt = BL_RENDER_DOCX;
			else {
				cli_error("unknown format '%s' (text, html or docx)", v);
				return EXIT_USAGE;
			}
		} else if ((v = cli_opt(argc, argv, &i, "-o")) || (v = cli_opt(argc, argv, &i, "--output"))) {
			outpath = v;
		} else if ((v = cli_opt(argc, argv, &i, "--out-dir"))) {
			outdir = v;
		} else if ((v = cli_opt(argc, argv, &i, "--kind"))) {
			if (!strcmp(v, "budget"))
				ro.kind = BL_KIND_BUDGET;
			else if (!strcmp(v, "final"))
				ro.kind = BL_KIND_FINAL;
			else {
				cli_error("unknown kind '%s' (budget or final)", v);
				return EXIT_USAGE;
			}
		} else if ((v = cli_opt(argc, argv, &i, "--prev"))) {
			prev = v;
		} else if ((v = cli_opt(argc, argv, &i, "--texts"))) {
			texts = v;
		} else if ((v = cli_opt(argc, argv, &i, "--doc"))) {
			index = atoi(v) - 1;
			if (index < 0) {
				cli_error("--doc counts from 1");
				return EXIT_USAGE;
			}
		} else if ((v = cli_opt(argc, argv, &i, "--reason-pct"))) {
			ro.reason_pct = atoi(v);
			if (ro.reason_pct <= 0) {
				cli_error("--reason-pct takes a positive whole percent");
				return EXIT_USAGE;
			}
		} else if (!strcmp(argv[i], "--draft")) {
			ro.draft = 1;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			cli_usage("render", "unknown option '%s'", argv[i]);
			return EXIT_USAGE;
		} else
			inputs[ninputs++] = argv[i];
	}
	if (!ninputs) {
		cli_usage("render", "no input");
		return EXIT_USAGE;
	}
	render_job job = {fmt, ro, prev, texts, 0};
	if (outdir) {
		if (outpath) {
			cli_error("-o and --out-dir exclude each other");
			return EXIT_USAGE;
		}
		if (mkdir(outdir, 0777) != 0 && errno != EEXIST) {
			cli_error("cannot create '%s': %s", outdir, strerror(errno));
			return EXIT_USAGE;
		}
		return render_many(&job, inputs, ninputs, outdir);
	}
	if (ninputs > 1) {
		cli_usage("render", "several inputs need --out-dir DIR");
		return EXIT_USAGE;
	}
	if (fmt == BL_RENDER_DOCX && !outpath) {
		cli_error("--format docx needs -o FILE");
		return EXIT_USAGE;
	}
	return render_one(&job, inputs[0], index, outpath);
}
