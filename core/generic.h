/* generic.h -- does a PTR name look like one an ISP gives to dynamic or
 * residential addresses?  Receiving mail servers reject or score mail from
 * such names even when forward-confirmed reverse DNS passes; ptr-generic
 * reports them for mail hosts (core/mailcheck.c).
 *
 * Two rules, either is enough:
 *   1. the name embeds the address: its four octets (or three of them in a
 *      row) as separate numbers in order or reversed, zero-padded or not
 *      ("198-51-100-7", "7.100.51.198", "dslb-198-051-100-007",
 *      "host7-100-static.51-198"), all twelve zero-padded digits in one
 *      run, or the address in eight hex digits ("pc63364ff");
 *      for IPv6 the 32 nibbles, or the groups joined by '-' or '.';
 *   2. a label left of the registered domain (the last two labels, three
 *      for a two-letter country code under a short second-level label such
 *      as co.uk) holds a pool word as a whole word: letters with no
 *      letter right before or after ("dsl" in "dsl-pool3", not in
 *      "dslr"), from the list in generic.c or the configuration.
 */
#ifndef RDA_GENERIC_H
#define RDA_GENERIC_H

#include <stdbool.h>
#include <stddef.h>

#include "core/names.h"

/* The built-in pool words, NULL-terminated. */
extern const char *const generic_default_words[];

/* Whether NAME (presentation form) looks generic for address A.  WORDS
 * (NWORDS, lower case) replaces the built-in pool words when not NULL.
 * When it does, *WHY (when WHY is not NULL) receives a short reason:
 * "embeds the address" or the pool word. */
bool generic_ptr(const char *name, const struct addr *a,
    const char *const *words, size_t nwords, const char **why);

#endif
