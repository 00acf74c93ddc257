/*
 * test_bad_corpus.c: runs the loader over the bad-input corpus in
 * tests/bad/ (see tests/bad/README.md) and over hostile inputs built at
 * test time (deep nesting, huge scalars and files, huge mappings and
 * lists).  Every input must be refused with exactly the diagnostics
 * expected, and quickly.  Run from the project root.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "util.h"
#include "diag.h"
#include "yml.h"
#include "case.h"
#include "testutil.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Each input must be handled in under this many seconds: generous, this
 * is not a benchmark, only a guard against quadratic or worse loops.
 * Sanitizer builds allow 5 times as long; SCR_TEST_TIME_FACTOR=N (for
 * valgrind, say 50) sets the factor. */
#define TIME_BASE	2.0
#define TIME_LIMIT	time_limit()

#define BAD_DIR		"tests/bad"
#define OUT_DIR		"tests/out"

static double
time_limit(void)
{
	static double limit;
	const char *e;
	double f = 1.0;

	if (limit > 0)
		return limit;
#if defined(__SANITIZE_ADDRESS__)
	f = 5.0;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
	f = 5.0;
#endif
#endif
	if ((e = getenv("SCR_TEST_TIME_FACTOR")) != NULL && atof(e) > 0)
		f = atof(e);
	limit = TIME_BASE * f;
	return limit;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Reads a whole small file; fails the test if it cannot. */
static char *
slurp(const char *path, size_t *len)
{
	char *data;

	if (file_read_all(path, 64u * 1024 * 1024, &data, len) != 0) {
		fprintf(stderr, "-- cannot read %s: %s\n", path,
		    strerror(errno));
		fail();
	}
	return data;
}

/* Asserts that the diagnostics in d are exactly the lines of diag_path. */
static void
assert_diags_match_file(const struct diag *d, const char *diag_path)
{
	size_t len, i = 0, n = 0;
	char *want, *line, *save = NULL;
	int ok = 1;

	want = slurp(diag_path, &len);
	for (line = strtok_r(want, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save), n++) {
		char *got;

		if (i >= d->nitems) {
			fprintf(stderr, "-- missing: %s\n", line);
			ok = 0;
			continue;
		}
		got = diag_format(d, i++);
		if (strcmp(got, line) != 0) {
			fprintf(stderr, "-- expected: %s\n--      got: %s\n",
			    line, got);
			ok = 0;
		}
		free(got);
	}
	for (; i < d->nitems; i++) {
		char *got = diag_format(d, i);

		fprintf(stderr, "-- unexpected: %s\n", got);
		free(got);
		ok = 0;
	}
	if (!ok)
		fprintf(stderr, "-- (%zu expected in %s, %zu got)\n", n,
		    diag_path, d->nitems);
	free(want);
	assert_true(ok);
}

/* A cohort with the real input/report.yaml, codebook.yaml and
 * national.yaml, the settings every corpus case is checked against. */
static struct cohort *
input_cohort(void)
{
	static const struct {
		const char *path;
		int (*fn)(struct cohort *, const char *, const char *, size_t,
		    struct diag *);
	} files[] = {
		{ "input/report.yaml", case_load_report_buf },
		{ "input/codebook.yaml", case_load_codebook_buf },
		{ "input/national.yaml", case_load_national_buf },
	};
	struct cohort *c = cohort_new();
	struct diag d;
	size_t i, len;

	diag_init(&d, NULL);
	for (i = 0; i < NELEM(files); i++) {
		char *data = slurp(files[i].path, &len);

		files[i].fn(c, files[i].path, data, len, &d);
		free(data);
	}
	if (d.nitems != 0)
		dump_diags(&d, "input/ settings");
	assert_int_equal(d.nitems, 0);
	diag_clear(&d);
	return c;
}

/* --- the committed corpus ---------------------------------------------- */

enum kind { K_CASE, K_REPORT, K_CODEBOOK, K_NATIONAL, K_DUPS };

struct corpus_file {
	char		*yaml;		/* tests/bad/KIND/NAME.yaml */
	char		*diag;		/* tests/bad/KIND/NAME.diag */
	enum kind	 kind;
};

static int
strp_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists dir's files ending in ext, sorted, as "dir/name". */
static char **
list_dir(const char *dir, const char *ext, size_t *np)
{
	DIR *dp;
	struct dirent *de;
	char **v = NULL;
	size_t n = 0, cap = 0, el = strlen(ext);

	*np = 0;
	if ((dp = opendir(dir)) == NULL)
		return NULL;
	while ((de = readdir(dp)) != NULL) {
		size_t len = strlen(de->d_name);

		if (de->d_name[0] == '.' || len <= el ||
		    strcmp(de->d_name + len - el, ext) != 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		v[n++] = xasprintf("%s/%s", dir, de->d_name);
	}
	closedir(dp);
	if (n > 0)
		qsort(v, n, sizeof(*v), strp_cmp);
	*np = n;
	return v;
}

static void
free_list(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static char *
with_ext(const char *path, const char *ext)
{
	const char *dot = strrchr(path, '.');

	return xasprintf("%.*s%s", (int)(dot - path), path, ext);
}

static void
run_corpus_file(void **state)
{
	const struct corpus_file *f = *state;
	struct cohort *c;
	struct diag d;
	double t0, dt;
	char *data = NULL;
	size_t len;
	int rc;

	diag_init(&d, NULL);
	if (access(f->diag, R_OK) != 0) {
		fprintf(stderr, "-- %s has no %s\n", f->yaml, f->diag);
		fail();
	}
	c = f->kind == K_CASE ? input_cohort() : cohort_new();
	if (f->kind != K_CASE)
		data = slurp(f->yaml, &len);
	t0 = now();
	switch (f->kind) {
	case K_CASE:
		rc = case_load_case_file(c, f->yaml, &d);
		break;
	case K_REPORT:
		rc = case_load_report_buf(c, f->yaml, data, len, &d);
		break;
	case K_CODEBOOK:
		rc = case_load_codebook_buf(c, f->yaml, data, len, &d);
		break;
	default:
		rc = case_load_national_buf(c, f->yaml, data, len, &d);
		break;
	}
	dt = now() - t0;
	free(data);
	assert_diags_match_file(&d, f->diag);
	assert_int_equal(rc, 0);
	assert_true(d.nerrors > 0);
	if (dt >= TIME_LIMIT)
		fprintf(stderr, "-- %s took %.2f s\n", f->yaml, dt);
	assert_true(dt < TIME_LIMIT);
	diag_clear(&d);
	cohort_free(c);
}

/* tests/bad/dup-ids/: every *.yaml there is loaded into one cohort, and
 * case_validate_cohort() must report exactly expected.diag. */
static void
duplicate_ids_across_files(void **state)
{
	struct cohort *c = input_cohort();
	struct diag d;
	char **files;
	size_t n, i;

	(void)state;
	diag_init(&d, NULL);
	files = list_dir(BAD_DIR "/dup-ids", ".yaml", &n);
	assert_true(n >= 2);
	for (i = 0; i < n; i++)
		assert_int_equal(case_load_case_file(c, files[i], &d), 1);
	assert_int_equal(d.nitems, 0);
	assert_int_equal(case_validate_cohort(c, &d), 0);
	assert_diags_match_file(&d, BAD_DIR "/dup-ids/expected.diag");
	free_list(files, n);
	diag_clear(&d);
	cohort_free(c);
}

/* Every .diag in the corpus belongs to a .yaml (none left behind). */
static void
no_diag_without_its_yaml(void **state)
{
	static const char *const dirs[] = { BAD_DIR "/cases",
	    BAD_DIR "/report", BAD_DIR "/codebook", BAD_DIR "/national" };
	size_t i, j, n;
	int ok = 1;

	(void)state;
	for (i = 0; i < NELEM(dirs); i++) {
		char **v = list_dir(dirs[i], ".diag", &n);

		for (j = 0; j < n; j++) {
			char *y = with_ext(v[j], ".yaml");

			if (access(y, R_OK) != 0) {
				fprintf(stderr, "-- %s has no %s\n", v[j], y);
				ok = 0;
			}
			free(y);
		}
		free_list(v, n);
	}
	assert_true(ok);
}

/* The corpus holds at least 30 files. */
static void
corpus_is_large_enough(void **state)
{
	size_t n, total = 0;
	char **v;

	(void)state;
	v = list_dir(BAD_DIR "/cases", ".yaml", &n);
	free_list(v, n);
	assert_true(n >= 30);
	total += n;
	v = list_dir(BAD_DIR "/report", ".yaml", &n);
	free_list(v, n);
	assert_true(n >= 1);
	total += n;
	v = list_dir(BAD_DIR "/codebook", ".yaml", &n);
	free_list(v, n);
	assert_true(n >= 1);
	total += n;
	v = list_dir(BAD_DIR "/national", ".yaml", &n);
	free_list(v, n);
	assert_true(n >= 1);
	total += n;
	assert_true(total >= 30);
}

/* --- hostile inputs built at test time --------------------------------- */

/* Loads len bytes as a case (or, for kind K_REPORT / K_NATIONAL, as that
 * file) named "gen.yaml"; asserts failure within the time limit and
 * returns the diagnostics in d. */
static int
load_gen(enum kind kind, const char *data, size_t len, struct diag *d,
    double *dt)
{
	struct cohort *c = kind == K_CASE ? input_cohort() : cohort_new();
	double t0 = now();
	int rc;

	if (kind == K_REPORT)
		rc = case_load_report_buf(c, "gen.yaml", data, len, d);
	else if (kind == K_NATIONAL)
		rc = case_load_national_buf(c, "gen.yaml", data, len, d);
	else
		rc = case_load_case_buf(c, "gen.yaml", data, len, d);
	*dt = now() - t0;
	cohort_free(c);
	return rc;
}

static void
assert_first(const struct diag *d, const char *want, size_t nitems,
    double dt, const char *what)
{
	char *got;

	if (d->nitems != nitems || dt >= TIME_LIMIT) {
		fprintf(stderr, "-- %s: %.2f s\n", what, dt);
		dump_diags(d, what);
	}
	assert_int_equal(d->nitems, nitems);
	got = diag_format(d, 0);
	assert_string_equal(got, want);
	free(got);
	assert_true(dt < TIME_LIMIT);
}

/* Loads the text of b as a file of kind, which must be refused, quickly,
 * with want as the first of nitems messages; empties b. */
static void
expect_refused(enum kind kind, struct buf *b, const char *want,
    size_t nitems, const char *what)
{
	struct diag d;
	double dt;

	diag_init(&d, NULL);
	assert_int_equal(load_gen(kind, b->data, b->len, &d, &dt), 0);
	assert_first(&d, want, nitems, dt, what);
	buf_clear(b);
	diag_clear(&d);
}

static const char case_head[] =
	"id: LON-GEN-001\nlscb: Haringey\ncompleted: 2008-11-12\n"
	"children:\n  - sex: male\n    age_years: 3\n"
	"    outcome: serious_harm\n";	/* 7 lines */

static void
flow_nesting_200000_deep_is_refused(void **state)
{
	size_t depth = 200000;
	char *s = xmalloc(2 * depth + 1);
	struct diag d;
	double dt;

	(void)state;
	memset(s, '[', depth);
	memset(s + depth, ']', depth);
	s[2 * depth] = '\n';
	diag_init(&d, NULL);
	assert_int_equal(load_gen(K_CASE, s, 2 * depth + 1, &d, &dt), 0);
	assert_first(&d, "gen.yaml:1:65: error: nesting deeper than 64 levels",
	    1, dt, "[[[[");
	free(s);
	diag_clear(&d);
}

static void
flow_mapping_nesting_200000_deep_is_refused(void **state)
{
	struct buf b;
	int i;

	(void)state;
	buf_init(&b);
	for (i = 0; i < 200000; i++)
		buf_puts(&b, "{a: ");
	buf_puts(&b, "x");
	for (i = 0; i < 200000; i++)
		buf_putc(&b, '}');
	buf_putc(&b, '\n');
	expect_refused(K_CASE, &b, "gen.yaml:1:257: error: nesting deeper than 64 "
	    "levels", 1, "{a: {a:");
}

static void
block_nesting_200000_deep_is_refused(void **state)
{
	struct buf b;
	int i;

	(void)state;
	buf_init(&b);
	for (i = 0; i < 200000; i++)
		buf_puts(&b, "- ");
	buf_puts(&b, "x\n");
	expect_refused(K_CASE, &b, "gen.yaml:1:129: error: nesting deeper than 64 "
	    "levels", 1, "- - - -");
}

static void
scalar_of_8_mb_is_refused(void **state)
{
	size_t n = 8u * 1000 * 1000, hl = strlen(case_head);
	char *s = xmalloc(hl + 8 + n + 2);
	struct diag d;
	double dt;

	(void)state;
	memcpy(s, case_head, hl);
	memcpy(s + hl, "notes: ", 7);
	memset(s + hl + 7, 'x', n);
	s[hl + 7 + n] = '\n';
	diag_init(&d, NULL);
	assert_int_equal(load_gen(K_CASE, s, hl + 7 + n + 1, &d, &dt), 0);
	/* Past the file limit, which every loader enforces on buffers
	 * too; a scalar just over its own limit is in test_case_load. */
	assert_first(&d, "gen.yaml: error: file is larger than 4 MiB",
	    1, dt, "8 MB scalar");
	free(s);
	diag_clear(&d);
}

/* Writes data to a new file under tests/out; returns its path. */
static char *
write_temp(const char *name, const char *data, size_t len)
{
	char *path;
	FILE *f;

	if (mkdir(OUT_DIR, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "-- cannot create %s: %s\n", OUT_DIR,
		    strerror(errno));
		fail();
	}
	path = xasprintf(OUT_DIR "/%s-%ld.yaml", name, (long)getpid());
	if ((f = fopen(path, "wb")) == NULL ||
	    fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		fprintf(stderr, "-- cannot write %s: %s\n", path,
		    strerror(errno));
		fail();
	}
	return path;
}

/* A case of exactly max bytes: the case, then comment lines. */
static char *
padded_case(size_t size)
{
	size_t hl = strlen(case_head), i;
	char *s = xmalloc(size + 1);

	memcpy(s, case_head, hl);
	for (i = hl; i < size; i++)
		s[i] = (i - hl) % 80 == 0 ? '#' : (i - hl) % 80 == 79 ?
		    '\n' : 'x';
	s[size] = '\0';
	return s;
}

static void
file_over_4_mib_is_refused(void **state)
{
	char *s = padded_case(YML_MAX_FILE + 1), *path, *want;
	struct cohort *c = input_cohort();
	struct diag d;
	double t0, dt;

	(void)state;
	path = write_temp("big", s, YML_MAX_FILE + 1);
	diag_init(&d, NULL);
	t0 = now();
	assert_int_equal(case_load_case_file(c, path, &d), 0);
	dt = now() - t0;
	want = xasprintf("%s: error: file is larger than 4 MiB", path);
	assert_first(&d, want, 1, dt, "> 4 MiB file");
	unlink(path);
	free(want);
	free(path);
	free(s);
	diag_clear(&d);
	cohort_free(c);
}

static void
file_of_exactly_4_mib_loads(void **state)
{
	char *s = padded_case(YML_MAX_FILE), *path;
	struct cohort *c = input_cohort();
	struct diag d;
	double t0, dt;

	(void)state;
	path = write_temp("max", s, YML_MAX_FILE);
	diag_init(&d, NULL);
	t0 = now();
	assert_int_equal(case_load_case_file(c, path, &d), 1);
	dt = now() - t0;
	if (d.nitems)
		dump_diags(&d, "4 MiB file");
	assert_int_equal(d.nitems, 0);
	assert_true(dt < TIME_LIMIT);
	unlink(path);
	free(path);
	free(s);
	diag_clear(&d);
	cohort_free(c);
}

static void
scalar_of_almost_4_mib_in_a_file_is_refused(void **state)
{
	size_t hl = strlen(case_head), n = YML_MAX_FILE - 1024;
	char *s = xmalloc(hl + n + 9), *path, *want;
	struct cohort *c = input_cohort();
	struct diag d;
	double t0, dt;

	(void)state;
	memcpy(s, case_head, hl);
	memcpy(s + hl, "notes: ", 7);
	memset(s + hl + 7, 'y', n);
	s[hl + 7 + n] = '\n';
	path = write_temp("scalar", s, hl + n + 8);
	diag_init(&d, NULL);
	t0 = now();
	assert_int_equal(case_load_case_file(c, path, &d), 0);
	dt = now() - t0;
	want = xasprintf("%s:8:8: error: value longer than 65536 bytes", path);
	assert_first(&d, want, 1, dt, "4 MiB scalar");
	unlink(path);
	free(want);
	free(path);
	free(s);
	diag_clear(&d);
	cohort_free(c);
}

/* 100 000 keys are 200 001 nodes: one over the node limit. */
static void
mapping_of_100k_keys_is_refused(void **state)
{
	struct buf b;
	int i;

	(void)state;
	buf_init(&b);
	for (i = 0; i < 100000; i++)
		buf_printf(&b, "k%06d: 1\n", i);
	expect_refused(K_CASE, &b, "gen.yaml:100000:10: error: more than 200000 YAML "
	    "nodes in one file", 1, "100k keys");
}

/* Just under the node limit: 99 990 unknown keys stop after 50 errors. */
static void
mapping_of_99990_unknown_keys_is_capped(void **state)
{
	struct buf b;
	struct diag d;
	double dt;
	char *last;
	int i;

	(void)state;
	buf_init(&b);
	buf_puts(&b, case_head);
	for (i = 0; i < 99990; i++)
		buf_printf(&b, "key_%06d: 1\n", i);
	diag_init(&d, NULL);
	assert_int_equal(load_gen(K_CASE, b.data, b.len, &d, &dt), 0);
	assert_first(&d, "gen.yaml:8:1: error: unknown key 'key_000000' in a "
	    "case descriptor", 51, dt, "99990 keys");
	last = diag_format(&d, 50);
	assert_string_equal(last, "gen.yaml:58:1: error: too many errors; the "
	    "rest of this file is not checked");
	free(last);
	buf_clear(&b);
	diag_clear(&d);
}

/* A list of 100 000 unknown codes is refused quickly (no suggestion search
 * should run once the file is past its error cap). */
static void
list_of_100k_unknown_codes_is_capped(void **state)
{
	struct buf b;
	int i;

	(void)state;
	buf_init(&b);
	buf_puts(&b, case_head);
	buf_puts(&b, "factors:\n");
	for (i = 0; i < 100000; i++)
		buf_printf(&b, "  - known_to_cs%d\n", i % 10);
	expect_refused(K_CASE, &b, "gen.yaml:9:5: error: unknown code 'known_to_cs0' in "
	    "'factors'; did you mean 'known_to_csc'?", 51, "100k codes");
}

static void
alias_bomb_is_refused_at_the_first_alias(void **state)
{
	struct buf b;
	int i, j;

	(void)state;
	buf_init(&b);
	buf_puts(&b, "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
	for (i = 1; i < 30; i++) {
		buf_printf(&b, "a%d: &a%d [", i, i);
		for (j = 0; j < 9; j++)
			buf_printf(&b, "%s*a%d", j ? ", " : "", i - 1);
		buf_puts(&b, "]\n");
	}
	expect_refused(K_CASE, &b, "gen.yaml:1:5: error: YAML anchors ('&a0') are not "
	    "allowed here", 3, "alias bomb");
}

/* 100 000 documents: refused at the second. */
static void
stream_of_100k_documents_is_refused(void **state)
{
	struct buf b;
	int i;

	(void)state;
	buf_init(&b);
	for (i = 0; i < 100000; i++)
		buf_puts(&b, "---\na: 1\n");
	expect_refused(K_CASE, &b, "gen.yaml:3:1: error: a second YAML document: a file "
	    "holds one only", 1, "100k documents");
}

/* Builds a report listing n distinct boards (line 8 on). */
static void
report_with_boards(struct buf *b, int n)
{
	int i;

	buf_puts(b, "title: T\nregion: R\nperiod: {from: 2006-04-01, "
	    "to: 2009-09-30}\norganisation: O\nauthors: [A]\n"
	    "national_study: 2008-09\nlscbs:\n");
	for (i = 0; i < n; i++)
		buf_printf(b, "  - Board %d\n", i);
}

/* Regression: the check for a board listed twice compared every pair, so
 * 60 000 boards took seconds (190 000: about 36 s).  Now at most
 * CASE_MAX_LSCBS boards are allowed, and as many load quickly. */
static void
report_with_most_boards_allowed_loads_quickly(void **state)
{
	struct cohort *c = cohort_new();
	struct buf b;
	struct diag d;
	double t0, dt;

	(void)state;
	buf_init(&b);
	report_with_boards(&b, CASE_MAX_LSCBS);
	diag_init(&d, NULL);
	t0 = now();
	assert_int_equal(case_load_report_buf(c, "gen.yaml", b.data, b.len,
	    &d), 1);
	dt = now() - t0;
	if (d.nitems || dt >= TIME_LIMIT)
		dump_diags(&d, "most boards");
	assert_int_equal(d.nitems, 0);
	assert_int_equal(c->report.nlscbs, CASE_MAX_LSCBS);
	assert_true(dt < TIME_LIMIT);
	buf_clear(&b);
	diag_clear(&d);
	cohort_free(c);
}

static void
report_with_60000_boards_is_refused_quickly(void **state)
{
	struct buf b;
	struct diag d;
	double dt;
	char *want;

	(void)state;
	buf_init(&b);
	report_with_boards(&b, 60000);
	diag_init(&d, NULL);
	assert_int_equal(load_gen(K_REPORT, b.data, b.len, &d, &dt), 0);
	want = xasprintf("gen.yaml:8:3: error: more than %d boards",
	    CASE_MAX_LSCBS);
	assert_first(&d, want, 1, dt, "60000 boards");
	free(want);
	buf_clear(&b);
	diag_clear(&d);
}

/* Regression: each study id was looked up among those before it, so
 * 66 000 studies took seconds.  Now at most CASE_MAX_STUDIES. */
static void
national_with_most_studies_allowed_loads_quickly(void **state)
{
	struct cohort *c = cohort_new();
	struct buf b;
	struct diag d;
	double t0, dt;
	int i;

	(void)state;
	buf_init(&b);
	buf_puts(&b, "studies:\n");
	for (i = 0; i < CASE_MAX_STUDIES; i++)
		buf_printf(&b, "  - {id: s%d, title: t, citation: c, period: p, "
		    "figures: {boys: 50}}\n", i);
	diag_init(&d, NULL);
	t0 = now();
	assert_int_equal(case_load_national_buf(c, "gen.yaml", b.data, b.len,
	    &d), 1);
	dt = now() - t0;
	if (d.nitems || dt >= TIME_LIMIT)
		dump_diags(&d, "most studies");
	assert_int_equal(d.nitems, 0);
	assert_int_equal(c->national.nstudies, CASE_MAX_STUDIES);
	assert_true(dt < TIME_LIMIT);
	buf_clear(&b);
	diag_clear(&d);
	cohort_free(c);
}

static void
national_with_66000_studies_is_refused_quickly(void **state)
{
	struct buf b;
	struct diag d;
	double dt;
	char *want;
	int i;

	(void)state;
	buf_init(&b);
	buf_puts(&b, "studies:\n");
	for (i = 0; i < 66000; i++)
		buf_printf(&b, "  - {id: s%d}\n", i);
	diag_init(&d, NULL);
	assert_int_equal(load_gen(K_NATIONAL, b.data, b.len, &d, &dt), 0);
	want = xasprintf("gen.yaml:2:3: error: more than %d studies",
	    CASE_MAX_STUDIES);
	assert_first(&d, want, 1, dt, "66000 studies");
	free(want);
	buf_clear(&b);
	diag_clear(&d);
}

/* --- running ----------------------------------------------------------- */

int
main(void)
{
	static const struct { const char *dir; enum kind kind; } dirs[] = {
		{ BAD_DIR "/cases", K_CASE },
		{ BAD_DIR "/report", K_REPORT },
		{ BAD_DIR "/codebook", K_CODEBOOK },
		{ BAD_DIR "/national", K_NATIONAL },
	};
	const struct CMUnitTest fixed[] = {
		cmocka_unit_test(corpus_is_large_enough),
		cmocka_unit_test(no_diag_without_its_yaml),
		cmocka_unit_test(duplicate_ids_across_files),
	};
	const struct CMUnitTest generated[] = {
		cmocka_unit_test(flow_nesting_200000_deep_is_refused),
		cmocka_unit_test(flow_mapping_nesting_200000_deep_is_refused),
		cmocka_unit_test(block_nesting_200000_deep_is_refused),
		cmocka_unit_test(scalar_of_8_mb_is_refused),
		cmocka_unit_test(file_over_4_mib_is_refused),
		cmocka_unit_test(file_of_exactly_4_mib_loads),
		cmocka_unit_test(scalar_of_almost_4_mib_in_a_file_is_refused),
		cmocka_unit_test(mapping_of_100k_keys_is_refused),
		cmocka_unit_test(mapping_of_99990_unknown_keys_is_capped),
		cmocka_unit_test(list_of_100k_unknown_codes_is_capped),
		cmocka_unit_test(alias_bomb_is_refused_at_the_first_alias),
		cmocka_unit_test(stream_of_100k_documents_is_refused),
		cmocka_unit_test(report_with_most_boards_allowed_loads_quickly),
		cmocka_unit_test(report_with_60000_boards_is_refused_quickly),
		cmocka_unit_test(
		    national_with_most_studies_allowed_loads_quickly),
		cmocka_unit_test(
		    national_with_66000_studies_is_refused_quickly),
	};
	struct corpus_file *files = NULL;
	struct CMUnitTest *tests;
	size_t nfiles = 0, i, j, n;
	int rc = 0;

	for (i = 0; i < NELEM(dirs); i++) {
		char **v = list_dir(dirs[i].dir, ".yaml", &n);

		files = xreallocarray(files, nfiles + n, sizeof(*files));
		for (j = 0; j < n; j++) {
			files[nfiles].yaml = v[j];
			files[nfiles].diag = with_ext(v[j], ".diag");
			files[nfiles].kind = dirs[i].kind;
			nfiles++;
		}
		free(v);
	}
	tests = xcalloc(nfiles ? nfiles : 1, sizeof(*tests));
	for (i = 0; i < nfiles; i++) {
		tests[i].name = files[i].yaml;
		tests[i].test_func = run_corpus_file;
		tests[i].initial_state = &files[i];
	}
	rc += cmocka_run_group_tests_name("bad corpus", fixed, NULL, NULL);
	rc += _cmocka_run_group_tests("bad corpus: " BAD_DIR, tests, nfiles,
	    NULL, NULL);
	rc += cmocka_run_group_tests_name("bad corpus: generated", generated,
	    NULL, NULL);
	for (i = 0; i < nfiles; i++) {
		free(files[i].yaml);
		free(files[i].diag);
	}
	free(files);
	free(tests);
	return rc != 0;
}
