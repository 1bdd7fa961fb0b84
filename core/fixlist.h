/* fixlist.h -- the PTR records to create or change, for whoever holds each
 * reverse zone (--format fixlist and fixlist-csv).
 *
 * An address is listed when its PTR must be created or changed for
 * forward-confirmed reverse DNS to hold, as the audit found it:
 *   - an authoritative A/AAAA address whose reverse name has no PTR;
 *   - one whose PTR names a host that does not exist, has no address of
 *     the family, or resolves to other addresses; whose PTR names an
 *     alias; that has several PTRs; or, for a mail host, whose PTR looks
 *     generic (ptr-generic);
 *   - one whose reverse zone is not loaded: its PTR could not be checked,
 *     so the record it should have is listed for its holder to confirm;
 *   - a PTR that fails and whose address no forward name has: to remove.
 * The wanted PTR is checks_preferred()'s name (a mail host, then the
 * fewest labels, then alphabetical); the other names are listed.
 *
 * Groups: by the loaded reverse zone where the PTR lives (after RFC 2317
 * CNAMEs) and by the configured network that covers the address (its
 * holder and contact); addresses with neither are "holder unknown".
 */
#ifndef RDA_FIXLIST_H
#define RDA_FIXLIST_H

#include <stdio.h>

#include "core/xref.h"

enum fixlist_fmt { FIXLIST_TEXT, FIXLIST_CSV };

/* Writes the fix list of the audited data X (after checks_run()) to OUT.
 * Returns the number of addresses listed, or RDA_ENOMEM. */
int fixlist_write(const struct xref *x, enum fixlist_fmt fmt, FILE *out);

/* The same list as groups, for writers that lay it out themselves (the
 * HTML report): HOLDER is the group's title line, HEADER its plain-language
 * explanation (';' comment lines), RECORDS its master-file lines. */
struct fixlist_group {
	char *holder, *header, *records;
};

/* Sets *OUT (free with fixlist_groups_free()) and *N.  Returns 0 or
 * RDA_ENOMEM. */
int fixlist_groups(const struct xref *x, struct fixlist_group **out,
    size_t *n);
void fixlist_groups_free(struct fixlist_group *g, size_t n);

#endif
