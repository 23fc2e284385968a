/* xlsx.c - spreadsheets (.xlsx) as budget systems export them.
 *
 * Each visible sheet is a page. Its cells are shown as Excel would show
 * them: a number through its cell's number format (decimals, thousands
 * separators, percent), computed from the stored value in decimal, never
 * through a binary float's digits. Rows are split into blocks at blank
 * rows; in each block the leading rows that are a caption (a title, a
 * 单位：万元 line) and the trailing notes become lines, and the rest a grid
 * with its merged cells, so that table.c finds title, unit and columns as
 * it does in a PDF.
 *
 * A sheet is read as a stream of parser events, its cells kept sparse and
 * its merged ranges found in one pass over their areas: time and memory
 * follow the cells present, not the rows and columns they span or the
 * ranges listed. A stored value Excel could not hold as a number (1e400,
 * 400 digits, NaN) or that is no number at all (hex, "-") shows as Excel's
 * own #NUM! or #VALUE!: text, so a doubt in its table, never a figure. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ingest/xml.h"

enum { MAX_SHEETS = 256, MAX_FMTS = 4096 };

/* A number format code past Excel's own limit of 255 characters is none it
 * wrote; read per cell, a longer one would cost its length for every cell. */
enum { MAX_FMT_CODE = 255 };

/* Excel holds 32,767 characters in a cell: a cell of more than this is no
 * spreadsheet's, and is refused rather than cut. */
#define MAX_CELL_TEXT ((size_t)1 << 20)

/* Merged ranges overlap only in files Excel would repair; filling them costs
 * their area, so ranges covering more than this many times their table's
 * area are refused rather than filled over and over. */
enum { MAX_MERGE_OVERLAP = 4 };

typedef struct fmt {
	int id, seq; /* seq: file order, the first of one id wins */
	char *code;
} fmt;

typedef struct book {
	const char *name;
	bl_zip *z;
	char **sst; /* shared strings */
	size_t nsst, sstcap;
	int *xf_fmt; /* cellXfs: number format id per style index */
	size_t nxf, xfcap;
	const char **xf_code; /* the format code per style index, found once, not per cell */
	const char *code0;    /* a style index out of range: format 0's */
	fmt *fmts;
	size_t nfmts, fmtcap;
	int date1904;
	bl_sdoc *w;
} book;

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

/* The text of <t> elements under n, leaving out phonetic runs (<rPh>);
 * -1 when it passes the cap of b. */
static int gather(const xmlNode *n, bl_buf *b, int depth)
{
	if (depth > BL_XML_MAX_DEPTH) /* deeper than the parser lets a part nest */
		return 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is_el(c, "rPh") || is_el(c, "phoneticPr"))
			continue;
		if (is_el(c, "t")) {
			for (const xmlNode *k = c->children; k; k = k->next)
				if ((k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) && k->content &&
				    bl_buf_put(b, k->content, strlen((const char *)k->content)))
					return -1;
		} else if (c->type == XML_ELEMENT_NODE && gather(c, b, depth + 1))
			return -1;
	}
	return 0;
}

/* The text of a shared string, or NULL past MAX_CELL_TEXT. */
static char *text_of(const xmlNode *n)
{
	bl_buf b = BL_BUF_INIT(MAX_CELL_TEXT);
	char *s = gather(n, &b, 0) ? NULL : bl_xstrndup(b.p ? b.p : "", b.n);
	bl_buf_release(&b);
	return s;
}

static bl_status shared_strings(book *b, bl_diag *diag)
{
	bl_status st;
	xmlDoc *x = read_xml(b, "xl/sharedStrings.xml", 0, &st, diag);
	if (!x)
		return st;
	st = BL_OK;
	for (const xmlNode *si = xmlDocGetRootElement(x)->children; si && !st; si = si->next) {
		if (!is_el(si, "si"))
			continue;
		char *t = text_of(si);
		if (t)
			*BL_PUSH(b->sst, b->nsst, b->sstcap) = t;
		else {
			bl_diag_set(diag, BL_ETOOBIG, 0, b->name,
				    "cannot read '%s': a shared string holds more than 1 MiB of text (Excel holds 32,767 "
				    "characters in a cell)",
				    b->name);
			st = BL_ETOOBIG;
		}
	}
	xmlFreeDoc(x);
	return st;
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
		if (!is_el(f, "numFmt"))
			continue;
		const char *id = attr(f, "numFmtId"), *code = attr(f, "formatCode");
		if (id && code && strlen(code) <= MAX_FMT_CODE)
			*BL_PUSH(b->fmts, b->nfmts, b->fmtcap) =
				(fmt){atoi(id), (int)b->nfmts, bl_xstrndup(code, strlen(code))};
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

/* Resolves every style's format once: a cell then finds its code at once. */
static void resolve_formats(book *b)
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
	*x = strtod(start, NULL); /* past the double range: HUGE_VAL; below it, 0 or a subnormal, as Excel rounds */
	return isfinite(*x) ? NUM_OK : NUM_RANGE;
}

/* A numeric cell as Excel shows it, or NULL when it holds nothing. */
static char *format_number(const book *b, const char *v, int style)
{
	char out[720];
	double x = 0;
	switch (stored_number(v, &x)) {
	case NUM_EMPTY:
		return NULL;
	case NUM_RANGE:
		return bl_xstrndup(not_finite, strlen(not_finite));
	case NUM_BAD:
		return bl_xstrndup(not_number, strlen(not_number));
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

/* A row number as written (1-based), clamped so that arithmetic on it
 * cannot overflow: anything past the row cap is refused anyway. */
static int row_number(const char *s)
{
	long x = strtol(s, NULL, 10);
	return x < 0 ? 0 : x > 10000000 ? 10000000 : (int)x;
}

/* The text of a cell as stored: its type t, style s, the first text of
 * its <v> and the text of its <is>, each NULL when absent. */
static char *cell_value(const book *b, const char *t, const char *s, const char *v, const char *is)
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

/* One sheet as read: its non-blank cells and merged ranges, sparse, so
 * that cost follows the cells present, not the rows and columns they span. */
typedef struct cell {
	int r, c;
	size_t seq; /* document order: of two cells at one place the later wins */
	char *text;
} cell;

typedef struct merge {
	int r0, c0, r1, c1;
	size_t seq; /* list order: where ranges overlap the first listed wins */
} merge;

typedef struct srow {
	int r;
	size_t first, end; /* its cells, cs[first..end), by column */
} srow;

typedef struct sheet {
	const char *name; /* the tab, or NULL */
	cell *cs;
	size_t ncs, cscap;
	merge *mg;
	size_t nmg, mgcap;
	srow *rows;
	size_t nrows, rowcap;
	int nr, nc; /* one past the last row and column holding text */
} sheet;

static void sheet_release(sheet *sh)
{
	for (size_t i = 0; i < sh->ncs; i++)
		free(sh->cs[i].text);
	free(sh->cs);
	free(sh->mg);
	free(sh->rows);
}

static bl_status too_big(const book *b, const sheet *sh, const char *what, bl_diag *diag)
{
	bl_diag_set(diag, BL_ETOOBIG, 0, b->name, "cannot read '%s': sheet '%s' %s", b->name,
		    sh->name ? sh->name : "?", what);
	return BL_ETOOBIG;
}

/* Keeps a cell; BL_ETOOBIG past the caps a table has (the document would be
 * refused whatever followed, so reading stops there). */
static bl_status keep_cell(const book *b, sheet *sh, int cr, int cc, char *v, bl_diag *diag)
{
	const char *q = v;
	while (*q == ' ')
		q++;
	if (!*q || cr < 0 || cc < 0) {
		free(v);
		return BL_OK;
	}
	char what[96];
	if (cr >= BL_SDOC_MAX_ROWS || cc >= BL_SDOC_MAX_COLS || sh->ncs >= BL_SDOC_MAX_CELLS) {
		free(v);
		if (cr >= BL_SDOC_MAX_ROWS)
			snprintf(what, sizeof what, "has text in row %d, past the %d rows a table may have", cr + 1,
				 BL_SDOC_MAX_ROWS);
		else if (cc >= BL_SDOC_MAX_COLS)
			snprintf(what, sizeof what, "has text in column %d, past the %d columns a table may have", cc + 1,
				 BL_SDOC_MAX_COLS);
		else
			snprintf(what, sizeof what, "has more than %d cells", BL_SDOC_MAX_CELLS);
		return too_big(b, sh, what, diag);
	}
	*BL_PUSH(sh->cs, sh->ncs, sh->cscap) = (cell){cr, cc, sh->ncs, v};
	if (cr + 1 > sh->nr)
		sh->nr = cr + 1;
	if (cc + 1 > sh->nc)
		sh->nc = cc + 1;
	return BL_OK;
}

/* The state of a worksheet read as events. */
typedef struct sheet_reader {
	bl_xml_sax x;
	const book *b;
	sheet *sh;
	bl_diag *diag;
	int data, merges;        /* the first <sheetData>, <mergeCells>: 0 not yet, 1 inside, 2 done */
	int in_row, r, next_row, next_col;
	/* the cell being read */
	int in_cell, cr, cc, ok; /* ok: its reference could be read */
	char t[16], s[16];       /* its type and style attributes */
	int has_t, has_s;
	bl_buf v, is;            /* the first text of its <v>; the <t> text of its <is> */
	int v_state;             /* its first <v>: 0 not seen, 1 inside, 2 taking its first text, 3 done */
	int v_text;              /* that <v> had text */
	int has_is, in_is;
	int t_depth, skip_depth; /* the <t> being read, the phonetic run left out; -1 if none */
} sheet_reader;

static void cell_begin(sheet_reader *rd, const xmlChar **attrs, int nattr)
{
	char a[64];
	rd->in_cell = 1;
	rd->cr = rd->r;
	rd->cc = rd->next_col;
	rd->ok = 1;
	if (bl_xml_sax_attr(attrs, nattr, "r", a, sizeof a) && !ref_parse(a, &rd->cr, &rd->cc))
		rd->ok = 0; /* a reference that cannot be read: the cell is left out */
	if (rd->ok)
		rd->next_col = rd->cc + 1;
	rd->has_t = bl_xml_sax_attr(attrs, nattr, "t", rd->t, sizeof rd->t);
	rd->has_s = bl_xml_sax_attr(attrs, nattr, "s", rd->s, sizeof rd->s);
	bl_buf_release(&rd->v); /* kept small: a cell's text, not the largest cell's */
	bl_buf_release(&rd->is);
	rd->v_state = rd->v_text = rd->has_is = rd->in_is = 0;
	rd->t_depth = rd->skip_depth = -1;
}

static void cell_end(sheet_reader *rd)
{
	rd->in_cell = 0;
	if (!rd->ok)
		return;
	const char *v = rd->v_text ? (rd->v.p ? rd->v.p : "") : NULL;
	const char *is = rd->has_is ? (rd->is.p ? rd->is.p : "") : NULL;
	char *text = cell_value(rd->b, rd->has_t ? rd->t : NULL, rd->has_s ? rd->s : NULL, v, is);
	if (text)
		rd->x.st = keep_cell(rd->b, rd->sh, rd->cr, rd->cc, text, rd->diag);
}

static void on_start(bl_xml_sax *x, const char *local, int depth, const xmlChar **attrs, int nattr)
{
	sheet_reader *rd = x->user;
	char a[64];
	if (rd->v_state == 2)
		rd->v_state = 3; /* the <v>'s first text ends at an element */
	if (depth == 1) {
		int *part = NULL;
		if (strcmp(local, "sheetData") == 0)
			part = &rd->data;
		else if (strcmp(local, "mergeCells") == 0)
			part = &rd->merges;
		if (part && *part == 0)
			*part = 1;
		return;
	}
	if (depth == 2 && rd->merges == 1 && strcmp(local, "mergeCell") == 0) {
		char ref[64];
		merge g = {0, 0, 0, 0, rd->sh->nmg};
		const char *colon = bl_xml_sax_attr(attrs, nattr, "ref", ref, sizeof ref) ? strchr(ref, ':') : NULL;
		if (colon && ref_parse(ref, &g.r0, &g.c0) && ref_parse(colon + 1, &g.r1, &g.c1) && g.r1 >= g.r0 &&
		    g.c1 >= g.c0)
			*BL_PUSH(rd->sh->mg, rd->sh->nmg, rd->sh->mgcap) = g;
		return;
	}
	if (rd->data != 1)
		return;
	if (depth == 2 && strcmp(local, "row") == 0) {
		rd->in_row = 1;
		rd->r = bl_xml_sax_attr(attrs, nattr, "r", a, sizeof a) ? row_number(a) - 1 : rd->next_row;
		rd->next_row = rd->r + 1;
		rd->next_col = 0;
	} else if (depth == 3 && rd->in_row && strcmp(local, "c") == 0) {
		cell_begin(rd, attrs, nattr);
	} else if (depth == 4 && rd->in_cell) {
		if (strcmp(local, "v") == 0 && rd->v_state == 0)
			rd->v_state = 1;
		else if (strcmp(local, "is") == 0 && !rd->has_is)
			rd->has_is = rd->in_is = 1;
	} else if (depth > 4 && rd->in_is && rd->skip_depth < 0 && rd->t_depth < 0) {
		if (strcmp(local, "rPh") == 0 || strcmp(local, "phoneticPr") == 0)
			rd->skip_depth = depth; /* a phonetic reading is not the text */
		else if (strcmp(local, "t") == 0)
			rd->t_depth = depth; /* its own text, not its children's */
	}
}

static void on_end(bl_xml_sax *x, const char *local, int depth)
{
	sheet_reader *rd = x->user;
	(void)local;
	if (rd->v_state == 2)
		rd->v_state = 3;
	if (depth == 1) {
		if (rd->data == 1)
			rd->data = 2;
		if (rd->merges == 1)
			rd->merges = 2;
	} else if (depth == 2)
		rd->in_row = 0;
	else if (depth == 3 && rd->in_cell)
		cell_end(rd);
	else if (depth == 4 && rd->in_cell) {
		if (rd->v_state == 1)
			rd->v_state = 3; /* a <v> without text */
		rd->in_is = 0;
		rd->t_depth = rd->skip_depth = -1;
	} else if (depth == rd->skip_depth)
		rd->skip_depth = -1;
	else if (depth == rd->t_depth)
		rd->t_depth = -1;
}

static void on_text(bl_xml_sax *x, const char *s, size_t n, int depth)
{
	sheet_reader *rd = x->user;
	bl_buf *into = NULL;
	if (!rd->in_cell)
		return;
	if (depth == 5 && (rd->v_state == 1 || rd->v_state == 2)) {
		rd->v_state = 2;
		rd->v_text = 1;
		into = &rd->v;
	} else if (rd->in_is && rd->skip_depth < 0 && rd->t_depth >= 0 && depth == rd->t_depth + 1)
		into = &rd->is;
	if (into && bl_buf_put(into, s, n))
		x->st = too_big(rd->b, rd->sh, "has a cell of more than 1 MiB of text (Excel holds 32,767 characters)",
				rd->diag);
}

static void on_other(bl_xml_sax *x)
{
	sheet_reader *rd = x->user;
	if (rd->v_state == 2)
		rd->v_state = 3; /* a comment ends the <v>'s first text, as it ends a text node */
}

/* Reads a worksheet as events: its first <sheetData> (rows, cells) and its
 * first <mergeCells>. Memory is that of the cells kept. */
static bl_status sheet_read(book *b, const char *member, sheet *sh, bl_diag *diag)
{
	sheet_reader rd;
	memset(&rd, 0, sizeof rd);
	rd.x = (bl_xml_sax){&rd, on_start, on_end, on_text, on_other, BL_OK};
	rd.b = b;
	rd.sh = sh;
	rd.diag = diag;
	rd.t_depth = rd.skip_depth = -1;
	rd.v = (bl_buf)BL_BUF_INIT(MAX_CELL_TEXT);
	rd.is = (bl_buf)BL_BUF_INIT(MAX_CELL_TEXT);
	bl_status st = bl_zip_xml_sax(b->z, b->name, member, &rd.x, diag);
	bl_buf_release(&rd.v);
	bl_buf_release(&rd.is);
	return st;
}

static int cell_cmp(const void *a, const void *b)
{
	const cell *x = a, *y = b;
	if (x->r != y->r)
		return x->r < y->r ? -1 : 1;
	if (x->c != y->c)
		return x->c < y->c ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int merge_by_row(const void *a, const void *b)
{
	const merge *x = a, *y = b;
	if (x->r0 != y->r0)
		return x->r0 < y->r0 ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int merge_by_seq(const void *a, const void *b)
{
	const merge *x = a, *y = b;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sorts the cells into rows (the later of two at one place wins) and
 * keeps the merged ranges that touch text, cut to the used area, in row
 * order: n log n in the cells and ranges, whatever area they span. */
static void sheet_index(sheet *sh)
{
	if (sh->ncs > 1)
		qsort(sh->cs, sh->ncs, sizeof *sh->cs, cell_cmp);
	size_t n = 0;
	for (size_t i = 0; i < sh->ncs; i++) {
		if (n > 0 && sh->cs[n - 1].r == sh->cs[i].r && sh->cs[n - 1].c == sh->cs[i].c) {
			free(sh->cs[n - 1].text);
			sh->cs[n - 1] = sh->cs[i];
			continue;
		}
		sh->cs[n++] = sh->cs[i];
	}
	sh->ncs = n;
	for (size_t i = 0; i < n; i++) {
		if (!sh->nrows || sh->rows[sh->nrows - 1].r != sh->cs[i].r)
			*BL_PUSH(sh->rows, sh->nrows, sh->rowcap) = (srow){sh->cs[i].r, i, i};
		sh->rows[sh->nrows - 1].end = i + 1;
	}
	size_t m = 0;
	for (size_t i = 0; i < sh->nmg; i++) {
		merge g = sh->mg[i];
		if (g.r0 >= sh->nr || g.c0 >= sh->nc)
			continue;
		if (g.r1 >= sh->nr)
			g.r1 = sh->nr - 1;
		if (g.c1 >= sh->nc)
			g.c1 = sh->nc - 1;
		sh->mg[m++] = g;
	}
	sh->nmg = m;
	if (sh->nmg > 1)
		qsort(sh->mg, sh->nmg, sizeof *sh->mg, merge_by_row);
}

/* The rows of one block, r0..r1, each with its cells or none. */
typedef struct block {
	const sheet *sh;
	int r0, r1;
	const srow **row; /* row[r - r0], NULL for a blank row */
} block;

static const srow *row_of(const block *k, int r)
{
	return k->row[r - k->r0];
}

static size_t row_filled(const block *k, int r)
{
	const srow *s = row_of(k, r);
	return s ? s->end - s->first : 0;
}

static void line_of_row(bl_sdoc *w, const block *k, int r)
{
	const srow *s = row_of(k, r);
	for (size_t i = s ? s->first : 0; s && i < s->end; i++) {
		const char *t = k->sh->cs[i].text;
		if (i > s->first)
			bl_sdoc_put(w, "  ", 2);
		bl_sdoc_put(w, t, strlen(t));
	}
	bl_sdoc_endpara(w);
}

/* A caption row: one cell, or two where one says 单位. */
static int caption_row(const block *k, int r)
{
	size_t n = row_filled(k, r);
	if (n == 1)
		return 1;
	if (n != 2)
		return 0;
	const srow *s = row_of(k, r);
	for (size_t i = s->first; i < s->end; i++)
		if (strstr(k->sh->cs[i].text, "单位"))
			return 1;
	return 0;
}

static int note_row(const block *k, int r)
{
	if (row_filled(k, r) != 1)
		return 0;
	const char *s = k->sh->cs[row_of(k, r)->first].text;
	return strncmp(s, "注", 3) == 0 || strncmp(s, "说明", 6) == 0 || strncmp(s, "备注", 6) == 0 ||
	       bl_utf8_count(s, strlen(s)) > 30;
}

/* The table of rows t0..t1 with the block's merged ranges mg: each cell
 * once, a range from its first cell inside the table, the cells it covers
 * left out. Where ranges overlap the first listed holds a cell, as a lookup
 * in list order would give, but found in one pass over their areas into an
 * owner grid the size of the table, which the document's cell cap bounds
 * as it bounds the grid sdoc.c builds from it. */
static bl_status block_table(const book *b, const block *k, int t0, int t1, merge *mg, size_t nmg, bl_diag *diag)
{
	bl_sdoc *w = b->w;
	int nc = k->sh->nc;
	size_t area = (size_t)(t1 - t0 + 1) * (size_t)nc;
	if (w->ncells + area > BL_SDOC_MAX_CELLS) {
		w->over = 1; /* refused by bl_sdoc_check, as any table past the cap */
		return BL_OK;
	}
	if (nmg > 1)
		qsort(mg, nmg, sizeof *mg, merge_by_seq);
	size_t cover = 0;
	for (size_t i = 0; i < nmg; i++) {
		int a0 = mg[i].r0 < t0 ? t0 : mg[i].r0, a1 = mg[i].r1 > t1 ? t1 : mg[i].r1;
		if (a0 <= a1)
			cover += (size_t)(a1 - a0 + 1) * (size_t)(mg[i].c1 - mg[i].c0 + 1);
	}
	if (cover > MAX_MERGE_OVERLAP * area) {
		char what[160];
		snprintf(what, sizeof what,
			 "has merged ranges that overlap again and again (%zu cells merged in a table of %zu)", cover,
			 area);
		return too_big(b, k->sh, what, diag);
	}
	const char **text = bl_xcalloc(area, sizeof *text);
	int *owner = bl_xmalloc(area * sizeof *owner);
	for (size_t i = 0; i < area; i++)
		owner[i] = -1;
	for (int r = t0; r <= t1; r++) {
		const srow *s = row_of(k, r);
		for (size_t i = s ? s->first : 0; s && i < s->end; i++)
			text[(size_t)(r - t0) * nc + k->sh->cs[i].c] = k->sh->cs[i].text;
	}
	for (size_t i = 0; i < nmg; i++) {
		int a0 = mg[i].r0 < t0 ? t0 : mg[i].r0, a1 = mg[i].r1 > t1 ? t1 : mg[i].r1;
		for (int r = a0; r <= a1; r++)
			for (int c = mg[i].c0; c <= mg[i].c1; c++) {
				int *o = &owner[(size_t)(r - t0) * nc + c];
				if (*o < 0)
					*o = (int)i;
			}
	}
	bl_sdoc_table_begin(w);
	for (int r = t0; r <= t1; r++) {
		bl_sdoc_row(w);
		for (int c = 0; c < nc; c++) {
			size_t at = (size_t)(r - t0) * nc + c;
			int rs = 1, cs = 1;
			if (owner[at] >= 0) {
				const merge *m = &mg[owner[at]];
				int ar = m->r0 < t0 ? t0 : m->r0; /* its first row inside the table */
				if (r != ar || c != m->c0)
					continue; /* the range's first cell holds the text */
				rs = (m->r1 < t1 ? m->r1 : t1) - r + 1;
				cs = m->c1 - c + 1;
			}
			bl_sdoc_cell_begin(w, rs, cs, 0);
			if (text[at])
				bl_sdoc_put(w, text[at], strlen(text[at]));
			bl_sdoc_cell_end(w);
			c += cs - 1;
		}
	}
	bl_sdoc_table_end(w);
	free(text);
	free(owner);
	return BL_OK;
}

/* A block of rows between blank rows: its caption rows (a title, a 单位
 * line) and trailing notes as lines, the rest a table. */
static bl_status sheet_block(const book *b, const block *k, merge *mg, size_t nmg, bl_diag *diag)
{
	bl_sdoc *w = b->w;
	int t0 = k->r0;
	int titled = 0;
	while (t0 <= k->r1 && caption_row(k, t0)) {
		const srow *s = row_of(k, t0);
		for (size_t i = s->first; i < s->end; i++)
			if (strstr(k->sh->cs[i].text, "表"))
				titled = 1;
		t0++;
	}
	int t1 = k->r1;
	while (t1 >= t0 && note_row(k, t1))
		t1--;
	const char *name = k->sh->name;
	if (!titled && name && t0 <= t1) {
		/* the sheet's tab names the table when no caption row does */
		for (const unsigned char *q = (const unsigned char *)name; *q; q++)
			if (*q >= 0xE4) {
				bl_sdoc_put(w, name, strlen(name));
				bl_sdoc_endpara(w);
				break;
			}
	}
	for (int r = k->r0; r < t0; r++)
		line_of_row(w, k, r);
	bl_status st = t0 <= t1 ? block_table(b, k, t0, t1, mg, nmg, diag) : BL_OK;
	for (int r = t1 + 1; !st && r <= k->r1; r++)
		line_of_row(w, k, r);
	return st;
}

/* Splits the sheet into blocks at blank rows. A merged range that reaches
 * past a block's last row keeps the block going (whatever order the ranges
 * are listed in), so that every range lies inside one block and each block
 * takes its own from one pass over the ranges in row order. */
static bl_status sheet_blocks(const book *b, sheet *sh, bl_diag *diag)
{
	bl_status st = BL_OK;
	size_t ri = 0, mi = 0;
	int reach = -1; /* the last row of the ranges passed so far */
	const srow **rowv = NULL;
	size_t rowcap = 0;
	while (!st && ri < sh->nrows && !b->w->over) {
		int r0 = sh->rows[ri].r, e = r0;
		size_t first_mg = mi;
		for (;;) {
			while (ri + 1 < sh->nrows && sh->rows[ri + 1].r == e + 1)
				ri++, e++;
			while (mi < sh->nmg && sh->mg[mi].r0 <= e) {
				if (sh->mg[mi].r1 > reach)
					reach = sh->mg[mi].r1;
				mi++;
			}
			if (reach <= e)
				break;
			e = reach; /* into rows the range covers, blank or not */
			while (ri + 1 < sh->nrows && sh->rows[ri + 1].r <= e)
				ri++;
		}
		/* the block's ranges: those passed since the last block that reach into it */
		size_t n = 0;
		for (size_t i = first_mg; i < mi; i++)
			if (sh->mg[i].r1 >= r0)
				sh->mg[first_mg + n++] = sh->mg[i];
		size_t nb = (size_t)(e - r0 + 1);
		if (nb > rowcap) {
			free(rowv);
			rowcap = nb;
			rowv = bl_xmalloc(rowcap * sizeof *rowv);
		}
		memset(rowv, 0, nb * sizeof *rowv);
		for (size_t i = ri + 1; i-- > 0 && sh->rows[i].r >= r0;)
			rowv[sh->rows[i].r - r0] = &sh->rows[i];
		block k = {sh, r0, e, rowv};
		st = sheet_block(b, &k, n ? sh->mg + first_mg : NULL, n, diag);
		ri++;
	}
	free(rowv);
	return st;
}

static bl_status sheet_page(book *b, const char *member, const char *sheet_name, bl_diag *diag)
{
	sheet sh = {0};
	sh.name = sheet_name;
	bl_status st = sheet_read(b, member, &sh, diag);
	if (!st && sh.nr > 0 && sh.nc > 0) {
		sheet_index(&sh);
		st = sheet_blocks(b, &sh, diag);
	}
	sheet_release(&sh);
	return st;
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
	resolve_formats(&b);
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
	for (const xmlNode *s = sheets ? sheets->children : NULL; s && !st && !w->over; s = s->next) {
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
		st = sheet_page(&b, member, attr(s, "name"), diag);
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
	free(b.xf_code);
	if (st) {
		bl_sdoc_free(w);
		free(w);
		return st;
	}
	out->sdoc = w;
	return BL_OK;
}
