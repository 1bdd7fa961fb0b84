/* ignore.c -- ignore rules and baselines; see ignore.h. */
#include <stdlib.h>
#include <string.h>

#include "core/checks.h"
#include "core/err.h"
#include "core/fingerprint.h"
#include "core/ignore.h"
#include "core/vec.h"

/* Forgets finding F (the caller compacts the array). */
static void
drop(struct report *r, struct finding *f)
{
	r->count[f->sev]--;
	free(f->msg);
	f->msg = NULL;
}

static bool
prefix_match(const struct addr *p, unsigned plen, const struct addr *a)
{
	unsigned full = plen / 8, rest = plen % 8;

	if (p->family != a->family)
		return false;
	if (memcmp(p->b, a->b, full) != 0)
		return false;
	if (rest == 0)
		return true;
	return ((p->b[full] ^ a->b[full]) & (0xff << (8 - rest)) & 0xff) == 0;
}

/* NAME is below SUFFIX: it ends with "." SUFFIX (both absolute). */
static bool
below(const char *name, const char *suffix)
{
	size_t n = strlen(name), s = strlen(suffix);

	if (strcmp(suffix, ".") == 0)
		return strcmp(name, ".") != 0;
	return n > s && name[n - s - 1] == '.' &&
	    strcmp(name + n - s, suffix) == 0;
}

bool
ignore_match(const struct report *r, const struct ignore_rule *rule,
    const struct finding *f)
{
	char buf[NAMES_TXT_MAX];

	if ((int)f->check != rule->check)
		return false;
	if (rule->has_addr && (!f->has_addr ||
	    !prefix_match(&rule->addr, rule->plen, &f->addr)))
		return false;
	if (rule->name != NULL) {
		if (f->name == MODEL_NONE)
			return false;
		model_fmt(r->m, f->name, buf);
		if (rule->suffix ? !below(buf, rule->name) :
		    strcmp(buf, rule->name) != 0)
			return false;
	}
	return true;
}

/* What a rule covers, for messages: "multiple-ptr 192.0.2.0/24 *.x." */
static void
rule_str(const struct ignore_rule *rule, char *buf, size_t len)
{
	char abuf[NAMES_ADDR_TXT_MAX];
	int k;

	k = snprintf(buf, len, "%s", checks[rule->check].id);
	if (rule->has_addr && k >= 0 && (size_t)k < len)
		k += snprintf(buf + k, len - (size_t)k, " %s/%u",
		    names_addr_fmt(&rule->addr, abuf), rule->plen);
	if (rule->name != NULL && k >= 0 && (size_t)k < len)
		snprintf(buf + k, len - (size_t)k, " %s%s",
		    rule->suffix ? "*." : "", rule->name);
}

static int
notice(struct report *r, unsigned check, const struct ignore_rule *rule,
    const char *fmt, const char *what, const char *extra)
{
	size_t n = r->n;
	int rc;

	rc = report_add(r, check, NULL, MODEL_NONE, MODEL_NONE, MODEL_NONE,
	    MODEL_NONE, fmt, what, extra);
	if (rc < 0 || r->n == n)
		return rc;
	r->f[n].file = rule->file;
	r->f[n].line = rule->line;
	r->f[n].col = rule->col;
	return 0;
}

int
ignore_apply(struct report *r, struct ignore_rule *rules, size_t n,
    long today)
{
	char what[NAMES_TXT_MAX + 128];
	size_t i, j, k;
	int rc;

	for (k = 0; k < n; k++)
		rules[k].matched = 0;
	for (i = j = 0; i < r->n; i++) {
		for (k = 0; k < n; k++)
			if ((rules[k].until < 0 || rules[k].until >= today) &&
			    ignore_match(r, &rules[k], &r->f[i]))
				break;
		if (k == n) {
			r->f[j++] = r->f[i];
			continue;
		}
		rules[k].matched++;
		r->ignored++;
		drop(r, &r->f[i]);
	}
	r->n = j;
	for (k = 0; k < n; k++) {
		rule_str(&rules[k], what, sizeof(what));
		if (rules[k].until >= 0 && rules[k].until < today)
			rc = notice(r, (unsigned)checks_find("ignore-expired"),
			    &rules[k], "the ignore rule for %s expired on %s "
			    "and no longer applies: fix what it covered or "
			    "extend 'until'", what, rules[k].until_txt);
		else if (rules[k].matched == 0)
			rc = notice(r, (unsigned)checks_find("ignore-unmatched"),
			    &rules[k], "the ignore rule for %s matched no "
			    "finding%s: remove it if what it covered was fixed",
			    what, "");
		else
			rc = 0;
		if (rc < 0)
			return rc;
	}
	report_sort(r);
	return 0;
}

static int
fp_cmp(const void *pa, const void *pb)
{
	uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;

	return a < b ? -1 : a > b;
}

struct line {
	uint64_t fp;
	size_t i;
};

static int
line_cmp(const void *pa, const void *pb)
{
	const struct line *a = pa, *b = pb;

	if (a->fp != b->fp)
		return a->fp < b->fp ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

int
baseline_write(const struct report *r, FILE *out)
{
	char fbuf[FINGERPRINT_TXT], abuf[NAMES_ADDR_TXT_MAX];
	char nbuf[NAMES_TXT_MAX];
	struct line *l;
	size_t i;

	if ((l = calloc(r->n + 1, sizeof(*l))) == NULL)
		return RDA_ENOMEM;
	for (i = 0; i < r->n; i++) {
		l[i].fp = fingerprint(r, &r->f[i]);
		l[i].i = i;
	}
	qsort(l, r->n, sizeof(*l), line_cmp);
	fputs("# rdnsaudit baseline 1: known findings, one a line by "
	    "fingerprint\n# (check id, address, name and zone; not the file "
	    "or line).  The\n# fields after the fingerprint are for people.\n",
	    out);
	for (i = 0; i < r->n; i++) {
		const struct finding *f = &r->f[l[i].i];

		if (i > 0 && l[i].fp == l[i - 1].fp)
			continue;
		fprintf(out, "%s %s %s %s\n", fingerprint_fmt(l[i].fp, fbuf),
		    checks[f->check].id,
		    f->has_addr ? names_addr_fmt(&f->addr, abuf) : "-",
		    f->name == MODEL_NONE ? "-" :
		    model_fmt(r->m, f->name, nbuf));
	}
	free(l);
	return ferror(out) ? RDA_EIO : 0;
}

int
baseline_read(FILE *in, struct baseline *b, unsigned *errline)
{
	char buf[4096], hex[FINGERPRINT_TXT];
	size_t cap = 0, len;
	unsigned line = 0;

	memset(b, 0, sizeof(*b));
	while (fgets(buf, sizeof(buf), in) != NULL) {
		line++;
		len = strcspn(buf, " \t\r\n");
		if (buf[0] == '#' || len == 0)
			continue;
		if (len != 16)
			goto bad;
		memcpy(hex, buf, 16);
		hex[16] = '\0';
		if (vec_reserve((void **)&b->fp, &cap, b->n + 1,
		    sizeof(*b->fp)) < 0) {
			baseline_clear(b);
			return RDA_ENOMEM;
		}
		if (fingerprint_parse(hex, &b->fp[b->n]) < 0)
			goto bad;
		b->n++;
	}
	if (ferror(in)) {
		baseline_clear(b);
		return RDA_EIO;
	}
	if (b->n > 0)
		qsort(b->fp, b->n, sizeof(*b->fp), fp_cmp);
	return 0;
bad:
	*errline = line;
	baseline_clear(b);
	return RDA_ESYNTAX;
}

void
baseline_clear(struct baseline *b)
{
	free(b->fp);
	memset(b, 0, sizeof(*b));
}

void
baseline_apply(struct report *r, const struct baseline *b)
{
	size_t i, j;
	uint64_t fp;

	for (i = j = 0; i < r->n; i++) {
		fp = fingerprint(r, &r->f[i]);
		if (b->n > 0 && bsearch(&fp, b->fp, b->n, sizeof(fp),
		    fp_cmp) != NULL) {
			r->known++;
			drop(r, &r->f[i]);
		} else
			r->f[j++] = r->f[i];
	}
	r->n = j;
}
