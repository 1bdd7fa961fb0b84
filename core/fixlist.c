/* fixlist.c -- the PTR fix list; see fixlist.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/checks.h"
#include "core/err.h"
#include "core/fixlist.h"
#include "core/generic.h"
#include "core/mail.h"
#include "core/policy.h"
#include "core/vec.h"

struct fix {
	struct addr addr;
	struct lk_result ptr;	/* the PTR lookup */
	uint32_t owner;		/* where the PTR goes, or MODEL_NONE: the
				 * address's reverse name */
	uint32_t zone;		/* loaded zone holding it, or MODEL_NONE */
	int net;		/* covering network, or -1 */
	uint32_t want;		/* wanted target, MODEL_NONE: remove */
	size_t lo, hi;		/* x->fwd entries of the address */
	bool unknown;		/* the current PTR is not known */
	char why[2 * NAMES_TXT_MAX + 128];
};

struct fixes {
	struct fix *f;
	size_t n, cap;
};

static bool
in_prefix(const struct addr *a, const struct network *n)
{
	unsigned full = n->len / 8, rest = n->len % 8;

	if (a->family != n->prefix.family || memcmp(a->b, n->prefix.b, full))
		return false;
	return rest == 0 || ((a->b[full] ^ n->prefix.b[full]) &
	    (0xff << (8 - rest)) & 0xff) == 0;
}

/* The longest configured network that covers A, or -1. */
static int
net_find(const struct policy *pol, const struct addr *a)
{
	int best = -1;
	size_t i;

	for (i = 0; pol != NULL && i < pol->nnetworks; i++)
		if (in_prefix(a, &pol->networks[i]) && (best < 0 ||
		    pol->networks[i].len > pol->networks[best].len))
			best = (int)i;
	return best;
}

static bool
mail_addr(const struct mail *ml, const struct addr *a)
{
	size_t lo = 0, hi = ml->na, mid;
	int c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if ((c = xref_addr_cmp(&ml->a[mid].addr, a)) == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* Whether the PTR record P of A fails forward confirmation; *WHY says
 * how.  A target no loaded zone is authoritative for does not fail. */
static bool
ptr_fails(const struct model *m, uint32_t p, const struct addr *a,
    char *why, size_t size)
{
	char t[NAMES_TXT_MAX];
	struct lk_result fwd;

	model_fmt(m, m->recs[p].rd.target, t);
	lookup_node(m, m->recs[p].rd.target, a->family == 4 ? RT_A : RT_AAAA,
	    &fwd);
	if (fwd.status == LK_NXDOMAIN)
		snprintf(why, size, "its PTR names %s, which does not exist",
		    t);
	else if (fwd.status == LK_NODATA)
		snprintf(why, size, "its PTR names %s, which has no %s record",
		    t, a->family == 4 ? "A" : "AAAA");
	else if (fwd.status == LK_LOOP || fwd.status == LK_TOOLONG)
		snprintf(why, size, "its PTR names %s, whose CNAME chain never "
		    "ends", t);
	else if (fwd.status == LK_ANSWER && !xref_has_addr(m, &fwd, a, NULL))
		snprintf(why, size, "its PTR names %s, which resolves to other "
		    "addresses", t);
	else if (fwd.status == LK_ANSWER && fwd.hops > 0)
		snprintf(why, size, "its PTR names %s, an alias (CNAME)", t);
	else
		return false;
	return true;
}

/* For an address with PTRs and forward names: why its PTRs must change,
 * or false when they need not. */
static bool
judge(const struct xref *x, struct fix *f)
{
	const struct model *m = x->m;
	const struct policy *pol = x->pol;
	char t[NAMES_TXT_MAX];
	unsigned k = 0;
	uint32_t p, only = MODEL_NONE;
	bool bad = false;

	for (p = lookup_rec(m, f->ptr.node, f->ptr.zone, RT_PTR);
	    p != MODEL_NONE;
	    p = lookup_rec_next(m, f->ptr.node, f->ptr.zone, RT_PTR, p)) {
		k++;
		only = p;
		if (!bad)
			bad = ptr_fails(m, p, &f->addr, f->why, sizeof(f->why));
	}
	if (k == 1 && m->recs[only].rd.target == f->want)
		return false;
	if (bad)
		return true;
	if (k > 1) {
		snprintf(f->why, sizeof(f->why), "it has %u PTR records; mail "
		    "servers take any one of them", k);
		return true;
	}
	if (k == 1 && mail_addr(x->mail, &f->addr) &&
	    generic_ptr(model_fmt(m, m->recs[only].rd.target, t), &f->addr,
	    pol != NULL ? (const char *const *)pol->generic_words : NULL,
	    pol != NULL ? pol->ngeneric_words : 0, NULL)) {
		snprintf(f->why, sizeof(f->why), "it sends mail, and its PTR "
		    "%s looks like the name of a dynamic or residential "
		    "address, which mail servers refuse", t);
		return true;
	}
	return false;
}

static int
push(struct fixes *fx, const struct fix *f)
{
	if (vec_reserve((void **)&fx->f, &fx->cap, fx->n + 1,
	    sizeof(*fx->f)) < 0)
		return RDA_ENOMEM;
	fx->f[fx->n++] = *f;
	return 0;
}

static void
place(const struct xref *x, struct fix *f)
{
	f->owner = f->ptr.name;
	f->zone = f->ptr.status == LK_UNKNOWN ? MODEL_NONE : f->ptr.zone;
	f->net = net_find(x->pol, &f->addr);
}

/* Addresses that forward names have (x->fwd groups). */
static int
from_fwd(const struct xref *x, struct fixes *fx)
{
	const struct model *m = x->m;
	struct fix f;
	size_t lo, hi;
	int rc;

	for (lo = 0; lo < x->nfwd; lo = hi) {
		hi = lo + xref_fwd_run(x, lo);
		memset(&f, 0, sizeof(f));
		f.addr = xfwd_addr(m, &x->fwd[lo]);
		xfwd_ptr(x, &x->fwd[lo], &f.ptr);
		f.lo = lo;
		f.hi = hi;
		f.want = m->recs[x->fwd[checks_preferred(x, x->mail->bits, lo,
		    hi)].rec].owner;
		switch (f.ptr.status) {
		case LK_UNKNOWN:
			f.unknown = true;
			snprintf(f.why, sizeof(f.why), "its reverse zone is "
			    "not loaded, so its PTR could not be checked");
			break;
		case LK_NXDOMAIN:
		case LK_NODATA:
			snprintf(f.why, sizeof(f.why), "it has no PTR record");
			break;
		case LK_ANSWER:
			if (!judge(x, &f))
				continue;
			break;
		default:
			continue;	/* cname-loop's */
		}
		place(x, &f);
		if ((rc = push(fx, &f)) < 0)
			return rc;
	}
	return 0;
}

static bool
has_fwd(const struct xref *x, const struct addr *a)
{
	size_t i = xref_fwd_find(x, a);

	return i < x->nfwd && xref_fwd_cmp(x, i, a) == 0;
}

/* PTRs of addresses no forward name has, which fail: to remove.  An SPF
 * sender's address is left alone (it needs a name, not a removal;
 * mail-fcrdns reports it). */
static int
from_rev(const struct xref *x, struct fixes *fx)
{
	const struct model *m = x->m;
	struct fix f;
	uint32_t p;
	size_t i;
	int rc;

	for (i = 0; i < x->nrev; i++) {
		struct addr a;

		if (i > 0 && xref_rev_same(x, &x->rev[i], &x->rev[i - 1]))
			continue;
		a = xrev_addr(x, &x->rev[i]);
		if (has_fwd(x, &a) || mail_addr(x->mail, &a))
			continue;
		memset(&f, 0, sizeof(f));
		f.addr = a;
		f.want = MODEL_NONE;
		xref_ptr(x, &f.addr, &f.ptr);
		if (f.ptr.status != LK_ANSWER)
			continue;
		for (p = lookup_rec(m, f.ptr.node, f.ptr.zone, RT_PTR);
		    p != MODEL_NONE;
		    p = lookup_rec_next(m, f.ptr.node, f.ptr.zone, RT_PTR, p))
			if (ptr_fails(m, p, &f.addr, f.why, sizeof(f.why)))
				break;
		if (p == MODEL_NONE)
			continue;
		place(x, &f);
		if ((rc = push(fx, &f)) < 0)
			return rc;
	}
	return 0;
}

static const struct model *sort_m;

/* Loaded zones by apex name, then networks, then holder unknown; within
 * a group by address. */
static int
fix_cmp(const void *pa, const void *pb)
{
	const struct fix *a = pa, *b = pb;
	char x[NAMES_TXT_MAX], y[NAMES_TXT_MAX];
	int c;

	if ((a->zone == MODEL_NONE) != (b->zone == MODEL_NONE))
		return a->zone == MODEL_NONE ? 1 : -1;
	if (a->zone != b->zone && (c = strcmp(model_fmt(sort_m,
	    sort_m->zones[a->zone].apex, x), model_fmt(sort_m,
	    sort_m->zones[b->zone].apex, y))) != 0)
		return c;
	if (a->net != b->net) {
		if (a->net < 0 || b->net < 0)
			return a->net < 0 ? 1 : -1;
		return a->net < b->net ? -1 : 1;
	}
	return xref_addr_cmp(&a->addr, &b->addr);
}

static bool
same_group(const struct fix *a, const struct fix *b)
{
	return a->zone == b->zone && a->net == b->net;
}

/* The origin a group's lines are relative to: the zone's apex, else the
 * network's reverse name cut at the last whole label, else none (""). */
static void
group_origin(const struct xref *x, const struct fix *f, char *out)
{
	const struct network *n;
	unsigned i, k;
	size_t len = 0;

	out[0] = '\0';
	if (f->zone != MODEL_NONE) {
		model_fmt(x->m, x->m->zones[f->zone].apex, out);
		return;
	}
	if (f->net < 0)
		return;
	n = &x->pol->networks[f->net];
	if (n->prefix.family == 4) {
		for (k = n->len / 8, i = k; i > 0; i--)
			len += (size_t)sprintf(out + len, "%u.",
			    n->prefix.b[i - 1]);
		strcpy(out + len, "in-addr.arpa.");
	} else {
		for (k = n->len / 4, i = k; i > 0; i--)
			len += (size_t)sprintf(out + len, "%x.", (n->prefix.b[
			    (i - 1) / 2] >> ((i - 1) % 2 ? 0 : 4)) & 0xf);
		strcpy(out + len, "ip6.arpa.");
	}
}

/* NAME relative to ORIGIN when it is below it, else NAME. */
static const char *
rel(const char *name, const char *origin, char *buf)
{
	size_t n = strlen(name), o = strlen(origin);

	if (o == 0 || n <= o + 1 || strcmp(name + n - o, origin) != 0 ||
	    name[n - o - 1] != '.')
		return strcmp(name, origin) == 0 ? "@" : name;
	memcpy(buf, name, n - o - 1);
	buf[n - o - 1] = '\0';
	return buf;
}

/* Where the PTR of F goes, as an absolute name. */
static const char *
owner_text(const struct xref *x, const struct fix *f, char *buf)
{
	uint8_t wire[NAMES_WIRE_MAX + 1];
	char apex[NAMES_TXT_MAX], tmp[NAMES_TXT_MAX];

	if (f->owner != MODEL_NONE)
		return model_fmt(x->m, f->owner, buf);
	names_addr_to_rev(&f->addr, wire);
	names_fmt(wire, buf, NAMES_TXT_MAX);
	/* RFC 2317 child loaded alone (xref_ptr() looked there): the name
	 * is the last octet under the child's apex. */
	if (f->zone != MODEL_NONE && f->addr.family == 4) {
		model_fmt(x->m, x->m->zones[f->zone].apex, apex);
		if (rel(buf, apex, tmp) == buf &&
		    strlen(apex) + 5 < NAMES_TXT_MAX) {
			int k = sprintf(buf, "%u.", f->addr.b[3]);

			strcpy(buf + k, apex);
		}
	}
	return buf;
}

/* The current PTR targets of F, joined by SEP, or "" / "?". */
static void
current(const struct xref *x, const struct fix *f, const char *sep,
    char *out, size_t size)
{
	const struct model *m = x->m;
	char t[NAMES_TXT_MAX];
	size_t len;
	uint32_t p;

	out[0] = '\0';
	if (f->unknown) {
		snprintf(out, size, "?");
		return;
	}
	if (f->ptr.status != LK_ANSWER)
		return;
	for (p = lookup_rec(m, f->ptr.node, f->ptr.zone, RT_PTR);
	    p != MODEL_NONE;
	    p = lookup_rec_next(m, f->ptr.node, f->ptr.zone, RT_PTR, p)) {
		len = strlen(out);
		snprintf(out + len, size - len, "%s%s", len ? sep : "",
		    model_fmt(m, m->recs[p].rd.target, t));
	}
}

/* The names of F's address other than the wanted one. */
static void
others(const struct xref *x, const struct fix *f, char *out, size_t size)
{
	const struct model *m = x->m;
	char t[NAMES_TXT_MAX];
	size_t i, len;
	uint32_t o;

	out[0] = '\0';
	for (i = f->lo; i < f->hi; i++) {
		o = m->recs[x->fwd[i].rec].owner;
		if (o == f->want || (i > f->lo &&
		    o == m->recs[x->fwd[i - 1].rec].owner))
			continue;
		len = strlen(out);
		if (len + NAMES_TXT_MAX + 4 < size)
			snprintf(out + len, size - len, "%s%s", len ? ", " : "",
			    model_fmt(m, o, t));
	}
}

/* The file (or transfer) a zone was loaded from: its first source. */
static const char *
zone_file(const struct model *m, uint32_t zone)
{
	size_t i;

	for (i = 0; i < m->nsrcs; i++)
		if (m->srcs[i].zone == zone)
			return m->srcs[i].path;
	return m->zones[zone].source;
}

static void
header(const struct xref *x, const struct fix *f, size_t count, FILE *out)
{
	const struct model *m = x->m;
	const struct network *n = f->net >= 0 ? &x->pol->networks[f->net] :
	    NULL;
	char b[NAMES_TXT_MAX], a[NAMES_ADDR_TXT_MAX];
	bool isp = n != NULL && n->holder == HOLDER_ISP;

	fputs(";\n; ====", out);
	if (n != NULL) {
		fprintf(out, " Network %s/%u, reverse DNS held by %s",
		    names_addr_fmt(&n->prefix, a), n->len, isp ?
		    "our provider" : "us");
		if (n->contact != NULL)
			fprintf(out, ": %s", n->contact);
		if (f->zone != MODEL_NONE)
			fprintf(out, "\n; (zone %s, loaded from %s)",
			    model_fmt(m, m->zones[f->zone].apex, b),
			    zone_file(m, f->zone));
	} else if (f->zone != MODEL_NONE)
		fprintf(out, " Reverse zone %s (loaded from %s)",
		    model_fmt(m, m->zones[f->zone].apex, b),
		    zone_file(m, f->zone));
	else
		fputs(" Holder unknown: no loaded zone and no configured "
		    "network covers these addresses", out);
	fprintf(out, "\n; %zu address%s.\n", count, count == 1 ? "" : "es");
	if (n != NULL && n->note != NULL)
		fprintf(out, "; Note: %s\n", n->note);
	if (isp)
		fputs("; Hello. We use the addresses below, which you assigned "
		    "to us, and you hold\n; their reverse DNS. Please set the "
		    "reverse DNS (PTR) record of each address\n; to the host "
		    "name shown. Each of these names already points to its "
		    "address,\n; so the two will confirm each other; mail "
		    "servers refuse mail from addresses\n; whose reverse DNS "
		    "does not.\n", out);
	else if (n == NULL && f->zone == MODEL_NONE)
		fputs("; Find out who holds their reverse DNS (usually whoever "
		    "assigned the addresses)\n; and ask them to publish these "
		    "PTR records.\n", out);
	else
		fputs("; Publish these PTR (reverse DNS) records and delete "
		    "the ones marked \"replaces\"\n; or \"remove\". Each "
		    "new PTR names the host that uses the address, and that\n"
		    "; name resolves back to the address, as receiving mail "
		    "servers check.\n", out);
}

static void
text_fix(const struct xref *x, const struct fix *f, const char *origin,
    FILE *out)
{
	const struct model *m = x->m;
	char a[NAMES_ADDR_TXT_MAX], o[NAMES_TXT_MAX], r[NAMES_TXT_MAX];
	char t[NAMES_TXT_MAX], list[2048];
	const char *ro;
	uint32_t p;

	owner_text(x, f, o);
	ro = rel(o, origin, r);
	fprintf(out, "; %s: %s\n", names_addr_fmt(&f->addr, a), f->why);
	if (f->ptr.status == LK_ANSWER)
		for (p = lookup_rec(m, f->ptr.node, f->ptr.zone, RT_PTR);
		    p != MODEL_NONE;
		    p = lookup_rec_next(m, f->ptr.node, f->ptr.zone, RT_PTR, p))
			if (m->recs[p].rd.target != f->want)
				fprintf(out, ";   %s: %s IN PTR %s\n",
			    f->want == MODEL_NONE ? "remove" : "replaces", ro,
			    model_fmt(m, m->recs[p].rd.target, t));
	others(x, f, list, sizeof(list));
	if (list[0] != '\0')
		fprintf(out, ";   other names on this address: %s\n", list);
	if (f->want != MODEL_NONE)
		fprintf(out, "%s\tIN\tPTR\t%s\n", ro, model_fmt(m, f->want, t));
}

static void
write_text(const struct xref *x, const struct fixes *fx, FILE *out)
{
	char origin[NAMES_TXT_MAX];
	size_t i, j, groups = 0;

	for (i = 0; i < fx->n; i++)
		if (i == 0 || !same_group(&fx->f[i], &fx->f[i - 1]))
			groups++;
	fprintf(out, "; rdnsaudit fix list: PTR (reverse DNS) records to "
	    "create or change\n; %zu address%s, %zu group%s by who holds "
	    "the reverse zone.\n", fx->n, fx->n == 1 ? "" : "es", groups,
	    groups == 1 ? "" : "s");
	for (i = 0; i < fx->n; i = j) {
		for (j = i + 1; j < fx->n && same_group(&fx->f[i], &fx->f[j]);
		    j++)
			;
		header(x, &fx->f[i], j - i, out);
		group_origin(x, &fx->f[i], origin);
		if (origin[0] != '\0')
			fprintf(out, "$ORIGIN %s\n", origin);
		for (; i < j; i++)
			text_fix(x, &fx->f[i], origin, out);
	}
}

/* One CSV field (RFC 4180): quoted when it holds a comma, quote or
 * line break. */
static void
csv(FILE *out, const char *s, bool last)
{
	if (strpbrk(s, ",\"\r\n") != NULL) {
		putc('"', out);
		for (; *s != '\0'; s++) {
			if (*s == '"')
				putc('"', out);
			putc(*s, out);
		}
		putc('"', out);
	} else
		fputs(s, out);
	fputs(last ? "\r\n" : ",", out);
}

static void
holder_text(const struct xref *x, const struct fix *f, char *out,
    size_t size)
{
	const struct network *n = f->net >= 0 ? &x->pol->networks[f->net] :
	    NULL;
	char a[NAMES_ADDR_TXT_MAX], z[NAMES_TXT_MAX];

	if (n != NULL)
		snprintf(out, size, "%s %s (%s/%u)", n->holder == HOLDER_ISP ?
		    "isp" : "self", n->contact != NULL ? n->contact : "",
		    names_addr_fmt(&n->prefix, a), n->len);
	else if (f->zone != MODEL_NONE)
		snprintf(out, size, "zone %s", model_fmt(x->m,
		    x->m->zones[f->zone].apex, z));
	else
		snprintf(out, size, "unknown");
}

static void
write_csv(const struct xref *x, const struct fixes *fx, FILE *out)
{
	char a[NAMES_ADDR_TXT_MAX], t[NAMES_TXT_MAX], cur[4096], h[1024];
	char why[sizeof(((struct fix *)0)->why) + 2048 + 80], list[2048];
	size_t i;

	fputs("address,current_ptr,wanted_ptr,holder,reason\r\n", out);
	for (i = 0; i < fx->n; i++) {
		const struct fix *f = &fx->f[i];

		current(x, f, " ", cur, sizeof(cur));
		holder_text(x, f, h, sizeof(h));
		others(x, f, list, sizeof(list));
		snprintf(why, sizeof(why), "%s%s%s%s", f->why,
		    f->want == MODEL_NONE ? "; remove the PTR" : "",
		    list[0] ? "; other names on this address: " : "", list);
		csv(out, names_addr_fmt(&f->addr, a), false);
		csv(out, cur, false);
		csv(out, f->want == MODEL_NONE ? "" : model_fmt(x->m, f->want,
		    t), false);
		csv(out, h, false);
		csv(out, why, true);
	}
}

/* The fixes of X, sorted and grouped. */
static int
collect(const struct xref *x, struct fixes *fx)
{
	int rc;

	if ((rc = from_fwd(x, fx)) < 0 || (rc = from_rev(x, fx)) < 0) {
		free(fx->f);
		return rc;
	}
	sort_m = x->m;
	if (fx->n > 0)
		qsort(fx->f, fx->n, sizeof(*fx->f), fix_cmp);
	return 0;
}

/* One group as text: its header (without the leading ";\n; ==== ") and
 * its records under $ORIGIN. */
static int
group_text(const struct xref *x, const struct fix *f, size_t count,
    struct fixlist_group *g)
{
	char origin[NAMES_TXT_MAX], *h = NULL, *nl;
	size_t hl = 0, rl = 0, i;
	FILE *fp;

	if ((fp = open_memstream(&h, &hl)) == NULL)
		return RDA_ENOMEM;
	header(x, f, count, fp);
	if (fclose(fp) != 0)
		goto nomem;
	if ((fp = open_memstream(&g->records, &rl)) == NULL)
		goto nomem;
	group_origin(x, f, origin);
	if (origin[0] != '\0')
		fprintf(fp, "$ORIGIN %s\n", origin);
	for (i = 0; i < count; i++)
		text_fix(x, &f[i], origin, fp);
	if (fclose(fp) != 0)
		goto nomem;
	/* The header's first line names the holder; the rest explains. */
	nl = strchr(h + 8, '\n');
	if ((g->holder = strndup(h + 8, nl ? (size_t)(nl - h - 8) :
	    strlen(h + 8))) == NULL || (g->header = strdup(nl ? nl + 1 :
	    "")) == NULL)
		goto nomem;
	free(h);
	return 0;
nomem:
	free(h);
	return RDA_ENOMEM;
}

int
fixlist_groups(const struct xref *x, struct fixlist_group **out, size_t *n)
{
	struct fixes fx = {0};
	struct fixlist_group *g = NULL;
	size_t i, j, k = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = collect(x, &fx)) < 0)
		return rc;
	if (fx.n > 0 && (g = calloc(fx.n, sizeof(*g))) == NULL) {
		free(fx.f);
		return RDA_ENOMEM;
	}
	for (i = 0; i < fx.n; i = j) {
		for (j = i + 1; j < fx.n && same_group(&fx.f[i], &fx.f[j]); j++)
			;
		if ((rc = group_text(x, &fx.f[i], j - i, &g[k++])) < 0) {
			fixlist_groups_free(g, k);
			free(fx.f);
			return rc;
		}
	}
	free(fx.f);
	*out = g;
	*n = k;
	return 0;
}

void
fixlist_groups_free(struct fixlist_group *g, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(g[i].holder);
		free(g[i].header);
		free(g[i].records);
	}
	free(g);
}

int
fixlist_write(const struct xref *x, enum fixlist_fmt fmt, FILE *out)
{
	struct fixes fx = {0};
	int rc;

	if ((rc = collect(x, &fx)) < 0)
		return rc;
	if (fmt == FIXLIST_CSV)
		write_csv(x, &fx, out);
	else
		write_text(x, &fx, out);
	rc = (int)fx.n;
	free(fx.f);
	return rc;
}
