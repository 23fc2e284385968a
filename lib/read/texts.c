/* texts.c - the free text a narrative carries besides its figures.
 *
 * Render needs what only the department can write: the reason for a change
 * (主要原因是…), what money is for (主要用于…), the unit's duties, its
 * organisation and composition, and the notes of sections that state no
 * figure (我单位不在机关运行经费统计范围之内). They are read here so that
 * extract's JSON carries them and a narrative can be written again without
 * losing a word of them. */
#include <string.h>

#include "read/read.h"

/* The texts made so far by (id, key, basis), so that asking whether one is
 * there costs O(1), not a pass over all of them for every fact. */
typedef struct tset {
	size_t *slot; /* index into doc->texts + 1, or 0 */
	size_t cap;   /* a power of two */
} tset;

static size_t tset_hash(const char *id, const char *key, bl_basis b)
{
	size_t h = 1469598103934665603u;
	for (const char *p = id; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211u;
	h = (h ^ 0xFF) * 1099511628211u;
	for (const char *p = key; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211u;
	return (h ^ (size_t)b) * 1099511628211u;
}

static int tset_has(const bl_doc *doc, const tset *ts, const char *id, const char *key, bl_basis b)
{
	if (!ts->cap)
		return 0;
	for (size_t h = tset_hash(id, key, b) & (ts->cap - 1);; h = (h + 1) & (ts->cap - 1)) {
		if (!ts->slot[h])
			return 0;
		const bl_doc_text *t = &doc->texts[ts->slot[h] - 1];
		if (t->basis == b && strcmp(t->id, id) == 0 && strcmp(t->key, key) == 0)
			return 1;
	}
}

static void tset_add(const bl_doc *doc, tset *ts, size_t ti)
{
	if (2 * (doc->ntexts + 1) > ts->cap) {
		tset old = *ts;
		ts->cap = ts->cap ? ts->cap * 2 : 64;
		ts->slot = bl_xcalloc(ts->cap, sizeof *ts->slot);
		for (size_t k = 0; k < old.cap; k++)
			if (old.slot[k])
				tset_add(doc, ts, old.slot[k] - 1);
		free(old.slot);
	}
	const bl_doc_text *t = &doc->texts[ti];
	size_t h = tset_hash(t->id, t->key, t->basis) & (ts->cap - 1);
	while (ts->slot[h])
		h = (h + 1) & (ts->cap - 1);
	ts->slot[h] = ti + 1;
}

/* keep_lines: a section's lines stay lines; else wraps inside a paragraph are joined. */
static void add_text(bl_doc *doc, tset *ts, const char *id, const char *key, bl_basis b, bl_str s, bl_pos pos,
		     bl_pos end, int keep_lines)
{
	char *t = bl_arena_alloc(&doc->arena, s.n + 1), *p = t;
	for (size_t i = 0; i < s.n; i++)
		if ((keep_lines && s.p[i] == '\n') || (s.p[i] != '\n' && s.p[i] != '\r' && s.p[i] != '\f'))
			*p++ = s.p[i];
	*p = 0;
	while (p > t && (p[-1] == ' ' || p[-1] == '\t'))
		*--p = 0;
	if (!*t)
		return;
	bl_doc_text *x = BL_PUSH(doc->texts, doc->ntexts, doc->texts_cap);
	x->id = id;
	x->key = key ? key : "";
	x->basis = b;
	x->text = t;
	x->pos = pos;
	x->end = end;
	tset_add(doc, ts, doc->ntexts - 1);
}

/* The position of flow index b (the end of a span). */
static bl_pos span_end(const bl_doc *doc, size_t b)
{
	if (b < doc->flow.n)
		return bl_doc_pos_of(doc, doc->flow.src[b]);
	return (bl_pos){doc->npages, (int)doc->nlines + 1, 1};
}

static size_t fig_end(const bl_doc *doc, const bl_fact *f)
{
	return bl_flow_index(&doc->flow, (size_t)(f->figure.p - doc->bytes) + f->figure.n);
}

static size_t fig_start(const bl_doc *doc, const bl_fact *f)
{
	return bl_flow_index(&doc->flow, (size_t)(f->figure.p - doc->bytes));
}

#define N(a) (sizeof a / sizeof a[0])

/* The words of reasons.def that start a reason and a use. */
static const char *const reasons[] = {
#define BL_REASON(word) word,
#include "read/reasons.def"
};
static const char *const uses[] = {
#define BL_USE(word) word,
#include "read/reasons.def"
};

/* The first of n words that matches at flow i: code points matched, else 0. */
static size_t match_first(const bl_flow *fl, size_t i, size_t end, const char *const *w, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		size_t m = bl_flow_match(fl, i, end, w[k]);
		if (m)
			return m;
	}
	return 0;
}

/* 主要原因是 / 主要原因： / 原因是 / 主要是 starting at i: length matched, else 0. */
static size_t reason_marker(const bl_flow *fl, size_t i, size_t end)
{
	return match_first(fl, i, end, reasons, N(reasons));
}

/* 主要用于 starting at i: length matched, else 0. */
static size_t use_marker(const bl_flow *fl, size_t i, size_t end)
{
	return match_first(fl, i, end, uses, N(uses));
}

/* Where the markers fact_texts looks for lie in the flow, found in one pass:
 * a fact's search for its reason or use, and for the end of the clause,
 * becomes a binary search instead of a read of its sentence, which a
 * sentence of many figures about one subject made quadratic. Ends of the
 * matches of one phrase grow with their starts. */
typedef struct span {
	size_t at, end;
} span;

typedef struct tidx {
	size_t *reason; /* where some reason_marker matches */
	size_t nreason, rcap;
	span *use; /* a use marker (主要用于) */
	size_t nuse, ucap;
	span *cuse; /* ，主要用于: at the comma, end of the use marker */
	size_t ncuse, cucap;
	size_t *stop; /* 。；; */
	size_t nstop, scap;
} tidx;

static void tidx_build(const bl_flow *fl, tidx *x)
{
	/* the code points a marker starts with (主 原): the cheap test first */
	char leads[4 * (N(reasons) + N(uses)) + 1], *lp = leads;
	for (size_t k = 0; k < N(reasons) + N(uses); k++) {
		const char *w = k < N(reasons) ? reasons[k] : uses[k - N(reasons)];
		int len;
		bl_utf8_decode(w, strlen(w), &len);
		memcpy(lp, w, (size_t)len);
		lp += len;
	}
	*lp = 0;
	for (size_t k = 0; k < fl->n; k++) {
		uint32_t c = fl->cp[k];
		size_t n;
		if (c == BL_CP_IDEO_STOP || c == BL_CP_FW_SEMICOLON || c == ';')
			*BL_PUSH(x->stop, x->nstop, x->scap) = k;
		if ((c == BL_CP_FW_COMMA || c == ',') && (n = use_marker(fl, k + 1, fl->n)))
			*BL_PUSH(x->cuse, x->ncuse, x->cucap) = (span){k, k + 1 + n};
		/* a marker starts with one of its leads, unless a quote is skipped first */
		if (!bl_cp_in(c, leads) && !bl_cp_is_quote(c))
			continue;
		if (reason_marker(fl, k, fl->n))
			*BL_PUSH(x->reason, x->nreason, x->rcap) = k;
		if ((n = use_marker(fl, k, fl->n)))
			*BL_PUSH(x->use, x->nuse, x->ucap) = (span){k, k + n};
	}
}

/* The first of n sorted positions at or after i. */
static size_t first_at(const size_t *v, size_t n, size_t i)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static size_t first_span(const span *v, size_t n, size_t i)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].at < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The end of a clause that began at i: 。 ； or the start of 主要用于 that
 * follows a reason, within [i, end). */
static size_t clause_end(const tidx *x, size_t i, size_t end, int stop_at_use)
{
	size_t k = first_at(x->stop, x->nstop, i), e = end;
	if (k < x->nstop && x->stop[k] < e)
		e = x->stop[k];
	k = first_span(x->cuse, x->ncuse, i);
	if (stop_at_use && k < x->ncuse && x->cuse[k].at < e && x->cuse[k].end <= end)
		e = x->cuse[k].at;
	return e;
}

/* Reasons of changes and uses of amounts, from the facts' sentences. */
static void fact_texts(bl_doc *doc, tset *ts)
{
	const bl_flow *fl = &doc->flow;
	size_t nf = doc->nfacts;
	if (!nf)
		return;
	tidx x = {0};
	tidx_build(fl, &x);
	/* A later fact of the sentence goes on saying something of a fact's
	 * subject when it has the same key and, after a change or a percent,
	 * is no change against another basis. The first one that does not is
	 * the first of another sentence or key (nxt[i]) or, after a change or
	 * a percent, the first change against another basis (chg[b][i]). */
	size_t *nxt = bl_xmalloc(nf * sizeof *nxt), *chg[3];
	for (int b = 0; b < 3; b++) {
		chg[b] = bl_xmalloc((nf + 1) * sizeof *chg[b]);
		chg[b][nf] = nf;
	}
	for (size_t i = nf; i-- > 0;) {
		const bl_fact *f = &doc->facts[i], *g = i + 1 < nf ? &doc->facts[i + 1] : NULL;
		nxt[i] = !g || g->sentence != f->sentence || strcmp(g->key, f->key) ? i + 1 : nxt[i + 1];
		for (int b = 0; b < 3; b++)
			chg[b][i] = f->measure == BL_M_CHANGE && (int)f->basis == b ? i : chg[b][i + 1];
	}
	for (size_t i = 0; i < nf; i++) {
		const bl_fact *f = &doc->facts[i];
		if (f->sentence < 0 || (size_t)f->sentence >= doc->nsent || !f->figure.p)
			continue;
		const bl_sentence *s = &doc->sent[f->sentence];
		/* the marker must come before the next figure about something else */
		size_t from = fig_end(doc, f), limit = s->end;
		size_t j = nxt[i];
		if (f->measure != BL_M_VALUE)
			for (int b = 0; b < 3; b++)
				if (b != (int)f->basis && chg[b][i + 1] < j)
					j = chg[b][i + 1];
		if (j < nf && doc->facts[j].sentence == f->sentence)
			limit = fig_start(doc, &doc->facts[j]);
		if (f->measure == BL_M_CHANGE && f->basis != BL_B_NONE) {
			/* …下降35.2%。主要原因：… gives the reason in the next sentence */
			size_t next_end = limit;
			if (limit == s->end && (size_t)f->sentence + 1 < doc->nsent) {
				const bl_sentence *t = &doc->sent[f->sentence + 1];
				size_t k = s->end;
				while (k < t->start + 4 && k < fl->n && reason_marker(fl, k, t->end) == 0)
					k++;
				if (k < t->start + 4 && k < fl->n)
					limit = k + 1, next_end = t->end;
			}
			for (size_t r = first_at(x.reason, x.nreason, from);
			     r < x.nreason && x.reason[r] < limit; r++) {
				size_t k = x.reason[r];
				size_t n = reason_marker(fl, k, limit > k + 8 ? limit : k + 8);
				if (!n)
					continue;
				size_t a = k + n, b = clause_end(&x, a, k >= s->end ? next_end : s->end, 1);
				if (b > a && !tset_has(doc, ts, "reason", f->key, f->basis))
					add_text(doc, ts, "reason", f->key, f->basis,
						 bl_flow_slice(doc, a, b), bl_doc_pos_of(doc, fl->src[a]),
						 span_end(doc, b), 0);
				break;
			}
		} else if (f->measure == BL_M_VALUE && f->basis == BL_B_NONE) {
			size_t u = first_span(x.use, x.nuse, from);
			if (u < x.nuse && x.use[u].at < limit && x.use[u].end <= limit) {
				size_t a = x.use[u].end, b = clause_end(&x, a, s->end, 0);
				if (b > a && !tset_has(doc, ts, "use", f->key, BL_B_NONE))
					add_text(doc, ts, "use", f->key, BL_B_NONE, bl_flow_slice(doc, a, b),
						 bl_doc_pos_of(doc, fl->src[a]), span_end(doc, b), 0);
			}
		}
	}
	free(nxt);
	for (int b = 0; b < 3; b++)
		free(chg[b]);
	free(x.reason);
	free(x.use);
	free(x.cuse);
	free(x.stop);
}

int bl_has_any(const char *s, size_t n, const char *words)
{
	for (const char *p = words, *next; *p; p = next) {
		size_t len = bl_phrase_span(p, &next);
		for (size_t i = 0; len && i + len <= n; i++)
			if (memcmp(s + i, p, len) == 0)
				return 1;
	}
	return 0;
}

/* Heading words → the template topic they name (topics.def), most
 * specific first. */
static const struct {
	const char *id;
	int kept; /* the section's body is kept as a text */
	const char *words;
} topics[] = {
#define BL_TOPIC(id, kept, words) {#id, kept, words},
#include "read/topics.def"
};
static const char *const glossary[] = {
#define BL_GLOSSARY(words) words,
#include "read/topics.def"
};

/* The row of topics.def a heading names, or -1. */
static int topic_of(const char *title, size_t n)
{
	for (size_t k = 0; k < N(topics); k++)
		if (bl_has_any(title, n, topics[k].words))
			return (int)k;
	return -1;
}

const char *bl_section_topic(const char *title, size_t n)
{
	int k = topic_of(title, n);
	return k >= 0 ? topics[k].id : NULL;
}

static int in_glossary(const bl_doc *doc, size_t s)
{
	for (int a = (int)s; a >= 0; a = doc->sec[a].parent)
		for (size_t k = 0; k < N(glossary); k++)
			if (bl_has_any(doc->sec[a].title.p, doc->sec[a].title.n, glossary[k]))
				return 1;
	return 0;
}

/* The body of section s: the rest of its heading line after the title, then
 * every line up to the next heading at its level or above, one text per
 * line. Section notes (id not a description) keep only lines without a
 * table. */
static void section_text(bl_doc *doc, tset *ts, size_t s, const char *id)
{
	if (tset_has(doc, ts, id, "", BL_B_NONE))
		return;
	const bl_section *sec = &doc->sec[s];
	size_t first = (size_t)sec->pos.line, last = doc->nlines; /* 1-based, [first, last] */
	for (size_t j = s + 1; j < doc->nsec; j++)
		if (doc->sec[j].level <= sec->level && !doc->sec[j].in_toc) {
			last = (size_t)doc->sec[j].pos.line - 1;
			break;
		}
	bl_buf b = BL_BUF_INIT(1 << 20);
	for (size_t ln = first; ln <= last && ln <= doc->nlines; ln++) {
		const bl_line *l = &doc->lines[ln - 1];
		if (l->flags & (BL_LINE_TABLE | BL_LINE_BLANK | BL_LINE_TTABLE))
			continue;
		const char *p = doc->bytes + l->off, *e = p + l->len;
		if (ln == first) {
			/* after the title: "（一）机关运行经费。我单位…" keeps "我单位…" */
			const char *te = sec->title.p + sec->title.n;
			if (te < p || te > e)
				continue;
			p = te;
			while (p < e && (*p == ' ' || !strncmp(p, "。", 3) || !strncmp(p, "：", 3) ||
					 *p == ':' || *p == '.')) {
				p += *p == ' ' || *p == ':' || *p == '.' ? 1 : 3;
			}
			if (p == e && e - sec->title.p >= 3 && !strncmp(e - 3, "。", 3))
				p = sec->title.p; /* the heading is itself the note: 1、我单位不在…之内。 */
		}
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		if (p >= e)
			continue;
		if (b.n)
			bl_buf_putc(&b, '\n');
		bl_buf_put(&b, p, (size_t)(e - p));
	}
	if (b.n)
		add_text(doc, ts, id, "", BL_B_NONE, (bl_str){b.p, b.n}, sec->pos,
			 (bl_pos){last < doc->nlines ? doc->lines[last].page : doc->npages, (int)last + 1, 1},
			 1);
	bl_buf_release(&b);
}

void bl_texts_build(bl_doc *doc)
{
	tset ts = {NULL, 0};
	fact_texts(doc, &ts);
	/* a part's heading first; a numbered sentence that names the topic
	 * (（五）拟订…国有资产管理规章制度，规范…, a duties item) only where no
	 * heading does: the first text of a topic is the one kept */
	for (int pass = 0; pass < 2; pass++)
		for (size_t s = 0; s < doc->nsec; s++) {
			const bl_section *sec = &doc->sec[s];
			if (sec->in_toc || in_glossary(doc, s) ||
			    bl_has_any(sec->title.p, sec->title.n, "，|。|；") != pass)
				continue;
			int k = topic_of(sec->title.p, sec->title.n);
			if (k >= 0 && topics[k].kept)
				section_text(doc, &ts, s, topics[k].id);
		}
	free(ts.slot);
}

const char *bl_doc_text_find(const bl_doc *doc, const char *id, const char *key, bl_basis b)
{
	for (size_t i = 0; i < doc->ntexts; i++) {
		const bl_doc_text *t = &doc->texts[i];
		if (strcmp(t->id, id) == 0 && strcmp(t->key, key) == 0 && t->basis == b)
			return t->text;
	}
	return NULL;
}

BL_API size_t bl_doc_ntexts(const bl_doc *doc)
{
	return doc->ntexts;
}

BL_API const bl_doc_text *bl_doc_text_at(const bl_doc *doc, size_t i)
{
	return i < doc->ntexts ? &doc->texts[i] : NULL;
}
