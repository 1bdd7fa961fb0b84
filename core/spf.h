/* spf.h -- reading SPF records (RFC 7208) for the senders they authorise.
 *
 * Only what the mail audit needs: the terms of a record one by one, with
 * their domain and network.  Nothing is looked up here (core/mail.c does
 * that over the loaded data) and macros (RFC 7208 §7) are not expanded:
 * a term whose domain holds one says so and is left unevaluated.
 */
#ifndef RDA_SPF_H
#define RDA_SPF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/names.h"

enum spf_kind {
	SPF_ALL, SPF_INCLUDE, SPF_A, SPF_MX, SPF_PTR, SPF_IP4, SPF_IP6,
	SPF_EXISTS, SPF_REDIRECT, SPF_EXP, SPF_OTHER_MOD,
};

struct spf_term {
	enum spf_kind kind;
	char qual;		/* '+', '-', '~' or '?' (mechanisms) */
	bool has_domain;	/* a domain-spec was given (else: the
				 * domain whose record this is) */
	bool macro;		/* the domain-spec holds a macro: '%' */
	char domain[NAMES_WIRE_MAX + 1];	/* as written, NUL-ended */
	struct addr addr;	/* SPF_IP4, SPF_IP6: the network */
	unsigned plen;		/* its prefix length (32/128 when none) */
};

/* Reads the next term of the record at *P (start with the text after
 * "v=spf1", or the whole record: the version is skipped) into *T and
 * advances *P.  Returns 1 for a term, 0 at the end, RDA_ESYNTAX for a
 * term that is not valid SPF (*P then points after it, so reading can go
 * on). */
int spf_next(const char **p, struct spf_term *t);

/* Turns a domain in presentation form (LEN bytes; letters, digits and
 * the usual punctuation, no escapes; a final dot optional; taken as
 * absolute) into wire form in OUT (NAMES_WIRE_MAX bytes).  Returns the
 * wire length, or 0 when it is not a valid name. */
size_t spf_domain_wire(const char *s, size_t len, uint8_t *out);

#endif
