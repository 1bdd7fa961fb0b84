#!/usr/bin/env python3
"""axfr_seeds.py OUTDIR -- seed TCP streams for fuzz_axfr: AXFR answers for
example.com. (a whole transfer in one and in two messages, a wrong closing
serial, a record out of the zone, a cut-off stream, a REFUSED answer).
Each file is the stream the test server sends: messages with their
two-byte length prefixes (the IDs are patched by the server)."""
import os
import struct
import sys


def name(n):
    out = b""
    for label in n.rstrip(".").split("."):
        out += bytes([len(label)]) + label.encode()
    return out + b"\0"


def rr(owner, rtype, rdata, ttl=300):
    return name(owner) + struct.pack("!HHIH", rtype, 1, ttl, len(rdata)) + rdata


def soa(serial):
    rd = name("ns.example.com.") + name("h.example.com.")
    rd += struct.pack("!IIIII", serial, 3600, 600, 86400, 300)
    return rr("example.com.", 6, rd)


def a(owner, addr):
    return rr(owner, 1, bytes(int(x) for x in addr.split(".")))


def ptr(owner, target):
    return rr(owner, 12, name(target))


def msg(records, rcode=0, question=True):
    hdr = struct.pack("!HHHHHH", 0, 0x8400 | rcode, 1 if question else 0,
                      len(records), 0, 0)
    body = hdr
    if question:
        body += name("example.com.") + struct.pack("!HH", 252, 1)
    body += b"".join(records)
    return struct.pack("!H", len(body)) + body


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    www = a("www.example.com.", "192.0.2.1")
    mx = rr("example.com.", 15, struct.pack("!H", 10) + name("www.example.com."))
    seeds = {
        "whole": msg([soa(1), www, mx, soa(1)]),
        "two-messages": msg([soa(7), www]) + msg([mx, soa(7)], question=False),
        "wrong-serial": msg([soa(1), www, soa(2)]),
        "out-of-zone": msg([soa(1), a("www.example.net.", "192.0.2.9"), soa(1)]),
        "cut-off": msg([soa(1), www])[:-3],
        "refused": msg([], rcode=5),
        "ptr-and-cname": msg([soa(3), ptr("1.example.com.", "www.example.com."),
                              rr("w.example.com.", 5, name("www.example.com.")),
                              soa(3)]),
    }
    for k, v in seeds.items():
        with open(os.path.join(out, k), "wb") as f:
            f.write(v)


main()
