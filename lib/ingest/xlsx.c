/* xlsx.c - spreadsheets (.xlsx) as budget systems export them.
 *
 * Each visible sheet is a page. Its cells are shown as Excel would show
 * them: a number through its cell's number format (decimals, thousands
 * separators, percent), computed from the stored value in decimal, never
 * through a binary float's digits. Rows are split into blocks at blank
 * rows; in each block the leading rows that are a caption (a title, a
 * 单位：万元 line) and the trailing notes become lines, and the rest a grid
 * with its merged cells, so that table.c finds title, unit and columns as
 * it does in a PDF.
 *
 * A sheet is read as a stream of parser events, its cells kept sparse and
 * its merged ranges found in one pass over their areas: time and memory
 * follow the cells present, not the rows and columns they span or the
 * ranges listed. A stored value Excel could not hold as a number (1e400,
 * 400 digits, NaN) or that is no number at all (hex, "-") shows as Excel's
 * own #NUM! or #VALUE!: text, so a doubt in its table, never a figure.
 *
 * This file reads the workbook (shared strings, styles, its sheets in
 * order); xlsx_int.h lists the files a sheet goes through. */
#include <stdio.h>
#include <string.h>

#include "ingest/xlsx_int.h"

static xmlDoc *read_xml(book *b, const char *member, int required, bl_status *st, bl_diag *diag)
{
	return bl_zip_xml(b->z, b->name, member, required, st, diag);
}

static int is_el(const xmlNode *n, const char *local)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, local) == 0;
}

#define attr bl_xml_attr

static const xmlNode *child(const xmlNode *n, const char *local)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (is_el(c, local))
			return c;
	return NULL;
}

/* The text of <t> elements under n, leaving out phonetic runs (<rPh>);
 * -1 when it passes the cap of b. */
static int gather(const xmlNode *n, bl_buf *b, int depth)
{
	if (depth > BL_XML_MAX_DEPTH) /* deeper than the parser lets a part nest */
		return 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is_el(c, "rPh") || is_el(c, "phoneticPr"))
			continue;
		if (is_el(c, "t")) {
			for (const xmlNode *k = c->children; k; k = k->next)
				if ((k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) &&
				    k->content && bl_buf_put(b, k->content, strlen((const char *)k->content)))
					return -1;
		} else if (c->type == XML_ELEMENT_NODE && gather(c, b, depth + 1))
			return -1;
	}
	return 0;
}

/* The text of a shared string, or NULL past MAX_CELL_TEXT. */
static char *text_of(const xmlNode *n)
{
	bl_buf b = BL_BUF_INIT(MAX_CELL_TEXT);
	char *s = gather(n, &b, 0) ? NULL : bl_xstrndup(b.p ? b.p : "", b.n);
	bl_buf_release(&b);
	return s;
}

static bl_status shared_strings(book *b, bl_diag *diag)
{
	bl_status st;
	xmlDoc *x = read_xml(b, "xl/sharedStrings.xml", 0, &st, diag);
	if (!x)
		return st;
	st = BL_OK;
	for (const xmlNode *si = xmlDocGetRootElement(x)->children; si && !st; si = si->next) {
		if (!is_el(si, "si"))
			continue;
		char *t = text_of(si);
		if (t)
			*BL_PUSH(b->sst, b->nsst, b->sstcap) = t;
		else {
			bl_diag_set(diag, BL_ETOOBIG, 0, b->name,
				    "cannot read '%s': a shared string holds more than 1 MiB of text (Excel "
				    "holds 32,767 "
				    "characters in a cell)",
				    b->name);
			st = BL_ETOOBIG;
		}
	}
	xmlFreeDoc(x);
	return st;
}

static bl_status styles(book *b, bl_diag *diag)
{
	bl_status st;
	xmlDoc *x = read_xml(b, "xl/styles.xml", 0, &st, diag);
	if (!x)
		return st;
	const xmlNode *root = xmlDocGetRootElement(x);
	const xmlNode *nf = child(root, "numFmts");
	for (const xmlNode *f = nf ? nf->children : NULL; f && b->nfmts < MAX_FMTS; f = f->next) {
		if (!is_el(f, "numFmt"))
			continue;
		const char *id = attr(f, "numFmtId"), *code = attr(f, "formatCode");
		if (id && code && strlen(code) <= MAX_FMT_CODE)
			*BL_PUSH(b->fmts, b->nfmts, b->fmtcap) =
				(fmt){atoi(id), (int)b->nfmts, bl_xstrndup(code, strlen(code))};
	}
	const xmlNode *xfs = child(root, "cellXfs");
	for (const xmlNode *f = xfs ? xfs->children : NULL; f; f = f->next)
		if (is_el(f, "xf")) {
			const char *id = attr(f, "numFmtId");
			*BL_PUSH(b->xf_fmt, b->nxf, b->xfcap) = id ? atoi(id) : 0;
		}
	xmlFreeDoc(x);
	return BL_OK;
}

static bl_status sheet_page(book *b, const char *member, const char *sheet_name, bl_diag *diag)
{
	sheet sh = {0};
	sh.name = sheet_name;
	bl_status st = bl_xlsx_sheet_read(b, member, &sh, diag);
	if (!st && sh.nr > 0 && sh.nc > 0) {
		bl_xlsx_sheet_index(&sh);
		st = bl_xlsx_sheet_blocks(b, &sh, diag);
	}
	bl_xlsx_sheet_release(&sh);
	return st;
}

/* Where the workbook's relationship rid points, as a member name. */
static char *target_of(const xmlDoc *rels, const char *rid)
{
	if (!rels || !rid)
		return NULL;
	for (const xmlNode *r = xmlDocGetRootElement((xmlDoc *)rels)->children; r; r = r->next) {
		const char *id = is_el(r, "Relationship") ? attr(r, "Id") : NULL;
		const char *t = id ? attr(r, "Target") : NULL;
		if (!t || strcmp(id, rid) != 0)
			continue;
		if (*t == '/')
			return bl_xstrndup(t + 1, strlen(t + 1));
		size_t n = strlen(t) + 4;
		char *m = bl_xmalloc(n);
		snprintf(m, n, "xl/%s", t);
		return m;
	}
	return NULL;
}

bl_status bl_xlsx_extract(const char *name, const char *bytes, size_t n, const bl_open_options *opts,
			  bl_extract *out, bl_diag *diag)
{
	(void)opts; /* nothing to choose in a structured input yet */
	book b = {0};
	b.name = name;
	bl_status st = bl_zip_open(name, bytes, n, &b.z, diag);
	if (st)
		return st;
	bl_sdoc *w = bl_xmalloc(sizeof *w);
	bl_sdoc_init(w, 0);
	b.w = w;
	xmlDoc *wb = NULL, *rels = NULL;
	if ((st = shared_strings(&b, diag)) || (st = styles(&b, diag)))
		goto done;
	bl_xlsx_resolve_formats(&b);
	wb = read_xml(&b, "xl/workbook.xml", 1, &st, diag);
	if (!wb)
		goto done;
	rels = read_xml(&b, "xl/_rels/workbook.xml.rels", 1, &st, diag);
	if (!rels)
		goto done;
	const xmlNode *root = xmlDocGetRootElement(wb);
	const xmlNode *pr = child(root, "workbookPr");
	const char *d1904 = pr ? attr(pr, "date1904") : NULL;
	b.date1904 = d1904 && (*d1904 == '1' || *d1904 == 't');
	const xmlNode *sheets = child(root, "sheets");
	int nsheets = 0;
	for (const xmlNode *s = sheets ? sheets->children : NULL; s && !st && !w->over; s = s->next) {
		if (!is_el(s, "sheet"))
			continue;
		const char *state = attr(s, "state");
		if (state && strcmp(state, "visible") != 0)
			continue; /* hidden sheets are not what was published */
		if (++nsheets > MAX_SHEETS) {
			bl_diag_set(diag, BL_ETOOBIG, 0, name, "cannot read '%s': more than %d sheets", name,
				    MAX_SHEETS);
			st = BL_ETOOBIG;
			break;
		}
		char *member = target_of(rels, attr(s, "id"));
		if (!member)
			continue;
		if (nsheets > 1)
			bl_sdoc_pagebreak(w);
		st = sheet_page(&b, member, attr(s, "name"), diag);
		free(member);
	}
	bl_sdoc_endpara(w);
done:
	xmlFreeDoc(wb);
	xmlFreeDoc(rels);
	bl_zip_close(b.z);
	for (size_t i = 0; i < b.nsst; i++)
		free(b.sst[i]);
	free(b.sst);
	for (size_t i = 0; i < b.nfmts; i++)
		free(b.fmts[i].code);
	free(b.fmts);
	free(b.xf_fmt);
	free(b.xf_code);
	if (st) {
		bl_sdoc_free(w);
		free(w);
		return st;
	}
	out->sdoc = w;
	return BL_OK;
}
