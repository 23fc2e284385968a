/* ident.c - who a document is: region, organisation, 部门 or 单位, year, kind; doubts marked for a person. */
#include <stdio.h>
#include <string.h>

#include "read/read.h"
#include "store/store.h"

#define MAXCP 96

typedef struct cps {
	uint32_t c[MAXCP];
	int n;
} cps;

static void decode(const char *s, cps *o)
{
	o->n = 0;
	size_t len = strlen(s);
	while (len && o->n < MAXCP) {
		int k;
		uint32_t c = bl_utf8_decode(s, len, &k);
		s += k, len -= (size_t)k;
		o->c[o->n++] = c;
	}
}

static void encode(const cps *o, int a, int b, char *out, size_t cap)
{
	size_t n = 0;
	for (int i = a; i < b; i++) {
		char u[4];
		int k = bl_utf8_encode(o->c[i], u);
		if (n + (size_t)k + 1 > cap)
			break;
		memcpy(out + n, u, (size_t)k);
		n += (size_t)k;
	}
	out[n] = 0;
}

static int starts(const cps *o, int at, const char *lit)
{
	cps l;
	decode(lit, &l);
	if (at + l.n > o->n)
		return 0;
	for (int i = 0; i < l.n; i++)
		if (o->c[at + i] != l.c[i])
			return 0;
	return l.n;
}

static int ends(const cps *o, const char *lit)
{
	cps l;
	decode(lit, &l);
	return l.n <= o->n && starts(o, o->n - l.n, lit) ? l.n : 0;
}

/* One level of the region: a name of at least two characters before one of
 * the suffixes, within max characters of at. Returns the length or 0. */
static int level_at(const cps *o, int at, const char *const *suffixes, int max)
{
	for (int i = at + 2; i < o->n - 1 && i <= at + max; i++)
		for (int k = 0; suffixes[k]; k++) {
			int m = starts(o, i, suffixes[k]);
			if (m)
				return i + m - at;
		}
	return 0;
}

static const char *const province_sfx[] = {"自治区", "省", "市", NULL};
static const char *const prefecture_sfx[] = {"市", "自治州", "州", "盟", "地区", NULL};
static const char *const district_sfx[] = {"区", "县", "旗", "市", NULL};
static const char *const municipalities[] = {"北京市", "上海市", "天津市", "重庆市", NULL};

/* Splits a name normalised without its party prefix (bl_unit_norm) into
 * region and the rest: 上海市普陀区委社会工作部 gives 上海市普陀区 and
 * 委社会工作部, whether the document printed 中共 before it or not. */
static void split_region(const cps *o, char *region, size_t rcap, char *key, size_t kcap)
{
	int at = 0, municipal = 0;
	for (int k = 0; municipalities[k]; k++)
		if (starts(o, at, municipalities[k])) {
			at += 3;
			municipal = 1;
			break;
		}
	if (!municipal) {
		int m = level_at(o, at, province_sfx, 6);
		if (m && o->c[at + m - 1] != 0x5E02 /* 市 */) { /* a province: then a prefecture may follow */
			at += m;
			at += level_at(o, at, prefecture_sfx, 9);
		} else if (m) {
			at += m; /* a city without its province */
		}
	}
	/* the district; "城市管理局" is not a 城市, the name needs two characters */
	int d = level_at(o, at, district_sfx, 4);
	if (d && !starts(o, at + d, "委员会") && !starts(o, at + d, "域")) /* 区委员会 is not a district */
		at += d;
	if (at == 0) {
		region[0] = 0;
		encode(o, 0, o->n, key, kcap);
		return;
	}
	encode(o, 0, at, region, rcap);
	cps rest = {{0}, 0};
	int from = at;
	/* 普陀区人民政府万里街道办事处 and 普陀区万里街道办事处 are one office */
	int rm = starts(o, from, "人民政府");
	if (rm && ends(o, "街道办事处") && o->n - from > rm + 5)
		from += rm;
	for (int i = from; i < o->n; i++)
		rest.c[rest.n++] = o->c[i];
	encode(&rest, 0, rest.n, key, kcap);
}

void bl_ident_split(const char *name, char *region, size_t rcap, char *key, size_t kcap)
{
	char norm[MAXCP * 4];
	cps o;
	bl_unit_norm(name, 1, norm, sizeof norm);
	decode(norm, &o);
	split_region(&o, region, rcap, key, kcap);
}

/* "2024年2月5日", "2024-02-05", "2024.2.5" as YYYY-MM-DD. */
static void parse_date(const char *s, char out[16])
{
	out[0] = 0;
	int y = 0, m = 0, d = 0, part = 0, seen = 0;
	for (const char *p = s; *p && part < 3; p++) {
		if (*p >= '0' && *p <= '9') {
			int *v = part == 0 ? &y : part == 1 ? &m : &d;
			*v = *v * 10 + (*p - '0');
			seen = 1;
			if (*v > 9999)
				return;
		} else if (seen) {
			part++;
			seen = 0;
		}
	}
	if (y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31)
		snprintf(out, 16, "%04d-%02d-%02d", y, m, d);
}

static void add_note(bl_ident *id, const char *msg)
{
	size_t n = strlen(id->note);
	snprintf(id->note + n, sizeof id->note - n, "%s%s", n ? "；" : "", msg);
	id->status = "review";
}

/* What a file name says: one year 19xx/20xx standing alone, and 预算/决算 or budget/final. */
static void name_hints(const char *path, int *year, const char **kind)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	*year = 0;
	*kind = NULL;
	int found = 0;
	for (const char *p = base; *p; p++) {
		int before = p == base || !(p[-1] >= '0' && p[-1] <= '9');
		if (before && (p[0] == '1' || p[0] == '2') && (p[1] == '9' || p[1] == '0') && p[2] >= '0' &&
		    p[2] <= '9' && p[3] >= '0' && p[3] <= '9' && !(p[4] >= '0' && p[4] <= '9')) {
			int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
			if (y >= 1990 && y <= 2100) {
				*year = found++ ? -1 : y;
				if (*year < 0)
					break;
			}
		}
	}
	if (*year < 0)
		*year = 0; /* two years in a name say nothing */
	int b = strstr(base, "预算") || strstr(base, "budget");
	int f = strstr(base, "决算") || strstr(base, "final");
	if (b != f)
		*kind = b ? "budget" : "final";
}

BL_API void bl_store_identify(const bl_doc *doc, const char *path, bl_ident *id)
{
	memset(id, 0, sizeof *id);
	const bl_profile *pr = bl_doc_profile(doc);
	id->status = "ok";
	id->year = pr->year;
	id->kind = bl_kind_name(pr->kind);
	id->level = pr->level == BL_LEVEL_DEPT ? "dept" : pr->level == BL_LEVEL_UNIT ? "unit" : "unknown";
	parse_date(pr->date, id->date);
	if (pr->is_template) {
		id->status = "template";
		snprintf(id->note, sizeof id->note, "公开模板，不归入任何单位");
		return;
	}
	char norm[MAXCP * 4];
	cps o;
	bl_unit_norm(pr->unit, 0, norm, sizeof norm);
	decode(norm, &o);
	/* 本级 and （部门）/（单位） qualify the document, not the organisation */
	static const char *const tails[] = {"（本级）", "本级", "（部门）", "（单位）", NULL};
	for (int k = 0; tails[k]; k++) {
		int m = ends(&o, tails[k]);
		if (m && o.n > m + 2) {
			o.n -= m;
			break;
		}
	}
	encode(&o, 0, o.n, id->name, sizeof id->name);
	bl_ident_split(id->name, id->region, sizeof id->region, id->key, sizeof id->key);
	if (!id->name[0])
		add_note(id, "未识别出单位名称");
	else if (!id->region[0])
		add_note(id, "单位名称中没有地区（省、市、区县）");
	if (!id->year)
		add_note(id, "未识别出年度");
	if (pr->kind == BL_KIND_UNKNOWN)
		add_note(id, "未识别出预算或决算");
	if (pr->level == BL_LEVEL_UNKNOWN)
		add_note(id, "未识别出部门或单位");
	int fy;
	const char *fk;
	name_hints(path ? path : "", &fy, &fk);
	char msg[96];
	if (fy && id->year && fy != id->year && fy != id->year + 1) {
		/* a 2024 final account is published in 2025, so that name is fine */
		snprintf(msg, sizeof msg, "文件名年度 %d 与正文年度 %d 不一致", fy, id->year);
		add_note(id, msg);
	}
	if (fk && pr->kind != BL_KIND_UNKNOWN && strcmp(fk, id->kind)) {
		snprintf(msg, sizeof msg, "文件名为%s，正文为%s", !strcmp(fk, "budget") ? "预算" : "决算",
			 pr->kind == BL_KIND_BUDGET ? "预算" : "决算");
		add_note(id, msg);
	}
}
