/* html.h -- the HTML report: one self-contained file to look at.
 *
 * A summary (zones, addresses, PTRs, findings by check and severity, mail
 * hosts and whether each passes FCrDNS), a coverage map per network (each
 * /24 of IPv4 space as a 16x16 grid of its addresses coloured by
 * core/coverage.h state; larger networks as a grid of their /24s shaded by
 * health; IPv6 networks as a list of their used /64s), the findings as a
 * table that sorts and filters in the browser, and the fix list grouped by
 * holder when the caller has one.
 *
 * Self-contained: no fetch of any kind (a Content-Security-Policy of
 * default-src 'none' says so to the browser), one inline script allowed by
 * its hash, inline styles.  Hostile zones: every string from the data is
 * HTML-escaped, invalid UTF-8 is replaced, and no data is ever put inside
 * the script: the script reads the escaped text back from the page with
 * textContent and data-* attributes.
 *
 * Size: the file never exceeds max_bytes (HTML_MAX_BYTES by default).
 * Each part has a share of it and an item (a table row, a grid, a zone) is
 * written only when it fits whole; what is left out is counted in a note
 * that points at --format json for everything.  Grids are drawn for at
 * most HTML_MAX_GRIDS /24s (the worst first), the table holds at most
 * HTML_MAX_ROWS findings (errors first), so a 10-million-record audit
 * gives a page a browser opens.
 */
#ifndef RDA_HTML_H
#define RDA_HTML_H

#include <stdint.h>
#include <stdio.h>

#include "core/policy.h"
#include "core/report.h"
#include "core/xref.h"

#define HTML_MAX_BYTES (16u << 20)	/* 16 MiB */
#define HTML_MIN_BYTES (256u << 10)	/* smallest max_bytes accepted */
#define HTML_MAX_GRIDS 256		/* /24s drawn cell by cell */
#define HTML_MAX_ROWS 20000		/* findings in the table */
#define HTML_MAX_V6_ADDRS 256		/* addresses listed per /64 */

/* One group of the fix list (issue 6): the records one holder of reverse
 * zones must publish.  The strings belong to the caller. */
struct html_fixgroup {
	const char *holder;	/* who: "2.0.192.in-addr.arpa. (ours)",
				 * "Example ISP <noc@example.net>" */
	const char *header;	/* plain-language explanation, or NULL */
	const char *records;	/* master-file lines, '\n'-separated: what
				 * the group's copy button copies */
};

struct html_opts {
	const struct policy *pol;	/* may be NULL */
	const struct html_fixgroup *fix; /* NULL: no fix-list section */
	size_t nfix;
	uint64_t max_bytes;	/* 0: HTML_MAX_BYTES; at least
				 * HTML_MIN_BYTES */
};

/* Writes the report of R (sorted, with the cross-indexes X that
 * checks_run() left) to OUT.  O may be NULL.  Returns 0, RDA_ENOMEM,
 * RDA_EINVAL for a max_bytes below HTML_MIN_BYTES, or RDA_EIO when OUT
 * failed. */
int html_write(const struct report *r, const struct xref *x,
    const struct html_opts *o, FILE *out);

#endif
