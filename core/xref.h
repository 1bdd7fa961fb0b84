/* xref.h -- the cross-indexes the checks read.
 *
 * fwd: one entry per authoritative A/AAAA record, sorted by address, with
 *      how its reverse name resolves (the PTR side of FCrDNS).
 * rev: one entry per PTR record reached from an address (directly or
 *      through CNAMEs, as RFC 2317 classless delegation does), sorted by
 *      address, with how its target resolves (the forward side).
 * Both are built in one pass each over the model, with lookups that cost
 * a few hash probes: no step is quadratic.
 *
 * RFC 2317: with parent and child loaded, the parent's CNAMEs lead into
 * the child and nothing special is needed.  With only the child loaded
 * (what a customer of an ISP holds), the address of a PTR owned by
 * N.<start>/<len>.C.B.A.in-addr.arpa. is taken, by the RFC's convention, to
 * be A.B.C.N; this is used only where the address's own reverse name is
 * unknown, so it never overrides what the loaded data says.
 */
#ifndef RDA_XREF_H
#define RDA_XREF_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "core/lookup.h"
#include "core/model.h"

/*
 * The two indexes hold an entry per A/AAAA and per PTR record, and are
 * the largest part of the peak after the model: each is 9 bytes, packed
 * (two 32-bit fields and a byte of flags), not 12.  Unaligned loads cost
 * nothing on x86-64 and the compiler handles them where they would.  An
 * entry's flags share one byte, one memory location (C11 3.14): while the
 * entries are written on every core, a flag is written only where no other
 * core reads that entry's flags.
 */
#define XREF_PACKED __attribute__((packed))

/* The address is the record's (xfwd_addr()), not a copy, and the PTR
 * look-up at the reverse name is, for nearly every entry, the plain one
 * (no CNAME followed, no wildcard: the name asked answers, or is the one
 * that does not exist in its zone), kept as the name and status;
 * xfwd_ptr() gives it whole.  The others are kept whole in x->side_fwd. */
struct XREF_PACKED xfwd {
	uint32_t rec;		/* the A/AAAA record */
	uint32_t pname;		/* the name the PTR look-up asked last */
	unsigned pstatus : 3;	/* enum lk_status of that look-up */
	unsigned pside : 1;	/* the look-up is in x->side_fwd */
};

/* The PTR records of one address are consecutive entries
 * (xref_rev_run()).  The address is inline for IPv4 and in x->raddr6 for
 * IPv6 (xrev_addr()).  The A/AAAA look-up at the PTR's target is, for
 * nearly every entry, the plain one: no CNAME followed, no wildcard, so
 * the name asked and the node that answers are the target itself; then
 * only its status is kept here and xrev_fwd() gives the rest.  The others
 * are kept whole in x->side_rev. */
struct XREF_PACKED xrev {
	uint32_t ptr;		/* the PTR record */
	uint32_t a;		/* IPv4: the address's bytes; IPv6: the index
				 * of the address in x->raddr6 */
	unsigned family : 3;	/* 4 or 6 */
	unsigned match : 1;	/* the target resolves to the address */
	unsigned fstatus : 3;	/* enum lk_status of the look-up at the target */
	unsigned fside : 1;	/* the look-up is in x->side_rev */
};

_Static_assert(sizeof(struct xfwd) == 9 && sizeof(struct xrev) == 9,
    "an index entry is 9 bytes");
_Static_assert(LK_TOOLONG < 8, "a look-up's status fits in 3 bits");

/* A look-up that is not the plain one, for entry i of x->fwd or x->rev. */
struct xside {
	uint32_t i;
	struct lk_result res;
};

/* An RFC 2317 child zone that is loaded: its block a.b.c.lo-hi. */
struct xclassless {
	uint8_t net[3];
	uint8_t lo, hi;
	uint32_t apex;		/* node id */
};

struct mail;
struct policy;

struct xref {
	const struct model *m;
	const struct policy *pol;	/* may be NULL; set by checks_run() */
	struct mail *mail;	/* mail hosts (core/mail.h), owned; set by
				 * checks_run(), freed by xref_clear() */
	struct xclassless *cls;
	size_t ncls;
	struct xfwd *fwd;
	size_t nfwd;
	struct xrev *rev;
	size_t nrev;
	struct addr6 *raddr6;	/* the IPv6 addresses of rev */
	size_t nraddr6;
	struct xside *side_fwd;	/* by entry */
	size_t nside_fwd;
	struct xside *side_rev;
	size_t nside_rev;
};

int xref_build(struct xref *x, const struct model *m);
void xref_clear(struct xref *x);

/* The PTR lookup of address A: at its reverse name, and for an IPv4
 * address whose reverse name is unknown, in a loaded RFC 2317 child that
 * covers it (as fwd_ptrs() does for every A/AAAA). */
void xref_ptr(const struct xref *x, const struct addr *a,
    struct lk_result *res);

/* Orders addresses as the indexes are sorted: family, then bytes. */
int xref_addr_cmp(const struct addr *a, const struct addr *b);

/* The address of A/AAAA entry F. */
static inline struct addr
xfwd_addr(const struct model *m, const struct xfwd *f)
{
	return model_rec_ip(m, &m->recs[f->rec]);
}

/* Whether entries I and J of x->fwd have one address. */
static inline bool
xref_fwd_same(const struct xref *x, size_t i, size_t j)
{
	const struct rec *a = &x->m->recs[x->fwd[i].rec];
	const struct rec *b = &x->m->recs[x->fwd[j].rec];

	return a->type == b->type && memcmp(model_rec_addr(x->m, a),
	    model_rec_addr(x->m, b), a->type == RT_A ? 4 : 16) == 0;
}

/* The number of x->fwd entries from I on with the address of entry I. */
static inline size_t
xref_fwd_run(const struct xref *x, size_t i)
{
	size_t j = i + 1;

	while (j < x->nfwd && xref_fwd_same(x, j, i))
		j++;
	return j - i;
}

/* The PTR look-up of A/AAAA entry F: xref_ptr() at its address. */
void xfwd_ptr(const struct xref *x, const struct xfwd *f,
    struct lk_result *res);

/* The A/AAAA look-up at the target of PTR entry V: lookup_node() at it,
 * for the family of V's address. */
void xrev_fwd(const struct xref *x, const struct xrev *v,
    struct lk_result *res);

/* The address of PTR entry V. */
static inline struct addr
xrev_addr(const struct xref *x, const struct xrev *v)
{
	struct addr a;

	memset(&a, 0, sizeof(a));
	a.family = v->family;
	if (v->family == 4)
		memcpy(a.b, &v->a, 4);
	else
		memcpy(a.b, x->raddr6[v->a].b, 16);
	return a;
}

/* Whether PTR entries V and W have one address. */
static inline bool
xref_rev_same(const struct xref *x, const struct xrev *v,
    const struct xrev *w)
{
	return v->family == w->family && (v->a == w->a || (v->family == 6 &&
	    memcmp(x->raddr6[v->a].b, x->raddr6[w->a].b, 16) == 0));
}

/* The number of x->rev entries from I on with the address of entry I:
 * the PTR records the address has, when I is its first. */
static inline size_t
xref_rev_run(const struct xref *x, size_t i)
{
	size_t j = i + 1;

	while (j < x->nrev && xref_rev_same(x, &x->rev[j], &x->rev[i]))
		j++;
	return j - i;
}

/* Orders the address of entry I of x->fwd against A, as
 * xref_addr_cmp(). */
int xref_fwd_cmp(const struct xref *x, size_t i, const struct addr *a);

/* The first entry of x->fwd with address A, or where it would be (it may
 * be x->nfwd): a binary search. */
size_t xref_fwd_find(const struct xref *x, const struct addr *a);

/* The first entry of x->rev with address A, or where it would be (it may
 * be x->nrev): a binary search. */
size_t xref_rev_find(const struct xref *x, const struct addr *a);

/* Whether the answer at RES holds address A; also counts the addresses of
 * A's family there in *N when N is not NULL. */
bool xref_has_addr(const struct model *m, const struct lk_result *res,
    const struct addr *a, unsigned *n);

#endif
