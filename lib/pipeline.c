/* pipeline.c - opening a document: every stage in the order the data
 * flows, each one named call in bl_doc_open_mem_with:
 *   open       the format the bytes are, by content (ingest/registry.c)
 *   adapter    its text, with the PDF's geometry or the grids of a
 *              structured input (ingest/)
 *   lines      the text decoded into the document's lines (doc/lines.c);
 *              a document with no text is refused here
 *   flow, structure, tables, profile, facts, texts   (read/, table/)
 * The one file that knows them all: ingest, read, table, rules. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "ingest/ingest.h"
#include "rules/rules.h"

/* Every refusal names its file: a stage's message that does not ("text is
 * neither UTF-8 nor GB18030/GBK") gets the "cannot read 'NAME': " prefix. */
static void name_the_file(bl_diag *diag, const char *name)
{
	if (!diag || strstr(diag->msg, name))
		return;
	char msg[2 * sizeof diag->msg];
	int k = snprintf(msg, sizeof msg, "cannot read '%s': %s", name,
			 diag->msg[0] ? diag->msg : bl_strerror(diag->status));
	size_t len = k < 0 ? 0 : (size_t)k < sizeof diag->msg ? (size_t)k : sizeof diag->msg - 1;
	memcpy(diag->msg, msg, len);
	diag->msg[len] = 0;
	if (!diag->path[0])
		snprintf(diag->path, sizeof diag->path, "%s", name);
}

/* An empty file, or one with nothing but white space once read (a PDF of
 * blank or unreadable pages, a DOCX without paragraphs), has nothing to
 * check: a clear refusal, never a clean pass. Page problems found on the way
 * (an illegible scan) are named, since they are why nothing was read. */
static bl_status no_text(const bl_doc *doc, const char *name, size_t n, bl_diag *diag)
{
	if (n == 0) {
		bl_diag_set(diag, BL_EFORMAT, 0, name, "cannot read '%s': the file is empty", name);
		return BL_EFORMAT;
	}
	for (size_t i = 0; i < doc->nlines; i++) {
		const char *p = doc->bytes + doc->lines[i].off;
		for (size_t k = 0; k < doc->lines[i].len; k++) {
			unsigned char c = (unsigned char)p[k];
			if (c == 0xE3 && k + 2 < doc->lines[i].len && (unsigned char)p[k + 1] == 0x80 &&
			    (unsigned char)p[k + 2] == 0x80)
				k += 2; /* U+3000 ideographic space */
			else if (c != ' ' && c != '\t' && c != '\f' && c != '\r' && c != '\n')
				return BL_OK;
		}
	}
	int unread = 0;
	for (int p = 0; doc->geom && p < doc->geom->npages; p++)
		unread += doc->geom->pages[p].state != BL_PAGE_OK;
	if (unread)
		bl_diag_set(diag, BL_EFORMAT, 0, name,
			    "cannot read '%s': no text (%d of %d pages have no readable text layer and OCR "
			    "read nothing)",
			    name, unread, doc->geom->npages);
	else
		bl_diag_set(diag, BL_EFORMAT, 0, name, "cannot read '%s': no text to check", name);
	return BL_EFORMAT;
}

/* adapter: the format's text, with the geometry (PDF) or grids (structured
 * inputs) it came with handed to the document; a structured input that hit
 * a cap is refused, never read as a cut document. */
static bl_status adapt(bl_doc *doc, const bl_adapter *ad, const char *name, const char *bytes, size_t n,
		       const bl_open_options *opts, bl_extract *ex, bl_diag *diag)
{
	doc->source = ad->source;
	bl_status st = ad->extract(name, bytes, n, opts, ex, diag);
	doc->geom = ex->geom;
	doc->sdoc = ex->sdoc;
	if (!st && ex->sdoc)
		st = bl_sdoc_check(ex->sdoc, name, diag);
	return st;
}

/* lines: the adapter's text as the document's lines, which must be the
 * lines its geometry or grids count. */
static bl_status adapted_lines(bl_doc *doc, const bl_extract *ex, const char *name, bl_diag *diag)
{
	const bl_buf *text = ex->sdoc ? &ex->sdoc->text : &ex->text;
	bl_status st = bl_text_load(doc, text->p ? text->p : "", text->n, diag);
	size_t want = doc->geom ? doc->geom->nlines : doc->sdoc ? doc->sdoc->nlines : doc->nlines;
	if (!st && doc->nlines != want) {
		st = BL_EFORMAT;
		bl_diag_set(diag, st, 0, name, "cannot read '%s': internal line mismatch (%zu vs %zu)", name,
			    doc->nlines, want);
	}
	return st;
}

/* The adapter's text is copied into the document's lines: its buffers go. */
static void release_extract(bl_doc *doc, bl_extract *ex)
{
	bl_buf_release(&ex->text);
	if (doc->sdoc)
		bl_buf_release(&doc->sdoc->text);
}

BL_API bl_status bl_doc_open_mem_with(const char *name, const char *bytes, size_t n,
				      const bl_open_options *opts, bl_doc **out, bl_diag *diag)
{
	static const bl_open_options defaults = BL_OPEN_OPTIONS_INIT;
	*out = NULL;
	bl_doc *doc = bl_xcalloc(1, sizeof *doc);
	doc->path = bl_xstrndup(name, strlen(name));
	bl_sha256_hex(bytes, n,
		      doc->sha256); /* the ledger files a document by it, without reading it again */
	doc->nsource = n;
	bl_extract ex = {BL_BUF_INIT((size_t)64 << 20), NULL, NULL};
	bl_status st;
	const bl_adapter *ad = bl_adapter_for(name, bytes, n, &st, diag); /* open: NULL for plain text */
	if (!st && ad)
		st = adapt(doc, ad, name, bytes, n, opts ? opts : &defaults, &ex, diag);
	if (!st)
		st = ad ? adapted_lines(doc, &ex, name, diag) : bl_text_load(doc, bytes, n, diag);
	release_extract(doc, &ex);
	if (!st)
		st = no_text(doc, name, n, diag);
	if (st) {
		name_the_file(diag, name);
		bl_doc_free(doc);
		return st;
	}
	bl_flow_build(doc);      /* the narrative: table rows and contents set aside, wraps joined */
	bl_structure_build(doc); /* paragraphs, sentences, the section tree */
	bl_tables_build(doc);    /* tables from ruled grids, structured grids and laid-out text */
	bl_profile_build(doc);   /* unit, year, kind, 文号 ... */
	bl_facts_build(doc);     /* figures with units, resolved into keyed facts */
	bl_texts_build(doc);     /* the free texts: reasons, purposes, duties */
	*out = doc;
	return BL_OK;
}

BL_API bl_status bl_doc_open_file_with(const char *path, const bl_open_options *opts, bl_doc **out,
				       bl_diag *diag)
{
	*out = NULL;
	struct stat sb;
	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		bl_diag_set(diag, BL_EUSAGE, EISDIR, path, "cannot open '%s': Is a directory", path);
		return BL_EUSAGE;
	}
	char *bytes = NULL;
	size_t n = 0;
	bl_status st = bl_file_read(path, &bytes, &n, diag);
	if (st)
		return st;
	st = bl_doc_open_mem_with(path, bytes, n, opts, out, diag);
	free(bytes);
	return st;
}

BL_API bl_status bl_doc_open_mem(const char *name, const char *bytes, size_t n, bl_doc **out, bl_diag *diag)
{
	return bl_doc_open_mem_with(name, bytes, n, NULL, out, diag);
}

BL_API bl_status bl_doc_open_file(const char *path, bl_doc **out, bl_diag *diag)
{
	return bl_doc_open_file_with(path, NULL, out, diag);
}

BL_API void bl_doc_free(bl_doc *doc)
{
	if (!doc)
		return;
	free(doc->path);
	free(doc->bytes);
	free(doc->lines);
	free(doc->flow.cp);
	free(doc->flow.src);
	free(doc->sent);
	free(doc->para_start);
	free(doc->sec);
	free(doc->sec_of_para);
	free(doc->facts);
	free(doc->texts);
	free(doc->findings);
	free(doc->confirmed);
	free(doc->outcomes);
	bl_geom_free(doc->geom);
	bl_sdoc_free(doc->sdoc);
	free(doc->sdoc);
	free(doc->tables);
	bl_arena_release(&doc->arena);
	free(doc);
}

BL_API bl_source bl_doc_source(const bl_doc *doc)
{
	return doc->source;
}

BL_API int bl_doc_box(const bl_doc *doc, bl_pos pos, int ncp, bl_box *out)
{
	const bl_geom *g = doc->geom;
	if (!g || pos.line < 1 || (size_t)pos.line > g->nlines || pos.col < 1 || ncp < 1)
		return 0;
	const bl_lgeom *l = &g->lines[pos.line - 1];
	float x0 = -1, x1 = -1;
	for (int k = pos.col - 1; k < pos.col - 1 + ncp && (uint32_t)k < l->n; k++) {
		float a = g->x0[l->first + (uint32_t)k], b = g->x1[l->first + (uint32_t)k];
		if (a < 0)
			continue; /* an inserted space */
		if (x0 < 0 || a < x0)
			x0 = a;
		if (b > x1)
			x1 = b;
	}
	if (x0 < 0)
		return 0;
	out->x0 = x0;
	out->x1 = x1;
	out->y0 = l->y0;
	out->y1 = l->y1;
	return 1;
}
