/* xml.c - the XML side of the structured inputs: parsing a package member
 * or a web page under caps, streaming a member too large for a tree,
 * reading attributes by local name.
 *
 * libxml2 is never asked to substitute entities (no XML_PARSE_NOENT), load
 * a DTD (no XML_PARSE_DTDLOAD), use the network (XML_PARSE_NONET) or lift
 * its limits (no XML_PARSE_HUGE). An OOXML part never carries a DTD, so one
 * that declares any is refused before its internal subset is read: no
 * billion laughs, no external entity. Tree building is counted through
 * libxml2's own SAX2 callbacks, so a few bytes of markup per node cannot
 * grow a tree of gigabytes, nor nesting exhaust the stack of our walkers. */
#include <stdio.h>
#include <string.h>

#include "ingest/xml.h"

bl_libxml bl_xml_lib;

#define BL_XML_NAME(f) #f,
#define BL_XML_SLOT(f) (void **)&bl_xml_lib.p_##f,
static const char *const xml_names[] = {BL_XML_FUNCS(BL_XML_NAME)};
static void **const xml_slots[] = {BL_XML_FUNCS(BL_XML_SLOT)};
#undef BL_XML_NAME
#undef BL_XML_SLOT
static bl_dl_lib xml_lib = {
	"libxml2.so.2", xml_names, xml_slots, sizeof xml_names / sizeof *xml_names, 0, ""};

bl_status bl_xml_load(const char *name, bl_diag *diag)
{
	if (bl_dl_ready(&xml_lib))
		return BL_OK;
	bl_diag_set(diag, BL_EFORMAT, 0, name,
		    "cannot read '%s': libxml2.so.2, which reads DOCX, XLSX and HTML, cannot be loaded (%s)",
		    name, xml_lib.err);
	return BL_EFORMAT;
}

static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

void bl_xml_quiet(void)
{
	xmlSetGenericErrorFunc(NULL, quiet);
}

const char *bl_xml_attr(const xmlNode *n, const char *local)
{
	/* only an element has attributes: a compact text node keeps its text where they would be */
	if (!n || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (strcmp((const char *)a->name, local) == 0 && a->children && a->children->content)
			return (const char *)a->children->content;
	return NULL;
}

/* --- the guard: counts what the tree builder is asked to make --- */

enum { STOP_NODES = 1, STOP_DEPTH, STOP_DTD };

typedef struct guard {
	size_t nodes; /* elements, attributes, comments, PIs and text runs made */
	int depth;    /* elements open */
	int why;      /* what stopped the parser, or 0 */
} guard;

static guard *guard_of(void *ctx)
{
	return ((xmlParserCtxtPtr)ctx)->_private;
}

static int stop(void *ctx, int why)
{
	guard *g = guard_of(ctx);
	if (!g->why)
		g->why = why;
	xmlStopParser(ctx);
	return 0;
}

/* Counts k nodes; 0 (and the parser stopped) past a cap. */
static int count(void *ctx, size_t k)
{
	guard *g = guard_of(ctx);
	g->nodes += k;
	if (g->nodes > BL_XML_MAX_NODES)
		return stop(ctx, STOP_NODES);
	return 1;
}

static int open_element(void *ctx, size_t k)
{
	if (++guard_of(ctx)->depth > BL_XML_MAX_DEPTH)
		return stop(ctx, STOP_DEPTH);
	return count(ctx, k);
}

/* Text joins the text node before it; only a new node counts. */
static int new_text(void *ctx, xmlElementType type)
{
	const xmlNode *cur = ((xmlParserCtxtPtr)ctx)->node;
	return cur && cur->last && cur->last->type == type ? 1 : count(ctx, 1);
}

static void xml_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri, int nns,
		      const xmlChar **ns, int nattr, int ndefaulted, const xmlChar **attrs)
{
	if (open_element(ctx, 1 + (size_t)(nattr > 0 ? nattr : 0)))
		xmlSAX2StartElementNs(ctx, local, prefix, uri, nns, ns, nattr, ndefaulted, attrs);
}

static void xml_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
	guard_of(ctx)->depth--;
	xmlSAX2EndElementNs(ctx, local, prefix, uri);
}

static void html_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	size_t k = 1;
	for (const xmlChar **a = atts; a && *a; a += 2)
		k++;
	/* the HTML parser closes elements itself: its own stack is the depth */
	guard_of(ctx)->depth = ((xmlParserCtxtPtr)ctx)->nameNr - 1;
	if (open_element(ctx, k))
		xmlSAX2StartElement(ctx, name, atts);
}

static void characters(void *ctx, const xmlChar *s, int n)
{
	if (new_text(ctx, XML_TEXT_NODE))
		xmlSAX2Characters(ctx, s, n);
}

static void cdata(void *ctx, const xmlChar *s, int n)
{
	if (new_text(ctx, XML_CDATA_SECTION_NODE))
		xmlSAX2CDataBlock(ctx, s, n);
}

static void comment(void *ctx, const xmlChar *s)
{
	if (count(ctx, 1))
		xmlSAX2Comment(ctx, s);
}

static void pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	if (count(ctx, 1))
		xmlSAX2ProcessingInstruction(ctx, target, data);
}

static void no_dtd(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
	(void)name;
	(void)ext;
	(void)sys;
	stop(ctx, STOP_DTD);
}

/* Puts the guard between the parser and libxml2's tree builder; each
 * callback is replaced only where the builder's own was set, so what the
 * tree holds is unchanged (the HTML parser, say, drops ignorable blanks). */
static void guard_install(xmlParserCtxtPtr ctxt, guard *g, int html)
{
	memset(g, 0, sizeof *g);
	ctxt->_private = g;
	xmlSAXHandler *sax = ctxt->sax;
	if (html) {
		sax->startElement =
			html_start; /* its endElement stays: html_start reads the parser's stack */
	} else {
		sax->startElementNs = xml_start;
		sax->endElementNs = xml_end;
		sax->internalSubset = no_dtd; /* called before the subset is read */
		sax->externalSubset = NULL;
	}
	if (sax->characters == xmlSAX2Characters)
		sax->characters = characters;
	if (sax->ignorableWhitespace == xmlSAX2Characters)
		sax->ignorableWhitespace = characters;
	if (sax->cdataBlock == xmlSAX2CDataBlock)
		sax->cdataBlock = cdata;
	if (sax->comment == xmlSAX2Comment)
		sax->comment = comment;
	if (sax->processingInstruction == xmlSAX2ProcessingInstruction)
		sax->processingInstruction = pi;
}

/* The diagnostic for a parse the guard stopped; BL_OK when it did not. */
static bl_status guard_diag(const guard *g, const char *name, const char *what, bl_diag *diag)
{
	switch (g->why) {
	case STOP_NODES:
		bl_diag_set(diag, BL_ETOOBIG, 0, name,
			    "cannot read '%s': %s has more than %d elements and attributes", name, what,
			    BL_XML_MAX_NODES);
		return BL_ETOOBIG;
	case STOP_DEPTH:
		bl_diag_set(diag, BL_ETOOBIG, 0, name,
			    "cannot read '%s': %s nests elements more than %d deep", name, what,
			    BL_XML_MAX_DEPTH);
		return BL_ETOOBIG;
	case STOP_DTD:
		bl_diag_set(diag, BL_EFORMAT, 0, name,
			    "cannot read '%s': %s declares a DTD, which no OOXML part may; refused, so that "
			    "no entity "
			    "is expanded or fetched",
			    name, what);
		return BL_EFORMAT;
	}
	return BL_OK;
}

static bl_status no_memory(const char *name, bl_diag *diag)
{
	bl_diag_set(diag, BL_ENOMEM, 0, name, "cannot read '%s': libxml2 ran out of memory", name);
	return BL_ENOMEM;
}

/* What libxml2 said about a part that is not well-formed: " (line N: why)". */
static void parse_error(xmlParserCtxtPtr ctxt, char *out, size_t n)
{
	const xmlError *e = ctxt ? xmlCtxtGetLastError(ctxt) : NULL;
	*out = 0;
	if (!e || !e->message)
		return;
	size_t k = strcspn(e->message, "\n");
	snprintf(out, n, " (line %d: %.*s)", e->line, (int)(k < 160 ? k : 160), e->message);
}

static xmlDoc *xml_parse(const char *xml, size_t n, const char *name, const char *member, bl_status *st,
			 bl_diag *diag)
{
	*st = BL_OK;
	if (n > (size_t)INT32_MAX) { /* libxml2 takes an int; the zip caps keep members far below */
		bl_diag_set(diag, BL_ETOOBIG, 0, name, "cannot read '%s': %s is too large", name, member);
		*st = BL_ETOOBIG;
		return NULL;
	}
	bl_xml_quiet();
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		*st = no_memory(name, diag);
		return NULL;
	}
	guard g;
	guard_install(ctxt, &g, 0);
	xmlDoc *x = xmlCtxtReadMemory(ctxt, xml, (int)n, member, NULL,
				      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
					      XML_PARSE_COMPACT);
	if (g.why) {
		*st = guard_diag(&g, name, member, diag);
	} else if (!x || !ctxt->wellFormed || !xmlDocGetRootElement(x)) {
		char why[200];
		parse_error(ctxt, why, sizeof why);
		bl_diag_set(diag, BL_EFORMAT, 0, name, "cannot read '%s': %s is not well-formed XML%s", name,
			    member, why);
		*st = BL_EFORMAT;
	}
	xmlFreeParserCtxt(ctxt);
	if (*st) {
		xmlFreeDoc(x);
		return NULL;
	}
	return x;
}

xmlDoc *bl_zip_xml(bl_zip *z, const char *name, const char *member, int required, bl_status *st,
		   bl_diag *diag)
{
	if ((*st = bl_xml_load(name, diag)))
		return NULL;
	if (!bl_zip_has(z, member)) {
		if (required) {
			bl_diag_set(diag, BL_EFORMAT, 0, name, "cannot read '%s': the package has no %s",
				    name, member);
			*st = BL_EFORMAT;
		}
		return NULL;
	}
	char *xml;
	size_t n;
	*st = bl_zip_read(z, member, &xml, &n, diag);
	if (*st)
		return NULL;
	xmlDoc *x = xml_parse(xml, n, name, member, st, diag);
	free(xml);
	return x;
}

xmlDoc *bl_html_parse(const char *name, const char *bytes, size_t n, const char *enc, bl_status *st,
		      bl_diag *diag)
{
	if ((*st = bl_xml_load(name, diag)))
		return NULL;
	bl_xml_quiet();
	htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
	if (!ctxt) {
		*st = no_memory(name, diag);
		return NULL;
	}
	guard g;
	guard_install(ctxt, &g, 1);
	int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
		   HTML_PARSE_COMPACT;
	xmlDoc *x = htmlCtxtReadMemory(ctxt, bytes, (int)n, name, enc, opts);
	if (g.why) {
		*st = guard_diag(&g, name, "the page", diag);
		xmlFreeDoc(x);
		x = NULL;
	}
	htmlFreeParserCtxt(ctxt);
	return x;
}

/* --- events --- */

/* The guard and the caller's callbacks, reached from libxml2's context. */
typedef struct sax_ctx {
	guard g; /* first: guard_of reads the context's _private as a guard */
	bl_xml_sax *x;
} sax_ctx;

static bl_xml_sax *sax_of(void *ctx)
{
	return ((sax_ctx *)guard_of(ctx))->x;
}

static void sax_check(void *ctx)
{
	if (sax_of(ctx)->st)
		xmlStopParser(ctx);
}

static void sax_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri, int nns,
		      const xmlChar **ns, int nattr, int ndefaulted, const xmlChar **attrs)
{
	(void)prefix;
	(void)uri;
	(void)nns;
	(void)ns;
	(void)ndefaulted;
	if (!open_element(ctx, 0))
		return;
	bl_xml_sax *x = sax_of(ctx);
	if (x->start)
		x->start(x, (const char *)local, guard_of(ctx)->depth - 1, attrs, nattr);
	sax_check(ctx);
}

static void sax_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
	(void)prefix;
	(void)uri;
	bl_xml_sax *x = sax_of(ctx);
	int depth = --guard_of(ctx)->depth;
	if (x->end)
		x->end(x, (const char *)local, depth);
	sax_check(ctx);
}

static void sax_text(void *ctx, const xmlChar *s, int n)
{
	bl_xml_sax *x = sax_of(ctx);
	if (x->text && n > 0)
		x->text(x, (const char *)s, (size_t)n, guard_of(ctx)->depth);
	sax_check(ctx);
}

static void sax_other(void *ctx)
{
	bl_xml_sax *x = sax_of(ctx);
	if (x->other)
		x->other(x);
}

static void sax_comment(void *ctx, const xmlChar *s)
{
	(void)s;
	sax_other(ctx);
}

static void sax_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	(void)target;
	(void)data;
	sax_other(ctx);
}

bl_status bl_zip_xml_sax(bl_zip *z, const char *name, const char *member, bl_xml_sax *x, bl_diag *diag)
{
	x->st = BL_OK;
	char *xml;
	size_t n;
	bl_status st = bl_xml_load(name, diag);
	if (st)
		return st;
	st = bl_zip_read(z, member, &xml, &n, diag);
	if (st)
		return st;
	if (n > (size_t)INT32_MAX) {
		free(xml);
		bl_diag_set(diag, BL_ETOOBIG, 0, name, "cannot read '%s': %s is too large", name, member);
		return BL_ETOOBIG;
	}
	bl_xml_quiet();
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		free(xml);
		return no_memory(name, diag);
	}
	sax_ctx sc;
	guard_install(ctxt, &sc.g, 0);
	sc.x = x;
	/* nothing reaches the tree builder: the events go to the caller */
	xmlSAXHandler *sax = ctxt->sax;
	sax->startElementNs = sax_start;
	sax->endElementNs = sax_end;
	sax->characters = sax->ignorableWhitespace = sax->cdataBlock = sax_text;
	sax->comment = sax_comment;
	sax->processingInstruction = sax_pi;
	sax->reference = NULL;
	xmlDoc *d = xmlCtxtReadMemory(ctxt, xml, (int)n, member, NULL,
				      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (x->st)
		st = x->st;
	else if (sc.g.why)
		st = guard_diag(&sc.g, name, member, diag);
	else if (!ctxt->wellFormed) {
		char why[200];
		parse_error(ctxt, why, sizeof why);
		bl_diag_set(diag, BL_EFORMAT, 0, name, "cannot read '%s': %s is not well-formed XML%s", name,
			    member, why);
		st = BL_EFORMAT;
	}
	xmlFreeDoc(d);
	xmlFreeParserCtxt(ctxt);
	free(xml);
	return st;
}

int bl_xml_sax_attr(const xmlChar **attrs, int nattr, const char *local, char *out, size_t outn)
{
	for (int i = 0; attrs && i < nattr; i++) {
		const xmlChar **a = attrs + 5 * i; /* local name, prefix, URI, value, value end */
		if (strcmp((const char *)a[0], local) != 0)
			continue;
		size_t k = (size_t)(a[4] - a[3]);
		if (k >= outn)
			k = outn - 1;
		memcpy(out, a[3], k);
		out[k] = 0;
		return 1;
	}
	return 0;
}
