/* registry.c - the input formats as rows of one table: name, source,
 * extensions, how to recognise the bytes, how to read them. A file is read
 * by what it is (magic bytes) first and by its name only when the bytes do
 * not say. */
#include <pthread.h>
#include <string.h>
#include <strings.h>

#include "ingest/ingest.h"

static int sniff_pdf(const char *b, size_t n)
{
	return n >= 5 && memcmp(b, "%PDF-", 5) == 0;
}

static int is_zip(const char *b, size_t n)
{
	return n >= 4 && memcmp(b, "PK\x03\x04", 4) == 0;
}

static int has(const char *b, size_t n, const char *s)
{
	size_t k = strlen(s);
	for (size_t i = 0; i + k <= n; i++)
		if (b[i] == s[0] && memcmp(b + i, s, k) == 0)
			return 1;
	return 0;
}

/* OOXML packages name their main part in the zip directories (stored
 * uncompressed), so the bytes tell a DOCX from an XLSX. */
static int sniff_docx(const char *b, size_t n)
{
	return is_zip(b, n) && has(b, n, "word/document.xml");
}

static int sniff_xlsx(const char *b, size_t n)
{
	return is_zip(b, n) && has(b, n, "xl/workbook.xml");
}

static int sniff_html(const char *b, size_t n)
{
	size_t i = n >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n'))
		i++;
	if (i >= n || b[i] != '<')
		return 0;
	static const char *const tags[] = {"<!doctype html", "<html", "<head", "<body",
					   "<table",         "<meta", NULL};
	size_t lim = n - i < 1024 ? n - i : 1024;
	for (size_t k = 0; k < lim; k++)
		for (const char *const *t = tags; *t; t++) {
			size_t tn = strlen(*t);
			if (k + tn <= lim && strncasecmp(b + i + k, *t, tn) == 0)
				return 1;
		}
	return 0;
}

static bl_status pdf_extract(const char *name, const char *bytes, size_t n, const bl_open_options *opts,
			     bl_extract *out, bl_diag *diag)
{
	out->geom = bl_xcalloc(1, sizeof *out->geom);
	return bl_pdf_extract(name, bytes, n, opts, &out->text, out->geom, diag);
}

static const bl_adapter adapters[] = {
	{"pdf", BL_SRC_PDF, ".pdf", sniff_pdf, pdf_extract},
	{"docx", BL_SRC_DOCX, ".docx", sniff_docx, bl_docx_extract},
	{"xlsx", BL_SRC_XLSX, ".xlsx", sniff_xlsx, bl_xlsx_extract},
	{"html", BL_SRC_HTML, ".html.htm.shtml.xhtml", sniff_html, bl_html_extract},
	{"text", BL_SRC_TEXT, ".txt.text", NULL, NULL},
};
enum { NADAPTERS = sizeof adapters / sizeof adapters[0] };

/* Does the file name end in one of the extensions listed in exts? */
static int ext_in(const char *name, const char *exts)
{
	const char *dot = strrchr(name, '.');
	if (!dot || strchr(dot, '/'))
		return 0;
	size_t dn = strlen(dot);
	for (const char *e = exts; *e;) {
		const char *next = strchr(e + 1, '.');
		size_t en = next ? (size_t)(next - e) : strlen(e);
		if (en == dn && strncasecmp(e, dot, dn) == 0)
			return 1;
		e += en;
	}
	return 0;
}

const bl_adapter *bl_adapter_for(const char *name, const char *bytes, size_t n, bl_status *st, bl_diag *diag)
{
	*st = BL_OK;
	for (int i = 0; i < NADAPTERS; i++)
		if (adapters[i].sniff && adapters[i].sniff(bytes, n))
			return adapters[i].source == BL_SRC_TEXT ? NULL : &adapters[i];
	if (n >= 8 && memcmp(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0) {
		bl_diag_set(diag, BL_EFORMAT, 0, name,
			    "cannot read '%s': an old binary Office file (Word 97-2003 .doc or Excel .xls); "
			    "save it as "
			    ".docx or .xlsx",
			    name);
		*st = BL_EFORMAT;
		return NULL;
	}
	for (int i = 0; i < NADAPTERS; i++) {
		if (!adapters[i].extract || !ext_in(name, adapters[i].exts))
			continue;
		if (adapters[i].source == BL_SRC_HTML)
			return &adapters[i]; /* a page without the usual opening tags is still a page */
		bl_diag_set(diag, BL_EFORMAT, 0, name,
			    "cannot read '%s': named %s but the content is not one (%s)", name,
			    adapters[i].name,
			    is_zip(bytes, n) ? "a zip archive without the parts of that format"
					     : "wrong magic bytes");
		*st = BL_EFORMAT;
		return NULL;
	}
	if (is_zip(bytes, n)) {
		bl_diag_set(diag, BL_EFORMAT, 0, name,
			    "cannot read '%s': a zip archive that is neither DOCX nor XLSX", name);
		*st = BL_EFORMAT;
	}
	return NULL;
}

BL_API int bl_doc_input_name(const char *path)
{
	for (int i = 0; i < NADAPTERS; i++)
		if (ext_in(path, adapters[i].exts))
			return 1;
	return 0;
}

/* Built once (pthread_once): the table may be read from several threads. */
static bl_format formats[NADAPTERS];
static void formats_init(void)
{
	for (int i = 0; i < NADAPTERS; i++)
		formats[i] = (bl_format){adapters[i].name, adapters[i].exts};
}

BL_API const bl_format *bl_format_at(size_t i)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	if (i >= NADAPTERS)
		return NULL;
	pthread_once(&once, formats_init);
	return &formats[i];
}

static int ocr_known;
/* A white page: recognised (as nothing) only when Tesseract and chi_sim load. */
static void ocr_probe(void)
{
	unsigned char *white = bl_xcalloc(1, 64 * 64);
	memset(white, 255, 64 * 64);
	bl_ocr_page pg = {.gray = white, .w = 64, .h = 64, .scale = 1};
	bl_ocr_run(&pg, 1, 1);
	ocr_known = pg.done;
	bl_ocr_page_free(&pg);
}

BL_API int bl_ocr_available(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, ocr_probe);
	return ocr_known;
}

BL_API const char *bl_source_name(bl_source s)
{
	for (int i = 0; i < NADAPTERS; i++)
		if (adapters[i].source == s)
			return adapters[i].name;
	return "text";
}
