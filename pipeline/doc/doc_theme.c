/*
 * doc_theme.c: what every edition prints alike, decided once: the
 * colours (the tile map's shades and their ink, the bar chart's series
 * colours and hatching), the sign-off's lines and the paper's date
 * (doc.h).  The back ends read them and never decide these again.
 */
#include <stddef.h>
#include <stdio.h>

#include "util.h"

#include "doc.h"

/* Blues, lightest first; black ink on the three light ones, white on the
 * two dark ones (contrast 18.9, 14.0, 8.7, 5.1 and 12.8 to 1). */
const struct doc_tile_shade doc_tile_shades[DOC_TILE_SHADES] = {
	{ 0xeff3ff, 0x000000 },
	{ 0xbdd7e7, 0x000000 },
	{ 0x6baed6, 0x000000 },
	{ 0x2171b5, 0xffffff },
	{ 0x08306b, 0xffffff },
};

/* A chart's colours: dark blue and turquoise of the Government Analysis
 * Function's palette (10.3:1 and 3.2:1 against white, 3.2:1 between
 * them). */
const unsigned doc_chart_colours[DOC_CHART_COLOURS] = {
	0x12436d,
	0x28a197,
};

/* The colour of series s: the first two solid, the third hatched in the
 * dark blue, the fourth in turquoise the other way, the fifth (a
 * "@periods" table's chart has up to five) cross-hatched in dark blue. */
int
doc_chart_colour(size_t s)
{
	return s == 1 || s == 3;
}

/* The hatching of series s (doc_chart_colour()). */
enum doc_hatch
doc_chart_hatch(size_t s)
{
	switch (s) {
	case 0:
	case 1:
		return DOC_HATCH_NONE;
	case 2:
		return DOC_HATCH_RISING;
	case 3:
		return DOC_HATCH_FALLING;
	default:
		return DOC_HATCH_CROSS;
	}
}

const char **
doc_meta_signoff(const struct doc_meta *m, size_t *n)
{
	const char	**l = xcalloc(m->nauthors + 1, sizeof(*l));
	size_t		  i;

	for (i = 0; i < m->nauthors; i++)
		l[i] = m->authors[i];
	if (m->organisation != NULL)
		l[i++] = m->organisation;
	*n = i;
	return l;
}

int
doc_meta_date(const struct doc_meta *m, char *s, size_t sz)
{
	snprintf(s, sz, "%04d-%02d-%02d", m->created / 10000,
	    m->created / 100 % 100, m->created % 100);
	return m->created > 0 ? 0 : -1;
}
