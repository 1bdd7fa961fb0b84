/* gen.h -- BIND's $GENERATE directive: parsing and expansion.
 *
 * $GENERATE range lhs [ttl] [class] type rhs
 *
 * gen_parse() checks the directive once; gen_line() then builds the master
 * file text of the record for one value of the iterator, which the loader
 * hands to ldns like any other record.  No allocation happens per record.
 */
#ifndef RDA_GEN_H
#define RDA_GEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GEN_LINE_MAX 4096	/* longest generated record text */

/* BIND keeps the range and every ${offset} in a C int: iterator values
 * never exceed this, so start + step cannot overflow a uint64_t. */
#define GEN_ITER_MAX 2147483647

struct gen {
	uint64_t start, stop, step;	/* the range, inclusive */
	char *lhs;			/* owner template */
	/* "[ttl] [class] type", rewritten in that order (BIND also takes
	 * class before TTL, ldns does not), the TTL in seconds and the
	 * class as a mnemonic. */
	char *middle;
	char *rhs;			/* rdata template, quotes removed */
	/* The explicit TTL, if any.  BIND also gives it to later records
	 * without a TTL while no $TTL is set. */
	uint32_t ttl;
	bool has_ttl;
	uint16_t rdclass;		/* the explicit class, 0 if none */
	/* BIND read the range loosely: a number taken modulo 2^32, or text
	 * after it ignored ("0-4294967296" is 0-0, "1-5x" is 1-5). */
	bool range_odd;
};

/* Parses ARGS, the text after "$GENERATE" (leading blanks allowed; a
 * trailing ";" comment ignored).  As in BIND 9.18, lhs and rhs are single
 * tokens (an rhs with blanks must be quoted) and the middle is read as
 * [class] [ttl] [class] type.  The templates are checked here, at the last
 * iterator value, so gen_line() fails only on its buffer size.  On success
 * fills *G (free with gen_clear()) and returns 0.  On failure returns
 * RDA_ESYNTAX or RDA_ENOMEM and writes a one-line reason to ERR (ERRLEN
 * bytes), e.g. "bad range '5-1': stop is less than start".  The work does
 * not depend on the size of the range. */
int gen_parse(const char *args, struct gen *g, char *err, size_t errlen);

/* Number of records the range produces. */
uint64_t gen_count(const struct gen *g);

/* Writes "<lhs> <middle> <rhs>" for iterator value I to OUT (OUTLEN bytes),
 * G being the result of a successful gen_parse(), with every $, $$, \x and
 * ${offset[,width[,base]]} in lhs and rhs substituted as BIND does.  Returns
 * 0, or RDA_ESYNTAX/RDA_ELIMIT with a reason in ERR (a bad modifier, an I
 * above GEN_ITER_MAX, an offset that overflows, a result longer than
 * OUTLEN); OUT is then "". */
int gen_line(const struct gen *g, uint64_t i, char *out, size_t outlen,
    char *err, size_t errlen);

/* Frees what gen_parse() allocated; safe on a zeroed struct. */
void gen_clear(struct gen *g);

#endif
