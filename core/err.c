/* err.c -- the text of rdnsaudit's error codes; diagnostics made safe to
 * print. */
#include <stddef.h>
#include <stdlib.h>

#include "err.h"

static const char *const msgs[] = {
	[0] = "success",
	[-RDA_ENOMEM] = "out of memory",
	[-RDA_EINVAL] = "invalid argument",
	[-RDA_EIO] = "input/output error",
	[-RDA_ELIMIT] = "resource limit reached",
	[-RDA_ESYNTAX] = "syntax error",
	[-RDA_ENOTFOUND] = "not found",
	[-RDA_ENET] = "network error",
	[-RDA_EOWNER] = "too many records at one name",
};

const char *
rda_strerror(int code)
{
	if (code > 0 || -code >= (int)(sizeof(msgs) / sizeof(msgs[0])) ||
	    msgs[-code] == NULL)
		return "unknown error";
	return msgs[-code];
}

void
rda_fputs_safe(const char *s, FILE *out)
{
	const unsigned char *p = (const unsigned char *)s, *run = p;

	/* Runs of printable bytes at once: a report can be millions of
	 * lines. */
	for (;; p++) {
		if (*p >= 0x20 && *p != 0x7f)
			continue;
		if (p > run)
			fwrite(run, 1, (size_t)(p - run), out);
		run = p + 1;
		if (*p == '\0')
			return;
		if (*p == '\n')
			fputs("\\n", out);
		else if (*p == '\t')
			fputs("\\t", out);
		else
			fprintf(out, "\\x%02x", *p);
	}
}

void
rda_vfprintf_safe(FILE *out, const char *fmt, va_list ap)
{
	char small[512], *buf = small;
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(small, sizeof(small), fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(small)) {
		if ((buf = malloc((size_t)n + 1)) == NULL) {
			fputs("(out of memory)", out);
			return;
		}
		vsnprintf(buf, (size_t)n + 1, fmt, ap);
	}
	rda_fputs_safe(buf, out);
	if (buf != small)
		free(buf);
}
