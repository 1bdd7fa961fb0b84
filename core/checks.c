/* checks.c -- the check table and every check; see checks.h.
 *
 * Each check reads the cross-indexes and adds findings whose message says
 * what to change, in the administrator's terms: which record, in which
 * zone, to what.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/checks.h"
#include "core/err.h"
#include "core/msgname.h"
#include "core/mail.h"
#include "core/par.h"
#include "core/vec.h"

enum {
	CHK_MISSING_PTR, CHK_PTR_MISMATCH, CHK_DANGLING_PTR, CHK_PTR_TO_CNAME,
	CHK_MULTIPLE_PTR, CHK_DANGLING_CNAME, CHK_UNVERIFIED, CHK_CNAME_LOOP,
	CHK_RESOLVE_FAILED,
	CHK_MAIL_FCRDNS, CHK_MX_DANGLING, CHK_MX_TO_CNAME, CHK_MX_IP_LITERAL,
	CHK_PTR_GENERIC,
	CHK_IGNORE_EXPIRED, CHK_IGNORE_UNMATCHED,
};

static unsigned
label_count(const struct model *m, uint32_t id)
{
	unsigned k = 0;

	for (; id != 0 && id != MODEL_NONE; id = m->nodes[id].parent)
		k++;
	return k;
}

static bool
is_mail(const uint8_t *mail, uint32_t id)
{
	return mail != NULL && (mail[id / 8] & (1u << (id % 8)));
}

/* The name to suggest for the PTR of an address several names share: a
 * mail host first, then the name with the fewest labels, then the first
 * in alphabetical order.  The fix list (core/fixlist.c) uses it too. */
size_t
checks_preferred(const struct xref *x, const uint8_t *mail, size_t lo,
    size_t hi)
{
	const struct model *m = x->m;
	char a[NAMES_TXT_MAX], b[NAMES_TXT_MAX];
	size_t i, best = lo;
	uint32_t bo = m->recs[x->fwd[lo].rec].owner, o;
	unsigned lb = label_count(m, bo), li;
	bool mb = is_mail(mail, bo), mi;

	for (i = lo + 1; i < hi; i++) {
		o = m->recs[x->fwd[i].rec].owner;
		li = label_count(m, o);
		mi = is_mail(mail, o);
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

static int
missing_ptr(const struct xref *x, struct report *r, unsigned self)
{
	const struct model *m = x->m;
	char abuf[NAMES_ADDR_TXT_MAX], others[512];
	struct msgname n = {0};
	size_t lo, hi, i, best;
	int rc;

	for (lo = 0; lo < x->nfwd; lo = hi) {
		const struct xfwd *f = &x->fwd[lo];
		const struct rec *rec;
		struct lk_result pr;
		struct addr a;

		hi = lo + xref_fwd_run(x, lo);
		if (f->pstatus != LK_NXDOMAIN && f->pstatus != LK_NODATA)
			continue;
		a = xfwd_addr(m, f);
		xfwd_ptr(x, f, &pr);
		best = checks_preferred(x, r->mail, lo, hi);
		rec = &m->recs[x->fwd[best].rec];
		others[0] = '\0';
		for (i = lo; i < hi; i++) {
			size_t k = strlen(others);

			if (i == best || k + 8 > sizeof(others))
				continue;
			snprintf(others + k, sizeof(others) - k, "%s%s",
			    k ? ", " : "; other names on this address: ",
			    msgname_node(m, &n, m->recs[x->fwd[i].rec].owner));
		}
		rc = report_add(r, self, &a, rec->owner, MODEL_NONE,
		    model_rec_zone(m, rec), x->fwd[best].rec,
		    "%s (%s %s) has no PTR record: add \"%s PTR %s\" to zone "
		    "%s%s", names_addr_fmt(&a, abuf),
		    msgname_node(m, &n, rec->owner), msgname_rrtype(&a),
		    msgname_asked(m, &n, &pr, &a),
		    msgname_node(m, &n, rec->owner),
		    msgname_zone(m, &n, pr.zone), others);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* Whether no loaded zone answers for the target of PTR entry V; then its
 * look-up in *FR and its address in *VA (unverified, resolve_failed). */
static bool
rev_unknown(const struct xref *x, const struct xrev *v, struct lk_result *fr,
    struct addr *va)
{
	if (v->fstatus != LK_UNKNOWN)
		return false;
	xrev_fwd(x, v, fr);
	*va = xrev_addr(x, v);
	return true;
}

static int
unverified(const struct xref *x, struct report *r, unsigned self)
{
	const struct model *m = x->m;
	char abuf[NAMES_ADDR_TXT_MAX];
	struct msgname n = {0};
	size_t lo, hi, i;
	int rc;

	for (lo = 0; lo < x->nfwd; lo = hi) {
		const struct xfwd *f = &x->fwd[lo];
		const struct rec *rec = &m->recs[f->rec];
		struct lk_result pr;
		struct addr a;

		hi = lo + xref_fwd_run(x, lo);
		if (f->pstatus != LK_UNKNOWN ||
		    model_fail(m, f->pname) != FAIL_NONE)
			continue;
		a = xfwd_addr(m, f);
		xfwd_ptr(x, f, &pr);
		rc = report_add(r, self, &a, rec->owner, MODEL_NONE,
		    model_rec_zone(m, rec), f->rec, "%s (%s %s): no loaded "
		    "zone is authoritative for %s, so its PTR cannot be "
		    "checked; load the reverse zone to check it",
		    names_addr_fmt(&a, abuf),
		    msgname_node(m, &n, rec->owner),
		    msgname_rrtype(&a),
		    msgname_asked(m, &n, &pr, &a));
		if (rc < 0)
			return rc;
	}
	for (i = 0; i < x->nrev; i++) {
		const struct xrev *v = &x->rev[i];
		uint32_t t = m->recs[v->ptr].rd.target;
		struct lk_result fr;
		struct addr va;

		if (!rev_unknown(x, v, &fr, &va) ||
		    model_fail(m, fr.name) != FAIL_NONE)
			continue;
		rc = report_add(r, self, &va, t, MODEL_NONE,
		    model_rec_zone(m, &m->recs[v->ptr]), v->ptr, "PTR of %s "
		    "points to %s; no loaded zone is authoritative for %s, so "
		    "it cannot be confirmed that it resolves back",
		    names_addr_fmt(&va, abuf), msgname_node(m, &n, t),
		    fr.hops ? msgname_node(m, &n, fr.name) : "that name");
		if (rc < 0)
			return rc;
	}
	return mail_check_unverified(x, r, self);
}

/* qsort_r(): the checks run on several threads at once. */
static int
ptr_target_cmp(const void *pa, const void *pb, void *arg)
{
	const struct model *m = arg;
	char a[NAMES_TXT_MAX], b[NAMES_TXT_MAX];

	return strcmp(model_fmt(m, m->recs[*(const uint32_t *)pa].rd.target, a),
	    model_fmt(m, m->recs[*(const uint32_t *)pb].rd.target, b));
}

/* An RRset has no order (RFC 2181 §5): the targets are listed
 * alphabetically and the finding is at the PTR whose target comes last,
 * so a zone read from a file and the same zone by AXFR (in the server's
 * order) give the same finding. */
static int
multiple_ptr(const struct xref *x, struct report *r, unsigned self)
{
	const struct model *m = x->m;
	char abuf[NAMES_ADDR_TXT_MAX], list[1024];
	struct msgname n = {0};
	uint32_t *p, last;
	size_t i, j, k, nptr;
	int rc = 0;

	for (i = 0; i < x->nrev && rc == 0; i += nptr) {
		const struct xrev *v = &x->rev[i];
		struct addr va;

		nptr = xref_rev_run(x, i);
		if (nptr < 2)
			continue;
		va = xrev_addr(x, v);
		if ((p = malloc(nptr * sizeof(*p))) == NULL)
			return RDA_ENOMEM;
		for (j = 0; j < nptr; j++)
			p[j] = x->rev[i + j].ptr;
		qsort_r(p, nptr, sizeof(*p), ptr_target_cmp, (void *)m);
		list[0] = '\0';
		for (j = 0; j < nptr; j++) {
			k = strlen(list);
			snprintf(list + k, sizeof(list) - k, "%s%s", j > 0 ?
			    ", " : "",
			    msgname_node(m, &n, m->recs[p[j]].rd.target));
		}
		last = p[nptr - 1];
		free(p);
		rc = report_add(r, self, &va, m->recs[last].rd.target,
		    MODEL_NONE, model_rec_zone(m, &m->recs[last]), last,
		    "%s has %zu PTR records (%s); mail servers take any one of "
		    "them, so keep only the mail host's name and remove the "
		    "others", names_addr_fmt(&va, abuf), nptr, list);
	}
	return rc;
}

static int
ptr_to_cname(const struct xref *x, struct report *r, unsigned self)
{
	const struct model *m = x->m;
	char abuf[NAMES_ADDR_TXT_MAX];
	struct msgname n = {0};
	size_t i;
	int rc;

	for (i = 0; i < x->nrev; i++) {
		const struct xrev *v = &x->rev[i];
		uint32_t t = m->recs[v->ptr].rd.target;
		struct lk_result fr;
		struct addr va;

		if (!v->fside)
			continue;	/* a plain look-up: no CNAME */
		xrev_fwd(x, v, &fr);
		if (fr.hops == 0)
			continue;
		va = xrev_addr(x, v);
		if (fr.status == LK_LOOP || fr.status == LK_TOOLONG)
			rc = report_add(r, self, &va, t, MODEL_NONE,
			    model_rec_zone(m, &m->recs[v->ptr]), v->ptr,
			    "PTR of %s points to %s, an alias (CNAME) whose chain "
			    "never ends (%s); point it at the host's canonical "
			    "name", names_addr_fmt(&va, abuf),
			    msgname_node(m, &n, t),
			    lookup_status_str(fr.status));
		else
			rc = report_add(r, self, &va, t, fr.name,
			    model_rec_zone(m, &m->recs[v->ptr]), v->ptr,
			    "PTR of %s points to %s, an alias (CNAME) of %s; "
			    "point it at the canonical name %s",
			    names_addr_fmt(&va, abuf),
			    msgname_node(m, &n, t),
			    msgname_node(m, &n, fr.name),
			    msgname_node(m, &n, fr.name));
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
	struct msgname n = {0};
	size_t i;
	int rc;

	for (i = 0; i < x->nrev; i++) {
		const struct xrev *v = &x->rev[i];
		uint32_t t = m->recs[v->ptr].rd.target;
		struct lk_result fr;
		struct addr va;

		if (v->fstatus != LK_NXDOMAIN && v->fstatus != LK_NODATA)
			continue;	/* the common case: no finding */
		xrev_fwd(x, v, &fr);
		va = xrev_addr(x, v);
		names_addr_fmt(&va, abuf);
		if (fr.status == LK_NXDOMAIN && under_reverse(m, t))
			rc = report_add(r, self, &va, t, MODEL_NONE,
			    model_rec_zone(m, &m->recs[v->ptr]), v->ptr,
			    "PTR of %s points to %s, which does not exist: a "
			    "name inside the reverse tree is almost always a "
			    "host name written without its trailing dot; end "
			    "the target with '.'", abuf,
			    msgname_node(m, &n, t));
		else if (fr.status == LK_NXDOMAIN)
			rc = report_add(r, self, &va, t, MODEL_NONE,
			    model_rec_zone(m, &m->recs[v->ptr]), v->ptr,
			    "PTR of %s points to %s, which does not exist in "
			    "zone %s: add \"%s %s %s\" there or correct the "
			    "PTR", abuf, msgname_node(m, &n, t),
			    msgname_zone(m, &n, fr.zone),
			    msgname_node(m, &n, fr.name),
			    msgname_rrtype(&va), abuf);
		else if (fr.status == LK_NODATA)
			rc = report_add(r, self, &va, t, MODEL_NONE,
			    model_rec_zone(m, &m->recs[v->ptr]), v->ptr,
			    "PTR of %s points to %s, which has no %s record: "
			    "add \"%s %s %s\" to zone %s or correct the PTR",
			    abuf, msgname_node(m, &n, t),
			    msgname_rrtype(&va),
			    msgname_node(m, &n, fr.name),
			    msgname_rrtype(&va), abuf,
			    msgname_zone(m, &n, fr.zone));
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
	struct msgname n = {0};
	uint16_t type;
	uint32_t k;
	size_t i, len;
	int rc;

	for (i = 0; i < x->nrev; i++) {
		const struct xrev *v = &x->rev[i];
		uint32_t t = m->recs[v->ptr].rd.target;
		struct lk_result fr;
		struct addr va;

		if (v->fstatus != LK_ANSWER || v->match)
			continue;
		xrev_fwd(x, v, &fr);
		va = xrev_addr(x, v);
		type = v->family == 4 ? RT_A : RT_AAAA;
		list[0] = '\0';
		for (k = lookup_rec(m, fr.node, fr.zone, type);
		    k != MODEL_NONE;
		    k = lookup_rec_next(m, fr.node, fr.zone, type, k)) {
			struct addr a = model_rec_ip(m, &m->recs[k]);

			len = strlen(list);
			if (len + NAMES_ADDR_TXT_MAX + 8 < sizeof(list))
				snprintf(list + len, sizeof(list) - len, "%s%s",
				    len ? ", " : "", names_addr_fmt(&a, b));
		}
		rc = report_add(r, self, &va, t, MODEL_NONE,
		    model_rec_zone(m, &m->recs[v->ptr]), v->ptr,
		    "PTR of %s points to %s, but %s resolves to %s, not %s: "
		    "correct the PTR or the %s record",
		    names_addr_fmt(&va, abuf), msgname_node(m, &n, t),
		    msgname_node(m, &n, t), list, abuf,
		    msgname_rrtype(&va));
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* When TARGET is NAME.<apex of ZONE> and NAME ends in a common top-level
 * domain, the target was almost surely written without its trailing dot
 * ("www CNAME host.github.io" in example.com).  Writes a hint naming the
 * intended target to BUF, or an empty string. */
static const char *
dot_hint(const struct model *m, uint32_t target, uint32_t zone, char *buf,
    size_t size)
{
	static const char *const tlds[] = {
		"com", "net", "org", "io", "info", "biz", "dev", "app", "cloud",
		"co", "eu", "de", "uk", "nl", "fr", "ch", "at", "be", "se", "no",
		"dk", "fi", "it", "es", "pl", "cz", "us", "ca", "au", "nz", "jp",
		"edu", "gov", "arpa", NULL,
	};
	uint32_t apex, id, last = MODEL_NONE;
	unsigned depth = 0, i;
	const uint8_t *l;
	char full[NAMES_TXT_MAX], z[NAMES_TXT_MAX];
	size_t n;

	buf[0] = '\0';
	if (zone == MODEL_NONE)
		return buf;
	apex = m->zones[zone].apex;
	for (id = target; id != apex; id = m->nodes[id].parent) {
		if (id == 0)
			return buf;
		last = id;
		depth++;
	}
	if (depth < 2)
		return buf;
	l = m->labels + m->nodes[last].label;
	for (i = 0; tlds[i] != NULL; i++)
		if (strlen(tlds[i]) == l[0] && memcmp(tlds[i], l + 1, l[0]) == 0)
			break;
	if (tlds[i] == NULL)
		return buf;
	model_fmt(m, target, full);
	model_fmt(m, apex, z);
	n = strlen(full) - strlen(z);
	snprintf(buf, size, " (the trailing dot is probably missing: write "
	    "%.*s)", (int)n, full);
	return buf;
}

static int
dangling_cname(const struct xref *x, struct report *r, unsigned self)
{
	const struct model *m = x->m;
	char hint[2 * NAMES_TXT_MAX + 80];
	struct lk_result res;
	struct msgname n = {0};
	size_t i;
	int rc;

	for (i = 0; i < m->nrecs; i++) {
		const struct rec *c = &m->recs[i];

		if (c->type != RT_CNAME || !model_rec_auth(m, c) ||
		    model_rec_live(m, c))
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
		    "remove the CNAME%s", msgname_node(m, &n, c->owner),
		    msgname_node(m, &n, c->rd.target),
		    msgname_zone(m, &n, res.zone),
		    dot_hint(m, c->rd.target, model_rec_zone(m, c), hint,
		    sizeof(hint)));
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
	struct msgname n = {0};
	size_t i;
	int rc;

	for (i = 0; i < m->nrecs; i++) {
		const struct rec *c = &m->recs[i];

		if (c->type != RT_CNAME || !model_rec_auth(m, c) ||
		    model_rec_live(m, c))
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
			    "break the loop", msgname_node(m, &n, c->owner));
		} else if (res.status == LK_TOOLONG)
			rc = report_add(r, self, NULL, c->owner, c->rd.target,
			    model_rec_zone(m, c), (uint32_t)i, "more than %d "
			    "CNAMEs in a row from %s; resolvers give up: point "
			    "it nearer the end of the chain", LOOKUP_MAX_HOPS,
			    msgname_node(m, &n, c->owner));
		else
			continue;
		if (rc < 0)
			return rc;
	}
	return 0;
}

static const char *
fail_str(enum model_fail f)
{
	static const char *const str[] = {
		[FAIL_NONE] = "no answer", [FAIL_TIMEOUT] = "timed out",
		[FAIL_SERVFAIL] = "SERVFAIL", [FAIL_REFUSED] = "REFUSED",
		[FAIL_RCODE] = "an error answer", [FAIL_NETWORK] =
		"network error", [FAIL_BOGUS] = "an answer that does not fit "
		"the question", [FAIL_LIMIT] = "not asked (too many names or "
		"too long a chain)",
	};

	return str[f];
}

/* Addresses and names that live resolution could not answer: unknown,
 * and said so, instead of unverified or (wrongly) missing. */
static int
resolve_failed(const struct xref *x, struct report *r, unsigned self)
{
	const struct model *m = x->m;
	char abuf[NAMES_ADDR_TXT_MAX];
	struct msgname n = {0};
	enum model_fail why;
	size_t lo, hi, i;
	int rc;

	for (lo = 0; lo < x->nfwd; lo = hi) {
		const struct xfwd *f = &x->fwd[lo];
		const struct rec *rec = &m->recs[f->rec];
		struct addr a;

		hi = lo + xref_fwd_run(x, lo);
		if (f->pstatus != LK_UNKNOWN ||
		    (why = model_fail(m, f->pname)) == FAIL_NONE)
			continue;
		a = xfwd_addr(m, f);
		rc = report_add(r, self, &a, rec->owner, MODEL_NONE,
		    model_rec_zone(m, rec), f->rec, "%s (%s %s): the live "
		    "look-up of the PTR at %s failed (%s), so its PTR is not "
		    "checked; this is not taken as \"no PTR\"",
		    names_addr_fmt(&a, abuf),
		    msgname_node(m, &n, rec->owner),
		    msgname_rrtype(&a), msgname_node(m, &n, f->pname),
		    fail_str(why));
		if (rc < 0)
			return rc;
	}
	for (i = 0; i < x->nrev; i++) {
		const struct xrev *v = &x->rev[i];
		uint32_t t = m->recs[v->ptr].rd.target;
		struct lk_result fr;
		struct addr va;

		if (!rev_unknown(x, v, &fr, &va) ||
		    (why = model_fail(m, fr.name)) == FAIL_NONE)
			continue;
		rc = report_add(r, self, &va, t, MODEL_NONE,
		    model_rec_zone(m, &m->recs[v->ptr]), v->ptr, "PTR of %s "
		    "points to %s; the live look-up of %s failed (%s), so it "
		    "cannot be confirmed that it resolves back",
		    names_addr_fmt(&va, abuf), msgname_node(m, &n, t),
		    msgname_node(m, &n, fr.name), fail_str(why));
		if (rc < 0)
			return rc;
	}
	return 0;
}

const struct check checks[] = {
	[CHK_MISSING_PTR] = {"missing-ptr", SEV_WARNING, "an authoritative "
	    "A/AAAA address whose reverse name is authoritative and has no "
	    "PTR", missing_ptr, false},
	[CHK_PTR_MISMATCH] = {"ptr-mismatch", SEV_ERROR, "a PTR target "
	    "resolves, in the loaded data, to addresses that do not include "
	    "the address", ptr_mismatch, false},
	[CHK_DANGLING_PTR] = {"dangling-ptr", SEV_ERROR, "a PTR target is "
	    "authoritative and does not exist, or has no address of the "
	    "address's family", dangling_ptr, false},
	[CHK_PTR_TO_CNAME] = {"ptr-to-cname", SEV_WARNING, "a PTR target is "
	    "an alias (CNAME) instead of the canonical name", ptr_to_cname, false},
	[CHK_MULTIPLE_PTR] = {"multiple-ptr", SEV_WARNING, "one address has "
	    "more than one PTR", multiple_ptr, false},
	[CHK_DANGLING_CNAME] = {"dangling-cname", SEV_ERROR, "a CNAME whose "
	    "target is authoritative and does not exist", dangling_cname, false},
	[CHK_UNVERIFIED] = {"unverified", SEV_INFO, "an address or PTR target "
	    "that no loaded zone is authoritative for", unverified, false},
	[CHK_CNAME_LOOP] = {"cname-loop", SEV_ERROR, "a CNAME chain that "
	    "loops or is longer than 8 aliases", cname_loop, false},
	[CHK_RESOLVE_FAILED] = {"resolve-failed", SEV_WARNING, "with "
	    "--resolve: the live look-up of an address's PTR or of a PTR "
	    "target failed (timeout, SERVFAIL, REFUSED)", resolve_failed, false},
	[CHK_MAIL_FCRDNS] = {"mail-fcrdns", SEV_ERROR, "an address of a mail "
	    "host whose forward-confirmed reverse DNS fails, and at which "
	    "step", mail_check_fcrdns, true},
	[CHK_MX_DANGLING] = {"mx-dangling", SEV_ERROR, "an MX target that "
	    "does not exist or has no address", mail_check_mx_dangling, true},
	[CHK_MX_TO_CNAME] = {"mx-to-cname", SEV_WARNING, "an MX target that "
	    "is an alias (CNAME), against RFC 2181 §10.3", mail_check_mx_cname,
	    true},
	[CHK_MX_IP_LITERAL] = {"mx-ip-literal", SEV_ERROR, "an MX target that "
	    "is an IP address written as a name", mail_check_mx_literal, true},
	[CHK_PTR_GENERIC] = {"ptr-generic", SEV_WARNING, "a mail host's PTR "
	    "name that looks like a dynamic or residential address",
	    mail_check_ptr_generic, true},
	/* Raised by the configuration's ignore rules (core/ignore.c), not
	 * by a pass over the zones: no run function. */
	[CHK_IGNORE_EXPIRED] = {"ignore-expired", SEV_WARNING, "an ignore rule "
	    "of the configuration whose 'until' date has passed; it no longer "
	    "applies", NULL, false},
	[CHK_IGNORE_UNMATCHED] = {"ignore-unmatched", SEV_INFO, "an ignore "
	    "rule of the configuration that matched no finding", NULL, false},
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

/* The checks run on every core, each into a report of its own; the
 * reports are joined in check order, so the result is the one a single
 * thread running them in turn makes. */
struct run_ctx {
	const struct xref *x;
	struct report *sub;	/* one per check */
	int *rc;
	atomic_uint next;	/* the next check to take */
};

static void
run_checks(void *ctx, unsigned part, size_t lo, size_t hi)
{
	struct run_ctx *rc = ctx;
	unsigned i;

	/* Checks differ in cost: each thread takes the next one left. */
	while ((i = atomic_fetch_add(&rc->next, 1)) < nchecks)
		if (checks_sev[i] != SEV_OFF && checks[i].run != NULL)
			rc->rc[i] = checks[i].run(rc->x, &rc->sub[i], i);
}

int
checks_run(const struct model *m, const struct policy *pol, struct xref *x,
    struct report *r)
{
	struct run_ctx ctx;
	unsigned i, s;
	int rc;

	if ((rc = xref_build(x, m)) < 0)
		return rc;
	/* Mail hosts (core/mail.h): findings about them are raised one
	 * level, and the mail checks judge them. */
	x->pol = pol;
	if ((rc = mail_build(m, pol, &x->mail)) < 0)
		return rc;
	ctx.x = x;
	atomic_init(&ctx.next, 0);
	ctx.sub = calloc(nchecks, sizeof(*ctx.sub));
	ctx.rc = calloc(nchecks, sizeof(*ctx.rc));
	if (ctx.sub == NULL || ctx.rc == NULL) {
		free(ctx.sub);
		free(ctx.rc);
		return RDA_ENOMEM;
	}
	for (i = 0; i < nchecks; i++) {
		report_init(&ctx.sub[i], m);
		ctx.sub[i].mail = x->mail->bits;
	}
	par_for(nchecks, 1, run_checks, &ctx);
	for (i = 0; i < nchecks; i++) {
		struct report *sub = &ctx.sub[i];

		if (rc == 0 && (rc = ctx.rc[i]) == 0 && sub->n > 0 &&
		    (rc = vec_reserve((void **)&r->f, &r->cap, r->n + sub->n,
		    sizeof(*r->f))) == 0) {
			/* The messages change hands. */
			memcpy(r->f + r->n, sub->f, sub->n * sizeof(*r->f));
			r->n += sub->n;
			for (s = 0; s < 3; s++)
				r->count[s] += sub->count[s];
			sub->n = 0;
		}
		sub->mail = NULL;
		report_clear(sub);
	}
	free(ctx.sub);
	free(ctx.rc);
	report_sort(r);
	return rc;
}
