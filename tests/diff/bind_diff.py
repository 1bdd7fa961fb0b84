#!/usr/bin/env python3
"""Differential test of rdnsaudit's zone loader against BIND's
named-checkzone.  Run through bind_diff.sh, which documents the options.

Outcome of one zone (the kinds expected-differences.tsv names; a timeout
or a crash is always a failure):

  agree                   BIND accepts, both record sets are the same
  both-reject             BIND rejects and rdnsaudit exits 2
  records-differ          both accept, the record sets differ
  only-bind-accepts       BIND accepts, rdnsaudit exits 2
  only-rda-accepts        BIND rejects, rdnsaudit exits 0
  bind-output-rejected    rdnsaudit cannot load BIND's own -D output
  timeout                 a program ran longer than RDA_TIMEOUT seconds
  crash                   rdnsaudit exited with neither 0 nor 2
"""
import argparse
import concurrent.futures
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

BIND_OPTS = ["-D", "-i", "local", "-k", "ignore", "-n", "ignore",
             "-m", "ignore", "-M", "ignore", "-S", "ignore", "-r", "ignore",
             "-T", "ignore", "-W", "ignore"]
# Kinds expected-differences.tsv may name.  A timeout or a crash is always
# a failure.
KINDS = ("records-differ", "only-bind-accepts", "only-rda-accepts",
         "bind-output-rejected", "bug-pending")
ENV = dict(os.environ, LC_ALL="C")
SAMPLE = 6          # differing lines / error lines shown per zone


class Job:
    def __init__(self, key, origin, cwd, file):
        self.key = key          # path as listed (corpus-relative or repo-relative)
        self.origin = origin
        self.cwd = cwd          # working directory for both programs
        self.file = file        # file name as given, relative to cwd


class Result:
    def __init__(self, job, kind, detail="", records=0):
        self.job = job
        self.kind = kind
        self.detail = detail
        self.records = records


def run(cmd, cwd, timeout):
    """(returncode or 'timeout', stdout bytes, stderr bytes)"""
    try:
        p = subprocess.run(cmd, cwd=cwd, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           env=ENV, timeout=timeout)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        return "timeout", e.stdout or b"", e.stderr or b""
    except OSError as e:        # 127: as a shell reports a missing program
        return 127, b"", str(e).encode()


def text(b):
    return b.decode("utf-8", "backslashreplace")


def first_lines(b, n=SAMPLE, want=None):
    lines = [l[:300] for l in text(b).splitlines() if l.strip()]
    if want is not None:
        picked = [l for l in lines if want in l]
        lines = picked or lines
    out = lines[:n]
    if len(lines) > n:
        out.append("... (%d more)" % (len(lines) - n))
    return "\n".join(out)


def indent(s, pre="      "):
    return "\n".join(pre + l for l in s.splitlines())


def check(job, tmp, n, opts):
    """Runs BIND and rdnsaudit on JOB; returns a Result."""
    out = os.path.join(tmp, "%d.bind" % n)
    to = opts.timeout
    bcmd = ["named-checkzone"] + BIND_OPTS + ["-o", out, job.origin, job.file]
    rcmd = [opts.bin, "--dump", "--zone", "%s=%s" % (job.origin, job.file)]
    brc, bout, berr = run(bcmd, job.cwd, to)
    rrc, rout, rerr = run(rcmd, job.cwd, to)
    if opts.keep:
        base = os.path.join(opts.keep, re.sub(r"[^A-Za-z0-9._-]", "_", job.key))
        for suf, data in ((".bind.log", bout + berr), (".rda.dump", rout),
                          (".rda.err", rerr)):
            with open(base + suf, "wb") as f:
                f.write(data)
    try:
        if brc == "timeout":
            return Result(job, "timeout", "named-checkzone ran over %ds" % to)
        if rrc == "timeout":
            return Result(job, "timeout", "rdnsaudit ran over %ds" % to)
        if rrc not in (0, 2):
            return Result(job, "crash", "rdnsaudit exited with %s\n%s" % (
                rrc if rrc >= 0 else "signal %d" % -rrc,
                indent(first_lines(rerr))))
        if brc != 0:
            if rrc == 2:
                return Result(job, "both-reject")
            return Result(job, "only-rda-accepts",
                          "BIND (exit %d):\n%s" % (brc, indent(first_lines(
                              bout + berr))))
        crc, cout, cerr = run([opts.bin, "--dump", "--zone",
                               "%s=%s" % (job.origin, out)], tmp, to)
        if opts.keep:
            shutil.copy(out, base + ".bind.zone")
            with open(base + ".bind.dump", "wb") as f:
                f.write(cout)
        if crc == "timeout":
            return Result(job, "timeout",
                          "rdnsaudit on BIND's output ran over %ds" % to)
        if rrc != 0:
            d = "rdnsaudit:\n" + indent(first_lines(rerr, want="error"))
            if crc != 0:
                d += "\n(rdnsaudit rejects BIND's -D output too)"
            return Result(job, "only-bind-accepts", d)
        if crc != 0:
            return Result(job, "bind-output-rejected",
                          "rdnsaudit on BIND's -D output (exit %s):\n%s" % (
                              crc, indent(first_lines(cerr, want="error"))))
        # Record sets: a record stated twice is one record (RFC 2181 §5);
        # BIND drops the copy, rdnsaudit's dump shows both and its model
        # marks the second as a duplicate.
        bl = sorted(set(cout.splitlines()))
        rl = sorted(set(rout.splitlines()))
        if bl == rl:
            return Result(job, "agree", records=len(bl))
        only_b = sorted(set(bl) - set(rl))
        only_r = sorted(set(rl) - set(bl))
        d = ["%d records BIND (-D, via rdnsaudit) vs %d rdnsaudit; "
             "%d only in BIND, %d only in rdnsaudit" % (
                 len(bl), len(rl), len(only_b), len(only_r))]
        for tag, lines in (("bind", only_b), ("rda ", only_r)):
            for l in lines[:SAMPLE]:
                l = text(l)
                if len(l) > 200:
                    l = l[:200] + "... (%d characters)" % len(l)
                d.append("  %s> %s" % (tag, l))
            if len(lines) > SAMPLE:
                d.append("  %s> ... (%d more)" % (tag, len(lines) - SAMPLE))
        w = first_lines(rerr, n=3)
        if w:
            d.append("rdnsaudit stderr:\n" + indent(w))
        return Result(job, "records-differ", "\n".join(d))
    finally:
        if os.path.exists(out):
            os.unlink(out)


# ---------------------------------------------------------------- inputs

def corpus_jobs(corpus):
    jobs = []
    with open(os.path.join(corpus, "checks.tsv"), encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        col = {name: i for i, name in enumerate(head)}
        for line in f:
            row = line.rstrip("\n").split("\t")
            if len(row) <= col["origin"] or row[col["kind"]] != "zone":
                continue
            path, origin = row[col["path"]], row[col["origin"]]
            # SOURCES.md "How the load checks were run": named-checkzone ran
            # with the file's directory as cwd, the corpus root for ffhl
            # (its $INCLUDE ffhl/ffhl.include is relative to named's
            # directory).
            if row[col["set"]] == "ffhl":
                cwd, file = corpus, path
            else:
                cwd = os.path.join(corpus, os.path.dirname(path))
                file = os.path.basename(path)
            jobs.append(Job(path, origin, cwd, file))
    return jobs


ZONE_ARG = re.compile(r"--zone[=\s]+[\"'`]?([^\s=\"'`]+)=([^\s\"'`]+)")


def readme_origins(d):
    """{file name: origin} from `--zone ORIGIN=FILE` in D's README* and ARGS
    (fixtures/README.md: ARGS holds arguments one a line)."""
    m = {}
    for r in sorted(glob.glob(os.path.join(d, "README*")) +
                    glob.glob(os.path.join(d, "ARGS"))):
        try:
            with open(r, encoding="utf-8", errors="replace") as f:
                for origin, file in ZONE_ARG.findall(f.read()):
                    m.setdefault(os.path.basename(file), origin)
        except OSError:
            pass
    return m


def file_origin(path):
    """$ORIGIN before the first record, else an absolute SOA owner, else the
    file name (as rdnsaudit infers it); None if the file cannot be read."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                line = line.split(";", 1)[0]
                if not line.strip():
                    continue
                t = line.split()
                if t[0].upper() == "$TTL":
                    continue
                if t[0].upper() == "$ORIGIN" and len(t) > 1 and \
                        t[1].endswith("."):
                    return t[1]
                if line[0] not in " \t" and t[0].endswith(".") and \
                        "SOA" in (x.upper() for x in t[1:4]):
                    return t[0]
                break
    except OSError:
        return None
    base = os.path.basename(path)
    if base.startswith("db."):
        base = base[3:]
    for suf in (".zone", ".db"):
        if base.endswith(suf):
            base = base[:-len(suf)]
            break
    return base.rstrip(".") + "."


def fixture_jobs(root, pattern):
    """Zone files matching PATTERN (under ROOT): the origin from a
    `--zone ORIGIN=FILE` in a README next to the file or one directory up,
    else from the file itself; the file's directory is the cwd."""
    jobs = []
    top = os.path.dirname(os.path.dirname(os.path.join(root, pattern)))
    top_map = readme_origins(top)
    for path in sorted(glob.glob(os.path.join(root, pattern))):
        if not os.path.isfile(path):
            continue
        d, base = os.path.split(path)
        origin = readme_origins(d).get(base) or top_map.get(base) or \
            file_origin(path)
        if origin is None:      # vanished while we looked
            continue
        jobs.append(Job(os.path.relpath(path, root), origin, d, base))
    return jobs


def read_expected(path):
    exp, errors = {}, []
    if not os.path.exists(path):
        return exp, errors
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            row = line.split("\t")
            if len(row) != 3 or not row[2].strip():
                errors.append("%s:%d: want path<TAB>kind<TAB>reason" % (path, n))
            elif row[1] not in KINDS:
                errors.append("%s:%d: unknown kind '%s' (known: %s)" % (
                    path, n, row[1], ", ".join(KINDS)))
            elif row[0] in exp:
                errors.append("%s:%d: %s listed twice" % (path, n, row[0]))
            else:
                exp[row[0]] = (row[1], row[2])
    return exp, errors


# ------------------------------------------------------------------ main

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--expected", required=True)
    opts = ap.parse_args()
    opts.bin = os.path.abspath(opts.bin)
    opts.timeout = int(os.environ.get("RDA_TIMEOUT", "60"))
    opts.keep = os.environ.get("BIND_DIFF_KEEP") or None
    jobs_n = max(1, int(os.environ.get("RDA_JOBS", "2")))
    only = os.environ.get("BIND_DIFF_ONLY") or None
    if opts.keep:
        os.makedirs(opts.keep, exist_ok=True)

    expected, errors = read_expected(opts.expected)
    for e in errors:
        print("bind-diff: FAIL: " + e)
    if errors:
        print("0 passed, 1 failed")
        return 1

    jobs = []
    corpus = os.environ.get("RDA_CORPUS") or \
        os.path.join(opts.root, "..", "shared", "corpus")
    have_corpus = os.path.isfile(os.path.join(corpus, "checks.tsv"))
    if have_corpus:
        jobs += corpus_jobs(os.path.abspath(corpus))
    else:
        print("bind-diff: SKIPPED: ../shared/corpus not found")
    ncorpus = len(jobs)
    jobs += fixture_jobs(opts.root, os.path.join("fixtures", "*", "*.zone"))
    nfix = len(jobs) - ncorpus
    # Reproducers of loader differences found by this test (cases/README).
    here = os.path.dirname(os.path.abspath(__file__))
    jobs += fixture_jobs(opts.root, os.path.join(
        os.path.relpath(here, opts.root), "cases", "*.zone"))
    ncases = len(jobs) - ncorpus - nfix
    if only:
        jobs = [j for j in jobs if only in j.key]
    print("bind-diff: %d zone files (%d corpus, %d fixtures, %d cases), "
          "%d jobs" % (len(jobs), ncorpus, nfix, ncases, jobs_n))
    sys.stdout.flush()

    tmp = tempfile.mkdtemp(prefix="bind-diff.")
    results = []
    try:
        with concurrent.futures.ThreadPoolExecutor(jobs_n) as ex:
            futs = [ex.submit(check, j, tmp, i, opts)
                    for i, j in enumerate(jobs)]
            for f in futs:
                results.append(f.result())
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    agreed = records = both = 0
    exp_ok, pending, unexpected, stale = [], [], [], []
    for r in results:
        e = expected.get(r.job.key)
        if r.kind in ("agree", "both-reject"):
            if r.kind == "agree":
                agreed += 1
                records += r.records
            else:
                both += 1
            if e is not None:
                stale.append((r, e))
        elif r.kind in ("timeout", "crash"):
            unexpected.append((r, e))
        elif e is not None and e[0] == "bug-pending":
            pending.append((r, e))
        elif e is not None and e[0] == r.kind:
            exp_ok.append((r, e))
        else:
            unexpected.append((r, e))

    for r, e in unexpected:
        print("UNEXPECTED %s: %s (origin %s, cwd %s)" % (
            r.job.key, r.kind, r.job.origin, r.job.cwd))
        if e is not None:
            print("    listed as %s: %s" % e)
        if r.detail:
            print(indent(r.detail, "    "))
    if pending:
        print("bind-diff: ***** %d SUSPECTED LOADER BUG%s (bug-pending in "
              "tests/diff/expected-differences.tsv; not yet fixed) *****" % (
                  len(pending), "" if len(pending) == 1 else "S"))
        for r, e in pending:
            print("BUG-PENDING %s: %s: %s" % (r.job.key, r.kind, e[1]))
            if os.environ.get("BIND_DIFF_VERBOSE") and r.detail:
                print(indent(r.detail, "    "))
    for r, e in stale:
        print("bind-diff: note: %s now %s; remove its %s entry from "
              "expected-differences.tsv" % (
                  r.job.key, "agrees" if r.kind == "agree" else
                  "is rejected by both", e[0]))
    if have_corpus and not only:
        seen = {r.job.key for r in results}
        for k in sorted(set(expected) - seen):
            print("bind-diff: note: %s is in expected-differences.tsv but "
                  "was not tested" % k)

    nexp = len(exp_ok) + len(pending)
    print("bind-diff: %d zones agreed (%d records), %d rejected by both, "
          "%d expected differences (%d bug-pending), %d unexpected" % (
              agreed, records, both, nexp, len(pending), len(unexpected)))
    print("%d passed, %d failed" % (agreed + both + nexp, len(unexpected)))
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
