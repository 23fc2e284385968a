/* fact.c - mentions (figures with units) and their resolution into keyed facts. */
#include <string.h>

#include "read/read.h"

/* ---- the vocabulary, from facts.def ---- */

enum vkind { V_SCOPE, V_ITEM, V_KEY };

typedef struct vocab {
	enum vkind kind;
	const char *key, *name, *phrases;
	char ucls; /* stand-alone keys: unit class */
} vocab;

static const vocab vocab_tab[] = {
#define BL_SCOPE(id, key, name, ph) {V_SCOPE, key, name, ph, 0},
#define BL_ITEM(id, key, name, ph) {V_ITEM, key, name, ph, 0},
#define BL_KEY(id, key, name, u, ph) {V_KEY, key, name, ph, u},
#include "facts.def"
#undef BL_SCOPE
#undef BL_ITEM
#undef BL_KEY
};
#define NVOCAB (sizeof vocab_tab / sizeof vocab_tab[0])

/* A key of its own (sangong.total, admin_cost), not scope.item. */
static int is_standalone(const char *key)
{
	for (size_t i = 0; i < NVOCAB; i++)
		if (vocab_tab[i].kind == V_KEY && strcmp(vocab_tab[i].key, key) == 0)
			return vocab_tab[i].ucls == 'M';
	return 0;
}

static const bl_key_info *key_infos(void)
{
	static bl_key_info infos[NVOCAB];
	static int done;
	if (!done) {
		for (size_t i = 0; i < NVOCAB; i++) {
			infos[i].key = vocab_tab[i].key;
			infos[i].name = vocab_tab[i].name;
			infos[i].phrases = vocab_tab[i].phrases;
			infos[i].kind = vocab_tab[i].kind == V_SCOPE  ? "scope"
					: vocab_tab[i].kind == V_ITEM ? "item"
								      : "key";
		}
		done = 1;
	}
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

static int is_quote(uint32_t c)
{
	return c == 0x201C || c == 0x201D || c == '"' || c == 0x2018 || c == 0x2019;
}

/* lead[i - a] for each i in [a, b): the first code point at or after i that
 * is not a quote, when at most BL_QUOTE_RUN quotes come before it and it lies
 * before b; else 0. A phrase can only match at i if it starts with lead[i - a]. */
static void quote_leads(const bl_flow *f, size_t a, size_t b, uint32_t *lead)
{
	for (size_t i = b, next = b; i-- > a;) {
		if (!is_quote(f->cp[i]))
			next = i;
		lead[i - a] = next < b && next - i <= BL_QUOTE_RUN ? f->cp[next] : 0;
	}
}

/* Matches phrase p (len bytes) at flow i; returns code points consumed or 0. */
static size_t match_n(const bl_flow *f, size_t i, size_t end, const char *p, size_t len)
{
	size_t start = i;
	while (len > 0) {
		int l;
		uint32_t c = bl_utf8_decode(p, len, &l);
		for (size_t q = 0; i < end && is_quote(f->cp[i]) && !is_quote(c); q++, i++)
			if (q == BL_QUOTE_RUN)
				return 0;
		if (i >= end || f->cp[i] != c)
			return 0;
		i++;
		p += l;
		len -= (size_t)l;
	}
	return i - start;
}

typedef struct vmatch {
	int entry; /* index into vocab_tab, -1 if none */
	size_t start, end;
} vmatch;

/* Matches a vocabulary search keeps: the first ones in vocabulary, phrase
 * and position order. */
#define VOCAB_KEEP 64

static int generic_ok(const bl_doc *doc, size_t a, size_t start, size_t end, size_t b);

/* Of the matches collected, the one that ends last; where matches overlap,
 * the longest wins (一般公共服务支出 over 支出预算). */
static vmatch best_match(const vmatch *all, int n)
{
	vmatch best = {-1, 0, 0};
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
static vmatch find_vocab(const bl_doc *doc, size_t a, size_t b, enum vkind kind, char ucls)
{
	vmatch all[VOCAB_KEEP];
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
		const vocab *v = &vocab_tab[e];
		if (v->kind != kind || (kind == V_KEY && v->ucls != ucls))
			continue;
		for (const char *p = v->phrases; *p;) {
			const char *bar = strchr(p, '|');
			size_t len = bar ? (size_t)(bar - p) : strlen(p);
			int l0;
			uint32_t c0 = bl_utf8_decode(p, len, &l0);
			for (size_t i = a; i < b && n < VOCAB_KEEP; i++) {
				if (lead[i - a] != c0)
					continue; /* the cheap test first: most positions fail here */
				size_t m = match_n(f, i, b, p, len);
				if (!m)
					continue;
				/* bare 收入 / 支出 only after a scope, a year or a boundary */
				if (kind == V_ITEM && len == 6 && !generic_ok(doc, a, i, i + m, b))
					continue;
				all[n].entry = (int)e;
				all[n].start = i;
				all[n].end = i + m;
				n++;
			}
			p += len + (bar ? 1 : 0);
		}
	}
	if (lead != lead_buf)
		free(lead);
	return best_match(all, n);
}

/* The item phrases of one sentence, for the item search from the sentence's
 * start to each of its figures (find_vocab(st->start, b, V_ITEM) answered
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

typedef struct sidx {
	size_t sent; /* the sentence indexed, or (size_t)-1 */
	iphrase *ph;
	size_t nph, phcap;
	iocc *occ;
	size_t nocc, occcap;
	size_t *pass;
	size_t npass, passcap;
} sidx;

static void sidx_build(const bl_doc *doc, sidx *x, size_t si)
{
	const bl_flow *f = &doc->flow;
	const bl_sentence *st = &doc->sent[si];
	size_t a = st->start, b = st->end;
	x->sent = si;
	x->nph = x->nocc = x->npass = 0;
	uint32_t *lead = bl_xmalloc((b > a ? b - a : 1) * sizeof *lead); /* as in find_vocab */
	quote_leads(f, a, b, lead);
	for (size_t e = 0; e < NVOCAB; e++) {
		const vocab *v = &vocab_tab[e];
		if (v->kind != V_ITEM)
			continue;
		for (const char *p = v->phrases; *p;) {
			const char *bar = strchr(p, '|');
			size_t len = bar ? (size_t)(bar - p) : strlen(p);
			int l0;
			uint32_t c0 = bl_utf8_decode(p, len, &l0);
			size_t occ0 = x->nocc, pass0 = x->npass;
			for (size_t i = a; i < b; i++) {
				if (lead[i - a] != c0)
					continue;
				size_t m = match_n(f, i, b, p, len);
				if (!m)
					continue;
				iocc *o = BL_PUSH(x->occ, x->nocc, x->occcap);
				o->start = i;
				o->end = i + m;
				o->ok_lt = o->ok_eq = 1;
				if (len == 6) {
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
			p += len + (bar ? 1 : 0);
		}
	}
	free(lead);
}

/* find_vocab(doc, st->start, b, V_ITEM, 0) for sentence si, from its index. */
static vmatch sentence_item(const bl_doc *doc, sidx *x, size_t si, size_t b)
{
	if (x->sent != si)
		sidx_build(doc, x, si);
	vmatch all[VOCAB_KEEP];
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
			all[n] = (vmatch){ph->entry, x->occ[pass[j]].start, x->occ[pass[j]].end};
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
				all[n++] = (vmatch){ph->entry, occ[j].start, occ[j].end};
	}
	return best_match(all, n);
}

static int generic_ok(const bl_doc *doc, size_t a, size_t start, size_t end, size_t b)
{
	const bl_flow *f = &doc->flow;
	/* 上年支出数, 支出数: a comparison figure, not the item */
	if (end < b && f->cp[end] == 0x6570) /* 数 */
		return 0;
	if (start >= a + 2 && match_n(f, start - 2, start, "上年", 6))
		return 0;
	if (start == a)
		return 1;
	uint32_t c = doc->flow.cp[start - 1];
	static const uint32_t ok[] = {0x5E74, 0x5EA6, 0x672C, 0x7684, 0x95E8, 0x4F4D, 0xFF0C,
				      0xFF1A, 0x3001, 0x3002, 0xFF1B, ' ',    0xFF09, ':', ','};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		if (c == ok[i])
			return 1;
	/* right after a scope phrase: 财政拨款支出 */
	vmatch s = find_vocab(doc, start >= a + 12 ? start - 12 : a, start, V_SCOPE, 0);
	return s.entry >= 0 && s.end == start;
}

/* ---- mentions ---- */

typedef struct mention {
	size_t start, end; /* the number, flow indices */
	size_t uend;       /* past the unit */
	bl_dec value;
	const char *unit;
	char ucls; /* M money, % percent, V P B counts, C other counts */
	int zero_word;
} mention;

static const struct {
	const char *text;
	char ucls;
} units[] = {
	{"万元", 'M'}, {"亿元", 'M'}, {"元", 'M'}, {"%", '%'},  {"辆", 'V'},
	{"人次", 'P'}, {"批次", 'B'}, {"人", 'P'}, {"个", 'C'}, {"项", 'C'},
};

static int is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

/* Scans a figure at flow i: digits, thousands commas, one decimal point.
 * Returns the end index, or i when there is none. */
static size_t scan_number(const bl_flow *f, size_t i, size_t end)
{
	size_t j = i;
	while (j < end && is_digit(f->cp[j]))
		j++;
	if (j == i)
		return i;
	while (j + 3 < end && f->cp[j] == ',' && is_digit(f->cp[j + 1]) && is_digit(f->cp[j + 2]) &&
	       is_digit(f->cp[j + 3]) && (j + 4 >= end || !is_digit(f->cp[j + 4])))
		j += 4;
	if (j + 1 < end && f->cp[j] == '.' && is_digit(f->cp[j + 1])) {
		j++;
		while (j < end && is_digit(f->cp[j]))
			j++;
	}
	return j;
}

static void scan_mentions(bl_doc *doc, size_t a, size_t b, mention **out, size_t *n, size_t *cap)
{
	const bl_flow *f = &doc->flow;
	for (size_t i = a; i < b; i++) {
		if (!is_digit(f->cp[i]) || (i > a && (is_digit(f->cp[i - 1]) || f->cp[i - 1] == '.')))
			continue;
		size_t e = scan_number(f, i, b);
		if (i > a && (f->cp[i - 1] == 0x3014 || f->cp[i - 1] == 0x7B2C)) { /* 〔 第 */
			i = e;
			continue;
		}
		size_t u = e;
		while (u < b && f->cp[u] == ' ')
			u++;
		for (size_t k = 0; k < sizeof units / sizeof units[0]; k++) {
			size_t m = match_n(f, u, b, units[k].text, strlen(units[k].text));
			if (!m)
				continue;
			char buf[64];
			size_t bl = 0;
			for (size_t x = i; x < e && bl < sizeof buf; x++)
				buf[bl++] = (char)f->cp[x];
			bl_dec d;
			if (bl_dec_parse(buf, bl, &d) != BL_OK)
				break;
			mention *mt = BL_PUSH(*out, *n, *cap);
			mt->start = i;
			mt->end = e;
			mt->uend = u + m;
			mt->value = d;
			mt->unit = units[k].text;
			mt->ucls = units[k].ucls;
			mt->zero_word = 0;
			break;
		}
		i = e > i ? e - 1 : i;
	}
	/* words that state a zero change */
	static const char *const zero_words[] = {"保持一致", "持平", "无增减", "与上年一致", "无变化"};
	for (size_t i = a; i < b; i++) {
		for (size_t k = 0; k < sizeof zero_words / sizeof zero_words[0]; k++) {
			size_t m = match_n(f, i, b, zero_words[k], strlen(zero_words[k]));
			if (!m || (k == 1 && i >= a + 2 && match_n(f, i - 2, b, "基本", 6)))
				continue;
			mention *mt = BL_PUSH(*out, *n, *cap);
			mt->start = i;
			mt->end = mt->uend = i + m;
			mt->value.u = 0;
			mt->value.prec = BL_DEC_EXACT;
			mt->unit = NULL;
			mt->ucls = 'Z';
			mt->zero_word = 1;
			break;
		}
	}
}

static int cmp_mention(const void *x, const void *y)
{
	const mention *a = x, *b = y;
	return (a->start > b->start) - (a->start < b->start);
}

/* ---- resolution ---- */

static const char *const reason_markers[] = {"主要原因", "原因是", "主要是", "主要用于", "主要包括",
					     "一是",     "二是",   "三是",   "用于"};

/* The reason markers of one paragraph, to tell for any [a, b) inside it
 * whether a marker lies there (has_reason_between) without reading [a, b)
 * again for every figure that asks. A marker at i ending at e counts for
 * [a, b) when a <= i and e <= b, unless 以下 follows it and ends (at ee)
 * within b too: so a marker without 以下 counts when e <= b, one with it
 * when e <= b < ee. */
typedef struct rmark {
	size_t at, e, ee;
} rmark;

typedef struct pidx {
	int para; /* the paragraph indexed, or -1 */
	rmark *plain; /* no 以下 after it, by at; plain_min[k]: least e of plain[k..] */
	size_t nplain, plaincap;
	size_t *plain_min;
	size_t pmcap;
	rmark *listed; /* 以下 after it, by e */
	size_t nlisted, listedcap;
	size_t span; /* the largest ee - e of listed */
	size_t *semi; /* semicolons (；;), in order */
	size_t nsemi, semicap;
} pidx;

static int cmp_rmark_e(const void *x, const void *y)
{
	const rmark *a = x, *b = y;
	return (a->e > b->e) - (a->e < b->e);
}

static void pidx_build(const bl_doc *doc, pidx *x, int para)
{
	const bl_flow *f = &doc->flow;
	x->para = para;
	x->nplain = x->nlisted = x->nsemi = x->span = 0;
	for (size_t i = (size_t)doc->para_start[para]; i < f->n && f->cp[i] != '\n'; i++) {
		if (f->cp[i] == 0xFF1B || f->cp[i] == ';')
			*BL_PUSH(x->semi, x->nsemi, x->semicap) = i;
		for (size_t k = 0; k < sizeof reason_markers / sizeof reason_markers[0]; k++) {
			size_t m = bl_flow_match(f, i, f->n, reason_markers[k]);
			if (!m)
				continue;
			size_t at = i + strlen(reason_markers[k]) / 3, m2 = bl_flow_match(f, at, f->n, "以下");
			if (m2) {
				*BL_PUSH(x->listed, x->nlisted, x->listedcap) = (rmark){i, i + m, at + m2};
				if (at + m2 > i + m && at + m2 - (i + m) > x->span)
					x->span = at + m2 - (i + m);
			} else {
				*BL_PUSH(x->plain, x->nplain, x->plaincap) = (rmark){i, i + m, 0};
			}
		}
	}
	bl_grow((void **)&x->plain_min, &x->pmcap, x->nplain + 1, sizeof *x->plain_min);
	x->plain_min[x->nplain] = (size_t)-1;
	for (size_t k = x->nplain; k-- > 0;)
		x->plain_min[k] = x->plain[k].e < x->plain_min[k + 1] ? x->plain[k].e : x->plain_min[k + 1];
	if (x->nlisted > 1)
		qsort(x->listed, x->nlisted, sizeof *x->listed, cmp_rmark_e);
}

/* A reason marker in [a, b) of paragraph para; 主要用于以下方面： introduces
 * a list of figures, not a reason. */
static int has_reason_between(const bl_doc *doc, pidx *x, int para, size_t a, size_t b)
{
	if (x->para != para)
		pidx_build(doc, x, para);
	size_t lo = 0, hi = x->nplain;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (x->plain[mid].at < a)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (x->plain_min[lo] <= b)
		return 1;
	/* a listed marker counts only when b cuts its 以下: e within span of b */
	lo = 0, hi = x->nlisted;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (x->listed[mid].e + x->span < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t k = lo; k < x->nlisted && x->listed[k].e <= b; k++)
		if (x->listed[k].at >= a && x->listed[k].ee > b)
			return 1;
	return 0;
}

/* The start of a reason's clause: past the last semicolon in [as, afl) of
 * paragraph para (原因是…；项目支出34万元 is outside the reason), else as. */
static size_t clause_start(const bl_doc *doc, pidx *x, int para, size_t as, size_t afl)
{
	if (x->para != para)
		pidx_build(doc, x, para);
	size_t lo = 0, hi = x->nsemi;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (x->semi[mid] < afl)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && x->semi[lo - 1] >= as ? x->semi[lo - 1] + 1 : as;
}

/* +1 for 增加-type words right before the figure, -1 for 减少-type, else 0. */
static int direction_before(const bl_flow *f, size_t a, size_t b)
{
	while (b > a && (f->cp[b - 1] == ' ' || f->cp[b - 1] == 0x4E86)) /* 了 */
		b--;
	static const char *const up[] = {"增加", "增长", "上升", "提高", "增"};
	static const char *const down[] = {"减少", "下降", "降低", "减"};
	for (size_t k = 0; k < sizeof up / sizeof up[0]; k++) {
		size_t l = strlen(up[k]) / 3;
		if (b >= a + l && match_n(f, b - l, b, up[k], strlen(up[k])) == l)
			return 1;
	}
	for (size_t k = 0; k < sizeof down / sizeof down[0]; k++) {
		size_t l = strlen(down[k]) / 3;
		if (b >= a + l && match_n(f, b - l, b, down[k], strlen(down[k])) == l)
			return -1;
	}
	return 0;
}

static bl_basis basis_in(const bl_flow *f, size_t a, size_t b)
{
	if (bl_flow_find(f, a, b, "年初预算") != (size_t)-1 ||
	    bl_flow_find(f, a, b, "较预算") != (size_t)-1 || bl_flow_find(f, a, b, "比预算") != (size_t)-1)
		return BL_B_INITIAL_BUDGET;
	static const char *const prev[] = {"比上年", "较上年", "比去年", "较去年", "同比", "上年度", "与上年"};
	for (size_t k = 0; k < sizeof prev / sizeof prev[0]; k++)
		if (bl_flow_find(f, a, b, prev[k]) != (size_t)-1)
			return BL_B_PREV_YEAR;
	for (size_t i = a; i + 1 < b; i++) {
		uint32_t c = f->cp[i];
		if ((c == 0x6BD4 || c == 0x8F83 || c == 0x4E0E) && is_digit(f->cp[i + 1])) /* 比 较 与 */
			return BL_B_PREV_YEAR;
	}
	return BL_B_NONE;
}

/* A year printed in the subject that is not a comparison base; 0 if none. */
static int period_in(const bl_flow *f, size_t a, size_t b)
{
	for (size_t i = a; i + 4 < b; i++) {
		size_t nian;
		int y = bl_flow_year_at(f, i, b, &nian);
		if (!y)
			continue;
		uint32_t p = i > a ? f->cp[i - 1] : 0;
		if (p == 0x6BD4 || p == 0x8F83 || p == 0x4E0E || p == 0x81F3) /* 比 较 与 至 */
			continue;
		return y;
	}
	return 0;
}

static int has_subitem_mark(const bl_flow *f, size_t a, size_t b)
{
	return bl_flow_find(f, a, b, "（项）") != (size_t)-1 || bl_flow_find(f, a, b, "（款）") != (size_t)-1 ||
	       bl_flow_find(f, a, b, "(项)") != (size_t)-1 || bl_flow_find(f, a, b, "(款)") != (size_t)-1;
}

/* What resolution reads again and again of one document, kept. */
typedef struct fctx {
	int *title_scope; /* per section: the scope its title names, -1 none, -2 not read yet */
	int sub_para;     /* the paragraph whose 款/项 marks are below, or -1 */
	size_t sub_end;   /* where the first mark of sub_para ends, or (size_t)-1 */
	int sub_title;    /* sub_para's section title names a 款/项 line */
	int para;         /* the paragraph whose last facts are below, or -1 */
	int last_value, last_change;
	int total, people; /* vocab_tab indices of "total", "reception.people" */
	pidx reasons;
	sidx items;
} fctx;

/* Is the paragraph about a 款/项 line: marked so before b, or under a
 * numbered heading that names one (12、住房保障支出（类）…住房公积金（项）。)?
 * A mark lies in [start, b) when the first one of the paragraph ends by b. */
static int paragraph_has_subitem(const bl_doc *doc, fctx *cx, int para, size_t b)
{
	const bl_flow *f = &doc->flow;
	if (cx->sub_para != para) {
		static const char *const marks[] = {"（项）", "（款）", "(项)", "(款)"};
		size_t end = (size_t)-1;
		for (size_t i = (size_t)doc->para_start[para]; i < f->n && i < end && f->cp[i] != '\n'; i++)
			for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++) {
				size_t m = bl_flow_match(f, i, f->n, marks[k]);
				if (m && i + m < end)
					end = i + m;
			}
		cx->sub_para = para;
		cx->sub_end = end;
		cx->sub_title = 0;
		int s = doc->sec_of_para[para];
		if (s >= 0) {
			size_t off = (size_t)(doc->sec[s].title.p - doc->bytes);
			size_t lo = bl_flow_index(f, off), hi = bl_flow_index(f, off + doc->sec[s].title.n);
			cx->sub_title = has_subitem_mark(f, lo, hi);
		}
	}
	return cx->sub_end <= b || cx->sub_title;
}

typedef struct sent_state {
	int last_fact;   /* previous fact in the sentence, -1 */
	int scope;       /* vocab index of the scope in force, -1 */
} sent_state;

static int section_scope(const bl_doc *doc, fctx *cx, int para)
{
	for (int s = doc->sec_of_para[para]; s >= 0; s = doc->sec[s].parent) {
		if (cx->title_scope[s] == -2) {
			const bl_section *sec = &doc->sec[s];
			/* the title as flow: find it by its source offset */
			size_t off = (size_t)(sec->title.p - doc->bytes);
			size_t lo = bl_flow_index(&doc->flow, off);
			size_t end = lo;
			while (end < doc->flow.n && doc->flow.src[end] < off + sec->title.n)
				end++;
			cx->title_scope[s] = find_vocab(doc, lo, end, V_SCOPE, 0).entry;
		}
		if (cx->title_scope[s] >= 0)
			return cx->title_scope[s];
	}
	return -1;
}

static int vocab_index(const char *key)
{
	for (size_t i = 0; i < NVOCAB; i++)
		if (strcmp(vocab_tab[i].key, key) == 0)
			return (int)i;
	return -1;
}

static bl_fact *new_fact(bl_doc *doc, const mention *m, size_t subj)
{
	bl_fact *ft = BL_PUSH(doc->facts, doc->nfacts, doc->facts_cap);
	memset(ft, 0, sizeof *ft);
	ft->value = m->value;
	ft->unit = m->unit;
	ft->anchor = -1;
	ft->pos = bl_doc_pos_of(doc, doc->flow.src[m->start]);
	ft->text = bl_flow_slice(doc, subj, m->uend);
	ft->figure = bl_flow_slice(doc, m->start, m->uend);
	ft->zero_word = m->zero_word;
	return ft;
}

static void resolve_sentence(bl_doc *doc, fctx *cx, size_t si, const mention *ms, size_t nm, int prev_first_scope,
			     int *first_scope_out)
{
	const bl_flow *f = &doc->flow;
	const bl_sentence *st = &doc->sent[si];
	int year = doc->profile.year;
	sent_state ss = {-1, -1};
	/* facts are made in text order: the paragraph's and the sentence's are
	 * the last ones, and the latest of a kind is kept instead of searched */
	if (cx->para != st->paragraph) {
		cx->para = st->paragraph;
		cx->last_value = cx->last_change = -1;
	}
	int last_standalone = -1;
	size_t prev_end = st->start;
	/* a paragraph keeps the scope its first figure set */
	ss.scope = prev_first_scope;
	*first_scope_out = prev_first_scope;
	/* the last amount in this sentence that became no fact (a 款/项 line's):
	 * a percent after it is that amount's, not an earlier fact's */
	size_t orphan = (size_t)-1, prev_money = (size_t)-1, prev_nf = doc->nfacts;
	for (size_t k = 0; k < nm; k++) {
		const mention *m = &ms[k];
		if (prev_money != (size_t)-1 && doc->nfacts == prev_nf)
			orphan = prev_money;
		prev_money = m->ucls == 'M' ? m->start : (size_t)-1;
		prev_nf = doc->nfacts;
		size_t a = prev_end, b = m->start;
		prev_end = m->uend;
		if (m->ucls == 'C')
			continue;
		int dir = m->zero_word ? 0 : direction_before(f, a, b);
		bl_basis basis = basis_in(f, a, b);
		vmatch scope = find_vocab(doc, a, b, V_SCOPE, 0);
		vmatch item = m->ucls == '%' || m->ucls == 'M' || m->ucls == 'Z'
				      ? find_vocab(doc, a, b, V_ITEM, 0)
				      : (vmatch){-1, 0, 0};
		char kc = m->ucls;
		if (kc == 'M' && bl_flow_find(f, a, b, "人均") != (size_t)-1)
			kc = 'Y';
		vmatch key = kc == '%' || kc == 'Z' ? (vmatch){-1, 0, 0} : find_vocab(doc, a, b, V_KEY, kc);
		/* 17批次150人: the people of the batches just before */
		if (m->ucls == 'P' && key.entry < 0 && ss.last_fact >= 0 &&
		    strcmp(doc->facts[ss.last_fact].key, "reception.batches") == 0 && b - a <= 2)
			key.entry = cx->people;
		/* 一般公共预算拨款592.29万元 inside a 收入预算 sentence: the sentence's item */
		if (item.entry < 0 && key.entry < 0 && scope.entry >= 0 && m->ucls == 'M' && !dir)
			item = sentence_item(doc, &cx->items, si, a);
		if (key.entry >= 0 && item.entry >= 0) {
			if (item.end > key.end || (item.end == key.end && item.start < key.start))
				key.entry = -1;
			else
				item.entry = -1;
		}
		/* 款/项 lines are below the level the keys describe */
		if (item.entry >= 0 && strncmp(vocab_tab[item.entry].key, "func.", 5) == 0 &&
		    (bl_flow_find(f, item.end, b, "款") != (size_t)-1 ||
		     bl_flow_find(f, item.end, b, "项") != (size_t)-1 ||
		     bl_flow_find(f, item.end, b, "-") != (size_t)-1 ||
		     bl_flow_find(f, item.end, b, "—") != (size_t)-1 ||
		     bl_flow_find(f, item.end, b, "科目") != (size_t)-1))
			continue;

		bl_measure measure = BL_M_VALUE;
		if (m->ucls == '%') {
			if (bl_flow_find(f, a, b, "占") != (size_t)-1)
				measure = BL_M_SHARE_PCT;
			else if (bl_flow_find(f, a, b, "完成") != (size_t)-1)
				measure = BL_M_COMPLETION_PCT;
			else if (dir)
				measure = BL_M_CHANGE_PCT;
			else
				continue;
		} else if (m->zero_word || dir) {
			measure = BL_M_CHANGE;
		}

		const char *keystr = NULL;
		int anchor = -1;
		int scope_used = -1;
		if (measure == BL_M_SHARE_PCT || measure == BL_M_COMPLETION_PCT ||
		    (measure != BL_M_VALUE && key.entry < 0 && item.entry < 0)) {
			/* qualifies the figure before it: the paragraph's last change
			 * (for a percent change) or value */
			anchor = measure == BL_M_CHANGE_PCT ? cx->last_change : cx->last_value;
			if (anchor >= 0) {
				/* never across a stated reason, nor to a figure inside one */
				const bl_fact *p = &doc->facts[anchor];
				size_t afl = bl_flow_index(&doc->flow, (size_t)(p->figure.p - doc->bytes));
				size_t from = afl > st->start ? afl : st->start;
				size_t as = doc->sent[p->sentence].start;
				/* a reason ends at a semicolon: 原因是…；项目支出34万元 is outside it */
				as = clause_start(doc, &cx->reasons, st->paragraph, as, afl);
				if (has_reason_between(doc, &cx->reasons, st->paragraph, from, b) ||
				    has_reason_between(doc, &cx->reasons, st->paragraph, as, afl))
					anchor = -1;
				if (orphan != (size_t)-1 && orphan > afl && orphan < b)
					anchor = -1;
			}
			if (anchor < 0 && key.entry < 0 && item.entry < 0)
				continue;
			if (anchor >= 0 && key.entry < 0 && item.entry < 0) {
				keystr = doc->facts[anchor].key;
				if (measure == BL_M_CHANGE_PCT && basis == BL_B_NONE)
					basis = doc->facts[anchor].basis;
			}
		}
		if (!keystr && key.entry >= 0) {
			const char *kk = vocab_tab[key.entry].key;
			/* a procurement figure under a named fund is a sub-figure */
			if (strncmp(kk, "procurement.", 12) == 0 &&
			    (scope.entry >= 0 || (ss.scope >= 0 && strcmp(vocab_tab[ss.scope].key, "total"))))
				continue;
			/* 国（境）外公务接待, 外事接待 are not the domestic figures */
			if (strncmp(kk, "reception.", 10) == 0 &&
			    (bl_flow_find(f, a, b, "外事") != (size_t)-1 || bl_flow_find(f, a, b, "外公务") != (size_t)-1))
				continue;
			keystr = kk;
		}
		int inferred = anchor >= 0 && key.entry < 0 && item.entry < 0;
		if (!keystr && item.entry >= 0 && scope.entry < 0 &&
		    (!strcmp(vocab_tab[item.entry].key, "expense") || !strcmp(vocab_tab[item.entry].key, "income"))) {
			/* “三公”经费…年初预算为A万元，支出决算为B万元: a bare 支出 goes on
			 * with the stand-alone subject named earlier in the sentence */
			if (last_standalone >= 0) {
				keystr = doc->facts[last_standalone].key;
				inferred = 1;
			}
		}
		if (!keystr && item.entry >= 0) {
			/* below a 款/项 heading, an unscoped 收入/支出 is that line's figure */
			if (scope.entry < 0 && paragraph_has_subitem(doc, cx, st->paragraph, b))
				continue;
			int sc = scope.entry;
			inferred = scope.entry < 0 && strcmp(vocab_tab[item.entry].key, "grand_total");
			if (sc < 0)
				sc = ss.scope;
			if (sc < 0)
				sc = section_scope(doc, cx, st->paragraph);
			if (sc < 0)
				sc = cx->total;
			scope_used = sc;
			keystr = bl_arena_printf(&doc->arena, "%s.%s", vocab_tab[sc].key,
						 vocab_tab[item.entry].key);
		}
		if (!keystr)
			continue;
		if (measure == BL_M_VALUE && item.entry < 0 && key.entry < 0)
			continue;

		bl_fact *ft = new_fact(doc, m, a);
		ft->key = keystr;
		ft->measure = measure;
		ft->anchor = anchor;
		if (m->zero_word && anchor >= 0)
			ft->unit = doc->facts[anchor].unit;
		ft->sentence = (int)si;
		ft->paragraph = st->paragraph;
		ft->word_sign = dir;
		ft->inferred = inferred;
		if (dir < 0)
			ft->value = bl_dec_neg(ft->value);
		if (measure == BL_M_CHANGE || measure == BL_M_CHANGE_PCT) {
			if (basis == BL_B_NONE && anchor >= 0)
				basis = doc->facts[anchor].basis;
			ft->basis = basis == BL_B_NONE ? BL_B_PREV_YEAR : basis;
		} else if (measure == BL_M_COMPLETION_PCT) {
			ft->basis = BL_B_INITIAL_BUDGET;
		} else if (measure == BL_M_VALUE && doc->profile.kind == BL_KIND_FINAL &&
			   basis == BL_B_INITIAL_BUDGET && dir == 0) {
			ft->basis = BL_B_INITIAL_BUDGET;
		}
		int py = period_in(f, a, b);
		ft->period = measure == BL_M_VALUE && py ? py : year;
		if (measure == BL_M_SHARE_PCT) {
			size_t z = bl_flow_find(f, a, b, "占");
			vmatch w = find_vocab(doc, z, b, V_ITEM, 0);
			if (w.entry >= 0)
				ft->whole = bl_arena_printf(&doc->arena, "total.%s", vocab_tab[w.entry].key);
		}
		if (scope_used >= 0) {
			ss.scope = scope_used;
			if (*first_scope_out < 0)
				*first_scope_out = scope_used;
		} else if (*first_scope_out < 0 && ss.last_fact < 0) {
			/* a stand-alone key first: the paragraph has no money scope */
			*first_scope_out = -1;
		}
		ss.last_fact = (int)doc->nfacts - 1;
		if (measure == BL_M_VALUE)
			cx->last_value = ss.last_fact;
		else if (measure == BL_M_CHANGE)
			cx->last_change = ss.last_fact;
		if (is_standalone(keystr))
			last_standalone = ss.last_fact;
	}
}

void bl_facts_build(bl_doc *doc)
{
	mention *ms = NULL;
	size_t nm = 0, cap = 0;
	int prev_para = -1, prev_first_scope = -1;
	fctx cx = {0};
	cx.title_scope = bl_xmalloc((doc->nsec ? doc->nsec : 1) * sizeof *cx.title_scope);
	for (size_t s = 0; s < doc->nsec; s++)
		cx.title_scope[s] = -2;
	cx.sub_para = cx.para = cx.reasons.para = -1;
	cx.items.sent = (size_t)-1;
	cx.total = vocab_index("total");
	cx.people = vocab_index("reception.people");
	for (size_t si = 0; si < doc->nsent; si++) {
		const bl_sentence *st = &doc->sent[si];
		nm = 0;
		scan_mentions(doc, st->start, st->end, &ms, &nm, &cap);
		if (nm > 1)
			qsort(ms, nm, sizeof *ms, cmp_mention);
		if (st->paragraph != prev_para)
			prev_first_scope = -1;
		int first = -1;
		resolve_sentence(doc, &cx, si, ms, nm, prev_first_scope, &first);
		if (first >= 0)
			prev_first_scope = first;
		prev_para = st->paragraph;
	}
	free(ms);
	free(cx.title_scope);
	free(cx.reasons.plain);
	free(cx.reasons.plain_min);
	free(cx.reasons.listed);
	free(cx.reasons.semi);
	free(cx.items.ph);
	free(cx.items.occ);
	free(cx.items.pass);
	/* the document's money precision: the most decimals any 万元 amount
	 * shows, and at least the two decimals of the official 万元 tables */
	int mp = 2;
	for (size_t i = 0; i < doc->nfacts; i++) {
		const bl_fact *f = &doc->facts[i];
		if (f->unit && !strcmp(f->unit, "万元") && !f->zero_word && f->value.prec > mp && f->value.prec <= 4)
			mp = f->value.prec;
	}
	for (size_t i = 0; i < doc->nfacts; i++) {
		bl_fact *f = &doc->facts[i];
		f->eff_prec = f->value.prec;
		if (f->unit && !strcmp(f->unit, "万元") && f->value.prec < mp)
			f->eff_prec = mp;
	}
}

BL_API size_t bl_doc_nfacts(const bl_doc *doc)
{
	return doc->nfacts;
}

BL_API const bl_fact *bl_doc_fact(const bl_doc *doc, size_t i)
{
	return i < doc->nfacts ? &doc->facts[i] : NULL;
}

BL_API const char *bl_measure_name(bl_measure m)
{
	static const char *const n[] = {"value", "change", "change_pct", "share_pct", "completion_pct"};
	return (unsigned)m < 5 ? n[m] : "value";
}

BL_API const char *bl_basis_name(bl_basis b)
{
	return b == BL_B_PREV_YEAR ? "prev_year" : b == BL_B_INITIAL_BUDGET ? "initial_budget" : NULL;
}

/* Chinese label of a key built from the vocabulary: scope name + item name. */
void bl_key_label_buf(const char *key, char *out, size_t cap)
{
	for (size_t i = 0; i < NVOCAB; i++)
		if (vocab_tab[i].kind == V_KEY && strcmp(vocab_tab[i].key, key) == 0) {
			snprintf(out, cap, "%s", vocab_tab[i].name);
			return;
		}
	const char *dot = strchr(key, '.');
	const char *scope = "", *item = dot ? dot + 1 : key;
	for (size_t i = 0; dot && i < NVOCAB; i++)
		if (vocab_tab[i].kind == V_SCOPE && strlen(vocab_tab[i].key) == (size_t)(dot - key) &&
		    strncmp(vocab_tab[i].key, key, (size_t)(dot - key)) == 0)
			scope = strcmp(vocab_tab[i].key, "total") == 0 ? "" : vocab_tab[i].name;
	for (size_t i = 0; dot && i < NVOCAB; i++)
		if (vocab_tab[i].kind == V_ITEM && strcmp(vocab_tab[i].key, dot + 1) == 0)
			item = vocab_tab[i].name;
	snprintf(out, cap, "%s%s", scope, item);
}

const char *bl_key_label(bl_doc *doc, const char *key);
const char *bl_key_label(bl_doc *doc, const char *key)
{
	char buf[256];
	bl_key_label_buf(key, buf, sizeof buf);
	return bl_arena_strndup(&doc->arena, buf, strlen(buf));
}
