/* test_names.c -- unit tests for core/names.c.
 *
 * ldns is the oracle wherever it has an answer: ldns_dname_compare() for
 * canonical order, ldns_dname_is_subdomain() for "below",
 * ldns_rdf_address_reverse() for reverse names and ldns_rdf2str() for
 * presentation text.  RFC 5952 has no oracle on this machine that follows
 * it exactly, so its examples are a table and glibc's inet_ntop() is checked
 * only where it agrees with the RFC.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "core/err.h"
#include "core/names.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Deterministic, so a failure reproduces; xorshift32. */
static uint32_t rng_state = 2463534242u;

static uint32_t
rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

static ldns_rdf *
dname(const char *s)
{
	ldns_rdf *r = ldns_dname_new_frm_str(s);

	if (r == NULL)
		fail_msg("ldns cannot parse the test name \"%s\"", s);
	return r;
}

static int
sign(int v)
{
	return (v > 0) - (v < 0);
}

/* Names chosen to catch every way a key can go wrong: case, labels that are
 * prefixes of one another, a label byte 0x00 against the separator, bytes
 * around the 'A'-'Z' gap the key uses ('@', '[', '_', '`'), 0x7f and high
 * bytes that tolower() must not touch, escaped dots, and the RFC 4034 §6.1
 * example list. */
static const char *const order_names[] = {
	/* RFC 4034 §6.1, in its order */
	"example.", "a.example.", "yljkjljk.a.example.", "Z.a.example.",
	"zABC.a.EXAMPLE.", "z.example.", "\\001.z.example.", "*.z.example.",
	"\\200.z.example.",
	/* root, one label, prefixes of labels */
	".", "EXAMPLE.", "a.", "A.", "aa.", "ab.", "a.a.", "aa.a.", "a.aa.",
	"b.a.", "a.b.",
	/* 0x00 and 0xff inside and around labels */
	"\\000.", "\\000\\000.", "a\\000.", "a\\000\\000.", "\\000.a.",
	"\\000.\\000.", "a\\000.b.", "b.a\\000.", "\\001.", "a\\001.",
	"\\255.", "\\255\\255.", "a\\255.", "A\\255.", "\\127.", "\\128.",
	/* bytes next to the upper-case gap */
	"-.", "0.", "9.", "@.", "[.", "_.", "`.", "z.", "{.", "~.", "\\064a.",
	/* real-world shapes */
	"com.", "example.com.", "www.example.com.", "WWW.Example.COM.",
	"www-1.example.com.", "www.example-1.com.", "wwwexample.com.",
	"a\\.b.example.com.", "a.b.example.com.", "\\..example.com.",
	"in-addr.arpa.", "2.0.192.in-addr.arpa.", "10.2.0.192.in-addr.arpa.",
	"1.2.0.192.IN-ADDR.ARPA.", "0/25.2.0.192.in-addr.arpa.",
	"ip6.arpa.", "8.b.d.0.1.0.0.2.ip6.arpa.",
};

/* The rule the header promises: memcmp() over the common length, then the
 * shorter key first. */
static int
key_order(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
	int r = memcmp(a, b, alen < blen ? alen : blen);

	if (r != 0)
		return sign(r);
	return (alen > blen) - (alen < blen);
}

static void
test_key_order_vs_ldns(void **state)
{
	size_t n = ARRAY_LEN(order_names), i, j;
	ldns_rdf *rdf[ARRAY_LEN(order_names)];
	uint8_t key[ARRAY_LEN(order_names)][NAMES_WIRE_MAX];
	size_t klen[ARRAY_LEN(order_names)];

	(void)state;
	for (i = 0; i < n; i++) {
		rdf[i] = dname(order_names[i]);
		klen[i] = names_key(ldns_rdf_data(rdf[i]), key[i]);
	}
	for (i = 0; i < n; i++) {
		for (j = 0; j < n; j++) {
			int want = ldns_dname_compare(rdf[i], rdf[j]);
			int got = key_order(key[i], klen[i], key[j], klen[j]);
			bool below, oracle;

			if (got != want)
				fail_msg("%s vs %s: key order %d, ldns %d",
				    order_names[i], order_names[j], got, want);
			assert_int_equal(sign(names_key_cmp(key[i], klen[i],
			    key[j], klen[j])), got);

			below = klen[i] >= klen[j] &&
			    memcmp(key[i], key[j], klen[j]) == 0;
			oracle = want == 0 ||
			    ldns_dname_is_subdomain(rdf[i], rdf[j]);
			if (below != oracle)
				fail_msg("%s below %s: key prefix %d, ldns %d",
				    order_names[i], order_names[j], below,
				    oracle);
			assert_int_equal(names_key_below(key[i], klen[i],
			    key[j], klen[j]), below);
		}
	}
	for (i = 0; i < n; i++)
		ldns_rdf_deep_free(rdf[i]);
}

static void
assert_key(const char *name, const char *want, size_t wantlen)
{
	ldns_rdf *r = dname(name);
	uint8_t key[NAMES_WIRE_MAX];
	size_t len = names_key(ldns_rdf_data(r), key);

	assert_int_equal(len, wantlen);
	assert_memory_equal(key, want, wantlen);
	ldns_rdf_deep_free(r);
}

static void
test_key_format(void **state)
{
	uint8_t key[NAMES_WIRE_MAX], wire[NAMES_WIRE_MAX + 2];
	size_t pos = 0, i;

	(void)state;
	assert_key(".", "", 0);
	assert_key("example.com.", "com\0example\0", 12);
	assert_key("WWW.Example.COM.", "com\0example\0www\0", 16);
	/* bytes below 'A' are stored one higher (names.h) */
	assert_key("in-addr.arpa.", "arpa\0in.addr\0", 13);
	assert_key("10.x.", "x\0" "21\0", 5);
	assert_key("\\000@.", "\1A\0", 3);
	assert_key("[\\255.", "[\377\0", 3);

	/* an invalid name gives no key */
	memset(wire, 0, sizeof(wire));
	wire[0] = 64;
	assert_int_equal(names_key(wire, key), 0);

	/* the longest name (255 bytes: 63+63+63+61) still fits */
	for (i = 0; i < 4; i++) {
		uint8_t len = i < 3 ? 63 : 61;

		wire[pos++] = len;
		memset(wire + pos, 0xff, len);
		pos += len;
	}
	wire[pos++] = 0;
	assert_int_equal(pos, NAMES_WIRE_MAX);
	assert_int_equal(names_key(wire, key), NAMES_WIRE_MAX - 1);
}

/* Knot's plain format (label bytes as they are), to show what the shift in
 * names_key() buys. */
static size_t
naive_key(const uint8_t *wire, uint8_t *out)
{
	const uint8_t *lab[128];
	size_t n = 0, len = 0, i;
	int j;

	for (; *wire != 0; wire += 1 + *wire)
		lab[n++] = wire;
	for (i = n; i-- > 0;) {
		for (j = 1; j <= lab[i][0]; j++)
			out[len++] = names_lower(lab[i][j]);
		out[len++] = 0;
	}
	return len;
}

/* A 0x00 byte in a label is the documented hazard of the key: with plain
 * bytes it is taken for the separator.  These are the two failures it
 * causes; names_key() must get both right. */
static void
test_key_nul_labels(void **state)
{
	static const char *const pairs[][2] = {
		/* "a" < "a\000" rightmost, so b.a. comes first */
		{ "b.a.", "a\\000." },
		/* plain keys collide: a\0 \0 \0 for both */
		{ "\\000.a.", "a\\000\\000." },
		{ "a.\\000.", "\\000\\000." },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(pairs); i++) {
		ldns_rdf *x = dname(pairs[i][0]), *y = dname(pairs[i][1]);
		uint8_t kx[NAMES_WIRE_MAX], ky[NAMES_WIRE_MAX];
		size_t lx, ly;

		assert_int_equal(ldns_dname_compare(x, y), -1);
		lx = naive_key(ldns_rdf_data(x), kx);
		ly = naive_key(ldns_rdf_data(y), ky);
		assert_true(key_order(kx, lx, ky, ly) >= 0);

		lx = names_key(ldns_rdf_data(x), kx);
		ly = names_key(ldns_rdf_data(y), ky);
		assert_int_equal(key_order(kx, lx, ky, ly), -1);
		assert_false(names_key_below(kx, lx, ky, ly));
		assert_false(names_key_below(ky, ly, kx, lx));
		ldns_rdf_deep_free(x);
		ldns_rdf_deep_free(y);
	}
}

static void
test_wire_len(void **state)
{
	static const struct {
		const char *wire;
		size_t size;	/* bytes of WIRE to use */
		size_t want;
	} cases[] = {
		{ "", 1, 1 },
		{ "\3com", 5, 5 },
		{ "\7example\3com", 13, 13 },
		{ "\1a\0\1b", 5, 3 },		/* stops at the root */
		{ "\100", 1, 0 },		/* 64: too long */
		{ "\177", 1, 0 },		/* 01: extended label */
		{ "\200", 1, 0 },		/* 10: reserved */
		{ "\300\14", 2, 0 },	/* 11: compression pointer */
		{ "\3com\300\14", 6, 0 },
		{ "\377", 1, 0 },
	};
	uint8_t wire[NAMES_WIRE_MAX + 64];
	size_t i, pos;

	(void)state;
	assert_int_equal(names_wire_len(NULL), 0);
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		memset(wire, 0, sizeof(wire));
		memcpy(wire, cases[i].wire, cases[i].size);
		assert_int_equal(names_wire_len(wire), cases[i].want);
	}

	/* a 63-byte label is fine, 64 is not */
	memset(wire, 'x', sizeof(wire));
	wire[0] = 63;
	wire[64] = 0;
	assert_int_equal(names_wire_len(wire), 65);
	wire[0] = 64;
	wire[65] = 0;
	assert_int_equal(names_wire_len(wire), 0);

	/* exactly 255 bytes, then 256 */
	memset(wire, 'x', sizeof(wire));
	for (pos = 0, i = 0; i < 4; i++) {
		wire[pos] = i < 3 ? 63 : 61;
		pos += 1 + wire[pos];
	}
	wire[pos] = 0;
	assert_int_equal(names_wire_len(wire), 255);
	wire[pos - 62] = 62;
	wire[pos] = 'x';
	wire[pos + 1] = 0;
	assert_int_equal(names_wire_len(wire), 0);
}

/* names_fmt() must print what ldns_rdf2str() prints for the lower-cased
 * name. */
static void
assert_fmt_like_ldns(const ldns_rdf *r)
{
	ldns_rdf *c = ldns_rdf_clone(r);
	char buf[NAMES_TXT_MAX], *want;
	int len;

	ldns_dname2canonical(c);
	want = ldns_rdf2str(c);
	assert_non_null(want);
	len = names_fmt(ldns_rdf_data(r), buf, sizeof(buf));
	assert_string_equal(buf, want);
	assert_int_equal(len, (int)strlen(want));
	free(want);
	ldns_rdf_deep_free(c);
}

static void
test_fmt_vs_ldns(void **state)
{
	uint8_t wire[NAMES_WIRE_MAX];
	size_t i, pos;
	ldns_rdf *r;

	(void)state;
	for (i = 0; i < ARRAY_LEN(order_names); i++) {
		r = dname(order_names[i]);
		assert_fmt_like_ldns(r);
		ldns_rdf_deep_free(r);
	}
	r = dname("Q\\\"@$ \\(x\\);\\\\\\.\\t.Example.");
	assert_fmt_like_ldns(r);
	ldns_rdf_deep_free(r);

	/* every byte value, alone and between letters */
	for (i = 0; i < 256; i++) {
		const uint8_t w1[] = { 1, (uint8_t)i, 0 };
		const uint8_t w3[] = { 3, 'X', (uint8_t)i, 'y', 0 };

		r = ldns_rdf_new_frm_data(LDNS_RDF_TYPE_DNAME, sizeof(w1), w1);
		assert_fmt_like_ldns(r);
		ldns_rdf_deep_free(r);
		r = ldns_rdf_new_frm_data(LDNS_RDF_TYPE_DNAME, sizeof(w3), w3);
		assert_fmt_like_ldns(r);
		ldns_rdf_deep_free(r);
	}

	/* the longest text: 255 bytes of name, 250 of them escaped */
	for (pos = 0, i = 0; i < 4; i++) {
		wire[pos] = i < 3 ? 63 : 61;
		memset(wire + pos + 1, (int)(0x80 + i), wire[pos]);
		pos += 1 + wire[pos];
	}
	wire[pos++] = 0;
	r = ldns_rdf_new_frm_data(LDNS_RDF_TYPE_DNAME, pos, wire);
	assert_fmt_like_ldns(r);
	ldns_rdf_deep_free(r);
}

static void
test_fmt_limits(void **state)
{
	static const uint8_t wire[] = "\7example\3com";
	static const uint8_t bad[] = "\100";
	char buf[16];

	(void)state;
	assert_int_equal(names_fmt(wire, buf, 13), 12);
	assert_string_equal(buf, "example.com.");
	memset(buf, 'z', sizeof(buf));
	assert_int_equal(names_fmt(wire, buf, 12), RDA_ELIMIT);
	assert_string_equal(buf, "");
	assert_int_equal(names_fmt(wire, NULL, 0), RDA_ELIMIT);
	assert_int_equal(names_fmt((const uint8_t *)"", buf, 2), 1);
	assert_string_equal(buf, ".");
	assert_int_equal(names_fmt((const uint8_t *)"", buf, 1), RDA_ELIMIT);
	assert_int_equal(names_fmt(bad, buf, sizeof(buf)), RDA_EINVAL);
}

static void
random_addr(struct addr *a, int family)
{
	int i;

	memset(a, 0, sizeof(*a));
	a->family = (uint8_t)family;
	if (family == 4) {
		uint32_t v = rng();

		memcpy(a->b, &v, 4);
		return;
	}
	/* Zero fields half of the time, so runs of every length and
	 * position occur; one in sixteen is IPv4-mapped. */
	for (i = 0; i < 8; i++) {
		uint32_t v = rng();

		if (v & 1) {
			a->b[2 * i] = (uint8_t)(v >> 8);
			a->b[2 * i + 1] = (uint8_t)(v >> 16);
		}
	}
	if ((rng() & 15) == 0) {
		memset(a->b, 0, 10);
		a->b[10] = a->b[11] = 0xff;
	}
}

/* names_addr_to_rev() against ldns_rdf_address_reverse(), then back with
 * names_rev_parse(), also with the name in upper case; and the text form
 * through names_addr_fmt() and names_addr_parse(). */
static void
check_addr(const struct addr *a)
{
	ldns_rdf *ar, *rev;
	uint8_t wire[NAMES_WIRE_MAX];
	struct addr back;
	unsigned plen = 0;
	size_t len, i;
	char txt[NAMES_ADDR_TXT_MAX], libc[INET6_ADDRSTRLEN];
	int af = a->family == 4 ? AF_INET : AF_INET6;

	ar = ldns_rdf_new_frm_data(a->family == 4 ? LDNS_RDF_TYPE_A :
	    LDNS_RDF_TYPE_AAAA, a->family == 4 ? 4 : 16, a->b);
	assert_non_null(ar);
	rev = ldns_rdf_address_reverse(ar);
	assert_non_null(rev);
	len = names_addr_to_rev(a, wire);
	assert_int_equal(len, ldns_rdf_size(rev));
	assert_memory_equal(wire, ldns_rdf_data(rev), len);
	ldns_rdf_deep_free(rev);
	ldns_rdf_deep_free(ar);

	memset(&back, 0xaa, sizeof(back));
	assert_int_equal(names_rev_parse(wire, &back, &plen), NAMES_REV_ADDR);
	assert_memory_equal(&back, a, sizeof(back));
	assert_int_equal(plen, a->family == 4 ? 32 : 128);
	for (i = 0; i < len; i++)
		if (wire[i] >= 'a' && wire[i] <= 'z')
			wire[i] = (uint8_t)(wire[i] - 'a' + 'A');
	assert_int_equal(names_rev_parse(wire, &back, NULL), NAMES_REV_ADDR);
	assert_memory_equal(&back, a, sizeof(back));

	names_addr_fmt(a, txt);
	memset(&back, 0xaa, sizeof(back));
	assert_int_equal(names_addr_parse(txt, &back), 0);
	assert_memory_equal(&back, a, sizeof(back));
	/* glibc follows RFC 5952 except for the deprecated IPv4-compatible
	 * ::/96, which it prints dotted and we do not (names.h). */
	assert_non_null(inet_ntop(af, a->b, libc, sizeof(libc)));
	if (a->family == 6 && strchr(libc, '.') != NULL &&
	    strncmp(libc, "::ffff:", 7) != 0) {
		assert_null(strchr(txt, '.'));
		assert_memory_equal(a->b, "\0\0\0\0\0\0\0\0\0\0\0\0", 12);
	} else
		assert_string_equal(txt, libc);
}

static void
test_addr_round_trip(void **state)
{
	static const char *const edges[] = {
		"0.0.0.0", "255.255.255.255", "192.0.2.10", "10.0.0.1",
		"::", "::1", "1::", "::2",
		"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
		"2001:db8::1", "fe80::1", "::ffff:0.0.0.0",
		"::ffff:255.255.255.255", "::ffff:192.0.2.1", "::1.2.3.4",
		"::0.1.0.0", "::ffff:0:1.2.3.4", "64:ff9b::192.0.2.33",
		"1:0:0:1:0:0:0:1", "0:0:1::",
	};
	struct addr a;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(edges); i++) {
		assert_int_equal(names_addr_parse(edges[i], &a), 0);
		check_addr(&a);
	}
	for (i = 0; i < 3000; i++) {
		random_addr(&a, 4);
		check_addr(&a);
		random_addr(&a, 6);
		check_addr(&a);
	}
}

/* "<lead>" then COUNT nibble labels, then "ip6.arpa.". */
static void
nibble_name(char *buf, const char *lead, int count, bool upper)
{
	static const char lower[] = "0123456789abcdef";
	static const char caps[] = "0123456789ABCDEF";
	int i;

	strcpy(buf, lead);
	for (i = 0; i < count; i++) {
		char lab[3] = { (upper ? caps : lower)[(i * 7 + 3) % 16], '.',
		    '\0' };

		strcat(buf, lab);
	}
	strcat(buf, "ip6.arpa.");
}

static void
check_rev(const char *name, enum names_rev want, unsigned wantlen,
    const char *wantaddr)
{
	ldns_rdf *r = dname(name);
	struct addr a, sentinel, exp;
	unsigned plen = 999;
	enum names_rev got;

	memset(&sentinel, 0xaa, sizeof(sentinel));
	a = sentinel;
	got = names_rev_parse(ldns_rdf_data(r), &a, &plen);
	if (got != want)
		fail_msg("%s: got %d, want %d", name, (int)got, (int)want);
	assert_int_equal(names_rev_parse(ldns_rdf_data(r), NULL, NULL), want);
	if (want == NAMES_REV_ADDR || want == NAMES_REV_PREFIX) {
		assert_int_equal(plen, wantlen);
		assert_int_equal(names_addr_parse(wantaddr, &exp), 0);
		assert_memory_equal(&a, &exp, sizeof(a));
	} else {
		/* untouched, as documented */
		assert_int_equal(plen, 999);
		assert_memory_equal(&a, &sentinel, sizeof(a));
	}
	ldns_rdf_deep_free(r);
}

static void
test_rev_parse_table(void **state)
{
	static const struct {
		const char *name;
		enum names_rev want;
		unsigned plen;
		const char *addr;
	} cases[] = {
		{ "10.2.0.192.in-addr.arpa.", NAMES_REV_ADDR, 32,
		    "192.0.2.10" },
		{ "10.2.0.192.IN-ADDR.Arpa.", NAMES_REV_ADDR, 32,
		    "192.0.2.10" },
		{ "0.0.0.0.in-addr.arpa.", NAMES_REV_ADDR, 32, "0.0.0.0" },
		{ "255.255.255.255.in-addr.arpa.", NAMES_REV_ADDR, 32,
		    "255.255.255.255" },
		{ "2.0.192.in-addr.arpa.", NAMES_REV_PREFIX, 24, "192.0.2.0" },
		{ "192.in-addr.arpa.", NAMES_REV_PREFIX, 8, "192.0.0.0" },
		{ "in-addr.arpa.", NAMES_REV_PREFIX, 0, "0.0.0.0" },
		{ "In-Addr.ARPA.", NAMES_REV_PREFIX, 0, "0.0.0.0" },
		/* RFC 2317 and other labels that are not octets */
		{ "0/25.2.0.192.in-addr.arpa.", NAMES_REV_OTHER, 0, NULL },
		{ "128-25.2.0.192.in-addr.arpa.", NAMES_REV_OTHER, 0, NULL },
		{ "0-63.2.0.192.in-addr.arpa.", NAMES_REV_OTHER, 0, NULL },
		{ "128/25.2.0.192.in-addr.arpa.", NAMES_REV_OTHER, 0, NULL },
		{ "01.2.0.192.in-addr.arpa.", NAMES_REV_OTHER, 0, NULL },
		{ "00.2.0.192.in-addr.arpa.", NAMES_REV_OTHER, 0, NULL },
		{ "010.2.0.192.in-addr.arpa.", NAMES_REV_OTHER, 0, NULL },
		{ "256.2.0.192.in-addr.arpa.", NAMES_REV_OTHER, 0, NULL },
		{ "1000.2.0.192.in-addr.arpa.", NAMES_REV_OTHER, 0, NULL },
		{ "-1.2.0.192.in-addr.arpa.", NAMES_REV_OTHER, 0, NULL },
		{ "+1.2.0.192.in-addr.arpa.", NAMES_REV_OTHER, 0, NULL },
		{ "a.2.0.192.in-addr.arpa.", NAMES_REV_OTHER, 0, NULL },
		{ "\\032\\0491.2.0.192.in-addr.arpa.", NAMES_REV_OTHER, 0,
		    NULL },
		{ "1\\000.2.0.192.in-addr.arpa.", NAMES_REV_OTHER, 0, NULL },
		{ "2.0.192.in-addr.arpa.", NAMES_REV_PREFIX, 24, "192.0.2.0" },
		{ "1.10.2.0.192.in-addr.arpa.", NAMES_REV_OTHER, 0, NULL },
		{ "www.10.2.0.192.in-addr.arpa.", NAMES_REV_OTHER, 0, NULL },
		/* ip6.arpa prefixes */
		{ "ip6.arpa.", NAMES_REV_PREFIX, 0, "::" },
		{ "IP6.ARPA.", NAMES_REV_PREFIX, 0, "::" },
		{ "2.ip6.arpa.", NAMES_REV_PREFIX, 4, "2000::" },
		{ "8.b.d.0.1.0.0.2.ip6.arpa.", NAMES_REV_PREFIX, 32,
		    "2001:db8::" },
		{ "D.0.1.0.0.2.ip6.arpa.", NAMES_REV_PREFIX, 24, "2001:d00::" },
		{ "10.ip6.arpa.", NAMES_REV_OTHER, 0, NULL },
		{ "0/26.ip6.arpa.", NAMES_REV_OTHER, 0, NULL },
		{ "128-25.ip6.arpa.", NAMES_REV_OTHER, 0, NULL },
		{ "g.ip6.arpa.", NAMES_REV_OTHER, 0, NULL },
		{ "\\000.ip6.arpa.", NAMES_REV_OTHER, 0, NULL },
		/* not under the trees at all */
		{ ".", NAMES_REV_NONE, 0, NULL },
		{ "arpa.", NAMES_REV_NONE, 0, NULL },
		{ "foo.arpa.", NAMES_REV_NONE, 0, NULL },
		{ "1.2.3.4.foo.arpa.", NAMES_REV_NONE, 0, NULL },
		{ "example.com.", NAMES_REV_NONE, 0, NULL },
		{ "in-addr.arpa.example.", NAMES_REV_NONE, 0, NULL },
		{ "10.2.0.192.in-addr.arpa.example.", NAMES_REV_NONE, 0, NULL },
		{ "xin-addr.arpa.", NAMES_REV_NONE, 0, NULL },
		{ "in-addr.arpa\\000.", NAMES_REV_NONE, 0, NULL },
		{ "ip6.arpa.com.", NAMES_REV_NONE, 0, NULL },
		{ "ip6x.arpa.", NAMES_REV_NONE, 0, NULL },
		{ "in-addr.ip6.arpa.", NAMES_REV_OTHER, 0, NULL },
	};
	char name[256];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++)
		check_rev(cases[i].name, cases[i].want, cases[i].plen,
		    cases[i].addr);

	/* 32 nibbles, either case, make an address */
	nibble_name(name, "", 32, false);
	check_rev(name, NAMES_REV_ADDR, 128,
	    "c5e7:92b:4d6f:81a3:c5e7:92b:4d6f:81a3");
	nibble_name(name, "", 32, true);
	check_rev(name, NAMES_REV_ADDR, 128,
	    "c5e7:92b:4d6f:81a3:c5e7:92b:4d6f:81a3");
	nibble_name(name, "", 31, true);
	check_rev(name, NAMES_REV_PREFIX, 124,
	    "5e70:92b4:d6f8:1a3c:5e70:92b4:d6f8:1a30");
	/* 33 nibbles, or 32 labels with decimal ones among them */
	nibble_name(name, "", 33, false);
	check_rev(name, NAMES_REV_OTHER, 0, NULL);
	nibble_name(name, "10.0.4.0.", 28, false);
	check_rev(name, NAMES_REV_OTHER, 0, NULL);
	nibble_name(name, "0.0.4.0.", 28, false);
	check_rev(name, NAMES_REV_ADDR, 128,
	    "92b:4d6f:81a3:c5e7:92b:4d6f:81a3:400");

	/* an invalid name is none */
	assert_int_equal(names_rev_parse((const uint8_t *)"\100", NULL, NULL),
	    NAMES_REV_NONE);
}

static void
test_rfc5952_table(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		/* RFC 5952 §4.1: leading zeros suppressed */
		{ "2001:0db8::0001", "2001:db8::1" },
		{ "2001:db8:aaaa:bbbb:cccc:dddd:eeee:0001",
		    "2001:db8:aaaa:bbbb:cccc:dddd:eeee:1" },
		{ "2001:db8:0000:1:1:1:1:1", "2001:db8:0:1:1:1:1:1" },
		/* §4.2.1: "::" used to its maximum */
		{ "2001:db8:0:0:0:0:2:1", "2001:db8::2:1" },
		{ "2001:db8::0:1", "2001:db8::1" },
		{ "2001:db8:0:0:0::1", "2001:db8::1" },
		/* §4.2.2: not for a single 16-bit 0 field */
		{ "2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1" },
		{ "2001:db8::1:1:1:1:1", "2001:db8:0:1:1:1:1:1" },
		{ "2001:db8:aaaa:bbbb:cccc:dddd::1",
		    "2001:db8:aaaa:bbbb:cccc:dddd:0:1" },
		/* §4.2.3: the longest run; the first of equal runs */
		{ "2001:0:0:1:0:0:0:1", "2001:0:0:1::1" },
		{ "2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1" },
		{ "2001:db8:0:0:aaaa::1", "2001:db8::aaaa:0:0:1" },
		/* §4.3: lower case */
		{ "2001:DB8::AAAA:BBBB:CCCC:DDDD",
		    "2001:db8::aaaa:bbbb:cccc:dddd" },
		/* §5: mixed notation for IPv4-mapped only */
		{ "0:0:0:0:0:ffff:192.0.2.1", "::ffff:192.0.2.1" },
		{ "::FFFF:c000:0201", "::ffff:192.0.2.1" },
		{ "::ffff:0:0", "::ffff:0.0.0.0" },
		{ "::1.2.3.4", "::102:304" },
		{ "::ffff:0:1.2.3.4", "::ffff:0:102:304" },
		{ "64:ff9b::192.0.2.33", "64:ff9b::c000:221" },
		/* ends and single fields */
		{ "0:0:0:0:0:0:0:0", "::" },
		{ "0:0:0:0:0:0:0:1", "::1" },
		{ "1:0:0:0:0:0:0:0", "1::" },
		{ "0:1:0:0:0:0:0:0", "0:1::" },
		{ "0:0:1:0:0:0:0:0", "0:0:1::" },
		{ "1:0:1:0:1:0:1:0", "1:0:1:0:1:0:1:0" },
		{ "0:1:1:1:1:1:1:0", "0:1:1:1:1:1:1:0" },
		{ "1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0" },
		{ "1:0:0:2:0:0:0:0", "1:0:0:2::" },
		{ "FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF",
		    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" },
		/* IPv4 */
		{ "192.0.2.1", "192.0.2.1" },
		{ "0.0.0.0", "0.0.0.0" },
		{ "255.255.255.255", "255.255.255.255" },
	};
	static const char *const bad[] = {
		"", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.04", "256.1.1.1",
		"0x1.2.3.4", " 1.2.3.4", "1.2.3.4 ", "1.2.3.4/24", "example",
		"2001:db8::1::1", "2001:db8::g", "fe80::1%eth0", "[::1]",
		"::00001", "1:2:3:4:5:6:7:8:9", "::ffff:01.2.3.4", ":", ":::",
	};
	char buf[NAMES_ADDR_TXT_MAX];
	struct addr a, sentinel;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		if (names_addr_parse(cases[i].in, &a) != 0)
			fail_msg("cannot parse %s", cases[i].in);
		assert_string_equal(names_addr_fmt(&a, buf), cases[i].out);
	}
	memset(&sentinel, 0xaa, sizeof(sentinel));
	for (i = 0; i < ARRAY_LEN(bad); i++) {
		a = sentinel;
		if (names_addr_parse(bad[i], &a) != RDA_EINVAL)
			fail_msg("accepted \"%s\"", bad[i]);
		assert_memory_equal(&a, &sentinel, sizeof(a));
	}
	assert_int_equal(names_addr_parse(NULL, &a), RDA_EINVAL);
	assert_int_equal(names_addr_parse("::ffff:192.0.2.1", &a), 0);
	assert_int_equal(a.family, 6);
	assert_int_equal(names_addr_parse("192.0.2.1", &a), 0);
	assert_int_equal(a.family, 4);
	assert_memory_equal(a.b + 4, "\0\0\0\0\0\0\0\0\0\0\0\0", 12);
}

static void
test_bad_family(void **state)
{
	struct addr a;
	uint8_t wire[NAMES_WIRE_MAX];
	char buf[NAMES_ADDR_TXT_MAX] = "junk";

	(void)state;
	memset(&a, 0, sizeof(a));
	a.family = 5;
	assert_int_equal(names_addr_to_rev(&a, wire), 0);
	assert_string_equal(names_addr_fmt(&a, buf), "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_order_vs_ldns),
		cmocka_unit_test(test_key_format),
		cmocka_unit_test(test_key_nul_labels),
		cmocka_unit_test(test_wire_len),
		cmocka_unit_test(test_fmt_vs_ldns),
		cmocka_unit_test(test_fmt_limits),
		cmocka_unit_test(test_addr_round_trip),
		cmocka_unit_test(test_rev_parse_table),
		cmocka_unit_test(test_rfc5952_table),
		cmocka_unit_test(test_bad_family),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
