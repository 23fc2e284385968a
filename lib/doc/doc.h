/* doc.h - the document in memory: its bytes, lines, positions and page
 * geometry, and the one struct every stage reads and fills in turn (the
 * order is lib/pipeline.c's). Private to the library. */
#ifndef BL_DOC_H
#define BL_DOC_H

#include "base/base.h"

typedef struct bl_line {
	size_t off, len; /* bytes in doc->bytes */
	int page;
	int flags;
} bl_line;
enum {
	BL_LINE_TABLE = 1,
	BL_LINE_BLANK = 2,
	BL_LINE_TOC = 4,
	BL_LINE_TTABLE = 8 /* a table rebuilt from laid-out text */
};

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
	int ocr;       /* the text was read by OCR from the page image */
	int ocr_conf;  /* mean symbol confidence, percent */
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
	char title[256]; /* the file's own title (a PDF's Info Title), UTF-8; "" when none */
} bl_geom;

void bl_geom_free(bl_geom *g);
struct bl_doc {
	char *path;
	char sha256[65]; /* of the bytes it was read from, as the ledger files them */
	size_t nsource;  /* how many bytes those were */
	char *bytes;     /* UTF-8 text, BOM removed */
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
	int *outcomes;        /* rule count x 4 */
	int checked;
	bl_arena arena;
	/* Lookup tables the stages keep for speed, NULL when not built: the
	 * column checkpoints of bl_doc_pos_of (text.c, in the arena) and, while
	 * the rules run, the facts by key, measure, basis and period of
	 * bl_fact_find (rules/registry.c). */
	struct bl_posidx *posidx;
	struct bl_factidx *factidx;
	struct bl_doc *companion;     /* the other file of the disclosure (bl_doc_pair), not owned */
	struct bl_doubtidx *doubtidx; /* the doubted figures, while the rules run (rules/doubt.c) */
};

/* Lines from text (doc/lines.c): decodes GB18030/UTF-16 to UTF-8, drops a BOM. */
bl_status bl_text_load(bl_doc *doc, const char *bytes, size_t n, bl_diag *diag);
/* Position of a byte offset in doc->bytes. */
bl_pos bl_doc_pos_of(const bl_doc *doc, size_t off);
size_t bl_doc_line_of(const bl_doc *doc, size_t off);

#endif
