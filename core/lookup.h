/* lookup.h -- answers a question from the loaded data the way a resolver
 * would (DESIGN.md, "Authority and lookup"): exact node, CNAMEs followed,
 * empty non-terminals answer NODATA, a wildcard at the closest encloser
 * answers for a name that does not exist, otherwise NXDOMAIN; a name no
 * loaded zone is authoritative for is UNKNOWN.
 */
#ifndef RDA_LOOKUP_H
#define RDA_LOOKUP_H

#include <stdint.h>

#include "core/model.h"

#define LOOKUP_MAX_HOPS 8	/* CNAMEs followed before giving up */

enum lk_status {
	LK_ANSWER,	/* records of the type at res->node */
	LK_NODATA,	/* the name exists, without that type */
	LK_NXDOMAIN,	/* the name does not exist */
	LK_UNKNOWN,	/* no loaded zone is authoritative for the name */
	LK_LOOP,	/* the CNAME chain comes back on itself */
	LK_TOOLONG,	/* more than LOOKUP_MAX_HOPS CNAMEs */
};

/* 16 bytes: the indexes hold one per record, so only what the checks
 * read is kept (the closest encloser of an NXDOMAIN and the first CNAME
 * of a chain are not). */
struct lk_result {
	uint8_t status;		/* enum lk_status */
	uint8_t hops;		/* CNAMEs followed */
	uint32_t name;		/* the last name asked (node id), MODEL_NONE
				 * when it is not in the tree */
	uint32_t node;		/* LK_ANSWER/LK_NODATA: the node holding the
				 * data (the wildcard for a synthesized one) */
	uint32_t zone;		/* zone that answered, or MODEL_NONE */
};

/* Looks up TYPE at the name WIRE. */
void lookup_wire(const struct model *m, const uint8_t *wire, uint16_t type,
    struct lk_result *res);

/* Looks up TYPE at a name found by walking down the tree as model_find()
 * does: ID is its node, or MODEL_NONE when the walk stopped early, and
 * CLOSEST the deepest node reached (ID when found).  lookup_wire() is
 * model_find() and this. */
void lookup_found(const struct model *m, uint32_t id, uint32_t closest,
    uint16_t type, struct lk_result *res);

/* Looks up TYPE at node ID. */
void lookup_node(const struct model *m, uint32_t id, uint16_t type,
    struct lk_result *res);

/* The first record of TYPE at node ID in zone ZONE, or MODEL_NONE; NEXT
 * gives the one after AFTER. */
uint32_t lookup_rec(const struct model *m, uint32_t id, uint32_t zone,
    uint16_t type);
uint32_t lookup_rec_next(const struct model *m, uint32_t id, uint32_t zone,
    uint16_t type, uint32_t after);

/* A status as a word ("NXDOMAIN"). */
const char *lookup_status_str(enum lk_status s);

#endif
