/* fuzz_names.c -- core/names.c: wire names, canonical keys, presentation
 * text, reverse names and addresses.
 *
 * The input is used three ways: as a wire name (exactly its bytes when it
 * holds a whole name, so an over-read is caught; else padded as the API
 * requires); as two wire names compared against ldns, the oracle the unit
 * tests use; and as address text.  Invariants, not just "no crash":
 * key length = wire length - 1; names_fmt() text parses back (ldns) to the
 * same name; names_key_cmp()/names_key_below() agree with
 * ldns_dname_compare()/ldns_dname_is_subdomain(); an address round-trips
 * through its reverse name and through its canonical text.
 */
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "core/err.h"
#include "core/names.h"
#include "tests/fuzz/fuzz.h"

/* Length of the name at D if it ends within SIZE bytes, else 0. */
static size_t
bounded_len(const uint8_t *d, size_t size)
{
	size_t pos = 0;

	while (pos < size && pos < NAMES_WIRE_MAX) {
		if (d[pos] == 0)
			return pos + 1;
		if (d[pos] > 63)
			return 0;
		pos += 1 + (size_t)d[pos];
	}
	return 0;
}

static int
sign(int v)
{
	return (v > 0) - (v < 0);
}

static void
check_addr(const struct addr *a)
{
	uint8_t rev[NAMES_WIRE_MAX], key1[NAMES_WIRE_MAX];
	char txt[NAMES_ADDR_TXT_MAX];
	struct addr b;
	unsigned plen = 0;
	size_t n;

	n = names_addr_to_rev(a, rev);
	FUZZ_ASSERT(n > 0 && names_wire_len(rev) == n);
	FUZZ_ASSERT(names_rev_parse(rev, &b, &plen) == NAMES_REV_ADDR);
	FUZZ_ASSERT(memcmp(a, &b, sizeof(b)) == 0);
	FUZZ_ASSERT(plen == (a->family == 4 ? 32u : 128u));
	names_addr_fmt(a, txt);
	FUZZ_ASSERT(strlen(txt) < NAMES_ADDR_TXT_MAX);
	FUZZ_ASSERT(names_addr_parse(txt, &b) == 0);
	FUZZ_ASSERT(memcmp(a, &b, sizeof(b)) == 0);
	FUZZ_ASSERT(names_key(rev, key1) == n - 1);
}

static void
one_name(const uint8_t *w)
{
	uint8_t key[NAMES_WIRE_MAX];
	char txt[NAMES_TXT_MAX];
	struct addr a;
	unsigned plen = 999;
	ldns_rdf *r = NULL;
	size_t len, klen, i;
	enum names_rev kind;
	int n;

	len = names_wire_len(w);
	klen = names_key(w, key);
	n = names_fmt(w, txt, sizeof(txt));
	kind = names_rev_parse(w, &a, &plen);
	if (len == 0) {
		FUZZ_ASSERT(klen == 0 && n == RDA_EINVAL);
		FUZZ_ASSERT(kind == NAMES_REV_NONE && plen == 999);
		return;
	}
	FUZZ_ASSERT(klen == len - 1);
	FUZZ_ASSERT(n > 0 && (size_t)n == strlen(txt));
	/* The text reads back as the same name, lower-cased. */
	FUZZ_ASSERT(ldns_str2rdf_dname(&r, txt) == LDNS_STATUS_OK);
	FUZZ_ASSERT(ldns_rdf_size(r) == len);
	for (i = 0; i < len; i++)
		FUZZ_ASSERT(ldns_rdf_data(r)[i] == names_lower(w[i]));
	ldns_rdf_deep_free(r);
	if (kind == NAMES_REV_ADDR)
		check_addr(&a);
	else if (kind == NAMES_REV_PREFIX)
		FUZZ_ASSERT(plen < (a.family == 4 ? 32u : 128u) &&
		    plen % (a.family == 4 ? 8 : 4) == 0);
}

/* Two names: our order against ldns's. */
static void
two_names(const uint8_t *w1, size_t l1, const uint8_t *w2, size_t l2)
{
	uint8_t k1[NAMES_WIRE_MAX], k2[NAMES_WIRE_MAX];
	size_t n1 = names_key(w1, k1), n2 = names_key(w2, k2);
	ldns_rdf *r1 = ldns_dname_new_frm_data(l1, w1);
	ldns_rdf *r2 = ldns_dname_new_frm_data(l2, w2);
	bool below;

	FUZZ_ASSERT(r1 != NULL && r2 != NULL);
	FUZZ_ASSERT(sign(names_key_cmp(k1, n1, k2, n2)) ==
	    sign(ldns_dname_compare(r1, r2)));
	below = ldns_dname_compare(r1, r2) == 0 ||
	    ldns_dname_is_subdomain(r1, r2);
	FUZZ_ASSERT(names_key_below(k1, n1, k2, n2) == below);
	ldns_rdf_deep_free(r1);
	ldns_rdf_deep_free(r2);
}

static void
as_text(const uint8_t *data, size_t size)
{
	char txt[64];
	struct addr a;

	if (size >= sizeof(txt))
		return;
	memcpy(txt, data, size);
	txt[size] = '\0';
	if (names_addr_parse(txt, &a) == 0)
		check_addr(&a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t pad[NAMES_WIRE_MAX + 1];
	size_t l1, l2;
	uint8_t *exact;

	as_text(data, size);
	if ((l1 = bounded_len(data, size)) > 0) {
		/* Exactly the name's bytes: ASan sees any read past it. */
		if ((exact = malloc(l1)) == NULL)
			return 0;
		memcpy(exact, data, l1);
		one_name(exact);
		free(exact);
		if ((l2 = bounded_len(data + l1, size - l1)) > 0)
			two_names(data, l1, data + l1, l2);
	} else {
		memset(pad, 0, sizeof(pad));
		memcpy(pad, data, size < NAMES_WIRE_MAX ? size : NAMES_WIRE_MAX);
		one_name(pad);
	}
	return 0;
}
