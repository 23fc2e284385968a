/* internal.h - types and helpers shared inside the library, never installed. */
#ifndef BL_INTERNAL_H
#define BL_INTERNAL_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "budgetlint/budgetlint.h"

/* --- memory: one out-of-memory policy (abort with a message) --- */
void *bl_xmalloc(size_t n);
void *bl_xcalloc(size_t n, size_t size);
void *bl_xrealloc(void *p, size_t n);
char *bl_xstrndup(const char *s, size_t n);

/* Grows *arr (of *cap elements of size sz) to hold at least need elements. */
void bl_grow(void **arr, size_t *cap, size_t need, size_t sz);
#define BL_PUSH(arr, n, cap) \
	(bl_grow((void **)&(arr), &(cap), (n) + 1, sizeof(*(arr))), &(arr)[(n)++])

/* Bump allocator for a document's small strings; freed all at once. */
typedef struct bl_arena_block bl_arena_block;
typedef struct bl_arena {
	bl_arena_block *head;
} bl_arena;
#define BL_ARENA_INIT {NULL}
void *bl_arena_alloc(bl_arena *a, size_t n);
char *bl_arena_strndup(bl_arena *a, const char *s, size_t n);
char *bl_arena_printf(bl_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void bl_arena_release(bl_arena *a);

/* Growable byte buffer with a cap (curl dynbuf). */
typedef struct bl_buf {
	char *p;
	size_t n, cap, max;
} bl_buf;
#define BL_BUF_INIT(max) {NULL, 0, 0, (max)}
int bl_buf_put(bl_buf *b, const void *s, size_t n); /* 0, or -1 past max */
int bl_buf_putc(bl_buf *b, int c);
int bl_buf_printf(bl_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void bl_buf_release(bl_buf *b);

void bl_diag_set(bl_diag *d, bl_status s, int err, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Reads a whole file (at most 64 MiB) into *out, which the caller frees. */
bl_status bl_file_read(const char *path, char **out, size_t *n, bl_diag *diag);

/* --- output hygiene (clean.c) --- */
/* 1 for a code point no output carries raw: C0 controls but tab and newline,
 * DEL, C1 controls, bidirectional embeddings/overrides/isolates, U+2028/9, BOM. */
int bl_cp_unsafe(uint32_t c);
/* Unsafe code points and invalid bytes in s[0..n). */
size_t bl_clean_count(const char *s, size_t n);
/* Copies s[0..n) to b (or out) with each unsafe code point and invalid byte
 * replaced by U+FFFD, and newlines by spaces unless keep_newline; returns
 * the number replaced. */
size_t bl_clean_buf(bl_buf *b, const char *s, size_t n, int keep_newline);
size_t bl_clean_fput(FILE *out, const char *s, size_t n, int keep_newline);
/* Would a spreadsheet read this cell as a formula (= + - @, not a signed number)? */
int bl_csv_formula(const char *s, size_t n);
/* One CSV cell: quoted when needed (or always), a formula neutralised with a
 * leading apostrophe, unsafe code points replaced. */
void bl_csv_cell(FILE *out, const char *s, size_t n, int always_quote);

/* Writes s as a JSON string (null for NULL): the one escaper of the JSON reports. */
void bl_json_put(FILE *out, const char *s);

/* The Chinese name of a fact key ("general.basic" 一般公共预算财政拨款基本支出). */
void bl_key_label_buf(const char *key, char *out, size_t cap);

/* SHA-256 of n bytes as 64 lowercase hex digits and a NUL. */
void bl_sha256_hex(const void *data, size_t n, char out[65]);

/* --- UTF-8 --- */
/* Decodes one code point at s (n bytes left); stores its length in *len.
 * Invalid bytes decode as U+FFFD with length 1. */
uint32_t bl_utf8_decode(const char *s, size_t n, int *len);
int bl_utf8_encode(uint32_t c, char out[4]);
int bl_utf8_valid(const char *s, size_t n);
/* Code points in n bytes of UTF-8 (continuation bytes not counted). */
size_t bl_utf8_count(const char *s, size_t n);
/* Display width of a code point: 2 for CJK and full-width, else 1. */
int bl_cp_width(uint32_t c);
/* Folds full-width ASCII (digits, %, ., comma) and ideographic space to ASCII. */
uint32_t bl_cp_fold(uint32_t c);

/* --- the document in memory --- */
typedef struct bl_line {
	size_t off, len; /* bytes in doc->bytes */
	int page;
	int flags;
} bl_line;
enum { BL_LINE_TABLE = 1, BL_LINE_BLANK = 2, BL_LINE_TOC = 4, BL_LINE_TTABLE = 8 /* a table rebuilt from laid-out text */ };

/* The flow: the narrative as one sequence of folded code points, soft line
 * wraps removed, each code point mapped back to its source byte. */
typedef struct bl_flow {
	uint32_t *cp;
	uint32_t *src; /* byte offset in doc->bytes */
	size_t n, cap;
} bl_flow;

typedef struct bl_sentence {
	size_t start, end; /* flow indices, [start, end) */
	int paragraph;
} bl_sentence;

typedef struct bl_finding_rec bl_finding_rec;

/* Where the text came from, for documents read from a page layout (PDF):
 * each line's page box and each code point's horizontal extent, in PDF
 * points with the origin at the top left. Inserted spaces have x0 = x1 = -1. */
typedef struct bl_lgeom {
	uint32_t first, n; /* into bl_geom.x0 / x1 */
	float y0, y1;
} bl_lgeom;

enum { BL_PAGE_OK, BL_PAGE_BROKEN, BL_PAGE_NOTEXT };
typedef struct bl_pageinfo {
	float w, h;
	int nchars;   /* characters in the text layer */
	int nbad;     /* of those, unmapped or garbage glyphs */
	int nimages;  /* images covering a large part of the page */
	int state;    /* BL_PAGE_* */
	int nremoved; /* running header, footer or page number lines dropped */
	int overflow; /* more characters than the per-page cap */
	size_t rule0; /* this page's ruling lines: geom.rules[rule0 .. rule0 + nrules) */
	int nrules;
	int ocr;      /* the text was read by OCR from the page image */
	int ocr_conf; /* mean symbol confidence, percent */
	float ocr_dpi; /* the resolution its image was rendered at for OCR; 0 if it was not */
} bl_pageinfo;

/* A ruling line of a page (a table border): horizontal when y0 == y1,
 * vertical when x0 == x1; page coordinates as for bl_lgeom. */
typedef struct bl_ruling {
	float x0, y0, x1, y1;
} bl_ruling;

typedef struct bl_geom {
	bl_lgeom *lines; /* one per document line */
	size_t nlines, lines_cap;
	float *x0, *x1;
	size_t n, cap;
	bl_pageinfo *pages;
	int npages;
	bl_ruling *rules;
	size_t nrules, rules_cap;
} bl_geom;

void bl_geom_free(bl_geom *g);

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
	float scale;         /* points per pixel */
	bl_ocr_char *ch;
	size_t nch, chcap;
	bl_ruling *rules;    /* found in the image, in points */
	size_t nrules, rcap;
	float conf;          /* mean over the symbols */
	int done;
	char err[96];
} bl_ocr_page;

/* Finds ruling lines and recognises the text of n page images with jobs
 * threads (Tesseract, chi_sim, one engine per thread). A page that could
 * not be read has done == 0 and err set. */
void bl_ocr_run(bl_ocr_page *pages, int n, int jobs);
void bl_ocr_page_free(bl_ocr_page *pg);

struct bl_doc {
	char *path;
	char *bytes; /* UTF-8 text, BOM removed */
	size_t nbytes;
	bl_encoding encoding;
	bl_line *lines;
	size_t nlines, lines_cap;
	int npages;
	int wrapped; /* lines were wrapped by an extractor (PDF text), not one paragraph per line */
	bl_flow flow;
	bl_sentence *sent;
	size_t nsent, sent_cap;
	int *para_start; /* flow index where each paragraph starts */
	size_t npara, para_cap;
	bl_section *sec;
	size_t nsec, sec_cap;
	int *sec_of_para; /* innermost section of each paragraph, -1 if none */
	bl_profile profile;
	bl_fact *facts;
	size_t nfacts, facts_cap;
	bl_doc_text *texts;
	size_t ntexts, texts_cap;
	bl_finding *findings;
	size_t nfindings, findings_cap;
	bl_source source;
	bl_geom *geom; /* NULL for plain text */
	bl_table *tables;
	size_t ntables;
	bl_pos *confirmed; /* OCR table figures an equation of their table confirmed */
	size_t nconfirmed, confirmed_cap;
	struct bl_sdoc *sdoc; /* structured inputs: their grids and table lines; NULL otherwise */
	int *outcomes; /* rule count x 4 */
	int checked;
	bl_arena arena;
	/* Lookup tables the stages keep for speed, NULL when not built: the
	 * column checkpoints of bl_doc_pos_of (text.c, in the arena) and, while
	 * the rules run, the facts by key, measure, basis and period of
	 * bl_fact_find (rules/registry.c). */
	struct bl_posidx *posidx;
	struct bl_factidx *factidx;
};

/* --- structured inputs (DOCX, XLSX, HTML): ingest/sdoc.c --- */

/* A table of a structured input on the grid its cells span: the same shape
 * table.c builds from a PDF's ruling lines, with each cell's text already
 * placed on the document's lines. */
typedef struct bl_sgrid {
	int page;
	int nb, nc;
	int *start;  /* nb x nc: the column where the merged cell holding (b, c) starts */
	char *open;  /* nb x nc: the cell goes on from band b - 1 */
	char **text; /* nb x nc: text at a cell's top band and start column, else NULL */
	bl_pos *pos; /* nb x nc: where that text starts */
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
	size_t nlines;        /* lines completed */
	int page, col;        /* col: code points on the current line */
	int space;            /* a space is pending: 1, or 2 when it held a line end */
	uint32_t last;        /* the last code point written or captured */
	int html;             /* a line end between two CJK characters is no space */
	bl_sgrid *grids;
	size_t ngrids, gcap;
	size_t *tlines;       /* table rows: lines flow.c must treat as table lines */
	size_t ntlines, tlcap;
	size_t ncells;        /* cells over all tables, capped */
	int over;             /* a cap was hit; the adapter refuses the document */
	/* the table being built */
	int depth;            /* tables open; inner ones are flattened into their cell */
	bl_scell *cells;
	size_t ncell, ccap;
	int *busy;            /* per column: the first row not covered by a cell above */
	size_t bcap;
	int row, nrows, ncols;
	bl_buf *cap;          /* the cell being captured, or NULL */
	bl_buf cellbuf;
} bl_sdoc;

enum { BL_SDOC_MAX_ROWS = 20000, BL_SDOC_MAX_COLS = 256, BL_SDOC_MAX_CELLS = 2000000 };

void bl_sdoc_init(bl_sdoc *w, int html);
void bl_sdoc_free(bl_sdoc *w);
void bl_sdoc_put(bl_sdoc *w, const char *s, size_t n); /* inline text */
void bl_sdoc_endpara(bl_sdoc *w);                      /* ends a paragraph (a space inside a cell) */
void bl_sdoc_pagebreak(bl_sdoc *w);
void bl_sdoc_table_begin(bl_sdoc *w);
void bl_sdoc_row(bl_sdoc *w);                          /* starts the next row */
void bl_sdoc_cell_begin(bl_sdoc *w, int rowspan, int colspan, int vcont);
void bl_sdoc_cell_end(bl_sdoc *w);
void bl_sdoc_skip(bl_sdoc *w, int ncols);              /* leaves cells of the row empty */
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

/* An input format (ingest/registry.c): sniffed by content, else by name. */
typedef struct bl_adapter {
	const char *name;
	bl_source source;
	const char *exts; /* ".docx" or ".html.htm" */
	int (*sniff)(const char *bytes, size_t n);
	bl_status (*extract)(const char *name, const char *bytes, size_t n, bl_extract *out, bl_diag *diag);
} bl_adapter;

/* The adapter for these bytes, or NULL for plain text; a file that claims a
 * format by name but is not one fails with a diagnostic. */
const bl_adapter *bl_adapter_for(const char *name, const char *bytes, size_t n, bl_status *st, bl_diag *diag);

bl_status bl_docx_extract(const char *name, const char *bytes, size_t n, bl_extract *out, bl_diag *diag);
bl_status bl_xlsx_extract(const char *name, const char *bytes, size_t n, bl_extract *out, bl_diag *diag);
bl_status bl_html_extract(const char *name, const char *bytes, size_t n, bl_extract *out, bl_diag *diag);

/* Zip members for the OOXML adapters (ingest/zip.c): the member's bytes,
 * NUL-terminated, in *out (caller frees); refused past the caps or when
 * the archive expands far more than its compressed size suggests. */
typedef struct bl_zip bl_zip;
bl_status bl_zip_open(const char *name, const char *bytes, size_t n, bl_zip **out, bl_diag *diag);
int bl_zip_has(bl_zip *z, const char *member);
bl_status bl_zip_read(bl_zip *z, const char *member, char **out, size_t *n, bl_diag *diag);
void bl_zip_close(bl_zip *z);

/* Stages, each in its own file. */
bl_status bl_text_load(bl_doc *doc, const char *bytes, size_t n, bl_diag *diag); /* text.c */
/* PDF text layer to lines with geometry (ingest/pdf.c): fills *text (UTF-8,
 * one '\n' per line, '\f' ending each page's last line) and *geom. */
bl_status bl_pdf_extract(const char *name, const char *bytes, size_t n, bl_buf *text, bl_geom *geom,
			 bl_diag *diag);
void bl_flow_build(bl_doc *doc);                                                 /* flow.c */
void bl_structure_build(bl_doc *doc);                                            /* structure.c */
void bl_tables_build(bl_doc *doc);                                              /* table.c */
void bl_profile_build(bl_doc *doc);                                              /* profile.c */
void bl_facts_build(bl_doc *doc);                                                /* fact.c */
void bl_texts_build(bl_doc *doc);                                                /* texts.c */
/* Does s[0..n) contain any of words ("|"-separated)? */
int bl_has_any(const char *s, size_t n, const char *words);
/* The template topic a heading names ("basic", "duties", "sangong",
 * "admin_cost", ...; see texts.c), or NULL. */
const char *bl_section_topic(const char *title, size_t n);
/* The text with this id, key ("" for none) and basis, or NULL. */
const char *bl_doc_text_find(const bl_doc *doc, const char *id, const char *key, bl_basis b);

/* A heading or list marker at cp[i] (lim bounds it): 1 第X部分, 2 一、,
 * 3 （一）, 4 1、 or 1. (not 1.5), 5 （1）; stores the index past it in
 * *end. 0 when there is none (structure.c). */
int bl_marker_parse(const uint32_t *cp, size_t i, size_t lim, size_t *end);

/* Position of a byte offset in doc->bytes. */
bl_pos bl_doc_pos_of(const bl_doc *doc, size_t off);
/* Byte span of flow [a, b) as a slice of the source (may cross lines). */
bl_str bl_flow_slice(const bl_doc *doc, size_t a, size_t b);
/* Index of the line holding byte off (0-based). */
size_t bl_doc_line_of(const bl_doc *doc, size_t off);

/* Quotes skipped in a row by a phrase match (“三公”经费: one or two): a
 * longer run ends the match, so matching across a run of n costs O(n). */
#define BL_QUOTE_RUN 4
/* Does the flow at i start with the UTF-8 phrase p? Quotes in the flow are
 * skipped. Returns the number of flow code points matched, or 0. */
size_t bl_flow_match(const bl_flow *f, size_t i, size_t end, const char *p);
/* Finds p in flow [a, b); returns its index or (size_t)-1. */
size_t bl_flow_find(const bl_flow *f, size_t a, size_t b, const char *p);
/* Finds p in flow [a, b) searching backwards from b; last start index or -1. */
size_t bl_flow_rfind(const bl_flow *f, size_t a, size_t b, const char *p);

/* The first flow index whose source byte is at or after off (binary search). */
size_t bl_flow_index(const bl_flow *f, size_t off);

/* A year 1990..2100 at flow i followed (after spaces) by 年, not preceded by a
 * digit: returns it and stores the index of 年 in *nian; else 0. */
int bl_flow_year_at(const bl_flow *f, size_t i, size_t end, size_t *nian);

/* Flow [a, b) as a NUL-terminated UTF-8 string in the arena (folded). */
char *bl_flow_text(const bl_doc *doc, size_t a, size_t b, int drop_spaces, bl_arena *ar);

/* Findings: the rule code adds them through this. */
bl_finding *bl_finding_add(bl_doc *doc, const char *rule, bl_severity sev, bl_pos pos, int span);
/* Adds evidence to f: text is copied into doc's arena, so the caller may pass
 * a slice of any buffer, a stack one included (a borrowed slice once outlived
 * the rule that made it). Past BL_MAX_EVIDENCE it is dropped. */
void bl_finding_evidence(bl_doc *doc, bl_finding *f, bl_pos pos, bl_str text);
void bl_outcome_count(bl_doc *doc, const char *rule, bl_outcome o);

/* Rational helpers on millionths, exact with 128-bit products. */
typedef __int128 bl_i128;

#endif
