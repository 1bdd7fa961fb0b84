/* fuzz_fast.c -- libFuzzer target: the fast record path against ldns.
 *
 * The input's first byte picks the origin and whether the owner is blank;
 * the rest is a record "owner type rdata" (the head already split, as the
 * loader hands it over).  Whenever the fast path takes a record, ldns must
 * take it too and produce the same bytes; otherwise the target aborts.
 * Run by `make fuzz` (a short run is part of `make test`).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "zones/fast.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const origins[] = {
	"example.com.", "Example.COM.", "2.0.192.in-addr.arpa.", ".",
	"8.b.d.0.1.0.0.2.ip6.arpa.",
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa."
	"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb."
	"ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc."
	"ddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd.",
};

/* The next blank-separated token of *P into OUT (at most N-1 bytes). */
static void
tok(const char **p, char *out, size_t n)
{
	const char *s = *p;
	size_t k = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	while (*s != '\0' && *s != ' ' && *s != '\t') {
		if (k + 1 < n)
			out[k++] = *s;
		s++;
	}
	out[k] = '\0';
	*p = s;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[1024], owner[512], type[64], buf[2048], why[128];
	const char *p = text;
	ldns_rdf *origin = NULL, *prev = NULL;
	ldns_rr *rr = NULL;
	struct fast_rr f;
	bool blank;

	if (size < 1 || size >= sizeof(text))
		return 0;
	blank = data[0] & 0x80;
	if (ldns_str2rdf_dname(&origin, origins[(data[0] & 0x7f) %
	    (sizeof(origins) / sizeof(origins[0]))]) != LDNS_STATUS_OK)
		abort();
	if (blank)
		prev = ldns_dname_new_frm_str("Prev.Example.com.");
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	owner[0] = '\0';
	if (!blank)
		tok(&p, owner, sizeof(owner));
	tok(&p, type, sizeof(type));
	if (fast_parse(blank ? NULL : owner, type, p, ldns_rdf_data(origin),
	    ldns_rdf_size(origin), prev != NULL ? ldns_rdf_data(prev) : NULL,
	    prev != NULL ? ldns_rdf_size(prev) : 0, &f)) {
		/* What load.c's rebuild() hands to ldns. */
		snprintf(buf, sizeof(buf), "%s 300 IN %s %s", owner, type, p);
		if (ldns_rr_new_frm_str(&rr, buf, 0, origin, &prev) !=
		    LDNS_STATUS_OK) {
			fprintf(stderr, "fast path took what ldns rejects: "
			    "'%s'\n", buf);
			abort();
		}
		if (!fast_same(&f, 300, rr, why, sizeof(why))) {
			fprintf(stderr, "fast path differs from ldns (%s): "
			    "'%s'\n", why, buf);
			abort();
		}
		ldns_rr_free(rr);
	}
	ldns_rdf_deep_free(origin);
	ldns_rdf_deep_free(prev);
	return 0;
}
