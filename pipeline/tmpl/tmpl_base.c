/*
 * tmpl_base.c: the template parser's ground floor.  Errors (capped per
 * file) and the limits on what one template may hold; the line and
 * column of an offset in a block's joined text; what a label, a name and
 * a period label may hold.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "util.h"
#include "diag.h"
#include "doc.h"
#include "tmpl.h"
#include "tmpl_int.h"

void
tmpl_err(struct tmpl_parser *p, int line, int col, const char *fmt, ...)
{
	va_list	 ap;

	/* At most TMPL_MAX_ERRORS a file, as the loader's. */
	if (++p->errors > TMPL_MAX_ERRORS) {
		if (p->errors == TMPL_MAX_ERRORS + 1)
			diag_error(p->d, p->file, line, col,
			    TM_TOO_MANY_ERRORS);
		return;
	}
	va_start(ap, fmt);
	diag_vmsg(p->d, DIAG_ERROR, p->file, line, col, fmt, ap);
	va_end(ap);
}

/*
 * Counts n more of what *count counts; past max, reports it (once, at
 * line and col) and returns 0.  Memory is bounded inside the limits
 * (issue 13.14): each table cell or footnote of a PDF costs some 5 and
 * 20 KB (its structure elements), so that a template of 16 MiB within
 * them renders in under 1 GB.
 */
int
tmpl_within(struct tmpl_parser *p, size_t *count, size_t n, size_t max,
    const char *what, int line, int col)
{
	if (*count + n > max) {
		if (*count <= max)
			tmpl_err(p, line, col, TM_OVER_LIMIT, max, what);
		*count = max + 1;
		return 0;
	}
	*count += n;
	return 1;
}

/* Returns the first definition of footnote label s[0..n), or NULL: a
 * hash of the labels, not a search of the definitions a definition
 * (issue 13.14). */
struct doc_node *
tmpl_fndef_first(struct tmpl_parser *p, const char *s, size_t n)
{
	struct doc_node	*def;
	char		*label = xstrndup(s, n);

	def = g_hash_table_lookup(p->fnlabels, label);
	free(label);
	return def;
}

/* Returns the number of UTF-8 characters in s[0..n). */
int
tmpl_chars(const char *s, size_t n)
{
	size_t	 i;
	int	 c = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	return c;
}

/*
 * Where tmpl_pos() last counted to, so that the positions of one text,
 * asked for in order, cost the text's length once, not once a position
 * (issue 13.14: a long line with many references or lint findings was
 * quadratic).  Valid for the text of one tmpl_inline() call only: that
 * bumps tmpl_pos_gen.
 */
static unsigned	tmpl_pos_gen;
static struct {
	unsigned		 gen;
	const char		*s;
	const struct tmpl_seg	*segs;
	size_t			 seg;	/* segment counted in */
	size_t			 off;	/* counted to */
	int			 col;	/* its column */
} tmpl_pos_memo;

/* Starts a new text for tmpl_pos(): its memo is of the text before. */
void
tmpl_pos_new_text(void)
{
	tmpl_pos_gen++;
}

/* Returns the line and column of offset off in a joined text. */
void
tmpl_pos(const char *s, const struct tmpl_seg *segs, size_t nsegs,
    size_t off, int *line, int *col)
{
	size_t	 lo = 0, hi = nsegs, mid, from;
	int	 c;

	/* The last segment that starts at or before off. */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (segs[mid].off <= off)
			lo = mid;
		else
			hi = mid;
	}
	from = segs[lo].off;
	c = segs[lo].col;
	/* From where the last position of this segment was counted to,
	 * forwards or back. */
	if (tmpl_pos_memo.gen == tmpl_pos_gen && tmpl_pos_memo.s == s &&
	    tmpl_pos_memo.segs == segs && tmpl_pos_memo.seg == lo &&
	    tmpl_pos_memo.off >= from) {
		if (tmpl_pos_memo.off <= off)
			c = tmpl_pos_memo.col + tmpl_chars(s +
			    tmpl_pos_memo.off, off - tmpl_pos_memo.off);
		else
			c = tmpl_pos_memo.col - tmpl_chars(s + off,
			    tmpl_pos_memo.off - off);
	} else
		c += tmpl_chars(s + from, off - from);
	tmpl_pos_memo.gen = tmpl_pos_gen;
	tmpl_pos_memo.s = s;
	tmpl_pos_memo.segs = segs;
	tmpl_pos_memo.seg = lo;
	tmpl_pos_memo.off = off;
	tmpl_pos_memo.col = c;
	*line = segs[lo].line;
	*col = c;
}

/* Returns 1 if s[0..n) is not empty and holds only ASCII letters, digits
 * and the characters of extra. */
int
tmpl_is_word(const char *s, size_t n, const char *extra)
{
	size_t	 i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) &&
		    (s[i] == '\0' || strchr(extra, s[i]) == NULL))
			return 0;
	return 1;
}

/* A footnote label: letters, digits, '-' and '_'. */
int
tmpl_is_label(const char *s, size_t n)
{
	return tmpl_is_word(s, n, "-_");
}

/* A name in a reference: a label's characters and '.'. */
int
tmpl_is_name(const char *s, size_t n)
{
	return tmpl_is_word(s, n, "-_.");
}

/* A period's label: letters, digits and '-'. */
int
tmpl_is_period(const char *s, size_t n)
{
	return tmpl_is_word(s, n, "-");
}

