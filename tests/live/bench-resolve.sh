#!/bin/sh
# bench-resolve.sh [BIN] -- how long --resolve takes for 10,000 addresses
# whose reverse zone only a server holds (the ISP case), against a local
# named on 127.0.0.1, at several concurrencies.  A benchmark, not a test:
# it prints figures and always exits 0 unless something breaks.
#
#   sh tests/live/bench-resolve.sh build/rdnsaudit
#
# Two cases, 10,000 addresses in 198.18.0.0/18 each:
#   own-names   every PTR points back into the audited forward zone:
#               10,000 PTR look-ups
#   other-names every PTR points at a name in a domain that is not loaded
#               (served live too): 10,000 PTR look-ups, then A and AAAA
#               of each target, 30,000 queries
set -u
BIN=$(cd "$(dirname "${1:-build/rdnsaudit}")" && pwd)/$(basename "${1:-build/rdnsaudit}")
TOP=$(pwd)
TMP=$(mktemp -d)
N=10000
. "$TOP/tests/live/named.sh"
trap 'named_stop; rm -rf "$TMP"' EXIT
trap 'exit 2' INT TERM

mkdir -p "$TMP/extra" "$TMP/audit"
python3 - "$TMP" "$N" <<'PY'
import sys
tmp, n = sys.argv[1], int(sys.argv[2])
soa = "@ 3600 IN SOA ns.isp.example. noc.isp.example. 1 7200 3600 1209600 3600\n@ 3600 IN NS ns.isp.example.\n"
with open(tmp + "/extra/18.198.in-addr.arpa.zone", "w") as rev, \
     open(tmp + "/extra/ext.example.zone", "w") as ext, \
     open(tmp + "/audit/bench.example.zone", "w") as fwd:
    rev.write("$ORIGIN 18.198.in-addr.arpa.\n" + soa)
    ext.write("$ORIGIN ext.example.\n" + soa)
    fwd.write("$ORIGIN bench.example.\n" + soa)
    for i in range(n):
        a, b = i // 250, i % 250 + 1
        fwd.write("h%d 3600 IN A 198.18.%d.%d\n" % (i, a, b))
        # even addresses: own names; odd ones: names in ext.example.
        target = "h%d.bench.example." % i if i % 2 == 0 else "h%d.ext.example." % i
        rev.write("%d.%d 3600 IN PTR %s\n" % (b, a, target))
        if i % 2:
            ext.write("h%d 3600 IN A 198.18.%d.%d\n" % (i, a, b))
PY
NAMED_EXTRA=$TMP/extra
if ! named_start; then echo "bench: named did not start"; exit 1; fi
echo "rdnsaudit --resolve: $N addresses in 198.18.0.0/18, reverse zone only on"
echo "a local named (127.0.0.1:$PORT); half the PTRs point into a domain that"
echo "is not loaded either (A and AAAA looked up too); $(nproc) CPUs"
printf '%-8s %-10s %-9s %-8s %-9s %s\n' jobs seconds names queries failed findings
for jobs in 1 4 16 64; do
	"$BIN" --fail-on never --resolve --resolver "127.0.0.1:$PORT" \
	    --resolve-jobs "$jobs" "$TMP/audit/bench.example.zone" \
	    >"$TMP/out" 2>"$TMP/err" || { [ $? = 2 ] && { echo "bench: rdnsaudit failed:"; head -5 "$TMP/err"; exit 1; }; }
	# rdnsaudit: looked up N names live (Q queries in W waves, J at a time, F failed) in S s
	line=$(grep "looked up" "$TMP/err")
	names=$(echo "$line" | sed 's/.*looked up \([0-9]*\) names.*/\1/')
	queries=$(echo "$line" | sed 's/.*(\([0-9]*\) queries.*/\1/')
	failed=$(echo "$line" | sed 's/.* \([0-9]*\) failed.*/\1/')
	secs=$(echo "$line" | sed 's/.* in \([0-9.]*\) s$/\1/')
	printf '%-8s %-10s %-9s %-8s %-9s %s\n' "$jobs" "$secs" "$names" \
	    "$queries" "$failed" "$(($(wc -l <"$TMP/out") - 1))"
done
