/* rmodel.h - what render's input, generator and writers share. */
#ifndef BL_RMODEL_H
#define BL_RMODEL_H

#include "read/fkeys.h"
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
	} * order;         /* in the order the source printed them */
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

/* --- the generator: clauses.c writes the template's phrases, budget.c,
 * final.c and common.c its parts, template.c the order of the parts --- */

/* One part of the template: a numbered heading and what is under it. */
typedef struct runit {
	const char *id;
	int level; /* 1 一、 2 （一） */
	const char *title;
	rblock *b;
	size_t nb, capb;
} runit;

typedef struct gen {
	const bl_rinput *in;
	bl_narrative *n;
	bl_kind kind;
	int Y;
	int ap, pp; /* decimals of amounts and percents */
	int reason_pct;
	int bare;     /* the next change clause starts without its comma */
	int reasoned; /* the last clause written was a reason: the next change starts with ； */
	char *used;   /* per input fact */
	runit *u;     /* the part being written */
	bl_buf p;     /* the paragraph being written */
} gen;

/* clauses.c: paragraphs and notes */
void rg_note(gen *g, bl_severity sev, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void rg_put(gen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void rg_block(gen *g, int level, const char *s, size_t n);
void rg_end_para(gen *g);
void rg_put_lines(gen *g, const char *text);
void rg_gap(gen *g, const char *what);
void rg_text_or_gap(gen *g, const char *id, const char *what);

/* clauses.c: figures (a fact read is marked used) */
const rfact *rg_get(gen *g, const char *key, bl_measure m, bl_basis b, int period);
int rg_val(gen *g, const char *key, bl_dec *v);
int rg_has(gen *g, const char *key);
const char *rg_amt(gen *g, bl_dec v, char *buf);
const char *rg_pct(gen *g, bl_dec v, char *buf);
size_t rg_func_keys(gen *g, const char *scope, const char **keys, size_t cap);
const char *rg_item_name(const char *key, char *buf, size_t cap);

/* clauses.c: the template's phrases */
void rg_change(gen *g, const char *key, bl_basis b);
int rg_knows_change(gen *g, const char *key, bl_basis b);
void rg_two_changes(gen *g, const char *name, const char *key, bl_basis first, bl_basis second);
void rg_use(gen *g, const char *key);
void rg_shares(gen *g, const char *whole, const char *const *keys, size_t n, bl_dec *out, int *ok);
void rg_figure(gen *g, const char *name, const char *key);
void rg_list_figures(gen *g, const char *const (*items)[2], size_t n, const char *sep);
void rg_year(gen *g);
int rg_year_figure(gen *g, const char *name, const char *key);
void rg_item(gen *g, const char *name, const char *key, int with_use);
void rg_shares_list(gen *g, const char *whole, const char *const (*items)[2], size_t n, const char *sep);
void rg_completion(gen *g, const char *key);

/* The parts' writers, named in template.c's table. common.c: both templates */
void part_duties(gen *g);
void part_organization(gen *g);
void part_composition(gen *g);
void part_scope_fund(gen *g, const char *scope, const char *name, const char *note_id);
void rg_personnel_public(gen *g);
void part_sangong(gen *g);
void part_admin_cost(gen *g);
void part_procurement(gen *g);
void part_performance(gen *g);
void part_assets(gen *g);
void part_glossary(gen *g);
/* budget.c */
void part_budget_overview(gen *g);
void part_budget_approp(gen *g);
/* final.c */
void part_final_totals(gen *g);
void part_final_approp(gen *g);
void part_final_general(gen *g);
void part_final_basic(gen *g);
void part_final_fund(gen *g);
void part_final_capital(gen *g);
void part_meeting(gen *g);

#endif
