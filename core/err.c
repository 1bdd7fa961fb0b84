/* err.c -- the text of rdnsaudit's error codes. */
#include <stddef.h>

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
