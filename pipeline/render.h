/*
 * render.h: the last stage.  Parses a template into the document model,
 * fills it from the figure ledger and the cohort, and typesets it with
 * pango and cairo onto A4 PDF pages.
 * For main.c and the renderer's own files (render_*.c, tests).
 */
#ifndef SCR_RENDER_H
#define SCR_RENDER_H

#include <stdio.h>

struct cohort;
struct fig_set;
struct fig_ledger;
struct diag;
struct doc;
struct buf;

/* One paper to produce. */
struct render_job {
	const struct cohort	*cohort;
	const struct fig_set	*figs;
	const char		*template_path;	/* e.g. templates/background-paper.tmpl */
	const char		*fonts_dir;	/* e.g. fonts */
	int			 lscb;		/* board index, -1 for the regional paper */
	struct fig_ledger *const *boards; /* every board's ledger from
					   fig_aggregate_boards(), or NULL
					   to aggregate them here */
	const char		*out_path;	/* the PDF to write */
};

/*
 * Parses and fills the template and typesets it to job->out_path, written
 * to a temp file in the same folder and renamed into place only when
 * complete (never leaves a partial or stray file; an existing PDF is
 * untouched on failure).
 * Returns 0 on success, 1 when the template is invalid (diagnostics
 * reported to d), 3 on a system error (message reported to d, e.g.
 * "cannot write ...: No space left on device").
 */
int	render_paper(const struct render_job *job, struct diag *d);

/* Parses and fills only (for `scrpaper check`); writes nothing.
 * Returns 0 when the template is valid, 1 when it is not, 3 when it
 * cannot be read (diagnostics reported to d). */
int	render_check(const struct render_job *job, struct diag *d);

/* Typesets a filled document with the fonts in fonts_dir to out_path
 * (temporary file and rename, as render_paper()).  For tests of the
 * typesetter on documents built by hand.  Returns 0 on success, 3 on a
 * system error (reported to d). */
int	render_doc(const struct doc *doc, const char *fonts_dir,
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

#endif
