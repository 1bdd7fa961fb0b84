/* fast.h -- a fast path for the records that make up nearly all of a large
 * zone: A, AAAA, PTR and CNAME with a plain address or a plain name.
 *
 * ldns is the reference parser (LDNS.md); this path must produce exactly
 * what ldns_rr_new_frm_str() produces for the text the loader would hand
 * it, and otherwise declines: escapes, quotes, '@' inside rdata, empty or
 * long labels, names over 255 bytes, anything after the rdata, every other
 * type -- all go to ldns.  Proven by tests/unit/test_fast.c (every record
 * of fixtures/ and the shared corpus, compared with ldns) and by the
 * libFuzzer target tests/fuzz/fuzz_fast.c.
 */
#ifndef RDA_FAST_H
#define RDA_FAST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <ldns/ldns.h>

struct fast_rr {
	uint8_t owner[256];	/* wire form, case as written */
	size_t owner_len;
	uint16_t type;		/* 1, 28, 12 or 5 */
	uint8_t rdata[256];	/* the address, or the target in wire form */
	size_t rdlen;
};

/* Parses one record whose head the loader has split: OWNER is the owner
 * token as written (NULL for a blank owner, which takes PREV), TYPE the
 * type token, REST the rdata text.  ORIGIN and PREV are wire names (PREV
 * may be NULL).  Returns true with *OUT filled, false when ldns must parse
 * the record. */
bool fast_parse(const char *owner, const char *type, const char *rest,
    const uint8_t *origin, size_t olen, const uint8_t *prev, size_t plen,
    struct fast_rr *out);

/* Compares F with RR as parsed by ldns, bytes for bytes (owner, type,
 * rdata; TTL against TTL).  Returns true when equal; else writes what
 * differs to WHY. */
bool fast_same(const struct fast_rr *f, uint32_t ttl, const ldns_rr *rr,
    char *why, size_t whylen);

/* Whether the wire name NAME (LEN bytes) is APEX (canonical, lower case)
 * or below it, case-insensitively. */
bool fast_in_zone(const uint8_t *name, size_t len, const uint8_t *apex,
    size_t apexlen);

#endif
