/* model.c -- the name tree, records and zones; see model.h. */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "core/err.h"
#include "core/model.h"

/* Whether M may take MORE bytes: the loader caps the memory one zone
 * may use (load_opts.max_memory), and hostile input must hit that cap
 * before the allocator does. */
static bool
affordable(const struct model *m, size_t more)
{
	return m->max_bytes == 0 || (m->bytes <= m->max_bytes &&
	    more <= m->max_bytes - m->bytes);
}

static int
grow(struct model *m, void **p, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap ? *cap : 64;
	void *q;

	if (need <= *cap)
		return 0;
	while (n < need)
		n *= 2;
	if (!affordable(m, (n - *cap) * size))
		return RDA_ELIMIT;
	if ((q = realloc(*p, n * size)) == NULL)
		return RDA_ENOMEM;
	m->bytes += (n - *cap) * size;
	*p = q;
	*cap = n;
	return 0;
}

/* For arrays without a capacity field: makes room for element N of an
 * array of N elements by doubling whenever N is a power of two, so that
 * adding one at a time costs O(1) amortized, not a realloc each. */
static int
grow_pow2(void **p, size_t n, size_t size)
{
	void *q;

	if (n != 0 && (n & (n - 1)) != 0)
		return 0;
	if ((q = realloc(*p, (n ? 2 * n : 1) * size)) == NULL)
		return RDA_ENOMEM;
	*p = q;
	return 0;
}

/* The name table: open addressing over buckets of one cache line, each
 * of 12 slots, filled from the first.  A probe starts at the bucket its
 * hash picks by multiplication ("fastrange": any number of buckets, so
 * that the table can be the size a load needs, model_reserve()) and goes
 * on bucket by bucket, wrapping, to the first free slot.  A slot is a
 * tag, a byte of the hash that bucket_of() hardly uses, never 0 (free),
 * and a node id; a probe touches a node only when the tag is the name's
 * (1 in 255 of the others).  Tags and ids side by side make one miss a
 * probe where two arrays made two, and a table past the reach of the TLB
 * (ten million names) pays for each miss twice. */
#define BUCKET_SLOTS 12

struct model_bucket {
	uint8_t tag[BUCKET_SLOTS];
	uint32_t id[BUCKET_SLOTS];
	uint32_t unused;
};

_Static_assert(sizeof(struct model_bucket) == 64, "a bucket is a cache line");

static inline size_t
bucket_of(const struct model *m, uint32_t h)
{
	return (size_t)(((uint64_t)h * m->nbuckets) >> 32);
}

static inline uint8_t
tag_of(uint32_t h)
{
	return (uint8_t)(1 + h % 255);
}

/* Grow at a load factor of 4/5.  A reservation aims at 7/10, room for
 * an estimate a little short. */
#define HASH_FULL(n, cap) ((n) * 5 > (cap) * 4)
#define HASH_AIM(n) ((n) * 10 / 7 + 1024)

/* FNV-1a over the parent id and the lower-cased label. */
static uint32_t
hash_of(uint32_t parent, const uint8_t *label, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < 4; i++) {
		h ^= (parent >> (8 * i)) & 0xff;
		h *= 16777619u;
	}
	for (i = 0; i < len; i++) {
		h ^= names_lower(label[i]);
		h *= 16777619u;
	}
	return h ^ (h >> 15);
}

static bool
node_is(const struct model *m, uint32_t id, uint32_t parent,
    const uint8_t *label, size_t len)
{
	const struct node *n = &m->nodes[id];
	const uint8_t *l = m->labels + n->label;
	size_t i;

	if (n->parent != parent || l[0] != len)
		return false;
	for (i = 0; i < len; i++)
		if (l[1 + i] != names_lower(label[i]))
			return false;
	return true;
}

/* The probe for hash H, which is hash_of(PARENT, LABEL, LEN): the child
 * of PARENT with LABEL, or MODEL_NONE and the first free slot met in *FB
 * (bucket) and *FJ (slot), where a name of hash H goes.  With LABEL NULL,
 * only the free slot is looked for. */
static uint32_t
probe(const struct model *m, uint32_t h, uint32_t parent,
    const uint8_t *label, size_t len, size_t *fb, size_t *fj)
{
	const struct model_bucket *k;
	uint8_t t = tag_of(h), s;
	size_t b = bucket_of(m, h), j;

	for (;;) {
		k = &m->buckets[b];
		for (j = 0; j < BUCKET_SLOTS; j++) {
			if ((s = k->tag[j]) == 0) {
				*fb = b;
				*fj = j;
				return MODEL_NONE;
			}
			if (s == t && label != NULL &&
			    node_is(m, k->id[j], parent, label, len))
				return k->id[j];
		}
		if (++b == m->nbuckets)
			b = 0;
	}
}

/* Starts loading the bucket a probe for hash H begins at. */
static inline void
slot_prefetch(const struct model *m, uint32_t h)
{
	__builtin_prefetch(&m->buckets[bucket_of(m, h)]);
}

uint32_t
model_child(const struct model *m, uint32_t parent, const uint8_t *label,
    size_t len)
{
	size_t b, j;

	return probe(m, hash_of(parent, label, len), parent, label, len, &b,
	    &j);
}

#define REHASH_AHEAD 16

/* Puts node ID, of hash H, in slot J of bucket B. */
static void
slot_set(struct model *m, size_t b, size_t j, uint32_t h, uint32_t id)
{
	m->buckets[b].tag[j] = tag_of(h);
	m->buckets[b].id[j] = id;
}

/* Puts node ID, of hash H, in the first free slot from its bucket. */
static void
slot_put(struct model *m, uint32_t h, uint32_t id)
{
	size_t b, j;

	(void)probe(m, h, 0, NULL, 0, &b, &j);
	slot_set(m, b, j, h, id);
}

/* Memory for BYTES of buckets, zeroed and aligned to a cache line; its
 * length in *LEN for hash_unmap() (0: from calloc()).  A table past the
 * reach of the TLB (some 2,000 pages of 4 KiB) is mapped on its own, at
 * a 2 MiB boundary, and asked for transparent huge pages: a probe lands
 * anywhere in it, and with 4 KiB pages nearly every one of ten million
 * names missed the TLB besides the cache (3.6 s -> 3.3 s for the 10M
 * bench set).  A smaller table gains nothing and would pay a huge page's
 * rounding in memory (1.6 MB, 2 bytes a record, at 1M).  The other
 * arrays grow by realloc() and are read mostly in order; advised too,
 * they came out slower. */
#define HUGE_PAGE ((size_t)2 << 20)
#define HUGE_FROM ((size_t)16 << 20)

static void *
hash_map(size_t bytes, size_t *len)
{
	void *p;

	*len = 0;
#if defined(MADV_HUGEPAGE)
	if (bytes >= HUGE_FROM) {
		size_t want = (bytes + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
		size_t all = want + HUGE_PAGE, head;
		uint8_t *q;

		q = mmap(NULL, all, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (q == MAP_FAILED)
			return NULL;
		head = (size_t)(-(uintptr_t)q & (HUGE_PAGE - 1));
		if (head > 0)
			(void)munmap(q, head);
		if (all - head > want)
			(void)munmap(q + head + want, all - head - want);
		(void)madvise(q + head, want, MADV_HUGEPAGE);
		*len = want;
		return q + head;
	}
#endif
	if ((p = calloc(1, bytes + 63)) == NULL)
		return NULL;
	return p;
}

static void
hash_unmap(void *p, size_t len)
{
	if (len > 0)
		(void)munmap(p, len);
	else
		free(p);
}

/* A table of at least CAP slots, with every node but the root: the
 * hashes are computed again from the nodes and labels, read in order. */
static int
rehash(struct model *m, size_t cap)
{
	size_t nb = (cap + BUCKET_SLOTS - 1) / BUCKET_SLOTS, i, len;
	size_t bytes = nb * sizeof(struct model_bucket);
	size_t oldbytes = m->nbuckets * sizeof(struct model_bucket);
	uint32_t ring[REHASH_AHEAD];
	void *mem;

	if (bytes > oldbytes && !affordable(m, bytes - oldbytes))
		return RDA_ELIMIT;
	if ((mem = hash_map(bytes, &len)) == NULL)
		return RDA_ENOMEM;
	hash_unmap(m->hashmem, m->hashlen);
	m->hashmem = mem;
	m->hashlen = len;
	m->buckets = (struct model_bucket *)(((uintptr_t)mem + 63) &
	    ~(uintptr_t)63);
	m->nbuckets = nb;
	m->caphash = nb * BUCKET_SLOTS;
	/* Each node's hash is computed AHEAD nodes before it is put, and
	 * its bucket loaded meanwhile: the writes land at random. */
	for (i = 1; i < m->nnodes + REHASH_AHEAD; i++) {
		/* The node AHEAD back first: its place in the ring is the
		 * one node I takes. */
		if (i >= REHASH_AHEAD + 1)
			slot_put(m, ring[i % REHASH_AHEAD],
			    (uint32_t)(i - REHASH_AHEAD));
		if (i < m->nnodes) {
			const struct node *n = &m->nodes[i];
			const uint8_t *l = m->labels + n->label;

			ring[i % REHASH_AHEAD] = hash_of(n->parent, l + 1,
			    l[0]);
			slot_prefetch(m, ring[i % REHASH_AHEAD]);
		}
	}
	m->bytes += bytes;
	m->bytes -= oldbytes;
	return 0;
}

void
model_reserve(struct model *m, size_t names)
{
	/* Past a million names at a time, with room to spare: a wrong
	 * hint costs a rehash later, not the load. */
	if (names > ((size_t)1 << 28))
		names = (size_t)1 << 28;
	if (HASH_FULL(m->nnodes + names, m->caphash))
		(void)rehash(m, HASH_AIM(m->nnodes + names));
}

/* The child of PARENT with LABEL, added when missing; H is its hash. */
static int
child_add_h(struct model *m, uint32_t parent, const uint8_t *label,
    size_t len, uint32_t h, uint32_t *id)
{
	struct node *n;
	size_t i, fb, fj;
	int rc;

	if ((*id = probe(m, h, parent, label, len, &fb, &fj)) != MODEL_NONE)
		return 0;
	if (m->nnodes >= MODEL_NONE - 1)
		return RDA_ELIMIT;
	if (HASH_FULL(m->nnodes + 1, m->caphash)) {
		/* The slot found is in the table being replaced. */
		if ((rc = rehash(m, m->caphash * 2)) < 0)
			return rc;
		(void)probe(m, h, 0, NULL, 0, &fb, &fj);
	}
	if ((rc = grow(m, (void **)&m->nodes, &m->capnodes, m->nnodes + 1,
	    sizeof(*m->nodes))) < 0 ||
	    (rc = grow(m, (void **)&m->labels, &m->caplabels,
	    m->nlabels + len + 1, 1)) < 0)
		return rc;
	n = &m->nodes[m->nnodes];
	memset(n, 0, sizeof(*n));
	n->parent = parent;
	n->label = (uint32_t)m->nlabels;
	n->zone = MODEL_NONE;
	m->labels[m->nlabels++] = (uint8_t)len;
	for (i = 0; i < len; i++)
		m->labels[m->nlabels++] = names_lower(label[i]);
	*id = (uint32_t)m->nnodes;
	slot_set(m, fb, fj, h, *id);
	m->nnodes++;
	return 0;
}

static int
child_add(struct model *m, uint32_t parent, const uint8_t *label, size_t len,
    uint32_t *id)
{
	return child_add_h(m, parent, label, len, hash_of(parent, label, len),
	    id);
}

struct model *
model_new(void)
{
	struct model *m = calloc(1, sizeof(*m));

	if (m == NULL)
		return NULL;
	m->nodes = calloc(64, sizeof(*m->nodes));
	m->labels = malloc(64);
	if (m->nodes == NULL || m->labels == NULL ||
	    rehash(m, 1024) < 0) {
		model_free(m);
		return NULL;
	}
	m->capnodes = 64;
	m->caplabels = 64;
	m->bytes += 64 * sizeof(*m->nodes) + 64;
	/* Node 0 is the root; it is never in the hash table. */
	m->nodes[0].parent = MODEL_NONE;
	m->nodes[0].zone = MODEL_NONE;
	m->labels[0] = 0;
	m->nlabels = 1;
	m->nnodes = 1;
	return m;
}

void
model_free(struct model *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nzones; i++)
		free(m->zones[i].source);
	for (i = 0; i < m->nsrcs; i++)
		free(m->srcs[i].path);
	free(m->zones);
	free(m->srcs);
	free(m->nodes);
	free(m->addr6);
	free(m->mx);
	free(m->labels);
	hash_unmap(m->hashmem, m->hashlen);
	free(m->recs);
	model_spf_free(m);
	free(m);
}

/* Splits WIRE into label offsets, leftmost first; returns the count or
 * -1 when WIRE is not a name names_wire_len() accepts (one pass, with
 * the same checks: labels of at most 63 bytes, 255 bytes in all). */
static int
labels_of(const uint8_t *wire, size_t off[128])
{
	size_t p = 0;
	int n = 0;

	while (p < NAMES_WIRE_MAX) {
		if (wire[p] == 0)
			return n;
		if (wire[p] > 63)
			return -1;
		off[n++] = p;
		p += 1 + (size_t)wire[p];
	}
	return -1;
}

static bool
label_eq(const uint8_t *a, const uint8_t *b)
{
	unsigned i;

	if (a[0] != b[0])
		return false;
	for (i = 1; i <= a[0]; i++)
		if (names_lower(a[i]) != names_lower(b[i]))
			return false;
	return true;
}

/* How many rightmost labels WIRE (labels at OFF, N of them) shares with
 * the recent name E. */
static int
shared_suffix(const struct model_recent *e, const uint8_t *wire,
    const size_t *off, int n)
{
	int k = 0;

	while (k < n && k < e->n && label_eq(wire + off[n - 1 - k],
	    e->wire + e->off[e->n - 1 - k]))
		k++;
	return k;
}

int
model_name(struct model *m, const uint8_t *wire, uint32_t *id)
{
	size_t off[128];
	struct model_recent *e, *best;
	uint32_t cur = 0, ids[128];
	int n, i, k, kb, rc;

	if ((n = labels_of(wire, off)) < 0)
		return RDA_EINVAL;
	if (n == 0) {
		*id = 0;	/* the root */
		return 0;
	}
	best = &m->recent[0];
	kb = shared_suffix(best, wire, off, n);
	k = shared_suffix(&m->recent[1], wire, off, n);
	if (k > kb || (k == kb && kb == 0 &&
	    m->recent[1].used < best->used)) {
		best = &m->recent[1];
		kb = k;
	}
	if (kb > 0)
		cur = best->id[best->n - kb];
	for (i = n - 1; i >= 0; i--) {
		if (i < n - kb) {
			rc = child_add(m, cur, wire + off[i] + 1, wire[off[i]],
			    &cur);
			if (rc < 0)
				return rc;
		} else
			cur = best->id[best->n - (n - i)];
		ids[i] = cur;
	}
	/* Remember it in place of the entry it resembled most. */
	e = best;
	e->len = off[n - 1] + 1 + wire[off[n - 1]] + 1;
	memcpy(e->wire, wire, e->len);
	for (i = 0; i < n; i++) {
		e->off[i] = (uint8_t)off[i];
		e->id[i] = ids[i];
	}
	e->n = n;
	e->used = ++m->tick;
	*id = cur;
	return 0;
}

void
model_prefetch(const struct model *m, const uint8_t *wire, size_t len,
    struct model_hint *hint)
{
	const uint8_t *suffix;
	size_t tail;
	int i, j;

	hint->ok = false;
	if (len < 2 || wire[0] >= len || wire[0] > 63)
		return;
	suffix = wire + 1 + wire[0];
	tail = len - 1 - wire[0];
	for (i = 0; i < 2; i++) {
		const struct model_recent *e = &m->recent[i];

		/* The parent is this recent name, or its parent. */
		for (j = 0; j < 2 && j < e->n; j++) {
			if (e->len - e->off[j] != tail || memcmp(e->wire + e->off[j], suffix,
			    tail) != 0)
				continue;
			hint->ok = true;
			hint->recent = i;
			hint->parent = e->id[j];
			hint->hash = hash_of(hint->parent, wire + 1, wire[0]);
			slot_prefetch(m, hint->hash);
			return;
		}
	}
}

int
model_name_hint(struct model *m, const uint8_t *wire,
    const struct model_hint *hint, uint32_t *id)
{
	if (!hint->ok)
		return model_name(m, wire, id);
	/* The recent name it came from stays in the cache. */
	m->recent[hint->recent].used = ++m->tick;
	return child_add_h(m, hint->parent, wire + 1, wire[0], hint->hash, id);
}

uint32_t
model_find(const struct model *m, const uint8_t *wire, uint32_t *closest,
    unsigned *missing)
{
	size_t off[128];
	uint32_t cur = 0, next;
	int n, i;

	if ((n = labels_of(wire, off)) < 0)
		return MODEL_NONE;
	for (i = n - 1; i >= 0; i--) {
		next = model_child(m, cur, wire + off[i] + 1, wire[off[i]]);
		if (next == MODEL_NONE)
			break;
		cur = next;
	}
	if (closest != NULL)
		*closest = cur;
	if (missing != NULL)
		*missing = (unsigned)(i + 1);
	return i < 0 ? cur : MODEL_NONE;
}

size_t
model_wire(const struct model *m, uint32_t id, uint8_t *out)
{
	size_t len = 0;
	const uint8_t *l;

	while (id != 0 && id != MODEL_NONE) {
		l = m->labels + m->nodes[id].label;
		memcpy(out + len, l, 1 + (size_t)l[0]);
		len += 1 + (size_t)l[0];
		id = m->nodes[id].parent;
	}
	out[len++] = 0;
	return len;
}

char *
model_fmt(const struct model *m, uint32_t id, char *buf)
{
	uint8_t wire[NAMES_WIRE_MAX + 1];

	model_wire(m, id, wire);
	if (names_fmt(wire, buf, NAMES_TXT_MAX) < 0)
		strcpy(buf, "?");
	return buf;
}

int
model_zone_add(struct model *m, const uint8_t *apex, const char *source,
    uint32_t *zone)
{
	struct zone *z;
	uint32_t id;
	int rc;

	if ((rc = model_name(m, apex, &id)) < 0)
		return rc;
	/* The apex flag says whether a zone has this apex: no scan of the
	 * zones (a hosting provider loads hundreds of thousands). */
	if (m->nodes[id].flags & NODE_APEX)
		return RDA_EINVAL;
	if ((rc = grow_pow2((void **)&m->zones, m->nzones, sizeof(*z))) < 0)
		return rc;
	z = &m->zones[m->nzones];
	memset(z, 0, sizeof(*z));
	z->apex = id;
	if ((z->source = strdup(source)) == NULL)
		return RDA_ENOMEM;
	m->nodes[id].flags |= NODE_APEX;
	m->nodes[id].zone = (uint32_t)m->nzones;
	*zone = (uint32_t)m->nzones++;
	return 0;
}

int
model_source_add(struct model *m, uint32_t zone, const char *path, bool axfr,
    uint32_t *src)
{
	struct source *s;

	if (m->nsrcs >= MODEL_SRC_MAX)
		return RDA_ELIMIT;
	if (grow_pow2((void **)&m->srcs, m->nsrcs, sizeof(*s)) < 0)
		return RDA_ENOMEM;
	s = &m->srcs[m->nsrcs];
	if ((s->path = strdup(path)) == NULL)
		return RDA_ENOMEM;
	s->zone = zone;
	s->axfr = axfr;
	*src = (uint32_t)m->nsrcs++;
	return 0;
}

int
model_rec_add(struct model *m, const struct rec *r, const uint8_t *addr6,
    uint16_t pref)
{
	int rc;

	if (m->nrecs >= MODEL_NONE - 1)
		return RDA_ELIMIT;
	if (m->nodes[r->owner].nrec >= MODEL_NREC_MAX)
		return RDA_EOWNER;
	if ((rc = grow(m, (void **)&m->recs, &m->caprecs, m->nrecs + 1,
	    sizeof(*m->recs))) < 0)
		return rc;
	if (r->type == RT_AAAA) {
		if (addr6 == NULL)
			return RDA_EINVAL;
		if ((rc = grow(m, (void **)&m->addr6, &m->capaddr6,
		    m->naddr6 + 1, sizeof(*m->addr6))) < 0)
			return rc;
		memcpy(m->addr6[m->naddr6].b, addr6, 16);
		m->recs[m->nrecs] = *r;
		m->recs[m->nrecs++].rd.a6 = (uint32_t)m->naddr6++;
	} else {
		if (r->type == RT_MX) {
			if ((rc = grow(m, (void **)&m->mx, &m->capmx,
			    m->nmx + 1, sizeof(*m->mx))) < 0)
				return rc;
			m->mx[m->nmx].rec = (uint32_t)m->nrecs;
			m->mx[m->nmx++].pref = pref;
		}
		m->recs[m->nrecs++] = *r;
	}
	m->nodes[r->owner].nrec++;
	m->zones[m->srcs[r->src].zone].records++;
	return 0;
}

/* Whether the records of every owner are already together, in the order
 * they were read -- as a zone file usually lists them; then each node's
 * first record is where its run starts and nothing moves.  The N records
 * of an owner are together when each lies within N places of the first. */
static bool
grouped(struct model *m)
{
	size_t i;

	for (i = 0; i < m->nnodes; i++)
		m->nodes[i].first = MODEL_NONE;
	for (i = 0; i < m->nrecs; i++) {
		struct node *n = &m->nodes[m->recs[i].owner];

		if (n->first == MODEL_NONE)
			n->first = (uint32_t)i;
		else if (i - n->first >= n->nrec)
			return false;
	}
	for (i = 0; i < m->nnodes; i++)
		if (m->nodes[i].nrec == 0)
			m->nodes[i].first = 0;
	return true;
}

static int
mx_cmp(const void *pa, const void *pb)
{
	const struct model_mx *a = pa, *b = pb;

	return a->rec < b->rec ? -1 : a->rec > b->rec;
}

uint16_t
model_mx_pref(const struct model *m, uint32_t i)
{
	size_t lo = 0, hi = m->nmx, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (m->mx[mid].rec < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->nmx && m->mx[lo].rec == i ? m->mx[lo].pref : 0;
}

/* Counting sort by owner: linear, and stable, so records of one owner stay
 * in the order they were read. */
static int
group_by_owner(struct model *m)
{
	struct rec *out;
	uint32_t *pos;
	size_t i, k, sum = 0;

	if (m->nrecs == 0)
		return 0;
	if (grouped(m)) {
		/* What the copy would have given back. */
		if (m->caprecs > m->nrecs &&
		    (out = realloc(m->recs, m->nrecs * sizeof(*out))) != NULL) {
			m->recs = out;
			m->bytes -= (m->caprecs - m->nrecs) * sizeof(*out);
			m->caprecs = m->nrecs;
		}
		return 0;
	}
	if ((out = malloc(m->nrecs * sizeof(*out))) == NULL)
		return RDA_ENOMEM;
	if ((pos = malloc(m->nnodes * sizeof(*pos))) == NULL) {
		free(out);
		return RDA_ENOMEM;
	}
	for (i = 0; i < m->nnodes; i++) {
		m->nodes[i].first = (uint32_t)sum;
		pos[i] = (uint32_t)sum;
		sum += m->nodes[i].nrec;
	}
	for (i = 0, k = 0; i < m->nrecs; i++) {
		uint32_t to = pos[m->recs[i].owner]++;

		out[to] = m->recs[i];
		/* The MX side table is in record order: it follows. */
		if (k < m->nmx && m->mx[k].rec == i)
			m->mx[k++].rec = to;
	}
	free(pos);
	if (m->nmx > 0)
		qsort(m->mx, m->nmx, sizeof(*m->mx), mx_cmp);
	free(m->recs);
	m->recs = out;
	m->bytes -= (m->caprecs - m->nrecs) * sizeof(*m->recs);
	m->caprecs = m->nrecs;
	return 0;
}

/* Orders the data of records A and B of one type: an AAAA by its
 * address, the others by their bytes. */
static int
rd_cmp(const struct model *m, const struct rec *a, const struct rec *b)
{
	if (a->type == RT_AAAA)
		return memcmp(m->addr6[a->rd.a6].b, m->addr6[b->rd.a6].b, 16);
	return memcmp(&a->rd, &b->rd, sizeof(a->rd));
}

/* Orders records of one owner by zone, type and data; the record index
 * breaks ties so that the first of equal records is kept. */
static const struct model *dup_model;

static int
dup_cmp(const void *pa, const void *pb)
{
	const struct rec *a = &dup_model->recs[*(const uint32_t *)pa];
	const struct rec *b = &dup_model->recs[*(const uint32_t *)pb];
	uint32_t za = model_rec_zone(dup_model, a);
	uint32_t zb = model_rec_zone(dup_model, b);
	uint16_t pa_, pb_;
	int c;

	if (za != zb)
		return za < zb ? -1 : 1;
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	if (a->type == RT_MX && (pa_ = model_mx_pref(dup_model,
	    *(const uint32_t *)pa)) != (pb_ = model_mx_pref(dup_model,
	    *(const uint32_t *)pb)))
		return pa_ < pb_ ? -1 : 1;
	if ((c = rd_cmp(dup_model, a, b)) != 0)
		return c;
	return *(const uint32_t *)pa < *(const uint32_t *)pb ? -1 : 1;
}

static bool
interpreted(uint16_t type)
{
	return type == RT_A || type == RT_AAAA || type == RT_PTR ||
	    type == RT_CNAME || type == RT_NS || type == RT_MX ||
	    type == RT_DNAME;
}

/* RFC 2181 §5: identical records of an RRset are one record (BIND merges
 * them; names compare case-insensitively since labels are stored lower
 * case).  Marks the later copies with type 0, per owner in O(k log k),
 * and adds their number to *MARKED. */
static int
mark_duplicates(struct model *m, size_t *marked)
{
	uint32_t *idx = NULL;
	size_t cap = 0, i, j, k, keep;

	dup_model = m;
	for (i = 0; i < m->nnodes; i++) {
		const struct node *n = &m->nodes[i];

		if (n->nrec < 2)
			continue;
		if (n->nrec > cap) {
			uint32_t *t = realloc(idx, n->nrec * sizeof(*idx));

			if (t == NULL) {
				free(idx);
				return RDA_ENOMEM;
			}
			idx = t;
			cap = n->nrec;
		}
		for (k = 0, j = 0; j < n->nrec; j++)
			if (interpreted(m->recs[n->first + j].type))
				idx[k++] = n->first + (uint32_t)j;
		qsort(idx, k, sizeof(*idx), dup_cmp);
		for (keep = 0, j = 1; j < k; j++) {
			struct rec *a = &m->recs[idx[keep]];
			struct rec *b = &m->recs[idx[j]];

			if (a->type == b->type && (a->type != RT_MX ||
			    model_mx_pref(m, idx[keep]) ==
			    model_mx_pref(m, idx[j])) &&
			    model_rec_zone(m, a) == model_rec_zone(m, b) &&
			    rd_cmp(m, a, b) == 0) {
				b->type = 0;
				(*marked)++;
			} else
				keep = j;
		}
	}
	free(idx);
	return 0;
}

/* Drops the records marked with type 0 and recomputes each owner's range
 * and each zone's count.  In array order, where the records of an owner
 * are together (in node order after a sort, in file order when they came
 * that way): nothing is written before it is read. */
static void
compact(struct model *m)
{
	size_t i, k, kout, out = 0;

	for (i = 0; i < m->nzones; i++)
		m->zones[i].records = 0;
	for (i = 0; i < m->nnodes; i++)
		m->nodes[i].nrec = 0;
	for (i = 0, k = 0, kout = 0; i < m->nrecs; i++) {
		struct rec *r = &m->recs[i];
		struct node *n = &m->nodes[r->owner];
		bool mx = k < m->nmx && m->mx[k].rec == i;

		if (mx)
			k++;
		if (r->type == 0)
			continue;
		if (mx) {
			m->mx[kout] = m->mx[k - 1];
			m->mx[kout++].rec = (uint32_t)out;
		}
		if (n->nrec++ == 0)
			n->first = (uint32_t)out;
		m->zones[model_rec_zone(m, r)].records++;
		m->recs[out++] = *r;
	}
	m->nrecs = out;
	m->nmx = kout;
}

int
model_finish(struct model *m)
{
	struct node *n, *p;
	struct rec *r;
	size_t i, j, marked = 0;
	int rc;

	if ((rc = group_by_owner(m)) < 0 ||
	    (rc = mark_duplicates(m, &marked)) < 0)
		return rc;
	if (marked > 0)
		compact(m);	/* else it would rewrite what is there */
	/* Parents first: each node takes the zone of the longest apex above it,
	 * and is occluded when its parent is a cut or occluded in that zone. */
	for (i = 1; i < m->nnodes; i++) {
		n = &m->nodes[i];
		p = &m->nodes[n->parent];
		if ((n->flags & NODE_APEX) == 0) {
			n->zone = p->zone;
			if (p->flags & (NODE_CUT | NODE_OCCLUDED))
				n->flags |= NODE_OCCLUDED;
		}
		if (n->zone == MODEL_NONE)
			continue;
		for (j = 0; j < n->nrec; j++) {
			r = &m->recs[n->first + j];
			if (model_rec_zone(m, r) != n->zone) {
				if ((n->flags & NODE_APEX) &&
				    p->zone != MODEL_NONE &&
				    model_rec_zone(m, r) == p->zone)
					n->flags |= NODE_PARENT_DATA;
				continue;
			}
			n->flags |= NODE_DATA | NODE_EXISTS;
			if (r->type == RT_NS && (n->flags & NODE_APEX) == 0)
				n->flags |= NODE_CUT;
		}
	}
	/* Children last: a node exists when a descendant of the same zone has
	 * data (empty non-terminals, RFC 8020). */
	for (i = m->nnodes - 1; i > 0; i--) {
		n = &m->nodes[i];
		p = &m->nodes[n->parent];
		if ((n->flags & NODE_EXISTS) && (n->flags & NODE_APEX) == 0 &&
		    p->zone == n->zone)
			p->flags |= NODE_EXISTS;
		/* A loaded child's apex still holds the parent's delegation:
		 * the names between it and the parent's apex exist in the
		 * parent, as they do when the child is not loaded. */
		if ((n->flags & NODE_PARENT_DATA) && p->zone != MODEL_NONE)
			p->flags |= NODE_EXISTS;
	}
	m->finished = true;
	return 0;
}

/* Live data: see model.h. */

int
model_reopen(struct model *m)
{
	size_t i;

	for (i = 0; i < m->nnodes; i++)
		m->nodes[i].flags &= NODE_APEX | NODE_FAIL_MASK;
	m->finished = false;
	return 0;
}

int
model_live_zone_add(struct model *m, const uint8_t *apex, const char *source,
    uint32_t *zone)
{
	int rc;

	if ((rc = model_zone_add(m, apex, source, zone)) == 0)
		m->zones[*zone].live = true;
	return rc;
}

void
model_fail_set(struct model *m, uint32_t id, enum model_fail code)
{
	struct node *n = &m->nodes[id];

	n->flags = (uint16_t)((n->flags & ~NODE_FAIL_MASK) |
	    ((unsigned)code << NODE_FAIL_SHIFT));
}
