/* test_xref.c -- unit tests for core/addrsort.c and for the PTR look-ups
 * of the A/AAAA index that core/xref.c builds.
 *
 * Both are speed-ups that must not change a single result, so both are
 * tested against a slow reference written here:
 *
 * - addr_sort() (an LSD radix sort that skips bytes equal in every key and
 *   moves each entry once) against a stable merge sort of the entries'
 *   positions by xref_addr_cmp(), byte for byte over the whole array, on
 *   seeded random arrays of entries of several layouts;
 * - the PTR look-up xref_build() stores in each x->fwd entry (a walk that
 *   starts where the previous address's reverse name left off) against
 *   xref_ptr() (lookup_wire() from the root), field by field, on models
 *   loaded from seeded random zone files: reverse zones at several depths,
 *   delegations, wildcards, empty non-terminals, RFC 2317 with and without
 *   the parent, and addresses no loaded zone covers.
 *
 * The seeds are fixed, so a failure reproduces.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/addrsort.h"
#include "core/err.h"
#include "core/lookup.h"
#include "core/model.h"
#include "core/names.h"
#include "core/xref.h"
#include "zones/load.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* xorshift64*: deterministic and the same on every libc, unlike rand(). */
static uint32_t
rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return (uint32_t)((*s * 2685821657736338717ULL) >> 32);
}

static uint64_t
seed_of(uint64_t seed)
{
	/* xorshift must not start at 0; spread small seeds apart. */
	return seed * 0x9e3779b97f4a7c15ULL + 0x2545f4914f6cdd1dULL;
}

static int
sign(int v)
{
	return (v > 0) - (v < 0);
}

static void
v4(struct addr *a, unsigned b0, unsigned b1, unsigned b2, unsigned b3)
{
	memset(a, 0, sizeof(*a));
	a->family = 4;
	a->b[0] = (uint8_t)b0;
	a->b[1] = (uint8_t)b1;
	a->b[2] = (uint8_t)b2;
	a->b[3] = (uint8_t)b3;
}

/* An IPv6 address from its eight 16-bit groups. */
static void
v6(struct addr *a, const uint16_t g[8])
{
	int i;

	memset(a, 0, sizeof(*a));
	a->family = 6;
	for (i = 0; i < 8; i++) {
		a->b[2 * i] = (uint8_t)(g[i] >> 8);
		a->b[2 * i + 1] = (uint8_t)g[i];
	}
}

static void
rnd_v4(uint64_t *s, struct addr *a)
{
	uint32_t v = rnd(s);

	v4(a, v >> 24, (v >> 16) & 255, (v >> 8) & 255, v & 255);
}

static void
rnd_v6(uint64_t *s, struct addr *a)
{
	int i;

	memset(a, 0, sizeof(*a));
	a->family = 6;
	for (i = 0; i < 16; i++)
		a->b[i] = (uint8_t)rnd(s);
}

/* ---- addr_sort() ---- */

/* Disagreements between xref_addr_cmp() and a plain family-then-memcmp
 * order, seen by the reference sort: the order addr_sort() promises is
 * that of xref_addr_cmp(), so that must be the order we think it is. */
static unsigned long cmp_disagree;

static int
ref_cmp(const struct addr *a, const struct addr *b)
{
	int c = xref_addr_cmp(a, b), d;

	if (a->family != b->family)
		d = a->family < b->family ? -1 : 1;
	else
		d = memcmp(a->b, b->b, sizeof(a->b));
	if (sign(c) != sign(d))
		cmp_disagree++;
	return c;
}

/* The reference: a bottom-up merge sort of positions, which is stable
 * (on a tie the left run's element goes first), so equal addresses keep
 * their input order.  IDX receives the input position of each output
 * entry; TMP holds N positions. */
static void
ref_order(const struct addr *a, size_t n, uint32_t *idx, uint32_t *tmp)
{
	uint32_t *src = idx, *dst = tmp, *t;
	size_t w, lo, mid, hi, i, j, k;

	for (i = 0; i < n; i++)
		idx[i] = (uint32_t)i;
	for (w = 1; w < n; w *= 2) {
		for (lo = 0; lo < n; lo += 2 * w) {
			mid = lo + w < n ? lo + w : n;
			hi = lo + 2 * w < n ? lo + 2 * w : n;
			for (i = lo, j = mid, k = lo; k < hi; k++)
				if (i < mid && (j == hi ||
				    ref_cmp(&a[src[i]], &a[src[j]]) <= 0))
					dst[k] = src[i++];
				else
					dst[k] = src[j++];
		}
		t = src;
		src = dst;
		dst = t;
	}
	if (src != idx)
		memcpy(idx, src, n * sizeof(*idx));
}

/* An entry layout: SIZE bytes, the struct addr at AOFF, the entry's input
 * position (little-endian, ILEN bytes) at IOFF.  The other bytes are
 * filled from the position too, so an entry moved in part shows up. */
struct layout {
	size_t size, aoff, ioff, ilen;
};

static const struct layout layouts[] = {
	{ 28, 0, 20, 4 },
	{ 28, 11, 0, 4 },
	{ 52, 0, 20, 4 },
	{ 52, 35, 4, 4 },	/* the address in the last 17 bytes */
	{ 64, 0, 20, 4 },
	{ 64, 40, 60, 4 },
	{ 20, 0, 17, 3 },	/* the address and a 3-byte position */
	{ 20, 3, 0, 3 },
};

/* addr_sort()'s key here: the struct addr at the offset CTX points to. */
static void
key_at(const void *elem, void *ctx, struct addr *a)
{
	memcpy(a, (const uint8_t *)elem + *(const size_t *)ctx, sizeof(*a));
}

static void
put_entry(uint8_t *e, const struct layout *l, size_t i, const struct addr *a)
{
	size_t j;

	for (j = 0; j < l->size; j++)
		e[j] = (uint8_t)(i * 167 + j * 29 + (i >> 8) * 13 + (i >> 16));
	memcpy(e + l->aoff, a, sizeof(*a));
	for (j = 0; j < l->ilen; j++)
		e[l->ioff + j] = (uint8_t)(i >> (8 * j));
}

/* The shapes of input: each aims at one way a radix sort goes wrong (a
 * byte pass skipped that was needed, the IPv4/IPv6 split, the 64-bit
 * halves of xref_addr_cmp(), instability, the in-place permutation). */
enum shape {
	SH_V4,		/* random IPv4 */
	SH_V6,		/* random IPv6, half of it under one /32 */
	SH_MIXED,	/* both families, random */
	SH_POOL,	/* a pool of 7: heavy duplicates */
	SH_EQUAL,	/* every address the same */
	SH_SORTED,	/* already in order, with duplicates */
	SH_REVERSE,	/* in reverse order, with duplicates */
	SH_LAST,	/* the addresses of a family differ in the last byte */
	SH_FIRST,	/* ... in the first byte */
	SH_HALVES,	/* IPv6 differing in bytes 7 and 8 only */
	SH_FAMILY,	/* high IPv4 against low IPv6, same bytes */
	NSHAPES
};

static const char *const shape_names[NSHAPES] = {
	"v4", "v6", "mixed", "pool", "equal", "sorted", "reverse",
	"last-byte", "first-byte", "halves", "family",
};

static int
qsort_addr(const void *pa, const void *pb)
{
	return xref_addr_cmp(pa, pb);
}

static void
gen_shape(enum shape sh, size_t n, uint64_t *s, struct addr *a)
{
	static const uint16_t g32[8] = { 0x2001, 0xdb8 };
	static const uint8_t halves[] = { 0x00, 0x01, 0x7f, 0x80, 0xff };
	struct addr pool[7];
	size_t i, np;
	uint32_t r;

	switch (sh) {
	case SH_V4:
		for (i = 0; i < n; i++)
			rnd_v4(s, &a[i]);
		break;
	case SH_V6:
		for (i = 0; i < n; i++) {
			rnd_v6(s, &a[i]);
			if (rnd(s) % 2)
				memcpy(a[i].b, "\x20\x01\x0d\xb8", 4);
		}
		break;
	case SH_MIXED:
		for (i = 0; i < n; i++)
			if (rnd(s) % 2)
				rnd_v4(s, &a[i]);
			else
				rnd_v6(s, &a[i]);
		break;
	case SH_POOL:
		/* The same bytes under both families among them. */
		rnd_v4(s, &pool[0]);
		rnd_v6(s, &pool[1]);
		pool[2] = pool[0];
		pool[2].family = 6;
		rnd_v4(s, &pool[3]);
		pool[4] = pool[3];
		pool[4].b[3] ^= 1;
		v6(&pool[5], g32);
		pool[6] = pool[5];
		pool[6].b[15] = 1;
		for (i = 0; i < n; i++)
			a[i] = pool[rnd(s) % ARRAY_LEN(pool)];
		break;
	case SH_EQUAL:
		if (rnd(s) % 2)
			rnd_v4(s, &pool[0]);
		else
			rnd_v6(s, &pool[0]);
		for (i = 0; i < n; i++)
			a[i] = pool[0];
		break;
	case SH_SORTED:
	case SH_REVERSE:
		/* About two entries an address, then in (reverse) order: the
		 * duplicates keep their positions, which the payload shows. */
		np = n / 2 + 1;
		for (i = 0; i < n; i++) {
			if (i > 0 && rnd(s) % np < i / 2)
				a[i] = a[rnd(s) % i];
			else if (rnd(s) % 2)
				rnd_v4(s, &a[i]);
			else
				rnd_v6(s, &a[i]);
		}
		if (n > 1)
			qsort(a, n, sizeof(*a), qsort_addr);
		if (sh == SH_REVERSE)
			for (i = 0; i < n / 2; i++) {
				pool[0] = a[i];
				a[i] = a[n - 1 - i];
				a[n - 1 - i] = pool[0];
			}
		break;
	case SH_LAST:
		for (i = 0; i < n; i++)
			if (rnd(s) % 2) {
				v4(&a[i], 192, 0, 2, rnd(s));
			} else {
				v6(&a[i], g32);
				a[i].b[15] = (uint8_t)rnd(s);
			}
		break;
	case SH_FIRST:
		for (i = 0; i < n; i++)
			if (rnd(s) % 2) {
				v4(&a[i], rnd(s), 0, 2, 1);
			} else {
				v6(&a[i], g32);
				a[i].b[0] = (uint8_t)rnd(s);
			}
		break;
	case SH_HALVES:
		for (i = 0; i < n; i++) {
			v6(&a[i], g32);
			a[i].b[7] = halves[rnd(s) % sizeof(halves)];
			a[i].b[8] = halves[rnd(s) % sizeof(halves)];
		}
		break;
	case SH_FAMILY:
		for (i = 0; i < n; i++) {
			r = rnd(s);
			if (r % 2) {
				v4(&a[i], 255, 255, r & 2 ? 255 : 254, r >> 8);
			} else {
				/* ::x, or the bytes of a v4 address. */
				memset(&a[i], 0, sizeof(a[i]));
				a[i].family = 6;
				if (rnd(s) % 2)
					a[i].b[15] = (uint8_t)rnd(s);
				else
					memset(a[i].b, 255, 4);
			}
		}
		break;
	default:
		fail();
	}
}

/* Sorts one generated array with addr_sort() and with the reference;
 * returns the number of entries compared. */
static size_t
sort_case(const struct layout *l, enum shape sh, size_t n, uint64_t seed)
{
	uint64_t s = seed_of(seed);
	struct addr *a = calloc(n + 1, sizeof(*a));
	uint8_t *buf = malloc(n * l->size + 1), *want = malloc(n * l->size + 1);
	uint32_t *idx = malloc((n + 1) * sizeof(*idx));
	uint32_t *tmp = malloc((n + 1) * sizeof(*tmp));
	size_t i, k;
	int rc;

	assert_true(a != NULL && buf != NULL && want != NULL && idx != NULL &&
	    tmp != NULL);
	gen_shape(sh, n, &s, a);
	for (i = 0; i < n; i++)
		put_entry(buf + i * l->size, l, i, &a[i]);
	ref_order(a, n, idx, tmp);
	for (k = 0; k < n; k++)
		memcpy(want + k * l->size, buf + idx[k] * l->size, l->size);
	rc = addr_sort(buf, n, l->size, key_at, (void *)&l->aoff);
	if (rc != 0)
		fail_msg("addr_sort(%s, n %zu, size %zu, off %zu): %d",
		    shape_names[sh], n, l->size, l->aoff, rc);
	if (n > 0 && memcmp(buf, want, n * l->size) != 0) {
		char t1[NAMES_ADDR_TXT_MAX], t2[NAMES_ADDR_TXT_MAX];
		struct addr got;
		uint32_t pos = 0;

		for (k = 0; memcmp(buf + k * l->size, want + k * l->size,
		    l->size) == 0; k++)
			;
		memcpy(&got, buf + k * l->size + l->aoff, sizeof(got));
		for (i = 0; i < l->ilen; i++)
			pos |= (uint32_t)buf[k * l->size + l->ioff + i] <<
			    (8 * i);
		fail_msg("addr_sort(%s, seed %llu, n %zu, size %zu, off %zu): "
		    "entry %zu is input %u (%s), want input %u (%s)",
		    shape_names[sh], (unsigned long long)seed, n, l->size,
		    l->aoff, k, pos, names_addr_fmt(&got, t1), idx[k],
		    names_addr_fmt(&a[idx[k]], t2));
	}
	free(a);
	free(buf);
	free(want);
	free(idx);
	free(tmp);
	return n;
}

static void
test_addr_sort(void **state)
{
	static const size_t small[] = { 0, 1, 2, 3, 17, 1000 };
	size_t si, l, sh, compared = 0, runs = 0, zero = 0;
	uint64_t seed;

	(void)state;
	cmp_disagree = 0;
	/* Nothing to sort: BASE is not touched, not even read. */
	assert_int_equal(addr_sort(NULL, 0, 52, key_at, &zero), 0);

	/* The small sizes on every layout and shape, three seeds each. */
	for (si = 0; si < ARRAY_LEN(small); si++)
		for (l = 0; l < ARRAY_LEN(layouts); l++)
			for (sh = 0; sh < NSHAPES; sh++)
				for (seed = 1; seed <= 3; seed++) {
					compared += sort_case(&layouts[l], sh,
					    small[si], seed * 1000 + sh * 10 +
					    l);
					runs++;
				}
	/* 100,000 entries: every shape, on two layouts in turn (it is the
	 * size where skipped passes and long permutation cycles are the
	 * rule; more would only cost time). */
	for (sh = 0; sh < NSHAPES; sh++)
		for (l = 0; l < 2; l++) {
			compared += sort_case(&layouts[(sh * 2 + l) %
			    ARRAY_LEN(layouts)], sh, 100000, 77 + sh * 2 + l);
			runs++;
		}
	assert_int_equal(cmp_disagree, 0);
	print_message("addr_sort: %zu arrays, %zu entries compared with the "
	    "reference\n", runs, compared);
}

/* ---- the A/AAAA index and its PTR look-ups ---- */

#define SOA_NS "$TTL 300\n" \
	"@ IN SOA ns1.example.net. hostmaster.example.net. 1 7200 3600 " \
	"1209600 300\n" \
	"@ IN NS ns1.example.net.\n"

/* The zones of every generated set.  Reverse zones at /8, /16 and /24,
 * ip6.arpa at 8, 12, 14, 16 and 20 nibbles; delegations inside them,
 * loaded or not; RFC 2317 children with the parent (0-63) and alone. */
enum {
	F_FWD,		/* the A/AAAA records */
	F_C1,		/* 192.0.2/24: wildcard, RFC 2317 parent */
	F_C1K,		/* its child 0-63, loaded */
	F_10,		/* 10/8: cut at 10.9 (unloaded), 10.8 (loaded) */
	F_10_8,		/* 10.8/16 */
	F_172,		/* 172.16/16: cut at 172.16.3, TXT wildcard */
	F_C5A,		/* 198.18.5.64-127, alone */
	F_C5B,		/* 198.18.5.128/26, alone */
	F_V6,		/* 2001:db8::/32: cuts at :1::/48 (unloaded), */
	F_V6_48,	/* :2::/48 (loaded) */
	F_V6_56,	/* and :abcd:ef00::/56 (loaded) */
	F_V6_64,	/* fd00:1:2:3::/64, PTR wildcard */
	F_V6_0,		/* ::/80: runs of zero nibbles, IPv4-mapped */
	NFILES
};

static const char *const origins[NFILES] = {
	"example.com.",
	"2.0.192.in-addr.arpa.",
	"0-63.2.0.192.in-addr.arpa.",
	"10.in-addr.arpa.",
	"8.10.in-addr.arpa.",
	"16.172.in-addr.arpa.",
	"64-127.5.18.198.in-addr.arpa.",
	"128/26.5.18.198.in-addr.arpa.",
	"8.b.d.0.1.0.0.2.ip6.arpa.",
	"2.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.",
	"f.e.d.c.b.a.8.b.d.0.1.0.0.2.ip6.arpa.",
	"3.0.0.0.2.0.0.0.1.0.0.0.0.0.d.f.ip6.arpa.",
	"0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa.",
};

/* What each zone holds besides the generated names. */
static const char *const fixed[NFILES] = {
	[F_FWD] =
	    "sub NS ns.sub\n"
	    "ns.sub A 192.0.2.77\n"		/* glue: not in the index */
	    "ns.sub AAAA 2001:db8::77\n"
	    /* Neighbours in address order whose reverse names repeat
	     * labels one place over (10.10.10.20, 10.10.20.1; ::5, ::50):
	     * comparing a label of one with the next label of the other
	     * would take them for a longer shared path.  Nothing else
	     * is drawn near them, so they stay neighbours. */
	    "p1 A 10.10.10.20\n"
	    "p2 A 10.10.20.1\n"
	    "p3 A 10.10.20.10\n"
	    "p4 AAAA ::5\n"
	    "p5 AAAA ::50\n"
	    "p6 AAAA ::500\n"
	    /* PTR targets whose look-up is not the plain one: through
	     * CNAMEs, to a wildcard, into a loop. */
	    "c1 CNAME h1\n"
	    "c2 CNAME c1\n"
	    "c3 CNAME nowhere\n"
	    "*.wild A 192.0.2.5\n"
	    "*.wild AAAA 2001:db8::5\n"
	    "loopa CNAME loopb\n"
	    "loopb CNAME loopa\n",
	[F_C1] =
	    "*.2.0.192.in-addr.arpa. PTR wild.example.com.\n"
	    "0-63 NS ns1.example.net.\n",
	[F_10] =
	    "9 NS ns1.example.net.\n"
	    "8 NS ns1.example.net.\n"
	    "20.10.10 PTR p1.example.com.\n"
	    "1.20.10 PTR p2.example.com.\n",
	[F_172] =
	    "3.16.172.in-addr.arpa. NS ns1.example.net.\n"
	    "*.5.16.172.in-addr.arpa. TXT \"wildcard, no PTR\"\n"
	    /* Two CNAME loops: LK_LOOP must match too. */
	    "1.0.16.172.in-addr.arpa. CNAME 2.0.16.172.in-addr.arpa.\n"
	    "2.0.16.172.in-addr.arpa. CNAME 1.0.16.172.in-addr.arpa.\n",
	[F_V6] =
	    "1.0.0.0 NS ns1.example.net.\n"
	    "2.0.0.0 NS ns1.example.net.\n"
	    "f.e.d.c.b.a NS ns1.example.net.\n",
	[F_V6_64] =
	    "* PTR wild6.example.com.\n",
	[F_V6_0] =
	    "5.0.0.0.0.0.0.0.0.0.0.0 PTR p4.example.com.\n"
	    "0.5.0.0.0.0.0.0.0.0.0.0 PTR p5.example.com.\n",
};

#define MAX_FILES NFILES

struct fx {
	char dir[64];
	char files[MAX_FILES][PATH_MAX];
	size_t nfiles;
	struct model *m;
	unsigned errors;
};

static void
on_diag(void *ctx, enum diag_sev sev, const char *file, unsigned line,
    const char *msg)
{
	struct fx *f = ctx;

	/* A generated zone with a problem is a broken test, not a finding. */
	print_error("%s:%u: %s: %s\n", file, line,
	    sev == DIAG_ERROR ? "error" : "warning", msg);
	f->errors++;
}

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/rda-test-xref-XXXXXX");
	if (mkdtemp(f->dir) == NULL) {
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static void
remove_files(struct fx *f)
{
	size_t i;

	for (i = 0; i < f->nfiles; i++)
		unlink(f->files[i]);
	f->nfiles = 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	model_free(f->m);
	remove_files(f);
	rmdir(f->dir);
	free(f);
	return 0;
}

/* The reverse name of A in presentation form, written here rather than
 * with names_addr_to_rev() so the zone text does not depend on the code
 * under test. */
static void
rev_text(const struct addr *a, char *buf, size_t size)
{
	static const char hex[] = "0123456789abcdef";
	size_t len = 0;
	int i;

	if (a->family == 4) {
		snprintf(buf, size, "%u.%u.%u.%u.in-addr.arpa.", a->b[3],
		    a->b[2], a->b[1], a->b[0]);
		return;
	}
	for (i = 15; i >= 0; i--) {
		buf[len++] = hex[a->b[i] & 15];
		buf[len++] = '.';
		buf[len++] = hex[a->b[i] >> 4];
		buf[len++] = '.';
	}
	snprintf(buf + len, size - len, "ip6.arpa.");
}

static bool
in6(const struct addr *a, const char *prefix, size_t len)
{
	return a->family == 6 && memcmp(a->b, prefix, len) == 0;
}

/* Where the reverse data of A goes: returns the file and writes the owner
 * to OWNER, or returns -1 when no loaded zone would hold it.  Data below
 * an unloaded delegation goes to the parent, occluded, as a zone copied
 * before the split would have it.  An RFC 2317 address of 192.0.2.0/26
 * gets its data in the child; the parent's CNAME is the caller's. */
static int
route(const struct addr *a, char *owner, size_t size)
{
	rev_text(a, owner, size);
	if (a->family == 4) {
		const uint8_t *b = a->b;

		if (b[0] == 192 && b[1] == 0 && b[2] == 2) {
			if (b[3] >= 64)
				return F_C1;
			snprintf(owner, size, "%u.%s", b[3], origins[F_C1K]);
			return F_C1K;
		}
		if (b[0] == 10)
			return b[1] == 8 ? F_10_8 : F_10;
		if (b[0] == 172 && b[1] == 16) {
			/* The loop names are fixed data. */
			if (b[2] == 0 && (b[3] == 1 || b[3] == 2))
				return -1;
			return F_172;
		}
		if (b[0] == 198 && b[1] == 18 && b[2] == 5) {
			if (b[3] >= 64 && b[3] <= 127) {
				snprintf(owner, size, "%u.%s", b[3],
				    origins[F_C5A]);
				return F_C5A;
			}
			if (b[3] >= 128 && b[3] <= 191) {
				snprintf(owner, size, "%u.%s", b[3],
				    origins[F_C5B]);
				return F_C5B;
			}
		}
		return -1;
	}
	if (in6(a, "\x20\x01\x0d\xb8\x00\x02", 6))
		return F_V6_48;
	if (in6(a, "\x20\x01\x0d\xb8\xab\xcd\xef", 7))
		return F_V6_56;
	if (in6(a, "\x20\x01\x0d\xb8", 4))
		return F_V6;
	if (in6(a, "\xfd\x00\x00\x01\x00\x02\x00\x03", 8))
		return F_V6_64;
	if (in6(a, "\0\0\0\0\0\0\0\0\0\0", 10))
		return F_V6_0;
	return -1;
}

/* One address for the forward zone.  Most come from a few networks with
 * small ranges, so that sorted neighbours share long prefixes, and some
 * repeat an earlier address or follow the previous one. */
static void
draw(uint64_t *s, const struct addr *prev, size_t nprev, struct addr *a)
{
	static const uint8_t net10[] = { 0, 1, 2, 3, 8, 9, 200 };
	uint16_t g[8] = { 0 };
	uint32_t r = rnd(s) % 100, b1, b2, b3;

	if (nprev > 0 && r < 8) {
		*a = prev[rnd(s) % nprev];	/* a duplicate */
		return;
	}
	if (nprev > 0 && r < 20) {
		*a = prev[nprev - 1];		/* the next address */
		a->b[a->family == 4 ? 3 : 15]++;
		return;
	}
	/* One rnd() call a statement: the order in which a function's
	 * arguments are evaluated is unspecified, and the data must not
	 * depend on the compiler. */
	r = rnd(s) % 100;
	b1 = rnd(s);
	b2 = rnd(s);
	b3 = rnd(s);
	if (r < 14) {
		v4(a, 192, 0, 2, b3);
	} else if (r < 32) {
		v4(a, 10, net10[b1 % sizeof(net10)],
		    b2 % 5 == 0 ? b2 >> 8 : b2 % 4, b3);
	} else if (r < 42) {
		v4(a, 172, b1 % 5 ? 16 : 17, b2 % 6,
		    b3 % 10 ? b3 >> 8 : 1 + (b3 >> 8) % 2);
	} else if (r < 46) {
		v4(a, b1 % 2 ? 203 : 198, b1 & 2 ? 0 : 51,
		    b1 & 4 ? 113 : 100, b3);
	} else if (r < 53) {
		v4(a, 198, 18, 5, b3);
	} else if (r < 78) {
		static const uint16_t sub[] = { 0, 1, 2, 0xabcd };

		g[0] = 0x2001;
		g[1] = 0xdb8;
		g[2] = sub[b1 % ARRAY_LEN(sub)];
		g[3] = g[2] == 0xabcd ? (b2 % 10 ? 0xef00 : 0xee00) |
		    ((b2 >> 8) % 4) : b2 % 4;
		if (b3 % 2) {
			g[7] = rnd(s) % 32;
		} else {
			g[4] = rnd(s);
			g[5] = rnd(s);
			g[6] = rnd(s);
			g[7] = rnd(s);
		}
		v6(a, g);
	} else if (r < 90) {
		g[0] = 0xfd00;
		g[1] = 1;
		g[2] = 2;
		g[3] = b1 % 8 ? 3 : 4;		/* 4: outside the zone */
		g[7] = b2 % 3 ? b3 % 64 : b3;
		v6(a, g);
	} else {
		/* Under no loaded zone: a neighbour of 2001:db8::/32.  In
		 * ::/80, a zone 20 nibbles deep: IPv4-mapped addresses, and
		 * addresses of 29 zero nibbles and three others (none under
		 * ::800, where the fixed ones are). */
		if (b1 % 3 == 0) {
			g[0] = 0x2001;
			g[1] = 0xdb9;
			g[7] = b3 % 16;
		} else if (b1 % 3 == 1) {
			g[5] = 0xffff;
			g[6] = 0xc000;
			g[7] = 0x200 | (b3 % 256);
		} else {
			g[7] = 0x800 | (b3 % 0x100);
		}
		v6(a, g);
	}
}

static int
addr_eq(const struct addr *a, const struct addr *b)
{
	return a->family == b->family && memcmp(a->b, b->b, 16) == 0;
}

static int
qsort_addr_uniq(const void *pa, const void *pb)
{
	const struct addr *a = pa, *b = pb;

	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	return memcmp(a->b, b->b, sizeof(a->b));
}

/* The reverse data of one address at OWNER in FP: a PTR (one or two),
 * only a TXT (NODATA), a name below it (an empty non-terminal: NODATA,
 * and a wildcard does not apply), a CNAME to another reverse name, or
 * nothing (NXDOMAIN, or the wildcard). */
static void
rev_data(FILE *fp, uint64_t *s, const char *owner, const struct addr *all,
    size_t nall)
{
	char target[NAMES_TXT_MAX];
	uint32_t r = rnd(s) % 100;

	if (r < 50) {
		fprintf(fp, "%s PTR h%u.example.com.\n", owner,
		    rnd(s) % 1000);
		if (rnd(s) % 7 == 0) {
			static const char *const odd[] = {
				"c1", "c2", "c3", "x.wild", "loopa",
			};
			uint32_t k = rnd(s) % 8;

			if (k < ARRAY_LEN(odd))
				fprintf(fp, "%s PTR %s.example.com.\n", owner,
				    odd[k]);
			else
				fprintf(fp, "%s PTR alias%u.example.com.\n",
				    owner, rnd(s) % 1000);
		}
	} else if (r < 58) {
		fprintf(fp, "%s TXT \"no PTR\"\n", owner);
	} else if (r < 63) {
		fprintf(fp, "sub.%s TXT \"below\"\n", owner);
	} else if (r < 70) {
		rev_text(&all[rnd(s) % nall], target, sizeof(target));
		if (strcmp(target, owner) != 0)
			fprintf(fp, "%s CNAME %s\n", owner, target);
	}
}

static void
add_file(struct fx *f, FILE **fp, size_t i)
{
	char tmp[PATH_MAX];

	assert_true(f->nfiles < MAX_FILES);
	snprintf(tmp, sizeof(tmp), "%s/z%zu", f->dir, i);
	memcpy(f->files[f->nfiles], tmp, sizeof(tmp));
	assert_non_null(fp[i] = fopen(tmp, "w"));
	f->nfiles++;
	fputs(SOA_NS, fp[i]);
	if (fixed[i] != NULL)
		fputs(fixed[i], fp[i]);
}

/* Generates a zone set of about N A/AAAA records from SEED, loads it and
 * finishes the model. */
static void
gen_model(struct fx *f, size_t n, uint64_t seed)
{
	uint64_t s = seed_of(seed);
	FILE *fp[NFILES];
	struct addr *fwd, *all, here[3];
	char owner[NAMES_TXT_MAX], text[INET6_ADDRSTRLEN];
	size_t i, j, nall, nuniq, host = 0, nhere = 0;
	struct load_opts o;
	int file, rc;

	model_free(f->m);
	remove_files(f);
	assert_non_null(f->m = model_new());
	for (i = 0; i < NFILES; i++)
		add_file(f, fp, i);
	assert_non_null(fwd = calloc(n, sizeof(*fwd)));
	assert_non_null(all = calloc(2 * n, sizeof(*all)));

	/* The forward zone: one to three addresses an owner, duplicates
	 * under different owners. */
	for (i = 0; i < n; i++) {
		draw(&s, fwd, i, &fwd[i]);
		for (j = 0; j < nhere && !addr_eq(&here[j], &fwd[i]); j++)
			;
		if (nhere == 0 || j < nhere || nhere == ARRAY_LEN(here) ||
		    rnd(&s) % 10 < 7) {
			host++;
			nhere = 0;
		}
		here[nhere++] = fwd[i];
		inet_ntop(fwd[i].family == 4 ? AF_INET : AF_INET6, fwd[i].b,
		    text, sizeof(text));
		fprintf(fp[F_FWD], "h%zu %s %s\n", host,
		    fwd[i].family == 4 ? "A" : "AAAA", text);
	}

	/* Reverse data for the addresses and some of their neighbours (so
	 * the reverse tree has siblings where the walk must turn), each
	 * address once. */
	for (i = nall = 0; i < n; i++) {
		all[nall++] = fwd[i];
		if (rnd(&s) % 4 == 0) {
			all[nall] = fwd[i];
			all[nall++].b[fwd[i].family == 4 ? 3 : 15] ^= 1;
		}
	}
	qsort(all, nall, sizeof(*all), qsort_addr_uniq);
	for (i = nuniq = 0; i < nall; i++)
		if (nuniq == 0 || !addr_eq(&all[nuniq - 1], &all[i]))
			all[nuniq++] = all[i];
	for (i = 0; i < nuniq; i++) {
		const uint8_t *b = all[i].b;

		file = route(&all[i], owner, sizeof(owner));
		if (file == F_C1K && rnd(&s) % 10 < 7)
			fprintf(fp[F_C1], "%u CNAME %u.%s\n", b[3], b[3],
			    origins[F_C1K]);
		if (file >= 0) {
			rev_data(fp[file], &s, owner, all, nuniq);
		} else if (rnd(&s) % 5 == 0) {
			/* A name in the tree that no zone has: the walk
			 * goes on below where no zone answers. */
			rev_text(&all[i], owner, sizeof(owner));
			fprintf(fp[F_FWD], "j%zu CNAME %s\n", i, owner);
		}
	}
	for (i = 0; i < NFILES; i++)
		assert_int_equal(fclose(fp[i]), 0);

	memset(&o, 0, sizeof(o));
	o.diag = on_diag;
	o.ctx = f;
	for (i = 0; i < NFILES; i++) {
		f->errors = 0;
		rc = load_zone(f->m, origins[i], f->files[i], &o, NULL);
		if (rc != 0 || f->errors != 0)
			fail_msg("zone %s: load_zone() %d, %u diagnostics",
			    origins[i], rc, f->errors);
	}
	assert_int_equal(model_finish(f->m), 0);
	free(fwd);
	free(all);
}

static const char *
node_txt(const struct model *m, uint32_t id, char *buf)
{
	if (id == MODEL_NONE)
		return "NONE";
	return model_fmt(m, id, buf);
}

static void
print_res(const struct model *m, const char *what, const struct lk_result *r)
{
	char b1[NAMES_TXT_MAX], b2[NAMES_TXT_MAX];

	print_error("  %s: %s name %s node %s zone %u hops %u\n", what,
	    lookup_status_str(r->status), node_txt(m, r->name, b1),
	    node_txt(m, r->node, b2), r->zone, r->hops);
}

static bool
res_eq(const struct lk_result *a, const struct lk_result *b)
{
	return a->status == b->status && a->name == b->name &&
	    a->node == b->node && a->zone == b->zone && a->hops == b->hops;
}

/* The number of PTR records answer RES (an LK_ANSWER) holds. */
static size_t
ptr_answers(const struct model *m, const struct lk_result *res)
{
	size_t k = 0;
	uint32_t p;

	for (p = lookup_rec(m, res->node, res->zone, RT_PTR); p != MODEL_NONE;
	    p = lookup_rec_next(m, res->node, res->zone, RT_PTR, p))
		k++;
	return k;
}

/* Totals over every generated model.  ALONE counts the look-ups an RFC
 * 2317 child loaded without its parent answered (the classless fallback),
 * CNAME those that followed a CNAME (the parent's, with the child). */
struct tally {
	size_t compared, rev, side, side_fwd, models, alone, cname, complete;
	size_t wild;	/* addresses answered by a wildcard PTR */
	size_t status[LK_TOOLONG + 1];
};

/* Checks the index of one model: every authoritative A/AAAA record once,
 * with its own address, sorted by (address, record), each PTR look-up as
 * xref_ptr() makes it; and the PTR index sorted by (address, PTR). */
static void
check_model(const struct fx *f, struct tally *t, bool all_statuses)
{
	const struct model *m = f->m;
	struct xref x;
	struct lk_result want;
	size_t i, nrec = 0, bad = 0, nside, nside_fwd = 0;
	size_t st[LK_TOOLONG + 1] = { 0 };
	struct lk_result got;
	uint8_t *seen;
	bool *alone;
	char abuf[NAMES_ADDR_TXT_MAX], zbuf[NAMES_TXT_MAX];

	assert_int_equal(xref_build(&x, m), 0);
	assert_non_null(seen = calloc(m->nrecs + 1, 1));
	assert_non_null(alone = calloc(m->nzones + 1, sizeof(*alone)));
	for (i = 0; i < m->nzones; i++) {
		model_fmt(m, m->zones[i].apex, zbuf);
		alone[i] = strcmp(zbuf, origins[F_C5A]) == 0 ||
		    strcmp(zbuf, origins[F_C5B]) == 0;
	}
	for (i = 0; i < m->nrecs; i++)
		if ((m->recs[i].type == RT_A || m->recs[i].type == RT_AAAA) &&
		    model_rec_auth(m, &m->recs[i]) &&
		    !model_rec_live(m, &m->recs[i]))
			nrec++;
	assert_int_equal(x.nfwd, nrec);
	for (i = 0; i < x.nfwd; i++) {
		const struct xfwd *e = &x.fwd[i];
		const struct rec *r;
		struct addr ea;

		assert_true(e->rec < m->nrecs);
		assert_int_equal(seen[e->rec], 0);
		seen[e->rec] = 1;
		r = &m->recs[e->rec];
		ea = xfwd_addr(m, e);
		assert_int_equal(ea.family, r->type == RT_A ? 4 : 6);
		assert_memory_equal(ea.b, model_rec_addr(m, r),
		    r->type == RT_A ? 4 : 16);
		assert_int_equal(xref_fwd_cmp(&x, i, &ea), 0);
		assert_true(xref_fwd_same(&x, i, i));
		if (i > 0) {
			struct addr pa = xfwd_addr(m, &x.fwd[i - 1]);
			int c = xref_addr_cmp(&pa, &ea);

			/* The index's own comparisons agree with it. */
			assert_int_equal(xref_fwd_cmp(&x, i - 1, &ea), c);
			assert_int_equal(xref_fwd_same(&x, i - 1, i), c == 0);
			if (c > 0 || (c == 0 && x.fwd[i - 1].rec >= e->rec))
				fail_msg("fwd[%zu] (%s, record %u) is out of "
				    "order", i, names_addr_fmt(&ea, abuf),
				    e->rec);
		}
		memset(&want, 0xa5, sizeof(want));
		xref_ptr(&x, &ea, &want);
		xfwd_ptr(&x, e, &got);
		if (!res_eq(&got, &want)) {
			if (bad++ < 5) {
				print_error("fwd[%zu] %s: PTR look-up differs "
				    "from xref_ptr()\n", i,
				    names_addr_fmt(&ea, abuf));
				print_res(m, "xref_build", &got);
				print_res(m, "xref_ptr  ", &want);
			}
		}
		assert_int_equal(e->pstatus, want.status);
		assert_int_equal(e->pname, want.name);
		/* The PTR index holds every PTR record an address of the
		 * A/AAAA index is answered with, wildcard answers too, and
		 * no other for that address. */
		if (want.status == LK_ANSWER &&
		    (i == 0 || !xref_fwd_same(&x, i, i - 1))) {
			size_t k = ptr_answers(m, &want);
			size_t j = xref_rev_find(&x, &ea), run = 0;
			struct addr ja;

			if (j < x.nrev) {
				ja = xrev_addr(&x, &x.rev[j]);
				if (xref_addr_cmp(&ja, &ea) == 0)
					run = xref_rev_run(&x, j);
			}
			if (run != k)
				fail_msg("fwd[%zu] (%s): %zu PTR records answer, "
				    "%zu in the PTR index", i,
				    names_addr_fmt(&ea, abuf), k, run);
			t->complete += k;
			if (memcmp(m->labels + m->nodes[want.node].label, "\1*",
			    2) == 0)
				t->wild++;
		}
		nside_fwd += e->pside;
		st[got.status]++;
		if (got.zone != MODEL_NONE && alone[got.zone])
			t->alone++;
		if (got.hops > 0)
			t->cname++;
	}
	for (i = 1; i < x.nrev; i++) {
		struct addr pa = xrev_addr(&x, &x.rev[i - 1]);
		struct addr ia = xrev_addr(&x, &x.rev[i]);
		int c = xref_addr_cmp(&pa, &ia);

		assert_int_equal(xref_rev_same(&x, &x.rev[i - 1], &x.rev[i]),
		    c == 0);
		if (c > 0 || (c == 0 && x.rev[i - 1].ptr >= x.rev[i].ptr))
			fail_msg("rev[%zu] (%s, PTR %u) is out of order", i,
			    names_addr_fmt(&ia, abuf), x.rev[i].ptr);
	}
	/* Each PTR entry's forward look-up, kept whole or as its status
	 * alone, is the look-up itself; and the count of entries kept whole
	 * is the count of entries marked so. */
	for (i = 0, nside = 0; i < x.nrev; i++) {
		const struct xrev *v = &x.rev[i];
		struct addr va = xrev_addr(&x, v);
		uint32_t p;

		assert_int_equal(m->recs[v->ptr].type, RT_PTR);
		/* The entry's PTR record is one the address's look-up
		 * finds: the address is the entry's own. */
		xref_ptr(&x, &va, &want);
		assert_int_equal(want.status, LK_ANSWER);
		for (p = lookup_rec(m, want.node, want.zone, RT_PTR);
		    p != MODEL_NONE && p != v->ptr;
		    p = lookup_rec_next(m, want.node, want.zone, RT_PTR, p))
			;
		if (p == MODEL_NONE)
			fail_msg("rev[%zu] (%s): PTR %u is not the address's",
			    i, names_addr_fmt(&va, abuf), v->ptr);
		xrev_fwd(&x, v, &got);
		lookup_node(m, m->recs[v->ptr].rd.target,
		    v->family == 4 ? RT_A : RT_AAAA, &want);
		if (!res_eq(&got, &want)) {
			print_res(m, "xrev_fwd   ", &got);
			print_res(m, "lookup_node", &want);
			fail_msg("rev[%zu] (%s): forward look-up differs", i,
			    names_addr_fmt(&va, abuf));
		}
		assert_int_equal(got.status, v->fstatus);
		assert_int_equal(v->match, xref_has_addr(m, &want, &va, NULL));
		nside += v->fside;
	}
	assert_int_equal(nside, x.nside_rev);
	assert_int_equal(nside_fwd, x.nside_fwd);
	t->side += x.nside_rev;
	t->side_fwd += x.nside_fwd;
	if (bad > 0)
		fail_msg("%zu of %zu PTR look-ups differ", bad, x.nfwd);
	if (all_statuses)
		for (i = LK_ANSWER; i <= LK_UNKNOWN; i++)
			if (st[i] == 0)
				fail_msg("no %s among %zu look-ups: the data "
				    "does not test what it should",
				    lookup_status_str(i), x.nfwd);
	for (i = 0; i <= LK_TOOLONG; i++)
		t->status[i] += st[i];
	t->compared += x.nfwd;
	t->rev += x.nrev;
	t->models++;
	free(seen);
	free(alone);
	xref_clear(&x);
}

static void
test_fwd_ptr(void **state)
{
	/* Sizes in A/AAAA records: the last is over twice par_for()'s grain,
	 * so on two cores or more the look-ups run as several ranges, each
	 * starting its walk afresh. */
	static const struct {
		size_t n;
		uint64_t seed;
	} sets[] = {
		{ 1, 1 }, { 12, 2 }, { 60, 3 }, { 300, 4 }, { 300, 5 },
		{ 1500, 6 }, { 4000, 7 }, { 9000, 8 },
	};
	struct fx *f = *state;
	struct tally t;
	size_t i;

	memset(&t, 0, sizeof(t));
	for (i = 0; i < ARRAY_LEN(sets); i++) {
		gen_model(f, sets[i].n, sets[i].seed);
		check_model(f, &t, sets[i].n >= 300);
	}
	for (i = LK_ANSWER; i <= LK_UNKNOWN; i++)
		assert_true(t.status[i] > 0);
	assert_true(t.alone > 0);
	assert_true(t.cname > 0);
	assert_true(t.wild > 0);
	/* Both forms of each entry's look-up were compared. */
	assert_true(t.side > 0 && t.side < t.rev);
	assert_true(t.side_fwd > 0 && t.side_fwd < t.compared);
	print_message("xref: %zu models, %zu PTR look-ups compared (ANSWER "
	    "%zu, NODATA %zu, NXDOMAIN %zu, UNKNOWN %zu, loop %zu; %zu in an "
	    "RFC 2317 child alone, %zu through CNAMEs), %zu PTR entries in "
	    "order, each forward look-up compared (kept whole: %zu PTR "
	    "look-ups, %zu forward); %zu PTR records of answered addresses "
	    "found in the PTR index, %zu addresses by a wildcard\n",
	    t.models, t.compared, t.status[LK_ANSWER], t.status[LK_NODATA],
	    t.status[LK_NXDOMAIN], t.status[LK_UNKNOWN], t.status[LK_LOOP],
	    t.alone, t.cname, t.rev, t.side_fwd, t.side, t.complete, t.wild);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_addr_sort),
		cmocka_unit_test_setup_teardown(test_fwd_ptr, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
