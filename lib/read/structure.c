/* structure.c - paragraphs, sentences and the section tree (第一部分 / 一、/（一）/ 1、/（1）). */
#include <string.h>

#include "read/read.h"

static int cn_digit(uint32_t c)
{
	return bl_cp_in(c, "零一二三四五六七八九十〇");
}

int bl_marker_parse(const uint32_t *cp, size_t i, size_t lim, size_t *end)
{
	size_t j = i;
	if (j < lim && cp[j] == BL_CP_DI) { /* 第X部分 */
		j++;
		size_t k = j;
		while (j < lim && cn_digit(cp[j]))
			j++;
		if (j > k && j + 1 < lim && cp[j] == BL_CP_BU && cp[j + 1] == BL_CP_FEN) {
			*end = j + 2;
			while (*end < lim &&
			       (cp[*end] == ' ' || cp[*end] == BL_CP_FW_COLON || cp[*end] == ':'))
				(*end)++;
			return 1;
		}
		return 0;
	}
	if (j < lim && (cp[j] == BL_CP_FW_LPAREN || cp[j] == '(')) {
		j++;
		size_t k = j;
		int cn = j < lim && cn_digit(cp[j]);
		while (j < lim && (cn ? cn_digit(cp[j]) : bl_cp_is_digit(cp[j])))
			j++;
		if (j > k && j - k <= 3 && j < lim && (cp[j] == BL_CP_FW_RPAREN || cp[j] == ')')) {
			*end = j + 1;
			return cn ? 3 : 5;
		}
		return 0;
	}
	if (j < lim && bl_cp_is_digit(cp[j])) {
		while (j < lim && bl_cp_is_digit(cp[j]))
			j++;
		if (j - i > 2 || j >= lim)
			return 0;
		/* 1、 1． 1. but not 1.5 */
		if (cp[j] == BL_CP_IDEO_COMMA ||
		    (cp[j] == '.' && (j + 1 >= lim || !bl_cp_is_digit(cp[j + 1])))) {
			*end = j + 1;
			return 4;
		}
		return 0;
	}
	size_t k = j;
	while (j < lim && cn_digit(cp[j]))
		j++;
	if (j > k && j - k <= 3 && j < lim && cp[j] == BL_CP_IDEO_COMMA) {
		*end = j + 1;
		return 2;
	}
	return 0;
}

static int is_stop(uint32_t c)
{
	return c == BL_CP_IDEO_STOP || c == BL_CP_FW_EXCLAM || c == BL_CP_FW_QUESTION || c == '!' || c == '?';
}

void bl_structure_build(bl_doc *doc)
{
	const bl_flow *f = &doc->flow;
	size_t pstart = 0;
	int stack[8];
	for (int k = 0; k < 8; k++)
		stack[k] = -1;
	for (size_t i = 0; i < f->n; i++) {
		if (f->cp[i] != '\n')
			continue;
		if (i > pstart) {
			int para = (int)doc->npara;
			*(int *)BL_PUSH(doc->para_start, doc->npara, doc->para_cap) = (int)pstart;
			/* sentences */
			size_t s = pstart;
			for (size_t k = pstart; k < i; k++) {
				if (is_stop(f->cp[k]) || k + 1 == i) {
					bl_sentence *st = BL_PUSH(doc->sent, doc->nsent, doc->sent_cap);
					st->start = s;
					st->end = k + 1;
					st->paragraph = para;
					s = k + 1;
				}
			}
			/* heading? */
			size_t mend;
			int level = bl_marker_parse(f->cp, pstart, i, &mend);
			if (level) {
				bl_section *sec = BL_PUSH(doc->sec, doc->nsec, doc->sec_cap);
				memset(sec, 0, sizeof *sec);
				sec->level = level;
				int parent = -1;
				for (int k = level - 1; k >= 1; k--)
					if (stack[k] >= 0) {
						parent = stack[k];
						break;
					}
				sec->parent = parent;
				stack[level] = (int)doc->nsec - 1;
				for (int k = level + 1; k < 8; k++)
					stack[k] = -1;
				sec->marker = bl_flow_slice(doc, pstart, mend);
				size_t t = mend, te = mend;
				while (te < i && f->cp[te] != BL_CP_IDEO_STOP &&
				       f->cp[te] != BL_CP_FW_COLON && f->cp[te] != ':' && te - t < 60)
					te++;
				sec->title = bl_flow_slice(doc, t, te);
				sec->pos = bl_doc_pos_of(doc, f->src[pstart]);
			}
		}
		pstart = i + 1;
	}
	/* innermost section of each paragraph */
	doc->sec_of_para = bl_xcalloc(doc->npara + 1, sizeof(int));
	size_t si = 0;
	int cur = -1;
	for (size_t p = 0; p < doc->npara; p++) {
		size_t off = f->src[doc->para_start[p]];
		while (si < doc->nsec && (size_t)(doc->sec[si].marker.p - doc->bytes) <= off)
			cur = (int)si++;
		doc->sec_of_para[p] = cur;
	}
}

BL_API size_t bl_doc_nsections(const bl_doc *doc)
{
	return doc->nsec;
}

BL_API const bl_section *bl_doc_section(const bl_doc *doc, size_t i)
{
	return i < doc->nsec ? &doc->sec[i] : NULL;
}
