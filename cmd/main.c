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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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
	    "  --zone-list FILE       zones from FILE, one ORIGIN=FILE or FILE "
	    "a line\n"
	    "  --format text|json     report format (default text)\n"
	    "  --fail-on error|warning|info|never   (default warning)\n"
	    "  --dump                 print the loaded records as master-file "
	    "lines\n"
	    "  --quiet                no summary line, no progress line\n"
	    "  --list-checks, --version, --help\n"
	    "exit status: 0 nothing at or above --fail-on, 1 findings at or "
	    "above it,\n"
	    "             2 usage or load error (nothing is reported as "
	    "clean)\n", out);
}

/* The progress line: on a terminal only, once loading has taken a
 * second, at most every quarter second; cleared when the zone is done. */
struct progress {
	struct timespec start, last;
	bool shown;
};

static double
since(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	    (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void
progress_print(void *ctx, const char *zone, uint64_t records,
    long long done, long long size)
{
	struct progress *p = ctx;
	struct timespec now;
	double t;

	clock_gettime(CLOCK_MONOTONIC, &now);
	t = since(&p->start, &now);
	if (t < 1.0 || (p->shown && since(&p->last, &now) < 0.25))
		return;
	p->last = now;
	p->shown = true;
	fprintf(stderr, "\r\033[Kloading %s: %llu records, %.0f records/s, "
	    "%.0f%% read", zone, (unsigned long long)records, records / t,
	    size > 0 ? 100.0 * (double)done / (double)size : 0.0);
}

static void
progress_end(struct progress *p)
{
	if (p->shown)
		fputs("\r\033[K", stderr);
	p->shown = false;
}

static void
diag_print(void *ctx, enum diag_sev sev, const char *file, unsigned line,
    const char *msg)
{
	if (ctx != NULL)
		progress_end(ctx);	/* a message gets a line of its own */
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

/* --zone-list: one zone a line, ORIGIN=FILE or FILE (a hosting provider's
 * hundred thousand zones do not fit on a command line). */
static int
zone_list(struct opts *o, const char *path)
{
	char *line = NULL, *eq;
	size_t cap = 0;
	ssize_t n;
	FILE *fp;
	int rc = 0;

	if ((fp = fopen(path, "r")) == NULL) {
		fprintf(stderr, "rdnsaudit: cannot open '%s': %s\n", path,
		    strerror(errno));
		return RDA_EIO;
	}
	while (rc == 0 && (n = getline(&line, &cap, fp)) > 0) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n == 0 || line[0] == '#')
			continue;
		if ((eq = strchr(line, '=')) != NULL && eq != line && eq[1])
			rc = zone_add(o, line, (size_t)(eq - line), eq + 1);
		else
			rc = zone_add(o, NULL, 0, line);
	}
	free(line);
	fclose(fp);
	return rc;
}

static void
list_checks(void)
{
	unsigned i;

	for (i = 0; i < nchecks; i++)
		printf("%-16s %-8s %s\n", checks[i].id,
		    report_sev_str(checks[i].sev), checks[i].desc);
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
		{"quiet", no_argument, NULL, 'q'},
		{"version", no_argument, NULL, 'V'},
		{"zone", required_argument, NULL, 'z'},
		{"zone-list", required_argument, NULL, 'Z'},
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
		case 'q':
			o->quiet = true;
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
		case 'Z':
			if (zone_list(o, optarg) < 0)
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

	struct progress pr = {0};

	lo.diag = diag_print;
	lo.dump = o->dump ? dump_print : NULL;
	if (!o->quiet && isatty(STDERR_FILENO)) {
		lo.progress = progress_print;
		lo.ctx = &pr;
	}
	for (i = 0; i < o->nzones; i++) {
		const char *org = o->zones[i].origin;

		clock_gettime(CLOCK_MONOTONIC, &pr.start);

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
		progress_end(&pr);
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
