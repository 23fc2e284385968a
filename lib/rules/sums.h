/* sums.h - the sum equations as data: what adds up to what, in which scopes (rows in sums.def).
 *
 * One table, read by the arithmetic rules (arith.c: total = sum of parts,
 * and the same for their changes), by the cross-document rules
 * (store/crossdoc.c: a reason given for a 三公 item explains the change of
 * the 三公 total) and by whatever else asks which figures make up a total.
 *
 * Templates. bl_sums_for() is the one place that picks the equations of a
 * document: the set of the template the document's identification selects
 * (lib/rules/templates/, templates.h). A template's file edits the default
 * set (sums.def) with rows of its own, which templates.c applies as
 *   bl_sumset_dup(bl_sums_default(), "<template>"), then on each row
 *   bl_sumset_edit() and bl_sum_add_part() / bl_sum_drop_part() /
 *   closed = BL_SUM_CLOSED. A third spending component besides 基本支出 and
 *   项目支出 is
 *       bl_sum_add_part(bl_sumset_edit(s, BL_R_SUM_BASIC_PROJECT, BLK_I_EXPENSE), BLK_I_RESERVE);
 *   which then holds in every scope of that row (total.expense =
 *   total.basic + total.project + total.reserve, general.expense = ...).
 * tests/unit/test_sums.c does it with a third and a fourth component.
 *
 * When is an equation an error. Only when the document's list of parts is
 * closed: the applicable template declares the row closed (and the
 * template was recognised, not assumed: bl_sumset.assumed), the words of
 * the total define its parts (BL_SUM_DEFINED, whatever the template), or the values
 * of the same parts add up to their total (a 其中 list that adds up closes
 * the list, so its changes are judged too). A known part the row leaves out
 * (BL_SUM_KNOWN in sums.def) stated or named in the document makes the
 * row's equations insufficient. An open list whose stated values exceed
 * their total is an error whatever else the list holds. */
#ifndef BL_SUMS_H
#define BL_SUMS_H

#include "rules/rules.h"

/* Most parts a row lists (a dynamic list, func.<code>, may have more). */
#define BL_SUM_MAXPARTS 16

/* The scopes a scoped row holds in, one bit each, in facts.def's order. */
enum {
	BL_SUMS_TOTAL = 1 << 0,
	BL_SUMS_GENERAL = 1 << 1,
	BL_SUMS_FUND = 1 << 2,
	BL_SUMS_CAPITAL = 1 << 3,
	BL_SUMS_APPROP = 1 << 4,
	BL_SUMS_ALL = (1 << 5) - 1,
};
#define BL_SUMS_NSCOPES 5

/* The list of parts: closed, the template says these are all the parts:
 * every part must be stated for the equation to be checked, and a sum short
 * of the total is an error; or open, a list may leave parts out, so falling
 * short is not an error unless the values of the same parts add up to
 * their total (then their changes must too). */
enum {
	BL_SUM_OPEN = 0,
	BL_SUM_CLOSED = 1, /* closed by the applicable template, when it is recognised */
	BL_SUM_DEFINED = 2 /* closed by what the words mean, in every template: the
			    * 三公 are four items, 政府采购 is 货物 + 工程 + 服务, 基本支出 is
			    * 人员经费 + 公用经费; an assumed template closes these too */
};

/* One equation: total = parts[0] + parts[1] + ... */
typedef struct bl_sum {
	bl_rule_id rule; /* the rule it is checked under (its changes: sum.changes) */
	unsigned scopes; /* BL_SUMS_* bits: total and parts are items, and the
			   * equation holds in each of these scopes (general.expense =
			   * general.basic + general.project); 0: they are whole keys
			   * (sangong.total), the equation holds once */
	int closed;      /* BL_SUM_OPEN, _CLOSED or _DEFINED */
	const char *total;
	const char *parts[BL_SUM_MAXPARTS + 1];      /* NULL-terminated, in the order a
						 * finding's formula lists them */
	const char *prefix;                          /* not NULL: a dynamic open list, parts unused: every
			     * stated key <scope>.<prefix>..., the first statement
			     * of each in text order (func. for the function classes) */
	const char *stand_in;                        /* not NULL: a figure that, when stated, takes the
			       * place of the parts in stands_for, at the first of
			       * them (财政拨款收入 for the three appropriations;
			       * 公务用车购置及运行维护费 for 购置费 + 运行维护费) */
	const char *stands_for[BL_SUM_MAXPARTS + 1]; /* NULL-terminated, each one of parts */
	int part_reasons;                            /* a reason given for a part explains a change of the
			   * total (crossdoc.yoy_reason: the 三公 total by its items) */
} bl_sum;

/* A set of equations, the rows in the order they are checked. */
typedef struct bl_sumset {
	const char *id; /* "default", or the template's */
	bl_sum *v;
	size_t n;
	int assumed; /* 1: the template was not recognised but assumed (the
		      * national one for a document of unknown region): its
		      * closed rows count as open */
} bl_sumset;

/* Every part some template gives a total (sums.def's BL_SUM_KNOWN). */
typedef struct bl_sum_known {
	bl_rule_id rule;
	const char *total;
	const char *parts[BL_SUM_MAXPARTS + 1]; /* NULL-terminated */
	const char *named[BL_SUM_MAXPARTS + 1]; /* those a mention without a figure shows */
	int joins; /* disjoint components: one stated joins the row's list (sums.def) */
} bl_sum_known;

/* The default equations (sums.def); static, never freed. */
const bl_sumset *bl_sums_default(void);
/* The equations for a document of this profile (NULL: not known): the set
 * of the template bl_template_for() picks (assumed when it fell back to the
 * national one). Static, never freed. */
const bl_sumset *bl_sums_for(const bl_profile *p);
/* The known parts of the totals of rows checked under rule with this total
 * (an item for a scoped row, else a key), or NULL. Static. */
const bl_sum_known *bl_sum_known_for(bl_rule_id rule, const char *total);
/* 1 when part is one of e's parts or its stand-in. */
int bl_sum_has_part(const bl_sum *e, const char *part);

/* The name of scope i (0 .. BL_SUMS_NSCOPES-1): "total", "general", ... */
const char *bl_sums_scope(int i);
/* The number of parts row e lists (0 for a dynamic list). */
int bl_sum_nparts(const bl_sum *e);

/* A copy of base for a template to edit, with this id (which must outlive
 * it); the caller frees it with bl_sumset_free, which accepts NULL. */
bl_sumset *bl_sumset_dup(const bl_sumset *base, const char *id);
void bl_sumset_free(bl_sumset *s);
/* The row of s checked under rule with this total, or NULL. */
bl_sum *bl_sumset_edit(bl_sumset *s, bl_rule_id rule, const char *total);
/* Appends part (an item for a scoped row, else a key; it must outlive the
 * row) to e's parts. Returns 0, or -1 when e is NULL, dynamic or full. */
int bl_sum_add_part(bl_sum *e, const char *part);
/* Removes part from e's parts and from what its stand-in stands for.
 * Returns 0, or -1 when e is NULL or has no such part. */
int bl_sum_drop_part(bl_sum *e, const char *part);

/* 1 when a reason stated for key explains a change of whole: the same key,
 * or a part (or the stand-in) of a row of s marked part_reasons whose total
 * is whole; scoped rows compare scope by scope. */
int bl_sums_explains(const bl_sumset *s, const char *key, const char *whole);

/* Runs the sum rules of set over doc (arith.c): total = sum of parts, and
 * the same for the changes. doc->outcomes must be allocated (bl_doc_check
 * does before the rules run). */
void bl_sums_check(bl_doc *doc, const bl_sumset *set);

#endif
