/*
 * test_render_backend.c: tests of the table of output formats
 * (pipeline/render/render_backend.c): PDF is the first row and the default, a
 * format is found by its name or by a file's extension exactly as render
 * chose between PDF and HTML before the table (case matters, only the
 * last component's extension counts), no two rows share a name or an
 * extension, the names list reads "pdf, html or odt", and each row's writer
 * writes the same bytes as its back end.  The writer test skips when not
 * run from the project root.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "util.h"
#include "diag.h"
#include "case.h"
#include "fig.h"
#include "doc.h"
#include "paper.h"
#include "render.h"
#include "testutil.h"

static void
test_backend_rows(void **state)
{
	size_t i, j, k, l;

	(void)state;
	assert_true(render_nbackends >= 2);
	assert_string_equal(render_backends[0].name, "pdf");
	assert_string_equal(render_backends[0].ext[0], "pdf");
	assert_ptr_equal(render_backends[0].write, render_pdf);
	for (i = 0; i < render_nbackends; i++) {
		assert_non_null(render_backends[i].name);
		assert_non_null(render_backends[i].ext[0]);
		assert_non_null(render_backends[i].write);
		for (j = i + 1; j < render_nbackends; j++) {
			assert_string_not_equal(render_backends[i].name,
			    render_backends[j].name);
			for (k = 0; k < RENDER_BACKEND_EXTS; k++)
				for (l = 0; l < RENDER_BACKEND_EXTS; l++)
					if (render_backends[i].ext[k] &&
					    render_backends[j].ext[l])
						assert_string_not_equal(
						    render_backends[i].ext[k],
						    render_backends[j].ext[l]);
		}
	}
}

static void
test_backend_by_name(void **state)
{
	(void)state;
	assert_ptr_equal(render_backend_named("pdf"), &render_backends[0]);
	assert_non_null(render_backend_named("html"));
	assert_string_equal(render_backend_named("html")->name, "html");
	assert_string_equal(render_backend_named("html")->ext[0], "html");
	assert_null(render_backend_named("HTML"));
	assert_null(render_backend_named("htm"));
	assert_string_equal(render_backend_named("odt")->ext[0], "odt");
	assert_null(render_backend_named("ODT"));
	assert_null(render_backend_named(""));
}

static void
test_backend_by_path(void **state)
{
	const struct render_backend *html = render_backend_named("html");

	(void)state;
	assert_ptr_equal(render_backend_for_path("a.pdf"), &render_backends[0]);
	assert_ptr_equal(render_backend_for_path("out/a.html"), html);
	assert_ptr_equal(render_backend_for_path("a.htm"), html);
	assert_ptr_equal(render_backend_for_path("a.tar.html"), html);
	/* None: the caller keeps PDF, as render did before the table. */
	assert_null(render_backend_for_path("a.HTML"));
	assert_null(render_backend_for_path("a.html.bak"));
	assert_null(render_backend_for_path("x.html/paper"));
	assert_null(render_backend_for_path("paper"));
	assert_null(render_backend_for_path("a."));
	assert_ptr_equal(render_backend_for_path("a.odt"),
	    render_backend_named("odt"));
	assert_null(render_backend_for_path("a.odt.bak"));
}

static void
test_backend_names(void **state)
{
	char *names = render_backend_names();

	(void)state;
	assert_string_equal(names, "pdf, html or odt");
	free(names);
}

/* The HTML row writes, to a file, the bytes of render_html_buf(). */
static void
test_backend_html_writes_the_page(void **state)
{
	struct cohort	*c;
	struct fig_set	*figs;
	struct paper	*pp;
	struct doc	*doc = NULL;
	struct diag	 d;
	struct buf	 want;
	char		 path[] = "/tmp/scr-backend-XXXXXX";
	char		*got, *file;
	size_t		 n;
	int		 fd;

	(void)state;
	if (access("input/report.yaml", R_OK) != 0)
		skip();
	diag_init(&d, NULL);
	c = case_load_dir("input", NULL, &d);
	assert_non_null(c);
	figs = fig_load("templates/figures.yaml", c, &d);
	assert_non_null(figs);
	pp = paper_new(c, figs);
	assert_int_equal(paper_template(pp, "templates/background-paper.tmpl",
	    &d), 0);
	assert_int_equal(paper_build(pp, -1, &doc, &d), 0);
	assert_non_null(doc);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	file = xasprintf("%s.html", path);
	assert_int_equal(render_backend_for_path(file)->write(doc, "fonts",
	    file, &d), 0);
	buf_init(&want);
	render_html_buf(doc, &want);
	assert_int_equal(file_read_all(file, 1 << 24, &got, &n), 0);
	assert_int_equal(n, want.len);
	assert_memory_equal(got, want.data, n);
	free(got);
	buf_clear(&want);
	unlink(file);
	unlink(path);
	free(file);
	doc_free(doc);
	paper_free(pp);
	fig_set_free(figs);
	cohort_free(c);
	diag_clear(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_backend_rows),
		cmocka_unit_test(test_backend_by_name),
		cmocka_unit_test(test_backend_by_path),
		cmocka_unit_test(test_backend_names),
		cmocka_unit_test(test_backend_html_writes_the_page),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
