/* test_spf.c -- unit tests for core/spf.c (SPF terms) and the SPF record
 * selection of core/model_spf.c, against RFC 7208 §4.5, §5, §6, §12. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "core/model.h"
#include "core/spf.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
	const char *term;
	int rc;			/* 1 or RDA_ESYNTAX */
	enum spf_kind kind;
	char qual;
	const char *domain;	/* NULL: none */
	const char *addr;	/* ip4/ip6 network */
	unsigned plen;
	bool macro;
} cases[] = {
	{"a", 1, SPF_A, '+', NULL, NULL, 0, false},
	{"-all", 1, SPF_ALL, '-', NULL, NULL, 0, false},
	{"~ALL", 1, SPF_ALL, '~', NULL, NULL, 0, false},
	{"a:out.example.com", 1, SPF_A, '+', "out.example.com", NULL, 0, false},
	{"a/24", 1, SPF_A, '+', NULL, NULL, 0, false},
	{"a:x.example.com/24//64", 1, SPF_A, '+', "x.example.com", NULL, 0,
	    false},
	{"mx//64", 1, SPF_MX, '+', NULL, NULL, 0, false},
	{"?mx:example.net", 1, SPF_MX, '?', "example.net", NULL, 0, false},
	{"include:_spf.example.net", 1, SPF_INCLUDE, '+', "_spf.example.net",
	    NULL, 0, false},
	{"include:%{d}._spf.example.net", 1, SPF_INCLUDE, '+',
	    "%{d}._spf.example.net", NULL, 0, true},
	{"redirect=_spf.example.com", 1, SPF_REDIRECT, '+',
	    "_spf.example.com", NULL, 0, false},
	{"exp=explain.example.com", 1, SPF_EXP, '+', "explain.example.com",
	    NULL, 0, false},
	{"foo=bar", 1, SPF_OTHER_MOD, '+', NULL, NULL, 0, false},
	{"ip4:192.0.2.25", 1, SPF_IP4, '+', NULL, "192.0.2.25", 32, false},
	{"ip4:192.0.2.0/24", 1, SPF_IP4, '+', NULL, "192.0.2.0", 24, false},
	{"ip6:2001:db8::25", 1, SPF_IP6, '+', NULL, "2001:db8::25", 128, false},
	{"-ip6:2001:db8::/32", 1, SPF_IP6, '-', NULL, "2001:db8::", 32, false},
	{"ptr", 1, SPF_PTR, '+', NULL, NULL, 0, false},
	{"exists:%{i}.x.example.com", 1, SPF_EXISTS, '+',
	    "%{i}.x.example.com", NULL, 0, true},
	/* invalid */
	{"ip4:192.0.2.0/33", RDA_ESYNTAX, 0, 0, NULL, NULL, 0, false},
	{"ip4:2001:db8::1", RDA_ESYNTAX, 0, 0, NULL, NULL, 0, false},
	{"ip6:192.0.2.1", RDA_ESYNTAX, 0, 0, NULL, NULL, 0, false},
	{"ip4:192.0.2.0/024", RDA_ESYNTAX, 0, 0, NULL, NULL, 0, false},
	{"a/24/64", RDA_ESYNTAX, 0, 0, NULL, NULL, 0, false},
	{"include", RDA_ESYNTAX, 0, 0, NULL, NULL, 0, false},
	{"allx", RDA_ESYNTAX, 0, 0, NULL, NULL, 0, false},
	{"all:x", RDA_ESYNTAX, 0, 0, NULL, NULL, 0, false},
	{"mx:", RDA_ESYNTAX, 0, 0, NULL, NULL, 0, false},
};

static void
test_terms(void **state)
{
	struct spf_term t;
	const char *p;
	char buf[128];
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		snprintf(buf, sizeof(buf), "v=spf1 %s", cases[i].term);
		p = buf;
		rc = spf_next(&p, &t);
		if (rc != cases[i].rc)
			fail_msg("\"%s\": %d, want %d", cases[i].term, rc,
			    cases[i].rc);
		if (rc != 1)
			continue;
		assert_int_equal(t.kind, cases[i].kind);
		assert_int_equal(t.qual, cases[i].qual);
		assert_int_equal(t.has_domain, cases[i].domain != NULL);
		if (cases[i].domain != NULL)
			assert_string_equal(t.domain, cases[i].domain);
		assert_int_equal(t.macro, cases[i].macro);
		if (cases[i].addr != NULL) {
			struct addr a;

			assert_int_equal(names_addr_parse(cases[i].addr, &a), 0);
			assert_memory_equal(&t.addr, &a, sizeof(a));
			assert_int_equal(t.plen, cases[i].plen);
		}
		assert_int_equal(spf_next(&p, &t), 0);
	}
}

/* Reading goes on after a bad term, and spaces may repeat. */
static void
test_sequence(void **state)
{
	const char *p = "v=spf1  ip4:300.1.1.1   mx  -all ";
	struct spf_term t;

	(void)state;
	assert_int_equal(spf_next(&p, &t), RDA_ESYNTAX);
	assert_int_equal(spf_next(&p, &t), 1);
	assert_int_equal(t.kind, SPF_MX);
	assert_int_equal(spf_next(&p, &t), 1);
	assert_int_equal(t.kind, SPF_ALL);
	assert_int_equal(spf_next(&p, &t), 0);
}

static void
test_selection(void **state)
{
	(void)state;
	assert_true(model_spf_is("v=spf1", 6));
	assert_true(model_spf_is("v=spf1 -all", 11));
	assert_true(model_spf_is("V=SPF1 mx", 9));
	assert_false(model_spf_is("v=spf10 mx", 10));
	assert_false(model_spf_is("v=spf1-all", 10));
	assert_false(model_spf_is(" v=spf1 mx", 10));
	assert_false(model_spf_is("google-site-verification=x", 26));
}

static void
test_domain_wire(void **state)
{
	uint8_t w[NAMES_WIRE_MAX + 1];

	(void)state;
	assert_int_equal(spf_domain_wire("example.com", 11, w), 13);
	assert_memory_equal(w, "\7example\3com", 13);
	assert_int_equal(spf_domain_wire("example.com.", 12, w), 13);
	assert_int_equal(spf_domain_wire("a..b", 4, w), 0);
	assert_int_equal(spf_domain_wire("", 0, w), 0);
	assert_int_equal(spf_domain_wire("a b", 3, w), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_terms),
		cmocka_unit_test(test_sequence),
		cmocka_unit_test(test_selection),
		cmocka_unit_test(test_domain_wire),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
