#!/usr/bin/env python3
"""findings.py -- compare or list the findings of rdnsaudit JSON reports.

  findings.py same A.json B.json
      the findings of A and B are the same apart from where they point
      (file and line): same check, severity, address, name, target, zone
      and message, as multisets.  Exit 1 with the differences otherwise,
      or when there are no findings at all (nothing would be compared).
  findings.py list A.json
      one "check address name" line per finding, sorted.
"""
import json
import sys


def key(f):
    return (f["check"], f["severity"], f["address"] or "", f["name"] or "",
            f["target"] or "", f["zone"] or "", f["message"])


def load(path):
    with open(path) as fp:
        return json.load(fp)["findings"]


def main():
    if sys.argv[1] == "list":
        for f in sorted(load(sys.argv[2]), key=key):
            print(f["check"], f["address"] or "--", f["name"] or "--")
        return 0
    a = sorted(map(key, load(sys.argv[2])))
    b = sorted(map(key, load(sys.argv[3])))
    if not a:
        print("no findings in", sys.argv[2])
        return 1
    if a == b:
        return 0
    for k in a:
        if k not in b:
            print("only in", sys.argv[2], k)
    for k in b:
        if k not in a:
            print("only in", sys.argv[3], k)
    return 1


sys.exit(main())
