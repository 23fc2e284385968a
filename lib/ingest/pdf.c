/* pdf.c - a PDF's text layer as lines in reading order, each code point with
 * its box; running headers, footers and page numbers kept out of the text;
 * pages whose text layer is missing or garbage detected, not parsed.
 *
 * This file reads the document page after page; pdf_int.h lists the
 * files each page goes through (text layer, ruling lines, scans, lines).
 * They are the only ones that use MuPDF, and so the only ones with fz_try.
 *
 * Lines are rebuilt from characters, not taken from MuPDF's blocks: every
 * character on a page is placed by its baseline, characters sharing a
 * baseline form one line across the whole width (so a table row is one
 * line whatever the cell blocks were), and horizontal gaps become spaces in
 * proportion to their width (so table columns stay apart, as with
 * pdftotext -layout).
 *
 * Pages are read one at a time: a page's working arrays are freed once its
 * rows are built, and what is kept of it is compact, so memory follows one
 * page plus the document's text, under document-wide caps. A file MuPDF had
 * to repair is refused when a page cannot be read whole (cut short, objects
 * lost), and every MuPDF error becomes a status and a message naming the
 * file. */
#include <stddef.h>
#include <string.h>

#include "ingest/pdf_int.h"

/* MuPDF's own messages would interleave with our output; what matters
 * reaches the caller as a status, a diag or a per-page state instead. */
static void quiet(void *user, const char *message)
{
	(void)user;
	(void)message;
}

/* MuPDF's allocator, counted against MAX_PDF_HEAP. It calls malloc itself,
 * not bl_xmalloc: MuPDF recovers from a refused allocation (it empties its
 * cache and retries, then throws), where bl_xmalloc would abort. */
#define HEAP_HDR sizeof(max_align_t) /* each block starts with its size */

static void *heap_malloc(void *user, size_t n)
{
	pdf_heap *h = user;
	if (n > MAX_PDF_HEAP - h->used) {
		h->refused = n;
		return NULL;
	}
	size_t *b = malloc(n + HEAP_HDR);
	if (!b)
		return NULL;
	*b = n;
	h->used += n;
	if (h->refused == n)
		h->refused = 0; /* MuPDF freed its cache and the retry fitted */
	return (char *)b + HEAP_HDR;
}

static void *heap_realloc(void *user, void *old, size_t n)
{
	pdf_heap *h = user;
	if (!old)
		return heap_malloc(user, n);
	char *b = (char *)old - HEAP_HDR;
	size_t was = *(size_t *)(void *)b;
	if (n > was && n - was > MAX_PDF_HEAP - h->used) {
		h->refused = n;
		return NULL;
	}
	char *nb = realloc(b, n + HEAP_HDR);
	if (!nb)
		return NULL;
	*(size_t *)(void *)nb = n;
	h->used = h->used - was + n;
	if (h->refused == n)
		h->refused = 0;
	return nb + HEAP_HDR;
}

static void heap_free(void *user, void *p)
{
	pdf_heap *h = user;
	if (!p)
		return;
	char *b = (char *)p - HEAP_HDR;
	h->used -= *(size_t *)(void *)b;
	free(b);
}

/* MuPDF's message for the diagnostic: one line of printable ASCII. */
static void copy_message(char *out, size_t cap, const char *msg)
{
	size_t k = 0;
	for (; msg && msg[k] && k + 1 < cap; k++)
		out[k] = msg[k] >= 0x20 && msg[k] < 0x7F ? msg[k] : '?';
	out[k] = 0;
}

/* Only pages with text can hold a table we can read (a table with no
 * figures still has its title, header and 本表无数据 note). */
static int has_text(const page_rows *pr)
{
	return pr->nch > 0;
}

void bl_pdf_page_caps(pdf_read *rd, int p)
{
	const bl_pageinfo *pi = &rd->g->pages[p];
	if (rd->st)
		return;
	if (pi->overflow) {
		rd->st = BL_ETOOBIG;
		bl_diag_set(rd->diag, rd->st, 0, rd->name,
			    "cannot read '%s': page %d has more than %d characters", rd->name, p + 1,
			    MAX_CHARS_PER_PAGE);
	} else if (rd->nglyphs > MAX_DOC_CHARS) {
		rd->st = BL_ETOOBIG;
		bl_diag_set(rd->diag, rd->st, 0, rd->name,
			    "cannot read '%s': more than %d characters in the document (reached on page %d)",
			    rd->name, MAX_DOC_CHARS, p + 1);
	} else if (rd->g->nrules > MAX_DOC_RULES) {
		rd->st = BL_ETOOBIG;
		bl_diag_set(
			rd->diag, rd->st, 0, rd->name,
			"cannot read '%s': more than %d ruling lines in the document (reached on page %d)",
			rd->name, MAX_DOC_RULES, p + 1);
	} else if (rd->heap.refused) {
		rd->st = BL_ENOMEM;
		bl_diag_set(rd->diag, rd->st, 0, rd->name,
			    "cannot read '%s': page %d needs more than %zu MiB of memory to read", rd->name,
			    p + 1, MAX_PDF_HEAP >> 20);
	}
}

/* Runs the page once: its contents through MuPDF's text device, each call
 * passed on by the device that keeps ruling lines (pdf_rules.c); then,
 * when the page has text, its annotations and widgets for ruling lines
 * only, as their text was never read. Throws what MuPDF throws. */
static void run_page(fz_context *ctx, fz_page *page, fz_rect mb, pdf_read *rd, int p)
{
	static const fz_stext_options opts = {FZ_STEXT_PRESERVE_IMAGES | FZ_STEXT_MEDIABOX_CLIP, 0};
	page_rows *pr = &rd->pages[p];
	bl_pageinfo *pi = &rd->g->pages[p];
	fz_stext_page *tp = NULL;
	fz_device *text = NULL, *dev = NULL;
	fz_var(tp);
	fz_var(text);
	fz_var(dev);
	fz_try (ctx) {
		tp = fz_new_stext_page(ctx, mb);
		text = fz_new_stext_device(ctx, tp, &opts);
		dev = bl_pdf_rules_device(ctx, text, mb, rd->g);
		fz_run_page_contents(ctx, page, dev, fz_identity, NULL);
		bl_pdf_rules_detach(dev);
		fz_close_device(ctx, text);
		bl_pdf_collect(tp, mb, pr, pi);
		if (has_text(pr)) {
			fz_run_page_annots(ctx, page, dev, fz_identity, NULL);
			fz_run_page_widgets(ctx, page, dev, fz_identity, NULL);
		}
		fz_close_device(ctx, dev);
		bl_pdf_rules_end(dev, pi, has_text(pr));
	}
	fz_always (ctx) {
		fz_drop_device(ctx, dev);
		fz_drop_device(ctx, text);
		fz_drop_stext_page(ctx, tp);
	}
	fz_catch (ctx)
		fz_rethrow(ctx);
}

/* Reads page p: its characters and ruling lines, and its image when it is a
 * scan to read by OCR. Throws what MuPDF throws. */
static void read_page(fz_context *ctx, fz_document *fd, pdf_read *rd, int p)
{
	fz_page *page = NULL;
	fz_var(page);
	fz_try (ctx) {
		bl_pageinfo *pi = &rd->g->pages[p];
		page = fz_load_page(ctx, fd, p);
		bl_pdf_fonts_prepare(ctx, &rd->fonts, page);
		fz_rect mb = fz_bound_page(ctx, page);
		pi->w = mb.x1 - mb.x0;
		pi->h = mb.y1 - mb.y0;
		run_page(ctx, page, mb, rd, p);
		bl_pdf_scan_queue(ctx, page, rd, p);
	}
	fz_always (ctx)
		fz_drop_page(ctx, page);
	fz_catch (ctx)
		fz_rethrow(ctx);
}

/* read_page, its failure recorded in rd->failed; throws only when the
 * machine is out of memory. */
static void try_page(fz_context *ctx, fz_document *fd, pdf_read *rd, int p)
{
	fz_try (ctx)
		read_page(ctx, fd, rd, p);
	fz_catch (ctx) {
		if (rd->heap.refused)
			; /* past MAX_PDF_HEAP: bl_pdf_page_caps says so */
		else if (fz_caught(ctx) == FZ_ERROR_MEMORY)
			fz_rethrow(ctx); /* the machine's memory, not the document */
		else {
			rd->failed = p + 1;
			copy_message(rd->failed_msg, sizeof rd->failed_msg, fz_caught_message(ctx));
		}
	}
}

/* Reads every page; a page that fails to load or to run ends the reading
 * (rd->failed). Throws for the document as a whole. */
static void read_pages(fz_context *ctx, fz_document *fd, pdf_read *rd, int total)
{
	for (int p = 0; p < total && !rd->st && !rd->failed; p++) {
		page_rows *pr = &rd->pages[p];
		size_t queued = rd->nocr;
		try_page(ctx, fd, rd, p);
		rd->np = p + 1;
		if (rd->failed)
			break;
		rd->nglyphs += pr->nch;
		bl_pdf_page_caps(rd, p);
		if (rd->nocr == queued)
			bl_pdf_page_keep(pr, &rd->g->pages[p], p, &rd->band, &rd->nband, &rd->bandcap);
		if (rd->nocr >= (size_t)(4 * rd->jobs) || rd->ocr_pixels >= MAX_OCR_BATCH_PIXELS)
			bl_pdf_ocr_flush(rd);
	}
	if (!rd->st && !rd->failed)
		bl_pdf_ocr_flush(rd);
}

/* The kept pages as text and geometry. */
static void emit(pdf_read *rd, bl_buf *text)
{
	bl_pdf_mark_running(rd->pages, rd->g->pages, rd->np, rd->band, rd->nband);
	for (int p = 0; p < rd->np && !rd->st; p++)
		if (bl_pdf_emit_page(&rd->pages[p], &rd->g->pages[p], text, rd->g)) {
			rd->st = BL_ETOOBIG;
			if (rd->g->n >= MAX_DOC_TEXT)
				bl_diag_set(rd->diag, rd->st, 0, rd->name,
					    "cannot read '%s': its text with the spaces of its layout is "
					    "longer than %d "
					    "characters",
					    rd->name, MAX_DOC_TEXT);
			else
				bl_diag_set(rd->diag, rd->st, 0, rd->name,
					    "cannot read '%s': its text is larger than 64 MiB", rd->name);
		}
	if (!rd->st && rd->np == 0) {
		rd->st = BL_EFORMAT;
		bl_diag_set(rd->diag, rd->st, 0, rd->name, "cannot read '%s': the PDF has no pages",
			    rd->name);
	}
}

/* What reading kept besides the text and geometry: the pages' rows, the
 * band rows, scans still waiting (when reading stopped before their batch). */
static void read_release(pdf_read *rd)
{
	for (size_t i = 0; i < rd->nocr; i++)
		bl_ocr_page_free(&rd->ocr[i]);
	free(rd->ocr);
	for (size_t i = 0; i < rd->nband; i++)
		free(rd->band[i].norm);
	free(rd->band);
	for (int p = 0; rd->pages && p < rd->np; p++) {
		free(rd->pages[p].ch);
		free(rd->pages[p].kept);
		free(rd->pages[p].rows);
	}
	free(rd->pages);
}

bl_status bl_pdf_extract(const char *name, const char *bytes, size_t n, const bl_open_options *opts,
			 bl_buf *text, bl_geom *g, bl_diag *diag)
{
	memset(g, 0, sizeof *g);
	pdf_read rd = {.name = name, .bytes = bytes, .nbytes = n, .diag = diag, .g = g};
	rd.ocr_on = opts->ocr != 0;
	rd.jobs = bl_ocr_threads(opts);
	fz_alloc_context alloc = {&rd.heap, heap_malloc, heap_realloc, heap_free};
	fz_context *ctx = fz_new_context(&alloc, NULL, 64 << 20);
	if (!ctx) {
		bl_diag_set(diag, BL_ENOMEM, 0, name, "cannot read '%s': out of memory for the PDF reader",
			    name);
		return BL_ENOMEM;
	}
	fz_set_warning_callback(ctx, quiet, NULL);
	fz_set_error_callback(ctx, quiet, NULL);
	fz_stream *stm = NULL;
	fz_document *fd = NULL;
	fz_var(stm);
	fz_var(fd);
	fz_var(rd);
	fz_try (ctx) {
		fz_register_document_handlers(ctx);
		stm = fz_open_memory(ctx, (const unsigned char *)bytes, n);
		fd = fz_open_document_with_stream(ctx, "application/pdf", stm);
		if (fz_needs_password(ctx, fd)) {
			rd.st = BL_EFORMAT;
			bl_diag_set(diag, rd.st, 0, name,
				    "cannot read '%s': the PDF is encrypted (it needs a password)", name);
			fz_throw(ctx, FZ_ERROR_GENERIC, "encrypted");
		}
		/* what the file calls itself: a witness of the unit when no page names it */
		if (fz_lookup_metadata(ctx, fd, FZ_META_INFO_TITLE, g->title, (int)sizeof g->title) < 0)
			g->title[0] = 0;
		int total = fz_count_pages(ctx, fd);
		if (total > MAX_PAGES) {
			rd.st = BL_ETOOBIG;
			bl_diag_set(diag, rd.st, 0, name, "cannot read '%s': %d pages, more than %d", name,
				    total, MAX_PAGES);
			fz_throw(ctx, FZ_ERROR_GENERIC, "too many pages");
		}
		rd.pages = bl_xcalloc(total > 0 ? (size_t)total : 1, sizeof *rd.pages);
		g->pages = bl_xcalloc(total > 0 ? (size_t)total : 1, sizeof *g->pages);
		read_pages(ctx, fd, &rd, total);
		bl_pdf_check_damage(ctx, fd, &rd, total);
	}
	fz_always (ctx) {
		bl_pdf_fonts_drop(ctx, &rd.fonts);
		fz_drop_document(ctx, fd);
		fz_drop_stream(ctx, stm);
	}
	fz_catch (ctx) {
		if (rd.st == BL_OK && rd.heap.refused) {
			rd.st = BL_ENOMEM;
			bl_diag_set(diag, rd.st, 0, name,
				    "cannot read '%s': the PDF needs more than %zu MiB of memory to read",
				    name, MAX_PDF_HEAP >> 20);
		} else if (rd.st == BL_OK && fz_caught(ctx) == FZ_ERROR_MEMORY) {
			rd.st = BL_ENOMEM;
			bl_diag_set(diag, rd.st, 0, name, "cannot read '%s': out of memory", name);
		} else if (rd.st == BL_OK) {
			char msg[200];
			copy_message(msg, sizeof msg, fz_caught_message(ctx));
			rd.st = BL_EFORMAT;
			bl_diag_set(diag, rd.st, 0, name, "cannot read '%s': not a readable PDF (%s)", name,
				    msg);
		}
	}
	fz_drop_context(ctx);
	g->npages = rd.np;
	if (rd.st == BL_OK)
		emit(&rd, text);
	read_release(&rd);
	return rd.st;
}

void bl_geom_free(bl_geom *g)
{
	if (!g)
		return;
	free(g->lines);
	free(g->x0);
	free(g->x1);
	free(g->pages);
	free(g->rules);
	free(g);
}
