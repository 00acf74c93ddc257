/*
 * test_doc_fill.c: tests of the typed document pipeline/fill/doc_fill.c
 * leaves for the back ends: numbers in table cells (value and kind,
 * [c] as a state), numeric columns aligned from those kinds, a chart's
 * series and text alternative computed once, the structure roles of
 * doc.c, and one parse filled many times (paper.c's doc_clone()).
 * The ledger is built by hand, so every expected value is known here.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util.h"
#include "diag.h"
#include "case.h"
#include "fig.h"
#include "doc.h"
#include "tmpl.h"
#include "fill.h"
#include "testutil.h"

static const char report_yaml[] =
	"title: A paper\n"
	"region: Shire\n"
	"period:\n  from: 2010-01-01\n  to: 2010-12-31\n"
	"organisation: Shire Council\n"
	"authors: [Ann Able]\n"
	"national_study: s1\n"
	"created: 2011-02-03\n"
	"disclosure:\n  threshold: 5\n  regional: false\n"
	"lscbs: [Upton, Downton]\n";

static const char national_yaml[] =
	"studies:\n"
	"  - id: s1\n"
	"    title: Study one\n"
	"    citation: \"Study one, 2010.\"\n"
	"    period: \"2009\"\n"
	"    figures:\n"
	"      girls: 44\n"
	"      known: {percent: 50, text: \"about half\"}\n";

enum { NVALUES = 5 };

struct fixture {
	struct cohort		*cohort;
	struct fig_value	 values[NVALUES];
	struct fig_ledger	 ledger;
	int			 lscb;	/* the paper's board, -1 */
};

static int
setup(void **state)
{
	struct fixture	*fx;

	fx = xcalloc(1, sizeof(*fx));
	if ((fx->cohort = cohort_from_yaml(report_yaml, national_yaml)) ==
	    NULL)
		fail_msg("fixture YAML does not load");
	fx->values[0] = (struct fig_value){ .name = "girls",
	    .unit = FIG_CHILDREN, .style = FIG_STYLE_PERCENT, .num = 9,
	    .den = 20, .percent = 45 };
	fx->values[1] = (struct fig_value){ .name = "reviews",
	    .unit = FIG_COUNT, .style = FIG_STYLE_DIGITS, .num = 24,
	    .percent = -1 };
	fx->values[2] = (struct fig_value){ .name = "hidden",
	    .unit = FIG_CASES, .style = FIG_STYLE_PERCENT, .num = 2,
	    .den = 12, .percent = 17, .suppressed = 1 };
	fx->values[3] = (struct fig_value){ .name = "empty",
	    .unit = FIG_DEATHS, .style = FIG_STYLE_PERCENT, .num = 0,
	    .den = 0, .percent = -1 };
	fx->values[4] = (struct fig_value){ .name = "drugs",
	    .unit = FIG_CASES, .style = FIG_STYLE_APPROX, .num = 6,
	    .den = 12, .percent = 50 };
	fx->ledger.values = fx->values;
	fx->ledger.nvalues = NVALUES;
	fx->ledger.lscb = -1;
	fx->ledger.cases = 12;
	fx->ledger.children = 20;
	fx->ledger.suppressed_any = 1;
	fx->lscb = -1;
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*fx = *state;

	cohort_free(fx->cohort);
	free(fx);
	return 0;
}

/* Fills doc for fx->lscb (-1, the region), the paper's own figures
 * read from board (the region's from fx->ledger); fails the test on any
 * error. */
static void
fill_doc_with(struct fixture *fx, struct doc *doc,
    const struct fig_ledger *board)
{
	struct diag	 d;
	struct doc_env	 env;

	diag_init(&d, stderr);
	memset(&env, 0, sizeof(env));
	env.cohort = fx->cohort;
	env.ledgers[DOC_LEDGER_SELECTION] = board;
	env.ledgers[DOC_LEDGER_REGION] = &fx->ledger;
	env.lscb = fx->lscb;
	assert_true(doc_fill(doc, &env, &d));
	diag_clear(&d);
}

/* Fills doc, its own figures and the region's both fx->ledger. */
static void
fill_doc(struct fixture *fx, struct doc *doc)
{
	fill_doc_with(fx, doc, &fx->ledger);
}

/* Parses and fills src, which must be valid, its own figures read from
 * board. */
static struct doc *
fill_src_with(struct fixture *fx, const char *src,
    const struct fig_ledger *board)
{
	struct diag	 d;
	struct doc	*doc;

	diag_init(&d, stderr);
	doc = tmpl_parse_buf("t.tmpl", src, strlen(src), &d);
	assert_non_null(doc);
	diag_clear(&d);
	fill_doc_with(fx, doc, board);
	return doc;
}

/* Parses and fills src, which must be valid. */
static struct doc *
fill_src(struct fixture *fx, const char *src)
{
	return fill_src_with(fx, src, &fx->ledger);
}

/* Returns the cell in body row r (0-based, header rows not counted) and
 * column c of the first table of doc. */
static const struct doc_node *
cell_at(const struct doc *doc, int r, int c)
{
	const struct doc_node	*t, *row, *cell;

	for (t = doc->root->first_child; t != NULL; t = t->next)
		if (t->type == DOC_TABLE)
			break;
	assert_non_null(t);
	for (row = t->first_child; row != NULL; row = row->next)
		if (!row->as.row.header && r-- == 0)
			break;
	assert_non_null(row);
	for (cell = row->first_child; cell != NULL && c > 0; c--)
		cell = cell->next;
	assert_non_null(cell);
	return cell;
}

/* Asserts the plain text of cell_at(doc, r, c) is want. */
static void
assert_cell_text(const struct doc *doc, int r, int c, const char *want)
{
	char	*s = doc_node_plain(cell_at(doc, r, c));

	assert_string_equal(s, want);
	free(s);
}

/* Returns the first node of type t in doc. */
static const struct doc_node *
first_of(const struct doc *doc, enum doc_type t)
{
	struct doc_node	*n;

	for (n = doc->root; n != NULL; n = doc_node_walk(n, doc->root))
		if (n->type == t)
			return n;
	fail_msg("no %s node", doc_type_names[t]);
	return NULL;
}

static const struct {
	const char		*title;
	const char		*cell;	/* the cell's template text */
	enum doc_num_kind	 kind;
	double			 value;
} cell_cases[] = {
	{ "a share in its default style", "{girls}", DOC_NUM_PERCENT, 45 },
	{ "a share in digits is its numerator", "{girls:digits}",
	    DOC_NUM_COUNT, 9 },
	{ "a count", "{reviews}", DOC_NUM_COUNT, 24 },
	{ "a count in words is words", "{girls:words}", DOC_NUM_NONE, 0 },
	{ "a count over twenty in words prints digits",
	    "{region:reviews:words}", DOC_NUM_COUNT, 24 },
	{ "suppressed is a state, whatever the style", "{hidden:words}",
	    DOC_NUM_SUPPRESSED, 0 },
	{ "a share of nothing is blank", "{empty}", DOC_NUM_BLANK, 0 },
	{ "approximate wording is words", "{drugs}", DOC_NUM_NONE, 0 },
	{ "a national percent", "{national:girls}", DOC_NUM_PERCENT, 44 },
	{ "a national figure with its own wording", "{national:known}",
	    DOC_NUM_NONE, 0 },
	{ "a national figure in digits", "{national:known:digits}",
	    DOC_NUM_COUNT, 50 },
	{ "a literal dash is blank", "\xe2\x80\x93", DOC_NUM_BLANK, 0 },
	{ "a literal n/a is blank", "n/a", DOC_NUM_BLANK, 0 },
	{ "a literal count with thousands", "1,234", DOC_NUM_COUNT, 1234 },
	{ "a literal fraction of a percent", "12.5%", DOC_NUM_PERCENT,
	    12.5 },
	{ "a badly grouped number is text", "1,23", DOC_NUM_NONE, 0 },
	{ "a number with words is text", "3 apples", DOC_NUM_NONE, 0 },
	{ "a figure with text around it is text", "{reviews} reviews",
	    DOC_NUM_NONE, 0 },
	{ "a literal [c] is text, not a suppressed figure", "\\[c]",
	    DOC_NUM_NONE, 0 },
	{ "an exponent is text", "1e5", DOC_NUM_NONE, 0 },
};

static void
test_fill_types_cells(void **state)
{
	struct fixture		*fx = *state;
	const struct doc_node	*cell;
	struct doc		*doc;
	char			*src;
	size_t			 i;

	for (i = 0; i < sizeof(cell_cases) / sizeof(cell_cases[0]); i++) {
		src = xasprintf("| A | B |\n| --- | --- |\n| x | %s |\n",
		    cell_cases[i].cell);
		doc = fill_src(fx, src);
		cell = cell_at(doc, 0, 1);
		if (cell->as.cell.num.kind != cell_cases[i].kind ||
		    cell->as.cell.num.value != cell_cases[i].value)
			fail_msg("%s: \"%s\" is %s %g; want %s %g",
			    cell_cases[i].title, cell_cases[i].cell,
			    doc_num_names[cell->as.cell.num.kind],
			    cell->as.cell.num.value,
			    doc_num_names[cell_cases[i].kind],
			    cell_cases[i].value);
		doc_free(doc);
		free(src);
	}
}

/* Columns of figures, blanks beside figures and [c] are right-aligned;
 * a column with words, or with only blanks, is not. */
static void
test_fill_aligns_from_kinds(void **state)
{
	struct fixture	*fx = *state;
	struct doc	*doc;

	doc = fill_src(fx, "| A | B | C | D | E |\n"
	    "| --- | --- | --- | --- | --- |\n"
	    "| x | {girls} | {hidden} | {drugs} | \xe2\x80\x93 |\n"
	    "| y | \xe2\x80\x93 | {reviews} | {girls} | n/a |\n");
	assert_int_equal(cell_at(doc, 0, 0)->as.cell.align, DOC_ALIGN_LEFT);
	assert_int_equal(cell_at(doc, 0, 1)->as.cell.align, DOC_ALIGN_RIGHT);
	assert_int_equal(cell_at(doc, 1, 1)->as.cell.align, DOC_ALIGN_RIGHT);
	assert_int_equal(cell_at(doc, 0, 2)->as.cell.align, DOC_ALIGN_RIGHT);
	assert_int_equal(cell_at(doc, 1, 3)->as.cell.align, DOC_ALIGN_LEFT);
	assert_int_equal(cell_at(doc, 1, 4)->as.cell.align, DOC_ALIGN_LEFT);
	doc_free(doc);
}

/* The chart's data comes from the table as printed: series from the
 * header, bars only for the kind most numbers are, [c] explained once in
 * the text alternative with fig_format.c's sentence. */
static void
test_fill_chart_data(void **state)
{
	struct fixture		*fx = *state;
	const struct doc_chart	*ch;
	struct doc		*doc;
	char			*want;

	doc = fill_src(fx, "| Group | Here | There |\n"
	    "| --- | --- | --- |\n"
	    "| Girls | {girls} | {national:girls} |\n"
	    "| Hidden | {hidden} | 30% |\n"
	    "\n@chart the {report:region} picture\n");
	ch = first_of(doc, DOC_CHART)->as.chart.data;
	assert_non_null(ch);
	assert_int_equal(ch->nseries, 2);
	assert_int_equal(ch->ncats, 2);
	assert_string_equal(ch->series[1], "There");
	assert_string_equal(ch->cats[1], "Hidden");
	assert_int_equal(ch->kind, DOC_NUM_PERCENT);
	assert_true(ch->cells[0].bar && ch->cells[1].bar);
	assert_true(ch->cells[0].num.value == 45);
	assert_false(ch->cells[2].bar);		/* [c] */
	assert_int_equal(ch->cells[2].num.kind, DOC_NUM_SUPPRESSED);
	assert_true(ch->cells[3].bar);
	assert_true(ch->max == 45);
	assert_int_equal(ch->suppressed, 1);
	want = xasprintf("Bar chart: the Shire picture. Girls: Here 45%%, "
	    "There 44%%. Hidden: Here [c], There 30%%. %s",
	    fig_suppressed_note);
	assert_string_equal(ch->alt, want);
	free(want);
	doc_free(doc);
}

/* Fills src for the region, which must fail with the error want (the
 * first one reported). */
static void
check_fill_fails(struct fixture *fx, const char *src, const char *want)
{
	struct diag	 d;
	struct doc_env	 env;
	struct doc	*doc;
	char		*got;

	diag_init(&d, NULL);
	doc = tmpl_parse_buf("t.tmpl", src, strlen(src), &d);
	assert_non_null(doc);
	memset(&env, 0, sizeof(env));
	env.cohort = fx->cohort;
	env.ledgers[DOC_LEDGER_SELECTION] = &fx->ledger;
	env.ledgers[DOC_LEDGER_REGION] = &fx->ledger;
	env.lscb = -1;
	assert_false(doc_fill(doc, &env, &d));
	assert_true(d.nitems > 0);
	got = diag_format(&d, 0);
	if (strcmp(got, want) != 0)
		fail_msg("got: %s\nwant: %s", got, want);
	free(got);
	diag_clear(&d);
	doc_free(doc);
}

/* Issue 13.12: a chart it cannot draw is an error at the chart or the
 * cell, never an empty or clipped drawing: no header row, words, a
 * count beside percentages. */
static void
test_fill_chart_needs_header(void **state)
{
	struct fixture	*fx = *state;

	check_fill_fails(fx, "| Girls | {girls} |\n\n@chart\n",
	    "t.tmpl:3:1: error: @chart needs a header row naming the series "
	    "in the table above");
	check_fill_fails(fx, "| Group | Here | There |\n"
	    "| --- | --- | --- |\n"
	    "| Reviews | {reviews} | {drugs} |\n\n@chart\n",
	    "t.tmpl:3:25: error: @chart cannot draw \"Half\": not a number "
	    "(or [c])");
	check_fill_fails(fx, "| Group | Here | There |\n"
	    "| --- | --- | --- |\n"
	    "| Girls | {girls} | 30 |\n\n@chart\n",
	    "t.tmpl:5:1: error: @chart cannot draw percentages and counts "
	    "on one axis: the table above mixes them");
}

/* Issue 27: the fill's messages of the table (doc_msg.h), each from a
 * template that provokes it as its first message. */
static void
test_fill_messages(void **state)
{
	struct fixture	*fx = *state;

	check_fill_fails(fx, "| G |\n| --- |\n| x |\n\n@chart\n",
	    "t.tmpl:5:1: error: @chart draws 1 to 3 series (the table's "
	    "columns after the first); the table above has 0");
	check_fill_fails(fx, "| G | A |\n| --- | --- |\n| x | -1 |\n\n"
	    "@chart\n",
	    "t.tmpl:3:7: error: @chart cannot draw the negative value \"-1\" "
	    "as a bar");
	check_fill_fails(fx, "| G | A |\n| --- | --- |\n\n@chart\n",
	    "t.tmpl:4:1: error: @chart draws 1 to 10 categories (the table's "
	    "body rows); the table above has 0");
	check_fill_fails(fx, "x[^a]\n\n[^a]: y[^b]\n[^b]: z\n",
	    "t.tmpl:3:8: error: footnote reference inside a footnote");
	check_fill_fails(fx, "x[^a]\n\n::: lscb\n[^a]: y\n:::\n",
	    "t.tmpl:1:2: error: footnote [^a] is defined only in a block "
	    "this paper leaves out");
	check_fill_fails(fx, "@table Ages\n\nText.\n",
	    "t.tmpl:1:1: error: @table must come just before the table it "
	    "captions");
	check_fill_fails(fx, "@table #t Ages\n| a | b |\n| --- | --- |\n"
	    "| x | 1 |\n\n@table #t Again\n| a | b |\n| --- | --- |\n"
	    "| x | 1 |\n",
	    "t.tmpl:6:1: error: label #t is used twice (also at line 1)");
	check_fill_fails(fx, "See {ref:t}.\n\n::: lscb\n@table #t Ages\n"
	    "| a | b |\n| --- | --- |\n| x | 1 |\n:::\n",
	    "t.tmpl:1:5: error: {ref:t} refers to a table or chart this "
	    "paper does not show");
	check_fill_fails(fx, "{national:s1:title:percent}\n",
	    "t.tmpl:1:1: error: a style applies to national figures, not to "
	    "the study's title");
	check_fill_fails(fx, "@table #t T\n@trend a,b,c,d Trend\n",
	    "t.tmpl:2:1: error: @trend draws 1 to 3 figures, not 4");
}

/* Roles come from the document types: headings by level, header cells
 * of the header row and of each body row's first column. */
static void
test_doc_roles(void **state)
{
	struct fixture	*fx = *state;
	struct doc	*doc;
	struct doc_node	*h;

	doc = fill_src(fx, "# T\n\n### Sub\n\n- a\n\n"
	    "| A | B |\n| --- | --- |\n| x | {girls} |\n\n"
	    "| only | body |\n");
	assert_string_equal(doc_role_names[doc_node_role(doc->root)],
	    "Document");
	h = doc->root->first_child;
	assert_string_equal(doc_role_names[doc_node_role(h)], "H1");
	assert_string_equal(doc_role_names[doc_node_role(h->next)], "H3");
	assert_string_equal(doc_role_names[doc_node_role(h->next->next)],
	    "L");
	assert_string_equal(doc_role_names[doc_node_role(
	    h->next->next->first_child)], "LI");
	assert_int_equal(doc_node_role(cell_at(doc, 0, 0)), DOC_ROLE_TH);
	assert_int_equal(doc_node_role(cell_at(doc, 0, 1)), DOC_ROLE_TD);
	assert_int_equal(doc_node_role(first_of(doc, DOC_TABLE)->
	    first_child->first_child), DOC_ROLE_TH);
	/* The second table has no header row: no header cells. */
	assert_int_equal(doc_node_role(doc->root->last_child->first_child->
	    first_child), DOC_ROLE_TD);
	assert_int_equal(doc_type_roles[DOC_CHART].self, DOC_ROLE_FIGURE);
	assert_int_equal(doc_type_roles[DOC_ITEM].inner, DOC_ROLE_LBODY);
	doc_free(doc);
}

/* Returns the tree dump of doc; free with free(). */
static char *
dump(const struct doc *doc)
{
	char	*s = NULL;
	size_t	 len = 0;
	FILE	*f;

	f = open_memstream(&s, &len);
	assert_non_null(f);
	doc_dump(f, doc);
	fclose(f);
	return s;
}

/* One parse, filled twice through copies, gives the same tree as a fresh
 * parse filled once, and leaves the parsed template unfilled. */
static void
test_clone_fills_like_a_parse(void **state)
{
	struct fixture	*fx = *state;
	static const char src[] = "# T\n\nSee[^n] {girls}.\n\n"
	    "[^n]: A note.\n\n| A | B |\n| --- | --- |\n| x | {hidden} |\n"
	    "\n@chart c\n::: regional\nOnly here.\n:::\n";
	struct diag	 d;
	struct doc	*tmpl, *a, *b, *fresh;
	char		*before, *sa, *sb, *sf, *after;

	diag_init(&d, stderr);
	tmpl = tmpl_parse_buf("t.tmpl", src, strlen(src), &d);
	assert_non_null(tmpl);
	before = dump(tmpl);
	a = doc_clone(tmpl);
	b = doc_clone(tmpl);
	fill_doc(fx, a);
	fill_doc(fx, b);
	fresh = fill_src(fx, src);
	sa = dump(a);
	sb = dump(b);
	sf = dump(fresh);
	after = dump(tmpl);
	assert_string_equal(sa, sf);
	assert_string_equal(sb, sf);
	assert_string_equal(before, after);
	assert_non_null(strstr(sf, "num=suppressed"));
	assert_null(strstr(before, "num="));
	free(before);
	free(after);
	free(sa);
	free(sb);
	free(sf);
	doc_free(a);
	doc_free(b);
	doc_free(fresh);
	doc_free(tmpl);
	diag_clear(&d);
}

/* The plain text of the first paragraph or list item of src filled;
 * free with free(). */
static char *
para_text(struct fixture *fx, const char *src, enum doc_type t)
{
	struct doc	*doc = fill_src(fx, src);
	char		*s = doc_node_plain(first_of(doc, t));

	doc_free(doc);
	return s;
}

/* Issue 25: a share of none in a sentence is written as a person
 * would; a table keeps "0%". */
static void
test_fill_zero_share_in_words(void **state)
{
	struct fixture	*fx = *state;
	struct doc	*doc;
	char		*s;

	fx->values[0].num = 0;
	fx->values[0].percent = 0;
	fx->values[4].style = FIG_STYLE_PERCENT;
	fx->values[4].num = 0;
	fx->values[4].percent = 0;
	s = para_text(fx, "{girls} of the children were girls.\n", DOC_PARA);
	assert_string_equal(s, "None of the children were girls.");
	free(s);
	s = para_text(fx, "- {drugs} had a plan\n", DOC_ITEM);
	assert_string_equal(s, "None of the families had a plan");
	free(s);
	s = para_text(fx, "In {girls} of families.\n", DOC_PARA);
	assert_string_equal(s, "In none of the families.");
	free(s);
	s = para_text(fx, "Of them: {girls} were girls.\n", DOC_PARA);
	assert_string_equal(s, "Of them: none of the children were girls.");
	free(s);
	doc = fill_src(fx, "| A | B |\n| --- | --- |\n| x | {girls} |\n");
	assert_string_equal(cell_at(doc, 0, 1)->first_child->text, "0%");
	doc_free(doc);
}

/* Issue 25: a share of an empty base is "n/a" when the base is public,
 * marked by disclosure control or not, in prose and in a table; [c]
 * only when the base is hidden. */
static void
test_fill_empty_base_one_mark(void **state)
{
	struct fixture		*fx = *state;
	struct fig_value	 v = fx->values[3];
	struct doc		*doc;
	char			*t;

	v.suppressed = 1;
	t = fig_paper_format(&v, FIG_STYLE_PERCENT);
	assert_string_equal(t, "n/a");
	free(t);
	t = fig_paper_format(&v, FIG_STYLE_APPROX);
	assert_string_equal(t, "n/a");
	free(t);
	v.den_hidden = 1;
	t = fig_paper_format(&v, FIG_STYLE_PERCENT);
	assert_string_equal(t, "[c]");
	free(t);
	fx->values[3].suppressed = 1;
	doc = fill_src(fx, "| A | B |\n| --- | --- |\n| x | {empty} |\n");
	assert_string_equal(cell_at(doc, 0, 1)->first_child->text, "n/a");
	assert_int_equal(cell_at(doc, 0, 1)->as.cell.num.kind,
	    DOC_NUM_BLANK);
	doc_free(doc);
}

/* Issue 25: "::: if NAME >= min_base" reads report.yaml's comparison:
 * min_base (default 10). */
static void
test_fill_test_min_base(void **state)
{
	struct fixture	*fx = *state;
	static const char src[] = "::: if reviews >= min_base\nBig.\n:::\n"
	    "::: unless reviews >= min_base\nSmall.\n:::\n";
	char		*s;

	s = para_text(fx, src, DOC_PARA);
	assert_string_equal(s, "Big.");
	free(s);
	fx->values[1].num = 9;
	s = para_text(fx, src, DOC_PARA);
	assert_string_equal(s, "Small.");
	free(s);
}

/* Issue 25: a board's table that sets the board beside the region is
 * followed by one sentence naming each base's owner, its rows' labels
 * left as they are; sentences, and tables of the region alone (the
 * London picture, as the regional paper prints it), name no one. */
static void
test_fill_not_recorded_names_owner(void **state)
{
	struct fixture		*fx = *state;
	struct doc		*doc;
	const struct doc_node	*n;
	char			*s;

	fx->values[4].not_recorded = 2;
	fx->values[0].not_recorded = 1;
	fx->lscb = 0;
	doc = fill_src(fx, "| A | Upton | Shire |\n| --- | --- | --- |\n"
	    "| Drugs | {drugs} | {region:drugs} |\n"
	    "| Girls | {girls} | 40% |\n\nAfter.\n");
	assert_cell_text(doc, 0, 0, "Drugs");
	for (n = doc->root->first_child; n != NULL && n->type != DOC_TABLE;
	    n = n->next)
		;
	assert_non_null(n);
	assert_non_null(n->next);
	assert_int_equal(n->next->type, DOC_PARA);
	s = doc_node_plain(n->next);
	assert_string_equal(s, "Not recorded: Drugs, in 2 of 12 reviews in "
	    "Upton and 2 of 12 reviews in Shire; Girls, in 1 of 20 children "
	    "in Upton.");
	free(s);
	s = doc_node_plain(n->next->next);
	assert_string_equal(s, "After.");
	free(s);
	doc_free(doc);
	/* A sentence names no one, in a board's paper as in the region's. */
	s = para_text(fx, "Drugs in {drugs:percent}; London {region:drugs}.\n",
	    DOC_PARA);
	assert_string_equal(s, "Drugs in 50%; London half (not recorded in 2 "
	    "of 12 reviews).");
	free(s);
	/* A board's table of the region alone: as the regional paper, which
	 * says nothing there in a board's paper (the London picture). */
	doc = fill_src(fx, "| A | Shire |\n| --- | --- |\n"
	    "| Drugs | {region:drugs} |\n");
	assert_cell_text(doc, 0, 0, "Drugs");
	assert_null(doc->root->first_child->next == NULL ? NULL :
	    (doc->root->last_child->type == DOC_PARA ? "para" : NULL));
	doc_free(doc);
	fx->lscb = -1;
}

/* A board's table collapsed to the region's figures (most of the
 * board's hidden) says, as the regional paper does, what is not recorded
 * in the bases of the shares it still prints; it failed before: a board
 * paper's tables of the region alone said nothing. */
static void
test_fill_not_recorded_in_collapsed_table(void **state)
{
	struct fixture		*fx = *state;
	struct fig_value	 board[NVALUES];
	struct fig_ledger	 bl = fx->ledger;
	struct doc		*doc;
	const struct doc_node	*n;
	static const char	 src[] = "| A | Upton | Shire |\n"
	    "| --- | --- | --- |\n"
	    "| Drugs | {drugs} | {region:drugs} |\n"
	    "| Girls | {girls} | {region:girls} |\n";
	size_t			 i;

	fx->values[4].not_recorded = 2;
	for (i = 0; i < NVALUES; i++) {
		board[i] = fx->values[i];
		board[i].suppressed = 1;
		board[i].not_recorded = 0;
	}
	bl.values = board;
	bl.lscb = 0;
	fx->lscb = 0;
	doc = fill_src_with(fx, src, &bl);
	fx->lscb = -1;
	n = first_of(doc, DOC_TABLE);
	assert_int_equal(n->as.table.ncols, 2);	/* Upton's column gone */
	assert_cell_text(doc, 0, 0, "Drugs (not recorded in 2 of 12 reviews)");
	assert_cell_text(doc, 1, 0, "Girls");
	doc_free(doc);
}

/* Issue 25: a share over a base with its code not recorded in some
 * reviews says how many, at the end of its sentence (before the full
 * stop) and after its row's label; none, a hidden count or a [c] says
 * nothing. */
static void
test_fill_not_recorded_said(void **state)
{
	struct fixture	*fx = *state;
	struct doc	*doc;
	char		*s;

	fx->values[4].not_recorded = 2;
	s = para_text(fx, "Drugs in {drugs:percent} of families.\n", DOC_PARA);
	assert_string_equal(s, "Drugs in 50% of families (not recorded in 2 "
	    "of 12 reviews).");
	free(s);
	s = para_text(fx, "- Girls {girls}; drugs {drugs}\n", DOC_ITEM);
	assert_string_equal(s, "Girls 45%; drugs half (not recorded "
	    "in 2 of 12 reviews)");
	free(s);
	doc = fill_src(fx, "| A | B |\n| --- | --- |\n| Drugs | {drugs} |\n"
	    "| Girls | {girls} |\n");
	assert_cell_text(doc, 0, 0, "Drugs (not recorded in 2 of 12 reviews)");
	assert_cell_text(doc, 1, 0, "Girls");
	doc_free(doc);
	/* Its count hidden by disclosure control, or the share [c]:
	 * nothing. */
	fx->values[4].nr_hidden = 1;
	s = para_text(fx, "Drugs in {drugs:percent} of families.\n", DOC_PARA);
	assert_string_equal(s, "Drugs in 50% of families.");
	free(s);
	fx->values[2].not_recorded = 3;
	s = para_text(fx, "Hidden {hidden}.\n", DOC_PARA);
	assert_string_equal(s, "Hidden [c].");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fill_types_cells,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_fill_aligns_from_kinds,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_fill_chart_data,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_fill_chart_needs_header,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_fill_messages,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_doc_roles,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_clone_fills_like_a_parse,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_fill_zero_share_in_words,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_fill_not_recorded_names_owner, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_fill_not_recorded_in_collapsed_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fill_empty_base_one_mark,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_fill_test_min_base,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_fill_not_recorded_said,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
