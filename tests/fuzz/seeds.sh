#!/bin/sh
# seeds.sh OUT -- builds the seed corpus of every fuzz target under OUT/NAME/.
#
#   reader  every zone file of fixtures/ and of ../shared/corpus (up to 64 KiB)
#   zone    one input per fixture directory (all its zones, "#zone ORIGIN"
#           sections as fuzz_zone.c reads them) and one per corpus zone,
#           with the origin checks.tsv gives it
#   gen     the $GENERATE lines found there, and hand-written cases
#   names   wire names and address texts
# plus tests/fuzz/regress/NAME/ (past crashes are the best seeds).  The
# shared corpus is optional: without it this says so and goes on.
set -eu
OUT=$1
CORPUS=${RDA_CORPUS:-../shared/corpus}
MAXSEED=65536
rm -rf "$OUT"
mkdir -p "$OUT/reader" "$OUT/zone" "$OUT/gen" "$OUT/names"

# A file name for a seed from its path.
# (never ending in .d: the Makefile includes every build/**/*.d)
flat() { printf '%s.seed' "$1" | tr '/ ' '__'; }

for f in fixtures/*/*.zone; do
	cp "$f" "$OUT/reader/$(flat "$f")"
done
for d in fixtures/*/; do
	d=${d%/}
	out="$OUT/zone/$(flat "$d")"
	: >"$out"
	if [ -f "$d/ARGS" ]; then
		# "--zone ORIGIN=FILE" pairs and bare FILEs, one per line;
		# other options (--network ...) and their values are skipped.
		prev=""
		while read -r a; do
			case $prev:$a in
			--zone:*=*) o=${a%%=*}; z=${a#*=} ;;
			*:-*|--*:*) prev=$a; continue ;;
			*) z=$a; o=${a%.zone}. ;;
			esac
			prev=$a
			[ -f "$d/$z" ] || continue
			printf '#zone %s\n' "$o" >>"$out"
			cat "$d/$z" >>"$out"
		done <"$d/ARGS"
	else
		for z in "$d"/*.zone; do
			[ -f "$z" ] || continue
			o=$(basename "$z" .zone).
			printf '#zone %s\n' "$o" >>"$out"
			cat "$z" >>"$out"
		done
	fi
done

if [ -f "$CORPUS/checks.tsv" ]; then
	n=0
	# set path kind origin ...: zones only, and small enough to be quick.
	tail -n +2 "$CORPUS/checks.tsv" | cut -f2-4 |
	while IFS="$(printf '\t')" read -r path kind origin; do
		f=$CORPUS/$path
		[ "$kind" = zone ] && [ -f "$f" ] || continue
		[ "$(wc -c <"$f")" -le $MAXSEED ] || continue
		cp "$f" "$OUT/reader/corpus_$(flat "$path")"
		{ printf '#zone %s\n' "$origin"; cat "$f"; } \
		    >"$OUT/zone/corpus_$(flat "$path")"
	done
	grep -rhai '^\$GENERATE' "$CORPUS" fixtures 2>/dev/null |
	    sed 's/^\$[Gg][Ee][Nn][Ee][Rr][Aa][Tt][Ee][ 	]*//' | sort -u |
	    head -500 | while IFS= read -r line; do
		n=$((n + 1))
		printf '%s\n' "$line" >"$OUT/gen/corpus_$(printf '%s' "$line" |
		    cksum | cut -d' ' -f1)"
	done
	echo "seeds: fixtures and $CORPUS"
else
	echo "SKIP: shared corpus not found at $CORPUS: seeds from fixtures/ only"
fi

# $GENERATE: every feature of gen.h once; a second line picks values.
i=0
while IFS= read -r line; do
	i=$((i + 1))
	printf '%s\n\001\002\003\004\100' "$line" >"$OUT/gen/hand_$i"
done <<'GEN'
1-10 host$ A 192.0.2.$
0-255/4 ${0,3,d}.net CNAME $.0/26.2.0.192.in-addr.arpa.
1-3 h${-1,4,x} 300 IN AAAA 2001:db8::${0,0,X}
0-15 ${0,1,n}.8.b.d.0.1.0.0.2.ip6.arpa. PTR host${10,2,N}.example.com.
1-2 $$a${2,} TXT "text with $ and \" quote"
5-1 x A 192.0.2.1
0-4294967295 x A 192.0.2.1
1-2147483647 a${2147483647} A 192.0.2.1
1-3 a${0,4294967296,o} IN 1h2m TYPE65534 \# 0
1-3 ( a$ ) CH A 192.0.2.1 ; comment
GEN

# Wire names (length-prefixed labels) and address texts.
pn() { printf "$2" >"$OUT/names/$1"; }
pn www '\003www\007example\003com\000'
pn root '\000'
pn v4 '\00210\0012\0010\003192\007in-addr\004arpa\000'
pn v4prefix '\0012\0010\003192\007in-addr\004arpa\000'
pn v4cls '\006128/25\0012\0010\003192\007in-addr\004arpa\000'
pn v6 '\0011\0010\0010\0010\0010\0010\0010\0010\0010\0010\0010\0010\0010\0010\0010\0010\0010\0010\0010\0010\0010\0010\0010\0018\001b\001d\0010\0011\0010\0010\0012\0010\003ip6\004arpa\000'
pn two '\001a\007EXAMPLE\000\007example\000'
pn escapes '\004a.b\\\003\000\001x\000'
pn text4 '192.0.2.1'
pn text6 '2001:db8::1'
pn mapped '::ffff:192.0.2.1'

# fast: the fast-path target's own hand-written seeds (tests/fuzz/seeds/).
mkdir -p "$OUT/fast"
cp tests/fuzz/seeds/* "$OUT/fast/"

# config: the example configuration and every snippet of the configuration
# tests; namedconf: the named.conf fixtures and some hand-written ones.
mkdir -p "$OUT/config" "$OUT/namedconf"
cp fixtures/config/rdnsaudit.yaml "$OUT/config/example.yaml"
printf 'zones:\n  - {origin: a.example, axfr: {server: "::1", port: 53, key: k}}\ntsig_keys:\n  - {name: k, algorithm: hmac-sha256, secret: c2VjcmV0}\n' \
    >"$OUT/config/axfr.yaml"
printf 'ignore:\n  - {check: missing-ptr, address: 192.0.2.0/24, reason: x, until: 2030-01-01}\nchecks: {unverified: off}\nfail_on: error\n' \
    >"$OUT/config/ignore.yaml"
printf 'a: &x [1, 2]\nb: *x\n' >"$OUT/config/alias.yaml"
find fixtures/named-conf -type f | while read -r f; do
	cp "$f" "$OUT/namedconf/$(flat "$f")"
done
printf 'options { directory "/tmp"; };\n// c\n# c\n/* c */ zone "example.com" { type primary; file "db.example"; };\ninclude "named.conf";\n' \
    >"$OUT/namedconf/hand"

# axfr: whole and broken transfers of example.com. as TCP streams.
python3 tests/fuzz/axfr_seeds.py "$OUT/axfr" || exit 1

for t in reader zone gen names fast config namedconf axfr; do
	if [ -d "tests/fuzz/regress/$t" ]; then
		cp tests/fuzz/regress/"$t"/* "$OUT/$t/" 2>/dev/null || true
	fi
	echo "seeds: $t: $(ls "$OUT/$t" | wc -l) files"
done
