/* ingest.h - what the input adapters share and hand on: OCR of scanned
 * pages, the structured-document writer, zip members, and the adapter
 * table. Later stages read a document's grids (bl_sgrid) from here. */
#ifndef BL_INGEST_H
#define BL_INGEST_H

#include "doc/doc.h"

/* --- OCR of scanned pages (ingest/ocr.c) --- */
typedef struct bl_ocr_char {
	uint32_t c;
	float x0, y0, x1, y1; /* points, origin top left; y0/y1 of the text line */
	float conf;           /* 0..100 */
	int word_start;
} bl_ocr_char;

typedef struct bl_ocr_page {
	int page;            /* 0-based */
	unsigned char *gray; /* w x h, one byte per pixel; ruling lines are painted out */
	int w, h;
	float scale; /* points per pixel */
	bl_ocr_char *ch;
	size_t nch, chcap;
	bl_ruling *rules; /* found in the image, in points */
	size_t nrules, rcap;
	float conf; /* mean over the symbols */
	int done;
	char err[96];
} bl_ocr_page;

/* Finds ruling lines and recognises the text of n page images with jobs
 * threads (Tesseract, chi_sim, one engine per thread). A page that could
 * not be read has done == 0 and err set. */
void bl_ocr_run(bl_ocr_page *pages, int n, int jobs);
void bl_ocr_page_free(bl_ocr_page *pg);

/* The OCR threads the options ask for, 1..8 (ingest/options.c). */
int bl_ocr_threads(const bl_open_options *opts);

/* --- structured inputs (DOCX, XLSX, HTML): ingest/sdoc.c --- */

/* A table of a structured input on the grid its cells span: the same shape
 * table.c builds from a PDF's ruling lines, with each cell's text already
 * placed on the document's lines. */
typedef struct bl_sgrid {
	int page;
	int nb, nc;
	int *start;                   /* nb x nc: the column where the merged cell holding (b, c) starts */
	char *open;                   /* nb x nc: the cell goes on from band b - 1 */
	char **text;                  /* nb x nc: text at a cell's top band and start column, else NULL */
	bl_pos *pos;                  /* nb x nc: where that text starts */
	size_t first_line, last_line; /* document lines (0-based) of the first and last band */
} bl_sgrid;

typedef struct bl_scell {
	int row, col, rowspan, colspan, vcont;
	char *text;
} bl_scell;

/* Writes a structured document as lines: inline text with whitespace
 * collapsed, paragraph ends, page breaks, and tables cell by cell. */
typedef struct bl_sdoc {
	bl_buf text;
	size_t nlines; /* lines completed */
	int page, col; /* col: code points on the current line */
	int space;     /* a space is pending: 1, or 2 when it held a line end */
	uint32_t last; /* the last code point written or captured */
	int html;      /* a line end between two CJK characters is no space */
	bl_sgrid *grids;
	size_t ngrids, gcap;
	size_t *tlines; /* table rows: lines flow.c must treat as table lines */
	size_t ntlines, tlcap;
	size_t ncells; /* cells over all tables, capped */
	int over;      /* a cap was hit; the adapter refuses the document */
	/* the table being built */
	int depth; /* tables open; inner ones are flattened into their cell */
	bl_scell *cells;
	size_t ncell, ccap;
	int *busy; /* per column: the first row not covered by a cell above */
	size_t bcap;
	int row, nrows, ncols;
	bl_buf *cap; /* the cell being captured, or NULL */
	bl_buf cellbuf;
} bl_sdoc;

enum { BL_SDOC_MAX_ROWS = 20000, BL_SDOC_MAX_COLS = 256, BL_SDOC_MAX_CELLS = 2000000 };

void bl_sdoc_init(bl_sdoc *w, int html);
void bl_sdoc_free(bl_sdoc *w);
void bl_sdoc_put(bl_sdoc *w, const char *s, size_t n); /* inline text */
void bl_sdoc_endpara(bl_sdoc *w);                      /* ends a paragraph (a space inside a cell) */
void bl_sdoc_pagebreak(bl_sdoc *w);
void bl_sdoc_table_begin(bl_sdoc *w);
void bl_sdoc_row(bl_sdoc *w); /* starts the next row */
void bl_sdoc_cell_begin(bl_sdoc *w, int rowspan, int colspan, int vcont);
void bl_sdoc_cell_end(bl_sdoc *w);
void bl_sdoc_skip(bl_sdoc *w, int ncols); /* leaves cells of the row empty */
void bl_sdoc_table_end(bl_sdoc *w);
int bl_sdoc_in_cell(const bl_sdoc *w);
/* BL_ETOOBIG with the limits named when a cap was hit, else BL_OK. */
bl_status bl_sdoc_check(const bl_sdoc *w, const char *name, bl_diag *diag);

/* What an adapter hands to the document: text, and the geometry (PDF) or
 * the grids (structured inputs) it came with. */
typedef struct bl_extract {
	bl_buf text;
	bl_geom *geom;
	bl_sdoc *sdoc;
} bl_extract;

/* An input format (ingest/registry.c): sniffed by content, else by name.
 * extract reads the bytes with the caller's options (never NULL). */
typedef struct bl_adapter {
	const char *name;
	bl_source source;
	const char *exts; /* ".docx" or ".html.htm" */
	int (*sniff)(const char *bytes, size_t n);
	bl_status (*extract)(const char *name, const char *bytes, size_t n, const bl_open_options *opts,
			     bl_extract *out, bl_diag *diag);
} bl_adapter;

/* The adapter for these bytes, or NULL for plain text; a file that claims a
 * format by name but is not one fails with a diagnostic. */
const bl_adapter *bl_adapter_for(const char *name, const char *bytes, size_t n, bl_status *st, bl_diag *diag);

bl_status bl_docx_extract(const char *name, const char *bytes, size_t n, const bl_open_options *opts,
			  bl_extract *out, bl_diag *diag);
bl_status bl_xlsx_extract(const char *name, const char *bytes, size_t n, const bl_open_options *opts,
			  bl_extract *out, bl_diag *diag);
bl_status bl_html_extract(const char *name, const char *bytes, size_t n, const bl_open_options *opts,
			  bl_extract *out, bl_diag *diag);

/* Zip members for the OOXML adapters (ingest/zip.c): the member's bytes,
 * NUL-terminated, in *out (caller frees); refused past the caps or when
 * the archive expands far more than its compressed size suggests. */
typedef struct bl_zip bl_zip;
bl_status bl_zip_open(const char *name, const char *bytes, size_t n, bl_zip **out, bl_diag *diag);
int bl_zip_has(bl_zip *z, const char *member);
bl_status bl_zip_read(bl_zip *z, const char *member, char **out, size_t *n, bl_diag *diag);
void bl_zip_close(bl_zip *z);

/* PDF text layer to lines with geometry (ingest/pdf.c and the files
 * pdf_int.h lists), scanned pages read by OCR when opts->ocr: fills *text
 * (UTF-8, one '\n' per line, '\f' ending each page's last line) and *geom. */
bl_status bl_pdf_extract(const char *name, const char *bytes, size_t n, const bl_open_options *opts,
			 bl_buf *text, bl_geom *geom, bl_diag *diag);

#endif
