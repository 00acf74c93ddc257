/*
 * pdf_post_int.h: what the files of the PDF post-pass share: its limits,
 * the parsed PDF value (struct pv), the objects of the file (struct obj)
 * and the pass's state (struct post), and the functions one file of it
 * calls in another.  The files, bottom up:
 *   pdf_post_value.c   the first error, the lexer, PDF values: parse,
 *                      look up, edit, write, read as text
 *   pdf_post_xref.c    the file: cairo's cross-reference table, objects
 *                      parsed on first use
 *   pdf_post_stream.c  streams: inflate, deflate, the furniture of
 *                      content streams made artifacts, compression
 *   pdf_post_tree.c    the structure tree: the parent tree, scopes, Alt
 *                      text, Notes, captions and floats moved
 *   pdf_post_edit.c    the edits: the XMP metadata, the pages (tab
 *                      order, link descriptions)
 *   pdf_post.c         writing (object streams, the cross-reference
 *                      stream, the ID) and pdf_post_buffer()
 * For those files only; render_pdf.c and the tests see pdf_post.h.
 */
#ifndef SCR_PDF_POST_INT_H
#define SCR_PDF_POST_INT_H

#include <stddef.h>

#include "util.h"
#include "pdf_post.h"

#define POST_MAXDEPTH	64	/* nesting of values and of the tree */
#define POST_MAXOBJ	(1 << 22)	/* objects in a file */
#define POST_OBJSTM	200	/* objects per object stream */
#define POST_MAXDATA	((size_t)1 << 28)	/* an inflated stream */

enum pv_type {
	PV_NULL,
	PV_BOOL,
	PV_NUM,		/* integer or real; i is set for integers */
	PV_NAME,
	PV_STR,
	PV_REF,
	PV_ARR,
	PV_DICT,
	PV_RAW		/* replacement text, written as it is */
};

/* A parsed PDF value.  Its text s[0..len) lies in the input (or in own
 * for a replacement); a container whose items changed is dirty and is
 * written from kid[] instead. */
struct pv {
	enum pv_type	 type;
	const char	*s;	/* the value's text */
	size_t		 len;
	long		 i;	/* PV_NUM integer value, PV_REF object number */
	int		 isint;	/* PV_NUM: an integer */
	struct pv	*kid;	/* PV_ARR items; PV_DICT key, value, ... */
	size_t		 n;	/* entries of kid */
	char		*own;	/* owned text (PV_RAW) */
	struct pv_add	*add;	/* PV_DICT: entries added, in order */
	int		 dirty;
};

/* An entry added to a dictionary.  Kept apart from kid[] so that no
 * addition moves a value another part of the pass points at. */
struct pv_add {
	const char	*key;	/* with its slash; a literal */
	struct pv	*val;
	struct pv_add	*next;
};

struct lex {
	const char	*p;
	const char	*end;
};

struct obj {
	size_t		 off;	/* offset of "N 0 obj" */
	const char	*body;	/* the value's text */
	size_t		 bodylen;
	const char	*data;	/* stream data, NULL for a plain object */
	size_t		 datalen;
	struct pv	*v;	/* parsed value, or NULL */
	char		*newdata; /* replaced stream data (owned) */
	size_t		 newlen;
	int		 used;	/* in use in the xref table */
	int		 drop;	/* left out of the output */
	int		 edited; /* written from v */
	int		 seen;	/* structure tree walk */
};

struct art {
	long	 page;	/* object number of its page */
	long	 mcid;
};

struct post {
	const char		*in;
	size_t			 inlen;
	const struct pdf_post	*pp;
	struct obj		*o;
	long			 size;	/* objects 0..size-1 */
	struct pv		 trailer;
	size_t			 figure;
	struct art		*art;
	size_t			 nart;
	struct pv		**parr;	/* parent tree arrays by key */
	long			 nparr;
	struct pv		*notes;	/* the elements taken out of the
					   tree to be put among the
					   Document's children (references:
					   Notes, floats painted inside a
					   block), in painting order */
	long			*keys;	/* the logical rank of each */
	size_t			 nnotes;
	size_t			 nnote;	/* Notes of them */
	size_t			 ncapfig; /* Caption and Figure elements
					   walked */
	size_t			 nlift;	/* floats of them */
	long			 take;	/* the rank of the element
					   post_elem() last returned 3 for */
	int			 notes_placed; /* post_notes() ran */
	char			*err;
};

/* pdf_post_value.c */
void	pdf_pv_free(struct pv *v);
int	pdf_post_fail(struct post *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int	pdf_lex_ws(int c);
int	pdf_lex_delim(int c);
void	pdf_lex_skip(struct lex *l);
size_t	pdf_lex_word(const struct lex *l);
int	pdf_lex_is(const struct lex *l, const char *kw);
long	pdf_lex_uint(const char *w, size_t n);
int	pdf_lex_string(struct lex *l);
int	pdf_pv_parse(struct lex *l, struct pv *v, int depth);
struct pv *pdf_pv_get(struct pv *d, const char *key);
int	pdf_pv_is_name(const struct pv *v, const char *nm);
void	pdf_pv_set_raw(struct pv *v, char *text);
void	pdf_pv_put(struct pv *d, const char *key, char *text);
void	pdf_pv_write(struct buf *b, const struct pv *v);
char *pdf_pv_text(const char *s);
char *pdf_pv_utf8(const struct pv *v);
/* pdf_post_xref.c */
struct pv *pdf_post_obj(struct post *p, long num);
struct pv *pdf_post_deref(struct post *p, struct pv *v);
void	pdf_post_edit(struct post *p, long num);
long	pdf_post_int(struct post *p, struct pv *v);
int	pdf_post_xref(struct post *p);
/* pdf_post_stream.c */
char *pdf_post_deflate(const char *in, size_t len, size_t *outlen);
int	pdf_art_cmp(const void *a, const void *b);
long	pdf_post_content(struct post *p, long num, long page, long key);
int	pdf_post_length(struct post *p, long num);
int	pdf_post_compress(struct post *p);
/* pdf_post_tree.c */
int	pdf_post_parent_tree(struct post *p, struct pv *t, int depth);
int	pdf_post_kids(struct post *p, struct pv *e, long num, int depth);
/* pdf_post_edit.c */
void	pdf_post_xmp(struct post *p, struct pv *info, struct buf *b);
int	pdf_post_pages(struct post *p, long pages_num);

#endif
