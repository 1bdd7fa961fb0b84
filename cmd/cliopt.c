/* cliopt.c -- policy options of the command line; see cliopt.h. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cliopt.h"
#include "core/err.h"

static int
push_str(char ***v, size_t *n, const char *s, size_t len)
{
	char **t = realloc(*v, (*n + 1) * sizeof(**v));
	size_t i;

	if (t == NULL)
		return RDA_ENOMEM;
	*v = t;
	if ((t[*n] = malloc(len + 2)) == NULL)
		return RDA_ENOMEM;
	for (i = 0; i < len; i++)
		t[*n][i] = (char)tolower((unsigned char)s[i]);
	t[*n][len] = '\0';
	(*n)++;
	return 0;
}

int
cliopt_mail_host(struct policy *p, const char *arg, char *err, size_t errlen)
{
	size_t len = strlen(arg);
	int rc;

	if (len == 0 || strchr(arg, ' ') != NULL || strcmp(arg, ".") == 0) {
		snprintf(err, errlen, "--mail-host takes a host name, not "
		    "'%s'", arg);
		return RDA_EINVAL;
	}
	if ((rc = push_str(&p->mail_hosts, &p->nmail_hosts, arg, len)) < 0)
		return rc;
	if (arg[len - 1] != '.')
		strcat(p->mail_hosts[p->nmail_hosts - 1], ".");
	return 0;
}

static bool
host_bits_zero(const struct addr *a, unsigned len)
{
	unsigned i;

	for (i = len; i < (a->family == 4 ? 32u : 128u); i++)
		if (a->b[i / 8] & (0x80 >> (i % 8)))
			return false;
	return true;
}

static int
parse_prefix(const char *s, size_t n, struct network *net)
{
	char buf[64], *slash, *end;
	unsigned long len;

	if (n >= sizeof(buf))
		return RDA_EINVAL;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if ((slash = strchr(buf, '/')) == NULL)
		return RDA_EINVAL;
	*slash = '\0';
	if (names_addr_parse(buf, &net->prefix) < 0 || !isdigit(
	    (unsigned char)slash[1]))
		return RDA_EINVAL;
	len = strtoul(slash + 1, &end, 10);
	if (*end != '\0' || len > (net->prefix.family == 4 ? 32u : 128u))
		return RDA_EINVAL;
	net->len = (unsigned)len;
	return 0;
}

int
cliopt_network(struct policy *p, const char *arg, char *err, size_t errlen)
{
	const char *eq = strchr(arg, '='), *h, *colon;
	struct network net = {0}, *t;

	if (eq == NULL || parse_prefix(arg, (size_t)(eq - arg), &net) < 0) {
		snprintf(err, errlen, "--network takes PREFIX=self|isp"
		    "[:CONTACT] with PREFIX like 198.51.100.0/24, not '%s'",
		    arg);
		return RDA_EINVAL;
	}
	if (!host_bits_zero(&net.prefix, net.len)) {
		snprintf(err, errlen, "--network '%s': the address has bits "
		    "set past the prefix length", arg);
		return RDA_EINVAL;
	}
	h = eq + 1;
	colon = strchr(h, ':');
	if ((size_t)((colon ? colon : h + strlen(h)) - h) == 4 &&
	    strncmp(h, "self", 4) == 0)
		net.holder = HOLDER_SELF;
	else if ((size_t)((colon ? colon : h + strlen(h)) - h) == 3 &&
	    strncmp(h, "isp", 3) == 0)
		net.holder = HOLDER_ISP;
	else {
		snprintf(err, errlen, "--network '%s': the holder is self or "
		    "isp", arg);
		return RDA_EINVAL;
	}
	if (colon != NULL && colon[1] != '\0' &&
	    (net.contact = strdup(colon + 1)) == NULL)
		return RDA_ENOMEM;
	if ((t = realloc(p->networks, (p->nnetworks + 1) * sizeof(*t))) ==
	    NULL) {
		free(net.contact);
		return RDA_ENOMEM;
	}
	p->networks = t;
	t[p->nnetworks++] = net;
	return 0;
}

int
cliopt_generic_word(struct policy *p, const char *arg, char *err,
    size_t errlen)
{
	size_t i, len = strlen(arg);

	for (i = 0; i < len; i++)
		if (!isalnum((unsigned char)arg[i]) && arg[i] != '-')
			break;
	if (len == 0 || i < len) {
		snprintf(err, errlen, "--generic-word takes letters, digits "
		    "and '-', not '%s'", arg);
		return RDA_EINVAL;
	}
	return push_str(&p->generic_words, &p->ngeneric_words, arg, len);
}

void
cliopt_clear(struct policy *p)
{
	size_t i;

	for (i = 0; i < p->nmail_hosts; i++)
		free(p->mail_hosts[i]);
	for (i = 0; i < p->ngeneric_words; i++)
		free(p->generic_words[i]);
	for (i = 0; i < p->nnetworks; i++) {
		free(p->networks[i].contact);
		free(p->networks[i].note);
	}
	free(p->mail_hosts);
	free(p->generic_words);
	free(p->networks);
	memset(p, 0, sizeof(*p));
}

int
cliopt_take(struct policy *dst, struct policy *src)
{
	struct network *n;
	char **h;
	size_t i;

	n = realloc(dst->networks, (dst->nnetworks + src->nnetworks + 1) *
	    sizeof(*n));
	if (n == NULL)
		return RDA_ENOMEM;
	dst->networks = n;
	h = realloc(dst->mail_hosts, (dst->nmail_hosts + src->nmail_hosts + 1) *
	    sizeof(*h));
	if (h == NULL)
		return RDA_ENOMEM;
	dst->mail_hosts = h;
	for (i = 0; i < src->nnetworks; i++)
		dst->networks[dst->nnetworks++] = src->networks[i];
	for (i = 0; i < src->nmail_hosts; i++)
		dst->mail_hosts[dst->nmail_hosts++] = src->mail_hosts[i];
	free(src->networks);
	free(src->mail_hosts);
	src->networks = NULL;
	src->mail_hosts = NULL;
	src->nnetworks = src->nmail_hosts = 0;
	/* Pool words replace the built-in list: the command line's win. */
	if (dst->generic_words == NULL) {
		dst->generic_words = src->generic_words;
		dst->ngeneric_words = src->ngeneric_words;
		src->generic_words = NULL;
		src->ngeneric_words = 0;
	}
	return 0;
}
