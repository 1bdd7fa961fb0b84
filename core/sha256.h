/* sha256.h -- SHA-256 (FIPS 180-4), for the hash of the HTML report's
 * inline script in its Content-Security-Policy.  One call, no state. */
#ifndef RDA_SHA256_H
#define RDA_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_LEN 32

/* Writes the SHA-256 digest of DATA[0..LEN) to OUT. */
void sha256(const void *data, size_t len, uint8_t out[SHA256_LEN]);

#endif
