/* scan.h - makes a "scanned" copy of PDF pages for the OCR tests: each
 * page rendered to a grey image at dpi and placed alone on a page of the
 * same size, so the copy has no text layer and no vector lines at all. */
#ifndef BL_TEST_SCAN_H
#define BL_TEST_SCAN_H

#include <mupdf/fitz.h>

/* Writes pages (1-based) of in to out; 0 on success. */
static int scan_pdf(const char *in, const int *pages, int n, int dpi, const char *out)
{
	fz_context *ctx = fz_new_context(NULL, NULL, FZ_STORE_DEFAULT);
	if (!ctx)
		return -1;
	int rc = 0;
	fz_document *doc = NULL;
	fz_document_writer *wri = NULL;
	fz_var(doc);
	fz_var(wri);
	fz_try (ctx) {
		fz_register_document_handlers(ctx);
		doc = fz_open_document(ctx, in);
		wri = fz_new_document_writer(ctx, out, "pdf", "compress");
		for (int i = 0; i < n; i++) {
			fz_page *page = fz_load_page(ctx, doc, pages[i] - 1);
			fz_rect mb = fz_bound_page(ctx, page);
			float z = (float)dpi / 72.0f;
			fz_pixmap *pix =
				fz_new_pixmap_from_page(ctx, page, fz_scale(z, z), fz_device_gray(ctx), 0);
			fz_image *img = fz_new_image_from_pixmap(ctx, pix, NULL);
			fz_device *dev = fz_begin_page(ctx, wri, mb);
			fz_fill_image(ctx, dev, img, fz_make_matrix(mb.x1 - mb.x0, 0, 0, mb.y1 - mb.y0, 0, 0),
				      1, fz_default_color_params);
			fz_end_page(ctx, wri);
			fz_drop_image(ctx, img);
			fz_drop_pixmap(ctx, pix);
			fz_drop_page(ctx, page);
		}
		fz_close_document_writer(ctx, wri);
	}
	fz_always (ctx) {
		fz_drop_document_writer(ctx, wri);
		fz_drop_document(ctx, doc);
	}
	fz_catch (ctx) {
		rc = -1;
	}
	fz_drop_context(ctx);
	return rc;
}

#endif
