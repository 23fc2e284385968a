/* thead.c - the header of a table printed as laid-out text: its leaf
 * columns, the headings over them and the pairs of 预算数 | 决算数.
 *
 * Positions are counted in characters, so a header of wide characters
 * drifts against the figures under it: the line with the most names seeds
 * the leaves, pieces on other lines join the nearest. */
#include <math.h>
#include <string.h>

#include "table/ttable.h"

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
			if (t->part != pi || bl_tbl_label_head(t->s))
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

/* The pairs of leaves: leaf j belongs to pair group[j]; how many pairs, 0
 * when a leaf names no basis. */
static int basis_groups(const part *P, int *group)
{
	int ngroup = 0;
	for (int j = 0; j < P->nleaf; j++) {
		const char *b = bl_tbl_basis_word(P->leaves[j].name.p);
		if (!b)
			return 0;
		if (j == 0 || strcmp(b, bl_tbl_basis_word(P->leaves[0].name.p)) == 0)
			ngroup++;
		group[j] = ngroup - 1;
	}
	return ngroup;
}

/* The headings of part pi above line main that nothing else stands under,
 * left to right, and their lines; how many. */
static int lowest_headings(tline *hl, int main, int pi, const tok **low, int *lowline)
{
	int nlow = 0;
	char **under = bl_xcalloc((size_t)(main > 0 ? main : 1), sizeof *under);
	headings_under(hl, main, pi, under);
	for (int i = 0; i < main; i++)
		for (int k = 0; k < hl[i].nt; k++) {
			const tok *t = &hl[i].t[k];
			if (t->part != pi || bl_tbl_label_head(t->s))
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
	return nlow;
}

/* The heading of pair g, with its first line when it is wrapped in its
 * cell: the nearest piece above it, no wider than twice it and over no
 * other heading (*wrap, or NULL). */
static void pair_heading(bl_doc *doc, part *P, tline *hl, int pi, int g, int ngroup, const tok *const *low,
			 const int *lowline, const tok **wrap)
{
	const char *name = low[g]->s;
	*wrap = NULL;
	for (int i = lowline[g] - 1; i >= 0 && !*wrap; i--)
		for (int k = 0; k < hl[i].nt && !*wrap; k++) {
			const tok *t = &hl[i].t[k];
			if (t->part != pi || t->x0 >= low[g]->x1 || t->x1 <= low[g]->x0)
				continue;
			int others = 0;
			for (int g2 = 0; g2 < ngroup; g2++)
				others += g2 != g && t->x0 < low[g2]->x1 && t->x1 > low[g2]->x0;
			if (!others && t->x1 - t->x0 <= 2 * (low[g]->x1 - low[g]->x0) &&
			    !bl_tbl_label_head(t->s) &&
			    !*bl_tbl_column_key(t->s)) { /* a fragment, not a heading of its own */
				*wrap = t;
				name = bl_arena_printf(&doc->arena, "%s%s", t->s, low[g]->s);
			}
		}
	P->heads[g] =
		(parent){name,
			 low[g]->x0,
			 low[g]->x1,
			 {doc->lines[hl[lowline[g]].li].page, (int)hl[lowline[g]].li + 1, low[g]->x0 + 1}};
}

/* Headings over some of the pairs (not all: that is the table's caption):
 * by name where one names a family of columns (公务用车… over its 小计,
 * 购置费 and 运行费), else by place. */
static void pair_parents(bl_doc *doc, part *P, tline *hl, int main, int pi, const tok *const *low,
			 const tok *const *wrap, int ngroup, const int *group)
{
	for (int i = 0; i < main; i++)
		for (int k = 0; k < hl[i].nt; k++) {
			const tok *t = &hl[i].t[k];
			int low_one = 0;
			for (int g = 0; g < ngroup; g++)
				low_one |= low[g] == t || wrap[g] == t;
			if (t->part != pi || bl_tbl_label_head(t->s) || low_one || P->nparent == MAX_LEAVES)
				continue;
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
				if (in[g + 1] && !in[g] &&
				    strcmp(bl_tbl_column_key(P->heads[g].name), bl_tcol_key(BL_TCOL_TOTAL)) ==
					    0)
					in[g] = 1; /* its 小计 */
			for (int g = 0; g < ngroup; g++)
				cover += in[g];
			if (cover < 2 || cover == ngroup)
				continue;
			for (int j = 0; j < P->nleaf; j++)
				if (in[group[j]])
					P->leaves[j].parent = P->nparent;
			P->parents[P->nparent++] =
				(parent){t->s,
					 t->x0,
					 t->x1,
					 {doc->lines[hl[i].li].page, (int)hl[i].li + 1, t->x0 + 1}};
		}
}

/* A header whose leaves are all 预算数 | 决算数 names what each pair is
 * about on the lines above: the headings nothing else stands under, one
 * per pair and in order, and above them headings over several pairs. */
static int basis_pairs(bl_doc *doc, part *P, tline *hl, int main, int pi)
{
	int group[MAX_LEAVES];
	int ngroup = basis_groups(P, group);
	if (ngroup < 2)
		return 0;
	const tok *low[MAX_LEAVES], *wrap[MAX_LEAVES];
	int lowline[MAX_LEAVES];
	if (lowest_headings(hl, main, pi, low, lowline) != ngroup)
		return 0;
	for (int g = 0; g < ngroup; g++)
		pair_heading(doc, P, hl, pi, g, ngroup, low, lowline, &wrap[g]);
	P->nhead = ngroup;
	for (int j = 0; j < P->nleaf; j++)
		P->leaves[j].head = group[j];
	pair_parents(doc, P, hl, main, pi, low, wrap, ngroup, group);
	return 1;
}

/* The header line with the most names of part pi, or -1. */
static int main_line(const tline *hl, int nh, int pi)
{
	int main = -1, best = 0;
	for (int i = 0; i < nh; i++) {
		int c = 0;
		for (int k = 0; k < hl[i].nt; k++) {
			const char *s = hl[i].t[k].s;
			c += hl[i].t[k].part == pi && !bl_tbl_label_head(s) && !bl_tbl_half_head(s);
		}
		if (c >= best && c > 0) {
			best = c;
			main = i;
		}
	}
	return main;
}

/* The header words over the code and the label column. */
static void label_names(part *P, const tline *hl, int nh, int pi)
{
	for (int i = 0; i < nh; i++)
		for (int k = 0; k < hl[i].nt; k++) {
			const char *w = hl[i].t[k].s;
			if (hl[i].t[k].part != pi || !bl_tbl_label_head(w))
				continue;
			if (!P->code_name && bl_tbl_code_name(w))
				P->code_name = w;
			else if (!P->label_name && bl_tbl_label_name(w))
				P->label_name = w;
		}
}

/* Piece t of header line i (main the seed line, names the pieces of the
 * part on line i) joins the nearest leaf, heads the leaves it stands over,
 * or is a leaf of its own. */
static void join_piece(bl_doc *doc, part *P, const tline *hl, int i, int main, int names, const tok *t)
{
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
	 * 合计 | 基本支出 | 项目支出, 本年收入 over a half's 预算数) heads the
	 * leaves, it is no piece of one */
	int alone = names == 1; /* t is one of them */
	if (i < main && alone && *bl_tbl_column_key(t->s) && P->nleaf >= 1)
		over = P->nleaf; /* over every leaf (本年收入 over the half's one 预算数 too) */
	if ((over >= 2 || (over == 1 && P->nleaf == 1)) && i < main && P->nparent < MAX_LEAVES) {
		parent *pa = &P->parents[P->nparent];
		pa->name = t->s;
		pa->x0 = t->x0;
		pa->x1 = t->x1;
		pa->pos = (bl_pos){doc->lines[hl[i].li].page, (int)hl[i].li + 1, t->x0 + 1};
		for (int j = 0; j < P->nleaf; j++)
			if (over == P->nleaf || (t->x0 < P->leaves[j].x1 && t->x1 > P->leaves[j].x0))
				P->leaves[j].parent = P->nparent;
		P->nparent++;
		return;
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
		memmove(&P->leaves[at + 1], &P->leaves[at], (size_t)(P->nleaf - at) * sizeof *P->leaves);
		P->nleaf++;
		leaf_init(&P->leaves[at], t,
			  (bl_pos){doc->lines[hl[i].li].page, (int)hl[i].li + 1, t->x0 + 1});
	}
}

/* Header tokens of one part become leaves: the line with the most names
 * seeds them, wrapped pieces on other lines join the nearest, a token over
 * two leaves is their parent, one far from every leaf is a leaf of its own. */
void bl_tt_header_leaves(bl_doc *doc, part *P, tline *hl, int nh, int pi)
{
	int main = main_line(hl, nh, pi);
	P->nleaf = 0;
	P->nparent = 0;
	label_names(P, hl, nh, pi);
	if (main < 0)
		return;
	for (int k = 0; k < hl[main].nt && P->nleaf < MAX_LEAVES; k++) {
		tok *t = &hl[main].t[k];
		if (t->part != pi || bl_tbl_label_head(t->s))
			continue;
		bl_pos pos = {doc->lines[hl[main].li].page, (int)hl[main].li + 1, t->x0 + 1};
		leaf_init(&P->leaves[P->nleaf++], t, pos);
	}
	if (basis_pairs(doc, P, hl, main, pi))
		return;
	/* pieces of the other lines, top to bottom */
	for (int i = 0; i < nh; i++) {
		if (i == main)
			continue;
		int names = 0; /* the line's pieces of this part that are no label heading */
		for (int k = 0; k < hl[i].nt; k++)
			names += hl[i].t[k].part == pi && !bl_tbl_label_head(hl[i].t[k].s);
		for (int k = 0; k < hl[i].nt; k++) {
			const tok *t = &hl[i].t[k];
			if (t->part != pi || bl_tbl_label_head(t->s) || bl_tbl_half_head(t->s))
				continue;
			join_piece(doc, P, hl, i, main, names, t);
		}
	}
}
