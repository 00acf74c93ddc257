#!/bin/sh
# tests/e2e/test_golden.sh: runs the golden tests of tests/golden/ (the
# filled document and the page layout of the regional paper and of three
# boards' papers, and check's messages on misspelt names) against
# SCRPAPER.  `make golden` regenerates them, showing each difference.
set -u

. tests/e2e/lib.sh
e2e_setup golden
sh tests/golden/run.sh
