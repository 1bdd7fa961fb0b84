/* fingerprint.c -- stable finding identities; see fingerprint.h. */
#include <stdio.h>
#include <string.h>

#include "core/checks.h"
#include "core/err.h"
#include "core/fingerprint.h"

#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

/* Hashes S and a separator byte that no field contains, so ("ab", "c")
 * and ("a", "bc") differ. */
static uint64_t
mix(uint64_t h, const char *s)
{
	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= FNV_PRIME;
	}
	h ^= 0x1f;
	return h * FNV_PRIME;
}

static uint64_t
mix_name(uint64_t h, const struct model *m, uint32_t id)
{
	char buf[NAMES_TXT_MAX];

	return mix(h, id == MODEL_NONE ? "-" : model_fmt(m, id, buf));
}

uint64_t
fingerprint(const struct report *r, const struct finding *f)
{
	const struct model *m = r->m;
	char abuf[NAMES_ADDR_TXT_MAX];
	uint64_t h = FNV_OFFSET;

	h = mix(h, "rdnsaudit/1");
	h = mix(h, checks[f->check].id);
	if (!f->has_addr && f->name == MODEL_NONE)
		return mix(h, f->msg);
	h = mix(h, f->has_addr ? names_addr_fmt(&f->addr, abuf) : "-");
	h = mix_name(h, m, f->name);
	h = mix_name(h, m, f->target);
	return mix_name(h, m, f->zone == MODEL_NONE ? MODEL_NONE :
	    m->zones[f->zone].apex);
}

char *
fingerprint_fmt(uint64_t fp, char *buf)
{
	snprintf(buf, FINGERPRINT_TXT, "%016llx", (unsigned long long)fp);
	return buf;
}

int
fingerprint_parse(const char *s, uint64_t *fp)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 16; i++) {
		char c = s[i];
		unsigned d;

		if (c >= '0' && c <= '9')
			d = (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (unsigned)(c - 'A' + 10);
		else
			return RDA_EINVAL;
		v = v << 4 | d;
	}
	if (s[16] != '\0')
		return RDA_EINVAL;
	*fp = v;
	return 0;
}
