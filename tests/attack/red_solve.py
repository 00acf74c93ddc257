#!/usr/bin/env python3
"""An independent attacker on scrpaper's published ledgers (red team).

Written from docs/disclosure.md and the published files alone (not from
pipeline/fig/fig_suppress.c or pipeline/fig/fig_audit.c).  It reads what a reader
holds:

  REGIONAL   `scrpaper figures --all-periods` (London, every period)
  BOARDS     `scrpaper figures --all-periods --all-lscbs`
  FIGURES    templates/figures.yaml (units, tests and `relations:`)

and, optionally, TRUTH: the JSON of tests/e2e/count_figures.py (counts
made from the case files), used only to say whether a recovered value is
right.  Every printed [c] (numerator, denominator, not_recorded) is an
integer variable; shown cells are fixed.  The constraints are those the
docs say a reader knows (every relation of figures.yaml in every area,
London = the sum of the boards for every cell, 0 <= share <= base) and,
with --extra, what a reader also knows from the figures' definitions
without it being declared:

  * numerator + not_recorded <= base, for a figure whose test is one
    code (`where: CODE`): a unit whose case marks the code as not
    recorded is not counted as having it (docs/figures.md; the loader
    refuses a code both given and not recorded).  Not for a test such as
    `any: [..., CODE]`, which counts a unit by its other branch too;
  (known_to_two_lscbs + known_to_four_plus_lscbs <= cases looks like
  another one, but "or moved continually" lets a review count in both.)

A banded share (a [c] whose `text` is a band such as "25–49%", report.yaml
`disclosure: bands`) is read as the numerators over its printed base whose
whole per cent, rounded half up, lies in the band.

It propagates integer bounds over the linear constraints, then, for every
hidden cell whose range is small, tries each value ("shaving") and drops
those that make the system infeasible.  A hidden cell left with a single
value is recovered.  Python 3 standard library only.

Usage:
  red_solve.py REGIONAL BOARDS FIGURES [--truth JSON] [--extra] [--max-range N]
Exit 1 when a [c] is pinned to one value, 0 otherwise.
"""

import argparse
import csv
import json
import re
import sys


def load_figures(path):
    """Return ({name: {unit, count_of, sum, codes}}, [relation strings])."""
    text = open(path, encoding="utf-8").read()
    head, _, rel = text.partition("\nrelations:")
    figs = {}
    order = []
    for blk in re.split(r"\n  - name: ", head)[1:]:
        lines = blk.split("\n")
        name = lines[0].strip()
        d = {"unit": "count", "count_of": "cases", "sum": None}
        for ln in lines[1:]:
            m = re.match(r"    (unit|count_of|sum|where): (\S+)$", ln)
            if m:
                d[m.group(1)] = m.group(2)
        figs[name] = d
        order.append(name)
    rels = []
    for ln in rel.split("\n"):
        m = re.match(r"\s+- (.*)$", ln)
        if m and not ln.strip().startswith("#"):
            rels.append(m.group(1).split("#")[0].strip())
    return figs, rels


def parse_relation(s):
    """'a + b - c <= d + e' -> (coeffs, op) meaning sum(coeffs) op 0."""
    m = re.match(r"(.*?)\s*(<=|>=|=)\s*(.*)$", s)
    left, op, right = m.group(1), m.group(2), m.group(3)
    coeffs = {}

    def side(expr, sign):
        for sgn, term in re.findall(r"([+-]?)\s*([a-z0-9_]+)", expr):
            c = -1 if sgn == "-" else 1
            coeffs[term] = coeffs.get(term, 0) + sign * c

    side(left, 1)
    side(right, -1)
    if op == ">=":
        coeffs = {k: -v for k, v in coeffs.items()}
        op = "<="
    return coeffs, op


class System:
    def __init__(self):
        self.idx = {}
        self.names = []
        self.lo = []
        self.hi = []
        self.cons = []      # (list of (var, coeff), const): sum <= const
        self.of_var = []    # var -> list of constraint indices
        self.why = []       # constraint text

    def var(self, key, value=None, top=10 ** 6):
        if key not in self.idx:
            self.idx[key] = len(self.names)
            self.names.append(key)
            self.lo.append(0)
            self.hi.append(top)
            self.of_var.append([])
        i = self.idx[key]
        if value is not None:
            self.lo[i] = max(self.lo[i], value)
            self.hi[i] = min(self.hi[i], value)
        return i

    def le(self, terms, const, why):
        """sum(coeff * var) <= const."""
        t = [(v, c) for v, c in terms if c != 0]
        k = len(self.cons)
        self.cons.append((t, const))
        self.why.append(why)
        for v, _ in t:
            self.of_var[v].append(k)

    def eq(self, terms, const, why):
        self.le(terms, const, why)
        self.le([(v, -c) for v, c in terms], -const, why)

    def propagate(self, lo, hi, queue, trail=None):
        """Tighten lo/hi in place; False when infeasible."""
        inq = set(queue)
        queue = list(queue)
        while queue:
            k = queue.pop()
            inq.discard(k)
            terms, const = self.cons[k]
            mins = 0
            for v, c in terms:
                mins += c * (lo[v] if c > 0 else hi[v])
            if mins > const:
                return False
            slack = const - mins
            for v, c in terms:
                if c > 0:
                    room = slack // c
                    nh = lo[v] + room
                    if nh < hi[v]:
                        if trail is not None:
                            trail.append((v, lo[v], hi[v]))
                        hi[v] = nh
                        if nh < lo[v]:
                            return False
                        for k2 in self.of_var[v]:
                            if k2 not in inq:
                                inq.add(k2)
                                queue.append(k2)
                else:
                    room = slack // (-c)
                    nl = hi[v] - room
                    if nl > lo[v]:
                        if trail is not None:
                            trail.append((v, lo[v], hi[v]))
                        lo[v] = nl
                        if lo[v] > hi[v]:
                            return False
                        for k2 in self.of_var[v]:
                            if k2 not in inq:
                                inq.add(k2)
                                queue.append(k2)
        return True


def build(period, reg_rows, board_rows, figs, rels, extra, baseline=False,
          s=None):
    """One period's cells and relations, in S (a new System when None)."""
    if s is None:
        s = System()
    areas = [""] + sorted({r["lscb"] for r in board_rows})
    order = sorted({r["lscb"] for r in board_rows},
                   key=lambda b: [x["lscb"] for x in board_rows].index(b))
    areas = [""] + order
    hidden = []
    shown_cells = {}
    bands = []

    def cell(area, name, kind, text):
        key = (period, area, name, kind)
        if baseline and area != "" and name not in ("cases", "children") \
                and not (kind == "d" and figs[name]["unit"] in ("cases", "children")):
            text = ""  # what London and the public numbers say alone
        if text == "" or text is None:
            i = s.var(key)
            hidden.append(i)
        else:
            i = s.var(key, int(text))
            shown_cells[key] = int(text)
        return i

    rows = {}
    for r in reg_rows:
        rows[("", r["name"])] = r
    for r in board_rows:
        rows[(r["lscb"], r["name"])] = r
    names = [n for n in figs if ("", n) in rows]
    def band_bounds(i_num, text, den_text):
        """A band "25–49%" over a printed base: the numerators whose whole
        per cent (half up) lies in it."""
        m = re.fullmatch(r"(\d+)\s*[–-]\s*(\d+)%", text or "")
        if not m or baseline or den_text in ("", None):
            return
        lo_p, hi_p, den = int(m.group(1)), int(m.group(2)), int(den_text)
        ok = [n for n in range(den + 1)
              if lo_p <= (200 * n + den) // (2 * den) <= hi_p] if den else []
        if ok:
            s.lo[i_num] = max(s.lo[i_num], ok[0])
            s.hi[i_num] = min(s.hi[i_num], ok[-1])
            bands.append((i_num, text))

    # cells
    for a in areas:
        for n in names:
            r = rows.get((a, n))
            if r is None:
                continue
            i_num = cell(a, n, "n", r["numerator"])
            if r["numerator"] == "":
                band_bounds(i_num, r["text"], r["denominator"])
            if figs[n]["unit"] != "count":
                cell(a, n, "d", r["denominator"])
            if r.get("not_recorded", "") != "" or a != "":
                # an empty not_recorded of a board is hidden
                cell(a, n, "r", r["not_recorded"])

    def V(a, n, k):
        return s.idx.get((period, a, n, k))

    for a in areas:
        # a board with no review: every cell is 0 (docs: not a secret)
        cases = V(a, "cases", "n")
        children = V(a, "children", "n")
        deaths = V(a, "deaths", "n")
        base_of = {"cases": cases, "children": children, "deaths": deaths}
        for n in names:
            f = figs[n]
            num = V(a, n, "n")
            nr = V(a, n, "r")
            if f["unit"] != "count":
                base = base_of[f["unit"]]
                den = V(a, n, "d")
                s.eq([(den, 1), (base, -1)], 0, f"{a}:{n} denominator = {f['unit']}")
            elif f["sum"]:
                base = None
            elif n in ("cases", "children"):
                base = None
            else:
                base = base_of[f["count_of"]]
            if base is not None and num is not None:
                s.le([(num, 1), (base, -1)], 0, f"{a}:{n} <= base")
                if nr is not None:
                    s.le([(nr, 1), (base, -1)], 0, f"{a}:{n} not_recorded <= base")
                    if extra and re.fullmatch(r"[a-z0-9_]+", f.get("where") or ""):
                        s.le([(num, 1), (nr, 1), (base, -1)], 0,
                             f"{a}:{n} numerator + not_recorded <= base")
        for rel in rels:
            coeffs, op = parse_relation(rel)
            terms = [(V(a, n, "n"), c) for n, c in coeffs.items()]
            if any(v is None for v, _ in terms):
                continue
            if op == "=":
                s.eq(terms, 0, f"{a or 'London'}: {rel}")
            else:
                s.le(terms, 0, f"{a or 'London'}: {rel}")
    # London = sum of the boards
    for n in names:
        for k in ("n", "r", "d"):
            lv = V("", n, k)
            bs = [V(b, n, k) for b in areas[1:]]
            if lv is None or any(b is None for b in bs):
                continue
            s.eq([(lv, 1)] + [(b, -1) for b in bs], 0, f"London {n}.{k} = sum of boards")
    return s, hidden, shown_cells


def solve(s, hidden, max_range):
    lo, hi = s.lo, s.hi
    if not s.propagate(lo, hi, range(len(s.cons))):
        return None
    changed = True
    rounds = 0
    while changed and rounds < 6:
        changed = False
        rounds += 1
        for v in hidden:
            if lo[v] == hi[v] or hi[v] - lo[v] > max_range:
                continue
            keep = []
            for val in range(lo[v], hi[v] + 1):
                trail = [(v, lo[v], hi[v])]
                lo[v] = hi[v] = val
                ok = s.propagate(lo, hi, s.of_var[v], trail)
                for (u, a, b) in reversed(trail):
                    lo[u], hi[u] = a, b
                if ok:
                    keep.append(val)
            if not keep:
                return None
            if keep[0] > lo[v] or keep[-1] < hi[v]:
                lo[v], hi[v] = keep[0], keep[-1]
                changed = True
                if not s.propagate(lo, hi, s.of_var[v]):
                    return None
    return lo, hi


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("regional")
    ap.add_argument("boards")
    ap.add_argument("figures")
    ap.add_argument("--truth")
    ap.add_argument("--extra", action="store_true")
    ap.add_argument("--max-range", type=int, default=40)
    ap.add_argument("--label", default="")
    ap.add_argument("--show", type=int, default=30)
    args = ap.parse_args()
    figs, rels = load_figures(args.figures)
    reg = list(csv.DictReader(open(args.regional, encoding="utf-8")))
    brd = list(csv.DictReader(open(args.boards, encoding="utf-8")))
    if "period" not in (reg[0] if reg else {}):
        for r in reg + brd:
            r["period"] = ""
    truth = None
    if args.truth:
        tj = json.load(open(args.truth))
        truth = tj["counts"]
        if reg and reg[0]["period"] == "" and len(tj.get("periods", [])) == 1:
            one = tj["periods"][0]
            truth = {k[len(one):]: v for k, v in truth.items()
                     if k.startswith(one + "|")}
    periods = []
    for r in brd:
        if r["period"] not in periods:
            periods.append(r["period"])
    recovered = 0
    wrong = 0
    for p in periods:
        s, hidden, _ = build(p, [r for r in reg if r["period"] == p],
                             [r for r in brd if r["period"] == p], figs, rels, args.extra)
        res = solve(s, hidden, args.max_range)
        if res is None:
            print(f"{args.label} period {p}: published cells are inconsistent with the relations")
            wrong += 1
            continue
        lo, hi = res
        sb, hb, _ = build(p, [r for r in reg if r["period"] == p],
                          [r for r in brd if r["period"] == p], figs, rels,
                          args.extra, baseline=True)
        rb = solve(sb, hb, args.max_range)
        public = set()
        if rb is not None:
            public = {sb.names[v] for v in hb if rb[0][v] == rb[1][v]}
        for v in hidden:
            if s.names[v] in public:
                continue
            if lo[v] != hi[v]:
                continue
            per, area, name, kind = s.names[v]
            if area == "":
                continue
            what = {"n": "numerator", "r": "not_recorded", "d": "denominator"}[kind]
            note = ""
            if truth is not None:
                t = truth.get(f"{per}|{area}|{name}")
                if t is not None:
                    tv = {"n": t[0], "d": t[1], "r": t[3]}[kind]
                    note = " (true value)" if tv == lo[v] else f" (WRONG: true {tv})"
                    if tv != lo[v]:
                        wrong += 1
            if recovered < args.show:
                print(f"recovered {args.label} {per} {area}: {name} {what} = {lo[v]}, printed [c]{note}")
            recovered += 1
    print(f"{args.label}: {recovered} suppressed cells recovered")
    if wrong:
        return 2
    return 1 if recovered else 0


if __name__ == "__main__":
    sys.exit(main())
