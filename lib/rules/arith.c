/* arith.c - sums of parts (the equations of sums.def), sums of changes, repeated figures, and locating the wrong statement. */
#include <string.h>

#include "read/read.h"
#include "rules/sums.h"

#define MAXPARTS 40
#define MAXEQ 512

/* One linear relation among stated facts: total = sum of parts, or a = b. */
typedef struct eq {
	bl_rule_id rule;
	int total;
	int parts[MAXPARTS];
	int nparts;
	int closed;  /* the parts are the whole list: only then is falling short wrong */
	int blocked; /* the document states or names a part the row leaves out */
	int verdict; /* BL_V_EXACT, _ROUNDING, _WRONG, _PRINTED; -1 insufficient */
	/* what closes the list of a change: the row, scope and period of its
	 * values (BL_SUMS_NSCOPES: a row of whole keys) */
	size_t row;
	int scope;
	bl_measure measure;
	bl_basis basis;
	int period;
} eq;

typedef struct eqset {
	eq e[MAXEQ];
	int n;
} eqset;

static int64_t val_of(const bl_doc *doc, int fi, int override_f, int64_t override_v)
{
	return fi == override_f ? override_v : bl_fact_wan(&doc->facts[fi]).u;
}

static int64_t half_of(const bl_doc *doc, int fi)
{
	return bl_dec_half_unit(bl_fact_wan(&doc->facts[fi]).prec);
}

/* The same for the figure as printed: 12万元 may be 11.5 to 12.5. */
static int64_t printed_half_of(const bl_doc *doc, int fi)
{
	return bl_dec_half_unit(bl_fact_wan_printed(&doc->facts[fi]).prec);
}

static int fails(int verdict)
{
	return verdict == BL_V_WRONG || verdict == BL_V_PRINTED;
}

/* Evaluates an equation, optionally with one fact's value replaced. */
static int eval(const bl_doc *doc, const eq *e, int of, int64_t ov)
{
	int64_t sum = 0, slack = half_of(doc, e->total), printed = printed_half_of(doc, e->total);
	for (int i = 0; i < e->nparts; i++) {
		sum += val_of(doc, e->parts[i], of, ov);
		slack += half_of(doc, e->parts[i]);
		printed += printed_half_of(doc, e->parts[i]);
	}
	int64_t t = val_of(doc, e->total, of, ov);
	int v = bl_round_verdict_printed(t, sum, slack, printed);
	if (!fails(v) || e->closed)
		return v;
	/* a list that may leave parts out: falling short is not an error; parts
	 * (amounts, never negative) above their total are, whatever else the
	 * list holds, but a change may be of either sign */
	return e->measure == BL_M_VALUE && sum > t ? v : -1;
}

/* Representative fact of a key: the first statement of it. */
static int rep(const bl_doc *doc, const char *key, bl_measure m, bl_basis b, int period)
{
	return bl_fact_find(doc, key, m, b, period);
}

/* Adds total = parts (the facts of row r in scope s; -1 for a part not
 * stated) when the stated facts allow it. A closed row with a part not
 * stated cannot be judged: insufficient. */
static void add_eq(bl_doc *doc, eqset *es, const eq *proto, const int *parts, int np, int closed)
{
	if (proto->total < 0 || es->n >= MAXEQ)
		return;
	eq *e = &es->e[es->n];
	*e = *proto;
	e->nparts = 0;
	for (int i = 0; i < np; i++)
		if (parts[i] >= 0 && e->nparts < MAXPARTS)
			e->parts[e->nparts++] = parts[i];
	if (e->nparts < 2 && !(closed && e->nparts == np))
		return;
	if (closed && e->nparts < np) {
		bl_outcome_count(doc, e->rule, BL_OUT_INSUFFICIENT);
		return;
	}
	e->closed = closed && !e->blocked;
	es->n++;
}

/* The facts of the dynamic lists (rows with a prefix: func.<code>) of each
 * row, scope and measure/basis/period: the first statement of each key, in
 * text order, as many as an equation takes. Read once for all equations
 * instead of once per scope and combination. */
typedef struct funcs {
	bl_kmap map; /* (NULL, funcs_slot, bl_fact_tag) -> index into v */
	struct flist {
		int f[MAXPARTS];
		int n;
	} * v;
	size_t n, cap;
} funcs;

/* The map slot of the dynamic list of row in scope s (0 .. BL_SUMS_NSCOPES-1,
 * or BL_SUMS_NSCOPES for a row of whole keys) for measure m. */
static int64_t funcs_slot(size_t row, bl_measure m, int s)
{
	return ((int64_t)row * 8 + (int64_t)m) * (BL_SUMS_NSCOPES + 1) + s;
}

static void funcs_build(const bl_doc *doc, const bl_sumset *set, funcs *fs)
{
	struct prefix {
		size_t row;
		int s;
		char p[64];
		size_t n;
	} *pre = bl_xmalloc((set->n ? set->n : 1) * (BL_SUMS_NSCOPES + 1) * sizeof *pre);
	size_t npre = 0;
	for (size_t r = 0; r < set->n; r++) {
		const bl_sum *e = &set->v[r];
		for (int s = 0; e->prefix && s <= BL_SUMS_NSCOPES; s++) {
			if (e->scopes ? s == BL_SUMS_NSCOPES || !(e->scopes & (1u << s))
				      : s < BL_SUMS_NSCOPES)
				continue;
			struct prefix *p = &pre[npre++];
			p->row = r;
			p->s = s;
			snprintf(p->p, sizeof p->p, "%s%s%s", e->scopes ? bl_sums_scope(s) : "",
				 e->scopes ? "." : "", e->prefix);
			p->n = strlen(p->p);
		}
	}
	for (size_t i = 0; i < doc->nfacts && npre; i++) {
		const bl_fact *f = &doc->facts[i];
		if (f->measure != BL_M_VALUE && f->measure != BL_M_CHANGE)
			continue;
		for (size_t k = 0; k < npre; k++) {
			/* the classes (3 digits): their 款 and 项 lines are parts of them, not of the total */
			if (strncmp(f->key, pre[k].p, pre[k].n) != 0 || strlen(f->key + pre[k].n) != 3 ||
			    bl_fact_find(doc, f->key, f->measure, f->basis, f->period) != (int)i)
				continue;
			int *li = bl_kmap_get(&fs->map, NULL, funcs_slot(pre[k].row, f->measure, pre[k].s),
					      bl_fact_tag(f->basis, f->period), 1);
			if (*li < 0) {
				*li = (int)fs->n;
				BL_PUSH(fs->v, fs->n, fs->cap)->n = 0;
			}
			struct flist *l = &fs->v[*li];
			if (l->n < MAXPARTS)
				l->f[l->n++] = (int)i;
		}
	}
	free(pre);
}

/* The first statement of key (an item in scope sc, or a whole key when sc is NULL), or -1. */
static int rep_in(const bl_doc *doc, const char *sc, const char *key, bl_measure m, bl_basis b, int period)
{
	char k[128];
	if (!sc)
		return rep(doc, key, m, b, period);
	snprintf(k, sizeof k, "%s.%s", sc, key);
	return rep(doc, k, m, b, period);
}

static int listed(const char *const *list, const char *s)
{
	for (int i = 0; i < BL_SUM_MAXPARTS && list[i]; i++)
		if (!strcmp(list[i], s))
			return 1;
	return 0;
}

/* The facts of row e's parts in scope sc, -1 for a part not stated; its
 * stand-in, when stated, in place of what it stands for. Returns how many. */
static int row_parts(const bl_doc *doc, const bl_sum *e, const char *sc, bl_measure m, bl_basis b, int period,
		     int *out)
{
	int si = e->stand_in ? rep_in(doc, sc, e->stand_in, m, b, period) : -1;
	int n = 0, placed = 0;
	for (int i = 0; i < BL_SUM_MAXPARTS && e->parts[i]; i++) {
		if (si >= 0 && listed(e->stands_for, e->parts[i])) {
			if (!placed)
				out[n++] = si, placed = 1;
			continue;
		}
		out[n++] = rep_in(doc, sc, e->parts[i], m, b, period);
	}
	return n;
}

/* What row_blocked found (below). */
enum { BLOCKED_NAMED = 1, BLOCKED_STATED = 2 };
static int known_parts(const bl_doc *doc, const bl_sum *e, const char *sc, bl_measure m, bl_basis b,
		       int period, int *out, int cap);

/* The equation of row r of set in scope s (BL_SUMS_NSCOPES: a row of whole
 * keys), for one measure/basis/period, when the stated facts allow it;
 * blocked[r]: the document states or names a known part the row leaves out. */
static void build_row(bl_doc *doc, const bl_sumset *set, size_t r, int s, funcs *fs, eqset *es, bl_measure m,
		      bl_basis b, int period, const int *blocked)
{
	const bl_sum *e = &set->v[r];
	const char *sc = s < BL_SUMS_NSCOPES ? bl_sums_scope(s) : NULL;
	eq proto = {0};
	/* the changes of every equation are checked under one rule */
	proto.rule = m == BL_M_CHANGE ? BL_R_SUM_CHANGES : e->rule;
	proto.total = rep_in(doc, sc, e->total, m, b, period);
	proto.blocked = blocked[r];
	proto.row = r;
	proto.scope = s;
	proto.measure = m;
	proto.basis = b;
	proto.period = period;
	int parts[MAXPARTS], np = 0;
	if (e->prefix) {
		const int *li = bl_kmap_get(&fs->map, NULL, funcs_slot(r, m, s), bl_fact_tag(b, period), 0);
		if (li)
			for (np = 0; np < fs->v[*li].n; np++)
				parts[np] = fs->v[*li].f[np];
	} else
		np = row_parts(doc, e, sc, m, b, period, parts);
	/* an assumed template closes nothing the words do not */
	int closed = e->closed == BL_SUM_DEFINED || (e->closed == BL_SUM_CLOSED && !set->assumed);
	if (blocked[r] == BLOCKED_STATED) {
		/* the document states parts the row leaves out (单位预留机动经费 beside
		 * 基本支出 and 项目支出): in a scope, measure and period where it
		 * states them, they join its list, which is then the document's own,
		 * closed only if its values add up; elsewhere the row is as it was */
		int added = known_parts(doc, e, sc, m, b, period, parts + np, MAXPARTS - np);
		np += added;
		proto.blocked = 0;
		if (added)
			closed = 0;
	}
	add_eq(doc, es, &proto, parts, np, closed);
}

/* Builds every equation of set the stated facts allow, for one
 * measure/basis/period: the scoped rows scope by scope, then the rows of
 * whole keys (the order sums.def states). */
static void build_eqs(bl_doc *doc, const bl_sumset *set, funcs *fs, eqset *es, bl_measure m, bl_basis b,
		      int period, const int *blocked)
{
	for (int s = 0; s < BL_SUMS_NSCOPES; s++)
		for (size_t r = 0; r < set->n; r++)
			if (set->v[r].scopes & (1u << s))
				build_row(doc, set, r, s, fs, es, m, b, period, blocked);
	for (size_t r = 0; r < set->n; r++)
		if (!set->v[r].scopes)
			build_row(doc, set, r, BL_SUMS_NSCOPES, fs, es, m, b, period, blocked);
}

/* --- what closes a list, and what shows it is not the row's --- */

/* Is sentence k in the glossary (a section titled 名词解释 or below one)? */
static int in_glossary(const bl_doc *doc, size_t k)
{
	int p = doc->sent[k].paragraph;
	if (p < 0 || (size_t)p >= doc->npara)
		return 0;
	for (int s = doc->sec_of_para[p]; s >= 0; s = doc->sec[s].parent)
		if (bl_has_any(doc->sec[s].title.p, doc->sec[s].title.n, "名词解释"))
			return 1;
	return 0;
}

/* Does the key of fact f name part (an item of a scoped row: in any scope)? */
static int fact_is(const bl_fact *f, const char *part, int scoped)
{
	if (!scoped)
		return !strcmp(f->key, part);
	const char *dot = strchr(f->key, '.');
	return dot && !strcmp(dot + 1, part);
}

/* Is part named in a sentence outside the glossary that states no figure of it? */
static int named(const bl_doc *doc, const char *part, int scoped)
{
	const char *phrases = NULL;
	for (size_t i = 0; i < bl_vocab_count() && !phrases; i++)
		if (!strcmp(bl_vocab_at(i)->key, part))
			phrases = bl_vocab_at(i)->phrases;
	if (!phrases)
		return 0;
	for (size_t k = 0; k < doc->nsent; k++) {
		const bl_sentence *st = &doc->sent[k];
		int hit = 0;
		char ph[128];
		for (const char *w = phrases; *w && !hit;) {
			size_t n = strcspn(w, "|");
			snprintf(ph, sizeof ph, "%.*s", (int)n, w);
			hit = bl_flow_find(&doc->flow, st->start, st->end, ph) != (size_t)-1;
			w += n + (w[n] == '|');
		}
		if (!hit || in_glossary(doc, k))
			continue;
		int stated = 0;
		for (size_t i = 0; i < doc->nfacts && !stated; i++)
			stated = doc->facts[i].sentence == (int)k && fact_is(&doc->facts[i], part, scoped);
		if (!stated)
			return 1;
	}
	return 0;
}

/* Does the document show that row e's list is not the document's: a known
 * part the row leaves out named in a sentence without a figure, or stated
 * with a figure other than zero when the known parts are not disjoint (the
 * list is then unknown: BLOCKED_NAMED), or stated when they are
 * (BLOCKED_STATED: the stated parts join the list, build_row)? 0: neither. */
static int row_blocked(const bl_doc *doc, const bl_sum *e)
{
	const bl_sum_known *kn = e->prefix ? NULL : bl_sum_known_for(e->rule, e->total);
	if (!kn)
		return 0;
	int stated = 0;
	for (int k = 0; k < BL_SUM_MAXPARTS && kn->parts[k]; k++) {
		const char *part = kn->parts[k];
		if (bl_sum_has_part(e, part))
			continue;
		int has = 0;
		for (size_t i = 0; i < doc->nfacts && !has; i++) {
			const bl_fact *f = &doc->facts[i];
			has = (f->measure == BL_M_VALUE || f->measure == BL_M_CHANGE) && f->value.u != 0 &&
			      fact_is(f, part, e->scopes != 0);
		}
		int plain = 0; /* its words name nothing else (named: 其他支出 is also a class) */
		for (int n = 0; n < BL_SUM_MAXPARTS && kn->named[n]; n++)
			plain |= !strcmp(kn->named[n], part);
		if (has && !plain)
			return BLOCKED_NAMED; /* stated, but perhaps as something else: undecided */
		stated |= has;
		if (!has && plain && named(doc, part, e->scopes != 0))
			return BLOCKED_NAMED;
	}
	return !stated ? 0 : kn->joins ? BLOCKED_STATED : BLOCKED_NAMED;
}

/* The known parts row e leaves out that the document states in scope sc
 * for this measure, basis and period (facts, at most cap). */
static int known_parts(const bl_doc *doc, const bl_sum *e, const char *sc, bl_measure m, bl_basis b,
		       int period, int *out, int cap)
{
	const bl_sum_known *kn = bl_sum_known_for(e->rule, e->total);
	int n = 0;
	for (int k = 0; kn && k < BL_SUM_MAXPARTS && kn->parts[k] && n < cap; k++) {
		int plain = 0;
		for (int j = 0; j < BL_SUM_MAXPARTS && kn->named[j]; j++)
			plain |= !strcmp(kn->named[j], kn->parts[k]);
		if (bl_sum_has_part(e, kn->parts[k]) || !plain)
			continue;
		int f = rep_in(doc, sc, kn->parts[k], m, b, period);
		if (f >= 0)
			out[n++] = f;
	}
	return n;
}

/* Two equations of the same row, scope and period over the same parts'
 * keys, a the values: a holding is what closes b's list (a 其中 list that
 * adds up lists every part, so its changes must add up too). */
static int closes(const bl_doc *doc, const eq *a, const eq *b)
{
	if (a->measure != BL_M_VALUE || a->basis != BL_B_NONE || a == b || a->row != b->row ||
	    a->scope != b->scope || a->period != b->period || a->nparts != b->nparts || a->blocked)
		return 0;
	for (int i = 0; i < b->nparts; i++) {
		int found = 0;
		for (int j = 0; j < a->nparts && !found; j++)
			found = !strcmp(doc->facts[a->parts[j]].key, doc->facts[b->parts[i]].key);
		if (!found)
			return 0;
	}
	return 1;
}

/* The lists the values close: every open equation whose parts' values add
 * up to their total (exactly or within rounding) in the same row and scope. */
static void close_by_values(const bl_doc *doc, eqset *set)
{
	for (int k = 0; k < set->n; k++) {
		eq *a = &set->e[k];
		if (a->measure != BL_M_VALUE || a->basis != BL_B_NONE || a->blocked)
			continue;
		/* parts that add up to their total within the rounding of the
		 * figures as printed leave no part out, whether they were rounded or not */
		int held = eval(doc, a, -1, 0);
		if (held < 0 || held == BL_V_WRONG)
			continue;
		for (int j = 0; j < set->n; j++)
			if (!set->e[j].closed && closes(doc, a, &set->e[j]))
				set->e[j].closed = 1;
	}
}

static int eq_has(const eq *e, int f)
{
	if (e->total == f)
		return 1;
	for (int i = 0; i < e->nparts; i++)
		if (e->parts[i] == f)
			return 1;
	return 0;
}

/* The value f must take for e to hold exactly. */
static int64_t solve_for(const bl_doc *doc, const eq *e, int f)
{
	int64_t sum = 0;
	for (int i = 0; i < e->nparts; i++)
		if (e->parts[i] != f)
			sum += bl_fact_wan(&doc->facts[e->parts[i]]).u;
	int64_t t = bl_fact_wan(&doc->facts[e->total]).u;
	return e->total == f ? sum : t - sum;
}

static const char *eq_formula(bl_doc *doc, const eq *e, int skip_total)
{
	bl_buf b = BL_BUF_INIT(0);
	for (int i = 0; i < e->nparts; i++) {
		const bl_fact *p = &doc->facts[e->parts[i]];
		bl_buf_printf(&b, "%s%s %s", i ? " + " : "", bl_key_label(doc, p->key),
			      bl_fmt(doc, bl_fact_wan(p)));
	}
	(void)skip_total;
	const char *s = bl_arena_strndup(&doc->arena, b.p ? b.p : "", b.n);
	bl_buf_release(&b);
	return s;
}

/* What a figure of measure m and basis b is called after its key's name. */
static const char *measure_words(bl_measure m, bl_basis b)
{
	static const char *const value[] = {
		[BL_B_INITIAL_BUDGET] = "年初预算数",  [BL_B_PREV_BUDGET] = "上年预算数",
		[BL_B_PREV_EXEC] = "上年执行数",       [BL_B_PREV_FINAL] = "上年决算数",
		[BL_B_ADJUSTED_BUDGET] = "调整预算数", [BL_B_ANNUAL_BUDGET] = "全年预算数"};
	static const char *const change[] = {
		[BL_B_INITIAL_BUDGET] = "较年初预算增减额",    [BL_B_PREV_BUDGET] = "比上年预算数增减额",
		[BL_B_PREV_EXEC] = "比上年执行数增减额",       [BL_B_PREV_FINAL] = "比上年决算数增减额",
		[BL_B_ADJUSTED_BUDGET] = "较调整预算数增减额", [BL_B_ANNUAL_BUDGET] = "较全年预算数增减额"};
	const char *const *w = m == BL_M_CHANGE ? change : value;
	const char *dflt = m == BL_M_CHANGE ? "比上年增减额" : "";
	return (unsigned)b < sizeof value / sizeof value[0] && w[b] ? w[b] : dflt;
}

/* What correcting fact f to value v does to the equations that hold f: how
 * many failing ones it fixes, how many holding ones it breaks, how many hold. */
typedef struct score {
	int fixed, broken, holds;
} score;

static score score_of(const bl_doc *doc, const eqset *es, int f, int64_t v)
{
	score sc = {0, 0, 0};
	for (int j = 0; j < es->n; j++) {
		const eq *o = &es->e[j];
		if (!eq_has(o, f))
			continue;
		int nv = eval(doc, o, f, v);
		if (fails(o->verdict) && !fails(nv))
			sc.fixed++;
		if ((o->verdict == BL_V_EXACT || o->verdict == BL_V_ROUNDING) && fails(nv))
			sc.broken++;
		if (o->verdict == BL_V_EXACT || o->verdict == BL_V_ROUNDING)
			sc.holds++;
	}
	return sc;
}

/* Which statement of failing e is most likely wrong: the one whose
 * correction fixes the most failing relations and breaks no holding one;
 * the total when none stands out (*unique 0). Its corrected value in *best_v,
 * its score in *best_sc. */
static int culprit(const bl_doc *doc, const eqset *es, const eq *e, int64_t *best_v, int *unique,
		   score *best_sc)
{
	int cand[MAXPARTS + 1], nc = 0;
	cand[nc++] = e->total;
	for (int i = 0; i < e->nparts; i++)
		cand[nc++] = e->parts[i];
	int best = -1;
	score bs = {-1, 1 << 30, 1 << 30};
	*best_v = 0;
	for (int c = 0; c < nc; c++) {
		int f = cand[c];
		int64_t v = solve_for(doc, e, f);
		score sc = score_of(doc, es, f, v);
		if (sc.broken < bs.broken || (sc.broken == bs.broken && sc.fixed > bs.fixed) ||
		    (sc.broken == bs.broken && sc.fixed == bs.fixed && sc.holds < bs.holds)) {
			best = f;
			*best_v = v;
			bs = sc;
		}
	}
	/* a unique culprit is named only when it stands out */
	*unique = 1;
	for (int c = 0; c < nc; c++) {
		int f = cand[c];
		if (f == best)
			continue;
		score sc = score_of(doc, es, f, solve_for(doc, e, f));
		if (sc.broken == bs.broken && sc.fixed == bs.fixed && sc.holds == bs.holds)
			*unique = 0;
	}
	*best_sc = bs;
	if (!*unique)
		best = e->total, *best_v = solve_for(doc, e, e->total);
	return best;
}

/* Said of a difference that the figures as printed could explain (BL_V_PRINTED). */
static const char printed_note[] =
	"；其中有数字印出的小数位少于全文（如整数万元），若系四舍五入所得则差额在舍入范围内，请人工核对";

static void report_eq(bl_doc *doc, eqset *es, int k)
{
	eq *e = &es->e[k];
	const bl_fact *t = &doc->facts[e->total];
	bl_dec sum = {0, 0};
	for (int i = 0; i < e->nparts; i++)
		sum = bl_dec_add(sum, bl_fact_wan(&doc->facts[e->parts[i]]));
	if (e->verdict == BL_V_ROUNDING) {
		bl_finding *fd = bl_finding_at_fact(doc, e->rule, BL_SEV_INFO, t);
		fd->has_stated = fd->has_expected = 1;
		fd->stated = bl_fact_wan(t);
		fd->expected = sum;
		fd->message = bl_arena_printf(
			&doc->arena, "%s%s %s万元与各项之和 %s万元相差 %s，在四舍五入范围内（%s）",
			bl_key_label(doc, t->key), measure_words(t->measure, t->basis),
			bl_fmt(doc, fd->stated), bl_fmt(doc, sum), bl_fmt(doc, bl_dec_sub(fd->stated, sum)),
			eq_formula(doc, e, 1));
		fd->suggestion = "各项按更高精度计算后四舍五入所致，无需修改；如需表面一致，可调整尾差。";
		for (int i = 0; i < e->nparts; i++)
			bl_finding_evidence(doc, fd, doc->facts[e->parts[i]].pos,
					    doc->facts[e->parts[i]].text);
		return;
	}
	int64_t best_v;
	int unique;
	score bs;
	int best = culprit(doc, es, e, &best_v, &unique, &bs);
	const bl_fact *w = &doc->facts[best];
	/* a second relation pointing at the same statement adds its evidence */
	bl_severity sev = bl_rule_verdict_sev(e->rule, e->verdict);
	for (size_t i = 0; i < doc->nfindings; i++) {
		bl_finding *o = &doc->findings[i];
		if (o->severity == sev && o->pos.line == w->pos.line && o->pos.col == w->pos.col &&
		    o->has_expected && o->expected.u == best_v) {
			o->message = bl_arena_printf(&doc->arena, "%s；另据%s%s %s万元推算，亦得 %s万元",
						     o->message, bl_key_label(doc, t->key),
						     measure_words(t->measure, t->basis),
						     bl_fmt(doc, bl_fact_wan(t)), bl_fmt(doc, o->expected));
			bl_finding_evidence(doc, o, t->pos, t->text);
			return;
		}
	}
	bl_finding *fd = bl_finding_at_fact(doc, e->rule, sev, w);
	fd->root = unique && e->verdict == BL_V_WRONG;
	fd->has_stated = fd->has_expected = 1;
	fd->stated = bl_fact_wan(w);
	fd->expected.u = best_v;
	fd->expected.prec = fd->stated.prec;
	const char *why = unique ? (bs.holds > 0 || bs.fixed > 1 ? "；其余陈述相互吻合，此处最可能有误"
								 : "；此处最可能有误")
				 : "；无法判定哪一项有误，按合计列示";
	if (best == e->total)
		fd->message = bl_arena_printf(&doc->arena, "%s%s为 %s万元，但各组成部分之和为 %s万元（%s）%s",
					      bl_key_label(doc, t->key), measure_words(t->measure, t->basis),
					      bl_fmt(doc, bl_fact_wan(t)), bl_fmt(doc, sum),
					      eq_formula(doc, e, 1), why);
	else
		fd->message = bl_arena_printf(
			&doc->arena, "%s%s %s万元与合计不符：%s%s %s万元 ≠ %s%s；使全部陈述一致的值为 %s万元",
			bl_key_label(doc, w->key), measure_words(w->measure, w->basis),
			bl_fmt(doc, bl_fact_wan(w)), bl_key_label(doc, t->key),
			measure_words(t->measure, t->basis), bl_fmt(doc, bl_fact_wan(t)),
			eq_formula(doc, e, 1), why, bl_fmt(doc, fd->expected));
	if (e->verdict == BL_V_PRINTED)
		fd->message = bl_arena_printf(&doc->arena, "%s%s", fd->message, printed_note);
	/* the statement most likely wrong is named only when it stands out */
	fd->suggestion =
		unique ? bl_arena_printf(&doc->arena, "核对后将此处改为 %s万元，或更正与之相加的其他数字。",
					 bl_fmt(doc, fd->expected))
		       : "合计与各组成部分不符，无法判定哪一项有误：请核对合计及各项（含文中其他处相同的数字"
			 "），更正有误者。";
	if (w != t)
		bl_finding_evidence(doc, fd, t->pos, t->text);
	for (int i = 0; i < e->nparts; i++)
		if (e->parts[i] != best)
			bl_finding_evidence(doc, fd, doc->facts[e->parts[i]].pos,
					    doc->facts[e->parts[i]].text);
}

void bl_sums_check(bl_doc *doc, const bl_sumset *sums)
{
	eqset *set = bl_xcalloc(1, sizeof *set);
	funcs fs = {BL_KMAP_INIT, NULL, 0, 0};
	funcs_build(doc, sums, &fs);
	int *blocked = bl_xcalloc(sums->n ? sums->n : 1, sizeof *blocked);
	for (size_t r = 0; r < sums->n; r++)
		blocked[r] = row_blocked(doc, &sums->v[r]);
	/* every measure/basis/period combination present, in order of appearance */
	bl_kmap seen = BL_KMAP_INIT;
	for (size_t i = 0; i < doc->nfacts; i++) {
		const bl_fact *f = &doc->facts[i];
		if (f->measure != BL_M_VALUE && f->measure != BL_M_CHANGE)
			continue;
		int *v = bl_kmap_get(&seen, NULL, f->measure, bl_fact_tag(f->basis, f->period), 1);
		if (*v < 0) {
			*v = 1;
			build_eqs(doc, sums, &fs, set, f->measure, f->basis, f->period, blocked);
		}
	}
	bl_kmap_free(&seen);
	bl_kmap_free(&fs.map);
	free(fs.v);
	free(blocked);
	close_by_values(doc, set);
	for (int k = 0; k < set->n; k++)
		set->e[k].verdict = eval(doc, &set->e[k], -1, 0);
	for (int k = 0; k < set->n; k++) {
		eq *e = &set->e[k];
		bl_outcome_count(doc, e->rule,
				 e->verdict == BL_V_WRONG                       ? BL_OUT_FAIL
				 : e->verdict < 0 || e->verdict == BL_V_PRINTED ? BL_OUT_INSUFFICIENT
										: BL_OUT_PASS);
		if (e->verdict == BL_V_ROUNDING || fails(e->verdict))
			report_eq(doc, set, k);
	}
	free(set);
}

/* The same figure stated twice must agree. */
static void check_duplicates(bl_doc *doc)
{
	/* how many statements of each key give each value (the majority below) */
	bl_kmap votes = BL_KMAP_INIT;
	for (size_t i = 0; i < doc->nfacts; i++) {
		const bl_fact *f = &doc->facts[i];
		int first = bl_fact_find(doc, f->key, f->measure, f->basis, f->period);
		int *n = bl_kmap_get(&votes, NULL, first, bl_fact_wan(f).u, 1);
		*n = *n < 0 ? 1 : *n + 1;
	}
	for (size_t i = 0; i < doc->nfacts; i++) {
		const bl_fact *f = &doc->facts[i];
		int first = bl_fact_find(doc, f->key, f->measure, f->basis, f->period);
		if (first == (int)i)
			continue;
		const bl_fact *o = &doc->facts[first];
		/* stand-alone figures (接待费, 车辆, 绩效金额) recur in different
		 * contexts (外事, other dates, other evaluations): only scoped
		 * totals and the 三公 total are compared */
		int scoped = !strncmp(f->key, "total.", 6) || !strncmp(f->key, "general.", 8) ||
			     !strncmp(f->key, "fund.", 5) || !strncmp(f->key, "capital.", 8) ||
			     !strncmp(f->key, "approp.", 7) || !strcmp(f->key, BLK_SG_TOTAL);
		if (o->inferred || f->inferred || !scoped) {
			/* a key read from context is not firm enough to accuse */
			bl_outcome_count(doc, BL_R_DUP_CONSISTENT, BL_OUT_INSUFFICIENT);
			continue;
		}
		bl_dec a = bl_fact_wan(o), b = bl_fact_wan(f);
		int64_t slack = bl_dec_half_unit(a.prec) + bl_dec_half_unit(b.prec);
		int v = bl_round_verdict(a.u, b.u, slack);
		if (f->zero_word || o->zero_word)
			v = a.u == b.u ? 0 : 2;
		/* the same phrase printed at two precisions is the same figure */
		if (v == 1 && (a.prec != b.prec))
			v = 0;
		bl_outcome_count(doc, BL_R_DUP_CONSISTENT, v == 2 ? BL_OUT_FAIL : BL_OUT_PASS);
		if (v == 0)
			continue;
		/* the majority of statements decides which one is odd */
		int agree_first = *bl_kmap_get(&votes, NULL, first, a.u, 0);
		int agree_this = *bl_kmap_get(&votes, NULL, first, b.u, 0);
		const bl_fact *odd = agree_this > agree_first ? o : f;
		const bl_fact *ref = odd == f ? o : f;
		bl_finding *fd = bl_finding_at_fact(doc, BL_R_DUP_CONSISTENT,
						    v == 2 ? BL_SEV_ERROR : BL_SEV_INFO, odd);
		fd->has_stated = fd->has_expected = 1;
		fd->stated = odd->value;
		fd->expected = ref->value;
		fd->message =
			bl_arena_printf(&doc->arena, "%s%s在第%d行为 %s，此处为 %s，同一数字前后不一致",
					bl_key_label(doc, f->key), measure_words(f->measure, f->basis),
					ref->pos.line, bl_fmt(doc, ref->value), bl_fmt(doc, odd->value));
		fd->suggestion = bl_arena_printf(&doc->arena, "核对后统一为正确数字（多数表述为 %s）。",
						 bl_fmt(doc, ref->value));
		bl_finding_evidence(doc, fd, ref->pos, ref->text);
	}
	bl_kmap_free(&votes);
}

void bl_rules_arith(bl_doc *doc)
{
	bl_sums_check(doc, bl_sums_for(&doc->profile));
	check_duplicates(doc);
}
