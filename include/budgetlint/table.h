/* table.h - the disclosure's tables as typed rows and columns. Include via budgetlint.h.
 *
 * Every table rule reads this one model, whatever the input format was. A
 * table is found by its title (which of the nine standard tables, for
 * budgets and for final accounts), its unit comes from the caption
 * (单位：万元 or 单位：元), its columns are named by their header path
 * ("本年支出/基本支出") and given a canonical key, its rows carry the
 * classification code and a role, and its cells are three-state. A table
 * printed across pages is one table; the repeated header is dropped. */
#ifndef BUDGETLINT_TABLE_H
#define BUDGETLINT_TABLE_H

typedef enum bl_table_kind {
	BL_TABLE_OTHER,   /* a titled table that is none of the nine */
	BL_TABLE_SUMMARY, /* 收入支出决算总表 / 财务收支预算总表 */
	BL_TABLE_INCOME,  /* 收入决算表 / 收入预算表 */
	BL_TABLE_EXPENSE, /* 支出决算表 / 支出预算表 */
	BL_TABLE_APPROP,  /* 财政拨款收入支出决算总表 / 财政拨款收支预算总表 */
	BL_TABLE_GENERAL, /* 一般公共预算财政拨款支出决算表 / 一般公共预算支出功能分类预算表 */
	BL_TABLE_BASIC, /* 一般公共预算财政拨款基本支出决算表 / …基本支出…经济分类预算表 */
	BL_TABLE_SANGONG, /* 财政拨款“三公”经费支出决算表 / “三公”经费…预算表 */
	BL_TABLE_FUND, /* 政府性基金预算财政拨款收入支出决算表 / …支出功能分类预算表 */
	BL_TABLE_CAPITAL, /* 国有资本经营预算财政拨款收入支出决算表 / …预算表 */
	BL_TABLE_KINDS
} bl_table_kind;

typedef enum bl_cell_state {
	BL_CELL_BLANK,  /* nothing printed, or a dash */
	BL_CELL_NUMBER, /* an amount; value holds it */
	BL_CELL_TEXT    /* something that is not one amount: a parse doubt in a figure column */
} bl_cell_state;

typedef enum bl_row_role {
	BL_ROW_ITEM,  /* a line of the table without a classification code */
	BL_ROW_TOTAL, /* 合计, 总计, 本年收入合计, 小计 */
	BL_ROW_CLASS, /* 类: a three-digit code */
	BL_ROW_KUAN,  /* 款: five digits */
	BL_ROW_XIANG  /* 项: seven digits */
} bl_row_role;

typedef struct bl_cell {
	bl_cell_state state;
	bl_dec value;     /* when state is BL_CELL_NUMBER */
	const char *text; /* as printed, wrapped lines joined; "" when blank */
	bl_pos pos;       /* first character; for a blank cell, the row's position */
	bl_box box;       /* on its page (PDF); all zero when unknown */
	unsigned doubt;   /* BL_DOUBT_* bits (fact.h); 0: read with certainty */
} bl_cell;

typedef struct bl_tcol {
	const char *name;  /* header path as printed, levels joined by '/' */
	const char *key;   /* canonical column: "total", "basic", "project", "approp", ...; "" */
	const char *basis; /* "budget" (预算数), "final" (决算数) or "" */
	const char *group; /* the header path above the column's own name, for sibling sums */
	int part;          /* side-by-side halves: 0 left, 1 right, ... */
	int figures;       /* holds amounts (else codes or labels) */
} bl_tcol;

typedef struct bl_trow {
	const char *code;  /* classification code, digits only ("2080501"); "" when none */
	const char *label; /* row label, spaces removed */
	bl_row_role role;
	int part;   /* which half of a side-by-side table the row belongs to */
	int enumer; /* label numbering: 1 一、 2 （一） 3 1. or 1、; 0 none */
	bl_pos pos;
	bl_cell *cells; /* one per table column; cells of the other parts are blank */
} bl_trow;

typedef struct bl_table {
	bl_table_kind kind;
	const char *title;
	bl_pos pos;  /* of the title, or of the first row when there is none */
	int unit;    /* 10000 for 万元, 1 for 元, 0 when no caption says */
	int no_data; /* the table states 本表无数据 (or 故本表为空) */
	int first_page, last_page;
	int ncols;
	const bl_tcol *cols;
	size_t nrows;
	const bl_trow *rows;
} bl_table;

/* The document's tables in reading order; the pointer is owned by the
 * document. NULL past the end. */
BL_API size_t bl_doc_ntables(const bl_doc *doc);
BL_API const bl_table *bl_doc_table(const bl_doc *doc, size_t i);

/* Stable ASCII names: "summary", "income", ...; "total", "class", ... */
BL_API const char *bl_table_kind_name(bl_table_kind k);
BL_API const char *bl_row_role_name(bl_row_role r);

#endif
