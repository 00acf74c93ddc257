#!/usr/bin/env python3
"""Build the synthetic London SCR cohort in input/cases/.

The 47 case descriptors are a reconstruction: they describe no real child,
family or review. Their aggregate tallies reproduce the figures of the
published "Background paper on London Serious Case Reviews" (April 2006 -
September 2009); everything else (which case carries which code, which board,
which date) is invented.

How it works:
  1. SKELETONS below fixes, by hand, each case's children (sex, age, outcome,
     cause of death, child-level neglect) and a few codes that define the case
     (e.g. a psychotic parent in a filicide, a mother killed by domestic
     violence). The children table alone gives the child-level tallies.
  2. Every other case-level code is dealt out to exactly TARGETS[code] cases,
     drawn by a seeded random generator from the cases where the code is
     plausible (eligibility rules and weights in allocate_codes()).
  3. Board, completion date, household children, LSCB areas, not-recorded
     codes and a few notes are dealt the same way.
  4. The tallies are checked and the files written, one per case, named after
     the case id. Existing LON-*.yaml files in the output folder are removed
     first, so the folder always holds exactly this cohort.

The output depends only on SEED and the tables here: rerunning gives
byte-identical files. Python 3 standard library only; the YAML is emitted by
hand in the layout of SPEC.md's case example.

Usage: python3 input/tools/make_cohort.py [--out DIR]   (default: input/cases)
"""

import argparse
import datetime
import os
import random
import sys

SEED = 20091130

HERE = os.path.dirname(os.path.abspath(__file__))
INPUT = os.path.dirname(HERE)

PERIOD_FROM = datetime.date(2006, 4, 1)
PERIOD_TO = datetime.date(2009, 9, 30)

# Case-level codes in codebook order (the order factors are written in).
CASE_CODES = [
    "known_to_csc", "child_protection_plan", "child_in_need", "looked_after",
    "multiple_referrals",
    "new_immigrant", "abuse_network", "neglect_masked_abuse",
    "mother_abused_as_child", "parent_known_to_csc_as_child",
    "male_known_to_csc_as_child", "mother_partnered_as_minor",
    "parent_mental_health", "major_mental_illness", "psychosis_after_incident",
    "domestic_violence", "fatal_domestic_violence", "violent_history",
    "moved_continually", "travel_abroad", "highly_mobile",
    "language_difficulties", "multiple_placements", "rent_arrears_or_eviction",
    "moved_due_to_dv", "neighbour_dispute",
    "alcohol_misuse", "drug_misuse", "drug_dealer", "baby_withdrawal",
    "antenatal_problems", "perinatal_problems",
    "recording_communication", "flawed_planning", "misleading_parents",
    "unrecognised_pressures", "rehearsal_incidents", "unqualified_workers",
    "worker_changes",
]

# Number of cases (of 47) that carry each case-level code.
TARGETS = {
    "known_to_csc": 33, "child_protection_plan": 9, "child_in_need": 6,
    "looked_after": 8, "multiple_referrals": 10,
    "new_immigrant": 7, "abuse_network": 6, "neglect_masked_abuse": 2,
    "mother_abused_as_child": 8, "parent_known_to_csc_as_child": 4,
    "male_known_to_csc_as_child": 4, "mother_partnered_as_minor": 5,
    "parent_mental_health": 28, "major_mental_illness": 22,
    "psychosis_after_incident": 2,
    "domestic_violence": 22, "fatal_domestic_violence": 2,
    "violent_history": 12,
    "moved_continually": 3, "travel_abroad": 3, "highly_mobile": 19,
    "language_difficulties": 3, "multiple_placements": 4,
    "rent_arrears_or_eviction": 22, "moved_due_to_dv": 4,
    "neighbour_dispute": 6,
    "alcohol_misuse": 11, "drug_misuse": 13, "drug_dealer": 3,
    "baby_withdrawal": 2, "antenatal_problems": 10, "perinatal_problems": 15,
    "recording_communication": 24, "flawed_planning": 11,
    "misleading_parents": 7, "unrecognised_pressures": 3,
    "rehearsal_incidents": 5, "unqualified_workers": 2, "worker_changes": 3,
}

# Codes the reviews did not record either way, and in how many cases.
NOT_RECORDED = {
    "alcohol_misuse": 6,
    "drug_misuse": 6,
    "mother_abused_as_child": 10,
    "male_known_to_csc_as_child": 6,
}

# Cases per board: one board with 4, three with 3, twelve with 2, ten with 1
# and seven with none (47 cases over 33 boards).
BOARD_CASES = {
    "Barking and Dagenham": 2, "Barnet": 1, "Bexley": 0, "Brent": 2,
    "Bromley": 1, "Camden": 1, "City of London": 0, "Croydon": 3,
    "Ealing": 1, "Enfield": 2, "Greenwich": 2, "Hackney": 2,
    "Hammersmith and Fulham": 1, "Haringey": 2, "Harrow": 1, "Havering": 0,
    "Hillingdon": 1, "Hounslow": 2, "Islington": 2,
    "Kensington and Chelsea": 1, "Kingston upon Thames": 0, "Lambeth": 3,
    "Lewisham": 2, "Merton": 0, "Newham": 3, "Redbridge": 1,
    "Richmond upon Thames": 0, "Southwark": 4, "Sutton": 0,
    "Tower Hamlets": 2, "Waltham Forest": 2, "Wandsworth": 2,
    "Westminster": 1,
}

# Household children (other children living in the household), dealt out to
# 19 cases: two with 3, seven with 2, ten with 1 -- 30 in all.
HOUSEHOLD = [3, 3, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]

# LSCB areas that knew the family, beyond the default of 1.
FOUR_PLUS_AREAS = [4, 4, 5]       # three cases known to 4 or more areas
MOVED_CONTINUALLY_AREAS = [1, 2, 2]  # three cases that moved continually
TWO_AREA_OTHERS = 8               # further cases known to exactly 2 areas

# Outcome shorthands used in SKELETONS.
SH = "serious_harm"
PA = "physical_assault"
SUDI = "sudi"
NEG = "neglect"
REL = "related"
SUI = "suicide"

# The children of every case, fixed by hand, and the codes that define it.
# Each child is (sex, age_years, outcome-or-death-cause, child neglect 0/1).
SKELETONS = [
    # -- cases where more than one child is involved ------------------------
    ("M1", [("m", 4, PA, 0), ("f", 7, PA, 0), ("m", 9, PA, 0)],
     ["parent_mental_health", "major_mental_illness",
      "psychosis_after_incident"]),
    ("D1", [("m", 0, PA, 0), ("f", 0, SH, 0)], []),
    ("D2", [("f", 2, PA, 0), ("m", 5, PA, 0)],
     ["domestic_violence", "fatal_domestic_violence"]),
    ("D3", [("m", 0, PA, 0), ("m", 3, PA, 0)],
     ["parent_mental_health", "major_mental_illness",
      "psychosis_after_incident"]),
    ("D4", [("f", 3, NEG, 1), ("m", 1, SH, 1)], []),
    ("D8", [("m", 1, PA, 0), ("f", 4, SH, 0)], []),
    ("D9", [("m", 0, PA, 0), ("m", 6, PA, 0)], ["domestic_violence"]),
    ("M2", [("f", 8, SH, 1), ("f", 11, SH, 1), ("m", 13, SH, 1)],
     ["abuse_network", "neglect_masked_abuse", "child_protection_plan"]),
    ("D5", [("m", 6, SH, 1), ("f", 10, SH, 1)], []),
    ("D6", [("f", 14, SH, 0), ("f", 16, SH, 0)], ["abuse_network"]),
    ("D7", [("m", 0, SH, 0), ("f", 2, SH, 0)], []),
    # -- one child who died ------------------------------------------------
    ("S1", [("m", 0, SUDI, 0)], []),
    ("S2", [("m", 0, SUDI, 0)], []),
    ("S3", [("f", 0, SUDI, 0)], []),
    ("S4", [("m", 0, SUDI, 0)], []),
    ("S5", [("m", 0, PA, 0)], ["drug_misuse", "baby_withdrawal"]),
    ("S6", [("m", 0, PA, 0)], []),
    ("S7", [("f", 0, PA, 0)], []),
    ("S8", [("m", 0, PA, 0)], []),
    ("S9", [("m", 0, PA, 0)], []),
    ("S10", [("f", 0, PA, 0)], []),
    ("S11", [("m", 0, PA, 0)], []),
    ("S12", [("m", 1, PA, 0)],
     ["domestic_violence", "fatal_domestic_violence"]),
    ("S13", [("f", 2, PA, 1)], []),
    ("S14", [("m", 13, PA, 0)], []),
    ("S15", [("f", 11, NEG, 1)], []),
    ("S16", [("m", 13, NEG, 1)], []),
    ("S17", [("f", 16, NEG, 1)], []),
    ("S18", [("m", 15, REL, 0)], []),
    ("S19", [("m", 16, REL, 0)], []),
    ("S20", [("m", 17, REL, 0)], []),
    ("S21", [("f", 14, SUI, 0)], []),
    ("S22", [("m", 17, SUI, 0)], []),
    # -- one child seriously harmed ----------------------------------------
    ("H1", [("m", 0, SH, 0)], ["drug_misuse", "baby_withdrawal"]),
    ("H2", [("f", 0, SH, 0)], []),
    ("H3", [("m", 0, SH, 0)], []),
    ("H4", [("m", 0, SH, 1)], []),
    ("H5", [("m", 0, SH, 0)], []),
    ("H6", [("m", 1, SH, 0)], []),
    ("H7", [("f", 3, SH, 1)], []),
    ("H8", [("m", 5, SH, 1)], []),
    ("H9", [("m", 7, SH, 1)], ["neglect_masked_abuse", "known_to_csc"]),
    ("H10", [("m", 9, SH, 1)], []),
    ("H11", [("f", 12, SH, 0)], []),
    ("H12", [("f", 15, SH, 0)], []),
    ("H13", [("m", 16, SH, 0)], []),
    ("H14", [("f", 17, SH, 0)], []),
]

# Bland synthetic notes for a few cases (never printed by scrpaper).
NOTES = {
    "D1": "Synthetic record. Twins; one survived with serious injuries.",
    "M2": "Synthetic record. Long-standing neglect of three siblings hid"
          " sexual abuse by adults outside the household.",
    "S12": "Synthetic record. The mother also died in the incident.",
    "H9": "Synthetic record. Neglect hid repeated physical injury.",
}
# One child_protection_plan case is, as the paper says, a supervision order.
SUPERVISION_NOTE = ("Synthetic record. A supervision order was in force"
                    " rather than a child protection plan.")


class Case:
    def __init__(self, key, children, required):
        self.key = key
        self.children = [
            {"sex": "male" if s == "m" else "female", "age": a,
             "outcome": SH if o == SH else "died",
             "cause": None if o == SH else o,
             "factors": ["neglect"] if n else []}
            for (s, a, o, n) in children]
        self.codes = set(required)
        self.not_recorded = set()
        self.areas = 1
        self.household = 0
        self.notes = NOTES.get(key)
        self.lscb = None
        self.completed = None
        self.id = None
        self.explicit_areas = False

    # Derived properties used by the eligibility rules.
    @property
    def ages(self):
        return [c["age"] for c in self.children]

    @property
    def has_infant(self):
        return 0 in self.ages

    @property
    def causes(self):
        return {c["cause"] for c in self.children if c["cause"]}

    @property
    def died(self):
        return bool(self.causes)

    @property
    def teens_only(self):
        return min(self.ages) >= 11

    @property
    def any_neglect(self):
        return any(c["factors"] for c in self.children)

    @property
    def girls(self):
        return sum(1 for c in self.children if c["sex"] == "female")

    def has(self, *codes):
        return all(k in self.codes for k in codes)


def pick(rng, pool, weights):
    """Index into pool drawn with the given weights (uses rng.random() only,
    which is stable across Python 3 versions)."""
    total = float(sum(weights))
    x = rng.random() * total
    for i, w in enumerate(weights):
        x -= w
        if x < 0:
            return i
    return len(pool) - 1


def deal(rng, cases, code, n, eligible=lambda c: True, weight=lambda c: 1.0,
         field=None):
    """Give `code` to cases until exactly n carry it (or, with field set,
    return n chosen cases without giving them a code)."""
    if field is None:
        have = sum(1 for c in cases if code in c.codes)
        need = n - have
        if need < 0:
            sys.exit("make_cohort: %s: %d required, target %d"
                     % (code, have, n))
        pool = [c for c in cases if code not in c.codes and eligible(c)]
    else:
        need = n
        pool = [c for c in cases if eligible(c)]
    if len(pool) < need:
        sys.exit("make_cohort: %s: need %d more, only %d eligible"
                 % (code, need, len(pool)))
    chosen = []
    for _ in range(need):
        i = pick(rng, pool, [weight(c) for c in pool])
        c = pool.pop(i)
        if field is None:
            c.codes.add(code)
        chosen.append(c)
    return chosen


def allocate_codes(rng, cases):
    """Deal every case-level code to exactly TARGETS[code] cases."""
    # Services. Looked after children are teenagers (no young siblings, no
    # infant death), and a child protection plan or children in need
    # services are for cases not already looked after. All four imply the
    # family was known to children's social care.
    deal(rng, cases, "looked_after", TARGETS["looked_after"],
         eligible=lambda c: c.teens_only and NEG not in c.causes
         and not c.has("child_protection_plan"),
         weight=lambda c: 2.0 if c.causes & {REL, SUI} else 1.0)
    deal(rng, cases, "multiple_placements", TARGETS["multiple_placements"],
         eligible=lambda c: c.has("looked_after"),
         weight=lambda c: max(c.ages) - 10.0)
    deal(rng, cases, "child_protection_plan",
         TARGETS["child_protection_plan"],
         eligible=lambda c: not c.has("looked_after"),
         weight=lambda c: 4.0 if c.any_neglect else
         (0.4 if SUDI in c.causes else 1.0))
    deal(rng, cases, "child_in_need", TARGETS["child_in_need"],
         eligible=lambda c: not c.has("looked_after")
         and not c.has("child_protection_plan"),
         weight=lambda c: 2.0 if c.any_neglect else 1.0)
    statutory = ("looked_after", "child_protection_plan", "child_in_need")
    deal(rng, cases, "multiple_referrals", TARGETS["multiple_referrals"],
         weight=lambda c: 3.0 if any(c.has(k) for k in statutory) else 1.0)
    for c in cases:
        if any(c.has(k) for k in statutory + ("multiple_referrals",)):
            c.codes.add("known_to_csc")
    deal(rng, cases, "known_to_csc", TARGETS["known_to_csc"],
         weight=lambda c: 0.4 if SUDI in c.causes else
         (2.0 if c.any_neglect or c.teens_only else 1.0))

    # Context.
    deal(rng, cases, "new_immigrant", TARGETS["new_immigrant"],
         eligible=lambda c: not c.has("looked_after"),
         weight=lambda c: 2.0 if max(c.ages) <= 5 else 1.0)
    deal(rng, cases, "travel_abroad", TARGETS["travel_abroad"],
         eligible=lambda c: c.has("new_immigrant"))
    deal(rng, cases, "language_difficulties",
         TARGETS["language_difficulties"],
         eligible=lambda c: c.has("new_immigrant"))
    deal(rng, cases, "abuse_network", TARGETS["abuse_network"],
         eligible=lambda c: c.teens_only and NEG not in c.causes,
         weight=lambda c: 1.0 + 2.0 * c.girls
         + (1.0 if c.has("looked_after") else 0.0))

    # Mobility. Cases known to 4+ areas and cases that moved continually are
    # highly mobile; so are new immigrants, but for one.
    four_plus = deal(rng, cases, "four_plus", len(FOUR_PLUS_AREAS),
                     weight=lambda c: 3.0 if c.has("known_to_csc") else 1.0,
                     field="areas")
    for c, n in zip(four_plus, FOUR_PLUS_AREAS):
        c.areas = n
    deal(rng, cases, "moved_continually", TARGETS["moved_continually"],
         eligible=lambda c: c.areas == 1,
         weight=lambda c: 2.0 if c.has("known_to_csc") else 1.0)
    mc = [c for c in cases if c.has("moved_continually")]
    for c, n in zip(mc, MOVED_CONTINUALLY_AREAS):
        c.areas = n
    two = deal(rng, cases, "two_areas", TWO_AREA_OTHERS,
               eligible=lambda c: c.areas == 1
               and not c.has("moved_continually"),
               weight=lambda c: 2.0 if c.has("new_immigrant") else 1.0,
               field="areas")
    for c in two:
        c.areas = 2
    settled = deal(rng, cases, "settled_immigrant", 1,
                   eligible=lambda c: c.has("new_immigrant")
                   and not c.has("travel_abroad") and c.areas == 1,
                   field="areas")
    for c in cases:
        if (c.areas >= 4 or c.has("moved_continually")
                or c.has("travel_abroad")
                or (c.has("new_immigrant") and c not in settled)):
            c.codes.add("highly_mobile")
    deal(rng, cases, "highly_mobile", TARGETS["highly_mobile"],
         eligible=lambda c: c not in settled,
         weight=lambda c: 5.0 if c.areas == 2 else 1.0)

    # Mental health and violence.
    deal(rng, cases, "parent_mental_health", TARGETS["parent_mental_health"],
         weight=lambda c: 1.5 if PA in c.causes or SUI in c.causes else 1.0)
    deal(rng, cases, "major_mental_illness", TARGETS["major_mental_illness"],
         eligible=lambda c: c.has("parent_mental_health"),
         weight=lambda c: 2.0 if c.died else 1.0)
    deal(rng, cases, "domestic_violence", TARGETS["domestic_violence"],
         eligible=lambda c: not c.has("looked_after"),
         weight=lambda c: 1.5 if c.has("parent_mental_health") else 1.0)
    deal(rng, cases, "moved_due_to_dv", TARGETS["moved_due_to_dv"],
         eligible=lambda c: c.has("domestic_violence")
         and not c.has("fatal_domestic_violence"),
         weight=lambda c: 3.0 if c.has("highly_mobile") else 1.0)
    deal(rng, cases, "violent_history", TARGETS["violent_history"],
         weight=lambda c: 2.0 if c.has("domestic_violence") else 1.0)

    # Housing.
    deal(rng, cases, "rent_arrears_or_eviction",
         TARGETS["rent_arrears_or_eviction"],
         eligible=lambda c: not c.has("looked_after"),
         weight=lambda c: 3.0 if c.has("highly_mobile") else 1.0)
    deal(rng, cases, "neighbour_dispute", TARGETS["neighbour_dispute"],
         eligible=lambda c: not c.has("looked_after"),
         weight=lambda c: 2.0 if c.has("rent_arrears_or_eviction") else 1.0)

    # Substances and early life. Antenatal and perinatal problems (and a
    # baby withdrawing from drugs) belong to cases with a baby.
    deal(rng, cases, "alcohol_misuse", TARGETS["alcohol_misuse"],
         weight=lambda c: 2.0 if c.has("domestic_violence") else 1.0)
    deal(rng, cases, "drug_misuse", TARGETS["drug_misuse"],
         weight=lambda c: 2.5 if c.has("alcohol_misuse") else 1.0)
    deal(rng, cases, "drug_dealer", TARGETS["drug_dealer"],
         eligible=lambda c: c.has("drug_misuse"),
         weight=lambda c: 2.0 if c.has("violent_history") else 1.0)
    deal(rng, cases, "baby_withdrawal", TARGETS["baby_withdrawal"],
         eligible=lambda c: c.has("drug_misuse") and c.has_infant)
    deal(rng, cases, "antenatal_problems", TARGETS["antenatal_problems"],
         eligible=lambda c: c.has_infant,
         weight=lambda c: 2.0 if c.has("domestic_violence")
         or c.has("drug_misuse") else 1.0)
    deal(rng, cases, "perinatal_problems", TARGETS["perinatal_problems"],
         eligible=lambda c: c.has_infant,
         weight=lambda c: 2.0 if c.has("antenatal_problems") else 1.0)

    # Parents' own history.
    deal(rng, cases, "mother_abused_as_child",
         TARGETS["mother_abused_as_child"],
         weight=lambda c: 2.0 if c.has("abuse_network") else 1.0)
    deal(rng, cases, "parent_known_to_csc_as_child",
         TARGETS["parent_known_to_csc_as_child"],
         weight=lambda c: 2.0 if c.has("known_to_csc") else 1.0)
    deal(rng, cases, "male_known_to_csc_as_child",
         TARGETS["male_known_to_csc_as_child"],
         weight=lambda c: 3.0 if c.has("violent_history") else 1.0)
    deal(rng, cases, "mother_partnered_as_minor",
         TARGETS["mother_partnered_as_minor"],
         eligible=lambda c: max(c.ages) <= 10,
         weight=lambda c: (3.0 if c.has("mother_abused_as_child") else 1.0)
         * (2.0 if c.has_infant else 1.0))

    # Practice.
    deal(rng, cases, "recording_communication",
         TARGETS["recording_communication"],
         weight=lambda c: 1.5 if c.has("known_to_csc") else 1.0)
    deal(rng, cases, "flawed_planning", TARGETS["flawed_planning"],
         eligible=lambda c: c.has("known_to_csc"),
         weight=lambda c: 3.0 if any(c.has(k) for k in statutory) else 1.0)
    deal(rng, cases, "misleading_parents", TARGETS["misleading_parents"],
         eligible=lambda c: not c.has("looked_after"),
         weight=lambda c: 2.0 if c.has("known_to_csc") else 1.0)
    deal(rng, cases, "unrecognised_pressures",
         TARGETS["unrecognised_pressures"],
         eligible=lambda c: not c.has("looked_after")
         and not c.has("child_protection_plan"),
         weight=lambda c: 2.0 if c.has("rent_arrears_or_eviction")
         and c.has("parent_mental_health") else 1.0)
    deal(rng, cases, "rehearsal_incidents", TARGETS["rehearsal_incidents"],
         eligible=lambda c: PA in c.causes or (not c.died and max(c.ages) <= 5),
         weight=lambda c: 2.0 if c.has("domestic_violence") else 1.0)
    deal(rng, cases, "unqualified_workers", TARGETS["unqualified_workers"],
         eligible=lambda c: c.has("known_to_csc"))
    deal(rng, cases, "worker_changes", TARGETS["worker_changes"],
         eligible=lambda c: c.has("known_to_csc"),
         weight=lambda c: 2.0 if any(c.has(k) for k in statutory) else 1.0)


def allocate_rest(rng, cases):
    """Household children, not-recorded codes, boards, dates and ids."""
    hh = deal(rng, cases, "household", len(HOUSEHOLD),
              eligible=lambda c: not c.has("looked_after"), field="hh")
    for c, n in zip(hh, HOUSEHOLD):
        c.household = n

    for code in CASE_CODES:
        if code not in NOT_RECORDED:
            continue
        nr = deal(rng, cases, code, NOT_RECORDED[code],
                  eligible=lambda c, k=code: k not in c.codes,
                  weight=lambda c: 4.0 if c.not_recorded else 1.0,
                  field="nr")
        for c in nr:
            c.not_recorded.add(code)

    cp = sorted((c for c in cases if c.has("child_protection_plan")
                 and c.notes is None), key=lambda c: c.key)
    cp[pick(rng, cp, [1.0] * len(cp))].notes = SUPERVISION_NOTE

    # Whether a case with one area says so explicitly (the key is optional).
    for c in cases:
        c.explicit_areas = c.areas != 1 or rng.random() < 0.5

    # Boards: deal the multiset of board names in a shuffled order.
    boards = [b for b, n in BOARD_CASES.items() for _ in range(n)]
    order = list(cases)
    shuffle(rng, order)
    for c, b in zip(order, boards):
        c.lscb = b

    # Completion dates: 47 distinct days in the period, in a shuffled order.
    span = (PERIOD_TO - PERIOD_FROM).days + 1
    days = set()
    while len(days) < len(cases):
        days.add(int(rng.random() * span))
    order = list(cases)
    shuffle(rng, order)
    for c, d in zip(order, sorted(days)):
        c.completed = PERIOD_FROM + datetime.timedelta(days=d)

    # Ids: LON-YYYY-NNN, numbered by completion date within each year.
    seq = {}
    for c in sorted(cases, key=lambda c: c.completed):
        y = c.completed.year
        seq[y] = seq.get(y, 0) + 1
        c.id = "LON-%d-%03d" % (y, seq[y])


def shuffle(rng, xs):
    """Fisher-Yates shuffle using rng.random() only."""
    for i in range(len(xs) - 1, 0, -1):
        j = int(rng.random() * (i + 1))
        xs[i], xs[j] = xs[j], xs[i]


SUBSETS = [  # (code, must also have)
    ("child_protection_plan", "known_to_csc"),
    ("child_in_need", "known_to_csc"),
    ("looked_after", "known_to_csc"),
    ("multiple_referrals", "known_to_csc"),
    ("major_mental_illness", "parent_mental_health"),
    ("psychosis_after_incident", "major_mental_illness"),
    ("fatal_domestic_violence", "domestic_violence"),
    ("moved_due_to_dv", "domestic_violence"),
    ("multiple_placements", "looked_after"),
    ("travel_abroad", "new_immigrant"),
    ("language_difficulties", "new_immigrant"),
    ("drug_dealer", "drug_misuse"),
    ("baby_withdrawal", "drug_misuse"),
]


def check(cases):
    """Assert the cohort meets every target before anything is written."""
    assert len(cases) == 47
    kids = [k for c in cases for k in c.children]
    assert len(kids) == 60
    assert sum(c.household for c in cases) == 30
    for code, n in TARGETS.items():
        got = sum(1 for c in cases if code in c.codes)
        assert got == n, (code, got, n)
    for code, sup in SUBSETS:
        for c in cases:
            assert code not in c.codes or sup in c.codes, (c.key, code)
    for c in cases:
        assert not (c.codes & c.not_recorded), c.key
        assert set(c.codes) <= set(CASE_CODES), c.key
        if c.has("looked_after"):
            assert SUDI not in c.causes and c.teens_only
        if c.codes & {"antenatal_problems", "perinatal_problems",
                      "baby_withdrawal"}:
            assert c.has_infant, c.key
    assert sum(1 for c in cases if c.areas == 2) == 10
    assert sum(1 for c in cases
               if c.areas >= 4 or c.has("moved_continually")) == 6
    assert len({c.id for c in cases}) == 47
    for b, n in BOARD_CASES.items():
        assert sum(1 for c in cases if c.lscb == b) == n


def emit(c):
    """The case as YAML text, keys in the order of SPEC.md's example."""
    out = ["# Synthetic case descriptor made by input/tools/make_cohort.py;",
           "# it describes no real child, family or review.",
           "id: %s" % c.id,
           "lscb: %s" % c.lscb,
           "completed: %s" % c.completed.isoformat(),
           "children:"]
    for k in c.children:
        out.append("  - sex: %s" % k["sex"])
        out.append("    age_years: %d" % k["age"])
        out.append("    outcome: %s" % k["outcome"])
        if k["cause"]:
            out.append("    death_cause: %s" % k["cause"])
        if k["factors"]:
            out.append("    factors: [%s]" % ", ".join(k["factors"]))
    out.append("household_children: %d" % c.household)
    # Written in every case, 1 included: it feeds published figures, and
    # scrpaper check warns where it is left to its default.
    out.append("lscb_areas_known: %d" % c.areas)
    factors = [k for k in CASE_CODES if k in c.codes]
    if factors:
        out.append("factors:")
        out.extend("  - %s" % k for k in factors)
    nr = [k for k in CASE_CODES if k in c.not_recorded]
    if nr:
        out.append("not_recorded: [%s]" % ", ".join(nr))
    if c.notes:
        assert ":" not in c.notes and "#" not in c.notes
        out.append("notes: %s" % c.notes)
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(INPUT, "cases"),
                    help="folder to write the case files to")
    args = ap.parse_args()

    rng = random.Random(SEED)
    cases = [Case(k, ch, req) for (k, ch, req) in SKELETONS]
    allocate_codes(rng, cases)
    allocate_rest(rng, cases)
    check(cases)

    os.makedirs(args.out, exist_ok=True)
    for name in sorted(os.listdir(args.out)):
        if name.startswith("LON-") and name.endswith(".yaml"):
            os.remove(os.path.join(args.out, name))
    for c in sorted(cases, key=lambda c: c.id):
        with open(os.path.join(args.out, c.id + ".yaml"), "w",
                  encoding="utf-8", newline="\n") as f:
            f.write(emit(c))
    print("make_cohort: wrote %d cases to %s"
          % (len(cases), os.path.relpath(args.out)))


if __name__ == "__main__":
    main()
