/* clean.c - output hygiene: what text from a document may not carry into a terminal, JSON, CSV, HTML or DOCX.
 *
 * A document is input from strangers. Its text reaches a reviewer's terminal
 * (ESC and BEL sequences retitle or recolour it, a CR rewrites the line),
 * JSON and XML (which must be valid UTF-8, and XML 1.0 forbids most C0
 * controls even as references), and spreadsheets (a cell starting with '='
 * is a formula). Every writer goes through these few functions. */
#include <string.h>

#include "base/base.h"

int bl_cp_unsafe(uint32_t c)
{
	if (c < 0x20)
		return c != '\t' && c != '\n';
	if (c == 0x7F || (c >= 0x80 && c <= 0x9F)) /* DEL; C1 controls (U+009B is a CSI to some terminals) */
		return 1;
	/* bidirectional embeddings, overrides and isolates reorder what a reviewer
	 * sees ("Trojan source"); U+2028/2029 break lines in some viewers */
	return (c >= BL_CP_LRE && c <= BL_CP_RLO) || (c >= BL_CP_LRI && c <= BL_CP_PDI) || c == BL_CP_LSEP ||
	       c == BL_CP_PSEP || c == BL_CP_BOM || c == BL_CP_NONCHAR_FFFE ||
	       c == BL_CP_NONCHAR_FFFF; /* XML 1.0 forbids the last two */
}

/* The next code point of s[i..n): its value in *c, its length returned;
 * *bad is set for an invalid byte or an unsafe code point. */
static int next_cp(const char *s, size_t n, size_t i, uint32_t *c, int *bad)
{
	unsigned char b = (unsigned char)s[i];
	if (b >= 0x20 && b < 0x7F) { /* the common case, quickly */
		*c = b;
		*bad = 0;
		return 1;
	}
	int len;
	*c = bl_utf8_decode(s + i, n - i, &len);
	*bad = (*c == BL_CP_REPLACEMENT && len == 1) || bl_cp_unsafe(*c);
	return len;
}

size_t bl_clean_count(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		uint32_t c;
		int bad;
		i += (size_t)next_cp(s, n, i, &c, &bad);
		k += (size_t)bad;
	}
	return k;
}

/* The one cleaning loop, writing through put: clean runs are passed whole,
 * each bad code point as U+FFFD (a newline as a space unless keep_newline). */
typedef void (*sink)(void *to, const char *s, size_t n);

static size_t clean_to(sink put, void *to, const char *s, size_t n, int keep_newline)
{
	size_t k = 0, run = 0; /* s[run..i) is clean and not yet written */
	for (size_t i = 0; i < n;) {
		uint32_t c;
		int bad;
		int len = next_cp(s, n, i, &c, &bad);
		if (bad || (c == '\n' && !keep_newline)) {
			put(to, s + run, i - run);
			put(to, c == '\n' ? " " : "\xEF\xBF\xBD", c == '\n' ? 1 : 3);
			k += c != '\n';
			run = i + (size_t)len;
		}
		i += (size_t)len;
	}
	put(to, s + run, n - run);
	return k;
}

static void to_buf(void *b, const char *s, size_t n)
{
	bl_buf_put(b, s, n);
}

static void to_file(void *f, const char *s, size_t n)
{
	fwrite(s, 1, n, f);
}

size_t bl_clean_buf(bl_buf *b, const char *s, size_t n, int keep_newline)
{
	return clean_to(to_buf, b, s, n, keep_newline);
}

size_t bl_clean_fput(FILE *out, const char *s, size_t n, int keep_newline)
{
	return clean_to(to_file, out, s, n, keep_newline);
}

/* Is s[0..n) a plain decimal number ("-306.59", "+1", "12")? */
static int is_number(const char *s, size_t n)
{
	size_t i = (n && (s[0] == '-' || s[0] == '+')) ? 1 : 0, digits = 0, dot = 0;
	for (; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if (s[i] == '.' && !dot)
			dot = 1;
		else
			return 0;
	}
	return digits > 0;
}

int bl_csv_formula(const char *s, size_t n)
{
	/* = + - @ start a formula in Excel and LibreOffice; a tab or CR before
	 * one is skipped by some importers (OWASP's list). A signed figure is data. */
	return n && strchr("=+-@\t\r", s[0]) && !is_number(s, n);
}

void bl_csv_cell(FILE *out, const char *s, size_t n, int always_quote)
{
	int formula = bl_csv_formula(s, n);
	int quote = always_quote || formula;
	for (size_t i = 0; i < n && !quote; i++)
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
	if (!quote && !bl_clean_count(s, n)) {
		fwrite(s, 1, n, out);
		return;
	}
	fputc('"', out);
	if (formula)
		fputc('\'', out); /* shown as text, the way Excel's own apostrophe prefix is */
	size_t run = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '"') {
			bl_clean_fput(out, s + run, i + 1 - run, 1);
			fputc('"', out);
			run = i + 1;
		}
	bl_clean_fput(out, s + run, n - run, 1);
	fputc('"', out);
}

BL_API char *bl_report_escape(const char *s, int keep_newline, char *out, size_t cap)
{
	if (!cap)
		return out;
	size_t k = 0, n = s ? strlen(s) : 0, i = 0;
	while (i < n) {
		uint32_t c;
		int bad;
		int len = next_cp(s, n, i, &c, &bad);
		int esc = bad && !(keep_newline && c == '\n');
		size_t need = esc ? 4 * (size_t)len : (size_t)len;
		if (k + need + 4 > cap) /* room for "..." and the NUL */
			break;
		for (int j = 0; j < len; j++) {
			if (esc)
				k += (size_t)snprintf(out + k, cap - k, "\\x%02x",
						      (unsigned char)s[i + (size_t)j]);
			else
				out[k++] = s[i + (size_t)j];
		}
		i += (size_t)len;
	}
	if (i < n)
		k += (size_t)snprintf(out + k, cap - k, "...");
	out[k] = 0;
	return out;
}
