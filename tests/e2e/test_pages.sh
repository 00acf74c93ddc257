#!/bin/sh
# test_pages.sh: the breaking rules of issue 19 measured on every page of
# the regional paper, three boards' papers (every board's under make
# check-full) and the small variant cohorts (tests/e2e/pages.sh; `make
# pages` adds generated cohorts of several sizes).  Page PNGs are left in
# build/pages/.
exec sh tests/e2e/pages.sh
