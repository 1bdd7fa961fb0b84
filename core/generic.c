/* generic.c -- generic-looking PTR names; see generic.h. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/generic.h"

/* Words ISPs put in the names of pools of customer addresses.  Left out on
 * purpose, because server names use them too: "static" (static content
 * hosts), "home", "nat", "user", "ip", "host". */
const char *const generic_default_words[] = {
	"abo", "adsl", "bb", "broadband", "cable", "cablemodem", "client",
	"clients", "cpe", "cust", "customer", "customers", "dhcp", "dial",
	"dialin", "dialup", "dip", "dsl", "dyn", "dynamic", "dynamicip",
	"dynip", "fios", "ftth", "fttx", "gprs", "hsd", "lte", "mobile",
	"pool", "pools", "ppp", "pppoe", "pppoa", "res", "residential",
	"sdsl", "static-ip", "staticip", "subs", "subscriber", "umts",
	"vdsl", "wireless", "xdsl",
	NULL,
};

#define MAXNUM 128

/* The numbers in NAME: each maximal run of decimal digits. */
static size_t
numbers(const char *name, unsigned long *v, size_t *ndig)
{
	size_t n = 0;
	const char *s = name;

	while (*s != '\0' && n < MAXNUM) {
		if (!isdigit((unsigned char)*s)) {
			s++;
			continue;
		}
		v[n] = 0;
		ndig[n] = 0;
		for (; isdigit((unsigned char)*s); s++, ndig[n]++)
			if (ndig[n] < 9)
				v[n] = v[n] * 10 + (unsigned long)(*s - '0');
		n++;
	}
	return n;
}

/* Whether K octets of B starting at FROM appear as consecutive numbers of
 * at most three digits, in order (STEP 1) or reversed (STEP -1). */
static bool
run_of(const unsigned long *v, const size_t *ndig, size_t n, const uint8_t *b,
    int from, int k, int step)
{
	size_t i;
	int j;

	for (i = 0; i + (size_t)k <= n; i++) {
		for (j = 0; j < k; j++) {
			int o = step > 0 ? from + j : from + k - 1 - j;

			if (ndig[i + (size_t)j] > 3 || v[i + (size_t)j] != b[o])
				break;
		}
		if (j == k)
			return true;
	}
	return false;
}

static bool
embeds_v4(const char *name, const uint8_t *b)
{
	unsigned long v[MAXNUM];
	size_t ndig[MAXNUM], n = numbers(name, v, ndig);
	char pad[13], padr[13], hex[9];

	/* All four octets, or three in a row (the network part "ip-198-51-100"
	 * or the host part "100-7" with one more): no server name carries
	 * three of its address's octets by chance. */
	if (run_of(v, ndig, n, b, 0, 3, 1) || run_of(v, ndig, n, b, 1, 3, 1) ||
	    run_of(v, ndig, n, b, 0, 3, -1) || run_of(v, ndig, n, b, 1, 3, -1))
		return true;
	snprintf(pad, sizeof(pad), "%03u%03u%03u%03u", b[0], b[1], b[2],
	    b[3]);
	snprintf(padr, sizeof(padr), "%03u%03u%03u%03u", b[3], b[2], b[1],
	    b[0]);
	snprintf(hex, sizeof(hex), "%02x%02x%02x%02x", b[0], b[1], b[2], b[3]);
	return strstr(name, pad) != NULL || strstr(name, padr) != NULL ||
	    strstr(name, hex) != NULL;
}

static bool
embeds_v6(const char *name, const struct addr *a)
{
	char flat[256], want[80], *d = flat;
	const char *s;
	unsigned g[8];
	int i;

	/* The 32 nibbles, with every separator taken out. */
	for (s = name; *s != '\0' && d < flat + sizeof(flat) - 1; s++)
		if (isxdigit((unsigned char)*s))
			*d++ = *s;
	*d = '\0';
	for (i = 0; i < 16; i++)
		sprintf(want + 2 * i, "%02x", a->b[i]);
	if (strstr(flat, want) != NULL)
		return true;
	/* The groups without leading zeros, joined by '-' or '.'. */
	for (i = 0; i < 8; i++)
		g[i] = (unsigned)a->b[2 * i] << 8 | a->b[2 * i + 1];
	snprintf(want, sizeof(want), "%x-%x-%x-%x-%x-%x-%x-%x", g[0], g[1],
	    g[2], g[3], g[4], g[5], g[6], g[7]);
	if (strstr(name, want) != NULL)
		return true;
	for (d = want; *d != '\0'; d++)
		if (*d == '-')
			*d = '.';
	if (strstr(name, want) != NULL)
		return true;
	/* RFC 5952 text with ':' as '-' ("2001-db8--25"). */
	names_addr_fmt(a, want);
	for (d = want; *d != '\0'; d++)
		if (*d == ':')
			*d = '-';
	return strstr(name, want) != NULL;
}

/* Where the registered domain starts in NAME (lower case, no final dot):
 * the last two labels, or three under a two-letter country code with a
 * second-level label of at most three letters (co.uk, com.au, net.br). */
static size_t
registered(const char *name)
{
	size_t dots[128], n = 0, len = strlen(name), i;

	for (i = 0; i < len && n < 128; i++)
		if (name[i] == '.')
			dots[n++] = i;
	if (n < 1)
		return 0;
	if (n >= 2 && len - dots[n - 1] - 1 == 2 &&
	    dots[n - 1] - dots[n - 2] - 1 <= 3)
		return n >= 3 ? dots[n - 3] + 1 : 0;
	return n >= 2 ? dots[n - 2] + 1 : 0;
}

/* Whether WORD occurs in NAME[0, END) with no letter just before or
 * after it. */
static bool
has_word(const char *name, size_t end, const char *word)
{
	size_t wl = strlen(word), i;

	if (wl == 0)
		return false;
	for (i = 0; i + wl <= end; i++) {
		if (strncmp(name + i, word, wl) != 0)
			continue;
		if ((i == 0 || !isalpha((unsigned char)name[i - 1])) &&
		    (i + wl == end || !isalpha((unsigned char)name[i + wl])))
			return true;
	}
	return false;
}

bool
generic_ptr(const char *name, const struct addr *a,
    const char *const *words, size_t nwords, const char **why)
{
	char low[NAMES_TXT_MAX];
	size_t i, len, end;
	const char *w;

	for (len = 0; name[len] != '\0' && len < sizeof(low) - 1; len++)
		low[len] = (char)tolower((unsigned char)name[len]);
	if (len > 0 && low[len - 1] == '.')
		len--;
	low[len] = '\0';
	if ((a->family == 4 && embeds_v4(low, a->b)) ||
	    (a->family == 6 && embeds_v6(low, a))) {
		if (why != NULL)
			*why = "embeds the address";
		return true;
	}
	end = registered(low);
	for (i = 0;; i++) {
		w = words != NULL ? (i < nwords ? words[i] : NULL) :
		    generic_default_words[i];
		if (w == NULL)
			return false;
		if (has_word(low, end, w)) {
			if (why != NULL)
				*why = w;
			return true;
		}
	}
}
