/* config.h -- the YAML configuration file (libyaml), read into plain
 * structs: zones, TSIG keys, the policy (networks, mail hosts), check
 * severities, ignore rules, fail_on and the output format.
 *
 * Every problem is printed as "FILE:LINE:COLUMN: error: what was expected"
 * with libyaml's marks; a configuration with any error is rejected whole.
 * The schema is documented in README.md and in the commented example
 * fixtures/config/rdnsaudit.yaml.
 */
#ifndef RDA_CONFIG_H
#define RDA_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/ignore.h"
#include "core/policy.h"
#include "core/report.h"

/* A zone from a master file; FILE is relative to the working directory
 * (the configuration's relative paths are resolved when read). */
struct config_zone {
	char *origin;
	char *file;
};

/* A zone to transfer (issue 5 connects this to zones/axfr.c). */
struct config_axfr {
	char *origin;
	char *server;		/* an IPv4 or IPv6 address */
	unsigned port;
	char *key;		/* name of a config_tsig, or NULL */
};

/* A TSIG key; ALGORITHM is one ldns 1.8.3 can sign with, SECRET is
 * base64 (checked). */
struct config_tsig {
	char *name;
	char *algorithm;
	char *secret;
};

struct config_sev {
	int check;
	enum sev sev;
};

struct config {
	char *path;		/* the file read */
	struct config_zone *zones;
	size_t nzones;
	struct config_axfr *axfr;
	size_t naxfr;
	struct config_tsig *keys;
	size_t nkeys;
	struct policy policy;
	struct config_sev *sev;
	size_t nsev;
	struct ignore_rule *ignore;
	size_t nignore;
	char *named_conf;	/* NULL when not set */
	bool has_fail_on;
	enum sev fail_on;	/* SEV_OFF for never */
	char *format;		/* text, json, sarif, github; NULL if unset */
};

/* Reads PATH into *C (zeroed first).  Problems are printed to DIAG.
 * Returns 0, or -1 when the file could not be read or had any error (a
 * warning alone does not fail); *C is then freed. */
int config_load(const char *path, struct config *c, FILE *diag);
void config_free(struct config *c);

/* The closest of the N words in CANDS to WORD, or NULL when none is close
 * enough to be a likely typo. */
const char *config_closest(const char *word, const char *const *cands,
    size_t n);

#endif
