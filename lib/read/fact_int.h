/* fact_int.h - what the files of the fact reader share, private to lib/read:
 * the vocabulary of facts.def and its matcher (vocab.c), the figures with
 * their units (mention.c); fact.c resolves the one into keyed facts with
 * the other. */
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

#endif
