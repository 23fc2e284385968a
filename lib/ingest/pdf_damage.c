/* pdf_damage.c - a file MuPDF had to repair: refused when a page cannot be
 * read whole (its page object, contents or resources missing or cut off),
 * accepted when the repair lost nothing. */
#include <string.h>

#include "ingest/pdf_int.h"

/* Objects visited per page, and in all, when a repaired PDF is checked:
 * bounds the check's time (resources shared by every page are walked again
 * for each); what lies past them counts as present. */
enum { MAX_WALK = 20000, MAX_WALK_DOC = 2000000 };

typedef struct obj_walk {
	pdf_obj **stack; /* each held with pdf_keep_obj */
	size_t n, cap;
	unsigned char *seen; /* a bit per object number, this page's walk */
	int *marked;         /* the numbers whose bit is set, to clear */
	size_t nmarked, mcap;
	int xlen;
	int64_t last_end; /* offset of the file's last "endstream", or -1 */
	long budget;      /* visits left, of MAX_WALK_DOC */
} obj_walk;

static void walk_push(fz_context *ctx, obj_walk *w, pdf_obj *o)
{
	if (o)
		*BL_PUSH(w->stack, w->n, w->cap) = pdf_keep_obj(ctx, o);
}

/* Does the page draw with an object the file does not hold whole: its
 * page object, its contents or its resources (inherited ones too), followed
 * through every reference but the way back up (/Parent), stream lengths
 * (MuPDF finds a stream's end without them) and metadata? A stream that
 * starts after the file's last "endstream" was cut off. May throw. */
static int page_missing(fz_context *ctx, pdf_document *pd, int p, obj_walk *w)
{
	pdf_obj *po = pdf_lookup_page_obj(ctx, pd, p);
	if (!pdf_is_dict(ctx, po))
		return 1;
	walk_push(ctx, w, pdf_dict_get(ctx, po, PDF_NAME(Contents)));
	walk_push(ctx, w, pdf_dict_get_inheritable(ctx, po, PDF_NAME(Resources)));
	int missing = 0;
	for (int visits = 0; w->n > 0 && !missing && visits < MAX_WALK && w->budget > 0;
	     visits++, w->budget--) {
		pdf_obj *o = w->stack[w->n - 1], *v = o;
		if (pdf_is_indirect(ctx, o)) {
			int num = pdf_to_num(ctx, o);
			if (num <= 0 || num >= w->xlen) {
				missing = 1;
				break;
			}
			if (w->seen[num / 8] & (1 << (num % 8))) {
				pdf_drop_obj(ctx, w->stack[--w->n]);
				continue;
			}
			w->seen[num / 8] |= (unsigned char)(1 << (num % 8));
			*BL_PUSH(w->marked, w->nmarked, w->mcap) = num;
			v = pdf_resolve_indirect(ctx, o); /* NULL when the object is gone */
			if (!v || (pdf_is_stream(ctx, o) &&
				   pdf_get_xref_entry(ctx, pd, num)->stm_ofs > w->last_end)) {
				missing = 1;
				break;
			}
		}
		w->n--; /* o stays held until its members are pushed */
		if (pdf_is_dict(ctx, v)) {
			for (int i = 0, len = pdf_dict_len(ctx, v); i < len; i++) {
				pdf_obj *key = pdf_dict_get_key(ctx, v, i);
				if (key != PDF_NAME(Parent) && key != PDF_NAME(Length) &&
				    key != PDF_NAME(Metadata))
					walk_push(ctx, w, pdf_dict_get_val(ctx, v, i));
			}
		} else if (pdf_is_array(ctx, v)) {
			for (int i = 0, len = pdf_array_len(ctx, v); i < len; i++)
				walk_push(ctx, w, pdf_array_get(ctx, v, i));
		}
		pdf_drop_obj(ctx, o);
	}
	return missing;
}

/* Pages of a repaired PDF (the file's bytes[0..n)) that cannot be read
 * whole: the one that failed to load (failed, 1-based, or 0), and those that
 * draw with a missing or cut object. */
static int count_incomplete(fz_context *ctx, pdf_document *pd, const char *bytes, size_t n, int total,
			    int failed)
{
	obj_walk w = {0};
	w.xlen = pdf_xref_len(ctx, pd);
	w.last_end = -1;
	w.budget = MAX_WALK_DOC;
	for (size_t i = n >= 9 ? n - 9 + 1 : 0; i-- > 0;)
		if (bytes[i] == 'e' && !memcmp(bytes + i, "endstream", 9)) {
			w.last_end = (int64_t)i;
			break;
		}
	w.seen = bl_xcalloc((size_t)w.xlen / 8 + 1, 1);
	int bad = 0;
	for (int p = 0; p < total; p++) {
		int missing = p + 1 == failed;
		fz_var(missing);
		fz_try (ctx) {
			if (!missing && w.budget > 0)
				missing = page_missing(ctx, pd, p, &w);
		}
		fz_catch (ctx)
			missing = 1; /* not even its page object can be found */
		bad += missing;
		while (w.n > 0)
			pdf_drop_obj(ctx, w.stack[--w.n]);
		for (size_t i = 0; i < w.nmarked; i++)
			w.seen[w.marked[i] / 8] = 0;
		w.nmarked = 0;
	}
	free(w.stack);
	free(w.seen);
	free(w.marked);
	return bad;
}

/* A PDF that MuPDF had to repair, or whose page failed: refused when a page
 * cannot be read whole. A repair that loses nothing (a broken or missing
 * cross-reference table over intact objects) is accepted silently. */
void bl_pdf_check_damage(fz_context *ctx, fz_document *fd, pdf_read *rd, int total)
{
	pdf_document *pd = pdf_specifics(ctx, fd);
	int repaired = pd && pdf_was_repaired(ctx, pd);
	if (rd->st || (!repaired && !rd->failed))
		return;
	if (repaired) {
		int bad = count_incomplete(ctx, pd, rd->bytes, rd->nbytes, total, rd->failed);
		if (total == 0) {
			rd->st = BL_EFORMAT;
			bl_diag_set(rd->diag, rd->st, 0, rd->name,
				    "cannot read '%s': the PDF is damaged or cut short (no page is left)",
				    rd->name);
		} else if (bad > 0) {
			rd->st = BL_EFORMAT;
			bl_diag_set(rd->diag, rd->st, 0, rd->name,
				    "cannot read '%s': the PDF is damaged or cut short (%d of %d pages "
				    "incomplete)",
				    rd->name, bad, total);
		}
		return;
	}
	rd->st = BL_EFORMAT;
	bl_diag_set(rd->diag, rd->st, 0, rd->name, "cannot read '%s': page %d cannot be read (%s)", rd->name,
		    rd->failed, rd->failed_msg);
}
