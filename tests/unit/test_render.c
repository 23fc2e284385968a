/* test_render.c - render: generated consistent fact sets round-trip through the narrative.
 *
 * Each case draws a budget or a final account whose figures are consistent
 * by construction (totals from their parts, changes from two years' values,
 * shares and percents left to render), writes it as a facts JSON, renders
 * the narrative (text, HTML, DOCX), reads it back with the extractor and
 * requires every stated figure back exactly, every change equal to the
 * difference of the two years, and no finding above info. Gaps, drafts,
 * share balancing and bad input JSON have their own cases; the seeds and
 * the golden workbook are in test_render_docs.c, the gate in
 * test_render_gate.c. */
#define _GNU_SOURCE /* memmem */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "budgetlint/budgetlint.h"
#include "budgetlint/render.h"
#include "harness.h"
#include "render_fixtures.h"

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

/* The accounts: the general budget by kind and class, the totals, the
 * expense by function class; *pub_out and *project_out for the figures
 * that repeat them. */
static void add_accounts(set *s, long long *pub_out, long long *project_out)
{
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
	*pub_out = pub;
	*project_out = project;
}

/* 三公, procurement, admin cost, performance, vehicles; a final account's meetings and receptions. */
static void add_others(set *s, long long pub, long long project)
{
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
}

/* s's figures and the department's words as the facts JSON render reads. */
static void write_json(set *s)
{
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

/* Draws case i (a final account when i is odd) from rng. */
static void make_set(set *s, int i)
{
	memset(s, 0, sizeof *s);
	s->year = 2020 + (int)rnd(10);
	s->final = i % 2;
	long long pub, project;
	add_accounts(s, &pub, &project);
	add_others(s, pub, project);
	write_json(s);
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

int main(void)
{
	property();
	formats();
	gaps_and_draft();
	shares_balance();
	bad_input();
	DONE("render");
}
