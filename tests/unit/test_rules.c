/* test_rules.c - every rule with a failing and a passing case, the rounding guarantee, and the rule table itself. */
#include "budgetlint/budgetlint.h"
#include "harness.h"
#include "rules/rules.h"

#define HEAD "重庆市某某区测试中心\n关于2024年部门预算情况公开的公告\n"
#define FHEAD "重庆市某某区测试中心\n2024年度部门决算公开说明\n"

static const struct {
	const char *rule;
	bl_severity sev; /* severity of the failing case */
	const char *bad, *good;
} cases[] = {
	{"sum.income_sources", BL_SEV_ERROR,
	 HEAD "二、部门收支总体情况\n（一）收入预算：2024年年初预算数600万元，其中：一般公共预算拨款500万元，"
	      "政府性基金预算拨款200万元。\n",
	 HEAD "二、部门收支总体情况\n（一）收入预算：2024年年初预算数700万元，其中：一般公共预算拨款500万元，"
	      "政府性基金预算拨款200万元。\n"},
	{"sum.func_classes", BL_SEV_ERROR,
	 HEAD "二、部门收支总体情况\n（二）支出预算：2024年年初预算数100万元，其中：一般公共服务支出预算80万"
	      "元，住房保障支出预算30万元。\n",
	 HEAD "二、部门收支总体情况\n（二）支出预算：2024年年初预算数110万元，其中：一般公共服务支出预算80万"
	      "元，住房保障支出预算30万元。\n"},
	{"sum.basic_project", BL_SEV_ERROR,
	 HEAD "三、部门预算情况说明\n2024年一般公共预算财政拨款支出100万元。其中：基本支出60万元；项目支出30"
	      "万元。\n",
	 HEAD "三、部门预算情况说明\n2024年一般公共预算财政拨款支出90万元。其中：基本支出60万元；项目支出30万"
	      "元。\n"},
	{"sum.personnel_public", BL_SEV_ERROR,
	 FHEAD "（四）一般公共预算财政拨款基本支出决算情况说明\n2024年度一般公共预算财政拨款基本支出383."
	       "08万元。其中：人员经费300.00万元，公用经费41.17万元。\n",
	 FHEAD "（四）一般公共预算财政拨款基本支出决算情况说明\n2024年度一般公共预算财政拨款基本支出383."
	       "08万元。其中：人员经费341.90万元，公用经费41.17万元。\n"},
	{"sum.sangong", BL_SEV_ERROR,
	 HEAD "四、“三公”经费情况说明\n2024年“三公”经费预算7万元。其中：因公出国（境）费用0万元；公务接待费3"
	      "万元；公务用车运行维护费3万元；公务用车购置费0万元。\n",
	 HEAD "四、“三公”经费情况说明\n2024年“三公”经费预算6万元。其中：因公出国（境）费用0万元；公务接待费3"
	      "万元；公务用车运行维护费3万元；公务用车购置费0万元。\n"},
	{"sum.procurement", BL_SEV_ERROR,
	 HEAD "五、其他\n2、政府采购情况。2024年本单位政府采购预算总额6万元：政府采购货物预算5万元、政府采购"
	      "工程预算0万元、政府采购服务预算0万元。\n",
	 HEAD "五、其他\n2、政府采购情况。2024年本单位政府采购预算总额5万元：政府采购货物预算5万元、政府采购"
	      "工程预算0万元、政府采购服务预算0万元。\n"},
	{"sum.changes", BL_SEV_ERROR,
	 HEAD "三、部门预算情况说明\n2024年一般公共预算财政拨款支出100万元，比2023年增加20万元。其中：基本支"
	      "出60万元，比2023年增加5万元；项目支出40万元，比2023年增加10万元。\n",
	 HEAD "三、部门预算情况说明\n2024年一般公共预算财政拨款支出100万元，比2023年增加15万元。其中：基本支"
	      "出60万元，比2023年增加5万元；项目支出40万元，比2023年增加10万元。\n"},
	{"dup.consistent", BL_SEV_ERROR,
	 HEAD "四、“三公”经费情况说明\n2024年“三公”经费预算6万元。\n五、其他\n“三公”经费预算7万元。\n",
	 HEAD "四、“三公”经费情况说明\n2024年“三公”经费预算6万元。\n五、其他\n“三公”经费预算6万元。\n"},
	{"change.pct", BL_SEV_ERROR,
	 FHEAD "（一）收入支出决算总体情况说明\n2024年度收、支总计均为564.55万元。与2023年度相比，减少306."
	       "59万元，下降30.2%。\n",
	 FHEAD "（一）收入支出决算总体情况说明\n2024年度收、支总计均为564.55万元。与2023年度相比，减少306."
	       "59万元，下降35.2%。\n"},
	{"change.direction", BL_SEV_ERROR,
	 FHEAD "（一）收入支出决算总体情况说明\n2024年度收、支总计均为564.55万元。与2023年度相比，增加306."
	       "59万元，下降35.2%。\n",
	 FHEAD "（一）收入支出决算总体情况说明\n2024年度收、支总计均为564.55万元。与2023年度相比，减少306."
	       "59万元，下降35.2%。\n"},
	{"change.zero_base", BL_SEV_WARNING,
	 FHEAD "四、其他\n本年度差旅费支出1.67万元，与2023年度相比，增加1.67万元，增长100.0%。\n",
	 FHEAD "四、其他\n本年度差旅费支出1.67万元，与2023年度相比，增加0.67万元，增长67.0%。\n"},
	{"change.base_negative", BL_SEV_ERROR,
	 HEAD "三、部门预算情况说明\n2024年政府性基金预算支出0万元，比2023年增加100万元。\n",
	 HEAD "三、部门预算情况说明\n2024年政府性基金预算支出100万元，比2023年增加100万元。\n"},
	{"change.zero_wording", BL_SEV_INFO,
	 HEAD "四、“三公”经费情况说明\n公务接待费1万元，比2023年增加0万元。\n",
	 HEAD "四、“三公”经费情况说明\n公务接待费1万元，与2023年持平。\n"},
	{"change.arith", BL_SEV_ERROR,
	 FHEAD
	 "一、其他\n机关运行经费支出100万元。2023年机关运行经费支出90万元。机关运行经费比上年增加20万元。\n",
	 FHEAD
	 "一、其他\n机关运行经费支出100万元。2023年机关运行经费支出90万元。机关运行经费比上年增加10万元。\n"},
	{"share.pct", BL_SEV_ERROR,
	 FHEAD "2．支出情况。2024年度支出合计564.55万元，其中：基本支出383.08万元，占60.9%；项目支出181."
	       "47万元，占32.1%。\n",
	 FHEAD "2．支出情况。2024年度支出合计564.55万元，其中：基本支出383.08万元，占67.9%；项目支出181."
	       "47万元，占32.1%。\n"},
	{"completion.pct", BL_SEV_ERROR,
	 FHEAD "五、一般公共预算财政拨款支出决算情况说明\n一般公共预算财政拨款支出年初预算为2993."
	       "92万元，支出决算为2940.05万元，完成年初预算的90.2%。\n",
	 FHEAD "五、一般公共预算财政拨款支出决算情况说明\n一般公共预算财政拨款支出年初预算为2993."
	       "92万元，支出决算为2940.05万元，完成年初预算的98.2%。\n"},
	{"per_person.reception", BL_SEV_ERROR,
	 FHEAD "三、“三公”\n公务接待费1.47万元。国内公务接待17批次150人。人均接待费120.00元。\n",
	 FHEAD "三、“三公”\n公务接待费1.47万元。国内公务接待17批次150人。人均接待费98.00元。\n"},
	{"relation.admin_cost", BL_SEV_ERROR,
	 HEAD "三、部门预算情况说明\n2024年一般公共预算财政拨款基本支出60万元。其中：人员经费50万元，公用经费"
	      "10万元。\n五、其他\n1、机关运行经费。2024年机关运行经费预算为12万元。\n",
	 HEAD "三、部门预算情况说明\n2024年一般公共预算财政拨款基本支出60万元。其中：人员经费50万元，公用经费"
	      "10万元。\n五、其他\n1、机关运行经费。2024年机关运行经费预算为8万元。\n"},
	{"text.stray_char", BL_SEV_WARNING, HEAD "其他收入0万元0。\n", HEAD "其他收入0万元。\n"},
	{"text.space_in_name", BL_SEV_WARNING,
	 HEAD "本中心为重 庆市某某区人民政府办公室管理的事业单位，内设8个科室。\n",
	 HEAD "本中心为重庆市某某区人民政府办公室管理的事业单位，内设8个科室。\n"},
	{"text.year_mismatch", BL_SEV_WARNING, HEAD "第一部分：2023年部门预算情况说明\n",
	 HEAD "第一部分：2024年部门预算情况说明\n"},
	{"text.jiezhi", BL_SEV_WARNING, HEAD "截止2023年12月，本单位无车辆。\n",
	 HEAD "截至2023年12月，本单位无车辆。\n"},
	{"text.template_leftover", BL_SEV_ERROR, HEAD "收入增加（减少）的主要原因是业务调整。\n",
	 HEAD "收入增加的主要原因是业务调整。\n"},
	{"text.empty_reason", BL_SEV_WARNING, HEAD "支出比上年减少，主要原因是。\n",
	 HEAD "支出比上年减少，主要原因是人员减少。\n"},
	{"text.double_punct", BL_SEV_INFO, HEAD "主要用于保障运转。。\n", HEAD "主要用于保障运转。\n"},
	{"text.gap", BL_SEV_WARNING,
	 HEAD "项目支出5.00万元，主要原因是【待补充：项目支出增加的主要原因】。\n（二）机构设置（待补充）\n",
	 HEAD "项目支出5.00万元，主要原因是新增运维项目。\n"},
	{"text.artefact", BL_SEV_WARNING, HEAD "[bookmark: _GoBack]2024年度基本支出。\n",
	 HEAD "2024年度基本支出。\n"},
	{"text.share_no_percent", BL_SEV_WARNING, HEAD "财政拨款收入564.55万元，占100.0；\n",
	 HEAD "财政拨款收入564.55万元，占100.0%；\n"},
	{"complete.sections", BL_SEV_WARNING,
	 HEAD "一、单位基本情况\n（一）职能职责\n（二）单位构成\n二、部门收支总体情况\n三、部门预算情况说明\n"
	      "五、其他\n1、机关运行经费。\n2、政府采购情况。\n3、绩效目标设置情况。\n4、国有资产占有使用情况"
	      "。\n六、名词解释\n",
	 HEAD "一、单位基本情况\n（一）职能职责\n（二）单位构成\n二、部门收支总体情况\n三、部门预算情况说明\n"
	      "四、“三公”经费情况说明\n五、其他\n1、机关运行经费。\n2、政府采购情况。\n3、绩效目标设置情况。"
	      "\n4、国有资产占有使用情况。\n六、名词解释\n"},
	{"profile.identity", BL_SEV_WARNING, "一些文字。\n", HEAD},
	{"profile.template", BL_SEV_INFO,
	 "上海市XX局\n2024年度部门决算\n一、主要职能\n上海市XX局主要职能是：XX。\n二、收入\n收入XX万元，比上"
	 "年增加XX万元。\n",
	 HEAD "一、收入\n收入10万元，其中XX项目5万元。\n"},
};

/* Rules whose cases need a PDF: tested in the named file instead. */
static const char *const elsewhere[] = {"ingest.text_layer", /* test_pdf.c */
					"ingest.ocr",        /* test_ocr.c */
					"table.codes",
					"table.columns",
					"table.balance",
					"table.cell",
					"table.required",
					"table.empty_note",
					"table.cross",
					"table.narrative", /* test_table.c */
					"table.items",     /* test_ttable.c */
					"crossdoc.prev_year",
					"crossdoc.initial_budget",
					"crossdoc.dept_unit",
					"crossdoc.yoy_reason",
					"ledger.missing",
					"ledger.timeliness", /* test_store.c, across documents */
					NULL};

static int has(bl_doc *d, const char *rule, bl_severity sev)
{
	for (size_t i = 0; i < bl_doc_nfindings(d); i++)
		if (!strcmp(bl_doc_finding(d, i)->rule, rule) && bl_doc_finding(d, i)->severity == sev)
			return 1;
	return 0;
}

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
	size_t n = sizeof cases / sizeof cases[0];
	for (size_t i = 0; i < n; i++) {
		bl_doc *bad = check(cases[i].bad), *good = check(cases[i].good);
		CHECK(has(bad, cases[i].rule, cases[i].sev), "%s: failing case not found at %s",
		      cases[i].rule, bl_severity_name(cases[i].sev));
		int any = 0;
		for (size_t k = 0; k < bl_doc_nfindings(good); k++)
			if (!strcmp(bl_doc_finding(good, k)->rule, cases[i].rule) &&
			    bl_doc_finding(good, k)->severity > BL_SEV_INFO)
				any = 1;
		CHECK(!any, "%s: passing case reported", cases[i].rule);
		bl_doc_free(bad);
		bl_doc_free(good);
	}
	/* every registered rule has a case here */
	for (size_t r = 0; r < bl_rule_count(); r++) {
		int found = 0;
		for (size_t i = 0; i < n; i++)
			found |= !strcmp(cases[i].rule, bl_rule_at(r)->id);
		for (const char *const *e = elsewhere; *e; e++)
			found |= !strcmp(*e, bl_rule_at(r)->id);
		CHECK(found, "rule %s has no test case", bl_rule_at(r)->id);
	}
	/* rounding only: never an error. 291.20+40.24+20.64+18.97 = 371.05 vs 371.06 */
	{
		bl_doc *d = check(HEAD "二、部门收支总体情况\n（二）支出预算：2024年年初预算数371."
				       "06万元，其中：一般公共服务291.20万元，社会保障和就业40."
				       "24万元，卫生健康支出20.64万元，住房保障18.97万元。\n");
		CHECK(has(d, "sum.func_classes", BL_SEV_INFO) && !has(d, "sum.func_classes", BL_SEV_ERROR),
		      "rounding is info");
		bl_doc_free(d);
	}
	/* a share adjusted so the listed shares add up to 100% is info; the same
	 * share in a list that does not add up to 100% is an error; a percent cut
	 * off instead of rounded is a warning, never silently passed */
	{
		const char *list =
			FHEAD "（二）一般公共预算财政拨款支出决算结构情况\n一般公共预算财政拨款支出307."
			      "82万元，主要用于以下方面："
			      "一般公共服务支出（类）264.87万元，占86.05%%；社会保障和就业支出（类）10."
			      "82万元，占3.52%%；"
			      "卫生健康支出（类）2.71万元，占0.88%%；住房保障支出（类）29.42万元，占%s%%。\n";
		char buf[2048];
		snprintf(buf, sizeof buf, list, "9.55");
		bl_doc *d = check(buf);
		CHECK(has(d, "share.pct", BL_SEV_INFO) && !has(d, "share.pct", BL_SEV_ERROR),
		      "balancing share is info");
		bl_doc_free(d);
		snprintf(buf, sizeof buf, list, "9.45");
		d = check(buf);
		CHECK(has(d, "share.pct", BL_SEV_ERROR), "a share off by 0.11 is an error");
		bl_doc_free(d);
		d = check(FHEAD "五、一般公共预算财政拨款支出决算情况说明\n一般公共预算财政拨款支出年初预算为"
				"10210.34万元，支出决算为9746.50万元，完成年初预算的95.45%。\n");
		CHECK(has(d, "completion.pct", BL_SEV_WARNING), "truncated percent is a warning");
		bl_doc_free(d);
	}
	/* many leftovers in a named unit's disclosure: still checked, each reported */
	{
		char buf[4096] = HEAD "一、收入\n";
		for (int k = 0; k < 40; k++)
			strcat(buf, "XX项目XX万元。");
		strcat(buf, "\n");
		bl_doc *d = check(buf);
		CHECK(!has(d, "profile.template", BL_SEV_INFO) &&
			      has(d, "text.template_leftover", BL_SEV_ERROR),
		      "a disclosure full of leftovers is not taken for the template");
		bl_doc_free(d);
	}
	/* error localisation: the odd statement is named, with the value that fits */
	{
		bl_doc *d = check(
			HEAD "二、部门收支总体情况\n（二）支出预算：支出预算较2023年增加1911."
			     "21万元，主要是基本支出预算减少136.48万元，项目支出预算增加2047.69万元。\n"
			     "三、部门预算情况说明\n2024年一般公共预算财政拨款支出1962."
			     "78万元，比2023年增加1110.21万元。其中：基本支出369.62万元，比2023年减少136."
			     "48万元；项目支出1593.16万元，比2023年增加1211.69万元。\n"
			     "2024年政府性基金预算支出836万元，比2023年增加836万元。\n");
		int ok = 0;
		for (size_t i = 0; i < bl_doc_nfindings(d); i++) {
			const bl_finding *f = bl_doc_finding(d, i);
			char b[40];
			if (!strcmp(f->rule, "sum.changes") && f->severity == BL_SEV_ERROR &&
			    f->pos.line == 6 && !strcmp(bl_dec_format(f->expected, b), "1075.21"))
				ok = 1;
		}
		CHECK(ok, "1110.21 located, 1075.21 expected");
		bl_doc_free(d);
	}
	DONE("rules");
}
