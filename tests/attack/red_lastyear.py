#!/usr/bin/env python3
"""Last year's input folder: the same case files, the report one year back.

Copies the --input folder SRC to DST and rewrites DST/report.yaml so that
its current period is SRC's K-th period back (1: the last `earlier:` one)
and its `earlier:` periods are only those before it: the release that
would have been published then.  With --set KEY=VALUE (repeatable), puts
`  KEY: VALUE` under `disclosure:` (pool: true, bands: [25, 50, 75]).

Usage: red_lastyear.py SRC DST [--back K] [--set KEY=VALUE ...]
"""

import argparse
import re
import shutil
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("dst")
    ap.add_argument("--back", type=int, default=0)
    ap.add_argument("--set", action="append", default=[])
    a = ap.parse_args()
    shutil.copytree(a.src, a.dst)
    path = a.dst + "/report.yaml"
    text = open(path, encoding="utf-8").read()
    earlier = re.findall(r"^  - \{label: (\S+), from: (\S+), to: (\S+)\}$",
                         text, re.M)
    if a.back:
        if a.back > len(earlier):
            sys.exit("red_lastyear.py: only %d earlier periods" % len(earlier))
        cur = earlier[-a.back]
        keep = earlier[:-a.back]
        text = re.sub(r"^period:\n(  .*\n)+",
                      "period:\n  label: %s\n  from: %s\n  to: %s\n" % cur,
                      text, count=1, flags=re.M)
        block = "".join("  - {label: %s, from: %s, to: %s}\n" % p
                        for p in keep)
        text = re.sub(r"^earlier:\n(  - \{.*\}\n)+",
                      "earlier:\n" + block if keep else "", text,
                      count=1, flags=re.M)
    for kv in a.set:
        k, v = kv.split("=", 1)
        text = re.sub(r"^disclosure:\n", "disclosure:\n  %s: %s\n" % (k, v),
                      text, count=1, flags=re.M)
    open(path, "w", encoding="utf-8").write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
