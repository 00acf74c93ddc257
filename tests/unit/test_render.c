/*
 * test_render.c: tests of the typesetter: the pure page breaker and
 * column chooser of pipeline/render/render_layout.c (page breaking, keep with
 * next, orphans and widows, tables kept whole, footnotes on the page of
 * their reference), the measured layout of render_pdf.c through its text
 * dump (line breaking, the rules on the real paper), and the
 * all-or-nothing file writing of render_pdf() on papers built by paper.c.  The tests that need the project's files
 * (fonts/, input/, templates/) skip when not run from the project root.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <malloc.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "util.h"
#include "diag.h"
#include "case.h"
#include "fig.h"
#include "doc.h"
#include "tmpl.h"
#include "fill.h"
#include "paper.h"
#include "render.h"
#include "render_layout.h"

/*
 * Under AddressSanitizer: pango's font threads and fontconfig keep
 * patterns past the font map's end; those are theirs, not ours.
 */
const char *__lsan_default_suppressions(void);

const char *
__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\nleak:libpangoft2-1.0.so\n";
}

/* ------------------------------------------------------------------ */
/* The page breaker */

static const struct lay_params params = {
	.height = 100, .note_sep = 5, .orphans = 2, .widows = 2,
};

/* Returns a block of n lines of height h each (static storage: up to
 * 8 blocks at a time, 32 lines each). */
static struct lay_block
blk(int n, double h, double before)
{
	static double	 store[8][32];
	static int	 next;
	struct lay_block b;
	int		 i;

	memset(&b, 0, sizeof(b));
	for (i = 0; i < n; i++)
		store[next][i] = h;
	b.lines = store[next];
	next = (next + 1) % 8;
	b.nlines = n;
	b.before = before;
	b.split = 1;
	return b;
}

/* Checks fragment i of r. */
static void
check_frag(const struct lay_result *r, size_t i, size_t block, int page,
    int first, int count, double y)
{
	const struct lay_frag *f;

	if (i >= r->nfrags)
		fail_msg("fragment %zu missing (%zu fragments)", i, r->nfrags);
	f = &r->frags[i];
	if (f->block != block || f->page != page || f->first != first ||
	    f->count != count || f->y < y - 0.01 || f->y > y + 0.01)
		fail_msg("fragment %zu: block %zu page %d lines %d+%d y %.1f; "
		    "want block %zu page %d lines %d+%d y %.1f", i, f->block,
		    f->page, f->first, f->count, f->y, block, page, first,
		    count, y);
}

static void
test_lay_flows_blocks_down_pages(void **state)
{
	struct lay_block	 b[3];
	struct lay_result	 r;

	b[0] = blk(1, 40, 0);
	b[1] = blk(1, 40, 10);
	b[2] = blk(1, 40, 10);
	lay_paginate(b, 3, &params, &r);
	assert_int_equal(r.npages, 2);
	check_frag(&r, 0, 0, 0, 0, 1, 0);
	check_frag(&r, 1, 1, 0, 0, 1, 50);
	/* Space above is dropped at the top of a page. */
	check_frag(&r, 2, 2, 1, 0, 1, 0);
	lay_result_clear(&r);
}

static void
test_lay_float_moves_and_text_fills(void **state)
{
	struct lay_block	 b[3];
	struct lay_result	 r;

	b[0] = blk(6, 10, 0);		/* 60 of 100 */
	b[1] = blk(1, 60, 0);		/* a chart: does not fit */
	b[1].split = 0;
	b[1].flt = 1;
	b[2] = blk(3, 10, 0);		/* fills the page instead */
	lay_paginate(b, 3, &params, &r);
	assert_int_equal(r.npages, 2);
	check_frag(&r, 0, 0, 0, 0, 6, 0);
	check_frag(&r, 1, 2, 0, 0, 3, 60);
	check_frag(&r, 2, 1, 1, 0, 1, 0);	/* top of the next page */
	lay_result_clear(&r);

	/* Never past the start of the next section. */
	b[2].section = 1;
	lay_paginate(b, 3, &params, &r);
	check_frag(&r, 1, 1, 1, 0, 1, 0);
	check_frag(&r, 2, 2, 1, 0, 3, 60);
	lay_result_clear(&r);

	/* But past the start of a subsection (###), to its section's
	 * end. */
	b[2].subsection = 1;
	lay_paginate(b, 3, &params, &r);
	check_frag(&r, 1, 2, 0, 0, 3, 60);
	check_frag(&r, 2, 1, 1, 0, 1, 0);
	lay_result_clear(&r);
}

static void
test_lay_lead_in_breaks_to_keep_with_next(void **state)
{
	struct lay_block	 b[3];
	struct lay_result	 r;

	b[0] = blk(5, 10, 0);		/* 50 of 100 */
	b[1] = blk(4, 10, 0);		/* introduces the table */
	b[1].keep = 1;
	b[2] = blk(3, 10, 0);		/* a table kept whole */
	b[2].split = 0;
	lay_paginate(b, 3, &params, &r);
	/* Its last two lines go with the table, not the whole of it. */
	assert_int_equal(r.npages, 2);
	check_frag(&r, 1, 1, 0, 0, 2, 50);
	check_frag(&r, 2, 1, 1, 2, 2, 0);
	check_frag(&r, 3, 2, 1, 0, 3, 20);
	lay_result_clear(&r);
}

static void
test_lay_table_splits_with_header(void **state)
{
	struct lay_block	 b[2];
	struct lay_result	 r;

	b[0] = blk(6, 10, 0);		/* 60 of 100 */
	b[1] = blk(8, 10, 0);		/* a header row and 7 rows */
	b[1].head = 1;
	lay_paginate(b, 2, &params, &r);
	check_frag(&r, 1, 1, 0, 0, 4, 60);	/* header and 3 rows */
	/* The rest under its repeated header (10 high). */
	check_frag(&r, 2, 1, 1, 4, 4, 0);
	lay_result_clear(&r);
}

static void
test_lay_heading_keeps_with_next(void **state)
{
	struct lay_block	 b[3];
	struct lay_result	 r;

	b[0] = blk(7, 10, 0);		/* 70 of 100 */
	b[1] = blk(1, 20, 0);		/* a heading: fits, to 90 */
	b[1].split = 0;
	b[1].keep = 1;
	b[2] = blk(3, 10, 0);		/* cannot break; needs 30 */
	lay_paginate(b, 3, &params, &r);
	check_frag(&r, 0, 0, 0, 0, 7, 0);
	check_frag(&r, 1, 1, 1, 0, 1, 0);	/* moved with its text */
	check_frag(&r, 2, 2, 1, 0, 3, 20);
	lay_result_clear(&r);
}

static void
test_lay_heading_chain_moves_together(void **state)
{
	struct lay_block	 b[4];
	struct lay_result	 r;

	b[0] = blk(5, 10, 0);		/* 50 */
	b[1] = blk(1, 20, 0);		/* section heading, to 70 */
	b[1].split = 0;
	b[1].keep = 1;
	b[2] = blk(1, 15, 0);		/* subheading, to 85 */
	b[2].split = 0;
	b[2].keep = 1;
	b[3] = blk(6, 10, 0);		/* needs 2 lines = 20: no room */
	lay_paginate(b, 4, &params, &r);
	check_frag(&r, 1, 1, 1, 0, 1, 0);
	check_frag(&r, 2, 2, 1, 0, 1, 20);
	check_frag(&r, 3, 3, 1, 0, 6, 35);
	lay_result_clear(&r);
}

static void
test_lay_heading_stays_when_text_can_start(void **state)
{
	struct lay_block	 b[3];
	struct lay_result	 r;

	b[0] = blk(5, 10, 0);		/* 50 */
	b[1] = blk(1, 20, 0);		/* to 70 */
	b[1].split = 0;
	b[1].keep = 1;
	b[2] = blk(6, 10, 0);		/* 3 lines fit: 2 + ... */
	lay_paginate(b, 3, &params, &r);
	check_frag(&r, 1, 1, 0, 0, 1, 50);
	check_frag(&r, 2, 2, 0, 0, 3, 70);
	check_frag(&r, 3, 2, 1, 3, 3, 0);
	lay_result_clear(&r);
}

static void
test_lay_no_orphan_line(void **state)
{
	struct lay_block	 b[2];
	struct lay_result	 r;

	b[0] = blk(9, 10, 0);		/* 90: one line of room */
	b[1] = blk(5, 10, 0);
	lay_paginate(b, 2, &params, &r);
	check_frag(&r, 1, 1, 1, 0, 5, 0);	/* not 1 + 4 */
	lay_result_clear(&r);
}

static void
test_lay_no_widow_line(void **state)
{
	struct lay_block	 b[2];
	struct lay_result	 r;

	b[0] = blk(6, 10, 0);		/* 60: four lines of room */
	b[1] = blk(5, 10, 0);		/* 4 + 1 would widow: 3 + 2 */
	lay_paginate(b, 2, &params, &r);
	check_frag(&r, 1, 1, 0, 0, 3, 60);
	check_frag(&r, 2, 1, 1, 3, 2, 0);
	lay_result_clear(&r);
}

static void
test_lay_short_paragraph_moves_whole(void **state)
{
	struct lay_block	 b[2];
	struct lay_result	 r;

	b[0] = blk(8, 10, 0);		/* 80: two lines of room */
	b[1] = blk(3, 10, 0);		/* 3 lines cannot be 2 + 2 */
	lay_paginate(b, 2, &params, &r);
	check_frag(&r, 1, 1, 1, 0, 3, 0);
	lay_result_clear(&r);
}

static void
test_lay_long_paragraph_spans_pages(void **state)
{
	struct lay_block	 b[1];
	struct lay_result	 r;

	b[0] = blk(25, 10, 0);		/* 10 + 10 + 5 lines */
	lay_paginate(b, 1, &params, &r);
	assert_int_equal(r.npages, 3);
	check_frag(&r, 0, 0, 0, 0, 10, 0);
	check_frag(&r, 1, 0, 1, 10, 10, 0);
	check_frag(&r, 2, 0, 2, 20, 5, 0);
	lay_result_clear(&r);
}

static void
test_lay_table_is_not_split(void **state)
{
	struct lay_block	 b[2];
	struct lay_result	 r;

	b[0] = blk(5, 10, 0);		/* 50 */
	b[1] = blk(6, 10, 0);		/* a table of six rows */
	b[1].split = 0;
	lay_paginate(b, 2, &params, &r);
	assert_int_equal(r.nfrags, 2);
	check_frag(&r, 1, 1, 1, 0, 6, 0);
	lay_result_clear(&r);
}

static void
test_lay_table_taller_than_page_breaks_at_rows(void **state)
{
	struct lay_block	 b[1];
	struct lay_result	 r;

	b[0] = blk(15, 10, 0);
	b[0].split = 0;
	lay_paginate(b, 1, &params, &r);
	assert_int_equal(r.npages, 2);
	check_frag(&r, 0, 0, 0, 0, 10, 0);
	check_frag(&r, 1, 0, 1, 10, 5, 0);
	lay_result_clear(&r);
}

/* Issue 13.10: a table longer than a page repeats its header rows at
 * the top of every page it continues on, and they count in its room. */
static void
test_issue13_10_table_header_repeated(void **state)
{
	struct lay_block	 b[1];
	struct lay_result	 r;
	size_t			 i;

	(void)state;
	b[0] = blk(30, 10, 0);		/* a header row and 29 body rows */
	b[0].split = 0;
	b[0].head = 1;
	lay_paginate(b, 1, &params, &r);
	assert_int_equal(r.npages, 4);
	check_frag(&r, 0, 0, 0, 0, 10, 0);
	assert_int_equal(r.frags[0].head, 0);
	for (i = 1; i < r.nfrags; i++) {
		assert_int_equal(r.frags[i].head, 1);
		assert_true(r.frags[i].y == 0);
		/* The header's 10 plus the rows: never past the page. */
		assert_true(10 + r.frags[i].count * 10 <= 100);
	}
	check_frag(&r, 1, 0, 1, 10, 9, 0);
	check_frag(&r, 2, 0, 2, 19, 9, 0);
	check_frag(&r, 3, 0, 3, 28, 2, 0);
	lay_result_clear(&r);
}

static void
test_lay_footnote_goes_with_its_line(void **state)
{
	struct lay_block	 b[2];
	struct lay_result	 r;
	static double		 notes[4] = { 0, 0, 0, 20 };

	b[0] = blk(6, 10, 0);		/* 60 */
	b[1] = blk(4, 10, 0);		/* line 4 brings a 20 pt footnote */
	b[1].notes = notes;
	lay_paginate(b, 2, &params, &r);
	/* All four lines would fit alone; with the note and its rule
	 * (25) only three do, and 3 + 1 would widow: 2 + 2. */
	check_frag(&r, 1, 1, 0, 0, 2, 60);
	check_frag(&r, 2, 1, 1, 2, 2, 0);
	assert_true(r.notes[0] < 0.01);
	assert_true(r.notes[1] > 24.99 && r.notes[1] < 25.01);
	lay_result_clear(&r);
}

/* Issue 13.9: a footnote taller than half a page continues at the foot
 * of the next page, with room kept for every line of it. */
static void
test_issue13_9_long_footnote_continues(void **state)
{
	struct lay_block	 b[3];
	struct lay_result	 r;
	struct lay_params	 pp = params;
	static double		 notes[2] = { 0, 150 };
	double			 total = 0;
	int			 i;

	pp.note_line = 5;
	b[0] = blk(2, 10, 0);		/* 20 */
	b[1] = blk(2, 10, 0);		/* its line 2 brings a 150 pt note */
	b[1].notes = notes;
	b[2] = blk(3, 10, 0);
	lay_paginate(b, 3, &pp, &r);
	/* The line with the reference and the note's start on page 1. */
	check_frag(&r, 1, 1, 0, 0, 2, 20);
	assert_true(r.notes[0] > 0 && r.notes[0] <= 100 - 40 + 0.01);
	/* The rest of the note (150 + its rule, less page 1's part, and
	 * two lines' slack) at the foot of the following pages. */
	for (i = 0; i < r.npages; i++) {
		assert_true(r.notes[i] <= 100 + 0.01);
		total += r.notes[i];
	}
	assert_true(total >= 150 + 5);
	/* The text after it is never under the notes. */
	for (i = 0; i < (int)r.nfrags; i++)
		assert_true(r.frags[i].y + r.frags[i].count * 10 +
		    r.notes[r.frags[i].page] <= 100 + 0.01);
	lay_result_clear(&r);

	/* Without note_line, notes stay whole: the line moves on. */
	pp.note_line = 0;
	notes[1] = 50;
	lay_paginate(b, 3, &pp, &r);
	assert_true(r.notes[0] < 0.01 || r.notes[0] >= 50);
	lay_result_clear(&r);
}

/* Issue 19: a page that ends early (its next block does not fit) is
 * justified: the gaps between its blocks, and its table rows, grow so
 * that its text ends at the page's foot; the last page is not. */
static void
test_lay_justified_pages(void **state)
{
	struct lay_block	 b[4];
	struct lay_result	 r;
	struct lay_params	 pp = params;
	double			 end;

	pp.stretch = 2.5;
	pp.stretch_pt = 12;
	b[0] = blk(3, 10, 0);		/* 30 */
	b[1] = blk(4, 10, 10);		/* a table, 40 + 10 above */
	b[1].rows = 1;
	b[1].split = 0;
	b[2] = blk(5, 10, 10);		/* a paragraph too long: moves */
	b[2].split = 0;
	b[3] = blk(1, 10, 10);
	lay_paginate(b, 4, &pp, &r);
	assert_int_equal(r.npages, 2);
	/* 20 were free: the gap above the table and its 3 row gaps
	 * share them. */
	assert_true(r.frags[1].y > 40);
	assert_true(r.frags[1].lead > 0);
	end = r.frags[1].y + 40 + 3 * r.frags[1].lead;
	/* (to within half a point: the rows' 3 pt each are used up) */
	assert_true(r.frags[1].lead > 2.99 && r.frags[1].lead < 3.01);
	assert_true(end > 99.5 && end < 100.01);
	/* The last page keeps its natural spacing. */
	check_frag(&r, 2, 2, 1, 0, 5, 0);
	check_frag(&r, 3, 3, 1, 0, 1, 60);
	lay_result_clear(&r);

	/* Never the gap below a heading (kept with the next block). */
	b[0].keep = 1;
	b[1].rows = 0;
	lay_paginate(b, 4, &pp, &r);
	check_frag(&r, 1, 1, 0, 0, 4, 40);
	lay_result_clear(&r);
}

/* A run no justification touches has lead 0, whatever the heap held:
 * lay_place() once left it unset, and a table continued on a page that
 * was not justified had its rows painted at a garbage spacing, over the
 * text below, in about one render of thirty (M_PERTURB makes the heap
 * hold garbage every time). */
static void
test_lay_unjustified_runs_have_no_lead(void **state)
{
	struct lay_block	 b[3];
	struct lay_result	 r;
	struct lay_params	 pp = params;
	size_t			 i;

	(void)state;
	mallopt(M_PERTURB, 0x5a);
	pp.stretch = 2.5;
	pp.stretch_pt = 12;
	b[0] = blk(9, 10, 0);		/* a full page */
	b[1] = blk(12, 10, 10);		/* a table run over two pages */
	b[1].rows = 1;
	b[1].head = 1;
	b[2] = blk(2, 10, 10);
	lay_paginate(b, 3, &pp, &r);
	mallopt(M_PERTURB, 0);
	assert_true(r.npages >= 2);
	for (i = 0; i < r.nfrags; i++)
		if (r.frags[i].page + 1 == r.npages ||
		    r.frags[i].count < 2 || !b[r.frags[i].block].rows)
			if (r.frags[i].lead != 0)
				fail_msg("fragment %zu (page %d): lead %g", i,
				    r.frags[i].page, r.frags[i].lead);
	lay_result_clear(&r);
}

/* Issue 19: a gap grows to at most stretch times itself and by no more
 * than stretch_pt; a page those caps leave ending above fill of its
 * height has its gaps grow past them, as far as that and no further. */
static void
test_lay_justify_caps(void **state)
{
	struct lay_block	 b[3];
	struct lay_result	 r;
	struct lay_params	 pp = params;

	pp.stretch = 1;
	pp.stretch_pt = 8;
	b[0] = blk(3, 10, 0);		/* 30 */
	b[1] = blk(1, 10, 10);		/* ends at 50 */
	b[2] = blk(6, 10, 10);		/* 70 with its gap: next page */
	b[2].split = 0;
	lay_paginate(b, 3, &pp, &r);
	assert_int_equal(r.npages, 2);
	/* 50 were free; the gap of 10 grows by 8 (not 10, not 50). */
	check_frag(&r, 1, 1, 0, 0, 1, 48);
	lay_result_clear(&r);

	pp.stretch_pt = 40;
	lay_paginate(b, 3, &pp, &r);
	check_frag(&r, 1, 1, 0, 0, 1, 50);	/* doubled: 10 more */
	lay_result_clear(&r);

	/* With fill: past the caps to end at 90, not at 100. */
	pp.stretch_pt = 8;
	pp.fill = 0.9;
	lay_paginate(b, 3, &pp, &r);
	assert_true(r.frags[1].y > 79.99 && r.frags[1].y < 80.01);
	/* A page the caps already bring below fill stays as it was. */
	pp.fill = 0.5;
	lay_result_clear(&r);
	lay_paginate(b, 3, &pp, &r);
	check_frag(&r, 1, 1, 0, 0, 1, 48);
	lay_result_clear(&r);
}

/* Issue 19: past the caps, only the gaps above a page's headings grow
 * (a section break reads as one; a hole between paragraphs does not). */
static void
test_lay_justify_past_cap_above_headings(void **state)
{
	struct lay_block	 b[5];
	struct lay_result	 r;
	struct lay_params	 pp = params;

	pp.stretch = 1;
	pp.stretch_pt = 8;
	pp.fill = 0.9;
	b[0] = blk(1, 10, 0);
	b[1] = blk(1, 10, 10);		/* a paragraph */
	b[2] = blk(1, 10, 10);		/* a heading */
	b[2].section = 1;
	b[2].keep = 1;
	b[3] = blk(1, 10, 0);		/* its text: ends at 60 */
	b[4] = blk(9, 10, 10);		/* too tall to come up */
	b[4].split = 0;
	lay_paginate(b, 5, &pp, &r);
	assert_int_equal(r.npages, 2);
	/* 40 free: each gap grows by its cap of 8, then the 14 that
	 * leave the page 10 empty go above the heading alone. */
	check_frag(&r, 1, 1, 0, 0, 1, 28);
	check_frag(&r, 2, 2, 0, 0, 1, 70);
	check_frag(&r, 3, 3, 0, 0, 1, 80);
	lay_result_clear(&r);
}

static void
test_lay_page_break_request(void **state)
{
	struct lay_block	 b[2];
	struct lay_result	 r;

	b[0] = blk(1, 10, 0);
	b[1] = blk(1, 10, 10);
	b[1].newpage = 1;
	lay_paginate(b, 2, &params, &r);
	assert_int_equal(r.npages, 2);
	check_frag(&r, 1, 1, 1, 0, 1, 0);
	lay_result_clear(&r);
}

static void
test_lay_nothing_to_lay(void **state)
{
	struct lay_result	 r;

	lay_paginate(NULL, 0, &params, &r);
	assert_int_equal(r.npages, 1);
	assert_int_equal(r.nfrags, 0);
	lay_result_clear(&r);
	lay_result_clear(NULL);
}

static void
test_lay_columns(void **state)
{
	static const double	 nat[3] = { 60, 100, 200 };
	static const double	 min[3] = { 40, 50, 60 };
	double			 w[3];

	/* Natural widths when they fit. */
	lay_columns(nat, min, 3, 400, w);
	assert_true(w[0] == 60 && w[1] == 100 && w[2] == 200);
	/* Otherwise minimums plus a fair share of what is left: 150 of
	 * spare over wants 20, 50, 140. */
	lay_columns(nat, min, 3, 300, w);
	assert_true(w[0] > 40 && w[0] < 60);
	assert_true(w[2] > w[1]);
	assert_true(w[0] + w[1] + w[2] > 299.99 &&
	    w[0] + w[1] + w[2] < 300.01);
	/* Never below a column's longest word while the words fit... */
	lay_columns(nat, min, 3, 150, w);
	assert_true(w[0] == 40 && w[1] == 50 && w[2] == 60);
}

/* Issue 13.7: words too wide for the page together break in their cells:
 * the columns never take more than the page, and a column whose word
 * fits keeps its width. */
static void
test_issue13_7_long_word_in_cell_stays_on_page(void **state)
{
	static const double	 nat[3] = { 2000, 60, 70 };
	static const double	 min[3] = { 2000, 40, 50 };
	double			 w[3];

	(void)state;
	lay_columns(nat, min, 3, 450, w);
	assert_true(w[0] + w[1] + w[2] <= 450.01);
	assert_true(w[1] >= 40 && w[2] >= 50);
	assert_true(w[0] >= 100);
}

/* ------------------------------------------------------------------ */
/* The measured layout and the PDF file (need the project's files) */

struct world {
	struct cohort	*cohort;
	struct fig_set	*figs;
};

static int
world_setup(void **state)
{
	struct world	*w;
	struct diag	 d;

	w = xcalloc(1, sizeof(*w));
	*state = w;
	if (access("fonts/OpenSans-Regular.ttf", R_OK) != 0 ||
	    access("input/report.yaml", R_OK) != 0)
		return 0;	/* not in the project root: tests skip */
	diag_init(&d, stderr);
	w->cohort = case_load_dir("input", NULL, &d);
	if (w->cohort != NULL)
		w->figs = fig_load("templates/figures.yaml", w->cohort, &d);
	diag_clear(&d);
	return 0;
}

static int
world_teardown(void **state)
{
	struct world	*w = *state;

	fig_set_free(w->figs);
	cohort_free(w->cohort);
	free(w);
	return 0;
}

/* Parses and fills src for the region, with the figure named hide (if
 * not NULL) suppressed as disclosure control would; returns the
 * document. */
static struct doc *
world_doc_hiding(struct world *w, const char *src, const char *hide)
{
	struct diag		 d;
	struct doc		*doc;
	struct doc_env		 env;
	struct fig_selection	 sel = { -1, 0, 0 };
	struct fig_ledger	*l;
	size_t			 i;

	diag_init(&d, stderr);
	doc = tmpl_parse_buf("t.tmpl", src, strlen(src), &d);
	assert_non_null(doc);
	l = fig_aggregate(w->figs, w->cohort, &sel);
	for (i = 0; hide != NULL && i < l->nvalues; i++)
		if (strcmp(l->values[i].name, hide) == 0)
			l->values[i].suppressed = 1;
	memset(&env, 0, sizeof(env));
	env.cohort = w->cohort;
	env.ledgers[DOC_LEDGER_SELECTION] = l;
	env.ledgers[DOC_LEDGER_REGION] = l;
	env.lscb = -1;
	assert_true(doc_fill(doc, &env, &d));
	fig_ledger_free(l);
	diag_clear(&d);
	return doc;
}

/* Parses and fills src for the region; returns the document. */
static struct doc *
world_doc(struct world *w, const char *src)
{
	return world_doc_hiding(w, src, NULL);
}

/* One line of the layout dump. */
struct frag_row {
	int	 page;
	double	 y;
	char	 type[16];
	int	 first, last, nlines;
	char	 text[64];
};

/* Returns the rows of doc's layout dump; *n is set to their number. */
static struct frag_row *
layout_rows(const struct doc *doc, size_t *n, int *npages)
{
	struct diag	 d;
	char		*s = NULL, *line, *save;
	size_t		 len = 0;
	FILE		*f;
	struct frag_row	*rows = NULL;

	diag_init(&d, stderr);
	f = open_memstream(&s, &len);
	assert_int_equal(render_layout_dump(doc, "fonts", f, &d), 0);
	fclose(f);
	diag_clear(&d);
	*n = 0;
	for (line = strtok_r(s, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (sscanf(line, "pages %d", npages) == 1)
			continue;
		rows = xreallocarray(rows, *n + 1, sizeof(*rows));
		memset(&rows[*n], 0, sizeof(rows[*n]));
		if (sscanf(line, "page %d y %lf %15s lines %d-%d of %d "
		    "\"%63[^\"]", &rows[*n].page, &rows[*n].y, rows[*n].type,
		    &rows[*n].first, &rows[*n].last, &rows[*n].nlines,
		    rows[*n].text) < 6)
			fail_msg("bad dump line: %s", line);
		(*n)++;
	}
	free(s);
	return rows;
}

static void
test_layout_breaks_lines(void **state)
{
	struct world	*w = *state;
	struct doc	*doc;
	struct frag_row	*rows;
	size_t		 n;
	int		 npages;

	if (w->figs == NULL)
		skip();
	doc = world_doc(w, "Short.\n\n"
	    "A paragraph long enough to need several lines at twelve point "
	    "on an A4 page with two and a half centimetre margins, because "
	    "it goes on and on about the {children} children in {cases} "
	    "families well past the right margin of the first line and the "
	    "second.\n");
	rows = layout_rows(doc, &n, &npages);
	assert_int_equal(n, 2);
	assert_int_equal(npages, 1);
	assert_int_equal(rows[0].nlines, 1);
	assert_true(rows[1].nlines >= 3 && rows[1].nlines <= 5);
	assert_true(rows[1].y > 0);
	free(rows);
	doc_free(doc);
}

/* Builds a template of n filler paragraphs followed by src. */
static char *
filler(int n, const char *src)
{
	struct buf	 b;
	int		 i;

	buf_init(&b);
	for (i = 0; i < n; i++)
		buf_printf(&b, "Paragraph %d fills the page with a line or "
		    "two of text so that what follows lands near the foot "
		    "of the first page.\n\n", i + 1);
	buf_puts(&b, src);
	return buf_take(&b);
}

static void
test_layout_keeps_heading_with_text(void **state)
{
	struct world	*w = *state;
	struct doc	*doc;
	struct frag_row	*rows;
	size_t		 n, i;
	int		 npages, k, moved = 0;
	char		*src;

	if (w->figs == NULL)
		skip();
	/* Wherever the heading falls, its text is on its page. */
	for (k = 14; k < 22; k++) {
		src = filler(k, "## A heading\n\nIts text, a paragraph "
		    "of one line.\n");
		doc = world_doc(w, src);
		rows = layout_rows(doc, &n, &npages);
		for (i = 0; i + 1 < n; i++)
			if (strcmp(rows[i].type, "heading") == 0) {
				assert_int_equal(rows[i].page,
				    rows[i + 1].page);
				if (rows[i].page == 2)
					moved = 1;
			}
		free(rows);
		doc_free(doc);
		free(src);
	}
	assert_true(moved);
}

/* Checks the typesetting rules on the layout of the real paper. */
static void
test_layout_of_the_paper(void **state)
{
	struct world	*w = *state;
	struct diag	 d;
	struct paper	*pp;
	struct doc	*doc;
	struct frag_row	*rows;
	size_t		 n, i;
	int		 npages, tables, lscb;

	if (w->figs == NULL)
		skip();
	diag_init(&d, stderr);
	pp = paper_new(w->cohort, w->figs);
	assert_int_equal(paper_template(pp, "templates/background-paper.tmpl",
	    &d), 0);
	/* The regional paper, and every board's. */
	for (lscb = -1; lscb < (int)w->cohort->report.nlscbs; lscb++) {
		assert_int_equal(paper_build(pp, lscb, &doc, &d), 0);
		rows = layout_rows(doc, &n, &npages);
		assert_true(npages >= 4 && npages <= 16);
		tables = 0;
		for (i = 0; i < n; i++) {
			/* No heading left alone at the foot of a page. */
			if (strcmp(rows[i].type, "heading") == 0 && i + 1 < n)
				assert_int_equal(rows[i].page,
				    rows[i + 1].page);
			/* A table breaks only between rows: every part
			 * after the first starts a page (below a float
			 * moved there; issue 13.10 repeats its header
			 * rows there) and none is a single row. */
			if (strcmp(rows[i].type, "table") == 0) {
				if (rows[i].first == 1)
					tables++;
				if (rows[i].first > 1)
					assert_true(rows[i - 1].page !=
					    rows[i].page ||
					    strcmp(rows[i - 1].type,
					    "chart") == 0 ||
					    strcmp(rows[i - 1].type,
					    "tilemap") == 0);
				if (rows[i].first > 1 ||
				    rows[i].last < rows[i].nlines)
					assert_true(rows[i].last -
					    rows[i].first + 1 >= 2);
			}
			/* No single line of a paragraph either side of a
			 * break. */
			if (rows[i].last - rows[i].first + 1 <
			    rows[i].nlines)
				assert_true(rows[i].last - rows[i].first +
				    1 >= 2);
		}
		/* The regional paper has the age table and the board
		 * table of "at a glance"; a board's paper the age table,
		 * and its own tables besides when it has reviews. */
		if (lscb < 0)
			assert_int_equal(tables, 2);
		else if (paper_ledger(pp, lscb)->cases == 0)
			assert_int_equal(tables, 1);
		else
			assert_true(tables > 1);
		free(rows);
		doc_free(doc);
	}
	paper_free(pp);
	diag_clear(&d);
}

/* Renders board lscb's paper (-1: the region) from template tmpl with
 * the fonts in fonts to out, as `scrpaper render` does.  Returns the
 * exit status. */
static int
render_with(struct world *w, const char *tmpl, int lscb, const char *fonts,
    const char *out, struct diag *d)
{
	struct paper	*pp;
	struct doc	*doc = NULL;
	int		 rc;

	pp = paper_new(w->cohort, w->figs);
	if ((rc = paper_template(pp, tmpl, d)) == 0 &&
	    (rc = paper_build(pp, lscb, &doc, d)) == 0)
		rc = render_pdf(doc, fonts, out, d);
	doc_free(doc);
	paper_free(pp);
	return rc;
}

/* Checks board lscb's paper (-1: every paper) as `scrpaper check`
 * does.  Returns the exit status. */
static int
check_with(struct world *w, const char *tmpl, int lscb, struct diag *d)
{
	struct paper	*pp;
	int		 rc;

	pp = paper_new(w->cohort, w->figs);
	if ((rc = paper_template(pp, tmpl, d)) == 0)
		rc = paper_check(pp, lscb, d);
	paper_free(pp);
	return rc;
}

/* Returns the names in dir other than . and .., one string. */
static char *
dir_list(const char *dir)
{
	char	*cmd, *s = NULL;
	size_t	 len = 0;
	FILE	*p, *f;
	int	 c;

	cmd = xasprintf("ls -A '%s'", dir);
	p = popen(cmd, "r");
	f = open_memstream(&s, &len);
	while ((c = getc(p)) != EOF)
		putc(c, f);
	pclose(p);
	fclose(f);
	free(cmd);
	return s;
}

static void
test_render_writes_whole_file_or_none(void **state)
{
	struct world		*w = *state;
	struct diag		 d;
	const char		*tmpl = "templates/background-paper.tmpl";
	const char		*tmpdir = getenv("TMPDIR");
	char			*dir, *out, *ls, *bad;
	struct stat		 st;
	FILE			*f;

	if (w->figs == NULL)
		skip();
	dir = xasprintf("%s/scrpaper-test-XXXXXX", tmpdir != NULL &&
	    *tmpdir != '\0' ? tmpdir : "/tmp");
	assert_non_null(mkdtemp(dir));
	out = xasprintf("%s/paper.pdf", dir);

	/* Success: exactly one file, a PDF. */
	diag_init(&d, NULL);
	assert_int_equal(render_with(w, tmpl, -1, "fonts", out, &d), 0);
	ls = dir_list(dir);
	assert_string_equal(ls, "paper.pdf\n");
	free(ls);
	assert_int_equal(stat(out, &st), 0);
	assert_true(st.st_size > 1000);

	/* A bad template: status 1, the old PDF untouched, no stray. */
	bad = xasprintf("%s/bad.tmpl", dir);
	f = fopen(bad, "w");
	fputs("# T\n\n{boyz}\n", f);
	fclose(f);
	assert_int_equal(render_with(w, bad, -1, "fonts", out, &d), 1);
	assert_int_equal(d.nerrors, 1);
	assert_non_null(strstr(d.items[0].msg, "did you mean \"boys\""));
	unlink(bad);
	free(bad);

	/* Missing fonts: a system error, nothing written. */
	assert_int_equal(render_with(w, tmpl, -1, dir, out, &d), 3);
	assert_non_null(strstr(d.items[d.nitems - 1].msg, "missing"));

	/* An unwritable place: a system error. */
	assert_int_equal(render_with(w, tmpl, -1, "fonts",
	    "/nonexistent-dir/paper.pdf", &d), 3);
	assert_non_null(strstr(d.items[d.nitems - 1].msg, "cannot write"));

	ls = dir_list(dir);
	assert_string_equal(ls, "paper.pdf\n");
	free(ls);
	{
		struct stat st2;

		assert_int_equal(stat(out, &st2), 0);
		assert_int_equal(st2.st_size, st.st_size);
	}
	diag_clear(&d);
	unlink(out);
	rmdir(dir);
	free(dir);
	free(out);
}

static void
test_render_check(void **state)
{
	struct world		*w = *state;
	struct diag		 d;
	const char		*tmpl = "templates/background-paper.tmpl";

	if (w->figs == NULL)
		skip();
	diag_init(&d, NULL);
	assert_int_equal(check_with(w, tmpl, -1, &d), 0);
	assert_int_equal(check_with(w, tmpl, 0, &d), 0);
	/* A template that is not there is invalid input, exit 1 as a
	 * missing --figures (issue 13.15). */
	assert_int_equal(check_with(w, "/nonexistent.tmpl", -1, &d), 1);
	diag_clear(&d);
}


/* Returns the output of the shell command cmd (a new string). */
static char *
cmd_output(const char *cmd)
{
	char	*s = NULL;
	size_t	 len = 0;
	FILE	*p, *f;
	int	 c;

	p = popen(cmd, "r");
	assert_non_null(p);
	f = open_memstream(&s, &len);
	while ((c = getc(p)) != EOF)
		putc(c, f);
	pclose(p);
	fclose(f);
	return s;
}

/* Returns the height a chart of ncats categories of three series takes
 * in the layout: from its top to the paragraph after it, less the 14 pt
 * between them (the paper has one page: no justification). */
static double
chart_height(struct world *w, int ncats)
{
	struct buf	 src;
	struct doc	*doc;
	struct frag_row	*rows;
	size_t		 n, i;
	int		 k, npages;
	double		 top = -1, h = -1;

	buf_init(&src);
	buf_puts(&src, "# T\n\n| WHAT | A | B | C |\n| --- | --- | --- | --- |\n");
	for (k = 0; k < ncats; k++)
		buf_printf(&src, "| Row %d | %d%% | %d%% | %d%% |\n", k,
		    10 + k, 20 + k, 30 + k);
	buf_puts(&src, "\n@chart Bars\n\nAfter.\n");
	doc = world_doc(w, src.data);
	rows = layout_rows(doc, &n, &npages);
	assert_int_equal(npages, 1);
	for (i = 0; i < n; i++) {
		if (strcmp(rows[i].type, "chart") == 0)
			top = rows[i].y;
		else if (top >= 0 && h < 0)
			h = rows[i].y - top - 14;
	}
	free(rows);
	doc_free(doc);
	buf_clear(&src);
	return h;
}

/* Issue 19: a chart of more than 12 bars is set at the compact pitch (11
 * pt bars 2 apart, 8 between categories; 16, 2 and 12 otherwise): a
 * legend row of 24, the categories, an axis row of 22. */
static void
test_render_chart_pitch(void **state)
{
	struct world	*w = *state;
	double		 h;

	if (w->figs == NULL)
		skip();
	h = chart_height(w, 4);		/* 12 bars: the full pitch */
	assert_true(h > 24 + 4 * (3 * 18 - 2 + 12) + 22 - 0.1 &&
	    h < 24 + 4 * (3 * 18 - 2 + 12) + 22 + 0.1);
	h = chart_height(w, 5);		/* 15 bars: compact */
	assert_true(h > 24 + 5 * (3 * 13 - 2 + 8) + 22 - 0.1 &&
	    h < 24 + 5 * (3 * 13 - 2 + 8) + 22 + 0.1);
}

/*
 * A DOC_CHART after a table is drawn as a Figure with a text
 * alternative made from the table's cells; suppressed cells ([c]) get
 * no bar and are explained; the PDF stays tagged, with its caption in
 * the structure and the chart kept whole after its caption.
 */
static void
test_render_chart_is_a_figure_with_alt(void **state)
{
	struct world	*w = *state;
	struct diag	 d;
	struct doc	*doc;
	struct frag_row	*rows;
	const char	*tmpdir = getenv("TMPDIR");
	char		*dir, *out, *cmd, *s;
	size_t		 n, i;
	int		 npages, charts = 0;

	if (w->figs == NULL)
		skip();
	doc = world_doc_hiding(w, "# T\n\n"
	    "| AGE | LONDON | NATIONAL | BOARD |\n"
	    "| --- | --- | --- | --- |\n"
	    "| Under 1 | {age_under_1} | {national:age_under_1} | "
	    "{age_6_10} |\n"
	    "| 1 – 5 | {age_1_5} | {national:age_1_5} | 40% |\n"
	    "\n@chart Age of the children\n", "age_6_10");
	rows = layout_rows(doc, &n, &npages);
	for (i = 0; i < n; i++)
		if (strcmp(rows[i].type, "chart") == 0) {
			charts++;
			/* Whole, and on the page of its caption. */
			assert_int_equal(rows[i].first, 1);
			assert_int_equal(rows[i].last, rows[i].nlines);
			assert_int_equal(rows[i].page, rows[n - 1].page);
		}
	assert_int_equal(charts, 2);	/* caption and chart */
	free(rows);

	dir = xasprintf("%s/scrpaper-test-XXXXXX", tmpdir != NULL &&
	    *tmpdir != '\0' ? tmpdir : "/tmp");
	assert_non_null(mkdtemp(dir));
	out = xasprintf("%s/chart.pdf", dir);
	diag_init(&d, stderr);
	assert_int_equal(render_pdf(doc, "fonts", out, &d), 0);
	diag_clear(&d);

	cmd = xasprintf("pdfinfo -struct-text '%s' 2>/dev/null", out);
	s = cmd_output(cmd);
	assert_non_null(strstr(s, "Figure"));
	assert_non_null(strstr(s, "Age of the children\""));
	assert_non_null(strstr(s, "Figure\u00a01: Age"));
	assert_null(strstr(s, "Private"));
	free(s);
	free(cmd);
	cmd = xasprintf("qpdf --json '%s' 2>/dev/null | grep '\"/Alt\"'",
	    out);
	s = cmd_output(cmd);
	assert_non_null(strstr(s, "Bar chart: Age of the children. "
	    "Under 1: LONDON 35%, NATIONAL 32%, BOARD [c]. "
	    "1 – 5: LONDON 23%, NATIONAL 29%, BOARD 40%. "
	    "[c] marks a figure not shown"));
	free(s);
	free(cmd);

	/* A chart fill gave no data (it follows no table) draws
	 * nothing. */
	doc_free(doc);
	doc = world_doc(w, "# T\n\nText.\n");
	doc_node_append(doc->root, doc_node_new(DOC_CHART, 1, 1));
	rows = layout_rows(doc, &n, &npages);
	for (i = 0; i < n; i++)
		assert_string_not_equal(rows[i].type, "chart");
	free(rows);

	doc_free(doc);
	unlink(out);
	rmdir(dir);
	free(dir);
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lay_flows_blocks_down_pages),
		cmocka_unit_test(test_lay_heading_keeps_with_next),
		cmocka_unit_test(test_lay_float_moves_and_text_fills),
		cmocka_unit_test(test_lay_lead_in_breaks_to_keep_with_next),
		cmocka_unit_test(test_lay_table_splits_with_header),
		cmocka_unit_test(test_lay_heading_chain_moves_together),
		cmocka_unit_test(test_lay_heading_stays_when_text_can_start),
		cmocka_unit_test(test_lay_no_orphan_line),
		cmocka_unit_test(test_lay_no_widow_line),
		cmocka_unit_test(test_lay_short_paragraph_moves_whole),
		cmocka_unit_test(test_lay_long_paragraph_spans_pages),
		cmocka_unit_test(test_lay_table_is_not_split),
		cmocka_unit_test(test_lay_table_taller_than_page_breaks_at_rows),
		cmocka_unit_test(test_issue13_10_table_header_repeated),
		cmocka_unit_test(test_lay_footnote_goes_with_its_line),
		cmocka_unit_test(test_issue13_9_long_footnote_continues),
		cmocka_unit_test(test_lay_justified_pages),
		cmocka_unit_test(test_lay_unjustified_runs_have_no_lead),
		cmocka_unit_test(test_lay_justify_caps),
		cmocka_unit_test(test_lay_justify_past_cap_above_headings),
		cmocka_unit_test(test_lay_page_break_request),
		cmocka_unit_test(test_lay_nothing_to_lay),
		cmocka_unit_test(test_lay_columns),
		cmocka_unit_test(test_issue13_7_long_word_in_cell_stays_on_page),
		cmocka_unit_test_setup_teardown(test_layout_breaks_lines,
		    world_setup, world_teardown),
		cmocka_unit_test_setup_teardown(
		    test_layout_keeps_heading_with_text, world_setup,
		    world_teardown),
		cmocka_unit_test_setup_teardown(test_layout_of_the_paper,
		    world_setup, world_teardown),
		cmocka_unit_test_setup_teardown(
		    test_render_writes_whole_file_or_none, world_setup,
		    world_teardown),
		cmocka_unit_test_setup_teardown(test_render_check,
		    world_setup, world_teardown),
		cmocka_unit_test_setup_teardown(
		    test_render_chart_is_a_figure_with_alt, world_setup,
		    world_teardown),
		cmocka_unit_test_setup_teardown(test_render_chart_pitch,
		    world_setup, world_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
