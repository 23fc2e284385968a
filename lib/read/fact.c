/* fact.c - the mentions of each sentence resolved into keyed facts: the
 * scope, item or key a figure's subject names (vocab.c), the figure it
 * qualifies (its anchor), the paragraph's scope in force, the document's
 * money precision, and the public fact API. What the words of a figure's
 * own clause say of its role (measure, basis, period) is fact_role.c's, the
 * reasons an anchor never crosses are fact_reason.c's. */
#include <string.h>

#include "read/fact_int.h"

#define N(a) (sizeof a / sizeof a[0])

/* ---- the words, from subject.def ---- */

static const char *const per_person[] = {
#define BL_PER_PERSON(word) word,
#include "read/subject.def"
};
static const char *const sub_levels[] = {
#define BL_SUB_LEVEL(word) word,
#include "read/subject.def"
};
static const char *const class_marks[] = {
#define BL_CLASS_MARK(word) word,
#include "read/subject.def"
};
static const char *const subitem_marks[] = {
#define BL_SUBITEM_MARK(word) word,
#include "read/subject.def"
};
static const char *const foreign[] = {
#define BL_FOREIGN(word) word,
#include "read/subject.def"
};

/* ---- resolution ---- */

/* The longest clause (code points, spaces not counted) that a base word
 * alone makes (上年预算执行数为): longer, it names something else. */
#define BASED_CLAUSE_MAX 8

/* What resolution reads again and again of one document, kept. */
typedef struct fctx {
	int *title_scope; /* per section: the scope its title names, -1 none, -2 not read yet */
	int sub_para;     /* the paragraph whose 款/项 marks are below, or -1 */
	size_t sub_end;   /* where the first mark of sub_para ends, or (size_t)-1 */
	int sub_title;    /* sub_para's section title names a 款/项 line */
	int para;         /* the paragraph whose last facts are below, or -1 */
	int last_value, last_change;
	int carried;                /* last_value is the paragraph before's, carried into this one */
	int total, people;          /* bl_vocab_tab rows of the scope total and of reception.people */
	int grand, income, expense; /* … and of the items grand_total, income, expense */
	bl_reasons reasons;
	bl_sidx *items;
} fctx;

/* Is the paragraph about a 款/项 line: marked so before b, or under a
 * numbered heading that names one (12、住房保障支出（类）…住房公积金（项）。)?
 * A mark lies in [start, b) when the first one of the paragraph ends by b. */
static int paragraph_has_subitem(const bl_doc *doc, fctx *cx, int para, size_t b)
{
	const bl_flow *f = &doc->flow;
	if (cx->sub_para != para) {
		size_t end = (size_t)-1;
		for (size_t i = (size_t)doc->para_start[para]; i < f->n && i < end && f->cp[i] != '\n'; i++)
			for (size_t k = 0; k < N(subitem_marks); k++) {
				size_t m = bl_flow_match(f, i, f->n, subitem_marks[k]);
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
			cx->sub_title = bl_flow_has_any(f, lo, hi, subitem_marks, N(subitem_marks));
		}
	}
	return cx->sub_end <= b || cx->sub_title;
}

/* A sentence being resolved, figure by figure. */
typedef struct sent_state {
	size_t si;
	const bl_sentence *st;
	int last_fact;       /* previous fact in the sentence, -1 */
	int scope;           /* vocab index of the scope in force, -1 */
	int last_standalone; /* the sentence's last stand-alone fact, -1 */
	size_t orphan;       /* the last amount that became no fact (a 款/项 line's), or -1 */
	int from_fact;       /* the fact of the last 由A万元 (减少至B万元), or -1 */
	int *first_scope;    /* out: the scope the paragraph's first figure set */
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
			cx->title_scope[s] = bl_vocab_find(doc, lo, end, BL_V_SCOPE, 0).entry;
		}
		if (cx->title_scope[s] >= 0)
			return cx->title_scope[s];
	}
	return -1;
}

static bl_fact *new_fact(bl_doc *doc, const bl_mention *m, size_t subj)
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

static int is_bare_item(int entry)
{
	return entry >= 0 && (!strcmp(bl_vocab_tab[entry].key, BLK_I_EXPENSE) ||
			      !strcmp(bl_vocab_tab[entry].key, BLK_I_INCOME));
}

/* A bare 支出 after a 类 item's phrase: 一般公共服务（类）支出 is the class's
 * figure (the item becomes the class's, spanning both), 一般公共服务（类）政府
 * 办公厅（款）…支出 a 款/项 line's (0: no fact). */
static int class_item(bl_doc *doc, bl_fig *g)
{
	const bl_flow *f = &doc->flow;
	if (!is_bare_item(g->item.entry))
		return 1;
	for (size_t k = 0; k < N(class_marks); k++) {
		size_t at = bl_word_ending_at(f, g->a, g->item.start, class_marks[k]);
		bl_vmatch c = at != (size_t)-1 ? bl_vocab_class_before(doc, g->a, at) : BL_VMATCH_NONE;
		if (c.entry >= 0) {
			g->item = (bl_vmatch){c.entry, c.start, g->item.end};
			return 1;
		}
	}
	bl_vmatch c = bl_vocab_find(doc, g->a, g->item.start, BL_V_ITEM, 0);
	if (c.entry < 0 || !bl_key_same_head(bl_vocab_tab[c.entry].key, BLK_I_F201))
		return 1;
	return !bl_flow_has_any(f, c.end, g->item.start, sub_levels, N(sub_levels));
}

/* 财政拨款收入预算总计: after a source's scope, a 预算总计 may be that
 * source's own income (a template listing 上年结转 as a source beside it)
 * or its grand total with its carry-over: read as the income, doubted. */
static void source_total(const bl_doc *doc, const fctx *cx, bl_fig *g)
{
	const bl_flow *f = &doc->flow;
	if (g->item.entry != cx->grand || g->scope.entry < 0 || g->scope.end != g->item.start ||
	    bl_word_ending_at(f, g->item.start, g->item.end, "预算总计") == (size_t)-1)
		return;
	g->item.entry = bl_flow_match(f, g->item.start, g->item.end, "支") ? cx->expense : cx->income;
	g->doubt |= BL_DOUBT_ROLE;
}

/* Step 1: what the figure's subject names (scope, item, stand-alone key),
 * its direction word and its basis. 0 when the figure is a 款/项 line's,
 * below the level the keys describe. A percent's item is named before its
 * percent word (基本支出占支出的: the whole comes after it). */
static int figure_subject(bl_doc *doc, fctx *cx, const sent_state *ss, bl_fig *g)
{
	const bl_flow *f = &doc->flow;
	const bl_mention *m = g->m;
	size_t a = g->a, b = g->b;
	g->c = bl_clause_from(f, a, b);
	g->dw = m->zero_word ? (bl_dirword){0, BL_DW_NONE, 0, 0, (size_t)-1} : bl_direction_before(f, a, b);
	g->dir = g->dw.sign;
	/* the basis a zero word states is its own (与上年预算数一致) */
	g->basis = bl_basis_in(f, a, m->zero_word ? m->uend : b);
	bl_percent_word(f, g);
	size_t ib = g->pct_measure != BL_M_VALUE ? g->pct_at : b;
	g->scope = bl_vocab_find(doc, a, b, BL_V_SCOPE, 0);
	g->item = m->ucls == '%' || m->ucls == 'M' || m->ucls == 'Z' ? bl_vocab_find(doc, a, ib, BL_V_ITEM, 0)
								     : BL_VMATCH_NONE;
	char kc = m->ucls;
	if (kc == 'M' && bl_flow_has_any(f, a, b, per_person, N(per_person)))
		kc = 'Y';
	/* 公务接待费支出决算持平: a zero word's subject names its money key */
	g->key = kc == '%' ? BL_VMATCH_NONE : bl_vocab_find(doc, a, b, BL_V_KEY, kc == 'Z' ? 'M' : kc);
	/* 17批次150人: the people of the batches just before */
	if (m->ucls == 'P' && g->key.entry < 0 && ss->last_fact >= 0 &&
	    strcmp(doc->facts[ss->last_fact].key, BLK_RECEPTION_BATCHES) == 0 && b - a <= 2)
		g->key.entry = cx->people;
	/* 一般公共预算拨款592.29万元 inside a 收入预算 sentence: the sentence's item */
	if (g->item.entry < 0 && g->key.entry < 0 && g->scope.entry >= 0 && m->ucls == 'M' && !g->dir)
		g->item = bl_vocab_sentence_item(doc, cx->items, ss->si, a);
	g->doubt = 0;
	if (!class_item(doc, g))
		g->item = BL_VMATCH_NONE; /* a 款/项 line's: its own key (item_key) */
	source_total(doc, cx, g);
	if (g->key.entry >= 0 && g->item.entry >= 0) {
		if (g->item.end > g->key.end || (g->item.end == g->key.end && g->item.start < g->key.start))
			g->key.entry = -1;
		else
			g->item.entry = -1;
	}
	/* 款/项 lines are below the level the class keys describe: their own key (item_key) */
	if (g->item.entry >= 0 && bl_key_same_head(bl_vocab_tab[g->item.entry].key, BLK_I_F201) &&
	    bl_flow_has_any(f, g->item.end, b, sub_levels, N(sub_levels)))
		g->item = BL_VMATCH_NONE;
	return 1;
}

/* Step 3: a figure that qualifies the one before it (a percent, a change
 * without a subject of its own) takes that fact as its anchor, and its key
 * when it names none; 0 when it has neither. */
static int figure_anchor(bl_doc *doc, fctx *cx, const sent_state *ss, bl_fig *g)
{
	const bl_sentence *st = ss->st;
	g->key_str = NULL;
	g->anchor = -1;
	g->scope_used = -1;
	g->inferred = 0;
	/* 决算数同预算数持平 compares two figures stated, not this year with the last: no change */
	if (g->m->zero_word && bl_flow_find(&doc->flow, g->c, g->m->uend, "决算数") != (size_t)-1 &&
	    bl_flow_find(&doc->flow, g->c, g->m->uend, "预算数") != (size_t)-1)
		return 0;
	/* 由A万元减少至B万元: B is the amount A's subject named */
	if (g->measure == BL_M_VALUE && g->dw.level && g->key.entry < 0 && g->item.entry < 0) {
		if (ss->from_fact < 0)
			return 0;
		g->key_str = doc->facts[ss->from_fact].key;
		g->inferred = 1;
		return 1;
	}
	if (!(g->measure == BL_M_SHARE_PCT || g->measure == BL_M_COMPLETION_PCT ||
	      (g->measure != BL_M_VALUE && g->key.entry < 0 && g->item.entry < 0)))
		return 1;
	/* qualifies the figure before it: the paragraph's last change (for a
	 * percent change) or value */
	int anchor = g->measure == BL_M_CHANGE_PCT ? cx->last_change : cx->last_value;
	if (anchor >= 0) {
		/* never across a stated reason, nor to a figure inside one */
		const bl_fact *p = &doc->facts[anchor];
		size_t afl = bl_flow_index(&doc->flow, (size_t)(p->figure.p - doc->bytes));
		size_t from = afl > st->start ? afl : st->start;
		size_t as = doc->sent[p->sentence].start;
		/* a reason ends at a semicolon: 原因是…；项目支出34万元 is outside it */
		as = bl_reason_clause_start(doc, &cx->reasons, p->paragraph, as, afl);
		if (bl_reason_between(doc, &cx->reasons, p->paragraph, as, afl) ||
		    bl_reason_between(doc, &cx->reasons, st->paragraph, from, g->b))
			anchor = -1;
		if (ss->orphan != (size_t)-1 && ss->orphan > afl && ss->orphan < g->b)
			anchor = -1;
	}
	g->anchor = anchor;
	if (anchor < 0 && g->key.entry < 0 && g->item.entry < 0)
		return 0;
	if (anchor >= 0 && g->key.entry < 0 && g->item.entry < 0) {
		g->key_str = doc->facts[anchor].key;
		if (g->measure == BL_M_CHANGE_PCT && g->basis == BL_B_NONE)
			g->basis = doc->facts[anchor].basis;
	}
	return 1;
}

/* Is the figure's clause a base or period word and nothing else that names
 * (全年预算为, 上年执行数为, 上年预算数为, 上年为) right after a value of the
 * sentence of another base or period? */
static int prev_value(const bl_doc *doc, const sent_state *ss)
{
	return ss->last_fact >= 0 && doc->facts[ss->last_fact].measure == BL_M_VALUE;
}

static int based_value(const bl_doc *doc, const sent_state *ss, const bl_fig *g)
{
	const bl_flow *f = &doc->flow;
	if (!prev_value(doc, ss))
		return 0;
	const bl_fact *last = &doc->facts[ss->last_fact];
	bl_basis b = bl_value_basis(doc, bl_basis_in(f, g->c, g->b));
	/* 上年为, 上年预算数为 in a budget: its own kind of figure, last year's */
	int prev = bl_prev_period_in(f, g->c, g->b) && last->period == doc->profile.year;
	if (!prev && (b == BL_B_NONE || b == last->basis))
		return 0;
	size_t n = 0;
	for (size_t i = g->c; i < g->b; i++)
		n += f->cp[i] != ' ';
	return n <= BASED_CLAUSE_MAX;
}

/* Code points from a numbered title's item line to the figures below it
 * that are its own, at most: farther, the section has gone on to others. */
#define ITEM_SPAN 600

/* The words of a clause that make its figure the item line's own: the
 * amount right after the line, or one its clause names by base or kind
 * (年初预算为, 支出决算为, 全年预算为, 比上年增加). */
static const char *const item_figure_words[] = {"预算",   "决算", "执行", "比上年",
						"较上年", "增加", "减少", "持平"};

/* The key of the 款/项 line the figure's paragraph names before it, or
 * its section's title does (12、住房保障支出（类）…住房公积金（项）), with
 * the scope the figure's phrase, sentence or section names; NULL for none,
 * and for a figure the line does not own: one inside a stated reason
 * (主要原因：…调减项目经费50万元), or one whose clause names no base. */
static const char *item_key(bl_doc *doc, fctx *cx, const sent_state *ss, const bl_fig *g)
{
	const bl_flow *f = &doc->flow;
	char *names[3];
	int para = ss->st->paragraph;
	size_t start = (size_t)doc->para_start[para], end = start;
	int n = bl_item_line(doc, start, g->b, names, &doc->arena, &end);
	int own = n > 0; /* the line is in the figure's own paragraph */
	int s = doc->sec_of_para[para];
	if (!n && s >= 0) {
		size_t off = (size_t)(doc->sec[s].title.p - doc->bytes), tend;
		n = bl_item_line(doc, bl_flow_index(f, off), bl_flow_index(f, off + doc->sec[s].title.n),
				 names, &doc->arena, &tend);
		end = start;
		/* the title's line is the figure's only while no other line came
		 * between, and the figure is near it (ITEM_SPAN) */
		if (n && (g->b > tend + ITEM_SPAN || bl_flow_find(f, tend, g->b, "（类）") != (size_t)-1 ||
			  bl_flow_find(f, tend, g->b, "(类)") != (size_t)-1))
			n = 0;
		/* a title ending at its 款 mark may go on in the paragraph with its 项;
		 * a 项 mark anywhere else under it is a line not paired with it */
		if (n == 2) {
			int c = bl_item_continued(doc, start, g->b, names, &doc->arena, &end);
			n = c < 0 ? 0 : c ? c : n;
			if (!c && (bl_flow_find(f, tend, g->b, "（项）") != (size_t)-1 ||
				   bl_flow_find(f, tend, g->b, "(项)") != (size_t)-1))
				n = 0;
		}
	}
	/* within its sentence: the line's own 主要用于… ended at its stop */
	size_t from = end > ss->st->start ? end : ss->st->start;
	if (!n || g->m->ucls != 'M' || bl_reason_between(doc, &cx->reasons, para, from, g->b))
		return NULL;
	/* right after the line (”261.47万元), or a clause naming its base */
	size_t k = end;
	while (k < g->m->start && (f->cp[k] == ' ' || f->cp[k] == BL_CP_RDQUO || f->cp[k] == '"'))
		k++;
	if ((k < g->m->start || !own) &&
	    !bl_flow_has_any(f, g->c, g->m->start, item_figure_words, N(item_figure_words)))
		return NULL;
	int sc = g->scope.entry >= 0 ? g->scope.entry : ss->scope;
	if (sc < 0)
		sc = section_scope(doc, cx, para);
	if (sc < 0)
		sc = cx->total;
	const char *code = bl_item_code(doc, names, n);
	return code ? bl_arena_printf(&doc->arena, "%s.func.%s", bl_vocab_tab[sc].key, code) : NULL;
}

/* Step 4: the key: the stand-alone key named, the sentence's stand-alone
 * subject for a bare 收入/支出, or scope.item with the scope from the
 * phrase, the paragraph, the section title or the whole; 0 for none. */
static int figure_key(bl_doc *doc, fctx *cx, const sent_state *ss, bl_fig *g)
{
	const bl_flow *f = &doc->flow;
	if (!g->key_str && g->key.entry >= 0) {
		const char *kk = bl_vocab_tab[g->key.entry].key;
		/* a procurement figure under a named fund is a sub-figure */
		if (bl_key_same_head(kk, BLK_PROC_TOTAL) &&
		    (g->scope.entry >= 0 ||
		     (ss->scope >= 0 && strcmp(bl_vocab_tab[ss->scope].key, BLK_S_TOTAL))))
			return 0;
		/* 国（境）外公务接待, 外事接待 are not the domestic figures */
		if (bl_key_same_head(kk, BLK_RECEPTION_BATCHES) &&
		    bl_flow_has_any(f, g->a, g->b, foreign, N(foreign)))
			return 0;
		g->key_str = kk;
	}
	g->inferred |= g->anchor >= 0 && g->key.entry < 0 && g->item.entry < 0;
	const char *item = g->item.entry >= 0 ? bl_vocab_tab[g->item.entry].key : NULL;
	if (!g->key_str && item && g->scope.entry < 0 &&
	    (!strcmp(item, BLK_I_EXPENSE) || !strcmp(item, BLK_I_INCOME))) {
		/* “三公”经费…年初预算为A万元，支出决算为B万元: a bare 支出 goes on
		 * with the stand-alone subject named earlier in the sentence */
		if (ss->last_standalone >= 0) {
			g->key_str = doc->facts[ss->last_standalone].key;
			g->inferred = 1;
		}
	}
	if (!g->key_str && item) {
		/* below a 款/项 heading, an unscoped 收入/支出 is that line's figure */
		if (g->scope.entry < 0 && paragraph_has_subitem(doc, cx, ss->st->paragraph, g->b))
			return (g->key_str = item_key(doc, cx, ss, g)) != NULL;
		int sc = g->scope.entry;
		g->inferred = g->scope.entry < 0 && strcmp(item, BLK_I_GRAND);
		if (sc < 0)
			sc = ss->scope;
		if (sc < 0)
			sc = section_scope(doc, cx, ss->st->paragraph);
		if (sc < 0)
			sc = cx->total;
		g->scope_used = sc;
		g->key_str = bl_vocab_key(&doc->arena, sc, g->item.entry);
	}
	if (!g->key_str && g->measure == BL_M_VALUE && !item && g->key.entry < 0 &&
	    (g->paren != BL_B_NONE ? prev_value(doc, ss) : based_value(doc, ss, g))) {
		/* 支出决算为A万元，全年预算为B万元: a clause of a base word alone
		 * is the same subject's figure of that base */
		g->key_str = doc->facts[ss->last_fact].key;
		g->inferred = 1;
		return 1;
	}
	/* 款/项 line”261.47万元, 年初预算为54.53万元 below it: the line's figures */
	if (!g->key_str && !item && g->key.entry < 0 && g->anchor < 0 &&
	    paragraph_has_subitem(doc, cx, ss->st->paragraph, g->b))
		return (g->key_str = item_key(doc, cx, ss, g)) != NULL;
	if (!g->key_str)
		return 0;
	if (g->measure == BL_M_VALUE && g->item.entry < 0 && g->key.entry < 0 && !g->dw.level)
		return 0;
	return 1;
}

/* Step 5: the fact, with its sign, basis, period and whole. */
static void figure_fact(bl_doc *doc, const fctx *cx, const sent_state *ss, bl_fig *g)
{
	const bl_mention *m = g->m;
	bl_fact *ft = new_fact(doc, m, g->a);
	ft->key = g->key_str;
	ft->measure = g->measure;
	ft->anchor = g->anchor;
	if (m->zero_word && g->anchor >= 0)
		ft->unit = doc->facts[g->anchor].unit;
	ft->sentence = (int)ss->si;
	ft->paragraph = ss->st->paragraph;
	ft->word_sign = g->dir;
	ft->inferred = g->inferred;
	if (g->dir < 0)
		ft->value = bl_dec_neg(ft->value);
	ft->doubt = g->doubt;
	ft->basis = bl_fact_basis(doc, g);
	ft->period = bl_fact_period(doc, g, ft->basis);
	if (g->measure == BL_M_SHARE_PCT) {
		/* 占本年支出合计的: the whole after the share word */
		bl_vmatch w = bl_vocab_find(doc, g->pct_at, g->b, BL_V_ITEM, 0);
		if (w.entry >= 0)
			ft->whole = bl_vocab_key(&doc->arena, cx->total, w.entry);
	}
}

/* Step 6: what the next figures of the sentence and paragraph see. */
static void figure_done(bl_doc *doc, fctx *cx, sent_state *ss, const bl_fig *g)
{
	if (g->scope_used >= 0) {
		ss->scope = g->scope_used;
		if (*ss->first_scope < 0)
			*ss->first_scope = g->scope_used;
	} else if (*ss->first_scope < 0 && ss->last_fact < 0) {
		/* a stand-alone key first: the paragraph has no money scope */
		*ss->first_scope = -1;
	}
	ss->last_fact = (int)doc->nfacts - 1;
	ss->from_fact = g->from ? ss->last_fact : -1;
	/* a change or a percent after it qualifies this year's own figure, not
	 * last year's or the budgeted one told beside it */
	const bl_fact *ft = &doc->facts[ss->last_fact];
	if (g->measure == BL_M_VALUE && ft->basis == BL_B_NONE &&
	    (ft->period == doc->profile.year || !doc->profile.year))
		cx->last_value = ss->last_fact;
	else if (g->measure == BL_M_CHANGE)
		cx->last_change = ss->last_fact;
	if (bl_vocab_standalone(g->key_str))
		ss->last_standalone = ss->last_fact;
}

/* Does paragraph para go on with the figures of paragraph prev: the next
 * one, its first line no heading or list item, and no fact made in it yet? */
static int continues_paragraph(const bl_doc *doc, int prev, int para)
{
	if (prev < 0 || para != prev + 1 || (size_t)para >= doc->npara)
		return 0;
	const bl_flow *f = &doc->flow;
	size_t i = (size_t)doc->para_start[para], end;
	while (i < f->n && (f->cp[i] == ' ' || f->cp[i] == BL_CP_IDEO_SPACE))
		i++;
	return !bl_marker_parse(f->cp, i, f->n, &end);
}

/* Could the mention be a fact: no count, no percentage points? */
static int is_figure(const bl_mention *m)
{
	return m->ucls != 'C' && m->ucls != 'Q';
}

static void resolve_sentence(bl_doc *doc, fctx *cx, size_t si, const bl_mention *ms, size_t nm,
			     int prev_first_scope, int *first_scope_out)
{
	const bl_sentence *st = &doc->sent[si];
	/* facts are made in text order: the paragraph's and the sentence's are
	 * the last ones, and the latest of a kind is kept instead of searched */
	if (cx->para != st->paragraph) {
		/* a change on the next line, printed as a paragraph of its own
		 * (…支出1289.52万元。⏎与上年相比减少710.87万元), qualifies the
		 * figure before it: carried into the next paragraph when that one
		 * has no marker of its own, until it makes a fact */
		cx->carried = continues_paragraph(doc, cx->para, st->paragraph) && cx->last_value >= 0 &&
			      cx->last_change < cx->last_value;
		if (!cx->carried)
			cx->last_value = cx->last_change = -1;
		cx->para = st->paragraph;
	}
	/* a paragraph keeps the scope its first figure set */
	sent_state ss = {si, st, -1, prev_first_scope, -1, (size_t)-1, -1, first_scope_out};
	*first_scope_out = prev_first_scope;
	/* the last amount in this sentence that became no fact (a 款/项 line's):
	 * a percent after it is that amount's, not an earlier fact's */
	size_t prev_end = st->start, prev_money = (size_t)-1, prev_nf = doc->nfacts;
	for (size_t k = 0; k < nm; k++) {
		const bl_mention *m = &ms[k];
		/* an amount of the next paragraph that became no fact ends what was
		 * carried into it (单位预留机动经费1157.63万元。与上年相比…) */
		if (cx->carried && k > 0 && doc->nfacts == prev_nf && is_figure(&ms[k - 1])) {
			cx->carried = 0;
			cx->last_value = cx->last_change = -1;
		}
		if (prev_money != (size_t)-1 && doc->nfacts == prev_nf)
			ss.orphan = prev_money;
		prev_money = m->ucls == 'M' ? m->start : (size_t)-1;
		prev_nf = doc->nfacts;
		/* a count is no figure, and percentage points not even the end of
		 * a subject (基本支出占比提高3个百分点，占支出的50%) */
		if (!is_figure(m)) {
			prev_end = m->ucls == 'C' ? m->uend : prev_end;
			continue;
		}
		bl_fig g = {.m = m, .a = prev_end, .b = m->start};
		g.from = m->ucls == 'M' && bl_from_level_at(&doc->flow, prev_end, m, st->end);
		prev_end = m->uend;
		if (!figure_subject(doc, cx, &ss, &g) || !bl_figure_measure(&doc->flow, &g) ||
		    !figure_anchor(doc, cx, &ss, &g) || !figure_key(doc, cx, &ss, &g))
			continue;
		figure_fact(doc, cx, &ss, &g);
		figure_done(doc, cx, &ss, &g);
		cx->carried = 0;
	}
	if (cx->carried && nm > 0 && doc->nfacts == prev_nf && is_figure(&ms[nm - 1])) {
		cx->carried = 0;
		cx->last_value = cx->last_change = -1;
	}
}

/* The document's money precision: the most decimals any 万元 amount shows,
 * and at least the two decimals of the official 万元 tables. An amount
 * printed with fewer most likely had its trailing zeros dropped (12万元 in a
 * narrative of 12.35万元 figures is 12.00), and is taken at that precision;
 * but it may have been rounded, so an equation that fails only within the
 * rounding of the figures as printed is a doubt, not an error
 * (bl_fact_wan_printed). */
static void money_precision(bl_doc *doc)
{
	int mp = 2;
	for (size_t i = 0; i < doc->nfacts; i++) {
		const bl_fact *f = &doc->facts[i];
		if (f->unit && !strcmp(f->unit, "万元") && !f->zero_word && f->value.prec > mp &&
		    f->value.prec <= 4)
			mp = f->value.prec;
	}
	for (size_t i = 0; i < doc->nfacts; i++) {
		bl_fact *f = &doc->facts[i];
		f->eff_prec = f->value.prec;
		if (f->unit && !strcmp(f->unit, "万元") && f->value.prec < mp)
			f->eff_prec = mp;
	}
}

void bl_facts_build(bl_doc *doc)
{
	bl_mention *ms = NULL;
	size_t nm = 0, cap = 0;
	int prev_para = -1, prev_first_scope = -1;
	fctx cx = {0};
	cx.title_scope = bl_xmalloc((doc->nsec ? doc->nsec : 1) * sizeof *cx.title_scope);
	for (size_t s = 0; s < doc->nsec; s++)
		cx.title_scope[s] = -2;
	cx.sub_para = cx.para = cx.reasons.para = -1;
	cx.items = bl_sidx_new();
	cx.total = bl_vocab_index(BLK_S_TOTAL);
	cx.people = bl_vocab_index(BLK_RECEPTION_PEOPLE);
	cx.grand = bl_vocab_index(BLK_I_GRAND);
	cx.income = bl_vocab_index(BLK_I_INCOME);
	cx.expense = bl_vocab_index(BLK_I_EXPENSE);
	for (size_t si = 0; si < doc->nsent; si++) {
		const bl_sentence *st = &doc->sent[si];
		nm = bl_mentions_read(doc, st->start, st->end, &ms, &cap);
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
	bl_reasons_release(&cx.reasons);
	bl_sidx_free(cx.items);
	money_precision(doc);
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
	static const char *const n[] = {NULL,        "prev_year",  "initial_budget",  "prev_budget",
					"prev_exec", "prev_final", "adjusted_budget", "annual_budget"};
	return (unsigned)b < N(n) ? n[b] : NULL;
}

BL_API bl_basis bl_basis_compared(bl_basis b, int kind, int period, int *value_period)
{
	int final = kind == BL_KIND_FINAL;
	*value_period = period - 1;
	switch (b) {
	case BL_B_PREV_YEAR: return BL_B_NONE;
	case BL_B_PREV_BUDGET: return final ? b : BL_B_NONE;
	case BL_B_PREV_FINAL: return final ? BL_B_NONE : b;
	case BL_B_PREV_EXEC: return b;
	default: /* this year's budgeted figures */ *value_period = period; return b;
	}
}
