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

/* One case of a rule's severity policy: what the rule gives in it. The
 * values at and above BL_POL_INFO are the bl_severity of the same name. */
typedef enum bl_policy {
	BL_POL_NA = -2,   /* the case cannot arise (a rule on wording compares no figures) */
	BL_POL_PASS = -1, /* no finding: the instance passes */
	BL_POL_INFO = BL_SEV_INFO,
	BL_POL_WARNING = BL_SEV_WARNING,
	BL_POL_ERROR = BL_SEV_ERROR
} bl_policy;

/* What a rule needs, and what its findings stop (bl_rule_info.flags). */
enum {
	/* it judges the figures: an error of it in a document stops `render`
	 * from writing a narrative from that document */
	BL_RF_GATES_RENDER = 1 << 0,
	/* it compares documents: the ledger runs it over what it holds, never
	 * bl_doc_check; its id starts "crossdoc." or "ledger.", by which the
	 * store tells its findings from a document's own */
	BL_RF_ACROSS_DOCS = 1 << 1,
	/* it reads the document's tables: on a document without tables it is
	 * not applicable, and is not run */
	BL_RF_NEEDS_TABLES = 1 << 2,
	/* it reads across a disclosure published as two files (bl_doc_pair):
	 * a narrative without tables runs it on its companion's tables */
	BL_RF_PAIR = 1 << 3,
	/* it compares figures of one table, printed in one unit: a unit the
	 * table does not print (BL_DOUBT_UNIT) does not matter to it */
	BL_RF_ONE_UNIT = 1 << 4
};

/* A rule as listed by `budgetlint rules` and docs/rules.md: one row of
 * lib/rules/rules.def. */
typedef struct bl_rule_info {
	const char *id;       /* stable ASCII name, e.g. "sum.basic_project" */
	const char *family;   /* "arith", "wording", "completeness" */
	const char *title;    /* Chinese one-line name */
	bl_severity sev;      /* a failure on figures read with certainty, beyond rounding */
	bl_policy round;      /* a difference the rounding of the printed figures explains */
	bl_policy doubt;      /* an error resting on a figure read with doubt (OCR, a table
			       * rebuilt from text) that no equation of its table confirmed */
	unsigned flags;       /* BL_RF_* */
	const char *severity; /* the severity policy in words, Chinese, with its special cases */
	const char *doc;      /* what it checks and why, Chinese */
} bl_rule_info;

BL_API size_t bl_rule_count(void);
BL_API const bl_rule_info *bl_rule_at(size_t i); /* NULL past the end */
/* The rule of a finding (bl_finding.rule), or NULL for a name not in the registry. */
BL_API const bl_rule_info *bl_rule_find(const char *id);

/* The rule set's version: the tool version and a digest of every rule's
 * id, title, severity policy (fields and words), flags and text, e.g.
 * "0.1.0+3f2a9c1d". Stored with every document a ledger files and named in
 * every export. */
BL_API const char *bl_ruleset(void);

#define BL_MAX_EVIDENCE 8

typedef struct bl_evidence {
	bl_pos pos;
	bl_str text;      /* borrowed from the document */
	const char *path; /* the companion's path when the evidence is in the other
			   * file of a paired disclosure (bl_doc_pair); NULL: this document */
} bl_evidence;

/* One problem found. Owned by the document. */
typedef struct bl_finding {
	const char *rule; /* rule id, the registry's string (bl_rule_info.id) */
	bl_severity severity;
	const char *message;    /* Chinese, names the figures */
	const char *suggestion; /* how to fix, Chinese */
	bl_pos pos;             /* where the caret goes */
	int span;               /* code points to underline, >= 1 */
	int has_stated, has_expected;
	bl_dec stated, expected;
	int nevidence;
	bl_evidence evidence[BL_MAX_EVIDENCE];
	size_t rule_index; /* the rule's place in the registry: bl_rule_at(rule_index)->id is rule */
	int root;          /* 1: the figure at pos is the one found wrong (its table says
			    * otherwise; the one statement a failing sum can be corrected
			    * at): the other errors computed with it are its knock-ons,
			    * lowered to info and listed in its message as checks affected */
} bl_finding;

/* Runs every rule on the document (once; later calls return at once).
 * Findings and per-rule outcome counts are then readable below. */
BL_API bl_status bl_doc_check(bl_doc *doc);

BL_API size_t bl_doc_nfindings(const bl_doc *doc);
BL_API const bl_finding *bl_doc_finding(const bl_doc *doc, size_t i);

/* How often rule i (registry order) ended with outcome o in this document. */
BL_API int bl_doc_outcomes(const bl_doc *doc, size_t rule, bl_outcome o);

BL_API const char *bl_severity_name(bl_severity s); /* "info", "warning", "error" */
BL_API const char *bl_policy_name(bl_policy p);     /* "n/a", "pass", or a severity's name */
BL_API const char *bl_outcome_name(bl_outcome o);

#endif
