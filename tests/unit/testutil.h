/*
 * testutil.h: small helpers the unit tests share.  Included by
 * tests/unit/test_*.c after diag.h; each function is static, so a test
 * binary carries only what it uses.
 */
#ifndef SCR_TESTUTIL_H
#define SCR_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>

#include "diag.h"

/* Prints every collected diagnostic to stderr, headed by why, so that a
 * failing test shows them all. */
static void
dump_diags(const struct diag *d, const char *why)
{
	size_t i;

	fprintf(stderr, "-- %s: %zu diagnostic(s):\n", why, d->nitems);
	for (i = 0; i < d->nitems; i++) {
		char *s = diag_format(d, i);

		fprintf(stderr, "   %s\n", s);
		free(s);
	}
}

#endif
