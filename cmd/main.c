/* main.c -- rdnsaudit: audits forward and reverse DNS zones for what would
 * fail a forward-confirmed reverse DNS check at a receiving mail server.
 *
 * Parses the command line, loads the zones, runs the checks, writes the
 * report and maps the outcome to the exit status: 0 nothing at or above
 * --fail-on, 1 findings at or above it, 2 usage or load errors.  This is
 * the only file that prints or exits.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/checks.h"
#include "core/err.h"
#include "core/model.h"
#include "core/report.h"
#include "zones/load.h"

#define RDA_VERSION "0.1.0"

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_TROUBLE = 2 };
enum fmt { FMT_TEXT, FMT_JSON };

struct zonearg {
	char *origin;		/* NULL: infer */
	char *path;
};

struct opts {
	struct zonearg *zones;
	size_t nzones;
	enum fmt format;
	enum sev fail_on;	/* SEV_OFF for never */
	bool dump, quiet;
	uint64_t max_records;	/* per zone; 0 = the loader's default */
	uint64_t max_memory;	/* bytes per zone; 0 = the loader's default */
};

static void
usage(FILE *out)
{
	fputs("usage: rdnsaudit [options] [ZONEFILE ...]\n"
	    "  --zone ORIGIN=FILE     a zone from a master file (repeatable)\n"
	    "  ZONEFILE               origin from $ORIGIN before the first "
	    "record,\n"
	    "                         else an absolute SOA owner, else the "
	    "file name\n"
	    "  --format text|json     report format (default text)\n"
	    "  --fail-on error|warning|info|never   (default warning)\n"
	    "  --dump                 print the loaded records as master-file "
	    "lines\n"
	    "  --quiet                no summary line\n"
	    "  --max-records N        records one zone may have (default "
	    "50000000)\n"
	    "  --max-memory MIB       memory one zone may take, in MiB "
	    "(default 4096)\n"
	    "  --list-checks, --version, --help\n"
	    "exit status: 0 nothing at or above --fail-on, 1 findings at or "
	    "above it,\n"
	    "             2 usage or load error (nothing is reported as "
	    "clean)\n", out);
}

static void
diag_print(void *ctx, enum diag_sev sev, const char *file, unsigned line,
    const char *msg)
{
	(void)ctx;
	if (line > 0)
		fprintf(stderr, "%s:%u: %s: %s\n", file, line,
		    sev == DIAG_ERROR ? "error" : "warning", msg);
	else
		fprintf(stderr, "%s: %s: %s\n", file,
		    sev == DIAG_ERROR ? "error" : "warning", msg);
}

static void
dump_print(void *ctx, const char *text)
{
	(void)ctx;
	fputs(text, stdout);
}

static int
zone_add(struct opts *o, const char *origin, size_t olen, const char *path)
{
	struct zonearg *z;

	z = realloc(o->zones, (o->nzones + 1) * sizeof(*z));
	if (z == NULL)
		return RDA_ENOMEM;
	o->zones = z;
	z = &o->zones[o->nzones++];
	z->origin = origin != NULL ? strndup(origin, olen) : NULL;
	z->path = strdup(path);
	return 0;
}

static void
list_checks(void)
{
	unsigned i;

	for (i = 0; i < nchecks; i++)
		printf("%-16s %-8s %s\n", checks[i].id,
		    report_sev_str(checks[i].sev), checks[i].desc);
}

/* A limit option: a decimal number from 1 to MAX.  Returns 0 or -1. */
static int
limit_arg(const char *opt, const char *arg, uint64_t max, uint64_t *out)
{
	char *end;
	uintmax_t v;

	errno = 0;
	v = strtoumax(arg, &end, 10);
	if (arg[0] < '0' || arg[0] > '9' || *end != '\0' || errno != 0 ||
	    v < 1 || v > max) {
		fprintf(stderr, "rdnsaudit: %s takes a number from 1 to %" PRIu64
		    ", not '%s'\n", opt, max, arg);
		return -1;
	}
	*out = (uint64_t)v;
	return 0;
}

/* Returns -1 to go on, else the exit status. */
static int
parse(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{"dump", no_argument, NULL, 'd'},
		{"fail-on", required_argument, NULL, 'F'},
		{"format", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{"list-checks", no_argument, NULL, 'L'},
		{"max-memory", required_argument, NULL, 'M'},
		{"max-records", required_argument, NULL, 'R'},
		{"quiet", no_argument, NULL, 'q'},
		{"version", no_argument, NULL, 'V'},
		{"zone", required_argument, NULL, 'z'},
		{NULL, 0, NULL, 0},
	};
	const char *eq;
	int c, i;

	o->fail_on = SEV_WARNING;
	while ((c = getopt_long(argc, argv, "hqV", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			o->dump = true;
			break;
		case 'F':
			if (strcmp(optarg, "never") == 0)
				o->fail_on = SEV_OFF;
			else if (report_sev_parse(optarg, &o->fail_on) < 0 ||
			    o->fail_on == SEV_OFF) {
				fprintf(stderr, "rdnsaudit: --fail-on takes "
				    "error, warning, info or never, not '%s'\n",
				    optarg);
				return EXIT_TROUBLE;
			}
			break;
		case 'f':
			if (strcmp(optarg, "text") == 0)
				o->format = FMT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				o->format = FMT_JSON;
			else {
				fprintf(stderr, "rdnsaudit: unknown --format "
				    "'%s' (this version writes text and "
				    "json)\n", optarg);
				return EXIT_TROUBLE;
			}
			break;
		case 'h':
			usage(stdout);
			return EXIT_CLEAN;
		case 'L':
			list_checks();
			return EXIT_CLEAN;
		case 'M':
			/* In MiB, up to 1 TiB: far past any real zone. */
			if (limit_arg("--max-memory", optarg, 1 << 20,
			    &o->max_memory) < 0)
				return EXIT_TROUBLE;
			o->max_memory <<= 20;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'R':
			if (limit_arg("--max-records", optarg, UINT32_MAX - 2,
			    &o->max_records) < 0)
				return EXIT_TROUBLE;
			break;
		case 'V':
			printf("rdnsaudit %s\n", RDA_VERSION);
			return EXIT_CLEAN;
		case 'z':
			if ((eq = strchr(optarg, '=')) == NULL ||
			    eq == optarg || eq[1] == '\0') {
				fprintf(stderr, "rdnsaudit: --zone takes "
				    "ORIGIN=FILE, not '%s'\n", optarg);
				return EXIT_TROUBLE;
			}
			if (zone_add(o, optarg, (size_t)(eq - optarg),
			    eq + 1) < 0)
				return EXIT_TROUBLE;
			break;
		default:
			usage(stderr);
			return EXIT_TROUBLE;
		}
	}
	for (i = optind; i < argc; i++)
		if (zone_add(o, NULL, 0, argv[i]) < 0)
			return EXIT_TROUBLE;
	if (o->nzones == 0) {
		fprintf(stderr, "rdnsaudit: no zones to audit\n");
		usage(stderr);
		return EXIT_TROUBLE;
	}
	return -1;
}

/* Loads every zone; returns the number that failed, or -1 on no memory. */
static int
load_all(struct model *m, struct opts *o)
{
	struct load_opts lo = {0};
	char origin[NAMES_TXT_MAX], err[1024];
	size_t i;
	int failed = 0, rc;

	lo.diag = diag_print;
	lo.dump = o->dump ? dump_print : NULL;
	lo.max_records = o->max_records;
	lo.max_memory = o->max_memory;
	for (i = 0; i < o->nzones; i++) {
		const char *org = o->zones[i].origin;

		if (org == NULL) {
			if (load_infer_origin(o->zones[i].path, origin,
			    sizeof(origin), err, sizeof(err)) < 0) {
				fprintf(stderr, "%s: error: %s\n",
				    o->zones[i].path, err);
				failed++;
				continue;
			}
			org = origin;
		}
		rc = load_zone(m, org, o->zones[i].path, &lo, NULL);
		if (rc == RDA_ENOMEM)
			return -1;
		if (rc < 0)
			failed++;
	}
	return failed;
}

static int
run(struct opts *o)
{
	struct model *m;
	struct report r;
	struct xref x;
	int failed, status = EXIT_CLEAN;

	if ((m = model_new()) == NULL)
		goto nomem;
	failed = load_all(m, o);
	if (failed < 0)
		goto nomem;
	if (failed > 0) {
		fprintf(stderr, "rdnsaudit: %d zone%s failed to load; nothing "
		    "was audited\n", failed, failed == 1 ? "" : "s");
		model_free(m);
		return EXIT_TROUBLE;
	}
	if (o->dump) {
		model_free(m);
		return EXIT_CLEAN;
	}
	if (model_finish(m) < 0)
		goto nomem;
	report_init(&r, m);
	if (checks_run(m, NULL, &x, &r) < 0) {
		xref_clear(&x);
		report_clear(&r);
		goto nomem;
	}
	if (o->format == FMT_JSON)
		report_json(&r, stdout);
	else {
		report_text(&r, stdout);
		if (!o->quiet)
			report_summary(&r, stdout);
	}
	if (o->fail_on != SEV_OFF) {
		unsigned s;

		for (s = o->fail_on; s <= SEV_ERROR; s++)
			if (r.count[s] > 0)
				status = EXIT_FINDINGS;
	}
	xref_clear(&x);
	report_clear(&r);
	model_free(m);
	return status;
nomem:
	model_free(m);
	fprintf(stderr, "rdnsaudit: out of memory\n");
	return EXIT_TROUBLE;
}

int
main(int argc, char **argv)
{
	struct opts o = {0};
	size_t i;
	int status;

	checks_init();
	if ((status = parse(argc, argv, &o)) < 0)
		status = run(&o);
	for (i = 0; i < o.nzones; i++) {
		free(o.zones[i].origin);
		free(o.zones[i].path);
	}
	free(o.zones);
	if (fflush(stdout) != 0 && status != EXIT_TROUBLE) {
		perror("rdnsaudit: stdout");
		status = EXIT_TROUBLE;
	}
	return status;
}
