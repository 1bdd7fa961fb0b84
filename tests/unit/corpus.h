/* corpus.h -- the shared corpus (../shared/corpus, SOURCES.md there) for
 * the unit tests that read every real zone: test_fast (the fast path
 * against ldns) and test_pipe (one thread against two).
 */
#ifndef RDA_TEST_CORPUS_H
#define RDA_TEST_CORPUS_H

#include <stdbool.h>

/* Calls FN(CTX, ORIGIN, PATH) for every zone that checks.tsv of the corpus
 * lists (set, path, kind, origin: every zone, whatever BIND thought of
 * it), with the working directory the corpus's so that PATH, relative to
 * it, opens; the directory is $RDA_CORPUS, else ../shared/corpus.  Comes
 * back to the directory it started in.  Returns false, having printed
 * "NAME: SKIPPED: ..." (the test then skips, visibly), when there is no
 * corpus. */
bool corpus_each(const char *name,
    void (*fn)(void *ctx, const char *origin, const char *path), void *ctx);

#endif
