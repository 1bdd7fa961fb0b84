#!/bin/bash
# audit.sh BIN -- audits the real organisations' zone sets of the shared
# corpus (forward and reverse together, as each organisation deploys them)
# and compares the count of findings by check with expected-counts.txt,
# whose every line was reviewed by hand (see README.md in this folder).
# Zones that BIND itself rejects are left out (checks.tsv says which).
# Skips visibly when ../shared/corpus is absent.
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
TOP=$(pwd)
CORPUS=${RDA_CORPUS:-$TOP/../shared/corpus}
if [ ! -f "$CORPUS/checks.tsv" ]; then
	echo "corpus-audit: SKIPPED: $CORPUS not found"
	exit 0
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
pass=0
fail=0
SETS="ffhl/history ffhl/ ffhh/master ffhh/history ffcux emfcamp/archives/2012
emfcamp/archives/2014 wikimedia/rendered-2020 wikimedia/rendered-2013
miraheze/rendered-head nycmesh"
for set in $SETS; do
	# ffhl/ alone means the current files (not the history snapshot).
	awk -F'\t' -v p="$set" '$3 == "zone" && $7 == "OK" &&
	    index($2, p) == 1 && !(p == "ffhl/" && $2 ~ /history/) {
		print "--zone"; print $4 "=" $2 }' "$CORPUS/checks.tsv" \
	    >"$TMP/args"
	mapfile -t args <"$TMP/args"
	(cd "$CORPUS" && timeout 120 "$BIN" --format json "${args[@]}" \
	    >"$TMP/out.json" 2>"$TMP/err")
	rc=$?
	if [ "$rc" -gt 1 ]; then
		fail=$((fail + 1))
		echo "FAIL: corpus $set: exit status $rc"; head -5 "$TMP/err"
		continue
	fi
	python3 - "$set" "$TMP/out.json" >>"$TMP/counts" <<'PY'
import collections, json, sys
rep = json.load(open(sys.argv[2]))
c = collections.Counter((f["check"], f["severity"]) for f in rep["findings"])
recs = sum(z["records"] for z in rep["zones"])
print(f"{sys.argv[1]} zones={len(rep['zones'])} records={recs} " +
      " ".join(f"{k}/{s}={n}" for (k, s), n in sorted(c.items())))
PY
	pass=$((pass + 1))
done
if [ "${UPDATE:-}" = 1 ]; then
	cp "$TMP/counts" tests/corpus/expected-counts.txt
elif ! diff -u tests/corpus/expected-counts.txt "$TMP/counts"; then
	fail=$((fail + 1))
	echo "FAIL: corpus finding counts changed (review, then UPDATE=1)"
fi
cat "$TMP/counts"
echo "corpus-audit: $pass passed, $fail failed"
[ "$fail" = 0 ]
