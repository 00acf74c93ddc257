/*
 * render_pdf.c: the typesetter of scrpaper.  Parses and fills the
 * template, measures every block with pango (fonts from the project's
 * fonts folder only, through a private fontconfig configuration), breaks
 * the pages with render_layout.c and paints them with cairo onto A4 PDF
 * pages: title block, headings with outline entries, paragraphs, lists
 * with hanging indents, ruled tables, footnotes at the foot of the page
 * that refers to them, a running footer, structure tags and metadata.
 * The PDF is written to a temporary file beside the target and renamed
 * into place only when complete.
 */
#include <errno.h>
#include <math.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <dirent.h>
#include <strings.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "util.h"
#include "diag.h"
#include "case.h"
#include "fig.h"
#include "doc.h"
#include "render.h"
#include "render_layout.h"
#include "pdf_post.h"

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

/* Chart geometry, in points. */
#define PDF_CHART_BAR	16.0	/* thickness of a bar */
#define PDF_CHART_GAP	2.0	/* between the bars of a category */
#define PDF_CHART_GROUP	12.0	/* between categories */
#define PDF_CHART_LEGEND 24.0	/* the legend's row */
#define PDF_CHART_AXIS	22.0	/* the gridline values' row */
#define PDF_CHART_VALW	48.0	/* room right of the longest bar */

/* What a block is. */
enum pdf_kind {
	PDF_TEXT,	/* a laid out run of text (paragraph, heading, item) */
	PDF_TABLE,
	PDF_CHART,	/* a bar chart (DOC_CHART) */
	PDF_KIND__MAX
};

/* One line of a layout, in points from the layout's top. */
struct pdf_line {
	double	 top;		/* top of the line */
	double	 height;	/* to the next line's top */
	double	 baseline;	/* from the line's top to its baseline */
	double	 x;		/* left of the line's ink box */
};

/* A footnote marker in a layout. */
struct pdf_ref {
	int			 index;	/* byte index of the marker */
	int			 len;	/* bytes of the marker */
	int			 line;	/* layout line it falls on */
	const struct doc_node	*def;	/* its footnote */
	int			 first;	/* 1 if the footnote's first mention */
};

/* A laid out piece of inline content. */
struct pdf_text {
	PangoLayout	*layout;
	struct pdf_line	*lines;
	int		 nlines;
	double		 height;	/* whole layout */
	struct pdf_ref	*refs;
	size_t		 nrefs;
};

struct pdf_table {
	int		 ncols;
	int		 nrows;
	double		*colw;		/* column widths, padding included */
	double		*rowh;		/* row heights, padding included */
	struct pdf_text	*cells;		/* nrows * ncols */
	int		*header;	/* 1 for header rows */
	int		*align;		/* enum doc_align per column */
};

/* A bar chart, read from the table before its DOC_CHART node. */
struct pdf_chart {
	int		 nseries;	/* the table's columns after the first */
	int		 ncats;		/* the table's body rows */
	char		**series;	/* series names (header cells) */
	char		**cats;		/* category names (first cells) */
	double		*value;		/* ncats * nseries values */
	char		**shown;	/* each value as the table prints it */
	int		*drawn;		/* 1 if the value is a number to draw;
					   0 for [c] and words */
	int		 percent;	/* the values are percentages */
	double		 max;		/* the axis maximum */
	double		 step;		/* between gridlines */
	double		 labelw;	/* the category labels' column */
	double		 plotw;		/* the bars' room at max */
	double		 height;	/* the whole figure */
	char		*alt;		/* its text alternative */
};

/* One block of the flow, measured. */
struct pdf_block {
	enum pdf_kind		 kind;
	const struct doc_node	*node;
	double			 x;	/* text left, from the body's left */
	double			 width;	/* text width */
	struct pdf_text		 text;	/* PDF_TEXT */
	struct pdf_text		 label;	/* bullet or number, or no layout */
	struct pdf_table	*table;	/* PDF_TABLE */
	struct pdf_chart	*chart;	/* PDF_CHART */
	int			 spans;	/* 1 to paint its text runs in Span
					   elements (see pdf_plan_tags()) */
	const char		*tag;	/* structure tag */
	int			 boxed;	/* draw as an aside box */
	double			 pad;	/* space above and below the text
					   inside the block (asides) */
	struct lay_block	 lay;	/* what the page breaker sees */
	double			*lines;	/* lay.lines */
	double			*notes;	/* lay.notes */
};

/* A measured footnote. */
struct pdf_note {
	const struct doc_node	*def;
	struct pdf_text		 text;
	struct pdf_text		 label;
	double			 height;	/* with the gap after it */
};

/* The fonts and the pango context they are measured with. */
struct pdf_fonts {
	FcConfig	*config;
	PangoFontMap	*map;
	PangoContext	*ctx;
};

/* Everything the typesetter holds for one document. */
struct pdf {
	const struct doc	*doc;
	struct pdf_fonts	*fonts;
	struct pdf_block	*blocks;
	size_t			 nblocks;
	struct pdf_note		*notes;
	size_t			 nnotes;
	struct lay_result	 lay;
	cairo_surface_t		*surface;
	cairo_t			*cr;
	int			 outline_h2;	/* last level-2 outline id */
	int			 outline_h1;	/* title outline id */
	double			 note_y;	/* next footnote's top */
	int			 page;		/* 0-based page being painted */
	struct pdf_note		**pending;	/* footnotes for this page's
						   foot */
	size_t			 npending;
	int			 span_open;	/* a Span element is open */
	char			**alts;		/* each Figure's text
						   alternative, in order */
	size_t			 nalts;
	char			**links;	/* each link's description, in
						   painting order */
	size_t			 nlinks;
};

/* What cairo writes, kept in memory for the post-pass. */
struct pdf_writer {
	struct buf	 b;
};

/* ------------------------------------------------------------------ */
/* Fonts */

static int
pdf_font_file_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Adds every TrueType or OpenType file in dir to config, in name order.
 * Files are added one by one (not the folder) so that fontconfig writes
 * no cache.  Returns 1 on success, 0 if dir cannot be read (reported).
 */
static int
pdf_fonts_add(FcConfig *config, const char *dir, struct diag *d)
{
	DIR		*dp;
	struct dirent	*de;
	char		**names = NULL, *path;
	size_t		 n = 0, i, len;
	int		 ok = 1;

	if ((dp = opendir(dir)) == NULL) {
		diag_error(d, dir, 0, 0, "cannot read the fonts folder: %s",
		    strerror(errno));
		return 0;
	}
	while ((de = readdir(dp)) != NULL) {
		len = strlen(de->d_name);
		if (len < 5 || (strcasecmp(de->d_name + len - 4, ".ttf") != 0 &&
		    strcasecmp(de->d_name + len - 4, ".otf") != 0))
			continue;
		names = xreallocarray(names, n + 1, sizeof(*names));
		names[n++] = xstrdup(de->d_name);
	}
	closedir(dp);
	if (n > 0)
		qsort(names, n, sizeof(*names), pdf_font_file_cmp);
	for (i = 0; i < n; i++) {
		path = xasprintf("%s/%s", dir, names[i]);
		if (!FcConfigAppFontAddFile(config, (const FcChar8 *)path)) {
			diag_error(d, path, 0, 0, "cannot load font");
			ok = 0;
		}
		free(path);
		free(names[i]);
	}
	free(names);
	return ok;
}

/*
 * Loads the typefaces in dir, and only those, into a private fontconfig
 * configuration and a pango font map using it.  Returns the fonts (free
 * with pdf_fonts_free()) or NULL when a face is missing (reported to d).
 */
static struct pdf_fonts *
pdf_fonts_new(const char *dir, struct diag *d)
{
	struct pdf_fonts	*f;
	FcPattern		*pat;
	FcObjectSet		*os;
	FcFontSet		*fs;
	cairo_font_options_t	*fo;
	int			 i, weight, regular = 0, bold = 0;

	f = xcalloc(1, sizeof(*f));
	if ((f->config = FcConfigCreate()) == NULL) {
		diag_error(d, dir, 0, 0, "cannot set up fontconfig");
		free(f);
		return NULL;
	}
	if (!pdf_fonts_add(f->config, dir, d)) {
		FcConfigDestroy(f->config);
		free(f);
		return NULL;
	}
	pat = FcPatternBuild(NULL, FC_FAMILY, FcTypeString, PDF_FAMILY,
	    (char *)NULL);
	os = FcObjectSetBuild(FC_WEIGHT, FC_SLANT, (char *)NULL);
	fs = FcFontList(f->config, pat, os);
	for (i = 0; fs != NULL && i < fs->nfont; i++) {
		if (FcPatternGetInteger(fs->fonts[i], FC_WEIGHT, 0,
		    &weight) != FcResultMatch)
			continue;
		if (weight == FC_WEIGHT_REGULAR)
			regular = 1;
		else if (weight == FC_WEIGHT_BOLD)
			bold = 1;
	}
	if (fs != NULL)
		FcFontSetDestroy(fs);
	FcObjectSetDestroy(os);
	FcPatternDestroy(pat);
	if (!regular || !bold) {
		diag_error(d, dir, 0, 0, "font %s %s is missing (the paper "
		    "needs OpenSans-Regular.ttf and OpenSans-Bold.ttf in "
		    "this folder)", PDF_FAMILY, regular ? "Bold" :
		    "Regular");
		FcConfigDestroy(f->config);
		free(f);
		return NULL;
	}

	/* Ours becomes fontconfig's current configuration before pango's
	 * font map starts: otherwise pango's start-up thread loads the
	 * system's configuration and fonts (FcInit), which the paper never
	 * uses, and cairo would consult it too. */
	FcConfigSetCurrent(f->config);
	f->map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	if (f->map == NULL) {
		diag_error(d, dir, 0, 0, "cairo has no FreeType font support");
		FcConfigDestroy(f->config);
		free(f);
		return NULL;
	}
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->map), f->config);
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(f->map),
	    72.0);
	f->ctx = pango_font_map_create_context(f->map);
	/* Outlines unhinted and metrics unrounded: a PDF is scaled. */
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(f->ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(f->ctx, FALSE);
	pango_context_set_base_dir(f->ctx, PANGO_DIRECTION_LTR);
	pango_context_set_language(f->ctx,
	    pango_language_from_string("en-gb"));
	return f;
}

/* Frees f; accepts NULL. */
static void
pdf_fonts_free(struct pdf_fonts *f)
{
	if (f == NULL)
		return;
	if (f->ctx != NULL)
		g_object_unref(f->ctx);
	if (f->map != NULL) {
		/* Drops the fonts the map caches, which refer back to it. */
		pango_fc_font_map_shutdown(PANGO_FC_FONT_MAP(f->map));
		g_object_unref(f->map);
	}
	if (f->config != NULL)
		FcConfigDestroy(f->config);
	free(f);
}

/*
 * The fonts last loaded, kept for the life of the process: a run that
 * typesets several papers loads them once, and pango's font threads may
 * still hold the configuration after the last paper.
 */
static struct pdf_fonts	*pdf_fonts_cache;
static char		*pdf_fonts_cache_dir;

/* Returns the fonts of dir, loading them on first use (owned by the
 * cache: do not free), or NULL when they cannot be loaded (reported). */
static struct pdf_fonts *
pdf_fonts_get(const char *dir, struct diag *d)
{
	struct pdf_fonts	*f;

	if (pdf_fonts_cache != NULL && strcmp(pdf_fonts_cache_dir, dir) == 0)
		return pdf_fonts_cache;
	if ((f = pdf_fonts_new(dir, d)) == NULL)
		return NULL;
	pdf_fonts_free(pdf_fonts_cache);
	free(pdf_fonts_cache_dir);
	pdf_fonts_cache = f;
	pdf_fonts_cache_dir = xstrdup(dir);
	return f;
}

/* Returns a new font description; free with
 * pango_font_description_free(). */
static PangoFontDescription *
pdf_font(double size, int bold)
{
	PangoFontDescription	*fd;

	fd = pango_font_description_new();
	pango_font_description_set_family(fd, PDF_FAMILY);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD :
	    PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(fd, PANGO_STYLE_NORMAL);
	pango_font_description_set_size(fd, (int)(size * PANGO_SCALE));
	return fd;
}

/* ------------------------------------------------------------------ */
/* Measuring */

/* Appends the inline content under n to b, with attributes for strong
 * emphasis and footnote markers in al; records markers in t. */
static void
pdf_inline(const struct doc_node *n, struct buf *b, PangoAttrList *al,
    struct pdf_text *t, double size)
{
	const struct doc_node	*c;
	PangoAttribute		*a;
	size_t			 start;

	for (c = n->first_child; c != NULL; c = c->next) {
		start = b->len;
		switch (c->type) {
		case DOC_STRONG:
			pdf_inline(c, b, al, t, size);
			a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
			a->start_index = start;
			a->end_index = b->len;
			pango_attr_list_insert(al, a);
			break;
		case DOC_FNREF:
			if (c->text == NULL)
				break;
			buf_puts(b, c->text);
			a = pango_attr_size_new((int)(size * 0.62 *
			    PANGO_SCALE));
			a->start_index = start;
			a->end_index = b->len;
			pango_attr_list_insert(al, a);
			a = pango_attr_rise_new((int)(size * 0.38 *
			    PANGO_SCALE));
			a->start_index = start;
			a->end_index = b->len;
			pango_attr_list_insert(al, a);
			t->refs = xreallocarray(t->refs, t->nrefs + 1,
			    sizeof(*t->refs));
			t->refs[t->nrefs].index = (int)start;
			t->refs[t->nrefs].len = (int)(b->len - start);
			t->refs[t->nrefs].line = 0;
			t->refs[t->nrefs].def = c->as.fnref.def;
			t->refs[t->nrefs].first = 0;
			t->nrefs++;
			break;
		default:
			if (c->text != NULL)
				buf_puts(b, c->text);
			break;
		}
	}
}

/* Records the line metrics of t's layout. */
static void
pdf_text_lines(struct pdf_text *t)
{
	PangoLayoutIter	*it;
	PangoRectangle	 logical;
	int		 y0, y1, i, w, h;
	size_t		 r;

	t->nlines = pango_layout_get_line_count(t->layout);
	t->lines = xcalloc(t->nlines > 0 ? t->nlines : 1, sizeof(*t->lines));
	it = pango_layout_get_iter(t->layout);
	i = 0;
	do {
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		t->lines[i].top = (double)y0 / PANGO_SCALE;
		t->lines[i].height = (double)(y1 - y0) / PANGO_SCALE;
		t->lines[i].baseline = (double)(pango_layout_iter_get_baseline(
		    it) - y0) / PANGO_SCALE;
		t->lines[i].x = (double)logical.x / PANGO_SCALE;
		i++;
	} while (i < t->nlines && pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	pango_layout_get_size(t->layout, &w, &h);
	t->height = (double)h / PANGO_SCALE;
	/* A line's height runs to the next line's top. */
	for (i = 0; i + 1 < t->nlines; i++)
		t->lines[i].height = t->lines[i + 1].top - t->lines[i].top;
	if (t->nlines > 0)
		t->lines[t->nlines - 1].height = t->height -
		    t->lines[t->nlines - 1].top;
	for (r = 0; r < t->nrefs; r++) {
		pango_layout_index_to_line_x(t->layout, t->refs[r].index, 0,
		    &i, &w);
		t->refs[r].line = i;
	}
}

/*
 * Lays out the inline content of n (or the plain string s when n is
 * NULL) at width (points; <= 0 for no wrapping) in a font of size,
 * bold or not.  Fills t; release with pdf_text_clear().
 */
static void
pdf_text_make(struct pdf *p, struct pdf_text *t, const struct doc_node *n,
    const char *s, double width, double size, int bold,
    PangoAlignment align)
{
	PangoFontDescription	*fd;
	PangoAttrList		*al;
	struct buf		 b;

	memset(t, 0, sizeof(*t));
	buf_init(&b);
	al = pango_attr_list_new();
	if (n != NULL)
		pdf_inline(n, &b, al, t, size);
	else
		buf_puts(&b, s);
	pango_attr_list_insert(al, pango_attr_insert_hyphens_new(FALSE));
	/* No ligatures: every glyph stands for one character, so text
	 * extraction and the structure's text need no ActualText. */
	pango_attr_list_insert(al, pango_attr_font_features_new(
	    "liga=0, clig=0"));
	t->layout = pango_layout_new(p->fonts->ctx);
	fd = pdf_font(size, bold);
	pango_layout_set_font_description(t->layout, fd);
	pango_font_description_free(fd);
	pango_layout_set_line_spacing(t->layout, PDF_SPACING);
	if (width > 0) {
		pango_layout_set_width(t->layout,
		    (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(t->layout, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_alignment(t->layout, align);
	pango_layout_set_text(t->layout, b.data, (int)b.len);
	pango_layout_set_attributes(t->layout, al);
	pango_attr_list_unref(al);
	buf_clear(&b);
	pdf_text_lines(t);
}

/* Sets t's line spacing (a multiple of the font's line height) and
 * measures its lines again. */
static void
pdf_text_respace(struct pdf_text *t, double spacing)
{
	pango_layout_set_line_spacing(t->layout, spacing);
	free(t->lines);
	t->lines = NULL;
	pdf_text_lines(t);
}

/* Releases t's layout and measurements; t may be all zero. */
static void
pdf_text_clear(struct pdf_text *t)
{
	if (t->layout != NULL)
		g_object_unref(t->layout);
	free(t->lines);
	free(t->refs);
	memset(t, 0, sizeof(*t));
}

/* Returns the natural width of t's layout, unwrapped, in points. */
static double
pdf_text_width(const struct pdf_text *t)
{
	PangoRectangle	 logical;

	pango_layout_get_extents(t->layout, NULL, &logical);
	return (double)logical.width / PANGO_SCALE;
}

/* Returns the measured footnote for def, or NULL. */
static struct pdf_note *
pdf_note_find(struct pdf *p, const struct doc_node *def)
{
	size_t	 i;

	for (i = 0; i < p->nnotes; i++)
		if (p->notes[i].def == def)
			return &p->notes[i];
	return NULL;
}

/* Measures every footnote of the document, in number order. */
static void
pdf_measure_notes(struct pdf *p)
{
	struct doc_node	*n;
	struct pdf_note	*note;
	char		 num[16];

	for (n = p->doc->root->first_child; n != NULL; n = n->next) {
		if (n->type != DOC_FOOTNOTE || n->as.footnote.number == 0)
			continue;
		p->notes = xreallocarray(p->notes, p->nnotes + 1,
		    sizeof(*p->notes));
		note = &p->notes[p->nnotes++];
		memset(note, 0, sizeof(*note));
		note->def = n;
		snprintf(num, sizeof(num), "%d", n->as.footnote.number);
		pdf_text_make(p, &note->label, NULL, num, 0, PDF_NOTE_PT, 0,
		    PANGO_ALIGN_LEFT);
		pdf_text_make(p, &note->text, n, NULL,
		    PDF_BODY_W - PDF_NOTE_INDENT, PDF_NOTE_PT, 0,
		    PANGO_ALIGN_LEFT);
		note->height = note->text.height + PDF_NOTE_GAP;
	}
}

/* Marks which markers are their footnote's first mention and adds the
 * footnote heights to notes[] by line. */
static void
pdf_note_lines(struct pdf *p, struct pdf_text *t, double *notes, int line0,
    int per_row)
{
	struct pdf_note	*note;
	size_t		 r, k;
	int		 seen;

	for (r = 0; r < t->nrefs; r++) {
		if (t->refs[r].def == NULL ||
		    (note = pdf_note_find(p, t->refs[r].def)) == NULL)
			continue;
		seen = 0;
		/* Earlier blocks, and earlier markers of this text. */
		for (k = 0; k < p->nblocks && !seen; k++) {
			const struct pdf_block *b = &p->blocks[k];
			size_t m;

			if (b->kind == PDF_TEXT)
				for (m = 0; m < b->text.nrefs; m++)
					if (b->text.refs[m].def ==
					    t->refs[r].def &&
					    b->text.refs[m].first)
						seen = 1;
			if (b->kind == PDF_TABLE) {
				int c;

				for (c = 0; c < b->table->nrows *
				    b->table->ncols; c++)
					for (m = 0; m < b->table->cells[c].
					    nrefs; m++)
						if (b->table->cells[c].
						    refs[m].def ==
						    t->refs[r].def &&
						    b->table->cells[c].
						    refs[m].first)
							seen = 1;
			}
		}
		for (k = 0; k < r && !seen; k++)
			if (t->refs[k].def == t->refs[r].def)
				seen = 1;
		if (seen)
			continue;
		t->refs[r].first = 1;
		notes[per_row ? line0 : line0 + t->refs[r].line] +=
		    note->height;
	}
}

/* Returns a new block appended to p's flow. */
static struct pdf_block *
pdf_block_new(struct pdf *p, enum pdf_kind kind, const struct doc_node *n)
{
	struct pdf_block	*b;

	p->blocks = xreallocarray(p->blocks, p->nblocks + 1,
	    sizeof(*p->blocks));
	b = &p->blocks[p->nblocks++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->node = n;
	b->width = PDF_BODY_W;
	return b;
}

/* Fills the page breaker's view of a text block. */
static void
pdf_block_lay_text(struct pdf *p, struct pdf_block *b, int split)
{
	int	 i, n = b->text.nlines;

	b->lines = xcalloc(n > 0 ? n : 1, sizeof(double));
	b->notes = xcalloc(n > 0 ? n : 1, sizeof(double));
	for (i = 0; i < n; i++)
		b->lines[i] = b->text.lines[i].height;
	if (n > 0) {
		b->lines[0] += b->pad;
		b->lines[n - 1] += b->pad;
	}
	pdf_note_lines(p, &b->text, b->notes, 0, 0);
	b->lay.lines = b->lines;
	b->lay.notes = b->notes;
	b->lay.nlines = n;
	b->lay.split = split;
}

/* Heading sizes by level, in points. */
static double
pdf_heading_size(int level)
{
	switch (level) {
	case 1:
		return 22.0;
	case 2:
		return 16.0;
	case 3:
		return 13.5;
	default:
		return 12.0;
	}
}

static const char *const pdf_heading_tags[] = { "H1", "H2", "H3", "H4" };

/* Returns 1 if paragraph n ends with a colon (it leads into a list). */
static int
pdf_leads_in(const struct doc_node *n)
{
	char	*t;
	size_t	 len;
	int	 r;

	t = doc_node_plain(n);
	len = strlen(t);
	while (len > 0 && t[len - 1] == ' ')
		len--;
	r = len > 0 && t[len - 1] == ':';
	free(t);
	return r;
}

/*
 * Measures table block b: chooses column widths from the cells' natural
 * and narrowest widths, lays each cell out at its column's width (numeric
 * columns right-aligned) and gives the page breaker one line per row.
 */
static void
pdf_measure_table(struct pdf *p, struct pdf_block *b)
{
	const struct doc_node	*row, *cell;
	struct pdf_table	*t;
	double			*nat, *min, w, tw;
	int			 r, c;
	PangoLayoutIter		*it;
	PangoRectangle		 ink, logical;

	t = b->table = xcalloc(1, sizeof(*t));
	t->ncols = b->node->as.table.ncols;
	for (row = b->node->first_child; row != NULL; row = row->next)
		t->nrows++;
	t->colw = xcalloc(t->ncols, sizeof(double));
	t->rowh = xcalloc(t->nrows, sizeof(double));
	t->cells = xcalloc((size_t)t->nrows * t->ncols, sizeof(*t->cells));
	t->header = xcalloc(t->nrows, sizeof(int));
	t->align = xcalloc(t->ncols, sizeof(int));
	nat = xcalloc(t->ncols, sizeof(double));
	min = xcalloc(t->ncols, sizeof(double));

	/* Natural and minimum widths, from unwrapped layouts. */
	for (r = 0, row = b->node->first_child; row != NULL;
	    row = row->next, r++) {
		t->header[r] = row->as.row.header;
		for (c = 0, cell = row->first_child; cell != NULL &&
		    c < t->ncols; cell = cell->next, c++) {
			struct pdf_text *ct = &t->cells[r * t->ncols + c];

			pdf_text_make(p, ct, cell, NULL, 0, PDF_BODY_PT,
			    cell->as.cell.header, PANGO_ALIGN_LEFT);
			w = pdf_text_width(ct) + 2 * PDF_CELL_PADX;
			if (w > nat[c])
				nat[c] = w;
			/* The widest word: lay out at a tiny width. */
			pango_layout_set_width(ct->layout, 1);
			pango_layout_set_wrap(ct->layout, PANGO_WRAP_WORD);
			it = pango_layout_get_iter(ct->layout);
			do {
				pango_layout_iter_get_line_extents(it, &ink,
				    &logical);
				w = (double)logical.width / PANGO_SCALE +
				    2 * PDF_CELL_PADX;
				if (w > min[c])
					min[c] = w;
			} while (pango_layout_iter_next_line(it));
			pango_layout_iter_free(it);
			if (cell->as.cell.align == DOC_ALIGN_RIGHT)
				t->align[c] = DOC_ALIGN_RIGHT;
		}
	}
	lay_columns(nat, min, t->ncols, PDF_BODY_W, t->colw);

	/* Lay out each cell at its column's width. */
	b->lines = xcalloc(t->nrows, sizeof(double));
	b->notes = xcalloc(t->nrows, sizeof(double));
	tw = 0;
	for (c = 0; c < t->ncols; c++)
		tw += t->colw[c];
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			struct pdf_text *ct = &t->cells[r * t->ncols + c];

			pango_layout_set_width(ct->layout, (int)((t->colw[c] -
			    2 * PDF_CELL_PADX) * PANGO_SCALE) + 1);
			pango_layout_set_wrap(ct->layout,
			    PANGO_WRAP_WORD_CHAR);
			pango_layout_set_alignment(ct->layout,
			    t->align[c] == DOC_ALIGN_RIGHT ?
			    PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
			free(ct->lines);
			ct->lines = NULL;
			pdf_text_lines(ct);
			if (ct->height + 2 * PDF_CELL_PADY > t->rowh[r])
				t->rowh[r] = ct->height + 2 * PDF_CELL_PADY;
			pdf_note_lines(p, ct, b->notes, r, 1);
		}
		b->lines[r] = t->rowh[r];
	}
	b->width = tw;
	b->lay.lines = b->lines;
	b->lay.notes = b->notes;
	b->lay.nlines = t->nrows;
	b->lay.split = 0;
	free(nat);
	free(min);
}

/* Returns the text of gridline value v of chart c. */
static char *
pdf_chart_tick(const struct pdf_chart *c, double v)
{
	return xasprintf("%g%s", v, c->percent ? "%" : "");
}

/* Frees chart c; accepts NULL. */
static void
pdf_chart_free(struct pdf_chart *c)
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
pdf_chart_number(const char *s, double *v, int *pct)
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
pdf_cell(const struct doc_node *row, int col)
{
	const struct doc_node	*c;

	for (c = row->first_child; c != NULL && col > 0; c = c->next)
		col--;
	return c;
}

/*
 * Reads chart node n's data from the table just before it and measures
 * it.  Returns the chart (free with pdf_chart_free()), or NULL when n
 * does not follow a table with a header row, at least two columns and a
 * body row.
 */
static struct pdf_chart *
pdf_measure_chart(struct pdf *p, const struct doc_node *n)
{
	const struct doc_node	*table = n->prev, *row, *head = NULL;
	struct pdf_chart	*c;
	struct pdf_text		 t;
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
		c->series[s] = pdf_cell(head, s + 1) != NULL ?
		    doc_node_plain(pdf_cell(head, s + 1)) : xstrdup("");
	k = 0;
	for (row = table->first_child; row != NULL; row = row->next) {
		if (row->as.row.header)
			continue;
		c->cats[k] = pdf_cell(row, 0) != NULL ?
		    doc_node_plain(pdf_cell(row, 0)) : xstrdup("");
		for (s = 0; s < c->nseries; s++) {
			i = (size_t)k * c->nseries + s;
			c->shown[i] = pdf_cell(row, s + 1) != NULL ?
			    doc_node_plain(pdf_cell(row, s + 1)) :
			    xstrdup("");
			if (pdf_chart_number(c->shown[i], &v, &pct)) {
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
		pdf_text_make(p, &t, NULL, c->cats[k], 0, PDF_CHART_PT, 1,
		    PANGO_ALIGN_LEFT);
		w = pdf_text_width(&t) + 14;
		if (w > c->labelw)
			c->labelw = w;
		pdf_text_clear(&t);
	}
	tick = pdf_chart_tick(c, c->max);
	pdf_text_make(p, &t, NULL, tick, 0, PDF_CHART_PT, 0,
	    PANGO_ALIGN_LEFT);
	free(tick);
	c->plotw = PDF_BODY_W - c->labelw - PDF_CHART_VALW;
	pdf_text_clear(&t);
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

/* Space between blocks, in points. */
#define PDF_SP_PARA	10.0
#define PDF_SP_ITEM	6.0
#define PDF_SP_TABLE	14.0

/* Returns the space in points above the block of node n after the
 * block prev (NULL at the start of the paper). */
static double
pdf_space(const struct pdf_block *prev, const struct doc_node *n)
{
	const struct doc_node	*pn;
	double			 after, before;

	if (prev == NULL)
		return 0;
	pn = prev->node;
	switch (pn->type) {
	case DOC_HEADING:
		after = pn->as.heading.level == 1 ? 8.0 : 6.0;
		return n->type == DOC_HEADING ? 10.0 : after;
	case DOC_SUBTITLE:
		return 28.0;
	case DOC_ITEM:
		after = PDF_SP_ITEM;
		if (pn->next == NULL)
			after = PDF_SP_PARA;
		break;
	case DOC_PARA:
		after = pdf_leads_in(pn) ? PDF_SP_ITEM : PDF_SP_PARA;
		break;
	case DOC_TABLE:
	case DOC_ASIDE:
	case DOC_CHART:
		after = PDF_SP_TABLE;
		break;
	default:
		after = PDF_SP_PARA;
		break;
	}
	switch (n->type) {
	case DOC_HEADING:
		before = n->as.heading.level <= 2 ? 24.0 : 18.0;
		break;
	case DOC_ITEM:
		/* A list's first item follows its lead-in closely; numbered
		 * items, a paragraph or more each, stand further apart. */
		if (n->prev == NULL)
			return after;
		return n->parent->as.list.kind == DOC_LIST_NUMBERED ?
		    PDF_SP_PARA : PDF_SP_ITEM;
	case DOC_TABLE:
	case DOC_ASIDE:
		before = PDF_SP_TABLE;
		break;
	case DOC_CHART:
		/* Its caption (or the chart) follows the table closely. */
		return PDF_SP_TABLE + 6;
	case DOC_SIGNOFF:
		before = 30.0;
		break;
	default:
		before = PDF_SP_PARA;
		break;
	}
	return after > before ? after : before;
}

/* Builds and measures the blocks of the flow. */
static void
pdf_measure(struct pdf *p)
{
	struct doc_node		*n, *item;
	struct pdf_block	*b;
	struct buf		 sb;
	size_t			 i;
	int			 newpage = 0;
	char			 num[32];
	struct pdf_chart	*chart;

	pdf_measure_notes(p);
	for (n = p->doc->root->first_child; n != NULL; n = n->next) {
		b = NULL;
		switch (n->type) {
		case DOC_HEADING:
			b = pdf_block_new(p, PDF_TEXT, n);
			b->tag = pdf_heading_tags[n->as.heading.level - 1];
			pdf_text_make(p, &b->text, n, NULL, PDF_BODY_W,
			    pdf_heading_size(n->as.heading.level), 1,
			    PANGO_ALIGN_LEFT);
			pdf_text_respace(&b->text, PDF_HEAD_SPACING);
			pdf_block_lay_text(p, b, 0);
			b->lay.keep = 1;
			break;
		case DOC_SUBTITLE:
			b = pdf_block_new(p, PDF_TEXT, n);
			b->tag = "P";
			pdf_text_make(p, &b->text, n, NULL, PDF_BODY_W, 15.0,
			    0, PANGO_ALIGN_LEFT);
			pdf_block_lay_text(p, b, 0);
			b->lay.keep = 1;
			break;
		case DOC_PARA:
			b = pdf_block_new(p, PDF_TEXT, n);
			b->tag = "P";
			pdf_text_make(p, &b->text, n, NULL, PDF_BODY_W,
			    PDF_BODY_PT, 0, PANGO_ALIGN_LEFT);
			pdf_block_lay_text(p, b, 1);
			b->lay.keep = pdf_leads_in(n);
			break;
		case DOC_ASIDE:
			b = pdf_block_new(p, PDF_TEXT, n);
			b->tag = "BlockQuote";
			b->boxed = 1;
			b->pad = PDF_ASIDE_PAD;
			b->x = PDF_ASIDE_PAD + 4;
			b->width = PDF_BODY_W - 2 * PDF_ASIDE_PAD - 4;
			pdf_text_make(p, &b->text, n, NULL, b->width,
			    PDF_BODY_PT, 0, PANGO_ALIGN_LEFT);
			pdf_block_lay_text(p, b, 0);
			break;
		case DOC_LIST:
			for (item = n->first_child; item != NULL;
			    item = item->next) {
				b = pdf_block_new(p, PDF_TEXT, item);
				b->tag = "LI";
				b->x = n->as.list.kind == DOC_LIST_NUMBERED ?
				    PDF_NUM_INDENT : PDF_INDENT;
				b->width = PDF_BODY_W - b->x;
				if (n->as.list.kind == DOC_LIST_NUMBERED)
					snprintf(num, sizeof(num), "%d.",
					    item->as.item.number);
				else
					snprintf(num, sizeof(num),
					    "\u2022");
				pdf_text_make(p, &b->label, NULL, num, 0,
				    PDF_BODY_PT, n->as.list.kind ==
				    DOC_LIST_NUMBERED, PANGO_ALIGN_LEFT);
				pdf_text_make(p, &b->text, item, NULL,
				    b->width, PDF_BODY_PT, 0,
				    PANGO_ALIGN_LEFT);
				pdf_block_lay_text(p, b, 1);
				/* The last item never stands alone at the
				 * top of a page. */
				b->lay.keep = item->next != NULL &&
				    item->next->next == NULL;
				b->lay.newpage = newpage;
				newpage = 0;
				b->lay.before = pdf_space(p->nblocks > 1 ?
				    &p->blocks[p->nblocks - 2] : NULL, item);
			}
			continue;
		case DOC_TABLE:
			b = pdf_block_new(p, PDF_TABLE, n);
			b->tag = "Table";
			pdf_measure_table(p, b);
			break;
		case DOC_CHART:
			if ((chart = pdf_measure_chart(p, n)) == NULL)
				continue;
			if (n->first_child != NULL) {
				/* The caption, kept with the chart. */
				b = pdf_block_new(p, PDF_TEXT, n);
				b->tag = "P";
				pdf_text_make(p, &b->text, n, NULL,
				    PDF_BODY_W, PDF_BODY_PT, 1,
				    PANGO_ALIGN_LEFT);
				pdf_block_lay_text(p, b, 0);
				b->lay.keep = 1;
				b->lay.newpage = newpage;
				newpage = 0;
				b->lay.before = pdf_space(p->nblocks > 1 ?
				    &p->blocks[p->nblocks - 2] : NULL, n);
			}
			b = pdf_block_new(p, PDF_CHART, n);
			b->tag = "Figure";
			b->chart = chart;
			b->lines = xcalloc(1, sizeof(double));
			b->notes = xcalloc(1, sizeof(double));
			b->lines[0] = chart->height;
			b->lay.lines = b->lines;
			b->lay.notes = b->notes;
			b->lay.nlines = 1;
			if (n->first_child != NULL) {
				b->lay.before = 8;
				continue;
			}
			break;
		case DOC_SIGNOFF:
			/* One P a line (see pdf_paint_frag()). */
			b = pdf_block_new(p, PDF_TEXT, n);
			b->tag = "Div";
			buf_init(&sb);
			for (i = 0; i < p->doc->meta.nauthors; i++) {
				buf_puts(&sb, p->doc->meta.authors[i]);
				buf_putc(&sb, '\n');
			}
			if (p->doc->meta.organisation != NULL)
				buf_puts(&sb, p->doc->meta.organisation);
			pdf_text_make(p, &b->text, NULL, sb.data, PDF_BODY_W,
			    PDF_BODY_PT, 0, PANGO_ALIGN_LEFT);
			buf_clear(&sb);
			pdf_block_lay_text(p, b, 0);
			break;
		case DOC_PAGEBREAK:
			newpage = 1;
			continue;
		default:
			continue;
		}
		b->lay.newpage = newpage;
		newpage = 0;
		b->lay.before = pdf_space(p->nblocks > 1 ?
		    &p->blocks[p->nblocks - 2] : NULL, n);
	}
}

/* Paginates the measured blocks into p->lay. */
static void
pdf_paginate(struct pdf *p)
{
	struct lay_block	*lb;
	struct lay_params	 lp;
	size_t			 i;

	lb = xcalloc(p->nblocks + 1, sizeof(*lb));
	for (i = 0; i < p->nblocks; i++)
		lb[i] = p->blocks[i].lay;
	lp.height = PDF_BODY_H;
	lp.note_sep = PDF_NOTE_SEP;
	lp.orphans = 2;
	lp.widows = 2;
	lay_paginate(lb, p->nblocks, &lp, &p->lay);
	free(lb);
}

/* ------------------------------------------------------------------ */
/* Painting */

/*
 * Structure.  cairo 1.16 gives marked content only to the elements that
 * have no child elements: text painted straight into an element that
 * also holds a child element (a Link, a Note, page furniture) is left
 * out of the tree.  So a block is painted either as one leaf element
 * (its text its content) or, in "spans" mode, with every run of its text
 * in a Span, each footnote marker in Reference > Link and any footnote
 * or furniture that falls inside it as children beside them.  Page
 * furniture (running footer, rules, box shading) goes in elements named
 * PDF_ART_TAG, which the post-pass (pdf_post.c) takes out of the tree
 * and marks as artifacts in the page content.  (Not "Artifact": cairo
 * 1.16 crashes in cairo_surface_finish() on a structure type outside the
 * standard set once the document has an outline.)
 */
#define PDF_ART_TAG	PDF_POST_ART

/* Opens and closes an element of page furniture. */
static void
pdf_art_begin(struct pdf *p)
{
	cairo_tag_begin(p->cr, PDF_ART_TAG, NULL);
}

static void
pdf_art_end(struct pdf *p)
{
	cairo_tag_end(p->cr, PDF_ART_TAG);
}

/* Closes the Span being painted into, if any. */
static void
pdf_span_close(struct pdf *p)
{
	if (p->span_open) {
		cairo_tag_end(p->cr, "Span");
		p->span_open = 0;
	}
}

/* Returns the footnote marker of t that run starts, or NULL. */
static const struct pdf_ref *
pdf_run_ref(const struct pdf_text *t, const PangoGlyphItem *run)
{
	size_t	 r;

	for (r = 0; r < t->nrefs; r++)
		if (t->refs[r].index == run->item->offset &&
		    t->refs[r].def != NULL)
			return &t->refs[r];
	return NULL;
}

/* Queues the footnote of marker ref for the foot of the current page. */
static void
pdf_note_queue(struct pdf *p, const struct pdf_ref *ref)
{
	struct pdf_note	*note;

	if (!ref->first || (note = pdf_note_find(p, ref->def)) == NULL)
		return;
	p->pending = xreallocarray(p->pending, p->npending + 1,
	    sizeof(*p->pending));
	p->pending[p->npending++] = note;
}

/*
 * Paints one run of glyphs with its baseline origin at x, y.  Pango
 * blanks the glyph of a space at the end of a line; it is put back
 * (zero width, as pango placed it) so that cairo need not mark the
 * blank with an ActualText sequence and text extraction keeps the space
 * between the words either side of the break.
 */
static void
pdf_show_run(struct pdf *p, const char *text, PangoGlyphItem *run,
    double x, double y)
{
	PangoGlyphItem	*gi;
	hb_font_t	*hb;
	hb_codepoint_t	 space;
	int		 i;
	const char	*c;

	gi = pango_glyph_item_copy(run);
	hb = pango_font_get_hb_font(gi->item->analysis.font);
	for (i = 0; i < gi->glyphs->num_glyphs; i++) {
		if (gi->glyphs->glyphs[i].glyph != PANGO_GLYPH_EMPTY)
			continue;
		c = text + gi->item->offset + gi->glyphs->log_clusters[i];
		if ((*c == ' ' || *c == '\t') && hb != NULL &&
		    hb_font_get_nominal_glyph(hb, ' ', &space))
			gi->glyphs->glyphs[i].glyph = space;
	}
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_glyph_item(p->cr, text, gi);
	pango_glyph_item_free(gi);
}

/*
 * Paints lines [first, first + count) of t with its top-left at x, y,
 * run by run.  With spans, text runs go in Span elements and footnote
 * markers in Reference > Link elements that point at their footnotes;
 * the footnotes of first mentions are queued for the page foot.
 */
static void
pdf_paint_lines(struct pdf *p, const struct pdf_text *t, int first,
    int count, double x, double y, int spans)
{
	PangoLayoutLine		*line;
	GSList			*l;
	PangoGlyphItem		*run;
	const struct pdf_ref	*ref;
	const char		*text;
	PangoRectangle		 logical;
	double			 oy, rx, ry, w;
	int			 i, xoff;
	char			*attr;

	if (count <= 0 || first >= t->nlines)
		return;
	text = pango_layout_get_text(t->layout);
	oy = y - t->lines[first].top;
	for (i = first; i < first + count && i < t->nlines; i++) {
		line = pango_layout_get_line_readonly(t->layout, i);
		xoff = 0;
		for (l = line->runs; l != NULL; l = l->next) {
			run = l->data;
			xoff += run->start_x_offset;
			rx = x + t->lines[i].x + (double)xoff / PANGO_SCALE;
			ry = oy + t->lines[i].top + t->lines[i].baseline -
			    (double)run->y_offset / PANGO_SCALE;
			w = (double)pango_glyph_string_get_width(run->glyphs) /
			    PANGO_SCALE;
			ref = pdf_run_ref(t, run);
			if (ref != NULL) {
				pdf_span_close(p);
				pango_glyph_string_extents(run->glyphs,
				    run->item->analysis.font, NULL, &logical);
				attr = xasprintf("rect=[%.2f %.2f %.2f %.2f] "
				    "dest='fn%d'", rx - 2, ry + (double)
				    logical.y / PANGO_SCALE - 1, w + 4,
				    (double)logical.height / PANGO_SCALE + 2,
				    ref->def->as.footnote.number);
				if (spans)
					cairo_tag_begin(p->cr, "Reference",
					    NULL);
				cairo_tag_begin(p->cr, CAIRO_TAG_LINK, attr);
				pdf_show_run(p, text, run, rx, ry);
				cairo_tag_end(p->cr, CAIRO_TAG_LINK);
				if (spans)
					cairo_tag_end(p->cr, "Reference");
				free(attr);
				p->links = xreallocarray(p->links,
				    p->nlinks + 1, sizeof(*p->links));
				p->links[p->nlinks++] = xasprintf("Go to "
				    "footnote %d", ref->def->as.footnote.number);
				pdf_note_queue(p, ref);
			} else {
				if (spans && !p->span_open) {
					cairo_tag_begin(p->cr, "Span", NULL);
					p->span_open = 1;
				}
				pdf_show_run(p, text, run, rx, ry);
			}
			xoff += pango_glyph_string_get_width(run->glyphs) +
			    run->end_x_offset;
		}
	}
	if (spans)
		pdf_span_close(p);
}

/* Paints the footnotes queued for the current page at its foot, below a
 * short rule. */
static void
pdf_paint_notes(struct pdf *p)
{
	struct pdf_note	*note;
	char		*attr;
	size_t		 i;
	double		 top;

	if (p->npending == 0)
		return;
	p->note_y = PDF_TOP + PDF_BODY_H - p->lay.notes[p->page] +
	    PDF_NOTE_SEP;
	pdf_art_begin(p);
	cairo_save(p->cr);
	cairo_set_line_width(p->cr, 0.6);
	cairo_move_to(p->cr, PDF_LEFT, p->note_y - PDF_NOTE_SEP / 2);
	cairo_line_to(p->cr, PDF_LEFT + 120, p->note_y - PDF_NOTE_SEP / 2);
	cairo_stroke(p->cr);
	cairo_restore(p->cr);
	pdf_art_end(p);
	for (i = 0; i < p->npending; i++) {
		note = p->pending[i];
		top = p->note_y;
		cairo_tag_begin(p->cr, "Note", NULL);
		attr = xasprintf("name='fn%d' x=%.2f y=%.2f",
		    note->def->as.footnote.number, PDF_LEFT, top);
		cairo_tag_begin(p->cr, CAIRO_TAG_DEST, attr);
		free(attr);
		cairo_tag_begin(p->cr, "Lbl", NULL);
		pdf_paint_lines(p, &note->label, 0, note->label.nlines,
		    PDF_LEFT, top + note->text.lines[0].baseline -
		    note->label.lines[0].baseline, 0);
		cairo_tag_end(p->cr, "Lbl");
		cairo_tag_begin(p->cr, "P", NULL);
		pdf_paint_lines(p, &note->text, 0, note->text.nlines,
		    PDF_LEFT + PDF_NOTE_INDENT, top, 0);
		cairo_tag_end(p->cr, "P");
		cairo_tag_end(p->cr, CAIRO_TAG_DEST);
		cairo_tag_end(p->cr, "Note");
		p->note_y += note->height;
	}
	p->npending = 0;
}

/* Writes the running footer of the current page, as furniture. */
static void
pdf_paint_footer(struct pdf *p)
{
	struct pdf_text	 t;
	char		*s;

	s = xasprintf("Page %d of %d", p->page + 1, p->lay.npages);
	pdf_text_make(p, &t, NULL, s, 0, PDF_FOOT_PT, 0, PANGO_ALIGN_LEFT);
	free(s);
	pdf_art_begin(p);
	cairo_save(p->cr);
	cairo_set_source_rgb(p->cr, PDF_GREY_R, PDF_GREY_G, PDF_GREY_B);
	pdf_paint_lines(p, &t, 0, t.nlines, (PDF_PAGE_W -
	    pdf_text_width(&t)) / 2, PDF_PAGE_H - PDF_FOOTER -
	    t.lines[0].baseline, 0);
	cairo_restore(p->cr);
	pdf_art_end(p);
	pdf_text_clear(&t);
}

/* Adds an outline entry for heading block b painted at y on the current
 * page. */
static void
pdf_outline(struct pdf *p, const struct pdf_block *b, double y)
{
	char	*name, *attr;
	int	 level = b->node->as.heading.level, parent, id;

	name = doc_node_plain(b->node);
	attr = xasprintf("page=%d pos=[%.2f %.2f]", p->page + 1, PDF_LEFT,
	    y);
	parent = CAIRO_PDF_OUTLINE_ROOT;
	if (level >= 3 && p->outline_h2 > 0)
		parent = p->outline_h2;
	id = cairo_pdf_surface_add_outline(p->surface, parent, name, attr,
	    level <= 2 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
	if (level == 2)
		p->outline_h2 = id;
	if (level == 1)
		p->outline_h1 = id;
	free(attr);
	free(name);
}

/* Strokes a horizontal rule of width w points from x to x + len at y,
 * as furniture. */
static void
pdf_rule(struct pdf *p, double x, double y, double len, double w)
{
	pdf_art_begin(p);
	cairo_set_line_width(p->cr, w);
	cairo_move_to(p->cr, x, y);
	cairo_line_to(p->cr, x + len, y);
	cairo_stroke(p->cr);
	pdf_art_end(p);
}

/*
 * Paints a table's rows [first, first + count) with top at y: heavy rules
 * above the header and below it and at the foot of the table, light ones
 * between body rows and where the table breaks across pages.  Cells of
 * header rows are TH (the post-pass gives them column scope), and so is
 * the first cell of each body row of a table with a header (row scope).
 */
static void
pdf_paint_table(struct pdf *p, const struct pdf_block *b, int first,
    int count, double y)
{
	const struct pdf_table	*t = b->table;
	double			 x, cx, ry = y, w = b->width, below;
	int			 r, c, hashead = 0;

	for (r = 0; r < t->nrows; r++)
		if (t->header[r])
			hashead = 1;
	x = PDF_LEFT + b->x;
	cairo_save(p->cr);
	pdf_rule(p, x, ry, w, first == 0 || t->header[first] ? 1.2 : 0.5);
	for (r = first; r < first + count; r++) {
		cairo_tag_begin(p->cr, "TR", NULL);
		cx = x;
		for (c = 0; c < t->ncols; c++) {
			const struct pdf_text *ct = &t->cells[r * t->ncols + c];
			const char *tag = t->header[r] || (c == 0 &&
			    hashead && t->ncols > 1) ? "TH" : "TD";

			cairo_tag_begin(p->cr, tag, NULL);
			pdf_paint_lines(p, ct, 0, ct->nlines,
			    cx + PDF_CELL_PADX, ry + PDF_CELL_PADY,
			    ct->nrefs > 0);
			cairo_tag_end(p->cr, tag);
			cx += t->colw[c];
		}
		cairo_tag_end(p->cr, "TR");
		ry += t->rowh[r];
		if (r + 1 == t->nrows)
			below = 1.2;
		else if (t->header[r] && !t->header[r + 1])
			below = 1.2;
		else
			below = r + 1 == first + count ? 0.5 : 0.4;
		pdf_rule(p, x, ry, w, below);
	}
	cairo_restore(p->cr);
}

/* The chart's colours: dark blue and turquoise of the Government
 * Analysis Function's palette (10.3:1 and 3.2:1 against white, 3.2:1
 * between them); a third series is hatched in the dark blue. */
static const double pdf_chart_rgb[2][3] = {
	{ 0x12 / 255.0, 0x43 / 255.0, 0x6d / 255.0 },
	{ 0x28 / 255.0, 0xa1 / 255.0, 0x97 / 255.0 },
};

/* Fills the rectangle x, y, w, h in the style of series s. */
static void
pdf_chart_swatch(struct pdf *p, int s, double x, double y, double w,
    double h)
{
	double	 d;

	cairo_save(p->cr);
	if (s < 2) {
		cairo_set_source_rgb(p->cr, pdf_chart_rgb[s][0],
		    pdf_chart_rgb[s][1], pdf_chart_rgb[s][2]);
		cairo_rectangle(p->cr, x, y, w, h);
		cairo_fill(p->cr);
	} else {
		cairo_set_source_rgb(p->cr, pdf_chart_rgb[0][0],
		    pdf_chart_rgb[0][1], pdf_chart_rgb[0][2]);
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
pdf_chart_label(struct pdf *p, const char *s, double x, double ym,
    int bold, int right)
{
	struct pdf_text	 t;
	double		 w;

	pdf_text_make(p, &t, NULL, s, 0, PDF_CHART_PT, bold,
	    PANGO_ALIGN_LEFT);
	w = pdf_text_width(&t);
	cairo_move_to(p->cr, right ? x - w : x, ym - t.height / 2);
	pango_cairo_layout_path(p->cr, t.layout);
	cairo_fill(p->cr);
	pdf_text_clear(&t);
	return w;
}

/*
 * Paints chart block b with top at y: a legend, then for each category
 * its label and one horizontal bar a series, each labelled with the
 * figure as the table prints it ([c] where it is suppressed, with no
 * bar), over light gridlines with their values below.
 */
static void
pdf_paint_chart(struct pdf *p, const struct pdf_block *b, double y)
{
	const struct pdf_chart	*c = b->chart;
	double			 x0, top, gy, by, w, lx, v, yb;
	int			 k, s;
	char			*tick;

	x0 = PDF_LEFT + c->labelw;
	/* Legend. */
	lx = x0;
	cairo_save(p->cr);
	cairo_set_source_rgb(p->cr, PDF_INK, PDF_INK, PDF_INK);
	for (s = 0; s < c->nseries; s++) {
		pdf_chart_swatch(p, s, lx, y + (PDF_CHART_LEGEND - 12) / 2,
		    12, 12);
		lx += 18 + pdf_chart_label(p, c->series[s], lx + 18,
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
		tick = pdf_chart_tick(c, v);
		pdf_chart_label(p, tick, w - 8, yb + PDF_CHART_AXIS / 2,
		    0, 0);
		free(tick);
	}

	/* Categories and bars. */
	for (k = 0; k < c->ncats; k++) {
		gy = top + k * (c->nseries * (PDF_CHART_BAR + PDF_CHART_GAP) -
		    PDF_CHART_GAP + PDF_CHART_GROUP);
		cairo_set_source_rgb(p->cr, PDF_INK, PDF_INK, PDF_INK);
		pdf_chart_label(p, c->cats[k], PDF_LEFT, gy + (c->nseries *
		    (PDF_CHART_BAR + PDF_CHART_GAP) - PDF_CHART_GAP) / 2, 1,
		    0);
		for (s = 0; s < c->nseries; s++) {
			by = gy + s * (PDF_CHART_BAR + PDF_CHART_GAP);
			w = 0;
			if (c->drawn[k * c->nseries + s]) {
				w = c->value[k * c->nseries + s] / c->max *
				    c->plotw;
				if (w > 0)
					pdf_chart_swatch(p, s, x0, by, w,
					    PDF_CHART_BAR);
			}
			cairo_set_source_rgb(p->cr, PDF_INK, PDF_INK,
			    PDF_INK);
			pdf_chart_label(p, c->shown[k * c->nseries + s],
			    x0 + w + 4, by + PDF_CHART_BAR / 2, 0, 0);
		}
	}
	cairo_restore(p->cr);
}

/* Paints fragment f (a run of block f->block's lines); notes says to
 * paint the page's queued footnotes inside the block, before its
 * element closes. */
static void
pdf_paint_frag(struct pdf *p, const struct lay_frag *f, int notes)
{
	const struct pdf_block	*b = &p->blocks[f->block];
	const struct doc_node	*n = b->node;
	int			 first = f->first == 0;
	int			 last = f->first + f->count == b->lay.nlines;
	double			 y = PDF_TOP + f->y, h, x;
	int			 i;
	char			*attr;

	/* The box of an aside, furniture behind its text. */
	if (b->boxed) {
		h = 0;
		for (i = f->first; i < f->first + f->count; i++)
			h += b->lines[i];
		pdf_art_begin(p);
		cairo_save(p->cr);
		cairo_set_source_rgb(p->cr, 0.93, 0.93, 0.93);
		cairo_rectangle(p->cr, PDF_LEFT, y, PDF_BODY_W, h);
		cairo_fill(p->cr);
		cairo_set_source_rgb(p->cr, 0.35, 0.35, 0.35);
		cairo_rectangle(p->cr, PDF_LEFT, y, 4, h);
		cairo_fill(p->cr);
		cairo_restore(p->cr);
		pdf_art_end(p);
	}

	/* A list opens before its first item and closes after its last. */
	if (first && n->type == DOC_ITEM && n->prev == NULL)
		cairo_tag_begin(p->cr, "L", NULL);
	if (first) {
		if (b->kind == PDF_CHART) {
			p->alts = xreallocarray(p->alts, p->nalts + 1,
			    sizeof(*p->alts));
			p->alts[p->nalts++] = xstrdup(b->chart->alt);
			attr = xasprintf("name='fig%zu' x=%.2f y=%.2f",
			    p->nalts, PDF_LEFT, y);
			cairo_tag_begin(p->cr, CAIRO_TAG_DEST, attr);
			cairo_tag_end(p->cr, CAIRO_TAG_DEST);
			free(attr);
		}
		cairo_tag_begin(p->cr, b->tag, NULL);
		if (n->type == DOC_HEADING)
			pdf_outline(p, b, y);
	}

	if (b->kind == PDF_TABLE) {
		pdf_paint_table(p, b, f->first, f->count, y);
	} else if (b->kind == PDF_CHART) {
		pdf_paint_chart(p, b, y);
	} else {
		x = PDF_LEFT + b->x;
		if (b->boxed && first)
			y += b->pad;
		if (first && b->label.layout != NULL) {
			cairo_tag_begin(p->cr, "Lbl", NULL);
			pdf_paint_lines(p, &b->label, 0, 1, PDF_LEFT, y +
			    b->text.lines[0].baseline -
			    b->label.lines[0].baseline, 0);
			cairo_tag_end(p->cr, "Lbl");
		}
		if (first && n->type == DOC_ITEM)
			cairo_tag_begin(p->cr, "LBody", NULL);
		if (n->type == DOC_SIGNOFF) {
			/* Names on lines of their own are paragraphs of
			 * their own, so that they do not run together. */
			for (i = f->first; i < f->first + f->count; i++) {
				cairo_tag_begin(p->cr, "P", NULL);
				pdf_paint_lines(p, &b->text, i, 1, x, y +
				    b->text.lines[i].top -
				    b->text.lines[f->first].top, 0);
				cairo_tag_end(p->cr, "P");
			}
		} else
			pdf_paint_lines(p, &b->text, f->first, f->count, x,
			    y, b->spans);
		if (notes)
			pdf_paint_notes(p);
		if (last && n->type == DOC_ITEM)
			cairo_tag_end(p->cr, "LBody");
	}

	if (last)
		cairo_tag_end(p->cr, b->tag);
	if (last && n->type == DOC_ITEM && n->next == NULL)
		cairo_tag_end(p->cr, "L");
}

/*
 * Decides how each block is tagged and where each page's footnotes go.
 * A page's footnotes are painted after its last fragment: at the
 * Document level when that fragment ends its block and nothing stays
 * open, else inside the open element (a paragraph or list item that
 * runs on, or the last item of a list that runs on), whose text then
 * goes in spans.  Sets b->spans for every block, and notes_in[i] to 1
 * for the fragments the notes go inside.
 */
static void
pdf_plan_tags(struct pdf *p, int *notes_in)
{
	const struct lay_frag	*f;
	struct pdf_block	*b;
	size_t			 i, k;
	int			 nfrags;

	for (k = 0; k < p->nblocks; k++) {
		b = &p->blocks[k];
		nfrags = 0;
		for (i = 0; i < p->lay.nfrags; i++)
			if (p->lay.frags[i].block == k)
				nfrags++;
		/* Furniture falls inside a block that crosses a page. */
		b->spans = b->text.nrefs > 0 || nfrags > 1;
	}
	for (i = 0; i < p->lay.nfrags; i++) {
		f = &p->lay.frags[i];
		notes_in[i] = 0;
		if (i + 1 < p->lay.nfrags && p->lay.frags[i + 1].page ==
		    f->page)
			continue;
		if (p->lay.notes[f->page] <= 0)
			continue;
		b = &p->blocks[f->block];
		if (b->kind == PDF_TEXT && b->node->type == DOC_ITEM &&
		    b->node->next != NULL) {
			b->spans = 1;
			notes_in[i] = 1;
		}
	}
}

/* Ends the current page: its footnotes (unless painted), its footer. */
static cairo_status_t
pdf_end_page(struct pdf *p)
{
	pdf_paint_notes(p);
	pdf_paint_footer(p);
	cairo_show_page(p->cr);
	return cairo_status(p->cr);
}

/* Paints every page.  Returns the cairo status. */
static cairo_status_t
pdf_paint(struct pdf *p)
{
	size_t		 i;
	int		*notes_in;
	cairo_status_t	 st = CAIRO_STATUS_SUCCESS;

	notes_in = xcalloc(p->lay.nfrags + 1, sizeof(*notes_in));
	pdf_plan_tags(p, notes_in);
	p->page = 0;
	cairo_set_source_rgb(p->cr, PDF_INK, PDF_INK, PDF_INK);
	cairo_tag_begin(p->cr, "Document", NULL);
	for (i = 0; i < p->lay.nfrags; i++) {
		while (p->lay.frags[i].page > p->page) {
			if ((st = pdf_end_page(p)) != CAIRO_STATUS_SUCCESS)
				goto out;
			p->page++;
		}
		pdf_paint_frag(p, &p->lay.frags[i], notes_in[i]);
	}
	pdf_paint_notes(p);
	cairo_tag_end(p->cr, "Document");
	pdf_paint_footer(p);
	cairo_show_page(p->cr);
	st = cairo_status(p->cr);
out:
	free(notes_in);
	return st;
}

/* Releases everything p measured and laid out (not its fonts). */
static void
pdf_clear(struct pdf *p)
{
	size_t	 i;
	int	 c;

	for (i = 0; i < p->nblocks; i++) {
		pdf_text_clear(&p->blocks[i].text);
		pdf_text_clear(&p->blocks[i].label);
		if (p->blocks[i].table != NULL) {
			struct pdf_table *t = p->blocks[i].table;

			for (c = 0; c < t->nrows * t->ncols; c++)
				pdf_text_clear(&t->cells[c]);
			free(t->cells);
			free(t->colw);
			free(t->rowh);
			free(t->header);
			free(t->align);
			free(t);
		}
		pdf_chart_free(p->blocks[i].chart);
		free(p->blocks[i].lines);
		free(p->blocks[i].notes);
	}
	free(p->blocks);
	for (i = 0; i < p->nnotes; i++) {
		pdf_text_clear(&p->notes[i].text);
		pdf_text_clear(&p->notes[i].label);
	}
	free(p->notes);
	free(p->pending);
	for (i = 0; i < p->nalts; i++)
		free(p->alts[i]);
	free(p->alts);
	for (i = 0; i < p->nlinks; i++)
		free(p->links[i]);
	free(p->links);
	lay_result_clear(&p->lay);
}

/* ------------------------------------------------------------------ */
/* The PDF file */

/* cairo's write callback: appends data to the buffer. */
static cairo_status_t
pdf_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct pdf_writer	*w = closure;

	buf_putn(&w->b, (const char *)data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* Writes the PDF creation date, as cairo wants it ("YYYY-MM-DDThh:mm:ss"),
 * from SOURCE_DATE_EPOCH if set, else from the report's date, into s. */
static void
pdf_date(char *s, size_t sz, int created)
{
	const char	*e;
	char		*end;
	long long	 v;
	time_t		 t;
	struct tm	 tm;

	e = getenv("SOURCE_DATE_EPOCH");
	if (e != NULL && *e != '\0') {
		errno = 0;
		v = strtoll(e, &end, 10);
		if (errno == 0 && *end == '\0' && v >= 0) {
			t = (time_t)v;
			if (gmtime_r(&t, &tm) != NULL) {
				strftime(s, sz, "%Y-%m-%dT%H:%M:%S", &tm);
				return;
			}
		}
	}
	snprintf(s, sz, "%04d-%02d-%02dT00:00:00", created / 10000,
	    created / 100 % 100, created % 100);
}

/* Sets the document information: title (with the board in a variant),
 * authors and organisation, subject, keywords, creator and dates. */
static void
pdf_metadata(struct pdf *p)
{
	const struct doc_meta	*m = &p->doc->meta;
	struct buf		 authors;
	char			 date[32];
	char			*title;
	size_t			 i;

	if (m->lscb != NULL)
		title = xasprintf("%s: %s", m->title, m->lscb);
	else
		title = xstrdup(m->title);
	buf_init(&authors);
	for (i = 0; i < m->nauthors; i++) {
		if (i > 0)
			buf_puts(&authors, ", ");
		buf_puts(&authors, m->authors[i]);
	}
	if (m->organisation != NULL && *m->organisation != '\0') {
		if (authors.len > 0)
			buf_puts(&authors, ", ");
		buf_puts(&authors, m->organisation);
	}
	pdf_date(date, sizeof(date), m->created);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE,
	    title);
	cairo_pdf_surface_set_metadata(p->surface,
	    CAIRO_PDF_METADATA_AUTHOR, authors.data);
	cairo_pdf_surface_set_metadata(p->surface,
	    CAIRO_PDF_METADATA_SUBJECT, m->subject ? m->subject : "");
	cairo_pdf_surface_set_metadata(p->surface,
	    CAIRO_PDF_METADATA_KEYWORDS, "Serious Case Reviews, "
	    "safeguarding children, Local Safeguarding Children Boards");
	cairo_pdf_surface_set_metadata(p->surface,
	    CAIRO_PDF_METADATA_CREATOR, "scrpaper");
	cairo_pdf_surface_set_metadata(p->surface,
	    CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(p->surface,
	    CAIRO_PDF_METADATA_MOD_DATE, date);
	free(title);
	buf_clear(&authors);
}

/*
 * Typesets doc into memory, completes the PDF with the post-pass
 * (pdf_post.c), and writes it in one piece to out_path with
 * file_write_atomic().  Returns 0 on success or 3 on a system error
 * (reported to d); leaves no file behind on failure.
 */
static int
pdf_write_file(const struct doc *doc, struct pdf_fonts *fonts,
    const char *out_path, struct diag *d)
{
	struct pdf		 p;
	struct pdf_writer	 w;
	struct pdf_post		 pp;
	char			*err = NULL, date[32];
	const char		**creators = NULL;
	unsigned char		*out = NULL;
	size_t			 outlen = 0, i;
	int			 rc = 3;
	cairo_status_t		 st;

	memset(&p, 0, sizeof(p));
	memset(&w, 0, sizeof(w));
	buf_init(&w.b);
	p.doc = doc;
	p.fonts = fonts;

	/* The context gets the PDF surface's font options before anything
	 * is measured: updating it later would make every layout stale and
	 * pango would lay the whole paper out again while painting. */
	p.surface = cairo_pdf_surface_create_for_stream(pdf_write, &w,
	    PDF_PAGE_W, PDF_PAGE_H);
	cairo_pdf_surface_restrict_to_version(p.surface,
	    CAIRO_PDF_VERSION_1_5);
	p.cr = cairo_create(p.surface);
	pango_cairo_update_context(p.cr, fonts->ctx);
	pdf_measure(&p);
	pdf_paginate(&p);
	pdf_metadata(&p);
	st = pdf_paint(&p);
	cairo_destroy(p.cr);
	cairo_surface_finish(p.surface);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(p.surface);
	cairo_surface_destroy(p.surface);
	if (st != CAIRO_STATUS_SUCCESS) {
		diag_error(d, out_path, 0, 0, "cannot typeset: %s",
		    cairo_status_to_string(st));
		goto out;
	}

	/* What cairo cannot write. */
	memset(&pp, 0, sizeof(pp));
	pdf_date(date, sizeof(date), doc->meta.created);
	pp.lang = PDF_LANG;
	pp.date = date;
	pp.figure_alt = (const char *const *)p.alts;
	pp.nfigures = p.nalts;
	pp.link_text = (const char *const *)p.links;
	pp.nlinks = p.nlinks;
	/* The authors, then the organisation, as the Info /Author lists
	 * them, but one a name even where a name holds a comma. */
	creators = xcalloc(doc->meta.nauthors + 1, sizeof(*creators));
	for (i = 0; i < doc->meta.nauthors; i++)
		creators[pp.ncreators++] = doc->meta.authors[i];
	if (doc->meta.organisation != NULL)
		creators[pp.ncreators++] = doc->meta.organisation;
	pp.creators = creators;
	if (!pdf_post_buffer((const unsigned char *)w.b.data, w.b.len, &pp,
	    &out, &outlen, &err)) {
		diag_error(d, out_path, 0, 0, "cannot typeset: %s", err);
		free(err);
		goto out;
	}
	if (file_write_atomic(out_path, out, outlen) != 0) {
		diag_error(d, out_path, 0, 0, "cannot write: %s",
		    strerror(errno));
		goto out;
	}
	rc = 0;
out:
	free(out);
	free(creators);
	buf_clear(&w.b);
	pdf_clear(&p);
	return rc;
}

/* ------------------------------------------------------------------ */
/* The stage's entry points */

/*
 * Parses and fills job's template into *docp.  Returns 0 on success, 1
 * when the template is invalid, 3 when it cannot be read.
 */
static int
render_prepare(const struct render_job *job, struct diag *d,
    struct doc **docp)
{
	struct fig_selection	 sel;
	struct fig_ledger	*figs, *region = NULL;
	struct doc_env		 env;
	struct doc		*doc;
	int			 syserr, rc = 0;

	*docp = NULL;
	if ((doc = tmpl_parse_file(job->template_path, d, &syserr)) == NULL)
		return syserr ? 3 : 1;
	/* A board's figures are suppressed across the boards too, so they
	 * come from all the boards' ledgers (given, or made here). */
	if (job->lscb >= 0 && job->boards != NULL)
		figs = job->boards[job->lscb];
	else
		figs = fig_aggregate_paper(job->figs, job->cohort, job->lscb);
	if (job->lscb >= 0) {
		sel.lscb = -1;
		sel.suppress = job->cohort->report.suppress_regional;
		region = fig_aggregate(job->figs, job->cohort, &sel);
	}
	memset(&env, 0, sizeof(env));
	env.cohort = job->cohort;
	env.figs = figs;
	env.region = region;
	env.lscb = job->lscb;
	if (!doc_fill(doc, &env, d)) {
		doc_free(doc);
		rc = 1;
	} else
		*docp = doc;
	if (!(job->lscb >= 0 && job->boards != NULL))
		fig_ledger_free(figs);
	fig_ledger_free(region);
	return rc;
}

int
render_check(const struct render_job *job, struct diag *d)
{
	struct doc	*doc;
	int		 rc;

	rc = render_prepare(job, d, &doc);
	doc_free(doc);
	return rc;
}

int
render_paper(const struct render_job *job, struct diag *d)
{
	struct doc		*doc = NULL;
	struct pdf_fonts	*fonts = NULL;
	int			 rc;

	if ((rc = render_prepare(job, d, &doc)) != 0)
		return rc;
	if ((fonts = pdf_fonts_get(job->fonts_dir, d)) == NULL)
		rc = 3;
	else
		rc = pdf_write_file(doc, fonts, job->out_path, d);
	doc_free(doc);
	return rc;
}

int
render_doc(const struct doc *doc, const char *fonts_dir,
    const char *out_path, struct diag *d)
{
	struct pdf_fonts	*fonts;

	if ((fonts = pdf_fonts_get(fonts_dir, d)) == NULL)
		return 3;
	return pdf_write_file(doc, fonts, out_path, d);
}

int
render_layout_dump(const struct doc *doc, const char *fonts_dir, FILE *out,
    struct diag *d)
{
	struct pdf		 p;
	struct pdf_fonts	*fonts;
	const struct lay_frag	*f;
	const struct pdf_block	*b;
	size_t			 i;
	char			*text;

	if ((fonts = pdf_fonts_get(fonts_dir, d)) == NULL)
		return 3;
	memset(&p, 0, sizeof(p));
	p.doc = doc;
	p.fonts = fonts;
	pdf_measure(&p);
	pdf_paginate(&p);
	fprintf(out, "pages %d\n", p.lay.npages);
	for (i = 0; i < p.lay.nfrags; i++) {
		f = &p.lay.frags[i];
		b = &p.blocks[f->block];
		text = doc_node_plain(b->node);
		if (strlen(text) > 40)
			strcpy(text + 37, "...");
		fprintf(out, "page %d y %.1f %s lines %d-%d of %d \"%s\"\n",
		    f->page + 1, f->y, doc_type_names[b->node->type],
		    f->first + 1, f->first + f->count, b->lay.nlines, text);
		free(text);
	}
	pdf_clear(&p);
	return 0;
}
