/*
 * testworld.h: the fixture of the unit tests that fill templates against
 * the shipped input (test_one_home.c, test_render_html.c,
 * test_render_odt.c): input/'s cohort, templates/figures.yaml's figures
 * and the paper's ledgers, loaded once per group by world_setup(), and
 * world_doc() to parse and fill a template snippet against them.
 * Included after cmocka.h, the pipeline's headers and testutil.h; each
 * function is static, so a test binary carries only what it uses.  The
 * tests skip (w->figs is NULL) when not run from the project root.
 */
#ifndef SCR_TESTWORLD_H
#define SCR_TESTWORLD_H

#include <string.h>
#include <unistd.h>

struct world {
	struct cohort	*cohort;	/* input/ */
	struct fig_set	*figs;		/* templates/figures.yaml */
	struct paper	*paper;		/* the region's and boards' ledgers */
};

/* cmocka group set-up: a new world in *state (free with
 * world_teardown()), empty when input/ is not readable.  Returns 0. */
static int
world_setup(void **state)
{
	struct world	*w;
	struct diag	 d;

	w = xcalloc(1, sizeof(*w));
	*state = w;
	if (access("input/report.yaml", R_OK) != 0)
		return 0;	/* not in the project root: tests skip */
	diag_init(&d, stderr);
	w->cohort = case_load_dir("input", NULL, &d);
	if (w->cohort != NULL)
		w->figs = fig_load("templates/figures.yaml", w->cohort, &d);
	if (w->figs != NULL)
		w->paper = paper_new(w->cohort, w->figs);
	diag_clear(&d);
	return 0;
}

/* cmocka group tear-down: frees the world of *state.  Returns 0. */
static int
world_teardown(void **state)
{
	struct world	*w = *state;

	paper_free(w->paper);
	fig_set_free(w->figs);
	cohort_free(w->cohort);
	free(w);
	return 0;
}

/* Parses and fills src for board lscb (-1: the region), the test failing
 * on any diagnostic (dumped); returns the document (free with
 * doc_free()). */
static struct doc *
world_doc(struct world *w, const char *src, int lscb)
{
	struct diag		 d;
	struct doc		*doc;
	struct doc_env		 env;

	diag_init(&d, NULL);
	doc = tmpl_parse_buf("t.tmpl", src, strlen(src), &d);
	if (doc == NULL)
		dump_diags(&d, "parse");
	assert_non_null(doc);
	memset(&env, 0, sizeof(env));
	env.cohort = w->cohort;
	env.ledgers[DOC_LEDGER_SELECTION] = paper_ledger(w->paper, lscb);
	env.ledgers[DOC_LEDGER_REGION] = paper_ledger(w->paper, -1);
	env.lscb = lscb;
	if (!doc_fill(doc, &env, &d))
		dump_diags(&d, "fill");
	assert_true(d.nerrors == 0);
	diag_clear(&d);
	return doc;
}

/* Returns the HTML of doc (free with free()).  Inline, so that a test
 * that does not use it (test_render_odt.c) is not warned of it. */
static inline char *
html_of(const struct doc *doc)
{
	struct buf	 b;

	buf_init(&b);
	render_html_buf(doc, &b);
	return buf_take(&b);
}

#endif
