/* docx.c - Word documents (.docx): word/document.xml read with libxml2.
 *
 * Paragraphs become lines; tables become grids through the shared writer
 * (sdoc.c) with their merged cells (gridSpan, vMerge); text boxes follow
 * the paragraph that anchors them. Deleted revisions, field codes, and the
 * fallback copies of drawings are left out: they are not what a reader
 * sees. Running headers and footers live in other parts and stay out. */
#include <string.h>

#include "ingest/xml.h"

/* The walkers' recursion: past the depth the parser lets a part nest
 * (xml.h), so that nothing it accepted is left out. */
enum { MAX_DEPTH = BL_XML_MAX_DEPTH + 2 };

static const char *const w_ns[] = {"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
				   "http://purl.oclc.org/ooxml/wordprocessingml/main"};
static const char mc_ns[] = "http://schemas.openxmlformats.org/markup-compatibility/2006";

typedef struct docx {
	bl_sdoc *w;
	int para_text; /* characters written in the current paragraph */
	int brk_after; /* a page break that Word rendered inside the paragraph */
} docx;

static int is_w(const xmlNode *n, const char *local)
{
	if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, local) != 0 || !n->ns ||
	    !n->ns->href)
		return 0;
	const char *h = (const char *)n->ns->href;
	return strcmp(h, w_ns[0]) == 0 || strcmp(h, w_ns[1]) == 0;
}

static int is_mc(const xmlNode *n, const char *local)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, local) == 0 && n->ns &&
	       n->ns->href && strcmp((const char *)n->ns->href, mc_ns) == 0;
}

#define attr bl_xml_attr

static const xmlNode *child(const xmlNode *n, const char *local)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (is_w(c, local))
			return c;
	return NULL;
}

static int int_attr(const xmlNode *n, const char *local, int dflt)
{
	const char *v = n ? attr(n, local) : NULL;
	if (!v)
		return dflt;
	long x = strtol(v, NULL, 10);
	return x < 1 ? 1 : x > BL_SDOC_MAX_COLS ? BL_SDOC_MAX_COLS : (int)x;
}

static void put_text(docx *d, const xmlNode *t)
{
	for (const xmlNode *c = t->children; c; c = c->next)
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
			size_t n = strlen((const char *)c->content);
			bl_sdoc_put(d->w, (const char *)c->content, n);
			d->para_text += n > 0;
		}
}

static void page_break(docx *d)
{
	if (d->para_text == 0 || bl_sdoc_in_cell(d->w))
		bl_sdoc_pagebreak(d->w);
	else
		d->brk_after = 1;
}

static void blocks(docx *d, const xmlNode *n, int depth);

static void run(docx *d, const xmlNode *r)
{
	for (const xmlNode *c = r->children; c; c = c->next) {
		if (is_w(c, "t"))
			put_text(d, c);
		else if (is_w(c, "tab") || is_w(c, "ptab"))
			bl_sdoc_put(d->w, " ", 1);
		else if (is_w(c, "noBreakHyphen"))
			bl_sdoc_put(d->w, "-", 1);
		else if (is_w(c, "br") || is_w(c, "cr")) {
			const char *type = attr(c, "type");
			if (type && strcmp(type, "page") == 0)
				page_break(d);
			else
				bl_sdoc_put(d->w, "\n", 1);
		} else if (is_w(c, "lastRenderedPageBreak"))
			page_break(d);
	}
}

static void inlines(docx *d, const xmlNode *n, int depth)
{
	if (depth > MAX_DEPTH)
		return;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is_w(c, "r"))
			run(d, c);
		else if (is_w(c, "hyperlink") || is_w(c, "ins") || is_w(c, "smartTag") ||
			 is_w(c, "customXml") || is_w(c, "fldSimple") || is_w(c, "sdt") ||
			 is_w(c, "sdtContent") || is_w(c, "moveTo") || is_w(c, "bdo") || is_w(c, "dir"))
			inlines(d, c, depth + 1);
		else if (is_mc(c, "AlternateContent")) {
			for (const xmlNode *k = c->children; k; k = k->next)
				if (is_mc(k, "Choice")) {
					inlines(d, k, depth + 1);
					break;
				}
		}
	}
}

/* Text boxes anchored in a paragraph, read after it; not the fallback copy. */
static void text_boxes(docx *d, const xmlNode *n, int depth)
{
	if (depth > MAX_DEPTH)
		return;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || is_mc(c, "Fallback"))
			continue;
		if (is_w(c, "txbxContent"))
			blocks(d, c, depth + 1);
		else
			text_boxes(d, c, depth + 1);
	}
}

static void paragraph(docx *d, const xmlNode *p, int depth)
{
	const xmlNode *ppr = child(p, "pPr");
	if (ppr && child(ppr, "pageBreakBefore"))
		bl_sdoc_pagebreak(d->w);
	d->para_text = 0;
	d->brk_after = 0;
	inlines(d, p, depth + 1);
	bl_sdoc_endpara(d->w);
	int brk = d->brk_after;
	text_boxes(d, p, depth + 1);
	if (brk)
		bl_sdoc_pagebreak(d->w);
}

static void cells(docx *d, const xmlNode *tr, int depth)
{
	if (depth > MAX_DEPTH)
		return;
	for (const xmlNode *tc = tr->children; tc; tc = tc->next) {
		if (is_w(tc, "sdt") || is_w(tc, "sdtContent") || is_w(tc, "customXml")) {
			cells(d, tc, depth + 1);
			continue;
		}
		if (!is_w(tc, "tc"))
			continue;
		const xmlNode *pr = child(tc, "tcPr");
		int span = int_attr(pr ? child(pr, "gridSpan") : NULL, "val", 1);
		const xmlNode *vm = pr ? child(pr, "vMerge") : NULL;
		const char *vv = vm ? attr(vm, "val") : NULL;
		int vcont = vm && (!vv || strcmp(vv, "continue") == 0);
		bl_sdoc_cell_begin(d->w, 1, span, vcont);
		blocks(d, tc, depth + 1);
		bl_sdoc_cell_end(d->w);
	}
}

static void rows(docx *d, const xmlNode *tbl, int depth)
{
	if (depth > MAX_DEPTH)
		return;
	for (const xmlNode *tr = tbl->children; tr; tr = tr->next) {
		if (is_w(tr, "sdt") || is_w(tr, "sdtContent") || is_w(tr, "customXml")) {
			rows(d, tr, depth + 1);
			continue;
		}
		if (!is_w(tr, "tr"))
			continue;
		bl_sdoc_row(d->w);
		const xmlNode *pr = child(tr, "trPr");
		const xmlNode *gb = pr ? child(pr, "gridBefore") : NULL;
		if (gb)
			bl_sdoc_skip(d->w, int_attr(gb, "val", 1));
		cells(d, tr, depth + 1);
	}
}

static void blocks(docx *d, const xmlNode *n, int depth)
{
	if (depth > MAX_DEPTH)
		return;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is_w(c, "p"))
			paragraph(d, c, depth);
		else if (is_w(c, "tbl")) {
			bl_sdoc_table_begin(d->w);
			rows(d, c, depth + 1);
			bl_sdoc_table_end(d->w);
		} else if (is_w(c, "sdt") || is_w(c, "sdtContent") || is_w(c, "customXml") ||
			   is_w(c, "ins") || is_w(c, "moveTo") || is_w(c, "body"))
			blocks(d, c, depth + 1);
	}
}

bl_status bl_docx_extract(const char *name, const char *bytes, size_t n, const bl_open_options *opts,
			  bl_extract *out, bl_diag *diag)
{
	(void)opts; /* nothing to choose in a structured input yet */
	bl_zip *z;
	bl_status st = bl_zip_open(name, bytes, n, &z, diag);
	if (st)
		return st;
	xmlDoc *x = bl_zip_xml(z, name, "word/document.xml", 1, &st, diag);
	bl_zip_close(z);
	if (!x)
		return st;
	xmlNode *root = xmlDocGetRootElement(x);
	if (!is_w(root, "document")) {
		bl_diag_set(diag, BL_EFORMAT, 0, name,
			    "cannot read '%s': word/document.xml is not a Word document body", name);
		xmlFreeDoc(x);
		return BL_EFORMAT;
	}
	bl_sdoc *w = bl_xmalloc(sizeof *w);
	bl_sdoc_init(w, 0);
	docx d = {w, 0, 0};
	blocks(&d, root, 0);
	bl_sdoc_endpara(w);
	xmlFreeDoc(x);
	out->sdoc = w;
	return BL_OK;
}
