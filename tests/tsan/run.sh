#!/bin/sh
# run.sh TSAN_BUILD_DIR PLAIN_BIN -- the threads under ThreadSanitizer.
#
# rdnsaudit parses and builds the model on two threads (zones/pipe.c) and
# builds the cross-indexes and runs the checks on every core (core/par.c,
# core/checks.c).  This runs, built with -fsanitize=thread (make tsan):
#   - the unit tests that drive those paths hardest: test_pipe (one thread
#     against two over the fixtures, the corpus and multi-batch files with
#     errors and limits) and test_xref (the PTR walk over parallel ranges);
#   - a full audit of a generated 100,000-record set (tests/bench/gen.py:
#     files large enough for the second thread, indexes split over the
#     cores), whose JSON report must equal the plain build's byte for byte.
# Any data race reported fails (halt_on_error, exit code 66).
set -u
T=$1
PLAIN=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export TSAN_OPTIONS="halt_on_error=1 exitcode=66${TSAN_OPTIONS:+ $TSAN_OPTIONS}"
pass=0
fail=0
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*"; }

for t in test_pipe test_xref; do
	if "$T/tests/$t" >"$TMP/$t.log" 2>&1; then
		ok
	else
		ko "$t under ThreadSanitizer:"; tail -40 "$TMP/$t.log"
	fi
done

python3 tests/bench/gen.py set --records 100000 --seed 7 "$TMP/set" \
    >/dev/null || { echo "FAIL: gen.py"; exit 1; }
set --
while read -r name origin count; do
	set -- "$@" --zone "$origin=$TMP/set/$name"
done <"$TMP/set/counts.tsv"
"$PLAIN" --quiet --format json "$@" >"$TMP/plain.json" 2>/dev/null
"$T/rdnsaudit" --quiet --format json "$@" >"$TMP/tsan.json" \
    2>"$TMP/tsan.err"
rc=$?
if [ $rc != 0 ] && [ $rc != 1 ]; then
	ko "audit under ThreadSanitizer exited $rc:"; head -60 "$TMP/tsan.err"
elif ! cmp -s "$TMP/plain.json" "$TMP/tsan.json"; then
	ko "audit under ThreadSanitizer: report differs from the plain build"
else
	ok
fi
echo "tsan: $pass passed, $fail failed"
[ $fail = 0 ]
