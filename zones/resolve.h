/* resolve.h -- live resolution of what the loaded zones cannot answer.
 *
 * After the zones are loaded and the model finished, resolve_run() asks
 * the cross-indexes (core/xref.h) which look-ups ended in a name no loaded
 * zone is authoritative for (LK_UNKNOWN: the PTR of an address whose
 * reverse zone an ISP holds, the address of a PTR target in another
 * organisation's domain), looks those names up over DNS, and follows what
 * the answers lead to (PTR targets, CNAME targets) until nothing unknown
 * is left.  Then it adds everything it learned to the model at once as
 * live zones (core/model.h, "Live data") and finishes the model again, so
 * the ordinary lookups and checks give real verdicts: ptr-mismatch,
 * dangling-ptr, missing-ptr.  core/ never touches a socket.
 *
 * Each name is asked once (the cache: PTR for a reverse name, A and AAAA
 * for any other), by a bounded number of threads, each with its own ldns
 * resolver, with a timeout per try and a number of tries.  A failed
 * look-up (timeout, SERVFAIL, REFUSED, a reply that does not fit the
 * question) is recorded as a failure of that name, never as "does not
 * exist"; the resolve-failed check reports it.
 */
#ifndef RDA_RESOLVE_H
#define RDA_RESOLVE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/model.h"
#include "core/names.h"

#define RESOLVE_ERR_MAX 512

struct resolve_opts {
	bool have_server;	/* false: the servers of RESOLV_CONF */
	struct addr server;
	uint16_t port;
	const char *resolv_conf; /* NULL: /etc/resolv.conf */
	unsigned jobs;		/* queries at a time; 0 = 16 */
	unsigned timeout_ms;	/* each try; 0 = 2000 */
	unsigned tries;		/* 0 = 3 */
	unsigned max_names;	/* names looked up at most; 0 = 1,000,000 */
};

struct resolve_stats {
	unsigned names;		/* names looked up */
	unsigned queries;	/* queries answered or given up, tries apart */
	unsigned failed;	/* names whose look-up failed */
	unsigned waves;		/* rounds of look-ups (PTR, then targets...) */
	unsigned jobs;		/* threads used */
	double seconds;
};

/* Parses ADDRESS[:PORT] (IPv6 in brackets when a port follows) into O.
 * Returns 0 or RDA_EINVAL with a reason in ERR (RESOLVE_ERR_MAX bytes). */
int resolve_parse_server(const char *arg, struct resolve_opts *o, char *err);

/* Looks up live what M's loaded zones cannot answer and adds the answers
 * to M (finished before and after).  Returns 0 (failed look-ups are not an
 * error: they are in the model), RDA_ENET with a reason in ERR when no
 * resolver could be set up at all, RDA_ENOMEM. */
int resolve_run(struct model *m, const struct resolve_opts *o,
    struct resolve_stats *st, char *err);

#endif
