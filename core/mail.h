/* mail.h -- the mail hosts of the loaded data, and the mail checks.
 *
 * A mail host is a name that sends or receives mail for the loaded zones:
 *   - the target of an authoritative MX record (not a null MX, RFC 7505);
 *   - a name the configuration lists (policy mail_hosts);
 *   - a sender that the SPF record of a name in the loaded zones authorises
 *     (RFC 7208): the hosts of its "a" and "mx" mechanisms, and the single
 *     addresses of its "ip4:" and "ip6:" mechanisms; "include:" and
 *     "redirect=" are followed into loaded zones, up to ten levels.
 * A name that reaches its addresses through CNAMEs makes the canonical name
 * a mail host too.  An "ip4:"/"ip6:" network wider than one address is not
 * expanded: it authorises addresses, not hosts, and checking every address
 * in it would report space nobody uses.  A domain in an SPF term that no
 * loaded zone is authoritative for, or that holds a macro (RFC 7208 §7),
 * is not followed; the unverified check says so.
 */
#ifndef RDA_MAIL_H
#define RDA_MAIL_H

#include <stdbool.h>
#include <stdint.h>

#include "core/model.h"
#include "core/policy.h"
#include "core/report.h"
#include "core/xref.h"

/* An address of a mail host. */
struct mail_addr {
	struct addr addr;
	uint32_t name;		/* the host that has it (owner of the A/AAAA),
				 * MODEL_NONE for an SPF ip4:/ip6: address */
	uint32_t rec;		/* that A/AAAA record, or the SPF TXT record */
};

/* An SPF term that could not be followed. */
struct mail_unv {
	uint32_t owner;		/* the SPF record's owner */
	uint32_t rec;		/* its TXT record */
	char term[NAMES_WIRE_MAX + 16];	/* as written, e.g. "include:x." */
	bool macro;
};

struct mail {
	uint8_t *bits;		/* mail-host nodes, one bit each */
	struct mail_addr *a;	/* sorted by address, one per address */
	size_t na, capa;
	struct mail_unv *u;
	size_t nu, capu;
};

/* Finds the mail hosts of M (POL may be NULL).  Returns 0 and a new set in
 * *OUT (free with mail_free()), or RDA_ENOMEM. */
int mail_build(const struct model *m, const struct policy *pol,
    struct mail **out);
void mail_free(struct mail *ml);

/* Whether node ID is a mail host; ML may be NULL. */
bool mail_is_host(const struct mail *ml, uint32_t id);

/* How the forward-confirmed reverse DNS of an address goes, the way a
 * receiving mail server checks it: (1) the PTR of the address, (2) the
 * addresses of the name it gives, (3) those include the address.  With
 * several PTRs a receiver may take any, so one failing PTR fails; a PTR
 * whose target no loaded zone is authoritative for is skipped. */
enum fcr_step {
	FCR_OK,			/* every PTR checked confirms */
	FCR_UNKNOWN,		/* nothing could be checked */
	FCR_NO_PTR,		/* (1) NXDOMAIN or NODATA */
	FCR_REV_LOOP,		/* (1) the reverse name's CNAMEs never end */
	FCR_TARGET_NX,		/* (2) the PTR target does not exist */
	FCR_TARGET_NOADDR,	/* (2) it has no address of the family */
	FCR_TARGET_LOOP,	/* (2) its CNAMEs never end */
	FCR_MISMATCH,		/* (3) its addresses do not include it */
};

struct fcr {
	enum fcr_step step;
	struct lk_result ptr;	/* the PTR lookup */
	unsigned nptr;		/* PTR records there */
	uint32_t bad;		/* the failing PTR record, or MODEL_NONE */
	struct lk_result fwd;	/* the lookup of its target */
};

void mail_fcrdns(const struct xref *x, const struct addr *a, struct fcr *f);

/* The checks (run from the table in checks.c). */
int mail_check_fcrdns(const struct xref *x, struct report *r, unsigned self);
int mail_check_mx_dangling(const struct xref *x, struct report *r,
    unsigned self);
int mail_check_mx_cname(const struct xref *x, struct report *r,
    unsigned self);
int mail_check_mx_literal(const struct xref *x, struct report *r,
    unsigned self);
int mail_check_ptr_generic(const struct xref *x, struct report *r,
    unsigned self);
/* The unverified findings of SPF terms (called by the unverified check). */
int mail_check_unverified(const struct xref *x, struct report *r,
    unsigned self);

#endif
