/* fuzz_oxml.c - libFuzzer entry that mutates the XML of a DOCX or XLSX, not its zip.
 *
 * Mutating a deflated, checksummed zip rarely reaches the XML inside (eight
 * minutes per target found none of the XLSX crashes a hand-made file showed).
 * Here the input is the package's XML itself: the first byte picks DOCX (even)
 * or XLSX (odd), the rest is split at NUL bytes into the parts below, in
 * order, and the harness zips them (stored, with correct CRCs) before the
 * adapter reads them, then runs the whole pipeline as fuzz_ingest does.
 * Seeds in fuzz/seeds/oxml/ (made by fuzz/mkseeds.sh from fuzz/seeds/ooxml). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "budgetlint/budgetlint.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const docx_parts[] = {"word/document.xml", "word/styles.xml", "word/numbering.xml"};
static const char *const xlsx_parts[] = {
	"xl/workbook.xml",          "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml",    "xl/styles.xml",
	"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",   "xl/worksheets/sheet3.xml"};
static const char content_types[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";

typedef struct zbuf {
	unsigned char *p;
	size_t n, cap;
} zbuf;

static void put(zbuf *z, const void *s, size_t n)
{
	if (z->n + n > z->cap) {
		size_t c = z->cap ? z->cap : 4096;
		while (c < z->n + n)
			c *= 2;
		unsigned char *q = realloc(z->p, c);
		if (!q)
			abort();
		z->p = q;
		z->cap = c;
	}
	memcpy(z->p + z->n, s, n);
	z->n += n;
}

static void le(zbuf *z, uint32_t v, int bytes)
{
	for (int i = 0; i < bytes; i++) {
		unsigned char b = (unsigned char)(v >> (8 * i));
		put(z, &b, 1);
	}
}

typedef struct member {
	const char *name;
	const uint8_t *data;
	size_t n;
	uint32_t crc, off;
} member;

/* A stored (uncompressed) zip of the members: local headers, data, central directory. */
static void zip_stored(zbuf *z, member *m, int nm)
{
	for (int i = 0; i < nm; i++) {
		size_t nl = strlen(m[i].name);
		m[i].crc = (uint32_t)crc32(0L, m[i].data, (uInt)m[i].n);
		m[i].off = (uint32_t)z->n;
		le(z, 0x04034b50, 4), le(z, 20, 2), le(z, 0, 2), le(z, 0, 2), le(z, 0, 2), le(z, 0, 2);
		le(z, m[i].crc, 4), le(z, (uint32_t)m[i].n, 4), le(z, (uint32_t)m[i].n, 4);
		le(z, (uint32_t)nl, 2), le(z, 0, 2);
		put(z, m[i].name, nl);
		put(z, m[i].data, m[i].n);
	}
	uint32_t cd = (uint32_t)z->n;
	for (int i = 0; i < nm; i++) {
		size_t nl = strlen(m[i].name);
		le(z, 0x02014b50, 4), le(z, 20, 2), le(z, 20, 2), le(z, 0, 2), le(z, 0, 2), le(z, 0, 2),
			le(z, 0, 2);
		le(z, m[i].crc, 4), le(z, (uint32_t)m[i].n, 4), le(z, (uint32_t)m[i].n, 4);
		le(z, (uint32_t)nl, 2), le(z, 0, 2), le(z, 0, 2), le(z, 0, 2), le(z, 0, 2), le(z, 0, 4);
		le(z, m[i].off, 4);
		put(z, m[i].name, nl);
	}
	uint32_t cdlen = (uint32_t)z->n - cd;
	le(z, 0x06054b50, 4), le(z, 0, 2), le(z, 0, 2), le(z, (uint32_t)nm, 2), le(z, (uint32_t)nm, 2);
	le(z, cdlen, 4), le(z, cd, 4), le(z, 0, 2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int xlsx = data[0] & 1;
	const char *const *names = xlsx ? xlsx_parts : docx_parts;
	int max = xlsx ? (int)(sizeof xlsx_parts / sizeof *xlsx_parts)
		       : (int)(sizeof docx_parts / sizeof *docx_parts);
	member m[8];
	int nm = 0;
	m[nm++] = (member){"[Content_Types].xml", (const uint8_t *)content_types, sizeof content_types - 1, 0,
			   0};
	size_t at = 1;
	for (int k = 0; k < max && at <= size; k++) {
		const uint8_t *e = memchr(data + at, 0, size - at);
		size_t end = e ? (size_t)(e - data) : size;
		if (end > at)
			m[nm++] = (member){names[k], data + at, end - at, 0, 0};
		at = end + 1;
	}
	zbuf z = {0};
	zip_stored(&z, m, nm);
	bl_doc *doc = NULL;
	bl_diag diag = {0};
	if (bl_doc_open_mem(xlsx ? "fuzz.xlsx" : "fuzz.docx", (const char *)z.p, z.n, &doc, &diag) == BL_OK) {
		fuzz_check_and_report(doc);
	}
	bl_doc_free(doc);
	free(z.p);
	return 0;
}
