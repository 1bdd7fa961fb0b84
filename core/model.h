/* model.h -- the loaded DNS data: one name tree shared by all zones, the
 * records that hang from it, the zones and the sources records came from.
 *
 * Built for tens of millions of records.  A name is a node {parent, label}
 * interned in a hash table, so a name costs one node plus its last label,
 * and every ancestor of a name is a node too (the tree is complete).  A
 * parent is always interned before its children, so parent ids are smaller
 * than child ids: one pass in id order visits parents first.  Records keep
 * only what the audit uses (addresses, target names) and their source line.
 *
 * The model knows nothing of files or ldns: loaders feed it wire-form names
 * and records, then call model_finish(), after which it is read-only --
 * except for live resolution (see "Live data" below), which reopens it
 * once to add what it learned and finishes it again.
 */
#ifndef RDA_MODEL_H
#define RDA_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/names.h"

#define MODEL_NONE UINT32_MAX

/* Record types the model interprets; all others are kept as existence. */
enum {
	RT_A = 1, RT_NS = 2, RT_CNAME = 5, RT_SOA = 6, RT_PTR = 12,
	RT_MX = 15, RT_TXT = 16, RT_AAAA = 28, RT_DNAME = 39,
	RT_OTHER = 255,		/* any type over 254 (struct rec) */
};

/* TYPE as struct rec keeps it. */
static inline unsigned
model_type(unsigned type)
{
	return type < RT_OTHER ? type : RT_OTHER;
}

/* Node flags. */
enum {
	NODE_APEX = 1 << 0,	/* apex of a loaded zone */
	NODE_CUT = 1 << 1,	/* delegation: NS at a non-apex name */
	NODE_OCCLUDED = 1 << 2,	/* strictly below a cut of its zone */
	NODE_DATA = 1 << 3,	/* has records of its authoritative zone */
	NODE_EXISTS = 1 << 4,	/* DATA, or an ancestor of such a node */
	NODE_PARENT_DATA = 1 << 5, /* an apex holding data of the zone above
				    * it (the parent's delegation) */
	/* Bits 6-8: why a live look-up of this name failed (enum
	 * model_fail), 0 when it did not fail or was not made. */
	NODE_FAIL_SHIFT = 6,
	NODE_FAIL_MASK = 7 << 6,
};

/* Why a live look-up failed: a name with one of these is unknown, never
 * taken for a name that does not exist. */
enum model_fail {
	FAIL_NONE, FAIL_TIMEOUT, FAIL_SERVFAIL, FAIL_REFUSED, FAIL_RCODE,
	FAIL_NETWORK, FAIL_BOGUS, FAIL_LIMIT,
};

/* At most this many records at one name (model_rec_add()). */
#define MODEL_NREC_MAX ((1u << 23) - 1)

/* 20 bytes: the record count and the flags share a word. */
struct node {
	uint32_t parent;	/* MODEL_NONE for the root */
	uint32_t label;		/* offset of [len][bytes] in the label arena */
	uint32_t zone;		/* zone with the longest apex above, or NONE */
	uint32_t first;		/* first record (after model_finish) */
	uint32_t nrec : 23;	/* records owned, every zone together */
	uint32_t flags : 9;	/* NODE_* */
};

/* Where a record came from: a file (line > 0) or a transfer. */
struct source {
	char *path;		/* file path, or "SERVER zone ORIGIN" */
	uint32_t zone;
	bool axfr;
};

/* At most this many sources (files, transfers) in a model. */
#define MODEL_SRC_MAX ((1u << 24) - 1)

/* 16 bytes: an IPv6 address lives in a side table (m->addr6), so the
 * records of every other type do not pay 12 bytes for it, and so does an
 * MX preference (m->mx), which only tells duplicates apart; the TTL,
 * which no check reads, is not kept (--dump shows the records as
 * loaded).  A type over 254 is kept as RT_OTHER (model_type()): such a
 * record tells only that its name exists. */
struct rec {
	uint32_t owner;		/* node id */
	uint32_t src : 24;	/* source id; the zone is the source's */
	uint32_t type : 8;	/* RT_*, RT_OTHER, 0 for a dropped copy */
	uint32_t line;		/* first line of the record, 0 if none */
	union {
		uint8_t a4[4];		/* A */
		uint32_t a6;		/* AAAA: index into m->addr6 */
		uint32_t target;	/* PTR, CNAME, NS, MX, DNAME: node id */
		uint32_t serial;	/* SOA */
	} rd;
};

struct addr6 {
	uint8_t b[16];
};

struct zone {
	uint32_t apex;		/* node id */
	char *source;		/* what the user named: a path or server */
	uint32_t serial;
	uint64_t records;
	bool has_soa;
	bool live;		/* answers of live resolution, see below */
};

struct model_spf;		/* SPF texts: core/model_spf.c */
struct model_bucket;		/* the name table's: core/model.c */

struct model {
	struct node *nodes;
	size_t nnodes, capnodes;
	uint8_t *labels;	/* arena: [len][lower-cased bytes]... */
	size_t nlabels, caplabels;
	/* The name table, open addressing over nbuckets buckets of a
	 * cache line each (any number, core/model.c: bucket_of()), each of
	 * 12 slots: a byte of each name's hash, 0 when the slot is free,
	 * and the node id.  caphash counts the slots. */
	struct model_bucket *buckets;
	void *hashmem;		/* what was allocated for them, */
	size_t hashlen;		/* mapped bytes, or 0: from calloc() */
	size_t nbuckets, caphash;
	struct rec *recs;
	size_t nrecs, caprecs;
	struct addr6 *addr6;	/* AAAA addresses (struct rec) */
	size_t naddr6, capaddr6;
	struct model_mx {	/* MX preferences, by record */
		uint32_t rec;
		uint16_t pref;
	} *mx;
	size_t nmx, capmx;
	struct zone *zones;
	size_t nzones;
	struct source *srcs;
	size_t nsrcs;
	struct model_spf *spf;	/* NULL until the first SPF text */
	bool finished;
	/* The last names interned and the ids of all their suffixes: a zone
	 * file's names share their parents with the record before, so most
	 * labels need no hash probe (model_name). */
	struct model_recent {
		uint8_t wire[NAMES_WIRE_MAX + 1];
		size_t len;		/* of wire */
		uint8_t off[128];	/* label offsets, leftmost first */
		uint32_t id[128];	/* node of the suffix at each label */
		int n;			/* labels; 0 when empty */
		unsigned used;		/* last use, to replace the oldest */
	} recent[2];
	unsigned tick;
	size_t bytes;		/* allocated for nodes, labels, hash, records */
	size_t max_bytes;	/* growing past this fails with RDA_ELIMIT;
				 * 0 = no limit (set by the loader) */
};

/* Returns a new empty model holding the root node, or NULL. */
struct model *model_new(void);
void model_free(struct model *m);

/* Interns WIRE (and its ancestors); sets *ID.  Returns 0 or RDA_ENOMEM,
 * RDA_EINVAL for a malformed name, RDA_ELIMIT past max_bytes or 2^32
 * nodes. */
int model_name(struct model *m, const uint8_t *wire, uint32_t *id);

/* What model_prefetch() found out about a name: its parent node and the
 * hash of its first label there.  Node ids never change, so the hint
 * stays true however many names are interned in between. */
struct model_hint {
	bool ok;		/* false: nothing known */
	int recent;		/* the recent name it came from */
	uint32_t parent, hash;
};

/* A look-ahead before model_name(WIRE), LEN bytes: when the parent of
 * WIRE is one of the names interned last (byte for byte), fills *HINT and
 * starts loading the hash slot the look-up will probe first, so that the
 * cache miss overlaps other work.  Changes nothing in M. */
void model_prefetch(const struct model *m, const uint8_t *wire, size_t len,
    struct model_hint *hint);

/* model_name() with the hint model_prefetch() gave for WIRE: with one,
 * only WIRE's first label is looked up (or added) under the parent, with
 * the hash already computed; the recent names are left as they are. */
int model_name_hint(struct model *m, const uint8_t *wire,
    const struct model_hint *hint, uint32_t *id);

/* A hint before NAMES more names are interned: grows the hash table to
 * hold them now, instead of doubling it (and moving every slot) about
 * log2(NAMES) times on the way.  Does nothing it cannot afford. */
void model_reserve(struct model *m, size_t names);

/* Finds WIRE without adding it.  Returns its id, or MODEL_NONE; when
 * CLOSEST is not NULL it receives the deepest node on the way (at least
 * the root) and *DEPTH_MISSING the number of labels of WIRE below it. */
uint32_t model_find(const struct model *m, const uint8_t *wire,
    uint32_t *closest, unsigned *missing);

/* The child of PARENT with the one label LABEL (LEN bytes), or MODEL_NONE. */
uint32_t model_child(const struct model *m, uint32_t parent,
    const uint8_t *label, size_t len);

/* Writes the name of node ID in wire form to OUT (NAMES_WIRE_MAX bytes);
 * returns the length. */
size_t model_wire(const struct model *m, uint32_t id, uint8_t *out);

/* Writes the name of node ID in presentation form to BUF (NAMES_TXT_MAX). */
char *model_fmt(const struct model *m, uint32_t id, char *buf);

/* Adds a zone with apex APEX (wire).  SOURCE is copied.  Returns 0,
 * RDA_EINVAL when a zone with that apex exists, or RDA_ENOMEM. */
int model_zone_add(struct model *m, const uint8_t *apex, const char *source,
    uint32_t *zone);

/* Adds a source (a file or a transfer) of ZONE; PATH is copied. */
int model_source_add(struct model *m, uint32_t zone, const char *path,
    bool axfr, uint32_t *src);

/* Appends a copy of R; for an AAAA record, ADDR6 is its address (16
 * bytes, kept in the side table; R's rd is not read), otherwise NULL;
 * for an MX record, PREF is its preference.  Returns 0, RDA_ENOMEM,
 * RDA_ELIMIT past max_bytes or 2^32 records, or RDA_EOWNER past
 * MODEL_NREC_MAX records at R's owner. */
int model_rec_add(struct model *m, const struct rec *r,
    const uint8_t *addr6, uint16_t pref);

/* The preference of MX record I. */
uint16_t model_mx_pref(const struct model *m, uint32_t i);

/* Groups records by owner (stable: file order is kept within an owner) and
 * computes each node's zone, cuts, occlusion and existence.  Call once,
 * after the last record. */
int model_finish(struct model *m);

/* Live data.  What live resolution (zones/resolve.c) learns about a name
 * that no loaded zone answers for is added as a zone of its own whose apex
 * is that name and whose records are the answers (CNAME, PTR, A, AAAA; a
 * name that exists without them holds a record of a private type), so the
 * ordinary lookups and checks give verdicts on it.  Live zones are marked
 * `live`: the checks use them to answer, never as data to audit, and the
 * report does not list them among the loaded zones.  A name whose look-up
 * failed gets no zone but a failure code, and lookups treat it as unknown.
 *
 * model_reopen() undoes what model_finish() computed (records, names and
 * zones stay) so that more can be added; call model_finish() again after.
 * Record and node ids from before are invalid afterwards (xref_clear()
 * first).  Returns 0. */
int model_reopen(struct model *m);

/* Adds a live zone; as model_zone_add(). */
int model_live_zone_add(struct model *m, const uint8_t *apex,
    const char *source, uint32_t *zone);

/* Records that the live look-up of node ID failed with CODE. */
void model_fail_set(struct model *m, uint32_t id, enum model_fail code);

static inline enum model_fail
model_fail(const struct model *m, uint32_t id)
{
	if (id == MODEL_NONE)
		return FAIL_NONE;
	return (enum model_fail)((m->nodes[id].flags & NODE_FAIL_MASK) >>
	    NODE_FAIL_SHIFT);
}

/* SPF texts (core/model_spf.c).  The only TXT data the audit reads is the
 * text of SPF records (RFC 7208: TXT whose strings, joined, start with
 * "v=spf1"), kept in a side table so struct rec stays small and a model
 * without SPF pays one NULL pointer.  An entry names its TXT record by
 * owner node, source and line, which model_finish() does not change. */

/* Whether TEXT (LEN bytes, the strings of a TXT joined) is an SPF record:
 * "v=spf1" in any case, then a space or the end (RFC 7208 §4.5). */
bool model_spf_is(const char *text, size_t len);

/* Adds the SPF text TEXT (LEN bytes, copied) of the TXT record at OWNER
 * read from source SRC at LINE.  Returns 0, RDA_ENOMEM or RDA_ELIMIT. */
int model_spf_add(struct model *m, uint32_t owner, uint32_t src,
    uint32_t line, const char *text, size_t len);

/* The number of SPF texts, and text I (NUL-terminated, owned by the model)
 * with its record's owner, source and line. */
size_t model_spf_count(const struct model *m);
const char *model_spf_get(const struct model *m, size_t i, uint32_t *owner,
    uint32_t *src, uint32_t *line);

/* Frees the side table; model_free() calls it. */
void model_spf_free(struct model *m);

/* The address of A or AAAA record R: 4 or 16 bytes. */
static inline const uint8_t *
model_rec_addr(const struct model *m, const struct rec *r)
{
	return r->type == RT_AAAA ? m->addr6[r->rd.a6].b : r->rd.a4;
}

/* The same, as a struct addr. */
static inline struct addr
model_rec_ip(const struct model *m, const struct rec *r)
{
	struct addr a;

	memset(&a, 0, sizeof(a));
	a.family = r->type == RT_A ? 4 : 6;
	memcpy(a.b, model_rec_addr(m, r), a.family == 4 ? 4 : 16);
	return a;
}

/* The zone of record R. */
static inline uint32_t
model_rec_zone(const struct model *m, const struct rec *r)
{
	return m->srcs[r->src].zone;
}

/* Whether node ID is authoritative data: inside a loaded zone, not at or
 * below a delegation cut of that zone. */
static inline bool
model_auth(const struct model *m, uint32_t id)
{
	const struct node *n = &m->nodes[id];

	return n->zone != MODEL_NONE &&
	    (n->flags & (NODE_CUT | NODE_OCCLUDED)) == 0;
}

/* Whether R belongs to the authoritative data of its owner (not a copy held
 * by a parent zone, not glue, not occluded). */
static inline bool
model_rec_auth(const struct model *m, const struct rec *r)
{
	return model_auth(m, r->owner) &&
	    m->nodes[r->owner].zone == model_rec_zone(m, r);
}

/* Whether R is live data (an answer of live resolution). */
static inline bool
model_rec_live(const struct model *m, const struct rec *r)
{
	return m->zones[model_rec_zone(m, r)].live;
}

#endif
