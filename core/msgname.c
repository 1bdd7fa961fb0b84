/* msgname.c -- names for messages; see msgname.h. */
#include "core/msgname.h"

const char *
msgname_node(const struct model *m, struct msgname *n, uint32_t id)
{
	return model_fmt(m, id, n->buf[n->i++ % MSGNAME_RING]);
}

const char *
msgname_zone(const struct model *m, struct msgname *n, uint32_t zone)
{
	if (zone == MODEL_NONE)
		return "?";
	if (m->zones[zone].live)
		return m->zones[zone].source;	/* the zone the server named */
	return msgname_node(m, n, m->zones[zone].apex);
}

const char *
msgname_asked(const struct model *m, struct msgname *n,
    const struct lk_result *res, const struct addr *a)
{
	uint8_t wire[NAMES_WIRE_MAX + 1];
	char *b;

	if (res->name != MODEL_NONE)
		return msgname_node(m, n, res->name);
	b = n->buf[n->i++ % MSGNAME_RING];
	names_addr_to_rev(a, wire);
	names_fmt(wire, b, NAMES_TXT_MAX);
	return b;
}

const char *
msgname_rrtype(const struct addr *a)
{
	return a->family == 4 ? "A" : "AAAA";
}
