/* live.h -- the command-line side of live data: --axfr zones with their
 * TSIG keys, and --resolve.  main.c hands these options over and calls
 * live_load() and live_resolve() at the right points of the pipeline.
 * Like main.c, this prints its errors to stderr.
 */
#ifndef RDA_CMD_LIVE_H
#define RDA_CMD_LIVE_H

#include <getopt.h>
#include <stdbool.h>

#include "core/model.h"
#include "zones/axfr.h"
#include "zones/resolve.h"
#include "zones/tsig.h"

/* getopt_long codes of the options below: all >= LIVE_OPT_FIRST. */
enum {
	LIVE_OPT_FIRST = 256,
	LIVE_OPT_AXFR = LIVE_OPT_FIRST, LIVE_OPT_AXFR_JOBS,
	LIVE_OPT_AXFR_MAX_RECORDS, LIVE_OPT_AXFR_TIMEOUT, LIVE_OPT_RESOLVE,
	LIVE_OPT_RESOLVE_JOBS, LIVE_OPT_RESOLVE_TIMEOUT, LIVE_OPT_RESOLVE_TRIES,
	LIVE_OPT_RESOLVER, LIVE_OPT_TSIG, LIVE_OPT_TSIG_FILE,
};

#define LIVE_LONGOPTS \
	{"axfr", required_argument, NULL, LIVE_OPT_AXFR}, \
	{"axfr-jobs", required_argument, NULL, LIVE_OPT_AXFR_JOBS}, \
	{"axfr-max-records", required_argument, NULL, \
	    LIVE_OPT_AXFR_MAX_RECORDS}, \
	{"axfr-timeout", required_argument, NULL, LIVE_OPT_AXFR_TIMEOUT}, \
	{"resolve", no_argument, NULL, LIVE_OPT_RESOLVE}, \
	{"resolve-jobs", required_argument, NULL, LIVE_OPT_RESOLVE_JOBS}, \
	{"resolve-timeout", required_argument, NULL, \
	    LIVE_OPT_RESOLVE_TIMEOUT}, \
	{"resolve-tries", required_argument, NULL, LIVE_OPT_RESOLVE_TRIES}, \
	{"resolver", required_argument, NULL, LIVE_OPT_RESOLVER}, \
	{"tsig", required_argument, NULL, LIVE_OPT_TSIG}, \
	{"tsig-file", required_argument, NULL, LIVE_OPT_TSIG_FILE}

#define LIVE_USAGE \
	"  --axfr ORIGIN@SERVER[:PORT]  a zone by AXFR (repeatable; IPv6 " \
	"server as [::1]:53)\n" \
	"  --tsig NAME:ALGORITHM:SECRET, --tsig-file FILE\n" \
	"                         TSIG key for the --axfr options after it " \
	"(hmac-md5,\n" \
	"                         hmac-sha1, hmac-sha256, hmac-sha512; FILE " \
	"as tsig-keygen\n" \
	"                         writes it); --tsig none: no key\n" \
	"  --axfr-timeout SEC     deadline of one transfer (default 600)\n" \
	"  --axfr-max-records N   (default 50000000); --axfr-jobs N (default " \
	"4)\n" \
	"  --resolve              look up live what no loaded zone answers\n" \
	"  --resolver ADDR[:PORT] whom to ask (default: /etc/resolv.conf)\n" \
	"  --resolve-jobs N, --resolve-timeout SEC, --resolve-tries N\n" \
	"                         (defaults: 16 at a time, 2 s a try, 3 tries)\n"

struct live_opts {
	struct tsig_key **keys;	/* each malloc'd, so jobs can point at it */
	size_t nkeys;
	const struct tsig_key *cur;	/* for the next --axfr, or NULL */
	struct axfr_job *jobs;
	size_t njobs;
	struct axfr_opts axfr;
	bool resolve;
	struct resolve_opts res;
	bool quiet;
};

/* Takes option C with argument ARG (getopt's optarg; a secret in it is
 * overwritten once read, so that ps(1) does not show it).  Returns 0, or
 * -1 after printing why. */
int live_option(struct live_opts *l, int c, char *arg);

struct config;

/* Adds the configuration's axfr zones as transfers, signed with copies of
 * its keys.  Returns 0, or -1 after printing why. */
int live_config(struct live_opts *l, const struct config *c);

/* Runs the transfers and stores the zones in M.  Returns the number of
 * zones that failed (each reported on stderr), or -1 when out of memory. */
int live_load(struct model *m, struct live_opts *l);

/* With --resolve: looks up live what M's zones cannot answer (M finished
 * before and after).  Returns 0, or -1 after printing why. */
int live_resolve(struct model *m, struct live_opts *l);

void live_clear(struct live_opts *l);

#endif
