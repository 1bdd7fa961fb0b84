/* test_ignore.c -- fingerprints, ignore rules and baselines (core/). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/checks.h"
#include "core/err.h"
#include "core/fingerprint.h"
#include "core/ignore.h"

struct fx {
	struct model *m;
	struct report r;
	uint32_t www, mail, zone, src;
};

static const uint8_t W_ZONE[] = "\7example\3com";
static const uint8_t W_WWW[] = "\3www\7example\3com";
static const uint8_t W_MAIL[] = "\4mail\3sub\7example\3com";

static uint32_t
rec_at(struct fx *f, uint32_t owner, uint32_t line)
{
	struct rec r = {0};

	r.owner = owner;
	r.src = f->src;
	r.line = line;
	r.type = RT_A;
	assert_int_equal(model_rec_add(f->m, &r, NULL, 0), 0);
	return (uint32_t)(f->m->nrecs - 1);
}

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	checks_init();
	f->m = model_new();
	assert_non_null(f->m);
	assert_int_equal(model_zone_add(f->m, W_ZONE, "z", &f->zone), 0);
	assert_int_equal(model_source_add(f->m, f->zone, "example.com.zone",
	    false, &f->src), 0);
	assert_int_equal(model_name(f->m, W_WWW, &f->www), 0);
	assert_int_equal(model_name(f->m, W_MAIL, &f->mail), 0);
	report_init(&f->r, f->m);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	report_clear(&f->r);
	model_free(f->m);
	free(f);
	return 0;
}

static void
add(struct fx *f, const char *check, const char *addr, uint32_t name,
    uint32_t line)
{
	struct addr a;

	assert_int_equal(names_addr_parse(addr, &a), 0);
	assert_int_equal(report_add(&f->r, (unsigned)checks_find(check), &a,
	    name, MODEL_NONE, f->zone, rec_at(f, name, line), "msg %u",
	    line), 0);
}

/* The fingerprint ignores file, line and message; it follows check,
 * address and name. */
static void
test_fingerprint(void **state)
{
	struct fx *f = *state;
	uint64_t a, b, c, d;
	char buf[FINGERPRINT_TXT];

	add(f, "missing-ptr", "192.0.2.1", f->www, 10);
	add(f, "missing-ptr", "192.0.2.1", f->www, 99);
	add(f, "missing-ptr", "192.0.2.2", f->www, 10);
	add(f, "multiple-ptr", "192.0.2.1", f->www, 10);
	a = fingerprint(&f->r, &f->r.f[0]);
	b = fingerprint(&f->r, &f->r.f[1]);
	c = fingerprint(&f->r, &f->r.f[2]);
	d = fingerprint(&f->r, &f->r.f[3]);
	assert_true(a == b);
	assert_true(a != c && a != d && c != d);
	assert_int_equal(fingerprint_parse(fingerprint_fmt(a, buf), &b), 0);
	assert_true(a == b);
	assert_int_equal(fingerprint_parse("0123", &b), RDA_EINVAL);
	assert_int_equal(fingerprint_parse("0123456789abcdeg", &b),
	    RDA_EINVAL);
}

static void
test_match(void **state)
{
	struct fx *f = *state;
	struct ignore_rule r = {0};

	add(f, "missing-ptr", "192.0.2.130", f->mail, 1);
	r.check = checks_find("missing-ptr");
	r.until = -1;
	assert_int_equal(names_addr_parse("192.0.2.128", &r.addr), 0);
	r.has_addr = true;
	r.plen = 25;
	assert_true(ignore_match(&f->r, &r, &f->r.f[0]));
	r.plen = 32;
	assert_false(ignore_match(&f->r, &r, &f->r.f[0]));
	r.has_addr = false;
	r.name = "example.com.";
	r.suffix = true;
	assert_true(ignore_match(&f->r, &r, &f->r.f[0]));
	r.name = "ample.com.";	/* a suffix on a label boundary only */
	assert_false(ignore_match(&f->r, &r, &f->r.f[0]));
	r.name = "mail.sub.example.com.";
	assert_false(ignore_match(&f->r, &r, &f->r.f[0]));
	r.suffix = false;
	assert_true(ignore_match(&f->r, &r, &f->r.f[0]));
	r.check = checks_find("multiple-ptr");
	assert_false(ignore_match(&f->r, &r, &f->r.f[0]));
}

/* In force through the until day; expired and unmatched rules become
 * findings at the rule. */
static void
test_apply(void **state)
{
	struct fx *f = *state;
	struct ignore_rule r[3];
	unsigned i, expired = 0, unmatched = 0;

	memset(r, 0, sizeof(r));
	add(f, "missing-ptr", "192.0.2.1", f->www, 1);
	add(f, "missing-ptr", "192.0.2.2", f->mail, 2);
	for (i = 0; i < 3; i++) {
		r[i].check = checks_find("missing-ptr");
		r[i].until = -1;
		r[i].file = "cfg.yaml";
		r[i].line = 10 + i;
		r[i].col = 5;
	}
	r[0].name = "www.example.com.";
	r[0].until = 100;		/* in force on day 100 */
	strcpy(r[0].until_txt, "1970-04-11");
	r[1].name = "mail.sub.example.com.";
	r[1].until = 99;		/* expired on day 100 */
	strcpy(r[1].until_txt, "1970-04-10");
	r[2].name = "nothing.example.com.";
	assert_int_equal(ignore_apply(&f->r, r, 3, 100), 0);
	assert_int_equal(f->r.ignored, 1);
	assert_int_equal(r[0].matched, 1);
	assert_int_equal(r[1].matched, 0);
	for (i = 0; i < f->r.n; i++) {
		const struct finding *x = &f->r.f[i];

		if (strcmp(checks[x->check].id, "ignore-expired") == 0) {
			expired++;
			assert_int_equal(x->line, 11);
			assert_int_equal(x->col, 5);
			assert_string_equal(x->file, "cfg.yaml");
			assert_int_equal(x->sev, SEV_WARNING);
		} else if (strcmp(checks[x->check].id,
		    "ignore-unmatched") == 0) {
			unmatched++;
			assert_int_equal(x->line, 12);
			assert_int_equal(x->sev, SEV_INFO);
		} else
			assert_int_equal(x->name, f->mail);
	}
	assert_int_equal(expired, 1);
	assert_int_equal(unmatched, 1);
	assert_int_equal(f->r.n, 3);
	assert_int_equal(f->r.count[SEV_WARNING], 2);
	assert_int_equal(f->r.count[SEV_INFO], 1);
}

static void
test_baseline(void **state)
{
	struct fx *f = *state;
	struct baseline b;
	unsigned line = 0;
	FILE *fp = tmpfile();

	add(f, "missing-ptr", "192.0.2.1", f->www, 1);
	add(f, "missing-ptr", "192.0.2.2", f->mail, 2);
	assert_int_equal(baseline_write(&f->r, fp), 0);
	add(f, "missing-ptr", "192.0.2.3", f->mail, 3);
	rewind(fp);
	assert_int_equal(baseline_read(fp, &b, &line), 0);
	assert_int_equal(b.n, 2);
	baseline_apply(&f->r, &b);
	assert_int_equal(f->r.known, 2);
	assert_int_equal(f->r.n, 1);
	assert_int_equal(f->r.count[SEV_WARNING], 1);
	assert_int_equal(f->r.f[0].addr.b[3], 3);
	baseline_clear(&b);
	fclose(fp);
	fp = tmpfile();
	fputs("# comment\n\n0123456789abcdef x\nnot hex\n", fp);
	rewind(fp);
	assert_int_equal(baseline_read(fp, &b, &line), RDA_ESYNTAX);
	assert_int_equal(line, 4);
	fclose(fp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fingerprint, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_match, setup, teardown),
		cmocka_unit_test_setup_teardown(test_apply, setup, teardown),
		cmocka_unit_test_setup_teardown(test_baseline, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
