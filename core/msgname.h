/* msgname.h -- names, zones and types as the checks write them into
 * messages.  A message often names several things at once, so the names
 * are formatted into a small ring of buffers that lives as long as one
 * message is being made.
 */
#ifndef RDA_MSGNAME_H
#define RDA_MSGNAME_H

#include "core/lookup.h"
#include "core/model.h"

#define MSGNAME_RING 4		/* names one message may hold at once */

struct msgname {
	char buf[MSGNAME_RING][NAMES_TXT_MAX];
	unsigned i;
};

/* Node ID's name, in the next buffer of the ring. */
const char *msgname_node(const struct model *m, struct msgname *n,
    uint32_t id);

/* ZONE's name: its apex, or for a live zone (model.h) the name the server
 * answered for; "?" for MODEL_NONE. */
const char *msgname_zone(const struct model *m, struct msgname *n,
    uint32_t zone);

/* The name a PTR lookup RES stopped at, or A's reverse name when it is not
 * in the tree. */
const char *msgname_asked(const struct model *m, struct msgname *n,
    const struct lk_result *res, const struct addr *a);

/* "A" or "AAAA", as A's family is. */
const char *msgname_rrtype(const struct addr *a);

#endif
