#!/usr/bin/env python3
"""data_read_pandas.py: pandas reads every CSV of the archive as it is.

Usage: data_read_pandas.py PAPERS

PAPERS is the unpacked archive of `make dist`.  Its CSVs must be exactly
data/scr_figures.csv, data/scr_figures.meta.csv, figures.csv,
lscb/figures.csv and national.csv; pandas.read_csv with no options must
read each without a warning, with the file's header and number of rows,
every cell as Python's csv module reads it (an empty cell missing, no
text turned into a missing value), the ledgers' counts and percentages,
time_period and the metadata's indicator_dp as numbers, and the data
set's Indicator columns numbers once c, z and x are missing (docs/data.md).
Prints up to 20 "FAIL: pandas: ..." lines and a summary; exits 1 on any.
"""
import csv, os, sys, warnings
import pandas as pd

# A parser or dtype warning is a parsing problem.
warnings.simplefilter("error", pd.errors.ParserWarning)
warnings.simplefilter("error", pd.errors.DtypeWarning)

def read(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))

top = sys.argv[1]
bad = []
LEDGER = {"numerator", "denominator", "percent", "not_recorded"}
files = sorted(os.path.relpath(os.path.join(d, f), top)
               for d, _, fs in os.walk(top) for f in fs if f.endswith(".csv"))
want = ["data/scr_figures.csv", "data/scr_figures.meta.csv", "figures.csv",
        "lscb/figures.csv", "national.csv"]
if files != want:
    bad.append("the archive's CSVs are %r, want %r" % (files, want))
meta = read(os.path.join(top, "data", "scr_figures.meta.csv"))
indic = [m[0] for m in meta[1:] if m[1] == "Indicator"]
for f in files:
    path = os.path.join(top, f)
    rows = read(path)
    head, body = rows[0], rows[1:]
    try:
        d = pd.read_csv(path)
    except Exception as e:
        bad.append("%s: pandas.read_csv: %s" % (f, e))
        continue
    if list(d.columns) != head or d.shape != (len(body), len(head)):
        bad.append("%s: pandas reads %r columns %r, the file has %r %r"
                   % (f, d.shape, list(d.columns), (len(body), len(head)),
                      head))
        continue
    for j, col in enumerate(head):
        num = pd.api.types.is_numeric_dtype(d[col])
        for i, r in enumerate(body):
            v, raw = d.iat[i, j], r[j]
            if raw == "":
                ok = pd.isna(v)
            elif num:
                ok = not pd.isna(v) and float(raw) == float(v)
            else:
                ok = v == raw
            if not ok:
                bad.append("%s:%d: %s: pandas reads %r as %r"
                           % (f, i + 2, col, raw, v))
                break
        if (f != "data/scr_figures.csv" and col in LEDGER) or \
                col == "time_period" or \
                (f == "data/scr_figures.meta.csv" and col == "indicator_dp"):
            if not num:
                bad.append("%s: %s is not read as numbers (%s)"
                           % (f, col, d[col].dtype))
    if f == "data/scr_figures.csv":
        dn = pd.read_csv(path, na_values=["c", "z", "x"])
        for col in indic:
            if not pd.api.types.is_numeric_dtype(dn[col]):
                bad.append("%s: Indicator %s is not numbers once c, z, x "
                           "are missing (%s)" % (f, col, dn[col].dtype))
        if not indic:
            bad.append("the metadata names no Indicator column")
for b in bad[:20]:
    print("FAIL: pandas: " + b)
print("pandas %s read %d CSV files" % (pd.__version__, len(files)))
sys.exit(1 if bad else 0)
