/* registry.c - the one table of rules, the check driver, and findings bookkeeping. */
#include <string.h>

#include "rules.h"

#define R(id, fam, title, sev, doc, run) {{id, fam, title, sev, doc}, run}

/* For rules the driver itself decides (profile.template). */
static void bl_rules_none(bl_doc *doc)
{
	(void)doc;
}

static const bl_rule registry[] = {
	R("ingest.text_layer", "ingest", "PDF 文字层可读", "warning",
	  "PDF 某页没有文字层（扫描图像）或文字层为未映射、乱码字形时，该页不参与核对，并逐页报告，以免误报或漏报。",
	  bl_rules_ingest),
	R("ingest.ocr", "ingest", "扫描页经 OCR 识别，数字经勾稽确认", "warning；未经确认的 OCR 数字不报 error",
	  "没有文字层的扫描页用 Tesseract 识别（表格线从图像中找出，表格照常建模）。OCR 读出的数字只有在本表的合计等式成立时才算确认；"
	  "一条 error 只要用到一个未确认的 OCR 数字，就降为 warning 并注明需人工复核。每个 OCR 页报告一次，写明识别置信度和已确认的数字个数。",
	  bl_rules_none),
	R("sum.income_sources", "arith", "收入合计等于各收入来源之和", "不能以四舍五入解释时为 error，仅差舍入时为 info",
	  "收入总额应等于一般公共预算拨款、政府性基金预算拨款、国有资本经营预算拨款、事业收入、经营收入、其他收入等来源之和；财政拨款收入应等于三类财政拨款之和。",
	  bl_rules_arith),
	R("sum.func_classes", "arith", "支出合计等于各功能分类之和", "同上",
	  "支出总额应等于按支出功能分类（类级）列示的各项支出之和。列举完整（同一句或同一节内逐项列出）时才判错，否则记为数据不足。",
	  bl_rules_arith),
	R("sum.basic_project", "arith", "支出合计等于基本支出加项目支出", "同上",
	  "同一口径的支出总额应等于基本支出与项目支出之和。", bl_rules_arith),
	R("sum.personnel_public", "arith", "基本支出等于人员经费加公用经费", "同上",
	  "基本支出应等于人员经费与公用经费之和。", bl_rules_arith),
	R("sum.sangong", "arith", "“三公”经费等于各分项之和", "同上",
	  "“三公”经费应等于因公出国（境）费、公务用车购置及运行维护费、公务接待费之和；公务用车购置及运行维护费应等于购置费与运行维护费之和。",
	  bl_rules_arith),
	R("sum.procurement", "arith", "政府采购总额等于货物、工程、服务之和", "同上",
	  "政府采购总额应等于货物、工程、服务三类采购之和。", bl_rules_arith),
	R("sum.changes", "arith", "总额的增减等于各组成部分增减之和", "同上",
	  "同一比较口径下，总额的增减额应等于其组成部分增减额之和（如支出增减 = 基本支出增减 + 项目支出增减）。",
	  bl_rules_arith),
	R("dup.consistent", "arith", "同一数字多处表述一致", "不一致为 error",
	  "同一口径、同一期间的同一数字在文中多次出现时必须一致。", bl_rules_arith),
	R("change.arith", "change", "本年数减上年数（或年初预算数）等于增减额", "同上",
	  "文中同时给出本年数、比较数与增减额时，三者须满足 本年 − 比较数 = 增减额。", bl_rules_change),
	R("change.base_negative", "change", "比较基数不能为负", "error",
	  "本年数减去增加额得到的上年数（或年初预算数）为负，金额类指标不可能为负，说明增减额或本年数有误。",
	  bl_rules_change),
	R("change.pct", "change", "增减百分比等于增减额除以比较数",
	  "不能以四舍五入解释时为 error；恰为截尾取数（未四舍五入）时为 warning；仅差舍入时为 info",
	  "增长（下降）率 = 增减额 ÷（本年数 − 增减额）× 100%，按各数字的印刷精度计算可达区间。", bl_rules_change),
	R("change.direction", "change", "增减方向用词与数值符号一致", "error",
	  "同一比较中，增减额的方向词（增加/减少）与百分比的方向词（增长/下降）必须一致。", bl_rules_change),
	R("change.zero_base", "change", "比较基数为零时不应给出增长率", "warning",
	  "比较数为零（本年数等于增加额）时增长率无定义，“增长100%”之类表述不成立，应改为说明新增原因。",
	  bl_rules_change),
	R("change.zero_wording", "change", "增减额为零时宜表述为“持平”", "info",
	  "“增加0万元”“减少0万元”宜改为“与上年持平”。", bl_rules_change),
	R("share.pct", "change", "占比等于部分除以总额",
	  "同 change.pct；同一总额下所列各项占比合计恰为100%、而逐项四舍五入合计不为100%时，差一位尾差的一项为 info（尾差调整）",
	  "“占X%”= 该项 ÷ 其所属总额 × 100%。", bl_rules_change),
	R("completion.pct", "change", "完成预算百分比等于决算数除以年初预算数", "同 change.pct",
	  "“完成年初预算的X%”= 决算数 ÷ 年初预算数 × 100%。", bl_rules_change),
	R("per_person.reception", "change", "人均接待费等于接待费除以接待人次",
	  "不能以四舍五入解释时为 error，仅差舍入时为 info",
	  "人均接待费（元）= 公务接待费（万元）× 10000 ÷ 接待人次。", bl_rules_change),
	R("text.stray_char", "wording", "数字后多余字符", "warning",
	  "金额单位后紧跟多余的数字或字母（如“0万元0。”），多为编辑残留。", bl_rules_wording),
	R("text.space_in_name", "wording", "单位名称或数字中间有空格", "warning（名称）/ info（数字与单位之间）",
	  "单位名称中间夹有空格（如“重 庆市”），或数字与单位之间有多余空格。", bl_rules_wording),
	R("text.year_mismatch", "wording", "正文年度与报告年度不一致", "warning",
	  "标题、章节标题中的预算/决算年度与报告年度不一致，或同一句既以某年为当期又以该年为比较基期。对以前年度的正常比较不报告。",
	  bl_rules_wording),
	R("text.jiezhi", "wording", "“截止”与日期连用", "warning",
	  "表示到某一时间为止应使用“截至”，“截止”后不接时间。", bl_rules_wording),
	R("text.template_leftover", "wording", "模板占位符残留", "error",
	  "正文中残留 XX、××、“增加（减少）”“增长（下降）”等模板占位文字。", bl_rules_wording),
	R("text.empty_reason", "wording", "原因说明为空", "warning",
	  "“主要原因是。”之类原因说明没有内容。", bl_rules_wording),
	R("text.double_punct", "wording", "标点重复", "info",
	  "连续出现两个句读标点（如“，，”“。。”“，。”）。", bl_rules_wording),
	R("text.artefact", "wording", "格式转换残留", "warning",
	  "文中残留转换痕迹，如“[bookmark: _GoBack]”、HTML 实体、无法解码的字符。", bl_rules_wording),
	R("text.gap", "wording", "待补充内容未填写", "warning",
	  "文中留有“【待补充：…】”“（待补充）”之类未填写的标记（render 为缺少的原因或数字留下的空缺）。", bl_rules_wording),
	R("text.share_no_percent", "wording", "占比缺少百分号", "warning",
	  "“占”后的数字没有“%”。", bl_rules_wording),
	R("table.codes", "table", "表内类、款、项逐级相加", "不能以四舍五入解释时为 error，仅差舍入时为 info",
	  "按支出功能分类或经济分类编码，类 = 其下各款之和，款 = 其下各项之和，合计 = 各类之和（逐列核对）。",
	  bl_rules_table),
	R("table.columns", "table", "表内合计列等于各分列之和", "同上",
	  "同一表头下，合计（小计）列 = 其余各列之和，如 本年支出合计 = 基本支出 + 项目支出 + …；“三公”经费合计 = 因公出国（境）费 + 公务用车购置及运行费小计 + 公务接待费。",
	  bl_rules_table),
	R("table.balance", "table", "收支总表平衡", "同上",
	  "收支总表与财政拨款收支总表：本年收入（支出）合计 = 所列一、二、三…各项之和；总计 = 本年合计 + 结转结余各行；分项（1. 2. …）之和 = 所属行；收入方总计 = 支出方总计。",
	  bl_rules_table),
	R("table.cell", "table", "金额单元格可读", "info",
	  "金额列中的单元格应是一个金额或空白；否则（如一格两数）列为表格解析存疑，不参与核对。", bl_rules_table),
	R("table.required", "table", "公开表齐全", "error",
	  "部门决算应公开模板所列九张表（收入支出决算总表至国有资本经营预算财政拨款收入支出决算表），只在目录中列出不算。仅对带表格版式的 PDF 决算核对；部门预算的必备表尚未按预算模板核定，暂不核对。",
	  bl_rules_table),
	R("table.empty_note", "table", "空表注明“本表无数据”", "warning",
	  "没有数字的表应在表下注明本单位无此类收支、故本表无数据。", bl_rules_table),
	R("table.cross", "crosstable", "各表同一数字一致", "不一致为 error，仅差尾数为 info",
	  "同一数字在不同公开表中应一致：收支总表与收入表、支出表的合计；收支总表与支出表各功能分类；财政拨款收支总表与一般公共预算支出表的合计及各类；基本支出表与一般公共预算支出表等。按表头和科目编码对应，不按“数值出现在行中”对应。",
	  bl_rules_crosstable),
	R("table.narrative", "crosstable", "情况说明与公开表一致", "不一致为 error，仅差尾数为 info",
	  "情况说明中的金额应等于公开表中同一项目（按口径、科目编码和列对应）的数字；元与万元换算时按印刷精度计算误差。",
	  bl_rules_crosstable),
	R("table.items", "crosstable", "正文列举的经费构成与基本支出表一致", "列出却为零为 warning，有数未列为 info",
	  "情况说明“人员经费……主要包括：基本工资、津贴补贴……；公用经费……主要包括：办公费……”所列各项，应是一般公共预算财政拨款基本支出表中有数的经济分类款（人员经费 301、303，公用经费 302、310）；表中为零的不应列出，表中有数而未列出的提示。按名称对应科目，表格数字存疑时不判断。",
	  bl_rules_crosstable),
	R("complete.sections", "completeness", "情况说明的必备部分", "warning",
	  "对照部门预算、部门决算公开模板，检查情况说明是否包含各必备部分（职能、机构、收支总体、财政拨款、“三公”经费、机关运行经费、政府采购、国有资产、绩效、名词解释等）。",
	  bl_rules_completeness),
	R("profile.identity", "completeness", "文档身份可识别", "warning",
	  "应能从标题识别单位名称、年度、预算或决算。", bl_rules_completeness),
	R("profile.template", "completeness", "公开模板本身不作核对", "info",
	  "单位名称为占位符（如“上海市XX局”）或全文占位文字很多时，判定为空白模板：只报告一次，不逐条报占位符残留。",
	  bl_rules_none),
	/* across documents: run by the ledger (lib/store/crossdoc.c) over what it holds */
	R("crossdoc.prev_year", "crossdoc", "上年数与上年度文件一致", "不能以四舍五入解释时为 error，仅差舍入时为 info",
	  "本年文件“比上年增加（减少）X万元”隐含的上年数（本年数 − 增减额），应等于同一单位上一年度同类文件（预算对预算、决算对决算）中该项的本年数。两份文件都列出。",
	  bl_rules_none),
	R("crossdoc.initial_budget", "crossdoc", "决算的年初预算数与当年预算文件一致", "同上",
	  "决算中的年初预算数（或由“较年初预算增加（减少）X万元”推出的预算数）应等于同一单位当年部门预算文件中该项的预算数。",
	  bl_rules_none),
	R("crossdoc.dept_unit", "crossdoc", "单位数不超过部门数", "单位数大于部门数为 error；部门含多个单位而两者全部相同为 info",
	  "部门预算（决算）包括本部门所属各单位，单位预算（决算）中的收支总额、财政拨款、“三公”经费等不应大于同年同类部门文件中的同一项；部门文件写明含下属单位而各项与单位文件完全相同时提示核实。",
	  bl_rules_none),
	R("crossdoc.yoy_reason", "crossdoc", "较上年大幅变动应说明原因", "warning",
	  "与同一单位上一年度同类文件相比，收支总额、财政拨款、基本支出、项目支出、“三公”经费、机关运行经费等变动超过30%（且超过10万元）时，本年文件该段落应说明主要原因。",
	  bl_rules_none),
	R("ledger.missing", "crossdoc", "应公开文件缺失", "error（已过公开期限）/ info（尚未到期）",
	  "按导入的应公开清单（地区、单位、年度、预算或决算、批复日期或公开期限），库中没有对应文件的列为缺失；超过期限仍未公开的为 error。",
	  bl_rules_none),
	R("ledger.timeliness", "crossdoc", "批复后20日内公开", "warning",
	  "部门预算、决算应在批复后20日内公开：文件落款或公开日期晚于批复日期20日以上的列出。",
	  bl_rules_none),
};

#define NRULES (sizeof registry / sizeof registry[0])

BL_API size_t bl_rule_count(void)
{
	return NRULES;
}

BL_API const char *bl_ruleset(void)
{
	static char id[64];
	if (!id[0]) {
		bl_buf b = BL_BUF_INIT((size_t)1 << 22);
		for (size_t i = 0; i < NRULES; i++)
			bl_buf_printf(&b, "%s|%s|%s|%s\n", registry[i].info.id, registry[i].info.severity,
				      registry[i].info.title, registry[i].info.doc);
		char hex[65];
		bl_sha256_hex(b.p, b.n, hex);
		bl_buf_release(&b);
		snprintf(id, sizeof id, "%s+%.8s", BL_VERSION, hex);
	}
	return id;
}

BL_API const bl_rule_info *bl_rule_at(size_t i)
{
	return i < NRULES ? &registry[i].info : NULL;
}

static int rule_index(const char *id)
{
	for (size_t i = 0; i < NRULES; i++)
		if (strcmp(registry[i].info.id, id) == 0)
			return (int)i;
	return -1;
}

void bl_outcome_count(bl_doc *doc, const char *rule, bl_outcome o)
{
	int i = rule_index(rule);
	if (i >= 0)
		doc->outcomes[i * 4 + (int)o]++;
}

bl_finding *bl_finding_add(bl_doc *doc, const char *rule, bl_severity sev, bl_pos pos, int span)
{
	bl_finding *f = BL_PUSH(doc->findings, doc->nfindings, doc->findings_cap);
	memset(f, 0, sizeof *f);
	int i = rule_index(rule);
	f->rule = i >= 0 ? registry[i].info.id : rule;
	f->severity = sev;
	f->pos = pos;
	f->span = span > 0 ? span : 1;
	f->message = f->suggestion = "";
	return f;
}

void bl_finding_evidence(bl_doc *doc, bl_finding *f, bl_pos pos, bl_str text)
{
	if (f->nevidence >= BL_MAX_EVIDENCE)
		return;
	char *own = bl_arena_strndup(&doc->arena, text.p ? text.p : "", text.p ? text.n : 0);
	f->evidence[f->nevidence].pos = pos;
	f->evidence[f->nevidence].text = (bl_str){own, text.p ? text.n : 0};
	f->nevidence++;
}

static int cmp_finding(const void *x, const void *y)
{
	const bl_finding *a = x, *b = y;
	if (a->pos.line != b->pos.line)
		return a->pos.line - b->pos.line;
	if (a->pos.col != b->pos.col)
		return a->pos.col - b->pos.col;
	return strcmp(a->rule, b->rule);
}

static void factidx_build(bl_doc *doc);
static void factidx_free(bl_doc *doc);

BL_API bl_status bl_doc_check(bl_doc *doc)
{
	if (doc->checked)
		return BL_OK;
	doc->checked = 1;
	doc->outcomes = bl_xcalloc(NRULES * 4, sizeof(int));
	if (doc->profile.is_template) {
		/* the blank template: say so once instead of a flood of leftovers */
		for (size_t i = 0; i < NRULES; i++)
			doc->outcomes[i * 4 + BL_OUT_NOT_APPLICABLE]++;
		bl_outcome_count(doc, "profile.template", BL_OUT_FAIL);
		bl_pos at = doc->profile.unit_pos.line ? doc->profile.unit_pos : (bl_pos){1, 1, 1};
		bl_finding *fd = bl_finding_add(doc, "profile.template", BL_SEV_INFO, at, 1);
		fd->message = bl_arena_printf(&doc->arena, "本文件是公开模板，不是实际公开文件：单位名称为“%s”，全文有%d处占位文字；未作核对",
					      *doc->profile.unit ? doc->profile.unit : "（未识别）", doc->profile.placeholders);
		fd->suggestion = "按模板填写实际单位、数字和说明后再核对。";
		bl_finding_evidence(doc, fd, at, bl_line_evidence(doc, at.line));
		return BL_OK;
	}
	bl_outcome_count(doc, "profile.template", BL_OUT_PASS);
	factidx_build(doc);
	for (size_t i = 0; i < NRULES; i++) {
		/* run each family once */
		int seen = 0;
		for (size_t k = 0; k < i; k++)
			if (registry[k].run == registry[i].run)
				seen = 1;
		if (!seen)
			registry[i].run(doc);
	}
	factidx_free(doc);
	bl_ocr_review(doc);
	if (doc->nfindings > 1)
		qsort(doc->findings, doc->nfindings, sizeof *doc->findings, cmp_finding);
	return BL_OK;
}

BL_API size_t bl_doc_nfindings(const bl_doc *doc)
{
	return doc->nfindings;
}

BL_API const bl_finding *bl_doc_finding(const bl_doc *doc, size_t i)
{
	return i < doc->nfindings ? &doc->findings[i] : NULL;
}

BL_API int bl_doc_outcomes(const bl_doc *doc, size_t rule, bl_outcome o)
{
	if (!doc->outcomes || rule >= NRULES)
		return 0;
	return doc->outcomes[rule * 4 + (int)o];
}

BL_API const char *bl_severity_name(bl_severity s)
{
	return s == BL_SEV_ERROR ? "error" : s == BL_SEV_WARNING ? "warning" : "info";
}

BL_API const char *bl_outcome_name(bl_outcome o)
{
	static const char *const n[] = {"pass", "fail", "not_applicable", "insufficient_data"};
	return (unsigned)o < 4 ? n[o] : "pass";
}

/* ---- helpers shared by the families ---- */

static uint64_t hash_str(uint64_t h, const char *s)
{
	for (; s && *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static uint64_t hash_int(uint64_t h, int64_t v)
{
	for (int k = 0; k < 8; k++, v >>= 8)
		h = (h ^ (uint64_t)(v & 0xFF)) * 1099511628211u;
	return h;
}

typedef struct bl_kslot {
	const char *s;
	int64_t a, b;
	int val, used;
} bl_kslot;

static size_t kmap_at(const bl_kmap *m, const char *s, int64_t a, int64_t b)
{
	uint64_t h = hash_int(hash_int(hash_str(1469598103934665603u, s), a), b);
	size_t i = (size_t)h & (m->cap - 1);
	while (m->v[i].used && !(m->v[i].a == a && m->v[i].b == b && (m->v[i].s == s || (m->v[i].s && s && !strcmp(m->v[i].s, s)))))
		i = (i + 1) & (m->cap - 1);
	return i;
}

int *bl_kmap_get(bl_kmap *m, const char *s, int64_t a, int64_t b, int add)
{
	if (m->cap) {
		size_t i = kmap_at(m, s, a, b);
		if (m->v[i].used)
			return &m->v[i].val;
	}
	if (!add)
		return NULL;
	if (2 * (m->n + 1) > m->cap) {
		bl_kmap old = *m;
		m->cap = m->cap ? m->cap * 2 : 64;
		m->v = bl_xcalloc(m->cap, sizeof *m->v);
		for (size_t k = 0; k < old.cap; k++)
			if (old.v[k].used)
				m->v[kmap_at(m, old.v[k].s, old.v[k].a, old.v[k].b)] = old.v[k];
		free(old.v);
	}
	size_t i = kmap_at(m, s, a, b);
	m->v[i] = (bl_kslot){s, a, b, -1, 1};
	m->n++;
	return &m->v[i].val;
}

void bl_kmap_free(bl_kmap *m)
{
	free(m->v);
	*m = (bl_kmap){NULL, 0, 0};
}

/* The facts by key, measure, basis and period: the group of bl_fact_find,
 * each group's facts in text order. The rules ask for a key's facts per
 * fact, which a pass over all facts made quadratic. */
struct bl_factidx {
	size_t nfacts; /* the facts indexed; any other count means the index is stale */
	bl_kmap first; /* (key, measure, bl_fact_tag(basis, period)) -> the group's first fact */
	int *group;    /* per fact: its group's first fact */
	int *mstart;   /* per fact that is first of its group: its members in members[] */
	int *mcount;
	int *members;
};

int64_t bl_fact_tag(bl_basis b, int period)
{
	return (int64_t)((uint64_t)b << 32 | (uint32_t)period);
}

static void factidx_build(bl_doc *doc)
{
	struct bl_factidx *x = bl_xcalloc(1, sizeof *x);
	size_t n = doc->nfacts;
	x->nfacts = n;
	x->group = bl_xmalloc((n ? n : 1) * sizeof *x->group);
	x->mstart = bl_xcalloc(n ? n : 1, sizeof *x->mstart);
	x->mcount = bl_xcalloc(n ? n : 1, sizeof *x->mcount);
	x->members = bl_xmalloc((n ? n : 1) * sizeof *x->members);
	for (size_t i = 0; i < n; i++) {
		const bl_fact *f = &doc->facts[i];
		int *g = bl_kmap_get(&x->first, f->key, f->measure, bl_fact_tag(f->basis, f->period), 1);
		if (*g < 0)
			*g = (int)i;
		x->group[i] = *g;
		x->mcount[*g]++;
	}
	int at = 0;
	for (size_t i = 0; i < n; i++)
		if (x->group[i] == (int)i) {
			x->mstart[i] = at;
			at += x->mcount[i];
			x->mcount[i] = 0;
		}
	for (size_t i = 0; i < n; i++) {
		int g = x->group[i];
		x->members[x->mstart[g] + x->mcount[g]++] = (int)i;
	}
	doc->factidx = x;
}

static void factidx_free(bl_doc *doc)
{
	struct bl_factidx *x = doc->factidx;
	if (!x)
		return;
	bl_kmap_free(&x->first);
	free(x->group);
	free(x->mstart);
	free(x->mcount);
	free(x->members);
	free(x);
	doc->factidx = NULL;
}

static const struct bl_factidx *factidx(const bl_doc *doc)
{
	return doc->factidx && doc->factidx->nfacts == doc->nfacts ? doc->factidx : NULL;
}

/* Whole-line evidence, at most: a title line is short (82 bytes at most in
 * the corpus), but a text of one paragraph is one line, and the evidence is
 * copied and printed for every finding that gives it. */
#define LINE_EVIDENCE 1024

bl_str bl_line_evidence(const bl_doc *doc, int line)
{
	bl_str s = bl_doc_line(doc, line);
	if (s.n > LINE_EVIDENCE) {
		size_t k = LINE_EVIDENCE;
		while (k > 0 && ((unsigned char)s.p[k] & 0xC0) == 0x80)
			k--; /* not inside a character */
		s.n = k;
	}
	return s;
}

int bl_fact_find(const bl_doc *doc, const char *key, bl_measure m, bl_basis b, int period)
{
	const struct bl_factidx *x = factidx(doc);
	if (x) {
		const int *g = bl_kmap_get((bl_kmap *)&x->first, key, m, bl_fact_tag(b, period), 0);
		return g ? *g : -1;
	}
	for (size_t i = 0; i < doc->nfacts; i++) {
		const bl_fact *f = &doc->facts[i];
		if (f->measure == m && f->basis == b && f->period == period && strcmp(f->key, key) == 0)
			return (int)i;
	}
	return -1;
}

int bl_fact_last_before(const bl_doc *doc, int first, int before)
{
	const struct bl_factidx *x = factidx(doc);
	if (first < 0)
		return -1;
	if (!x) {
		const bl_fact *g = &doc->facts[first];
		for (int j = before - 1; j >= first; j--) {
			const bl_fact *f = &doc->facts[j];
			if (f->measure == g->measure && f->basis == g->basis && f->period == g->period &&
			    strcmp(f->key, g->key) == 0)
				return j;
		}
		return -1;
	}
	const int *v = x->members + x->mstart[first];
	int lo = 0, hi = x->mcount[first];
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (v[mid] < before)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 ? v[lo - 1] : -1;
}

bl_dec bl_fact_wan(const bl_fact *f)
{
	bl_dec d = f->value;
	d.prec = f->eff_prec;
	if (f->unit && strcmp(f->unit, "元") == 0)
		d = bl_dec_yuan_to_wan(d);
	else if (f->unit && strcmp(f->unit, "亿元") == 0) {
		d.u *= 10000;
		d.prec = d.prec - 4 < -3 ? -3 : d.prec - 4;
	}
	return d;
}

int bl_round_verdict(int64_t stated, int64_t computed, int64_t slack)
{
	int64_t diff = stated - computed;
	if (diff < 0)
		diff = -diff;
	if (diff == 0)
		return 0;
	return diff <= slack ? 1 : 2;
}

const char *bl_fmt(bl_doc *doc, bl_dec d)
{
	char buf[40];
	bl_dec_format(d, buf);
	return bl_arena_strndup(&doc->arena, buf, strlen(buf));
}

bl_finding *bl_finding_at_fact(bl_doc *doc, const char *rule, bl_severity sev, const bl_fact *f)
{
	int span = (int)bl_utf8_count(f->figure.p, f->figure.n);
	bl_finding *fd = bl_finding_add(doc, rule, sev, f->pos, span);
	bl_finding_evidence(doc, fd, f->pos, f->text);
	return fd;
}
