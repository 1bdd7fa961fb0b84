/* mail.c -- the mail hosts of the loaded data; see mail.h.  The checks
 * that judge them are in mailcheck.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/lookup.h"
#include "core/mail.h"
#include "core/spf.h"
#include "core/vec.h"

#define SPF_DEPTH_MAX 10	/* RFC 7208 §4.6.4: ten lookups at most */

struct build {
	const struct model *m;
	struct mail *ml;
	uint32_t *spf;		/* side-table indexes sorted by owner */
	size_t nspf;
};

bool
mail_is_host(const struct mail *ml, uint32_t id)
{
	return ml != NULL && id != MODEL_NONE &&
	    (ml->bits[id / 8] & (1u << (id % 8))) != 0;
}

static void
mark(struct mail *ml, uint32_t id)
{
	ml->bits[id / 8] |= (uint8_t)(1u << (id % 8));
}

static int
addr_add(struct mail *ml, const struct addr *a, uint32_t name, uint32_t rec)
{
	if (vec_reserve((void **)&ml->a, &ml->capa, ml->na + 1,
	    sizeof(*ml->a)) < 0)
		return RDA_ENOMEM;
	ml->a[ml->na].addr = *a;
	ml->a[ml->na].name = name;
	ml->a[ml->na].rec = rec;
	ml->na++;
	return 0;
}

/* Makes ID a mail host with every address it resolves to. */
static int
host_add(struct build *b, uint32_t id)
{
	static const uint16_t types[] = {RT_A, RT_AAAA};
	const struct model *m = b->m;
	struct lk_result res;
	uint32_t k;
	unsigned t;
	int rc;

	mark(b->ml, id);
	for (t = 0; t < 2; t++) {
		lookup_node(m, id, types[t], &res);
		if (res.status != LK_ANSWER)
			continue;
		mark(b->ml, res.name);
		for (k = lookup_rec(m, res.node, res.zone, types[t]);
		    k != MODEL_NONE;
		    k = lookup_rec_next(m, res.node, res.zone, types[t], k)) {
			struct addr a = model_rec_ip(m, &m->recs[k]);

			if ((rc = addr_add(b->ml, &a, res.name, k)) < 0)
				return rc;
		}
	}
	return 0;
}

static int
unv_add(struct build *b, uint32_t owner, uint32_t rec, const char *kind,
    const char *domain, bool macro)
{
	struct mail *ml = b->ml;
	struct mail_unv *u;
	char term[sizeof(u->term)];
	size_t i;

	snprintf(term, sizeof(term), "%s%s", kind, domain);
	for (i = 0; i < ml->nu; i++)
		if (ml->u[i].rec == rec && strcmp(ml->u[i].term, term) == 0)
			return 0;
	if (vec_reserve((void **)&ml->u, &ml->capu, ml->nu + 1,
	    sizeof(*ml->u)) < 0)
		return RDA_ENOMEM;
	u = &ml->u[ml->nu++];
	u->owner = owner;
	u->rec = rec;
	u->macro = macro;
	memcpy(u->term, term, sizeof(term));
	return 0;
}

/* The TXT record at OWNER read from SRC at LINE. */
static uint32_t
txt_rec(const struct model *m, uint32_t owner, uint32_t src, uint32_t line)
{
	const struct node *n = &m->nodes[owner];
	uint32_t i;

	for (i = n->first; i < n->first + n->nrec; i++)
		if (m->recs[i].type == RT_TXT && m->recs[i].src == src &&
		    m->recs[i].line == line)
			return i;
	return MODEL_NONE;
}

static const struct model *spf_model;

static int
spf_cmp(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	uint32_t oa, ob, s, l;

	model_spf_get(spf_model, a, &oa, &s, &l);
	model_spf_get(spf_model, b, &ob, &s, &l);
	if (oa != ob)
		return oa < ob ? -1 : 1;
	return (a > b) - (a < b);
}

/* Where the mechanism's domain leads: its node, or MODEL_NONE with
 * *UNKNOWN set when no loaded zone is authoritative for it. */
static uint32_t
term_node(struct build *b, uint32_t self, const struct spf_term *t,
    bool *unknown)
{
	uint8_t wire[NAMES_WIRE_MAX + 1];
	struct lk_result res;
	uint32_t id;

	*unknown = false;
	if (!t->has_domain)
		return self;
	if (spf_domain_wire(t->domain, strlen(t->domain), wire) == 0)
		return MODEL_NONE;
	if ((id = model_find(b->m, wire, NULL, NULL)) != MODEL_NONE)
		return id;
	lookup_wire(b->m, wire, RT_TXT, &res);
	*unknown = res.status == LK_UNKNOWN;
	return MODEL_NONE;
}

static int eval_node(struct build *b, uint32_t id, unsigned depth);

static const char *const kind_str[] = {
	[SPF_INCLUDE] = "include:", [SPF_A] = "a:", [SPF_MX] = "mx:",
	[SPF_REDIRECT] = "redirect=",
};

/* One term of the SPF record REC of SELF that names hosts. */
static int
eval_term(struct build *b, uint32_t self, uint32_t rec,
    const struct spf_term *t, unsigned depth)
{
	const struct model *m = b->m;
	struct lk_result res;
	bool unknown;
	uint32_t id, k;
	int rc;

	if (t->macro)
		return unv_add(b, self, rec, kind_str[t->kind], t->domain,
		    true);
	id = term_node(b, self, t, &unknown);
	if (id != MODEL_NONE) {
		lookup_node(m, id, t->kind == SPF_A ? RT_A : t->kind == SPF_MX ?
		    RT_MX : RT_TXT, &res);
		unknown = res.status == LK_UNKNOWN;
	}
	if (unknown)
		return unv_add(b, self, rec, kind_str[t->kind], t->domain,
		    false);
	if (id == MODEL_NONE || res.status == LK_NXDOMAIN)
		return 0;
	switch (t->kind) {
	case SPF_A:
		return host_add(b, id);
	case SPF_MX:
		if (res.status != LK_ANSWER)
			return 0;
		for (k = lookup_rec(m, res.node, res.zone, RT_MX);
		    k != MODEL_NONE;
		    k = lookup_rec_next(m, res.node, res.zone, RT_MX, k))
			if (m->recs[k].rd.target != 0 &&
			    (rc = host_add(b, m->recs[k].rd.target)) < 0)
				return rc;
		return 0;
	default:
		/* include:, redirect=: the records at the name that answered
		 * (after CNAMEs), evaluated for that name. */
		return res.node != MODEL_NONE && depth < SPF_DEPTH_MAX ?
		    eval_node(b, res.name, depth + 1) : 0;
	}
}

/* Evaluates one SPF text of the record REC of SELF. */
static int
eval_text(struct build *b, uint32_t self, uint32_t rec, const char *text,
    unsigned depth)
{
	struct spf_term t;
	const char *p = text;
	bool all = false;
	int rc;

	/* RFC 7208 §6.1: redirect= is ignored when "all" is present. */
	while ((rc = spf_next(&p, &t)) != 0)
		if (rc > 0 && t.kind == SPF_ALL)
			all = true;
	for (p = text; (rc = spf_next(&p, &t)) != 0;) {
		if (rc < 0)
			continue;
		switch (t.kind) {
		case SPF_IP4:
		case SPF_IP6:
			if (t.plen != (t.kind == SPF_IP4 ? 32u : 128u))
				break;
			rc = addr_add(b->ml, &t.addr, MODEL_NONE, rec);
			if (rc < 0)
				return rc;
			break;
		case SPF_REDIRECT:
			if (all)
				break;
			/* FALLTHROUGH */
		case SPF_A:
		case SPF_MX:
		case SPF_INCLUDE:
			if ((rc = eval_term(b, self, rec, &t, depth)) < 0)
				return rc;
			break;
		default:
			break;
		}
	}
	return 0;
}

/* Evaluates the authoritative SPF records at node ID. */
static int
eval_node(struct build *b, uint32_t id, unsigned depth)
{
	const struct model *m = b->m;
	size_t lo = 0, hi = b->nspf, mid;
	uint32_t owner, src, line, rec;
	const char *text;
	int rc;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		model_spf_get(m, b->spf[mid], &owner, &src, &line);
		if (owner < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < b->nspf; lo++) {
		text = model_spf_get(m, b->spf[lo], &owner, &src, &line);
		if (owner != id)
			break;
		if (!model_auth(m, id) ||
		    m->nodes[id].zone != m->srcs[src].zone ||
		    (rec = txt_rec(m, owner, src, line)) == MODEL_NONE)
			continue;
		if ((rc = eval_text(b, id, rec, text, depth)) < 0)
			return rc;
	}
	return 0;
}

static int
mail_addr_cmp(const void *pa, const void *pb)
{
	const struct mail_addr *a = pa, *b = pb;
	int c = xref_addr_cmp(&a->addr, &b->addr);

	if (c != 0)
		return c;
	/* A named host before an SPF address, then the record order. */
	if ((a->name == MODEL_NONE) != (b->name == MODEL_NONE))
		return a->name == MODEL_NONE ? 1 : -1;
	return (a->rec > b->rec) - (a->rec < b->rec);
}

static void
unique_addrs(struct mail *ml)
{
	size_t i, n = 0;

	if (ml->na == 0)
		return;
	qsort(ml->a, ml->na, sizeof(*ml->a), mail_addr_cmp);
	for (i = 0; i < ml->na; i++)
		if (n == 0 || xref_addr_cmp(&ml->a[n - 1].addr,
		    &ml->a[i].addr) != 0)
			ml->a[n++] = ml->a[i];
	ml->na = n;
}

static int
from_policy(struct build *b, const struct policy *pol)
{
	uint8_t wire[NAMES_WIRE_MAX + 1];
	uint32_t id;
	size_t i;
	int rc;

	for (i = 0; pol != NULL && i < pol->nmail_hosts; i++) {
		const char *s = pol->mail_hosts[i];

		if (spf_domain_wire(s, strlen(s), wire) == 0 ||
		    (id = model_find(b->m, wire, NULL, NULL)) == MODEL_NONE)
			continue;
		if ((rc = host_add(b, id)) < 0)
			return rc;
	}
	return 0;
}

static int
build(struct build *b, const struct policy *pol)
{
	const struct model *m = b->m;
	uint32_t owner, src, line, prev = MODEL_NONE;
	size_t i;
	int rc;

	for (i = 0; i < m->nrecs; i++) {
		const struct rec *r = &m->recs[i];

		/* RFC 7505: "MX 0 ." says the domain takes no mail. */
		if (r->type == RT_MX && model_rec_auth(m, r) &&
		    r->rd.target != 0 && (rc = host_add(b, r->rd.target)) < 0)
			return rc;
	}
	if ((rc = from_policy(b, pol)) < 0)
		return rc;
	b->nspf = model_spf_count(m);
	if (b->nspf > 0 && (b->spf = malloc(b->nspf * sizeof(*b->spf))) == NULL)
		return RDA_ENOMEM;
	for (i = 0; i < b->nspf; i++)
		b->spf[i] = (uint32_t)i;
	spf_model = m;
	if (b->nspf > 0)
		qsort(b->spf, b->nspf, sizeof(*b->spf), spf_cmp);
	for (i = 0; i < b->nspf; i++) {
		model_spf_get(m, b->spf[i], &owner, &src, &line);
		if (owner != prev && (rc = eval_node(b, owner, 0)) < 0)
			return rc;
		prev = owner;
	}
	unique_addrs(b->ml);
	return 0;
}

int
mail_build(const struct model *m, const struct policy *pol,
    struct mail **out)
{
	struct build b = {0};
	int rc;

	*out = NULL;
	b.m = m;
	if ((b.ml = calloc(1, sizeof(*b.ml))) == NULL ||
	    (b.ml->bits = calloc(m->nnodes / 8 + 1, 1)) == NULL) {
		mail_free(b.ml);
		return RDA_ENOMEM;
	}
	rc = build(&b, pol);
	free(b.spf);
	if (rc < 0) {
		mail_free(b.ml);
		return rc;
	}
	*out = b.ml;
	return 0;
}

void
mail_free(struct mail *ml)
{
	if (ml == NULL)
		return;
	free(ml->bits);
	free(ml->a);
	free(ml->u);
	free(ml);
}
