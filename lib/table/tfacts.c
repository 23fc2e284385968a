/* tfacts.c - standard table cells named by fact key.
 *
 * 收支总表 本年支出合计 → total.expense; 支出表 class 208 → total.func.208;
 * 一般公共预算支出表 合计/基本支出 → general.basic; 三公表 决算数 columns →
 * sangong.*. The cross-table rules and render read the tables through this;
 * which cell gives which key is tfacts.def. */
#include <string.h>

#include "table/table.h"

/* Names of the 支出功能分类 classes, from the one vocabulary. */
typedef struct func_name {
	const char *key; /* "func.208" */
	const char *phrases;
} func_name;

static const func_name func_names[] = {
#define BL_SCOPE(id, key, name, phrases)
#define BL_ITEM(id, key, name, phrases) {key, phrases},
#define BL_KEY(id, key, name, unit, phrases)
#include "read/facts.def"
#undef BL_SCOPE
#undef BL_ITEM
#undef BL_KEY
};

/* "八、社会保障和就业支出" → "func.208", or NULL. */
static const char *func_of_label(const char *label)
{
	const char *s = strstr(label, "、");
	s = s ? s + 3 : label;
	for (size_t i = 0; i < sizeof func_names / sizeof func_names[0]; i++) {
		if (strncmp(func_names[i].key, "func.", 5) != 0)
			continue;
		const char *p = func_names[i].phrases;
		while (*p) {
			const char *bar = strchr(p, '|');
			size_t n = bar ? (size_t)(bar - p) : strlen(p);
			if (strlen(s) == n && strncmp(s, p, n) == 0)
				return func_names[i].key;
			p += n + (bar ? 1 : 0);
		}
	}
	return NULL;
}

static void add(bl_doc *doc, bl_tfacts *fs, const char *key, bl_basis b, const bl_table *t, const bl_trow *r,
		int c)
{
	if (c < 0 || c >= t->ncols || r->cells[c].state == BL_CELL_TEXT)
		return;
	bl_tfact *f = BL_PUSH(fs->v, fs->n, fs->cap);
	f->key = key;
	f->basis = b;
	f->t = t;
	f->row = r;
	f->cell = &r->cells[c];
	(void)doc;
}

/* The first figure column of half part with key id, or -1. */
static int col_of(const bl_table *t, int part, bl_tcol_id id)
{
	const char *key = bl_tcol_key(id);
	for (int c = 0; c < t->ncols; c++)
		if (t->cols[c].figures && t->cols[c].part == part && strcmp(t->cols[c].key, key) == 0)
			return c;
	return -1;
}

static const char *scoped(bl_doc *doc, const char *scope, const char *item)
{
	return bl_arena_printf(&doc->arena, "%s.%s", scope, item);
}

static const struct {
	const char *label;
	int part;
	const char *item, *key;
} summary_rows[] = {
#define BL_TF_SUMMARY(label, part, item, key) {label, part, item, key},
#include "table/tfacts.def"
};

static const struct {
	const char *prefix, *key;
} income_rows[] = {
#define BL_TF_INCOME(prefix, key) {prefix, key},
#include "table/tfacts.def"
};

static const struct {
	const char *label;
	bl_tcol_id col;
	const char *key;
} approp_totals[] = {
#define BL_TF_APPROP_TOTAL(label, column, key) {label, BL_TCOL_##column, key},
#include "table/tfacts.def"
};

/* A row of the summary tables named by its label (numbering cut, lab). */
static void summary_row(bl_doc *doc, bl_tfacts *fs, const bl_table *t, const char *scope, const bl_trow *r,
			const char *lab, int c)
{
	for (size_t k = 0; k < sizeof summary_rows / sizeof summary_rows[0]; k++) {
		if (summary_rows[k].part != r->part || strcmp(lab, summary_rows[k].label) != 0)
			continue;
		if (summary_rows[k].item)
			add(doc, fs, scoped(doc, scope, summary_rows[k].item), BL_B_NONE, t, r, c);
		else if (strcmp(scope, BLK_S_TOTAL) == 0)
			add(doc, fs, summary_rows[k].key, BL_B_NONE, t, r, c);
	}
}

/* 一、一般公共预算财政拨款(收入) … before 本年收入合计: the first prefix that fits. */
static void income_row(bl_doc *doc, bl_tfacts *fs, const bl_table *t, const bl_trow *r, const char *lab,
		       int c)
{
	for (size_t k = 0; k < sizeof income_rows / sizeof income_rows[0]; k++)
		if (strncmp(lab, income_rows[k].prefix, strlen(income_rows[k].prefix)) == 0) {
			add(doc, fs, income_rows[k].key, BL_B_NONE, t, r, c);
			return;
		}
}

/* The summary tables: rows named by their labels. */
static void summary_facts(bl_doc *doc, bl_tfacts *fs, const bl_table *t, const char *scope)
{
	int income_done = 0;
	for (size_t i = 0; i < t->nrows; i++) {
		const bl_trow *r = &t->rows[i];
		const char *lab = strstr(r->label, "、") ? strstr(r->label, "、") + 3 : r->label;
		int c = bl_table_first_figures(t, r->part);
		if (r->role == BL_ROW_TOTAL && strstr(r->label, "合计"))
			income_done |= 1 << r->part;
		summary_row(doc, fs, t, scope, r, lab, c);
		if (r->part == 0 && !(income_done & 1))
			income_row(doc, fs, t, r, lab, c);
		if (r->part == 1 && !(income_done & 2)) {
			const char *fk = func_of_label(r->label);
			if (fk) {
				add(doc, fs, scoped(doc, scope, fk), BL_B_NONE, t, r, c);
				if (t->kind == BL_TABLE_APPROP)
					add(doc, fs, scoped(doc, BLK_S_GENERAL, fk), BL_B_NONE, t, r,
					    col_of(t, 1, BL_TCOL_GENERAL));
			}
		}
		for (size_t k = 0; k < sizeof approp_totals / sizeof approp_totals[0]; k++)
			if (t->kind == BL_TABLE_APPROP && r->part == 1 && r->role == BL_ROW_TOTAL &&
			    strstr(r->label, approp_totals[k].label))
				add(doc, fs, approp_totals[k].key, BL_B_NONE, t, r,
				    col_of(t, 1, approp_totals[k].col));
	}
}

/* Tables by classification code: the 合计 row and the class rows; with
 * func, the 款 and 项 rows too (a 一般公共预算 table's are the 财政拨款's),
 * keyed by their codes as the narrative's item lines are (lib/read/items.c). */
static void coded_facts(bl_doc *doc, bl_tfacts *fs, const bl_table *t, const char *scope, int with_func)
{
	for (size_t i = 0; i < t->nrows; i++) {
		const bl_trow *r = &t->rows[i];
		int c = col_of(t, r->part, BL_TCOL_TOTAL);
		if (r->role == BL_ROW_TOTAL && strcmp(r->label, "合计") == 0) {
			const char *item = t->kind == BL_TABLE_INCOME ? BLK_I_INCOME : BLK_I_EXPENSE;
			add(doc, fs, scoped(doc, scope, item), BL_B_NONE, t, r, c);
			/* the 收入表's 财政拨款 column: the 财政拨款收支总表's income */
			if (t->kind == BL_TABLE_INCOME)
				add(doc, fs, scoped(doc, BLK_S_APPROP, BLK_I_INCOME), BL_B_NONE, t, r,
				    col_of(t, r->part, BL_TCOL_APPROP));
			if (t->kind != BL_TABLE_INCOME) {
				add(doc, fs, scoped(doc, scope, BLK_I_BASIC), BL_B_NONE, t, r,
				    col_of(t, r->part, BL_TCOL_BASIC));
				add(doc, fs, scoped(doc, scope, BLK_I_PROJECT), BL_B_NONE, t, r,
				    col_of(t, r->part, BL_TCOL_PROJECT));
			}
		} else if (with_func && r->role == BL_ROW_CLASS && r->code[0] == '2' &&
			   strlen(r->code) == 3) {
			add(doc, fs, bl_arena_printf(&doc->arena, "%s.func.%s", scope, r->code), BL_B_NONE, t,
			    r, c);
		} else if (with_func && r->code[0] == '2' && (strlen(r->code) == 5 || strlen(r->code) == 7)) {
			add(doc, fs, bl_arena_printf(&doc->arena, "%s.func.%s", scope, r->code), BL_B_NONE, t,
			    r, c);
			if (!strcmp(scope, BLK_S_GENERAL)) /* a 一般公共预算 item is a 财政拨款 one too */
				add(doc, fs,
				    bl_arena_printf(&doc->arena, "%s.func.%s", BLK_S_APPROP, r->code),
				    BL_B_NONE, t, r, c);
		}
	}
}

static const struct {
	const char *phrase, *key;
} basic_rows[] = {
#define BL_TF_BASIC(phrase, key) {phrase, key},
#include "table/tfacts.def"
};

/* 一般公共预算财政拨款基本支出表: the 人员经费 and 公用经费 totals, and its
 * 合计, the 一般公共预算支出表's 基本支出. */
static void basic_facts(bl_doc *doc, bl_tfacts *fs, const bl_table *t)
{
	for (size_t i = 0; i < t->nrows; i++) {
		const bl_trow *r = &t->rows[i];
		int c = bl_table_first_figures(t, r->part);
		if (r->role == BL_ROW_TOTAL && !strcmp(r->label, "合计")) {
			add(doc, fs, BLK_GENERAL_BASIC, BL_B_NONE, t, r, c);
			continue;
		}
		for (size_t k = 0; k < sizeof basic_rows / sizeof basic_rows[0]; k++)
			if (strstr(r->label, basic_rows[k].phrase)) {
				add(doc, fs, basic_rows[k].key, BL_B_NONE, t, r, c);
				break;
			}
	}
}

static const struct {
	bl_tcol_id col;
	const char *group, *key;
} sangong_cols[] = {
#define BL_TF_SANGONG(column, group, key) {BL_TCOL_##column, group, key},
#include "table/tfacts.def"
};

static const char *const sangong_not[] = {
#define BL_TF_SANGONG_NOT(group) group,
#include "table/tfacts.def"
};

/* The fact key of a 三公 table column, or NULL. */
static const char *sangong_key(const bl_tcol *col)
{
	for (size_t i = 0; i < sizeof sangong_not / sizeof sangong_not[0]; i++)
		if (strstr(col->group, sangong_not[i]))
			return NULL;
	for (size_t i = 0; i < sizeof sangong_cols / sizeof sangong_cols[0]; i++)
		if (strcmp(col->key, bl_tcol_key(sangong_cols[i].col)) == 0 &&
		    (!*sangong_cols[i].group || strstr(col->group, sangong_cols[i].group)))
			return sangong_cols[i].key;
	return NULL;
}

static void sangong_facts(bl_doc *doc, bl_tfacts *fs, const bl_table *t)
{
	if (!t->nrows)
		return;
	const bl_trow *r = &t->rows[0];
	for (int c = 0; c < t->ncols; c++) {
		const bl_tcol *col = &t->cols[c];
		const char *k = col->figures ? sangong_key(col) : NULL;
		if (!k)
			continue;
		bl_basis b = strcmp(col->basis, BL_BASIS_BUDGET) == 0 && doc->profile.kind == BL_KIND_FINAL
				     ? BL_B_INITIAL_BUDGET
				     : BL_B_NONE;
		add(doc, fs, k, b, t, r, c);
	}
}

void bl_table_facts(bl_doc *doc, bl_tfacts *fs)
{
	for (size_t i = 0; i < doc->ntables; i++) {
		const bl_table *t = &doc->tables[i];
		switch (t->kind) {
		case BL_TABLE_SUMMARY: summary_facts(doc, fs, t, BLK_S_TOTAL); break;
		case BL_TABLE_APPROP: summary_facts(doc, fs, t, BLK_S_APPROP); break;
		case BL_TABLE_INCOME: coded_facts(doc, fs, t, BLK_S_TOTAL, 0); break;
		case BL_TABLE_EXPENSE: coded_facts(doc, fs, t, BLK_S_TOTAL, 1); break;
		case BL_TABLE_GENERAL: coded_facts(doc, fs, t, BLK_S_GENERAL, 1); break;
		case BL_TABLE_FUND: coded_facts(doc, fs, t, BLK_S_FUND, 1); break;
		case BL_TABLE_CAPITAL: coded_facts(doc, fs, t, BLK_S_CAPITAL, 1); break;
		case BL_TABLE_BASIC: basic_facts(doc, fs, t); break;
		case BL_TABLE_SANGONG: sangong_facts(doc, fs, t); break;
		default: break;
		}
	}
}

/* A table figure in 万元: exact, the precision moved for 元 tables. */
bl_dec bl_tfact_wan(const bl_table *t, const bl_cell *c)
{
	bl_dec d = c->state == BL_CELL_NUMBER ? c->value : (bl_dec){0, 2};
	return t->unit == 1 ? bl_dec_yuan_to_wan(d) : d;
}

int bl_table_first_figures(const bl_table *t, int part)
{
	for (int c = 0; c < t->ncols; c++)
		if (t->cols[c].figures && t->cols[c].part == part)
			return c;
	return -1;
}
