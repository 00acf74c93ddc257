#!/usr/bin/env python3
"""issue32_formula_board.py: renames the board Barnet as a formula (issue 32.6).

Usage: issue32_formula_board.py INPUT

Rewrites, in place, report.yaml, grid.yaml and every case file of the
input folder INPUT so that the board Barnet is named
'=HYPERLINK("http://x","y")' (tests/lib/scrcases.py's rename_board()).
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
import scrcases  # noqa: E402

scrcases.rename_board(sys.argv[1], "Barnet", "'=HYPERLINK(\"http://x\",\"y\")'")
