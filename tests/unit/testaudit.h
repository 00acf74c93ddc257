/*
 * testaudit.h: runs the attacker on ledgers as scrpaper publishes them;
 * shared by test_fig_audit.c and test_fig_eval.c.  Include after case.h
 * and fig.h.
 */
#ifndef SCR_TESTAUDIT_H
#define SCR_TESTAUDIT_H

#include <stdio.h>
#include <stdlib.h>

/* Prints the boards' ledgers ls and London's, region, as `figures
 * --all-lscbs` and `figures` do, and runs fig_audit() on them, its
 * findings to out.  Returns what fig_audit() does. */
static inline long
test_audit_ledgers(const struct fig_set *s, const struct cohort *c,
    struct fig_ledger *const *ls, const struct fig_ledger *region, FILE *out)
{
	char *b = NULL, *r = NULL;
	size_t bl, rl;
	FILE *f;
	long found;

	f = open_memstream(&b, &bl);
	fig_print_csv_boards(f, ls, c->report.nlscbs, c);
	fclose(f);
	f = open_memstream(&r, &rl);
	fig_print_csv(f, region, c);
	fclose(f);
	found = fig_audit(s, b, r, "test", out);
	free(b);
	free(r);
	return found;
}

#endif
