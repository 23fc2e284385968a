/* vocab.c - the cell vocabulary: what a cell, a header word or a title says.
 *
 * The words are data (columns.def, heads.def, cells.def, titles.def); this
 * file only matches them. Every grid builder and the table model read it;
 * it reads no grid. */
#include <string.h>

#include "table/vocab.h"

#define COUNT(a) (sizeof(a) / sizeof(a)[0])

/* Is s one of the n words, whole? */
static int is_one_of(const char *s, const char *const *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, w[i]) == 0)
			return 1;
	return 0;
}

/* Does s start with one of the n words? */
static int starts_with_one(const char *s, const char *const *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strncmp(s, w[i], strlen(w[i])) == 0)
			return 1;
	return 0;
}

/* Does s hold one of the n words? */
static int holds_one(const char *s, const char *const *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strstr(s, w[i]))
			return 1;
	return 0;
}

/* --- cells --- */

char *bl_tbl_squeeze(bl_arena *ar, const char *s, size_t n)
{
	char *out = bl_arena_alloc(ar, n + 1), *o = out;
	size_t i = 0;
	while (i < n) {
		int len;
		uint32_t c = bl_utf8_decode(s + i, n - i, &len);
		i += (size_t)len;
		if (c == ' ' || c == 0x3000 || c == '\t' || c == '\n' || c == '\f')
			continue;
		uint32_t f = bl_cp_fold(c);
		if (f == 0x3000)
			continue;
		char u[4];
		int k = bl_utf8_encode(f < 0x80 ? f : c, u);
		memcpy(o, u, (size_t)k);
		o += k;
	}
	*o = 0;
	return out;
}

static const char *const dashes[] = {
#define BL_DASH(phrase) phrase,
#include "table/cells.def"
};

int bl_tbl_dash(const char *s)
{
	return is_one_of(s, dashes, COUNT(dashes));
}

/* An amount: optional minus, digits with optional thousands commas, optional
 * decimals. */
int bl_tbl_amount(const char *s, bl_dec *out)
{
	size_t n = strlen(s);
	if (!n)
		return 0;
	size_t i = s[0] == '-' ? 1 : 0;
	int digits = 0;
	for (size_t k = i; k < n; k++) {
		if (s[k] >= '0' && s[k] <= '9')
			digits++;
		else if (s[k] != ',' && s[k] != '.')
			return 0;
	}
	return digits > 0 && bl_dec_parse(s, n, out) == BL_OK;
}

/* Digits-only code of 2..7 digits ("201", "06", "2080501"). */
int bl_tbl_code(const char *s)
{
	size_t n = strlen(s);
	if (n < 2 || n > 7)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static const struct {
	const char *phrase;
	int alone;
} totals[] = {
#define BL_TOTAL(phrase, alone) {phrase, alone},
#include "table/cells.def"
};

int bl_tbl_total_word(const char *s)
{
	for (size_t i = 0; i < COUNT(totals); i++)
		if (totals[i].alone && strcmp(s, totals[i].phrase) == 0)
			return 1;
	return 0;
}

bl_row_role bl_tbl_role(const char *code, const char *label)
{
	for (size_t i = 0; i < COUNT(totals); i++)
		if (totals[i].alone ? strstr(label, totals[i].phrase) != NULL
				    : strcmp(label, totals[i].phrase) == 0)
			return BL_ROW_TOTAL;
	switch (strlen(code)) {
	case 3: return BL_ROW_CLASS;
	case 5: return BL_ROW_KUAN;
	case 7: return BL_ROW_XIANG;
	default: return BL_ROW_ITEM;
	}
}

/* Label numbering, by the same marker parser as the section headings:
 * 1 一、  2 （一）  3 1、/1.  4 （1）; 0 none. */
int bl_tbl_enumer(const char *s)
{
	uint32_t cp[8];
	size_t n = 0, i = 0, len = strlen(s), end;
	while (n < 8 && i < len) {
		int k;
		cp[n++] = bl_utf8_decode(s + i, len - i, &k);
		i += (size_t)k;
	}
	int level = bl_marker_parse(cp, 0, n, &end);
	return level >= 2 ? level - 1 : 0;
}

static const char *const notes[] = {
#define BL_NOTE(phrase) phrase,
#include "table/titles.def"
};

int bl_tbl_note(const char *s)
{
	return starts_with_one(s, notes, COUNT(notes));
}

static const char *const note_words[] = {
#define BL_NOTE_WORD(phrase) phrase,
#include "table/titles.def"
};

int bl_tbl_note_word(const char *s)
{
	return is_one_of(s, note_words, COUNT(note_words));
}

/* --- the header --- */

static const char *const head_words[] = {
#define BL_HEAD_WORD(phrase) phrase,
#include "table/heads.def"
};

int bl_tbl_header_word(const char *s)
{
	return is_one_of(s, head_words, COUNT(head_words));
}

typedef struct head_part {
	const char *phrase;
	int seg; /* as one '/'-part of the path, else anywhere in it */
} head_part;

static const head_part code_heads[] = {
#define BL_CODE_HEAD(phrase, seg) {phrase, seg},
#include "table/heads.def"
};

static const head_part label_heads[] = {
#define BL_LABEL_HEAD(phrase, seg) {phrase, seg},
#include "table/heads.def"
};

/* Is part one of the '/'-separated parts of the header path name? */
static int has_seg(const char *name, const char *part)
{
	size_t n = strlen(part);
	for (const char *p = name; (p = strstr(p, part)); p++)
		if ((p == name || p[-1] == '/') && (p[n] == 0 || p[n] == '/'))
			return 1;
	return 0;
}

static int path_holds(const char *path, const head_part *h, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (h[i].seg ? has_seg(path, h[i].phrase) : strstr(path, h[i].phrase) != NULL)
			return 1;
	return 0;
}

int bl_tbl_names_codes(const char *path)
{
	return path_holds(path, code_heads, COUNT(code_heads));
}

int bl_tbl_names_labels(const char *path)
{
	return path_holds(path, label_heads, COUNT(label_heads));
}

static const char *const text_head_words[] = {
#define BL_TEXT_HEAD_WORD(phrase) phrase,
#include "table/heads.def"
};

int bl_tbl_text_head_word(const char *s)
{
	return bl_tbl_header_word(s) || is_one_of(s, text_head_words, COUNT(text_head_words));
}

static const char *const text_label_heads[] = {
#define BL_TEXT_LABEL_HEAD(phrase) phrase,
#include "table/heads.def"
};

static const char *const text_label_parts[] = {
#define BL_TEXT_LABEL_PART(phrase) phrase,
#include "table/heads.def"
};

int bl_tbl_label_head(const char *s)
{
	if (bl_tbl_text_head_word(s) || is_one_of(s, text_label_heads, COUNT(text_label_heads)))
		return 1;
	if (bl_tbl_column_word(s))
		return 0;
	return holds_one(s, text_label_parts, COUNT(text_label_parts));
}

static const char *const half_heads[] = {
#define BL_HALF_HEAD(phrase) phrase,
#include "table/heads.def"
};

int bl_tbl_half_head(const char *s)
{
	return is_one_of(s, half_heads, COUNT(half_heads));
}

static const char *const code_names[] = {
#define BL_TEXT_CODE_NAME(phrase) phrase,
#include "table/heads.def"
};

int bl_tbl_code_name(const char *s)
{
	return holds_one(s, code_names, COUNT(code_names));
}

const char *bl_tbl_code_name_default(void)
{
	return code_names[0];
}

static const struct {
	const char *phrase;
	int whole; /* the whole token, else anywhere in it */
} label_names[] = {
#define BL_TEXT_LABEL_NAME(phrase, whole) {phrase, whole},
#include "table/heads.def"
};

int bl_tbl_label_name(const char *s)
{
	for (size_t i = 0; i < COUNT(label_names); i++) {
		const char *w = label_names[i].phrase;
		if (label_names[i].whole ? strcmp(s, w) == 0 : strstr(s, w) != NULL)
			return 1;
	}
	return 0;
}

/* --- column names --- */

static const char *const col_keys[BL_TCOL_KEYS] = {
#define BL_COLKEY(id, key) [BL_TCOL_##id] = key,
#include "table/columns.def"
};

const char *bl_tcol_key(bl_tcol_id id)
{
	return (unsigned)id < BL_TCOL_KEYS ? col_keys[id] : "";
}

typedef struct col_word {
	const char *phrase;
	bl_tcol_id key;
} col_word;

static const col_word col_words[] = {
#define BL_COLUMN(phrase, id) {phrase, BL_TCOL_##id},
#include "table/columns.def"
};

/* Matched on the name with spaces removed, exactly first, then as the
 * longest contained phrase (the first of equal length). */
const char *bl_tbl_column_key(const char *name)
{
	for (size_t i = 0; i < COUNT(col_words); i++)
		if (strcmp(name, col_words[i].phrase) == 0)
			return col_keys[col_words[i].key];
	const char *best = "";
	size_t bestn = 0;
	for (size_t i = 0; i < COUNT(col_words); i++) {
		size_t n = strlen(col_words[i].phrase);
		if (n > bestn && strstr(name, col_words[i].phrase)) {
			best = col_keys[col_words[i].key];
			bestn = n;
		}
	}
	return best;
}

static const struct {
	const char *phrase, *basis;
} basis_words[] = {
#define BL_BASIS(phrase, basis) {phrase, basis},
#include "table/columns.def"
};

const char *bl_tbl_basis_word(const char *s)
{
	for (size_t i = 0; s && i < COUNT(basis_words); i++)
		if (strcmp(s, basis_words[i].phrase) == 0)
			return basis_words[i].basis;
	return NULL;
}

int bl_tbl_column_word(const char *s)
{
	return *bl_tbl_column_key(s) || bl_tbl_basis_word(s);
}

/* --- titles and captions --- */

static const char *const title_not[] = {
#define BL_TITLE_NOT(phrase) phrase,
#include "table/titles.def"
};

static const char *const title_other[] = {
#define BL_TITLE_OTHER(phrase) phrase,
#include "table/titles.def"
};

typedef struct title_kind {
	bl_table_kind kind;
	int end;             /* the title must end in a title_ends phrase */
	const char *must[3]; /* every phrase must occur in the title */
} title_kind;

static const title_kind title_kinds[] = {
#define BL_TITLE(kind, end, a, b, c) {BL_TABLE_##kind, end, {a, b, c}},
#include "table/titles.def"
};

static const char *const title_ends[] = {
#define BL_TITLE_END(phrase) phrase,
#include "table/titles.def"
};

static int ends_with_one(const char *t, const char *const *w, size_t nw)
{
	size_t n = strlen(t);
	for (size_t i = 0; i < nw; i++) {
		size_t m = strlen(w[i]);
		if (n >= m && strcmp(t + n - m, w[i]) == 0)
			return 1;
	}
	return 0;
}

static bl_table_kind kind_of_title(const char *t)
{
	size_t n = strlen(t);
	/* a title ends in 表 and is not a contents line or a sentence */
	if (n < 9 || n > 150 || strcmp(t + n - 3, "表") != 0 || holds_one(t, title_not, COUNT(title_not)))
		return BL_TABLE_KINDS;
	if (holds_one(t, title_other, COUNT(title_other)))
		return BL_TABLE_OTHER;
	for (size_t i = 0; i < COUNT(title_kinds); i++) {
		const title_kind *k = &title_kinds[i];
		int ok = 1;
		for (int j = 0; j < 3 && k->must[j]; j++)
			if (!strstr(t, k->must[j]))
				ok = 0;
		if (ok && k->end && !ends_with_one(t, title_ends, COUNT(title_ends)))
			ok = 0;
		if (ok)
			return k->kind;
	}
	return BL_TABLE_OTHER;
}

const char *bl_tbl_title_tail(const char *t)
{
	const char *last = NULL;
	for (const char *q = strstr(t, "。"); q; q = strstr(q + 3, "。"))
		last = q + 3;
	return last ? last : t;
}

static const char *const title_nums[] = {
#define BL_TITLE_NUM(phrase) phrase,
#include "table/titles.def"
};

/* The bytes of the numerals at s: 11, 01, 一, 十二, 3-1. */
static size_t numeral_run(const char *s)
{
	static const char *const cn[] = {"〇", "零", "一", "二", "三", "四",
					 "五", "六", "七", "八", "九", "十"};
	size_t n = 0;
	for (;;) {
		if ((s[n] >= '0' && s[n] <= '9') ||
		    (n && s[n] == '-' && s[n + 1] >= '0' && s[n + 1] <= '9')) {
			n++;
			continue;
		}
		size_t k = 0;
		for (size_t i = 0; i < COUNT(cn) && !k; i++)
			if (!strncmp(s + n, cn[i], strlen(cn[i])))
				k = strlen(cn[i]);
		if (!k)
			return n;
		n += k;
	}
}

static size_t starts_len(const char *s, const char *w)
{
	return strncmp(s, w, strlen(w)) == 0 ? strlen(w) : 0;
}

/* The bytes of a table numbering at s, separator included, or 0: 公开11表：,
 * 表一、, 附表3, 01表. */
static size_t numbering_at(const char *s)
{
	const char *p = s;
	for (size_t i = 0; i < COUNT(title_nums); i++)
		if (starts_len(p, title_nums[i])) {
			p += strlen(title_nums[i]);
			break;
		}
	size_t lead = starts_len(p, "表");
	p += lead;
	size_t nd = numeral_run(p);
	if (!nd)
		return 0;
	p += nd;
	if (!lead) {
		if (!starts_len(p, "表"))
			return 0;
		p += strlen("表");
	}
	static const char *const seps[] = {"：", ":", "、", ".", "．", "-", "—"};
	for (size_t i = 0; i < COUNT(seps); i++)
		if (starts_len(p, seps[i])) {
			p += strlen(seps[i]);
			break;
		}
	return (size_t)(p - s);
}

/* Copies title t without its numbering (before it, or after it, bracketed
 * or not) into out (cap bytes); "" when t is a numbering alone. */
static void title_unnumbered(const char *t, char *out, size_t cap)
{
	t = bl_tbl_title_tail(t);
	t += numbering_at(t);
	size_t n = strlen(t);
	if (n >= cap)
		n = cap - 1;
	memcpy(out, t, n);
	out[n] = 0;
	static const char *const opens[] = {"（", "("}, *const closes[] = {"）", ")"};
	for (size_t k = 0; k < COUNT(opens); k++) {
		size_t m = strlen(closes[k]), mo = strlen(opens[k]);
		if (n <= m || strcmp(out + n - m, closes[k]) != 0)
			continue;
		char *o = NULL; /* the last opening bracket */
		for (char *q = strstr(out, opens[k]); q; q = strstr(q + 1, opens[k]))
			o = q;
		if (o && numbering_at(o + mo) == (size_t)(out + n - m - (o + mo))) {
			*o = 0;
			return;
		}
	}
	for (size_t i = 1; i < n; i++)
		if (((unsigned char)out[i] & 0xC0) != 0x80 && numbering_at(out + i) == n - i) {
			out[i] = 0;
			return;
		}
}

int bl_tbl_numbering(const char *s)
{
	return *s && numbering_at(s) == strlen(s);
}

const char *bl_tbl_title_text(bl_arena *ar, const char *t)
{
	char buf[512];
	title_unnumbered(t, buf, sizeof buf);
	return bl_arena_strndup(ar, buf, strlen(buf));
}

bl_table_kind bl_tbl_title_kind(const char *t)
{
	char buf[512];
	title_unnumbered(t, buf, sizeof buf);
	return kind_of_title(buf);
}

const char *bl_tbl_caption_at(const char *s)
{
	return strstr(s, "单位");
}

static const char *const captions[] = {
#define BL_CAPTION(phrase) phrase,
#include "table/titles.def"
};

int bl_tbl_caption(const char *s)
{
	return starts_with_one(s, captions, COUNT(captions));
}

static const struct {
	const char *phrase;
	int unit;
} units[] = {
#define BL_UNIT(phrase, unit) {phrase, unit},
#include "table/titles.def"
};

int bl_tbl_unit(const char *s)
{
	const char *u = bl_tbl_caption_at(s);
	for (size_t i = 0; u && i < COUNT(units); i++)
		if (strstr(u, units[i].phrase))
			return units[i].unit;
	return 0;
}

static const char *const no_data[] = {
#define BL_NO_DATA(phrase) phrase,
#include "table/titles.def"
};

static const char *const no_data_neg[] = {
#define BL_NO_DATA_NEG(phrase) phrase,
#include "table/titles.def"
};

static const char *const no_data_of[] = {
#define BL_NO_DATA_OF(phrase) phrase,
#include "table/titles.def"
};

static const char *const no_data_not[] = {
#define BL_NO_DATA_NOT(phrase) phrase,
#include "table/titles.def"
};

static const char *const clause_stops[] = {"，", "；", "。", ",", ";", "："};

/* Where the clause holding s ends: the next ，；。 or the string's end. */
static const char *clause_end(const char *s)
{
	const char *end = s + strlen(s);
	for (size_t i = 0; i < COUNT(clause_stops); i++) {
		const char *q = strstr(s, clause_stops[i]);
		if (q && q < end)
			end = q;
	}
	return end;
}

/* Where the clause holding at (inside s) begins. */
static const char *clause_start(const char *s, const char *at)
{
	const char *start = s;
	for (size_t i = 0; i < COUNT(clause_stops); i++)
		for (const char *q = strstr(s, clause_stops[i]); q && q < at;
		     q = strstr(q + 1, clause_stops[i]))
			if (q + strlen(clause_stops[i]) > start)
				start = q + strlen(clause_stops[i]);
	return start;
}

/* Does a clause of s deny having anything: a negation with what it
 * denies after it in the same clause (本部门无该项目, 本单位无政府性基金预算收支)? */
static int denies(const char *s)
{
	for (size_t i = 0; i < COUNT(no_data_neg); i++)
		for (const char *q = strstr(s, no_data_neg[i]); q; q = strstr(q + 1, no_data_neg[i])) {
			const char *end = clause_end(q);
			for (size_t j = 0; j < COUNT(no_data_of); j++) {
				const char *o = strstr(q + strlen(no_data_neg[i]), no_data_of[j]);
				if (o && o + strlen(no_data_of[j]) <= end)
					return 1;
			}
		}
	return 0;
}

/* A line near a table says it is empty by intent: in so many words
 * anywhere (本表无数据, 故本表为空), or a note (注：, 说明：) denying having
 * anything (注：本部门无相关收支项目); a sentence of the narrative below the
 * table saying 没有…事项支出 speaks of one item, not of the table, and a
 * legend (“-”表示无数据) of a mark. */
int bl_tbl_no_data(const char *s)
{
	if (holds_one(s, no_data_not, COUNT(no_data_not)))
		return 0;
	return holds_one(s, no_data, COUNT(no_data)) || (bl_tbl_note(s) && denies(s));
}

static const struct {
	bl_table_kind kind;
	const char *phrase;
} empty_subjects[] = {
#define BL_EMPTY_SUBJECT(kind, phrase) {BL_TABLE_##kind, phrase},
#include "table/titles.def"
};

const char *bl_tbl_empty_subject(bl_table_kind k)
{
	for (size_t i = 0; i < COUNT(empty_subjects); i++)
		if (empty_subjects[i].kind == k)
			return empty_subjects[i].phrase;
	return NULL;
}

/* The amount at s (digits, then 万元 or 元), not inside a longer number:
 * 1 nonzero, 0 zero (为零 too), -1 none. */
static int amount_at(const char *s, const char *start)
{
	if (starts_len(s, "为零"))
		return 0;
	if (*s < '0' || *s > '9' ||
	    (s > start && ((s[-1] >= '0' && s[-1] <= '9') || s[-1] == '.' || s[-1] == ',')))
		return -1;
	int nonzero = 0;
	for (; (*s >= '0' && *s <= '9') || *s == '.' || *s == ','; s++)
		nonzero |= *s >= '1' && *s <= '9';
	return starts_len(s, "万元") || starts_len(s, "元") ? nonzero : -1;
}

/* The clause of s around at, copied into buf (cap bytes). */
static void clause_at(const char *s, const char *at, char *buf, size_t cap)
{
	const char *b = clause_start(s, at), *e = clause_end(at);
	size_t n = (size_t)(e - b) < cap ? (size_t)(e - b) : cap - 1;
	memcpy(buf, b, n);
	buf[n] = 0;
}

/* Does a clause of s naming subject say it has nothing (want 0: 无…收支,
 * 为空, 0万元, 为零) or state an amount of it other than zero (want 1)? */
static int clause_says(const char *s, const char *subject, int want)
{
	for (const char *at = strstr(s, subject); at; at = strstr(at + 1, subject)) {
		char c[512];
		clause_at(s, at, c, sizeof c);
		if (!want && (holds_one(c, no_data, COUNT(no_data)) || denies(c)))
			return 1;
		for (const char *q = c; *q; q++)
			if (amount_at(q, c) == want)
				return 1;
	}
	return 0;
}

int bl_tbl_says_nothing(const char *s, const char *subject)
{
	return clause_says(s, subject, 0);
}

int bl_tbl_says_some(const char *s, const char *subject)
{
	return clause_says(s, subject, 1);
}
