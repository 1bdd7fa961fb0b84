#!/usr/bin/env python3
"""End-to-end tests of the HTML report in headless Chromium.

usage: e2e.py BIN      (run from the top of the tree; writes build/html/)

  demo     the demo's report: every grid cell, /64 row, mail host, summary
           card and table row checked against the JSON report and the
           loaded records (--dump) of the same audit; the filters and the
           sorting exercised; a screenshot kept as build/html/demo.png.
  hostile  markup in owner names (in \\DDD form), PTR targets, an MX
           target, a TXT string and a file name: a control page with the
           same payloads unescaped shows they would run; the report, with
           its CSP and with the CSP bypassed, shows none does.
  big      an audit far over the page's limits (131,072 missing PTRs in
           512 /24s, 2,048 /64s) stays under 16 MiB, opens, and filters.

Ends with "N passed, N failed"; exit status 1 when a check failed.
"""
import collections
import ipaddress
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import webdriver  # noqa: E402

BIN = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else None
OUT = os.path.abspath("build/html")
DEMO = os.path.abspath("fixtures/demo")
passed = 0
failed = 0


def check(cond, what, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL: %s%s" % (what, (": " + str(detail)) if detail else ""))


def run(args, cwd, rc_ok=(0, 1)):
    p = subprocess.run([BIN] + args, cwd=cwd, capture_output=True)
    if p.returncode not in rc_ok:
        raise RuntimeError("%s: exit %d: %s" % (" ".join(args), p.returncode,
                                                p.stderr.decode()[:500]))
    return p.stdout.decode("utf-8", "replace")


def rev_to_addr(name):
    """The address of a reverse name; None when it is not one (RFC 2317
    block labels such as 64/26 are skipped, as the CNAMEs into them do)."""
    labels = name.rstrip(".").lower().split(".")
    if labels[-2:] == ["in-addr", "arpa"]:
        octets = [x for x in labels[:-2] if x.isdigit()]
        if len(octets) != 4:
            return None
        return ipaddress.ip_address(".".join(reversed(octets)))
    if labels[-2:] == ["ip6", "arpa"] and len(labels) == 34:
        h = "".join(reversed(labels[:-2]))
        return ipaddress.ip_address(":".join(h[i:i + 4]
                                             for i in range(0, 32, 4)))
    return None


def dump_records(zones, cwd):
    """(owner, type, rdata) of every loaded record, from --dump."""
    recs = []
    for line in run(["--dump"] + zones, cwd, (0,)).splitlines():
        f = line.split(None, 4)
        if len(f) == 5:
            recs.append((f[0].lower(), f[3], f[4].strip()))
    return recs


# ---- demo -------------------------------------------------------------

CLASS_STATE = {"p": "pass", "m": "missing", "b": "bad", "o": "ptr-only",
               "u": "unused", "d": "delegated", "k": "unknown"}


def demo_oracle(report, recs):
    """The expected state of every used address of the demo."""
    used = set()
    for owner, typ, rdata in recs:
        if typ in ("A", "AAAA"):
            used.add(ipaddress.ip_address(rdata))
        elif typ == "PTR" and rev_to_addr(owner) is not None:
            used.add(rev_to_addr(owner))
    miss = {ipaddress.ip_address(f["address"]) for f in report["findings"]
            if f["check"] == "missing-ptr"}
    bad = {ipaddress.ip_address(f["address"]) for f in report["findings"]
           if f["check"] in ("ptr-mismatch", "dangling-ptr")}
    state = {}
    for a in used:
        state[a] = "missing" if a in miss else "bad" if a in bad else "pass"
    return state


def row_of(f):
    where = ""
    if f["file"] is not None:
        where = f["file"] + (":%d" % f["line"] if f["line"] else "")
    return (f["severity"], f["check"], f["zone"] or "", f["address"] or "",
            f["name"] or "", where, f["message"])


JS_ROWS = """
return Array.prototype.map.call(document.querySelectorAll('#ftbody tr'),
  function (r) { return {cells: Array.prototype.map.call(r.cells,
    function (c) { return c.textContent; }), hidden: r.hidden}; });
"""

JS_GRIDS = """
return Array.prototype.map.call(document.querySelectorAll('.grid'),
  function (g) { return {net: g.getAttribute('data-net'),
    cells: Array.prototype.map.call(g.getElementsByTagName('i'),
      function (c) { return c.className; })}; });
"""

JS_V6 = """
return Array.prototype.map.call(document.querySelectorAll('tr[data-net]'),
  function (r) { var o = {}; for (var i = 0; i < r.attributes.length; i++)
    o[r.attributes[i].name] = r.attributes[i].value;
    o.used = r.cells[1].textContent; return o; });
"""

JS_MAIL = """
return Array.prototype.map.call(document.querySelectorAll('#mail tr'),
  function (r) { return r.cells[0].tagName === 'TH' ? null :
    [r.cells[0].textContent, r.cells[2].getAttribute('data-pass')]; })
  .filter(function (x) { return x; });
"""


def visible(b):
    """The rows shown, once the filter has caught up with the typing."""
    deadline = time.time() + 30
    while b.js("return document.getElementById('fshown')"
               ".hasAttribute('aria-busy');") and time.time() < deadline:
        time.sleep(0.05)
    return [r["cells"] for r in b.js(JS_ROWS) if not r["hidden"]]


def test_demo(b):
    zones = sorted(x for x in os.listdir(DEMO) if x.endswith(".zone"))
    report = json.loads(run(["--format", "json"] + zones, DEMO))
    recs = dump_records(zones, DEMO)
    html = os.path.join(OUT, "demo.html")
    run(["--format", "html", "--output", html] + zones, DEMO)
    check(os.path.getsize(html) < 200000, "demo page is small",
          os.path.getsize(html))
    b.get("file://" + html)
    check(not [f for f in report["findings"] if f["check"] == "unverified"],
          "demo oracle: nothing unverified")
    state = demo_oracle(report, recs)
    finding_addrs = {ipaddress.ip_address(f["address"])
                     for f in report["findings"] if f["address"]}

    # Grids: one per /24 the zones use, 256 cells, each in its state.
    grids = b.js(JS_GRIDS)
    want_nets = {".".join(str(a).split(".")[:3]) for a in state
                 if a.version == 4}
    for z in report["zones"]:
        a = rev_to_addr("0." + z["origin"]) if "in-addr" in z["origin"] \
            else None
        if a is None and "in-addr" in z["origin"]:
            # an RFC 2317 child: its /24 is the labels after the block
            octets = [x for x in z["origin"].split(".") if x.isdigit()]
            want_nets.add(".".join(reversed(octets)))
        elif a is not None:
            want_nets.add(".".join(str(a).split(".")[:3]))
    check({g["net"] for g in grids} == want_nets, "grids: one per /24",
          ({g["net"] for g in grids}, want_nets))
    wrong = []
    for g in grids:
        check(len(g["cells"]) == 256, "grid %s has 256 cells" % g["net"],
              len(g["cells"]))
        for i, cls in enumerate(g["cells"]):
            a = ipaddress.ip_address("%s.%d" % (g["net"], i))
            parts = cls.split()
            got = CLASS_STATE.get(parts[0] if parts else "")
            if got != state.get(a, "unused") or \
                    ("f" in parts) != (a in finding_addrs):
                wrong.append((str(a), cls, state.get(a, "unused")))
    check(not wrong, "every cell in the state the JSON report implies",
          wrong[:10])
    n_bad_cells = sum(c.split()[0] in "mb" for g in grids for c in g["cells"])
    check(n_bad_cells == 3, "3 missing or bad IPv4 cells in the demo",
          n_bad_cells)

    # IPv6: one row per /64 in use, with its counts.
    v6 = collections.defaultdict(collections.Counter)
    for a, s in state.items():
        if a.version == 6:
            net = ipaddress.ip_network(str(a) + "/64", strict=False)
            v6[str(net)][s] += 1
    rows6 = {r["data-net"]: r for r in b.js(JS_V6)}
    check(set(rows6) == set(v6), "one row per /64 in use",
          (sorted(rows6), sorted(v6)))
    for net, cnt in v6.items():
        r = rows6.get(net, {})
        got = (int(r.get("data-pass", -1)), int(r.get("data-missing", -1)),
               int(r.get("data-bad", -1)), int(r.get("used", -1)))
        want = (cnt["pass"], cnt["missing"], cnt["bad"], sum(cnt.values()))
        check(got == want, "counts of " + net, (got, want))

    # Mail hosts: an MX target passes when each of its addresses does.
    mx = sorted({r[2].split()[-1] for r in recs if r[1] == "MX"})
    want_mail = []
    for host in mx:
        addrs = [ipaddress.ip_address(r[2]) for r in recs
                 if r[0] == host and r[1] in ("A", "AAAA")]
        ok = addrs and all(state[a] == "pass" for a in addrs)
        want_mail.append([host, "yes" if ok else "no"])
    check(b.js(JS_MAIL) == want_mail, "mail hosts and their verdicts",
          (b.js(JS_MAIL), want_mail))

    # Summary cards.
    cards = b.js("var o={};document.querySelectorAll('.card').forEach("
                 "function(c){o[c.id]=Number(c.querySelector('b')"
                 ".textContent);});return o;")
    want_cards = {"n-zones": len(report["zones"]),
                  "n-records": sum(z["records"] for z in report["zones"]),
                  "n-error": report["summary"]["error"],
                  "n-warning": report["summary"]["warning"],
                  "n-info": report["summary"]["info"],
                  "n-addrs": len(state),
                  "n-ptr": sum(1 for r in recs if r[1] == "PTR"),
                  "n-fwd": sum(1 for r in recs if r[1] in ("A", "AAAA"))}
    check(all(cards.get(k) == v for k, v in want_cards.items()),
          "summary cards", (cards, want_cards))

    # The table: the same findings as the JSON report.
    rows = b.js(JS_ROWS)
    want_rows = sorted(row_of(f) for f in report["findings"])
    check(sorted(tuple(r["cells"]) for r in rows) == want_rows,
          "table rows are the JSON findings",
          (len(rows), len(want_rows)))
    check(rows and rows[0]["cells"][0] == "error", "errors come first")
    n = len(want_rows)
    check(b.js("return $id('fshown').textContent;".replace(
        "$id", "document.getElementById")) == "%d of %d shown" % (n, n),
        "the filter bar says all rows are shown")

    # Filters, as a user would work them.
    def count_json(pred):
        return sum(1 for f in report["findings"] if pred(f))

    b.click('#fcheck option[value="missing-ptr"]')
    vis = visible(b)
    check(len(vis) == count_json(lambda f: f["check"] == "missing-ptr") and
          all(c[1] == "missing-ptr" for c in vis), "filter by check",
          len(vis))
    b.click('#fsev option[value="error"]')
    vis = visible(b)
    check(len(vis) == count_json(lambda f: f["check"] == "missing-ptr" and
                                 f["severity"] == "error") and
          vis[0][4] == "mx2.example.com.", "filter by check and severity",
          vis)
    check(b.js("return document.getElementById('fshown').textContent;") ==
          "%d of %d shown" % (len(vis), n), "shown count follows the filter")
    b.click('#fcheck option[value=""]')
    b.click('#fsev option[value=""]')
    check(len(visible(b)) == n, "clearing the filters shows every row")
    for q in ("ftp", "2001:db8", "EXAMPLE.COM"):
        b.clear("#fq")
        b.type("#fq", q)
        want = count_json(lambda f: any(q.lower() in str(v).lower()
                                        for v in row_of(f)))
        check(len(visible(b)) == want, "search for %r" % q,
              (len(visible(b)), want))
    b.clear("#fq")
    b.type("#fq", "no such text anywhere")
    check(len(visible(b)) == 0, "a search that matches nothing hides all")
    b.clear("#fq")
    b.click('#fzone option[value="example.com."]')
    vis = visible(b)
    check(len(vis) == count_json(lambda f: f["zone"] == "example.com.") and
          all(c[2] == "example.com." for c in vis), "filter by zone")
    b.click('#fzone option[value=""]')

    # Sorting: by location, both ways; by severity.
    def where_key(c):
        f, _, line = c[5].rpartition(":")
        return (f, int(line))
    b.click('#ftable th[data-sort="loc"]')
    got = [c for c in visible(b)]
    check([where_key(c) for c in got] == sorted(where_key(c) for c in got),
          "sort by location, ascending")
    b.click('#ftable th[data-sort="loc"]')
    got = [c for c in visible(b)]
    check([where_key(c) for c in got] ==
          sorted((where_key(c) for c in got), reverse=True),
          "sort by location, descending")
    b.click('#ftable th[data-sort="sev"]')
    sevs = [c[0] for c in visible(b)]
    rank = {"error": 0, "warning": 1, "info": 2}
    check(sevs == sorted(sevs, key=rank.get), "sort by severity", sevs)

    # Nothing fetched, nothing complained about.
    check(b.js("return performance.getEntriesByType('resource').length;")
          == 0, "the page fetches nothing")
    errors = [m for m in b.log() if m.get("level") == "SEVERE"]
    check(not errors, "no console errors (CSP, script)", errors[:3])
    b.js("window.scrollTo(0, 0);")
    b.screenshot_full(os.path.join(OUT, "demo.png"))
    check(os.path.getsize(os.path.join(OUT, "demo.png")) > 10000,
          "screenshot written")


# ---- hostile ----------------------------------------------------------

HEAD = ("$TTL 300\n@ SOA ns1.example.org. h.example.org. 1 3600 600 "
        "86400 300\n@ NS ns1.example.org.\n")
# Each payload sets a global (or the title) when it runs.
PAYLOADS = [
    "<script>pwned1=1</script>",
    "<svg/onload=document.title='pwned'>",
    "<!--x--><svg/onload=pwned2=1>",
    "<img/src/onerror=pwned4=1>",
    "<script>pwned5=1</script>",
    "<svg/onload=pwned6=1>",
    "<svg/onload=pwned7=1>",
]
GLOBALS = ["pwned1", "pwned2", "pwned4", "pwned5", "pwned6", "pwned7"]


def zone_escape(text):
    """TEXT as an owner-name label in master-file form: \\DDD for every
    byte that is not a letter or digit (a '.' stays a label separator)."""
    return "".join(c if c.isalnum() or c == "." else "\\%03d" % ord(c)
                   for c in text)


JS_PWNED = """
var g = %s, out = {};
g.forEach(function (k) { out[k] = typeof window[k]; });
out.title = document.title;
out.svg = document.querySelectorAll('svg, img, iframe, object, embed').length;
out.scripts = document.scripts.length;
out.text = document.body ? document.body.textContent : '';
return out;
""" % json.dumps(GLOBALS)


def hostile_zones():
    d = os.path.join(OUT, "hostile", "d<script>pwned5=1<")
    os.makedirs(d, exist_ok=True)
    fwd = os.path.join(d, "script>.zone")  # the path holds </script>
    with open(fwd, "w") as f:
        f.write(HEAD)
        f.write("@ MX 10 %s\n" % zone_escape(PAYLOADS[1]))
        f.write("%s A 192.0.2.9\n" % zone_escape(PAYLOADS[0]))
        f.write("%s A 192.0.2.10\n" % zone_escape(PAYLOADS[2]))
        f.write("%s AAAA 2001:db8::10\n" % zone_escape(PAYLOADS[6]))
        f.write('txt TXT "%s" "\\"><svg/onload=pwned6=1>"\n' % PAYLOADS[4])
    rev = os.path.join(OUT, "hostile", "2.0.192.in-addr.arpa.zone")
    with open(rev, "w") as f:
        f.write(HEAD)
        f.write("12 PTR %s.example.com.\n" % zone_escape(PAYLOADS[3]))
    return ["--zone", "example.com=" + fwd,
            "--zone", "2.0.192.in-addr.arpa=" + rev]


def test_hostile(b):
    args = hostile_zones()
    html = os.path.join(OUT, "hostile.html")
    run(["--format", "html", "--output", html] + args, OUT)
    report = json.loads(run(["--format", "json"] + args, OUT))
    names = {f["name"] for f in report["findings"]}
    check(PAYLOADS[0] + ".example.com." in names and
          PAYLOADS[3] + ".example.com." in names,
          "the hostile names reach the report unchanged", names)

    # Control: the payloads, unescaped, do run in this browser.
    control = os.path.join(OUT, "control.html")
    with open(control, "w") as f:
        f.write("<!DOCTYPE html><title>control</title><body>%s</body>" %
                "".join(PAYLOADS))
    b.get("file://" + control)
    time.sleep(0.5)
    c = b.js(JS_PWNED)
    check(all(c[k] == "number" for k in GLOBALS if k not in ("pwned5",)) and
          c["title"] == "pwned", "control: every payload runs unescaped", c)

    title = "rdnsaudit report: 2 zones, %d error%s, %d warning%s" % (
        report["summary"]["error"],
        "" if report["summary"]["error"] == 1 else "s",
        report["summary"]["warning"],
        "" if report["summary"]["warning"] == 1 else "s")
    for bypass in (False, True):
        how = "with the CSP bypassed" if bypass else "with its CSP"
        b.cdp("Page.setBypassCSP", {"enabled": bypass})
        b.get("file://" + html)
        time.sleep(0.5)
        h = b.js(JS_PWNED)
        check(all(h[k] == "undefined" for k in GLOBALS),
              "hostile: no payload ran " + how, h)
        check(h["title"] == title, "hostile: title untouched " + how,
              (h["title"], title))
        check(h["svg"] == 0 and h["scripts"] == 1,
              "hostile: no element from the data " + how, h)
        for p in (PAYLOADS[0], PAYLOADS[1], PAYLOADS[2], PAYLOADS[3],
                  PAYLOADS[6], "d<script>pwned5=1</script>.zone"):
            check(p in h["text"], "hostile: %r shown as text %s" % (p, how))
        check("pwned6=1>\"" not in h["text"] and PAYLOADS[4] not in h["text"]
              .replace("d" + PAYLOADS[4], ""), "TXT data is not shown")
        tip = b.js("var c = document.querySelector('.grid i[title*=pwned1]');"
                   "return c ? c.title : null;")
        check(tip is not None and PAYLOADS[0] in tip,
              "hostile: a cell's title holds the name as text " + how, tip)
        # The script works on hostile text without running it.
        b.clear("#fq")
        b.type("#fq", "<script>")
        n = len(visible(b))
        check(n >= 2 and all(b.js(JS_PWNED)[k] == "undefined"
                             for k in GLOBALS),
              "hostile: searching for markup finds rows, runs nothing " + how,
              n)
    b.cdp("Page.setBypassCSP", {"enabled": False})


# ---- big --------------------------------------------------------------

def test_big(b):
    d = os.path.join(OUT, "big")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "example.com.zone"), "w") as f:
        f.write(HEAD)
        for i in range(512):
            f.write("$GENERATE 0-255 h$-%d A 198.%d.%d.$\n" %
                    (i, 18 + i // 256, i % 256))
        f.write("$GENERATE 0-2047 v$ AAAA 2001:db8:0:${0,4,x}::1\n")
    for origin in ("18.198.in-addr.arpa", "19.198.in-addr.arpa",
                   "0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"):
        with open(os.path.join(d, origin + ".zone"), "w") as f:
            f.write(HEAD)
    zones = sorted(x for x in os.listdir(d) if x.endswith(".zone"))
    html = os.path.join(OUT, "big.html")
    t0 = time.time()
    run(["--format", "html", "--output", html] + zones, d)
    t1 = time.time()
    size = os.path.getsize(html)
    print("big: 133,120 addresses, %.1f s to write, %d bytes" %
          (t1 - t0, size))
    check(size <= 16 << 20, "big: the page stays under 16 MiB", size)
    t0 = time.time()
    b.get("file://" + html)
    t1 = time.time()
    info = b.js("return {rows: document.querySelectorAll('#ftbody tr')"
                ".length, grids: document.querySelectorAll('.grid').length,"
                "shown: document.getElementById('fshown').textContent,"
                "notes: Array.prototype.map.call(document.querySelectorAll("
                "'.note'), function (n) { return n.textContent; })};")
    print("big: opened in %.1f s: %d rows, %d grids" %
          (t1 - t0, info["rows"], info["grids"]))
    check(0 < info["rows"] <= 20000, "big: table rows within the cap",
          info["rows"])
    check(info["grids"] == 256, "big: 256 grids drawn", info["grids"])
    check(any("findings not shown" in n for n in info["notes"]) and
          any("/24s are not drawn" in n for n in info["notes"]),
          "big: notes say what was left out", info["notes"])
    t0 = time.time()
    b.type("#fq", "h7-511.")
    visible_count = ("return Array.prototype.filter.call(document"
                     ".querySelectorAll('#ftbody tr'), function (r) {"
                     " return !r.hidden; }).length;")
    visible(b)  # waits for the filter
    n = b.js(visible_count)
    print("big: a search took %.2f s" % (time.time() - t0))
    check(n <= 1, "big: the search filters the big table", n)


def main():
    if BIN is None:
        print(__doc__)
        return 2
    if not webdriver.available():
        print("FAIL: chromium and chromedriver are needed (make deps-html)")
        print("0 passed, 1 failed")
        return 1
    os.makedirs(OUT, exist_ok=True)
    with webdriver.Browser() as b:
        for t in (test_demo, test_hostile, test_big):
            try:
                t(b)
            except Exception as e:  # a test that breaks is a failure
                check(False, "%s raised" % t.__name__, repr(e))
    print("html: %d passed, %d failed" % (passed, failed))
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
