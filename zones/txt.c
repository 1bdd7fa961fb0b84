/* txt.c -- SPF texts out of TXT records; see txt.h. */
#include <string.h>

#include "core/err.h"
#include "zones/txt.h"

bool
txt_spf(const ldns_rr *rr, char *text, size_t size, size_t *len)
{
	size_t i, n = 0;

	for (i = 0; i < ldns_rr_rd_count(rr); i++) {
		const ldns_rdf *f = ldns_rr_rdf(rr, i);
		const uint8_t *d = ldns_rdf_data(f);
		size_t l;

		if (ldns_rdf_get_type(f) != LDNS_RDF_TYPE_STR ||
		    ldns_rdf_size(f) == 0)
			return false;
		l = d[0] < ldns_rdf_size(f) ? d[0] : ldns_rdf_size(f) - 1;
		if (n + l >= size)
			return false;
		/* RFC 7208 §3.3: the strings are joined, nothing between. */
		memcpy(text + n, d + 1, l);
		n += l;
	}
	/* A NUL byte would cut the stored text short: such a record is not
	 * SPF that a receiver accepts anyway. */
	if (memchr(text, '\0', n) != NULL || !model_spf_is(text, n))
		return false;
	*len = n;
	return true;
}
