/* test_sums.c - the sum equations as data: the default set, a template's edited set (a third and a fourth spending component, a dropped part) checked by arith, what closes a list, the template a profile picks, and the 三公 family crossdoc reads from it. */
#include <stdlib.h>
#include <string.h>

#include "budgetlint/budgetlint.h"
#include "doc.h"
#include "harness.h"
#include "rules/sums.h"
#include "rules/templates.h"

#define HEAD "重庆市某某区测试中心\n关于2024年部门预算情况公开的公告\n"

/* Runs only the sum rules of set, as bl_doc_check would run arith's with its own. */
static bl_doc *sums_of(const char *text, const bl_sumset *set)
{
	bl_doc *doc = open_text(text);
	if (!doc)
		return NULL;
	doc->outcomes = bl_xcalloc((size_t)BL_R_COUNT * 4, sizeof(int)); /* what bl_doc_check does first */
	bl_sums_check(doc, set);
	return doc;
}

/* The findings of rule at severity sev; the first one's message in *msg. */
static int findings(const bl_doc *doc, bl_rule_id rule, bl_severity sev, const char **msg)
{
	int n = 0;
	for (size_t i = 0; i < bl_doc_nfindings(doc); i++) {
		const bl_finding *f = bl_doc_finding(doc, i);
		if (!strcmp(f->rule, bl_rule_name(rule)) && f->severity == sev) {
			if (!n && msg)
				*msg = f->message;
			n++;
		}
	}
	return n;
}

static int outcome(const bl_doc *doc, bl_rule_id rule, bl_outcome o)
{
	return bl_doc_outcomes(doc, (size_t)rule, o);
}

/* 支出 = 基本支出 + 项目支出 + 单位预留机动经费 (Jiangsu's third component). */
#define THREE(x)                                                                                                                                    \
	HEAD "三、部门预算情况说明\n2024年一般公共预算财政拨款支出100万元，比2023年增加20万元。其中：基本支" \
	     "出60万元，比2023年增加5万元；"                                                                                             \
	     "项目支出30万元，比2023年增加10万元；单位预留机动经费" x "。\n"

static void third_component(void)
{
	const char *msg = "";
	/* the document's own template (Chongqing, the national list): the third
	 * part stated shows the list is not the template's; it joins the list,
	 * which its values close (60 + 30 + 10 = 100), so the changes are judged */
	bl_doc *doc = open_text(THREE("10万元，比2023年增加5万元"));
	CHECK(doc && bl_doc_check(doc) == BL_OK, "check");
	CHECK(doc && findings(doc, BL_R_SUM_BASIC_PROJECT, BL_SEV_ERROR, NULL) == 0 &&
		      findings(doc, BL_R_SUM_CHANGES, BL_SEV_ERROR, NULL) == 0,
	      "default: a third part stated is no error");
	CHECK(doc && outcome(doc, BL_R_SUM_BASIC_PROJECT, BL_OUT_PASS) >= 1 &&
		      outcome(doc, BL_R_SUM_BASIC_PROJECT, BL_OUT_INSUFFICIENT) == 0,
	      "the three parts close the list: pass %d, insufficient %d",
	      doc ? outcome(doc, BL_R_SUM_BASIC_PROJECT, BL_OUT_PASS) : -1,
	      doc ? outcome(doc, BL_R_SUM_BASIC_PROJECT, BL_OUT_INSUFFICIENT) : -1);
	bl_doc_free(doc);
	/* the same list closed by its values, a change that does not follow: 5 + 10 + 9 is not 20 */
	doc = open_text(THREE("10万元，比2023年增加9万元"));
	CHECK(doc && bl_doc_check(doc) == BL_OK && findings(doc, BL_R_SUM_CHANGES, BL_SEV_ERROR, NULL) == 1,
	      "default: the changes of a list its values close must add up");
	bl_doc_free(doc);

	bl_sumset *t = bl_sumset_dup(bl_sums_default(), "third");
	bl_sum *e = bl_sumset_edit(t, BL_R_SUM_BASIC_PROJECT, BLK_I_EXPENSE);
	CHECK(e && bl_sum_add_part(e, BLK_I_RESERVE) == 0, "a third part");
	CHECK(e && bl_sum_nparts(e) == 3 && !strcmp(e->parts[2], BLK_I_RESERVE), "parts: %d",
	      e ? bl_sum_nparts(e) : -1);
	CHECK(bl_sum_nparts(bl_sumset_edit((bl_sumset *)bl_sums_default(), BL_R_SUM_BASIC_PROJECT,
					   BLK_I_EXPENSE)) == 2,
	      "the default is not changed by the copy");

	/* 100 = 60 + 30 + 10 holds, and so do its changes: 20 = 5 + 10 + 5 */
	doc = sums_of(THREE("10万元，比2023年增加5万元"), t);
	CHECK(doc && findings(doc, BL_R_SUM_BASIC_PROJECT, BL_SEV_ERROR, NULL) == 0, "three parts hold");
	CHECK(doc && outcome(doc, BL_R_SUM_BASIC_PROJECT, BL_OUT_PASS) == 1 &&
		      outcome(doc, BL_R_SUM_BASIC_PROJECT, BL_OUT_FAIL) == 0,
	      "pass %d", doc ? outcome(doc, BL_R_SUM_BASIC_PROJECT, BL_OUT_PASS) : -1);
	CHECK(doc && outcome(doc, BL_R_SUM_CHANGES, BL_OUT_PASS) == 1 &&
		      outcome(doc, BL_R_SUM_CHANGES, BL_OUT_FAIL) == 0,
	      "the changes of three parts");
	bl_doc_free(doc);

	/* a wrong third part is found, and the formula lists it */
	doc = sums_of(THREE("5万元，比2023年增加5万元"), t);
	CHECK(doc && findings(doc, BL_R_SUM_BASIC_PROJECT, BL_SEV_ERROR, &msg) == 1, "100 ≠ 60 + 30 + 5");
	CHECK(strstr(msg, "单位预留机动经费 5.00") && strstr(msg, "项目支出 30.00"), "message: %s", msg);
	CHECK(doc && outcome(doc, BL_R_SUM_BASIC_PROJECT, BL_OUT_FAIL) == 1, "counted as a failure");
	bl_doc_free(doc);

	/* closed: without the third part stated the equation is undecided */
	doc = sums_of(HEAD "三、部门预算情况说明\n2024年一般公共预算财政拨款支出100万元。其中：基本支出60万元"
			   "；项目支出30万元。\n",
		      t);
	CHECK(doc && findings(doc, BL_R_SUM_BASIC_PROJECT, BL_SEV_ERROR, NULL) == 0 &&
		      outcome(doc, BL_R_SUM_BASIC_PROJECT, BL_OUT_PASS) == 0 &&
		      outcome(doc, BL_R_SUM_BASIC_PROJECT, BL_OUT_FAIL) == 0 &&
		      outcome(doc, BL_R_SUM_BASIC_PROJECT, BL_OUT_INSUFFICIENT) == 1,
	      "a part missing: insufficient");
	bl_doc_free(doc);

	/* a fourth component (上缴上级支出): the values add up, a change does not */
	CHECK(e && bl_sum_add_part(e, BLK_I_SUPERIOR) == 0, "a fourth part");
	doc = sums_of(THREE("6万元，比2023年增加5万元；上缴上级支出4万元，比2023年增加3万元"), t);
	CHECK(doc && findings(doc, BL_R_SUM_BASIC_PROJECT, BL_SEV_ERROR, NULL) == 0 &&
		      outcome(doc, BL_R_SUM_BASIC_PROJECT, BL_OUT_PASS) == 1,
	      "100 = 60 + 30 + 6 + 4");
	CHECK(doc && findings(doc, BL_R_SUM_CHANGES, BL_SEV_ERROR, &msg) == 1 &&
		      strstr(msg, "上缴上级支出 3.00"),
	      "20 ≠ 5 + 10 + 5 + 3: %s", msg);
	bl_doc_free(doc);
	bl_sumset_free(t);
}

#define TWO(basic, project)                                                                                                                         \
	HEAD "三、部门预算情况说明\n2024年一般公共预算财政拨款支出100万元，比2023年增加20万元。其中：基本支" \
	     "出" basic "万元，比2023年增加5万元；项目支出" project "万元，比2023年增加10万元。\n"

/* A list left open (by the row, or by a template assumed, not recognised)
 * is closed by its values adding up: then its changes are judged. */
static void closed_by_values(void)
{
	bl_sumset *open = bl_sumset_dup(bl_sums_default(), "open");
	bl_sum *e = bl_sumset_edit(open, BL_R_SUM_BASIC_PROJECT, BLK_I_EXPENSE);
	CHECK(e != NULL, "row");
	if (e)
		e->closed = BL_SUM_OPEN;
	bl_sumset *assumed = bl_sumset_dup(bl_sums_default(), "assumed");
	assumed->assumed = 1;
	const bl_sumset *sets[] = {open, assumed};
	for (size_t k = 0; k < sizeof sets / sizeof sets[0]; k++) {
		/* 100 = 60 + 40 closes the list: 20 ≠ 5 + 10 is an error */
		bl_doc *doc = sums_of(TWO("60", "40"), sets[k]);
		CHECK(doc && findings(doc, BL_R_SUM_CHANGES, BL_SEV_ERROR, NULL) == 1, "%s: changes judged",
		      sets[k]->id);
		bl_doc_free(doc);
		/* 60 + 30 short of 100: the list may hold more, nothing is judged */
		doc = sums_of(TWO("60", "30"), sets[k]);
		CHECK(doc && findings(doc, BL_R_SUM_BASIC_PROJECT, BL_SEV_ERROR, NULL) == 0 &&
			      findings(doc, BL_R_SUM_CHANGES, BL_SEV_ERROR, NULL) == 0 &&
			      outcome(doc, BL_R_SUM_BASIC_PROJECT, BL_OUT_INSUFFICIENT) == 1 &&
			      outcome(doc, BL_R_SUM_CHANGES, BL_OUT_INSUFFICIENT) == 1,
		      "%s: open and short", sets[k]->id);
		bl_doc_free(doc);
		/* 70 + 40 above 100: wrong whatever else the list holds */
		doc = sums_of(TWO("70", "40"), sets[k]);
		CHECK(doc && findings(doc, BL_R_SUM_BASIC_PROJECT, BL_SEV_ERROR, NULL) == 1,
		      "%s: parts above", sets[k]->id);
		bl_doc_free(doc);
	}
	bl_sumset_free(open);
	bl_sumset_free(assumed);
}

static bl_profile profile_of(bl_kind kind, int year, const char *unit)
{
	return (bl_profile){.kind = kind,
			    .level = BL_LEVEL_DEPT,
			    .year = year,
			    .unit = unit,
			    .docno = "",
			    .signer = "",
			    .date = "",
			    .contact = ""};
}

/* The template a profile picks, and what it gives the sums. */
static void template_choice(void)
{
	int assumed = -1;
	bl_profile p = profile_of(BL_KIND_BUDGET, 2018, "中共江苏省委办公厅");
	const bl_template_info *t = bl_template_for(&p, &assumed);
	CHECK(t && !strcmp(t->id, "jiangsu-province-budget-2017") && assumed == 0, "Jiangsu 2018: %s",
	      t ? t->id : "none");
	const bl_sumset *s = bl_sums_for(&p);
	const bl_sum *e = bl_sumset_edit((bl_sumset *)s, BL_R_SUM_BASIC_PROJECT, BLK_I_EXPENSE);
	CHECK(!s->assumed && e && bl_sum_nparts(e) == 3 && bl_sum_has_part(e, BLK_I_RESERVE), "three parts");
	e = bl_sumset_edit((bl_sumset *)s, BL_R_SUM_INCOME_SOURCES, BLK_TOTAL_INCOME);
	CHECK(e && e->closed == BL_SUM_CLOSED && !bl_sum_has_part(e, BLK_INC_CARRYOVER) &&
		      bl_sum_has_part(e, BLK_INC_OTHER_FUNDS) && !bl_sum_has_part(e, BLK_INC_BUSINESS),
	      "本年收入: 财政拨款 + 财政专户 + 其他资金");
	e = bl_sumset_edit((bl_sumset *)s, BL_R_SUM_INCOME_SOURCES, BLK_TOTAL_GRAND);
	CHECK(e && e->closed == BL_SUM_CLOSED && bl_sum_has_part(e, BLK_INC_CARRYOVER) &&
		      bl_sum_has_part(e, BLK_APPROP_INCOME) && !bl_sum_has_part(e, BLK_TOTAL_INCOME),
	      "收入预算总计: 财政拨款 + 财政专户 + 其他资金 + 上年结转");

	p = profile_of(BL_KIND_FINAL, 2024, "上海市普陀区财政局");
	t = bl_template_for(&p, &assumed);
	CHECK(t && !strcmp(t->id, "shanghai-final") && assumed == 0, "Shanghai final: %s",
	      t ? t->id : "none");

	/* Jiangsu's template is for 2017-2018 provincial budgets only */
	p = profile_of(BL_KIND_BUDGET, 2024, "江苏省财政厅");
	t = bl_template_for(&p, &assumed);
	CHECK(t && t->national && !strcmp(t->id, "national-budget") && assumed == 1, "Jiangsu 2024: %s",
	      t ? t->id : "none");
	p = profile_of(BL_KIND_BUDGET, 2018, "浙江省财政厅");
	t = bl_template_for(&p, &assumed);
	CHECK(t && !strcmp(t->id, "national-budget-2017") && assumed == 1, "unknown region: %s",
	      t ? t->id : "none");
	CHECK(bl_sums_for(&p)->assumed, "the national sums, assumed");
	/* a year not known: no regional template, the national one requiring least */
	p = profile_of(BL_KIND_BUDGET, 0, "上海市财政局");
	t = bl_template_for(&p, &assumed);
	CHECK(t && !strcmp(t->id, "national-budget-2017") && assumed == 1, "no year: %s", t ? t->id : "none");
	p = profile_of(BL_KIND_UNKNOWN, 2018, "浙江省财政厅");
	CHECK(!bl_template_for(&p, &assumed) && !bl_template_for(NULL, NULL), "no kind, no template");
	CHECK(bl_template_sev(BL_SEV_ERROR, 1) == BL_SEV_WARNING &&
		      bl_template_sev(BL_SEV_ERROR, 0) == BL_SEV_ERROR &&
		      bl_template_sev(BL_SEV_INFO, 1) == BL_SEV_INFO,
	      "assumed: warning at most");

	static const struct {
		const char *unit, *region;
		bl_region_level level;
	} regions[] = {
		{"上海市普陀区财政局", "上海市", BL_REGION_DISTRICT},
		{"中共上海市普陀区委社会工作部", "上海市", BL_REGION_DISTRICT},
		{"上海市财政局", "上海市", BL_REGION_CITY},
		{"上海市社区服务中心", "上海市", BL_REGION_CITY},
		{"重庆市开州区政务信息中心", "重庆市", BL_REGION_DISTRICT},
		{"江苏省政协办公厅", "江苏省", BL_REGION_PROVINCE},
		{"浙江省财政厅", "", BL_REGION_ANY},
		{"", "", BL_REGION_ANY},
	};
	for (size_t i = 0; i < sizeof regions / sizeof regions[0]; i++) {
		bl_region_level l;
		const char *r = bl_region_of(regions[i].unit, &l);
		CHECK(!strcmp(r, regions[i].region) && l == regions[i].level, "%s: %s %s", regions[i].unit, r,
		      bl_region_level_name(l));
	}
	/* every template's file reads: an id, a kind, parts; the sums of each
	 * template edited as its file says (Jiangsu's checked above) */
	for (size_t i = 0; i < bl_template_count(); i++) {
		const bl_template_info *ti = bl_template_at(i);
		CHECK(ti->id && ti->name && ti->kind != BL_KIND_UNKNOWN && ti->nsections >= 5 &&
			      ti->nsums == 11,
		      "template %zu", i);
	}
	CHECK(!bl_template_at(bl_template_count()), "past the end");
}

/* An unknown region: the national template, assumed, completeness at
 * warning at most and every finding saying which template it assumed. */
static void unknown_region(void)
{
	bl_doc *doc =
		open_text("浙江省测试厅2024年度部门预算公开\n一、主要职能\n二、机构设置\n三、名词解释\n");
	CHECK(doc && bl_doc_check(doc) == BL_OK, "check");
	int n = 0;
	for (size_t i = 0; doc && i < bl_doc_nfindings(doc); i++) {
		const bl_finding *f = bl_doc_finding(doc, i);
		if (strcmp(f->rule, "complete.sections"))
			continue;
		n++;
		CHECK(f->severity <= BL_SEV_WARNING && strstr(f->message, "暂按财政部部门预算公开模板"), "%s",
		      f->message);
	}
	CHECK(n == 7, "parts missing: %d", n);
	bl_doc_free(doc);
}

#define SANGONG                                                                                                                                              \
	HEAD "四、“三公”经费情况说明\n2024年“三公”经费预算6万元。其中：公务接待费3万元；公务用车运行维护费3" \
	     "万元；公务用车购置费0万元。\n"

static void dropped_part(void)
{
	/* the default: 因公出国（境）费 is a part, not stated: not checked */
	bl_doc *doc = sums_of(SANGONG, bl_sums_default());
	CHECK(doc && outcome(doc, BL_R_SUM_SANGONG, BL_OUT_PASS) == 0 &&
		      outcome(doc, BL_R_SUM_SANGONG, BL_OUT_FAIL) == 0,
	      "default: abroad missing");
	bl_doc_free(doc);
	/* a template without it: 6 = 3 + 3 + 0 */
	bl_sumset *t = bl_sumset_dup(bl_sums_default(), "no-abroad");
	bl_sum *e = bl_sumset_edit(t, BL_R_SUM_SANGONG, BLK_SG_TOTAL);
	CHECK(e && bl_sum_drop_part(e, BLK_SG_ABROAD) == 0, "drop");
	CHECK(e && bl_sum_drop_part(e, BLK_SG_ABROAD) == -1, "dropped once");
	CHECK(e && bl_sum_nparts(e) == 3 && e->stand_in,
	      "three parts, the vehicle line still stands for two");
	doc = sums_of(SANGONG, t);
	CHECK(doc && outcome(doc, BL_R_SUM_SANGONG, BL_OUT_PASS) == 1 &&
		      outcome(doc, BL_R_SUM_SANGONG, BL_OUT_FAIL) == 0,
	      "pass %d", doc ? outcome(doc, BL_R_SUM_SANGONG, BL_OUT_PASS) : -1);
	bl_doc_free(doc);
	/* dropping what a stand-in stands for leaves it standing for the rest */
	CHECK(e && bl_sum_drop_part(e, BLK_SG_PURCHASE) == 0 && e->stand_in &&
		      !strcmp(e->stands_for[0], BLK_SG_OPERATION) && !e->stands_for[1],
	      "stands for operation");
	CHECK(e && bl_sum_drop_part(e, BLK_SG_OPERATION) == 0 && !e->stand_in, "stands for nothing");
	bl_sumset_free(t);
}

static void table_shape(void)
{
	const bl_sumset *d = bl_sums_default();
	CHECK(d == bl_sums_for(NULL) && !strcmp(d->id, "default") && !d->assumed, "no profile: the default");
	CHECK(d->n == 11, "rows: %zu", d->n);
	int classes = 0;
	for (size_t i = 0; i < d->n; i++) {
		const bl_sum *e = &d->v[i];
		classes += e->prefix != NULL;
		CHECK(e->rule >= 0 && e->rule < BL_R_COUNT && !strncmp(bl_rule_name(e->rule), "sum.", 4),
		      "row %zu", i);
		for (int k = 0; e->stand_in && e->stands_for[k]; k++) {
			int found = 0;
			for (int j = 0; e->parts[j]; j++)
				found |= !strcmp(e->parts[j], e->stands_for[k]);
			CHECK(found, "row %zu: %s stands for a part", i, e->stand_in);
		}
	}
	CHECK(classes == 1, "the function classes");
	bl_sumset *t = bl_sumset_dup(d, "x");
	CHECK(!bl_sumset_edit(t, BL_R_SUM_BASIC_PROJECT, BLK_I_BASIC), "no such row");
	CHECK(bl_sum_add_part(bl_sumset_edit(t, BL_R_SUM_FUNC_CLASSES, BLK_I_EXPENSE), BLK_I_E310) == -1,
	      "dynamic list");
	CHECK(bl_sum_add_part(NULL, BLK_I_E310) == -1 && bl_sum_drop_part(NULL, BLK_I_E310) == -1,
	      "NULL row");
	bl_sumset_free(t);
	bl_sumset_free(NULL);
	CHECK(!strcmp(bl_sums_scope(0), "total") && !strcmp(bl_sums_scope(4), "approp") && !bl_sums_scope(5),
	      "scopes");
}

/* crossdoc.yoy_reason: a reason given for a 三公 item explains the 三公
 * total, and nothing else explains another figure than itself; the same as
 * the sangong.* prefix it replaced, over every key of the vocabulary. */
static void explains(void)
{
	const bl_sumset *d = bl_sums_default();
	static const char *const headline[] = {BLK_TOTAL_INCOME,    BLK_TOTAL_EXPENSE, BLK_APPROP_EXPENSE,
					       BLK_GENERAL_EXPENSE, BLK_GENERAL_BASIC, BLK_GENERAL_PROJECT,
					       BLK_TOTAL_BASIC,     BLK_TOTAL_PROJECT, BLK_SG_TOTAL,
					       BLK_ADMIN_COST};
	int keys = 0;
	for (size_t i = 0; i < bl_vocab_count(); i++) {
		const bl_key_info *ki = bl_vocab_at(i);
		if (!strcmp(ki->kind, "scope"))
			continue;
		for (int s = 0; s < (!strcmp(ki->kind, "item") ? BL_SUMS_NSCOPES : 1); s++) {
			char key[128];
			snprintf(key, sizeof key, "%s%s%s", !strcmp(ki->kind, "item") ? bl_sums_scope(s) : "",
				 !strcmp(ki->kind, "item") ? "." : "", ki->key);
			keys++;
			for (size_t h = 0; h < sizeof headline / sizeof headline[0]; h++) {
				int want = !strncmp(headline[h], "sangong.", 8) ? !strncmp(key, "sangong.", 8)
										: !strcmp(key, headline[h]);
				CHECK(bl_sums_explains(d, key, headline[h]) == want, "%s explains %s", key,
				      headline[h]);
			}
		}
	}
	CHECK(keys > 100, "keys: %d", keys);
	CHECK(bl_sums_explains(d, BLK_SG_PURCHASE, BLK_SG_TOTAL) &&
		      bl_sums_explains(d, BLK_SG_VEHICLE, BLK_SG_TOTAL) &&
		      !bl_sums_explains(d, BLK_SG_TOTAL, BLK_SG_VEHICLE),
	      "the 三公 family");
}

int main(void)
{
	table_shape();
	third_component();
	closed_by_values();
	template_choice();
	unknown_region();
	dropped_part();
	explains();
	DONE("test_sums");
}
