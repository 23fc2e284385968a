/* wording.c - text defects: stray characters, spaces in names, wrong years, 截止, leftovers, empty reasons (marks: marks.c). */
#include <string.h>

#include "rules/rules.h"

static int is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

int bl_wording_punct(uint32_t c)
{
	return c == 0x3002 || c == 0xFF0C || c == 0xFF1B || c == 0xFF1A || c == 0x3001 || c == '\n' ||
	       c == 0xFF01 || c == 0xFF1F;
}

bl_finding *bl_wording_at(bl_doc *doc, bl_rule_id rule, size_t a, size_t b)
{
	bl_pos pos = bl_doc_pos_of(doc, doc->flow.src[a]);
	bl_finding *fd = bl_finding_add(doc, rule, bl_rule_sev(rule), pos, (int)(b - a));
	/* evidence: the sentence around it */
	size_t s = a, e = b;
	while (s > 0 && a - s < 30 && !bl_wording_punct(doc->flow.cp[s - 1]))
		s--;
	while (e < doc->flow.n && e - b < 30 && !bl_wording_punct(doc->flow.cp[e]))
		e++;
	bl_finding_evidence(doc, fd, bl_doc_pos_of(doc, doc->flow.src[s]), bl_flow_slice(doc, s, e));
	return fd;
}

/* Stray characters reported after a unit, at most: 0万元0。 leaves one or
 * two; a longer run of digits and letters is data of its own (a code, an
 * address), and every unit inside it (1%1%1%…) would otherwise report the
 * rest of the run again. */
#define STRAY_MAX 64

/* 0万元0。: a figure's unit followed by digits or letters that begin no figure. */
static void stray_chars(bl_doc *doc)
{
	const bl_flow *f = &doc->flow;
	static const char *const units[] = {"万元", "元", "%"};
	size_t run = 0; /* where the run of digits and letters holding the last unit ends */
	for (size_t i = 1; i < f->n; i++) {
		if (!is_digit(f->cp[i - 1]))
			continue;
		for (size_t k = 0; k < 3; k++) {
			size_t m = bl_flow_match(f, i, f->n, units[k]);
			if (!m || (k == 1 && f->cp[i - 1] == 0x4E07))
				continue;
			size_t j = i + m, e = j > run ? j : run;
			while (e < f->n && (is_digit(f->cp[e]) || (f->cp[e] < 128 && f->cp[e] > ' ' &&
								   f->cp[e] != '(' && f->cp[e] != ')')))
				e++;
			run = e; /* a run ends at the same place from anywhere inside it */
			if (e > j && e - j <= STRAY_MAX && e < f->n && bl_wording_punct(f->cp[e])) {
				bl_finding *fd = bl_wording_at(doc, BL_R_TEXT_STRAY_CHAR, j, e);
				fd->message = bl_arena_printf(&doc->arena, "金额“%s”后多出字符“%s”",
							      bl_flow_text(doc, i - 1, j, 0, &doc->arena),
							      bl_flow_text(doc, j, e, 0, &doc->arena));
				fd->suggestion = "删除多余字符。";
				bl_outcome_count(doc, BL_R_TEXT_STRAY_CHAR, BL_OUT_FAIL);
			}
			break;
		}
	}
}

/* Is the line before the one starting at s0 one or two ideographs alone,
 * the top of a label printed down a table's column? */
static int column_label_above(const bl_flow *f, size_t s0)
{
	if (s0 < 2)
		return 0;
	size_t e = s0 - 1, b = e; /* f->cp[e] is the '\n' ending that line */
	while (b > 0 && f->cp[b - 1] != '\n')
		b--;
	if (e - b < 1 || e - b > 2)
		return 0;
	for (size_t k = b; k < e; k++)
		if (!bl_cp_is_han(f->cp[k]))
			return 0;
	return 1;
}

/* The unit's name printed with spaces inside it, and wide gaps inside figures. */
static void spaces(bl_doc *doc)
{
	const bl_flow *f = &doc->flow;
	/* a space between two ideographs inside a sentence: 重 庆市. Text that
	 * an extractor wrapped carries layout spaces, which are not the author's. */
	size_t s0 = 0, e0 = 0; /* the line of the last space looked at, read once per line */
	int prose = 0;         /* it holds 。 or ，: table rows set cells apart with single spaces */
	for (size_t i = 1; i + 1 < f->n && !doc->wrapped; i++) {
		if (f->cp[i] != ' ' || !bl_cp_is_han(f->cp[i - 1]) || !bl_cp_is_han(f->cp[i + 1]))
			continue;
		if (i >= e0) {
			s0 = e0 = i;
			while (s0 > 0 && f->cp[s0 - 1] != '\n')
				s0--;
			while (e0 < f->n && f->cp[e0] != '\n')
				e0++;
			prose = 0;
			for (size_t k = s0; k < e0 && !prose; k++)
				prose = f->cp[k] == 0x3002 || f->cp[k] == 0xFF0C;
		}
		/* headings and short labels (目 录) are set apart on purpose, and so
		 * is a label printed down its column a word a line (项目⏎绩效 为…⏎目标) */
		if (e0 - s0 < 20 || i - s0 < 2 || (i - s0 == 2 && column_label_above(f, s0)))
			continue;
		if (!prose)
			continue;
		size_t a = i - 1, b = i + 2;
		while (a > s0 && bl_cp_is_han(f->cp[a - 1]) && i - a < 4)
			a--;
		while (b < e0 && bl_cp_is_han(f->cp[b]) && b - i < 5)
			b++;
		bl_finding *fd = bl_wording_at(doc, BL_R_TEXT_SPACE_IN_NAME, a, b);
		fd->message = bl_arena_printf(&doc->arena, "汉字之间有多余空格：“%s”",
					      bl_flow_text(doc, a, b, 0, &doc->arena));
		fd->suggestion =
			bl_arena_printf(&doc->arena, "改为“%s”。", bl_flow_text(doc, a, b, 1, &doc->arena));
		bl_outcome_count(doc, BL_R_TEXT_SPACE_IN_NAME, BL_OUT_FAIL);
	}
	/* two or more spaces between a figure and its unit */
	for (size_t i = 1; i + 2 < f->n; i++) {
		if (!is_digit(f->cp[i - 1]) || f->cp[i] != ' ' || f->cp[i + 1] != ' ')
			continue;
		size_t j = i;
		while (j < f->n && f->cp[j] == ' ')
			j++;
		if (bl_flow_match(f, j, f->n, "万元") || bl_flow_match(f, j, f->n, "元")) {
			bl_finding *fd = bl_wording_at(doc, BL_R_TEXT_SPACE_IN_NAME, i, j);
			fd->severity = BL_SEV_INFO; /* a gap, not a misspelt name */
			fd->message = "数字与单位之间有多余空格";
			fd->suggestion = "删除空格。";
		}
		i = j;
	}
}

/* Body years: a heading naming another year's 预算/决算, or one sentence
 * using a year both as its period and as its comparison base. */
/* 202 年度: a year with a digit lost (three digits from 20, then 年). */
static void truncated_years(bl_doc *doc)
{
	const bl_flow *f = &doc->flow;
	for (size_t i = 0; i + 3 < f->n; i++) {
		if (f->cp[i] != '2' || f->cp[i + 1] != '0' || !is_digit(f->cp[i + 2]) ||
		    is_digit(f->cp[i + 3]) || (i > 0 && (is_digit(f->cp[i - 1]) || f->cp[i - 1] == '.')))
			continue;
		size_t j = i + 3;
		while (j < f->n && f->cp[j] == ' ')
			j++;
		if (j >= f->n || f->cp[j] != BL_CP_NIAN)
			continue;
		bl_finding *fd = bl_wording_at(doc, BL_R_TEXT_YEAR_MISMATCH, i, j + 1);
		fd->message = bl_arena_printf(&doc->arena, "年份“%s”不完整",
					      bl_flow_text(doc, i, j + 1, 1, &doc->arena));
		fd->suggestion = doc->profile.year
					 ? bl_arena_printf(&doc->arena, "补全年份（报告年度为%d年）。",
							   doc->profile.year)
					 : "补全年份。";
		bl_outcome_count(doc, BL_R_TEXT_YEAR_MISMATCH, BL_OUT_FAIL);
	}
}

/* A table titled with another year than the report's (2025年部门收支预算总表 in a 2026 budget). */
static void table_years(bl_doc *doc)
{
	int Y = doc->profile.year;
	for (size_t t = 0; Y && t < doc->ntables; t++) {
		const char *ti = doc->tables[t].title;
		for (const char *p = ti; p && p[0] && p[1] && p[2] && p[3]; p++) {
			if (p[0] != '2' || p[1] != '0' || !is_digit((unsigned char)p[2]) ||
			    !is_digit((unsigned char)p[3]) || (p > ti && is_digit((unsigned char)p[-1])) ||
			    strncmp(p + 4, "年", 3) != 0)
				continue;
			int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
			if (y == Y)
				break;
			bl_finding *fd =
				bl_finding_add(doc, BL_R_TEXT_YEAR_MISMATCH,
					       bl_rule_sev(BL_R_TEXT_YEAR_MISMATCH), doc->tables[t].pos, 1);
			fd->message =
				bl_arena_printf(&doc->arena, "表题《%s》写作%d年，报告年度为%d年", ti, y, Y);
			fd->suggestion = bl_arena_printf(&doc->arena, "将表题年份改为%d年。", Y);
			bl_finding_evidence(doc, fd, doc->tables[t].pos, (bl_str){ti, strlen(ti)});
			bl_outcome_count(doc, BL_R_TEXT_YEAR_MISMATCH, BL_OUT_FAIL);
			break;
		}
	}
}

/* The year a fact's phrase compares with, printed right after 比, 较 or 与
 * (比2025年预算, 与 2023 年度相比), or 0. */
static int phrase_year(const bl_fact *f)
{
	int y = 0;
	size_t n = (size_t)(f->figure.p - f->text.p);
	for (size_t k = 3; n <= f->text.n && k + 4 < n; k++) {
		const char *p = f->text.p + k, *q = p;
		while (q > f->text.p && q[-1] == ' ')
			q--;
		int after = q - f->text.p >= 3 && (!strncmp(q - 3, "比", 3) || !strncmp(q - 3, "较", 3) ||
						   !strncmp(q - 3, "与", 3));
		if (after && p[0] == '2' && p[1] == '0' && is_digit((unsigned char)p[2]) &&
		    is_digit((unsigned char)p[3]) && (!strncmp(p + 4, "年", 3) || !strncmp(p + 4, " 年", 4)))
			y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
	}
	return y;
}

/* 比2026年预算增加 in a 2026 budget: a change on the year before names another
 * year (the base is Y − 1, budget or final alike); once a paragraph. */
static void compared_years(bl_doc *doc)
{
	int Y = doc->profile.year, said_para = -1;
	for (size_t i = 0; Y && i < doc->nfacts; i++) {
		const bl_fact *f = &doc->facts[i];
		int prev = f->basis == BL_B_PREV_YEAR || f->basis == BL_B_PREV_BUDGET ||
			   f->basis == BL_B_PREV_EXEC || f->basis == BL_B_PREV_FINAL;
		if (f->measure != BL_M_CHANGE || !prev || f->period != Y || f->paragraph == said_para)
			continue;
		int y = phrase_year(f);
		if (!y || y == Y - 1)
			continue;
		said_para = f->paragraph;
		bl_finding *fd = bl_finding_at_fact(doc, BL_R_TEXT_YEAR_MISMATCH,
						    bl_rule_sev(BL_R_TEXT_YEAR_MISMATCH), f);
		fd->message = bl_arena_printf(
			&doc->arena, "与上年相比的增减写作“比%d年”，报告年度为%d年，比较年度应为%d年", y, Y,
			Y - 1);
		fd->suggestion = bl_arena_printf(&doc->arena, "将比较年度改为%d年。", Y - 1);
		bl_outcome_count(doc, BL_R_TEXT_YEAR_MISMATCH, BL_OUT_FAIL);
	}
}

static void years(bl_doc *doc)
{
	truncated_years(doc);
	table_years(doc);
	compared_years(doc);
	const bl_flow *f = &doc->flow;
	int Y = doc->profile.year;
	if (!Y)
		return;
	for (size_t s = 0; s < doc->nsec; s++) {
		const bl_section *sec = &doc->sec[s];
		size_t off = (size_t)(sec->title.p - doc->bytes);
		for (size_t k = bl_flow_index(f, off); k < f->n && f->src[k] < off + sec->title.n; k++) {
			size_t after;
			int y = bl_flow_year_at(f, k, f->n, &after);
			after++; /* past 年 */
			if (!y || y == Y)
				continue;
			if (k > 0 &&
			    (f->cp[k - 1] == 0x6BD4 || f->cp[k - 1] == 0x8F83 || f->cp[k - 1] == 0x4E0E))
				continue;
			if (bl_flow_match(f, after, f->n, "度部门") ||
			    bl_flow_match(f, after, f->n, "部门") || bl_flow_match(f, after, f->n, "单位") ||
			    bl_flow_match(f, after, f->n, "度决算") ||
			    bl_flow_match(f, after, f->n, "预算") || bl_flow_match(f, after, f->n, "决算") ||
			    bl_flow_match(f, after, f->n, "度预算")) {
				bl_finding *fd = bl_wording_at(doc, BL_R_TEXT_YEAR_MISMATCH, k, after);
				fd->message = bl_arena_printf(&doc->arena, "章节标题写作%d年，报告年度为%d年",
							      y, Y);
				fd->suggestion = bl_arena_printf(&doc->arena, "改为%d年。", Y);
				bl_outcome_count(doc, BL_R_TEXT_YEAR_MISMATCH, BL_OUT_FAIL);
			}
		}
	}
	/* A figure of year P compared with year P in the same paragraph: the
	 * finding needs P = Y - 1 and some change of the paragraph against the
	 * previous year whose phrase names Y - 1 as its base, so each
	 * paragraph (its facts are contiguous, in text order) is read once. */
	for (size_t j0 = 0, j1; j0 < doc->nfacts; j0 = j1) {
		int para = doc->facts[j0].paragraph, based = 0;
		for (j1 = j0; j1 < doc->nfacts && doc->facts[j1].paragraph == para; j1++) {
			const bl_fact *c = &doc->facts[j1];
			if (based || c->measure != BL_M_CHANGE || c->basis != BL_B_PREV_YEAR)
				continue;
			/* the base year printed in the change's phrase */
			int base = 0;
			for (size_t k = 0; k + 4 < c->text.n; k++) {
				int y = 0, ok = 1;
				for (size_t d = 0; d < 4; d++) {
					char ch = c->text.p[k + d];
					if (ch < '0' || ch > '9')
						ok = 0;
					else
						y = y * 10 + (ch - '0');
				}
				if (ok && y >= 1990 && y <= 2100) {
					base = y;
					break;
				}
			}
			based = base && base == Y - 1;
		}
		for (size_t i = j0; based && i < j1; i++) {
			const bl_fact *ft = &doc->facts[i];
			if (ft->measure != BL_M_VALUE || ft->period == Y || ft->basis != BL_B_NONE ||
			    ft->period != Y - 1)
				continue;
			bl_finding *fd = bl_finding_at_fact(doc, BL_R_TEXT_YEAR_MISMATCH,
							    bl_rule_sev(BL_R_TEXT_YEAR_MISMATCH), ft);
			fd->message = bl_arena_printf(
				&doc->arena, "此处写%d年，同段又与%d年相比；报告年度为%d年，当期年份应为%d年",
				ft->period, Y - 1, Y, Y);
			fd->suggestion = bl_arena_printf(&doc->arena, "将此处年份改为%d年。", Y);
			bl_outcome_count(doc, BL_R_TEXT_YEAR_MISMATCH, BL_OUT_FAIL);
		}
	}
}

/* Does the text go on after the paragraph break at j, as a wrapped line or
 * a page break inside a sentence does (主要原因是⏎没有增加……)? It does
 * unless what follows opens a heading or a numbered item, or nothing does. */
static int continues(const bl_flow *f, size_t j)
{
	while (j < f->n && (f->cp[j] == '\n' || f->cp[j] == ' ' || f->cp[j] == BL_CP_IDEO_SPACE))
		j++;
	if (j >= f->n)
		return 0;
	uint32_t c = f->cp[j];
	/* （一） (1) 一、 第一部分 */
	if (c == BL_CP_FW_LPAREN || c == '(' || bl_cp_in(c, "一二三四五六七八九十第"))
		return 0;
	if (!is_digit(c))
		return 1;
	while (j < f->n && is_digit(f->cp[j]))
		j++;
	/* 1. 1、 1．: an item; 2018年…: the sentence */
	return !(j < f->n && bl_cp_in(f->cp[j], ".、．)）"));
}

static const struct {
	const char *phrase;
	int latin;
} leftovers[] = {
#define BL_LEFTOVER(phrase, latin) {phrase, latin},
#include "rules/wording.def"
};
static const char *const instructions[] = {
#define BL_INSTRUCTION(phrase) phrase,
#include "rules/wording.def"
};

static int is_latin(uint32_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || is_digit(c);
}

static void leftover_found(bl_doc *doc, size_t a, size_t b, const char *msg)
{
	bl_finding *fd = bl_wording_at(doc, BL_R_TEXT_TEMPLATE_LEFTOVER, a, b);
	fd->message = msg;
	fd->suggestion = "按实际情况填写，删除模板中的占位、二选一或填写说明文字。";
	bl_outcome_count(doc, BL_R_TEXT_TEMPLATE_LEFTOVER, BL_OUT_FAIL);
}

/* XX, 增加（减少）, （单位名称）: a placeholder of the template; its length, or 0. */
static size_t leftover(bl_doc *doc, size_t i)
{
	const bl_flow *f = &doc->flow;
	for (size_t k = 0; k < sizeof leftovers / sizeof leftovers[0]; k++) {
		size_t m = bl_flow_match(f, i, f->n, leftovers[k].phrase);
		if (!m)
			continue;
		if (leftovers[k].latin &&
		    ((i > 0 && is_latin(f->cp[i - 1])) || (i + m < f->n && is_latin(f->cp[i + m]))))
			return 0; /* part of a longer Latin word or a code */
		size_t e = i + m;
		if (leftovers[k].latin) /* XXXX: one placeholder */
			while (e < f->n && f->cp[e] == f->cp[i])
				e++;
		leftover_found(doc, i, e,
			       bl_arena_printf(&doc->arena, "模板占位文字“%s”未替换",
					       bl_flow_text(doc, i, e, 0, &doc->arena)));
		return e - i;
	}
	return 0;
}

/* （如持平作持平表述）: a bracket holding the template's instruction to its writer. */
static size_t instruction(bl_doc *doc, size_t i)
{
	const bl_flow *f = &doc->flow;
	uint32_t close = f->cp[i] == BL_CP_FW_LPAREN ? BL_CP_FW_RPAREN : f->cp[i] == '(' ? ')' : 0;
	if (!close)
		return 0;
	size_t e = i + 1;
	while (e < f->n && f->cp[e] != close && f->cp[e] != '\n' && e - i < 60)
		e++;
	if (e >= f->n || f->cp[e] != close)
		return 0;
	for (size_t k = 0; k < sizeof instructions / sizeof instructions[0]; k++)
		if (bl_flow_find(f, i + 1, e, instructions[k]) < e) {
			leftover_found(doc, i, e + 1,
				       bl_arena_printf(&doc->arena, "模板的填写说明「%s」未删除",
						       bl_flow_text(doc, i, e + 1, 0, &doc->arena)));
			return e + 1 - i;
		}
	return 0;
}

/* Words: 截止 before a time, template leftovers, empty reasons. */
static void word_patterns(bl_doc *doc)
{
	const bl_flow *f = &doc->flow;
	for (size_t i = 0; i < f->n; i++) {
		size_t m;
		/* 截止 + a time */
		if ((m = bl_flow_match(f, i, f->n, "截止"))) {
			size_t j = i + m;
			if (j < f->n && (f->cp[j] == 0x5230 || f->cp[j] == 0x81F3)) /* 截止到 / 截止至 */
				j++;
			if (j < f->n &&
			    (is_digit(f->cp[j]) || bl_flow_match(f, j, f->n, "上年") ||
			     bl_flow_match(f, j, f->n, "本年") || bl_flow_match(f, j, f->n, "年底"))) {
				bl_finding *fd = bl_wording_at(doc, BL_R_TEXT_JIEZHI, i, i + m);
				fd->message = "“截止”后接时间，应为“截至”";
				fd->suggestion = "将“截止”改为“截至”。";
				bl_outcome_count(doc, BL_R_TEXT_JIEZHI, BL_OUT_FAIL);
			}
		}
		size_t skip = leftover(doc, i);
		if (!skip)
			skip = instruction(doc, i);
		if (skip) {
			i += skip - 1;
			continue;
		}
		/* empty reason */
		static const char *const reasons[] = {"主要原因是", "主要原因：", "主要原因", "原因是"};
		for (size_t k = 0; k < 4; k++)
			if ((m = bl_flow_match(f, i, f->n, reasons[k]))) {
				size_t j = i + m;
				if (j < f->n &&
				    (f->cp[j] == 0x3002 || f->cp[j] == 0xFF1B ||
				     (f->cp[j] == '\n' && !continues(f, j))) &&
				    f->cp[j - 1] != 0x3002) {
					bl_finding *fd = bl_wording_at(doc, BL_R_TEXT_EMPTY_REASON, i, j + 1);
					fd->message = "原因说明为空";
					fd->suggestion = "写明增减变化的具体原因。";
					bl_outcome_count(doc, BL_R_TEXT_EMPTY_REASON, BL_OUT_FAIL);
				}
				i += m - 1;
				break;
			}
	}
}

void bl_rules_wording(bl_doc *doc)
{
	stray_chars(doc);
	spaces(doc);
	years(doc);
	word_patterns(doc);
	bl_wording_marks(doc);
}
