/* pdf_fonts.c - a page's composite (Type0) fonts loaded before MuPDF's
 * interpreter asks for them, the way MuPDF 1.21 would load them, minus two
 * costs that were most of the time of reading some corpus files:
 *
 *  - Fonts that differ only by their ToUnicode share one font program. Some
 *    producers give every page its own Type0 font over one descendant font:
 *    the Jiangsu tables PDF has 14 of them over one 275 KB SimSun subset,
 *    which MuPDF inflated and opened in FreeType 14 times (half the time of
 *    reading that file). Here it is loaded once; each font gets its own
 *    descriptor (the ToUnicode, the widths) over the same program.
 *  - An Identity-H/V font's ToUnicode is used as it is. MuPDF 1.21 remaps it
 *    code by code over all 65,536 codes (pdf_remap_cmap: 0.4 ms a font);
 *    under the identity encoding the CID is the code, so the remapped table
 *    answers every CID as the ToUnicode itself does (MuPDF's later versions
 *    take the same shortcut, on the same condition: no one-to-many entries).
 *
 * The descriptor put in MuPDF's store under the font's object is the one
 * pdf_load_font would have built: the same program, metrics, encoding and
 * text for every code, so the text read is the same byte for byte. Anything
 * else (simple and Type3 fonts, fonts of form XObjects and annotations, a
 * font MuPDF substitutes, any error) is left to MuPDF as before. */
#include <string.h>

#include "ingest/pdf_int.h"

/* The programs held for sharing, in bytes of MuPDF's own count (the font
 * file and tables): half its store. MuPDF would drop a font from its store
 * under memory pressure and load it again when needed; past this cap the
 * oldest held program is let go in the same way (its fonts already stored
 * keep it while MuPDF keeps them), so sharing never holds more than
 * MuPDF's reading would. */
#define MAX_SHARED_BYTES ((size_t)32 << 20)

/* A descendant font loaded without its ToUnicode: the program and metrics
 * its Type0 fonts share. */
struct shared_font {
	int num;                /* the descendant font's object */
	int encoding_num;       /* an embedded encoding CMap's object, or 0 for a name */
	pdf_obj *encoding_name; /* Identity-H, Identity-V ...: held */
	pdf_font_desc *base;    /* held; NULL: left to MuPDF */
};

/* MuPDF marks its font descriptors in the store by their drop function,
 * which only pdf_new_font_desc knows. */
static fz_store_drop_fn *font_drop_fn(fz_context *ctx)
{
	pdf_font_desc *d = pdf_new_font_desc(ctx);
	fz_store_drop_fn *drop = d->storable.drop;
	pdf_drop_font(ctx, d);
	return drop;
}

/* The identity encoding, as pdf_new_identity_cmap builds it. */
static int is_identity(const pdf_cmap *c)
{
	return c->rlen == 1 && c->ranges[0].low == 0 && c->ranges[0].high == 0xFFFF &&
	       c->ranges[0].out == 0 && c->xlen == 0 && c->mlen == 0 && !c->usecmap;
}

static void *dup_array(fz_context *ctx, const void *p, size_t n, size_t size)
{
	if (!p || n == 0)
		return NULL;
	void *q = fz_malloc(ctx, n * size); /* n and size are MuPDF's own counts */
	memcpy(q, p, n * size);
	return q;
}

/* A descriptor like base, its own arrays copied, no ToUnicode yet. */
static pdf_font_desc *clone_desc(fz_context *ctx, const pdf_font_desc *base)
{
	pdf_font_desc *d = pdf_new_font_desc(ctx);
	fz_storable st = d->storable;
	*d = *base;
	d->storable = st;
	d->font = NULL;
	d->encoding = d->to_ttf_cmap = d->to_unicode = NULL;
	d->cid_to_gid = d->cid_to_ucs = NULL;
	d->hmtx = NULL;
	d->vmtx = NULL;
	fz_try (ctx) {
		d->font = fz_keep_font(ctx, base->font);
		d->encoding = pdf_keep_cmap(ctx, base->encoding);
		d->cid_to_gid = dup_array(ctx, base->cid_to_gid, base->cid_to_gid_len, sizeof *d->cid_to_gid);
		d->hmtx = dup_array(ctx, base->hmtx, (size_t)base->hmtx_cap, sizeof *d->hmtx);
		d->vmtx = dup_array(ctx, base->vmtx, (size_t)base->vmtx_cap, sizeof *d->vmtx);
	}
	fz_catch (ctx) {
		pdf_drop_font(ctx, d);
		fz_rethrow(ctx);
	}
	return d;
}

/* The descriptor's ToUnicode from the stream tu: as MuPDF builds it
 * (pdf_load_to_unicode), or the stream's own CMap when that maps every CID
 * the same way (see the top of the file). */
static void attach_to_unicode(fz_context *ctx, pdf_document *doc, pdf_font_desc *d, pdf_obj *tu)
{
	pdf_cmap *ucs = pdf_load_embedded_cmap(ctx, doc, tu);
	if (is_identity(d->encoding) && ucs->mlen == 0) {
		d->to_unicode = ucs;
		d->size += pdf_cmap_size(ctx, ucs);
		return;
	}
	pdf_drop_cmap(ctx, ucs);
	pdf_load_to_unicode(ctx, doc, d, NULL, NULL, tu);
}

/* The shared program of a Type0 font over dfonts and encoding, loaded by
 * pdf_load_font from a copy of the font without its ToUnicode; NULL when
 * MuPDF would not load it from the file (a substitute takes the ToUnicode
 * into its glyph mapping) or could not load it. */
static pdf_font_desc *load_base(fz_context *ctx, pdf_document *doc, pdf_obj *dfont, pdf_obj *encoding,
				fz_store_drop_fn *drop)
{
	pdf_obj *tmp = NULL, *arr = NULL;
	pdf_font_desc *base = NULL;
	fz_var(tmp);
	fz_var(arr);
	fz_var(base);
	fz_try (ctx) {
		tmp = pdf_new_dict(ctx, doc, 4);
		arr = pdf_new_array(ctx, doc, 1);
		pdf_array_push(ctx, arr, dfont);
		pdf_dict_put(ctx, tmp, PDF_NAME(Type), PDF_NAME(Font));
		pdf_dict_put(ctx, tmp, PDF_NAME(Subtype), PDF_NAME(Type0));
		pdf_dict_put(ctx, tmp, PDF_NAME(DescendantFonts), arr);
		pdf_dict_put(ctx, tmp, PDF_NAME(Encoding), encoding);
		base = pdf_load_font(ctx, doc, NULL, tmp);
		pdf_remove_item(ctx, drop, tmp); /* stored under the copy: only we use it */
		if (!base->is_embedded || !base->font || !fz_font_ft_face(ctx, base->font) ||
		    fz_font_flags(base->font)->ft_substitute || base->to_ttf_cmap || base->cid_to_ucs) {
			pdf_drop_font(ctx, base);
			base = NULL;
		}
	}
	fz_always (ctx) {
		pdf_drop_obj(ctx, arr);
		pdf_drop_obj(ctx, tmp);
	}
	fz_catch (ctx) {
		pdf_drop_font(ctx, base);
		base = NULL;
	}
	return base;
}

static void drop_entry(fz_context *ctx, shared_font *s)
{
	pdf_drop_font(ctx, s->base);
	pdf_drop_obj(ctx, s->encoding_name);
}

/* The first held program let go: its next font loads it again. */
static void let_go_oldest(fz_context *ctx, font_cache *fs)
{
	fs->held -= fs->fonts[0].base ? fs->fonts[0].base->size : 0;
	drop_entry(ctx, &fs->fonts[0]);
	memmove(fs->fonts, fs->fonts + 1, (fs->n - 1) * sizeof *fs->fonts);
	fs->n--;
}

/* The shared program for a descendant font and encoding, loaded the first
 * time one of its Type0 fonts is met. */
static pdf_font_desc *shared_base(fz_context *ctx, pdf_document *doc, font_cache *fs, pdf_obj *dfont,
				  pdf_obj *encoding)
{
	int num = pdf_to_num(ctx, dfont);
	int enc_num = pdf_is_indirect(ctx, encoding) ? pdf_to_num(ctx, encoding) : 0;
	for (size_t i = 0; i < fs->n; i++) {
		const shared_font *s = &fs->fonts[i];
		if (s->num == num && s->encoding_num == enc_num &&
		    (enc_num || pdf_name_eq(ctx, s->encoding_name, encoding)))
			return s->base;
	}
	pdf_font_desc *base = load_base(ctx, doc, dfont, encoding, fs->drop);
	*BL_PUSH(fs->fonts, fs->n, fs->cap) =
		(shared_font){num, enc_num, enc_num ? NULL : pdf_keep_obj(ctx, encoding), base};
	fs->held += base ? base->size : 0;
	while (fs->held > MAX_SHARED_BYTES && fs->n > 1)
		let_go_oldest(ctx, fs);
	return base;
}

/* Puts the font ref in MuPDF's store when it is a Type0 font with a
 * ToUnicode stream over an embedded descendant font that no font has
 * asked to load yet. */
static void prepare_font(fz_context *ctx, pdf_document *doc, font_cache *fs, pdf_obj *ref)
{
	if (!pdf_is_indirect(ctx, ref))
		return;
	pdf_font_desc *known = pdf_find_item(ctx, fs->drop, ref);
	if (known) {
		pdf_drop_font(ctx, known);
		return;
	}
	if (!pdf_name_eq(ctx, pdf_dict_get(ctx, ref, PDF_NAME(Subtype)), PDF_NAME(Type0)))
		return;
	pdf_obj *tu = pdf_dict_get(ctx, ref, PDF_NAME(ToUnicode));
	pdf_obj *encoding = pdf_dict_get(ctx, ref, PDF_NAME(Encoding));
	pdf_obj *dfont = pdf_array_get(ctx, pdf_dict_get(ctx, ref, PDF_NAME(DescendantFonts)), 0);
	if (!pdf_is_stream(ctx, tu) || !pdf_is_indirect(ctx, dfont) ||
	    !(pdf_is_name(ctx, encoding) || pdf_is_stream(ctx, encoding)))
		return;
	pdf_font_desc *base = shared_base(ctx, doc, fs, dfont, encoding);
	if (!base)
		return;
	pdf_font_desc *d = clone_desc(ctx, base);
	fz_try (ctx) {
		attach_to_unicode(ctx, doc, d, tu);
		pdf_store_item(ctx, ref, d, d->size);
	}
	fz_always (ctx)
		pdf_drop_font(ctx, d);
	fz_catch (ctx)
		fz_rethrow(ctx);
}

/* prepare_font, its errors left to MuPDF, which meets them again when the
 * page uses the font and handles them as before. */
static void try_font(fz_context *ctx, pdf_document *doc, font_cache *fs, pdf_obj *ref)
{
	fz_try (ctx)
		prepare_font(ctx, doc, fs, ref);
	fz_catch (ctx) {
		/* nothing stored: MuPDF loads the font itself */
	}
}

void bl_pdf_fonts_prepare(fz_context *ctx, font_cache *fs, fz_page *page)
{
	pdf_page *pp = pdf_page_from_fz_page(ctx, page);
	pdf_obj *fonts = NULL;
	fz_var(fonts);
	if (!pp)
		return;
	fz_try (ctx) {
		if (!fs->drop)
			fs->drop = font_drop_fn(ctx);
		fonts = pdf_dict_get(ctx, pdf_page_resources(ctx, pp), PDF_NAME(Font));
	}
	fz_catch (ctx)
		fonts = NULL; /* the page's resources: MuPDF reads them again */
	int n = pdf_dict_len(ctx, fonts);
	for (int i = 0; i < n; i++)
		try_font(ctx, pp->doc, fs, pdf_dict_get_val(ctx, fonts, i));
}

void bl_pdf_fonts_drop(fz_context *ctx, font_cache *fs)
{
	for (size_t i = 0; i < fs->n; i++)
		drop_entry(ctx, &fs->fonts[i]);
	free(fs->fonts);
	memset(fs, 0, sizeof *fs);
}
