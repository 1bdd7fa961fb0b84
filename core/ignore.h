/* ignore.h -- the configuration's ignore rules and the baseline: both
 * remove findings from a report after the checks ran.
 *
 * Pure logic on a struct report; cmd/config.c reads the rules from YAML and
 * cmd/ reads and writes baseline files through the functions here.
 */
#ifndef RDA_IGNORE_H
#define RDA_IGNORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/names.h"
#include "core/report.h"

struct ignore_rule {
	int check;		/* index into the check table */
	bool has_addr;
	struct addr addr;	/* bits past PLEN are zero */
	unsigned plen;
	char *name;		/* absolute, lower case, or NULL */
	bool suffix;		/* NAME matches the names below it only */
	char *reason;
	long until;		/* days since 1970-01-01, or -1 for none */
	char until_txt[16];	/* as written: YYYY-MM-DD */
	const char *file;	/* where the rule is (borrowed) */
	unsigned line, col;
	size_t matched;		/* filled by ignore_apply() */
};

/* Whether RULE (in force or not) matches finding F. */
bool ignore_match(const struct report *r, const struct ignore_rule *rule,
    const struct finding *f);

/* Removes from R every finding that a rule in force on day TODAY (days
 * since 1970-01-01) matches; counts them in R->ignored and in each rule's
 * MATCHED.  Then adds an ignore-expired finding for each rule whose UNTIL
 * is before TODAY, and an ignore-unmatched one for each rule in force that
 * matched nothing, both located at the rule; sorts R.  Returns 0 or
 * RDA_ENOMEM. */
int ignore_apply(struct report *r, struct ignore_rule *rules, size_t n,
    long today);

/* A set of fingerprints read from a baseline file. */
struct baseline {
	uint64_t *fp;		/* sorted */
	size_t n;
};

/* Writes the fingerprints of R's findings as a baseline file: a comment
 * header, then one line per finding, sorted by fingerprint:
 * "FINGERPRINT CHECK ADDRESS|- NAME|-" (the last fields are for people).
 * Returns 0 or RDA_EIO. */
int baseline_write(const struct report *r, FILE *out);

/* Reads a baseline file written by baseline_write().  Returns 0,
 * RDA_ENOMEM, RDA_EIO, or RDA_ESYNTAX with the line number in *ERRLINE. */
int baseline_read(FILE *in, struct baseline *b, unsigned *errline);
void baseline_clear(struct baseline *b);

/* Removes R's findings whose fingerprint is in B; counts them in
 * R->known. */
void baseline_apply(struct report *r, const struct baseline *b);

#endif
