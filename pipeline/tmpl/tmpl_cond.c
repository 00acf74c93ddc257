/*
 * tmpl_cond.c: ":::" blocks.  A block's condition by name ("regional",
 * "earlier LABEL", ...) and the tests of "::: if" and "::: unless" on
 * figure values and on their change since the period before.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "doc.h"
#include "tmpl.h"
#include "tmpl_int.h"

static void
tmpl_test_free(struct doc_test *t)
{
	if (t == NULL)
		return;
	free(t->name);
	free(t->rname);
	free(t->period.label);
	free(t->rperiod.label);
	free(t);
}

/* Parses "[region:]NAME" s[0..n) into *ledger and a new *name; returns
 * 0, or -1 when it is not a figure name. */
static int
tmpl_test_fig(const char *s, size_t n, enum doc_ledger *ledger, char **name,
    struct doc_period *period)
{
	const char	*e;

	*ledger = DOC_LEDGER_SELECTION;
	if (n > 7 && strncmp(s, "region:", 7) == 0) {
		*ledger = DOC_LEDGER_REGION;
		s += 7;
		n -= 7;
	}
	/* "previous:NAME", "earlier:LABEL:NAME" */
	if (n > 9 && strncmp(s, "previous:", 9) == 0) {
		period->previous = 1;
		s += 9;
		n -= 9;
	} else if (n > 8 && strncmp(s, "earlier:", 8) == 0 &&
	    (e = memchr(s + 8, ':', n - 8)) != NULL) {
		if (!tmpl_is_period(s + 8, (size_t)(e - s - 8)))
			return -1;
		period->label = xstrndup(s + 8, (size_t)(e - s - 8));
		n -= (size_t)(e + 1 - s);
		s = e + 1;
	}
	if (!tmpl_is_word(s, n, "_") || isdigit((unsigned char)s[0]))
		return -1;
	*name = xstrndup(s, n);
	return 0;
}

/*
 * Parses "::: if FIG rose", "fell", "unchanged" or "comparable" (the
 * words w[0..2) of s at line:col): how the figure changed from the
 * period before.
 * Returns a new test, or NULL (error reported).
 */
static struct doc_test *
tmpl_test_change(struct tmpl_parser *p, const char *s, const char **w,
    const size_t *wl, int line, int col)
{
	struct doc_test	*t;
	int		 op;

	for (op = DOC_OP_ROSE; op < DOC_OP__MAX; op++)
		if (strlen(doc_test_op_names[op]) == wl[1] &&
		    strncmp(w[1], doc_test_op_names[op], wl[1]) == 0)
			break;
	if (op == DOC_OP__MAX) {
		tmpl_err(p, line, col + (int)(w[1] - s), TM_CHANGE_TEST,
		    (int)wl[0], w[0], (int)wl[1], w[1]);
		return NULL;
	}
	t = xcalloc(1, sizeof(*t));
	t->op = (enum doc_test_op)op;
	if (tmpl_test_fig(w[0], wl[0], &t->ledger, &t->name,
	    &t->period) < 0 || t->period.previous || t->period.label) {
		tmpl_err(p, line, col, TM_CHANGE_TEST_FIGURE,
		    (int)wl[0], w[0], doc_test_op_names[op]);
		tmpl_test_free(t);
		return NULL;
	}
	return t;
}

/*
 * Parses the test of "::: if TEST", s[0..n) at line:col: FIG OP RIGHT.
 * Returns a new test, or NULL (error reported).
 */
static struct doc_test *
tmpl_test(struct tmpl_parser *p, const char *s, size_t n, int line, int col)
{
	const char	*w[4];
	size_t		 wl[4], nw = 0, i = 0, k;
	struct doc_test	*t;
	int		 op;
	char		*end;

	while (i < n && nw < 4) {
		while (i < n && s[i] == ' ')
			i++;
		if (i == n)
			break;
		w[nw] = s + i;
		while (i < n && s[i] != ' ')
			i++;
		wl[nw] = (size_t)(s + i - w[nw]);
		nw++;
	}
	while (i < n && s[i] == ' ')
		i++;
	if (nw == 2 && i == n)
		return tmpl_test_change(p, s, w, wl, line, col);
	if (i < n || nw < 3 || (nw == 4 && (wl[2] != 4 ||
	    strncmp(w[2], "half", 4) != 0))) {
		tmpl_err(p, line, col, TM_BAD_TEST,
		    (int)n, s);
		return NULL;
	}
	t = xcalloc(1, sizeof(*t));
	if (tmpl_test_fig(w[0], wl[0], &t->ledger, &t->name,
	    &t->period) < 0) {
		tmpl_err(p, line, col, TM_TEST_NAME,
		    (int)wl[0], w[0]);
		goto bad;
	}
	for (op = 0; op < DOC_OP_ROSE; op++)
		if (strlen(doc_test_op_names[op]) == wl[1] &&
		    strncmp(w[1], doc_test_op_names[op], wl[1]) == 0)
			break;
	if (op == DOC_OP_ROSE) {
		tmpl_err(p, line, col + (int)(w[1] - s), TM_TEST_OP, (int)wl[1],
		    w[1]);
		goto bad;
	}
	t->op = (enum doc_test_op)op;
	k = nw - 1;
	t->rhalf = nw == 4;
	if (!t->rhalf && isdigit((unsigned char)w[k][0])) {
		errno = 0;
		t->rnum = strtol(w[k], &end, 10);
		if (end < w[k] + wl[k] && *end == '%' &&
		    end + 1 == w[k] + wl[k]) {
			t->rpercent = 1;
			if (t->rnum > 100)
				errno = ERANGE;
		} else if (end != w[k] + wl[k])
			errno = EINVAL;
		if (errno != 0 || t->rnum < 0 || t->rnum > 1000000000L) {
			tmpl_err(p, line, col + (int)(w[k] - s),
			    TM_TEST_NUMBER, (int)wl[k], w[k]);
			goto bad;
		}
		return t;
	}
	if (tmpl_test_fig(w[k], wl[k], &t->rledger, &t->rname,
	    &t->rperiod) < 0) {
		tmpl_err(p, line, col + (int)(w[k] - s), TM_TEST_NAME,
		    (int)wl[k], w[k]);
		goto bad;
	}
	return t;
bad:
	tmpl_test_free(t);
	return NULL;
}

/* Returns the condition named s[0..n), or -1 (error reported). */
static int
tmpl_cond(struct tmpl_parser *p, const char *s, size_t n, int line, int col)
{
	char		*name;
	const char	*sug;
	int		 i;

	for (i = 0; i < DOC_COND__MAX; i++)
		if (strlen(doc_cond_names[i]) == n &&
		    strncmp(doc_cond_names[i], s, n) == 0)
			return i;
	name = xstrndup(s, n);
	sug = str_suggest(name, doc_cond_names, DOC_COND__MAX);
	if (sug != NULL)
		tmpl_err(p, line, col, TM_UNKNOWN_BLOCK_SUGGEST, name, sug);
	else {
		struct buf all;

		/* Every block, from the table, so none is left out. */
		buf_init(&all);
		for (i = 0; i < DOC_COND__MAX; i++)
			buf_printf(&all, "%s%s", i == 0 ? "" : i + 1 ==
			    DOC_COND__MAX ? " or " : ", ", doc_cond_names[i]);
		tmpl_err(p, line, col, TM_UNKNOWN_BLOCK, name,
		    all.data);
		buf_clear(&all);
	}
	free(name);
	return -1;
}

/* Returns the label of "::: earlier LABEL", s[0..n) at line:col, as a
 * new string, or NULL (error reported). */
static char *
tmpl_cond_label(struct tmpl_parser *p, const char *s, size_t n, int line,
    int col)
{
	while (n > 0 && s[0] == ' ') {
		s++;
		n--;
		col++;
	}
	if (!tmpl_is_period(s, n)) {
		tmpl_err(p, line, col, TM_EARLIER_LABEL, (int)n,
		    s);
		return NULL;
	}
	return xstrndup(s, n);
}

/* A ":::" line s[0..n) at line:col: opens a block on its condition, or
 * closes the innermost one. */
void
tmpl_cond_line(struct tmpl_parser *p, const char *s, size_t n, int line,
    int col)
{
	struct doc_node	*node;
	struct doc_test	*test;
	char		*label;
	size_t		 i, k;
	int		 c;

	tmpl_close_all(p);
	for (i = 3; i < n && s[i] == ' '; i++)
		continue;
	if (i == n) {
		if (p->ndepth == 0) {
			tmpl_err(p, line, col, TM_CLOSES_NO_BLOCK);
			return;
		}
		p->ndepth--;
		return;
	}
	test = NULL;
	k = n - i > 3 && strncmp(s + i, "if ", 3) == 0 ? 3 :
	    n - i > 7 && strncmp(s + i, "unless ", 7) == 0 ? 7 : 0;
	label = NULL;
	if (k == 0 && n - i > 8 && strncmp(s + i, "earlier ", 8) == 0) {
		c = DOC_COND_EARLIER;
		label = tmpl_cond_label(p, s + i + 8, n - i - 8, line,
		    col + (int)(i + 8));
	} else if (k > 0) {
		c = k == 3 ? DOC_COND_IF : DOC_COND_UNLESS;
		test = tmpl_test(p, s + i + k, n - i - k, line,
		    col + (int)(i + k));
	} else if ((c = tmpl_cond(p, s + i, n - i, line,
	    col + (int)i)) < 0)
		c = DOC_COND_REGIONAL; /* keep the nesting right */
	else if (c == DOC_COND_IF || c == DOC_COND_UNLESS) {
		tmpl_err(p, line, col + (int)i, TM_IF_NO_TEST);
		c = DOC_COND_REGIONAL;
	}
	if (p->ndepth == TMPL_MAX_DEPTH) {
		tmpl_err(p, line, col, TM_TOO_DEEP, TMPL_MAX_DEPTH);
		tmpl_test_free(test);
		free(label);
		return;
	}
	node = doc_node_new(DOC_COND, line, col);
	node->as.cond.cond = c;
	node->as.cond.test = test;
	node->as.cond.label = label;
	doc_node_append(tmpl_container(p), node);
	p->conds[p->ndepth++] = node;
	return;
}
