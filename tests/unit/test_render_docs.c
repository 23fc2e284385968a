/* test_render_docs.c - render from documents: each seed of the corpus,
 * its inconsistencies resolved, round-trips through the narrative with every
 * figure and its parts in order; a budget workbook gives the reviewed golden
 * narrative. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "budgetlint/budgetlint.h"
#include "budgetlint/render.h"
#include "harness.h"
#include "ooxml.h"
#include "read/read.h"
#include "render_fixtures.h"

/* The seed with each error-level figure replaced by the check's expected
 * value: the department resolving what the check reported. *nfix counts them. */
static char *resolve(const char *path, size_t *len, int *nfix)
{
	bl_doc *d = NULL;
	bl_diag diag = {0};
	*nfix = 0;
	if (bl_doc_open_file(path, &d, &diag) != BL_OK)
		return NULL;
	bl_doc_check(d);
	bl_buf b = BL_BUF_INIT(1 << 24);
	for (int l = 1; l <= bl_doc_lines(d); l++) {
		bl_str t = bl_doc_line(d, l);
		const bl_finding *fix = NULL;
		for (size_t i = 0; i < bl_doc_nfindings(d); i++) {
			const bl_finding *f = bl_doc_finding(d, i);
			if (f->severity == BL_SEV_ERROR && f->has_expected && f->pos.line == l)
				fix = f;
		}
		if (!fix) {
			bl_buf_put(&b, t.p, t.n);
		} else { /* the figure at the caret: skip to its digits, replace them */
			size_t off = 0;
			for (int c = 1; c < fix->pos.col && off < t.n; c++) {
				int n;
				bl_utf8_decode(t.p + off, t.n - off, &n);
				off += (size_t)n;
			}
			while (off < t.n && !(t.p[off] >= '0' && t.p[off] <= '9'))
				off++;
			size_t end = off;
			while (end < t.n && ((t.p[end] >= '0' && t.p[end] <= '9') || t.p[end] == '.'))
				end++;
			char e[48];
			bl_dec ex = fix->expected;
			if (ex.u < 0)
				ex.u = -ex.u;
			bl_dec_format(ex, e);
			bl_buf_put(&b, t.p, off);
			bl_buf_put(&b, e, strlen(e));
			bl_buf_put(&b, t.p + end, t.n - end);
			(*nfix)++;
		}
		bl_buf_putc(&b, '\n');
	}
	bl_doc_free(d);
	*len = b.n;
	return b.p;
}

/* Section ids of the 一、 headings in order, each once. */
static size_t top_ids(const bl_doc *d, const char **ids, size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; i < bl_doc_nsections(d) && n < cap; i++) {
		const bl_section *s = bl_doc_section(d, i);
		if (s->level != 2 || s->in_toc)
			continue;
		char t[512];
		snprintf(t, sizeof t, "%.*s", (int)s->title.n, s->title.p);
		const char *id = bl_section_topic(t, strlen(t));
		if (!id || !strcmp(id, "contact"))
			continue;
		if (!strcmp(id, "general"))
			id = "approp";
		int seen = 0;
		for (size_t k = 0; k < n; k++)
			seen |= !strcmp(ids[k], id);
		if (!seen)
			ids[n++] = id;
	}
	return n;
}

static int in_list(const char *const *ids, size_t n, const char *id)
{
	for (size_t k = 0; k < n; k++)
		if (!strcmp(ids[k], id))
			return 1;
	return 0;
}

/* The seed as published, orig, rendered and read back: its inconsistent
 * figures fail the check. Returns whether they do. */
static int refused_as_published(bl_doc *orig, const char *path)
{
	bl_diag diag = {0};
	bl_rinput *raw = NULL;
	bl_rinput_doc(orig, &raw, &diag);
	bl_narrative *rn = bl_render(raw, NULL, &diag);
	char *o = NULL;
	size_t ol = 0;
	bl_narrative_write(rn, BL_RENDER_TEXT, &o, &ol, &diag);
	bl_doc *rd = NULL;
	bl_doc_open_mem("raw.txt", o, ol, &rd, &diag);
	bl_doc_check(rd);
	int errs = 0;
	for (size_t i = 0; i < bl_doc_nfindings(rd); i++)
		errs += bl_doc_finding(rd, i)->severity == BL_SEV_ERROR;
	CHECK(errs > 0, "%s: its inconsistent figures pass the gate", path);
	bl_doc_free(rd);
	free(o);
	bl_narrative_free(rn);
	bl_rinput_free(raw);
	return errs > 0;
}

/* The figures of src not in back, the narrative n read back, each printed;
 * a percent from a zero base, which render reports instead, excepted. */
static int missing_figures(const bl_doc *src, const bl_doc *back, const bl_narrative *n, const char *name)
{
	int missing = 0;
	for (size_t i = 0; i < bl_doc_nfacts(src); i++) {
		const bl_fact *f = bl_doc_fact(src, i);
		int hit = 0;
		for (size_t k = 0; k < bl_doc_nfacts(back) && !hit; k++) {
			const bl_fact *g = bl_doc_fact(back, k);
			hit = g->measure == f->measure && g->basis == f->basis && g->period == f->period &&
			      !strcmp(g->key, f->key) && bl_dec_cmp(g->value, f->value) == 0;
		}
		/* a percent from a zero base is not written, and render says so */
		int zero_pct = 0;
		for (size_t k = 0; k < bl_narrative_nnotes(n) && !hit; k++)
			zero_pct |= f->measure == BL_M_CHANGE_PCT &&
				    !strcmp(bl_narrative_note(n, k)->rule, "render.zero_base") &&
				    strstr(bl_narrative_note(n, k)->message, "比较基数为零") != NULL;
		if (!hit && zero_pct)
			continue;
		if (!hit) {
			char v[48];
			printf("  %s: %s %s %s = %s (line %d) not in the narrative\n", name, f->key,
			       bl_measure_name(f->measure),
			       bl_basis_name(f->basis) ? bl_basis_name(f->basis) : "",
			       bl_dec_format(f->value, v), f->pos.line);
		}
		missing += !hit;
	}
	return missing;
}

/* Whether the 一、 parts src and back share, at least four, come in the same
 * order; *nshared is how many they share. */
static int same_order(const bl_doc *src, const bl_doc *back, size_t *nshared)
{
	const char *a[32], *b[32], *fa[32], *fb[32];
	size_t na = top_ids(src, a, 32), nb = top_ids(back, b, 32), nfa = 0, nfb = 0;
	for (size_t k = 0; k < na; k++)
		if (in_list(b, nb, a[k]))
			fa[nfa++] = a[k];
	for (size_t k = 0; k < nb; k++)
		if (in_list(a, na, b[k]))
			fb[nfb++] = b[k];
	int same = nfa == nfb && nfa >= 4;
	for (size_t k = 0; same && k < nfa; k++)
		same = !strcmp(fa[k], fb[k]);
	*nshared = nfa;
	return same;
}

/* One seed, path (file name name): resolved, rendered, read back. Returns
 * whether the seed as published, with figures to resolve, was refused. */
static int seed(const char *path, const char *name)
{
	size_t len;
	int nfix, refused = 0;
	char *fixed = resolve(path, &len, &nfix);
	CHECK(fixed != NULL, "%s: unreadable", path);
	if (!fixed)
		return 0;
	bl_doc *src = NULL, *orig = NULL, *back = NULL;
	bl_diag diag = {0};
	bl_rinput *in = NULL;
	bl_doc_open_mem(path, fixed, len, &src, &diag);
	bl_doc_open_file(path, &orig, &diag);
	bl_rinput_doc(src, &in, &diag);
	if (nfix) /* the seed as published is refused: its narrative fails the check */
		refused = refused_as_published(orig, path);
	bl_narrative *n = bl_render(in, NULL, &diag);
	char *out = NULL;
	size_t ol = 0;
	bl_narrative_write(n, BL_RENDER_TEXT, &out, &ol, &diag);
	bl_doc_open_mem("rendered.txt", out, ol, &back, &diag);
	/* every figure of the seed, with its value */
	int missing = missing_figures(src, back, n, name);
	CHECK(missing == 0, "%s: %d figures of the seed not in its narrative", name, missing);
	/* the seed's order of parts */
	size_t nfa;
	int same = same_order(src, back, &nfa);
	CHECK(same, "%s: parts out of the seed's order (%zu shared)", name, nfa);
	bl_doc_free(back);
	bl_doc_free(src);
	bl_doc_free(orig);
	free(out);
	free(fixed);
	bl_narrative_free(n);
	bl_rinput_free(in);
	return refused;
}

/* Each seed: extract, render, extract again: every figure of the seed is
 * in the narrative with its value, and the parts come in the seed's order. */
static void seeds(void)
{
	const char *dir = "../shared/corpus/seeds";
	DIR *dp = opendir(dir);
	CHECK(dp != NULL, "cannot open %s", dir);
	if (!dp)
		return;
	struct dirent *e;
	int nseeds = 0, refused = 0;
	while ((e = readdir(dp))) {
		if (!strstr(e->d_name, ".txt"))
			continue;
		char path[1024];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		nseeds++;
		refused += seed(path, e->d_name);
	}
	closedir(dp);
	CHECK(nseeds == 5, "five seeds, found %d", nseeds);
	CHECK(refused >= 1, "the seed with a genuine sum error is refused as published");
}

/* A sheet from rows of cells split at '|': a figure is a number cell, any
 * other text an inline string; merges as "A1:E1 A3:A4". */
static char *sheet(const char *const *rows, int nrows, const char *merges)
{
	bl_buf b = BL_BUF_INIT(1 << 20);
	bl_buf_printf(&b, "<sheetData>");
	for (int r = 0; r < nrows; r++) {
		bl_buf_printf(&b, "<row r=\"%d\">", r + 1);
		const char *p = rows[r];
		for (int c = 0; *p || c == 0; c++) {
			const char *bar = strchr(p, '|');
			size_t n = bar ? (size_t)(bar - p) : strlen(p);
			if (n) {
				char ref[16], v[256];
				snprintf(ref, sizeof ref, "%c%d", 'A' + c, r + 1);
				snprintf(v, sizeof v, "%.*s", (int)n, p);
				int num = (v[0] >= '0' && v[0] <= '9') || (v[0] == '-' && v[1]);
				if (v[0] == '\'') /* text, as a code column is exported */
					memmove(v, v + 1, strlen(v));
				for (const char *q = v; num && *q; q++)
					num = (*q >= '0' && *q <= '9') || *q == '.' || *q == '-';
				if (num)
					bl_buf_printf(&b, "<c r=\"%s\" s=\"1\"><v>%s</v></c>", ref, v);
				else
					bl_buf_printf(&b,
						      "<c r=\"%s\" t=\"inlineStr\"><is><t>%s</t></is></c>",
						      ref, v);
			}
			if (!bar)
				break;
			p = bar + 1;
		}
		bl_buf_printf(&b, "</row>");
	}
	bl_buf_printf(&b, "</sheetData>");
	if (merges && *merges) {
		bl_buf_printf(&b, "<mergeCells>");
		for (const char *p = merges; *p;) {
			const char *sp = strchr(p, ' ');
			size_t n = sp ? (size_t)(sp - p) : strlen(p);
			bl_buf_printf(&b, "<mergeCell ref=\"%.*s\"/>", (int)n, p);
			p += n + (sp ? 1 : 0);
		}
		bl_buf_printf(&b, "</mergeCells>");
	}
	bl_buf_putc(&b, 0);
	return b.p;
}

/* The workbook, written to path. */
static void golden_workbook(const char *path)
{
	static const char *const summary[] = {
		"财务收支预算总表",
		"|||单位：元",
		"收入|本年预算|支出|本年预算",
		"一、一般公共预算拨款收入|3712345.67|一、一般公共服务支出|2912000.50",
		"二、政府性基金预算拨款收入|0|二、社会保障和就业支出|402400.17",
		"三、事业收入|150000.00|三、卫生健康支出|206400.00",
		"||四、住房保障支出|341545.00",
		"本年收入合计|3862345.67|本年支出合计|3862345.67",
	};
	static const char *const general[] = {
		"一般公共预算支出功能分类预算表",
		"||||单位：元",
		"科目编码|科目名称|合计|基本支出|项目支出",
		"合计||3712345.67|3588545.67|123800.00",
		"'201|一般公共服务支出|2762000.50|2638200.50|123800.00",
		"'208|社会保障和就业支出|402400.17|402400.17|0",
		"'210|卫生健康支出|206400.00|206400.00|0",
		"'221|住房保障支出|341545.00|341545.00|0",
	};
	static const char *const basic[] = {
		"一般公共预算基本支出经济分类预算表",
		"|||单位：元",
		"科目编码|科目名称|合计",
		"'301|工资福利支出|3100000.00",
		"'302|商品和服务支出|300000.00",
		"'303|对个人和家庭的补助|188545.67",
		"|人员经费合计|3288545.67",
		"|公用经费合计|300000.00",
	};
	static const char *const sangong[] = {
		"一般公共预算“三公”经费支出预算表",
		"|||||单位：元",
		"合计|因公出国（境）费|公务用车购置及运行维护费|||公务接待费",
		"||小计|公务用车购置费|公务用车运行费|",
		"61600.00|0|26600.00|0|26600.00|35000.00",
	};
	char *sh[4] = {sheet(summary, 8, "A1:D1"), sheet(general, 8, "A1:E1"), sheet(basic, 8, "A1:C1"),
		       sheet(sangong, 5, "A1:F1 A3:A4 B3:B4 C3:E3 F3:F4")};
	const char *names[] = {"收支总表", "一般公共预算支出", "基本支出", "三公经费"};
	const char *states[] = {"", "", "", ""};
	/* figures shown as budget systems export them: #,##0.00 */
	static const char styles[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet "
		"xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><cellXfs>"
		"<xf numFmtId=\"0\"/><xf numFmtId=\"4\"/></cellXfs></styleSheet>";
	CHECK(xlsx_write(path, 4, names, (const char *const *)sh, states, NULL, styles) == 0,
	      "write the workbook");
	for (int i = 0; i < 4; i++)
		free(sh[i]);
}

/* The department's words. */
static const char golden_words[] =
	"{\"kind\": \"budget\", \"year\": 2025, \"unit\": \"重庆市某某区政务数据中心\", \"level\": "
	"\"unit\","
	" \"texts\": ["
	"{\"id\": \"duties\", \"text\": "
	"\"负责全区政务数据汇聚、共享和开放工作。\\n负责电子政务外网运行维护。\"},"
	"{\"id\": \"organization\", \"text\": \"内设综合科、数据资源科、网络运维科3个科室。\"},"
	"{\"id\": \"reason\", \"key\": \"general.project\", \"basis\": \"prev_year\","
	" \"text\": \"电子政务外网升级项目完成，2025年不再安排\"},"
	"{\"id\": \"use\", \"key\": \"general.project\", \"text\": \"政务外网运行维护\"},"
	"{\"id\": \"admin_cost\", \"text\": \"本单位为事业单位，不在机关运行经费统计范围之内。\"},"
	"{\"id\": \"procurement\", \"text\": \"2025年本单位未安排政府采购预算。\"},"
	"{\"id\": \"performance\", \"text\": "
	"\"2025年项目支出全部实行绩效目标管理，涉及一般公共预算财政拨款12.38万元。\"},"
	"{\"id\": \"assets\", \"text\": \"截至2024年12月31日，本单位共有车辆1辆。\"}]}";

/* Last year's figures. */
static const char golden_last[] = "{\"kind\": \"budget\", \"year\": 2024, \"facts\": ["
				  "{\"key\": \"total.income\", \"value\": \"380.12\"},"
				  "{\"key\": \"total.expense\", \"value\": \"380.12\"},"
				  "{\"key\": \"general.expense\", \"value\": \"365.12\"},"
				  "{\"key\": \"general.basic\", \"value\": \"350.00\"},"
				  "{\"key\": \"general.project\", \"value\": \"15.12\"},"
				  "{\"key\": \"general.personnel\", \"value\": \"320.00\"},"
				  "{\"key\": \"general.public\", \"value\": \"30.00\"},"
				  "{\"key\": \"sangong.total\", \"value\": \"6.16\"},"
				  "{\"key\": \"sangong.abroad\", \"value\": \"0\"},"
				  "{\"key\": \"sangong.vehicle\", \"value\": \"2.66\"},"
				  "{\"key\": \"sangong.reception\", \"value\": \"3.50\"}]}";

/* The narrative out against tests/golden/render-budget.txt (and written to
 * build/test/render-budget.txt to compare by eye); it checks clean. */
static void golden_compare(const char *out, size_t len)
{
	bl_diag diag = {0};
	FILE *f = fopen("build/test/render-budget.txt", "wb");
	if (f) {
		fwrite(out, 1, len, f);
		fclose(f);
	}
	char *want = NULL;
	size_t wn = 0;
	FILE *g = fopen("tests/golden/render-budget.txt", "rb");
	if (g) {
		want = malloc(1 << 20);
		wn = fread(want, 1, (1 << 20) - 1, g);
		want[wn] = 0;
		fclose(g);
	}
	CHECK(want && wn == len && memcmp(want, out, len) == 0,
	      "narrative differs from tests/golden/render-budget.txt (see build/test/render-budget.txt)");
	/* and it checks clean */
	bl_doc *back = NULL;
	bl_doc_open_mem("render-budget.txt", out, len, &back, &diag);
	CHECK(back && above_info(back, 1) == 0, "the golden narrative has findings above info");
	bl_doc_free(back);
	free(want);
}

/* The golden test: a small budget workbook in 元 as a budget system exports
 * it, with last year's figures and the department's words in a JSON, gives
 * the reviewed narrative in tests/golden/render-budget.txt. */
static void golden_xlsx(void)
{
	const char *path = "build/test/render-golden.xlsx";
	golden_workbook(path);
	bl_doc *d = NULL;
	bl_diag diag = {0};
	CHECK(bl_doc_open_file(path, &d, &diag) == BL_OK, "open the workbook: %s", diag.msg);
	if (!d)
		return;
	bl_rinput *in = NULL, *more = NULL;
	bl_rinput_doc(d, &in, &diag);
	bl_rinput *prev = NULL;
	CHECK(bl_rinput_json("words.json", golden_words, strlen(golden_words), -1, &more, &diag) == BL_OK,
	      "words: %s", diag.msg);
	CHECK(bl_rinput_json("last.json", golden_last, strlen(golden_last), -1, &prev, &diag) == BL_OK,
	      "last: %s", diag.msg);
	if (!in || !more || !prev)
		return;
	bl_rinput_merge(in, more);
	CHECK(bl_rinput_prev(in, prev, &diag) == BL_OK, "last year: %s", diag.msg);
	bl_narrative *n = bl_render(in, NULL, &diag);
	char *out = NULL;
	size_t len = 0;
	bl_narrative_write(n, BL_RENDER_TEXT, &out, &len, &diag);
	golden_compare(out, len);
	free(out);
	bl_narrative_free(n);
	bl_rinput_free(in);
	bl_rinput_free(more);
	bl_rinput_free(prev);
	bl_doc_free(d);
}

int main(void)
{
	golden_xlsx();
	seeds();
	DONE("render_docs");
}
