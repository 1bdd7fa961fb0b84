/* test_par.c -- unit tests for core/par.c: how par_for() splits a loop.
 *
 * The loops that mark a bit per node (xref.c, cand_mark()) rely on every
 * part starting at a multiple of the grain: two parts that shared a word
 * would lose each other's bits, now and then, under load.  The split is
 * checked through par_start() for every thread count par_for() may use,
 * whatever this machine's, and through par_for() itself on this one.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/par.h"

static const size_t sizes[] = {
	0, 1, 63, 64, 65, 127, 128, 129, 4095, 4096, 16383, 16384, 16385,
	32767, 32768, 32769, 50000, 100000, 1000003, 9405869,
};
static const size_t grains[] = { 1, 64, 4096, 16384, 65536 };

static void
test_start(void **state)
{
	size_t s, g, lo, hi;
	unsigned np, i;

	(void)state;
	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
		for (g = 0; g < sizeof(grains) / sizeof(grains[0]); g++)
			for (np = 2; np <= PAR_MAX; np++) {
				size_t n = sizes[s], grain = grains[g];

				if (np > n / grain)
					continue;	/* par_for() uses fewer */
				assert_int_equal(par_start(n, grain, np, 0), 0);
				for (i = 0; i < np; i++) {
					lo = par_start(n, grain, np, i);
					hi = i + 1 == np ? n :
					    par_start(n, grain, np, i + 1);
					assert_int_equal(lo % grain, 0);
					assert_true(hi >= lo + grain);
				}
			}
}

struct seen {
	size_t lo[PAR_MAX], hi[PAR_MAX];
	unsigned calls[PAR_MAX];
};

static void
record(void *ctx, unsigned part, size_t lo, size_t hi)
{
	struct seen *s = ctx;

	s->lo[part] = lo;
	s->hi[part] = hi;
	s->calls[part]++;
}

static void
test_for(void **state)
{
	size_t s, g, at;
	unsigned np, i;

	(void)state;
	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
		for (g = 0; g < sizeof(grains) / sizeof(grains[0]); g++) {
			struct seen seen;

			memset(&seen, 0, sizeof(seen));
			np = par_for(sizes[s], grains[g], record, &seen);
			assert_true(np >= 1 && np <= par_threads());
			if (sizes[s] == 0) {
				assert_int_equal(seen.calls[0], 0);
				continue;
			}
			/* Disjoint ranges covering [0, n), in part order,
			 * each once, starting at multiples of the grain. */
			for (i = 0, at = 0; i < np; i++) {
				assert_int_equal(seen.calls[i], 1);
				assert_int_equal(seen.lo[i], at);
				assert_int_equal(seen.lo[i] % grains[g], 0);
				assert_true(seen.hi[i] > seen.lo[i]);
				at = seen.hi[i];
			}
			assert_int_equal(at, sizes[s]);
		}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_start),
		cmocka_unit_test(test_for),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
