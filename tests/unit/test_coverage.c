/* test_coverage.c -- the per-address states of core/coverage.c, on the
 * demo and on small zone sets written here for the states the demo does
 * not show (PTR only, delegated, unknown, a looping reverse name, a
 * network the policy gives to an ISP). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/coverage.h"
#include "core/err.h"
#include "core/names.h"
#include "zones/load.h"

struct audit {
	struct model *m;
	struct xref x;
	struct coverage c;
};

/* Loads each "origin=path" of ZONES (NULL-terminated) and classifies. */
static void
audit(struct audit *au, const char *const *zones, const struct policy *pol)
{
	struct load_opts lo = {0};
	char origin[256];

	au->m = model_new();
	assert_non_null(au->m);
	for (; *zones != NULL; zones++) {
		const char *eq = strchr(*zones, '=');

		assert_non_null(eq);
		snprintf(origin, sizeof(origin), "%.*s", (int)(eq - *zones),
		    *zones);
		assert_int_equal(load_zone(au->m, origin, eq + 1, &lo, NULL), 0);
	}
	assert_int_equal(model_finish(au->m), 0);
	assert_int_equal(xref_build(&au->x, au->m), 0);
	assert_int_equal(coverage_build(&au->c, &au->x, pol), 0);
}

static void
audit_free(struct audit *au)
{
	coverage_clear(&au->c);
	xref_clear(&au->x);
	model_free(au->m);
}

static enum cov_state
state(const struct audit *au, const char *text)
{
	struct addr a;

	assert_int_equal(names_addr_parse(text, &a), 0);
	return coverage_state(&au->c, &a);
}

struct want {
	const char *addr;
	enum cov_state st;
	int used;		/* whether coverage_find() knows it */
};

static void
check_wants(const struct audit *au, const struct want *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct addr a;

		assert_int_equal(names_addr_parse(w[i].addr, &a), 0);
		if (state(au, w[i].addr) != w[i].st ||
		    (coverage_find(&au->c, &a) != NULL) != w[i].used)
			fail_msg("%s: state %s used %d, want %s used %d",
			    w[i].addr, coverage_state_str(state(au, w[i].addr)),
			    coverage_find(&au->c, &a) != NULL,
			    coverage_state_str(w[i].st), w[i].used);
	}
}

#define DEMO "fixtures/demo/"

static void
test_demo(void **state_)
{
	static const char *const zones[] = {
		"example.com=" DEMO "example.com.zone",
		"2.0.192.in-addr.arpa=" DEMO "2.0.192.in-addr.arpa.zone",
		"0.1.0.0.8.b.d.0.1.0.0.2.ip6.arpa=" DEMO
		    "0.1.0.0.8.b.d.0.1.0.0.2.ip6.arpa.zone",
		"100.51.198.in-addr.arpa=" DEMO "100.51.198.in-addr.arpa.zone",
		"64/26.100.51.198.in-addr.arpa=" DEMO
		    "64-26.100.51.198.in-addr.arpa.zone",
		NULL,
	};
	static const struct want w[] = {
		{"192.0.2.1", COV_PASS, 1},
		{"192.0.2.20", COV_PASS, 1},	/* ptr-to-cname resolves back */
		{"192.0.2.25", COV_BAD, 1},	/* ptr-mismatch */
		{"192.0.2.26", COV_PASS, 1},
		{"192.0.2.30", COV_PASS, 1},	/* two PTRs, both resolve */
		{"192.0.2.40", COV_MISSING, 1},
		{"192.0.2.45", COV_BAD, 1},	/* dangling-ptr */
		{"192.0.2.100", COV_PASS, 1},
		{"192.0.2.149", COV_PASS, 1},
		{"192.0.2.5", COV_UNUSED, 0},
		{"192.0.2.150", COV_UNUSED, 0},
		{"198.51.100.65", COV_PASS, 1},	/* through the ISP's CNAME */
		{"198.51.100.67", COV_UNUSED, 0},
		{"198.51.100.1", COV_UNUSED, 0},
		{"2001:db8:10::25", COV_PASS, 1},
		{"2001:db8:10::27", COV_MISSING, 1},
		{"2001:db8:10::41", COV_MISSING, 1},
		{"2001:db8:10:1::66", COV_PASS, 1},
		{"2001:db8:10::99", COV_UNUSED, 0},
		{"203.0.113.1", COV_UNKNOWN, 0},
		{"2001:db8:99::1", COV_UNKNOWN, 0},
	};
	struct audit au;
	size_t i, sum = 0;

	(void)state_;
	audit(&au, zones, NULL);
	check_wants(&au, w, sizeof(w) / sizeof(w[0]));
	/* v4: 1 2 3 20 25 26 27 30 40 41 44 45 60, 100-149, 65 66 70;
	 * v6: ::1 2 3 20 25 27 41, 1::66 1::70. */
	assert_int_equal(au.c.n, 13 + 50 + 3 + 7 + 2);
	assert_int_equal(au.c.count[COV_BAD], 2);
	assert_int_equal(au.c.count[COV_MISSING], 3);
	assert_int_equal(au.c.count[COV_PASS], au.c.n - 5);
	for (i = 0; i < COV_NSTATES; i++)
		sum += au.c.count[i];
	assert_int_equal(sum, au.c.n);
	for (i = 1; i < au.c.n; i++)
		assert_true(memcmp(&au.c.a[i - 1].addr, &au.c.a[i].addr,
		    sizeof(struct addr)) < 0);
	audit_free(&au);
}

static void
test_delegated_rfc2317(void **state_)
{
	static const char *const zones[] = {
		"2.0.192.in-addr.arpa=fixtures/authority-rfc2317-child-unloaded/"
		    "2.0.192.in-addr.arpa.zone",
		"example.com=fixtures/authority-rfc2317-child-unloaded/"
		    "example.com.zone",
		NULL,
	};
	static const struct want w[] = {
		{"192.0.2.130", COV_DELEGATED, 1},
		{"192.0.2.131", COV_DELEGATED, 0},
		{"192.0.2.255", COV_DELEGATED, 0},
		{"192.0.2.5", COV_UNUSED, 0},
		{"192.0.2.127", COV_UNUSED, 0},
	};
	struct audit au;

	(void)state_;
	audit(&au, zones, NULL);
	check_wants(&au, w, sizeof(w) / sizeof(w[0]));
	audit_free(&au);
}

/* Writes TEXT to a temporary file; returns its path (static buffer). */
static const char *
tmpzone(const char *tag, const char *text)
{
	static char path[4][64];
	static unsigned k;
	char *p = path[k++ % 4];
	FILE *f;

	snprintf(p, 64, "/tmp/rda-cov-%ld-%s.zone", (long)getpid(), tag);
	f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return p;
}

#define HEAD "$TTL 300\n@ SOA ns1.example.org. h.example.org. 1 3600 600 " \
	"86400 300\n@ NS ns1.example.org.\n"

static void
test_small_states(void **state_)
{
	static const struct want w[] = {
		{"192.0.2.7", COV_PTR_ONLY, 1},	/* target not loaded */
		{"192.0.2.8", COV_BAD, 0},	/* reverse CNAME loop */
		{"192.0.2.10", COV_UNKNOWN, 1},	/* A, target not loaded */
		{"192.0.2.11", COV_PASS, 1},
		{"192.0.2.12", COV_PTR_ONLY, 0},	/* wildcard PTR */
		{"203.0.113.5", COV_DELEGATED, 1},	/* policy: ISP */
		{"203.0.113.129", COV_UNKNOWN, 1},	/* outside it */
		{"198.51.100.9", COV_UNKNOWN, 1},	/* no policy */
	};
	char z1[128], z2[128];
	const char *zones[3] = {z1, z2, NULL};
	struct network net = {.len = 25, .holder = HOLDER_ISP};
	struct policy pol = {.networks = &net, .nnetworks = 1};
	struct audit au;

	(void)state_;
	snprintf(z1, sizeof(z1), "2.0.192.in-addr.arpa=%s", tmpzone("rev",
	    HEAD "7 PTR host.example.net.\n8 CNAME 9\n9 CNAME 8\n"
	    "10 PTR other.example.net.\n11 PTR ok.example.com.\n"
	    "*.2.0.192.in-addr.arpa. PTR pool.example.net.\n"));
	snprintf(z2, sizeof(z2), "example.com=%s", tmpzone("fwd",
	    HEAD "a A 192.0.2.10\nok A 192.0.2.11\nisp A 203.0.113.5\n"
	    "far A 203.0.113.129\nx A 198.51.100.9\n"));
	assert_int_equal(names_addr_parse("203.0.113.0", &net.prefix), 0);
	audit(&au, zones, &pol);
	check_wants(&au, w, sizeof(w) / sizeof(w[0]));
	audit_free(&au);
	unlink(strchr(z1, '=') + 1);
	unlink(strchr(z2, '=') + 1);
}

static void
test_state_names(void **state_)
{
	unsigned i, j;

	(void)state_;
	for (i = 0; i < COV_NSTATES; i++) {
		assert_string_not_equal(coverage_state_str(i), "?");
		assert_string_not_equal(coverage_state_desc(i), "?");
		for (j = 0; j < i; j++)
			assert_string_not_equal(coverage_state_str(i),
			    coverage_state_str(j));
	}
	assert_string_equal(coverage_state_str(COV_NSTATES), "?");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_demo),
		cmocka_unit_test(test_delegated_rfc2317),
		cmocka_unit_test(test_small_states),
		cmocka_unit_test(test_state_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
