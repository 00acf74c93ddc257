/*
 * test_pdf_post.c: the post-pass (pipeline/post/pdf_post.c) on the PDFs cairo
 * really writes for the regional paper and several board papers, against
 * the qpdf-based post-pass it replaced (tests/unit/post_qpdf.c): the same
 * structure tree (types, /Scope, /Alt, artifacts, the parent tree; each
 * Note after the element that cites it, each Caption inside its Table or
 * Figure: pdf_struct.py --check), Lang,
 * XMP, viewer preferences and Info (tests/unit/pdf_struct.py), the same
 * pdftotext text, `qpdf --check` clean, identical bytes from identical
 * input and a size within 10 % of the qpdf result, with cairo's content
 * streams unfiltered (as pdf_post.c has cairo write them) and deflated.
 * Then cairo output it does not know is refused with a message, never
 * guessed at.
 *
 * cairo's PDF is caught on its way into the post-pass: this binary is
 * linked with -Wl,--wrap=pdf_post_buffer (see the Makefile), so
 * render_pdf.c's call lands in __wrap_pdf_post_buffer() below.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <cmocka.h>

#include "util.h"
#include "diag.h"
#include "case.h"
#include "fig.h"
#include "doc.h"
#include "paper.h"
#include "render.h"
#include "pdf_post.h"
#include "testutil.h"

int	__real_pdf_post_buffer(const unsigned char *, size_t,
	    const struct pdf_post *, unsigned char **, size_t *, char **);
int	__wrap_pdf_post_buffer(const unsigned char *, size_t,
	    const struct pdf_post *, unsigned char **, size_t *, char **);
int	post_qpdf_buffer(const unsigned char *, size_t,
	    const struct pdf_post *, unsigned char **, size_t *, char **);

/* What the last render handed to the post-pass. */
static struct {
	unsigned char	*raw;		/* cairo's PDF */
	size_t		 rawlen;
	unsigned char	*ref;		/* the qpdf post-pass's result */
	size_t		 reflen;
	unsigned char	*again;		/* a second run of the new pass */
	size_t		 againlen;
} cap;

static void
cap_clear(void)
{
	free(cap.raw);
	free(cap.ref);
	free(cap.again);
	memset(&cap, 0, sizeof(cap));
}

int
__wrap_pdf_post_buffer(const unsigned char *in, size_t inlen,
    const struct pdf_post *pp, unsigned char **out, size_t *outlen,
    char **err)
{
	char	*e = NULL;

	cap_clear();
	cap.raw = xmalloc(inlen);
	memcpy(cap.raw, in, inlen);
	cap.rawlen = inlen;
	if (!post_qpdf_buffer(in, inlen, pp, &cap.ref, &cap.reflen, &e)) {
		fprintf(stderr, "qpdf post-pass: %s\n", e);
		free(e);
	}
	if (!__real_pdf_post_buffer(in, inlen, pp, &cap.again,
	    &cap.againlen, &e)) {
		fprintf(stderr, "post-pass: %s\n", e);
		free(e);
	}
	return __real_pdf_post_buffer(in, inlen, pp, out, outlen, err);
}

struct world {
	struct cohort	*cohort;
	struct fig_set	*figs;
	char		*dir;		/* a temporary folder */
	/* the last board paper's cairo output and post-pass arguments */
	unsigned char	*raw;
	size_t		 rawlen;
};

static int
world_setup(void **state)
{
	struct world	*w;
	struct diag	 d;
	const char	*tmpdir = getenv("TMPDIR");

	w = xcalloc(1, sizeof(*w));
	*state = w;
	w->dir = xasprintf("%s/scrpaper-post-XXXXXX", tmpdir != NULL &&
	    *tmpdir != '\0' ? tmpdir : "/tmp");
	if (mkdtemp(w->dir) == NULL) {
		free(w->dir);
		w->dir = NULL;
		return -1;
	}
	if (access("fonts/OpenSans-Regular.ttf", R_OK) != 0 ||
	    access("input/report.yaml", R_OK) != 0)
		return 0;	/* not in the project root: tests skip */
	diag_init(&d, stderr);
	w->cohort = case_load_dir("input", NULL, &d);
	if (w->cohort != NULL)
		w->figs = fig_load("templates/figures.yaml", w->cohort, &d);
	if (w->figs == NULL)
		dump_diags(&d, "cannot load input/");
	diag_clear(&d);
	return 0;
}

static int
world_teardown(void **state)
{
	struct world	*w = *state;
	char		*cmd;

	if (w->dir != NULL) {
		cmd = xasprintf("rm -rf '%s'", w->dir);
		(void)system(cmd);
		free(cmd);
	}
	free(w->dir);
	free(w->raw);
	fig_set_free(w->figs);
	cohort_free(w->cohort);
	free(w);
	cap_clear();
	return 0;
}

/* Returns the output of the shell command (a new string); *status is
 * set to its exit status. */
static char *
run(const char *cmd, int *status)
{
	char	*s = NULL;
	size_t	 len = 0;
	FILE	*p, *f;
	int	 c, st;

	p = popen(cmd, "r");
	assert_non_null(p);
	f = open_memstream(&s, &len);
	while ((c = getc(p)) != EOF)
		putc(c, f);
	st = pclose(p);
	fclose(f);
	if (status != NULL)
		*status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	return s;
}

static void
write_file(const char *path, const unsigned char *data, size_t len)
{
	FILE	*f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* Returns the contents of path (free with free()); *len is set. */
static unsigned char *
read_file(const char *path, size_t *len)
{
	FILE		*f = fopen(path, "rb");
	unsigned char	*data;
	long		 n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	data = xmalloc((size_t)n);
	assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return data;
}

/* Asserts that the two commands print the same text (and succeed). */
static void
same_output(const char *what, const char *cmd_new, const char *cmd_ref)
{
	char	*a, *b;
	int	 sa, sb;

	a = run(cmd_new, &sa);
	b = run(cmd_ref, &sb);
	assert_int_equal(sa, 0);
	assert_int_equal(sb, 0);
	assert_true(strlen(a) > 100);
	if (strcmp(a, b) != 0) {
		fprintf(stderr, "%s differs:\n--- qpdf post-pass\n%s\n--- "
		    "new post-pass\n%s\n", what, b, a);
		fail();
	}
	free(a);
	free(b);
}

/*
 * Renders paper lscb (-1: the regional paper) and compares the new
 * post-pass with the qpdf one on cairo's output.
 */
static void
compare_paper(struct world *w, int lscb)
{
	struct paper		*pp;
	struct doc		*doc = NULL;
	struct diag		 d;
	char			*out, *ref, *cmd, *cmd2, *s;
	int			 st;
	unsigned char		*got;
	size_t			 gotlen;

	out = xasprintf("%s/new.pdf", w->dir);
	ref = xasprintf("%s/ref.pdf", w->dir);
	diag_init(&d, stderr);
	pp = paper_new(w->cohort, w->figs);
	assert_int_equal(paper_template(pp, "templates/background-paper.tmpl",
	    &d), 0);
	assert_int_equal(paper_build(pp, lscb, &doc, &d), 0);
	assert_int_equal(render_pdf(doc, "fonts", out, &d), 0);
	doc_free(doc);
	paper_free(pp);
	diag_clear(&d);
	assert_non_null(cap.raw);
	assert_non_null(cap.ref);
	assert_non_null(cap.again);
	write_file(ref, cap.ref, cap.reflen);

	/* Identical input, identical bytes. */
	got = read_file(out, &gotlen);
	assert_int_equal(gotlen, cap.againlen);
	assert_memory_equal(got, cap.again, gotlen);
	free(got);

	/* The same structure as the qpdf pass's (one process reads both);
	 * each footnote's Note after the element that cites it, each
	 * caption inside its Table or Figure (issue 28). */
	cmd = xasprintf("python3 tests/unit/pdf_struct.py --compare '%s' "
	    "'%s' 2>&1", out, ref);
	s = run(cmd, &st);
	if (st != 0)
		fprintf(stderr, "%s\n", s);
	assert_int_equal(st, 0);
	assert_true(strncmp(s, "same structure: ", 16) == 0);
	free(s);
	free(cmd);
	cmd = xasprintf("pdftotext '%s' -", out);
	cmd2 = xasprintf("pdftotext '%s' -", ref);
	same_output("pdftotext", cmd, cmd2);
	free(cmd);
	free(cmd2);
	cmd = xasprintf("qpdf --check '%s' 2>&1", out);
	s = run(cmd, &st);
	if (st != 0)
		fprintf(stderr, "%s\n", s);
	assert_int_equal(st, 0);
	free(s);
	free(cmd);
	/* Within 10 % of the qpdf result's size. */
	assert_true(cap.againlen * 10 <= cap.reflen * 11);

	if (lscb >= 0 && getenv("CAIRO_DEBUG_PDF") == NULL) {
		free(w->raw);
		w->raw = cap.raw;
		w->rawlen = cap.rawlen;
		cap.raw = NULL;
	}
	free(out);
	free(ref);
}

static void
test_post_regional_paper_as_qpdf(void **state)
{
	struct world	*w = *state;

	if (w->figs == NULL)
		skip();
	compare_paper(w, -1);
}

/* A middle board; under make check-full the first and the last too
 * (their papers differ in pages, tables and suppression). */
static void
test_post_board_papers_as_qpdf(void **state)
{
	struct world	*w = *state;
	const char	*s;
	size_t		 n;

	if (w->figs == NULL)
		skip();
	n = w->cohort->report.nlscbs;
	assert_true(n > 2);
	/* (make check compares another board's deflated, below) */
	compare_paper(w, (int)(n / 2));
	if ((s = getenv("CHECK_FULL")) != NULL && strcmp(s, "1") == 0) {
		compare_paper(w, 0);
		compare_paper(w, (int)(n - 1));
	}
}

/*
 * pdf_post.c sets CAIRO_DEBUG_PDF before main(), so cairo leaves its
 * content streams unfiltered; without it they come deflated and the
 * pass edits them in place.  The result must not differ: on a board's
 * paper, and under make check-full on the regional paper too.
 */
static void
test_post_compressed_content_as_qpdf(void **state)
{
	struct world	*w = *state;
	const char	*s;
	char		*was;

	if (w->figs == NULL)
		skip();
	assert_non_null(was = getenv("CAIRO_DEBUG_PDF"));
	was = xstrdup(was);
	assert_int_equal(unsetenv("CAIRO_DEBUG_PDF"), 0);
	if ((s = getenv("CHECK_FULL")) != NULL && strcmp(s, "1") == 0)
		compare_paper(w, -1);
	compare_paper(w, 1);
	assert_int_equal(setenv("CAIRO_DEBUG_PDF", was, 1), 0);
	free(was);
	assert_non_null(w->raw);
}

/* Runs the post-pass on data; asserts it is refused with a message
 * saying what was not understood. */
static void
expect_refused(const unsigned char *data, size_t len, const char *why)
{
	static const char	*alt[] = { "A chart" };
	static const char	*links[] = { "Go" };
	struct pdf_post		 pp;
	unsigned char		*out = NULL;
	size_t			 outlen = 0;
	char			*err = NULL;

	memset(&pp, 0, sizeof(pp));
	pp.lang = "en-GB";
	pp.date = "2009-11-30T00:00:00";
	pp.figure_alt = alt;
	pp.nfigures = 1;
	pp.link_text = links;
	pp.nlinks = 1;
	if (__real_pdf_post_buffer(data, len, &pp, &out, &outlen, &err)) {
		fprintf(stderr, "accepted: %s\n", why);
		fail();
	}
	assert_null(out);
	assert_non_null(err);
	if (strstr(err, "unexpected form of cairo's PDF: ") != err) {
		fprintf(stderr, "%s: %s\n", why, err);
		fail();
	}
	free(err);
}

/* Returns a copy of w->raw with the first from replaced by to (of the
 * same length), or NULL when from is not there. */
static unsigned char *
raw_with(const struct world *w, const char *from, const char *to)
{
	unsigned char	*c;
	size_t		 n = strlen(from), i;

	assert_int_equal(strlen(to), n);
	for (i = 0; i + n <= w->rawlen; i++)
		if (memcmp(w->raw + i, from, n) == 0) {
			c = xmalloc(w->rawlen);
			memcpy(c, w->raw, w->rawlen);
			memcpy(c + i, to, n);
			return c;
		}
	return NULL;
}

static void
test_post_refuses_unknown_forms(void **state)
{
	static const struct {
		const char	*why, *from, *to;
	} cases[] = {
		{ "xref stream instead of a table", "\nxref\n", "\nxreg\n" },
		{ "content filter it does not know", "/FlateDecode",
		    "/LZWDecode  " },
		{ "encrypted", "   /Info", "/Encrypt" },
		{ "updated file", "   /Root", "/Prev 0 " },
		{ "object not at its offset", "1 0 obj", "2 0 obj" },
		{ "generation other than 0", "0 0 obj", "0 1 obj" },
		{ "parent tree entry inline", "/Nums [", "/Nums<<" },
		{ "unclosed dictionary", ">>\nendobj", "> \nendobj" },
		{ "no startxref", "startxref", "startxreg" },
	};
	struct world	*w = *state;
	unsigned char	*c;
	size_t		 i;

	if (w->figs == NULL)
		skip();
	if (w->raw == NULL)
		skip();
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		c = raw_with(w, cases[i].from, cases[i].to);
		if (c == NULL) {
			fprintf(stderr, "not in cairo's output: %s\n",
			    cases[i].from);
			fail();
		}
		expect_refused(c, w->rawlen, cases[i].why);
		free(c);
	}
	/* Cut anywhere, it is refused, never read past its end. */
	for (i = 0; i < w->rawlen; i += w->rawlen / 97 + 1) {
		c = xmalloc(i + 1);
		memcpy(c, w->raw, i);
		expect_refused(c, i, "truncated");
		free(c);
	}
}

/* The furniture's content must be found and rewritten: a content
 * stream whose compressed bytes are damaged is refused. */
static void
test_post_refuses_damaged_content(void **state)
{
	struct world	*w = *state;
	unsigned char	*c;
	size_t		 i;

	if (w->figs == NULL)
		skip();
	if (w->raw == NULL)
		skip();
	c = xmalloc(w->rawlen);
	memcpy(c, w->raw, w->rawlen);
	/* The first stream is page 1's content. */
	for (i = 0; i + 8 < w->rawlen; i++)
		if (memcmp(c + i, "stream\n", 7) == 0)
			break;
	assert_true(i + 40 < w->rawlen);
	memset(c + i + 7 + 2, 0xff, 16);
	expect_refused(c, w->rawlen, "damaged content");
	free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_post_regional_paper_as_qpdf),
		cmocka_unit_test(test_post_board_papers_as_qpdf),
		cmocka_unit_test(test_post_compressed_content_as_qpdf),
		cmocka_unit_test(test_post_refuses_unknown_forms),
		cmocka_unit_test(test_post_refuses_damaged_content),
	};

	return cmocka_run_group_tests(tests, world_setup, world_teardown);
}
