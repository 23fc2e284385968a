/* table.c - arithmetic inside the typed tables, and the table set.
 *
 * Every check is an equation between printed cells: a parent row and its
 * children (类 = Σ款 = Σ项, 合计 = Σ类), a total column and its sibling
 * columns under the same header (合计 = 基本支出 + 项目支出), and the
 * balance of the two summary tables (本年收入合计 = Σ 一、二、…; 总计 =
 * 本年合计 + 结转结余 rows; 收入总计 = 支出总计). A blank cell is an exact
 * zero; each printed figure may be off by half a unit of its last place, so
 * a difference within the sum of those half units is rounding (info), and
 * only a larger one is an error. A cell that does not read as one amount is
 * a parse doubt: it is reported once and left out of every equation. */
#include <string.h>

#include "rules/rules.h"
#include "rules/templates.h"

#define MAXPARTS 64

static const char *short_title(const bl_table *t)
{
	return *t->title ? t->title : bl_table_kind_name(t->kind);
}

static const char *row_name(bl_doc *doc, const bl_trow *r)
{
	if (*r->code && *r->label)
		return bl_arena_printf(&doc->arena, "%s %s", r->code, r->label);
	return *r->code ? r->code : *r->label ? r->label : "（无名行）";
}

/* The column's own name: the last segment of its header path. */
static const char *col_name(const bl_tcol *c)
{
	const char *s = strrchr(c->name, '/');
	return s ? s + 1 : c->name;
}

static int cell_span(const bl_cell *c)
{
	int n = (int)bl_utf8_count(c->text, strlen(c->text));
	return n > 0 ? n : 1;
}

typedef struct term {
	const bl_cell *cell;
	const char *what; /* names the term in the evidence */
} term;

/* Checks total == sum of parts. Returns the outcome it counted. */
static bl_outcome check_sum(bl_doc *doc, bl_rule_id rule, const bl_table *t, const bl_cell *total,
			    const char *total_what, const term *parts, int n, const char *parts_what)
{
	if (total->state == BL_CELL_TEXT)
		return BL_OUT_INSUFFICIENT;
	bl_dec sum = {0, 0};
	int64_t slack = total->state == BL_CELL_NUMBER ? bl_dec_half_unit(total->value.prec) : 0;
	int any = total->state == BL_CELL_NUMBER;
	for (int i = 0; i < n; i++) {
		const bl_cell *c = parts[i].cell;
		if (c->state == BL_CELL_TEXT)
			return BL_OUT_INSUFFICIENT;
		if (c->state == BL_CELL_NUMBER) {
			sum = bl_dec_add(sum, c->value);
			slack += bl_dec_half_unit(c->value.prec);
			any = 1;
		}
	}
	if (!any)
		return BL_OUT_NOT_APPLICABLE; /* all blank: nothing stated */
	bl_dec stated = total->state == BL_CELL_NUMBER ? total->value : (bl_dec){0, sum.prec};
	int v = bl_round_verdict(stated.u, sum.u, slack);
	if (v != 2 && stated.u != 0 && bl_doc_has_unsure(doc)) {
		/* the equation holds, and not as 0 = 0 + 0: its figures read
		 * with doubt (OCR, a table rebuilt from text) are read right */
		bl_ocr_confirm(doc, total->pos);
		for (int i = 0; i < n; i++)
			if (parts[i].cell->state == BL_CELL_NUMBER)
				bl_ocr_confirm(doc, parts[i].cell->pos);
	}
	if (v == 0) {
		bl_outcome_count(doc, rule, BL_OUT_PASS);
		return BL_OUT_PASS;
	}
	bl_outcome_count(doc, rule, BL_OUT_FAIL);
	bl_finding *fd =
		bl_finding_add(doc, rule, bl_rule_verdict_sev(rule, v), total->pos, cell_span(total));
	fd->has_stated = fd->has_expected = 1;
	fd->stated = stated;
	fd->expected = sum;
	if (sum.prec < stated.prec)
		fd->expected.prec = stated.prec;
	fd->message =
		bl_arena_printf(&doc->arena, "《%s》%s为%s，%s之和为%s，相差%s%s", short_title(t), total_what,
				total->state == BL_CELL_NUMBER ? bl_fmt(doc, stated) : "空白", parts_what,
				bl_fmt(doc, fd->expected), bl_fmt(doc, bl_dec_sub(stated, sum)),
				v == 1 ? "，在各数四舍五入的误差之内（尾差）" : "");
	fd->suggestion = v == 1 ? "尾差可不作修改；如需消除，按未舍入数重新汇总。"
				: "核对表中合计与明细，使合计等于各明细之和。";
	bl_finding_evidence(doc, fd, total->pos, (bl_str){total->text, strlen(total->text)});
	for (int i = 0; i < n && fd->nevidence < BL_MAX_EVIDENCE; i++)
		if (parts[i].cell->state == BL_CELL_NUMBER)
			bl_finding_evidence(doc, fd, parts[i].cell->pos,
					    (bl_str){parts[i].what, strlen(parts[i].what)});
	return BL_OUT_FAIL;
}

static const char *cell_what(bl_doc *doc, const bl_trow *r, const bl_tcol *c, const bl_cell *cell)
{
	return bl_arena_printf(&doc->arena, "%s｜%s：%s", row_name(doc, r), col_name(c), cell->text);
}

/* --- table.codes: 类 = Σ款, 款 = Σ项, 合计 = Σ类 --- */

static int child_role(bl_row_role r)
{
	return r == BL_ROW_CLASS ? BL_ROW_KUAN : r == BL_ROW_KUAN ? BL_ROW_XIANG : -1;
}

/* A row as the child of the rows above it: a 款 of the 类 its code begins
 * with, a 项 of its 款, a 类 of the table's 合计 (code ""). Sorted by part,
 * role, parent code and row, the children of any row are one run, found by
 * binary search instead of a pass over the table for every parent. */
typedef struct kid {
	int part, role;
	const char *code; /* the parent's code: the row's code without its last two digits */
	size_t clen;
	size_t row;
} kid;

static int kid_cmp_key(const kid *a, int part, int role, const char *code, size_t clen)
{
	if (a->part != part)
		return a->part < part ? -1 : 1;
	if (a->role != role)
		return a->role < role ? -1 : 1;
	size_t n = a->clen < clen ? a->clen : clen;
	int c = memcmp(a->code, code, n);
	if (c)
		return c;
	return (a->clen > clen) - (a->clen < clen);
}

static int cmp_kid(const void *x, const void *y)
{
	const kid *a = x, *b = y;
	int c = kid_cmp_key(a, b->part, b->role, b->code, b->clen);
	return c ? c : (a->row > b->row) - (a->row < b->row);
}

static void codes_table(bl_doc *doc, const bl_table *t)
{
	term parts[MAXPARTS];
	kid *ks = bl_xmalloc((t->nrows ? t->nrows : 1) * sizeof *ks);
	size_t nks = 0;
	for (size_t j = 0; j < t->nrows; j++) {
		const bl_trow *k = &t->rows[j];
		/* roles follow code lengths: 类 3 digits, 款 5, 项 7 */
		if (k->role == BL_ROW_CLASS)
			ks[nks++] = (kid){k->part, k->role, "", 0, j};
		else if (k->role == BL_ROW_KUAN || k->role == BL_ROW_XIANG)
			ks[nks++] = (kid){k->part, k->role, k->code, strlen(k->code) - 2, j};
	}
	qsort(ks, nks, sizeof *ks, cmp_kid);
	for (size_t i = 0; i < t->nrows; i++) {
		const bl_trow *r = &t->rows[i];
		int want = child_role(r->role);
		int total = r->role == BL_ROW_TOTAL && strstr(r->label, "合计") && !strstr(r->label, "本年");
		if (want < 0 && !total)
			continue;
		size_t kids[MAXPARTS];
		int nk = 0;
		int role = total ? BL_ROW_CLASS : want;
		const char *code = total ? "" : r->code;
		size_t clen = strlen(code), lo = 0, hi = nks;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (kid_cmp_key(&ks[mid], r->part, role, code, clen) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < nks && nk < MAXPARTS && !kid_cmp_key(&ks[lo], r->part, role, code, clen); lo++)
			if (ks[lo].row != i)
				kids[nk++] = ks[lo].row;
		if (nk == 0)
			continue;
		for (int c = 0; c < t->ncols; c++) {
			const bl_tcol *col = &t->cols[c];
			if (!col->figures || col->part != r->part)
				continue;
			for (int k = 0; k < nk; k++) {
				const bl_trow *kr = &t->rows[kids[k]];
				parts[k].cell = &kr->cells[c];
				parts[k].what = cell_what(doc, kr, col, &kr->cells[c]);
			}
			const char *tw =
				bl_arena_printf(&doc->arena, "%s“%s”列", row_name(doc, r), col_name(col));
			check_sum(doc, BL_R_TABLE_CODES, t, &r->cells[c], tw, parts, nk,
				  total                     ? "各类"
				  : r->role == BL_ROW_CLASS ? "其下各款"
							    : "其下各项");
		}
	}
	free(ks);
}

/* --- table.columns: a total column = its sibling columns --- */

/* Is group g one header level below group parent ("" is the top)? */
static int direct_subgroup(const char *g, const char *parent)
{
	size_t gl = strlen(parent);
	if (!*g || strcmp(g, parent) == 0)
		return 0;
	if (gl) {
		if (strncmp(g, parent, gl) != 0 || g[gl] != '/')
			return 0;
		g += gl + 1;
	}
	return strchr(g, '/') == NULL;
}

/* The sibling terms of total column c: same part and basis, same group;
 * a direct sub-group counts through its own total column. Returns -1 when
 * the equation cannot be written (a sub-group without a total, or two
 * totals under one header). */
static int column_terms(const bl_table *t, int c, int *terms)
{
	const bl_tcol *tc = &t->cols[c];
	int n = 0;
	for (int k = 0; k < t->ncols; k++) {
		const bl_tcol *o = &t->cols[k];
		if (k == c || !o->figures || o->part != tc->part || strcmp(o->basis, tc->basis) != 0)
			continue;
		int total = strcmp(o->key, BLK_S_TOTAL) == 0;
		if (strcmp(o->group, tc->group) == 0) {
			if (total)
				return -1;
		} else if (direct_subgroup(o->group, tc->group)) {
			/* a sub-group must have its own total, which is the term */
			int has_total = 0;
			for (int j = 0; j < t->ncols; j++)
				has_total |= t->cols[j].figures && t->cols[j].part == tc->part &&
					     !strcmp(t->cols[j].basis, tc->basis) &&
					     !strcmp(t->cols[j].group, o->group) &&
					     !strcmp(t->cols[j].key, BLK_S_TOTAL);
			if (!has_total)
				return -1;
			if (!total)
				continue;
		} else
			continue;
		if (n < MAXPARTS)
			terms[n++] = k;
	}
	return n;
}

static void columns_table(bl_doc *doc, const bl_table *t)
{
	int terms[MAXPARTS];
	term parts[MAXPARTS];
	for (int c = 0; c < t->ncols; c++) {
		const bl_tcol *tc = &t->cols[c];
		if (!tc->figures || strcmp(tc->key, BLK_S_TOTAL) != 0)
			continue;
		int n = column_terms(t, c, terms);
		if (n <= 0)
			continue;
		for (size_t i = 0; i < t->nrows; i++) {
			const bl_trow *r = &t->rows[i];
			if (r->part != tc->part)
				continue;
			for (int k = 0; k < n; k++) {
				parts[k].cell = &r->cells[terms[k]];
				parts[k].what = cell_what(doc, r, &t->cols[terms[k]], &r->cells[terms[k]]);
			}
			const char *tw = bl_arena_printf(&doc->arena, "%s“%s”列", row_name(doc, r), tc->name);
			bl_buf names = BL_BUF_INIT(1024);
			for (int k = 0; k < n; k++)
				bl_buf_printf(&names, "%s%s", k ? "、" : "", col_name(&t->cols[terms[k]]));
			const char *pw = bl_arena_strndup(&doc->arena, names.p ? names.p : "", names.n);
			bl_buf_release(&names);
			check_sum(doc, BL_R_TABLE_COLUMNS, t, &r->cells[c], tw, parts, n, pw);
		}
	}
}

/* --- table.balance: the two summary tables --- */

static void balance_part(bl_doc *doc, const bl_table *t, int part, const bl_trow **grand)
{
	const bl_trow *rows[512];
	int n = 0;
	for (size_t i = 0; i < t->nrows && n < 512; i++)
		if (t->rows[i].part == part)
			rows[n++] = &t->rows[i];
	int t1 = -1, t2 = -1;
	for (int i = 0; i < n; i++) {
		if (rows[i]->role != BL_ROW_TOTAL)
			continue;
		if (strstr(rows[i]->label, "总计")) {
			if (t2 < 0)
				t2 = i;
		} else if (t1 < 0 && t2 < 0)
			t1 = i;
	}
	if (t2 >= 0)
		*grand = rows[t2];
	else if (n > 0 && rows[n - 1]->role == BL_ROW_TOTAL)
		*grand = rows[n - 1]; /* 收入合计 closing its side, with no 总计 below: the side's total */
	term parts[MAXPARTS];
	for (int c = 0; c < t->ncols; c++) {
		const bl_tcol *col = &t->cols[c];
		if (!col->figures || col->part != part)
			continue;
		/* 本年合计 (or 总计 when there is none) = the top-level items above it */
		int top = t1 >= 0 ? t1 : t2;
		int np = 0;
		for (int i = 0; i < top && np < MAXPARTS; i++)
			if (rows[i]->enumer == 1) {
				parts[np].cell = &rows[i]->cells[c];
				parts[np++].what = cell_what(doc, rows[i], col, &rows[i]->cells[c]);
			}
		if (top >= 0 && np > 0)
			check_sum(doc, BL_R_TABLE_BALANCE, t, &rows[top]->cells[c],
				  bl_arena_printf(&doc->arena, "“%s”", rows[top]->label), parts, np, "各项");
		/* 总计 = 本年合计 + the carry-over rows between them */
		if (t1 >= 0 && t2 > t1) {
			np = 0;
			parts[np].cell = &rows[t1]->cells[c];
			parts[np++].what = cell_what(doc, rows[t1], col, &rows[t1]->cells[c]);
			for (int i = t1 + 1; i < t2 && np < MAXPARTS; i++)
				if (rows[i]->enumer == 0 && rows[i]->role != BL_ROW_TOTAL) {
					parts[np].cell = &rows[i]->cells[c];
					parts[np++].what = cell_what(doc, rows[i], col, &rows[i]->cells[c]);
				}
			check_sum(doc, BL_R_TABLE_BALANCE, t, &rows[t2]->cells[c],
				  bl_arena_printf(&doc->arena, "“%s”", rows[t2]->label), parts, np,
				  bl_arena_printf(&doc->arena, "“%s”与结转结余各行", rows[t1]->label));
		}
		/* a row followed by deeper-numbered rows: the parent of those */
		for (int i = 0; i < n; i++) {
			int e = rows[i]->enumer;
			if (rows[i]->role == BL_ROW_TOTAL || (e == 0 && (t1 < 0 || i < t1)))
				continue;
			int deeper = e == 0 ? 1 : e + 1;
			np = 0;
			int j = i + 1;
			while (j < n && rows[j]->enumer >= deeper && rows[j]->role != BL_ROW_TOTAL) {
				if (rows[j]->enumer == deeper && np < MAXPARTS) {
					parts[np].cell = &rows[j]->cells[c];
					parts[np++].what = cell_what(doc, rows[j], col, &rows[j]->cells[c]);
				}
				j++;
			}
			if (np > 0)
				check_sum(doc, BL_R_TABLE_BALANCE, t, &rows[i]->cells[c],
					  bl_arena_printf(&doc->arena, "“%s”", rows[i]->label), parts, np,
					  "其下各项");
		}
	}
}

enum { MAXVIEWS = 8 }; /* side-by-side parts of one summary table */

/* The header's top level over the first column of part p ("支出" of
 * 支出/支出用途/金额), or "" when its name has no level above. */
static bl_str part_side(const bl_table *t, int p)
{
	for (int c = 0; c < t->ncols; c++)
		if (t->cols[c].part == p) {
			const char *slash = strchr(t->cols[c].name, '/');
			return slash ? (bl_str){t->cols[c].name, (size_t)(slash - t->cols[c].name)}
				     : (bl_str){"", 0};
		}
	return (bl_str){"", 0};
}

/* A part with no total of its own beside another view of the same side
 * (支出 by 功能分类 and by 支出用途, one 支出合计 printed across both): its
 * items add up to that total too. */
static void view_total(bl_doc *doc, const bl_table *t, int p, const bl_trow *total, int q)
{
	int cp = bl_table_first_figures(t, p), cq = bl_table_first_figures(t, q);
	if (cp < 0 || cq < 0)
		return;
	term parts[MAXPARTS];
	int np = 0;
	for (size_t i = 0; i < t->nrows && np < MAXPARTS; i++) {
		const bl_trow *r = &t->rows[i];
		if (r->part != p)
			continue;
		if (r->role == BL_ROW_TOTAL)
			return; /* its own total: checked as a part */
		if (r->enumer == 1) {
			parts[np].cell = &r->cells[cp];
			parts[np++].what = cell_what(doc, r, &t->cols[cp], &r->cells[cp]);
		}
	}
	bl_str side = part_side(t, p);
	const char *view = t->cols[cp].group && *t->cols[cp].group ? t->cols[cp].group : "";
	if (np > 0)
		check_sum(doc, BL_R_TABLE_BALANCE, t, &total->cells[cq],
			  bl_arena_printf(&doc->arena, "“%s”", total->label), parts, np,
			  bl_arena_printf(&doc->arena, "%.*s“%s”各项", (int)side.n, side.p, view));
}

static void balance_table(bl_doc *doc, const bl_table *t)
{
	const bl_trow *grand[MAXVIEWS] = {NULL};
	int nparts = 0;
	for (int c = 0; c < t->ncols; c++)
		if (t->cols[c].part + 1 > nparts)
			nparts = t->cols[c].part + 1;
	if (nparts > MAXVIEWS)
		nparts = MAXVIEWS;
	for (int p = 0; p < nparts; p++)
		balance_part(doc, t, p, &grand[p]);
	int c0 = bl_table_first_figures(t, 0), c1 = bl_table_first_figures(t, 1);
	if (grand[0] && grand[1] && c0 >= 0 && c1 >= 0) {
		term p = {&grand[1]->cells[c1], cell_what(doc, grand[1], &t->cols[c1], &grand[1]->cells[c1])};
		check_sum(doc, BL_R_TABLE_BALANCE, t, &grand[0]->cells[c0],
			  bl_arena_printf(&doc->arena, "收入方“%s”", grand[0]->label), &p, 1,
			  bl_arena_printf(&doc->arena, "支出方“%s”", grand[1]->label));
	}
	for (int p = 1; p < nparts; p++) {
		bl_str side = part_side(t, p);
		for (int q = p - 1; q >= 0 && !grand[p] && side.n; q--) {
			bl_str other = part_side(t, q);
			if (grand[q] && other.n == side.n && !memcmp(other.p, side.p, side.n)) {
				view_total(doc, t, p, grand[q], q);
				break;
			}
		}
	}
}

/* --- table.cell: a figure column cell that is not one amount --- */

static void cells_table(bl_doc *doc, const bl_table *t)
{
	for (size_t i = 0; i < t->nrows; i++)
		for (int c = 0; c < t->ncols; c++) {
			const bl_cell *cell = &t->rows[i].cells[c];
			if (!t->cols[c].figures)
				continue;
			if (cell->state != BL_CELL_TEXT) {
				bl_outcome_count(doc, BL_R_TABLE_CELL, BL_OUT_PASS);
				continue;
			}
			if (!*cell->text)
				continue; /* a blank beside a doubtful figure: reported with that figure
					   */
			bl_outcome_count(doc, BL_R_TABLE_CELL, BL_OUT_FAIL);
			bl_finding *fd = bl_finding_add(doc, BL_R_TABLE_CELL, bl_rule_sev(BL_R_TABLE_CELL),
							cell->pos, cell_span(cell));
			bl_dec d;
			int amount = bl_dec_parse(cell->text, strlen(cell->text), &d) == BL_OK;
			fd->message = bl_arena_printf(&doc->arena,
						      amount ? "《%s》%s“%s”列的“%"
							       "s”在文本版式中不能确定属于哪一列或哪一行，"
							       "该行未参与核对（表格解析存疑）"
							     : "《%s》%s“%s”列的内容“%"
							       "s”不是一个金额，未参与核对（表格解析存疑）",
						      short_title(t), row_name(doc, &t->rows[i]),
						      col_name(&t->cols[c]), cell->text);
			fd->suggestion = "请人工核对该单元格；如为一格多数，请分列填写。";
			bl_finding_evidence(doc, fd, cell->pos, (bl_str){cell->text, strlen(cell->text)});
		}
}

/* --- table.required and table.empty_note --- */

/* The kind bl_table_kind_name calls name ("summary", ...); BL_TABLE_OTHER
 * for "other" or a name it does not know. */
static bl_table_kind kind_named(const char *name)
{
	for (int k = 0; k < BL_TABLE_KINDS; k++)
		if (!strcmp(bl_table_kind_name((bl_table_kind)k), name))
			return (bl_table_kind)k;
	return BL_TABLE_OTHER;
}

/* Is the table the template requires among the document's: one of its
 * kind? Only the standard kinds are required: a table the model knows by
 * no kind of its own (政府采购支出预算表) is told by its title alone, which
 * documents word their own way (2018年政府采购预算表), and a title's words
 * recur in others' (支出决算表 in 一般公共预算财政拨款支出决算表). */
static int has_required(const bl_doc *doc, bl_table_kind kind)
{
	for (size_t k = 0; k < doc->ntables; k++)
		if (doc->tables[k].kind == kind)
			return 1;
	return 0;
}

/* table.required: the tables the document's template lists (budgets and
 * final accounts alike), on a PDF whose tables were read from their ruling
 * lines; a template assumed, not recognised, gives a warning at most. */
static void required_set(bl_doc *doc)
{
	int assumed = 0;
	const bl_template_info *tpl = bl_template_for(&doc->profile, &assumed);
	if (doc->source != BL_SRC_PDF || !tpl || !tpl->ntables || !(bl_doc_holds(doc) & BL_HOLDS_TABLES)) {
		bl_outcome_count(doc, BL_R_TABLE_REQUIRED, BL_OUT_NOT_APPLICABLE);
		return;
	}
	if (bl_unreadable_pct(doc) >= 50) {
		bl_outcome_count(doc, BL_R_TABLE_REQUIRED, BL_OUT_INSUFFICIENT);
		return;
	}
	bl_buf miss = BL_BUF_INIT(4096);
	for (size_t i = 0; i < tpl->ntables; i++) {
		bl_table_kind kind = kind_named(tpl->tables[i].kind);
		if (kind != BL_TABLE_OTHER && !has_required(doc, kind))
			bl_buf_printf(&miss, "《%s》", tpl->tables[i].title);
	}
	if (bl_doc_has_ocr(doc)) {
		/* scanned pages: a table OCR could not rebuild is not a missing table */
		bl_outcome_count(doc, BL_R_TABLE_REQUIRED, miss.n ? BL_OUT_INSUFFICIENT : BL_OUT_PASS);
		if (miss.n) {
			bl_finding *fd =
				bl_finding_add(doc, BL_R_TABLE_REQUIRED,
					       bl_rule_doubt_sev(BL_R_TABLE_REQUIRED), (bl_pos){1, 1, 1}, 1);
			fd->message = bl_arena_printf(
				&doc->arena, "文件含扫描页，未能从中识别出%.*s；请人工确认这些表是否公开",
				(int)miss.n, miss.p);
			fd->suggestion = "对照原件核对公开表是否齐全。";
		}
		bl_buf_release(&miss);
		return;
	}
	bl_buf_release(&miss);
	bl_severity sev = assumed && bl_rule_sev(BL_R_TABLE_REQUIRED) > BL_SEV_WARNING
				  ? BL_SEV_WARNING
				  : bl_rule_sev(BL_R_TABLE_REQUIRED);
	for (size_t i = 0; i < tpl->ntables; i++) {
		bl_table_kind kind = kind_named(tpl->tables[i].kind);
		if (kind == BL_TABLE_OTHER)
			continue;
		int found = has_required(doc, kind);
		bl_outcome_count(doc, BL_R_TABLE_REQUIRED, found ? BL_OUT_PASS : BL_OUT_FAIL);
		if (found)
			continue;
		bl_pos at = doc->ntables ? doc->tables[0].pos : (bl_pos){1, 1, 1};
		bl_finding *fd = bl_finding_add(doc, BL_R_TABLE_REQUIRED, sev, at, 1);
		fd->message =
			bl_arena_printf(&doc->arena, "部门%s公开表缺少《%s》（按%s%s应有此表；目录所列不算）",
					doc->profile.kind == BL_KIND_BUDGET ? "预算" : "决算",
					tpl->tables[i].title, assumed ? "推定适用的" : "", tpl->name);
		fd->suggestion = "补充该表；本单位无此类收支的，应公开空表并注明“本表无数据”。";
		bl_finding_evidence(doc, fd, at, bl_line_evidence(doc, at.line));
	}
}

/* Lines after an empty table a note in its template's own words may take
 * (本部门无此项 under the grid): the next few, as an empty table's note sits
 * right below it. */
#define NOTE_LINES 3

/* Does a line just below the table, or a row of it, say it is empty in the
 * words of the document's template (bl_template_info.empty_words)? The
 * table stage knows the wordings every template uses; a region's own are
 * read here. */
static int template_noted(const bl_doc *doc, const bl_table *t)
{
	int assumed = 0;
	const bl_template_info *tpl = bl_template_for(&doc->profile, &assumed);
	if (!tpl || !tpl->empty_words || !*tpl->empty_words)
		return 0;
	/* a note line the table took for a row of its own (no figures: the table has none) */
	for (size_t r = 0; r < t->nrows; r++)
		if (t->rows[r].label &&
		    bl_has_any(t->rows[r].label, strlen(t->rows[r].label), tpl->empty_words))
			return 1;
	int last = t->nrows ? t->rows[t->nrows - 1].pos.line : t->pos.line;
	for (int l = last + 1; l <= last + NOTE_LINES && l <= (int)doc->nlines; l++) {
		bl_str s = bl_doc_line(doc, l);
		if (s.p && bl_has_any(s.p, s.n, tpl->empty_words))
			return 1;
	}
	return 0;
}

static void empty_note(bl_doc *doc, const bl_table *t)
{
	int figures = 0;
	for (size_t i = 0; i < t->nrows; i++)
		for (int c = 0; c < t->ncols; c++)
			if (t->cols[c].figures && t->rows[i].cells[c].state != BL_CELL_BLANK &&
			    (t->rows[i].cells[c].state != BL_CELL_NUMBER || t->rows[i].cells[c].value.u != 0))
				figures = 1;
	if (figures)
		return;
	int noted = t->no_data || template_noted(doc, t);
	bl_outcome_count(doc, BL_R_TABLE_EMPTY_NOTE, noted ? BL_OUT_PASS : BL_OUT_FAIL);
	if (noted)
		return;
	bl_finding *fd =
		bl_finding_add(doc, BL_R_TABLE_EMPTY_NOTE, bl_rule_sev(BL_R_TABLE_EMPTY_NOTE), t->pos, 1);
	fd->message =
		bl_arena_printf(&doc->arena, "《%s》为空表，但未注明“本表无数据”及原因", short_title(t));
	fd->suggestion = "在表下注明“本单位无……收支，故本表无数据”。";
	bl_finding_evidence(doc, fd, t->pos, bl_line_evidence(doc, t->pos.line));
}

void bl_rules_table(bl_doc *doc)
{
	for (size_t i = 0; i < doc->ntables; i++) {
		const bl_table *t = &doc->tables[i];
		if (t->kind == BL_TABLE_OTHER)
			continue;
		cells_table(doc, t);
		codes_table(doc, t);
		columns_table(doc, t);
		if (t->kind == BL_TABLE_SUMMARY || t->kind == BL_TABLE_APPROP)
			balance_table(doc, t);
		empty_note(doc, t);
	}
	required_set(doc);
}
