/* vocab.c - the fact vocabulary of facts.def as a table, and its matcher:
 * which scope, item or stand-alone key a stretch of the flow names. */
#include <pthread.h>
#include <string.h>

#include "read/fact_int.h"

/* ---- the vocabulary, from facts.def ---- */

const bl_vocab_entry bl_vocab_tab[] = {
#define BL_SCOPE(id, key, name, ph) {BL_V_SCOPE, key, name, ph, 0},
#define BL_ITEM(id, key, name, ph) {BL_V_ITEM, key, name, ph, 0},
#define BL_KEY(id, key, name, u, ph) {BL_V_KEY, key, name, ph, u},
#include "facts.def"
#undef BL_SCOPE
#undef BL_ITEM
#undef BL_KEY
};
#define NVOCAB (sizeof bl_vocab_tab / sizeof bl_vocab_tab[0])
const size_t bl_nvocab = NVOCAB;

int bl_vocab_standalone(const char *key)
{
	for (size_t i = 0; i < NVOCAB; i++)
		if (bl_vocab_tab[i].kind == BL_V_KEY && strcmp(bl_vocab_tab[i].key, key) == 0)
			return bl_vocab_tab[i].ucls == 'M';
	return 0;
}

const char *bl_vocab_key(bl_arena *ar, int scope, int item)
{
	return bl_arena_printf(ar, "%s.%s", bl_vocab_tab[scope].key, bl_vocab_tab[item].key);
}

int bl_key_same_head(const char *a, const char *b)
{
	const char *da = strchr(a, '.'), *db = strchr(b, '.');
	return da && db && da - a == db - b && memcmp(a, b, (size_t)(da - a)) == 0;
}

static bl_key_info infos[NVOCAB];
static void key_infos_init(void)
{
	for (size_t i = 0; i < NVOCAB; i++) {
		infos[i].key = bl_vocab_tab[i].key;
		infos[i].name = bl_vocab_tab[i].name;
		infos[i].phrases = bl_vocab_tab[i].phrases;
		infos[i].kind = bl_vocab_tab[i].kind == BL_V_SCOPE  ? "scope"
				: bl_vocab_tab[i].kind == BL_V_ITEM ? "item"
								    : "key";
	}
}

/* Built once (pthread_once): several threads may list the vocabulary. */
static const bl_key_info *key_infos(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, key_infos_init);
	return infos;
}

BL_API size_t bl_vocab_count(void)
{
	return NVOCAB;
}

BL_API const bl_key_info *bl_vocab_at(size_t i)
{
	return i < NVOCAB ? &key_infos()[i] : NULL;
}

/* lead[i - a] for each i in [a, b): the first code point at or after i that
 * is not a quote, when at most BL_QUOTE_RUN quotes come before it and it lies
 * before b; else 0. A phrase can only match at i if it starts with lead[i - a]. */
static void quote_leads(const bl_flow *f, size_t a, size_t b, uint32_t *lead)
{
	for (size_t i = b, next = b; i-- > a;) {
		if (!bl_cp_is_quote(f->cp[i]))
			next = i;
		lead[i - a] = next < b && next - i <= BL_QUOTE_RUN ? f->cp[next] : 0;
	}
}

/* Matches a vocabulary search keeps: the first ones in vocabulary, phrase
 * and position order. */
#define VOCAB_KEEP 64

/* Where a bare 收入/支出 names its item (subject.def). */
static const char bare_after[] = ""
#define BL_BARE_AFTER(ch) ch
#include "read/subject.def"
	;
static const char *const bare_skips[] = {
#define BL_BARE_SKIP(word) word,
#include "read/subject.def"
};
static const char *const bare_not_after[] = {
#define BL_BARE_NOT_AFTER(word) word,
#include "read/subject.def"
};
static const char bare_not_before[] = ""
#define BL_BARE_NOT_BEFORE(ch) ch
#include "read/subject.def"
	;
static const char *const class_marks[] = {
#define BL_CLASS_MARK(word) word,
#include "read/subject.def"
};

static int generic_ok(const bl_doc *doc, size_t a, size_t start, size_t end, size_t b);
static int bare_boundary(const bl_doc *doc, size_t a, size_t start);

/* Is phrase p of row e a bare 收入/支出 (收入, 支出预算, 收入预算总计, 收、支
 * 总计): one that starts with the bare word and so names its item only
 * where generic_ok allows (其他资金收入预算总计 names none)? */
static int bare_phrase(const bl_vocab_entry *v, const char *p, size_t len)
{
	static const char *const heads[] = {"收入", "支出", "收、支", "收支"};
	if (v->kind != BL_V_ITEM ||
	    (strcmp(v->key, BLK_I_INCOME) && strcmp(v->key, BLK_I_EXPENSE) && strcmp(v->key, BLK_I_GRAND)))
		return 0;
	for (size_t k = 0; k < sizeof heads / sizeof heads[0]; k++)
		if (len >= strlen(heads[k]) && !memcmp(p, heads[k], strlen(heads[k])))
			return 1;
	return 0;
}

/* Of the matches collected, the one that ends last; where matches overlap,
 * the longest wins (一般公共服务支出 over 支出预算). */
static bl_vmatch best_match(const bl_vmatch *all, int n)
{
	bl_vmatch best = {-1, 0, 0};
	for (int i = 0; i < n; i++)
		if (all[i].end > best.end || (all[i].end == best.end && all[i].start < best.start))
			best = all[i];
	for (int i = 0; i < n; i++)
		if (all[i].start < best.end && all[i].end > best.start &&
		    (all[i].end - all[i].start > best.end - best.start ||
		     (all[i].end - all[i].start == best.end - best.start && all[i].start < best.start)))
			best = all[i];
	return best;
}

/* The match of the given kind in [a, b) that ends last (best_match). */
bl_vmatch bl_vocab_find(const bl_doc *doc, size_t a, size_t b, enum bl_vkind kind, char ucls)
{
	bl_vmatch all[VOCAB_KEEP];
	int n = 0;
	const bl_flow *f = &doc->flow;
	/* the character a match at i must start with, past the quotes a match
	 * skips there (0: none; no phrase starts with a quote): a run of quotes
	 * would otherwise pass the cheap test below for every phrase at every
	 * quote */
	if (b < a)
		b = a; /* an empty range: no match */
	uint32_t lead_buf[256], *lead = b - a <= 256 ? lead_buf : bl_xmalloc((b - a) * sizeof *lead);
	quote_leads(f, a, b, lead);
	for (size_t e = 0; e < NVOCAB; e++) {
		const bl_vocab_entry *v = &bl_vocab_tab[e];
		if (v->kind != kind || (kind == BL_V_KEY && v->ucls != ucls))
			continue;
		for (const char *p = v->phrases, *next; *p; p = next) {
			size_t len = bl_phrase_span(p, &next);
			int l0;
			uint32_t c0 = bl_utf8_decode(p, len, &l0);
			for (size_t i = a; i < b && n < VOCAB_KEEP; i++) {
				if (lead[i - a] != c0)
					continue; /* the cheap test first: most positions fail here */
				size_t m = bl_flow_match_n(f, i, b, p, len);
				if (!m)
					continue;
				/* bare 收入 / 支出 only after a scope, a year or a boundary */
				if (kind == BL_V_ITEM && bare_phrase(v, p, len) &&
				    !generic_ok(doc, a, i, i + m, b))
					continue;
				all[n].entry = (int)e;
				all[n].start = i;
				all[n].end = i + m;
				n++;
			}
		}
	}
	if (lead != lead_buf)
		free(lead);
	return best_match(all, n);
}

/* The item phrases of one sentence, for the item search from the sentence's
 * start to each of its figures (bl_vocab_find(st->start, b, BL_V_ITEM) answered
 * without reading the sentence again for every figure). Per phrase, its
 * matches in position order; their ends grow with their starts, so those
 * within [st->start, b) are a prefix. Whether a bare 收入/支出 is accepted
 * (generic_ok) depends on b only through "does a 数 follow, inside [.., b)",
 * so both verdicts are kept: ok_lt for b past the match, ok_eq for b at its end. */
typedef struct iocc {
	size_t start, end;
	char ok_lt, ok_eq;
} iocc;

typedef struct iphrase {
	int entry;
	size_t occ0, nocc;   /* into sidx.occ */
	size_t pass0, npass; /* into sidx.pass: the matches with ok_lt, by index into occ */
} iphrase;

struct bl_sidx {
	size_t sent; /* the sentence indexed, or (size_t)-1 */
	iphrase *ph;
	size_t nph, phcap;
	iocc *occ;
	size_t nocc, occcap;
	size_t *pass;
	size_t npass, passcap;
};

bl_sidx *bl_sidx_new(void)
{
	bl_sidx *x = bl_xcalloc(1, sizeof *x);
	x->sent = (size_t)-1;
	return x;
}

void bl_sidx_free(bl_sidx *x)
{
	if (!x)
		return;
	free(x->ph);
	free(x->occ);
	free(x->pass);
	free(x);
}

static void sidx_build(const bl_doc *doc, bl_sidx *x, size_t si)
{
	const bl_flow *f = &doc->flow;
	const bl_sentence *st = &doc->sent[si];
	size_t a = st->start, b = st->end;
	x->sent = si;
	x->nph = x->nocc = x->npass = 0;
	uint32_t *lead = bl_xmalloc((b > a ? b - a : 1) * sizeof *lead); /* as in bl_vocab_find */
	quote_leads(f, a, b, lead);
	for (size_t e = 0; e < NVOCAB; e++) {
		const bl_vocab_entry *v = &bl_vocab_tab[e];
		if (v->kind != BL_V_ITEM)
			continue;
		for (const char *p = v->phrases, *next; *p; p = next) {
			size_t len = bl_phrase_span(p, &next);
			int l0;
			uint32_t c0 = bl_utf8_decode(p, len, &l0);
			size_t occ0 = x->nocc, pass0 = x->npass;
			for (size_t i = a; i < b; i++) {
				if (lead[i - a] != c0)
					continue;
				size_t m = bl_flow_match_n(f, i, b, p, len);
				if (!m)
					continue;
				iocc *o = BL_PUSH(x->occ, x->nocc, x->occcap);
				o->start = i;
				o->end = i + m;
				o->ok_lt = o->ok_eq = 1;
				if (bare_phrase(v, p, len)) {
					o->ok_lt = (char)generic_ok(doc, a, i, i + m, i + m + 1);
					o->ok_eq = (char)generic_ok(doc, a, i, i + m, i + m);
				}
				if (o->ok_lt)
					*BL_PUSH(x->pass, x->npass, x->passcap) = x->nocc - 1;
			}
			if (x->nocc > occ0) {
				iphrase *ph = BL_PUSH(x->ph, x->nph, x->phcap);
				*ph = (iphrase){(int)e, occ0, x->nocc - occ0, pass0, x->npass - pass0};
			}
		}
	}
	free(lead);
}

bl_vmatch bl_vocab_sentence_item(const bl_doc *doc, bl_sidx *x, size_t si, size_t b)
{
	if (x->sent != si)
		sidx_build(doc, x, si);
	bl_vmatch all[VOCAB_KEEP];
	int n = 0;
	for (size_t k = 0; k < x->nph && n < VOCAB_KEEP; k++) {
		const iphrase *ph = &x->ph[k];
		/* no occurrences at all leaves the arrays NULL (an offset on NULL is undefined) */
		const iocc *occ = x->occ ? x->occ + ph->occ0 : NULL;
		const size_t *pass = x->pass ? x->pass + ph->pass0 : NULL;
		/* accepted matches ending before b: a prefix of pass */
		size_t lo = 0, hi = ph->npass;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (x->occ[pass[mid]].end < b)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t j = 0; j < lo && n < VOCAB_KEEP; j++, n++)
			all[n] = (bl_vmatch){ph->entry, x->occ[pass[j]].start, x->occ[pass[j]].end};
		/* then those ending at b, judged as ending there */
		lo = 0, hi = ph->nocc;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (occ[mid].end < b)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t j = lo; j < ph->nocc && occ[j].end == b && n < VOCAB_KEEP; j++)
			if (occ[j].ok_eq)
				all[n++] = (bl_vmatch){ph->entry, occ[j].start, occ[j].end};
	}
	return best_match(all, n);
}

static int generic_ok(const bl_doc *doc, size_t a, size_t start, size_t end, size_t b)
{
	const bl_flow *f = &doc->flow;
	/* 上年支出数, 支出数: a comparison figure, not the item (支出预算数 is
	 * the budget's) */
	if (end < b && end - start == 2 && bl_cp_in(f->cp[end], bare_not_before))
		return 0;
	for (size_t k = 0; k < sizeof bare_not_after / sizeof bare_not_after[0]; k++) {
		const char *w = bare_not_after[k];
		size_t nl = bl_utf8_count(w, strlen(w));
		if (start >= a + nl && bl_flow_match_n(f, start - nl, start, w, strlen(w)))
			return 0;
	}
	if (bare_boundary(doc, a, start))
		return 1;
	/* 部门预算收入: as if right after 部门 */
	for (size_t k = 0; k < sizeof bare_skips / sizeof bare_skips[0]; k++) {
		const char *w = bare_skips[k];
		size_t nl = bl_utf8_count(w, strlen(w));
		if (start >= a + nl && bl_flow_match_n(f, start - nl, start, w, strlen(w)) == nl &&
		    bare_boundary(doc, a, start - nl))
			return 1;
	}
	return 0;
}

/* Is flow index start a place a bare 收入/支出 may begin: the subject's
 * start, right after a bare_after character, a class mark after a 类 item,
 * or a scope's phrase? */
static int bare_boundary(const bl_doc *doc, size_t a, size_t start)
{
	const bl_flow *f = &doc->flow;
	if (start == a)
		return 1;
	if (bl_cp_in(doc->flow.cp[start - 1], bare_after))
		return 1;
	/* 教育类支出: after a class mark that follows a 类 item's phrase */
	for (size_t k = 0; k < sizeof class_marks / sizeof class_marks[0]; k++) {
		const char *w = class_marks[k];
		size_t nl = bl_utf8_count(w, strlen(w));
		if (start >= a + nl && bl_flow_match_n(f, start - nl, start, w, strlen(w)) == nl &&
		    bl_vocab_class_before(doc, a, start - nl).entry >= 0)
			return 1;
	}
	/* right after a scope phrase: 财政拨款支出 */
	bl_vmatch s = bl_vocab_find(doc, start >= a + 12 ? start - 12 : a, start, BL_V_SCOPE, 0);
	return s.entry >= 0 && s.end == start;
}

bl_vmatch bl_vocab_class_before(const bl_doc *doc, size_t a, size_t at)
{
	static const char tail[] = "支出";
	const size_t tl = sizeof tail - 1;
	bl_vmatch best = BL_VMATCH_NONE;
	for (size_t e = 0; e < NVOCAB; e++) {
		const bl_vocab_entry *v = &bl_vocab_tab[e];
		if (v->kind != BL_V_ITEM || !bl_key_same_head(v->key, BLK_I_F201))
			continue;
		for (const char *p = v->phrases, *next; *p; p = next) {
			size_t len = bl_phrase_span(p, &next);
			/* 教育（类）支出: the phrase 教育支出 without its 支出 */
			if (len > tl && !memcmp(p + len - tl, tail, tl))
				len -= tl;
			size_t n = bl_utf8_count(p, len);
			if (at < a + n || bl_flow_match_n(&doc->flow, at - n, at, p, len) != n)
				continue;
			if (best.entry < 0 || at - n < best.start)
				best = (bl_vmatch){(int)e, at - n, at};
		}
	}
	return best;
}

int bl_vocab_index(const char *key)
{
	for (size_t i = 0; i < NVOCAB; i++)
		if (strcmp(bl_vocab_tab[i].key, key) == 0)
			return (int)i;
	return -1;
}

/* Chinese label of a key built from the vocabulary: scope name + item name. */
void bl_key_label_buf(const char *key, char *out, size_t cap)
{
	for (size_t i = 0; i < NVOCAB; i++)
		if (bl_vocab_tab[i].kind == BL_V_KEY && strcmp(bl_vocab_tab[i].key, key) == 0) {
			snprintf(out, cap, "%s", bl_vocab_tab[i].name);
			return;
		}
	const char *dot = strchr(key, '.');
	const char *scope = "", *item = dot ? dot + 1 : key;
	for (size_t i = 0; dot && i < NVOCAB; i++)
		if (bl_vocab_tab[i].kind == BL_V_SCOPE &&
		    strlen(bl_vocab_tab[i].key) == (size_t)(dot - key) &&
		    strncmp(bl_vocab_tab[i].key, key, (size_t)(dot - key)) == 0)
			scope = strcmp(bl_vocab_tab[i].key, BLK_S_TOTAL) == 0 ? "" : bl_vocab_tab[i].name;
	for (size_t i = 0; dot && i < NVOCAB; i++)
		if (bl_vocab_tab[i].kind == BL_V_ITEM && strcmp(bl_vocab_tab[i].key, dot + 1) == 0)
			item = bl_vocab_tab[i].name;
	/* a 款/项 code: its name, when the classification knows it */
	if (dot && !strncmp(dot + 1, "func.", 5) && strlen(dot + 6) > 3) {
		const char *name = bl_class_name(dot + 6);
		snprintf(out, cap, "%s%s（%s）", scope, name ? name : "功能分类科目", dot + 6);
		return;
	}
	snprintf(out, cap, "%s%s", scope, item);
}

const char *bl_key_label(bl_doc *doc, const char *key);
const char *bl_key_label(bl_doc *doc, const char *key)
{
	char buf[256];
	bl_key_label_buf(key, buf, sizeof buf);
	return bl_arena_strndup(&doc->arena, buf, strlen(buf));
}
