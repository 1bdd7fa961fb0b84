#!/bin/sh
# run.sh BIN -- rdnsaudit's SARIF output against the SARIF 2.1.0 schema.
#
# Writes SARIF for the demo, for every fixture with findings of every
# check, for findings located in a configuration file (with columns), for
# an empty report and for a path that needs percent-encoding, and validates
# each with validate.js (ajv + the SARIF SDK's validator).  A broken copy
# must be rejected, so a validator that accepts anything fails the test.
# Needs `make deps` (node_modules here).
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail=0

if [ ! -d "$HERE/node_modules/ajv" ]; then
	echo "FAIL: tests/sarif/node_modules is missing: run make deps"
	echo "sarif: 0 passed, 1 failed"
	exit 1
fi

n=0
for d in "$TOP"/fixtures/*/; do
	[ -f "$d/EXPECT" ] || continue
	if [ -f "$d/ARGS" ]; then args=$(cat "$d/ARGS"); else
		args=$(cd "$d" && ls *.zone | tr '\n' ' '); fi
	n=$((n + 1))
	# shellcheck disable=SC2086
	(cd "$d" && "$BIN" --no-config --format sarif $args \
	    >"$TMP/fixture-$n.sarif" 2>/dev/null)
done

# Findings in a configuration (ignore-unmatched, with a column), a file
# name with a space and a non-ASCII byte, and an empty report.
mkdir -p "$TMP/cfg/zone dir"
cp "$TOP/fixtures/demo/example.com.zone" "$TMP/cfg/zone dir/exämple.zone"
cat >"$TMP/cfg/rdnsaudit.yaml" <<'YAML'
zones:
  - origin: example.com
    file: "zone dir/exämple.zone"
ignore:
  - {check: multiple-ptr, address: 203.0.113.9, reason: "never matches"}
YAML
(cd "$TMP/cfg" && "$BIN" --format sarif >"$TMP/config.sarif" 2>/dev/null)
(cd "$TOP/fixtures/missing-ptr-ok" && "$BIN" --no-config --format sarif \
    *.zone >"$TMP/empty.sarif" 2>/dev/null)

# A copy that breaks the schema: an unknown level.
sed 's/"level": "warning"/"level": "fatal"/' "$TMP/fixture-1.sarif" \
    >"$TMP/broken.sarif"
if grep -q fatal "$TMP/broken.sarif" && node "$HERE/validate.js" \
    "$TMP/broken.sarif" >"$TMP/broken.out" 2>&1; then
	echo "FAIL: the validator accepted a SARIF file with level 'fatal'"
	fail=1
fi

node "$HERE/validate.js" "$TMP"/fixture-*.sarif "$TMP/config.sarif" \
    "$TMP/empty.sarif" || fail=1
grep -q '"startColumn": 5' "$TMP/config.sarif" ||
    { echo "FAIL: config.sarif has no startColumn 5"; fail=1; }
grep -q 'zone%20dir/ex%C3%A4mple.zone' "$TMP/config.sarif" ||
    { echo "FAIL: the file name is not percent-encoded"; fail=1; }
exit $fail
