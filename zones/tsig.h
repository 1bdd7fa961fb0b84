/* tsig.h -- TSIG keys for zone transfers: the plain key struct the
 * command line and the configuration fill, its checks, and the two ways a
 * key is written down (NAME:ALGORITHM:SECRET, and BIND's key file).
 *
 * Secrets never appear in an error message: errors name the key and say
 * what is wrong, nothing more.
 */
#ifndef RDA_TSIG_H
#define RDA_TSIG_H

#include <stddef.h>

#define TSIG_ERR_MAX 512

/* A TSIG key (RFC 8945).  Every string is malloc'd and owned by the
 * struct; tsig_key_clear() wipes the secret before freeing it. */
struct tsig_key {
	char *name;		/* key name as the server knows it */
	char *algorithm;	/* hmac-md5, hmac-sha1, hmac-sha256, hmac-sha512 */
	char *secret;		/* base64 */
};

/* Parses "NAME:ALGORITHM:SECRET" into *K (which must be zeroed) and checks
 * it with tsig_check().  Returns 0, RDA_EINVAL with a reason in ERR
 * (TSIG_ERR_MAX bytes; the secret is never copied there), RDA_ENOMEM. */
int tsig_parse(const char *spec, struct tsig_key *k, char *err);

/* Reads one key from PATH: either BIND's syntax as tsig-keygen writes it
 *     key "NAME" { algorithm ALGORITHM; secret "SECRET"; };
 * or one line NAME:ALGORITHM:SECRET.  A file with more than one key is an
 * error.  Same returns as tsig_parse(), plus RDA_EIO. */
int tsig_file_read(const char *path, struct tsig_key *k, char *err);

/* Checks K: a valid key name, an algorithm ldns 1.8.3 can really use and a
 * well-formed base64 secret.  Returns 0 or RDA_EINVAL with a reason. */
int tsig_check(const struct tsig_key *k, char *err);

/* The algorithm name to hand to ldns for ALG (e.g. "hmac-md5" gives
 * "hmac-md5.sig-alg.reg.int."), or NULL when it is not usable. */
const char *tsig_ldns_algorithm(const char *alg);

/* Wipes the secret and frees the strings; K may be reused afterwards. */
void tsig_key_clear(struct tsig_key *k);

#endif
