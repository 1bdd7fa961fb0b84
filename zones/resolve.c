/* resolve.c -- live resolution; see resolve.h.
 *
 * The work is a table of names ("entries"), each with what it must be
 * asked (PTR, or A and AAAA) and what is known of it: an alias, records
 * per type, "does not exist", or why its look-up failed.  Look-ups run in
 * waves: every name that still needs an answer is asked, by a pool of
 * threads; the answers are read in the main thread, and the names they
 * lead to (PTR targets, CNAME targets the server did not follow) are added
 * for the next wave.  Nothing is written to the model before the last
 * wave, so every verdict about "unknown" is made against the loaded data
 * only, and the model is reopened and finished once.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ldns/ldns.h>

#include "core/err.h"
#include "core/lookup.h"
#include "core/xref.h"
#include "zones/resolve.h"

/* RFC 6895 private-use type: "this name exists" in a live zone, for a
 * name that answered without the records asked for (NODATA). */
#define RT_LIVE_EXISTS 65280
#define MAX_WAVES 16
#define MAX_CHAIN 16
#define NONE UINT32_MAX

enum { Q_PTR, Q_A, Q_AAAA, NQ };
enum { NEED_PTR = 1, NEED_ADDR = 2 };

static const uint16_t qtype[NQ] = {RT_PTR, RT_A, RT_AAAA};

struct blob {
	uint8_t *p;
	size_t len, cap;
};

struct entry {
	uint8_t *wire;		/* the name, lower case */
	uint8_t need;		/* NEED_* */
	uint8_t asked, done;	/* bits 1 << Q_*: query sent, answer known */
	bool known;		/* the loaded data answers for it */
	bool nx;		/* does not exist */
	enum model_fail fail;
	uint32_t cname;		/* entry of the alias target, or NONE */
	struct blob data[NQ];	/* PTR: [len][wire]..., A: 4 bytes each... */
	char *zone;		/* the zone the server named, or NULL */
};

struct table {
	const struct model *m;
	struct entry *e;
	size_t n, cap;
	uint32_t *hash;		/* entry ids, NONE empty; power of two */
	size_t caphash;
	unsigned max;
};

struct job {
	uint32_t entry;
	uint8_t q;
	ldns_pkt *pkt;		/* NOERROR or NXDOMAIN answer, or NULL */
	enum model_fail fail;
};

static int
blob_put(struct blob *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		uint8_t *q;

		while (cap < b->len + n)
			cap *= 2;
		if ((q = realloc(b->p, cap)) == NULL)
			return RDA_ENOMEM;
		b->p = q;
		b->cap = cap;
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
	return 0;
}

static uint32_t
wire_hash(const uint8_t *w, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= names_lower(w[i]);
		h *= 16777619u;
	}
	return h ^ (h >> 15);
}

static bool
wire_eq(const uint8_t *a, const uint8_t *b, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (names_lower(a[i]) != names_lower(b[i]))
			return false;
	return true;
}

static int
table_rehash(struct table *t)
{
	size_t cap = t->caphash ? t->caphash * 2 : 1024, i, j;
	uint32_t *h = malloc(cap * sizeof(*h));

	if (h == NULL)
		return RDA_ENOMEM;
	memset(h, 0xff, cap * sizeof(*h));
	for (i = 0; i < t->n; i++) {
		const uint8_t *w = t->e[i].wire;

		j = wire_hash(w, names_wire_len(w)) & (cap - 1);
		while (h[j] != NONE)
			j = (j + 1) & (cap - 1);
		h[j] = (uint32_t)i;
	}
	free(t->hash);
	t->hash = h;
	t->caphash = cap;
	return 0;
}

/* Whether the loaded data answers for the name itself (a CNAME look-up
 * does not follow aliases). */
static bool
known(const struct model *m, const uint8_t *wire)
{
	struct lk_result res;

	lookup_wire(m, wire, RT_CNAME, &res);
	return res.status != LK_UNKNOWN;
}

/* The entry of WIRE, made when missing; NONE past the cap.  Sets *ERR to
 * RDA_ENOMEM on failure. */
static uint32_t
entry_get(struct table *t, const uint8_t *wire, int *err)
{
	size_t len = names_wire_len(wire), i, mask, slot;
	struct entry *e;
	uint32_t id;

	if (len == 0)
		return NONE;
	if ((t->n + 1) * 2 > t->caphash && table_rehash(t) < 0)
		goto nomem;
	mask = t->caphash - 1;
	for (i = wire_hash(wire, len) & mask; (id = t->hash[i]) != NONE;
	    i = (i + 1) & mask)
		if (names_wire_len(t->e[id].wire) == len &&
		    wire_eq(t->e[id].wire, wire, len))
			return id;
	slot = i;
	if (t->n >= t->max)
		return NONE;
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 1024;

		if ((e = realloc(t->e, cap * sizeof(*e))) == NULL)
			goto nomem;
		t->e = e;
		t->cap = cap;
	}
	e = &t->e[t->n];
	memset(e, 0, sizeof(*e));
	if ((e->wire = malloc(len)) == NULL)
		goto nomem;
	for (i = 0; i < len; i++)
		e->wire[i] = names_lower(wire[i]);
	e->cname = NONE;
	e->known = known(t->m, wire);
	t->hash[slot] = (uint32_t)t->n;
	return (uint32_t)t->n++;
nomem:
	*err = RDA_ENOMEM;
	return NONE;
}

static void
table_clear(struct table *t)
{
	size_t i, q;

	for (i = 0; i < t->n; i++) {
		free(t->e[i].wire);
		free(t->e[i].zone);
		for (q = 0; q < NQ; q++)
			free(t->e[i].data[q].p);
	}
	free(t->e);
	free(t->hash);
}

/* Adds NEED to the entry of WIRE (a name the loaded data left unknown). */
static int
want(struct table *t, const uint8_t *wire, uint8_t need)
{
	int err = 0;
	uint32_t id = entry_get(t, wire, &err);

	if (id != NONE)
		t->e[id].need |= need;
	return err;
}

/* The names the loaded data leaves unknown: the reverse names of
 * addresses, and the names PTR targets lead to. */
static int
seed(struct table *t, struct model *m)
{
	uint8_t wire[NAMES_WIRE_MAX + 1];
	struct xref x;
	size_t i;
	int rc;

	if ((rc = xref_build(&x, m)) < 0)
		return rc;
	for (i = 0; i < x.nfwd && rc == 0; i++) {
		const struct xfwd *f = &x.fwd[i];

		if (f->pstatus != LK_UNKNOWN)
			continue;
		if (f->pname != MODEL_NONE)
			model_wire(m, f->pname, wire);
		else {
			struct addr a = xfwd_addr(m, f);

			names_addr_to_rev(&a, wire);
		}
		rc = want(t, wire, NEED_PTR);
	}
	for (i = 0; i < x.nrev && rc == 0; i++) {
		const struct xrev *v = &x.rev[i];
		struct lk_result fr;

		if (v->fstatus != LK_UNKNOWN)
			continue;
		xrev_fwd(&x, v, &fr);
		if (fr.name == MODEL_NONE)
			continue;
		model_wire(m, fr.name, wire);
		rc = want(t, wire, NEED_ADDR);
	}
	xref_clear(&x);
	return rc;
}

/* ---- the queries, in worker threads ---- */

struct pool {
	const struct resolve_opts *o;
	struct job *jobs;
	struct table *t;
	size_t n, next;
	pthread_mutex_t mu;
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A resolver for one thread, used for every query it makes. */
static ldns_resolver *
resolver_new(const struct resolve_opts *o, ldns_status *st)
{
	ldns_resolver *r = NULL;
	struct timeval tv;
	ldns_rdf *ns;

	if (o->have_server) {
		if ((r = ldns_resolver_new()) == NULL) {
			*st = LDNS_STATUS_MEM_ERR;
			return NULL;
		}
		ns = ldns_rdf_new_frm_data(o->server.family == 4 ?
		    LDNS_RDF_TYPE_A : LDNS_RDF_TYPE_AAAA,
		    o->server.family == 4 ? 4 : 16, o->server.b);
		*st = ns != NULL ? ldns_resolver_push_nameserver(r, ns) :
		    LDNS_STATUS_MEM_ERR;
		ldns_rdf_deep_free(ns);
		ldns_resolver_set_port(r, o->port);
	} else
		*st = ldns_resolver_new_frm_file(&r, o->resolv_conf);
	if (*st != LDNS_STATUS_OK || r == NULL ||
	    ldns_resolver_nameserver_count(r) == 0) {
		if (*st == LDNS_STATUS_OK)
			*st = LDNS_STATUS_ERR;	/* no nameserver in the file */
		ldns_resolver_deep_free(r);
		return NULL;
	}
	tv.tv_sec = o->timeout_ms / 1000;
	tv.tv_usec = (o->timeout_ms % 1000) * 1000;
	ldns_resolver_set_timeout(r, tv);
	ldns_resolver_set_retry(r, 1);	/* tries are counted in ask() */
	ldns_resolver_set_recursive(r, true);
	ldns_resolver_set_fallback(r, true);	/* TCP when truncated */
	ldns_resolver_set_dnssec(r, false);
	ldns_resolver_set_random(r, false);
	return r;
}

/* Whether ANSWER answers QUERY: same id, same question. */
static bool
fits(const ldns_pkt *query, const ldns_pkt *answer)
{
	const ldns_rr *q, *a;

	if (ldns_pkt_id(query) != ldns_pkt_id(answer) ||
	    ldns_pkt_qdcount(answer) != 1)
		return false;
	q = ldns_rr_list_rr(ldns_pkt_question(query), 0);
	a = ldns_rr_list_rr(ldns_pkt_question(answer), 0);
	return a != NULL && ldns_rr_get_type(q) == ldns_rr_get_type(a) &&
	    ldns_dname_compare(ldns_rr_owner(q), ldns_rr_owner(a)) == 0;
}

/* One query, with O->tries tries on timeouts, network errors and
 * SERVFAIL; REFUSED and other errors are final. */
static void
ask(ldns_resolver *r, const struct resolve_opts *o, struct job *j,
    const uint8_t *wire)
{
	ldns_rdf *name = ldns_rdf_new_frm_data(LDNS_RDF_TYPE_DNAME,
	    names_wire_len(wire), wire);
	ldns_pkt *q = NULL, *a;
	ldns_status s;
	unsigned try;
	size_t i;
	double t0;

	j->fail = FAIL_NETWORK;
	if (name == NULL)
		return;
	for (try = 0; try < o->tries; try++) {
		/* ldns 1.8.3 marks a server that timed out once as
		 * unreachable for good (ldns_send_buffer sets its RTT to
		 * LDNS_RESOLV_RTT_INF) and then sends nothing more: make
		 * every try a real one. */
		for (i = 0; i < ldns_resolver_nameserver_count(r); i++)
			ldns_resolver_set_nameserver_rtt(r, i,
			    LDNS_RESOLV_RTT_MIN);
		a = NULL;
		s = ldns_resolver_prepare_query_pkt(&q, r, name,
		    (ldns_rr_type)qtype[j->q], LDNS_RR_CLASS_IN, LDNS_RD);
		if (s != LDNS_STATUS_OK)
			break;
		t0 = now();
		s = ldns_resolver_send_pkt(&a, r, q);
		if (s != LDNS_STATUS_OK || a == NULL)
			j->fail = now() - t0 >= o->timeout_ms / 1000.0 * 0.9 ?
			    FAIL_TIMEOUT : FAIL_NETWORK;
		else if (!fits(q, a))
			j->fail = FAIL_BOGUS;
		else if (ldns_pkt_get_rcode(a) == LDNS_RCODE_NOERROR ||
		    ldns_pkt_get_rcode(a) == LDNS_RCODE_NXDOMAIN) {
			j->pkt = a;
			j->fail = FAIL_NONE;
			a = NULL;
		} else if (ldns_pkt_get_rcode(a) == LDNS_RCODE_SERVFAIL)
			j->fail = FAIL_SERVFAIL;
		else {
			j->fail = ldns_pkt_get_rcode(a) == LDNS_RCODE_REFUSED ?
			    FAIL_REFUSED : FAIL_RCODE;
			try = o->tries;
		}
		ldns_pkt_free(a);
		ldns_pkt_free(q);
		q = NULL;
		if (j->fail == FAIL_NONE)
			break;
	}
	ldns_rdf_deep_free(name);
}

static void *
worker(void *arg)
{
	struct pool *p = arg;
	ldns_resolver *r;
	ldns_status st;
	size_t i;

	r = resolver_new(p->o, &st);
	for (;;) {
		pthread_mutex_lock(&p->mu);
		i = p->next++;
		pthread_mutex_unlock(&p->mu);
		if (i >= p->n)
			break;
		if (r == NULL)
			p->jobs[i].fail = FAIL_NETWORK;
		else
			ask(r, p->o, &p->jobs[i], p->t->e[p->jobs[i].entry].wire);
	}
	ldns_resolver_deep_free(r);
	return NULL;
}

static void
run_jobs(struct pool *p, unsigned jobs)
{
	pthread_t th[256];
	size_t i, nth = jobs < p->n ? jobs : p->n;

	if (nth > sizeof(th) / sizeof(th[0]))
		nth = sizeof(th) / sizeof(th[0]);
	p->next = 0;
	pthread_mutex_init(&p->mu, NULL);
	for (i = 0; i < nth; i++)
		if (pthread_create(&th[i], NULL, worker, p) != 0)
			break;
	nth = i;
	if (nth == 0)
		worker(p);
	for (i = 0; i < nth; i++)
		pthread_join(th[i], NULL);
	pthread_mutex_destroy(&p->mu);
}

/* ---- reading the answers, in the main thread ---- */

/* The record of TYPE owned by OWNER in LIST at or after *I, or NULL. */
static const ldns_rr *
find_rr(const ldns_rr_list *list, const ldns_rdf *owner, uint16_t type,
    size_t *i)
{
	for (; *i < ldns_rr_list_rr_count(list); (*i)++) {
		const ldns_rr *rr = ldns_rr_list_rr(list, *i);

		if (ldns_rr_get_type(rr) == type &&
		    ldns_rr_get_class(rr) == LDNS_RR_CLASS_IN &&
		    ldns_dname_compare(ldns_rr_owner(rr), owner) == 0)
			return rr;
	}
	return NULL;
}

/* Remembers the zone the server named for entry ID (the owner of an SOA
 * or NS in the authority section). */
static int
note_zone(struct table *t, uint32_t id, const ldns_pkt *pkt)
{
	const ldns_rr_list *auth = ldns_pkt_authority(pkt);
	char buf[NAMES_TXT_MAX];
	size_t i;

	if (t->e[id].zone != NULL)
		return 0;
	for (i = 0; i < ldns_rr_list_rr_count(auth); i++) {
		const ldns_rr *rr = ldns_rr_list_rr(auth, i);

		if (ldns_rr_get_type(rr) != LDNS_RR_TYPE_SOA &&
		    ldns_rr_get_type(rr) != LDNS_RR_TYPE_NS)
			continue;
		if (names_fmt(ldns_rdf_data(ldns_rr_owner(rr)), buf,
		    sizeof(buf)) < 0)
			continue;
		if (asprintf(&t->e[id].zone, "%s (looked up live)", buf) < 0) {
			t->e[id].zone = NULL;
			return RDA_ENOMEM;
		}
		return 0;
	}
	return 0;
}

/* A PTR target the loaded data does not answer for becomes a name to
 * ask A and AAAA of (the name where loaded aliases leave it). */
static int
follow_ptr(struct table *t, struct model *m, const ldns_rdf *target)
{
	uint8_t wire[NAMES_WIRE_MAX + 1];
	struct lk_result res;

	lookup_wire(m, ldns_rdf_data(target), RT_A, &res);
	if (res.status != LK_UNKNOWN)
		return 0;
	if (res.name != MODEL_NONE)
		model_wire(m, res.name, wire);
	else
		memcpy(wire, ldns_rdf_data(target), ldns_rdf_size(target));
	return want(t, wire, NEED_ADDR);
}

/* Takes the records of type Q owned by CUR from the answer section. */
static int
take_records(struct table *t, struct model *m, uint32_t cur, uint8_t q,
    const ldns_rdf *owner, const ldns_rr_list *ans, bool *any)
{
	const ldns_rr *rr;
	const ldns_rdf *f;
	size_t i = 0;
	uint8_t len;
	int rc = 0;

	*any = false;
	while ((rr = find_rr(ans, owner, qtype[q], &i)) != NULL && rc == 0) {
		i++;
		*any = true;
		if ((f = ldns_rr_rdf(rr, 0)) == NULL)
			continue;
		if (t->e[cur].done & (1u << q))
			continue;	/* already taken from another answer */
		if (q == Q_PTR) {
			len = (uint8_t)ldns_rdf_size(f);
			if ((rc = blob_put(&t->e[cur].data[q], &len, 1)) == 0)
				rc = blob_put(&t->e[cur].data[q],
				    ldns_rdf_data(f), len);
			if (rc == 0)
				rc = follow_ptr(t, m, f);
		} else if (ldns_rdf_size(f) == (q == Q_A ? 4u : 16u))
			rc = blob_put(&t->e[cur].data[q], ldns_rdf_data(f),
			    ldns_rdf_size(f));
	}
	return rc;
}

/* Reads the answer of job J: the CNAME chain from the name asked, then
 * the records of the type asked at its end. */
static int
read_answer(struct table *t, struct model *m, const struct job *j)
{
	const ldns_rr_list *ans = ldns_pkt_answer(j->pkt);
	bool nx = ldns_pkt_get_rcode(j->pkt) == LDNS_RCODE_NXDOMAIN, any;
	uint32_t cur = j->entry, next;
	uint8_t need = j->q == Q_PTR ? NEED_PTR : NEED_ADDR;
	ldns_rdf *owner;
	const ldns_rr *c;
	unsigned hops;
	size_t i;
	int rc = 0;

	owner = ldns_rdf_new_frm_data(LDNS_RDF_TYPE_DNAME,
	    names_wire_len(t->e[cur].wire), t->e[cur].wire);
	if (owner == NULL)
		return RDA_ENOMEM;
	for (hops = 0; hops < MAX_CHAIN; hops++) {
		i = 0;
		if ((c = find_rr(ans, owner, RT_CNAME, &i)) == NULL ||
		    ldns_rr_rdf(c, 0) == NULL)
			break;
		next = entry_get(t, ldns_rdf_data(ldns_rr_rdf(c, 0)), &rc);
		if (next == NONE)
			goto out;
		t->e[cur].cname = next;
		t->e[cur].done = (1u << NQ) - 1;	/* an alias answers all */
		t->e[next].need |= need;
		cur = next;
		ldns_rdf_deep_free(owner);
		owner = ldns_rdf_clone(ldns_rr_rdf(c, 0));
		if (owner == NULL)
			return RDA_ENOMEM;
	}
	if ((rc = take_records(t, m, cur, j->q, owner, ans, &any)) < 0)
		goto out;
	/* The end of the chain is settled by records, by this name's own
	 * answer, or by NXDOMAIN (RFC 6604: the rcode is the last name's).
	 * Otherwise the server did not follow the alias: ask the target. */
	if (any || cur == j->entry || nx) {
		t->e[cur].done |= (uint8_t)(1u << j->q);
		if (nx && !any)
			t->e[cur].nx = true;
		rc = note_zone(t, cur, j->pkt);
	}
out:
	ldns_rdf_deep_free(owner);
	return rc;
}

/* The queries the next wave must make; NULL with *N 0 when none. */
static struct job *
plan(struct table *t, size_t *n, int *err)
{
	struct job *jobs = NULL, *nj;
	size_t i, cap = 0;
	uint8_t q, bits;

	*n = 0;
	for (i = 0; i < t->n; i++) {
		struct entry *e = &t->e[i];

		if (e->known || e->fail != FAIL_NONE || e->nx ||
		    e->cname != NONE)
			continue;
		bits = (e->need & NEED_PTR ? 1u << Q_PTR : 0) |
		    (e->need & NEED_ADDR ? (1u << Q_A) | (1u << Q_AAAA) : 0);
		for (q = 0; q < NQ; q++) {
			if (!(bits & (1u << q)) || (e->done & (1u << q)) ||
			    (e->asked & (1u << q)))
				continue;
			if (*n == cap) {
				cap = cap ? cap * 2 : 1024;
				if ((nj = realloc(jobs, cap * sizeof(*nj))) ==
				    NULL) {
					free(jobs);
					*err = RDA_ENOMEM;
					return NULL;
				}
				jobs = nj;
			}
			memset(&jobs[*n], 0, sizeof(jobs[*n]));
			jobs[*n].entry = (uint32_t)i;
			jobs[(*n)++].q = q;
			e->asked |= (uint8_t)(1u << q);
		}
	}
	return jobs;
}

/* Whether entry E has every answer it needs. */
static bool
complete(const struct entry *e)
{
	uint8_t bits = (e->need & NEED_PTR ? 1u << Q_PTR : 0) |
	    (e->need & NEED_ADDR ? (1u << Q_A) | (1u << Q_AAAA) : 0);

	return e->nx || e->cname != NONE || (e->done & bits) == bits;
}

/* ---- into the model ---- */

static int
add_rec(struct model *m, uint32_t src, uint32_t owner, uint16_t type,
    const uint8_t *rd)
{
	struct rec r;
	int rc;

	memset(&r, 0, sizeof(r));
	r.owner = owner;
	r.src = src;
	r.type = type;
	if (type == RT_A)
		memcpy(r.rd.a4, rd, 4);
	else if (type == RT_PTR || type == RT_CNAME) {
		if ((rc = model_name(m, rd, &r.rd.target)) < 0)
			return rc;
	}
	return model_rec_add(m, &r, type == RT_AAAA ? rd : NULL, 0);
}

static int
add_records(struct model *m, uint32_t src, uint32_t owner,
    const struct entry *e)
{
	const struct blob *b;
	size_t off;
	int rc = 0, n = 0;

	b = &e->data[Q_PTR];
	for (off = 0; off < b->len && rc == 0; off += 1 + b->p[off], n++)
		rc = add_rec(m, src, owner, RT_PTR, b->p + off + 1);
	b = &e->data[Q_A];
	for (off = 0; off + 4 <= b->len && rc == 0; off += 4, n++)
		rc = add_rec(m, src, owner, RT_A, b->p + off);
	b = &e->data[Q_AAAA];
	for (off = 0; off + 16 <= b->len && rc == 0; off += 16, n++)
		rc = add_rec(m, src, owner, RT_AAAA, b->p + off);
	if (rc == 0 && n == 0)
		rc = add_rec(m, src, owner, RT_LIVE_EXISTS, NULL);
	return rc;
}

/* Adds entry E as a live zone of its own (model.h, "Live data"). */
static int
add_zone(struct table *t, struct model *m, const struct entry *e,
    const char *from)
{
	char name[NAMES_TXT_MAX], *zsrc = NULL, *path;
	uint32_t zone, src, owner;
	int rc;

	names_fmt(e->wire, name, sizeof(name));
	if (e->zone == NULL &&
	    asprintf(&zsrc, "%s (looked up live)", name) < 0)
		return RDA_ENOMEM;
	rc = model_live_zone_add(m, e->wire, e->zone ? e->zone : zsrc, &zone);
	free(zsrc);
	if (rc == RDA_EINVAL)
		return 0;	/* a loaded zone has that apex */
	if (rc < 0)
		return rc;
	/* Findings on live records point at the answer they came from. */
	if (asprintf(&path, "%s for %s", from, name) < 0)
		return RDA_ENOMEM;
	rc = model_source_add(m, zone, path, false, &src);
	free(path);
	if (rc < 0)
		return rc;
	owner = m->zones[zone].apex;
	if (e->cname != NONE)
		return add_rec(m, src, owner, RT_CNAME, t->e[e->cname].wire);
	if (e->nx)
		return 0;	/* an empty zone: the name does not exist */
	return add_records(m, src, owner, e);
}

static int
store(struct table *t, struct model *m, const struct resolve_opts *o,
    struct resolve_stats *st)
{
	char from[128], a[NAMES_ADDR_TXT_MAX];
	uint32_t id;
	size_t i;
	int rc = 0;

	if (o->have_server)
		snprintf(from, sizeof(from), o->server.family == 6 ?
		    "live answer from [%s]:%u" : "live answer from %s:%u",
		    names_addr_fmt(&o->server, a), o->port);
	else
		snprintf(from, sizeof(from), "live answer from the resolvers "
		    "of %s", o->resolv_conf ? o->resolv_conf :
		    "/etc/resolv.conf");
	model_reopen(m);
	for (i = 0; i < t->n && rc == 0; i++) {
		struct entry *e = &t->e[i];

		if (e->known)
			continue;
		if (e->fail == FAIL_NONE && !complete(e))
			e->fail = FAIL_LIMIT;
		if (e->fail != FAIL_NONE) {
			st->failed++;
			if ((rc = model_name(m, e->wire, &id)) == 0)
				model_fail_set(m, id, e->fail);
			continue;
		}
		rc = add_zone(t, m, e, from);
	}
	if (rc == 0)
		rc = model_finish(m);
	return rc;
}

int
resolve_parse_server(const char *arg, struct resolve_opts *o, char *err)
{
	char host[NAMES_ADDR_TXT_MAX + 2];
	const char *port = NULL, *colon = strchr(arg, ':');
	unsigned long v;
	char *end;
	size_t n;

	if (arg[0] == '[') {
		const char *close = strchr(arg, ']');

		if (close == NULL || (close[1] != '\0' && close[1] != ':'))
			goto bad;
		n = (size_t)(close - arg - 1);
		port = close[1] == ':' ? close + 2 : NULL;
		arg++;
	} else if (colon != NULL && strchr(colon + 1, ':') == NULL) {
		n = (size_t)(colon - arg);
		port = colon + 1;
	} else
		n = strlen(arg);
	if (n == 0 || n >= sizeof(host))
		goto bad;
	memcpy(host, arg, n);
	host[n] = '\0';
	if (names_addr_parse(host, &o->server) < 0)
		goto bad;
	o->port = 53;
	if (port != NULL) {
		errno = 0;
		v = strtoul(port, &end, 10);
		if (*port < '0' || *port > '9' || errno != 0 || *end != '\0' ||
		    v == 0 || v > 65535)
			goto bad;
		o->port = (uint16_t)v;
	}
	o->have_server = true;
	return 0;
bad:
	snprintf(err, RESOLVE_ERR_MAX, "--resolver takes an IPv4 or IPv6 "
	    "address with an optional port (192.0.2.53, 192.0.2.53:5353, "
	    "[2001:db8::53]:5353)");
	return RDA_EINVAL;
}

int
resolve_run(struct model *m, const struct resolve_opts *oin,
    struct resolve_stats *st, char *err)
{
	struct resolve_opts o = *oin;
	struct table t = {0};
	struct pool p = {0};
	ldns_resolver *probe;
	ldns_status s;
	size_t i;
	double t0 = now();
	int rc;

	memset(st, 0, sizeof(*st));
	if (o.jobs == 0)
		o.jobs = 16;
	if (o.timeout_ms == 0)
		o.timeout_ms = 2000;
	if (o.tries == 0)
		o.tries = 3;
	if (o.max_names == 0)
		o.max_names = 1000000;
	/* Fail early and clearly when there is no resolver to ask. */
	if ((probe = resolver_new(&o, &s)) == NULL) {
		const char *why = ldns_get_errorstr_by_id(s);

		snprintf(err, RESOLVE_ERR_MAX, "--resolve: no resolver to ask "
		    "(%s: %s); name one with --resolver", o.have_server ?
		    "--resolver" : (o.resolv_conf ? o.resolv_conf :
		    "/etc/resolv.conf"), why ? why : "unknown ldns error");
		return RDA_ENET;
	}
	ldns_resolver_deep_free(probe);
	t.m = m;
	t.max = o.max_names;
	st->jobs = o.jobs;
	if ((rc = seed(&t, m)) < 0)
		goto out;
	p.o = &o;
	p.t = &t;
	for (st->waves = 0; st->waves < MAX_WAVES; st->waves++) {
		if ((p.jobs = plan(&t, &p.n, &rc)) == NULL)
			break;
		run_jobs(&p, o.jobs);
		st->queries += (unsigned)p.n;
		for (i = 0; i < p.n; i++) {
			struct job *j = &p.jobs[i];

			if (j->pkt == NULL) {
				if (t.e[j->entry].fail == FAIL_NONE)
					t.e[j->entry].fail = j->fail;
			} else if (rc == 0)
				rc = read_answer(&t, m, j);
			ldns_pkt_free(j->pkt);
		}
		free(p.jobs);
		p.jobs = NULL;
		if (rc < 0)
			goto out;
	}
	if (rc < 0)
		goto out;
	for (i = 0; i < t.n; i++)
		st->names += !t.e[i].known;
	rc = store(&t, m, &o, st);
out:
	table_clear(&t);
	st->seconds = now() - t0;
	if (rc == RDA_ENOMEM)
		snprintf(err, RESOLVE_ERR_MAX, "out of memory");
	return rc;
}
