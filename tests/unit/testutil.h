/*
 * testutil.h: small helpers the unit tests share.  Included by
 * tests/unit/test_*.c after diag.h; each function is static, so a test
 * binary carries only what it uses.
 */
#ifndef SCR_TESTUTIL_H
#define SCR_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

#ifdef SCR_CASE_H
/* Returns a new cohort holding only report.yaml and national.yaml, read
 * from the strings report and national (free with cohort_free()), or
 * NULL when they do not load (the messages dumped).  For the tests of
 * fill, which need a report and studies but no cases. */
static inline struct cohort *
cohort_from_yaml(const char *report, const char *national)
{
	struct cohort	*c = cohort_new();
	struct diag	 d;
	int		 ok;

	diag_init(&d, NULL);
	ok = case_load_report_buf(c, "report.yaml", report, strlen(report),
	    &d) && case_load_national_buf(c, "national.yaml", national,
	    strlen(national), &d);
	if (!ok) {
		dump_diags(&d, "fixture YAML does not load");
		cohort_free(c);
		c = NULL;
	}
	diag_clear(&d);
	return c;
}
#endif

#endif
