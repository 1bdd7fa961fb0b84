# bad.sh -- bad input: each case must exit 2, name the file and the first
# line of the offending record, print no verdict on stdout, and finish
# within the timeout.  Sourced by run.sh (uses BIN, TMP, ok, ko).

B=$TMP/bad
mkdir -p "$B"
HEAD='$TTL 300
@ SOA ns hostmaster 1 3600 600 86400 300
@ NS ns
ns A 192.0.2.1
'

mk() {	# mk FILE TEXT: a zone with a valid head, then TEXT
	printf '%s%s' "$HEAD" "$2" >"$B/$1"
}

bad() {	# bad NAME REGEX ARGS...: expect exit 2 and REGEX on stderr
	name=$1 pat=$2
	shift 2
	(cd "$B" && timeout 30 "$BIN" "$@" >"$TMP/b.out" 2>"$TMP/b.err")
	rc=$?
	if [ "$rc" != 2 ]; then
		ko "bad/$name: exit status $rc, want 2"; head -5 "$TMP/b.err"
	elif ! grep -Eq -- "$pat" "$TMP/b.err"; then
		ko "bad/$name: stderr does not match '$pat':"
		head -5 "$TMP/b.err"
	elif [ -s "$TMP/b.out" ]; then
		ko "bad/$name: something was printed on stdout"
	else
		ok
	fi
}

mk unknown-directive.zone '$FOO bar
'
bad unknown-directive "unknown-directive.zone:5: error: unknown directive '\\\$FOO'" \
    --zone example.com=unknown-directive.zone

mk bad-ttl-text.zone '$TTL 1x
www A 192.0.2.2
'
bad bad-ttl-dollar "bad-ttl-text.zone:5: error: bad \\\$TTL '1x'" \
    --zone example.com=bad-ttl-text.zone

mk bad-ttl-record.zone 'www 1h30 A 192.0.2.2
'
bad bad-ttl-record "bad-ttl-record.zone:5: error: bad TTL '1h30'" \
    --zone example.com=bad-ttl-record.zone

mk ttl-overflow.zone 'www 99999999999 A 192.0.2.2
'
bad ttl-overflow "ttl-overflow.zone:5: error: bad TTL" \
    --zone example.com=ttl-overflow.zone

mk paren-eof.zone 'www A 192.0.2.2
txt TXT ( "a"
  "b"
'
bad unbalanced-paren "paren-eof.zone:6: error: end of file inside parentheses.*opened on line 6" \
    --zone example.com=paren-eof.zone

mk close-paren.zone 'www A 192.0.2.2 )
'
bad stray-close-paren "close-paren.zone:5: error: '\\)' without a matching" \
    --zone example.com=close-paren.zone

mk quote-eof.zone 'txt TXT "never closed
'
bad unbalanced-quote "quote-eof.zone:5: error: unbalanced quotes" \
    --zone example.com=quote-eof.zone

printf '$ORIGIN sub\n%s' "$HEAD" >"$B/relorigin"
bad relative-origin "relorigin:1: relative \\\$ORIGIN 'sub' with no origin" \
    relorigin

# A pipe is read once: its origin cannot be read from it first.  (No
# writer: rdnsaudit must refuse without opening it.)
mkfifo "$B/pipe.zone"
bad pipe-no-origin "pipe.zone: error: cannot tell the zone's origin: this is not a regular file, so it can be read only once; name the origin with --zone ORIGIN=pipe.zone" \
    pipe.zone
rm -f "$B/pipe.zone"

mk inc-missing.zone '$INCLUDE no-such-file.inc
'
bad include-missing "inc-missing.zone:5: error: cannot open \\\$INCLUDE file 'no-such-file.inc': tried 'no-such-file.inc'.*and '.*/no-such-file.inc'" \
    --zone "example.com=$B/inc-missing.zone"

mkdir -p "$B/incdir"
mk inc-dir.zone '$INCLUDE incdir
'
bad include-directory "inc-dir.zone:5: error: cannot read 'incdir': it is a directory" \
    --zone example.com=inc-dir.zone

mk inc-self.zone '$INCLUDE inc-self.zone
'
bad include-self "inc-self.zone:5: error: \\\$INCLUDE loop" \
    --zone example.com=inc-self.zone

printf '$INCLUDE loop-b.inc\n' >"$B/loop-a.inc"
printf 'x A 192.0.2.9\n$INCLUDE loop-c.inc\n' >"$B/loop-b.inc"
printf '$INCLUDE loop-a.inc\n' >"$B/loop-c.inc"
mk inc-cycle.zone '$INCLUDE loop-a.inc
'
bad include-cycle "loop-c.inc:1: error: \\\$INCLUDE loop: 'loop-a.inc'" \
    --zone example.com=inc-cycle.zone

mk gen-range.zone '$GENERATE 10-1 host$ A 192.0.2.$
'
bad generate-bad-range "gen-range.zone:5: error: bad \\\$GENERATE" \
    --zone example.com=gen-range.zone

mk gen-mod.zone '$GENERATE 1-3 host${0,3,q} A 192.0.2.$
'
bad generate-bad-modifier "gen-mod.zone:5: error: bad \\\$GENERATE" \
    --zone example.com=gen-mod.zone

mk gen-big.zone '$GENERATE 0-4294967295 host$ A 192.0.2.1
'
bad generate-oversize "gen-big.zone:5: error: .*GENERATE" \
    --zone example.com=gen-big.zone

mk gen-2m.zone '$GENERATE 0-2000000 host$ A 192.0.2.1
'
bad generate-over-cap "gen-2m.zone:5: error: \\\$GENERATE would make 2000001 records, over the limit of 1000000" \
    --zone example.com=gen-2m.zone

mk longline.zone "txt TXT \"$(head -c 1100000 /dev/zero | tr '\0' a)\"
"
bad one-megabyte-line "longline.zone:5: error: record longer than 512 KiB" \
    --zone example.com=longline.zone

mk nul.zone 'www A 192.0.2.2
'
printf 'x\0y A 192.0.2.3\n' >>"$B/nul.zone"
bad nul-bytes "nul.zone:6: error: NUL byte" --zone example.com=nul.zone

printf '\357\273\277%s' "$HEAD" >"$B/bom.zone"
bad utf8-bom "bom.zone:1: error: .*byte order mark" --zone example.com=bom.zone

cat >"$B/notazone.zone" <<'NZ'
# rdnsaudit
This is a README, not a zone file.
NZ
bad not-a-zone "notazone.zone:1: error: " --zone example.com=notazone.zone

bad missing-file "nosuchfile.zone: error: cannot open 'nosuchfile.zone': No such file" \
    --zone example.com=nosuchfile.zone

bad directory-as-zone "incdir: error: cannot read 'incdir': it is a directory" \
    --zone example.com=incdir

mk unreadable.zone ''
chmod 000 "$B/unreadable.zone"
if [ "$(id -u)" = 0 ]; then
	# root reads any file: run this one case as nobody.
	if command -v setpriv >/dev/null 2>&1; then
		chmod 755 "$B" "$TMP"
		(cd "$B" && setpriv --reuid=65534 --regid=65534 --clear-groups \
		    timeout 30 "$BIN" --zone example.com=unreadable.zone \
		    >/dev/null 2>"$TMP/b.err")
		rc=$?
		if [ "$rc" = 2 ] && grep -q "unreadable.zone: error: cannot open 'unreadable.zone': Permission denied" "$TMP/b.err"; then
			ok
		else
			ko "bad/unreadable: exit $rc"; cat "$TMP/b.err"
		fi
	else
		echo "SKIP: bad/unreadable (root and no setpriv)"
	fi
else
	bad unreadable "unreadable.zone: error: cannot open 'unreadable.zone': Permission denied" \
	    --zone example.com=unreadable.zone
fi

mk type0.zone 'x TYPE0 \# 0
'
bad type-zero "type0.zone:5: error: record type 0 is reserved" \
    --zone example.com=type0.zone

mk unknown-type.zone 'x NOSUCHTYPE
'
bad unknown-type "unknown-type.zone:5: error: unknown record type 'NOSUCHTYPE'" \
    --zone example.com=unknown-type.zone

# Quoted input is printed with its control bytes escaped: a raw escape
# sequence would reach the terminal, a newline would forge a line.
mk escape.zone "$(printf 'x FOO\033[2J 1\n$INCLUDE "a\033b"\n')
"
bad escaped-type "escape.zone:5: error: unknown record type 'FOO\\\\x1b\\[2J'" \
    --zone example.com=escape.zone
if grep -q "$(printf '\033')" "$TMP/b.err"; then
	ko "bad/escaped-type: a raw ESC byte on stderr"; else ok; fi
if grep -Eq "escape.zone:6: error: cannot open .*'a\\\\x1bb'" "$TMP/b.err"; then
	ok; else ko "bad/escaped-include: $(cat "$TMP/b.err")"; fi

mk class.zone 'x CH A 192.0.2.5
'
bad wrong-class "class.zone:5: error: class 'CH' in a zone of class IN" \
    --zone example.com=class.zone

mk two-soa.zone '@ SOA ns hostmaster 2 3600 600 86400 300
'
bad second-soa "two-soa.zone:5: error: second SOA record \\(the first is at two-soa.zone:2\\)" \
    --zone example.com=two-soa.zone

printf '$TTL 300\nwww A 192.0.2.2\n' >"$B/nosoa.zone"
bad no-soa "nosoa.zone: error: no SOA record at the zone apex" \
    --zone example.com=nosoa.zone

mk many.zone 'a A 192.0.2.300
b A 192.0.2.301
c 1h30 A 192.0.2.2
'
bad keeps-going "many.zone:7: error: bad TTL" --zone example.com=many.zone
if ! grep -q "many.zone:5: error" "$TMP/b.err" ||
    ! grep -q "many.zone:6: error" "$TMP/b.err"; then
	ko "bad/keeps-going: not every error was reported"; cat "$TMP/b.err"
else
	ok
fi

bad usage-no-zones "no zones to audit"
bad usage-bad-format "unknown --format 'xml'" --format xml x.zone
bad usage-bad-fail-on "--fail-on takes" --fail-on sometimes x.zone
bad usage-bad-zone-arg "--zone takes ORIGIN=FILE" --zone example.com

# policy options given on the command line (cmd/cliopt.c)
mk policy.zone ''
bad network-no-holder "--network takes PREFIX=self\|isp" \
    --zone example.com=policy.zone --network 192.0.2.0/24
bad network-holder "the holder is self or isp" \
    --zone example.com=policy.zone --network 192.0.2.0/24=them:x
bad network-host-bits "bits set past the prefix length" \
    --zone example.com=policy.zone --network 192.0.2.1/24=isp
bad network-len "--network takes PREFIX" \
    --zone example.com=policy.zone --network 192.0.2.0/33=isp
bad generic-word "--generic-word takes letters" \
    --zone example.com=policy.zone --generic-word 'a b'
bad format "unknown --format 'fix'" --zone example.com=policy.zone --format fix
mk out.zone 'www A 192.0.2.2
'
bad output-unwritable "no-such-dir/r.html: No such file or directory" \
    --format html --output no-such-dir/r.html --zone example.com=out.zone
