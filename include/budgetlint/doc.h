/* doc.h - a disclosure as read: lines, pages, sections and profile. Include via budgetlint.h. */
#ifndef BUDGETLINT_DOC_H
#define BUDGETLINT_DOC_H

typedef struct bl_doc bl_doc;

typedef enum bl_kind { BL_KIND_UNKNOWN, BL_KIND_BUDGET, BL_KIND_FINAL } bl_kind;

/* 部门 (a department with its units) vs 单位 (one unit). */
typedef enum bl_level { BL_LEVEL_UNKNOWN, BL_LEVEL_DEPT, BL_LEVEL_UNIT } bl_level;

typedef enum bl_encoding { BL_ENC_UTF8, BL_ENC_UTF8_BOM, BL_ENC_GB18030, BL_ENC_UTF16 } bl_encoding;

/* The input format, chosen by content (magic bytes), not by file name. */
typedef enum bl_source { BL_SRC_TEXT, BL_SRC_PDF, BL_SRC_DOCX, BL_SRC_XLSX, BL_SRC_HTML } bl_source;

/* A box on a page in PDF points, origin at the top left. */
typedef struct bl_box {
	float x0, y0, x1, y1;
} bl_box;

/* What a document says about itself. Strings are NUL-terminated and owned
 * by the document; "" when not found. */
typedef struct bl_profile {
	bl_kind kind;
	bl_level level;
	int year;            /* report year, 0 if unknown */
	const char *unit;    /* unit name, spaces inside removed */
	const char *docno;   /* 文号, e.g. 开州政信发〔2024〕1号 */
	const char *signer;  /* 签发人 */
	const char *date;    /* publication date as printed */
	const char *contact; /* 联系人 and phone as printed */
	bl_pos unit_pos;     /* where the unit name was read */
	bl_pos year_pos;
	bl_pos kind_pos;
	int placeholders; /* XX / ×× placeholders in the text */
	int is_template;  /* the blank official template, not a disclosure */
	int unit_doubt;   /* 1: no text names the unit; it was read from the file name */
} bl_profile;

/* One heading of the section tree. level 1 = 第一部分, 2 = 一、, 3 = （一）,
 * 4 = 1、/1．, 5 = （1）; parent is an index into the same list or -1. */
typedef struct bl_section {
	int level;
	int parent;
	bl_str marker; /* "一、", "（三）" as printed */
	bl_str title;  /* text after the marker up to the first 。 or ： */
	bl_pos pos;
	int in_toc; /* 1 when the heading sits in a contents page */
} bl_section;

/* What the caller chooses about reading a document. Start from
 * BL_OPEN_OPTIONS_INIT, the defaults, and change what you need; fields may
 * be added at the end, so never fill the struct positionally. */
typedef struct bl_open_options {
	/* 1 (default): a scanned PDF page is read by OCR. 0: a scan is only
	 * detected, and a document of nothing but scans is refused. */
	int ocr;
	/* OCR threads, at most 8; 0 (default) or less: one per online core, at most 8. */
	int ocr_jobs;
} bl_open_options;

#define BL_OPEN_OPTIONS_INIT                                                                                 \
	{                                                                                                    \
		1, 0                                                                                         \
	}

/* Reads a file into *out with the options opts (NULL: the defaults): a
 * PDF, DOCX, XLSX or HTML page by its content, else text (UTF-8 with or
 * without BOM, GB18030/GBK or UTF-16; CRLF; form feed = page break). Reads
 * no environment variable. On failure returns non-zero, fills diag, and
 * *out is NULL. The caller frees the document with bl_doc_free. */
BL_API bl_status bl_doc_open_file_with(const char *path, const bl_open_options *opts, bl_doc **out,
				       bl_diag *diag);

/* The same from memory; name is used in messages. The bytes are copied. */
BL_API bl_status bl_doc_open_mem_with(const char *name, const char *bytes, size_t n,
				      const bl_open_options *opts, bl_doc **out, bl_diag *diag);

/* bl_doc_open_file_with and bl_doc_open_mem_with with the defaults. */
BL_API bl_status bl_doc_open_file(const char *path, bl_doc **out, bl_diag *diag);
BL_API bl_status bl_doc_open_mem(const char *name, const char *bytes, size_t n, bl_doc **out, bl_diag *diag);

/* Frees everything the document owns; accepts NULL. */
BL_API void bl_doc_free(bl_doc *doc);

BL_API const char *bl_doc_path(const bl_doc *doc);
BL_API bl_encoding bl_doc_encoding(const bl_doc *doc);
BL_API int bl_doc_pages(const bl_doc *doc);
BL_API int bl_doc_lines(const bl_doc *doc);
BL_API bl_source bl_doc_source(const bl_doc *doc);

/* The box on its page of ncp code points starting at pos (a PDF document's
 * text); returns 0 and leaves *out alone when the position has no geometry. */
BL_API int bl_doc_box(const bl_doc *doc, bl_pos pos, int ncp, bl_box *out);

/* Line n (1-based) as UTF-8 without its line ending; {NULL,0} past the end. */
BL_API bl_str bl_doc_line(const bl_doc *doc, int n);

BL_API const bl_profile *bl_doc_profile(const bl_doc *doc);
BL_API size_t bl_doc_nsections(const bl_doc *doc);
BL_API const bl_section *bl_doc_section(const bl_doc *doc, size_t i);

/* One disclosure, two files. A department often publishes its narrative
 * (情况说明) and its tables (公开表) as separate files. What a document
 * holds of a disclosure, as bits: */
enum { BL_HOLDS_NARRATIVE = 1, BL_HOLDS_TABLES = 2 };
BL_API unsigned bl_doc_holds(const bl_doc *doc);
/* Whether a and b look like the two halves of one disclosure: one holds
 * only the narrative and the other only the tables, and they agree on the
 * year, the kind, the level and the unit where both name them. 2 when both
 * name the unit and the year (not from a file name); 1 when one leaves the
 * unit or the year to the other, which only a group of files with one such
 * pair in it should settle; 0 when they are not. Either may be paired already. */
BL_API int bl_doc_pairs_with(const bl_doc *a, const bl_doc *b);
/* Pairs them, before either is checked: each is then checked with the
 * other (completeness across the pair, the narrative's figures against the
 * companion's tables). What one file does not say of itself (its unit, or
 * one read from its file name; its year, kind, level) it takes from the other.
 * Neither owns the other: free both, after both are done with. Returns
 * BL_EUSAGE (and pairs nothing) when a is b, or either is checked or paired. */
BL_API bl_status bl_doc_pair(bl_doc *a, bl_doc *b);
/* The companion bl_doc_pair gave, or NULL. */
BL_API const bl_doc *bl_doc_companion(const bl_doc *doc);

/* 1 when the file name's extension is one budgetlint reads (.txt .pdf
 * .docx .xlsx .html ...): what a directory walk picks up. */
BL_API int bl_doc_input_name(const char *path);

/* "text", "pdf", "docx", "xlsx", "html". */
BL_API const char *bl_source_name(bl_source s);

/* Names for enums, stable ASCII: "budget", "final", "unknown"; "dept", "unit". */
BL_API const char *bl_kind_name(bl_kind k);
BL_API const char *bl_level_name(bl_level l);

#endif
