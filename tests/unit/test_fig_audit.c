/*
 * test_fig_audit.c: tests of the attacker, fig_audit()
 * (pipeline/fig/fig_audit.c), and of what it proves about the suppressor
 * (pipeline/fig/fig_suppress.c): it works back each kind of leak of issue 11
 * from ledgers written here by hand; it does not count what London's
 * figures alone say; it finds nothing in the ledgers scrpaper publishes
 * for the shipped cohort reshuffled over a few boards; and every
 * complementary suppression there is needed: showing any one of them
 * lets it work a [c] back.  Runs from the project root.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util.h"
#include "diag.h"
#include "case.h"
#include "fig.h"
#include "testaudit.h"

/* Figures and relations of the hand-written ledgers below. */
static const char small_yaml[] =
    "figures:\n"
    "  - {name: cases, unit: count, public: true}\n"
    "  - {name: children, unit: count, count_of: children, public: true}\n"
    "  - {name: cases_with_death, unit: cases,"
    " where: {any_child: {outcome: died}}}\n"
    "  - {name: deaths, unit: count, count_of: children,"
    " where: {outcome: died}}\n"
    "  - {name: harm, unit: count, count_of: children,"
    " where: {outcome: serious_harm}}\n"
    "  - {name: harmed, unit: children, where: {outcome: serious_harm}}\n"
    "  - {name: old, unit: children, where: {age_years: {ge: 16}}}\n"
    "  - {name: drugs, unit: cases, where: drug_misuse}\n"
    "relations:\n"
    "  - deaths + harm = children\n"
    "  - harmed = harm\n"
    "  - cases_with_death <= deaths\n"
    "  - deaths <= cases_with_death + children - cases\n";

static const char codebook_yaml[] =
    "codes:\n"
    "  drug_misuse: {level: case, label: drugs, description: d}\n";

static struct fig_set *
load_small(struct cohort **cp)
{
	struct cohort *c = cohort_new();
	struct diag d;
	struct fig_set *s;

	diag_init(&d, stderr);
	assert_int_equal(case_load_codebook_buf(c, "codebook.yaml",
	    codebook_yaml, sizeof(codebook_yaml) - 1, &d), 1);
	s = fig_load_buf("figs.yaml", small_yaml, strlen(small_yaml), c, &d);
	assert_non_null(s);
	diag_clear(&d);
	*cp = c;
	return s;
}

/* Board A's ledger, B's, C's and London's, written as scrpaper prints
 * them; each case names the cell the attacker must work back. */
static const struct leak {
	const char	*title;
	const char	*boards;
	const char	*region;
	const char	*want;		/* a line of the attacker's output */
} leaks[] = {
	{ "the same number under two names",
	    "lscb,name,unit,numerator,denominator,percent,text,not_recorded\n"
	    "A,cases,count,10,,,10,\n"
	    "A,children,count,10,,,10,\n"
	    "A,harm,count,6,,,6,\n"
	    "A,harmed,children,,10,,[c],\n",
	    "name,unit,numerator,denominator,percent,text,not_recorded\n"
	    "cases,count,10,,,10,\n"
	    "children,count,10,,,10,\n",
	    "t: recovered A: harmed = 6, printed [c]" },
	{ "London less the other boards, London's figure 1",
	    "lscb,name,unit,numerator,denominator,percent,text,not_recorded\n"
	    "A,cases,count,8,,,8,\n"
	    "A,children,count,8,,,8,\n"
	    "A,old,children,,8,,[c],\n"
	    "B,cases,count,9,,,9,\n"
	    "B,children,count,9,,,9,\n"
	    "B,old,children,0,9,0,0%,\n",
	    "name,unit,numerator,denominator,percent,text,not_recorded\n"
	    "cases,count,17,,,17,\n"
	    "children,count,17,,,17,\n"
	    "old,children,1,17,6,6%,\n",
	    "t: recovered A: old = 1, printed [c]" },
	{ "not_recorded across boards",
	    "lscb,name,unit,numerator,denominator,percent,text,not_recorded\n"
	    "A,cases,count,9,,,9,\n"
	    "A,children,count,9,,,9,\n"
	    "A,drugs,cases,0,9,0,0%,\n"
	    "B,cases,count,12,,,12,\n"
	    "B,children,count,12,,,12,\n"
	    "B,drugs,cases,0,12,0,0%,7\n",
	    "name,unit,numerator,denominator,percent,text,not_recorded\n"
	    "cases,count,21,,,21,\n"
	    "children,count,21,,,21,\n"
	    "drugs,cases,0,21,0,0%,10\n",
	    "t: recovered A: drugs (not_recorded) = 3, printed [c]" },
	{ "cases_with_death with one child a review",
	    "lscb,name,unit,numerator,denominator,percent,text,not_recorded\n"
	    "A,cases,count,10,,,10,\n"
	    "A,children,count,10,,,10,\n"
	    "A,cases_with_death,cases,9,10,90,90%,\n"
	    "A,deaths,count,,,,[c],\n"
	    "A,harm,count,,,,[c],\n"
	    "B,cases,count,10,,,10,\n"
	    "B,children,count,12,,,12,\n"
	    "B,cases_with_death,cases,,10,,[c],\n"
	    "B,deaths,count,,,,[c],\n"
	    "B,harm,count,,,,[c],\n",
	    "name,unit,numerator,denominator,percent,text,not_recorded\n"
	    "cases,count,20,,,20,\n"
	    "children,count,22,,,22,\n",
	    "t: recovered A: harm = 1, printed [c]" },
};

static void
test_attacker_finds_each_leak(void **state)
{
	struct cohort *c;
	struct fig_set *s = load_small(&c);
	char *out;
	size_t len, i;
	FILE *f;
	long found;

	(void)state;
	for (i = 0; i < sizeof(leaks) / sizeof(leaks[0]); i++) {
		out = NULL;
		f = open_memstream(&out, &len);
		found = fig_audit(s, leaks[i].boards, leaks[i].region, "t", f);
		fclose(f);
		if (found < 1 || strstr(out, leaks[i].want) == NULL)
			fail_msg("%s: found %ld:\n%s", leaks[i].title, found,
			    out);
		free(out);
	}
	fig_set_free(s);
	cohort_free(c);
}

static void
test_attacker_leaves_what_london_says(void **state)
{
	/* London's 0 says every board's 0, and a board with no review is
	 * 0: no secret of a board, so not a recovery. */
	struct cohort *c;
	struct fig_set *s = load_small(&c);
	long found;

	(void)state;
	found = fig_audit(s,
	    "lscb,name,unit,numerator,denominator,percent,text,not_recorded\n"
	    "A,cases,count,8,,,8,\n"
	    "A,children,count,8,,,8,\n"
	    "A,old,children,,8,,[c],\n"
	    "B,cases,count,0,,,0,\n"
	    "B,children,count,0,,,0,\n"
	    "B,old,children,,0,,[c],\n",
	    "name,unit,numerator,denominator,percent,text,not_recorded\n"
	    "cases,count,8,,,8,\n"
	    "children,count,8,,,8,\n"
	    "old,children,0,8,0,0%,\n", "t", stderr);
	assert_int_equal(found, 0);
	/* Ledgers that contradict the relations are refused. */
	found = fig_audit(s,
	    "lscb,name,unit,numerator,denominator,percent,text,not_recorded\n"
	    "A,cases,count,8,,,8,\n"
	    "A,children,count,8,,,8,\n"
	    "A,deaths,count,7,,,7,\n"
	    "A,harm,count,7,,,7,\n",
	    "name,unit,numerator,denominator,percent,text,not_recorded\n"
	    "cases,count,8,,,8,\n", "t", stderr);
	assert_int_equal(found, -1);
	assert_int_equal(fig_audit(s, "junk\n", "junk\n", "t", stderr), -1);
	fig_set_free(s);
	cohort_free(c);
}

/*
 * The shipped cohort, its reviews dealt over four boards (skewed, so
 * that boards show figures and need complementary suppression), for a
 * few seeds: nothing can be worked back, and showing any one
 * complementary [c] lets the attacker work a [c] back.
 */
static void
test_complementary_suppression_is_minimal(void **state)
{
	struct diag d;
	struct cohort *c;
	struct fig_set *s;
	struct fig_ledger **ls, *region;
	unsigned seed;
	size_t i, j, b, ncomp = 0, tried;
	long found;
	FILE *devnull;

	(void)state;
	diag_init(&d, stderr);
	c = case_load_dir("input", NULL, &d);
	s = fig_load("templates/figures.yaml", c, &d);
	assert_non_null(s);
	assert_int_equal(d.nerrors, 0);
	devnull = fopen("/dev/null", "w");
	assert_non_null(devnull);
	for (seed = 1; seed <= 4; seed++) {
		unsigned r = seed;

		for (i = 0; i < c->ncases; i++) {
			int x = rand_r(&r) % 10;

			/* 50%, 30%, 10%, 10% to boards 2, 5, 11, 24. */
			c->cases[i].lscb = x < 5 ? 2 : x < 8 ? 5 : x < 9 ? 11 :
			    24;
		}
		ls = fig_aggregate_boards(s, c);
		region = fig_aggregate_paper(s, c, -1);
		assert_int_equal(test_audit_ledgers(s, c, ls, region, stderr), 0);
		tried = 0;
		for (b = 0; b < c->report.nlscbs; b++)
			for (j = 0; j < ls[b]->nvalues; j++) {
				struct fig_value *v = &ls[b]->values[j];

				if (v->why != FIG_WHY_COMPLEMENTARY ||
				    tried >= 12)
					continue;
				tried++;
				ncomp++;
				v->suppressed = 0;
				found = test_audit_ledgers(s, c, ls, region,
				    devnull);
				v->suppressed = 1;
				if (found < 1)
					fail_msg("seed %u: %s of %s is hidden "
					    "to protect nothing", seed,
					    v->name, c->report.lscbs[b]);
			}
		fig_boards_free(ls, c->report.nlscbs);
		fig_ledger_free(region);
	}
	/* The test proved something. */
	assert_true(ncomp >= 8);
	fclose(devnull);
	fig_set_free(s);
	cohort_free(c);
	diag_clear(&d);
}


/* A whole publication of boards A and B under small_yaml: every figure
 * of both boards and of London, nothing to work back. */
#define WHOLE_HEAD "lscb,name,unit,numerator,denominator,percent,text," \
    "not_recorded\n"
#define WHOLE_BOARD(B) \
    B ",cases,count,10,,,10,\n" \
    B ",children,count,10,,,10,\n" \
    B ",cases_with_death,cases,,10,,[c],\n" \
    B ",deaths,count,,,,[c],\n" \
    B ",harm,count,,,,[c],\n" \
    B ",harmed,children,,10,,[c],\n" \
    B ",old,children,0,10,0,0%,\n" \
    B ",drugs,cases,0,10,0,0%,0\n"
static const char whole_boards[] = WHOLE_HEAD WHOLE_BOARD("A")
    WHOLE_BOARD("B") "A,out_of_period,count,0,,,0,\n";
static const char whole_region[] =
    "name,unit,numerator,denominator,percent,text,not_recorded\n"
    "cases,count,20,,,20,\n"
    "children,count,20,,,20,\n"
    "cases_with_death,cases,10,20,50,50%,\n"
    "deaths,count,10,,,10,\n"
    "harm,count,10,,,10,\n"
    "harmed,children,10,20,50,50%,\n"
    "old,children,0,20,0,0%,\n"
    "drugs,cases,0,20,0,0%,0\n"
    "out_of_period,count,0,,,0,\n"
    "\n"
    "study,name,percent,text\n"
    "s1,harmed,40,40%\n";

/* The small figures with a cohort whose report.yaml has boards A and
 * B. */
static struct fig_set *
load_small_boards(struct cohort **cp)
{
	struct fig_set *s = load_small(cp);

	(*cp)->report.lscbs = xcalloc(2, sizeof(char *));
	(*cp)->report.lscbs[0] = xstrdup("A");
	(*cp)->report.lscbs[1] = xstrdup("B");
	(*cp)->report.nlscbs = 2;
	return s;
}

/* Audits boards (B.csv, len bytes) and region (R.csv) with the cohort;
 * returns what fig_audit_published() does, its first message in *msg
 * (free it; NULL when none). */
static long
audit_texts(const struct fig_set *s, const struct cohort *c,
    const char *boards, size_t blen, const char *region,
    struct fig_audit_read *rd, char **msg)
{
	struct fig_ledger_text b = { "B.csv", boards, blen },
	    r = { "R.csv", region, strlen(region) };
	struct diag d;
	FILE *devnull = fopen("/dev/null", "w");
	long found;

	diag_init(&d, NULL);
	found = fig_audit_published(s, c, &b, &r, &d, rd, "t", devnull);
	*msg = d.nitems > 0 ? diag_format(&d, 0) : NULL;
	diag_clear(&d);
	fclose(devnull);
	return found;
}

/* Issue 32.1: an empty or header-only ledger (either of the two) is an
 * error, never "OK"; a whole one is read, and what was read is
 * counted. */
static void
test_issue32_1_empty_ledger_refused(void **state)
{
	static const struct {
		const char *boards, *region, *want;
	} t[] = {
		{ "", whole_region, "B.csv:1:1: error: empty: not a ledger" },
		{ WHOLE_HEAD, whole_region, "B.csv:2:1: error: no rows: the "
		    "ledger has its header only" },
		{ whole_boards, "", "R.csv:1:1: error: empty: not a ledger" },
		{ whole_boards, "name,unit,numerator,denominator,percent,"
		    "text,not_recorded\n", "R.csv:2:1: error: no rows" },
		/* the national block alone: London's figures missing */
		{ whole_boards, "name,unit,numerator,denominator,percent,"
		    "text,not_recorded\n\nstudy,name,percent,text\n",
		    "R.csv: error: no row of London for these figures: cases, "
		    "children," },
		/* a board of report.yaml missing (a file cut at a line) */
		{ WHOLE_HEAD WHOLE_BOARD("A"), whole_region,
		    "B.csv: error: no row of board 'B' of report.yaml" },
		{ WHOLE_HEAD WHOLE_BOARD("A") "B,cases,count,10,,,10,\n",
		    whole_region, "B.csv: error: no row of B for these figures: children, "
		    "cases_with_death, deaths, harm, harmed, old, drugs" },
	};
	struct cohort *c;
	struct fig_set *s = load_small_boards(&c);
	struct fig_audit_read rd;
	char *msg;
	size_t i;
	long found;

	(void)state;
	memset(&rd, 0, sizeof(rd));
	found = audit_texts(s, c, whole_boards, strlen(whole_boards),
	    whole_region, &rd, &msg);
	if (found != 0)
		fail_msg("the whole ledgers give %ld: %s", found,
		    msg ? msg : "");
	assert_null(msg);
	assert_int_equal(rd.boards, 2);
	assert_int_equal(rd.periods, 1);
	assert_int_equal(rd.pooled, 0);
	assert_int_equal(rd.cells, 16);
	assert_int_equal(rd.hidden, 8);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		found = audit_texts(s, c, t[i].boards, strlen(t[i].boards),
		    t[i].region, NULL, &msg);
		if (found != -1 || msg == NULL ||
		    strncmp(msg, t[i].want, strlen(t[i].want)) != 0)
			fail_msg("case %zu: %ld, got %s\nwant %s", i, found,
			    msg ? msg : "(no message)", t[i].want);
		free(msg);
	}
	/* The region is named as report.yaml names it, never "London"
	 * for any region (issue 27). */
	fig_audit_region = "Shire";
	found = audit_texts(s, c, t[4].boards, strlen(t[4].boards),
	    t[4].region, NULL, &msg);
	fig_audit_region = "London";
	assert_int_equal(found, -1);
	assert_non_null(msg);
	assert_non_null(strstr(msg, "R.csv: error: no row of Shire for "
	    "these figures"));
	free(msg);
	fig_set_free(s);
	cohort_free(c);
}

/* Issue 32.2: every malformed ledger is an error at FILE:LINE:COL,
 * never a crash: one byte, NUL, not UTF-8, Windows line ends, a short
 * or long row, quotes out of place, a number that is not one, an
 * unknown figure or board, a row twice, a file cut short; and random
 * bytes. */
static void
test_issue32_2_malformed_ledger_refused(void **state)
{
	static const struct {
		const char *title, *boards;
		size_t len;		/* 0: strlen */
		const char *want;
	} t[] = {
		{ "one byte", "x", 0, "B.csv:1:1: error: not a ledger: its "
		    "first line is not 'lscb,name,unit," },
		{ "a NUL byte", WHOLE_HEAD "A,cases,count,1\0,,,1,\n",
		    sizeof(WHOLE_HEAD "A,cases,count,1\0,,,1,\n") - 1,
		    "B.csv:2:16: error: a NUL byte" },
		{ "not UTF-8", WHOLE_HEAD "A\xff,cases,count,1,,,1,\n", 0,
		    "B.csv:2:2: error: byte 0xFF is not UTF-8" },
		{ "a control character", WHOLE_HEAD "A\x01,cases\n", 0,
		    "B.csv:2:2: error: control character U+0001" },
		{ "Windows line ends", "lscb,name,unit,numerator,denominator,"
		    "percent,text,not_recorded\r\n", 0, "B.csv:1:1: error: not "
		    "a ledger" },
		{ "a carriage return", WHOLE_HEAD "A,cases,count,10,,,10,\r\n",
		    0, "B.csv:2:23: error: a carriage return (Windows line "
		    "ends?) in a field that is not quoted" },
		{ "a short row", WHOLE_HEAD "A,cases,count,10\n", 0,
		    "B.csv:2:17: error: a short row: 4 fields where the header "
		    "has 8" },
		{ "a long row", WHOLE_HEAD "A,cases,count,10,,,10,,\n", 0,
		    "B.csv:2:24: error: a long row: 9 fields where the header "
		    "has 8" },
		{ "a quote never closed", WHOLE_HEAD "\"A,cases,count\n", 0,
		    "B.csv:2:1: error: a quoted field that never ends" },
		{ "a quote inside", WHOLE_HEAD "A\"x,cases\n", 0,
		    "B.csv:2:2: error: a quote in a field that is not quoted" },
		{ "text after a quote", WHOLE_HEAD "\"A\"x,cases\n", 0,
		    "B.csv:2:4: error: text after the closing quote" },
		{ "cut short", WHOLE_HEAD "A,cases,count,10,,,1", 0,
		    "B.csv:2:21: error: the last line has no line break" },
		{ "a number in exponent form",
		    WHOLE_HEAD "A,cases,count,1e3,,,1,\n", 0,
		    "B.csv:2:15: error: numerator '1e3' is not a whole "
		    "number" },
		{ "a negative number", WHOLE_HEAD "A,cases,count,-1,,,1,\n", 0,
		    "B.csv:2:15: error: numerator '-1' is not a whole number" },
		{ "a huge number",
		    WHOLE_HEAD "A,cases,count,99999999999999999999,,,1,\n", 0,
		    "B.csv:2:15: error: numerator 99999999999999999999 is more "
		    "than 100000000" },
		{ "a percent over 100",
		    WHOLE_HEAD "A,old,children,1,1,101,x,\n", 0,
		    "B.csv:2:20: error: percent 101 is more than 100" },
		{ "a denominator for a count",
		    WHOLE_HEAD "A,cases,count,1,1,,1,\n", 0,
		    "B.csv:2:17: error: a denominator for 'cases', a count" },
		{ "an unknown figure", WHOLE_HEAD "A,nope,count,1,,,1,\n", 0,
		    "B.csv:2:3: error: no figure 'nope' in the figure "
		    "definitions" },
		{ "a wrong unit", WHOLE_HEAD "A,old,count,1,,,1,\n", 0,
		    "B.csv:2:7: error: unit 'count' where figure 'old' is of "
		    "unit 'children'" },
		{ "an unknown board", WHOLE_HEAD "Z,cases,count,1,,,1,\n", 0,
		    "B.csv:2:1: error: board 'Z' is not in report.yaml" },
		{ "a row twice", WHOLE_HEAD "A,cases,count,1,,,1,\n"
		    "A,cases,count,2,,,2,\n", 0, "B.csv:3:3: error: A: cases a "
		    "second time (first at line 2)" },
		{ "a blank line", WHOLE_HEAD "\n", 0, "B.csv:2:1: error: a "
		    "short row: 1 field where the header has 8" },
	};
	struct cohort *c;
	struct fig_set *s = load_small_boards(&c);
	char *msg, buf[256];
	size_t i, j, n;
	long found;
	unsigned seed = 32;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		found = audit_texts(s, c, t[i].boards, t[i].len ? t[i].len :
		    strlen(t[i].boards), whole_region, NULL, &msg);
		if (found != -1 || msg == NULL ||
		    strncmp(msg, t[i].want, strlen(t[i].want)) != 0)
			fail_msg("%s: %ld, got %s\nwant %s", t[i].title, found,
			    msg ? msg : "(no message)", t[i].want);
		free(msg);
	}
	/* Random bytes, and the whole ledger with random bytes in it:
	 * refused with a message, never a crash. */
	for (i = 0; i < 300; i++) {
		n = (size_t)rand_r(&seed) % sizeof(buf);
		for (j = 0; j < n; j++)
			buf[j] = (char)rand_r(&seed);
		found = audit_texts(s, c, buf, n, whole_region, NULL, &msg);
		if (found != -1 || msg == NULL)
			fail_msg("random bytes %zu: %ld", i, found);
		free(msg);
	}
	fig_set_free(s);
	cohort_free(c);
}

/*
 * Issue 30, --previous: a board's harm is [c] in every period of both
 * releases; last year's total of its first two periods (12) and this
 * year's of all three (15) are printed.  This year's release alone pins
 * no period's cell; with last year's, the new period's is 15 - 12 = 3.
 * (London's harm is left out, so that nothing else pins a cell.)
 */
#define YH "period,lscb,name,unit,numerator,denominator,percent,text," \
	"not_recorded\n"
#define YRH "period,name,unit,numerator,denominator,percent,text," \
	"not_recorded\n"
#define YB(p, b, n, harm) p "," b ",cases,count," n ",,," n ",\n" \
	p "," b ",children,count," n ",,," n ",\n" \
	p "," b ",harm,count," harm ",\n"
#define YR(p, n) p ",cases,count," n ",,," n ",\n" \
	p ",children,count," n ",,," n ",\n"
#define YP(p) YB(p, "A", "10", ",,,[c]") YB(p, "B", "10", ",,,[c]")

static long
audit_years_texts(const struct fig_set *s, const char *b, const char *r,
    const char *pb, const char *pr, char **out)
{
	struct fig_ledger_text bt = { "B.csv", b, strlen(b) },
	    rt = { "R.csv", r, strlen(r) }, pbt = { "PB.csv", pb,
	    pb ? strlen(pb) : 0 }, prt = { "PR.csv", pr, pr ? strlen(pr) : 0 };
	struct fig_audit_read rd, prd;
	struct diag d;
	size_t len;
	long found;
	FILE *f = open_memstream(out, &len);

	diag_init(&d, f);
	found = fig_audit_years(s, NULL, &bt, &rt, pb ? &pbt : NULL,
	    pr ? &prt : NULL, &d, &rd, &prd, "t", f);
	diag_clear(&d);
	fclose(f);
	return found;
}

static void
test_previous_release_pins_new_period(void **state)
{
	static const char this_b[] = YH YP("2007-08") YP("2008-09")
	    YP("2009-10") YB("pooled", "A", "30", "15,,,15")
	    YB("pooled", "B", "30", ",,,[c]");
	static const char this_r[] = YRH YR("2007-08", "20")
	    YR("2008-09", "20") YR("2009-10", "20")
	    YR("pooled", "60");
	static const char last_b[] = YH YP("2007-08") YP("2008-09")
	    YB("pooled", "A", "20", "12,,,12")
	    YB("pooled", "B", "20", ",,,[c]");
	static const char last_r[] = YRH YR("2007-08", "20")
	    YR("2008-09", "20") YR("pooled", "40");
	/* Last year printed A's 2008-09 cases as 11. */
	static const char bad_b[] = YH YP("2007-08")
	    YB("2008-09", "A", "11", ",,,[c]") YB("2008-09", "B", "10",
	    ",,,[c]") YB("pooled", "A", "20", "12,,,12")
	    YB("pooled", "B", "20", ",,,[c]");
	struct cohort *c;
	struct fig_set *s = load_small(&c);
	char *out = NULL;
	long found;

	(void)state;
	fig_audit_threshold = 5;
	/* Alone, the total's unprinted rows (deaths = children - harm)
	 * are worked out, but no cell of a period. */
	found = audit_years_texts(s, this_b, this_r, NULL, NULL, &out);
	if (found < 0 || strstr(out, "-0") != NULL || strstr(out,
	    "-10]: harm") != NULL)
		fail_msg("this year alone: %ld\n%s", found, out);
	free(out);
	found = audit_years_texts(s, this_b, this_r, last_b, last_r, &out);
	if (found < 1 || strstr(out, "t: recovered A [2009-10]: harm = 3, "
	    "printed [c]\n") == NULL || strstr(out, "A [pooled, last year's "
	    "release]: harm = 12 (published last year)") == NULL ||
	    strstr(out, "A [pooled]: harm = 15 (published this year)") == NULL)
		fail_msg("with last year's: %ld\n%s", found, out);
	free(out);
	/* The two releases must print the same number for the same cell. */
	found = audit_years_texts(s, this_b, this_r, bad_b, last_r, &out);
	if (found != -1 || strstr(out, "PB.csv:8:23: error: ") == NULL ||
	    strstr(out, "A [2008-09]: cases (numerator) printed 11 here, 10 "
	    "by this year's release") == NULL)
		fail_msg("disagreeing releases: %ld\n%s", found, out);
	free(out);
	fig_set_free(s);
	cohort_free(c);
}

/*
 * The protection rule (docs/disclosure.md): a [c] that may be a small
 * number keeps values t apart.  A's drugs is [c] over 10 reviews with 6
 * not recorded: 0..4, which holds 0 and so passed the old rule (two
 * values or more, not within 1..t); with t = 5 it is now narrowed.  5
 * not recorded leave 0..5, 5 apart: nothing to say.  B's (20 reviews)
 * is London's 10 less A's and C's, 3..10 or more; C, a board of 3
 * reviews, is 0..3 by its public numbers alone: the whole of that is
 * all the rule can ask.
 */
static void
test_primary_keeps_threshold_apart(void **state)
{
#define KT_BOARDS(nr) "lscb,name,unit,numerator,denominator,percent,text," \
	"not_recorded\n" \
	"A,cases,count,10,,,10,\n" \
	"A,children,count,10,,,10,\n" \
	"A,drugs,cases,,10,,[c]," nr "\n" \
	"B,cases,count,20,,,20,\n" \
	"B,children,count,20,,,20,\n" \
	"B,drugs,cases,,20,,[c],0\n" \
	"C,cases,count,3,,,3,\n" \
	"C,children,count,3,,,3,\n" \
	"C,drugs,cases,,3,,[c],0\n"
#define KT_REGION(nr) \
	"name,unit,numerator,denominator,percent,text,not_recorded\n" \
	"cases,count,33,,,33,\n" \
	"children,count,33,,,33,\n" \
	"drugs,cases,10,33,30,30%," nr "\n"
	static const char *const boards[] = { KT_BOARDS("6"),
	    KT_BOARDS("5") };
	static const char *const region[] = { KT_REGION("6"),
	    KT_REGION("5") };
#undef KT_BOARDS
#undef KT_REGION
	struct cohort *c;
	struct fig_set *s = load_small(&c);
	char *out = NULL;
	size_t len;
	FILE *f;
	long found;

	(void)state;
	f = open_memstream(&out, &len);
	found = fig_audit(s, boards[0], region[0], "t", f);
	fclose(f);
	if (found != 1 || strstr(out, "t: narrowed A: drugs to 0..4, "
	    "printed [c]: it may be a small number (1 to 5), and its "
	    "possible values are less than 5 apart\n") == NULL ||
	    strstr(out, "narrowed B") != NULL ||
	    strstr(out, "narrowed C") != NULL)
		fail_msg("found %ld:\n%s", found, out);
	free(out);
	out = NULL;
	f = open_memstream(&out, &len);
	found = fig_audit(s, boards[1], region[1], "t", f);
	fclose(f);
	if (found != 0 || strstr(out, "none recovered or narrowed") == NULL)
		fail_msg("found %ld:\n%s", found, out);
	free(out);
	fig_set_free(s);
	cohort_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_attacker_finds_each_leak),
		cmocka_unit_test(test_attacker_leaves_what_london_says),
		cmocka_unit_test(test_primary_keeps_threshold_apart),
		cmocka_unit_test(test_complementary_suppression_is_minimal),
		cmocka_unit_test(test_issue32_1_empty_ledger_refused),
		cmocka_unit_test(test_issue32_2_malformed_ledger_refused),
		cmocka_unit_test(test_previous_release_pins_new_period),
	};

	/* The ledgers here are London's, as the command line names it
	 * from report.yaml. */
	fig_audit_region = "London";
	return cmocka_run_group_tests(tests, NULL, NULL);
}
