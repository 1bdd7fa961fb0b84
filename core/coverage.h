/* coverage.h -- the reverse-DNS state of each address, from the
 * cross-indexes: what a coverage map colours a cell with.
 *
 * One state per address, decided in this order (the first that holds):
 *
 *   BAD        a PTR of the address points to a name that resolves to
 *              other addresses, does not exist, has no address of the
 *              family, or loops; or the reverse name's own CNAME chain
 *              loops (ptr-mismatch, dangling-ptr)
 *   PASS       a PTR points to a name that resolves back to the address:
 *              forward-confirmed reverse DNS passes
 *   MISSING    an A/AAAA record holds the address, its reverse name is
 *              authoritative and has no PTR (missing-ptr)
 *   DELEGATED  the reverse name is at or below a delegation whose child
 *              zone is not loaded (an RFC 2317 block held by someone else),
 *              or the policy says another party holds the network
 *   PTR_ONLY   a PTR whose target no loaded zone answers for, and no A/AAAA
 *              record holds the address (nothing confirms it either way)
 *   UNKNOWN    no loaded zone holds the reverse name, or the PTR's target
 *              is outside the loaded data while an A/AAAA names the address
 *   UNUSED     nothing names the address and its reverse name is
 *              authoritative and empty
 *
 * coverage_build() classifies every address the cross-indexes know (the
 * "used" addresses); coverage_state() classifies any address, looking up
 * the reverse name of one that is not used, so a map can colour every
 * cell of a /24.  Neither changes the model or the cross-indexes.
 */
#ifndef RDA_COVERAGE_H
#define RDA_COVERAGE_H

#include <stddef.h>
#include <stdint.h>

#include "core/policy.h"
#include "core/xref.h"

enum cov_state {
	COV_PASS, COV_MISSING, COV_BAD, COV_PTR_ONLY, COV_UNUSED,
	COV_DELEGATED, COV_UNKNOWN, COV_NSTATES
};

struct cov_addr {
	struct addr addr;
	uint8_t state;		/* enum cov_state */
	uint32_t name;		/* a forward name holding the address (the
				 * first A/AAAA owner), else the first PTR
				 * target, else MODEL_NONE */
	uint32_t ptr;		/* the first PTR target, or MODEL_NONE */
};

struct coverage {
	const struct xref *x;
	const struct policy *pol;	/* may be NULL */
	struct cov_addr *a;	/* sorted by address, one per address */
	size_t n;
	size_t count[COV_NSTATES];	/* used addresses by state */
};

/* Classifies every address of X's fwd and rev indexes into *C.  POL may be
 * NULL.  X must outlive C.  Returns 0 or RDA_ENOMEM. */
int coverage_build(struct coverage *c, const struct xref *x,
    const struct policy *pol);
void coverage_clear(struct coverage *c);

/* The entry of A, or NULL when A is not used. */
const struct cov_addr *coverage_find(const struct coverage *c,
    const struct addr *a);

/* The state of any address A: its entry's when used, else from a lookup
 * of its reverse name (UNUSED, DELEGATED, UNKNOWN; PTR_ONLY for a PTR
 * synthesized by a wildcard; BAD for a CNAME loop). */
enum cov_state coverage_state(const struct coverage *c, const struct addr *a);

/* Short id of a state ("pass", "missing", "bad", "ptr-only", "unused",
 * "delegated", "unknown") and its description for a legend. */
const char *coverage_state_str(enum cov_state s);
const char *coverage_state_desc(enum cov_state s);

#endif
