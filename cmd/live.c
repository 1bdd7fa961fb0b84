/* live.c -- --axfr, --tsig and --resolve; see live.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/config.h"
#include "cmd/live.h"
#include "core/err.h"

/* Parses a count in [1, MAX]. */
static int
count(const char *opt, const char *arg, unsigned long long max,
    unsigned long long *out)
{
	char *end;

	errno = 0;
	*out = strtoull(arg, &end, 10);
	if (arg[0] < '0' || arg[0] > '9' || *end != '\0' || errno != 0 ||
	    *out == 0 || *out > max) {
		fprintf(stderr, "rdnsaudit: --%s takes a whole number from 1 "
		    "to %llu, not '%s'\n", opt, max, arg);
		return -1;
	}
	return 0;
}

/* Parses seconds, fractions allowed, into milliseconds in [1, MAX]. */
static int
seconds(const char *opt, const char *arg, unsigned max_s, unsigned *ms)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(arg, &end);
	if (arg[0] < '0' || arg[0] > '9' || *end != '\0' || errno != 0 ||
	    v * 1000 < 1 || v > max_s) {
		fprintf(stderr, "rdnsaudit: --%s takes seconds (0.001 to %u), "
		    "not '%s'\n", opt, max_s, arg);
		return -1;
	}
	*ms = (unsigned)(v * 1000 + 0.5);
	return 0;
}

static int
key_add(struct live_opts *l, struct tsig_key *k)
{
	struct tsig_key **keys;

	keys = realloc(l->keys, (l->nkeys + 1) * sizeof(*keys));
	if (keys == NULL) {
		tsig_key_clear(k);
		free(k);
		fprintf(stderr, "rdnsaudit: out of memory\n");
		return -1;
	}
	l->keys = keys;
	l->keys[l->nkeys++] = k;
	l->cur = k;
	return 0;
}

static int
tsig_opt(struct live_opts *l, int c, char *arg)
{
	char err[TSIG_ERR_MAX];
	struct tsig_key *k;
	char *secret;
	int rc;

	if (c == LIVE_OPT_TSIG && strcmp(arg, "none") == 0) {
		l->cur = NULL;
		return 0;
	}
	if ((k = calloc(1, sizeof(*k))) == NULL) {
		fprintf(stderr, "rdnsaudit: out of memory\n");
		return -1;
	}
	if (c == LIVE_OPT_TSIG) {
		rc = tsig_parse(arg, k, err);
		/* Keep the secret out of ps(1) from now on. */
		if ((secret = strchr(arg, ':')) != NULL &&
		    (secret = strchr(secret + 1, ':')) != NULL)
			memset(secret + 1, 'x', strlen(secret + 1));
	} else
		rc = tsig_file_read(arg, k, err);
	if (rc < 0) {
		fprintf(stderr, "rdnsaudit: %s: %s\n", c == LIVE_OPT_TSIG ?
		    "--tsig" : "--tsig-file", rc == RDA_ENOMEM ?
		    "out of memory" : err);
		free(k);
		return -1;
	}
	return key_add(l, k);
}

static int
axfr_opt(struct live_opts *l, const char *arg)
{
	char err[AXFR_ERR_MAX];
	struct axfr_job *j;

	j = realloc(l->jobs, (l->njobs + 1) * sizeof(*j));
	if (j == NULL) {
		fprintf(stderr, "rdnsaudit: out of memory\n");
		return -1;
	}
	l->jobs = j;
	j = &l->jobs[l->njobs];
	memset(j, 0, sizeof(*j));
	if (axfr_parse(arg, &j->spec, err) < 0) {
		fprintf(stderr, "rdnsaudit: %s\n", err);
		return -1;
	}
	j->key = l->cur;
	l->njobs++;
	return 0;
}

/* A copy of the configuration's key NAME, owned by L, or NULL. */
static const struct tsig_key *
config_key(struct live_opts *l, const struct config *c, const char *name)
{
	struct tsig_key *k;
	size_t i;

	for (i = 0; i < c->nkeys; i++) {
		if (strcmp(c->keys[i].name, name) != 0)
			continue;
		if ((k = calloc(1, sizeof(*k))) == NULL ||
		    (k->name = strdup(c->keys[i].name)) == NULL ||
		    (k->algorithm = strdup(c->keys[i].algorithm)) == NULL ||
		    (k->secret = strdup(c->keys[i].secret)) == NULL) {
			if (k != NULL)
				tsig_key_clear(k);
			free(k);
			fprintf(stderr, "rdnsaudit: out of memory\n");
			return NULL;
		}
		return key_add(l, k) < 0 ? NULL : k;
	}
	return NULL;
}

int
live_config(struct live_opts *l, const struct config *c)
{
	const struct tsig_key *saved = l->cur;
	char arg[NAMES_TXT_MAX + 80];
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < c->naxfr; i++) {
		const struct config_axfr *a = &c->axfr[i];

		l->cur = NULL;
		/* config_load() checked that the key exists. */
		if (a->key != NULL && config_key(l, c, a->key) == NULL) {
			rc = -1;
			break;
		}
		snprintf(arg, sizeof(arg), strchr(a->server, ':') != NULL ?
		    "%s@[%s]:%u" : "%s@%s:%u", a->origin, a->server,
		    a->port ? a->port : 53);
		rc = axfr_opt(l, arg);
	}
	l->cur = saved;
	return rc;
}

int
live_option(struct live_opts *l, int c, char *arg)
{
	char err[RESOLVE_ERR_MAX];
	unsigned long long n;

	switch (c) {
	case LIVE_OPT_AXFR:
		return axfr_opt(l, arg);
	case LIVE_OPT_AXFR_JOBS:
		if (count("axfr-jobs", arg, 64, &n) < 0)
			return -1;
		l->axfr.jobs = (unsigned)n;
		return 0;
	case LIVE_OPT_AXFR_MAX_RECORDS:
		if (count("axfr-max-records", arg, 1000000000ULL, &n) < 0)
			return -1;
		l->axfr.max_records = n;
		return 0;
	case LIVE_OPT_AXFR_TIMEOUT:
		return seconds("axfr-timeout", arg, 86400, &l->axfr.deadline_ms);
	case LIVE_OPT_RESOLVE:
		l->resolve = true;
		return 0;
	case LIVE_OPT_RESOLVE_JOBS:
		if (count("resolve-jobs", arg, 256, &n) < 0)
			return -1;
		l->res.jobs = (unsigned)n;
		return 0;
	case LIVE_OPT_RESOLVE_TIMEOUT:
		return seconds("resolve-timeout", arg, 60, &l->res.timeout_ms);
	case LIVE_OPT_RESOLVE_TRIES:
		if (count("resolve-tries", arg, 10, &n) < 0)
			return -1;
		l->res.tries = (unsigned)n;
		return 0;
	case LIVE_OPT_RESOLVER:
		if (resolve_parse_server(arg, &l->res, err) < 0) {
			fprintf(stderr, "rdnsaudit: %s, not '%s'\n", err, arg);
			return -1;
		}
		return 0;
	case LIVE_OPT_TSIG:
	case LIVE_OPT_TSIG_FILE:
		return tsig_opt(l, c, arg);
	}
	return -1;
}

int
live_load(struct model *m, struct live_opts *l)
{
	size_t i;
	int failed = 0, rc;

	if (l->njobs == 0)
		return 0;
	axfr_fetch_all(l->jobs, l->njobs, &l->axfr);
	for (i = 0; i < l->njobs; i++) {
		struct axfr_job *j = &l->jobs[i];

		if (j->rc == 0) {
			rc = axfr_store(m, j);
			if (rc == RDA_ENOMEM)
				return -1;
		}
		if (j->rc != 0) {
			fprintf(stderr, "rdnsaudit: error: %s\n", j->err);
			failed++;
		}
		axfr_job_clear(j);
	}
	return failed;
}

int
live_resolve(struct model *m, struct live_opts *l)
{
	struct resolve_stats st;
	char err[RESOLVE_ERR_MAX];

	if (!l->resolve)
		return 0;
	if (resolve_run(m, &l->res, &st, err) < 0) {
		fprintf(stderr, "rdnsaudit: %s\n", err);
		return -1;
	}
	if (!l->quiet)
		fprintf(stderr, "rdnsaudit: looked up %u names live (%u "
		    "queries in %u waves, %u at a time, %u failed) in %.2f s\n",
		    st.names, st.queries, st.waves, st.jobs, st.failed,
		    st.seconds);
	return 0;
}

void
live_clear(struct live_opts *l)
{
	size_t i;

	for (i = 0; i < l->nkeys; i++) {
		tsig_key_clear(l->keys[i]);
		free(l->keys[i]);
	}
	for (i = 0; i < l->njobs; i++)
		axfr_job_clear(&l->jobs[i]);
	free(l->keys);
	free(l->jobs);
	memset(l, 0, sizeof(*l));
}
