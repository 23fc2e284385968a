/* hostile_zip.h - writes zip archives byte by byte for the tests, with what
 * libzip will not write: members stored so their XML lies open (a fuzzer or
 * a test reaches it without inflating), directory entries that understate
 * a member's size, entries that share one member's bytes, two members of
 * one name, a compression method no Office program uses. Tests only. */
#ifndef BL_TEST_HOSTILE_ZIP_H
#define BL_TEST_HOSTILE_ZIP_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

typedef struct hz_entry {
	const char *name;
	const void *data; /* the member's bytes, repeated `repeat` times (0 counts as 1) */
	size_t len, repeat;
	int method;     /* 0 stored, 8 deflated here; any other number: data written as is under it */
	long long size; /* the uncompressed size the headers declare, or -1 for the true one */
	int share;      /* >= 0: no bytes of its own, its directory entry points at that earlier entry's */
} hz_entry;

/* An entry's defaults: stored, true size, its own bytes. */
#define HZ(name, data, len)                                                                                  \
	{                                                                                                    \
		(name), (data), (len), 1, 0, -1, -1                                                          \
	}

typedef struct hz_buf {
	unsigned char *p;
	size_t n, cap;
} hz_buf;

static void hz_put(hz_buf *b, const void *s, size_t n)
{
	if (!n)
		return;
	if (b->n + n > b->cap) {
		size_t c = b->cap ? b->cap : 4096;
		while (c < b->n + n)
			c *= 2;
		unsigned char *q = realloc(b->p, c);
		if (!q) {
			perror("hostile_zip");
			exit(1);
		}
		b->p = q;
		b->cap = c;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
}

static void hz_le(hz_buf *b, uint64_t v, int k)
{
	unsigned char x[8];
	for (int i = 0; i < k; i++)
		x[i] = (unsigned char)(v >> (8 * i));
	hz_put(b, x, (size_t)k);
}

/* Compresses (raw deflate) or copies an entry's bytes into out; its CRC and true size. */
static void hz_body(const hz_entry *e, hz_buf *out, uint32_t *crc, uint64_t *size)
{
	size_t rep = e->repeat ? e->repeat : 1;
	uLong c = crc32(0, NULL, 0);
	*size = (uint64_t)e->len * rep;
	for (size_t r = 0; r < rep; r++)
		c = crc32(c, e->data, (uInt)e->len);
	*crc = (uint32_t)c;
	if (e->method != 8) {
		for (size_t r = 0; r < rep; r++)
			hz_put(out, e->data, e->len);
		return;
	}
	z_stream z;
	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
		fprintf(stderr, "hostile_zip: deflateInit2 failed\n");
		exit(1);
	}
	unsigned char chunk[65536];
	for (size_t r = 0; r < rep; r++) {
		z.next_in = (Bytef *)e->data;
		z.avail_in = (uInt)e->len;
		int flush = r + 1 == rep ? Z_FINISH : Z_NO_FLUSH;
		do {
			z.next_out = chunk;
			z.avail_out = sizeof chunk;
			deflate(&z, flush);
			hz_put(out, chunk, sizeof chunk - z.avail_out);
		} while (z.avail_out == 0 || (flush == Z_FINISH && z.avail_in > 0));
	}
	deflateEnd(&z);
}

/* The archive of n entries in memory (caller frees ->p). */
static hz_buf hz_build(const hz_entry *e, int n)
{
	hz_buf zb = {0}, cd = {0};
	uint64_t *off = calloc((size_t)n + 1, sizeof *off), *csize = calloc((size_t)n + 1, sizeof *csize),
		 *usize = calloc((size_t)n + 1, sizeof *usize);
	uint32_t *crc = calloc((size_t)n + 1, sizeof *crc);
	for (int i = 0; i < n; i++) {
		size_t nl = strlen(e[i].name);
		if (e[i].share >= 0 && e[i].share < i) {
			off[i] = off[e[i].share];
			csize[i] = csize[e[i].share];
			usize[i] = usize[e[i].share];
			crc[i] = crc[e[i].share];
		} else {
			hz_buf body = {0};
			hz_body(&e[i], &body, &crc[i], &usize[i]);
			csize[i] = body.n;
			if (e[i].size >= 0)
				usize[i] = (uint64_t)e[i].size;
			off[i] = zb.n;
			hz_le(&zb, 0x04034b50, 4);
			hz_le(&zb, 20, 2);
			hz_le(&zb, 0, 2);
			hz_le(&zb, (uint64_t)e[i].method, 2);
			hz_le(&zb, 0, 4); /* time and date */
			hz_le(&zb, crc[i], 4);
			hz_le(&zb, csize[i], 4);
			hz_le(&zb, usize[i], 4);
			hz_le(&zb, nl, 2);
			hz_le(&zb, 0, 2);
			hz_put(&zb, e[i].name, nl);
			if (body.n)
				hz_put(&zb, body.p, body.n);
			free(body.p);
		}
		hz_le(&cd, 0x02014b50, 4);
		hz_le(&cd, 20, 2);
		hz_le(&cd, 20, 2);
		hz_le(&cd, 0, 2);
		hz_le(&cd, (uint64_t)e[i].method, 2);
		hz_le(&cd, 0, 4);
		hz_le(&cd, crc[i], 4);
		hz_le(&cd, csize[i], 4);
		hz_le(&cd, usize[i], 4);
		hz_le(&cd, nl, 2);
		hz_le(&cd, 0, 2); /* extra */
		hz_le(&cd, 0, 2); /* comment */
		hz_le(&cd, 0, 2); /* disk */
		hz_le(&cd, 0, 2); /* internal attributes */
		hz_le(&cd, 0, 4); /* external attributes */
		hz_le(&cd, off[i], 4);
		hz_put(&cd, e[i].name, nl);
	}
	uint64_t cdoff = zb.n;
	hz_put(&zb, cd.p, cd.n);
	hz_le(&zb, 0x06054b50, 4);
	hz_le(&zb, 0, 2);
	hz_le(&zb, 0, 2);
	hz_le(&zb, (uint64_t)n, 2);
	hz_le(&zb, (uint64_t)n, 2);
	hz_le(&zb, cd.n, 4);
	hz_le(&zb, cdoff, 4);
	hz_le(&zb, 0, 2);
	free(cd.p);
	free(off);
	free(csize);
	free(usize);
	free(crc);
	return zb;
}

/* Writes the archive to path; 0 on success. */
__attribute__((unused)) static int hz_write(const char *path, const hz_entry *e, int n)
{
	hz_buf b = hz_build(e, n);
	FILE *f = fopen(path, "wb");
	int rc = !f || fwrite(b.p, 1, b.n, f) != b.n;
	if (f && fclose(f))
		rc = 1;
	free(b.p);
	return rc ? -1 : 0;
}

/* --- the OOXML parts a reader needs, for packages written with hz --- */

#define HZ_W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define HZ_S_NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define HZ_R_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

static const char hz_content_types[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
	"xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";

/* A workbook of nsheets sheets, every one pointing at xl/worksheets/sheet1.xml
 * (as a file may, so that one part is read for each), into *wb and *rels
 * (caller frees both). */
__attribute__((unused)) static void hz_workbook(int nsheets, char **wb, char **rels)
{
	size_t cap = 256 + (size_t)nsheets * 160;
	*wb = malloc(cap);
	*rels = malloc(cap);
	size_t k = (size_t)snprintf(*wb, cap,
				    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" HZ_S_NS
				    "\" xmlns:r=\"" HZ_R_NS "\"><sheets>");
	size_t r =
		(size_t)snprintf(*rels, cap,
				 "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
				 "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
	for (int i = 1; i <= nsheets; i++) {
		k += (size_t)snprintf(*wb + k, cap - k, "<sheet name=\"S%d\" sheetId=\"%d\" r:id=\"rId%d\"/>",
				      i, i, i);
		r += (size_t)snprintf(*rels + r, cap - r,
				      "<Relationship Id=\"rId%d\" Type=\"" HZ_R_NS
				      "/worksheet\" Target=\"worksheets/sheet1.xml\"/>",
				      i);
	}
	snprintf(*wb + k, cap - k, "</sheets></workbook>");
	snprintf(*rels + r, cap - r, "</Relationships>");
}

/* An XLSX of nsheets sheets all showing sheet (a whole worksheet part),
 * stored; 0 on success. */
__attribute__((unused)) static int hz_xlsx(const char *path, int nsheets, const char *sheet, size_t sheet_len)
{
	char *wb, *rels;
	hz_workbook(nsheets, &wb, &rels);
	hz_entry e[] = {HZ("[Content_Types].xml", hz_content_types, strlen(hz_content_types)),
			HZ("xl/workbook.xml", wb, strlen(wb)),
			HZ("xl/_rels/workbook.xml.rels", rels, strlen(rels)),
			HZ("xl/worksheets/sheet1.xml", sheet, sheet_len)};
	int rc = hz_write(path, e, 4);
	free(wb);
	free(rels);
	return rc;
}

/* A DOCX whose word/document.xml is doc (the whole part), stored; 0 on success. */
__attribute__((unused)) static int hz_docx(const char *path, const char *doc, size_t doc_len)
{
	hz_entry e[] = {HZ("[Content_Types].xml", hz_content_types, strlen(hz_content_types)),
			HZ("word/document.xml", doc, doc_len)};
	return hz_write(path, e, 2);
}

#endif
