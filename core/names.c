/* names.c -- domain names in wire form: validation, canonical keys,
 * presentation text, and addresses <-> reverse names.
 *
 * Everything works on caller buffers; nothing allocates and nothing here
 * depends on ldns (the unit tests use ldns as the oracle instead).
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "names.h"

/* Each label takes at least two bytes and the root one, so a name of
 * NAMES_WIRE_MAX bytes has at most 127 labels. */
#define LABELS_MAX ((NAMES_WIRE_MAX - 1) / 2)

#define LABEL_LEN_MAX 63	/* RFC 1035 §2.3.4 */

size_t
names_wire_len(const uint8_t *wire)
{
	size_t pos = 0;

	if (wire == NULL)
		return 0;
	/* pos is where the next length byte sits; with the root label there
	 * the name is pos + 1 bytes long, so pos must stay below the limit. */
	while (pos < NAMES_WIRE_MAX) {
		uint8_t len = wire[pos];

		if (len == 0)
			return pos + 1;
		/* Top bits 11 are a compression pointer, 01 the extended
		 * label type RFC 6891 §5 retired, 10 reserved: none belong
		 * in an uncompressed name. */
		if (len > LABEL_LEN_MAX)
			return 0;
		pos += 1 + (size_t)len;
	}
	return 0;
}

/* Fills OFF with the offset of each label's length byte, leftmost first,
 * and returns the number of labels (the root not counted), or -1 when WIRE
 * is not a valid name. */
static int
label_offsets(const uint8_t *wire, uint8_t off[LABELS_MAX])
{
	size_t pos = 0;
	int n = 0;

	if (names_wire_len(wire) == 0)
		return -1;
	while (wire[pos] != 0) {
		off[n++] = (uint8_t)pos;
		pos += 1 + (size_t)wire[pos];
	}
	return n;
}

/* Whether the label at LABEL (length byte first) is WORD, ignoring case.
 * WORD is lower case. */
static bool
label_is(const uint8_t *label, const char *word)
{
	size_t i, len = strlen(word);

	if (label[0] != len)
		return false;
	for (i = 0; i < len; i++)
		if (names_lower(label[1 + i]) != (uint8_t)word[i])
			return false;
	return true;
}

/* Value of an in-addr.arpa label: 1-3 decimal digits, 0-255, no leading
 * zero (so each octet has exactly one spelling), or -1. */
int
names_rev_octet(const uint8_t *label)
{
	int i, v = 0;

	if (label[0] < 1 || label[0] > 3)
		return -1;
	if (label[0] > 1 && label[1] == '0')
		return -1;
	for (i = 1; i <= label[0]; i++) {
		if (label[i] < '0' || label[i] > '9')
			return -1;
		v = v * 10 + (label[i] - '0');
	}
	return v <= 255 ? v : -1;
}

/* Value of an ip6.arpa label: one hex digit of either case, or -1.  RFC
 * 3596 §2.5 writes them in lower case, but names compare case-insensitively,
 * so "A" is the same label as "a". */
int
names_rev_nibble(const uint8_t *label)
{
	uint8_t c;

	if (label[0] != 1)
		return -1;
	c = names_lower(label[1]);
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static enum names_rev
rev_result(const struct addr *v, unsigned bits, unsigned maxbits,
    struct addr *a, unsigned *prefixlen)
{
	if (a != NULL)
		*a = *v;
	if (prefixlen != NULL)
		*prefixlen = bits;
	return bits == maxbits ? NAMES_REV_ADDR : NAMES_REV_PREFIX;
}

/* The N labels in front of in-addr.arpa.: the leftmost is the last octet
 * of the address (RFC 1035 §3.5). */
static enum names_rev
rev4(const uint8_t *wire, const uint8_t *off, int n, struct addr *a,
    unsigned *prefixlen)
{
	struct addr v;
	int i, o;

	if (n > 4)
		return NAMES_REV_OTHER;
	memset(&v, 0, sizeof(v));
	v.family = 4;
	for (i = 0; i < n; i++) {
		if ((o = names_rev_octet(wire + off[i])) < 0)
			return NAMES_REV_OTHER;
		v.b[n - 1 - i] = (uint8_t)o;
	}
	return rev_result(&v, 8 * (unsigned)n, 32, a, prefixlen);
}

/* The N labels in front of ip6.arpa.: one nibble each, the leftmost the
 * lowest (RFC 3596 §2.5). */
static enum names_rev
rev6(const uint8_t *wire, const uint8_t *off, int n, struct addr *a,
    unsigned *prefixlen)
{
	struct addr v;
	int i, k, d;

	if (n > 32)
		return NAMES_REV_OTHER;
	memset(&v, 0, sizeof(v));
	v.family = 6;
	for (i = 0; i < n; i++) {
		if ((d = names_rev_nibble(wire + off[i])) < 0)
			return NAMES_REV_OTHER;
		/* nibble index, 0 = the high nibble of b[0] */
		k = n - 1 - i;
		v.b[k / 2] |= (uint8_t)(k % 2 == 0 ? d << 4 : d);
	}
	return rev_result(&v, 4 * (unsigned)n, 128, a, prefixlen);
}

enum names_rev
names_rev_parse(const uint8_t *wire, struct addr *a, unsigned *prefixlen)
{
	uint8_t off[LABELS_MAX];
	int n;

	if ((n = label_offsets(wire, off)) < 2 ||
	    !label_is(wire + off[n - 1], "arpa"))
		return NAMES_REV_NONE;
	if (label_is(wire + off[n - 2], "in-addr"))
		return rev4(wire, off, n - 2, a, prefixlen);
	if (label_is(wire + off[n - 2], "ip6"))
		return rev6(wire, off, n - 2, a, prefixlen);
	return NAMES_REV_NONE;
}

/* Writes V as a label of decimal digits without leading zeros; returns its
 * size with the length byte. */
static size_t
dec_label(uint8_t v, uint8_t *out)
{
	uint8_t n = 0;

	if (v >= 100)
		out[++n] = (uint8_t)('0' + v / 100);
	if (v >= 10)
		out[++n] = (uint8_t)('0' + v / 10 % 10);
	out[++n] = (uint8_t)('0' + v % 10);
	out[0] = n;
	return 1 + (size_t)n;
}

size_t
names_addr_to_rev(const struct addr *a, uint8_t *out)
{
	/* The string literals end in NUL, which is the root label, so
	 * sizeof() counts it. */
	static const char sfx4[] = "\007in-addr\004arpa";
	static const char sfx6[] = "\003ip6\004arpa";
	static const char hex[] = "0123456789abcdef";
	size_t pos = 0;
	int i;

	if (a->family == 4) {
		for (i = 3; i >= 0; i--)
			pos += dec_label(a->b[i], out + pos);
		memcpy(out + pos, sfx4, sizeof(sfx4));
		return pos + sizeof(sfx4);
	}
	if (a->family == 6) {
		for (i = 15; i >= 0; i--) {
			out[pos++] = 1;
			out[pos++] = (uint8_t)hex[a->b[i] & 0xf];
			out[pos++] = 1;
			out[pos++] = (uint8_t)hex[a->b[i] >> 4];
		}
		memcpy(out + pos, sfx6, sizeof(sfx6));
		return pos + sizeof(sfx6);
	}
	return 0;
}

int
names_addr_parse(const char *s, struct addr *a)
{
	struct addr v;

	if (s == NULL)
		return RDA_EINVAL;
	memset(&v, 0, sizeof(v));
	if (strchr(s, ':') != NULL) {
		if (inet_pton(AF_INET6, s, v.b) != 1)
			return RDA_EINVAL;
		v.family = 6;
	} else {
		/* glibc's inet_pton() takes only four decimal parts without
		 * leading zeros, unlike inet_aton() ("10.1", "010.0.0.1"). */
		if (inet_pton(AF_INET, s, v.b) != 1)
			return RDA_EINVAL;
		v.family = 4;
	}
	*a = v;
	return 0;
}

static size_t
fmt4(const uint8_t *b, char *buf)
{
	return (size_t)sprintf(buf, "%u.%u.%u.%u", (unsigned)b[0],
	    (unsigned)b[1], (unsigned)b[2], (unsigned)b[3]);
}

/* RFC 5952 §4, done here rather than by inet_ntop() so the output does not
 * depend on the C library: glibc prints the deprecated IPv4-compatible
 * addresses as "::1.2.3.4", musl and the BSDs differ again in places. */
static void
fmt6(const uint8_t *b, char *buf)
{
	unsigned w[8];
	int i, nf, best = -1, blen = 0, run = 0;
	bool mapped;
	char *p = buf;

	for (i = 0; i < 8; i++)
		w[i] = (unsigned)b[2 * i] << 8 | b[2 * i + 1];
	/* §5: mixed notation for ::ffff:0:0/96 only; the last two fields
	 * then become the dotted quad. */
	mapped = w[0] == 0 && w[1] == 0 && w[2] == 0 && w[3] == 0 &&
	    w[4] == 0 && w[5] == 0xffff;
	nf = mapped ? 6 : 8;
	/* §4.2.3: the longest run of zero fields, the first on a tie (hence
	 * '>' not '>='); §4.2.2: never a single field. */
	for (i = 0; i < nf; i++) {
		run = w[i] == 0 ? run + 1 : 0;
		if (run > blen) {
			blen = run;
			best = i - run + 1;
		}
	}
	if (blen < 2)
		best = -1;
	for (i = 0; i < nf; i++) {
		if (i == best) {
			*p++ = ':';
			*p++ = ':';
			i += blen - 1;
			continue;
		}
		if (i > 0 && i != best + blen)
			*p++ = ':';
		/* §4.1 and §4.3: no leading zeros, lower case. */
		p += sprintf(p, "%x", w[i]);
	}
	if (mapped) {
		if (p[-1] != ':')
			*p++ = ':';
		p += fmt4(b + 12, p);
	}
	*p = '\0';
}

char *
names_addr_fmt(const struct addr *a, char *buf)
{
	buf[0] = '\0';
	if (a->family == 4)
		fmt4(a->b, buf);
	else if (a->family == 6)
		fmt6(a->b, buf);
	return buf;
}

/* Key byte for label byte C: see names.h for why bytes below 'A' go up by
 * one.  After lower-casing, 'A'-'Z' never occur, so 0x00-0x40 land on
 * 0x01-0x41 without meeting any other byte and 0x00 is left to the
 * separator. */
static uint8_t
key_byte(uint8_t c)
{
	c = names_lower(c);
	return c < 'A' ? (uint8_t)(c + 1) : c;
}

size_t
names_key(const uint8_t *wire, uint8_t *out)
{
	uint8_t off[LABELS_MAX];
	size_t len = 0;
	int n, i, j;

	if ((n = label_offsets(wire, off)) < 0)
		return 0;
	for (i = n - 1; i >= 0; i--) {
		const uint8_t *label = wire + off[i];

		for (j = 1; j <= label[0]; j++)
			out[len++] = key_byte(label[j]);
		out[len++] = 0;
	}
	return len;
}

int
names_key_cmp(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
	int r = memcmp(a, b, alen < blen ? alen : blen);

	if (r != 0)
		return r;
	return (alen > blen) - (alen < blen);
}

bool
names_key_below(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
	/* Every key ends at a label boundary, so a prefix match is one. */
	return alen >= blen && memcmp(a, b, blen) == 0;
}

struct txt {
	char *buf;
	size_t size;
	size_t len;
	bool full;
};

/* Appends N bytes of S, keeping room for the final NUL. */
static void
txt_put(struct txt *t, const char *s, size_t n)
{
	if (t->full || t->size - t->len <= n) {
		t->full = true;
		return;
	}
	memcpy(t->buf + t->len, s, n);
	t->len += n;
}

/* One label byte as ldns_rdf2buffer_str_dname() in ldns 1.8.3 writes it:
 * a backslash before . ; ( ) and \, \DDD unless isascii() && isgraph()
 * (so space too), everything else bare, '"', '@' and '$' included. */
static void
txt_byte(struct txt *t, uint8_t c)
{
	char esc[5];

	if (c == '.' || c == ';' || c == '(' || c == ')' || c == '\\') {
		esc[0] = '\\';
		esc[1] = (char)c;
		txt_put(t, esc, 2);
	} else if (c <= ' ' || c >= 0x7f) {
		snprintf(esc, sizeof(esc), "\\%03u", (unsigned)c);
		txt_put(t, esc, 4);
	} else {
		esc[0] = (char)c;
		txt_put(t, esc, 1);
	}
}

int
names_fmt(const uint8_t *wire, char *buf, size_t size)
{
	struct txt t = { buf, size, 0, false };
	size_t pos = 0;
	uint8_t i;

	if (names_wire_len(wire) == 0)
		return RDA_EINVAL;
	if (wire[0] == 0)
		txt_put(&t, ".", 1);
	for (; wire[pos] != 0; pos += 1 + (size_t)wire[pos]) {
		for (i = 1; i <= wire[pos]; i++)
			txt_byte(&t, names_lower(wire[pos + i]));
		txt_put(&t, ".", 1);
	}
	if (t.full) {
		if (size > 0)
			buf[0] = '\0';
		return RDA_ELIMIT;
	}
	buf[t.len] = '\0';
	return (int)t.len;
}
