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
 * There are no italics: "*" and "_" alone are plain characters.  A
 * reference that starts a sentence is capitalised by fill.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <glib.h>

#include "util.h"
#include "diag.h"
#include "doc.h"
#include "tmpl.h"

#define TMPL_MAX_DEPTH	32	/* nested ::: blocks */
#define TMPL_MAX_COLS	64	/* cells in a table row */
#define TMPL_MAX_SIZE	(16 * 1024 * 1024)	/* bytes in a template */
#define TMPL_MAX_CELLS	40000	/* table cells in a template */
#define TMPL_MAX_NOTES	8000	/* footnotes in a template */

/* Where a stretch of a block's joined text came from. */
struct tmpl_seg {
	size_t		 off;	/* offset in the joined text */
	int		 line;	/* 1-based line */
	int		 col;	/* 1-based column of its first character */
};

/* A footnote reference, kept to check its label at the end. */
struct tmpl_ref {
	struct doc_node	*node;
};

struct tmpl_parser {
	const char	*file;
	struct diag	*d;
	struct doc	*doc;
	int		 errors;
	/* Open containers. */
	struct doc_node	*conds[TMPL_MAX_DEPTH];	/* open ::: blocks */
	int		 ndepth;
	struct doc_node	*list;		/* open list, or NULL */
	struct doc_node	*table;		/* open table, or NULL */
	int		 table_rule;	/* the header rule was seen */
	/* The open leaf block and its text so far. */
	struct doc_node	*leaf;		/* para, item, footnote, aside */
	struct buf	 text;
	struct tmpl_seg	*segs;
	size_t		 nsegs;
	size_t		 segcap;
	/* Footnote references and definitions. */
	struct doc_node	**fnrefs;
	size_t		 nfnrefs;
	struct doc_node	**fndefs;
	size_t		 nfndefs;
	GHashTable	*fnlabels;	/* label -> its first definition */
	size_t		 ncells;	/* table cells so far */
	size_t		 nnotes;	/* footnote definitions so far */
	/* The prose lint: 0 off, 1 warnings, 2 errors. */
	int		 lint;
	int		 nlint;		/* findings reported */
};

static void	tmpl_inline(struct tmpl_parser *, struct doc_node *,
		    const char *, size_t, const struct tmpl_seg *, size_t);

static void
tmpl_err(struct tmpl_parser *p, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
tmpl_err(struct tmpl_parser *p, int line, int col, const char *fmt, ...)
{
	va_list	 ap;

	/* At most TMPL_MAX_ERRORS a file, as the loader's. */
	if (++p->errors > TMPL_MAX_ERRORS) {
		if (p->errors == TMPL_MAX_ERRORS + 1)
			diag_error(p->d, p->file, line, col, "too many "
			    "errors; the rest of this file is not checked");
		return;
	}
	va_start(ap, fmt);
	diag_vmsg(p->d, DIAG_ERROR, p->file, line, col, fmt, ap);
	va_end(ap);
}

/*
 * Counts n more of what *count counts; past max, reports it (once, at
 * line and col) and returns 0.  Memory is bounded inside the limits
 * (issue 13.14): each table cell or footnote of a PDF costs some 5 and
 * 20 KB (its structure elements), so that a template of 16 MiB within
 * them renders in under 1 GB.
 */
static int
tmpl_within(struct tmpl_parser *p, size_t *count, size_t n, size_t max,
    const char *what, int line, int col)
{
	if (*count + n > max) {
		if (*count <= max)
			tmpl_err(p, line, col, "more than %zu %s in one "
			    "template (a limit, so that memory stays "
			    "bounded)", max, what);
		*count = max + 1;
		return 0;
	}
	*count += n;
	return 1;
}

/* Returns the first definition of footnote label s[0..n), or NULL: a
 * hash of the labels, not a search of the definitions a definition
 * (issue 13.14). */
static struct doc_node *
tmpl_fndef_first(struct tmpl_parser *p, const char *s, size_t n)
{
	struct doc_node	*def;
	char		*label = xstrndup(s, n);

	def = g_hash_table_lookup(p->fnlabels, label);
	free(label);
	return def;
}

/* Returns the number of UTF-8 characters in s[0..n). */
static int
tmpl_chars(const char *s, size_t n)
{
	size_t	 i;
	int	 c = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	return c;
}

/*
 * Where tmpl_pos() last counted to, so that the positions of one text,
 * asked for in order, cost the text's length once, not once a position
 * (issue 13.14: a long line with many references or lint findings was
 * quadratic).  Valid for the text of one tmpl_inline() call only: that
 * bumps tmpl_pos_gen.
 */
static unsigned	tmpl_pos_gen;
static struct {
	unsigned		 gen;
	const char		*s;
	const struct tmpl_seg	*segs;
	size_t			 seg;	/* segment counted in */
	size_t			 off;	/* counted to */
	int			 col;	/* its column */
} tmpl_pos_memo;

/* Returns the line and column of offset off in a joined text. */
static void
tmpl_pos(const char *s, const struct tmpl_seg *segs, size_t nsegs,
    size_t off, int *line, int *col)
{
	size_t	 lo = 0, hi = nsegs, mid, from;
	int	 c;

	/* The last segment that starts at or before off. */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (segs[mid].off <= off)
			lo = mid;
		else
			hi = mid;
	}
	from = segs[lo].off;
	c = segs[lo].col;
	/* From where the last position of this segment was counted to,
	 * forwards or back. */
	if (tmpl_pos_memo.gen == tmpl_pos_gen && tmpl_pos_memo.s == s &&
	    tmpl_pos_memo.segs == segs && tmpl_pos_memo.seg == lo &&
	    tmpl_pos_memo.off >= from) {
		if (tmpl_pos_memo.off <= off)
			c = tmpl_pos_memo.col + tmpl_chars(s +
			    tmpl_pos_memo.off, off - tmpl_pos_memo.off);
		else
			c = tmpl_pos_memo.col - tmpl_chars(s + off,
			    tmpl_pos_memo.off - off);
	} else
		c += tmpl_chars(s + from, off - from);
	tmpl_pos_memo.gen = tmpl_pos_gen;
	tmpl_pos_memo.s = s;
	tmpl_pos_memo.segs = segs;
	tmpl_pos_memo.seg = lo;
	tmpl_pos_memo.off = off;
	tmpl_pos_memo.col = c;
	*line = segs[lo].line;
	*col = c;
}

/* The block that new blocks are appended to. */
static struct doc_node *
tmpl_container(struct tmpl_parser *p)
{
	return p->ndepth > 0 ? p->conds[p->ndepth - 1] : p->doc->root;
}

/* Parses the open leaf block's text into inline nodes and closes it. */
static void
tmpl_close_leaf(struct tmpl_parser *p)
{
	if (p->leaf == NULL)
		return;
	tmpl_inline(p, p->leaf, p->text.data, p->text.len, p->segs,
	    p->nsegs);
	p->leaf = NULL;
	buf_reset(&p->text);
	p->nsegs = 0;
}

/* Closes the open leaf, list and table. */
static void
tmpl_close_all(struct tmpl_parser *p)
{
	tmpl_close_leaf(p);
	p->list = NULL;
	p->table = NULL;
}

/* Adds one line's text (s, n bytes, starting at line:col) to the leaf. */
static void
tmpl_leaf_add(struct tmpl_parser *p, const char *s, size_t n, int line,
    int col)
{
	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (p->text.len > 0)
		buf_putc(&p->text, ' ');
	if (p->nsegs == p->segcap) {
		p->segcap = p->segcap ? p->segcap * 2 : 8;
		p->segs = xreallocarray(p->segs, p->segcap,
		    sizeof(*p->segs));
	}
	p->segs[p->nsegs].off = p->text.len;
	p->segs[p->nsegs].line = line;
	p->segs[p->nsegs].col = col;
	p->nsegs++;
	buf_putn(&p->text, s, n);
}

/* Opens a new leaf block of type under parent with its first line. */
static struct doc_node *
tmpl_open_leaf(struct tmpl_parser *p, struct doc_node *parent,
    enum doc_type type, int line, int col, const char *s, size_t n,
    int tcol)
{
	struct doc_node	*leaf;

	tmpl_close_leaf(p);
	leaf = doc_node_new(type, line, col);
	doc_node_append(parent, leaf);
	p->leaf = leaf;
	tmpl_leaf_add(p, s, n, line, tcol);
	return leaf;
}

/* Returns 1 if s[0..n) is not empty and holds only ASCII letters, digits
 * and the characters of extra. */
static int
tmpl_is_word(const char *s, size_t n, const char *extra)
{
	size_t	 i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) &&
		    (s[i] == '\0' || strchr(extra, s[i]) == NULL))
			return 0;
	return 1;
}

/* A footnote label: letters, digits, '-' and '_'. */
static int
tmpl_is_label(const char *s, size_t n)
{
	return tmpl_is_word(s, n, "-_");
}

/* A name in a reference: a label's characters and '.'. */
static int
tmpl_is_name(const char *s, size_t n)
{
	return tmpl_is_word(s, n, "-_.");
}

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

/* A period's label: letters, digits and '-'. */
static int
tmpl_is_period(const char *s, size_t n)
{
	return tmpl_is_word(s, n, "-");
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
		tmpl_err(p, line, col, "a reference to an earlier period "
		    "needs {earlier:LABEL:NAME[:STYLE]}");
		return -1;
	}
	if (!tmpl_is_period(part[1], plen[1])) {
		tmpl_err(p, line, col, "bad period label \"%.*s\" (letters, "
		    "digits and -)", (int)plen[1], part[1]);
		return -1;
	}
	r->as.figref.period.label = xstrndup(part[1], plen[1]);
	return 2;
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
	size_t		 np = 0, i, start = 0;
	struct doc_node	*r = NULL;
	int		 first = 0, k;
	const char	*bar;
	char		**forms = NULL;
	size_t		 nforms = 0, fn, fn0;

	/* {NAME|ONE|OTHER}, {NAME|ZERO|ONE|OTHER}: the forms. */
	if ((bar = memchr(s, '|', n)) != NULL) {
		fn = n - (size_t)(bar - s);
		fn0 = fn;
		n = (size_t)(bar - s);
		while (fn > 0) {
			const char *f = bar + 1, *e;

			e = memchr(f, '|', fn - 1);
			if (e == NULL)
				e = bar + fn;
			forms = xreallocarray(forms, nforms + 1,
			    sizeof(*forms));
			forms[nforms++] = xstrndup(f, (size_t)(e - f));
			fn -= (size_t)(e - bar);
			bar = e;
		}
		if (nforms > 3) {
			tmpl_err(p, line, col, "a reference with forms needs "
			    "{NAME|WORDS}, {NAME|ONE|OTHER} or "
			    "{NAME|ZERO|ONE|OTHER}, not %zu forms", nforms);
			goto bad;
		}
		/* A form may be empty (a ZERO that prints nothing), but
		 * not all of them: {cases||} would print nothing ever
		 * (issue 31.14). */
		for (i = 0; i < nforms && forms[i][strspn(forms[i], " ")] ==
		    '\0'; i++)
			continue;
		if (i == nforms) {
			tmpl_err(p, line, col, "every form of {%.*s} is empty, "
			    "so it would print nothing: give each form its "
			    "words, {NAME|ONE|OTHER}", (int)(n + fn0), s);
			goto bad;
		}
	}

	while (n > 0 && s[0] == ' ') {
		s++;
		n--;
		bcol++;
	}
	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (n == 0) {
		tmpl_err(p, line, col, "empty reference {}");
		goto bad;
	}
	for (i = 0; i <= n; i++) {
		if (i < n && s[i] != ':')
			continue;
		if (np == 5) {
			tmpl_err(p, line, col, "too many parts in "
			    "reference {%.*s}", (int)n, s);
			goto bad;
		}
		part[np] = s + start;
		plen[np] = i - start;
		pcol[np] = bcol + tmpl_chars(s, start);
		if (!tmpl_is_name(part[np], plen[np])) {
			tmpl_err(p, line, pcol[np], "bad name \"%.*s\" in "
			    "reference {%.*s}", (int)plen[np], part[np],
			    (int)n, s);
			goto bad;
		}
		np++;
		start = i + 1;
	}

#define IS(k, w) (plen[k] == strlen(w) && strncmp(part[k], (w), plen[k]) == 0)
	if (IS(0, "national")) {
		if (np < 2 || np > 4) {
			tmpl_err(p, line, col, "national reference needs "
			    "{national:[STUDY:]NAME[:STYLE]}");
			goto bad;
		}
		/* {national:A:B} is a study and a key, or a key and a
		 * style: fill, which knows the style words, decides. */
		r = doc_node_new(DOC_NATREF, line, col);
		if (np == 2)
			r->as.natref.key = xstrndup(part[1], plen[1]);
		else {
			r->as.natref.study = xstrndup(part[1], plen[1]);
			r->as.natref.key = xstrndup(part[2], plen[2]);
		}
		if (np == 4) {
			r->as.natref.style = xstrndup(part[3], plen[3]);
			r->as.natref.style_col = pcol[3];
		}
		goto plain;
	}
	if (IS(0, "ref")) {
		if (np != 2) {
			tmpl_err(p, line, col, "cross reference needs "
			    "{ref:LABEL}");
			goto bad;
		}
		r = doc_node_new(DOC_XREF, line, col);
		r->as.xref.label = xstrndup(part[1], plen[1]);
		goto plain;
	}
	if (IS(0, "report")) {
		if (np != 2) {
			tmpl_err(p, line, col, "report reference needs "
			    "{report:FIELD}");
			goto bad;
		}
		r = doc_node_new(DOC_FIELD, line, col);
		r->as.field.name = xstrndup(part[1], plen[1]);
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
			tmpl_err(p, line, col, "forms (|...) do not follow "
			    "a change: guard its sentence with \"::: if "
			    "NAME rose\", \"fell\" or \"unchanged\"");
		doc_node_free(r);
		r = NULL;
		goto bad;
	}
	first += k;
	if (np - first < 1 || np - first > 2) {
		tmpl_err(p, line, col, "figure reference needs "
		    "{%sNAME[:STYLE]}", first ? "region:" : "");
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
		tmpl_err(p, line, col, "forms (|...) follow only a figure of "
		    "the ledger, not {%.*s}", (int)n, s);
		doc_node_free(r);
		r = NULL;
	}
bad:
	for (fn = 0; fn < nforms; fn++)
		free(forms[fn]);
	free(forms);
	return r;
}

/* Returns 1 inside a "::: fixed" block. */
static int
tmpl_in_fixed(const struct tmpl_parser *p)
{
	int	 i;

	for (i = 0; i < p->ndepth; i++)
		if (p->conds[i]->as.cond.cond == DOC_COND_FIXED)
			return 1;
	return 0;
}

/* Words that state a quantity of the cohort when typed as text. */
static const char *const tmpl_lint_words[] = {
	"one", "two", "three", "four", "five", "six", "seven", "eight",
	"nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
	"sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
	"forty", "fifty", "hundred", "dozen", "half", "third", "thirds",
	"quarter", "quarters", "several", "most", "many", "few", "couple",
	"majority", "minority", "once", "twice", "single",
};
#define TMPL_NLINT_WORDS \
	(sizeof(tmpl_lint_words) / sizeof(tmpl_lint_words[0]))

#define TMPL_LINT_MSG "quantity \"%.*s\" typed as text: write it from a " \
	"figure, or mark it fixed ({=...} or \"::: fixed\")"

/* Reports a quantity typed as text at offset off of s. */
static void
tmpl_lint_report(struct tmpl_parser *p, const char *s,
    const struct tmpl_seg *segs, size_t nsegs, size_t off, const char *what,
    int len)
{
	int	 line, col;

	tmpl_pos(s, segs, nsegs, off, &line, &col);
	/* Capped as errors are (issue 13.13): at most TMPL_MAX_ERRORS
	 * printed, the rest counted (tmpl_lint_more()). */
	if (p->lint > 1)
		tmpl_err(p, line, col, TMPL_LINT_MSG, len, what);
	else if (p->nlint < TMPL_MAX_ERRORS)
		diag_warn(p->d, p->file, line, col, TMPL_LINT_MSG, len, what);
	p->nlint++;
}

/*
 * The prose lint over inline text s[0..n): every numeral and quantity
 * word outside references ({...}, fixed text {=...} included), escapes
 * and footnote markers.
 */
static void
tmpl_lint_text(struct tmpl_parser *p, const char *s, size_t n,
    const struct tmpl_seg *segs, size_t nsegs)
{
	size_t	 i = 0, j, k, w, prev = (size_t)-1, prev2 = (size_t)-1;
	size_t	 prevlen = 0, prev2len = 0;
	int	 digit;

	while (i < n) {
		if (s[i] == '\\' && i + 1 < n) {
			i += 2;
			continue;
		}
		if (s[i] == '{') {
			while (i < n && s[i] != '}')
				i++;
			i++;
			continue;
		}
		if (s[i] == '[' && i + 1 < n && s[i + 1] == '^') {
			while (i < n && s[i] != ']')
				i++;
			i++;
			continue;
		}
		if (!isalnum((unsigned char)s[i])) {
			i++;
			continue;
		}
		digit = 0;
		for (j = i; j < n && (isalnum((unsigned char)s[j]) ||
		    s[j] == '\''); j++)
			if (isdigit((unsigned char)s[j]))
				digit = 1;
		w = j - i;
		if (digit)
			tmpl_lint_report(p, s, segs, nsegs, i, s + i, (int)w);
		else {
			for (k = 0; k < TMPL_NLINT_WORDS; k++)
				if (strlen(tmpl_lint_words[k]) == w &&
				    strncasecmp(s + i, tmpl_lint_words[k],
				    w) == 0)
					break;
			/* "a number of", "a small number of" */
			if (k == TMPL_NLINT_WORDS && w == 6 &&
			    strncasecmp(s + i, "number", 6) == 0 &&
			    ((prevlen == 1 && strncasecmp(s + prev, "a", 1)
			    == 0) || (prev2len == 1 &&
			    strncasecmp(s + prev2, "a", 1) == 0)))
				k = 0;
			if (k < TMPL_NLINT_WORDS)
				tmpl_lint_report(p, s, segs, nsegs, i,
				    s + i, (int)w);
		}
		prev2 = prev;
		prev2len = prevlen;
		prev = i;
		prevlen = w;
		i = j;
	}
}

/*
 * Parses inline text s[0..n) (positions from segs) into nodes appended
 * to parent.
 */
static void
tmpl_inline(struct tmpl_parser *p, struct doc_node *parent, const char *s,
    size_t n, const struct tmpl_seg *segs, size_t nsegs)
{
	struct buf	 t;
	struct doc_node	*into = parent, *strong = NULL, *r;
	size_t		 i = 0, j, tstart = 0;
	int		 line, col, bline, bcol, errors = p->errors;

	tmpl_pos_gen++;		/* a new text for tmpl_pos() */
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
					    "empty strong emphasis ****");
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
			tmpl_pos(s, segs, nsegs, tstart, &line, &col);
			tmpl_add_text(into, &t, line, col);
			tmpl_pos(s, segs, nsegs, i, &line, &col);
			for (j = i + 1; j < n && s[j] != '}' && s[j] != '{';
			    j++)
				continue;
			if (j == n || s[j] == '{') {
				tmpl_err(p, line, col, "unclosed reference: "
				    "\"{\" without \"}\"");
				i = j;
				continue;
			}
			if (s[i + 1] == '=') {
				/* {=text}: fixed text, kept as typed */
				if (t.len == 0)
					tstart = i;
				buf_putn(&t, s + i + 2, j - i - 2);
				i = j + 1;
				continue;
			}
			tmpl_pos(s, segs, nsegs, i + 1, &bline, &bcol);
			if (bline != line)
				bcol = col + 1;
			r = tmpl_ref(p, s + i + 1, j - i - 1, line, col, bcol);
			if (r != NULL)
				doc_node_append(into, r);
			i = j + 1;
			continue;
		}
		if (s[i] == '}') {
			tmpl_pos(s, segs, nsegs, i, &line, &col);
			tmpl_err(p, line, col, "\"}\" without \"{\" "
			    "(write \\} for a brace)");
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
		tmpl_err(p, strong->line, strong->col, "unclosed strong "
		    "emphasis: \"**\" without a closing \"**\"");
	if (parent->first_child == NULL && parent->type != DOC_CELL &&
	    p->errors == errors)
		tmpl_err(p, parent->line, parent->col, "empty %s",
		    doc_type_names[parent->type]);
}

/* Returns 1 if the cell text s[0..n) is a header rule such as ---. */
static int
tmpl_is_rule_cell(const char *s, size_t n)
{
	size_t	 i;
	int	 dashes = 0;

	while (n > 0 && s[0] == ' ') {
		s++;
		n--;
	}
	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (n > 0 && s[0] == ':') {
		s++;
		n--;
	}
	if (n > 0 && s[n - 1] == ':')
		n--;
	for (i = 0; i < n; i++) {
		if (s[i] != '-')
			return 0;
		dashes++;
	}
	return dashes > 0;
}

/* Parses a table row s[0..n) (s[0] is '|') at line, whose first
 * character is at column col. */
static void
tmpl_table_row(struct tmpl_parser *p, const char *s, size_t n, int line,
    int col)
{
	const char	*cell[TMPL_MAX_COLS];
	size_t		 clen[TMPL_MAX_COLS];
	int		 ccol[TMPL_MAX_COLS];
	size_t		 i, start, ncells = 0;
	int		 rule = 1;
	struct doc_node	*row, *c, *r;
	struct tmpl_seg	 seg;

	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (n < 2 || s[n - 1] != '|' || (n >= 2 && s[n - 2] == '\\')) {
		tmpl_err(p, line, col + tmpl_chars(s, n), "bad table row: "
		    "a row must end with \"|\"");
		return;
	}
	start = 1;
	for (i = 1; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n) {
			i++;
			continue;
		}
		if (s[i] != '|')
			continue;
		if (ncells == TMPL_MAX_COLS) {
			tmpl_err(p, line, col, "bad table row: more than %d "
			    "cells", TMPL_MAX_COLS);
			return;
		}
		cell[ncells] = s + start;
		clen[ncells] = i - start;
		ccol[ncells] = col + tmpl_chars(s, start);
		if (!tmpl_is_rule_cell(cell[ncells], clen[ncells]))
			rule = 0;
		ncells++;
		start = i + 1;
	}

	if (p->table == NULL) {
		p->table = doc_node_new(DOC_TABLE, line, col);
		p->table->as.table.ncols = (int)ncells;
		p->table_rule = 0;
		doc_node_append(tmpl_container(p), p->table);
	} else if ((int)ncells != p->table->as.table.ncols) {
		tmpl_err(p, line, col, "bad table row: %zu cells, but the "
		    "table's first row has %d", ncells,
		    p->table->as.table.ncols);
		return;
	}

	if (rule) {
		if (p->table_rule || p->table->first_child == NULL) {
			tmpl_err(p, line, col, "bad table row: a header rule "
			    "must follow the header rows, once");
			return;
		}
		p->table_rule = 1;
		for (r = p->table->first_child; r != NULL; r = r->next) {
			r->as.row.header = 1;
			for (c = r->first_child; c != NULL; c = c->next)
				c->as.cell.header = 1;
		}
		return;
	}

	if (!tmpl_within(p, &p->ncells, ncells, TMPL_MAX_CELLS, "table cells",
	    line, col))
		return;
	row = doc_node_new(DOC_ROW, line, col);
	doc_node_append(p->table, row);
	for (i = 0; i < ncells; i++) {
		/* Trim the cell, keeping its column right. */
		while (clen[i] > 0 && cell[i][0] == ' ') {
			cell[i]++;
			clen[i]--;
			ccol[i]++;
		}
		while (clen[i] > 0 && cell[i][clen[i] - 1] == ' ')
			clen[i]--;
		c = doc_node_new(DOC_CELL, line, ccol[i]);
		doc_node_append(row, c);
		seg.off = 0;
		seg.line = line;
		seg.col = ccol[i];
		tmpl_inline(p, c, cell[i], clen[i], &seg, 1);
	}
}

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
		tmpl_err(p, line, col + (int)(w[1] - s), "bad test \"%.*s "
		    "%.*s\": write \"::: if [region:]NAME rose\", \"fell\", "
		    "\"unchanged\" or \"comparable\", or \"NAME OP RIGHT\"", (int)wl[0],
		    w[0], (int)wl[1], w[1]);
		return NULL;
	}
	t = xcalloc(1, sizeof(*t));
	t->op = (enum doc_test_op)op;
	if (tmpl_test_fig(w[0], wl[0], &t->ledger, &t->name,
	    &t->period) < 0 || t->period.previous || t->period.label) {
		tmpl_err(p, line, col, "bad figure \"%.*s\" in test: \"%s\" "
		    "compares the current period with the one before",
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
		tmpl_err(p, line, col, "bad test \"%.*s\": write \"::: if "
		    "[region:]NAME OP N\", \"N%%\", \"[half] "
		    "[region:]OTHER\" with OP one of = != < <= > >=",
		    (int)n, s);
		return NULL;
	}
	t = xcalloc(1, sizeof(*t));
	if (tmpl_test_fig(w[0], wl[0], &t->ledger, &t->name,
	    &t->period) < 0) {
		tmpl_err(p, line, col, "bad figure name \"%.*s\" in test",
		    (int)wl[0], w[0]);
		goto bad;
	}
	for (op = 0; op < DOC_OP_ROSE; op++)
		if (strlen(doc_test_op_names[op]) == wl[1] &&
		    strncmp(w[1], doc_test_op_names[op], wl[1]) == 0)
			break;
	if (op == DOC_OP_ROSE) {
		tmpl_err(p, line, col + (int)(w[1] - s), "unknown "
		    "comparison \"%.*s\" (= != < <= > >=)", (int)wl[1],
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
			tmpl_err(p, line, col + (int)(w[k] - s), "bad "
			    "number \"%.*s\" in test (0 to 100%% for a "
			    "percentage)", (int)wl[k], w[k]);
			goto bad;
		}
		return t;
	}
	if (tmpl_test_fig(w[k], wl[k], &t->rledger, &t->rname,
	    &t->rperiod) < 0) {
		tmpl_err(p, line, col + (int)(w[k] - s), "bad figure name "
		    "\"%.*s\" in test", (int)wl[k], w[k]);
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
		tmpl_err(p, line, col, "unknown block \"::: %s\"; did you "
		    "mean \"%s\"?", name, sug);
	else {
		struct buf all;

		/* Every block, from the table, so none is left out. */
		buf_init(&all);
		for (i = 0; i < DOC_COND__MAX; i++)
			buf_printf(&all, "%s%s", i == 0 ? "" : i + 1 ==
			    DOC_COND__MAX ? " or " : ", ", doc_cond_names[i]);
		tmpl_err(p, line, col, "unknown block \"::: %s\" (%s)", name,
		    all.data);
		buf_clear(&all);
	}
	free(name);
	return -1;
}

/* Appends a figure node of type (a chart, a tile map) for the directive
 * s[0..n) at line:col, its caption the text from s[i] on, if any, and
 * returns it. */
static struct doc_node *
tmpl_captioned(struct tmpl_parser *p, enum doc_type type, const char *s,
    size_t n, size_t i, int line, int col)
{
	struct doc_node	*node;

	if (i < n) {
		node = tmpl_open_leaf(p, tmpl_container(p), type, line, col,
		    s + i, n - i, col + (int)i);
		tmpl_close_leaf(p);
	} else {
		node = doc_node_new(type, line, col);
		doc_node_append(tmpl_container(p), node);
	}
	return node;
}

/*
 * Reads the optional "#label" of a directive at s[*i] and the spaces after
 * it, moving *i past them.  Returns the label (free with free()), or NULL
 * when there is none or it is bad (reported).
 */
static char *
tmpl_label(struct tmpl_parser *p, const char *s, size_t n, size_t *i,
    int line, int col)
{
	size_t	 start, end;

	if (*i >= n || s[*i] != '#')
		return NULL;
	start = *i + 1;
	for (end = start; end < n && s[end] != ' '; end++)
		continue;
	*i = end;
	while (*i < n && s[*i] == ' ')
		(*i)++;
	if (!tmpl_is_label(s + start, end - start)) {
		tmpl_err(p, line, col + (int)start, "bad label \"%.*s\" "
		    "(letters, digits, - and _)", (int)(end - start),
		    s + start);
		return NULL;
	}
	return xstrndup(s + start, end - start);
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
		tmpl_err(p, line, col, "bad period label \"%.*s\" in "
		    "\"::: earlier LABEL\" (letters, digits and -)", (int)n,
		    s);
		return NULL;
	}
	return xstrndup(s, n);
}

/* "@periods" at line:col (alone on its line when alone): marks the table
 * just above, of a label and a figure a row, to be set across every
 * period. */
static void
tmpl_periods(struct tmpl_parser *p, int alone, int line, int col)
{
	struct doc_node	*t = tmpl_container(p)->last_child;

	if (!alone)
		tmpl_err(p, line, col, "@periods takes nothing after it "
		    "(a @chart of the table may follow)");
	else if (t == NULL || t->type != DOC_TABLE)
		tmpl_err(p, line, col, "@periods must follow the table it "
		    "sets across the periods");
	else if (t->as.table.periods)
		tmpl_err(p, line, col, "@periods twice for one table");
	else if (t->as.table.ncols != 2)
		tmpl_err(p, line, col, "@periods sets a table of two columns "
		    "(a label, then a figure) across the periods; the table "
		    "above has %d", t->as.table.ncols);
	else
		t->as.table.periods = 1;
}

/* "@trend NAME,NAME... [CAPTION]" s[0..n), its words from s[i], at
 * line:col: a chart of national figures across the studies beside the
 * region's across its periods. */
static void
tmpl_trend(struct tmpl_parser *p, const char *s, size_t n, size_t i,
    int line, int col)
{
	struct doc_node	*chart;
	size_t		 j, k, start;
	char		**names = NULL;
	size_t		 nnames = 0;

	for (j = i; j < n && s[j] != ' '; j++)
		continue;
	if (j == i) {
		tmpl_err(p, line, col, "@trend needs the national figures "
		    "it draws: @trend NAME[,NAME...] [CAPTION]");
		return;
	}
	for (start = k = i; k <= j; k++) {
		if (k < j && s[k] != ',')
			continue;
		if (!tmpl_is_word(s + start, k - start, "_") ||
		    isdigit((unsigned char)s[start])) {
			tmpl_err(p, line, col + (int)start, "bad figure name "
			    "\"%.*s\" in @trend", (int)(k - start),
			    s + start);
			for (k = 0; k < nnames; k++)
				free(names[k]);
			free(names);
			return;
		}
		names = xreallocarray(names, nnames + 1, sizeof(*names));
		names[nnames++] = xstrndup(s + start, k - start);
		start = k + 1;
	}
	while (j < n && s[j] == ' ')
		j++;
	tmpl_captioned(p, DOC_CHART, s, n, j, line, col);
	chart = tmpl_container(p)->last_child;
	chart->as.chart.trend = names;
	chart->as.chart.ntrend = nnames;
}

/* Parses one line s[0..n) (without its newline) numbered line. */
static void
tmpl_line(struct tmpl_parser *p, const char *s, size_t n, int line)
{
	struct doc_node	*node, *parent;
	struct doc_test	*test;
	char		*label;
	size_t		 i, k;
	int		 col = 1, c, level;

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

	/* ::: blocks */
	if (n >= 3 && strncmp(s, ":::", 3) == 0) {
		tmpl_close_all(p);
		for (i = 3; i < n && s[i] == ' '; i++)
			continue;
		if (i == n) {
			if (p->ndepth == 0) {
				tmpl_err(p, line, col, "\":::\" closes no "
				    "block");
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
			tmpl_err(p, line, col + (int)i, "\"::: if\" needs a "
			    "test, e.g. \"::: if region:deaths > 0\"");
			c = DOC_COND_REGIONAL;
		}
		if (p->ndepth == TMPL_MAX_DEPTH) {
			tmpl_err(p, line, col, "blocks nested deeper than "
			    "%d", TMPL_MAX_DEPTH);
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

	/* Headings. */
	if (s[0] == '#') {
		for (level = 0; (size_t)level < n && s[level] == '#'; level++)
			continue;
		if ((size_t)level < n && s[level] == ' ') {
			tmpl_close_all(p);
			if (level > 4) {
				tmpl_err(p, line, col, "heading level %d; "
				    "the deepest is ####", level);
				level = 4;
			}
			for (i = level; i < n && s[i] == ' '; i++)
				continue;
			node = tmpl_open_leaf(p, tmpl_container(p),
			    DOC_HEADING, line, col, s + i, n - i,
			    col + (int)i);
			node->as.heading.level = level;
			tmpl_close_leaf(p);
			return;
		}
	}

	/* Directives. */
	if (s[0] == '@') {
		tmpl_close_all(p);
		for (i = 1; i < n && isalpha((unsigned char)s[i]); i++)
			continue;
		k = i;
		while (i < n && s[i] == ' ')
			i++;
		if (k == 9 && strncmp(s, "@subtitle", 9) == 0 && i < n) {
			tmpl_open_leaf(p, tmpl_container(p), DOC_SUBTITLE,
			    line, col, s + i, n - i, col + (int)i);
			tmpl_close_leaf(p);
		} else if (k == 8 && strncmp(s, "@signoff", 8) == 0 &&
		    i == n) {
			doc_node_append(tmpl_container(p),
			    doc_node_new(DOC_SIGNOFF, line, col));
		} else if (k == 10 && strncmp(s, "@pagebreak", 10) == 0 &&
		    i == n) {
			doc_node_append(tmpl_container(p),
			    doc_node_new(DOC_PAGEBREAK, line, col));
		} else if (k == 6 && strncmp(s, "@table", 6) == 0) {
			label = tmpl_label(p, s, n, &i, line, col);
			if (i < n) {
				node = tmpl_open_leaf(p, tmpl_container(p),
				    DOC_CAPTION, line, col, s + i, n - i,
				    col + (int)i);
				node->as.caption.label = label;
				tmpl_close_leaf(p);
			} else {
				tmpl_err(p, line, col, "@table needs its "
				    "caption (@table [#LABEL] TEXT)");
				free(label);
			}
		} else if (k == 6 && strncmp(s, "@chart", 6) == 0) {
			label = tmpl_label(p, s, n, &i, line, col);
			if (tmpl_container(p)->last_child == NULL ||
			    tmpl_container(p)->last_child->type != DOC_TABLE) {
				tmpl_err(p, line, col, "@chart must follow "
				    "the table it draws");
				free(label);
			} else {
				node = tmpl_captioned(p, DOC_CHART, s, n, i,
				    line, col);
				node->as.chart.label = label;
			}
		} else if (k == 7 && strncmp(s, "@boards", 7) == 0) {
			label = tmpl_label(p, s, n, &i, line, col);
			node = tmpl_captioned(p, DOC_TILEMAP, s, n, i, line,
			    col);
			node->as.tilemap.label = label;
		} else if (k == 8 && strncmp(s, "@periods", 8) == 0) {
			tmpl_periods(p, i == n, line, col);
		} else if (k == 6 && strncmp(s, "@trend", 6) == 0) {
			label = tmpl_label(p, s, n, &i, line, col);
			node = tmpl_container(p)->last_child;
			tmpl_trend(p, s, n, i, line, col);
			if (tmpl_container(p)->last_child != node)
				tmpl_container(p)->last_child->as.chart.label =
				    label;
			else
				free(label);
		} else
			tmpl_err(p, line, col, "unknown directive \"%.*s\" "
			    "(@subtitle TEXT, @table [#LABEL] TEXT, @chart "
			    "[#LABEL] [TEXT], @boards [#LABEL] [TEXT], "
			    "@periods, @trend [#LABEL] NAME,... [TEXT], "
			    "@signoff or @pagebreak)", (int)n, s);
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

	/* List items. */
	k = 0;
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
		return;
	}

	/* Footnote definitions. */
	if (n > 3 && s[0] == '[' && s[1] == '^') {
		for (i = 2; i < n && s[i] != ']'; i++)
			continue;
		if (i + 1 < n && s[i + 1] == ':' &&
		    tmpl_is_label(s + 2, i - 2)) {
			tmpl_close_all(p);
			if (!tmpl_within(p, &p->nnotes, 1, TMPL_MAX_NOTES,
			    "footnotes",
			    line, col))
				return;
			if ((node = tmpl_fndef_first(p, s + 2, i - 2)) != NULL)
				tmpl_err(p, line, col, "footnote [^%.*s] "
				    "defined twice (first at line %d)",
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
			return;
		}
	}

	/* Asides. */
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
		return;
	}

	/* Text: continues the open leaf, or starts a paragraph. */
	if (p->leaf != NULL && p->leaf->type != DOC_ASIDE &&
	    p->leaf->type != DOC_HEADING) {
		tmpl_leaf_add(p, s, n, line, col);
		return;
	}
	tmpl_close_all(p);
	parent = tmpl_container(p);
	tmpl_open_leaf(p, parent, DOC_PARA, line, col, s, n, col);
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
			    "invalid UTF-8 byte 0x%02x",
			    (unsigned char)s[i]);
			return 0;
		}
		if (len == 1 && (unsigned char)s[i] < 0x20 && s[i] != '\t') {
			tmpl_err(p, line, tmpl_chars(s, i) + 1,
			    "control character 0x%02x", (unsigned char)s[i]);
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
			    "footnote [^%s] is not defined; did you mean "
			    "[^%s]?", p->fnrefs[i]->as.fnref.label, sug);
		else
			tmpl_err(p, p->fnrefs[i]->line, p->fnrefs[i]->col,
			    "footnote [^%s] is not defined (add a line "
			    "\"[^%s]: text\")", p->fnrefs[i]->as.fnref.label,
			    p->fnrefs[i]->as.fnref.label);
	}
	/* An unused footnote is the parse's warning; the lint, which
	 * parses again after it, does not repeat it (issue 31.14). */
	for (k = 0; p->lint == 0 && k < p->nfndefs; k++) {
		if (tmpl_label_in(labels[k], refs, p->nfnrefs))
			continue;
		if (++nwarn <= TMPL_MAX_ERRORS)
			diag_warn(p->d, p->file, p->fndefs[k]->line,
			    p->fndefs[k]->col, "footnote [^%s] is never "
			    "referenced", labels[k]);
	}
	if (nwarn > TMPL_MAX_ERRORS)
		diag_warn(p->d, p->file, 0, 0, "%zu more footnotes are never "
		    "referenced", nwarn - TMPL_MAX_ERRORS);
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
			    "NUL byte in template");
		else if (tmpl_check_line(&p, data + start, k, line))
			tmpl_line(&p, data + start, k, line);
		start = i + 1;
	}
	tmpl_close_all(&p);
	while (p.ndepth > 0) {
		p.ndepth--;
		tmpl_err(&p, p.conds[p.ndepth]->line, p.conds[p.ndepth]->col,
		    "unclosed block \"::: %s\": no \":::\" before the end "
		    "of the file",
		    doc_cond_names[p.conds[p.ndepth]->as.cond.cond]);
	}
	tmpl_check_footnotes(&p);
	if (p.lint == 1 && p.nlint > TMPL_MAX_ERRORS)
		diag_warn(d, file, 0, 0, "%d more prose warnings not shown",
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
		diag_error(d, path, 0, 0, "cannot read template: %s",
		    strerror(errno));
		return 3;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		buf_putn(b, chunk, n);
		if (b->len > TMPL_MAX_SIZE)
			break;
	}
	if (ferror(f)) {
		diag_error(d, path, 0, 0, "cannot read template: %s",
		    strerror(errno));
		rc = 1;
	} else if (b->len > TMPL_MAX_SIZE) {
		diag_error(d, path, 0, 0, "template larger than %d MiB",
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
