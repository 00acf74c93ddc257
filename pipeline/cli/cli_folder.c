/*
 * cli_folder.c: the folders -o writes into.  The restricted edition's
 * folder, known by its marker file (checked before anything is written,
 * made and marked before a restricted render), and making a folder with
 * its parents.
 */
#define _DEFAULT_SOURCE		/* realpath() */
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "util.h"
#include "diag.h"
#include "case.h"
#include "fig.h"
#include "doc.h"
#include "paper.h"
#include "render.h"
#include "cli.h"

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
int
cli_out_marker_check(const struct opts *o)
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

/*
 * Before a restricted render: makes the folder (0700 when made here,
 * whatever the umask), checks it again and writes the marker into it
 * when missing.  Returns 0, or an exit status after a message.
 */
int
cli_restricted_prepare(const struct opts *o)
{
	static const char text[] = "This folder holds the restricted "
	    "(OFFICIAL-SENSITIVE) edition of board papers: scrpaper writes no "
	    "public paper or data here.\n";
	char *dir = out_folder(o), *mark;
	struct stat sb;
	int rc, fd;

	if (o->all_lscbs && lstat(dir, &sb) == -1 && errno == ENOENT) {
		if (cli_make_dirs(dir, 0700) == -1 || chmod(dir, 0700) == -1) {
			fprintf(stderr, "scrpaper: %s: cannot create the "
			    "folder: %s\n", dir, strerror(errno));
			free(dir);
			return EXIT_SYSERR;
		}
	}
	if ((rc = cli_out_marker_check(o)) >= 0) {
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

/* Creates the folder path and any missing parents (mkdir -p), each new
 * one with mode: less the umask for 0777, else exactly mode, whatever
 * the umask (0700 for the restricted edition).  Returns 0, or -1 with
 * errno set. */
int
cli_make_dirs(const char *path, mode_t mode)
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
