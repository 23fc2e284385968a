/* pdf_int.h - what the files of the PDF adapter share, private to them:
 * the caps, a page's glyphs and rows while it is read and once it is kept,
 * and the document being read. The adapter's files, in the order a page
 * goes through them:
 *   pdf.c         the document: MuPDF's context and heap, the page loop,
 *                 the caps, the text and geometry handed on
 *   pdf_text.c    the text layer: glyphs collected, grouped into rows, a
 *                 page kept with the spaces its layout puts between glyphs
 *   pdf_rules.c   ruling lines drawn on the page (table borders), read in
 *                 the same run of the page as its text
 *   pdf_scan.c    scanned pages: rendered for OCR, read back as glyphs
 *   pdf_lines.c   running headers dropped; rows written out as lines,
 *                 each code point with its extent
 *   pdf_damage.c  repaired files: pages that cannot be read whole
 *   pdf_fonts.c   a page's composite fonts loaded before its run, their
 *                 font programs shared
 * Only these files see MuPDF's headers, and only they use fz_try. */
#ifndef BL_INGEST_PDF_INT_H
#define BL_INGEST_PDF_INT_H

#include <mupdf/fitz.h>
#include <mupdf/pdf.h>

#include "ingest/ingest.h"

/* Caps. Each protects the memory or the time of reading one document; a
 * document past one is refused with a message naming it, never read in part. */
enum {
	/* pages in a document: the per-page records, and the time of opening
	 * every page even when it is blank */
	MAX_PAGES = 5000,
	/* glyphs on one page: the page's working arrays (36 bytes a glyph) and
	 * its sort */
	MAX_CHARS_PER_PAGE = 400000,
	/* glyphs in the whole document, text layer and OCR: what is kept of
	 * every page until the document is assembled (16 bytes a glyph, and
	 * its row), and all later stages. The largest disclosure in the corpus
	 * has 12,289 glyphs in 30 pages; this is 5,000 pages of 400. */
	MAX_DOC_CHARS = 2000000,
	/* code points of the assembled text, glyphs and the spaces that lay out
	 * columns and indents (up to 60 between two glyphs): the geometry holds
	 * 8 bytes for each. The corpus has up to 5.8 a glyph (table pages). */
	MAX_DOC_TEXT = 16 << 20,
	/* ruling lines in the whole document, 16 bytes each: without it,
	 * MAX_PAGES pages of MAX_RULES_PER_PAGE would be 1.6 GB. The corpus
	 * has at most 3,553 in a document (142 a page), 522 on one page. */
	MAX_DOC_RULES = 1000000,
};

/* MuPDF's own memory while it reads one document: decoded fonts and
 * images, a page's text, its interpreter's stacks. A million nested q
 * operators or an image claiming 100,000 x 100,000 pixels is refused instead
 * of exhausting the machine. The corpus needs at most 15 MiB, a scanned copy
 * of it 27 MiB. */
#define MAX_PDF_HEAP ((size_t)512 << 20)

/* Ruling lines kept of one page (pdf_rules.c, and the lines OCR finds). */
enum { MAX_RULES_PER_PAGE = 20000 };

/* Scanned pages (pdf_scan.c). */
enum {
	OCR_DPI = 200,
	MAX_OCR_PAGES = 2000,
	/* one page image: its bytes (twice while it is copied out of MuPDF's
	 * pixmap) and Tesseract's time and memory, which grow with the pixels.
	 * A2 at 200 dpi; a larger page is rendered at a lower resolution */
	MAX_OCR_PIXELS = 16000000,
	/* the images waiting for OCR at once, in pixels */
	MAX_OCR_BATCH_PIXELS = 64000000,
	/* below this, body text (10.5 pt) is under 15 pixels high, too small for
	 * Tesseract: such a page is not rendered and stays a scan without text,
	 * reported like an illegible one (a page of A0 and more) */
	MIN_OCR_DPI = 100,
	/* Tesseract refuses an image over 32,767 pixels wide or high */
	MAX_OCR_SIDE = 32000,
};

typedef struct pchar {
	uint32_t c;
	float x0, x1, y0, y1; /* box */
	float base;           /* baseline y */
	float size;
	int space_before; /* a space character of the text layer stood before it */
	int ocr;          /* read from the page image */
} pchar;

/* What is kept of a character once its page is read: the code point, its
 * extent, and the spaces its row puts before it (pdf_text.c, at most 60). */
typedef struct kchar {
	uint32_t c;
	float x0, x1;
	uint8_t sp;
} kchar;

typedef struct prow {
	uint32_t first, n; /* into the page's chars: ch while it is read, kept after */
	float y0, y1, x0, size;
	int drop; /* header, footer or page number */
} prow;

typedef struct page_rows {
	pchar *ch; /* while the page is read; freed once it is kept */
	size_t nch, chcap;
	kchar *kept; /* each row's characters, row after row */
	prow *rows;
	size_t nrows, rowcap;
} page_rows;

/* A row that may be a running header, footer or page number: one of the
 * first or last two rows of a page, in its top or bottom tenth. */
typedef struct band_row {
	char *norm; /* its text with digits folded (pdf_text.c) */
	int page;
	uint32_t row;
} band_row;

/* MuPDF's allocations counted against MAX_PDF_HEAP (pdf.c). */
typedef struct pdf_heap {
	size_t used;
	size_t refused; /* an allocation refused at the cap and not made since, or 0 */
} pdf_heap;

/* The font programs shared by composite fonts so far (pdf_fonts.c). */
typedef struct shared_font shared_font;
typedef struct font_cache {
	shared_font *fonts; /* oldest first */
	size_t n, cap;
	size_t held;            /* bytes of the programs held, against MAX_SHARED_BYTES */
	fz_store_drop_fn *drop; /* what marks a font descriptor in MuPDF's store */
} font_cache;

/* One document being read, page after page. */
typedef struct pdf_read {
	const char *name;
	const char *bytes; /* the file */
	size_t nbytes;
	bl_diag *diag;
	bl_status st;
	bl_geom *g;
	page_rows *pages;
	int np;         /* pages read so far */
	size_t nglyphs; /* kept over the document, against MAX_DOC_CHARS */
	band_row *band; /* possible running headers, all pages */
	size_t nband, bandcap;
	bl_ocr_page *ocr; /* scans waiting for OCR, a batch at a time */
	size_t nocr, ocrcap;
	size_t ocr_pixels; /* of the waiting images */
	int ocr_total;     /* pages sent to OCR so far, against MAX_OCR_PAGES */
	int ocr_on, jobs;
	pdf_heap heap;
	font_cache fonts;
	int failed; /* the first page that could not be read, 1-based, or 0 */
	char failed_msg[200];
} pdf_read;

/* --- pdf.c --- */

/* Refuses the document (rd->st, its diagnostic) past the caps page p has
 * reached. */
void bl_pdf_page_caps(pdf_read *rd, int p);

/* --- pdf_text.c --- */

/* Collects the page's horizontal characters into pr; counts garbage and
 * large images into pi. */
void bl_pdf_collect(fz_stext_page *tp, fz_rect mb, page_rows *pr, bl_pageinfo *pi);

/* Ends the reading of page p once all its characters are in: its rows,
 * its state, the rows that may be running headers (into *band), and what
 * is kept of each row; the page's working arrays are freed. */
void bl_pdf_page_keep(page_rows *pr, bl_pageinfo *pi, int p, band_row **band, size_t *nband, size_t *bandcap);

/* --- pdf_rules.c --- */

/* A device for one page that passes every call on to text (MuPDF's
 * structured-text device) and keeps the ruling lines drawn into g->rules.
 * Dropped with fz_drop_device, after text (which it does not own). */
fz_device *bl_pdf_rules_device(fz_context *ctx, fz_device *text, fz_rect mb, bl_geom *g);

/* From now on the device reads calls for ruling lines only (the page's
 * annotations, whose text was never read). */
void bl_pdf_rules_detach(fz_device *dev);

/* Ends the page's ruling lines: kept as pi->rule0, pi->nrules when keep,
 * else taken out of g->rules again. */
void bl_pdf_rules_end(fz_device *dev, bl_pageinfo *pi, int keep);

/* --- pdf_scan.c --- */

/* Queues page p for OCR when it is a scan (almost no text over a large
 * image), OCR is on and MAX_OCR_PAGES allows: its grey image, at a
 * resolution within the caps. May throw (inside the caller's fz_try). */
void bl_pdf_scan_queue(fz_context *ctx, fz_page *page, pdf_read *rd, int p);

/* Reads the waiting scans, merges what was legible into their pages and
 * keeps those pages. */
void bl_pdf_ocr_flush(pdf_read *rd);

/* --- pdf_lines.c --- */

/* Marks the running headers and footers among the band rows of np pages. */
void bl_pdf_mark_running(page_rows *pages, bl_pageinfo *info, int np, band_row *band, size_t nband);

/* Writes one page's kept rows as lines of text and geometry; the last line
 * ends with '\f'. -1 past MAX_DOC_TEXT or the text buffer's cap. */
int bl_pdf_emit_page(const page_rows *pr, const bl_pageinfo *pi, bl_buf *text, bl_geom *g);

/* --- pdf_fonts.c --- */

/* Loads the composite fonts of the page's resources that no page has used
 * yet into MuPDF's store, as pdf_load_font would, sharing font programs
 * (see pdf_fonts.c). Never throws: a font it cannot load is left to MuPDF. */
void bl_pdf_fonts_prepare(fz_context *ctx, font_cache *fs, fz_page *page);

/* Releases the shared programs; before the document is dropped. */
void bl_pdf_fonts_drop(fz_context *ctx, font_cache *fs);

/* --- pdf_damage.c --- */

/* A PDF that MuPDF had to repair, or whose page failed: refused (rd->st,
 * its diagnostic) when a page cannot be read whole. */
void bl_pdf_check_damage(fz_context *ctx, fz_document *fd, pdf_read *rd, int total);

#endif
