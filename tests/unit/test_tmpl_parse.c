/*
 * test_tmpl_parse.c: tests of the template parser (pipeline/tmpl/tmpl_*.c) and
 * doc_fill.c: each
 * construct of the template markup parses into the expected tree, each
 * syntax error is reported at its line and column, and fill resolves
 * figures, national comparators and report fields, suggests near names,
 * drops the conditional blocks that do not apply and numbers items and
 * footnotes.
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

/* Parses src, which must be valid. */
static struct doc *
parse_ok(const char *src)
{
	struct diag	 d;
	struct doc	*doc;

	diag_init(&d, NULL);
	doc = tmpl_parse_buf("t.tmpl", src, strlen(src), &d);
	if (doc == NULL || d.nerrors > 0)
		fail_msg("\"%s\": %zu errors, first: %s", src, d.nerrors,
		    d.nitems ? d.items[0].msg : "");
	diag_clear(&d);
	return doc;
}

/* ------------------------------------------------------------------ */
/* Constructs: each template must dump as want. */

struct parse_case {
	const char	*title;
	const char	*src;
	const char	*want;
};

static const struct parse_case parse_cases[] = {
	{ "headings by level",
	  "# Title\n## Section\n### Sub\n",
	  "root @1:1\n"
	  "  heading level=1 @1:1\n    text @1:3 \"Title\"\n"
	  "  heading level=2 @2:1\n    text @2:4 \"Section\"\n"
	  "  heading level=3 @3:1\n    text @3:5 \"Sub\"\n" },
	{ "paragraph lines join; blank line separates",
	  "one\ntwo\n\nthree\n",
	  "root @1:1\n"
	  "  para @1:1\n    text @1:1 \"one two\"\n"
	  "  para @4:1\n    text @4:1 \"three\"\n" },
	{ "comments are dropped, even inside a paragraph",
	  "% note\none\n% more\ntwo\n",
	  "root @1:1\n"
	  "  para @2:1\n    text @2:1 \"one two\"\n" },
	{ "bullets with continuation lines",
	  "- a\n  b\n- c\n",
	  "root @1:1\n  list bullet @1:1\n"
	  "    item @1:1\n      text @1:3 \"a b\"\n"
	  "    item @3:1\n      text @3:3 \"c\"\n" },
	{ "numbered items keep one list across blank lines",
	  "1. x\n\n7. y\n",
	  "root @1:1\n  list numbered @1:1\n"
	  "    item @1:1\n      text @1:4 \"x\"\n"
	  "    item @3:1\n      text @3:4 \"y\"\n" },
	{ "strong emphasis, and single stars are plain",
	  "a **b** c*d\n",
	  "root @1:1\n  para @1:1\n    text @1:1 \"a \"\n"
	  "    strong @1:3\n      text @1:5 \"b\"\n"
	  "    text @1:8 \" c*d\"\n" },
	{ "strong across a line break",
	  "1. **Lead\n   sentence.** Rest\n",
	  "root @1:1\n  list numbered @1:1\n    item @1:1\n"
	  "      strong @1:4\n        text @1:6 \"Lead sentence.\"\n"
	  "      text @2:15 \" Rest\"\n" },
	{ "figure references with and without style",
	  "{boys} {cases:words} {region:boys:percent}\n",
	  "root @1:1\n  para @1:1\n"
	  "    figref boys @1:1\n    text @1:7 \" \"\n"
	  "    figref cases style=words @1:8\n    text @1:21 \" \"\n"
	  "    figref region:boys style=percent @1:22\n" },
	/* {national:boys:digits} parses as a study and a key: fill, which
	 * knows the style words, reads it as a key and a style. */
	{ "national references: own study, other study, style",
	  "{national:boys} {national:2005-07:boys} {national:boys:digits} "
	  "{national:2005-07:boys:percent}\n",
	  "root @1:1\n  para @1:1\n"
	  "    natref (report):boys @1:1\n    text @1:16 \" \"\n"
	  "    natref 2005-07:boys @1:17\n    text @1:40 \" \"\n"
	  "    natref boys:digits @1:41\n    text @1:63 \" \"\n"
	  "    natref 2005-07:boys style=percent @1:64\n" },
	{ "report fields",
	  "{report:region}\n",
	  "root @1:1\n  para @1:1\n    field region @1:1\n" },
	{ "escapes",
	  "\\{x\\} \\*\\*y \\\\\n",
	  "root @1:1\n  para @1:1\n    text @1:1 \"{x} **y \\\"\n" },
	{ "table with header rule and alignment",
	  "| A | B |\n|---|--:|\n| 1 | {boys} |\n",
	  "root @1:1\n  table cols=2 @1:1\n"
	  "    row header @1:1\n"
	  "      cell @1:3\n        text @1:3 \"A\"\n"
	  "      cell @1:7\n        text @1:7 \"B\"\n"
	  "    row @3:1\n"
	  "      cell @3:3\n        text @3:3 \"1\"\n"
	  "      cell @3:7\n        figref boys @3:7\n" },
	{ "footnote reference and definition",
	  "Text.[^n]\n\n[^n]: Note {national:citation}\n",
	  "root @1:1\n  para @1:1\n    text @1:1 \"Text.\"\n"
	  "    fnref [^n] @1:6\n"
	  "  footnote [^n] @3:1\n    text @3:7 \"Note \"\n"
	  "    natref (report):citation @3:12\n" },
	{ "conditional blocks nest",
	  "::: regional\nA\n::: cases\nB\n:::\n:::\n",
	  "root @1:1\n  cond regional @1:1\n    para @2:1\n"
	  "      text @2:1 \"A\"\n    cond cases @3:1\n      para @4:1\n"
	  "        text @4:1 \"B\"\n" },
	{ "directives and asides",
	  "@subtitle Sub\n> boxed\n> note\n@signoff\n@pagebreak\n",
	  "root @1:1\n  subtitle @1:1\n    text @1:11 \"Sub\"\n"
	  "  aside @2:1\n    text @2:3 \"boxed note\"\n"
	  "  signoff @4:1\n  pagebreak @5:1\n" },
	{ "columns count characters, not bytes",
	  "2008 \u2013 {boys}\n",
	  "root @1:1\n  para @1:1\n    text @1:1 \"2008 \u2013 \"\n"
	  "    figref boys @1:8\n" },
	{ "a byte-order mark and CRLF line ends",
	  "\xef\xbb\xbf# T\r\n",
	  "root @1:1\n  heading level=1 @1:1\n    text @1:3 \"T\"\n" },
};

static void
test_parse_constructs(void **state)
{
	size_t		 i;
	struct doc	*doc;
	char		*got;

	for (i = 0; i < sizeof(parse_cases) / sizeof(parse_cases[0]); i++) {
		doc = parse_ok(parse_cases[i].src);
		got = dump(doc);
		if (strcmp(got, parse_cases[i].want) != 0)
			fail_msg("%s:\n--- got\n%s--- want\n%s",
			    parse_cases[i].title, got, parse_cases[i].want);
		free(got);
		doc_free(doc);
	}
}

/* ------------------------------------------------------------------ */
/* Errors: each template must fail with want as its first message. */

struct error_case {
	const char	*title;
	const char	*src;
	const char	*want;
};

static const struct error_case error_cases[] = {
	{ "unclosed reference", "one\ntwo {boys\n",
	  "t.tmpl:2:5: error: unclosed reference: \"{\" without \"}\"" },
	{ "stray closing brace", "a } b\n",
	  "t.tmpl:1:3: error: \"}\" without \"{\" (write \\} for a brace)" },
	{ "empty reference", "x {}\n",
	  "t.tmpl:1:3: error: empty reference {}" },
	{ "bad name in a reference", "{bo ys}\n",
	  "t.tmpl:1:2: error: bad name \"bo ys\" in reference {bo ys}" },
	{ "unclosed block", "# T\n\n::: regional\ntext\n",
	  "t.tmpl:3:1: error: unclosed block \"::: regional\": no \":::\" "
	  "before the end of the file" },
	{ "unknown block, with suggestion", "::: regionl\n:::\n",
	  "t.tmpl:1:5: error: unknown block \"::: regionl\"; did you mean "
	  "\"regional\"?" },
	{ "closing a block that is not open", "a\n:::\n",
	  "t.tmpl:2:1: error: \":::\" closes no block" },
	{ "table row with too few cells", "| a | b |\n|---|---|\n| 1 |\n",
	  "t.tmpl:3:1: error: bad table row: 1 cells, but the table's first "
	  "row has 2" },
	{ "table row without closing bar", "| a | b\n",
	  "t.tmpl:1:8: error: bad table row: a row must end with \"|\"" },
	{ "header rule twice", "| a |\n|---|\n| b |\n|---|\n",
	  "t.tmpl:4:1: error: bad table row: a header rule must follow the "
	  "header rows, once" },
	{ "unclosed strong", "a\n  **b c\n",
	  "t.tmpl:2:3: error: unclosed strong emphasis: \"**\" without a "
	  "closing \"**\"" },
	{ "undefined footnote, with suggestion",
	  "x[^studys]\n\n[^studies]: y\n",
	  "t.tmpl:1:2: error: footnote [^studys] is not defined; did you "
	  "mean [^studies]?" },
	{ "footnote defined twice", "x[^a]\n\n[^a]: y\n[^a]: z\n",
	  "t.tmpl:4:1: error: footnote [^a] defined twice (first at line 3)" },
	{ "heading too deep", "##### Deep\n",
	  "t.tmpl:1:1: error: heading level 5; the deepest is ####" },
	{ "unknown directive", "@sigoff\n",
	  "t.tmpl:1:1: error: unknown directive \"@sigoff\" (@subtitle TEXT, "
	  "@table [#LABEL] TEXT, @chart [#LABEL] [TEXT], @boards [#LABEL] "
	  "[TEXT], @periods, @trend [#LABEL] NAME,... [TEXT], @signoff or "
	  "@pagebreak)" },
	{ "table caption without text", "@table #ages\n",
	  "t.tmpl:1:1: error: @table needs its caption (@table [#LABEL] "
	  "TEXT)" },
	{ "bad caption label", "@table #a.b Ages\n",
	  "t.tmpl:1:9: error: bad label \"a.b\" (letters, digits, - and _)" },
	{ "cross reference without a label", "See {ref}.\n",
	  "t.tmpl:1:5: error: cross reference needs {ref:LABEL}" },
	{ "invalid UTF-8", "ok\nab\xff\n",
	  "t.tmpl:2:3: error: invalid UTF-8 byte 0xff" },
	{ "national reference with too many parts",
	  "{national:a:b:c:d}\n",
	  "t.tmpl:1:1: error: national reference needs "
	  "{national:[STUDY:]NAME[:STYLE]}" },
	{ "report reference without a field", "{report}\n",
	  "t.tmpl:1:1: error: report reference needs {report:FIELD}" },
	{ "empty item", "- a\n- \n",
	  "t.tmpl:2:1: error: empty item" },
	{ "chart with no table above", "Text.\n\n@chart Ages\n",
	  "t.tmpl:3:1: error: @chart must follow the table it draws" },
	/* Issue 27: each message of the table (doc_msg.h) has a test. */
	{ "bad figure name in a test", "::: if bo.ys > 3\nx\n:::\n",
	  "t.tmpl:1:8: error: bad figure name \"bo.ys\" in test" },
	{ "unknown comparison in a test", "::: if boys ~ 3\nx\n:::\n",
	  "t.tmpl:1:13: error: unknown comparison \"~\" (= != < <= > >=)" },
	{ "percentage over 100 in a test", "::: if boys > 101%\nx\n:::\n",
	  "t.tmpl:1:15: error: bad number \"101%\" in test (0 to 100% for a "
	  "percentage)" },
	{ "unknown block, no suggestion", "::: zzzzzzzzzz\nx\n:::\n",
	  "t.tmpl:1:5: error: unknown block \"::: zzzzzzzzzz\" (regional, "
	  "lscb, cases, no-cases, suppressed, region-cases, no-region-cases, "
	  "if, fixed, unless, earlier, no-earlier, board-figures, "
	  "no-board-figures, banded, map, period-cases or no-period-cases)" },
	{ "if without a test", "::: if\nx\n:::\n",
	  "t.tmpl:1:5: error: \"::: if\" needs a test, e.g. \"::: if "
	  "region:deaths > 0\"" },
	{ "four forms", "{boys|a|b|c|d}\n",
	  "t.tmpl:1:1: error: a reference with forms needs {NAME|WORDS}, "
	  "{NAME|ONE|OTHER} or {NAME|ZERO|ONE|OTHER}, not 4 forms" },
	{ "too many parts in a reference", "{a:b:c:d:e:f:g}\n",
	  "t.tmpl:1:1: error: too many parts in reference {a:b:c:d:e:f:g}" },
	{ "region reference with too many parts", "{region:a:b:c}\n",
	  "t.tmpl:1:1: error: figure reference needs {region:NAME[:STYLE]}" },
	{ "forms after a report field", "{report:title|a|b}\n",
	  "t.tmpl:1:1: error: forms (|...) follow only a figure of the "
	  "ledger, not {report:title}" },
	{ "empty strong emphasis", "a ****\n",
	  "t.tmpl:1:3: error: empty strong emphasis ****" },
	{ "control character", "a\001b\n",
	  "t.tmpl:1:2: error: control character 0x01" },
	{ "undefined footnote, no suggestion", "x[^zzzzzzzz]\n",
	  "t.tmpl:1:2: error: footnote [^zzzzzzzz] is not defined (add a line "
	  "\"[^zzzzzzzz]: text\")" },
};

static void
test_parse_errors(void **state)
{
	size_t		 i;
	struct diag	 d;
	struct doc	*doc;
	char		*got;

	for (i = 0; i < sizeof(error_cases) / sizeof(error_cases[0]); i++) {
		diag_init(&d, NULL);
		doc = tmpl_parse_buf("t.tmpl", error_cases[i].src,
		    strlen(error_cases[i].src), &d);
		if (doc != NULL)
			fail_msg("%s: parsed without error",
			    error_cases[i].title);
		if (d.nerrors == 0)
			fail_msg("%s: no error reported", error_cases[i].title);
		got = diag_format(&d, 0);
		if (strcmp(got, error_cases[i].want) != 0)
			fail_msg("%s:\n got: %s\nwant: %s",
			    error_cases[i].title, got, error_cases[i].want);
		free(got);
		diag_clear(&d);
	}
}

/* Returns diagnostic i of d as printed; free with free(). */
static char *
nth_diag(const struct diag *d, size_t i)
{
	if (i >= d->nitems)
		fail_msg("only %zu messages, no message %zu", d->nitems, i);
	return diag_format(d, i);
}

/* Issue 27: the limits' messages, from templates built here: a row of
 * 65 cells, 40 002 table cells, blocks 33 deep, a NUL byte, 55 errors
 * (50 printed), 55 unused footnotes and 55 prose warnings (50 of each
 * printed). */
static void
test_parse_limit_messages(void **state)
{
	struct buf	 b;
	struct diag	 d;
	char		*got;
	int		 i;

	(void)state;
	buf_init(&b);
	buf_puts(&b, "|");
	for (i = 0; i < 65; i++)
		buf_puts(&b, " a |");
	buf_puts(&b, "\n");
	diag_init(&d, NULL);
	assert_null(tmpl_parse_buf("t.tmpl", b.data, b.len, &d));
	got = nth_diag(&d, 0);
	assert_string_equal(got,
	    "t.tmpl:1:1: error: bad table row: more than 64 cells");
	free(got);
	diag_clear(&d);

	buf_reset(&b);
	buf_puts(&b, "| a | b |\n|---|---|\n");
	for (i = 0; i < 20001; i++)
		buf_puts(&b, "| x | y |\n");
	diag_init(&d, NULL);
	assert_null(tmpl_parse_buf("t.tmpl", b.data, b.len, &d));
	got = nth_diag(&d, 0);
	assert_string_equal(got, "t.tmpl:20002:1: error: more than 40000 "
	    "table cells in one template (a limit, so that memory stays "
	    "bounded)");
	free(got);
	diag_clear(&d);

	buf_reset(&b);
	for (i = 0; i < 33; i++)
		buf_puts(&b, "::: regional\n");
	buf_puts(&b, "x\n");
	diag_init(&d, NULL);
	assert_null(tmpl_parse_buf("t.tmpl", b.data, b.len, &d));
	got = nth_diag(&d, 0);
	assert_string_equal(got,
	    "t.tmpl:33:1: error: blocks nested deeper than 32");
	free(got);
	diag_clear(&d);

	diag_init(&d, NULL);
	assert_null(tmpl_parse_buf("t.tmpl", "ab\0c\n", 5, &d));
	got = nth_diag(&d, 0);
	assert_string_equal(got, "t.tmpl:1:3: error: NUL byte in template");
	free(got);
	diag_clear(&d);

	buf_reset(&b);
	for (i = 0; i < 55; i++)
		buf_puts(&b, "{}\n");
	diag_init(&d, NULL);
	assert_null(tmpl_parse_buf("t.tmpl", b.data, b.len, &d));
	assert_int_equal(d.nitems, 51);
	got = nth_diag(&d, 50);
	assert_string_equal(got, "t.tmpl:51:1: error: too many errors; the "
	    "rest of this file is not checked");
	free(got);
	diag_clear(&d);

	buf_reset(&b);
	buf_puts(&b, "Text.\n\n");
	for (i = 0; i < 55; i++)
		buf_printf(&b, "[^n%d]: x\n", i);
	diag_init(&d, NULL);
	doc_free(tmpl_parse_buf("t.tmpl", b.data, b.len, &d));
	got = nth_diag(&d, 50);
	assert_string_equal(got,
	    "t.tmpl: warning: 5 more footnotes are never referenced");
	free(got);
	diag_clear(&d);

	buf_reset(&b);
	for (i = 0; i < 55; i++)
		buf_puts(&b, "There were 12 reviews.\n");
	diag_init(&d, NULL);
	assert_int_equal(tmpl_lint_buf("t.tmpl", b.data, b.len, &d, 0), 55);
	got = nth_diag(&d, 0);
	assert_string_equal(got, "t.tmpl:1:12: warning: quantity \"12\" typed "
	    "as text: write it from a figure, or mark it fixed ({=...} or "
	    "\"::: fixed\")");
	free(got);
	got = nth_diag(&d, 50);
	assert_string_equal(got,
	    "t.tmpl: warning: 5 more prose warnings not shown");
	free(got);
	diag_clear(&d);
	buf_clear(&b);
}

/* Every problem in a template is reported in one run. */
static void
test_parse_reports_every_error(void **state)
{
	static const char src[] = "{a b}\n\n{}\n\n| a |\n| b | c |\n";
	struct diag	 d;

	diag_init(&d, NULL);
	assert_null(tmpl_parse_buf("t.tmpl", src, sizeof(src) - 1, &d));
	assert_int_equal(d.nerrors, 3);
	diag_clear(&d);
}

/* An unreferenced footnote is only a warning. */
static void
test_parse_unused_footnote_warns(void **state)
{
	static const char src[] = "text\n\n[^x]: never used\n";
	struct diag	 d;
	struct doc	*doc;

	diag_init(&d, NULL);
	doc = tmpl_parse_buf("t.tmpl", src, sizeof(src) - 1, &d);
	assert_non_null(doc);
	assert_int_equal(d.nerrors, 0);
	assert_int_equal(d.nitems, 1);
	assert_int_equal(d.items[0].level, DIAG_WARNING);
	doc_free(doc);
	diag_clear(&d);
}

/* A missing template is a system error, not a template error. */
static void
test_parse_missing_file(void **state)
{
	struct diag	 d;
	int		 syserr = 0;

	diag_init(&d, NULL);
	assert_null(tmpl_parse_file("/nonexistent/x.tmpl", &d, &syserr));
	/* Invalid input, as a missing --figures (issue 13.15). */
	assert_int_equal(syserr, 0);
	assert_string_equal(d.items[0].msg,
	    "cannot read template: No such file or directory");
	diag_clear(&d);
}

/* ------------------------------------------------------------------ */
/* Fill */

static const char report_yaml[] =
	"title: Background paper on London Serious Case Reviews\n"
	"region: London\n"
	"period:\n  from: 2006-04-01\n  to: 2009-09-30\n"
	"organisation: GOL Safeguarding Team\n"
	"authors: [Joan Prokop, Kathy Bundred, Jo Green]\n"
	"national_study: 2008-09\n"
	"created: 2009-11-30\n"
	"disclosure:\n  threshold: 5\n  regional: false\n"
	"lscbs: [Barnet, Camden]\n";

static const char national_yaml[] =
	"studies:\n"
	"  - id: 2005-07\n"
	"    title: Biennial\n"
	"    citation: \"DCSF: Biennial.\"\n"
	"    period: \"2005 \xe2\x80\x93 2007\"\n"
	"    children: 189\n"
	"    figures:\n"
	"      boys: 56\n"
	"      known_to_csc: {percent: 50, text: \"just over 50%\"}\n"
	"  - id: 2008-09\n"
	"    title: Ofsted\n"
	"    citation: \"Ofsted year 2.\"\n"
	"    period: \"2008 \xe2\x80\x93 2009\"\n"
	"    figures:\n"
	"      boys: 53\n";

struct fixture {
	struct cohort		*cohort;
	struct fig_value	 values[4];
	struct fig_ledger	 ledger;
};

static int
setup(void **state)
{
	struct fixture	*fx;

	fx = xcalloc(1, sizeof(*fx));
	if ((fx->cohort = cohort_from_yaml(report_yaml, national_yaml)) ==
	    NULL)
		fail_msg("fixture YAML does not load");

	fx->values[0] = (struct fig_value){ .name = "boys",
	    .unit = FIG_CHILDREN, .style = FIG_STYLE_PERCENT, .num = 37,
	    .den = 60, .percent = 62 };
	fx->values[1] = (struct fig_value){ .name = "cases",
	    .unit = FIG_COUNT, .style = FIG_STYLE_DIGITS, .num = 47,
	    .percent = -1 };
	fx->values[2] = (struct fig_value){ .name = "major_mental_illness",
	    .unit = FIG_CASES, .style = FIG_STYLE_APPROX, .num = 22,
	    .den = 47, .percent = 47 };
	fx->values[3] = (struct fig_value){ .name = "male_known_as_child",
	    .unit = FIG_COUNT, .style = FIG_STYLE_DIGITS, .num = 4,
	    .percent = -1 };
	fx->ledger.values = fx->values;
	fx->ledger.nvalues = 4;
	fx->ledger.lscb = -1;
	fx->ledger.cases = 47;
	fx->ledger.children = 60;
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

/* Parses and fills src for board lscb (-1: region); returns the filled
 * document, or NULL with the first message in *msg (free with free()). */
static struct doc *
fill(struct fixture *fx, const char *src, int lscb, char **msg)
{
	struct diag	 d;
	struct doc	*doc;
	struct doc_env	 env;

	*msg = NULL;
	diag_init(&d, NULL);
	doc = tmpl_parse_buf("t.tmpl", src, strlen(src), &d);
	if (doc == NULL)
		fail_msg("\"%s\" does not parse: %s", src, d.items[0].msg);
	memset(&env, 0, sizeof(env));
	env.cohort = fx->cohort;
	env.ledgers[DOC_LEDGER_SELECTION] = &fx->ledger;
	env.ledgers[DOC_LEDGER_REGION] = &fx->ledger;
	env.lscb = lscb;
	if (!doc_fill(doc, &env, &d)) {
		*msg = diag_format(&d, 0);
		doc_free(doc);
		doc = NULL;
	}
	diag_clear(&d);
	return doc;
}

/* Fills src and checks the plain text of the document's first block. */
static void
check_text(struct fixture *fx, const char *src, int lscb, const char *want)
{
	struct doc	*doc;
	char		*msg, *got;

	doc = fill(fx, src, lscb, &msg);
	if (doc == NULL)
		fail_msg("\"%s\": %s", src, msg);
	got = doc_node_plain(doc->root->first_child);
	if (strcmp(got, want) != 0)
		fail_msg("\"%s\":\n got: \"%s\"\nwant: \"%s\"", src, got, want);
	free(got);
	doc_free(doc);
}

/* Fills src, which must fail with want. */
static void
check_fill_error(struct fixture *fx, const char *src, const char *want)
{
	struct doc	*doc;
	char		*msg;

	doc = fill(fx, src, -1, &msg);
	if (doc != NULL)
		fail_msg("\"%s\" filled without error", src);
	if (strcmp(msg, want) != 0)
		fail_msg("\"%s\":\n got: %s\nwant: %s", src, msg, want);
	free(msg);
}

static void
test_fill_figure_styles(void **state)
{
	struct fixture	*fx = *state;

	/* Style words are checked by fill, at the word. */
	check_fill_error(fx, "a {boys:precent}\n",
	    "t.tmpl:1:9: error: unknown style \"precent\"; did you mean "
	    "\"percent\"?");
	check_fill_error(fx, "{national:2008-09:boys:pc}\n",
	    "t.tmpl:1:24: error: unknown style \"pc\" (percent, digits, "
	    "words or approx)");
	check_text(fx, "{national:boys:digits} and {national:2005-07:boys}\n",
	    -1, "53 and 56%");

	check_text(fx, "In all, {boys} were boys; {cases} cases.\n", -1,
	    "In all, 62% were boys; 47 cases.");
	check_text(fx, "as were {male_known_as_child:words} of them\n", -1,
	    "as were four of them");
	check_text(fx, "In {major_mental_illness} of the cases\n", -1,
	    "In about half of the cases");
}

static void
test_fill_capitalises_sentence_start(void **state)
{
	struct fixture	*fx = *state;

	check_text(fx, "{major_mental_illness} had one.\n", -1,
	    "About half had one.");
	check_text(fx, "- {male_known_as_child:words} were.\n", -1,
	    "Four were.");
	check_text(fx, "Yes. {major_mental_illness} did; "
	    "{major_mental_illness} did not.\n", -1,
	    "Yes. About half did; about half did not.");
}

static void
test_fill_unknown_figure_suggests(void **state)
{
	struct fixture	*fx = *state;

	check_fill_error(fx, "Some text\nand {boy} here\n",
	    "t.tmpl:2:5: error: unknown figure \"boy\"; did you mean "
	    "\"boys\"?");
	check_fill_error(fx, "{zzzzzz}\n",
	    "t.tmpl:1:1: error: unknown figure \"zzzzzz\"");
}

/* Names are checked in blocks this paper leaves out too. */
static void
test_fill_checks_hidden_blocks(void **state)
{
	struct fixture	*fx = *state;

	check_fill_error(fx, "::: lscb\n{boyz}\n:::\n",
	    "t.tmpl:2:1: error: unknown figure \"boyz\"; did you mean "
	    "\"boys\"?");
}

static void
test_fill_national(void **state)
{
	struct fixture	*fx = *state;

	check_text(fx, "{national:boys} {national:2005-07:boys} "
	    "{national:2005-07:known_to_csc} {national:2005-07:known_to_csc:"
	    "percent} {national:boys:digits}\n", -1,
	    "53% 56% just over 50% 50% 53");
	check_text(fx, "{national:2005-07:children} in {national:2005-07:"
	    "period}; {national:period}. {national:citation}\n", -1,
	    "189 in 2005 \u2013 2007; 2008 \u2013 2009. Ofsted year 2.");
	check_fill_error(fx, "{national:2008-10:boys}\n",
	    "t.tmpl:1:1: error: unknown national study \"2008-10\"; did you "
	    "mean \"2008-09\"?");
	check_fill_error(fx, "{national:bois}\n",
	    "t.tmpl:1:1: error: unknown national figure \"bois\" in study "
	    "\"2008-09\"; "
	    "did you mean \"boys\"?");
	check_fill_error(fx, "{national:children}\n",
	    "t.tmpl:1:1: error: national study \"2008-09\" gives no number of "
	    "children");
	check_fill_error(fx, "{national:boys:words}\n",
	    "t.tmpl:1:1: error: style \"words\" does not apply to national "
	    "figures (percent or digits)");
}

static void
test_fill_report_fields(void **state)
{
	struct fixture	*fx = *state;

	check_text(fx, "{report:title}; {report:region}; {report:period}; "
	    "{report:created}; {report:authors}; {report:organisation}\n", -1,
	    "Background paper on London Serious Case Reviews; London; "
	    "April 2006 \u2013 September 2009; 30 November 2009; Joan Prokop, "
	    "Kathy Bundred and Jo Green; GOL Safeguarding Team");
	check_text(fx, "In {report:lscb}.\n", -1, "In London.");
	check_text(fx, "In {report:lscb}.\n", 1, "In Camden.");
	check_fill_error(fx, "{report:regoin}\n",
	    "t.tmpl:1:1: error: unknown report field \"regoin\"; did you mean "
	    "\"region\"?");
}

static void
test_fill_conditional_blocks(void **state)
{
	struct fixture	*fx = *state;
	static const char src[] =
	    "::: regional\nR\n:::\n::: lscb\nB\n:::\n"
	    "::: cases\nC\n:::\n::: no-cases\nN\n:::\n"
	    "::: suppressed\nS\n:::\n";

	check_text(fx, src, -1, "R");
	check_text(fx, src, 0, "B");
	fx->ledger.cases = 0;
	fx->ledger.suppressed_any = 1;
	check_text(fx, "::: cases\nC\n:::\n::: no-cases\nN\n:::\n", 0, "N");
	/* In a board's paper, only while a [c] is printed: here boys. */
	check_text(fx, "::: suppressed\nS\n:::\nX\n", 0, "X");
	fx->values[0].suppressed = 1;
	check_text(fx, "::: suppressed\nS\n:::\n{boys}\n", 0, "S");
	check_text(fx, "::: banded\nS\n:::\n{boys}\n", 0, "[c]");
	fx->values[0].banded = 1;
	fx->values[0].band_lo = 25;
	fx->values[0].band_hi = 49;
	check_text(fx, "::: banded\nS\n:::\n{boys}\n", 0, "S");
	check_text(fx, "::: suppressed\nS\n:::\n{boys}\n", 0,
	    "25\u201349%");
	fx->values[0].banded = 0;
	fx->values[0].suppressed = 0;
	fx->ledger.cases = 47;
	fx->ledger.suppressed_any = 0;
}

/* The references to the paper's own ledger under n (the fixture's
 * region ledger is the same one, so they are told apart by kind). */
static int
board_refs(struct doc_node *n)
{
	struct doc_node	*c;
	int		 k = 0;

	for (c = n->first_child; c != NULL; c = doc_node_walk(c, n))
		k += c->type == DOC_FIGREF &&
		    c->as.figref.ledger == DOC_LEDGER_SELECTION;
	return k;
}

/* A board table whose board figures are mostly [c] loses its board
 * column (docs/disclosure.md, "Board papers"); one sentence says so when
 * another table keeps its column; "::: no-board-figures" when none does. */
static void
test_fill_collapses_board_tables(void **state)
{
	struct fixture	*fx = *state;
	struct doc	*doc;
	struct doc_node	*n;
	char		*msg, *text;
	static const char one[] =
	    "| Per cent | {report:lscb} | London |\n| --- | --- | --- |\n"
	    "| Boys | {boys} | {region:boys} |\n"
	    "| Mental | {major_mental_illness:percent} | "
	    "{region:major_mental_illness:percent} |\n\n"
	    "::: board-figures\nKEPT\n:::\n"
	    "::: no-board-figures\nNONE\n:::\n";
	static const char two[] =
	    "| Per cent | {report:lscb} | London |\n| --- | --- | --- |\n"
	    "| Boys | {boys} | {region:boys} |\n\n"
	    "| Per cent | {report:lscb} | London |\n| --- | --- | --- |\n"
	    "| Mental | {major_mental_illness:percent} | "
	    "{region:major_mental_illness:percent} |\n";

	/* Nothing hidden: the table as written. */
	doc = fill(fx, one, 0, &msg);
	assert_non_null(doc);
	assert_int_equal(doc->root->first_child->as.table.ncols, 3);
	text = doc_node_plain(doc->root->first_child->next);
	assert_string_equal(text, "KEPT");
	free(text);
	doc_free(doc);
	/* Half hidden: below 80%, kept. */
	fx->values[0].suppressed = 1;
	doc = fill(fx, one, 0, &msg);
	assert_int_equal(doc->root->first_child->as.table.ncols, 3);
	doc_free(doc);
	/* All hidden: London's column alone, the template says why. */
	fx->values[2].suppressed = 1;
	doc = fill(fx, one, 0, &msg);
	n = doc->root->first_child;
	assert_int_equal(n->type, DOC_TABLE);
	assert_int_equal(n->as.table.ncols, 2);
	assert_int_equal(board_refs(n), 0);
	text = doc_node_plain(n->next);
	assert_string_equal(text, "NONE");
	free(text);
	doc_free(doc);
	/* The regional paper and the restricted edition never collapse. */
	doc = fill(fx, one, -1, &msg);
	assert_int_equal(doc->root->first_child->as.table.ncols, 3);
	doc_free(doc);
	/* One table of two collapses: the sentence stands before it. */
	fx->values[2].suppressed = 0;
	doc = fill(fx, two, 0, &msg);
	n = doc->root->first_child;
	assert_int_equal(n->type, DOC_PARA);
	text = doc_node_plain(n);
	assert_string_equal(text, "None of the Barnet figures of this table "
	    "can be shown without risk of identifying a child or family, so "
	    "it gives the London figures.");
	free(text);
	assert_int_equal(n->next->as.table.ncols, 2);
	assert_int_equal(board_refs(n->next), 0);
	assert_int_equal(n->next->next->as.table.ncols, 3);
	assert_int_equal(board_refs(n->next->next), 1);
	doc_free(doc);
	/* A shown band keeps its table; at 100% only all-[c] tables go. */
	fx->values[2].suppressed = 1;
	fx->values[2].banded = 1;
	fx->values[2].band_lo = 25;
	fx->values[2].band_hi = 49;
	doc = fill(fx, one, 0, &msg);
	assert_int_equal(doc->root->first_child->as.table.ncols, 3);
	text = doc_node_plain(doc->root->first_child);
	assert_non_null(strstr(text, "25\u201349%"));
	free(text);
	doc_free(doc);
	fx->values[2].banded = 0;
	fx->cohort->report.collapse = 100;
	fx->values[2].suppressed = 0;
	doc = fill(fx, one, 0, &msg);
	assert_int_equal(doc->root->first_child->as.table.ncols, 3);
	doc_free(doc);
	fx->cohort->report.collapse = 80;
	fx->values[0].suppressed = 0;
}

/* region-cases looks at the region's ledger (here the only one). */
static void
test_fill_region_cases_blocks(void **state)
{
	struct fixture	*fx = *state;
	static const char src[] =
	    "::: region-cases\nR\n:::\n::: no-region-cases\nN\n:::\n";

	check_text(fx, src, -1, "R");
	fx->ledger.cases = 0;
	check_text(fx, src, -1, "N");
	fx->ledger.cases = 47;
}

/* @chart after a table makes a chart node holding its caption. */
static void
test_parse_chart(void **state)
{
	static const char src[] =
	    "| A | B |\n| - | - |\n| x | 1 |\n\n@chart The caption\n";
	struct diag	 d;
	struct doc	*doc;
	struct doc_node	*n;
	char		*cap;

	(void)state;
	diag_init(&d, NULL);
	doc = tmpl_parse_buf("t.tmpl", src, strlen(src), &d);
	assert_non_null(doc);
	n = doc->root->first_child;
	assert_int_equal(n->type, DOC_TABLE);
	n = n->next;
	assert_non_null(n);
	assert_int_equal(n->type, DOC_CHART);
	assert_int_equal(n->line, 5);
	cap = doc_node_plain(n);
	assert_string_equal(cap, "The caption");
	free(cap);
	doc_free(doc);
	diag_clear(&d);
}

/* Items either side of a dropped block stay one list, numbered on. */
static void
test_fill_numbers_items_across_blocks(void **state)
{
	struct fixture	*fx = *state;
	static const char src[] =
	    "1. a\n::: lscb\n1. board\n:::\n::: regional\n1. b\n:::\n1. c\n";
	struct doc	*doc;
	struct doc_node	*list, *item;
	char		*msg;
	int		 want = 1;

	doc = fill(fx, src, -1, &msg);
	assert_non_null(doc);
	list = doc->root->first_child;
	assert_int_equal(list->type, DOC_LIST);
	assert_null(list->next);
	for (item = list->first_child; item != NULL; item = item->next)
		assert_int_equal(item->as.item.number, want++);
	assert_int_equal(want, 4);
	doc_free(doc);
}

static void
test_fill_footnotes(void **state)
{
	struct fixture	*fx = *state;
	static const char src[] =
	    "a[^y] b[^x] c[^y]\n\n[^x]: X\n\n[^y]: Y\n\n"
	    "::: lscb\nz[^z]\n:::\n\n[^z]: Z\n";
	struct doc	*doc;
	struct doc_node	*n;
	char		*msg, *got;

	doc = fill(fx, src, -1, &msg);
	assert_non_null(doc);
	got = doc_node_plain(doc->root->first_child);
	assert_string_equal(got, "a b c");	/* markers are not text */
	free(got);
	n = doc->root->first_child->first_child->next;
	assert_int_equal(n->type, DOC_FNREF);
	assert_string_equal(n->text, "1");
	assert_int_equal(n->as.fnref.def->as.footnote.number, 1);
	assert_string_equal(n->as.fnref.def->as.footnote.label, "y");
	/* [^z] is only referred to from a dropped block: it goes too. */
	for (n = doc->root->first_child; n != NULL; n = n->next)
		if (n->type == DOC_FOOTNOTE)
			assert_true(strcmp(n->as.footnote.label, "z") != 0);
	doc_free(doc);
}

static void
test_fill_suppressed_figure(void **state)
{
	struct fixture	*fx = *state;

	fx->values[0].suppressed = 1;
	check_text(fx, "{boys} and {boys:words}\n", 0, "[c] and [c]");
	fx->values[0].suppressed = 0;
}

static void
test_fill_table_alignment(void **state)
{
	struct fixture	*fx = *state;
	static const char src[] =
	    "| Age | London |\n|---|---|\n| Under 1 | {boys} |\n";
	struct doc	*doc;
	struct doc_node	*row;
	char		*msg;

	doc = fill(fx, src, -1, &msg);
	assert_non_null(doc);
	for (row = doc->root->first_child->first_child; row != NULL;
	    row = row->next) {
		assert_int_equal(row->first_child->as.cell.align,
		    DOC_ALIGN_LEFT);
		assert_int_equal(row->last_child->as.cell.align,
		    DOC_ALIGN_RIGHT);
	}
	doc_free(doc);
}

static void
test_fill_meta(void **state)
{
	struct fixture	*fx = *state;
	struct doc	*doc;
	char		*msg;

	doc = fill(fx, "x\n", 1, &msg);
	assert_non_null(doc);
	assert_string_equal(doc->meta.title,
	    "Background paper on London Serious Case Reviews");
	assert_string_equal(doc->meta.lscb, "Camden");
	assert_int_equal(doc->meta.nauthors, 3);
	assert_string_equal(doc->meta.authors[2], "Jo Green");
	assert_int_equal(doc->meta.created, 20091130);
	assert_non_null(strstr(doc->meta.subject, "Camden"));
	doc_free(doc);
}

/* Data that looks like markup stays text. */
static void
test_fill_data_is_text(void **state)
{
	struct fixture	*fx = *state;

	free(fx->cohort->report.region);
	fx->cohort->report.region = xstrdup("<b>North & {East}</b>");
	check_text(fx, "{report:region}\n", -1, "<b>North & {East}</b>");
	free(fx->cohort->report.region);
	fx->cohort->report.region = xstrdup("London");
}

/* The shipped template parses and fills against its own figure names. */
/* Number agreement: the form is chosen by the value, "#" prints the
 * figure with "of" only where its words need it. */
static void
test_fill_forms(void **state)
{
	struct fixture	*fx = *state;
	struct fig_value *mk = &fx->values[3];	/* a count, digits */
	static const char cnt[] =
	    "There {male_known_as_child:approx|was # man|were # men}.\n";
	static const char three[] =
	    "{male_known_as_child:words|no man|# man|# men}\n";

	mk->num = 0;
	check_text(fx, cnt, -1, "There were no men.");
	check_text(fx, three, -1, "No man");
	mk->num = 1;
	check_text(fx, cnt, -1, "There was one man.");
	check_text(fx, three, -1, "One man");
	mk->num = 3;
	check_text(fx, cnt, -1, "There were a small number of men.");
	check_text(fx, three, -1, "Three men");
	mk->num = 7;
	check_text(fx, cnt, -1, "There were several men.");
	mk->suppressed = 1;
	check_text(fx, cnt, -1, "There were [c] men.");
	check_text(fx, three, -1, "[c] men");
	mk->suppressed = 0;
	mk->num = 4;
	/* A share: "of" stays; suppressed, it reads as a count. */
	check_text(fx, "{boys|# of children}\n", -1, "62% of children");
	fx->values[0].num = 1;	/* one form: whatever the value */
	fx->values[0].percent = 2;
	check_text(fx, "{boys|# of children}\n", -1, "2% of children");
	fx->values[0].num = 37;
	fx->values[0].percent = 62;
	check_text(fx, "{boys|# children}\n", -1, "62% of children");
	check_text(fx, "{major_mental_illness|# of the cases}\n", -1,
	    "About half of the cases");
	/* Before a determiner "of" stays even where the words read
	 * without it before a noun ("one in ten cases"). */
	fx->values[0].num = 3;
	fx->values[0].percent = 8;
	check_text(fx, "In {boys:approx|# of these children}.\n", -1,
	    "In fewer than one in ten of these children.");
	check_text(fx, "In {boys:approx|# of those children}.\n", -1,
	    "In fewer than one in ten of those children.");
	check_text(fx, "In {boys:approx|# of children}.\n", -1,
	    "In fewer than one in ten children.");
	/* A share of none is written as a person would. */
	fx->values[0].num = 0;
	fx->values[0].percent = 0;
	check_text(fx, "{boys|# of children} came.\n", -1,
	    "None of the children came.");
	check_text(fx, "In {boys:approx|# of children}.\n", -1,
	    "In none of the children.");
	check_text(fx, "{boys|# of the children} came.\n", -1,
	    "None of the children came.");
	fx->values[0].num = 37;
	fx->values[0].percent = 62;
	fx->values[0].suppressed = 1;
	check_text(fx, "{boys|# of children}\n", -1, "[c] children");
	fx->values[0].suppressed = 0;
	/* An empty form drops a clause. */
	check_text(fx, "A{cases||, one|, #}.\n", -1, "A, 47.");
}

static void
test_fill_if_tests(void **state)
{
	struct fixture	*fx = *state;
	struct fig_value *mk = &fx->values[3];
	static const char src[] =
	    "::: if male_known_as_child = 0\nZ\n:::\n"
	    "::: if male_known_as_child > 0\nP\n:::\n"
	    "::: if boys > 50%\nM\n:::\n"
	    "::: if male_known_as_child > half cases\nH\n:::\n"
	    "::: if male_known_as_child >= 4\nF\n:::\n"
	    "X\n";

	mk->num = 0;
	check_text(fx, src, -1, "Z");
	mk->num = 4;
	check_text(fx, src, -1, "P");
	check_text(fx, "::: if boys > 50%\nM\n:::\nX\n", -1, "M");
	check_text(fx, "::: if boys > 62%\nM\n:::\nX\n", -1, "X");
	check_text(fx, "::: if male_known_as_child > half cases\nH\n:::\nX\n",
	    -1, "X");
	mk->num = 24;
	check_text(fx, "::: if male_known_as_child > half cases\nH\n:::\nX\n",
	    -1, "H");
	check_text(fx, "::: if male_known_as_child != 23\nF\n:::\nX\n", -1,
	    "F");
	/* Suppressed: decided only when its public bounds decide it. */
	mk->suppressed = 1;
	mk->lo = 1;
	mk->hi = 5;
	check_text(fx, "::: if male_known_as_child > 0\nP\n:::\nX\n", -1,
	    "P");
	check_text(fx, "::: if male_known_as_child = 0\nZ\n:::\nX\n", -1,
	    "X");
	check_text(fx, "::: if male_known_as_child > 2\nP\n:::\nX\n", -1,
	    "X");
	check_text(fx, "::: if male_known_as_child <= 2\nP\n:::\nX\n", -1,
	    "X");
	mk->lo = 0;
	check_text(fx, "::: if male_known_as_child > 0\nP\n:::\nX\n", -1,
	    "X");
	mk->suppressed = 0;
	mk->lo = mk->hi = 0;
	mk->num = 4;
	check_text(fx, "::: fixed\nT\n:::\n", -1, "T");
	check_fill_error(fx, "::: if male_known_as_chid > 0\nP\n:::\n",
	    "t.tmpl:1:1: error: unknown figure \"male_known_as_chid\" in test;"
	    " did you mean \"male_known_as_child\"?");
	check_fill_error(fx, "::: if cases > 5%\nP\n:::\n",
	    "t.tmpl:1:1: error: figure \"cases\" is a count: it has no "
	    "percentage to test");
}

/* Syntax errors of tests and forms, at their position. */
static void
test_parse_if_errors(void **state)
{
	static const struct { const char *src, *want; } cases[] = {
		{ "::: if cases\nx\n:::\n", "bad test \"cases\"" },
		{ "::: if cases >> 1\nx\n:::\n", "unknown comparison \">>\"" },
		{ "::: if cases > 101%\nx\n:::\n", "bad number \"101%\"" },
		{ "::: if cases > 1x\nx\n:::\n", "bad number \"1x\"" },
		{ "::: if 2 > 1\nx\n:::\n", "bad figure name \"2\"" },
		{ "::: if cases > quarter boys\nx\n:::\n", "bad test" },
		{ "::: if\nx\n:::\n", "\"::: if\" needs a test" },
		{ "{cases|a|b|c|d}\n", "not 4 forms" },
		{ "{report:region|a|b}\n", "forms (|...) follow only" },
	};
	struct diag	 d;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		diag_init(&d, NULL);
		assert_null(tmpl_parse_buf("t.tmpl", cases[i].src,
		    strlen(cases[i].src), &d));
		if (d.nitems == 0 || strstr(d.items[0].msg, cases[i].want) ==
		    NULL)
			fail_msg("\"%s\": got \"%s\", want \"%s\"",
			    cases[i].src, d.nitems ? d.items[0].msg : "",
			    cases[i].want);
		diag_clear(&d);
	}
}

/* Issue 31.14: {cases||} (every form empty) prints nothing whatever the
 * number: refused at its brace; an empty ZERO form alone is fine. */
static void
issue31_14_all_empty_forms_refused(void **state)
{
	static const char src[] = "Some {cases| | }.\nIn {cases||}.\n";
	static const char ok[] = "In {cases||, one|, #}.\n";
	struct diag	 d;
	struct doc	*doc;
	char		*s;

	(void)state;
	diag_init(&d, NULL);
	assert_null(tmpl_parse_buf("t.tmpl", src, strlen(src), &d));
	assert_int_equal(d.nerrors, 2);
	s = diag_format(&d, 0);
	assert_string_equal(s, "t.tmpl:1:6: error: every form of "
	    "{cases| | } is empty, so it would print nothing: give each "
	    "form its words, {NAME|ONE|OTHER}");
	free(s);
	s = diag_format(&d, 1);
	assert_string_equal(s, "t.tmpl:2:4: error: every form of "
	    "{cases||} is empty, so it would print nothing: give each form "
	    "its words, {NAME|ONE|OTHER}");
	free(s);
	diag_clear(&d);
	diag_init(&d, NULL);
	doc = tmpl_parse_buf("t.tmpl", ok, strlen(ok), &d);
	assert_non_null(doc);
	assert_int_equal(d.nerrors, 0);
	doc_free(doc);
	diag_clear(&d);
}

/* Issue 31.14: check parses the template, then lints it: the warning of
 * a footnote never referenced is the parse's, printed once, not again
 * by the lint. */
static void
issue31_14_unused_footnote_warned_once(void **state)
{
	static const char src[] = "Text.\n\n[^a]: A note never used.\n";
	struct diag	 d;
	struct doc	*doc;
	char		*s;

	(void)state;
	diag_init(&d, NULL);
	doc = tmpl_parse_buf("t.tmpl", src, strlen(src), &d);
	assert_non_null(doc);
	doc_free(doc);
	assert_int_equal(tmpl_lint_buf("t.tmpl", src, strlen(src), &d, 0), 0);
	assert_int_equal(d.nitems, 1);
	s = diag_format(&d, 0);
	assert_string_equal(s, "t.tmpl:3:1: warning: footnote [^a] is never "
	    "referenced");
	free(s);
	diag_clear(&d);
}

/* The prose lint: each quantity typed as text, at its line and column;
 * nothing inside references, fixed text or a fixed block. */
static void
test_lint(void **state)
{
	static const char src[] =
	    "% 12 in a comment\n"
	    "In {cases} cases, several were\n"
	    "  a couple of 3 and a number of and a small number\n"
	    "{=2} LSCB areas, {cases|one|#}, \\{5\\}\n"
	    "::: fixed\nTwo thirds of 17.\n:::\n"
	    "| Most | x |\n";
	static const char *const want[] = {
		"t.tmpl:2:19: warning: quantity \"several\" typed as text",
		"t.tmpl:3:5: warning: quantity \"couple\" typed as text",
		"t.tmpl:3:15: warning: quantity \"3\" typed as text",
		"t.tmpl:3:23: warning: quantity \"number\" typed as text",
		"t.tmpl:3:45: warning: quantity \"number\" typed as text",
		"t.tmpl:4:35: warning: quantity \"5\" typed as text",
		"t.tmpl:8:3: warning: quantity \"Most\" typed as text",
	};
	struct diag	 d;
	size_t		 i;
	char		*got;

	(void)state;
	diag_init(&d, NULL);
	assert_int_equal(tmpl_lint_buf("t.tmpl", src, strlen(src), &d, 0),
	    7);
	assert_int_equal(d.nitems, 7);
	assert_int_equal(d.nerrors, 0);
	for (i = 0; i < d.nitems; i++) {
		got = diag_format(&d, i);
		if (strncmp(got, want[i], strlen(want[i])) != 0)
			fail_msg("item %zu: got \"%s\", want \"%s\"", i, got,
			    want[i]);
		free(got);
	}
	diag_clear(&d);
	diag_init(&d, NULL);
	assert_int_equal(tmpl_lint_buf("t.tmpl", src, strlen(src), &d, 1),
	    7);
	assert_int_equal(d.nerrors, 7);
	diag_clear(&d);
	/* A template with syntax errors is the parser's to report. */
	diag_init(&d, NULL);
	assert_int_equal(tmpl_lint_buf("t.tmpl", "{x\n", 3, &d, 1), -1);
	assert_int_equal(d.nitems, 0);
	diag_clear(&d);
}

/*
 * The header of the shipped template (its first comment lines, the
 * policy writers' summary of the markup) documents every directive of
 * the parser's table: each name appears at the start of a "%" line's
 * text, as a word ("@signoff" is not found in "@signoffs").  A directive
 * added to tmpl_directives[] without a line there fails here.
 */
static void
test_template_header_documents_directives(void **state)
{
	FILE	*f;
	char	 line[512], *hdr = NULL;
	size_t	 len = 0, i, k;
	FILE	*h;
	const char *at, *name;

	(void)state;
	if ((f = fopen("templates/background-paper.tmpl", "r")) == NULL)
		skip();	/* not run from the project root */
	h = open_memstream(&hdr, &len);
	assert_non_null(h);
	/* The header: the comment lines before the first other line. */
	while (fgets(line, sizeof(line), f) != NULL && line[0] == '%')
		fputs(line, h);
	fclose(f);
	fclose(h);
	assert_true(len > 1000);	/* the header was found */
	assert_true(tmpl_ndirectives >= 8);
	for (i = 0; i < tmpl_ndirectives; i++) {
		name = tmpl_directives[i].name;
		k = strlen(name);
		assert_true(name[0] == '@' && k > 1);
		assert_non_null(tmpl_directives[i].usage);
		assert_true(strncmp(tmpl_directives[i].usage, name, k) == 0);
		assert_non_null(tmpl_directives[i].doc);
		assert_non_null(tmpl_directives[i].fn);
		for (at = hdr; (at = strstr(at, name)) != NULL; at += k)
			if (at[k] == ' ' || at[k] == ',' || at[k] == '\n' ||
			    at[k] == '"')
				break;
		if (at == NULL)
			fail_msg("directive %s is not in the header of "
			    "templates/background-paper.tmpl", name);
	}
	free(hdr);
}

/*
 * The "unknown directive" message lists every row of the table, in its
 * order, and each row's name dispatches to its handler: a directive
 * used as its usage line documents it parses (or fails only for what
 * its handler checks, never as unknown).
 */
static void
test_directive_table_dispatches(void **state)
{
	struct diag	 d;
	struct doc	*doc;
	char		*src;
	size_t		 i;

	(void)state;
	for (i = 0; i < tmpl_ndirectives; i++) {
		diag_init(&d, NULL);
		src = xasprintf("| a | b |\n|---|--:|\n| x | 1 |\n%s%s\n",
		    tmpl_directives[i].name, tmpl_directives[i].args ==
		    TMPL_ARGS_NONE ? "" : " #l caption");
		doc = tmpl_parse_buf("t.tmpl", src, strlen(src), &d);
		if (d.nitems > 0 && strstr(d.items[0].msg,
		    "unknown directive") != NULL)
			fail_msg("%s is unknown to the dispatch",
			    tmpl_directives[i].name);
		doc_free(doc);
		diag_clear(&d);
		free(src);
	}
}

/* The shipped template passes the lint in strict mode. */
static void
test_shipped_template_lints_clean(void **state)
{
	struct diag	 d;

	(void)state;
	diag_init(&d, stderr);
	assert_int_equal(tmpl_lint_file(
	    "templates/background-paper.tmpl", &d, 1), 0);
	diag_clear(&d);
}

static void
test_shipped_template_parses(void **state)
{
	struct diag	 d;
	struct doc	*doc;
	int		 syserr;

	diag_init(&d, stderr);
	doc = tmpl_parse_file("templates/background-paper.tmpl", &d,
	    &syserr);
	if (syserr)
		skip();	/* not run from the project root */
	assert_non_null(doc);
	assert_int_equal(d.nerrors, 0);
	doc_free(doc);
	diag_clear(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_constructs),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_parse_chart),
		cmocka_unit_test(test_parse_limit_messages),
		cmocka_unit_test(test_parse_reports_every_error),
		cmocka_unit_test(test_parse_unused_footnote_warns),
		cmocka_unit_test(test_parse_missing_file),
		cmocka_unit_test(test_shipped_template_parses),
		cmocka_unit_test(test_template_header_documents_directives),
		cmocka_unit_test(test_directive_table_dispatches),
		cmocka_unit_test(test_parse_if_errors),
		cmocka_unit_test(test_lint),
		cmocka_unit_test(test_shipped_template_lints_clean),
		cmocka_unit_test(issue31_14_all_empty_forms_refused),
		cmocka_unit_test(issue31_14_unused_footnote_warned_once),
		cmocka_unit_test_setup_teardown(test_fill_forms, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_fill_if_tests, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_fill_figure_styles,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_fill_region_cases_blocks,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_fill_capitalises_sentence_start, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_fill_unknown_figure_suggests, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fill_checks_hidden_blocks,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_fill_national, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_fill_report_fields, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_fill_conditional_blocks,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_fill_collapses_board_tables, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_fill_numbers_items_across_blocks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fill_footnotes, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_fill_suppressed_figure,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_fill_table_alignment,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_fill_meta, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_fill_data_is_text, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
