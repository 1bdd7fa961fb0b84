/* xref.c -- address <-> name cross-indexes; see xref.h. */
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/xref.h"

static int
addr_cmp(const struct addr *a, const struct addr *b)
{
	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	return memcmp(a->b, b->b, 16);
}

static int
fwd_cmp(const void *pa, const void *pb)
{
	const struct xfwd *a = pa, *b = pb;
	int c = addr_cmp(&a->addr, &b->addr);

	return c != 0 ? c : (a->rec > b->rec) - (a->rec < b->rec);
}

static int
rev_cmp(const void *pa, const void *pb)
{
	const struct xrev *a = pa, *b = pb;
	int c = addr_cmp(&a->addr, &b->addr);

	return c != 0 ? c : (a->ptr > b->ptr) - (a->ptr < b->ptr);
}

static void
rec_addr(const struct rec *r, struct addr *a)
{
	memset(a, 0, sizeof(*a));
	a->family = r->type == RT_A ? 4 : 6;
	memcpy(a->b, r->rd.addr, r->type == RT_A ? 4 : 16);
}

bool
xref_has_addr(const struct model *m, const struct lk_result *res,
    const struct addr *a, unsigned *n)
{
	uint16_t type = a->family == 4 ? RT_A : RT_AAAA;
	struct addr b;
	uint32_t i;
	bool found = false;

	if (n != NULL)
		*n = 0;
	if (res->status != LK_ANSWER)
		return false;
	for (i = lookup_rec(m, res->node, res->zone, type); i != MODEL_NONE;
	    i = lookup_rec_next(m, res->node, res->zone, type, i)) {
		rec_addr(&m->recs[i], &b);
		if (n != NULL)
			(*n)++;
		if (addr_cmp(&b, a) == 0)
			found = true;
	}
	return found;
}

static int
build_fwd(struct xref *x)
{
	const struct model *m = x->m;
	uint8_t wire[NAMES_WIRE_MAX + 1];
	size_t i, n = 0;

	for (i = 0; i < m->nrecs; i++)
		if ((m->recs[i].type == RT_A || m->recs[i].type == RT_AAAA) &&
		    model_rec_auth(m, &m->recs[i]))
			n++;
	if (n > 0 && (x->fwd = calloc(n, sizeof(*x->fwd))) == NULL)
		return RDA_ENOMEM;
	for (i = 0; i < m->nrecs; i++) {
		const struct rec *r = &m->recs[i];
		struct xfwd *f;

		if ((r->type != RT_A && r->type != RT_AAAA) ||
		    !model_rec_auth(m, r))
			continue;
		f = &x->fwd[x->nfwd++];
		f->rec = (uint32_t)i;
		rec_addr(r, &f->addr);
		names_addr_to_rev(&f->addr, wire);
		lookup_wire(m, wire, RT_PTR, &f->ptr);
	}
	qsort(x->fwd, x->nfwd, sizeof(*x->fwd), fwd_cmp);
	return 0;
}

/* An address whose PTR set is examined. */
struct cand {
	struct addr addr;
	uint32_t revnode;
	struct lk_result ptr;
};

static int
cand_cmp(const void *pa, const void *pb)
{
	const struct cand *a = pa, *b = pb;

	return addr_cmp(&a->addr, &b->addr);
}

/* The node LEVELS labels above ID, or MODEL_NONE past the root. */
static uint32_t
ancestor(const struct model *m, uint32_t id, unsigned levels)
{
	for (; levels > 0; levels--) {
		if (id == 0)
			return MODEL_NONE;
		id = m->nodes[id].parent;
	}
	return id;
}

/* Addresses to examine: every authoritative reverse name of address form
 * that holds data, and every address of an A/AAAA record whose reverse
 * name answered (a wildcard PTR has no node of its own). */
static int
candidates(struct xref *x, struct cand **out, size_t *nout)
{
	static const uint8_t v4[] = "\7in-addr\4arpa", v6[] = "\3ip6\4arpa";
	const struct model *m = x->m;
	uint32_t in4 = model_find(m, v4, NULL, NULL);
	uint32_t in6 = model_find(m, v6, NULL, NULL);
	uint8_t wire[NAMES_WIRE_MAX + 1];
	struct cand *c;
	size_t i, n = 0, cap = 1024;

	if ((c = malloc(cap * sizeof(*c))) == NULL)
		return RDA_ENOMEM;
	for (i = 1; i < m->nnodes; i++) {
		const struct node *nd = &m->nodes[i];
		bool under;

		if ((nd->flags & NODE_DATA) == 0 || !model_auth(m, (uint32_t)i))
			continue;
		under = (in4 != MODEL_NONE &&
		    ancestor(m, (uint32_t)i, 4) == in4) ||
		    (in6 != MODEL_NONE && ancestor(m, (uint32_t)i, 32) == in6);
		if (!under)
			continue;
		model_wire(m, (uint32_t)i, wire);
		if (n == cap) {
			struct cand *t = realloc(c, 2 * cap * sizeof(*c));

			if (t == NULL) {
				free(c);
				return RDA_ENOMEM;
			}
			c = t;
			cap *= 2;
		}
		if (names_rev_parse(wire, &c[n].addr, NULL) != NAMES_REV_ADDR)
			continue;
		c[n].revnode = (uint32_t)i;
		lookup_node(m, (uint32_t)i, RT_PTR, &c[n].ptr);
		n++;
	}
	for (i = 0; i < x->nfwd; i++) {
		if (x->fwd[i].ptr.status != LK_ANSWER ||
		    (i > 0 && addr_cmp(&x->fwd[i].addr, &x->fwd[i - 1].addr) == 0))
			continue;
		if (n == cap) {
			struct cand *t = realloc(c, 2 * cap * sizeof(*c));

			if (t == NULL) {
				free(c);
				return RDA_ENOMEM;
			}
			c = t;
			cap *= 2;
		}
		c[n].addr = x->fwd[i].addr;
		c[n].revnode = x->fwd[i].ptr.name;
		c[n].ptr = x->fwd[i].ptr;
		n++;
	}
	qsort(c, n, sizeof(*c), cand_cmp);
	*out = c;
	*nout = n;
	return 0;
}

static int
rev_add(struct xref *x, size_t *cap, const struct cand *c, uint32_t ptr,
    uint32_t nptr)
{
	const struct model *m = x->m;
	struct xrev *v;

	if (x->nrev == *cap) {
		size_t nc = *cap ? *cap * 2 : 1024;

		if ((v = realloc(x->rev, nc * sizeof(*v))) == NULL)
			return RDA_ENOMEM;
		x->rev = v;
		*cap = nc;
	}
	v = &x->rev[x->nrev++];
	v->addr = c->addr;
	v->revnode = c->revnode;
	v->ptr = ptr;
	v->nptr = nptr;
	lookup_node(m, m->recs[ptr].rd.target,
	    c->addr.family == 4 ? RT_A : RT_AAAA, &v->fwd);
	v->match = xref_has_addr(m, &v->fwd, &c->addr, NULL);
	return 0;
}

static int
build_rev(struct xref *x)
{
	const struct model *m = x->m;
	struct cand *c;
	size_t i, n, cap = 0;
	uint32_t p, k;
	int rc;

	if ((rc = candidates(x, &c, &n)) < 0)
		return rc;
	for (i = 0; i < n; i++) {
		const struct lk_result *pr = &c[i].ptr;

		if ((i > 0 && cand_cmp(&c[i], &c[i - 1]) == 0) ||
		    pr->status != LK_ANSWER)
			continue;
		k = 0;
		for (p = lookup_rec(m, pr->node, pr->zone, RT_PTR);
		    p != MODEL_NONE;
		    p = lookup_rec_next(m, pr->node, pr->zone, RT_PTR, p))
			k++;
		for (p = lookup_rec(m, pr->node, pr->zone, RT_PTR);
		    p != MODEL_NONE;
		    p = lookup_rec_next(m, pr->node, pr->zone, RT_PTR, p))
			if ((rc = rev_add(x, &cap, &c[i], p, k)) < 0)
				goto out;
	}
	qsort(x->rev, x->nrev, sizeof(*x->rev), rev_cmp);
out:
	free(c);
	return rc;
}

int
xref_build(struct xref *x, const struct model *m)
{
	int rc;

	memset(x, 0, sizeof(*x));
	x->m = m;
	if ((rc = build_fwd(x)) < 0 || (rc = build_rev(x)) < 0) {
		xref_clear(x);
		return rc;
	}
	return 0;
}

void
xref_clear(struct xref *x)
{
	free(x->fwd);
	free(x->rev);
	x->fwd = NULL;
	x->rev = NULL;
	x->nfwd = x->nrev = 0;
}
