/* err.h -- error codes shared by every module of rdnsaudit.
 *
 * Library functions in core/ and zones/ return 0 on success and a negative
 * RDA_E* code on failure; rda_strerror() turns a code into text and never
 * returns NULL.  Input problems (a bad record, a bad key in the
 * configuration) are diagnostics with a location, not error codes.
 */
#ifndef RDA_ERR_H
#define RDA_ERR_H

#include <stdarg.h>
#include <stdio.h>

enum rda_err {
	RDA_EOK = 0,
	RDA_ENOMEM = -1,	/* out of memory */
	RDA_EINVAL = -2,	/* invalid argument or input */
	RDA_EIO = -3,		/* read or write failed; errno tells more */
	RDA_ELIMIT = -4,	/* a resource limit was reached */
	RDA_ESYNTAX = -5,	/* input text could not be parsed */
	RDA_ENOTFOUND = -6,	/* no such item */
	RDA_ENET = -7,		/* network failure */
	RDA_EOWNER = -8,	/* too many records at one name */
};

/* Returns a static description of CODE; unknown codes give a generic text. */
const char *rda_strerror(int code);

/*
 * Diagnostics quote the input: a name or token from a zone file, a value
 * from a configuration, a file name from $INCLUDE.  These write S (or the
 * formatted text) to OUT with every control byte as a C escape (\n, \t,
 * \x1b), so that no input can forge a diagnostic line of its own or send
 * escape sequences to the terminal.  Other bytes, backslash included, are
 * written as they are: a zone's own \DDD escapes read as written.
 */
void rda_fputs_safe(const char *s, FILE *out);
void rda_vfprintf_safe(FILE *out, const char *fmt, va_list ap);

#endif
