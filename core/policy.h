/* policy.h -- what the configuration tells the audit: the networks the
 * organisation uses and who holds their reverse zones, extra mail hosts.
 *
 * core/ knows nothing of YAML: cmd/ fills this from the configuration file
 * (or leaves it empty) and the checks and report writers read it.
 */
#ifndef RDA_POLICY_H
#define RDA_POLICY_H

#include <stddef.h>

#include "core/names.h"

enum holder {
	HOLDER_SELF,		/* we hold the reverse zone */
	HOLDER_ISP,		/* someone else does: ask them */
};

struct network {
	struct addr prefix;	/* bits past LEN are zero */
	unsigned len;		/* prefix length in bits */
	enum holder holder;
	char *contact;		/* who to ask; may be NULL */
	char *note;		/* may be NULL */
};

struct policy {
	struct network *networks;
	size_t nnetworks;
	char **mail_hosts;	/* absolute names, presentation form */
	size_t nmail_hosts;
	char **generic_words;	/* ptr-generic pool words, lower case;
				 * NULL: the built-in list (core/generic.c) */
	size_t ngeneric_words;
};

#endif
