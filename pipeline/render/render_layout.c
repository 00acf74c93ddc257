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
	int			 head;	/* head lines repeated above the next
					   run placed (taken by lay_place()) */
	double			 headh;	/* their height, already in y */
	double			 carry;	/* footnote height that continues at
					   the foot of the next page */
	size_t			 pend;	/* first block of a float waiting
					   for the next page */
	int			 npend;	/* its blocks; 0 for none */
};

static void	lay_block_flow(struct lay_state *, size_t);
static int	lay_least(const struct lay_state *, const struct lay_block *,
		    int);
static int	lay_widows(const struct lay_state *,
		    const struct lay_block *);

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
	double	 sep = fn > 0 && notes == 0 ? s->p->note_sep : 0;

	if (y + h + notes + fn + sep <= s->p->height + 0.001)
		return 1;
	/* A footnote taller than half a page continues at the foot of the
	 * next page (issue 13.9): at least two of its lines go here. */
	return s->p->note_line > 0 && fn > s->p->height / 2 &&
	    y + h + notes + sep + 2 * s->p->note_line <=
	    s->p->height + 0.001;
}

/* Starts the record of page s->page. */
static void
lay_page_record(struct lay_state *s)
{
	s->r->notes = xreallocarray(s->r->notes, s->page + 1,
	    sizeof(*s->r->notes));
	s->r->notes[s->page] = 0;
}

/* Returns 1 if b can break at all under the orphan and widow rules. */
static int
lay_can_split(const struct lay_state *s, const struct lay_block *b)
{
	return b->split && b->nlines >= lay_least(s, b, 0) +
	    lay_widows(s, b);
}

/*
 * Returns the fewest lines of b a run from line first may hold at a page
 * foot: its head lines (a table's header rows) and orphans more, or one
 * more when those would take more than half a page (the slices of a
 * table row taller than a page, issue 13.8).
 */
static int
lay_least(const struct lay_state *s, const struct lay_block *b, int first)
{
	int	 head = first == 0 ? b->head : 0, n = head + s->p->orphans;
	double	 h, fn;

	if (first + n > b->nlines)
		n = b->nlines - first;
	lay_sum(b, first, n, &h, &fn);
	return h > s->p->height / 2 ? head + 1 : n;
}

/* Returns the fewest lines of b to leave for the next page, as
 * lay_least() does for the foot. */
static int
lay_widows(const struct lay_state *s, const struct lay_block *b)
{
	int	 n = s->p->widows < b->nlines ? s->p->widows : b->nlines;
	double	 h, fn;

	lay_sum(b, b->nlines - n, n, &h, &fn);
	return h > s->p->height / 2 ? 1 : n;
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

	if (i >= s->n)
		return 1;
	b = &s->b[i];
	if (b->newpage)
		return 1;
	/* A block that fits whole here stays whole (lay_block_flow()):
	 * what it keeps with must start here too, or it breaks, leaving
	 * its last lines with that. */
	lay_sum(b, 0, b->nlines, &h, &fn);
	h += b->before;
	if (lay_fits(s, y, notes, h, fn)) {
		if (!b->keep)
			return 1;
		if (fn > 0 && notes == 0)
			fn += s->p->note_sep;
		if (lay_start_fits(s, i + 1, y + h, notes + fn))
			return 1;
	}
	if (!lay_can_split(s, b))
		return 0;
	lay_sum(b, 0, lay_least(s, b, 0), &h, &fn);
	return lay_fits(s, y, notes, h + b->before, fn);
}

static void
lay_newpage(struct lay_state *s)
{
	size_t	 k, first;
	int	 n;

	s->page++;
	s->y = 0;
	s->head = 0;
	s->headh = 0;
	s->notes = 0;
	s->empty = 1;
	lay_page_record(s);
	/* Footnotes continued from the page before go first at this
	 * page's foot; a page they fill holds nothing else. */
	while (s->carry > 0) {
		if (s->carry + s->p->note_sep <= s->p->height) {
			s->notes = s->carry + s->p->note_sep;
			s->r->notes[s->page] = s->notes;
			s->carry = 0;
			break;
		}
		s->r->notes[s->page] = s->p->height;
		s->carry += s->p->note_sep - s->p->height +
		    2 * s->p->note_line;
		s->page++;
		lay_page_record(s);
	}
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
	memset(f, 0, sizeof(*f));	/* lead: 0 until lay_justify() */
	f->block = i;
	f->page = s->page;
	f->first = first;
	f->count = count;
	f->y = s->y + before - s->headh;
	f->head = s->head;
	s->head = 0;
	s->headh = 0;
	s->y += before + h;
	if (fn > 0 && s->notes == 0)
		fn += s->p->note_sep;
	s->notes += fn;
	/* Footnotes that do not all fit continue on the next page, with
	 * the slack of a line and a gap: the painter breaks them between
	 * lines (rndr_paint_notes()). */
	if (s->y + s->notes > s->p->height + 0.001) {
		s->carry += s->y + s->notes - s->p->height +
		    2 * s->p->note_line;
		s->notes = s->p->height - s->y;
	}
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
	double			 before, h, fn;
	int			 first = 0, rest, k;

	if (b->newpage && !s->empty)
		lay_newpage(s);
	for (;;) {
		/* A table continued on a new page repeats its header rows
		 * there first (issue 13.10), below a float placed there
		 * (every turn of this loop with first > 0 is on a new
		 * page). */
		if (first > 0 && b->head > 0 && first >= b->head &&
		    s->head == 0) {
			lay_sum(b, 0, b->head, &h, &fn);
			s->head = b->head;
			s->headh = h;
			s->y += h;
		}
		rest = b->nlines - first;
		before = s->empty ? 0 : b->before;
		lay_sum(b, first, rest, &h, &fn);

		/* All that is left fits here. */
		if (lay_fits(s, s->y, s->notes, before + h, fn)) {
			if (b->keep && first == 0 && !s->empty) {
				double n2 = fn > 0 && s->notes == 0 ?
				    fn + s->p->note_sep : fn;
				if (!lay_start_fits(s, i + 1,
				    s->y + before + h, s->notes + n2)) {
					/* Its last lines go with what it
					 * keeps with. */
					k = rest - lay_widows(s, b);
					if (lay_can_split(s, b) &&
					    k >= lay_least(s, b, 0)) {
						lay_place(s, i, 0, k, before);
						first = k;
					}
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
			/* (A page holding only footnotes continued from
			 * the page before leaves the block to the next.) */
			if (!s->empty || s->notes > 0) {
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
		if (b->split && k > rest - lay_widows(s, b))
			k = rest - lay_widows(s, b);
		/* A table's first run holds its header rows and orphans
		 * rows below them. */
		if (k < (b->split ? lay_least(s, b, first) : 1)) {
			if (!s->empty || s->notes > 0) {
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

/* Returns 1 if a float waiting for the next page goes no further than
 * block b: the start of a section (not of a subsection), a forced break
 * or the next float. */
static int
lay_holds_float(const struct lay_block *b)
{
	return (b->section && !b->subsection) || b->newpage || b->flt > 0;
}

/* Returns 1 if moving the float at block i lets something fill the
 * page: a block follows it in its section, before the next float. */
static int
lay_may_float(const struct lay_state *s, size_t i)
{
	size_t	 j = i + (size_t)s->b[i].flt;

	return j < s->n && s->b[i].flt > 0 && !lay_holds_float(&s->b[j]);
}

/* Room a justified page's table rows may take: a notional gap between
 * two rows, and the most one may grow. */
#define LAY_ROW_GAP	3.0
#define LAY_ROW_MOST	3.0

/* What may grow on a page: the gap above run k, or the rows of run k. */
struct lay_give {
	size_t	 k;
	int	 rows;
	int	 heading;	/* the gap above a heading */
	double	 base;		/* its weight */
	double	 most;		/* the most it may grow */
	double	 got;
};

/*
 * Lists in *g (of *cap entries, grown as needed) what may grow on the
 * page of runs [i, j) of r: the gap above each run that starts a block
 * not below one kept with it, and the rows of each table run of more
 * than one row.  Returns how many.
 */
static size_t
lay_gives(const struct lay_block *blocks, const struct lay_params *p,
    const struct lay_result *r, size_t i, size_t j, struct lay_give **g,
    size_t *cap)
{
	const struct lay_block	*b, *pb;
	struct lay_give		*e;
	size_t			 k, ng = 0;

	for (k = i; k < j; k++) {
		if (*cap < ng + 2) {
			*cap = *cap ? *cap * 2 : 64;
			*g = xreallocarray(*g, *cap, sizeof(**g));
		}
		b = &blocks[r->frags[k].block];
		pb = k > i ? &blocks[r->frags[k - 1].block] : NULL;
		/* Never below a block kept with the next (a heading, a
		 * caption, an introduction). */
		if (pb != NULL && !pb->keep && r->frags[k].first == 0 &&
		    b->before > 0) {
			e = &(*g)[ng++];
			e->k = k;
			e->rows = 0;
			e->heading = b->section;
			e->base = b->before;
			e->most = b->before * p->stretch;
			if (e->most > p->stretch_pt)
				e->most = p->stretch_pt;
			e->got = 0;
		}
		if (b->rows && r->frags[k].count > 1) {
			e = &(*g)[ng++];
			e->k = k;
			e->rows = 1;
			e->heading = 0;
			e->base = LAY_ROW_GAP * (r->frags[k].count - 1);
			e->most = LAY_ROW_MOST * (r->frags[k].count - 1);
			e->got = 0;
		}
	}
	return ng;
}

/*
 * Shares room points out among g[0..ng): water-filling, a share in
 * proportion to the weights, no more than each one's most; again with
 * what is left.  Returns the room left.
 */
static double
lay_water_fill(struct lay_give *g, size_t ng, double room)
{
	double	 w, give, h;
	size_t	 m;
	int	 round, capped;

	for (round = 0; round < 8 && room > 0.5; round++) {
		w = 0;
		for (m = 0; m < ng; m++)
			if (g[m].got < g[m].most)
				w += g[m].base;
		if (w <= 0)
			break;
		capped = 0;
		give = room;
		for (m = 0; m < ng; m++) {
			if (g[m].got >= g[m].most)
				continue;
			h = give * g[m].base / w;
			if (g[m].got + h >= g[m].most) {
				h = g[m].most - g[m].got;
				capped = 1;
			}
			g[m].got += h;
			room -= h;
		}
		if (!capped)
			break;
	}
	return room;
}

/*
 * A page the capped gaps g[0..ng) leave more than 1 - fill empty, room
 * points above the footnotes (its next block, too tall to break, could
 * not come up): the gaps above its headings grow past their cap, in
 * proportion, but only as far as that (a page without a heading: all
 * its gaps and table rows).
 */
static void
lay_fill_short(struct lay_give *g, size_t ng, double room,
    const struct lay_params *p)
{
	double	 w = 0;
	size_t	 m;
	int	 heads = 0;

	for (m = 0; m < ng; m++)
		heads |= g[m].heading;
	for (m = 0; m < ng; m++)
		if (g[m].heading || !heads)
			w += g[m].base;
	room -= (1 - p->fill) * p->height;
	for (m = 0; m < ng && room > 0 && w > 0; m++)
		if (g[m].heading || !heads)
			g[m].got += room * g[m].base / w;
}

/* Moves the runs [i, j) of r down by the gaps above them that grew, and
 * spreads the rows of a table run by their growth, from g[0..ng). */
static void
lay_shift(struct lay_result *r, size_t i, size_t j,
    const struct lay_give *g, size_t ng)
{
	double	 shift = 0;
	size_t	 k, m;

	for (k = i, m = 0; k < j; k++) {
		if (m < ng && g[m].k == k && !g[m].rows)
			shift += g[m++].got;
		r->frags[k].y += shift;
		if (m < ng && g[m].k == k && g[m].rows) {
			r->frags[k].lead = g[m].got / (r->frags[k].count - 1);
			shift += g[m++].got;
		}
	}
}

/*
 * Justifies the pages of r vertically (lay_params.stretch): the gaps
 * between the runs of a page, and between the rows of its tables, grow in
 * proportion to their size (water-filling under each one's limit) until
 * the last run ends at the top of the page's footnotes, or every one has
 * grown its most; then, on a page that still ends more than 1 - fill of
 * the page above its foot, the gaps above its headings (or, without one,
 * all its gaps and rows) grow past their limit just far enough to end it
 * there.  Runs only move down, never past the
 * foot.
 */
static void
lay_justify(const struct lay_block *blocks, const struct lay_params *p,
    struct lay_result *r)
{
	struct lay_frag		*f;
	const struct lay_block	*b;
	struct lay_give		*g = NULL;
	size_t			 i, j, ng, cap = 0;
	double			 h, fn, hh, bottom, room;

	for (i = 0; i < r->nfrags; i = j) {
		/* The runs [i, j) of one page. */
		for (j = i; j < r->nfrags && r->frags[j].page ==
		    r->frags[i].page; j++)
			continue;
		if (r->frags[i].page + 1 >= r->npages)
			break;
		if (j < r->nfrags && blocks[r->frags[j].block].newpage &&
		    r->frags[j].first == 0)
			continue;
		f = &r->frags[j - 1];
		b = &blocks[f->block];
		lay_sum(b, f->first, f->count, &h, &fn);
		lay_sum(b, 0, f->head, &hh, &fn);
		bottom = f->y + hh + h;
		room = p->height - r->notes[f->page] - bottom;
		if (room <= 0.5)
			continue;
		ng = lay_gives(blocks, p, r, i, j, &g, &cap);
		room = lay_water_fill(g, ng, room);
		lay_fill_short(g, ng, room, p);
		lay_shift(r, i, j, g, ng);
	}
	free(g);
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
		if (s.npend > 0 && lay_holds_float(&blocks[i]))
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
	if (s.carry > 0)
		lay_newpage(&s);
	r->npages = s.page + 1;
	if (p->stretch > 0)
		lay_justify(blocks, p, r);
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
	double	 nat = 0, min = 0, want = 0, spare, share, *least;
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
	/* Words too wide for the page together (issue 13.7): a column's
	 * least width is then at most its even share, and its words break
	 * between characters, so no cell ever runs off the page. */
	least = xcalloc(ncols > 0 ? (size_t)ncols : 1, sizeof(*least));
	share = ncols > 0 ? avail / ncols : avail;
	for (i = 0; i < ncols; i++)
		least[i] = min > avail && minimum[i] > share ? share :
		    minimum[i];
	min = 0;
	for (i = 0; i < ncols; i++)
		min += least[i];
	for (i = 0; i < ncols; i++)
		want += natural[i] - least[i];
	spare = avail > min ? avail - min : 0;
	for (i = 0; i < ncols; i++)
		width[i] = least[i] + (want > 0 ? spare *
		    (natural[i] - least[i]) / want : 0);
	free(least);
}
