/* words.c - the word lists of the read stage as data: every row of every
 * .def file beside facts.def, for `budgetlint vocab` (docs/facts.md) and
 * for the test that no word means two things in one list. The code that
 * matches the words includes the same files (mention.c, fact*.c, vocab.c,
 * texts.c, profile.c). A new row macro gets a W_ list, its #define below
 * and a LIST row; tests/check_vocab.sh fails until it has them. */
#include "read/read.h"

/* What an identifier column of a .def row is called in the output. */
#define NAME_PREV_YEAR "prev_year"
#define NAME_INITIAL_BUDGET "initial_budget"
#define NAME_PREV_BUDGET "prev_budget"
#define NAME_PREV_EXEC "prev_exec"
#define NAME_PREV_FINAL "prev_final"
#define NAME_ADJUSTED_BUDGET "adjusted_budget"
#define NAME_ANNUAL_BUDGET "annual_budget"
#define NAME_SHARE_PCT "share_pct"
#define NAME_COMPLETION_PCT "completion_pct"
#define NAME_BUDGET "budget"
#define NAME_FINAL "final"
#define NAME_UNIT "unit"
#define NAME_DEPT "dept"

/* The lists, in the order docs/facts.md gives them. */
enum {
	W_UNITS,
	W_NOT_FIGURE,
	W_DIRECTIONS,
	W_WEAK_DIRECTIONS,
	W_RATES,
	W_LINKS,
	W_CHANGE_AMOUNT,
	W_TO_LEVEL,
	W_FROM_LEVEL,
	W_ZERO,
	W_BASES,
	W_BASIS_CPS,
	W_NOT_PERIOD,
	W_PREV_PERIOD,
	W_NOT_PREV_PERIOD,
	W_PERCENTS,
	W_BARE_AFTER,
	W_BARE_SKIP,
	W_BARE_NOT_AFTER,
	W_BARE_NOT_BEFORE,
	W_PER_PERSON,
	W_SUB_LEVELS,
	W_CLASS_MARKS,
	W_SUBITEM_MARKS,
	W_FOREIGN,
	W_REASONS,
	W_USES,
	W_ASIDES,
	W_LISTS,
	W_TOPICS,
	W_GLOSSARY,
	W_KINDS,
	W_LEVELS,
	W_UNIT_LABELS,
	W_HEADER_LABELS,
	W_ORG_SUFFIXES,
	W_QUALIFIERS,
	W_SIGNER_LABELS,
	W_CONTACTS,
	W_DATE_LABELS,
	W_PLACEHOLDERS,
	W_KIND_NOT_AFTER,
	W_CLASSES,
	W_NLISTS
};

/* A row whose word is all it says, and one with a meaning. */
#define R(list, w) {list, w, "", ""},
#define RM(list, w, means) {list, w, means, ""},

static const bl_word_info words[] = {
#define BL_UNIT(text, cls) RM(W_UNITS, text, ((const char[]){cls, 0}))
#define BL_NOT_FIGURE(ch) R(W_NOT_FIGURE, ch)
#include "read/units.def"
#define BL_DIRECTION(word, sign) RM(W_DIRECTIONS, word, #sign)
#define BL_WEAK_DIRECTION(word, sign) RM(W_WEAK_DIRECTIONS, word, #sign)
#define BL_RATE(word, sign) RM(W_RATES, word, #sign)
#define BL_LINK(word) R(W_LINKS, word)
#define BL_CHANGE_AMOUNT(word) R(W_CHANGE_AMOUNT, word)
#define BL_TO_LEVEL(ch) R(W_TO_LEVEL, ch)
#define BL_FROM_LEVEL(ch) R(W_FROM_LEVEL, ch)
#define BL_ZERO(word, not_after) {W_ZERO, word, "0", not_after},
#define BL_BASIS(word, basis) RM(W_BASES, word, NAME_##basis)
#define BL_BASIS_CP(ch) RM(W_BASIS_CPS, ch, NAME_PREV_YEAR)
#define BL_NOT_PERIOD(ch) R(W_NOT_PERIOD, ch)
#define BL_PREV_PERIOD(word) R(W_PREV_PERIOD, word)
#define BL_NOT_PREV_PERIOD(word) R(W_NOT_PREV_PERIOD, word)
#define BL_PERCENT(word, measure) RM(W_PERCENTS, word, NAME_##measure)
#include "read/measure.def"
#define BL_BARE_AFTER(ch) R(W_BARE_AFTER, ch)
#define BL_BARE_SKIP(word) R(W_BARE_SKIP, word)
#define BL_BARE_NOT_AFTER(word) R(W_BARE_NOT_AFTER, word)
#define BL_BARE_NOT_BEFORE(ch) R(W_BARE_NOT_BEFORE, ch)
#define BL_PER_PERSON(word) RM(W_PER_PERSON, word, "Y")
#define BL_SUB_LEVEL(word) R(W_SUB_LEVELS, word)
#define BL_CLASS_MARK(word) R(W_CLASS_MARKS, word)
#define BL_SUBITEM_MARK(word) R(W_SUBITEM_MARKS, word)
#define BL_FOREIGN(word) R(W_FOREIGN, word)
#include "read/subject.def"
#define BL_REASON(word) R(W_REASONS, word)
#define BL_USE(word) R(W_USES, word)
#define BL_ASIDE(word) R(W_ASIDES, word)
#define BL_LIST(word) R(W_LISTS, word)
#include "read/reasons.def"
#define BL_TOPIC(id, kept, words) {W_TOPICS, words, #id, #kept},
#define BL_GLOSSARY(words) R(W_GLOSSARY, words)
#include "read/topics.def"
#define BL_KIND(word, kind) RM(W_KINDS, word, NAME_##kind)
#define BL_LEVEL(word, level) RM(W_LEVELS, word, NAME_##level)
#define BL_UNIT_LABEL(word) R(W_UNIT_LABELS, word)
#define BL_HEADER_LABEL(word) R(W_HEADER_LABELS, word)
#define BL_ORG_SUFFIX(word) R(W_ORG_SUFFIXES, word)
#define BL_QUALIFIER(word) R(W_QUALIFIERS, word)
#define BL_SIGNER_LABEL(word) R(W_SIGNER_LABELS, word)
#define BL_CONTACT(word) R(W_CONTACTS, word)
#define BL_DATE_LABEL(word) R(W_DATE_LABELS, word)
#define BL_PLACEHOLDER(word) R(W_PLACEHOLDERS, word)
#define BL_KIND_NOT_AFTER(word) R(W_KIND_NOT_AFTER, word)
#include "read/profile.def"
#define BL_CLASS(code, name) RM(W_CLASSES, code, name)
#include "read/classification.def"
};

/* list, its id, the .def file and row macro, the titles of the means and
 * cond columns (NULL: the rows have none), what the list does. */
#define LIST(list, id, file, macro, means, cond, doc) [list] = {id, "lib/read/" file, macro, doc, means, cond}

static const bl_wordlist_info wordlists[W_NLISTS] = {
	LIST(W_UNITS, "units", "units.def", "BL_UNIT", "class", NULL,
	     "A unit right after a number (spaces between allowed); the first that matches wins. Classes: M "
	     "money, "
	     "% percent, V vehicles, P people, B batches, C other counts (never a fact), Q percentage points "
	     "(never a fact nor a percent; the subject of the figure after them goes on over them)."),
	LIST(W_NOT_FIGURE, "not_figure", "units.def", "BL_NOT_FIGURE", NULL, NULL,
	     "A number right after one of these is no figure: 〔2024〕 a document number, 第3 an ordinal."),
	LIST(W_DIRECTIONS, "directions", "measure.def", "BL_DIRECTION", "sign", NULL,
	     "Right before a figure (spaces and 了 between allowed): the figure is a change, +1 an increase, "
	     "-1 a "
	     "decrease; the first in this order that ends at the figure wins."),
	LIST(W_WEAK_DIRECTIONS, "weak_directions", "measure.def", "BL_WEAK_DIRECTION", "sign", NULL,
	     "As directions, for words that state a change only when compared with something (比上年压减): "
	     "with no word of bases in the subject (节约资金, 新增项目) the figure is no fact."),
	LIST(W_RATES, "rates", "measure.def", "BL_RATE", "sign", NULL,
	     "Right before a percent (spaces and a word of links between allowed): the percent is a change "
	     "of that sign (增幅为5%, 降幅 3%)."),
	LIST(W_LINKS, "links", "measure.def", "BL_LINK", NULL, NULL,
	     "Between a rate word and its percent (增幅为); between a direction word and an amount (减少为) "
	     "the amount is read as the amount reached, but may be the change, and is doubted (role)."),
	LIST(W_CHANGE_AMOUNT, "change_amount", "measure.def", "BL_CHANGE_AMOUNT", NULL, NULL,
	     "Between a direction word and a figure, a word of links after it allowed (增加额为20万元): the "
	     "figure is the change."),
	LIST(W_TO_LEVEL, "to_level", "measure.def", "BL_TO_LEVEL", NULL, NULL,
	     "Between a direction word and a figure (减少至, 增加到): the figure is the amount reached, a "
	     "value, not a change."),
	LIST(W_FROM_LEVEL, "from_level", "measure.def", "BL_FROM_LEVEL", NULL, NULL,
	     "Right before a figure that a direction word and a word of to_level follow "
	     "(由30万元减少至20万元): "
	     "the figure is last year's value, the one after it this year's."),
	LIST(W_ZERO, "zero", "measure.def", "BL_ZERO", "change", "not right after",
	     "States a change of zero, unless the word in the third column comes right before it "
	     "(基本持平)."),
	LIST(W_BASES, "bases", "measure.def", "BL_BASIS", "basis", NULL,
	     "Anywhere in a figure's subject: what a change is measured against (on a value in a final "
	     "account, "
	     "initial_budget marks the budgeted figure); the first found in this order wins."),
	LIST(W_BASIS_CPS, "basis_cps", "measure.def", "BL_BASIS_CP", "basis", NULL,
	     "Right before a digit in the subject, when no word of bases is there: a change against that "
	     "year "
	     "(比2023年)."),
	LIST(W_NOT_PERIOD, "not_period", "measure.def", "BL_NOT_PERIOD", NULL, NULL,
	     "A year right after one of these is the base of a comparison, not the figure's period."),
	LIST(W_PREV_PERIOD, "prev_period", "measure.def", "BL_PREV_PERIOD", NULL, NULL,
	     "In the clause of a value: the figure is the previous year's (上年支出), unless right after a "
	     "word of not_period (比上年) or right before one of not_prev_period."),
	LIST(W_NOT_PREV_PERIOD, "not_prev_period", "measure.def", "BL_NOT_PREV_PERIOD", NULL, NULL,
	     "After a word of prev_period: this year's money (上年结转 is carried into this year)."),
	LIST(W_PERCENTS, "percents", "measure.def", "BL_PERCENT", "measure", NULL,
	     "In the subject of a percent: which percent it is; with none, a percent after a direction word "
	     "is a "
	     "change_pct, any other percent no fact."),
	LIST(W_BARE_AFTER, "bare_after", "subject.def", "BL_BARE_AFTER", NULL, NULL,
	     "A bare 收入/支出 names its item only at the start of the subject, right after a scope's "
	     "phrase, or "
	     "right after one of these (a space is shown as ` `)."),
	LIST(W_BARE_SKIP, "bare_skip", "subject.def", "BL_BARE_SKIP", NULL, NULL,
	     "A bare 收入/支出 right after one of these names its item when it could right before it "
	     "(部门预算收入总计), not otherwise (会议费预算支出 is the 会议费's)."),
	LIST(W_BARE_NOT_AFTER, "bare_not_after", "subject.def", "BL_BARE_NOT_AFTER", NULL, NULL,
	     "A bare 收入/支出 right after one of these is no item (上年支出: last year's figure)."),
	LIST(W_BARE_NOT_BEFORE, "bare_not_before", "subject.def", "BL_BARE_NOT_BEFORE", NULL, NULL,
	     "A bare 收入/支出 right before one of these is no item (支出数: a comparison figure)."),
	LIST(W_PER_PERSON, "per_person", "subject.def", "BL_PER_PERSON", "class", NULL,
	     "An amount whose subject has one is per person: unit class Y, 元 a head."),
	LIST(W_SUB_LEVELS, "sub_levels", "subject.def", "BL_SUB_LEVEL", NULL, NULL,
	     "After a 类 item's phrase (func.*): the figure is a 款 or 项 line's, no fact."),
	LIST(W_CLASS_MARKS, "class_marks", "subject.def", "BL_CLASS_MARK", NULL, NULL,
	     "Between a 类 item's phrase and a bare 支出 (一般公共服务（类）支出): the figure is that "
	     "class's "
	     "func.* fact."),
	LIST(W_SUBITEM_MARKS, "subitem_marks", "subject.def", "BL_SUBITEM_MARK", NULL, NULL,
	     "A paragraph with one, or under a heading with one, is about a 款/项 line: its bare 收入/支出 "
	     "are no "
	     "fact."),
	LIST(W_FOREIGN, "foreign", "subject.def", "BL_FOREIGN", NULL, NULL,
	     "In the subject of a reception figure: foreign visits, not the domestic reception.* keys."),
	LIST(W_REASONS, "reasons", "reasons.def", "BL_REASON", NULL, NULL,
	     "Starts the reason given for a change, kept as its text (extract's texts, id reason); the first "
	     "that "
	     "matches wins."),
	LIST(W_USES, "uses", "reasons.def", "BL_USE", NULL, NULL,
	     "Starts what an amount is for, kept as its text (id use); after a reason, a comma and one end "
	     "the "
	     "reason."),
	LIST(W_ASIDES, "asides", "reasons.def", "BL_ASIDE", NULL, NULL,
	     "A reason or a use however worded: a percent or a change after it qualifies no figure before "
	     "it, nor "
	     "one inside it, unless a word of lists follows."),
	LIST(W_LISTS, "lists", "reasons.def", "BL_LIST", NULL, NULL,
	     "Right after an aside: what follows lists figures (主要用于以下方面：), it states no reason."),
	LIST(W_TOPICS, "topics", "topics.def", "BL_TOPIC", "topic", "kept",
	     "A heading with one of the words names the topic (render writes a section per topic); the first "
	     "row "
	     "that matches wins. kept 1: the section's body is kept as a text with the topic's id."),
	LIST(W_GLOSSARY, "glossary", "topics.def", "BL_GLOSSARY", NULL, NULL,
	     "A heading of a glossary: no text is kept from its sections."),
	LIST(W_KINDS, "kinds", "profile.def", "BL_KIND", "kind", NULL,
	     "The first title paragraph with one gives the document's kind: the word that comes first in "
	     "it."),
	LIST(W_LEVELS, "levels", "profile.def", "BL_LEVEL", "level", NULL,
	     "The first paragraph with one gives the level, 部门 (dept) or 单位 (unit); in it, the first row "
	     "found "
	     "wins."),
	LIST(W_UNIT_LABELS, "unit_labels", "profile.def", "BL_UNIT_LABEL", NULL, NULL,
	     "In the title paragraphs: the unit's name follows, when it ends as a name does (org_suffixes)."),
	LIST(W_HEADER_LABELS, "header_labels", "profile.def", "BL_HEADER_LABEL", NULL, NULL,
	     "When no title names the unit: a line of the first pages (a table's header line, a cover) "
	     "where one, its characters perhaps spaced out, and a colon come before a name that ends as a "
	     "name does."),
	LIST(W_ORG_SUFFIXES, "org_suffixes", "profile.def", "BL_ORG_SUFFIX", NULL, NULL,
	     "A unit's name ends with one."),
	LIST(W_QUALIFIERS, "qualifiers", "profile.def", "BL_QUALIFIER", NULL, NULL,
	     "Dropped from the end of a name read from the title; the first that matches."),
	LIST(W_SIGNER_LABELS, "signer_labels", "profile.def", "BL_SIGNER_LABEL", NULL, NULL,
	     "The signer's name follows."),
	LIST(W_CONTACTS, "contacts", "profile.def", "BL_CONTACT", NULL, NULL,
	     "A short paragraph with one is the contact line."),
	LIST(W_DATE_LABELS, "date_labels", "profile.def", "BL_DATE_LABEL", NULL, NULL, "The date follows."),
	LIST(W_PLACEHOLDERS, "placeholders", "profile.def", "BL_PLACEHOLDER", NULL, NULL,
	     "A template's placeholder; a run of their letters counts once. A document whose unit has one "
	     "and "
	     "which has three or more is the template itself."),
	LIST(W_KIND_NOT_AFTER, "kind_not_after", "profile.def", "BL_KIND_NOT_AFTER", NULL, NULL,
	     "A kind word right after one names a fund, not the kind (一般公共预算…决算表 is a final "
	     "account's)."),
	LIST(W_CLASSES, "classes", "classification.def", "BL_CLASS", "name", NULL,
	     "The function classification as observed (类, 款, 项): the code of a 款/项 line whose names the "
	     "document's tables do not hold."),
};

BL_API size_t bl_wordlist_count(void)
{
	return W_NLISTS;
}

BL_API const bl_wordlist_info *bl_wordlist_at(size_t i)
{
	return i < W_NLISTS ? &wordlists[i] : NULL;
}

BL_API size_t bl_word_count(void)
{
	return sizeof words / sizeof words[0];
}

BL_API const bl_word_info *bl_word_at(size_t i)
{
	return i < bl_word_count() ? &words[i] : NULL;
}
