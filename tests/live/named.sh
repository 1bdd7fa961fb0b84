# named.sh -- start and stop a real authoritative server (BIND's named)
# for the live tests, on 127.0.0.1 and ::1 at a free port, with its own
# configuration in a temporary directory.  Sourced; uses TMP and TOP.
#
# It serves the demo zones (fixtures/demo) and the zones of
# tests/live/served (an ISP's reverse zone and another organisation's
# domain) to anyone for queries; transfers need one of the TSIG keys made
# here with tsig-keygen.  closed.example. refuses every transfer.
# Recursion is off: names outside these zones are REFUSED.

NAMED_DIR=$TMP/named

free_port() {	# a TCP+UDP port free on 127.0.0.1 (and ::1 when there is one)
	python3 - <<'EOF'
import socket
for _ in range(50):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    try:
        for fam, host, kind in ((socket.AF_INET, "127.0.0.1", socket.SOCK_DGRAM),
                                (socket.AF_INET6, "::1", socket.SOCK_STREAM),
                                (socket.AF_INET6, "::1", socket.SOCK_DGRAM)):
            try:
                t = socket.socket(fam, kind)
            except OSError:
                continue
            t.bind((host, port))
            t.close()
    except OSError:
        s.close()
        continue
    s.close()
    print(port)
    break
EOF
}

have_ipv6() {
	python3 -c 'import socket; s = socket.socket(socket.AF_INET6); s.bind(("::1", 0))' \
	    2>/dev/null
}

secret_of() {	# secret_of KEYFILE
	sed -n 's/.*secret "\(.*\)".*/\1/p' "$1"
}

named_start() {
	NAMED=$(command -v named || echo /usr/sbin/named)
	if [ ! -x "$NAMED" ] || ! command -v tsig-keygen >/dev/null; then
		echo "named or tsig-keygen missing: run make deps (Debian bind9)"
		return 1
	fi
	mkdir -p "$NAMED_DIR"
	cp "$TOP"/fixtures/demo/*.zone "$TOP"/tests/live/served/*.zone \
	    "$NAMED_DIR"/
	# More zones to serve, named after their origin (the benchmark).
	if [ -n "${NAMED_EXTRA:-}" ]; then
		cp "$NAMED_EXTRA"/*.zone "$NAMED_DIR"/
	fi
	printf '$TTL 300\n@ SOA ns. host. 1 2 3 4 5\n@ NS ns.\n' \
	    >"$NAMED_DIR/closed.example.zone"
	for k in xfr-key:hmac-sha256 k512:hmac-sha512 kmd5:hmac-md5 \
	    ksha1:hmac-sha1; do
		tsig-keygen -a "${k#*:}" "${k%%:*}" >"$NAMED_DIR/${k%%:*}.key"
	done
	PORT=$(free_port)
	V6=""
	if have_ipv6; then
		V6="listen-on-v6 port $PORT { ::1; };"
	else
		V6="listen-on-v6 { none; };"
	fi
	{
		for k in xfr-key k512 kmd5 ksha1; do
			echo "include \"$NAMED_DIR/$k.key\";"
		done
		cat <<EOF
options {
	directory "$NAMED_DIR";
	pid-file "$NAMED_DIR/named.pid";
	session-keyfile "$NAMED_DIR/session.key";
	managed-keys-directory "$NAMED_DIR";
	listen-on port $PORT { 127.0.0.1; };
	$V6
	recursion no;
	dnssec-validation no;
	notify no;
	allow-transfer { key xfr-key; key k512; key kmd5; key ksha1; };
};
controls { };
zone "closed.example" { type primary; file "closed.example.zone";
	allow-transfer { none; }; };
EOF
		for f in "$NAMED_DIR"/*.zone; do
			b=$(basename "$f" .zone)
			[ "$b" = closed.example ] && continue
			# RFC 2317: '/' cannot be in a file name; '-' stands in.
			case $b in 64-26.*) z=$(echo "$b" | sed 's|^64-26|64/26|');;
			*) z=$b;; esac
			echo "zone \"$z\" { type primary; file \"$b.zone\"; };"
		done
	} >"$NAMED_DIR/named.conf"
	"$NAMED" -g -c "$NAMED_DIR/named.conf" >"$NAMED_DIR/log" 2>&1 &
	NAMED_PID=$!
	# Ready when it says so (a few seconds at most).
	i=0
	while ! grep -q "running$" "$NAMED_DIR/log" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 200 ] || ! kill -0 "$NAMED_PID" 2>/dev/null; then
			echo "named did not start:"; tail -20 "$NAMED_DIR/log"
			return 1
		fi
		sleep 0.05
	done
	KEY_FILE=$NAMED_DIR/xfr-key.key
	return 0
}

named_stop() {
	if [ -n "${NAMED_PID:-}" ]; then
		kill "$NAMED_PID" 2>/dev/null
		wait "$NAMED_PID" 2>/dev/null
		NAMED_PID=""
	fi
}
