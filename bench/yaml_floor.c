/* yaml_floor: the floor for loading.
 *
 *   yaml_floor PATH...
 *
 * Each PATH is a .yaml file or a folder; a folder's *.yaml files are read
 * (not recursively, in directory order).  Every file is read into memory
 * and parsed with libyaml's event API, and the events are counted and
 * thrown away: no tree, no validation, no sorting.  Nothing that loads the
 * same files can cost less, so `scrpaper figures` on a cohort is quoted as
 * a ratio to this program run on the same files (see bench/README.md).
 *
 * Prints "FILES files, EVENTS events" on stderr; exit 1 on any read or
 * parse error.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

static unsigned char *buf;
static size_t bufcap;
static unsigned long nfiles, nevents;

static int parse_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	struct stat st;
	size_t len = 0;
	ssize_t r;
	yaml_parser_t p;
	yaml_event_t ev;
	int done = 0, rc = 0;

	if (fd < 0 || fstat(fd, &st) != 0) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return 1;
	}
	if ((size_t)st.st_size + 1 > bufcap) {
		bufcap = (size_t)st.st_size + 4096;
		free(buf);
		if ((buf = malloc(bufcap)) == NULL) {
			fprintf(stderr, "out of memory\n");
			exit(1);
		}
	}
	while (len < bufcap && (r = read(fd, buf + len, bufcap - len)) > 0)
		len += (size_t)r;
	close(fd);

	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, buf, len);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			fprintf(stderr, "%s:%lu:%lu: %s\n", path,
			    (unsigned long)p.problem_mark.line + 1,
			    (unsigned long)p.problem_mark.column + 1,
			    p.problem ? p.problem : "parse error");
			rc = 1;
			break;
		}
		nevents++;
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	nfiles++;
	return rc;
}

static int is_yaml(const char *name)
{
	size_t n = strlen(name);

	return n > 5 && strcmp(name + n - 5, ".yaml") == 0;
}

int main(int argc, char **argv)
{
	int rc = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s PATH...\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		struct stat st;
		DIR *d;
		struct dirent *de;

		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "%s: %s\n", argv[i], strerror(errno));
			return 1;
		}
		if (!S_ISDIR(st.st_mode)) {
			rc |= parse_file(argv[i]);
			continue;
		}
		if ((d = opendir(argv[i])) == NULL) {
			fprintf(stderr, "%s: %s\n", argv[i], strerror(errno));
			return 1;
		}
		while ((de = readdir(d)) != NULL) {
			char path[4096];

			if (!is_yaml(de->d_name))
				continue;
			snprintf(path, sizeof path, "%s/%s", argv[i], de->d_name);
			rc |= parse_file(path);
		}
		closedir(d);
	}
	fprintf(stderr, "%lu files, %lu events\n", nfiles, nevents);
	free(buf);
	return rc;
}
