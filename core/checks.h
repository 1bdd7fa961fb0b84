/* checks.h -- the check table and the audit that runs it.
 *
 * Every check is one function from the cross-indexes (core/xref.h) to
 * findings, registered in one table with its id, default severity and a
 * one-line description; the table also drives --list-checks.  Check ids
 * are part of the contract (DESIGN.md).
 */
#ifndef RDA_CHECKS_H
#define RDA_CHECKS_H

#include "core/policy.h"
#include "core/report.h"
#include "core/xref.h"

struct check {
	const char *id;
	enum sev sev;		/* default severity */
	const char *desc;
	/* NULL for findings raised outside the zones (the configuration). */
	int (*run)(const struct xref *x, struct report *r, unsigned self);
	bool mail;		/* about mail hosts already: not raised */
};

extern const struct check checks[];
extern const unsigned nchecks;

/* The index of check ID, or -1. */
int checks_find(const char *id);

/* Severity of each check for this run: checks_init() sets the defaults,
 * the configuration may change them (SEV_OFF turns a check off). */
extern enum sev checks_sev[];
void checks_init(void);

/* Builds the cross-indexes of M into *X (free with xref_clear(); report
 * writers may read them) and runs every check that is not off.  POL may
 * be NULL.  Returns 0 or RDA_ENOMEM. */
int checks_run(const struct model *m, const struct policy *pol,
    struct xref *x, struct report *r);

/* Of the forward entries x->fwd[LO, HI) (one address), the index of the
 * name to suggest for its PTR: a mail host (MAIL, a node bitmap, may be
 * NULL) first, then the name with the fewest labels, then the first in
 * alphabetical order. */
size_t checks_preferred(const struct xref *x, const uint8_t *mail, size_t lo,
    size_t hi);

#endif
