#!/bin/sh
# run.sh BIN -- integration tests of live data: zone transfers and live
# resolution against a real authoritative server (BIND's named, started
# here on 127.0.0.1/::1 at a free port and stopped at the end), and zone
# transfers against a misbehaving server (badxfr.py) for the faults a real
# server cannot be made to show.  No traffic leaves the loopback.
#
# Every fault must give exit status 2, a message naming the zone, the
# server and the port on stderr, nothing on stdout, no secret anywhere,
# and finish well within its timeout.
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
TOP=$(pwd)
TMP=$(mktemp -d)
L=$TOP/tests/live
pass=0
fail=0
BAD_PID=""

. "$L/named.sh"

cleanup() {
	named_stop
	[ -n "$BAD_PID" ] && kill "$BAD_PID" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 2' INT TERM

ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*"; }

# fault NAME REGEX ARGS...: exit 2, REGEX on stderr, stdout empty, no
# secret of ours in either.
fault() {
	name=$1 pat=$2
	shift 2
	timeout 60 "$BIN" "$@" >"$TMP/f.out" 2>"$TMP/f.err"
	rc=$?
	if [ "$rc" != 2 ]; then
		ko "$name: exit status $rc, want 2"; head -5 "$TMP/f.err"
	elif ! grep -Eq -- "$pat" "$TMP/f.err"; then
		ko "$name: stderr does not match '$pat':"; head -5 "$TMP/f.err"
	elif [ -s "$TMP/f.out" ]; then
		ko "$name: something was printed on stdout"
	elif grep -Fq -e "$SECRET" -e "$WRONG" "$TMP/f.err"; then
		ko "$name: a secret appears in the error message"
	else
		ok
	fi
}

if ! named_start; then
	ko "named: could not start a real server"
	echo "live: $pass passed, $fail failed"
	exit 1
fi
SECRET=$(secret_of "$KEY_FILE")
WRONG=c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0MTI=
S="127.0.0.1 port $PORT"
if have_ipv6; then V6=1; else V6=""; echo "note: no IPv6 loopback; IPv6 cases skipped"; fi

# --- 1. the demo zones by AXFR give the findings of the files ----------
DEMO_ZONES="example.com 2.0.192.in-addr.arpa 100.51.198.in-addr.arpa
64/26.100.51.198.in-addr.arpa 0.1.0.0.8.b.d.0.1.0.0.2.ip6.arpa"
args=""
n=0
for z in $DEMO_ZONES; do
	n=$((n + 1))
	# Half of them over IPv6 when there is IPv6.
	if [ -n "$V6" ] && [ $((n % 2)) = 0 ]; then
		args="$args --axfr $z@[::1]:$PORT"
	else
		args="$args --axfr $z@127.0.0.1:$PORT"
	fi
done
(cd fixtures/demo && "$BIN" --format json *.zone >"$TMP/files.json"; \
    echo $? >"$TMP/files.rc")
# shellcheck disable=SC2086
"$BIN" --format json --tsig-file "$KEY_FILE" $args >"$TMP/axfr.json" \
    2>"$TMP/axfr.err"
echo $? >"$TMP/axfr.rc"
if [ "$(cat "$TMP/axfr.rc")" != "$(cat "$TMP/files.rc")" ]; then
	ko "axfr-demo: exit status $(cat "$TMP/axfr.rc"), from files" \
	    "$(cat "$TMP/files.rc")"; head -5 "$TMP/axfr.err"
elif python3 "$L/findings.py" same "$TMP/files.json" "$TMP/axfr.json"; then
	ok
else
	ko "axfr-demo: findings differ from the audit of the files"
fi
# ... and point at the server and the zone instead of a file and line.
if grep -q "\"file\": \"127.0.0.1:$PORT zone example.com.\", \"line\": null" \
    "$TMP/axfr.json"; then ok; else ko "axfr-demo: findings do not name server and zone"; fi

# ... and the same transfers declared in a YAML configuration, the key
# given as a secret_file, give the same findings (cmd/live.c live_config).
secret_of "$KEY_FILE" >"$TMP/xfr.secret"
chmod 600 "$TMP/xfr.secret"
{
	printf 'tsig_keys:\n  - {name: xfr-key, algorithm: hmac-sha256, '
	printf 'secret_file: %s}\nzones:\n' "$TMP/xfr.secret"
	for z in $DEMO_ZONES; do
		printf '  - {origin: "%s", axfr: {server: 127.0.0.1, ' "$z"
		printf 'port: %s, key: xfr-key}}\n' "$PORT"
	done
} >"$TMP/xfr.yaml"
"$BIN" --format json --config "$TMP/xfr.yaml" >"$TMP/cfg.json" \
    2>"$TMP/cfg.err"
if [ $? != "$(cat "$TMP/files.rc")" ]; then
	ko "axfr-config: exit status differs from the files'"
	head -5 "$TMP/cfg.err"
elif python3 "$L/findings.py" same "$TMP/files.json" "$TMP/cfg.json"; then
	ok
else
	ko "axfr-config: findings differ from the audit of the files"
fi
if grep -Fq "$SECRET" "$TMP/cfg.err" "$TMP/cfg.json"; then
	ko "axfr-config: the secret was printed"
else
	ok
fi

# --- 2. every algorithm ldns 1.8.3 can do, by --tsig --------------------
for k in k512:hmac-sha512 kmd5:hmac-md5 ksha1:hmac-sha1; do
	name=${k%%:*}
	"$BIN" --quiet --fail-on never --tsig "$k:$(secret_of "$NAMED_DIR/$name.key")" \
	    --axfr "example.com@127.0.0.1:$PORT" >"$TMP/a.out" 2>"$TMP/a.err"
	if [ $? = 0 ] && grep -q "dangling-cname" "$TMP/a.out"; then ok
	else ko "tsig-$name: transfer failed:"; head -3 "$TMP/a.err"; fi
done

# --- 3. faults a real server shows ---------------------------------------
fault wrong-secret "AXFR of zone example.com. from $S: NOTAUTH: TSIG key xfr-key rejected, BADSIG" \
    --tsig "xfr-key:hmac-sha256:$WRONG" --axfr "example.com@127.0.0.1:$PORT"
fault unknown-key "AXFR of zone example.com. from $S: NOTAUTH: TSIG key nokey rejected, BADKEY" \
    --tsig "nokey:hmac-sha256:$SECRET" --axfr "example.com@127.0.0.1:$PORT"
fault wrong-algorithm "AXFR of zone example.com. from $S: NOTAUTH: TSIG key xfr-key rejected, BADKEY" \
    --tsig "xfr-key:hmac-sha512:$SECRET" --axfr "example.com@127.0.0.1:$PORT"
fault no-key "AXFR of zone example.com. from $S: REFUSED.*no TSIG key was given" \
    --axfr "example.com@127.0.0.1:$PORT"
fault refused-zone "AXFR of zone closed.example. from $S: REFUSED: the server does not allow this key" \
    --tsig-file "$KEY_FILE" --axfr "closed.example@127.0.0.1:$PORT"
fault unknown-zone "AXFR of zone nosuch.example. from $S: NOTAUTH: the server is not authoritative" \
    --tsig-file "$KEY_FILE" --axfr "nosuch.example@127.0.0.1:$PORT"
[ -n "$V6" ] && fault unknown-zone-v6 "AXFR of zone nosuch.example. from ::1 port $PORT: NOTAUTH" \
    --tsig-file "$KEY_FILE" --axfr "nosuch.example@[::1]:$PORT"
# One zone failing fails the run, even when the others transferred.
fault one-of-two "AXFR of zone nosuch.example. from $S: NOTAUTH" \
    --tsig-file "$KEY_FILE" --axfr "example.com@127.0.0.1:$PORT" \
    --axfr "nosuch.example@127.0.0.1:$PORT"
DEAD=$(free_port)
fault connection-refused "AXFR of zone example.com. from 127.0.0.1 port $DEAD: cannot connect: Connection refused" \
    --axfr "example.com@127.0.0.1:$DEAD"
fault sha384 "TSIG key xfr-key: algorithm hmac-sha384 does not work with ldns 1.8.3" \
    --tsig "xfr-key:hmac-sha384:$SECRET" --axfr "example.com@127.0.0.1:$PORT"
fault sha224 "algorithm hmac-sha224 does not work" \
    --tsig "xfr-key:hmac-sha224:$SECRET" --axfr "example.com@127.0.0.1:$PORT"
fault bad-secret "TSIG key xfr-key: the secret is not base64" \
    --tsig "xfr-key:hmac-sha256:not*base64" --axfr "example.com@127.0.0.1:$PORT"
printf 'key "xfr-key" {\n\talgorithm hmac-sha256;\n\tsecret "%s";\n};\nkey "b" { algorithm hmac-sha1; secret "%s"; };\n' \
    "$SECRET" "$SECRET" >"$TMP/two.key"
fault two-keys-in-file "two.key: more than one key" --tsig-file "$TMP/two.key" \
    --axfr "example.com@127.0.0.1:$PORT"
fault loaded-twice "zone example.com. is loaded twice" --tsig-file "$KEY_FILE" \
    --zone example.com=fixtures/demo/example.com.zone --axfr "example.com@127.0.0.1:$PORT"
fault bad-spec "--axfr takes ORIGIN@SERVER" --axfr example.com
fault bad-server "the server must be an IPv4 or IPv6 address" --axfr example.com@ns1.example.com

# --- 4. faults of a misbehaving server ----------------------------------
bad() {	# bad MODE: start badxfr.py in MODE; sets BPORT
	rm -f "$TMP/bport"
	python3 "$L/badxfr.py" "$1" "$TMP/bport" &
	BAD_PID=$!
	i=0
	while [ ! -s "$TMP/bport" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	BPORT=$(cat "$TMP/bport")
}
bad_done() { kill "$BAD_PID" 2>/dev/null; wait "$BAD_PID" 2>/dev/null; BAD_PID=""; }

badcase() {	# badcase MODE REGEX ARGS...
	mode=$1 pat=$2
	shift 2
	bad "$mode"
	fault "bad-$mode" "AXFR of zone example.com. from 127.0.0.1 port $BPORT: $pat" \
	    "$@" --axfr "example.com@127.0.0.1:$BPORT"
	bad_done
}
badcase cutoff "the transfer was cut off after 2 records"
badcase endless "more than 1000 records \(--axfr-max-records\)" --axfr-max-records 1000
badcase endless "not finished after 1 s \(--axfr-timeout\)" --axfr-timeout 1
badcase slow "not finished after 1 s" --axfr-timeout 1
badcase silent "not finished after 1 s|no answer within" --axfr-timeout 1
badcase wrongserial "the transfer began with serial 7 and ended with serial 8"
badcase notsoa "the first record is a.example.com. A, not the zone's SOA"
badcase outofzone "record 3, www.example.net. A, is outside the zone"
badcase wrongzone "the server sent zone example.net. instead"
badcase wrongq "the answer is for another question \(example.net.\)"
badcase badtime "NOTAUTH: TSIG key xfr-key rejected, BADTIME" --tsig-file "$KEY_FILE"
# ldns accepts unsigned replies to a signed request; rdnsaudit does not.
badcase ok "the reply is not signed.*TSIG key xfr-key" --tsig-file "$KEY_FILE"
# The same server, unsigned, is fine: the fault above is the signature.
bad ok
if "$BIN" --quiet --fail-on never --axfr "example.com@127.0.0.1:$BPORT" \
    >"$TMP/o.out" 2>"$TMP/o.err" && [ "$(grep -c unverified "$TMP/o.out")" = 3 ]; then
	ok
else
	ko "bad-ok-unsigned: the well-behaved transfer failed:"; head -3 "$TMP/o.err"
fi
bad_done
# The deadline holds even when the server never answers.
bad silent
start=$(date +%s)
timeout 60 "$BIN" --axfr-timeout 2 --axfr "example.com@127.0.0.1:$BPORT" \
    >/dev/null 2>&1
took=$(($(date +%s) - start))
if [ "$took" -le 4 ]; then ok; else ko "deadline: a silent server held rdnsaudit for $took s"; fi
bad_done

# --- 5. --resolve: unverified offline, real verdicts live ---------------
cd "$L/audit"
"$BIN" --format json *.zone >"$TMP/off.json" 2>/dev/null
python3 "$L/findings.py" list "$TMP/off.json" >"$TMP/off.txt"
if [ "$(grep -vc '^unverified ' "$TMP/off.txt")" = 0 ] &&
    [ "$(wc -l <"$TMP/off.txt")" = 13 ]; then ok
else ko "resolve-offline: want 13 unverified findings:"; cat "$TMP/off.txt"; fi
cat >"$TMP/want.txt" <<'EOF'
dangling-ptr 192.0.2.2 gone.example.net.
dangling-ptr 192.0.2.5 v6only.example.net.
dangling-ptr 203.0.113.11 old-www.example.org.
missing-ptr 203.0.113.12 app.example.org.
ptr-mismatch 192.0.2.3 other.example.net.
ptr-mismatch 203.0.113.13 host.example.net.
ptr-to-cname 192.0.2.4 alias.example.net.
resolve-failed 192.0.2.6 host.unserved.test.
resolve-failed 198.18.0.5 lab.example.org.
EOF
for srv in "127.0.0.1:$PORT" ${V6:+"[::1]:$PORT"}; do
	"$BIN" --format json --resolve --resolver "$srv" *.zone \
	    >"$TMP/live.json" 2>"$TMP/live.err"
	python3 "$L/findings.py" list "$TMP/live.json" >"$TMP/live.txt"
	if diff -u "$TMP/want.txt" "$TMP/live.txt" >"$TMP/d"; then ok
	else ko "resolve via $srv: findings differ:"; cat "$TMP/d"; cat "$TMP/live.err"; fi
done
# A resolver that never answers: every look-up fails, in bounded time,
# and nothing is taken for "does not exist".
python3 -c '
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
end = time.time() + 20
s.settimeout(1)
while time.time() < end:
    try: s.recvfrom(4096)
    except socket.timeout: pass
' "$TMP/uport" &
HOLE=$!
while [ ! -s "$TMP/uport" ]; do sleep 0.05; done
start=$(date +%s)
"$BIN" --format json --resolve --resolver "127.0.0.1:$(cat "$TMP/uport")" \
    --resolve-timeout 0.3 --resolve-tries 2 *.zone >"$TMP/hole.json" 2>/dev/null
took=$(($(date +%s) - start))
kill "$HOLE" 2>/dev/null
python3 "$L/findings.py" list "$TMP/hole.json" >"$TMP/hole.txt"
if [ "$(grep -vc '^resolve-failed ' "$TMP/hole.txt")" = 0 ] &&
    [ "$(wc -l <"$TMP/hole.txt")" = 13 ] &&
    grep -q "timed out" "$TMP/hole.json" && [ "$took" -le 5 ]; then ok
else ko "resolve-timeout: want 13 resolve-failed (timed out) within 5 s, took $took s:"
	head -20 "$TMP/hole.txt"; fi
fault bad-resolver "--resolver takes an IPv4 or IPv6 address" --resolve --resolver nowhere *.zone
cd "$TOP"

named_stop
echo "live: $pass passed, $fail failed"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
