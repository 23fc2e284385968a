/* gen_text.c - hostile plain texts for the text pipeline (tests only): figures per line,
 * per sentence and per paragraph, facts per document, sections, phrases that nearly
 * match the vocabulary, quote runs, long lines, laid-out tables of many rows or many
 * header lines, and a benign disclosure repeated to any size.
 *
 *   gen_text MODE OUT N
 *
 *   line-figures N    one line, no full stop: N figures of mixed keys, changes, percents
 *   para-figures N    one paragraph of N sentences whose figures the rules pair up
 *   doc-facts N       N one-line paragraphs, each a fact of a few recurring keys
 *   many-sections N   N headings of every level, each over a sentence with its figures
 *   phrases N         N phrases that nearly match vocabulary words, a scoped figure every 16
 *   quotes N          a sentence holding a run of N quotation marks among its figures
 *   spaced N          one prose line of N ideograph pairs set apart by spaces
 *   long-line BYTES   one line of BYTES bytes of prose with figures, no newline
 *   big BYTES         a laid-out disclosure (headings, narrative, tables) repeated to BYTES
 *   title-line BYTES  a title paragraph of BYTES on one line, then a few headings
 *   table N           a laid-out 支出决算表 of N rows (款 and their 项)
 *   tables N          N small laid-out tables of one kind
 *   table-header N    a table whose header has lines of N and N + 1 column names
 *   table-wide N      a table title and a header line of N column names
 */
#include "pathological/gen.h"

static unsigned long long rng = 88172645463325252ull;

static unsigned next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng >> 16);
}

/* An amount of two decimals, as the 万元 figures are printed. */
static void money(FILE *f)
{
	unsigned v = next_rand() % 1000000;
	fprintf(f, "%u.%02u", v / 100, v % 100);
}

static void pct(FILE *f)
{
	unsigned v = next_rand() % 1000;
	fprintf(f, "%u.%u%%", v / 10, v % 10);
}

static void title(FILE *f, const char *kind)
{
	fprintf(f, "某某区教育局\n2024年度部门%s公开说明\n\n", kind);
}

/* One clause of a narrative; the mix covers every path of fact resolution:
 * keys, items with and without scope, changes, percents, shares, reasons. */
static void clause(FILE *f, unsigned k)
{
	switch (k % 12) {
	case 0: fputs("收入总计", f), money(f), fputs("万元，", f); break;
	case 1:
		fputs("一般公共预算财政拨款支出", f), money(f), fputs("万元，比上年增加", f), money(f);
		fputs("万元，增长", f), pct(f), fputs("，", f);
		break;
	case 2: fputs("基本支出", f), money(f), fputs("万元，占", f), pct(f), fputs("，", f); break;
	case 3: fputs("一般公共预算拨款", f), money(f), fputs("万元，", f); break;
	case 4:
		fputs("项目支出", f), money(f), fputs("万元，较年初预算减少", f), money(f),
			fputs("万元，下降", f);
		pct(f), fputs("，主要原因是项目调整；", f);
		break;
	case 5:
		fputs("“三公”经费", f), money(f), fputs("万元，支出决算为", f), money(f), fputs("万元，", f);
		break;
	case 6: fputs("人员经费", f), money(f), fputs("万元，主要用于基本工资，", f); break;
	case 7: fputs("公务接待", f), fprintf(f, "%u批次%u人，", next_rand() % 50, next_rand() % 500); break;
	case 8: fputs("增长", f), pct(f), fputs("，", f); break;
	case 9: fputs("社会保障和就业支出（款）", f), money(f), fputs("万元，", f); break;
	case 10: fputs("与上年持平，", f); break;
	default: fputs("支出", f), money(f), fputs("万元，完成年初预算的", f), pct(f), fputs("，", f); break;
	}
}

static void line_figures(FILE *f, long n)
{
	title(f, "预算");
	fputs("一、收入支出预算总体情况\n", f);
	for (long i = 0; i < n; i += 2) /* a clause holds two figures on average */
		clause(f, next_rand());
	fputs("。\n", f);
}

static void para_figures(FILE *f, long n)
{
	title(f, "决算");
	fputs("二、一般公共预算财政拨款支出决算情况说明\n", f);
	for (long i = 0; i < n; i++) {
		fputs("2024年度一般公共预算财政拨款支出", f), money(f), fputs("万元，比上年增加", f),
			money(f);
		fputs("万元，增长", f), pct(f), fputs("，占本年支出合计的", f), pct(f), fputs("。", f);
		if (i % 3 == 1)
			fputs("基本支出", f), money(f), fputs("万元，比上年减少", f), money(f),
				fputs("万元，下降", f);
		if (i % 3 == 1)
			pct(f), fputs("，主要原因是人员调整。", f);
		if (i % 3 == 2)
			fputs("项目支出", f), money(f), fputs("万元，占", f), pct(f), fputs("。", f);
	}
	fputs("\n", f);
}

static void doc_facts(FILE *f, long n)
{
	static const char *const keys[] = {"一般公共预算财政拨款支出",
					   "基本支出",
					   "项目支出",
					   "人员经费",
					   "公用经费",
					   "收入总计",
					   "“三公”经费",
					   "机关运行经费"};
	title(f, "预算");
	for (long i = 0; i < n; i++) {
		fprintf(f, "%s", keys[next_rand() % 8]), money(f), fputs("万元", f);
		if (i % 4 == 0)
			fputs("，比上年增加", f), money(f), fputs("万元，增长", f), pct(f);
		fputs("。\n", f);
	}
}

static void many_sections(FILE *f, long n)
{
	static const char *const cn[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
	static const char *const topics[] = {"机关运行经费", "政府采购情况",   "国有资产占用情况",
					     "绩效管理情况", "收支总体情况",   "部门职责",
					     "机构设置",     "“三公”经费情况", "一般公共预算财政拨款支出情况",
					     "名词解释"};
	title(f, "预算");
	for (long i = 0; i < n; i++) {
		const char *t = topics[next_rand() % 10];
		switch (i % 5) {
		case 0: fprintf(f, "第%s部分 %s\n", cn[i / 5 % 10], t); break;
		case 1: fprintf(f, "%s、%s\n", cn[i / 5 % 10], t); break;
		case 2: fprintf(f, "（%s）%s\n", cn[i / 5 % 10], t); break;
		case 3: fprintf(f, "%ld、%s\n", i / 5 % 99 + 1, t); break;
		default: fprintf(f, "（%ld）%s\n", i / 5 % 99 + 1, t); break;
		}
		fputs("一般公共预算财政拨款支出", f), money(f), fputs("万元，比上年增加", f), money(f),
			fputs("万元。\n", f);
	}
}

/* Vocabulary phrases cut short by their last character (none holds an item
 * or key of its own), some broken by quotes: every position starts a near
 * match, none completes, and a scope with its figure every 16 phrases sends
 * the item search back to the start of the sentence. */
static void phrases(FILE *f, long n)
{
	static const char *const near[] = {
		"涉及一般公共预算当年财政拨",
		"公务用车购置及运行维护",
		"国有资本经营预算财政拨",
		"医疗卫生与计划生育支",
		"政府性基金预算财政拨",
		"文化旅游体育与传媒支",
		"灾害防治及应急管理支",
		"资源勘探工业信息等支",
		"一般公共预算财政拨",
		"公务用车购置及运行",
		"国有资本经营预算拨",
		"公务用车运行维护",
		"对个人和家庭的补",
		"政府性基金预算拨",
		"一般公共财政拨",
		"事业单位经营收",
		"公务车运行维护",
		"商业服务业等支",
		"涉及项目预算资",
		"粮油物资储备支",
		"财政专户管理资",
		"附属单位上缴收",
		"商品和服务支",
		"年初结转和结",
		"年末结转和结",
		"社会保障和就",
		"一般公共服",
		"上级补助收",
		"交通运输支",
		"公共安全支",
		"国内公务接",
		"城乡社区支",
		"工资福利支",
		"政府采购货",
		"政府采购服",
		"一“般”公“共”服",
		"社“会”保“障”和“就",
		"“公”务“用”车“运”行",
	};
	title(f, "决算");
	fputs("一、收入支出决算总体情况说明\n", f);
	for (long i = 0; i < n; i++) {
		fputs(near[next_rand() % (sizeof near / sizeof near[0])], f);
		if (i % 16 == 15)
			fputs("，一般公共预算", f), money(f), fputs("万元，", f);
		if (i % 4096 == 4095)
			fputs("。\n", f);
	}
	fputs("。\n", f);
}

static void quotes(FILE *f, long n)
{
	title(f, "预算");
	fputs("一般公共预算财政拨款支出", f), money(f), fputs("万元，", f);
	for (long i = 0; i < n; i++)
		fputs(i % 2 ? "”" : "“", f);
	fputs("比上年增加", f), money(f), fputs("万元，增长", f), pct(f), fputs("，主要原因是", f);
	for (long i = 0; i < n; i++)
		fputs("\"", f);
	fputs("三公经费", f), money(f), fputs("万元。\n", f);
}

static void spaced(FILE *f, long n)
{
	title(f, "预算");
	for (long i = 0; i < n; i++)
		fputs(i % 8 == 7 ? "重 庆，" : "重 庆", f);
	fputs("。\n", f);
}

/* One line of prose with figures, quotes and spaced ideographs, cut at
 * the last whole clause before bytes. */
static void long_line(FILE *f, long bytes)
{
	long w = 0;
	char buf[512];
	while (1) {
		FILE *m = fmemopen(buf, sizeof buf, "w");
		unsigned k = next_rand();
		if (k % 5 == 0)
			fputs("本单位严格执行“过紧日子”要求，重 庆市某某区", m);
		else
			clause(m, k);
		long len = ftell(m);
		fclose(m);
		if (w + len > bytes)
			break;
		fwrite(buf, 1, (size_t)len, f);
		w += len;
	}
	while (w++ < bytes)
		fputc(' ', f);
}

/* A first paragraph of BYTES naming the document (one line: a text that
 * keeps a paragraph per line), then three headings: the sections the
 * template requires and the text lacks are reported on that line. */
static void title_line(FILE *f, long bytes)
{
	static const char fill[] = "本单位严格执行过紧日子要求，";
	long w = fprintf(f, "某某区教育局2024年度部门预算公开说明：");
	for (; w + (long)sizeof fill - 1 <= bytes; w += (long)sizeof fill - 1)
		fputs(fill, f);
	fputs("\n一、部门职责\n负责全区教育工作。\n二、机构设置\n本单位内设办公室。\n", f);
	fputs("三、收支预算总体情况\n收入总计100.00万元。\n", f);
}

/* s padded with spaces to w characters, as pdftotext -layout counts them. */
static void pad(FILE *f, const char *s, int w)
{
	fputs(s, f);
	for (const char *p = s; *p; p++)
		w -= ((unsigned char)*p & 0xC0) != 0x80;
	while (w-- > 0)
		fputc(' ', f);
}

/* A row of 合计, 基本支出 and 项目支出, in hundredths of 万元. */
static void row_of(FILE *f, const char *code, const char *label, long basic, long project)
{
	long total = basic + project;
	pad(f, code, 18);
	pad(f, label, 20);
	fprintf(f, "%12ld.%02ld%12ld.%02ld%12ld.%02ld\n", total / 100, total % 100, basic / 100, basic % 100,
		project / 100, project % 100);
}

static void table_row(FILE *f, const char *code, const char *label)
{
	row_of(f, code, label, next_rand() % 100000, next_rand() % 100000);
}

static void table_head(FILE *f, const char *t)
{
	fprintf(f, "                  %s\n", t);
	fputs("                                                           单位：万元\n\n", f);
	fputs("                   项目\n", f);
	fputs("      支出功能分类\n", f);
	fputs("                                                 合计         基本支出       项目支出\n", f);
	fputs("       科目编码             科目名称\n", f);
	fputs("类      款    项\n", f);
}

/* A narrow row: a code of its own, a short label, three figures of 9
 * characters, 合计 = 基本支出 + 项目支出. */
static void narrow_row(FILE *f, const char *code, const char *label)
{
	unsigned a = next_rand() % 50000, b = next_rand() % 50000;
	pad(f, code, 9);
	pad(f, label, 6);
	fprintf(f, "%6u.%02u%6u.%02u%6u.%02u\n", (a + b) / 100, (a + b) % 100, a / 100, a % 100, b / 100,
		b % 100);
}

/* A table of n narrow rows: 款 of their own codes, each with one 项 below it
 * that does not add up (a 款 and its 项 printed apart). */
static void table(FILE *f, long n)
{
	title(f, "决算");
	fputs("          一般公共预算财政拨款支出决算表\n", f);
	fputs("                               单位：万元\n\n", f);
	fputs("                    合计  基本支出  项目支出\n", f);
	fputs("科目编码 科目名称\n", f);
	char code[32];
	narrow_row(f, "201", "一般");
	for (long i = 0; i + 1 < n; i += 2) {
		long k = i / 2 % 9900 + 100; /* 款 201 01 … 299 99 */
		snprintf(code, sizeof code, "%ld%02ld", 200 + k / 100, k % 100);
		narrow_row(f, code, "财政");
		snprintf(code, sizeof code, "%ld%02ld01", 200 + k / 100, k % 100);
		narrow_row(f, code, "行政");
	}
	narrow_row(f, "", "合计");
	fputs("一般公共预算财政拨款支出2940.05万元，其中：一般公共服务支出100.00万元。\n", f);
}

/* n small tables of one kind, as a file stringing together many units'
 * disclosures: every class figure is compared across the tables. */
static void tables(FILE *f, long n)
{
	static const char *const cls[] = {"201", "205", "206", "208", "210", "212", "213", "221"};
	title(f, "决算");
	for (long i = 0; i < n; i++) {
		table_head(f, "一般公共预算财政拨款支出决算表");
		for (int k = 0; k < 8; k++)
			table_row(f, cls[k], "一般公共服务支出");
		table_row(f, "", "合计");
		fputs("\n", f);
	}
}

/* The 三公 table's header: a line of n headings over a line of n + 1
 * 预算数 | 决算数 names (the most names: it seeds the columns), then 200
 * more lines of headings, every piece read against the pieces around it. */
static void table_header(FILE *f, long n)
{
	title(f, "决算");
	fputs("              财政拨款“三公”经费支出决算表\n", f);
	for (long i = 0; i < 200; i++)
		fputs(i % 2 ? "            公务用车                      公务接待费\n"
			    : "      合计                因公出国（境）费\n",
		      f);
	for (long i = 0; i < n; i++)
		fputs(i % 2 ? "  公务用车" : "  公务接待费", f);
	fputs("\n", f);
	for (long i = 0; i <= n; i++)
		fputs(i % 2 ? "  决算数" : "  预算数", f);
	fputs("\n      1.00          2.00          3.00          4.00          5.00          6.00\n", f);
}

static void table_wide(FILE *f, long n)
{
	title(f, "决算");
	fputs("              收入支出决算总表\n", f);
	for (long i = 0; i < n; i++)
		fputs(i % 2 ? "  科目名称" : "  项目", f);
	fputs("\n", f);
	fputs("      一般公共服务支出          1.00          2.00          3.00          4.00\n", f);
}

/* An amount in hundredths of 万元, printed with its two decimals. */
static void amt(FILE *f, long v)
{
	fprintf(f, "%ld.%02ld", v / 100, v % 100);
}

/* part / whole in percent, rounded to one decimal. */
static void share(FILE *f, long part, long whole)
{
	long t = (part * 1000 + whole / 2) / whole;
	fprintf(f, "%ld.%ld%%", t / 10, t % 10);
}

/* One disclosure of unit u: headings, narrative, a laid-out table, every
 * figure consistent with the others (sums, changes, shares), so the
 * repetition reads like a long benign disclosure. */
static void disclosure(FILE *f, unsigned u)
{
	long b1 = 150352, p1 = 60314, b2 = 32672, p2 = 1094; /* 201 and 208: 基本, 项目 */
	long basic = b1 + b2, project = p1 + p2, total = basic + project, s1 = b1 + p1;
	long fall = 30659, cut = 112613, rise = 8332, personnel = 150000, sg = 301, rec = 147;
	fprintf(f, "某某区第%u中学\n2024年度部门决算公开说明\n\n", u);
	fputs("一、部门基本情况\n（一）职能职责\n负责全区教育工作，组织实施教育发展规划。\n", f);
	fputs("（二）机构设置\n本单位内设办公室、教务处等6个科室。\n", f);
	fputs("二、部门决算收支情况说明\n（一）收入支出决算总体情况说明\n", f);
	fputs("2024年度收、支总计均为", f), amt(f, total), fputs("万元。与2023年度相比，减少", f),
		amt(f, fall);
	fputs("万元，下降", f), share(f, fall, total + fall), fputs("，主要原因是项目完成。\n", f);
	fputs("1．收入情况。2024年度收入合计", f), amt(f, total), fputs("万元，其中：财政拨款收入", f),
		amt(f, total);
	fputs("万元，占100.0%；事业收入0万元，其他收入0万元。\n", f);
	fputs("2．支出情况。2024年度支出合计", f), amt(f, total), fputs("万元，其中：基本支出", f),
		amt(f, basic);
	fputs("万元，占", f), share(f, basic, total), fputs("；项目支出", f), amt(f, project),
		fputs("万元，占", f);
	share(f, project, total), fputs("。\n", f);
	fputs("（二）一般公共预算财政拨款支出决算情况说明\n", f);
	fputs("一般公共预算财政拨款支出", f), amt(f, total), fputs("万元，较年初预算数减少", f), amt(f, cut);
	fputs("万元，下降", f), share(f, cut, total + cut),
		fputs("。主要原因是年初预算的项目没有实施。\n", f);
	fputs("（1）一般公共服务支出", f), amt(f, s1), fputs("万元，占", f), share(f, s1, total);
	fputs("，较年初预算数增加", f), amt(f, rise), fputs("万元，增长", f), share(f, rise, s1 - rise);
	fputs("，主要原因是增人增资。\n", f);
	fputs("（三）一般公共预算财政拨款基本支出决算情况说明\n", f);
	fputs("人员经费", f), amt(f, personnel),
		fputs("万元，主要包括基本工资、津贴补贴、绩效工资。公用经费", f);
	amt(f, basic - personnel), fputs("万元，主要包括办公费、培训费。\n", f);
	table_head(f, "一般公共预算财政拨款支出决算表");
	row_of(f, "201", "一般公共服务支出", b1, p1);
	row_of(f, "201     06", "财政事务", b1, p1);
	row_of(f, "201     06   01", "行政运行", b1, p1);
	row_of(f, "208", "社会保障和就业支出", b2, p2);
	row_of(f, "208     05", "行政事业单位养老支出", b2, p2);
	row_of(f, "208     05   05", "机关事业单位基本养老保险缴费支出", b2, p2);
	row_of(f, "", "合计", basic, project);
	fputs("\n", f);
	fputs("三、财政拨款“三公”经费情况说明\n", f);
	fputs("2024年度“三公”经费支出共计", f), amt(f, sg), fputs("万元，较年初预算数减少199万元，下降", f);
	share(f, 19900, sg + 19900), fputs("。公务接待费", f), amt(f, rec),
		fputs("万元，国内公务接待17批次150人。\n", f);
	fputs("四、其他需要说明的事项\n（一）机关运行经费情况说明\n本单位机关运行经费", f), amt(f, 4117);
	fputs("万元，比上年增加13.23万元。\n（二）政府采购支出情况说明\n政府采购支出总额", f), amt(f, 2500);
	fputs("万元，其中：政府采购货物支出", f), amt(f, 1500),
		fputs("万元，政府采购工程支出0万元，政府采购服务支出", f);
	amt(f, 1000), fputs("万元。\n", f);
	fputs("五、名词解释\n（一）财政拨款收入：指本年度从本级财政部门取得的财政拨款。\n\f", f);
}

static void big(FILE *f, long bytes)
{
	char *buf = NULL;
	size_t len = 0;
	long w = 0;
	for (unsigned u = 1;; u++) {
		FILE *m = open_memstream(&buf, &len);
		disclosure(m, u);
		fclose(m);
		if (w + (long)len > bytes)
			break;
		fwrite(buf, 1, len, f);
		w += (long)len;
		free(buf);
		buf = NULL;
	}
	free(buf);
	while (w++ < bytes)
		fputc('\n', f);
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		void (*gen)(FILE *, long);
	} modes[] = {
		{"line-figures", line_figures},
		{"para-figures", para_figures},
		{"doc-facts", doc_facts},
		{"many-sections", many_sections},
		{"phrases", phrases},
		{"quotes", quotes},
		{"spaced", spaced},
		{"long-line", long_line},
		{"big", big},
		{"title-line", title_line},
		{"table", table},
		{"tables", tables},
		{"table-header", table_header},
		{"table-wide", table_wide},
	};
	if (argc != 4) {
		fprintf(stderr, "usage: gen_text MODE OUT N\n");
		return 2;
	}
	long n = strtol(argv[3], NULL, 10);
	for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++)
		if (strcmp(argv[1], modes[i].name) == 0) {
			FILE *f = gen_open(argv[2]);
			modes[i].gen(f, n);
			gen_close(f, argv[2]);
			return 0;
		}
	fprintf(stderr, "gen_text: unknown mode '%s'\n", argv[1]);
	return 2;
}
