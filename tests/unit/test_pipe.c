/* test_pipe.c -- loading on two threads against loading on one.
 *
 * zones/load.c parses on the loading thread and builds the model on a
 * second one (zones/pipe.h).  That is a speed-up and nothing else: the
 * return code, the load_stats, every diagnostic (severity, file, line,
 * text, in order), every progress call and the model must be exactly
 * those of one thread doing both jobs.  Each input here is loaded twice
 * into fresh models, with load_opts.threads 1 and 2, and all of that is
 * compared: the records in file order before model_finish(), and after it
 * every node (name, flags, records, zone) with its records field by
 * field, every zone, source and SPF text.  Names are compared as names
 * (model_wire()), which is the assertion; node ids are compared too, since
 * the builder interns in file order and they should agree, but an id that
 * differs where the name agrees is printed as a finding, not a failure.
 *
 * Inputs: every zone of fixtures/ (a directory's zones into one model),
 * of tests/diff/cases/ and of the shared corpus (../shared/corpus, skipped
 * visibly when absent); and files of a few MB written here -- a dozen
 * and more of the pipe's 256 KiB batches -- with every directive and bad
 * records all through them, so that diagnostics and records cross batch
 * boundaries interleaved: loaded whole, with progress calls, up to
 * max_errors, up to max_records, up to max_memory (the builder's own
 * failure, after which nothing may be delivered; also with the SOA after
 * that point), and a forward then a reverse zone into one model.  The
 * generated files are loaded as they come and again with a builder held
 * back by a slow diagnostic callback, which leaves the parser batches
 * ahead of it.  Each test prints how much it compared.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <glob.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/err.h"
#include "core/model.h"
#include "core/names.h"
#include "zones/load.h"
#include "tests/unit/corpus.h"

/* The pipe's batch (BUF_SIZE in zones/pipe.c): the big files must span
 * many of them. */
#define BATCH (256 * 1024)

/* Hosts of the generated files: 2 MB forward (with a 0.4 MB $INCLUDE)
 * and 1 MB reverse, a dozen batches and more, small enough for
 * valgrind. */
#define N_FWD 30000
#define N_INC 6000
#define N_REV 30000

#define MAX_LOADS 32

struct diag_ent {
	enum diag_sev sev;
	char *file;
	unsigned line;
	char *msg;
};

struct prog_ent {
	char *zone;
	uint64_t records;
	long long done, size;
};

/* What one way of loading made: the model and every callback, in order. */
struct run {
	unsigned threads;
	struct model *m;
	struct diag_ent *d;
	size_t nd, capd;
	struct prog_ent *p;
	size_t np, capp;
	int rc[MAX_LOADS];
	struct load_stats st[MAX_LOADS];
	size_t nloads;
	bool nomem;		/* a callback could not record */
};

/* The same input on one thread and on two. */
struct pair {
	struct run one, two;
};

/* What a test compared, and the differences it found. */
struct tally {
	char what[PATH_MAX + 64];	/* the input, for messages */
	size_t loads, recs, nodes, diags, progress, spf;
	size_t differ;		/* each one fails the test */
	size_t ids;		/* node ids that differ where names agree */
	size_t shown;
};

/* Microseconds each diagnostic takes on the builder's thread when
 * loading on two: a slow consumer (a terminal, a pipe) holds the builder
 * back, so that the parser runs up to the pipe's NBUF batches ahead of it,
 * as it does whenever building is the slower job. */
static unsigned slow_us;

#define SLOW_US 250	/* a few times what the parser takes per diagnostic
			 * of the generated files */

static void
on_diag(void *ctx, enum diag_sev sev, const char *file, unsigned line,
    const char *msg)
{
	struct run *r = ctx;
	struct diag_ent *e;

	if (slow_us > 0 && r->threads > 1) {
		struct timespec ts = { 0, (long)slow_us * 1000 };

		nanosleep(&ts, NULL);
	}

	if (r->nd == r->capd) {
		size_t cap = r->capd ? r->capd * 2 : 256;

		if ((e = realloc(r->d, cap * sizeof(*e))) == NULL) {
			r->nomem = true;
			return;
		}
		r->d = e;
		r->capd = cap;
	}
	e = &r->d[r->nd];
	e->sev = sev;
	e->line = line;
	e->file = strdup(file != NULL ? file : "(null)");
	e->msg = strdup(msg);
	if (e->file == NULL || e->msg == NULL) {
		free(e->file);
		free(e->msg);
		r->nomem = true;
		return;
	}
	r->nd++;
}

static void
on_progress(void *ctx, const char *zone, uint64_t records, long long done,
    long long size)
{
	struct run *r = ctx;
	struct prog_ent *e;

	if (r->np == r->capp) {
		size_t cap = r->capp ? r->capp * 2 : 64;

		if ((e = realloc(r->p, cap * sizeof(*e))) == NULL) {
			r->nomem = true;
			return;
		}
		r->p = e;
		r->capp = cap;
	}
	e = &r->p[r->np];
	e->records = records;
	e->done = done;
	e->size = size;
	if ((e->zone = strdup(zone != NULL ? zone : "(null)")) == NULL) {
		r->nomem = true;
		return;
	}
	r->np++;
}

struct input {
	const char *origin;
	const char *path;
};

/* Loads the N zones of IN, in order, into one new model with BASE and
 * THREADS, recording every callback. */
static void
run_load(struct run *r, unsigned threads, const struct input *in, size_t n,
    const struct load_opts *base, bool progress)
{
	struct load_opts o;
	size_t i;

	assert_true(n <= MAX_LOADS);
	memset(r, 0, sizeof(*r));
	r->threads = threads;
	assert_non_null(r->m = model_new());
	for (i = 0; i < n; i++) {
		o = *base;
		o.threads = threads;
		o.diag = on_diag;
		o.progress = progress ? on_progress : NULL;
		o.ctx = r;
		r->rc[i] = load_zone(r->m, in[i].origin, in[i].path, &o,
		    &r->st[i]);
	}
	r->nloads = n;
	assert_false(r->nomem);
}

static void
run_free(struct run *r)
{
	size_t i;

	model_free(r->m);
	for (i = 0; i < r->nd; i++) {
		free(r->d[i].file);
		free(r->d[i].msg);
	}
	for (i = 0; i < r->np; i++)
		free(r->p[i].zone);
	free(r->d);
	free(r->p);
	memset(r, 0, sizeof(*r));
}

static void __attribute__((format(printf, 2, 3)))
differ(struct tally *t, const char *fmt, ...)
{
	char msg[2048];
	va_list ap;

	t->differ++;
	/* The first differences say what is wrong; a shifted sequence
	 * would repeat it thousands of times. */
	if (t->shown++ >= 40)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	print_error("DIFFERENCE in %s: %s\n", t->what, msg);
}

static const char *
sev_str(enum diag_sev sev)
{
	return sev == DIAG_ERROR ? "error" : "warning";
}

static void
cmp_loads(struct tally *t, const struct run *a, const struct run *b)
{
	const struct load_stats *x, *y;
	size_t i;

	if (a->nloads != b->nloads)
		differ(t, "%zu loads, %zu", a->nloads, b->nloads);
	for (i = 0; i < a->nloads && i < b->nloads; i++) {
		x = &a->st[i];
		y = &b->st[i];
		if (a->rc[i] != b->rc[i])
			differ(t, "load %zu returns %d (%s) with 1 thread, %d "
			    "(%s) with 2", i, a->rc[i], rda_strerror(a->rc[i]),
			    b->rc[i], rda_strerror(b->rc[i]));
		if (x->errors != y->errors || x->warnings != y->warnings ||
		    x->records != y->records || x->fast != y->fast)
			differ(t, "load %zu: load_stats errors %u warnings %u "
			    "records %" PRIu64 " fast %" PRIu64 " with 1 "
			    "thread; errors %u warnings %u records %" PRIu64
			    " fast %" PRIu64 " with 2", i, x->errors,
			    x->warnings, x->records, x->fast, y->errors,
			    y->warnings, y->records, y->fast);
	}
	t->loads += a->nloads;
}

static void
cmp_diags(struct tally *t, const struct run *a, const struct run *b)
{
	const struct diag_ent *x, *y;
	size_t i;

	if (a->nd != b->nd) {
		differ(t, "%zu diagnostics with 1 thread, %zu with 2", a->nd,
		    b->nd);
		/* The first one only one side has. */
		i = a->nd < b->nd ? a->nd : b->nd;
		x = a->nd > b->nd ? &a->d[i] : &b->d[i];
		differ(t, "diagnostic %zu, only with %u thread(s): %s %s:%u: "
		    "%s", i, a->nd > b->nd ? 1u : 2u, sev_str(x->sev), x->file,
		    x->line, x->msg);
	}
	for (i = 0; i < a->nd && i < b->nd; i++) {
		x = &a->d[i];
		y = &b->d[i];
		if (x->sev != y->sev || x->line != y->line ||
		    strcmp(x->file, y->file) != 0 ||
		    strcmp(x->msg, y->msg) != 0)
			differ(t, "diagnostic %zu: \"%s %s:%u: %s\" with 1 "
			    "thread, \"%s %s:%u: %s\" with 2", i,
			    sev_str(x->sev), x->file, x->line, x->msg,
			    sev_str(y->sev), y->file, y->line, y->msg);
	}
	t->diags += a->nd;
}

static void
cmp_progress(struct tally *t, const struct run *a, const struct run *b)
{
	const struct prog_ent *x, *y;
	size_t i;

	if (a->np != b->np)
		differ(t, "%zu progress calls with 1 thread, %zu with 2", a->np,
		    b->np);
	for (i = 0; i < a->np && i < b->np; i++) {
		x = &a->p[i];
		y = &b->p[i];
		if (strcmp(x->zone, y->zone) != 0 || x->records != y->records ||
		    x->done != y->done || x->size != y->size)
			differ(t, "progress call %zu: (%s, %" PRIu64 ", %lld, "
			    "%lld) with 1 thread, (%s, %" PRIu64 ", %lld, "
			    "%lld) with 2", i, x->zone, x->records, x->done,
			    x->size, y->zone, y->records, y->done, y->size);
	}
	t->progress += a->np;
}

/* Node ID of M in presentation form, "(none)" or "(bad id)". */
static const char *
name_str(const struct model *m, uint32_t id, char *buf)
{
	if (id == MODEL_NONE)
		return "(none)";
	if (id >= m->nnodes)
		return "(bad id)";
	return model_fmt(m, id, buf);
}

/* Whether node A of MA and node B of MB have the same name. */
static bool
same_name(const struct model *ma, uint32_t a, const struct model *mb,
    uint32_t b)
{
	uint8_t wa[NAMES_WIRE_MAX + 1], wb[NAMES_WIRE_MAX + 1];
	size_t la, lb;

	if (a == MODEL_NONE || b == MODEL_NONE)
		return a == b;
	if (a >= ma->nnodes || b >= mb->nnodes)
		return false;
	la = model_wire(ma, a, wa);
	lb = model_wire(mb, b, wb);
	return la == lb && memcmp(wa, wb, la) == 0;
}

static bool
has_target(uint16_t type)
{
	return type == RT_PTR || type == RT_CNAME || type == RT_NS ||
	    type == RT_MX || type == RT_DNAME;
}

/* Record IA of A against record IB of B, field by field, names as
 * names. */
static void
cmp_rec(struct tally *t, const struct run *a, size_t ia, const struct run *b,
    size_t ib)
{
	const struct rec *x = &a->m->recs[ia], *y = &b->m->recs[ib];
	char n1[NAMES_TXT_MAX], n2[NAMES_TXT_MAX];

	if (!same_name(a->m, x->owner, b->m, y->owner))
		differ(t, "record %zu: owner %s (line %u) with 1 thread, %s "
		    "(line %u) with 2", ia, name_str(a->m, x->owner, n1),
		    x->line, name_str(b->m, y->owner, n2), y->line);
	else if (x->owner != y->owner)
		t->ids++;
	if (x->type != y->type || x->line != y->line ||
	    x->src != y->src || model_mx_pref(a->m, (uint32_t)ia) !=
	    model_mx_pref(b->m, (uint32_t)ib)) {
		differ(t, "record %zu of %s: type %u line %u src %u pref %u "
		    "with 1 thread; type %u line %u src %u pref %u with 2", ia,
		    name_str(a->m, x->owner, n1), (unsigned)x->type, x->line,
		    (unsigned)x->src, model_mx_pref(a->m, (uint32_t)ia),
		    (unsigned)y->type, y->line, (unsigned)y->src,
		    model_mx_pref(b->m, (uint32_t)ib));
		return;
	}
	if (has_target(x->type)) {
		if (!same_name(a->m, x->rd.target, b->m, y->rd.target))
			differ(t, "record %zu (type %u, line %u): target %s "
			    "with 1 thread, %s with 2", ia, x->type, x->line,
			    name_str(a->m, x->rd.target, n1),
			    name_str(b->m, y->rd.target, n2));
		else if (x->rd.target != y->rd.target)
			t->ids++;
	} else if (x->type == RT_AAAA ? memcmp(model_rec_addr(a->m, x),
	    model_rec_addr(b->m, y), 16) != 0 :
	    memcmp(&x->rd, &y->rd, sizeof(x->rd)) != 0)
		/* Addresses, the SOA serial, zeros for the rest. */
		differ(t, "record %zu (type %u, line %u): rdata differs", ia,
		    x->type, x->line);
}

static void
cmp_zones(struct tally *t, const struct model *ma, const struct model *mb)
{
	const struct zone *x, *y;
	const struct source *s, *u;
	char n1[NAMES_TXT_MAX];
	size_t i;

	if (ma->nzones != mb->nzones)
		differ(t, "%zu zones with 1 thread, %zu with 2", ma->nzones,
		    mb->nzones);
	for (i = 0; i < ma->nzones && i < mb->nzones; i++) {
		x = &ma->zones[i];
		y = &mb->zones[i];
		if (!same_name(ma, x->apex, mb, y->apex) ||
		    strcmp(x->source, y->source) != 0 ||
		    x->serial != y->serial || x->records != y->records ||
		    x->has_soa != y->has_soa || x->live != y->live)
			differ(t, "zone %zu (%s): serial %" PRIu32 " records %"
			    PRIu64 " has_soa %d with 1 thread; serial %"
			    PRIu32 " records %" PRIu64 " has_soa %d with 2", i,
			    name_str(ma, x->apex, n1), x->serial, x->records,
			    x->has_soa, y->serial, y->records, y->has_soa);
	}
	if (ma->nsrcs != mb->nsrcs)
		differ(t, "%zu sources with 1 thread, %zu with 2", ma->nsrcs,
		    mb->nsrcs);
	for (i = 0; i < ma->nsrcs && i < mb->nsrcs; i++) {
		s = &ma->srcs[i];
		u = &mb->srcs[i];
		if (strcmp(s->path, u->path) != 0 || s->zone != u->zone ||
		    s->axfr != u->axfr)
			differ(t, "source %zu: %s (zone %" PRIu32 ") with 1 "
			    "thread, %s (zone %" PRIu32 ") with 2", i, s->path,
			    s->zone, u->path, u->zone);
	}
}

static void
cmp_spf(struct tally *t, const struct model *ma, const struct model *mb)
{
	uint32_t o1, o2, s1, s2, l1, l2;
	const char *x, *y;
	size_t i, n = model_spf_count(ma);

	if (n != model_spf_count(mb))
		differ(t, "%zu SPF texts with 1 thread, %zu with 2", n,
		    model_spf_count(mb));
	for (i = 0; i < n && i < model_spf_count(mb); i++) {
		x = model_spf_get(ma, i, &o1, &s1, &l1);
		y = model_spf_get(mb, i, &o2, &s2, &l2);
		if (strcmp(x, y) != 0 || !same_name(ma, o1, mb, o2) ||
		    s1 != s2 || l1 != l2)
			differ(t, "SPF text %zu: \"%s\" line %u with 1 thread, "
			    "\"%s\" line %u with 2", i, x, l1, y, l2);
	}
	t->spf += n;
}

/* The models of A and B: before model_finish() the records in file
 * order; after it, each node found by name in B, with its records, and
 * the zones, sources and SPF texts. */
static void
cmp_model(struct tally *t, const struct run *a, const struct run *b,
    bool finished)
{
	const struct model *ma = a->m, *mb = b->m;
	uint8_t w[NAMES_WIRE_MAX + 1];
	char n1[NAMES_TXT_MAX];
	const struct node *x, *y;
	uint32_t j, k;
	size_t i;

	if (ma->nnodes != mb->nnodes || ma->nrecs != mb->nrecs)
		differ(t, "%s: %zu nodes, %zu records with 1 thread; %zu "
		    "nodes, %zu records with 2", finished ? "finished" :
		    "loaded", ma->nnodes, ma->nrecs, mb->nnodes, mb->nrecs);
	/* Every name of A is in B: with as many nodes on each side, the
	 * names are the same. */
	for (i = 0; i < ma->nnodes; i++) {
		model_wire(ma, (uint32_t)i, w);
		if ((j = model_find(mb, w, NULL, NULL)) == MODEL_NONE) {
			differ(t, "node %s only with 1 thread",
			    name_str(ma, (uint32_t)i, n1));
			continue;
		}
		if (j != i)
			t->ids++;
		x = &ma->nodes[i];
		y = &mb->nodes[j];
		if (x->flags != y->flags || x->nrec != y->nrec ||
		    x->zone != y->zone) {
			differ(t, "node %s: flags %#x, %" PRIu32 " records, "
			    "zone %" PRIu32 " with 1 thread; flags %#x, %"
			    PRIu32 " records, zone %" PRIu32 " with 2",
			    name_str(ma, (uint32_t)i, n1), x->flags, x->nrec,
			    x->zone, y->flags, y->nrec, y->zone);
			continue;
		}
		/* Grouped by owner, in file order within it. */
		if (finished)
			for (k = 0; k < x->nrec; k++)
				cmp_rec(t, a, x->first + k, b, y->first + k);
	}
	if (!finished) {
		for (i = 0; i < ma->nrecs && i < mb->nrecs; i++)
			cmp_rec(t, a, i, b, i);
		return;
	}
	cmp_zones(t, ma, mb);
	cmp_spf(t, ma, mb);
	t->nodes += ma->nnodes;
	t->recs += ma->nrecs;
}

/* Loads IN (N zones, in order, into one model) with BASE on one thread
 * and on two, and compares everything; P keeps both for the caller's own
 * checks (pair_free()). */
static void
pair_run(struct tally *t, struct pair *p, const struct input *in, size_t n,
    const struct load_opts *base, bool progress)
{
	run_load(&p->one, 1, in, n, base, progress);
	run_load(&p->two, 2, in, n, base, progress);
	cmp_loads(t, &p->one, &p->two);
	cmp_diags(t, &p->one, &p->two);
	cmp_progress(t, &p->one, &p->two);
	cmp_model(t, &p->one, &p->two, false);
	assert_int_equal(model_finish(p->one.m), 0);
	assert_int_equal(model_finish(p->two.m), 0);
	cmp_model(t, &p->one, &p->two, true);
}

static void
pair_free(struct pair *p)
{
	run_free(&p->one);
	run_free(&p->two);
}

static void
compare(struct tally *t, const struct input *in, size_t n,
    const struct load_opts *base, bool progress)
{
	struct pair p;

	pair_run(t, &p, in, n, base, progress);
	pair_free(&p);
}

static void
tally_print(const struct tally *t, const char *name)
{
	print_message("%s: %zu zone loads, %zu records, %zu nodes, %zu "
	    "diagnostics, %zu progress calls, %zu SPF texts compared; %zu "
	    "differences\n", name, t->loads, t->recs, t->nodes, t->diags,
	    t->progress, t->spf, t->differ);
	if (t->ids > 0)
		print_message("%s: FINDING: %zu node ids differ where the "
		    "names agree\n", name, t->ids);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The origin fixtures/DIR/ARGS gives FILE with "--zone ORIGIN=FILE" (the
 * RFC 2317 children, whose origin has a '/'), into OUT. */
static bool
args_origin(const char *dir, const char *file, char *out, size_t outlen)
{
	char path[PATH_MAX], line[1024], *eq;
	bool zone = false, found = false;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/ARGS", dir);
	if ((fp = fopen(path, "r")) == NULL)
		return false;
	while (!found && fgets(line, sizeof(line), fp) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		if (zone && (eq = strchr(line, '=')) != NULL &&
		    strcmp(eq + 1, file) == 0) {
			*eq = '\0';
			snprintf(out, outlen, "%s", line);
			found = true;
		}
		zone = strcmp(line, "--zone") == 0;
	}
	fclose(fp);
	return found;
}

/* The zones matching PATTERN, into one model when TOGETHER, else one
 * model each. */
static void
compare_glob(struct tally *t, const char *pattern, const char *dir,
    bool together)
{
	static char origins[MAX_LOADS][1024];
	struct input in[MAX_LOADS];
	const char *base;
	char err[1024];
	struct load_opts o;
	size_t i, n = 0;
	glob_t g;

	memset(&o, 0, sizeof(o));
	if (glob(pattern, 0, NULL, &g) != 0)
		return;
	for (i = 0; i < g.gl_pathc && n < MAX_LOADS; i++) {
		base = strrchr(g.gl_pathv[i], '/');
		base = base != NULL ? base + 1 : g.gl_pathv[i];
		if ((dir == NULL || !args_origin(dir, base, origins[n],
		    sizeof(origins[n]))) && load_infer_origin(g.gl_pathv[i],
		    origins[n], sizeof(origins[n]), err, sizeof(err)) < 0)
			continue;
		in[n].origin = origins[n];
		in[n].path = g.gl_pathv[i];
		n++;
		if (!together) {
			snprintf(t->what, sizeof(t->what), "%s",
			    g.gl_pathv[i]);
			compare(t, in, 1, &o, false);
			n = 0;
		}
	}
	if (together && n > 0) {
		snprintf(t->what, sizeof(t->what), "%s", pattern);
		compare(t, in, n, &o, false);
	}
	globfree(&g);
}

/* Every fixture directory's zones into one model, as the CLI loads them
 * (a forward zone and the reverse zones its PTRs point from); the
 * differential-test cases one by one. */
static void
test_fixtures(void **state)
{
	struct tally t;
	char pattern[PATH_MAX];
	double t0 = now();
	glob_t g;
	size_t i;

	(void)state;
	memset(&t, 0, sizeof(t));
	assert_int_equal(glob("fixtures/*/", GLOB_MARK, NULL, &g), 0);
	for (i = 0; i < g.gl_pathc; i++) {
		g.gl_pathv[i][strlen(g.gl_pathv[i]) - 1] = '\0';
		snprintf(pattern, sizeof(pattern), "%s/*.zone", g.gl_pathv[i]);
		compare_glob(&t, pattern, g.gl_pathv[i], true);
	}
	globfree(&g);
	compare_glob(&t, "tests/diff/cases/*.zone", NULL, false);
	tally_print(&t, "fixtures");
	print_message("fixtures: %.2f s\n", now() - t0);
	assert_int_equal(t.differ, 0);
	assert_true(t.loads >= 100);
	assert_true(t.recs >= 500);
	assert_true(t.nodes >= 500);
	assert_true(t.diags >= 5);
}

/* The shared corpus: 1,918 zones of real operators, test suites and
 * history, each into a model of its own (the same origin recurs). */
static void
corpus_zone(void *ctx, const char *origin, const char *path)
{
	struct tally *t = ctx;
	struct load_opts o;
	struct input in;

	memset(&o, 0, sizeof(o));
	in.origin = origin;
	in.path = path;
	snprintf(t->what, sizeof(t->what), "corpus %s", path);
	compare(t, &in, 1, &o, false);
}

static void
test_corpus(void **state)
{
	struct tally t;
	double t0 = now();

	(void)state;
	memset(&t, 0, sizeof(t));
	if (!corpus_each("corpus", corpus_zone, &t)) {
		skip();
		return;
	}
	tally_print(&t, "corpus");
	print_message("corpus: %.2f s\n", now() - t0);
	assert_int_equal(t.differ, 0);
	assert_true(t.loads >= 1000);
	assert_true(t.recs >= 100000);
	assert_true(t.diags >= 100);
}

/* The generated files, written once for the tests below. */
struct gen {
	char dir[64];
	char fwd[128];		/* example.test., $INCLUDE of inc */
	char inc[128];		/* inc.example.test. */
	char rev[128];		/* 10.in-addr.arpa. */
	char late[128];		/* late.test., test_late_soa() */
	uint64_t full;		/* records of fwd loaded whole */
};

/* One in 97 hosts has a bad record after it: errors and warnings of
 * every kind the parser reports, through ldns and not. */
static void
bad(FILE *fp, unsigned i)
{
	char l60[61], l64[65];

	memset(l60, 'a', 60);
	l60[60] = '\0';
	memset(l64, 'b', 64);
	l64[64] = '\0';
	switch ((i / 97) % 13) {
	case 0:
		fprintf(fp, "bad%u 1x A 10.0.0.1\n", i);
		break;
	case 1:
		fprintf(fp, "bad%u FOOBAR 1\n", i);
		break;
	case 2:
		fprintf(fp, "bad%u A 300.1.2.3\n", i);
		break;
	case 3:		/* a warning */
		fprintf(fp, "o%u.example.org. A 10.0.0.1\n", i);
		break;
	case 4:
		fprintf(fp, "%s%u A 10.0.0.2\n", l64, i);
		break;
	case 5:		/* 4 x 61 bytes and the origin: over 255 */
		fprintf(fp, "%s.%s.%s.%s%u A 10.0.0.3\n", l60, l60, l60, l60,
		    i % 10);
		break;
	case 6:		/* a warning, and a record of TTL 0 */
		fprintf(fp, "big%u 4294967295 A 10.0.0.4\n", i);
		break;
	case 7:
		fprintf(fp, "bad%u MX 10\n", i);
		break;
	case 8:
		fprintf(fp, "bad%u CH A 10.0.0.5\n", i);
		break;
	case 9:
		fprintf(fp, "bad%u SOA ns1 hostmaster 1 2 3 4 5\n", i);
		break;
	case 10:
		fprintf(fp, "bad%u CNAME a..b\n", i);
		break;
	case 11:
		fprintf(fp, "$FOO%u bar\n", i);
		break;
	case 12:
		fprintf(fp, "bad%u AAAA 2001:db8::1::2\n", i);
		break;
	}
}

/* Host I: an A record, and after it, by turns, a blank-owner AAAA,
 * CNAME, MX, SPF and other TXT, PTR, explicit TTL and class, a
 * delegation with glue, DNAME, an absolute name in capitals, generic
 * rdata, a type the model only counts. */
static void
host(FILE *fp, unsigned i)
{
	fprintf(fp, "h%u A 10.%u.%u.%u\n", i, (i >> 16) & 255, (i >> 8) & 255,
	    i & 255);
	if (i % 2 == 0)
		fprintf(fp, "\tAAAA 2001:db8::%x:%x\n", i >> 16, i & 0xffff);
	if (i % 3 == 0)
		fprintf(fp, "w%u CNAME h%u\n", i, i);
	if (i % 5 == 0)
		fprintf(fp, "m%u MX %u h%u\n", i, i % 50, i);
	if (i % 7 == 0)
		fprintf(fp, "t%u TXT \"v=spf1 ip4:10.%u.%u.0/24 "
		    "include:_spf.example.net ~all\"\n", i, (i >> 16) & 255,
		    (i >> 8) & 255);
	if (i % 11 == 0)
		fprintf(fp, "t%u TXT \"plain %u\" \"v=spf1 not first\"\n", i,
		    i);
	if (i % 13 == 0)
		fprintf(fp, "p%u PTR h%u.example.test.\n", i, i);
	if (i % 17 == 0)
		fprintf(fp, "x%u 300 IN A 10.1.%u.%u\nx%u IN 600 AAAA "
		    "2001:db8:1::%x\n", i, (i >> 8) & 255, i & 255, i, i);
	if (i % 19 == 0)
		fprintf(fp, "n%u NS ns.n%u\nns.n%u A 10.2.%u.%u\n", i, i, i,
		    (i >> 8) & 255, i & 255);
	if (i % 23 == 0)
		fprintf(fp, "d%u DNAME example.net.\n", i);
	if (i % 29 == 0)
		fprintf(fp, "U%u.Example.TEST. A 10.3.%u.%u\n", i,
		    (i >> 8) & 255, i & 255);
	if (i % 31 == 0)
		fprintf(fp, "g%u A \\# 4 0a0400%02x\n", i, i & 255);
	if (i % 37 == 0)
		fprintf(fp, "hi%u HINFO \"pc\" \"os %u\"\n", i, i);
}

static void
write_hosts(FILE *fp, unsigned from, unsigned n, const char *origin,
    const char *include)
{
	unsigned i, k;

	for (i = from; i < from + n; i++) {
		host(fp, i);
		if (i % 97 == 41)
			bad(fp, i);
		/* A stretch of each thousand under a sub-origin. */
		if (i % 1000 == 500)
			fprintf(fp, "$ORIGIN s%u.%s\n", i / 1000, origin);
		if (i % 1000 == 700)
			fprintf(fp, "$ORIGIN %s\n", origin);
		/* An origin outside the zone: a warning per record. */
		if (i % 4000 == 1234)
			fprintf(fp, "$ORIGIN other.test.\nz%u A 10.0.0.9\n  "
			    "AAAA 2001:db8::9\n$ORIGIN %s\n", i, origin);
		if (i % 2500 == 1)
			fprintf(fp, "$TTL %u\n", 60 + i % 7200);
		if (i % 5000 == 2500) {
			k = i / 5000;
			fprintf(fp, "$GENERATE 1-40 gen%u-$ A 10.200.%u.$\n"
			    "$GENERATE 1-20 $.gp%u CNAME h$\n"
			    /* Stops at 256, as BIND: an error. */
			    "$GENERATE 250-260 bg%u-$ A 10.201.%u.$\n"
			    "\tTXT \"after a $GENERATE\"\n", k, k, k, k, k);
		}
		if (include != NULL && i == from + n / 2)
			fprintf(fp, "$INCLUDE %s inc.%s\n"
			    "\tTXT \"the owner from before the $INCLUDE\"\n"
			    "$INCLUDE %s.missing\n", include, origin,
			    include);
	}
}

static void
write_forward(const char *path, const char *inc)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs("$ORIGIN example.test.\n$TTL 3600\n"
	    "@ IN SOA ns1 hostmaster 2024010101 7200 3600 1209600 300\n"
	    "@ NS ns1\n@ NS ns2.example.net.\nns1 A 192.0.2.1\n"
	    "@ MX 10 mail\n@ TXT \"v=spf1 mx -all\"\nmail A 192.0.2.25\n", fp);
	write_hosts(fp, 0, N_FWD, "example.test.", inc);
	assert_int_equal(fclose(fp), 0);
}

static void
write_include(const char *path)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs("; included with the origin inc.example.test.\n"
	    "$TTL 1800\n@ A 192.0.2.80\n", fp);
	write_hosts(fp, 100000, N_INC, "inc.example.test.", NULL);
	assert_int_equal(fclose(fp), 0);
}

/* PTRs for the forward hosts (h<i> is 10.<i>), so that loaded after it
 * their targets are names the model has; bad records among them. */
static void
write_reverse(const char *path)
{
	FILE *fp = fopen(path, "w");
	unsigned i, a, b, c;

	assert_non_null(fp);
	fputs("$TTL 3600\n@ SOA ns1.example.test. hostmaster.example.test. "
	    "7 7200 3600 1209600 300\n@ NS ns1.example.test.\n", fp);
	for (i = 0; i < N_REV; i++) {
		a = i & 255;
		b = (i >> 8) & 255;
		c = (i >> 16) & 255;
		fprintf(fp, "%u.%u.%u PTR h%u.example.test.\n", a, b, c, i);
		if (i % 3 == 0)
			fprintf(fp, "  PTR w%u.example.test.\n", i);
		if (i % 89 == 7) {
			switch ((i / 89) % 4) {
			case 0:
				fprintf(fp, "%u.%u.%u PTR\n", a, b, c);
				break;
			case 1:
				fprintf(fp, "%u.0.0.11.in-addr.arpa. PTR "
				    "h.example.test.\n", a);
				break;
			case 2:
				fprintf(fp, "%u.%u.%u 99x PTR h.\n", a, b, c);
				break;
			case 3:
				fprintf(fp, "%u.%u.%u PTR a..b.\n", a, b, c);
				break;
			}
		}
		if (i % 5000 == 100)
			fprintf(fp, "$ORIGIN 250.10.in-addr.arpa.\n"
			    "$GENERATE 0-255 $.%u PTR gen%u-$.example.test.\n"
			    "$ORIGIN 10.in-addr.arpa.\n", i / 5000, i / 5000);
		if (i % 7000 == 3)
			fprintf(fp, "$TTL %u\n", 100 + i % 1000);
	}
	assert_int_equal(fclose(fp), 0);
}

static long long
file_size(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return (long long)st.st_size;
}

static int
gen_setup(void **state)
{
	struct gen *g = calloc(1, sizeof(*g));
	struct load_opts o;
	struct load_stats st;
	struct model *m;

	if (g == NULL)
		return -1;
	snprintf(g->dir, sizeof(g->dir), "/tmp/rda-test-pipe-XXXXXX");
	if (mkdtemp(g->dir) == NULL) {
		free(g);
		return -1;
	}
	snprintf(g->fwd, sizeof(g->fwd), "%s/fwd.zone", g->dir);
	snprintf(g->inc, sizeof(g->inc), "%s/inc.zone", g->dir);
	snprintf(g->rev, sizeof(g->rev), "%s/rev.zone", g->dir);
	snprintf(g->late, sizeof(g->late), "%s/late.zone", g->dir);
	write_forward(g->fwd, g->inc);
	write_include(g->inc);
	write_reverse(g->rev);
	/* The size of the whole, for the limits below. */
	memset(&o, 0, sizeof(o));
	o.max_errors = 1000000;
	o.threads = 1;
	if ((m = model_new()) == NULL)
		return -1;
	load_zone(m, "example.test.", g->fwd, &o, &st);
	model_free(m);
	g->full = st.records;
	*state = g;
	return 0;
}

static int
gen_teardown(void **state)
{
	struct gen *g = *state;

	unlink(g->fwd);
	unlink(g->inc);
	unlink(g->rev);
	unlink(g->late);
	rmdir(g->dir);
	free(g);
	return 0;
}

/* The first diagnostic of R whose text has TEXT, or -1. */
static long
find_diag(const struct run *r, const char *text)
{
	size_t i;

	for (i = 0; i < r->nd; i++)
		if (strstr(r->d[i].msg, text) != NULL)
			return (long)i;
	return -1;
}

/* Whether R has diagnostics in the first and the last quarter of the
 * lines of PATH, and some of them for the $INCLUDE file INC: they are
 * interleaved with the records all through. */
static void
assert_spread(const struct run *r, const char *path, const char *inc)
{
	unsigned first = UINT_MAX, last = 0, lines = 0;
	size_t i, in_inc = 0;
	FILE *fp = fopen(path, "r");
	int ch;

	assert_non_null(fp);
	while ((ch = getc(fp)) != EOF)
		lines += ch == '\n';
	fclose(fp);
	for (i = 0; i < r->nd; i++) {
		if (strcmp(r->d[i].file, path) == 0) {
			if (r->d[i].line < first)
				first = r->d[i].line;
			if (r->d[i].line > last)
				last = r->d[i].line;
		} else if (inc != NULL && strcmp(r->d[i].file, inc) == 0)
			in_inc++;
	}
	assert_true(first < lines / 4);
	assert_true(last > lines / 4 * 3);
	if (inc != NULL)
		assert_true(in_inc >= 10);
}

/* Makes the loads that follow slow the builder down (SLOW) or not (sets
 * slow_us); returns what to call that in messages. */
static const char *
set_builder(unsigned slow)
{
	slow_us = slow ? SLOW_US : 0;
	return slow ? "slow builder" : "builder as fast as it goes";
}

/* The big forward zone whole, with its $INCLUDE (before which the parser
 * waits for the builder): as it comes, and with a slow builder, so that
 * the parser is batches ahead when it gets there. */
static void
test_big(void **state)
{
	struct gen *g = *state;
	struct input in = { "example.test.", g->fwd };
	struct load_opts o;
	struct tally t;
	struct pair p;
	double t0 = now();
	unsigned slow;

	memset(&t, 0, sizeof(t));
	memset(&o, 0, sizeof(o));
	o.max_errors = 1000000;
	assert_true(file_size(g->fwd) >= 6 * BATCH);
	assert_true(file_size(g->inc) >= BATCH);
	for (slow = 0; slow < 2; slow++) {
		snprintf(t.what, sizeof(t.what), "%s (whole, %s)", g->fwd,
		    set_builder(slow));
		pair_run(&t, &p, &in, 1, &o, false);
		slow_us = 0;
		assert_int_equal(p.one.rc[0], RDA_ESYNTAX);
		assert_true(p.one.st[0].errors >= 300);
		assert_true(p.one.st[0].warnings >= 50);
		assert_true(p.one.st[0].fast >= p.one.st[0].records / 2);
		assert_true(p.one.m->nsrcs == 2);
		assert_true(model_spf_count(p.one.m) >= N_FWD / 7);
		assert_spread(&p.one, g->fwd, g->inc);
		pair_free(&p);
	}
	tally_print(&t, "big");
	print_message("big: %lld + %lld bytes, %.2f s\n", file_size(g->fwd),
	    file_size(g->inc), now() - t0);
	assert_int_equal(t.differ, 0);
	assert_true(t.recs >= 150000);
	assert_true(t.diags >= 700);
}

/* With load_opts.progress: the same calls, in the same order among the
 * diagnostics' (both come from the builder). */
static void
test_progress(void **state)
{
	struct gen *g = *state;
	struct input in = { "example.test.", g->fwd };
	struct load_opts o;
	struct tally t;
	struct pair p;

	memset(&t, 0, sizeof(t));
	memset(&o, 0, sizeof(o));
	o.max_errors = 1000000;
	snprintf(t.what, sizeof(t.what), "%s (progress)", g->fwd);
	pair_run(&t, &p, &in, 1, &o, true);
	assert_true(p.one.np >= 5);
	assert_int_equal(p.one.p[0].size, file_size(g->fwd));
	pair_free(&p);
	tally_print(&t, "progress");
	assert_int_equal(t.differ, 0);
	assert_true(t.progress >= 5);
}

/* Up to load_opts.max_errors: "too many errors" partway, after which the
 * parser stops. */
static void
test_max_errors(void **state)
{
	struct gen *g = *state;
	struct input in = { "example.test.", g->fwd };
	struct load_opts o;
	struct tally t;
	struct pair p;
	unsigned slow;

	memset(&t, 0, sizeof(t));
	memset(&o, 0, sizeof(o));
	o.max_errors = 150;
	for (slow = 0; slow < 2; slow++) {
		snprintf(t.what, sizeof(t.what), "%s (max_errors %u, %s)",
		    g->fwd, o.max_errors, set_builder(slow));
		pair_run(&t, &p, &in, 1, &o, true);
		slow_us = 0;
		assert_true(find_diag(&p.one, "too many errors") >= 0);
		assert_int_equal(p.one.st[0].errors, 150);
		assert_true(p.one.st[0].records > g->full / 5);
		assert_true(p.one.st[0].records < g->full / 5 * 4);
		pair_free(&p);
	}
	tally_print(&t, "max_errors");
	assert_int_equal(t.differ, 0);
	assert_true(t.recs >= 40000);
}

/* Up to load_opts.max_records: the parser's own limit. */
static void
test_max_records(void **state)
{
	struct gen *g = *state;
	struct input in = { "example.test.", g->fwd };
	struct load_opts o;
	struct tally t;
	struct pair p;
	unsigned slow;

	memset(&t, 0, sizeof(t));
	memset(&o, 0, sizeof(o));
	o.max_errors = 1000000;
	o.max_records = g->full / 2;
	for (slow = 0; slow < 2; slow++) {
		snprintf(t.what, sizeof(t.what), "%s (max_records %" PRIu64
		    ", %s)", g->fwd, o.max_records, set_builder(slow));
		pair_run(&t, &p, &in, 1, &o, true);
		slow_us = 0;
		assert_int_equal(p.one.rc[0], RDA_ELIMIT);
		assert_int_equal(p.one.st[0].records, o.max_records);
		assert_true(find_diag(&p.one, "records; stopping here") >= 0);
		pair_free(&p);
	}
	tally_print(&t, "max_records");
	assert_int_equal(t.differ, 0);
	assert_true(t.recs >= 20000);
}

/* What loading PATH (ORIGIN) whole on one thread adds to a model's
 * bytes (struct model), against which max_memory counts. */
static size_t
model_bytes(const char *origin, const char *path)
{
	struct load_opts o;
	struct model *m;
	size_t before;

	memset(&o, 0, sizeof(o));
	o.max_errors = 1000000;
	o.threads = 1;
	assert_non_null(m = model_new());
	before = m->bytes;
	load_zone(m, origin, path, &o, NULL);
	before = m->bytes - before;
	model_free(m);
	return before;
}

/* The builder's "needs more than N MiB ... stopping here" is the last
 * diagnostic of R; returns its index. */
static size_t
assert_memory_last(const struct run *r)
{
	long at = find_diag(r, "MiB of memory; stopping here");

	assert_true(at >= 0);
	assert_int_equal((size_t)at, r->nd - 1);
	return (size_t)at;
}

/* Up to load_opts.max_memory: the builder's own failure, which the
 * parser learns of only from a later pipe_rec().  The builder's "needs
 * more than N MiB" must be the last diagnostic, and everything compared
 * must still agree.  Limits at several fractions of what the whole file
 * takes, so that the stop falls at different places in a batch (each
 * must land mid-file), each loaded as it comes and with a slow builder
 * (slow_us), which leaves the parser batches ahead when the builder
 * stops.
 *
 * This fails at the time of writing: load_stats.records and .fast count
 * the records the parser queued until it learned that the builder had
 * stopped, and when it learns depends on the other thread (on one, at
 * the end of the batch the builder stopped in; on two, whenever a
 * pipe_rec() sees the builder's error). */
static void
test_max_memory(void **state)
{
	static const unsigned tenths[] = { 3, 5, 7 };
	struct gen *g = *state;
	struct input in = { "example.test.", g->fwd };
	struct load_opts o;
	struct tally t;
	struct pair p;
	size_t whole, i, mid = 0;

	memset(&t, 0, sizeof(t));
	memset(&o, 0, sizeof(o));
	o.max_errors = 1000000;
	whole = model_bytes("example.test.", g->fwd);
	for (i = 0; i < 2 * sizeof(tenths) / sizeof(tenths[0]); i++) {
		o.max_memory = whole / 10 * tenths[i / 2];
		snprintf(t.what, sizeof(t.what), "%s (max_memory %" PRIu64
		    " of %zu bytes, %s)", g->fwd, o.max_memory, whole,
		    set_builder(i % 2));
		pair_run(&t, &p, &in, 1, &o, true);
		slow_us = 0;
		assert_int_equal(p.one.rc[0], RDA_ELIMIT);
		assert_memory_last(&p.one);
		assert_memory_last(&p.two);
		print_message("max_memory %" PRIu64 "%s: stopped at %s:%u "
		    "after %zu records (load_stats.records %" PRIu64 " with 1 "
		    "thread, %" PRIu64 " with 2)\n", o.max_memory, i % 2 ?
		    " (slow builder)" : "", p.one.d[p.one.nd - 1].file,
		    p.one.d[p.one.nd - 1].line, p.one.m->nrecs,
		    p.one.st[0].records, p.two.st[0].records);
		if (p.one.m->nrecs > g->full / 10 &&
		    p.one.m->nrecs < g->full / 10 * 9)
			mid++;
		pair_free(&p);
	}
	tally_print(&t, "max_memory");
	assert_int_equal(t.differ, 0);
	assert_true(mid >= 4);
	assert_true(t.recs >= 20000);
}

#define N_LATE 30000

static size_t
count_type(const struct model *m, uint16_t type)
{
	size_t i, n = 0;

	for (i = 0; i < m->nrecs; i++)
		n += m->recs[i].type == type;
	return n;
}

/* A zone whose SOA is not its first record (BIND takes it anywhere at
 * the apex): an NS, hosts with an error every 20, and the SOA before
 * host SOA_AT (at the end when N_LATE or more).  The same bytes, moved,
 * whatever SOA_AT is. */
static void
write_late(const char *path, unsigned soa_at)
{
	static const char soa[] = "@ SOA ns1.example.test. "
	    "hostmaster.example.test. 77 7200 3600 1209600 300\n";
	FILE *fp = fopen(path, "w");
	unsigned i;

	assert_non_null(fp);
	fputs("$ORIGIN late.test.\n$TTL 300\n@ NS ns1.example.test.\n", fp);
	for (i = 0; i < N_LATE; i++) {
		if (i == soa_at)
			fputs(soa, fp);
		fprintf(fp, "h%05u A 10.%u.%u.%u\n", i, (i >> 16) & 255,
		    (i >> 8) & 255, i & 255);
		if (i % 20 == 10)
			fprintf(fp, "bad%05u 1x A 10.0.0.1\n", i);
	}
	if (soa_at >= N_LATE)
		fputs(soa, fp);
	assert_int_equal(fclose(fp), 0);
}

/* max_memory with the SOA after the place where the builder stops, by
 * more than one batch: on one thread the parser stops within a batch of
 * it and never reads the SOA; on two, a parser that is batches ahead has
 * read it (and set the zone's has_soa and serial) before it learns that
 * the builder stopped.  Loaded as it comes and with a slow builder.
 *
 * This fails at the time of writing with the slow builder, often without:
 * the parser sets has_soa and serial itself (soa_ok() in zones/load.c),
 * for an SOA the builder drops, so the model says what the parser read,
 * not what was built -- and the parser reads further on two threads. */
static void
test_late_soa(void **state)
{
	struct gen *g = *state;
	const char *path = g->late;
	struct input in = { "late.test.", path };
	struct load_opts o;
	struct tally t;
	struct pair p;
	struct run cal;
	unsigned stop_line, soa_at, i;

	memset(&t, 0, sizeof(t));
	memset(&o, 0, sizeof(o));
	o.max_errors = 1000000;
	write_late(path, N_LATE);
	o.max_memory = model_bytes("late.test.", path) / 2;
	/* Where the builder stops: records before it are the NS and the
	 * hosts, one each. */
	run_load(&cal, 1, &in, 1, &o, false);
	assert_int_equal(cal.rc[0], RDA_ELIMIT);
	stop_line = cal.d[assert_memory_last(&cal)].line;
	/* A batch holds fewer than 256 KiB / 43 bytes (an entry with the
	 * shortest owner) records: 6,500 after the stop are past it. */
	soa_at = (unsigned)cal.m->nrecs - 1 + 6500;
	run_free(&cal);
	assert_true(soa_at < N_LATE - 100);
	write_late(path, soa_at);
	for (i = 0; i < 2; i++) {
		snprintf(t.what, sizeof(t.what), "%s (SOA before host %u, "
		    "max_memory %" PRIu64 ", %s)", path, soa_at, o.max_memory,
		    set_builder(i));
		pair_run(&t, &p, &in, 1, &o, false);
		slow_us = 0;
		assert_int_equal(p.one.d[assert_memory_last(&p.one)].line,
		    stop_line);
		assert_memory_last(&p.two);
		print_message("late SOA%s: has_soa %d serial %" PRIu32 " (%zu "
		    "SOA records) with 1 thread, has_soa %d serial %" PRIu32
		    " (%zu SOA records) with 2\n", i ? " (slow builder)" : "",
		    p.one.m->zones[0].has_soa, p.one.m->zones[0].serial,
		    count_type(p.one.m, RT_SOA), p.two.m->zones[0].has_soa,
		    p.two.m->zones[0].serial, count_type(p.two.m, RT_SOA));
		assert_false(p.one.m->zones[0].has_soa);
		pair_free(&p);
	}
	tally_print(&t, "late SOA");
	assert_int_equal(t.differ, 0);
	assert_true(t.recs >= 10000);
}

/* A forward zone, then a reverse zone whose PTR targets are its names,
 * into one model: the second load interns into a table the first
 * filled. */
static void
test_two_zones(void **state)
{
	struct gen *g = *state;
	struct input in[2] = {
		{ "example.test.", g->fwd },
		{ "10.in-addr.arpa.", g->rev },
	};
	struct load_opts o;
	struct tally t;
	struct pair p;
	const struct rec *r;
	size_t i, known = 0;

	memset(&t, 0, sizeof(t));
	memset(&o, 0, sizeof(o));
	o.max_errors = 1000000;
	assert_true(file_size(g->rev) >= 4 * BATCH);
	snprintf(t.what, sizeof(t.what), "%s then %s", g->fwd, g->rev);
	pair_run(&t, &p, in, 2, &o, true);
	assert_int_equal(p.one.m->nzones, 2);
	assert_true(p.one.st[1].errors >= 50);
	assert_true(p.one.st[1].warnings >= 50);
	for (i = 0; i < p.one.m->nrecs; i++) {
		r = &p.one.m->recs[i];
		if (r->type == RT_PTR && model_rec_zone(p.one.m, r) == 1 &&
		    (p.one.m->nodes[r->rd.target].flags & NODE_DATA))
			known++;
	}
	print_message("two zones: %zu PTRs point at names of the forward "
	    "zone\n", known);
	assert_true(known >= N_REV / 2);
	pair_free(&p);
	tally_print(&t, "two zones");
	assert_int_equal(t.differ, 0);
	assert_true(t.recs >= 100000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixtures),
		cmocka_unit_test(test_corpus),
		cmocka_unit_test(test_big),
		cmocka_unit_test(test_progress),
		cmocka_unit_test(test_max_errors),
		cmocka_unit_test(test_max_records),
		cmocka_unit_test(test_max_memory),
		cmocka_unit_test(test_late_soa),
		cmocka_unit_test(test_two_zones),
	};

	return cmocka_run_group_tests(tests, gen_setup, gen_teardown);
}
