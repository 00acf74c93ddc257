/*
 * render_layout.c: the page breaker of scrpaper's typesetter.  Takes the
 * measured blocks of the flow and decides, line by line, where pages
 * break: headings stay with what follows, tables stay whole, paragraphs
 * keep at least two lines each side of a break, and a line that refers to
 * a footnote only goes on a page with room for the footnote too.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "render_layout.h"

/* The breaker's state on the page being filled. */
struct lay_state {
	const struct lay_block	*b;
	size_t			 n;
	const struct lay_params	*p;
	struct lay_result	*r;
	size_t			 fragcap;
	int			 page;
	double			 y;	/* used from the top of the body area */
	double			 notes;	/* footnote height used, rule included */
	int			 empty;	/* nothing placed on this page yet */
	size_t			 pend;	/* first block of a float waiting
					   for the next page */
	int			 npend;	/* its blocks; 0 for none */
};

static void	lay_block_flow(struct lay_state *, size_t);

static double
lay_note(const struct lay_block *b, int line)
{
	return b->notes != NULL ? b->notes[line] : 0;
}

/* Sums the heights and notes of lines [first, first + count) of b. */
static void
lay_sum(const struct lay_block *b, int first, int count, double *h,
    double *fn)
{
	int	 i;

	*h = *fn = 0;
	for (i = first; i < first + count; i++) {
		*h += b->lines[i];
		*fn += lay_note(b, i);
	}
}

/* Returns 1 if height h of content with footnotes fn fits below y on a
 * page whose footnotes already take notes. */
static int
lay_fits(const struct lay_state *s, double y, double notes, double h,
    double fn)
{
	if (fn > 0 && notes == 0)
		fn += s->p->note_sep;
	return y + h + notes + fn <= s->p->height + 0.001;
}

/* Returns 1 if b can break at all under the orphan and widow rules. */
static int
lay_can_split(const struct lay_state *s, const struct lay_block *b)
{
	return b->split && b->nlines >= b->head + s->p->orphans +
	    s->p->widows;
}

/* Returns the height of b's head lines, repeated where it continues. */
static double
lay_head(const struct lay_block *b)
{
	double	 h = 0;
	int	 i;

	for (i = 0; i < b->head && i < b->nlines; i++)
		h += b->lines[i];
	return h;
}

/*
 * Returns 1 if the least that may start block i (its first lines, or all
 * of it if it cannot break; and what it keeps with) fits at y with notes
 * already used.  A block is placed at the top of a page anyway, so
 * nothing more is asked of a chain that starts there.
 */
static int
lay_start_fits(const struct lay_state *s, size_t i, double y, double notes)
{
	const struct lay_block	*b;
	double			 h, fn;
	int			 count;

	if (i >= s->n)
		return 1;
	b = &s->b[i];
	if (b->newpage)
		return 1;
	count = lay_can_split(s, b) ? b->head + s->p->orphans : b->nlines;
	lay_sum(b, 0, count, &h, &fn);
	h += b->before;
	if (!lay_fits(s, y, notes, h, fn))
		return 0;
	if (count == b->nlines && b->keep) {
		if (fn > 0 && notes == 0)
			fn += s->p->note_sep;
		return lay_start_fits(s, i + 1, y + h, notes + fn);
	}
	return 1;
}

static void
lay_newpage(struct lay_state *s)
{
	size_t	 k, first;
	int	 n;

	s->page++;
	s->y = 0;
	s->notes = 0;
	s->empty = 1;
	s->r->notes = xreallocarray(s->r->notes, s->page + 1,
	    sizeof(*s->r->notes));
	s->r->notes[s->page] = 0;
	/* A float that waited goes first on the new page. */
	if (s->npend > 0) {
		first = s->pend;
		n = s->npend;
		s->npend = 0;
		for (k = first; k < first + (size_t)n; k++)
			if (s->b[k].nlines > 0)
				lay_block_flow(s, k);
	}
}

/* Places lines [first, first + count) of block i at the current point. */
static void
lay_place(struct lay_state *s, size_t i, int first, int count, double before)
{
	struct lay_frag	*f;
	double		 h, fn;

	lay_sum(&s->b[i], first, count, &h, &fn);
	if (s->r->nfrags == s->fragcap) {
		s->fragcap = s->fragcap ? s->fragcap * 2 : 64;
		s->r->frags = xreallocarray(s->r->frags, s->fragcap,
		    sizeof(*s->r->frags));
	}
	f = &s->r->frags[s->r->nfrags++];
	f->block = i;
	f->page = s->page;
	f->first = first;
	f->count = count;
	f->y = s->y + before;
	if (first > 0)
		f->y -= lay_head(&s->b[i]);
	s->y += before + h;
	if (fn > 0 && s->notes == 0)
		fn += s->p->note_sep;
	s->notes += fn;
	s->r->notes[s->page] = s->notes;
	s->empty = 0;
}

/* Returns how many lines of b from first on fit at the current point. */
static int
lay_count_fit(const struct lay_state *s, const struct lay_block *b,
    int first, double before)
{
	double	 h = before, fn = 0;
	int	 k;

	for (k = first; k < b->nlines; k++) {
		if (!lay_fits(s, s->y, s->notes, h + b->lines[k],
		    fn + lay_note(b, k)))
			break;
		h += b->lines[k];
		fn += lay_note(b, k);
	}
	return k - first;
}

/* Flows block i onto the pages. */
static void
lay_block_flow(struct lay_state *s, size_t i)
{
	const struct lay_block	*b = &s->b[i];
	double			 before, h, fn, extra;
	int			 first = 0, rest, k;

	if (b->newpage && !s->empty)
		lay_newpage(s);
	for (;;) {
		rest = b->nlines - first;
		before = s->empty ? 0 : b->before;
		/* A continued table repeats its header rows. */
		extra = first > 0 ? lay_head(b) : 0;
		before += extra;
		lay_sum(b, first, rest, &h, &fn);

		/* All that is left fits here. */
		if (lay_fits(s, s->y, s->notes, before + h, fn)) {
			if (b->keep && first == 0 && !s->empty) {
				double n2 = fn > 0 && s->notes == 0 ?
				    fn + s->p->note_sep : fn;
				if (!lay_start_fits(s, i + 1,
				    s->y + before + h, s->notes + n2)) {
					lay_newpage(s);
					continue;
				}
			}
			lay_place(s, i, first, rest, before);
			return;
		}

		/* A block that stays whole goes to the next page, unless it
		 * is taller than a page: then it breaks where it must. */
		if (!lay_can_split(s, b) && first == 0) {
			if (!s->empty) {
				lay_newpage(s);
				continue;
			}
			k = lay_count_fit(s, b, first, before);
			if (k < 1)
				k = 1;
			lay_place(s, i, first, k, before);
			first += k;
			if (first >= b->nlines)
				return;
			lay_newpage(s);
			continue;
		}

		/* A paragraph breaks between lines, leaving at least
		 * orphans lines here and widows lines for the next page. */
		k = lay_count_fit(s, b, first, before);
		if (b->split && k > rest - s->p->widows)
			k = rest - s->p->widows;
		if (k < (b->split ? s->p->orphans + (first == 0 ? b->head :
		    0) : 1)) {
			if (!s->empty) {
				lay_newpage(s);
				continue;
			}
			/* A page too short for the rules: take what fits. */
			k = lay_count_fit(s, b, first, before);
			if (k < 1)
				k = 1;
		}
		lay_place(s, i, first, k, before);
		first += k;
		if (first >= b->nlines)
			return;
		lay_newpage(s);
	}
}

/* Returns 1 if the float starting at block i fits whole at the current
 * point. */
static int
lay_group_fits(const struct lay_state *s, size_t i)
{
	double	 h = 0, fn = 0, bh, bfn;
	size_t	 k;

	for (k = i; k < i + (size_t)s->b[i].flt && k < s->n; k++) {
		lay_sum(&s->b[k], 0, s->b[k].nlines, &bh, &bfn);
		h += bh + (k == i && s->empty ? 0 : s->b[k].before);
		fn += bfn;
	}
	return lay_fits(s, s->y, s->notes, h, fn);
}

/* Returns 1 if moving the float at block i lets something fill the
 * page: a block follows it in its section, before the next float. */
static int
lay_may_float(const struct lay_state *s, size_t i)
{
	size_t	 j = i + (size_t)s->b[i].flt;

	return j < s->n && s->b[i].flt > 0 && !s->b[j].section &&
	    !s->b[j].newpage && s->b[j].flt == 0;
}

void
lay_paginate(const struct lay_block *blocks, size_t n,
    const struct lay_params *p, struct lay_result *r)
{
	struct lay_state	 s;
	size_t			 i;

	memset(r, 0, sizeof(*r));
	memset(&s, 0, sizeof(s));
	s.b = blocks;
	s.n = n;
	s.p = p;
	s.r = r;
	s.empty = 1;
	r->notes = xcalloc(1, sizeof(*r->notes));
	for (i = 0; i < n; i++) {
		if (blocks[i].nlines <= 0)
			continue;
		/* A waiting float goes no further than here. */
		if (s.npend > 0 && (blocks[i].flt > 0 ||
		    blocks[i].section || blocks[i].newpage))
			lay_newpage(&s);
		if (blocks[i].flt > 0 && !s.empty &&
		    !lay_group_fits(&s, i) && lay_may_float(&s, i)) {
			s.pend = i;
			s.npend = blocks[i].flt;
			i += (size_t)blocks[i].flt - 1;
			continue;
		}
		lay_block_flow(&s, i);
	}
	if (s.npend > 0)
		lay_newpage(&s);
	r->npages = s.page + 1;
}

void
lay_result_clear(struct lay_result *r)
{
	if (r == NULL)
		return;
	free(r->frags);
	free(r->notes);
	memset(r, 0, sizeof(*r));
}

void
lay_columns(const double *natural, const double *minimum, int ncols,
    double avail, double *width)
{
	double	 nat = 0, min = 0, want = 0, spare;
	int	 i;

	for (i = 0; i < ncols; i++) {
		nat += natural[i];
		min += minimum[i];
	}
	if (nat <= avail) {
		for (i = 0; i < ncols; i++)
			width[i] = natural[i];
		return;
	}
	for (i = 0; i < ncols; i++)
		want += natural[i] - minimum[i];
	spare = avail > min ? avail - min : 0;
	for (i = 0; i < ncols; i++)
		width[i] = minimum[i] + (want > 0 ? spare *
		    (natural[i] - minimum[i]) / want : 0);
}
