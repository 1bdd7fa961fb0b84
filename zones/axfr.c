/* axfr.c -- zones by AXFR; see axfr.h.
 *
 * A job's buffer holds its records back to back, each as
 *     [owner length][owner wire][type:2][ttl:4][pref:2][rd length][rd]
 * (host byte order) where rd is what the model keeps: the address of an
 * A/AAAA, the target name of PTR/CNAME/NS/DNAME/MX, the serial of the SOA,
 * nothing for other types.  No ldns object outlives one record.
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ldns/ldns.h>

#include "core/err.h"
#include "zones/axfr.h"

/* TSIG error codes (RFC 8945 §3.3). */
enum { TSIG_BADSIG = 16, TSIG_BADKEY = 17, TSIG_BADTIME = 18 };

static int
parse_port(const char *s, uint16_t *port)
{
	unsigned long v;
	char *end;

	if (*s < '0' || *s > '9')
		return RDA_EINVAL;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || v == 0 || v > 65535)
		return RDA_EINVAL;
	*port = (uint16_t)v;
	return 0;
}

/* SERVER[:PORT] with an IPv6 address in brackets when a port follows. */
static int
parse_server(const char *s, struct axfr_spec *sp)
{
	char host[NAMES_ADDR_TXT_MAX + 2];
	const char *port = NULL, *colon = strchr(s, ':');
	size_t n;

	if (s[0] == '[') {
		const char *close = strchr(s, ']');

		if (close == NULL || (close[1] != '\0' && close[1] != ':'))
			return RDA_EINVAL;
		n = (size_t)(close - s - 1);
		port = close[1] == ':' ? close + 2 : NULL;
		s++;
	} else if (colon != NULL && strchr(colon + 1, ':') == NULL) {
		n = (size_t)(colon - s);	/* IPv4:PORT */
		port = colon + 1;
	} else
		n = strlen(s);			/* IPv4, or bare IPv6 */
	if (n == 0 || n >= sizeof(host))
		return RDA_EINVAL;
	memcpy(host, s, n);
	host[n] = '\0';
	if (names_addr_parse(host, &sp->server) < 0)
		return RDA_EINVAL;
	sp->port = 53;
	if (port != NULL && parse_port(port, &sp->port) < 0)
		return RDA_EINVAL;
	return 0;
}

int
axfr_parse(const char *arg, struct axfr_spec *sp, char *err)
{
	const char *at = strrchr(arg, '@');
	char buf[NAMES_ADDR_TXT_MAX];
	ldns_rdf *d = NULL;
	char *origin;
	int rc = 0;

	memset(sp, 0, sizeof(*sp));
	if (at == NULL || at == arg || at[1] == '\0') {
		snprintf(err, AXFR_ERR_MAX, "--axfr takes ORIGIN@SERVER[:PORT], "
		    "not '%s'", arg);
		return RDA_EINVAL;
	}
	if (parse_server(at + 1, sp) < 0) {
		snprintf(err, AXFR_ERR_MAX, "--axfr '%s': the server must be "
		    "an IPv4 or IPv6 address with an optional port "
		    "(192.0.2.1, 192.0.2.1:5353, 2001:db8::1, "
		    "[2001:db8::1]:5353)", arg);
		return RDA_EINVAL;
	}
	if ((origin = strndup(arg, (size_t)(at - arg))) == NULL)
		return RDA_ENOMEM;
	if (ldns_str2rdf_dname(&d, origin) != LDNS_STATUS_OK ||
	    names_fmt(ldns_rdf_data(d), sp->origin, sizeof(sp->origin)) < 0) {
		snprintf(err, AXFR_ERR_MAX, "--axfr '%s': '%s' is not a zone "
		    "name", arg, origin);
		rc = RDA_EINVAL;
	}
	ldns_rdf_deep_free(d);
	free(origin);
	names_addr_fmt(&sp->server, buf);
	snprintf(sp->label, sizeof(sp->label), sp->server.family == 6 ?
	    "[%s]:%u" : "%s:%u", buf, sp->port);
	return rc;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Records the failure of J: "AXFR of zone Z from SERVER port P: why". */
static void
fail(struct axfr_job *j, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
fail(struct axfr_job *j, int rc, const char *fmt, ...)
{
	char why[AXFR_ERR_MAX], a[NAMES_ADDR_TXT_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	snprintf(j->err, sizeof(j->err), "AXFR of zone %.255s from %s port "
	    "%u: %.400s", j->spec.origin, names_addr_fmt(&j->spec.server, a),
	    j->spec.port, why);
	j->rc = rc;
}

static int
put(struct axfr_job *j, const void *p, size_t n)
{
	if (j->len + n > j->cap) {
		size_t cap = j->cap ? j->cap : 65536;
		uint8_t *b;

		while (cap < j->len + n)
			cap *= 2;
		if ((b = realloc(j->buf, cap)) == NULL)
			return RDA_ENOMEM;
		j->buf = b;
		j->cap = cap;
	}
	memcpy(j->buf + j->len, p, n);
	j->len += n;
	return 0;
}

/* Appends RR to J's buffer in the form described at the top. */
static int
keep(struct axfr_job *j, const ldns_rr *rr)
{
	const ldns_rdf *o = ldns_rr_owner(rr), *f = NULL;
	uint16_t type = (uint16_t)ldns_rr_get_type(rr), pref = 0;
	uint32_t ttl = ldns_rr_ttl(rr), serial;
	uint8_t n = (uint8_t)ldns_rdf_size(o), rdlen = 0;
	const void *rd = NULL;

	switch (type) {
	case RT_A:
	case RT_AAAA:
	case RT_PTR:
	case RT_CNAME:
	case RT_NS:
	case RT_DNAME:
		f = ldns_rr_rdf(rr, 0);
		break;
	case RT_MX:
		if ((f = ldns_rr_rdf(rr, 0)) != NULL)
			pref = ldns_rdf2native_int16(f);
		f = ldns_rr_rdf(rr, 1);
		break;
	case RT_SOA:
		if ((f = ldns_rr_rdf(rr, 2)) != NULL) {
			serial = ldns_rdf2native_int32(f);
			rd = &serial;
			rdlen = 4;
		}
		f = NULL;
		break;
	}
	if (f != NULL) {
		if (ldns_rdf_size(f) > 255)
			return RDA_EINVAL;
		rd = ldns_rdf_data(f);
		rdlen = (uint8_t)ldns_rdf_size(f);
	}
	if (put(j, &n, 1) < 0 || put(j, ldns_rdf_data(o), n) < 0 ||
	    put(j, &type, 2) < 0 || put(j, &ttl, 4) < 0 ||
	    put(j, &pref, 2) < 0 || put(j, &rdlen, 1) < 0 ||
	    (rdlen > 0 && put(j, rd, rdlen) < 0))
		return RDA_ENOMEM;
	return 0;
}

static char *
rr_name(const ldns_rdf *d, char *buf, size_t len)
{
	if (names_fmt(ldns_rdf_data(d), buf, len) < 0)
		snprintf(buf, len, "?");
	return buf;
}

static const char *
type_str(uint16_t type, char *buf, size_t len)
{
	char *t = ldns_rr_type2str((ldns_rr_type)type);

	snprintf(buf, len, "%s", t != NULL ? t : "?");
	free(t);
	return buf;
}

/* State of one transfer. */
struct xfer {
	struct axfr_job *j;
	const struct axfr_opts *o;
	ldns_resolver *res;
	ldns_rdf *zone;
	double start, last;	/* when it began, when a record last came */
	unsigned tmo_ms;	/* the timeout of the read in progress */
	bool done;		/* the closing SOA was seen */
};

static bool
in_zone(const struct xfer *x, const ldns_rdf *owner)
{
	return ldns_dname_compare(owner, x->zone) == 0 ||
	    ldns_dname_is_subdomain(owner, x->zone);
}

/* Checks the question of the message RR came in, when it has one: RFC
 * 5936 §2.2 lets later messages leave it out. */
static bool
question_ok(struct xfer *x)
{
	const ldns_pkt *p = ldns_axfr_last_pkt(x->res);
	const ldns_rr *q;
	char a[NAMES_TXT_MAX];

	if (p == NULL || ldns_pkt_qdcount(p) == 0 ||
	    (q = ldns_rr_list_rr(ldns_pkt_question(p), 0)) == NULL)
		return true;
	if (ldns_dname_compare(ldns_rr_owner(q), x->zone) == 0 &&
	    ldns_rr_get_type(q) == LDNS_RR_TYPE_AXFR)
		return true;
	fail(x->j, RDA_EINVAL, "the answer is for another question (%s), not "
	    "for this zone", rr_name(ldns_rr_owner(q), a, sizeof(a)));
	return false;
}

/* With a key, the first reply must carry a TSIG record: RFC 8945 §5.3.1
 * has the server sign the first and the last message.  ldns 1.8.3 does
 * not verify the MAC of replies (LDNS.md §6.3), and frees the last
 * message before its closing SOA is handed out, so this is the one check
 * that can be made: it stops an unsigned answer to a signed request, not
 * a forged signature (README, "Zone transfers"). */
static bool
signed_ok(struct xfer *x)
{
	const ldns_pkt *p = ldns_axfr_last_pkt(x->res);

	if (x->j->key == NULL || x->j->records != 1 || p == NULL ||
	    ldns_pkt_tsig(p) != NULL)
		return true;
	fail(x->j, RDA_EINVAL, "the reply is not signed, although the request "
	    "was signed with TSIG key %s; not accepting unsigned zone data",
	    x->j->key->name);
	return false;
}

/* Checks one record.  Returns true to go on. */
static bool
check_rr(struct xfer *x, const ldns_rr *rr)
{
	struct axfr_job *j = x->j;
	char a[NAMES_TXT_MAX], t[32];
	uint16_t type = (uint16_t)ldns_rr_get_type(rr);
	const ldns_rdf *owner = ldns_rr_owner(rr), *s;
	uint32_t serial = 0;

	if (type == RT_SOA && (s = ldns_rr_rdf(rr, 2)) != NULL)
		serial = ldns_rdf2native_int32(s);
	if (j->records == 1) {
		if (type != RT_SOA) {
			fail(j, RDA_EINVAL, "the first record is %s %s, not the "
			    "zone's SOA", rr_name(owner, a, sizeof(a)),
			    type_str(type, t, sizeof(t)));
			return false;
		}
		if (ldns_dname_compare(owner, x->zone) != 0) {
			fail(j, RDA_EINVAL, "the server sent zone %s instead",
			    rr_name(owner, a, sizeof(a)));
			return false;
		}
		j->serial = serial;
		return true;
	}
	if (ldns_rr_get_class(rr) != LDNS_RR_CLASS_IN) {
		fail(j, RDA_EINVAL, "record %llu (%s) is not of class IN",
		    (unsigned long long)j->records, rr_name(owner, a,
		    sizeof(a)));
		return false;
	}
	if (!in_zone(x, owner)) {
		fail(j, RDA_EINVAL, "record %llu, %s %s, is outside the zone",
		    (unsigned long long)j->records, rr_name(owner, a,
		    sizeof(a)), type_str(type, t, sizeof(t)));
		return false;
	}
	if (type != RT_SOA)
		return true;
	/* ldns takes the second SOA for the end of the transfer. */
	x->done = true;
	if (ldns_dname_compare(owner, x->zone) != 0) {
		fail(j, RDA_EINVAL, "an SOA record for %s inside the transfer",
		    rr_name(owner, a, sizeof(a)));
		return false;
	}
	if (serial != j->serial) {
		fail(j, RDA_EINVAL, "the transfer began with serial %" PRIu32
		    " and ended with serial %" PRIu32 "; the zone changed "
		    "during the transfer, try again", j->serial, serial);
		return false;
	}
	return true;
}

/* Sets the timeout of the next read: the per-message timeout, cut to
 * what is left of the deadline.  Returns false when the deadline passed. */
static bool
arm(struct xfer *x)
{
	double left = x->start + x->o->deadline_ms / 1000.0 - now();
	struct timeval tv;
	unsigned ms;

	if (left <= 0)
		return false;
	ms = x->o->msg_timeout_ms;
	if (left * 1000 < ms)
		ms = (unsigned)(left * 1000) + 1;
	x->tmo_ms = ms;
	tv.tv_sec = ms / 1000;
	tv.tv_usec = (ms % 1000) * 1000;
	ldns_resolver_set_timeout(x->res, tv);
	return true;
}

static const char *
tsig_error_hint(unsigned code)
{
	switch (code) {
	case TSIG_BADSIG:
		return "BADSIG: the key's secret or algorithm differs from "
		    "the server's";
	case TSIG_BADKEY:
		return "BADKEY: the server does not know this key name or "
		    "algorithm";
	case TSIG_BADTIME:
		return "BADTIME: this machine's clock and the server's differ "
		    "by more than 300 s";
	default:
		return NULL;
	}
}

/* Explains an error RCODE in PKT. */
static void
fail_rcode(struct xfer *x, const ldns_pkt *pkt)
{
	ldns_pkt_rcode rc = ldns_pkt_get_rcode(pkt);
	const ldns_rr *t = ldns_pkt_tsig(pkt);
	const ldns_rdf *e = t != NULL ? ldns_rr_rdf(t, 5) : NULL;
	unsigned tcode = e != NULL ? ldns_rdf2native_int16(e) : 0;
	char *name = ldns_pkt_rcode2str(rc);
	const char *hint = tsig_error_hint(tcode);
	const char *key = x->j->key != NULL ? x->j->key->name : NULL;

	if (hint != NULL)
		fail(x->j, RDA_ENET, "%s: TSIG key %s rejected, %s",
		    name ? name : "?", key ? key : "(none)", hint);
	else if (tcode != 0)
		fail(x->j, RDA_ENET, "%s: TSIG error %u with key %s",
		    name ? name : "?", tcode, key ? key : "(none)");
	else if (rc == LDNS_RCODE_REFUSED)
		fail(x->j, RDA_ENET, "REFUSED: the server does not allow %s "
		    "to transfer the zone%s", key ? "this key" : "this client",
		    key ? "" : " (no TSIG key was given: see --tsig)");
	else if (rc == LDNS_RCODE_NOTAUTH)
		fail(x->j, RDA_ENET, "NOTAUTH: the server is not "
		    "authoritative for the zone%s", key ? " or does not "
		    "accept the key" : "");
	else
		fail(x->j, RDA_ENET, "the server answered %s", name ? name :
		    "an error");
	free(name);
}

/* Says why a transfer stopped before the closing SOA. */
static void
fail_stopped(struct xfer *x, int saved_errno)
{
	struct axfr_job *j = x->j;
	double idle = now() - x->last;
	const ldns_pkt *pkt = ldns_axfr_last_pkt(x->res);

	if (pkt != NULL && ldns_pkt_get_rcode(pkt) != LDNS_RCODE_NOERROR)
		fail_rcode(x, pkt);
	else if (x->start + x->o->deadline_ms / 1000.0 <= now())
		fail(j, RDA_ELIMIT, "not finished after %u s (--axfr-timeout); "
		    "stopped after %llu records", x->o->deadline_ms / 1000,
		    (unsigned long long)j->records);
	else if (idle * 1000 + 50 >= x->tmo_ms && j->records == 0)
		fail(j, RDA_ENET, "no answer within %.1f s", x->tmo_ms / 1000.0);
	else if (idle * 1000 + 50 >= x->tmo_ms)
		fail(j, RDA_ENET, "nothing more for %.1f s after %llu records: "
		    "the transfer stalled", x->tmo_ms / 1000.0,
		    (unsigned long long)j->records);
	else if (j->records == 0)
		fail(j, RDA_ENET, "the server closed the connection without "
		    "an answer%s%s", saved_errno ? ": " : "",
		    saved_errno ? strerror(saved_errno) : "");
	else
		fail(j, RDA_ENET, "the transfer was cut off after %llu "
		    "records, before the closing SOA (connection closed or "
		    "malformed message)", (unsigned long long)j->records);
}

static void
fail_start(struct xfer *x, ldns_status s, int saved_errno)
{
	const char *t;

	if (s == LDNS_STATUS_NETWORK_ERR && saved_errno != 0)
		fail(x->j, RDA_ENET, "cannot connect: %s", strerror(saved_errno));
	else if (s == LDNS_STATUS_NETWORK_ERR)
		fail(x->j, RDA_ENET, "no connection within %.1f s",
		    x->tmo_ms / 1000.0);
	else if (s == LDNS_STATUS_CRYPTO_TSIG_ERR)
		fail(x->j, RDA_EINVAL, "could not sign the request with TSIG "
		    "key %s", x->j->key ? x->j->key->name : "?");
	else {
		t = ldns_get_errorstr_by_id(s);
		fail(x->j, RDA_ENET, "%s", t != NULL ? t : "unknown ldns error");
	}
}

static ldns_resolver *
resolver_for(const struct axfr_job *j)
{
	ldns_resolver *res = ldns_resolver_new();
	ldns_rdf *ns;

	if (res == NULL)
		return NULL;
	ns = ldns_rdf_new_frm_data(j->spec.server.family == 4 ?
	    LDNS_RDF_TYPE_A : LDNS_RDF_TYPE_AAAA,
	    j->spec.server.family == 4 ? 4 : 16, j->spec.server.b);
	if (ns == NULL || ldns_resolver_push_nameserver(res, ns) !=
	    LDNS_STATUS_OK) {
		ldns_rdf_deep_free(ns);
		ldns_resolver_deep_free(res);
		return NULL;
	}
	ldns_rdf_deep_free(ns);	/* push_nameserver cloned it */
	ldns_resolver_set_port(res, j->spec.port);
	if (j->key != NULL) {
		/* All three, with an explicit algorithm: an unset one makes
		 * ldns 1.8.3 crash while signing (LDNS.md §6.3). */
		ldns_resolver_set_tsig_keyname(res, j->key->name);
		ldns_resolver_set_tsig_algorithm(res,
		    tsig_ldns_algorithm(j->key->algorithm));
		ldns_resolver_set_tsig_keydata(res, j->key->secret);
	}
	return res;
}

/* Reads records until the closing SOA, a failure or a limit. */
static void
receive(struct xfer *x)
{
	struct axfr_job *j = x->j;
	ldns_rr *rr;
	int saved_errno;

	for (;;) {
		if (!arm(x)) {
			fail_stopped(x, 0);
			return;
		}
		errno = 0;
		rr = ldns_axfr_next(x->res);
		saved_errno = errno;
		if (rr == NULL)
			break;
		x->last = now();
		if (++j->records > x->o->max_records) {
			fail(j, RDA_ELIMIT, "more than %llu records "
			    "(--axfr-max-records); stopped",
			    (unsigned long long)x->o->max_records);
			ldns_rr_free(rr);
			return;
		}
		if (!question_ok(x) || !signed_ok(x) || !check_rr(x, rr)) {
			ldns_rr_free(rr);
			return;
		}
		if (!x->done && keep(j, rr) < 0) {
			fail(j, RDA_ENOMEM, "out of memory");
			ldns_rr_free(rr);
			return;
		}
		ldns_rr_free(rr);
		if (x->done)
			break;
	}
	if (!ldns_axfr_complete(x->res) || !x->done)
		fail_stopped(x, saved_errno);
}

static void
transfer(struct axfr_job *j, const struct axfr_opts *o)
{
	struct xfer x = {0};
	ldns_status s;
	int saved_errno;

	x.j = j;
	x.o = o;
	x.start = x.last = now();
	j->rc = 0;
	j->err[0] = '\0';
	j->records = 0;
	if ((x.res = resolver_for(j)) == NULL ||
	    (x.zone = ldns_dname_new_frm_str(j->spec.origin)) == NULL) {
		fail(j, RDA_ENOMEM, "out of memory");
		goto out;
	}
	arm(&x);
	errno = 0;
	s = ldns_axfr_start(x.res, x.zone, LDNS_RR_CLASS_IN);
	saved_errno = errno;
	if (s != LDNS_STATUS_OK)
		fail_start(&x, s, saved_errno);
	else
		receive(&x);
	if (j->rc != 0)
		ldns_axfr_abort(x.res);
	j->records = j->rc == 0 ? j->records - 1 : j->records;
out:
	j->seconds = now() - x.start;
	ldns_rdf_deep_free(x.zone);
	/* Never reused: a resolver whose transfer failed may point at
	 * file descriptor 0 (LDNS.md §6.3). */
	ldns_resolver_deep_free(x.res);
}

struct pool {
	struct axfr_job *jobs;
	size_t n, next;
	const struct axfr_opts *o;
	pthread_mutex_t mu;
};

static void *
worker(void *arg)
{
	struct pool *p = arg;
	size_t i;

	for (;;) {
		pthread_mutex_lock(&p->mu);
		i = p->next++;
		pthread_mutex_unlock(&p->mu);
		if (i >= p->n)
			return NULL;
		transfer(&p->jobs[i], p->o);
	}
}

int
axfr_fetch_all(struct axfr_job *jobs, size_t n, const struct axfr_opts *o)
{
	struct axfr_opts opts = *o;
	struct pool p;
	pthread_t th[64];
	size_t i, nth;
	int failed = 0;

	if (opts.deadline_ms == 0)
		opts.deadline_ms = 600 * 1000;
	if (opts.msg_timeout_ms == 0)
		opts.msg_timeout_ms = 10 * 1000;
	if (opts.max_records == 0)
		opts.max_records = 50000000;
	if (opts.jobs == 0)
		opts.jobs = 4;
	nth = opts.jobs < n ? opts.jobs : n;
	if (nth > sizeof(th) / sizeof(th[0]))
		nth = sizeof(th) / sizeof(th[0]);
	p.jobs = jobs;
	p.n = n;
	p.next = 0;
	p.o = &opts;
	pthread_mutex_init(&p.mu, NULL);
	for (i = 0; i < nth; i++)
		if (pthread_create(&th[i], NULL, worker, &p) != 0)
			break;
	nth = i;
	if (nth == 0)		/* no thread at all: do the work here */
		worker(&p);
	for (i = 0; i < nth; i++)
		pthread_join(th[i], NULL);
	pthread_mutex_destroy(&p.mu);
	for (i = 0; i < n; i++)
		if (jobs[i].rc != 0)
			failed++;
	return failed;
}

static int
store_one(struct model *m, uint32_t src, const uint8_t **pp)
{
	const uint8_t *p = *pp;
	struct rec r;
	uint8_t n, rdlen, a6[16];
	uint16_t type, pref;
	int rc;

	memset(&r, 0, sizeof(r));
	r.src = src;
	n = *p++;
	if ((rc = model_name(m, p, &r.owner)) < 0)
		return rc;
	p += n;
	memcpy(&type, p, 2);
	r.type = model_type(type);
	/* p + 2: the TTL, which the model does not keep. */
	memcpy(&pref, p + 6, 2);
	rdlen = p[8];
	p += 9;
	switch (r.type) {
	case RT_A:
	case RT_AAAA:
		memset(a6, 0, sizeof(a6));
		memcpy(a6, p, rdlen > 16 ? 16 : rdlen);
		memcpy(r.rd.a4, a6, 4);
		break;
	case RT_PTR:
	case RT_CNAME:
	case RT_NS:
	case RT_DNAME:
	case RT_MX:
		if (rdlen > 0 && (rc = model_name(m, p, &r.rd.target)) < 0)
			return rc;
		break;
	case RT_SOA:
		if (rdlen == 4)
			memcpy(&r.rd.serial, p, 4);
		break;
	}
	*pp = p + rdlen;
	return model_rec_add(m, &r, r.type == RT_AAAA ? a6 : NULL, pref);
}

int
axfr_store(struct model *m, struct axfr_job *j)
{
	char path[AXFR_LABEL_MAX + NAMES_TXT_MAX + 8];
	const uint8_t *p, *end;
	ldns_rdf *apex = NULL;
	uint32_t zone, src;
	int rc;

	if (ldns_str2rdf_dname(&apex, j->spec.origin) != LDNS_STATUS_OK)
		return RDA_EINVAL;
	rc = model_zone_add(m, ldns_rdf_data(apex), j->spec.label, &zone);
	ldns_rdf_deep_free(apex);
	if (rc == RDA_EINVAL) {
		fail(j, rc, "zone %s is loaded twice", j->spec.origin);
		return rc;
	}
	if (rc < 0)
		return rc;
	/* Findings on these records name the server and the zone. */
	snprintf(path, sizeof(path), "%s zone %s", j->spec.label,
	    j->spec.origin);
	if ((rc = model_source_add(m, zone, path, true, &src)) < 0)
		return rc;
	m->zones[zone].has_soa = true;
	m->zones[zone].serial = j->serial;
	p = j->buf;
	end = j->buf + j->len;
	while (p != NULL && p < end)
		if ((rc = store_one(m, src, &p)) < 0)
			return rc;
	return 0;
}

void
axfr_job_clear(struct axfr_job *j)
{
	free(j->buf);
	j->buf = NULL;
	j->len = j->cap = 0;
}
