/* crossdoc.c - the rules that need two documents: last year's, the same year's budget, the department's.
 *
 * They run over the current version of every filed document (the latest
 * filed for its organisation, year and kind) and replace their earlier
 * findings, so a document filed later completes the checks of the ones
 * before it. Amounts are compared in 万元 with the rounding bounds of the
 * printed figures, as the single-document rules do. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/sums.h"
#include "store/store.h"

typedef struct xfact {
	int seq;
	char key[48];
	char measure[16];
	char basis[16];
	int period;
	int money; /* 万元 or 元, held in 万元 */
	char unit[12];
	bl_dec v;
	bl_pos pos;
	char *text;
	int anchor;
	int reason;
} xfact;

typedef struct xdoc {
	int64_t id, org, region;
	int year;
	char kind[8], level[8];
	char key[192], path[512], unit[192], date[16];
	xfact *f;
	size_t nf, cap;
	int loaded;
} xdoc;

typedef struct xrun {
	bl_store *s;
	xdoc *d;
	size_t n;
	int nfindings;
} xrun;

/* The current documents the rules compare: the narrative's (a tables half
 * of a disclosure in two files holds no facts, and would stand for its
 * organisation, year and kind as an empty document) */
static const char q_current[] =
	"SELECT d.id, d.org_id, o.region_id, d.year, d.kind, d.level, o.key, d.path, d.unit, d.pub_date"
	" FROM documents d JOIN orgs o ON o.id = d.org_id"
	" WHERE d.id IN (SELECT MAX(id) FROM documents WHERE org_id IS NOT NULL AND year > 0 AND kind <> "
	"'unknown' AND part <> 'tables'"
	" GROUP BY org_id, year, kind)";
static const char q_facts[] =
	"SELECT seq, key, measure, basis, period, value, prec, unit, page, line, col, text, anchor, reason"
	" FROM facts WHERE doc_id = ? ORDER BY seq";
static const char q_clear[] = "DELETE FROM findings WHERE rule LIKE 'crossdoc.%' OR rule LIKE 'ledger.%'";
/* A half of a disclosure in two files, filed alone, said complete.pair
 * (the other half missing); once the other half is filed too, the ledger
 * holds the pair and the finding no longer holds. */
static const char q_paired[] =
	"DELETE FROM findings WHERE rule = 'complete.pair' AND doc_id IN (SELECT a.id FROM documents a"
	" JOIN documents b ON b.org_id = a.org_id AND b.year = a.year AND b.kind = a.kind"
	" AND ((a.part = 'whole' AND b.part = 'tables') OR (a.part = 'tables' AND b.part = 'whole'))"
	" WHERE a.org_id IS NOT NULL)";
static const char q_add[] = "INSERT INTO findings (doc_id, other_doc_id, rule, severity, message, "
			    "suggestion, page, line, col, stated, expected,"
			    " evidence, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char q_members[] = "SELECT COUNT(*) FROM pages WHERE doc_id = ? AND (text LIKE '%以及下属%' OR "
				"text LIKE '%二级预算单位包括%')";
static const char q_expect_for[] =
	"SELECT approval_date, due_date FROM expected e JOIN regions r ON r.name = e.region"
	" JOIN orgs o ON o.region_id = r.id AND o.key = e.org_key AND (e.level = '' OR e.level = o.level)"
	" WHERE o.id = ? AND e.year = ? AND e.kind = ?";

static int cmp_doc(const void *a, const void *b)
{
	const xdoc *x = a, *y = b;
	if (x->region != y->region)
		return x->region < y->region ? -1 : 1;
	int c = strcmp(x->key, y->key);
	if (!c)
		c = strcmp(x->level, y->level);
	if (!c)
		c = strcmp(x->kind, y->kind);
	if (!c)
		c = x->year - y->year;
	return c;
}

static xdoc *find_doc(xrun *r, int64_t region, const char *key, const char *level, const char *kind, int year)
{
	xdoc probe;
	memset(&probe, 0, sizeof probe);
	probe.region = region;
	snprintf(probe.key, sizeof probe.key, "%s", key);
	snprintf(probe.level, sizeof probe.level, "%s", level);
	snprintf(probe.kind, sizeof probe.kind, "%s", kind);
	probe.year = year;
	return bsearch(&probe, r->d, r->n, sizeof *r->d, cmp_doc);
}

static void copy(char *dst, size_t cap, const char *s)
{
	snprintf(dst, cap, "%s", s ? s : "");
}

static int load_facts(xrun *r, xdoc *d)
{
	if (d->loaded)
		return 0;
	d->loaded = 1;
	bl_stmt *st = bl_db_stmt(r->s->db, q_facts);
	if (!st)
		return -1;
	bl_stmt_int(st, 1, d->id);
	int rc;
	while ((rc = bl_stmt_step(st)) == 1) {
		xfact *f = BL_PUSH(d->f, d->nf, d->cap);
		memset(f, 0, sizeof *f);
		f->seq = (int)bl_stmt_col_int(st, 0);
		copy(f->key, sizeof f->key, bl_stmt_col(st, 1));
		copy(f->measure, sizeof f->measure, bl_stmt_col(st, 2));
		copy(f->basis, sizeof f->basis, bl_stmt_col(st, 3));
		f->period = (int)bl_stmt_col_int(st, 4);
		const char *v = bl_stmt_col(st, 5);
		if (!v || bl_dec_parse(v, strlen(v), &f->v) != BL_OK)
			f->v = (bl_dec){0, BL_DEC_EXACT};
		int prec = (int)bl_stmt_col_int(st, 6);
		if (prec > f->v.prec && prec <= BL_DEC_EXACT)
			f->v.prec = prec;
		copy(f->unit, sizeof f->unit, bl_stmt_col(st, 7));
		f->money = !strcmp(f->unit, "万元") || !strcmp(f->unit, "元");
		if (!strcmp(f->unit, "元"))
			f->v = bl_dec_yuan_to_wan(f->v);
		f->pos.page = (int)bl_stmt_col_int(st, 8);
		f->pos.line = (int)bl_stmt_col_int(st, 9);
		f->pos.col = (int)bl_stmt_col_int(st, 10);
		const char *t = bl_stmt_col(st, 11);
		f->text = bl_xstrndup(t ? t : "", t ? strlen(t) : 0);
		f->anchor = (int)bl_stmt_col_int(st, 12);
		f->reason = (int)bl_stmt_col_int(st, 13);
	}
	return rc;
}

/* The document's own figure for key in its report year: the first plain value. */
static const xfact *value_of(const xdoc *d, const char *key, int period, const char *basis)
{
	for (size_t i = 0; i < d->nf; i++) {
		const xfact *f = &d->f[i];
		if (f->money && !strcmp(f->measure, "value") && !strcmp(f->basis, basis) &&
		    f->period == period && !strcmp(f->key, key))
			return f;
	}
	return NULL;
}

static const xfact *by_seq(const xdoc *d, int seq)
{
	for (size_t i = 0; i < d->nf; i++)
		if (d->f[i].seq == seq)
			return &d->f[i];
	return NULL;
}

static int ranges_meet(bl_range a, bl_range b)
{
	return a.lo <= b.hi && b.lo <= a.hi;
}

static const char *kind_zh(const char *kind)
{
	return bl_kind_zh(kind, "");
}

static const char *level_zh(const char *level)
{
	return bl_level_zh(level, "");
}

static const char *base(const char *path)
{
	const char *b = strrchr(path, '/');
	return b ? b + 1 : path;
}

static void ev(bl_buf *b, const xdoc *d, const xfact *f, int first)
{
	bl_buf_printf(b, "%s{\"doc\":", first ? "" : ",");
	bl_json_str(b, d->path);
	bl_buf_printf(b, ",\"page\":%d,\"line\":%d,\"col\":%d,\"text\":", f ? f->pos.page : 0,
		      f ? f->pos.line : 0, f ? f->pos.col : 0);
	bl_json_str(b, f ? f->text : "");
	bl_buf_putc(b, '}');
}

/* Files one finding on d (at f) that names the other document o (at g). */
static int add(xrun *r, const char *rule, const char *sev, const xdoc *d, const xfact *f, const xdoc *o,
	       const xfact *g, const char *msg, const char *fix, const bl_dec *stated, const bl_dec *expected)
{
	bl_stmt *st = bl_db_stmt(r->s->db, q_add);
	if (!st)
		return -1;
	char sv[48], xv[48], fp[65];
	bl_buf e = BL_BUF_INIT((size_t)1 << 20);
	bl_buf_putc(&e, '[');
	ev(&e, d, f, 1);
	if (o)
		ev(&e, o, g, 0);
	bl_buf_put(&e, "]", 2);
	bl_buf fb = BL_BUF_INIT((size_t)1 << 20);
	bl_buf_printf(&fb, "%s|%lld|%lld|%d|%s", rule, (long long)d->id, o ? (long long)o->id : 0LL,
		      f ? f->seq : -1, msg);
	char hex[65];
	bl_sha256_hex(fb.p, fb.n, hex);
	bl_buf_release(&fb);
	snprintf(fp, sizeof fp, "%.16s", hex);
	bl_stmt_int(st, 1, d->id);
	if (o)
		bl_stmt_int(st, 2, o->id);
	else
		bl_stmt_null(st, 2);
	bl_stmt_text(st, 3, rule);
	bl_stmt_text(st, 4, sev);
	bl_stmt_text(st, 5, msg);
	bl_stmt_text(st, 6, fix);
	bl_stmt_int(st, 7, f ? f->pos.page : 0);
	bl_stmt_int(st, 8, f ? f->pos.line : 0);
	bl_stmt_int(st, 9, f ? f->pos.col : 0);
	bl_stmt_text(st, 10, stated ? bl_dec_format(*stated, sv) : NULL);
	bl_stmt_text(st, 11, expected ? bl_dec_format(*expected, xv) : NULL);
	bl_stmt_text(st, 12, e.p);
	bl_stmt_text(st, 13, fp);
	int rc = bl_stmt_run(st);
	bl_buf_release(&e);
	r->nfindings++;
	return rc;
}

/* A figure another document should repeat: stated (derived from f in d)
 * against g in o. Outside each other's rounding bounds is an error. */
static int compare(xrun *r, const char *rule, const xdoc *d, const xfact *f, bl_dec stated, bl_range sr,
		   const xdoc *o, const xfact *g, const char *how)
{
	if (ranges_meet(sr, bl_dec_range(g->v)))
		return 0;
	char label[256], a[48], b[48], diff[48];
	bl_key_label_buf(f->key, label, sizeof label);
	bl_dec_format(stated, a);
	bl_dec_format(g->v, b);
	bl_dec dd = bl_dec_sub(stated, g->v);
	bl_dec_format(dd, diff);
	char msg[1536];
	snprintf(msg, sizeof msg, "%s%s为%s万元，而%d年%s%s文件（%s 第%d页第%d行）为%s万元，相差%s万元", how,
		 label, a, o->year, level_zh(o->level), kind_zh(o->kind), base(o->path), g->pos.page,
		 g->pos.line, b, diff);
	return add(r, rule, "error", d, f, o, g, msg,
		   "核对两份文件中该项的数字，更正有误的一方；口径不同（如调整预算、执行数）时在文中注明比较"
		   "口径。",
		   &stated, &g->v);
}

/* Does this phrase compare with something other than the document it names (执行数, 调整预算)? */
static int other_basis(const char *text, const char *kind)
{
	if (strstr(text, "执行") || strstr(text, "调整"))
		return 1;
	if (!strcmp(kind, "budget") && strstr(text, "决算"))
		return 1;
	if (!strcmp(kind, "final") && strstr(text, "预算"))
		return 1;
	return 0;
}

/* This year's stated previous-year figures against last year's document. */
static int prev_year(xrun *r, xdoc *d, xdoc *p)
{
	char how[768];
	for (size_t i = 0; i < d->nf; i++) {
		const xfact *c = &d->f[i];
		if (!c->money || c->period != d->year)
			continue;
		if (!strcmp(c->measure, "change") && !strcmp(c->basis, "prev_year")) {
			if (other_basis(c->text, d->kind))
				continue;
			const xfact *v = c->anchor >= 0 ? by_seq(d, c->anchor) : NULL;
			if (!v || strcmp(v->key, c->key) || strcmp(v->measure, "value") || v->basis[0])
				v = value_of(d, c->key, d->year, "");
			const xfact *g = value_of(p, c->key, p->year, "");
			if (!v || !g)
				continue;
			bl_range vr = bl_dec_range(v->v), cr = bl_dec_range(c->v);
			bl_range sr = {vr.lo - cr.hi, vr.hi - cr.lo};
			snprintf(how, sizeof how, "本文件“%s”推出%d年", c->text, p->year);
			if (compare(r, bl_rule_name(BL_R_CROSSDOC_PREV_YEAR), d, c, bl_dec_sub(v->v, c->v),
				    sr, p, g, how))
				return -1;
		}
	}
	for (size_t i = 0; i < d->nf; i++) { /* 上年数 stated outright */
		const xfact *v = &d->f[i];
		if (!v->money || strcmp(v->measure, "value") || v->basis[0] || v->period != p->year)
			continue;
		const xfact *g = value_of(p, v->key, p->year, "");
		if (!g || other_basis(v->text, d->kind))
			continue;
		snprintf(how, sizeof how, "本文件所列%d年", p->year);
		if (compare(r, bl_rule_name(BL_R_CROSSDOC_PREV_YEAR), d, v, v->v, bl_dec_range(v->v), p, g,
			    how))
			return -1;
	}
	return 0;
}

/* A final account's 年初预算数 against that year's budget document. */
static int initial_budget(xrun *r, xdoc *d, xdoc *b)
{
	char how[768];
	for (size_t i = 0; i < d->nf; i++) {
		const xfact *f = &d->f[i];
		if (!f->money || f->period != d->year || strcmp(f->basis, "initial_budget") ||
		    strstr(f->text, "调整"))
			continue;
		const xfact *g = value_of(b, f->key, b->year, "");
		if (!g)
			continue;
		if (!strcmp(f->measure, "value")) {
			snprintf(how, sizeof how, "本决算所列年初预算");
			if (compare(r, bl_rule_name(BL_R_CROSSDOC_INITIAL_BUDGET), d, f, f->v,
				    bl_dec_range(f->v), b, g, how))
				return -1;
		} else if (!strcmp(f->measure, "change")) {
			const xfact *v = f->anchor >= 0 ? by_seq(d, f->anchor) : NULL;
			if (!v || strcmp(v->key, f->key) || strcmp(v->measure, "value") || v->basis[0])
				v = value_of(d, f->key, d->year, "");
			if (!v)
				continue;
			bl_range vr = bl_dec_range(v->v), cr = bl_dec_range(f->v);
			bl_range sr = {vr.lo - cr.hi, vr.hi - cr.lo};
			snprintf(how, sizeof how, "本决算“%s”推出年初预算", f->text);
			if (compare(r, bl_rule_name(BL_R_CROSSDOC_INITIAL_BUDGET), d, f,
				    bl_dec_sub(v->v, f->v), sr, b, g, how))
				return -1;
		}
	}
	return 0;
}

/* Amounts a department sums over its units. */
static const char *const additive[] = {
	BLK_TOTAL_INCOME,    BLK_TOTAL_EXPENSE, BLK_APPROP_INCOME,   BLK_APPROP_EXPENSE,
	BLK_GENERAL_EXPENSE, BLK_GENERAL_BASIC, BLK_GENERAL_PROJECT, BLK_FUND_EXPENSE,
	BLK_CAPITAL_EXPENSE, BLK_SG_TOTAL,      BLK_SG_ABROAD,       BLK_SG_VEHICLE,
	BLK_SG_RECEPTION,    BLK_ADMIN_COST,    BLK_PROC_TOTAL,      NULL,
};

static int dept_unit(xrun *r, xdoc *u, xdoc *d)
{
	int compared = 0, equal = 0;
	const xfact *first = NULL, *dfirst = NULL;
	for (int k = 0; additive[k]; k++) {
		const xfact *a = value_of(u, additive[k], u->year, ""),
			    *b = value_of(d, additive[k], d->year, "");
		if (!a || !b)
			continue;
		compared++;
		if (!first)
			first = a, dfirst = b;
		bl_range ar = bl_dec_range(a->v), br = bl_dec_range(b->v);
		if (ranges_meet(ar, br)) {
			equal++;
			continue;
		}
		if (ar.lo <= br.hi)
			continue;
		char label[256], x[48], y[48], msg[1536];
		bl_key_label_buf(a->key, label, sizeof label);
		snprintf(msg, sizeof msg,
			 "单位%s文件的%s%s万元，大于同年部门%s文件（%s "
			 "第%d页第%d行）的%s万元：部门数包括所属各单位，不应小于其中一个单位",
			 kind_zh(u->kind), label, bl_dec_format(a->v, x), kind_zh(d->kind), base(d->path),
			 b->pos.page, b->pos.line, bl_dec_format(b->v, y));
		if (add(r, bl_rule_name(BL_R_CROSSDOC_DEPT_UNIT), "error", u, a, d, b, msg,
			"核对单位与部门文件中该项的数字。", &a->v, &b->v))
			return -1;
	}
	if (compared >= 3 && equal == compared) {
		int64_t members = 0;
		bl_stmt *st = bl_db_stmt(r->s->db, q_members);
		if (!st)
			return -1;
		bl_stmt_int(st, 1, d->id);
		if (bl_stmt_one(st, &members) < 0)
			return -1;
		if (members > 0) {
			char msg[1536];
			snprintf(msg, sizeof msg,
				 "部门%s文件（%s）写明部门包括下属单位，但与本单位文件比对的%"
				 "d项金额全部相同：请核实下属单位是否确无收支，或单位文件是否误用了部门数据",
				 kind_zh(d->kind), base(d->path), compared);
			if (add(r, bl_rule_name(BL_R_CROSSDOC_DEPT_UNIT), "info", u, first, d, dfirst, msg,
				"如下属单位确无收支，可在部门文件中说明。", NULL, NULL))
				return -1;
		}
	}
	return 0;
}

/* Headline amounts whose large change a reader expects explained. */
static const char *const headline[] = {
	BLK_TOTAL_INCOME,
	BLK_TOTAL_EXPENSE,
	BLK_APPROP_EXPENSE,
	BLK_GENERAL_EXPENSE,
	BLK_GENERAL_BASIC,
	BLK_GENERAL_PROJECT,
	BLK_TOTAL_BASIC,
	BLK_TOTAL_PROJECT,
	BLK_SG_TOTAL,
	BLK_ADMIN_COST,
	NULL,
};

/* A reason given for a part explains the whole: the 三公 total by its items
 * (the parts of the equations marked part_reasons in rules/sums.def). The
 * store keeps no template per document: the default equations. */
static int same_family(const char *fact_key, const char *key)
{
	return bl_sums_explains(bl_sums_default(), fact_key, key);
}

static int yoy_reason(xrun *r, xdoc *d, xdoc *p)
{
	for (int k = 0; headline[k]; k++) {
		const xfact *v = value_of(d, headline[k], d->year, ""),
			    *g = value_of(p, headline[k], p->year, "");
		if (!v || !g || g->v.u <= 0)
			continue;
		bl_dec diff = bl_dec_sub(v->v, g->v);
		int64_t ad = diff.u < 0 ? -diff.u : diff.u;
		/* 30% and 10 万元, both beyond the rounding of the two figures */
		int64_t slack = bl_dec_half_unit(v->v.prec) + bl_dec_half_unit(g->v.prec);
		if (ad - slack < 10 * 1000000LL || (ad - slack) * 10 < g->v.u * 3)
			continue;
		int explained = 0;
		for (size_t i = 0; i < d->nf; i++)
			if (same_family(d->f[i].key, headline[k]) && d->f[i].period == d->year &&
			    d->f[i].reason)
				explained = 1;
		if (explained)
			continue;
		char label[256], a[48], b[48], x[48], pct[48], msg[1536];
		bl_key_label_buf(v->key, label, sizeof label);
		bl_dec ad_dec = {ad, diff.prec};
		snprintf(
			msg, sizeof msg,
			"%s%s万元，比上年度%s文件（%s 第%d页第%d行）的%s万元%s%s万元（%s%%），本段未说明原因",
			label, bl_dec_format(v->v, a), kind_zh(p->kind), base(p->path), g->pos.page,
			g->pos.line, bl_dec_format(g->v, b), diff.u > 0 ? "增加" : "减少",
			bl_dec_format(ad_dec, x), bl_dec_format(bl_dec_percent(ad_dec, g->v, 1), pct));
		if (add(r, bl_rule_name(BL_R_CROSSDOC_YOY_REASON), "warning", d, v, p, g, msg,
			"说明变动的主要原因（如机构、人员、项目的增减）。", &v->v, &g->v))
			return -1;
	}
	return 0;
}

/* Days since 1970-01-01 of YYYY-MM-DD, or -1. */
static long days(const char *s)
{
	int y, m, dd;
	if (!s || sscanf(s, "%4d-%2d-%2d", &y, &m, &dd) != 3 || m < 1 || m > 12 || dd < 1 || dd > 31)
		return -1;
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

long bl_store_days(const char *ymd)
{
	return days(ymd);
}

static int timeliness(xrun *r, xdoc *d)
{
	if (!d->date[0])
		return 0;
	bl_stmt *st = bl_db_stmt(r->s->db, q_expect_for);
	if (!st)
		return -1;
	bl_stmt_int(st, 1, d->org);
	bl_stmt_int(st, 2, d->year);
	bl_stmt_text(st, 3, d->kind);
	char appr[16] = "", due[16] = "";
	int rc;
	while ((rc = bl_stmt_step(st)) == 1) {
		copy(appr, sizeof appr, bl_stmt_col(st, 0));
		copy(due, sizeof due, bl_stmt_col(st, 1));
	}
	if (rc < 0)
		return -1;
	long pub = days(d->date), a = days(appr), u = days(due);
	char msg[768];
	if (a >= 0 && pub - a > 20)
		snprintf(msg, sizeof msg, "文件落款日期%s距批复日期%s已%ld天，超过批复后20日内公开的要求",
			 d->date, appr, pub - a);
	else if (a < 0 && u >= 0 && pub > u)
		snprintf(msg, sizeof msg, "文件落款日期%s晚于公开期限%s", d->date, due);
	else
		return 0;
	return add(r, bl_rule_name(BL_R_LEDGER_TIMELINESS), "warning", d, NULL, NULL, NULL, msg,
		   "按期公开；如延期公开，说明原因。", NULL, NULL);
}

static void free_run(xrun *r)
{
	for (size_t i = 0; i < r->n; i++) {
		for (size_t k = 0; k < r->d[i].nf; k++)
			free(r->d[i].f[k].text);
		free(r->d[i].f);
	}
	free(r->d);
}

BL_API bl_status bl_store_crosscheck(bl_store *s, bl_diag *diag)
{
	xrun r = {s, NULL, 0, 0};
	size_t cap = 0;
	bl_status st = BL_OK;
	if (bl_db_begin(s->db) != 0)
		return bl_store_fail_db(s, diag, "starting the cross-document check");
	/* one check at a time: two PostgreSQL transactions that each delete and
	 * re-add the findings would otherwise both add (SQLite's write lock already serialises) */
	if (!strcmp(s->db->ops->name, "postgres") &&
	    bl_db_exec(s->db, "SELECT pg_advisory_xact_lock(7340292)") != 0)
		goto fail;
	bl_stmt *q = bl_db_stmt(s->db, q_current);
	if (!q)
		goto fail;
	int rc;
	while ((rc = bl_stmt_step(q)) == 1) {
		xdoc *d = BL_PUSH(r.d, r.n, cap);
		memset(d, 0, sizeof *d);
		d->id = bl_stmt_col_int(q, 0);
		d->org = bl_stmt_col_int(q, 1);
		d->region = bl_stmt_col_int(q, 2);
		d->year = (int)bl_stmt_col_int(q, 3);
		copy(d->kind, sizeof d->kind, bl_stmt_col(q, 4));
		copy(d->level, sizeof d->level, bl_stmt_col(q, 5));
		copy(d->key, sizeof d->key, bl_stmt_col(q, 6));
		copy(d->path, sizeof d->path, bl_stmt_col(q, 7));
		copy(d->unit, sizeof d->unit, bl_stmt_col(q, 8));
		copy(d->date, sizeof d->date, bl_stmt_col(q, 9));
	}
	if (rc < 0)
		goto fail;
	if (r.n)
		qsort(r.d, r.n, sizeof *r.d, cmp_doc);
	bl_stmt *clr = bl_db_stmt(s->db, q_clear);
	if (!clr || bl_stmt_run(clr) != 0)
		goto fail;
	bl_stmt *paired = bl_db_stmt(s->db, q_paired);
	if (!paired || bl_stmt_run(paired) != 0)
		goto fail;
	size_t group = 0;
	for (size_t i = 0; i < r.n; i++) {
		xdoc *d = &r.d[i];
		if (d->region != r.d[group].region || strcmp(d->key, r.d[group].key)) {
			/* every document a rule pairs shares region and key: the group's facts can go */
			for (; group < i; group++) {
				for (size_t k = 0; k < r.d[group].nf; k++)
					free(r.d[group].f[k].text);
				free(r.d[group].f);
				r.d[group].f = NULL;
				r.d[group].nf = r.d[group].cap = 0;
			}
		}
		xdoc *p = find_doc(&r, d->region, d->key, d->level, d->kind, d->year - 1);
		xdoc *b = !strcmp(d->kind, "final")
				  ? find_doc(&r, d->region, d->key, d->level, "budget", d->year)
				  : NULL;
		xdoc *dept = !strcmp(d->level, "unit")
				     ? find_doc(&r, d->region, d->key, "dept", d->kind, d->year)
				     : NULL;
		if ((p || b || dept) && load_facts(&r, d) < 0)
			goto fail;
		if (p && (load_facts(&r, p) < 0 || prev_year(&r, d, p) < 0 || yoy_reason(&r, d, p) < 0))
			goto fail;
		if (b && (load_facts(&r, b) < 0 || initial_budget(&r, d, b) < 0))
			goto fail;
		if (dept && (load_facts(&r, dept) < 0 || dept_unit(&r, d, dept) < 0))
			goto fail;
		if (timeliness(&r, d) < 0)
			goto fail;
	}
	if (bl_db_commit(s->db) != 0)
		goto fail;
	goto done;
fail:
	st = bl_store_fail_db(s, diag, "checking documents against each other");
	if (s->db->in_tx)
		bl_db_rollback(s->db);
done:
	free_run(&r);
	return st;
}
