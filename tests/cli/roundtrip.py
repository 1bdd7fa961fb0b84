#!/usr/bin/env python3
"""Round trip of the fix list: apply it to the loaded zones, audit again.

    roundtrip.py BIN FIXTURE_DIR TMPDIR

Runs BIN --format fixlist on the fixture (its ARGS, or every *.zone),
takes every loaded zone as BIN --dump prints it, deletes the PTR records
the list marks "replaces" or "remove", adds the records it lists (each to
the loaded zone with the longest apex above its owner), loads the edited
zones with the same other options and audits them.  Fails when an address
the list named still has missing-ptr, ptr-mismatch, dangling-ptr or
mail-fcrdns, or when the edited zones do not load.  Records for space no
loaded zone holds (networks, holder unknown) cannot be applied and are
counted apart.
"""
import ipaddress
import json
import os
import re
import subprocess
import sys

CHECKS = {"missing-ptr", "ptr-mismatch", "dangling-ptr", "mail-fcrdns"}


def absname(name, origin):
    if name == "@":
        return origin
    return name if name.endswith(".") else name + "." + origin


def parse_args(d):
    path = os.path.join(d, "ARGS")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            args = f.read().split()
    else:
        args = sorted(p for p in os.listdir(d) if p.endswith(".zone"))
    zones, other, i = [], [], 0
    while i < len(args):
        if args[i] == "--zone":
            origin, path = args[i + 1].split("=", 1)
            zones.append((origin, path))
            i += 2
        elif args[i].startswith("--"):
            other += args[i:i + 2]
            i += 2
        else:
            zones.append((None, args[i]))
            i += 1
    return zones, other


def run(binary, d, args):
    p = subprocess.run([binary] + args, cwd=d, capture_output=True,
                       text=True, check=False)
    return p.returncode, p.stdout, p.stderr


def read_fixlist(text):
    adds, dels, listed, origin = [], set(), set(), ""
    for line in text.splitlines():
        m = re.match(r"^\$ORIGIN (\S+)$", line)
        if m:
            origin = m.group(1)
            continue
        m = re.match(r"^;\s+(replaces|remove): (\S+) IN PTR (\S+)$", line)
        if m:
            dels.add((absname(m.group(2), origin), m.group(3)))
            continue
        m = re.match(r"^; (\S+): ", line)
        if m:
            try:
                listed.add(ipaddress.ip_address(m.group(1)))
            except ValueError:
                pass
            continue
        if line.startswith(";") or not line.strip():
            continue
        owner, cls, typ, target = line.split("\t")
        assert (cls, typ) == ("IN", "PTR"), line
        adds.append((absname(owner, origin), target))
    return adds, dels, listed


def main():
    binary, d, tmp = sys.argv[1:4]
    zones, other = parse_args(d)
    rc, out, err = run(binary, d, ["--format", "fixlist"] + other +
                       [a for z in zones for a in
                        (["--zone", "%s=%s" % z] if z[0] else [z[1]])])
    if rc == 2:
        sys.exit("fix list failed: " + err)
    adds, dels, listed = read_fixlist(out)
    dumps = []
    for origin, path in zones:
        zarg = ["--zone", "%s=%s" % (origin, path)] if origin else [path]
        rc, out, err = run(binary, d, ["--dump"] + zarg)
        if rc != 0:
            sys.exit("dump of %s failed: %s" % (path, err))
        lines = out.splitlines()
        apex = next(l.split()[0] for l in lines if l.split()[3] == "SOA")
        dumps.append([apex.lower(), path, lines])
    applied = unplaced = 0
    for owner, target in adds:
        best = None
        for z in dumps:
            if owner == z[0] or owner.endswith("." + z[0]):
                if best is None or len(z[0]) > len(best[0]):
                    best = z
        if best is None:
            unplaced += 1
            continue
        best[2].append("%s\t3600\tIN\tPTR\t%s" % (owner, target))
        applied += 1
    newargs = list(other)
    for i, (apex, path, lines) in enumerate(dumps):
        kept = []
        for l in lines:
            f = l.split()
            if f[3] == "PTR" and (f[0].lower(), f[4].lower()) in dels:
                continue
            kept.append(l)
        new = os.path.join(tmp, "rt%d.zone" % i)
        with open(new, "w", encoding="utf-8") as f:
            f.write("\n".join(kept) + "\n")
        newargs += ["--zone", "%s=%s" % (apex, new)]
    rc, out, err = run(binary, d, ["--format", "json"] + newargs)
    if rc == 2:
        sys.exit("edited zones did not load: " + err)
    left = [f for f in json.loads(out)["findings"]
            if f["check"] in CHECKS and f["address"] is not None and
            ipaddress.ip_address(f["address"]) in listed]
    print("%s: %d addresses listed, %d records applied, %d deleted, "
          "%d for zones not loaded; after: %d of %s left" %
          (d, len(listed), applied, len(dels), unplaced, len(left),
           "/".join(sorted(CHECKS))))
    for f in left:
        print("  left: %s %s %s" % (f["check"], f["address"], f["message"]))
    sys.exit(1 if left or not listed else 0)


main()
