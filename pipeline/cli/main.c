/*
 * main.c: the scrpaper command line.  Parses options, loads the input,
 * has paper.c build the filled papers, hands them to a back end and maps
 * their results onto the documented exit statuses:
 *   0 success, 1 invalid input (every problem printed), 2 usage error,
 *   3 system error (I/O, memory, cairo).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "diag.h"
#include "case.h"
#include "fig.h"
#include "fig_data.h"
#include "fig_cache.h"
#include "doc.h"
#include "paper.h"
#include "paper_review.h"
#include "grid.h"
#include "render.h"
#include "year.h"
#include "cli.h"

#ifndef SCRPAPER_DATADIR
#define SCRPAPER_DATADIR "/usr/local/share/scrpaper"
#endif

#ifndef SCRPAPER_VERSION
#define SCRPAPER_VERSION "0.1.0"
#endif

static const char *const cmd_names[CMD__MAX] = {
	"render", "figures", "check", "data", "audit", "review"
};

static void
usage(FILE *f)
{
	fputs(
"usage: scrpaper render  [--input DIR] [--cases DIR] [--template FILE]\n"
"                        [--figures FILE] [--fonts DIR] [--lscb NAME]\n"
"                        [--format pdf|html|odt] -o FILE.pdf|.html|.odt\n"
"       scrpaper render  --edition restricted --lscb NAME | --all-lscbs\n"
"                        [options] -o PATH (in a restricted folder)\n"
"       scrpaper render  --all-lscbs [--jobs N] [--format pdf|html|odt] [opts]\n"
"                        -o DIR\n"
"       scrpaper render  --dump doc|layout [--lscb NAME] [options]\n"
"       scrpaper render  --all-lscbs --dump doc|layout [options] -o DIR\n"
"       scrpaper figures [--input DIR] [--cases DIR] [--figures FILE]\n"
"                        [--lscb NAME | --all-lscbs] [--format csv|json]\n"
"                        [--period LABEL | --all-periods [--pooled]]\n"
"       scrpaper check   [--input DIR] [--cases DIR] [--template FILE]\n"
"                        [--figures FILE] [--strict]\n"
"       scrpaper audit   [--input DIR] [--cases DIR] [--figures FILE]\n"
"                        [--published DIR | --previous OLDDIR]\n"
"                        [--pooled]\n"
"       scrpaper data    [--input DIR] [--cases DIR] [--figures FILE] -o DIR\n"
"       scrpaper new-year --input DIR -o NEWDIR [--months N] [--label L]\n"
"       scrpaper periods [--input DIR] [--cases DIR] [--format text|csv]\n"
"       scrpaper compare [--input DIR] --previous OLDDIR [--figures FILE]\n"
"       scrpaper review  [--input DIR] [--cases DIR] [--template FILE]\n"
"                        [--lscb NAME] [-o FILE]\n"
"       scrpaper --help | --version\n"
"\n"
"  render   typeset the background paper (or one board's variant) as PDF,\n"
"           or write it as one HTML page (--format html, or -o FILE.html)\n"
"           or as an editable ODF text document (--format odt, -o FILE.odt);\n"
"           --dump prints its filled document or its page layout as text\n"
"  figures  print the figure ledger\n"
"  check    validate the input and the template, lint its prose\n"
"           (--strict: lint findings are errors); write nothing\n"
"  audit    try to work back every suppressed board figure; exit 1 if any\n"
"  data     write the figures as open data (CSV, metadata, README) in DIR\n"
"  new-year write NEWDIR: INPUT with the next period (docs/annual.md)\n"
"  periods  list every case file, its completed date and its period\n"
"  compare  name what changed in the periods OLDDIR published; exit 1 if any\n"
"  review   the sign-off sheet: fixed text, wordings tests chose, changes\n"
"\n"
"Defaults: --input input, --cases INPUT/cases, --template\n"
"templates/background-paper.tmpl, --figures templates/figures.yaml,\n"
"--fonts fonts, --format csv (figures) or from -o's extension (render).\n"
"--cache DIR (render, figures, check, data, audit, review): keep each\n"
"disclosure solve in DIR and reuse it for the same input (make does).\n"
"Exit status: 0 ok, 1 invalid input,\n"
"2 usage error, 3 system error.\n", f);
}

static int
usage_error(const char *fmt, const char *arg)
{
	fputs("scrpaper: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'scrpaper --help'.\n", stderr);
	return EXIT_USAGE;
}

/* Flushes standard output.  Returns EXIT_SUCCESS, or EXIT_SYSERR after
 * a message when it could not be written (--help >/dev/full). */
static int
stdout_done(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("scrpaper: standard output");
		return EXIT_SYSERR;
	}
	return EXIT_SUCCESS;
}

/* A default data file: rel in the working folder when it is there (a
 * checkout), else the installed copy under SCRPAPER_DATADIR, kept in o
 * (freed by opts_clear()). */
static const char *
data_path(struct opts *o, const char *rel)
{
	char *p;

	if (access(rel, F_OK) == 0 ||
	    o->ninstalled == sizeof(o->installed) / sizeof(o->installed[0]))
		return rel;
	p = xasprintf("%s/%s", SCRPAPER_DATADIR, rel);
	o->installed[o->ninstalled++] = p;
	return p;
}

static void
opts_clear(struct opts *o)
{
	while (o->ninstalled > 0)
		free(o->installed[--o->ninstalled]);
}

/* Chooses render's back end (render_backends[]): --format NAME, else the
 * one of -o FILE.EXT's extension, else the first, PDF.  Returns -1 to go
 * on, or EXIT_USAGE after a message. */
static int
render_format(struct opts *o)
{
	const struct render_backend *be;

	o->backend = &render_backends[0];
	if (o->format != NULL) {
		if ((o->backend = render_backend_named(o->format)) == NULL) {
			char *names = render_backend_names();
			char *msg = xasprintf("'%s' is not %s", o->format,
			    names);
			int rc = usage_error("--format: %s", msg);

			free(msg);
			free(names);
			return rc;
		}
	} else if (o->out != NULL && !o->all_lscbs &&
	    (be = render_backend_for_path(o->out)) != NULL)
		o->backend = be;
	return -1;
}

/* Checks --edition: a restricted paper is a board's, rendered by
 * render, into a restricted folder (cli_out_marker_check(), run after).
 * Returns -1 to go on, or EXIT_USAGE after a message. */
static int
edition_check(struct opts *o)
{
	if (strcmp(o->edition, "public") == 0)
		return -1;
	if (strcmp(o->edition, "restricted") != 0)
		return usage_error("--edition: '%s' is not public or "
		    "restricted", o->edition);
	if (o->cmd != CMD_RENDER)
		return usage_error("%s", "--edition is for render");
	if (o->lscb == NULL && !o->all_lscbs)
		return usage_error("%s", "--edition restricted needs --lscb "
		    "NAME or --all-lscbs: only a board has a restricted "
		    "edition");
	if (o->out == NULL)
		return usage_error("%s", "--edition restricted needs -o");
	o->restricted = 1;
	return -1;
}

/* Parses the options argv[2..argc) into o.  Returns -1 to go on, or an
 * exit status. */
static int
parse_options(int argc, char *argv[], struct opts *o)
{
	static const struct { const char *name; size_t off; } valued[] = {
		{ "--input", offsetof(struct opts, input) },
		{ "--cases", offsetof(struct opts, cases) },
		{ "--template", offsetof(struct opts, template_path) },
		{ "--figures", offsetof(struct opts, figures_path) },
		{ "--fonts", offsetof(struct opts, fonts_dir) },
		{ "--lscb", offsetof(struct opts, lscb) },
		{ "--format", offsetof(struct opts, format) },
		{ "--jobs", offsetof(struct opts, jobs) },
		{ "--edition", offsetof(struct opts, edition) },
		{ "--dump", offsetof(struct opts, dump) },
		{ "--published", offsetof(struct opts, published) },
		{ "--previous", offsetof(struct opts, previous) },
		{ "--period", offsetof(struct opts, period) },
		{ "--cache", offsetof(struct opts, cache) },
		{ "-j", offsetof(struct opts, jobs) },
		{ "-o", offsetof(struct opts, out) },
		{ "--output", offsetof(struct opts, out) },
	};
	int i;
	size_t j;

	for (i = 2; i < argc; i++) {
		const char *arg = argv[i], *val = NULL, *eq;
		size_t nlen;

		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			usage(stdout);
			return stdout_done();
		}
		if (strcmp(arg, "--strict") == 0) {
			o->strict = 1;
			continue;
		}
		if (strcmp(arg, "--all-lscbs") == 0) {
			o->all_lscbs = 1;
			continue;
		}
		if (strcmp(arg, "--all-periods") == 0) {
			o->all_periods = 1;
			continue;
		}
		if (strcmp(arg, "--pooled") == 0) {
			o->pooled = 1;
			continue;
		}
		eq = strncmp(arg, "--", 2) == 0 ? strchr(arg, '=') : NULL;
		nlen = eq ? (size_t)(eq - arg) : strlen(arg);
		for (j = 0; j < sizeof(valued) / sizeof(valued[0]); j++)
			if (strlen(valued[j].name) == nlen &&
			    strncmp(arg, valued[j].name, nlen) == 0)
				break;
		if (j == sizeof(valued) / sizeof(valued[0]))
			return usage_error("unknown option '%s'", arg);
		if (eq != NULL)
			val = eq + 1;
		else if (i + 1 < argc)
			val = argv[++i];
		else
			return usage_error("%s needs a value", valued[j].name);
		if (*val == '\0')
			return usage_error("%s needs a value", valued[j].name);
		*(const char **)((char *)o + valued[j].off) = val;
	}
	return -1;
}

/* Checks that the options of o go together and with its command.
 * Returns -1 to go on, or an exit status after a message. */
static int
check_options(struct opts *o)
{
	const char *why;
	int k;

	if (o->cmd == CMD_RENDER && (k = render_format(o)) >= 0)
		return k;
	if (o->cmd != CMD_RENDER && o->format == NULL)
		o->format = "csv";
	if (o->cmd != CMD_RENDER && strcmp(o->format, "csv") != 0 &&
	    strcmp(o->format, "json") != 0)
		return usage_error("--format: '%s' is not csv or json",
		    o->format);
	if (o->dump != NULL && (o->cmd != CMD_RENDER ||
	    (o->all_lscbs ? o->out == NULL : o->out != NULL)))
		return usage_error("%s", "--dump is for render of one paper, "
		    "to standard output (no -o), or of every board's paper "
		    "into a folder (--all-lscbs -o DIR)");
	if (o->dump != NULL && strcmp(o->dump, "doc") != 0 &&
	    strcmp(o->dump, "layout") != 0)
		return usage_error("--dump: '%s' is not doc or layout",
		    o->dump);
	if (o->cmd == CMD_RENDER && o->out == NULL && o->dump == NULL)
		return usage_error("%s", o->all_lscbs ?
		    "render --all-lscbs needs -o DIR" :
		    "render needs -o FILE.pdf, FILE.html or FILE.odt");
	if (o->all_lscbs && o->lscb != NULL)
		return usage_error("%s", "--all-lscbs and --lscb exclude each "
		    "other");
	if (o->jobs != NULL && (!o->all_lscbs || o->cmd != CMD_RENDER))
		return usage_error("%s", "--jobs is for render --all-lscbs");
	if (o->jobs != NULL && (strspn(o->jobs, "0123456789") !=
	    strlen(o->jobs) || strlen(o->jobs) > 2 || atoi(o->jobs) < 1 ||
	    atoi(o->jobs) > TMP_GUARD_MAX_CHILDREN))
		return usage_error("--jobs: '%s' is not a number from 1 to 64",
		    o->jobs);
	if (o->edition != NULL && (k = edition_check(o)) >= 0)
		return k;
	if (o->strict && o->cmd != CMD_CHECK)
		return usage_error("%s", "--strict is for check");
	if (o->cmd == CMD_DATA && (o->out == NULL || o->all_lscbs ||
	    o->lscb != NULL || strcmp(o->format, "csv") != 0))
		return usage_error("%s", "data takes no --lscb, --all-lscbs or "
		    "--format, and needs -o DIR");
	if (o->all_lscbs && (o->cmd == CMD_CHECK || o->cmd == CMD_REVIEW))
		return usage_error("%s", "--all-lscbs is for render and "
		    "figures");
	if (o->cmd != CMD_RENDER && o->cmd != CMD_DATA &&
	    o->cmd != CMD_REVIEW && o->out != NULL)
		return usage_error("-o is for render only%s", "");
	if ((o->cmd == CMD_RENDER || o->cmd == CMD_REVIEW) && !o->all_lscbs &&
	    o->out != NULL &&
	    (why = file_target_refusal(o->out)) != NULL) {
		fprintf(stderr, "scrpaper: -o %s: %s, not a regular file; "
		    "refusing to replace it\n", o->out, why);
		return EXIT_USAGE;
	}
	if ((k = cli_out_marker_check(o)) >= 0)
		return k;
	if (o->published != NULL && o->cmd != CMD_AUDIT)
		return usage_error("%s", "--published is for audit");
	if (o->previous != NULL && (o->cmd != CMD_AUDIT ||
	    o->published != NULL))
		return usage_error("%s", "--previous is for audit of an input "
		    "folder (not with --published)");
	if (o->cmd == CMD_AUDIT && (o->all_lscbs || o->lscb != NULL))
		return usage_error("%s", "audit reads every board");
	if ((o->period != NULL || o->all_periods) && o->cmd != CMD_FIGURES)
		return usage_error("%s", "--period and --all-periods are for "
		    "figures");
	if (o->period != NULL && o->all_periods)
		return usage_error("%s", "--period and --all-periods exclude "
		    "each other");
	if (o->pooled && !(o->cmd == CMD_AUDIT || o->all_periods))
		return usage_error("%s", "--pooled is for figures "
		    "--all-periods and audit");
	return -1;
}

/* Parses argv into o.  Returns -1 to go on, or an exit status. */
static int
parse_args(int argc, char *argv[], struct opts *o)
{
	int k;

	memset(o, 0, sizeof(*o));
	o->input = "input";
	o->template_path = data_path(o, "templates/background-paper.tmpl");
	o->figures_path = data_path(o, "templates/figures.yaml");
	o->fonts_dir = data_path(o, "fonts");

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return stdout_done();
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("scrpaper %s\n", SCRPAPER_VERSION);
		return stdout_done();
	}
	for (k = 0; k < CMD__MAX; k++)
		if (strcmp(argv[1], cmd_names[k]) == 0)
			break;
	if (k == CMD__MAX)
		return usage_error("unknown command '%s'", argv[1]);
	o->cmd = (enum cmd)k;

	if ((k = parse_options(argc, argv, o)) >= 0)
		return k;
	return check_options(o);
}

int
main(int argc, char *argv[])
{
	struct opts o;
	struct diag d;
	struct cohort *c = NULL;
	struct fig_set *figs = NULL;
	struct paper *pp = NULL;
	struct grid *grid = NULL;
	char *grid_path;
	int rc, lscb, missing, typeset = 0;

	if ((rc = year_main(argc, argv, SCRPAPER_DATADIR)) >= 0)
		return rc;
	if ((rc = parse_args(argc, argv, &o)) >= 0 ||
	    (o.cmd == CMD_RENDER &&
	    (rc = cli_check_source_date_epoch()) >= 0)) {
		opts_clear(&o);
		return rc;
	}
	tmp_guard_install();
	if (o.cache != NULL)
		(void)fig_cache_open(o.cache);
	diag_init(&d, stderr);
	rc = EXIT_INVALID;

	/* Load everything that can be checked, so one run reports every
	 * problem in every file. */
	c = case_load_dir(o.input, o.cases, &d);
	if (c->codebook.ncodes > 0)
		figs = fig_load(o.figures_path, c, &d);
	grid_path = xasprintf("%s/grid.yaml", o.input);
	if (c->report.nlscbs > 0)
		grid = grid_load(grid_path, &c->report, &d, &missing);
	free(grid_path);
	if (d.nerrors > 0 || figs == NULL || !fig_check_data(figs, c, &d))
		goto out;
	if ((rc = cli_find_lscb(c, o.lscb, &lscb)) >= 0)
		goto out;

	pp = paper_new(c, figs);
	paper_set_restricted(pp, o.restricted);
	paper_set_grid(pp, grid);
	if (o.cmd != CMD_FIGURES && o.cmd != CMD_DATA && o.cmd != CMD_AUDIT &&
	    (rc = paper_template(pp, o.template_path, &d)) != 0)
		goto out;

	switch (o.cmd) {
	case CMD_CHECK:
		rc = cli_check(&o, pp, c, lscb, grid == NULL &&
		    c->report.nlscbs > 0 && missing, &d);
		break;
	case CMD_FIGURES:
		rc = cli_figures(&o, pp, c, lscb);
		break;
	case CMD_AUDIT:
		rc = cli_audit(pp, figs, c, o.published, o.pooled,
		    o.previous, o.figures_path);
		break;
	case CMD_REVIEW:
		rc = paper_review(pp, c, lscb, o.template_path, o.out, &d);
		break;
	case CMD_DATA: {
		char *report_file = xasprintf("%s/report.yaml", o.input);

		rc = fig_data_write(figs, c, report_file, o.figures_path,
		    o.out, &d);
		free(report_file);
		break;
	}
	case CMD_RENDER:
		rc = cli_render(&o, pp, c, lscb, grid == NULL &&
		    c->report.nlscbs > 0 && missing, &typeset, &d);
		break;
	default:
		abort();
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("scrpaper: standard output");
		rc = EXIT_SYSERR;
	}
out:
	if (rc == EXIT_INVALID && d.nerrors > 0)
		fprintf(stderr, "scrpaper: %zu error%s%s\n", d.nerrors,
		    d.nerrors == 1 ? "" : "s", typeset ? "" :
		    "; nothing written");
	paper_free(pp);
	grid_free(grid);
	fig_set_free(figs);
	cohort_free(c);
	diag_clear(&d);
	fig_cache_open(NULL);
	opts_clear(&o);
	return rc;
}
