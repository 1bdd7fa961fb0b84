/* xref.c -- address <-> name cross-indexes; see xref.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/addrsort.h"
#include "core/err.h"
#include "core/mail.h"
#include "core/par.h"
#include "core/xref.h"
#include "core/vec.h"

int
xref_addr_cmp(const struct addr *a, const struct addr *b)
{
	return addr_cmp(a, b);
}

int
xref_fwd_cmp(const struct xref *x, size_t i, const struct addr *a)
{
	const struct rec *r = &x->m->recs[x->fwd[i].rec];
	int family = r->type == RT_A ? 4 : 6, c;

	if (family != a->family)
		return family < a->family ? -1 : 1;
	c = memcmp(model_rec_addr(x->m, r), a->b, family == 4 ? 4 : 16);
	return (c > 0) - (c < 0);
}

size_t
xref_fwd_find(const struct xref *x, const struct addr *a)
{
	size_t lo = 0, hi = x->nfwd, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (xref_fwd_cmp(x, mid, a) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool
xref_has_addr(const struct model *m, const struct lk_result *res,
    const struct addr *a, unsigned *n)
{
	uint16_t type = a->family == 4 ? RT_A : RT_AAAA;
	size_t len = a->family == 4 ? 4 : 16;
	uint32_t i;
	bool found = false;

	if (n != NULL)
		*n = 0;
	if (res->status != LK_ANSWER)
		return false;
	for (i = lookup_rec(m, res->node, res->zone, type); i != MODEL_NONE;
	    i = lookup_rec_next(m, res->node, res->zone, type, i)) {
		if (n != NULL)
			(*n)++;
		if (memcmp(model_rec_addr(m, &m->recs[i]), a->b, len) == 0)
			found = true;
	}
	return found;
}

/* Parses an octet label: 1-3 digits, no leading zero, at most 255. */
static int
octet(const uint8_t *l, size_t len)
{
	unsigned v = 0;
	size_t i;

	if (len == 0 || len > 3 || (len > 1 && l[0] == '0'))
		return -1;
	for (i = 0; i < len; i++) {
		if (l[i] < '0' || l[i] > '9')
			return -1;
		v = v * 10 + (unsigned)(l[i] - '0');
	}
	return v > 255 ? -1 : (int)v;
}

/* An RFC 2317 label: "start/len" or "start-len" (len 25-32), or
 * "start-end".  Sets the block's first and last address. */
static bool
classless_label(const uint8_t *l, size_t len, uint8_t *lo, uint8_t *hi)
{
	const uint8_t *sep = NULL;
	int a, b;
	size_t i;

	for (i = 0; i < len; i++)
		if (l[i] == '/' || l[i] == '-')
			sep = &l[i];
	if (sep == NULL || (a = octet(l, (size_t)(sep - l))) < 0 ||
	    (b = octet(sep + 1, len - (size_t)(sep - l) - 1)) < 0)
		return false;
	if ((*sep == '/' || b < a) && b >= 25 && b <= 32) {
		if (a % (1 << (32 - b)) != 0)
			return false;
		*lo = (uint8_t)a;
		*hi = (uint8_t)(a + (1 << (32 - b)) - 1);
		return true;
	}
	if (*sep == '-' && b > a) {
		*lo = (uint8_t)a;
		*hi = (uint8_t)b;
		return true;
	}
	return false;
}

static int
cls_cmp(const void *pa, const void *pb)
{
	const struct xclassless *a = pa, *b = pb;
	int c = memcmp(a->net, b->net, 3);

	return c != 0 ? c : (a->lo > b->lo) - (a->lo < b->lo);
}

/* Whether WIRE is an RFC 2317 block name <block>.C.B.A.in-addr.arpa.;
 * fills C's network and the block's range. */
static bool
block_of(const uint8_t *wire, struct xclassless *c)
{
	struct addr a;
	unsigned plen;

	if (wire[0] == 0 || names_rev_parse(wire + 1 + wire[0], &a, &plen) !=
	    NAMES_REV_PREFIX || a.family != 4 || plen != 24)
		return false;
	if (!classless_label(wire + 1, wire[0], &c->lo, &c->hi))
		return false;
	memcpy(c->net, a.b, 3);
	return true;
}

/* Finds the loaded zones whose apex is an RFC 2317 block name. */
static int
build_classless(struct xref *x)
{
	const struct model *m = x->m;
	uint8_t w[NAMES_WIRE_MAX + 1];
	size_t i;

	if (m->nzones > 0 &&
	    (x->cls = calloc(m->nzones, sizeof(*x->cls))) == NULL)
		return RDA_ENOMEM;
	for (i = 0; i < m->nzones; i++) {
		model_wire(m, m->zones[i].apex, w);
		if (block_of(w, &x->cls[x->ncls]))
			x->cls[x->ncls++].apex = m->zones[i].apex;
	}
	if (x->ncls > 1)
		qsort(x->cls, x->ncls, sizeof(*x->cls), cls_cmp);
	return 0;
}

/* Whether node ID is N.<block> in a loaded RFC 2317 child whose parent's
 * data does not cover the address A.B.C.N (then *A is that address). */
static bool
classless_child(const struct xref *x, uint32_t id, struct addr *a)
{
	const struct model *m = x->m;
	uint8_t w[NAMES_WIRE_MAX + 1];
	const uint8_t *l = m->labels + m->nodes[id].label;
	struct xclassless c;
	struct lk_result res;
	int d;

	if (x->ncls == 0 || (m->nodes[m->nodes[id].parent].flags &
	    NODE_APEX) == 0 || (d = octet(l + 1, l[0])) < 0)
		return false;
	model_wire(m, m->nodes[id].parent, w);
	if (!block_of(w, &c) || d < c.lo || d > c.hi)
		return false;
	memset(a, 0, sizeof(*a));
	a->family = 4;
	memcpy(a->b, c.net, 3);
	a->b[3] = (uint8_t)d;
	names_addr_to_rev(a, w);
	lookup_wire(m, w, RT_PTR, &res);
	return res.status == LK_UNKNOWN;
}

/* The first loaded RFC 2317 block that covers IPv4 address A, or
 * x->ncls when none does. */
static size_t
block_find(const struct xref *x, const struct addr *a)
{
	size_t lo = 0, hi = x->ncls, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (memcmp(x->cls[mid].net, a->b, 3) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < x->ncls && memcmp(x->cls[lo].net, a->b, 3) == 0; lo++)
		if (a->b[3] >= x->cls[lo].lo && a->b[3] <= x->cls[lo].hi)
			return lo;
	return x->ncls;
}

/* For an IPv4 address whose reverse name is unknown: the PTR lookup in a
 * loaded RFC 2317 child that covers it, if any. */
static void
classless_lookup(const struct xref *x, const struct addr *a,
    struct lk_result *res)
{
	const struct model *m = x->m;
	uint8_t w[NAMES_WIRE_MAX + 1], apex[NAMES_WIRE_MAX + 1];
	size_t i, n;
	char d[4];

	if (a->family != 4 || (i = block_find(x, a)) == x->ncls)
		return;
	n = (size_t)snprintf(d, sizeof(d), "%u", a->b[3]);
	w[0] = (uint8_t)n;
	memcpy(w + 1, d, n);
	model_wire(m, x->cls[i].apex, apex);
	memcpy(w + 1 + n, apex, names_wire_len(apex));
	lookup_wire(m, w, RT_PTR, res);
}

void
xref_ptr(const struct xref *x, const struct addr *a, struct lk_result *res)
{
	uint8_t wire[NAMES_WIRE_MAX + 1];

	names_addr_to_rev(a, wire);
	lookup_wire(x->m, wire, RT_PTR, res);
	if (res->status == LK_UNKNOWN)
		classless_lookup(x, a, res);
}

/* The walk down the reverse tree to the previous address's reverse
 * name: the node at each depth (1: "arpa", 2: "in-addr" or "ip6", then
 * one per octet or nibble from the top), as deep as they exist.  In
 * address order, most of the walk to the next address is the same. */
struct walk {
	struct addr prev;
	uint32_t id[35];	/* id[0]: the root */
	unsigned found;		/* id[1 .. found] exist; 0: no walk yet */
};

/* Nibble I of A's address, from the top. */
static unsigned
nibble(const struct addr *a, unsigned i)
{
	return i % 2 ? a->b[i / 2] & 0xf : a->b[i / 2] >> 4;
}

/* The label at depth D (3 and below) of the reverse name of A, in BUF;
 * returns its length. */
static size_t
walk_label(const struct addr *a, unsigned d, uint8_t *buf)
{
	static const char hex[] = "0123456789abcdef";
	unsigned v, i = d - 3;

	if (a->family == 6) {
		buf[0] = (uint8_t)hex[nibble(a, i)];
		return 1;
	}
	v = a->b[i];
	if (v >= 100) {
		buf[0] = (uint8_t)('0' + v / 100);
		buf[1] = (uint8_t)('0' + v / 10 % 10);
		buf[2] = (uint8_t)('0' + v % 10);
		return 3;
	}
	if (v >= 10) {
		buf[0] = (uint8_t)('0' + v / 10);
		buf[1] = (uint8_t)('0' + v % 10);
		return 2;
	}
	buf[0] = (uint8_t)('0' + v);
	return 1;
}

/* The PTR look-up of A, as xref_ptr() makes it, starting the walk where
 * the reverse name of A leaves that of the previous address of W. */
static void
walk_ptr(const struct xref *x, struct walk *w, const struct addr *a,
    struct lk_result *res)
{
	static const uint8_t top[3][8] = { "arpa", "in-addr", "ip6" };
	const struct model *m = x->m;
	unsigned depth = a->family == 4 ? 6 : 34, same = 0, d;
	uint32_t cur, next = MODEL_NONE;
	uint8_t label[3];

	if (w->found > 0 && w->prev.family == a->family) {
		same = 2;
		if (a->family == 4)
			while (same < depth &&
			    a->b[same - 2] == w->prev.b[same - 2])
				same++;
		else
			while (same < depth &&
			    nibble(a, same - 2) == nibble(&w->prev, same - 2))
				same++;
	}
	w->prev = *a;
	if (same > w->found) {
		/* The walk stopped above, on a label A shares: it stops
		 * there again. */
		lookup_found(m, MODEL_NONE, w->id[w->found], RT_PTR, res);
	} else {
		w->id[0] = 0;
		next = cur = w->id[same];
		for (d = same + 1; d <= depth; d++) {
			if (d == 1)
				next = model_child(m, cur, top[0], 4);
			else if (d == 2)
				next = a->family == 4 ?
				    model_child(m, cur, top[1], 7) :
				    model_child(m, cur, top[2], 3);
			else
				next = model_child(m, cur, label,
				    walk_label(a, d, label));
			if (next == MODEL_NONE)
				break;
			w->id[d] = cur = next;
		}
		w->found = d - 1;
		lookup_found(m, next == MODEL_NONE ? MODEL_NONE : cur, cur,
		    RT_PTR, res);
	}
	if (res->status == LK_UNKNOWN)
		classless_lookup(x, a, res);
}

/* Whether record R goes into the A/AAAA index.  Live answers are someone
 * else's data: they answer lookups but are not audited (model.h, "Live
 * data"). */
static bool
fwd_rec(const struct model *m, const struct rec *r)
{
	return (r->type == RT_A || r->type == RT_AAAA) &&
	    model_rec_auth(m, r) && !model_rec_live(m, r);
}

struct fwd_ctx {
	struct xref *x;
	size_t count[PAR_MAX][2];	/* A, AAAA entries of each part */
	size_t start[PAR_MAX][2];	/* where each part's keys go */
	struct addr_key4 *k4;		/* the A keys, then sorted: s4 */
	struct addr_key6 *k6;
	const struct addr_key4 *s4;
	const struct addr_key6 *s6;
	size_t n4;
};

static void
fwd_count(void *ctx, unsigned part, size_t lo, size_t hi)
{
	struct fwd_ctx *fc = ctx;
	const struct model *m = fc->x->m;
	size_t n[2] = { 0, 0 };

	for (; lo < hi; lo++)
		if (fwd_rec(m, &m->recs[lo]))
			n[m->recs[lo].type == RT_AAAA]++;
	fc->count[part][0] = n[0];
	fc->count[part][1] = n[1];
}

/* The keys (address, record) of each part's records, from where the
 * parts before it end theirs: in record order within each family. */
static void
fwd_keys(void *ctx, unsigned part, size_t lo, size_t hi)
{
	struct fwd_ctx *fc = ctx;
	const struct model *m = fc->x->m;
	/* An array of no keys is NULL: no arithmetic on it. */
	struct addr_key4 *k4 = fc->k4 ? fc->k4 + fc->start[part][0] : NULL;
	struct addr_key6 *k6 = fc->k6 ? fc->k6 + fc->start[part][1] : NULL;

	for (; lo < hi; lo++) {
		const struct rec *r = &m->recs[lo];

		if (!fwd_rec(m, r))
			continue;
		if (r->type == RT_A) {
			memcpy(k4->b, r->rd.a4, 4);
			(k4++)->pos = (uint32_t)lo;
		} else {
			memcpy(k6->b, m->addr6[r->rd.a6].b, 16);
			(k6++)->pos = (uint32_t)lo;
		}
	}
}

/* The rest of the plain look-up of NAME (core/xref.h) from its status:
 * no CNAME followed, NAME asked; NAME answers (ANSWER, NODATA), and its
 * zone is the one that did (all but UNKNOWN). */
static void
plain_fill(const struct model *m, uint32_t name, struct lk_result *res)
{
	res->hops = 0;
	res->name = name;
	res->node = res->status == LK_ANSWER || res->status == LK_NODATA ?
	    name : MODEL_NONE;
	res->zone = res->status == LK_UNKNOWN || name == MODEL_NONE ?
	    MODEL_NONE : m->nodes[name].zone;
}

/* Whether look-up RES of NAME, made for entry I, is not the plain one
 * (plain_fill() does not give it back); if so, adds it to L.  Returns 1
 * when it is kept there, 0 when it is plain, or RDA_ENOMEM (also in
 * L->rc). */
static int
keep(const struct model *m, const struct lk_result *res, uint32_t name,
    struct par_list *l, size_t i)
{
	struct lk_result p;
	struct xside *e;

	p.status = res->status;
	plain_fill(m, name, &p);
	if (p.hops == res->hops && p.name == res->name &&
	    p.node == res->node && p.zone == res->zone)
		return 0;
	if ((l->rc = vec_reserve(&l->v, &l->cap, l->n + 1, sizeof(*e))) < 0)
		return l->rc;
	e = (struct xside *)l->v + l->n++;
	e->i = (uint32_t)i;
	e->res = *res;
	return 1;
}

/* Entries [LO, HI) of the index from the sorted keys: their records;
 * the PTR look-ups come later (fwd_ptrs()), once the keys are freed. */
static void
fwd_make(void *ctx, unsigned part, size_t lo, size_t hi)
{
	struct fwd_ctx *fc = ctx;
	struct xfwd *f = fc->x->fwd;
	size_t i;

	(void)part;
	for (i = lo; i < hi; i++) {
		memset(&f[i], 0, sizeof(f[i]));
		f[i].rec = i < fc->n4 ? fc->s4[i].pos : fc->s6[i - fc->n4].pos;
	}
}

struct ptr_ctx {
	struct xref *x;
	const struct xrev *cand;	/* the reverse names, by address */
	size_t ncand;
	struct par_list side[PAR_MAX];	/* each part's x->side_fwd */
	struct par_list wild[PAR_MAX];	/* each part's wildcard answers:
					 * entries (uint32_t), cand_wild() */
};

/* The first of the N PTR entries or candidates at V (in address order)
 * at or after address A. */
static size_t
rev_find(const struct xref *x, const struct xrev *v, size_t n,
    const struct addr *a)
{
	size_t lo = 0, hi = n, mid;
	struct addr b;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		b = xrev_addr(x, &v[mid]);
		if (xref_addr_cmp(&b, a) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t
xref_rev_find(const struct xref *x, const struct addr *a)
{
	return rev_find(x, x->rev, x->nrev, a);
}

/* The PTR look-up of entries [LO, HI) of the A/AAAA index, on every core
 * (core/par.h), each writing only its own entry.  Both the entries and
 * the reverse names that hold data (the candidates, candidates()) are in
 * address order: one pass over the two finds an address's reverse name
 * where it is one of those, as the walk down the tree would, without a
 * probe of the name table.  With ten million names that table is far
 * larger than the caches, and the probes had made this pass 15 times as
 * long as with one million.  A candidate is the reverse name itself
 * unless it is a name in a loaded RFC 2317 child (classless_child()),
 * so addresses such a child covers, and those without a candidate, are
 * walked to as before (walk_ptr()). */
static void
fwd_ptrs(void *ctx, unsigned part, size_t lo, size_t hi)
{
	struct ptr_ctx *pc = ctx;
	struct xref *x = pc->x;
	const struct model *m = x->m;
	struct xfwd *f = x->fwd;
	struct par_list *l = &pc->side[part], *wl = &pc->wild[part];
	struct lk_result res;
	struct addr a, c;
	struct walk w;
	size_t i, j = 0;
	int side, cmp;
	bool cand;

	w.found = 0;
	if (lo < hi) {
		a = xfwd_addr(m, &f[lo]);
		j = rev_find(x, pc->cand, pc->ncand, &a);
	}
	for (i = lo; i < hi; i++) {
		uint32_t node = MODEL_NONE;

		if (i + 8 < hi)
			__builtin_prefetch(&m->recs[f[i + 8].rec]);
		a = xfwd_addr(m, &f[i]);
		for (cmp = 1; j < pc->ncand; j++) {
			c = xrev_addr(x, &pc->cand[j]);
			if ((cmp = xref_addr_cmp(&c, &a)) >= 0)
				break;
		}
		cand = cmp == 0;
		if (cand && (a.family != 4 || block_find(x, &a) == x->ncls))
			node = pc->cand[j].ptr;
		if (node != MODEL_NONE) {
			lookup_found(m, node, node, RT_PTR, &res);
			if (res.status == LK_UNKNOWN)
				classless_lookup(x, &a, &res);
		} else
			walk_ptr(x, &w, &a, &res);
		if ((side = keep(m, &res, res.name, l, i)) < 0)
			return;
		f[i].pside = side;
		f[i].pname = res.name;
		f[i].pstatus = res.status;
		/* An address that answered without a reverse name of its
		 * own (a wildcard PTR has no node) is a candidate too, once
		 * (the first entry of the address). */
		if (res.status == LK_ANSWER && !cand &&
		    (i == 0 || !xref_fwd_same(x, i, i - 1))) {
			if ((wl->rc = vec_reserve(&wl->v, &wl->cap, wl->n + 1,
			    sizeof(uint32_t))) < 0)
				return;
			((uint32_t *)wl->v)[wl->n++] = (uint32_t)i;
		}
	}
}

/* Of a sort's ping-pong pair *A and *B, frees the one the result SORTED
 * is not in. */
static void
free_spent(const void *sorted, void **a, void **b)
{
	void **spent = sorted == *a ? b : a;

	free(*spent);
	*spent = NULL;
}

/* The A/AAAA index, sorted by address, then record: keys of 8 (IPv4) or
 * 20 bytes are made and sorted (stably, from record order), and the
 * entries written once, in order, from them; each step on every core
 * but the sort.  Their PTR look-ups are made by build_rev(), from the
 * candidates, once the keys are freed: both at once would raise the
 * peak. */
static int
build_fwd(struct xref *x)
{
	struct fwd_ctx fc;
	struct addr_key4 *t4 = NULL;
	struct addr_key6 *t6 = NULL;
	size_t n6 = 0;
	unsigned np, i;
	int rc = RDA_ENOMEM;

	memset(&fc, 0, sizeof(fc));
	fc.x = x;
	np = par_for(x->m->nrecs, 65536, fwd_count, &fc);
	for (i = 0; i < np; i++) {
		fc.start[i][0] = fc.n4;
		fc.start[i][1] = n6;
		fc.n4 += fc.count[i][0];
		n6 += fc.count[i][1];
	}
	if (fc.n4 + n6 == 0)
		return 0;
	if ((fc.n4 > 0 && ((fc.k4 = malloc(fc.n4 * sizeof(*fc.k4))) == NULL ||
	    (t4 = malloc(fc.n4 * sizeof(*t4))) == NULL)) ||
	    (n6 > 0 && ((fc.k6 = malloc(n6 * sizeof(*fc.k6))) == NULL ||
	    (t6 = malloc(n6 * sizeof(*t6))) == NULL)))
		goto out;
	if (par_for(x->m->nrecs, 65536, fwd_keys, &fc) != np)
		abort();	/* the same split both times, by definition */
	if ((fc.n4 > 0 && (fc.s4 = addr_sort4(fc.k4, t4, fc.n4)) == NULL) ||
	    (n6 > 0 && (fc.s6 = addr_sort6(fc.k6, t6, n6)) == NULL))
		goto out;
	/* Freed before the index is made, the spent halves are not part of
	 * the peak. */
	free_spent(fc.s4, (void **)&fc.k4, (void **)&t4);
	free_spent(fc.s6, (void **)&fc.k6, (void **)&t6);
	if ((x->fwd = malloc((fc.n4 + n6) * sizeof(*x->fwd))) == NULL)
		goto out;
	x->nfwd = fc.n4 + n6;
	par_for(x->nfwd, 65536, fwd_make, &fc);
	rc = 0;
out:
	free(fc.k4);
	free(fc.k6);
	free(t4);
	free(t6);
	return rc;
}

/* The PTR index is built in one array, which starts as the addresses to
 * examine (the candidates) and becomes the entries, one per PTR record,
 * in place.  A candidate's ptr is its reverse name's node, or with fside
 * set, for a wildcard answer, the A/AAAA entry whose look-up found it (a
 * wildcard has no node of its own). */

/* addr_sort()'s key for PTR entries (CTX: the xref). */
static void
rev_key(const void *elem, void *ctx, struct addr *a)
{
	*a = xrev_addr(ctx, elem);
}

/* Whether the N entries at V are in address order, as the nodes of a
 * reverse zone usually are: IPv4 (by value) before IPv6 (by bytes). */
static bool
rev_sorted(const struct xref *x, const struct xrev *v, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++) {
		if (v[i - 1].family != v[i].family) {
			if (v[i - 1].family > v[i].family)
				return false;
		} else if (v[i].family == 4) {
			if (memcmp(&v[i - 1].a, &v[i].a, 4) > 0)
				return false;
		} else if (memcmp(x->raddr6[v[i - 1].a].b,
		    x->raddr6[v[i].a].b, 16) > 0)
			return false;
	}
	return true;
}

/* Sets the address of entry V to A, an IPv6 one at x->raddr6[I6]. */
static void
rev_set(struct xref *x, struct xrev *v, const struct addr *a, size_t i6)
{
	v->family = a->family;
	if (a->family == 4)
		memcpy(&v->a, a->b, 4);
	else {
		memcpy(x->raddr6[i6].b, a->b, 16);
		v->a = (uint32_t)i6;
	}
}

struct cand_ctx {
	struct xref *x;
	uint32_t in4, in6;	/* in-addr.arpa, ip6.arpa nodes, or NONE */
	uint8_t *arpa;		/* per zone: its apex is arpa. or below */
	uint64_t *bits;		/* per node: a candidate */
	size_t count[PAR_MAX][2]; /* candidates of each part, IPv6 ones */
	size_t start[PAR_MAX][2]; /* where each part's go */
	struct xrev *v;
};

/* The address of the name whose nodes, leftmost first, are PATH[0..N):
 * 4 octet labels (N 4) or 32 nibble labels (N 32), read from the labels
 * as names_rev_parse() reads the name; false when a label is not one. */
static bool
path_addr(const struct model *m, const uint32_t *path, int n,
    struct addr *a)
{
	int i, v;

	memset(a, 0, sizeof(*a));
	a->family = n == 4 ? 4 : 6;
	for (i = 0; i < n; i++) {
		const uint8_t *l = m->labels + m->nodes[path[i]].label;

		if (n == 4) {
			if ((v = names_rev_octet(l)) < 0)
				return false;
			a->b[3 - i] = (uint8_t)v;
		} else {
			if ((v = names_rev_nibble(l)) < 0)
				return false;
			a->b[15 - i / 2] |= (uint8_t)(i % 2 ? v << 4 : v);
		}
	}
	return true;
}

/* Whether node ID is a candidate; its address in *A.  One walk up, of at
 * most 33 nodes, tells which kind of name it is. */
static bool
cand_node(const struct cand_ctx *cc, uint32_t id, struct addr *a)
{
	const struct xref *x = cc->x;
	const struct model *m = x->m;
	const struct node *n = &m->nodes[id];
	uint32_t path[33], cur = id;
	int k;

	/* A forward zone's names are none of these: one look. */
	if ((n->flags & NODE_DATA) == 0 || !model_auth(m, id) ||
	    !cc->arpa[n->zone] || m->zones[n->zone].live)
		return false;
	for (k = 0; k < 33 && cur != 0; k++, cur = m->nodes[cur].parent)
		path[k] = cur;
	if (k < 33)
		path[k] = cur;	/* the root: one past the name */
	if (cc->in4 != MODEL_NONE && k >= 4 && path[4] == cc->in4)
		return path_addr(m, path, 4, a);
	if (cc->in6 != MODEL_NONE && k >= 32 && path[32] == cc->in6)
		return path_addr(m, path, 32, a);
	return cc->in4 != MODEL_NONE && k >= 5 && path[5] == cc->in4 &&
	    classless_child(x, id, a);
}

/* First pass over nodes [LO, HI): marks and counts the candidates. */
static void
cand_mark(void *ctx, unsigned part, size_t lo, size_t hi)
{
	struct cand_ctx *cc = ctx;
	struct addr a;
	size_t i, k = 0, k6 = 0;

	for (i = lo > 0 ? lo : 1; i < hi; i++)
		if (cand_node(cc, (uint32_t)i, &a)) {
			/* Parts start at multiples of par_for()'s grain,
			 * itself one of 64: no two write one word. */
			cc->bits[i / 64] |= (uint64_t)1 << (i % 64);
			k++;
			k6 += a.family == 6;
		}
	cc->count[part][0] = k;
	cc->count[part][1] = k6;
}

/* Second pass: the marked ones, in node order, from the part's start. */
static void
cand_fill(void *ctx, unsigned part, size_t lo, size_t hi)
{
	struct cand_ctx *cc = ctx;
	struct xrev *v = cc->v + cc->start[part][0];
	size_t i, i6 = cc->start[part][1];
	struct addr a;

	for (i = lo; i < hi; i++) {
		if ((cc->bits[i / 64] & ((uint64_t)1 << (i % 64))) == 0)
			continue;
		memset(v, 0, sizeof(*v));
		(void)cand_node(cc, (uint32_t)i, &a);
		rev_set(cc->x, v, &a, i6);
		i6 += a.family == 6;
		v->ptr = (uint32_t)i;
		v++;
	}
}

/* The candidates, sorted by address, in *OUT (N of them, room for CAP):
 * every authoritative reverse name of address form that holds data.  The
 * nodes are examined on every core.  cand_wild() adds the rest. */
static int
candidates(struct xref *x, struct xrev **out, size_t *nout, size_t *cap)
{
	static const uint8_t v4[] = "\7in-addr\4arpa", v6[] = "\3ip6\4arpa";
	const size_t grain = 16384;	/* a multiple of 64: see cand_mark() */
	struct cand_ctx cc;
	struct xrev *v = NULL;
	uint32_t arpa, id;
	size_t i, nw, n = 0, n6 = 0;
	unsigned np, part;

	memset(&cc, 0, sizeof(cc));
	cc.x = x;
	cc.in4 = model_find(x->m, v4, NULL, NULL);
	cc.in6 = model_find(x->m, v6, NULL, NULL);
	nw = x->m->nnodes / 64 + 1;
	if ((cc.arpa = calloc(x->m->nzones + 1, 1)) == NULL ||
	    (cc.bits = calloc(nw, sizeof(*cc.bits))) == NULL)
		goto nomem;
	/* The root zone holds arpa. too. */
	arpa = model_find(x->m, v4 + 8, NULL, NULL);
	for (i = 0; i < x->m->nzones; i++)
		for (id = x->m->zones[i].apex, cc.arpa[i] = id == 0;
		    arpa != MODEL_NONE && id != 0 && !cc.arpa[i];
		    id = x->m->nodes[id].parent)
			cc.arpa[i] = id == arpa;
	np = par_for(x->m->nnodes, grain, cand_mark, &cc);
	for (part = 0; part < np; part++) {
		cc.start[part][0] = n;
		cc.start[part][1] = n6;
		n += cc.count[part][0];
		n6 += cc.count[part][1];
	}
	if (n > 0) {
		if ((v = malloc(n * sizeof(*v))) == NULL ||
		    (n6 > 0 && (x->raddr6 = malloc(n6 *
		    sizeof(*x->raddr6))) == NULL))
			goto nomem;
		x->nraddr6 = n6;
		cc.v = v;
		if (par_for(x->m->nnodes, grain, cand_fill, &cc) != np)
			abort();	/* the same split both times */
		if (!rev_sorted(x, v, n) &&
		    addr_sort(v, n, sizeof(*v), rev_key, x) < 0)
			goto nomem;
	}
	free(cc.arpa);
	free(cc.bits);
	*out = v;
	*nout = n;
	*cap = n;
	return 0;
nomem:
	free(cc.arpa);
	free(cc.bits);
	free(v);
	return RDA_ENOMEM;
}

/* Adds to the N candidates at *V (room for CAP) the addresses of the
 * A/AAAA entries in WILD (fwd_ptrs() found their reverse names answered
 * without being one of them), with the entry in ptr, and sorts them
 * again. */
static int
cand_wild(struct xref *x, struct xrev **pv, size_t *pn, size_t *cap,
    const struct par_list *wild)
{
	struct xrev *v = *pv, *c;
	struct addr a;
	size_t i, n = *pn, n1 = *pn, cap6 = x->nraddr6;
	const uint32_t *e = wild->v;
	int rc = 0;

	if (wild->n > 0 && (rc = vec_reserve((void **)&v, cap, n + wild->n,
	    sizeof(*v))) == 0)
		*pv = v;
	for (i = 0; rc == 0 && i < wild->n; i++) {
		a = xfwd_addr(x->m, &x->fwd[e[i]]);
		if (a.family == 6 && (rc = vec_reserve((void **)&x->raddr6,
		    &cap6, x->nraddr6 + 1, sizeof(*x->raddr6))) < 0)
			break;
		c = &v[n++];
		memset(c, 0, sizeof(*c));
		rev_set(x, c, &a, x->nraddr6);
		x->nraddr6 += a.family == 6;
		c->fside = 1;
		c->ptr = e[i];
	}
	*pn = n;
	if (rc == 0 && n > n1 && addr_sort(v, n, sizeof(*v), rev_key, x) < 0)
		rc = RDA_ENOMEM;
	return rc;
}

/* The PTR look-up of every A/AAAA entry (fwd_ptrs()), with the N
 * candidates at *V (room for CAP), to which the wildcard answers are
 * then added. */
static int
fwd_lookups(struct xref *x, struct xrev **v, size_t *n, size_t *cap)
{
	struct ptr_ctx pc;
	unsigned np;
	int rc, rw;

	memset(&pc, 0, sizeof(pc));
	pc.x = x;
	pc.cand = *v;
	pc.ncand = *n;
	np = par_for(x->nfwd, 4096, fwd_ptrs, &pc);
	rc = par_join(pc.side, np, sizeof(struct xside));
	rw = par_join(pc.wild, np, sizeof(uint32_t));
	if (rc == 0 && rw == 0) {
		x->side_fwd = pc.side[0].v;
		x->nside_fwd = pc.side[0].n;
		rc = cand_wild(x, v, n, cap, &pc.wild[0]);
	} else if (rc == 0) {
		free(pc.side[0].v);
		rc = rw;
	}
	free(pc.wild[0].v);
	return rc;
}

/* xref_has_addr() for a PTR's target: a node with many addresses (one
 * owner with 100,000 A records, each with its PTR) would make the scan of
 * its records quadratic, so there the address is found by binary search
 * in the sorted A/AAAA index, which holds exactly the authoritative
 * records an answer is made of. */
static bool
has_addr(const struct xref *x, const struct lk_result *res,
    const struct addr *a)
{
	const struct model *m = x->m;
	size_t lo;

	if (res->status != LK_ANSWER || m->nodes[res->node].nrec < 64 ||
	    !model_auth(m, res->node))
		return xref_has_addr(m, res, a, NULL);
	for (lo = xref_fwd_find(x, a);
	    lo < x->nfwd && xref_fwd_cmp(x, lo, a) == 0; lo++) {
		const struct rec *r = &m->recs[x->fwd[lo].rec];

		if (r->owner == res->node && model_rec_zone(m, r) == res->zone)
			return true;
	}
	return false;
}

struct side_ctx {
	struct xref *x;
	struct par_list part[PAR_MAX];
};

/* The forward side of each PTR entry, on every core (core/par.h); the
 * look-ups that are not plain go to each part's list, in entry order. */
static void
rev_lookups(void *ctx, unsigned part, size_t lo, size_t hi)
{
	struct side_ctx *sc = ctx;
	struct xref *x = sc->x;
	struct par_list *l = &sc->part[part];
	const struct model *m = x->m;
	struct lk_result res;
	struct addr a;
	size_t i;
	int side;

	for (i = lo; i < hi; i++) {
		struct xrev *v = &x->rev[i];
		uint32_t target = m->recs[v->ptr].rd.target;

		/* Targets are anywhere in the tree: the node four entries
		 * on, and the records of the one two on, start loading. */
		if (i + 4 < hi)
			__builtin_prefetch(&m->nodes[m->recs[x->rev[i +
			    4].ptr].rd.target]);
		if (i + 2 < hi)
			__builtin_prefetch(&m->recs[m->nodes[m->recs[x->rev[i +
			    2].ptr].rd.target].first]);
		lookup_node(m, target, v->family == 4 ? RT_A : RT_AAAA, &res);
		a = xrev_addr(x, v);
		v->match = has_addr(x, &res, &a);
		v->fstatus = res.status;
		if ((side = keep(m, &res, target, l, i)) < 0)
			return;
		v->fside = side;
	}
}

/* The look-up kept whole for entry I in SIDE (N of them, by entry). */
static void
side_find(const struct xside *side, size_t n, size_t i, struct lk_result *res)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (side[mid].i < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	*res = side[lo].res;	/* there, by construction */
}

void
xfwd_ptr(const struct xref *x, const struct xfwd *f, struct lk_result *res)
{
	if (f->pside) {
		side_find(x->side_fwd, x->nside_fwd, (size_t)(f - x->fwd), res);
		return;
	}
	res->status = f->pstatus;
	plain_fill(x->m, f->pname, res);
}

void
xrev_fwd(const struct xref *x, const struct xrev *v, struct lk_result *res)
{
	if (v->fside) {
		side_find(x->side_rev, x->nside_rev, (size_t)(v - x->rev), res);
		return;
	}
	res->status = v->fstatus;
	plain_fill(x->m, x->m->recs[v->ptr].rd.target, res);
}

/* The PTR records after P, the first of its owner's in its zone. */
static uint32_t
ptr_next(const struct model *m, uint32_t p)
{
	const struct rec *r = &m->recs[p];

	return lookup_rec_next(m, r->owner, model_rec_zone(m, r), RT_PTR, p);
}

/* The number of PTR records from P on (ptr_next()). */
static size_t
ptr_count(const struct model *m, uint32_t p)
{
	size_t k;

	for (k = 0; p != MODEL_NONE; p = ptr_next(m, p))
		k++;
	return k;
}

struct first_ctx {
	struct xref *x;
	size_t total[PAR_MAX];	/* PTR records of each part's candidates */
};

/* The first PTR record of candidate I in its ptr, or MODEL_NONE when the
 * address has none or is the candidate before it again (the others are
 * where that one is); counts the records.  On every core, each candidate
 * writing only its own ptr: the flags byte, which holds the family its
 * neighbours compare, is left alone. */
static void
rev_first(void *ctx, unsigned part, size_t lo, size_t hi)
{
	struct first_ctx *fc = ctx;
	struct xref *x = fc->x;
	const struct model *m = x->m;
	struct xrev *v = x->rev;
	struct lk_result res;
	uint32_t first;
	size_t i, total = 0;

	for (i = lo; i < hi; i++) {
		first = MODEL_NONE;
		if (i == 0 || !xref_rev_same(x, &v[i], &v[i - 1])) {
			if (v[i].fside)
				xfwd_ptr(x, &x->fwd[v[i].ptr], &res);
			else
				lookup_node(m, v[i].ptr, RT_PTR, &res);
			if (res.status == LK_ANSWER &&
			    (first = lookup_rec(m, res.node, res.zone,
			    RT_PTR)) != MODEL_NONE)
				total += ptr_count(m, first);
		}
		v[i].ptr = first;
	}
	fc->total[part] = total;
}

/* The PTR index: the candidates (the reverse names, which give the
 * A/AAAA entries their PTR look-ups first, then the wildcard answers
 * those found), each once, become one entry per PTR record they have.
 * The look-ups run on every core; then, in place,
 * those without PTR records are dropped (front to back: nothing is
 * written before it is read) and those with several spread out (back to
 * front, likewise).  No sort is needed: candidates come in address
 * order, and the PTR records of one node in record order -- the order
 * by address, then record. */
static int
build_rev(struct xref *x)
{
	const struct model *m = x->m;
	struct side_ctx sc;
	struct first_ctx fc;
	struct xrev *v, e;
	size_t n, cap, i, j, k, total = 0;
	uint32_t p;
	unsigned np;
	int r;

	if ((r = candidates(x, &x->rev, &n, &cap)) < 0 ||
	    (r = fwd_lookups(x, &x->rev, &n, &cap)) < 0)
		return r;
	memset(&fc, 0, sizeof(fc));
	fc.x = x;
	np = par_for(n, 16384, rev_first, &fc);
	for (i = 0; i < np; i++)
		total += fc.total[i];
	v = x->rev;
	for (i = 0, j = 0; i < n; i++)
		if (v[i].ptr != MODEL_NONE) {
			v[j] = v[i];
			v[j++].fside = 0;
		}
	n = j;
	if (total == 0) {
		free(x->rev);
		x->rev = NULL;
		return 0;
	}
	if (total > cap) {
		if ((v = realloc(x->rev, total * sizeof(*v))) == NULL)
			return RDA_ENOMEM;
		x->rev = v;
	}
	/* Nearly always one PTR record an address: nothing to spread. */
	for (i = total > n ? n : 0, j = total; i-- > 0;) {
		e = v[i];
		j -= ptr_count(m, e.ptr);
		for (p = e.ptr, k = j; p != MODEL_NONE; p = ptr_next(m, p)) {
			v[k] = e;
			v[k++].ptr = p;
		}
	}
	x->nrev = total;
	memset(&sc, 0, sizeof(sc));
	sc.x = x;
	np = par_for(x->nrev, 4096, rev_lookups, &sc);
	if (par_join(sc.part, np, sizeof(struct xside)) < 0)
		return RDA_ENOMEM;
	x->side_rev = sc.part[0].v;
	x->nside_rev = sc.part[0].n;
	return 0;
}

int
xref_build(struct xref *x, const struct model *m)
{
	int rc;

	memset(x, 0, sizeof(*x));
	x->m = m;
	if ((rc = build_classless(x)) < 0 || (rc = build_fwd(x)) < 0 ||
	    (rc = build_rev(x)) < 0) {
		xref_clear(x);
		return rc;
	}
	return 0;
}

void
xref_clear(struct xref *x)
{
	mail_free(x->mail);
	x->mail = NULL;
	free(x->cls);
	free(x->fwd);
	free(x->rev);
	free(x->side_fwd);
	free(x->side_rev);
	free(x->raddr6);
	x->raddr6 = NULL;
	x->nraddr6 = 0;
	x->cls = NULL;
	x->fwd = NULL;
	x->rev = NULL;
	x->side_fwd = x->side_rev = NULL;
	x->nfwd = x->nrev = x->nside_fwd = x->nside_rev = 0;
}
