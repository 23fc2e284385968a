/* test_store.c - the ledger on SQLite, or on PostgreSQL when BL_TEST_DB names a fresh database. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "budgetlint/store.h"
#include "gen.h"
#include "harness.h"
#include "store/rows.h"

static char dir[256];

static const char *write_doc(const char *name, const char *text)
{
	static char paths[16][512];
	static int n;
	char *p = paths[n++ % 16];
	snprintf(p, 512, "%s/%s", dir, name);
	FILE *fp = fopen(p, "w");
	fputs(text, fp);
	fclose(fp);
	return p;
}

static const char d2024[] =
	"上海市普陀区测试局2024年部门预算\n\n一、收支预算总体情况说明\n"
	"2024年，上海市普陀区测试局收入预算1000.00万元，其中：财政拨款收入1000.00万元，比2023年预算增加100."
	"00万元。\n"
	"支出预算1000.00万元，其中：财政拨款支出预算1000.00万元，比2023年预算增加100.00万元。\n"
	"二、“三公”经费预算情况说明\n2024年“三公”经费预算数为10.00万元，比2023年预算持平。\n"
	"三、机关运行经费\n2024年上海市普陀区测试局机关运行经费预算为200.00万元。\n";
/* 1200 - 250 = 950, not the 1000 of 2024; admin cost halves with no reason given */
static const char d2025[] =
	"上海市普陀区测试局2025年部门预算\n\n一、收支预算总体情况说明\n"
	"2025年，上海市普陀区测试局收入预算1200.00万元，其中：财政拨款收入1200.00万元，比2024年预算增加250."
	"00万元。\n"
	"支出预算1200.00万元，其中：财政拨款支出预算1200.00万元，比2024年预算增加200.00万元。\n"
	"二、“三公”经费预算情况说明\n2025年“三公”经费预算数为10.00万元，比2024年预算持平。\n"
	"三、机关运行经费\n2025年上海市普陀区测试局机关运行经费预算为100.00万元。\n\n2025年2月20日\n";
/* the unit's income is above its department's */
static const char u2025[] = "上海市普陀区测试局2025年单位预算\n\n一、收支预算总体情况说明\n"
			    "2025年，上海市普陀区测试局收入预算1300.00万元，其中：财政拨款收入1300."
			    "00万元。\n支出预算1300.00万元。\n";
/* 1150 + 60 = 1210, the budget said 1200 */
static const char f2025[] =
	"上海市普陀区测试局2025年度部门决算\n\n一、收入支出决算总体情况说明\n"
	"2025年度，上海市普陀区测试局财政拨款支出决算1150.00万元，比年初预算减少60.00万元。\n";

static int count_rule(cJSON *doc, const char *rule, const char *sev, const char *stated, const char *expected)
{
	int n = 0;
	cJSON *f;
	cJSON_ArrayForEach(f, cJSON_GetObjectItem(doc, "findings"))
	{
		cJSON *r = cJSON_GetObjectItem(f, "rule"), *s = cJSON_GetObjectItem(f, "severity");
		cJSON *st = cJSON_GetObjectItem(f, "stated"), *ex = cJSON_GetObjectItem(f, "expected");
		if (strcmp(r->valuestring, rule) || strcmp(s->valuestring, sev))
			continue;
		if (stated && (!cJSON_IsString(st) || strcmp(st->valuestring, stated)))
			continue;
		if (expected && (!cJSON_IsString(ex) || strcmp(ex->valuestring, expected)))
			continue;
		if (!cJSON_GetObjectItem(f, "other") && strncmp(rule, "ledger.", 7))
			continue; /* a cross-document finding names the other document */
		n++;
	}
	return n;
}

static cJSON *doc_of(cJSON *all, int year, const char *kind, const char *level)
{
	cJSON *d;
	cJSON_ArrayForEach(
		d,
		cJSON_GetObjectItem(
			all, "documents")) if (cJSON_GetObjectItem(d, "year")->valueint == year &&
					       !strcmp(cJSON_GetObjectItem(d, "kind")->valuestring, kind) &&
					       !strcmp(cJSON_GetObjectItem(d, "level")->valuestring,
						       level)) return d;
	return NULL;
}

static char *capture(bl_store *s, int what, bl_store_fmt fmt)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *m = open_memstream(&buf, &n);
	bl_diag d = {0};
	bl_status st = what == 0   ? bl_store_export(s, m, fmt, NULL, &d)
		       : what == 1 ? bl_store_ledger(s, m, fmt, "2026-11-23", &d)
				   : bl_store_compare(s, m, fmt, "测试局", 0, "budget", &d);
	fclose(m);
	if (st) {
		printf("query failed: %s\n", d.msg);
		free(buf);
		return NULL;
	}
	return buf;
}

static void test_split(void)
{
	static const struct {
		const char *name, *region, *key;
	} cases[] = {
		{"上海市普陀区人民政府万里街道办事处", "上海市普陀区", "万里街道办事处"},
		{"普陀区万里街道办事处", "普陀区", "万里街道办事处"},
		{"上海市普陀区人民政府办公室", "上海市普陀区", "人民政府办公室"},
		{"中共上海市普陀区委社会工作部", "上海市普陀区", "委社会工作部"},
		{"上海市普陀区委社会工作部", "上海市普陀区", "委社会工作部"},
		{"中国共产党上海市普陀区委宣传部", "上海市普陀区", "委宣传部"},
		{"中 共上海市普陀区委 社会工作部", "上海市普陀区", "委社会工作部"},
		{"上海市普陀区民政局(本级)", "上海市普陀区", "民政局（本级）"},
		{"上海市财政局", "上海市", "财政局"},
		{"重庆市开州区政务信息中心", "重庆市开州区", "政务信息中心"},
		{"重 庆市綦江区电子政务中心", "重庆市綦江区", "电子政务中心"},
		{"上海市城市管理行政执法局", "上海市", "城市管理行政执法局"},
		{"广东省广州市越秀区财政局", "广东省广州市越秀区", "财政局"},
		{"广州市城市规划局", "广州市", "城市规划局"},
		{"区财政局", "", "区财政局"},
		{"上海市浦东新区教育局", "上海市浦东新区", "教育局"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char region[96], key[192];
		bl_ident_split(cases[i].name, region, sizeof region, key, sizeof key);
		CHECK(!strcmp(region, cases[i].region) && !strcmp(key, cases[i].key),
		      "%s: region '%s' key '%s'", cases[i].name, region, key);
	}
	/* a name without its region, a year the file name contradicts: for a person to confirm */
	bl_doc *doc = NULL;
	bl_diag d = {0};
	static const char t[] =
		"区测试局2025年部门预算\n\n一、收支预算总体情况说明\n2025年，区测试局收入预算10.00万元。\n";
	CHECK(bl_doc_open_mem("2023-预算.txt", t, sizeof t - 1, &doc, &d) == BL_OK, "%s", d.msg);
	bl_ident id;
	bl_store_identify(doc, "x/2023-预算.txt", &id);
	CHECK(!strcmp(id.status, "review") && strstr(id.note, "地区") && strstr(id.note, "2023"), "%s %s",
	      id.status, id.note);
	bl_store_identify(doc, "x/测试局2026年决算.txt",
			  &id); /* 2026 publishes 2025's final: the year is fine, the kind is not */
	CHECK(!strcmp(id.status, "review") && strstr(id.note, "决算") && !strstr(id.note, "2026"), "%s",
	      id.note);
	bl_doc_free(doc);
}

/* The row writer: one row in each format, its cell types. */
static void test_rows(void)
{
	static const bl_rcol cols[] = {
		{.name = "name", .title = "名称", .width = 8},
		{.name = "n", .type = BL_R_RAW, .title = "n", .width = -4, .gap = 1},
		{.name = "basis", .type = BL_R_NONEMPTY},
		{.name = "review", .type = BL_R_OPT},
		{.name = "other", .type = BL_R_NEST, .nest = 2},
		{.name = "hash"},
		{.name = "path"},
	};
	const char *row[] = {"=SUM(A1),\"x\"\n名", "12", "", "", "ab", "ab", "p\x1b"};
	const char *row2[] = {"测试", NULL, "prev_year", "rejected", "", "", ""};
	static const struct {
		bl_store_fmt fmt;
		const char *want;
	} cases[] = {
		{BL_FMT_CSV, "name,n,basis,review,other,hash,path\n\"'=SUM(A1),\"\"x\"\"\n名\",12,,,ab,ab,"
			     "\"p\xEF\xBF\xBD\"\n测试,,prev_year,rejected,,,\n"},
		{BL_FMT_JSON, "\n  {\"name\": \"=SUM(A1),\\\"x\\\"\\n名\", \"n\": 12, \"basis\": null, "
			      "\"other\": {\"hash\": \"ab\", \"path\": "
			      "\"p\\u001b\"}},\n  {\"name\": \"测试\", \"n\": null, \"basis\": "
			      "\"prev_year\", \"review\": \"rejected\"}"},
		{BL_FMT_TEXT, "名称     n   \n=SUM(A1),\"x\" 名   12\n测试        -\n"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *buf = NULL;
		size_t n = 0;
		FILE *m = open_memstream(&buf, &n);
		bl_rows w = {.out = m, .fmt = cases[i].fmt, .cols = cols, .ncols = 7, .lines = 1};
		bl_rows_head(&w);
		bl_rows_put(&w, row);
		bl_rows_put(&w, row2);
		fclose(m);
		CHECK(buf && !strcmp(buf, cases[i].want), "format %d:\n%s\nwanted\n%s", (int)cases[i].fmt,
		      buf ? buf : "", cases[i].want);
		free(buf);
	}
}

/* A comparison of many documents: the CSV header has every column (it
 * once stopped at 64 while the rows went on). */
static void test_wide_rows(void)
{
	enum { NC = 72 };
	bl_rcol cols[NC];
	char names[NC][16];
	const char *cells[NC];
	for (int k = 0; k < NC; k++) {
		snprintf(names[k], sizeof names[k], "c%d", k);
		cols[k] = (bl_rcol){.name = names[k]};
		cells[k] = "1";
	}
	char *buf = NULL;
	size_t n = 0;
	FILE *m = open_memstream(&buf, &n);
	bl_rows w = {.out = m, .fmt = BL_FMT_CSV, .cols = cols, .ncols = NC};
	bl_rows_head(&w);
	bl_rows_put(&w, cells);
	fclose(m);
	int head = 1, row = 1;
	char *nl = strchr(buf, '\n');
	for (char *p = buf; p < nl; p++)
		head += *p == ',';
	for (char *p = nl + 1; *p; p++)
		row += *p == ',';
	CHECK(head == NC && row == NC && strstr(buf, ",c71\n"),
	      "72 columns in the header and the row: %d, %d", head, row);
	free(buf);
}

/* The report of a document, as check prints it. */
static char *report(bl_doc *doc)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *m = open_memstream(&buf, &n);
	bl_report_opts o = {.min_severity = BL_SEV_INFO, .with_facts = 1, .with_findings = 1};
	bl_report_json_doc(m, doc, &o, 1);
	bl_report_text(m, doc, &o);
	fclose(m);
	return buf;
}

/* check --db: the document check opened and checked is the one filed, as
 * bl_store_ingest would have filed it, and its report does not change. */
static void test_file_opened(bl_store *s)
{
	static const char text[] = "上海市普陀区另一局2025年部门预算\n\n一、收支预算总体情况说明\n"
				   "2025年，上海市普陀区另一局收入预算500.00万元，其中：财政拨款收入500."
				   "00万元，比2024年预算增加50.00万元。\n"
				   "支出预算510.00万元。\n";
	const char *path = write_doc("other2025.txt", text);
	bl_doc *doc = NULL;
	bl_diag d = {0};
	CHECK(bl_doc_open_file(path, &doc, &d) == BL_OK, "%s", d.msg);
	if (!doc)
		return;
	bl_doc_check(doc);
	size_t nfindings = bl_doc_nfindings(doc);
	char *before = report(doc);
	bl_ingest_result r;
	CHECK(bl_store_file(s, doc, &r, &d) == BL_OK && !r.existed && r.doc_id > 0 &&
		      !strcmp(r.ident.status, "ok") && !strcmp(r.ident.key, "另一局") && r.ident.year == 2025,
	      "%s %s %s", d.msg, r.ident.status, r.ident.key);
	char *after = report(doc);
	CHECK(before && after && !strcmp(before, after) && bl_doc_nfindings(doc) == nfindings,
	      "filing changed the report");
	CHECK(r.nerror + r.nwarning + r.ninfo == (int)nfindings, "%d + %d + %d findings filed, %zu checked",
	      r.nerror, r.nwarning, r.ninfo, nfindings);
	/* the ledger holds it under the hash of the file's bytes, with every fact */
	static const char q[] = "SELECT nfacts FROM documents WHERE hash = ? AND path = ? AND id = ?";
	char hash[65];
	bl_sha256_hex(text, sizeof text - 1, hash);
	bl_stmt *st = bl_db_stmt(s->db, q);
	int64_t nfacts = -1;
	if (st) {
		bl_stmt_text(st, 1, hash);
		bl_stmt_text(st, 2, path);
		bl_stmt_int(st, 3, r.doc_id);
	}
	CHECK(st && bl_stmt_one(st, &nfacts) == 1 && nfacts == (int64_t)bl_doc_nfacts(doc),
	      "filed with %lld facts, %zu read", (long long)nfacts, bl_doc_nfacts(doc));
	/* the same document again, or the same bytes read by ingest: one document */
	CHECK(bl_store_file(s, doc, &r, &d) == BL_OK && r.existed, "second filing existed=%d", r.existed);
	CHECK(bl_store_ingest(s, path, &r, &d) == BL_OK && r.existed, "ingest after filing existed=%d",
	      r.existed);
	/* filed by the bytes it was opened from: a file gone since it was
	 * opened is no failure, and a document opened from memory under a name
	 * is filed as itself, whatever file has that name (a server's upload) */
	bl_doc *gone = NULL;
	const char *gp = write_doc("gone2025.txt", text);
	CHECK(bl_doc_open_file(gp, &gone, &d) == BL_OK, "%s", d.msg);
	unlink(gp);
	CHECK(gone && bl_store_file(s, gone, &r, &d) == BL_OK && r.existed, "a vanished file's document: %s",
	      d.msg);
	bl_doc_free(gone);
	char other[4096];
	snprintf(other, sizeof other, "%s另有一行。\n", text);
	bl_doc *up = NULL;
	CHECK(bl_doc_open_mem(path, other, strlen(other), &up, &d) == BL_OK, "%s", d.msg);
	CHECK(up && bl_store_file(s, up, &r, &d) == BL_OK && !r.existed,
	      "opened from memory under the name of a filed file: filed as new (existed=%d)", r.existed);
	bl_doc_free(up);
	CHECK(bl_store_verify(s, &d) == BL_OK, "%s", d.msg);
	free(before);
	free(after);
	bl_doc_free(doc);
}

/* migrations: a database at version 1 is brought to the current one, its
 * rows kept. Returns the store open on target; *p24 the 2024 budget filed. */
static bl_store *test_migrate(const char *target, const char **p24)
{
	bl_store *s = NULL;
	bl_diag d = {0};
	CHECK(bl_store_open_at(target, 1, &s, &d) == BL_OK, "%s", d.msg);
	CHECK(s && bl_store_schema(s) == 1, "schema %d", s ? bl_store_schema(s) : -1);
	bl_ingest_result r;
	*p24 = write_doc("a2024.txt", d2024);
	CHECK(s && bl_store_ingest(s, *p24, &r, &d) == BL_OK && !r.existed, "%s", d.msg);
	bl_store_close(s);
	CHECK(bl_store_open(target, &s, &d) == BL_OK, "%s", d.msg);
	CHECK(bl_store_schema(s) == BL_STORE_SCHEMA, "schema %d", bl_store_schema(s));
	printf("backend: %s\n", bl_store_backend(s));
	return s;
}

/* idempotent: the same bytes are one document, under any path; each is identified */
static void test_ingest(bl_store *s, const char *p24)
{
	bl_diag d = {0};
	bl_ingest_result r;
	CHECK(bl_store_ingest(s, p24, &r, &d) == BL_OK && r.existed, "second ingest existed=%d", r.existed);
	const char *copy = write_doc("copy-of-2024.txt", d2024);
	CHECK(bl_store_ingest(s, copy, &r, &d) == BL_OK && r.existed, "copy existed=%d", r.existed);
	const char *p25 = write_doc("a2025.txt", d2025);
	CHECK(bl_store_ingest(s, p25, &r, &d) == BL_OK && !r.existed && !strcmp(r.ident.status, "ok") &&
		      !strcmp(r.ident.region, "上海市普陀区") && !strcmp(r.ident.key, "测试局") &&
		      r.ident.year == 2025 && !strcmp(r.ident.date, "2025-02-20"),
	      "%s %s %s %d %s", r.ident.status, r.ident.region, r.ident.key, r.ident.year, r.ident.date);
	CHECK(bl_store_ingest(s, write_doc("u2025.txt", u2025), &r, &d) == BL_OK &&
		      !strcmp(r.ident.level, "unit"),
	      "%s", r.ident.level);
	CHECK(bl_store_ingest(s, write_doc("f2025.txt", f2025), &r, &d) == BL_OK &&
		      !strcmp(r.ident.kind, "final"),
	      "%s", r.ident.kind);
}

/* failures are recorded with their reason and never stop anything */
static void test_failures(bl_store *s)
{
	bl_diag d = {0};
	bl_ingest_result r;
	char missing[600];
	snprintf(missing, sizeof missing, "%s/no-such.pdf", dir);
	CHECK(bl_store_ingest(s, missing, &r, &d) != BL_OK, "missing file filed");
	const char *junk = write_doc("junk.pdf", "%PDF-1.4\n\x01\x02 garbage");
	CHECK(bl_store_ingest(s, junk, &r, &d) != BL_OK, "junk filed");
}

/* expected materials: one filed, one overdue, one not yet due; the 2025 budget was approved 2025-01-10 */
static void test_expected(bl_store *s)
{
	bl_diag d = {0};
	char csvp[600];
	snprintf(csvp, sizeof csvp, "%s/expected.csv", dir);
	FILE *fp = fopen(csvp, "w");
	fputs("region,org,year,kind,approval_date,due_date,url\n"
	      "上海市普陀区,上海市普陀区测试局,2024,预算,,2024-02-28,\n"
	      "上海市普陀区,测试局,2025,budget,2025-01-10,,http://example.org/a\n"
	      "普陀区,\"上海市普陀区测试局\",2023,决算,,2024-06-30,\n"
	      "上海市普陀区,上海市普陀区测试局,2026,预算,,2027-01-31,\n",
	      fp);
	fclose(fp);
	int n = 0;
	CHECK(bl_store_expect_csv(s, csvp, &n, &d) == BL_OK && n == 4, "%d %s", n, d.msg);
	fp = fopen(csvp, "w");
	fputs("region,org,year,kind\n上海市普陀区,测试局,20x5,预算\n", fp);
	fclose(fp);
	CHECK(bl_store_expect_csv(s, csvp, &n, &d) == BL_EFORMAT && strstr(d.msg, ":2:"), "%s", d.msg);
}

/* the cross-document checks, run twice, and their findings in the export */
static void test_crosscheck(bl_store *s)
{
	bl_diag d = {0};
	CHECK(bl_store_crosscheck(s, &d) == BL_OK, "%s", d.msg);
	CHECK(bl_store_crosscheck(s, &d) == BL_OK, "rerun: %s", d.msg); /* replaces, never adds */

	char *js = capture(s, 0, BL_FMT_JSON);
	cJSON *all = js ? cJSON_Parse(js) : NULL;
	CHECK(all != NULL, "export json does not parse");
	if (all) {
		CHECK(cJSON_GetArraySize(cJSON_GetObjectItem(all, "documents")) == 4, "documents %d",
		      cJSON_GetArraySize(cJSON_GetObjectItem(all, "documents")));
		cJSON *b25 = doc_of(all, 2025, "budget", "dept"), *u25 = doc_of(all, 2025, "budget", "unit");
		cJSON *f25 = doc_of(all, 2025, "final", "dept"), *b24 = doc_of(all, 2024, "budget", "dept");
		CHECK(b25 && u25 && f25 && b24, "a document is missing from the export");
		if (b25 && u25 && f25 && b24) {
			CHECK(count_rule(b25, "crossdoc.prev_year", "error", "950.00", "1000.00") == 1,
			      "prev_year on 财政拨款收入");
			CHECK(count_rule(b25, "crossdoc.prev_year", "error", NULL, NULL) == 1,
			      "only one prev_year");
			CHECK(count_rule(b25, "crossdoc.yoy_reason", "warning", "100.00", "200.00") == 1,
			      "yoy_reason on 机关运行经费");
			CHECK(count_rule(b25, "ledger.timeliness", "warning", NULL, NULL) == 1,
			      "41 days after approval");
			CHECK(count_rule(u25, "crossdoc.dept_unit", "error", "1300.00", "1200.00") >= 1,
			      "unit above department");
			CHECK(count_rule(f25, "crossdoc.initial_budget", "error", "1210.00", "1200.00") == 1,
			      "final vs budget");
			CHECK(count_rule(b24, "crossdoc.prev_year", "error", NULL, NULL) == 0,
			      "no 2023 document: nothing to compare");
			CHECK(strlen(cJSON_GetObjectItem(b25, "hash")->valuestring) == 64, "hash");
			CHECK(cJSON_IsString(cJSON_GetObjectItem(b25, "ruleset")) &&
				      !strcmp(cJSON_GetObjectItem(b25, "ruleset")->valuestring, bl_ruleset()),
			      "ruleset");
		}
		cJSON_Delete(all);
	}
	free(js);
}

/* the ledger: what is missing, overdue or pending, the failures, the versions */
static void test_ledger(bl_store *s)
{
	char *js = capture(s, 1, BL_FMT_JSON);
	cJSON *all = js ? cJSON_Parse(js) : NULL;
	CHECK(all != NULL, "ledger json does not parse");
	if (all) {
		cJSON *m = cJSON_GetObjectItem(all, "missing"), *e;
		int overdue = 0, pending = 0;
		cJSON_ArrayForEach(e, m)
		{
			int y = cJSON_GetObjectItem(e, "year")->valueint;
			int od = cJSON_IsTrue(cJSON_GetObjectItem(e, "overdue"));
			overdue += y == 2023 && od;
			pending += y == 2026 && !od;
		}
		CHECK(cJSON_GetArraySize(m) == 2 && overdue == 1 && pending == 1,
		      "missing %d overdue %d pending %d", cJSON_GetArraySize(m), overdue, pending);
		CHECK(cJSON_GetArraySize(cJSON_GetObjectItem(all, "failures")) == 2, "failures %d",
		      cJSON_GetArraySize(cJSON_GetObjectItem(all, "failures")));
		cJSON *doc;
		int v = 0;
		cJSON_ArrayForEach(doc, cJSON_GetObjectItem(all, "documents")) v +=
			cJSON_GetObjectItem(doc, "versions")->valueint;
		CHECK(v == 4, "versions %d", v);
		cJSON_Delete(all);
	}
	free(js);
	char *text = capture(s, 1, BL_FMT_TEXT);
	CHECK(text && strstr(text, "测试局") && strstr(text, "2025预算") && strstr(text, "已过公开期限"),
	      "%s", text ? text : "");
	free(text);
}

/* a reviewer rejects the 上年数 finding: the ledger stops counting it, and a re-check keeps the decision */
static void test_review(bl_store *s)
{
	bl_diag d = {0};
	char *js = capture(s, 0, BL_FMT_JSON);
	cJSON *all = js ? cJSON_Parse(js) : NULL;
	char fpr[65] = "";
	cJSON *f, *b25 = all ? doc_of(all, 2025, "budget", "dept") : NULL;
	cJSON *b25f = b25 ? cJSON_GetObjectItem(b25, "findings") : NULL;
	cJSON_ArrayForEach(
		f, b25f) if (!strcmp(cJSON_GetObjectItem(f, "rule")->valuestring, "crossdoc.prev_year"))
		snprintf(fpr, sizeof fpr, "%s", cJSON_GetObjectItem(f, "fingerprint")->valuestring);
	cJSON_Delete(all);
	free(js);
	CHECK(strlen(fpr) == 16, "fingerprint '%s'", fpr);
	char *before = capture(s, 1, BL_FMT_CSV);
	int matched = 0;
	CHECK(bl_store_review(s, "0000000000000000", "rejected", "t", "", &matched, &d) == BL_EUSAGE,
	      "unknown fingerprint");
	CHECK(bl_store_review(s, fpr, "maybe", "t", "", &matched, &d) == BL_EUSAGE, "bad decision");
	CHECK(bl_store_review(s, fpr, "rejected", "审核员", "口径不同", &matched, &d) == BL_OK &&
		      matched == 1,
	      "%d %s", matched, d.msg);
	CHECK(bl_store_crosscheck(s, &d) == BL_OK, "%s", d.msg);
	char *after = capture(s, 1, BL_FMT_CSV);
	/* region,org,level,year,kind,status,versions,hash,path,errors: one error fewer on the 2025 budget */
	CHECK(before && after && strstr(before, ",2025,budget,filed,1,") && strcmp(before, after) != 0,
	      "ledger unchanged by the decision");
	js = capture(s, 0, BL_FMT_JSON);
	CHECK(js && strstr(js, "\"review\": \"rejected\""), "export shows the decision");
	free(js);
	free(before);
	free(after);
	{
		char *buf = NULL;
		size_t nb2 = 0;
		FILE *m = open_memstream(&buf, &nb2);
		CHECK(bl_store_review_list(s, m, "a2025", &d) == BL_OK, "%s", d.msg);
		fclose(m);
		CHECK(buf && strstr(buf, fpr) && strstr(buf, "[rejected by 审核员: 口径不同]"), "%s",
		      buf ? buf : "");
		free(buf);
	}
}

/* compare: one unit across years */
static void test_compare(bl_store *s)
{
	char *text = capture(s, 2, BL_FMT_CSV);
	CHECK(text && strstr(text, "2024预算") && strstr(text, "2025预算") &&
		      strstr(text, "approp.income,财政拨款（全部）收入,1000.00,1200.00,1300.00"),
	      "%s", text ? text : "");
	free(text);
}

/* a republished document is a new version; the ledger shows the latest */
static void test_versions(bl_store *s)
{
	bl_diag d = {0};
	bl_ingest_result r;
	char d25b[sizeof d2025 + 8];
	snprintf(d25b, sizeof d25b, "%s\n", d2025);
	CHECK(bl_store_ingest(s, write_doc("a2025-v2.txt", d25b), &r, &d) == BL_OK && !r.existed, "%s",
	      d.msg);
	char *js = capture(s, 1, BL_FMT_JSON);
	CHECK(js && strstr(js, "\"versions\": 2") && strstr(js, "a2025-v2.txt"), "%s", js ? js : "");
	free(js);
}

/* the fiscal data package: files and a descriptor naming the measure's currency */
static void test_fdp(bl_store *s)
{
	bl_diag d = {0};
	char fdp[600];
	snprintf(fdp, sizeof fdp, "%s/fdp", dir);
	CHECK(bl_store_export(s, NULL, BL_FMT_FDP, fdp, &d) == BL_OK, "%s", d.msg);
	char dp[700];
	snprintf(dp, sizeof dp, "%s/datapackage.json", fdp);
	char *bytes = NULL;
	size_t nb = 0;
	CHECK(bl_file_read(dp, &bytes, &nb, &d) == BL_OK, "%s", d.msg);
	cJSON *pkg = bytes ? cJSON_ParseWithLength(bytes, nb) : NULL;
	CHECK(pkg && cJSON_GetArraySize(cJSON_GetObjectItem(pkg, "resources")) == 5, "datapackage.json");
	if (pkg) {
		cJSON *amt = cJSON_GetObjectItem(
			cJSON_GetObjectItem(cJSON_GetObjectItem(pkg, "model"), "measures"), "amount");
		CHECK(amt && !strcmp(cJSON_GetObjectItem(amt, "currency")->valuestring, "CNY"), "currency");
		cJSON_Delete(pkg);
	}
	free(bytes);
}

/* a database written by a newer budgetlint is refused, with the versions named; s is closed */
static void test_newer(bl_store *s, const char *target)
{
	bl_diag d = {0};
	bl_db_exec(s->db, "INSERT INTO schema_migrations (version, description, applied_at) VALUES (99, "
			  "'future', 'x')");
	bl_store_close(s);
	s = NULL;
	CHECK(bl_store_open(target, &s, &d) == BL_EFORMAT && strstr(d.msg, "99"), "%s", d.msg);
	bl_store_close(s);
}

/* A disclosure in two files: the narrative and the tables of one unit,
 * year and kind are both current (neither is an older version of the
 * other), and the ledger's matrix shows them in one cell. */
static void test_halves(bl_store *s)
{
	const char *narr = write_doc(
		"halves-narrative.txt",
		"重庆市某某区半件中心\n关于2024年部门预算情况公开的公告\n一、收支预算总体情况\n"
		"2024年收入预算90.00万元，支出预算90.00万元，其中基本支出50.00万元，项目支出40.00万元。\n"
		"二、部门预算公开报表\n详见附表。\n");
	const char *tabs = write_doc("halves-tables.txt",
				     "重庆市某某区半件中心2024年部门预算公开表\n"
				     "                 一般公共预算支出预算表\n"
				     "                                        单位：万元\n"
				     "  科目编码   科目名称         合计     基本支出      项目支出\n"
				     "            合计         90.00    50.00    40.00\n");
	bl_ingest_result r;
	bl_diag d = {0};
	CHECK(bl_store_ingest(s, narr, &r, &d) == BL_OK && !r.existed, "%s", d.msg);
	CHECK(bl_store_ingest(s, tabs, &r, &d) == BL_OK && !r.existed, "%s", d.msg);
	CHECK(bl_store_crosscheck(s, &d) == BL_OK, "%s", d.msg);
	char *j = capture(s, 1, BL_FMT_JSON);
	cJSON *all = j ? cJSON_Parse(j) : NULL;
	int n = 0, warned = 0;
	cJSON *doc;
	cJSON_ArrayForEach(doc,
			   cJSON_GetObjectItem(
				   all, "documents")) if (strstr(cJSON_GetObjectItem(doc, "org")->valuestring,
								 "半件中心")) n++,
		warned += cJSON_GetObjectItem(doc, "warnings")->valueint;
	CHECK(n == 2, "both halves are current documents: %d", n);
	CHECK(warned == 0, "with both halves filed, neither says the other is missing: %d warnings", warned);
	cJSON_Delete(all);
	free(j);
	char *t = capture(s, 1, BL_FMT_TEXT);
	CHECK(t && strstr(t, "半件中心") && strstr(t, "2件"), "one cell for the two files");
	free(t);
}

/* The findings of rule (at severity sev, NULL any) the current export holds for the document at path. */
static int findings_of(bl_store *s, const char *path, const char *rule, const char *sev)
{
	char *j = capture(s, 0, BL_FMT_JSON);
	cJSON *all = j ? cJSON_Parse(j) : NULL, *doc, *f;
	int n = 0;
	cJSON_ArrayForEach(doc, cJSON_GetObjectItem(all, "documents"))
	{
		if (strcmp(cJSON_GetObjectItem(doc, "path")->valuestring, path))
			continue;
		cJSON_ArrayForEach(f, cJSON_GetObjectItem(doc, "findings"))
		{
			n += !strcmp(cJSON_GetObjectItem(f, "rule")->valuestring, rule) &&
			     (!sev || !strcmp(cJSON_GetObjectItem(f, "severity")->valuestring, sev));
		}
	}
	cJSON_Delete(all);
	free(j);
	return n;
}

typedef struct pairs_seen {
	char narr[8][512], tabs[8][512];
	int n;
} pairs_seen;

static void on_pair(const char *narrative, const char *tables, void *vp)
{
	pairs_seen *p = vp;
	if (p->n < 8) {
		snprintf(p->narr[p->n], sizeof p->narr[0], "%s", narrative);
		snprintf(p->tabs[p->n++], sizeof p->tabs[0], "%s", tables);
	}
}

static int offered(const pairs_seen *p, const char *narr, const char *tabs)
{
	int n = 0;
	for (int i = 0; i < p->n; i++)
		n += !strcmp(p->narr[i], narr) && !strcmp(p->tabs[i], tabs);
	return n;
}

/* A disclosure in two files filed apart, as ingest's workers file it: the
 * ledger finds the halves, they are checked as one (the narrative against
 * its companion's tables: a figure the tables contradict is table.narrative's
 * error), filed again, and never offered again. Text and PDF tables, a
 * consistent disclosure and one with a planted table figure. */
static void test_pairs(bl_store *s)
{
	gen_disc g = {"上海市某某区两件局",
		      2030,
		      2,
		      {567817, 331468, 0, 0},
		      {-23810, 19100, 0, 0},
		      450012,
		      0,
		      0,
		      0};
	static const int shapes[] = {GEN_TWO_TEXT, GEN_TWO_PDF};
	int year = 2030;
	for (size_t k = 0; k < sizeof shapes / sizeof *shapes; k++)
		for (g.plant = GEN_PLANT_NONE; g.plant <= GEN_PLANT_TABLE; g.plant += GEN_PLANT_TABLE) {
			char sub[600], narr[700], tabs[700];
			gen_where w;
			g.year = year++; /* each case its own disclosure */
			snprintf(sub, sizeof sub, "%s/pair%d", dir, g.year);
			mkdir(sub, 0700);
			CHECK(gen_write(&g, shapes[k], sub, narr, tabs, sizeof narr, &w) == 0, "%s", sub);
			bl_ingest_result r;
			bl_diag d = {0};
			CHECK(bl_store_ingest(s, tabs, &r, &d) == BL_OK, "%s", d.msg);
			CHECK(bl_store_ingest(s, narr, &r, &d) == BL_OK, "%s", d.msg);
			CHECK(findings_of(s, narr, "table.narrative", NULL) == 0,
			      "%d: filed alone, the narrative is not compared with tables", g.year);
			pairs_seen seen = {0};
			CHECK(bl_store_unpaired(s, on_pair, &seen, &d) == BL_OK, "%s", d.msg);
			CHECK(offered(&seen, narr, tabs) == 1,
			      "%d: the ledger offers the two halves once: %d of %d", g.year,
			      offered(&seen, narr, tabs), seen.n);
			bl_pair_result pr;
			CHECK(bl_store_pair(s, narr, tabs, &pr, &d) == BL_OK && pr.paired, "%d: paired: %s",
			      g.year, d.msg);
			int got = findings_of(s, narr, "table.narrative", "error");
			CHECK(g.plant == GEN_PLANT_TABLE ? got > 0 : got == 0,
			      "%d (%s, %s): table.narrative errors %d", g.year, gen_shape_names[shapes[k]],
			      g.plant ? "planted" : "consistent", got);
			CHECK(findings_of(s, narr, "complete.pair", NULL) == 0 &&
				      findings_of(s, tabs, "complete.pair", NULL) == 0 &&
				      findings_of(s, tabs, "profile.pair", NULL) == 1,
			      "%d: each half names the other, neither says it is missing", g.year);
			seen.n = 0;
			CHECK(bl_store_unpaired(s, on_pair, &seen, &d) == BL_OK &&
				      offered(&seen, narr, tabs) == 0,
			      "%d: a pair tried is not offered again", g.year);
		}
}

/* The party prefix: 中共X and X are one organisation when filed, and a
 * ledger of schema 3, which keyed them apart, is merged by the migration. */
static void test_party_key(const char *target)
{
	char db[700];
	snprintf(db, sizeof db, "%s/party.db", dir);
	(void)target;
	bl_store *s = NULL;
	bl_diag d = {0};
	CHECK(bl_store_open_at(db, 3, &s, &d) == BL_OK, "%s", d.msg);
	const char *a = write_doc(
		"party-a.txt", "中共上海市某某区委某某部2024年部门预算\n一、收支预算总体情况\n2024年收入预算"
			       "10.00万元，支出预算10.00万元。\n");
	const char *b = write_doc("party-b.txt",
				  "上海市某某区委某某部2025年部门预算\n一、收支预算总体情况\n2025年收入预算"
				  "12.00万元，支出预算12.00万元。\n");
	bl_ingest_result r;
	CHECK(bl_store_ingest(s, a, &r, &d) == BL_OK && !strcmp(r.ident.key, "委某某部"), "key '%s' %s",
	      r.ident.key, d.msg);
	CHECK(bl_store_ingest(s, b, &r, &d) == BL_OK && !strcmp(r.ident.key, "委某某部"), "key '%s'",
	      r.ident.key);
	bl_store_close(s);
	/* as an older budgetlint keyed it: the 2024 document under 中共委某某部 */
	char cmd[2048];
	snprintf(cmd, sizeof cmd,
		 "sqlite3 '%s' \"INSERT INTO orgs (region_id, key, name, level) SELECT region_id, '中共' || "
		 "key,"
		 " '中共' || name, level FROM orgs; UPDATE documents SET org_id = (SELECT MAX(id) FROM orgs)"
		 " WHERE year = 2024; INSERT INTO expected (region, org, org_key, level, year, kind,"
		 " approval_date, due_date, url) VALUES ('上海市某某区', '中共上海市某某区委某某部', "
		 "'中共委某某部',"
		 " 'dept', 2026, 'budget', '', '', '')\"",
		 db);
	if (system(cmd) != 0) {
		CHECK(0, "sqlite3 could not write the old keys");
		return;
	}
	CHECK(bl_store_open(db, &s, &d) == BL_OK && bl_store_schema(s) == BL_STORE_SCHEMA, "%s", d.msg);
	bl_store_close(s);
	snprintf(cmd, sizeof cmd,
		 "test \"$(sqlite3 '%s' \"SELECT COUNT(*), MIN(key) FROM orgs; SELECT COUNT(DISTINCT org_id) "
		 "FROM"
		 " documents; SELECT org_key FROM expected\")\" = \"$(printf '1|委某某部\\n1\\n委某某部')\"",
		 db);
	CHECK(system(cmd) == 0, "the migration merges 中共委某某部 into 委某某部");
}

/* A document's identity: SHA-256 as FIPS 180-4 gives it (its examples,
 * and a million 'a'), the same with the processor's SHA instructions as
 * without them at every length around the block and padding boundaries. */
static void test_sha256(void)
{
	static const struct {
		const char *in;
		const char *hex;
	} fips[] = {
		{"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
		{"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		 "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
	};
	char a[65], b[65];
	for (size_t i = 0; i < sizeof fips / sizeof *fips; i++) {
		bl_sha256_hex(fips[i].in, strlen(fips[i].in), a);
		CHECK(!strcmp(a, fips[i].hex), "sha256('%s') = %s", fips[i].in, a);
	}
	enum { MILLION = 1000000 };
	char *m = malloc(MILLION);
	memset(m, 'a', MILLION);
	bl_sha256_hex(m, MILLION, a);
	CHECK(!strcmp(a, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"), "million a: %s",
	      a);
	unsigned x = 12345;
	for (size_t i = 0; i < MILLION; i++)
		m[i] = (char)((x = x * 1103515245u + 12345u) >> 16);
	int differ = 0;
	for (size_t n = 0; n <= 300; n++) {
		bl_sha256_hex(m, n, a);
		bl_sha256_hex_portable(m, n, b);
		differ += strcmp(a, b) != 0;
	}
	bl_sha256_hex(m, MILLION - 3, a);
	bl_sha256_hex_portable(m, MILLION - 3, b);
	differ += strcmp(a, b) != 0;
	CHECK(differ == 0, "%d lengths hash differently with and without the SHA instructions", differ);
	free(m);
}

int main(void)
{
	snprintf(dir, sizeof dir, "/tmp/bl_store_XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	const char *env = getenv("BL_TEST_DB");
	char target[600];
	if (env && *env)
		snprintf(target, sizeof target, "%s", env);
	else
		snprintf(target, sizeof target, "%s/ledger.db", dir);
	test_sha256();
	test_split();
	test_rows();
	test_wide_rows();

	const char *p24;
	bl_store *s = test_migrate(target, &p24);
	test_ingest(s, p24);
	test_failures(s);
	test_expected(s);
	test_crosscheck(s);
	test_ledger(s);
	test_review(s);
	test_compare(s);
	test_versions(s);
	test_fdp(s);
	bl_diag d = {0};
	CHECK(bl_store_verify(s, &d) == BL_OK, "%s", d.msg);
	test_file_opened(s);
	test_halves(s);
	test_pairs(s);

	test_newer(s, target);
	if (!env || !*env)
		test_party_key(target);

	char cmd[700];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("could not remove %s\n", dir);
	DONE("test_store");
}
