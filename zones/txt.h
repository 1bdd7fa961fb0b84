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

/* Adds the SPF text of the TXT record RR, stored as R, to M's side table
 * when it is one.  Returns 0 (also when it is not SPF), RDA_ENOMEM or
 * RDA_ELIMIT. */
int txt_store_spf(struct model *m, const struct rec *r, const ldns_rr *rr);

#endif
