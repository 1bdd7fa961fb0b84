/* report.h -- findings, the check table, and the report writers.
 *
 * Checks (core/checks.c) add findings here; cmd/ picks a writer.  A finding
 * holds node and record ids into the model, so it is small and the text is
 * made only when the report is written.
 */
#ifndef RDA_REPORT_H
#define RDA_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/model.h"

enum sev { SEV_INFO, SEV_WARNING, SEV_ERROR, SEV_OFF };

struct finding {
	uint16_t check;		/* index into the check table */
	uint8_t sev;
	bool has_addr;
	struct addr addr;
	uint32_t name;		/* node id or MODEL_NONE */
	uint32_t target;	/* node id or MODEL_NONE */
	uint32_t zone;		/* zone id or MODEL_NONE */
	uint32_t rec;		/* the record to fix, or MODEL_NONE */
	/* Findings about the configuration (rec MODEL_NONE): where in it;
	 * FILE is borrowed and must outlive the report. */
	const char *file;
	uint32_t line, col;
	char *msg;
};

struct report {
	const struct model *m;
	const uint8_t *mail;	/* bitmap of mail-host nodes, or NULL */
	struct finding *f;
	size_t n, cap;
	size_t count[3];	/* by severity */
	/* Set by cmd/ when ignore rules or a baseline were applied: how many
	 * findings they removed (the summary and JSON say so). */
	bool filtered;
	size_t ignored, known;
};

void report_init(struct report *r, const struct model *m);
void report_clear(struct report *r);

/* Adds a finding of CHECK (an index into the check table) with the check's
 * severity, one level higher when NAME is a mail host (DESIGN.md: a finding
 * that concerns an MX target is raised); the message is printf-style.  Returns 0 or RDA_ENOMEM. */
int report_add(struct report *r, unsigned check, const struct addr *a,
    uint32_t name, uint32_t target, uint32_t zone, uint32_t rec,
    const char *fmt, ...) __attribute__((format(printf, 8, 9)));

/* Sorts the findings: by file, line, check, address, name. */
void report_sort(struct report *r);

/* Where finding F points: *FILE (NULL when nowhere, e.g. an AXFR
 * record), *LINE and *COL (0 when unknown). */
void report_loc(const struct report *r, const struct finding *f,
    const char **file, unsigned *line, unsigned *col);

/* S as a JSON string: quotes, backslashes and control bytes escaped. */
void report_json_str(FILE *out, const char *s);

/* Writers. */
void report_text(const struct report *r, FILE *out);
void report_summary(const struct report *r, FILE *out);
void report_json(const struct report *r, FILE *out);

/* Severity names. */
const char *report_sev_str(enum sev s);
int report_sev_parse(const char *s, enum sev *out);

#endif
