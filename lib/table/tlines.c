/* tlines.c - the lines of laid-out text as tokens, and what each line is:
 * a title, a caption, a note, prose, a header line, a data line. */
#include <string.h>

#include "table/ttable.h"

/* --- tokens --- */

static int is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == 0x3000 || c == '\f' || c == '\r';
}

/* The kind of the piece [off, off + len): a figure (or dash) or text. Read
 * from a scratch copy, released as it fills: only whole tokens are kept. */
static int piece_kind(bl_doc *doc, bl_arena *tmp, size_t *used, size_t off, size_t len)
{
	if (*used > ((size_t)1 << 20)) {
		bl_arena_release(tmp);
		*used = 0;
	}
	*used += len + 16;
	const char *s = bl_tbl_squeeze(tmp, doc->bytes + off, len);
	bl_dec d;
	return bl_tbl_amount(s, &d) || bl_tbl_dash(s) ? T_NUM : T_TEXT;
}

/* Splits a line at spaces; pieces of text one space apart stay one token
 * ("上海市 XX 局"), figures never join. The tokens' text goes into keep,
 * squeezed once each token is whole: squeezing a joined token at every
 * piece made a line of many pieces quadratic in time and arena memory. */
int bl_tt_tokenize(bl_doc *doc, size_t li, tok **out, bl_arena *keep)
{
	const bl_line *l = &doc->lines[li];
	tok *t = NULL;
	size_t n = 0, cap = 0;
	size_t i = 0;
	int x = 0;
	bl_arena tmp = BL_ARENA_INIT;
	size_t used = 0;
	while (i < l->len) {
		int len;
		uint32_t c = bl_utf8_decode(doc->bytes + l->off + i, l->len - i, &len);
		if (is_space(c)) {
			i += (size_t)len;
			x += c != '\f'; /* a page's form feed takes no column */
			continue;
		}
		tok *k = BL_PUSH(t, n, cap);
		k->x0 = x;
		k->off = l->off + i;
		while (i < l->len) {
			c = bl_utf8_decode(doc->bytes + l->off + i, l->len - i, &len);
			if (is_space(c))
				break;
			i += (size_t)len;
			x++;
		}
		k->x1 = x;
		k->len = l->off + i - k->off;
		/* a code glued to its label ("310资本性支出") is two cells */
		size_t dg = 0;
		while (dg < k->len && doc->bytes[k->off + dg] >= '0' && doc->bytes[k->off + dg] <= '9')
			dg++;
		if ((dg == 3 || dg == 5 || dg == 7) && dg < k->len &&
		    (unsigned char)doc->bytes[k->off + dg] >= 0xE2) {
			tok rest = *k;
			k->len = dg;
			k->x1 = k->x0 + (int)dg;
			k->kind = T_NUM;
			k->part = 0;
			rest.off += dg;
			rest.len -= dg;
			rest.x0 += (int)dg;
			k = BL_PUSH(t, n, cap);
			*k = rest;
		}
		k->kind = piece_kind(doc, &tmp, &used, k->off, k->len);
		k->part = 0;
	}
	bl_arena_release(&tmp);
	/* rejoin text pieces one space apart */
	size_t m = 0;
	for (size_t j = 0; j < n; j++) {
		if (m && t[m - 1].kind == T_TEXT && t[j].kind == T_TEXT && t[j].x0 - t[m - 1].x1 == 1) {
			tok *a = &t[m - 1];
			a->len = t[j].off + t[j].len - a->off;
			a->x1 = t[j].x1;
			continue;
		}
		t[m++] = t[j];
	}
	for (size_t j = 0; j < m; j++)
		t[j].s = bl_tbl_squeeze(keep, doc->bytes + t[j].off, t[j].len);
	*out = t;
	return (int)m;
}

int bl_tt_digits(const char *s, size_t want)
{
	size_t n = strlen(s);
	if (want && n != want)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0;
}

/* Leading tokens that form a classification code: "2080501", or "208"
 * followed by "05" and "01" in their own columns; a 款 or 项 printed without
 * its leading zero ("301  2  津贴补贴") is one when a label follows it, as no
 * figure is (the row builder puts the zero back). */
int bl_tt_mark_code(tok *t, int n)
{
	if (n < 1 || t[0].kind != T_NUM)
		return 0;
	size_t len = strlen(t[0].s);
	if (!bl_tt_digits(t[0].s, 0) || (len != 3 && len != 5 && len != 7))
		return 0;
	int k = 1;
	if (len == 3)
		while (k < n && k < 3 &&
		       (bl_tt_digits(t[k].s, 2) ||
			(bl_tt_digits(t[k].s, 1) && k + 1 < n && t[k + 1].kind == T_TEXT)))
			k++;
	for (int i = 0; i < k; i++)
		t[i].kind = T_CODE;
	return k;
}

/* A line of running text: a sentence, not a cell. */
int bl_tt_prose(const tline *L)
{
	for (int i = 0; i < L->nt; i++) {
		const char *s = L->t[i].s;
		if (strstr(s, "。") || (strstr(s, "，") && strlen(s) > 30))
			return 1;
	}
	return 0;
}

int bl_tt_note(const tline *L)
{
	const char *s = L->nt ? L->t[0].s : "";
	return bl_tbl_note(s) || bl_tbl_note_word(s);
}

int bl_tt_no_data(const tline *L)
{
	return L->nt == 1 && bl_tbl_no_data(L->t[0].s);
}

int bl_tt_caption(const tline *L)
{
	for (int i = 0; i < L->nt; i++)
		if (bl_tbl_caption(L->t[i].s))
			return 1;
	return 0;
}

/* A title of one of the nine tables, alone on its line (a caption may share
 * it). */
bl_table_kind bl_tt_title_kind(bl_doc *doc, const tline *L)
{
	if (L->nt < 1 || L->nt > 2 || (doc->lines[L->li].flags & BL_LINE_TOC))
		return BL_TABLE_KINDS;
	if (L->nt == 2 && !bl_tt_caption(L))
		return BL_TABLE_KINDS;
	const char *s = L->t[0].s;
	const char *cut = bl_tbl_caption_at(s);
	if (cut && cut > s)
		s = bl_arena_strndup(&doc->arena, s, (size_t)(cut - s));
	if (strstr(s, "。") || strstr(s, "，") || strlen(s) > 120)
		return BL_TABLE_KINDS;
	return bl_tbl_title_kind(s);
}

int bl_tt_classify(tline *L)
{
	int nc = bl_tt_mark_code(L->t, L->nt);
	int num = 0, text = 0, total = 0;
	for (int i = nc; i < L->nt; i++) {
		if (L->t[i].kind == T_NUM)
			num++;
		else if (bl_tbl_total_word(L->t[i].s))
			total++;
		else if (!bl_tbl_text_head_word(L->t[i].s))
			text++;
	}
	if (nc || num)
		return L_DATA;
	/* the header printed again inside the table */
	int heads = 0;
	for (int i = 0; i < L->nt; i++)
		heads += bl_tbl_label_head(L->t[i].s) || bl_tbl_column_word(L->t[i].s) ||
			 bl_tbl_half_head(L->t[i].s);
	if (L->nt >= 2 && heads == L->nt)
		return L_SKIP;
	if (total && !text)
		return L_DATA;
	return text || total ? L_TEXT : L_SKIP;
}
