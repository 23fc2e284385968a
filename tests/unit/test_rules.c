/* test_rules.c - the rule table itself (names, policies, flags) and the API of
 * relation.admin_cost; the rules' input -> findings examples are tests/spec/<family>.md. */
#include "budgetlint/budgetlint.h"
#include "harness.h"
#include "rules/rules.h"

#define HEAD "重庆市某某区测试中心\n关于2024年部门预算情况公开的公告\n"
#define FHEAD "重庆市某某区测试中心\n2024年度部门决算公开说明\n"

static bl_doc *check(const char *s)
{
	bl_doc *d = NULL;
	bl_diag diag = {0};
	bl_doc_open_mem("t.txt", s, strlen(s), &d, &diag);
	bl_doc_check(d);
	return d;
}

static int count(bl_doc *d, const char *rule, bl_severity sev)
{
	int n = 0;
	for (size_t i = 0; i < bl_doc_nfindings(d); i++)
		n += !strcmp(bl_doc_finding(d, i)->rule, rule) && bl_doc_finding(d, i)->severity == sev;
	return n;
}

/* relation.admin_cost: 机关运行经费 at most the 公用经费 it is paid from. */
static void admin_cost(void)
{
	const char *R = bl_rule_name(BL_R_RELATION_ADMIN_COST);
	/* a final account's wording: 日常公用经费, 一般公共预算财政拨款运行经费支出 */
	const char *fin =
		FHEAD "（四）一般公共预算财政拨款基本支出决算情况说明\n2024年度一般公共预算财政拨款基本支出38"
		      "3.08万元。"
		      "其中：人员经费341.91万元，日常公用经费41.17万元。\n（八）机关运行经费支出情况说明\n"
		      "2024年度本单位一般公共预算财政拨款运行经费支出%s万元。\n";
	static const struct {
		const char *cost;
		int errors;
		const char *what;
	} fc[] = {
		{"45.00", 1, "3.83 above 41.17: an error"},
		{"41.17", 0, "equal: passes"},
		{"30.00", 0, "below: passes"},
		{"41.18", 0, "one cent above, within the rounding of the two figures: nothing"},
		{"41.19", 1, "two cents above, beyond their rounding: an error"},
	};
	char buf[2048];
	for (size_t k = 0; k < sizeof fc / sizeof fc[0]; k++) {
		snprintf(buf, sizeof buf, fin, fc[k].cost);
		bl_doc *d = check(buf);
		CHECK(count(d, R, BL_SEV_ERROR) == fc[k].errors, "%s (%s)", fc[k].what, fc[k].cost);
		CHECK(count(d, R, BL_SEV_WARNING) + count(d, R, BL_SEV_INFO) == 0, "%s: no other finding",
		      fc[k].cost);
		if (fc[k].errors) {
			const bl_finding *f = NULL;
			for (size_t i = 0; i < bl_doc_nfindings(d); i++)
				if (!strcmp(bl_doc_finding(d, i)->rule, R))
					f = bl_doc_finding(d, i);
			char a[40], b[40];
			CHECK(f && f->pos.line == 6 && !strcmp(bl_dec_format(f->stated, a), fc[k].cost) &&
				      !strcmp(bl_dec_format(f->expected, b), "41.17") && f->nevidence == 2,
			      "at the 机关运行经费, stating it against 41.17, both figures as evidence");
		}
		bl_doc_free(d);
	}
	/* a budget's wording, in 元 against 万元: 财政拨款的机关运行经费预算为…元 */
	bl_doc *d =
		check(HEAD "三、部门预算情况说明\n2024年一般公共预算财政拨款基本支出60."
			   "00万元。其中：人员经费50.00万元，公用经费10.00万元。\n"
			   "五、其他\n1、机关运行经费。2024年本单位财政拨款的机关运行经费预算为105000元。\n");
	CHECK(count(d, R, BL_SEV_ERROR) == 1, "105000元 above 10.00万元");
	bl_doc_free(d);
	/* no 公用经费 stated: nothing to compare with, nothing said */
	d = check(HEAD "五、其他\n1、机关运行经费。2024年机关运行经费预算为12万元。\n");
	CHECK(!count(d, R, BL_SEV_ERROR) &&
		      bl_doc_outcomes(d, BL_R_RELATION_ADMIN_COST, BL_OUT_INSUFFICIENT) == 1,
	      "without 公用经费: insufficient, silent");
	bl_doc_free(d);
	/* another year's 公用经费 is not this year's bound */
	d = check(HEAD "三、部门预算情况说明\n2023年一般公共预算财政拨款公用经费10万元。\n"
		       "五、其他\n1、机关运行经费。2024年机关运行经费预算为12万元。\n");
	CHECK(!count(d, R, BL_SEV_ERROR), "2023's 公用经费 does not bound 2024's 机关运行经费");
	bl_doc_free(d);
	/* read with doubt: the same excess on a page read by OCR is a warning */
	snprintf(buf, sizeof buf, fin, "45.00");
	bl_diag diag = {0};
	d = NULL;
	bl_doc_open_mem("t.txt", buf, strlen(buf), &d, &diag);
	d->geom = bl_xcalloc(1, sizeof *d->geom);
	d->geom->pages = bl_xcalloc(1, sizeof *d->geom->pages);
	d->geom->npages = 1;
	d->geom->pages[0].ocr = 1;
	bl_doc_check(d);
	CHECK(count(d, R, BL_SEV_ERROR) == 0 && count(d, R, BL_SEV_WARNING) == 1, "an OCR figure: a warning");
	bl_doc_free(d);
}

/* The table itself: every policy a row can give, the flags the code relies on. */
static void table(void)
{
	for (size_t i = 0; i < bl_rule_count(); i++) {
		const bl_rule_info *r = bl_rule_at(i);
		CHECK(bl_rule_find(r->id) == r && !strcmp(bl_rule_name((bl_rule_id)i), r->id),
		      "%s: found by name", r->id);
		CHECK(r->round >= BL_POL_NA && r->round <= BL_POL_ERROR && r->doubt >= BL_POL_NA &&
			      r->doubt <= BL_POL_ERROR,
		      "%s: policy values", r->id);
		CHECK(*r->severity && !strstr(r->severity, "同上") && !strstr(r->severity, "同 "),
		      "%s: says its own policy", r->id);
		/* the store tells the ledger's findings by their prefix */
		int prefixed = !strncmp(r->id, "crossdoc.", 9) || !strncmp(r->id, "ledger.", 7);
		CHECK(prefixed == !!(r->flags & BL_RF_ACROSS_DOCS), "%s: across-docs iff crossdoc./ledger.",
		      r->id);
		/* a rule of one document that can give an error says what doubt makes of it */
		if (r->sev == BL_SEV_ERROR && !(r->flags & BL_RF_ACROSS_DOCS))
			CHECK(r->doubt == BL_POL_WARNING, "%s: an error on doubtful figures is a warning",
			      r->id);
		if (r->round >= BL_POL_INFO)
			CHECK((int)r->round <= (int)r->sev, "%s: rounding gives no more than a failure",
			      r->id);
	}
	CHECK(bl_rule_find("no.such_rule") == NULL && bl_rule_find(NULL) == NULL, "unknown names");
	CHECK(!strcmp(bl_policy_name(BL_POL_PASS), "pass") && !strcmp(bl_policy_name(BL_POL_NA), "n/a") &&
		      !strcmp(bl_policy_name(BL_POL_WARNING), "warning"),
	      "policy names");
	/* a document without tables: each rule that reads tables is not applicable, once */
	bl_doc *d = check(HEAD "一、收入\n收入10万元。\n");
	for (size_t i = 0; i < bl_rule_count(); i++)
		if (bl_rule_at(i)->flags & BL_RF_NEEDS_TABLES)
			CHECK(bl_doc_outcomes(d, i, BL_OUT_NOT_APPLICABLE) == 1 &&
				      bl_doc_outcomes(d, i, BL_OUT_PASS) == 0 &&
				      bl_doc_outcomes(d, i, BL_OUT_FAIL) == 0,
			      "%s: not applicable without tables", bl_rule_at(i)->id);
	bl_doc_free(d);
}

int main(void)
{
	admin_cost();
	table();
	DONE("rules");
}
