/* rmodel.h - what render's input, generator and writers share. */
#ifndef BL_RMODEL_H
#define BL_RMODEL_H

#include "report/report.h"
#include "budgetlint/render.h"

/* One figure of the input. Money is held in 万元 (元 input converted
 * exactly), except reception.per_person, which the template states in 元. */
typedef struct rfact {
	char *key;
	bl_measure m;
	bl_basis b;
	int period;
	bl_dec v;
	int line, col; /* where the source printed it; 0 when unknown */
	int carried;   /* printed inside a text the input carries (a reason, a
			* section note): the text prints it, render never uses it */
} rfact;

/* Free text: id "duties" 职能职责, "organization" 机构设置, "composition"
 * 单位构成, "reason" (with key and basis) 主要原因, "note" (key = a
 * section id) a paragraph added to that section, "glossary" 名词解释. */
typedef struct rtext {
	char *id;
	char *key;
	bl_basis b;
	char *text;
	int line, col, end_line, end_col; /* its span in the source; 0 when unknown */
} rtext;

struct bl_rinput {
	char *name;
	char *unit;
	int year;
	bl_kind kind;
	bl_level level;
	rfact *f;
	size_t nf, capf;
	rtext *t;
	size_t nt, capt;
	struct rorder {
		char *id;  /* template section id of a heading the source printed */
		char *top; /* id of its 一、 heading ("" when unknown) */
		int level; /* 2 一、, 3 and deeper below it */
	} *order;  /* in the order the source printed them */
	size_t norder, caporder;
	int amount_prec; /* decimals of 万元 amounts: those of the source */
	int from_yuan;   /* the source's tables are in 元: amounts print to 2 decimals */
	int pct_prec;    /* decimals of percents */
	size_t ncleaned; /* control characters and invalid bytes replaced in its texts */
};

/* The first fact with this key, measure, basis and period, or NULL. */
const rfact *rin_find(const bl_rinput *in, const char *key, bl_measure m, bl_basis b, int period);
/* The text with this id (and key and basis when key is not NULL), or NULL. */
const char *rin_text(const bl_rinput *in, const char *id, const char *key, bl_basis b);


/* A narrative: headings and paragraphs; a paragraph's gaps are spans
 * marked with \x01 … \x02 around them (written as 【…】 with emphasis). */
typedef struct rblock {
	int level; /* 0 title, 1 一、, 2 （一）, 3 1．, 9 paragraph */
	char *text;
} rblock;

struct bl_narrative {
	rblock *b;
	size_t nb, capb;
	bl_render_note *notes;
	size_t nn, capn;
	bl_arena arena;
	int draft;
	char *title;
};

#define GAP_OPEN "\x01"
#define GAP_CLOSE "\x02"

#endif
