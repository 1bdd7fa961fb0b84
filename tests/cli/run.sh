#!/bin/sh
# run.sh BIN -- end-to-end tests of the rdnsaudit binary.
#
# For every fixtures/<dir>/ (see fixtures/README.md): runs the binary in
# that directory on the zones named in its `args` file (default: every
# *.zone), then checks
#   - the findings against EXPECT, written by hand (tests/cli/expect.py);
#   - the exact text report, JSON report and exit status against the
#     goldens expected.txt, expected.json, expected.rc (UPDATE=1 rewrites
#     them; review the diff before committing).
# Then the bad-input cases of tests/cli/bad.sh.
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
TOP=$(pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*"; }

golden() {	# golden FILE ACTUAL
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$2" "$1"
	elif ! diff -u "$1" "$2" >"$TMP/diff"; then
		ko "$1 differs:"; head -40 "$TMP/diff"; return
	fi
	ok
}

for d in fixtures/*/; do
	d=${d%/}
	[ -f "$d/EXPECT" ] || continue
	if [ -f "$d/ARGS" ]; then
		args=$(cat "$d/ARGS")
	else
		args=$(cd "$d" && ls *.zone | tr '\n' ' ')
	fi
	# shellcheck disable=SC2086
	(cd "$d" && "$BIN" $args >"$TMP/out.txt" 2>"$TMP/err.txt"; \
	    echo $? >"$TMP/rc")
	# shellcheck disable=SC2086
	(cd "$d" && "$BIN" --format json $args >"$TMP/out.json" 2>/dev/null)
	if [ "$(cat "$TMP/rc")" = 2 ]; then
		ko "$d: load failed:"; cat "$TMP/err.txt"; continue
	fi
	if python3 tests/cli/expect.py "$d/EXPECT" "$TMP/out.json" \
	    >"$TMP/exp"; then
		ok
	else
		ko "$d: findings differ from EXPECT:"; cat "$TMP/exp"
	fi
	golden "$d/expected.txt" "$TMP/out.txt"
	golden "$d/expected.json" "$TMP/out.json"
	golden "$d/expected.rc" "$TMP/rc"
done

. "$TOP/tests/cli/bad.sh"
. "$TOP/tests/cli/config.sh"

echo "cli: $pass passed, $fail failed"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
