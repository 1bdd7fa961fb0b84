/* vec.c -- growing arrays; see vec.h. */
#include <stdlib.h>

#include "core/err.h"
#include "core/vec.h"

int
vec_reserve(void **p, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap ? *cap : 16;
	void *q;

	if (need <= *cap)
		return 0;
	while (n < need)
		n *= 2;
	if ((q = realloc(*p, n * size)) == NULL)
		return RDA_ENOMEM;
	*p = q;
	*cap = n;
	return 0;
}
