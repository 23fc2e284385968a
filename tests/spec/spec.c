/* spec.c - runs the examples of the tests/spec files (*.md) through the library and through the CLI.
 *
 * Each example (format: tests/spec/README.md) is written to a file, opened
 * and checked with the public API (bl_doc_open_file, bl_doc_check, the
 * findings and facts), and given to `budgetlint check --format text` and
 * `budgetlint extract --format csv`; both must give exactly the expected
 * `line:col: severity[rule]` lines (and facts, where the example lists them),
 * and the CLI must exit 1 exactly when an error is expected and write
 * nothing to stderr. Then every registered rule must have an example that
 * expects it and one that passes without it, in the file of its family,
 * unless it is in the exemption list below. Ends with "spec: N passed, N failed". */
#include "doc.h"
#include "doc/doc.h" /* the doubt check below marks the figures of an opened document */

/* Rules that cannot be shown on one plain-text document, and why. Each
 * must still be a registered rule; the runner fails when one is not. */
static const struct {
	const char *rule;
	const char *why;
} exempt[] = {
	{"ingest.text_layer", "a PDF page without a usable text layer (tests/unit/test_pdf.c)"},
	{"ingest.ocr", "a scanned PDF page read by OCR (tests/unit/test_ocr.c)"},
	{"table.required", "checked only on PDFs with ruled tables (tests/unit/test_table.c)"},
	{"crossdoc.prev_year", "last year's document in the ledger (tests/unit/test_store.c)"},
	{"crossdoc.initial_budget",
	 "the same year's budget document in the ledger (tests/unit/test_store.c)"},
	{"crossdoc.dept_unit",
	 "the 部门 and 单位 documents of one year in the ledger (tests/unit/test_store.c)"},
	{"crossdoc.yoy_reason", "last year's document in the ledger (tests/unit/test_store.c)"},
	{"profile.pair", "two files of one disclosure, paired (tests/unit/test_pair.c, tests/suites/cli.sh)"},
	{"ledger.missing", "the expected-publication list in the ledger (tests/unit/test_store.c)"},
	{"ledger.timeliness", "an approval date in the ledger's expectations (tests/unit/test_store.c)"},
};
#define NEXEMPT (sizeof exempt / sizeof exempt[0])

/* One example as read from a spec file. */
typedef struct example {
	const char *file; /* base name, e.g. "arith.md" */
	int line;         /* of its opening fence */
	int number;       /* 1-based within its file */
	strv rules;       /* the rules it is about (the fence's info string) */
	char *input;      /* the document, tabs and form feeds restored */
	size_t ninput;
	strv want;  /* expected findings */
	strv facts; /* expected facts, when has_facts */
	int has_facts;
	int bad_line; /* the first line not in the format, and why */
	const char *bad_why;
} example;

typedef struct run {
	const char *cli;
	char dir[256];
	int show;
	int partial; /* only the families whose files were read must have examples */
	int pass, fail;
	example *ex;
	size_t nex, capex;
} run;

/* --- reading the spec files --- */

static const char *skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* The input's line with → as a tab and ␌ as a form feed. */
static void add_input_line(example *e, const char *l, size_t *cap)
{
	size_t n = strlen(l);
	if (e->ninput + n + 2 > *cap) {
		*cap = 2 * (*cap + n + 2);
		e->input = realloc(e->input, *cap);
		if (!e->input)
			abort();
	}
	for (const char *p = l; *p;) {
		if (!strncmp(p, "\xE2\x86\x92", 3)) { /* → */
			e->input[e->ninput++] = '\t';
			p += 3;
		} else if (!strncmp(p, "\xE2\x90\x8C", 3)) { /* ␌ */
			e->input[e->ninput++] = '\f';
			p += 3;
		} else
			e->input[e->ninput++] = *p++;
	}
	e->input[e->ninput++] = '\n';
	e->input[e->ninput] = 0;
}

static int finding_syntax(const char *s)
{
	int line, col, k = 0;
	char sev[16], rule[80];
	if (sscanf(s, "%d:%d: %15[a-z][%79[a-z0-9_.]]%n", &line, &col, sev, rule, &k) != 4 || k == 0)
		return 0;
	if (strcmp(sev, "info") && strcmp(sev, "warning") && strcmp(sev, "error"))
		return 0;
	return s[k] == 0 || !strncmp(s + k, " [stated ", 9);
}

static int fact_syntax(const char *s)
{
	char f[5][80], extra[2];
	return sscanf(s, "%79s %79s %79s %79s %79s %1s", f[0], f[1], f[2], f[3], f[4], extra) == 5;
}

static example *new_example(run *r, const char *base, int line, int number, const char *info)
{
	if (r->nex == r->capex) {
		r->capex = r->capex ? 2 * r->capex : 64;
		r->ex = realloc(r->ex, r->capex * sizeof *r->ex);
		if (!r->ex)
			abort();
	}
	example *e = &r->ex[r->nex++];
	*e = (example){.file = base, .line = line, .number = number, .input = calloc(1, 1)};
	if (!e->input)
		abort();
	for (const char *p = skip_ws(info); *p; p = skip_ws(p)) {
		size_t n = strcspn(p, " \t");
		strv_push(&e->rules, p, n);
		p += n;
	}
	return e;
}

static void bad(example *e, int line, const char *why)
{
	if (!e->bad_line) {
		e->bad_line = line;
		e->bad_why = why;
	}
}

/* Reads every example of one file; returns how many, or -1 when it cannot be read. */
static int read_spec(run *r, const char *path, const char *base)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	char buf[8192];
	int lineno = 0, count = 0, part = -1; /* -1 prose, 0 input, 1 findings, 2 facts */
	size_t cap = 0;
	example *e = NULL;
	while (fgets(buf, sizeof buf, f)) {
		lineno++;
		size_t n = strcspn(buf, "\r\n");
		if (!buf[n] && !feof(f) && part >= 0)
			bad(e, lineno, "longer than 8 KiB");
		buf[n] = 0;
		if (part < 0) {
			if (!strncmp(buf, "```example", 10) && (buf[10] == 0 || buf[10] == ' ')) {
				e = new_example(r, base, lineno, ++count, buf + 10);
				part = 0;
				cap = 1;
			}
			continue;
		}
		if (!strcmp(buf, "```")) {
			if (part == 0)
				bad(e, lineno, "the fence closes before the \".\" that ends the input");
			part = -1;
			continue;
		}
		if (!strcmp(buf, ".") && part < 2) {
			part++;
			e->has_facts = part == 2;
			continue;
		}
		if (part == 0)
			add_input_line(e, buf, &cap);
		else if (part == 1 && *buf && strcmp(buf, "(none)")) {
			strv_push(&e->want, buf, strlen(buf));
			if (!finding_syntax(buf))
				bad(e, lineno, "not `line:col: severity[rule]`");
		} else if (part == 2 && *buf && strcmp(buf, "(none)")) {
			strv_push(&e->facts, buf, strlen(buf));
			if (!fact_syntax(buf))
				bad(e, lineno, "not `key measure basis period value`");
		}
	}
	fclose(f);
	if (part >= 0)
		bad(e, lineno, "the file ends inside the example");
	return count;
}

/* --- running one example --- */

static int same_findings(const strv *want, const got *g)
{
	if (want->n != g->base.n)
		return 0;
	for (size_t i = 0; i < want->n; i++) {
		const char *w = want->v[i];
		size_t bn = strlen(g->base.v[i]);
		if (strncmp(w, g->base.v[i], bn) != 0)
			return 0;
		if (w[bn] == 0)
			continue;
		/* " [stated A, expected B]" given: it must be what the finding says */
		size_t sn = strlen(g->se.v[i]);
		if (!sn || strncmp(w + bn, " [", 2) || strncmp(w + bn + 2, g->se.v[i], sn) ||
		    strcmp(w + bn + 2 + sn, "]"))
			return 0;
	}
	return 1;
}

static int same_strv(const strv *a, const strv *b)
{
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]))
			return 0;
	return 1;
}

static void print_got(const char *what, const got *g)
{
	printf("  %s:\n", what);
	if (!g->base.n)
		printf("    (none)\n");
	for (size_t i = 0; i < g->base.n; i++)
		printf(*g->se.v[i] ? "    %s [%s]\n" : "    %s\n", g->base.v[i], g->se.v[i]);
}

static void print_strv(const char *what, const strv *s)
{
	printf("  %s:\n", what);
	if (!s->n)
		printf("    (none)\n");
	for (size_t i = 0; i < s->n; i++)
		printf("    %s\n", s->v[i]);
}

static void print_lines(const char *s)
{
	for (const char *l = s; *l; l += strcspn(l, "\n") + (l[strcspn(l, "\n")] == '\n'))
		printf("    %.*s\n", (int)strcspn(l, "\n"), l);
}

/* A file's first 2 KiB, indented. */
static void print_text(const char *path)
{
	char b[2048];
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(b, 1, sizeof b - 1, f) : 0;
	b[n] = 0;
	print_lines(b);
	if (f)
		fclose(f);
}

static int wants_error(const example *e)
{
	for (size_t i = 0; i < e->want.n; i++)
		if (strstr(e->want.v[i], ": error["))
			return 1;
	return 0;
}

static int known_rule(const char *id, const char **family)
{
	for (size_t i = 0; i < bl_rule_count(); i++)
		if (!strcmp(bl_rule_at(i)->id, id)) {
			if (family)
				*family = bl_rule_at(i)->family;
			return 1;
		}
	return 0;
}

/* Problems with the example as written, before it runs: "" when none. */
static void check_written(const example *e, char *why, size_t cap)
{
	*why = 0;
	if (e->bad_line) {
		snprintf(why, cap, "line %d: %s", e->bad_line, e->bad_why);
		return;
	}
	size_t flen = strcspn(e->file, ".");
	for (size_t i = 0; i < e->rules.n; i++) {
		const char *fam;
		if (!known_rule(e->rules.v[i], &fam)) {
			snprintf(why, cap, "about %s, which is no rule", e->rules.v[i]);
			return;
		}
		if (strlen(fam) != flen || strncmp(fam, e->file, flen)) {
			snprintf(why, cap, "about %s, a rule of family %s: it belongs in %s.md",
				 e->rules.v[i], fam, fam);
			return;
		}
	}
	for (size_t i = 0; i < e->want.n; i++) {
		const char *b = strchr(e->want.v[i], '['), *c = b ? strchr(b, ']') : NULL;
		char id[80];
		snprintf(id, sizeof id, "%.*s", b && c ? (int)(c - b - 1) : 0, b ? b + 1 : "");
		if (!known_rule(id, NULL)) {
			snprintf(why, cap, "expects %s, which is no rule", id);
			return;
		}
	}
}

static void show(const example *e, const got *g, const strv *facts)
{
	printf("```example");
	for (size_t i = 0; i < e->rules.n; i++)
		printf(" %s", e->rules.v[i]);
	printf("\n%s.\n", e->input);
	for (size_t i = 0; i < g->base.n; i++)
		printf(*g->se.v[i] ? "%s [%s]\n" : "%s\n", g->base.v[i], g->se.v[i]);
	if (e->has_facts) {
		printf(".\n");
		for (size_t i = 0; i < facts->n; i++)
			printf("%s\n", facts->v[i]);
	}
	printf("```\n\n");
}

/* Returns 1 when the example passes both ways; says why not otherwise. */
static int run_example(run *r, const example *e)
{
	char why[512], path[320], errpath[320];
	check_written(e, why, sizeof why);
	if (*why) {
		printf("FAIL %s:%d: example %d: %s\n", e->file, e->line, e->number, why);
		return 0;
	}
	snprintf(path, sizeof path, "%s/example.txt", r->dir);
	snprintf(errpath, sizeof errpath, "%s/stderr", r->dir);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(e->input, 1, e->ninput, f) != e->ninput || fclose(f)) {
		printf("FAIL %s:%d: cannot write %s\n", e->file, e->line, path);
		return 0;
	}
	int ok = 1;
	got lg = {0}, cg = {0};
	strv lf = {0}, cf = {0};
	bl_doc *d = NULL;
	bl_diag diag = {0};
	if (bl_doc_open_file(path, &d, &diag) != BL_OK || bl_doc_check(d) != BL_OK) {
		printf("FAIL %s:%d: example %d: the library cannot open or check it: %s\n", e->file, e->line,
		       e->number, diag.msg);
		ok = 0;
		goto done;
	}
	lib_findings(d, &lg);
	lib_facts(d, &lf);
	if (r->show) { /* writing examples: what the library gives, in the spec's form */
		show(e, &lg, &lf);
		goto done;
	}
	long nerr;
	int rc = cli_run(r->cli, path, errpath, e->has_facts, &cg, &cf, &nerr);
#define MISS(...)                                                                                            \
	do {                                                                                                 \
		if (ok)                                                                                      \
			printf("FAIL %s:%d: example %d\n", e->file, e->line, e->number);                     \
		ok = 0;                                                                                      \
		printf(__VA_ARGS__);                                                                         \
	} while (0)
	if (!same_findings(&e->want, &lg)) {
		MISS("  the library's findings differ\n");
		print_strv("expected", &e->want);
		print_got("library", &lg);
	}
	if (!same_findings(&e->want, &cg)) {
		MISS("  the CLI's findings differ (%s check --format text)\n", r->cli);
		if (same_findings(&e->want, &lg))
			print_strv("expected", &e->want);
		print_got("cli", &cg);
	}
	if (rc != wants_error(e))
		MISS("  the CLI exited %d, expected %d\n", rc, wants_error(e));
	if (nerr != 0) {
		MISS("  the CLI wrote to stderr:\n");
		print_text(errpath);
	}
	if (e->has_facts && !same_strv(&e->facts, &lf)) {
		MISS("  the library's facts differ\n");
		print_strv("expected", &e->facts);
		print_strv("library", &lf);
	}
	if (e->has_facts && !same_strv(&e->facts, &cf)) {
		MISS("  the CLI's facts differ (extract --format csv)\n");
		print_strv("cli", &cf);
	}
#undef MISS
	if (!ok) {
		printf("  input:\n");
		print_lines(e->input);
	}
done:
	bl_doc_free(d);
	got_free(&lg);
	got_free(&cg);
	strv_free(&lf);
	strv_free(&cf);
	return ok;
}

/* --- doubt: no rule can make an error out of a doubted figure --- */

/* The example opened again with every figure doubted (each fact's role,
 * each table cell in every way: an equation of the cell's table may lift
 * its place, not its role; a rule of one table's figures may set its unit
 * aside, not its role): checked, it must give no error from a rule that
 * compares figures (round policy not n/a). The review that does it runs in
 * the driver after every rule, so a rule cannot bypass it; this shows it
 * for every example that expects an error. Returns 1 when it holds. */
static int doubt_holds(run *r, const example *e)
{
	char path[320];
	snprintf(path, sizeof path, "%s/example.txt", r->dir);
	bl_doc *d = NULL;
	bl_diag diag = {0};
	if (bl_doc_open_file(path, &d, &diag) != BL_OK)
		return 1; /* run_example has said so */
	for (size_t i = 0; i < d->nfacts; i++)
		d->facts[i].doubt |= BL_DOUBT_ROLE;
	for (size_t t = 0; t < d->ntables; t++)
		for (size_t w = 0; w < d->tables[t].nrows; w++)
			for (int c = 0; c < d->tables[t].ncols; c++)
				((bl_cell *)d->tables[t].rows[w].cells)[c].doubt |= BL_DOUBT_ALL;
	int ok = 1;
	if (bl_doc_check(d) == BL_OK)
		for (size_t i = 0; i < bl_doc_nfindings(d); i++) {
			const bl_finding *f = bl_doc_finding(d, i);
			const bl_rule_info *ri = bl_rule_find(f->rule);
			if (f->severity != BL_SEV_ERROR || !ri || ri->round == BL_POL_NA)
				continue;
			if (ok)
				printf("FAIL %s:%d: example %d: with every figure doubted, still an error:\n",
				       e->file, e->line, e->number);
			ok = 0;
			printf("  %d:%d: error[%s] %s\n", f->pos.line, f->pos.col, f->rule, f->message);
		}
	bl_doc_free(d);
	return ok;
}

/* --- every rule has a failing and a passing example --- */

static int expects(const example *e, const char *rule)
{
	char pat[96];
	snprintf(pat, sizeof pat, "[%s]", rule);
	for (size_t i = 0; i < e->want.n; i++)
		if (strstr(e->want.v[i], pat))
			return 1;
	return 0;
}

static int about(const example *e, const char *rule)
{
	for (size_t i = 0; i < e->rules.n; i++)
		if (!strcmp(e->rules.v[i], rule))
			return 1;
	return 0;
}

/* 1 when an example was read from FAMILY.md */
static int family_read(const run *r, const char *family)
{
	size_t n = strlen(family);
	for (size_t i = 0; i < r->nex; i++)
		if (!strncmp(r->ex[i].file, family, n) && !strcmp(r->ex[i].file + n, ".md"))
			return 1;
	return 0;
}

static void coverage(run *r)
{
	for (size_t i = 0; i < NEXEMPT; i++)
		if (known_rule(exempt[i].rule, NULL))
			r->pass++;
		else {
			r->fail++;
			printf("FAIL exempt rule %s is no longer registered: remove it from spec.c's list\n",
			       exempt[i].rule);
		}
	for (size_t k = 0; k < bl_rule_count(); k++) {
		const char *id = bl_rule_at(k)->id;
		int ex = 0, failing = 0, passing = 0;
		for (size_t i = 0; i < NEXEMPT; i++)
			ex |= !strcmp(exempt[i].rule, id);
		for (size_t i = 0; i < r->nex; i++)
			if (about(&r->ex[i], id)) {
				failing |= expects(&r->ex[i], id);
				passing |= !expects(&r->ex[i], id);
			}
		if (r->partial && !family_read(r, bl_rule_at(k)->family))
			continue;
		if (ex || (failing && passing)) {
			r->pass++;
			continue;
		}
		r->fail++;
		printf("FAIL rule %s (family %s) has no %s example in %s.md\n", id, bl_rule_at(k)->family,
		       !failing && !passing ? "failing and no passing"
		       : !failing           ? "failing"
					    : "passing",
		       bl_rule_at(k)->family);
	}
}

#define USAGE "usage: spec [--cli BUDGETLINT] [--show] [--partial] FILE.md...\n"

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

int main(int argc, char **argv)
{
	run r = {.cli = "build/budgetlint"};
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--cli") && i + 1 < argc)
			r.cli = argv[++i];
		else if (!strcmp(argv[i], "--show"))
			r.show = 1;
		else if (!strcmp(argv[i], "--partial"))
			r.partial = 1;
		else {
			fprintf(stderr, USAGE);
			return 2;
		}
	}
	if (i == argc) {
		fprintf(stderr, USAGE);
		return 2;
	}
	if (access(r.cli, X_OK)) {
		printf("FAIL no CLI at %s (build it, or give --cli)\nspec: 0 passed, 1 failed\n", r.cli);
		return 1;
	}
	const char *tmp = getenv("TMPDIR");
	snprintf(r.dir, sizeof r.dir, "%s/bl-spec-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(r.dir)) {
		printf("FAIL cannot make a temporary directory\nspec: 0 passed, 1 failed\n");
		return 1;
	}
	for (; i < argc; i++) {
		size_t first = r.nex;
		const char *base = base_name(argv[i]);
		if (read_spec(&r, argv[i], base) < 0) {
			printf("FAIL cannot read %s\n", argv[i]);
			r.fail++;
			continue;
		}
		int p = 0, f = 0;
		for (size_t k = first; k < r.nex; k++)
			run_example(&r, &r.ex[k]) &&
					(r.show || !wants_error(&r.ex[k]) || doubt_holds(&r, &r.ex[k]))
				? p++
				: f++;
		printf("%s: %d passed, %d failed\n", base, p, f);
		r.pass += p;
		r.fail += f;
	}
	coverage(&r);
	char path[320];
	snprintf(path, sizeof path, "%s/example.txt", r.dir);
	remove(path);
	snprintf(path, sizeof path, "%s/stderr", r.dir);
	remove(path);
	rmdir(r.dir);
	for (size_t k = 0; k < r.nex; k++) {
		strv_free(&r.ex[k].rules);
		strv_free(&r.ex[k].want);
		strv_free(&r.ex[k].facts);
		free(r.ex[k].input);
	}
	free(r.ex);
	printf("spec: %d passed, %d failed\n", r.pass, r.fail);
	return r.fail ? 1 : 0;
}
