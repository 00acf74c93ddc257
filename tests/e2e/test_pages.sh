#!/bin/sh
# test_pages.sh: the breaking rules of issue 19 measured on every page of
# the regional paper, two boards' papers (every board's under make
# check-full), the small variant cohorts and the three-period fixture
# (three boards', four under make check-full) (tests/e2e/pages.sh; `make
# pages` adds generated cohorts of several sizes).  Page PNGs are left in
# build/pages/ (make check: of input/'s regional paper).
exec sh tests/e2e/pages.sh
