/*
 * render_backend.c: the table of render's output formats, and the choice
 * of one by name (--format NAME) or by the extension of a file's name
 * (-o FILE.EXT).  A new format is one row here and the file that writes
 * it; main.c passes the row it chose down to where papers are written.
 * Sees only the document model (doc.h) and the back ends' entry points.
 */
#include <stddef.h>
#include <string.h>

#include "util.h"
#include "render.h"

/* render_html() needs no fonts: the HTML page names its typefaces in its
 * style sheet. */
static int
backend_html_write(const struct doc *doc, const char *fonts_dir,
    const char *out_path, struct diag *d)
{
	(void)fonts_dir;
	return render_html(doc, out_path, d);
}

/* render_odt() needs no fonts either: the document names its typefaces
 * in styles.xml. */
static int
backend_odt_write(const struct doc *doc, const char *fonts_dir,
    const char *out_path, struct diag *d)
{
	(void)fonts_dir;
	return render_odt(doc, out_path, d);
}

/* The first row is the default: -o with no extension of the table's. */
const struct render_backend render_backends[] = {
	{ "pdf", { "pdf", NULL }, render_pdf },
	{ "html", { "html", "htm" }, backend_html_write },
	{ "odt", { "odt", NULL }, backend_odt_write },
};

const size_t render_nbackends =
    sizeof(render_backends) / sizeof(render_backends[0]);

const struct render_backend *
render_backend_named(const char *name)
{
	size_t i;

	for (i = 0; i < render_nbackends; i++)
		if (strcmp(render_backends[i].name, name) == 0)
			return &render_backends[i];
	return NULL;
}

const struct render_backend *
render_backend_for_path(const char *path)
{
	const char *dot = strrchr(path, '.');
	size_t i, k;

	if (dot == NULL)
		return NULL;
	for (i = 0; i < render_nbackends; i++)
		for (k = 0; k < RENDER_BACKEND_EXTS; k++)
			if (render_backends[i].ext[k] != NULL &&
			    strcmp(dot + 1, render_backends[i].ext[k]) == 0)
				return &render_backends[i];
	return NULL;
}

char *
render_backend_names(void)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; i < render_nbackends; i++) {
		if (i > 0)
			buf_puts(&b, i + 1 == render_nbackends ? " or " : ", ");
		buf_puts(&b, render_backends[i].name);
	}
	return buf_take(&b);
}
