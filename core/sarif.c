/* sarif.c -- SARIF 2.1.0 and GitHub workflow-command writers; see sarif.h.
 *
 * The SARIF written here is checked against the SARIF 2.1.0 JSON schema in
 * `make test` (tests/sarif/).
 */
#include <string.h>

#include "core/checks.h"
#include "core/fingerprint.h"
#include "core/sarif.h"

/* SARIF 3.27.10: level is one of none, note, warning, error. */
static const char *
level(enum sev s)
{
	switch (s) {
	case SEV_ERROR:
		return "error";
	case SEV_WARNING:
		return "warning";
	case SEV_INFO:
		return "note";
	default:
		return "none";
	}
}

void
sarif_uri(const char *path, FILE *out)
{
	const unsigned char *p = (const unsigned char *)path;

	putc('"', out);
	if (*p == '/')
		fputs("file://", out);
	for (; *p != '\0'; p++) {
		/* RFC 3986 unreserved characters and the path separator */
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p) != NULL)
			putc(*p, out);
		else
			fprintf(out, "%%%02X", *p);
	}
	putc('"', out);
}

static void
rules(FILE *out)
{
	unsigned i;

	for (i = 0; i < nchecks; i++) {
		fputs(i ? ",\n" : "\n", out);
		fputs("          {\"id\": ", out);
		report_json_str(out, checks[i].id);
		fputs(",\n           \"shortDescription\": {\"text\": ", out);
		report_json_str(out, checks[i].desc);
		fprintf(out, "},\n           \"defaultConfiguration\": "
		    "{\"level\": \"%s\"}}", level(checks[i].sev));
	}
}

static void
location(const struct report *r, const struct finding *f, FILE *out)
{
	const char *file;
	unsigned line, col;

	report_loc(r, f, &file, &line, &col);
	/* A record from a transfer has no file to point at. */
	if (file == NULL || (f->rec != MODEL_NONE &&
	    r->m->srcs[r->m->recs[f->rec].src].axfr))
		return;
	fputs(",\n       \"locations\": [{\"physicalLocation\": "
	    "{\"artifactLocation\": {\"uri\": ", out);
	sarif_uri(file, out);
	fputs("}", out);
	if (line > 0) {
		fprintf(out, ", \"region\": {\"startLine\": %u", line);
		if (col > 0)
			fprintf(out, ", \"startColumn\": %u", col);
		fputs("}", out);
	}
	fputs("}}]", out);
}

static void
properties(const struct report *r, const struct finding *f, FILE *out)
{
	const struct model *m = r->m;
	char buf[NAMES_TXT_MAX];

	fputs(",\n       \"properties\": {", out);
	fputs("\"address\": ", out);
	if (f->has_addr)
		report_json_str(out, names_addr_fmt(&f->addr, buf));
	else
		fputs("null", out);
	fputs(", \"name\": ", out);
	if (f->name != MODEL_NONE)
		report_json_str(out, model_fmt(m, f->name, buf));
	else
		fputs("null", out);
	fputs(", \"zone\": ", out);
	if (f->zone != MODEL_NONE)
		report_json_str(out, model_fmt(m, m->zones[f->zone].apex, buf));
	else
		fputs("null", out);
	fputs("}", out);
}

static void
result(const struct report *r, const struct finding *f, FILE *out)
{
	char fp[FINGERPRINT_TXT];

	fputs("      {\"ruleId\": ", out);
	report_json_str(out, checks[f->check].id);
	fprintf(out, ", \"ruleIndex\": %u, \"level\": \"%s\",\n"
	    "       \"message\": {\"text\": ", f->check, level(f->sev));
	report_json_str(out, f->msg);
	fputs("}", out);
	location(r, f, out);
	fprintf(out, ",\n       \"partialFingerprints\": "
	    "{\"rdnsaudit/v1\": \"%s\"}",
	    fingerprint_fmt(fingerprint(r, f), fp));
	properties(r, f, out);
	fputs("}", out);
}

void
sarif_write(const struct report *r, const char *version, FILE *out)
{
	size_t i;

	fputs("{\"$schema\": \"https://docs.oasis-open.org/sarif/sarif/v2.1.0/"
	    "errata01/os/schemas/sarif-schema-2.1.0.json\",\n"
	    " \"version\": \"2.1.0\",\n"
	    " \"runs\": [\n  {\"tool\": {\"driver\": {\"name\": \"rdnsaudit\", "
	    "\"version\": ", out);
	report_json_str(out, version);
	fputs(",\n      \"rules\": [", out);
	rules(out);
	fputs("]}},\n   \"results\": [", out);
	for (i = 0; i < r->n; i++) {
		fputs(i ? ",\n" : "\n", out);
		result(r, &r->f[i], out);
	}
	fputs("]}]}\n", out);
}

/* Workflow-command data: %, CR and LF are escaped; in properties also
 * ':' and ','. */
static void
gh_escape(const char *s, int prop, FILE *out)
{
	for (; *s != '\0'; s++) {
		if (*s == '%')
			fputs("%25", out);
		else if (*s == '\r')
			fputs("%0D", out);
		else if (*s == '\n')
			fputs("%0A", out);
		else if (prop && *s == ':')
			fputs("%3A", out);
		else if (prop && *s == ',')
			fputs("%2C", out);
		else
			putc(*s, out);
	}
}

void
sarif_github(const struct report *r, FILE *out)
{
	static const char *const cmd[] = {
		[SEV_INFO] = "notice", [SEV_WARNING] = "warning",
		[SEV_ERROR] = "error",
	};
	const char *file;
	unsigned line, col;
	size_t i;

	for (i = 0; i < r->n; i++) {
		const struct finding *f = &r->f[i];

		report_loc(r, f, &file, &line, &col);
		fprintf(out, "::%s ", cmd[f->sev]);
		if (file != NULL && (f->rec == MODEL_NONE ||
		    !r->m->srcs[r->m->recs[f->rec].src].axfr)) {
			fputs("file=", out);
			gh_escape(file, 1, out);
			if (line > 0)
				fprintf(out, ",line=%u", line);
			if (col > 0)
				fprintf(out, ",col=%u", col);
			putc(',', out);
		}
		fputs("title=", out);
		gh_escape("rdnsaudit ", 1, out);
		gh_escape(checks[f->check].id, 1, out);
		fputs("::", out);
		gh_escape(f->msg, 0, out);
		putc('\n', out);
	}
}
