#!/bin/sh
# run.sh BIN -- end-to-end tests of the rdnsaudit binary.
#
# For every fixtures/<dir>/ (see fixtures/README.md): runs the binary in
# that directory on the zones named in its `args` file (default: every
# *.zone), then checks
#   - the findings against EXPECT, written by hand (tests/cli/expect.py);
#   - the exact text report, JSON report and exit status against the
#     goldens expected.txt, expected.json, expected.rc (UPDATE=1 rewrites
#     them; review the diff before committing);
#   - where the fixture has them, the fix list against expected.fixlist
#     (--format fixlist) and expected.csv (--format fixlist-csv).
# Then the round trip of the fix list (tests/cli/roundtrip.py) on the
# fixtures that list something, and the bad-input cases of
# tests/cli/bad.sh.
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
	for f in fixlist:fixlist csv:fixlist-csv; do
		[ -f "$d/expected.${f%%:*}" ] || continue
		# shellcheck disable=SC2086
		(cd "$d" && "$BIN" --format "${f#*:}" $args \
		    >"$TMP/out.${f%%:*}" 2>/dev/null)
		golden "$d/expected.${f%%:*}" "$TMP/out.${f%%:*}"
	done
done

for d in fixlist isp-static-mail demo mail-fcrdns ptr-generic rfc2317 \
    missing-ptr-shared missing-ptr-v6 ptr-mismatch-v6 dangling-ptr-v6 \
    authority-rfc2317-child-only multiple-ptr ptr-to-cname; do
	if python3 tests/cli/roundtrip.py "$BIN" "fixtures/$d" "$TMP" \
	    >"$TMP/rt" 2>&1; then
		ok
	else
		ko "round trip of fixtures/$d:"; cat "$TMP/rt"
	fi
done

# A zone read from a pipe, its origin named: the same report as from the
# file (the pipe's name in place of the file's).
mkfifo "$TMP/demo.pipe"
cat fixtures/demo/example.com.zone >"$TMP/demo.pipe" &
(cd fixtures/demo && timeout 30 "$BIN" --format json \
    --zone "example.com=$TMP/demo.pipe" >"$TMP/pipe.json" 2>/dev/null)
wait
(cd fixtures/demo && "$BIN" --format json --zone example.com=example.com.zone \
    >"$TMP/file.json" 2>/dev/null)
if sed "s|$TMP/demo.pipe|example.com.zone|g" "$TMP/pipe.json" |
    cmp -s - "$TMP/file.json" && [ -s "$TMP/file.json" ]; then
	ok
else
	ko "a zone from a pipe differs from the same zone from its file"
fi
rm -f "$TMP/demo.pipe"

. "$TOP/tests/cli/bad.sh"
. "$TOP/tests/cli/config.sh"

echo "cli: $pass passed, $fail failed"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
