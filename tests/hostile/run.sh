#!/bin/sh
# run.sh BIN MAXRSS -- hostile input (issue 8): each case runs the binary
# once under tests/hostile/maxrss.c and asserts
#   - the exit status (2 for input that must not load, else 0 or 1),
#   - the message (an extended regex over stderr and stdout),
#   - the peak resident memory (ru_maxrss from wait4) under a stated bound,
#   - and that it ends within its time limit (maxrss kills it after).
# Large inputs are generated once into a scratch directory under /tmp and
# removed at the end.  Prints one line per case with the figures.
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
MAXRSS=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
T=$(mktemp -d /tmp/rda-hostile.XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0

HEAD='$TTL 300
@ SOA ns hostmaster 1 3600 600 86400 300
@ NS ns
ns A 192.0.2.1
'
RHEAD='$TTL 300
@ SOA ns.example.com. hostmaster.example.com. 1 3600 600 86400 300
@ NS ns.example.com.
'

mk() {	# mk FILE TEXT: a zone with a valid head, then TEXT
	printf '%s%s' "$HEAD" "$2" >"$T/$1"
}

# hostile NAME STATUS REGEX MIB SECONDS ARGS...
hostile() {
	name=$1 want=$2 pat=$3 mib=$4 secs=$5
	shift 5
	(cd "$T" && "$MAXRSS" "$T/report" "$secs" "$BIN" "$@" \
	    >"$T/out" 2>"$T/err")
	read -r st kib ms <"$T/report"
	printf '%-26s exit %-3s %7s KiB (bound %4s MiB) %6s ms  ' "$name" \
	    "$st" "$kib" "$mib" "$ms"
	why=""
	if [ "$st" != "$want" ]; then
		why="exit status $st, want $want"
	elif ! grep -Eq -- "$pat" "$T/err" "$T/out"; then
		why="no output matches '$pat'"
	elif [ "$kib" -gt $((mib * 1024)) ]; then
		why="peak memory $kib KiB is over the bound of $mib MiB"
	fi
	if [ -z "$why" ]; then
		echo ok
		pass=$((pass + 1))
	else
		echo "FAIL: $why"
		head -c 600 "$T/err"
		fail=$((fail + 1))
	fi
}

# Many lines of text, quickly: awk writes them.
lines() {	# lines FILE AWK-PROGRAM
	awk "BEGIN { $2 }" >>"$T/$1"
}

# -- the reader: sizes, bytes and line ends ---------------------------------
mk longline.zone 'txt TXT "'
head -c 100000000 /dev/zero | tr '\0' a >>"$T/longline.zone"
printf '"\nwww A 192.0.2.2\n' >>"$T/longline.zone"
hostile line-100MB 2 "longline.zone:5: error: record longer than 512 KiB" \
    16 60 --zone example.com=longline.zone
rm -f "$T/longline.zone"

mk nul.zone ''
printf 'x\0y A 192.0.2.3\n' >>"$T/nul.zone"
hostile nul-bytes 2 "nul.zone:5: error: NUL byte" 16 10 \
    --zone example.com=nul.zone

printf '\357\273\277%s' "$HEAD" >"$T/bom.zone"
hostile utf8-bom 2 "bom.zone:1: error: .*byte order mark" 16 10 \
    --zone example.com=bom.zone

printf '%swww A 192.0.2.2\n' "$HEAD" | sed 's/$/\r/' >"$T/crlf.zone"
hostile crlf-line-ends 0 "1 zone, 4 records" 16 10 --fail-on never \
    --zone example.com=crlf.zone

printf '%swww A 192.0.2.2\n' "$HEAD" | tr '\n' '\r' >"$T/cr.zone"
hostile lone-cr-line-ends 2 "cr.zone:1: error: carriage return without a line feed" \
    16 10 --zone example.com=cr.zone

mk parens.zone 'txt TXT '
lines parens.zone 'for (i = 0; i < 10000; i++) printf "("; printf " \"a\" "
    for (i = 0; i < 10000; i++) printf ")"; printf "\n"'
hostile nested-parens-10000 0 "1 zone, 4 records" 16 10 --fail-on never \
    --zone example.com=parens.zone

mk parens-open.zone 'txt TXT '
lines parens-open.zone 'for (i = 0; i < 10000; i++) printf "("; printf "\n"'
hostile unclosed-parens-10000 2 "parens-open.zone:5: error: end of file inside parentheses" \
    16 10 --zone example.com=parens-open.zone

mk quote.zone 'txt TXT "never closed'
hostile quote-at-eof 2 "quote.zone:5: error: end of file inside a quoted string" \
    16 10 --zone example.com=quote.zone

# -- $INCLUDE ----------------------------------------------------------------
# (the zone file is level 1, so deep14.inc tries to open level 17)
mk inc-zero.zone '$INCLUDE /dev/zero
'
hostile include-dev-zero 2 "inc-zero.zone:5: error: cannot read '/dev/zero': not a regular file" \
    16 10 --zone example.com=inc-zero.zone

mkfifo "$T/fifo"
mk inc-fifo.zone '$INCLUDE fifo
'
hostile include-fifo 2 "inc-fifo.zone:5: error: cannot read 'fifo': not a regular file" \
    16 10 --zone example.com=inc-fifo.zone

mkdir "$T/incdir"
mk inc-dir.zone '$INCLUDE incdir
'
hostile include-directory 2 "inc-dir.zone:5: error: cannot read 'incdir': it is a directory" \
    16 10 --zone example.com=inc-dir.zone

printf '$INCLUDE loop-b.inc\n' >"$T/loop-a.inc"
printf 'x A 192.0.2.9\n$INCLUDE loop-c.inc\n' >"$T/loop-b.inc"
printf '$INCLUDE loop-a.inc\n' >"$T/loop-c.inc"
mk inc-cycle.zone '$INCLUDE loop-a.inc
'
hostile include-cycle-3-files 2 "loop-c.inc:1: error: \\\$INCLUDE loop: 'loop-a.inc'" \
    16 10 --zone example.com=inc-cycle.zone

i=0
while [ $i -lt 20 ]; do
	printf '$INCLUDE deep%d.inc\n' $((i + 1)) >"$T/deep$i.inc"
	i=$((i + 1))
done
: >"$T/deep20.inc"
mk inc-deep.zone '$INCLUDE deep0.inc
'
hostile include-depth-20 2 "deep14.inc:1: error: \\\$INCLUDE nested more than 16 deep" \
    16 10 --zone example.com=inc-deep.zone

# -- $GENERATE -----------------------------------------------------------------
mk gen-huge.zone '$GENERATE 0-4294967295 h$ A 192.0.2.1
'
hostile generate-0-4294967295 2 "gen-huge.zone:5: error: bad \\\$GENERATE: bad range '0-4294967295'" \
    16 10 --zone example.com=gen-huge.zone

mk gen-cap.zone '$GENERATE 0-2147483647 h$ A 192.0.2.1
'
hostile generate-over-cap 2 "gen-cap.zone:5: error: \\\$GENERATE would make 2147483648 records, over the limit of 1000000" \
    16 10 --zone example.com=gen-cap.zone

mk gen-offset.zone '$GENERATE 1-10 h${2147483647} A 192.0.2.1
'
hostile generate-offset-overflow 2 "gen-offset.zone:5: error: bad \\\$GENERATE: lhs 'h\\\$\\{2147483647\\}': offset 2147483647 overflows" \
    16 10 --zone example.com=gen-offset.zone

mk gen-width.zone '$GENERATE 1-10 h${0,4294967295,x} A 192.0.2.1
'
hostile generate-width-overflow 2 "gen-width.zone:5: error: bad \\\$GENERATE: .*width 4294967295 is over 127" \
    16 10 --zone example.com=gen-width.zone

# -- names -------------------------------------------------------------------
l63=$(head -c 63 /dev/zero | tr '\0' a)
mk name256.zone "$l63.$l63.$l63.$l63.example.com. A 192.0.2.9
"
hostile name-256-bytes 2 "name256.zone:5: error: owner name 'a+\\.\\.\\.': the name is longer than 255 bytes" \
    16 10 --zone example.com=name256.zone

mk name256rel.zone "$l63.$l63.$l63.${l63%?????????????} A 192.0.2.9
"
hostile name-256-with-origin 2 "name256rel.zone:5: error: owner name longer than 255 bytes once the origin is appended" \
    16 10 --zone example.com=name256rel.zone

mk target256.zone "x CNAME $l63.$l63.$l63.${l63%?????????????}
"
hostile target-256-with-origin 2 "target256.zone:5: error: name in the rdata longer than 255 bytes once the origin is appended" \
    16 10 --zone example.com=target256.zone

mk label64.zone "${l63}a A 192.0.2.9
"
hostile label-64-bytes 2 "label64.zone:5: error: owner name 'a+\\.\\.\\.': a label is longer than 63 bytes" \
    16 10 --zone example.com=label64.zone

# -- CNAME chains --------------------------------------------------------------
mk cname-loop.zone 'a CNAME b
b CNAME c
c CNAME a
'
hostile cname-loop 1 "cname-loop.zone:5: error: cname-loop: the CNAME chain from a.example.com. comes back to it" \
    16 10 --zone example.com=cname-loop.zone

mk cname-chain.zone ''
lines cname-chain.zone 'for (i = 1; i < 10000; i++) printf "c%d CNAME c%d\n", i, i + 1
    printf "c10000 A 192.0.2.7\n"'
hostile cname-chain-10000 1 "cname-chain.zone:5: error: cname-loop: more than 8 CNAMEs in a row from c1.example.com." \
    32 30 --zone example.com=cname-chain.zone

# -- size: one million records -------------------------------------------------
# Every PTR but one dangles, so the report holds a million findings: the
# bound covers them (about 250 bytes each, message text included).
printf '%s' "$RHEAD" >"$T/ptr1m.zone"
lines ptr1m.zone 'for (i = 1; i <= 1000000; i++)
    printf "10 PTR h%d.example.com.\n", i'
mk ptr1m-fwd.zone 'h1 A 192.0.2.10
'
hostile ptrs-1M-one-address 1 "multiple-ptr: 192.0.2.10 has 1000000 PTR records" \
    512 180 --zone 2.0.192.in-addr.arpa=ptr1m.zone \
    --zone example.com=ptr1m-fwd.zone
rm -f "$T/ptr1m.zone"

mk names1m.zone ''
lines names1m.zone 'for (i = 1; i <= 1000000; i++)
    printf "h%d A 192.0.2.20\n", i'
printf '%s' "$RHEAD" >"$T/names1m-rev.zone"
hostile names-1M-one-parent 1 "missing-ptr: 192.0.2.20 \\(h1.example.com. A\\) has no PTR record" \
    256 180 --zone example.com=names1m.zone \
    --zone 2.0.192.in-addr.arpa=names1m-rev.zone

# One name holds at most 8,388,607 records (core/model.h: a node's record
# count shares a word with its flags); one more is refused, with its line.
mk owner8m.zone ''
lines owner8m.zone 'for (i = 0; i <= 8388607; i++)
    printf "x A 10.%d.%d.%d\n", int(i / 65536), int(i / 256) % 256, i % 256'
hostile records-8M-one-name 2 "owner8m.zone:8388612: error: more than 8388607 records at x.example.com.; stopping here" \
    512 180 --zone example.com=owner8m.zone
rm -f "$T/owner8m.zone"

# -- the configurable limits, on the same zone ---------------------------------
hostile max-records 2 "names1m.zone:[0-9]+: error: zone example.com. has more than 500000 records; stopping here \\(raise the limit with --max-records\\)" \
    128 180 --max-records 500000 --zone example.com=names1m.zone
hostile max-memory 2 "names1m.zone:[0-9]+: error: zone example.com. needs more than 16 MiB of memory; stopping here \\(raise the limit with --max-memory\\)" \
    64 180 --max-memory 16 --zone example.com=names1m.zone
hostile max-records-bad-arg 2 "--max-records takes a number from 1 to" \
    16 10 --max-records 0 --zone example.com=names1m.zone
rm -f "$T/names1m.zone"

# -- the configuration and named.conf ----------------------------------------
mk demo.zone 'www A 192.0.2.2
'
# Billion laughs: nine levels of aliases, each ten times the one before.
{
	printf 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
	i=1
	while [ $i -le 9 ]; do
		p=$((i - 1))
		printf 'a%d: &a%d [*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d]\n' \
		    $i $i $p $p $p $p $p $p $p $p $p $p
		i=$((i + 1))
	done
} >"$T/laughs.yaml"
hostile yaml-billion-laughs 2 "laughs.yaml:2:[0-9]+: error: YAML alias" 16 10 \
    --config laughs.yaml --zone example.com=demo.zone
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; print "" }' \
    >"$T/deep.yaml"
hostile yaml-deep-nesting 2 "deep.yaml:1:[0-9]+: error: .*nest" 32 10 \
    --config deep.yaml --zone example.com=demo.zone
ln -sf /etc/shadow "$T/shadow.key"
printf 'tsig_keys:\n  - {name: k, algorithm: hmac-sha256, secret_file: shadow.key}\n' \
    >"$T/shadow.yaml"
hostile secret-file-etc-shadow 2 "shadow.yaml:2:[0-9]+: error: key secret_file" \
    16 10 --config shadow.yaml --zone example.com=demo.zone
if grep -Eq 'root:|daemon:|\$[0-9y]\$' "$T/err" "$T/out"; then
	echo "FAIL: secret-file-etc-shadow printed /etc/shadow"
	fail=$((fail + 1))
fi
# named.conf: 1,000 files each including the next (depth capped), and a
# file that includes itself.
i=0
while [ $i -lt 1000 ]; do
	printf 'include "nc%d.conf";\n' $((i + 1)) >"$T/nc$i.conf"
	i=$((i + 1))
done
printf 'zone "example.com" { type primary; file "demo.zone"; };\n' \
    >"$T/nc1000.conf"
hostile named-conf-deep-includes 2 "includes nested more than" 16 10 \
    --no-config --named-conf nc0.conf
printf 'include "self.conf";\n' >"$T/self.conf"
hostile named-conf-include-loop 2 "includes itself" 16 10 \
    --no-config --named-conf self.conf

echo "hostile: $pass passed, $fail failed"
[ "$fail" = 0 ]
