/*
 * render_html.c: the HTML back end of scrpaper.  Writes a filled document
 * as one self-contained, accessible HTML5 file: the paper's metadata in
 * the head, a skip link, headings in order, real lists, tables with a
 * caption and header scopes (numeric columns aligned right), footnotes
 * as links with a link back, the bar chart as inline SVG with its text
 * alternative, one style sheet for screen and print, no script and no
 * external request.  Every piece of text from the data or the template is
 * escaped.  The same document gives the same bytes.
 * Sees only the document model (doc.h); never the loader or the
 * aggregator.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "doc.h"
#include "render.h"

/* What the writer holds for one document. */
struct html {
	const struct doc	*doc;
	struct buf		*out;
	int			*refs;	/* references made so far, by
					   footnote number */
	int			 nrefs;	/* entries of refs */
	int			 ntables;
	int			 ncharts;
	int			 svg_only; /* 1: a figure's SVG drawing alone,
					   as an image file (the ODT
					   edition's) */
	double			 svg_w;	/* the drawing's size, px */
	double			 svg_h;
};

/* The width of a bar chart drawn as an image file (svg_only), px. */
#define HTML_SVG_CHART_W	640

/* The chart's geometry, in CSS px unless said otherwise. */
#define HTML_CHART_PLOT	86	/* the plot's width, per cent of the
				   drawing's: the rest is room for the
				   longest bar's label */
#define HTML_CHART_PT	15	/* label size */
#define HTML_CHART_BAR	18	/* a bar's height */
#define HTML_CHART_GAP	4	/* between the bars of a category */
#define HTML_CHART_LINE	22	/* a line of labels */

/* The colour k of a chart's palette (doc_chart_colours), "#RRGGBB". */
#define HTML_CHART_RGB(k)	(doc_chart_colours[(k)])

/* The HTML element of each structure role (doc.h); a list is ul or ol by
 * its kind, a footnote an item of the notes' list. */
static const char *const html_role_tags[DOC_ROLE__MAX] = {
	[DOC_ROLE_H1] = "h1",
	[DOC_ROLE_H2] = "h2",
	[DOC_ROLE_H3] = "h3",
	[DOC_ROLE_H4] = "h4",
	[DOC_ROLE_P] = "p",
	[DOC_ROLE_BLOCKQUOTE] = "blockquote",
	[DOC_ROLE_LI] = "li",
	[DOC_ROLE_TABLE] = "table",
	[DOC_ROLE_TR] = "tr",
	[DOC_ROLE_TH] = "th",
	[DOC_ROLE_TD] = "td",
	[DOC_ROLE_FIGURE] = "figure",
	[DOC_ROLE_DIV] = "div",
};

/* Returns the element of node n's role, or NULL when it has none. */
static const char *
html_tag(const struct doc_node *n)
{
	return html_role_tags[doc_node_role(n)];
}


/* Appends the plain text of n, escaped. */
static void
html_esc_plain(struct buf *b, const struct doc_node *n)
{
	char	*t;

	t = doc_node_plain(n);
	buf_put_xml(b, t);
	free(t);
}

/* The style sheet: GOV.UK-like type on screen (a system sans, 19px body
 * text, a two-thirds column), and a print style. */
static const char html_css[] =
"html{-webkit-text-size-adjust:100%;text-size-adjust:100%}\n"
"body{margin:0;background:#fff;color:#0b0c0c;"
"font-family:Arial,\"Helvetica Neue\",Helvetica,sans-serif;"
"font-size:1.1875rem;line-height:1.3158}\n"
".skip-link{position:absolute;left:-9999em;top:0;padding:10px 15px;"
"background:#fd0;color:#0b0c0c;text-decoration:underline}\n"
".skip-link:focus{left:0;outline:3px solid #fd0}\n"
"main{display:block;max-width:960px;margin:0 auto;padding:20px 15px 40px}\n"
"main:focus{outline:none}\n"
".column{max-width:100%}\n"
"@media (min-width:641px){main{padding:40px 30px 60px}"
".column{width:66.667%}}\n"
"h1,h2,h3,h4,h5,h6{font-weight:700;margin:0 0 15px}\n"
"h1{font-size:2rem;line-height:1.09}\n"
"h2{font-size:1.5rem;line-height:1.25;margin-top:40px}\n"
"h3{font-size:1.1875rem;line-height:1.3158;margin-top:30px}\n"
"@media (min-width:641px){h1{font-size:3rem;line-height:1.04}"
"h2{font-size:2.25rem;line-height:1.11}"
"h3{font-size:1.5rem;line-height:1.25}}\n"
"p{margin:0 0 20px}\n"
".subtitle{font-size:1.5rem;line-height:1.25;color:#505a5f}\n"
"ul,ol{margin:0 0 20px;padding-left:20px}\n"
"li{margin-bottom:5px}\n"
"ol.numbered>li{margin-bottom:15px;padding-left:5px}\n"
".inset{margin:30px 0;padding:15px;border-left:10px solid #b1b4b6}\n"
".inset p{margin:0}\n"
"a{color:#1d70b8;text-decoration:underline;"
"text-underline-offset:0.1578em}\n"
"a:visited{color:#4c2c92}\n"
"a:hover{color:#003078}\n"
"a:focus{outline:3px solid transparent;color:#0b0c0c;"
"background-color:#fd0;box-shadow:0 -2px #fd0,0 4px #0b0c0c;"
"text-decoration:none}\n"
"sup{line-height:0}\n"
".table-wrap{overflow-x:auto;margin:0 0 30px}\n"
".table-wrap:focus{outline:3px solid #fd0}\n"
"table{width:100%;border-collapse:collapse;border-spacing:0;"
"font-size:1rem;line-height:1.25}\n"
"th,td{padding:10px 15px 10px 0;border-bottom:1px solid #b1b4b6;"
"text-align:left;vertical-align:top;overflow-wrap:break-word}\n"
"th:last-child,td:last-child{padding-right:0}\n"
"thead th{border-bottom-width:2px;border-bottom-color:#0b0c0c}\n"
"tbody th{font-weight:400}\n"
".num{text-align:right;font-variant-numeric:tabular-nums}\n"
"@media (max-width:640px){table{font-size:0.875rem}"
"th,td{padding:8px 8px 8px 0}}\n"
".visually-hidden{position:absolute!important;width:1px!important;"
"height:1px!important;margin:0!important;padding:0!important;"
"overflow:hidden!important;clip:rect(0 0 0 0)!important;"
"clip-path:inset(50%)!important;border:0!important;"
"white-space:nowrap!important}\n"
"figure{margin:0 0 30px}\n"
"figcaption{font-weight:700;margin:0 0 10px}\n"
"svg.chart{display:block;width:100%;max-width:40rem}\n"
".signoff{margin-top:40px}\n"
".signoff p{margin:0}\n"
".notes{margin-top:40px;padding-top:20px;border-top:1px solid #b1b4b6;"
"font-size:1rem;line-height:1.25}\n"
".notes h2{font-size:1.5rem;margin-top:0}\n"
"@media print{\n"
"@page{size:A4;margin:2cm 2.5cm;"
"@bottom-center{content:\"Page \" counter(page) \" of \" counter(pages);"
"font-family:Arial,\"Helvetica Neue\",Helvetica,sans-serif;"
"font-size:9pt;color:#0b0c0c}}\n"
"body{font-size:11pt;line-height:1.35}\n"
"a[data-edition=html]{display:none}\n"
"main{max-width:none;padding:0}\n"
".column{width:auto}\n"
"h1{font-size:22pt}h2{font-size:16pt}h3{font-size:13.5pt}\n"
"h2{margin-top:24pt}h3{margin-top:18pt}\n"
"h1,h2,h3,caption,figcaption{break-after:avoid;page-break-after:avoid}\n"
"p:has(+ul,+ol,+.table-wrap,+figure){break-after:avoid;"
"page-break-after:avoid}\n"
"p,li{orphans:2;widows:2}\n"
".table-wrap{overflow:visible;margin-bottom:18pt}\n"
"th,td{padding:4pt 10pt 4pt 0}\n"
"figure{margin-bottom:18pt}\n"
"figure:not(.tilemap)>svg.chart{zoom:.7}\n"
"tbody tr:first-child,tbody tr:nth-last-child(2){break-after:avoid;"
"page-break-after:avoid}\n"
"thead{display:table-header-group}\n"
"figure,tr,li,.inset,.signoff{break-inside:avoid;page-break-inside:avoid}\n"
"a,a:visited{color:#0b0c0c;text-decoration:none}\n"
"}\n";

/* Records one more reference to footnote number and returns how many
 * there now are (1 for the first). */
static int
html_ref_count(struct html *h, int number)
{
	int	 i;

	if (number >= h->nrefs) {
		h->refs = xreallocarray(h->refs, (size_t)number + 1,
		    sizeof(*h->refs));
		for (i = h->nrefs; i <= number; i++)
			h->refs[i] = 0;
		h->nrefs = number + 1;
	}
	return ++h->refs[number];
}

/* Appends the inline content under n. */
static void
html_inline(struct html *h, const struct doc_node *n)
{
	const struct doc_node	*c;
	struct buf		*b = h->out;
	int			 k;
	char			 anchor[32];

	for (c = n->first_child; c != NULL; c = c->next) {
		switch (c->type) {
		case DOC_TEXT:
		case DOC_FIGREF:
		case DOC_NATREF:
		case DOC_FIELD:
			buf_put_xml(b, c->text);
			break;
		case DOC_STRONG:
			buf_puts(b, "<strong>");
			html_inline(h, c);
			buf_puts(b, "</strong>");
			break;
		case DOC_XREF:
			if (c->text == NULL || c->as.xref.target == NULL)
				break;
			doc_anchor(c->as.xref.target, anchor, sizeof(anchor));
			buf_printf(b, "<a href=\"#%s\">", anchor);
			buf_put_xml(b, c->text);
			buf_puts(b, "</a>");
			break;
		case DOC_FNREF:
			if (c->text == NULL || c->as.fnref.number <= 0)
				break;
			k = html_ref_count(h, c->as.fnref.number);
			buf_printf(b, "<sup class=\"fnref\"><a id=\"fnref-%d",
			    c->as.fnref.number);
			if (k > 1)
				buf_printf(b, "-%d", k);
			buf_printf(b, "\" href=\"#fn-%d\" aria-label=\""
			    "Footnote ", c->as.fnref.number);
			buf_put_xml(b, c->text);
			buf_puts(b, "\">");
			buf_put_xml(b, c->text);
			buf_puts(b, "</a></sup>");
			break;
		case DOC_ROOT:
		case DOC_HEADING:
		case DOC_SUBTITLE:
		case DOC_PARA:
		case DOC_ASIDE:
		case DOC_LIST:
		case DOC_ITEM:
		case DOC_TABLE:
		case DOC_ROW:
		case DOC_CELL:
		case DOC_FOOTNOTE:
		case DOC_COND:
		case DOC_SIGNOFF:
		case DOC_PAGEBREAK:
		case DOC_CHART:
		case DOC_TILEMAP:
		case DOC_CAPTION:
			html_inline(h, c);
			break;
		}
	}
}

/* Returns the cell of row in column col, or NULL. */
static const struct doc_node *
html_cell(const struct doc_node *row, int col)
{
	const struct doc_node	*c;

	for (c = row->first_child; c != NULL && col > 0; c = c->next)
		col--;
	return c;
}

/* Returns the nearest heading before block n, or NULL. */
static const struct doc_node *
html_heading_before(const struct doc_node *n)
{
	for (n = n->prev; n != NULL; n = n->prev)
		if (n->type == DOC_HEADING)
			return n;
	return NULL;
}

/*
 * Appends table n: a caption for people who move from table to table
 * (the chart's caption when a chart of this table follows, else the
 * section's heading and the table's first header cell; hidden on screen,
 * where the heading or the chart's caption stands beside the table),
 * header rows in a thead with column scope, the first cell of each body
 * row a row header, numeric columns aligned right.  The table sits in a
 * section (a region named by its caption) that scrolls sideways when the table
 * cannot fit (a phone held upright, text zoomed: the page itself never
 * does), focusable so that a keyboard can scroll it.
 */
static void
html_table(struct html *h, const struct doc_node *n)
{
	const struct doc_node	*row, *cell, *head, *corner = NULL;
	struct buf		*b = h->out;
	int			*right, c, inhead = 0, inbody = 0;
	const char		*tag, *scope;
	char			 anchor[32];

	right = xcalloc((size_t)n->as.table.ncols + 1, sizeof(int));
	for (row = n->first_child; row != NULL; row = row->next) {
		if (row->as.row.header && corner == NULL)
			corner = html_cell(row, 0);
		for (c = 0, cell = row->first_child; cell != NULL &&
		    c < n->as.table.ncols; cell = cell->next, c++)
			if (cell->as.cell.align == DOC_ALIGN_RIGHT)
				right[c] = 1;
	}

	h->ntables++;
	if (n->prev != NULL && n->prev->type == DOC_CAPTION) {
		/* Its numbered caption, shown, the target of {ref:label}. */
		doc_anchor(n->prev, anchor, sizeof(anchor));
		buf_printf(b, "<section class=\"table-wrap\" "
		    "aria-labelledby=\"%s\" tabindex=\"0\">\n<%s>\n"
		    "<caption id=\"%s\">", anchor, html_tag(n), anchor);
		html_inline(h, n->prev);
	} else
		buf_printf(b, "<section class=\"table-wrap\" "
		    "aria-labelledby=\"table%d-caption\" tabindex=\"0\">\n"
		    "<%s>\n<caption id=\"table%d-caption\" "
		    "class=\"visually-hidden\" data-edition=\"html\">",
		    h->ntables, html_tag(n), h->ntables);
	if (n->prev != NULL && n->prev->type == DOC_CAPTION)
		;
	else if (n->next != NULL && n->next->type == DOC_CHART &&
	    n->next->first_child != NULL)
		html_esc_plain(b, n->next);
	else {
		head = html_heading_before(n);
		if (head != NULL)
			html_esc_plain(b, head);
		if (head != NULL && corner != NULL)
			buf_puts(b, ": ");
		if (corner != NULL)
			html_esc_plain(b, corner);
		if (head == NULL && corner == NULL)
			buf_printf(b, "Table %d", h->ntables);
	}
	buf_puts(b, "</caption>\n");

	for (row = n->first_child; row != NULL; row = row->next) {
		if (row->as.row.header && !inhead && !inbody) {
			buf_puts(b, "<thead>\n");
			inhead = 1;
		} else if (!row->as.row.header && !inbody) {
			if (inhead)
				buf_puts(b, "</thead>\n");
			inhead = 0;
			buf_puts(b, "<tbody>\n");
			inbody = 1;
		}
		buf_printf(b, "<%s>", html_tag(row));
		for (c = 0, cell = row->first_child; cell != NULL &&
		    c < n->as.table.ncols; cell = cell->next, c++) {
			tag = html_tag(cell);
			scope = doc_node_role(cell) != DOC_ROLE_TH ? "" :
			    row->as.row.header ? " scope=\"col\"" :
			    " scope=\"row\"";
			buf_printf(b, "<%s%s%s>", tag, scope, right[c] ?
			    " class=\"num\"" : "");
			html_inline(h, cell);
			buf_printf(b, "</%s>", tag);
		}
		buf_printf(b, "</%s>\n", html_tag(row));
	}
	if (inhead)
		buf_puts(b, "</thead>\n");
	if (inbody)
		buf_puts(b, "</tbody>\n");
	buf_printf(b, "</%s>\n</section>\n", html_tag(n));
	free(right);
}

/* Appends an SVG text element at x (px, or per cent of the drawing's
 * width when pct is set, then dx px further) and y px (its baseline). */
static void
html_svg_text(struct buf *b, double x, int pct, double dx, double y,
    const char *anchor, int bold, const char *s)
{
	buf_printf(b, "<text x=\"%.2f%s\"", x, pct ? "%" : "");
	if (dx != 0)
		buf_printf(b, " dx=\"%.0f\"", dx);
	buf_printf(b, " y=\"%.0f\"", y);
	if (anchor != NULL)
		buf_printf(b, " text-anchor=\"%s\"", anchor);
	if (bold)
		buf_puts(b, " font-weight=\"700\"");
	buf_putc(b, '>');
	buf_put_xml(b, s);
	buf_puts(b, "</text>\n");
}

/* Appends a rectangle in the style of series s at x, y px, w wide (per
 * cent of the drawing's width when pct is set, else px) and hgt px
 * high. */
static void
html_svg_swatch(struct buf *b, int id, int s, double w, int pct, double x,
    double y, double hgt)
{
	buf_printf(b, "<rect x=\"%.0f\" y=\"%.0f\" width=\"%.2f%s\" "
	    "height=\"%.0f\" fill=\"", x, y, w, pct ? "%" : "", hgt);
	if (doc_chart_hatch((size_t)s) == DOC_HATCH_NONE)
		buf_printf(b, "#%06x\"/>\n",
		    HTML_CHART_RGB(doc_chart_colour((size_t)s)));
	else if (s == 2)
		buf_printf(b, "url(#chart%d-hatch)\" stroke=\"#%06x\" "
		    "stroke-width=\"1\"/>\n", id,
		    HTML_CHART_RGB(doc_chart_colour(2)));
	else	/* a period chart's fourth and fifth series */
		buf_printf(b, "url(#chart%d-hatch%d)\" stroke=\"#%06x\" "
		    "stroke-width=\"1\"/>\n", id, s,
		    HTML_CHART_RGB(doc_chart_colour((size_t)s)));
}

/* Appends the patterns of a chart's fourth and fifth series (a "@periods"
 * table's): the turquoise hatched, the dark blue cross-hatched. */
static void
html_chart_patterns(struct buf *b, int id, size_t nseries)
{
	if (nseries > 3)
		buf_printf(b, "<defs><pattern id=\"chart%d-hatch3\" "
		    "width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
		    "patternTransform=\"rotate(-45)\"><rect width=\"6\" "
		    "height=\"6\" fill=\"#fff\"/><rect width=\"3\" "
		    "height=\"6\" fill=\"#%06x\"/></pattern></defs>\n", id,
		    HTML_CHART_RGB(doc_chart_colour(3)));
	if (nseries > 4)
		buf_printf(b, "<defs><pattern id=\"chart%d-hatch4\" "
		    "width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
		    "patternTransform=\"rotate(45)\"><rect width=\"6\" "
		    "height=\"6\" fill=\"#fff\"/><rect width=\"2\" "
		    "height=\"6\" fill=\"#%06x\"/><rect width=\"6\" "
		    "height=\"2\" fill=\"#%06x\"/></pattern></defs>\n", id,
		    HTML_CHART_RGB(doc_chart_colour(4)),
		    HTML_CHART_RGB(doc_chart_colour(4)));
}

/*
 * Opens figure node n (attrs: its attributes, "" or with a leading
 * space) with its caption, and the inline SVG of id's width w (0: as
 * wide as the column, without a viewBox) and height hgt px, an image
 * named by its title, the text alternative alt.
 */
static void
html_figure_open(struct html *h, const struct doc_node *n,
    const char *attrs, int id, double w, double hgt, const char *alt)
{
	struct buf	*b = h->out;

	if (h->svg_only) {
		/* An image file: the drawing alone, at a fixed size. */
		if (w <= 0)
			w = HTML_SVG_CHART_W;
		h->svg_w = w;
		h->svg_h = hgt;
	} else
		buf_printf(b, "<%s%s>\n", html_tag(n), attrs);
	if (n->first_child != NULL && !h->svg_only) {
		buf_printf(b, "<figcaption id=\"chart%d-caption\">", id);
		html_inline(h, n);
		buf_puts(b, "</figcaption>\n");
	}
	buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "class=\"chart\" role=\"img\" aria-labelledby=\"chart%d-title\" ",
	    id);
	if (w > 0)
		buf_printf(b, "width=\"%.0f\" height=\"%.0f\" "
		    "viewBox=\"0 0 %.0f %.0f\" ", w, hgt, w, hgt);
	else
		buf_printf(b, "width=\"100%%\" height=\"%.0f\" ", hgt);
	buf_printf(b, "font-family=\"Arial, Helvetica, sans-serif\" "
	    "font-size=\"%d\" fill=\"#0b0c0c\">\n", HTML_CHART_PT);
	buf_printf(b, "<title id=\"chart%d-title\">", id);
	buf_put_xml(b, alt);
	buf_puts(b, "</title>\n");
}

/* Returns the width of s in px at size px, roughly (0.6 em a
 * character): enough to space a legend. */
static double
html_text_w(const char *s, double size)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return (double)n * size * 0.6;
}

#define HTML_TILE	52	/* a tile's side, in pixels */
#define HTML_TILE_GAP	4

/* Appends a square of tile map t's shade class k at x, y, side w, with
 * a dark outline. */
static void
html_tile_square(struct buf *b, const struct doc_tilemap *t, int k,
    double x, double y, double w)
{
	buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
	    "height=\"%.1f\" fill=\"#%06x\" stroke=\"#404040\" "
	    "stroke-width=\"1\"/>\n", x + 0.5, y + 0.5, w - 1, w - 1,
	    doc_tile_shades[t->pal[k]].fill);
}

/*
 * Appends tile map node n as a figure: its caption, then one inline SVG
 * (role img, named by its title: the text alternative fill computed)
 * with a square a board at its place in the grid, shaded by its number
 * of reviews, label and number on it, and the legend below.
 */
static void
html_tilemap(struct html *h, const struct doc_node *n)
{
	const struct doc_tilemap	*t = n->as.tilemap.data;
	const struct doc_tile		*tile;
	struct buf			*b = h->out;
	double				 x, y, lx, ly, width, height;
	size_t				 i;
	int				 id, k;
	char				 v[32], *attrs;

	if (t == NULL)
		return;
	id = ++h->ncharts;
	width = t->ncols * (HTML_TILE + HTML_TILE_GAP);
	if (width < 320)
		width = 320;
	ly = t->nrows * (HTML_TILE + HTML_TILE_GAP) + 8;
	height = ly + 26;
	doc_anchor(n, v, sizeof(v));
	attrs = xasprintf(" class=\"tilemap\" id=\"%s\"", v);
	html_figure_open(h, n, attrs, id, width, height, t->alt);
	free(attrs);
	for (i = 0; i < t->ntiles; i++) {
		tile = &t->tiles[i];
		x = (tile->col - 1) * (HTML_TILE + HTML_TILE_GAP);
		y = (tile->row - 1) * (HTML_TILE + HTML_TILE_GAP);
		buf_puts(b, "<g class=\"tile\" data-board=\"");
		buf_put_xml(b, tile->name);
		buf_printf(b, "\" data-col=\"%d\" data-row=\"%d\" "
		    "data-reviews=\"%ld\" fill=\"#%06x\">\n", tile->col,
		    tile->row, tile->value,
		    doc_tile_shades[t->pal[tile->shade]].ink);
		html_tile_square(b, t, tile->shade, x, y, HTML_TILE);
		buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"middle\" font-size=\"11\">",
		    x + HTML_TILE / 2.0, y + 18);
		buf_put_xml(b, tile->label);
		buf_puts(b, "</text>\n");
		snprintf(v, sizeof(v), "%ld", tile->value);
		buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"middle\" font-weight=\"700\">%s</text>\n",
		    x + HTML_TILE / 2.0, y + 40, v);
		buf_puts(b, "</g>\n");
	}
	html_svg_text(b, 0, 0, 0, ly + 17, NULL, 1, "Reviews:");
	lx = 80;
	for (k = 0; k < t->nshades; k++) {
		html_tile_square(b, t, k, lx, ly + 4, 16);
		html_svg_text(b, lx + 21, 0, 0, ly + 17, NULL, 0,
		    t->legend[k]);
		lx += 21 + html_text_w(t->legend[k], HTML_CHART_PT) + 16;
	}
	buf_puts(b, "</svg>\n");
	if (!h->svg_only)
		buf_printf(b, "</%s>\n", html_tag(n));
}

/*
 * Appends chart node n as a figure: its caption, then an inline SVG (role
 * img, named by its text alternative) drawing a legend, a series a line,
 * and for each category its label above one bar a series, each labelled
 * with the figure as the table prints it ([c] with no bar), over light
 * gridlines with their values below.  The drawing is as wide as the
 * column: the bars and gridlines are placed in per cent of the plot's
 * width (the drawing's less room for the longest bar's label), the text
 * keeps its size, so it stays legible on a narrow screen.
 */
static void
html_chart(struct html *h, const struct doc_node *n)
{
	const struct doc_chart	*c = n->as.chart.data;
	const struct doc_chart_cell *cc;
	struct buf		*b = h->out;
	double			 max, step, v, x, y, w, gy, top, yb, by;
	char			 anchor[32], attrs[48];
	size_t			 k, s;
	int			 id;
	char			 tick[64];
	/* An image file has its width fixed: the plot is drawn in px
	 * (pw wide) in the drawing itself, not in a nested <svg> of per
	 * cent, which LibreOffice clips at the plot's edge (the last
	 * gridline's value and the longest bar's label) and whose dx it
	 * ignores.  pct: the x of the text and bars are per cent. */
	double			 pw = 100;
	int			 pct = 1;

	if (c == NULL)
		return;
	if (h->svg_only) {
		pw = HTML_SVG_CHART_W * HTML_CHART_PLOT / 100.0;
		pct = 0;
	}
	id = ++h->ncharts;
	step = c->axis_step;
	max = c->axis_max;
	top = c->nseries * HTML_CHART_LINE + 10;
	gy = HTML_CHART_LINE + c->nseries * (HTML_CHART_BAR +
	    HTML_CHART_GAP) + 8;
	yb = top + c->ncats * gy;

	doc_anchor(n, anchor, sizeof(anchor));
	snprintf(attrs, sizeof(attrs), " id=\"%s\"", anchor);
	html_figure_open(h, n, attrs, id, 0, yb + HTML_CHART_LINE + 4, c->alt);
	if (c->nseries > 2)
		buf_printf(b, "<defs><pattern id=\"chart%d-hatch\" "
		    "width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
		    "patternTransform=\"rotate(45)\"><rect width=\"6\" "
		    "height=\"6\" fill=\"#fff\"/><rect width=\"3\" "
		    "height=\"6\" fill=\"#%06x\"/></pattern></defs>\n", id,
		    HTML_CHART_RGB(doc_chart_colour(2)));
	html_chart_patterns(b, id, c->nseries);

	/* Legend: a series a line. */
	for (s = 0; s < c->nseries; s++) {
		y = s * HTML_CHART_LINE;
		html_svg_swatch(b, id, (int)s, 14, 0, 0, y + 4, 14);
		html_svg_text(b, 20, 0, 0, y + 16, NULL, 0, c->series[s]);
	}

	/* The plot, in per cent of its own width (px in an image). */
	if (pct)
		buf_printf(b, "<svg x=\"0\" y=\"0\" width=\"%d%%\" "
		    "overflow=\"visible\">\n", HTML_CHART_PLOT);

	/* Gridlines and their values. */
	for (v = 0; v <= max + 1e-9; v += step) {
		x = v / max * pw;
		buf_printf(b, "<line x1=\"%.2f%s\" y1=\"%.0f\" x2=\"%.2f%s\" "
		    "y2=\"%.0f\" stroke=\"%s\" stroke-width=\"1\"/>\n", x,
		    pct ? "%" : "", top, x, pct ? "%" : "", yb, v == 0 ?
		    "#0b0c0c" : "#b1b4b6");
		snprintf(tick, sizeof(tick), "%g%s%s", v, c->kind ==
		    DOC_NUM_PERCENT ? "%" : "", c->per != NULL &&
		    v + step > max + 1e-9 ? c->per : "");
		html_svg_text(b, x, pct, 0, yb + HTML_CHART_LINE - 4, v == 0 ?
		    "start" : "middle", 0, tick);
	}

	/* Categories and bars. */
	for (k = 0; k < c->ncats; k++) {
		y = top + k * gy;
		html_svg_text(b, 6, 0, 0, y + HTML_CHART_LINE - 6, NULL, 1,
		    c->cats[k]);
		for (s = 0; s < c->nseries; s++) {
			by = y + HTML_CHART_LINE + s * (HTML_CHART_BAR +
			    HTML_CHART_GAP);
			cc = &c->cells[k * c->nseries + s];
			w = 0;
			if (cc->bar) {
				w = cc->num.value / max * pw;
				if (w > 0)
					html_svg_swatch(b, id, (int)s, w, pct,
					    1, by, HTML_CHART_BAR);
			}
			html_svg_text(b, pct ? w : w + 6, pct, pct ? 6 : 0,
			    by + HTML_CHART_BAR - 4, NULL, 0, cc->text);
		}
	}
	buf_puts(b, pct ? "</svg>\n</svg>\n" : "</svg>\n");
	if (!h->svg_only)
		buf_printf(b, "</%s>\n", html_tag(n));
}

/* Appends the footnotes of the document, in number order, each with a
 * link back to its first reference. */
static void
html_notes(struct html *h)
{
	const struct doc_node	*n, **by;
	struct buf		*b = h->out;
	int			 num, max = 0;

	for (n = h->doc->root->first_child; n != NULL; n = n->next)
		if (n->type == DOC_FOOTNOTE && n->as.footnote.number > max)
			max = n->as.footnote.number;
	if (max == 0)
		return;
	/* Each footnote by its number, the first of a number as before
	 * (issue 13.14: no scan of the document a footnote). */
	by = xcalloc((size_t)max + 1, sizeof(*by));
	for (n = h->doc->root->first_child; n != NULL; n = n->next)
		if (n->type == DOC_FOOTNOTE && n->as.footnote.number > 0 &&
		    by[n->as.footnote.number] == NULL)
			by[n->as.footnote.number] = n;
	buf_puts(b, "<section class=\"notes\" aria-labelledby=\"notes\">\n"
	    "<h2 id=\"notes\" data-edition=\"html\">Notes</h2>\n<ol>\n");
	for (num = 1; num <= max; num++) {
		if ((n = by[num]) == NULL)
			continue;
		buf_printf(b, "<li id=\"fn-%d\" value=\"%d\">", num, num);
		html_inline(h, n);
		if (num < h->nrefs && h->refs[num] > 0)
			buf_printf(b, " <a href=\"#fnref-%d\" "
			    "class=\"back\" data-edition=\"html\">"
			    "Back to the text<span "
			    "class=\"visually-hidden\"> at note %d"
			    "</span></a>", num, num);
		buf_puts(b, "</li>\n");
	}
	free(by);
	buf_puts(b, "</ol>\n</section>\n");
}

/* Appends the title (with the board in a variant), then the metadata of
 * the document. */
static void
html_head(struct html *h)
{
	const struct doc_meta	*m = &h->doc->meta;
	struct buf		*b = h->out;
	char			*title, *authors, date[DOC_DATE_LEN];

	buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" "
	    "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
	    "<title>");
	title = doc_meta_title(m);
	buf_put_xml(b, title);
	free(title);
	buf_puts(b, "</title>\n");
	if (m->subject != NULL) {
		buf_puts(b, "<meta name=\"description\" content=\"");
		buf_put_xml(b, m->subject);
		buf_puts(b, "\">\n");
	}
	if (m->nauthors > 0 || m->organisation != NULL) {
		buf_puts(b, "<meta name=\"author\" content=\"");
		authors = doc_meta_authors(m);
		buf_put_xml(b, authors);
		free(authors);
		buf_puts(b, "\">\n");
	}
	buf_puts(b, "<meta name=\"keywords\" content=\"Serious Case Reviews, "
	    "safeguarding children, Local Safeguarding Children Boards\">\n"
	    "<meta name=\"generator\" content=\"scrpaper\">\n");
	if (m->restricted)
		buf_puts(b, "<meta name=\"dcterms.accessRights\" content=\""
		    DOC_MARKING ": " DOC_HANDLING "\">\n");
	if (doc_meta_date(m, date, sizeof(date)) == 0)
		buf_printf(b, "<meta name=\"dcterms.created\" "
		    "content=\"%s\">\n", date);
	buf_printf(b, "<style>\n%s</style>\n</head>\n", html_css);
}

/* Appends list n: ol or ul, with an item's number where it is not its
 * position. */
static void
html_list(struct html *h, const struct doc_node *n)
{
	const struct doc_node	*item;
	struct buf		*b = h->out;
	const char		*list;
	int			 pos = 0;

	list = n->as.list.kind == DOC_LIST_NUMBERED ? "ol" : "ul";
	buf_printf(b, "<%s%s>\n", list, n->as.list.kind == DOC_LIST_NUMBERED ?
	    " class=\"numbered\"" : "");
	for (item = n->first_child; item != NULL; item = item->next) {
		pos++;
		buf_printf(b, "<%s", html_tag(item));
		if (n->as.list.kind == DOC_LIST_NUMBERED &&
		    item->as.item.number != pos)
			buf_printf(b, " value=\"%d\"", item->as.item.number);
		buf_putc(b, '>');
		html_inline(h, item);
		buf_printf(b, "</%s>\n", html_tag(item));
	}
	buf_printf(b, "</%s>\n", list);
}

/* Appends sign-off n: one paragraph a line, as in the PDF. */
static void
html_signoff(struct html *h, const struct doc_node *n)
{
	struct buf	*b = h->out;
	const char	*inner, **lines;
	size_t		 i, nlines;

	inner = html_role_tags[doc_type_roles[n->type].inner];
	buf_printf(b, "<%s class=\"signoff\">\n", html_tag(n));
	lines = doc_meta_signoff(&h->doc->meta, &nlines);
	for (i = 0; i < nlines; i++) {
		buf_printf(b, "<%s>", inner);
		buf_put_xml(b, lines[i]);
		buf_printf(b, "</%s>\n", inner);
	}
	free(lines);
	buf_printf(b, "</%s>\n", html_tag(n));
}

/* Appends the body: the blocks of the document in order, then the
 * footnotes. */
static void
html_body(struct html *h)
{
	const struct doc_node	*n;
	const struct doc_meta	*m = &h->doc->meta;
	struct buf		*b = h->out;

	buf_printf(b, "<body>\n<a class=\"skip-link\" href=\"#main\" "
	    "data-edition=\"html\">Skip to main content</a>\n%s"
	    "<main id=\"main\" tabindex=\"-1\">\n<div class=\"column\">\n",
	    m->restricted ? "<header class=\"marking\"><p><strong>"
	    DOC_MARKING "</strong></p></header>\n" : "");
	for (n = h->doc->root->first_child; n != NULL; n = n->next) {
		switch (n->type) {
		case DOC_HEADING:
		case DOC_PARA:
			buf_printf(b, "<%s>", html_tag(n));
			html_inline(h, n);
			buf_printf(b, "</%s>\n", html_tag(n));
			break;
		case DOC_SUBTITLE:
			buf_printf(b, "<%s class=\"subtitle\">", html_tag(n));
			html_inline(h, n);
			buf_printf(b, "</%s>\n", html_tag(n));
			break;
		case DOC_ASIDE:
			buf_printf(b, "<%s class=\"inset\"><p>", html_tag(n));
			html_inline(h, n);
			buf_printf(b, "</p></%s>\n", html_tag(n));
			break;
		case DOC_LIST:
			html_list(h, n);
			break;
		case DOC_TABLE:
			html_table(h, n);
			break;
		case DOC_CHART:
			html_chart(h, n);
			break;
		case DOC_TILEMAP:
			html_tilemap(h, n);
			break;
		case DOC_SIGNOFF:
			html_signoff(h, n);
			break;
		case DOC_ROOT:
		case DOC_ITEM:
		case DOC_ROW:
		case DOC_CELL:
		case DOC_FOOTNOTE:
		case DOC_COND:
		case DOC_PAGEBREAK:
		case DOC_TEXT:
		case DOC_STRONG:
		case DOC_FNREF:
		case DOC_FIGREF:
		case DOC_NATREF:
		case DOC_FIELD:
		case DOC_CAPTION:
		case DOC_XREF:
			/* Footnotes come at the end; a page break has no
			 * meaning on screen. */
			break;
		}
	}
	html_notes(h);
	buf_puts(b, "</div>\n</main>\n");
	if (m->restricted)
		buf_puts(b, "<footer class=\"marking\"><p><strong>" DOC_MARKING
		    "</strong></p></footer>\n");
	buf_puts(b, "</body>\n</html>\n");
}

int
render_html_figure_svg(const struct doc *doc, const struct doc_node *n,
    struct buf *out, double *w, double *hgt)
{
	struct html	 h;

	memset(&h, 0, sizeof(h));
	h.doc = doc;
	h.out = out;
	h.svg_only = 1;
	if (n->type == DOC_CHART && n->as.chart.data != NULL)
		html_chart(&h, n);
	else if (n->type == DOC_TILEMAP && n->as.tilemap.data != NULL)
		html_tilemap(&h, n);
	else
		return -1;
	*w = h.svg_w;
	*hgt = h.svg_h;
	return 0;
}

void
render_html_buf(const struct doc *doc, struct buf *out)
{
	struct html	 h;

	memset(&h, 0, sizeof(h));
	h.doc = doc;
	h.out = out;
	html_head(&h);
	html_body(&h);
	free(h.refs);
}

int
render_html(const struct doc *doc, const char *out_path, struct diag *d)
{
	struct buf	 b;
	int		 rc = 0;

	buf_init(&b);
	render_html_buf(doc, &b);
	if (file_write_atomic_mode(out_path, b.data, b.len,
	    doc->meta.restricted ? 0600 : 0666) != 0) {
		diag_error(d, out_path, 0, 0, "cannot write: %s",
		    strerror(errno));
		rc = EXIT_SYSERR;
	}
	buf_clear(&b);
	return rc;
}
