/* text.c - text ingest: encoding detection and conversion, lines, pages,
 * positions. */
#include <errno.h>
#include <iconv.h>
#include <string.h>

#include "doc/doc.h"

#define BL_MAX_TEXT_BYTES (64u << 20) /* 64 MiB of text is far past any disclosure */

/* Converts n bytes from encoding `from` to UTF-8 into *out. */
static int convert(const char *from, const char *in, size_t n, char **out, size_t *outn)
{
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1)
		return -1;
	size_t cap = n * 2 + 16, left = cap;
	char *buf = bl_xmalloc(cap), *dst = buf;
	char *src = (char *)in;
	size_t srcleft = n;
	int rc = 0;
	while (srcleft > 0) {
		if (iconv(cd, &src, &srcleft, &dst, &left) == (size_t)-1) {
			if (errno == E2BIG) {
				size_t used = (size_t)(dst - buf);
				cap *= 2;
				buf = bl_xrealloc(buf, cap);
				dst = buf + used;
				left = cap - used;
				continue;
			}
			rc = -1;
			break;
		}
	}
	iconv_close(cd);
	if (rc) {
		free(buf);
		return -1;
	}
	*out = buf;
	*outn = (size_t)(dst - buf);
	return 0;
}

/* Every BL_POS_STRIDE bytes of a line, where its code point count and page
 * stand: bl_doc_pos_of counts from the nearest checkpoint instead of the line
 * start, so locating a figure costs O(stride), not O(line). A line may hold a
 * whole document (one paragraph of 60 MB), and every fact and finding asks. */
#define BL_POS_STRIDE 256

typedef struct posmark {
	size_t off; /* a code point boundary, past the form feeds opening its line */
	int col;    /* the column of the code point at off */
	int pages;  /* form feeds counted between the line start and off */
} posmark;

struct bl_posidx {
	posmark *v;
	size_t n;
};

/* The checkpoints of every line, by the very steps bl_doc_pos_of takes. */
static void posidx_build(bl_doc *doc)
{
	size_t n = 0;
	for (size_t li = 0; li < doc->nlines; li++)
		n += doc->lines[li].len / BL_POS_STRIDE;
	struct bl_posidx *x = bl_arena_alloc(&doc->arena, sizeof *x);
	x->v = bl_arena_alloc(&doc->arena, (n ? n : 1) * sizeof *x->v);
	x->n = 0;
	for (size_t li = 0; li < doc->nlines; li++) {
		const bl_line *l = &doc->lines[li];
		size_t i = l->off, end = l->off + l->len;
		while (i < end && doc->bytes[i] == '\f')
			i++;
		size_t mark = i + BL_POS_STRIDE;
		int col = 1, pages = 0;
		while (i < end) {
			if (i >= mark && x->n < n) {
				x->v[x->n++] = (posmark){i, col, pages};
				mark = i + BL_POS_STRIDE;
			}
			int len;
			uint32_t c = bl_utf8_decode(doc->bytes + i, doc->nbytes - i, &len);
			if (c == '\f')
				pages++;
			else
				col++;
			i += (size_t)len;
		}
	}
	doc->posidx = x;
}

static void add_line(bl_doc *doc, size_t off, size_t len, int page)
{
	bl_line *l = BL_PUSH(doc->lines, doc->nlines, doc->lines_cap);
	l->off = off;
	l->len = len;
	l->page = page;
	l->flags = 0;
}

bl_status bl_text_load(bl_doc *doc, const char *bytes, size_t n, bl_diag *diag)
{
	if (n > BL_MAX_TEXT_BYTES) {
		bl_diag_set(diag, BL_ETOOBIG, 0, doc->path, "file larger than %u MiB",
			    BL_MAX_TEXT_BYTES >> 20);
		return BL_ETOOBIG;
	}
	const unsigned char *u = (const unsigned char *)bytes;
	char *conv = NULL;
	size_t convn = 0;
	if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
		if (convert(u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE", bytes + 2, n - 2, &conv, &convn)) {
			bl_diag_set(diag, BL_EENCODING, 0, doc->path, "invalid UTF-16 text");
			return BL_EENCODING;
		}
		doc->encoding = BL_ENC_UTF16;
	} else {
		size_t skip = 0;
		doc->encoding = BL_ENC_UTF8;
		if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
			skip = 3;
			doc->encoding = BL_ENC_UTF8_BOM;
		}
		if (memchr(bytes, 0, n)) {
			bl_diag_set(diag, BL_EFORMAT, 0, doc->path,
				    "binary file (NUL bytes), not a text document");
			return BL_EFORMAT;
		}
		if (bl_utf8_valid(bytes + skip, n - skip)) {
			conv = bl_xstrndup(bytes + skip, n - skip);
			convn = n - skip;
		} else if (convert("GB18030", bytes, n, &conv, &convn) == 0) {
			doc->encoding = BL_ENC_GB18030;
		} else {
			bl_diag_set(diag, BL_EENCODING, 0, doc->path,
				    "text is neither UTF-8 nor GB18030/GBK");
			return BL_EENCODING;
		}
	}
	conv = bl_xrealloc(conv, convn + 1);
	conv[convn] = 0;
	doc->bytes = conv;
	doc->nbytes = convn;

	/* Lines are the file's own: LF, CRLF or a lone CR end one. A form feed
	 * starts a new page wherever it sits but does not start a new line. */
	int page = 1;
	size_t start = 0;
	for (size_t i = 0; i <= convn; i++) {
		char c = i < convn ? conv[i] : '\n';
		if (c == '\f')
			page++;
		if (c != '\n' && c != '\r')
			continue;
		size_t len = i - start;
		int lp = page;
		/* the line's page is the page of its first character after any
		 * form feed that opens it (pdftotext puts the page's \f there) */
		size_t k = start;
		while (k < i && conv[k] == '\f')
			k++;
		for (; k < i; k++)
			if (conv[k] == '\f')
				lp--;
		if (i < convn || len > 0)
			add_line(doc, start, len, lp);
		if (c == '\r' && i + 1 < convn && conv[i + 1] == '\n')
			i++;
		start = i + 1;
	}
	doc->npages = page;
	/* a trailing form feed does not make an empty last page */
	if (convn && conv[convn - 1] == '\f')
		doc->npages--;
	else if (convn >= 2 && conv[convn - 1] == '\n' && conv[convn - 2] == '\f')
		doc->npages--;
	if (doc->npages < 1)
		doc->npages = 1;
	posidx_build(doc);
	return BL_OK;
}

size_t bl_doc_line_of(const bl_doc *doc, size_t off)
{
	size_t lo = 0, hi = doc->nlines;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (doc->lines[mid].off <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

bl_pos bl_doc_pos_of(const bl_doc *doc, size_t off)
{
	bl_pos p = {1, 1, 1};
	if (doc->nlines == 0)
		return p;
	size_t li = bl_doc_line_of(doc, off);
	const bl_line *l = &doc->lines[li];
	p.line = (int)li + 1;
	p.page = l->page;
	size_t i = l->off;
	while (i < off && i < l->off + l->len && doc->bytes[i] == '\f')
		i++; /* the form feeds opening a line are counted in its page */
	const struct bl_posidx *x = doc->posidx;
	if (x && x->n && x->v[0].off <= off) {
		/* the last checkpoint at or before off, if it is on this line */
		size_t lo = 0, hi = x->n;
		while (hi - lo > 1) {
			size_t mid = lo + (hi - lo) / 2;
			if (x->v[mid].off <= off)
				lo = mid;
			else
				hi = mid;
		}
		if (x->v[lo].off > l->off && x->v[lo].off >= i) {
			i = x->v[lo].off;
			p.col = x->v[lo].col;
			p.page += x->v[lo].pages;
		}
	}
	while (i < off && i < l->off + l->len) {
		int len;
		uint32_t c = bl_utf8_decode(doc->bytes + i, doc->nbytes - i, &len);
		if (c == '\f')
			p.page++;
		else
			p.col++;
		i += (size_t)len;
	}
	return p;
}

BL_API const char *bl_doc_path(const bl_doc *doc)
{
	return doc->path;
}

BL_API bl_encoding bl_doc_encoding(const bl_doc *doc)
{
	return doc->encoding;
}

BL_API int bl_doc_pages(const bl_doc *doc)
{
	return doc->npages;
}

BL_API int bl_doc_lines(const bl_doc *doc)
{
	return (int)doc->nlines;
}

BL_API bl_str bl_doc_line(const bl_doc *doc, int n)
{
	bl_str s = {NULL, 0};
	if (n < 1 || (size_t)n > doc->nlines)
		return s;
	s.p = doc->bytes + doc->lines[n - 1].off;
	s.n = doc->lines[n - 1].len;
	return s;
}
