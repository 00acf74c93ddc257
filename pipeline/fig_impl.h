/*
 * fig_impl.h: the inside of struct fig_set, the loaded figure
 * definitions: one predicate tree per figure, already checked against the
 * codebook.
 * For fig_load.c, fig_eval.c and fig_print.c only; everything else goes
 * through fig.h.
 */
#ifndef SCR_FIG_IMPL_H
#define SCR_FIG_IMPL_H

#include <stddef.h>

#include "case.h"

/* What one test in a predicate looks at. */
enum fig_pred_type {
	FP_TRUE,	/* always true (an absent `where:` or `of:`) */
	FP_CODE,	/* code: NAME */
	FP_SEX,		/* sex: male | female */
	FP_OUTCOME,	/* outcome: died | serious_harm */
	FP_DEATH,	/* death_cause: sudi | ... | none */
	FP_AGE,		/* age_years: N | {min, max, ...} */
	FP_AREAS,	/* lscb_areas_known: N | {...} */
	FP_HOUSEHOLD,	/* household_children: N | {...} */
	FP_ALL,		/* all: [P, ...] (also a mapping with several keys) */
	FP_ANY,		/* any: [P, ...] */
	FP_NOT,		/* not: P */
	FP_ANY_CHILD,	/* any_child: P, a case test over its children */
	FP__MAX
};

/* A predicate tree; evaluated against a case, or a child of a case. */
struct fig_pred {
	enum fig_pred_type  type;
	int		    line;	/* 1-based position in figures.yaml */
	int		    col;
	int		    value;	/* FP_CODE: code index; FP_SEX, FP_OUTCOME,
					 * FP_DEATH: the enum value */
	long		    lo;		/* numeric tests: inclusive bounds */
	long		    hi;
	struct fig_pred	  **kids;	/* FP_ALL, FP_ANY: operands; FP_NOT,
					 * FP_ANY_CHILD: one operand */
	size_t		    nkids;
};

/* What a figure counts: its population. */
enum fig_pop {
	FIG_POP_CASES,		/* the selected cases */
	FIG_POP_CHILDREN,	/* their children */
	FIG_POP_DEATHS,		/* their children who died */
	FIG_POP__MAX
};

/* A numeric case field a count figure may sum instead of counting. */
enum fig_sum {
	FIG_SUM_NONE,		/* count the units */
	FIG_SUM_HOUSEHOLD,	/* sum household_children */
	FIG_SUM_AREAS,		/* sum lscb_areas_known */
	FIG_SUM__MAX
};

struct fig_def {
	char		*name;		/* stable name, [a-z0-9_]+ */
	enum fig_unit	 unit;
	enum fig_style	 style;		/* default style */
	enum fig_pop	 pop;		/* what one unit is */
	enum fig_sum	 sum;		/* FIG_COUNT only */
	struct fig_pred	*where;		/* numerator test; never NULL */
	struct fig_pred	*of;		/* base test; never NULL (FP_TRUE) */
	codeword	*codes;		/* codes `where` reads (not_recorded) */
	int		 group;		/* index into fig_set groups, or -1 */
	int		 public;	/* 1: never suppressed (already public) */
	char		*label;		/* human label (label:), or NULL */
	int		 line;		/* position of the figure's entry */
	int		 col;
};

struct fig_set {
	struct fig_def	*defs;		/* in file order */
	size_t		 ndefs;
	char		**groups;	/* group names, in order first used */
	size_t		 ngroups;
	size_t		 nwords;	/* codewords in each codes set */
};

#endif
