/* test_pdf_fonts.c - composite fonts loaded ahead of the page run
 * (lib/ingest/pdf_fonts.c) give MuPDF's structured text exactly as MuPDF's
 * own loading does: every character's code, box, origin, size and font, on
 * every corpus PDF and on PDFs made here with the shapes the corpus lacks
 * (two fonts over one program on one page, Identity-V, ToUnicode ranges,
 * one-to-many entries, codes the ToUnicode does not map); and fonts over
 * one descendant do share one program. */
#include <glob.h>
#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>

#include "harness.h"
#include "ingest/pdf_int.h"

static void quiet(void *user, const char *message)
{
	(void)user;
	(void)message;
}

static void put(fz_context *ctx, fz_buffer *out, const char *fmt, ...)
{
	char line[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	fz_append_string(ctx, out, line);
}

static void dump_page(fz_context *ctx, fz_stext_page *tp, fz_buffer *out)
{
	for (fz_stext_block *b = tp->first_block; b; b = b->next) {
		put(ctx, out, "block %d %a %a %a %a\n", b->type, b->bbox.x0, b->bbox.y0, b->bbox.x1,
		    b->bbox.y1);
		if (b->type != FZ_STEXT_BLOCK_TEXT)
			continue;
		for (fz_stext_line *l = b->u.t.first_line; l; l = l->next) {
			put(ctx, out, " line %d %a %a\n", l->wmode, l->dir.x, l->dir.y);
			for (fz_stext_char *c = l->first_char; c; c = c->next)
				put(ctx, out, "  %x %a %a %a %a %a %a %a %s\n", c->c, c->quad.ul.x,
				    c->quad.ul.y, c->quad.lr.x, c->quad.lr.y, c->origin.x, c->origin.y,
				    c->size, fz_font_name(ctx, c->font));
		}
	}
}

/* Every page's structured text (with the options pdf.c reads pages with),
 * the fonts prepared first when prepare; the shared programs left in *fs. */
static fz_buffer *stext_of(fz_context *ctx, const unsigned char *pdf, size_t n, int prepare, font_cache *fs)
{
	static const fz_stext_options opts = {FZ_STEXT_PRESERVE_IMAGES | FZ_STEXT_MEDIABOX_CLIP, 0};
	fz_buffer *out = fz_new_buffer(ctx, 1024);
	fz_stream *stm = fz_open_memory(ctx, pdf, n);
	fz_document *fd = fz_open_document_with_stream(ctx, "application/pdf", stm);
	for (int p = 0; p < fz_count_pages(ctx, fd); p++) {
		fz_page *page = fz_load_page(ctx, fd, p);
		if (prepare)
			bl_pdf_fonts_prepare(ctx, fs, page);
		fz_stext_page *tp = fz_new_stext_page(ctx, fz_bound_page(ctx, page));
		fz_device *dev = fz_new_stext_device(ctx, tp, &opts);
		fz_run_page(ctx, page, dev, fz_identity, NULL);
		fz_close_device(ctx, dev);
		dump_page(ctx, tp, out);
		fz_drop_device(ctx, dev);
		fz_drop_stext_page(ctx, tp);
		fz_drop_page(ctx, page);
	}
	bl_pdf_fonts_drop(ctx, fs);
	fz_drop_document(ctx, fd);
	fz_drop_stream(ctx, stm);
	return out;
}

static void same_text(const char *name, const unsigned char *pdf, size_t n)
{
	fz_context *ctx = fz_new_context(NULL, NULL, 64 << 20);
	fz_set_warning_callback(ctx, quiet, NULL);
	fz_set_error_callback(ctx, quiet, NULL);
	fz_register_document_handlers(ctx);
	font_cache fs = {0};
	fz_buffer *a = stext_of(ctx, pdf, n, 0, &fs);
	fz_drop_context(ctx); /* a fresh store: nothing loaded by the first run */
	ctx = fz_new_context(NULL, NULL, 64 << 20);
	fz_set_warning_callback(ctx, quiet, NULL);
	fz_set_error_callback(ctx, quiet, NULL);
	fz_register_document_handlers(ctx);
	fz_buffer *b = stext_of(ctx, pdf, n, 1, &fs);
	unsigned char *pa, *pb;
	size_t na = fz_buffer_storage(ctx, a, &pa), nb = fz_buffer_storage(ctx, b, &pb);
	CHECK(na > 0 && na == nb && !memcmp(pa, pb, na), "%s: %zu vs %zu bytes of structured text", name, na,
	      nb);
	fz_drop_buffer(ctx, a);
	fz_drop_buffer(ctx, b);
	fz_drop_context(ctx);
}

static unsigned char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	fseek(f, 0, SEEK_SET);
	unsigned char *p = malloc(len > 0 ? (size_t)len : 1);
	*n = fread(p, 1, len > 0 ? (size_t)len : 0, f);
	fclose(f);
	return p;
}

/* A PDF written object by object, its xref at the end. */
typedef struct writer {
	fz_buffer *b;
	size_t off[64];
	int n;
} writer;

static int obj_begin(fz_context *ctx, writer *w)
{
	w->off[++w->n] = fz_buffer_storage(ctx, w->b, NULL);
	put(ctx, w->b, "%d 0 obj\n", w->n);
	return w->n;
}

static int obj(fz_context *ctx, writer *w, const char *text)
{
	int id = obj_begin(ctx, w);
	fz_append_string(ctx, w->b, text);
	fz_append_string(ctx, w->b, "\nendobj\n");
	return id;
}

static int stream(fz_context *ctx, writer *w, const char *extra, const unsigned char *data, size_t n)
{
	int id = obj_begin(ctx, w);
	put(ctx, w->b, "<< /Length %zu %s >>\nstream\n", n, extra);
	fz_append_data(ctx, w->b, data, n);
	fz_append_string(ctx, w->b, "\nendstream\nendobj\n");
	return id;
}

static int text_stream(fz_context *ctx, writer *w, const char *text)
{
	return stream(ctx, w, "", (const unsigned char *)text, strlen(text));
}

#define CMAP_HEAD                                                                                            \
	"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /T def /CMapType 2 def "     \
	"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
#define CMAP_TAIL "endcmap CMapName currentdict /CMap defineresource pop end end\n"

/* Three ToUnicode maps over the same codes: single codes; ranges, a
 * ligature, a surrogate pair and a code mapped to 0; ranges shifted by one. */
static const char *const to_unicode[] = {
	CMAP_HEAD
	"4 beginbfchar\n<0003> <4E00>\n<0004> <4E8C>\n<0005> <0041>\n<0006> <0031>\nendbfchar\n" CMAP_TAIL,
	CMAP_HEAD "1 beginbfrange\n<0003> <0008> <0061>\nendbfrange\n2 beginbfchar\n<0009> <006600660069>\n"
		  "<000A> <D835DC00>\nendbfchar\n1 beginbfchar\n<000B> <0000>\nendbfchar\n" CMAP_TAIL,
	CMAP_HEAD "1 beginbfrange\n<0002> <000C> <0042>\nendbfrange\n" CMAP_TAIL,
};

/* A two-page PDF of Type0 fonts over one embedded program (font, n bytes,
 * a TrueType): on page 1 two Identity-H fonts alternating in one text
 * object and an Identity-V one, on page 2 a third Identity-H one and the
 * first again; codes 1 to 12, some the ToUnicode maps do not cover. */
static fz_buffer *make_shared_pdf(fz_context *ctx, const unsigned char *font, size_t n)
{
	writer w = {fz_new_buffer(ctx, n + 8192), {0}, 0};
	fz_append_string(ctx, w.b, "%PDF-1.7\n");
	int ff = stream(ctx, &w, "", font, n);
	char s[600];
	snprintf(s, sizeof s,
		 "<< /Type /FontDescriptor /FontName /ABCDEF+T /Flags 4 /FontBBox [-8 -145 1000 859] "
		 "/ItalicAngle 0 /Ascent 859 /Descent -140 /CapHeight 0 /StemV 0 /FontFile2 %d 0 R >>",
		 ff);
	int fd = obj(ctx, &w, s);
	snprintf(s, sizeof s,
		 "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+T /CIDSystemInfo << /Registry "
		 "(Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 1000 /W [3 [500 "
		 "500] 7 9 700] >>",
		 fd);
	int cid = obj(ctx, &w, s);
	int fonts[4];
	const char *enc[4] = {"Identity-H", "Identity-H", "Identity-V", "Identity-H"};
	const int tu[4] = {0, 1, 0, 2};
	for (int i = 0; i < 4; i++) {
		int t = text_stream(ctx, &w, to_unicode[tu[i]]);
		snprintf(s, sizeof s,
			 "<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+T /Encoding /%s /DescendantFonts "
			 "[%d "
			 "0 R] /ToUnicode %d 0 R >>",
			 enc[i], cid, t);
		fonts[i] = obj(ctx, &w, s);
	}
	int c1 = text_stream(
		ctx, &w,
		"BT /F1 12 Tf 72 700 Td <000300040005000600010002> Tj /F2 12 Tf "
		"<0003000400050006000700080009000A000B000C> Tj /F1 10 Tf 0 -20 Td <00050006> Tj ET "
		"BT /F3 12 Tf 300 600 Td <0003000400050006> Tj ET");
	int c2 = text_stream(ctx, &w, "BT /F4 12 Tf 72 700 Td <000200030004000C> Tj /F1 12 Tf <0003> Tj ET");
	int pages = w.n + 3;
	snprintf(s, sizeof s,
		 "<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R "
		 "/F2 %d 0 R /F3 %d 0 R >> >> /Contents %d 0 R >>",
		 pages, fonts[0], fonts[1], fonts[2], c1);
	int p1 = obj(ctx, &w, s);
	snprintf(s, sizeof s,
		 "<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F4 %d 0 R "
		 "/F1 %d 0 R >> >> /Contents %d 0 R >>",
		 pages, fonts[3], fonts[0], c2);
	int p2 = obj(ctx, &w, s);
	snprintf(s, sizeof s, "<< /Type /Pages /Kids [%d 0 R %d 0 R] /Count 2 >>", p1, p2);
	obj(ctx, &w, s);
	snprintf(s, sizeof s, "<< /Type /Catalog /Pages %d 0 R >>", pages);
	int root = obj(ctx, &w, s);
	size_t xref = fz_buffer_storage(ctx, w.b, NULL);
	put(ctx, w.b, "xref\n0 %d\n0000000000 65535 f \n", w.n + 1);
	for (int i = 1; i <= w.n; i++)
		put(ctx, w.b, "%010zu 00000 n \n", w.off[i]);
	put(ctx, w.b, "trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%zu\n%%%%EOF\n", w.n + 1, root, xref);
	return w.b;
}

/* The program of the first page's first composite font, from a corpus PDF. */
static fz_buffer *font_program(fz_context *ctx, const unsigned char *pdf, size_t n)
{
	fz_stream *stm = fz_open_memory(ctx, pdf, n);
	pdf_document *doc = pdf_open_document_with_stream(ctx, stm);
	pdf_obj *fonts = pdf_dict_getp(ctx, pdf_lookup_page_obj(ctx, doc, 0), "Resources/Font");
	fz_buffer *prog = NULL;
	for (int i = 0; i < pdf_dict_len(ctx, fonts) && !prog; i++) {
		pdf_obj *dfonts =
			pdf_dict_get(ctx, pdf_dict_get_val(ctx, fonts, i), PDF_NAME(DescendantFonts));
		pdf_obj *file = pdf_dict_getp(ctx, pdf_array_get(ctx, dfonts, 0), "FontDescriptor/FontFile2");
		if (file)
			prog = pdf_load_stream(ctx, file);
	}
	pdf_drop_document(ctx, doc);
	fz_drop_stream(ctx, stm);
	return prog;
}

/* The made PDF reads the same, and its Identity-H fonts share the program
 * while each keeps its own ToUnicode; Identity-V has a program of its own. */
static void made_pdf(const unsigned char *corpus_pdf, size_t n)
{
	fz_context *ctx = fz_new_context(NULL, NULL, 64 << 20);
	fz_set_warning_callback(ctx, quiet, NULL);
	fz_set_error_callback(ctx, quiet, NULL);
	fz_register_document_handlers(ctx);
	fz_buffer *prog = font_program(ctx, corpus_pdf, n);
	CHECK(prog != NULL, "a TrueType program in the corpus PDF");
	if (!prog) {
		fz_drop_context(ctx);
		return;
	}
	unsigned char *font, *data;
	size_t nfont = fz_buffer_storage(ctx, prog, &font);
	fz_buffer *pdf = make_shared_pdf(ctx, font, nfont);
	size_t len = fz_buffer_storage(ctx, pdf, &data);
	same_text("made PDF", data, len);

	fz_stream *stm = fz_open_memory(ctx, data, len);
	fz_document *fd = fz_open_document_with_stream(ctx, "application/pdf", stm);
	pdf_document *doc = pdf_specifics(ctx, fd);
	font_cache fs = {0};
	for (int p = 0; p < 2; p++) {
		fz_page *page = fz_load_page(ctx, fd, p);
		bl_pdf_fonts_prepare(ctx, &fs, page);
		fz_drop_page(ctx, page);
	}
	CHECK(fs.n == 2, "%zu shared programs (one for H, one for V)", fs.n);
	static const char *const path[4] = {"Resources/Font/F1", "Resources/Font/F2", "Resources/Font/F3",
					    "Resources/Font/F4"};
	pdf_font_desc *f[4];
	for (int i = 0; i < 4; i++) /* F1 to F3 on page 1, F4 on page 2 */
		f[i] = pdf_find_item(ctx, fs.drop,
				     pdf_dict_getp(ctx, pdf_lookup_page_obj(ctx, doc, i / 3), path[i]));
	CHECK(f[0] && f[1] && f[2] && f[3], "every composite font prepared");
	if (f[0] && f[1] && f[2] && f[3]) {
		CHECK(f[0]->font == f[1]->font && f[1]->font == f[3]->font,
		      "Identity-H fonts share a program");
		CHECK(f[2]->font != f[0]->font, "Identity-V has its own");
		CHECK(f[0]->to_unicode != f[1]->to_unicode && f[1]->to_unicode != f[3]->to_unicode,
		      "each keeps its ToUnicode");
		int ucs[8];
		CHECK(pdf_lookup_cmap_full(f[1]->to_unicode, 9, ucs) == 3 && ucs[2] == 'i',
		      "one-to-many kept");
	}
	for (int i = 0; i < 4; i++)
		pdf_drop_font(ctx, f[i]);
	bl_pdf_fonts_drop(ctx, &fs);
	fz_drop_document(ctx, fd);
	fz_drop_stream(ctx, stm);
	fz_drop_buffer(ctx, pdf);
	fz_drop_buffer(ctx, prog);
	fz_drop_context(ctx);
}

int main(void)
{
	static const char *const dirs[] = {"../shared/corpus/peer/*/*.pdf", "../shared/corpus/jiangsu/*.pdf"};
	if (access("../shared/corpus/jiangsu", R_OK) != 0) {
		printf("FAIL ../shared/corpus not found (run from the checkout, ../shared beside it)\n");
		DONE("pdf_fonts");
	}
	int files = 0;
	for (size_t d = 0; d < sizeof dirs / sizeof *dirs; d++) {
		glob_t g;
		if (glob(dirs[d], 0, NULL, &g) != 0)
			continue;
		for (size_t i = 0; i < g.gl_pathc; i++) {
			size_t n = 0;
			unsigned char *pdf = slurp(g.gl_pathv[i], &n);
			if (pdf)
				same_text(g.gl_pathv[i], pdf, n);
			free(pdf);
			files++;
		}
		globfree(&g);
	}
	CHECK(files >= 9, "%d corpus PDFs", files);
	size_t n = 0;
	unsigned char *pdf = slurp("../shared/corpus/jiangsu/jiangsu-partyoffice-2018-budget-tables.pdf", &n);
	CHECK(pdf != NULL, "the Jiangsu tables PDF");
	if (pdf)
		made_pdf(pdf, n);
	free(pdf);
	DONE("pdf_fonts");
}
