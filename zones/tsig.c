/* tsig.c -- TSIG keys; see tsig.h. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ldns/ldns.h>

#include "core/err.h"
#include "zones/tsig.h"

#define KEYFILE_MAX (64 * 1024)

/* The algorithms ldns 1.8.3 implements correctly, by the names users
 * write and the names ldns compares against (tsig.c in ldns). */
static const struct {
	const char *name, *alias, *ldns;
} algs[] = {
	{"hmac-md5", "hmac-md5.sig-alg.reg.int", "hmac-md5.sig-alg.reg.int."},
	{"hmac-sha1", NULL, "hmac-sha1."},
	{"hmac-sha256", NULL, "hmac-sha256."},
	{"hmac-sha512", NULL, "hmac-sha512."},
};

/* Compares A and B ignoring case and one trailing dot on A. */
static int
alg_eq(const char *a, const char *b)
{
	size_t n = strlen(a);

	if (n > 0 && a[n - 1] == '.')
		n--;
	return strlen(b) == n && strncasecmp(a, b, n) == 0;
}

const char *
tsig_ldns_algorithm(const char *alg)
{
	size_t i;

	for (i = 0; i < sizeof(algs) / sizeof(algs[0]); i++)
		if (alg_eq(alg, algs[i].name) ||
		    (algs[i].alias != NULL && alg_eq(alg, algs[i].alias)))
			return algs[i].ldns;
	return NULL;
}

static bool
b64_char(int c)
{
	return isalnum(c) || c == '+' || c == '/';
}

/* A secret must be base64 (RFC 4648 §4) of at least one byte: ldns
 * would otherwise sign with garbage and the server answer BADSIG. */
static bool
b64_valid(const char *s)
{
	size_t n = strlen(s), i, pad = 0;

	if (n == 0 || n % 4 != 0)
		return false;
	for (i = 0; i < n; i++) {
		if (s[i] == '=') {
			pad++;
			continue;
		}
		if (pad > 0 || !b64_char((unsigned char)s[i]))
			return false;
	}
	return pad <= 2 && n - pad > 1;
}

int
tsig_check(const struct tsig_key *k, char *err)
{
	ldns_rdf *d = NULL;

	if (k->name == NULL || k->name[0] == '\0' ||
	    ldns_str2rdf_dname(&d, k->name) != LDNS_STATUS_OK) {
		snprintf(err, TSIG_ERR_MAX, "TSIG key name '%s' is not a "
		    "domain name", k->name ? k->name : "");
		return RDA_EINVAL;
	}
	ldns_rdf_deep_free(d);
	if (k->algorithm == NULL || k->algorithm[0] == '\0') {
		snprintf(err, TSIG_ERR_MAX, "TSIG key %s: no algorithm; name "
		    "one of hmac-md5, hmac-sha1, hmac-sha256, hmac-sha512",
		    k->name);
		return RDA_EINVAL;
	}
	/* ldns 1.8.3 compares hmac-sha384 against the typo "hmac-shac384."
	 * (NLnetLabs/ldns PR #306) and has no hmac-sha224: both fail only
	 * after connecting, so refuse them here (LDNS.md §6.3). */
	if (alg_eq(k->algorithm, "hmac-sha384") ||
	    alg_eq(k->algorithm, "hmac-sha224")) {
		snprintf(err, TSIG_ERR_MAX, "TSIG key %s: algorithm %s does "
		    "not work with ldns 1.8.3, which rdnsaudit uses; use "
		    "hmac-sha256 or hmac-sha512", k->name, k->algorithm);
		return RDA_EINVAL;
	}
	if (tsig_ldns_algorithm(k->algorithm) == NULL) {
		snprintf(err, TSIG_ERR_MAX, "TSIG key %s: unknown algorithm "
		    "'%.64s' (known: hmac-md5, hmac-sha1, hmac-sha256, "
		    "hmac-sha512)", k->name, k->algorithm);
		return RDA_EINVAL;
	}
	if (k->secret == NULL || !b64_valid(k->secret)) {
		snprintf(err, TSIG_ERR_MAX, "TSIG key %s: the secret is not "
		    "base64 (as tsig-keygen writes it)", k->name);
		return RDA_EINVAL;
	}
	return 0;
}

void
tsig_key_clear(struct tsig_key *k)
{
	if (k->secret != NULL) {
		explicit_bzero(k->secret, strlen(k->secret));
		free(k->secret);
	}
	free(k->name);
	free(k->algorithm);
	k->name = k->algorithm = k->secret = NULL;
}

int
tsig_parse(const char *spec, struct tsig_key *k, char *err)
{
	const char *c1 = strchr(spec, ':'), *c2;
	int rc;

	c2 = c1 != NULL ? strchr(c1 + 1, ':') : NULL;
	if (c1 == NULL || c2 == NULL) {
		/* Do not echo SPEC: it may hold the secret. */
		snprintf(err, TSIG_ERR_MAX, "a TSIG key is written "
		    "NAME:ALGORITHM:SECRET");
		return RDA_EINVAL;
	}
	k->name = strndup(spec, (size_t)(c1 - spec));
	k->algorithm = strndup(c1 + 1, (size_t)(c2 - c1 - 1));
	k->secret = strdup(c2 + 1);
	if (k->name == NULL || k->algorithm == NULL || k->secret == NULL) {
		tsig_key_clear(k);
		return RDA_ENOMEM;
	}
	if ((rc = tsig_check(k, err)) < 0)
		tsig_key_clear(k);
	return rc;
}

/* Tokens of BIND's configuration syntax: words, quoted strings, and the
 * punctuation { } ; as one-character tokens; comments skipped. */
struct lex {
	const char *p;
	char tok[1024];
	bool quoted;
};

static void
skip_blank(struct lex *l)
{
	for (;;) {
		while (isspace((unsigned char)*l->p))
			l->p++;
		if (*l->p == '#' || (l->p[0] == '/' && l->p[1] == '/'))
			l->p += strcspn(l->p, "\n");
		else if (l->p[0] == '/' && l->p[1] == '*') {
			const char *e = strstr(l->p + 2, "*/");

			l->p = e != NULL ? e + 2 : l->p + strlen(l->p);
		} else
			return;
	}
}

/* Returns 1 with a token, 0 at the end, -1 on an unterminated string. */
static int
lex_next(struct lex *l)
{
	size_t n = 0;

	skip_blank(l);
	l->quoted = false;
	if (*l->p == '\0')
		return 0;
	if (*l->p == '"') {
		const char *e = strchr(l->p + 1, '"');

		if (e == NULL || (size_t)(e - l->p) > sizeof(l->tok))
			return -1;
		n = (size_t)(e - l->p - 1);
		memcpy(l->tok, l->p + 1, n);
		l->p = e + 1;
		l->quoted = true;
	} else if (strchr("{};", *l->p) != NULL)
		l->tok[n++] = *l->p++;
	else
		while (*l->p != '\0' && !isspace((unsigned char)*l->p) &&
		    strchr("{};\"", *l->p) == NULL && n + 1 < sizeof(l->tok))
			l->tok[n++] = *l->p++;
	l->tok[n] = '\0';
	return 1;
}

static bool
lex_is(struct lex *l, const char *want)
{
	return lex_next(l) == 1 && !l->quoted && strcmp(l->tok, want) == 0;
}

/* key NAME { algorithm ALG; secret "S"; }; -- fills *K. */
static int
parse_key_clause(struct lex *l, struct tsig_key *k, const char *path,
    char *err)
{
	char **field;

	if (lex_next(l) != 1 || (k->name = strdup(l->tok)) == NULL ||
	    !lex_is(l, "{"))
		goto bad;
	for (;;) {
		if (lex_next(l) != 1)
			goto bad;
		if (!l->quoted && strcmp(l->tok, "}") == 0)
			break;
		if (strcmp(l->tok, "algorithm") == 0)
			field = &k->algorithm;
		else if (strcmp(l->tok, "secret") == 0)
			field = &k->secret;
		else
			goto bad;
		if (*field != NULL || lex_next(l) != 1 ||
		    (*field = strdup(l->tok)) == NULL || !lex_is(l, ";"))
			goto bad;
	}
	if (!lex_is(l, ";"))
		goto bad;
	return 0;
bad:
	snprintf(err, TSIG_ERR_MAX, "%s: not a key file: expected key \"NAME\" "
	    "{ algorithm ALGORITHM; secret \"SECRET\"; }; as tsig-keygen "
	    "writes it", path);
	return RDA_EINVAL;
}

static int
parse_key_text(char *text, const char *path, struct tsig_key *k, char *err)
{
	struct lex l = {0};
	int rc;

	l.p = text;
	if (lex_next(&l) == 1 && !l.quoted && strcmp(l.tok, "key") == 0) {
		rc = parse_key_clause(&l, k, path, err);
		if (rc == 0 && lex_next(&l) != 0) {
			snprintf(err, TSIG_ERR_MAX, "%s: more than one key in "
			    "the file; give each key its own file", path);
			rc = RDA_EINVAL;
		}
		if (rc == 0)
			rc = tsig_check(k, err);
	} else {
		text[strcspn(text, "\r\n")] = '\0';
		rc = tsig_parse(text, k, err);
	}
	explicit_bzero(l.tok, sizeof(l.tok));
	return rc;
}

int
tsig_file_read(const char *path, struct tsig_key *k, char *err)
{
	char *text;
	size_t n;
	FILE *fp;
	int rc;

	if ((fp = fopen(path, "r")) == NULL) {
		snprintf(err, TSIG_ERR_MAX, "cannot open TSIG key file '%s': "
		    "%s", path, strerror(errno));
		return RDA_EIO;
	}
	if ((text = malloc(KEYFILE_MAX + 1)) == NULL) {
		fclose(fp);
		return RDA_ENOMEM;
	}
	n = fread(text, 1, KEYFILE_MAX + 1, fp);
	fclose(fp);
	if (n > KEYFILE_MAX) {
		snprintf(err, TSIG_ERR_MAX, "%s: too large for a key file",
		    path);
		free(text);
		return RDA_EINVAL;
	}
	text[n] = '\0';
	rc = parse_key_text(text, path, k, err);
	if (rc < 0) {
		char why[TSIG_ERR_MAX];

		tsig_key_clear(k);
		/* Name the file in every message. */
		if (strncmp(err, path, strlen(path)) != 0) {
			snprintf(why, sizeof(why), "%s", err);
			snprintf(err, TSIG_ERR_MAX, "%.200s: %.300s", path,
			    why);
		}
	}
	explicit_bzero(text, n);
	free(text);
	return rc;
}
