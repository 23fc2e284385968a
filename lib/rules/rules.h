/* rules.h - what rule families share: the rule table, findings, doubt and helpers over facts.
 *
 * Calls go one way: check.c (the driver, bl_doc_check) runs the family
 * runners (lib/rules/<family>.c, each named by its rows of rules.def),
 * then doubt.c's review; all of them report through findings.c, which
 * names rules from registry.c, the table built from rules.def. facts.c
 * holds the lookups over facts they share. */
#ifndef BL_RULES_H
#define BL_RULES_H

#include "table/table.h"

/* The rule ids, one per row of rules.def: code names a rule by symbol
 * (BL_R_SUM_BASIC_PROJECT), so a misspelt rule does not compile. The id is
 * the rule's place in the registry (bl_rule_at). */
typedef enum bl_rule_id {
#define BL_RULE(sym, id, fam, title, sev, round, doubt, flags, policy, doc, run) BL_R_##sym,
#include "rules/rules.def"
#undef BL_RULE
	BL_R_COUNT
} bl_rule_id;

/* The family runners, one prototype per row (a runner serves each rule of
 * its family; bl_rules_none, for rules checked elsewhere, does nothing). */
#define BL_RULE(sym, id, fam, title, sev, round, doubt, flags, policy, doc, run) void run(bl_doc *);
#include "rules/rules.def"
#undef BL_RULE

typedef struct bl_rule {
	bl_rule_info info;
	void (*run)(bl_doc *doc);
} bl_rule;

/* registry.c: the table. */
extern const bl_rule bl_registry[BL_R_COUNT];
/* The stable ASCII name of a rule ("sum.basic_project"). */
const char *bl_rule_name(bl_rule_id r);
/* Its severity policy (rules.def): the severity of a failure beyond
 * rounding; of a verdict of bl_round_verdict (2 wrong: sev; 1 rounding
 * only: round, which must then be a severity for the rule; BL_V_PRINTED:
 * doubt); of a failure resting on figures read with doubt (doubt, or sev
 * when doubt is none). */
bl_severity bl_rule_sev(bl_rule_id r);
bl_severity bl_rule_verdict_sev(bl_rule_id r, int verdict);
bl_severity bl_rule_doubt_sev(bl_rule_id r);

/* findings.c: what a rule reports, and how often each outcome happened. */
bl_finding *bl_finding_add(bl_doc *doc, bl_rule_id rule, bl_severity sev, bl_pos pos, int span);
/* Adds a finding located at fact f with evidence f. */
bl_finding *bl_finding_at_fact(bl_doc *doc, bl_rule_id rule, bl_severity sev, const bl_fact *f);
/* Adds evidence to f: text is copied into doc's arena, so the caller may pass
 * a slice of any buffer, a stack one included (a borrowed slice once outlived
 * the rule that made it). Past BL_MAX_EVIDENCE it is dropped. */
void bl_finding_evidence(bl_doc *doc, bl_finding *f, bl_pos pos, bl_str text);
void bl_outcome_count(bl_doc *doc, bl_rule_id rule, bl_outcome o);
/* Line n (1-based) as a finding's evidence: cut at 1 KiB on a character
 * boundary, so a document of one long line does not copy it per finding. */
bl_str bl_line_evidence(const bl_doc *doc, int line);
/* The first line of page p (1-based), or line 1: where a finding about a page goes. */
bl_pos bl_page_start(const bl_doc *doc, int p);

/* ingest.c: share of a PDF's pages whose text layer was unreadable, in
 * percent (0 for text). */
int bl_unreadable_pct(const bl_doc *doc);

/* doubt.c: figures read with doubt, and what the tables confirmed of them.
 * OCR: is pos on a page whose text was read from its image? */
int bl_pos_ocr(const bl_doc *doc, bl_pos pos);
int bl_doc_has_ocr(const bl_doc *doc);
/* Every doubt bit (BL_DOUBT_*) of the figure starting at pos: its page's
 * OCR, a table rebuilt from text, and the bits of the facts and cells there
 * (after bl_doubt_index). */
unsigned bl_doubt_at(const bl_doc *doc, bl_pos pos);
/* Indexes the doubted facts and cells (the driver, before the rules); the
 * review frees it. */
void bl_doubt_index(bl_doc *doc);
void bl_doubt_index_free(bl_doc *doc);
/* qsort/bsearch order of positions (bl_pos *): by line, then column. */
int bl_pos_cmp(const void *x, const void *y);
/* A doubt an equation of its table can lift (OCR, layout, cell). */
int bl_pos_unsure(const bl_doc *doc, bl_pos pos);
int bl_doc_has_unsure(const bl_doc *doc);
/* A table figure at pos took part in an equation of its table that holds. */
void bl_ocr_confirm(bl_doc *doc, bl_pos pos);
/* After every rule: an error resting on an unconfirmed figure read with
 * doubt becomes what its rule's doubt policy says (rules.def), and each OCR
 * page is reported (ingest.ocr). */
void bl_ocr_review(bl_doc *doc);

/* Chinese label of a fact key, e.g. "一般公共预算财政拨款基本支出". */
const char *bl_key_label(bl_doc *doc, const char *key);

/* The first fact with this key, measure, basis and period, or -1. */
int bl_fact_find(const bl_doc *doc, const char *key, bl_measure m, bl_basis b, int period);
/* The last fact before index `before` of the group (key, measure, basis,
 * period) whose first fact is `first`, or -1. */
int bl_fact_last_before(const bl_doc *doc, int first, int before);

/* A hash map from (string, a, b) to an int, for lookups by key: the
 * strings must outlive the map; NULL s is a key of its own. */
typedef struct bl_kslot bl_kslot;
typedef struct bl_kmap {
	bl_kslot *v;
	size_t n, cap;
} bl_kmap;
#define BL_KMAP_INIT                                                                                         \
	{                                                                                                    \
		NULL, 0, 0                                                                                   \
	}
/* The value of the key, or NULL when absent and add is 0; an added key's
 * value starts at -1. The pointer holds until the next add. */
int *bl_kmap_get(bl_kmap *m, const char *s, int64_t a, int64_t b, int add);
void bl_kmap_free(bl_kmap *m);
/* Basis and period as one map key part. */
int64_t bl_fact_tag(bl_basis b, int period);

/* Value of a fact in 万元 when it is money (元 is converted), else as is:
 * at the precision the rounding bounds use (eff_prec: 12万元 beside 12.35万元
 * figures is 12.00), or at the precision printed (12 is 11.5 to 12.5). */
bl_dec bl_fact_wan(const bl_fact *f);
bl_dec bl_fact_wan_printed(const bl_fact *f);

/* Verdicts of a comparison under rounding. */
enum {
	BL_V_EXACT,    /* equal */
	BL_V_ROUNDING, /* explained by rounding (|diff| <= slack) */
	BL_V_WRONG,    /* not explained */
	BL_V_PRINTED,  /* explained only if a figure printed with fewer decimals
			* than the document's (12万元) was rounded, not exact: a doubt */
};

/* Compares stated with computed under rounding: BL_V_EXACT, _ROUNDING or _WRONG. */
int bl_round_verdict(int64_t stated, int64_t computed, int64_t slack);
/* The same, with the slack of the figures as printed: BL_V_PRINTED where
 * only that explains the difference (strictly less than printed_slack). */
int bl_round_verdict_printed(int64_t stated, int64_t computed, int64_t slack, int64_t printed_slack);

/* wording.c, marks.c: a finding of rule at its severity (rules.def) on flow
 * characters [a, b), the clause around them as its evidence; a clause mark
 * (。，；：、！？ or a line end); the marks of the text (doubled punctuation,
 * gaps, artefacts, doubled words, brackets, ASCII punctuation). */
bl_finding *bl_wording_at(bl_doc *doc, bl_rule_id rule, size_t a, size_t b);
int bl_wording_punct(uint32_t c);
void bl_wording_marks(bl_doc *doc);
/* compare.c: change.compare_words (决算数大于/小于/等于预算数), run by the change family. */
void bl_compare_words(bl_doc *doc);

/* Formats a decimal into the document arena. */
const char *bl_fmt(bl_doc *doc, bl_dec d);

/* facts.c: the index of facts by key that bl_fact_find reads, built by the
 * driver for the rules' run and freed after it. */
void bl_factidx_build(bl_doc *doc);
void bl_factidx_free(bl_doc *doc);

#endif
