/* items.c - the lines of the classification below the 类, as fact keys.
 *
 * A narrative states its spending item by item: "社会保障和就业支出（类）
 * 行政事业单位养老支出（款）行政单位离退休（项）”261.47万元", or in a final
 * account "…（项）。…年初预算为54.53万元，支出决算为54.53万元". Such a line's
 * figures are the item's, keyed <scope>.func.<code> as the tables' rows are
 * (lib/table/tfacts.c): the code of the names printed, found among the
 * document's own table rows (its names are its own), else in the observed
 * classification (classification.def); a line whose code is found in
 * neither has no facts. */
#include <stdlib.h>
#include <string.h>

#include "read/fact_int.h"

/* Code points of one name of the classification, at most (政府办公厅（室）及相关机构事务 is 15). */
#define ITEM_NAME_MAX 40
/* Code points from an item line's start to the last figure it owns, at most
 * (…（项）。主要用于：…。年初预算为A万元，支出决算为B万元，完成年初预算的C%):
 * the line is looked for this far back, so that a long paragraph costs each
 * figure a bounded look, not a scan from its start. */
#define ITEM_LINE_SPAN 400

static const char *const level_marks[3][2] = {{"（类）", "(类)"}, {"（款）", "(款)"}, {"（项）", "(项)"}};

/* Where a level's mark is in [a, b): its start in *at, its length returned; 0 none. */
static size_t find_mark(const bl_flow *f, size_t a, size_t b, int level, size_t *at)
{
	for (size_t i = a; i < b; i++)
		for (int k = 0; k < 2; k++) {
			size_t m = bl_flow_match(f, i, b, level_marks[level][k]);
			if (m) {
				*at = i;
				return m;
			}
		}
	return 0;
}

/* The name [a, b) as the key holds it. */
static char *name_of(const bl_doc *doc, size_t a, size_t b, bl_arena *ar)
{
	char *raw = bl_flow_text(doc, a, b, 1, ar);
	char norm[ITEM_NAME_MAX * 4 + 1];
	bl_unit_norm(raw, 0, norm, sizeof norm);
	return bl_arena_strndup(ar, norm, strlen(norm));
}

/* The last level-0 mark (（类）) in [a, b): its start in *at, its length; 0 none. */
static size_t find_last_class(const bl_flow *f, size_t a, size_t b, size_t *at)
{
	for (size_t i = b; i-- > a;)
		for (int k = 0; k < 2; k++) {
			size_t m = bl_flow_match(f, i, b, level_marks[0][k]);
			if (m) {
				*at = i;
				return m;
			}
		}
	return 0;
}

int bl_item_line(const bl_doc *doc, size_t a, size_t b, char **names, bl_arena *ar, size_t *end)
{
	const bl_flow *f = &doc->flow;
	size_t c0, k0, p0;
	if (b > a + ITEM_LINE_SPAN)
		a = b - ITEM_LINE_SPAN;
	size_t cm = find_last_class(f, a, b, &c0);
	if (!cm)
		return 0;
	/* the class's name: the ideographs just before its mark */
	size_t s = c0;
	while (s > a && bl_cp_is_han(f->cp[s - 1]) && c0 - s < ITEM_NAME_MAX)
		s--;
	size_t km = find_mark(f, c0 + cm, b, 1, &k0);
	if (s == c0 || !km || k0 == c0 + cm || k0 - (c0 + cm) > ITEM_NAME_MAX)
		return 0;
	names[0] = name_of(doc, s, c0, ar);
	names[1] = name_of(doc, c0 + cm, k0, ar);
	size_t pm = find_mark(f, k0 + km, b, 2, &p0);
	if (!pm || p0 == k0 + km || p0 - (k0 + km) > ITEM_NAME_MAX) {
		/* a 款 line ends at its mark; a name after it is a 项 whose mark was
		 * cut off (a line the flow did not join): no line known for sure */
		*end = k0 + km;
		return k0 + km < b && bl_cp_is_han(f->cp[k0 + km]) ? 0 : 2;
	}
	names[2] = name_of(doc, k0 + km, p0, ar);
	*end = p0 + pm;
	return 3;
}

int bl_item_continued(const bl_doc *doc, size_t a, size_t b, char **names, bl_arena *ar, size_t *end)
{
	const bl_flow *f = &doc->flow;
	size_t s = a, p0;
	if (b > a + ITEM_LINE_SPAN)
		b = a + ITEM_LINE_SPAN; /* the 项 opens the paragraph */
	while (s < b && (f->cp[s] == ' ' || f->cp[s] == BL_CP_IDEO_SPACE))
		s++;
	size_t pm = find_mark(f, s, b, 2, &p0);
	if (!pm)
		return 0;
	for (size_t i = s; i < p0; i++)
		if (!bl_cp_is_han(f->cp[i]) && f->cp[i] != BL_CP_FW_LPAREN && f->cp[i] != BL_CP_FW_RPAREN)
			return -1; /* a 项 mark after other words: not the line's end */
	if (p0 == s || p0 - s > ITEM_NAME_MAX)
		return -1;
	names[2] = name_of(doc, s, p0, ar);
	*end = p0 + pm;
	return 3;
}

static const struct {
	const char *code, *name;
} classes[] = {
#define BL_CLASS(code, name) {code, name},
#include "read/classification.def"
};

/* Does a 类's label name class x ("一般公共服务" is 一般公共服务支出 too)? */
static int class_named(const char *label, const char *x)
{
	size_t n = strlen(x);
	return !strcmp(label, x) || (!strncmp(label, x, n) && !strcmp(label + n, "支出"));
}

/* The code of names[0..n) among (code, label) rows: a 类 (3 digits), a 款
 * under it (5), a 项 under that (7); NULL when a level is not there. */
static const char *code_among(const char *const *codes, const char *const *labels, size_t nrows,
			      char *const *names, int n)
{
	const char *at = NULL;
	for (int level = 0; level < n; level++) {
		size_t len = level == 0 ? 3 : level == 1 ? 5 : 7;
		const char *hit = NULL;
		for (size_t r = 0; r < nrows && !hit; r++) {
			char norm[192];
			if (strlen(codes[r]) != len || (at && strncmp(codes[r], at, strlen(at))))
				continue;
			bl_unit_norm(labels[r], 0, norm, sizeof norm);
			if (level ? !strcmp(norm, names[level]) : class_named(norm, names[0]))
				hit = codes[r];
		}
		if (!(at = hit))
			return NULL;
	}
	return at;
}

const char *bl_item_code(const bl_doc *doc, char *const *names, int n)
{
	/* the document's own tables first: its names are its own */
	for (size_t t = 0; t < doc->ntables; t++) {
		const bl_table *tb = &doc->tables[t];
		if (!tb->nrows)
			continue;
		const char **codes = bl_xmalloc(tb->nrows * sizeof *codes),
			   **labels = bl_xmalloc(tb->nrows * sizeof *labels);
		for (size_t r = 0; r < tb->nrows; r++)
			codes[r] = tb->rows[r].code, labels[r] = tb->rows[r].label;
		const char *hit = code_among(codes, labels, tb->nrows, names, n);
		free(codes);
		free(labels);
		if (hit)
			return hit;
	}
	static const char *codes[sizeof classes / sizeof classes[0]],
		*labels[sizeof classes / sizeof classes[0]];
	for (size_t r = 0; r < sizeof classes / sizeof classes[0]; r++)
		codes[r] = classes[r].code, labels[r] = classes[r].name;
	return code_among(codes, labels, sizeof classes / sizeof classes[0], names, n);
}

const char *bl_class_name(const char *code)
{
	for (size_t r = 0; r < sizeof classes / sizeof classes[0]; r++)
		if (!strcmp(classes[r].code, code))
			return classes[r].name;
	return NULL;
}
