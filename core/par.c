/* par.c -- a loop split over the cores; see par.h. */
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/par.h"
#include "core/vec.h"

struct part {
	void (*fn)(void *ctx, unsigned part, size_t lo, size_t hi);
	void *ctx;
	unsigned part;
	size_t lo, hi;
};

static void *
run(void *arg)
{
	struct part *p = arg;

	p->fn(p->ctx, p->part, p->lo, p->hi);
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

size_t
par_start(size_t n, size_t grain, unsigned np, unsigned part)
{
	if (grain == 0)
		grain = 1;
	return n / grain * part / np * grain;
}

unsigned
par_for(size_t n, size_t grain,
    void (*fn)(void *ctx, unsigned part, size_t lo, size_t hi), void *ctx)
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
			fn(ctx, 0, 0, n);
		return 1;
	}
	for (i = 0; i < t; i++) {
		parts[i].fn = fn;
		parts[i].ctx = ctx;
		parts[i].part = i;
		parts[i].lo = par_start(n, grain, t, i);
		parts[i].hi = i + 1 == t ? n : par_start(n, grain, t, i + 1);
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
	return t;
}

int
par_join(struct par_list *parts, unsigned np, size_t size)
{
	size_t total = 0;
	unsigned i;
	int rc = 0;

	for (i = 0; i < np; i++) {
		if (parts[i].rc < 0 && rc == 0)
			rc = parts[i].rc;
		total += parts[i].n;
	}
	if (rc == 0)
		rc = vec_reserve(&parts[0].v, &parts[0].cap, total, size);
	for (i = 1; i < np; i++) {
		if (rc == 0 && parts[i].n > 0)
			memcpy((char *)parts[0].v + parts[0].n * size,
			    parts[i].v, parts[i].n * size);
		parts[0].n += parts[i].n;
		free(parts[i].v);
		parts[i].v = NULL;
	}
	if (rc < 0) {
		free(parts[0].v);
		parts[0].v = NULL;
		parts[0].n = parts[0].cap = 0;
	}
	return rc;
}
