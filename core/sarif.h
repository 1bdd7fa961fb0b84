/* sarif.h -- report writers for CI: SARIF 2.1.0 and GitHub Actions
 * workflow commands.
 *
 * SARIF: one run; the tool's rules are the whole check table (id, the
 * one-line description, the default level); one result per finding with
 * its level, message, file and line, and a stable fingerprint
 * (core/fingerprint.h) in partialFingerprints, so code-scanning services
 * follow a finding across edits.  GitHub: one "::error file=F,line=L::"
 * line per finding, which the Actions runner turns into an annotation.
 */
#ifndef RDA_SARIF_H
#define RDA_SARIF_H

#include <stdio.h>

#include "core/report.h"

/* Writes R as a SARIF 2.1.0 log; VERSION is the tool's version. */
void sarif_write(const struct report *r, const char *version, FILE *out);

/* Writes R as GitHub Actions workflow commands, one a finding. */
void sarif_github(const struct report *r, FILE *out);

/* Writes PATH as a URI reference: relative paths percent-encoded as
 * relative references, absolute ones as file:// URIs. */
void sarif_uri(const char *path, FILE *out);

#endif
