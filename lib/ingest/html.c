/* html.c - web pages (.html) with libxml2's HTML parser.
 *
 * Block elements end lines; whitespace collapses as a browser collapses it
 * (a line end between two Chinese characters is no space). A table that
 * holds no other table is a grid with its rowspan/colspan; a table that
 * holds tables is page layout, read cell by cell as blocks. The encoding
 * comes from the page's own charset declaration, else UTF-8 when the bytes
 * are valid UTF-8, else GB18030 (which reads GBK and GB2312). */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "ingest/xml.h"

/* Spans clamped as browsers clamp them (HTML's limits: colspan 1000,
 * rowspan 65534); a rowspan past the table's last row ends there (sdoc.c),
 * so a span costs the rows the page wrote, not the rows it names. */
enum { MAX_COLSPAN = 1000, MAX_ROWSPAN = 65534 };

/* The walkers' recursion: past the depth the parser lets a page nest
 * (xml.h), so that nothing it accepted is left out. */
enum { MAX_DEPTH = BL_XML_MAX_DEPTH + 2 };

static int named(const xmlNode *n, const char *tag)
{
	return n->type == XML_ELEMENT_NODE && strcasecmp((const char *)n->name, tag) == 0;
}

static int in_list(const xmlNode *n, const char *const *list)
{
	for (; *list; list++)
		if (named(n, *list))
			return 1;
	return 0;
}

static const char *const skipped[] = {"script", "style",  "head",   "noscript", "template", "iframe",
				      "object", "select", "button", "svg",      NULL};
static const char *const block[] = {
	"p",       "div",   "h1",         "h2",         "h3",       "h4",      "h5",      "h6",     "li",
	"ul",      "ol",    "dl",         "dt",         "dd",       "section", "article", "header", "footer",
	"nav",     "aside", "blockquote", "pre",        "center",   "form",    "hr",      "tr",     "caption",
	"address", "main",  "figure",     "figcaption", "fieldset", "body",    "html",    NULL};

static const char *attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (strcasecmp((const char *)a->name, name) == 0 && a->children && a->children->content)
			return (const char *)a->children->content;
	return NULL;
}

static int hidden(const xmlNode *n)
{
	const char *st = attr(n, "style");
	if (attr(n, "hidden"))
		return 1;
	if (!st)
		return 0;
	char sq[128];
	size_t k = 0;
	for (; *st && k + 1 < sizeof sq; st++)
		if (!isspace((unsigned char)*st))
			sq[k++] = (char)tolower((unsigned char)*st);
	sq[k] = 0;
	return strstr(sq, "display:none") != NULL;
}

static int span_attr(const xmlNode *n, const char *name, int max)
{
	const char *v = attr(n, name);
	long x = v ? strtol(v, NULL, 10) : 1;
	return x < 1 ? 1 : x > max ? max : (int)x;
}

static int holds_table(const xmlNode *n, int depth)
{
	if (depth > MAX_DEPTH)
		return 0;
	for (const xmlNode *c = n->children; c; c = c->next)
		if (named(c, "table") || (c->type == XML_ELEMENT_NODE && holds_table(c, depth + 1)))
			return 1;
	return 0;
}

static void walk(bl_sdoc *w, const xmlNode *n, int depth);

static void grid_rows(bl_sdoc *w, const xmlNode *n, int depth)
{
	if (depth > MAX_DEPTH)
		return;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || hidden(c))
			continue;
		if (named(c, "thead") || named(c, "tbody") || named(c, "tfoot")) {
			grid_rows(w, c, depth + 1);
			continue;
		}
		if (!named(c, "tr"))
			continue;
		bl_sdoc_row(w);
		for (const xmlNode *td = c->children; td; td = td->next) {
			if (!(named(td, "td") || named(td, "th")) || hidden(td))
				continue;
			bl_sdoc_cell_begin(w, span_attr(td, "rowspan", MAX_ROWSPAN),
					   span_attr(td, "colspan", MAX_COLSPAN), 0);
			walk(w, td, depth + 1);
			bl_sdoc_cell_end(w);
		}
	}
}

static void table(bl_sdoc *w, const xmlNode *t, int depth)
{
	if (holds_table(t, depth)) {
		/* page layout: each cell is a block of the page */
		for (const xmlNode *c = t->children; c; c = c->next) {
			if (c->type != XML_ELEMENT_NODE || hidden(c))
				continue;
			bl_sdoc_endpara(w);
			if (named(c, "tr") || named(c, "thead") || named(c, "tbody") || named(c, "tfoot"))
				table(w, c, depth + 1);
			else
				walk(w, c, depth + 1);
			bl_sdoc_endpara(w);
		}
		return;
	}
	for (const xmlNode *c = t->children; c; c = c->next)
		if (named(c, "caption")) {
			bl_sdoc_endpara(w);
			walk(w, c, depth + 1);
			bl_sdoc_endpara(w);
		}
	bl_sdoc_table_begin(w);
	grid_rows(w, t, depth + 1);
	bl_sdoc_table_end(w);
}

static void walk(bl_sdoc *w, const xmlNode *n, int depth)
{
	if (depth > MAX_DEPTH)
		return;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				bl_sdoc_put(w, (const char *)c->content, strlen((const char *)c->content));
			continue;
		}
		if (c->type != XML_ELEMENT_NODE || in_list(c, skipped) || hidden(c))
			continue;
		if (named(c, "br")) {
			bl_sdoc_endpara(w);
		} else if (named(c, "table")) {
			if (bl_sdoc_in_cell(w) && !holds_table(c, depth)) {
				bl_sdoc_table_begin(
					w); /* a table inside a grid cell reads as the cell's text */
				grid_rows(w, c, depth + 1);
				bl_sdoc_table_end(w);
			} else
				table(w, c, depth + 1);
		} else if (named(c, "td") || named(c, "th")) {
			bl_sdoc_endpara(w); /* a stray cell outside any row */
			walk(w, c, depth + 1);
			bl_sdoc_endpara(w);
		} else if (in_list(c, block)) {
			bl_sdoc_endpara(w);
			walk(w, c, depth + 1);
			bl_sdoc_endpara(w);
		} else
			walk(w, c, depth + 1);
	}
}

/* The charset a page declares in its first bytes (meta charset= or
 * http-equiv content="…; charset=…"), as an encoding name for libxml2. */
static const char *declared(const char *b, size_t n, char *buf, size_t bn)
{
	size_t lim = n < 4096 ? n : 4096;
	for (size_t i = 0; i + 7 < lim; i++) {
		if (strncasecmp(b + i, "charset", 7) != 0)
			continue;
		size_t j = i + 7;
		while (j < lim && (b[j] == ' ' || b[j] == '=' || b[j] == '"' || b[j] == '\''))
			j++;
		size_t k = 0;
		while (j < lim && k + 1 < bn && (isalnum((unsigned char)b[j]) || b[j] == '-' || b[j] == '_'))
			buf[k++] = b[j++];
		buf[k] = 0;
		if (k == 0)
			continue;
		if (!strcasecmp(buf, "gb2312") || !strcasecmp(buf, "gbk") || !strcasecmp(buf, "gb18030") ||
		    !strcasecmp(buf, "x-gbk") || !strcasecmp(buf, "cp936") || !strcasecmp(buf, "euc-cn"))
			return "GB18030"; /* pages labelled GB2312 use GBK's characters too */
		if (!strcasecmp(buf, "utf8") || !strcasecmp(buf, "utf-8"))
			return "UTF-8";
		return buf;
	}
	return NULL;
}

bl_status bl_html_extract(const char *name, const char *bytes, size_t n, const bl_open_options *opts,
			  bl_extract *out, bl_diag *diag)
{
	(void)opts; /* nothing to choose in a structured input yet */
	if (n > (size_t)INT32_MAX) {
		bl_diag_set(diag, BL_ETOOBIG, 0, name, "cannot read '%s': too large", name);
		return BL_ETOOBIG;
	}
	char buf[40];
	const char *enc = declared(bytes, n, buf, sizeof buf);
	if (!enc) {
		size_t skip = n >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
		enc = bl_utf8_valid(bytes + skip, n - skip) ? "UTF-8" : "GB18030";
	}
	bl_status st;
	xmlDoc *x = bl_html_parse(name, bytes, n, enc, &st, diag);
	if (!x && !st && strcmp(enc, "GB18030") != 0)
		x = bl_html_parse(name, bytes, n, "GB18030", &st, diag); /* an unknown charset label */
	if (st)
		return st;
	if (!x || !xmlDocGetRootElement(x)) {
		bl_diag_set(diag, BL_EFORMAT, 0, name, "cannot read '%s': not an HTML page libxml2 can parse",
			    name);
		xmlFreeDoc(x);
		return BL_EFORMAT;
	}
	bl_sdoc *w = bl_xmalloc(sizeof *w);
	bl_sdoc_init(w, 1);
	xmlNode *root = xmlDocGetRootElement(x);
	if (named(root, "html"))
		walk(w, root, 0);
	else {
		/* a fragment: the root itself is content */
		xmlNode fake = {0};
		fake.children = root;
		walk(w, &fake, 0);
	}
	bl_sdoc_endpara(w);
	xmlFreeDoc(x);
	out->sdoc = w;
	return BL_OK;
}
