/*
 * paper_review.c: `scrpaper review`, the sign-off sheet of a paper.
 *
 * The paper is built as `render` builds it; the sheet then lists, each
 * with the template's FILE:LINE, what a person must read before signing:
 *
 *   1. the fixed text the paper shows: every "::: fixed" block (quoted
 *      from a study, or the reviewers' findings) and every "{=...}";
 *   2. every sentence shown because a test on figures held ("::: if",
 *      "::: unless"), with each figure the test read and its value (and
 *      its value in the period before, for a test across periods), and
 *      every wording a figure chose ({NAME|ONE|OTHER}) with the value;
 *   3. every comparison between periods ({change:NAME}), as printed.
 *
 * What the paper shows is read from the filled document: a block of the
 * template is shown when some node of the document comes from one of its
 * lines.  The template's own text gives the blocks, their tests and the
 * fixed text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "case.h"
#include "fig.h"
#include "doc.h"
#include "paper.h"
#include "paper_review.h"

#define REVIEW_MAX_TEMPLATE	(16u << 20)	/* bytes */
#define REVIEW_MAX_DEPTH	32		/* nested ::: blocks */

struct review {
	const char		*path;
	const char		**lines;	/* the template, lines[1..n] */
	size_t			 n;
	unsigned char		*shown;		/* shown[i]: a node comes
						   from line i */
	struct paper		*pp;
	const struct cohort	*c;
	int			 lscb;
	struct buf		 b;
};

/* Marks the template lines the nodes under n come from. */
static void
review_mark(struct review *r, const struct doc_node *n)
{
	const struct doc_node *k;

	if (n->line > 0 && (size_t)n->line <= r->n)
		r->shown[n->line] = 1;
	for (k = n->first_child; k != NULL; k = k->next)
		review_mark(r, k);
}

/* Returns 1 if a line strictly between from and to is shown. */
static int
review_shown(const struct review *r, size_t from, size_t to)
{
	size_t i;

	for (i = from + 1; i < to && i <= r->n; i++)
		if (r->shown[i])
			return 1;
	return 0;
}

/* The line's text without its leading blanks. */
static const char *
review_trim(const char *s)
{
	return s + strspn(s, " \t");
}

/* One figure's value, "62% (37 of 60)", "4", "[c]", with the units not
 * recorded in its base, into r->b. */
static void
review_value(struct review *r, const struct fig_value *v)
{
	if (v->suppressed) {
		buf_puts(&r->b, v->text ? v->text : "");
		return;
	}
	if (v->unit == FIG_COUNT)
		buf_printf(&r->b, "%ld", v->num);
	else if (v->den == 0)
		buf_printf(&r->b, "%s (no base)", v->text ? v->text : "");
	else
		buf_printf(&r->b, "%d%% (%ld of %ld)", v->percent, v->num,
		    v->den);
	if (v->not_recorded > 0)
		buf_printf(&r->b, ", not recorded in %ld", v->not_recorded);
}

/*
 * Prints the figures test reads ("region:cases_with_death rose",
 * "region:psychosis_after_death = 1", "previous:cases") with their values:
 * the current period's, and the period before's when the test compares
 * periods.
 */
static void
review_test_figures(struct review *r, const char *test)
{
	const struct fig_ledger	*cur, *prev;
	const struct fig_value	*v, *w;
	const char		*p = test, *e;
	char			*tok, *name;
	int			 region, previous, periods;
	size_t			 np = r->c->report.nperiods;

	periods = strstr(test, " rose") != NULL ||
	    strstr(test, " fell") != NULL ||
	    strstr(test, " unchanged") != NULL ||
	    strstr(test, " comparable") != NULL;
	while (*p != '\0') {
		p += strspn(p, " ");
		e = p + strcspn(p, " ");
		if (e == p)
			break;
		tok = xstrndup(p, (size_t)(e - p));
		p = e;
		name = tok;
		region = strncmp(name, "region:", 7) == 0;
		if (region)
			name += 7;
		previous = strncmp(name, "previous:", 9) == 0;
		if (previous)
			name += 9;
		cur = paper_ledger(r->pp, region ? -1 : r->lscb);
		if ((v = fig_ledger_find(cur, name)) == NULL) {
			free(tok);
			continue;
		}
		buf_printf(&r->b, "      %s%s = ", region ? "region:" : "",
		    name);
		if (previous && np >= 2) {
			prev = paper_ledger_period(r->pp, region ? -1 :
			    r->lscb, np - 2);
			if ((w = fig_ledger_find(prev, name)) != NULL)
				review_value(r, w);
			buf_puts(&r->b, " in the period before\n");
			free(tok);
			continue;
		}
		review_value(r, v);
		if (periods && np >= 2) {
			prev = paper_ledger_period(r->pp, region ? -1 :
			    r->lscb, np - 2);
			if ((w = fig_ledger_find(prev, name)) != NULL) {
				buf_puts(&r->b, "; the period before: ");
				review_value(r, w);
			}
		}
		buf_putc(&r->b, '\n');
		free(tok);
	}
}

/* Prints the text lines of block from..to (comments and nested "::: "
 * lines left out), indented. */
static void
review_block_text(struct review *r, size_t from, size_t to, int first_only)
{
	size_t		 i;
	const char	*s;

	for (i = from + 1; i < to && i <= r->n; i++) {
		s = review_trim(r->lines[i]);
		if (*s == '\0' || *s == '%' || strncmp(s, ":::", 3) == 0)
			continue;
		buf_printf(&r->b, "      | %s\n", s);
		if (first_only)
			return;
	}
}

struct review_block {
	size_t	 from, to;
	char	*open;		/* the text after ":::" */
};

/* Collects the template's ::: blocks (a stack of their openings), in
 * the order they open. */
static struct review_block *
review_blocks(struct review *r, size_t *nb)
{
	struct review_block	*bv = NULL;
	size_t			 stack[REVIEW_MAX_DEPTH], depth = 0, i, n = 0;
	const char		*s;

	for (i = 1; i <= r->n; i++) {
		s = review_trim(r->lines[i]);
		if (strncmp(s, ":::", 3) != 0)
			continue;
		s = review_trim(s + 3);
		if (*s == '\0') {
			if (depth > 0)
				bv[stack[--depth]].to = i;
			continue;
		}
		bv = xreallocarray(bv, n + 1, sizeof(*bv));
		bv[n].from = i;
		bv[n].to = r->n + 1;
		bv[n].open = xstrdup(s);
		if (depth < REVIEW_MAX_DEPTH)
			stack[depth++] = n;
		n++;
	}
	*nb = n;
	return bv;
}

/* Lists {=...} texts on line i, outside fixed blocks, into r->b. */
static void
review_fixed_inline(struct review *r, size_t i)
{
	const char *s = r->lines[i], *e;

	if (*review_trim(s) == '%')
		return;
	while ((s = strstr(s, "{=")) != NULL) {
		if (s > r->lines[i] && s[-1] == '\\') {
			s += 2;
			continue;
		}
		if ((e = strchr(s, '}')) == NULL)
			e = s + strlen(s);
		buf_printf(&r->b, "  %s:%zu: %.*s\n", r->path, i,
		    (int)(e - s + (*e == '}')), s);
		s = e;
	}
}

/* The wordings figures chose and the comparisons, from the document. */
static void
review_figrefs(struct review *r, const struct doc_node *n, int change)
{
	const struct doc_node	*k;
	const struct fig_value	*v;
	size_t			 i;

	if (n->type == DOC_FIGREF && n->as.figref.change == change &&
	    (change || n->as.figref.nforms > 1)) {
		buf_printf(&r->b, "  %s:%d:%d: {%s%s%s", r->path, n->line,
		    n->col, n->as.figref.ledger == DOC_LEDGER_REGION ?
		    "region:" : "", change ? "change:" : "",
		    n->as.figref.name);
		for (i = 0; !change && i < n->as.figref.nforms; i++)
			buf_printf(&r->b, "|%s", n->as.figref.forms[i]);
		buf_puts(&r->b, "}\n");
		if (!change && (v = fig_ledger_find(paper_ledger(r->pp,
		    n->as.figref.ledger == DOC_LEDGER_REGION ? -1 : r->lscb),
		    n->as.figref.name)) != NULL) {
			buf_printf(&r->b, "      %s = ", n->as.figref.name);
			review_value(r, v);
			buf_putc(&r->b, '\n');
		}
		buf_printf(&r->b, "      printed: \"%s\"\n",
		    n->text ? n->text : "");
	}
	for (k = n->first_child; k != NULL; k = k->next)
		review_figrefs(r, k, change);
}

/* Splits data into r->lines[1..n]. */
static void
review_lines(struct review *r, char *data)
{
	char *s = data, *nl;

	r->lines = xreallocarray(NULL, 2, sizeof(*r->lines));
	r->n = 0;
	r->lines[0] = "";
	while (*s != '\0') {
		nl = strchr(s, '\n');
		if (nl != NULL)
			*nl = '\0';
		r->lines = xreallocarray(r->lines, r->n + 2,
		    sizeof(*r->lines));
		r->lines[++r->n] = s;
		if (nl == NULL)
			break;
		s = nl + 1;
	}
}

int
paper_review(struct paper *pp, const struct cohort *c, int lscb,
    const char *tmpl_path, const char *out, struct diag *d)
{
	struct review		 r;
	struct review_block	*bv;
	struct doc		*doc = NULL;
	char			*data = NULL, *sheet;
	size_t			 len, nb, i, k, nfixed = 0, ncond = 0;
	int			 rc, in_fixed;

	if ((rc = paper_build(pp, lscb, &doc, d)) != 0)
		return rc;
	if (file_read_all(tmpl_path, REVIEW_MAX_TEMPLATE, &data, &len) != 0) {
		fprintf(stderr, "scrpaper: %s: cannot read the template\n",
		    tmpl_path);
		doc_free(doc);
		return 3;
	}
	memset(&r, 0, sizeof(r));
	r.path = tmpl_path;
	r.pp = pp;
	r.c = c;
	r.lscb = lscb;
	review_lines(&r, data);
	r.shown = xcalloc(r.n + 2, 1);
	review_mark(&r, doc->root);
	bv = review_blocks(&r, &nb);
	buf_init(&r.b);

	buf_printf(&r.b, "Sign-off sheet: %s, %s paper\n",
	    c->report.title ? c->report.title : "",
	    lscb < 0 ? (c->report.region ? c->report.region : "regional") :
	    c->report.lscbs[lscb]);
	buf_puts(&r.b, "Read every item against the case files and the "
	    "studies quoted; each gives the template's FILE:LINE.\n");

	buf_puts(&r.b, "\n1. Fixed text: typed, not computed from the "
	    "cases\n");
	for (k = 0; k < nb; k++) {
		if (strcmp(bv[k].open, "fixed") != 0 ||
		    !review_shown(&r, bv[k].from, bv[k].to))
			continue;
		buf_printf(&r.b, "  %s:%zu-%zu: ::: fixed\n", r.path,
		    bv[k].from, bv[k].to);
		review_block_text(&r, bv[k].from, bv[k].to, 0);
		nfixed++;
	}
	for (i = 1; i <= r.n; i++) {
		if (!r.shown[i] || strstr(r.lines[i], "{=") == NULL)
			continue;
		for (in_fixed = 0, k = 0; k < nb; k++)
			if (strcmp(bv[k].open, "fixed") == 0 &&
			    bv[k].from < i && i < bv[k].to)
				in_fixed = 1;
		if (!in_fixed)
			review_fixed_inline(&r, i);
	}

	buf_puts(&r.b, "\n2. Sentences shown because a test on figures "
	    "held\n");
	for (k = 0; k < nb; k++) {
		if ((strncmp(bv[k].open, "if ", 3) != 0 &&
		    strncmp(bv[k].open, "unless ", 7) != 0) ||
		    !review_shown(&r, bv[k].from, bv[k].to))
			continue;
		buf_printf(&r.b, "  %s:%zu: ::: %s\n", r.path, bv[k].from,
		    bv[k].open);
		review_test_figures(&r, strchr(bv[k].open, ' ') + 1);
		review_block_text(&r, bv[k].from, bv[k].to, 1);
		ncond++;
	}
	buf_puts(&r.b, "\n   Wordings chosen by a figure\n");
	review_figrefs(&r, doc->root, 0);

	buf_puts(&r.b, "\n3. Comparisons between periods\n");
	review_figrefs(&r, doc->root, 1);
	buf_printf(&r.b, "\n%zu fixed blocks, %zu sentences chosen by a "
	    "test\n", nfixed, ncond);

	sheet = buf_take(&r.b);
	rc = 0;
	if (out == NULL) {
		if (fputs(sheet, stdout) == EOF)
			rc = 3;
	} else if (file_write_atomic(out, sheet, strlen(sheet)) != 0) {
		perror(out);
		rc = 3;
	}
	free(sheet);
	for (k = 0; k < nb; k++)
		free(bv[k].open);
	free(bv);
	free(r.shown);
	free(r.lines);
	free(data);
	doc_free(doc);
	return rc;
}
