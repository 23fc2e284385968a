/* tfacts.c - standard table cells named by fact key.
 *
 * 收支总表 本年支出合计 → total.expense; 支出表 class 208 → total.func.208;
 * 一般公共预算支出表 合计/基本支出 → general.basic; 三公表 决算数 columns →
 * sangong.*. The cross-table rules and render read the tables through this. */
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

static void add(bl_doc *doc, bl_tfacts *fs, const char *key, bl_basis b, const bl_table *t, const bl_trow *r, int c)
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

static int col_key(const bl_table *t, int part, const char *key)
{
	for (int c = 0; c < t->ncols; c++)
		if (t->cols[c].figures && t->cols[c].part == part && strcmp(t->cols[c].key, key) == 0)
			return c;
	return -1;
}

static const char *scoped(bl_doc *doc, const char *scope, const char *item)
{
	return bl_arena_printf(&doc->arena, "%s.%s", scope, item);
}

/* The summary tables: rows named by their labels. */
static void summary_facts(bl_doc *doc, bl_tfacts *fs, const bl_table *t, const char *scope)
{
	static const struct {
		const char *label, *item;
		int part;
	} rows[] = {
		{"本年收入合计", "income", 0},          {"本年支出合计", "expense", 1},
		{"总计", "grand_total", 0},             {"年初结转和结余", "carryover.begin", 0},
		{"年初财政拨款结转和结余", "carryover.begin", 0}, {"年末结转和结余", "carryover.end", 1},
		{"年末财政拨款结转和结余", "carryover.end", 1}, {"上级补助收入", "income.superior", 0},
		{"事业收入", "income.business", 0},     {"经营收入", "income.operating", 0},
		{"附属单位上缴收入", "income.affiliated", 0}, {"其他收入", "income.other", 0},
	};
	int income_done = 0;
	for (size_t i = 0; i < t->nrows; i++) {
		const bl_trow *r = &t->rows[i];
		const char *lab = strstr(r->label, "、") ? strstr(r->label, "、") + 3 : r->label;
		int c = bl_table_first_figures(t, r->part);
		if (r->role == BL_ROW_TOTAL && strstr(r->label, "合计"))
			income_done |= 1 << r->part;
		for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++)
			if (rows[k].part == r->part && strcmp(lab, rows[k].label) == 0 &&
			    (strcmp(scope, "total") == 0 || strncmp(rows[k].item, "income.", 7) != 0))
				add(doc, fs, scoped(doc, scope, rows[k].item), BL_B_NONE, t, r, c);
		if (r->part == 0 && !(income_done & 1)) {
			/* 一、一般公共预算财政拨款(收入) … before 本年收入合计 */
			if (strncmp(lab, "一般公共预算财政拨款", 30) == 0 || strncmp(lab, "一般公共预算拨款", 24) == 0)
				add(doc, fs, "general.income", BL_B_NONE, t, r, c);
			else if (strncmp(lab, "政府性基金预算财政拨款", 33) == 0 || strncmp(lab, "政府性基金预算拨款", 27) == 0)
				add(doc, fs, "fund.income", BL_B_NONE, t, r, c);
			else if (strncmp(lab, "国有资本经营预算财政拨款", 36) == 0 || strncmp(lab, "国有资本经营预算拨款", 30) == 0)
				add(doc, fs, "capital.income", BL_B_NONE, t, r, c);
		}
		if (r->part == 1 && !(income_done & 2)) {
			const char *fk = func_of_label(r->label);
			if (fk) {
				add(doc, fs, scoped(doc, scope, fk), BL_B_NONE, t, r, c);
				if (t->kind == BL_TABLE_APPROP)
					add(doc, fs, scoped(doc, "general", fk), BL_B_NONE, t, r, col_key(t, 1, "general"));
			}
		}
		if (t->kind == BL_TABLE_APPROP && r->part == 1 && r->role == BL_ROW_TOTAL && strstr(r->label, "本年支出合计")) {
			add(doc, fs, "general.expense", BL_B_NONE, t, r, col_key(t, 1, "general"));
			add(doc, fs, "fund.expense", BL_B_NONE, t, r, col_key(t, 1, "fund"));
			add(doc, fs, "capital.expense", BL_B_NONE, t, r, col_key(t, 1, "capital"));
		}
	}
}

/* Tables by classification code: the 合计 row and the class rows. */
static void coded_facts(bl_doc *doc, bl_tfacts *fs, const bl_table *t, const char *scope, int with_func)
{
	for (size_t i = 0; i < t->nrows; i++) {
		const bl_trow *r = &t->rows[i];
		int c = col_key(t, r->part, "total");
		if (r->role == BL_ROW_TOTAL && strcmp(r->label, "合计") == 0) {
			const char *item = t->kind == BL_TABLE_INCOME ? "income" : "expense";
			add(doc, fs, scoped(doc, scope, item), BL_B_NONE, t, r, c);
			if (t->kind != BL_TABLE_INCOME) {
				add(doc, fs, scoped(doc, scope, "basic"), BL_B_NONE, t, r, col_key(t, r->part, "basic"));
				add(doc, fs, scoped(doc, scope, "project"), BL_B_NONE, t, r, col_key(t, r->part, "project"));
			}
		} else if (with_func && r->role == BL_ROW_CLASS && r->code[0] == '2')
			add(doc, fs, bl_arena_printf(&doc->arena, "%s.func.%s", scope, r->code), BL_B_NONE, t, r, c);
	}
}

static void sangong_facts(bl_doc *doc, bl_tfacts *fs, const bl_table *t)
{
	if (!t->nrows)
		return;
	const bl_trow *r = &t->rows[0];
	for (int c = 0; c < t->ncols; c++) {
		const bl_tcol *col = &t->cols[c];
		if (!col->figures)
			continue;
		const char *k = NULL;
		if (strcmp(col->key, "total") == 0)
			k = strstr(col->group, "公务用车") ? "sangong.vehicle" : "sangong.total";
		else if (!strcmp(col->key, "abroad") || !strcmp(col->key, "reception") ||
			 !strcmp(col->key, "vehicle_purchase") || !strcmp(col->key, "vehicle_operation"))
			k = bl_arena_printf(&doc->arena, "sangong.%s", col->key);
		if (!k || strstr(col->group, "机关运行"))
			continue;
		bl_basis b = strcmp(col->basis, "budget") == 0 && doc->profile.kind == BL_KIND_FINAL ? BL_B_INITIAL_BUDGET
												      : BL_B_NONE;
		add(doc, fs, k, b, t, r, c);
	}
}

void bl_table_facts(bl_doc *doc, bl_tfacts *fs)
{
	for (size_t i = 0; i < doc->ntables; i++) {
		const bl_table *t = &doc->tables[i];
		switch (t->kind) {
		case BL_TABLE_SUMMARY:
			summary_facts(doc, fs, t, "total");
			break;
		case BL_TABLE_APPROP:
			summary_facts(doc, fs, t, "approp");
			break;
		case BL_TABLE_INCOME:
			coded_facts(doc, fs, t, "total", 0);
			break;
		case BL_TABLE_EXPENSE:
			coded_facts(doc, fs, t, "total", 1);
			break;
		case BL_TABLE_GENERAL:
			coded_facts(doc, fs, t, "general", 1);
			break;
		case BL_TABLE_BASIC:
			for (size_t k = 0; k < t->nrows; k++) {
				const bl_trow *r = &t->rows[k];
				int c = bl_table_first_figures(t, r->part);
				if (strstr(r->label, "人员经费合计"))
					add(doc, fs, "general.personnel", BL_B_NONE, t, r, c);
				else if (strstr(r->label, "公用经费合计"))
					add(doc, fs, "general.public", BL_B_NONE, t, r, c);
			}
			break;
		case BL_TABLE_SANGONG:
			sangong_facts(doc, fs, t);
			break;
		default:
			break;
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
