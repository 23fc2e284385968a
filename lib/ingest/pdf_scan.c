/* pdf_scan.c - scanned pages: a page with almost no text over a large
 * image is rendered grey at a resolution within the caps, queued, read by
 * OCR a batch at a time (ocr.c), and its symbols and ruling lines merged
 * into the page as if from its text layer, marked as OCR. */
#include <math.h>
#include <string.h>

#include "ingest/pdf_int.h"

/* The resolution to render a page of w x h points at for OCR: OCR_DPI, or
 * less so the image fits MAX_OCR_PIXELS and MAX_OCR_SIDE; 0 when that is
 * below MIN_OCR_DPI (or the page has no area). */
static float ocr_dpi(float w, float h)
{
	if (!(w > 0 && h > 0))
		return 0;
	double dpi = OCR_DPI, px = (double)w * h * (dpi / 72) * (dpi / 72);
	if (px > MAX_OCR_PIXELS)
		dpi *= sqrt(MAX_OCR_PIXELS / px);
	double side = (w > h ? w : h) * dpi / 72;
	if (side > MAX_OCR_SIDE)
		dpi *= MAX_OCR_SIDE / side;
	return dpi >= MIN_OCR_DPI ? (float)dpi : 0;
}

/* The page as a grey image for OCR; may throw (inside the caller's fz_try). */
static void render_gray(fz_context *ctx, fz_page *page, float dpi, bl_ocr_page *op)
{
	float z = dpi / 72.0f;
	fz_pixmap *pix = fz_new_pixmap_from_page(ctx, page, fz_scale(z, z), fz_device_gray(ctx), 0);
	int w = fz_pixmap_width(ctx, pix), h = fz_pixmap_height(ctx, pix);
	int stride = (int)fz_pixmap_stride(ctx, pix);
	const unsigned char *src = fz_pixmap_samples(ctx, pix);
	op->gray = bl_xmalloc((size_t)w * (size_t)h + 1);
	for (int y = 0; y < h; y++)
		memcpy(op->gray + (size_t)y * (size_t)w, src + (size_t)y * (size_t)stride, (size_t)w);
	op->w = w;
	op->h = h;
	op->scale = 72.0f / dpi;
	fz_drop_pixmap(ctx, pix);
}

/* An OCR'd page's symbols and rules into the page as if from its text
 * layer, marked as OCR. "2.946.25" (a thousands comma read as a point) is
 * repaired: in a run of digits with several points, all but the last are
 * commas. */
static void ocr_merge(const bl_ocr_page *op, page_rows *pr, bl_pageinfo *pi, bl_geom *g)
{
	if (op->nch < 10)
		return; /* nothing legible: the page stays a scan without text */
	size_t i = 0;
	for (; i < op->nch && pr->nch < MAX_CHARS_PER_PAGE; i++) {
		const bl_ocr_char *oc = &op->ch[i];
		pchar *p = BL_PUSH(pr->ch, pr->nch, pr->chcap);
		memset(p, 0, sizeof *p);
		p->c = oc->c;
		p->x0 = oc->x0;
		p->x1 = oc->x1;
		p->y0 = oc->y0;
		p->y1 = oc->y1;
		p->base = oc->y1;
		p->size = oc->y1 - oc->y0 > 4 ? oc->y1 - oc->y0 : 4;
		/* Tesseract makes each Chinese character a word: only geometry
		 * decides spaces between two of them */
		p->space_before = oc->word_start && i > 0 &&
				  !(bl_cp_width(oc->c) == 2 && bl_cp_width(op->ch[i - 1].c) == 2);
		p->ocr = 1;
	}
	if (i < op->nch)
		pi->overflow = 1;
	for (i = 0; i < pr->nch;) {
		size_t j = i, points = 0;
		while (j < pr->nch && (j == i || !pr->ch[j].space_before) &&
		       ((pr->ch[j].c >= '0' && pr->ch[j].c <= '9') || pr->ch[j].c == '.' ||
			pr->ch[j].c == ','))
			points += pr->ch[j++].c == '.';
		/* 1-3 digits, then groups of exactly three, then the decimals */
		int ok = points >= 2;
		size_t seg = 0, seen = 0;
		for (size_t k = i; k < j && ok; k++) {
			if (pr->ch[k].c == ',')
				ok = 0;
			else if (pr->ch[k].c != '.')
				seg++;
			else {
				ok = seen == 0 ? seg >= 1 && seg <= 3 : seg == 3;
				seen++;
				seg = 0;
			}
		}
		if (ok && seg >= 1 && seg <= 2)
			for (size_t k = i, n = 0; k < j; k++)
				if (pr->ch[k].c == '.' && ++n < points)
					pr->ch[k].c = ',';
		i = j > i ? j : i + 1;
	}
	pi->nchars = (int)op->nch;
	pi->nbad = 0;
	pi->ocr = 1;
	pi->ocr_conf = (int)(op->conf + 0.5f);
	pi->rule0 = g->nrules;
	pi->nrules = 0;
	for (i = 0; i < op->nrules && pi->nrules < MAX_RULES_PER_PAGE; i++) {
		*BL_PUSH(g->rules, g->nrules, g->rules_cap) = op->rules[i];
		pi->nrules++;
	}
}

/* A scan: its image goes to OCR, a batch at a time. */
void bl_pdf_scan_queue(fz_context *ctx, fz_page *page, pdf_read *rd, int p)
{
	bl_pageinfo *pi = &rd->g->pages[p];
	float dpi = 0;
	if (pi->nchars < 10 && pi->nimages > 0 && rd->ocr_on && rd->ocr_total < MAX_OCR_PAGES)
		dpi = ocr_dpi(pi->w, pi->h);
	if (!(dpi > 0))
		return;
	bl_ocr_page op = {0};
	op.page = p;
	render_gray(ctx, page, dpi, &op);
	pi->ocr_dpi = dpi;
	*BL_PUSH(rd->ocr, rd->nocr, rd->ocrcap) = op;
	rd->ocr_total++;
	rd->ocr_pixels += (size_t)op.w * (size_t)op.h;
}

void bl_pdf_ocr_flush(pdf_read *rd)
{
	if (rd->nocr == 0)
		return;
	bl_ocr_run(rd->ocr, (int)rd->nocr, rd->jobs);
	for (size_t i = 0; i < rd->nocr; i++) {
		int p = rd->ocr[i].page;
		page_rows *pr = &rd->pages[p];
		size_t before = pr->nch;
		if (rd->ocr[i].done)
			ocr_merge(&rd->ocr[i], pr, &rd->g->pages[p], rd->g);
		bl_ocr_page_free(&rd->ocr[i]);
		rd->nglyphs += pr->nch - before;
		bl_pdf_page_caps(rd, p);
		bl_pdf_page_keep(pr, &rd->g->pages[p], p, &rd->band, &rd->nband, &rd->bandcap);
	}
	rd->nocr = 0;
	rd->ocr_pixels = 0;
}
