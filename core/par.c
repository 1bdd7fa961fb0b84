/* par.c -- a loop split over the cores; see par.h. */
#include <pthread.h>
#include <sched.h>

#include "core/par.h"

#define PAR_MAX 8

struct part {
	void (*fn)(void *ctx, size_t lo, size_t hi);
	void *ctx;
	size_t lo, hi;
};

static void *
run(void *arg)
{
	struct part *p = arg;

	p->fn(p->ctx, p->lo, p->hi);
	return NULL;
}

unsigned
par_threads(void)
{
	cpu_set_t set;
	int n;

	if (sched_getaffinity(0, sizeof(set), &set) != 0)
		return 1;
	n = CPU_COUNT(&set);
	return n < 1 ? 1 : n > PAR_MAX ? PAR_MAX : (unsigned)n;
}

void
par_for(size_t n, size_t grain, void (*fn)(void *ctx, size_t lo, size_t hi),
    void *ctx)
{
	struct part parts[PAR_MAX];
	pthread_t tid[PAR_MAX];
	int started[PAR_MAX] = { 0 };
	unsigned t = par_threads(), i;

	if (grain == 0)
		grain = 1;
	if (t > n / grain)
		t = (unsigned)(n / grain);
	if (t <= 1) {
		if (n > 0)
			fn(ctx, 0, n);
		return;
	}
	for (i = 0; i < t; i++) {
		parts[i].fn = fn;
		parts[i].ctx = ctx;
		parts[i].lo = n / t * i;
		parts[i].hi = i + 1 == t ? n : n / t * (i + 1);
	}
	/* Range 0 is the caller's; a range whose thread cannot start is
	 * done by the caller too. */
	for (i = 1; i < t; i++)
		started[i] = pthread_create(&tid[i], NULL, run, &parts[i]) == 0;
	run(&parts[0]);
	for (i = 1; i < t; i++) {
		if (started[i])
			pthread_join(tid[i], NULL);
		else
			run(&parts[i]);
	}
}
