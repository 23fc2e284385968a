/* pdf_rules.c - ruling lines: the page run through a device that keeps
 * only straight thin strokes and fills, the borders a table is read from. */
#include "ingest/pdf_int.h"

/* Ruling lines. Tables are drawn with stroked lines (one segment per
 * border) or, by Word, with thin filled rectangles; both become bl_ruling.
 * Curves, thick strokes and filled areas are decoration, not borders. */
#define RULE_THIN 2.5f /* a filled rectangle this thin is a line */
#define RULE_MIN 3.0f  /* and at least this long */

typedef struct rules_dev {
	fz_device super;
	bl_geom *g;
	fz_rect mb;
	int n;
} rules_dev;

typedef struct rules_walk {
	rules_dev *d;
	fz_matrix m;
	int fill;
	fz_point start, cur;
	fz_rect box; /* of the current subpath, for fills */
	int npts;
} rules_walk;

static void rule_add(rules_dev *d, float x0, float y0, float x1, float y1)
{
	if (d->n >= MAX_RULES_PER_PAGE)
		return;
	if (x0 > x1) {
		float t = x0;
		x0 = x1;
		x1 = t;
	}
	if (y0 > y1) {
		float t = y0;
		y0 = y1;
		y1 = t;
	}
	int horiz = y1 - y0 <= RULE_THIN && x1 - x0 >= RULE_MIN;
	int vert = x1 - x0 <= RULE_THIN && y1 - y0 >= RULE_MIN;
	if (!horiz && !vert)
		return;
	bl_ruling *r = BL_PUSH(d->g->rules, d->g->nrules, d->g->rules_cap);
	r->x0 = x0 - d->mb.x0;
	r->x1 = x1 - d->mb.x0;
	r->y0 = y0 - d->mb.y0;
	r->y1 = y1 - d->mb.y0;
	if (horiz)
		r->y0 = r->y1 = (r->y0 + r->y1) / 2;
	else
		r->x0 = r->x1 = (r->x0 + r->x1) / 2;
	d->n++;
}

static void walk_point(rules_walk *w, fz_point p)
{
	if (w->npts++ == 0)
		w->box = fz_make_rect(p.x, p.y, p.x, p.y);
	else
		w->box = fz_include_point_in_rect(w->box, p);
}

static void walk_flush(rules_walk *w)
{
	if (w->fill && w->npts > 1)
		rule_add(w->d, w->box.x0, w->box.y0, w->box.x1, w->box.y1);
	w->npts = 0;
}

static void walk_moveto(fz_context *ctx, void *arg, float x, float y)
{
	(void)ctx;
	rules_walk *w = arg;
	walk_flush(w);
	w->start = w->cur = fz_transform_point_xy(x, y, w->m);
	walk_point(w, w->cur);
}

static void walk_lineto(fz_context *ctx, void *arg, float x, float y)
{
	(void)ctx;
	rules_walk *w = arg;
	fz_point p = fz_transform_point_xy(x, y, w->m);
	if (!w->fill)
		rule_add(w->d, w->cur.x, w->cur.y, p.x, p.y);
	walk_point(w, p);
	w->cur = p;
}

static void walk_curveto(fz_context *ctx, void *arg, float x1, float y1, float x2, float y2, float x3,
			 float y3)
{
	(void)ctx;
	(void)x1;
	(void)y1;
	(void)x2;
	(void)y2;
	rules_walk *w = arg;
	w->cur = fz_transform_point_xy(x3, y3, w->m);
	w->npts = -1000; /* a curved outline is not a line */
}

static void walk_close(fz_context *ctx, void *arg)
{
	(void)ctx;
	rules_walk *w = arg;
	if (!w->fill)
		rule_add(w->d, w->cur.x, w->cur.y, w->start.x, w->start.y);
	w->cur = w->start;
}

static void walk_rectto(fz_context *ctx, void *arg, float x0, float y0, float x1, float y1)
{
	(void)ctx;
	rules_walk *w = arg;
	walk_flush(w);
	fz_point a = fz_transform_point_xy(x0, y0, w->m), b = fz_transform_point_xy(x1, y0, w->m);
	fz_point c = fz_transform_point_xy(x1, y1, w->m), e = fz_transform_point_xy(x0, y1, w->m);
	if (w->fill) {
		walk_point(w, a);
		walk_point(w, b);
		walk_point(w, c);
		walk_point(w, e);
		walk_flush(w);
	} else {
		rule_add(w->d, a.x, a.y, b.x, b.y);
		rule_add(w->d, b.x, b.y, c.x, c.y);
		rule_add(w->d, c.x, c.y, e.x, e.y);
		rule_add(w->d, e.x, e.y, a.x, a.y);
	}
	w->start = w->cur = a;
}

static void walk_path(fz_context *ctx, rules_dev *d, const fz_path *path, fz_matrix m, int fill)
{
	static const fz_path_walker walker = {walk_moveto, walk_lineto, walk_curveto, walk_close,
					      NULL,        NULL,        NULL,         walk_rectto};
	rules_walk w = {d, m, fill, {0, 0}, {0, 0}, {0, 0, 0, 0}, 0};
	fz_walk_path(ctx, path, &walker, &w);
	walk_flush(&w);
}

static void rules_fill(fz_context *ctx, fz_device *dev, const fz_path *path, int even_odd, fz_matrix m,
		       fz_colorspace *cs, const float *color, float alpha, fz_color_params cp)
{
	(void)even_odd;
	(void)cs;
	(void)color;
	(void)cp;
	if (alpha > 0.1f)
		walk_path(ctx, (rules_dev *)dev, path, m, 1);
}

static void rules_stroke(fz_context *ctx, fz_device *dev, const fz_path *path, const fz_stroke_state *ss,
			 fz_matrix m, fz_colorspace *cs, const float *color, float alpha, fz_color_params cp)
{
	(void)cs;
	(void)color;
	(void)cp;
	if (alpha > 0.1f && ss->linewidth * fz_matrix_expansion(m) <= RULE_THIN)
		walk_path(ctx, (rules_dev *)dev, path, m, 0);
}

/* Runs the page once more through a device that keeps only ruling lines. */
void bl_pdf_collect_rules(fz_context *ctx, fz_page *page, fz_rect mb, bl_geom *g, bl_pageinfo *pi)
{
	rules_dev *d = fz_new_derived_device(ctx, rules_dev);
	d->super.fill_path = rules_fill;
	d->super.stroke_path = rules_stroke;
	d->g = g;
	d->mb = mb;
	pi->rule0 = g->nrules;
	fz_try (ctx) {
		fz_run_page(ctx, page, &d->super, fz_identity, NULL);
		fz_close_device(ctx, &d->super);
	}
	fz_always (ctx) {
		pi->nrules = d->n;
		fz_drop_device(ctx, &d->super);
	}
	fz_catch (ctx)
		fz_rethrow(ctx);
}
