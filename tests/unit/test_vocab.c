/* test_vocab.c - the vocabulary as data: no phrase of facts.def, and no word
 * of the other word lists of lib/read, means two things in one list; no row
 * of a first-match list is hidden behind an earlier one; the helpers that
 * read the lists. */
#include <stdlib.h>

#include "budgetlint/budgetlint.h"
#include "harness.h"
#include "read/fact_int.h"

/* facts.def itself, for what the public bl_key_info leaves out: the unit
 * class of a stand-alone key. */
typedef struct vrow {
	char kind; /* s scope, i item, k stand-alone key */
	const char *key, *phrases;
	char ucls; /* stand-alone keys: M V P B Y */
} vrow;

static const vrow vocab[] = {
#define BL_SCOPE(id, key, name, ph) {'s', key, ph, 0},
#define BL_ITEM(id, key, name, ph) {'i', key, ph, 0},
#define BL_KEY(id, key, name, u, ph) {'k', key, ph, u},
#include "read/facts.def"
#undef BL_SCOPE
#undef BL_ITEM
#undef BL_KEY
};
#define NV (sizeof vocab / sizeof vocab[0])

/* Does the "|"-separated list have the phrase p (n bytes)? */
static int has_phrase(const char *list, const char *p, size_t n)
{
	for (const char *q = list; *q;) {
		size_t len = strcspn(q, "|");
		if (len == n && memcmp(q, p, n) == 0)
			return 1;
		q += len + (q[len] == '|');
	}
	return 0;
}

/* Two rows of facts.def may share a phrase only when both are stand-alone
 * keys matched for figures of different unit classes: 国内公务接待 is
 * reception.batches before 批次 (B) and reception.people before 人 (P),
 * and a figure's unit decides which is looked for. Any other sharing would
 * give one phrase two keys. */
static int may_share(const vrow *a, const vrow *b)
{
	return a->kind == 'k' && b->kind == 'k' && a->ucls != b->ucls;
}

static void test_facts_def(void)
{
	CHECK(bl_vocab_count() == NV, "bl_vocab_count %zu, facts.def %zu rows", bl_vocab_count(), NV);
	int shared = 0;
	for (size_t i = 0; i < NV; i++) {
		CHECK(!strcmp(bl_vocab_at(i)->key, vocab[i].key), "row %zu: %s", i, vocab[i].key);
		for (const char *p = vocab[i].phrases; *p;) {
			size_t len = strcspn(p, "|");
			CHECK(len > 0, "%s: an empty phrase", vocab[i].key);
			for (size_t j = i + 1; j < NV; j++) {
				if (!has_phrase(vocab[j].phrases, p, len))
					continue;
				shared++;
				CHECK(may_share(&vocab[i], &vocab[j]), "'%.*s' is %s and %s", (int)len, p,
				      vocab[i].key, vocab[j].key);
			}
			CHECK(!has_phrase(p + len + (p[len] == '|'), p, len), "'%.*s' twice in %s", (int)len,
			      p, vocab[i].key);
			p += len + (p[len] == '|');
		}
	}
	/* the rule above is used, by the two reception keys' two phrases */
	CHECK(shared == 2, "phrases shared by stand-alone keys of different unit classes: %d", shared);
}

/* Every word of a list once: a word in two rows would mean two things (or
 * one thing twice). */
static void test_lists_unique(void)
{
	size_t nl = bl_wordlist_count(), nw = bl_word_count();
	CHECK(nl >= 25, "%zu word lists", nl);
	for (size_t i = 0; i < nl; i++) {
		const bl_wordlist_info *l = bl_wordlist_at(i);
		size_t rows = 0;
		for (size_t r = 0; r < nw; r++)
			rows += bl_word_at(r)->list == i;
		CHECK(rows > 0, "%s is empty", l->id);
		for (size_t j = i + 1; j < nl; j++)
			CHECK(strcmp(l->id, bl_wordlist_at(j)->id), "two lists named %s", l->id);
	}
	for (size_t r = 0; r < nw; r++) {
		const bl_word_info *w = bl_word_at(r);
		CHECK(w->list < nl, "row %zu: list %zu", r, w->list);
		if (w->list >= nl)
			continue;
		const bl_wordlist_info *l = bl_wordlist_at(w->list);
		/* a meaning exactly where the list has a column for it */
		CHECK(!!*w->means == !!l->means_title, "%s row %zu: means '%s'", l->id, r, w->means);
		CHECK(!*w->cond || l->cond_title, "%s row %zu: cond '%s'", l->id, r, w->cond);
		for (const char *p = w->words; *p;) {
			size_t len = strcspn(p, "|");
			CHECK(len > 0, "%s row %zu: an empty word", l->id, r);
			const bl_word_info *again = NULL; /* a row where the word comes again */
			for (size_t s = r; s < nw && !again; s++) {
				const bl_word_info *o = bl_word_at(s);
				const char *rest = s == r ? p + len + (p[len] == '|') : o->words;
				if (o->list == w->list && has_phrase(rest, p, len))
					again = o;
			}
			CHECK(!again, "%s: '%.*s' in row %zu (%s) and again (%s)", l->id, (int)len, p, r,
			      w->means, again ? again->means : "");
			p += len + (p[len] == '|');
		}
	}
}

static size_t list(const char *id)
{
	for (size_t i = 0; i < bl_wordlist_count(); i++)
		if (!strcmp(bl_wordlist_at(i)->id, id))
			return i;
	CHECK(0, "no word list %s", id);
	return (size_t)-1;
}

/* The first row of list id. */
static const bl_word_info *first_row(const char *id)
{
	size_t l = list(id);
	for (size_t r = 0; r < bl_word_count(); r++)
		if (bl_word_at(r)->list == l)
			return bl_word_at(r);
	return NULL;
}

/* In a list whose first matching row wins, a row that starts (at_end: ends)
 * with an earlier row's word can never match: 主要原因 before 主要原因是
 * would hide it. The header comments say "a word before its own head". */
static void test_no_hidden_rows(const char *id, int at_end)
{
	size_t l = list(id), rows = 0;
	for (size_t r = 0; r < bl_word_count(); r++) {
		if (bl_word_at(r)->list != l)
			continue;
		rows++;
		const char *w = bl_word_at(r)->words;
		size_t wn = strlen(w);
		for (size_t e = 0; e < r; e++) {
			const char *h = bl_word_at(e)->words;
			size_t hn = strlen(h);
			if (bl_word_at(e)->list == l && hn <= wn && !memcmp(at_end ? w + wn - hn : w, h, hn))
				CHECK(0, "%s: row %zu '%s' is hidden by row %zu '%s'", id, r, w, e, h);
		}
	}
	CHECK(rows > 0, "%s has no row", id);
}

/* Lists tried one after the other for the same words (directions, then weak
 * directions, then rates) share none: a word in both would never reach the
 * later list. */
static void test_disjoint(const char *a, const char *b)
{
	size_t la = list(a), lb = list(b);
	for (size_t r = 0; r < bl_word_count(); r++)
		for (size_t e = 0; bl_word_at(r)->list == la && e < bl_word_count(); e++)
			if (bl_word_at(e)->list == lb)
				CHECK(strcmp(bl_word_at(r)->words, bl_word_at(e)->words), "'%s' in %s and %s",
				      bl_word_at(r)->words, a, b);
}

/* The helpers the read stage uses on keys and word lists. */
static void test_helpers(void)
{
	CHECK(bl_key_same_head("procurement.goods", BLK_PROC_TOTAL), "procurement family");
	CHECK(bl_key_same_head("func.205", BLK_I_F201), "func family");
	CHECK(bl_key_same_head(BLK_RECEPTION_PER, BLK_RECEPTION_BATCHES), "reception family");
	CHECK(!bl_key_same_head(BLK_SG_TOTAL, BLK_PROC_TOTAL), "two families");
	CHECK(!bl_key_same_head(BLK_I_EXPENSE, BLK_I_F201), "no head");
	CHECK(!bl_key_same_head(BLK_ADMIN_COST, BLK_ADMIN_COST), "a key without a dot has no head");
	CHECK(!bl_key_same_head("procurementx.goods", BLK_PROC_TOTAL), "a longer head");
	bl_arena ar = BL_ARENA_INIT;
	const char *k = bl_vocab_key(&ar, bl_vocab_index(BLK_S_GENERAL), bl_vocab_index(BLK_I_BASIC));
	CHECK(!strcmp(k, BLK_GENERAL_BASIC), "bl_vocab_key %s", k);
	bl_arena_release(&ar);
	CHECK(bl_vocab_index("no.such.key") == -1, "unknown key");
	CHECK(bl_vocab_standalone(BLK_SG_TOTAL) && !bl_vocab_standalone(BLK_VEHICLES) &&
		      !bl_vocab_standalone(BLK_TOTAL_INCOME),
	      "stand-alone money keys");
	int l;
	uint32_t yu = bl_utf8_decode("与", 3, &l), zhi = bl_utf8_decode("至", 3, &l);
	CHECK(bl_cp_in(yu, "比较与") && !bl_cp_in(zhi, "比较与") && !bl_cp_in(' ', "") &&
		      bl_cp_in(' ', "年 "),
	      "bl_cp_in");
	const char *next;
	CHECK(bl_phrase_span("收入|支出", &next) == 6 && !strcmp(next, "支出"), "phrase span");
	CHECK(bl_phrase_span("支出", &next) == 6 && !*next, "last phrase");
	CHECK(bl_phrase_span("|", &next) == 0 && !*next, "empty phrase");
}

int main(void)
{
	test_helpers();
	test_facts_def();
	test_lists_unique();
	test_no_hidden_rows("units", 0);
	test_no_hidden_rows("zero", 0);
	test_no_hidden_rows("reasons", 0);
	test_no_hidden_rows("uses", 0);
	test_no_hidden_rows("directions", 1);
	test_no_hidden_rows("weak_directions", 1);
	test_no_hidden_rows("rates", 1);
	test_no_hidden_rows("change_amount", 1);
	test_disjoint("directions", "weak_directions");
	test_disjoint("directions", "rates");
	test_disjoint("weak_directions", "rates");
	test_no_hidden_rows("qualifiers", 1);
	/* the lists that carry a meaning say it: a unit class, a sign, a topic */
	const bl_word_info *u = first_row("units"), *d = first_row("directions"), *t = first_row("topics");
	CHECK(u && !strcmp(u->words, "万元") && !strcmp(u->means, "M"), "units row 0");
	CHECK(d && !strcmp(d->means, "+1"), "directions row 0 %s", d ? d->means : "");
	CHECK(t && !strcmp(t->means, "glossary") && !strcmp(t->cond, "0"), "topics row 0");
	DONE("vocab");
}
