/* test_gen.c - disclosures the suite writes itself (tests/gen.h), in shapes
 * the corpus lacks: two, three and four spending components; each change
 * in several wordings; tables in 元 beside a narrative in 万元; one file,
 * or the narrative and the tables as two (text, PDF, XLSX, DOCX). A
 * consistent one must give no error and no arithmetic or table warning; one
 * with a planted error must give the error, at the planted figure. */
#include <stdlib.h>
#include <unistd.h>

#include "budgetlint/budgetlint.h"
#include "doc.h"
#include "gen.h"
#include "harness.h"

static char dir[64];

static const char *const plant_names[] = {"consistent", "a component 1.00 too high",
					  "the total's change 1.00 too high",
					  "the table's 基本支出 1.00 higher"};

/* Rules whose warnings on a consistent document can only be misreadings:
 * those of the families that judge figures (not table.required: a file of
 * one table does lack the others its template lists). */
static int figure_family(const char *rule)
{
	const bl_rule_info *ri = bl_rule_find(rule);
	return ri && strcmp(rule, "table.required") != 0 &&
	       (!strcmp(ri->family, "arith") || !strcmp(ri->family, "change") ||
		!strcmp(ri->family, "table") || !strcmp(ri->family, "crosstable"));
}

static int at(const bl_finding *f, gen_where w)
{
	if (f->pos.line == w.line && f->pos.col == w.col)
		return 1;
	for (int i = 0; i < f->nevidence; i++)
		if (!f->evidence[i].path && f->evidence[i].pos.line == w.line &&
		    f->evidence[i].pos.col == w.col)
			return 1;
	return 0;
}

static void show(const char *what, const bl_doc *d)
{
	printf("  %s (%s):\n", what, bl_doc_path(d));
	for (size_t i = 0; i < bl_doc_nfindings(d); i++) {
		const bl_finding *f = bl_doc_finding(d, i);
		printf("    %d:%d %s[%s] %s\n", f->pos.line, f->pos.col, bl_severity_name(f->severity),
		       f->rule, f->message);
	}
}

static void one(const gen_disc *g, int shape)
{
	char narr[256], tabs[256];
	gen_where w;
	if (gen_write(g, shape, dir, narr, tabs, sizeof narr, &w) != 0) {
		CHECK(0, "cannot write %s", gen_shape_names[shape]);
		return;
	}
	bl_doc *n = open_file(narr), *t = *tabs ? open_file(tabs) : NULL;
	if (!n || (*tabs && !t)) {
		bl_doc_free(n);
		bl_doc_free(t);
		return;
	}
	char what[256];
	snprintf(what, sizeof what, "%s, %d components, wording %d, tables in %s, %s", gen_shape_names[shape],
		 g->nparts, g->wording, g->yuan ? "元" : "万元", plant_names[g->plant]);
	if (t) {
		int pairs = bl_doc_pairs_with(n, t);
		CHECK(pairs, "%s: the two files pair", what);
		if (pairs)
			bl_doc_pair(n, t);
	}
	bl_doc_check(n);
	if (t)
		bl_doc_check(t);
	int ok = 1;
	const bl_doc *docs[2] = {n, t};
	if (g->plant == GEN_PLANT_NONE) {
		for (int k = 0; k < 2; k++)
			for (size_t i = 0; docs[k] && i < bl_doc_nfindings(docs[k]); i++) {
				const bl_finding *f = bl_doc_finding(docs[k], i);
				if (f->severity == BL_SEV_ERROR ||
				    (f->severity == BL_SEV_WARNING && figure_family(f->rule)))
					ok = 0;
			}
		CHECK(ok, "%s: no error and no figure warning", what);
	} else {
		/* a component too high: the sum no longer closes, and the figure is
		 * not its table's. Where the table keys that column, the error is
		 * table.narrative's at the figure and the sum's follows from it
		 * (info); else the sum's, with the figure among its evidence */
		const char *rule = g->plant == GEN_PLANT_PART     ? "sum.basic_project"
				   : g->plant == GEN_PLANT_CHANGE ? "sum.changes"
								  : "table.narrative";
		int found = 0;
		for (size_t i = 0; i < bl_doc_nfindings(n); i++) {
			const bl_finding *f = bl_doc_finding(n, i);
			int named = !strcmp(f->rule, rule) ||
				    (g->plant == GEN_PLANT_PART && !strcmp(f->rule, "table.narrative"));
			found |= f->severity == BL_SEV_ERROR && named &&
				 (g->plant == GEN_PLANT_TABLE || at(f, w));
		}
		CHECK(found, "%s: error[%s] at %d:%d", what, rule, w.line, w.col);
		ok = found;
	}
	if (!ok) {
		show("narrative", n);
		if (t)
			show("tables", t);
	}
	bl_doc_free(n);
	bl_doc_free(t);
	if (getenv("BL_GEN_KEEP")) /* BL_GEN_KEEP=DIR: the last failing pair of files is left there */ {
		if (!ok) {
			char cmd[1024];
			snprintf(cmd, sizeof cmd, "cp '%s' %s%s%s '%s/'", narr, *tabs ? "'" : "", tabs,
				 *tabs ? "'" : "", getenv("BL_GEN_KEEP"));
			if (system(cmd) != 0)
				printf("cannot keep the files in %s\n", getenv("BL_GEN_KEEP"));
		}
	}
	remove(narr);
	if (*tabs)
		remove(tabs);
}

int main(void)
{
	snprintf(dir, sizeof dir, "/tmp/bl_gen_XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	/* 5678.17 + 3314.68 + 1157.63 + 250.00, changes -238.10 + 191.00 + 1050.79 + 12.00 */
	gen_disc g = {"江苏省某某委员会办公厅",
		      2019,
		      2,
		      {567817, 331468, 115763, 25000},
		      {-23810, 19100, 105079, 1200},
		      450012,
		      0,
		      0,
		      0};
	for (int shape = 0; shape < GEN_SHAPES; shape++)
		for (g.nparts = 2; g.nparts <= GEN_MAXPARTS; g.nparts++)
			for (g.wording = 0; g.wording < GEN_WORDINGS; g.wording++)
				for (g.yuan = 0; g.yuan <= (shape != GEN_ONE_TEXT); g.yuan++)
					for (g.plant = GEN_PLANT_NONE; g.plant <= GEN_PLANT_TABLE; g.plant++)
						one(&g, shape);
	rmdir(dir);
	DONE("gen");
}
