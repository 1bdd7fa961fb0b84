/* pipe.h -- the hand-over from the parser to the model builder.
 *
 * Loading a zone is two jobs of about equal cost: reading and parsing
 * the text (the reader, the fast path, ldns) and building the model
 * (interning names in the hash table, appending records).  The parser
 * runs on the loading thread and writes what it parsed -- records with
 * their owner and target names in wire form, and its diagnostics -- into
 * batches; a second thread takes the batches in order and builds the
 * model from them.  Everything happens in file order: the model and the
 * diagnostics are exactly those of one thread doing both jobs, which is
 * what the pipe does when it cannot start its thread.
 *
 * The callbacks of load_opts (diagnostics, progress) are called by the
 * builder, in order, so they never run on two threads at once.
 *
 * Only the builder touches the model's names and records while the pipe
 * runs; the parser calls pipe_sync() before changing anything the
 * builder reads (a new source for an $INCLUDE).
 */
#ifndef RDA_PIPE_H
#define RDA_PIPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "zones/load.h"

struct pipe;

/* Files smaller than this are loaded on one thread (zones/load.c). */
#define PIPE_THREAD_MIN (64 * 1024)

/* Starts a pipe into M.  Diagnostics go to O->diag; a record the model
 * cannot take is reported as "zone SOURCE needs more than MAX_MEMORY"
 * (RDA_ELIMIT) or "bad rdata" (RDA_EINVAL), after which the builder drops
 * everything that follows.  THREADED false builds in the caller's thread.
 * Returns NULL when out of memory. */
struct pipe *pipe_start(struct model *m, const struct load_opts *o,
    const char *source, bool threaded);

/* Queues record R (owner and target fields ignored), with ADDR6 its
 * address when it is an AAAA and PREF its preference when it is an MX
 * (model_rec_add()), whose owner is the
 * wire name OWNER (NO bytes) and whose target, for a type that has one,
 * TARGET (NT bytes; else NULL); SPF (LEN bytes) is its SPF text, or NULL;
 * FAST when the fast path parsed it.  The builder marks the zone as
 * having its SOA when it adds one.
 * The names must be valid (names_wire_len() gives their lengths).
 * Returns 0, or the builder's error once it has failed (the parser
 * should stop). */
int pipe_rec(struct pipe *p, const struct rec *r, const uint8_t *addr6,
    uint16_t pref, const uint8_t *owner, size_t no, const uint8_t *target, size_t nt, const char *spf,
    size_t len, bool fast);

/* Queues a diagnostic; FILE must outlive the pipe.  COUNT false: not
 * counted among the errors or warnings delivered (a note such as "too many
 * errors"). */
int pipe_diag(struct pipe *p, enum diag_sev sev, bool count,
    const char *file, unsigned line, const char *msg);

/* Queues a call of O->progress (ZONE must outlive the pipe): every
 * callback runs on the builder's thread, in order. */
int pipe_progress(struct pipe *p, const char *zone, uint64_t records,
    long long done, long long size);

/* Queues a model_reserve(NAMES) for the builder, in order. */
int pipe_reserve(struct pipe *p, size_t names);

/* Waits until the builder has taken everything queued.  Returns 0 or its
 * error. */
int pipe_sync(struct pipe *p);

/* What the builder did: diagnostics delivered (its own included), and
 * records added, FAST of them from the fast path. */
struct pipe_counts {
	unsigned errors, warnings;
	uint64_t records, fast;
};

/* Finishes: waits for the builder, stops its thread, frees the pipe, and
 * fills *N.  Returns 0 or the builder's error. */
int pipe_end(struct pipe *p, struct pipe_counts *n);

#endif
