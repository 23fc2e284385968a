/* ooxml.h - writes small DOCX and XLSX files for the tests with libzip:
 * the parts a reader needs and nothing else, so every byte a test feeds
 * the adapters is made here. */
#ifndef BL_TEST_OOXML_H
#define BL_TEST_OOXML_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define S_NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define R_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

/* Writes a zip of n members (name, bytes) to path; 0 on success. */
static int zip_write(const char *path, const char *const *names, const char *const *data, const size_t *len,
		     int n)
{
	int err = 0;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	if (!z)
		return -1;
	for (int i = 0; i < n; i++) {
		size_t l = len ? len[i] : strlen(data[i]);
		zip_source_t *s = zip_source_buffer(z, data[i], l, 0);
		if (!s || zip_file_add(z, names[i], s, ZIP_FL_OVERWRITE) < 0) {
			zip_source_free(s);
			zip_discard(z);
			return -1;
		}
	}
	return zip_close(z);
}

/* A DOCX whose w:body holds body (WordprocessingML, prefix w:). */
__attribute__((unused)) static int docx_write(const char *path, const char *body)
{
	static const char ct[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
		"xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default "
		"Extension=\"xml\" "
		"ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" "
		"ContentType=\"application/"
		"vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
	size_t n = strlen(body) + 512;
	char *doc = malloc(n);
	snprintf(doc, n,
		 "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"" W_NS
		 "\" "
		 "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"><w:body>%s</"
		 "w:body></w:document>",
		 body);
	const char *names[] = {"[Content_Types].xml", "word/document.xml"};
	const char *data[] = {ct, doc};
	int rc = zip_write(path, names, data, NULL, 2);
	free(doc);
	return rc;
}

/* An XLSX of nsheets sheets: names[i], sheet XML bodies (what goes inside
 * <worksheet>), states ("" or "hidden"), shared strings (<si> elements)
 * and styles (the whole styles.xml, or NULL). */
__attribute__((unused)) static int xlsx_write(const char *path, int nsheets, const char *const *sheet_names,
					      const char *const *sheets, const char *const *states,
					      const char *sst, const char *styles)
{
	char wb[4096] = "", rels[4096] = "", names[8][64], *bodies[8];
	const char *members[16], *data[16];
	int n = 0;
	size_t k = 0, r = 0;
	k += (size_t)snprintf(wb + k, sizeof wb - k,
			      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" S_NS
			      "\" xmlns:r=\"" R_NS "\"><sheets>");
	r += (size_t)snprintf(rels + r, sizeof rels - r,
			      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
			      "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
	for (int i = 0; i < nsheets && i < 8; i++) {
		k += (size_t)snprintf(wb + k, sizeof wb - k,
				      "<sheet name=\"%s\" sheetId=\"%d\" r:id=\"rId%d\"%s%s%s/>",
				      sheet_names[i], i + 1, i + 1, states && *states[i] ? " state=\"" : "",
				      states ? states[i] : "", states && *states[i] ? "\"" : "");
		r += (size_t)snprintf(rels + r, sizeof rels - r,
				      "<Relationship Id=\"rId%d\" Type=\"" R_NS
				      "/worksheet\" Target=\"worksheets/sheet%d.xml\"/>",
				      i + 1, i + 1);
		snprintf(names[i], sizeof names[i], "xl/worksheets/sheet%d.xml", i + 1);
		size_t bn = strlen(sheets[i]) + 256;
		bodies[i] = malloc(bn);
		snprintf(bodies[i], bn,
			 "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" S_NS
			 "\">%s</worksheet>",
			 sheets[i]);
		members[n] = names[i];
		data[n++] = bodies[i];
	}
	snprintf(wb + k, sizeof wb - k, "</sheets></workbook>");
	snprintf(rels + r, sizeof rels - r, "</Relationships>");
	members[n] = "xl/workbook.xml";
	data[n++] = wb;
	members[n] = "xl/_rels/workbook.xml.rels";
	data[n++] = rels;
	char *sstx = NULL;
	if (sst) {
		size_t sn = strlen(sst) + 256;
		sstx = malloc(sn);
		snprintf(sstx, sn,
			 "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"" S_NS "\">%s</sst>", sst);
		members[n] = "xl/sharedStrings.xml";
		data[n++] = sstx;
	}
	if (styles) {
		members[n] = "xl/styles.xml";
		data[n++] = styles;
	}
	members[n] = "[Content_Types].xml";
	data[n++] = "<?xml version=\"1.0\"?><Types "
		    "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";
	int rc = zip_write(path, members, data, NULL, n);
	for (int i = 0; i < nsheets && i < 8; i++)
		free(bodies[i]);
	free(sstx);
	return rc;
}

#endif
