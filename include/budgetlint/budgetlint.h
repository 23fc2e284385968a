/* budgetlint.h - umbrella header: version, status codes, diagnostics. */
#ifndef BUDGETLINT_H
#define BUDGETLINT_H

#include <stddef.h>
#include <stdint.h>

#if defined(BL_BUILDING_LIB)
#define BL_API __attribute__((visibility("default")))
#else
#define BL_API
#endif

#define BL_VERSION "0.1.0"

/* Status of a fallible call. Codes are appended, never renumbered. */
typedef enum bl_status {
	BL_OK = 0,
	BL_ENOENT,    /* file does not exist */
	BL_EIO,       /* read error */
	BL_ETOOBIG,   /* input past a size cap */
	BL_EENCODING, /* bytes are neither UTF-8 nor GB18030 */
	BL_EFORMAT,   /* not a format any adapter reads */
	BL_EUSAGE,    /* bad argument from the caller */
	BL_EOVERFLOW, /* a figure too large to hold exactly */
	BL_ENOMEM,    /* a library we call ran out of memory */
	BL_EDB /* the database itself failed, not the input: diag.err says how (ENOSPC, ECONNRESET, EROFS) */
} bl_status;

/* Where a failure happened and why; filled by fallible calls. */
typedef struct bl_diag {
	bl_status status;
	int err;        /* errno, 0 if none */
	char path[512]; /* file concerned, "" if none */
	char msg[512];  /* human-readable, Chinese or English */
} bl_diag;

/* A static English description of a status code. */
BL_API const char *bl_strerror(bl_status s);

/* The library version string, e.g. "0.1.0". */
BL_API const char *bl_version(void);

/* An input format the library reads: a row of its adapter table
 * (lib/ingest/registry.c). A file is read by its content first; the
 * extensions are what a directory walk picks up. */
typedef struct bl_format {
	const char *name; /* "pdf", "docx", "xlsx", "html", "text" (bl_source_name's) */
	const char *exts; /* each with its dot, one after the other: ".html.htm.shtml.xhtml" */
} bl_format;

/* The input formats, in the order their bytes are tried; NULL past the last. */
BL_API const bl_format *bl_format_at(size_t i);

/* 1 when scanned pages can be read: Tesseract (libtesseract.so.5, loaded
 * at run time) with its chi_sim data. Found out once, by reading a blank
 * page image; without it every PDF with a text layer is still read. */
BL_API int bl_ocr_available(void);

/* A borrowed slice of UTF-8 bytes; not NUL-terminated. */
typedef struct bl_str {
	const char *p;
	size_t n;
} bl_str;

/* A place in a document: all 1-based; col counts code points. */
typedef struct bl_pos {
	int page;
	int line;
	int col;
} bl_pos;

#include "dec.h"
#include "doc.h"
#include "table.h"
#include "fact.h"
#include "rule.h"
#include "report.h"
#include "template.h"

#endif
