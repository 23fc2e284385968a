/* floor.c - MuPDF alone reading a PDF the way `check` has it read: every
 * page's composite fonts prepared (lib/ingest/pdf_fonts.c), its contents and
 * annotations run through the structured-text device with the options of
 * lib/ingest/pdf.c; nothing of ours after that. bench/run.sh times it
 * against pdftotext -layout: what part of a file's ratio no change outside
 * MuPDF can take away.
 *   floor FILE.pdf */
#include <stdio.h>

#include "ingest/pdf_int.h"

static void quiet(void *user, const char *message)
{
	(void)user;
	(void)message;
}

static void run_pages(fz_context *ctx, fz_document *fd)
{
	static const fz_stext_options opts = {FZ_STEXT_PRESERVE_IMAGES | FZ_STEXT_MEDIABOX_CLIP, 0};
	font_cache fonts = {0};
	for (int p = 0; p < fz_count_pages(ctx, fd); p++) {
		fz_page *page = fz_load_page(ctx, fd, p);
		bl_pdf_fonts_prepare(ctx, &fonts, page);
		fz_stext_page *tp = fz_new_stext_page(ctx, fz_bound_page(ctx, page));
		fz_device *dev = fz_new_stext_device(ctx, tp, &opts);
		fz_run_page(ctx, page, dev, fz_identity, NULL);
		fz_close_device(ctx, dev);
		fz_drop_device(ctx, dev);
		fz_drop_stext_page(ctx, tp);
		fz_drop_page(ctx, page);
	}
	bl_pdf_fonts_drop(ctx, &fonts);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: floor FILE.pdf\n");
		return 2;
	}
	fz_context *ctx = fz_new_context(NULL, NULL, 64 << 20);
	if (!ctx)
		return 2;
	fz_set_warning_callback(ctx, quiet, NULL);
	fz_set_error_callback(ctx, quiet, NULL);
	int rc = 0;
	fz_try (ctx) {
		fz_register_document_handlers(ctx);
		fz_document *fd = fz_open_document(ctx, argv[1]);
		run_pages(ctx, fd);
		fz_drop_document(ctx, fd);
	}
	fz_catch (ctx) {
		fprintf(stderr, "floor: %s\n", fz_caught_message(ctx));
		rc = 2;
	}
	fz_drop_context(ctx);
	return rc;
}
