/* xlsx_int.h - what the files of the XLSX adapter share, private to them:
 * the caps, the workbook (shared strings, number formats by style) and a
 * sheet as read (its cells and merged ranges, sparse). The files, in the
 * order a workbook goes through them:
 *   xlsx.c         the workbook: shared strings, styles, sheets in order
 *   xlsx_sheet.c   one worksheet streamed as parser events into cells
 *   xlsx_format.c  a cell's value as Excel shows it: number formats, dates
 *   xlsx_blocks.c  a sheet's rows split into blocks at blank rows: caption
 *                  and note lines, and a table with its merged cells */
#ifndef BL_INGEST_XLSX_INT_H
#define BL_INGEST_XLSX_INT_H

#include "ingest/xml.h"

enum { MAX_SHEETS = 256, MAX_FMTS = 4096 };

/* A number format code past Excel's own limit of 255 characters is none it
 * wrote; read per cell, a longer one would cost its length for every cell. */
enum { MAX_FMT_CODE = 255 };

/* Excel holds 32,767 characters in a cell: a cell of more than this is no
 * spreadsheet's, and is refused rather than cut. */
#define MAX_CELL_TEXT ((size_t)1 << 20)

/* Merged ranges overlap only in files Excel would repair; filling them costs
 * their area, so ranges covering more than this many times their table's
 * area are refused rather than filled over and over. */
enum { MAX_MERGE_OVERLAP = 4 };

typedef struct fmt {
	int id, seq; /* seq: file order, the first of one id wins */
	char *code;
} fmt;

typedef struct book {
	const char *name;
	bl_zip *z;
	char **sst; /* shared strings */
	size_t nsst, sstcap;
	int *xf_fmt; /* cellXfs: number format id per style index */
	size_t nxf, xfcap;
	const char **xf_code; /* the format code per style index, found once, not per cell */
	const char *code0;    /* a style index out of range: format 0's */
	fmt *fmts;
	size_t nfmts, fmtcap;
	int date1904;
	bl_sdoc *w;
} book;

/* One sheet as read: its non-blank cells and merged ranges, sparse, so
 * that cost follows the cells present, not the rows and columns they span. */
typedef struct cell {
	int r, c;
	size_t seq; /* document order: of two cells at one place the later wins */
	char *text;
} cell;

typedef struct merge {
	int r0, c0, r1, c1;
	size_t seq; /* list order: where ranges overlap the first listed wins */
} merge;

typedef struct srow {
	int r;
	size_t first, end; /* its cells, cs[first..end), by column */
} srow;

typedef struct sheet {
	const char *name; /* the tab, or NULL */
	cell *cs;
	size_t ncs, cscap;
	merge *mg;
	size_t nmg, mgcap;
	srow *rows;
	size_t nrows, rowcap;
	int nr, nc; /* one past the last row and column holding text */
} sheet;

/* --- xlsx_format.c --- */

/* Sorts the custom formats and resolves every style's format code once, so
 * that a cell finds its code at once. */
void bl_xlsx_resolve_formats(book *b);

/* The text of a cell as stored: its type t, style s, the first text of its
 * <v> and the text of its <is>, each NULL when absent. NULL when the cell
 * shows nothing; else the caller frees it. */
char *bl_xlsx_cell_value(const book *b, const char *t, const char *s, const char *v, const char *is);

/* --- xlsx_sheet.c --- */

/* Reads a worksheet (the member's name) as events into *sh: its first
 * <sheetData> (rows, cells) and its first <mergeCells>. */
bl_status bl_xlsx_sheet_read(book *b, const char *member, sheet *sh, bl_diag *diag);
void bl_xlsx_sheet_release(sheet *sh);

/* BL_ETOOBIG, the diagnostic naming the sheet and what it has too much of. */
bl_status bl_xlsx_too_big(const book *b, const sheet *sh, const char *what, bl_diag *diag);

/* --- xlsx_blocks.c --- */

/* Sorts the cells into rows and keeps the merged ranges that touch text. */
void bl_xlsx_sheet_index(sheet *sh);

/* Writes the sheet, block after block, into b->w. */
bl_status bl_xlsx_sheet_blocks(const book *b, sheet *sh, bl_diag *diag);

#endif
