/*
 * cmd_year.c: moving to the next year (docs/annual.md, "The year
 * convention").
 *   scrpaper new-year --input DIR -o NEWDIR [--months N] [--label L]
 * with the options and dates the year's commands share (periods is
 * cmd_periods.c, compare cmd_compare.c, their dispatch year_main.c; the
 * warnings check and render give about periods are year_warn.c).
 *
 * The year convention, written once here: the period after the current
 * one starts the day after it ends and runs YEAR_MONTHS months, unless
 * new-year is told --months N; its label is derived from its years as
 * the loader derives one (case_report.c), unless told --label L.
 */
#define _GNU_SOURCE		/* renameat2, RENAME_NOREPLACE */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <limits.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"
#include "diag.h"
#include "yml.h"
#include "case.h"
#include "fig.h"
#include "paper.h"
#include "year.h"
#include "year_int.h"

#define YEAR_MONTHS	12	/* the next period's length by default */
#define YEAR_MAX_MONTHS	120	/* --months: 1 to this */

/* What new-year writes after `created:`. */
#define CREATED_NOTE	"  # the paper's date: set it"

/* ---- dates (YYYYMMDD) ---- */

void
iso(char buf[16], int d)
{
	snprintf(buf, 16, "%04d-%02d-%02d", d / 10000 % 10000, d / 100 % 100,
	    d % 100);
}

static int
next_day(int d)
{
	int y = d / 10000, m = d / 100 % 100, dd = d % 100;

	if (++dd > case_month_days(y, m)) {
		dd = 1;
		if (++m > 12) {
			m = 1;
			y++;
		}
	}
	return y * 10000 + m * 100 + dd;
}

static int
prev_day(int d)
{
	int y = d / 10000, m = d / 100 % 100, dd = d % 100;

	if (--dd < 1) {
		if (--m < 1) {
			m = 12;
			y--;
		}
		dd = case_month_days(y, m);
	}
	return y * 10000 + m * 100 + dd;
}

/* The last day of the period of n months starting on from: the day
 * before from's day n months on (clamped to that month's length). */
static int
period_end(int from, int n)
{
	int y = from / 10000, m = from / 100 % 100 + n, dd = from % 100;

	y += (m - 1) / 12;
	m = (m - 1) % 12 + 1;
	if (dd > case_month_days(y, m))
		dd = case_month_days(y, m);
	return prev_day(y * 10000 + m * 100 + dd);
}

/* Calendar months from from's month to to's, both counted. */
int
months_of(int from, int to)
{
	return (to / 10000 - from / 10000) * 12 + to / 100 % 100 -
	    from / 100 % 100 + 1;
}

const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s != NULL ? s + 1 : path;
}

/* ---- options ---- */

int
yusage(const char *cmd, const char *msg, const char *arg)
{
	fprintf(stderr, "scrpaper: %s: ", cmd);
	fprintf(stderr, msg, arg);
	fputs("\nTry 'scrpaper --help'.\n", stderr);
	return EXIT_USE;
}

/* Parses the options of cmd: those in allowed (a space-separated list).
 * Returns -1 to go on, or an exit status. */
int
yparse(int argc, char *argv[], const char *allowed, struct yopts *o)
{
	static const struct { const char *name; size_t off; } opts[] = {
		{ "--input", offsetof(struct yopts, input) },
		{ "--cases", offsetof(struct yopts, cases) },
		{ "-o", offsetof(struct yopts, out) },
		{ "--output", offsetof(struct yopts, out) },
		{ "--months", offsetof(struct yopts, months) },
		{ "--label", offsetof(struct yopts, label) },
		{ "--format", offsetof(struct yopts, format) },
		{ "--previous", offsetof(struct yopts, previous) },
		{ "--figures", offsetof(struct yopts, figures) },
	};
	const char *cmd = argv[1];
	int i;
	size_t j, nlen;

	o->input = "input";
	for (i = 2; i < argc; i++) {
		const char *arg = argv[i], *eq, *val, *hit;
		char *word;

		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			printf("usage: scrpaper %s %s\nSee man scrpaper and "
			    "docs/annual.md.\n", cmd,
			    strcmp(cmd, "new-year") == 0 ? "--input DIR -o "
			    "NEWDIR [--months N] [--label L]" :
			    strcmp(cmd, "periods") == 0 ? "[--input DIR] "
			    "[--cases DIR] [--format text|csv]" :
			    "[--input DIR] --previous OLDDIR [--figures FILE]");
			return fflush(stdout) == 0 ? EXIT_OK : EXIT_SYS;
		}

		eq = strncmp(arg, "--", 2) == 0 ? strchr(arg, '=') : NULL;
		nlen = eq ? (size_t)(eq - arg) : strlen(arg);
		for (j = 0; j < sizeof(opts) / sizeof(opts[0]); j++)
			if (strlen(opts[j].name) == nlen &&
			    strncmp(arg, opts[j].name, nlen) == 0)
				break;
		word = xstrndup(arg, nlen);
		hit = j < sizeof(opts) / sizeof(opts[0]) ?
		    strstr(allowed, word) : NULL;
		/* A whole word of allowed. */
		if (hit != NULL && ((hit != allowed && hit[-1] != ' ') ||
		    (hit[nlen] != '\0' && hit[nlen] != ' ')))
			hit = NULL;
		free(word);
		if (hit == NULL)
			return yusage(cmd, "unknown option '%s'", arg);
		if (eq != NULL)
			val = eq + 1;
		else if (i + 1 < argc)
			val = argv[++i];
		else
			return yusage(cmd, "%s needs a value", opts[j].name);
		if (*val == '\0')
			return yusage(cmd, "%s needs a value", opts[j].name);
		*(const char **)((char *)o + opts[j].off) = val;
	}
	return -1;
}

/* ---- new-year ---- */

/* Removes the folder path and the files (and one level of folders)
 * in it: the temporary folder new-year fills. */
static void
remove_tree(const char *path)
{
	DIR *dir;
	struct dirent *de;
	struct stat st;
	char *p;

	if ((dir = opendir(path)) != NULL) {
		while ((de = readdir(dir)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			p = xasprintf("%s/%s", path, de->d_name);
			if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
				remove_tree(p);
			else
				(void)unlink(p);
			free(p);
		}
		closedir(dir);
	}
	(void)rmdir(path);
}

/* Writes len bytes of data to the new file path.  Returns 0, or -1
 * after a message. */
static int
write_new(const char *path, const char *data, size_t len)
{
	int fd;
	ssize_t w;
	size_t off = 0;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666)) == -1)
		goto fail;
	while (off < len) {
		if ((w = write(fd, data + off, len - off)) < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			goto fail;
		}
		off += (size_t)w;
	}
	if (fsync(fd) == -1 || close(fd) == -1)
		goto fail;
	return 0;
fail:
	fprintf(stderr, "scrpaper: new-year: %s: %s\n", path,
	    strerror(errno));
	return -1;
}

/* Copies every regular file of folder from into folder to (made);
 * folder names in sub (NULL: none) are copied too, one level.  Returns
 * 0, or -1 after a message. */
static int
copy_folder(const char *from, const char *to, const char *sub,
    const char *report_text)
{
	DIR *dir;
	struct dirent *de;
	struct stat st;
	char *src, *dst, *data;
	size_t len;
	int rc = 0;

	if ((dir = opendir(from)) == NULL) {
		fprintf(stderr, "scrpaper: new-year: %s: %s\n", from,
		    strerror(errno));
		return -1;
	}
	while (rc == 0 && (de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		src = xasprintf("%s/%s", from, de->d_name);
		dst = xasprintf("%s/%s", to, de->d_name);
		if (stat(src, &st) == -1) {
			fprintf(stderr, "scrpaper: new-year: %s: %s\n", src,
			    strerror(errno));
			rc = -1;
		} else if (S_ISDIR(st.st_mode) && sub != NULL &&
		    strcmp(de->d_name, sub) == 0) {
			if (mkdir(dst, 0777) == -1) {
				fprintf(stderr, "scrpaper: new-year: %s: "
				    "%s\n", dst, strerror(errno));
				rc = -1;
			} else
				rc = copy_folder(src, dst, NULL, NULL);
		} else if (S_ISREG(st.st_mode)) {
			if (report_text != NULL &&
			    strcmp(de->d_name, "report.yaml") == 0)
				rc = write_new(dst, report_text,
				    strlen(report_text));
			else if (file_read_all(src, SIZE_MAX, &data,
			    &len) != 0) {
				fprintf(stderr, "scrpaper: new-year: %s: "
				    "%s\n", src, strerror(errno));
				rc = -1;
			} else {
				rc = write_new(dst, data, len);
				free(data);
			}
		}
		free(src);
		free(dst);
	}
	closedir(dir);
	return rc;
}

/* The next period, as new-year makes it. */
struct next {
	int		 from, to;
	char		*label;
	const struct period *cur;	/* moved into earlier: */
	const struct period *drop;	/* the oldest, dropped, or NULL */
	int		 unpool;	/* 1: 'disclosure: pool' set to false */
	const struct period *periods;	/* every period, the current last */
	size_t		 np;
};

/*
 * The edits of report.yaml after the period's: created: set to the new
 * period's end, with its note; and pool off when the window moves with
 * pool on, which would leak: last year's total, over the dropped period,
 * less this year's gives the dropped period less the new one, which the
 * suppressor cannot see (docs/disclosure.md, "A moved window").
 */
static void
edit_pool_created(struct edits *ed, const struct lines *l,
    const struct ynode *root, const struct next *nx)
{
	const struct ynode *cv;
	char b[16];

	if (nx->unpool && (cv = ynode_get(root, "disclosure")) != NULL &&
	    (cv = ynode_get(cv, "pool")) != NULL && cv->type == YNODE_SCALAR)
		edit_scalar(ed, l, cv, xstrdup("false"));
	if ((cv = ynode_get(root, "created")) != NULL) {
		const char *s = l->v[cv->line - 1];
		const char *note = strstr(s, CREATED_NOTE);

		iso(b, nx->to);
		/* The note of an earlier new-year is written again. */
		if (note != NULL || strchr(s, '#') == NULL)
			edit_add(ed, E_REPLACE, cv->line, note != NULL ?
			    (int)(note - s) + 1 : (int)strlen(s) + 1,
			    note != NULL ? (int)strlen(note) : 0,
			    xasprintf(CREATED_NOTE " (check warns until it "
			    "is after %s)", b));
		edit_scalar(ed, l, cv, xstrdup(b));
	}
}

/* The list entry of period e, as new-year writes one into earlier:.
 * Returns a new string; free with free(). */
static char *
period_entry(const struct period *e)
{
	char a[16], b[16];

	iso(a, e->from);
	iso(b, e->to);
	return xasprintf("{label: %s, from: %s, to: %s}", e->label, a, b);
}

/*
 * The edits of the period: map p (its from fv and to tv) to the next
 * period's dates, and its label: the one it has replaced, or one added
 * in the map's own style when --label is given (label_given).
 */
static void
edit_period(struct edits *ed, const struct lines *l, const struct ynode *p,
    const struct ynode *fv, const struct ynode *tv, const struct next *nx,
    int label_given)
{
	const struct ynode *lv = ynode_get(p, "label");
	const struct ynode *fk = map_key(p, "from");
	char a[16];

	iso(a, nx->from);
	edit_scalar(ed, l, fv, xstrdup(a));
	iso(a, nx->to);
	edit_scalar(ed, l, tv, xstrdup(a));
	if (lv != NULL)
		edit_scalar(ed, l, lv, xstrdup(nx->label));
	else if (label_given && char_at(l, p) == '{')
		edit_add(ed, E_REPLACE, fk->line, fk->col, 0,
		    xasprintf("label: %s, ", nx->label));
	else if (label_given)
		edit_add(ed, E_INSERT_AFTER, fk->line - 1, 0, 0,
		    xasprintf("%*slabel: %s", fk->col - 1, "", nx->label));
}

/*
 * The edits of earlier: as a block list e: the current period's entry
 * (entry) after the last, indented as the others are; the oldest's
 * lines out when it drops (nx->drop).
 */
static void
edit_earlier_block(struct edits *ed, const struct lines *l,
    const struct ynode *e, const char *entry, const struct next *nx)
{
	const char *s = l->v[e->kids[0]->line - 1];
	int indent = (int)strspn(s, " "), last;
	size_t i;

	edit_add(ed, E_INSERT_AFTER, node_last_line(e), 0, 0,
	    xasprintf("%*s- %s", indent, "", entry));
	for (i = 0; nx->drop != NULL && i < e->nkids; i++) {
		const struct ynode *it = e->kids[i];

		if (it->line != nx->drop->pos.line)
			continue;
		last = i + 1 < e->nkids ? e->kids[i + 1]->line - 1 :
		    node_last_line(it);
		edit_add(ed, E_REPLACE_LINES, it->line, 0, last, NULL);
	}
}

/*
 * The edit of earlier: (the value e of the key ek) when it is a flow
 * list, or an empty one: written again as a block list, every period
 * with its dates as loaded, oldest first, the dropped one left out, the
 * current one last; the key line's comment kept.  Returns 0, or -1
 * after a message when the list spans lines.
 */
static int
edit_earlier_flow(struct edits *ed, const struct lines *l,
    const struct ynode *e, const struct ynode *ek, const char *file,
    const struct next *nx)
{
	struct buf nb;
	const char *kl = l->v[ek->line - 1], *cm;
	char *entry;
	size_t i;

	if (e->type != YNODE_SEQ || node_last_line(e) != ek->line) {
		fprintf(stderr, "%s:%d:%d: error: new-year edits "
		    "'earlier:' as a block list or a list on one "
		    "line; write it so\n", file, ek->line, ek->col);
		return -1;
	}
	buf_init(&nb);
	buf_puts(&nb, "earlier:");
	/* The line's comment, after the list, stays. */
	if ((cm = strrchr(kl, ']')) != NULL &&
	    (cm = strchr(cm, '#')) != NULL)
		buf_printf(&nb, "  %s", cm);
	for (i = nx->drop != NULL; i < nx->np; i++) {
		entry = period_entry(&nx->periods[i]);
		buf_printf(&nb, "\n  - %s", entry);
		free(entry);
	}
	edit_add(ed, E_REPLACE_LINES, ek->line, 0, ek->line, NULL);
	ed->v[ed->n - 1].text = buf_take(&nb);
	return 0;
}

/*
 * The edits of earlier: that move the current period into it, after
 * the period: map p when there is none.  Returns 0, or -1 after a
 * message.
 */
static int
edit_earlier(struct edits *ed, const struct lines *l,
    const struct ynode *root, const struct ynode *p, const char *file,
    const struct next *nx)
{
	const struct ynode *e = ynode_get(root, "earlier");
	char *entry;

	if (e != NULL && (e->type != YNODE_SEQ || char_at(l, e) == '[' ||
	    e->nkids == 0))
		return edit_earlier_flow(ed, l, e, map_key(root, "earlier"),
		    file, nx);
	entry = period_entry(nx->cur);
	if (e == NULL)
		edit_add(ed, E_INSERT_AFTER, node_last_line(p), 0, 0,
		    xasprintf("earlier:\n  - %s", entry));
	else
		edit_earlier_block(ed, l, e, entry, nx);
	free(entry);
	return 0;
}

/*
 * Edits the text of report.yaml (parsed as root, split into l) into
 * next year's: the period's dates and label, the current period moved
 * into earlier: (the oldest dropped when full), created: set to the
 * period's end with a note.  Returns 0, or -1 after a message.
 */
static int
edit_report(struct lines *l, const struct ynode *root, const char *file,
    const struct next *nx, int label_given)
{
	const struct ynode *p, *fv, *tv;
	struct edits ed = { NULL, 0 };
	size_t i;

	p = ynode_get(root, "period");
	if (p == NULL || p->type != YNODE_MAP ||
	    (fv = ynode_get(p, "from")) == NULL ||
	    (tv = ynode_get(p, "to")) == NULL) {
		fprintf(stderr, "%s: error: no period with from and to\n",
		    file);
		return -1;
	}
	edit_period(&ed, l, p, fv, tv, nx, label_given);
	if (edit_earlier(&ed, l, root, p, file, nx) != 0) {
		for (i = 0; i < ed.n; i++)
			free(ed.v[i].text);
		free(ed.v);
		return -1;
	}
	edit_pool_created(&ed, l, root, nx);
	edits_apply(&ed, l);
	return 0;
}

/* Says what the oldest period's drop means (nx->drop set): its ndrop
 * case files, the totals, and pool turned off (nx->unpool). */
static void
say_dropped(const struct next *nx, size_t ndrop, const char *out,
    const char *input)
{
	char a[16], b[16];

	iso(a, nx->drop->from);
	iso(b, nx->drop->to);
	printf("new-year: the oldest period %s (%s to %s) dropped out "
	    "of 'earlier:' (at most %d): its %zu case file%s stay%s "
	    "in cases/ and count in no period (check names them); "
	    "pooled totals now cover one period fewer than last "
	    "year's, so with 'disclosure: pool' pool only if no "
	    "total was published last year (docs/disclosure.md, "
	    "\"Pooled periods\")\n", nx->drop->label, a, b,
	    CASE_MAX_EARLIER, ndrop, ndrop == 1 ? "" : "s",
	    ndrop == 1 ? "s" : "");
	if (nx->unpool)
		printf("new-year: 'disclosure: pool' set to false in "
		    "%s/report.yaml: last year's totals, over %s, "
		    "less this year's would give hidden cells away "
		    "(docs/disclosure.md, \"A moved window\"); "
		    "`scrpaper audit --previous %s --pooled` names "
		    "them if you turn it on again\n", out,
		    nx->drop->label, input);
}

/*
 * The next period after the cohort c's current one (set into nx): the
 * day after it ends, months long, labelled label or by its years; the
 * oldest earlier period dropped when earlier: is full, and pool turned
 * off then if it was on.  Returns the number of case files of the
 * dropped period (0 when none drops).  Free nx->label with free().
 */
static size_t
next_period(struct next *nx, const struct cohort *c, long months,
    const char *label)
{
	const struct report *r = &c->report;
	size_t np = report_nperiods(r), i, ndrop = 0;

	nx->cur = &r->periods[np - 1];
	nx->periods = r->periods;
	nx->np = np;
	nx->from = next_day(r->period_to);
	nx->to = period_end(nx->from, (int)months);
	nx->label = label != NULL ? xstrdup(label) :
	    report_period_label(nx->from, nx->to);
	nx->drop = NULL;
	nx->unpool = 0;
	if (np - 1 == CASE_MAX_EARLIER) {
		nx->drop = &r->periods[0];
		nx->unpool = r->pool;
		for (i = 0; i < c->ncases; i++)
			ndrop += report_period_of(r, c->cases[i].completed) ==
			    0;
	}
	return ndrop;
}

/*
 * The text of NEWDIR's report.yaml: INPUT's (o->input) edited to the
 * next period nx, then loaded as o->out's report.yaml, as any is, so
 * that what is written loads.  Returns a new string (free with free()),
 * or NULL after a message (in d, or on stderr).
 */
static char *
new_report(const struct yopts *o, const struct next *nx, struct diag *d)
{
	struct lines l = { NULL, 0, 0 };
	struct ynode *root = NULL;
	struct cohort *chk = NULL;
	char *path, *data = NULL, *text = NULL;
	size_t len;

	path = xasprintf("%s/report.yaml", o->input);
	if (!yml_read_file(path, d, &data, &len) ||
	    !yml_parse(path, data, len, d, &root) || root == NULL)
		goto out;
	lines_split(&l, data);
	if (edit_report(&l, root, path, nx, o->label != NULL) != 0)
		goto out;
	text = lines_join(&l);

	/* The new period's label and dates are checked as any
	 * report.yaml's. */
	chk = cohort_new();
	free(path);
	path = xasprintf("%s/report.yaml", o->out);
	if (!case_load_report_buf(chk, path, text, strlen(text), d)) {
		fprintf(stderr, "scrpaper: new-year: the new report.yaml "
		    "would not load (above)\n");
		free(text);
		text = NULL;
	}
out:
	lines_free(&l);
	ynode_free(root);
	free(data);
	free(path);
	cohort_free(chk);
	return text;
}

/*
 * Writes the folder out: a copy of input with report.yaml's text text,
 * made in a temporary folder beside it and renamed into place, so that
 * nothing is left on an error and an existing out is never written
 * into.  Returns 0, or -1 after a message (nothing written).
 */
static int
write_year_folder(const char *input, const char *out, const char *text)
{
	struct stat st;
	char *tmp;
	mode_t mask;
	int rc = 0;

	tmp = xasprintf("%s.new-year-XXXXXX", out);
	if (mkdtemp(tmp) == NULL) {
		fprintf(stderr, "scrpaper: new-year: %s: %s\n", out,
		    strerror(errno));
		free(tmp);
		return -1;
	}
	mask = umask(0);
	umask(mask);
	if (copy_folder(input, tmp, "cases", text) != 0 ||
	    chmod(tmp, 0777 & ~mask) == -1 ||
	    (renameat2(AT_FDCWD, tmp, AT_FDCWD, out, RENAME_NOREPLACE) ==
	    -1 && (errno != EINVAL && errno != ENOSYS ? 1 :
	    lstat(out, &st) == 0 ? (errno = EEXIST, 1) :
	    rename(tmp, out) == -1))) {
		if (errno != 0)
			fprintf(stderr, "scrpaper: new-year: %s: %s; nothing "
			    "written\n", out, strerror(errno));
		remove_tree(tmp);
		rc = -1;
	}
	free(tmp);
	return rc;
}

/* Says what new-year wrote into out (the next period nx, the dropped
 * one's ndrop case files) and what is left to do. */
static void
say_written(const struct next *nx, size_t ndrop, const char *out,
    const char *input)
{
	char a[16], b[16];
	int k;

	iso(a, nx->from);
	iso(b, nx->to);
	k = months_of(nx->from, nx->to);
	printf("new-year: wrote %s: the period %s, %s to %s (%d month%s), "
	    "after %s", out, nx->label, a, b, k, k == 1 ? "" : "s",
	    nx->cur->label);
	iso(a, nx->cur->from);
	iso(b, nx->cur->to);
	printf(" (%s to %s), now the last of 'earlier:'\n", a, b);
	if (nx->drop != NULL)
		say_dropped(nx, ndrop, out, input);
	iso(b, nx->to);
	printf("new-year: next, copy the year's case files into %s/cases/ "
	    "and set 'created:' in %s/report.yaml to the paper's date "
	    "(check warns until it is after %s)\n", out, out, b);
}

int
cmd_new_year(int argc, char *argv[])
{
	struct yopts o;
	struct diag d;
	struct cohort *c = NULL;
	struct next nx;
	struct stat st;
	char *text = NULL, *end;
	size_t ndrop;
	long months = YEAR_MONTHS;
	int rc;

	memset(&o, 0, sizeof(o));
	memset(&nx, 0, sizeof(nx));
	if ((rc = yparse(argc, argv, "--input -o --output --months --label",
	    &o)) >= 0)
		return rc;
	if (o.out == NULL)
		return yusage("new-year", "%s", "needs -o NEWDIR");
	if (o.months != NULL) {
		errno = 0;
		months = strtol(o.months, &end, 10);
		if (*end != '\0' || errno != 0 || months < 1 ||
		    months > YEAR_MAX_MONTHS)
			return yusage("new-year", "--months: '%s' is not a "
			    "number of months from 1 to 120", o.months);
	}
	if (lstat(o.out, &st) == 0) {
		fprintf(stderr, "scrpaper: new-year: -o %s: already exists; "
		    "refusing to write into it (name a new folder)\n",
		    o.out);
		return EXIT_USE;
	}

	diag_init(&d, stderr);
	rc = EXIT_BAD;
	c = case_load_dir(o.input, NULL, &d);
	if (d.nerrors > 0)
		goto out;
	ndrop = next_period(&nx, c, months, o.label);
	if ((text = new_report(&o, &nx, &d)) == NULL)
		goto out;
	if (write_year_folder(o.input, o.out, text) != 0) {
		rc = EXIT_SYS;
		goto out;
	}
	say_written(&nx, ndrop, o.out, o.input);
	rc = fflush(stdout) == 0 ? EXIT_OK : EXIT_SYS;
out:
	if (rc == EXIT_BAD && d.nerrors > 0)
		fprintf(stderr, "scrpaper: %zu error%s; nothing written\n",
		    d.nerrors, d.nerrors == 1 ? "" : "s");
	free(text);
	free(nx.label);
	cohort_free(c);
	diag_clear(&d);
	return rc;
}
