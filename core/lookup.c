/* lookup.c -- resolver-like lookups over the model; see lookup.h. */
#include <stdbool.h>

#include "core/lookup.h"

uint32_t
lookup_rec_next(const struct model *m, uint32_t id, uint32_t zone,
    uint16_t type, uint32_t after)
{
	const struct node *n = &m->nodes[id];
	uint32_t i = after == MODEL_NONE ? n->first : after + 1;

	for (; i < n->first + n->nrec; i++)
		if (m->recs[i].type == type &&
		    model_rec_zone(m, &m->recs[i]) == zone)
			return i;
	return MODEL_NONE;
}

uint32_t
lookup_rec(const struct model *m, uint32_t id, uint32_t zone, uint16_t type)
{
	return lookup_rec_next(m, id, zone, type, MODEL_NONE);
}

/* The deepest node at or above ID that exists in ZONE. */
static uint32_t
encloser(const struct model *m, uint32_t id, uint32_t zone)
{
	while (id != MODEL_NONE) {
		const struct node *n = &m->nodes[id];

		if ((n->flags & NODE_EXISTS) && n->zone == zone)
			return id;
		if (n->flags & NODE_APEX)
			return id;
		id = n->parent;
	}
	return 0;
}

/* Where the data for a name lives: its own node when it exists, else the
 * wildcard at the closest encloser (RFC 4592), else nothing.  ID is the
 * name's node or MODEL_NONE; CLOSEST the deepest node above it. */
static void
step(const struct model *m, uint32_t id, uint32_t closest,
    struct lk_result *res)
{
	static const uint8_t star[] = {'*'};
	uint32_t at = id != MODEL_NONE ? id : closest, ce, w;
	const struct node *n = &m->nodes[at];

	res->node = MODEL_NONE;
	res->zone = MODEL_NONE;
	/* A name below a node that is itself not authoritative (a cut, glue,
	 * outside every zone) is unknown; so is that node, and a name whose
	 * live look-up failed (model.h, "Live data"). */
	if (!model_auth(m, at) || model_fail(m, at) != FAIL_NONE) {
		res->status = LK_UNKNOWN;
		return;
	}
	res->zone = n->zone;
	if (id != MODEL_NONE && (n->flags & NODE_EXISTS)) {
		res->node = id;
		res->status = LK_NODATA;
		return;
	}
	ce = encloser(m, id != MODEL_NONE ? m->nodes[id].parent : closest,
	    n->zone);
	w = model_child(m, ce, star, 1);
	if (w != MODEL_NONE && (m->nodes[w].flags & NODE_EXISTS) &&
	    m->nodes[w].zone == n->zone) {
		res->node = w;
		res->status = LK_NODATA;
		return;
	}
	res->status = LK_NXDOMAIN;
}

static void
resolve(const struct model *m, uint32_t id, uint32_t closest, uint16_t type,
    struct lk_result *res)
{
	uint32_t seen[LOOKUP_MAX_HOPS + 1], c;
	unsigned i;

	res->hops = 0;
	for (;;) {
		res->name = id;
		step(m, id, closest, res);
		if (res->status != LK_NODATA)
			return;
		if (lookup_rec(m, res->node, res->zone, type) != MODEL_NONE) {
			res->status = LK_ANSWER;
			return;
		}
		if (type == RT_CNAME ||
		    (c = lookup_rec(m, res->node, res->zone, RT_CNAME)) ==
		    MODEL_NONE)
			return;
		/* RFC 1034 §3.6.2: restart the query at the canonical name. */
		if (res->hops == LOOKUP_MAX_HOPS) {
			res->status = LK_TOOLONG;
			return;
		}
		seen[res->hops] = id;
		res->hops++;
		id = m->recs[c].rd.target;
		for (i = 0; i < res->hops; i++)
			if (seen[i] == id) {
				res->status = LK_LOOP;
				return;
			}
	}
}

void
lookup_node(const struct model *m, uint32_t id, uint16_t type,
    struct lk_result *res)
{
	resolve(m, id, MODEL_NONE, type, res);
}

void
lookup_found(const struct model *m, uint32_t id, uint32_t closest,
    uint16_t type, struct lk_result *res)
{
	resolve(m, id, closest, type, res);
}

void
lookup_wire(const struct model *m, const uint8_t *wire, uint16_t type,
    struct lk_result *res)
{
	uint32_t closest = 0, id;

	id = model_find(m, wire, &closest, NULL);
	resolve(m, id, closest, type, res);
}

const char *
lookup_status_str(enum lk_status s)
{
	static const char *const str[] = {
		[LK_ANSWER] = "ANSWER", [LK_NODATA] = "NODATA",
		[LK_NXDOMAIN] = "NXDOMAIN", [LK_UNKNOWN] = "UNKNOWN",
		[LK_LOOP] = "CNAME loop", [LK_TOOLONG] = "CNAME chain too long",
	};

	return str[s];
}
