/* json.c - the JSON document report (DESIGN.md contract) and CSV facts. */
#include <string.h>

#include "report/report.h"

/* A JSON string that is valid UTF-8 whatever the input: an invalid byte
 * becomes U+FFFD, every control character (C0, DEL, C1) and the
 * bidirectional overrides are escaped, so the bytes never act on a terminal. */
static void jstr_n(FILE *out, const char *s, size_t n)
{
	fputc('"', out);
	size_t run = 0; /* s[run..i) is plain and not yet written */
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
			i++;
			continue;
		}
		int len = 1;
		uint32_t cp = c;
		if (c >= 0x80)
			cp = bl_utf8_decode(s + i, n - i, &len);
		if (c >= 0x80 && !(cp == 0xFFFD && len == 1) && !bl_cp_unsafe(cp)) {
			i += (size_t)len;
			continue;
		}
		fwrite(s + run, 1, i - run, out);
		switch (c) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\t': fputs("\\t", out); break;
		case '\r': fputs("\\r", out); break;
		default: fprintf(out, "\\u%04x", (unsigned)cp); /* U+FFFD for an invalid byte */
		}
		i += (size_t)len;
		run = i;
	}
	fwrite(s + run, 1, n - run, out);
	fputc('"', out);
}

void bl_json_put(FILE *out, const char *s)
{
	if (!s)
		fputs("null", out);
	else
		jstr_n(out, s, strlen(s));
}

static void jdec(FILE *out, bl_dec d)
{
	char b[40];
	bl_json_put(out, bl_dec_format(d, b));
}

BL_API void bl_report_json_begin(FILE *out)
{
	fprintf(out, "{\"tool\": {\"name\": \"budgetlint\", \"version\": \"%s\"},\n \"documents\": [",
		BL_VERSION);
}

BL_API void bl_report_json_end(FILE *out)
{
	fputs("]}\n", out);
}

/* Code points in s, up to the end of its first line. */
static int cps_on_line(bl_str s)
{
	const char *nl = s.n ? memchr(s.p, '\n', s.n) : NULL;
	return (int)bl_utf8_count(s.p, nl ? (size_t)(nl - s.p) : s.n);
}

/* , "box": [x0, y0, x1, y1] for text read from a page layout (PDF). */
static void jbox(FILE *out, const bl_doc *doc, bl_pos pos, int ncp)
{
	bl_box b;
	if (bl_doc_box(doc, pos, ncp, &b))
		fprintf(out, ", \"box\": [%.1f, %.1f, %.1f, %.1f]", b.x0, b.y0, b.x1, b.y1);
}

/* , "doubt": ["cell", "role"] when a figure carries doubt bits; nothing when none. */
static void jdoubt(FILE *out, unsigned bits)
{
	if (!bits)
		return;
	fputs(", \"doubt\": [", out);
	int n = 0;
	for (unsigned b = 1; b & BL_DOUBT_ALL; b <<= 1)
		if (bits & b)
			fprintf(out, "%s\"%s\"", n++ ? ", " : "", bl_doubt_name(b));
	fputs("]", out);
}

/* A table: kind, title, unit, columns, and rows with three-state cells
 * ({"state": "number", "value": "…"} / "blank" / {"state": "text", "text": …}). */
static void table_json(FILE *out, const bl_table *t, int first)
{
	fputs(first ? "\n    {\"kind\": " : ",\n    {\"kind\": ", out);
	bl_json_put(out, bl_table_kind_name(t->kind));
	fputs(", \"title\": ", out);
	bl_json_put(out, t->title);
	fprintf(out,
		", \"unit\": %s, \"page\": %d, \"line\": %d, \"last_page\": %d, \"no_data\": %s, "
		"\"columns\": [",
		t->unit == 10000 ? "\"万元\""
		: t->unit == 1   ? "\"元\""
				 : "null",
		t->pos.page, t->pos.line, t->last_page, t->no_data ? "true" : "false");
	for (int c = 0; c < t->ncols; c++) {
		const bl_tcol *col = &t->cols[c];
		fputs(c ? ", {\"name\": " : "{\"name\": ", out);
		bl_json_put(out, col->name);
		fputs(", \"key\": ", out);
		bl_json_put(out, col->key);
		fputs(", \"basis\": ", out);
		bl_json_put(out, col->basis);
		fprintf(out, ", \"part\": %d, \"figures\": %s}", col->part, col->figures ? "true" : "false");
	}
	fputs("],\n     \"rows\": [", out);
	for (size_t r = 0; r < t->nrows; r++) {
		const bl_trow *row = &t->rows[r];
		fputs(r ? ",\n      {\"code\": " : "\n      {\"code\": ", out);
		bl_json_put(out, row->code);
		fputs(", \"label\": ", out);
		bl_json_put(out, row->label);
		fprintf(out, ", \"role\": \"%s\", \"part\": %d, \"page\": %d, \"line\": %d, \"cells\": [",
			bl_row_role_name(row->role), row->part, row->pos.page, row->pos.line);
		int n = 0;
		for (int c = 0; c < t->ncols; c++) {
			const bl_cell *cl = &row->cells[c];
			if (!t->cols[c].figures || t->cols[c].part != row->part)
				continue;
			fputs(n++ ? ", " : "", out);
			if (cl->state == BL_CELL_BLANK)
				fprintf(out, "{\"col\": %d, \"state\": \"blank\"}", c);
			else if (cl->state == BL_CELL_NUMBER) {
				fprintf(out, "{\"col\": %d, \"state\": \"number\", \"value\": ", c);
				jdec(out, cl->value);
				jdoubt(out, cl->doubt);
				fputs("}", out);
			} else {
				fprintf(out, "{\"col\": %d, \"state\": \"text\", \"text\": ", c);
				bl_json_put(out, cl->text);
				fputs("}", out);
			}
		}
		fputs("]}", out);
	}
	fputs("]}", out);
}

static void fact_json(FILE *out, const bl_doc *doc, const bl_fact *f)
{
	fputs("{\"key\": ", out);
	bl_json_put(out, f->key);
	fputs(", \"measure\": ", out);
	bl_json_put(out, bl_measure_name(f->measure));
	fputs(", \"basis\": ", out);
	bl_json_put(out, bl_basis_name(f->basis));
	fprintf(out, ", \"period\": %d, \"value\": ", f->period);
	jdec(out, f->value);
	fputs(", \"unit\": ", out);
	bl_json_put(out, f->unit);
	fprintf(out, ", \"page\": %d, \"line\": %d, \"col\": %d", f->pos.page, f->pos.line, f->pos.col);
	jbox(out, doc, f->pos, cps_on_line(f->figure));
	jdoubt(out, f->doubt);
	fputs(", \"text\": ", out);
	jstr_n(out, f->text.p, f->text.n);
	fputs("}", out);
}

static void profile_json(FILE *out, const bl_doc *doc)
{
	const bl_profile *p = &doc->profile;
	fputs("\"path\": ", out);
	bl_json_put(out, doc->path);
	fputs(", \"kind\": ", out);
	bl_json_put(out, bl_kind_name(p->kind));
	fputs(", \"level\": ", out);
	bl_json_put(out, bl_level_name(p->level));
	if (p->year)
		fprintf(out, ", \"year\": %d", p->year);
	else
		fputs(", \"year\": null", out);
	fputs(", \"unit\": ", out);
	bl_json_put(out, p->unit);
	if (bl_doc_companion(doc)) { /* the other file of a disclosure in two */
		fputs(", \"companion\": ", out);
		bl_json_put(out, bl_doc_path(bl_doc_companion(doc)));
	}
	fprintf(out, ", \"pages\": %d", doc->npages);
	fputs(", \"docno\": ", out);
	bl_json_put(out, p->docno);
	fputs(", \"signer\": ", out);
	bl_json_put(out, p->signer);
	fputs(", \"date\": ", out);
	bl_json_put(out, p->date);
	fputs(", \"contact\": ", out);
	bl_json_put(out, p->contact);
	fprintf(out, ", \"source\": \"%s\", \"template\": %s", bl_source_name(bl_doc_source(doc)),
		p->is_template ? "true" : "false");
}

static void sections_json(FILE *out, const bl_doc *doc)
{
	fputs(",\n   \"sections\": [", out);
	for (size_t i = 0; i < doc->nsec; i++) {
		const bl_section *s = &doc->sec[i];
		fprintf(out, "%s{\"level\": %d, \"parent\": %d, \"line\": %d, \"marker\": ", i ? ", " : "",
			s->level, s->parent, s->pos.line);
		jstr_n(out, s->marker.p, s->marker.n);
		fputs(", \"title\": ", out);
		jstr_n(out, s->title.p, s->title.n);
		fputs("}", out);
	}
	fputs("]", out);
}

static void text_json(FILE *out, const bl_doc_text *t)
{
	fputs("{\"id\": ", out);
	bl_json_put(out, t->id);
	fputs(", \"key\": ", out);
	bl_json_put(out, t->key);
	fputs(", \"basis\": ", out);
	if (bl_basis_name(t->basis))
		bl_json_put(out, bl_basis_name(t->basis));
	else
		fputs("null", out);
	fprintf(out,
		", \"page\": %d, \"line\": %d, \"col\": %d, \"end_line\": %d, \"end_col\": "
		"%d, \"text\": ",
		t->pos.page, t->pos.line, t->pos.col, t->end.line, t->end.col);
	bl_json_put(out, t->text);
	fputs("}", out);
}

static void jdec_or_null(FILE *out, int has, bl_dec d)
{
	if (has)
		jdec(out, d);
	else
		fputs("null", out);
}

static void finding_json(FILE *out, const bl_doc *doc, const bl_finding *f)
{
	fputs("{\"rule\": ", out);
	bl_json_put(out, f->rule);
	fputs(", \"severity\": ", out);
	bl_json_put(out, bl_severity_name(f->severity));
	fputs(", \"message\": ", out);
	bl_json_put(out, f->message);
	fputs(", \"suggestion\": ", out);
	bl_json_put(out, f->suggestion);
	fprintf(out, ", \"page\": %d, \"line\": %d, \"col\": %d", f->pos.page, f->pos.line, f->pos.col);
	jbox(out, doc, f->pos, f->span);
	fputs(", \"stated\": ", out);
	jdec_or_null(out, f->has_stated, f->stated);
	fputs(", \"expected\": ", out);
	jdec_or_null(out, f->has_expected, f->expected);
	fputs(", \"evidence\": [", out);
	for (int e = 0; e < f->nevidence; e++) {
		const bl_evidence *ev = &f->evidence[e];
		fprintf(out, "%s{", e ? ", " : "");
		if (ev->path) { /* in the other file of the disclosure: its path, no box of this one */
			fputs("\"path\": ", out);
			bl_json_put(out, ev->path);
			fputs(", ", out);
		}
		fprintf(out, "\"page\": %d, \"line\": %d, \"col\": %d", ev->pos.page, ev->pos.line,
			ev->pos.col);
		if (!ev->path)
			jbox(out, doc, ev->pos, cps_on_line(ev->text));
		fputs(", \"text\": ", out);
		jstr_n(out, ev->text.p, ev->text.n);
		fputs("}", out);
	}
	fputs("]}", out);
}

BL_API void bl_report_json_doc(FILE *out, const bl_doc *doc, const bl_report_opts *opts, int first)
{
	fputs(first ? "\n  {" : ",\n  {", out);
	profile_json(out, doc);
	if (opts->with_facts) {
		sections_json(out, doc);
		fputs(",\n   \"tables\": [", out);
		for (size_t i = 0; i < bl_doc_ntables(doc); i++)
			table_json(out, bl_doc_table(doc, i), i == 0);
		fputs("]", out);
		fputs(",\n   \"facts\": [", out);
		for (size_t i = 0; i < doc->nfacts; i++) {
			fputs(i ? ",\n    " : "\n    ", out);
			fact_json(out, doc, &doc->facts[i]);
		}
		fputs("]", out);
		fputs(",\n   \"texts\": [", out);
		for (size_t i = 0; i < doc->ntexts; i++) {
			fputs(i ? ",\n    " : "\n    ", out);
			text_json(out, &doc->texts[i]);
		}
		fputs("]", out);
	}
	if (opts->with_findings) {
		fputs(",\n   \"findings\": [", out);
		int n = 0;
		for (size_t i = 0; i < doc->nfindings; i++) {
			if (doc->findings[i].severity < opts->min_severity)
				continue;
			fputs(n++ ? ",\n    " : "\n    ", out);
			finding_json(out, doc, &doc->findings[i]);
		}
		fputs("]", out);
	}
	fputs("}", out);
}

/* A quoted CSV field; line and page breaks inside a fact's text become spaces. */
static void csv_field(FILE *out, const char *s, size_t n)
{
	char small[512] = "";
	char *t = n < sizeof small ? small : bl_xmalloc(n + 1);
	for (size_t i = 0; i < n; i++)
		t[i] = s[i] == '\n' || s[i] == '\f' ? ' ' : s[i];
	bl_csv_cell(out, t, n, 1);
	if (t != small)
		free(t);
}

BL_API void bl_report_csv_facts(FILE *out, const bl_doc *doc, int header)
{
	if (header)
		fputs("path,key,measure,basis,period,value,unit,page,line,col,text\n", out);
	for (size_t i = 0; i < doc->nfacts; i++) {
		const bl_fact *f = &doc->facts[i];
		char b[40];
		const char *basis = bl_basis_name(f->basis);
		csv_field(out, doc->path, strlen(doc->path));
		fprintf(out, ",%s,%s,%s,%d,%s,%s,%d,%d,%d,", f->key, bl_measure_name(f->measure),
			basis ? basis : "", f->period, bl_dec_format(f->value, b), f->unit ? f->unit : "",
			f->pos.page, f->pos.line, f->pos.col);
		csv_field(out, f->text.p, f->text.n);
		fputc('\n', out);
	}
}
