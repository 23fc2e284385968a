/* test_render.c - render: generated consistent fact sets round-trip through the narrative.
 *
 * Each case draws a budget or a final account whose figures are consistent
 * by construction (totals from their parts, changes from two years' values,
 * shares and percents left to render), writes it as a facts JSON, renders
 * the narrative (text, HTML, DOCX), reads it back with the extractor and
 * requires every stated figure back exactly, every change equal to the
 * difference of the two years, and no finding above info. */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "budgetlint/budgetlint.h"
#include <dirent.h>

#include "budgetlint/render.h"
#include "harness.h"
#include "ooxml.h"
#include "ingest/ingest.h"
#include "rules/rules.h"

static uint64_t rng;

static uint32_t rnd(uint32_t n)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(rng >> 33) % n;
}

/* An amount in cents. */
typedef struct fig {
	char key[64];
	long long cur, prev, bud; /* cents; prev/bud < 0: none */
	int count;                /* a count, not money */
} fig;

typedef struct set {
	int year, final;
	fig f[64];
	int n;
	char json[1 << 16];
	size_t jn;
} set;

static fig *add(set *s, const char *key, long long cur, long long prev, long long bud)
{
	fig *f = &s->f[s->n++];
	snprintf(f->key, sizeof f->key, "%s", key);
	f->cur = cur;
	f->prev = prev;
	f->bud = bud;
	f->count = 0;
	return f;
}

static long long amount(long long max)
{
	return rnd(6) == 0 ? 0 : (long long)rnd((uint32_t)max) + 1;
}

/* Splits total into n parts (cents) that add up exactly. */
static void split(long long total, int n, long long *out)
{
	long long left = total;
	for (int i = 0; i < n - 1; i++) {
		out[i] = left > 0 ? (long long)rnd((uint32_t)(left / 2 + 1)) : 0;
		left -= out[i];
	}
	out[n - 1] = left;
}

static long long near(long long v)
{
	/* last year's or the budgeted figure: sometimes equal, sometimes zero, mostly near */
	switch (rnd(8)) {
	case 0: return v;
	case 1: return 0;
	default: return v + (long long)rnd((uint32_t)(v / 2 + 200)) - (long long)(v / 4);
	}
}

static const char *const reasons[] = {"人员调整及工资标准调整", "项目安排变化", "压减一般性支出",
				      "新增信息化运维项目", "业务量增加"};

static void jput(set *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	s->jn += (size_t)vsnprintf(s->json + s->jn, sizeof s->json - s->jn, fmt, ap);
	va_end(ap);
}

static void cents(char *buf, long long c)
{
	snprintf(buf, 32, "%s%lld.%02lld", c < 0 ? "-" : "", (c < 0 ? -c : c) / 100, (c < 0 ? -c : c) % 100);
}

static void make_set(set *s, int i)
{
	memset(s, 0, sizeof *s);
	s->year = 2020 + (int)rnd(10);
	s->final = i % 2;
	long long pers = amount(3000000) + 1000, pub = amount(1000000), project = amount(20000000);
	long long pers0 = near(pers), pub0 = near(pub), project0 = near(project);
	long long basic = pers + pub, gexp = basic + project;
	long long business = s->final ? amount(300000) : 0, other = amount(200000);
	long long tinc = gexp + business + other;
	add(s, "general.basic", basic, pers0 + pub0, -1);
	if (!s->final) /* a final account's template states the general budget by class, not by kind */
		add(s, "general.project", project, project0, -1);
	add(s, "general.expense", gexp, s->final ? -1 : pers0 + pub0 + project0, -1);
	add(s, "general.income", gexp, -1, -1);
	add(s, "general.personnel", pers, pers0, -1);
	add(s, "general.public", pub, pub0, -1);
	add(s, "total.income", tinc, -1, -1);
	add(s, "total.expense", tinc, -1, -1);
	add(s, "total.income.other", other, -1, -1);
	add(s, "fund.income", 0, -1, -1);
	add(s, "fund.expense", 0, -1, -1);
	if (s->final)
		add(s, "capital.expense", 0, -1, -1);
	/* the expense by function class: general classes, the other income in 201 */
	static const int codes[] = {201, 205, 206, 208, 210, 212, 221};
	int nc = 2 + (int)rnd(4);
	long long parts[8];
	split(gexp, nc, parts);
	char k[64];
	for (int c = 0; c < nc; c++) {
		snprintf(k, sizeof k, "general.func.%d", codes[c]);
		if (s->final)
			add(s, k, parts[c], -1, near(parts[c]));
		else
			add(s, k, parts[c], -1, -1);
		snprintf(k, sizeof k, "total.func.%d", codes[c]);
		if (!s->final)
			add(s, k, parts[c] + (c == 0 ? business + other : 0), -1, -1);
	}
	if (s->final) {
		add(s, "approp.income", gexp, -1, -1);
		add(s, "total.income.business", business, -1, -1);
		add(s, "total.basic", basic, -1, -1);
		add(s, "total.project", project + business + other, -1, -1);
		add(s, "total.grand_total", tinc, -1, -1);
		for (int j = 0; j < s->n; j++)
			if (!strcmp(s->f[j].key, "general.income"))
				s->f[j].bud = near(gexp); /* against its budget */
	} else {
		add(s, "total.basic", basic, -1, -1);
		add(s, "total.project", project + business + other, -1, -1);
	}
	/* 三公 */
	long long ab = rnd(3) ? 0 : amount(50000), rec = amount(80000), vp = rnd(4) ? 0 : amount(300000),
		  vo = amount(100000);
	long long ab0 = near(ab), rec0 = near(rec), vp0 = near(vp), vo0 = near(vo);
	add(s, "sangong.total", ab + rec + vp + vo, ab0 + rec0 + vp0 + vo0,
	    s->final ? near(ab + rec + vp + vo) : -1);
	add(s, "sangong.abroad", ab, ab0, -1);
	add(s, "sangong.reception", rec, rec0, -1);
	add(s, "sangong.vehicle_purchase", vp, vp0, -1);
	add(s, "sangong.vehicle_operation", vo, vo0, -1);
	long long g1 = amount(100000), g2 = amount(100000), g3 = amount(100000);
	add(s, "procurement.goods", g1, -1, -1);
	add(s, "procurement.works", g2, -1, -1);
	add(s, "procurement.services", g3, -1, -1);
	add(s, "procurement.total", g1 + g2 + g3, -1, -1);
	add(s, "admin_cost", pub, near(pub), -1);
	add(s, "performance.amount", project, -1, -1);
	fig *v = add(s, "vehicles.count", (long long)rnd(5), -1, -1);
	v->count = 1;
	if (s->final) {
		add(s, "meeting_fee", amount(20000), -1, -1)->prev = amount(20000);
		fig *b = add(s, "reception.batches", 1 + (long long)rnd(40), -1, -1);
		b->count = 1;
		fig *p = add(s, "reception.people", 10 + (long long)rnd(300), -1, -1);
		p->count = 1;
	}

	jput(s,
	     "{\"kind\": \"%s\", \"level\": \"unit\", \"year\": %d, \"unit\": \"重庆市某某区测试中心\", "
	     "\"facts\": [",
	     s->final ? "final" : "budget", s->year);
	int first = 1;
	for (int j = 0; j < s->n; j++) {
		const fig *f = &s->f[j];
		char a[32];
		if (f->count)
			snprintf(a, sizeof a, "%lld", f->cur);
		else
			cents(a, f->cur);
		jput(s, "%s{\"key\": \"%s\", \"value\": \"%s\"%s}", first ? "" : ", ", f->key, a,
		     f->count ? ", \"unit\": \"辆\"" : "");
		first = 0;
		if (f->prev >= 0) {
			cents(a, f->prev);
			jput(s, ", {\"key\": \"%s\", \"period\": %d, \"value\": \"%s\"}", f->key, s->year - 1,
			     a);
		}
		if (f->bud >= 0) {
			cents(a, f->bud);
			jput(s, ", {\"key\": \"%s\", \"basis\": \"initial_budget\", \"value\": \"%s\"}",
			     f->key, a);
		}
	}
	jput(s,
	     "], \"texts\": [{\"id\": \"use\", \"key\": \"general.func.201\", \"text\": \"机关日常运转\"}, "
	     "{\"id\": \"use\", \"key\": \"general.basic\", \"text\": \"保障在职人员工资福利\"}, {\"id\": "
	     "\"duties\", \"text\": \"负责本区政务信息化建设。\\n负责值班值守工作。\"}, "
	     "{\"id\": \"organization\", \"text\": \"内设综合科、信息科2个科室。\"}");
	for (int j = 0; j < s->n; j++) {
		const fig *f = &s->f[j];
		if (f->prev >= 0)
			jput(s,
			     ", {\"id\": \"reason\", \"key\": \"%s\", \"basis\": \"prev_year\", \"text\": "
			     "\"%s\"}",
			     f->key, reasons[rnd(5)]);
		if (f->bud >= 0)
			jput(s,
			     ", {\"id\": \"reason\", \"key\": \"%s\", \"basis\": \"initial_budget\", "
			     "\"text\": \"%s\"}",
			     f->key, reasons[rnd(5)]);
	}
	jput(s, "]}");
}

/* The extracted fact with key, measure and basis (this year), or NULL. */
static const bl_fact *found(const bl_doc *d, const char *key, bl_measure m, bl_basis b)
{
	for (size_t i = 0; i < bl_doc_nfacts(d); i++) {
		const bl_fact *f = bl_doc_fact(d, i);
		if (f->measure == m && f->basis == b && strcmp(f->key, key) == 0)
			return f;
	}
	return NULL;
}

static long long cents_of(bl_dec v)
{
	return v.u / 10000;
}

/* Every figure of s back from d exactly; returns the number of misses. */
static int compare(const set *s, const bl_doc *d, int verbose)
{
	int miss = 0;
	for (int j = 0; j < s->n; j++) {
		const fig *f = &s->f[j];
		/* 0 given for a vehicle count or 0 for procurement is written; all are */
		const bl_fact *x = found(d, f->key, BL_M_VALUE, BL_B_NONE);
		long long got = x ? (f->count ? x->value.u / 1000000 : cents_of(x->value)) : -1;
		if (!x || got != f->cur) {
			if (verbose)
				printf("  %s value: want %lld got %lld\n", f->key, f->cur, got);
			miss++;
		}
		if (f->prev >= 0) {
			const bl_fact *c = found(d, f->key, BL_M_CHANGE, BL_B_PREV_YEAR);
			if (!c || cents_of(c->value) != f->cur - f->prev) {
				if (verbose)
					printf("  %s change: want %lld got %lld\n", f->key, f->cur - f->prev,
					       c ? cents_of(c->value) : -999999);
				miss++;
			}
		}
		if (f->bud >= 0) {
			const bl_fact *c = found(d, f->key, BL_M_CHANGE, BL_B_INITIAL_BUDGET);
			if (!c || cents_of(c->value) != f->cur - f->bud) {
				if (verbose)
					printf("  %s vs budget: want %lld got %lld\n", f->key,
					       f->cur - f->bud, c ? cents_of(c->value) : -999999);
				miss++;
			}
		}
	}
	return miss;
}

static int above_info(bl_doc *d, int verbose)
{
	bl_doc_check(d);
	int n = 0;
	for (size_t i = 0; i < bl_doc_nfindings(d); i++) {
		const bl_finding *f = bl_doc_finding(d, i);
		if (f->severity > BL_SEV_INFO) {
			if (verbose)
				printf("  %s line %d: %s\n", f->rule, f->pos.line, f->message);
			n++;
		}
	}
	return n;
}

static bl_doc *render_back(const set *s, bl_rformat fmt, const char *name, int draft, bl_narrative **keep)
{
	bl_rinput *in = NULL;
	bl_diag diag = {0};
	if (bl_rinput_json("case.json", s->json, s->jn, -1, &in, &diag) != BL_OK) {
		printf("  json: %s\n", diag.msg);
		return NULL;
	}
	bl_render_opts o = {0};
	o.draft = draft;
	bl_narrative *n = bl_render(in, &o, &diag);
	bl_rinput_free(in);
	if (!n)
		return NULL;
	char *out = NULL;
	size_t len = 0;
	bl_doc *d = NULL;
	if (bl_narrative_write(n, fmt, &out, &len, &diag) == BL_OK)
		bl_doc_open_mem(name, out, len, &d, &diag);
	free(out);
	if (keep)
		*keep = n;
	else
		bl_narrative_free(n);
	return d;
}

static void property(void)
{
	int cases = 300, bad_facts = 0, bad_findings = 0, gaps = 0;
	for (int i = 0; i < cases; i++) {
		set *s = malloc(sizeof *s);
		rng = 0x5eed0000u + (uint64_t)i;
		make_set(s, i);
		bl_narrative *n = NULL;
		bl_doc *d = render_back(s, BL_RENDER_TEXT, "render.txt", 0, &n);
		if (!d) {
			CHECK(0, "case %d: render or read back failed", i);
			free(s);
			continue;
		}
		for (size_t k = 0; k < bl_narrative_nnotes(n); k++)
			gaps += bl_narrative_note(n, k)->severity > BL_SEV_INFO;
		static int shown[2];
		int first_bad = !shown[s->final];
		int m = compare(s, d, 0), a = above_info(d, 0);
		if ((m || a) && !first_bad) {
			printf("case %d:\n", i);
			compare(s, d, 1);
			above_info(d, 1);
		}
		if ((m || a) && first_bad) {
			shown[s->final] = 1;
			printf("case %d (%s %d):\n", i, s->final ? "final" : "budget", s->year);
			compare(s, d, 1);
			bl_doc_free(d);
			d = render_back(s, BL_RENDER_TEXT, "render.txt", 0, NULL);
			above_info(d, 1);
			for (int l = 1; l <= bl_doc_lines(d); l++) {
				bl_str t = bl_doc_line(d, l);
				printf("  %3d| %.*s\n", l, (int)t.n, t.p);
			}
		}
		bad_facts += m != 0;
		bad_findings += a != 0;
		bl_doc_free(d);
		bl_narrative_free(n);
		free(s);
	}
	CHECK(bad_facts == 0, "%d of %d generated sets lost or changed a figure", bad_facts, cases);
	CHECK(bad_findings == 0, "%d of %d rendered narratives have findings above info", bad_findings,
	      cases);
	CHECK(gaps == 0, "%d gaps although every reason was given", gaps);
}

/* The same figures through HTML and DOCX. */
static void formats(void)
{
	for (int i = 0; i < 20; i++) {
		set *s = malloc(sizeof *s);
		rng = 0xf0000u + (uint64_t)i;
		make_set(s, i);
		bl_doc *h = render_back(s, BL_RENDER_HTML, "render.html", 0, NULL);
		bl_doc *x = render_back(s, BL_RENDER_DOCX, "render.docx", 0, NULL);
		CHECK(h && compare(s, h, 1) == 0, "case %d: HTML lost figures", i);
		CHECK(x && compare(s, x, 1) == 0, "case %d: DOCX lost figures", i);
		CHECK(h && above_info(h, 1) == 0, "case %d: HTML has findings above info", i);
		CHECK(x && above_info(x, 1) == 0, "case %d: DOCX has findings above info", i);
		bl_doc_free(h);
		bl_doc_free(x);
		free(s);
	}
}

/* A reason missing for a large change is a gap and a note, never text. */
static void gaps_and_draft(void)
{
	const char *json = "{\"kind\": \"budget\", \"year\": 2025, \"unit\": \"某某中心\", \"facts\": ["
			   "{\"key\": \"general.basic\", \"value\": \"120.00\"}, "
			   "{\"key\": \"general.basic\", \"period\": 2024, \"value\": \"100.00\"}, "
			   "{\"key\": \"general.project\", \"value\": \"5.00\"}, "
			   "{\"key\": \"general.project\", \"period\": 2024, \"value\": \"0\"}, "
			   "{\"key\": \"general.expense\", \"value\": \"125.00\"}, "
			   "{\"key\": \"sangong.total\", \"value\": \"1.00\"}, "
			   "{\"key\": \"sangong.total\", \"period\": 2024, \"value\": \"1.00\"}]}";
	bl_rinput *in = NULL;
	bl_diag diag = {0};
	CHECK(bl_rinput_json("g.json", json, strlen(json), -1, &in, &diag) == BL_OK, "parse: %s", diag.msg);
	if (!in)
		return;
	bl_render_opts o = {0};
	bl_narrative *n = bl_render(in, &o, &diag);
	char *out = NULL;
	size_t len = 0;
	bl_narrative_write(n, BL_RENDER_TEXT, &out, &len, &diag);
	CHECK(strstr(out, "增加20.00万元，增长20.0%，主要原因是【待补充：") != NULL,
	      "gap for a 20%% change:\n%s", out);
	CHECK(strstr(out, "项目支出5.00万元，比2024年增加5.00万元，主要原因是【待补充") != NULL,
	      "from a zero base: no percent, a gap:\n%s", out);
	CHECK(strstr(out, "增长100") == NULL, "no percent from a zero base");
	CHECK(strstr(out, "与2024年持平") != NULL, "an unchanged figure is 持平:\n%s", out);
	int gaps = 0;
	for (size_t k = 0; k < bl_narrative_nnotes(n); k++)
		gaps += !strcmp(bl_narrative_note(n, k)->rule, "render.gap");
	CHECK(gaps >= 4, "gaps reported: %d", gaps); /* two reasons, duties, procurement, ... */
	bl_doc *d = NULL;
	bl_doc_open_mem("g.txt", out, len, &d, &diag);
	int flagged = 0;
	bl_doc_check(d);
	for (size_t i = 0; i < bl_doc_nfindings(d); i++)
		flagged += !strcmp(bl_doc_finding(d, i)->rule, "text.gap");
	CHECK(flagged >= 2, "check flags the gaps left in: %d", flagged);
	bl_doc_free(d);
	free(out);
	bl_narrative_write(n, BL_RENDER_DOCX, &out, &len, &diag);
	CHECK(len > 0 && memmem(out, len, "headerReference", 15) == NULL &&
		      memmem(out, len, "header1.xml", 11) == NULL,
	      "a DOCX that is not a draft has no draft header");
	free(out);
	bl_narrative_free(n);
	o.draft = 1;
	n = bl_render(in, &o, &diag);
	bl_narrative_write(n, BL_RENDER_TEXT, &out, &len, &diag);
	CHECK(strncmp(out, "【草稿】", strlen("【草稿】")) == 0, "a draft says so first");
	free(out);
	bl_narrative_write(n, BL_RENDER_HTML, &out, &len, &diag);
	CHECK(strstr(out, "class=\"draft\"") != NULL, "an HTML draft is watermarked");
	free(out);
	bl_narrative_write(n, BL_RENDER_DOCX, &out, &len, &diag);
	CHECK(len > 0 && memmem(out, len, "headerReference", 15) != NULL &&
		      memmem(out, len, "草稿　未通过校验", 24) != NULL,
	      "a DOCX draft has its header, referenced from the body");
	free(out);
	bl_narrative_free(n);
	bl_rinput_free(in);
}

/* Shares of one whole add up to 100% after balancing. */
static void shares_balance(void)
{
	/* three equal parts: 33.3 + 33.3 + 33.3 = 99.9 unless balanced */
	const char *json = "{\"kind\": \"final\", \"year\": 2024, \"unit\": \"某某中心\", \"facts\": ["
			   "{\"key\": \"general.expense\", \"value\": \"3.00\"}, "
			   "{\"key\": \"general.func.201\", \"value\": \"1.00\"}, "
			   "{\"key\": \"general.func.208\", \"value\": \"1.00\"}, "
			   "{\"key\": \"general.func.221\", \"value\": \"1.00\"}]}";
	bl_rinput *in = NULL;
	bl_diag diag = {0};
	bl_rinput_json("s.json", json, strlen(json), -1, &in, &diag);
	bl_narrative *n = bl_render(in, NULL, &diag);
	char *out = NULL;
	size_t len = 0;
	bl_narrative_write(n, BL_RENDER_TEXT, &out, &len, &diag);
	CHECK(strstr(out, "占33.4%") && strstr(out, "占33.3%"), "shares balanced to 100%%:\n%s", out);
	free(out);
	bl_narrative_free(n);
	bl_rinput_free(in);
}

static void bad_input(void)
{
	bl_rinput *in = NULL;
	bl_diag diag = {0};
	const char *a = "{\"facts\": [{\"key\": \"general.basic\", \"value\": 12.34}]}";
	CHECK(bl_rinput_json("a.json", a, strlen(a), -1, &in, &diag) == BL_EFORMAT &&
		      strstr(diag.msg, "decimal string"),
	      "a float value is refused: %s", diag.msg);
	const char *b = "{\"facts\": [{\"key\": \"general.basic\", \"value\": \"1.2.3\"}]}";
	CHECK(bl_rinput_json("b.json", b, strlen(b), -1, &in, &diag) == BL_EFORMAT,
	      "a bad figure is refused");
	const char *c = "{\"documents\": [{\"facts\": []}, {\"facts\": []}]}";
	CHECK(bl_rinput_json("c.json", c, strlen(c), -1, &in, &diag) == BL_EUSAGE &&
		      strstr(diag.msg, "--doc"),
	      "two documents need --doc: %s", diag.msg);
	const char *d = "{\"facts\": [";
	CHECK(bl_rinput_json("d.json", d, strlen(d), -1, &in, &diag) == BL_EFORMAT, "broken JSON is refused");
	const char *e = "{\"facts\": [{\"key\": \"general.basic\", \"value\": \"1\"}]}";
	CHECK(bl_rinput_json("e.json", e, strlen(e), -1, &in, &diag) == BL_OK, "parse");
	CHECK(bl_render(in, NULL, &diag) == NULL && strstr(diag.msg, "year"), "no year: %s", diag.msg);
	bl_rinput_free(in);
}

/* The seed with each error-level figure replaced by the check's expected
 * value: the department resolving what the check reported. *nfix counts them. */
static char *resolve(const char *path, size_t *len, int *nfix)
{
	bl_doc *d = NULL;
	bl_diag diag = {0};
	*nfix = 0;
	if (bl_doc_open_file(path, &d, &diag) != BL_OK)
		return NULL;
	bl_doc_check(d);
	bl_buf b = BL_BUF_INIT(1 << 24);
	for (int l = 1; l <= bl_doc_lines(d); l++) {
		bl_str t = bl_doc_line(d, l);
		const bl_finding *fix = NULL;
		for (size_t i = 0; i < bl_doc_nfindings(d); i++) {
			const bl_finding *f = bl_doc_finding(d, i);
			if (f->severity == BL_SEV_ERROR && f->has_expected && f->pos.line == l)
				fix = f;
		}
		if (!fix) {
			bl_buf_put(&b, t.p, t.n);
		} else { /* the figure at the caret: skip to its digits, replace them */
			size_t off = 0;
			for (int c = 1; c < fix->pos.col && off < t.n; c++) {
				int n;
				bl_utf8_decode(t.p + off, t.n - off, &n);
				off += (size_t)n;
			}
			while (off < t.n && !(t.p[off] >= '0' && t.p[off] <= '9'))
				off++;
			size_t end = off;
			while (end < t.n && ((t.p[end] >= '0' && t.p[end] <= '9') || t.p[end] == '.'))
				end++;
			char e[48];
			bl_dec ex = fix->expected;
			if (ex.u < 0)
				ex.u = -ex.u;
			bl_dec_format(ex, e);
			bl_buf_put(&b, t.p, off);
			bl_buf_put(&b, e, strlen(e));
			bl_buf_put(&b, t.p + end, t.n - end);
			(*nfix)++;
		}
		bl_buf_putc(&b, '\n');
	}
	bl_doc_free(d);
	*len = b.n;
	return b.p;
}

/* Section ids of the 一、 headings in order, each once. */
static size_t top_ids(const bl_doc *d, const char **ids, size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; i < bl_doc_nsections(d) && n < cap; i++) {
		const bl_section *s = bl_doc_section(d, i);
		if (s->level != 2 || s->in_toc)
			continue;
		char t[512];
		snprintf(t, sizeof t, "%.*s", (int)s->title.n, s->title.p);
		const char *id = bl_section_topic(t, strlen(t));
		if (!id || !strcmp(id, "contact"))
			continue;
		if (!strcmp(id, "general"))
			id = "approp";
		int seen = 0;
		for (size_t k = 0; k < n; k++)
			seen |= !strcmp(ids[k], id);
		if (!seen)
			ids[n++] = id;
	}
	return n;
}

static int in_list(const char *const *ids, size_t n, const char *id)
{
	for (size_t k = 0; k < n; k++)
		if (!strcmp(ids[k], id))
			return 1;
	return 0;
}

/* Each seed: extract, render, extract again: every figure of the seed is
 * in the narrative with its value, and the parts come in the seed's order. */
static void seeds(void)
{
	const char *dir = "../shared/corpus/seeds";
	DIR *dp = opendir(dir);
	CHECK(dp != NULL, "cannot open %s", dir);
	if (!dp)
		return;
	struct dirent *e;
	int nseeds = 0, refused = 0;
	while ((e = readdir(dp))) {
		if (!strstr(e->d_name, ".txt"))
			continue;
		char path[1024];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		nseeds++;
		size_t len;
		int nfix;
		char *fixed = resolve(path, &len, &nfix);
		CHECK(fixed != NULL, "%s: unreadable", path);
		if (!fixed)
			continue;
		bl_doc *src = NULL, *orig = NULL, *back = NULL;
		bl_diag diag = {0};
		bl_rinput *in = NULL;
		bl_doc_open_mem(path, fixed, len, &src, &diag);
		bl_doc_open_file(path, &orig, &diag);
		bl_rinput_doc(src, &in, &diag);
		if (nfix) { /* the seed as published is refused: its narrative fails the check */
			bl_rinput *raw = NULL;
			bl_rinput_doc(orig, &raw, &diag);
			bl_narrative *rn = bl_render(raw, NULL, &diag);
			char *o = NULL;
			size_t ol = 0;
			bl_narrative_write(rn, BL_RENDER_TEXT, &o, &ol, &diag);
			bl_doc *rd = NULL;
			bl_doc_open_mem("raw.txt", o, ol, &rd, &diag);
			bl_doc_check(rd);
			int errs = 0;
			for (size_t i = 0; i < bl_doc_nfindings(rd); i++)
				errs += bl_doc_finding(rd, i)->severity == BL_SEV_ERROR;
			CHECK(errs > 0, "%s: its inconsistent figures pass the gate", path);
			refused += errs > 0;
			bl_doc_free(rd);
			free(o);
			bl_narrative_free(rn);
			bl_rinput_free(raw);
		}
		bl_narrative *n = bl_render(in, NULL, &diag);
		char *out = NULL;
		size_t ol = 0;
		bl_narrative_write(n, BL_RENDER_TEXT, &out, &ol, &diag);
		bl_doc_open_mem("rendered.txt", out, ol, &back, &diag);
		/* every figure of the seed, with its value */
		int missing = 0;
		for (size_t i = 0; i < bl_doc_nfacts(src); i++) {
			const bl_fact *f = bl_doc_fact(src, i);
			int hit = 0;
			for (size_t k = 0; k < bl_doc_nfacts(back) && !hit; k++) {
				const bl_fact *g = bl_doc_fact(back, k);
				hit = g->measure == f->measure && g->basis == f->basis &&
				      g->period == f->period && !strcmp(g->key, f->key) &&
				      bl_dec_cmp(g->value, f->value) == 0;
			}
			/* a percent from a zero base is not written, and render says so */
			int zero_pct = 0;
			for (size_t k = 0; k < bl_narrative_nnotes(n) && !hit; k++)
				zero_pct |= f->measure == BL_M_CHANGE_PCT &&
					    !strcmp(bl_narrative_note(n, k)->rule, "render.zero_base") &&
					    strstr(bl_narrative_note(n, k)->message, "比较基数为零") != NULL;
			if (!hit && zero_pct)
				continue;
			if (!hit) {
				char v[48];
				printf("  %s: %s %s %s = %s (line %d) not in the narrative\n", e->d_name,
				       f->key, bl_measure_name(f->measure),
				       bl_basis_name(f->basis) ? bl_basis_name(f->basis) : "",
				       bl_dec_format(f->value, v), f->pos.line);
			}
			missing += !hit;
		}
		CHECK(missing == 0, "%s: %d figures of the seed not in its narrative", e->d_name, missing);
		/* the seed's order of parts */
		const char *a[32], *b[32], *fa[32], *fb[32];
		size_t na = top_ids(src, a, 32), nb = top_ids(back, b, 32), nfa = 0, nfb = 0;
		for (size_t k = 0; k < na; k++)
			if (in_list(b, nb, a[k]))
				fa[nfa++] = a[k];
		for (size_t k = 0; k < nb; k++)
			if (in_list(a, na, b[k]))
				fb[nfb++] = b[k];
		int same = nfa == nfb && nfa >= 4;
		for (size_t k = 0; same && k < nfa; k++)
			same = !strcmp(fa[k], fb[k]);
		CHECK(same, "%s: parts out of the seed's order (%zu shared)", e->d_name, nfa);
		bl_doc_free(back);
		bl_doc_free(src);
		bl_doc_free(orig);
		free(out);
		free(fixed);
		bl_narrative_free(n);
		bl_rinput_free(in);
	}
	closedir(dp);
	CHECK(nseeds == 5, "five seeds, found %d", nseeds);
	CHECK(refused >= 1, "the seed with a genuine sum error is refused as published");
}

/* A sheet from rows of cells split at '|': a figure is a number cell, any
 * other text an inline string; merges as "A1:E1 A3:A4". */
static char *sheet(const char *const *rows, int nrows, const char *merges)
{
	bl_buf b = BL_BUF_INIT(1 << 20);
	bl_buf_printf(&b, "<sheetData>");
	for (int r = 0; r < nrows; r++) {
		bl_buf_printf(&b, "<row r=\"%d\">", r + 1);
		const char *p = rows[r];
		for (int c = 0; *p || c == 0; c++) {
			const char *bar = strchr(p, '|');
			size_t n = bar ? (size_t)(bar - p) : strlen(p);
			if (n) {
				char ref[16], v[256];
				snprintf(ref, sizeof ref, "%c%d", 'A' + c, r + 1);
				snprintf(v, sizeof v, "%.*s", (int)n, p);
				int num = (v[0] >= '0' && v[0] <= '9') || (v[0] == '-' && v[1]);
				if (v[0] == '\'') /* text, as a code column is exported */
					memmove(v, v + 1, strlen(v));
				for (const char *q = v; num && *q; q++)
					num = (*q >= '0' && *q <= '9') || *q == '.' || *q == '-';
				if (num)
					bl_buf_printf(&b, "<c r=\"%s\" s=\"1\"><v>%s</v></c>", ref, v);
				else
					bl_buf_printf(&b,
						      "<c r=\"%s\" t=\"inlineStr\"><is><t>%s</t></is></c>",
						      ref, v);
			}
			if (!bar)
				break;
			p = bar + 1;
		}
		bl_buf_printf(&b, "</row>");
	}
	bl_buf_printf(&b, "</sheetData>");
	if (merges && *merges) {
		bl_buf_printf(&b, "<mergeCells>");
		for (const char *p = merges; *p;) {
			const char *sp = strchr(p, ' ');
			size_t n = sp ? (size_t)(sp - p) : strlen(p);
			bl_buf_printf(&b, "<mergeCell ref=\"%.*s\"/>", (int)n, p);
			p += n + (sp ? 1 : 0);
		}
		bl_buf_printf(&b, "</mergeCells>");
	}
	bl_buf_putc(&b, 0);
	return b.p;
}

/* The golden test: a small budget workbook in 元 as a budget system exports
 * it, with last year's figures and the department's words in a JSON, gives
 * the reviewed narrative in tests/golden/render-budget.txt. */
static void golden_xlsx(void)
{
	static const char *const summary[] = {
		"财务收支预算总表",
		"|||单位：元",
		"收入|本年预算|支出|本年预算",
		"一、一般公共预算拨款收入|3712345.67|一、一般公共服务支出|2912000.50",
		"二、政府性基金预算拨款收入|0|二、社会保障和就业支出|402400.17",
		"三、事业收入|150000.00|三、卫生健康支出|206400.00",
		"||四、住房保障支出|341545.00",
		"本年收入合计|3862345.67|本年支出合计|3862345.67",
	};
	static const char *const general[] = {
		"一般公共预算支出功能分类预算表",
		"||||单位：元",
		"科目编码|科目名称|合计|基本支出|项目支出",
		"合计||3712345.67|3588545.67|123800.00",
		"'201|一般公共服务支出|2762000.50|2638200.50|123800.00",
		"'208|社会保障和就业支出|402400.17|402400.17|0",
		"'210|卫生健康支出|206400.00|206400.00|0",
		"'221|住房保障支出|341545.00|341545.00|0",
	};
	static const char *const basic[] = {
		"一般公共预算基本支出经济分类预算表",
		"|||单位：元",
		"科目编码|科目名称|合计",
		"'301|工资福利支出|3100000.00",
		"'302|商品和服务支出|300000.00",
		"'303|对个人和家庭的补助|188545.67",
		"|人员经费合计|3288545.67",
		"|公用经费合计|300000.00",
	};
	static const char *const sangong[] = {
		"一般公共预算“三公”经费支出预算表",
		"|||||单位：元",
		"合计|因公出国（境）费|公务用车购置及运行维护费|||公务接待费",
		"||小计|公务用车购置费|公务用车运行费|",
		"61600.00|0|26600.00|0|26600.00|35000.00",
	};
	char *sh[4] = {sheet(summary, 8, "A1:D1"), sheet(general, 8, "A1:E1"), sheet(basic, 8, "A1:C1"),
		       sheet(sangong, 5, "A1:F1 A3:A4 B3:B4 C3:E3 F3:F4")};
	const char *names[] = {"收支总表", "一般公共预算支出", "基本支出", "三公经费"};
	const char *states[] = {"", "", "", ""};
	const char *path = "build/test/render-golden.xlsx";
	/* figures shown as budget systems export them: #,##0.00 */
	static const char styles[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet "
		"xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><cellXfs>"
		"<xf numFmtId=\"0\"/><xf numFmtId=\"4\"/></cellXfs></styleSheet>";
	CHECK(xlsx_write(path, 4, names, (const char *const *)sh, states, NULL, styles) == 0,
	      "write the workbook");
	for (int i = 0; i < 4; i++)
		free(sh[i]);
	bl_doc *d = NULL;
	bl_diag diag = {0};
	CHECK(bl_doc_open_file(path, &d, &diag) == BL_OK, "open the workbook: %s", diag.msg);
	if (!d)
		return;
	bl_rinput *in = NULL, *more = NULL;
	bl_rinput_doc(d, &in, &diag);
	const char *words =
		"{\"kind\": \"budget\", \"year\": 2025, \"unit\": \"重庆市某某区政务数据中心\", \"level\": "
		"\"unit\","
		" \"texts\": ["
		"{\"id\": \"duties\", \"text\": "
		"\"负责全区政务数据汇聚、共享和开放工作。\\n负责电子政务外网运行维护。\"},"
		"{\"id\": \"organization\", \"text\": \"内设综合科、数据资源科、网络运维科3个科室。\"},"
		"{\"id\": \"reason\", \"key\": \"general.project\", \"basis\": \"prev_year\","
		" \"text\": \"电子政务外网升级项目完成，2025年不再安排\"},"
		"{\"id\": \"use\", \"key\": \"general.project\", \"text\": \"政务外网运行维护\"},"
		"{\"id\": \"admin_cost\", \"text\": \"本单位为事业单位，不在机关运行经费统计范围之内。\"},"
		"{\"id\": \"procurement\", \"text\": \"2025年本单位未安排政府采购预算。\"},"
		"{\"id\": \"performance\", \"text\": "
		"\"2025年项目支出全部实行绩效目标管理，涉及一般公共预算财政拨款12.38万元。\"},"
		"{\"id\": \"assets\", \"text\": \"截至2024年12月31日，本单位共有车辆1辆。\"}]}";
	const char *last = "{\"kind\": \"budget\", \"year\": 2024, \"facts\": ["
			   "{\"key\": \"total.income\", \"value\": \"380.12\"},"
			   "{\"key\": \"total.expense\", \"value\": \"380.12\"},"
			   "{\"key\": \"general.expense\", \"value\": \"365.12\"},"
			   "{\"key\": \"general.basic\", \"value\": \"350.00\"},"
			   "{\"key\": \"general.project\", \"value\": \"15.12\"},"
			   "{\"key\": \"general.personnel\", \"value\": \"320.00\"},"
			   "{\"key\": \"general.public\", \"value\": \"30.00\"},"
			   "{\"key\": \"sangong.total\", \"value\": \"6.16\"},"
			   "{\"key\": \"sangong.abroad\", \"value\": \"0\"},"
			   "{\"key\": \"sangong.vehicle\", \"value\": \"2.66\"},"
			   "{\"key\": \"sangong.reception\", \"value\": \"3.50\"}]}";
	bl_rinput *prev = NULL;
	CHECK(bl_rinput_json("words.json", words, strlen(words), -1, &more, &diag) == BL_OK, "words: %s",
	      diag.msg);
	CHECK(bl_rinput_json("last.json", last, strlen(last), -1, &prev, &diag) == BL_OK, "last: %s",
	      diag.msg);
	if (!in || !more || !prev)
		return;
	bl_rinput_merge(in, more);
	CHECK(bl_rinput_prev(in, prev, &diag) == BL_OK, "last year: %s", diag.msg);
	bl_narrative *n = bl_render(in, NULL, &diag);
	char *out = NULL;
	size_t len = 0;
	bl_narrative_write(n, BL_RENDER_TEXT, &out, &len, &diag);
	FILE *f = fopen("build/test/render-budget.txt", "wb");
	if (f) {
		fwrite(out, 1, len, f);
		fclose(f);
	}
	char *want = NULL;
	size_t wn = 0;
	FILE *g = fopen("tests/golden/render-budget.txt", "rb");
	if (g) {
		want = malloc(1 << 20);
		wn = fread(want, 1, (1 << 20) - 1, g);
		want[wn] = 0;
		fclose(g);
	}
	CHECK(want && wn == len && memcmp(want, out, len) == 0,
	      "narrative differs from tests/golden/render-budget.txt (see build/test/render-budget.txt)");
	/* and it checks clean */
	bl_doc *back = NULL;
	bl_doc_open_mem("render-budget.txt", out, len, &back, &diag);
	CHECK(back && above_info(back, 1) == 0, "the golden narrative has findings above info");
	bl_doc_free(back);
	free(want);
	free(out);
	bl_narrative_free(n);
	bl_rinput_free(in);
	bl_rinput_free(more);
	bl_rinput_free(prev);
	bl_doc_free(d);
}

/* The render gate as a library call (bl_render_write): a clean input is
 * written; an error-level finding, in the narrative or in the input
 * document's figures, refuses it and is returned; a draft is written all
 * the same; warnings do not gate. */
static const char gate_clean[] =
	"{\"kind\": \"budget\", \"year\": 2025, \"unit\": \"某某中心\", \"facts\": ["
	"{\"key\": \"total.income\", \"value\": \"125.00\"}, {\"key\": \"general.income\", \"value\": "
	"\"125.00\"}, "
	"{\"key\": \"total.expense\", \"value\": \"125.00\"}, {\"key\": \"total.basic\", \"value\": "
	"\"120.00\"}, "
	"{\"key\": \"total.project\", \"value\": \"5.00\"}, {\"key\": \"general.expense\", \"value\": "
	"\"125.00\"}, "
	"{\"key\": \"general.basic\", \"value\": \"120.00\"}, {\"key\": \"general.project\", \"value\": "
	"\"%s\"}, "
	"{\"key\": \"sangong.total\", \"value\": \"1.00\"}, {\"key\": \"sangong.reception\", \"value\": "
	"\"1.00\"}], "
	"\"texts\": [%s{\"id\": \"organization\", \"text\": \"内设综合科1个科室。\"}, "
	"{\"id\": \"admin_cost\", \"text\": \"本单位机关运行经费预算10.00万元。\"}, "
	"{\"id\": \"procurement\", \"text\": \"本单位无政府采购预算。\"}, "
	"{\"id\": \"performance\", \"text\": \"本单位项目支出均设置了绩效目标。\"}, "
	"{\"id\": \"assets\", \"text\": \"截至2024年12月31日，本单位共有车辆0辆。\"}]}";

/* Renders gate_clean with general.project and the duties text given, and
 * passes it through the gate; the verdict in *gate, the output returned. */
static char *gate_run(const char *project, const char *duties, int draft, bl_render_gate *gate, bl_status *st)
{
	char json[4096];
	snprintf(json, sizeof json, gate_clean, project, duties);
	bl_rinput *in = NULL;
	bl_diag diag = {0};
	char *out = NULL;
	size_t len = 0;
	*st = bl_rinput_json("gate.json", json, strlen(json), -1, &in, &diag);
	CHECK(*st == BL_OK, "gate input: %s", diag.msg);
	if (*st != BL_OK)
		return NULL;
	bl_render_opts o = {0};
	o.draft = draft;
	bl_narrative *n = bl_render(in, &o, &diag);
	bl_render_write_opts wo = {BL_RENDER_HTML, NULL, NULL};
	*st = bl_render_write(n, &wo, &out, &len, gate, &diag);
	CHECK(!out || len == strlen(out), "the length written");
	bl_narrative_free(n);
	bl_rinput_free(in);
	return out;
}

static void gate(void)
{
	const char *duties = "{\"id\": \"duties\", \"text\": \"负责本区政务信息化建设。\"}, ";
	bl_render_gate g = BL_RENDER_GATE_INIT;
	bl_status st;
	/* clean: written, nothing blocks, nothing above info in the narrative read back */
	char *out = gate_run("5.00", duties, 0, &g, &st);
	CHECK(st == BL_OK && out && strstr(out, "<html") && !g.refused && g.nblocking == 0,
	      "a clean input is written (status %d, %zu blocking)", st, g.nblocking);
	CHECK(g.narrative && above_info(g.narrative, 1) == 0, "the clean narrative reads back clean");
	CHECK(g.narrative && !strcmp(bl_doc_path(g.narrative), "(生成稿)"), "checked as (生成稿)");
	free(out);
	bl_render_gate_release(&g);
	CHECK(g.narrative == NULL && g.blocking == NULL, "release leaves an empty verdict");

	/* an error: general.basic + project != general.expense. Refused, the finding returned */
	out = gate_run("6.00", duties, 0, &g, &st);
	CHECK(st == BL_OK && out == NULL && g.refused,
	      "an error-level finding refuses the output (status %d)", st);
	CHECK(g.nblocking == 1 && g.errors == 1 && g.source_errors == 0 && g.blocking &&
		      !strcmp(g.blocking[0]->rule, bl_rule_name(BL_R_SUM_BASIC_PROJECT)) &&
		      g.blocking[0]->severity == BL_SEV_ERROR && g.blocking[0]->has_expected,
	      "the blocking finding is returned: %zu, %s", g.nblocking,
	      g.nblocking ? g.blocking[0]->rule : "-");
	free(out);
	bl_render_gate_release(&g);

	/* ... unless a draft: written, watermarked, the finding still reported */
	out = gate_run("6.00", duties, 1, &g, &st);
	CHECK(st == BL_OK && out && strstr(out, "class=\"draft\"") && !g.refused && g.nblocking == 1,
	      "a draft is written despite the error (%zu blocking)", g.nblocking);
	free(out);
	bl_render_gate_release(&g);

	/* warnings only (a gap: text.gap) do not gate */
	out = gate_run("5.00", "", 0, &g, &st);
	int warned = 0;
	for (size_t i = 0; g.narrative && i < bl_doc_nfindings(g.narrative); i++)
		warned += bl_doc_finding(g.narrative, i)->severity == BL_SEV_WARNING;
	CHECK(st == BL_OK && out && !g.refused && g.nblocking == 0 && warned > 0,
	      "a warning-only narrative is written (%d warnings, %zu blocking)", warned, g.nblocking);
	free(out);
	bl_render_gate_release(&g);

	/* no options: text, as (生成稿), no source */
	char json[4096];
	snprintf(json, sizeof json, gate_clean, "5.00", duties);
	bl_rinput *in = NULL;
	bl_diag diag = {0};
	size_t len = 0;
	bl_rinput_json("gate.json", json, strlen(json), -1, &in, &diag);
	bl_narrative *n = bl_render(in, NULL, &diag);
	st = bl_render_write(n, NULL, &out, &len, &g, &diag);
	CHECK(st == BL_OK && out && !strncmp(out, "某某中心2025年部门预算情况说明\n", len < 40 ? len : 40) &&
		      g.narrative && !strcmp(bl_doc_path(g.narrative), "(生成稿)"),
	      "without options: text (status %d)", st);
	free(out);
	bl_render_gate_release(&g);
	bl_narrative_free(n);
	bl_rinput_free(in);

	/* the input document's own figures gate too: seed 001's sum error */
	const char *path = "../shared/corpus/seeds/001_594fbc126104c74b.txt";
	bl_doc *src = NULL;
	in = NULL;
	CHECK(bl_doc_open_file(path, &src, &diag) == BL_OK, "%s: %s", path, diag.msg);
	if (!src)
		return;
	bl_rinput_doc(src, &in, &diag);
	n = bl_render(in, NULL, &diag);
	bl_render_write_opts wo = {BL_RENDER_TEXT, "seed001.txt", src};
	st = bl_render_write(n, &wo, &out, &len, &g, &diag);
	int changes = 0;
	for (size_t i = 0; i < g.source_errors; i++)
		changes += !strcmp(g.blocking[i]->rule, bl_rule_name(BL_R_SUM_CHANGES));
	CHECK(st == BL_OK && out == NULL && g.refused && g.source_errors >= 1 && changes == 1 &&
		      g.nblocking == g.source_errors + g.errors,
	      "the source's figure error refuses it (%zu in the source, %zu in the narrative)",
	      g.source_errors, g.errors);
	CHECK(g.narrative && !strcmp(bl_doc_path(g.narrative), "seed001.txt"),
	      "checked under the name given");
	bl_render_gate_release(&g);
	bl_narrative_free(n);
	bl_rinput_free(in);
	bl_doc_free(src);
}

int main(void)
{
	golden_xlsx();
	seeds();
	property();
	formats();
	gaps_and_draft();
	shares_balance();
	bad_input();
	gate();
	DONE("render");
}
