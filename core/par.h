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

/* Calls FN(CTX, LO, HI) on disjoint ranges covering [0, N), on up to as
 * many threads as the process may run on (at most 8), the caller's among
 * them; one call on the caller's thread when N < GRAIN or no thread can
 * be started.  Returns when every range is done. */
void par_for(size_t n, size_t grain,
    void (*fn)(void *ctx, size_t lo, size_t hi), void *ctx);

/* The number of threads par_for() uses. */
unsigned par_threads(void);

#endif
