/* fingerprint.h -- a stable identity for a finding, for baselines and
 * SARIF partialFingerprints.
 *
 * The fingerprint hashes what the finding is about -- the check id, the
 * address, the name, the target and the zone -- never the file or the
 * line, so editing other lines of a zone file does not change it.  A
 * finding about the configuration (no address and no name) hashes its
 * message instead.
 */
#ifndef RDA_FINGERPRINT_H
#define RDA_FINGERPRINT_H

#include <stdint.h>

#include "core/report.h"

#define FINGERPRINT_TXT 17	/* 16 hex digits and NUL */

/* The 64-bit fingerprint of F (FNV-1a over the fields above). */
uint64_t fingerprint(const struct report *r, const struct finding *f);

/* Formats FP as 16 lower-case hex digits into BUF (FINGERPRINT_TXT);
 * returns BUF. */
char *fingerprint_fmt(uint64_t fp, char *buf);

/* Parses 16 hex digits; returns 0 or RDA_EINVAL. */
int fingerprint_parse(const char *s, uint64_t *fp);

#endif
