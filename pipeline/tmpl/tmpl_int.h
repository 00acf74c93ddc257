/*
 * tmpl_int.h: what the files of the template parser share: the parser's
 * state (struct tmpl_parser), its limits, and the functions one file of
 * it calls in another.  The files, bottom up:
 *   tmpl_base.c       errors, limits, positions in joined text, names
 *   tmpl_lint.c       the prose lint
 *   tmpl_inline.c     inline markup: text, strong, references, notes
 *   tmpl_block.c      the open leaf block and tables
 *   tmpl_cond.c       ":::" blocks: condition names, "::: if" tests
 *   tmpl_directive.c  the directive table ("@table", "@chart", ...)
 *   tmpl_parse.c      the grammar, the line dispatch, the entry points
 * For those files only; the rest of the program sees tmpl.h.
 */
#ifndef SCR_TMPL_INT_H
#define SCR_TMPL_INT_H

#include <stddef.h>

#include <glib.h>

#include "util.h"
#include "doc_msg.h"

#define TMPL_MAX_DEPTH	32	/* nested ::: blocks */
#define TMPL_MAX_COLS	64	/* cells in a table row */
#define TMPL_MAX_SIZE	(16 * 1024 * 1024)	/* bytes in a template */
#define TMPL_MAX_CELLS	40000	/* table cells in a template */
#define TMPL_MAX_NOTES	8000	/* footnotes in a template */

/* Where a stretch of a block's joined text came from. */
struct tmpl_seg {
	size_t		 off;	/* offset in the joined text */
	int		 line;	/* 1-based line */
	int		 col;	/* 1-based column of its first character */
};

/* A footnote reference, kept to check its label at the end. */
struct tmpl_ref {
	struct doc_node	*node;
};

struct tmpl_parser {
	const char	*file;
	struct diag	*d;
	struct doc	*doc;
	int		 errors;
	/* Open containers. */
	struct doc_node	*conds[TMPL_MAX_DEPTH];	/* open ::: blocks */
	int		 ndepth;
	struct doc_node	*list;		/* open list, or NULL */
	struct doc_node	*table;		/* open table, or NULL */
	int		 table_rule;	/* the header rule was seen */
	/* The open leaf block and its text so far. */
	struct doc_node	*leaf;		/* para, item, footnote, aside */
	struct buf	 text;
	struct tmpl_seg	*segs;
	size_t		 nsegs;
	size_t		 segcap;
	/* Footnote references and definitions. */
	struct doc_node	**fnrefs;
	size_t		 nfnrefs;
	struct doc_node	**fndefs;
	size_t		 nfndefs;
	GHashTable	*fnlabels;	/* label -> its first definition */
	size_t		 ncells;	/* table cells so far */
	size_t		 nnotes;	/* footnote definitions so far */
	/* The prose lint: 0 off, 1 warnings, 2 errors. */
	int		 lint;
	int		 nlint;		/* findings reported */
};

/* tmpl_base.c */
void	tmpl_err(struct tmpl_parser *, int, int, const char *, ...)
	__attribute__((format(printf, 4, 5)));
int	tmpl_within(struct tmpl_parser *, size_t *, size_t, size_t,
	    const char *, int, int);
struct doc_node *tmpl_fndef_first(struct tmpl_parser *, const char *,
	    size_t);
int	tmpl_chars(const char *, size_t);
void	tmpl_pos_new_text(void);
void	tmpl_pos(const char *, const struct tmpl_seg *, size_t, size_t,
	    int *, int *);
int	tmpl_is_word(const char *, size_t, const char *);
int	tmpl_is_label(const char *, size_t);
int	tmpl_is_name(const char *, size_t);
int	tmpl_is_period(const char *, size_t);

/* tmpl_lint.c */
int	tmpl_in_fixed(const struct tmpl_parser *);
void	tmpl_lint_text(struct tmpl_parser *, const char *, size_t,
	    const struct tmpl_seg *, size_t);

/* tmpl_inline.c */
void	tmpl_inline(struct tmpl_parser *, struct doc_node *, const char *,
	    size_t, const struct tmpl_seg *, size_t);

/* tmpl_block.c */
struct doc_node *tmpl_container(struct tmpl_parser *);
void	tmpl_close_leaf(struct tmpl_parser *);
void	tmpl_close_all(struct tmpl_parser *);
void	tmpl_leaf_add(struct tmpl_parser *, const char *, size_t, int, int);
struct doc_node *tmpl_open_leaf(struct tmpl_parser *, struct doc_node *,
	    enum doc_type, int, int, const char *, size_t, int);
void	tmpl_table_row(struct tmpl_parser *, const char *, size_t, int, int);

/* tmpl_cond.c */
void	tmpl_cond_line(struct tmpl_parser *, const char *, size_t, int,
	    int);

/* tmpl_directive.c */
void	tmpl_directive(struct tmpl_parser *, const char *, size_t, int,
	    int);

#endif
