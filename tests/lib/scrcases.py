"""scrcases: the one writer and reader of scrpaper's input folders for the
generators of the tests and benchmarks (tests/data/make_*.py,
tests/attack/make_*.py, bench/gen_*.py) and the readers that check them.

An input folder is report.yaml, codebook.yaml, national.yaml and
cases/*.yaml (docs/schema.md).  A case is a dict:

  id, lscb, completed (a datetime.date or "YYYY-MM-DD"),
  children: [{sex, age_years, outcome, death_cause?, factors?}],
  household_children, lscb_areas_known, factors, not_recorded,
  notes (optional: a string, written quoted)

case_text() writes it as the generators always have, field for field, so
their cohorts stay byte-identical; read_case() reads it back (completed
as its string), for the checks that count figures from the case files
(tests/e2e/glance_check.py, variants_check.py); rename_board() renames a
board through a whole folder.  Python 3 standard library only.
"""

import datetime
import glob
import os
import re
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
INPUT = os.path.join(ROOT, "input")


def read_boards(report_path):
    """The boards of report.yaml's `lscbs:` block list, in order."""
    boards, inside = [], False
    with open(report_path, encoding="utf-8") as f:
        for line in f:
            if re.match(r"^lscbs:\s*$", line):
                inside = True
                continue
            if inside:
                m = re.match(r"^\s+-\s+(.+?)\s*$", line)
                if m:
                    boards.append(m.group(1).strip("\"'"))
                elif line.strip() and not line.lstrip().startswith("#"):
                    break
    return boards


def read_codes(codebook_path):
    """(case codes, child codes) of the codebook, in file order."""
    case, child, name = [], [], None
    with open(codebook_path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^  ([A-Za-z0-9_]+):\s*$", line)
            if m:
                name = m.group(1)
                continue
            m = re.match(r"^    level:\s*(case|child)\s*$", line)
            if m and name:
                (case if m.group(1) == "case" else child).append(name)
                name = None
    return case, child


def read_period(report_path):
    """report.yaml's current period, (from, to) as datetime.date."""
    with open(report_path, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"^period:\s*\n\s+from:\s*(\d{4}-\d\d-\d\d)\s*\n"
                  r"\s+to:\s*(\d{4}-\d\d-\d\d)", text, re.M)
    if not m:
        raise ValueError("%s: no period from/to" % report_path)
    return (datetime.date.fromisoformat(m.group(1)),
            datetime.date.fromisoformat(m.group(2)))


def flow(items):
    """A YAML flow sequence of plain words: [a, b, c]."""
    return "[" + ", ".join(items) + "]"


def quoted(s):
    """s as a double-quoted YAML scalar."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def case_text(k, header, block_factors=False):
    """The case file of case k: the comment lines of header, then its
    fields.  Empty factors and not_recorded are left out; the case's
    factors are a block list when block_factors is set."""
    completed = k["completed"]
    if isinstance(completed, datetime.date):
        completed = completed.isoformat()
    out = ["# " + h if h else "#" for h in header]
    out += ["id: " + k["id"], "lscb: " + k["lscb"],
            "completed: " + completed, "children:"]
    for c in k["children"]:
        out.append("  - sex: " + c["sex"])
        out.append("    age_years: %d" % c["age_years"])
        out.append("    outcome: " + c["outcome"])
        if c.get("death_cause"):
            out.append("    death_cause: " + c["death_cause"])
        if c.get("factors"):
            out.append("    factors: " + flow(c["factors"]))
    out.append("household_children: %d" % k["household_children"])
    out.append("lscb_areas_known: %d" % k["lscb_areas_known"])
    if k.get("factors"):
        if block_factors:
            out.append("factors:")
            out.extend("  - " + f for f in k["factors"])
        else:
            out.append("factors: " + flow(k["factors"]))
    if k.get("not_recorded"):
        out.append("not_recorded: " + flow(k["not_recorded"]))
    if k.get("notes") is not None:
        out.append("notes: " + quoted(k["notes"]))
    return "\n".join(out) + "\n"


def clear_cases(out):
    """Makes out/cases, removing the case files an earlier run left."""
    os.makedirs(os.path.join(out, "cases"), exist_ok=True)
    for f in os.listdir(os.path.join(out, "cases")):
        if f.endswith(".yaml"):
            os.remove(os.path.join(out, "cases", f))


def write_case(out, k, header, block_factors=False):
    """Writes case k as out/cases/ID.yaml."""
    with open(os.path.join(out, "cases", k["id"] + ".yaml"), "w",
              encoding="utf-8") as f:
        f.write(case_text(k, header, block_factors))


def copy_shared(out, src=INPUT):
    """Copies codebook.yaml and national.yaml from src (input/)."""
    for name in ("codebook.yaml", "national.yaml"):
        shutil.copyfile(os.path.join(src, name), os.path.join(out, name))


def _scalar(v):
    v = v.strip()
    if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'":
        v = v[1:-1]
    return v


def _flow(v):
    v = v.strip()
    if not (v.startswith("[") and v.endswith("]")):
        return None
    return [_scalar(x) for x in v[1:-1].split(",") if x.strip()]


def read_case(path, fail=None):
    """Case file path read back as the dict case_text() writes: strings
    (quotes stripped), household_children, lscb_areas_known and each
    child's age_years as int, factors and not_recorded (flow or block
    lists) as lists, [] when absent.  A line reader for the layout the
    generators write and input/'s (SPEC.md's example), not a YAML parser:
    a line it cannot read is passed to fail(message) when given, else
    raises ValueError."""
    k = {"children": [], "factors": [], "not_recorded": [],
         "household_children": 0, "lscb_areas_known": 1}
    key = child = None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = re.match(r"^([a-z_]+):\s*(.*)$", line)
        if m:
            key, v = m.group(1), m.group(2)
            child = None
            if key in ("factors", "not_recorded"):
                k[key] = _flow(v) if v.strip() else []
            elif key in ("household_children", "lscb_areas_known"):
                k[key] = int(v)
            elif key != "children":
                k[key] = _scalar(v)
            continue
        m = re.match(r"^\s*-\s+([a-z_]+):\s*(.*)$", line)
        if m and key == "children":
            child = {"factors": []}
            k["children"].append(child)
            child[m.group(1)] = _scalar(m.group(2))
            continue
        m = re.match(r"^\s+([a-z_]+):\s*(.*)$", line)
        if m and child is not None:
            f, v = m.group(1), m.group(2)
            child[f] = _flow(v) if f == "factors" else _scalar(v)
            continue
        m = re.match(r"^\s*-\s+([a-z_]+)\s*$", line)
        if m and key in ("factors", "not_recorded"):
            k[key].append(m.group(1))
            continue
        msg = "%s: cannot read line: %s" % (path, line)
        if fail is None:
            raise ValueError(msg)
        fail(msg)
    for c in k["children"]:
        c["age_years"] = int(c["age_years"])
    return k


def read_cases(folder, fail=None):
    """Every case file of folder/cases read by read_case(), in the order
    of their names."""
    return [read_case(p, fail) for p in
            sorted(glob.glob(os.path.join(folder, "cases", "*.yaml")))]


def rename_board(folder, old, new):
    """Renames board old as new in report.yaml's list of boards,
    grid.yaml's keys (if there is a grid) and the lscb: of every case
    file of folder, in place.  new is written as given: quote it as YAML
    needs."""
    paths = [os.path.join(folder, "report.yaml")]
    if os.path.exists(os.path.join(folder, "grid.yaml")):
        paths.append(os.path.join(folder, "grid.yaml"))
    paths += glob.glob(os.path.join(folder, "cases", "*.yaml"))
    o = re.escape(old)
    for p in paths:
        with open(p, encoding="utf-8") as f:
            s = f.read()
        s = re.sub(r"(?m)^(\s*-\s*)%s\s*$" % o, lambda m: m.group(1) + new, s)
        s = re.sub(r"(?m)^(\s*)%s:" % o, lambda m: m.group(1) + new + ":", s)
        s = re.sub(r"(?m)^lscb: %s\s*$" % o, lambda m: "lscb: " + new, s)
        with open(p, "w", encoding="utf-8") as f:
            f.write(s)
