/* cliopt.h -- policy from the command line: --mail-host, --network and
 * --generic-word fill struct policy until the YAML configuration (issue 4)
 * does; they stay as overrides afterwards.
 */
#ifndef RDA_CLIOPT_H
#define RDA_CLIOPT_H

#include <stddef.h>

#include "core/policy.h"

/* --mail-host NAME: NAME is made absolute and lower case.  Return 0, or
 * RDA_EINVAL with a reason in ERR, or RDA_ENOMEM; likewise below. */
int cliopt_mail_host(struct policy *p, const char *arg, char *err,
    size_t errlen);

/* --network PREFIX=self|isp[:CONTACT]: e.g. 198.51.100.0/24=isp:noc@x.
 * Bits past the prefix length must be zero. */
int cliopt_network(struct policy *p, const char *arg, char *err,
    size_t errlen);

/* --generic-word WORD: the first one replaces the built-in pool words of
 * ptr-generic; WORD is lower-cased. */
int cliopt_generic_word(struct policy *p, const char *arg, char *err,
    size_t errlen);

/* Frees what the functions above added. */
void cliopt_clear(struct policy *p);

/* Moves SRC's networks and mail hosts to the end of DST's, and SRC's
 * generic words when DST has none.  Returns 0 or RDA_ENOMEM (nothing
 * moved). */
int cliopt_take(struct policy *dst, struct policy *src);

#endif
