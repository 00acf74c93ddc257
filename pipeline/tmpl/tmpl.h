/*
 * tmpl.h: the template parser (tmpl_parse.c and the tmpl_*.c files that
 * tmpl_int.h lists): template text in, an unfilled document (doc.h) out.
 * References are kept as names; fill checks them against the data.
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

/*
 * The directives, one row each (tmpl_directive.c): the parser's dispatch
 * and its "unknown directive" message are made from this table, and
 * test_tmpl_parse.c checks that the shipped template's header documents
 * every row.
 */
struct tmpl_parser;
enum tmpl_args {
	TMPL_ARGS_NONE,		/* nothing may follow the name */
	TMPL_ARGS_TEXT,		/* text must follow it */
	TMPL_ARGS_ANY		/* the handler checks what follows */
};
struct tmpl_directive {
	const char	*name;	/* "@table" */
	const char	*usage;	/* "@table [#LABEL] TEXT", in messages */
	enum tmpl_args	 args;
	/* Parses the line s[0..n) at line:col, its arguments from s[i]. */
	void		(*fn)(struct tmpl_parser *, const char *s, size_t n,
			    size_t i, int line, int col);
	const char	*doc;	/* one line of documentation */
};
extern const struct tmpl_directive tmpl_directives[];
extern const size_t tmpl_ndirectives;

#endif
