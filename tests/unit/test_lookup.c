/* test_lookup.c -- unit tests for core/lookup.c over models loaded from
 * master files (zones/load.c), and a scale test of core/model.c.
 *
 * Each test writes small zones to a temp directory under /tmp, loads them,
 * calls model_finish() and asks lookup_wire()/lookup_node() case by case,
 * checking the status, the node and zone that answered, the CNAMEs
 * followed and the records found (DESIGN.md, "Authority and lookup").
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include <ldns/ldns.h>

#include "core/err.h"
#include "core/lookup.h"
#include "core/model.h"
#include "core/names.h"
#include "zones/load.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#define SOA_NS "$TTL 300\n" \
	"@ IN SOA ns1.example.net. hostmaster.example.net. 1 7200 3600 " \
	"1209600 300\n" \
	"@ IN NS ns1.example.net.\n"

#define MAX_FILES 16

struct fx {
	char dir[64];
	char files[MAX_FILES][PATH_MAX];
	size_t nfiles;
	struct model *m;
	unsigned errors;
};

static void
on_diag(void *ctx, enum diag_sev sev, const char *file, unsigned line,
    const char *msg)
{
	struct fx *f = ctx;

	/* A test zone with a problem is a broken test, not a finding. */
	print_error("%s:%u: %s: %s\n", file, line,
	    sev == DIAG_ERROR ? "error" : "warning", msg);
	f->errors++;
}

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/rda-test-lookup-XXXXXX");
	if (mkdtemp(f->dir) == NULL || (f->m = model_new()) == NULL) {
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	size_t i;

	model_free(f->m);
	for (i = 0; i < f->nfiles; i++)
		unlink(f->files[i]);
	rmdir(f->dir);
	free(f);
	return 0;
}

/* Starts a fresh model (for tests that build several zone sets). */
static void
reset(struct fx *f)
{
	model_free(f->m);
	assert_non_null(f->m = model_new());
}

/* Writes TEXT to a temp file and loads it as zone ORIGIN; the zone must
 * load without any diagnostic. */
static void
zone(struct fx *f, const char *origin, const char *text)
{
	struct load_opts o;
	char tmp[PATH_MAX];
	FILE *fp;
	int rc;

	assert_true(f->nfiles < MAX_FILES);
	snprintf(tmp, sizeof(tmp), "%s/z%zu", f->dir, f->nfiles);
	memcpy(f->files[f->nfiles], tmp, sizeof(tmp));
	fp = fopen(tmp, "w");
	assert_non_null(fp);
	assert_true(fputs(text, fp) >= 0);
	assert_int_equal(fclose(fp), 0);
	f->nfiles++;
	memset(&o, 0, sizeof(o));
	o.diag = on_diag;
	o.ctx = f;
	f->errors = 0;
	rc = load_zone(f->m, origin, tmp, &o, NULL);
	if (rc != 0 || f->errors != 0)
		fail_msg("zone %s: load_zone() %d, %u diagnostics", origin, rc,
		    f->errors);
}

static void
finish(struct fx *f)
{
	assert_int_equal(model_finish(f->m), 0);
}

/* NAME in wire form into WIRE (NAMES_WIRE_MAX + 1 bytes). */
static void
wire_of(const char *name, uint8_t *wire)
{
	ldns_rdf *d = NULL;

	if (ldns_str2rdf_dname(&d, name) != LDNS_STATUS_OK)
		fail_msg("bad test name %s", name);
	memcpy(wire, ldns_rdf_data(d), ldns_rdf_size(d));
	ldns_rdf_deep_free(d);
}

static uint32_t
node_of(const struct fx *f, const char *name)
{
	uint8_t wire[NAMES_WIRE_MAX + 1];

	wire_of(name, wire);
	return model_find(f->m, wire, NULL, NULL);
}

static uint32_t
zone_of(const struct fx *f, const char *apex)
{
	uint32_t id = node_of(f, apex);
	size_t i;

	for (i = 0; i < f->m->nzones; i++)
		if (f->m->zones[i].apex == id)
			return (uint32_t)i;
	fail_msg("no zone %s", apex);
	return MODEL_NONE;
}

static void
lk(const struct fx *f, const char *name, uint16_t type, struct lk_result *r)
{
	uint8_t wire[NAMES_WIRE_MAX + 1];

	wire_of(name, wire);
	memset(r, 0xa5, sizeof(*r));
	lookup_wire(f->m, wire, type, r);
}

static const char *
name_or_none(const struct fx *f, uint32_t id, char *buf)
{
	if (id == MODEL_NONE)
		return "NONE";
	return model_fmt(f->m, id, buf);
}

/* One expected lookup.  NODE and ZONE are names ("" when MODEL_NONE, NULL
 * when not checked); FINAL the last name asked (NULL: not checked, "":
 * MODEL_NONE); HOPS is checked for every status. */
struct lcase {
	const char *qname;
	uint16_t type;
	enum lk_status status;
	const char *node;
	const char *zone;
	unsigned hops;
	const char *final;
};

static int
check(const struct fx *f, const struct lcase *c)
{
	struct lk_result r;
	char b1[NAMES_TXT_MAX], b2[NAMES_TXT_MAX];
	const char *zname;
	int bad = 0;

	lk(f, c->qname, c->type, &r);
	zname = r.zone == MODEL_NONE ? "" :
	    model_fmt(f->m, f->m->zones[r.zone].apex, b2);
	if (r.status != c->status) {
		print_error("%s type %u: %s, want %s\n", c->qname, c->type,
		    lookup_status_str(r.status), lookup_status_str(c->status));
		return 1;
	}
	if (c->node != NULL && strcmp(c->node[0] ? c->node : "NONE",
	    name_or_none(f, r.node, b1)) != 0) {
		print_error("%s type %u: node %s, want %s\n", c->qname, c->type,
		    name_or_none(f, r.node, b1), c->node);
		bad++;
	}
	if (c->zone != NULL && strcmp(zname, c->zone) != 0) {
		print_error("%s type %u: zone \"%s\", want \"%s\"\n", c->qname,
		    c->type, zname, c->zone);
		bad++;
	}
	if (r.hops != c->hops) {
		print_error("%s type %u: %u hops, want %u\n", c->qname, c->type,
		    r.hops, c->hops);
		bad++;
	}
	if (c->final != NULL && strcmp(c->final[0] ? c->final : "NONE",
	    name_or_none(f, r.name, b1)) != 0) {
		print_error("%s type %u: last name %s, want %s\n", c->qname,
		    c->type, name_or_none(f, r.name, b1), c->final);
		bad++;
	}
	return bad;
}

static void
check_all(const struct fx *f, const struct lcase *c, size_t n)
{
	size_t i;
	int bad = 0;

	for (i = 0; i < n; i++)
		bad += check(f, &c[i]);
	assert_int_equal(bad, 0);
}

/* The first record of TYPE in the answer R, checked to be there. */
static const struct rec *
answer_rec(const struct fx *f, const struct lk_result *r, uint16_t type)
{
	uint32_t i;

	assert_int_equal(r->status, LK_ANSWER);
	i = lookup_rec(f->m, r->node, r->zone, type);
	assert_int_not_equal(i, MODEL_NONE);
	return &f->m->recs[i];
}

static void
assert_addr_in(const struct model *m, const struct rec *r, const char *text)
{
	uint8_t want[16] = { 0 };
	int af = strchr(text, ':') != NULL ? AF_INET6 : AF_INET;

	assert_int_equal(inet_pton(af, text, want), 1);
	assert_int_equal(r->type, af == AF_INET ? RT_A : RT_AAAA);
	assert_memory_equal(model_rec_addr(m, r), want, af == AF_INET ? 4 : 16);
}

/* Every caller has its fixture in F. */
#define assert_addr(r, text) assert_addr_in(f->m, (r), (text))

static void
assert_name(const struct fx *f, uint32_t id, const char *name)
{
	char buf[NAMES_TXT_MAX];

	assert_string_equal(name_or_none(f, id, buf), name);
}

/* ---- one zone ---- */

static void
test_basic(void **state)
{
	struct fx *f = *state;
	static const struct lcase c[] = {
		/* Exact answers and NODATA at an existing name. */
		{ "www.example.com.", RT_A, LK_ANSWER, "www.example.com.",
		  "example.com.", 0, "www.example.com." },
		{ "www.example.com.", RT_AAAA, LK_ANSWER, "www.example.com.",
		  "example.com.", 0, NULL },
		{ "www.example.com.", RT_MX, LK_NODATA, "www.example.com.",
		  "example.com.", 0, "www.example.com." },
		{ "example.com.", RT_SOA, LK_ANSWER, "example.com.",
		  "example.com.", 0, NULL },
		{ "example.com.", RT_A, LK_NODATA, "example.com.",
		  "example.com.", 0, NULL },
		/* Empty non-terminals: NODATA for every type. */
		{ "c.example.com.", RT_A, LK_NODATA, "c.example.com.",
		  "example.com.", 0, NULL },
		{ "b.c.example.com.", RT_TXT, LK_NODATA, "b.c.example.com.",
		  "example.com.", 0, NULL },
		{ "a.b.c.example.com.", RT_TXT, LK_ANSWER, "a.b.c.example.com.",
		  "example.com.", 0, NULL },
		/* Names that do not exist: not in the tree, or in it only as
		 * a record's target. */
		{ "nosuch.example.com.", RT_A, LK_NXDOMAIN, "", "example.com.",
		  0, "" },
		{ "x.nosuch.example.com.", RT_A, LK_NXDOMAIN, "",
		  "example.com.", 0, "" },
		{ "x.c.example.com.", RT_A, LK_NXDOMAIN, "", "example.com.", 0,
		  NULL },
		{ "ghost.example.com.", RT_A, LK_NXDOMAIN, "", "example.com.",
		  0, "ghost.example.com." },
		{ "x.a.b.c.example.com.", RT_A, LK_NXDOMAIN, "",
		  "example.com.", 0, NULL },
		/* Outside every loaded zone. */
		{ "example.org.", RT_A, LK_UNKNOWN, "", "", 0, NULL },
		{ "www.example.org.", RT_A, LK_UNKNOWN, "", "", 0, NULL },
		{ "mx.example.net.", RT_A, LK_UNKNOWN, "", "", 0,
		  "mx.example.net." },
		{ "com.", RT_A, LK_UNKNOWN, "", "", 0, NULL },
		{ ".", RT_SOA, LK_UNKNOWN, "", "", 0, NULL },
		{ "www.example.com.example.org.", RT_A, LK_UNKNOWN, "", "", 0,
		  NULL },
		/* Case does not matter. */
		{ "WWW.EXAMPLE.COM.", RT_A, LK_ANSWER, "www.example.com.",
		  "example.com.", 0, "www.example.com." },
		{ "wWw.ExAmPlE.cOm.", RT_AAAA, LK_ANSWER, "www.example.com.",
		  "example.com.", 0, NULL },
		{ "C.Example.Com.", RT_A, LK_NODATA, "c.example.com.",
		  "example.com.", 0, NULL },
		{ "Mixed.example.com.", RT_A, LK_ANSWER, "mixed.example.com.",
		  "example.com.", 0, NULL },
	};
	struct lk_result r, r2;
	uint32_t id;

	zone(f, "Example.COM.", SOA_NS
	    "www A 192.0.2.10\n"
	    "www AAAA 2001:db8::10\n"
	    "WWW A 192.0.2.11\n"
	    "a.b.c TXT \"deep\"\n"
	    "mail MX 10 mx.example.net.\n"
	    "mail MX 20 ghost\n"
	    "MiXeD A 192.0.2.12\n");
	finish(f);
	check_all(f, c, ARRAY_LEN(c));

	/* The records of the answer, in file order, whatever the case. */
	lk(f, "WWW.example.com.", RT_A, &r);
	assert_addr(answer_rec(f, &r, RT_A), "192.0.2.10");
	id = lookup_rec_next(f->m, r.node, r.zone, RT_A,
	    lookup_rec(f->m, r.node, r.zone, RT_A));
	assert_int_not_equal(id, MODEL_NONE);
	assert_addr(&f->m->recs[id], "192.0.2.11");
	assert_int_equal(lookup_rec_next(f->m, r.node, r.zone, RT_A, id),
	    MODEL_NONE);
	assert_int_equal(r.hops, 0);
	assert_true(model_rec_auth(f->m, answer_rec(f, &r, RT_A)));

	/* NXDOMAIN below names that exist, and below an empty
	 * non-terminal: the zone answers, with no node. */
	lk(f, "x.nosuch.example.com.", RT_A, &r);
	assert_int_equal(r.status, LK_NXDOMAIN);
	assert_int_equal(r.node, MODEL_NONE);
	assert_int_equal(r.zone, zone_of(f, "example.com."));
	lk(f, "x.c.example.com.", RT_A, &r);
	assert_int_equal(r.status, LK_NXDOMAIN);
	lk(f, "x.a.b.c.example.com.", RT_A, &r);
	assert_int_equal(r.status, LK_NXDOMAIN);
	assert_int_equal(r.node, MODEL_NONE);

	/* lookup_node() gives what lookup_wire() gives. */
	lk(f, "www.example.com.", RT_A, &r);
	lookup_node(f->m, node_of(f, "www.example.com."), RT_A, &r2);
	assert_int_equal(r2.status, r.status);
	assert_int_equal(r2.node, r.node);
	assert_int_equal(r2.zone, r.zone);
	lookup_node(f->m, node_of(f, "ghost.example.com."), RT_A, &r2);
	assert_int_equal(r2.status, LK_NXDOMAIN);
	lookup_node(f->m, node_of(f, "c.example.com."), RT_A, &r2);
	assert_int_equal(r2.status, LK_NODATA);
	lookup_node(f->m, 0, RT_A, &r2);
	assert_int_equal(r2.status, LK_UNKNOWN);
}

/* ---- delegations and child zones ---- */

#define PARENT SOA_NS \
	"www A 192.0.2.1\n" \
	"sub NS ns.sub\n" \
	"sub NS ns1.example.net.\n" \
	"sub A 192.0.2.99\n"		/* at the cut: not auth. */ \
	"ns.sub A 192.0.2.53\n"		/* glue */ \
	"www.sub A 192.0.2.2\n"		/* a copy of child data */ \
	"only.sub A 192.0.2.3\n"	/* in the parent only */ \
	"deep.x.sub TXT \"occluded\"\n"

#define CHILD SOA_NS \
	"ns A 192.0.2.53\n" \
	"www A 192.0.2.20\n" \
	"a.b TXT \"child ENT\"\n"

/* The child is not loaded: at and below the cut nothing is known. */
static void
test_cut_child_unloaded(void **state)
{
	struct fx *f = *state;
	static const struct lcase c[] = {
		{ "www.example.com.", RT_A, LK_ANSWER, "www.example.com.",
		  "example.com.", 0, NULL },
		{ "sub.example.com.", RT_NS, LK_UNKNOWN, "", "", 0, NULL },
		{ "sub.example.com.", RT_A, LK_UNKNOWN, "", "", 0, NULL },
		{ "ns.sub.example.com.", RT_A, LK_UNKNOWN, "", "", 0, NULL },
		{ "www.sub.example.com.", RT_A, LK_UNKNOWN, "", "", 0, NULL },
		{ "x.sub.example.com.", RT_TXT, LK_UNKNOWN, "", "", 0, NULL },
		{ "deep.x.sub.example.com.", RT_TXT, LK_UNKNOWN, "", "", 0,
		  NULL },
		{ "nosuch.sub.example.com.", RT_A, LK_UNKNOWN, "", "", 0,
		  NULL },
		{ "a.b.c.sub.example.com.", RT_A, LK_UNKNOWN, "", "", 0, NULL },
		{ "nosuch.example.com.", RT_A, LK_NXDOMAIN, "", "example.com.",
		  0, NULL },
	};
	size_t i;
	uint32_t cut, glue;

	zone(f, "example.com.", PARENT);
	finish(f);
	check_all(f, c, ARRAY_LEN(c));
	cut = node_of(f, "sub.example.com.");
	glue = node_of(f, "ns.sub.example.com.");
	assert_true(f->m->nodes[cut].flags & NODE_CUT);
	assert_false(model_auth(f->m, cut));
	assert_false(model_auth(f->m, glue));
	/* Every record at or below the cut is glue or occluded. */
	for (i = 0; i < f->m->nrecs; i++) {
		const struct rec *r = &f->m->recs[i];
		char buf[NAMES_TXT_MAX];
		bool below = strstr(model_fmt(f->m, r->owner, buf),
		    "sub.example.com.") != NULL;

		if (model_rec_auth(f->m, r) == below)
			fail_msg("record %zu at %s: auth %d", i, buf,
			    model_rec_auth(f->m, r));
	}
}

/* The child is loaded: it owns every name at and below its apex, even
 * those the parent holds copies of, whichever is loaded first. */
static void
test_child_loaded(void **state)
{
	struct fx *f = *state;
	static const struct lcase c[] = {
		{ "www.sub.example.com.", RT_A, LK_ANSWER,
		  "www.sub.example.com.", "sub.example.com.", 0, NULL },
		{ "sub.example.com.", RT_NS, LK_ANSWER, "sub.example.com.",
		  "sub.example.com.", 0, NULL },
		{ "sub.example.com.", RT_SOA, LK_ANSWER, "sub.example.com.",
		  "sub.example.com.", 0, NULL },
		/* The parent's A at the cut is not the child's. */
		{ "sub.example.com.", RT_A, LK_NODATA, "sub.example.com.",
		  "sub.example.com.", 0, NULL },
		{ "ns.sub.example.com.", RT_A, LK_ANSWER, "ns.sub.example.com.",
		  "sub.example.com.", 0, NULL },
		/* Names only the parent has do not exist in the child. */
		{ "only.sub.example.com.", RT_A, LK_NXDOMAIN, "",
		  "sub.example.com.", 0, NULL },
		{ "deep.x.sub.example.com.", RT_TXT, LK_NXDOMAIN, "",
		  "sub.example.com.", 0, NULL },
		{ "x.sub.example.com.", RT_TXT, LK_NXDOMAIN, "",
		  "sub.example.com.", 0, NULL },
		{ "b.sub.example.com.", RT_A, LK_NODATA, "b.sub.example.com.",
		  "sub.example.com.", 0, NULL },
		{ "www.example.com.", RT_A, LK_ANSWER, "www.example.com.",
		  "example.com.", 0, NULL },
	};
	int order;

	for (order = 0; order < 2; order++) {
		struct lk_result r;
		const struct rec *rec;
		size_t i, copies = 0;

		reset(f);
		if (order == 0) {
			zone(f, "example.com.", PARENT);
			zone(f, "sub.example.com.", CHILD);
		} else {
			zone(f, "sub.example.com.", CHILD);
			zone(f, "example.com.", PARENT);
		}
		finish(f);
		check_all(f, c, ARRAY_LEN(c));
		lk(f, "www.sub.example.com.", RT_A, &r);
		assert_int_equal(r.zone, zone_of(f, "sub.example.com."));
		rec = answer_rec(f, &r, RT_A);
		assert_addr(rec, "192.0.2.20");
		assert_int_equal(model_rec_zone(f->m, rec), r.zone);
		assert_true(model_rec_auth(f->m, rec));
		assert_int_equal(lookup_rec_next(f->m, r.node, r.zone, RT_A,
		    (uint32_t)(rec - f->m->recs)), MODEL_NONE);
		/* The parent's copies are there, and not authoritative. */
		for (i = 0; i < f->m->nrecs; i++) {
			const struct rec *p = &f->m->recs[i];

			if (model_rec_zone(f->m, p) ==
			    zone_of(f, "example.com.") &&
			    p->owner != node_of(f, "example.com.") &&
			    p->owner != node_of(f, "www.example.com.")) {
				copies++;
				assert_false(model_rec_auth(f->m, p));
			}
		}
		assert_int_equal(copies, 7);
		/* The child's apex is not a cut. */
		assert_false(f->m->nodes[node_of(f, "sub.example.com.")].flags &
		    NODE_CUT);
		assert_true(model_auth(f->m, node_of(f, "sub.example.com.")));
	}
}

/* A delegation two labels below the parent's apex makes the name between
 * an empty non-terminal of the parent (RFC 8020: it exists), whether or not
 * the child is loaded. */
static void
test_ent_above_delegation(void **state)
{
	struct fx *f = *state;
	static const char *const parent[] = {
		SOA_NS "a.b NS ns1.example.net.\n",
		SOA_NS "a.b NS ns1.example.net.\n"
		    "*.example.com. TXT \"wild\"\n",
	};
	static const struct lcase c[] = {
		{ "b.example.com.", RT_TXT, LK_NODATA, "b.example.com.",
		  "example.com.", 0, "b.example.com." },
		{ "x.b.example.com.", RT_TXT, LK_NXDOMAIN, "", "example.com.",
		  0, NULL },
	};
	int loaded, wild, bad = 0;

	for (wild = 0; wild < 2; wild++)
		for (loaded = 0; loaded < 2; loaded++) {
			reset(f);
			zone(f, "example.com.", parent[wild]);
			/* BUG: with the child a.b.example.com. loaded,
			 * b.example.com. is no longer an empty non-terminal of
			 * example.com.: model_finish() ignores the parent's NS
			 * records at the child's apex and never propagates
			 * NODE_EXISTS from an apex to its parent, so the lookup
			 * says NXDOMAIN (or, with *.example.com., gives the
			 * wildcard's answer) where a resolver gets NODATA from
			 * the parent, as this lookup does when the child is not
			 * loaded. */
			if (loaded)
				zone(f, "a.b.example.com.",
				    SOA_NS "www A 192.0.2.1\n");
			finish(f);
			if (wild)
				check_all(f, &(struct lcase){ "x.example.com.",
				    RT_TXT, LK_ANSWER, "*.example.com.",
				    "example.com.", 0, NULL }, 1);
			if (check(f, &c[0]) + check(f, &c[1]) > 0) {
				print_error("  (child %sloaded, %s wildcard)\n",
				    loaded ? "" : "not ", wild ? "with" : "no");
				bad++;
			}
		}
	assert_int_equal(bad, 0);
}

/* ---- wildcards (RFC 4592) ---- */

static void
test_wildcard(void **state)
{
	struct fx *f = *state;
	static const struct lcase c[] = {
		/* A name that does not exist: the wildcard at the closest
		 * encloser answers, or says NODATA. */
		{ "nosuch.example.com.", RT_A, LK_ANSWER, "*.example.com.",
		  "example.com.", 0, "" },
		{ "nosuch.example.com.", RT_TXT, LK_ANSWER, "*.example.com.",
		  "example.com.", 0, NULL },
		{ "nosuch.example.com.", RT_MX, LK_NODATA, "*.example.com.",
		  "example.com.", 0, NULL },
		{ "x.y.example.com.", RT_A, LK_ANSWER, "*.example.com.",
		  "example.com.", 0, NULL },
		/* In the tree only as a target: does not exist either. */
		{ "ghost.example.com.", RT_A, LK_ANSWER, "*.example.com.",
		  "example.com.", 0, "ghost.example.com." },
		/* The wildcard itself. */
		{ "*.example.com.", RT_A, LK_ANSWER, "*.example.com.",
		  "example.com.", 0, NULL },
		/* Not for a name that exists, nor for an empty non-terminal. */
		{ "www.example.com.", RT_TXT, LK_NODATA, "www.example.com.",
		  "example.com.", 0, NULL },
		{ "www.example.com.", RT_A, LK_ANSWER, "www.example.com.",
		  "example.com.", 0, NULL },
		{ "b.example.com.", RT_A, LK_NODATA, "b.example.com.",
		  "example.com.", 0, NULL },
		{ "example.com.", RT_A, LK_NODATA, "example.com.",
		  "example.com.", 0, NULL },
		/* Below an ENT the closest encloser is the ENT: no *.b. */
		{ "x.b.example.com.", RT_A, LK_NXDOMAIN, "", "example.com.", 0,
		  NULL },
		/* *.w is a wildcard of its own, below an existing name. */
		{ "x.w.example.com.", RT_TXT, LK_ANSWER, "*.w.example.com.",
		  "example.com.", 0, NULL },
		{ "x.y.w.example.com.", RT_TXT, LK_ANSWER, "*.w.example.com.",
		  "example.com.", 0, NULL },
		{ "x.y.w.example.com.", RT_A, LK_NODATA, "*.w.example.com.",
		  "example.com.", 0, NULL },
		/* Not across a cut (child not loaded) ... */
		{ "x.sub.example.com.", RT_A, LK_UNKNOWN, "", "", 0, NULL },
		{ "sub.example.com.", RT_A, LK_UNKNOWN, "", "", 0, NULL },
		/* ... nor into a loaded child zone. */
		{ "x.child.example.com.", RT_A, LK_NXDOMAIN, "",
		  "child.example.com.", 0, NULL },
		{ "child.example.com.", RT_A, LK_NODATA, "child.example.com.",
		  "child.example.com.", 0, NULL },
		/* A wildcard CNAME is followed. */
		{ "x.alias.example.com.", RT_A, LK_ANSWER, "www.example.com.",
		  "example.com.", 1, "www.example.com." },
	};
	struct lk_result r;

	zone(f, "example.com.", SOA_NS
	    "*.example.com. A 192.0.2.100\n"
	    "* TXT \"wild\"\n"
	    "www A 192.0.2.1\n"
	    "a.b TXT \"b is an ENT\"\n"
	    "w TXT \"w exists\"\n"
	    "*.w TXT \"wild under w\"\n"
	    "sub NS ns1.example.net.\n"
	    "child NS ns1.example.net.\n"
	    "*.alias CNAME www\n"
	    "mx MX 10 ghost\n");
	zone(f, "child.example.com.", SOA_NS);
	finish(f);
	check_all(f, c, ARRAY_LEN(c));
	lk(f, "nosuch.example.com.", RT_A, &r);
	assert_addr(answer_rec(f, &r, RT_A), "192.0.2.100");
	lk(f, "x.alias.example.com.", RT_A, &r);
	assert_int_equal(r.hops, 1);
	assert_addr(answer_rec(f, &r, RT_A), "192.0.2.1");
}

/* ---- CNAME chains ---- */

static void
test_cname(void **state)
{
	struct fx *f = *state;
	static const struct lcase c[] = {
		{ "c1.example.com.", RT_A, LK_ANSWER, "www.example.com.",
		  "example.com.", 3, "www.example.com." },
		{ "c1.example.com.", RT_TXT, LK_NODATA, "www.example.com.",
		  "example.com.", 3, "www.example.com." },
		/* Asking for the CNAME itself does not follow it. */
		{ "c1.example.com.", RT_CNAME, LK_ANSWER, "c1.example.com.",
		  "example.com.", 0, "c1.example.com." },
		{ "C2.EXAMPLE.COM.", RT_A, LK_ANSWER, "www.example.com.",
		  "example.com.", 2, NULL },
		{ "loop1.example.com.", RT_A, LK_LOOP, NULL, NULL, 2, NULL },
		{ "loop2.example.com.", RT_A, LK_LOOP, NULL, NULL, 2, NULL },
		{ "self.example.com.", RT_A, LK_LOOP, NULL, NULL, 1, NULL },
		{ "toloop.example.com.", RT_A, LK_LOOP, NULL, NULL, 3, NULL },
		{ "dang.example.com.", RT_A, LK_NXDOMAIN, "", "example.com.", 1,
		  "nowhere.example.com." },
		{ "out.example.com.", RT_A, LK_UNKNOWN, "", "", 1,
		  "www.example.org." },
		{ "toent.example.com.", RT_A, LK_NODATA, "b.example.com.",
		  "example.com.", 1, "b.example.com." },
		{ "tocut.example.com.", RT_A, LK_UNKNOWN, "", "", 1,
		  "x.sub.example.com." },
		{ "tonet.example.com.", RT_A, LK_ANSWER, "host.example.net.",
		  "example.net.", 2, "host.example.net." },
		/* 8 CNAMEs are followed; the 9th is one too many. */
		{ "h2.example.com.", RT_A, LK_ANSWER, "final.example.com.",
		  "example.com.", 8, "final.example.com." },
		{ "h1.example.com.", RT_A, LK_TOOLONG, NULL, NULL, 8, NULL },
		{ "h9.example.com.", RT_A, LK_ANSWER, "final.example.com.",
		  "example.com.", 1, NULL },
	};
	struct lk_result r;

	zone(f, "example.com.", SOA_NS
	    "c1 CNAME c2\n"
	    "c2 CNAME c3\n"
	    "c3 CNAME www\n"
	    "www A 192.0.2.1\n"
	    "loop1 CNAME loop2\n"
	    "loop2 CNAME loop1\n"
	    "self CNAME self\n"
	    "toloop CNAME loop1\n"
	    "dang CNAME nowhere\n"
	    "out CNAME www.example.org.\n"
	    "toent CNAME b\n"
	    "a.b TXT x\n"
	    "sub NS ns1.example.net.\n"
	    "tocut CNAME x.sub\n"
	    "tonet CNAME alias.example.net.\n"
	    "$GENERATE 1-8 h$ CNAME h${1}\n"
	    "h9 CNAME final\n"
	    "final A 192.0.2.9\n");
	zone(f, "example.net.", SOA_NS
	    "alias CNAME host\n"
	    "host A 192.0.2.77\n");
	finish(f);
	check_all(f, c, ARRAY_LEN(c));

	lk(f, "c1.example.com.", RT_A, &r);
	assert_int_not_equal(r.hops, 0);
	assert_int_not_equal(r.name, node_of(f, "c1.example.com."));
	assert_addr(answer_rec(f, &r, RT_A), "192.0.2.1");
	lk(f, "tonet.example.com.", RT_A, &r);
	assert_addr(answer_rec(f, &r, RT_A), "192.0.2.77");
	assert_int_equal(r.zone, zone_of(f, "example.net."));
	assert_int_equal(r.hops, 2);
	assert_name(f, r.name, "host.example.net.");
	lk(f, "www.example.com.", RT_A, &r);
	assert_int_equal(r.hops, 0);
	lk(f, "h1.example.com.", RT_A, &r);
	assert_int_equal(r.status, LK_TOOLONG);
	assert_int_equal(r.hops, LOOKUP_MAX_HOPS);
	assert_name(f, r.name, "h9.example.com.");
}

/* ---- RFC 2317 ---- */

#define REV_PARENT SOA_NS \
	"128/25 NS ns1.example.net.\n" \
	"$GENERATE 128-255 $ CNAME $.128/25.2.0.192.in-addr.arpa.\n" \
	"20 PTR web.example.com.\n"

#define REV_CHILD SOA_NS \
	"130 PTR gw.example.com.\n"

static void
lk_addr(const struct fx *f, const char *text, struct lk_result *r)
{
	struct addr a;
	uint8_t wire[NAMES_WIRE_MAX + 1];

	assert_int_equal(names_addr_parse(text, &a), 0);
	assert_int_not_equal(names_addr_to_rev(&a, wire), 0);
	memset(r, 0xa5, sizeof(*r));
	lookup_wire(f->m, wire, RT_PTR, r);
}

static void
test_rfc2317(void **state)
{
	struct fx *f = *state;
	struct lk_result r;
	const struct rec *ptr;

	zone(f, "2.0.192.in-addr.arpa.", REV_PARENT);
	zone(f, "128/25.2.0.192.IN-ADDR.ARPA", REV_CHILD);
	finish(f);

	/* Through the parent's CNAME into the child's PTR. */
	lk_addr(f, "192.0.2.130", &r);
	assert_int_equal(r.status, LK_ANSWER);
	assert_int_equal(r.hops, 1);
	assert_int_equal(r.zone, zone_of(f, "128/25.2.0.192.in-addr.arpa."));
	assert_name(f, r.node, "130.128/25.2.0.192.in-addr.arpa.");
	assert_name(f, r.name, "130.128/25.2.0.192.in-addr.arpa.");
	ptr = answer_rec(f, &r, RT_PTR);
	assert_name(f, ptr->rd.target, "gw.example.com.");
	assert_true(model_rec_auth(f->m, ptr));

	/* A CNAME into the child where the child has nothing. */
	lk_addr(f, "192.0.2.131", &r);
	assert_int_equal(r.status, LK_NXDOMAIN);
	assert_int_equal(r.hops, 1);
	assert_int_equal(r.zone, zone_of(f, "128/25.2.0.192.in-addr.arpa."));
	/* The parent's own PTRs, and its names without one. */
	lk_addr(f, "192.0.2.20", &r);
	assert_int_equal(r.status, LK_ANSWER);
	assert_int_equal(r.hops, 0);
	assert_name(f, answer_rec(f, &r, RT_PTR)->rd.target,
	    "web.example.com.");
	lk_addr(f, "192.0.2.21", &r);
	assert_int_equal(r.status, LK_NXDOMAIN);
	assert_int_equal(r.zone, zone_of(f, "2.0.192.in-addr.arpa."));
	/* Outside the loaded reverse zones. */
	lk_addr(f, "198.51.100.1", &r);
	assert_int_equal(r.status, LK_UNKNOWN);
	lk_addr(f, "2001:db8::1", &r);
	assert_int_equal(r.status, LK_UNKNOWN);

	/* Without the child, the CNAME leads below a cut: unknown. */
	reset(f);
	zone(f, "2.0.192.in-addr.arpa.", REV_PARENT);
	finish(f);
	lk_addr(f, "192.0.2.130", &r);
	assert_int_equal(r.status, LK_UNKNOWN);
	assert_int_equal(r.hops, 1);
	lk_addr(f, "192.0.2.20", &r);
	assert_int_equal(r.status, LK_ANSWER);

	/* Only the child loaded. */
	reset(f);
	zone(f, "128/25.2.0.192.in-addr.arpa.", REV_CHILD);
	finish(f);
	lk_addr(f, "192.0.2.130", &r);
	assert_int_equal(r.status, LK_UNKNOWN);
	assert_int_equal(r.hops, 0);
}

/* IPv6 reverse names, nibbles in any case. */
static void
test_ip6_reverse(void **state)
{
	struct fx *f = *state;
	struct lk_result r;

	zone(f, "8.b.d.0.1.0.0.2.ip6.arpa.", SOA_NS
	    "A.B.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0 "
	    "PTR h.example.com.\n");
	finish(f);
	lk_addr(f, "2001:db8::ba", &r);
	assert_int_equal(r.status, LK_ANSWER);
	assert_name(f, answer_rec(f, &r, RT_PTR)->rd.target, "h.example.com.");
	lk_addr(f, "2001:db8::bb", &r);
	assert_int_equal(r.status, LK_NXDOMAIN);
	lk_addr(f, "2001:db9::ba", &r);
	assert_int_equal(r.status, LK_UNKNOWN);
}

/* ---- scale: no quadratic path in loading, grouping or lookup ---- */

static void
test_scale(void **state)
{
	struct fx *f = *state;
	const unsigned nrec = 100000, nnames = 200000;
	struct lk_result r;
	struct load_opts o;
	char path[PATH_MAX], name[64];
	uint8_t wire[NAMES_WIRE_MAX + 1];
	uint32_t i, id, parent, n;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/big.zone", f->dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(SOA_NS, fp);
	for (i = 0; i < nnames; i++) {
		if (i < nrec)
			fprintf(fp, "big A 10.%u.%u.%u\n", i >> 16,
			    (i >> 8) & 255, i & 255);
		fprintf(fp, "h%u.hosts A 192.0.2.%u\n", i, i & 255);
	}
	assert_int_equal(fclose(fp), 0);
	memcpy(f->files[f->nfiles++], path, sizeof(path));

	memset(&o, 0, sizeof(o));
	o.diag = on_diag;
	o.ctx = f;
	assert_int_equal(load_zone(f->m, "example.com.", path, &o, NULL), 0);
	assert_int_equal(f->m->nrecs, 2 + nrec + nnames);
	finish(f);

	/* One owner, 100,000 records, in file order. */
	lk(f, "big.example.com.", RT_A, &r);
	assert_int_equal(r.status, LK_ANSWER);
	n = 0;
	for (id = lookup_rec(f->m, r.node, r.zone, RT_A); id != MODEL_NONE;
	    id = lookup_rec_next(f->m, r.node, r.zone, RT_A, id)) {
		const uint8_t *a = f->m->recs[id].rd.a4;

		if (a[0] != 10 || a[1] != (n >> 16) ||
		    a[2] != ((n >> 8) & 255) || a[3] != (n & 255))
			fail_msg("record %u of big: %u.%u.%u.%u", n, a[0], a[1],
			    a[2], a[3]);
		n++;
	}
	assert_int_equal(n, nrec);
	lk(f, "big.example.com.", RT_TXT, &r);
	assert_int_equal(r.status, LK_NODATA);

	/* 200,000 children of one parent, each found. */
	parent = node_of(f, "hosts.example.com.");
	assert_int_not_equal(parent, MODEL_NONE);
	for (i = 0; i < nnames; i++) {
		snprintf(name, sizeof(name), "H%u.hosts.example.com.", i);
		wire_of(name, wire);
		lookup_wire(f->m, wire, RT_A, &r);
		if (r.status != LK_ANSWER || f->m->nodes[r.node].parent !=
		    parent || f->m->recs[lookup_rec(f->m, r.node, r.zone,
		    RT_A)].rd.a4[3] != (i & 255))
			fail_msg("h%u: %s", i, lookup_status_str(r.status));
		if (model_child(f->m, parent, wire + 1, wire[0]) != r.node)
			fail_msg("h%u: model_child() differs", i);
	}
	lk(f, "h200000.hosts.example.com.", RT_A, &r);
	assert_int_equal(r.status, LK_NXDOMAIN);
	assert_int_equal(r.node, MODEL_NONE);
	lk(f, "hosts.example.com.", RT_A, &r);
	assert_int_equal(r.status, LK_NODATA);
}

/* A name table past 16 MiB is mapped on its own, at a huge page's
 * boundary, on huge pages where the system has them (core/model.c:
 * hash_map()): names are found in it, and in the larger one that
 * replaces it.  The bench's sets are the only other place a table this
 * large is made. */
static void
test_big_table(void **state)
{
	const unsigned n = 300000;
	struct model *m;
	uint8_t wire[NAMES_WIRE_MAX + 1];
	char name[64];
	uint32_t id, *ids;
	size_t before;
	unsigned i;

	(void)state;
	assert_non_null(m = model_new());
	assert_int_equal(m->hashlen, 0);	/* small: from calloc() */
	model_reserve(m, 3000000);
	assert_true(m->caphash >= 3000000);
#ifdef MADV_HUGEPAGE
	assert_true(m->hashlen >= m->nbuckets * 64);
	assert_int_equal(m->hashlen % (2u << 20), 0);
	assert_int_equal((uintptr_t)m->buckets % (2u << 20), 0);
#endif
	assert_non_null(ids = calloc(n, sizeof(*ids)));
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "h%u.s%u.example.net.", i, i % 97);
		wire_of(name, wire);
		assert_int_equal(model_name(m, wire, &ids[i]), 0);
	}
	/* Moved into a larger mapped table, every name is still there. */
	before = m->caphash;
	model_reserve(m, 6000000);
	assert_true(m->caphash > before);
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "H%u.S%u.example.NET.", i, i % 97);
		wire_of(name, wire);
		id = model_find(m, wire, NULL, NULL);
		if (id != ids[i])
			fail_msg("%s: node %u, interned as %u", name, id,
			    ids[i]);
	}
	wire_of("h300000.s0.example.net.", wire);
	assert_int_equal(model_find(m, wire, NULL, NULL), MODEL_NONE);
	free(ids);
	model_free(m);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_basic),
		T(test_cut_child_unloaded),
		T(test_child_loaded),
		T(test_ent_above_delegation),
		T(test_wildcard),
		T(test_cname),
		T(test_rfc2317),
		T(test_ip6_reverse),
		T(test_scale),
		T(test_big_table),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
