/*
 * doc.h: the document model (doc.c), the output of the template parser
 * (tmpl.h) and of the filler (fill.h), and the input of every back end
 * (render.h).  A template parses into one typed tree of struct doc_node;
 * document-wide data sits beside the root in struct doc_meta.  Every node
 * keeps the line and column of the template text it came from, so fill
 * can still point at the source.  The model only: it declares nothing of
 * the loader, the aggregator, the parser or the filler.
 * For the template parser, the filler, paper.c and the back ends.
 */
#ifndef SCR_DOC_H
#define SCR_DOC_H

#include <stddef.h>
#include <stdio.h>

enum doc_type {
	DOC_ROOT,	/* the whole paper; block children */
	DOC_HEADING,	/* as.heading.level; inline children */
	DOC_SUBTITLE,	/* the line under the title; inline children */
	DOC_PARA,	/* a paragraph; inline children */
	DOC_ASIDE,	/* a boxed note beside the text; inline children */
	DOC_LIST,	/* as.list.kind; DOC_ITEM children */
	DOC_ITEM,	/* as.item.number; inline children */
	DOC_TABLE,	/* as.table.ncols; DOC_ROW children */
	DOC_ROW,	/* as.row.header; DOC_CELL children */
	DOC_CELL,	/* as.cell.header, .align; inline children */
	DOC_FOOTNOTE,	/* a footnote's text: as.footnote; inline children */
	DOC_COND,	/* a conditional block: as.cond.cond; block children;
			   removed by fill */
	DOC_SIGNOFF,	/* the authors' names and organisation (from meta) */
	DOC_PAGEBREAK,	/* start a new page */
	DOC_CHART,	/* a bar chart of the DOC_TABLE just before it (its
			   first column the categories, its other columns
			   the series, percentages or counts; [c] cells are
			   not drawn); inline children: its caption */
	DOC_TILEMAP,	/* "@boards": fill puts the table of every board's
			   reviews and children before it, and sets
			   as.tilemap.data when the region has a grid (else
			   removes it); inline children: its caption */
	DOC_TEXT,	/* literal text: text */
	DOC_STRONG,	/* strong emphasis; inline children */
	DOC_FNREF,	/* footnote reference: as.fnref; text is the marker
			   after fill */
	DOC_FIGREF,	/* {name} or {name:style}: as.figref; text after fill */
	DOC_NATREF,	/* {national:...}: as.natref; text after fill */
	DOC_FIELD,	/* {report:field}: as.field; text after fill */
	DOC_CAPTION,	/* "@table [#label] text": the numbered caption of the
			   DOC_TABLE just after it: as.caption; inline
			   children, "Table N: " put first by fill */
	DOC_XREF,	/* {ref:label}: as.xref; text after fill ("Table 1",
			   "Figure 1") */
};

/* How many node types there are: outside enum doc_type, so that a
 * switch over the types lists every type and no default (-Wswitch-enum
 * then names each switch a new type must reach). */
enum { DOC__MAX = DOC_XREF + 1 };

/* Names for dumps and messages, indexed by enum doc_type. */
extern const char *const doc_type_names[DOC__MAX];

enum doc_list_kind {
	DOC_LIST_BULLET,	/* "- " items */
	DOC_LIST_NUMBERED,	/* "1. " items, numbered by fill */
	DOC_LIST__MAX
};

enum doc_align {
	DOC_ALIGN_LEFT,
	DOC_ALIGN_RIGHT,
	DOC_ALIGN__MAX
};

/* When a ::: block is shown. */
enum doc_cond_kind {
	DOC_COND_REGIONAL,	/* "regional": only in the regional paper */
	DOC_COND_LSCB,		/* "lscb": only in a board's variant */
	DOC_COND_CASES,		/* "cases": the selection has cases */
	DOC_COND_NO_CASES,	/* "no-cases": the selection has none */
	DOC_COND_SUPPRESSED,	/* "suppressed": some figure shows [c] */
	DOC_COND_REGION_CASES,	/* "region-cases": the region has cases */
	DOC_COND_NO_REGION_CASES, /* "no-region-cases": the region has none */
	DOC_COND_IF,		/* "if TEST": a test on figure values holds
				   (as.cond.test) */
	DOC_COND_FIXED,		/* "fixed": always shown; its text is typed
				   on purpose (true by definition, or quoted
				   from a study) and the prose lint skips it */
	DOC_COND_UNLESS,	/* "unless TEST": shown when the test of
				   as.cond.test does not hold */
	DOC_COND_EARLIER,	/* "earlier [LABEL]": report.yaml declares an
				   earlier period (as.cond.label: that one) */
	DOC_COND_NO_EARLIER,	/* "no-earlier": it declares none */
	DOC_COND_BOARD_FIGURES,	/* "board-figures": some table of a board's
				   paper keeps its board column (fill
				   collapses the mostly [c] ones) */
	DOC_COND_NO_BOARD_FIGURES, /* "no-board-figures": none does */
	DOC_COND_BANDED,	/* "banded": some figure prints as a band */
	DOC_COND_MAP,		/* "map": "@boards" draws the region's tile
				   map (the regional paper, with a grid) */
	DOC_COND_PERIOD_CASES,	/* "period-cases": the selection has cases
				   in some period (report.yaml's period or
				   an earlier one) */
	DOC_COND_NO_PERIOD_CASES, /* "no-period-cases": it has none in any */
	DOC_COND__MAX
};

/* Spellings after ":::", indexed by enum doc_cond_kind. */
extern const char *const doc_cond_names[DOC_COND__MAX];

/* Which figures a DOC_FIGREF reads. */
enum doc_ledger {
	DOC_LEDGER_SELECTION,	/* {name}: the paper's own selection */
	DOC_LEDGER_REGION,	/* {region:name}: the whole region */
	DOC_LEDGER__MAX
};

/*
 * The period a figure reference reads (report.yaml's period and its
 * "earlier:" ones): the current one unless previous is set ("previous:",
 * the period just before it) or label is ("earlier:LABEL:").  Fill sets
 * index.
 */
struct doc_period {
	char		*label;		/* "earlier:LABEL:", or NULL */
	int		 previous;	/* 1: "previous:" */
	int		 index;		/* set by fill: into the report's
					   periods, oldest first, the
					   current one last */
};

/* The comparison of a "::: if" test. */
enum doc_test_op {
	DOC_OP_EQ,	/* = */
	DOC_OP_NE,	/* != */
	DOC_OP_LT,	/* < */
	DOC_OP_LE,	/* <= */
	DOC_OP_GT,	/* > */
	DOC_OP_GE,	/* >= */
	DOC_OP_ROSE,	/* "NAME rose": its value is higher than in the
			   period before (shares: whole percentages) */
	DOC_OP_FELL,	/* "NAME fell": lower */
	DOC_OP_SAME,	/* "NAME unchanged": the same */
	DOC_OP_COMPARABLE, /* "NAME comparable": both values are shown, so
			   {change:NAME} prints a change */
	DOC_OP__MAX
};

/* Spellings of enum doc_test_op. */
extern const char *const doc_test_op_names[DOC_OP__MAX];

/*
 * "::: if [region:]NAME OP RIGHT", RIGHT one of N (the figure's count,
 * its numerator), N% (its percentage), [region:]OTHER or half
 * [region:]OTHER (the other figure's numerator, or half of it).  A
 * suppressed figure is known only as its public bounds lo..hi: the test
 * holds only when it holds for every value in them.
 */
struct doc_test {
	enum doc_ledger	 ledger;	/* the left figure's */
	char		*name;
	enum doc_test_op op;
	enum doc_ledger	 rledger;
	char		*rname;		/* the right figure, or NULL */
	long		 rnum;		/* RIGHT as a number (no rname) */
	int		 rpercent;	/* 1: compare percentages (N%) */
	int		 rhalf;		/* 1: "half OTHER" */
	struct doc_period period;	/* the left figure's period */
	struct doc_period rperiod;	/* the right figure's */
};


/* What a figure in the text, or a table cell, holds (set by fill). */
enum doc_num_kind {
	DOC_NUM_NONE,		/* not a figure: words, a label */
	DOC_NUM_COUNT,		/* a number: value */
	DOC_NUM_PERCENT,	/* a whole percent: value */
	DOC_NUM_SUPPRESSED,	/* a figure disclosure control hides; its
				   value is not known here */
	DOC_NUM_BLANK,		/* stands where there is no figure: "–",
				   or "n/a" for a share of nothing */
	DOC_NUM__MAX
};

/* Names for dumps, indexed by enum doc_num_kind. */
extern const char *const doc_num_names[DOC_NUM__MAX];

struct doc_num {
	enum doc_num_kind kind;
	double		  value;	/* COUNT and PERCENT: finite, 0 to
					   DOC_NUM_LIMIT; else 0 */
};

/* The largest number a cell or a chart holds as a number. */
#define DOC_NUM_LIMIT	1e9

/* One value of a chart. */
struct doc_chart_cell {
	struct doc_num	 num;
	char		*text;	/* as its table cell prints it */
	int		 bar;	/* 1 if drawn as a bar: a number of the
				   chart's kind */
};

/*
 * A bar chart's data (set by fill), read from the table just before its
 * DOC_CHART node: the first column the categories, the other columns the
 * series, the header row their names.
 */
struct doc_chart {
	size_t			 nseries;
	size_t			 ncats;
	char			**series;	/* series names */
	char			**cats;		/* category names */
	struct doc_chart_cell	*cells;		/* ncats * nseries, by
						   category */
	enum doc_num_kind	 kind;	/* DOC_NUM_PERCENT or DOC_NUM_COUNT,
					   what most numbers are: the axis;
					   numbers of the other kind get no
					   bar */
	double			 max;	/* the largest bar's value */
	double			 axis_step; /* the axis, every back end's:
					   gridlines every axis_step (1, 2
					   or 5 times a power of ten) from 0
					   to axis_max, at most five steps
					   to the largest bar */
	double			 axis_max;
	int			 suppressed; /* 1 if a value is suppressed */
	const char		*per;	/* " a year" after every value and
					   gridline of a chart of rates a
					   year (counts of periods of
					   unequal lengths), or NULL;
					   static */
	char			*alt;	/* the text alternative: caption,
					   then every value, then what a
					   suppressed one means */
};

/* One tile of a tile map: a board at its place in the region's grid. */
struct doc_tile {
	char		*name;	/* the board, as report.yaml spells it */
	char		*label;	/* its short label, printed on the tile */
	int		 col;	/* 1-based, from the left */
	int		 row;	/* 1-based, from the top */
	long		 value;	/* its number of reviews (public) */
	int		 shade;	/* its class, 0..nshades - 1 (the lightest
				   for the fewest reviews) */
};

/* The shades of a tile map, lightest first, and the ink printed on each
 * (0xRRGGBB; the ink has a contrast of at least 4.5:1 on its shade). */
#define DOC_TILE_SHADES	5
struct doc_tile_shade {
	unsigned	 fill;
	unsigned	 ink;
};
extern const struct doc_tile_shade doc_tile_shades[DOC_TILE_SHADES];

/* The colours of a bar chart's series (0xRRGGBB), every back end's: a
 * chart's series s is drawn in doc_chart_colours[doc_chart_colour(s)],
 * hatched as doc_chart_hatch(s) says. */
#define DOC_CHART_COLOURS	2
extern const unsigned doc_chart_colours[DOC_CHART_COLOURS];
enum doc_hatch {
	DOC_HATCH_NONE,		/* solid */
	DOC_HATCH_RISING,	/* lines from bottom left to top right */
	DOC_HATCH_FALLING,	/* lines from top left to bottom right */
	DOC_HATCH_CROSS		/* both */
};
int		doc_chart_colour(size_t s);
enum doc_hatch	doc_chart_hatch(size_t s);

/*
 * A tile map (set by fill): every board of the region as a square at its
 * place in the grid, shaded by its number of reviews.
 */
struct doc_tilemap {
	struct doc_tile	*tiles;		/* in report.yaml's board order */
	size_t		 ntiles;
	int		 ncols;		/* the grid's extent */
	int		 nrows;
	int		 nshades;	/* classes used, 1..DOC_TILE_SHADES */
	int		 pal[DOC_TILE_SHADES]; /* each class's index into
					   doc_tile_shades */
	long		 lo[DOC_TILE_SHADES]; /* each class's values, */
	long		 hi[DOC_TILE_SHADES]; /* lo..hi inclusive */
	char		*legend[DOC_TILE_SHADES]; /* "0", "1–2"... */
	char		*alt;		/* the text alternative: the caption,
					   then the boards by number of
					   reviews */
};

/*
 * Structure roles: what a node is to a reader, named as the standard
 * structure types of tagged PDF (ISO 32000-1, 14.8.4), which HTML maps
 * one to one (P to p, L to ul or ol, TH to th, Figure to figure...).
 * Every back end takes its elements from here.
 */
enum doc_role {
	DOC_ROLE_NONE,		/* no element of its own */
	DOC_ROLE_DOCUMENT,
	DOC_ROLE_H1,		/* H1 to H4: by heading level */
	DOC_ROLE_H2,
	DOC_ROLE_H3,
	DOC_ROLE_H4,
	DOC_ROLE_P,
	DOC_ROLE_BLOCKQUOTE,
	DOC_ROLE_L,		/* a list */
	DOC_ROLE_LI,		/* a list item */
	DOC_ROLE_LBODY,		/* a list item's text (after its label) */
	DOC_ROLE_TABLE,
	DOC_ROLE_TR,
	DOC_ROLE_TH,		/* a header cell: of a header row (column
				   scope), or a body row's first (row scope) */
	DOC_ROLE_TD,
	DOC_ROLE_NOTE,		/* a footnote */
	DOC_ROLE_FIGURE,	/* a chart */
	DOC_ROLE_DIV,		/* a group of paragraphs (the sign-off) */
	DOC_ROLE_CAPTION,	/* a table's or a chart's numbered caption */
	DOC_ROLE__MAX
};

/* The standard structure type names, indexed by enum doc_role ("" for
 * DOC_ROLE_NONE). */
extern const char *const doc_role_names[DOC_ROLE__MAX];

/* The roles of a node type: its own, and that of the text inside it
 * where that text is an element of its own (a chart's caption, a list
 * item's body, a footnote's text, the lines of the sign-off). */
struct doc_type_role {
	enum doc_role	 self;
	enum doc_role	 inner;	/* DOC_ROLE_NONE: the text is its own */
};
extern const struct doc_type_role doc_type_roles[DOC__MAX];

struct doc_node {
	enum doc_type	 type;
	struct doc_node	*parent;
	struct doc_node	*first_child;
	struct doc_node	*last_child;
	struct doc_node	*next;
	struct doc_node	*prev;
	int		 line;	/* 1-based template line */
	int		 col;	/* 1-based column (characters) */
	char		*text;	/* DOC_TEXT: the text; references: the
				   resolved text after fill, else NULL */
	union {
		struct {
			int	level;		/* 1 title, 2 section, 3 ... */
		} heading;
		struct {
			enum doc_list_kind kind;
		} list;
		struct {
			int	number;		/* 1-based in a numbered list,
						   set by fill; 0 for bullets */
		} item;
		struct {
			int	ncols;		/* cells in every row */
			int	periods;	/* 1: "@periods" follows: fill
						   sets the figure of each
						   row across every period,
						   one column a period */
		} table;
		struct {
			int	header;		/* 1 for header rows */
		} row;
		struct {
			int		header;	/* 1 in a header row */
			enum doc_align	align;	/* set by fill: numeric columns
						   are right-aligned */
			struct doc_num	num;	/* set by fill */
		} cell;
		struct {
			char	*label;		/* "studies" of [^studies]: */
			int	 number;	/* 1-based, set by fill; 0 if
						   never referenced */
		} footnote;
		struct {
			char		*label;
			int		 number; /* set by fill */
			struct doc_node	*def;	 /* its DOC_FOOTNOTE, set by
						    fill */
		} fnref;
		struct {
			enum doc_ledger	 ledger;
			char		*name;	/* figure name */
			char		*style;	/* the style word after the
						   name, NULL for the
						   figure's default; fill
						   checks it */
			int		 style_col; /* its column */
			struct doc_num	 num;	/* set by fill */
			char	       **forms;	/* {NAME|WORDS}, {NAME|ONE|
						   OTHER} or {NAME|ZERO|ONE|
						   OTHER}: the words chosen by
						   the value, "#" the figure;
						   NULL: the figure alone */
			size_t		 nforms;
			struct doc_period period; /* which period's figure */
			int		 change; /* 1: {change:NAME}, how the
						    figure changed from the
						    period before: "rose
						    from 40% to 45%, up 5
						    points" */
		} figref;
		struct {
			char	*study;	/* study id, NULL for report.yaml's */
			char	*key;	/* figure name, or citation, title,
					   period, children */
			char	*style;	/* style word, NULL for the default;
					   fill checks it */
			int	 style_col; /* its column */
			struct doc_num num;	/* set by fill (a figure) */
		} natref;
		struct {
			char	*name;	/* report field, e.g. "region" */
		} field;
		struct {
			enum doc_cond_kind cond;
			struct doc_test	*test;	/* DOC_COND_IF, else NULL */
			char	*label;	/* DOC_COND_EARLIER: the period
					   named, or NULL for any */
		} cond;
		struct {
			struct doc_tilemap *data; /* set by fill */
			char	*label;	/* "map" of "@boards #map", or
					   NULL */
			int	 number; /* "Figure N", set by fill */
		} tilemap;
		struct {
			struct doc_chart *data;	/* set by fill; NULL when
						   no table comes just
						   before with a header row,
						   two columns and a body
						   row: nothing is drawn */
			char	**trend;	/* "@trend NAME,...": the
						   national figures, or NULL;
						   fill puts their table
						   before the chart */
			size_t	  ntrend;
			char	*label;	/* "age" of "@chart #age", or
					   NULL */
			int	 number; /* "Figure N", set by fill */
		} chart;
		struct {
			char	*label;	/* "deaths" of "@table #deaths", or
					   NULL */
			int	 number; /* "Table N", set by fill */
		} caption;
		struct {
			char		*label;	/* what it refers to */
			struct doc_node	*target; /* its DOC_CAPTION or
						    DOC_CHART, set by
						    fill */
		} xref;
	} as;
};

/* Document-wide data, filled from report.yaml by doc_fill(). */
struct doc_meta {
	char	 *title;	/* report title */
	char	 *subject;	/* e.g. "London Serious Case Reviews, April
				   2006 – September 2009" */
	char	 *region;
	char	 *lscb;		/* board name, NULL for the regional paper */
	char	 *organisation;
	char	**authors;
	size_t	  nauthors;
	int	  created;	/* YYYYMMDD */
	int	  restricted;	/* 1: the restricted edition of a board's
				   paper, marked DOC_MARKING on every page
				   and in its metadata, written 0600 */
};

/* The paper's title as every edition shows it (PDF Title, HTML <title>,
 * ODF dc:title): "TITLE", "TITLE: BOARD", and before either the marking
 * and ": " in the restricted edition.  Allocated; the caller frees it. */
char	*doc_meta_title(const struct doc_meta *m);

/* The paper's authors as every edition names them (PDF Author, HTML
 * author, ODF initial-creator): the authors, then the organisation, joined
 * by ", ".  Allocated; the caller frees it. */
char	*doc_meta_authors(const struct doc_meta *m);

/* The sign-off's lines as every edition prints them, one a paragraph:
 * each author, then the organisation.  Returns an array of pointers into
 * m (free the array, not the lines) and sets *n to their number. */
const char **doc_meta_signoff(const struct doc_meta *m, size_t *n);

/* Writes the paper's date (m->created) as "YYYY-MM-DD" into s (at least
 * DOC_DATE_LEN bytes): every edition's date of the paper.  Returns 0, or
 * -1 when the paper has no date (created 0: s is then "0000-00-00"). */
#define DOC_DATE_LEN	16
int	doc_meta_date(const struct doc_meta *m, char *s, size_t sz);

/* The protective marking of a restricted paper (the UK government
 * classification) and its handling line. */
#define DOC_MARKING	"OFFICIAL-SENSITIVE"
#define DOC_HANDLING	"for the Local Safeguarding Children Board's " \
			"own use; not for publication"


struct doc {
	struct doc_node	*root;	/* DOC_ROOT */
	struct doc_meta	 meta;
	char		*file;	/* template file name, for messages */
};

/* Returns a new empty document for file; free with doc_free(). */
struct doc	*doc_new(const char *file);
/* Returns a new copy of an unfilled document (as the template parser
 * returns it: no meta, no resolved footnote links), to be filled once;
 * free with doc_free(). */
struct doc	*doc_clone(const struct doc *doc);
/* Frees doc, its tree and its meta; accepts NULL. */
void		 doc_free(struct doc *doc);

/* Returns a new node of type at line:col, unattached; the tree it is
 * appended to frees it (or free it with doc_node_free()). */
struct doc_node	*doc_node_new(enum doc_type type, int line, int col);
/* Unlinks n from its tree and frees it and everything under it; accepts
 * NULL. */
void		 doc_node_free(struct doc_node *n);
/* Appends child as the last child of parent. */
void		 doc_node_append(struct doc_node *parent,
		    struct doc_node *child);
/* Inserts n just before sibling (which must have a parent). */
void		 doc_node_insert_before(struct doc_node *sibling,
		    struct doc_node *n);
/* Detaches n from its parent and siblings; n keeps its own children. */
void		 doc_node_unlink(struct doc_node *n);

/* Returns the next node in document order (depth first) under top, or
 * NULL after the last. */
struct doc_node	*doc_node_walk(struct doc_node *n, const struct doc_node *top);

/* Returns n's structure role: doc_type_roles[n->type].self, with a
 * heading's by its level and a cell's TH or TD by its row and column. */
enum doc_role	 doc_node_role(const struct doc_node *n);

/* Frees a tile map's data; accepts NULL. */
void		 doc_tilemap_free(struct doc_tilemap *t);

/* Writes the anchor name of a numbered caption, chart or tile map (a
 * DOC_CAPTION, DOC_CHART or DOC_TILEMAP node after fill), "table-N" or
 * "figure-N", into s: the link target of {ref:label} in both back
 * ends. */
void		 doc_anchor(const struct doc_node *n, char *s, size_t sz);

/* Returns the number of a numbered caption, chart or tile map ("Table N",
 * "Figure N"; 0 before fill or for any other node). */
int		 doc_number(const struct doc_node *n);

/* Frees a chart's data; accepts NULL. */
void		 doc_chart_free(struct doc_chart *c);

/* Checks the invariants of a filled tree: links agree (parent, prev,
 * last_child), each node holds only the kinds of children its type takes
 * and no conditional is left, every reference is resolved (text set, a
 * cross-reference's target and a footnote reference's note found), every
 * row of a table has its table's cells, and numbered lists, tables and
 * figures are numbered 1, 2, 3 ... in document order.  Writes each broken
 * invariant to f as "FILE:LINE:COL: doc_check: TYPE: what" and returns how
 * many there were (0: the tree is sound).  Run by the tests after fill. */
size_t		 doc_check(const struct doc *doc, FILE *f);

/* Returns 1 for the inline types (text, strong, references). */
int		 doc_is_inline(enum doc_type t);

/* Appends the plain text of n's inline content to a new string (what a
 * reader sees: resolved references, footnote markers left out); free
 * with free(). */
char		*doc_node_plain(const struct doc_node *n);

/* Writes the tree as an indented text dump, a node a line with its typed
 * payload (a chart's data in "= " lines under it), then the meta once
 * filled: `scrpaper render --dump doc`, tests and bug reports. */
void		 doc_dump(FILE *f, const struct doc *doc);

/* Errors reported for one template, by the parser and by the filler
 * each (then "too many errors"), as the loader caps a file's. */
#define TMPL_MAX_ERRORS	50

#endif
