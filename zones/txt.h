/* txt.h -- the part of TXT records the model keeps: SPF texts.
 *
 * A TXT record is stored as a record without data (existence); when its
 * strings, joined, are an SPF record (RFC 7208 §3.3, §4.5) their text also
 * goes to the model's SPF side table (model_spf_add()).
 */
#ifndef RDA_TXT_H
#define RDA_TXT_H

#include <ldns/ldns.h>

#include "core/model.h"

/* Whether the TXT record RR is SPF; if so its text (the strings joined,
 * not NUL-terminated) is in TEXT (SIZE bytes; 65,536 hold any) and its
 * length in *LEN.  The loader hands it to model_spf_add(). */
bool txt_spf(const ldns_rr *rr, char *text, size_t size, size_t *len);

#endif
