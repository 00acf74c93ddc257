/*
 * render_tilemap.c: the PDF back end's tile map (doc.h, struct
 * doc_tilemap, set by fill from the region's grid): a square a board at
 * its place in the grid, shaded by its number of reviews, with its label
 * and its number printed on it, and a legend of the shades below.  The
 * words are drawn as outlines: the Figure's alternative text carries
 * them (every board and its number).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "util.h"
#include "diag.h"
#include "doc.h"
#include "render_int.h"

#define TILE_SIZE	48.0	/* a tile's side, in points */
#define TILE_GAP	4.0	/* between tiles */
#define TILE_LABEL_PT	8.0
#define TILE_VALUE_PT	12.0

/* The tallest a tile map may be, legend included: a page less room for
 * a caption of three lines kept with it. */
#define TILE_MAX_H	(PDF_BODY_H - 3 * PDF_BODY_PT * PDF_SPACING * 1.5)

/*
 * The scale of the tiles (and of the words on them), at most 1: a grid
 * wider than the body or taller than a page is drawn smaller, so every
 * tile is on the page (issue 31.7); the legend keeps its size.
 */
static double
rndr_tile_scale(const struct doc_tilemap *t)
{
	double	 f = 1, g;

	if (t->ncols > 0 && (g = (PDF_BODY_W + TILE_GAP) /
	    (t->ncols * (TILE_SIZE + TILE_GAP))) < f)
		f = g;
	if (t->nrows > 0 && (g = (TILE_MAX_H - PDF_CHART_LEGEND - 8) /
	    (t->nrows * (TILE_SIZE + TILE_GAP))) < f)
		f = g;
	return f;
}

double
rndr_tilemap_height(const struct doc_tilemap *t)
{
	return t->nrows * (TILE_SIZE + TILE_GAP) * rndr_tile_scale(t) +
	    PDF_CHART_LEGEND + 8;
}

/* Sets the source to 0xRRGGBB. */
void
rndr_set_rgb(struct rndr *p, unsigned rgb)
{
	cairo_set_source_rgb(p->cr, ((rgb >> 16) & 0xff) / 255.0,
	    ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

/* Draws s as outlines, centred on cx if centre is set (else from cx),
 * its middle at ym; returns its width. */
static double
rndr_tile_text(struct rndr *p, const char *s, double cx, double ym,
    double size, int bold, int centre)
{
	struct rndr_text	 t;
	double			 w;

	rndr_text_make(p, &t, NULL, s, 0, size, bold, PANGO_ALIGN_LEFT);
	w = rndr_text_width(&t);
	cairo_move_to(p->cr, centre ? cx - w / 2 : cx, ym - t.height / 2);
	pango_cairo_layout_path(p->cr, t.layout);
	cairo_fill(p->cr);
	rndr_text_clear(&t);
	return w;
}

/* Draws a square of shade class k at x, y, side s, with a dark outline
 * (so every tile stands out from the page whatever its shade). */
static void
rndr_tile_square(struct rndr *p, const struct doc_tilemap *t, int k,
    double x, double y, double s)
{
	rndr_set_rgb(p, doc_tile_shades[t->pal[k]].fill);
	cairo_rectangle(p->cr, x, y, s, s);
	cairo_fill(p->cr);
	cairo_set_source_rgb(p->cr, 0.25, 0.25, 0.25);
	cairo_set_line_width(p->cr, 0.75);
	cairo_rectangle(p->cr, x + 0.375, y + 0.375, s - 0.75, s - 0.75);
	cairo_stroke(p->cr);
}

/* The width of a text of the legend. */
static double
rndr_tile_text_width(struct rndr *p, const char *s, int bold)
{
	struct rndr_text	 t;
	double			 w;

	rndr_text_make(p, &t, NULL, s, 0, PDF_CHART_PT - 2, bold,
	    PANGO_ALIGN_LEFT);
	w = rndr_text_width(&t);
	rndr_text_clear(&t);
	return w;
}

/* The width of the legend as rndr_paint_tilemap() draws it. */
static double
rndr_tile_legend_width(struct rndr *p, const struct doc_tilemap *t)
{
	double	 w;
	int	 k;

	w = rndr_tile_text_width(p, "Reviews:", 1) + 10;
	for (k = 0; k < t->nshades; k++)
		w += 14 + 4 + rndr_tile_text_width(p, t->legend[k], 0) + 14;
	return w - 14;
}

void
rndr_paint_tilemap(struct rndr *p, const struct rndr_block *b, double y)
{
	const struct doc_tilemap	*t = b->node->as.tilemap.data;
	const struct doc_tile		*tile;
	double				 x0, x, ty, lx, ly, f, side, step, lw;
	size_t				 i;
	char				 v[32];
	int				 k;

	f = rndr_tile_scale(t);
	side = TILE_SIZE * f;
	step = (TILE_SIZE + TILE_GAP) * f;
	x0 = PDF_LEFT + (PDF_BODY_W - t->ncols * step + TILE_GAP * f) / 2;
	cairo_save(p->cr);
	for (i = 0; i < t->ntiles; i++) {
		tile = &t->tiles[i];
		x = x0 + (tile->col - 1) * step;
		ty = y + (tile->row - 1) * step;
		rndr_tile_square(p, t, tile->shade, x, ty, side);
		rndr_set_rgb(p, doc_tile_shades[t->pal[tile->shade]].ink);
		rndr_tile_text(p, tile->label, x + side / 2, ty + side * 0.3,
		    TILE_LABEL_PT * f, 0, 1);
		snprintf(v, sizeof(v), "%ld", tile->value);
		rndr_tile_text(p, v, x + side / 2, ty + side * 0.65,
		    TILE_VALUE_PT * f, 1, 1);
	}

	/* The legend: the shades and the numbers of reviews they stand
	 * for, from the map's left edge, or further left when it would
	 * run past the body's right edge (a narrow grid). */
	lw = rndr_tile_legend_width(p, t);
	if (x0 + lw > PDF_LEFT + PDF_BODY_W)
		x0 = PDF_LEFT + PDF_BODY_W - lw;
	if (x0 < PDF_LEFT)
		x0 = PDF_LEFT;
	ly = y + t->nrows * step + 8 + PDF_CHART_LEGEND / 2;
	cairo_set_source_rgb(p->cr, PDF_INK, PDF_INK, PDF_INK);
	lx = x0 + rndr_tile_text(p, "Reviews:", x0, ly, PDF_CHART_PT - 2,
	    1, 0) + 10;
	for (k = 0; k < t->nshades; k++) {
		rndr_tile_square(p, t, k, lx, ly - 7, 14);
		cairo_set_source_rgb(p->cr, PDF_INK, PDF_INK, PDF_INK);
		lx += 14 + 4 + rndr_tile_text(p, t->legend[k], lx + 18, ly,
		    PDF_CHART_PT - 2, 0, 0) + 14;
	}
	cairo_restore(p->cr);
}
