/*
 * tmpl_inline.c: inline markup.  The text of a leaf block (a paragraph,
 * item, heading, caption, cell...) becomes text nodes, strong emphasis,
 * references ({name}, {region:...}, {national:...}, {report:...},
 * {ref:...}, with periods and forms) and footnote references.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "diag.h"
#include "doc.h"
#include "tmpl.h"
#include "tmpl_int.h"

/* Appends a text node holding t to parent, merging with a text node
 * just before it. */
static void
tmpl_add_text(struct doc_node *parent, struct buf *t, int line, int col)
{
	struct doc_node	*n;

	if (t->len == 0)
		return;
	n = doc_node_new(DOC_TEXT, line, col);
	n->text = buf_take(t);
	buf_init(t);	/* buf_take() leaves t without storage */
	doc_node_append(parent, n);
}

/*
 * Reads the period of a figure reference from its parts part[0..np)
 * (after "region:"): "previous:", "earlier:LABEL:" or "change:", into
 * r.  Returns the parts it took (0 to 2), or -1 (error reported).
 */
static int
tmpl_ref_period(struct tmpl_parser *p, struct doc_node *r,
    const char **part, const size_t *plen, size_t np, int line, int col)
{
#define IS(k, w) (plen[k] == strlen(w) && strncmp(part[k], (w), plen[k]) == 0)
	if (np < 2)
		return 0;
	if (IS(0, "previous")) {
		r->as.figref.period.previous = 1;
		return 1;
	}
	if (IS(0, "change")) {
		r->as.figref.change = 1;
		return 1;
	}
	if (!IS(0, "earlier"))
		return 0;
#undef IS
	if (np < 3 || np > 4) {
		tmpl_err(p, line, col, TM_EARLIER_REF);
		return -1;
	}
	if (!tmpl_is_period(part[1], plen[1])) {
		tmpl_err(p, line, col, TM_PERIOD_LABEL, (int)plen[1], part[1]);
		return -1;
	}
	r->as.figref.period.label = xstrndup(part[1], plen[1]);
	return 2;
}

/*
 * Splits the forms off the body of a reference s[0..*n) at line:col
 * ({NAME|ONE|OTHER}, {NAME|ZERO|ONE|OTHER}) into *forms, and sets *n to
 * the length before the first "|".  Returns 0, or -1 (error reported);
 * *forms is to be freed either way.
 */
static int
tmpl_ref_forms(struct tmpl_parser *p, const char *s, size_t *n, int line,
    int col, char ***formsp, size_t *nformsp)
{
	const char	*bar;
	char		**forms = NULL;
	size_t		 nforms = 0, fn, fn0, i;

	if ((bar = memchr(s, '|', *n)) == NULL)
		return 0;
	fn = *n - (size_t)(bar - s);
	fn0 = fn;
	*n = (size_t)(bar - s);
	while (fn > 0) {
		const char *f = bar + 1, *e;

		e = memchr(f, '|', fn - 1);
		if (e == NULL)
			e = bar + fn;
		forms = xreallocarray(forms, nforms + 1, sizeof(*forms));
		forms[nforms++] = xstrndup(f, (size_t)(e - f));
		fn -= (size_t)(e - bar);
		bar = e;
	}
	*formsp = forms;
	*nformsp = nforms;
	if (nforms > 3) {
		tmpl_err(p, line, col, TM_FORMS_COUNT, nforms);
		return -1;
	}
	/* A form may be empty (a ZERO that prints nothing), but
	 * not all of them: {cases||} would print nothing ever
	 * (issue 31.14). */
	for (i = 0; i < nforms && forms[i][strspn(forms[i], " ")] ==
	    '\0'; i++)
		continue;
	if (i == nforms) {
		tmpl_err(p, line, col, TM_FORMS_EMPTY, (int)(*n + fn0), s);
		return -1;
	}
	return 0;
}

/*
 * Splits the body of a reference s[0..n) at line:col (the body at column
 * bcol) at its colons into part[], plen[] and pcol[] (at most 5), *np of
 * them.  Returns 0, or -1 (error reported).
 */
static int
tmpl_ref_parts(struct tmpl_parser *p, const char *s, size_t n, int line,
    int col, int bcol, const char **part, size_t *plen, int *pcol,
    size_t *np)
{
	size_t	 i, start = 0;

	for (i = 0; i <= n; i++) {
		if (i < n && s[i] != ':')
			continue;
		if (*np == 5) {
			tmpl_err(p, line, col, TM_REF_PARTS, (int)n, s);
			return -1;
		}
		part[*np] = s + start;
		plen[*np] = i - start;
		pcol[*np] = bcol + tmpl_chars(s, start);
		if (!tmpl_is_name(part[*np], plen[*np])) {
			tmpl_err(p, line, pcol[*np], TM_REF_NAME,
			    (int)plen[*np], part[*np], (int)n, s);
			return -1;
		}
		(*np)++;
		start = i + 1;
	}
	return 0;
}

#define IS(k, w) (plen[k] == strlen(w) && strncmp(part[k], (w), plen[k]) == 0)
/*
 * The references that are not a figure of the ledger: {national:...},
 * {ref:LABEL} and {report:FIELD}, from their parts part[0..np) at
 * line:col.  Returns 1 if part[0] names one of them, *r its node (NULL
 * on error, reported), else 0.
 */
static int
tmpl_ref_named(struct tmpl_parser *p, const char **part, const size_t *plen,
    const int *pcol, size_t np, int line, int col, struct doc_node **r)
{
	*r = NULL;
	if (IS(0, "national")) {
		if (np < 2 || np > 4) {
			tmpl_err(p, line, col, TM_NATIONAL_REF);
			return 1;
		}
		/* {national:A:B} is a study and a key, or a key and a
		 * style: fill, which knows the style words, decides. */
		*r = doc_node_new(DOC_NATREF, line, col);
		if (np == 2)
			(*r)->as.natref.key = xstrndup(part[1], plen[1]);
		else {
			(*r)->as.natref.study = xstrndup(part[1], plen[1]);
			(*r)->as.natref.key = xstrndup(part[2], plen[2]);
		}
		if (np == 4) {
			(*r)->as.natref.style = xstrndup(part[3], plen[3]);
			(*r)->as.natref.style_col = pcol[3];
		}
		return 1;
	}
	if (IS(0, "ref")) {
		if (np != 2) {
			tmpl_err(p, line, col, TM_XREF);
			return 1;
		}
		*r = doc_node_new(DOC_XREF, line, col);
		(*r)->as.xref.label = xstrndup(part[1], plen[1]);
		return 1;
	}
	if (IS(0, "report")) {
		if (np != 2) {
			tmpl_err(p, line, col, TM_REPORT_REF);
			return 1;
		}
		*r = doc_node_new(DOC_FIELD, line, col);
		(*r)->as.field.name = xstrndup(part[1], plen[1]);
		return 1;
	}
	return 0;
}

/*
 * Parses the body of a reference (between the braces, n bytes) that
 * starts at line:col (the brace) and whose body starts at column bcol.
 * Returns a new node, or NULL on error (reported).
 */
static struct doc_node *
tmpl_ref(struct tmpl_parser *p, const char *s, size_t n, int line, int col,
    int bcol)
{
	const char	*part[5];
	size_t		 plen[5];
	int		 pcol[5];
	size_t		 np = 0, fn;
	struct doc_node	*r = NULL;
	int		 first = 0, k;
	char		**forms = NULL;
	size_t		 nforms = 0;

	/* {NAME|ONE|OTHER}, {NAME|ZERO|ONE|OTHER}: the forms. */
	if (tmpl_ref_forms(p, s, &n, line, col, &forms, &nforms) < 0)
		goto bad;
	while (n > 0 && s[0] == ' ') {
		s++;
		n--;
		bcol++;
	}
	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (n == 0) {
		tmpl_err(p, line, col, TM_EMPTY_REF);
		goto bad;
	}
	if (tmpl_ref_parts(p, s, n, line, col, bcol, part, plen, pcol,
	    &np) < 0)
		goto bad;
	if (tmpl_ref_named(p, part, plen, pcol, np, line, col, &r)) {
		if (r == NULL)
			goto bad;
		goto plain;
	}
	r = doc_node_new(DOC_FIGREF, line, col);
	if (IS(0, "region")) {
		r->as.figref.ledger = DOC_LEDGER_REGION;
		first = 1;
	}
#undef IS
	if ((k = tmpl_ref_period(p, r, part + first, plen + first,
	    np - first, line, col)) < 0 || (r->as.figref.change &&
	    nforms > 0)) {
		if (k >= 0)
			tmpl_err(p, line, col, TM_FORMS_NO_CHANGE);
		doc_node_free(r);
		r = NULL;
		goto bad;
	}
	first += k;
	if (np - first < 1 || np - first > 2) {
		tmpl_err(p, line, col, TM_FIGURE_REF, first ? "region:" : "");
		doc_node_free(r);
		r = NULL;
		goto bad;
	}
	r->as.figref.name = xstrndup(part[first], plen[first]);
	if (np - first == 2) {
		r->as.figref.style = xstrndup(part[first + 1],
		    plen[first + 1]);
		r->as.figref.style_col = pcol[first + 1];
	}
	r->as.figref.forms = forms;
	r->as.figref.nforms = nforms;
	return r;
plain:
	if (nforms > 0) {
		tmpl_err(p, line, col, TM_FORMS_NOT_LEDGER, (int)n, s);
		doc_node_free(r);
		r = NULL;
	}
bad:
	for (fn = 0; fn < nforms; fn++)
		free(forms[fn]);
	free(forms);
	return r;
}

/*
 * The reference at s[i] == '{' of inline text s[0..n) (positions from
 * segs): appends the text before it (*t, from *tstart) and the reference
 * to into; fixed text {=...} joins *t instead.  Returns the offset after
 * it.
 */
static size_t
tmpl_inline_brace(struct tmpl_parser *p, struct doc_node *into,
    const char *s, size_t n, size_t i, const struct tmpl_seg *segs,
    size_t nsegs, struct buf *t, size_t *tstart)
{
	struct doc_node	*r;
	size_t		 j;
	int		 line, col, bline, bcol;

	tmpl_pos(s, segs, nsegs, *tstart, &line, &col);
	tmpl_add_text(into, t, line, col);
	tmpl_pos(s, segs, nsegs, i, &line, &col);
	for (j = i + 1; j < n && s[j] != '}' && s[j] != '{'; j++)
		continue;
	if (j == n || s[j] == '{') {
		tmpl_err(p, line, col, TM_UNCLOSED_REF);
		return j;
	}
	if (s[i + 1] == '=') {
		/* {=text}: fixed text, kept as typed */
		if (t->len == 0)
			*tstart = i;
		buf_putn(t, s + i + 2, j - i - 2);
		return j + 1;
	}
	tmpl_pos(s, segs, nsegs, i + 1, &bline, &bcol);
	if (bline != line)
		bcol = col + 1;
	r = tmpl_ref(p, s + i + 1, j - i - 1, line, col, bcol);
	if (r != NULL)
		doc_node_append(into, r);
	return j + 1;
}

/*
 * Parses inline text s[0..n) (positions from segs) into nodes appended
 * to parent.
 */
void
tmpl_inline(struct tmpl_parser *p, struct doc_node *parent, const char *s,
    size_t n, const struct tmpl_seg *segs, size_t nsegs)
{
	struct buf	 t;
	struct doc_node	*into = parent, *strong = NULL, *r;
	size_t		 i = 0, j, tstart = 0;
	int		 line, col, errors = p->errors;

	tmpl_pos_new_text();	/* a new text for tmpl_pos() */
	if (p->lint > 0 && !tmpl_in_fixed(p))
		tmpl_lint_text(p, s, n, segs, nsegs);
	buf_init(&t);
	while (i < n) {
		if (t.len == 0)
			tstart = i;
		if (s[i] == '\\' && i + 1 < n &&
		    ispunct((unsigned char)s[i + 1])) {
			buf_putc(&t, s[i + 1]);
			i += 2;
			continue;
		}
		if (s[i] == '*' && i + 1 < n && s[i + 1] == '*') {
			tmpl_pos(s, segs, nsegs, tstart, &line, &col);
			tmpl_add_text(into, &t, line, col);
			if (strong != NULL) {
				if (strong->first_child == NULL) {
					tmpl_err(p, strong->line, strong->col,
					    TM_EMPTY_STRONG);
				}
				strong = NULL;
				into = parent;
			} else {
				tmpl_pos(s, segs, nsegs, i, &line, &col);
				strong = doc_node_new(DOC_STRONG, line, col);
				doc_node_append(parent, strong);
				into = strong;
			}
			i += 2;
			continue;
		}
		if (s[i] == '{') {
			i = tmpl_inline_brace(p, into, s, n, i, segs, nsegs,
			    &t, &tstart);
			continue;
		}
		if (s[i] == '}') {
			tmpl_pos(s, segs, nsegs, i, &line, &col);
			tmpl_err(p, line, col, TM_STRAY_BRACE);
			i++;
			continue;
		}
		if (s[i] == '[' && i + 1 < n && s[i + 1] == '^') {
			for (j = i + 2; j < n && s[j] != ']' && s[j] != ' ';
			    j++)
				continue;
			if (j < n && s[j] == ']' &&
			    tmpl_is_label(s + i + 2, j - i - 2)) {
				tmpl_pos(s, segs, nsegs, tstart, &line, &col);
				tmpl_add_text(into, &t, line, col);
				tmpl_pos(s, segs, nsegs, i, &line, &col);
				r = doc_node_new(DOC_FNREF, line, col);
				r->as.fnref.label = xstrndup(s + i + 2,
				    j - i - 2);
				doc_node_append(into, r);
				p->fnrefs = xreallocarray(p->fnrefs,
				    p->nfnrefs + 1, sizeof(*p->fnrefs));
				p->fnrefs[p->nfnrefs++] = r;
				i = j + 1;
				continue;
			}
		}
		buf_putc(&t, s[i]);
		i++;
	}
	if (t.len > 0) {
		tmpl_pos(s, segs, nsegs, tstart, &line, &col);
		tmpl_add_text(into, &t, line, col);
	}
	buf_clear(&t);
	if (strong != NULL)
		tmpl_err(p, strong->line, strong->col, TM_UNCLOSED_STRONG);
	if (parent->first_child == NULL && parent->type != DOC_CELL &&
	    p->errors == errors)
		tmpl_err(p, parent->line, parent->col, TM_EMPTY_BLOCK,
		    doc_type_names[parent->type]);
}

