/* fact.h - figures turned into facts: key, measure, basis, period, exact value, evidence. */
#ifndef BUDGETLINT_FACT_H
#define BUDGETLINT_FACT_H

typedef enum bl_measure {
	BL_M_VALUE,         /* the amount itself */
	BL_M_CHANGE,        /* signed difference: 增加 > 0, 减少 < 0 */
	BL_M_CHANGE_PCT,    /* signed percent change */
	BL_M_SHARE_PCT,     /* percent of a whole */
	BL_M_COMPLETION_PCT /* 完成年初预算的X%: actual / budget */
} bl_measure;

/* On a change: what it is measured against. On a value: which figure it
 * is, when it is not the document's own kind (a budget's 预算数, a final
 * account's 决算数) of its period; so a budget's 上年预算数 is a value of
 * basis NONE and period Y - 1, its 上年执行数 one of basis PREV_EXEC. */
typedef enum bl_basis {
	BL_B_NONE,
	BL_B_PREV_YEAR, /* 比上年, 较2023年, 与上年相比: last year's figure, its kind unstated */
	BL_B_INITIAL_BUDGET,  /* 较年初预算数; on a value: the budgeted figure */
	BL_B_PREV_BUDGET,     /* 比上年预算数 */
	BL_B_PREV_EXEC,       /* 比上年执行数, 比2022年预算执行数 */
	BL_B_PREV_FINAL,      /* 比上年决算数 */
	BL_B_ADJUSTED_BUDGET, /* 较调整预算数 */
	BL_B_ANNUAL_BUDGET    /* 较全年预算数, 完成全年预算数的 */
} bl_basis;

/* Why a figure may be misread: bits of bl_fact.doubt and bl_cell.doubt.
 * 0 is a figure read with certainty. After every rule has run, the check
 * driver turns an error resting on a doubted figure into its rule's doubt
 * severity and says what to verify (lib/rules/doubt.c); no rule decides it. */
enum {
	BL_DOUBT_OCR = 1 << 0,    /* read by OCR from a scanned page */
	BL_DOUBT_LAYOUT = 1 << 1, /* a table cell rebuilt from laid-out text */
	BL_DOUBT_CELL = 1 << 2,   /* its row or column told by position alone: a merged
				   * or unaligned cell */
	BL_DOUBT_ROLE = 1 << 3,   /* its measure, basis or period is not certain (an
				   * amount or a change, this year or last year) */
	BL_DOUBT_UNIT = 1 << 4,   /* its unit was not printed and was assumed */
	BL_DOUBT_ALL = (1 << 5) - 1
};

/* The name of one doubt bit ("ocr", "layout", "cell", "role", "unit"), NULL
 * for anything else. */
BL_API const char *bl_doubt_name(unsigned bit);

typedef struct bl_fact {
	const char *key; /* e.g. "general.basic"; see docs/facts.md */
	bl_measure measure;
	bl_basis basis;
	int period;        /* year the figure belongs to */
	bl_dec value;      /* signed for changes; prec as printed */
	int eff_prec;      /* decimals the rounding bounds use: an amount printed
			     * "34万元" in a document that prints 2 decimals elsewhere
			     * had its trailing zeros dropped, so it is 34.00 (an
			     * equation failing only within the rounding of 34 as
			     * printed is a doubt, not an error) */
	const char *unit;  /* "万元", "元", "%", "辆", "人", "批次" */
	bl_pos pos;        /* first character of the figure */
	bl_str text;       /* evidence: the phrase and the figure as printed */
	bl_str figure;     /* the figure and its unit as printed */
	const char *whole; /* shares: key of the whole when printed (占本年支出合计的), else NULL */
	int anchor;        /* fact this one qualifies (a change's value, a
			     * percent's change or value), or -1 */
	int sentence;      /* index of the sentence in the document */
	int paragraph;
	int zero_word;  /* 1 when the value came from 持平 / 无增减 */
	int inferred;   /* 1 when scope or item came from the context, not the phrase */
	int word_sign;  /* direction word: +1 增加, -1 减少, 0 none */
	unsigned doubt; /* BL_DOUBT_* bits; 0: read with certainty */
} bl_fact;

/* Facts are extracted when the document is opened. */
BL_API size_t bl_doc_nfacts(const bl_doc *doc);
BL_API const bl_fact *bl_doc_fact(const bl_doc *doc, size_t i);

/* Free text a narrative carries besides figures, read with the facts:
 * id "reason" (key, basis: the reason given for that change), "use"
 * (key: 主要用于…), and section bodies "duties", "organization",
 * "composition", "admin_cost", "procurement", "assets", "performance",
 * "fund", "capital" (key ""; lines separated by '\n'). */
typedef struct bl_doc_text {
	const char *id;
	const char *key;
	bl_basis basis;
	const char *text;
	bl_pos pos; /* where the text starts */
	bl_pos end; /* the first position after it: figures in [pos, end) are carried by the text */
} bl_doc_text;

BL_API size_t bl_doc_ntexts(const bl_doc *doc);
BL_API const bl_doc_text *bl_doc_text_at(const bl_doc *doc, size_t i);

BL_API const char *bl_measure_name(bl_measure m); /* "value", "change", ... */
BL_API const char *bl_basis_name(bl_basis b);     /* NULL for BL_B_NONE */

/* The value a change of basis b and period `period`, in a document of kind
 * `kind` (BL_KIND_BUDGET, BL_KIND_FINAL), is measured from: returns that
 * value's basis and stores its period in *value_period. A change against
 * last year's figure of unstated kind (PREV_YEAR) and one against the kind
 * of the document itself (a budget's 上年预算数) are both measured from
 * last year's value of basis NONE; the other bases only from a value of the
 * same basis, so no rule compares figures of two bases. */
BL_API bl_basis bl_basis_compared(bl_basis b, int kind, int period, int *value_period);

/* The vocabulary: every key the extractor can produce, with its Chinese
 * name and the phrases it accepts ("|"-separated). Static storage. */
typedef struct bl_key_info {
	const char *key;
	const char *name;
	const char *phrases;
	const char *kind; /* "scope", "item", "key" */
} bl_key_info;

BL_API size_t bl_vocab_count(void);
BL_API const bl_key_info *bl_vocab_at(size_t i);

/* The other word lists of the reading stage (the .def files beside
 * facts.def): units, direction, basis and percent words, reason markers,
 * heading topics, title-block words. Static storage. */
typedef struct bl_wordlist_info {
	const char *id;          /* "units", "directions", ... */
	const char *file;        /* "lib/read/units.def" */
	const char *macro;       /* the row macro in it, "BL_UNIT" */
	const char *doc;         /* what the list does, in a sentence or two */
	const char *means_title; /* what a row's means says ("class"), NULL when every means is "" */
	const char *cond_title;  /* what a row's cond says ("not right after"), NULL when every cond is "" */
} bl_wordlist_info;

BL_API size_t bl_wordlist_count(void);
BL_API const bl_wordlist_info *bl_wordlist_at(size_t i);

/* The rows of all those lists, each list's in the order the code tries
 * them. words: one word, or several "|"-separated (topics); means: what the
 * row says in its list ("M", "+1", "prev_year", "duties"; "" when being in
 * the list is all); cond: a condition on it ("" for none). Static storage. */
typedef struct bl_word_info {
	size_t list; /* its list, for bl_wordlist_at */
	const char *words;
	const char *means;
	const char *cond;
} bl_word_info;

BL_API size_t bl_word_count(void);
BL_API const bl_word_info *bl_word_at(size_t i);

#endif
