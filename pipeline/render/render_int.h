/*
 * render_int.h: what the PDF back end's files share (render_font.c,
 * render_measure.c, render_note.c, render_table.c, render_chart.c,
 * render_paint.c, render_pdf.c): the page geometry, the measured blocks
 * of the flow and the state of one paper being typeset.
 * For render_*.c only.
 */
#ifndef SCR_RENDER_INT_H
#define SCR_RENDER_INT_H

#include <stddef.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "doc.h"
#include "render_layout.h"

struct buf;
struct diag;

/* The structure tag of a role (enum doc_role). */
#define RNDR_ROLE(r)	(doc_role_names[(r)])

/* Page geometry, in points (1/72 inch): A4 with 2.5 cm side margins. */
#define PDF_PAGE_W	595.276
#define PDF_PAGE_H	841.890
#define PDF_LEFT	70.866	/* 2.5 cm */
#define PDF_RIGHT	70.866
#define PDF_TOP		70.866
#define PDF_BOTTOM	85.0	/* body bottom above the footer */
#define PDF_FOOTER	42.0	/* footer baseline above the page foot */
#define PDF_BODY_W	(PDF_PAGE_W - PDF_LEFT - PDF_RIGHT)
#define PDF_BODY_H	(PDF_PAGE_H - PDF_TOP - PDF_BOTTOM)

#define PDF_FAMILY	"Open Sans"
#define PDF_BODY_PT	12.0	/* body text; GOV.UK asks for 12 pt or more */
#define PDF_NOTE_PT	12.0	/* footnotes: no text under 12 pt */
#define PDF_FOOT_PT	12.0	/* running footer */
#define PDF_CHART_PT	12.0	/* chart labels */
#define PDF_SPACING	1.12	/* line height as a multiple of the font's */
#define PDF_HEAD_SPACING 1.0	/* the same for headings */
#define PDF_INDENT	20.0	/* hanging indent of bullets */
#define PDF_NUM_INDENT	26.0	/* hanging indent of numbered items */
#define PDF_NOTE_INDENT	14.0	/* hanging indent of footnotes */
#define PDF_CELL_PADX	8.0	/* table cell padding, left and right */
#define PDF_CELL_PADY	5.0	/* table cell padding, top and bottom */
#define PDF_ASIDE_PAD	10.0	/* padding inside an aside box */
#define PDF_NOTE_SEP	16.0	/* room for the rule above footnotes */
#define PDF_NOTE_GAP	3.0	/* space between footnotes */
#define PDF_INK		0.043	/* text grey level (#0b0c0c) */
#define PDF_GREY_R	0.314	/* the footer's grey (#505a5f, 7:1 on */
#define PDF_GREY_G	0.353	/* white) */
#define PDF_GREY_B	0.373
#define PDF_LANG	"en-GB"	/* the document's language */

/* Vertical justification (render_layout.c, lay_params): on every page but
 * the last, a gap between blocks grows to at most twice its size and by
 * no more than PDF_STRETCH_PT; a page that still ends more than
 * 1 - PDF_FILL of its height above the foot has the space above its
 * headings (without one, all its gaps) grow past that, just far enough to
 * end there. */
#define PDF_STRETCH	1.0
#define PDF_STRETCH_PT	24.0
#define PDF_FILL	0.9

/* Chart geometry, in points.  A chart of more than PDF_CHART_MANY bars
 * (a @periods comparison: three series of five or six categories) is set
 * at the compact pitch, its bars closer, never closer than the 12 pt
 * values beside them need: such a chart at the full pitch takes most of a
 * page and leaves the next figure no room. */
#define PDF_CHART_BAR	16.0	/* thickness of a bar */
#define PDF_CHART_GAP	2.0	/* between the bars of a category */
#define PDF_CHART_GROUP	12.0	/* between categories */
#define PDF_CHART_MANY	12
#define PDF_CHART_BAR_C	11.0	/* the same, compact */
#define PDF_CHART_GAP_C	2.0
#define PDF_CHART_GROUP_C 8.0
#define PDF_CHART_LEGEND 24.0	/* the legend's row */
#define PDF_CHART_AXIS	22.0	/* the gridline values' row */
#define PDF_CHART_VALW	48.0	/* room right of the longest bar */

/* What a block is. */
enum rndr_kind {
	PDF_TEXT,	/* a laid out run of text (paragraph, heading, item) */
	PDF_TABLE,
	PDF_CHART,	/* a bar chart (DOC_CHART) */
	PDF_TILEMAP,	/* a tile map (DOC_TILEMAP) */
	PDF_KIND__MAX
};

/* One line of a layout, in points from the layout's top. */
struct rndr_line {
	double	 top;		/* top of the line */
	double	 height;	/* to the next line's top */
	double	 baseline;	/* from the line's top to its baseline */
	double	 x;		/* left of the line's ink box */
};

/* A footnote marker in a layout. */
struct rndr_ref {
	int			 index;	/* byte index of the marker */
	int			 len;	/* bytes of the marker */
	int			 line;	/* layout line it falls on */
	const struct doc_node	*def;	/* its footnote */
	int			 first;	/* 1 if the footnote's first mention */
	int			 xref;	/* 1 for a {ref:label}: def is its
					   DOC_CAPTION or DOC_CHART */
};

/* A laid out piece of inline content. */
struct rndr_text {
	PangoLayout	*layout;
	struct rndr_line	*lines;
	int		 nlines;
	double		 height;	/* whole layout */
	struct rndr_ref	*refs;
	size_t		 nrefs;
	int		 shared;	/* layout in the shared cache */
};

struct rndr_table {
	int		 ncols;
	int		 nrows;
	double		*colw;		/* column widths, padding included */
	double		*rowh;		/* row heights, padding included */
	struct rndr_text	*cells;		/* nrows * ncols */
	int		*header;	/* 1 for header rows */
	enum doc_role	*role;		/* each cell's, nrows * ncols */
	int		*align;		/* enum doc_align per column */
	int		 nslices;	/* the page breaker's lines: one a
					   row, or several for a row taller
					   than a page, whose cells' lines
					   continue on the next page (issue
					   13.8) */
	int		*srow;		/* each slice's row */
	int		*sfirst;	/* nslices * ncols: each cell's
					   first line in the slice */
	int		*scount;	/* nslices * ncols: its lines there */
};

/* A bar chart measured: its data is the DOC_CHART node's. */
struct rndr_chart {
	const struct doc_chart	*data;	/* from fill: series, values, alt */
	double		 max;		/* the axis maximum */
	double		 step;		/* between gridlines */
	double		 labelw;	/* the category labels' column */
	double		 plotw;		/* the bars' room at max */
	double		 height;	/* the whole figure */
	int		 legend_rows;	/* the legend's rows: it wraps when
					   the series' names do not fit */
	double		 bar;		/* a bar's thickness, */
	double		 gap;		/* between a category's bars, */
	double		 group;		/* between categories: the full or
					   the compact pitch */
	double		 band;		/* a category's bars, or its label
					   if that is taller (wrapped) */
	char		**cats;		/* the labels as drawn: data->cats,
					   or abbreviated ("...") to fit the
					   page (issue 31.6; the alternative
					   text keeps them whole) */
	double		 catpt;		/* the labels' size, points */
	double		 valpt;		/* the bars' values' size, points */
};

/* One block of the flow, measured. */
struct rndr_block {
	enum rndr_kind		 kind;
	const struct doc_node	*node;
	double			 x;	/* text left, from the body's left */
	double			 width;	/* text width */
	struct rndr_text	 text;	/* PDF_TEXT */
	struct rndr_text	 label;	/* bullet or number, or no layout */
	struct rndr_table	*table;	/* PDF_TABLE */
	struct rndr_chart	*chart;	/* PDF_CHART */
	int			 spans;	/* 1 to paint its text runs in Span
					   elements (see rndr_plan_tags()) */
	const char		*tag;	/* structure tag */
	int			 boxed;	/* draw as an aside box */
	double			 pad;	/* space above and below the text
					   inside the block (asides) */
	struct lay_block	 lay;	/* what the page breaker sees */
	double			*lines;	/* lay.lines */
	double			*notes;	/* lay.notes */
};

/* A measured footnote. */
struct rndr_note {
	const struct doc_node	*def;
	struct rndr_text	 text;
	struct rndr_text	 label;
	double			 height;	/* with the gap after it */
	int			 mentioned;	/* its first marker is found */
	long			 key;		/* the logical rank of the
						   Document-level element its
						   first marker is painted in
						   (see rndr.order) */
};

/* The fonts and the pango context they are measured with. */
struct rndr_fonts {
	FcConfig	*config;
	PangoFontMap	*map;
	PangoContext	*ctx;
	int		 updated;	/* ctx has a PDF surface's options */
};

/* Everything the typesetter holds for one document. */
struct rndr {
	const struct doc	*doc;
	struct rndr_fonts	*fonts;
	struct rndr_block	*blocks;
	size_t			 nblocks;
	struct rndr_note	*notes;
	size_t			 nnotes;
	struct lay_result	 lay;
	cairo_surface_t		*surface;
	cairo_t			*cr;
	int			 outline_h2;	/* last level-2 outline id */
	int			 outline_h1;	/* title outline id */
	double			 note_y;	/* next footnote's top */
	int			 page;		/* 0-based page being painted */
	struct rndr_note	**pending;	/* footnotes for this page's
						   foot */
	size_t			 npending;
	int			 note_line0;	/* first line of pending[0]
						   not yet painted */
	int			 span_open;	/* a Span element is open */
	int			 art_depth;	/* furniture elements open: only the
						   outermost is tagged */
	char			**alts;		/* each Figure's text
						   alternative, in order */
	size_t			 nalts;
	char			**links;	/* each link's description, in
						   painting order */
	size_t			 nlinks;
	long			*order;		/* the logical rank (first
						   block) of each element
						   painted at the Document
						   level, furniture left out */
	size_t			 norder;
	long			 cur_key;	/* the rank of the Document-level
						   element open or last painted */
	long			*note_keys;	/* each Note element's note's
						   key, in painting order: the
						   post-pass puts the Note after
						   that element */
	size_t			 nnote_keys;
	long			*lift_index;	/* the floats painted inside
						   an open block element: each
						   one's index among the Caption
						   and Figure elements painted */
	long			*lift_key;	/* and its logical rank */
	size_t			 nlifts;
	size_t			 ncapfig;	/* Caption and Figure elements
						   painted */
	int			 open;		/* block elements open */
	struct diag		*d;		/* where a character no font
						   can show is reported, or
						   NULL */
	const struct doc_node	*at;		/* the block being measured */
	size_t			 nmissing;	/* such characters reported */
	size_t			 nrefused;	/* problems reported to d while
						   measuring (the paper is not
						   written) */
	size_t			 laid;		/* text laid out (bytes, and a
						   cost a layout) */
};

/* render_font.c: the fonts and pango text layouts. */

/* Returns the fonts of dir, loading them on first use (owned by the
 * cache: do not free), or NULL when they cannot be loaded (reported). */
struct rndr_fonts *rndr_fonts_get(const char *dir, struct diag *d);
/*
 * Lays out the inline content of n (or the plain string s when n is
 * NULL) at width (points; <= 0 for no wrapping) in a font of size,
 * bold or not.  Fills t; release with rndr_text_clear().
 */
void		 rndr_text_make(struct rndr *p, struct rndr_text *t,
		    const struct doc_node *n, const char *s, double width,
		    double size, int bold, PangoAlignment align);
/* Records the line metrics of t's layout. */
void		 rndr_text_lines(struct rndr_text *t);
/* Sets t's line spacing (a multiple of the font's line height) and
 * measures its lines again. */
void		 rndr_text_respace(struct rndr_text *t, double spacing);
/* Returns the natural width of t's layout, unwrapped, in points. */
double		 rndr_text_width(const struct rndr_text *t);
/* Releases t's layout and measurements; t may be all zero. */
void		 rndr_text_clear(struct rndr_text *t);
/* In a long paper, drops the lines of t's layout (pango lays it out
 * again when it is painted), so that memory stays bounded. */
void		 rndr_text_shed(const struct rndr *p, struct rndr_text *t);

/* render_measure.c: the flow of measured blocks. */

/* Builds and measures the blocks of the flow (p->doc, p->fonts set). */
void		 rndr_measure(struct rndr *p);
/* Paginates the measured blocks into p->lay. */
void		 rndr_paginate(struct rndr *p);
/* In a long paper, drops the lines of block b's layouts, of rows
 * [first, first + count) and the header rows of a table. */
void		 rndr_block_shed(const struct rndr *p, struct rndr_block *b,
		    int first, int count);
/* Releases everything p measured and laid out (not its fonts). */
void		 rndr_clear(struct rndr *p);

/* render_note.c: the footnotes. */

/* Measures every footnote of the document, in number order. */
void		 rndr_measure_notes(struct rndr *p);
/* Returns the measured footnote for def, or NULL. */
struct rndr_note *rndr_note_find(struct rndr *p, const struct doc_node *def);
/* Marks which of text t's markers are their footnote's first mention
 * and adds those footnotes' heights to notes[] by t's line from line0
 * (all to notes[line0] if per_row). */
void		 rndr_note_lines(struct rndr *p, struct rndr_text *t,
		    double *notes, int line0, int per_row);

/* render_table.c: tables. */

/* Measures table block b (its node set): column widths, the cells laid
 * out, the page breaker's lines, one a row or a slice of one. */
void		 rndr_measure_table(struct rndr *p, struct rndr_block *b);

/* render_chart.c: the bar chart. */

/* Measures chart node n from the data fill gave it.  Returns the chart
 * (free with rndr_chart_free()), or NULL when n has no data. */
struct rndr_chart *rndr_measure_chart(struct rndr *p,
		    const struct doc_node *n);
/* Frees chart c; accepts NULL. */
void		 rndr_chart_free(struct rndr_chart *c);
/* Makes chart c at most maxh points tall where it is taller: labels cut
 * with an ellipsis, then smaller words and thinner bars (issue 31.6). */
void		 rndr_chart_fit(struct rndr *p, struct rndr_chart *c,
		    double maxh);
/*
 * Paints chart block b with top at y: a legend, then for each category
 * its label and one horizontal bar a series, each labelled with the
 * figure as the table prints it ([c] where it is suppressed, with no
 * bar), over light gridlines with their values below.
 */
void		 rndr_paint_chart(struct rndr *p, const struct rndr_block *b,
		    double y);

/* render_tilemap.c: the tile map (DOC_TILEMAP). */

/* Sets p's source colour to 0xRRGGBB (doc.h's palettes). */
void		 rndr_set_rgb(struct rndr *p, unsigned rgb);
/* Returns the height of tile map t with its legend, in points. */
double		 rndr_tilemap_height(const struct doc_tilemap *t);
/* Paints tile map block b (its node's data) with top at y. */
void		 rndr_paint_tilemap(struct rndr *p, const struct rndr_block *b,
		    double y);

/* render_paint.c: painting the pages and their structure. */

/* Paints every page.  Returns the cairo status. */
cairo_status_t	 rndr_paint(struct rndr *p);

#endif
