/* test_text.c - ingest (encodings, line ends, pages, full-width), sections, profile, the figure scanner. */
#include <iconv.h>
#include <stdlib.h>

#include "budgetlint/budgetlint.h"
#include "doc.h"
#include "harness.h"

static const bl_fact *find(const bl_doc *d, const char *key, bl_measure m)
{
	for (size_t i = 0; i < bl_doc_nfacts(d); i++)
		if (!strcmp(bl_doc_fact(d, i)->key, key) && bl_doc_fact(d, i)->measure == m)
			return bl_doc_fact(d, i);
	return NULL;
}

static int is(const bl_fact *f, const char *v)
{
	char b[40];
	return f && !strcmp(bl_dec_format(f->value, b), v);
}

static const char *title = "重庆市某某区测试中心\n关于2024年部门预算情况公开的公告\n";

/* UTF-8 with BOM, CRLF line ends */
static void test_bom_crlf(void)
{
	const char *s = "\xEF\xBB\xBF重庆市某某区测试中心\r\n2024年部门预算情况说明\r\n一、收支\r\n三"
			"公经费1.8万元。\r\n";
	bl_doc *d = open_text(s);
	CHECK(bl_doc_encoding(d) == BL_ENC_UTF8_BOM, "BOM detected");
	CHECK(bl_doc_lines(d) == 4, "4 lines, got %d", bl_doc_lines(d));
	bl_str l = bl_doc_line(d, 2);
	CHECK(l.n == strlen("2024年部门预算情况说明"), "CR stripped from line");
	CHECK(bl_doc_profile(d)->year == 2024 && bl_doc_profile(d)->kind == BL_KIND_BUDGET, "profile");
	CHECK(!strcmp(bl_doc_profile(d)->unit, "重庆市某某区测试中心"), "unit %s", bl_doc_profile(d)->unit);
	const bl_fact *f = find(d, "sangong.total", BL_M_VALUE);
	CHECK(is(f, "1.8") && f->pos.line == 4 && f->pos.col == 5, "fact at 4:5");
	bl_doc_free(d);
}

/* the document's own 文号 and signer; a 文号 cited in a sentence is not it */
static void test_docno(void)
{
	const char *s = "重庆市某某区测试中心\n某测发〔2024〕3号    "
			"签发人：张三\n关于2024年部门预算情况公开的公告\n"
			"根据某编委发〔2020〕27号，组建重庆市某某区测试中心。\n联系人：李四 "
			"联系电话：023-1234567\n";
	bl_doc *d = open_text(s);
	const bl_profile *p = bl_doc_profile(d);
	CHECK(!strcmp(p->docno, "某测发〔2024〕3号"), "docno %s", p->docno);
	CHECK(!strcmp(p->signer, "张三"), "signer %s", p->signer);
	CHECK(strstr(p->contact, "李四") != NULL, "contact %s", p->contact);
	bl_doc_free(d);
	const char *c = "重庆市某某区测试中心\n关于2024年部门预算情况公开的公告\n根据某编委发〔2020〕"
			"27号，组建中心。\n";
	d = open_text(c);
	CHECK(!strcmp(bl_doc_profile(d)->docno, ""), "cited 文号 is not the document's: %s",
	      bl_doc_profile(d)->docno);
	bl_doc_free(d);
}

/* GBK input is detected and converted */
static void test_gbk(void)
{
	const char *u = "重庆市某某区测试中心\n2025年度部门决算\n";
	iconv_t cd = iconv_open("GBK", "UTF-8");
	char in[256], out[256];
	strcpy(in, u);
	char *ip = in, *op = out;
	size_t il = strlen(in), ol = sizeof out;
	iconv(cd, &ip, &il, &op, &ol);
	iconv_close(cd);
	bl_doc *d = NULL;
	bl_diag diag = {0};
	CHECK(bl_doc_open_mem("gbk.txt", out, sizeof out - ol, &d, &diag) == BL_OK, "gbk open");
	CHECK(d && bl_doc_encoding(d) == BL_ENC_GB18030, "gbk detected");
	CHECK(d && bl_doc_profile(d)->year == 2025 && bl_doc_profile(d)->kind == BL_KIND_FINAL,
	      "gbk profile");
	bl_doc_free(d);
}

/* binary and invalid input fail cleanly */
static void test_binary(void)
{
	bl_doc *d = NULL;
	bl_diag diag = {0};
	CHECK(bl_doc_open_mem("bin", "a\0b", 3, &d, &diag) == BL_EFORMAT && !d, "NUL refused");
	CHECK(bl_doc_open_file("/nonexistent/x.txt", &d, &diag) == BL_ENOENT, "missing file");
	CHECK(strstr(diag.msg, "cannot open") != NULL, "message: %s", diag.msg);
}

/* form feed: inside a line and at a line's end; line numbers stay the file's */
static void test_form_feed(void)
{
	const char *s = "预算主管部门：上海市某某区测试局\f目 录\n一、部门主要职能\f\n正文\n";
	bl_doc *d = open_text(s);
	CHECK(bl_doc_lines(d) == 3, "lines %d", bl_doc_lines(d));
	CHECK(bl_doc_pages(d) == 3, "pages %d", bl_doc_pages(d));
	CHECK(!strcmp(bl_doc_profile(d)->unit, "上海市某某区测试局"), "unit before form feed: %s",
	      bl_doc_profile(d)->unit);
	bl_doc_free(d);
}

/* full-width digits and percent parse; evidence keeps the original */
static void test_full_width(void)
{
	char s[512];
	snprintf(s, sizeof s,
		 "%s二、收支\n（一）2024年“三公”经费预算１．８万元，比2023年减少０．１万元，下降５．"
		 "３％。\n",
		 title);
	bl_doc *d = open_text(s);
	const bl_fact *f = find(d, "sangong.total", BL_M_VALUE);
	CHECK(is(f, "1.8"), "full-width 1.8");
	CHECK(f && strstr(f->figure.p, "１．８万元") == f->figure.p, "evidence is original bytes");
	const bl_fact *c = find(d, "sangong.total", BL_M_CHANGE);
	CHECK(is(c, "-0.1") && c->basis == BL_B_PREV_YEAR, "signed change");
	const bl_fact *p = find(d, "sangong.total", BL_M_CHANGE_PCT);
	CHECK(is(p, "-5.3"), "percent change");
	bl_doc_free(d);
}

/* sections as a tree */
static void test_sections(void)
{
	const char *s = "第一部分 "
			"2024年部门预算情况说明\n一、单位基本情况\n（一）职能职责\n1、负责。\n（1）细"
			"项。\n二、部门收支总体情况\n";
	bl_doc *d = open_text(s);
	CHECK(bl_doc_nsections(d) == 6, "6 sections, got %zu", bl_doc_nsections(d));
	if (bl_doc_nsections(d) == 6) {
		CHECK(bl_doc_section(d, 0)->level == 1 && bl_doc_section(d, 1)->level == 2, "levels 1,2");
		CHECK(bl_doc_section(d, 2)->level == 3 && bl_doc_section(d, 2)->parent == 1,
		      "（一） under 一、");
		CHECK(bl_doc_section(d, 3)->level == 4 && bl_doc_section(d, 4)->level == 5, "1、 and （1）");
		CHECK(bl_doc_section(d, 5)->parent == 0, "二、 under 第一部分");
	}
	bl_doc_free(d);
}

/* the scanner: thousands separators, spaces before the unit, years and 文号 are not figures */
static void test_scanner(void)
{
	char s[600];
	snprintf(s, sizeof s,
		 "%s二、部门收支总体情况\n（一）收入预算：2024年年初预算数3,121.42 "
		 "万元，其中：一般公共预算拨款3,121.42万元。依据开州财行发〔2024〕21号。\n",
		 title);
	bl_doc *d = open_text(s);
	CHECK(is(find(d, "total.income", BL_M_VALUE), "3121.42"), "thousands + space before unit");
	CHECK(is(find(d, "general.income", BL_M_VALUE), "3121.42"), "general.income");
	CHECK(bl_doc_nfacts(d) == 2, "only two facts, got %zu", bl_doc_nfacts(d));
	bl_doc_free(d);
}

/* zero words and 元 units */
static void test_zero_words(void)
{
	char s[600];
	snprintf(s, sizeof s,
		 "%s四、“三公”经费情况说明\n2024年“三公”经费预算6万元，与2023年保持一致。人均接待费98"
		 ".25元。\n",
		 title);
	bl_doc *d = open_text(s);
	const bl_fact *z = find(d, "sangong.total", BL_M_CHANGE);
	CHECK(z && z->zero_word && z->value.u == 0, "保持一致 is a zero change");
	const bl_fact *pp = find(d, "reception.per_person", BL_M_VALUE);
	CHECK(pp && !strcmp(pp->unit, "元"), "per person in 元");
	bl_doc_free(d);
}

/* The fact of key, measure and period, or NULL. */
static const bl_fact *find_at(const bl_doc *d, const char *key, bl_measure m, int period)
{
	for (size_t i = 0; i < bl_doc_nfacts(d); i++) {
		const bl_fact *f = bl_doc_fact(d, i);
		if (!strcmp(f->key, key) && f->measure == m && f->period == period)
			return f;
	}
	return NULL;
}

/* role binding: a change is not the amount, last year's figure is not this
 * year's, each change keeps the base it names */
static void test_roles(void)
{
	char s[1400];
	snprintf(s, sizeof s,
		 "%s一、收支总体情况\n2024年一般公共预算支出120万元，比上年增加20万元。上年一般公共预算支出10"
		 "0万元。"
		 "项目支出60万元，比上年执行数压减5万元。2023年预算执行数项目支出65万元。"
		 "基本支出60万元，较上年预算数增加3万元。\n部门支出由150万元减少至140万元。\n"
		 "一般公共预算收入90万元，上年预算数为80万元。2023年政府性基金支出预算数为7万元。\n"
		 "公用经费30万元，上年为28万元，比上年（28万元）增加2万元。\n",
		 title);
	bl_doc *d = open_text(s);
	const bl_fact *v = find_at(d, "general.expense", BL_M_VALUE, 2024);
	const bl_fact *c = find(d, "general.expense", BL_M_CHANGE);
	const bl_fact *p = find_at(d, "general.expense", BL_M_VALUE, 2023);
	CHECK(is(v, "120") && !v->doubt, "this year's amount, read with certainty");
	CHECK(is(c, "20") && c->basis == BL_B_PREV_YEAR, "比上年增加: the change, not the amount");
	CHECK(is(p, "100") && p->basis == BL_B_NONE, "上年…支出: last year's value");
	const bl_fact *pc = find(d, "general.project", BL_M_CHANGE);
	const bl_fact *pe = find_at(d, "general.project", BL_M_VALUE, 2023);
	CHECK(is(pc, "-5") && pc->basis == BL_B_PREV_EXEC, "压减 against 上年执行数");
	CHECK(is(pe, "65") && pe->basis == BL_B_PREV_EXEC, "预算执行数: a value of its own base");
	const bl_fact *bc = find(d, "general.basic", BL_M_CHANGE);
	CHECK(is(bc, "3") && bc->basis == BL_B_PREV_BUDGET, "较上年预算数: the budget's base");
	int vp = 0;
	CHECK(bl_basis_compared(BL_B_PREV_BUDGET, BL_KIND_BUDGET, 2024, &vp) == BL_B_NONE && vp == 2023,
	      "a budget's 上年预算数 is its own kind of last year's figure");
	CHECK(bl_basis_compared(BL_B_PREV_EXEC, BL_KIND_BUDGET, 2024, &vp) == BL_B_PREV_EXEC && vp == 2023,
	      "an execution base only from an execution figure");
	CHECK(is(find_at(d, "total.expense", BL_M_VALUE, 2023), "150") &&
		      is(find_at(d, "total.expense", BL_M_VALUE, 2024), "140") &&
		      !find(d, "total.expense", BL_M_CHANGE),
	      "由A减少至B: two amounts, no change");
	const bl_fact *gi = find_at(d, "general.income", BL_M_VALUE, 2023);
	CHECK(is(gi, "80") && gi->basis == BL_B_NONE && gi->inferred,
	      "上年预算数为 after a value: that subject's last-year budget");
	CHECK(is(find_at(d, "fund.expense", BL_M_VALUE, 2023), "7") &&
		      !find_at(d, "fund.expense", BL_M_VALUE, 2024),
	      "2023年…预算数 in a 2024 budget: 2023's figure");
	const bl_fact *pu = find_at(d, "total.public", BL_M_VALUE, 2023);
	CHECK(is(pu, "28") && pu->inferred, "上年为 after a value: the same subject's last year");
	CHECK(is(find(d, "total.public", BL_M_CHANGE), "2"),
	      "比上年（28万元）增加: the change after the base");
	CHECK(is(find_at(d, "total.public", BL_M_VALUE, 2024), "30"), "this year's 公用经费");
	CHECK(!strcmp(bl_basis_name(BL_B_PREV_EXEC), "prev_exec") && !bl_basis_name(BL_B_NONE) &&
		      !strcmp(bl_basis_name(BL_B_INITIAL_BUDGET), "initial_budget"),
	      "basis names");
	bl_doc_free(d);
}

/* a figure whose role the words leave open is doubted; a percent, a count
 * and a weak direction are read as they say */
static void test_role_doubt(void)
{
	char s[1400];
	snprintf(s, sizeof s,
		 "%s一、收支总体情况\n比上年增加的一般公共预算支出30万元。公务接待费减少为2万元。"
		 "项目支出50万元，同比下降2个百分点。节约资金8万元。部门支出200万元，比上年增加10万元，增幅为"
		 "5.3%%。"
		 "\n社会保障和就业（类）支出40万元，住房保障类支出20万元。\n"
		 "收入预算总计70万元，其中：财政拨款收入预算总计60万元。\n"
		 "基本支出48万元，同比增加8万元，同比增长20%%，基本支出占比60%%。\n",
		 title);
	bl_doc *d = open_text(s);
	const bl_fact *g = find(d, "general.expense", BL_M_VALUE);
	CHECK(g && (g->doubt & BL_DOUBT_ROLE), "比上年增加的…支出: the amount or the increase, doubted");
	const bl_fact *r = find(d, "sangong.reception", BL_M_VALUE);
	CHECK(is(r, "2") && (r->doubt & BL_DOUBT_ROLE), "减少为: the amount reached, doubted");
	CHECK(!find(d, "general.project", BL_M_CHANGE_PCT), "个百分点 is no percent change");
	CHECK(!find(d, "general.project", BL_M_CHANGE), "节约资金 compares with nothing: no change");
	const bl_fact *pct = find(d, "general.expense", BL_M_CHANGE_PCT);
	CHECK(is(pct, "5.3") && !pct->doubt, "增幅为: a percent change");
	CHECK(is(find(d, "total.func.208", BL_M_VALUE), "40") &&
		      is(find(d, "total.func.221", BL_M_VALUE), "20"),
	      "（类）支出 and 类支出: the class's figure");
	CHECK(!find(d, "total.expense", BL_M_VALUE), "a class line is not the total");
	const bl_fact *gt = find(d, "total.grand_total", BL_M_VALUE),
		      *ai = find(d, "approp.income", BL_M_VALUE);
	CHECK(is(gt, "70") && !gt->doubt, "收入预算总计: the grand total");
	CHECK(is(ai, "60") && (ai->doubt & BL_DOUBT_ROLE),
	      "a source's 收入预算总计: its income or its total, doubted");
	const bl_fact *bp = find(d, "total.basic", BL_M_CHANGE_PCT),
		      *bs = find(d, "total.basic", BL_M_SHARE_PCT);
	CHECK(is(bp, "20") && bp->basis == BL_B_PREV_YEAR, "同比增长: a percent change against last year");
	CHECK(is(bs, "60"), "占比: a share");
	bl_doc_free(d);
}

/* a change on the next line qualifies the figure before it, but not across
 * an amount that became no fact nor after that figure's own change */
static void test_carry(void)
{
	char s[900];
	snprintf(s, sizeof s,
		 "%s一、收支总体情况\n基本支出50万元，主要用于人员工资。\n与上年相比增加5万元。\n"
		 "项目支出60万元，比上年增加6万元。\n与上年相比增加7万元。\n"
		 "某某活动经费10万元。与上年相比增加8万元。\n",
		 title);
	bl_doc *d = open_text(s);
	CHECK(is(find(d, "total.basic", BL_M_CHANGE), "5"), "the next line's change is the figure's");
	int n = 0;
	for (size_t i = 0; i < bl_doc_nfacts(d); i++)
		n += bl_doc_fact(d, i)->measure == BL_M_CHANGE;
	CHECK(n == 2, "no change carried after the figure's own, nor across an amount with no key: %d", n);
	bl_doc_free(d);
}

/* Appends para to out wrapped at display width w, as a PDF's text layer
 * prints it (a CJK character two columns, a digit one). */
static void wrap_para(char *out, size_t cap, const char *para, int w)
{
	size_t n = strlen(out);
	int col = 0;
	for (const char *p = para; *p;) {
		int len = (*p & 0x80) ? ((*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3 : 4) : 1;
		int cw = len > 1 ? 2 : 1;
		if (col + cw > w && n + 1 < cap) {
			out[n++] = '\n';
			col = 0;
		}
		if (n + (size_t)len + 1 < cap) {
			memcpy(out + n, p, (size_t)len);
			n += (size_t)len;
		}
		col += cw, p += len;
	}
	if (n + 1 < cap)
		out[n++] = '\n';
	out[n] = 0;
}

/* Prose hard-wrapped by the page, a phrase cut between two lines
 * (一般公共预算 | 拨款支出预算, 国有资本经营预算拨款 | 支出预算), in a text whose
 * tables were copied as rows of single-spaced figures: the rows are no
 * prose, and do not hide that the prose is wrapped, so the cut phrases are
 * read whole (not as 支出预算0万元, a total of 0). */
static void test_wrapped_with_rows(void)
{
	static char s[16384];
	snprintf(s, sizeof s, "%s", "上海市普陀区某某局2026年部门预算\n二、部门预算编制说明\n");
	static const char *const paras[] = {
		"2026年，上海市普陀区某某局收入预算4748.35万元，其中：财政拨款收入4748."
		"35万元，比2025年预算减少19.79万元；"
		"事业收入0万元；事业单位经营收入0万元；其他收入0万元。",
		"支出预算4748.35万元，其中：财政拨款支出预算4748.35万元，比2025年预算减少19."
		"79万元。财政拨款支出预算中，一般公共预算"
		"拨款支出预算4748.35万元，比2025年预算减少19."
		"79万元；政府性基金拨款支出预算0万元，与2025年预算持平；国有资本经营预算拨款"
		"支出预算0万元，与2025年预算持平。",
		"本部门主要职能是贯彻执行国家和本市有关城市管理工作的法律、法规、规章和方针、政策，结合区域实"
		"际，研究制订有关制度措施，并组织实施；"
		"负责本区城市管理队伍建设，落实行政责任制，加强队伍规范化、制度化的建设和管理，按规定组织实施"
		"培训、岗位交流、督察考核。",
		"基本支出预算是预算主管部门及所属预算单位为保障其机构正常运转、完成日常工作任务而编制的年度基"
		"本支出计划，包括人员经费和公用经费两部分；"
		"项目支出预算是为完成行政工作任务、事业发展目标或政府发展战略，在基本支出之外编制的年度支出计"
		"划。",
	};
	for (size_t i = 0; i < sizeof paras / sizeof *paras; i++)
		wrap_para(s, sizeof s, paras[i], 116);
	/* the tables as a text layer gives them: codes, names and figures, one space apart */
	static const char names[] = "机关事业单位基本养老保险缴费支出其他社会保障和就业支出";
	for (int r = 0; r < 60; r++) { /* of every width, as names and figures come */
		size_t n = strlen(s);
		snprintf(s + n, sizeof s - n, "208 05 %02d %.*s %d %d\n", r, 3 * (4 + (r * 7) % 22), names,
			 (r * 7919) % 100000, (r * 104729) % 1000000);
	}
	bl_doc *d = open_text(s);
	CHECK(is(find(d, "general.expense", BL_M_VALUE), "4748.35"),
	      "一般公共预算 | 拨款支出预算 read whole");
	CHECK(is(find(d, "capital.expense", BL_M_VALUE), "0"), "国有资本经营预算拨款 | 支出预算 read whole");
	int zero_total = 0;
	for (size_t i = 0; i < bl_doc_nfacts(d); i++) {
		const bl_fact *f = bl_doc_fact(d, i);
		zero_total += f->measure == BL_M_VALUE && f->value.u == 0 &&
			      (!strcmp(f->key, "total.expense") || !strcmp(f->key, "total.income"));
	}
	CHECK(zero_total == 0, "no total read from the cut phrase: %d", zero_total);
	bl_doc_free(d);
}

/* 预算 between a boundary and a bare 收入/支出 is transparent, not after a
 * key's phrase */
static void test_bare_skip(void)
{
	char s[600];
	snprintf(s, sizeof s, "%s一、收支总体情况\n2025年部门预算收入总计500万元。会议费预算支出9万元。\n",
		 title);
	bl_doc *d = open_text(s);
	CHECK(is(find(d, "total.grand_total", BL_M_VALUE), "500"), "部门预算收入总计: the grand total");
	CHECK(is(find(d, "meeting_fee", BL_M_VALUE), "9") && !find(d, "total.expense", BL_M_VALUE),
	      "会议费预算支出: the 会议费's, not the spending's");
	bl_doc_free(d);
}

/* vocabulary: every key is unique and has a name */
static void test_vocab_keys(void)
{
	for (size_t i = 0; i < bl_vocab_count(); i++) {
		const bl_key_info *k = bl_vocab_at(i);
		for (size_t j = 0; j < i; j++)
			CHECK(strcmp(bl_vocab_at(j)->key, k->key) || strcmp(bl_vocab_at(j)->kind, k->kind),
			      "duplicate key %s", k->key);
		CHECK(k->name && *k->name, "name for %s", k->key);
	}
}

int main(void)
{
	test_bom_crlf();
	test_docno();
	test_gbk();
	test_binary();
	test_form_feed();
	test_full_width();
	test_sections();
	test_scanner();
	test_zero_words();
	test_roles();
	test_role_doubt();
	test_carry();
	test_wrapped_with_rows();
	test_bare_skip();
	test_vocab_keys();
	DONE("text");
}
