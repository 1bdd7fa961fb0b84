/* axfr.h -- zones by zone transfer (AXFR, RFC 5936) through ldns.
 *
 * Transfers run concurrently (a bounded number of threads, each with its
 * own fresh ldns resolver per transfer, LDNS.md §6.3); each keeps the
 * records it receives in a compact private buffer, and only once every
 * transfer has ended are the buffers stored into the model, one zone
 * after the other in the order given, so that the model (which is not
 * thread-safe) is touched by one thread and the result does not depend
 * on which server answered first.
 *
 * A transfer succeeds only when it is complete and sane: the first record
 * is the zone's SOA, the last is an SOA with the same serial, every record
 * lies in the zone and is of class IN, every message that carries a
 * question asks for this zone, and it ends within the deadline and the
 * record cap.  Anything else fails the zone with a message that names the
 * zone, the server and the port.  ldns does not verify TSIG on replies
 * (LDNS.md §6.3): see README, "Zone transfers".
 */
#ifndef RDA_AXFR_H
#define RDA_AXFR_H

#include <stdbool.h>
#include <stdint.h>

#include "core/model.h"
#include "core/names.h"
#include "zones/tsig.h"

#define AXFR_ERR_MAX 768
#define AXFR_LABEL_MAX 64	/* "[ffff:...:ffff]:65535" */

/* Where a zone comes from: ORIGIN@SERVER[:PORT]. */
struct axfr_spec {
	char origin[NAMES_TXT_MAX];	/* absolute, lower case */
	struct addr server;
	uint16_t port;
	char label[AXFR_LABEL_MAX];	/* the server as the user reads it:
					 * 192.0.2.1:53, [2001:db8::1]:53 */
};

/* Parses ORIGIN@SERVER[:PORT]; SERVER is an IPv4 address or an IPv6
 * address, the latter in brackets when a port follows ([::1]:5353).  The
 * port defaults to 53.  Returns 0 or RDA_EINVAL with a reason in ERR
 * (AXFR_ERR_MAX bytes). */
int axfr_parse(const char *arg, struct axfr_spec *s, char *err);

struct axfr_opts {
	unsigned deadline_ms;	/* whole transfer; 0 = 600 s */
	unsigned msg_timeout_ms; /* each message and the connection; 0 = 10 s */
	uint64_t max_records;	/* 0 = 50,000,000 */
	unsigned jobs;		/* transfers at a time; 0 = 4 */
};

/* One transfer: what to fetch, then its outcome. */
struct axfr_job {
	struct axfr_spec spec;
	const struct tsig_key *key;	/* borrowed; NULL: unsigned */
	/* Filled by axfr_fetch_all(). */
	int rc;				/* 0 or RDA_E* */
	char err[AXFR_ERR_MAX];		/* why it failed; never the secret */
	uint64_t records;
	uint32_t serial;
	double seconds;
	uint8_t *buf;			/* the records, see axfr.c */
	size_t len, cap;
};

/* Runs the N transfers, O->jobs at a time, and waits for all of them.
 * Each job gets rc/err and, on success, its records.  Returns the number
 * of failed transfers. */
int axfr_fetch_all(struct axfr_job *jobs, size_t n, const struct axfr_opts *o);

/* Adds the zone of a successful JOB and its records to M (which must not
 * be finished).  Returns 0, RDA_EINVAL when the zone is already loaded
 * (with a reason in JOB->err), RDA_ENOMEM. */
int axfr_store(struct model *m, struct axfr_job *job);

/* Frees the job's buffer. */
void axfr_job_clear(struct axfr_job *job);

#endif
