#!/usr/bin/python3
"""Checks schema/case.schema.json against the loader's own corpus.

    /usr/bin/python3 tests/schema/check_schema.py

Debian's python3-jsonschema and python3-yaml (make deps installs them; call
Debian's /usr/bin/python3, not a pyenv one without them).  It fails when
  - a case file the loader accepts (input/cases/, tests/data/*/cases/) is
    rejected by the schema;
  - a file of tests/bad/cases/ (every one refused by the loader) is
    accepted by the schema, unless LOADER_ONLY below names it with the
    reason a JSON Schema cannot say it;
  - the schema's lscb and code lists differ from input/report.yaml and
    input/codebook.yaml.
"""
import glob
import json
import os
import re
import sys

import jsonschema
import yaml

# Refused by the loader for what a schema cannot express: the YAML text
# itself, or rules across fields or files.
LOADER_ONLY = {
    "anchor.yaml": "YAML anchors are refused; a parser drops them",
    "bad-dates.yaml": "dates that do not exist (30 February)",
    "duplicate-keys.yaml": "duplicate keys; a parser keeps the last",
    "factors-and-not-recorded.yaml": "a code both given and not recorded",
}


class Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text, as the loader reads them."""


Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# A whole number with a leading zero (010) is octal to YAML 1.1, and the
# loader refuses it (issue 31.12): kept as text here, so that the
# schema's "integer" refuses it too instead of seeing 8.
LEADING_ZERO = re.compile(r"^[-+]?0[0-9_]+$")


def _int_or_text(loader, node):
    if LEADING_ZERO.match(node.value):
        return node.value
    return yaml.SafeLoader.construct_yaml_int(loader, node)


Loader.add_constructor("tag:yaml.org,2002:int", _int_or_text)


def load(path):
    """The document of path, or an exception when YAML refuses it."""
    with open(path, "rb") as f:
        return yaml.load(f, Loader=Loader)


def main():
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    schema = json.load(open("schema/case.schema.json", encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    v = jsonschema.Draft7Validator(schema)
    bad = 0

    report = yaml.safe_load(open("input/report.yaml", encoding="utf-8"))
    codes = yaml.safe_load(open("input/codebook.yaml", encoding="utf-8"))["codes"]
    props = schema["properties"]
    want = {
        "lscb": report["lscbs"],
        "factors": [c for c, d in codes.items() if d["level"] == "case"],
        "child factors": [c for c, d in codes.items() if d["level"] == "child"],
    }
    got = {
        "lscb": props["lscb"]["enum"],
        "factors": props["factors"]["items"]["enum"],
        "child factors": schema["definitions"]["child"]["properties"]["factors"]["items"]["enum"],
    }
    for k in want:
        if sorted(want[k]) != sorted(got[k]):
            print("FAIL: schema %s list differs from input/: %s" %
                  (k, sorted(set(want[k]) ^ set(got[k]))))
            bad += 1

    # A folder's boards are its report.yaml's: the schema's list is
    # input/'s, so other folders are checked with theirs in its place.
    good = sorted(glob.glob("input/cases/*.yaml") +
                  glob.glob("tests/data/*/cases/*.yaml"))
    for path in good:
        folder = os.path.dirname(os.path.dirname(path))
        lscbs = yaml.safe_load(open(os.path.join(folder, "report.yaml"),
                                    encoding="utf-8"))["lscbs"]
        s2 = json.loads(json.dumps(schema))
        s2["properties"]["lscb"]["enum"] = lscbs
        errs = list(jsonschema.Draft7Validator(s2).iter_errors(load(path)))
        if errs:
            print("FAIL: %s: the loader accepts it, the schema does not: %s"
                  % (path, errs[0].message))
            bad += 1

    refused = 0
    for path in sorted(glob.glob("tests/bad/cases/*.yaml")):
        name = os.path.basename(path)
        try:
            doc = load(path)
            ok = v.is_valid(doc)
        except Exception:          # YAML itself refuses it
            ok = False
        if ok and name not in LOADER_ONLY:
            print("FAIL: %s: the loader refuses it, the schema accepts it" % path)
            bad += 1
        elif not ok and name in LOADER_ONLY:
            print("FAIL: %s: listed as loader-only, but the schema refuses it"
                  % path)
            bad += 1
        refused += not ok
    print("schema: %d good files accepted, %d bad files refused, %d "
          "refused by the loader alone" % (len(good), refused, len(LOADER_ONLY)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
