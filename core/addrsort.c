/* addrsort.c -- stable radix sort of entries by address; see addrsort.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/addrsort.h"
#include "core/err.h"
#include "core/names.h"

struct key6 {
	uint8_t b[16];
	uint32_t pos;
};

struct key4 {
	uint8_t b[4];
	uint32_t pos;
};

/* LSD radix sort of N keys of SIZE bytes whose sort bytes are the first
 * NB (most significant first), into order; TMP holds N keys.  Each pass
 * is stable, and a byte equal in all keys needs none.  Returns the array
 * holding the result (KEYS or TMP). */
static void *
radix(void *keys, void *tmp, size_t n, size_t size, unsigned nb)
{
	size_t (*count)[256], i, sum, c;
	uint8_t *src = keys, *dst = tmp, *t;
	int b;

	if ((count = calloc(nb, sizeof(*count))) == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		for (b = 0; b < (int)nb; b++)
			count[b][src[i * size + (size_t)b]]++;
	for (b = (int)nb - 1; b >= 0; b--) {
		if (count[b][src[(size_t)b]] == n)
			continue;	/* the same in every key */
		for (sum = 0, i = 0; i < 256; i++) {
			c = count[b][i];
			count[b][i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++) {
			const uint8_t *k = src + i * size;

			memcpy(dst + count[b][k[b]]++ * size, k, size);
		}
		t = src;
		src = dst;
		dst = t;
	}
	free(count);
	return src;
}

/* Moves entry pos[i] to place I for every I, in place, following the
 * permutation's cycles; POS is destroyed.  TMP holds one entry. */
static void
permute(uint8_t *base, size_t size, uint32_t *pos, size_t n, uint8_t *tmp)
{
	size_t i, j, k;

	for (i = 0; i < n; i++) {
		if (pos[i] == i)
			continue;
		memcpy(tmp, base + i * size, size);
		for (j = i; (k = pos[j]) != i; j = k) {
			memcpy(base + j * size, base + k * size, size);
			pos[j] = (uint32_t)j;
		}
		memcpy(base + j * size, tmp, size);
		pos[j] = (uint32_t)j;
	}
}

int
addr_sort(void *base, size_t n, size_t size, size_t off)
{
	uint8_t *e = base, *tmp = NULL;
	struct key4 *k4 = NULL, *t4 = NULL, *r4 = NULL;
	struct key6 *k6 = NULL, *t6 = NULL, *r6 = NULL;
	uint32_t *pos = NULL;
	size_t n4 = 0, n6 = 0, i;
	int rc = RDA_ENOMEM;

	if (n < 2)
		return 0;
	if (n > UINT32_MAX)
		return RDA_ENOMEM;
	for (i = 0; i < n; i++)
		if (((const struct addr *)(e + i * size + off))->family == 4)
			n4++;
	n6 = n - n4;
	if ((n4 > 0 && ((k4 = malloc(n4 * sizeof(*k4))) == NULL ||
	    (t4 = malloc(n4 * sizeof(*t4))) == NULL)) ||
	    (n6 > 0 && ((k6 = malloc(n6 * sizeof(*k6))) == NULL ||
	    (t6 = malloc(n6 * sizeof(*t6))) == NULL)) ||
	    (tmp = malloc(size)) == NULL)
		goto out;
	for (i = 0, n4 = n6 = 0; i < n; i++) {
		const struct addr *a = (const struct addr *)(e + i * size + off);

		if (a->family == 4) {
			memcpy(k4[n4].b, a->b, 4);
			k4[n4++].pos = (uint32_t)i;
		} else {
			memcpy(k6[n6].b, a->b, 16);
			k6[n6++].pos = (uint32_t)i;
		}
	}
	if ((n4 > 0 && (r4 = radix(k4, t4, n4, sizeof(*k4), 4)) == NULL) ||
	    (n6 > 0 && (r6 = radix(k6, t6, n6, sizeof(*k6), 16)) == NULL))
		goto out;
	/* The positions, in the order the entries go: IPv4 first. */
	if ((pos = malloc(n * sizeof(*pos))) == NULL)
		goto out;
	for (i = 0; i < n4; i++)
		pos[i] = r4[i].pos;
	for (i = 0; i < n6; i++)
		pos[n4 + i] = r6[i].pos;
	permute(e, size, pos, n, tmp);
	rc = 0;
out:
	free(pos);
	free(k4);
	free(t4);
	free(k6);
	free(t6);
	free(tmp);
	return rc;
}
