/* xlsx_format.c - a cell as Excel shows it: a number through its cell's
 * number format (decimals, thousands separators, percent, a date), computed
 * from the stored value in decimal, never through a binary float's digits;
 * a stored value that is no number Excel could hold shows as #NUM! or
 * #VALUE!, text. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ingest/xlsx_int.h"

static const char *builtin_fmt(int id);

static int fmt_cmp(const void *a, const void *b)
{
	const fmt *x = a, *y = b;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The code of format id: the first custom one of that id, else Excel's built-in. */
static const char *code_of(const book *b, int id)
{
	size_t lo = 0, hi = b->nfmts;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (b->fmts[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < b->nfmts && b->fmts[lo].id == id ? b->fmts[lo].code : builtin_fmt(id);
}

void bl_xlsx_resolve_formats(book *b)
{
	if (b->nfmts > 1)
		qsort(b->fmts, b->nfmts, sizeof *b->fmts, fmt_cmp);
	b->xf_code = bl_xmalloc((b->nxf ? b->nxf : 1) * sizeof *b->xf_code);
	for (size_t i = 0; i < b->nxf; i++)
		b->xf_code[i] = code_of(b, b->xf_fmt[i]);
	b->code0 = code_of(b, 0);
}

static const char *builtin_fmt(int id)
{
	switch (id) {
	case 1: return "0";
	case 2: return "0.00";
	case 3: return "#,##0";
	case 4: return "#,##0.00";
	case 9: return "0%";
	case 10: return "0.00%";
	case 11: return "0.00E+00";
	case 37:
	case 38: return "#,##0;-#,##0";
	case 39:
	case 40: return "#,##0.00;-#,##0.00";
	case 48: return "##0.0E+0";
	case 49: return "@";
	}
	if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
	    (id >= 50 && id <= 58))
		return "yyyy-mm-dd";
	return "General";
}

static const char *fmt_code(const book *b, int style)
{
	return style >= 0 && (size_t)style < b->nxf ? b->xf_code[style] : b->code0;
}

typedef struct numfmt {
	int decimals, percent, grouping, date, general, literal;
	char text[64]; /* a section that shows text only (a zero shown as "-") */
} numfmt;

/* Reads one section of a format code: what is inside quotes, brackets and
 * after backslashes is literal, not a placeholder. */
static void parse_section(const char *s, size_t n, numfmt *f)
{
	memset(f, 0, sizeof *f);
	int after_point = 0, placeholders = 0, seen_digit = 0;
	size_t tn = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '"') {
			for (i++; i < n && s[i] != '"'; i++)
				if (tn + 1 < sizeof f->text)
					f->text[tn++] = s[i];
			continue;
		}
		if (c == '\\' && i + 1 < n) {
			if (tn + 1 < sizeof f->text)
				f->text[tn++] = s[++i];
			continue;
		}
		if (c == '[') {
			while (i < n && s[i] != ']')
				i++;
			continue;
		}
		if (c == '_' || c == '*') {
			i++; /* padding: the next character is a width, not text */
			continue;
		}
		if (c == '0' || c == '#' || c == '?') {
			placeholders++;
			seen_digit = 1;
			if (after_point)
				f->decimals++;
		} else if (c == '.')
			after_point = 1;
		else if (c == ',' && seen_digit && !after_point)
			f->grouping = 1;
		else if (c == '%')
			f->percent = 1;
		else if (strchr("yYmMdDhHsS", c) && !placeholders)
			f->date = 1;
		else if (c == '-' || c == ' ' || (unsigned char)c >= 0x80) {
			if (tn + 1 < sizeof f->text)
				f->text[tn++] = c;
		}
	}
	f->text[tn] = 0;
	if (!placeholders && !f->date)
		f->literal = 1;
	if (n >= 7 && strncmp(s, "General", 7) == 0)
		f->general = 1, f->literal = 0;
}

/* Picks the section for a value's sign: positive;negative;zero;text. */
static void pick_section(const char *code, int sign, numfmt *f)
{
	const char *sec[4];
	size_t len[4];
	int ns = 0;
	const char *p = code, *startp = code;
	int inq = 0;
	for (;; p++) {
		if (*p == '"')
			inq = !inq;
		if ((*p == ';' && !inq) || !*p) {
			if (ns < 4) {
				sec[ns] = startp;
				len[ns] = (size_t)(p - startp);
				ns++;
			}
			startp = p + 1;
			if (!*p)
				break;
		}
	}
	int k = 0;
	if (sign < 0 && ns >= 2)
		k = 1;
	else if (sign == 0 && ns >= 3)
		k = 2;
	parse_section(sec[k], len[k], f);
	if (strcmp(code, "General") == 0 || ns == 0)
		f->general = 1, f->literal = 0;
}

/* Decimals in a format past Excel's own limit of 30 would only print zeros. */
enum { MAX_DECIMALS = 30 };

/* Prints x (finite) through the format: its value to 15 significant digits
 * (what Excel keeps), then rounded to the format's decimals half away from
 * zero in decimal, so 2.675 shows as 2.68 whatever its binary neighbour is.
 * The buffers hold any finite double: at most 309 integer digits. */
static void print_number(double x, const numfmt *f, char *out, size_t outn)
{
	char e[48];
	snprintf(e, sizeof e, "%.14e", fabs(x));
	char dig[24];
	int nd = 0;
	for (const char *q = e; *q && *q != 'e' && nd < 20; q++)
		if (*q >= '0' && *q <= '9')
			dig[nd++] = *q;
	int point = atoi(strchr(e, 'e') + 1) + 1; /* |x| = 0.dig x 10^point */
	int dec = f->decimals < MAX_DECIMALS ? f->decimals : MAX_DECIMALS;
	if (f->general) {
		int last = nd;
		while (last > 0 && dig[last - 1] == '0')
			last--;
		dec = last - point < 0 ? 0 : last - point > 10 ? 10 : last - point;
	}
	int k = (point > 0 ? point : 0) + 1; /* integer digits, with one more for a carry */
	char a[320 + MAX_DECIMALS];
	int total = k + dec;
	for (int j = 0; j < total; j++) {
		int idx = point - 1 - (k - 1 - j); /* index into dig of the digit with this weight */
		a[j] = idx >= 0 && idx < nd ? dig[idx] : '0';
	}
	int ridx = point + dec; /* the first digit dropped */
	if (ridx >= 0 && ridx < nd && dig[ridx] >= '5')
		for (int j = total - 1; j >= 0; j--) {
			if (a[j] != '9') {
				a[j]++;
				break;
			}
			a[j] = '0';
		}
	int s = 0;
	while (s < k - 1 && a[s] == '0')
		s++;
	int zero = 1;
	for (int j = s; j < total; j++)
		if (a[j] != '0')
			zero = 0;
	char r[2 * sizeof a]; /* the digits, a separator per three, sign, point and percent */
	int nr = 0;
	if (x < 0 && !zero)
		r[nr++] = '-';
	for (int j = s; j < k; j++) {
		r[nr++] = a[j];
		int left = k - 1 - j;
		if (f->grouping && left > 0 && left % 3 == 0)
			r[nr++] = ',';
	}
	if (dec > 0) {
		r[nr++] = '.';
		for (int j = k; j < total; j++)
			r[nr++] = a[j];
	}
	if (f->percent)
		r[nr++] = '%';
	r[nr] = 0;
	snprintf(out, outn, "%s", r);
}

static void print_date(double serial, int date1904, char *out, size_t n)
{
	long days = (long)serial;
	if (!date1904 && days >= 61)
		days--; /* Excel's 29 February 1900 */
	/* days since 1899-12-31 (1900 system) or 1904-01-01 */
	long z = days + (date1904 ? 1462 : 0) + 693594 - 306 - 1; /* days since 0000-03-01 */
	long era = z / 146097, doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
	snprintf(out, n, "%04ld-%02ld-%02ld", y + (m <= 2), m, d);
}

/* What a numeric cell shows when its stored value is no number Excel could
 * hold (a 400-digit integer, 1e400, INF, NaN) or no number at all (hex,
 * "-", letters): Excel's own error values, so that the cell is text, a
 * parse doubt in its table, and no digit of it can be read as a figure. */
static const char not_finite[] = "#NUM!", not_number[] = "#VALUE!";

enum { NUM_OK, NUM_EMPTY, NUM_RANGE, NUM_BAD };

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Reads a stored value as xsd:double, what the file format allows (digits,
 * a point, an exponent, white space around), into *x; never through
 * strtod's wider syntax (hex, "inf", "nan", trailing text). */
static int stored_number(const char *v, double *x)
{
	const char *p = v;
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	if (!*p)
		return NUM_EMPTY;
	const char *start = p;
	if (*p == '+' || *p == '-')
		p++;
	int digits = 0;
	for (; is_digit(*p); p++)
		digits++;
	if (*p == '.')
		for (p++; is_digit(*p); p++)
			digits++;
	if (!digits)
		return strncmp(p, "INF", 3) == 0 || strncmp(p, "NaN", 3) == 0 ? NUM_RANGE : NUM_BAD;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!is_digit(*p))
			return NUM_BAD;
		while (is_digit(*p))
			p++;
	}
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	if (*p)
		return NUM_BAD;
	*x = strtod(start,
		    NULL); /* past the double range: HUGE_VAL; below it, 0 or a subnormal, as Excel rounds */
	return isfinite(*x) ? NUM_OK : NUM_RANGE;
}

/* A numeric cell as Excel shows it, or NULL when it holds nothing. */
static char *format_number(const book *b, const char *v, int style)
{
	char out[720];
	double x = 0;
	switch (stored_number(v, &x)) {
	case NUM_EMPTY: return NULL;
	case NUM_RANGE: return bl_xstrndup(not_finite, strlen(not_finite));
	case NUM_BAD: return bl_xstrndup(not_number, strlen(not_number));
	}
	numfmt f;
	pick_section(fmt_code(b, style), x > 0 ? 1 : x < 0 ? -1 : 0, &f);
	if (f.date && x >= 1 && x < 2958466)
		print_date(x, b->date1904, out, sizeof out);
	else if (f.literal)
		snprintf(out, sizeof out, "%s", f.text);
	else if (f.percent && !isfinite(x * 100))
		snprintf(out, sizeof out, "%s", not_finite);
	else
		print_number(f.percent ? x * 100 : x, &f, out, sizeof out);
	return bl_xstrndup(out, strlen(out));
}

char *bl_xlsx_cell_value(const book *b, const char *t, const char *s, const char *v, const char *is)
{
	if (t && strcmp(t, "inlineStr") == 0)
		return is ? bl_xstrndup(is, strlen(is)) : NULL;
	if (!v)
		return NULL;
	if (t && strcmp(t, "s") == 0) {
		long i = strtol(v, NULL, 10);
		return i >= 0 && (size_t)i < b->nsst ? bl_xstrndup(b->sst[i], strlen(b->sst[i])) : NULL;
	}
	if (t && strcmp(t, "b") == 0)
		return bl_xstrndup(*v == '1' ? "TRUE" : "FALSE", *v == '1' ? 4 : 5);
	if (t && (strcmp(t, "str") == 0 || strcmp(t, "e") == 0 || strcmp(t, "d") == 0))
		return bl_xstrndup(v, strlen(v)); /* d: an ISO 8601 date, as written */
	return format_number(b, v, s ? atoi(s) : 0);
}
