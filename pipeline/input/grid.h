/*
 * grid.h: the region's tile-map grid (grid.c): where each board sits in
 * a grid of squares, from INPUT/grid.yaml (input/README.md).  The
 * regional paper draws its tile map from it (fill.h); a region without
 * the file gets the board table alone.
 * For the commands (cli_*.c), paper.c, the filler and the tests.
 */
#ifndef SCR_GRID_H
#define SCR_GRID_H

#include <stddef.h>

struct diag;
struct report;

/* The largest column or row number a grid may use. */
#define GRID_MAX	20
/* The longest tile label, in bytes. */
#define GRID_LABEL_MAX	6

struct grid_tile {
	int	 lscb;		/* index into report.lscbs */
	int	 col;		/* 1..GRID_MAX, from the left */
	int	 row;		/* 1..GRID_MAX, from the top */
	char	*label;		/* short label printed on the tile */
};

struct grid {
	struct grid_tile *tiles;	/* indexed as report.lscbs: one tile
					   for every board */
	size_t		  ntiles;
	int		  ncols;	/* the largest column used */
	int		  nrows;	/* the largest row used */
	char		 *layout;	/* its name, e.g. "London squared" */
};

/*
 * Loads the grid from path, checked against the boards of r: every board
 * of r has exactly one tile, no two tiles share a square, every key is a
 * known board (with a suggestion), col and row are whole numbers from 1
 * to GRID_MAX, a label 1 to GRID_LABEL_MAX bytes.  Returns the grid (free
 * with grid_free()), or NULL: when path does not exist (*missing set to
 * 1, nothing reported) or after reporting every problem to d as
 * FILE:LINE:COL.
 */
struct grid	*grid_load(const char *path, const struct report *r,
		    struct diag *d, int *missing);
/* The same from a buffer (tests); file names it in messages. */
struct grid	*grid_load_buf(const char *file, const char *data, size_t len,
		    const struct report *r, struct diag *d);
/* Frees g; accepts NULL. */
void		 grid_free(struct grid *g);

#endif
