/* test_fast.c -- the fast record path against ldns, record for record.
 *
 * Loads, with load_opts.fast_verify, every zone of fixtures/, of
 * tests/diff/cases/, of a table of awkward records below, and of the shared
 * corpus (../shared/corpus/checks.tsv; skipped visibly when absent): each
 * record the fast path takes is parsed by ldns too and compared bytes for
 * bytes (owner as written, type, TTL, rdata).  Prints how many records
 * were compared; any difference fails.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <glob.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/model.h"
#include "zones/load.h"
#include "tests/unit/corpus.h"

static void
quiet(void *ctx, enum diag_sev sev, const char *file, unsigned line,
    const char *msg)
{
	(void)ctx;
	(void)sev;
	if (strstr(msg, "fast path differs") != NULL)
		fprintf(stderr, "%s:%u: %s\n", file, line, msg);
}

struct tally {
	uint64_t zones, compared, fast, differ;
};

static void
verify(struct tally *t, const char *origin, const char *path)
{
	struct load_opts o = {0};
	struct load_stats st = {0};
	struct model *m = model_new();
	char inferred[1024], err[1024];

	assert_non_null(m);
	o.diag = quiet;
	o.fast_verify = true;
	o.max_errors = 1000000;
	if (origin == NULL) {
		if (load_infer_origin(path, inferred, sizeof(inferred), err,
		    sizeof(err)) < 0) {
			model_free(m);
			return;
		}
		origin = inferred;
	}
	(void)load_zone(m, origin, path, &o, &st);
	t->zones++;
	t->compared += st.compared;
	t->fast += st.fast;
	t->differ += st.differ;
	model_free(m);
}

static void
verify_glob(struct tally *t, const char *pattern)
{
	glob_t g;
	size_t i;

	if (glob(pattern, 0, NULL, &g) != 0)
		return;
	for (i = 0; i < g.gl_pathc; i++)
		verify(t, NULL, g.gl_pathv[i]);
	globfree(&g);
}

/* Records chosen to sit on the edge of what the fast path takes. */
static const char awkward[] =
    "$ORIGIN Example.COM.\n"
    "$TTL 300\n"
    "@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n"
    "@ IN NS ns1\n"
    "ns1 A 192.0.2.1\n"
    "WWW 60 IN A 192.0.2.2\n"
    "  AAAA 2001:DB8::1\n"
    "  AAAA ::ffff:192.0.2.3\n"
    "  AAAA 2001:db8:0:0:0:0:0:2\n"
    "  AAAA ::\n"
    "v4 A 192.0.2.04\n"
    "v4 A 192.0.2\n"
    "v4 A 0x1.2.3.4\n"
    "v4 A 192.0.2.1 extra\n"
    "v4 A \"192.0.2.9\"\n"
    "* A 192.0.2.10\n"
    "*.wild A 192.0.2.11\n"
    "_srv._tcp CNAME www\n"
    "a/b PTR host.\n"
    "x\\.y A 192.0.2.12\n"
    "x\\065 A 192.0.2.13\n"
    "@ A 192.0.2.14\n"
    "@x A 192.0.2.15\n"
    "c1 CNAME @\n"
    "c2 CNAME .\n"
    "c3 CNAME a..b\n"
    "c4 cname Target.Example.NET.\n"
    "c5 CNAME x.\n"
    "c6 CNAME aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n"
    "c7 CNAME aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n"
    "p1 Ptr h1\n"
    "p2 IN 600 PTR h2.example.com.\n"
    "p3 1h PTR h3\n"
    "$ORIGIN sub\n"
    "deep a 192.0.2.16\n"
    "  A 192.0.2.17\n"
    "$ORIGIN 2.0.192.in-addr.arpa.\n"
    "1 PTR ns1.example.com.\n"
    "2 PTR www.Example.com\n"
    "010 PTR x\n";

static void
test_awkward(void **state)
{
	struct tally t = {0};
	char path[] = "/tmp/rda-fast-XXXXXX";
	int fd = mkstemp(path);
	FILE *fp;

	(void)state;
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	fputs(awkward, fp);
	fclose(fp);
	verify(&t, "example.com.", path);
	unlink(path);
	printf("awkward records: %" PRIu64 " compared with ldns, %" PRIu64
	    " differ\n", t.compared, t.differ);
	assert_true(t.compared >= 15);
	assert_int_equal(t.differ, 0);
}

static void
test_fixtures(void **state)
{
	struct tally t = {0};

	(void)state;
	verify_glob(&t, "fixtures/*/*.zone");
	verify_glob(&t, "tests/diff/cases/*.zone");
	printf("fixtures: %" PRIu64 " zones, %" PRIu64 " records compared "
	    "with ldns, %" PRIu64 " differ\n", t.zones, t.compared, t.differ);
	assert_true(t.compared > 0);
	assert_int_equal(t.differ, 0);
}

static void
corpus_zone(void *ctx, const char *origin, const char *path)
{
	verify(ctx, origin, path);
}

static void
test_corpus(void **state)
{
	struct tally t = {0};

	(void)state;
	if (!corpus_each("corpus", corpus_zone, &t)) {
		skip();
		return;
	}
	printf("corpus: %" PRIu64 " zones, %" PRIu64 " records compared with "
	    "ldns, %" PRIu64 " differ\n", t.zones, t.compared, t.differ);
	assert_true(t.compared > 0);
	assert_int_equal(t.differ, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_awkward),
		cmocka_unit_test(test_fixtures),
		cmocka_unit_test(test_corpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
