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
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <sys/resource.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cliopt.h"
#include "cmd/config.h"
#include "cmd/live.h"
#include "cmd/namedconf.h"
#include "core/checks.h"
#include "core/err.h"
#include "core/fixlist.h"
#include "core/ignore.h"
#include "core/html.h"
#include "core/model.h"
#include "core/report.h"
#include "core/sarif.h"
#include "zones/load.h"

#define RDA_VERSION "0.1.0"

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_TROUBLE = 2 };
enum fmt { FMT_TEXT, FMT_JSON, FMT_SARIF, FMT_GITHUB, FMT_FIXLIST,
    FMT_FIXLIST_CSV, FMT_HTML };
static const char *const fmt_names[] = {"text", "json", "sarif", "github",
    "fixlist", "fixlist-csv", "html"};

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
	struct live_opts live;	/* --axfr, --tsig, --resolve (cmd/live.h) */
	struct policy pol;	/* --mail-host, --network, --generic-word */
	bool format_set, fail_on_set, no_config;
	const char *config;	/* --config, or NULL */
	const char *named_conf;
	const char *output;	/* --output FILE, or NULL for stdout */
	const char *baseline, *write_baseline;
	struct config cfg;	/* empty when there is none */
	uint64_t max_records;	/* per zone; 0 = the loader's default */
	uint64_t max_memory;	/* bytes per zone; 0 = the loader's default */
};

static void
usage(FILE *out)
{
	fputs("usage: rdnsaudit [options] [ZONEFILE ...]\n"
	    "  --zone ORIGIN=FILE     a zone from a master file (repeatable)\n"
	    "  --zone-list FILE       zones from FILE, one ORIGIN=FILE or FILE "
	    "a line\n"
	    "  ZONEFILE               origin from $ORIGIN before the first "
	    "record,\n"
	    "                         else an absolute SOA owner, else the "
	    "file name\n"
	    "  --named-conf FILE      the primary and secondary zones of a BIND "
	    "named.conf\n"
	    "  --config FILE          YAML configuration (default: "
	    "./rdnsaudit.yaml if present)\n"
	    "  --no-config            do not read ./rdnsaudit.yaml\n"
	    "  --format text|json|sarif|github|html|fixlist|fixlist-csv\n"
	    "                         the report (html: one self-contained page), "
	    "or the\n"
	    "                         PTR records to create or change\n"
	    "                         (default text)\n"
	    "  --output FILE          write the report to FILE; the summary "
	    "still goes to\n"
	    "                         the terminal\n"
	    "  --baseline FILE        report only findings that are not in "
	    "FILE\n"
	    "  --write-baseline FILE  record the findings in FILE\n"

	    "  --fail-on error|warning|info|never   (default warning)\n"
	    LIVE_USAGE
	    "  --dump                 print the loaded records as master-file "
	    "lines\n"
	    "  --quiet                no summary line, no progress line\n"
	    "  --mail-host NAME       a mail host besides MX targets and SPF "
	    "senders\n"
	    "  --network PREFIX=self|isp[:CONTACT]   who holds a network's "
	    "reverse DNS\n"
	    "  --generic-word WORD    ptr-generic pool word (replaces the "
	    "built-in list)\n"
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
	/* FILE may come from an $INCLUDE and MSG quotes the zone's text. */
	rda_fputs_safe(file, stderr);
	if (line > 0)
		fprintf(stderr, ":%u", line);
	fprintf(stderr, ": %s: ", sev == DIAG_ERROR ? "error" : "warning");
	rda_fputs_safe(msg, stderr);
	putc('\n', stderr);
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

static int
format_parse(const char *s, enum fmt *f)
{
	unsigned i;

	for (i = 0; i < sizeof(fmt_names) / sizeof(fmt_names[0]); i++)
		if (strcmp(s, fmt_names[i]) == 0) {
			*f = (enum fmt)i;
			return 0;
		}
	return RDA_EINVAL;
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
		{"baseline", required_argument, NULL, 'b'},
		{"config", required_argument, NULL, 'c'},
		{"dump", no_argument, NULL, 'd'},
		{"fail-on", required_argument, NULL, 'F'},
		{"format", required_argument, NULL, 'f'},
		{"generic-word", required_argument, NULL, 'g'},
		{"help", no_argument, NULL, 'h'},
		{"list-checks", no_argument, NULL, 'L'},
		{"mail-host", required_argument, NULL, 'm'},
		{"named-conf", required_argument, NULL, 'n'},
		{"network", required_argument, NULL, 'k'},
		{"no-config", no_argument, NULL, 'N'},
		{"output", required_argument, NULL, 'o'},
		{"max-memory", required_argument, NULL, 'M'},
		{"max-records", required_argument, NULL, 'R'},
		{"quiet", no_argument, NULL, 'q'},
		{"version", no_argument, NULL, 'V'},
		{"write-baseline", required_argument, NULL, 'W'},
		{"zone", required_argument, NULL, 'z'},
		LIVE_LONGOPTS,
		{"zone-list", required_argument, NULL, 'Z'},
		{NULL, 0, NULL, 0},
	};
	char err[512];
	const char *eq;
	int c, i, rc;

	o->fail_on = SEV_WARNING;
	while ((c = getopt_long(argc, argv, "hqV", longopts, NULL)) != -1) {
		switch (c) {
		case 'b':
			o->baseline = optarg;
			break;
		case 'c':
			o->config = optarg;
			break;
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
			o->fail_on_set = true;
			break;
		case 'f':
			if (format_parse(optarg, &o->format) < 0) {
				fprintf(stderr, "rdnsaudit: unknown --format "
				    "'%s' (text, json, sarif, github, html, "
				    "fixlist or fixlist-csv)\n",
				    optarg);
				return EXIT_TROUBLE;
			}
			o->format_set = true;
			break;
		case 'g':
		case 'm':
		case 'k':
			rc = c == 'g' ? cliopt_generic_word(&o->pol, optarg,
			    err, sizeof(err)) : c == 'm' ? cliopt_mail_host(
			    &o->pol, optarg, err, sizeof(err)) :
			    cliopt_network(&o->pol, optarg, err, sizeof(err));
			if (rc < 0) {
				fprintf(stderr, "rdnsaudit: %s\n", rc ==
				    RDA_ENOMEM ? "out of memory" : err);
				return EXIT_TROUBLE;
			}
			o->format_set = true;
			break;
		case 'h':
			usage(stdout);
			return EXIT_CLEAN;
		case 'L':
			list_checks();
			return EXIT_CLEAN;
		case 'n':
			o->named_conf = optarg;
			break;
		case 'N':
			o->no_config = true;
			break;
		case 'o':
			o->output = optarg;
			break;
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
		case 'W':
			o->write_baseline = optarg;
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
		case 'Z':
			if (zone_list(o, optarg) < 0)
				return EXIT_TROUBLE;
			break;
		default:
			if (c >= LIVE_OPT_FIRST) {
				if (live_option(&o->live, c, optarg) < 0)
					return EXIT_TROUBLE;
				break;
			}
			usage(stderr);
			return EXIT_TROUBLE;
		}
	}
	for (i = optind; i < argc; i++)
		if (zone_add(o, NULL, 0, argv[i]) < 0)
			return EXIT_TROUBLE;
	o->live.quiet = o->quiet;
	return -1;
}

/* Reads the configuration (--config, else ./rdnsaudit.yaml when present)
 * and named.conf, and merges them with the command line, which wins.
 * Returns -1 to go on, else the exit status. */
static int
configure(struct opts *o)
{
	struct config *c = &o->cfg;
	struct nc_zones nc = {0};
	const char *path = o->config, *ncpath = o->named_conf;
	size_t i;
	int rc = 0;

	if (path == NULL && !o->no_config &&
	    access("rdnsaudit.yaml", F_OK) == 0)
		path = "rdnsaudit.yaml";
	if (path != NULL && config_load(path, c, stderr) < 0)
		return EXIT_TROUBLE;
	for (i = 0; i < c->nsev; i++)
		checks_sev[c->sev[i].check] = c->sev[i].sev;
	if (c->has_fail_on && !o->fail_on_set)
		o->fail_on = c->fail_on;
	if (c->format != NULL && !o->format_set)
		format_parse(c->format, &o->format);
	for (i = 0; rc == 0 && i < c->nzones; i++)
		rc = zone_add(o, c->zones[i].origin,
		    strlen(c->zones[i].origin), c->zones[i].file);
	if (ncpath == NULL)
		ncpath = c->named_conf;
	if (ncpath != NULL) {
		if (namedconf_read(ncpath, &nc, stderr) < 0) {
			fprintf(stderr, "rdnsaudit: %s: nothing was audited\n",
			    ncpath);
			return EXIT_TROUBLE;
		}
		for (i = 0; rc == 0 && i < nc.n; i++)
			rc = zone_add(o, nc.z[i].origin,
			    strlen(nc.z[i].origin), nc.z[i].file);
		namedconf_free(&nc);
	}
	if (rc < 0) {
		fprintf(stderr, "rdnsaudit: out of memory\n");
		return EXIT_TROUBLE;
	}
	if (live_config(&o->live, c) < 0)
		return EXIT_TROUBLE;
	/* The configuration's networks and mail hosts join those of the
	 * command line. */
	if (cliopt_take(&o->pol, &c->policy) < 0) {
		fprintf(stderr, "rdnsaudit: out of memory\n");
		return EXIT_TROUBLE;
	}
	if (o->nzones == 0 && o->live.njobs == 0) {
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
	lo.max_records = o->max_records;
	lo.max_memory = o->max_memory;
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
	if ((rc = live_load(m, &o->live)) < 0)
		return -1;
	return failed + rc;
}

/* Today as days since 1970-01-01 (UTC), for ignore rules' until. */
static long
today(void)
{
	return (long)(time(NULL) / 86400);
}

/* After the checks: ignore rules, --write-baseline, --baseline.
 * Returns 0 or -1 after a message. */
static int
filter(struct opts *o, struct report *r)
{
	struct baseline b;
	unsigned line = 0;
	FILE *fp;
	int rc;

	if (o->cfg.nignore > 0 || o->baseline != NULL)
		r->filtered = true;
	if (o->cfg.nignore > 0 && ignore_apply(r, o->cfg.ignore,
	    o->cfg.nignore, today()) < 0) {
		fprintf(stderr, "rdnsaudit: out of memory\n");
		return -1;
	}
	if (o->write_baseline != NULL) {
		if ((fp = fopen(o->write_baseline, "w")) == NULL ||
		    baseline_write(r, fp) < 0 || fclose(fp) != 0) {
			perror(o->write_baseline);
			return -1;
		}
	}
	if (o->baseline == NULL)
		return 0;
	if ((fp = fopen(o->baseline, "r")) == NULL) {
		perror(o->baseline);
		return -1;
	}
	rc = baseline_read(fp, &b, &line);
	fclose(fp);
	if (rc == RDA_ESYNTAX)
		fprintf(stderr, "%s:%u: error: not a baseline line: expected "
		    "16 hex digits (a fingerprint) first\n", o->baseline, line);
	else if (rc < 0)
		fprintf(stderr, "%s: error: %s\n", o->baseline,
		    rda_strerror(rc));
	if (rc < 0)
		return -1;
	baseline_apply(r, &b);
	baseline_clear(&b);
	return 0;
}

/* Writes the report in the chosen format to --output or stdout; the text
 * summary goes to stdout unless --quiet (after the report when that is
 * text or GitHub commands; not into JSON or SARIF on stdout). */
/* The HTML report, with the fix list grouped by holder. */
static int
write_html(const struct opts *o, const struct report *r,
    const struct xref *x, FILE *out)
{
	struct html_opts ho = {0};
	struct html_fixgroup *hg = NULL;
	struct fixlist_group *g;
	size_t n, i;
	int rc;

	if ((rc = fixlist_groups(x, &g, &n)) < 0)
		return rc;
	if (n > 0 && (hg = calloc(n, sizeof(*hg))) == NULL) {
		fixlist_groups_free(g, n);
		return RDA_ENOMEM;
	}
	for (i = 0; i < n; i++) {
		hg[i].holder = g[i].holder;
		hg[i].header = g[i].header;
		hg[i].records = g[i].records;
	}
	ho.pol = &o->pol;
	ho.fix = hg;
	ho.nfix = n;
	rc = html_write(r, x, &ho, out);
	free(hg);
	fixlist_groups_free(g, n);
	return rc;
}

static int
write_report(struct opts *o, const struct report *r, const struct xref *x)
{
	FILE *out = stdout;
	int rc = 0;

	if (o->output != NULL && (out = fopen(o->output, "w")) == NULL) {
		perror(o->output);
		return -1;
	}
	switch (o->format) {
	case FMT_JSON:
		report_json(r, out);
		break;
	case FMT_SARIF:
		sarif_write(r, RDA_VERSION, out);
		break;
	case FMT_GITHUB:
		sarif_github(r, out);
		break;
	case FMT_FIXLIST:
	case FMT_FIXLIST_CSV:
		rc = fixlist_write(x, o->format == FMT_FIXLIST ? FIXLIST_TEXT :
		    FIXLIST_CSV, out);
		break;
	case FMT_HTML:
		rc = write_html(o, r, x, out);
		break;
	default:
		report_text(r, out);
		break;
	}
	if (out != stdout && fclose(out) != 0) {
		perror(o->output);
		return -1;
	}
	if (rc < 0) {
		fprintf(stderr, "rdnsaudit: %s: %s\n", o->output != NULL ?
		    o->output : "stdout", rda_strerror(rc));
		return -1;
	}
	if (!o->quiet && (out != stdout || o->format == FMT_TEXT ||
	    o->format == FMT_GITHUB))
		report_summary(r, stdout);
	return 0;
}

/* Writes the report in the chosen format to stdout or --output.
 * Returns 0, or -1 after saying why. */
/* RDNSAUDIT_TIMES set: the wall time of each phase on standard error,
 * for the benchmarks (tests/bench/run.py prints the breakdown). */
static void
phase(const char *name)
{
	static struct timespec last;
	static bool on, init;
	struct timespec now;

	if (!init) {
		init = true;
		on = getenv("RDNSAUDIT_TIMES") != NULL;
	}
	if (!on)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (name != NULL) {
		struct rusage ru;

		getrusage(RUSAGE_SELF, &ru);
		fprintf(stderr, "rdnsaudit: phase %s %.3f s, peak %ld MiB\n",
		    name, since(&last, &now), ru.ru_maxrss >> 10);
	}
	last = now;
}

static int
run(struct opts *o)
{
	struct model *m;
	struct report r;
	struct xref x;
	int failed, status = EXIT_CLEAN;

	phase(NULL);
	if ((m = model_new()) == NULL)
		goto nomem;
	failed = load_all(m, o);
	phase("load");
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
	phase("finish");
	if (getenv("RDNSAUDIT_TIMES") != NULL)
		fprintf(stderr, "rdnsaudit: model %zu nodes (cap %zu), %zu recs "
		    "(cap %zu), labels %zu (cap %zu), hash %zu slots, %zu bytes\n",
		    m->nnodes, m->capnodes, m->nrecs, m->caprecs, m->nlabels,
		    m->caplabels, m->caphash, m->bytes);
	if (live_resolve(m, &o->live) < 0) {
		model_free(m);
		return EXIT_TROUBLE;
	}
	report_init(&r, m);
	if (checks_run(m, &o->pol, &x, &r) < 0) {
		xref_clear(&x);
		report_clear(&r);
		goto nomem;
	}
	phase("checks");
	if (filter(o, &r) < 0) {
		xref_clear(&x);
		report_clear(&r);
		model_free(m);
		return EXIT_TROUBLE;
	}
	if (write_report(o, &r, &x) < 0)
		status = EXIT_TROUBLE;
	else if (o->fail_on != SEV_OFF) {
		unsigned s;

		for (s = o->fail_on; s <= SEV_ERROR; s++)
			if (r.count[s] > 0)
				status = EXIT_FINDINGS;
	}
	phase("report");
	xref_clear(&x);
	report_clear(&r);
	model_free(m);
	phase("free");
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

#ifdef __GLIBC__
	/* Large blocks from mmap(), always: glibc otherwise raises the
	 * threshold to the size of each large block freed, so the sort keys
	 * and other scratch arrays of megabytes that come after land in the
	 * heap and stay resident once freed (8 MB on the 1M bench set). */
	mallopt(M_MMAP_THRESHOLD, 256 * 1024);
#endif
	checks_init();
	if ((status = parse(argc, argv, &o)) < 0 &&
	    (status = configure(&o)) < 0)
		status = run(&o);
	config_free(&o.cfg);
	for (i = 0; i < o.nzones; i++) {
		free(o.zones[i].origin);
		free(o.zones[i].path);
	}
	free(o.zones);
	live_clear(&o.live);
	cliopt_clear(&o.pol);
	if (fflush(stdout) != 0 && status != EXIT_TROUBLE) {
		perror("rdnsaudit: stdout");
		status = EXIT_TROUBLE;
	}
	return status;
}
