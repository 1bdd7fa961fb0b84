#!/usr/bin/env python3
"""Compares a JSON report with a fixture's hand-written EXPECT file.

EXPECT holds one line per finding: CHECK SEVERITY ADDRESS NAME FILE:LINE
('-' or '--' for an empty field); '#' starts a comment.  The findings must be the
same set: nothing missing, nothing extra.  Exit 0 when they agree.
"""
import json
import sys


def expected(path):
    out = set()
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            parts = line.split()
            if len(parts) != 5:
                sys.exit(f"{path}: bad line: {raw.rstrip()}")
            out.add(tuple("-" if p == "--" else p for p in parts))
    return out


def actual(path):
    with open(path, encoding="utf-8") as f:
        rep = json.load(f)
    out = set()
    for f in rep["findings"]:
        loc = "-" if f["file"] is None else f"{f['file']}:{f['line']}"
        out.add((f["check"], f["severity"], f["address"] or "-",
                 f["name"] or "-", loc))
    return out


def main():
    want, got = expected(sys.argv[1]), actual(sys.argv[2])
    for t in sorted(want - got):
        print("  missing: " + " ".join(t))
    for t in sorted(got - want):
        print("  extra:   " + " ".join(t))
    sys.exit(0 if want == got else 1)


main()
