/* addrsort.h -- sorting index entries by address.
 *
 * The cross-indexes hold up to millions of entries, each with an address
 * (as a struct addr, or in a compact form a key function turns into
 * one).  A comparison sort moves the entries log n
 * times and compares 17-byte keys; this sorts keys of 8 (IPv4) or 20
 * (IPv6) bytes -- the address and the entry's position -- by LSD radix,
 * skipping every byte that is the same in all keys (an IPv4 index sorts
 * in three or four passes, one already in order in none), then moves each
 * entry once (gathered into a copy; in place when memory is short).
 * Stable: entries with equal addresses keep their order, so an index
 * built in record order comes out ordered by address, then record.
 */
#ifndef RDA_ADDRSORT_H
#define RDA_ADDRSORT_H

#include <stddef.h>

#include "core/names.h"

/* Orders addresses: IPv4 before IPv6, then by address bytes. */
int addr_cmp(const struct addr *a, const struct addr *b);

/* The keys the sort works on: an address's bytes and the position of
 * its entry.  A caller that can make entries from keys sorts the keys
 * itself (8 bytes each for IPv4) and writes the entries once, in order. */
struct addr_key4 {
	uint8_t b[4];
	uint32_t pos;
};

struct addr_key6 {
	uint8_t b[16];
	uint32_t pos;
};

/* Sort N keys by address bytes, stably; TMP holds N keys.  Return the
 * array holding the result (KEYS, at once when they are in order, or
 * TMP), or NULL when out of memory. */
struct addr_key4 *addr_sort4(struct addr_key4 *keys, struct addr_key4 *tmp,
    size_t n);
struct addr_key6 *addr_sort6(struct addr_key6 *keys, struct addr_key6 *tmp,
    size_t n);

/* Sorts the N entries of SIZE bytes at BASE by their addresses, which
 * KEY(entry, CTX, out) gives: by addr_cmp() (xref_addr_cmp() is the same
 * order).  Returns 0 or RDA_ENOMEM (BASE is then as it was). */
int addr_sort(void *base, size_t n, size_t size,
    void (*key)(const void *, void *, struct addr *), void *ctx);

#endif
