#!/usr/bin/env python3
"""Read input/cases/*.yaml back and check every tally the published paper needs.

An independent check on input/tools/make_cohort.py: it reads the files as
written (not the generator's tables), prints every raw tally and its
percentage (rounded half up over SPEC.md's denominators: cases /47,
children /60, deaths /34), and exits 1 if any differs from the published
figure. It also checks the files against report.yaml (boards, period) and
codebook.yaml (codes and their levels).

The reader is line-based and understands only the layout make_cohort.py
writes (block mappings, `- ` block lists, `[a, b]` flow lists, comments);
it is not a YAML parser. Python 3 standard library only.

Usage: python3 input/tools/tally.py [--input DIR] [--cases DIR]
"""

import argparse
import datetime
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
INPUT = os.path.dirname(HERE)

CASE_KEYS = ["id", "lscb", "completed", "children", "household_children",
             "lscb_areas_known", "factors", "not_recorded", "notes"]
CHILD_KEYS = ["sex", "age_years", "outcome", "death_cause", "factors"]
CAUSES = ["sudi", "physical_assault", "neglect", "related", "suicide"]

# name: (expected raw count, unit, paper's printed value or None)
# Units: cases (/47), children (/60), deaths (/34), count (no percent).
EXPECTED = [
    ("cases", 47, "count", None),
    ("children", 60, "count", None),
    ("household_children", 30, "count", None),
    ("cases_with_death", 29, "cases", 62),
    ("children_died", 34, "count", None),
    ("children_serious_harm", 26, "count", None),
    ("boys", 37, "children", 62),
    ("age_under_1", 21, "children", 35),
    ("age_1_5", 14, "children", 23),
    ("age_6_10", 8, "children", 13),
    ("age_11_15", 10, "children", 17),
    ("age_16_plus", 7, "children", 12),
    ("death_sudi", 4, "deaths", 12),
    ("death_assault", 21, "deaths", 62),
    ("death_neglect", 4, "deaths", 12),
    ("death_neglect_over_10", 3, "count", None),
    ("death_related", 3, "deaths", 9),
    ("death_suicide", 2, "deaths", None),
    ("neglect", 16, "children", 27),
    ("known_to_two_lscbs", 10, "cases", 21),
    ("known_to_four_plus_lscbs", 6, "cases", 13),
    ("lscb_areas_4_plus", 3, "count", None),
    # case-level codes
    ("known_to_csc", 33, "cases", 70),
    ("child_protection_plan", 9, "cases", 19),
    ("child_in_need", 6, "cases", 13),
    ("looked_after", 8, "cases", 17),
    ("multiple_referrals", 10, "cases", 21),
    ("new_immigrant", 7, "cases", 15),
    ("abuse_network", 6, "cases", 13),
    ("neglect_masked_abuse", 2, "count", None),
    ("mother_abused_as_child", 8, "cases", 17),
    ("parent_known_to_csc_as_child", 4, "count", None),
    ("male_known_to_csc_as_child", 4, "count", None),
    ("mother_partnered_as_minor", 5, "cases", None),
    ("parent_mental_health", 28, "cases", 60),
    ("major_mental_illness", 22, "cases", None),       # "about half"
    ("psychosis_after_incident", 2, "count", None),
    ("domestic_violence", 22, "cases", 47),
    ("fatal_domestic_violence", 2, "count", None),
    ("violent_history", 12, "cases", 26),
    ("moved_continually", 3, "count", None),
    ("travel_abroad", 3, "cases", 6),
    ("highly_mobile", 19, "cases", 40),
    ("language_difficulties", 3, "cases", 6),
    ("multiple_placements", 4, "count", None),
    ("rent_arrears_or_eviction", 22, "cases", 47),
    ("moved_due_to_dv", 4, "cases", 9),
    ("neighbour_dispute", 6, "cases", 13),
    ("alcohol_misuse", 11, "cases", 23),
    ("drug_misuse", 13, "cases", 28),
    ("drug_dealer", 3, "count", None),
    ("baby_withdrawal", 2, "count", None),
    ("antenatal_problems", 10, "cases", 21),
    ("perinatal_problems", 15, "cases", 32),
    ("recording_communication", 24, "cases", None),    # "half"
    ("flawed_planning", 11, "cases", None),            # "almost a quarter"
    ("misleading_parents", 7, "count", None),
    ("unrecognised_pressures", 3, "count", None),
    ("rehearsal_incidents", 5, "count", None),
    ("unqualified_workers", 2, "count", None),
    ("worker_changes", 3, "count", None),
]

DENOMINATORS = {"cases": 47, "children": 60, "deaths": 34}

SUBSETS = [  # (code, must also have), within one case
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
]

errors = []


def err(where, msg):
    errors.append("%s: error: %s" % (where, msg))


def pct(n, d):
    """Whole-number percent, rounded half up (27.5 -> 28)."""
    return (200 * n + d) // (2 * d)


def strip_comment(line):
    # Our files never put '#' inside a value, so this is safe here.
    i = line.find("#")
    return line if i < 0 else line[:i]


def flow_list(text):
    text = text.strip()
    if not (text.startswith("[") and text.endswith("]")):
        return None
    inner = text[1:-1].strip()
    return [x.strip() for x in inner.split(",")] if inner else []


def read_list_block(lines, i, indent):
    """Items of a `- x` block list starting at lines[i] with the given indent."""
    items = []
    prefix = " " * indent + "- "
    while i < len(lines) and lines[i][1].startswith(prefix):
        items.append(lines[i][1][len(prefix):].strip())
        i += 1
    return items, i


def read_case(path):
    """Parse one case file; returns a dict or None after reporting errors."""
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    if not raw.endswith("\n"):
        err(path, "file does not end with a newline")
    lines = [(n + 1, strip_comment(l).rstrip())
             for n, l in enumerate(raw.split("\n"))]
    lines = [(n, l) for n, l in lines if l.strip()]
    case = {"children": [], "factors": [], "not_recorded": [],
            "household_children": 0, "lscb_areas_known": 1, "_keys": []}
    i = 0
    while i < len(lines):
        n, l = lines[i]
        where = "%s:%d" % (path, n)
        m = re.match(r"^([a-z_]+):(?: (.*))?$", l)
        if not m:
            err(where, "unexpected line %r" % l)
            i += 1
            continue
        key, val = m.group(1), (m.group(2) or "").strip()
        case["_keys"].append(key)
        i += 1
        if key == "children":
            while i < len(lines) and lines[i][1].startswith("  - "):
                child = {"factors": [], "_keys": []}
                first = True
                while i < len(lines) and (
                        (first and lines[i][1].startswith("  - "))
                        or lines[i][1].startswith("    ")):
                    cl = lines[i][1][4:]
                    first = False
                    cm = re.match(r"^([a-z_]+): (.*)$", cl)
                    if not cm:
                        err("%s:%d" % (path, lines[i][0]), "bad child line")
                        i += 1
                        continue
                    ck, cv = cm.group(1), cm.group(2).strip()
                    child["_keys"].append(ck)
                    if ck == "factors":
                        child["factors"] = flow_list(cv) or []
                    else:
                        child[ck] = cv
                    i += 1
                case["children"].append(child)
        elif key in ("factors", "not_recorded"):
            if val:
                case[key] = flow_list(val)
            else:
                case[key], i = read_list_block(lines, i, 2)
        elif key in ("household_children", "lscb_areas_known"):
            case[key] = int(val)
        elif key == "notes":
            if ":" in val and not (val.startswith('"') or val.startswith("'")):
                err(where, "unquoted string with a colon")
            case[key] = val
        else:
            case[key] = val
    return case


def read_report(path):
    """lscbs and period from report.yaml."""
    lscbs, period, in_lscbs = [], {}, False
    with open(path, encoding="utf-8") as f:
        for l in f:
            l = strip_comment(l).rstrip()
            if not l:
                continue
            if l.startswith("lscbs:"):
                in_lscbs = True
                continue
            if in_lscbs and l.startswith("  - "):
                lscbs.append(l[4:].strip())
                continue
            in_lscbs = False
            m = re.match(r"^  (from|to): (\d{4}-\d\d-\d\d)$", l)
            if m:
                period[m.group(1)] = datetime.date.fromisoformat(m.group(2))
    return lscbs, period


def read_codebook(path):
    """code -> level from codebook.yaml."""
    codes, cur = {}, None
    with open(path, encoding="utf-8") as f:
        for l in f:
            l = strip_comment(l).rstrip()
            m = re.match(r"^  ([a-z_]+):$", l)
            if m:
                cur = m.group(1)
                continue
            m = re.match(r"^    level: (case|child)$", l)
            if m and cur:
                codes[cur] = m.group(1)
    return codes


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--input", default=INPUT)
    ap.add_argument("--cases", default=None)
    args = ap.parse_args()
    cases_dir = args.cases or os.path.join(args.input, "cases")

    lscbs, period = read_report(os.path.join(args.input, "report.yaml"))
    codebook = read_codebook(os.path.join(args.input, "codebook.yaml"))
    if len(lscbs) != 33:
        err("report.yaml", "expected 33 lscbs, found %d" % len(lscbs))

    names = sorted(n for n in os.listdir(cases_dir) if n.endswith(".yaml"))
    cases = []
    for name in names:
        path = os.path.join(os.path.relpath(cases_dir), name)
        c = read_case(path)
        c["_path"] = path
        cases.append(c)

    # Schema checks.
    ids = set()
    for c in cases:
        p = c["_path"]
        keys = c["_keys"]
        if len(set(keys)) != len(keys):
            err(p, "duplicate key")
        if [k for k in CASE_KEYS if k in keys] != keys:
            err(p, "keys %s not in SPEC order / not all known" % keys)
        for k in ("id", "lscb", "completed", "children"):
            if k not in keys:
                err(p, "missing %s" % k)
        cid = c.get("id", "")
        if not re.match(r"^LON-\d{4}-\d{3}$", cid):
            err(p, "bad id %r" % cid)
        if os.path.basename(p) != cid + ".yaml":
            err(p, "file name does not match id %s" % cid)
        if cid in ids:
            err(p, "duplicate id %s" % cid)
        ids.add(cid)
        if c.get("lscb") not in lscbs:
            err(p, "lscb %r not in report.yaml" % c.get("lscb"))
        d = datetime.date.fromisoformat(c["completed"])
        if not (period["from"] <= d <= period["to"]):
            err(p, "completed %s outside the period" % d)
        if cid[4:8] != str(d.year):
            err(p, "id year does not match completed year")
        if not c["children"]:
            err(p, "no children")
        for ch in c["children"]:
            if [k for k in CHILD_KEYS if k in ch["_keys"]] != ch["_keys"]:
                err(p, "child keys %s not in SPEC order" % ch["_keys"])
            if ch.get("sex") not in ("male", "female"):
                err(p, "bad sex")
            if not 0 <= int(ch.get("age_years", -1)) <= 17:
                err(p, "bad age")
            died = ch.get("outcome") == "died"
            if ch.get("outcome") not in ("died", "serious_harm"):
                err(p, "bad outcome")
            if died != ("death_cause" in ch):
                err(p, "death_cause iff died broken")
            if died and ch["death_cause"] not in CAUSES:
                err(p, "bad death_cause")
            for f in ch["factors"]:
                if codebook.get(f) != "child":
                    err(p, "%s is not a child-level code" % f)
        for f in c["factors"] + c["not_recorded"]:
            if codebook.get(f) != "case":
                err(p, "%s is not a case-level code" % f)
        if set(c["factors"]) & set(c["not_recorded"]):
            err(p, "code both in factors and not_recorded")
        for code, sup in SUBSETS:
            if code in c["factors"] and sup not in c["factors"]:
                err(p, "%s without %s" % (code, sup))

    # Tallies.
    kids = [ch for c in cases for ch in c["children"]]
    dead = [ch for ch in kids if ch["outcome"] == "died"]
    age = lambda ch: int(ch["age_years"])

    def cases_with(code):
        return sum(1 for c in cases if code in c["factors"])

    got = {
        "cases": len(cases),
        "children": len(kids),
        "household_children": sum(c["household_children"] for c in cases),
        "cases_with_death": sum(
            1 for c in cases
            if any(ch["outcome"] == "died" for ch in c["children"])),
        "children_died": len(dead),
        "children_serious_harm": sum(
            1 for ch in kids if ch["outcome"] == "serious_harm"),
        "boys": sum(1 for ch in kids if ch["sex"] == "male"),
        "age_under_1": sum(1 for ch in kids if age(ch) == 0),
        "age_1_5": sum(1 for ch in kids if 1 <= age(ch) <= 5),
        "age_6_10": sum(1 for ch in kids if 6 <= age(ch) <= 10),
        "age_11_15": sum(1 for ch in kids if 11 <= age(ch) <= 15),
        "age_16_plus": sum(1 for ch in kids if age(ch) >= 16),
        "death_sudi": sum(1 for ch in dead if ch["death_cause"] == "sudi"),
        "death_assault": sum(
            1 for ch in dead if ch["death_cause"] == "physical_assault"),
        "death_neglect": sum(
            1 for ch in dead if ch["death_cause"] == "neglect"),
        "death_neglect_over_10": sum(
            1 for ch in dead
            if ch["death_cause"] == "neglect" and age(ch) > 10),
        "death_related": sum(
            1 for ch in dead if ch["death_cause"] == "related"),
        "death_suicide": sum(
            1 for ch in dead if ch["death_cause"] == "suicide"),
        "neglect": sum(1 for ch in kids if "neglect" in ch["factors"]),
        "known_to_two_lscbs": sum(
            1 for c in cases if c["lscb_areas_known"] == 2),
        "known_to_four_plus_lscbs": sum(
            1 for c in cases if c["lscb_areas_known"] >= 4
            or "moved_continually" in c["factors"]),
        "lscb_areas_4_plus": sum(
            1 for c in cases if c["lscb_areas_known"] >= 4),
    }
    for name, _, _, _ in EXPECTED:
        if name not in got:
            got[name] = cases_with(name)

    # Plausibility rules from the brief.
    for c in cases:
        p, f, chs = c["_path"], set(c["factors"]), c["children"]
        ages = [age(ch) for ch in chs]
        causes = {ch.get("death_cause") for ch in chs}
        if "sudi" in causes and "looked_after" in f:
            err(p, "SUDI in a looked_after case")
        if "looked_after" in f and min(ages) < 11:
            err(p, "looked_after case with a young child")
        if f & {"baby_withdrawal", "antenatal_problems",
                "perinatal_problems"} and 0 not in ages:
            err(p, "early-life code without an infant")
        if "lscb_areas_known" in c["_keys"] and c["lscb_areas_known"] < 1:
            err(p, "lscb_areas_known < 1")
    for ch in dead:
        if ch["death_cause"] == "sudi" and age(ch) != 0:
            errors.append("SUDI child not an infant")
        if ch["death_cause"] in ("suicide", "related") and age(ch) < 13:
            errors.append("suicide/related death of a child under 13")
    bad_nr = sum(1 for c in cases for k in c["not_recorded"]
                 if k in c["factors"])
    if bad_nr:
        errors.append("%d not_recorded codes also in factors" % bad_nr)

    # Report.
    print("%-30s %5s %-9s %7s %6s" % ("name", "count", "unit", "percent",
                                      "paper"))
    for name, want, unit, paper in EXPECTED:
        n = got[name]
        p = ""
        if unit in DENOMINATORS:
            p = "%d%%" % pct(n, DENOMINATORS[unit])
        ok = n == want and (paper is None or pct(n, DENOMINATORS[unit])
                            == paper)
        print("%-30s %5d %-9s %7s %6s %s" % (
            name, n, unit, p, "" if paper is None else "%d%%" % paper,
            "ok" if ok else "MISMATCH (want %d)" % want))
        if not ok:
            errors.append("%s: got %d, want %d" % (name, n, want))

    print()
    print("not recorded (cases):")
    nr = {}
    for c in cases:
        for k in c["not_recorded"]:
            nr[k] = nr.get(k, 0) + 1
    for k in sorted(nr):
        print("  %-28s %d" % (k, nr[k]))

    print()
    print("cases per board:")
    per = {b: 0 for b in lscbs}
    for c in cases:
        per[c["lscb"]] = per.get(c["lscb"], 0) + 1
    for b in lscbs:
        print("  %-24s %d" % (b, per[b]))
    hist = {}
    for b in lscbs:
        hist[per[b]] = hist.get(per[b], 0) + 1
    print("  boards by number of cases: %s" % ", ".join(
        "%d with %d" % (hist[k], k) for k in sorted(hist)))

    if errors:
        print()
        for e in errors:
            print(e, file=sys.stderr)
        print("tally: %d problem(s)" % len(errors), file=sys.stderr)
        sys.exit(1)
    print()
    print("tally: all %d figures match" % len(EXPECTED))


if __name__ == "__main__":
    main()
