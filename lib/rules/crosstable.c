/* crosstable.c - the tables against each other and against the narrative.
 *
 * Each standard table cell that stands for a fact key is named by that key
 * (收支总表 本年支出合计 → total.expense; 支出表 class 208 → total.func.208;
 * 一般公共预算支出表 合计/基本支出 → general.basic; 三公表 决算数 columns
 * → sangong.*). Two tables naming the same key must print the same figure
 * (table.cross), and a narrative figure with that key must be the table's
 * figure as rounded in the text (table.narrative). A figure is matched to
 * its cell by key and code, never by "the value appears somewhere". */
#include <string.h>

#include "rules/rules.h"

static const char *cell_desc(bl_doc *doc, const bl_tfact *f)
{
	const bl_trow *r = f->row;
	const char *name = *r->label ? r->label : *r->code ? r->code : "";
	return bl_arena_printf(&doc->arena, "《%s》%s%s%s", f->t->title, *r->code && *r->label ? r->code : "",
			       *r->code && *r->label ? " " : "", name);
}

static bl_str cstr(const char *s)
{
	return (bl_str){s, strlen(s)};
}

/* Tables compared for one key, at most: a disclosure prints a key in two
 * or three of its nine to a dozen tables (two at most in the corpus);
 * without a bound, a file stringing together hundreds of them makes the
 * pairs, and the findings, quadratic in its tables. */
#define CROSS_TABLES 8

/* Each keyed cell against the first cell of that key in each earlier table
 * (one finding per pair of tables). */
static void cross(bl_doc *doc, const bl_tfacts *fs)
{
	bl_kmap groups = BL_KMAP_INIT, seen = BL_KMAP_INIT;
	size_t(*firsts)[CROSS_TABLES] = NULL; /* per group: the first cell of each table, in order */
	int *nfirsts = NULL;
	size_t ng = 0, gcap = 0;
	for (size_t i = 0; i < fs->n; i++) {
		const bl_tfact *a = &fs->v[i];
		int *g = bl_kmap_get(&groups, a->key, a->basis, 0, 1);
		if (*g < 0) {
			*g = (int)ng;
			bl_grow((void **)&firsts, &gcap, ng + 1, sizeof *firsts);
			nfirsts = bl_xrealloc(nfirsts, gcap * sizeof *nfirsts);
			nfirsts[ng++] = 0;
		}
		int gi = *g;
		for (int k = 0; k < nfirsts[gi]; k++) {
			const bl_tfact *b = &fs->v[firsts[gi][k]];
			if (b->t == a->t)
				continue;
			bl_dec x = bl_tfact_wan(a->t, a->cell), y = bl_tfact_wan(b->t, b->cell);
			int64_t slack = bl_dec_half_unit(x.prec) + bl_dec_half_unit(y.prec);
			int v = bl_round_verdict(x.u, y.u, slack);
			bl_outcome_count(doc, BL_R_TABLE_CROSS, v ? BL_OUT_FAIL : BL_OUT_PASS);
			if (!v)
				continue;
			bl_finding *fd = bl_finding_add(doc, BL_R_TABLE_CROSS,
							bl_rule_verdict_sev(BL_R_TABLE_CROSS, v),
							a->cell->pos.line ? a->cell->pos : a->row->pos, 1);
			fd->has_stated = fd->has_expected = 1;
			fd->stated = x;
			fd->expected = y;
			fd->message = bl_arena_printf(
				&doc->arena, "%s为%s万元，%s为%s万元，同一数字（%s）两表不一致%s",
				cell_desc(doc, a), bl_fmt(doc, x), cell_desc(doc, b), bl_fmt(doc, y),
				bl_key_label(doc, a->key), v == 1 ? "（仅差尾数）" : "");
			fd->suggestion = "核对两张表，使同一项目的数字一致。";
			bl_finding_evidence(doc, fd, a->cell->pos.line ? a->cell->pos : a->row->pos,
					    cstr(a->cell->text));
			bl_finding_evidence(doc, fd, b->cell->pos.line ? b->cell->pos : b->row->pos,
					    cstr(b->cell->text));
		}
		int *first = bl_kmap_get(&seen, a->key, a->basis, (int64_t)(intptr_t)a->t, 1);
		if (*first < 0) {
			*first = (int)i;
			if (nfirsts[gi] < CROSS_TABLES)
				firsts[gi][nfirsts[gi]++] = i;
		}
	}
	free(firsts);
	free(nfirsts);
	bl_kmap_free(&groups);
	bl_kmap_free(&seen);
}

/* Is said the table's figure shown cut off at said's decimals (78.2164 printed 78.21)? */
static int truncated(bl_dec said, bl_dec shown)
{
	int64_t unit = 2 * bl_dec_half_unit(said.prec);
	if (unit <= 0 || shown.u < 0)
		return 0;
	return shown.u - shown.u % unit == said.u;
}

/* Narrative money figures against the table cell of the same key; the
 * cells are those of tdoc, the document itself or its companion (a
 * disclosure in two files), whose path the evidence then names. */
static void narrative(bl_doc *doc, const bl_doc *tdoc, const bl_tfacts *fs)
{
	int year = doc->profile.year;
	bl_kmap first = BL_KMAP_INIT; /* (key, basis) -> its first cell */
	for (size_t k = 0; k < fs->n; k++) {
		int *v = bl_kmap_get(&first, fs->v[k].key, fs->v[k].basis, 0, 1);
		if (*v < 0)
			*v = (int)k;
	}
	for (size_t i = 0; i < doc->nfacts; i++) {
		const bl_fact *f = &doc->facts[i];
		if (f->measure != BL_M_VALUE || f->period != year || !f->unit ||
		    (strcmp(f->unit, "万元") != 0 && strcmp(f->unit, "元") != 0))
			continue;
		const int *k = bl_kmap_get(&first, f->key, f->basis, 0, 0);
		const bl_tfact *tf = k ? &fs->v[*k] : NULL;
		if (!tf)
			continue;
		bl_dec said = bl_fact_wan(f), shown = bl_tfact_wan(tf->t, tf->cell);
		int64_t slack = bl_dec_half_unit(said.prec) + bl_dec_half_unit(shown.prec);
		int v = bl_round_verdict(said.u, shown.u, slack);
		/* a narrative figure rounded from the table's is right: only beyond
		 * the text's own rounding is it a difference */
		if (v == 1 && said.prec < shown.prec)
			v = bl_round_verdict(said.u, shown.u, bl_dec_half_unit(said.prec)) == 2 ? 1 : 0;
		/* 12万元 where the table has 12.35: the text may have rounded to the 万元 */
		else if (v == BL_V_WRONG)
			v = bl_round_verdict_printed(said.u, shown.u, slack,
						     bl_dec_half_unit(bl_fact_wan_printed(f).prec) +
							     bl_dec_half_unit(shown.prec));
		/* 78.21 where the table has 782,164元: cut off, not rounded (a warning, as for percents) */
		int cut = v == BL_V_WRONG && truncated(said, shown);
		if (cut)
			v = BL_V_PRINTED;
		bl_outcome_count(doc, BL_R_TABLE_NARRATIVE,
				 v == BL_V_PRINTED ? BL_OUT_INSUFFICIENT
				 : v               ? BL_OUT_FAIL
						   : BL_OUT_PASS);
		if (!v)
			continue;
		bl_finding *fd = bl_finding_at_fact(doc, BL_R_TABLE_NARRATIVE,
						    bl_rule_verdict_sev(BL_R_TABLE_NARRATIVE, v), f);
		fd->has_stated = fd->has_expected = 1;
		fd->root = v == BL_V_WRONG;
		fd->stated = said;
		fd->expected = shown;
		fd->message = bl_arena_printf(
			&doc->arena, "正文%s为%s万元，%s“%s”列为%s万元%s", bl_key_label(doc, f->key),
			bl_fmt(doc, said), cell_desc(doc, tf), tf->t->cols[tf->cell - tf->row->cells].name,
			bl_fmt(doc, shown),
			v == BL_V_ROUNDING ? "（仅差尾数）"
			: cut              ? "，正文系将表中数字截尾（未四舍五入）所得"
			: v == BL_V_PRINTED
				? "，正文印为整数（或较少小数位），若系四舍五入所得则一致，请人工核对"
				: "，正文与表不一致");
		fd->suggestion = "以公开表为准改正正文数字，或更正表中数字。";
		bl_finding_evidence(doc, fd, tf->cell->pos.line ? tf->cell->pos : tf->row->pos,
				    cstr(tf->cell->text));
		if (tdoc != doc)
			fd->evidence[fd->nevidence - 1].path = tdoc->path;
	}
	bl_kmap_free(&first);
}

/* --- table.items: 人员经费主要包括：… against the 基本支出表's rows --- */

typedef struct item {
	char name[192];
	size_t at; /* flow index of its first character */
} item;

static size_t cp_len(const char *word)
{
	return bl_utf8_count(word, strlen(word));
}

/* Is the line break at j inside a sentence (a line the flow did not join):
 * the next line opens with neither a heading, a number nor a bracket? */
static int wraps(const bl_flow *f, size_t j)
{
	if (f->cp[j] != '\n')
		return 0;
	size_t k = j + 1;
	while (k < f->n && (f->cp[k] == ' ' || f->cp[k] == BL_CP_IDEO_SPACE))
		k++;
	return k < f->n && bl_cp_is_han(f->cp[k]) && !bl_cp_in(f->cp[k], "一二三四五六七八九十第");
}

/* The items listed after "包括" in the sentence that names group at i:
 * "人员经费2152.26万元，主要包括：基本工资、津贴补贴…；". */
static int list_items(const bl_flow *f, size_t i, item *out, int max)
{
	size_t j = i, end = i + 80 < f->n ? i + 80 : f->n;
	while (j < end && !bl_flow_match(f, j, f->n, "包括") && f->cp[j] != 0x3002 && f->cp[j] != 0xFF1B &&
	       f->cp[j] != ';' && f->cp[j] != '\n' && !bl_flow_match(f, j, f->n, "经费"))
		j++; /* within its own clause: not a heading's, not the next group's */
	if (j >= end || !bl_flow_match(f, j, f->n, "包括"))
		return 0;
	j += 2;
	if (j < f->n && (f->cp[j] == 0xFF1A || f->cp[j] == ':'))
		j++;
	int n = 0;
	while (j < f->n && n < max) {
		size_t s = j;
		while (j < f->n && f->cp[j] != 0x3001 && f->cp[j] != 0x3002 && f->cp[j] != 0xFF1B &&
		       f->cp[j] != ';' && f->cp[j] != 0xFF0C && f->cp[j] != ',' &&
		       (f->cp[j] != '\n' || wraps(f, j)) && j - s < 40)
			j++;
		item *it = &out[n];
		size_t k = 0;
		for (size_t q = s; q < j && k + 4 < sizeof it->name; q++)
			if (f->cp[q] != ' ' && f->cp[q] != '\n' && f->cp[q] != BL_CP_IDEO_SPACE)
				k += (size_t)bl_utf8_encode(f->cp[q], it->name + k);
		it->name[k] = 0;
		/* "…其他交通费用等" lists no item "等" */
		size_t m = strlen(it->name);
		if (m >= 3 && strcmp(it->name + m - 3, "等") == 0)
			it->name[m - 3] = 0;
		it->at = s;
		if (*it->name && j - s < 40)
			n++;
		if (j >= f->n || f->cp[j] != 0x3001)
			break; /* the list ends where 、 does */
		j++;
		if (j < f->n && wraps(f, j)) /* 、 at a line's end: the list goes on below */
			j++;
	}
	return n;
}

/* Does the row's label name the listed item? */
static int names_item(const char *label, const char *name)
{
	size_t a = strlen(label), b = strlen(name);
	if (strcmp(label, name) == 0)
		return 1;
	/* one cut short of the other, by a word at most ("…缴费" / "…缴费支出") */
	return a >= 12 && b >= 12 && (strncmp(label, name, b < a ? b : a) == 0) &&
	       (a > b ? a - b : b - a) <= 6;
}

/* The row's figure in its half's first figure column: 1 a non-zero
 * amount, 0 zero or blank, -1 unknown. */
static int row_amount(const bl_table *t, const bl_trow *r, bl_dec *v)
{
	int c = bl_table_first_figures(t, r->part);
	if (c < 0 || r->cells[c].state == BL_CELL_TEXT)
		return -1;
	if (r->cells[c].state == BL_CELL_BLANK)
		return 0;
	*v = r->cells[c].value;
	return v->u != 0;
}

static void items(bl_doc *doc)
{
	static const struct {
		const char *word;
		const char *codes[3];
	} groups[] = {{"人员经费", {"301", "303", NULL}}, {"公用经费", {"302", "310", NULL}}};
	const bl_table *t = NULL;
	for (size_t i = 0; i < doc->ntables && !t; i++)
		if (doc->tables[i].kind == BL_TABLE_BASIC && doc->tables[i].nrows > 0)
			t = &doc->tables[i];
	const bl_flow *f = &doc->flow;
	int any = 0;
	for (size_t g = 0; t && g < sizeof groups / sizeof groups[0]; g++) {
		item list[64];
		int n = 0;
		for (size_t i = 0; i < f->n && !n; i++)
			if (bl_flow_match(f, i, f->n, groups[g].word))
				n = list_items(f, i + cp_len(groups[g].word), list, 64);
		if (!n)
			continue;
		char *listed = bl_xcalloc(t->nrows ? t->nrows : 1, 1);
		for (int k = 0; k < n; k++) {
			const bl_trow *hit = NULL;
			for (size_t r = 0; r < t->nrows && !hit; r++) {
				const bl_trow *row = &t->rows[r];
				int in = 0;
				for (int q = 0; groups[g].codes[q]; q++)
					in |= strlen(row->code) == 5 &&
					      strncmp(row->code, groups[g].codes[q], 3) == 0;
				if (in && names_item(row->label, list[k].name)) {
					hit = row;
					listed[r] = 1;
				}
			}
			bl_dec v;
			int amt = hit ? row_amount(t, hit, &v) : -1;
			if (amt < 0)
				continue; /* no such row, or its figure is in doubt: nothing to say */
			any = 1;
			bl_outcome_count(doc, BL_R_TABLE_ITEMS, amt ? BL_OUT_PASS : BL_OUT_FAIL);
			if (amt)
				continue;
			bl_pos pos = bl_doc_pos_of(doc, f->src[list[k].at]);
			bl_finding *fd = bl_finding_add(doc, BL_R_TABLE_ITEMS, bl_rule_sev(BL_R_TABLE_ITEMS),
							pos, (int)cp_len(list[k].name));
			fd->message = bl_arena_printf(
				&doc->arena, "正文称%s主要包括“%s”，但《%s》%s %s 为零或空白", groups[g].word,
				list[k].name, t->title ? t->title : "基本支出表", hit->code, hit->label);
			fd->suggestion = "正文只列有支出的经济分类科目；如确有支出，请更正表中数字。";
			bl_finding_evidence(doc, fd, hit->pos, (bl_str){hit->label, strlen(hit->label)});
		}
		/* rows with money the list leaves out (主要包括 need not be complete) */
		for (size_t r = 0; r < t->nrows; r++) {
			const bl_trow *row = &t->rows[r];
			int in = 0;
			for (int q = 0; groups[g].codes[q]; q++)
				in |= strlen(row->code) == 5 &&
				      strncmp(row->code, groups[g].codes[q], 3) == 0;
			bl_dec v;
			if (!in || listed[r] || row_amount(t, row, &v) != 1)
				continue;
			any = 1;
			bl_outcome_count(doc, BL_R_TABLE_ITEMS, BL_OUT_FAIL);
			bl_finding *fd = bl_finding_add(doc, BL_R_TABLE_ITEMS, BL_SEV_INFO, row->pos, 1);
			fd->message = bl_arena_printf(&doc->arena, "《%s》%s %s 为%s，正文“%s主要包括”未列出",
						      t->title ? t->title : "基本支出表", row->code,
						      row->label, bl_fmt(doc, v), groups[g].word);
			fd->suggestion = "如为主要构成，请在正文列出。";
			bl_finding_evidence(doc, fd, bl_doc_pos_of(doc, f->src[list[0].at]),
					    (bl_str){list[0].name, strlen(list[0].name)});
		}
		free(listed);
	}
	if (!any)
		bl_outcome_count(doc, BL_R_TABLE_ITEMS, BL_OUT_NOT_APPLICABLE);
}

void bl_rules_crosstable(bl_doc *doc)
{
	bl_tfacts fs = {NULL, 0, 0};
	if (doc->companion && !(bl_doc_holds(doc) & BL_HOLDS_TABLES)) {
		/* a narrative of a pair (its own tables, if any, hold no figures):
		 * its figures against the companion's tables */
		bl_table_facts(doc->companion, &fs);
		if (fs.n)
			narrative(doc, doc->companion, &fs);
		else
			bl_outcome_count(doc, BL_R_TABLE_NARRATIVE, BL_OUT_NOT_APPLICABLE);
		free(fs.v);
		return;
	}
	items(doc);
	bl_table_facts(doc, &fs);
	if (fs.n == 0) {
		bl_outcome_count(doc, BL_R_TABLE_CROSS, BL_OUT_NOT_APPLICABLE);
		bl_outcome_count(doc, BL_R_TABLE_NARRATIVE, BL_OUT_NOT_APPLICABLE);
	} else {
		cross(doc, &fs);
		narrative(doc, doc, &fs);
	}
	free(fs.v);
}
