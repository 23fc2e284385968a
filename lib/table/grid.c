/* table.c - tables from ruled grids: cells from the ruling lines, then a
 * typed table (title, unit, named columns, coded rows, three-state cells).
 *
 * A PDF table is read exactly where its borders are drawn: a character
 * belongs to the cell whose rules enclose it, whatever line the text layer
 * put it on. That is what places a figure printed a few points above its
 * row's baseline, and what joins a row label wrapped in its cell. */
#include <math.h>
#include <string.h>

#include "table/grid.h"

enum { MAX_GRID_LINES = 400 }; /* rows or columns of one grid */
#define NEAR 2.0f	       /* rules closer than this (points) are one */

typedef struct seg {
	float a0, a1; /* extent along the line */
	float at;     /* y of a horizontal rule, x of a vertical one */
	int comp;
} seg;

/* --- ruling lines to grids --- */

static int cmp_seg(const void *a, const void *b)
{
	const seg *x = a, *y = b;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return (x->a0 > y->a0) - (x->a0 < y->a0);
}

static int cmp_float(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;
	return (x > y) - (x < y);
}

/* Sorts and joins collinear pieces that touch: a border drawn cell by cell
 * becomes one line. */
static size_t merge_segs(seg *s, size_t n)
{
	if (!n)
		return 0;
	qsort(s, n, sizeof *s, cmp_seg);
	size_t m = 0;
	for (size_t i = 1; i < n; i++) {
		seg *last = &s[m];
		if (fabsf(s[i].at - last->at) <= 1.0f && s[i].a0 <= last->a1 + NEAR) {
			if (s[i].a1 > last->a1)
				last->a1 = s[i].a1;
		} else
			s[++m] = s[i];
	}
	return m + 1;
}

static int uf_find(int *p, int i)
{
	while (p[i] != i)
		i = p[i] = p[p[i]];
	return i;
}

/* Sorted distinct values, those within NEAR of each other taken as one. */
static int distinct(float *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_float);
	int m = 0;
	for (int i = 0; i < n; i++)
		if (m == 0 || v[i] - v[m - 1] > NEAR)
			v[m++] = v[i];
	return m;
}

static int find_band(const float *v, int n, float y)
{
	/* the interval [v[i], v[i+1]) holding y, or -1 */
	if (n < 2 || y < v[0] || y >= v[n - 1])
		return -1;
	int lo = 0, hi = n - 1;
	while (hi - lo > 1) {
		int mid = (lo + hi) / 2;
		if (v[mid] <= y)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static void grid_free(grid *g)
{
	if (!g)
		return;
	for (int i = 0; g->text && i < g->nb * g->nc; i++)
		bl_buf_release(&g->text[i]);
	free(g->ys);
	free(g->xs);
	free(g->start);
	free(g->open);
	free(g->text);
	free(g->pos);
	free(g->box);
	free(g->lastline);
	free(g->doubt);
}

/* Builds grids from one page's rules: each connected set of horizontal and
 * vertical rules with at least two of each is a grid. */
static void page_grids(const bl_geom *geo, int p, grid **out, size_t *nout, size_t *cap)
{
	const bl_pageinfo *pi = &geo->pages[p];
	if (pi->nrules < 4)
		return;
	seg *h = bl_xmalloc((size_t)pi->nrules * sizeof *h), *v = bl_xmalloc((size_t)pi->nrules * sizeof *v);
	size_t nh = 0, nv = 0;
	for (int i = 0; i < pi->nrules; i++) {
		const bl_ruling *r = &geo->rules[pi->rule0 + (size_t)i];
		if (r->y0 == r->y1)
			h[nh++] = (seg){r->x0, r->x1, r->y0, 0};
		else
			v[nv++] = (seg){r->y0, r->y1, r->x0, 0};
	}
	nh = merge_segs(h, nh);
	nv = merge_segs(v, nv);
	size_t n = nh + nv;
	int *par = bl_xmalloc((n ? n : 1) * sizeof *par);
	for (size_t i = 0; i < n; i++)
		par[i] = (int)i;
	for (size_t i = 0; i < nh; i++)
		for (size_t j = 0; j < nv; j++)
			if (v[j].at >= h[i].a0 - NEAR && v[j].at <= h[i].a1 + NEAR && h[i].at >= v[j].a0 - NEAR &&
			    h[i].at <= v[j].a1 + NEAR) {
				int a = uf_find(par, (int)i), b = uf_find(par, (int)(nh + j));
				if (a != b)
					par[a] = b;
			}
	for (size_t i = 0; i < nh; i++)
		h[i].comp = uf_find(par, (int)i);
	for (size_t j = 0; j < nv; j++)
		v[j].comp = uf_find(par, (int)(nh + j));

	for (size_t root = 0; root < n; root++) {
		if (uf_find(par, (int)root) != (int)root)
			continue;
		int ch = 0, cv = 0;
		float x0 = 1e9f, x1 = -1e9f, y0 = 1e9f, y1 = -1e9f;
		for (size_t i = 0; i < nh; i++)
			if (h[i].comp == (int)root) {
				ch++;
				x0 = fminf(x0, h[i].a0);
				x1 = fmaxf(x1, h[i].a1);
				y0 = fminf(y0, h[i].at);
				y1 = fmaxf(y1, h[i].at);
			}
		for (size_t j = 0; j < nv; j++)
			if (v[j].comp == (int)root) {
				cv++;
				x0 = fminf(x0, v[j].at);
				x1 = fmaxf(x1, v[j].at);
				y0 = fminf(y0, v[j].a0);
				y1 = fmaxf(y1, v[j].a1);
			}
		if (ch < 2 || cv < 1 || ch + 2 > MAX_GRID_LINES || cv + 2 > MAX_GRID_LINES)
			continue;
		grid *g = BL_PUSH(*out, *nout, *cap);
		memset(g, 0, sizeof *g);
		g->page = p + 1;
		g->ys = bl_xmalloc((size_t)(ch + 2) * sizeof *g->ys);
		g->xs = bl_xmalloc((size_t)(cv + 2) * sizeof *g->xs);
		int ny = 0, nx = 0;
		g->ys[ny++] = y0;
		g->ys[ny++] = y1;
		g->xs[nx++] = x0;
		g->xs[nx++] = x1;
		for (size_t i = 0; i < nh; i++)
			if (h[i].comp == (int)root)
				g->ys[ny++] = h[i].at;
		for (size_t j = 0; j < nv; j++)
			if (v[j].comp == (int)root)
				g->xs[nx++] = v[j].at;
		ny = distinct(g->ys, ny);
		nx = distinct(g->xs, nx);
		g->nb = ny - 1;
		g->nc = nx - 1;
		size_t cells = (size_t)g->nb * (size_t)g->nc;
		g->start = bl_xmalloc(cells * sizeof *g->start);
		g->open = bl_xcalloc(cells, 1);
		for (int b = 1; b < g->nb; b++)
			for (int c = 0; c < g->nc; c++) {
				float mid = (g->xs[c] + g->xs[c + 1]) / 2;
				int present = 0;
				for (size_t i = 0; i < nh && !present; i++)
					present = h[i].comp == (int)root && fabsf(h[i].at - g->ys[b]) <= NEAR &&
						  h[i].a0 <= mid && h[i].a1 >= mid;
				g->open[b * g->nc + c] = !present;
			}
		g->text = bl_xcalloc(cells, sizeof *g->text);
		g->pos = bl_xcalloc(cells, sizeof *g->pos);
		g->box = bl_xcalloc(cells, sizeof *g->box);
		g->lastline = bl_xcalloc(cells, sizeof *g->lastline);
		for (size_t i = 0; i < cells; i++)
			g->text[i] = (bl_buf)BL_BUF_INIT(1 << 16);
		/* a separator is present in a band when a vertical rule crosses the band's
		 * middle */
		for (int b = 0; b < g->nb; b++) {
			float mid = (g->ys[b] + g->ys[b + 1]) / 2;
			int s = 0;
			for (int c = 0; c < g->nc; c++) {
				if (c > 0) {
					int present = 0;
					for (size_t j = 0; j < nv && !present; j++)
						present = v[j].comp == (int)root && fabsf(v[j].at - g->xs[c]) <= NEAR &&
							  v[j].a0 <= mid && v[j].a1 >= mid;
					if (present)
						s = c;
				}
				g->start[b * g->nc + c] = s;
			}
		}
	}
	free(par);
	free(h);
	free(v);
}

/* Puts each character of the page's lines into the cell whose rules hold
 * its centre. */
static void grid_fill(const bl_doc *doc, grid *g)
{
	const bl_geom *geo = doc->geom;
	float top = g->ys[0], bottom = g->ys[g->nb], left = g->xs[0], right = g->xs[g->nc];
	g->first_line = (size_t)-1;
	for (size_t li = 0; li < doc->nlines && li < geo->nlines; li++) {
		const bl_line *l = &doc->lines[li];
		if (l->page != g->page)
			continue;
		const bl_lgeom *lg = &geo->lines[li];
		float ymid = (lg->y0 + lg->y1) / 2;
		if (ymid < top || ymid > bottom)
			continue;
		int b = find_band(g->ys, g->nb + 1, ymid);
		if (b < 0)
			continue;
		size_t off = l->off;
		int inside = 0;
		for (uint32_t k = 0; k < lg->n && off < l->off + l->len; k++) {
			int len;
			uint32_t c = bl_utf8_decode(doc->bytes + off, l->off + l->len - off, &len);
			float cx0 = geo->x0[lg->first + k], cx1 = geo->x1[lg->first + k];
			size_t here = off;
			off += (size_t)len;
			if (cx0 < 0 || c == ' ' || c == '\f')
				continue;
			float xm = (cx0 + cx1) / 2;
			if (xm < left || xm > right)
				continue;
			int col = find_band(g->xs, g->nc + 1, xm);
			if (col < 0)
				continue;
			inside = 1;
			size_t ci = (size_t)b * (size_t)g->nc + (size_t)g->start[b * g->nc + col];
			bl_buf *t = &g->text[ci];
			if (t->n == 0) {
				g->pos[ci] = (bl_pos){l->page, (int)li + 1, (int)k + 1};
				g->box[ci] = (bl_box){cx0, lg->y0, cx1, lg->y1};
			} else {
				/* a space where the text layer had a gap on the same line, or
				 * between wrapped pieces that are not CJK */
				int len2;
				size_t pb = t->n;
				while (pb > 0 && ((unsigned char)t->p[pb - 1] & 0xC0) == 0x80)
					pb--;
				if (pb > 0)
					pb--;
				uint32_t prev = bl_utf8_decode(t->p + pb, t->n - pb, &len2);
				int gap = g->lastline[ci] == (int)li + 1
						  ? (k > 0 && geo->x0[lg->first + k - 1] < 0)
						  : !(bl_cp_width(prev) == 2 || bl_cp_width(c) == 2);
				if (gap && prev != ' ')
					bl_buf_putc(t, ' ');
				bl_box *bx = &g->box[ci];
				bx->x0 = fminf(bx->x0, cx0);
				bx->x1 = fmaxf(bx->x1, cx1);
				bx->y0 = fminf(bx->y0, lg->y0);
				bx->y1 = fmaxf(bx->y1, lg->y1);
			}
			g->lastline[ci] = (int)li + 1;
			bl_buf_put(t, doc->bytes + here, (size_t)len);
		}
		if (inside) {
			if (g->first_line == (size_t)-1)
				g->first_line = li;
			g->last_line = li;
		}
	}
}

/* --- vocabulary --- */

typedef struct kind_name {
	bl_table_kind kind;
	const char *must[3]; /* every phrase must occur in the title */
} kind_name;

/* Most specific first: 财政拨款收入支出决算总表 also contains 收入支出决算总表.
 */
static const kind_name kinds[] = {
	{BL_TABLE_SANGONG, {"三公", NULL, NULL}},	    {BL_TABLE_FUND, {"政府性基金", NULL, NULL}},
	{BL_TABLE_CAPITAL, {"国有资本经营", NULL, NULL}},   {BL_TABLE_BASIC, {"一般公共预算", "基本支出", NULL}},
	{BL_TABLE_GENERAL, {"一般公共预算", "支出", NULL}}, {BL_TABLE_APPROP, {"财政拨款", "收", "总表"}},
	{BL_TABLE_SUMMARY, {"收", "支", "总表"}},	    {BL_TABLE_INCOME, {"收入", NULL, NULL}},
	{BL_TABLE_EXPENSE, {"支出", NULL, NULL}},
};

/* 收入表 and 支出表 are named by their ending, not by a mention of 收入
 * or 支出 anywhere in the title. */
static const char *const plain_endings[] = {"收入决算表", "收入预算表", "收入预算总表", "收入总表",
					    "支出决算表", "支出预算表", "支出预算总表", "支出总表"};

static int plain_ending(const char *t)
{
	size_t n = strlen(t);
	for (size_t i = 0; i < sizeof plain_endings / sizeof plain_endings[0]; i++) {
		size_t m = strlen(plain_endings[i]);
		if (n >= m && strcmp(t + n - m, plain_endings[i]) == 0)
			return 1;
	}
	return 0;
}

static const char *const kind_names[BL_TABLE_KINDS] = {"other",	  "summary", "income",	"expense", "approp",
						       "general", "basic",   "sangong", "fund",	   "capital"};

BL_API const char *bl_table_kind_name(bl_table_kind k)
{
	return (unsigned)k < BL_TABLE_KINDS ? kind_names[k] : "other";
}

BL_API const char *bl_row_role_name(bl_row_role r)
{
	static const char *const n[] = {"item", "total", "class", "kuan", "xiang"};
	return (unsigned)r <= BL_ROW_XIANG ? n[r] : "item";
}

typedef struct col_word {
	const char *phrase;
	const char *key;
} col_word;

/* Column names as printed, to canonical keys; matched on the name with
 * spaces removed, exactly first, then as the longest contained phrase. */
static const col_word col_words[] = {
	{"合计", "total"},
	{"小计", "total"},
	{"总计", "total"},
	{"本年收入合计", "total"},
	{"本年支出合计", "total"},
	{"收入合计", "total"},
	{"支出合计", "total"},
	{"基本支出", "basic"},
	{"项目支出", "project"},
	{"人员经费", "personnel"},
	{"公用经费", "public"},
	{"财政拨款收入", "approp"},
	{"财政拨款", "approp"},
	{"一般公共预算财政拨款", "general"},
	{"一般公共预算", "general"},
	{"政府性基金预算财政拨款", "fund"},
	{"政府性基金预算", "fund"},
	{"政府性基金", "fund"},
	{"国有资本经营预算财政拨款", "capital"},
	{"国有资本经营预算", "capital"},
	{"上级补助收入", "superior"},
	{"事业收入", "business"},
	{"事业单位经营收入", "operating"},
	{"经营收入", "operating"},
	{"附属单位上缴收入", "affiliated"},
	{"其他收入", "other"},
	{"上缴上级支出", "remit"},
	{"经营支出", "operating_expense"},
	{"对附属单位补助支出", "subsidy"},
	{"因公出国（境）费", "abroad"},
	{"因公出国(境)费", "abroad"},
	{"因公出国（境）", "abroad"},
	{"公务用车购置及运行费", "vehicle"},
	{"公务用车购置及运行维护费", "vehicle"},
	{"公务用车运行维护费", "vehicle_operation"},
	{"运行维护费", "vehicle_operation"},
	{"公务用车购置费", "vehicle_purchase"},
	{"购置费", "vehicle_purchase"},
	{"公务用车运行费", "vehicle_operation"},
	{"运行费", "vehicle_operation"},
	{"公务接待费", "reception"},
	{"机关运行经费", "admin_cost"},
	{"年初结转和结余", "carryover.begin"},
	{"年末结转和结余", "carryover.end"},
	{"本年收入", "income"},
	{"本年支出", "expense"},
};

static const char *col_key(const char *name)
{
	for (size_t i = 0; i < sizeof col_words / sizeof col_words[0]; i++)
		if (strcmp(name, col_words[i].phrase) == 0)
			return col_words[i].key;
	const char *best = "";
	size_t bestn = 0;
	for (size_t i = 0; i < sizeof col_words / sizeof col_words[0]; i++) {
		size_t n = strlen(col_words[i].phrase);
		if (n > bestn && strstr(name, col_words[i].phrase)) {
			best = col_words[i].key;
			bestn = n;
		}
	}
	return best;
}

static const char *col_basis(const char *s)
{
	static const char *const fin[] = {"决算数", "决算", "本年决算数"};
	static const char *const bud[] = {"预算数", "预算", "年初预算数", "全年预算数", "本年预算数"};
	for (size_t i = 0; i < sizeof fin / sizeof fin[0]; i++)
		if (strcmp(s, fin[i]) == 0)
			return "final";
	for (size_t i = 0; i < sizeof bud / sizeof bud[0]; i++)
		if (strcmp(s, bud[i]) == 0)
			return "budget";
	return NULL;
}

/* --- helpers on cell text --- */

/* Copies s without spaces, folding full-width ASCII. */
static char *squeeze(bl_arena *ar, const char *s, size_t n)
{
	char *out = bl_arena_alloc(ar, n + 1), *o = out;
	size_t i = 0;
	while (i < n) {
		int len;
		uint32_t c = bl_utf8_decode(s + i, n - i, &len);
		i += (size_t)len;
		if (c == ' ' || c == 0x3000 || c == '\t' || c == '\n' || c == '\f')
			continue;
		uint32_t f = bl_cp_fold(c);
		if (f == 0x3000)
			continue;
		char u[4];
		int k = bl_utf8_encode(f < 0x80 ? f : c, u);
		memcpy(o, u, (size_t)k);
		o += k;
	}
	*o = 0;
	return out;
}

static int is_dash(const char *s)
{
	return strcmp(s, "-") == 0 || strcmp(s, "--") == 0 || strcmp(s, "—") == 0 || strcmp(s, "——") == 0 ||
	       strcmp(s, "－") == 0 || strcmp(s, "/") == 0;
}

/* An amount: optional minus, digits with optional thousands commas, optional
 * decimals. */
static int parse_amount(const char *s, bl_dec *out)
{
	size_t n = strlen(s);
	if (!n)
		return 0;
	size_t i = s[0] == '-' ? 1 : 0;
	int digits = 0;
	for (size_t k = i; k < n; k++) {
		if (s[k] >= '0' && s[k] <= '9')
			digits++;
		else if (s[k] != ',' && s[k] != '.')
			return 0;
	}
	return digits > 0 && bl_dec_parse(s, n, out) == BL_OK;
}

/* Digits-only code of 2..7 digits ("201", "06", "2080501"), or 0. */
static int code_like(const char *s)
{
	size_t n = strlen(s);
	if (n < 2 || n > 7)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* Label numbering, by the same marker parser as the section headings:
 * 1 一、  2 （一）  3 1、/1.  4 （1）; 0 none. */
static int enumer_of(const char *s)
{
	uint32_t cp[8];
	size_t n = 0, i = 0, len = strlen(s), end;
	while (n < 8 && i < len) {
		int k;
		cp[n++] = bl_utf8_decode(s + i, len - i, &k);
		i += (size_t)k;
	}
	int level = bl_marker_parse(cp, 0, n, &end);
	return level >= 2 ? level - 1 : 0;
}

/* --- the typed table --- */

enum { COL_NUM, COL_CODE, COL_LABEL };

typedef struct bl_table_rec {
	bl_table t;
	bl_tcol *cols;
	bl_trow *rows;
	size_t nrows, cap;
	int *ctype;    /* COL_* per column, from the table's first grid */
	char **header; /* column names, to spot a header repeated on a later page */
} bl_table_rec;

static const char *line_text(bl_doc *doc, size_t li)
{
	const bl_line *l = &doc->lines[li];
	return squeeze(&doc->arena, doc->bytes + l->off, l->len);
}

static bl_table_kind kind_of_title(const char *t)
{
	size_t n = strlen(t);
	/* a title ends in 表 and is not a contents line or a sentence */
	if (n < 9 || n > 150 || strcmp(t + n - 3, "表") != 0 || strstr(t, "……") || strstr(t, "情况说明"))
		return BL_TABLE_KINDS;
	/* none of the nine is about projects, performance or procurement */
	if (strstr(t, "项目支出") || strstr(t, "绩效") || strstr(t, "采购"))
		return BL_TABLE_OTHER;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		int ok = 1;
		for (int j = 0; j < 3 && kinds[i].must[j]; j++)
			if (!strstr(t, kinds[i].must[j]))
				ok = 0;
		if (ok && (kinds[i].kind == BL_TABLE_INCOME || kinds[i].kind == BL_TABLE_EXPENSE) && !plain_ending(t))
			ok = 0;
		if (ok)
			return kinds[i].kind;
	}
	return BL_TABLE_OTHER;
}

/* Title text after a note glued in front of it ("注：本表反映…。收入决算表").
 */
static const char *title_tail(const char *t)
{
	const char *last = NULL;
	for (const char *q = strstr(t, "。"); q; q = strstr(q + 3, "。"))
		last = q + 3;
	return last ? last : t;
}

static int unit_of(const char *t)
{
	const char *u = strstr(t, "单位");
	if (!u)
		return 0;
	if (strstr(u, "万元"))
		return 10000;
	if (strstr(u, "元"))
		return 1;
	return 0;
}

/* Reads title and unit from the lines above the grid on its page. */
static void grid_caption(bl_doc *doc, const grid *g, size_t stop, const char **title, bl_pos *tpos, int *unit)
{
	*title = NULL;
	*unit = 0;
	int seen = 0;
	for (size_t li = g->first_line; li-- > stop && seen < 6;) {
		if (doc->lines[li].page != g->page)
			break;
		if (doc->lines[li].flags & BL_LINE_BLANK)
			continue;
		seen++;
		const char *t = line_text(doc, li);
		if (!*unit)
			*unit = unit_of(t);
		const char *tt = title_tail(t);
		/* strip a caption sharing the title's line: "收入决算表 单位：万元" */
		char *cut = strstr(tt, "单位");
		if (cut && cut > tt) {
			char *dup = bl_arena_strndup(&doc->arena, tt, (size_t)(cut - tt));
			tt = dup;
		}
		if (kind_of_title(tt) != BL_TABLE_KINDS) {
			*title = tt;
			*tpos = (bl_pos){doc->lines[li].page, (int)li + 1, 1};
			return;
		}
	}
}

static bl_table_rec *table_new(bl_doc *doc)
{
	bl_table_rec *r = bl_arena_alloc(&doc->arena, sizeof *r);
	memset(r, 0, sizeof *r);
	return r;
}

typedef struct tables {
	bl_table_rec **v;
	size_t n, cap;
} tables;

static int is_header_word(const char *s);

static const char *cell_str(bl_doc *doc, const grid *g, int b, int c)
{
	const bl_buf *t = &g->text[(size_t)b * g->nc + (size_t)g->start[b * g->nc + c]];
	return t->n ? squeeze(&doc->arena, t->p, t->n) : "";
}

/* Does band b hold data (a figure or a code, or a lone 合计 row of an
 * empty table) rather than header text? */
static int band_is_data(bl_doc *doc, const grid *g, int b)
{
	int total = 0, other = 0;
	for (int c = 0; c < g->nc; c++) {
		if (g->start[b * g->nc + c] != c)
			continue;
		const char *s = cell_str(doc, g, b, c);
		if (strcmp(s, "合计") == 0 || strcmp(s, "总计") == 0)
			total++;
		else if (*s && !is_header_word(s))
			other++;
	}
	if (total && !other)
		return 1;
	for (int c = 0; c < g->nc; c++) {
		if (g->start[b * g->nc + c] != c)
			continue;
		const bl_buf *t = &g->text[(size_t)b * g->nc + c];
		if (!t->n)
			continue;
		const char *s = squeeze(&doc->arena, t->p, t->n);
		bl_dec d;
		if (parse_amount(s, &d) || code_like(s))
			return 1;
	}
	return 0;
}

static int is_header_word(const char *s)
{
	static const char *const w[] = {"类", "款", "项", "项目", "科目编码", "科目名称"};
	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
		if (strcmp(s, w[i]) == 0)
			return 1;
	return 0;
}

/* Is seg one of the '/'-separated parts of the header path name? */
static int has_seg(const char *name, const char *part)
{
	size_t n = strlen(part);
	for (const char *p = name; (p = strstr(p, part)); p++)
		if ((p == name || p[-1] == '/') && (p[n] == 0 || p[n] == '/'))
			return 1;
	return 0;
}

/* Names the columns from the header bands and decides what each holds. */
static void table_columns(bl_doc *doc, bl_table_rec *r, const grid *g, int nh, int *ctype)
{
	bl_arena *ar = &doc->arena;
	r->cols = bl_arena_alloc(ar, (size_t)g->nc * sizeof *r->cols);
	r->header = bl_arena_alloc(ar, (size_t)g->nc * sizeof *r->header);
	for (int c = 0; c < g->nc; c++) {
		bl_buf name = BL_BUF_INIT(4096);
		const char *segs[16];
		int nseg = 0;
		for (int b = 0; b < nh; b++) {
			const char *s = cell_str(doc, g, b, c);
			if (!*s)
				continue;
			if (nseg && g->open[b * g->nc + c] && b > 0 && *cell_str(doc, g, b - 1, c)) {
				/* the same cell, wrapped across bands without a rule between */
				segs[nseg - 1] = bl_arena_printf(ar, "%s%s", segs[nseg - 1], s);
				continue;
			}
			if ((nseg && strcmp(segs[nseg - 1], s) == 0) || nseg == 16)
				continue;
			segs[nseg++] = s;
		}
		const char *basis = "";
		int leaf = nseg - 1;
		while (leaf >= 0 && col_basis(segs[leaf])) {
			basis = col_basis(segs[leaf]);
			leaf--;
		}
		for (int i = 0; i < nseg; i++)
			bl_buf_printf(&name, "%s%s", i ? "/" : "", segs[i]);
		bl_buf grp = BL_BUF_INIT(4096);
		for (int i = 0; i < leaf; i++)
			if (!col_basis(segs[i]))
				bl_buf_printf(&grp, "%s%s", grp.n ? "/" : "", segs[i]);
		bl_tcol *col = &r->cols[c];
		col->name = bl_arena_strndup(ar, name.p ? name.p : "", name.n);
		col->group = bl_arena_strndup(ar, grp.p ? grp.p : "", grp.n);
		col->key = leaf >= 0 ? col_key(segs[leaf]) : "";
		col->basis = basis;
		r->header[c] = (char *)col->name;
		bl_buf_release(&name);
		bl_buf_release(&grp);
	}
	/* what the data bands hold, column by column */
	int part = 0, seen_num = 0;
	for (int c = 0; c < g->nc; c++) {
		int nnum = 0, ncode = 0, ntext = 0, nodigit = 0;
		for (int b = nh; b < g->nb; b++) {
			if (g->start[b * g->nc + c] != c)
				continue;
			const char *s = cell_str(doc, g, b, c);
			bl_dec d;
			if (!*s || is_dash(s) || is_header_word(s) || strcmp(s, "合计") == 0 || strcmp(s, "总计") == 0)
				continue; /* a total row's label spans the code columns */
			if (!code_like(s))
				nodigit++;
			if (code_like(s) && !seen_num)
				ncode++;
			else if (parse_amount(s, &d))
				nnum++;
			else
				ntext++;
		}
		const char *nm = r->cols[c].name;
		int code_head = strstr(nm, "编码") || strstr(nm, "代码") || has_seg(nm, "类") || has_seg(nm, "款") ||
				has_seg(nm, "项");
		if ((ncode > 0 && nnum == 0 && ntext == 0 && !seen_num) ||
		    (code_head && nodigit <= ntext && ntext <= 2))
			ctype[c] = COL_CODE;
		else if (!code_head && (*r->cols[c].key || *r->cols[c].basis) && !has_seg(nm, "项目") &&
			 !strstr(nm, "名称"))
			ctype[c] = COL_NUM; /* a figure column by its header, whatever a cell holds */
		else if (ntext > 0 && ntext >= nnum)
			ctype[c] = COL_LABEL;
		else if (nnum == 0 && (has_seg(nm, "项目") || strstr(nm, "名称")))
			ctype[c] = COL_LABEL;
		else
			ctype[c] = COL_NUM;
		if (ctype[c] != COL_NUM && seen_num) {
			part++;
			seen_num = 0;
		}
		if (ctype[c] == COL_NUM)
			seen_num = 1;
		r->cols[c].part = part;
		r->cols[c].figures = ctype[c] == COL_NUM;
	}
}

static bl_row_role role_of(const char *code, const char *label)
{
	if (strstr(label, "合计") || strstr(label, "总计") || strcmp(label, "小计") == 0)
		return BL_ROW_TOTAL;
	switch (strlen(code)) {
	case 3:
		return BL_ROW_CLASS;
	case 5:
		return BL_ROW_KUAN;
	case 7:
		return BL_ROW_XIANG;
	default:
		return BL_ROW_ITEM;
	}
}

/* Two digits with a space between them: two figures in one cell ("10 20"),
 * which must not be read as one ("1020"). */
static int split_digits(const bl_buf *t)
{
	for (size_t i = 1; i + 1 < t->n; i++)
		if (t->p[i] == ' ' && t->p[i - 1] >= '0' && t->p[i - 1] <= '9' && t->p[i + 1] >= '0' &&
		    t->p[i + 1] <= '9')
			return 1;
	return 0;
}

/* Appends the grid's data bands as rows of table r. */
static void table_rows(bl_doc *doc, bl_table_rec *r, const grid *g, int nh, const int *ctype)
{
	bl_arena *ar = &doc->arena;
	int nparts = 0;
	for (int c = 0; c < g->nc; c++)
		if (r->cols[c].part + 1 > nparts)
			nparts = r->cols[c].part + 1;
	for (int b = nh; b < g->nb; b++) {
		for (int p = 0; p < nparts; p++) {
			bl_buf code = BL_BUF_INIT(64);
			const char *label = "";
			bl_pos lpos = {0, 0, 0};
			int any_num = 0, any_text = 0;
			for (int c = 0; c < g->nc; c++) {
				if (r->cols[c].part != p || g->start[b * g->nc + c] != c)
					continue;
				const char *s = cell_str(doc, g, b, c);
				if (!*s)
					continue;
				if (is_header_word(s) && ctype[c] != COL_NUM)
					continue;
				if (ctype[c] == COL_CODE && code_like(s)) {
					for (const char *q = s; *q; q++)
						if (*q >= '0' && *q <= '9')
							bl_buf_putc(&code, *q);
					if (!lpos.line)
						lpos = g->pos[(size_t)b * g->nc + c];
				} else if (ctype[c] != COL_NUM) {
					if (!*label) {
						label = s;
						lpos = g->pos[(size_t)b * g->nc + c];
					}
				} else {
					bl_dec d;
					if (parse_amount(s, &d))
						any_num = 1;
					else if (!is_dash(s))
						any_text = 1;
				}
			}
			const char *cs = bl_arena_strndup(ar, code.p ? code.p : "", code.n);
			bl_buf_release(&code);
			if (!*cs && !*label && !any_num && !any_text)
				continue;
			if (!*cs && !any_num && !any_text && is_header_word(label))
				continue;
			if (strncmp(label, "注：", 6) == 0 || strncmp(label, "注:", 4) == 0 ||
			    strncmp(label, "说明：", 9) == 0)
				continue;
			bl_trow *row = BL_PUSH(r->rows, r->nrows, r->cap);
			row->code = cs;
			row->label = label;
			row->role = role_of(cs, label);
			row->part = p;
			row->enumer = enumer_of(label);
			row->cells = bl_arena_alloc(ar, (size_t)g->nc * sizeof *row->cells);
			memset(row->cells, 0, (size_t)g->nc * sizeof *row->cells);
			for (int c = 0; c < g->nc; c++) {
				bl_cell *cell = &row->cells[c];
				cell->text = "";
				if (ctype[c] != COL_NUM || r->cols[c].part != p || g->start[b * g->nc + c] != c)
					continue;
				size_t ci = (size_t)b * g->nc + (size_t)c;
				const char *s = cell_str(doc, g, b, c);
				cell->text = s;
				if (split_digits(&g->text[ci]))
					cell->text = bl_arena_strndup(ar, g->text[ci].p, g->text[ci].n);
				cell->pos = g->pos[ci];
				cell->box = g->box[ci];
				if (g->doubt && g->doubt[ci])
					cell->state = BL_CELL_TEXT; /* a blank in a doubtful row is unknown, not zero */
				else if (!*s || is_dash(s))
					cell->state = BL_CELL_BLANK;
				else if (parse_amount(s, &cell->value) && !split_digits(&g->text[ci]))
					cell->state = BL_CELL_NUMBER;
				else
					cell->state = BL_CELL_TEXT;
			}
			if (!lpos.line)
				for (int c = 0; c < g->nc; c++)
					if (row->cells[c].pos.line) {
						lpos = row->cells[c].pos;
						break;
					}
			row->pos = lpos;
			for (int c = 0; c < g->nc; c++)
				if (!row->cells[c].pos.line)
					row->cells[c].pos = lpos;
		}
	}
}

/* Is band b of a continuation grid the table's header printed again? */
static int band_repeats_header(bl_doc *doc, const grid *g, int b, const bl_table_rec *r)
{
	int any = 0;
	for (int c = 0; c < g->nc; c++) {
		if (g->start[b * g->nc + c] != c)
			continue;
		const char *s = cell_str(doc, g, b, c);
		if (!*s)
			continue;
		int found = is_header_word(s);
		for (int k = 0; k < r->t.ncols && !found; k++)
			found = strstr(r->cols[k].name, s) != NULL;
		if (!found)
			return 0;
		any = 1;
	}
	return any;
}

static int no_data_text(const char *t)
{
	return strstr(t, "本表无数据") || strstr(t, "本表为空") || strstr(t, "故本表");
}

/* The grids in reading order become the document's typed tables. A grid
 * without a title of its own, on the page after an open table's last page
 * and with the same columns, continues that table. */
static void tables_from_grids(bl_doc *doc, grid *gs, size_t ng, tables *out)
{
	bl_table_rec *open = NULL;
	size_t prev_end = 0;
	for (size_t i = 0; i < ng; i++) {
		grid *g = &gs[i];
		if (g->first_line == (size_t)-1)
			continue; /* an empty frame */
		const char *title;
		bl_pos tpos;
		int unit;
		grid_caption(doc, g, prev_end, &title, &tpos, &unit);
		int nh = 0;
		while (nh < g->nb && !band_is_data(doc, g, nh))
			nh++;
		if (!title && open && open->t.ncols == g->nc && g->page >= open->t.last_page &&
		    g->page <= open->t.last_page + 1) {
			nh = 0;
			while (nh < g->nb && band_repeats_header(doc, g, nh, open))
				nh++;
			table_rows(doc, open, g, nh, open->ctype);
			open->t.last_page = g->page;
		} else if (title) {
			bl_table_rec *r = table_new(doc);
			r->t.kind = kind_of_title(title);
			r->t.title = title;
			r->t.pos = tpos;
			r->t.unit = unit;
			r->t.first_page = r->t.last_page = g->page;
			r->t.ncols = g->nc;
			r->ctype = bl_arena_alloc(&doc->arena, (size_t)g->nc * sizeof *r->ctype);
			table_columns(doc, r, g, nh, r->ctype);
			table_rows(doc, r, g, nh, r->ctype);
			*BL_PUSH(out->v, out->n, out->cap) = r;
			open = r;
		} else
			open = NULL; /* an untitled frame of its own ends the open table */
		prev_end = g->last_line + 1;
		/* a note under the grid: 注：…故本表无数据。 */
		if (open)
			for (size_t li = g->last_line + 1; li < doc->nlines && li < g->last_line + 6; li++) {
				if (doc->lines[li].page != g->page)
					break;
				const char *t = line_text(doc, li);
				if (no_data_text(t)) {
					open->t.no_data = 1;
					break;
				}
				if (kind_of_title(title_tail(t)) != BL_TABLE_KINDS)
					break;
			}
	}
}

/* A structured input's grid (DOCX, XLSX, HTML) in the shape a ruled PDF
 * grid has after its characters were placed. */
static void grid_from_sgrid(const bl_sgrid *s, grid *g)
{
	size_t n = (size_t)s->nb * (size_t)s->nc;
	memset(g, 0, sizeof *g);
	g->page = s->page;
	g->nb = s->nb;
	g->nc = s->nc;
	g->start = bl_xmalloc(n * sizeof *g->start);
	memcpy(g->start, s->start, n * sizeof *g->start);
	g->open = bl_xmalloc(n);
	memcpy(g->open, s->open, n);
	g->text = bl_xcalloc(n, sizeof *g->text);
	g->pos = bl_xmalloc(n * sizeof *g->pos);
	memcpy(g->pos, s->pos, n * sizeof *g->pos);
	g->box = bl_xcalloc(n, sizeof *g->box);
	for (size_t i = 0; i < n; i++) {
		g->text[i] = (bl_buf)BL_BUF_INIT((size_t)1 << 20);
		if (s->text[i])
			bl_buf_put(&g->text[i], s->text[i], strlen(s->text[i]));
	}
	g->first_line = s->first_line;
	g->last_line = s->last_line;
}

char *bl_tbl_squeeze(bl_arena *ar, const char *s, size_t n)
{
	return squeeze(ar, s, n);
}

int bl_tbl_amount(const char *s, bl_dec *out)
{
	return parse_amount(s, out);
}

int bl_tbl_dash(const char *s)
{
	return is_dash(s);
}

int bl_tbl_header_word(const char *s)
{
	return is_header_word(s);
}

bl_table_kind bl_tbl_title_kind(const char *t)
{
	return kind_of_title(title_tail(t));
}

int bl_tbl_enumer(const char *s)
{
	return enumer_of(s);
}

const char *bl_tbl_basis_word(const char *s)
{
	return s ? col_basis(s) : NULL;
}

const char *bl_tbl_column_key(const char *s)
{
	return col_key(s);
}

int bl_tbl_column_word(const char *s)
{
	return *col_key(s) || col_basis(s);
}

void bl_tables_build(bl_doc *doc)
{
	grid *gs = NULL;
	size_t ng = 0, cap = 0;
	if (doc->sdoc) {
		gs = bl_xcalloc(doc->sdoc->ngrids ? doc->sdoc->ngrids : 1, sizeof *gs);
		for (; ng < doc->sdoc->ngrids; ng++)
			grid_from_sgrid(&doc->sdoc->grids[ng], &gs[ng]);
	}
	if (doc->source == BL_SRC_TEXT)
		bl_text_grids(doc, &gs, &ng, &cap);
	for (int p = 0; doc->geom && doc->source == BL_SRC_PDF && p < doc->geom->npages; p++) {
		size_t before = ng;
		page_grids(doc->geom, p, &gs, &ng, &cap);
		for (size_t i = before; i < ng; i++)
			grid_fill(doc, &gs[i]);
		/* reading order on the page: top to bottom */
		for (size_t i = before + 1; i < ng; i++)
			for (size_t j = i; j > before && gs[j].ys[0] < gs[j - 1].ys[0]; j--) {
				grid t = gs[j];
				gs[j] = gs[j - 1];
				gs[j - 1] = t;
			}
	}
	tables out = {NULL, 0, 0};
	tables_from_grids(doc, gs, ng, &out);
	for (size_t i = 0; i < ng; i++)
		grid_free(&gs[i]);
	free(gs);
	doc->tables = bl_xmalloc((out.n ? out.n : 1) * sizeof *doc->tables);
	for (size_t i = 0; i < out.n; i++) {
		bl_table_rec *r = out.v[i];
		r->t.cols = r->cols;
		r->t.rows = r->rows;
		r->t.nrows = r->nrows;
		/* a side-by-side table reads down its left half, then its right */
		bl_trow *rows = bl_arena_alloc(&doc->arena, (r->nrows ? r->nrows : 1) * sizeof *rows);
		size_t k = 0;
		for (int part = 0; k < r->nrows; part++)
			for (size_t j = 0; j < r->nrows; j++)
				if (r->rows[j].part == part)
					rows[k++] = r->rows[j];
		free(r->rows);
		r->t.rows = rows;
		doc->tables[i] = r->t;
	}
	doc->ntables = out.n;
	free(out.v);
}

BL_API size_t bl_doc_ntables(const bl_doc *doc)
{
	return doc ? doc->ntables : 0;
}

BL_API const bl_table *bl_doc_table(const bl_doc *doc, size_t i)
{
	return doc && i < doc->ntables ? &doc->tables[i] : NULL;
}
