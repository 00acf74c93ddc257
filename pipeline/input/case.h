/*
 * case.h: the loaded cohort, the first stage's output type.  The loader
 * reads input/report.yaml, codebook.yaml, national.yaml and the case
 * files in input/cases/, validates every rule of the case schema and
 * builds these structs; later stages may trust them.
 * For the loader, the aggregator (figures) and the commands (cli_*.c);
 * renderers read the report settings through it too.
 */
#ifndef SCR_CASE_H
#define SCR_CASE_H

#include <stddef.h>
#include <stdint.h>

struct diag;

/* Limits on what one run loads, each with a clear error when passed. */
#define CASE_MAX_CASES		1000000	/* case files in one cohort */
#define CASE_MAX_CHILDREN	100	/* children in one case */
#define CASE_MAX_CODES		1024	/* codes in the codebook */
#define CASE_MAX_LSCBS		10000	/* boards in report.yaml */
#define CASE_MAX_LSCB_NAME	100	/* characters in a board's name */
#define CASE_MAX_STUDIES	1000	/* studies in national.yaml */
#define CASE_MAX_EARLIER	4	/* earlier periods in report.yaml */
#define CASE_MAX_PERIOD_LABEL	32	/* characters in a period's label */
#define CASE_POOLED_LABEL	"pooled" /* reserved: labels the total over
					 * the periods in the ledgers */

enum case_sex {
	SEX_MALE,
	SEX_FEMALE,
	SEX__MAX
};

enum case_outcome {
	OUTCOME_DIED,
	OUTCOME_SERIOUS_HARM,
	OUTCOME__MAX
};

enum case_death {
	DEATH_NONE,		/* the child did not die */
	DEATH_SUDI,
	DEATH_PHYSICAL_ASSAULT,
	DEATH_NEGLECT,
	DEATH_RELATED,
	DEATH_SUICIDE,
	DEATH__MAX
};

enum code_level {
	LEVEL_CASE,
	LEVEL_CHILD,
	LEVEL__MAX
};

/* Spellings used in the YAML files, indexed by the enums above. */
extern const char *const case_sex_names[SEX__MAX];
extern const char *const case_outcome_names[OUTCOME__MAX];
extern const char *const case_death_names[DEATH__MAX];
extern const char *const code_level_names[LEVEL__MAX];

/* A position in an input file; file points into struct cohort's files. */
struct srcpos {
	const char	*file;
	int		 line;	/* 1-based */
	int		 col;	/* 1-based */
};

/* A set of codebook codes: bit i set for code index i.  Sized by
 * struct cohort's nwords. */
typedef uint64_t codeword;

static inline int
codeset_has(const codeword *set, size_t code)
{
	return (set[code / 64] >> (code % 64)) & 1;
}

static inline void
codeset_add(codeword *set, size_t code)
{
	set[code / 64] |= (codeword)1 << (code % 64);
}

struct code {
	char		*name;		/* e.g. "known_to_csc" */
	enum code_level	 level;		/* where it may be used */
	char		*label;		/* short printable phrase */
	char		*description;	/* what a coder must see */
	struct srcpos	 pos;		/* where it is defined */
};

struct codebook {
	struct code	*codes;
	size_t		 ncodes;
	size_t		*by_name;	/* code indexes sorted by name */
};

struct child {
	enum case_sex	  sex;
	int		  age_years;	/* 0..17 at the incident */
	enum case_outcome outcome;
	enum case_death	  death;	/* DEATH_NONE unless OUTCOME_DIED */
	codeword	 *factors;	/* child-level codes */
	struct srcpos	  pos;
};

/* One Serious Case Review.  The id is kept for diagnostics only and never
 * printed in any output; the notes are checked and then dropped. */
struct scr_case {
	char		*id;
	size_t		 lscb;		/* index into report.lscbs */
	int		 completed;	/* date as YYYYMMDD */
	struct child	*children;
	size_t		 nchildren;
	int		 household_children; /* other children at home */
	int		 lscb_areas_known;   /* LSCB areas that knew the family */
	unsigned	 defaulted;	/* CASE_DEFAULT_*: fields left out (or
					   null) and read as their default */
	codeword	*factors;	/* case-level codes; owns the block */
	codeword	*not_recorded;	/* codes not looked at or not recorded;
					   in factors' block, not freed alone */
	struct srcpos	 pos;
};

/* struct scr_case's defaulted: household_children read as 0,
 * lscb_areas_known read as 1.  Both feed figures, so check and render
 * warn at each. */
#define CASE_DEFAULT_HOUSEHOLD	0x1u
#define CASE_DEFAULT_AREAS	0x2u

/*
 * One period of the report: the current one (report.yaml `period:`) or an
 * earlier one (`earlier:`).  A case counts in the period its `completed`
 * date falls in; periods never overlap.
 */
struct period {
	char		*label;		/* "2002-06": 1..CASE_MAX_PERIOD_LABEL
					 * letters, digits and '-', unique.
					 * The current period's, when
					 * report.yaml gives none, is derived
					 * from its years: the first year, '-',
					 * the last two digits of the last
					 * (2006-04-01..2009-09-30: "2006-09"),
					 * or the one year ("2010") */
	int		 from;		/* YYYYMMDD, inclusive */
	int		 to;		/* YYYYMMDD, inclusive */
	struct srcpos	 pos;		/* where report.yaml declares it */
};

struct report {
	char		*title;
	char		*region;
	int		 period_from;	/* YYYYMMDD, inclusive: the current
					 * period's, = periods[nperiods-1] */
	int		 period_to;	/* YYYYMMDD, inclusive */
	/*
	 * Every period, in chronological order, the current one last
	 * (periods[nperiods - 1]); at most CASE_MAX_EARLIER before it.
	 * With no `earlier:` there is one.  nperiods is 0 only in a cohort
	 * whose report.yaml was not loaded (cohort_new() in tests): then the
	 * one period is period_from..period_to, and report_nperiods() says
	 * 1.  The figures read the current period's bounds from
	 * period_from/period_to, so code that sets those alone still works.
	 */
	struct period	*periods;
	size_t		 nperiods;
	char		*organisation;
	char		**authors;
	size_t		 nauthors;
	char		*national_study; /* id of the comparator study */
	struct srcpos	 national_study_pos; /* where report.yaml names it */
	int		 created;	/* YYYYMMDD, PDF creation date */
	int		 threshold;	/* suppress board numerators 1..threshold */
	int		 suppress_regional; /* 1 to suppress the regional paper */
	char		**lscbs;	/* the region's boards, in order */
	size_t		 nlscbs;
	/* Codes for the open data set (docs/data.md), each optional: */
	char		*region_code;	/* ONS region code, "E12000007", or NULL */
	char		**lscb_codes;	/* ONS local-authority code of each board,
					 * parallel to lscbs; NULL when
					 * report.yaml gives no lscb_codes */
	char		*contact;	/* who answers questions on the data
					 * (report.yaml contact), or NULL */
	char		*licence;	/* the open data's licence
					 * (report.yaml licence), or NULL:
					 * the Open Government Licence
					 * v3.0 */
	/* disclosure: for the public board papers (docs/disclosure.md): */
	int		 collapse;	/* a board table whose board column is
					 * at least this per cent [c] shows
					 * no board column (100: only all [c];
					 * 0: never, collapse: false) */
	int		*bands;		/* band limits in per cent, rising, each
					 * 1..99 (bands: [25, 50, 75]); NULL: no
					 * banded shares */
	size_t		 nbands;
	int		 min_base;	/* comparison: min_base: a share or a
					 * count is compared between two
					 * periods only when each has at least
					 * this many units in its base (a
					 * count: reviews); default 10 */
	int		 pool;		/* 1: a board table whose figures of
					 * the current period collapse shows
					 * them summed over every period
					 * instead, when that shows more
					 * (pool: true; needs earlier:) */
};

struct nat_figure {
	char		*name;		/* e.g. "boys" */
	int		 percent;	/* whole-number percent */
	char		*text;		/* wording such as "just over 50%", or NULL */
};

struct nat_study {
	char		*id;		/* e.g. "2008-09" */
	char		*title;
	char		*citation;	/* full citation for the footnote */
	char		*period;	/* as prose writes it, "2008 – 2009" */
	long		 children;	/* children covered, -1 if not given */
	struct nat_figure *figures;
	size_t		 nfigures;
};

struct national {
	struct nat_study *studies;
	size_t		 nstudies;
};

struct cohort {
	struct report	 report;
	struct codebook	 codebook;
	struct national	 national;
	struct scr_case	*cases;		/* sorted by id */
	size_t		 ncases;
	size_t		 nwords;	/* codewords in every code set */
	char		**files;	/* file names that srcpos points at */
	size_t		 nfiles;
};

/*
 * Loads and validates a whole input folder: input_dir/report.yaml,
 * codebook.yaml, national.yaml and every .yaml file in cases_dir (NULL
 * means input_dir/cases).  Every problem in every file is reported to d.
 * Returns a new cohort (free with cohort_free()) even when some file was
 * invalid, so that later files can still be checked against what did
 * load; the cohort is valid, and may be aggregated, only if d gained no
 * error.
 */
struct cohort	*case_load_dir(const char *input_dir, const char *cases_dir,
		    struct diag *d);

/* Returns an empty cohort to fill with the case_load_*_buf() calls below
 * (used by tests and fuzz targets); free with cohort_free(). */
struct cohort	*cohort_new(void);
void		 cohort_free(struct cohort *c);

/*
 * Parse one file's text into c, reporting problems to d under the name
 * file.  Load report and codebook before cases.  Each returns 1 when the
 * file was valid, 0 otherwise (diagnostics already reported).
 */
int	case_load_report_buf(struct cohort *c, const char *file,
	    const char *data, size_t len, struct diag *d);
int	case_load_codebook_buf(struct cohort *c, const char *file,
	    const char *data, size_t len, struct diag *d);
int	case_load_national_buf(struct cohort *c, const char *file,
	    const char *data, size_t len, struct diag *d);
int	case_load_case_buf(struct cohort *c, const char *file,
	    const char *data, size_t len, struct diag *d);

/* Reads path and loads it as one case descriptor, as
 * case_load_case_buf() does.  Returns 1 if it was valid. */
int	case_load_case_file(struct cohort *c, const char *path,
	    struct diag *d);

/* Checks what spans files (duplicate ids, the comparator study named in
 * the report) and sorts the cases by id.  Returns 1 if all is well. */
int	case_validate_cohort(struct cohort *c, struct diag *d);

/* Returns the index of code name, or -1. */
int	codebook_find(const struct codebook *cb, const char *name);

/* Returns the index of board name in the report, or -1. */
int	report_find_lscb(const struct report *r, const char *name);

/* The number of periods of r: nperiods, or 1 when none was loaded. */
size_t	report_nperiods(const struct report *r);

/* Period i of r (index as report.periods; i >= nperiods - 1 is the
 * current one): its bounds in *from and *to (0: open), and its label
 * (NULL when no report was loaded). */
const char *report_period(const struct report *r, size_t i, int *from,
	    int *to);

/* The label of a period from..to (YYYYMMDD) that report.yaml does not
 * name, the one rule for it: its first year and the last two digits of
 * its last ("2006-09"), or the one year when both are the same ("2009").
 * Returns a new string. */
char	*report_period_label(int from, int to);

/* The index of the period that date (YYYYMMDD) falls in, or -1 when it
 * falls in none. */
int	report_period_of(const struct report *r, int date);

/* The index of the period labelled label, or -1. */
int	report_find_period(const struct report *r, const char *label);

/* Returns 1 if s has the form of an ONS code of an English local
 * authority (E06, E08, E09 or E10 and six digits), or of an English
 * region (E12 and six digits) when region is 1. */
int	report_ons_code_ok(const char *s, int region);

/* Returns the study with id, or NULL; and one of its figures, or NULL. */
const struct nat_study	*national_find(const struct national *n,
			    const char *id);
const struct nat_figure	*nat_study_figure(const struct nat_study *s,
			    const char *name);

/* Interns a file name in c (so srcpos can point at it); returns the copy. */
const char	*cohort_intern_file(struct cohort *c, const char *file);

/* Parses "YYYY-MM-DD" into YYYYMMDD; returns 0 if not a real date. */
int	case_parse_date(const char *s);
/* The days of month m (1 to 12) of year y, leap years counted; 0 for
 * another m. */
int	case_month_days(int y, int m);

#endif
