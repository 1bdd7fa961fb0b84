/* load.h -- loads master files into the model.
 *
 * Each record is read by zones/reader.c, pre-checked where ldns 1.8.3 is
 * lax or wrong (LDNS.md §2.3-2.4), parsed by the fast path (zones/fast.c,
 * proven equal to ldns) or by ldns_rr_new_frm_str(), turned into the
 * model's compact record and freed: no ldns object outlives one record.
 * The model is built from the parsed records on a second thread, in file
 * order (zones/pipe.h).  Problems are reported through a callback with
 * the file and the first line of the record, and loading goes on (up to a
 * cap); the callbacks run on that second thread, one at a time, in order.
 */
#ifndef RDA_LOAD_H
#define RDA_LOAD_H

#include <stdbool.h>
#include <stdint.h>

#include "core/model.h"

enum diag_sev { DIAG_WARNING, DIAG_ERROR };

struct load_opts {
	unsigned max_errors;	/* per zone; 0 = 100 */
	uint64_t gen_max;	/* records per $GENERATE; 0 = 1,000,000 */
	unsigned max_depth;	/* $INCLUDE nesting; 0 = 16 */
	uint64_t max_records;	/* records in one zone; 0 = 50,000,000 */
	uint64_t max_memory;	/* bytes the model may grow by while one
				 * zone loads; 0 = 4 GiB */
	/* Every problem: FILE is the path as opened, LINE 0 when none. */
	void (*diag)(void *ctx, enum diag_sev sev, const char *file,
	    unsigned line, const char *msg);
	/* When set, every loaded record in master-file form (--dump). */
	void (*dump)(void *ctx, const char *text);
	/* When set, called every 16,384 records while a file is read: the
	 * zone's origin, records so far, bytes of the file read and its size
	 * (for a progress line; cmd/ decides whether to show it). */
	void (*progress)(void *ctx, const char *zone, uint64_t records,
	    long long done, long long size);
	bool no_fast;		/* every record through ldns */
	unsigned threads;	/* 1: parse and build the model on one
				 * thread; 2: on two (zones/pipe.h); 0: two
				 * for files of PIPE_THREAD_MIN bytes and
				 * more.  Always one with dump. */
	bool fast_verify;	/* also parse fast-path records with ldns and
				 * report each difference as an error */
	void *ctx;
};

struct load_stats {
	unsigned errors, warnings;
	uint64_t records;
	uint64_t fast;		/* records the fast path took */
	uint64_t compared;	/* with fast_verify: records compared */
	uint64_t differ;	/* ... and found different */
};

/* Loads the zone ORIGIN (presentation form, absolute or not) from PATH
 * into M.  Returns 0 when the zone loaded without error, RDA_ESYNTAX when
 * errors were reported (M holds what could be read), RDA_EINVAL for a bad
 * origin or a duplicate zone, RDA_ELIMIT when the zone has more records
 * than max_records or needs more than max_memory (reported through diag;
 * loading stops there), RDA_ENOMEM.  *ST is filled when not NULL. */
int load_zone(struct model *m, const char *origin, const char *path,
    const struct load_opts *o, struct load_stats *st);

/* Works out the origin of a zone file named on the command line without
 * one (DESIGN.md): a $ORIGIN before the first record, else an absolute SOA
 * owner, else the file name (db.example.com, example.com.zone,
 * example.com.db, example.com).  Writes it to OUT (absolute, OUTLEN bytes).
 * Returns 0, or RDA_EINVAL/RDA_EIO with a reason in ERR. */
int load_infer_origin(const char *path, char *out, size_t outlen, char *err,
    size_t errlen);

/* Parses a TTL the way BIND does: digits, or numbers each followed by a
 * unit w d h m s (any case), e.g. 1w2d3h.  Sets *TTL and returns 0, 1 when
 * the value is over 2^31-1 (BIND warns and uses 0; *TTL is 0), or
 * RDA_ESYNTAX (bad text, or over 2^32-1). */
int load_ttl_parse(const char *s, uint32_t *ttl);

#endif
