/* mention.c - mentions: the figures of the flow with their units (万元,
 * %, 辆, 人次 …), and the words that state a zero change (持平). */
#include <string.h>

#include "read/fact_int.h"

static const struct {
	const char *text;
	char ucls;
} units[] = {
#define BL_UNIT(text, cls) {text, cls},
#include "read/units.def"
};

/* The characters after which a number is no figure (〔 第). */
static const char not_figure[] = ""
#define BL_NOT_FIGURE(ch) ch
#include "read/units.def"
	;

/* Words that state a zero change, and what may not come right before them. */
static const struct {
	const char *word, *not_after;
} zero_words[] = {
#define BL_ZERO(word, not_after) {word, not_after},
#include "read/measure.def"
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
	while (j + 3 < end && f->cp[j] == ',' && bl_cp_is_digit(f->cp[j + 1]) &&
	       bl_cp_is_digit(f->cp[j + 2]) && bl_cp_is_digit(f->cp[j + 3]) &&
	       (j + 4 >= end || !bl_cp_is_digit(f->cp[j + 4])))
		j += 4;
	if (j + 1 < end && f->cp[j] == '.' && bl_cp_is_digit(f->cp[j + 1])) {
		j++;
		while (j < end && bl_cp_is_digit(f->cp[j]))
			j++;
	}
	return j;
}

/* The figures with a unit in flow [a, b). */
static void scan_figures(bl_doc *doc, size_t a, size_t b, bl_mention **out, size_t *n, size_t *cap)
{
	const bl_flow *f = &doc->flow;
	for (size_t i = a; i < b; i++) {
		if (!bl_cp_is_digit(f->cp[i]) ||
		    (i > a && (bl_cp_is_digit(f->cp[i - 1]) || f->cp[i - 1] == '.')))
			continue;
		size_t e = scan_number(f, i, b);
		if (i > a && bl_cp_in(f->cp[i - 1], not_figure)) {
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
}

/* The words in flow [a, b) that state a zero change (持平), as mentions of
 * unit class Z. */
static void scan_zero_words(bl_doc *doc, size_t a, size_t b, bl_mention **out, size_t *n, size_t *cap)
{
	const bl_flow *f = &doc->flow;
	for (size_t i = a; i < b; i++) {
		for (size_t k = 0; k < sizeof zero_words / sizeof zero_words[0]; k++) {
			const char *w = zero_words[k].word, *na = zero_words[k].not_after;
			size_t m = bl_flow_match_n(f, i, b, w, strlen(w));
			size_t nl = bl_utf8_count(na, strlen(na));
			if (!m || (nl && i >= a + nl && bl_flow_match_n(f, i - nl, b, na, strlen(na))))
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
	scan_figures(doc, a, b, ms, &n, cap);
	scan_zero_words(doc, a, b, ms, &n, cap);
	if (n > 1)
		qsort(*ms, n, sizeof **ms, cmp_mention);
	return n;
}
