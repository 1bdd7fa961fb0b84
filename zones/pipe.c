/* pipe.c -- the parser-to-builder hand-over; see pipe.h.
 *
 * Batches are byte buffers of entries, each a kind byte and its fields:
 *   record:     kind, struct rec, [16-byte address] with E_ADDR6,
 *               [u16 MX preference] with E_PREF,
 *               owner [len][wire], target [len][wire] when kind has
 *               E_TARGET, SPF [u32 len][text] with E_SPF;
 *               E_FAST when the fast path parsed it
 *   diagnostic: kind, severity (+2: not counted), file pointer, line,
 *               [u16 len][text]
 *   progress:   kind, struct progress
 *   reserve:    kind, size_t names
 * NBUF buffers circulate in turn: the parser fills one while the builder
 * empties the oldest handed over, and the parser waits only when every
 * other buffer is handed over and not yet built.  The builder looks
 * AHEAD entries ahead of the one it builds (build()).
 */
#include <inttypes.h>
#include <ldns/ldns.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "zones/pipe.h"

/* The largest entry, a record with two names and 65,535 bytes of SPF,
 * is a quarter of a batch. */
#define BUF_SIZE (256 * 1024)
#define NBUF 4
/* How many entries the builder looks ahead: enough for the hash slots of
 * several records to be on their way from memory at once (eight measured
 * no better: the parent of a record that far on is more often not yet
 * among the recent names). */
#define AHEAD 4

enum {
	E_REC = 1, E_DIAG = 2, E_TARGET = 4, E_SPF = 8, E_PROGRESS = 16,
	E_RESERVE = 32, E_FAST = 64, E_ADDR6 = 128,
	E_PREF = E_DIAG,	/* with E_REC, which is never with E_DIAG */
};

struct progress {
	const char *zone;
	uint64_t records;
	long long done, size;
};

struct pipe {
	struct model *m;
	const struct load_opts *o;
	const char *source;
	bool threaded;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;	/* any change of the fields below */
	uint8_t *buf[NBUF];
	size_t len[NBUF];
	unsigned head, queued;	/* batches handed over and not yet built
				 * (the one being built among them):
				 * buf[head ...], in order */
	bool done;		/* no more batches will come */
	uint8_t *cur;		/* the batch being filled */
	size_t curlen;
	unsigned curidx;
	atomic_int rc;		/* the builder's error, 0 while none */
	/* The look-ahead: hints for the names of the records AHEAD entries
	 * on, by entry (see build()). */
	struct ahead {
		const uint8_t *entry;
		struct model_hint hint[2];	/* owner, target */
	} ahead[AHEAD];
	struct pipe_counts n;	/* what the builder delivered and added */
};

static void
deliver(struct pipe *p, enum diag_sev sev, bool count, const char *file,
    unsigned line, const char *msg)
{
	if (!count)
		;
	else if (sev == DIAG_ERROR)
		p->n.errors++;
	else
		p->n.warnings++;
	if (p->o->diag != NULL)
		p->o->diag(p->o->ctx, sev, file, line, msg);
}

/* Reports why the model could not take the record R; returns the error
 * when it ends the load, 0 when the record is only skipped. */
static int
refused(struct pipe *p, const struct rec *r, int rc)
{
	const char *file = p->m->srcs[r->src].path;
	const ldns_rr_descriptor *d;
	char msg[512];

	if (rc == RDA_EINVAL) {
		d = ldns_rr_descript(r->type);
		snprintf(msg, sizeof(msg), "bad rdata for %s",
		    d != NULL && d->_name != NULL ? d->_name : "this type");
		deliver(p, DIAG_ERROR, true, file, r->line, msg);
		return 0;
	}
	if (rc == RDA_EOWNER) {
		char name[NAMES_TXT_MAX];

		snprintf(msg, sizeof(msg), "more than %u records at %s; "
		    "stopping here", MODEL_NREC_MAX,
		    model_fmt(p->m, r->owner, name));
		deliver(p, DIAG_ERROR, true, file, r->line, msg);
	}
	if (rc == RDA_ELIMIT) {
		snprintf(msg, sizeof(msg), "zone %s needs more than %" PRIu64
		    " MiB of memory; stopping here (raise the limit with "
		    "--max-memory)", p->source, p->o->max_memory >> 20);
		deliver(p, DIAG_ERROR, true, file, r->line, msg);
	}
	return rc;
}

/* The bytes of a record entry of KIND before its owner name: the kind,
 * the struct rec and what E_ADDR6 and E_PREF add. */
static size_t
rec_head(uint8_t kind)
{
	return 1 + sizeof(struct rec) + (kind & E_ADDR6 ? 16 : 0) +
	    (kind & E_PREF ? 2 : 0);
}

/* The entry after E. */
static const uint8_t *
entry_next(const uint8_t *e)
{
	uint32_t spflen;
	uint16_t n;
	uint8_t kind = *e;

	if (kind & E_REC) {
		e += rec_head(kind);
		e += 1 + e[0];
		if (kind & E_TARGET)
			e += 1 + e[0];
		if (kind & E_SPF) {
			memcpy(&spflen, e, 4);
			e += 4 + spflen;
		}
		return e;
	}
	if (kind & E_RESERVE)
		return e + 1 + sizeof(size_t);
	if (kind & E_PROGRESS)
		return e + 1 + sizeof(struct progress);
	memcpy(&n, e + 6 + sizeof(const char *), 2);
	return e + 8 + sizeof(const char *) + n + 1;
}

/* The hints of look-ahead A, whose entry is a record, that are still
 * missing (model_prefetch(), which starts loading their hash slots). */
static void
hints(struct pipe *p, struct ahead *a)
{
	const uint8_t *e = a->entry;
	uint8_t kind = *e;

	e += rec_head(kind);
	if (!a->hint[0].ok)
		model_prefetch(p->m, e + 1, e[0], &a->hint[0]);
	if ((kind & E_TARGET) && !a->hint[1].ok)
		model_prefetch(p->m, e + 1 + e[0] + 1, e[1 + e[0]],
		    &a->hint[1]);
}

/* The look-ahead for entry E: when it is a record, hints for its names. */
static void
scout(struct pipe *p, const uint8_t *e, unsigned i)
{
	struct ahead *a = &p->ahead[i % AHEAD];

	a->entry = e;
	a->hint[0].ok = a->hint[1].ok = false;
	if (*e & E_REC)
		hints(p, a);
}

/* Interns the names of the record at E (the look-ahead's hints in A, or
 * NULL) and adds it. */
static int
build_rec(struct pipe *p, const uint8_t *e, const struct ahead *a)
{
	static const struct model_hint none = { .ok = false };
	struct rec r;
	const uint8_t *owner, *target = NULL, *spf = NULL, *addr6 = NULL;
	uint32_t spflen = 0;
	uint16_t pref = 0;
	uint8_t kind = *e++;
	int rc;

	memcpy(&r, e, sizeof(r));
	e += sizeof(r);
	if (kind & E_ADDR6) {
		addr6 = e;
		e += 16;
	}
	if (kind & E_PREF) {
		memcpy(&pref, e, 2);
		e += 2;
	}
	owner = e + 1;
	e += 1 + e[0];
	if (kind & E_TARGET) {
		target = e + 1;
		e += 1 + e[0];
	}
	if (kind & E_SPF) {
		memcpy(&spflen, e, 4);
		spf = e + 4;
	}
	if ((rc = model_name_hint(p->m, owner, a ? &a->hint[0] : &none,
	    &r.owner)) < 0 ||
	    (target != NULL && (rc = model_name_hint(p->m, target,
	    a ? &a->hint[1] : &none, &r.rd.target)) < 0) ||
	    (spf != NULL && (rc = model_spf_add(p->m, r.owner, r.src, r.line,
	    (const char *)spf, spflen)) < 0) ||
	    (rc = model_rec_add(p->m, &r, addr6, pref)) < 0)
		return refused(p, &r, rc);
	/* What is counted and known of the zone is what it holds: a record
	 * the parser read past the builder's failure is not among them. */
	p->n.records++;
	if (kind & E_FAST)
		p->n.fast++;
	if (r.type == RT_SOA) {
		struct zone *z = &p->m->zones[p->m->srcs[r.src].zone];

		z->has_soa = true;
		z->serial = r.rd.serial;
	}
	return 0;
}

/* Builds from one batch.  After an error nothing more is taken. */
static void
build(struct pipe *p, const uint8_t *b, size_t len)
{
	const uint8_t *e = b, *end = b + len;
	const uint8_t *s = b;	/* the scout, AHEAD entries on */
	const char *file;
	unsigned i = 0, j = 0;	/* entries of e, of s */
	uint32_t line;
	uint16_t n;
	int rc;

	for (; j < AHEAD && s < end; j++, s = entry_next(s))
		scout(p, s, j);
	for (; e < end && atomic_load(&p->rc) == 0; i++) {
		const struct ahead *a = &p->ahead[i % AHEAD];

		if (*e & E_REC) {
			if ((rc = build_rec(p, e, a->entry == e ? a :
			    NULL)) < 0)
				atomic_store(&p->rc, rc);
		}
		/* A name whose parent was interned after the scout
		 * passed (in ip6.arpa, a new parent every few records) is
		 * looked for again two entries before its turn. */
		if (i + 2 < j && (*p->ahead[(i + 2) % AHEAD].entry & E_REC))
			hints(p, &p->ahead[(i + 2) % AHEAD]);
		/* This entry's hints are used: its slot takes the one
		 * AHEAD entries on. */
		if (s < end)
			scout(p, s, j++), s = entry_next(s);
		if (*e & E_REC) {
			e = entry_next(e);
			continue;
		}
		if (*e & E_RESERVE) {
			size_t names;

			memcpy(&names, e + 1, sizeof(names));
			model_reserve(p->m, names);
			e += 1 + sizeof(names);
			continue;
		}
		if (*e & E_PROGRESS) {
			struct progress g;

			memcpy(&g, e + 1, sizeof(g));
			if (p->o->progress != NULL)
				p->o->progress(p->o->ctx, g.zone, g.records,
				    g.done, g.size);
			e += 1 + sizeof(g);
			continue;
		}
		memcpy(&file, e + 2, sizeof(file));
		memcpy(&line, e + 2 + sizeof(file), 4);
		memcpy(&n, e + 6 + sizeof(file), 2);
		deliver(p, (enum diag_sev)(e[1] & 1), (e[1] & 2) == 0, file,
		    line, (const char *)e + 8 + sizeof(file));
		e += 8 + sizeof(file) + n + 1;
	}
}

static void *
builder(void *arg)
{
	struct pipe *p = arg;
	unsigned i;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (p->queued == 0 && !p->done)
			pthread_cond_wait(&p->cv, &p->mu);
		if (p->queued == 0)
			break;
		i = p->head;
		pthread_mutex_unlock(&p->mu);
		build(p, p->buf[i], p->len[i]);
		pthread_mutex_lock(&p->mu);
		p->len[i] = 0;
		p->head = (p->head + 1) % NBUF;
		p->queued--;
		pthread_cond_broadcast(&p->cv);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* Hands the batch being filled to the builder and takes the next one.
 * Buffers are used in turn: the one after the last queued is free while
 * fewer than NBUF are queued. */
static void
flush(struct pipe *p)
{
	if (p->curlen == 0)
		return;
	if (!p->threaded) {
		build(p, p->cur, p->curlen);
		p->curlen = 0;
		return;
	}
	pthread_mutex_lock(&p->mu);
	p->len[p->curidx] = p->curlen;
	p->queued++;
	pthread_cond_broadcast(&p->cv);
	while (p->queued >= NBUF)
		pthread_cond_wait(&p->cv, &p->mu);
	pthread_mutex_unlock(&p->mu);
	p->curidx = (p->curidx + 1) % NBUF;
	p->cur = p->buf[p->curidx];
	p->curlen = 0;
}

static uint8_t *
room(struct pipe *p, size_t need)
{
	if (p->curlen + need > BUF_SIZE)
		flush(p);
	return p->cur + p->curlen;
}

struct pipe *
pipe_start(struct model *m, const struct load_opts *o, const char *source,
    bool threaded)
{
	struct pipe *p = calloc(1, sizeof(*p));
	unsigned i;

	if (p == NULL)
		return NULL;
	p->m = m;
	p->o = o;
	p->source = source;
	atomic_init(&p->rc, 0);
	for (i = 0; i < (threaded ? NBUF : 1); i++)
		if ((p->buf[i] = malloc(BUF_SIZE)) == NULL) {
			while (i > 0)
				free(p->buf[--i]);
			free(p);
			return NULL;
		}
	p->cur = p->buf[0];
	if (threaded) {
		pthread_mutex_init(&p->mu, NULL);
		pthread_cond_init(&p->cv, NULL);
		p->threaded = pthread_create(&p->thread, NULL, builder, p) == 0;
		if (!p->threaded) {
			pthread_mutex_destroy(&p->mu);
			pthread_cond_destroy(&p->cv);
		}
	}
	return p;
}

int
pipe_rec(struct pipe *p, const struct rec *r, const uint8_t *addr6,
    uint16_t pref, const uint8_t *owner, size_t no, const uint8_t *target,
    size_t nt, const char *spf, size_t len, bool fast)
{
	uint8_t *e, kind = E_REC | (fast ? E_FAST : 0);
	uint32_t n32 = (uint32_t)len;

	if (target != NULL)
		kind |= E_TARGET;
	if (spf != NULL)
		kind |= E_SPF;
	if (addr6 != NULL)
		kind |= E_ADDR6;
	if (r->type == RT_MX)
		kind |= E_PREF;
	e = room(p, 1 + sizeof(*r) + 16 + 2 + 1 + no + 1 + nt + 4 + len);
	*e++ = kind;
	memcpy(e, r, sizeof(*r));
	e += sizeof(*r);
	if (addr6 != NULL) {
		memcpy(e, addr6, 16);
		e += 16;
	}
	if (kind & E_PREF) {
		memcpy(e, &pref, 2);
		e += 2;
	}
	*e++ = (uint8_t)no;
	memcpy(e, owner, no);
	e += no;
	if (target != NULL) {
		*e++ = (uint8_t)nt;
		memcpy(e, target, nt);
		e += nt;
	}
	if (spf != NULL) {
		memcpy(e, &n32, 4);
		memcpy(e + 4, spf, len);
		e += 4 + len;
	}
	p->curlen = (size_t)(e - p->cur);
	return atomic_load(&p->rc);
}

int
pipe_diag(struct pipe *p, enum diag_sev sev, bool count, const char *file,
    unsigned line, const char *msg)
{
	size_t n = strlen(msg);
	uint32_t l32 = line;
	uint16_t n16;
	uint8_t *e;

	if (n > 4095)
		n = 4095;
	n16 = (uint16_t)n;
	e = room(p, 8 + sizeof(file) + n + 1);
	e[0] = E_DIAG;
	e[1] = (uint8_t)(sev | (count ? 0 : 2));
	memcpy(e + 2, &file, sizeof(file));
	memcpy(e + 2 + sizeof(file), &l32, 4);
	memcpy(e + 6 + sizeof(file), &n16, 2);
	memcpy(e + 8 + sizeof(file), msg, n);
	e[8 + sizeof(file) + n] = '\0';
	p->curlen += 8 + sizeof(file) + n + 1;
	return atomic_load(&p->rc);
}

int
pipe_progress(struct pipe *p, const char *zone, uint64_t records,
    long long done, long long size)
{
	struct progress g = { zone, records, done, size };
	uint8_t *e = room(p, 1 + sizeof(g));

	e[0] = E_PROGRESS;
	memcpy(e + 1, &g, sizeof(g));
	p->curlen += 1 + sizeof(g);
	return atomic_load(&p->rc);
}

int
pipe_reserve(struct pipe *p, size_t names)
{
	uint8_t *e = room(p, 1 + sizeof(names));

	e[0] = E_RESERVE;
	memcpy(e + 1, &names, sizeof(names));
	p->curlen += 1 + sizeof(names);
	return atomic_load(&p->rc);
}

int
pipe_sync(struct pipe *p)
{
	flush(p);
	if (p->threaded) {
		pthread_mutex_lock(&p->mu);
		while (p->queued > 0)
			pthread_cond_wait(&p->cv, &p->mu);
		pthread_mutex_unlock(&p->mu);
	}
	return atomic_load(&p->rc);
}

int
pipe_end(struct pipe *p, struct pipe_counts *n)
{
	unsigned i;
	int rc;

	pipe_sync(p);
	if (p->threaded) {
		pthread_mutex_lock(&p->mu);
		p->done = true;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
		pthread_join(p->thread, NULL);
		pthread_mutex_destroy(&p->mu);
		pthread_cond_destroy(&p->cv);
	}
	rc = atomic_load(&p->rc);
	*n = p->n;
	for (i = 0; i < NBUF; i++)
		free(p->buf[i]);
	free(p);
	return rc;
}
