/*
 * render_chart.c: the PDF back end's bar chart: measures it (a round
 * axis, the labels' column) and paints it (legend, gridlines, bars and
 * their values).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "util.h"
#include "diag.h"
#include "doc.h"
#include "render_int.h"

/* Returns the text of gridline value v of chart c. */
static char *
rndr_chart_tick(const struct rndr_chart *c, double v)
{
	return xasprintf("%g%s", v, c->percent ? "%" : "");
}

/* Frees chart c; accepts NULL. */
void
rndr_chart_free(struct rndr_chart *c)
{
	int	 i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nseries; i++)
		free(c->series[i]);
	for (i = 0; i < c->ncats; i++)
		free(c->cats[i]);
	for (i = 0; i < c->ncats * c->nseries; i++)
		free(c->shown[i]);
	free(c->series);
	free(c->cats);
	free(c->shown);
	free(c->value);
	free(c->drawn);
	free(c->alt);
	free(c);
}

/* Parses s as a number, optionally followed by "%", into *v; sets *pct
 * when there is a "%".  Returns 1 on success, 0 for anything else
 * ("[c]", words). */
static int
rndr_chart_number(const char *s, double *v, int *pct)
{
	char	*end;

	while (*s == ' ')
		s++;
	if (*s < '0' || *s > '9')
		return 0;
	*v = strtod(s, &end);
	*pct = *end == '%';
	if (*pct)
		end++;
	while (*end == ' ')
		end++;
	/* Only what an axis can be drawn for: no inf, no 1e300. */
	return *end == '\0' && isfinite(*v) && *v >= 0 && *v <= 1e9;
}

/* Returns the cell of row in column col, or NULL. */
static const struct doc_node *
rndr_cell(const struct doc_node *row, int col)
{
	const struct doc_node	*c;

	for (c = row->first_child; c != NULL && col > 0; c = c->next)
		col--;
	return c;
}

/*
 * Reads chart node n's data from the table just before it and measures
 * it.  Returns the chart (free with rndr_chart_free()), or NULL when n
 * does not follow a table with a header row, at least two columns and a
 * body row.
 */
struct rndr_chart *
rndr_measure_chart(struct rndr *p, const struct doc_node *n)
{
	const struct doc_node	*table = n->prev, *row, *head = NULL;
	struct rndr_chart	*c;
	struct rndr_text		 t;
	struct buf		 alt;
	double			 maxv = 0, v, w, steps[] = { 1, 2, 5 };
	int			 k, s, pct, npct = 0, nnum = 0, any_c = 0;
	size_t			 i;
	char			*cap, *tick;

	if (table == NULL || table->type != DOC_TABLE ||
	    table->as.table.ncols < 2)
		return NULL;
	c = xcalloc(1, sizeof(*c));
	c->nseries = table->as.table.ncols - 1;
	for (row = table->first_child; row != NULL; row = row->next)
		if (row->as.row.header)
			head = row;
		else
			c->ncats++;
	if (head == NULL || c->ncats == 0) {
		free(c);
		return NULL;
	}
	c->series = xcalloc(c->nseries, sizeof(*c->series));
	c->cats = xcalloc(c->ncats, sizeof(*c->cats));
	c->value = xcalloc((size_t)c->ncats * c->nseries, sizeof(double));
	c->shown = xcalloc((size_t)c->ncats * c->nseries, sizeof(char *));
	c->drawn = xcalloc((size_t)c->ncats * c->nseries, sizeof(int));
	for (s = 0; s < c->nseries; s++)
		c->series[s] = rndr_cell(head, s + 1) != NULL ?
		    doc_node_plain(rndr_cell(head, s + 1)) : xstrdup("");
	k = 0;
	for (row = table->first_child; row != NULL; row = row->next) {
		if (row->as.row.header)
			continue;
		c->cats[k] = rndr_cell(row, 0) != NULL ?
		    doc_node_plain(rndr_cell(row, 0)) : xstrdup("");
		for (s = 0; s < c->nseries; s++) {
			i = (size_t)k * c->nseries + s;
			c->shown[i] = rndr_cell(row, s + 1) != NULL ?
			    doc_node_plain(rndr_cell(row, s + 1)) :
			    xstrdup("");
			if (rndr_chart_number(c->shown[i], &v, &pct)) {
				c->value[i] = v;
				c->drawn[i] = 1;
				nnum++;
				npct += pct;
				if (v > maxv)
					maxv = v;
			} else if (strcmp(c->shown[i], "[c]") == 0)
				any_c = 1;
		}
		k++;
	}
	/* Percentages and counts do not share an axis: draw only the
	 * kind most values are. */
	c->percent = npct * 2 >= nnum && nnum > 0;
	for (i = 0; i < (size_t)c->ncats * c->nseries; i++)
		if (c->drawn[i] && (strchr(c->shown[i], '%') != NULL) !=
		    c->percent)
			c->drawn[i] = 0;

	/* A round axis: gridlines at 1, 2 or 5 times a power of ten,
	 * at most six of them. */
	c->step = 1;
	for (;;) {
		for (s = 0; s < 3; s++)
			if (maxv / (steps[s] * c->step) <= 5)
				break;
		if (s < 3) {
			c->step *= steps[s];
			break;
		}
		c->step *= 10;
	}
	c->max = c->step * (maxv > 0 ? (int)(maxv / c->step - 1e-9) + 1 : 1);
	if (c->max < maxv)
		c->max += c->step;

	/* The category labels' column, and the bars' room. */
	for (k = 0; k < c->ncats; k++) {
		rndr_text_make(p, &t, NULL, c->cats[k], 0, PDF_CHART_PT, 1,
		    PANGO_ALIGN_LEFT);
		w = rndr_text_width(&t) + 14;
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
	c->height = PDF_CHART_LEGEND + c->ncats * (c->nseries *
	    (PDF_CHART_BAR + PDF_CHART_GAP) - PDF_CHART_GAP +
	    PDF_CHART_GROUP) + PDF_CHART_AXIS;

	/* The text alternative, from the same cells. */
	buf_init(&alt);
	cap = doc_node_plain(n);
	buf_printf(&alt, "Bar chart%s%s. ", *cap != '\0' ? ": " : "", cap);
	free(cap);
	for (k = 0; k < c->ncats; k++) {
		buf_printf(&alt, "%s: ", c->cats[k]);
		for (s = 0; s < c->nseries; s++)
			buf_printf(&alt, "%s %s%s", c->series[s],
			    c->shown[(size_t)k * c->nseries + s],
			    s + 1 < c->nseries ? ", " : ". ");
	}
	if (any_c)
		buf_puts(&alt, "[c] marks a figure not shown so that no "
		    "child or family can be recognised.");
	while (alt.len > 0 && alt.data[alt.len - 1] == ' ')
		alt.data[--alt.len] = '\0';
	c->alt = buf_take(&alt);
	return c;
}

/* The chart's colours: dark blue and turquoise of the Government
 * Analysis Function's palette (10.3:1 and 3.2:1 against white, 3.2:1
 * between them); a third series is hatched in the dark blue. */
static const double rndr_chart_rgb[2][3] = {
	{ 0x12 / 255.0, 0x43 / 255.0, 0x6d / 255.0 },
	{ 0x28 / 255.0, 0xa1 / 255.0, 0x97 / 255.0 },
};

/* Fills the rectangle x, y, w, h in the style of series s. */
static void
rndr_chart_swatch(struct rndr *p, int s, double x, double y, double w,
    double h)
{
	double	 d;

	cairo_save(p->cr);
	if (s < 2) {
		cairo_set_source_rgb(p->cr, rndr_chart_rgb[s][0],
		    rndr_chart_rgb[s][1], rndr_chart_rgb[s][2]);
		cairo_rectangle(p->cr, x, y, w, h);
		cairo_fill(p->cr);
	} else {
		cairo_set_source_rgb(p->cr, rndr_chart_rgb[0][0],
		    rndr_chart_rgb[0][1], rndr_chart_rgb[0][2]);
		cairo_rectangle(p->cr, x, y, w, h);
		cairo_save(p->cr);
		cairo_clip_preserve(p->cr);
		cairo_new_path(p->cr);
		cairo_set_line_width(p->cr, 1.3);
		for (d = -h; d < w; d += 4.5) {
			cairo_move_to(p->cr, x + d, y + h);
			cairo_line_to(p->cr, x + d + h, y);
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
 * labels: the Figure's alternative text carries their words). */
static double
rndr_chart_label(struct rndr *p, const char *s, double x, double ym,
    int bold, int right)
{
	struct rndr_text	 t;
	double		 w;

	rndr_text_make(p, &t, NULL, s, 0, PDF_CHART_PT, bold,
	    PANGO_ALIGN_LEFT);
	w = rndr_text_width(&t);
	cairo_move_to(p->cr, right ? x - w : x, ym - t.height / 2);
	pango_cairo_layout_path(p->cr, t.layout);
	cairo_fill(p->cr);
	rndr_text_clear(&t);
	return w;
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
	double			 x0, top, gy, by, w, lx, v, yb;
	int			 k, s;
	char			*tick;

	x0 = PDF_LEFT + c->labelw;
	/* Legend. */
	lx = x0;
	cairo_save(p->cr);
	cairo_set_source_rgb(p->cr, PDF_INK, PDF_INK, PDF_INK);
	for (s = 0; s < c->nseries; s++) {
		rndr_chart_swatch(p, s, lx, y + (PDF_CHART_LEGEND - 12) / 2,
		    12, 12);
		lx += 18 + rndr_chart_label(p, c->series[s], lx + 18,
		    y + PDF_CHART_LEGEND / 2, 0, 0) + 18;
	}
	top = y + PDF_CHART_LEGEND + PDF_CHART_GROUP / 2;
	yb = top + c->ncats * (c->nseries * (PDF_CHART_BAR + PDF_CHART_GAP) -
	    PDF_CHART_GAP + PDF_CHART_GROUP) - PDF_CHART_GROUP / 2;

	/* Gridlines and their values. */
	for (v = 0; v <= c->max + 1e-9; v += c->step) {
		w = x0 + v / c->max * c->plotw;
		cairo_set_source_rgb(p->cr, v == 0 ? PDF_INK : 0.75,
		    v == 0 ? PDF_INK : 0.75, v == 0 ? PDF_INK : 0.75);
		cairo_set_line_width(p->cr, v == 0 ? 1.0 : 0.5);
		cairo_move_to(p->cr, w, top - PDF_CHART_GROUP / 2);
		cairo_line_to(p->cr, w, yb);
		cairo_stroke(p->cr);
		cairo_set_source_rgb(p->cr, PDF_INK, PDF_INK, PDF_INK);
		tick = rndr_chart_tick(c, v);
		rndr_chart_label(p, tick, w - 8, yb + PDF_CHART_AXIS / 2,
		    0, 0);
		free(tick);
	}

	/* Categories and bars. */
	for (k = 0; k < c->ncats; k++) {
		gy = top + k * (c->nseries * (PDF_CHART_BAR + PDF_CHART_GAP) -
		    PDF_CHART_GAP + PDF_CHART_GROUP);
		cairo_set_source_rgb(p->cr, PDF_INK, PDF_INK, PDF_INK);
		rndr_chart_label(p, c->cats[k], PDF_LEFT, gy + (c->nseries *
		    (PDF_CHART_BAR + PDF_CHART_GAP) - PDF_CHART_GAP) / 2, 1,
		    0);
		for (s = 0; s < c->nseries; s++) {
			by = gy + s * (PDF_CHART_BAR + PDF_CHART_GAP);
			w = 0;
			if (c->drawn[k * c->nseries + s]) {
				w = c->value[k * c->nseries + s] / c->max *
				    c->plotw;
				if (w > 0)
					rndr_chart_swatch(p, s, x0, by, w,
					    PDF_CHART_BAR);
			}
			cairo_set_source_rgb(p->cr, PDF_INK, PDF_INK,
			    PDF_INK);
			rndr_chart_label(p, c->shown[k * c->nseries + s],
			    x0 + w + 4, by + PDF_CHART_BAR / 2, 0, 0);
		}
	}
	cairo_restore(p->cr);
}
