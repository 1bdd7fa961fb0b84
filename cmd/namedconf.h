/* namedconf.h -- the zones of a BIND named.conf (--named-conf).
 *
 * Reads the statements rdnsaudit needs and skips the rest: `options {
 * directory "D"; }`, `zone "NAME" [IN] { type T; file "F"; }` and
 * `include "F";`, with comments in all three styles (#, //, C).  Zones of
 * type primary/master need a file; secondary/slave zones are read from
 * their file when they have one; other types (hint, forward, stub, ...)
 * hold no data to audit and are skipped, as are zones of a class other
 * than IN and zones inside `view` blocks (with a warning).
 *
 * Paths, as rdnsaudit resolves them (a repository is not a server): a
 * relative `directory` is taken from the directory of the named.conf
 * given; a relative zone `file` from `directory` (or that same directory
 * when there is none); a relative `include` from the including file's
 * directory.
 */
#ifndef RDA_NAMEDCONF_H
#define RDA_NAMEDCONF_H

#include <stddef.h>
#include <stdio.h>

struct nc_zone {
	char *origin;		/* as written, without quotes */
	char *file;		/* resolved path */
	char *conf;		/* the file and line of the zone statement */
	unsigned line;
};

struct nc_zones {
	struct nc_zone *z;
	size_t n;
};

/* Reads PATH and its includes.  Problems are printed to DIAG as
 * "FILE:LINE: error: ...".  Returns 0, or -1 after any error (*OUT is
 * then empty). */
int namedconf_read(const char *path, struct nc_zones *out, FILE *diag);
void namedconf_free(struct nc_zones *z);

#endif
