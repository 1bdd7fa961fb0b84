/* checks.c -- the check table and every check; see checks.h.
 *
 * Each check reads the cross-indexes and adds findings whose message says
 * what to change, in the administrator's terms: which record, in which
 * zone, to what.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/checks.h"
#include "core/err.h"

enum {
	CHK_MISSING_PTR, CHK_PTR_MISMATCH, CHK_DANGLING_PTR, CHK_PTR_TO_CNAME,
	CHK_MULTIPLE_PTR, CHK_DANGLING_CNAME, CHK_UNVERIFIED, CHK_CNAME_LOOP,
	CHK_IGNORE_EXPIRED, CHK_IGNORE_UNMATCHED,
};

/* Names of nodes, several per message. */
struct names {
	char buf[4][NAMES_TXT_MAX];
	unsigned i;
};

static const char *
nm(const struct model *m, struct names *n, uint32_t id)
{
	char *b = n->buf[n->i++ % 4];

	return model_fmt(m, id, b);
}

static const char *
zname(const struct model *m, struct names *n, uint32_t zone)
{
	return zone == MODEL_NONE ? "?" : nm(m, n, m->zones[zone].apex);
}

static const char *
family_type(const struct addr *a)
{
	return a->family == 4 ? "A" : "AAAA";
}

/* The name a PTR lookup stopped at, as text: the node, or the reverse
 * name of A when the name is not in the tree. */
static const char *
asked(const struct model *m, struct names *n, const struct lk_result *res,
    const struct addr *a)
{
	uint8_t wire[NAMES_WIRE_MAX + 1];
	char *b;

	if (res->name != MODEL_NONE)
		return nm(m, n, res->name);
	b = n->buf[n->i++ % 4];
	names_addr_to_rev(a, wire);
	names_fmt(wire, b, NAMES_TXT_MAX);
	return b;
}

static unsigned
label_count(const struct model *m, uint32_t id)
{
	unsigned k = 0;

	for (; id != 0 && id != MODEL_NONE; id = m->nodes[id].parent)
		k++;
	return k;
}

static bool
is_mail(const struct report *r, uint32_t id)
{
	return r->mail != NULL && (r->mail[id / 8] & (1u << (id % 8)));
}

/* The name to suggest for the PTR of an address several names share: a
 * mail host first, then the name with the fewest labels, then the first
 * in alphabetical order. */
static size_t
preferred(const struct xref *x, const struct report *r, size_t lo, size_t hi)
{
	const struct model *m = x->m;
	char a[NAMES_TXT_MAX], b[NAMES_TXT_MAX];
	size_t i, best = lo;
	uint32_t bo = m->recs[x->fwd[lo].rec].owner, o;
	unsigned lb = label_count(m, bo), li;
	bool mb = is_mail(r, bo), mi;

	for (i = lo + 1; i < hi; i++) {
		o = m->recs[x->fwd[i].rec].owner;
		li = label_count(m, o);
		mi = is_mail(r, o);
		if ((mi && !mb) || (mi == mb && (li < lb || (li == lb &&
		    strcmp(model_fmt(m, o, a), model_fmt(m, bo, b)) < 0)))) {
			best = i;
			bo = o;
			lb = li;
			mb = mi;
		}
	}
	return best;
}

static size_t
group_end(const struct xfwd *f, size_t n, size_t lo)
{
	size_t hi = lo + 1;

	while (hi < n && memcmp(&f[hi].addr, &f[lo].addr,
	    sizeof(f[lo].addr)) == 0)
		hi++;
	return hi;
}

static int
missing_ptr(const struct xref *x, struct report *r, unsigned self)
{
	const struct model *m = x->m;
	char abuf[NAMES_ADDR_TXT_MAX], others[512];
	struct names n = {0};
	size_t lo, hi, i, best;
	int rc;

	for (lo = 0; lo < x->nfwd; lo = hi) {
		const struct xfwd *f = &x->fwd[lo];
		const struct rec *rec;

		hi = group_end(x->fwd, x->nfwd, lo);
		if (f->ptr.status != LK_NXDOMAIN && f->ptr.status != LK_NODATA)
			continue;
		best = preferred(x, r, lo, hi);
		rec = &m->recs[x->fwd[best].rec];
		others[0] = '\0';
		for (i = lo; i < hi; i++) {
			size_t k = strlen(others);

			if (i == best || k + 8 > sizeof(others))
				continue;
			snprintf(others + k, sizeof(others) - k, "%s%s",
			    k ? ", " : "; other names on this address: ",
			    nm(m, &n, m->recs[x->fwd[i].rec].owner));
		}
		rc = report_add(r, self, &f->addr, rec->owner, MODEL_NONE,
		    model_rec_zone(m, rec), x->fwd[best].rec,
		    "%s (%s %s) has no PTR record: add \"%s PTR %s\" to zone "
		    "%s%s", names_addr_fmt(&f->addr, abuf),
		    nm(m, &n, rec->owner), family_type(&f->addr),
		    asked(m, &n, &f->ptr, &f->addr), nm(m, &n, rec->owner),
		    zname(m, &n, f->ptr.zone), others);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static int
unverified(const struct xref *x, struct report *r, unsigned self)
{
	const struct model *m = x->m;
	char abuf[NAMES_ADDR_TXT_MAX];
	struct names n = {0};
	size_t lo, hi, i;
	int rc;

	for (lo = 0; lo < x->nfwd; lo = hi) {
		const struct xfwd *f = &x->fwd[lo];
		const struct rec *rec = &m->recs[f->rec];

		hi = group_end(x->fwd, x->nfwd, lo);
		if (f->ptr.status != LK_UNKNOWN)
			continue;
		rc = report_add(r, self, &f->addr, rec->owner, MODEL_NONE,
		    model_rec_zone(m, rec), f->rec, "%s (%s %s): no loaded "
		    "zone is authoritative for %s, so its PTR cannot be "
		    "checked; load the reverse zone to check it",
		    names_addr_fmt(&f->addr, abuf), nm(m, &n, rec->owner),
		    family_type(&f->addr), asked(m, &n, &f->ptr, &f->addr));
		if (rc < 0)
			return rc;
	}
	for (i = 0; i < x->nrev; i++) {
		const struct xrev *v = &x->rev[i];
		uint32_t t = m->recs[v->ptr].rd.target;

		if (v->fwd.status != LK_UNKNOWN)
			continue;
		rc = report_add(r, self, &v->addr, t, MODEL_NONE,
		    model_rec_zone(m, &m->recs[v->ptr]), v->ptr, "PTR of %s "
		    "points to %s; no loaded zone is authoritative for %s, so "
		    "it cannot be confirmed that it resolves back",
		    names_addr_fmt(&v->addr, abuf), nm(m, &n, t),
		    v->fwd.hops ? nm(m, &n, v->fwd.name) : "that name");
		if (rc < 0)
			return rc;
	}
	return 0;
}

static int
multiple_ptr(const struct xref *x, struct report *r, unsigned self)
{
	const struct model *m = x->m;
	char abuf[NAMES_ADDR_TXT_MAX], list[1024];
	struct names n = {0};
	size_t i, j, k;
	int rc;

	for (i = 0; i < x->nrev; i += x->rev[i].nptr) {
		const struct xrev *v = &x->rev[i];

		if (v->nptr < 2)
			continue;
		list[0] = '\0';
		for (j = i; j < i + v->nptr; j++) {
			k = strlen(list);
			snprintf(list + k, sizeof(list) - k, "%s%s", j > i ?
			    ", " : "", nm(m, &n, m->recs[x->rev[j].ptr].rd.target));
		}
		rc = report_add(r, self, &v->addr, m->recs[x->rev[i + 1].ptr]
		    .rd.target, MODEL_NONE, model_rec_zone(m,
		    &m->recs[x->rev[i + 1].ptr]), x->rev[i + 1].ptr,
		    "%s has %u PTR records (%s); mail servers take any one of "
		    "them, so keep only the mail host's name and remove the "
		    "others", names_addr_fmt(&v->addr, abuf), v->nptr, list);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static int
ptr_to_cname(const struct xref *x, struct report *r, unsigned self)
{
	const struct model *m = x->m;
	char abuf[NAMES_ADDR_TXT_MAX];
	struct names n = {0};
	size_t i;
	int rc;

	for (i = 0; i < x->nrev; i++) {
		const struct xrev *v = &x->rev[i];
		uint32_t t = m->recs[v->ptr].rd.target;

		if (v->fwd.hops == 0)
			continue;
		if (v->fwd.status == LK_LOOP || v->fwd.status == LK_TOOLONG)
			rc = report_add(r, self, &v->addr, t, MODEL_NONE,
			    model_rec_zone(m, &m->recs[v->ptr]), v->ptr,
			    "PTR of %s points to %s, an alias (CNAME) whose chain "
			    "never ends (%s); point it at the host's canonical "
			    "name", names_addr_fmt(&v->addr, abuf), nm(m, &n, t),
			    lookup_status_str(v->fwd.status));
		else
			rc = report_add(r, self, &v->addr, t, v->fwd.name,
		    model_rec_zone(m, &m->recs[v->ptr]), v->ptr,
		    "PTR of %s points to %s, an alias (CNAME) of %s; point it "
		    "at the canonical name %s", names_addr_fmt(&v->addr, abuf),
		    nm(m, &n, t), nm(m, &n, v->fwd.name),
		    nm(m, &n, v->fwd.name));
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* Whether ID lies under in-addr.arpa. or ip6.arpa.: a PTR target there is
 * almost always a relative name written without its trailing dot. */
static bool
under_reverse(const struct model *m, uint32_t id)
{
	uint8_t wire[NAMES_WIRE_MAX + 1];

	model_wire(m, id, wire);
	return names_rev_parse(wire, NULL, NULL) != NAMES_REV_NONE;
}

static int
dangling_ptr(const struct xref *x, struct report *r, unsigned self)
{
	const struct model *m = x->m;
	char abuf[NAMES_ADDR_TXT_MAX];
	struct names n = {0};
	size_t i;
	int rc;

	for (i = 0; i < x->nrev; i++) {
		const struct xrev *v = &x->rev[i];
		uint32_t t = m->recs[v->ptr].rd.target;

		names_addr_fmt(&v->addr, abuf);
		if (v->fwd.status == LK_NXDOMAIN && under_reverse(m, t))
			rc = report_add(r, self, &v->addr, t, MODEL_NONE,
			    model_rec_zone(m, &m->recs[v->ptr]), v->ptr,
			    "PTR of %s points to %s, which does not exist: a "
			    "name inside the reverse tree is almost always a "
			    "host name written without its trailing dot; end "
			    "the target with '.'", abuf, nm(m, &n, t));
		else if (v->fwd.status == LK_NXDOMAIN)
			rc = report_add(r, self, &v->addr, t, MODEL_NONE,
			    model_rec_zone(m, &m->recs[v->ptr]), v->ptr,
			    "PTR of %s points to %s, which does not exist in "
			    "zone %s: add \"%s %s %s\" there or correct the "
			    "PTR", abuf, nm(m, &n, t),
			    zname(m, &n, v->fwd.zone), nm(m, &n, v->fwd.name),
			    family_type(&v->addr), abuf);
		else if (v->fwd.status == LK_NODATA)
			rc = report_add(r, self, &v->addr, t, MODEL_NONE,
			    model_rec_zone(m, &m->recs[v->ptr]), v->ptr,
			    "PTR of %s points to %s, which has no %s record: "
			    "add \"%s %s %s\" to zone %s or correct the PTR",
			    abuf, nm(m, &n, t), family_type(&v->addr),
			    nm(m, &n, v->fwd.name), family_type(&v->addr), abuf,
			    zname(m, &n, v->fwd.zone));
		else
			continue;
		if (rc < 0)
			return rc;
	}
	return 0;
}

static int
ptr_mismatch(const struct xref *x, struct report *r, unsigned self)
{
	const struct model *m = x->m;
	char abuf[NAMES_ADDR_TXT_MAX], list[512], b[NAMES_ADDR_TXT_MAX];
	struct names n = {0};
	uint16_t type;
	uint32_t k;
	size_t i, len;
	int rc;

	for (i = 0; i < x->nrev; i++) {
		const struct xrev *v = &x->rev[i];
		uint32_t t = m->recs[v->ptr].rd.target;

		if (v->fwd.status != LK_ANSWER || v->match)
			continue;
		type = v->addr.family == 4 ? RT_A : RT_AAAA;
		list[0] = '\0';
		for (k = lookup_rec(m, v->fwd.node, v->fwd.zone, type);
		    k != MODEL_NONE;
		    k = lookup_rec_next(m, v->fwd.node, v->fwd.zone, type, k)) {
			struct addr a = {0};

			a.family = v->addr.family;
			memcpy(a.b, m->recs[k].rd.addr, a.family == 4 ? 4 : 16);
			len = strlen(list);
			if (len + NAMES_ADDR_TXT_MAX + 8 < sizeof(list))
				snprintf(list + len, sizeof(list) - len, "%s%s",
				    len ? ", " : "", names_addr_fmt(&a, b));
		}
		rc = report_add(r, self, &v->addr, t, MODEL_NONE,
		    model_rec_zone(m, &m->recs[v->ptr]), v->ptr,
		    "PTR of %s points to %s, but %s resolves to %s, not %s: "
		    "correct the PTR or the %s record",
		    names_addr_fmt(&v->addr, abuf), nm(m, &n, t),
		    nm(m, &n, t), list, abuf, family_type(&v->addr));
		if (rc < 0)
			return rc;
	}
	return 0;
}

static int
dangling_cname(const struct xref *x, struct report *r, unsigned self)
{
	const struct model *m = x->m;
	struct lk_result res;
	struct names n = {0};
	size_t i;
	int rc;

	for (i = 0; i < m->nrecs; i++) {
		const struct rec *c = &m->recs[i];

		if (c->type != RT_CNAME || !model_rec_auth(m, c))
			continue;
		/* RFC 2317: a parent aliases every address of a classless
		 * block into the child, which holds PTRs only for the
		 * addresses in use.  An alias from the reverse tree into the
		 * reverse tree with no target is an address without a PTR,
		 * which missing-ptr judges from the A/AAAA side. */
		if (under_reverse(m, c->owner) && under_reverse(m, c->rd.target))
			continue;
		lookup_node(m, c->rd.target, RT_CNAME, &res);
		if (res.status != LK_NXDOMAIN)
			continue;
		rc = report_add(r, self, NULL, c->owner, c->rd.target,
		    model_rec_zone(m, c), (uint32_t)i, "%s is an alias (CNAME) "
		    "of %s, which does not exist in zone %s: correct or "
		    "remove the CNAME", nm(m, &n, c->owner),
		    nm(m, &n, c->rd.target), zname(m, &n, res.zone));
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* Whether CNAME record C lies on a cycle, and is the first record of it
 * (the lowest index), so that each loop is reported once. */
static bool
first_of_cycle(const struct model *m, uint32_t c)
{
	struct lk_result res;
	uint32_t cur = c;
	unsigned i;

	for (i = 0; i <= LOOKUP_MAX_HOPS; i++) {
		lookup_node(m, m->recs[cur].rd.target, RT_CNAME, &res);
		if (res.status != LK_ANSWER)
			return false;
		cur = lookup_rec(m, res.node, res.zone, RT_CNAME);
		if (cur == c)
			return true;
		if (cur < c)
			return false;
	}
	return false;
}

static int
cname_loop(const struct xref *x, struct report *r, unsigned self)
{
	const struct model *m = x->m;
	struct lk_result res;
	struct names n = {0};
	size_t i;
	int rc;

	for (i = 0; i < m->nrecs; i++) {
		const struct rec *c = &m->recs[i];

		if (c->type != RT_CNAME || !model_rec_auth(m, c))
			continue;
		lookup_node(m, c->owner, RT_A, &res);
		if (res.status == LK_LOOP) {
			/* The names leading into a loop are not reported:
			 * the loop itself is, once, at its first record. */
			if (!first_of_cycle(m, (uint32_t)i))
				continue;
			rc = report_add(r, self, NULL, c->owner, c->rd.target,
			    model_rec_zone(m, c), (uint32_t)i, "the CNAME chain "
			    "from %s comes back to it: no name on it resolves; "
			    "break the loop", nm(m, &n, c->owner));
		} else if (res.status == LK_TOOLONG)
			rc = report_add(r, self, NULL, c->owner, c->rd.target,
			    model_rec_zone(m, c), (uint32_t)i, "more than %d "
			    "CNAMEs in a row from %s; resolvers give up: point "
			    "it nearer the end of the chain", LOOKUP_MAX_HOPS,
			    nm(m, &n, c->owner));
		else
			continue;
		if (rc < 0)
			return rc;
	}
	return 0;
}

const struct check checks[] = {
	[CHK_MISSING_PTR] = {"missing-ptr", SEV_WARNING, "an authoritative "
	    "A/AAAA address whose reverse name is authoritative and has no "
	    "PTR", missing_ptr},
	[CHK_PTR_MISMATCH] = {"ptr-mismatch", SEV_ERROR, "a PTR target "
	    "resolves, in the loaded data, to addresses that do not include "
	    "the address", ptr_mismatch},
	[CHK_DANGLING_PTR] = {"dangling-ptr", SEV_ERROR, "a PTR target is "
	    "authoritative and does not exist, or has no address of the "
	    "address's family", dangling_ptr},
	[CHK_PTR_TO_CNAME] = {"ptr-to-cname", SEV_WARNING, "a PTR target is "
	    "an alias (CNAME) instead of the canonical name", ptr_to_cname},
	[CHK_MULTIPLE_PTR] = {"multiple-ptr", SEV_WARNING, "one address has "
	    "more than one PTR", multiple_ptr},
	[CHK_DANGLING_CNAME] = {"dangling-cname", SEV_ERROR, "a CNAME whose "
	    "target is authoritative and does not exist", dangling_cname},
	[CHK_UNVERIFIED] = {"unverified", SEV_INFO, "an address or PTR target "
	    "that no loaded zone is authoritative for", unverified},
	[CHK_CNAME_LOOP] = {"cname-loop", SEV_ERROR, "a CNAME chain that "
	    "loops or is longer than 8 aliases", cname_loop},
	/* Raised by the configuration's ignore rules (core/ignore.c), not
	 * by a pass over the zones: no run function. */
	[CHK_IGNORE_EXPIRED] = {"ignore-expired", SEV_WARNING, "an ignore rule "
	    "of the configuration whose 'until' date has passed; it no longer "
	    "applies", NULL},
	[CHK_IGNORE_UNMATCHED] = {"ignore-unmatched", SEV_INFO, "an ignore "
	    "rule of the configuration that matched no finding", NULL},
};

const unsigned nchecks = sizeof(checks) / sizeof(checks[0]);

enum sev checks_sev[sizeof(checks) / sizeof(checks[0])];

void
checks_init(void)
{
	unsigned i;

	for (i = 0; i < nchecks; i++)
		checks_sev[i] = checks[i].sev;
}

int
checks_find(const char *id)
{
	unsigned i;

	for (i = 0; i < nchecks; i++)
		if (strcmp(checks[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* Marks the targets of authoritative MX records: findings about them are
 * raised one level. */
static uint8_t *
mail_hosts(const struct model *m)
{
	uint8_t *bits = calloc(m->nnodes / 8 + 1, 1);
	size_t i;

	if (bits == NULL)
		return NULL;
	for (i = 0; i < m->nrecs; i++) {
		const struct rec *r = &m->recs[i];

		if (r->type == RT_MX && model_rec_auth(m, r))
			bits[r->rd.target / 8] |= (uint8_t)(1u << (r->rd.target % 8));
	}
	return bits;
}

int
checks_run(const struct model *m, const struct policy *pol, struct xref *x,
    struct report *r)
{
	uint8_t *mail;
	unsigned i;
	int rc;

	if ((mail = mail_hosts(m)) == NULL)
		return RDA_ENOMEM;
	r->mail = mail;
	(void)pol;
	if ((rc = xref_build(x, m)) < 0) {
		free(mail);
		r->mail = NULL;
		return rc;
	}
	for (i = 0; i < nchecks && rc == 0; i++)
		if (checks_sev[i] != SEV_OFF && checks[i].run != NULL)
			rc = checks[i].run(x, r, i);
	free(mail);
	r->mail = NULL;
	report_sort(r);
	return rc;
}
