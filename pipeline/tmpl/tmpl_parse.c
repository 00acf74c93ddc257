/*
 * tmpl_parse.c: the template parser of scrpaper.  Turns the plain-text
 * markup of the templates (templates/NAME.tmpl) into the document model
 * of doc.h, reporting every syntax error as FILE:LINE:COL.  Names
 * (figures, fields, studies) and style words are checked later, by
 * doc_fill.c, against the data.
 *
 * The markup, line by line (leading spaces are ignored; a line's first
 * characters say what it is):
 *
 *   template   = { line } ;
 *   line       = comment | blank | heading | directive | cond-open
 *              | cond-close | item | table-row | footnote | aside | text ;
 *   comment    = "%" { char } ;                  ignored everywhere
 *   blank      = { " " } ;                       ends a paragraph, item,
 *                                                table, footnote or aside
 *   heading    = "#" { "#" } " " inline ;       # title, ## section,
 *                                                ### subsection (to ####)
 *   directive  = "@subtitle " inline             line under the title
 *              | "@signoff"                      authors and organisation
 *              | "@pagebreak"
 *              | "@table" [ " #" label ] " " inline   the numbered
 *                                                caption ("Table N: ...")
 *                                                of the table just below
 *              | "@chart" [ " #" label ] [ " " inline ]  a bar chart
 *                                                ("Figure N: ...") of the
 *                                                table just above, with a
 *                                                caption
 *              | "@boards" [ " #" label ] [ " " inline ]  every
 *                                                board's reviews and
 *                                                children as a table, and
 *                                                the region's tile map
 *                                                (INPUT/grid.yaml), with a
 *                                                caption
 *              | "@periods"                     the table just above (a
 *                                                label and a figure a row)
 *                                                set across every period
 *              | "@trend " [ "#" label " " ] name { "," name }
 *                [ " " inline ] ;
 *                                                national figures across
 *                                                the studies beside the
 *                                                region's by period
 *   cond-open  = ":::" " " condition ;           shown only when condition
 *   cond-close = ":::" ;                         holds; blocks nest
 *   condition  = "regional" | "lscb" | "cases" | "no-cases" | "suppressed"
 *              | "region-cases" | "no-region-cases" | "fixed"
 *              | "board-figures" | "no-board-figures" | "banded"
 *              | "if " test | "unless " test | "map"
 *              | "earlier" [ " " period ] | "no-earlier"
 *              | "period-cases" | "no-period-cases" ;  the selection has
 *                                                cases in some period,
 *                                                or in none
 *                                                report.yaml declares an
 *                                                earlier period (that
 *                                                one), or none
 *   test       = fig " "+ op " "+ right          a test on figure values
 *              | fig " "+ ( "rose" | "fell" | "unchanged" | "comparable" ) ;
 *                                                since the period before
 *   fig        = [ "region:" ] [ when ] name ;
 *   when       = "previous:" | "earlier:" period ":" ;
 *   period     = ( letter | digit | "-" ) { letter | digit | "-" } ;
 *   op         = "=" | "!=" | "<" | "<=" | ">" | ">=" ;
 *   right      = digit { digit } [ "%" ]         its count, or percentage
 *              | [ "half " ] fig ;              another figure's count,
 *                                                or half of it
 *                                                ("fixed": always shown,
 *                                                skipped by the lint)
 *   item       = ( "- " | digit { digit } ". " ) inline { text } ;
 *                                                bullet, or numbered item
 *                                                (numbers are assigned by
 *                                                the program)
 *   table-row  = "|" cell { "|" cell } "|" ;     a row of cells; a row of
 *   cell       = inline | [ ":" ] "-" { "-" } [ ":" ] ;   dashes ends the
 *                                                header rows above it
 *   footnote   = "[^" label "]: " inline { text } ;
 *   aside      = "> " inline { "> " inline } ;   a boxed note
 *   text       = inline ;                        paragraph lines join
 *
 *   inline     = { char | "\" punct | strong | ref | fnref } ;
 *   strong     = "**" { char | "\" punct | ref | fnref } "**" ;
 *   fnref      = "[^" label "]" ;
 *   label      = ( letter | digit | "-" | "_" ) { letter | digit | "-" | "_" } ;
 *   ref        = "{" ( figure | "region:" figure | national
 *              | "report:" field | "ref:" label ) "}" | fixed ;
 *                                                {ref:label} prints
 *                                                "Table N" or "Figure N"
 *                                                of the @table, @chart,
 *                                                @boards or @trend of
 *                                                that label, a link to it
 *   figure     = [ when | "change:" ] name [ ":" style ]
 *                [ "|" form [ "|" form [ "|" form ] ] ] ;
 *                                                when: another period's
 *                                                figure; "change:" how it
 *                                                changed since the period
 *                                                before (no forms)
 *                                                a figure of the ledger;
 *                                                with forms, the words
 *                                                chosen by its value:
 *                                                WORDS, ONE|OTHER or
 *                                                ZERO|ONE|OTHER (OTHER
 *                                                for [c]); "#" in a form
 *                                                prints the figure, with
 *                                                "of" after it as its
 *                                                words need
 *   form       = { char - ( "|" | "{" | "}" ) } ;
 *   fixed      = "{=" { char - "}" } "}" ;      typed text the prose
 *                                                lint leaves alone
 *   national   = "national:" [ study ":" ] key [ ":" style ] ;
 *                                                key: a figure name, or
 *                                                citation, title, period,
 *                                                children; no study means
 *                                                report.yaml's
 *   style      = "percent" | "digits" | "words" | "approx" ;
 *
 * The directives are rows of one table, tmpl_directives[] in
 * tmpl_directive.c (name, what may follow, handler, one line of
 * documentation); the template's header must document each
 * (test_tmpl_parse.c checks).
 *
 * There are no italics: "*" and "_" alone are plain characters.  A
 * reference that starts a sentence is capitalised by fill.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "util.h"
#include "diag.h"
#include "doc.h"
#include "tmpl.h"
#include "tmpl_int.h"

/* A heading line s[0..n) at line:col ("# ", "## "...): returns 1 if it
 * is one (parsed), else 0. */
static int
tmpl_heading(struct tmpl_parser *p, const char *s, size_t n, int line,
    int col)
{
	struct doc_node	*node;
	size_t		 i;
	int		 level;

	for (level = 0; (size_t)level < n && s[level] == '#'; level++)
		continue;
	if ((size_t)level == n || s[level] != ' ')
		return 0;
	tmpl_close_all(p);
	if (level > 4) {
		tmpl_err(p, line, col, TM_HEADING_LEVEL,
		    level);
		level = 4;
	}
	for (i = level; i < n && s[i] == ' '; i++)
		continue;
	node = tmpl_open_leaf(p, tmpl_container(p), DOC_HEADING, line, col,
	    s + i, n - i, col + (int)i);
	node->as.heading.level = level;
	tmpl_close_leaf(p);
	return 1;
}

/* A list item s[0..n) at line:col ("- " or "1. "): returns 1 if it is
 * one (parsed), else 0. */
static int
tmpl_item(struct tmpl_parser *p, const char *s, size_t n, int line, int col)
{
	size_t	 i, k = 0;
	int	 c = 0;

	if (s[0] == '-' && (n == 1 || s[1] == ' '))
		k = 1, c = DOC_LIST_BULLET;
	else if (isdigit((unsigned char)s[0])) {
		for (i = 0; i < n && isdigit((unsigned char)s[i]); i++)
			continue;
		if (i < n && s[i] == '.' && (i + 1 == n || s[i + 1] == ' '))
			k = i + 1, c = DOC_LIST_NUMBERED;
	}
	if (k > 0) {
		tmpl_close_leaf(p);
		if (p->list != NULL && (int)p->list->as.list.kind != c)
			p->list = NULL;
		if (p->list == NULL) {
			p->list = doc_node_new(DOC_LIST, line, col);
			p->list->as.list.kind = c;
			doc_node_append(tmpl_container(p), p->list);
		}
		while (k < n && s[k] == ' ')
			k++;
		tmpl_open_leaf(p, p->list, DOC_ITEM, line, col, s + k,
		    n - k, col + (int)k);
		return 1;
	}
	return 0;
}

/* A footnote definition s[0..n) at line:col ("[^label]: text"): returns 1
 * if it is one (parsed), else 0. */
static int
tmpl_fndef(struct tmpl_parser *p, const char *s, size_t n, int line,
    int col)
{
	struct doc_node	*node;
	size_t		 i, k;

	if (n > 3 && s[0] == '[' && s[1] == '^') {
		for (i = 2; i < n && s[i] != ']'; i++)
			continue;
		if (i + 1 < n && s[i + 1] == ':' &&
		    tmpl_is_label(s + 2, i - 2)) {
			tmpl_close_all(p);
			if (!tmpl_within(p, &p->nnotes, 1, TMPL_MAX_NOTES,
			    "footnotes",
			    line, col))
				return 1;
			if ((node = tmpl_fndef_first(p, s + 2, i - 2)) != NULL)
				tmpl_err(p, line, col, TM_FOOTNOTE_TWICE,
				    (int)(i - 2), s + 2, node->line);
			k = i + 2;
			while (k < n && s[k] == ' ')
				k++;
			node = tmpl_open_leaf(p, tmpl_container(p),
			    DOC_FOOTNOTE, line, col, s + k, n - k,
			    col + (int)k);
			node->as.footnote.label = xstrndup(s + 2, i - 2);
			p->fndefs = xreallocarray(p->fndefs, p->nfndefs + 1,
			    sizeof(*p->fndefs));
			p->fndefs[p->nfndefs++] = node;
			if (!g_hash_table_contains(p->fnlabels,
			    node->as.footnote.label))
				g_hash_table_insert(p->fnlabels,
				    node->as.footnote.label, node);
			return 1;
		}
	}
	return 0;
}

/* An aside line s[0..n) at line:col ("> text"): returns 1 if it is one
 * (parsed), else 0. */
static int
tmpl_aside(struct tmpl_parser *p, const char *s, size_t n, int line, int col)
{
	size_t	 i;

	if (s[0] == '>' && (n == 1 || s[1] == ' ')) {
		for (i = 1; i < n && s[i] == ' '; i++)
			continue;
		if (p->leaf != NULL && p->leaf->type == DOC_ASIDE)
			tmpl_leaf_add(p, s + i, n - i, line, col + (int)i);
		else {
			tmpl_close_all(p);
			tmpl_open_leaf(p, tmpl_container(p), DOC_ASIDE, line,
			    col, s + i, n - i, col + (int)i);
		}
		return 1;
	}
	return 0;
}

/* Parses one line s[0..n) (without its newline) numbered line. */
static void
tmpl_line(struct tmpl_parser *p, const char *s, size_t n, int line)
{
	int	 col = 1;

	/* Leading spaces are indentation only. */
	while (n > 0 && (s[0] == ' ' || s[0] == '\t')) {
		s++;
		n--;
		col++;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;

	if (n > 0 && s[0] == '%')
		return;
	if (n == 0) {
		tmpl_close_leaf(p);
		p->table = NULL;
		return;
	}
	if (n >= 3 && strncmp(s, ":::", 3) == 0) {
		tmpl_cond_line(p, s, n, line, col);
		return;
	}
	if (s[0] == '#' && tmpl_heading(p, s, n, line, col))
		return;
	if (s[0] == '@') {
		tmpl_directive(p, s, n, line, col);
		return;
	}
	/* Table rows. */
	if (s[0] == '|') {
		tmpl_close_leaf(p);
		p->list = NULL;
		tmpl_table_row(p, s, n, line, col);
		return;
	}
	p->table = NULL;
	if (tmpl_item(p, s, n, line, col) || tmpl_fndef(p, s, n, line, col) ||
	    tmpl_aside(p, s, n, line, col))
		return;

	/* Text: continues the open leaf, or starts a paragraph. */
	if (p->leaf != NULL && p->leaf->type != DOC_ASIDE &&
	    p->leaf->type != DOC_HEADING) {
		tmpl_leaf_add(p, s, n, line, col);
		return;
	}
	tmpl_close_all(p);
	tmpl_open_leaf(p, tmpl_container(p), DOC_PARA, line, col, s, n, col);
}

/* Returns the length of a valid UTF-8 sequence at s (of n bytes), or 0. */
static size_t
tmpl_utf8_len(const unsigned char *s, size_t n)
{
	size_t	 len, i;
	unsigned int cp;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0)
		len = 2, cp = s[0] & 0x1f;
	else if ((s[0] & 0xf0) == 0xe0)
		len = 3, cp = s[0] & 0x0f;
	else if ((s[0] & 0xf8) == 0xf0)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
	    (len == 4 && cp < 0x10000) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

/* Checks that line s[0..n) is valid UTF-8 without control characters;
 * returns 1 if so, else reports the first bad byte and returns 0. */
static int
tmpl_check_line(struct tmpl_parser *p, const char *s, size_t n, int line)
{
	size_t	 i = 0, len;

	while (i < n) {
		len = tmpl_utf8_len((const unsigned char *)s + i, n - i);
		if (len == 0) {
			tmpl_err(p, line, tmpl_chars(s, i) + 1,
			    TM_BAD_UTF8,
			    (unsigned char)s[i]);
			return 0;
		}
		if (len == 1 && (unsigned char)s[i] < 0x20 && s[i] != '\t') {
			tmpl_err(p, line, tmpl_chars(s, i) + 1,
			    TM_CONTROL_CHAR, (unsigned char)s[i]);
			return 0;
		}
		i += len;
	}
	return 1;
}

static int
tmpl_label_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Returns 1 if label is among sorted[0..n). */
static int
tmpl_label_in(const char *label, const char **sorted, size_t n)
{
	return n > 0 && bsearch(&label, sorted, n, sizeof(*sorted),
	    tmpl_label_cmp) != NULL;
}

/* Checks every footnote reference against the definitions: sorted
 * labels, so that it takes n log n, not n * n (issue 13.14). */
static void
tmpl_check_footnotes(struct tmpl_parser *p)
{
	const char	**labels, **defs, **refs;
	const char	*sug;
	size_t		 i, k, nwarn = 0;

	labels = xcalloc(p->nfndefs + 1, sizeof(*labels));
	defs = xcalloc(p->nfndefs + 1, sizeof(*defs));
	refs = xcalloc(p->nfnrefs + 1, sizeof(*refs));
	for (k = 0; k < p->nfndefs; k++)
		labels[k] = defs[k] = p->fndefs[k]->as.footnote.label;
	for (i = 0; i < p->nfnrefs; i++)
		refs[i] = p->fnrefs[i]->as.fnref.label;
	qsort(defs, p->nfndefs, sizeof(*defs), tmpl_label_cmp);
	qsort(refs, p->nfnrefs, sizeof(*refs), tmpl_label_cmp);
	for (i = 0; i < p->nfnrefs; i++) {
		if (tmpl_label_in(p->fnrefs[i]->as.fnref.label, defs,
		    p->nfndefs))
			continue;
		/* Past the cap nothing is printed: no suggestion sought. */
		sug = p->errors < TMPL_MAX_ERRORS ?
		    str_suggest(p->fnrefs[i]->as.fnref.label, labels,
		    p->nfndefs) : NULL;
		if (sug != NULL)
			tmpl_err(p, p->fnrefs[i]->line, p->fnrefs[i]->col,
			    TM_FOOTNOTE_UNDEFINED_SUGGEST,
			    p->fnrefs[i]->as.fnref.label, sug);
		else
			tmpl_err(p, p->fnrefs[i]->line, p->fnrefs[i]->col,
			    TM_FOOTNOTE_UNDEFINED, p->fnrefs[i]->as.fnref.label,
			    p->fnrefs[i]->as.fnref.label);
	}
	/* An unused footnote is the parse's warning; the lint, which
	 * parses again after it, does not repeat it (issue 31.14). */
	for (k = 0; p->lint == 0 && k < p->nfndefs; k++) {
		if (tmpl_label_in(labels[k], refs, p->nfnrefs))
			continue;
		if (++nwarn <= TMPL_MAX_ERRORS)
			diag_warn(p->d, p->file, p->fndefs[k]->line,
			    p->fndefs[k]->col, TM_FOOTNOTE_UNUSED, labels[k]);
	}
	if (nwarn > TMPL_MAX_ERRORS)
		diag_warn(p->d, p->file, 0, 0, TM_FOOTNOTES_UNUSED_MORE,
		    nwarn - TMPL_MAX_ERRORS);
	free(labels);
	free(defs);
	free(refs);
}

/* Parses data with the prose lint at level lint (0 off, 1 warnings,
 * 2 errors); *nlint is set to the findings. */
static struct doc *
tmpl_parse_lint(const char *file, const char *data, size_t len,
    struct diag *d, int lint, int *nlint)
{
	struct tmpl_parser	 p;
	size_t			 i, start;
	int			 line = 0, k;
	const char		*nul;
	struct doc		*doc;

	memset(&p, 0, sizeof(p));
	p.file = file;
	p.d = d;
	p.lint = lint;
	p.doc = doc = doc_new(file);
	buf_init(&p.text);
	p.fnlabels = g_hash_table_new(g_str_hash, g_str_equal);

	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		start = 3;	/* a byte-order mark */
	else
		start = 0;
	for (i = start; i <= len; i++) {
		if (i < len && data[i] != '\n')
			continue;
		line++;
		k = (int)(i - start);
		if (k > 0 && data[start + k - 1] == '\r')
			k--;
		if ((nul = memchr(data + start, '\0', k)) != NULL)
			tmpl_err(&p, line, tmpl_chars(data + start,
			    (size_t)(nul - (data + start))) + 1,
			    TM_NUL_BYTE);
		else if (tmpl_check_line(&p, data + start, k, line))
			tmpl_line(&p, data + start, k, line);
		start = i + 1;
	}
	tmpl_close_all(&p);
	while (p.ndepth > 0) {
		p.ndepth--;
		tmpl_err(&p, p.conds[p.ndepth]->line, p.conds[p.ndepth]->col,
		    TM_UNCLOSED_BLOCK,
		    doc_cond_names[p.conds[p.ndepth]->as.cond.cond]);
	}
	tmpl_check_footnotes(&p);
	if (p.lint == 1 && p.nlint > TMPL_MAX_ERRORS)
		diag_warn(d, file, 0, 0, TM_LINT_MORE,
		    p.nlint - TMPL_MAX_ERRORS);

	buf_clear(&p.text);
	free(p.segs);
	free(p.fnrefs);
	free(p.fndefs);
	g_hash_table_destroy(p.fnlabels);
	*nlint = p.nlint;
	if (p.errors > 0) {
		doc_free(doc);
		return NULL;
	}
	return doc;
}

struct doc *
tmpl_parse_buf(const char *file, const char *data, size_t len,
    struct diag *d)
{
	int	 nlint;

	return tmpl_parse_lint(file, data, len, d, 0, &nlint);
}

int
tmpl_lint_buf(const char *file, const char *data, size_t len,
    struct diag *d, int strict)
{
	struct diag	 syntax;
	struct doc	*doc;
	int		 nlint;

	/* Syntax errors are the parser's to report (check does); the
	 * lint reports only its own findings. */
	diag_init(&syntax, NULL);
	doc = tmpl_parse_lint(file, data, len, &syntax, 0, &nlint);
	diag_clear(&syntax);
	if (doc == NULL)
		return -1;
	doc_free(doc);
	doc = tmpl_parse_lint(file, data, len, d, strict ? 2 : 1, &nlint);
	doc_free(doc);
	return nlint;
}

/* Reads the template at path into b.  Returns 0, 1 when it cannot be
 * read, 2 when it is too large, 3 when it cannot be opened (reported to
 * d). */
static int
tmpl_read(const char *path, struct buf *b, struct diag *d)
{
	FILE		*f;
	char		 chunk[8192];
	size_t		 n;
	int		 rc = 0;

	/* A template that is not there is a mistake in the input (exit 1,
	 * as a missing --figures or case file): 3 tells it apart from an
	 * error while reading. */
	if ((f = fopen(path, "rb")) == NULL) {
		diag_error(d, path, 0, 0, TM_CANNOT_READ,
		    strerror(errno));
		return 3;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		buf_putn(b, chunk, n);
		if (b->len > TMPL_MAX_SIZE)
			break;
	}
	if (ferror(f)) {
		diag_error(d, path, 0, 0, TM_CANNOT_READ,
		    strerror(errno));
		rc = 1;
	} else if (b->len > TMPL_MAX_SIZE) {
		diag_error(d, path, 0, 0, TM_TOO_LARGE,
		    TMPL_MAX_SIZE / (1024 * 1024));
		rc = 2;
	}
	fclose(f);
	return rc;
}

struct doc *
tmpl_parse_file(const char *path, struct diag *d, int *syserr)
{
	struct buf	 b;
	struct doc	*doc = NULL;
	int		 rc;

	buf_init(&b);
	rc = tmpl_read(path, &b, d);
	*syserr = rc == 1;
	if (rc == 0)
		doc = tmpl_parse_buf(path, b.data, b.len, d);
	buf_clear(&b);
	return doc;
}

int
tmpl_lint_file(const char *path, struct diag *d, int strict)
{
	struct buf	 b;
	int		 n = -1;

	buf_init(&b);
	if (tmpl_read(path, &b, d) == 0)
		n = tmpl_lint_buf(path, b.data, b.len, d, strict);
	buf_clear(&b);
	return n;
}
