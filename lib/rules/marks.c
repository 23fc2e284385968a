/* marks.c - the marks of the text: doubled punctuation, gaps left to fill,
 * conversion artefacts, 占 without %, doubled words, unbalanced brackets and
 * quotes, ASCII punctuation between Chinese characters. The words are data
 * (wording.def); the flow (lib/read/flow.c) is the text without tables and
 * contents pages, its wrapped lines joined, a paragraph a line. */
#include <string.h>

#include "rules/rules.h"

static const char *const gaps[] = {
#define BL_GAP(phrase) phrase,
#include "rules/wording.def"
};
static const char *const empty_amount_before[] = {
#define BL_EMPTY_AMOUNT(phrase) phrase,
#include "rules/wording.def"
};
static const char *const doubled[] = {
#define BL_DOUBLED(phrase) phrase,
#include "rules/wording.def"
};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* 。。 is a slip a reviewer lists (warning); ，， ，。 and the like are noted (info). */
static size_t double_punct(bl_doc *doc, size_t i)
{
	const bl_flow *f = &doc->flow;
	static const char marks[] = "。，；、：";
	if (i + 1 >= f->n || !bl_cp_in(f->cp[i], marks) || !bl_cp_in(f->cp[i + 1], marks))
		return 0;
	int stops = f->cp[i] == BL_CP_IDEO_STOP && f->cp[i + 1] == BL_CP_IDEO_STOP;
	bl_finding *fd = bl_wording_at(doc, BL_R_TEXT_DOUBLE_PUNCT, i, i + 2);
	fd->severity = stops ? BL_SEV_WARNING : BL_SEV_INFO;
	fd->message = stops ? "句号重复“。。”" : "标点重复";
	fd->suggestion = "删除多余的标点。";
	bl_outcome_count(doc, BL_R_TEXT_DOUBLE_PUNCT, BL_OUT_FAIL);
	return 2;
}

static void gap_found(bl_doc *doc, size_t a, size_t b, const char *what)
{
	bl_finding *fd = bl_wording_at(doc, BL_R_TEXT_GAP, a, b);
	fd->message = bl_arena_printf(&doc->arena, "%s“%s”", what, bl_flow_text(doc, a, b, 0, &doc->arena));
	fd->suggestion = "补写所缺的内容后再公开。";
	bl_outcome_count(doc, BL_R_TEXT_GAP, BL_OUT_FAIL);
}

/* 【待补充：…】, （待补充）, 待填写, （略）, ……: a gap left to fill. */
static size_t gap(bl_doc *doc, size_t i)
{
	const bl_flow *f = &doc->flow;
	size_t m = bl_flow_match(f, i, f->n, "待补充");
	if (m && i > 0 && (f->cp[i - 1] == BL_CP_LBLACKLENT || f->cp[i - 1] == BL_CP_FW_LPAREN)) {
		size_t j = i + m;
		while (j < f->n && f->cp[j] != BL_CP_RBLACKLENT && f->cp[j] != BL_CP_FW_RPAREN && j - i < 80)
			j++;
		gap_found(doc, i - 1, j < f->n ? j + 1 : j, "留有待补充的空缺");
		return m;
	}
	for (size_t k = 0; k < COUNT(gaps); k++)
		if ((m = bl_flow_match(f, i, f->n, gaps[k]))) {
			size_t e = i + m;
			while (e < f->n && f->cp[e] == BL_CP_ELLIPSIS)
				e++; /* a longer run of dots leads to a page number: a contents line */
			if (e - i > m)
				return e - i;
			gap_found(doc, i, e, "留有未填写的内容");
			return m;
		}
	return 0;
}

/* 支出万元, 增加万元: an amount whose figure is missing. Not 单位为万元, nor
 * 万元以上 (a threshold). */
static size_t empty_amount(bl_doc *doc, size_t i)
{
	const bl_flow *f = &doc->flow;
	for (size_t k = 0; k < COUNT(empty_amount_before); k++) {
		size_t m = bl_flow_match(f, i, f->n, empty_amount_before[k]);
		if (!m || !bl_flow_match(f, i + m, f->n, "万元"))
			continue;
		size_t e = i + m + 2;
		if (bl_flow_rfind(f, i > 4 ? i - 4 : 0, i, "单位") < i || bl_flow_match(f, e, f->n, "以上") ||
		    bl_flow_match(f, e, f->n, "以下") || bl_flow_match(f, e, f->n, "以内"))
			return 0;
		gap_found(doc, i, e, "金额未填写");
		return e - i;
	}
	return 0;
}

/* [bookmark: …], HTML entities, XML tags, U+FFFD: a conversion's traces. */
static size_t artefact(bl_doc *doc, size_t i)
{
	const bl_flow *f = &doc->flow;
	static const char *const art[] = {"[bookmark:", "&nbsp;", "&amp;", "&lt;", "&gt;", "<w:", "</"};
	if (f->cp[i] == 0xFFFD) {
		bl_finding *fd = bl_wording_at(doc, BL_R_TEXT_ARTEFACT, i, i + 1);
		fd->message = "无法解码的字符（U+FFFD）";
		fd->suggestion = "检查原文件编码或转换过程。";
		bl_outcome_count(doc, BL_R_TEXT_ARTEFACT, BL_OUT_FAIL);
		return 1;
	}
	for (size_t k = 0; k < COUNT(art); k++) {
		size_t m = bl_flow_match(f, i, f->n, art[k]);
		if (!m)
			continue;
		size_t j = i + m;
		if (k == 0)
			while (j < f->n && f->cp[j] != ']' && j - i < 60)
				j++;
		size_t e = j < f->n ? j + (k == 0) : j;
		bl_finding *fd = bl_wording_at(doc, BL_R_TEXT_ARTEFACT, i, e);
		fd->message = bl_arena_printf(&doc->arena, "格式转换残留“%s”",
					      bl_flow_text(doc, i, j + (k == 0), 0, &doc->arena));
		fd->suggestion = "删除转换残留。";
		bl_outcome_count(doc, BL_R_TEXT_ARTEFACT, BL_OUT_FAIL);
		return 0; /* the flow goes on inside it as before */
	}
	return 0;
}

/* 占 + a figure + a clause mark, without %. */
static void share_no_percent(bl_doc *doc, size_t i)
{
	const bl_flow *f = &doc->flow;
	if (f->cp[i] != 0x5360 || i + 1 >= f->n || !bl_cp_is_digit(f->cp[i + 1])) /* 占 */
		return;
	size_t j = i + 1;
	while (j < f->n && (bl_cp_is_digit(f->cp[j]) || f->cp[j] == '.'))
		j++;
	size_t u = j;
	while (u < f->n && f->cp[u] == ' ')
		u++;
	/* an ASCII ; or , after the figure ends the clause as well */
	if (u < f->n && (bl_wording_punct(f->cp[u]) || f->cp[u] == ';' || f->cp[u] == ',')) {
		bl_finding *fd = bl_wording_at(doc, BL_R_TEXT_SHARE_NO_PERCENT, i, j);
		fd->message = bl_arena_printf(&doc->arena, "占比“%s”缺少百分号",
					      bl_flow_text(doc, i, j, 0, &doc->arena));
		fd->suggestion = "在数字后补“%”。";
		bl_outcome_count(doc, BL_R_TEXT_SHARE_NO_PERCENT, BL_OUT_FAIL);
	}
}

/* Decimals a percent is printed with, at most (the templates print one or two). */
#define PCT_DECIMALS 2

/* 12.345%: a percent printed with more decimals than a disclosure uses. */
static size_t pct_decimals(bl_doc *doc, size_t i)
{
	const bl_flow *f = &doc->flow;
	if (f->cp[i] != '.' || i == 0 || !bl_cp_is_digit(f->cp[i - 1]))
		return 0;
	size_t j = i + 1;
	while (j < f->n && bl_cp_is_digit(f->cp[j]))
		j++;
	if (j - i - 1 <= PCT_DECIMALS || j >= f->n || (f->cp[j] != '%' && f->cp[j] != BL_CP_FW_PERCENT))
		return 0;
	size_t a = i - 1;
	while (a > 0 && bl_cp_is_digit(f->cp[a - 1]))
		a--;
	bl_finding *fd = bl_wording_at(doc, BL_R_TEXT_PCT_DECIMALS, a, j + 1);
	fd->message = bl_arena_printf(&doc->arena, "百分比“%s”的小数超过%d位",
				      bl_flow_text(doc, a, j + 1, 0, &doc->arena), PCT_DECIMALS);
	fd->suggestion = "百分比保留一至两位小数（四舍五入）。";
	bl_outcome_count(doc, BL_R_TEXT_PCT_DECIMALS, BL_OUT_FAIL);
	return j + 1 - i;
}

/* 增加增加, 预算预算: a word written twice running. */
static size_t doubled_word(bl_doc *doc, size_t i)
{
	const bl_flow *f = &doc->flow;
	for (size_t k = 0; k < COUNT(doubled); k++) {
		size_t m = bl_flow_match(f, i, f->n, doubled[k]);
		if (!m || !bl_flow_match(f, i + m, f->n, doubled[k]))
			continue;
		bl_finding *fd = bl_wording_at(doc, BL_R_TEXT_DUP_WORD, i, i + 2 * m);
		fd->message = bl_arena_printf(&doc->arena, "“%s”重复", doubled[k]);
		fd->suggestion = bl_arena_printf(&doc->arena, "删除重复的“%s”。", doubled[k]);
		bl_outcome_count(doc, BL_R_TEXT_DUP_WORD, BL_OUT_FAIL);
		return 2 * m;
	}
	return 0;
}

/* The bracket pairs the text must balance; an ASCII parenthesis closes a
 * full-width one as well (（款) is a width slip, not an open bracket). */
static const uint32_t openers[] = {BL_CP_FW_LPAREN, '(', BL_CP_LDQUO, BL_CP_LDANGLE, BL_CP_LBLACKLENT, 0};
/* a quote closed with the full-width straight quote ＂ is closed, if by a wrong glyph */
static const uint32_t closers[] = {BL_CP_FW_RPAREN,  ')',           BL_CP_RDQUO, BL_CP_RDANGLE,
				   BL_CP_RBLACKLENT, BL_CP_FW_QUOTE};
static const int family[] = {0, 0, 1, 2, 3, 1};
/* each family's own marks, as a message names them */
static const uint32_t family_open[] = {BL_CP_FW_LPAREN, BL_CP_LDQUO, BL_CP_LDANGLE, BL_CP_LBLACKLENT};
static const uint32_t family_close[] = {BL_CP_FW_RPAREN, BL_CP_RDQUO, BL_CP_RDANGLE, BL_CP_RBLACKLENT};
#define NBRACKETS (sizeof openers / sizeof openers[0])
/* Brackets open at once, at most, that are followed (no prose nests deeper). */
#define MAX_OPEN 16
/* Paragraphs a bracket may stay open over: a line the flow did not join to
 * its sentence (a page break, a table's cell) may hold its other half. */
#define OPEN_PARAS 3

static int bracket_of(uint32_t c, const uint32_t *set)
{
	for (size_t k = 0; k < NBRACKETS; k++)
		if (set[k] == c)
			return (int)k;
	return -1;
}

/* 1）人员经费 and 一）: a list's own closing bracket, at a paragraph's start. */
static int list_marker(const bl_flow *f, size_t p, size_t i)
{
	return i > p && i - p <= 3 &&
	       (bl_cp_is_digit(f->cp[i - 1]) || bl_cp_in(f->cp[i - 1], "一二三四五六七八九十"));
}

static void unbalanced(bl_doc *doc, size_t at, uint32_t c, int closing)
{
	bl_finding *fd = bl_wording_at(doc, BL_R_TEXT_BRACKETS, at, at + 1);
	static const char *const names[] = {"括号", "引号", "书名号", "方头括号"};
	int fam = family[bracket_of(c, closing ? closers : openers)];
	char open[5], close[5];
	open[bl_utf8_encode(family_open[fam], open)] = 0;
	close[bl_utf8_encode(family_close[fam], close)] = 0;
	const char *name = names[fam];
	fd->message = closing ? bl_arena_printf(&doc->arena, "右%s「%s」前没有与之对应的左%s「%s」", name,
						close, name, open)
			      : bl_arena_printf(&doc->arena, "左%s「%s」之后没有与之对应的右%s「%s」", name,
						open, name, close);
	fd->suggestion =
		closing ? bl_arena_printf(&doc->arena, "在相应位置补上左%s「%s」，或删除多余的一个。", name,
					  open)
			: bl_arena_printf(&doc->arena, "在相应位置补上右%s「%s」，或删除多余的一个。", name,
					  close);
	bl_outcome_count(doc, BL_R_TEXT_BRACKETS, BL_OUT_FAIL);
}

/* The brackets still open: where, which family, in which paragraph. */
typedef struct open_set {
	size_t at[MAX_OPEN];
	int fam[MAX_OPEN], para[MAX_OPEN];
	int n;
} open_set;

/* Paragraph number para, [p, e): its brackets against those still open.
 * One finding a paragraph at most; an opener is given up (reported) once
 * OPEN_PARAS paragraphs went by without its closer. */
static void brackets(bl_doc *doc, open_set *o, int para, size_t p, size_t e)
{
	const bl_flow *f = &doc->flow;
	int said = 0;
	for (size_t i = p; i < e; i++) {
		int k = bracket_of(f->cp[i], openers);
		if (k >= 0) {
			if (o->n == MAX_OPEN)
				return;
			o->at[o->n] = i, o->fam[o->n] = family[k], o->para[o->n++] = para;
			continue;
		}
		if ((k = bracket_of(f->cp[i], closers)) < 0)
			continue;
		/* an earlier paragraph's bracket may close in this one: the
		 * flow leaves a sentence broken over a page or a table's cells */
		if (o->n && o->fam[o->n - 1] == family[k]) {
			o->n--;
		} else if (!said && !(o->n == 0 && list_marker(f, p, i))) {
			unbalanced(doc, i, f->cp[i], 1);
			said = 1;
			o->n = 0; /* what was open before the stray closer is not judged again */
		}
	}
	int keep = 0;
	for (int j = 0; j < o->n; j++)
		if (para - o->para[j] >= OPEN_PARAS - 1) {
			if (!said)
				unbalanced(doc, o->at[j], f->cp[o->at[j]], 0);
			said = 1;
		} else {
			o->at[keep] = o->at[j], o->fam[keep] = o->fam[j], o->para[keep++] = o->para[j];
		}
	o->n = keep;
}

/* Places where a text typed with ASCII punctuation is a habit, not a slip:
 * from here on, a warning. */
#define ASCII_HABIT 3

/* ASCII , and ; between Chinese characters: one finding for the document,
 * its places counted. Not the colon: labels (注:, 单位:) and the official
 * templates' own sentences (其中:因公出国（境）费…) print it so. */
static void ascii_punct(bl_doc *doc)
{
	const bl_flow *f = &doc->flow;
	size_t first = 0, n = 0;
	for (size_t i = 1; i + 1 < f->n; i++)
		if ((f->cp[i] == ',' || f->cp[i] == ';') && bl_cp_is_han(f->cp[i - 1]) &&
		    (bl_cp_is_han(f->cp[i + 1]) ||
		     (f->cp[i + 1] == ' ' && i + 2 < f->n && bl_cp_is_han(f->cp[i + 2])))) {
			if (!n++)
				first = i;
		}
	bl_outcome_count(doc, BL_R_TEXT_ASCII_PUNCT, n ? BL_OUT_FAIL : BL_OUT_PASS);
	if (!n)
		return;
	bl_finding *fd = bl_wording_at(doc, BL_R_TEXT_ASCII_PUNCT, first, first + 1);
	if (n < ASCII_HABIT)
		fd->severity = BL_SEV_INFO;
	fd->message = n == 1 ? "中文之间使用了半角标点"
			     : bl_arena_printf(&doc->arena,
					       "中文之间使用了半角标点，全文共 %zu 处（此为第一处）", n);
	fd->suggestion = "改用全角标点（，；）。";
}

void bl_wording_marks(bl_doc *doc)
{
	const bl_flow *f = &doc->flow;
	open_set open = {.n = 0};
	size_t start = 0;
	int para = 0;
	for (size_t i = 0; i < f->n; i++) {
		if (f->cp[i] == '\n') {
			brackets(doc, &open, para++, start, i);
			start = i + 1;
			continue;
		}
		size_t skip = double_punct(doc, i);
		if (!skip)
			skip = gap(doc, i);
		if (!skip)
			skip = empty_amount(doc, i);
		if (!skip)
			skip = doubled_word(doc, i);
		if (!skip)
			skip = pct_decimals(doc, i);
		if (!skip)
			skip = artefact(doc, i);
		share_no_percent(doc, i);
		if (skip > 1)
			i += skip - 1;
	}
	brackets(doc, &open, para, start, f->n);
	for (int k = 0; k < OPEN_PARAS; k++) /* the last ones' openers too */
		brackets(doc, &open, ++para, f->n, f->n);
	ascii_punct(doc);
}
