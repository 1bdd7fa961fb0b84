#!/bin/sh
# run.sh DIR SECONDS [NAME ...] -- runs each libFuzzer target DIR/fuzz_NAME
# for SECONDS seconds, one after the other, and prints what each did.
#
# Working corpora stay in DIR/corpus/NAME (they grow from run to run);
# crashes are written to DIR/crashes/NAME-crash-<sha1> and make the exit
# status 1.  Every run is appended to DIR/history.tsv, so the total time
# each target has been fuzzed can be summed.  See tests/fuzz/README.md for
# turning a crash into a regression input.
set -u
# The targets move into a scratch directory (common.c): absolute paths.
mkdir -p "$1"
DIR=$(cd "$1" && pwd)
TOP=$(pwd)
SECS=$2
shift 2
NAMES=${*:-$(cd "$DIR" && ls fuzz_* | sed 's/^fuzz_//')}
sh tests/fuzz/seeds.sh "$DIR/seeds" || exit 1
mkdir -p "$DIR/crashes" "$DIR/logs"
bad=0
# ldns leaks that no caller can avoid (see the file).
LSAN_OPTIONS=suppressions=$TOP/tests/fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}
export LSAN_OPTIONS
printf '%-8s %8s %10s %9s %8s  %s\n' target seconds executions "exec/s" \
    corpus result >"$DIR/summary"
for t in $NAMES; do
	bin=$DIR/fuzz_$t
	mkdir -p "$DIR/corpus/$t"
	rm -f "$DIR/crashes/$t-"*
	# The reader reads the same language as the zone target.
	d=$t
	[ "$t" = reader ] && d=zone
	dict=""
	[ -f "tests/fuzz/$d.dict" ] && dict="-dict=$TOP/tests/fuzz/$d.dict"
	case $t in
	reader|zone) maxlen=65536 ;;
	*) maxlen=4096 ;;
	esac
	log=$DIR/logs/$t.log
	start=$(date +%s)
	# shellcheck disable=SC2086
	"$bin" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 \
	    -max_len=$maxlen -print_final_stats=1 \
	    -artifact_prefix="$DIR/crashes/$t-" $dict \
	    "$DIR/corpus/$t" "$DIR/seeds/$t" >"$log" 2>&1
	rc=$?
	secs=$(($(date +%s) - start))
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
	units=$(ls "$DIR/corpus/$t" | wc -l)
	if [ "$rc" = 0 ]; then
		result=ok
	elif ls "$DIR/crashes/$t-"* >/dev/null 2>&1; then
		result="CRASH (exit $rc)"
		bad=1
	else
		result="failed (exit $rc)"
		bad=1
	fi
	printf '%-8s %8s %10s %9s %8s  %s\n' "$t" "$secs" "${execs:-?}" \
	    "${rate:-?}" "$units" "$result" >>"$DIR/summary"
	printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "$secs" \
	    "${execs:-0}" "$result" >>"$DIR/history.tsv"
	if [ "$rc" != 0 ]; then
		echo "== fuzz_$t found a problem; from $log:"
		grep -E 'ERROR|invariant|runtime error|SUMMARY|^    #[0-9] ' \
		    "$log" | head -25
		ls "$DIR/crashes/$t-"* 2>/dev/null
	fi
done
cat "$DIR/summary"
exit $bad
