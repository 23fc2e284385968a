/* text.c - compiler-style findings: location, severity, rule, message, the line and a caret. */
#include <string.h>

#include "report/report.h"

static const char *sev_color(bl_severity s)
{
	return s == BL_SEV_ERROR ? "\033[1;31m" : s == BL_SEV_WARNING ? "\033[1;33m" : "\033[1;36m";
}

/* Prints the line with form feeds and CRs dropped, tabs as spaces, and any
 * other control character, escape sequence or invalid byte as U+FFFD, so a
 * document never acts on the reviewer's terminal; returns how many were replaced. */
static size_t put_line(FILE *out, bl_str l)
{
	size_t k = 0, run = 0;
	for (size_t i = 0; i < l.n; i++) {
		char c = l.p[i];
		if (c == '\f' || c == '\r' || c == '\t') {
			k += bl_clean_fput(out, l.p + run, i - run, 0);
			if (c == '\t')
				fputc(' ', out);
			run = i + 1;
		}
	}
	return k + bl_clean_fput(out, l.p + run, l.n - run, 0);
}

/* Text from the document (path, message) on one line, cleaned. */
static void put_clean(FILE *out, const char *s)
{
	bl_clean_fput(out, s, strlen(s), 0);
}

/* Display width of the first `cols` code points of the line (form feeds skipped). */
static int width_to(bl_str l, int cols, int *span_w, int span)
{
	int w = 0, n = 0, sw = 0;
	size_t i = 0;
	while (i < l.n) {
		int len;
		uint32_t c = bl_utf8_decode(l.p + i, l.n - i, &len);
		i += (size_t)len;
		if (c == '\f' || c == '\r')
			continue;
		if (n < cols)
			w += bl_cp_width(c);
		else if (n < cols + span)
			sw += bl_cp_width(c);
		n++;
	}
	*span_w = sw > 0 ? sw : 1;
	return w;
}

/* A line longer than this is quoted as a window around the caret, so that
 * a finding on a 50 MB one-line text prints a few hundred characters, not
 * the line (430,000 findings on such a line once meant terabytes of output);
 * corpus lines reach about 540 code points. */
enum { QUOTE_MAX_BYTES = 6000, QUOTE_SIDE = 120 };

/* Where code point `cp` of the current line starts. Findings come sorted by
 * line and column, so the cursor only moves forward along a line: quoting
 * every finding of a long line costs the line once, not once a finding. */
typedef struct line_cursor {
	int line;
	size_t cp, byte;
} line_cursor;

static size_t cursor_byte(line_cursor *c, bl_str l, int line, size_t cp)
{
	if (c->line != line || cp < c->cp)
		*c = (line_cursor){line, 0, 0};
	while (c->cp < cp && c->byte < l.n) {
		int len;
		bl_utf8_decode(l.p + c->byte, l.n - c->byte, &len);
		c->byte += (size_t)len;
		c->cp++;
	}
	return c->byte;
}

/* The part of a long line shown around column col (1-based, code points) and
 * the column within it; *cut_left / *cut_right say whether text was left out. */
static bl_str quote_window(line_cursor *c, bl_str l, int line, int col, int span, int *wcol, int *cut_left,
			   int *cut_right)
{
	*cut_left = *cut_right = 0;
	*wcol = col;
	if (l.n <= QUOTE_MAX_BYTES || col < 1)
		return l;
	size_t at = (size_t)col - 1, from = at > QUOTE_SIDE ? at - QUOTE_SIDE : 0;
	size_t to = at + (size_t)(span > 0 ? span : 1) + QUOTE_SIDE;
	size_t b0 = cursor_byte(c, l, line, from);
	line_cursor end = *c;
	size_t b1 = cursor_byte(&end, l, line, to);
	*cut_left = b0 > 0;
	*cut_right = b1 < l.n;
	*wcol = (int)(at - from) + 1;
	return (bl_str){l.p + b0, b1 - b0};
}

/* Byte offset after the first k code points of s, and before its last k. */
static size_t cp_head(bl_str s, size_t k)
{
	size_t i = 0;
	while (k-- && i < s.n) {
		int len;
		bl_utf8_decode(s.p + i, s.n - i, &len);
		i += (size_t)len;
	}
	return i;
}

static size_t cp_tail(bl_str s, size_t k)
{
	size_t i = s.n;
	while (k && i > 0) {
		i--;
		if (((unsigned char)s.p[i] & 0xC0) != 0x80)
			k--;
	}
	return i;
}

/* A note's text; a long one (a fact read across a sentence of thousands of
 * characters) as its head and tail, which hold its subject and its figure.
 * Returns how many characters were replaced. */
static size_t put_note(FILE *out, bl_str t)
{
	if (t.n <= QUOTE_MAX_BYTES / 4)
		return put_line(out, t);
	size_t h = cp_head(t, QUOTE_SIDE / 3), e = cp_tail(t, QUOTE_SIDE);
	if (e <= h)
		return put_line(out, t);
	size_t k = put_line(out, (bl_str){t.p, h});
	fputs(" ... ", out);
	return k + put_line(out, (bl_str){t.p + e, t.n - e});
}

BL_API void bl_report_text(FILE *out, const bl_doc *doc, const bl_report_opts *opts)
{
	line_cursor cur = {0, 0, 0};
	const char *bold = opts->color ? "\033[1m" : "", *reset = opts->color ? "\033[0m" : "";
	for (size_t i = 0; i < doc->nfindings; i++) {
		const bl_finding *f = &doc->findings[i];
		if (f->severity < opts->min_severity)
			continue;
		fputs(bold, out);
		put_clean(out, doc->path);
		fprintf(out, ":%d:%d:%s %s%s[%s]%s: ", f->pos.line, f->pos.col, reset,
			opts->color ? sev_color(f->severity) : "", bl_severity_name(f->severity), f->rule,
			reset);
		put_clean(out, f->message);
		if (f->has_stated && f->has_expected) {
			char a[40], b[40];
			fprintf(out, " [stated %s, expected %s]", bl_dec_format(f->stated, a),
				bl_dec_format(f->expected, b));
		}
		fputc('\n', out);
		bl_str l = bl_doc_line(doc, f->pos.line);
		size_t nbad = 0;
		if (l.p) {
			int col, cl, cr;
			l = quote_window(&cur, l, f->pos.line, f->pos.col, f->span, &col, &cl, &cr);
			fputs(cl ? "    ..." : "    ", out);
			nbad = put_line(out, l);
			fputs(cr ? "...\n" : "\n", out);
			int sw;
			int w = width_to(l, col - 1, &sw, f->span) + (cl ? 3 : 0);
			fprintf(out, "    %*s%s^", w, "", opts->color ? "\033[1;32m" : "");
			for (int k = 1; k < sw; k++)
				fputc('~', out);
			fprintf(out, "%s\n", reset);
		}
		for (int e = 0; e < f->nevidence; e++) {
			const bl_evidence *ev = &f->evidence[e];
			if (ev->pos.line == f->pos.line && e == 0 && !ev->path)
				continue;
			if (ev->path) {
				fputs("    note: ", out);
				put_clean(out, ev->path);
				fprintf(out, " 第%d行: ", ev->pos.line);
			} else
				fprintf(out, "    note: 第%d行: ", ev->pos.line);
			nbad += put_note(out, ev->text);
			fputc('\n', out);
		}
		if (nbad)
			fprintf(out, "    note: 原文含%zu个控制字符或无效字节，上面显示为“\xEF\xBF\xBD”\n",
				nbad);
		if (f->suggestion && *f->suggestion) {
			fputs("    = 建议：", out);
			put_clean(out, f->suggestion);
			fputc('\n', out);
		}
	}
}

/* One table per block, one row per line, only cells that hold something:
 * the form the reviewed expected files in tests/golden/tables use. */
BL_API void bl_report_tables(FILE *out, const bl_doc *doc)
{
	for (size_t i = 0; i < bl_doc_ntables(doc); i++) {
		const bl_table *t = bl_doc_table(doc, i);
		fprintf(out, "table %zu %s \"", i + 1, bl_table_kind_name(t->kind));
		put_clean(out, t->title ? t->title : "");
		fprintf(out, "\" unit=%s pages=%d-%d%s\n",
			t->unit == 10000 ? "万元"
			: t->unit == 1   ? "元"
					 : "?",
			t->first_page, t->last_page, t->no_data ? " no-data" : "");
		for (int c = 0; c < t->ncols; c++)
			if (t->cols[c].name[0] || t->cols[c].key[0]) {
				fprintf(out, "  col %d part=%d key=%s basis=%s name=", c, t->cols[c].part,
					t->cols[c].key[0] ? t->cols[c].key : "-",
					t->cols[c].basis[0] ? t->cols[c].basis : "-");
				put_clean(out, t->cols[c].name);
				fputc('\n', out);
			}
		for (size_t r = 0; r < t->nrows; r++) {
			const bl_trow *row = &t->rows[r];
			fprintf(out, "  row p%d %s ", row->part, bl_row_role_name(row->role));
			put_clean(out, row->code[0] ? row->code : "-");
			fputc(' ', out);
			put_clean(out, row->label[0] ? row->label : "-");
			for (int c = 0; c < t->ncols; c++) {
				const bl_cell *cl = &row->cells[c];
				if (cl->state == BL_CELL_NUMBER) {
					char buf[48];
					fprintf(out, " %d=%s", c, bl_dec_format(cl->value, buf));
				} else if (cl->state == BL_CELL_TEXT) {
					fprintf(out, " %d=?\"", c);
					put_clean(out, cl->text);
					fputc('"', out);
				}
			}
			fputc('\n', out);
		}
	}
}

BL_API size_t bl_report_clean(FILE *out, const char *s, size_t n)
{
	size_t k = 0, run = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\f') { /* a page break, which the line numbers count through */
			k += bl_clean_fput(out, s + run, i - run, 1);
			fputc('\f', out);
			run = i + 1;
		}
	return k + bl_clean_fput(out, s + run, n - run, 1);
}
