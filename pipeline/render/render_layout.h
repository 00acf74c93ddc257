/*
 * render_layout.h: the typesetter's pure page breaker.  The PDF renderer
 * measures every block first (pango layout line heights, table rows,
 * footnote heights) and hands the measurements here; lay_paginate()
 * decides where each page breaks without drawing anything, so the rules
 * (no heading alone at a page foot, no table split, at least two lines of
 * a paragraph each side of a break, footnotes on the page of their
 * reference) can be tested without a PDF.
 * For render_pdf.c and the unit tests only.
 */
#ifndef SCR_RENDER_LAYOUT_H
#define SCR_RENDER_LAYOUT_H

#include <stddef.h>

/* One measured block of the page flow.  All lengths are in points. */
struct lay_block {
	double		 before;	/* space above; dropped at a page top */
	const double	*lines;		/* height of each line (or table row) */
	const double	*notes;		/* height of the footnotes each line
					   brings to its page, or NULL */
	int		 nlines;	/* lines; >= 1 */
	int		 split;		/* 1 if it may break between lines
					   (paragraphs); 0 keeps it whole
					   (headings, tables) unless it is
					   taller than a page */
	int		 keep;		/* 1 to keep with the start of the
					   next block (headings) */
	int		 newpage;	/* 1 to start on a new page */
	int		 head;		/* leading lines (a table's header
					   rows) repeated at the top of each
					   page the block continues on */
	int		 flt;		/* > 0: this block and the flt - 1
					   after it are a float (a chart and
					   its caption): when they do not fit,
					   they may move to the top of the
					   next page while the blocks after
					   them fill this one, never past a
					   section start (a subsection's
					   start is passed), a forced break
					   or the next float */
	int		 section;	/* 1 if it starts a section (a
					   heading): a float stays before it */
	int		 subsection;	/* with section: a lower-level
					   heading (###): a float may move
					   past it, to the end of its
					   section (##) */
	int		 rows;		/* 1 if the space between its lines
					   may grow when a page is justified
					   (a table's rows) */
};

/* What the breaker must respect. */
struct lay_params {
	double	 height;	/* height of a page's body area */
	double	 note_sep;	/* space the footnote rule takes on a page
				   that has footnotes */
	int	 orphans;	/* fewest lines of a paragraph at a page foot */
	int	 widows;	/* fewest lines of a paragraph at a page top */
	double	 note_line;	/* the tallest footnote line: a footnote
				   taller than half a page continues at the
				   foot of the next page, broken between its
				   lines, with a line's slack; 0 keeps every
				   footnote whole */
	double	 stretch;	/* vertical justification: on every page but
				   the last (and one before a forced break)
				   the gaps between blocks grow, in
				   proportion, by at most stretch times
				   themselves, so that the text ends near the
				   page's foot; never the gap below a block
				   kept with the next (a heading); 0 for
				   none */
	double	 stretch_pt;	/* ... and by no more than this many
				   points */
	double	 fill;		/* a page those limits leave ending above
				   fill times the page's height (its next
				   block could not come up): its gaps grow
				   past them just far enough to end it
				   there; 0 for never */
};

/* A run of one block's lines on one page. */
struct lay_frag {
	size_t	 block;		/* index into the blocks */
	int	 page;		/* 0-based page */
	int	 first;		/* first line of the run */
	int	 count;		/* lines in the run */
	double	 y;		/* top of its first line below the top of
				   the body area (of the repeated lines,
				   when head > 0) */
	int	 head;		/* the block's head lines repeated above
				   the run (a table continued), or 0 */
	double	 lead;		/* space added below each line of the run
				   but its last (a justified page's table
				   rows), or 0 */
};

struct lay_result {
	struct lay_frag	*frags;		/* in flow order */
	size_t		 nfrags;
	int		 npages;
	double		*notes;		/* footnote height used on each page,
					   rule included (a footnote
					   continued from the page before
					   first) */
};

/*
 * Breaks blocks[0..n) into pages of p->height.  Fills r (which the caller
 * owns; release with lay_result_clear()).
 */
void	lay_paginate(const struct lay_block *blocks, size_t n,
	    const struct lay_params *p, struct lay_result *r);
void	lay_result_clear(struct lay_result *r);

/*
 * Chooses table column widths: each column gets its natural width
 * (widest cell unbroken) when they all fit in avail; otherwise every
 * column keeps at least its minimum (widest word) and the rest of avail
 * is shared out in proportion to how much each column would still like.
 * Writes ncols widths to width.
 */
void	lay_columns(const double *natural, const double *minimum, int ncols,
	    double avail, double *width);

#endif
