/* xlsx_sheet.c - one worksheet read as a stream of parser events: its
 * rows and cells (each cell's value as Excel shows it), kept sparse, and its
 * merged ranges; memory is that of the cells kept, not of the area they
 * span. */
#include <stdio.h>
#include <string.h>

#include "ingest/xlsx_int.h"

static int ref_parse(const char *s, int *r, int *c)
{
	int col = 0, row = 0, nl = 0;
	while (*s == '$')
		s++;
	for (; *s >= 'A' && *s <= 'Z' && nl < 4; s++, nl++)
		col = col * 26 + (*s - 'A' + 1);
	while (*s == '$')
		s++;
	for (; *s >= '0' && *s <= '9' && row < 10000000; s++)
		row = row * 10 + (*s - '0');
	if (!nl || !row)
		return 0;
	*r = row - 1;
	*c = col - 1;
	return 1;
}

/* A row number as written (1-based), clamped so that arithmetic on it
 * cannot overflow: anything past the row cap is refused anyway. */
static int row_number(const char *s)
{
	long x = strtol(s, NULL, 10);
	return x < 0 ? 0 : x > 10000000 ? 10000000 : (int)x;
}

void bl_xlsx_sheet_release(sheet *sh)
{
	for (size_t i = 0; i < sh->ncs; i++)
		free(sh->cs[i].text);
	free(sh->cs);
	free(sh->mg);
	free(sh->rows);
}

bl_status bl_xlsx_too_big(const book *b, const sheet *sh, const char *what, bl_diag *diag)
{
	bl_diag_set(diag, BL_ETOOBIG, 0, b->name, "cannot read '%s': sheet '%s' %s", b->name,
		    sh->name ? sh->name : "?", what);
	return BL_ETOOBIG;
}

/* Keeps a cell; BL_ETOOBIG past the caps a table has (the document would be
 * refused whatever followed, so reading stops there). */
static bl_status keep_cell(const book *b, sheet *sh, int cr, int cc, char *v, bl_diag *diag)
{
	const char *q = v;
	while (*q == ' ')
		q++;
	if (!*q || cr < 0 || cc < 0) {
		free(v);
		return BL_OK;
	}
	char what[96];
	if (cr >= BL_SDOC_MAX_ROWS || cc >= BL_SDOC_MAX_COLS || sh->ncs >= BL_SDOC_MAX_CELLS) {
		free(v);
		if (cr >= BL_SDOC_MAX_ROWS)
			snprintf(what, sizeof what, "has text in row %d, past the %d rows a table may have",
				 cr + 1, BL_SDOC_MAX_ROWS);
		else if (cc >= BL_SDOC_MAX_COLS)
			snprintf(what, sizeof what,
				 "has text in column %d, past the %d columns a table may have", cc + 1,
				 BL_SDOC_MAX_COLS);
		else
			snprintf(what, sizeof what, "has more than %d cells", BL_SDOC_MAX_CELLS);
		return bl_xlsx_too_big(b, sh, what, diag);
	}
	*BL_PUSH(sh->cs, sh->ncs, sh->cscap) = (cell){cr, cc, sh->ncs, v};
	if (cr + 1 > sh->nr)
		sh->nr = cr + 1;
	if (cc + 1 > sh->nc)
		sh->nc = cc + 1;
	return BL_OK;
}

/* The state of a worksheet read as events. */
typedef struct sheet_reader {
	bl_xml_sax x;
	const book *b;
	sheet *sh;
	bl_diag *diag;
	int data, merges; /* the first <sheetData>, <mergeCells>: 0 not yet, 1 inside, 2 done */
	int in_row, r, next_row, next_col;
	/* the cell being read */
	int in_cell, cr, cc, ok; /* ok: its reference could be read */
	char t[16], s[16];       /* its type and style attributes */
	int has_t, has_s;
	bl_buf v, is; /* the first text of its <v>; the <t> text of its <is> */
	int v_state;  /* its first <v>: 0 not seen, 1 inside, 2 taking its first text, 3 done */
	int v_text;   /* that <v> had text */
	int has_is, in_is;
	int t_depth, skip_depth; /* the <t> being read, the phonetic run left out; -1 if none */
} sheet_reader;

static void cell_begin(sheet_reader *rd, const xmlChar **attrs, int nattr)
{
	char a[64];
	rd->in_cell = 1;
	rd->cr = rd->r;
	rd->cc = rd->next_col;
	rd->ok = 1;
	if (bl_xml_sax_attr(attrs, nattr, "r", a, sizeof a) && !ref_parse(a, &rd->cr, &rd->cc))
		rd->ok = 0; /* a reference that cannot be read: the cell is left out */
	if (rd->ok)
		rd->next_col = rd->cc + 1;
	rd->has_t = bl_xml_sax_attr(attrs, nattr, "t", rd->t, sizeof rd->t);
	rd->has_s = bl_xml_sax_attr(attrs, nattr, "s", rd->s, sizeof rd->s);
	bl_buf_release(&rd->v); /* kept small: a cell's text, not the largest cell's */
	bl_buf_release(&rd->is);
	rd->v_state = rd->v_text = rd->has_is = rd->in_is = 0;
	rd->t_depth = rd->skip_depth = -1;
}

static void cell_end(sheet_reader *rd)
{
	rd->in_cell = 0;
	if (!rd->ok)
		return;
	const char *v = rd->v_text ? (rd->v.p ? rd->v.p : "") : NULL;
	const char *is = rd->has_is ? (rd->is.p ? rd->is.p : "") : NULL;
	char *text = bl_xlsx_cell_value(rd->b, rd->has_t ? rd->t : NULL, rd->has_s ? rd->s : NULL, v, is);
	if (text)
		rd->x.st = keep_cell(rd->b, rd->sh, rd->cr, rd->cc, text, rd->diag);
}

static void on_start(bl_xml_sax *x, const char *local, int depth, const xmlChar **attrs, int nattr)
{
	sheet_reader *rd = x->user;
	char a[64];
	if (rd->v_state == 2)
		rd->v_state = 3; /* the <v>'s first text ends at an element */
	if (depth == 1) {
		int *part = NULL;
		if (strcmp(local, "sheetData") == 0)
			part = &rd->data;
		else if (strcmp(local, "mergeCells") == 0)
			part = &rd->merges;
		if (part && *part == 0)
			*part = 1;
		return;
	}
	if (depth == 2 && rd->merges == 1 && strcmp(local, "mergeCell") == 0) {
		char ref[64];
		merge g = {0, 0, 0, 0, rd->sh->nmg};
		const char *colon =
			bl_xml_sax_attr(attrs, nattr, "ref", ref, sizeof ref) ? strchr(ref, ':') : NULL;
		if (colon && ref_parse(ref, &g.r0, &g.c0) && ref_parse(colon + 1, &g.r1, &g.c1) &&
		    g.r1 >= g.r0 && g.c1 >= g.c0)
			*BL_PUSH(rd->sh->mg, rd->sh->nmg, rd->sh->mgcap) = g;
		return;
	}
	if (rd->data != 1)
		return;
	if (depth == 2 && strcmp(local, "row") == 0) {
		rd->in_row = 1;
		rd->r = bl_xml_sax_attr(attrs, nattr, "r", a, sizeof a) ? row_number(a) - 1 : rd->next_row;
		rd->next_row = rd->r + 1;
		rd->next_col = 0;
	} else if (depth == 3 && rd->in_row && strcmp(local, "c") == 0) {
		cell_begin(rd, attrs, nattr);
	} else if (depth == 4 && rd->in_cell) {
		if (strcmp(local, "v") == 0 && rd->v_state == 0)
			rd->v_state = 1;
		else if (strcmp(local, "is") == 0 && !rd->has_is)
			rd->has_is = rd->in_is = 1;
	} else if (depth > 4 && rd->in_is && rd->skip_depth < 0 && rd->t_depth < 0) {
		if (strcmp(local, "rPh") == 0 || strcmp(local, "phoneticPr") == 0)
			rd->skip_depth = depth; /* a phonetic reading is not the text */
		else if (strcmp(local, "t") == 0)
			rd->t_depth = depth; /* its own text, not its children's */
	}
}

static void on_end(bl_xml_sax *x, const char *local, int depth)
{
	sheet_reader *rd = x->user;
	(void)local;
	if (rd->v_state == 2)
		rd->v_state = 3;
	if (depth == 1) {
		if (rd->data == 1)
			rd->data = 2;
		if (rd->merges == 1)
			rd->merges = 2;
	} else if (depth == 2)
		rd->in_row = 0;
	else if (depth == 3 && rd->in_cell)
		cell_end(rd);
	else if (depth == 4 && rd->in_cell) {
		if (rd->v_state == 1)
			rd->v_state = 3; /* a <v> without text */
		rd->in_is = 0;
		rd->t_depth = rd->skip_depth = -1;
	} else if (depth == rd->skip_depth)
		rd->skip_depth = -1;
	else if (depth == rd->t_depth)
		rd->t_depth = -1;
}

static void on_text(bl_xml_sax *x, const char *s, size_t n, int depth)
{
	sheet_reader *rd = x->user;
	bl_buf *into = NULL;
	if (!rd->in_cell)
		return;
	if (depth == 5 && (rd->v_state == 1 || rd->v_state == 2)) {
		rd->v_state = 2;
		rd->v_text = 1;
		into = &rd->v;
	} else if (rd->in_is && rd->skip_depth < 0 && rd->t_depth >= 0 && depth == rd->t_depth + 1)
		into = &rd->is;
	if (into && bl_buf_put(into, s, n))
		x->st = bl_xlsx_too_big(
			rd->b, rd->sh,
			"has a cell of more than 1 MiB of text (Excel holds 32,767 characters)", rd->diag);
}

static void on_other(bl_xml_sax *x)
{
	sheet_reader *rd = x->user;
	if (rd->v_state == 2)
		rd->v_state = 3; /* a comment ends the <v>'s first text, as it ends a text node */
}

bl_status bl_xlsx_sheet_read(book *b, const char *member, sheet *sh, bl_diag *diag)
{
	sheet_reader rd;
	memset(&rd, 0, sizeof rd);
	rd.x = (bl_xml_sax){&rd, on_start, on_end, on_text, on_other, BL_OK};
	rd.b = b;
	rd.sh = sh;
	rd.diag = diag;
	rd.t_depth = rd.skip_depth = -1;
	rd.v = (bl_buf)BL_BUF_INIT(MAX_CELL_TEXT);
	rd.is = (bl_buf)BL_BUF_INIT(MAX_CELL_TEXT);
	bl_status st = bl_zip_xml_sax(b->z, b->name, member, &rd.x, diag);
	bl_buf_release(&rd.v);
	bl_buf_release(&rd.is);
	return st;
}
