/* profile.c - what a document says about itself: unit, year, kind, 部门/单位, 文号, signer, date, contact. */
#include <string.h>

#include "read/read.h"

#define TITLE_PARAS 10 /* the title block lives in the first paragraphs */

static size_t para_end(const bl_doc *doc, size_t p)
{
	size_t i = (size_t)doc->para_start[p];
	while (i < doc->flow.n && doc->flow.cp[i] != '\n')
		i++;
	return i;
}

static const char *const org_suffixes[] = {
	"街道办事处", "委员会", "办公室", "政府", "中心", "局", "委", "办", "院", "部", "处",
	"所", "站", "馆", "队", "会", "校", "园", "厅", "室", "社", "署", "团", "台", "司", "庭", "宫",
};

static int ends_with_org(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < sizeof org_suffixes / sizeof org_suffixes[0]; i++) {
		size_t k = strlen(org_suffixes[i]);
		if (n >= k && memcmp(s + n - k, org_suffixes[i], k) == 0)
			return 1;
	}
	return 0;
}

/* Removes a trailing （本级） or (本级) style qualifier in place. */
static void strip_qualifier(char *s)
{
	size_t n = strlen(s);
	const char *tail[] = {"（本级）", "(本级)", "本级"};
	for (size_t i = 0; i < 3; i++) {
		size_t k = strlen(tail[i]);
		if (n > k && memcmp(s + n - k, tail[i], k) == 0) {
			s[n - k] = 0;
			return;
		}
	}
}

static const char *after_label(bl_doc *doc, size_t a, size_t b, const char *label, bl_pos *pos)
{
	size_t i = bl_flow_find(&doc->flow, a, b, label);
	if (i == (size_t)-1)
		return NULL;
	size_t s = i + bl_flow_match(&doc->flow, i, b, label);
	while (s < b && doc->flow.cp[s] == ' ')
		s++;
	size_t e = s;
	while (e < b && doc->flow.cp[e] != ' ' && doc->flow.cp[e] != 0xFF0C && doc->flow.cp[e] != 0x3002)
		e++;
	if (e == s)
		return NULL;
	if (pos)
		*pos = bl_doc_pos_of(doc, doc->flow.src[s]);
	return bl_flow_text(doc, s, e, 1, &doc->arena);
}

static void find_unit(bl_doc *doc, size_t np, int year_para, size_t year_idx)
{
	bl_profile *pr = &doc->profile;
	const bl_flow *f = &doc->flow;
	static const char *const labels[] = {"预算主管部门：", "预算单位：", "预算主管部门:",
					     "预算单位:", "编制部门：", "编制单位："};
	for (size_t p = 0; p < np; p++) {
		size_t a = (size_t)doc->para_start[p], b = para_end(doc, p);
		for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++) {
			const char *u = after_label(doc, a, b, labels[k], &pr->unit_pos);
			if (u && ends_with_org(u)) {
				pr->unit = u;
				return;
			}
		}
	}
	/* 第一部分 X概况 */
	for (size_t p = 0; p < doc->npara; p++) {
		size_t a = (size_t)doc->para_start[p], b = para_end(doc, p);
		if (!bl_flow_match(f, a, b, "第一部分"))
			continue;
		size_t g = bl_flow_find(f, a, b, "概况");
		if (g == (size_t)-1)
			continue;
		size_t s = a + 4;
		while (s < g && (f->cp[s] == ' ' || f->cp[s] == 0xFF1A))
			s++;
		char *u = bl_flow_text(doc, s, g, 1, &doc->arena);
		if (ends_with_org(u)) {
			pr->unit = u;
			pr->unit_pos = bl_doc_pos_of(doc, f->src[s]);
			return;
		}
	}
	if (year_para < 0)
		return;
	/* the title: text before the year, then the paragraphs above it */
	size_t a = (size_t)doc->para_start[year_para];
	size_t s = a;
	if (bl_flow_match(f, s, year_idx, "关于"))
		s += 2;
	char *u = bl_flow_text(doc, s, year_idx, 1, &doc->arena);
	strip_qualifier(u);
	if (ends_with_org(u)) {
		pr->unit = u;
		pr->unit_pos = bl_doc_pos_of(doc, f->src[s]);
		return;
	}
	char buf[512] = "";
	size_t used = strlen(u);
	if (used < sizeof buf)
		memcpy(buf, u, used + 1);
	for (int p = year_para - 1; p >= 0 && p >= year_para - 3; p--) {
		size_t pa = (size_t)doc->para_start[p], pb = para_end(doc, (size_t)p);
		char *t = bl_flow_text(doc, pa, pb, 1, &doc->arena);
		if (strstr(t, "〔") || strstr(t, "签发人"))
			continue; /* the 文号 line sits between name and title */
		size_t tl = strlen(t);
		if (tl + used + 1 >= sizeof buf)
			break;
		memmove(buf + tl, buf, used + 1);
		memcpy(buf, t, tl);
		used += tl;
		strip_qualifier(buf);
		if (ends_with_org(buf)) {
			pr->unit = bl_arena_strndup(&doc->arena, buf, strlen(buf));
			pr->unit_pos = bl_doc_pos_of(doc, f->src[pa]);
			return;
		}
	}
}

static void find_header_fields(bl_doc *doc, size_t np)
{
	bl_profile *pr = &doc->profile;
	const bl_flow *f = &doc->flow;
	for (size_t p = 0; p < np && !*pr->docno; p++) {
		size_t a = (size_t)doc->para_start[p], b = para_end(doc, p);
		size_t k = bl_flow_find(f, a, b, "〔");
		if (k == (size_t)-1)
			continue;
		size_t s = k;
		while (s > a && f->cp[s - 1] > 0x2E80 && f->cp[s - 1] != 0x300A && f->cp[s - 1] != 0xFF08)
			s--;
		size_t e = k;
		while (e < b && f->cp[e] != 0x53F7) /* 号 */
			e++;
		size_t a0 = a;
		while (a0 < s && f->cp[a0] == ' ')
			a0++;
		/* the document's own 文号 opens its line; one inside a sentence is a citation */
		size_t z = e + 1;
		while (z < b && f->cp[z] == ' ')
			z++;
		if (e < b && s < k && e - k < 16 && s == a0 && (z == b || bl_flow_match(f, z, b, "签发")))
			pr->docno = bl_flow_text(doc, s, e + 1, 1, &doc->arena);
		const char *sg = after_label(doc, a, b, "签发人：", NULL);
		if (sg)
			pr->signer = sg;
	}
	for (size_t p = doc->npara; p-- > 0;) {
		size_t a = (size_t)doc->para_start[p], b = para_end(doc, p);
		if (!*pr->contact && (bl_flow_find(f, a, b, "联系人") != (size_t)-1 ||
				      bl_flow_find(f, a, b, "联系电话") != (size_t)-1 ||
				      bl_flow_find(f, a, b, "联系方式") != (size_t)-1) &&
		    b - a < 120) {
			/* collapse runs of spaces */
			char *t = bl_flow_text(doc, a, b, 0, &doc->arena), *w = t;
			for (char *r = t; *r; r++)
				if (!(*r == ' ' && w > t && w[-1] == ' '))
					*w++ = *r;
			*w = 0;
			pr->contact = t;
		}
		size_t nian;
		if (!*pr->date && b - a <= 12 && bl_flow_year_at(f, a, b, &nian) &&
		    f->cp[b - 1] == 0x65E5) /* 日 */
			pr->date = bl_flow_text(doc, a, b, 1, &doc->arena);
		size_t u = bl_flow_find(f, a, b, "更新时间：");
		if (!*pr->date && u != (size_t)-1)
			pr->date = bl_flow_text(doc, u + 5, b, 1, &doc->arena);
	}
}

/* The official template itself: its unit name is a placeholder (上海市XX局)
 * and placeholders recur. A disclosure with leftovers, however many, is
 * still checked: each leftover is a finding there. */
static void find_template(bl_doc *doc)
{
	bl_profile *pr = &doc->profile;
	const bl_flow *f = &doc->flow;
	static const char *const ph[] = {"XX", "××", "ＸＸ"};
	int n = 0;
	for (size_t i = 0; i < f->n; i++)
		for (size_t k = 0; k < sizeof ph / sizeof ph[0]; k++) {
			size_t m = bl_flow_match(f, i, f->n, ph[k]);
			if (m) {
				n++;
				while (i + 1 < f->n && (f->cp[i + 1] == 'X' || f->cp[i + 1] == 0xD7 || f->cp[i + 1] == 0xFF38))
					i++;
				break;
			}
		}
	pr->placeholders = n;
	int unit_ph = strstr(pr->unit, "XX") || strstr(pr->unit, "××") || strstr(pr->unit, "ＸＸ");
	pr->is_template = unit_ph && n >= 3;
}

void bl_profile_build(bl_doc *doc)
{
	bl_profile *pr = &doc->profile;
	const bl_flow *f = &doc->flow;
	pr->unit = pr->docno = pr->signer = pr->date = pr->contact = "";
	size_t np = doc->npara < TITLE_PARAS ? doc->npara : TITLE_PARAS;

	/* year and kind: the first title paragraph naming 预算 or 决算 */
	int year_para = -1;
	size_t year_idx = 0;
	for (size_t p = 0; p < np && !pr->kind; p++) {
		size_t a = (size_t)doc->para_start[p], b = para_end(doc, p);
		size_t ib = bl_flow_find(f, a, b, "预算"), ifl = bl_flow_find(f, a, b, "决算");
		if (ib == (size_t)-1 && ifl == (size_t)-1)
			continue;
		size_t k = ifl < ib ? ifl : ib;
		pr->kind = ifl < ib ? BL_KIND_FINAL : BL_KIND_BUDGET;
		pr->kind_pos = bl_doc_pos_of(doc, f->src[k]);
		/* the year may sit on this line or on the title lines above it */
		for (size_t q = p + 1; q-- > 0 && !pr->year;) {
			size_t qa = (size_t)doc->para_start[q], qb = para_end(doc, q);
			for (size_t i = qa; i < qb; i++) {
				size_t nian;
				int y = bl_flow_year_at(f, i, qb, &nian);
				if (y) {
					pr->year = y;
					pr->year_pos = bl_doc_pos_of(doc, f->src[i]);
					year_para = (int)q;
					year_idx = i;
					break;
				}
			}
		}
	}
	if (!pr->year) {
		/* the most frequent year in the document */
		int count[111] = {0}, best = 0;
		for (size_t i = 0; i < f->n; i++) {
			size_t nian;
			int y = bl_flow_year_at(f, i, f->n, &nian);
			if (y >= 1990 && ++count[y - 1990] > count[best])
				best = y - 1990;
		}
		if (count[best])
			pr->year = best + 1990;
	}
	/* 部门 or 单位: the title first, then the first mention anywhere */
	for (size_t p = 0; p < doc->npara && !pr->level; p++) {
		size_t a = (size_t)doc->para_start[p], b = para_end(doc, p);
		static const char *const unit_w[] = {"单位预算", "单位决算", "预算单位："};
		static const char *const dept_w[] = {"部门预算", "部门决算", "预算主管部门"};
		for (size_t k = 0; k < 3; k++) {
			if (bl_flow_find(f, a, b, unit_w[k]) != (size_t)-1)
				pr->level = BL_LEVEL_UNIT;
			else if (bl_flow_find(f, a, b, dept_w[k]) != (size_t)-1)
				pr->level = BL_LEVEL_DEPT;
			if (pr->level)
				break;
		}
	}
	find_unit(doc, np, year_para, year_idx);
	find_header_fields(doc, np);
	find_template(doc);
}

BL_API const bl_profile *bl_doc_profile(const bl_doc *doc)
{
	return &doc->profile;
}

BL_API const char *bl_kind_name(bl_kind k)
{
	return k == BL_KIND_BUDGET ? "budget" : k == BL_KIND_FINAL ? "final" : "unknown";
}

BL_API const char *bl_level_name(bl_level l)
{
	return l == BL_LEVEL_DEPT ? "dept" : l == BL_LEVEL_UNIT ? "unit" : "unknown";
}
