/* report.c -- findings and their writers; see report.h. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/checks.h"
#include "core/err.h"
#include "core/report.h"

static const char *const sev_names[] = {
	[SEV_INFO] = "info", [SEV_WARNING] = "warning",
	[SEV_ERROR] = "error", [SEV_OFF] = "off",
};

const char *
report_sev_str(enum sev s)
{
	return sev_names[s];
}

int
report_sev_parse(const char *s, enum sev *out)
{
	unsigned i;

	for (i = 0; i <= SEV_OFF; i++)
		if (strcmp(s, sev_names[i]) == 0) {
			*out = (enum sev)i;
			return 0;
		}
	return RDA_EINVAL;
}

void
report_init(struct report *r, const struct model *m)
{
	memset(r, 0, sizeof(*r));
	r->m = m;
}

void
report_clear(struct report *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->f[i].msg);
	free(r->f);
	memset(r, 0, sizeof(*r));
}

int
report_add(struct report *r, unsigned check, const struct addr *a,
    uint32_t name, uint32_t target, uint32_t zone, uint32_t rec,
    const char *fmt, ...)
{
	struct finding *f;
	va_list ap;
	int n;

	if (checks_sev[check] == SEV_OFF)
		return 0;
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;

		if ((f = realloc(r->f, cap * sizeof(*f))) == NULL)
			return RDA_ENOMEM;
		r->f = f;
		r->cap = cap;
	}
	f = &r->f[r->n];
	memset(f, 0, sizeof(*f));
	f->check = (uint16_t)check;
	f->sev = (uint8_t)checks_sev[check];
	if (r->mail != NULL && name != MODEL_NONE &&
	    (r->mail[name / 8] & (1u << (name % 8))) && f->sev < SEV_ERROR)
		f->sev++;
	if (a != NULL) {
		f->has_addr = true;
		f->addr = *a;
	}
	f->name = name;
	f->target = target;
	f->zone = zone;
	f->rec = rec;
	va_start(ap, fmt);
	n = vasprintf(&f->msg, fmt, ap);
	va_end(ap);
	if (n < 0)
		return RDA_ENOMEM;
	r->count[f->sev]++;
	r->n++;
	return 0;
}

static const struct model *sort_model;

static int
finding_cmp(const void *pa, const void *pb)
{
	const struct finding *a = pa, *b = pb;
	const struct model *m = sort_model;
	int c;

	if (a->rec != b->rec) {
		if (a->rec == MODEL_NONE || b->rec == MODEL_NONE)
			return a->rec == MODEL_NONE ? 1 : -1;
		c = strcmp(m->srcs[m->recs[a->rec].src].path,
		    m->srcs[m->recs[b->rec].src].path);
		if (c != 0)
			return c;
		if (m->recs[a->rec].line != m->recs[b->rec].line)
			return m->recs[a->rec].line < m->recs[b->rec].line ?
			    -1 : 1;
	}
	if (a->check != b->check)
		return a->check < b->check ? -1 : 1;
	if (a->has_addr != b->has_addr)
		return a->has_addr ? -1 : 1;
	if (a->has_addr && (c = memcmp(&a->addr, &b->addr,
	    sizeof(a->addr))) != 0)
		return c;
	if (a->name != b->name)
		return a->name < b->name ? -1 : 1;
	return strcmp(a->msg, b->msg);
}

void
report_sort(struct report *r)
{
	sort_model = r->m;
	/* No findings: r->f is NULL, which qsort() must not get. */
	if (r->n > 1)
		qsort(r->f, r->n, sizeof(*r->f), finding_cmp);
}

static void
location(const struct report *r, const struct finding *f, FILE *out)
{
	const struct model *m = r->m;
	const struct rec *rec;
	const struct source *s;

	if (f->rec == MODEL_NONE) {
		fputs("-", out);
		return;
	}
	rec = &m->recs[f->rec];
	s = &m->srcs[rec->src];
	if (rec->line > 0)
		fprintf(out, "%s:%u", s->path, rec->line);
	else
		fputs(s->path, out);
}

void
report_text(const struct report *r, FILE *out)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		const struct finding *f = &r->f[i];

		location(r, f, out);
		fprintf(out, ": %s: %s: %s\n", report_sev_str(f->sev),
		    checks[f->check].id, f->msg);
	}
}

void
report_summary(const struct report *r, FILE *out)
{
	const struct model *m = r->m;

	fprintf(out, "%zu zone%s, %zu records: %zu error%s, %zu warning%s, "
	    "%zu info\n", m->nzones, m->nzones == 1 ? "" : "s", m->nrecs,
	    r->count[SEV_ERROR], r->count[SEV_ERROR] == 1 ? "" : "s",
	    r->count[SEV_WARNING], r->count[SEV_WARNING] == 1 ? "" : "s",
	    r->count[SEV_INFO]);
}

/* A JSON string: quotes, backslashes and control bytes escaped. */
static void
json_str(FILE *out, const char *s)
{
	putc('"', out);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			fprintf(out, "\\u%04x", c);
		else
			putc(c, out);
	}
	putc('"', out);
}

static void
json_name(FILE *out, const struct model *m, uint32_t id)
{
	char buf[NAMES_TXT_MAX];

	if (id == MODEL_NONE)
		fputs("null", out);
	else
		json_str(out, model_fmt(m, id, buf));
}

static void
json_finding(const struct report *r, const struct finding *f, FILE *out)
{
	const struct model *m = r->m;
	char buf[NAMES_ADDR_TXT_MAX];

	fputs("    {\"check\": ", out);
	json_str(out, checks[f->check].id);
	fputs(", \"severity\": ", out);
	json_str(out, report_sev_str(f->sev));
	fputs(",\n     \"address\": ", out);
	if (f->has_addr)
		json_str(out, names_addr_fmt(&f->addr, buf));
	else
		fputs("null", out);
	fputs(", \"name\": ", out);
	json_name(out, m, f->name);
	fputs(", \"target\": ", out);
	json_name(out, m, f->target);
	fputs(", \"zone\": ", out);
	json_name(out, m, f->zone == MODEL_NONE ? MODEL_NONE :
	    m->zones[f->zone].apex);
	fputs(",\n     \"file\": ", out);
	if (f->rec == MODEL_NONE) {
		fputs("null, \"line\": null", out);
	} else {
		const struct rec *rec = &m->recs[f->rec];

		json_str(out, m->srcs[rec->src].path);
		if (rec->line > 0)
			fprintf(out, ", \"line\": %u", rec->line);
		else
			fputs(", \"line\": null", out);
	}
	fputs(",\n     \"message\": ", out);
	json_str(out, f->msg);
	fputs("}", out);
}

void
report_json(const struct report *r, FILE *out)
{
	const struct model *m = r->m;
	char buf[NAMES_TXT_MAX];
	size_t i;

	fputs("{\"version\": 1,\n \"zones\": [", out);
	for (i = 0; i < m->nzones; i++) {
		const struct zone *z = &m->zones[i];

		fputs(i ? ",\n   " : "\n   ", out);
		fputs("{\"origin\": ", out);
		json_str(out, model_fmt(m, z->apex, buf));
		fputs(", \"source\": ", out);
		json_str(out, z->source);
		fputs(", \"serial\": ", out);
		if (z->has_soa)
			fprintf(out, "%u", z->serial);
		else
			fputs("null", out);
		fprintf(out, ", \"records\": %llu}",
		    (unsigned long long)z->records);
	}
	fputs("],\n \"findings\": [", out);
	for (i = 0; i < r->n; i++) {
		fputs(i ? ",\n" : "\n", out);
		json_finding(r, &r->f[i], out);
	}
	fprintf(out, "],\n \"summary\": {\"error\": %zu, \"warning\": %zu, "
	    "\"info\": %zu}}\n", r->count[SEV_ERROR], r->count[SEV_WARNING],
	    r->count[SEV_INFO]);
}
