#!/usr/bin/env python3
"""run.py -- the benchmark behind `make bench`.

    run.py BIN [--sizes 1000000,5000000] [--reps 3] [--warmup 1]
           [--big 10000000] [--cases oneowner,wide,slash8,chains,zones]
           [--dir build/bench] [--no-peers]

For each size: generates the zone set once (tests/bench/gen.py, seed 7,
kept in DIR between runs), then, on the same files and in the same run,
times the full audit by rdnsaudit (load, index, every check, JSON report)
and the peers loading the files: kzonecheck (knot-dnssecutils), validns
and named-checkzone (bind9-utils, integrity checks off: load only).  The
peers take one zone per run, so their time is the sum over the files and
their peak memory the largest of the files (per record: of that file).
Prints, as Markdown, the median wall time of REPS runs, records per
second, peak memory (getrusage of the child: ru_maxrss), bytes per record
and the ratio of rdnsaudit's time and memory to each peer's.  Each tool
first runs WARMUP times untimed on the set: on a virtual machine whose
freed memory goes back to the host, the first runs after another tool
freed hundreds of megabytes pay for faulting it in again (rdnsaudit at
10M: 3.5-3.7 s, then 2.9 s).  Checks the
findings against the generator's oracle, and prints rdnsaudit's phases
(RDNSAUDIT_TIMES=1) from one more run.  --big adds audits of that size
(no peers) for the linearity figures; --cases runs the scaling cases
once each.
Figures only: nothing here passes or fails on time.
"""
import json
import os
import resource  # noqa: F401  (ru_maxrss via os.wait4)
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
GEN = os.path.join(HERE, "gen.py")
SEED = 7


def run(argv, stdout=subprocess.DEVNULL, cwd=None, env=None):
    """Runs ARGV; returns (wall s, peak RSS bytes, exit status, stderr,
    CPU s).  CPU time (user + system) is printed beside wall time: on a
    machine shared with other work, it is the steadier figure."""
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.PIPE,
                         cwd=cwd, env=env)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t0
    return wall, ru.ru_maxrss * 1024, p.returncode, err, \
        ru.ru_utime + ru.ru_stime


def fresh(path, src):
    return os.path.exists(path) and os.path.getmtime(path) >= \
        os.path.getmtime(src)


def make_set(base, n):
    d = os.path.join(base, "set-%d" % n)
    if not fresh(os.path.join(d, "counts.tsv"), GEN):
        sys.stderr.write("generating %d records in %s\n" % (n, d))
        subprocess.check_call([sys.executable, GEN, "set", "--records",
                               str(n), "--seed", str(SEED), d])
    files = []
    with open(os.path.join(d, "counts.tsv")) as f:
        for line in f:
            name, origin, count = line.split()
            files.append((os.path.join(d, name), origin, int(count)))
    return d, files


def audit_argv(binary, files):
    argv = [binary, "--quiet", "--format", "json"]
    for path, origin, _ in files:
        argv += ["--zone", "%s=%s" % (origin, path)]
    return argv


def check_oracle(d, out):
    with open(out) as f:
        j = json.load(f)
    got = sorted((x["check"], x["address"] or "", x["name"])
                 for x in j["findings"])
    with open(os.path.join(d, "oracle.tsv")) as f:
        exp = sorted(tuple(l.rstrip("\n").split("\t")) for l in f)
    if got == exp:
        return "exact (%d findings = oracle)" % len(got)
    extra = sorted(set(got) - set(exp))[:5]
    miss = sorted(set(exp) - set(got))[:5]
    return "MISMATCH: %d findings, oracle %d; extra %s; missing %s" % (
        len(got), len(exp), extra, miss)


PEERS = [
    ("kzonecheck", lambda p, o: ["kzonecheck", "-o", o, p]),
    ("validns", lambda p, o: ["validns", "-z", o, p]),
    ("named-checkzone", lambda p, o: ["named-checkzone", "-i", "none",
                                      "-k", "ignore", "-n", "ignore",
                                      o, p]),
]


def have(tool):
    return any(os.access(os.path.join(p, tool), os.X_OK)
               for p in os.environ.get("PATH", "").split(":"))


def measure_ours(binary, d, files, reps, warmup):
    out = os.path.join(d, "report.json")
    walls, cpus, rss = [], [], 0
    for k in range(warmup + reps):
        with open(out, "w") as o:
            wall, peak, rc, err, cpu = run(audit_argv(binary, files),
                                           stdout=o)
        if rc not in (0, 1):
            sys.exit("rdnsaudit failed (%d): %s" % (rc, err[-2000:]))
        if k < warmup:
            continue
        walls.append(wall)
        cpus.append(cpu)
        rss = max(rss, peak)
    return (statistics.median(walls), rss, check_oracle(d, out),
            statistics.median(cpus), phases(binary, files))


def phases(binary, files):
    """One more audit with RDNSAUDIT_TIMES=1: the wall time of each phase
    (load, finish, checks, report, free), as cmd/main.c prints them."""
    env = dict(os.environ, RDNSAUDIT_TIMES="1")
    _, _, _, err, _ = run(audit_argv(binary, files), env=env)
    out = []
    for line in err.decode(errors="replace").splitlines():
        w = line.split()
        if len(w) >= 4 and w[:2] == ["rdnsaudit:", "phase"]:
            out.append("%s %s s" % (w[2], w[3]))
    return ", ".join(out)


def measure_peer(mk, files, reps, warmup):
    # Bytes per record: of the largest file, where fixed costs matter least.
    walls, cpus, rss, per, notes = [], [], 0, 0.0, set()
    big = max(c for _, _, c in files)
    for _ in range(warmup):
        for path, origin, _ in files:
            run(mk(path, origin))
    for _ in range(reps):
        total = tcpu = 0.0
        for path, origin, count in files:
            wall, peak, rc, err, cpu = run(mk(path, origin))
            if rc != 0:
                notes.add("exit %d on %s" % (rc, os.path.basename(path)))
            total += wall
            tcpu += cpu
            rss = max(rss, peak)
            if count == big:
                per = max(per, peak / count)
        walls.append(total)
        cpus.append(tcpu)
    return statistics.median(walls), rss, per, notes, statistics.median(cpus)


def fmt_rate(n, s):
    return "%.2fM" % (n / s / 1e6)


def bench_size(binary, base, n, reps, warmup, peers):
    d, files = make_set(base, n)
    total = sum(c for _, _, c in files)
    wall, rss, verdict, cpu, ph = measure_ours(binary, d, files, reps,
                                               warmup)
    rows = [("rdnsaudit, full audit", wall, rss, rss / total, cpu)]
    res = {}
    for name, mk in peers:
        pw, pr, pper, notes, pc = measure_peer(mk, files, reps, warmup)
        label = name + (" (%s)" % ", ".join(sorted(notes)) if notes else "")
        rows.append((label, pw, pr, pper, pc))
        res[name] = (pw, pper, pc)
    print("\n### %d records (%s)\n" % (total, ", ".join(
        "%s %d" % (os.path.basename(p), c) for p, _, c in files)))
    print("| tool | median wall | CPU | records/s | peak memory | "
          "bytes/record |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for label, w, r, per, c in rows:
        print("| %s | %.2f s | %.2f s | %s | %.0f MB | %.0f |" % (
            label, w, c, fmt_rate(total, w), r / 1e6, per))
    print()
    for name, (pw, pper, pc) in res.items():
        print("- rdnsaudit / %s: wall %.2f×, CPU %.2f×, memory per record "
              "%.2f×%s" % (name, wall / pw, cpu / pc, (rss / total) / pper,
                           " (goal: time ≤ 0.33)" if name == "kzonecheck"
                           else ""))
    print("- findings: %s" % verdict)
    print("- rdnsaudit's phases (one more run): %s" % ph)
    sys.stdout.flush()
    return total, wall, rss, cpu


def bench_case(binary, base, name):
    d = os.path.join(base, "case-" + name)
    if not fresh(os.path.join(d, "records"), GEN):
        sys.stderr.write("generating case %s in %s\n" % (name, d))
        subprocess.check_call([sys.executable, GEN, "case", name, d])
    with open(os.path.join(d, "records")) as f:
        n = int(f.read())
    argv = [binary, "--quiet", "--format", "json"]
    if name == "zones":
        argv += ["--zone-list", os.path.join(d, "zones.list")]
    else:
        for z in sorted(os.listdir(d)):
            if z.endswith(".zone"):
                argv += ["--zone", "%s=%s" % (z[:-4], os.path.join(d, z))]
    wall, rss, rc, err, cpu = run(argv)
    ok = "" if rc in (0, 1) else " FAILED (exit %d): %s" % (
        rc, err[-300:].decode(errors="replace"))
    print("| %s | %d | %.2f s | %.2f s | %s | %.0f MB | %.0f |%s" % (
        name, n, wall, cpu, fmt_rate(n, wall), rss / 1e6, rss / n, ok))
    sys.stdout.flush()


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    binary = os.path.abspath(args.pop(0))
    sizes, reps, big, base = [1000000, 5000000], 3, 10000000, "build/bench"
    warmup = 1
    cases = ["oneowner", "wide", "slash8", "chains", "zones"]
    peers = [p for p in PEERS if have(p[0])]
    while args:
        a = args.pop(0)
        if a == "--sizes":
            sizes = [int(x) for x in args.pop(0).split(",") if x]
        elif a == "--reps":
            reps = int(args.pop(0))
        elif a == "--warmup":
            warmup = int(args.pop(0))
        elif a == "--big":
            big = int(args.pop(0))
        elif a == "--cases":
            cases = [x for x in args.pop(0).split(",") if x]
        elif a == "--dir":
            base = args.pop(0)
        elif a == "--no-peers":
            peers = []
        else:
            sys.exit("unknown argument %s" % a)
    missing = [p[0] for p in PEERS if p not in peers]
    print("## rdnsaudit benchmark (%s, %d cores)" % (
        time.strftime("%Y-%m-%d"), os.cpu_count()))
    if missing:
        print("\npeers not installed, skipped: %s" % ", ".join(missing))
    figures = {}
    for n in sizes:
        figures[n] = bench_size(binary, base, n, reps, warmup, peers)
    if big:
        figures[big] = bench_size(binary, base, big, reps, warmup, [])
    if len(figures) > 1:
        lo = min(figures)
        print("\n### Linearity (against %d records)\n" % figures[lo][0])
        print("| records | wall | CPU | peak | × records | × wall | × CPU "
              "| × memory |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for n in sorted(figures):
            t, w, r, c = figures[n]
            b = figures[lo]
            print("| %d | %.2f s | %.2f s | %.0f MB | %.1f | %.1f | %.1f | "
                  "%.1f |" % (t, w, c, r / 1e6, t / b[0], w / b[1],
                              c / b[3], r / b[2]))
    if cases:
        print("\n### Scaling cases (one run each)\n")
        print("| case | records | wall | CPU | records/s | peak memory | "
              "bytes/record |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for c in cases:
            bench_case(binary, base, c)


if __name__ == "__main__":
    main()
