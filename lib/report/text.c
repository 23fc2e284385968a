/* text.c - compiler-style findings: location, severity, rule, message, the line and a caret. */
#include <string.h>

#include "../internal.h"

static const char *sev_color(bl_severity s)
{
	return s == BL_SEV_ERROR ? "\033[1;31m" : s == BL_SEV_WARNING ? "\033[1;33m" : "\033[1;36m";
}

/* Prints the line without control characters; returns nothing. */
static void put_line(FILE *out, bl_str l)
{
	for (size_t i = 0; i < l.n; i++) {
		unsigned char c = (unsigned char)l.p[i];
		if (c == '\f' || c == '\r')
			continue;
		fputc(c == '\t' ? ' ' : c, out);
	}
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

BL_API void bl_report_text(FILE *out, const bl_doc *doc, const bl_report_opts *opts)
{
	const char *bold = opts->color ? "\033[1m" : "", *reset = opts->color ? "\033[0m" : "";
	for (size_t i = 0; i < doc->nfindings; i++) {
		const bl_finding *f = &doc->findings[i];
		if (f->severity < opts->min_severity)
			continue;
		fprintf(out, "%s%s:%d:%d:%s %s%s[%s]%s: %s", bold, doc->path, f->pos.line, f->pos.col, reset,
			opts->color ? sev_color(f->severity) : "", bl_severity_name(f->severity), f->rule, reset,
			f->message);
		if (f->has_stated && f->has_expected) {
			char a[40], b[40];
			fprintf(out, " [stated %s, expected %s]", bl_dec_format(f->stated, a),
				bl_dec_format(f->expected, b));
		}
		fputc('\n', out);
		bl_str l = bl_doc_line(doc, f->pos.line);
		if (l.p) {
			fputs("    ", out);
			put_line(out, l);
			fputc('\n', out);
			int sw;
			int w = width_to(l, f->pos.col - 1, &sw, f->span);
			fprintf(out, "    %*s%s^", w, "", opts->color ? "\033[1;32m" : "");
			for (int k = 1; k < sw; k++)
				fputc('~', out);
			fprintf(out, "%s\n", reset);
		}
		for (int e = 0; e < f->nevidence; e++) {
			const bl_evidence *ev = &f->evidence[e];
			if (ev->pos.line == f->pos.line && e == 0)
				continue;
			fprintf(out, "    note: 第%d行: ", ev->pos.line);
			put_line(out, ev->text);
			fputc('\n', out);
		}
		if (f->suggestion && *f->suggestion)
			fprintf(out, "    = 建议：%s\n", f->suggestion);
	}
}
