/* fuzz_config.c -- the YAML configuration reader (cmd/config.c).
 *
 * The input is a configuration file, written into the scratch directory
 * (so that secret_file and named_conf paths resolve there, among the files
 * common.c leaves).  config_load() must return 0 or -1, print every error
 * as FILE:LINE:COLUMN on a line of its own with any control byte quoted
 * from the input escaped, and on success hold a configuration whose parts
 * agree: counts match, every transfer's key names a key, every key's
 * algorithm is one ldns 1.8.3 can sign with, and no TSIG secret appears in
 * what it printed.  On failure nothing may be left allocated (LSan).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd/config.h"
#include "core/checks.h"
#include "tests/fuzz/fuzz.h"

static bool
known_algorithm(const char *a)
{
	static const char *const ok[] = {
		"hmac-md5", "hmac-md5.sig-alg.reg.int", "hmac-sha1",
		"hmac-sha256", "hmac-sha512",
	};
	size_t i, n = strlen(a);

	if (n > 0 && a[n - 1] == '.')
		n--;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (strlen(ok[i]) == n && strncasecmp(ok[i], a, n) == 0)
			return true;
	return false;
}

static void
check(const struct config *c, const char *diag)
{
	size_t i, k;

	FUZZ_ASSERT(c->nzones == 0 || c->zones != NULL);
	for (i = 0; i < c->nzones; i++)
		FUZZ_ASSERT(c->zones[i].origin != NULL &&
		    c->zones[i].file != NULL);
	for (i = 0; i < c->nkeys; i++) {
		FUZZ_ASSERT(known_algorithm(c->keys[i].algorithm));
		FUZZ_ASSERT(c->keys[i].secret[0] != '\0');
		/* A secret is never echoed, not even in a warning. */
		FUZZ_ASSERT(strlen(c->keys[i].secret) < 8 ||
		    strstr(diag, c->keys[i].secret) == NULL);
	}
	for (i = 0; i < c->naxfr; i++) {
		if (c->axfr[i].key == NULL)
			continue;
		for (k = 0; k < c->nkeys; k++)
			if (strcmp(c->keys[k].name, c->axfr[i].key) == 0)
				break;
		FUZZ_ASSERT(k < c->nkeys);
	}
	for (i = 0; i < c->nsev; i++)
		FUZZ_ASSERT(c->sev[i].check >= 0 &&
		    (unsigned)c->sev[i].check < nchecks);
}

/* Every "error:" line starts with the file name and a line and column. */
static void
check_diag(const char *diag)
{
	const char *p;

	for (p = diag; (p = strstr(p, ": error: ")) != NULL; p++) {
		const char *bol = p;

		while (bol > diag && bol[-1] != '\n')
			bol--;
		FUZZ_ASSERT(strncmp(bol, "fuzz.yaml", 9) == 0);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config c;
	char *diag = NULL;
	size_t dlen = 0;
	FILE *fp, *out;
	int rc;

	if ((fp = fopen("fuzz.yaml", "w")) == NULL)
		return 0;
	fwrite(data, 1, size, fp);
	fclose(fp);
	if ((out = open_memstream(&diag, &dlen)) == NULL)
		return 0;
	memset(&c, 0, sizeof(c));
	checks_init();
	rc = config_load("fuzz.yaml", &c, out);
	fclose(out);
	FUZZ_ASSERT(rc == 0 || rc == -1);
	check_diag(diag);
	fuzz_diag_printable(diag);
	if (rc == 0) {
		check(&c, diag);
		config_free(&c);
	}
	free(diag);
	return 0;
}
