#!/usr/bin/env python3
"""badxfr.py MODE PORTFILE -- a misbehaving AXFR server for the tests.

Listens on 127.0.0.1 at a free port (written to PORTFILE), answers one
AXFR query for example.com. the way MODE says, and exits: it serves one
connection and stops by itself after 30 s at most, so a test can never
leave it behind.  Only the loopback address is used.

Modes (what a real server cannot be made to do):
  ok          a correct 3-message transfer, unsigned
  cutoff      the first message, then the connection is closed
  endless     records forever (until the client goes away or 30 s pass)
  slow        one record every 0.4 s, forever
  silent      accepts the connection and never answers
  wrongserial closing SOA with another serial
  notsoa      the first record is an A record
  outofzone   a record of example.net. inside the transfer
  wrongzone   the transfer of example.net. instead
  wrongq      the question of the answer is another zone
  badtime     NOTAUTH with a TSIG record carrying error BADTIME
"""
import socket
import struct
import sys
import time


def name(n):
    out = b""
    for label in n.strip(".").split("."):
        out += bytes([len(label)]) + label.encode()
    return out + b"\x00"


def rr(owner, rtype, rdata, ttl=300):
    return name(owner) + struct.pack("!HHIH", rtype, 1, ttl, len(rdata)) + rdata


def soa(zone, serial):
    return rr(zone, 6, name("ns1." + zone) + name("host." + zone) +
              struct.pack("!IIIII", serial, 2, 3, 4, 5))


def a(owner, ip):
    return rr(owner, 1, socket.inet_aton(ip))


def msg(qid, question, answers, rcode=0, additional=b"", arcount=0):
    qd = 1 if question else 0
    hdr = struct.pack("!HHHHHH", qid, 0x8400 | rcode, qd, len(answers), 0,
                      arcount)
    return hdr + question + b"".join(answers) + additional


def tsig_error(error):
    """A TSIG RR (RFC 8945 §4.2) with an empty MAC and ERROR set."""
    rdata = (name("hmac-sha256") + struct.pack("!HIH", 0, int(time.time()),
             300) + struct.pack("!H", 0) + struct.pack("!HHH", 0, error, 0))
    return name("xfr-key") + struct.pack("!HHIH", 250, 255, 0,
                                         len(rdata)) + rdata


def send(c, m):
    c.sendall(struct.pack("!H", len(m)) + m)


def read_query(c):
    ln = struct.unpack("!H", c.recv(2))[0]
    q = b""
    while len(q) < ln:
        chunk = c.recv(ln - len(q))
        if not chunk:
            break
        q += chunk
    qid = struct.unpack("!H", q[:2])[0]
    i = 12
    while q[i] != 0:
        i += q[i] + 1
    return qid, q[12:i + 5]


def serve(mode, c):
    qid, question = read_query(c)
    z = "example.com."
    first = [soa(z, 7), a("a." + z, "192.0.2.1")]
    last = [a("c." + z, "192.0.2.3"), soa(z, 7)]
    if mode == "ok":
        send(c, msg(qid, question, first))
        send(c, msg(qid, question, [a("b." + z, "192.0.2.2")]))
        send(c, msg(qid, question, last))
    elif mode == "cutoff":
        send(c, msg(qid, question, first))
    elif mode == "endless":
        send(c, msg(qid, question, first))
        i = 0
        end = time.time() + 30
        while time.time() < end:
            batch = [a("h%d.%s" % (i + k, z), "192.0.2.9") for k in range(50)]
            send(c, msg(qid, b"", batch))
            i += 50
    elif mode == "slow":
        send(c, msg(qid, question, first))
        end = time.time() + 30
        i = 0
        while time.time() < end:
            time.sleep(0.4)
            send(c, msg(qid, b"", [a("s%d.%s" % (i, z), "192.0.2.9")]))
            i += 1
    elif mode == "silent":
        time.sleep(30)
    elif mode == "wrongserial":
        send(c, msg(qid, question, first))
        send(c, msg(qid, question, [soa(z, 8)]))
    elif mode == "notsoa":
        send(c, msg(qid, question, [a("a." + z, "192.0.2.1"), soa(z, 7),
                                    soa(z, 7)]))
    elif mode == "outofzone":
        send(c, msg(qid, question, first + [a("www.example.net.",
                                              "192.0.2.7")] + last))
    elif mode == "wrongzone":
        o = "example.net."
        send(c, msg(qid, question, [soa(o, 7), a("a." + o, "192.0.2.1"),
                                    soa(o, 7)]))
    elif mode == "wrongq":
        other = name("example.net.") + struct.pack("!HH", 252, 1)
        send(c, msg(qid, other, first + last))
    elif mode == "badtime":
        send(c, msg(qid, question, [], rcode=9, additional=tsig_error(18),
                    arcount=1))
    else:
        raise SystemExit("unknown mode " + mode)


def main():
    mode, portfile = sys.argv[1], sys.argv[2]
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", 0))
    s.listen(1)
    s.settimeout(30)
    with open(portfile + ".tmp", "w") as f:
        f.write("%d\n" % s.getsockname()[1])
    import os
    os.rename(portfile + ".tmp", portfile)
    try:
        c, _ = s.accept()
        c.settimeout(30)
        serve(mode, c)
        time.sleep(0.2)
        c.close()
    except (OSError, socket.timeout):
        pass
    s.close()


if __name__ == "__main__":
    main()
