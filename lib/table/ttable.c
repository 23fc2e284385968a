/* ttable.c - the standard tables from laid-out text.
 *
 * A PDF's tables written out as text (pdftotext -layout, as in the text
 * files many reviewers keep) hold each row on a line and each figure near
 * its column, and nothing more. A figure centred in a tall row may stand on
 * a line of its own above the label; a label wrapped in its cell goes on
 * above the row's line, below it, or both; and positions are counted in
 * characters, so a header of wide characters drifts against the figures
 * under it. This file rebuilds the grid table.c reads: the header's leaves
 * become columns, each table row one band. A figure whose row or column
 * cannot be told for sure becomes a parse doubt (a text cell), never a
 * number in a guessed place.
 *
 * Text whose cells are one space apart (no layout kept) is not read as a
 * table: there the columns cannot be told from the spacing. */
#include <math.h>
#include <string.h>

#include "table/grid.h"

enum { T_TEXT, T_NUM, T_CODE };
enum { L_SKIP, L_TEXT, L_DATA };
enum { MAX_REGION = 20000, MAX_LEAVES = 24, MAX_CLUSTERS = 24 }; /* region: lines of one table, as the row cap */
#define DOUBT_MARGIN 2.0 /* characters between the best column and the next best */

typedef struct tok {
	int x0, x1;	 /* code-point columns [x0, x1) on the line */
	size_t off, len; /* bytes in doc->bytes */
	int kind;
	int part;
	const char *s; /* squeezed */
} tok;

typedef struct tline {
	size_t li;
	int kind;
	tok *t;
	int nt;
} tline;

/* --- tokens --- */

static int is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == 0x3000 || c == '\f' || c == '\r';
}

/* The kind of the piece [off, off + len): a figure (or dash) or text. Read
 * from a scratch copy, released as it fills: only whole tokens are kept. */
static int piece_kind(bl_doc *doc, bl_arena *tmp, size_t *used, size_t off, size_t len)
{
	if (*used > ((size_t)1 << 20)) {
		bl_arena_release(tmp);
		*used = 0;
	}
	*used += len + 16;
	const char *s = bl_tbl_squeeze(tmp, doc->bytes + off, len);
	bl_dec d;
	return bl_tbl_amount(s, &d) || bl_tbl_dash(s) ? T_NUM : T_TEXT;
}

/* Splits a line at spaces; pieces of text one space apart stay one token
 * ("上海市 XX 局"), figures never join. The tokens' text goes into keep,
 * squeezed once each token is whole: squeezing a joined token at every
 * piece made a line of many pieces quadratic in time and arena memory. */
static int tokenize(bl_doc *doc, size_t li, tok **out, bl_arena *keep)
{
	const bl_line *l = &doc->lines[li];
	tok *t = NULL;
	size_t n = 0, cap = 0;
	size_t i = 0;
	int x = 0;
	bl_arena tmp = BL_ARENA_INIT;
	size_t used = 0;
	while (i < l->len) {
		int len;
		uint32_t c = bl_utf8_decode(doc->bytes + l->off + i, l->len - i, &len);
		if (is_space(c)) {
			i += (size_t)len;
			x += c != '\f'; /* a page's form feed takes no column */
			continue;
		}
		tok *k = BL_PUSH(t, n, cap);
		k->x0 = x;
		k->off = l->off + i;
		while (i < l->len) {
			c = bl_utf8_decode(doc->bytes + l->off + i, l->len - i, &len);
			if (is_space(c))
				break;
			i += (size_t)len;
			x++;
		}
		k->x1 = x;
		k->len = l->off + i - k->off;
		/* a code glued to its label ("310资本性支出") is two cells */
		size_t dg = 0;
		while (dg < k->len && doc->bytes[k->off + dg] >= '0' && doc->bytes[k->off + dg] <= '9')
			dg++;
		if ((dg == 3 || dg == 5 || dg == 7) && dg < k->len && (unsigned char)doc->bytes[k->off + dg] >= 0xE2) {
			tok rest = *k;
			k->len = dg;
			k->x1 = k->x0 + (int)dg;
			k->kind = T_NUM;
			k->part = 0;
			rest.off += dg;
			rest.len -= dg;
			rest.x0 += (int)dg;
			k = BL_PUSH(t, n, cap);
			*k = rest;
		}
		k->kind = piece_kind(doc, &tmp, &used, k->off, k->len);
		k->part = 0;
	}
	bl_arena_release(&tmp);
	/* rejoin text pieces one space apart */
	size_t m = 0;
	for (size_t j = 0; j < n; j++) {
		if (m && t[m - 1].kind == T_TEXT && t[j].kind == T_TEXT && t[j].x0 - t[m - 1].x1 == 1) {
			tok *a = &t[m - 1];
			a->len = t[j].off + t[j].len - a->off;
			a->x1 = t[j].x1;
			continue;
		}
		t[m++] = t[j];
	}
	for (size_t j = 0; j < m; j++)
		t[j].s = bl_tbl_squeeze(keep, doc->bytes + t[j].off, t[j].len);
	*out = t;
	return (int)m;
}

static int all_digits(const char *s, size_t want)
{
	size_t n = strlen(s);
	if (want && n != want)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0;
}

/* Leading tokens that form a classification code: "2080501", or "208"
 * followed by "05" and "01" in their own columns. */
static int mark_code(tok *t, int n)
{
	if (n < 1 || t[0].kind != T_NUM)
		return 0;
	size_t len = strlen(t[0].s);
	if (!all_digits(t[0].s, 0) || (len != 3 && len != 5 && len != 7))
		return 0;
	int k = 1;
	if (len == 3)
		while (k < n && k < 3 && all_digits(t[k].s, 2))
			k++;
	for (int i = 0; i < k; i++)
		t[i].kind = T_CODE;
	return k;
}

static int is_total_word(const char *s)
{
	return strcmp(s, "合计") == 0 || strcmp(s, "总计") == 0;
}

/* Words of the label columns' header, never a figure column's name. */
static int label_head(const char *s)
{
	if (bl_tbl_header_word(s) || strcmp(s, "类款项") == 0 || strcmp(s, "序号") == 0)
		return 1;
	if (bl_tbl_column_word(s))
		return 0;
	return strstr(s, "科目") || strstr(s, "编码") || strstr(s, "名称") || strstr(s, "功能分类") ||
	       strstr(s, "经济分类");
}

/* 收入 | 支出 over the halves of a summary table */
static int half_head(const char *s)
{
	return strcmp(s, "收入") == 0 || strcmp(s, "支出") == 0;
}

/* A line of running text: a sentence, not a cell. */
static int is_prose(const tline *L)
{
	for (int i = 0; i < L->nt; i++) {
		const char *s = L->t[i].s;
		if (strstr(s, "。") || (strstr(s, "，") && strlen(s) > 30))
			return 1;
	}
	return 0;
}

static int is_note(const tline *L)
{
	const char *s = L->nt ? L->t[0].s : "";
	return strncmp(s, "注：", 6) == 0 || strncmp(s, "注:", 4) == 0 || strncmp(s, "说明：", 9) == 0 ||
	       strcmp(s, "注") == 0;
}

static int is_caption(const tline *L)
{
	for (int i = 0; i < L->nt; i++)
		if (strncmp(L->t[i].s, "单位：", 9) == 0 || strncmp(L->t[i].s, "单位:", 7) == 0 ||
		    strncmp(L->t[i].s, "金额单位", 12) == 0)
			return 1;
	return 0;
}

/* A title of one of the nine tables, alone on its line (a caption may share
 * it). */
static bl_table_kind title_kind(bl_doc *doc, const tline *L)
{
	if (L->nt < 1 || L->nt > 2 || (doc->lines[L->li].flags & BL_LINE_TOC))
		return BL_TABLE_KINDS;
	if (L->nt == 2 && !is_caption(L))
		return BL_TABLE_KINDS;
	const char *s = L->t[0].s;
	char *cut = strstr(s, "单位");
	if (cut && cut > s)
		s = bl_arena_strndup(&doc->arena, s, (size_t)(cut - s));
	if (strstr(s, "。") || strstr(s, "，") || strlen(s) > 120)
		return BL_TABLE_KINDS;
	return bl_tbl_title_kind(s);
}

static int classify(tline *L)
{
	int nc = mark_code(L->t, L->nt);
	int num = 0, text = 0, total = 0;
	for (int i = nc; i < L->nt; i++) {
		if (L->t[i].kind == T_NUM)
			num++;
		else if (is_total_word(L->t[i].s))
			total++;
		else if (!bl_tbl_header_word(L->t[i].s) && strcmp(L->t[i].s, "类款项") != 0)
			text++;
	}
	if (nc || num)
		return L_DATA;
	/* the header printed again inside the table */
	int heads = 0;
	for (int i = 0; i < L->nt; i++)
		heads += label_head(L->t[i].s) || bl_tbl_column_word(L->t[i].s) || half_head(L->t[i].s);
	if (L->nt >= 2 && heads == L->nt)
		return L_SKIP;
	if (total && !text)
		return L_DATA;
	return text || total ? L_TEXT : L_SKIP;
}

/* --- header --- */

typedef struct leaf {
	bl_buf name;
	int x0, x1;
	int parent; /* index into parents, or -1 */
	int head;   /* index into heads (the heading over a 预算数 | 决算数 pair), or -1
		     */
	bl_pos pos;
} leaf;

typedef struct parent {
	const char *name;
	int x0, x1;
	bl_pos pos;
} parent;

typedef struct part {
	int has_code;
	int nleaf;
	leaf leaves[MAX_LEAVES];
	int nparent;
	parent parents[MAX_LEAVES];
	int nhead;
	parent heads[MAX_LEAVES];
	int col0;			    /* first grid column of the part */
	const char *code_name, *label_name; /* header words over the code and label columns */
	/* the previous segment's clusters, for a continuation without header */
	int nprev;
	int prev_map[MAX_CLUSTERS];
} part;

static void leaf_init(leaf *f, const tok *t, bl_pos pos)
{
	f->name = (bl_buf)BL_BUF_INIT(4096);
	bl_buf_put(&f->name, t->s, strlen(t->s));
	f->x0 = t->x0;
	f->x1 = t->x1;
	f->parent = -1;
	f->head = -1;
	f->pos = pos;
}

static double leaf_center(const leaf *f)
{
	return (f->x0 + f->x1) / 2.0;
}

/* under[i][k]: does a header piece of part pi on a line between line i and
 * line main stand under token k of line i (share a column with it)? The
 * lines are read from main upwards, the columns the lines below cover kept
 * in a Fenwick tree, so each piece costs O(log width) instead of a pass
 * over every piece below it: a header of many lines was quadratic. */
static void headings_under(tline *hl, int main, int pi, char **under)
{
	int w = 1;
	for (int i = 0; i < main; i++)
		for (int k = 0; k < hl[i].nt; k++)
			if (hl[i].t[k].x1 + 1 > w)
				w = hl[i].t[k].x1 + 1;
	char *cov = bl_xcalloc((size_t)w, 1);
	int *bit = bl_xcalloc((size_t)w + 1, sizeof *bit);
	for (int i = main; i-- > 0;) {
		under[i] = bl_xcalloc((size_t)(hl[i].nt ? hl[i].nt : 1), 1);
		for (int k = 0; k < hl[i].nt; k++) {
			const tok *t = &hl[i].t[k];
			int n = 0; /* covered columns in [x0, x1) */
			for (int j = t->x1; j > 0; j -= j & -j)
				n += bit[j];
			for (int j = t->x0; j > 0; j -= j & -j)
				n -= bit[j];
			under[i][k] = n > 0;
		}
		for (int k = 0; k < hl[i].nt; k++) {
			const tok *t = &hl[i].t[k];
			if (t->part != pi || label_head(t->s))
				continue;
			for (int c = t->x0; c < t->x1; c++)
				if (!cov[c]) {
					cov[c] = 1;
					for (int j = c + 1; j <= w; j += j & -j)
						bit[j]++;
				}
		}
	}
	free(cov);
	free(bit);
}

/* A header whose leaves are all 预算数 | 决算数 names what each pair is
 * about on the lines above: the headings nothing else stands under, one
 * per pair and in order, and above them headings over several pairs. */
static int basis_pairs(bl_doc *doc, part *P, tline *hl, int main, int pi)
{
	int ngroup = 0, group[MAX_LEAVES];
	for (int j = 0; j < P->nleaf; j++) {
		const char *b = bl_tbl_basis_word(P->leaves[j].name.p);
		if (!b)
			return 0;
		if (j == 0 || strcmp(b, bl_tbl_basis_word(P->leaves[0].name.p)) == 0)
			ngroup++;
		group[j] = ngroup - 1;
	}
	if (ngroup < 2)
		return 0;
	const tok *low[MAX_LEAVES];
	int nlow = 0, lowline[MAX_LEAVES];
	char **under = bl_xcalloc((size_t)(main > 0 ? main : 1), sizeof *under);
	headings_under(hl, main, pi, under);
	for (int i = 0; i < main; i++)
		for (int k = 0; k < hl[i].nt; k++) {
			const tok *t = &hl[i].t[k];
			if (t->part != pi || label_head(t->s))
				continue;
			if (!under[i][k] && nlow < MAX_LEAVES) {
				int at = nlow++;
				while (at > 0 && low[at - 1]->x0 > t->x0) {
					low[at] = low[at - 1];
					lowline[at] = lowline[at - 1];
					at--;
				}
				low[at] = t;
				lowline[at] = i;
			}
		}
	for (int i = 0; i < main; i++)
		free(under[i]);
	free(under);
	if (nlow != ngroup)
		return 0;
	const tok *wrap[MAX_LEAVES];
	for (int g = 0; g < ngroup; g++) {
		/* the heading's first line, wrapped in its cell: the nearest piece
		 * above it, no wider than twice it and over no other heading */
		const char *name = low[g]->s;
		wrap[g] = NULL;
		for (int i = lowline[g] - 1; i >= 0 && !wrap[g]; i--)
			for (int k = 0; k < hl[i].nt && !wrap[g]; k++) {
				const tok *t = &hl[i].t[k];
				if (t->part != pi || t->x0 >= low[g]->x1 || t->x1 <= low[g]->x0)
					continue;
				int others = 0;
				for (int g2 = 0; g2 < ngroup; g2++)
					others += g2 != g && t->x0 < low[g2]->x1 && t->x1 > low[g2]->x0;
				if (!others && t->x1 - t->x0 <= 2 * (low[g]->x1 - low[g]->x0) && !label_head(t->s) &&
				    !*bl_tbl_column_key(t->s)) { /* a fragment, not a heading of its own */
					wrap[g] = t;
					name = bl_arena_printf(&doc->arena, "%s%s", t->s, low[g]->s);
				}
			}
		P->heads[g] =
			(parent){name,
				 low[g]->x0,
				 low[g]->x1,
				 {doc->lines[hl[lowline[g]].li].page, (int)hl[lowline[g]].li + 1, low[g]->x0 + 1}};
	}
	P->nhead = ngroup;
	for (int j = 0; j < P->nleaf; j++)
		P->leaves[j].head = group[j];
	/* a heading over some of the pairs (not all: that is the table's caption) */
	for (int i = 0; i < main; i++)
		for (int k = 0; k < hl[i].nt; k++) {
			const tok *t = &hl[i].t[k];
			int low_one = 0;
			for (int g = 0; g < nlow; g++)
				low_one |= low[g] == t || wrap[g] == t;
			if (t->part != pi || label_head(t->s) || low_one || P->nparent == MAX_LEAVES)
				continue;
			/* the headings under it: by name where it names a family of
			 * columns (公务用车… over its 小计, 购置费 and 运行费), else by place */
			int w = t->x1 - t->x0, cover = 0, in[MAX_LEAVES];
			const char *fam = bl_tbl_column_key(t->s);
			size_t fl = strlen(fam);
			for (int g = 0; g < ngroup; g++) {
				double c = (P->heads[g].x0 + P->heads[g].x1) / 2.0;
				const char *hk = bl_tbl_column_key(P->heads[g].name);
				in[g] = fl ? strncmp(hk, fam, fl) == 0 && strcmp(hk, fam) != 0
					   : c >= t->x0 - w && c <= t->x1 + w;
			}
			for (int g = 0; fl && g + 1 < ngroup; g++)
				if (in[g + 1] && !in[g] && strcmp(bl_tbl_column_key(P->heads[g].name), "total") == 0)
					in[g] = 1; /* its 小计 */
			for (int g = 0; g < ngroup; g++)
				cover += in[g];
			if (cover < 2 || cover == ngroup)
				continue;
			for (int j = 0; j < P->nleaf; j++)
				if (in[group[j]])
					P->leaves[j].parent = P->nparent;
			P->parents[P->nparent++] =
				(parent){t->s, t->x0, t->x1, {doc->lines[hl[i].li].page, (int)hl[i].li + 1, t->x0 + 1}};
		}
	return 1;
}

/* Header tokens of one part become leaves: the line with the most names
 * seeds them, wrapped pieces on other lines join the nearest, a token over
 * two leaves is their parent, one far from every leaf is a leaf of its own. */
static void header_leaves(bl_doc *doc, part *P, tline *hl, int nh, int pi)
{
	int main = -1, best = 0;
	for (int i = 0; i < nh; i++) {
		int c = 0;
		for (int k = 0; k < hl[i].nt; k++)
			if (hl[i].t[k].part == pi && !label_head(hl[i].t[k].s) && !half_head(hl[i].t[k].s))
				c++;
		if (c >= best && c > 0) {
			best = c;
			main = i;
		}
	}
	P->nleaf = 0;
	P->nparent = 0;
	for (int i = 0; i < nh; i++)
		for (int k = 0; k < hl[i].nt; k++) {
			const char *w = hl[i].t[k].s;
			if (hl[i].t[k].part != pi || !label_head(w))
				continue;
			if (!P->code_name && strstr(w, "编码"))
				P->code_name = w;
			else if (!P->label_name && (strstr(w, "名称") || strcmp(w, "项目") == 0))
				P->label_name = w;
		}
	if (main < 0)
		return;
	for (int k = 0; k < hl[main].nt && P->nleaf < MAX_LEAVES; k++) {
		tok *t = &hl[main].t[k];
		if (t->part != pi || label_head(t->s))
			continue;
		leaf_init(&P->leaves[P->nleaf++], t, (bl_pos){doc->lines[hl[main].li].page, (int)hl[main].li + 1, t->x0 + 1});
	}
	if (basis_pairs(doc, P, hl, main, pi))
		return;
	/* pieces of the other lines, top to bottom */
	for (int i = 0; i < nh; i++) {
		if (i == main)
			continue;
		int names = 0; /* the line's pieces of this part that are no label heading */
		for (int k = 0; k < hl[i].nt; k++)
			names += hl[i].t[k].part == pi && !label_head(hl[i].t[k].s);
		for (int k = 0; k < hl[i].nt; k++) {
			tok *t = &hl[i].t[k];
			if (t->part != pi || label_head(t->s))
				continue;
			if (half_head(t->s))
				continue;
			int over = 0, near = -1;
			double dbest = 1e9, c = (t->x0 + t->x1) / 2.0;
			for (int j = 0; j < P->nleaf; j++) {
				if (t->x0 < P->leaves[j].x1 && t->x1 > P->leaves[j].x0)
					over++;
				double d = fabs(leaf_center(&P->leaves[j]) - c);
				if (d < dbest) {
					dbest = d;
					near = j;
				}
			}
			/* above the leaves, a column name of its own (一般公共预算支出 over
			 * 合计 | 基本支出 | 项目支出) heads the leaves, it is no piece of one */
			int alone = names == 1; /* t is one of them */
			if (i < main && alone && *bl_tbl_column_key(t->s) && P->nleaf >= 2)
				over = P->nleaf; /* over every leaf */
			if (over >= 2 && i < main && P->nparent < MAX_LEAVES) {
				parent *pa = &P->parents[P->nparent];
				pa->name = t->s;
				pa->x0 = t->x0;
				pa->x1 = t->x1;
				pa->pos = (bl_pos){doc->lines[hl[i].li].page, (int)hl[i].li + 1, t->x0 + 1};
				for (int j = 0; j < P->nleaf; j++)
					if (over == P->nleaf || (t->x0 < P->leaves[j].x1 && t->x1 > P->leaves[j].x0))
						P->leaves[j].parent = P->nparent;
				P->nparent++;
				continue;
			}
			if (near >= 0 && dbest <= 6.5) {
				leaf *f = &P->leaves[near];
				if (i < main) { /* a piece above the seed goes in front */
					bl_buf nb = BL_BUF_INIT(4096);
					bl_buf_put(&nb, t->s, strlen(t->s));
					bl_buf_put(&nb, f->name.p, f->name.n);
					bl_buf_release(&f->name);
					f->name = nb;
				} else
					bl_buf_put(&f->name, t->s, strlen(t->s));
				if (t->x0 < f->x0)
					f->x0 = t->x0;
				if (t->x1 > f->x1)
					f->x1 = t->x1;
			} else if (P->nleaf < MAX_LEAVES) {
				/* a column of its own, kept in left-to-right order */
				int at = 0;
				while (at < P->nleaf && leaf_center(&P->leaves[at]) < c)
					at++;
				memmove(&P->leaves[at + 1], &P->leaves[at],
					(size_t)(P->nleaf - at) * sizeof *P->leaves);
				P->nleaf++;
				leaf_init(&P->leaves[at], t, (bl_pos){doc->lines[hl[i].li].page, (int)hl[i].li + 1, t->x0 + 1});
			}
		}
	}
}

/* --- figures to columns --- */

typedef struct cluster {
	double lo, hi; /* right edges seen */
	double c;      /* mean centre */
	int n;
	int leaf;
	int doubt;
} cluster;

/* The cheapest order-keeping assignment of k clusters to n leaves, by
 * distance of centres; with fixc >= 0, cluster fixc must take leaf fixl. */
static double assign(const cluster *cl, int k, const leaf *lv, int n, int fixc, int fixl, int *map)
{
	static const double inf = 1e18;
	double dp[MAX_CLUSTERS + 1][MAX_LEAVES + 1]; /* clusters i.. on leaves j.. */
	for (int j = 0; j <= n; j++)
		dp[k][j] = 0;
	for (int i = k - 1; i >= 0; i--) {
		dp[i][n] = inf;
		for (int j = n - 1; j >= 0; j--) {
			double skip = dp[i][j + 1], take = inf;
			if (fixc != i || fixl == j)
				take = fabs(cl[i].c - leaf_center(&lv[j])) + dp[i + 1][j + 1];
			dp[i][j] = take < skip ? take : skip;
		}
	}
	for (int i = 0, j = 0; map && i < k && j < n; j++)
		if ((fixc != i || fixl == j) && dp[i + 1][j + 1] < inf &&
		    fabs(fabs(cl[i].c - leaf_center(&lv[j])) + dp[i + 1][j + 1] - dp[i][j]) < 1e-9)
			map[i++] = j;
	return dp[0][0];
}

/* Groups the figures of one part by right edge (figures are right-aligned),
 * left to right. */
static int clusters_of(tline *ls, int nl, int pi, cluster *cl)
{
	int k = 0;
	for (int i = 0; i < nl; i++) {
		if (ls[i].kind != L_DATA)
			continue;
		for (int j = 0; j < ls[i].nt; j++) {
			tok *t = &ls[i].t[j];
			if (t->kind != T_NUM || t->part != pi)
				continue;
			int at = -1;
			for (int c = 0; c < k; c++)
				if (t->x1 >= cl[c].lo - 2 && t->x1 <= cl[c].hi + 2)
					at = c;
			if (at < 0) {
				if (k == MAX_CLUSTERS)
					continue;
				at = k++;
				cl[at] = (cluster){t->x1, t->x1, 0, 0, -1, 0};
			}
			cluster *c = &cl[at];
			c->c = (c->c * c->n + (t->x0 + t->x1) / 2.0) / (c->n + 1);
			c->n++;
			if (t->x1 < c->lo)
				c->lo = t->x1;
			if (t->x1 > c->hi)
				c->hi = t->x1;
		}
	}
	for (int i = 1; i < k; i++)
		for (int j = i; j > 0 && cl[j].hi < cl[j - 1].hi; j--) {
			cluster x = cl[j];
			cl[j] = cl[j - 1];
			cl[j - 1] = x;
		}
	return k;
}

/* Gives each figure group of one part of a segment a leaf column: in
 * order when the counts agree (or the page goes on from the last one), else
 * the nearest by position, a doubt when another column is nearly as near. */
static int map_figures(tline *ls, int nl, int pi, part *P, cluster *cl, int has_header)
{
	int k = clusters_of(ls, nl, pi, cl);
	int map[MAX_CLUSTERS];
	if (!has_header && P->nprev == k) {
		for (int i = 0; i < k; i++)
			cl[i].leaf = P->prev_map[i];
	} else if (k == P->nleaf) {
		for (int i = 0; i < k; i++)
			cl[i].leaf = i;
	} else if (k < P->nleaf) {
		double best = assign(cl, k, P->leaves, P->nleaf, -1, -1, map);
		for (int i = 0; i < k; i++) {
			cl[i].leaf = map[i];
			/* the same figures one column over, at nearly the same cost */
			for (int j = 0; j < P->nleaf; j++)
				if (j != map[i] && assign(cl, k, P->leaves, P->nleaf, i, j, NULL) - best < DOUBT_MARGIN)
					cl[i].doubt = 1;
		}
	} else {
		/* more figure columns than the header names: none can be placed */
		for (int i = 0; i < k; i++) {
			cl[i].leaf = i < P->nleaf ? i : P->nleaf - 1;
			cl[i].doubt = 1;
		}
	}
	P->nprev = k;
	for (int i = 0; i < k; i++)
		P->prev_map[i] = cl[i].leaf;
	return k;
}

static int cluster_of(const cluster *cl, int k, const tok *t)
{
	for (int c = 0; c < k; c++)
		if (t->x1 >= cl[c].lo && t->x1 <= cl[c].hi)
			return c;
	return -1;
}

/* --- rows --- */

typedef struct trow {
	bl_buf code;
	bl_buf label;
	bl_pos lpos;
	int own;    /* the label starts on the row's own line */
	int lwidth; /* characters of the label's last piece */
	int above;  /* label lines taken from above */
	const tok *cell[MAX_LEAVES];
	bl_pos cpos[MAX_LEAVES];
	char doubt[MAX_LEAVES];
} trow;

typedef struct pend {
	const tok *t;
	bl_pos pos;
	int leaf, doubt;
} pend;

typedef struct rows {
	trow *v;
	size_t n, cap;
} rows;

static void row_put_label(trow *r, const tok *t, bl_pos pos, int front)
{
	if (front) {
		bl_buf nb = BL_BUF_INIT((size_t)1 << 16);
		bl_buf_put(&nb, t->s, strlen(t->s));
		bl_buf_put(&nb, r->label.p, r->label.n);
		bl_buf_release(&r->label);
		r->label = nb;
		r->lpos = pos;
	} else {
		if (!r->label.n)
			r->lpos = pos;
		bl_buf_put(&r->label, t->s, strlen(t->s));
		r->lwidth = t->x1 - t->x0;
	}
}

/* Is the table's label printed centred in its cell (pieces above and below
 * the row's line) rather than from the top? A code line without a label
 * between two lines of text says so. */
static int centred(tline *ls, int nl, int pi)
{
	for (int i = 1; i + 1 < nl; i++) {
		if (ls[i].kind != L_DATA)
			continue;
		int code = 0, text = 0;
		for (int j = 0; j < ls[i].nt; j++)
			if (ls[i].t[j].part == pi) {
				code |= ls[i].t[j].kind == T_CODE;
				text |= ls[i].t[j].kind == T_TEXT;
			}
		if (!code || text)
			continue;
		int a = i - 1, b = i + 1;
		while (a > 0 && ls[a].kind == L_SKIP)
			a--;
		while (b + 1 < nl && ls[b].kind == L_SKIP)
			b++;
		int ta = 0, tb = 0;
		for (int j = 0; j < ls[a].nt; j++)
			ta |= ls[a].kind == L_TEXT && ls[a].t[j].part == pi;
		for (int j = 0; j < ls[b].nt; j++)
			tb |= ls[b].kind == L_TEXT && ls[b].t[j].part == pi;
		if (ta && tb)
			return 1;
	}
	return 0;
}

/* Puts pending figures into row r where their columns are free. */
static int take_figures(trow *r, const pend *pf, int np)
{
	for (int i = 0; i < np; i++)
		if (r->cell[pf[i].leaf])
			return 0;
	return 1;
}

static void put_figures(trow *r, const pend *pf, int np, int doubt)
{
	for (int i = 0; i < np; i++) {
		r->cell[pf[i].leaf] = pf[i].t;
		r->cpos[pf[i].leaf] = pf[i].pos;
		r->doubt[pf[i].leaf] = (char)(pf[i].doubt || doubt);
	}
}

/* The rows of one part of a segment: each line with a code, a label or
 * figures, with figures standing alone attached to the row that has their
 * columns free, and label pieces on lines of their own attached above or
 * below by the way the table prints its labels. */
static void part_rows(bl_doc *doc, tline *ls, int nl, int pi, const cluster *cl, int k, rows *out)
{
	int mid = centred(ls, nl, pi), has_code = 0, maxw = 0;
	for (int i = 0; i < nl; i++)
		for (int j = 0; j < ls[i].nt; j++)
			if (ls[i].t[j].part == pi) {
				has_code |= ls[i].t[j].kind == T_CODE;
				if (ls[i].t[j].kind == T_TEXT && ls[i].t[j].x1 - ls[i].t[j].x0 > maxw)
					maxw = ls[i].t[j].x1 - ls[i].t[j].x0;
			}
	pend pf[MAX_LEAVES];
	int np = 0;
	const tok *pt[64];
	bl_pos ptpos[64];
	int npt = 0;
	size_t first = out->n;
	for (int i = 0; i < nl; i++) {
		tline *L = &ls[i];
		if (L->kind == L_SKIP)
			continue;
		int page = doc->lines[L->li].page;
		int code = 0, num = 0, text = 0, total = 0;
		for (int j = 0; j < L->nt; j++) {
			const tok *t = &L->t[j];
			if (t->part != pi)
				continue;
			code |= t->kind == T_CODE;
			num |= t->kind == T_NUM;
			if (t->kind == T_TEXT && !bl_tbl_header_word(t->s) && strcmp(t->s, "类款项") != 0) {
				text = 1;
				total |= is_total_word(t->s);
			}
		}
		if (!code && !num && !text)
			continue;
		if (!code && !num) {
			int row = L->kind == L_DATA && total; /* 合计 alone: a row whose figures stand elsewhere */
			if (!has_code && text && !row) {
				/* a table without codes has a row on every line of text, but
				 * for the rest of a label too long for its cell */
				trow *prev = out->n > first ? &out->v[out->n - 1] : NULL;
				const tok *t = NULL;
				for (int j = 0; j < L->nt && !t; j++)
					if (L->t[j].part == pi && L->t[j].kind == T_TEXT)
						t = &L->t[j];
				row = !(prev && t && !bl_tbl_enumer(t->s) && prev->lwidth >= maxw - 1);
			}
			if (!row) {
				for (int j = 0; j < L->nt && npt < 64; j++)
					if (L->t[j].part == pi && L->t[j].kind == T_TEXT &&
					    !bl_tbl_header_word(L->t[j].s) &&
					    !(has_code && (label_head(L->t[j].s) || bl_tbl_column_word(L->t[j].s)))) {
						ptpos[npt] = (bl_pos){page, (int)L->li + 1, L->t[j].x0 + 1};
						pt[npt++] = &L->t[j];
					}
				continue;
			}
		}
		if (!code && !text) {
			/* figures alone: for the next row, or the last one */
			for (int j = 0; j < L->nt; j++) {
				const tok *t = &L->t[j];
				int c = t->part == pi && t->kind == T_NUM ? cluster_of(cl, k, t) : -1;
				if (c < 0 || cl[c].leaf < 0 || np == MAX_LEAVES)
					continue;
				int dup = 0;
				for (int q = 0; q < np; q++)
					dup |= pf[q].leaf == cl[c].leaf;
				if (dup) { /* two figures for one column: the first goes to the last row
					      or is a doubt */
					trow *prev = out->n > first ? &out->v[out->n - 1] : NULL;
					if (prev && take_figures(prev, pf, np))
						put_figures(prev, pf, np, 1);
					np = 0;
				}
				pf[np++] = (pend){t, {page, (int)L->li + 1, t->x0 + 1}, cl[c].leaf, cl[c].doubt};
			}
			continue;
		}
		/* a code on a line of its own, its label and figures on the next */
		trow *bare = out->n > first ? &out->v[out->n - 1] : NULL;
		int merge = !code && bare && bare->code.n && !bare->label.n && !npt && !np;
		for (int q = 0; merge && q < MAX_LEAVES; q++)
			merge = !bare->cell[q];
		trow *r;
		if (merge)
			r = bare;
		else {
			r = BL_PUSH(out->v, out->n, out->cap);
			memset(r, 0, sizeof *r);
			r->code = (bl_buf)BL_BUF_INIT(64);
			r->label = (bl_buf)BL_BUF_INIT((size_t)1 << 16);
			r->lpos = (bl_pos){page, (int)L->li + 1, 1};
		}
		for (int j = 0; j < L->nt; j++) {
			const tok *t = &L->t[j];
			bl_pos pos = {page, (int)L->li + 1, t->x0 + 1};
			if (t->part != pi)
				continue;
			if (t->kind == T_CODE) {
				if (!r->code.n)
					r->lpos = pos;
				bl_buf_put(&r->code, t->s, strlen(t->s));
			} else if (t->kind == T_TEXT) {
				if (bl_tbl_header_word(t->s) || strcmp(t->s, "类款项") == 0)
					continue;
				row_put_label(r, t, pos, 0);
				r->own = 1;
				r->lwidth = t->x1 - t->x0;
			} else {
				int c = cluster_of(cl, k, t);
				if (c < 0 || cl[c].leaf < 0)
					continue; /* no column to put it in */
				r->cell[cl[c].leaf] = t;
				r->cpos[cl[c].leaf] = pos;
				r->doubt[cl[c].leaf] = (char)cl[c].doubt;
			}
		}
		if (merge)
			continue;
		/* label pieces between the last row and this one */
		trow *prev = out->n - 1 > first ? &out->v[out->n - 2] : NULL;
		int s = 0;
		if (prev)
			s = !mid ? npt : prev->above < npt ? prev->above : npt;
		else if (!mid && r->own)
			s = npt; /* nothing above the first row belongs to it */
		for (int q = 0; q < s && prev; q++)
			row_put_label(prev, pt[q], ptpos[q], 0);
		for (int q = npt; q-- > s;)
			row_put_label(r, pt[q], ptpos[q], 1);
		r->above = npt - s;
		npt = 0;
		/* figures that stood alone before this row */
		if (np) {
			int here = take_figures(r, pf, np), there = prev && take_figures(prev, pf, np);
			if (here)
				put_figures(r, pf, np, there && prev->own && r->own && np < k);
			else if (there)
				put_figures(prev, pf, np, 0);
			else
				put_figures(r, pf, np, 1); /* nowhere free: kept, as a doubt */
			np = 0;
		}
	}
	if (np && out->n == first) {
		/* figures with no row at all (a table of one line without a label) */
		trow *r = BL_PUSH(out->v, out->n, out->cap);
		memset(r, 0, sizeof *r);
		r->code = (bl_buf)BL_BUF_INIT(64);
		r->label = (bl_buf)BL_BUF_INIT((size_t)1 << 16);
		r->lpos = pf[0].pos;
	}
	if (out->n > first) {
		trow *last = &out->v[out->n - 1];
		for (int q = 0; q < npt; q++)
			row_put_label(last, pt[q], ptpos[q], 0);
		if (np)
			put_figures(last, pf, np, !take_figures(last, pf, np));
	}
}

/* --- segments to grids --- */

typedef struct tbl {
	int nparts;
	part parts[2];
	int boundary; /* first column of the right half */
	int ncols;
	int garbled; /* codes split from their rows: no figure can be placed for sure
		      */
} tbl;

static void cell_set(grid *g, int b, int c, const char *s, size_t n, bl_pos pos)
{
	size_t i = (size_t)b * (size_t)g->nc + (size_t)c;
	bl_buf_put(&g->text[i], s, n);
	g->pos[i] = pos;
}

static grid *grid_new(grid **out, size_t *nout, size_t *cap, int page, int nb, int nc)
{
	grid *g = BL_PUSH(*out, *nout, *cap);
	memset(g, 0, sizeof *g);
	g->page = page;
	g->nb = nb;
	g->nc = nc;
	size_t n = (size_t)(nb ? nb : 1) * (size_t)nc;
	g->start = bl_xmalloc(n * sizeof *g->start);
	g->open = bl_xcalloc(n, 1);
	g->text = bl_xcalloc(n, sizeof *g->text);
	g->pos = bl_xcalloc(n, sizeof *g->pos);
	g->box = bl_xcalloc(n, sizeof *g->box);
	g->lastline = bl_xcalloc(n, sizeof *g->lastline);
	g->doubt = bl_xcalloc(n, 1);
	for (size_t i = 0; i < n; i++) {
		g->start[i] = (int)(i % (size_t)nc);
		g->text[i] = (bl_buf)BL_BUF_INIT((size_t)1 << 16);
	}
	return g;
}

/* One page of a table: its data lines ls; the header bands on the first
 * page (nh header lines were read). */
static void segment(bl_doc *doc, tbl *T, int nh, tline *ls, int nl, size_t first_line, int page, grid **out,
		    size_t *nout, size_t *cap)
{
	rows rs[2] = {{NULL, 0, 0}, {NULL, 0, 0}};
	for (int pi = 0; pi < T->nparts; pi++) {
		cluster cl[MAX_CLUSTERS];
		int k = map_figures(ls, nl, pi, &T->parts[pi], cl, nh > 0);
		part_rows(doc, ls, nl, pi, cl, k, &rs[pi]);
	}
	int hb = first_line != (size_t)-1 ? 3 : 0; /* parents, pair headings, leaves */
	size_t nr = rs[0].n > rs[1].n ? rs[0].n : rs[1].n;
	grid *g = grid_new(out, nout, cap, page, hb + (int)nr, T->ncols);
	size_t last = 0, firstl = (size_t)-1;
	for (int i = 0; i < nl; i++)
		if (ls[i].kind != L_SKIP) {
			if (firstl == (size_t)-1)
				firstl = ls[i].li;
			last = ls[i].li;
		}
	g->first_line = hb ? first_line : firstl;
	g->last_line = last > g->first_line ? last : g->first_line;
	for (int pi = 0; pi < T->nparts; pi++) {
		part *P = &T->parts[pi];
		int c0 = P->col0;
		if (hb) {
			/* the label columns' own header words; a code column is one by
			 * construction */
			const char *cn = P->code_name ? P->code_name : "编码", *ln = P->label_name ? P->label_name : "";
			if (P->has_code)
				cell_set(g, 2, c0, cn, strlen(cn), g->pos[c0]);
			cell_set(g, 2, c0 + P->has_code, ln, strlen(ln), g->pos[c0]);
			for (int j = 0; j < P->nleaf; j++) {
				leaf *f = &P->leaves[j];
				int c = c0 + 1 + P->has_code + j;
				cell_set(g, 2, c, f->name.p, f->name.n, f->pos);
				if (f->head >= 0) {
					parent *h = &P->heads[f->head];
					int s = j;
					while (s > 0 && P->leaves[s - 1].head == f->head)
						s--;
					g->start[g->nc + c] = c0 + 1 + P->has_code + s;
					if (s == j)
						cell_set(g, 1, c, h->name, strlen(h->name), h->pos);
				}
				if (f->parent >= 0) {
					parent *pa = &P->parents[f->parent];
					int s = j;
					while (s > 0 && P->leaves[s - 1].parent == f->parent)
						s--;
					g->start[c] = c0 + 1 + P->has_code + s;
					if (s == j)
						cell_set(g, 0, c, pa->name, strlen(pa->name), pa->pos);
				}
			}
		}
		for (size_t r = 0; r < rs[pi].n; r++) {
			trow *w = &rs[pi].v[r];
			int b = hb + (int)r;
			if (P->has_code)
				cell_set(g, b, c0, w->code.p ? w->code.p : "", w->code.n, w->lpos);
			cell_set(g, b, c0 + P->has_code, w->label.p ? w->label.p : "", w->label.n, w->lpos);
			int row_doubt = 0; /* a figure of the row misplaced: its blanks are unknown too */
			for (int j = 0; j < P->nleaf; j++)
				row_doubt |= w->cell[j] && (w->doubt[j] || T->garbled);
			for (int j = 0; j < P->nleaf; j++) {
				int c = c0 + 1 + P->has_code + j;
				size_t ci = (size_t)b * (size_t)g->nc + (size_t)c;
				g->pos[ci] = w->lpos;
				g->doubt[ci] = (char)row_doubt;
				if (!w->cell[j])
					continue;
				cell_set(g, b, c, w->cell[j]->s, strlen(w->cell[j]->s), w->cpos[j]);
				g->doubt[ci] = (char)(w->doubt[j] || T->garbled);
			}
			bl_buf_release(&w->code);
			bl_buf_release(&w->label);
		}
		free(rs[pi].v);
	}
}

/* Sets each token's half of a side-by-side table. */
static void set_parts(tline *ls, int nl, int boundary)
{
	for (int i = 0; i < nl; i++) {
		/* a line that opens with a code far right of the left half's code
		 * column belongs to the right half, wherever the text put it */
		int right = 0;
		if (boundary > 0 && ls[i].nt > 0 && ls[i].t[0].x0 >= boundary / 2) {
			const char *s0 = ls[i].t[0].s;
			size_t n0 = strlen(s0);
			right = all_digits(s0, 0) && (n0 == 3 || n0 == 5 || n0 == 7);
		}
		for (int j = 0; j < ls[i].nt; j++)
			ls[i].t[j].part = boundary > 0 && (right || ls[i].t[j].x0 >= boundary);
	}
}

/* A side-by-side table has labels after figures on its lines; the right
 * half starts at the leftmost of them. */
static int find_boundary(tline *ls, int nl, int halves)
{
	int lines = 0, b = 1 << 30;
	for (int i = 0; i < nl; i++) {
		if (ls[i].kind != L_DATA && ls[i].kind != L_TEXT)
			continue;
		int seen_num = 0, ntext = 0, found = 0;
		for (int j = 0; j < ls[i].nt; j++) {
			tok *t = &ls[i].t[j];
			size_t len = strlen(t->s);
			if (halves && t->kind == T_NUM && j > 0 && ls[i].t[j - 1].kind != T_CODE &&
			    all_digits(t->s, 0) && (len == 3 || len == 5 || len == 7)) {
				/* the right half's code, after the left half's cells */
				if (t->x0 < b && !found)
					b = t->x0;
				found = 1;
			} else if (t->kind == T_NUM)
				seen_num = 1;
			else if (t->kind == T_TEXT && !bl_tbl_header_word(t->s)) {
				ntext++;
				if ((seen_num || ntext == 2) && t->x0 < b && !found) {
					b = t->x0;
					found = 1;
				} else if (seen_num || ntext == 2)
					found = 1;
			}
		}
		lines += found;
	}
	return lines >= 2 ? b : 0;
}

/* Does the text keep its layout: figures of one line several spaces apart? */
static int laid_out(tline *ls, int nl)
{
	int wide = 0, narrow = 0;
	for (int i = 0; i < nl; i++)
		for (int j = 1; ls[i].kind == L_DATA && j < ls[i].nt; j++) {
			if (ls[i].t[j].x0 - ls[i].t[j - 1].x1 >= 2)
				wide++;
			else
				narrow++;
		}
	return wide >= narrow;
}

static void tline_free(tline *ls, int n)
{
	for (int i = 0; i < n; i++)
		free(ls[i].t);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Does the line name a label column twice (科目编码 … 科目编码)? Sorted,
 * equal names are neighbours: O(n log n) for a line of n names. */
static int repeats_label_head(const tline *L)
{
	const char **v = bl_xmalloc((size_t)(L->nt ? L->nt : 1) * sizeof *v);
	int n = 0, dup = 0;
	for (int j = 0; j < L->nt; j++)
		if (label_head(L->t[j].s))
			v[n++] = L->t[j].s;
	qsort(v, (size_t)n, sizeof *v, cmp_str);
	for (int j = 1; j < n && !dup; j++)
		dup = strcmp(v[j - 1], v[j]) == 0;
	free(v);
	return dup;
}

/* Reads the table whose title is on line ti; returns the first line after it.
 */
static size_t read_table(bl_doc *doc, size_t ti, grid **out, size_t *nout, size_t *cap)
{
	size_t lcap = 256;
	tline *ls = bl_xcalloc(lcap, sizeof *ls);
	int nl = 0;
	size_t li = ti + 1, end = ti + 1;
	for (; li < doc->nlines && nl < MAX_REGION; li++) {
		if ((size_t)nl == lcap) {
			lcap *= 2;
			ls = bl_xrealloc(ls, lcap * sizeof *ls);
		}
		tline *L = &ls[nl];
		memset(L, 0, sizeof *L);
		L->li = li;
		L->nt = tokenize(doc, li, &L->t, &doc->arena);
		if (L->nt == 0) {
			free(L->t);
			continue;
		}
		if (title_kind(doc, L) != BL_TABLE_KINDS || is_prose(L) || (doc->lines[li].flags & BL_LINE_TOC)) {
			free(L->t);
			break;
		}
		if (is_note(L)) {
			free(L->t);
			end = li;
			break;
		}
		/* a page number alone at the top or bottom of a page */
		if (L->nt == 1 && L->t[0].kind == T_NUM && all_digits(L->t[0].s, 0) && strlen(L->t[0].s) <= 3) {
			int edge = li + 1 >= doc->nlines || doc->lines[li + 1].page != doc->lines[li].page || li == 0 ||
				   doc->lines[li - 1].page != doc->lines[li].page;
			if (edge) {
				free(L->t);
				continue;
			}
		}
		L->kind = is_caption(L) ? L_SKIP : classify(L);
		nl++;
		end = li + 1;
	}
	int data = 0, caption = 0;
	for (int i = 0; i < nl; i++) {
		data |= ls[i].kind == L_DATA;
		caption |= is_caption(&ls[i]);
	}
	if (!laid_out(ls, nl) || (!data && !caption)) {
		tline_free(ls, nl);
		free(ls);
		return end;
	}
	tbl T;
	memset(&T, 0, sizeof T);
	/* the first page's header: lines before its first figure or code */
	int first_data = 0;
	while (first_data < nl && ls[first_data].kind != L_DATA &&
	       doc->lines[ls[first_data].li].page == doc->lines[ti].page)
		first_data++;
	/* a header naming its label columns twice on one line has two halves */
	int halves = 0;
	for (int i = 0; i < first_data && !halves; i++)
		halves = repeats_label_head(&ls[i]);
	int fp_end = first_data; /* the first page's rows decide the halves of the header */
	while (fp_end < nl &&
	       doc->lines[ls[fp_end].li].page == doc->lines[ls[first_data < nl ? first_data : 0].li].page)
		fp_end++;
	int boundary = find_boundary(ls + first_data, fp_end - first_data, halves);
	if (!boundary)
		boundary = find_boundary(ls + first_data, nl - first_data, halves);
	set_parts(ls, nl, boundary);
	T.nparts = boundary ? 2 : 1;
	/* the right half's codes, and figures that are no amounts */
	int dec = 0, whole = 0; /* amounts with decimals; integers of four digits or more */
	for (int i = 0; i < nl; i++) {
		int f = 0;
		while (f < ls[i].nt && ls[i].t[f].part == 0)
			f++;
		if (f > 0 && f < ls[i].nt)
			mark_code(ls[i].t + f, ls[i].nt - f);
		for (int j = 0; j < ls[i].nt; j++)
			if (ls[i].t[j].kind == T_NUM && !bl_tbl_dash(ls[i].t[j].s)) {
				if (strchr(ls[i].t[j].s, '.'))
					dec++;
				else if (strlen(ls[i].t[j].s) >= 4)
					whole++;
			}
	}
	/* Where amounts are printed with decimals, a bare short integer is a
	 * piece of a code the text split from its row: the rows can no longer
	 * be told apart, and every figure of the table becomes a doubt. */
	int split_codes = 0;
	for (int i = 0; i < nl && dec > 0 && whole == 0; i++)
		for (int j = 0; j < ls[i].nt; j++)
			if (ls[i].t[j].kind == T_NUM && all_digits(ls[i].t[j].s, 0) && strlen(ls[i].t[j].s) <= 3)
				split_codes++;
	T.garbled = split_codes > 0;
	int nh = 0;
	tline *hl = bl_xcalloc((size_t)(first_data ? first_data : 1), sizeof *hl);
	for (int i = 0; i < first_data; i++)
		if (ls[i].kind != L_SKIP || !is_caption(&ls[i]))
			hl[nh++] = ls[i];
	for (int pi = 0; pi < T.nparts; pi++) {
		part *P = &T.parts[pi];
		header_leaves(doc, P, hl, nh, pi);
		for (int i = first_data; i < nl; i++)
			for (int j = 0; j < ls[i].nt; j++)
				P->has_code |= ls[i].t[j].part == pi && ls[i].t[j].kind == T_CODE;
		P->col0 = T.ncols;
		if (!P->nleaf) {
			/* no header read: the first page's figure columns, unnamed */
			cluster cl[MAX_CLUSTERS];
			int k = clusters_of(ls + first_data, nl - first_data, pi, cl);
			for (int j = 0; j < k && j < MAX_LEAVES; j++)
				P->leaves[j] =
					(leaf){BL_BUF_INIT(4096), (int)cl[j].lo - 4, (int)cl[j].hi, -1, -1, {0, 0, 0}};
			P->nleaf = k < MAX_LEAVES ? k : MAX_LEAVES;
		}
		T.ncols += 1 + P->has_code + P->nleaf;
	}
	/* one grid per page */
	int s = first_data;
	size_t hdr_first = nh ? hl[0].li : first_data < nl ? ls[first_data].li : ti + 1;
	int first_page = 1;
	if (first_data == nl) {
		/* no data at all: an empty table, header only */
		segment(doc, &T, nh, ls + nl, 0, hdr_first, doc->lines[ti].page, out, nout, cap);
		(*out)[*nout - 1].last_line = nl ? ls[nl - 1].li : ti + 1;
	}
	while (s < nl) {
		int page = doc->lines[ls[s].li].page, e = s;
		while (e < nl && doc->lines[ls[e].li].page == page)
			e++;
		/* each later page lays out its halves anew */
		if (boundary && !first_page) {
			int bp = find_boundary(ls + s, e - s, halves);
			set_parts(ls + s, e - s, bp ? bp : boundary);
			for (int i = s; i < e; i++) {
				int f = 0;
				while (f < ls[i].nt && ls[i].t[f].part == 0)
					f++;
				if (f > 0 && f < ls[i].nt)
					mark_code(ls[i].t + f, ls[i].nt - f);
			}
		}
		/* a page after the first opens with the header again, or with rows */
		int d = s;
		if (!first_page) {
			while (d < e && ls[d].kind != L_DATA)
				d++;
		}
		segment(doc, &T, first_page ? nh : 0, ls + d, e - d, first_page ? hdr_first : (size_t)-1, page, out,
			nout, cap);
		first_page = 0;
		s = e;
	}
	for (int pi = 0; pi < T.nparts; pi++)
		for (int j = 0; j < T.parts[pi].nleaf; j++)
			bl_buf_release(&T.parts[pi].leaves[j].name);
	free(hl);
	tline_free(ls, nl);
	free(ls);
	return end;
}

void bl_text_grids(bl_doc *doc, grid **out, size_t *nout, size_t *cap)
{
	bl_arena scratch = BL_ARENA_INIT; /* each line's tokens, read for a title only */
	for (size_t li = 0; li < doc->nlines; li++) {
		if (doc->lines[li].flags & (BL_LINE_BLANK | BL_LINE_TOC))
			continue;
		tline L = {li, 0, NULL, 0};
		L.nt = tokenize(doc, li, &L.t, &scratch);
		bl_table_kind k = title_kind(doc, &L);
		free(L.t);
		bl_arena_release(&scratch);
		if (k == BL_TABLE_KINDS || k == BL_TABLE_OTHER)
			continue;
		size_t before = *nout;
		size_t next = read_table(doc, li, out, nout, cap);
		for (size_t m = li; *nout > before && m < next && m < doc->nlines; m++)
			doc->lines[m].flags |= BL_LINE_TTABLE;
		if (next > li + 1)
			li = next - 1;
	}
}
