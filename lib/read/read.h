/* read.h - reading the narrative: the flow of folded text (flow.c), its
 * sections and sentences (structure.c), the document's profile
 * (profile.c), its facts (mention.c figures, vocab.c phrases, fact.c
 * resolution, fact_role.c each figure's measure, basis and period,
 * fact_reason.c the reasons an anchor never crosses; private header
 * fact_int.h) and free texts (texts.c).
 *
 * The words are data: facts.def (keys and their phrases; fkeys.h, the keys
 * as BLK_ constants, is generated from it) and beside it units.def,
 * measure.def, subject.def, reasons.def, topics.def, profile.def, each
 * with its row format in its header comment; words.c lists every row for
 * docs/facts.md (budgetlint vocab). */
#ifndef BL_READ_H
#define BL_READ_H

#include <string.h>

#include "doc/doc.h"
#include "read/fkeys.h"

void bl_flow_build(bl_doc *doc);      /* flow.c */
void bl_structure_build(bl_doc *doc); /* structure.c */
void bl_profile_build(bl_doc *doc);   /* profile.c */
void bl_facts_build(bl_doc *doc);     /* fact.c */
void bl_texts_build(bl_doc *doc);     /* texts.c */

/* An organisation's name as compared across files and kept in the ledger
 * (profile.c): without spaces, ASCII parentheses as full-width ones, and,
 * when drop_party, without the party prefix (中共, 中国共产党) that one file
 * prints and the other leaves off. One normaliser for pairing and filing. */
void bl_unit_norm(const char *name, int drop_party, char *out, size_t cap);

/* The function classification code of a 款 or 项 line's names (类, 款[, 项],
 * as printed with spaces out and ASCII parentheses full-width): from the
 * document's tables, else the observed classification; NULL when neither has
 * it (items.c). Its key is <scope>.func.<code>, as the tables' rows are. */
const char *bl_item_code(const bl_doc *doc, char *const *names, int n);
/* The name of a function classification code in the observed classification, or NULL. */
const char *bl_class_name(const char *code);

/* The Chinese name of a fact key (general.basic: 一般公共预算财政拨款基本支出). */
void bl_key_label_buf(const char *key, char *out, size_t cap);

/* The phrase at p of a "|"-separated list: returns its length in bytes and
 * stores in *next where the list goes on (past the bar, or at the NUL). */
static inline size_t bl_phrase_span(const char *p, const char **next)
{
	size_t len = strcspn(p, "|");
	*next = p + len + (p[len] == '|');
	return len;
}
/* Is c one of the code points of the UTF-8 string chars? */
int bl_cp_in(uint32_t c, const char *chars);
/* Does s[0..n) contain any of words ("|"-separated)? */
int bl_has_any(const char *s, size_t n, const char *words);
/* The template topic a heading names (basic, duties, sangong, admin_cost,
 * …: the ids of topics.def), or NULL. */
const char *bl_section_topic(const char *title, size_t n);
/* The text with this id, key ("" for none) and basis, or NULL. */
const char *bl_doc_text_find(const bl_doc *doc, const char *id, const char *key, bl_basis b);

/* A heading or list marker at cp[i] (lim bounds it): 1 第X部分, 2 一、,
 * 3 （一）, 4 1、 or 1. (not 1.5), 5 （1）; stores the index past it in
 * *end. 0 when there is none (structure.c). */
int bl_marker_parse(const uint32_t *cp, size_t i, size_t lim, size_t *end);

/* Byte span of flow [a, b) as a slice of the source (may cross lines). */
bl_str bl_flow_slice(const bl_doc *doc, size_t a, size_t b);
/* Quotes skipped in a row by a phrase match (“三公”经费: one or two): a
 * longer run ends the match, so matching across a run of n costs O(n). */
#define BL_QUOTE_RUN 4
/* Does the flow at i start with the UTF-8 phrase p? Quotes in the flow are
 * skipped. Returns the number of flow code points matched, or 0. */
size_t bl_flow_match(const bl_flow *f, size_t i, size_t end, const char *p);
/* bl_flow_match for the first len bytes of p, without the cheap test. */
size_t bl_flow_match_n(const bl_flow *f, size_t i, size_t end, const char *p, size_t len);
/* Finds p in flow [a, b); returns its index or (size_t)-1. */
size_t bl_flow_find(const bl_flow *f, size_t a, size_t b, const char *p);
/* Is any of the n words in flow [a, b)? */
int bl_flow_has_any(const bl_flow *f, size_t a, size_t b, const char *const *words, size_t n);
/* Finds p in flow [a, b) searching backwards from b; last start index or -1. */
size_t bl_flow_rfind(const bl_flow *f, size_t a, size_t b, const char *p);

/* The first flow index whose source byte is at or after off (binary search). */
size_t bl_flow_index(const bl_flow *f, size_t off);

/* A year 1990..2100 at flow i followed (after spaces) by 年, not preceded by a
 * digit: returns it and stores the index of 年 in *nian; else 0. */
int bl_flow_year_at(const bl_flow *f, size_t i, size_t end, size_t *nian);

/* Flow [a, b) as a NUL-terminated UTF-8 string in the arena (folded). */
char *bl_flow_text(const bl_doc *doc, size_t a, size_t b, int drop_spaces, bl_arena *ar);

#endif
