/* xml.h - libxml2 helpers the OOXML adapters share (ingest/xml.c); private
 * to lib/ingest so that only these files see libxml2's headers. */
#ifndef BL_INGEST_XML_H
#define BL_INGEST_XML_H

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "internal.h"

/* Keeps libxml2's own messages (encoding errors, recovered syntax) off
 * stderr: what matters reaches the caller as a status and a diagnostic. */
void bl_xml_quiet(void);

/* The value of the attribute named local in any namespace (w:val, r:id), or NULL. */
const char *bl_xml_attr(const xmlNode *n, const char *local);

/* A package member parsed without network access or entity expansion;
 * NULL with *st = BL_OK when an optional member is absent, NULL with *st
 * and diag set when a required one is absent or any is not well-formed. */
xmlDoc *bl_zip_xml(bl_zip *z, const char *name, const char *member, int required, bl_status *st, bl_diag *diag);

#endif
