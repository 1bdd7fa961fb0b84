/* fuzz_namedconf.c -- the BIND named.conf reader (cmd/namedconf.c).
 *
 * The input is a named.conf written into the scratch directory, so that
 * its include statements can reach the files common.c leaves there (and
 * itself: include loops).  namedconf_read() must return 0 or -1; on
 * success every zone has a name and a file, and its statement's location
 * names a file that was read; on failure nothing is left (LSan).
 */
#include <stdlib.h>
#include <string.h>

#include "cmd/namedconf.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nc_zones z;
	char *diag = NULL;
	size_t dlen = 0, i;
	FILE *fp, *out;
	int rc;

	if ((fp = fopen("named.conf", "w")) == NULL)
		return 0;
	fwrite(data, 1, size, fp);
	fclose(fp);
	if ((out = open_memstream(&diag, &dlen)) == NULL)
		return 0;
	memset(&z, 0, sizeof(z));
	rc = namedconf_read("named.conf", &z, out);
	fclose(out);
	FUZZ_ASSERT(rc == 0 || rc == -1);
	fuzz_diag_printable(diag);
	if (rc == 0) {
		for (i = 0; i < z.n; i++) {
			FUZZ_ASSERT(z.z[i].origin != NULL &&
			    z.z[i].origin[0] != '\0');
			FUZZ_ASSERT(z.z[i].file != NULL &&
			    z.z[i].file[0] != '\0');
			FUZZ_ASSERT(z.z[i].conf != NULL && z.z[i].line > 0);
		}
		namedconf_free(&z);
	} else
		FUZZ_ASSERT(z.n == 0 && strstr(diag, "error") != NULL);
	free(diag);
	return 0;
}
