/* fuzz_zone.c -- the whole pipeline, zone text to findings: load_zone()
 * for each zone, model_finish(), checks_run() (cross-indexes, every
 * check), and the text, summary and JSON writers.
 *
 * Input: one or more zones.  A line "#zone ORIGIN" starts a zone; text
 * before the first such line, if any, is the zone example.com.  Each zone goes to
 * its own memory file.  As in cmd/main.c, the audit runs only when every
 * zone loaded; the report goes to /dev/null, but every finding is checked
 * to point at a record, node and zone that exist.
 */
#include <string.h>
#include <unistd.h>

#include "core/checks.h"
#include "core/err.h"
#include "core/model.h"
#include "core/report.h"
#include "tests/fuzz/fuzz.h"

#define ZONES_MAX 8

struct section {
	char origin[256];
	const uint8_t *text;
	size_t len;
};

/* Splits DATA at "#zone ORIGIN" lines; returns the number of sections. */
static size_t
split(const uint8_t *data, size_t size, struct section *s)
{
	const uint8_t *p = data, *end = data + size, *nl;
	size_t n = 1, olen;

	snprintf(s[0].origin, sizeof(s[0].origin), "example.com.");
	s[0].text = data;
	s[0].len = size;
	/* An input that starts with "#zone" has no default zone. */
	if (size > 6 && memcmp(data, "#zone ", 6) == 0)
		n = 0;
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		if (nl - p > 6 && memcmp(p, "#zone ", 6) == 0 && n < ZONES_MAX) {
			if (n > 0)
				s[n - 1].len = (size_t)(p - s[n - 1].text);
			olen = (size_t)(nl - p - 6);
			if (olen >= sizeof(s[n].origin))
				olen = sizeof(s[n].origin) - 1;
			memcpy(s[n].origin, p + 6, olen);
			s[n].origin[olen] = '\0';
			s[n].text = nl < end ? nl + 1 : end;
			s[n].len = (size_t)(end - s[n].text);
			n++;
		}
		p = nl + 1;
	}
	return n;
}

static void
audit(struct model *m)
{
	struct report r;
	struct xref x;
	size_t i;
	int rc;

	FUZZ_ASSERT(model_finish(m) == 0);
	report_init(&r, m);
	rc = checks_run(m, NULL, &x, &r);
	FUZZ_ASSERT(rc == 0 || rc == RDA_ENOMEM);
	for (i = 0; rc == 0 && i < r.n; i++) {
		const struct finding *f = &r.f[i];

		FUZZ_ASSERT(f->check < nchecks && f->sev < SEV_OFF);
		FUZZ_ASSERT(f->rec == MODEL_NONE || f->rec < m->nrecs);
		FUZZ_ASSERT(f->name == MODEL_NONE || f->name < m->nnodes);
		FUZZ_ASSERT(f->zone == MODEL_NONE || f->zone < m->nzones);
		FUZZ_ASSERT(f->msg != NULL && f->msg[0] != '\0');
	}
	if (rc == 0) {
		report_text(&r, fuzz_devnull());
		report_summary(&r, fuzz_devnull());
		report_json(&r, fuzz_devnull());
	}
	xref_clear(&x);
	report_clear(&r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct section s[ZONES_MAX];
	struct load_opts o;
	struct model *m;
	char path[64];
	size_t n, i;
	int fd, rc, failed = 0;

	n = split(data, size, s);
	fuzz_load_opts(&o);
	/* Half the inputs go through the parser-to-builder pipe on two
	 * threads, as large files do (zones/pipe.h); the rest on one. */
	o.threads = (size & 1) ? 2 : 1;
	if ((m = model_new()) == NULL)
		return 0;
	for (i = 0; i < n; i++) {
		if ((fd = fuzz_memfile(s[i].text, s[i].len, path)) < 0)
			break;
		rc = load_zone(m, s[i].origin, path, &o, NULL);
		close(fd);
		FUZZ_ASSERT(rc <= 0);
		if (rc < 0)
			failed++;
	}
	if (i == n && failed == 0)
		audit(m);
	model_free(m);
	return 0;
}
