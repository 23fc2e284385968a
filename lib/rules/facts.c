/* facts.c - lookups over facts the rules share: by key (a hash map, an index), in 万元, under rounding. */
#include <string.h>

#include "rules/rules.h"

static uint64_t hash_str(uint64_t h, const char *s)
{
	for (; s && *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static uint64_t hash_int(uint64_t h, int64_t v)
{
	for (int k = 0; k < 8; k++, v >>= 8)
		h = (h ^ (uint64_t)(v & 0xFF)) * 1099511628211u;
	return h;
}

typedef struct bl_kslot {
	const char *s;
	int64_t a, b;
	int val, used;
} bl_kslot;

static size_t kmap_at(const bl_kmap *m, const char *s, int64_t a, int64_t b)
{
	uint64_t h = hash_int(hash_int(hash_str(1469598103934665603u, s), a), b);
	size_t i = (size_t)h & (m->cap - 1);
	while (m->v[i].used && !(m->v[i].a == a && m->v[i].b == b &&
				 (m->v[i].s == s || (m->v[i].s && s && !strcmp(m->v[i].s, s)))))
		i = (i + 1) & (m->cap - 1);
	return i;
}

int *bl_kmap_get(bl_kmap *m, const char *s, int64_t a, int64_t b, int add)
{
	if (m->cap) {
		size_t i = kmap_at(m, s, a, b);
		if (m->v[i].used)
			return &m->v[i].val;
	}
	if (!add)
		return NULL;
	if (2 * (m->n + 1) > m->cap) {
		bl_kmap old = *m;
		m->cap = m->cap ? m->cap * 2 : 64;
		m->v = bl_xcalloc(m->cap, sizeof *m->v);
		for (size_t k = 0; k < old.cap; k++)
			if (old.v[k].used)
				m->v[kmap_at(m, old.v[k].s, old.v[k].a, old.v[k].b)] = old.v[k];
		free(old.v);
	}
	size_t i = kmap_at(m, s, a, b);
	m->v[i] = (bl_kslot){s, a, b, -1, 1};
	m->n++;
	return &m->v[i].val;
}

void bl_kmap_free(bl_kmap *m)
{
	free(m->v);
	*m = (bl_kmap){NULL, 0, 0};
}

/* The facts by key, measure, basis and period: the group of bl_fact_find,
 * each group's facts in text order. The rules ask for a key's facts per
 * fact, which a pass over all facts made quadratic. */
struct bl_factidx {
	size_t nfacts; /* the facts indexed; any other count means the index is stale */
	bl_kmap first; /* (key, measure, bl_fact_tag(basis, period)) -> the group's first fact */
	int *group;    /* per fact: its group's first fact */
	int *mstart;   /* per fact that is first of its group: its members in members[] */
	int *mcount;
	int *members;
};

int64_t bl_fact_tag(bl_basis b, int period)
{
	return (int64_t)((uint64_t)b << 32 | (uint32_t)period);
}

void bl_factidx_build(bl_doc *doc)
{
	struct bl_factidx *x = bl_xcalloc(1, sizeof *x);
	size_t n = doc->nfacts;
	x->nfacts = n;
	x->group = bl_xmalloc((n ? n : 1) * sizeof *x->group);
	x->mstart = bl_xcalloc(n ? n : 1, sizeof *x->mstart);
	x->mcount = bl_xcalloc(n ? n : 1, sizeof *x->mcount);
	x->members = bl_xmalloc((n ? n : 1) * sizeof *x->members);
	for (size_t i = 0; i < n; i++) {
		const bl_fact *f = &doc->facts[i];
		int *g = bl_kmap_get(&x->first, f->key, f->measure, bl_fact_tag(f->basis, f->period), 1);
		if (*g < 0)
			*g = (int)i;
		x->group[i] = *g;
		x->mcount[*g]++;
	}
	int at = 0;
	for (size_t i = 0; i < n; i++)
		if (x->group[i] == (int)i) {
			x->mstart[i] = at;
			at += x->mcount[i];
			x->mcount[i] = 0;
		}
	for (size_t i = 0; i < n; i++) {
		int g = x->group[i];
		x->members[x->mstart[g] + x->mcount[g]++] = (int)i;
	}
	doc->factidx = x;
}

void bl_factidx_free(bl_doc *doc)
{
	struct bl_factidx *x = doc->factidx;
	if (!x)
		return;
	bl_kmap_free(&x->first);
	free(x->group);
	free(x->mstart);
	free(x->mcount);
	free(x->members);
	free(x);
	doc->factidx = NULL;
}

static const struct bl_factidx *factidx(const bl_doc *doc)
{
	return doc->factidx && doc->factidx->nfacts == doc->nfacts ? doc->factidx : NULL;
}

int bl_fact_find(const bl_doc *doc, const char *key, bl_measure m, bl_basis b, int period)
{
	const struct bl_factidx *x = factidx(doc);
	if (x) {
		const int *g = bl_kmap_get((bl_kmap *)&x->first, key, m, bl_fact_tag(b, period), 0);
		return g ? *g : -1;
	}
	for (size_t i = 0; i < doc->nfacts; i++) {
		const bl_fact *f = &doc->facts[i];
		if (f->measure == m && f->basis == b && f->period == period && strcmp(f->key, key) == 0)
			return (int)i;
	}
	return -1;
}

int bl_fact_last_before(const bl_doc *doc, int first, int before)
{
	const struct bl_factidx *x = factidx(doc);
	if (first < 0)
		return -1;
	if (!x) {
		const bl_fact *g = &doc->facts[first];
		for (int j = before - 1; j >= first; j--) {
			const bl_fact *f = &doc->facts[j];
			if (f->measure == g->measure && f->basis == g->basis && f->period == g->period &&
			    strcmp(f->key, g->key) == 0)
				return j;
		}
		return -1;
	}
	const int *v = x->members + x->mstart[first];
	int lo = 0, hi = x->mcount[first];
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (v[mid] < before)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 ? v[lo - 1] : -1;
}

static bl_dec wan_at(const bl_fact *f, int prec)
{
	bl_dec d = f->value;
	d.prec = prec;
	if (f->unit && strcmp(f->unit, "元") == 0)
		d = bl_dec_yuan_to_wan(d);
	else if (f->unit && strcmp(f->unit, "亿元") == 0) {
		d.u *= 10000;
		d.prec = d.prec - 4 < -3 ? -3 : d.prec - 4;
	}
	return d;
}

bl_dec bl_fact_wan(const bl_fact *f)
{
	return wan_at(f, f->eff_prec);
}

bl_dec bl_fact_wan_printed(const bl_fact *f)
{
	bl_dec d = wan_at(f, f->value.prec);
	if (!f->value.u) /* 0万元 is none, not something rounded away */
		d.prec = BL_DEC_EXACT;
	return d;
}

int bl_round_verdict(int64_t stated, int64_t computed, int64_t slack)
{
	int64_t diff = stated - computed;
	if (diff < 0)
		diff = -diff;
	if (diff == 0)
		return 0;
	return diff <= slack ? 1 : 2;
}

int bl_round_verdict_printed(int64_t stated, int64_t computed, int64_t slack, int64_t printed_slack)
{
	int v = bl_round_verdict(stated, computed, slack);
	int64_t diff = stated > computed ? stated - computed : computed - stated;
	/* strictly within: a half rounds up (四舍五入), so 5 and 4, each
	 * rounded, are never one figure (4.5 prints as 5 both times) */
	return v == BL_V_WRONG && diff < printed_slack ? BL_V_PRINTED : v;
}

const char *bl_fmt(bl_doc *doc, bl_dec d)
{
	char buf[40];
	bl_dec_format(d, buf);
	return bl_arena_strndup(&doc->arena, buf, strlen(buf));
}
