/*
 * test_fig_cache.c: tests of the solve cache (pipeline/fig/fig_cache.c).
 * Two boards and London, a real solve (fig_suppress()) over them: the
 * entry kept gives fresh ledgers exactly the solve's result; any change
 * of a count, a setting or the program is a miss; a damaged, truncated
 * or misplaced entry is ignored and leaves the ledgers untouched; the
 * folder stays bounded; without the cache nothing is written.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "util.h"
#include "diag.h"
#include "case.h"
#include "fig.h"
#include "fig_impl.h"
#include "fig_cache.h"

static const char figs_yaml[] =
    "figures:\n"
    "  - {name: children, unit: count, count_of: children, public: true}\n"
    "  - {name: harm, unit: count, count_of: children,"
    " where: {outcome: serious_harm}}\n"
    "  - {name: died, unit: count, count_of: children,"
    " where: {outcome: died}}\n"
    "relations:\n"
    "  - harm + died = children\n";

static const char codebook_yaml[] =
    "codes:\n"
    "  drug_misuse: {level: case, label: drugs, description: d}\n";

struct world {
	struct cohort	*c;
	struct fig_set	*s;
	char		 dir[64];	/* the cache folder */
};

/* A ledger: children n, harm h, the rest died; nothing solved yet. */
static struct fig_ledger *
ledger(const struct fig_set *s, int lscb, long n, long h)
{
	struct fig_ledger *l = xcalloc(1, sizeof(*l));
	size_t i;

	l->lscb = lscb;
	l->cases = l->children = n;
	l->nvalues = fig_set_size(s);
	l->values = xcalloc(l->nvalues, sizeof(*l->values));
	for (i = 0; i < l->nvalues; i++) {
		struct fig_value *v = &l->values[i];

		v->name = xstrdup(fig_set_name(s, i));
		v->unit = FIG_COUNT;
		v->style = FIG_STYLE_DIGITS;
		v->percent = -1;
		v->num = i == 0 ? n : i == 1 ? h : n - h;
	}
	return l;
}

/* Boards A (20 children, 2 harmed) and B (30, 20) and London. */
static void
ledgers(const struct world *w, struct fig_ledger **led)
{
	led[0] = ledger(w->s, 0, 20, 2);
	led[1] = ledger(w->s, 1, 30, 20);
	led[2] = ledger(w->s, -1, 50, 22);
}

static void
ledgers_free(struct fig_ledger **led)
{
	size_t i;

	for (i = 0; i < 3; i++)
		fig_ledger_free(led[i]);
}

static int
setup(void **state)
{
	struct world *w = xcalloc(1, sizeof(*w));
	struct diag d;

	diag_init(&d, stderr);
	w->c = cohort_new();
	if (case_load_codebook_buf(w->c, "codebook.yaml", codebook_yaml,
	    sizeof(codebook_yaml) - 1, &d) != 1)
		return -1;
	w->s = fig_load_buf("figs.yaml", figs_yaml, strlen(figs_yaml), w->c,
	    &d);
	diag_clear(&d);
	if (w->s == NULL)
		return -1;
	strcpy(w->dir, "/tmp/test_fig_cache.XXXXXX");
	if (mkdtemp(w->dir) == NULL)
		return -1;
	*state = w;
	return 0;
}

/* Removes every file of dir, then dir. */
static void
rm_dir(const char *dir)
{
	struct dirent *de;
	DIR *d;

	if ((d = opendir(dir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			char *p;

			if (de->d_name[0] == '.' && (de->d_name[1] == '\0' ||
			    strcmp(de->d_name, "..") == 0))
				continue;
			p = xasprintf("%s/%s", dir, de->d_name);
			unlink(p);
			free(p);
		}
		closedir(d);
	}
	rmdir(dir);
}

static int
teardown(void **state)
{
	struct world *w = *state;

	fig_cache_open(NULL);
	fig_cache_salt(NULL);
	rm_dir(w->dir);
	fig_set_free(w->s);
	cohort_free(w->c);
	free(w);
	return 0;
}

/* Entries (KEY.solve) in dir. */
static size_t
entries(const char *dir)
{
	struct dirent *de;
	size_t n = 0;
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL)
		if (strlen(de->d_name) > 6 && strcmp(de->d_name +
		    strlen(de->d_name) - 6, ".solve") == 0)
			n++;
	closedir(d);
	return n;
}

/* The result fields of a and b are the same for every value. */
static void
assert_same_result(struct fig_ledger **a, struct fig_ledger **b)
{
	size_t i, j;

	for (i = 0; i < 3; i++)
		for (j = 0; j < a[i]->nvalues; j++) {
			const struct fig_value *x = &a[i]->values[j];
			const struct fig_value *y = &b[i]->values[j];

			assert_int_equal(x->suppressed, y->suppressed);
			assert_int_equal(x->why, y->why);
			assert_int_equal(x->den_hidden, y->den_hidden);
			assert_int_equal(x->nr_hidden, y->nr_hidden);
			assert_int_equal(x->lo, y->lo);
			assert_int_equal(x->hi, y->hi);
			assert_int_equal(x->banded, y->banded);
			assert_int_equal(x->band_lo, y->band_lo);
			assert_int_equal(x->band_hi, y->band_hi);
		}
}

static const long param5[] = { 0, 5 };

/* Solves led through the cache as fig_eval.c does; returns 1 on a hit. */
static int
solve(const struct world *w, struct fig_ledger **led, const long *param)
{
	struct fig_cache_q q;

	if (fig_cache_find(&q, w->s, led, 3, "period", param, 2))
		return 1;
	fig_suppress(w->s, led, 2, led[2], (int)param[0], param[1], NULL);
	fig_cache_keep(&q, led, 3);
	return 0;
}

static void
test_off_writes_nothing(void **state)
{
	struct world *w = *state;
	struct fig_ledger *led[3];
	struct fig_cache_q q;

	fig_cache_open(NULL);
	ledgers(w, led);
	assert_int_equal(fig_cache_find(&q, w->s, led, 3, "period", param5,
	    2), 0);
	assert_int_equal(q.on, 0);
	assert_null(fig_cache_entry_path(&q));
	fig_cache_keep(&q, led, 3);
	assert_int_equal(entries(w->dir), 0);
	ledgers_free(led);
}

static void
test_hit_gives_the_solve(void **state)
{
	struct world *w = *state;
	struct fig_ledger *a[3], *b[3];

	assert_int_equal(fig_cache_open(w->dir), 1);
	ledgers(w, a);
	assert_int_equal(solve(w, a, param5), 0);
	/* The solve hid A's 2 harmed and, to protect it, more. */
	assert_int_equal(a[0]->values[1].suppressed, 1);
	assert_int_equal(a[0]->values[1].why, FIG_WHY_PRIMARY);
	assert_int_equal(a[0]->values[2].suppressed, 1);
	assert_int_equal(entries(w->dir), 1);
	ledgers(w, b);
	assert_int_equal(b[0]->values[1].suppressed, 0);
	assert_int_equal(solve(w, b, param5), 1);
	assert_same_result(a, b);
	ledgers_free(a);
	ledgers_free(b);
}

/* A solve that printed a warning ("cannot protect figure ...") is not
 * kept: a hit would not print it, and the next run must say it again. */
static void
test_warning_solve_not_kept(void **state)
{
	struct world *w = *state;
	struct fig_ledger *a[3];
	struct fig_cache_q q;

	assert_int_equal(fig_cache_open(w->dir), 1);
	ledgers(w, a);
	assert_int_equal(fig_cache_find(&q, w->s, a, 3, "period", param5, 2),
	    0);
	fig_suppress(w->s, a, 2, a[2], 0, 5, NULL);
	fig_suppress_warned++;	/* as the completion step's warning does */
	fig_cache_keep(&q, a, 3);
	assert_int_equal(entries(w->dir), 0);
	/* The same solve without a warning is kept, and then hits. */
	assert_int_equal(fig_cache_find(&q, w->s, a, 3, "period", param5, 2),
	    0);
	fig_cache_keep(&q, a, 3);
	assert_int_equal(entries(w->dir), 1);
	ledgers_free(a);
}

static void
test_any_change_misses(void **state)
{
	static const long param4[] = { 0, 4 }, param_hid[] = { 1, 5 };
	struct world *w = *state;
	struct fig_ledger *a[3];

	assert_int_equal(fig_cache_open(w->dir), 1);
	ledgers(w, a);
	assert_int_equal(solve(w, a, param5), 0);
	ledgers_free(a);
	/* One count: B's 20 harmed become 19. */
	ledgers(w, a);
	a[1]->values[1].num = 19;
	a[1]->values[2].num = 11;
	a[2]->values[1].num = 21;
	a[2]->values[2].num = 29;
	assert_int_equal(solve(w, a, param5), 0);
	ledgers_free(a);
	/* A setting: the threshold, London hidable. */
	ledgers(w, a);
	assert_int_equal(solve(w, a, param4), 0);
	ledgers_free(a);
	ledgers(w, a);
	assert_int_equal(solve(w, a, param_hid), 0);
	ledgers_free(a);
	/* Another program (a rebuilt binary). */
	fig_cache_salt("rebuilt");
	ledgers(w, a);
	assert_int_equal(solve(w, a, param5), 0);
	ledgers_free(a);
	assert_int_equal(entries(w->dir), 5);
	/* And each of them is a hit now. */
	ledgers(w, a);
	assert_int_equal(solve(w, a, param5), 1);
	ledgers_free(a);
	fig_cache_salt(NULL);
	ledgers(w, a);
	assert_int_equal(solve(w, a, param4), 1);
	ledgers_free(a);
}

/* Overwrites len bytes at off of path with x (len 0: truncates to off). */
static void
damage(const char *path, long off, size_t len, int x)
{
	FILE *f;

	if (len == 0) {
		assert_int_equal(truncate(path, off), 0);
		return;
	}
	f = fopen(path, "r+b");
	assert_non_null(f);
	assert_int_equal(fseek(f, off, off < 0 ? SEEK_END : SEEK_SET), 0);
	while (len-- > 0)
		fputc(x, f);
	assert_int_equal(fclose(f), 0);
}

static void
test_damaged_entry_is_ignored(void **state)
{
	static const struct { const char *title; long off; size_t len; } t[] = {
		{ "a result flipped", 100, 1 },
		{ "the magic", 0, 4 },
		{ "the checksum", -5, 2 },
		{ "truncated", 60, 0 },
		{ "empty", 0, 0 },
	};
	struct world *w = *state;
	struct fig_ledger *a[3], *b[3];
	struct fig_cache_q q;
	unsigned long damaged;
	char *path;
	size_t i;

	assert_int_equal(fig_cache_open(w->dir), 1);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		ledgers(w, a);
		assert_int_equal(solve(w, a, param5), i > 0);
		ledgers(w, b);
		fig_cache_find(&q, w->s, b, 3, "period", param5, 2);
		path = fig_cache_entry_path(&q);
		ledgers_free(b);
		damage(path, t[i].off, t[i].len, 0x5a);
		ledgers(w, b);
		damaged = fig_cache_stats.damaged;
		assert_int_equal(solve(w, b, param5), 0);
		assert_int_equal(fig_cache_stats.damaged, damaged + 1);
		/* Solved again, and the good entry written back. */
		assert_same_result(a, b);
		ledgers_free(b);
		ledgers(w, b);
		assert_int_equal(solve(w, b, param5), 1);
		assert_same_result(a, b);
		ledgers_free(a);
		ledgers_free(b);
		free(path);
	}
}

static void
test_misplaced_entry_is_ignored(void **state)
{
	static const long param6[] = { 0, 6 };
	struct world *w = *state;
	struct fig_ledger *a[3], *b[3];
	struct fig_cache_q q5, q6;
	char *p5, *p6, *data;
	unsigned long damaged;
	size_t len;
	int i;

	assert_int_equal(fig_cache_open(w->dir), 1);
	ledgers(w, a);
	assert_int_equal(solve(w, a, param5), 0);
	ledgers_free(a);
	ledgers(w, a);
	fig_cache_find(&q5, w->s, a, 3, "period", param5, 2);
	ledgers_free(a);
	ledgers(w, a);
	fig_cache_find(&q6, w->s, a, 3, "period", param6, 2);
	ledgers_free(a);
	p5 = fig_cache_entry_path(&q5);
	p6 = fig_cache_entry_path(&q6);
	/* Threshold 5's entry under threshold 6's name: whole, but of
	 * another key. */
	assert_int_equal(file_read_all(p5, 1 << 20, &data, &len), 0);
	assert_int_equal(file_write_atomic(p6, data, len), 0);
	ledgers(w, b);
	damaged = fig_cache_stats.damaged;
	assert_int_equal(fig_cache_find(&q6, w->s, b, 3, "period", param6, 2),
	    0);
	assert_int_equal(fig_cache_stats.damaged, damaged + 1);
	for (i = 0; i < 3; i++)
		assert_int_equal(b[0]->values[i].suppressed, 0);
	ledgers_free(b);
	free(data);
	free(p5);
	free(p6);
}

static void
test_folder_is_bounded(void **state)
{
	struct world *w = *state;
	struct fig_ledger *a[3];
	long param[2];
	int i;

	assert_int_equal(fig_cache_open(w->dir), 1);
	for (i = 0; i < FIG_CACHE_MAX + 3; i++) {
		param[0] = 0;
		param[1] = 100 + i;
		ledgers(w, a);
		assert_int_equal(solve(w, a, param), 0);
		ledgers_free(a);
	}
	assert_int_equal(entries(w->dir), FIG_CACHE_MAX);
}

static void
test_unusable_folder(void **state)
{
	struct world *w = *state;
	struct fig_ledger *a[3];
	struct fig_cache_q q;
	char *file = xasprintf("%s/file", w->dir), *sub;
	FILE *f = fopen(file, "w");

	assert_non_null(f);
	fclose(f);
	sub = xasprintf("%s/cache", file);
	assert_int_equal(fig_cache_open(sub), 0);
	ledgers(w, a);
	assert_int_equal(fig_cache_find(&q, w->s, a, 3, "period", param5, 2),
	    0);
	assert_int_equal(q.on, 0);
	ledgers_free(a);
	/* A missing folder and its parents are made, 0700. */
	free(sub);
	sub = xasprintf("%s/a/b", w->dir);
	assert_int_equal(fig_cache_open(sub), 1);
	{
		struct stat sb;

		assert_int_equal(stat(sub, &sb), 0);
		assert_int_equal(sb.st_mode & 0777, 0700);
	}
	fig_cache_open(NULL);
	rmdir(sub);
	free(sub);
	sub = xasprintf("%s/a", w->dir);
	rmdir(sub);
	free(sub);
	free(file);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_off_writes_nothing,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_hit_gives_the_solve,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_warning_solve_not_kept,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_any_change_misses,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_damaged_entry_is_ignored,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_misplaced_entry_is_ignored, setup, teardown),
		cmocka_unit_test_setup_teardown(test_folder_is_bounded,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_unusable_folder, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
