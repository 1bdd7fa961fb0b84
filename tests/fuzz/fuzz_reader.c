/* fuzz_reader.c -- the record reader (zones/reader.c) and the directives
 * the loader handles on top of it ($ORIGIN, $TTL, $INCLUDE, $GENERATE).
 *
 * The input is a master file.  First the reader alone: every record it
 * returns is one line of text without NUL or line break, shorter than
 * READER_MAX, and records start on increasing lines that it has read.
 * Then the same bytes are loaded as zone example.com. (load_zone(): the
 * directives, ldns, the model), which must return one of its documented
 * codes and leave a model that model_finish() accepts.  $INCLUDE finds
 * the files common.c puts in the scratch directory.
 */
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/model.h"
#include "tests/fuzz/fuzz.h"
#include "zones/reader.h"

static void
read_all(const char *path)
{
	struct reader r;
	char err[512];
	unsigned last = 0;
	FILE *fp;
	int n;

	if ((fp = fopen(path, "r")) == NULL)
		return;
	reader_init(&r, fp);
	while ((n = reader_next(&r, err, sizeof(err))) != 0) {
		FUZZ_ASSERT(n == 1 || n == RDA_ESYNTAX);
		FUZZ_ASSERT(r.first > last && r.first <= r.line + 1);
		last = r.first;
		if (n == RDA_ESYNTAX) {
			FUZZ_ASSERT(err[0] != '\0');
			continue;
		}
		FUZZ_ASSERT(r.len < READER_MAX && strlen(r.text) == r.len);
		FUZZ_ASSERT(strchr(r.text, '\n') == NULL);
	}
	reader_clear(&r);
	fclose(fp);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct load_opts o;
	struct load_stats st;
	struct model *m;
	char path[64];
	int fd, rc;

	if ((fd = fuzz_memfile(data, size, path)) < 0)
		return 0;
	read_all(path);
	fuzz_load_opts(&o);
	if ((m = model_new()) != NULL) {
		rc = load_zone(m, "example.com.", path, &o, &st);
		FUZZ_ASSERT(rc == 0 || rc == RDA_ESYNTAX || rc == RDA_ELIMIT ||
		    rc == RDA_ENOMEM);
		FUZZ_ASSERT(rc != 0 || st.errors == 0);
		FUZZ_ASSERT(st.records <= m->nrecs);
		FUZZ_ASSERT(model_finish(m) == 0);
		model_free(m);
	}
	close(fd);
	return 0;
}
