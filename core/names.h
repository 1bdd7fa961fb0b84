/* names.h -- domain names in wire form: canonical keys, presentation text,
 * and conversion between addresses and reverse names (in-addr.arpa and
 * ip6.arpa).
 *
 * Every function here takes names in uncompressed wire form: length-prefixed
 * labels ending with the zero-length root label (what ldns_rdf_data() holds
 * for a dname), at most NAMES_WIRE_MAX bytes.  Nothing here allocates.
 */
#ifndef RDA_NAMES_H
#define RDA_NAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NAMES_WIRE_MAX 255	/* RFC 1035 §3.1 */
#define NAMES_TXT_MAX 1024	/* presentation form, worst case with \DDD escapes */
#define NAMES_ADDR_TXT_MAX 46	/* INET6_ADDRSTRLEN */

/* An IPv4 or IPv6 address.  IPv4 uses b[0..3]; the rest of b is zero, so two
 * addresses compare with memcmp() on the whole struct. */
struct addr {
	uint8_t family;		/* 4 or 6 */
	uint8_t b[16];
};

/* What a name under the reverse trees is. */
enum names_rev {
	NAMES_REV_NONE = 0,	/* not under in-addr.arpa. or ip6.arpa. */
	NAMES_REV_ADDR,		/* a whole address: 4 octets or 32 nibbles */
	NAMES_REV_PREFIX,	/* a shorter valid prefix (a zone apex, a cut) */
	NAMES_REV_OTHER,	/* under the trees but neither: RFC 2317 labels
				 * such as "128/25" or "0-63", leading zeros,
				 * upper-case hex is fine, "10" in ip6.arpa is not */
};

/* Classifies WIRE (case-insensitive).  For NAMES_REV_ADDR fills *A and
 * sets *PREFIXLEN to 32 or 128; for NAMES_REV_PREFIX fills *A with the
 * prefix bits (the rest zero) and sets *PREFIXLEN (bits; 0 for in-addr.arpa.
 * and ip6.arpa. themselves).  For NAMES_REV_NONE and NAMES_REV_OTHER neither
 * is touched.  A and PREFIXLEN may be NULL.  An invalid WIRE (see
 * names_wire_len()) is NAMES_REV_NONE.
 *
 * in-addr.arpa.: up to 4 labels of 1-3 decimal digits, 0-255, no leading
 * zero; ip6.arpa.: up to 32 labels of one hex digit.  More labels than that,
 * or any other label, is NAMES_REV_OTHER. */
enum names_rev names_rev_parse(const uint8_t *wire, struct addr *a,
    unsigned *prefixlen);

/* The value of one label of a reverse name, as names_rev_parse() reads
 * it: LABEL is [len][bytes]; an in-addr.arpa octet (0-255) or an ip6.arpa
 * nibble (0-15), or -1 when it is not one. */
int names_rev_octet(const uint8_t *label);
int names_rev_nibble(const uint8_t *label);

/* Writes the reverse name of A (e.g. 10.2.0.192.in-addr.arpa.) in wire form
 * to OUT, which holds NAMES_WIRE_MAX bytes; IPv6 nibbles are lower case.
 * Returns its length, or 0 when A's family is neither 4 nor 6. */
size_t names_addr_to_rev(const struct addr *a, uint8_t *out);

/* Parses an IPv4 or IPv6 address in text form (inet_pton(3): dotted quad
 * without leading zeros, or any RFC 4291 IPv6 form; no surrounding blanks,
 * no "%zone", no "/len").  Text with a ':' is IPv6, so "::ffff:192.0.2.1"
 * gives family 6.  Returns 0, or RDA_EINVAL leaving *A untouched. */
int names_addr_parse(const char *s, struct addr *a);

/* Formats A canonically (IPv6 as RFC 5952: lower case, longest run of two or
 * more zero fields compressed) into BUF of NAMES_ADDR_TXT_MAX bytes; returns
 * BUF.  Mixed notation (RFC 5952 §5) is used for IPv4-mapped addresses only,
 * ::ffff:0:0/96, giving "::ffff:192.0.2.1"; the deprecated IPv4-compatible
 * ::/96 and every other embedding are plain hex ("::102:304" where glibc's
 * inet_ntop() prints "::1.2.3.4").  An unknown family gives "". */
char *names_addr_fmt(const struct addr *a, char *buf);

/* Length of WIRE in bytes including the root label, or 0 when WIRE is not a
 * valid name (a length byte over 63, which includes compression pointers and
 * the other label types of RFC 1035 §4.1.4 / RFC 6891; total over 255). */
size_t names_wire_len(const uint8_t *wire);

/* Canonical key ("lookup format", after Knot's knot_dname_lf): the labels
 * of WIRE lower-cased (ASCII only), rightmost first, each followed by a 0x00
 * byte.  memcmp() of two keys (the shorter first when one is a prefix of the
 * other; names_key_cmp()) gives RFC 4034 §6.1 canonical order, and A is at or
 * below B exactly when B's key is a prefix of A's (names_key_below()).  OUT
 * holds NAMES_WIRE_MAX bytes.  Returns the key length (0 for the root, and
 * for an invalid WIRE, of which nothing is written).
 *
 * Unlike Knot's format, label bytes below 'A' (0x00-0x40) are stored one
 * higher (0x01-0x41): a label byte 0x00 would otherwise be taken for the
 * separator, so "a\000." would sort after "b.a." and "\000.a." would get the
 * key of "a\000\000.".  Lower-casing leaves 0x41-0x5a unused, so the shift
 * keeps byte order and the key length.  Keys are for comparing, not for
 * reading: digits and '-' appear shifted ("in-addr" as "in.addr"), so build
 * keys only with this function, never by hand. */
size_t names_key(const uint8_t *wire, uint8_t *out);

/* Compares two keys from names_key() in RFC 4034 §6.1 order: <0, 0, >0. */
int names_key_cmp(const uint8_t *a, size_t alen, const uint8_t *b,
    size_t blen);

/* True when the name with key A is B's name or a name below it. */
bool names_key_below(const uint8_t *a, size_t alen, const uint8_t *b,
    size_t blen);

/* Writes WIRE in presentation form, lower case, absolute with the trailing
 * dot ("." for the root), NUL-terminated, to BUF of SIZE bytes
 * (NAMES_TXT_MAX always suffices).  The escapes are exactly those of
 * ldns_rdf2str() in ldns 1.8.3, so our text matches what ldns-based tools
 * print: \. \; \( \) \\ for those bytes, \DDD for space, control bytes,
 * DEL and bytes >= 0x80; '"', '@' and '$' are left bare as ldns leaves them.
 * Returns the length, RDA_ELIMIT when BUF is too small (BUF then holds "" if
 * SIZE > 0), or RDA_EINVAL for an invalid WIRE. */
int names_fmt(const uint8_t *wire, char *buf, size_t size);

/* Lower-cases one byte, ASCII only (never touches bytes >= 0x80). */
static inline uint8_t
names_lower(uint8_t c)
{
	return (c >= 'A' && c <= 'Z') ? (uint8_t)(c + ('a' - 'A')) : c;
}

#endif
