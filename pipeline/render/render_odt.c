/*
 * render_odt.c: the ODT back end of scrpaper.  Writes a filled document
 * as an OpenDocument text document (ODF 1.3, ISO/IEC 26300) that a
 * person edits in LibreOffice or Word: headings as the paragraph styles
 * Heading 1 to Heading 4 with their outline levels (the Navigator lists
 * them), real lists (the numbered ones numbered by the list, a start
 * value where the paper's numbers jump), tables with their header rows
 * repeated on every page and numeric columns aligned right, numbered
 * captions with sequence fields that {ref:} references point at,
 * footnotes as notes, the sign-off as signature paragraphs, the
 * restricted edition's marking in the page header and footer, the
 * language en-GB and the fonts (Open Sans) named in the styles, the
 * title and subject in meta.xml.  A chart or tile map is its numbered
 * caption, the SVG drawing of the HTML edition as an image
 * (Pictures/figureN.svg) and its text alternative.  Every piece of
 * text from the data or the template is escaped.  The package (zip.h)
 * has the "mimetype" entry first and stored and a fixed time: the same
 * document gives the same bytes.
 * Sees only the document model (doc.h); never the loader or the
 * aggregator.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "doc.h"
#include "render.h"
#include "zip.h"

#define ODT_MIME	"application/vnd.oasis.opendocument.text"

/* The namespaces of content.xml and styles.xml. */
#define ODT_NS \
	" xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"" \
	" xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\"" \
	" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"" \
	" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"" \
	" xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:" \
	"xsl-fo-compatible:1.0\"" \
	" xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:" \
	"svg-compatible:1.0\"" \
	" xmlns:xlink=\"http://www.w3.org/1999/xlink\"" \
	" xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\"" \
	" office:version=\"1.3\""

/* The paper's typeface (fonts/), named in both style parts. */
#define ODT_FONTS \
	"<office:font-face-decls><style:font-face style:name=\"Open Sans\" " \
	"svg:font-family=\"&apos;Open Sans&apos;\" " \
	"style:font-family-generic=\"swiss\" style:font-pitch=\"variable\"/>" \
	"</office:font-face-decls>\n"

/* The deepest heading style (Heading 1 to Heading ODT_HEADINGS). */
#define ODT_HEADINGS	4

/* Paragraph styles that a page break may fall before: their copies with
 * fo:break-before="page" are made as automatic styles when used. */
#define ODT_MAX_BREAKS	32

/* Tables up to this many columns get column widths (wider: equal). */
#define ODT_MAX_COLS	32

/* What the writer holds for one document. */
struct odt {
	const struct doc	*doc;
	struct buf		*out;	/* the body of content.xml */
	const struct doc_node	**notes; /* each footnote by its number */
	int			*refs;	/* references written so far, by
					   footnote number */
	int			 nnotes; /* entries of notes and refs */
	int			 ntables;
	int			 innote; /* 1 inside a note's body */
	int			 brk;	/* 1: a page break before the next
					   block */
	const char		*broken[ODT_MAX_BREAKS]; /* styles with a
					   break copy made */
	int			 nbroken;
	struct buf		*pics;	/* the figures' SVG drawings,
					   Pictures/figureN.svg */
	int			 npics;
	char			 colstyles[ODT_MAX_COLS]; /* 1: the column
					   styles of a table of so many
					   columns are used */
};

/* Appends s escaped as ODF paragraph text: a run of spaces keeps its
 * width (<text:s>), a tab and a line break are elements. */
static void
odt_text(struct buf *b, const char *s)
{
	const char	*p;
	size_t		 n;

	if (s == NULL)
		return;
	for (p = s; *p != '\0'; p++) {
		switch (*p) {
		case '&':
			buf_puts(b, "&amp;");
			break;
		case '<':
			buf_puts(b, "&lt;");
			break;
		case '>':
			buf_puts(b, "&gt;");
			break;
		case '"':
			buf_puts(b, "&quot;");
			break;
		case '\'':
			buf_puts(b, "&apos;");
			break;
		case '\t':
			buf_puts(b, "<text:tab/>");
			break;
		case '\n':
			buf_puts(b, "<text:line-break/>");
			break;
		case ' ':
			for (n = 0; p[n + 1] == ' '; n++)
				;
			buf_putc(b, ' ');
			if (n > 0)
				buf_printf(b, "<text:s text:c=\"%zu\"/>", n);
			p += n;
			break;
		default:
			/* Control characters are not XML 1.0. */
			if ((unsigned char)*p >= 0x20)
				buf_putc(b, *p);
			break;
		}
	}
}

/* Returns the name of paragraph style style for the next block: its
 * copy that starts a new page when a page break comes before it. */
static const char *
odt_pstyle(struct odt *o, const char *style)
{
	static char	 name[64];
	int		 i;

	if (!o->brk)
		return style;
	o->brk = 0;
	for (i = 0; i < o->nbroken && strcmp(o->broken[i], style) != 0; i++)
		;
	if (i == o->nbroken && o->nbroken < ODT_MAX_BREAKS)
		o->broken[o->nbroken++] = style;
	snprintf(name, sizeof(name), "Break_%s", style);
	return name;
}

static void odt_inline(struct odt *o, const struct doc_node *n);
static void odt_runs(struct odt *o, const struct doc_node *c);

/* Appends footnote reference c: the note itself at its first reference,
 * a reference to it at the others (a note's body holds no note). */
static void
odt_fnref(struct odt *o, const struct doc_node *c)
{
	struct buf	*b = o->out;
	int		 num = c->as.fnref.number;

	if (c->text == NULL || num <= 0)
		return;
	if (o->innote || num >= o->nnotes || o->notes[num] == NULL ||
	    o->refs[num]++ > 0) {
		buf_printf(b, "<text:note-ref text:note-class=\"footnote\" "
		    "text:reference-format=\"text\" text:ref-name=\"ftn%d\">",
		    num);
		odt_text(b, c->text);
		buf_puts(b, "</text:note-ref>");
		return;
	}
	buf_printf(b, "<text:note text:id=\"ftn%d\" "
	    "text:note-class=\"footnote\"><text:note-citation>", num);
	odt_text(b, c->text);
	buf_puts(b, "</text:note-citation><text:note-body>"
	    "<text:p text:style-name=\"Footnote\">");
	o->innote = 1;
	odt_inline(o, o->notes[num]);
	o->innote = 0;
	buf_puts(b, "</text:p></text:note-body></text:note>");
}

/* Appends the inline nodes from c on. */
static void
odt_runs(struct odt *o, const struct doc_node *c)
{
	const struct doc_node	*t;
	struct buf		*b = o->out;

	for (; c != NULL; c = c->next) {
		switch (c->type) {
		case DOC_TEXT:
		case DOC_FIGREF:
		case DOC_NATREF:
		case DOC_FIELD:
			odt_text(b, c->text);
			break;
		case DOC_STRONG:
			buf_puts(b, "<text:span "
			    "text:style-name=\"Strong_20_Emphasis\">");
			odt_inline(o, c);
			buf_puts(b, "</text:span>");
			break;
		case DOC_XREF:
			if (c->text == NULL)
				break;
			t = c->as.xref.target;
			if (t == NULL || doc_number(t) <= 0) {
				odt_text(b, c->text);
				break;
			}
			buf_printf(b, "<text:sequence-ref "
			    "text:reference-format=\"category-and-value\" "
			    "text:ref-name=\"ref%s%d\">", t->type ==
			    DOC_CAPTION ? "Table" : "Figure", doc_number(t));
			odt_text(b, c->text);
			buf_puts(b, "</text:sequence-ref>");
			break;
		case DOC_FNREF:
			odt_fnref(o, c);
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
			odt_inline(o, c);
			break;
		}
	}
}

/* Appends the inline content under n. */
static void
odt_inline(struct odt *o, const struct doc_node *n)
{
	odt_runs(o, n->first_child);
}

/* Appends paragraph (or heading, when level > 0) n in style. */
static void
odt_para(struct odt *o, const struct doc_node *n, const char *style,
    int level)
{
	const char	*el = level > 0 ? "text:h" : "text:p";

	buf_printf(o->out, "<%s text:style-name=\"%s\"", el,
	    odt_pstyle(o, style));
	if (level > 0)
		buf_printf(o->out, " text:outline-level=\"%d\"", level);
	buf_putc(o->out, '>');
	odt_inline(o, n);
	buf_printf(o->out, "</%s>\n", el);
}

/*
 * Appends the numbered caption n (a DOC_CAPTION, DOC_CHART or
 * DOC_TILEMAP after fill) as a caption paragraph of its category
 * ("Table" or "Figure"): the number a sequence field, the target of
 * {ref:}, then the caption's words (fill's "Table N" prefix, the start of
 * the first text, is written as the field instead).
 */
static void
odt_caption(struct odt *o, const struct doc_node *n)
{
	const struct doc_node	*first = n->first_child;
	const char		*cat = n->type == DOC_CAPTION ? "Table" :
				    "Figure";
	struct buf		*b = o->out;
	char			 prefix[64];
	int			 num = doc_number(n);

	if (num <= 0) {
		odt_para(o, n, "Caption", 0);
		return;
	}
	snprintf(prefix, sizeof(prefix), "%s\u00a0%d", cat, num);
	buf_printf(b, "<text:p text:style-name=\"%s\">%s\u00a0"
	    "<text:sequence text:ref-name=\"ref%s%d\" text:name=\"%s\" "
	    "text:formula=\"ooow:%s+1\" style:num-format=\"1\">%d"
	    "</text:sequence>", odt_pstyle(o, cat), cat, cat, num, cat, cat,
	    num);
	if (first != NULL && first->type == DOC_TEXT && first->text != NULL &&
	    strncmp(first->text, prefix, strlen(prefix)) == 0) {
		odt_text(b, first->text + strlen(prefix));
		first = first->next;
	}
	odt_runs(o, first);
	buf_puts(b, "</text:p>\n");
}

/* The text width, cm: an image is at most as wide. */
#define ODT_TEXT_CM	16.0

/*
 * Appends chart or tile map n: its numbered caption, the drawing the
 * HTML page shows as an SVG image (Pictures/figureN.svg) named by the
 * caption and described by the text alternative, then that alternative
 * as a paragraph.
 */
static void
odt_figure(struct odt *o, const struct doc_node *n, const char *alt)
{
	struct buf	 svg;
	double		 w, h, wcm, hcm;
	char		*cap;

	odt_caption(o, n);
	buf_init(&svg);
	if (render_html_figure_svg(o->doc, n, &svg, &w, &h) == 0 && w > 0) {
		o->pics = xreallocarray(o->pics, (size_t)o->npics + 1,
		    sizeof(*o->pics));
		o->pics[o->npics++] = svg;
		wcm = w * 2.54 / 96;
		hcm = h * 2.54 / 96;
		if (wcm > ODT_TEXT_CM) {
			hcm *= ODT_TEXT_CM / wcm;
			wcm = ODT_TEXT_CM;
		}
		buf_printf(o->out, "<text:p text:style-name="
		    "\"Figure_20_Image\"><draw:frame draw:name=\"Figure %d\" "
		    "text:anchor-type=\"as-char\" svg:width=\"%.2fcm\" "
		    "svg:height=\"%.2fcm\" draw:z-index=\"0\"><draw:image "
		    "xlink:href=\"Pictures/figure%d.svg\" xlink:type=\"simple\" "
		    "xlink:show=\"embed\" xlink:actuate=\"onLoad\" "
		    "draw:mime-type=\"image/svg+xml\"/><svg:title>",
		    doc_number(n), wcm, hcm, o->npics);
		cap = doc_node_plain(n);
		odt_text(o->out, cap);
		free(cap);
		buf_puts(o->out, "</svg:title><svg:desc>");
		odt_text(o->out, alt);
		buf_puts(o->out, "</svg:desc></draw:frame></text:p>\n");
	} else
		buf_clear(&svg);
	buf_puts(o->out, "<text:p text:style-name=\"Figure_20_Description\">");
	odt_text(o->out, alt);
	buf_puts(o->out, "</text:p>\n");
}

/* Returns the cell of row in column col, or NULL. */
static const struct doc_node *
odt_cell(const struct doc_node *row, int col)
{
	const struct doc_node	*c;

	for (c = row->first_child; c != NULL && col > 0; c = c->next)
		col--;
	return c;
}

/*
 * Appends table n: the header rows before the first body row as
 * table:table-header-rows (repeated on every page the table runs to),
 * each cell a paragraph of Table Heading or Table Contents, those of a
 * numeric column (doc.h: right-aligned cells) of the Number styles,
 * aligned right.
 */
static void
odt_table(struct odt *o, const struct doc_node *n)
{
	const struct doc_node	*row, *cell;
	struct buf		*b = o->out;
	int			*right, c, inhead = 0, body = 0;
	int			 ncols = n->as.table.ncols;
	const char		*ps;

	if (ncols < 1)
		return;
	right = xcalloc((size_t)ncols, sizeof(int));
	for (row = n->first_child; row != NULL; row = row->next)
		for (c = 0; c < ncols; c++)
			if ((cell = odt_cell(row, c)) != NULL &&
			    cell->as.cell.align == DOC_ALIGN_RIGHT)
				right[c] = 1;
	o->ntables++;
	/* The first column, the rows' labels, twice as wide as each of the
	 * others. */
	buf_printf(b, "<table:table table:name=\"Table%d\" "
	    "table:style-name=\"%s\">\n", o->ntables,
	    o->brk ? "TableBreak" : "Table");
	if (ncols < ODT_MAX_COLS) {
		o->colstyles[ncols] = 1;
		buf_printf(b, "<table:table-column table:style-name="
		    "\"Col%dLabel\"/>\n", ncols);
		if (ncols > 1)
			buf_printf(b, "<table:table-column table:style-name="
			    "\"Col%d\" table:number-columns-repeated=\"%d\"/>\n",
			    ncols, ncols - 1);
	} else
		buf_printf(b, "<table:table-column "
		    "table:number-columns-repeated=\"%d\"/>\n", ncols);
	o->brk = 0;
	for (row = n->first_child; row != NULL; row = row->next) {
		if (row->as.row.header && !body && !inhead) {
			buf_puts(b, "<table:table-header-rows>\n");
			inhead = 1;
		} else if (!row->as.row.header || body) {
			if (inhead)
				buf_puts(b, "</table:table-header-rows>\n");
			inhead = 0;
			body = 1;
		}
		buf_puts(b, "<table:table-row>");
		for (c = 0; c < ncols; c++) {
			cell = odt_cell(row, c);
			if (row->as.row.header)
				ps = right[c] ? "Table_20_Heading_20_Number" :
				    "Table_20_Heading";
			else
				ps = right[c] ? "Table_20_Number" :
				    "Table_20_Contents";
			buf_printf(b, "<table:table-cell table:style-name=\"%s\" "
			    "office:value-type=\"string\"><text:p "
			    "text:style-name=\"%s\">", row->as.row.header ?
			    "TableHeadCell" : "TableCell", ps);
			if (cell != NULL)
				odt_inline(o, cell);
			buf_puts(b, "</text:p></table:table-cell>");
		}
		buf_puts(b, "</table:table-row>\n");
	}
	if (inhead)
		buf_puts(b, "</table:table-header-rows>\n");
	buf_puts(b, "</table:table>\n");
	free(right);
}

/* Appends list n: bullets, or numbers kept by the list (a start value
 * where the paper's number is not the next). */
static void
odt_list(struct odt *o, const struct doc_node *n)
{
	const struct doc_node	*item;
	struct buf		*b = o->out;
	int			 numbered, pos = 0;

	numbered = n->as.list.kind == DOC_LIST_NUMBERED;
	buf_printf(b, "<text:list text:style-name=\"%s\">\n", numbered ?
	    "Numbering_20_123" : "List_20_Bullet");
	for (item = n->first_child; item != NULL; item = item->next) {
		pos++;
		buf_puts(b, "<text:list-item");
		if (numbered && item->as.item.number > 0 &&
		    item->as.item.number != pos) {
			buf_printf(b, " text:start-value=\"%d\"",
			    item->as.item.number);
			pos = item->as.item.number;
		}
		buf_putc(b, '>');
		odt_para(o, item, "List_20_Contents", 0);
		buf_puts(b, "</text:list-item>\n");
	}
	buf_puts(b, "</text:list>\n");
}

/* Appends one signature line s. */
static void
odt_signline(struct odt *o, const char *s)
{
	buf_printf(o->out, "<text:p text:style-name=\"%s\">",
	    odt_pstyle(o, "Signature"));
	odt_text(o->out, s);
	buf_puts(o->out, "</text:p>\n");
}

/* Appends the body: the blocks of the document in order (footnotes at
 * their references). */
static void
odt_body(struct odt *o)
{
	const struct doc_node	*n;
	const struct doc_meta	*m = &o->doc->meta;
	char			 style[32];
	const char		**lines;
	size_t			 i, nlines;
	int			 level;

	for (n = o->doc->root->first_child; n != NULL; n = n->next) {
		switch (n->type) {
		case DOC_HEADING:
			level = n->as.heading.level < 1 ? 1 :
			    n->as.heading.level > ODT_HEADINGS ?
			    ODT_HEADINGS : n->as.heading.level;
			snprintf(style, sizeof(style), "Heading_20_%d", level);
			odt_para(o, n, style, level);
			break;
		case DOC_SUBTITLE:
			odt_para(o, n, "Subtitle", 0);
			break;
		case DOC_PARA:
			odt_para(o, n, "Text_20_body", 0);
			break;
		case DOC_ASIDE:
			odt_para(o, n, "Aside", 0);
			break;
		case DOC_LIST:
			odt_list(o, n);
			break;
		case DOC_CAPTION:
			odt_caption(o, n);
			break;
		case DOC_TABLE:
			odt_table(o, n);
			break;
		case DOC_CHART:
			if (n->as.chart.data != NULL)
				odt_figure(o, n, n->as.chart.data->alt);
			break;
		case DOC_TILEMAP:
			if (n->as.tilemap.data != NULL)
				odt_figure(o, n, n->as.tilemap.data->alt);
			break;
		case DOC_SIGNOFF:
			lines = doc_meta_signoff(m, &nlines);
			for (i = 0; i < nlines; i++)
				odt_signline(o, lines[i]);
			free(lines);
			break;
		case DOC_PAGEBREAK:
			o->brk = 1;
			break;
		case DOC_ROOT:
		case DOC_ITEM:
		case DOC_ROW:
		case DOC_CELL:
		case DOC_FOOTNOTE:
		case DOC_COND:
		case DOC_TEXT:
		case DOC_STRONG:
		case DOC_FNREF:
		case DOC_FIGREF:
		case DOC_NATREF:
		case DOC_FIELD:
		case DOC_XREF:
			/* Footnotes are written at their references. */
			break;
		}
	}
}

/* Appends the automatic styles of content.xml: the copies of paragraph
 * styles that start a page, the table's. */
static void
odt_auto_styles(struct odt *o, struct buf *b)
{
	int	 i;

	buf_puts(b, "<office:automatic-styles>\n"
	    "<style:style style:name=\"Table\" style:family=\"table\">"
	    "<style:table-properties style:width=\"16cm\" "
	    "table:align=\"margins\" fo:margin-bottom=\"0.4cm\"/>"
	    "</style:style>\n"
	    "<style:style style:name=\"TableBreak\" style:family=\"table\">"
	    "<style:table-properties style:width=\"16cm\" "
	    "table:align=\"margins\" fo:margin-bottom=\"0.4cm\" "
	    "fo:break-before=\"page\"/></style:style>\n"

	    "<style:style style:name=\"TableCell\" "
	    "style:family=\"table-cell\"><style:table-cell-properties "
	    "fo:padding=\"0.08cm\" fo:border-left=\"none\" "
	    "fo:border-right=\"none\" fo:border-top=\"none\" "
	    "fo:border-bottom=\"0.5pt solid #b1b4b6\"/></style:style>\n"
	    "<style:style style:name=\"TableHeadCell\" "
	    "style:family=\"table-cell\"><style:table-cell-properties "
	    "fo:padding=\"0.08cm\" fo:border-left=\"none\" "
	    "fo:border-right=\"none\" fo:border-top=\"none\" "
	    "fo:border-bottom=\"1.5pt solid #0b0c0c\"/></style:style>\n");
	/* The columns of a table of n columns: the first, the rows'
	 * labels, twice as wide as each of the others, in a 16 cm text
	 * width. */
	for (i = 1; i < ODT_MAX_COLS; i++) {
		if (!o->colstyles[i])
			continue;
		buf_printf(b, "<style:style style:name=\"Col%dLabel\" "
		    "style:family=\"table-column\">"
		    "<style:table-column-properties style:column-width="
		    "\"%.2fcm\" style:rel-width=\"2*\"/></style:style>\n", i,
		    16.0 * 2 / (i + 1));
		buf_printf(b, "<style:style style:name=\"Col%d\" "
		    "style:family=\"table-column\">"
		    "<style:table-column-properties style:column-width="
		    "\"%.2fcm\" style:rel-width=\"1*\"/></style:style>\n", i,
		    16.0 / (i + 1));
	}
	for (i = 0; i < o->nbroken; i++)
		buf_printf(b, "<style:style style:name=\"Break_%s\" "
		    "style:family=\"paragraph\" "
		    "style:parent-style-name=\"%s\"><style:paragraph-properties "
		    "fo:break-before=\"page\"/></style:style>\n", o->broken[i],
		    o->broken[i]);
	buf_puts(b, "</office:automatic-styles>\n");
}

/* Writes content.xml into b, and sets *pics to the figures' SVG
 * drawings (*npics of them; free each with buf_clear(), then the
 * array). */
static void
odt_content(const struct doc *doc, struct buf *b, struct buf **pics,
    int *npics)
{
	const struct doc_node	*n;
	struct odt		 o;
	struct buf		 body;
	int			 max = 0;

	memset(&o, 0, sizeof(o));
	o.doc = doc;
	buf_init(&body);
	o.out = &body;
	for (n = doc->root->first_child; n != NULL; n = n->next)
		if (n->type == DOC_FOOTNOTE && n->as.footnote.number > max)
			max = n->as.footnote.number;
	o.nnotes = max + 1;
	o.notes = xcalloc((size_t)o.nnotes, sizeof(*o.notes));
	o.refs = xcalloc((size_t)o.nnotes, sizeof(*o.refs));
	for (n = doc->root->first_child; n != NULL; n = n->next)
		if (n->type == DOC_FOOTNOTE && n->as.footnote.number > 0 &&
		    o.notes[n->as.footnote.number] == NULL)
			o.notes[n->as.footnote.number] = n;
	odt_body(&o);

	buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<office:document-content" ODT_NS ">\n" ODT_FONTS);
	odt_auto_styles(&o, b);
	buf_puts(b, "<office:body>\n<office:text>\n<text:sequence-decls>"
	    "<text:sequence-decl text:display-outline-level=\"0\" "
	    "text:name=\"Table\"/><text:sequence-decl "
	    "text:display-outline-level=\"0\" text:name=\"Figure\"/>"
	    "</text:sequence-decls>\n");
	buf_putn(b, body.data, body.len);
	buf_puts(b, "</office:text>\n</office:body>\n"
	    "</office:document-content>\n");
	buf_clear(&body);
	free(o.notes);
	free(o.refs);
	*pics = o.pics;
	*npics = o.npics;
}

/* Frees the drawings odt_content() made. */
static void
odt_pics_free(struct buf *pics, int npics)
{
	int	 i;

	for (i = 0; i < npics; i++)
		buf_clear(&pics[i]);
	free(pics);
}

/* A paragraph style: name, display name, parent, then its properties
 * (paragraph, then text, either "" for none). */
static void
odt_style(struct buf *b, const char *name, const char *display,
    const char *parent, const char *next, const char *cls,
    const char *para, const char *text)
{
	buf_printf(b, "<style:style style:name=\"%s\" "
	    "style:display-name=\"%s\" style:family=\"paragraph\"", name,
	    display);
	if (parent != NULL)
		buf_printf(b, " style:parent-style-name=\"%s\"", parent);
	if (next != NULL)
		buf_printf(b, " style:next-style-name=\"%s\"", next);
	if (cls != NULL)
		buf_printf(b, " style:class=\"%s\"", cls);
	buf_putc(b, '>');
	if (*para != '\0')
		buf_printf(b, "<style:paragraph-properties %s/>", para);
	if (*text != '\0')
		buf_printf(b, "<style:text-properties %s/>", text);
	buf_puts(b, "</style:style>\n");
}

/* The list styles: bullets and numbers, hanging 0.635 cm. */
#define ODT_LIST_PROPS \
	"<style:list-level-properties " \
	"text:list-level-position-and-space-mode=\"label-alignment\">" \
	"<style:list-level-label-alignment text:label-followed-by=\"listtab\" " \
	"text:list-tab-stop-position=\"0.635cm\" fo:text-indent=\"-0.635cm\" " \
	"fo:margin-left=\"0.635cm\"/></style:list-level-properties>"

/* Writes the heading styles into b: Heading, and Heading 1 to
 * ODT_HEADINGS at their sizes and outline levels. */
static void
odt_styles_headings(struct buf *b)
{
	int	 i;
	char	 name[32], display[32], outline[64];
	static const char *const hsize[ODT_HEADINGS] = {
		"22pt", "16pt", "13.5pt", "12pt"
	};

	odt_style(b, "Heading", "Heading", "Standard", "Text_20_body", "text",
	    "fo:margin-top=\"0.5cm\" fo:margin-bottom=\"0.25cm\" "
	    "fo:keep-with-next=\"always\"", "fo:font-weight=\"bold\"");
	for (i = 0; i < ODT_HEADINGS; i++) {
		snprintf(name, sizeof(name), "Heading_20_%d", i + 1);
		snprintf(display, sizeof(display), "Heading %d", i + 1);
		snprintf(outline, sizeof(outline), "fo:font-size=\"%s\" "
		    "fo:font-weight=\"bold\"", hsize[i]);
		buf_printf(b, "<style:style style:name=\"%s\" "
		    "style:display-name=\"%s\" style:family=\"paragraph\" "
		    "style:parent-style-name=\"Heading\" "
		    "style:next-style-name=\"Text_20_body\" "
		    "style:default-outline-level=\"%d\" style:class=\"text\">"
		    "<style:text-properties %s/></style:style>\n", name,
		    display, i + 1, outline);
	}
}

/* Writes the paragraph styles of the text, tables, figures, footnotes,
 * sign-off, header and footer into b. */
static void
odt_styles_body(struct buf *b)
{
	odt_style(b, "Text_20_body", "Text body", "Standard", NULL, "text",
	    "fo:margin-top=\"0cm\" fo:margin-bottom=\"0.25cm\" "
	    "fo:line-height=\"135%\"", "");
	odt_style(b, "Subtitle", "Subtitle", "Heading", "Text_20_body",
	    "chapter", "", "fo:font-size=\"14pt\" fo:font-weight=\"normal\" "
	    "fo:color=\"#505a5f\"");
	odt_style(b, "Aside", "Aside", "Text_20_body", NULL, "extra",
	    "fo:margin-left=\"0.5cm\" fo:padding-left=\"0.3cm\" "
	    "fo:border-left=\"3pt solid #b1b4b6\" fo:border-right=\"none\" "
	    "fo:border-top=\"none\" fo:border-bottom=\"none\"", "");
	odt_style(b, "List_20_Contents", "List Contents", "Text_20_body",
	    NULL, "list", "fo:margin-bottom=\"0.12cm\"", "");
	odt_style(b, "Caption", "Caption", "Standard", NULL, "extra",
	    "fo:margin-top=\"0.3cm\" fo:margin-bottom=\"0.2cm\" "
	    "fo:keep-with-next=\"always\"", "fo:font-weight=\"bold\"");
	odt_style(b, "Table", "Table", "Caption", NULL, "extra", "", "");
	odt_style(b, "Figure", "Figure", "Caption", NULL, "extra", "", "");
	odt_style(b, "Figure_20_Image", "Figure Image", "Standard", NULL,
	    "extra", "fo:margin-bottom=\"0.2cm\" fo:keep-with-next=\"always\"",
	    "");
	odt_style(b, "Figure_20_Description", "Figure Description",
	    "Text_20_body", NULL, "extra", "", "fo:font-style=\"italic\"");
	odt_style(b, "Table_20_Contents", "Table Contents", "Standard", NULL,
	    "extra", "", "fo:font-size=\"10pt\"");
	odt_style(b, "Table_20_Heading", "Table Heading", "Table_20_Contents",
	    NULL, "extra", "", "fo:font-weight=\"bold\"");
	odt_style(b, "Table_20_Number", "Table Number", "Table_20_Contents",
	    NULL, "extra", "fo:text-align=\"end\"", "");
	odt_style(b, "Table_20_Heading_20_Number", "Table Heading Number",
	    "Table_20_Heading", NULL, "extra", "fo:text-align=\"end\"", "");
	odt_style(b, "Footnote", "Footnote", "Standard", NULL, "extra",
	    "fo:margin-left=\"0.5cm\" fo:text-indent=\"-0.5cm\"",
	    "fo:font-size=\"9pt\"");
	odt_style(b, "Signature", "Signature", "Standard", NULL, "text", "",
	    "");
	odt_style(b, "Header", "Header", "Standard", NULL, "extra",
	    "fo:text-align=\"center\"", "fo:font-weight=\"bold\"");
	odt_style(b, "Footer", "Footer", "Standard", NULL, "extra",
	    "fo:text-align=\"center\"", "fo:font-size=\"9pt\"");
}

/* Writes the text style, the list styles and the footnotes'
 * configuration into b. */
static void
odt_styles_text(struct buf *b)
{
	buf_puts(b, "<style:style style:name=\"Strong_20_Emphasis\" "
	    "style:display-name=\"Strong Emphasis\" style:family=\"text\">"
	    "<style:text-properties fo:font-weight=\"bold\"/></style:style>\n"
	    "<text:list-style style:name=\"List_20_Bullet\" "
	    "style:display-name=\"List Bullet\">"
	    "<text:list-level-style-bullet text:level=\"1\" "
	    "text:bullet-char=\"\u2022\">" ODT_LIST_PROPS
	    "</text:list-level-style-bullet></text:list-style>\n"
	    "<text:list-style style:name=\"Numbering_20_123\" "
	    "style:display-name=\"Numbering 123\">"
	    "<text:list-level-style-number text:level=\"1\" "
	    "style:num-suffix=\".\" style:num-format=\"1\">" ODT_LIST_PROPS
	    "</text:list-level-style-number></text:list-style>\n"
	    "<text:notes-configuration text:note-class=\"footnote\" "
	    "text:citation-style-name=\"Strong_20_Emphasis\" "
	    "style:num-format=\"1\" text:start-value=\"0\" "
	    "text:footnotes-position=\"page\" "
	    "text:start-numbering-at=\"document\"/>\n");
}

/* Writes the automatic and master styles into b: the A4 page with its
 * footer (page numbers; the marking in a restricted edition, in the
 * header too), closing styles.xml. */
static void
odt_styles_page(const struct doc *doc, struct buf *b)
{
	buf_puts(b, "</office:styles>\n"
	    "<office:automatic-styles><style:page-layout style:name=\"A4\">"
	    "<style:page-layout-properties fo:page-width=\"21cm\" "
	    "fo:page-height=\"29.7cm\" style:print-orientation=\"portrait\" "
	    "fo:margin-top=\"1.5cm\" fo:margin-bottom=\"1.5cm\" "
	    "fo:margin-left=\"2.5cm\" fo:margin-right=\"2.5cm\"/>"
	    "<style:header-style><style:header-footer-properties "
	    "fo:min-height=\"0cm\" fo:margin-bottom=\"0.4cm\"/>"
	    "</style:header-style><style:footer-style>"
	    "<style:header-footer-properties fo:min-height=\"0cm\" "
	    "fo:margin-top=\"0.4cm\"/></style:footer-style>"
	    "</style:page-layout></office:automatic-styles>\n"
	    "<office:master-styles><style:master-page style:name=\"Standard\" "
	    "style:page-layout-name=\"A4\">");
	if (doc->meta.restricted)
		buf_puts(b, "<style:header><text:p text:style-name=\"Header\">"
		    DOC_MARKING "</text:p></style:header>");
	buf_puts(b, "<style:footer>");
	if (doc->meta.restricted)
		buf_puts(b, "<text:p text:style-name=\"Header\">" DOC_MARKING
		    ": " DOC_HANDLING "</text:p>");
	buf_puts(b, "<text:p text:style-name=\"Footer\">Page "
	    "<text:page-number text:select-page=\"current\">1"
	    "</text:page-number> of <text:page-count>1</text:page-count>"
	    "</text:p></style:footer></style:master-page>"
	    "</office:master-styles>\n</office:document-styles>\n");
}

/* Writes styles.xml into b: the default style (Open Sans 11 pt, en-GB),
 * the paragraph, text and list styles the content names, the A4 page
 * with its footer (page numbers; the marking in a restricted edition,
 * in the header too). */
static void
odt_styles(const struct doc *doc, struct buf *b)
{
	buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<office:document-styles" ODT_NS ">\n" ODT_FONTS
	    "<office:styles>\n"
	    "<style:default-style style:family=\"paragraph\">"
	    "<style:paragraph-properties fo:orphans=\"2\" fo:widows=\"2\"/>"
	    "<style:text-properties style:font-name=\"Open Sans\" "
	    "fo:font-size=\"11pt\" fo:language=\"en\" fo:country=\"GB\" "
	    "fo:color=\"#0b0c0c\" style:font-name-asian=\"Open Sans\" "
	    "style:font-name-complex=\"Open Sans\"/></style:default-style>\n");
	odt_style(b, "Standard", "Standard", NULL, NULL, "text", "", "");
	odt_styles_headings(b);
	odt_styles_body(b);
	odt_styles_text(b);
	odt_styles_page(doc, b);
}

/* Writes meta.xml into b: title (with the board, and the marking of a
 * restricted edition), subject, keywords, language, authors, the date
 * the paper was made (report.yaml's, so the bytes stay the same). */
static void
odt_meta(const struct doc *doc, struct buf *b)
{
	const struct doc_meta	*m = &doc->meta;
	static const char *const keywords[] = {
		"Serious Case Reviews", "safeguarding children",
		"Local Safeguarding Children Boards"
	};
	char			*title, *authors, date[DOC_DATE_LEN];
	size_t			 i;

	buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<office:document-meta "
	    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
	    "xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
	    "office:version=\"1.3\"><office:meta>\n"
	    "<meta:generator>scrpaper</meta:generator>\n<dc:title>");
	title = doc_meta_title(m);
	buf_put_xml(b, title);
	free(title);
	buf_puts(b, "</dc:title>\n");
	if (m->subject != NULL) {
		buf_puts(b, "<dc:subject>");
		buf_put_xml(b, m->subject);
		buf_puts(b, "</dc:subject>\n");
	}
	for (i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++)
		buf_printf(b, "<meta:keyword>%s</meta:keyword>\n", keywords[i]);
	buf_puts(b, "<dc:language>en-GB</dc:language>\n");
	if (m->nauthors > 0 || m->organisation != NULL) {
		buf_puts(b, "<meta:initial-creator>");
		authors = doc_meta_authors(m);
		buf_put_xml(b, authors);
		free(authors);
		buf_puts(b, "</meta:initial-creator>\n");
	}
	if (doc_meta_date(m, date, sizeof(date)) == 0)
		buf_printf(b, "<meta:creation-date>%sT00:00:00"
		    "</meta:creation-date>\n", date);
	if (m->restricted)
		buf_puts(b, "<meta:user-defined meta:name=\"Protective "
		    "marking\">" DOC_MARKING ": " DOC_HANDLING
		    "</meta:user-defined>\n");
	buf_puts(b, "</office:meta>\n</office:document-meta>\n");
}

/* The manifest's head: the package and its XML parts; the pictures
 * follow. */
static const char odt_manifest[] =
"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
"<manifest:manifest "
"xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" "
"manifest:version=\"1.3\">\n"
" <manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.3\" "
"manifest:media-type=\"" ODT_MIME "\"/>\n"
" <manifest:file-entry manifest:full-path=\"content.xml\" "
"manifest:media-type=\"text/xml\"/>\n"
" <manifest:file-entry manifest:full-path=\"styles.xml\" "
"manifest:media-type=\"text/xml\"/>\n"
" <manifest:file-entry manifest:full-path=\"meta.xml\" "
"manifest:media-type=\"text/xml\"/>\n";

void
render_odt_parts(const struct doc *doc, struct buf *content,
    struct buf *styles, struct buf *meta)
{
	struct buf	*pics;
	int		 npics;

	odt_content(doc, content, &pics, &npics);
	odt_pics_free(pics, npics);
	odt_styles(doc, styles);
	odt_meta(doc, meta);
}

int
render_odt_buf(const struct doc *doc, struct buf *out)
{
	struct buf	 content, styles, meta, man, *pics;
	struct zip	 z;
	int		 rc, i, npics;
	char		 name[64];

	buf_init(&content);
	buf_init(&styles);
	buf_init(&meta);
	buf_init(&man);
	odt_content(doc, &content, &pics, &npics);
	odt_styles(doc, &styles);
	odt_meta(doc, &meta);
	buf_puts(&man, odt_manifest);
	for (i = 0; i < npics; i++)
		buf_printf(&man, " <manifest:file-entry manifest:full-path="
		    "\"Pictures/figure%d.svg\" manifest:media-type="
		    "\"image/svg+xml\"/>\n", i + 1);
	buf_puts(&man, "</manifest:manifest>\n");
	zip_init(&z);
	zip_add(&z, "mimetype", ODT_MIME, strlen(ODT_MIME), 1);
	zip_add(&z, "META-INF/manifest.xml", man.data, man.len, 0);
	zip_add(&z, "content.xml", content.data, content.len, 0);
	zip_add(&z, "styles.xml", styles.data, styles.len, 0);
	zip_add(&z, "meta.xml", meta.data, meta.len, 0);
	for (i = 0; i < npics; i++) {
		snprintf(name, sizeof(name), "Pictures/figure%d.svg", i + 1);
		zip_add(&z, name, pics[i].data, pics[i].len, 0);
	}
	rc = zip_finish(&z);
	odt_pics_free(pics, npics);
	buf_clear(&man);
	if (rc == 0)
		buf_putn(out, z.out.data, z.out.len);
	zip_clear(&z);
	buf_clear(&content);
	buf_clear(&styles);
	buf_clear(&meta);
	return rc;
}

int
render_odt(const struct doc *doc, const char *out_path, struct diag *d)
{
	struct buf	 b;
	int		 rc = 0;

	buf_init(&b);
	if (render_odt_buf(doc, &b) != 0) {
		diag_error(d, out_path, 0, 0, "cannot write: the document is "
		    "too large for a ZIP package");
		rc = EXIT_SYSERR;
	} else if (file_write_atomic_mode(out_path, b.data, b.len,
	    doc->meta.restricted ? 0600 : 0666) != 0) {
		diag_error(d, out_path, 0, 0, "cannot write: %s",
		    strerror(errno));
		rc = EXIT_SYSERR;
	}
	buf_clear(&b);
	return rc;
}
