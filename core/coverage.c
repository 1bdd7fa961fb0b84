/* coverage.c -- the reverse-DNS state of each address; see coverage.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/coverage.h"
#include "core/err.h"

static const char *const state_ids[COV_NSTATES] = {
	[COV_PASS] = "pass", [COV_MISSING] = "missing", [COV_BAD] = "bad",
	[COV_PTR_ONLY] = "ptr-only", [COV_UNUSED] = "unused",
	[COV_DELEGATED] = "delegated", [COV_UNKNOWN] = "unknown",
};

static const char *const state_descs[COV_NSTATES] = {
	[COV_PASS] = "FCrDNS passes",
	[COV_MISSING] = "PTR missing",
	[COV_BAD] = "PTR mismatched or dangling",
	[COV_PTR_ONLY] = "PTR only (no A/AAAA, target not loaded)",
	[COV_UNUSED] = "unused",
	[COV_DELEGATED] = "delegated elsewhere",
	[COV_UNKNOWN] = "unknown (reverse or target not loaded)",
};

const char *
coverage_state_str(enum cov_state s)
{
	return s < COV_NSTATES ? state_ids[s] : "?";
}

const char *
coverage_state_desc(enum cov_state s)
{
	return s < COV_NSTATES ? state_descs[s] : "?";
}

static int
addr_cmp(const struct addr *a, const struct addr *b)
{
	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	return memcmp(a->b, b->b, 16);
}

/* Whether A lies in the network of P. */
static bool
in_network(const struct network *p, const struct addr *a)
{
	unsigned bits = p->len, i;

	if (p->prefix.family != a->family)
		return false;
	for (i = 0; bits >= 8; i++, bits -= 8)
		if (p->prefix.b[i] != a->b[i])
			return false;
	return bits == 0 ||
	    ((p->prefix.b[i] ^ a->b[i]) & (0xff00u >> bits) & 0xff) == 0;
}

/* For a lookup that ended in a name no loaded zone answers for: DELEGATED
 * when that name is at or below a delegation cut (its child is not loaded,
 * or the answer would not be unknown) or when the policy gives the network
 * to another holder, else UNKNOWN. */
static enum cov_state
unknown_state(const struct coverage *c, const struct lk_result *res,
    const struct addr *a)
{
	const struct model *m = c->x->m;
	uint8_t wire[NAMES_WIRE_MAX + 1];
	uint32_t id = res->name;
	size_t i;

	if (id == MODEL_NONE) {
		uint32_t closest = 0;

		names_addr_to_rev(a, wire);
		if ((id = model_find(m, wire, &closest, NULL)) == MODEL_NONE)
			id = closest;
	}
	for (; id != MODEL_NONE; id = m->nodes[id].parent)
		if (m->nodes[id].flags & NODE_CUT)
			return COV_DELEGATED;
	for (i = 0; c->pol != NULL && i < c->pol->nnetworks; i++)
		if (c->pol->networks[i].holder == HOLDER_ISP &&
		    in_network(&c->pol->networks[i], a))
			return COV_DELEGATED;
	return COV_UNKNOWN;
}

/* The state of the PTR lookup RES of an address nothing else names. */
static enum cov_state
lookup_state(const struct coverage *c, const struct lk_result *res,
    const struct addr *a)
{
	switch (res->status) {
	case LK_NXDOMAIN:
	case LK_NODATA:
		return COV_UNUSED;
	case LK_ANSWER:
		return COV_PTR_ONLY;
	case LK_LOOP:
	case LK_TOOLONG:
		return COV_BAD;
	case LK_UNKNOWN:
		break;
	}
	return unknown_state(c, res, a);
}

/* State of a used address from its fwd entries F[0..NF) (one reverse
 * lookup, shared) and rev entries V[0..NV). */
static enum cov_state
used_state(const struct coverage *c, const struct xfwd *f, size_t nf,
    const struct xrev *v, size_t nv)
{
	bool match = false;
	size_t i;

	for (i = 0; i < nv; i++) {
		switch (v[i].fstatus) {
		case LK_ANSWER:
			if (!v[i].match)
				return COV_BAD;
			match = true;
			break;
		case LK_UNKNOWN:
			break;
		default:
			return COV_BAD;
		}
	}
	if (match)
		return COV_PASS;
	if (nv > 0)
		return nf > 0 ? COV_UNKNOWN : COV_PTR_ONLY;
	switch (f->pstatus) {
	case LK_NXDOMAIN:
	case LK_NODATA:
		return COV_MISSING;
	case LK_LOOP:
	case LK_TOOLONG:
		return COV_BAD;
	case LK_UNKNOWN: {
		struct addr a = xfwd_addr(c->x->m, f);
		struct lk_result pr;

		xfwd_ptr(c->x, f, &pr);
		return unknown_state(c, &pr, &a);
	}
	case LK_ANSWER:
		break;
	}
	return COV_UNKNOWN;	/* an answer always yields rev entries */
}

int
coverage_build(struct coverage *c, const struct xref *x,
    const struct policy *pol)
{
	const struct model *m = x->m;
	size_t fi = 0, ri = 0, fj, rj;

	memset(c, 0, sizeof(*c));
	c->x = x;
	c->pol = pol;
	if (x->nfwd + x->nrev > 0 && (c->a = calloc(x->nfwd + x->nrev,
	    sizeof(*c->a))) == NULL)
		return RDA_ENOMEM;
	while (fi < x->nfwd || ri < x->nrev) {
		struct cov_addr *e = &c->a[c->n++];
		struct addr ra;
		int cmp;

		/* The lower of the two next addresses, and the run of
		 * entries each index has of it (none for the higher). */
		if (ri < x->nrev)
			ra = xrev_addr(x, &x->rev[ri]);
		cmp = ri >= x->nrev ? -1 : fi >= x->nfwd ? 1 :
		    xref_fwd_cmp(x, fi, &ra);
		e->addr = cmp <= 0 ? xfwd_addr(m, &x->fwd[fi]) : ra;
		fj = cmp <= 0 ? fi + xref_fwd_run(x, fi) : fi;
		rj = cmp >= 0 ? ri + xref_rev_run(x, ri) : ri;
		e->ptr = rj > ri ? m->recs[x->rev[ri].ptr].rd.target :
		    MODEL_NONE;
		e->name = fj > fi ? m->recs[x->fwd[fi].rec].owner : e->ptr;
		e->state = (uint8_t)used_state(c, &x->fwd[fi], fj - fi,
		    &x->rev[ri], rj - ri);
		c->count[e->state]++;
		fi = fj;
		ri = rj;
	}
	return 0;
}

void
coverage_clear(struct coverage *c)
{
	free(c->a);
	memset(c, 0, sizeof(*c));
}

const struct cov_addr *
coverage_find(const struct coverage *c, const struct addr *a)
{
	size_t lo = 0, hi = c->n, mid;
	int d;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		d = addr_cmp(&c->a[mid].addr, a);
		if (d == 0)
			return &c->a[mid];
		if (d < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The PTR lookup of IPv4 address A in a loaded RFC 2317 child covering
 * it (the parent's data being unknown); false when none covers it. */
static bool
classless_lookup(const struct xref *x, const struct addr *a,
    struct lk_result *res)
{
	uint8_t w[NAMES_WIRE_MAX + 1], apex[NAMES_WIRE_MAX + 1];
	size_t i, n;
	char d[4];

	for (i = 0; i < x->ncls; i++) {
		const struct xclassless *k = &x->cls[i];

		if (memcmp(k->net, a->b, 3) != 0 || a->b[3] < k->lo ||
		    a->b[3] > k->hi)
			continue;
		n = (size_t)snprintf(d, sizeof(d), "%u", a->b[3]);
		w[0] = (uint8_t)n;
		memcpy(w + 1, d, n);
		model_wire(x->m, k->apex, apex);
		memcpy(w + 1 + n, apex, names_wire_len(apex));
		lookup_wire(x->m, w, RT_PTR, res);
		return true;
	}
	return false;
}

enum cov_state
coverage_state(const struct coverage *c, const struct addr *a)
{
	const struct cov_addr *e = coverage_find(c, a);
	uint8_t wire[NAMES_WIRE_MAX + 1];
	struct lk_result res;

	if (e != NULL)
		return (enum cov_state)e->state;
	names_addr_to_rev(a, wire);
	lookup_wire(c->x->m, wire, RT_PTR, &res);
	if (res.status == LK_UNKNOWN && a->family == 4) {
		struct lk_result child;

		if (classless_lookup(c->x, a, &child))
			res = child;
	}
	return lookup_state(c, &res, a);
}
