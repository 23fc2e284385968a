/* profile.c - what a document says about itself: unit, year, kind, 部门/单位, 文号, signer, date, contact. */
#include <string.h>

#include "read/read.h"

#define TITLE_PARAS 10 /* the title block lives in the first paragraphs */
#define HEADER_PAGES 3 /* a tables file names its unit on its cover or first tables' header lines */
#define NAME_MAX_CP 40 /* longer than any unit's name: a sentence, not a name */
#define N(a) (sizeof a / sizeof a[0])

/* ---- the words, from profile.def ---- */

static const struct {
	const char *word;
	bl_kind kind;
} kinds[] = {
#define BL_KIND(word, kind) {word, BL_KIND_##kind},
#include "read/profile.def"
};
static const struct {
	const char *word;
	bl_level level;
} levels[] = {
#define BL_LEVEL(word, level) {word, BL_LEVEL_##level},
#include "read/profile.def"
};
static const char *const unit_labels[] = {
#define BL_UNIT_LABEL(word) word,
#include "read/profile.def"
};
static const char *const header_labels[] = {
#define BL_HEADER_LABEL(word) word,
#include "read/profile.def"
};
static const char *const org_suffixes[] = {
#define BL_ORG_SUFFIX(word) word,
#include "read/profile.def"
};
static const char *const qualifiers[] = {
#define BL_QUALIFIER(word) word,
#include "read/profile.def"
};
static const char *const signer_labels[] = {
#define BL_SIGNER_LABEL(word) word,
#include "read/profile.def"
};
static const char *const contacts[] = {
#define BL_CONTACT(word) word,
#include "read/profile.def"
};
static const char *const date_labels[] = {
#define BL_DATE_LABEL(word) word,
#include "read/profile.def"
};
static const char *const placeholders[] = {
#define BL_PLACEHOLDER(word) word,
#include "read/profile.def"
};

static size_t para_end(const bl_doc *doc, size_t p)
{
	size_t i = (size_t)doc->para_start[p];
	while (i < doc->flow.n && doc->flow.cp[i] != '\n')
		i++;
	return i;
}

static int ends_with_org(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < N(org_suffixes); i++) {
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
	for (size_t i = 0; i < N(qualifiers); i++) {
		size_t k = strlen(qualifiers[i]);
		if (n > k && memcmp(s + n - k, qualifiers[i], k) == 0) {
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
	while (e < b && doc->flow.cp[e] != ' ' && doc->flow.cp[e] != BL_CP_FW_COMMA &&
	       doc->flow.cp[e] != BL_CP_IDEO_STOP)
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
	for (size_t p = 0; p < np; p++) {
		size_t a = (size_t)doc->para_start[p], b = para_end(doc, p);
		for (size_t k = 0; k < N(unit_labels); k++) {
			const char *u = after_label(doc, a, b, unit_labels[k], &pr->unit_pos);
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
		while (s < g && (f->cp[s] == ' ' || f->cp[s] == BL_CP_FW_COLON))
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

static int is_space_cp(uint32_t c)
{
	return c == ' ' || c == '\t' || c == BL_CP_IDEO_SPACE;
}

/* The code points of a line, at most cap. */
static size_t line_cps(const bl_doc *doc, size_t l, uint32_t *cp, size_t cap)
{
	const char *p = doc->bytes + doc->lines[l].off;
	size_t len = doc->lines[l].len, n = 0;
	while (len && n < cap) {
		int k;
		cp[n++] = bl_utf8_decode(p, len, &k);
		p += k, len -= (size_t)k;
	}
	return n;
}

/* Where label, its characters perhaps spaced out, and a colon end at cp[i];
 * 0 when they do not start there. */
static size_t label_at(const uint32_t *cp, size_t n, size_t i, const char *label)
{
	size_t len = strlen(label);
	while (len) {
		int k;
		uint32_t want = bl_utf8_decode(label, len, &k);
		label += k, len -= (size_t)k;
		if (i >= n || cp[i] != want)
			return 0;
		i++;
		while (len && i < n && is_space_cp(cp[i]))
			i++;
	}
	while (i < n && is_space_cp(cp[i]))
		i++;
	return i < n && (cp[i] == ':' || cp[i] == BL_CP_FW_COLON) ? i + 1 : 0;
}

/* A name after a header label on the lines of the first pages (部门：X
 * beside 单位：万元 on a table's header line, 部 门:X on a cover): what a
 * file of tables alone says of its unit. */
static void find_unit_in_headers(bl_doc *doc)
{
	bl_profile *pr = &doc->profile;
	uint32_t cp[512];
	for (size_t l = 0; l < doc->nlines && doc->lines[l].page <= HEADER_PAGES; l++) {
		size_t n = line_cps(doc, l, cp, sizeof cp / sizeof cp[0]);
		for (size_t i = 0; i < n; i++) {
			if (i && !is_space_cp(cp[i - 1]))
				continue; /* a label opens the line or follows a gap */
			for (size_t k = 0; k < N(header_labels); k++) {
				size_t s = label_at(cp, n, i, header_labels[k]);
				if (!s)
					continue;
				while (s < n && is_space_cp(cp[s]))
					s++;
				size_t e = s;
				while (e < n && !is_space_cp(cp[e]) && e - s <= NAME_MAX_CP)
					e++;
				char name[4 * NAME_MAX_CP + 8];
				size_t w = 0;
				for (size_t j = s; j < e && e - s <= NAME_MAX_CP; j++)
					w += (size_t)bl_utf8_encode(cp[j], name + w);
				name[w] = 0;
				strip_qualifier(name);
				if (w && e - s <= NAME_MAX_CP && ends_with_org(name)) {
					pr->unit = bl_arena_strndup(&doc->arena, name, strlen(name));
					pr->unit_pos = (bl_pos){doc->lines[l].page, (int)l + 1, (int)s + 1};
					return;
				}
			}
		}
	}
}

/* The name before the year in s (江苏省某某厅2018年度部门预算公开表), if it
 * ends as a name does; its copy in the arena, or NULL. */
static const char *name_before_year(bl_doc *doc, const char *s)
{
	size_t n = 0;
	while (s[n] && !(s[n] >= '0' && s[n] <= '9') && s[n] != '.')
		n++;
	char name[256];
	size_t w = 0;
	for (size_t i = 0; i < n && w + 1 < sizeof name; i++)
		if (s[i] != ' ')
			name[w++] = s[i];
	name[w] = 0;
	if (!w || !s[n] || s[n] == '.')
		return NULL; /* no year after it */
	strip_qualifier(name);
	if (!ends_with_org(name) || bl_utf8_count(name, strlen(name)) > NAME_MAX_CP ||
	    (unsigned char)name[0] < 0x80)
		return NULL; /* an ASCII name is a file's own label, not the unit's */
	return bl_arena_strndup(&doc->arena, name, strlen(name));
}

/* The file's own title (a PDF's Info Title), when no page names the unit. */
static void find_unit_in_metadata(bl_doc *doc)
{
	const char *u = doc->geom && doc->geom->title[0] ? name_before_year(doc, doc->geom->title) : NULL;
	if (u)
		doc->profile.unit = u;
}

/* The file name, when nothing in the text names the unit: the part before
 * the year (江苏省某某厅2018年度部门预算公开表.pdf), if it ends as a name
 * does. Marked as a doubt: a file name is anyone's guess. */
static void find_unit_in_file_name(bl_doc *doc)
{
	const char *base = strrchr(doc->path, '/');
	const char *u = name_before_year(doc, base ? base + 1 : doc->path);
	if (!u)
		return;
	doc->profile.unit = u;
	doc->profile.unit_doubt = 1;
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
		while (s > a && f->cp[s - 1] > BL_CP_CJK_RADICALS && f->cp[s - 1] != BL_CP_LDANGLE &&
		       f->cp[s - 1] != BL_CP_FW_LPAREN)
			s--;
		size_t e = k;
		while (e < b && f->cp[e] != BL_CP_HAO) /* 号 */
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
		for (size_t l = 0; l < N(signer_labels); l++) {
			const char *sg = after_label(doc, a, b, signer_labels[l], NULL);
			if (sg) {
				pr->signer = sg;
				break;
			}
		}
	}
	for (size_t p = doc->npara; p-- > 0;) {
		size_t a = (size_t)doc->para_start[p], b = para_end(doc, p);
		if (!*pr->contact && bl_flow_has_any(f, a, b, contacts, N(contacts)) && b - a < 120) {
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
		    f->cp[b - 1] == BL_CP_RI) /* 日 */
			pr->date = bl_flow_text(doc, a, b, 1, &doc->arena);
		for (size_t k = 0; k < N(date_labels) && !*pr->date; k++) {
			const char *l = date_labels[k];
			size_t u = bl_flow_find(f, a, b, l);
			if (u != (size_t)-1)
				pr->date =
					bl_flow_text(doc, u + bl_utf8_count(l, strlen(l)), b, 1, &doc->arena);
		}
	}
}

/* The official template itself: its unit name is a placeholder (上海市XX局)
 * and placeholders recur. A disclosure with leftovers, however many, is
 * still checked: each leftover is a finding there. */
static void find_template(bl_doc *doc)
{
	bl_profile *pr = &doc->profile;
	const bl_flow *f = &doc->flow;
	/* the letters of the placeholders (X × Ｘ): a run of them counts once */
	char letters[4 * N(placeholders) + 1], *lp = letters;
	for (size_t k = 0; k < N(placeholders); k++) {
		int len;
		bl_utf8_decode(placeholders[k], strlen(placeholders[k]), &len);
		memcpy(lp, placeholders[k], (size_t)len);
		lp += len;
	}
	*lp = 0;
	int n = 0;
	for (size_t i = 0; i < f->n; i++)
		for (size_t k = 0; k < N(placeholders); k++) {
			size_t m = bl_flow_match(f, i, f->n, placeholders[k]);
			if (m) {
				n++;
				while (i + 1 < f->n && bl_cp_in(f->cp[i + 1], letters))
					i++;
				break;
			}
		}
	pr->placeholders = n;
	int unit_ph = 0;
	for (size_t k = 0; k < N(placeholders); k++)
		unit_ph |= strstr(pr->unit, placeholders[k]) != NULL;
	pr->is_template = unit_ph && n >= 3;
}

static const char *const fund_words[] = {
#define BL_KIND_NOT_AFTER(word) word,
#include "read/profile.def"
};

/* The first place in [a, b) where a kind word names the kind, not a fund
 * (一般公共预算…决算表: its 预算 is the fund's); (size_t)-1 for none. */
static size_t kind_word(const bl_flow *f, size_t a, size_t b, const char *word)
{
	for (size_t at = bl_flow_find(f, a, b, word); at != (size_t)-1;
	     at = bl_flow_find(f, at + 1, b, word)) {
		int fund = 0;
		for (size_t k = 0; k < N(fund_words) && !fund; k++) {
			size_t n = bl_utf8_count(fund_words[k], strlen(fund_words[k]));
			fund = at >= a + n && bl_flow_match(f, at - n, at, fund_words[k]);
		}
		if (!fund)
			return at;
	}
	return (size_t)-1;
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
		/* the kind whose word comes first in the paragraph */
		size_t k = (size_t)-1;
		for (size_t w = 0; w < N(kinds); w++) {
			size_t at = kind_word(f, a, b, kinds[w].word);
			if (at < k) {
				k = at;
				pr->kind = kinds[w].kind;
			}
		}
		if (k == (size_t)-1)
			continue;
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
		for (size_t k = 0; k < N(levels) && !pr->level; k++)
			if (bl_flow_find(f, a, b, levels[k].word) != (size_t)-1)
				pr->level = levels[k].level;
	}
	find_unit(doc, np, year_para, year_idx);
	if (!*pr->unit)
		find_unit_in_headers(doc);
	if (!*pr->unit)
		find_unit_in_metadata(doc);
	if (!*pr->unit)
		find_unit_in_file_name(doc);
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

/* The party prefix of an organisation's name: 中共江苏省委办公厅 and
 * 江苏省委办公厅 are one office, the prefix printed on one file and not
 * the other. */
static const char *const party_prefixes[] = {"中国共产党", "中共"};

void bl_unit_norm(const char *name, int drop_party, char *out, size_t cap)
{
	size_t len = strlen(name), n = 0;
	if (!cap)
		return;
	while (len) {
		int k;
		uint32_t c = bl_utf8_decode(name, len, &k);
		name += k, len -= (size_t)k;
		if (is_space_cp(c))
			continue; /* "重 庆市" is 重庆市 */
		c = c == '(' ? BL_CP_FW_LPAREN : c == ')' ? BL_CP_FW_RPAREN : c;
		char u[4];
		int m = bl_utf8_encode(c, u);
		if (n + (size_t)m + 1 > cap)
			break;
		memcpy(out + n, u, (size_t)m);
		n += (size_t)m;
	}
	out[n] = 0;
	for (size_t i = 0; drop_party && i < sizeof party_prefixes / sizeof *party_prefixes; i++) {
		size_t p = strlen(party_prefixes[i]);
		if (!strncmp(out, party_prefixes[i], p)) {
			memmove(out, out + p, n - p + 1);
			break;
		}
	}
}
