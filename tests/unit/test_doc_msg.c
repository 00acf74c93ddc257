/*
 * test_doc_msg.c: the message table of the template and fill diagnostics
 * (pipeline/doc/doc_msg.h).  Every id has a name and a non-empty format of
 * its own, the table and the ids the call sites use agree, and the
 * messages the tests expect cover most of the table: the expected
 * diagnostics of tests/bad/, tests/golden/ and tests/spec/ and the string
 * literals of tests/unit/test_*.c are matched against every format, and
 * the ids no test produces are printed.  Run from the project root.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>

#include <cmocka.h>

#include "util.h"
#include "doc_msg.h"

/* The share of the table, in percent, that the tests' expected messages
 * must produce.  Raise it as tests are added; never lower it. */
#define MSG_COVERAGE_MIN	95

/* Every id has a name with its stage's prefix and a non-empty format,
 * and no two ids share a name or a format. */
static void
test_table_wellformed(void **state)
{
	size_t	 i, j;

	(void)state;
	assert_true(DOC_MSG__MAX > 0);
	for (i = 0; i < DOC_MSG__MAX; i++) {
		assert_non_null(doc_msgs[i].name);
		assert_non_null(doc_msgs[i].fmt);
		if (strncmp(doc_msgs[i].name, "TM_", 3) != 0 &&
		    strncmp(doc_msgs[i].name, "FM_", 3) != 0)
			fail_msg("%s: the id has no TM_ or FM_ prefix",
			    doc_msgs[i].name);
		if (doc_msgs[i].fmt[0] == '\0')
			fail_msg("%s: empty format", doc_msgs[i].name);
		for (j = 0; j < i; j++) {
			if (strcmp(doc_msgs[i].name, doc_msgs[j].name) == 0)
				fail_msg("%s: two ids of one name",
				    doc_msgs[i].name);
			if (strcmp(doc_msgs[i].fmt, doc_msgs[j].fmt) == 0)
				fail_msg("%s and %s share the format \"%s\"",
				    doc_msgs[j].name, doc_msgs[i].name,
				    doc_msgs[i].fmt);
		}
	}
}

/* The constant a call site names and the table's row are one message. */
static void
test_table_matches_ids(void **state)
{
	(void)state;
#define CHECK_ROW(id, format) \
	assert_string_equal(doc_msgs[DOC_MSG_##id].name, #id); \
	assert_string_equal(doc_msgs[DOC_MSG_##id].fmt, id); \
	assert_string_equal(id, format);
	DOC_MSGS(CHECK_ROW)
#undef CHECK_ROW
	/* Today's wording, a few by hand. */
	assert_string_equal(TM_UNKNOWN_DIRECTIVE,
	    "unknown directive \"%.*s\" (%s)");
	assert_string_equal(TM_STRAY_BRACE,
	    "\"}\" without \"{\" (write \\} for a brace)");
	assert_string_equal(FM_CHART_MIXED, "@chart cannot draw percentages "
	    "and counts on one axis: the table above mixes them");
	assert_string_equal(TM_TOO_MANY_ERRORS,
	    "too many errors; the rest of this file is not checked");
}

/* ------------------------------------------------------------------ */
/* Coverage. */

/* The length of the conversion at fmt ("%.*s", "%02x", "%zu"), which
 * starts with '%' and is not "%%". */
static size_t
conv_len(const char *fmt)
{
	size_t	 i = 1;

	while (fmt[i] != '\0' && strchr("-+ #0123456789.*hlzjt", fmt[i]))
		i++;
	return fmt[i] != '\0' ? i + 1 : i;
}

/* Returns 1 if the whole of text is what fmt prints for some arguments:
 * a conversion stands for any text, "%%" for "%". */
static int
fmt_match(const char *fmt, const char *text)
{
	const char	*t;

	for (;;) {
		if (*fmt == '\0')
			return *text == '\0';
		if (fmt[0] == '%' && fmt[1] == '%') {
			if (*text != '%')
				return 0;
			fmt += 2;
			text++;
			continue;
		}
		if (*fmt == '%')
			break;
		if (*fmt != *text)
			return 0;
		fmt++;
		text++;
	}
	fmt += conv_len(fmt);
	for (t = text;; t++) {
		if (fmt_match(fmt, t))
			return 1;
		if (*t == '\0')
			return 0;
	}
}

/* The characters of fmt printed as they are (its conversions left out):
 * of the formats that match a message, the one with most is its own. */
static size_t
fmt_literal(const char *fmt)
{
	size_t	 n = 0;

	while (*fmt != '\0') {
		if (fmt[0] == '%' && fmt[1] == '%') {
			n++;
			fmt += 2;
		} else if (*fmt == '%')
			fmt += conv_len(fmt);
		else {
			n++;
			fmt++;
		}
	}
	return n;
}

/* Marks in hit[] the id whose format prints msg, the most specific one
 * if several match ("unknown %s \"%s\"%s" and its "did you mean" form). */
static void
cover_msg(const char *msg, int *hit)
{
	size_t	 i, best = 0, bestlen = 0;
	int	 found = 0;

	for (i = 0; i < DOC_MSG__MAX; i++)
		if (fmt_match(doc_msgs[i].fmt, msg) &&
		    (!found || fmt_literal(doc_msgs[i].fmt) > bestlen)) {
			best = i;
			bestlen = fmt_literal(doc_msgs[i].fmt);
			found = 1;
		}
	if (found)
		hit[best] = 1;
}

/* Covers each line of text: the message after "error: " or "warning: "
 * when the line has one, else the whole line (a test may expect a
 * message without its location). */
static void
cover_text(char *text, int *hit)
{
	char	*line, *next, *m;

	for (line = text; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if ((m = strstr(line, "error: ")) != NULL)
			cover_msg(m + 7, hit);
		else if ((m = strstr(line, "warning: ")) != NULL)
			cover_msg(m + 9, hit);
		else
			cover_msg(line, hit);
	}
}

/* Reads path whole; fails the test if it cannot.  Free with free(). */
static char *
slurp(const char *path)
{
	char	*data;
	size_t	 len;

	if (file_read_all(path, 16u * 1024 * 1024, &data, &len) != 0)
		fail_msg("cannot read %s", path);
	return data;
}

/* The string literals of C source src, each run of adjacent ones joined
 * and unescaped, covered as expected text. */
static void
cover_c_source(const char *src, int *hit)
{
	struct buf	 lit;
	const char	*s = src;
	int		 in_run = 0;

	buf_init(&lit);
	while (*s != '\0') {
		if (s[0] == '/' && s[1] == '*') {
			s = strstr(s + 2, "*/");
			s = s != NULL ? s + 2 : src + strlen(src);
			continue;
		}
		if (s[0] == '\'') {
			/* A character constant: '"' is not a string. */
			for (s++; *s != '\0' && *s != '\''; s++)
				if (*s == '\\' && s[1] != '\0')
					s++;
			if (*s != '\0')
				s++;
			continue;
		}
		if (*s == '"') {
			in_run = 1;
			for (s++; *s != '\0' && *s != '"'; s++) {
				if (*s != '\\') {
					buf_putc(&lit, *s);
					continue;
				}
				s++;
				switch (*s) {
				case 'n':
					buf_putc(&lit, '\n');
					break;
				case 't':
					buf_putc(&lit, '\t');
					break;
				case '\0':
					s--;
					break;
				default:	/* \" \\ and the rest */
					buf_putc(&lit, *s);
					break;
				}
			}
			if (*s != '\0')
				s++;
			continue;
		}
		if (in_run && strchr(" \t\n", *s) == NULL) {
			in_run = 0;
			cover_text(lit.data, hit);
			buf_reset(&lit);
		}
		s++;
	}
	buf_clear(&lit);
}

/* Calls fn(path, hit) for each file of dir whose name ends in ext,
 * and for those of its subfolders when deep. */
static void
each_file(const char *dir, const char *ext, int deep,
    void (*fn)(const char *, int *), int *hit)
{
	DIR		*dp;
	struct dirent	*e;
	char		*path;
	size_t		 n, m = strlen(ext);

	if ((dp = opendir(dir)) == NULL)
		fail_msg("cannot open %s (run from the project root)", dir);
	while ((e = readdir(dp)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		n = strlen(e->d_name);
		if (strcmp(e->d_name, "test_doc_msg.c") == 0)
			;	/* this file's formats would cover themselves */
		else if (n > m && strcmp(e->d_name + n - m, ext) == 0)
			fn(path, hit);
		else if (deep && strchr(e->d_name, '.') == NULL)
			each_file(path, ext, 0, fn, hit);
		free(path);
	}
	closedir(dp);
}

static void
cover_diag_file(const char *path, int *hit)
{
	char	*data = slurp(path);

	cover_text(data, hit);
	free(data);
}

static void
cover_c_file(const char *path, int *hit)
{
	char	*data = slurp(path);

	cover_c_source(data, hit);
	free(data);
}

/* The expected messages of the tests produce at least MSG_COVERAGE_MIN
 * percent of the table; the ids none produces are printed. */
static void
test_table_coverage(void **state)
{
	int	 hit[DOC_MSG__MAX] = { 0 };
	size_t	 i, n = 0;

	(void)state;
	each_file("tests/bad", ".diag", 1, cover_diag_file, hit);
	each_file("tests/golden", ".diag", 0, cover_diag_file, hit);
	each_file("tests/spec", ".spec", 0, cover_diag_file, hit);
	each_file("tests/unit", ".c", 0, cover_c_file, hit);
	for (i = 0; i < DOC_MSG__MAX; i++)
		if (hit[i])
			n++;
		else
			print_message("not produced by any test: %s \"%s\"\n",
			    doc_msgs[i].name, doc_msgs[i].fmt);
	print_message("%zu of %d messages produced by the tests (at least "
	    "%d%% must be)\n", n, DOC_MSG__MAX, MSG_COVERAGE_MIN);
	if (n * 100 < (size_t)MSG_COVERAGE_MIN * DOC_MSG__MAX)
		fail_msg("only %zu of %d messages produced by the tests", n,
		    DOC_MSG__MAX);
}

/* The matcher itself: a conversion stands for any text, "%%" for "%". */
static void
test_fmt_match(void **state)
{
	(void)state;
	assert_true(fmt_match("unknown directive \"%.*s\" (%s)",
	    "unknown directive \"@x\" (@a, @b)"));
	assert_true(fmt_match("unknown %s \"%s\"%s", "unknown figure \"b\""));
	assert_true(fmt_match("0 to 100%% for", "0 to 100% for"));
	assert_false(fmt_match("0 to 100%% for", "0 to 100 for"));
	assert_false(fmt_match("heading level %d", "heading depth 5"));
	assert_int_equal(fmt_literal("a %d b%%"), 5);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_wellformed),
		cmocka_unit_test(test_table_matches_ids),
		cmocka_unit_test(test_fmt_match),
		cmocka_unit_test(test_table_coverage),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
