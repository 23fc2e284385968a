/* flow.c - the narrative flow: table rows and contents pages set aside, soft wraps joined. */
#include <string.h>

#include "ingest/ingest.h"
#include "read/read.h"

static void flow_push(bl_flow *f, uint32_t c, uint32_t src)
{
	if (f->n + 1 > f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 4096;
		f->cp = bl_xrealloc(f->cp, cap * sizeof *f->cp);
		f->src = bl_xrealloc(f->src, cap * sizeof *f->src);
		f->cap = cap;
	}
	f->cp[f->n] = c;
	f->src[f->n] = src;
	f->n++;
}

/* Decoded, folded code points of one line (form feeds dropped). Only the
 * code points are kept, 4 bytes each: a line may be the whole document, and
 * the byte offsets are decoded again when the line goes into the flow. */
typedef struct lcp {
	uint32_t c;
} lcp;

static size_t line_cps(const bl_doc *doc, const bl_line *l, lcp *out, size_t max)
{
	size_t n = 0, i = l->off, end = l->off + l->len;
	while (i < end && n < max) {
		int len;
		uint32_t c = bl_utf8_decode(doc->bytes + i, end - i, &len);
		/* a form feed inside a line ends the text before it */
		out[n].c = c == '\f' ? '\n' : bl_cp_fold(c);
		n++;
		i += (size_t)len;
	}
	return n;
}

int bl_cp_in(uint32_t c, const char *chars)
{
	for (size_t i = 0, n = strlen(chars); i < n;) {
		int len;
		if (bl_utf8_decode(chars + i, n - i, &len) == c)
			return 1;
		i += (size_t)len;
	}
	return 0;
}

static int is_cn_numeral(uint32_t c)
{
	return bl_cp_in(c, "一二三四五六七八九十百零〇");
}

/* A table row: figures in columns separated by runs of two or more spaces,
 * and no full stop. */
static int is_table_line(const lcp *v, size_t n)
{
	int gaps = 0, nums = 0, innum = 0;
	size_t run = 0;
	for (size_t i = 0; i < n; i++)
		if (v[i].c == BL_CP_IDEO_STOP) /* a sentence is prose, however spaced */
			return 0;
	for (size_t i = 0; i < n; i++) {
		if (v[i].c == ' ') {
			run++;
			innum = 0;
			continue;
		}
		if (run >= 2 && i > run)
			gaps++;
		run = 0;
		if (bl_cp_is_digit(v[i].c) || v[i].c == '-') {
			if (!innum)
				nums++;
			innum = 1;
		} else if (v[i].c != '.' && v[i].c != ',') {
			innum = 0;
		}
	}
	return gaps >= 2 && nums >= 2;
}

static size_t skip_spaces(const lcp *v, size_t n, size_t i)
{
	while (i < n && v[i].c == ' ')
		i++;
	return i;
}

static int is_toc_title(const lcp *v, size_t n)
{
	uint32_t t[8];
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (v[i].c != ' ' && v[i].c != '\n' && v[i].c != BL_CP_IDEO_SPACE) { /* '\n': a form feed */
			if (k == 8)
				return 0;
			t[k++] = v[i].c;
		}
	return k == 2 && t[0] == BL_CP_MU && t[1] == BL_CP_LU; /* 目录 */
}

/* Does the line start (after spaces) with a heading marker? */
static int starts_with_marker(const lcp *v, size_t n)
{
	size_t i = skip_spaces(v, n, 0);
	if (i >= n)
		return 0;
	if (v[i].c == BL_CP_DI) /* 第 */
		return 1;
	if (v[i].c == BL_CP_FW_LPAREN || v[i].c == '(') { /* （ */
		size_t j = i + 1;
		while (j < n && (bl_cp_is_digit(v[j].c) || is_cn_numeral(v[j].c)))
			j++;
		return j > i + 1 && j < n && (v[j].c == BL_CP_FW_RPAREN || v[j].c == ')');
	}
	size_t j = i;
	if (bl_cp_is_digit(v[j].c)) {
		while (j < n && bl_cp_is_digit(v[j].c))
			j++;
		return j < n && (v[j].c == BL_CP_IDEO_COMMA ||
				 (v[j].c == '.' && (j + 1 >= n || !bl_cp_is_digit(v[j + 1].c))));
	}
	while (j < n && is_cn_numeral(v[j].c))
		j++;
	return j > i && j < n && v[j].c == BL_CP_IDEO_COMMA; /* 、 */
}

static int ends_sentence(uint32_t c)
{
	switch (c) {
	case BL_CP_IDEO_STOP: /* 。 */
	case BL_CP_FW_EXCLAM:
	case BL_CP_FW_QUESTION:
	case BL_CP_FW_SEMICOLON: /* ； */
	case BL_CP_FW_COLON:     /* ： */
	case '!':
	case '?':
	case ';':
	case ':': return 1;
	default: return 0;
	}
}

static int line_width(const lcp *v, size_t n)
{
	int w = 0;
	while (n > 0 && v[n - 1].c == ' ')
		n--;
	for (size_t i = 0; i < n; i++)
		w += bl_cp_width(v[i].c);
	return w;
}

/* Does the line read as prose: a clause mark in it? A table row copied as
 * text with single spaces (figures and names, no mark) is not prose, and
 * must not count against the wrapped width. */
static int is_prose(const lcp *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (bl_cp_in(v[i].c, "，。；、："))
			return 1;
	return 0;
}

/* The width of a full line of wrapped prose, or a huge number when the text
 * was not wrapped (one paragraph per line, as from a word processor): most
 * long prose lines share one width (the last line of each paragraph is
 * shorter). w[i] is a prose line's width, 0 for any other line. */
static int wrap_width(const int *w, size_t n)
{
	int best = 0, bestc = 0, total = 0;
	for (size_t i = 0; i < n; i++)
		if (w[i] >= 30)
			total++;
	for (int c = 30; c <= 240; c++) {
		int cnt = 0;
		for (size_t i = 0; i < n; i++)
			if (w[i] > c - 6 && w[i] <= c)
				cnt++;
		if (cnt >= bestc) {
			bestc = cnt;
			best = c;
		}
	}
	if (bestc < 5 || bestc * 5 < total)
		return 1 << 30;
	return best;
}

/* Marks the blank, table and contents lines, and stores the display width
 * of every other line in width[], and in prose[] when it reads as prose
 * (0 else). v holds maxcp code points. */
/* Lines a contents page holds at most after its title. */
#define TOC_LINES 60
/* The first entry of a contents page, without spaces, to know where the
 * body begins: it opens with that same heading. */
#define TOC_FIRST 32
typedef struct toc_first {
	uint32_t c[TOC_FIRST];
	size_t n;
} toc_first;

/* The line's code points without spaces (a form feed is one) in *t, at most TOC_FIRST. */
static void squeeze(const lcp *v, size_t n, toc_first *t)
{
	t->n = 0;
	for (size_t i = 0; i < n && t->n < TOC_FIRST; i++)
		if (v[i].c != ' ' && v[i].c != BL_CP_IDEO_SPACE && v[i].c != '\n')
			t->c[t->n++] = v[i].c;
}

static int has_stop(const lcp *v, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (v[k].c == BL_CP_IDEO_STOP)
			return 1;
	return 0;
}

/* The contents page whose title (目录) is line t: the line past its last
 * entry. It ends at prose, or where its first entry comes again (the body
 * opens with that heading), or, when the first entry does not come again
 * within its reach, at the page break (a page of contents, then the body). */
static size_t toc_end(const bl_doc *doc, lcp *v, size_t maxcp, size_t t)
{
	toc_first first = {{0}, 0}, cur;
	size_t lim = t + 1 + TOC_LINES < doc->nlines ? t + 1 + TOC_LINES : doc->nlines;
	size_t prose = lim, again = lim, page_break = lim;
	for (size_t i = t + 1; i < lim && prose == lim && again == lim; i++) {
		size_t n = line_cps(doc, &doc->lines[i], v, maxcp);
		squeeze(v, n, &cur);
		if (has_stop(v, n))
			prose = i;
		else if (first.n && cur.n == first.n && !memcmp(cur.c, first.c, cur.n * sizeof cur.c[0]))
			again = i;
		else if (!first.n && cur.n)
			first = cur;
		if (page_break == lim && doc->npages > 1 && doc->lines[i].page != doc->lines[t].page)
			page_break = i;
	}
	if (again < lim)
		return again;
	return prose < page_break ? prose : page_break;
}

static void classify_lines(bl_doc *doc, lcp *v, size_t maxcp, int *width, int *prose)
{
	size_t toc_until = 0, tl = 0;
	for (size_t i = 0; i < doc->nlines; i++) {
		bl_line *l = &doc->lines[i];
		size_t n = line_cps(doc, l, v, maxcp);
		if (i >= toc_until && is_toc_title(v, n)) {
			toc_until = toc_end(doc, v, maxcp, i);
			n = line_cps(doc, l, v, maxcp); /* toc_end read other lines into v */
		}
		/* a structured input says which lines are table rows */
		while (doc->sdoc && tl < doc->sdoc->ntlines && doc->sdoc->tlines[tl] < i)
			tl++;
		int known = doc->sdoc && tl < doc->sdoc->ntlines && doc->sdoc->tlines[tl] == i;
		if (skip_spaces(v, n, 0) == n)
			l->flags |= BL_LINE_BLANK;
		else if (known || is_table_line(v, n))
			l->flags |= BL_LINE_TABLE;
		if (i < toc_until) {
			l->flags |= BL_LINE_TOC;
			continue;
		}
		if (!(l->flags & (BL_LINE_BLANK | BL_LINE_TABLE))) {
			width[i] = line_width(v, n);
			prose[i] = is_prose(v, n) ? width[i] : 0;
		}
	}
}

/* Does prose line i (v[0..n), e past its last non-space) go on in the next
 * line, because it was wrapped mid-sentence? Stores that line's index in
 * *nxi: double-spaced extractions put one blank line between. v is
 * overwritten with the next line. */
static int joins_next(const bl_doc *doc, lcp *v, size_t maxcp, size_t n, size_t e, size_t i, const int *width,
		      int full, size_t *nxi)
{
	*nxi = i + 1;
	if (*nxi < doc->nlines && (doc->lines[*nxi].flags & BL_LINE_BLANK) && *nxi + 1 < doc->nlines)
		(*nxi)++;
	/* a short line ending in a colon (主要原因：) goes on in the next
	 * line when that one is neither indented nor a numbered item */
	int colon = doc->wrapped && e > 0 && (v[e - 1].c == BL_CP_FW_COLON || v[e - 1].c == ':') &&
		    !starts_with_marker(v, n); /* 二、收入情况： is a heading */
	uint32_t last = e > 0 ? v[e - 1].c : 0;
	/* a figure that did not fit went to the next line whole: count its
	 * width (and a unit after it) as if it had stayed on this one; the
	 * next line takes the buffer from here on */
	int carried = 0;
	size_t nn = 0;
	if (*nxi < doc->nlines && !(doc->lines[*nxi].flags & (BL_LINE_BLANK | BL_LINE_TABLE | BL_LINE_TOC))) {
		nn = line_cps(doc, &doc->lines[*nxi], v, maxcp);
		size_t t = 0;
		while (t < nn && (bl_cp_is_digit(v[t].c) || v[t].c == '.' || v[t].c == ','))
			t++;
		if (t > 0)
			carried = (int)t + 4;
	}
	if (*nxi < doc->nlines && e > 0 &&
	    ((width[i] + carried > full - 8 && !ends_sentence(last)) || colon)) {
		const bl_line *nx = &doc->lines[*nxi];
		if (!(nx->flags & (BL_LINE_BLANK | BL_LINE_TABLE | BL_LINE_TOC)))
			return !starts_with_marker(v, nn) && !(colon && nn > 0 && v[0].c == ' ');
	}
	return 0;
}

void bl_flow_build(bl_doc *doc)
{
	size_t maxcp = 0;
	for (size_t i = 0; i < doc->nlines; i++)
		if (doc->lines[i].len > maxcp)
			maxcp = doc->lines[i].len;
	lcp *v = bl_xmalloc((maxcp + 1) * sizeof *v); /* this line, or a look at the next */
	int *width = bl_xcalloc(doc->nlines + 1, sizeof *width);
	int *prose = bl_xcalloc(doc->nlines + 1, sizeof *prose);
	classify_lines(doc, v, maxcp, width, prose);
	int full = wrap_width(prose, doc->nlines);
	free(prose);
	doc->wrapped = full < (1 << 30);

	bl_flow *f = &doc->flow;
	for (size_t i = 0; i < doc->nlines; i++) {
		bl_line *l = &doc->lines[i];
		if (l->flags & (BL_LINE_BLANK | BL_LINE_TABLE | BL_LINE_TOC)) {
			if (f->n && f->cp[f->n - 1] != '\n')
				flow_push(f, '\n', (uint32_t)l->off);
			continue;
		}
		size_t n = line_cps(doc, l, v, maxcp);
		size_t k = skip_spaces(v, n, 0);
		size_t e = n;
		while (e > k && v[e - 1].c == ' ')
			e--;
		/* each code point's byte offset, by line_cps's own steps */
		for (size_t j = 0, off = l->off; j < e; j++) {
			int len;
			bl_utf8_decode(doc->bytes + off, l->off + l->len - off, &len);
			/* one line break between paragraphs, and none opens with a space
			 * (a page's first line: a form feed, then the indent) */
			int after_break = f->n && f->cp[f->n - 1] == '\n';
			if (j >= k && !((v[j].c == '\n' || v[j].c == ' ') && after_break))
				flow_push(f, v[j].c, (uint32_t)off);
			off += (size_t)len;
		}
		size_t nxi;
		if (joins_next(doc, v, maxcp, n, e, i, width, full, &nxi))
			i = nxi - 1;
		else
			flow_push(f, '\n', (uint32_t)(l->off + l->len));
	}
	flow_push(f, '\n', (uint32_t)doc->nbytes);
	free(v);
	free(width);
}

/* The first byte of c's UTF-8 encoding. */
static unsigned char utf8_lead(uint32_t c)
{
	if (c < 0x80)
		return (unsigned char)c;
	if (c < 0x800)
		return (unsigned char)(0xC0 | (c >> 6));
	if (c < BL_CP_SUPPLEMENTARY)
		return (unsigned char)(0xE0 | (c >> 12));
	return (unsigned char)(0xF0 | (c >> 18));
}

size_t bl_flow_index(const bl_flow *f, size_t off)
{
	size_t lo = 0, hi = f->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (f->src[mid] < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t bl_flow_match_n(const bl_flow *f, size_t i, size_t end, const char *p, size_t len)
{
	size_t start = i;
	while (len > 0) {
		int l;
		uint32_t c = bl_utf8_decode(p, len, &l);
		for (size_t q = 0; i < end && bl_cp_is_quote(f->cp[i]) && !bl_cp_is_quote(c); q++, i++)
			if (q == BL_QUOTE_RUN)
				return 0;
		if (i >= end || f->cp[i] != c)
			return 0;
		i++;
		p += l;
		len -= (size_t)l;
	}
	return i - start;
}

size_t bl_flow_match(const bl_flow *f, size_t i, size_t end, const char *p)
{
	if (i >= end || !*p)
		return 0;
	if (!bl_cp_is_quote(f->cp[i]) && utf8_lead(f->cp[i]) != (unsigned char)*p)
		return 0; /* the cheap test first: most calls fail here */
	return bl_flow_match_n(f, i, end, p, strlen(p));
}

size_t bl_flow_find(const bl_flow *f, size_t a, size_t b, const char *p)
{
	for (size_t i = a; i < b; i++)
		if (bl_flow_match(f, i, b, p))
			return i;
	return (size_t)-1;
}

int bl_flow_has_any(const bl_flow *f, size_t a, size_t b, const char *const *words, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (bl_flow_find(f, a, b, words[k]) != (size_t)-1)
			return 1;
	return 0;
}

size_t bl_flow_rfind(const bl_flow *f, size_t a, size_t b, const char *p)
{
	for (size_t i = b; i-- > a;)
		if (bl_flow_match(f, i, b, p))
			return i;
	return (size_t)-1;
}

bl_str bl_flow_slice(const bl_doc *doc, size_t a, size_t b)
{
	bl_str s = {doc->bytes, 0};
	if (a >= doc->flow.n || b <= a)
		return s;
	if (b > doc->flow.n)
		b = doc->flow.n;
	size_t lo = doc->flow.src[a];
	size_t last = doc->flow.src[b - 1];
	int len;
	bl_utf8_decode(doc->bytes + last, doc->nbytes - last, &len);
	if (last >= doc->nbytes)
		len = 0;
	s.p = doc->bytes + lo;
	s.n = last + (size_t)len - lo;
	return s;
}

char *bl_flow_text(const bl_doc *doc, size_t a, size_t b, int drop_spaces, bl_arena *ar)
{
	if (b > doc->flow.n)
		b = doc->flow.n;
	char *s = bl_arena_alloc(ar, (b > a ? b - a : 0) * 4 + 1), *p = s;
	for (size_t i = a; i < b; i++) {
		uint32_t c = doc->flow.cp[i];
		if (c == '\n' || (drop_spaces && c == ' '))
			continue;
		p += bl_utf8_encode(c, p);
	}
	*p = 0;
	return s;
}

int bl_flow_year_at(const bl_flow *f, size_t i, size_t end, size_t *nian)
{
	if (i + 4 > end || (i > 0 && f->cp[i - 1] >= '0' && f->cp[i - 1] <= '9'))
		return 0;
	int y = 0;
	for (size_t k = 0; k < 4; k++) {
		if (f->cp[i + k] < '0' || f->cp[i + k] > '9')
			return 0;
		y = y * 10 + (int)(f->cp[i + k] - '0');
	}
	size_t j = i + 4;
	while (j < end && f->cp[j] == ' ')
		j++;
	if (j >= end || f->cp[j] != BL_CP_NIAN || y < 1990 || y > 2100) /* 年 */
		return 0;
	*nian = j;
	return y;
}
