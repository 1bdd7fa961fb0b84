/* config.c -- the YAML configuration; see config.h.
 *
 * libyaml's event parser feeds a small tree of our own (struct ynode) that
 * keeps every value's mark; a second pass walks the tree with one table of
 * keys per kind of object.  Aliases are refused outright (they are what
 * "billion laughs" files are made of, and a configuration needs none) and
 * the tree is capped in depth and size, so no input can make us allocate
 * much more than the file's own size.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <yaml.h>

#include "cmd/cliopt.h"
#include "cmd/config.h"
#include "core/checks.h"
#include "core/err.h"

#define MAX_DEPTH 32		/* no valid configuration nests past 4 */
#define MAX_NODES 200000
#define MAX_FILE (4 << 20)	/* bytes */
#define MAX_SECRET 4096		/* bytes of a secret_file */

enum ykind { Y_SCALAR, Y_MAP, Y_SEQ };

struct ynode {
	enum ykind kind;
	unsigned line, col;	/* 1-based */
	char *val;		/* scalar text */
	bool plain;		/* scalar written without quotes */
	struct ynode **kid;	/* map: key, value, key, value...; seq: items */
	size_t n, cap;
};

struct ctx {
	const char *path;
	char *dir;		/* directory of the file, "" for none */
	FILE *diag;
	unsigned errors;
	size_t nodes;
	struct config *c;
};

static void __attribute__((format(printf, 4, 5)))
diag(struct ctx *x, const char *sev, const struct ynode *at,
    const char *fmt, ...)
{
	va_list ap;

	if (strcmp(sev, "error") == 0)
		x->errors++;
	rda_fputs_safe(x->path, x->diag);
	if (at != NULL)
		fprintf(x->diag, ":%u:%u: %s: ", at->line, at->col, sev);
	else
		fprintf(x->diag, ": %s: ", sev);
	/* A value quoted in the message may hold any byte ("a\nb"). */
	va_start(ap, fmt);
	rda_vfprintf_safe(x->diag, fmt, ap);
	va_end(ap);
	putc('\n', x->diag);
}

#define ERR(x, at, ...) diag((x), "error", (at), __VA_ARGS__)

/* ---- building the tree ------------------------------------------------ */

static void
ynode_free(struct ynode *n)
{
	size_t i;

	if (n == NULL)
		return;
	for (i = 0; i < n->n; i++)
		ynode_free(n->kid[i]);
	free(n->kid);
	free(n->val);
	free(n);
}

static struct ynode *
ynode_new(struct ctx *x, enum ykind kind, const yaml_mark_t *m)
{
	struct ynode *n;

	if (++x->nodes > MAX_NODES)
		return NULL;
	if ((n = calloc(1, sizeof(*n))) == NULL)
		return NULL;
	n->kind = kind;
	n->line = (unsigned)m->line + 1;
	n->col = (unsigned)m->column + 1;
	return n;
}

static int
ynode_push(struct ynode *parent, struct ynode *kid)
{
	struct ynode **k;

	if (parent->n == parent->cap) {
		size_t cap = parent->cap ? parent->cap * 2 : 8;

		if ((k = realloc(parent->kid, cap * sizeof(*k))) == NULL)
			return RDA_ENOMEM;
		parent->kid = k;
		parent->cap = cap;
	}
	parent->kid[parent->n++] = kid;
	return 0;
}

static void
syntax_error(struct ctx *x, const yaml_parser_t *p)
{
	struct ynode at = {0};

	at.line = (unsigned)p->problem_mark.line + 1;
	at.col = (unsigned)p->problem_mark.column + 1;
	if (p->context != NULL)
		ERR(x, &at, "YAML syntax: %s %s (line %u column %u)",
		    p->problem ? p->problem : "error", p->context,
		    (unsigned)p->context_mark.line + 1,
		    (unsigned)p->context_mark.column + 1);
	else
		ERR(x, &at, "YAML syntax: %s", p->problem ? p->problem :
		    "error");
}

/* Handles one event: adds a node to the top of STACK, opens or closes a
 * collection.  Returns 1 to go on, 0 at the end of the stream, -1 on
 * error (reported). */
static int
event(struct ctx *x, const yaml_event_t *e, struct ynode **stack,
    int *depth, struct ynode **root)
{
	struct ynode *n = NULL;
	enum ykind kind;

	switch (e->type) {
	case YAML_STREAM_END_EVENT:
		return 0;
	case YAML_DOCUMENT_START_EVENT:
		if (*root != NULL) {
			struct ynode at = {0};

			at.line = (unsigned)e->start_mark.line + 1;
			at.col = (unsigned)e->start_mark.column + 1;
			ERR(x, &at, "a second YAML document: the "
			    "configuration is one document");
			return -1;
		}
		return 1;
	case YAML_ALIAS_EVENT: {
		struct ynode at = {0};

		at.line = (unsigned)e->start_mark.line + 1;
		at.col = (unsigned)e->start_mark.column + 1;
		ERR(x, &at, "YAML alias '*%s': aliases are not allowed in the "
		    "configuration (they can blow a small file up to any "
		    "size); write the value out", e->data.alias.anchor);
		return -1;
	}
	case YAML_SCALAR_EVENT:
		kind = Y_SCALAR;
		break;
	case YAML_MAPPING_START_EVENT:
		kind = Y_MAP;
		break;
	case YAML_SEQUENCE_START_EVENT:
		kind = Y_SEQ;
		break;
	case YAML_MAPPING_END_EVENT:
	case YAML_SEQUENCE_END_EVENT:
		(*depth)--;
		return 1;
	default:
		return 1;
	}
	if ((n = ynode_new(x, kind, &e->start_mark)) == NULL) {
		struct ynode at = {0};

		at.line = (unsigned)e->start_mark.line + 1;
		at.col = (unsigned)e->start_mark.column + 1;
		ERR(x, &at, x->nodes > MAX_NODES ? "more than %d values: "
		    "this is not a configuration file" : "out of memory",
		    MAX_NODES);
		return -1;
	}
	if (kind == Y_SCALAR) {
		n->val = strndup((const char *)e->data.scalar.value,
		    e->data.scalar.length);
		n->plain = e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		if (n->val == NULL || memchr(e->data.scalar.value, '\0',
		    e->data.scalar.length) != NULL) {
			ERR(x, n, n->val ? "a NUL byte in a value" :
			    "out of memory");
			ynode_free(n);
			return -1;
		}
	}
	if (*depth == 0)
		*root = n;
	else if (ynode_push(stack[*depth - 1], n) < 0) {
		ERR(x, n, "out of memory");
		ynode_free(n);
		return -1;
	}
	if (kind != Y_SCALAR) {
		if (*depth == MAX_DEPTH) {
			ERR(x, n, "values nested more than %d levels deep: "
			    "no setting of rdnsaudit nests like this",
			    MAX_DEPTH);
			return -1;
		}
		stack[(*depth)++] = n;
	}
	return 1;
}

/* Parses FP into a tree; NULL for an empty file.  Sets *OK. */
static struct ynode *
parse(struct ctx *x, FILE *fp, bool *ok)
{
	struct ynode *stack[MAX_DEPTH], *root = NULL;
	yaml_parser_t p;
	yaml_event_t e;
	int depth = 0, rc = 1;

	*ok = false;
	if (!yaml_parser_initialize(&p)) {
		ERR(x, NULL, "out of memory");
		return NULL;
	}
	yaml_parser_set_input_file(&p, fp);
	while (rc > 0) {
		if (!yaml_parser_parse(&p, &e)) {
			syntax_error(x, &p);
			rc = -1;
			break;
		}
		rc = event(x, &e, stack, &depth, &root);
		yaml_event_delete(&e);
	}
	yaml_parser_delete(&p);
	if (rc < 0) {
		ynode_free(root);
		return NULL;
	}
	*ok = true;
	return root;
}

/* ---- helpers for the walk --------------------------------------------- */

static unsigned
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	unsigned row[64], prev, tmp, best;

	if (la >= 64 || lb >= 64)
		return 99;
	for (j = 0; j <= lb; j++)
		row[j] = (unsigned)j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = (unsigned)i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			best = prev + (tolower((unsigned char)a[i - 1]) !=
			    tolower((unsigned char)b[j - 1]));
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = tmp;
		}
	}
	return row[lb];
}

const char *
config_closest(const char *word, const char *const *cands, size_t n)
{
	const char *best = NULL;
	unsigned d, bd = 99, limit;
	size_t i;

	limit = strlen(word) / 3 > 2 ? (unsigned)strlen(word) / 3 : 2;
	for (i = 0; i < n; i++)
		if ((d = distance(word, cands[i])) < bd) {
			bd = d;
			best = cands[i];
		}
	return bd <= limit ? best : NULL;
}

static const char *
kind_str(const struct ynode *n)
{
	if (n->kind == Y_MAP)
		return "a mapping";
	if (n->kind == Y_SEQ)
		return "a list";
	if (n->plain && (n->val[0] == '\0' || strcmp(n->val, "~") == 0 ||
	    strcmp(n->val, "null") == 0))
		return "nothing (null)";
	return "a single value";
}

/* A scalar that is not null, or NULL after an error about WHAT. */
static const char *
str(struct ctx *x, const struct ynode *n, const char *what)
{
	if (n->kind != Y_SCALAR || strcmp(kind_str(n), "a single value")) {
		ERR(x, n, "%s: expected a string, found %s", what, kind_str(n));
		return NULL;
	}
	return n->val;
}

static char *
dup_str(struct ctx *x, const struct ynode *n, const char *what)
{
	const char *s = str(x, n, what);
	char *d;

	if (s == NULL)
		return NULL;
	if ((d = strdup(s)) == NULL)
		ERR(x, n, "out of memory");
	return d;
}

/* One of the N words WORDS; returns its index or -1 after an error. */
static int
one_of(struct ctx *x, const struct ynode *n, const char *what,
    const char *const *words, size_t nw)
{
	const char *s = str(x, n, what), *near;
	char list[256] = "";
	size_t i;

	if (s == NULL)
		return -1;
	for (i = 0; i < nw; i++)
		if (strcmp(s, words[i]) == 0)
			return (int)i;
	for (i = 0; i < nw; i++)
		snprintf(list + strlen(list), sizeof(list) - strlen(list),
		    "%s%s", i ? (i + 1 == nw ? " or " : ", ") : "", words[i]);
	near = config_closest(s, words, nw);
	ERR(x, n, "%s: '%s' is not valid; expected %s%s%s%s", what, s, list,
	    near ? " (did you mean '" : "", near ? near : "",
	    near ? "'?)" : "");
	return -1;
}

/* A path in the configuration, relative to the configuration's own
 * directory. */
static char *
path_of(struct ctx *x, const struct ynode *n, const char *what)
{
	const char *s = str(x, n, what);
	char *p;

	if (s == NULL)
		return NULL;
	if (s[0] == '\0') {
		ERR(x, n, "%s: expected a file name, found an empty string",
		    what);
		return NULL;
	}
	if (s[0] == '/' || x->dir[0] == '\0')
		p = strdup(s);
	else if (asprintf(&p, "%s/%s", x->dir, s) < 0)
		p = NULL;
	if (p == NULL)
		ERR(x, n, "out of memory");
	return p;
}

/* A domain name: lower-cased into OUT (NAMES_TXT_MAX) with the trailing
 * dot.  Letters, digits, '-', '_' and '/' (RFC 2317 labels); no escapes.
 * Returns 0, or -1 after an error. */
static int
name_of(struct ctx *x, const struct ynode *n, const char *what, char *out)
{
	const char *s = str(x, n, what), *p, *why = NULL;
	size_t len, label = 0, i = 0;

	if (s == NULL)
		return -1;
	len = strlen(s);
	if (strcmp(s, ".") == 0) {
		strcpy(out, ".");
		return 0;
	}
	if (len == 0)
		why = "it is empty";
	else if (len > 254 || (len == 254 && s[253] != '.'))
		why = "it is longer than 253 characters";
	for (p = s; why == NULL && *p != '\0'; p++) {
		if (*p == '.') {
			if (label == 0)
				why = "it has an empty label ('..' or a "
				    "leading dot)";
			label = 0;
		} else if (isalnum((unsigned char)*p) || *p == '-' ||
		    *p == '_' || *p == '/') {
			if (++label > 63)
				why = "a label is longer than 63 characters";
		} else
			why = "only letters, digits, '-', '_' and '/' may be "
			    "in a label";
		if (why == NULL)
			out[i++] = (char)tolower((unsigned char)*p);
	}
	if (why != NULL) {
		ERR(x, n, "%s: '%s' is not a domain name: %s", what, s, why);
		return -1;
	}
	if (out[i - 1] != '.')
		out[i++] = '.';
	out[i] = '\0';
	return 0;
}

/* An address with an optional /length; with NEED_LEN the length is
 * required.  Returns 0, or -1 after an error. */
static int
prefix_of(struct ctx *x, const struct ynode *n, const char *what,
    bool need_len, struct addr *a, unsigned *plen)
{
	const char *s = str(x, n, what), *slash;
	char buf[64], abuf[NAMES_ADDR_TXT_MAX], *end;
	unsigned long len;
	unsigned max, i;

	if (s == NULL)
		return -1;
	slash = strchr(s, '/');
	if (strlen(s) >= sizeof(buf) || (slash == NULL && need_len)) {
		ERR(x, n, "%s: '%s' is not a prefix: expected ADDRESS/LENGTH, "
		    "such as 192.0.2.0/24 or 2001:db8::/48", what, s);
		return -1;
	}
	memcpy(buf, s, strlen(s) + 1);
	if (slash != NULL)
		buf[slash - s] = '\0';
	if (names_addr_parse(buf, a) < 0) {
		ERR(x, n, "%s: '%s' is not an IPv4 or IPv6 address%s", what,
		    buf, slash ? " with a /length" : "");
		return -1;
	}
	max = a->family == 4 ? 32 : 128;
	*plen = max;
	if (slash != NULL) {
		errno = 0;
		len = strtoul(slash + 1, &end, 10);
		if (!isdigit((unsigned char)slash[1]) || *end != '\0' ||
		    len > max) {
			ERR(x, n, "%s: '%s': the prefix length must be 0 to %u",
			    what, s, max);
			return -1;
		}
		*plen = (unsigned)len;
	}
	for (i = *plen; i < max; i++)
		if (a->b[i / 8] & (0x80 >> (i % 8))) {
			struct addr net = *a;

			for (i = *plen; i < max; i++)
				net.b[i / 8] &= (uint8_t)~(0x80 >> (i % 8));
			ERR(x, n, "%s: '%s' has bits set past the prefix length; "
			    "did you mean %s/%u?", what, s,
			    names_addr_fmt(&net, abuf), *plen);
			return -1;
		}
	return 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static long
days_from_civil(long y, unsigned m, unsigned d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
date_of(struct ctx *x, const struct ynode *n, const char *what, long *days)
{
	static const unsigned mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31};
	const char *s = str(x, n, what);
	unsigned y, m, d;
	int k = 0;

	if (s == NULL)
		return -1;
	if (strlen(s) != 10 || sscanf(s, "%4u-%2u-%2u%n", &y, &m, &d, &k) != 3 ||
	    k != 10 || s[4] != '-' || s[7] != '-' || !isdigit((unsigned
	    char)s[5]) || !isdigit((unsigned char)s[8]) || m < 1 || m > 12 ||
	    d < 1 || d > mdays[m - 1] || (m == 2 && d == 29 &&
	    (y % 4 != 0 || (y % 100 == 0 && y % 400 != 0)))) {
		ERR(x, n, "%s: '%s' is not a date: expected YYYY-MM-DD, such "
		    "as 2027-03-31", what, s);
		return -1;
	}
	*days = days_from_civil((long)y, m, d);
	return 0;
}

static void *
grow(struct ctx *x, const struct ynode *at, void *arr, size_t n, size_t size)
{
	void *p = realloc(arr, (n + 1) * size);

	if (p == NULL) {
		ERR(x, at, "out of memory");
		return NULL;
	}
	memset((char *)p + n * size, 0, size);
	return p;
}

/* ---- the schema ------------------------------------------------------- */

struct key {
	const char *name;
	bool required;
	void (*fn)(struct ctx *x, const struct ynode *v, void *obj);
};

/* Walks map N with the keys KEYS: unknown keys (with the closest valid one
 * suggested), duplicate keys, missing required keys.  WHAT names the
 * object in messages ("a zone").  SEEN (NK entries) receives the value of
 * each key or NULL. */
static void
walk(struct ctx *x, const struct ynode *n, const char *what,
    const struct key *keys, size_t nk, void *obj, const struct ynode **seen)
{
	const char *names[32], *near;
	size_t i, k;

	for (k = 0; k < nk; k++) {
		names[k] = keys[k].name;
		seen[k] = NULL;
	}
	if (n->kind != Y_MAP) {
		ERR(x, n, "%s: expected a mapping (key: value lines), found %s",
		    what, kind_str(n));
		return;
	}
	for (i = 0; i + 1 < n->n; i += 2) {
		const struct ynode *key = n->kid[i], *v = n->kid[i + 1];

		if (key->kind != Y_SCALAR) {
			ERR(x, key, "%s: a key must be a plain word, found %s",
			    what, kind_str(key));
			continue;
		}
		for (k = 0; k < nk; k++)
			if (strcmp(key->val, keys[k].name) == 0)
				break;
		if (k == nk) {
			near = config_closest(key->val, names, nk);
			ERR(x, key, "unknown key '%s' in %s%s%s%s", key->val,
			    what, near ? "; did you mean '" : "",
			    near ? near : "", near ? "'?" : "");
			continue;
		}
		if (seen[k] != NULL) {
			ERR(x, key, "duplicate key '%s' in %s (first at line "
			    "%u)", key->val, what, seen[k]->line);
			continue;
		}
		seen[k] = v;
		if (keys[k].fn != NULL)
			keys[k].fn(x, v, obj);
	}
	for (k = 0; k < nk; k++)
		if (keys[k].required && seen[k] == NULL)
			ERR(x, n, "%s needs '%s'", what, keys[k].name);
}

static const struct ynode *
seq(struct ctx *x, const struct ynode *n, const char *what)
{
	if (n->kind != Y_SEQ) {
		ERR(x, n, "'%s': expected a list (lines starting with '- '), "
		    "found %s", what, kind_str(n));
		return NULL;
	}
	return n;
}

/* zones: */

struct zone_tmp {
	char origin[NAMES_TXT_MAX];
	bool has_origin;
	char *file;
	struct config_axfr axfr;
	bool has_axfr;
	const struct ynode *keynode;
};

static void
z_origin(struct ctx *x, const struct ynode *v, void *obj)
{
	struct zone_tmp *z = obj;

	z->has_origin = name_of(x, v, "zone origin", z->origin) == 0;
}

static void
z_file(struct ctx *x, const struct ynode *v, void *obj)
{
	((struct zone_tmp *)obj)->file = path_of(x, v, "zone file");
}

static void
a_server(struct ctx *x, const struct ynode *v, void *obj)
{
	struct zone_tmp *z = obj;
	struct addr a;
	const char *s = str(x, v, "axfr server");

	if (s == NULL)
		return;
	if (names_addr_parse(s, &a) < 0) {
		ERR(x, v, "axfr server: '%s' is not an IPv4 or IPv6 address",
		    s);
		return;
	}
	z->axfr.server = strdup(s);
}

static void
a_port(struct ctx *x, const struct ynode *v, void *obj)
{
	struct zone_tmp *z = obj;
	const char *s = str(x, v, "axfr port");
	char *end;
	unsigned long p;

	if (s == NULL)
		return;
	p = strtoul(s, &end, 10);
	if (!v->plain || !isdigit((unsigned char)s[0]) || *end != '\0' ||
	    p < 1 || p > 65535) {
		ERR(x, v, "axfr port: expected a number from 1 to 65535, "
		    "found '%s'", s);
		return;
	}
	z->axfr.port = (unsigned)p;
}

static void
a_key(struct ctx *x, const struct ynode *v, void *obj)
{
	struct zone_tmp *z = obj;

	z->axfr.key = dup_str(x, v, "axfr key");
	z->keynode = v;
}

static void
z_axfr(struct ctx *x, const struct ynode *v, void *obj)
{
	static const struct key keys[] = {
		{"server", true, a_server}, {"port", false, a_port},
		{"key", false, a_key},
	};
	const struct ynode *seen[3];
	struct zone_tmp *z = obj;

	z->has_axfr = true;
	z->axfr.port = 53;
	walk(x, v, "an axfr source", keys, 3, z, seen);
}

/* Where each zone was declared, to name both places of a duplicate. */
struct origins {
	char (*name)[NAMES_TXT_MAX];
	unsigned *line;
	size_t n;
};

static void
zone_item(struct ctx *x, const struct ynode *item, struct origins *seen)
{
	static const struct key keys[] = {
		{"origin", true, z_origin}, {"file", false, z_file},
		{"axfr", false, z_axfr},
	};
	const struct ynode *v[3];
	struct zone_tmp z = {0};
	struct config *c = x->c;
	size_t i;
	void *p;

	walk(x, item, "a zone", keys, 3, &z, v);
	if (item->kind == Y_MAP && (v[1] != NULL) == (v[2] != NULL))
		ERR(x, item, "a zone needs exactly one of 'file' (a master "
		    "file) and 'axfr' (a transfer)");
	if (z.has_origin) {
		for (i = 0; i < seen->n; i++)
			if (strcmp(seen->name[i], z.origin) == 0)
				ERR(x, v[0], "duplicate zone '%s' (first "
				    "declared at line %u)", z.origin,
				    seen->line[i]);
		if ((p = realloc(seen->name, (seen->n + 1) *
		    sizeof(*seen->name))) != NULL)
			seen->name = p;
		if (p != NULL && (p = realloc(seen->line, (seen->n + 1) *
		    sizeof(*seen->line))) != NULL) {
			seen->line = p;
			memcpy(seen->name[seen->n], z.origin, NAMES_TXT_MAX);
			seen->line[seen->n++] = v[0]->line;
		}
	}
	if (x->errors == 0 && z.file != NULL &&
	    (p = grow(x, item, c->zones, c->nzones, sizeof(*c->zones)))) {
		c->zones = p;
		c->zones[c->nzones].origin = strdup(z.origin);
		c->zones[c->nzones++].file = z.file;
		z.file = NULL;
	} else if (x->errors == 0 && z.has_axfr &&
	    (p = grow(x, item, c->axfr, c->naxfr, sizeof(*c->axfr)))) {
		c->axfr = p;
		z.axfr.origin = strdup(z.origin);
		c->axfr[c->naxfr++] = z.axfr;
		memset(&z.axfr, 0, sizeof(z.axfr));
	}
	free(z.file);
	free(z.axfr.server);
	free(z.axfr.key);
}

static void
t_zones(struct ctx *x, const struct ynode *v, void *obj)
{
	struct origins seen = {0};
	size_t i;

	if (seq(x, v, "zones") == NULL)
		return;
	for (i = 0; i < v->n; i++)
		zone_item(x, v->kid[i], &seen);
	free(seen.name);
	free(seen.line);
}

/* tsig_keys: */

/* RFC 4648 base64 with padding; blanks allowed between groups as BIND
 * key files have them.  The secret itself never appears in a message. */
static bool
base64_ok(const char *s)
{
	size_t n = 0, pad = 0;

	for (; *s != '\0'; s++) {
		if (isspace((unsigned char)*s))
			continue;
		if (*s == '=') {
			pad++;
		} else if (pad > 0 || !(isalnum((unsigned char)*s) ||
		    *s == '+' || *s == '/'))
			return false;
		n++;
	}
	return n > 0 && n % 4 == 0 && pad <= 2 && n > pad;
}

struct key_tmp {
	struct config_tsig k;
	char name[NAMES_TXT_MAX];
	bool has_name;
};

static void
k_name(struct ctx *x, const struct ynode *v, void *obj)
{
	struct key_tmp *k = obj;

	k->has_name = name_of(x, v, "key name", k->name) == 0;
}

static void
k_algorithm(struct ctx *x, const struct ynode *v, void *obj)
{
	static const char *const ok[] = {"hmac-md5", "hmac-sha1",
	    "hmac-sha256", "hmac-sha512"};
	struct key_tmp *k = obj;
	const char *s = str(x, v, "key algorithm"), *near;
	char a[64];
	size_t len, i;

	if (s == NULL)
		return;
	len = strlen(s);
	if (len >= sizeof(a))
		len = sizeof(a) - 1;
	for (i = 0; i < len; i++)
		a[i] = (char)tolower((unsigned char)s[i]);
	a[len] = '\0';
	if (len > 0 && a[len - 1] == '.')
		a[len - 1] = '\0';
	if (strcmp(a, "hmac-md5.sig-alg.reg.int") == 0)
		a[8] = '\0';
	/* LDNS.md 6.3: ldns 1.8.3 compares against the typo "hmac-shac384."
	 * and has no hmac-sha224 at all: signing fails at transfer time. */
	if (strcmp(a, "hmac-sha384") == 0 || strcmp(a, "hmac-sha224") == 0) {
		ERR(x, v, "key algorithm: %s cannot be used: ldns 1.8.3, "
		    "which signs the transfer, does not implement it; use "
		    "hmac-sha256 or hmac-sha512", a);
		return;
	}
	for (i = 0; i < 4; i++)
		if (strcmp(a, ok[i]) == 0) {
			k->k.algorithm = strdup(i == 0 ?
			    "hmac-md5.sig-alg.reg.int" : ok[i]);
			return;
		}
	near = config_closest(a, ok, 4);
	ERR(x, v, "key algorithm: unknown TSIG algorithm '%s'; expected "
	    "hmac-sha256, hmac-sha512, hmac-sha1 or hmac-md5%s%s%s", s,
	    near ? " (did you mean '" : "", near ? near : "",
	    near ? "'?)" : "");
}

static void
k_secret(struct ctx *x, const struct ynode *v, void *obj)
{
	struct key_tmp *k = obj;
	const char *s = str(x, v, "key secret");

	if (s == NULL)
		return;
	if (!base64_ok(s)) {
		ERR(x, v, "key secret: expected base64 (A-Z, a-z, 0-9, '+', "
		    "'/', '=' padding, a multiple of 4 characters), as "
		    "tsig-keygen writes it");
		return;
	}
	k->k.secret = strdup(s);
}

/* Reads a secret_file.  The content is never printed, whatever it is: the
 * path might lead (through a symlink) to any file the user can read. */
static void
k_secret_file(struct ctx *x, const struct ynode *v, void *obj)
{
	struct key_tmp *k = obj;
	char *path = path_of(x, v, "key secret_file"), *buf = NULL;
	struct stat st;
	ssize_t got;
	int fd = -1;

	if (path == NULL)
		return;
	/* O_NONBLOCK: a FIFO must not hang the audit. */
	if ((fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK)) < 0 ||
	    fstat(fd, &st) < 0) {
		ERR(x, v, "key secret_file: cannot read '%s': %s", path,
		    strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		ERR(x, v, "key secret_file: '%s' is not a regular file", path);
		goto out;
	}
	if (st.st_mode & S_IROTH)
		diag(x, "warning", v, "key secret_file: '%s' is readable by "
		    "every user (mode %04o); chmod o-r it", path,
		    (unsigned)(st.st_mode & 07777));
	if (st.st_size > MAX_SECRET) {
		ERR(x, v, "key secret_file: '%s' is %lld bytes, too large to "
		    "hold one base64 TSIG secret (its content is not shown)",
		    path, (long long)st.st_size);
		goto out;
	}
	if ((buf = calloc(1, MAX_SECRET + 1)) == NULL ||
	    (got = read(fd, buf, MAX_SECRET)) < 0) {
		ERR(x, v, "key secret_file: cannot read '%s': %s", path,
		    buf ? strerror(errno) : "out of memory");
		goto out;
	}
	buf[got] = '\0';
	if (memchr(buf, '\0', (size_t)got) != NULL || !base64_ok(buf)) {
		ERR(x, v, "key secret_file: '%s' does not hold a base64 TSIG "
		    "secret (its content is not shown)", path);
		goto out;
	}
	buf[strcspn(buf, "\r\n")] = '\0';
	k->k.secret = strdup(buf);
out:
	if (buf != NULL)
		explicit_bzero(buf, MAX_SECRET + 1);
	free(buf);
	if (fd >= 0)
		close(fd);
	free(path);
}

static void
key_item(struct ctx *x, const struct ynode *item)
{
	static const struct key keys[] = {
		{"name", true, k_name}, {"algorithm", true, k_algorithm},
		{"secret", false, k_secret},
		{"secret_file", false, k_secret_file},
	};
	const struct ynode *v[4];
	struct key_tmp k = {0};
	struct config *c = x->c;
	size_t i;
	void *p;

	walk(x, item, "a TSIG key", keys, 4, &k, v);
	if (item->kind == Y_MAP && (v[2] != NULL) == (v[3] != NULL))
		ERR(x, item, "a TSIG key needs exactly one of 'secret' and "
		    "'secret_file'");
	for (i = 0; k.has_name && i < c->nkeys; i++)
		if (strcmp(c->keys[i].name, k.name) == 0)
			ERR(x, v[0], "duplicate TSIG key '%s'", k.name);
	if (x->errors == 0 &&
	    (p = grow(x, item, c->keys, c->nkeys, sizeof(*c->keys)))) {
		c->keys = p;
		k.k.name = strdup(k.name);
		c->keys[c->nkeys++] = k.k;
		return;
	}
	free(k.k.algorithm);
	if (k.k.secret != NULL)
		explicit_bzero(k.k.secret, strlen(k.k.secret));
	free(k.k.secret);
}

static void
t_keys(struct ctx *x, const struct ynode *v, void *obj)
{
	size_t i;

	if (seq(x, v, "tsig_keys") == NULL)
		return;
	for (i = 0; i < v->n; i++)
		key_item(x, v->kid[i]);
}

/* networks: */

static void
n_prefix(struct ctx *x, const struct ynode *v, void *obj)
{
	struct network *n = obj;

	if (prefix_of(x, v, "network prefix", true, &n->prefix, &n->len) < 0)
		n->len = 0;
}

static void
n_holder(struct ctx *x, const struct ynode *v, void *obj)
{
	static const char *const w[] = {"self", "isp"};
	struct network *n = obj;
	int i = one_of(x, v, "network holder", w, 2);

	n->holder = i == 1 ? HOLDER_ISP : HOLDER_SELF;
}

static void
n_contact(struct ctx *x, const struct ynode *v, void *obj)
{
	((struct network *)obj)->contact = dup_str(x, v, "network contact");
}

static void
n_note(struct ctx *x, const struct ynode *v, void *obj)
{
	((struct network *)obj)->note = dup_str(x, v, "network note");
}

static void
t_networks(struct ctx *x, const struct ynode *v, void *obj)
{
	static const struct key keys[] = {
		{"prefix", true, n_prefix}, {"holder", true, n_holder},
		{"contact", false, n_contact}, {"note", false, n_note},
	};
	const struct ynode *seen[4];
	struct policy *pol = &x->c->policy;
	size_t i;
	void *p;

	if (seq(x, v, "networks") == NULL)
		return;
	for (i = 0; i < v->n; i++) {
		if ((p = grow(x, v->kid[i], pol->networks, pol->nnetworks,
		    sizeof(*pol->networks))) == NULL)
			return;
		pol->networks = p;
		walk(x, v->kid[i], "a network", keys, 4,
		    &pol->networks[pol->nnetworks++], seen);
	}
}

/* mail_hosts: */

static void
t_mail(struct ctx *x, const struct ynode *v, void *obj)
{
	struct policy *pol = &x->c->policy;
	char name[NAMES_TXT_MAX];
	size_t i;
	void *p;

	if (seq(x, v, "mail_hosts") == NULL)
		return;
	for (i = 0; i < v->n; i++) {
		if (name_of(x, v->kid[i], "mail host", name) < 0)
			continue;
		if ((p = grow(x, v->kid[i], pol->mail_hosts, pol->nmail_hosts,
		    sizeof(*pol->mail_hosts))) == NULL)
			return;
		pol->mail_hosts = p;
		pol->mail_hosts[pol->nmail_hosts++] = strdup(name);
	}
}

/* generic_words: the pool words of ptr-generic (core/generic.c), in place
 * of the built-in list. */

static void
t_generic(struct ctx *x, const struct ynode *v, void *obj)
{
	struct policy *pol = &x->c->policy;
	char err[256];
	const char *w;
	size_t i;
	int rc;

	(void)obj;
	if (seq(x, v, "generic_words") == NULL)
		return;
	for (i = 0; i < v->n; i++) {
		if ((w = str(x, v->kid[i], "generic word")) == NULL)
			continue;
		rc = cliopt_generic_word(pol, w, err, sizeof(err));
		if (rc == RDA_EINVAL)
			ERR(x, v->kid[i], "a generic word takes letters, digits "
			    "and '-', not '%s'", w);
		else if (rc < 0)
			ERR(x, v->kid[i], "out of memory");
	}
}

/* checks: */

static const char **
check_ids(void)
{
	static const char *ids[64];
	unsigned i;

	for (i = 0; i < nchecks && i < 64; i++)
		ids[i] = checks[i].id;
	return ids;
}

static int
check_of(struct ctx *x, const struct ynode *v, const char *what)
{
	const char *s = str(x, v, what), *near;
	int i;

	if (s == NULL)
		return -1;
	if ((i = checks_find(s)) >= 0)
		return i;
	near = config_closest(s, check_ids(), nchecks);
	ERR(x, v, "%s: unknown check '%s'%s%s%s (rdnsaudit --list-checks "
	    "lists them)", what, s, near ? "; did you mean '" : "",
	    near ? near : "", near ? "'?" : "");
	return -1;
}

static void
t_checks(struct ctx *x, const struct ynode *v, void *obj)
{
	static const char *const sevs[] = {"info", "warning", "error", "off"};
	struct config *c = x->c;
	size_t i, k;
	int id, s;
	void *p;

	if (v->kind != Y_MAP) {
		ERR(x, v, "'checks': expected a mapping of check ids to "
		    "error, warning, info or off, found %s", kind_str(v));
		return;
	}
	for (i = 0; i + 1 < v->n; i += 2) {
		if ((id = check_of(x, v->kid[i], "checks")) < 0)
			continue;
		for (k = 0; k < c->nsev; k++)
			if (c->sev[k].check == id)
				ERR(x, v->kid[i], "duplicate key '%s' in "
				    "'checks'", checks[id].id);
		if ((s = one_of(x, v->kid[i + 1], "check severity", sevs,
		    4)) < 0)
			continue;
		if ((p = grow(x, v, c->sev, c->nsev, sizeof(*c->sev))) == NULL)
			return;
		c->sev = p;
		c->sev[c->nsev].check = id;
		c->sev[c->nsev++].sev = (enum sev)s;
	}
}

/* ignore: */

static void
i_check(struct ctx *x, const struct ynode *v, void *obj)
{
	((struct ignore_rule *)obj)->check = check_of(x, v, "ignore check");
}

static void
i_address(struct ctx *x, const struct ynode *v, void *obj)
{
	struct ignore_rule *r = obj;

	r->has_addr = prefix_of(x, v, "ignore address", false, &r->addr,
	    &r->plen) == 0;
}

static void
i_name(struct ctx *x, const struct ynode *v, void *obj)
{
	struct ignore_rule *r = obj;
	struct ynode tmp;
	char name[NAMES_TXT_MAX];

	if (v->kind == Y_SCALAR && strncmp(v->val, "*.", 2) == 0) {
		/* "*.example.com": the names below example.com */
		tmp = *v;
		tmp.val = v->val + 2;
		r->suffix = true;
		if (name_of(x, &tmp, "ignore name", name) == 0)
			r->name = strdup(name);
	} else if (name_of(x, v, "ignore name", name) == 0)
		r->name = strdup(name);
}

static void
i_reason(struct ctx *x, const struct ynode *v, void *obj)
{
	struct ignore_rule *r = obj;
	const char *s = str(x, v, "ignore reason");
	const char *p;

	if (s == NULL)
		return;
	for (p = s; isspace((unsigned char)*p); p++)
		;
	if (*p == '\0') {
		ERR(x, v, "ignore reason: expected a sentence saying why "
		    "this is accepted, found an empty string");
		return;
	}
	r->reason = strdup(s);
}

static void
i_until(struct ctx *x, const struct ynode *v, void *obj)
{
	struct ignore_rule *r = obj;

	if (date_of(x, v, "ignore until", &r->until) == 0)
		snprintf(r->until_txt, sizeof(r->until_txt), "%s", v->val);
}

static void
t_ignore(struct ctx *x, const struct ynode *v, void *obj)
{
	static const struct key keys[] = {
		{"check", true, i_check}, {"address", false, i_address},
		{"name", false, i_name}, {"reason", true, i_reason},
		{"until", false, i_until},
	};
	const struct ynode *seen[5];
	struct config *c = x->c;
	struct ignore_rule *r;
	size_t i;
	void *p;

	if (seq(x, v, "ignore") == NULL)
		return;
	for (i = 0; i < v->n; i++) {
		if ((p = grow(x, v->kid[i], c->ignore, c->nignore,
		    sizeof(*c->ignore))) == NULL)
			return;
		c->ignore = p;
		r = &c->ignore[c->nignore++];
		r->check = -1;
		r->until = -1;
		r->file = c->path;
		r->line = v->kid[i]->line;
		r->col = v->kid[i]->col;
		walk(x, v->kid[i], "an ignore rule", keys, 5, r, seen);
		if (v->kid[i]->kind == Y_MAP && seen[1] == NULL &&
		    seen[2] == NULL)
			ERR(x, v->kid[i], "an ignore rule needs 'address' "
			    "(an address or prefix) or 'name' (a name, or "
			    "*.suffix for the names below it), or both");
	}
}

/* An axfr 'key' names a TSIG key of the configuration; it is stored
 * under the key's own spelling. */
static void
check_key_ref(struct ctx *x, const struct ynode *v, char **ref)
{
	struct config *c = x->c;
	const char *names[64];
	const char *near;
	char name[NAMES_TXT_MAX];
	size_t i;

	if (name_of(x, v, "axfr key", name) < 0)
		return;
	for (i = 0; i < c->nkeys; i++)
		if (strcmp(c->keys[i].name, name) == 0) {
			free(*ref);
			*ref = strdup(c->keys[i].name);
			return;
		}
	for (i = 0; i < c->nkeys && i < 64; i++)
		names[i] = c->keys[i].name;
	near = config_closest(name, names, i);
	ERR(x, v, "axfr key: no TSIG key named '%s' in 'tsig_keys'%s%s%s",
	    name, near ? "; did you mean '" : "", near ? near : "",
	    near ? "'?" : "");
}

/* top level */

static void
t_fail_on(struct ctx *x, const struct ynode *v, void *obj)
{
	static const char *const w[] = {"info", "warning", "error", "never"};
	int i = one_of(x, v, "fail_on", w, 4);

	if (i >= 0) {
		x->c->has_fail_on = true;
		x->c->fail_on = (enum sev)i;	/* never = 3 = SEV_OFF */
	}
}

static void
t_format(struct ctx *x, const struct ynode *v, void *obj)
{
	static const char *const w[] = {"text", "json", "sarif", "github",
	    "html", "fixlist", "fixlist-csv"};

	if (one_of(x, v, "format", w, sizeof(w) / sizeof(w[0])) >= 0)
		x->c->format = strdup(v->val);
}

static void
t_named_conf(struct ctx *x, const struct ynode *v, void *obj)
{
	x->c->named_conf = path_of(x, v, "named_conf");
}

static void
top(struct ctx *x, const struct ynode *root)
{
	static const struct key keys[] = {
		{"zones", false, t_zones}, {"tsig_keys", false, t_keys},
		{"networks", false, t_networks}, {"mail_hosts", false, t_mail},
		{"checks", false, t_checks}, {"ignore", false, t_ignore},
		{"fail_on", false, t_fail_on}, {"format", false, t_format},
		{"named_conf", false, t_named_conf},
		{"generic_words", false, t_generic},
	};
	const struct ynode *seen[10];
	struct config *c = x->c;
	size_t i, k, n;

	walk(x, root, "the configuration", keys, 10, NULL, seen);
	/* An axfr key must name a TSIG key, wherever the keys are; the
	 * zones were stored in order, so the Nth axfr source is C->axfr[N]
	 * (only checked on an otherwise clean file, when all are stored). */
	if (x->errors > 0 || seen[0] == NULL || seen[0]->kind != Y_SEQ)
		return;
	for (i = 0, n = 0; i < seen[0]->n; i++) {
		const struct ynode *z = seen[0]->kid[i], *a = NULL, *key = NULL;

		for (k = 0; k + 1 < z->n; k += 2)
			if (strcmp(z->kid[k]->val, "axfr") == 0)
				a = z->kid[k + 1];
		if (a == NULL)
			continue;
		for (k = 0; k + 1 < a->n; k += 2)
			if (strcmp(a->kid[k]->val, "key") == 0)
				key = a->kid[k + 1];
		if (key != NULL && n < c->naxfr)
			check_key_ref(x, key, &c->axfr[n].key);
		n++;
	}
}

void
config_free(struct config *c)
{
	size_t i;

	for (i = 0; i < c->nzones; i++) {
		free(c->zones[i].origin);
		free(c->zones[i].file);
	}
	free(c->zones);
	for (i = 0; i < c->naxfr; i++) {
		free(c->axfr[i].origin);
		free(c->axfr[i].server);
		free(c->axfr[i].key);
	}
	free(c->axfr);
	for (i = 0; i < c->nkeys; i++) {
		free(c->keys[i].name);
		free(c->keys[i].algorithm);
		if (c->keys[i].secret != NULL)
			explicit_bzero(c->keys[i].secret,
			    strlen(c->keys[i].secret));
		free(c->keys[i].secret);
	}
	free(c->keys);
	cliopt_clear(&c->policy);
	free(c->sev);
	for (i = 0; i < c->nignore; i++) {
		free(c->ignore[i].name);
		free(c->ignore[i].reason);
	}
	free(c->ignore);
	free(c->named_conf);
	free(c->format);
	free(c->path);
	memset(c, 0, sizeof(*c));
}

int
config_load(const char *path, struct config *c, FILE *diagout)
{
	struct ctx x = {0};
	struct ynode *root = NULL;
	struct stat st;
	const char *slash;
	FILE *fp;
	bool ok;

	memset(c, 0, sizeof(*c));
	x.path = path;
	x.diag = diagout;
	x.c = c;
	if ((fp = fopen(path, "r")) == NULL || fstat(fileno(fp), &st) < 0) {
		fprintf(diagout, "%s: error: cannot read the configuration: "
		    "%s\n", path, strerror(errno));
		if (fp != NULL)
			fclose(fp);
		return -1;
	}
	if (!S_ISREG(st.st_mode) || st.st_size > MAX_FILE) {
		ERR(&x, NULL, "%s", S_ISREG(st.st_mode) ? "larger than 4 MiB: "
		    "this is not a configuration file" : "not a regular file");
		fclose(fp);
		return -1;
	}
	slash = strrchr(path, '/');
	x.dir = slash == NULL ? strdup("") : strndup(path,
	    (size_t)(slash - path) + (slash == path));
	c->path = strdup(path);
	if (x.dir == NULL || c->path == NULL)
		ERR(&x, NULL, "out of memory");
	else if ((root = parse(&x, fp, &ok)) != NULL)
		top(&x, root);
	fclose(fp);
	ynode_free(root);
	free(x.dir);
	if (x.errors > 0) {
		fprintf(diagout, "%s: %u error%s in the configuration; nothing "
		    "was audited\n", path, x.errors, x.errors == 1 ? "" : "s");
		config_free(c);
		return -1;
	}
	return 0;
}
