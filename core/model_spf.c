/* model_spf.c -- the side table of SPF texts; see model.h.
 *
 * The audit reads TXT data for one purpose: finding the mail senders an SPF
 * record authorises (core/spf.c).  Keeping that text in struct rec would
 * grow every record, so SPF texts live here: one small entry per SPF
 * record and one arena of NUL-terminated strings.  Nothing else of TXT
 * records is kept.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/err.h"
#include "core/model.h"
#include "core/vec.h"

struct model_spf {
	struct spf_ent {
		uint32_t owner, src, line;
		uint32_t off;		/* into text */
	} *e;
	size_t n, cap;
	char *text;
	size_t ntext, captext;
};

bool
model_spf_is(const char *text, size_t len)
{
	/* RFC 7208 §4.5: exactly "v=spf1", ended by a space or the end. */
	return len >= 6 && strncasecmp(text, "v=spf1", 6) == 0 &&
	    (len == 6 || text[6] == ' ');
}

int
model_spf_add(struct model *m, uint32_t owner, uint32_t src, uint32_t line,
    const char *text, size_t len)
{
	struct model_spf *s = m->spf;

	if (s == NULL && (s = m->spf = calloc(1, sizeof(*s))) == NULL)
		return RDA_ENOMEM;
	if (s->ntext + len + 1 > UINT32_MAX)
		return RDA_ELIMIT;
	if (vec_reserve((void **)&s->e, &s->cap, s->n + 1, sizeof(*s->e)) < 0 ||
	    vec_reserve((void **)&s->text, &s->captext, s->ntext + len + 1, 1) < 0)
		return RDA_ENOMEM;
	s->e[s->n].owner = owner;
	s->e[s->n].src = src;
	s->e[s->n].line = line;
	s->e[s->n].off = (uint32_t)s->ntext;
	memcpy(s->text + s->ntext, text, len);
	s->text[s->ntext + len] = '\0';
	s->ntext += len + 1;
	s->n++;
	return 0;
}

size_t
model_spf_count(const struct model *m)
{
	return m->spf == NULL ? 0 : m->spf->n;
}

const char *
model_spf_get(const struct model *m, size_t i, uint32_t *owner,
    uint32_t *src, uint32_t *line)
{
	const struct spf_ent *e = &m->spf->e[i];

	*owner = e->owner;
	*src = e->src;
	*line = e->line;
	return m->spf->text + e->off;
}

void
model_spf_free(struct model *m)
{
	if (m->spf == NULL)
		return;
	free(m->spf->e);
	free(m->spf->text);
	free(m->spf);
	m->spf = NULL;
}
