/* xlsx.c - spreadsheets (.xlsx) as budget systems export them.
 *
 * Each visible sheet is a page. Its cells are shown as Excel would show
 * them: a number through its cell's number format (decimals, thousands
 * separators, percent), computed from the stored value in decimal, never
 * through a binary float's digits. Rows are split into blocks at blank
 * rows; in each block the leading rows that are a caption (a title, a
 * 单位：万元 line) and the trailing notes become lines, and the rest a grid
 * with its merged cells, so that table.c finds title, unit and columns as
 * it does in a PDF. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ingest/xml.h"

enum { MAX_SHEETS = 256, MAX_FMTS = 4096 };

typedef struct fmt {
	int id;
	char *code;
} fmt;

typedef struct book {
	const char *name;
	bl_zip *z;
	char **sst; /* shared strings */
	size_t nsst, sstcap;
	int *xf_fmt; /* cellXfs: number format id per style index */
	size_t nxf, xfcap;
	fmt *fmts;
	size_t nfmts, fmtcap;
	int date1904;
	bl_sdoc *w;
} book;

typedef struct cell {
	int r, c;
	char *text;
} cell;

typedef struct merge {
	int r0, c0, r1, c1;
} merge;

static xmlDoc *read_xml(book *b, const char *member, int required, bl_status *st, bl_diag *diag)
{
	return bl_zip_xml(b->z, b->name, member, required, st, diag);
}

static int is_el(const xmlNode *n, const char *local)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, local) == 0;
}

#define attr bl_xml_attr

static const xmlNode *child(const xmlNode *n, const char *local)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (is_el(c, local))
			return c;
	return NULL;
}

/* The text of <t> elements under n, leaving out phonetic runs (<rPh>). */
static void gather(const xmlNode *n, bl_buf *b, int depth)
{
	if (depth > 32)
		return;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is_el(c, "rPh") || is_el(c, "phoneticPr"))
			continue;
		if (is_el(c, "t")) {
			for (const xmlNode *k = c->children; k; k = k->next)
				if ((k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) && k->content)
					bl_buf_put(b, k->content, strlen((const char *)k->content));
		} else if (c->type == XML_ELEMENT_NODE)
			gather(c, b, depth + 1);
	}
}

static char *text_of(const xmlNode *n)
{
	bl_buf b = BL_BUF_INIT((size_t)1 << 20);
	gather(n, &b, 0);
	char *s = bl_xstrndup(b.p ? b.p : "", b.n);
	bl_buf_release(&b);
	return s;
}

static char *node_text(const xmlNode *n)
{
	const xmlNode *k = n ? n->children : NULL;
	for (; k; k = k->next)
		if (k->type == XML_TEXT_NODE && k->content)
			return (char *)k->content;
	return NULL;
}

static bl_status shared_strings(book *b, bl_diag *diag)
{
	bl_status st;
	xmlDoc *x = read_xml(b, "xl/sharedStrings.xml", 0, &st, diag);
	if (!x)
		return st;
	for (const xmlNode *si = xmlDocGetRootElement(x)->children; si; si = si->next)
		if (is_el(si, "si"))
			*BL_PUSH(b->sst, b->nsst, b->sstcap) = text_of(si);
	xmlFreeDoc(x);
	return BL_OK;
}

static bl_status styles(book *b, bl_diag *diag)
{
	bl_status st;
	xmlDoc *x = read_xml(b, "xl/styles.xml", 0, &st, diag);
	if (!x)
		return st;
	const xmlNode *root = xmlDocGetRootElement(x);
	const xmlNode *nf = child(root, "numFmts");
	for (const xmlNode *f = nf ? nf->children : NULL; f && b->nfmts < MAX_FMTS; f = f->next) {
		const char *id = attr(f, "numFmtId"), *code = attr(f, "formatCode");
		if (is_el(f, "numFmt") && id && code)
			*BL_PUSH(b->fmts, b->nfmts, b->fmtcap) = (fmt){atoi(id), bl_xstrndup(code, strlen(code))};
	}
	const xmlNode *xfs = child(root, "cellXfs");
	for (const xmlNode *f = xfs ? xfs->children : NULL; f; f = f->next)
		if (is_el(f, "xf")) {
			const char *id = attr(f, "numFmtId");
			*BL_PUSH(b->xf_fmt, b->nxf, b->xfcap) = id ? atoi(id) : 0;
		}
	xmlFreeDoc(x);
	return BL_OK;
}

/* --- number formats --- */

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
	case 37: case 38: return "#,##0;-#,##0";
	case 39: case 40: return "#,##0.00;-#,##0.00";
	case 48: return "##0.0E+0";
	case 49: return "@";
	}
	if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58))
		return "yyyy-mm-dd";
	return "General";
}

static const char *fmt_code(const book *b, int style)
{
	int id = style >= 0 && (size_t)style < b->nxf ? b->xf_fmt[style] : 0;
	for (size_t i = 0; i < b->nfmts; i++)
		if (b->fmts[i].id == id)
			return b->fmts[i].code;
	return builtin_fmt(id);
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

/* Prints v through the format: its value to 15 significant digits (what
 * Excel keeps), then rounded to the format's decimals half away from zero
 * in decimal, so 2.675 shows as 2.68 whatever its binary neighbour is. */
static void print_number(const char *v, const numfmt *f, char *out, size_t outn)
{
	double x = strtod(v, NULL);
	if (f->percent)
		x *= 100;
	char e[48];
	snprintf(e, sizeof e, "%.14e", fabs(x));
	char dig[24];
	int nd = 0;
	for (const char *q = e; *q && *q != 'e' && nd < 20; q++)
		if (*q >= '0' && *q <= '9')
			dig[nd++] = *q;
	int point = atoi(strchr(e, 'e') + 1) + 1; /* |x| = 0.dig x 10^point */
	int dec = f->decimals;
	if (f->general) {
		int last = nd;
		while (last > 0 && dig[last - 1] == '0')
			last--;
		dec = last - point < 0 ? 0 : last - point > 10 ? 10 : last - point;
	}
	int k = (point > 0 ? point : 0) + 1; /* integer digits, with one more for a carry */
	char a[128];
	if (k + dec > (int)sizeof a - 8) {
		snprintf(out, outn, "%.0f", x);
		return;
	}
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
	char r[192];
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

static char *format_number(const book *b, const char *v, int style)
{
	char out[200];
	double x = strtod(v, NULL);
	numfmt f;
	pick_section(fmt_code(b, style), x > 0 ? 1 : x < 0 ? -1 : 0, &f);
	if (f.date && x >= 1 && x < 2958466)
		print_date(x, b->date1904, out, sizeof out);
	else if (f.literal)
		snprintf(out, sizeof out, "%s", f.text);
	else
		print_number(v, &f, out, sizeof out);
	return bl_xstrndup(out, strlen(out));
}

/* --- sheets --- */

static int ref_parse(const char *s, int *r, int *c)
{
	int col = 0, row = 0, nl = 0;
	while (*s == '$')
		s++;
	for (; *s >= 'A' && *s <= 'Z' && nl < 4; s++, nl++)
		col = col * 26 + (*s - 'A' + 1);
	while (*s == '$')
		s++;
	for (; *s >= '0' && *s <= '9' && row < 10000000; s++)
		row = row * 10 + (*s - '0');
	if (!nl || !row)
		return 0;
	*r = row - 1;
	*c = col - 1;
	return 1;
}

static char *cell_value(const book *b, const xmlNode *c)
{
	const char *t = attr(c, "t");
	const char *s = attr(c, "s");
	if (t && strcmp(t, "inlineStr") == 0) {
		const xmlNode *is = child(c, "is");
		return is ? text_of(is) : NULL;
	}
	const char *v = node_text(child(c, "v"));
	if (!v)
		return NULL;
	if (t && strcmp(t, "s") == 0) {
		long i = strtol(v, NULL, 10);
		return i >= 0 && (size_t)i < b->nsst ? bl_xstrndup(b->sst[i], strlen(b->sst[i])) : NULL;
	}
	if (t && strcmp(t, "b") == 0)
		return bl_xstrndup(*v == '1' ? "TRUE" : "FALSE", *v == '1' ? 4 : 5);
	if (t && (strcmp(t, "str") == 0 || strcmp(t, "e") == 0))
		return bl_xstrndup(v, strlen(v));
	return format_number(b, v, s ? atoi(s) : 0);
}

static int row_filled(char **grid, int nc, int r, int *first)
{
	int k = 0;
	for (int c = 0; c < nc; c++)
		if (grid[(size_t)r * nc + c]) {
			if (!k && first)
				*first = c;
			k++;
		}
	return k;
}

static void line_of_row(bl_sdoc *w, char **grid, int nc, int r)
{
	int any = 0;
	for (int c = 0; c < nc; c++) {
		const char *s = grid[(size_t)r * nc + c];
		if (!s)
			continue;
		if (any)
			bl_sdoc_put(w, "  ", 2);
		bl_sdoc_put(w, s, strlen(s));
		any = 1;
	}
	bl_sdoc_endpara(w);
}

/* A caption row: one cell, or two where one says 单位. */
static int caption_row(char **grid, int nc, int r)
{
	int first = 0, k = row_filled(grid, nc, r, &first);
	if (k == 1)
		return 1;
	if (k != 2)
		return 0;
	for (int c = 0; c < nc; c++) {
		const char *s = grid[(size_t)r * nc + c];
		if (s && strstr(s, "单位"))
			return 1;
	}
	return 0;
}

static int note_row(char **grid, int nc, int r)
{
	int first = 0;
	if (row_filled(grid, nc, r, &first) != 1)
		return 0;
	const char *s = grid[(size_t)r * nc + first];
	return strncmp(s, "注", 3) == 0 || strncmp(s, "说明", 6) == 0 || strncmp(s, "备注", 6) == 0 || bl_utf8_count(s, strlen(s)) > 30;
}

static void sheet_block(bl_sdoc *w, char **grid, int nc, const merge *mg, size_t nmg, int r0, int r1,
			const char *sheet)
{
	int t0 = r0;
	int titled = 0;
	while (t0 <= r1 && caption_row(grid, nc, t0)) {
		for (int c = 0; c < nc; c++) {
			const char *s = grid[(size_t)t0 * nc + c];
			if (s && strstr(s, "表"))
				titled = 1;
		}
		t0++;
	}
	int t1 = r1;
	while (t1 >= t0 && note_row(grid, nc, t1))
		t1--;
	if (!titled && sheet && t0 <= t1) {
		/* the sheet's tab names the table when no caption row does */
		for (const unsigned char *q = (const unsigned char *)sheet; *q; q++)
			if (*q >= 0xE4) {
				bl_sdoc_put(w, sheet, strlen(sheet));
				bl_sdoc_endpara(w);
				break;
			}
	}
	for (int r = r0; r < t0; r++)
		line_of_row(w, grid, nc, r);
	if (t0 <= t1) {
		bl_sdoc_table_begin(w);
		for (int r = t0; r <= t1; r++) {
			bl_sdoc_row(w);
			for (int c = 0; c < nc; c++) {
				int rs = 1, cs = 1, covered = 0;
				for (size_t i = 0; i < nmg; i++) {
					const merge *m = &mg[i];
					if (r < m->r0 || r > m->r1 || c < m->c0 || c > m->c1)
						continue;
					int ar = m->r0 < t0 ? t0 : m->r0; /* its first row inside the grid */
					if (r == ar && c == m->c0) {
						rs = (m->r1 < t1 ? m->r1 : t1) - r + 1;
						cs = m->c1 - c + 1;
					} else
						covered = 1; /* the merge's first cell holds the text */
					break;
				}
				if (covered)
					continue;
				bl_sdoc_cell_begin(w, rs, cs, 0);
				const char *s = grid[(size_t)r * nc + c];
				if (s)
					bl_sdoc_put(w, s, strlen(s));
				bl_sdoc_cell_end(w);
				c += cs - 1;
			}
		}
		bl_sdoc_table_end(w);
	}
	for (int r = t1 + 1; r <= r1; r++)
		line_of_row(w, grid, nc, r);
}

static bl_status sheet(book *b, const char *member, const char *sheet_name, bl_diag *diag)
{
	bl_status st;
	xmlDoc *x = read_xml(b, member, 1, &st, diag);
	if (!x)
		return st;
	const xmlNode *root = xmlDocGetRootElement(x);
	cell *cs = NULL;
	size_t ncs = 0, cscap = 0;
	merge *mg = NULL;
	size_t nmg = 0, mgcap = 0;
	int nr = 0, nc = 0, next_row = 0;
	const xmlNode *data = child(root, "sheetData");
	for (const xmlNode *row = data ? data->children : NULL; row; row = row->next) {
		if (!is_el(row, "row"))
			continue;
		const char *rr = attr(row, "r");
		int r = rr ? atoi(rr) - 1 : next_row;
		next_row = r + 1;
		int next_col = 0;
		for (const xmlNode *c = row->children; c; c = c->next) {
			if (!is_el(c, "c"))
				continue;
			int cr = r, cc = next_col;
			const char *ref = attr(c, "r");
			if (ref && !ref_parse(ref, &cr, &cc))
				continue;
			next_col = cc + 1;
			char *v = cell_value(b, c);
			if (!v)
				continue;
			const char *q = v;
			while (*q == ' ')
				q++;
			if (!*q || cr < 0 || cc < 0) {
				free(v);
				continue;
			}
			if (cr >= BL_SDOC_MAX_ROWS || cc >= BL_SDOC_MAX_COLS || ncs >= BL_SDOC_MAX_CELLS) {
				free(v);
				b->w->over = 1;
				continue;
			}
			*BL_PUSH(cs, ncs, cscap) = (cell){cr, cc, v};
			if (cr + 1 > nr)
				nr = cr + 1;
			if (cc + 1 > nc)
				nc = cc + 1;
		}
	}
	const xmlNode *mcs = child(root, "mergeCells");
	for (const xmlNode *m = mcs ? mcs->children : NULL; m; m = m->next) {
		const char *ref = is_el(m, "mergeCell") ? attr(m, "ref") : NULL;
		const char *colon = ref ? strchr(ref, ':') : NULL;
		merge g;
		if (!colon || !ref_parse(ref, &g.r0, &g.c0) || !ref_parse(colon + 1, &g.r1, &g.c1))
			continue;
		if (g.r1 < g.r0 || g.c1 < g.c0 || g.r0 >= nr || g.c0 >= nc)
			continue;
		if (g.r1 >= nr)
			g.r1 = nr - 1;
		if (g.c1 >= nc)
			g.c1 = nc - 1;
		*BL_PUSH(mg, nmg, mgcap) = g;
	}
	xmlFreeDoc(x);
	if (nr > 0 && nc > 0) {
		char **grid = bl_xcalloc((size_t)nr * (size_t)nc, sizeof *grid);
		for (size_t i = 0; i < ncs; i++) {
			char **slot = &grid[(size_t)cs[i].r * nc + cs[i].c];
			free(*slot);
			*slot = cs[i].text;
		}
		/* blocks of rows between blank rows */
		int r = 0;
		while (r < nr) {
			while (r < nr && !row_filled(grid, nc, r, NULL))
				r++;
			if (r >= nr)
				break;
			int e = r;
			while (e + 1 < nr && row_filled(grid, nc, e + 1, NULL))
				e++;
			/* a merge across the blank row keeps the block together */
			for (size_t i = 0; i < nmg; i++)
				if (mg[i].r0 <= e && mg[i].r1 > e) {
					e = mg[i].r1;
					while (e + 1 < nr && row_filled(grid, nc, e + 1, NULL))
						e++;
				}
			sheet_block(b->w, grid, nc, mg, nmg, r, e, sheet_name);
			r = e + 1;
		}
		for (size_t i = 0; i < (size_t)nr * (size_t)nc; i++)
			free(grid[i]);
		free(grid);
	} else {
		for (size_t i = 0; i < ncs; i++)
			free(cs[i].text);
	}
	free(cs);
	free(mg);
	return BL_OK;
}

/* Where the workbook's relationship rid points, as a member name. */
static char *target_of(const xmlDoc *rels, const char *rid)
{
	if (!rels || !rid)
		return NULL;
	for (const xmlNode *r = xmlDocGetRootElement((xmlDoc *)rels)->children; r; r = r->next) {
		const char *id = is_el(r, "Relationship") ? attr(r, "Id") : NULL;
		const char *t = id ? attr(r, "Target") : NULL;
		if (!t || strcmp(id, rid) != 0)
			continue;
		if (*t == '/')
			return bl_xstrndup(t + 1, strlen(t + 1));
		size_t n = strlen(t) + 4;
		char *m = bl_xmalloc(n);
		snprintf(m, n, "xl/%s", t);
		return m;
	}
	return NULL;
}

bl_status bl_xlsx_extract(const char *name, const char *bytes, size_t n, bl_extract *out, bl_diag *diag)
{
	book b = {0};
	b.name = name;
	bl_status st = bl_zip_open(name, bytes, n, &b.z, diag);
	if (st)
		return st;
	bl_sdoc *w = bl_xmalloc(sizeof *w);
	bl_sdoc_init(w, 0);
	b.w = w;
	xmlDoc *wb = NULL, *rels = NULL;
	if ((st = shared_strings(&b, diag)) || (st = styles(&b, diag)))
		goto done;
	wb = read_xml(&b, "xl/workbook.xml", 1, &st, diag);
	if (!wb)
		goto done;
	rels = read_xml(&b, "xl/_rels/workbook.xml.rels", 1, &st, diag);
	if (!rels)
		goto done;
	const xmlNode *root = xmlDocGetRootElement(wb);
	const xmlNode *pr = child(root, "workbookPr");
	const char *d1904 = pr ? attr(pr, "date1904") : NULL;
	b.date1904 = d1904 && (*d1904 == '1' || *d1904 == 't');
	const xmlNode *sheets = child(root, "sheets");
	int nsheets = 0;
	for (const xmlNode *s = sheets ? sheets->children : NULL; s && !st; s = s->next) {
		if (!is_el(s, "sheet"))
			continue;
		const char *state = attr(s, "state");
		if (state && strcmp(state, "visible") != 0)
			continue; /* hidden sheets are not what was published */
		if (++nsheets > MAX_SHEETS) {
			bl_diag_set(diag, BL_ETOOBIG, 0, name, "cannot read '%s': more than %d sheets", name, MAX_SHEETS);
			st = BL_ETOOBIG;
			break;
		}
		char *member = target_of(rels, attr(s, "id"));
		if (!member)
			continue;
		if (nsheets > 1)
			bl_sdoc_pagebreak(w);
		st = sheet(&b, member, attr(s, "name"), diag);
		free(member);
	}
	bl_sdoc_endpara(w);
done:
	xmlFreeDoc(wb);
	xmlFreeDoc(rels);
	bl_zip_close(b.z);
	for (size_t i = 0; i < b.nsst; i++)
		free(b.sst[i]);
	free(b.sst);
	for (size_t i = 0; i < b.nfmts; i++)
		free(b.fmts[i].code);
	free(b.fmts);
	free(b.xf_fmt);
	if (st) {
		bl_sdoc_free(w);
		free(w);
		return st;
	}
	out->sdoc = w;
	return BL_OK;
}
