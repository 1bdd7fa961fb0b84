/* report.c -- findings and their writers; see report.h. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/checks.h"
#include "core/err.h"
#include "core/report.h"
#include "core/vec.h"

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
	if (vec_reserve((void **)&r->f, &r->cap, r->n + 1,
	    sizeof(*r->f)) < 0)
		return RDA_ENOMEM;
	f = &r->f[r->n];
	memset(f, 0, sizeof(*f));
	f->check = (uint16_t)check;
	f->sev = (uint8_t)checks_sev[check];
	if (r->mail != NULL && name != MODEL_NONE && !checks[check].mail &&
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

	if (a->rec == MODEL_NONE && b->rec == MODEL_NONE &&
	    a->file != NULL && b->file != NULL) {
		if ((c = strcmp(a->file, b->file)) != 0)
			return c;
		if (a->line != b->line)
			return a->line < b->line ? -1 : 1;
		if (a->col != b->col)
			return a->col < b->col ? -1 : 1;
	}
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
	if (r->n > 1)
		qsort(r->f, r->n, sizeof(*r->f), finding_cmp);
}

void
report_loc(const struct report *r, const struct finding *f,
    const char **file, unsigned *line, unsigned *col)
{
	const struct model *m = r->m;
	const struct rec *rec;

	*file = f->file;
	*line = f->line;
	*col = f->col;
	if (f->rec == MODEL_NONE)
		return;
	rec = &m->recs[f->rec];
	*file = m->srcs[rec->src].path;
	*line = rec->line;
	*col = 0;
}

static void
location(const struct report *r, const struct finding *f, FILE *out)
{
	const char *file;
	unsigned line, col;

	report_loc(r, f, &file, &line, &col);
	if (file == NULL) {
		fputs("-", out);
		return;
	}
	rda_fputs_safe(file, out);	/* an $INCLUDE's name is zone text */
	if (line > 0)
		fprintf(out, ":%u", line);
}

void
report_text(const struct report *r, FILE *out)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		const struct finding *f = &r->f[i];

		location(r, f, out);
		fprintf(out, ": %s: %s: ", report_sev_str(f->sev),
		    checks[f->check].id);
		rda_fputs_safe(f->msg, out);
		putc('\n', out);
	}
}

void
report_summary(const struct report *r, FILE *out)
{
	const struct model *m = r->m;

	size_t nz = 0, nr = 0, i;

	/* Live answers are not loaded zones (model.h, "Live data"). */
	for (i = 0; i < m->nzones; i++)
		if (!m->zones[i].live) {
			nz++;
			nr += m->zones[i].records;
		}
	fprintf(out, "%zu zone%s, %zu records: %zu error%s, %zu warning%s, "
	    "%zu info", nz, nz == 1 ? "" : "s", nr,
	    r->count[SEV_ERROR], r->count[SEV_ERROR] == 1 ? "" : "s",
	    r->count[SEV_WARNING], r->count[SEV_WARNING] == 1 ? "" : "s",
	    r->count[SEV_INFO]);
	if (r->filtered)
		fprintf(out, "; not shown: %zu ignored by the configuration, "
		    "%zu known from the baseline", r->ignored, r->known);
	putc('\n', out);
}

void
report_json_str(FILE *out, const char *s)
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
		report_json_str(out, model_fmt(m, id, buf));
}

static void
json_finding(const struct report *r, const struct finding *f, FILE *out)
{
	const struct model *m = r->m;
	char buf[NAMES_ADDR_TXT_MAX];
	const char *file;
	unsigned line, col;

	fputs("    {\"check\": ", out);
	report_json_str(out, checks[f->check].id);
	fputs(", \"severity\": ", out);
	report_json_str(out, report_sev_str(f->sev));
	fputs(",\n     \"address\": ", out);
	if (f->has_addr)
		report_json_str(out, names_addr_fmt(&f->addr, buf));
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
	report_loc(r, f, &file, &line, &col);
	if (file == NULL)
		fputs("null", out);
	else
		report_json_str(out, file);
	if (line > 0)
		fprintf(out, ", \"line\": %u", line);
	else
		fputs(", \"line\": null", out);
	fputs(",\n     \"message\": ", out);
	report_json_str(out, f->msg);
	fputs("}", out);
}

void
report_json(const struct report *r, FILE *out)
{
	const struct model *m = r->m;
	char buf[NAMES_TXT_MAX];
	size_t i;

	bool first = true;

	fputs("{\"version\": 1,\n \"zones\": [", out);
	for (i = 0; i < m->nzones; i++) {
		const struct zone *z = &m->zones[i];

		if (z->live)
			continue;
		fputs(first ? "\n   " : ",\n   ", out);
		first = false;
		fputs("{\"origin\": ", out);
		report_json_str(out, model_fmt(m, z->apex, buf));
		fputs(", \"source\": ", out);
		report_json_str(out, z->source);
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
	    "\"info\": %zu", r->count[SEV_ERROR], r->count[SEV_WARNING],
	    r->count[SEV_INFO]);
	if (r->filtered)
		fprintf(out, ", \"ignored\": %zu, \"known\": %zu", r->ignored,
		    r->known);
	fputs("}}\n", out);
}
