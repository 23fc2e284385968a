/* test_render_gate.c - the render gate as a library call (bl_render_write):
 * a clean input is written; an error-level finding, in the narrative or in
 * the input document's figures, refuses it and is returned; a draft is
 * written all the same; warnings do not gate. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "budgetlint/budgetlint.h"
#include "budgetlint/render.h"
#include "harness.h"
#include "render_fixtures.h"
#include "rules/rules.h"

/* A clean budget: general.project (the first %s) and the duties text (the second) are left to each case. */
static const char gate_clean[] =
	"{\"kind\": \"budget\", \"year\": 2025, \"unit\": \"某某中心\", \"facts\": ["
	"{\"key\": \"total.income\", \"value\": \"125.00\"}, {\"key\": \"general.income\", \"value\": "
	"\"125.00\"}, "
	"{\"key\": \"total.expense\", \"value\": \"125.00\"}, {\"key\": \"total.basic\", \"value\": "
	"\"120.00\"}, "
	"{\"key\": \"total.project\", \"value\": \"5.00\"}, {\"key\": \"general.expense\", \"value\": "
	"\"125.00\"}, "
	"{\"key\": \"general.basic\", \"value\": \"120.00\"}, {\"key\": \"general.project\", \"value\": "
	"\"%s\"}, "
	"{\"key\": \"sangong.total\", \"value\": \"1.00\"}, {\"key\": \"sangong.reception\", \"value\": "
	"\"1.00\"}, {\"key\": \"sangong.abroad\", \"value\": \"0.00\"}, {\"key\": \"sangong.vehicle\", "
	"\"value\": \"0.00\"}], "
	"\"texts\": [%s{\"id\": \"organization\", \"text\": \"内设综合科1个科室。\"}, "
	"{\"id\": \"admin_cost\", \"text\": \"本单位机关运行经费预算10.00万元。\"}, "
	"{\"id\": \"procurement\", \"text\": \"本单位无政府采购预算。\"}, "
	"{\"id\": \"performance\", \"text\": \"本单位项目支出均设置了绩效目标。\"}, "
	"{\"id\": \"assets\", \"text\": \"截至2024年12月31日，本单位共有车辆0辆。\"}]}";

/* Renders gate_clean with general.project and the duties text given, and
 * passes it through the gate; the verdict in *gate, the output returned. */
static char *gate_run(const char *project, const char *duties, int draft, bl_render_gate *gate, bl_status *st)
{
	char json[4096];
	snprintf(json, sizeof json, gate_clean, project, duties);
	bl_rinput *in = NULL;
	bl_diag diag = {0};
	char *out = NULL;
	size_t len = 0;
	*st = bl_rinput_json("gate.json", json, strlen(json), -1, &in, &diag);
	CHECK(*st == BL_OK, "gate input: %s", diag.msg);
	if (*st != BL_OK)
		return NULL;
	bl_render_opts o = {0};
	o.draft = draft;
	bl_narrative *n = bl_render(in, &o, &diag);
	bl_render_write_opts wo = {BL_RENDER_HTML, NULL, NULL};
	*st = bl_render_write(n, &wo, &out, &len, gate, &diag);
	CHECK(!out || len == strlen(out), "the length written");
	bl_narrative_free(n);
	bl_rinput_free(in);
	return out;
}

static const char duties_text[] = "{\"id\": \"duties\", \"text\": \"负责本区政务信息化建设。\"}, ";

/* clean: written, nothing blocks, nothing above info in the narrative read back */
static void gate_clean_written(void)
{
	bl_render_gate g = BL_RENDER_GATE_INIT;
	bl_status st;
	char *out = gate_run("5.00", duties_text, 0, &g, &st);
	CHECK(st == BL_OK && out && strstr(out, "<html") && !g.refused && g.nblocking == 0,
	      "a clean input is written (status %d, %zu blocking)", st, g.nblocking);
	CHECK(g.narrative && above_info(g.narrative, 1) == 0, "the clean narrative reads back clean");
	CHECK(g.narrative && !strcmp(bl_doc_path(g.narrative), "(生成稿)"), "checked as (生成稿)");
	free(out);
	bl_render_gate_release(&g);
	CHECK(g.narrative == NULL && g.blocking == NULL, "release leaves an empty verdict");
}

/* an error: general.basic + project != general.expense. Refused, the finding returned */
static void gate_error(void)
{
	bl_render_gate g = BL_RENDER_GATE_INIT;
	bl_status st;
	char *out = gate_run("6.00", duties_text, 0, &g, &st);
	CHECK(st == BL_OK && out == NULL && g.refused,
	      "an error-level finding refuses the output (status %d)", st);
	CHECK(g.nblocking == 1 && g.errors == 1 && g.source_errors == 0 && g.blocking &&
		      !strcmp(g.blocking[0]->rule, bl_rule_name(BL_R_SUM_BASIC_PROJECT)) &&
		      g.blocking[0]->severity == BL_SEV_ERROR && g.blocking[0]->has_expected,
	      "the blocking finding is returned: %zu, %s", g.nblocking,
	      g.nblocking ? g.blocking[0]->rule : "-");
	free(out);
	bl_render_gate_release(&g);
}

/* ... unless a draft: written, watermarked, the finding still reported */
static void gate_draft(void)
{
	bl_render_gate g = BL_RENDER_GATE_INIT;
	bl_status st;
	char *out = gate_run("6.00", duties_text, 1, &g, &st);
	CHECK(st == BL_OK && out && strstr(out, "class=\"draft\"") && !g.refused && g.nblocking == 1,
	      "a draft is written despite the error (%zu blocking)", g.nblocking);
	free(out);
	bl_render_gate_release(&g);
}

/* warnings only (a gap: text.gap) do not gate */
static void gate_warnings(void)
{
	bl_render_gate g = BL_RENDER_GATE_INIT;
	bl_status st;
	char *out = gate_run("5.00", "", 0, &g, &st);
	int warned = 0;
	for (size_t i = 0; g.narrative && i < bl_doc_nfindings(g.narrative); i++)
		warned += bl_doc_finding(g.narrative, i)->severity == BL_SEV_WARNING;
	CHECK(st == BL_OK && out && !g.refused && g.nblocking == 0 && warned > 0,
	      "a warning-only narrative is written (%d warnings, %zu blocking)", warned, g.nblocking);
	free(out);
	bl_render_gate_release(&g);
}

/* no options: text, as (生成稿), no source */
static void gate_no_options(void)
{
	bl_render_gate g = BL_RENDER_GATE_INIT;
	bl_status st;
	char *out = NULL;
	char json[4096];
	snprintf(json, sizeof json, gate_clean, "5.00", duties_text);
	bl_rinput *in = NULL;
	bl_diag diag = {0};
	size_t len = 0;
	bl_rinput_json("gate.json", json, strlen(json), -1, &in, &diag);
	bl_narrative *n = bl_render(in, NULL, &diag);
	st = bl_render_write(n, NULL, &out, &len, &g, &diag);
	CHECK(st == BL_OK && out && !strncmp(out, "某某中心2025年部门预算情况说明\n", len < 40 ? len : 40) &&
		      g.narrative && !strcmp(bl_doc_path(g.narrative), "(生成稿)"),
	      "without options: text (status %d)", st);
	free(out);
	bl_render_gate_release(&g);
	bl_narrative_free(n);
	bl_rinput_free(in);
}

/* the input document's own figures gate too: seed 001's sum error */
static void gate_source(void)
{
	bl_render_gate g = BL_RENDER_GATE_INIT;
	bl_status st;
	char *out = NULL;
	size_t len = 0;
	bl_diag diag = {0};
	const char *path = "../shared/corpus/seeds/001_594fbc126104c74b.txt";
	bl_doc *src = NULL;
	bl_rinput *in = NULL;
	CHECK(bl_doc_open_file(path, &src, &diag) == BL_OK, "%s: %s", path, diag.msg);
	if (!src)
		return;
	bl_rinput_doc(src, &in, &diag);
	bl_narrative *n = bl_render(in, NULL, &diag);
	bl_render_write_opts wo = {BL_RENDER_TEXT, "seed001.txt", src};
	st = bl_render_write(n, &wo, &out, &len, &g, &diag);
	int changes = 0;
	for (size_t i = 0; i < g.source_errors; i++)
		changes += !strcmp(g.blocking[i]->rule, bl_rule_name(BL_R_SUM_CHANGES));
	CHECK(st == BL_OK && out == NULL && g.refused && g.source_errors >= 1 && changes == 1 &&
		      g.nblocking == g.source_errors + g.errors,
	      "the source's figure error refuses it (%zu in the source, %zu in the narrative)",
	      g.source_errors, g.errors);
	CHECK(g.narrative && !strcmp(bl_doc_path(g.narrative), "seed001.txt"),
	      "checked under the name given");
	bl_render_gate_release(&g);
	bl_narrative_free(n);
	bl_rinput_free(in);
	bl_doc_free(src);
}

int main(void)
{
	gate_clean_written();
	gate_error();
	gate_draft();
	gate_warnings();
	gate_no_options();
	gate_source();
	DONE("render_gate");
}
