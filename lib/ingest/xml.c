/* xml.c - the XML side of the OOXML packages: parsing a member, reading
 * attributes by local name. */
#include <string.h>

#include "ingest/xml.h"

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
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (strcmp((const char *)a->name, local) == 0 && a->children && a->children->content)
			return (const char *)a->children->content;
	return NULL;
}

xmlDoc *bl_zip_xml(bl_zip *z, const char *name, const char *member, int required, bl_status *st, bl_diag *diag)
{
	*st = BL_OK;
	if (!bl_zip_has(z, member)) {
		if (required) {
			bl_diag_set(diag, BL_EFORMAT, 0, name, "cannot read '%s': the package has no %s", name, member);
			*st = BL_EFORMAT;
		}
		return NULL;
	}
	char *xml;
	size_t n;
	*st = bl_zip_read(z, member, &xml, &n, diag);
	if (*st)
		return NULL;
	bl_xml_quiet();
	/* no XML_PARSE_NOENT: entities are not expanded, so no billion laughs */
	xmlDoc *x = xmlReadMemory(xml, (int)n, member, NULL,
				  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
	free(xml);
	if (!x || !xmlDocGetRootElement(x)) {
		bl_diag_set(diag, BL_EFORMAT, 0, name, "cannot read '%s': %s is not well-formed XML", name, member);
		*st = BL_EFORMAT;
		xmlFreeDoc(x);
		return NULL;
	}
	return x;
}
