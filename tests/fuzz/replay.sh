#!/bin/sh
# replay.sh BINDIR DIR... -- replays inputs under valgrind memcheck.
#
# For every DIR/NAME (a corpus or regression directory of target NAME),
# runs BINDIR/fuzz_NAME (the plain build, standalone.c as driver) on all
# its files under valgrind: any memory error or definite leak fails.  This
# is the leak check for ldns objects that LeakSanitizer cannot make (see
# lsan.supp); valgrind.supp names the leaks inside ldns itself.
set -u
BINDIR=$1
shift
fail=0
for dir in "$@"; do
	[ -d "$dir" ] || continue
	for sub in "$dir"/*/; do
		t=$(basename "$sub")
		bin=$BINDIR/fuzz_$t
		[ -x "$bin" ] || continue
		[ -n "$(ls "$sub")" ] || continue
		log=$BINDIR/valgrind-$t.log
		timeout 600 valgrind -q --error-exitcode=99 --leak-check=full \
		    --errors-for-leak-kinds=definite --show-leak-kinds=definite \
		    --suppressions=tests/fuzz/valgrind.supp \
		    "$bin" "$sub" >"$log" 2>&1
		rc=$?
		if [ "$rc" = 0 ]; then
			echo "valgrind: $(tail -1 "$log") (${sub%/}): 0 errors, 0 definite leaks"
		else
			echo "valgrind: $bin on ${sub%/} failed (exit $rc):"
			grep -v '^fuzz' "$log" | head -40
			fail=1
		fi
	done
done
exit $fail
