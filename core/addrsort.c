/* addrsort.c -- stable radix sort of entries by address; see addrsort.h. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/addrsort.h"
#include "core/err.h"
#include "core/names.h"


/* LSD radix sort of the N keys at KEYS (struct addr_key4 or key6, NB address
 * bytes, most significant first) into order, TMP holding N keys: one
 * counting pass for every byte, then one stable pass per byte that is
 * not the same in all keys.  Sets *OUT to the array holding the result
 * (KEYS or TMP); returns false when out of memory. */
#define RADIX(name, type, nb)						\
static bool								\
name(type *keys, type *tmp, size_t n, type **out)			\
{									\
	size_t (*count)[256], i, sum, c;				\
	type *src = keys, *dst = tmp, *t;				\
	int b;								\
									\
	if ((count = calloc(nb, sizeof(*count))) == NULL)		\
		return false;						\
	for (i = 0; i < n; i++)						\
		for (b = 0; b < nb; b++)				\
			count[b][src[i].b[b]]++;			\
	for (b = nb - 1; b >= 0; b--) {					\
		if (count[b][src[0].b[b]] == n)				\
			continue;	/* the same in every key */	\
		for (sum = 0, i = 0; i < 256; i++) {			\
			c = count[b][i];				\
			count[b][i] = sum;				\
			sum += c;					\
		}							\
		for (i = 0; i < n; i++)					\
			dst[count[b][src[i].b[b]]++] = src[i];		\
		t = src;						\
		src = dst;						\
		dst = t;						\
	}								\
	free(count);							\
	*out = src;							\
	return true;							\
}

RADIX(radix4, struct addr_key4, 4)
RADIX(radix6, struct addr_key6, 16)

/* addr_sort4() and addr_sort6(): at once when the keys are in order. */
#define SORTER(name, radix, type, nb)					\
type *									\
name(type *keys, type *tmp, size_t n)					\
{									\
	type *r;							\
	size_t i;							\
									\
	for (i = 1; i < n; i++)						\
		if (memcmp(keys[i - 1].b, keys[i].b, nb) > 0)		\
			break;						\
	if (i >= n)							\
		return keys;						\
	return radix(keys, tmp, n, &r) ? r : NULL;			\
}

SORTER(addr_sort4, radix4, struct addr_key4, 4)
SORTER(addr_sort6, radix6, struct addr_key6, 16)

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

static inline uint64_t
be64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

/* Sorting millions of entries compares tens of millions of times: two
 * big-endian 64-bit compares instead of memcmp(). */
int
addr_cmp(const struct addr *a, const struct addr *b)
{
	uint64_t x, y;

	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	if ((x = be64(a->b)) != (y = be64(b->b)) ||
	    (x = be64(a->b + 8)) != (y = be64(b->b + 8)))
		return x < y ? -1 : 1;
	return 0;
}

int
addr_sort(void *base, size_t n, size_t size,
    void (*key)(const void *, void *, struct addr *), void *ctx)
{
	uint8_t *e = base, *tmp = NULL, *out;
	struct addr_key4 *k4 = NULL, *t4 = NULL, *r4 = NULL;
	struct addr_key6 *k6 = NULL, *t6 = NULL, *r6 = NULL;
	uint32_t *pos = NULL;
	size_t n4 = 0, n6 = 0, i;
	bool sorted4 = true, sorted6 = true;
	struct addr a, b;
	int rc = RDA_ENOMEM;

	if (n < 2)
		return 0;
	if (n > UINT32_MAX)
		return RDA_ENOMEM;
	/* Indexes are often built in address order already (a reverse
	 * zone's names, a forward zone numbered in order). */
	key(e, ctx, &a);
	for (i = 1; i < n; i++, a = b) {
		key(e + i * size, ctx, &b);
		if (addr_cmp(&a, &b) > 0)
			break;
	}
	if (i == n)
		return 0;
	for (i = 0; i < n; i++) {
		key(e + i * size, ctx, &a);
		n4 += a.family == 4;
	}
	n6 = n - n4;
	if ((n4 > 0 && ((k4 = malloc(n4 * sizeof(*k4))) == NULL ||
	    (t4 = malloc(n4 * sizeof(*t4))) == NULL)) ||
	    (n6 > 0 && ((k6 = malloc(n6 * sizeof(*k6))) == NULL ||
	    (t6 = malloc(n6 * sizeof(*t6))) == NULL)) ||
	    (tmp = malloc(size)) == NULL)
		goto out;
	for (i = 0, n4 = n6 = 0; i < n; i++) {
		key(e + i * size, ctx, &a);
		if (a.family == 4) {
			memcpy(k4[n4].b, a.b, 4);
			if (sorted4 && n4 > 0 && memcmp(k4[n4 - 1].b, a.b, 4) > 0)
				sorted4 = false;
			k4[n4++].pos = (uint32_t)i;
		} else {
			memcpy(k6[n6].b, a.b, 16);
			if (sorted6 && n6 > 0 &&
			    memcmp(k6[n6 - 1].b, a.b, 16) > 0)
				sorted6 = false;
			k6[n6++].pos = (uint32_t)i;
		}
	}
	/* A forward zone numbered in order interleaves IPv4 and IPv6, each
	 * in order: then only the families are separated. */
	if (sorted4)
		r4 = k4;
	if (sorted6)
		r6 = k6;
	if ((n4 > 0 && !sorted4 && !radix4(k4, t4, n4, &r4)) ||
	    (n6 > 0 && !sorted6 && !radix6(k6, t6, n6, &r6)))
		goto out;
	/* The positions, in the order the entries go: IPv4 first. */
	if ((pos = malloc(n * sizeof(*pos))) == NULL)
		goto out;
	for (i = 0; i < n4; i++)
		pos[i] = r4[i].pos;
	for (i = 0; i < n6; i++)
		pos[n4 + i] = r6[i].pos;
	free(k4);
	free(t4);
	free(k6);
	free(t6);
	k4 = t4 = NULL;
	k6 = t6 = NULL;
	/* Gathering into a copy reads at random but writes in order, which
	 * is twice as fast as following the cycles in place; in place when
	 * there is no memory for the copy. */
	if ((out = malloc(n * size)) != NULL) {
		for (i = 0; i < n; i++)
			memcpy(out + i * size, e + (size_t)pos[i] * size, size);
		memcpy(e, out, n * size);
		free(out);
	} else
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
