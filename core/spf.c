/* spf.c -- the terms of an SPF record; see spf.h.
 *
 * RFC 7208 §12 grammar, case-insensitive: terms separated by spaces;
 * a mechanism is [qualifier] name [":" domain-spec] [cidr], a modifier is
 * name "=" value.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/err.h"
#include "core/spf.h"

size_t
spf_domain_wire(const char *s, size_t len, uint8_t *out)
{
	size_t i, lab = 0, n = 1;

	if (len > 0 && s[len - 1] == '.')
		len--;
	if (len == 0 || len > NAMES_WIRE_MAX - 2)
		return 0;
	out[0] = 0;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '.') {
			if (n - lab - 1 == 0)
				return 0;	/* empty label */
			out[lab] = (uint8_t)(n - lab - 1);
			lab = n++;
			continue;
		}
		if (c <= ' ' || c >= 0x7f || c == '\\' || n - lab > 63)
			return 0;
		out[n++] = c;
	}
	if (n - lab - 1 == 0)
		return 0;
	out[lab] = (uint8_t)(n - lab - 1);
	out[n++] = 0;
	return names_wire_len(out) == n ? n : 0;
}

/* A prefix length of at most MAX digits' value LIMIT after a '/'. */
static bool
cidr(const char **p, const char *end, unsigned limit, unsigned *out)
{
	const char *s = *p;
	unsigned v = 0;

	if (s >= end || !isdigit((unsigned char)*s))
		return false;
	/* RFC 7208 §5.6: no leading zeros. */
	if (*s == '0' && s + 1 < end && isdigit((unsigned char)s[1]))
		return false;
	for (; s < end && isdigit((unsigned char)*s); s++)
		if ((v = v * 10 + (unsigned)(*s - '0')) > limit)
			return false;
	*out = v;
	*p = s;
	return true;
}

/* a, mx: [":" domain] ["/" ip4-len] ["//" ip6-len]. */
static bool
domain_cidr(const char *s, const char *end, struct spf_term *t, bool need)
{
	const char *slash = memchr(s, '/', (size_t)(end - s));
	const char *dend = slash != NULL ? slash : end;
	unsigned v4, v6;

	if (s < end && *s == ':') {
		size_t n = (size_t)(dend - s - 1);

		if (n == 0 || n >= sizeof(t->domain))
			return false;
		memcpy(t->domain, s + 1, n);
		t->domain[n] = '\0';
		t->has_domain = true;
		t->macro = memchr(t->domain, '%', n) != NULL;
	} else if (need || s != dend)
		return false;
	if (slash == NULL)
		return true;
	s = slash;
	if (s + 1 < end && s[1] != '/') {	/* "/24" */
		s++;
		if (!cidr(&s, end, 32, &v4))
			return false;
	}
	if (s < end) {				/* "//64" */
		if (end - s < 3 || s[0] != '/' || s[1] != '/')
			return false;
		s += 2;
		if (!cidr(&s, end, 128, &v6))
			return false;
	}
	return s == end;
}

static bool
network(const char *s, const char *end, struct spf_term *t, int family)
{
	char buf[NAMES_ADDR_TXT_MAX];
	const char *slash;
	size_t n;

	if (s >= end || *s != ':')
		return false;
	s++;
	slash = memchr(s, '/', (size_t)(end - s));
	n = (size_t)((slash != NULL ? slash : end) - s);
	if (n == 0 || n >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (names_addr_parse(buf, &t->addr) < 0 ||
	    t->addr.family != (family == 4 ? 4 : 6))
		return false;
	t->plen = family == 4 ? 32 : 128;
	if (slash == NULL)
		return true;
	s = slash + 1;
	return cidr(&s, end, t->plen, &t->plen) && s == end;
}

static const struct {
	const char *name;
	enum spf_kind kind;
} mechs[] = {
	{"all", SPF_ALL}, {"include", SPF_INCLUDE}, {"a", SPF_A},
	{"mx", SPF_MX}, {"ptr", SPF_PTR}, {"ip4", SPF_IP4},
	{"ip6", SPF_IP6}, {"exists", SPF_EXISTS},
};

/* Parses the term [S, END) into *T. */
static bool
term(const char *s, const char *end, struct spf_term *t)
{
	const char *eq, *name = s;
	size_t i, n;

	memset(t, 0, sizeof(*t));
	t->qual = '+';
	eq = memchr(s, '=', (size_t)(end - s));
	if (eq != NULL && eq > s && memchr(s, ':', (size_t)(eq - s)) == NULL &&
	    memchr(s, '/', (size_t)(eq - s)) == NULL) {
		/* A modifier: name "=" value. */
		n = (size_t)(eq - s);
		if (n == 8 && strncasecmp(s, "redirect", 8) == 0)
			t->kind = SPF_REDIRECT;
		else if (n == 3 && strncasecmp(s, "exp", 3) == 0)
			t->kind = SPF_EXP;
		else
			t->kind = SPF_OTHER_MOD;
		if (t->kind == SPF_OTHER_MOD)
			return isalpha((unsigned char)*s);
		n = (size_t)(end - eq - 1);
		if (n == 0 || n >= sizeof(t->domain))
			return false;
		memcpy(t->domain, eq + 1, n);
		t->domain[n] = '\0';
		t->has_domain = true;
		t->macro = memchr(t->domain, '%', n) != NULL;
		return true;
	}
	if (strchr("+-~?", *s) != NULL)
		t->qual = *s++, name = s;
	for (n = 0; s + n < end && isalnum((unsigned char)s[n]); n++)
		;
	for (i = 0; i < sizeof(mechs) / sizeof(mechs[0]); i++)
		if (strlen(mechs[i].name) == n &&
		    strncasecmp(name, mechs[i].name, n) == 0)
			break;
	if (i == sizeof(mechs) / sizeof(mechs[0]))
		return false;
	t->kind = mechs[i].kind;
	s += n;
	switch (t->kind) {
	case SPF_ALL:
		return s == end;
	case SPF_A:
	case SPF_MX:
		return domain_cidr(s, end, t, false);
	case SPF_PTR:
		return s == end || (*s == ':' && domain_cidr(s, end, t, true) &&
		    memchr(s, '/', (size_t)(end - s)) == NULL);
	case SPF_INCLUDE:
	case SPF_EXISTS:
		return domain_cidr(s, end, t, true) &&
		    memchr(s, '/', (size_t)(end - s)) == NULL;
	case SPF_IP4:
		return network(s, end, t, 4);
	case SPF_IP6:
		return network(s, end, t, 6);
	default:
		return false;
	}
}

int
spf_next(const char **p, struct spf_term *t)
{
	const char *s = *p, *end;

	for (;;) {
		while (*s == ' ')
			s++;
		if (*s == '\0') {
			*p = s;
			return 0;
		}
		for (end = s; *end != '\0' && *end != ' '; end++)
			;
		*p = end;
		/* The version section is not a term. */
		if (end - s == 6 && strncasecmp(s, "v=spf1", 6) == 0) {
			s = end;
			continue;
		}
		return term(s, end, t) ? 1 : RDA_ESYNTAX;
	}
}
