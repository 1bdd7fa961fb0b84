/* fuzz_gen.c -- $GENERATE: gen_parse() and gen_line() (zones/gen.c).
 *
 * The first line of the input is the text after "$GENERATE"; the bytes
 * after it pick iterator values and an output buffer size.  Invariants
 * from gen.h: a parsed range is sane (start <= stop <= GEN_ITER_MAX, step
 * >= 1); for any value in the range gen_line() fails only for lack of
 * room (RDA_ELIMIT), never on syntax, because gen_parse() checked the
 * templates at the last value; the output is always NUL-terminated inside
 * the buffer, and fits GEN_LINE_MAX when it succeeds.
 */
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "tests/fuzz/fuzz.h"
#include "zones/gen.h"

static uint64_t
take(const uint8_t **p, const uint8_t *end)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 4 && *p < end; i++)
		v = v << 8 | *(*p)++;
	return v;
}

static void
line_at(const struct gen *g, uint64_t i, size_t outlen)
{
	char err[256];
	char *out = malloc(outlen);
	int rc;

	if (out == NULL)
		return;
	err[0] = '\0';
	rc = gen_line(g, i, out, outlen, err, sizeof(err));
	FUZZ_ASSERT(rc == 0 || rc == RDA_ELIMIT);
	FUZZ_ASSERT(memchr(out, '\0', outlen) != NULL);
	if (rc == 0)
		FUZZ_ASSERT(strlen(out) > 0);
	else
		FUZZ_ASSERT(err[0] != '\0');
	free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size), *p, *end = data + size;
	size_t alen = nl != NULL ? (size_t)(nl - data) : size;
	char err[256], *args;
	struct gen g;
	uint64_t n, k;
	size_t outlen;
	int rc;

	if ((args = malloc(alen + 1)) == NULL)
		return 0;
	memcpy(args, data, alen);
	args[alen] = '\0';
	err[0] = '\0';
	rc = gen_parse(args, &g, err, sizeof(err));
	free(args);
	if (rc < 0) {
		FUZZ_ASSERT(rc == RDA_ESYNTAX || rc == RDA_ENOMEM);
		FUZZ_ASSERT(err[0] != '\0');
		return 0;
	}
	FUZZ_ASSERT(g.step >= 1 && g.start <= g.stop);
	FUZZ_ASSERT(g.stop <= GEN_ITER_MAX);
	n = gen_count(&g);
	FUZZ_ASSERT(n >= 1 && g.start + (n - 1) * g.step <= g.stop);
	p = nl != NULL ? nl + 1 : end;
	line_at(&g, g.start, GEN_LINE_MAX);
	line_at(&g, g.start + (n - 1) * g.step, GEN_LINE_MAX);
	k = take(&p, end) % n;
	outlen = p < end ? 1 + *p++ : GEN_LINE_MAX;
	line_at(&g, g.start + k * g.step, outlen);
	gen_clear(&g);
	return 0;
}
