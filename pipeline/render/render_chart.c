/*
 * render_chart.c: the PDF back end's bar chart, drawn from the data fill
 * read from its table (doc.h, struct doc_chart): measures it (a round
 * axis, the labels' column) and paints it (legend, gridlines, bars and
 * their values as the table prints them).
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

/* Returns the text of gridline value v of chart c; the last one says
 * what a chart of rates counts ("50 a year"). */
static char *
rndr_chart_tick(const struct rndr_chart *c, double v)
{
	return xasprintf("%g%s%s", v, c->data->kind == DOC_NUM_PERCENT ?
	    "%" : "", c->data->per != NULL && v >= c->max - 1e-9 ?
	    c->data->per : "");
}

/* The widest a category label is set on one line; a longer one wraps
 * (the old charts' labels are all narrower). */
#define RNDR_CHART_LABELW	(PDF_BODY_W * 0.4)

static int	rndr_chart_legend(struct rndr *, const struct rndr_chart *,
		    int, double);
static double	rndr_chart_label_pt(struct rndr *, const char *, double,
		    double, int, int, double);
static void	rndr_chart_pitch(struct rndr_chart *, double, double, double,
		    double);

/* The smallest a chart's words and bars are drawn to fit a page. */
#define RNDR_CHART_MIN_PT	6.0
#define RNDR_CHART_MIN_BAR	2.0

/* Frees chart c; accepts NULL. */
void
rndr_chart_free(struct rndr_chart *c)
{
	size_t	 k;

	if (c == NULL)
		return;
	for (k = 0; c->cats != NULL && k < c->data->ncats; k++)
		free(c->cats[k]);
	free(c->cats);
	free(c);
}

/* Lays out category label s at size pt, bold, wrapped at
 * RNDR_CHART_LABELW when it is wider; fills t (rndr_text_clear()). */
static void
rndr_chart_cat_text(struct rndr *p, struct rndr_text *t, const char *s,
    double pt)
{
	rndr_text_make(p, t, NULL, s, 0, pt, 1, PANGO_ALIGN_LEFT);
	if (rndr_text_width(t) > RNDR_CHART_LABELW) {
		rndr_text_clear(t);
		rndr_text_make(p, t, NULL, s, RNDR_CHART_LABELW, pt, 1,
		    PANGO_ALIGN_LEFT);
	}
}

/* Sets c->labelw, the category labels' column, from c->cats at
 * c->catpt; returns the tallest label's height (and its lines in
 * *maxlines when not NULL). */
static double
rndr_chart_labels(struct rndr *p, struct rndr_chart *c, int *maxlines)
{
	struct rndr_text	 t;
	double			 w, labelh = 0;
	size_t			 k;

	c->labelw = 0;
	if (maxlines != NULL)
		*maxlines = 0;
	for (k = 0; k < c->data->ncats; k++) {
		rndr_chart_cat_text(p, &t, c->cats[k], c->catpt);
		if (t.height > labelh)
			labelh = t.height;
		if (maxlines != NULL && t.nlines > *maxlines)
			*maxlines = t.nlines;
		w = rndr_text_width(&t) + 14;
		if (w > c->labelw)
			c->labelw = w;
		rndr_text_clear(&t);
	}
	c->plotw = PDF_BODY_W - c->labelw - PDF_CHART_VALW;
	return labelh;
}

/* Whether s fits: as a category label (bold, wrapped at
 * RNDR_CHART_LABELW) in at most lines lines when maxw is 0, else set on
 * one line (regular) in at most maxw points. */
static int
rndr_chart_fits(struct rndr *p, const char *s, double pt, int lines,
    double maxw)
{
	struct rndr_text	 t;
	int			 ok;

	if (maxw > 0) {
		rndr_text_make(p, &t, NULL, s, 0, pt, 0, PANGO_ALIGN_LEFT);
		ok = rndr_text_width(&t) <= maxw;
	} else {
		rndr_chart_cat_text(p, &t, s, pt);
		ok = t.nlines <= lines;
	}
	rndr_text_clear(&t);
	return ok;
}

/*
 * Returns s as a new string that fits (rndr_chart_fits()): s itself,
 * or s with words taken out of its middle for an ellipsis, keeping its
 * start and its end (the words after its last ", ", else its last word:
 * what tells "London, 2004-06" from "London, 2006-08"); failing that,
 * its start cut after a character, with an ellipsis.
 */
static char *
rndr_chart_abbrev(struct rndr *p, const char *s, double pt, int lines,
    double maxw)
{
	const char	*comma, *tail, *q;
	char		*try;
	size_t		 k, len = strlen(s);

	if (rndr_chart_fits(p, s, pt, lines, maxw))
		return xstrdup(s);
	/* The end kept: after the last ", ", else the last word. */
	comma = NULL;
	for (q = s; (q = strstr(q, ", ")) != NULL; q += 2)
		comma = q;
	if (comma != NULL)
		tail = comma + 2;
	else if ((tail = strrchr(s, ' ')) != NULL)
		tail++;
	else
		tail = s + len;
	/* The start, shorter a word at a time. */
	for (k = (size_t)(tail - s); k > 0; k--) {
		if (s[k] != ' ' || s[k - 1] == ' ' || s[k - 1] == ',')
			continue;
		try = *tail != '\0' ? xasprintf("%.*s\u2026 %s", (int)k, s,
		    tail) : xasprintf("%.*s\u2026", (int)k, s);
		if (rndr_chart_fits(p, try, pt, lines, maxw))
			return try;
		free(try);
	}
	for (k = len; k > 0; k--) {
		if (((unsigned char)s[k] & 0xc0) == 0x80 || s[k - 1] == ' ')
			continue;
		try = xasprintf("%.*s\u2026", (int)k, s);
		if (rndr_chart_fits(p, try, pt, lines, maxw))
			return try;
		free(try);
	}
	return xstrdup("\u2026");
}

/*
 * Makes chart c at most maxh points tall, so that it fits a page with
 * its caption (issue 31.6): first the compact pitch, then category
 * labels cut to fewer lines with an ellipsis (the Figure's alternative
 * text keeps them whole), then smaller labels and thinner bars, down to
 * RNDR_CHART_MIN_PT and RNDR_CHART_MIN_BAR.  A chart that fits is left
 * as it is.
 */
void
rndr_chart_fit(struct rndr *p, struct rndr_chart *c, double maxh)
{
	const struct doc_chart	*data = c->data;
	double			 labelh, room, group, gap, bar, band, one;
	size_t			 k;
	int			 lines;
	char			*a;

	if (c->height <= maxh || data->ncats == 0)
		return;
	labelh = rndr_chart_labels(p, c, &lines);
	rndr_chart_pitch(c, PDF_CHART_BAR_C, PDF_CHART_GAP_C,
	    PDF_CHART_GROUP_C, labelh);
	while (c->height > maxh && lines > 1) {
		lines--;
		for (k = 0; k < data->ncats; k++) {
			a = rndr_chart_abbrev(p, data->cats[k], c->catpt,
			    lines, 0);
			free(c->cats[k]);
			c->cats[k] = a;
		}
		labelh = rndr_chart_labels(p, c, NULL);
		rndr_chart_pitch(c, PDF_CHART_BAR_C, PDF_CHART_GAP_C,
		    PDF_CHART_GROUP_C, labelh);
	}
	if (c->height <= maxh)
		return;
	/* Each category's share of the room: its labels and bars. */
	room = (maxh - PDF_CHART_LEGEND * c->legend_rows - PDF_CHART_AXIS) /
	    data->ncats;
	group = room * 0.2 < PDF_CHART_GROUP_C ? room * 0.2 :
	    PDF_CHART_GROUP_C;
	band = room - group;
	one = labelh;			/* one line at c->catpt */
	if (band < one) {
		c->catpt *= band / one;
		if (c->catpt < RNDR_CHART_MIN_PT)
			c->catpt = RNDR_CHART_MIN_PT;
	}
	gap = PDF_CHART_GAP_C * band / (data->nseries * (PDF_CHART_BAR_C +
	    PDF_CHART_GAP_C));
	if (gap > PDF_CHART_GAP_C)
		gap = PDF_CHART_GAP_C;
	bar = (band + gap) / data->nseries - gap;
	if (bar < RNDR_CHART_MIN_BAR)
		bar = RNDR_CHART_MIN_BAR;
	/* A value's line is as tall as its bar and gap, or the labels
	 * of neighbouring bars would overlap. */
	c->valpt = (bar + gap) / 1.4;
	if (c->valpt > PDF_CHART_PT)
		c->valpt = PDF_CHART_PT;
	if (c->valpt < RNDR_CHART_MIN_PT)
		c->valpt = RNDR_CHART_MIN_PT;
	for (k = 0; k < data->ncats; k++) {
		a = rndr_chart_abbrev(p, data->cats[k], c->catpt, 1, 0);
		free(c->cats[k]);
		c->cats[k] = a;
	}
	labelh = rndr_chart_labels(p, c, NULL);
	rndr_chart_pitch(c, bar, gap, group, labelh);
}

/* Sets chart c's pitch (bar, gap between bars, gap between categories)
 * and its height, each category's band at least as tall as the tallest
 * label (labelh) so that wrapped labels never overlap. */
static void
rndr_chart_pitch(struct rndr_chart *c, double bar, double gap, double group,
    double labelh)
{
	const struct doc_chart	*data = c->data;

	c->bar = bar;
	c->gap = gap;
	c->group = group;
	c->band = data->nseries * (bar + gap) - gap;
	if (c->band < labelh)
		c->band = labelh;
	c->height = PDF_CHART_LEGEND * c->legend_rows + data->ncats *
	    (c->band + group) + PDF_CHART_AXIS;
}

/*
 * Measures chart node n from the data fill read from its table.
 * Returns the chart (free with rndr_chart_free()), or NULL when n has
 * no data (it follows no table it can be drawn from).
 */
struct rndr_chart *
rndr_measure_chart(struct rndr *p, const struct doc_node *n)
{
	const struct doc_chart	*data = n->as.chart.data;
	struct rndr_chart	*c;
	struct rndr_text	 t;
	double			 w, labelh = 0;
	size_t			 k;
	char			*tick;

	if (data == NULL)
		return NULL;
	c = xcalloc(1, sizeof(*c));
	c->data = data;

	/* The axis fill chose (doc_chart). */
	c->step = data->axis_step;
	c->max = data->axis_max;

	/* The category labels' column, and the bars' room. */
	c->catpt = c->valpt = PDF_CHART_PT;
	c->cats = xcalloc(data->ncats + 1, sizeof(*c->cats));
	for (k = 0; k < data->ncats; k++) {
		c->cats[k] = xstrdup(data->cats[k]);
		rndr_text_make(p, &t, NULL, data->cats[k], 0, PDF_CHART_PT, 1,
		    PANGO_ALIGN_LEFT);
		/* A long label wraps, so that the bars keep their room. */
		w = rndr_text_width(&t);
		if (w > RNDR_CHART_LABELW) {
			rndr_text_clear(&t);
			rndr_text_make(p, &t, NULL, data->cats[k],
			    RNDR_CHART_LABELW, PDF_CHART_PT, 1,
			    PANGO_ALIGN_LEFT);
		}
		if (t.height > labelh)
			labelh = t.height;
		w = (w < RNDR_CHART_LABELW ? w : RNDR_CHART_LABELW) + 14;
		if (w > c->labelw)
			c->labelw = w;
		rndr_text_clear(&t);
	}
	tick = rndr_chart_tick(c, c->max);
	rndr_text_make(p, &t, NULL, tick, 0, PDF_CHART_PT, 0,
	    PANGO_ALIGN_LEFT);
	free(tick);
	c->plotw = PDF_BODY_W - c->labelw - PDF_CHART_VALW;
	rndr_text_clear(&t);
	c->legend_rows = rndr_chart_legend(p, c, 0, 0);
	rndr_chart_pitch(c, PDF_CHART_BAR, PDF_CHART_GAP, PDF_CHART_GROUP,
	    labelh);
	if (data->ncats * data->nseries > PDF_CHART_MANY)
		rndr_chart_pitch(c, PDF_CHART_BAR_C, PDF_CHART_GAP_C,
		    PDF_CHART_GROUP_C, labelh);
	return c;
}

/* Fills the rectangle x, y, w, h in the style of series s
 * (doc_chart_colour(), doc_chart_hatch()). */
static void
rndr_chart_swatch(struct rndr *p, int s, double x, double y, double w,
    double h)
{
	enum doc_hatch	 hatch = doc_chart_hatch((size_t)s);
	double		 d;

	cairo_save(p->cr);
	rndr_set_rgb(p, doc_chart_colours[doc_chart_colour((size_t)s)]);
	if (hatch == DOC_HATCH_NONE) {
		cairo_rectangle(p->cr, x, y, w, h);
		cairo_fill(p->cr);
	} else {
		cairo_rectangle(p->cr, x, y, w, h);
		cairo_save(p->cr);
		cairo_clip_preserve(p->cr);
		cairo_new_path(p->cr);
		cairo_set_line_width(p->cr, 1.3);
		for (d = -h; d < w; d += 4.5) {
			if (hatch != DOC_HATCH_FALLING) {
				cairo_move_to(p->cr, x + d, y + h);
				cairo_line_to(p->cr, x + d + h, y);
			}
			if (hatch != DOC_HATCH_RISING) {
				cairo_move_to(p->cr, x + d, y);
				cairo_line_to(p->cr, x + d + h, y + h);
			}
		}
		cairo_stroke(p->cr);
		cairo_restore(p->cr);
		cairo_set_line_width(p->cr, 1.0);
		cairo_rectangle(p->cr, x + 0.5, y + 0.5, w - 1, h - 1);
		cairo_stroke(p->cr);
	}
	cairo_restore(p->cr);
}

/* Draws s as outlines with its left at x and its middle at ym (chart
 * labels: the Figure's alternative text carries their words); a category
 * label (bold) wraps at RNDR_CHART_LABELW. */
static double
rndr_chart_label(struct rndr *p, const char *s, double x, double ym,
    int bold, int right)
{
	return rndr_chart_label_pt(p, s, x, ym, bold, right, PDF_CHART_PT);
}

/* The same at size pt. */
static double
rndr_chart_label_pt(struct rndr *p, const char *s, double x, double ym,
    int bold, int right, double pt)
{
	struct rndr_text	 t;
	double		 w;

	if (bold)
		rndr_chart_cat_text(p, &t, s, pt);
	else
		rndr_text_make(p, &t, NULL, s, 0, pt, bold,
		    PANGO_ALIGN_LEFT);
	w = rndr_text_width(&t);
	cairo_move_to(p->cr, right ? x - w : x, ym - t.height / 2);
	pango_cairo_layout_path(p->cr, t.layout);
	cairo_fill(p->cr);
	rndr_text_clear(&t);
	return w;
}

/*
 * Lays out the legend of chart c from the left of its bars, a swatch and
 * a name a series, starting a new row where the next would pass the
 * body's right edge; paints it with its top at y when paint is set.
 * Returns its number of rows.
 */
static int
rndr_chart_legend(struct rndr *p, const struct rndr_chart *c, int paint,
    double y)
{
	const struct doc_chart	*data = c->data;
	struct rndr_text	 t;
	double			 x0 = PDF_LEFT + c->labelw, lx = x0, w;
	int			 s, rows = 1;
	char			*name;

	for (s = 0; s < (int)data->nseries; s++) {
		/* A name wider than the room right of the labels is
		 * abbreviated (issue 31.6): never off the page. */
		name = rndr_chart_abbrev(p, data->series[s], PDF_CHART_PT, 0,
		    PDF_BODY_W - c->labelw - 18);
		rndr_text_make(p, &t, NULL, name, 0, PDF_CHART_PT, 0,
		    PANGO_ALIGN_LEFT);
		w = 18 + rndr_text_width(&t);
		rndr_text_clear(&t);
		if (lx > x0 && lx + w > PDF_LEFT + PDF_BODY_W) {
			lx = x0;
			rows++;
		}
		if (paint) {
			rndr_chart_swatch(p, s, lx, y + (rows - 1) *
			    PDF_CHART_LEGEND + (PDF_CHART_LEGEND - 12) / 2,
			    12, 12);
			rndr_chart_label(p, name, lx + 18, y +
			    (rows - 1) * PDF_CHART_LEGEND +
			    PDF_CHART_LEGEND / 2, 0, 0);
		}
		free(name);
		lx += w + 18;
	}
	return rows;
}

/*
 * Paints chart block b with top at y: a legend, then for each category
 * its label and one horizontal bar a series, each labelled with the
 * figure as the table prints it ([c] where it is suppressed, with no
 * bar), over light gridlines with their values below.
 */
void
rndr_paint_chart(struct rndr *p, const struct rndr_block *b, double y)
{
	const struct rndr_chart	*c = b->chart;
	const struct doc_chart	*data = c->data;
	const struct doc_chart_cell *cc;
	double			 x0, top, gy, by, w, v, yb;
	int			 k, s, ncats, nseries;
	char			*tick;

	ncats = (int)data->ncats;
	nseries = (int)data->nseries;

	x0 = PDF_LEFT + c->labelw;
	cairo_save(p->cr);
	cairo_set_source_rgb(p->cr, PDF_INK, PDF_INK, PDF_INK);
	(void)rndr_chart_legend(p, c, 1, y);
	top = y + PDF_CHART_LEGEND * c->legend_rows + c->group / 2;
	yb = top + ncats * (c->band + c->group) - c->group / 2;

	/* Gridlines and their values. */
	for (v = 0; v <= c->max + 1e-9; v += c->step) {
		w = x0 + v / c->max * c->plotw;
		cairo_set_source_rgb(p->cr, v == 0 ? PDF_INK : 0.75,
		    v == 0 ? PDF_INK : 0.75, v == 0 ? PDF_INK : 0.75);
		cairo_set_line_width(p->cr, v == 0 ? 1.0 : 0.5);
		cairo_move_to(p->cr, w, top - c->group / 2);
		cairo_line_to(p->cr, w, yb);
		cairo_stroke(p->cr);
		cairo_set_source_rgb(p->cr, PDF_INK, PDF_INK, PDF_INK);
		tick = rndr_chart_tick(c, v);
		rndr_chart_label(p, tick, w - 8, yb + PDF_CHART_AXIS / 2,
		    0, 0);
		free(tick);
	}

	/* Categories and bars. */
	for (k = 0; k < ncats; k++) {
		gy = top + k * (c->band + c->group);
		cairo_set_source_rgb(p->cr, PDF_INK, PDF_INK, PDF_INK);
		rndr_chart_label_pt(p, c->cats[k], PDF_LEFT,
		    gy + c->band / 2, 1, 0, c->catpt);
		/* The bars in the middle of a band a wrapped label made
		 * taller. */
		gy += (c->band - (nseries * (c->bar + c->gap) - c->gap)) / 2;
		for (s = 0; s < nseries; s++) {
			by = gy + s * (c->bar + c->gap);
			cc = &data->cells[k * nseries + s];
			w = 0;
			if (cc->bar) {
				w = cc->num.value / c->max * c->plotw;
				if (w > 0)
					rndr_chart_swatch(p, s, x0, by, w,
					    c->bar);
			}
			cairo_set_source_rgb(p->cr, PDF_INK, PDF_INK,
			    PDF_INK);
			rndr_chart_label_pt(p, cc->text,
			    x0 + w + 4, by + c->bar / 2, 0, 0, c->valpt);
		}
	}
	cairo_restore(p->cr);
}
