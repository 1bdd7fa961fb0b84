/* txt.c -- SPF texts out of TXT records; see txt.h. */
#include <string.h>

#include "core/err.h"
#include "zones/txt.h"

int
txt_store_spf(struct model *m, const struct rec *r, const ldns_rr *rr)
{
	/* 255 strings of 255 bytes at most fit in the 65535 bytes of rdata. */
	char text[65536];
	size_t i, n = 0;

	for (i = 0; i < ldns_rr_rd_count(rr); i++) {
		const ldns_rdf *f = ldns_rr_rdf(rr, i);
		const uint8_t *d = ldns_rdf_data(f);
		size_t len;

		if (ldns_rdf_get_type(f) != LDNS_RDF_TYPE_STR ||
		    ldns_rdf_size(f) == 0)
			return 0;
		len = d[0] < ldns_rdf_size(f) ? d[0] : ldns_rdf_size(f) - 1;
		if (n + len >= sizeof(text))
			return 0;
		/* RFC 7208 §3.3: the strings are joined, nothing between. */
		memcpy(text + n, d + 1, len);
		n += len;
	}
	/* A NUL byte would cut the stored text short: such a record is not
	 * SPF that a receiver accepts anyway. */
	if (memchr(text, '\0', n) != NULL || !model_spf_is(text, n))
		return 0;
	return model_spf_add(m, r->owner, r->src, r->line, text, n);
}
