/* mailcheck.c -- the mail checks: forward-confirmed reverse DNS of every
 * mail host's addresses, MX targets, generic-looking PTR names of mail
 * hosts, SPF terms that cannot be followed.  See mail.h.
 *
 * These checks are about mail hosts already, so their severity is what the
 * table says: the raise of report_add() for mail hosts does not apply.
 */
#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "core/generic.h"
#include "core/mail.h"
#include "core/msgname.h"

void
mail_fcrdns(const struct xref *x, const struct addr *a, struct fcr *f)
{
	const struct model *m = x->m;
	uint16_t type = a->family == 4 ? RT_A : RT_AAAA;
	enum fcr_step s;
	bool ok = false;
	uint32_t p;

	memset(f, 0, sizeof(*f));
	f->bad = MODEL_NONE;
	xref_ptr(x, a, &f->ptr);
	switch (f->ptr.status) {
	case LK_UNKNOWN:
		f->step = FCR_UNKNOWN;
		return;
	case LK_LOOP:
	case LK_TOOLONG:
		f->step = FCR_REV_LOOP;
		return;
	case LK_NXDOMAIN:
	case LK_NODATA:
		f->step = FCR_NO_PTR;
		return;
	case LK_ANSWER:
		break;
	}
	f->step = FCR_UNKNOWN;
	for (p = lookup_rec(m, f->ptr.node, f->ptr.zone, RT_PTR);
	    p != MODEL_NONE;
	    p = lookup_rec_next(m, f->ptr.node, f->ptr.zone, RT_PTR, p)) {
		struct lk_result fwd;

		f->nptr++;
		lookup_node(m, m->recs[p].rd.target, type, &fwd);
		switch (fwd.status) {
		case LK_UNKNOWN:
			continue;
		case LK_NXDOMAIN:
			s = FCR_TARGET_NX;
			break;
		case LK_NODATA:
			s = FCR_TARGET_NOADDR;
			break;
		case LK_LOOP:
		case LK_TOOLONG:
			s = FCR_TARGET_LOOP;
			break;
		default:
			s = xref_has_addr(m, &fwd, a, NULL) ? FCR_OK :
			    FCR_MISMATCH;
			break;
		}
		if (s == FCR_OK) {
			ok = true;
		} else if (f->bad == MODEL_NONE) {
			f->bad = p;
			f->fwd = fwd;
			f->step = s;
		}
	}
	if (f->bad == MODEL_NONE && ok)
		f->step = FCR_OK;
}

/* The addresses of the answer RES of A's family, as a list. */
static void
addr_list(const struct model *m, const struct lk_result *res,
    const struct addr *a, char *out, size_t size)
{
	uint16_t type = a->family == 4 ? RT_A : RT_AAAA;
	char b[NAMES_ADDR_TXT_MAX];
	size_t len;
	uint32_t k;

	out[0] = '\0';
	for (k = lookup_rec(m, res->node, res->zone, type); k != MODEL_NONE;
	    k = lookup_rec_next(m, res->node, res->zone, type, k)) {
		struct addr o = model_rec_ip(m, &m->recs[k]);

		len = strlen(out);
		if (len + NAMES_ADDR_TXT_MAX + 8 < size)
			snprintf(out + len, size - len, "%s%s", len ? ", " : "",
			    names_addr_fmt(&o, b));
	}
}

/* "mail host NAME (ADDR)" or "SPF-authorised sender ADDR (SPF of D)". */
static void
who(const struct model *m, const struct mail_addr *ma, char *out,
    size_t size)
{
	char a[NAMES_ADDR_TXT_MAX];
	struct msgname n = {0};

	names_addr_fmt(&ma->addr, a);
	if (ma->name != MODEL_NONE)
		snprintf(out, size, "mail host %s (%s)",
		    msgname_node(m, &n, ma->name),
		    a);
	else
		snprintf(out, size, "SPF-authorised sender %s (SPF record of "
		    "%s)", a, msgname_node(m, &n, m->recs[ma->rec].owner));
}

static int
fcrdns_finding(const struct xref *x, struct report *r, unsigned self,
    const struct mail_addr *ma, const struct fcr *f)
{
	const struct model *m = x->m;
	char w[NAMES_TXT_MAX + 96], a[NAMES_ADDR_TXT_MAX], list[512];
	struct msgname n = {0};
	uint32_t t;

	who(m, ma, w, sizeof(w));
	names_addr_fmt(&ma->addr, a);
	if (f->step == FCR_NO_PTR)
		return report_add(r, self, &ma->addr, ma->name, MODEL_NONE,
		    f->ptr.zone, ma->rec, "%s: forward-confirmed reverse DNS "
		    "fails at step 1 (address to name): %s has no PTR record "
		    "in zone %s; receiving mail servers reject or distrust "
		    "mail from it", w, msgname_asked(m, &n, &f->ptr, &ma->addr),
		    msgname_zone(m, &n, f->ptr.zone));
	if (f->step == FCR_REV_LOOP)
		return report_add(r, self, &ma->addr, ma->name, MODEL_NONE,
		    f->ptr.zone, ma->rec, "%s: forward-confirmed reverse DNS "
		    "fails at step 1 (address to name): the CNAME chain at %s "
		    "never ends", w, msgname_asked(m, &n, &f->ptr, &ma->addr));
	t = m->recs[f->bad].rd.target;
	switch (f->step) {
	case FCR_TARGET_NX:
		return report_add(r, self, &ma->addr, ma->name, t,
		    model_rec_zone(m, &m->recs[f->bad]), f->bad, "%s: "
		    "forward-confirmed reverse DNS fails at step 2 (name to "
		    "address): its PTR names %s, which does not exist in zone "
		    "%s", w, msgname_node(m, &n, t),
		    msgname_zone(m, &n, f->fwd.zone));
	case FCR_TARGET_NOADDR:
		return report_add(r, self, &ma->addr, ma->name, t,
		    model_rec_zone(m, &m->recs[f->bad]), f->bad, "%s: "
		    "forward-confirmed reverse DNS fails at step 2 (name to "
		    "address): its PTR names %s, which has no %s record", w,
		    msgname_node(m, &n, t), msgname_rrtype(&ma->addr));
	case FCR_TARGET_LOOP:
		return report_add(r, self, &ma->addr, ma->name, t,
		    model_rec_zone(m, &m->recs[f->bad]), f->bad, "%s: "
		    "forward-confirmed reverse DNS fails at step 2 (name to "
		    "address): its PTR names %s, whose CNAME chain never ends",
		    w, msgname_node(m, &n, t));
	default:
		addr_list(m, &f->fwd, &ma->addr, list, sizeof(list));
		return report_add(r, self, &ma->addr, ma->name, t,
		    model_rec_zone(m, &m->recs[f->bad]), f->bad, "%s: "
		    "forward-confirmed reverse DNS fails at step 3 (the name's "
		    "addresses include the address): its PTR names %s, which "
		    "resolves to %s, not %s", w, msgname_node(m, &n, t), list,
		    a);
	}
}

int
mail_check_fcrdns(const struct xref *x, struct report *r, unsigned self)
{
	struct fcr f;
	size_t i;
	int rc;

	for (i = 0; i < x->mail->na; i++) {
		const struct mail_addr *ma = &x->mail->a[i];

		mail_fcrdns(x, &ma->addr, &f);
		if (f.step == FCR_OK || f.step == FCR_UNKNOWN)
			continue;
		if ((rc = fcrdns_finding(x, r, self, ma, &f)) < 0)
			return rc;
	}
	return 0;
}

int
mail_check_ptr_generic(const struct xref *x, struct report *r, unsigned self)
{
	const struct model *m = x->m;
	const struct policy *pol = x->pol;
	char w[NAMES_TXT_MAX + 96], t[NAMES_TXT_MAX], h[NAMES_TXT_MAX];
	struct lk_result res;
	const char *why;
	uint32_t p;
	size_t i;
	int rc;

	for (i = 0; i < x->mail->na; i++) {
		const struct mail_addr *ma = &x->mail->a[i];

		xref_ptr(x, &ma->addr, &res);
		if (res.status != LK_ANSWER)
			continue;
		for (p = lookup_rec(m, res.node, res.zone, RT_PTR);
		    p != MODEL_NONE;
		    p = lookup_rec_next(m, res.node, res.zone, RT_PTR, p)) {
			model_fmt(m, m->recs[p].rd.target, t);
			if (generic_ptr(t, &ma->addr, pol != NULL ?
			    (const char *const *)pol->generic_words : NULL,
			    pol != NULL ? pol->ngeneric_words : 0, &why))
				break;
		}
		if (p == MODEL_NONE)
			continue;
		who(m, ma, w, sizeof(w));
		if (ma->name != MODEL_NONE)
			model_fmt(m, ma->name, h);
		rc = report_add(r, self, &ma->addr, m->recs[p].rd.target,
		    MODEL_NONE, res.zone, p, "%s: its PTR %s looks like the "
		    "name of a dynamic or residential address (%s%s); many "
		    "receiving mail servers refuse mail from such names: %s%s",
		    w, t, strcmp(why, "embeds the address") == 0 ? "" :
		    "pool word ", why, ma->name == MODEL_NONE ? "have the PTR "
		    "set to the mail server's own host name" :
		    m->recs[p].rd.target == ma->name ? "give the mail host a "
		    "name that does not look generic, and its PTR that name" :
		    "have the PTR set to ", ma->name != MODEL_NONE &&
		    m->recs[p].rd.target != ma->name ? h : "");
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* Whether the rest of WIRE from offset OFF is the root (*ABS set) or the
 * name of node APEX. */
static bool
rest_is(const struct model *m, const uint8_t *wire, size_t off, uint32_t apex,
    bool *abs)
{
	uint8_t w[NAMES_WIRE_MAX + 1];
	size_t len;

	*abs = wire[off] == 0;
	if (*abs)
		return true;
	len = model_wire(m, apex, w);
	return names_wire_len(wire + off) == len &&
	    memcmp(wire + off, w, len) == 0;
}

/* An octet label, with '[' allowed before the first and ']' after the
 * last (the address-literal brackets of RFC 5321 §4.1.3). */
static bool
octet_label(const uint8_t *l, unsigned idx)
{
	const uint8_t *s = l + 1, *e = l + 1 + l[0];
	unsigned v = 0;

	if (idx == 0 && s < e && *s == '[')
		s++;
	if (idx == 3 && e > s && e[-1] == ']')
		e--;
	if (s == e || e - s > 3 || (e - s > 1 && *s == '0'))
		return false;
	for (; s < e; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (unsigned)(*s - '0');
	}
	return v <= 255;
}

/* Whether the MX target TARGET, in the zone with apex APEX, is an address
 * written as a name: four octet labels, or one label that is an IPv6
 * address, then the root (written absolute) or the zone's origin (written
 * without the final dot). */
static bool
literal(const struct model *m, uint32_t target, uint32_t apex, bool *abs)
{
	uint8_t wire[NAMES_WIRE_MAX + 1];
	char buf[64];
	struct addr a;
	size_t off = 0, n;
	unsigned i;

	model_wire(m, target, wire);
	for (i = 0; i < 4 && wire[off] != 0; i++) {
		if (!octet_label(wire + off, i))
			break;
		off += 1 + wire[off];
	}
	if (i == 4)
		return rest_is(m, wire, off, apex, abs);
	n = wire[0];
	if (n == 0 || n >= sizeof(buf) || memchr(wire + 1, ':', n) == NULL)
		return false;
	memcpy(buf, wire + 1, n);
	buf[n] = '\0';
	if (buf[0] == '[' && buf[n - 1] == ']') {
		buf[n - 1] = '\0';
		memmove(buf, buf + 1, n - 1);
	}
	return names_addr_parse(buf, &a) == 0 &&
	    rest_is(m, wire, 1 + n, apex, abs);
}

/* The A and AAAA lookups of node ID, and whether either answered. */
static bool
resolves(const struct model *m, uint32_t id, struct lk_result *a,
    struct lk_result *aaaa)
{
	lookup_node(m, id, RT_A, a);
	lookup_node(m, id, RT_AAAA, aaaa);
	return a->status == LK_ANSWER || aaaa->status == LK_ANSWER;
}

/* Whether mx-ip-literal reports MX record R (then mx-dangling does not):
 * written absolute, it is under a top-level domain of digits, which
 * cannot exist (RFC 3696 §2); written relative, it does not resolve. */
static bool
literal_finding(const struct model *m, const struct rec *r)
{
	struct lk_result a, aaaa;
	bool abs;

	if (!literal(m, r->rd.target, m->zones[model_rec_zone(m, r)].apex,
	    &abs))
		return false;
	return abs || !resolves(m, r->rd.target, &a, &aaaa);
}

/* Whether R is an MX record the MX checks look at: authoritative, not a
 * null MX (RFC 7505). */
static bool
mx_rec(const struct model *m, const struct rec *r)
{
	return r->type == RT_MX && model_rec_auth(m, r) && r->rd.target != 0;
}

int
mail_check_mx_dangling(const struct xref *x, struct report *r, unsigned self)
{
	const struct model *m = x->m;
	struct lk_result a, aaaa;
	struct msgname n = {0};
	size_t i;
	int rc;

	for (i = 0; i < m->nrecs; i++) {
		const struct rec *mx = &m->recs[i];

		if (!mx_rec(m, mx) || literal_finding(m, mx) ||
		    resolves(m, mx->rd.target, &a, &aaaa))
			continue;
		/* Unknown names are unverified, loops are cname-loop's. */
		if ((a.status != LK_NXDOMAIN && a.status != LK_NODATA) ||
		    (aaaa.status != LK_NXDOMAIN && aaaa.status != LK_NODATA))
			continue;
		rc = report_add(r, self, NULL, mx->owner, mx->rd.target,
		    model_rec_zone(m, mx), (uint32_t)i, "MX of %s points to "
		    "%s, which %s in zone %s: mail for %s cannot be delivered "
		    "there; add its A/AAAA records or correct the MX",
		    msgname_node(m, &n, mx->owner),
		    msgname_node(m, &n, mx->rd.target),
		    a.status == LK_NXDOMAIN ? "does not exist" :
		    "has no A or AAAA record", msgname_zone(m, &n, a.zone),
		    msgname_node(m, &n, mx->owner));
		if (rc < 0)
			return rc;
	}
	return 0;
}

int
mail_check_mx_cname(const struct xref *x, struct report *r, unsigned self)
{
	const struct model *m = x->m;
	struct lk_result res;
	struct msgname n = {0};
	size_t i;
	int rc;

	for (i = 0; i < m->nrecs; i++) {
		const struct rec *mx = &m->recs[i];

		if (!mx_rec(m, mx))
			continue;
		lookup_node(m, mx->rd.target, RT_A, &res);
		if (res.hops == 0)
			continue;
		/* RFC 2181 §10.3: the MX target must be a canonical name. */
		if (res.status == LK_LOOP || res.status == LK_TOOLONG)
			rc = report_add(r, self, NULL, mx->owner, mx->rd.target,
			    model_rec_zone(m, mx), (uint32_t)i, "MX of %s "
			    "points to %s, an alias (CNAME) whose chain never "
			    "ends; an MX must name a host's canonical name "
			    "(RFC 2181 §10.3)", msgname_node(m, &n, mx->owner),
			    msgname_node(m, &n, mx->rd.target));
		else
			rc = report_add(r, self, NULL, mx->owner, mx->rd.target,
			    model_rec_zone(m, mx), (uint32_t)i, "MX of %s "
			    "points to %s, an alias (CNAME) of %s; an MX must "
			    "name a host's canonical name (RFC 2181 §10.3): "
			    "point it at %s", msgname_node(m, &n, mx->owner),
			    msgname_node(m, &n, mx->rd.target),
			    msgname_node(m, &n, res.name),
			    msgname_node(m, &n, res.name));
		if (rc < 0)
			return rc;
	}
	return 0;
}

int
mail_check_mx_literal(const struct xref *x, struct report *r, unsigned self)
{
	const struct model *m = x->m;
	struct msgname n = {0};
	bool abs;
	size_t i;
	int rc;

	for (i = 0; i < m->nrecs; i++) {
		const struct rec *mx = &m->recs[i];

		if (!mx_rec(m, mx) || !literal_finding(m, mx))
			continue;
		literal(m, mx->rd.target, m->zones[model_rec_zone(m, mx)].apex,
		    &abs);
		rc = report_add(r, self, NULL, mx->owner, mx->rd.target,
		    model_rec_zone(m, mx), (uint32_t)i, "MX of %s points to "
		    "%s, an address written as a name%s; an MX must name a "
		    "host (RFC 5321 §5.1): give the host a name with an A/AAAA "
		    "record and point the MX at it",
		    msgname_node(m, &n, mx->owner),
		    msgname_node(m, &n, mx->rd.target),
		    abs ? "" : " (and, without a "
		    "final dot, under the zone's origin)");
		if (rc < 0)
			return rc;
	}
	return 0;
}

int
mail_check_unverified(const struct xref *x, struct report *r, unsigned self)
{
	const struct model *m = x->m;
	struct msgname n = {0};
	size_t i;
	int rc;

	for (i = 0; i < x->mail->nu; i++) {
		const struct mail_unv *u = &x->mail->u[i];

		if (u->macro)
			rc = report_add(r, self, NULL, u->owner, MODEL_NONE,
			    model_rec_zone(m, &m->recs[u->rec]), u->rec,
			    "SPF record of %s: \"%s\" uses macros (RFC 7208 "
			    "§7), which are not expanded, so the senders it "
			    "authorises are not checked",
			    msgname_node(m, &n, u->owner),
			    u->term);
		else
			rc = report_add(r, self, NULL, u->owner, MODEL_NONE,
			    model_rec_zone(m, &m->recs[u->rec]), u->rec,
			    "SPF record of %s: \"%s\" names a domain no loaded "
			    "zone is authoritative for, so the senders it "
			    "authorises are not checked; load that zone to "
			    "check them", msgname_node(m, &n, u->owner),
			    u->term);
		if (rc < 0)
			return rc;
	}
	return 0;
}
