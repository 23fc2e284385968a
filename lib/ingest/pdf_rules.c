/* pdf_rules.c - ruling lines: the straight thin strokes and fills a table's
 * borders are drawn with, read by a device that passes every call on to the
 * text device, so that the page's contents are interpreted once for both. */
#include "ingest/pdf_int.h"

/* Ruling lines. Tables are drawn with stroked lines (one segment per
 * border) or, by Word, with thin filled rectangles; both become bl_ruling.
 * Curves, thick strokes and filled areas are decoration, not borders. */
#define RULE_THIN 2.5f /* a filled rectangle this thin is a line */
#define RULE_MIN 3.0f  /* and at least this long */

/* The page's device: every call goes on to the text device (MuPDF's
 * structured text), so that one run of the page's contents gives its
 * characters and its ruling lines; fills and strokes are also walked for
 * lines. */
typedef struct rules_dev {
	fz_device super;
	fz_device *text; /* NULL once detached: the calls are read for lines only */
	bl_geom *g;
	fz_rect mb;
	size_t rule0; /* the page's first line in g->rules */
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
	rules_dev *d = (rules_dev *)dev;
	if (alpha > 0.1f)
		walk_path(ctx, d, path, m, 1);
	if (d->text)
		fz_fill_path(ctx, d->text, path, even_odd, m, cs, color, alpha, cp);
}

static void rules_stroke(fz_context *ctx, fz_device *dev, const fz_path *path, const fz_stroke_state *ss,
			 fz_matrix m, fz_colorspace *cs, const float *color, float alpha, fz_color_params cp)
{
	rules_dev *d = (rules_dev *)dev;
	if (alpha > 0.1f && ss->linewidth * fz_matrix_expansion(m) <= RULE_THIN)
		walk_path(ctx, d, path, m, 0);
	if (d->text)
		fz_stroke_path(ctx, d->text, path, ss, m, cs, color, alpha, cp);
}

/* Every other call goes on to the text device unchanged, through MuPDF's
 * own entry points, so that the text device keeps its clip stack exactly as
 * when it runs the page alone (its shadings are cut to the current clip). */
#define TEXT(d) (((rules_dev *)(d))->text)

static void fwd_clip_path(fz_context *ctx, fz_device *dev, const fz_path *path, int even_odd, fz_matrix m,
			  fz_rect scissor)
{
	if (TEXT(dev))
		fz_clip_path(ctx, TEXT(dev), path, even_odd, m, scissor);
}

static void fwd_clip_stroke_path(fz_context *ctx, fz_device *dev, const fz_path *path,
				 const fz_stroke_state *ss, fz_matrix m, fz_rect scissor)
{
	if (TEXT(dev))
		fz_clip_stroke_path(ctx, TEXT(dev), path, ss, m, scissor);
}

static void fwd_fill_text(fz_context *ctx, fz_device *dev, const fz_text *text, fz_matrix m,
			  fz_colorspace *cs, const float *color, float alpha, fz_color_params cp)
{
	if (TEXT(dev))
		fz_fill_text(ctx, TEXT(dev), text, m, cs, color, alpha, cp);
}

static void fwd_stroke_text(fz_context *ctx, fz_device *dev, const fz_text *text, const fz_stroke_state *ss,
			    fz_matrix m, fz_colorspace *cs, const float *color, float alpha,
			    fz_color_params cp)
{
	if (TEXT(dev))
		fz_stroke_text(ctx, TEXT(dev), text, ss, m, cs, color, alpha, cp);
}

static void fwd_clip_text(fz_context *ctx, fz_device *dev, const fz_text *text, fz_matrix m, fz_rect scissor)
{
	if (TEXT(dev))
		fz_clip_text(ctx, TEXT(dev), text, m, scissor);
}

static void fwd_clip_stroke_text(fz_context *ctx, fz_device *dev, const fz_text *text,
				 const fz_stroke_state *ss, fz_matrix m, fz_rect scissor)
{
	if (TEXT(dev))
		fz_clip_stroke_text(ctx, TEXT(dev), text, ss, m, scissor);
}

static void fwd_ignore_text(fz_context *ctx, fz_device *dev, const fz_text *text, fz_matrix m)
{
	if (TEXT(dev))
		fz_ignore_text(ctx, TEXT(dev), text, m);
}

static void fwd_fill_shade(fz_context *ctx, fz_device *dev, fz_shade *shade, fz_matrix m, float alpha,
			   fz_color_params cp)
{
	if (TEXT(dev))
		fz_fill_shade(ctx, TEXT(dev), shade, m, alpha, cp);
}

static void fwd_fill_image(fz_context *ctx, fz_device *dev, fz_image *img, fz_matrix m, float alpha,
			   fz_color_params cp)
{
	if (TEXT(dev))
		fz_fill_image(ctx, TEXT(dev), img, m, alpha, cp);
}

static void fwd_fill_image_mask(fz_context *ctx, fz_device *dev, fz_image *img, fz_matrix m,
				fz_colorspace *cs, const float *color, float alpha, fz_color_params cp)
{
	if (TEXT(dev))
		fz_fill_image_mask(ctx, TEXT(dev), img, m, cs, color, alpha, cp);
}

static void fwd_clip_image_mask(fz_context *ctx, fz_device *dev, fz_image *img, fz_matrix m, fz_rect scissor)
{
	if (TEXT(dev))
		fz_clip_image_mask(ctx, TEXT(dev), img, m, scissor);
}

static void fwd_pop_clip(fz_context *ctx, fz_device *dev)
{
	if (TEXT(dev))
		fz_pop_clip(ctx, TEXT(dev));
}

static void fwd_begin_mask(fz_context *ctx, fz_device *dev, fz_rect area, int luminosity, fz_colorspace *cs,
			   const float *bc, fz_color_params cp)
{
	if (TEXT(dev))
		fz_begin_mask(ctx, TEXT(dev), area, luminosity, cs, bc, cp);
}

static void fwd_end_mask(fz_context *ctx, fz_device *dev)
{
	if (TEXT(dev))
		fz_end_mask(ctx, TEXT(dev));
}

static void fwd_begin_group(fz_context *ctx, fz_device *dev, fz_rect area, fz_colorspace *cs, int isolated,
			    int knockout, int blendmode, float alpha)
{
	if (TEXT(dev))
		fz_begin_group(ctx, TEXT(dev), area, cs, isolated, knockout, blendmode, alpha);
}

static void fwd_end_group(fz_context *ctx, fz_device *dev)
{
	if (TEXT(dev))
		fz_end_group(ctx, TEXT(dev));
}

static int fwd_begin_tile(fz_context *ctx, fz_device *dev, fz_rect area, fz_rect view, float xstep,
			  float ystep, fz_matrix m, int id)
{
	return TEXT(dev) ? fz_begin_tile_id(ctx, TEXT(dev), area, view, xstep, ystep, m, id) : 0;
}

static void fwd_end_tile(fz_context *ctx, fz_device *dev)
{
	if (TEXT(dev))
		fz_end_tile(ctx, TEXT(dev));
}

static void fwd_render_flags(fz_context *ctx, fz_device *dev, int set, int clear)
{
	if (TEXT(dev))
		fz_render_flags(ctx, TEXT(dev), set, clear);
}

static void fwd_set_default_colorspaces(fz_context *ctx, fz_device *dev, fz_default_colorspaces *dcs)
{
	if (TEXT(dev))
		fz_set_default_colorspaces(ctx, TEXT(dev), dcs);
}

static void fwd_begin_layer(fz_context *ctx, fz_device *dev, const char *name)
{
	if (TEXT(dev))
		fz_begin_layer(ctx, TEXT(dev), name);
}

static void fwd_end_layer(fz_context *ctx, fz_device *dev)
{
	if (TEXT(dev))
		fz_end_layer(ctx, TEXT(dev));
}

fz_device *bl_pdf_rules_device(fz_context *ctx, fz_device *text, fz_rect mb, bl_geom *g)
{
	rules_dev *d = fz_new_derived_device(ctx, rules_dev);
	fz_device *s = &d->super;
	s->hints = text->hints; /* the interpreter reads them as the text device's */
	s->fill_path = rules_fill;
	s->stroke_path = rules_stroke;
	s->clip_path = fwd_clip_path;
	s->clip_stroke_path = fwd_clip_stroke_path;
	s->fill_text = fwd_fill_text;
	s->stroke_text = fwd_stroke_text;
	s->clip_text = fwd_clip_text;
	s->clip_stroke_text = fwd_clip_stroke_text;
	s->ignore_text = fwd_ignore_text;
	s->fill_shade = fwd_fill_shade;
	s->fill_image = fwd_fill_image;
	s->fill_image_mask = fwd_fill_image_mask;
	s->clip_image_mask = fwd_clip_image_mask;
	s->pop_clip = fwd_pop_clip;
	s->begin_mask = fwd_begin_mask;
	s->end_mask = fwd_end_mask;
	s->begin_group = fwd_begin_group;
	s->end_group = fwd_end_group;
	s->begin_tile = fwd_begin_tile;
	s->end_tile = fwd_end_tile;
	s->render_flags = fwd_render_flags;
	s->set_default_colorspaces = fwd_set_default_colorspaces;
	s->begin_layer = fwd_begin_layer;
	s->end_layer = fwd_end_layer;
	d->text = text;
	d->g = g;
	d->mb = mb;
	d->rule0 = g->nrules;
	return s;
}

void bl_pdf_rules_detach(fz_device *dev)
{
	((rules_dev *)dev)->text = NULL;
}

void bl_pdf_rules_end(fz_device *dev, bl_pageinfo *pi, int keep)
{
	rules_dev *d = (rules_dev *)dev;
	if (keep) {
		pi->rule0 = d->rule0;
		pi->nrules = d->n;
	} else {
		d->g->nrules = d->rule0; /* the array keeps its capacity for the next page */
		pi->rule0 = 0;
		pi->nrules = 0;
	}
	d->n = 0;
}
