/* fuzz.h -- what every fuzz target in tests/fuzz/ shares.
 *
 * Each fuzz_<name>.c defines LLVMFuzzerTestOneInput() and is linked either
 * with libFuzzer (clang -fsanitize=fuzzer: `make fuzz`) or with
 * standalone.c, a plain main() that replays files (the regression inputs
 * under tests/fuzz/regress/<name>/, run by `make test` under ASan+UBSan).
 * common.c gives both the same start-up: LLVMFuzzerInitialize() makes a
 * scratch directory with a few files for $INCLUDE to find and moves into
 * it, so an input behaves the same under both drivers.
 */
#ifndef RDA_FUZZ_H
#define RDA_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "zones/load.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stops the process with a message when COND is false: a broken invariant
 * is a finding, and abort() is what both drivers report as a crash. */
#define FUZZ_ASSERT(cond)                                                  \
	do {                                                               \
		if (!(cond))                                               \
			fuzz_fail(__FILE__, __LINE__, #cond);              \
	} while (0)

void fuzz_fail(const char *file, int line, const char *what)
    __attribute__((noreturn));

/* Fails unless every byte of the diagnostics DIAG is printable or a
 * newline: input quoted in a message is escaped (rda_fputs_safe()). */
void fuzz_diag_printable(const char *diag);

/* A memory file (memfd) holding DATA; writes its /proc path to PATH (64
 * bytes).  Returns the descriptor (close it when done) or -1. */
int fuzz_memfile(const void *data, size_t size, char *path);

/* Load options for fuzzing: the defaults, with the limits that only cost
 * time ($GENERATE size, records) cut down so one input runs in
 * milliseconds, and diagnostics swallowed. */
void fuzz_load_opts(struct load_opts *o);

/* /dev/null, opened once, for report writers. */
FILE *fuzz_devnull(void);

#endif
