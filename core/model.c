/* model.c -- the name tree, records and zones; see model.h. */
#include <stdlib.h>
#include <string.h>

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

uint32_t
model_child(const struct model *m, uint32_t parent, const uint8_t *label,
    size_t len)
{
	size_t mask = m->caphash - 1;
	size_t i = hash_of(parent, label, len) & mask;
	uint32_t id;

	while ((id = m->hash[i]) != MODEL_NONE) {
		if (node_is(m, id, parent, label, len))
			return id;
		i = (i + 1) & mask;
	}
	return MODEL_NONE;
}

static int
rehash(struct model *m)
{
	size_t cap = m->caphash * 2, mask = cap - 1, i, j;
	uint32_t *h;

	if (!affordable(m, cap * sizeof(*h)))
		return RDA_ELIMIT;
	if ((h = malloc(cap * sizeof(*h))) == NULL)
		return RDA_ENOMEM;
	memset(h, 0xff, cap * sizeof(*h));
	for (i = 1; i < m->nnodes; i++) {
		const uint8_t *l = m->labels + m->nodes[i].label;

		j = hash_of(m->nodes[i].parent, l + 1, l[0]) & mask;
		while (h[j] != MODEL_NONE)
			j = (j + 1) & mask;
		h[j] = (uint32_t)i;
	}
	free(m->hash);
	m->hash = h;
	m->bytes += (cap - m->caphash) * sizeof(*h);
	m->caphash = cap;
	return 0;
}

static int
child_add(struct model *m, uint32_t parent, const uint8_t *label, size_t len,
    uint32_t *id)
{
	struct node *n;
	size_t i, mask;
	int rc;

	if ((*id = model_child(m, parent, label, len)) != MODEL_NONE)
		return 0;
	if (m->nnodes >= MODEL_NONE - 1)
		return RDA_ELIMIT;
	/* Keep the load factor at or under one half. */
	if ((m->nnodes + 1) * 2 > m->caphash && (rc = rehash(m)) < 0)
		return rc;
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
	mask = m->caphash - 1;
	i = hash_of(parent, label, len) & mask;
	while (m->hash[i] != MODEL_NONE)
		i = (i + 1) & mask;
	*id = (uint32_t)m->nnodes;
	m->hash[i] = *id;
	m->nnodes++;
	return 0;
}

struct model *
model_new(void)
{
	struct model *m = calloc(1, sizeof(*m));

	if (m == NULL)
		return NULL;
	m->caphash = 1024;
	m->hash = malloc(m->caphash * sizeof(*m->hash));
	m->nodes = calloc(64, sizeof(*m->nodes));
	m->labels = malloc(64);
	if (m->hash == NULL || m->nodes == NULL || m->labels == NULL) {
		model_free(m);
		return NULL;
	}
	memset(m->hash, 0xff, m->caphash * sizeof(*m->hash));
	m->capnodes = 64;
	m->caplabels = 64;
	m->bytes = m->caphash * sizeof(*m->hash) + 64 * sizeof(*m->nodes) + 64;
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
	free(m->labels);
	free(m->hash);
	free(m->recs);
	free(m);
}

/* Splits WIRE into label offsets, leftmost first; returns the count or -1. */
static int
labels_of(const uint8_t *wire, size_t off[128])
{
	size_t p = 0;
	int n = 0;

	if (names_wire_len(wire) == 0)
		return -1;
	while (wire[p] != 0) {
		off[n++] = p;
		p += 1 + wire[p];
	}
	return n;
}

int
model_name(struct model *m, const uint8_t *wire, uint32_t *id)
{
	size_t off[128];
	uint32_t cur = 0;
	int n, i, rc;

	if ((n = labels_of(wire, off)) < 0)
		return RDA_EINVAL;
	for (i = n - 1; i >= 0; i--) {
		rc = child_add(m, cur, wire + off[i] + 1, wire[off[i]], &cur);
		if (rc < 0)
			return rc;
	}
	*id = cur;
	return 0;
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
	size_t i;
	int rc;

	if ((rc = model_name(m, apex, &id)) < 0)
		return rc;
	for (i = 0; i < m->nzones; i++)
		if (m->zones[i].apex == id)
			return RDA_EINVAL;
	if ((z = realloc(m->zones, (m->nzones + 1) * sizeof(*z))) == NULL)
		return RDA_ENOMEM;
	m->zones = z;
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

	if ((s = realloc(m->srcs, (m->nsrcs + 1) * sizeof(*s))) == NULL)
		return RDA_ENOMEM;
	m->srcs = s;
	s = &m->srcs[m->nsrcs];
	if ((s->path = strdup(path)) == NULL)
		return RDA_ENOMEM;
	s->zone = zone;
	s->axfr = axfr;
	*src = (uint32_t)m->nsrcs++;
	return 0;
}

int
model_rec_add(struct model *m, const struct rec *r)
{
	int rc;

	if (m->nrecs >= MODEL_NONE - 1)
		return RDA_ELIMIT;
	if ((rc = grow(m, (void **)&m->recs, &m->caprecs, m->nrecs + 1,
	    sizeof(*m->recs))) < 0)
		return rc;
	m->recs[m->nrecs++] = *r;
	m->nodes[r->owner].nrec++;
	m->zones[m->srcs[r->src].zone].records++;
	return 0;
}

/* Counting sort by owner: linear, and stable, so records of one owner stay
 * in the order they were read. */
static int
group_by_owner(struct model *m)
{
	struct rec *out;
	uint32_t *pos;
	size_t i, sum = 0;

	if (m->nrecs == 0)
		return 0;
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
	for (i = 0; i < m->nrecs; i++)
		out[pos[m->recs[i].owner]++] = m->recs[i];
	free(pos);
	free(m->recs);
	m->recs = out;
	m->bytes -= (m->caprecs - m->nrecs) * sizeof(*m->recs);
	m->caprecs = m->nrecs;
	return 0;
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
	int c;

	if (za != zb)
		return za < zb ? -1 : 1;
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	if (a->pref != b->pref)
		return a->pref < b->pref ? -1 : 1;
	if ((c = memcmp(&a->rd, &b->rd, sizeof(a->rd))) != 0)
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
 * case).  Marks the later copies with type 0, per owner in O(k log k). */
static int
mark_duplicates(struct model *m)
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

			if (a->type == b->type && a->pref == b->pref &&
			    model_rec_zone(m, a) == model_rec_zone(m, b) &&
			    memcmp(&a->rd, &b->rd, sizeof(a->rd)) == 0)
				b->type = 0;
			else
				keep = j;
		}
	}
	free(idx);
	return 0;
}

/* Drops the records marked with type 0 and recomputes each owner's range
 * and each zone's count. */
static void
compact(struct model *m)
{
	size_t i, j, out = 0;

	for (i = 0; i < m->nzones; i++)
		m->zones[i].records = 0;
	for (i = 0; i < m->nnodes; i++) {
		struct node *n = &m->nodes[i];
		size_t first = out;

		for (j = 0; j < n->nrec; j++) {
			struct rec *r = &m->recs[n->first + j];

			if (r->type == 0)
				continue;
			m->zones[model_rec_zone(m, r)].records++;
			m->recs[out++] = *r;
		}
		n->first = (uint32_t)first;
		n->nrec = (uint32_t)(out - first);
	}
	m->nrecs = out;
}

int
model_finish(struct model *m)
{
	struct node *n, *p;
	struct rec *r;
	size_t i, j;
	int rc;

	if ((rc = group_by_owner(m)) < 0 || (rc = mark_duplicates(m)) < 0)
		return rc;
	compact(m);
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
			if (model_rec_zone(m, r) != n->zone)
				continue;
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
	}
	m->finished = true;
	return 0;
}
