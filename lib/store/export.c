/* export.c - the ledger's data out: CSV tables, one JSON document, or a Fiscal Data Package.
 *
 * Every export covers the current version of each filed document and
 * names it by content hash and version number, and names the rule set the
 * findings came from, so a figure in a spreadsheet can be traced to the
 * exact bytes it was read from. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store/rows.h"

#define CUR                                                                                                  \
	"WITH cur AS (SELECT org_id, year, kind, part, MAX(id) AS id, COUNT(*) AS n FROM documents"          \
	" WHERE org_id IS NOT NULL AND ident <> 'template' GROUP BY org_id, year, kind, part) "

static const char q_docs[] = CUR "SELECT d.hash, c.n, r.name, o.name, o.level, d.year, d.kind, d.path, "
				 "d.source, d.pages, d.pub_date, d.ident,"
				 " d.ruleset, d.ingested_at, d.nerror, d.nwarning, d.ninfo, d.id"
				 " FROM cur c JOIN documents d ON d.id = c.id JOIN orgs o ON o.id = c.org_id "
				 "JOIN regions r ON r.id = o.region_id"
				 " ORDER BY r.name, o.key, o.level, d.year, d.kind";
static const char q_doc_one[] = "SELECT d.hash, (SELECT COUNT(*) FROM documents v WHERE v.org_id = d.org_id "
				"AND v.year = d.year AND v.kind = d.kind),"
				" r.name, o.name, o.level, d.year, d.kind, d.path, d.source, d.pages, "
				"d.pub_date, d.ident, d.ruleset, d.ingested_at,"
				" d.nerror, d.nwarning, d.ninfo, d.id"
				" FROM documents d JOIN orgs o ON o.id = d.org_id JOIN regions r ON r.id = "
				"o.region_id WHERE d.id = ?";
static const char q_facts[] = CUR
	"SELECT d.hash, f.seq, f.key, f.measure, f.basis, f.period, f.value, f.unit, f.page, f.line, f.col, "
	"f.text"
	" FROM cur c JOIN documents d ON d.id = c.id JOIN facts f ON f.doc_id = d.id ORDER BY d.id, f.seq";
static const char q_cells[] = CUR "SELECT d.hash, x.tbl, x.table_kind, x.table_unit, x.row_no, x.code, "
				  "x.label, x.role, x.col_no, x.col_key,"
				  " x.col_name, x.col_basis, x.state, x.value, x.text, x.page, x.line"
				  " FROM cur c JOIN documents d ON d.id = c.id JOIN cells x ON x.doc_id = "
				  "d.id ORDER BY d.id, x.tbl, x.row_no, x.col_no";
static const char q_findings[] =
	CUR "SELECT d.hash, f.rule, f.severity, f.message, f.page, f.line, f.col, f.stated, f.expected, "
	    "COALESCE(o.hash, ''),"
	    " f.fingerprint, d.ruleset"
	    " FROM cur c JOIN documents d ON d.id = c.id JOIN findings f ON f.doc_id = d.id"
	    " LEFT JOIN documents o ON o.id = f.other_doc_id ORDER BY d.id, f.id";
/* amounts for the fiscal data package: money values of the report year, in 万元 as printed */
static const char q_amounts[] = CUR
	"SELECT d.hash, r.name, o.name, o.level, d.year, d.kind, f.key, f.value, f.unit"
	" FROM cur c JOIN documents d ON d.id = c.id JOIN orgs o ON o.id = c.org_id JOIN regions r ON r.id = "
	"o.region_id"
	" JOIN facts f ON f.doc_id = d.id AND f.measure = 'value' AND f.basis = '' AND f.period = d.year"
	" AND f.unit IN ('万元', '元') AND f.seq = (SELECT MIN(g.seq) FROM facts g WHERE g.doc_id = f.doc_id"
	" AND g.key = f.key AND g.measure = 'value' AND g.basis = '' AND g.period = d.year)"
	" ORDER BY d.id, f.seq";

/* A column of an exported table: its name and its type in the data package's schema. */
#define F(n, t)                                                                                              \
	{                                                                                                    \
		.name = (n), .type = BL_R_STR, .schema = (t)                                                 \
	}

static const bl_rcol f_docs[] = {
	F("doc_hash", "string"),  F("version", "integer"),    F("region", "string"),
	F("org", "string"),       F("level", "string"),       F("year", "integer"),
	F("kind", "string"),      F("path", "string"),        F("source", "string"),
	F("pages", "integer"),    F("published", "string"),   F("identification", "string"),
	F("ruleset", "string"),   F("ingested_at", "string"), F("errors", "integer"),
	F("warnings", "integer"), F("infos", "integer")};
static const bl_rcol f_facts[] = {F("doc_hash", "string"), F("seq", "integer"),  F("key", "string"),
				  F("measure", "string"),  F("basis", "string"), F("period", "integer"),
				  F("value", "number"),    F("unit", "string"),  F("page", "integer"),
				  F("line", "integer"),    F("col", "integer"),  F("text", "string")};
static const bl_rcol f_cells[] = {
	F("doc_hash", "string"),    F("table", "integer"),   F("table_kind", "string"),
	F("table_unit", "integer"), F("row", "integer"),     F("code", "string"),
	F("label", "string"),       F("role", "string"),     F("col", "integer"),
	F("col_key", "string"),     F("col_name", "string"), F("col_basis", "string"),
	F("state", "string"),       F("value", "number"),    F("text", "string"),
	F("page", "integer"),       F("line", "integer")};
static const bl_rcol f_findings[] = {
	F("doc_hash", "string"),       F("rule", "string"),        F("severity", "string"),
	F("message", "string"),        F("page", "integer"),       F("line", "integer"),
	F("col", "integer"),           F("stated", "number"),      F("expected", "number"),
	F("other_doc_hash", "string"), F("fingerprint", "string"), F("ruleset", "string")};
/* the data package's amounts: one row per document and money key, 万元 */
static const bl_rcol f_amounts[] = {
	F("doc_hash", "string"), F("region", "string"),       F("org", "string"),
	F("level", "string"),    F("fiscal_year", "integer"), F("phase", "string"),
	F("key", "string"),      F("name", "string"),         F("amount", "number")};

#define NCOLS(a) (int)(sizeof a / sizeof a[0])

typedef struct table_def {
	const char *name;
	const char *sql;
	const char *title;
	const bl_rcol *cols;
	int ncols;
} table_def;

static const table_def tables[] = {
	{"documents", q_docs, "文件（每个单位、年度、预算或决算的现行版本）", f_docs, NCOLS(f_docs)},
	{"facts", q_facts, "事实：文中每个数字", f_facts, NCOLS(f_facts)},
	{"cells", q_cells, "公开表的单元格", f_cells, NCOLS(f_cells)},
	{"findings", q_findings, "审核发现", f_findings, NCOLS(f_findings)},
};

static int write_csv(bl_store *s, FILE *out, const table_def *t)
{
	bl_rows w = {.out = out, .fmt = BL_FMT_CSV, .cols = t->cols, .ncols = t->ncols};
	bl_rows_head(&w);
	bl_stmt *st = bl_db_stmt(s->db, t->sql);
	return st ? bl_rows_stmt(&w, st) : -1;
}

static FILE *open_in(const char *dir, const char *name, bl_diag *diag)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *fp = fopen(path, "w");
	if (!fp)
		bl_diag_set(diag, BL_EIO, errno, path, "cannot write '%s': %s", path, strerror(errno));
	return fp;
}

static bl_status close_out(FILE *fp, const char *dir, const char *name, bl_diag *diag)
{
	int bad = ferror(fp);
	if (fclose(fp) != 0 || bad) {
		bl_diag_set(diag, BL_EIO, errno, dir, "cannot write '%s/%s': %s", dir, name, strerror(errno));
		return BL_EIO;
	}
	return BL_OK;
}

static bl_status make_dir(const char *dir, bl_diag *diag)
{
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		bl_diag_set(diag, BL_EIO, errno, dir, "cannot create '%s': %s", dir, strerror(errno));
		return BL_EIO;
	}
	return BL_OK;
}

/* A resource's schema: {"name": ..., "type": ...} for each column. */
static void fields_json(FILE *out, const bl_rcol *cols, int n)
{
	static const bl_rcol field[] = {BL_RCOL("name", BL_R_STR), BL_RCOL("type", BL_R_STR)};
	bl_rows w = {.out = out, .fmt = BL_FMT_JSON, .cols = field, .ncols = 2};
	for (int k = 0; k < n; k++)
		bl_rows_put(&w, (const char *const[]){cols[k].name, cols[k].schema});
}

/* The FDP amounts table: one row per document and money key, 万元. */
static int write_amounts(bl_store *s, FILE *out, int *ymin, int *ymax)
{
	bl_rows w = {.out = out, .fmt = BL_FMT_CSV, .cols = f_amounts, .ncols = NCOLS(f_amounts)};
	bl_rows_head(&w);
	bl_stmt *st = bl_db_stmt(s->db, q_amounts);
	if (!st)
		return -1;
	int rc;
	while ((rc = bl_stmt_step(st)) == 1) {
		const char *v = bl_stmt_col(st, 7), *unit = bl_stmt_col(st, 8);
		bl_dec d;
		if (!v || bl_dec_parse(v, strlen(v), &d) != BL_OK)
			continue;
		if (unit && !strcmp(unit, "元"))
			d = bl_dec_yuan_to_wan(d);
		char amount[48], label[256], fy[16];
		bl_dec_format(d, amount);
		bl_key_label_buf(bl_stmt_col(st, 6), label, sizeof label);
		int year = (int)bl_stmt_col_int(st, 4);
		if (year && (!*ymin || year < *ymin))
			*ymin = year;
		if (year > *ymax)
			*ymax = year;
		snprintf(fy, sizeof fy, "%d", year);
		/* a budget is the approved plan; a final account what was executed */
		const char *phase = !strcmp(bl_stmt_col(st, 5), "budget") ? "approved" : "executed";
		bl_rows_put(&w, (const char *const[]){bl_stmt_col(st, 0), bl_stmt_col(st, 1),
						      bl_stmt_col(st, 2), bl_stmt_col(st, 3), fy, phase,
						      bl_stmt_col(st, 6), label, amount});
	}
	return rc;
}

static bl_status write_fdp(bl_store *s, const char *dir, bl_diag *diag)
{
	bl_status st = make_dir(dir, diag);
	if (st)
		return st;
	int ymin = 0, ymax = 0;
	FILE *fp = open_in(dir, "amounts.csv", diag);
	if (!fp)
		return BL_EIO;
	int rc = write_amounts(s, fp, &ymin, &ymax);
	if ((st = close_out(fp, dir, "amounts.csv", diag)))
		return st;
	if (rc < 0)
		return bl_store_fail_db(s, diag, "exporting amounts");
	for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
		char name[64];
		snprintf(name, sizeof name, "%s.csv", tables[t].name);
		if (!(fp = open_in(dir, name, diag)))
			return BL_EIO;
		rc = write_csv(s, fp, &tables[t]);
		if ((st = close_out(fp, dir, name, diag)))
			return st;
		if (rc < 0)
			return bl_store_fail_db(s, diag, "exporting");
	}
	if (!(fp = open_in(dir, "datapackage.json", diag)))
		return BL_EIO;
	char now[32];
	bl_store_now(now);
	fprintf(fp,
		"{\n  \"profile\": \"tabular-data-package\",\n  \"name\": \"budgetlint-ledger\",\n"
		"  \"title\": \"部门预算、决算公开数据（budgetlint 台账导出）\",\n  \"created\": \"%s\",\n"
		"  \"countryCode\": \"CN\",\n",
		now);
	if (ymin)
		fprintf(fp, "  \"fiscalPeriod\": {\"start\": \"%d-01-01\", \"end\": \"%d-12-31\"},\n", ymin,
			ymax);
	fprintf(fp,
		"  \"budgetlint\": {\"version\": \"%s\", \"ruleset\": \"%s\", \"documents\": \"documents.csv "
		"lists the hash and version of every document used\"},\n",
		bl_version(), bl_ruleset());
	fputs("  \"resources\": [\n", fp);
	fputs("    {\"profile\": \"tabular-data-resource\", \"name\": \"amounts\", \"path\": "
	      "\"amounts.csv\", \"format\": \"csv\","
	      " \"mediatype\": \"text/csv\", \"encoding\": \"utf-8\", \"title\": \"金额（万元）\",\n     "
	      "\"schema\": {\"fields\": [",
	      fp);
	fields_json(fp, f_amounts, NCOLS(f_amounts));
	fputs("]}}", fp);
	for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
		fprintf(fp,
			",\n    {\"profile\": \"tabular-data-resource\", \"name\": \"%s\", \"path\": "
			"\"%s.csv\", \"format\": \"csv\","
			" \"mediatype\": \"text/csv\", \"encoding\": \"utf-8\", \"title\": ",
			tables[t].name, tables[t].name);
		bl_json_put(fp, tables[t].title);
		fputs(",\n     \"schema\": {\"fields\": [", fp);
		fields_json(fp, tables[t].cols, tables[t].ncols);
		fputs("]}}", fp);
	}
	fputs("\n  ],\n  \"model\": {\n"
	      "    \"measures\": {\n"
	      "      \"amount\": {\"source\": \"amount\", \"resource\": \"amounts\", \"currency\": \"CNY\", "
	      "\"factor\": 10000}\n"
	      "    },\n"
	      "    \"dimensions\": {\n"
	      "      \"organisation\": {\"dimensionType\": \"entity\", \"primaryKey\": [\"region\", \"org\", "
	      "\"level\"],"
	      " \"attributes\": {\"region\": {\"source\": \"region\", \"resource\": \"amounts\"}, \"org\": "
	      "{\"source\": \"org\", \"resource\": \"amounts\"},"
	      " \"level\": {\"source\": \"level\", \"resource\": \"amounts\"}}},\n"
	      "      \"date\": {\"dimensionType\": \"datetime\", \"primaryKey\": \"fiscal_year\","
	      " \"attributes\": {\"fiscal_year\": {\"source\": \"fiscal_year\", \"resource\": "
	      "\"amounts\"}}},\n"
	      "      \"phase\": {\"dimensionType\": \"other\", \"primaryKey\": \"phase\","
	      " \"attributes\": {\"phase\": {\"source\": \"phase\", \"resource\": \"amounts\"}}},\n"
	      "      \"item\": {\"dimensionType\": \"classification\", \"primaryKey\": \"key\","
	      " \"attributes\": {\"key\": {\"source\": \"key\", \"resource\": \"amounts\"},"
	      " \"name\": {\"source\": \"name\", \"resource\": \"amounts\", \"labelfor\": \"key\"}}},\n"
	      "      \"document\": {\"dimensionType\": \"other\", \"primaryKey\": \"doc_hash\","
	      " \"attributes\": {\"doc_hash\": {\"source\": \"doc_hash\", \"resource\": \"amounts\"}}}\n"
	      "    }\n  }\n}\n",
	      fp);
	return close_out(fp, dir, "datapackage.json", diag);
}

/* A document of the JSON export: its facts, cells and findings; the columns in the order of the objects' fields. */
static const char q_doc_facts[] = "SELECT key, measure, basis, period, value, unit, page, line, col, text "
				  "FROM facts WHERE doc_id = ? ORDER BY seq";
static const char q_doc_cells[] = "SELECT tbl, table_kind, row_no, code, label, col_key, col_name, state, "
				  "value, text, page, line FROM cells"
				  " WHERE doc_id = ? ORDER BY tbl, row_no, col_no";
static const char q_doc_findings[] =
	"SELECT f.rule, f.severity, f.message, f.page, f.line, f.col, f.stated, f.expected, f.fingerprint,"
	" COALESCE(v.decision, ''), COALESCE(o.hash, ''), COALESCE(o.hash, ''), COALESCE(o.path, '') FROM "
	"findings f"
	" LEFT JOIN documents o ON o.id = f.other_doc_id"
	" LEFT JOIN reviews v ON v.doc_id = f.doc_id AND v.fingerprint = f.fingerprint WHERE f.doc_id = ? "
	"ORDER BY f.id";

static const bl_rcol j_doc[] = {
	BL_RCOL("hash", BL_R_STR), BL_RCOL("version", BL_R_RAW), BL_RCOL("region", BL_R_STR),
	BL_RCOL("unit", BL_R_STR), BL_RCOL("level", BL_R_STR),   BL_RCOL("year", BL_R_RAW),
	BL_RCOL("kind", BL_R_STR), BL_RCOL("path", BL_R_STR),    BL_RCOL("ruleset", BL_R_STR)};
static const bl_rcol j_facts[] = {BL_RCOL("key", BL_R_STR),        BL_RCOL("measure", BL_R_STR),
				  BL_RCOL("basis", BL_R_NONEMPTY), BL_RCOL("period", BL_R_RAW),
				  BL_RCOL("value", BL_R_STR),      BL_RCOL("unit", BL_R_STR),
				  BL_RCOL("page", BL_R_RAW),       BL_RCOL("line", BL_R_RAW),
				  BL_RCOL("col", BL_R_RAW),        BL_RCOL("text", BL_R_STR)};
static const bl_rcol j_cells[] = {
	BL_RCOL("table", BL_R_RAW),    BL_RCOL("table_kind", BL_R_STR), BL_RCOL("row", BL_R_RAW),
	BL_RCOL("code", BL_R_STR),     BL_RCOL("label", BL_R_STR),      BL_RCOL("col_key", BL_R_STR),
	BL_RCOL("col_name", BL_R_STR), BL_RCOL("state", BL_R_STR),      BL_RCOL("value", BL_R_STR),
	BL_RCOL("text", BL_R_STR),     BL_RCOL("page", BL_R_RAW),       BL_RCOL("line", BL_R_RAW)};
/* a cross-document finding names the other document; a decided one its decision */
static const bl_rcol j_findings[] = {BL_RCOL("rule", BL_R_STR),
				     BL_RCOL("severity", BL_R_STR),
				     BL_RCOL("message", BL_R_STR),
				     BL_RCOL("page", BL_R_RAW),
				     BL_RCOL("line", BL_R_RAW),
				     BL_RCOL("col", BL_R_RAW),
				     BL_RCOL("stated", BL_R_STR),
				     BL_RCOL("expected", BL_R_STR),
				     BL_RCOL("fingerprint", BL_R_STR),
				     BL_RCOL("review", BL_R_OPT),
				     {.name = "other", .type = BL_R_NEST, .nest = 2},
				     BL_RCOL("hash", BL_R_STR),
				     BL_RCOL("path", BL_R_STR)};

/* One part of a document: "name": [objects], the rows of sql for the document id. */
static int json_part(bl_store *s, FILE *out, const char *name, const char *sql, const bl_rcol *cols, int n,
		     int64_t id)
{
	fprintf(out, ",\n   \"%s\": [", name);
	bl_stmt *st = bl_db_stmt(s->db, sql);
	if (!st)
		return -1;
	bl_stmt_int(st, 1, id);
	bl_rows w = {.out = out, .fmt = BL_FMT_JSON, .cols = cols, .ncols = n};
	int rc = bl_rows_stmt(&w, st);
	fputc(']', out);
	return rc;
}

static int json_doc(bl_store *s, FILE *out, bl_stmt *d, int first)
{
	int64_t id = bl_stmt_col_int(d, 17);
	const char *head[9];
	for (int k = 0; k < 8; k++)
		head[k] = bl_stmt_col(d, k);
	head[8] = bl_stmt_col(d, 12);
	fputs(first ? "\n  {" : ",\n  {", out);
	bl_rows w = {.out = out, .fmt = BL_FMT_JSON, .cols = j_doc, .ncols = NCOLS(j_doc)};
	bl_rows_fields(&w, head);
	/* nested queries: the document statement stays open, so use separate statements */
	if (json_part(s, out, "facts", q_doc_facts, j_facts, NCOLS(j_facts), id) < 0 ||
	    json_part(s, out, "cells", q_doc_cells, j_cells, NCOLS(j_cells), id) < 0 ||
	    json_part(s, out, "findings", q_doc_findings, j_findings, NCOLS(j_findings), id) < 0)
		return -1;
	fputc('}', out);
	return 0;
}

BL_API bl_status bl_store_export(bl_store *s, FILE *out, bl_store_fmt fmt, const char *dir, bl_diag *diag)
{
	if (fmt == BL_FMT_FDP)
		return dir ? write_fdp(s, dir, diag)
			   : (bl_diag_set(diag, BL_EUSAGE, 0, "", "a data package is a directory: name one"),
			      BL_EUSAGE);
	if (fmt == BL_FMT_CSV && dir) {
		bl_status st = make_dir(dir, diag);
		for (size_t t = 0; !st && t < sizeof tables / sizeof tables[0]; t++) {
			char name[64];
			snprintf(name, sizeof name, "%s.csv", tables[t].name);
			FILE *fp = open_in(dir, name, diag);
			if (!fp)
				return BL_EIO;
			int rc = write_csv(s, fp, &tables[t]);
			st = close_out(fp, dir, name, diag);
			if (!st && rc < 0)
				st = bl_store_fail_db(s, diag, "exporting");
		}
		return st;
	}
	if (fmt == BL_FMT_CSV) /* one table to a stream: the facts */
		return write_csv(s, out, &tables[1]) < 0 ? bl_store_fail_db(s, diag, "exporting") : BL_OK;
	/* JSON: the documents with their facts, cells and findings */
	bl_rows_json_tool(out);
	fputs(" \"documents\": [", out);
	/* the document list is read first: a statement must not stay open under the nested ones on every engine */
	bl_stmt *d = bl_db_stmt(s->db, q_docs);
	if (!d)
		return bl_store_fail_db(s, diag, "exporting");
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = bl_stmt_step(d)) == 1)
		*BL_PUSH(ids, n, cap) = bl_stmt_col_int(d, 17);
	if (rc < 0) {
		free(ids);
		return bl_store_fail_db(s, diag, "exporting");
	}
	bl_status st = BL_OK;
	for (size_t i = 0; i < n && !st; i++) {
		d = bl_db_stmt(s->db, q_doc_one);
		if (!d)
			st = bl_store_fail_db(s, diag, "exporting");
		else {
			bl_stmt_int(d, 1, ids[i]);
			if (bl_stmt_step(d) != 1 || json_doc(s, out, d, i == 0) < 0)
				st = bl_store_fail_db(s, diag, "exporting");
		}
	}
	free(ids);
	fputs("]}\n", out);
	return st;
}
