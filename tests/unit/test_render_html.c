/*
 * test_render_html.c: tests of the HTML back end (pipeline/render/render_html.c):
 * every piece of text from the data or the template is escaped, the
 * structure a screen reader needs is there (language, headings, lists,
 * table captions and header scopes, numeric alignment, footnote links
 * both ways, the chart's role and text alternative), the page asks for
 * nothing outside itself, the same document gives the same bytes, and
 * the file is written whole or not at all; a chart drawn as an image
 * file (the ODT edition's) stays inside its drawing.  The tests that need the
 * project's files (input/, templates/) skip when not run from the project
 * root.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "util.h"
#include "diag.h"
#include "case.h"
#include "fig.h"
#include "doc.h"
#include "tmpl.h"
#include "fill.h"
#include "paper.h"
#include "render.h"
#include "testutil.h"
#include "testworld.h"

/* Returns how many times needle occurs in s. */
static int
count(const char *s, const char *needle)
{
	int	 n = 0;

	while ((s = strstr(s, needle)) != NULL) {
		n++;
		s += strlen(needle);
	}
	return n;
}

#define HOSTILE	"<script>alert(1)</script> & \"q\" 'a' </style>"
#define HOSTILE_ESC \
	"&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; " \
	"&#39;a&#39; &lt;/style&gt;"

/* A board name and template text holding markup print literally: in the
 * title, the headings, text, a table, the chart and its text
 * alternative, a footnote and the metadata. */
static void
test_html_escapes_every_text(void **state)
{
	struct world	*w = *state;
	struct doc	*doc;
	char		*html;

	if (w->figs == NULL)
		skip();
	doc = world_doc(w,
	    "# Title " HOSTILE "\n\n"
	    "## Section " HOSTILE "\n\n"
	    "Text " HOSTILE " and a note.[^n]\n\n"
	    "[^n]: Note " HOSTILE "\n\n"
	    "- item " HOSTILE "\n\n"
	    "| Age " HOSTILE " | Series " HOSTILE " |\n"
	    "| --- | --- |\n"
	    "| Cat " HOSTILE " | 35% |\n"
	    "| Other | 20% |\n\n"
	    "@chart Caption " HOSTILE "\n", -1);
	free(doc->meta.title);
	doc->meta.title = xstrdup("Paper " HOSTILE);
	free(doc->meta.lscb);
	doc->meta.lscb = xstrdup("Board " HOSTILE);
	free(doc->meta.subject);
	doc->meta.subject = xstrdup("Subject " HOSTILE);
	html = html_of(doc);

	/* No markup of the data's own survives: no script at all, and the
	 * one style element is ours. */
	assert_null(strstr(html, "<script"));
	assert_int_equal(count(html, "</style>"), 1);
	assert_int_equal(count(html, "<style>"), 1);
	assert_int_equal(count(html, "alert(1)</"), 0);
	/* Each place holds the escaped text. */
	assert_non_null(strstr(html, "<title>Paper " HOSTILE_ESC ": Board "
	    HOSTILE_ESC "</title>"));
	assert_non_null(strstr(html, "<meta name=\"description\" "
	    "content=\"Subject " HOSTILE_ESC "\">"));
	assert_non_null(strstr(html, "<h1>Title " HOSTILE_ESC "</h1>"));
	assert_non_null(strstr(html, "<h2>Section " HOSTILE_ESC "</h2>"));
	assert_non_null(strstr(html, "<p>Text " HOSTILE_ESC " and a note."));
	assert_non_null(strstr(html, "<li>item " HOSTILE_ESC "</li>"));
	assert_non_null(strstr(html, "<th scope=\"row\">Cat " HOSTILE_ESC
	    "</th>"));
	assert_non_null(strstr(html, ">Note " HOSTILE_ESC " <a href="));
	assert_non_null(strstr(html, "<figcaption id=\"chart1-caption\">"
	    "Figure\u00a01: Caption " HOSTILE_ESC "</figcaption>"));
	assert_non_null(strstr(html, "<title id=\"chart1-title\">Bar chart: "
	    "Caption " HOSTILE_ESC ". Cat " HOSTILE_ESC ": Series "
	    HOSTILE_ESC " 35%. Other: Series " HOSTILE_ESC " 20%.</title>"));
	assert_non_null(strstr(html, ">Cat " HOSTILE_ESC "</text>"));
	free(html);
	doc_free(doc);
}

/* Barnet's index in input/report.yaml: its paper suppresses the age
 * bands. */
#define BARNET	1

static const char structure_tmpl[] =
    "# The paper\n\n"
    "@subtitle Completed {report:period} in {report:lscb}\n\n"
    "## Section\n\n"
    "A paragraph with a note.[^a] And **strong** words.[^a]\n\n"
    "[^a]: The note's text.\n\n"
    "> A boxed note\n\n"
    "### Sub\n\n"
    "- one\n- two\n\n"
    "1. **First.** text\n1. **Second.** text\n\n"
    "| Age | {report:lscb} | London |\n"
    "| --- | --- | --- |\n"
    "| Under 1 | {age_under_1} | {region:age_under_1} |\n"
    "| 1 – 5 | {age_1_5} | {region:age_1_5} |\n\n"
    "@chart Age of the children\n\n"
    "@signoff\n";

/* The structure a screen reader and a validator need. */
static void
test_html_structure(void **state)
{
	struct world	*w = *state;
	struct doc	*doc;
	char		*html, *p;
	int		 collapse;

	if (w->figs == NULL)
		skip();
	/* Board tables as they are, [c] and all (disclosure: collapse:
	 * false). */
	collapse = w->cohort->report.collapse;
	w->cohort->report.collapse = 0;
	doc = world_doc(w, structure_tmpl, BARNET);
	w->cohort->report.collapse = collapse;
	html = html_of(doc);

	assert_true(strncmp(html, "<!DOCTYPE html>\n<html lang=\"en-GB\">",
	    35) == 0);
	assert_non_null(strstr(html, "<meta charset=\"utf-8\">"));
	assert_non_null(strstr(html, "<title>Background paper on London "
	    "Serious Case Reviews: Barnet</title>"));
	assert_non_null(strstr(html, "<meta name=\"dcterms.created\" "
	    "content=\"2009-11-30\">"));
	assert_non_null(strstr(html, "<meta name=\"author\" content=\"Joan "
	    "Prokop, Kathy Bundred, Jo Green, GOL Safeguarding Team\">"));
	/* The skip link leads to main. */
	assert_non_null(strstr(html, "href=\"#main\""));
	assert_non_null(strstr(html, "<main id=\"main\""));
	/* Headings in order, the subtitle a paragraph. */
	p = strstr(html, "<h1>The paper</h1>");
	assert_non_null(p);
	assert_true(strstr(html, "<p class=\"subtitle\">Completed April 2006 "
	    "– September 2009 in Barnet</p>") > p);
	assert_true(strstr(html, "<h2>Section</h2>") > p);
	assert_true(strstr(html, "<h3>Sub</h3>") > strstr(html, "<h2>"));
	/* Real lists. */
	assert_non_null(strstr(html, "<ul>\n<li>one</li>\n<li>two</li>\n"
	    "</ul>"));
	assert_non_null(strstr(html, "<ol class=\"numbered\">\n<li><strong>"
	    "First.</strong> text</li>\n<li><strong>Second.</strong> text"
	    "</li>\n</ol>"));
	assert_non_null(strstr(html, "<strong>strong</strong>"));
	/* The table: caption from the chart that draws it, scopes, numeric
	 * columns aligned right, [c] kept as the table prints it. */
	assert_non_null(strstr(html, "<section class=\"table-wrap\" "
	    "aria-labelledby=\"table1-caption\" tabindex=\"0\">\n<table>\n"
	    "<caption id=\"table1-caption\" class=\"visually-hidden\" "
	    "data-edition=\"html\">Figure\u00a01: Age of the children</caption>"));
	assert_non_null(strstr(html, "<thead>\n<tr><th scope=\"col\">Age"
	    "</th><th scope=\"col\" class=\"num\">Barnet</th>"
	    "<th scope=\"col\" class=\"num\">London</th></tr>\n</thead>"));
	assert_non_null(strstr(html, "<tr><th scope=\"row\">Under 1</th>"
	    "<td class=\"num\">[c]</td><td class=\"num\">35%</td></tr>"));
	/* The chart: role img, named by its text alternative, which says
	 * what [c] means; one bar for the drawn values, none for [c]. */
	assert_non_null(strstr(html, "role=\"img\" aria-labelledby="
	    "\"chart1-title\""));
	assert_non_null(strstr(html, "<title id=\"chart1-title\">Bar chart: "
	    "Age of the children. Under 1: Barnet [c], London 35%. 1 – 5: "
	    "Barnet [c], London 23%. [c] marks a figure not shown so that "
	    "no child or family can be recognised.</title>"));
	/* Two legend swatches and London's two bars. */
	assert_int_equal(count(html, "<rect "), 2 + 2);
	/* Footnotes: each reference a link to the note, the note a link
	 * back to its first reference; the second reference has its own
	 * id. */
	assert_non_null(strstr(html, "<sup class=\"fnref\"><a id=\"fnref-1\" "
	    "href=\"#fn-1\" aria-label=\"Footnote 1\">1</a></sup>"));
	assert_non_null(strstr(html, "<a id=\"fnref-1-2\" href=\"#fn-1\""));
	assert_non_null(strstr(html, "<li id=\"fn-1\" value=\"1\">The note&#39;s "
	    "text. <a href=\"#fnref-1\""));
	/* The boxed note and the sign-off. */
	assert_non_null(strstr(html, "<blockquote class=\"inset\"><p>A boxed note"
	    "</p></blockquote>"));
	assert_non_null(strstr(html, "<div class=\"signoff\">\n<p>Joan "
	    "Prokop</p>\n<p>Kathy Bundred</p>\n<p>Jo Green</p>\n<p>GOL "
	    "Safeguarding Team</p>\n</div>"));
	/* Nothing outside the file: no script, no source or link to
	 * fetch, and a policy that forbids them. */
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "src="));
	assert_null(strstr(html, "<link"));
	assert_null(strstr(html, "url(http"));
	assert_non_null(strstr(html, "content=\"default-src 'none'; "
	    "style-src 'unsafe-inline'\""));
	/* The body text's size and a print style. */
	assert_non_null(strstr(html, "font-size:1.1875rem"));
	assert_non_null(strstr(html, "@media print"));
	free(html);
	doc_free(doc);
}

/* The whole paper: one h1, no heading level skipped, every table with a
 * caption, and the same bytes twice. */
static void
test_html_of_the_paper(void **state)
{
	struct world	*w = *state;
	struct diag	 d;
	struct doc	*doc;
	char		*a, *b, *p;
	int		 level, prev = 0;

	if (w->figs == NULL)
		skip();
	diag_init(&d, stderr);
	assert_int_equal(paper_template(w->paper,
	    "templates/background-paper.tmpl", &d), 0);
	assert_int_equal(paper_build(w->paper, -1, &doc, &d), 0);
	a = html_of(doc);
	b = html_of(doc);
	assert_string_equal(a, b);

	assert_int_equal(count(a, "<h1>"), 1);
	for (p = a; (p = strstr(p, "<h")) != NULL; p++) {
		if (p[2] < '1' || p[2] > '6' || p[3] != '>')
			continue;
		level = p[2] - '0';
		assert_true(level <= prev + 1);
		prev = level;
	}
	assert_int_equal(count(a, "<table>"), count(a, "<caption"));
	assert_int_equal(count(a, "<table>"), count(a, "<section class=\"table-wrap\""));
	assert_true(count(a, "<table>") >= 1);
	assert_int_equal(count(a, "role=\"img\""), 1);
	free(a);
	free(b);
	doc_free(doc);
	diag_clear(&d);
}

/* render_html() writes the file whole; a failure leaves nothing behind
 * and an existing file as it was. */
static void
test_html_written_whole_or_not_at_all(void **state)
{
	struct world	*w = *state;
	struct diag	 d;
	struct doc	*doc;
	const char	*tmpdir = getenv("TMPDIR");
	char		*dir, *path, *bad, *data, *expect;
	size_t		 len;

	if (w->figs == NULL)
		skip();
	dir = xasprintf("%s/scrpaper-test-XXXXXX", tmpdir != NULL &&
	    *tmpdir != '\0' ? tmpdir : "/tmp");
	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/paper.html", dir);
	bad = xasprintf("%s/missing/paper.html", dir);
	doc = world_doc(w, structure_tmpl, BARNET);
	diag_init(&d, NULL);
	assert_int_equal(render_html(doc, path, &d), 0);
	assert_int_equal(file_read_all(path, 1 << 24, &data, &len), 0);
	expect = html_of(doc);
	assert_int_equal(len, strlen(expect));
	assert_memory_equal(data, expect, len);
	free(data);

	assert_int_equal(render_html(doc, bad, &d), EXIT_SYSERR);
	assert_int_equal(d.nerrors, 1);
	assert_non_null(strstr(d.items[0].msg, "cannot write"));
	assert_int_equal(access(bad, F_OK), -1);

	free(expect);
	diag_clear(&d);
	doc_free(doc);
	unlink(path);
	rmdir(dir);
	free(dir);
	free(path);
	free(bad);
}

/*
 * The bar chart as an image file (the ODT edition's, issue 28): drawn in
 * px in one <svg>, with no nested <svg> of per cent (LibreOffice clips
 * at its edge: the last gridline's "40%" lost its right half) and no dx
 * (LibreOffice ignores it); every label, the gridline's values and the
 * longest bar's, ends inside the drawing (0.6 em a character, as the
 * writer spaces a legend).
 */
static void
test_html_chart_image_in_px(void **state)
{
	struct world		*w = *state;
	struct doc		*doc;
	const struct doc_node	*n;
	struct buf		 b;
	const char		*t, *q, *end;
	double			 dw, dh, x, right;
	int			 ntext = 0, n40 = 0;

	if (w->figs == NULL)
		skip();
	doc = world_doc(w,
	    "# Title\n\n"
	    "| Age | London study | National study |\n"
	    "| --- | --- | --- |\n"
	    "| Under 1 | 40% | 32% |\n"
	    "| 1 - 5 | 23% | 29% |\n\n"
	    "@chart Ages\n", -1);
	for (n = doc->root->first_child; n != NULL; n = n->next)
		if (n->type == DOC_CHART)
			break;
	assert_non_null(n);
	buf_init(&b);
	assert_int_equal(render_html_figure_svg(doc, n, &b, &dw, &dh), 0);
	assert_true(dw == 640);
	assert_int_equal(count(b.data, "<svg"), 1);
	assert_null(strstr(b.data, " dx="));
	assert_null(strstr(b.data, "%\" "));
	for (t = b.data; (t = strstr(t, "<text x=\"")) != NULL; t = end) {
		x = strtod(t + 9, NULL);
		q = strchr(t, '>') + 1;
		end = strstr(q, "</text>");
		assert_non_null(end);
		right = x + (double)(end - q) * 15 * 0.6 /
		    (strstr(t, "text-anchor=\"middle\"") != NULL &&
		    strstr(t, "text-anchor=\"middle\"") < q ? 2 : 1);
		assert_true(x >= 0);
		assert_true(right <= dw);
		if (end - q == 3 && memcmp(q, "40%", 3) == 0)
			n40++;
		ntext++;
	}
	/* The axis's last value and the longest bar's label. */
	assert_int_equal(n40, 2);
	assert_true(ntext >= 10);
	buf_clear(&b);
	doc_free(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_html_escapes_every_text,
		    world_setup, world_teardown),
		cmocka_unit_test_setup_teardown(test_html_structure,
		    world_setup, world_teardown),
		cmocka_unit_test_setup_teardown(test_html_of_the_paper,
		    world_setup, world_teardown),
		cmocka_unit_test_setup_teardown(
		    test_html_written_whole_or_not_at_all, world_setup,
		    world_teardown),
		cmocka_unit_test_setup_teardown(test_html_chart_image_in_px,
		    world_setup, world_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
