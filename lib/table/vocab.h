/* vocab.h - the cell vocabulary: what the text of a table cell, a header or a
 * title means (vocab.c, from columns.def, heads.def, cells.def, titles.def).
 * Private to lib/table; every grid builder and the table model read it, it
 * reads none of them. Strings are squeezed cell texts (bl_tbl_squeeze). */
#ifndef BL_VOCAB_H
#define BL_VOCAB_H

#include "table/table.h"

/* Copies s without spaces, folding full-width ASCII; in the arena. */
char *bl_tbl_squeeze(bl_arena *ar, const char *s, size_t n);

/* cells */
int bl_tbl_amount(const char *s, bl_dec *out); /* an amount, as a figure cell holds it */
int bl_tbl_dash(const char *s);                /* "-", "—", "/": printed for nothing */
int bl_tbl_code(const char *s);                /* digits only, 2..7 of them: a (piece of a) code */
int bl_tbl_total_word(const char *s);          /* 合计, 总计: a total row's whole label */
bl_row_role bl_tbl_role(const char *code, const char *label);
int bl_tbl_enumer(const char *s);    /* label numbering: 1 一、 2 （一） 3 1. 4 （1）; 0 none */
int bl_tbl_note(const char *s);      /* starts a note: 注：, 说明： */
int bl_tbl_note_word(const char *s); /* 注 alone (laid-out text) */

/* header */
int bl_tbl_header_word(const char *s);        /* 类, 款, 项, 项目, 科目编码, 科目名称 */
int bl_tbl_names_codes(const char *path);     /* a header path over codes (…编码, 类) */
int bl_tbl_names_labels(const char *path);    /* a header path over row labels (项目, …名称) */
int bl_tbl_text_head_word(const char *s);     /* laid-out text: a header word, or 类款项 */
int bl_tbl_label_head(const char *s);         /* laid-out text: heads a label column */
int bl_tbl_half_head(const char *s);          /* 收入 | 支出 over the halves of a summary table */
int bl_tbl_code_name(const char *s);          /* laid-out text: a label heading naming the code column */
int bl_tbl_label_name(const char *s);         /* laid-out text: a label heading naming the label column */
const char *bl_tbl_code_name_default(void);   /* the code column's name when no heading gives it (编码) */
int bl_tbl_column_word(const char *s);        /* names a figure column (合计, 决算数, …) */
const char *bl_tbl_column_key(const char *s); /* canonical key of a column name, "" when none */
const char *bl_tbl_basis_word(const char *s); /* BL_BASIS_BUDGET 预算数, BL_BASIS_FINAL 决算数, else NULL */

/* titles and captions */
const char *bl_tbl_title_tail(const char *t);   /* t after a note glued in front ("…。收入决算表") */
bl_table_kind bl_tbl_title_kind(const char *t); /* of t's tail; BL_TABLE_KINDS when no table title */
const char *bl_tbl_title_text(bl_arena *ar, const char *t); /* t's tail without its numbering (公开11表：) */
int bl_tbl_numbering(
	const char *s); /* s is a table's numbering alone (公开11表, 表一): it opens the next table */
const char *bl_tbl_caption_at(const char *s); /* where a caption (单位：万元) starts in s, or NULL */
int bl_tbl_caption(const char *s);            /* s starts a caption: 单位：, 金额单位 */
int bl_tbl_unit(const char *s);               /* 10000 for 单位：万元, 1 for 元, else 0 */
int bl_tbl_no_data(const char *s);            /* a note saying the table is empty by intent */
/* What a narrative sentence must name to say a table of kind k is empty by
 * intent (政府性基金), or NULL when only a note near the table can. */
const char *bl_tbl_empty_subject(bl_table_kind k);
/* Does s say that subject has nothing: 无…收支, 为空, 0万元? */
int bl_tbl_says_nothing(const char *s, const char *subject);
/* Does s give subject an amount other than zero (…年初预算为0.95万元)? */
int bl_tbl_says_some(const char *s, const char *subject);

#endif
