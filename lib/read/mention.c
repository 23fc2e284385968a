/* mention.c - mentions: the figures of the flow with their units (万元,
 * %, 辆, 人次 …), and the words that state a zero change (持平). */
#include <string.h>

#include "read/fact_int.h"

static const struct {
	const char *text;
	char ucls;
} units[] = {
	{"万元", 'M'}, {"亿元", 'M'}, {"元", 'M'}, {"%", '%'},  {"辆", 'V'},
	{"人次", 'P'}, {"批次", 'B'}, {"人", 'P'}, {"个", 'C'}, {"项", 'C'},
};

/* Scans a figure at flow i: digits, thousands commas, one decimal point.
 * Returns the end index, or i when there is none. */
static size_t scan_number(const bl_flow *f, size_t i, size_t end)
{
	size_t j = i;
	while (j < end && bl_cp_is_digit(f->cp[j]))
		j++;
	if (j == i)
		return i;
	while (j + 3 < end && f->cp[j] == ',' && bl_cp_is_digit(f->cp[j + 1]) && bl_cp_is_digit(f->cp[j + 2]) &&
	       bl_cp_is_digit(f->cp[j + 3]) && (j + 4 >= end || !bl_cp_is_digit(f->cp[j + 4])))
		j += 4;
	if (j + 1 < end && f->cp[j] == '.' && bl_cp_is_digit(f->cp[j + 1])) {
		j++;
		while (j < end && bl_cp_is_digit(f->cp[j]))
			j++;
	}
	return j;
}

static void scan_mentions(bl_doc *doc, size_t a, size_t b, bl_mention **out, size_t *n, size_t *cap)
{
	const bl_flow *f = &doc->flow;
	for (size_t i = a; i < b; i++) {
		if (!bl_cp_is_digit(f->cp[i]) || (i > a && (bl_cp_is_digit(f->cp[i - 1]) || f->cp[i - 1] == '.')))
			continue;
		size_t e = scan_number(f, i, b);
		if (i > a && (f->cp[i - 1] == 0x3014 || f->cp[i - 1] == 0x7B2C)) { /* 〔 第 */
			i = e;
			continue;
		}
		size_t u = e;
		while (u < b && f->cp[u] == ' ')
			u++;
		for (size_t k = 0; k < sizeof units / sizeof units[0]; k++) {
			size_t m = bl_flow_match_n(f, u, b, units[k].text, strlen(units[k].text));
			if (!m)
				continue;
			char buf[64];
			size_t bl = 0;
			for (size_t x = i; x < e && bl < sizeof buf; x++)
				buf[bl++] = (char)f->cp[x];
			bl_dec d;
			if (bl_dec_parse(buf, bl, &d) != BL_OK)
				break;
			bl_mention *mt = BL_PUSH(*out, *n, *cap);
			mt->start = i;
			mt->end = e;
			mt->uend = u + m;
			mt->value = d;
			mt->unit = units[k].text;
			mt->ucls = units[k].ucls;
			mt->zero_word = 0;
			break;
		}
		i = e > i ? e - 1 : i;
	}
	/* words that state a zero change */
	static const char *const zero_words[] = {"保持一致", "持平", "无增减", "与上年一致", "无变化"};
	for (size_t i = a; i < b; i++) {
		for (size_t k = 0; k < sizeof zero_words / sizeof zero_words[0]; k++) {
			size_t m = bl_flow_match_n(f, i, b, zero_words[k], strlen(zero_words[k]));
			if (!m || (k == 1 && i >= a + 2 && bl_flow_match_n(f, i - 2, b, "基本", 6)))
				continue;
			bl_mention *mt = BL_PUSH(*out, *n, *cap);
			mt->start = i;
			mt->end = mt->uend = i + m;
			mt->value.u = 0;
			mt->value.prec = BL_DEC_EXACT;
			mt->unit = NULL;
			mt->ucls = 'Z';
			mt->zero_word = 1;
			break;
		}
	}
}

static int cmp_mention(const void *x, const void *y)
{
	const bl_mention *a = x, *b = y;
	return (a->start > b->start) - (a->start < b->start);
}

size_t bl_mentions_read(bl_doc *doc, size_t a, size_t b, bl_mention **ms, size_t *cap)
{
	size_t n = 0;
	scan_mentions(doc, a, b, ms, &n, cap);
	if (n > 1)
		qsort(*ms, n, sizeof **ms, cmp_mention);
	return n;
}
