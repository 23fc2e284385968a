/* registry.c - the one table of rules, the check driver, and findings bookkeeping. */
#include <string.h>

#include "rules/rules.h"

/* For rules the driver itself decides (profile.template). */
static void bl_rules_none(bl_doc *doc)
{
	(void)doc;
}

static const bl_rule registry[] = {
#define BL_RULE(sym, id, fam, title, sev, doc, run) {{id, fam, title, sev, doc}, run},
#include "rules/rules.def"
#undef BL_RULE
};

#define NRULES (sizeof registry / sizeof registry[0])

BL_API size_t bl_rule_count(void)
{
	return NRULES;
}

BL_API const char *bl_ruleset(void)
{
	static char id[64];
	if (!id[0]) {
		bl_buf b = BL_BUF_INIT((size_t)1 << 22);
		for (size_t i = 0; i < NRULES; i++)
			bl_buf_printf(&b, "%s|%s|%s|%s\n", registry[i].info.id, registry[i].info.severity,
				      registry[i].info.title, registry[i].info.doc);
		char hex[65];
		bl_sha256_hex(b.p, b.n, hex);
		bl_buf_release(&b);
		snprintf(id, sizeof id, "%s+%.8s", BL_VERSION, hex);
	}
	return id;
}

BL_API const bl_rule_info *bl_rule_at(size_t i)
{
	return i < NRULES ? &registry[i].info : NULL;
}

static int rule_index(const char *id)
{
	for (size_t i = 0; i < NRULES; i++)
		if (strcmp(registry[i].info.id, id) == 0)
			return (int)i;
	return -1;
}

void bl_outcome_count(bl_doc *doc, const char *rule, bl_outcome o)
{
	int i = rule_index(rule);
	if (i >= 0)
		doc->outcomes[i * 4 + (int)o]++;
}

bl_finding *bl_finding_add(bl_doc *doc, const char *rule, bl_severity sev, bl_pos pos, int span)
{
	bl_finding *f = BL_PUSH(doc->findings, doc->nfindings, doc->findings_cap);
	memset(f, 0, sizeof *f);
	int i = rule_index(rule);
	f->rule = i >= 0 ? registry[i].info.id : rule;
	f->severity = sev;
	f->pos = pos;
	f->span = span > 0 ? span : 1;
	f->message = f->suggestion = "";
	return f;
}

void bl_finding_evidence(bl_doc *doc, bl_finding *f, bl_pos pos, bl_str text)
{
	if (f->nevidence >= BL_MAX_EVIDENCE)
		return;
	char *own = bl_arena_strndup(&doc->arena, text.p ? text.p : "", text.p ? text.n : 0);
	f->evidence[f->nevidence].pos = pos;
	f->evidence[f->nevidence].text = (bl_str){own, text.p ? text.n : 0};
	f->nevidence++;
}

static int cmp_finding(const void *x, const void *y)
{
	const bl_finding *a = x, *b = y;
	if (a->pos.line != b->pos.line)
		return a->pos.line - b->pos.line;
	if (a->pos.col != b->pos.col)
		return a->pos.col - b->pos.col;
	return strcmp(a->rule, b->rule);
}

static void factidx_build(bl_doc *doc);
static void factidx_free(bl_doc *doc);

BL_API bl_status bl_doc_check(bl_doc *doc)
{
	if (doc->checked)
		return BL_OK;
	doc->checked = 1;
	doc->outcomes = bl_xcalloc(NRULES * 4, sizeof(int));
	if (doc->profile.is_template) {
		/* the blank template: say so once instead of a flood of leftovers */
		for (size_t i = 0; i < NRULES; i++)
			doc->outcomes[i * 4 + BL_OUT_NOT_APPLICABLE]++;
		bl_outcome_count(doc, "profile.template", BL_OUT_FAIL);
		bl_pos at = doc->profile.unit_pos.line ? doc->profile.unit_pos : (bl_pos){1, 1, 1};
		bl_finding *fd = bl_finding_add(doc, "profile.template", BL_SEV_INFO, at, 1);
		fd->message = bl_arena_printf(&doc->arena, "本文件是公开模板，不是实际公开文件：单位名称为“%s”，全文有%d处占位文字；未作核对",
					      *doc->profile.unit ? doc->profile.unit : "（未识别）", doc->profile.placeholders);
		fd->suggestion = "按模板填写实际单位、数字和说明后再核对。";
		bl_finding_evidence(doc, fd, at, bl_line_evidence(doc, at.line));
		return BL_OK;
	}
	bl_outcome_count(doc, "profile.template", BL_OUT_PASS);
	factidx_build(doc);
	for (size_t i = 0; i < NRULES; i++) {
		/* run each family once */
		int seen = 0;
		for (size_t k = 0; k < i; k++)
			if (registry[k].run == registry[i].run)
				seen = 1;
		if (!seen)
			registry[i].run(doc);
	}
	factidx_free(doc);
	bl_ocr_review(doc);
	if (doc->nfindings > 1)
		qsort(doc->findings, doc->nfindings, sizeof *doc->findings, cmp_finding);
	return BL_OK;
}

BL_API size_t bl_doc_nfindings(const bl_doc *doc)
{
	return doc->nfindings;
}

BL_API const bl_finding *bl_doc_finding(const bl_doc *doc, size_t i)
{
	return i < doc->nfindings ? &doc->findings[i] : NULL;
}

BL_API int bl_doc_outcomes(const bl_doc *doc, size_t rule, bl_outcome o)
{
	if (!doc->outcomes || rule >= NRULES)
		return 0;
	return doc->outcomes[rule * 4 + (int)o];
}

BL_API const char *bl_severity_name(bl_severity s)
{
	return s == BL_SEV_ERROR ? "error" : s == BL_SEV_WARNING ? "warning" : "info";
}

BL_API const char *bl_outcome_name(bl_outcome o)
{
	static const char *const n[] = {"pass", "fail", "not_applicable", "insufficient_data"};
	return (unsigned)o < 4 ? n[o] : "pass";
}

/* ---- helpers shared by the families ---- */

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
	while (m->v[i].used && !(m->v[i].a == a && m->v[i].b == b && (m->v[i].s == s || (m->v[i].s && s && !strcmp(m->v[i].s, s)))))
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

static void factidx_build(bl_doc *doc)
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

static void factidx_free(bl_doc *doc)
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

/* Whole-line evidence, at most: a title line is short (82 bytes at most in
 * the corpus), but a text of one paragraph is one line, and the evidence is
 * copied and printed for every finding that gives it. */
#define LINE_EVIDENCE 1024

bl_str bl_line_evidence(const bl_doc *doc, int line)
{
	bl_str s = bl_doc_line(doc, line);
	if (s.n > LINE_EVIDENCE) {
		size_t k = LINE_EVIDENCE;
		while (k > 0 && ((unsigned char)s.p[k] & 0xC0) == 0x80)
			k--; /* not inside a character */
		s.n = k;
	}
	return s;
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

bl_dec bl_fact_wan(const bl_fact *f)
{
	bl_dec d = f->value;
	d.prec = f->eff_prec;
	if (f->unit && strcmp(f->unit, "元") == 0)
		d = bl_dec_yuan_to_wan(d);
	else if (f->unit && strcmp(f->unit, "亿元") == 0) {
		d.u *= 10000;
		d.prec = d.prec - 4 < -3 ? -3 : d.prec - 4;
	}
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

const char *bl_fmt(bl_doc *doc, bl_dec d)
{
	char buf[40];
	bl_dec_format(d, buf);
	return bl_arena_strndup(&doc->arena, buf, strlen(buf));
}

bl_finding *bl_finding_at_fact(bl_doc *doc, const char *rule, bl_severity sev, const bl_fact *f)
{
	int span = (int)bl_utf8_count(f->figure.p, f->figure.n);
	bl_finding *fd = bl_finding_add(doc, rule, sev, f->pos, span);
	bl_finding_evidence(doc, fd, f->pos, f->text);
	return fd;
}

const char *bl_rule_name(bl_rule_id r)
{
	return r >= 0 && r < BL_R_COUNT ? registry[r].info.id : "";
}
