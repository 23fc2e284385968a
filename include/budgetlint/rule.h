/* rule.h - the rule registry and the findings a check produces. Include via budgetlint.h. */
#ifndef BUDGETLINT_RULE_H
#define BUDGETLINT_RULE_H

typedef enum bl_severity { BL_SEV_INFO, BL_SEV_WARNING, BL_SEV_ERROR } bl_severity;

/* What happened when a rule met one instance it applies to. */
typedef enum bl_outcome {
	BL_OUT_PASS,
	BL_OUT_FAIL,
	BL_OUT_NOT_APPLICABLE,
	BL_OUT_INSUFFICIENT /* the rule applies but figures are missing */
} bl_outcome;

/* A rule as listed by `budgetlint rules` and docs/rules.md. */
typedef struct bl_rule_info {
	const char *id;       /* stable ASCII name, e.g. "sum.basic_project" */
	const char *family;   /* "arith", "wording", "completeness" */
	const char *title;    /* Chinese one-line name */
	const char *severity; /* severity policy in words */
	const char *doc;      /* what it checks and why, Chinese */
} bl_rule_info;

BL_API size_t bl_rule_count(void);
BL_API const bl_rule_info *bl_rule_at(size_t i);

/* The rule set's version: the tool version and a digest of every rule's
 * id, title, severity policy and text, e.g. "0.1.0+3f2a9c1d". Stored with
 * every document a ledger files and named in every export. */
BL_API const char *bl_ruleset(void);

#define BL_MAX_EVIDENCE 8

typedef struct bl_evidence {
	bl_pos pos;
	bl_str text; /* borrowed from the document */
} bl_evidence;

/* One problem found. Owned by the document. */
typedef struct bl_finding {
	const char *rule; /* rule id */
	bl_severity severity;
	const char *message;    /* Chinese, names the figures */
	const char *suggestion; /* how to fix, Chinese */
	bl_pos pos;             /* where the caret goes */
	int span;               /* code points to underline, >= 1 */
	int has_stated, has_expected;
	bl_dec stated, expected;
	int nevidence;
	bl_evidence evidence[BL_MAX_EVIDENCE];
} bl_finding;

/* Runs every rule on the document (once; later calls return at once).
 * Findings and per-rule outcome counts are then readable below. */
BL_API bl_status bl_doc_check(bl_doc *doc);

BL_API size_t bl_doc_nfindings(const bl_doc *doc);
BL_API const bl_finding *bl_doc_finding(const bl_doc *doc, size_t i);

/* How often rule i (registry order) ended with outcome o in this document. */
BL_API int bl_doc_outcomes(const bl_doc *doc, size_t rule, bl_outcome o);

BL_API const char *bl_severity_name(bl_severity s); /* "info", "warning", "error" */
BL_API const char *bl_outcome_name(bl_outcome o);

#endif
