/* par.h -- a loop split over the cores.
 *
 * The audit's heavy loops after loading are look-ups into the finished,
 * read-only model, each writing only its own slot of an array: they split
 * into contiguous ranges with nothing shared but the model.  Results do
 * not depend on the number of threads.
 */
#ifndef RDA_PAR_H
#define RDA_PAR_H

#include <stddef.h>

#define PAR_MAX 8	/* threads at most */

/* Calls FN(CTX, PART, LO, HI) on disjoint ranges covering [0, N), each
 * starting at a multiple of GRAIN (par_start()), in order of PART (0, 1,
 * ...: range PART is below range PART + 1), on up to as many threads as
 * the process may run on (at most PAR_MAX), the caller's among them; one
 * call, part 0, on the caller's thread when N < 2 * GRAIN or no thread can
 * be started.  Returns when every range is done, with the number of
 * parts: a loop that makes a list fills one per part and joins them in
 * part order, which gives the list the loop on one thread would have
 * made. */
unsigned par_for(size_t n, size_t grain,
    void (*fn)(void *ctx, unsigned part, size_t lo, size_t hi), void *ctx);

/* Where part PART of NP starts when par_for() splits N with GRAIN: at a
 * multiple of GRAIN, so that parts writing a bit per element into words
 * of 64 bits, with GRAIN a multiple of 64, share no word.  Every part has
 * at least GRAIN elements. */
size_t par_start(size_t n, size_t grain, unsigned np, unsigned part);

/* A list made by one part of a par_for() loop: grown with vec_reserve(),
 * RC set on failure. */
struct par_list {
	void *v;
	size_t n, cap;
	int rc;
};

/* Joins the lists of NP parts, in part order, into PARTS[0] (elements of
 * SIZE bytes) and frees the others.  Returns 0, or the first error of a
 * part or RDA_ENOMEM (every list is then freed). */
int par_join(struct par_list *parts, unsigned np, size_t size);

/* The number of threads par_for() uses. */
unsigned par_threads(void);

#endif
