/*
 * tmpl.h: the template parser (tmpl_parse.c): template text in, an
 * unfilled document (doc.h) out.  References are kept as names; fill
 * checks them against the data.
 * For paper.c and the tests; not for the back ends.
 */
#ifndef SCR_TMPL_H
#define SCR_TMPL_H

#include <stddef.h>

struct diag;
struct doc;

/*
 * Parses template text (len bytes of data, named file in messages) into
 * a new document.  Every problem is reported to d.  Returns the document
 * (free with doc_free()), or NULL when the template has errors.
 */
struct doc	*tmpl_parse_buf(const char *file, const char *data,
		    size_t len, struct diag *d);
/* The same for a file on disk.  *syserr is set to 1 when reading the
 * file fails midway (message reported to d), else 0; a file that cannot
 * be opened is reported as invalid input (exit 1, as a missing case). */
struct doc	*tmpl_parse_file(const char *path, struct diag *d,
		    int *syserr);

/*
 * The prose lint (`scrpaper check`): reports every numeral and quantity
 * word ("a couple of", "a number of", "several", "most", "a few", "one",
 * digits...) in the text of the template, outside figure references,
 * fixed text {=...} and "::: fixed" blocks, as FILE:LINE:COL: warning
 * (error when strict).  Returns the number reported, or -1 when the
 * template has syntax errors or cannot be read (reported to d).
 */
int		 tmpl_lint_buf(const char *file, const char *data,
		    size_t len, struct diag *d, int strict);
int		 tmpl_lint_file(const char *path, struct diag *d,
		    int strict);

#endif
