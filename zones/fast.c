/* fast.c -- the fast record path; see fast.h. */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/names.h"
#include "zones/fast.h"

/* Characters a plain label may hold.  ldns copies any byte but '.' and
 * '\\' into a label; the fast path takes only these and leaves the rest
 * (escapes, quotes, '@', parentheses, control bytes) to ldns. */
static const bool plain_tab[256] = {
	['a'] = true, ['b'] = true, ['c'] = true, ['d'] = true, ['e'] = true,
	['f'] = true, ['g'] = true, ['h'] = true, ['i'] = true, ['j'] = true,
	['k'] = true, ['l'] = true, ['m'] = true, ['n'] = true, ['o'] = true,
	['p'] = true, ['q'] = true, ['r'] = true, ['s'] = true, ['t'] = true,
	['u'] = true, ['v'] = true, ['w'] = true, ['x'] = true, ['y'] = true,
	['z'] = true, ['A'] = true, ['B'] = true, ['C'] = true, ['D'] = true,
	['E'] = true, ['F'] = true, ['G'] = true, ['H'] = true, ['I'] = true,
	['J'] = true, ['K'] = true, ['L'] = true, ['M'] = true, ['N'] = true,
	['O'] = true, ['P'] = true, ['Q'] = true, ['R'] = true, ['S'] = true,
	['T'] = true, ['U'] = true, ['V'] = true, ['W'] = true, ['X'] = true,
	['Y'] = true, ['Z'] = true, ['0'] = true, ['1'] = true, ['2'] = true,
	['3'] = true, ['4'] = true, ['5'] = true, ['6'] = true, ['7'] = true,
	['8'] = true, ['9'] = true, ['-'] = true, ['_'] = true, ['*'] = true,
	['/'] = true
};

static inline bool
plain(unsigned char c)
{
	return plain_tab[c];
}

/* Writes the name TEXT (LEN bytes, relative to ORIGIN unless it ends in a
 * dot) in wire form to OUT.  Returns the length, or 0 to decline. */
static size_t
name_wire(const char *text, size_t len, const uint8_t *origin, size_t olen,
    uint8_t *out)
{
	size_t i, o = 1, lab = 0;
	bool abs = len > 0 && text[len - 1] == '.';

	if (len == 0 || (abs && len == 1))
		return 0;
	if (abs)
		len--;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c == '.') {
			if (o - lab - 1 == 0)
				return 0;	/* empty label */
			out[lab] = (uint8_t)(o - lab - 1);
			lab = o++;
			continue;
		}
		if (!plain(c) || o - lab - 1 >= 63 || o >= 255)
			return 0;
		out[o++] = c;
	}
	if (o - lab - 1 == 0)
		return 0;
	out[lab] = (uint8_t)(o - lab - 1);
	if (abs) {
		if (o + 1 > 255)
			return 0;	/* RFC 1035 §3.1: 255 bytes at most */
		out[o++] = 0;
		return o;
	}
	if (origin == NULL || olen == 0 || o + olen > 255)
		return 0;
	memcpy(out + o, origin, olen);
	return o + olen;
}

/* The single blank-separated token of S: sets *TOK and *LEN, and returns
 * false when there is none or more than one. */
static bool
one_token(const char *s, const char **tok, size_t *len)
{
	const char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	for (e = s; *e != '\0' && *e != ' ' && *e != '\t'; e++)
		;
	*tok = s;
	*len = (size_t)(e - s);
	while (*e == ' ' || *e == '\t')
		e++;
	return *len > 0 && *e == '\0';
}

static uint16_t
fast_type(const char *t)
{
	switch (t[0]) {
	case 'a': case 'A':
		if (t[1] == '\0')
			return 1;
		if (strcasecmp(t, "AAAA") == 0)
			return 28;
		return 0;
	case 'p': case 'P':
		return strcasecmp(t, "PTR") == 0 ? 12 : 0;
	case 'c': case 'C':
		return strcasecmp(t, "CNAME") == 0 ? 5 : 0;
	}
	return 0;
}

bool
fast_parse(const char *owner, const char *type, const char *rest,
    const uint8_t *origin, size_t olen, const uint8_t *prev, size_t plen,
    struct fast_rr *out)
{
	char addr[64];
	const char *tok;
	size_t len;

	if ((out->type = fast_type(type)) == 0 || !one_token(rest, &tok, &len))
		return false;
	/* ldns makes names longer than 255 bytes when it appends the origin
	 * (the loader reports them after ldns); a previous owner or origin
	 * like that is not copied here. */
	if (olen > NAMES_WIRE_MAX || plen > NAMES_WIRE_MAX)
		return false;
	if (owner == NULL) {
		if (prev == NULL || (out->owner_len = plen) == 0)
			return false;
		memcpy(out->owner, prev, out->owner_len);
	} else if (owner[0] == '@' && owner[1] == '\0') {
		if (origin == NULL || (out->owner_len = olen) == 0)
			return false;
		memcpy(out->owner, origin, out->owner_len);
	} else if ((out->owner_len = name_wire(owner, strlen(owner), origin,
	    olen, out->owner)) == 0)
		return false;
	switch (out->type) {
	case 1:
	case 28:
		/* ldns_str2rdf_a/aaaa are inet_pton(); so is this. */
		if (len >= sizeof(addr))
			return false;
		memcpy(addr, tok, len);
		addr[len] = '\0';
		if (inet_pton(out->type == 1 ? AF_INET : AF_INET6, addr,
		    out->rdata) != 1)
			return false;
		out->rdlen = out->type == 1 ? 4 : 16;
		return true;
	default:
		out->rdlen = name_wire(tok, len, origin, olen, out->rdata);
		return out->rdlen > 0;
	}
}

bool
fast_same(const struct fast_rr *f, uint32_t ttl, const ldns_rr *rr,
    char *why, size_t whylen)
{
	const ldns_rdf *o = ldns_rr_owner(rr), *d;

	if (ldns_rdf_size(o) != f->owner_len ||
	    memcmp(ldns_rdf_data(o), f->owner, f->owner_len) != 0) {
		snprintf(why, whylen, "owner differs");
		return false;
	}
	if (ldns_rr_get_type(rr) != f->type) {
		snprintf(why, whylen, "type %u, ldns %u", f->type,
		    (unsigned)ldns_rr_get_type(rr));
		return false;
	}
	if (ldns_rr_ttl(rr) != ttl) {
		snprintf(why, whylen, "TTL %u, ldns %u", ttl, ldns_rr_ttl(rr));
		return false;
	}
	if (ldns_rr_rd_count(rr) != 1 || (d = ldns_rr_rdf(rr, 0)) == NULL ||
	    ldns_rdf_size(d) != f->rdlen ||
	    memcmp(ldns_rdf_data(d), f->rdata, f->rdlen) != 0) {
		snprintf(why, whylen, "rdata differs");
		return false;
	}
	return true;
}

bool
fast_in_zone(const uint8_t *name, size_t len, const uint8_t *apex,
    size_t apexlen)
{
	size_t p = 0, i;

	if (len < apexlen)
		return false;
	/* Walk to the label where a suffix of APEXLEN bytes would start. */
	while (len - p > apexlen)
		p += 1 + name[p];
	if (len - p != apexlen)
		return false;
	for (i = 0; i < apexlen; i++)
		if (names_lower(name[p + i]) != apex[i])
			return false;
	return true;
}
