/*
 * cli_render.c: scrpaper render.  One paper through its back end (or its
 * dump), or every board's paper into a folder, shared among worker
 * processes, each paper written whole or not at all, with a report of
 * what is on disk when a run fails.
 */
#define _DEFAULT_SOURCE		/* MAP_ANONYMOUS */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"
#include "diag.h"
#include "case.h"
#include "fig.h"
#include "doc.h"
#include "paper.h"
#include "render.h"
#include "cli.h"
#include "year.h"

/*
 * Writes the dump of doc that dump_write names to path in one piece, mode
 * 0600 for a restricted paper.  Returns an exit status.
 */
static int
dump_write(const struct doc *doc, const char *fonts_dir, const char *path,
    struct diag *d, int layout)
{
	char *data = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&data, &len);
	int rc = 0;

	if (f == NULL) {
		diag_error(d, path, 0, 0, "cannot write: %s", strerror(errno));
		return EXIT_SYSERR;
	}
	if (layout)
		rc = render_layout_dump(doc, fonts_dir, f, d);
	else
		doc_dump(f, doc);
	if (fclose(f) != 0 && rc == 0) {
		diag_error(d, path, 0, 0, "cannot write: %s", strerror(errno));
		rc = EXIT_SYSERR;
	}
	if (rc == 0 && file_write_atomic_mode(path, data, len,
	    doc->meta.restricted ? 0600 : 0666) != 0) {
		diag_error(d, path, 0, 0, "cannot write: %s", strerror(errno));
		rc = EXIT_SYSERR;
	}
	free(data);
	return rc;
}

static int
dump_doc_write(const struct doc *doc, const char *fonts_dir,
    const char *path, struct diag *d)
{
	return dump_write(doc, fonts_dir, path, d, 0);
}

static int
dump_layout_write(const struct doc *doc, const char *fonts_dir,
    const char *path, struct diag *d)
{
	return dump_write(doc, fonts_dir, path, d, 1);
}

/* render --all-lscbs --dump doc|layout -o DIR: every board's dump as
 * DIR/SLUG.tree or SLUG.layout, from one solve (for tests).  Not formats
 * of --format, so not rows of render_backends[]. */
static const struct render_backend dump_backends[] = {
	{ "doc", { "tree", NULL }, dump_doc_write },
	{ "layout", { "layout", NULL }, dump_layout_write },
};

/*
 * The filled papers of render --all-lscbs kept from their check until
 * they are written, at most RENDER_KEEP_NODES document nodes in all (the
 * 33 papers of the shipped template hold some 50 000); past it each is
 * filled again where it is written (issue 13.14: 33 fills of a 16 MiB
 * template held some 4 GB).
 */
#define RENDER_KEEP_NODES	200000

/* Returns the number of nodes of doc. */
static size_t
render_doc_nodes(const struct doc *doc)
{
	const struct doc_node *n = doc->root;
	size_t k = 0;

	while (n != NULL) {
		k++;
		if (n->first_child != NULL) {
			n = n->first_child;
			continue;
		}
		while (n != NULL && n->next == NULL)
			n = n->parent;
		if (n != NULL)
			n = n->next;
	}
	return k;
}

/*
 * Renders the filled papers docs[first], docs[first + step], ... of the
 * boards into the folder dir as SLUG.EXT in the format be, stopping
 * at the first failure; a paper not kept (NULL) is filled
 * again from pp, quietly (its problems were reported when it was
 * checked).
 * Papers already written are complete (each is renamed into place only
 * when whole) and marked in written[i].  Returns an exit status.
 */
static int
render_share(struct paper *pp, struct doc *const *docs,
    const struct report *r, const struct render_backend *be,
    const char *fonts_dir, const char *dir, size_t first, size_t step,
    volatile long *current, volatile char *written, struct diag *d)
{
	size_t i;
	int rc = 0;

	for (i = first; i < r->nlscbs && rc == 0; i += step) {
		char *slug = str_slug(r->lscbs[i]);
		char *path = xasprintf("%s/%s.%s", dir, slug, be->ext[0]);
		struct doc *doc = docs[i];

		if (current != NULL)
			*current = (long)i;
		if (doc == NULL) {
			struct diag quiet;

			diag_init(&quiet, NULL);
			if (paper_build(pp, (int)i, &doc, &quiet) != 0) {
				fprintf(stderr, "scrpaper: %s: cannot fill "
				    "the paper again\n", r->lscbs[i]);
				rc = EXIT_SYSERR;
			}
			diag_clear(&quiet);
		}
		if (rc == 0 &&
		    (rc = be->write(doc, fonts_dir, path, d)) == 0)
			written[i] = 1;
		if (doc != docs[i])
			doc_free(doc);
		free(path);
		free(slug);
	}
	return rc;
}

/*
 * Refuses, before anything is typeset, a board's paper whose path in
 * dir holds something other than a regular file (a pipe, a device, a
 * folder, a link).  Returns 0, or EXIT_USAGE after a message for each.
 */
static int
check_targets(const struct report *r, const char *dir,
    const struct render_backend *be)
{
	const char *why;
	size_t i;
	int rc = 0;

	for (i = 0; i < r->nlscbs; i++) {
		char *slug = str_slug(r->lscbs[i]);
		char *path = xasprintf("%s/%s.%s", dir, slug, be->ext[0]);

		if ((why = file_target_refusal(path)) != NULL) {
			fprintf(stderr, "scrpaper: %s: %s, not a regular "
			    "file; refusing to replace it\n", path, why);
			rc = EXIT_USAGE;
		}
		free(path);
		free(slug);
	}
	return rc;
}

/*
 * In a worker just forked by parent: die with the parent (SIGTERM, which
 * the guard turns into removing the temporary file), so that no worker
 * goes on writing after the command has ended, even when the parent was
 * killed with SIGKILL.  The parent may already be gone by now.
 */
static void
worker_bind(pid_t parent)
{
	(void)prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		_exit(EXIT_SYSERR);
}

/*
 * Reports a worker that did not end normally: the board it was
 * typesetting (or NULL when none yet) and the signal.  Returns the exit
 * status to count for it.
 */
static int
worker_status(int status, const char *board)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status)) {
		fprintf(stderr, "scrpaper: the worker typesetting %s%s%s "
		    "died of signal %d (%s)\n", board ? "the paper of '" :
		    "no paper yet", board ? board : "", board ? "'" : "",
		    WTERMSIG(status), strsignal(WTERMSIG(status)));
	} else
		fprintf(stderr, "scrpaper: a worker ended abnormally\n");
	return EXIT_SYSERR;
}

/*
 * After a failed render --all-lscbs, says exactly what is on disk (issue
 * 31.4, 32.7): which boards' papers this run wrote (each whole) and
 * which it did not, so that any file of theirs in dir is from an earlier
 * run, under other input or settings.
 */
static void
report_partial(const struct report *r, const char *dir,
    const struct render_backend *be, const volatile char *written)
{
	size_t i, n = 0;

	for (i = 0; i < r->nlscbs; i++)
		n += written[i] != 0;
	fprintf(stderr, "scrpaper: %s: render --all-lscbs failed: %zu of %zu "
	    "papers written; a paper not written keeps any file of an "
	    "earlier run, stale: do not publish the folder\n", dir, n,
	    r->nlscbs);
	for (i = 0; i < r->nlscbs; i++) {
		char *slug = str_slug(r->lscbs[i]);

		fprintf(stderr, "scrpaper: %s/%s.%s: %s\n", dir, slug,
		    be->ext[0], written[i] ? "written" :
		    "NOT written (any file there is stale)");
		free(slug);
	}
}

/*
 * Typesets the filled papers docs[] of the boards into dir in jobs
 * worker processes, worker w taking papers w, w + jobs, ...; marks each
 * written in written[].  Returns the worst exit status of the workers.
 */
static int
render_workers(struct paper *pp, struct doc *const *docs,
    const struct report *r, const struct render_backend *be,
    const char *fonts_dir, const char *dir, size_t jobs,
    volatile char *written, struct diag *d)
{
	int pids[TMP_GUARD_MAX_CHILDREN], status, rc = 0, wrc;
	volatile long *current = NULL;
	size_t w, n = 0;
	pid_t self = getpid();
	void *shared;

	/* Where each worker is (a board index, -1 before its first), so a
	 * worker that dies can be named by its board. */
	shared = mmap(NULL, sizeof(long) * TMP_GUARD_MAX_CHILDREN,
	    PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shared != MAP_FAILED) {
		current = shared;
		for (w = 0; w < TMP_GUARD_MAX_CHILDREN; w++)
			current[w] = -1;
	}

	fflush(stdout);
	fflush(stderr);
	/* A stopping signal waits until each worker is known to the guard,
	 * which passes it on to them all. */
	tmp_guard_hold();
	for (w = 0; w < jobs; w++) {
		pid_t pid = fork();

		if (pid == -1) {
			fprintf(stderr, "scrpaper: cannot start a worker: "
			    "%s\n", strerror(errno));
			rc = EXIT_SYSERR;
			break;
		}
		if (pid == 0) {
			worker_bind(self);
			tmp_guard_children(NULL, 0);
			tmp_guard_release();
			wrc = render_share(pp, docs, r, be, fonts_dir, dir, w,
			    jobs, current ? current + w : NULL, written,
			    d);
			fflush(stderr);
			_exit(wrc);
		}
		pids[n++] = (int)pid;
		tmp_guard_children(pids, n);
	}
	tmp_guard_release();
	for (w = 0; w < n; w++) {
		if (tmp_guard_wait(pids[w], &status) == -1) {
			fprintf(stderr, "scrpaper: cannot wait for a worker: "
			    "%s\n", strerror(errno));
			wrc = EXIT_SYSERR;
		} else
			wrc = worker_status(status, current == NULL ||
			    current[w] < 0 ? NULL : r->lscbs[current[w]]);
		if (wrc > rc)
			rc = wrc;
	}
	tmp_guard_children(NULL, 0);
	if (current != NULL)
		munmap(shared, sizeof(long) * TMP_GUARD_MAX_CHILDREN);
	return rc;
}

/*
 * Renders every board's variant into dir, shared among jobs worker
 * processes (each sets up its fonts once, then typesets its boards).
 * Every board's paper is filled once, before any is written, so that a
 * broken template is reported once and nothing is written.  Workers are
 * forked before any font or pango set-up, so no thread state crosses a
 * fork.  Returns the worst exit status of the workers; *typeset is set
 * once typesetting began (a failure then says what was written).
 */
static int
render_all(struct paper *pp, const struct report *r,
    const struct render_backend *be, const char *fonts_dir, const char *dir,
    long jobs, int *typeset, struct diag *d)
{
	struct doc **docs;
	int rc = 0;
	volatile char *written;
	size_t i, kept;
	void *marks;

	if (r->nlscbs == 0)
		return 0;
	/* Which papers are written, seen by the parent across the workers
	 * (issue 31.4). */
	marks = mmap(NULL, r->nlscbs, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (marks == MAP_FAILED) {
		fprintf(stderr, "scrpaper: cannot map memory: %s\n",
		    strerror(errno));
		return EXIT_SYSERR;
	}
	written = marks;
	docs = xcalloc(r->nlscbs, sizeof(*docs));
	for (i = 0, kept = 0; i < r->nlscbs && rc == 0; i++) {
		rc = paper_build(pp, (int)i, &docs[i], d);
		if (docs[i] != NULL &&
		    (kept += render_doc_nodes(docs[i])) > RENDER_KEEP_NODES) {
			doc_free(docs[i]);	/* filled again when written */
			docs[i] = NULL;
		}
	}
	if (rc != 0 || (rc = check_targets(r, dir, be)) != 0)
		goto out;
	*typeset = 1;
	if (jobs > (long)r->nlscbs)
		jobs = (long)r->nlscbs;
	if (jobs > TMP_GUARD_MAX_CHILDREN)
		jobs = TMP_GUARD_MAX_CHILDREN;
	if (jobs <= 1) {
		rc = render_share(pp, docs, r, be, fonts_dir, dir, 0, 1, NULL,
		    written, d);
		goto out;
	}
	rc = render_workers(pp, docs, r, be, fonts_dir, dir, (size_t)jobs,
	    written, d);
out:
	if (rc != 0 && *typeset)
		report_partial(r, dir, be, written);
	munmap(marks, r->nlscbs);
	for (i = 0; i < r->nlscbs; i++)
		doc_free(docs[i]);
	free(docs);
	return rc;
}


/* scrpaper render on the loaded input (lscb: --lscb's board, or -1);
 * nogrid when the region's tile map is missing.  *typeset is set once
 * every board's papers began to be written.  Returns an exit status. */
int
cli_render(const struct opts *o, struct paper *pp, const struct cohort *c,
    int lscb, int nogrid, int *typeset, struct diag *d)
{
	struct doc	*doc = NULL;
	int		 rc;

	cli_warn_defaults(c, d);
	(void)cli_warn_left_out(c, d);
	year_warn(c, o->input, o->template_path, nogrid, d);
	if (o->restricted && (rc = cli_restricted_prepare(o)) != 0)
		return rc;
	if (o->all_lscbs && cli_make_dirs(o->out, o->restricted ? 0700 :
	    0777) == -1) {
		fprintf(stderr, "scrpaper: %s: cannot create the "
		    "folder: %s\n", o->out, strerror(errno));
		return EXIT_SYSERR;
	}
	if (o->all_lscbs)
		return render_all(pp, &c->report, o->dump == NULL ?
		    o->backend : &dump_backends[strcmp(o->dump, "doc") != 0],
		    o->fonts_dir, o->out, o->jobs ? atol(o->jobs) :
		    sysconf(_SC_NPROCESSORS_ONLN), typeset, d);
	if ((rc = paper_build(pp, lscb, &doc, d)) != 0)
		return rc;
	if (o->dump == NULL)
		rc = o->backend->write(doc, o->fonts_dir, o->out, d);
	else if (strcmp(o->dump, "doc") == 0)
		doc_dump(stdout, doc);
	else
		rc = render_layout_dump(doc, o->fonts_dir, stdout, d);
	doc_free(doc);
	return rc;
}
