/*
 * render.h: the back ends.  Each takes a filled document (doc.h, built by
 * paper.c) and nothing of the loader or the aggregator: the PDF paper
 * (render_pdf.c and the render_*.c files it uses), the HTML page
 * (render_html.c), the ODF text document (render_odt.c), the text dumps of
 * `scrpaper render --dump` and the table of formats that chooses among
 * them (render_backend.c).
 * For the commands (main.c, cli_*.c) and the tests.
 */
#ifndef SCR_RENDER_H
#define SCR_RENDER_H

#include <stdio.h>

struct diag;
struct doc;
struct doc_node;
struct buf;

/*
 * Typesets doc with the fonts in fonts_dir onto A4 PDF pages and writes
 * them to out_path through a temporary file in the same folder, renamed
 * into place only when complete (never leaves a partial or stray file;
 * an existing PDF is untouched on failure).  Returns 0 on success, 1
 * when the text holds a character no font of fonts_dir has a glyph for
 * (each reported to d at its block's FILE:LINE:COL, nothing written), 3
 * on a system error (message reported to d, e.g. "cannot write ...: No
 * space left on device").
 */
int	render_pdf(const struct doc *doc, const char *fonts_dir,
	    const char *out_path, struct diag *d);

/* Measures and paginates a filled document with the fonts in fonts_dir
 * and writes where each block's lines fall, one line per run of lines
 * ("page 1 y 0.0 heading lines 1-1 of 1 \"Purpose\""), to out: the
 * typesetter's text dump for tests and bug reports.  Returns 0, or 3
 * when the fonts cannot be loaded (reported to d). */
int	render_layout_dump(const struct doc *doc, const char *fonts_dir,
	    FILE *out, struct diag *d);

/*
 * render_html.c: writes a filled document as one self-contained HTML5
 * file to out_path (in one piece with file_write_atomic(): an existing
 * file is untouched on failure).  Returns 0 on success, 3 on a system
 * error (reported to d).
 */
int	render_html(const struct doc *doc, const char *out_path,
	    struct diag *d);
/* Appends the same HTML to out (for tests). */
void	render_html_buf(const struct doc *doc, struct buf *out);
/* Appends the SVG drawing of chart or tile map n of doc, as the HTML
 * page draws it, alone (a standalone image file: the ODT edition's) to
 * out, and sets *w and *hgt to its size in px.  Returns 0, or -1 when n
 * has nothing to draw. */
int	render_html_figure_svg(const struct doc *doc,
	    const struct doc_node *n, struct buf *out, double *w,
	    double *hgt);

/*
 * render_odt.c: writes a filled document as an ODF text document (.odt:
 * a ZIP package of mimetype, META-INF/manifest.xml, content.xml,
 * styles.xml and meta.xml) to out_path, in one piece as render_html()
 * does.  Returns 0 on success, 3 on a system error (reported to d).
 */
int	render_odt(const struct doc *doc, const char *out_path,
	    struct diag *d);
/* Appends the same package to out (for tests).  Returns 0, or -1 when
 * it cannot be made (too large for a ZIP archive without ZIP64). */
int	render_odt_buf(const struct doc *doc, struct buf *out);
/* Appends the package's three XML parts, each to its buffer (tests). */
void	render_odt_parts(const struct doc *doc, struct buf *content,
	    struct buf *styles, struct buf *meta);

/*
 * render_backend.c: the output formats of render, one row each: its name
 * (--format NAME), the extensions of its files (the first is the one
 * written, SLUG.EXT in an --all-lscbs folder; any of them chooses it for
 * -o FILE.EXT) and the function that writes doc to out_path in one piece
 * (fonts_dir: the typefaces, for the formats that embed them), returning
 * an exit status as render_pdf() does.  The first row, PDF, is the
 * default.
 */
#define RENDER_BACKEND_EXTS	2
struct render_backend {
	const char	*name;				/* "pdf" */
	const char	*ext[RENDER_BACKEND_EXTS];	/* "pdf", or NULL */
	int		(*write)(const struct doc *doc, const char *fonts_dir,
			    const char *out_path, struct diag *d);
};
extern const struct render_backend render_backends[];
extern const size_t render_nbackends;

/* The format named name, or NULL when there is none. */
const struct render_backend *render_backend_named(const char *name);
/* The format whose extension ends path's last component ("x.htm": the
 * HTML row), or NULL when none does. */
const struct render_backend *render_backend_for_path(const char *path);
/* The names of the formats, "pdf or html", for messages; free() it. */
char	*render_backend_names(void);

#endif
