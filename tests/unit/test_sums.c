/* test_sums.c - the sum equations as data: the default set, a template's edited set (a third spending component, a dropped part) checked by arith, and the 三公 family crossdoc reads from it. */
#include <stdlib.h>
#include <string.h>

#include "budgetlint/budgetlint.h"
#include "harness.h"
#include "rules/sums.h"

#define HEAD "重庆市某某区测试中心\n关于2024年部门预算情况公开的公告\n"

static bl_doc *open_text(const char *text)
{
	bl_doc *doc = NULL;
	bl_diag d;
	memset(&d, 0, sizeof d);
	if (bl_doc_open_mem("t.txt", text, strlen(text), &doc, &d) != BL_OK)
		printf("cannot open: %s\n", d.msg);
	return doc;
}

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

/* 支出 = 基本支出 + 项目支出 + a third component. The vocabulary's 资本性支出
 * (econ.310) plays the template's third part here; a template would name its
 * own item (上缴上级支出, 对附属单位补助支出) once facts.def has it. */
#define THREE(x)                                                                                                                                    \
	HEAD "三、部门预算情况说明\n2024年一般公共预算财政拨款支出100万元，比2023年增加20万元。其中：基本支" \
	     "出60万元，比2023年增加5万元；"                                                                                             \
	     "项目支出30万元，比2023年增加10万元；资本性支出" x "。\n"

static void third_component(void)
{
	const char *msg = "";
	/* the default set: 100 = 60 + 30 fails */
	bl_doc *doc = open_text(THREE("10万元，比2023年增加5万元"));
	CHECK(doc && bl_doc_check(doc) == BL_OK, "check");
	CHECK(doc && findings(doc, BL_R_SUM_BASIC_PROJECT, BL_SEV_ERROR, NULL) == 1,
	      "default: basic + project ≠ 100");
	bl_doc_free(doc);

	bl_sumset *t = bl_sumset_dup(bl_sums_default(), "third");
	bl_sum *e = bl_sumset_edit(t, BL_R_SUM_BASIC_PROJECT, BLK_I_EXPENSE);
	CHECK(e && bl_sum_add_part(e, BLK_I_E310) == 0, "a third part");
	CHECK(e && bl_sum_nparts(e) == 3 && !strcmp(e->parts[2], BLK_I_E310), "parts: %d",
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
	CHECK(strstr(msg, "资本性支出 5.00") && strstr(msg, "项目支出 30.00"), "message: %s", msg);
	CHECK(doc && outcome(doc, BL_R_SUM_BASIC_PROJECT, BL_OUT_FAIL) == 1, "counted as a failure");
	bl_doc_free(doc);

	/* closed: without the third part stated the equation is not checked */
	doc = sums_of(HEAD "三、部门预算情况说明\n2024年一般公共预算财政拨款支出100万元。其中：基本支出60万元"
			   "；项目支出30万元。\n",
		      t);
	CHECK(doc && findings(doc, BL_R_SUM_BASIC_PROJECT, BL_SEV_ERROR, NULL) == 0 &&
		      outcome(doc, BL_R_SUM_BASIC_PROJECT, BL_OUT_PASS) == 0 &&
		      outcome(doc, BL_R_SUM_BASIC_PROJECT, BL_OUT_FAIL) == 0,
	      "a part missing: not checked");
	bl_doc_free(doc);
	bl_sumset_free(t);
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
	CHECK(d == bl_sums_for(NULL) && !strcmp(d->id, "default"), "one set so far");
	CHECK(d->n == 10, "rows: %zu", d->n);
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
	dropped_part();
	explains();
	DONE("test_sums");
}
