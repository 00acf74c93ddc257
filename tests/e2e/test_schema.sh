#!/bin/sh
# tests/e2e/test_schema.sh: schema/case.schema.json accepts and refuses the
# same case files as the loader (tests/schema/check_schema.py, with
# Debian's python3 and its python3-jsonschema).  A job of make check's
# pool, beside the others, rather than a step before them (`make schema`
# runs it alone).
exec /usr/bin/python3 tests/schema/check_schema.py
