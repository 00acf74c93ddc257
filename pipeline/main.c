/*
 * main.c: the scrpaper command line.  Parses options, loads the input,
 * has paper.c build the filled papers, hands them to a back end and maps
 * their results onto the documented exit statuses:
 *   0 success, 1 invalid input (every problem printed), 2 usage error,
 *   3 system error (I/O, memory, cairo).
 */
#define _DEFAULT_SOURCE		/* MAP_ANONYMOUS */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <signal.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"
#include "diag.h"
#include "case.h"
#include "fig.h"
#include "fig_data.h"
#include "doc.h"
#include "paper.h"
#include "paper_review.h"
#include "grid.h"
#include "render.h"
#include "year.h"

#ifndef SCRPAPER_DATADIR
#define SCRPAPER_DATADIR "/usr/local/share/scrpaper"
#endif

#ifndef SCRPAPER_VERSION
#define SCRPAPER_VERSION "0.1.0"
#endif

#define EXIT_INVALID	1
#define EXIT_USAGE	2

enum cmd {
	CMD_RENDER,
	CMD_FIGURES,
	CMD_CHECK,
	CMD_DATA,
	CMD_AUDIT,
	CMD_REVIEW,
	CMD__MAX
};

static const char *const cmd_names[CMD__MAX] = {
	"render", "figures", "check", "data", "audit", "review"
};

/* The options of one run, with their defaults. */
struct opts {
	enum cmd	 cmd;
	const char	*input;		/* --input DIR */
	const char	*cases;		/* --cases DIR, NULL: INPUT/cases */
	const char	*template_path;	/* --template FILE */
	const char	*figures_path;	/* --figures FILE */
	const char	*fonts_dir;	/* --fonts DIR */
	const char	*lscb;		/* --lscb NAME, NULL: the region */
	const char	*out;		/* -o FILE */
	const char	*format;	/* --format csv|json, or pdf|html|odt
					   for render; NULL: not given */
	const struct render_backend *backend;	/* render's format: --format
					   NAME, or -o FILE.EXT without it */
	int		 all_lscbs;	/* --all-lscbs: every board */
	int		 strict;	/* check --strict: lint errors */
	const char	*jobs;		/* --jobs N: worker processes */
	const char	*edition;	/* --edition public|restricted */
	int		 restricted;	/* --edition restricted */
	const char	*dump;		/* --dump doc|layout */
	const char	*published;	/* audit --published DIR */
	const char	*period;	/* figures --period LABEL */
	int		 all_periods;	/* figures --all-periods */
	int		 pooled;	/* --pooled: the total over the
					   periods too (figures --all-periods,
					   audit) */
	char		*installed[3];	/* default paths under SCRPAPER_DATADIR */
	size_t		 ninstalled;
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
"                        [--published DIR] [--pooled]\n"
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

/*
 * The restricted edition's folder is known by a marker file in it, never
 * by a word in its name (issue 31.3): a restricted write needs a folder
 * that holds the marker or is empty (then marked), so a link or a name
 * leading into a public folder is refused; a public write refuses a
 * folder that holds it.  Both look at the resolved real path.
 */
#define RESTRICTED_MARK		".scrpaper-restricted"

/* The folder -o writes into: the path itself for --all-lscbs and data,
 * else the folder of the file.  Returns a new string (free()). */
static char *
out_folder(const struct opts *o)
{
	const char *slash;

	if (o->all_lscbs || o->cmd == CMD_DATA)
		return xstrdup(o->out);
	if ((slash = strrchr(o->out, '/')) == NULL)
		return xstrdup(".");
	if (slash == o->out)
		return xstrdup("/");
	return xstrndup(o->out, (size_t)(slash - o->out));
}

/* The real path of dir, or when dir does not exist of its nearest
 * folder that does (*exists says which).  Returns a new string (free()),
 * or NULL when none resolves. */
static char *
real_folder(const char *dir, int *exists)
{
	char *p = xstrdup(dir), *real, *slash;

	*exists = 1;
	while ((real = realpath(p, NULL)) == NULL && errno == ENOENT &&
	    strcmp(p, ".") != 0 && strcmp(p, "/") != 0) {
		*exists = 0;
		while ((slash = strrchr(p, '/')) != NULL && slash[1] == '\0' &&
		    slash != p)
			*slash = '\0';
		if ((slash = strrchr(p, '/')) == NULL) {
			free(p);
			p = xstrdup(".");
		} else if (slash == p)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
	free(p);
	return real;
}

/* Whether the folder real holds the restricted marker. */
static int
holds_marker(const char *real)
{
	char *m = xasprintf("%s/%s", real, RESTRICTED_MARK);
	struct stat sb;
	int r = lstat(m, &sb) == 0 && S_ISREG(sb.st_mode);

	free(m);
	return r;
}

/* Whether the folder real holds nothing. */
static int
folder_empty(const char *real)
{
	struct dirent *de;
	DIR *d;
	int empty = 1;

	if ((d = opendir(real)) == NULL)
		return 0;
	while (empty && (de = readdir(d)) != NULL)
		empty = strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0;
	closedir(d);
	return empty;
}

/*
 * Checks the folder -o writes into.  A public render or data refuses a
 * folder (or, for one not made yet, the nearest that exists) holding the
 * restricted marker; a restricted render needs a folder that holds the
 * marker, is empty, or (--all-lscbs) is not made yet.  Returns -1 to go
 * on, or EXIT_USAGE after a message.
 */
static int
out_marker_check(const struct opts *o)
{
	char *dir, *real;
	int exists, rc = -1;

	if (o->out == NULL || (o->cmd != CMD_RENDER && o->cmd != CMD_DATA) ||
	    o->dump != NULL)
		return -1;
	dir = out_folder(o);
	if ((real = real_folder(dir, &exists)) == NULL) {
		free(dir);
		return -1;	/* unreachable: the write reports it */
	}
	if (!o->restricted && holds_marker(real)) {
		fprintf(stderr, "scrpaper: -o %s: %s is a restricted folder "
		    "(it holds %s): public papers and data never go there\n",
		    o->out, real, RESTRICTED_MARK);
		rc = EXIT_USAGE;
	} else if (o->restricted && !exists && !o->all_lscbs) {
		fprintf(stderr, "scrpaper: -o %s: no folder %s\n", o->out, dir);
		rc = EXIT_USAGE;
	} else if (o->restricted && exists && !holds_marker(real) &&
	    !folder_empty(real)) {
		fprintf(stderr, "scrpaper: --edition restricted: -o %s: %s is "
		    "not a restricted folder: it holds other files and no %s "
		    "marker; write restricted papers into a new or empty "
		    "folder (e.g. output/restricted/), which is then marked\n",
		    o->out, real, RESTRICTED_MARK);
		rc = EXIT_USAGE;
	}
	free(real);
	free(dir);
	return rc;
}

static int make_dirs(const char *path, mode_t mode);

/*
 * Before a restricted render: makes the folder (0700 when made here,
 * whatever the umask), checks it again and writes the marker into it
 * when missing.  Returns 0, or an exit status after a message.
 */
static int
restricted_prepare(const struct opts *o)
{
	static const char text[] = "This folder holds the restricted "
	    "(OFFICIAL-SENSITIVE) edition of board papers: scrpaper writes no "
	    "public paper or data here.\n";
	char *dir = out_folder(o), *mark;
	struct stat sb;
	int rc, fd;

	if (o->all_lscbs && lstat(dir, &sb) == -1 && errno == ENOENT) {
		if (make_dirs(dir, 0700) == -1 || chmod(dir, 0700) == -1) {
			fprintf(stderr, "scrpaper: %s: cannot create the "
			    "folder: %s\n", dir, strerror(errno));
			free(dir);
			return EXIT_SYSERR;
		}
	}
	if ((rc = out_marker_check(o)) >= 0) {
		free(dir);
		return rc;
	}
	mark = xasprintf("%s/%s", dir, RESTRICTED_MARK);
	rc = 0;
	if (!(lstat(mark, &sb) == 0 && S_ISREG(sb.st_mode))) {
		fd = open(mark, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0600);
		if (fd != -1 && write(fd, text, sizeof(text) - 1) !=
		    (ssize_t)(sizeof(text) - 1)) {
			close(fd);
			fd = -1;
			errno = errno ? errno : EIO;
		}
		if (fd == -1 || close(fd) != 0) {
			fprintf(stderr, "scrpaper: %s: cannot write the "
			    "marker: %s\n", mark, strerror(errno));
			rc = EXIT_SYSERR;
		}
	}
	free(mark);
	free(dir);
	return rc;
}

/* Checks --edition: a restricted paper is a board's, rendered by
 * render, into a restricted folder (out_marker_check(), run after).
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

/* Parses argv into o.  Returns -1 to go on, or an exit status. */
static int
parse_args(int argc, char *argv[], struct opts *o)
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
		{ "--period", offsetof(struct opts, period) },
		{ "-j", offsetof(struct opts, jobs) },
		{ "-o", offsetof(struct opts, out) },
		{ "--output", offsetof(struct opts, out) },
	};
	const char *why;
	int i, k;
	size_t j;

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
	if ((k = out_marker_check(o)) >= 0)
		return k;
	if (o->published != NULL && o->cmd != CMD_AUDIT)
		return usage_error("%s", "--published is for audit");
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

/* Resolves --lscb to a board index (or -1).  Returns -1 on success or
 * EXIT_USAGE after a message. */
static int
find_lscb(const struct cohort *c, const char *name, int *lscb)
{
	const char *near;

	*lscb = -1;
	if (name == NULL)
		return -1;
	if ((*lscb = report_find_lscb(&c->report, name)) >= 0)
		return -1;
	near = str_suggest(name, (const char *const *)c->report.lscbs,
	    c->report.nlscbs);
	fprintf(stderr, "scrpaper: --lscb: unknown board '%s'", name);
	if (near != NULL)
		fprintf(stderr, "; did you mean '%s'?", near);
	fputs("\n", stderr);
	return EXIT_USAGE;
}

/* Resolves --period to an index into report.periods (the current one
 * when name is NULL).  Returns -1 on success or EXIT_USAGE after a
 * message naming the periods. */
static int
find_period(const struct cohort *c, const char *name, size_t *period)
{
	size_t i, n = report_nperiods(&c->report);
	int k, from, to;

	*period = n - 1;
	if (name == NULL)
		return -1;
	if ((k = report_find_period(&c->report, name)) >= 0) {
		*period = (size_t)k;
		return -1;
	}
	fprintf(stderr, "scrpaper: --period: unknown period '%s'; the "
	    "periods of report.yaml are:", name);
	for (i = 0; i < n; i++)
		fprintf(stderr, "%s %s", i ? "," : "",
		    report_period(&c->report, i, &from, &to));
	fputs("\n", stderr);
	return EXIT_USAGE;
}

/*
 * Prints every period's ledger (and, when pooled, their total, labelled
 * CASE_POOLED_LABEL) as one table: of board lscb, of the region (-1), or
 * of every board when all is set, into out.  CSV (csv set): one table
 * led by a period column; JSON: a list of ledgers, each with its period.
 * Returns an exit status.
 */
static int
print_periods(FILE *out, struct paper *pp, const struct cohort *c,
    int lscb, int all, int pooled, int csv)
{
	size_t np = report_nperiods(&c->report), nb = c->report.nlscbs;
	size_t nrow = (np + (pooled != 0)) * (all ? nb : 1), n = 0, p, b;
	const struct fig_ledger **ls;
	const char **labels;
	int from, to;

	ls = xcalloc(nrow ? nrow : 1, sizeof(*ls));
	labels = xcalloc(nrow ? nrow : 1, sizeof(*labels));
	for (p = 0; p < np + (pooled != 0); p++)
		for (b = 0; b < (all ? nb : 1); b++) {
			labels[n] = p < np ? report_period(&c->report, p,
			    &from, &to) : CASE_POOLED_LABEL;
			if (labels[n] == NULL)
				labels[n] = "";
			ls[n++] = p < np ? paper_ledger_period(pp, all ?
			    (int)b : lscb, p) : paper_ledger_pooled(pp, all ?
			    (int)b : lscb);
		}
	if (csv)
		fig_print_csv_periods(out, ls, labels, n, all, c);
	else {
		fputs("[\n", out);
		for (p = 0; p < n; p++) {
			if (p > 0)
				fputs(",\n", out);
			fig_print_json_period(out, ls[p], c, labels[p]);
		}
		fputs("]\n", out);
	}
	free(ls);
	free(labels);
	return EXIT_SUCCESS;
}

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
	int pids[TMP_GUARD_MAX_CHILDREN], status, rc = 0, wrc;
	volatile long *current = NULL;
	volatile char *written;
	size_t w, n = 0, i, kept;
	pid_t self = getpid();
	void *shared, *marks;

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
	for (w = 0; w < (size_t)jobs; w++) {
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
			    (size_t)jobs, current ? current + w : NULL, written,
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
out:
	if (rc != 0 && *typeset)
		report_partial(r, dir, be, written);
	munmap(marks, r->nlscbs);
	for (i = 0; i < r->nlscbs; i++)
		doc_free(docs[i]);
	free(docs);
	return rc;
}

/* Prints every board's ledger, suppressed as in its paper: CSV as one
 * table, JSON as a list of the boards' ledgers.  Returns an exit
 * status. */
static int
print_all_ledgers(struct paper *pp, const struct cohort *c,
    const char *format, size_t period)
{
	struct fig_ledger *const *ls = paper_boards_period(pp, period);
	size_t i;

	if (strcmp(format, "csv") == 0)
		fig_print_csv_boards(stdout, ls, c->report.nlscbs, c);
	else {
		fputs("[\n", stdout);
		for (i = 0; i < c->report.nlscbs; i++) {
			if (i > 0)
				fputs(",\n", stdout);
			fig_print_json(stdout, ls[i], c);
		}
		fputs("]\n", stdout);
	}
	return EXIT_SUCCESS;
}

/* The largest published ledger audit reads (1000 boards of 6 periods
 * of a thousand figures are some 40 MB). */
#define AUDIT_MAX_LEDGER	((size_t)256 << 20)

/* Reads the ledger dir/name into *t (t->text new: free with free()).
 * Returns 0, or an exit status after a message. */
static int
audit_read_ledger(const char *dir, const char *name,
    struct fig_ledger_text *t)
{
	char *path = xasprintf("%s/%s", dir, name), *data;
	int rc;

	t->file = path;
	t->text = NULL;
	t->len = 0;
	rc = file_read_all(path, AUDIT_MAX_LEDGER, &data, &t->len);
	if (rc == -1)
		fprintf(stderr, "scrpaper: %s: %s\n", path, strerror(errno));
	else if (rc == -2)
		fprintf(stderr, "scrpaper: %s: error: larger than %zu MB: not "
		    "a ledger\n", path, AUDIT_MAX_LEDGER >> 20);
	if (rc != 0)
		return rc == -2 ? EXIT_INVALID : EXIT_SYSERR;
	t->text = data;
	return 0;
}

/*
 * The ledgers `figures` publishes, as CSV, into *bcsv (every board's, as
 * --all-lscbs prints them) and *rcsv (London's): with earlier periods or
 * pooled, every period's (and the total) as --all-periods prints them.
 * Counts the board cells printed and hidden.  Returns 0, or EXIT_SYSERR.
 */
static int
audit_ledgers(struct paper *pp, const struct cohort *c, int pooled,
    char **bcsv, char **rcsv, size_t *cells, size_t *hidden)
{
	size_t blen = 0, rlen = 0, i, j, p;
	size_t np = report_nperiods(&c->report);
	const struct fig_ledger *l;
	FILE *f;

	for (p = 0; p < np + (pooled != 0); p++)
		for (i = 0; i < c->report.nlscbs; i++) {
			l = p < np ? paper_ledger_period(pp, (int)i, p) :
			    paper_ledger_pooled(pp, (int)i);
			for (j = 0; j < l->nvalues; j++) {
				(*cells)++;
				*hidden += l->values[j].suppressed;
			}
		}
	if ((f = open_memstream(bcsv, &blen)) == NULL)
		return EXIT_SYSERR;
	if (np > 1 || pooled)
		print_periods(f, pp, c, -1, 1, pooled, 1);
	else
		fig_print_csv_boards(f, paper_boards(pp), c->report.nlscbs,
		    c);
	fclose(f);
	if ((f = open_memstream(rcsv, &rlen)) == NULL)
		return EXIT_SYSERR;
	if (np > 1 || pooled)
		print_periods(f, pp, c, -1, 0, pooled, 1);
	else
		fig_print_csv(f, paper_ledger(pp, -1), c);
	fclose(f);
	return 0;
}

/*
 * scrpaper audit: the attacker on the ledgers the input gives (every
 * period's, and their total when pooled), or on ledgers already
 * published, DIR/figures.csv and DIR/lscb/figures.csv (one period, or
 * --all-periods tables).  Returns 0 when nothing can be worked back, 1
 * when something can (named on standard output), 3 on a system error.
 */
static int
audit(struct paper *pp, const struct fig_set *figs, const struct cohort *c,
    const char *published, int pooled)
{
	char *bcsv = NULL, *rcsv = NULL;
	size_t hidden = 0, cells = 0;
	long found = 0;
	struct fig_ledger_text bt = { NULL, NULL, 0 }, rt = { NULL, NULL, 0 };
	struct fig_audit_read rd;
	struct diag d;
	int rc;

	if (published != NULL) {
		if ((rc = audit_read_ledger(published, "lscb/figures.csv",
		    &bt)) == 0)
			rc = audit_read_ledger(published, "figures.csv", &rt);
		if (rc == 0) {
			diag_init(&d, stderr);
			found = fig_audit_published(figs, c, &bt, &rt, &d,
			    &rd, "audit", stdout);
			diag_clear(&d);
		}
		free((char *)bt.file);
		free((char *)bt.text);
		free((char *)rt.file);
		free((char *)rt.text);
		if (rc != 0)
			return rc;
		if (found > 0)
			printf("audit: %ld suppressed figure%s can be worked "
			    "back\n", found, found == 1 ? "" : "s");
		if (found != 0)
			return EXIT_INVALID;
		printf("audit: %s/lscb/figures.csv and %s/figures.csv: %zu "
		    "board%s, %zu period%s%s, %zu of %zu board figures shown "
		    "(%zu hidden), no suppressed figure can be worked back: "
		    "OK\n",
		    published, published, rd.boards, rd.boards == 1 ? "" : "s",
		    rd.periods, rd.periods == 1 ? "" : "s", rd.pooled ?
		    " and their total" : "", rd.cells - rd.hidden, rd.cells,
		    rd.hidden);
		return EXIT_SUCCESS;
	}
	if (audit_ledgers(pp, c, pooled, &bcsv, &rcsv, &cells,
	    &hidden) != 0) {
		free(bcsv);
		free(rcsv);
		return EXIT_SYSERR;
	}
	fig_audit_threshold = c->report.threshold;
	found = fig_audit(figs, bcsv, rcsv, "audit", stdout);
	free(bcsv);
	free(rcsv);
	if (found != 0) {
		if (found > 0)
			printf("audit: %ld suppressed figure%s can be worked "
			    "back\n", found, found == 1 ? "" : "s");
		return EXIT_INVALID;
	}
	if (published == NULL && report_nperiods(&c->report) == 1 && !pooled)
		printf("audit: %zu boards, %zu of %zu board figures shown, "
		    "no suppressed figure can be worked back: OK\n",
		    c->report.nlscbs, cells - hidden, cells);
	else
		printf("audit: %zu boards, %zu periods%s, %zu of %zu board "
		    "figures shown, no suppressed figure can be worked back: "
		    "OK\n", c->report.nlscbs, report_nperiods(&c->report),
		    pooled ? " and their total" : "", cells - hidden, cells);
	return EXIT_SUCCESS;
}

/* Creates the folder path and any missing parents (mkdir -p), each new
 * one with mode: less the umask for 0777, else exactly mode, whatever
 * the umask (0700 for the restricted edition).  Returns 0, or -1 with
 * errno set. */
static int
make_dirs(const char *path, mode_t mode)
{
	char *p = xstrdup(path), *q, c;
	int rc = 0;

	for (q = p + 1; rc == 0; q++) {
		if (*q != '/' && *q != '\0')
			continue;
		c = *q;
		*q = '\0';
		if (mkdir(p, mode) == 0) {
			if (mode != 0777 && chmod(p, mode) == -1)
				rc = -1;
		} else if (errno != EEXIST)
			rc = -1;
		*q = c;
		if (c == '\0')
			break;
	}
	free(p);
	return rc;
}

/*
 * Warns at each case that leaves household_children or lscb_areas_known
 * out: both feed published figures, so a default must not pass unseen.
 */
static void
warn_defaults(const struct cohort *c, struct diag *d)
{
	const struct scr_case *k;
	size_t i;

	for (i = 0; i < c->ncases; i++) {
		k = &c->cases[i];
		if (k->defaulted & CASE_DEFAULT_HOUSEHOLD)
			diag_warn(d, k->pos.file, k->pos.line, k->pos.col,
			    "no 'household_children': read as 0; write it, "
			    "0 included (it feeds the household figures)");
		if (k->defaulted & CASE_DEFAULT_AREAS)
			diag_warn(d, k->pos.file, k->pos.line, k->pos.col,
			    "no 'lscb_areas_known': read as 1; write it, 1 "
			    "included (it feeds the mobility figures)");
	}
}

/*
 * Warns, at each case file completed outside the report's period (with
 * earlier periods: outside every period), that it is left out of every
 * figure (lest a typo in a date, or last year's folder, go unseen).
 * Returns the number of such cases.
 */
static size_t
warn_left_out(const struct cohort *c, struct diag *d)
{
	const struct report *r = &c->report;
	const struct scr_case *k;
	struct buf where;
	size_t i, p, n = 0;
	int from, to;

	buf_init(&where);
	for (p = 0; p < report_nperiods(r); p++) {
		const char *label = report_period(r, p, &from, &to);

		if (report_nperiods(r) > 1)
			buf_printf(&where, "%s%s ", p ? "; " : "", label);
		buf_printf(&where, "%04d-%02d-%02d to %04d-%02d-%02d",
		    from / 10000, from / 100 % 100, from % 100, to / 10000,
		    to / 100 % 100, to % 100);
	}
	for (i = 0; i < c->ncases; i++) {
		k = &c->cases[i];
		if (report_period_of(r, k->completed) >= 0)
			continue;
		diag_warn(d, k->pos.file, k->pos.line, k->pos.col,
		    "completed %04d-%02d-%02d, outside the report's period%s "
		    "%s: left out of every figure", k->completed / 10000,
		    k->completed / 100 % 100, k->completed % 100,
		    report_nperiods(r) > 1 ? "s" : "", where.data);
		n++;
	}
	buf_clear(&where);
	return n;
}

/*
 * Prints check's summary: the cases and children of the current period,
 * the boards; with earlier periods, the cases of each; the cases in no
 * period (named by warn_left_out()), nout of them.
 */
static void
print_summary(const struct cohort *c, size_t nout)
{
	const struct report *r = &c->report;
	size_t i, p, np = report_nperiods(r), *ncases;
	size_t nchildren = 0;
	int k, from, to;

	ncases = xcalloc(np, sizeof(*ncases));
	for (i = 0; i < c->ncases; i++)
		if ((k = report_period_of(r, c->cases[i].completed)) >= 0) {
			ncases[k]++;
			if ((size_t)k == np - 1)
				nchildren += c->cases[i].nchildren;
		}
	printf("%zu case%s in the period, %zu %s, %zu board%s: OK",
	    ncases[np - 1], ncases[np - 1] == 1 ? "" : "s",
	    nchildren, nchildren == 1 ? "child" : "children",
	    r->nlscbs, r->nlscbs == 1 ? "" : "s");
	for (p = 0; p + 1 < np; p++)
		printf("%s%s: %zu case%s", p ? ", " : "; earlier periods ",
		    report_period(r, p, &from, &to), ncases[p],
		    ncases[p] == 1 ? "" : "s");
	if (nout > 0)
		printf("; %zu case%s left out (outside the period%s)", nout,
		    nout == 1 ? "" : "s", np > 1 ? "s" : "");
	free(ncases);
}

/* The largest SOURCE_DATE_EPOCH: 9999-12-31T23:59:59Z, the last second a
 * four-digit year (and so a PDF date) can say. */
#define SDE_MAX		253402300799LL

/*
 * Checks SOURCE_DATE_EPOCH (reproducible-builds.org's specification: a
 * malformed value is an error, not ignored): unset or empty, or decimal
 * digits only up to SDE_MAX.  Returns -1, or EXIT_INVALID after a
 * message.
 */
static int
check_source_date_epoch(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH"), *p;

	if (e == NULL || *e == '\0')
		return -1;
	for (p = e; *p >= '0' && *p <= '9'; p++)
		;
	if (*p == '\0' && p - e <= 12 && strtoll(e, NULL, 10) <= SDE_MAX)
		return -1;
	fprintf(stderr, "scrpaper: SOURCE_DATE_EPOCH: '%.40s' is not a "
	    "number of seconds since 1970-01-01T00:00:00Z (decimal digits "
	    "only, at most %lld, 9999-12-31T23:59:59Z); nothing written\n",
	    e, SDE_MAX);
	return EXIT_INVALID;
}

int
main(int argc, char *argv[])
{
	struct opts o;
	struct diag d;
	struct cohort *c = NULL;
	struct fig_set *figs = NULL;
	struct paper *pp = NULL;
	struct doc *doc = NULL;
	struct grid *grid = NULL;
	char *grid_path;
	int rc, lscb, missing, nlint, typeset = 0;
	size_t nout = 0, period;

	if ((rc = year_main(argc, argv, SCRPAPER_DATADIR)) >= 0)
		return rc;
	if ((rc = parse_args(argc, argv, &o)) >= 0 ||
	    (o.cmd == CMD_RENDER && (rc = check_source_date_epoch()) >= 0)) {
		opts_clear(&o);
		return rc;
	}
	tmp_guard_install();
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
	if ((rc = find_lscb(c, o.lscb, &lscb)) >= 0)
		goto out;

	pp = paper_new(c, figs);
	paper_set_restricted(pp, o.restricted);
	paper_set_grid(pp, grid);
	if (o.cmd != CMD_FIGURES && o.cmd != CMD_DATA && o.cmd != CMD_AUDIT &&
	    (rc = paper_template(pp, o.template_path, &d)) != 0)
		goto out;

	switch (o.cmd) {
	case CMD_CHECK:
		/* The regional paper and every board's: a template error may
		 * sit in a block only one kind of paper shows. */
		if ((rc = paper_check(pp, lscb, &d)) != 0)
			break;
		nlint = paper_lint(o.template_path, &d, o.strict);
		if (nlint > 0 && o.strict) {
			rc = EXIT_INVALID;
			break;
		}
		warn_defaults(c, &d);
		nout = warn_left_out(c, &d);
		year_warn(c, o.input, o.template_path, grid == NULL &&
		    c->report.nlscbs > 0 && missing, &d);
		print_summary(c, nout);
		if (nlint > 0)
			printf("; %d prose warning%s", nlint,
			    nlint == 1 ? "" : "s");
		printf("\n");
		break;
	case CMD_FIGURES:
		if ((rc = find_period(c, o.period, &period)) >= 0)
			break;
		if (o.all_periods) {
			rc = print_periods(stdout, pp, c, lscb, o.all_lscbs,
			    o.pooled, strcmp(o.format, "csv") == 0);
			break;
		}
		if (o.all_lscbs) {
			rc = print_all_ledgers(pp, c, o.format, period);
			break;
		}
		if (strcmp(o.format, "json") == 0)
			fig_print_json(stdout, paper_ledger_period(pp, lscb,
			    period), c);
		else
			fig_print_csv(stdout, paper_ledger_period(pp, lscb,
			    period), c);
		rc = EXIT_SUCCESS;
		break;
	case CMD_AUDIT:
		rc = audit(pp, figs, c, o.published, o.pooled);
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
		warn_defaults(c, &d);
		(void)warn_left_out(c, &d);
		year_warn(c, o.input, o.template_path, grid == NULL &&
		    c->report.nlscbs > 0 && missing, &d);
		if (o.restricted && (rc = restricted_prepare(&o)) != 0)
			break;
		if (o.all_lscbs && make_dirs(o.out, o.restricted ? 0700 :
		    0777) == -1) {
			fprintf(stderr, "scrpaper: %s: cannot create the "
			    "folder: %s\n", o.out, strerror(errno));
			rc = EXIT_SYSERR;
			break;
		}
		if (o.all_lscbs) {
			rc = render_all(pp, &c->report, o.dump == NULL ?
			    o.backend : &dump_backends[strcmp(o.dump, "doc") !=
			    0], o.fonts_dir,
			    o.out, o.jobs ? atol(o.jobs) :
			    sysconf(_SC_NPROCESSORS_ONLN), &typeset, &d);
			break;
		}
		if ((rc = paper_build(pp, lscb, &doc, &d)) != 0)
			break;
		if (o.dump == NULL)
			rc = o.backend->write(doc, o.fonts_dir, o.out, &d);
		else if (strcmp(o.dump, "doc") == 0)
			doc_dump(stdout, doc);
		else
			rc = render_layout_dump(doc, o.fonts_dir, stdout, &d);
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
	doc_free(doc);
	paper_free(pp);
	grid_free(grid);
	fig_set_free(figs);
	cohort_free(c);
	diag_clear(&d);
	opts_clear(&o);
	return rc;
}
