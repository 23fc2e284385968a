/* model.c - render's input: facts and texts from a facts JSON file or an opened document. */
#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"
#include "rmodel.h"

static char *dup(const char *s)
{
	return bl_xstrndup(s ? s : "", strlen(s ? s : ""));
}

/* Text that will be printed in the narrative: control characters (render's
 * own gap marks \x01 \x02 among them), terminal escapes and invalid bytes
 * become U+FFFD, counted in in->ncleaned so that render can say so. */
static char *cdup(bl_rinput *in, const char *s)
{
	s = s ? s : "";
	size_t n = strlen(s), k = bl_clean_count(s, n);
	if (!k)
		return bl_xstrndup(s, n);
	bl_buf b = BL_BUF_INIT(n * 3 + 1);
	bl_clean_buf(&b, s, n, 1);
	char *r = bl_xstrndup(b.p ? b.p : "", b.n);
	bl_buf_release(&b);
	in->ncleaned += k;
	return r;
}

static bl_rinput *rin_new(const char *name)
{
	bl_rinput *in = bl_xcalloc(1, sizeof *in);
	in->name = dup(name);
	in->unit = dup("");
	in->amount_prec = -1;
	in->pct_prec = -1;
	return in;
}

BL_API void bl_rinput_free(bl_rinput *in)
{
	if (!in)
		return;
	for (size_t i = 0; i < in->nf; i++)
		free(in->f[i].key);
	for (size_t i = 0; i < in->nt; i++) {
		free(in->t[i].id);
		free(in->t[i].key);
		free(in->t[i].text);
	}
	for (size_t i = 0; i < in->norder; i++) {
		free(in->order[i].id);
		free(in->order[i].top);
	}
	free(in->f);
	free(in->t);
	free(in->order);
	free(in->name);
	free(in->unit);
	free(in);
}

BL_API int bl_rinput_year(const bl_rinput *in)
{
	return in->year;
}

BL_API bl_kind bl_rinput_kind(const bl_rinput *in)
{
	return in->kind;
}

BL_API const char *bl_rinput_unit(const bl_rinput *in)
{
	return in->unit;
}

const rfact *rin_find(const bl_rinput *in, const char *key, bl_measure m, bl_basis b, int period)
{
	for (size_t i = 0; i < in->nf; i++) {
		const rfact *f = &in->f[i];
		if (!f->carried && f->m == m && f->b == b && f->period == period && strcmp(f->key, key) == 0)
			return f;
	}
	return NULL;
}

const char *rin_text(const bl_rinput *in, const char *id, const char *key, bl_basis b)
{
	for (size_t i = 0; i < in->nt; i++) {
		const rtext *t = &in->t[i];
		if (strcmp(t->id, id) == 0 && (!key || (strcmp(t->key, key) == 0 && t->b == b)))
			return t->text;
	}
	return NULL;
}

/* Counts and per-person figures keep their own unit; money is 万元. */
static int is_count_key(const char *key)
{
	return !strcmp(key, BLK_VEHICLES) || !strcmp(key, BLK_RECEPTION_BATCHES) ||
	       !strcmp(key, BLK_RECEPTION_PEOPLE);
}

/* Adds a fact unless one with the same key, measure, basis and period is
 * there (the first stated wins). unit is what the figure was printed in. */
static rfact *rin_add(bl_rinput *in, const char *key, bl_measure m, bl_basis b, int period, bl_dec v,
		      const char *unit)
{
	int money = (m == BL_M_VALUE || m == BL_M_CHANGE) && !is_count_key(key) &&
		    strcmp(key, BLK_RECEPTION_PER) != 0;
	if (money && unit && strcmp(unit, "元") == 0) {
		v = bl_dec_yuan_to_wan(v); /* exact; printed to 2 decimals, rounded once */
		if (m == BL_M_VALUE && in->amount_prec < 2)
			in->amount_prec = 2;
		in->from_yuan = 1;
	} else if (money && m == BL_M_VALUE && !in->from_yuan) {
		int p = v.prec > 4 ? 4 : v.prec;
		if (p > in->amount_prec)
			in->amount_prec = p;
	}
	if ((m == BL_M_CHANGE_PCT || m == BL_M_SHARE_PCT || m == BL_M_COMPLETION_PCT) && v.prec <= 2 &&
	    v.prec > in->pct_prec)
		in->pct_prec = v.prec;
	rfact *f = BL_PUSH(in->f, in->nf, in->capf);
	memset(f, 0, sizeof *f);
	f->key = dup(key);
	f->m = m;
	f->b = b;
	f->period = period;
	f->v = v;
	return f;
}

static int before(int l1, int c1, int l2, int c2)
{
	return l1 < l2 || (l1 == l2 && c1 < c2);
}

/* Facts printed inside a carried text are the text's; of the rest, the
 * first stated of each key, measure, basis and period is the figure and
 * later repetitions are dropped. */
static void rin_settle(bl_rinput *in)
{
	for (size_t i = 0; i < in->nf; i++) {
		rfact *f = &in->f[i];
		for (size_t k = 0; k < in->nt && f->line && !f->carried; k++) {
			const rtext *t = &in->t[k];
			if (t->line && !before(f->line, f->col, t->line, t->col) &&
			    before(f->line, f->col, t->end_line, t->end_col))
				f->carried = 1;
		}
	}
	size_t w = 0;
	for (size_t i = 0; i < in->nf; i++) {
		rfact *f = &in->f[i];
		int dup_of = 0;
		for (size_t j = 0; j < w && !f->carried && !dup_of; j++) {
			const rfact *g = &in->f[j];
			dup_of = !g->carried && g->m == f->m && g->b == f->b && g->period == f->period &&
				 strcmp(g->key, f->key) == 0;
		}
		if (dup_of) {
			free(f->key);
			continue;
		}
		in->f[w++] = *f;
	}
	in->nf = w;
}

static rtext *rin_add_text(bl_rinput *in, const char *id, const char *key, bl_basis b, const char *text)
{
	if (!text || !*text || rin_text(in, id, key ? key : "", b))
		return NULL;
	rtext *t = BL_PUSH(in->t, in->nt, in->capt);
	memset(t, 0, sizeof *t);
	t->id = dup(id);
	t->key = dup(key);
	t->b = b;
	t->text = cdup(in, text);
	return t;
}

/* A heading the source printed, with its level and the title of its 一、
 * heading; level-1 headings (第一部分, the document's own title) say nothing
 * of the order. */
static void rin_add_order(bl_rinput *in, const char *title, int level, const char *top_title)
{
	const char *id = bl_section_topic(title, strlen(title));
	if (!id || level < 2)
		return;
	const char *top = level == 2 ? id : top_title ? bl_section_topic(top_title, strlen(top_title)) : NULL;
	for (size_t i = 0; i < in->norder; i++)
		if (strcmp(in->order[i].id, id) == 0 && strcmp(in->order[i].top, top ? top : "") == 0)
			return;
	struct rorder *o = BL_PUSH(in->order, in->norder, in->caporder);
	o->id = dup(id);
	o->top = dup(top);
	o->level = level;
}

/* --- the facts JSON --- */

static int parse_measure(const char *s, bl_measure *m)
{
	static const char *const names[] = {"value", "change", "change_pct", "share_pct", "completion_pct"};
	for (int i = 0; i < 5; i++)
		if (strcmp(s, names[i]) == 0)
			return *m = (bl_measure)i, 1;
	return 0;
}

static int parse_basis(const cJSON *j, bl_basis *b)
{
	if (!j || cJSON_IsNull(j))
		return *b = BL_B_NONE, 1;
	if (!cJSON_IsString(j))
		return 0;
	if (!*j->valuestring)
		return *b = BL_B_NONE, 1;
	if (strcmp(j->valuestring, "prev_year") == 0)
		return *b = BL_B_PREV_YEAR, 1;
	if (strcmp(j->valuestring, "initial_budget") == 0)
		return *b = BL_B_INITIAL_BUDGET, 1;
	return 0;
}

static bl_kind parse_kind(const char *s)
{
	if (!s)
		return BL_KIND_UNKNOWN;
	if (!strcmp(s, "budget") || strstr(s, "预算"))
		return BL_KIND_BUDGET;
	if (!strcmp(s, "final") || strstr(s, "决算"))
		return BL_KIND_FINAL;
	return BL_KIND_UNKNOWN;
}

static const char *jstr(const cJSON *o, const char *name)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(o, name);
	return cJSON_IsString(j) ? j->valuestring : NULL;
}

/* A malformed facts file: the message names the file and where. */
static int bad(bl_diag *diag, const char *name, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int bad(bl_diag *diag, const char *name, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	bl_diag_set(diag, BL_EFORMAT, 0, name, "'%s': %s", name, msg);
	return -1;
}

/* The "facts" array of document d; returns 0 or -1 with diag filled. */
static int load_facts(bl_rinput *in, const cJSON *d, bl_diag *diag)
{
	int i = 0;
	const cJSON *f;
	cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(d, "facts"))
	{
		const char *key = jstr(f, "key"), *ms = jstr(f, "measure"), *unit = jstr(f, "unit");
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(f, "value");
		const cJSON *per = cJSON_GetObjectItemCaseSensitive(f, "period");
		bl_measure m = BL_M_VALUE;
		bl_basis b;
		if (!key || !*key)
			return bad(diag, in->name, "fact %d has no \"key\"", i);
		if (ms && !parse_measure(ms, &m))
			return bad(diag, in->name, "unknown measure \"%s\" (fact %d)", ms, i);
		if (!parse_basis(cJSON_GetObjectItemCaseSensitive(f, "basis"), &b))
			return bad(diag, in->name,
				   "fact %d: basis must be null, \"prev_year\" or \"initial_budget\"", i);
		char num[64];
		if (cJSON_IsString(v))
			snprintf(num, sizeof num, "%s", v->valuestring);
		else if (cJSON_IsNumber(v) && v->valuedouble == (double)(int64_t)v->valuedouble &&
			 v->valuedouble < 1e12 && v->valuedouble > -1e12)
			snprintf(num, sizeof num, "%lld", (long long)v->valuedouble);
		else
			return bad(diag, in->name,
				   "fact %d: \"value\" must be a decimal string such as \"12.34\"", i);
		bl_dec dv;
		if (bl_dec_parse(num, strlen(num), &dv) != BL_OK)
			return bad(diag, in->name, "\"%s\" is not a decimal figure (fact %d)", num, i);
		int period = cJSON_IsNumber(per) ? per->valueint : in->year;
		if (!unit)
			unit = m == BL_M_CHANGE_PCT || m == BL_M_SHARE_PCT || m == BL_M_COMPLETION_PCT ? "%"
			       : strcmp(key, BLK_RECEPTION_PER) == 0                                   ? "元"
								     : "万元";
		rfact *nf = rin_add(in, key, m, b, period, dv, unit);
		const cJSON *ln = cJSON_GetObjectItemCaseSensitive(f, "line"),
			    *cl = cJSON_GetObjectItemCaseSensitive(f, "col");
		if (cJSON_IsNumber(ln) && cJSON_IsNumber(cl))
			nf->line = ln->valueint, nf->col = cl->valueint;
		i++;
	}
	return 0;
}

/* The "texts" array of document d; returns 0 or -1 with diag filled. */
static int load_texts(bl_rinput *in, const cJSON *d, bl_diag *diag)
{
	int i = 0;
	const cJSON *t;
	cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(d, "texts"))
	{
		const char *id = jstr(t, "id"), *text = jstr(t, "text");
		bl_basis b;
		if (!id || !text)
			return bad(diag, in->name, "text %d needs \"id\" and \"text\"", i);
		if (!parse_basis(cJSON_GetObjectItemCaseSensitive(t, "basis"), &b))
			return bad(diag, in->name,
				   "text %d: basis must be null, \"prev_year\" or \"initial_budget\"", i);
		rtext *nt = rin_add_text(in, id, jstr(t, "key"), b, text);
		static const char *const pos[] = {"line", "col", "end_line", "end_col"};
		int v[4] = {0, 0, 0, 0};
		for (int k = 0; k < 4; k++) {
			const cJSON *j = cJSON_GetObjectItemCaseSensitive(t, pos[k]);
			v[k] = cJSON_IsNumber(j) ? j->valueint : 0;
		}
		if (nt && v[0] && v[2])
			nt->line = v[0], nt->col = v[1], nt->end_line = v[2], nt->end_col = v[3];
		i++;
	}
	return 0;
}

/* The "sections" array of document d: the order of its headings. */
static void load_sections(bl_rinput *in, const cJSON *d)
{
	/* objects as extract writes them (level, parent), or bare titles (each a 一、) */
	const cJSON *secs = cJSON_GetObjectItemCaseSensitive(d, "sections");
	int ns = cJSON_GetArraySize(secs);
	for (int k = 0; k < ns; k++) {
		const cJSON *s = cJSON_GetArrayItem(secs, k);
		const char *title = cJSON_IsString(s) ? s->valuestring : jstr(s, "title");
		const cJSON *lj = cJSON_GetObjectItemCaseSensitive(s, "level");
		int level = cJSON_IsNumber(lj) ? lj->valueint : 2;
		const char *top = NULL;
		const cJSON *a = s;
		for (int guard = 0; guard < 16; guard++) { /* up to the 一、 heading */
			const cJSON *pj = cJSON_GetObjectItemCaseSensitive(a, "parent");
			const cJSON *al = cJSON_GetObjectItemCaseSensitive(a, "level");
			if (cJSON_IsNumber(al) && al->valueint == 2) {
				top = jstr(a, "title");
				break;
			}
			if (!cJSON_IsNumber(pj) || pj->valueint < 0 || pj->valueint >= ns)
				break;
			a = cJSON_GetArrayItem(secs, pj->valueint);
		}
		if (title)
			rin_add_order(in, title, level, top);
	}
}

/* One document object; returns 0 or -1 with diag filled. */
static int load_doc(bl_rinput *in, const cJSON *d, bl_diag *diag)
{
	const cJSON *y = cJSON_GetObjectItemCaseSensitive(d, "year");
	if (cJSON_IsNumber(y))
		in->year = y->valueint;
	in->kind = parse_kind(jstr(d, "kind"));
	const char *lv = jstr(d, "level");
	in->level = !lv                                            ? BL_LEVEL_UNKNOWN
		    : (!strcmp(lv, "unit") || !strcmp(lv, "单位")) ? BL_LEVEL_UNIT
		    : (!strcmp(lv, "dept") || !strcmp(lv, "部门")) ? BL_LEVEL_DEPT
								   : BL_LEVEL_UNKNOWN;
	if (jstr(d, "unit")) {
		free(in->unit);
		in->unit = cdup(in, jstr(d, "unit"));
	}
	if (load_facts(in, d, diag) != 0 || load_texts(in, d, diag) != 0)
		return -1;
	load_sections(in, d);
	rin_settle(in);
	return 0;
}

BL_API bl_status bl_rinput_json(const char *name, const char *bytes, size_t n, int index, bl_rinput **out,
				bl_diag *diag)
{
	*out = NULL;
	cJSON *root = cJSON_ParseWithLength(bytes, n);
	if (!root) {
		const char *at = cJSON_GetErrorPtr();
		size_t off = at && at >= bytes && at <= bytes + n ? (size_t)(at - bytes) : 0;
		int line = 1;
		for (size_t i = 0; i < off; i++)
			line += bytes[i] == '\n';
		bl_diag_set(diag, BL_EFORMAT, 0, name, "'%s': not valid JSON (near line %d)", name, line);
		return BL_EFORMAT;
	}
	const cJSON *d = root;
	const cJSON *docs = cJSON_GetObjectItemCaseSensitive(root, "documents");
	if (cJSON_IsArray(docs)) {
		int nd = cJSON_GetArraySize(docs);
		if (index < 0 && nd != 1) {
			bl_diag_set(diag, BL_EUSAGE, 0, name,
				    "'%s' holds %d documents; choose one with --doc N (1..%d)", name, nd, nd);
			cJSON_Delete(root);
			return BL_EUSAGE;
		}
		if (index >= nd) {
			bl_diag_set(diag, BL_EUSAGE, 0, name, "'%s' holds %d documents, not %d", name, nd,
				    index + 1);
			cJSON_Delete(root);
			return BL_EUSAGE;
		}
		d = cJSON_GetArrayItem(docs, index < 0 ? 0 : index);
	}
	if (!cJSON_IsObject(d) || (!cJSON_GetObjectItemCaseSensitive(d, "facts") &&
				   !cJSON_GetObjectItemCaseSensitive(d, "texts"))) {
		bl_diag_set(diag, BL_EFORMAT, 0, name,
			    "'%s': no \"facts\" or \"texts\" (expected extract's JSON)", name);
		cJSON_Delete(root);
		return BL_EFORMAT;
	}
	bl_rinput *in = rin_new(name);
	if (load_doc(in, d, diag) != 0) {
		cJSON_Delete(root);
		bl_rinput_free(in);
		return BL_EFORMAT;
	}
	cJSON_Delete(root);
	*out = in;
	return BL_OK;
}

BL_API bl_status bl_rinput_json_file(const char *path, int index, bl_rinput **out, int *ndocs, bl_diag *diag)
{
	char *bytes = NULL;
	size_t n = 0;
	*out = NULL;
	bl_status st = bl_file_read(path, &bytes, &n, diag);
	if (st)
		return st;
	if (ndocs) {
		cJSON *root = cJSON_ParseWithLength(bytes, n);
		const cJSON *docs = cJSON_GetObjectItemCaseSensitive(root, "documents");
		*ndocs = !root ? 0 : cJSON_IsArray(docs) ? cJSON_GetArraySize(docs) : 1;
		cJSON_Delete(root);
	}
	st = bl_rinput_json(path, bytes, n, index, out, diag);
	free(bytes);
	return st;
}

/* --- an opened document --- */

BL_API bl_status bl_rinput_doc(bl_doc *doc, bl_rinput **out, bl_diag *diag)
{
	(void)diag;
	bl_rinput *in = rin_new(bl_doc_path(doc));
	const bl_profile *p = bl_doc_profile(doc);
	in->year = p->year;
	in->kind = p->kind;
	in->level = p->level;
	free(in->unit);
	in->unit = cdup(in, p->unit);
	/* the tables first: a figure printed in a table is the source */
	bl_tfacts fs = {NULL, 0, 0};
	bl_table_facts(doc, &fs);
	for (size_t i = 0; i < fs.n; i++) {
		const bl_tfact *tf = &fs.v[i];
		if (tf->cell->state != BL_CELL_NUMBER && tf->cell->state != BL_CELL_BLANK)
			continue;
		bl_dec v = tf->cell->state == BL_CELL_NUMBER ? tf->cell->value : (bl_dec){0, 2};
		rin_add(in, tf->key, BL_M_VALUE, tf->basis, in->year, v, tf->t->unit == 1 ? "元" : "万元");
	}
	free(fs.v);
	for (size_t i = 0; i < bl_doc_nfacts(doc); i++) {
		const bl_fact *f = bl_doc_fact(doc, i);
		rfact *nf = rin_add(in, f->key, f->measure, f->basis, f->period, f->value, f->unit);
		nf->line = f->pos.line;
		nf->col = f->pos.col;
	}
	for (size_t i = 0; i < doc->ntexts; i++) {
		const bl_doc_text *x = &doc->texts[i];
		rtext *t = rin_add_text(in, x->id, *x->key ? x->key : NULL, x->basis, x->text);
		if (t)
			t->line = x->pos.line, t->col = x->pos.col, t->end_line = x->end.line,
			t->end_col = x->end.col;
	}
	for (size_t i = 0; i < bl_doc_nsections(doc); i++) {
		const bl_section *s = bl_doc_section(doc, i);
		if (s->in_toc)
			continue;
		const bl_section *a = s;
		for (int guard = 0; guard < 16 && a->level > 2 && a->parent >= 0; guard++)
			a = bl_doc_section(doc, (size_t)a->parent);
		char *t = bl_xstrndup(s->title.p, s->title.n), *tt = bl_xstrndup(a->title.p, a->title.n);
		rin_add_order(in, t, s->level, a->level == 2 ? tt : NULL);
		free(t);
		free(tt);
	}
	rin_settle(in);
	*out = in;
	return BL_OK;
}

BL_API void bl_rinput_merge(bl_rinput *in, const bl_rinput *more)
{
	for (size_t i = 0; i < more->nf; i++) {
		const rfact *f = &more->f[i];
		if (!f->carried && !rin_find(in, f->key, f->m, f->b, f->period))
			rin_add(in, f->key, f->m, f->b, f->period, f->v, "万元");
	}
	for (size_t i = 0; i < more->nt; i++)
		rin_add_text(in, more->t[i].id, more->t[i].key, more->t[i].b, more->t[i].text);
	if (!in->year && more->year) { /* figures read without a year are this year's */
		in->year = more->year;
		for (size_t i = 0; i < in->nf; i++)
			if (!in->f[i].period)
				in->f[i].period = in->year;
	}
	if (in->level == BL_LEVEL_UNKNOWN)
		in->level = more->level;
	if (in->kind == BL_KIND_UNKNOWN)
		in->kind = more->kind;
	if (!*in->unit) {
		free(in->unit);
		in->unit = cdup(in, more->unit);
	}
}

BL_API bl_status bl_rinput_prev(bl_rinput *in, const bl_rinput *prev, bl_diag *diag)
{
	if (!prev->year || prev->year != in->year - 1) {
		bl_diag_set(diag, BL_EUSAGE, 0, prev->name, "'%s' is for %d, not the year before %d",
			    prev->name, prev->year, in->year);
		return BL_EUSAGE;
	}
	for (size_t i = 0; i < prev->nf; i++) {
		const rfact *f = &prev->f[i];
		if (f->m == BL_M_VALUE && f->b == BL_B_NONE && f->period == prev->year &&
		    !rin_find(in, f->key, BL_M_VALUE, BL_B_NONE, prev->year))
			rin_add(in, f->key, f->m, f->b, f->period, f->v, "万元");
	}
	return BL_OK;
}
