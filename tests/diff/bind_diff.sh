#!/bin/sh
# bind_diff.sh -- differential test of rdnsaudit's zone loader against BIND.
#
#   tests/diff/bind_diff.sh [BIN]          (BIN defaults to build/rdnsaudit)
#
# For every zone file of the shared corpus (../shared/corpus, or
# $RDA_CORPUS) listed as kind=zone in checks.tsv, every fixtures/*/*.zone
# and every tests/diff/cases/*.zone (reproducers of differences this test
# found), named-checkzone and rdnsaudit load the same file from the same
# working directory.  When BIND accepts, both record sets are put
# through `rdnsaudit --dump` (BIND's -D output and the original file), sorted
# and compared, so the comparison tests our reader, directives, $INCLUDE,
# $GENERATE, TTL rules, relative names and out-of-zone handling, with ldns
# as the rdata parser on both sides.  When BIND rejects, rdnsaudit must exit
# 2.  Deliberate differences are listed in expected-differences.tsv; see the
# comment at its top.  The work is in bind_diff.py (Python 3 stdlib only).
#
# Environment: RDA_CORPUS (corpus directory), RDA_JOBS (parallel jobs,
# default 2), RDA_TIMEOUT (seconds per program run, default 60),
# BIND_DIFF_ONLY (a substring: only zones whose path contains it),
# BIND_DIFF_KEEP (a directory: keep every output there), BIND_DIFF_VERBOSE
# (non-empty: show the details of bug-pending differences too).
#
# Output: one UNEXPECTED block per difference not in the list, a loud list
# of bug-pending ones, notes on list entries that no longer differ, then
#   bind-diff: N zones agreed (R records), B rejected by both, E expected
#   differences (P bug-pending), U unexpected
#   N passed, M failed
# Exit status 1 on any unexpected difference (timeouts and crashes always
# are), 2 when the tools are missing.
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${1:-$root/build/rdnsaudit}

case $bin in
/*) ;;
*) bin=$(pwd)/$bin ;;
esac
if [ ! -x "$bin" ]; then
	echo "bind-diff: FAIL: $bin not found or not executable (run make)" >&2
	exit 2
fi
if ! command -v named-checkzone >/dev/null 2>&1; then
	echo "bind-diff: FAIL: named-checkzone not found; install bind9-utils" \
	    "(make deps does)" >&2
	exit 2
fi
if ! command -v python3 >/dev/null 2>&1; then
	echo "bind-diff: FAIL: python3 not found" >&2
	exit 2
fi

exec python3 "$here/bind_diff.py" --bin "$bin" --root "$root" \
    --expected "$here/expected-differences.tsv"
