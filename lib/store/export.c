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

#include "store/store.h"

#define CUR "WITH cur AS (SELECT org_id, year, kind, MAX(id) AS id, COUNT(*) AS n FROM documents" \
	    " WHERE org_id IS NOT NULL AND ident <> 'template' GROUP BY org_id, year, kind) "

static const char q_docs[] =
	CUR "SELECT d.hash, c.n, r.name, o.name, o.level, d.year, d.kind, d.path, d.source, d.pages, d.pub_date, d.ident,"
	    " d.ruleset, d.ingested_at, d.nerror, d.nwarning, d.ninfo, d.id"
	    " FROM cur c JOIN documents d ON d.id = c.id JOIN orgs o ON o.id = c.org_id JOIN regions r ON r.id = o.region_id"
	    " ORDER BY r.name, o.key, o.level, d.year, d.kind";
static const char q_doc_one[] =
	"SELECT d.hash, (SELECT COUNT(*) FROM documents v WHERE v.org_id = d.org_id AND v.year = d.year AND v.kind = d.kind),"
	" r.name, o.name, o.level, d.year, d.kind, d.path, d.source, d.pages, d.pub_date, d.ident, d.ruleset, d.ingested_at,"
	" d.nerror, d.nwarning, d.ninfo, d.id"
	" FROM documents d JOIN orgs o ON o.id = d.org_id JOIN regions r ON r.id = o.region_id WHERE d.id = ?";
static const char q_facts[] =
	CUR "SELECT d.hash, f.seq, f.key, f.measure, f.basis, f.period, f.value, f.unit, f.page, f.line, f.col, f.text"
	    " FROM cur c JOIN documents d ON d.id = c.id JOIN facts f ON f.doc_id = d.id ORDER BY d.id, f.seq";
static const char q_cells[] =
	CUR "SELECT d.hash, x.tbl, x.table_kind, x.table_unit, x.row_no, x.code, x.label, x.role, x.col_no, x.col_key,"
	    " x.col_name, x.col_basis, x.state, x.value, x.text, x.page, x.line"
	    " FROM cur c JOIN documents d ON d.id = c.id JOIN cells x ON x.doc_id = d.id ORDER BY d.id, x.tbl, x.row_no, x.col_no";
static const char q_findings[] =
	CUR "SELECT d.hash, f.rule, f.severity, f.message, f.page, f.line, f.col, f.stated, f.expected, COALESCE(o.hash, ''),"
	    " f.fingerprint, d.ruleset"
	    " FROM cur c JOIN documents d ON d.id = c.id JOIN findings f ON f.doc_id = d.id"
	    " LEFT JOIN documents o ON o.id = f.other_doc_id ORDER BY d.id, f.id";
/* amounts for the fiscal data package: money values of the report year, in 万元 as printed */
static const char q_amounts[] =
	CUR "SELECT d.hash, r.name, o.name, o.level, d.year, d.kind, f.key, f.value, f.unit"
	    " FROM cur c JOIN documents d ON d.id = c.id JOIN orgs o ON o.id = c.org_id JOIN regions r ON r.id = o.region_id"
	    " JOIN facts f ON f.doc_id = d.id AND f.measure = 'value' AND f.basis = '' AND f.period = d.year"
	    " AND f.unit IN ('万元', '元') AND f.seq = (SELECT MIN(g.seq) FROM facts g WHERE g.doc_id = f.doc_id"
	    " AND g.key = f.key AND g.measure = 'value' AND g.basis = '' AND g.period = d.year)"
	    " ORDER BY d.id, f.seq";

typedef struct table_def {
	const char *name;
	const char *sql;
	const char *title;
	const char *const *fields; /* name:type */
} table_def;

static const char *const f_docs[] = {"doc_hash:string", "version:integer", "region:string", "org:string", "level:string",
				     "year:integer", "kind:string", "path:string", "source:string", "pages:integer",
				     "published:string", "identification:string", "ruleset:string", "ingested_at:string",
				     "errors:integer", "warnings:integer", "infos:integer", NULL};
static const char *const f_facts[] = {"doc_hash:string", "seq:integer", "key:string", "measure:string", "basis:string",
				      "period:integer", "value:number", "unit:string", "page:integer", "line:integer",
				      "col:integer", "text:string", NULL};
static const char *const f_cells[] = {"doc_hash:string", "table:integer", "table_kind:string", "table_unit:integer",
				      "row:integer", "code:string", "label:string", "role:string", "col:integer",
				      "col_key:string", "col_name:string", "col_basis:string", "state:string", "value:number",
				      "text:string", "page:integer", "line:integer", NULL};
static const char *const f_findings[] = {"doc_hash:string", "rule:string", "severity:string", "message:string", "page:integer",
					 "line:integer", "col:integer", "stated:number", "expected:number",
					 "other_doc_hash:string", "fingerprint:string", "ruleset:string", NULL};

static const table_def tables[] = {
	{"documents", q_docs, "文件（每个单位、年度、预算或决算的现行版本）", f_docs},
	{"facts", q_facts, "事实：文中每个数字", f_facts},
	{"cells", q_cells, "公开表的单元格", f_cells},
	{"findings", q_findings, "审核发现", f_findings},
};

static int nfields(const char *const *f)
{
	int n = 0;
	while (f[n])
		n++;
	return n;
}

static int write_csv(bl_store *s, FILE *out, const table_def *t)
{
	int n = nfields(t->fields);
	for (int k = 0; k < n; k++) {
		const char *colon = strchr(t->fields[k], ':');
		fprintf(out, "%s%.*s", k ? "," : "", (int)(colon - t->fields[k]), t->fields[k]);
	}
	fputc('\n', out);
	bl_stmt *st = bl_db_stmt(s->db, t->sql);
	if (!st)
		return -1;
	int rc;
	while ((rc = bl_stmt_step(st)) == 1) {
		for (int k = 0; k < n; k++) {
			if (k)
				fputc(',', out);
			bl_csv_put(out, bl_stmt_col(st, k));
		}
		fputc('\n', out);
	}
	return rc;
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

static void field_json(FILE *out, const char *f, int first)
{
	const char *colon = strchr(f, ':');
	fprintf(out, "%s{\"name\": \"%.*s\", \"type\": \"%s\"}", first ? "" : ", ", (int)(colon - f), f, colon + 1);
}

/* The FDP amounts table: one row per document and money key, 万元. */
static int write_amounts(bl_store *s, FILE *out, int *ymin, int *ymax)
{
	fputs("doc_hash,region,org,level,fiscal_year,phase,key,name,amount\n", out);
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
		char amount[48], label[256];
		bl_dec_format(d, amount);
		bl_key_label_buf(bl_stmt_col(st, 6), label, sizeof label);
		int year = (int)bl_stmt_col_int(st, 4);
		if (year && (!*ymin || year < *ymin))
			*ymin = year;
		if (year > *ymax)
			*ymax = year;
		for (int k = 0; k < 4; k++) {
			bl_csv_put(out, bl_stmt_col(st, k));
			fputc(',', out);
		}
		/* a budget is the approved plan; a final account what was executed */
		fprintf(out, "%d,%s,", year, !strcmp(bl_stmt_col(st, 5), "budget") ? "approved" : "executed");
		bl_csv_put(out, bl_stmt_col(st, 6));
		fputc(',', out);
		bl_csv_put(out, label);
		fprintf(out, ",%s\n", amount);
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
	fprintf(fp, "{\n  \"profile\": \"tabular-data-package\",\n  \"name\": \"budgetlint-ledger\",\n"
		    "  \"title\": \"部门预算、决算公开数据（budgetlint 台账导出）\",\n  \"created\": \"%s\",\n"
		    "  \"countryCode\": \"CN\",\n",
		now);
	if (ymin)
		fprintf(fp, "  \"fiscalPeriod\": {\"start\": \"%d-01-01\", \"end\": \"%d-12-31\"},\n", ymin, ymax);
	fprintf(fp, "  \"budgetlint\": {\"version\": \"%s\", \"ruleset\": \"%s\", \"documents\": \"documents.csv lists the hash and version of every document used\"},\n",
		bl_version(), bl_ruleset());
	fputs("  \"resources\": [\n", fp);
	fputs("    {\"profile\": \"tabular-data-resource\", \"name\": \"amounts\", \"path\": \"amounts.csv\", \"format\": \"csv\","
	      " \"mediatype\": \"text/csv\", \"encoding\": \"utf-8\", \"title\": \"金额（万元）\",\n     \"schema\": {\"fields\": [",
	      fp);
	static const char *const f_amounts[] = {"doc_hash:string", "region:string", "org:string", "level:string",
						"fiscal_year:integer", "phase:string", "key:string", "name:string",
						"amount:number", NULL};
	for (int k = 0; f_amounts[k]; k++)
		field_json(fp, f_amounts[k], k == 0);
	fputs("]}}", fp);
	for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
		fprintf(fp, ",\n    {\"profile\": \"tabular-data-resource\", \"name\": \"%s\", \"path\": \"%s.csv\", \"format\": \"csv\","
			    " \"mediatype\": \"text/csv\", \"encoding\": \"utf-8\", \"title\": ",
			tables[t].name, tables[t].name);
		bl_json_put(fp, tables[t].title);
		fputs(",\n     \"schema\": {\"fields\": [", fp);
		for (int k = 0; tables[t].fields[k]; k++)
			field_json(fp, tables[t].fields[k], k == 0);
		fputs("]}}", fp);
	}
	fputs("\n  ],\n  \"model\": {\n"
	      "    \"measures\": {\n"
	      "      \"amount\": {\"source\": \"amount\", \"resource\": \"amounts\", \"currency\": \"CNY\", \"factor\": 10000}\n"
	      "    },\n"
	      "    \"dimensions\": {\n"
	      "      \"organisation\": {\"dimensionType\": \"entity\", \"primaryKey\": [\"region\", \"org\", \"level\"],"
	      " \"attributes\": {\"region\": {\"source\": \"region\", \"resource\": \"amounts\"}, \"org\": {\"source\": \"org\", \"resource\": \"amounts\"},"
	      " \"level\": {\"source\": \"level\", \"resource\": \"amounts\"}}},\n"
	      "      \"date\": {\"dimensionType\": \"datetime\", \"primaryKey\": \"fiscal_year\","
	      " \"attributes\": {\"fiscal_year\": {\"source\": \"fiscal_year\", \"resource\": \"amounts\"}}},\n"
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

static const char q_doc_facts[] = "SELECT key, measure, basis, period, value, unit, page, line, col, text FROM facts WHERE doc_id = ? ORDER BY seq";
static const char q_doc_findings[] =
	"SELECT f.rule, f.severity, f.message, f.page, f.line, f.col, f.stated, f.expected, COALESCE(o.hash, ''), COALESCE(o.path, ''),"
	" f.fingerprint, COALESCE(v.decision, '') FROM findings f LEFT JOIN documents o ON o.id = f.other_doc_id"
	" LEFT JOIN reviews v ON v.doc_id = f.doc_id AND v.fingerprint = f.fingerprint WHERE f.doc_id = ? ORDER BY f.id";
static const char q_doc_cells[] =
	"SELECT tbl, table_kind, row_no, code, label, col_key, col_name, state, value, text, page, line FROM cells"
	" WHERE doc_id = ? ORDER BY tbl, row_no, col_no";

static int json_doc(bl_store *s, FILE *out, bl_stmt *d, int first)
{
	int64_t id = bl_stmt_col_int(d, 17);
	fputs(first ? "\n  {" : ",\n  {", out);
	fprintf(out, "\"hash\": \"%s\", \"version\": %s, \"region\": ", bl_stmt_col(d, 0), bl_stmt_col(d, 1));
	bl_json_put(out, bl_stmt_col(d, 2));
	fputs(", \"unit\": ", out), bl_json_put(out, bl_stmt_col(d, 3));
	fprintf(out, ", \"level\": \"%s\", \"year\": %s, \"kind\": \"%s\", \"path\": ", bl_stmt_col(d, 4), bl_stmt_col(d, 5),
		bl_stmt_col(d, 6));
	bl_json_put(out, bl_stmt_col(d, 7));
	fprintf(out, ", \"ruleset\": \"%s\",\n   \"facts\": [", bl_stmt_col(d, 12));
	/* nested queries: the document statement stays open, so use separate statements */
	bl_stmt *f = bl_db_stmt(s->db, q_doc_facts);
	if (!f)
		return -1;
	bl_stmt_int(f, 1, id);
	int rc, n = 0;
	while ((rc = bl_stmt_step(f)) == 1) {
		fprintf(out, "%s{\"key\": \"%s\", \"measure\": \"%s\", \"basis\": ", n++ ? ", " : "", bl_stmt_col(f, 0),
			bl_stmt_col(f, 1));
		const char *b = bl_stmt_col(f, 2);
		if (b && *b)
			fprintf(out, "\"%s\"", b);
		else
			fputs("null", out);
		fprintf(out, ", \"period\": %s, \"value\": \"%s\", \"unit\": ", bl_stmt_col(f, 3), bl_stmt_col(f, 4));
		bl_json_put(out, bl_stmt_col(f, 5));
		fprintf(out, ", \"page\": %s, \"line\": %s, \"col\": %s, \"text\": ", bl_stmt_col(f, 6), bl_stmt_col(f, 7),
			bl_stmt_col(f, 8));
		bl_json_put(out, bl_stmt_col(f, 9));
		fputc('}', out);
	}
	if (rc < 0)
		return -1;
	fputs("],\n   \"cells\": [", out);
	bl_stmt *c = bl_db_stmt(s->db, q_doc_cells);
	if (!c)
		return -1;
	bl_stmt_int(c, 1, id);
	n = 0;
	while ((rc = bl_stmt_step(c)) == 1) {
		fprintf(out, "%s{\"table\": %s, \"table_kind\": \"%s\", \"row\": %s, \"code\": \"%s\", \"label\": ", n++ ? ", " : "",
			bl_stmt_col(c, 0), bl_stmt_col(c, 1), bl_stmt_col(c, 2), bl_stmt_col(c, 3));
		bl_json_put(out, bl_stmt_col(c, 4));
		fputs(", \"col_key\": ", out), bl_json_put(out, bl_stmt_col(c, 5));
		fputs(", \"col_name\": ", out), bl_json_put(out, bl_stmt_col(c, 6));
		fprintf(out, ", \"state\": \"%s\", \"value\": ", bl_stmt_col(c, 7));
		const char *v = bl_stmt_col(c, 8);
		if (v)
			fprintf(out, "\"%s\"", v);
		else
			fputs("null", out);
		fputs(", \"text\": ", out), bl_json_put(out, bl_stmt_col(c, 9));
		fprintf(out, ", \"page\": %s, \"line\": %s}", bl_stmt_col(c, 10), bl_stmt_col(c, 11));
	}
	if (rc < 0)
		return -1;
	fputs("],\n   \"findings\": [", out);
	bl_stmt *g = bl_db_stmt(s->db, q_doc_findings);
	if (!g)
		return -1;
	bl_stmt_int(g, 1, id);
	n = 0;
	while ((rc = bl_stmt_step(g)) == 1) {
		fprintf(out, "%s{\"rule\": \"%s\", \"severity\": \"%s\", \"message\": ", n++ ? ", " : "", bl_stmt_col(g, 0),
			bl_stmt_col(g, 1));
		bl_json_put(out, bl_stmt_col(g, 2));
		fprintf(out, ", \"page\": %s, \"line\": %s, \"col\": %s, \"stated\": ", bl_stmt_col(g, 3), bl_stmt_col(g, 4),
			bl_stmt_col(g, 5));
		const char *sv = bl_stmt_col(g, 6), *ev = bl_stmt_col(g, 7);
		if (sv)
			fprintf(out, "\"%s\"", sv);
		else
			fputs("null", out);
		fputs(", \"expected\": ", out);
		if (ev)
			fprintf(out, "\"%s\"", ev);
		else
			fputs("null", out);
		fprintf(out, ", \"fingerprint\": \"%s\"", bl_stmt_col(g, 10));
		if (*bl_stmt_col(g, 11))
			fprintf(out, ", \"review\": \"%s\"", bl_stmt_col(g, 11));
		const char *oh = bl_stmt_col(g, 8);
		if (oh && *oh) {
			fprintf(out, ", \"other\": {\"hash\": \"%s\", \"path\": ", oh);
			bl_json_put(out, bl_stmt_col(g, 9));
			fputc('}', out);
		}
		fputc('}', out);
	}
	if (rc < 0)
		return -1;
	fputs("]}", out);
	return 0;
}

BL_API bl_status bl_store_export(bl_store *s, FILE *out, bl_store_fmt fmt, const char *dir, bl_diag *diag)
{
	if (fmt == BL_FMT_FDP)
		return dir ? write_fdp(s, dir, diag) : (bl_diag_set(diag, BL_EUSAGE, 0, "", "a data package is a directory: name one"), BL_EUSAGE);
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
	fprintf(out, "{\"tool\": {\"name\": \"budgetlint\", \"version\": \"%s\", \"ruleset\": \"%s\"},\n \"documents\": [",
		bl_version(), bl_ruleset());
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
