#!/usr/bin/env python3
"""gen.py -- seeded generator of benchmark zone sets with an oracle.

    gen.py set  --records N --seed S DIR   forward + reverse zone set
    gen.py case NAME DIR                   one of the scaling cases

`set` writes, for about N records in all (half forward, half reverse):

    DIR/example.net.zone                 A, AAAA (blank owners), CNAME, MX;
                                         one $ORIGIN block per 1000 hosts;
                                         TTL and class present or not,
                                         owner case mixed
    DIR/10.in-addr.arpa.zone             the /8 reverse zone: PTRs, one
                                         $ORIGIN block per /24
    DIR/8.b.d.0.1.0.0.2.ip6.arpa.zone    PTRs for the AAAA addresses
    DIR/oracle.tsv                       check <TAB> address <TAB> name: the
                                         exact findings the audit must make
    DIR/counts.tsv                       file <TAB> origin <TAB> records

Faults of every check kind are injected at seeded random hosts, k of each
(k = max(3, N / 200000)); everything else is clean, so the oracle is the
whole list of findings.  The same seed and N give the same bytes.

`case` writes the scaling cases (no oracle; they print figures):
    oneowner   one owner with 100,000 A records, each with its PTR
    wide       1,000,000 names under one parent
    slash8     10,000,000 addresses of a /8, by $GENERATE, forward and PTR
    chains     100 CNAME chains of 1,000 aliases each
    zones      200,000 zones of one record (SOA) each, and zones.list
"""
import os
import random
import sys

FWD = "example.net."
REV4 = "10.in-addr.arpa."
REV6 = "8.b.d.0.1.0.0.2.ip6.arpa."
KINDS = ["missing-ptr", "multiple-ptr", "ptr-mismatch", "dangling-ptr",
         "ptr-to-cname", "dangling-cname", "unverified-a", "unverified-ptr",
         "cname-loop"]


def soa(origin, ns):
    return ("$ORIGIN %s\n$TTL 3600\n@ IN SOA %s hostmaster.%s "
            "2026010101 7200 3600 1209600 300\n  IN NS %s\n"
            % (origin, ns, FWD, ns))


def a4(i):
    return "10.%d.%d.%d" % ((i >> 16) & 255, (i >> 8) & 255, i & 255)


def v6(i):
    return "2001:db8::%x:%x" % (i >> 16, i & 0xffff)


def v6_rel(i):
    # 24 nibbles below 8.b.d.0.1.0.0.2.ip6.arpa. (the /32)
    h = "%024x" % i
    return ".".join(reversed(h))


def gen_set(n, seed, out):
    rnd = random.Random(seed)
    hosts = max(2000, int(n / 2.4))
    k = max(3, n // 200000)
    special = 250 << 16          # fault-only addresses: 10.250.0.0 and up
    # Fault hosts: never ns1, never the first host of a block (MX target).
    pool = [i for i in rnd.sample(range(2, hosts), k * len(KINDS) * 3)
            if i % 1000 != 0][:k * len(KINDS)]
    fault = {}
    for j, i in enumerate(pool):
        fault[i] = KINDS[j // k]
    oracle = []
    ptr4 = {}                    # address index -> [targets], file order
    extra4 = []                  # (special index, target)
    ptr6 = []
    counts = {"fwd": 0, "rev4": 0, "rev6": 0}
    f = open(os.path.join(out, "example.net.zone"), "w")
    w = f.write
    w(soa(FWD, "ns1.example.net."))
    w("ns1 IN A 10.0.0.1\n")
    counts["fwd"] += 3
    ptr4[1] = ["ns1.example.net."]
    nspecial = 0
    for i in range(2, hosts):
        if i % 1000 == 0 or i == 2:
            blk = i // 1000
            w("$ORIGIN s%d.%s\n" % (blk, FWD))
            w("@ 600 IN MX 10 h%d\n" % (blk * 1000 if blk else 2))
            counts["fwd"] += 1
        origin = "s%d.%s" % (i // 1000, FWD)
        kind = fault.get(i)
        owner = "h%d" % i
        fq = owner + "." + origin
        r = rnd.random()
        shown = owner.upper() if r < 0.05 else owner
        if kind == "unverified-a":
            addr = "100.64.%d.%d" % (nspecial >> 8, nspecial & 255)
            nspecial += 1
            w("%s A %s\n" % (shown, addr))
            counts["fwd"] += 1
            oracle.append(("unverified", addr, fq))
            continue
        if r < 0.3:
            w("%s 3600 IN A %s\n" % (shown, a4(i)))
        elif r < 0.5:
            w("%s IN 300 A %s\n" % (shown, a4(i)))
        elif r < 0.6:
            w("%s IN A %s\n" % (shown, a4(i)))
        else:
            w("%s A %s\n" % (shown, a4(i)))
        counts["fwd"] += 1
        if kind is None and rnd.random() < 0.15:
            w("  AAAA %s\n" % v6(i))
            counts["fwd"] += 1
            ptr6.append((i, fq))
        if kind is None and rnd.random() < 0.04:
            w("w%d CNAME %s\n" % (i, owner))
            counts["fwd"] += 1
        ptr4[i] = [fq]
        if kind == "missing-ptr":
            del ptr4[i]
            oracle.append(("missing-ptr", a4(i), fq))
        elif kind == "multiple-ptr":
            w("m%d A %s\n" % (i, a4(i)))
            counts["fwd"] += 1
            ptr4[i].append("m%d.%s" % (i, origin))
            oracle.append(("multiple-ptr", a4(i), "m%d.%s" % (i, origin)))
        elif kind == "ptr-mismatch":
            x = special + len(extra4)
            extra4.append((x, fq))
            oracle.append(("ptr-mismatch", a4(x), fq))
        elif kind == "dangling-ptr":
            x = special + len(extra4)
            t = "gone%d.%s" % (i, origin)
            extra4.append((x, t))
            oracle.append(("dangling-ptr", a4(x), t))
        elif kind == "ptr-to-cname":
            w("a%d CNAME %s\n" % (i, owner))
            counts["fwd"] += 1
            t = "a%d.%s" % (i, origin)
            ptr4[i] = [t]
            oracle.append(("ptr-to-cname", a4(i), t))
        elif kind == "dangling-cname":
            w("d%d CNAME nx%d\n" % (i, i))
            counts["fwd"] += 1
            oracle.append(("dangling-cname", "", "d%d.%s" % (i, origin)))
        elif kind == "unverified-ptr":
            x = special + len(extra4)
            t = "host%d.example.org." % i
            extra4.append((x, t))
            oracle.append(("unverified", a4(x), t))
        elif kind == "cname-loop":
            w("l%d CNAME l%d-b\nl%d-b CNAME l%d\n" % (i, i, i, i))
            counts["fwd"] += 2
            oracle.append(("cname-loop", "", "l%d.%s" % (i, origin)))
    f.close()

    f = open(os.path.join(out, REV4 + "zone"), "w")
    w = f.write
    w(soa(REV4, "ns1.example.net."))
    counts["rev4"] += 2
    cur = None
    items = sorted(ptr4.items()) + [(x, [t]) for x, t in extra4]
    for i, targets in items:
        net = i >> 8
        if net != cur:
            cur = net
            w("$ORIGIN %d.%d.%s\n" % (net & 255, (net >> 8) & 255, REV4))
        for t in targets:
            w("%d PTR %s\n" % (i & 255, t))
            counts["rev4"] += 1
    f.close()

    f = open(os.path.join(out, REV6 + "zone"), "w")
    w = f.write
    w(soa(REV6, "ns1.example.net."))
    counts["rev6"] += 2
    for i, t in ptr6:
        w("%s IN PTR %s\n" % (v6_rel(i), t))
        counts["rev6"] += 1
    f.close()

    with open(os.path.join(out, "oracle.tsv"), "w") as o:
        for c, a, nm in sorted(oracle):
            o.write("%s\t%s\t%s\n" % (c, a, nm))
    with open(os.path.join(out, "counts.tsv"), "w") as o:
        o.write("example.net.zone\t%s\t%d\n" % (FWD, counts["fwd"]))
        o.write("%szone\t%s\t%d\n" % (REV4, REV4, counts["rev4"]))
        o.write("%szone\t%s\t%d\n" % (REV6, REV6, counts["rev6"]))


def case_oneowner(out):
    n = 100000
    with open(os.path.join(out, "example.net.zone"), "w") as f:
        f.write(soa(FWD, "ns1.example.net."))
        f.write("ns1 A 10.0.0.1\n")
        for i in range(2, n + 2):
            f.write("many A %s\n" % a4(i))
    with open(os.path.join(out, REV4 + "zone"), "w") as f:
        f.write(soa(REV4, "ns1.example.net."))
        f.write("1.0.0 PTR ns1.example.net.\n")
        for i in range(2, n + 2):
            f.write("%d.%d.%d PTR many.example.net.\n"
                    % (i & 255, (i >> 8) & 255, (i >> 16) & 255))
    return n * 2


def case_wide(out):
    n = 1000000
    with open(os.path.join(out, "example.net.zone"), "w") as f:
        f.write(soa(FWD, "ns1.example.net."))
        f.write("ns1 A 192.0.2.1\n")
        for i in range(n):
            f.write("n%d TXT \"x\"\n" % i)
    return n


def case_slash8(out):
    # 10,000,000 addresses, by $GENERATE: one directive per /24.
    n = 10000000
    nets = n // 256
    with open(os.path.join(out, "example.net.zone"), "w") as f:
        f.write(soa(FWD, "ns1.example.net."))
        f.write("ns1 A 10.255.255.254\n")
        for net in range(nets):
            b, c = net >> 8, net & 255
            f.write("$GENERATE 0-255 h$.%d.%d A 10.%d.%d.$\n" % (c, b, b, c))
    with open(os.path.join(out, REV4 + "zone"), "w") as f:
        f.write(soa(REV4, "ns1.example.net."))
        f.write("254.255.255 PTR ns1.example.net.\n")
        for net in range(nets):
            b, c = net >> 8, net & 255
            f.write("$GENERATE 0-255 $.%d.%d PTR h$.%d.%d.example.net.\n"
                    % (c, b, c, b))
    return nets * 256 * 2


def case_chains(out):
    chains, length = 100, 1000
    with open(os.path.join(out, "example.net.zone"), "w") as f:
        f.write(soa(FWD, "ns1.example.net."))
        f.write("ns1 A 192.0.2.1\n")
        for c in range(chains):
            for j in range(length):
                f.write("c%d-%d CNAME c%d-%d\n" % (c, j, c, j + 1))
            f.write("c%d-%d TXT \"end\"\n" % (c, length))
    return chains * (length + 1)


def case_zones(out):
    n = 200000
    d = os.path.join(out, "z")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(out, "zones.list"), "w") as lst:
        for i in range(n):
            origin = "c%d.example." % i
            p = os.path.join(d, origin + "zone")
            with open(p, "w") as f:
                f.write("@ 3600 IN SOA ns.%s h.%s 1 7200 3600 1209600 300\n"
                        % (origin, origin))
            lst.write("%s=%s\n" % (origin, p))
    return n


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "set":
        n, seed, out = 1000000, 7, None
        args = sys.argv[2:]
        while args:
            a = args.pop(0)
            if a == "--records":
                n = int(args.pop(0))
            elif a == "--seed":
                seed = int(args.pop(0))
            else:
                out = a
        os.makedirs(out, exist_ok=True)
        gen_set(n, seed, out)
    elif len(sys.argv) == 4 and sys.argv[1] == "case":
        os.makedirs(sys.argv[3], exist_ok=True)
        n = globals()["case_" + sys.argv[2]](sys.argv[3])
        with open(os.path.join(sys.argv[3], "records"), "w") as f:
            f.write("%d\n" % n)
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)


if __name__ == "__main__":
    main()
