/* xml.h - libxml2 helpers the structured adapters share (ingest/xml.c); private
 * to lib/ingest so that only these files see libxml2's headers. */
#ifndef BL_INGEST_XML_H
#define BL_INGEST_XML_H

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "ingest/ingest.h"

/* libxml2 is loaded when the first DOCX, XLSX or web page is read (xml.c),
 * not linked: with ICU and the C++ runtime it brings, the dynamic loader
 * spent about 1.7 ms of every run of the program on it, PDF and text
 * included. Its functions are called through bl_xml_lib, each under its
 * own name (the defines below); no libxml2 header may follow this one. */
/* the functions used, in alphabetical order */
/* clang-format off */
#define BL_XML_FUNCS(X) \
	X(htmlCtxtReadMemory) X(htmlFreeParserCtxt) X(htmlNewParserCtxt) \
	X(xmlCtxtGetLastError) X(xmlCtxtReadMemory) X(xmlDocGetRootElement) \
	X(xmlFreeDoc) X(xmlFreeParserCtxt) X(xmlNewParserCtxt) \
	X(xmlSAX2CDataBlock) X(xmlSAX2Characters) X(xmlSAX2Comment) \
	X(xmlSAX2EndElementNs) X(xmlSAX2ProcessingInstruction) X(xmlSAX2StartElement) \
	X(xmlSAX2StartElementNs) X(xmlSetGenericErrorFunc) X(xmlStopParser)
/* clang-format on */

typedef struct bl_libxml {
#define BL_XML_FIELD(f) __typeof__(f) *p_##f;
	BL_XML_FUNCS(BL_XML_FIELD)
#undef BL_XML_FIELD
} bl_libxml;
extern bl_libxml bl_xml_lib;

/* clang-format off */
#define htmlCtxtReadMemory (bl_xml_lib.p_htmlCtxtReadMemory)
#define htmlFreeParserCtxt (bl_xml_lib.p_htmlFreeParserCtxt)
#define htmlNewParserCtxt (bl_xml_lib.p_htmlNewParserCtxt)
#define xmlCtxtGetLastError (bl_xml_lib.p_xmlCtxtGetLastError)
#define xmlCtxtReadMemory (bl_xml_lib.p_xmlCtxtReadMemory)
#define xmlDocGetRootElement (bl_xml_lib.p_xmlDocGetRootElement)
#define xmlFreeDoc (bl_xml_lib.p_xmlFreeDoc)
#define xmlFreeParserCtxt (bl_xml_lib.p_xmlFreeParserCtxt)
#define xmlNewParserCtxt (bl_xml_lib.p_xmlNewParserCtxt)
#define xmlSAX2CDataBlock (bl_xml_lib.p_xmlSAX2CDataBlock)
#define xmlSAX2Characters (bl_xml_lib.p_xmlSAX2Characters)
#define xmlSAX2Comment (bl_xml_lib.p_xmlSAX2Comment)
#define xmlSAX2EndElementNs (bl_xml_lib.p_xmlSAX2EndElementNs)
#define xmlSAX2ProcessingInstruction (bl_xml_lib.p_xmlSAX2ProcessingInstruction)
#define xmlSAX2StartElement (bl_xml_lib.p_xmlSAX2StartElement)
#define xmlSAX2StartElementNs (bl_xml_lib.p_xmlSAX2StartElementNs)
#define xmlSetGenericErrorFunc (bl_xml_lib.p_xmlSetGenericErrorFunc)
#define xmlStopParser (bl_xml_lib.p_xmlStopParser)
/* clang-format on */

/* Loads libxml2 once per process; BL_OK, or why it cannot be loaded
 * (reading name, diag set). Every function of xml.c that parses calls it. */
bl_status bl_xml_load(const char *name, bl_diag *diag);

/* Element nesting in any part or page. libxml2 stops near 256 levels
 * itself (we never pass XML_PARSE_HUGE): in XML as an error that does not
 * say why, and in HTML silently, dropping the rest of the page. This cap
 * comes first and names the cause; real documents and pages stay far
 * below it (a DOCX table nested in a table is some 20 levels deep). */
#define BL_XML_MAX_DEPTH 250

/* Elements and attributes (with comments, PIs and text runs) in one tree:
 * libxml2 spends 120 to 250 bytes on each, so a few bytes of markup per
 * node could grow a tree of gigabytes from a 64 MiB part; this keeps it
 * under 500 MB (490 MB measured for 300,000 elements of six attributes).
 * Word's markup runs 15 to 35 bytes a node, so a 30 MB document.xml, a
 * thousand pages of tables, still fits. */
#define BL_XML_MAX_NODES 2000000

/* Keeps libxml2's own messages (encoding errors, recovered syntax) off
 * stderr: what matters reaches the caller as a status and a diagnostic. */
void bl_xml_quiet(void);

/* The value of the attribute named local in any namespace (w:val, r:id), or
 * NULL, also when n is no element. */
const char *bl_xml_attr(const xmlNode *n, const char *local);

/* A package member parsed into a tree under the caps above, without network
 * access, DTD loading or entity expansion (a part that declares a DTD is
 * refused); NULL with *st = BL_OK when an optional member is absent, NULL
 * with *st and diag set when a required one is absent or any is not
 * well-formed or past a cap. The caller frees the tree with xmlFreeDoc. */
xmlDoc *bl_zip_xml(bl_zip *z, const char *name, const char *member, int required, bl_status *st,
		   bl_diag *diag);

/* A web page parsed by libxml2's HTML parser in the encoding enc, under the
 * same caps. NULL with *st = BL_OK when the parser made nothing of it
 * (the caller may try another encoding), NULL with *st and diag set past a
 * cap. The caller frees the tree with xmlFreeDoc. */
xmlDoc *bl_html_parse(const char *name, const char *bytes, size_t n, const char *enc, bl_status *st,
		      bl_diag *diag);

/* A member read as a stream of events instead of a tree, for parts too
 * large to hold as one (a worksheet): memory stays that of the caller's
 * state. Depths count from the root element at 0; a text event's depth is
 * that of its element plus one. attrs holds libxml2's SAX2 attributes
 * (read them with bl_xml_sax_attr). A callback stops the parse by setting
 * st (and the diagnostic). */
typedef struct bl_xml_sax {
	void *user;
	void (*start)(struct bl_xml_sax *x, const char *local, int depth, const xmlChar **attrs, int nattr);
	void (*end)(struct bl_xml_sax *x, const char *local, int depth);
	void (*text)(struct bl_xml_sax *x, const char *s, size_t n, int depth); /* text or CDATA */
	void (*other)(struct bl_xml_sax *x); /* a comment or PI, which ends a run of text */
	bl_status st;
} bl_xml_sax;

/* Streams member through x under the depth cap and the DTD refusal; BL_OK,
 * or the status a callback set, or why the member could not be read
 * (absent, a zip cap, not well-formed), diag set. */
bl_status bl_zip_xml_sax(bl_zip *z, const char *name, const char *member, bl_xml_sax *x, bl_diag *diag);

/* Copies the value of the attribute named local (any namespace) into out
 * (cut to outn - 1 bytes, NUL-terminated); 1 when there is one. */
int bl_xml_sax_attr(const xmlChar **attrs, int nattr, const char *local, char *out, size_t outn);

#endif
