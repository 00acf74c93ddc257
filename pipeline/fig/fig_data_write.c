/*
 * fig_data_write.c: `scrpaper data -o DIR` writes the open data set
 * (fig_data.c makes its three files) into DIR: checked first, every
 * target that is not a regular file refused before anything is written,
 * each file written whole or not at all (docs/data.md).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "util.h"
#include "diag.h"
#include "case.h"
#include "fig.h"
#include "fig_data.h"

/* Writes data to dir/name whole; returns 0, or -1 after a message. */
static int
write_one(const char *dir, const char *name, const char *data)
{
	char *path = xasprintf("%s/%s", dir, name);
	int rc = 0;

	if (file_write_atomic(path, data, strlen(data)) != 0) {
		fprintf(stderr, "scrpaper: %s: %s\n", path, strerror(errno));
		rc = -1;
	}
	free(path);
	return rc;
}

/*
 * Refuses, before anything is written, a folder dir that is something
 * else (a symbolic link too: nothing is written through one), and any of its three files that is not a regular file (a
 * symbolic link, a device, a folder): none is replaced or written
 * through.  Returns 0, or 2 (a usage error) after a message for each.
 */
static int
refuse_targets(const char *dir)
{
	static const char *const names[] = { FIG_DATA_CSV, FIG_DATA_META,
	    FIG_DATA_README };
	struct stat sb;
	const char *why;
	char *path;
	size_t i;
	int rc = 0;

	if (lstat(dir, &sb) == 0 && !S_ISDIR(sb.st_mode)) {
		fprintf(stderr, "scrpaper: -o %s: %s, not a folder; the open "
		    "data set is a folder of three files, written only into a "
		    "folder (nothing written)\n", dir, S_ISLNK(sb.st_mode) ?
		    "a symbolic link" : "something else");
		return 2;
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		path = xasprintf("%s/%s", dir, names[i]);
		if ((why = file_target_refusal(path)) != NULL) {
			fprintf(stderr, "scrpaper: -o %s: %s, not a regular "
			    "file; refusing to replace it (nothing written)\n",
			    path, why);
			rc = 2;
		}
		free(path);
	}
	return rc;
}

int
fig_data_write(const struct fig_set *s, const struct cohort *c,
    const char *report_file, const char *figures_file, const char *dir,
    struct diag *d)
{
	char *csv, *meta, *readme;
	int rc = 0;

	if (!fig_data_check(s, c, report_file, figures_file, d))
		return 1;
	if ((rc = refuse_targets(dir)) != 0)
		return rc;
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "scrpaper: %s: %s\n", dir, strerror(errno));
		return EXIT_SYSERR;
	}
	csv = fig_data_csv(s, c);
	meta = fig_data_meta(c);
	readme = fig_data_readme(c);
	if (write_one(dir, FIG_DATA_CSV, csv) != 0 ||
	    write_one(dir, FIG_DATA_META, meta) != 0 ||
	    write_one(dir, FIG_DATA_README, readme) != 0)
		rc = EXIT_SYSERR;
	free(csv);
	free(meta);
	free(readme);
	return rc;
}
