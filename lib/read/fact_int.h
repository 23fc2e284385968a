/* fact_int.h - what the files of the fact reader share, private to lib/read:
 * the vocabulary of facts.def and its matcher (vocab.c), the figures with
 * their units (mention.c); fact.c resolves the one into keyed facts with
 * the other, asking fact_role.c what the words of each figure's clause say
 * of its role (measure, basis, period) and fact_reason.c where the reasons
 * of a paragraph lie. */
#ifndef BL_FACT_INT_H
#define BL_FACT_INT_H

#include "read/read.h"

/* ---- the vocabulary (vocab.c) ---- */

enum bl_vkind { BL_V_SCOPE, BL_V_ITEM, BL_V_KEY };

typedef struct bl_vocab_entry {
	enum bl_vkind kind;
	const char *key, *name, *phrases;
	char ucls; /* stand-alone keys: unit class (facts.def) */
} bl_vocab_entry;

/* facts.def as a table, in its order; bl_nvocab rows. */
extern const bl_vocab_entry bl_vocab_tab[];
extern const size_t bl_nvocab;

/* The row of key, or -1. */
int bl_vocab_index(const char *key);
/* A money key of its own (sangong.total, admin_cost), not scope.item. */
int bl_vocab_standalone(const char *key);
/* The key "<scope>.<item>" of two rows (a scope's and an item's), in ar:
 * the one way a scoped key is put together from the vocabulary. */
const char *bl_vocab_key(bl_arena *ar, int scope, int item);
/* Do keys a and b share the head before their first dot (procurement.goods
 * and procurement.total, func.205 and func.201)? A key without a dot has
 * no head. A key family is tested so, against a member's constant. */
int bl_key_same_head(const char *a, const char *b);

typedef struct bl_vmatch {
	int entry; /* index into bl_vocab_tab, -1 if none */
	size_t start, end;
} bl_vmatch;

#define BL_VMATCH_NONE ((bl_vmatch){-1, 0, 0})

/* The phrase of the given kind (and, for stand-alone keys, unit class) in
 * flow [a, b) that ends last; where matches overlap, the longest wins
 * (一般公共服务支出 over 支出预算). */
bl_vmatch bl_vocab_find(const bl_doc *doc, size_t a, size_t b, enum bl_vkind kind, char ucls);

/* The 类 item (func.*) whose phrase, or the phrase without its last 支出,
 * ends right at `at` and starts at a or later (教育 of 教育（类）支出); the
 * longest wins. */
bl_vmatch bl_vocab_class_before(const bl_doc *doc, size_t a, size_t at);

/* The item phrases of one sentence, kept for the item search from the
 * sentence's start to each of its figures (vocab.c). */
typedef struct bl_sidx bl_sidx;
bl_sidx *bl_sidx_new(void);
void bl_sidx_free(bl_sidx *x);
/* bl_vocab_find(doc, sentence si's start, b, BL_V_ITEM, 0), from the index x
 * (built again when it holds another sentence). */
bl_vmatch bl_vocab_sentence_item(const bl_doc *doc, bl_sidx *x, size_t si, size_t b);

/* ---- mentions: figures and their units (mention.c) ---- */

typedef struct bl_mention {
	size_t start, end; /* the number, flow indices */
	size_t uend;       /* past the unit */
	bl_dec value;
	const char *unit;
	char ucls; /* M money, % percent, V P B counts, C other counts, Q percentage points, Z a zero-change word */
	int zero_word;
} bl_mention;

/* The mentions in flow [a, b), in text order, into *ms (grown as needed,
 * caller frees); returns how many. */
size_t bl_mentions_read(bl_doc *doc, size_t a, size_t b, bl_mention **ms, size_t *cap);

/* ---- a figure being resolved (fact.c, fact_role.c) ---- */

/* What the words right before a figure say of its role (measure.def). */
enum { BL_DW_NONE, BL_DW_STRONG, BL_DW_WEAK, BL_DW_RATE };
typedef struct bl_dirword {
	int sign;  /* +1 增加, -1 减少, 0 none */
	int kind;  /* BL_DW_* */
	int level; /* a BL_TO_LEVEL between: the figure is the amount reached */
	int link;  /* a BL_LINK between (增加为, 增幅为) */
	size_t start;
} bl_dirword;

/* One figure being resolved: what its subject names, then its fact. */
typedef struct bl_fig {
	const bl_mention *m;
	size_t a, b;   /* the subject: flow from the previous figure's end to this one */
	size_t c;      /* the figure's clause: from its last comma (or a) to b */
	int dir;       /* direction word before the figure */
	bl_dirword dw; /* what the words before it say (bl_direction_before) */
	int from;      /* the earlier amount of 由A减少至B */
	bl_basis basis;
	bl_vmatch scope, item, key;
	bl_measure measure;
	bl_measure pct_measure; /* a percent: the measure its BL_PERCENT word says, or VALUE */
	size_t pct_at;          /* … and where that word is */
	unsigned doubt;         /* BL_DOUBT_ROLE when its role is not certain */
	bl_basis paren;         /* 比上年（80万元）: the base the figure is, or NONE */
	int paren_year;         /* … and the year it names (比2023年（), or 0 */
	const char *key_str;    /* the fact's key, once known */
	int anchor;             /* the fact this one qualifies, or -1 */
	int scope_used;         /* the scope joined to the item, or -1 */
	int inferred;
} bl_fig;

/* ---- the lines below the 类 (items.c) ---- */

/* The item line "X（类）Y（款）Z（项）" in flow [a, b): its names in names[0..),
 * in the arena, where it ends (past its last mark) in *end; their number
 * (3, or 2 for a 款 line), 0 when none. */
int bl_item_line(const bl_doc *doc, size_t a, size_t b, char **names, bl_arena *ar, size_t *end);
/* A 款 line (names[0..2)) whose 项 opens flow [a, b), its mark there
 * (…（款）⏎其他行政事业单位养老支出（项）): 3 with names[2] set; 0 when
 * [a, b) holds no 项 mark; -1 when it holds one that does not end the line. */
int bl_item_continued(const bl_doc *doc, size_t a, size_t b, char **names, bl_arena *ar, size_t *end);

/* ---- its role: the words of its own clause (fact_role.c) ---- */

/* The start of word w if it ends at b (not before a), else (size_t)-1. */
size_t bl_word_ending_at(const bl_flow *f, size_t a, size_t b, const char *w);
/* The start of the clause that ends at b (past its last comma, semicolon,
 * stop or colon in [a, b)). */
size_t bl_clause_from(const bl_flow *f, size_t a, size_t b);
/* The direction, weak direction or rate word right before the figure at b. */
bl_dirword bl_direction_before(const bl_flow *f, size_t a, size_t b);
/* Is the mention the earlier amount A of 由A万元减少至B万元? */
int bl_from_level_at(const bl_flow *f, size_t a, const bl_mention *m, size_t lim);
/* The basis a BL_BASIS word in [a, b) names, or BL_B_NONE. */
bl_basis bl_basis_in(const bl_flow *f, size_t a, size_t b);
/* Does a BL_PREV_PERIOD word in [a, b) make a value last year's? */
int bl_prev_period_in(const bl_flow *f, size_t a, size_t b);
/* The basis a value's basis word b gives it in this document. */
bl_basis bl_value_basis(const bl_doc *doc, bl_basis b);
/* Sets g->pct_measure and g->pct_at from the percent word of a percent. */
void bl_percent_word(const bl_flow *f, bl_fig *g);
/* Step 2 of resolution, g->measure; 0 when the figure has none. */
int bl_figure_measure(const bl_flow *f, bl_fig *g);
/* A fact's basis and period, from its figure (and anchor, once known). */
bl_basis bl_fact_basis(const bl_doc *doc, const bl_fig *g);
int bl_fact_period(const bl_doc *doc, const bl_fig *g, bl_basis basis);

/* ---- the reasons of a paragraph (fact_reason.c) ---- */

/* The reason markers (asides) of one paragraph, to tell for any [a, b) inside it
 * whether a marker lies there (bl_reason_between) without reading [a, b)
 * again for every figure that asks. A marker at i ending at e counts for
 * [a, b) when a <= i and e <= b, unless 以下 follows it and ends (at ee)
 * within b too: so a marker without 以下 counts when e <= b, one with it
 * when e <= b < ee. */
typedef struct bl_rmark {
	size_t at, e, ee;
} bl_rmark;

typedef struct bl_reasons {
	int para;        /* the paragraph indexed, or -1 */
	bl_rmark *plain; /* no 以下 after it, by at; plain_min[k]: least e of plain[k..] */
	size_t nplain, plaincap;
	size_t *plain_min;
	size_t pmcap;
	bl_rmark *listed; /* 以下 after it, by e */
	size_t nlisted, listedcap;
	size_t span;  /* the largest ee - e of listed */
	size_t *semi; /* semicolons (；;), in order */
	size_t nsemi, semicap;
} bl_reasons;

/* A reason marker in [a, b) of paragraph para (x indexes it, built again
 * for another paragraph)? */
int bl_reason_between(const bl_doc *doc, bl_reasons *x, int para, size_t a, size_t b);
/* Where a reason's clause starts: past the last semicolon in [as, afl) of
 * paragraph para, else as. */
size_t bl_reason_clause_start(const bl_doc *doc, bl_reasons *x, int para, size_t as, size_t afl);
/* Frees what the index holds (x itself is the caller's). */
void bl_reasons_release(bl_reasons *x);

#endif
