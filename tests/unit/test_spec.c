/*
 * test_spec.c: the template's behaviour as examples, in the manner of
 * cmark's spec: every tests/spec/NAME.spec file holds examples, each a
 * template snippet and what filling it must give, run here in-process
 * (one cohort load, one figure set, no subprocess).
 *
 * An example (see tests/spec/README):
 *
 *   ### example: A title saying what it shows
 *   . cohort tests/data/variants      optional: the cohort (this default)
 *   . lscb Northbury                  optional: that board's paper
 *   <template lines>
 *   . tree                            the --dump doc tree, meta lines left
 *   <expected tree>                     out (may be omitted with . diag)
 *   . diag                            optional: the diagnostics, the
 *   <expected messages>                 snippet's file named "spec.tmpl"
 *   . end
 *
 * A failing example is named by its file, line and title, with the tree
 * or messages it gave.  SPEC_ONLY=NAME runs the files whose name holds
 * NAME; SPEC_UPDATE=1 rewrites each example's . tree and . diag with
 * what it gives now (read the diff before committing it).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>
#include <cmocka.h>

#include "util.h"
#include "diag.h"
#include "case.h"
#include "fig.h"
#include "doc.h"
#include "paper.h"

struct example {
	const char	*file;
	int		 line;		/* of its "### example:" line */
	char		*title;
	char		*cohort;
	char		*lscb;		/* NULL: the regional paper */
	struct buf	 tmpl;
	struct buf	 tree;
	struct buf	 diag;
	int		 has_tree, has_diag;
};

/* One loaded cohort, kept while examples use it. */
struct world {
	char		*dir;
	struct cohort	*cohort;
	struct fig_set	*figs;
	char		*scratch;	/* a temporary folder */
	size_t		 nrun, nfail;
};

static void
world_load(struct world *w, const char *dir)
{
	struct diag	 d;
	FILE		*null;

	if (w->dir != NULL && strcmp(w->dir, dir) == 0)
		return;
	fig_set_free(w->figs);
	cohort_free(w->cohort);
	free(w->dir);
	w->dir = xstrdup(dir);
	null = fopen("/dev/null", "w");
	diag_init(&d, null);
	w->cohort = case_load_dir(dir, NULL, &d);
	assert_non_null(w->cohort);
	w->figs = fig_load("templates/figures.yaml", w->cohort, &d);
	assert_non_null(w->figs);
	assert_int_equal(d.nerrors, 0);
	diag_clear(&d);
	fclose(null);
}

/* Replaces every occurrence of from in s with to; returns a new string. */
static char *
replace_all(const char *s, const char *from, const char *to)
{
	struct buf	 b;
	const char	*p;
	size_t		 n = strlen(from);

	buf_init(&b);
	while ((p = strstr(s, from)) != NULL) {
		buf_putn(&b, s, (size_t)(p - s));
		buf_puts(&b, to);
		s = p + n;
	}
	buf_puts(&b, s);
	return buf_take(&b);
}

/* Drops the "meta ..." lines of a dump. */
static char *
drop_meta(const char *s)
{
	struct buf	 b;
	const char	*e;

	buf_init(&b);
	for (; *s != '\0'; s = *e ? e + 1 : e) {
		if ((e = strchr(s, '\n')) == NULL)
			e = s + strlen(s);
		if (strncmp(s, "meta ", 5) == 0)
			continue;
		buf_putn(&b, s, (size_t)(e - s));
		buf_puts(&b, "\n");
	}
	return buf_take(&b);
}

static int
board_index(const struct cohort *c, const char *name)
{
	size_t	 i;

	for (i = 0; i < c->report.nlscbs; i++)
		if (strcmp(c->report.lscbs[i], name) == 0)
			return (int)i;
	fail_msg("no board %s in the cohort", name);
	return -1;
}

static void
run_example(struct world *w, struct example *x, struct buf *update)
{
	struct paper	*p;
	struct diag	 d;
	struct doc	*doc = NULL;
	char		*path, *mbuf = NULL, *dbuf = NULL, *tree = NULL,
			*msgs = NULL, *t;
	size_t		 msz = 0, dsz = 0;
	FILE		*mf, *df;
	int		 ok = 1, rc;

	world_load(w, x->cohort != NULL ? x->cohort : "tests/data/variants");
	path = xasprintf("%s/spec.tmpl", w->scratch);
	mf = fopen(path, "w");
	assert_non_null(mf);
	fwrite(x->tmpl.data, 1, x->tmpl.len, mf);
	assert_int_equal(fclose(mf), 0);

	mf = open_memstream(&mbuf, &msz);
	diag_init(&d, mf);
	p = paper_new(w->cohort, w->figs);
	rc = paper_template(p, path, &d);
	if (rc == 0)
		rc = paper_build(p, x->lscb != NULL ?
		    board_index(w->cohort, x->lscb) : -1, &doc, &d);
	fclose(mf);
	df = open_memstream(&dbuf, &dsz);
	if (doc != NULL)
		doc_dump(df, doc);
	fclose(df);
	tree = drop_meta(dbuf);
	t = replace_all(mbuf, path, "spec.tmpl");
	msgs = t;

	if (x->has_tree && strcmp(tree, x->tree.data != NULL ?
	    x->tree.data : "") != 0)
		ok = 0;
	if ((x->has_diag && strcmp(msgs, x->diag.data != NULL ?
	    x->diag.data : "") != 0) || (!x->has_diag && *msgs != '\0'))
		ok = 0;
	w->nrun++;
	if (update != NULL) {
		if (*tree != '\0' || *msgs == '\0') {
			buf_puts(update, ". tree\n");
			buf_puts(update, tree);
		}
		if (*msgs != '\0') {
			buf_puts(update, ". diag\n");
			buf_puts(update, msgs);
		}
		buf_puts(update, ". end\n");
	} else if (!ok) {
		w->nfail++;
		print_error("%s:%d: example \"%s\" failed\n--- tree:\n%s"
		    "--- diag:\n%s--- expected tree:\n%s--- expected diag:"
		    "\n%s", x->file, x->line, x->title, tree, msgs,
		    x->tree.data != NULL ? x->tree.data : "",
		    x->diag.data != NULL ? x->diag.data : "");
	}
	doc_free(doc);
	paper_free(p);
	diag_clear(&d);
	unlink(path);
	free(path);
	free(mbuf);
	free(dbuf);
	free(tree);
	free(msgs);
}

static void
example_clear(struct example *x)
{
	free(x->title);
	free(x->cohort);
	free(x->lscb);
	buf_clear(&x->tmpl);
	buf_clear(&x->tree);
	buf_clear(&x->diag);
	memset(x, 0, sizeof(*x));
}

/* Runs every example of one spec file; returns how many it held. */
static size_t
run_file(struct world *w, const char *file)
{
	struct example	 x;
	FILE		*f;
	char		*line = NULL;
	size_t		 cap = 0, n = 0;
	ssize_t		 len;
	int		 lineno = 0, in = 0, head = 0;
	struct buf	*into = NULL, up, *update = NULL;
	const char	*u = getenv("SPEC_UPDATE");

	if (u != NULL && strcmp(u, "1") == 0) {
		buf_init(&up);
		update = &up;
	}

	f = fopen(file, "r");
	assert_non_null(f);
	memset(&x, 0, sizeof(x));
	while ((len = getline(&line, &cap, f)) != -1) {
		lineno++;
		if (strncmp(line, "### example: ", 13) == 0) {
			if (in)
				fail_msg("%s:%d: example without . end", file,
				    lineno);
			in = 1;
			x.file = file;
			x.line = lineno;
			line[len - 1] = '\0';
			x.title = xstrdup(line + 13);
			buf_init(&x.tmpl);
			buf_init(&x.tree);
			buf_init(&x.diag);
			into = &x.tmpl;
			head = 1;
			if (update != NULL)
				buf_printf(update, "%s\n", line);
			continue;
		}
		if (!in || head) {
			/* Prose between examples, and an example's
			 * lines up to what it expects, kept by an
			 * update. */
			if (update != NULL && (!in || (strcmp(line,
			    ". tree\n") != 0 && strcmp(line, ". diag\n") != 0 &&
			    strcmp(line, ". end\n") != 0)))
				buf_putn(update, line, (size_t)len);
			if (!in)
				continue;
		}
		if (strncmp(line, ". ", 2) == 0) {
			line[len - 1] = '\0';
			if (strncmp(line, ". cohort ", 9) == 0)
				x.cohort = xstrdup(line + 9);
			else if (strncmp(line, ". lscb ", 7) == 0)
				x.lscb = xstrdup(line + 7);
			else if (strcmp(line, ". tree") == 0) {
				head = 0;
				x.has_tree = 1;
				into = &x.tree;
			} else if (strcmp(line, ". diag") == 0) {
				head = 0;
				x.has_diag = 1;
				into = &x.diag;
			} else if (strcmp(line, ". end") == 0) {
				if (!x.has_tree && !x.has_diag)
					fail_msg("%s:%d: example with no . tree "
					    "or . diag", file, lineno);
				run_example(w, &x, update);
				example_clear(&x);
				in = 0;
				n++;
			} else
				fail_msg("%s:%d: unknown line \"%s\"", file,
				    lineno, line);
			continue;
		}
		buf_putn(into, line, (size_t)len);
	}
	if (in)
		fail_msg("%s: the last example has no . end", file);
	free(line);
	fclose(f);
	if (update != NULL) {
		f = fopen(file, "w");
		assert_non_null(f);
		fputs(update->data, f);
		assert_int_equal(fclose(f), 0);
		buf_clear(update);
	}
	return n;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
test_spec_every_example(void **state)
{
	struct world	 w;
	DIR		*dir;
	struct dirent	*e;
	char		**names = NULL, *only = getenv("SPEC_ONLY");
	size_t		 n = 0, i, nex, nfiles = 0;
	const char	*tmpdir = getenv("TMPDIR");

	(void)state;
	if ((dir = opendir("tests/spec")) == NULL)
		skip();		/* not in the project root */
	while ((e = readdir(dir)) != NULL) {
		size_t	 l = strlen(e->d_name);

		if (l > 5 && strcmp(e->d_name + l - 5, ".spec") == 0 &&
		    (only == NULL || strstr(e->d_name, only) != NULL)) {
			names = xreallocarray(names, n + 1, sizeof(*names));
			names[n++] = xasprintf("tests/spec/%s", e->d_name);
		}
	}
	closedir(dir);
	qsort(names, n, sizeof(*names), name_cmp);
	memset(&w, 0, sizeof(w));
	w.scratch = xasprintf("%s/scrpaper-spec-XXXXXX", tmpdir != NULL &&
	    *tmpdir != '\0' ? tmpdir : "/tmp");
	assert_non_null(mkdtemp(w.scratch));
	for (i = 0; i < n; i++) {
		nex = run_file(&w, names[i]);
		if (nex == 0)
			fail_msg("%s holds no example", names[i]);
		nfiles++;
		free(names[i]);
	}
	free(names);
	rmdir(w.scratch);
	free(w.scratch);
	fig_set_free(w.figs);
	cohort_free(w.cohort);
	free(w.dir);
	print_message("%zu examples in %zu spec files, %zu failed\n", w.nrun,
	    nfiles, w.nfail);
	assert_true(only != NULL || w.nrun >= 20);
	assert_int_equal(w.nfail, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec_every_example),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
