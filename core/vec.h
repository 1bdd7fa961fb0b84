/* vec.h -- arrays that grow by doubling, for the many lists built one
 * element at a time (findings, fixes, cross-index entries, SPF texts).
 */
#ifndef RDA_VEC_H
#define RDA_VEC_H

#include <stddef.h>

/* Makes room for NEED elements of SIZE bytes in *P, whose capacity is
 * *CAP elements: doubles the capacity (from at least 16) until it holds
 * NEED, so that adding one at a time costs O(1) amortized.  Returns 0, or
 * RDA_ENOMEM leaving *P and *CAP as they were. */
int vec_reserve(void **p, size_t *cap, size_t need, size_t size);

#endif
