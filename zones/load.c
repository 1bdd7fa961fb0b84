/* load.c -- master files into the model; see load.h.
 *
 * Directives are ours ($ORIGIN, $TTL, $INCLUDE, $GENERATE, any case, as in
 * BIND); each record goes through ldns_rr_new_frm_str() after the checks
 * that ldns 1.8.3 gets wrong have been made on its text.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ldns/ldns.h>

#include "core/err.h"
#include "zones/fast.h"
#include "zones/gen.h"
#include "zones/load.h"
#include "zones/pipe.h"
#include "zones/reader.h"
#include "zones/txt.h"

#define TOKEN_MAX 1024

struct frame {			/* one open file of the $INCLUDE stack */
	dev_t dev;
	ino_t ino;
	const char *path;
};

struct ctx {
	struct model *m;
	const struct load_opts *o;
	struct load_stats st;
	uint32_t zone;
	ldns_rdf *apex;
	ldns_rdf *origin;	/* current $ORIGIN (set_origin()) */
	bool origin_in_zone;	/* origin is the apex or below it */
	ldns_rdf *prev;		/* previous owner, for blank owners */
	bool prev_own;		/* prev's data is a 256-byte buffer of ours,
				 * rewritten in place by the fast path */
	uint32_t dflt_ttl;	/* $TTL */
	bool have_dflt;
	uint32_t last_ttl;	/* RFC 1035 §5.1: the last stated TTL */
	bool have_last;
	unsigned soa_line;
	const char *soa_file;
	ldns_rr *soa;		/* the zone's SOA, to recognise a copy */
	struct frame stack[64];
	unsigned depth;
	bool stop;
	char *genbuf;
	struct pipe *pipe;	/* to the model builder, while loading */
	uint64_t ticks;		/* records and directives read, for progress */
};

/* A diagnostic goes through the pipe while there is one, so that it
 * comes out in file order with the builder's own. */
static void
emit(struct ctx *c, enum diag_sev sev, bool count, const char *file,
    unsigned line, const char *msg)
{
	if (c->pipe != NULL)
		pipe_diag(c->pipe, sev, count, file, line, msg);
	else if (c->o->diag != NULL)
		c->o->diag(c->o->ctx, sev, file, line, msg);
}

static void
diag(struct ctx *c, enum diag_sev sev, const char *file, unsigned line,
    const char *fmt, ...)
{
	char msg[2048];
	va_list ap;

	if (sev == DIAG_ERROR) {
		if (c->stop)
			return;
		c->st.errors++;
	} else
		c->st.warnings++;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	emit(c, sev, true, file, line, msg);
	if (sev == DIAG_ERROR && c->st.errors >= c->o->max_errors) {
		emit(c, DIAG_ERROR, false, file, line,
		    "too many errors; giving up on this zone");
		c->stop = true;
	}
}

static const char *
ldns_msg(ldns_status s)
{
	/* ldns_get_errorstr_by_id() is NULL for codes it does not know. */
	const char *t = ldns_get_errorstr_by_id(s);

	return t != NULL ? t : "unknown ldns error";
}

/* Copies the next blank-separated token of *P (backslash escapes kept
 * with the token) to OUT; returns its length, 0 at the end. */
static size_t
token(const char **p, char *out, size_t outlen)
{
	const char *s = *p;
	size_t n = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	while (*s != '\0' && *s != ' ' && *s != '\t') {
		if (*s == '\\' && s[1] != '\0') {
			if (n + 2 < outlen) {
				out[n++] = s[0];
				out[n++] = s[1];
			}
			s += 2;
			continue;
		}
		if (n + 1 < outlen)
			out[n++] = *s;
		s++;
	}
	out[n] = '\0';
	*p = s;
	return n;
}

int
load_ttl_parse(const char *s, uint32_t *ttl)
{
	uint64_t total = 0, num;
	bool unit = false;
	const char *p = s;

	if (*p == '\0')
		return RDA_ESYNTAX;
	while (*p != '\0') {
		if (!isdigit((unsigned char)*p))
			return RDA_ESYNTAX;
		for (num = 0; isdigit((unsigned char)*p); p++) {
			num = num * 10 + (uint64_t)(*p - '0');
			if (num > UINT32_MAX)
				return RDA_ESYNTAX;
		}
		switch (tolower((unsigned char)*p)) {
		case 'w': num *= 604800; break;
		case 'd': num *= 86400; break;
		case 'h': num *= 3600; break;
		case 'm': num *= 60; break;
		case 's': break;
		case '\0':
			/* A bare number is only allowed alone: BIND
			 * rejects "1h30". */
			if (unit)
				return RDA_ESYNTAX;
			total = num;
			goto done;
		default:
			return RDA_ESYNTAX;
		}
		unit = true;
		p++;
		total += num;
		if (total > UINT32_MAX)
			return RDA_ESYNTAX;
	}
done:
	/* RFC 2181 §8: TTLs over 2^31-1 are taken as 0, as BIND does. */
	if (total > 2147483647u) {
		*ttl = 0;
		return 1;
	}
	*ttl = (uint32_t)total;
	return 0;
}

static bool
is_class(const char *t)
{
	size_t n = strlen(t);

	/* Most tokens seen here are types (A, AAAA, PTR) and TTLs: the
	 * length and one byte rule them out before any string compare. */
	if (n != 2 && n != 3 && n != 4 && n < 6)
		return false;
	switch (t[0] | 0x20) {
	case 'i':
		return strcasecmp(t, "IN") == 0;
	case 'h':
		return strcasecmp(t, "HS") == 0;
	case 'n':
		return strcasecmp(t, "NONE") == 0;
	case 'a':
		return strcasecmp(t, "ANY") == 0;
	case 'c':
		break;
	default:
		return false;
	}
	return strcasecmp(t, "IN") == 0 || strcasecmp(t, "CH") == 0 ||
	    strcasecmp(t, "CS") == 0 || strcasecmp(t, "HS") == 0 ||
	    strcasecmp(t, "NONE") == 0 || strcasecmp(t, "ANY") == 0 ||
	    (strncasecmp(t, "CLASS", 5) == 0 && isdigit((unsigned char)t[5]));
}

/* Whether TEXT ends with an unescaped dot, i.e. is an absolute name. */
static bool
absolute(const char *text)
{
	size_t n = strlen(text), bs = 0;

	if (n == 0 || text[n - 1] != '.')
		return false;
	while (bs + 1 < n && text[n - 2 - bs] == '\\')
		bs++;
	return bs % 2 == 0;
}

/* TEXT as a name relative to the current origin (RFC 1035 §5.1), "@" for
 * the origin itself.  Returns a new rdf, or NULL with a reason in WHY. */
static ldns_rdf *
name_at(struct ctx *c, const char *text, const char **why)
{
	ldns_rdf *rel = NULL, *out;
	ldns_status s;

	if (strcmp(text, "@") == 0)
		return ldns_rdf_clone(c->origin);
	s = ldns_str2rdf_dname(&rel, text);
	if (s != LDNS_STATUS_OK) {
		*why = ldns_msg(s);
		return NULL;
	}
	if (absolute(text))
		return rel;
	/* ldns made "sub" into "sub."; put the origin after it. */
	if (ldns_rdf_size(rel) + ldns_rdf_size(c->origin) - 1 > 255) {
		ldns_rdf_deep_free(rel);
		*why = "name longer than 255 bytes";
		return NULL;
	}
	out = ldns_dname_cat_clone(rel, c->origin);
	ldns_rdf_deep_free(rel);
	if (out == NULL)
		*why = "out of memory";
	return out;
}

/* Why the name TEXT, relative to the current origin, is too long, or NULL.
 * ldns 1.8.3 reports an overlong name in a record as a bare "Syntax error",
 * and appends the origin to a relative name without checking the total
 * (RFC 1035 §2.3.4: labels of 63 bytes, names of 255). */
static const char *
name_too_long(struct ctx *c, const char *text)
{
	ldns_rdf *rel = NULL;
	ldns_status s;
	const char *why = NULL;

	s = ldns_str2rdf_dname(&rel, text);
	if (s == LDNS_STATUS_LABEL_OVERFLOW)
		why = "a label is longer than 63 bytes";
	else if (s == LDNS_STATUS_DOMAINNAME_OVERFLOW)
		why = "the name is longer than 255 bytes";
	else if (s == LDNS_STATUS_OK && !absolute(text) &&
	    strcmp(text, "@") != 0 &&
	    ldns_rdf_size(rel) + ldns_rdf_size(c->origin) - 1 > 255)
		why = "the name is longer than 255 bytes with the origin "
		    "appended";
	ldns_rdf_deep_free(rel);
	return why;
}

static bool
in_zone(struct ctx *c, const ldns_rdf *owner)
{
	return ldns_dname_compare(owner, c->apex) == 0 ||
	    ldns_dname_is_subdomain(owner, c->apex);
}

/* The wire form of rdf I of RR, a domain name; NULL when it is not one. */
static const uint8_t *
target_of(const ldns_rr *rr, size_t i)
{
	const ldns_rdf *f = ldns_rr_rdf(rr, i);

	if (f == NULL || ldns_rdf_get_type(f) != LDNS_RDF_TYPE_DNAME)
		return NULL;
	return ldns_rdf_data(f);
}

/* Turns RR into the model's record, handed to the builder.  Returns 0,
 * RDA_EINVAL for rdata the model cannot use, or the builder's error. */
static int
store(struct ctx *c, uint32_t src, const char *file, unsigned line,
    ldns_rr *rr)
{
	/* 255 strings of 255 bytes at most fit in the 65535 bytes of rdata. */
	static _Thread_local char spf[65536];
	const uint8_t *target = NULL;
	const char *text = NULL;
	struct rec r;
	uint8_t a6[16];
	uint16_t pref = 0;
	const ldns_rdf *f;
	size_t n = 0;

	memset(&r, 0, sizeof(r));
	r.src = src;
	r.line = line;
	r.type = model_type(ldns_rr_get_type(rr));
	switch (r.type) {
	case RT_A:
	case RT_AAAA:
		f = ldns_rr_rdf(rr, 0);
		if (f == NULL)
			return RDA_EINVAL;
		memset(a6, 0, sizeof(a6));
		memcpy(a6, ldns_rdf_data(f), ldns_rdf_size(f) > 16 ?
		    16 : ldns_rdf_size(f));
		memcpy(r.rd.a4, a6, 4);
		break;
	case RT_PTR:
	case RT_CNAME:
	case RT_NS:
	case RT_DNAME:
		if ((target = target_of(rr, 0)) == NULL)
			return RDA_EINVAL;
		break;
	case RT_MX:
		f = ldns_rr_rdf(rr, 0);
		pref = f != NULL ? ldns_rdf2native_int16(f) : 0;
		if ((target = target_of(rr, 1)) == NULL)
			return RDA_EINVAL;
		break;
	case RT_SOA:
		f = ldns_rr_rdf(rr, 2);
		r.rd.serial = f != NULL ? ldns_rdf2native_int32(f) : 0;
		break;
	case RT_TXT:
		if (txt_spf(rr, spf, sizeof(spf), &n))
			text = spf;
		break;
	}
	return pipe_rec(c->pipe, &r, r.type == RT_AAAA ? a6 : NULL, pref,
	    ldns_rdf_data(ldns_rr_owner(rr)),
	    ldns_rdf_size(ldns_rr_owner(rr)), target,
	    target != NULL ? names_wire_len(target) : 0, text, n, false);
}

/* The SOA rules BIND enforces: one SOA, at the apex. */
static bool
soa_ok(struct ctx *c, const char *file, unsigned line, const ldns_rr *rr)
{
	if (ldns_dname_compare(ldns_rr_owner(rr), c->apex) != 0) {
		diag(c, DIAG_ERROR, file, line,
		    "SOA record not at the top of the zone");
		return false;
	}
	if (c->soa != NULL) {
		/* An exact copy (files saved from an AXFR end with the SOA
		 * again) is one record, as BIND takes it; another SOA is an
		 * error. */
		if (ldns_rr_compare(c->soa, rr) == 0)
			return false;
		diag(c, DIAG_ERROR, file, line, "second SOA record (the first "
		    "is at %s:%u); a zone has exactly one", c->soa_file,
		    c->soa_line);
		return false;
	}
	if ((c->soa = ldns_rr_clone(rr)) == NULL)
		return false;
	c->soa_file = file;
	c->soa_line = line;
	/* The builder marks the zone when it adds the record. */
	return true;
}

/* The type code of the mnemonic T, as ldns_get_rr_type_by_name() gives
 * it (0 for an unknown one); the types of nearly every record of a large
 * zone without ldns's linear search of its table. */
static uint16_t
type_code(const char *t)
{
	static const struct {
		const char *name;
		uint16_t code;
	} common[] = {
		{ "A", RT_A }, { "AAAA", RT_AAAA }, { "PTR", RT_PTR },
		{ "CNAME", RT_CNAME }, { "MX", RT_MX }, { "NS", RT_NS },
		{ "TXT", RT_TXT }, { "SOA", RT_SOA },
	};
	size_t i;

	for (i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		if ((t[0] | 0x20) == (common[i].name[0] | 0x20) &&
		    strcasecmp(t, common[i].name) == 0)
			return common[i].code;
	return (uint16_t)ldns_get_rr_type_by_name(t);
}

/* What we take from a record's text before ldns sees it. */
struct head {
	char owner[TOKEN_MAX];
	char type[TOKEN_MAX];
	uint16_t code;		/* of type; not 0 */
	uint32_t ttl;
	bool have_ttl;
	bool no_ttl;		/* none stated and none to inherit */
	const char *rest;
};

/* Splits "[owner] [ttl] [class] type rdata", TTL and class in either
 * order.  ldns 1.8.3 rejects class before TTL (NLnetLabs/ldns#279), reads
 * "1x" as 1 and wraps TTLs over 2^32 (LDNS.md §2.3-2.4): the TTL is
 * parsed here and the record rebuilt as "owner ttl IN type rdata". */
static bool
split_head(struct ctx *c, const char *file, unsigned line, const char *text,
    bool blank, struct head *h)
{
	char t[TOKEN_MAX];
	const char *p = text;
	bool have_class = false;
	uint16_t type;
	size_t n;
	int rc;

	h->owner[0] = '\0';
	h->have_ttl = false;
	if (!blank)
		token(&p, h->owner, sizeof(h->owner));
	for (;;) {
		if ((n = token(&p, t, sizeof(t))) == 0) {
			diag(c, DIAG_ERROR, file, line, "missing record type");
			return false;
		}
		if (isdigit((unsigned char)t[0]) && !h->have_ttl) {
			rc = load_ttl_parse(t, &h->ttl);
			if (rc < 0) {
				diag(c, DIAG_ERROR, file, line,
				    "bad TTL '%s' (digits, or units as in "
				    "1w2d3h4m5s, at most 2147483647)", t);
				return false;
			}
			if (rc == 1)
				diag(c, DIAG_WARNING, file, line, "TTL %s is "
				    "over 2147483647; using 0 (RFC 2181 §8)", t);
			h->have_ttl = true;
			continue;
		}
		if (is_class(t) && !have_class) {
			have_class = true;
			if (strcasecmp(t, "IN") != 0 &&
			    strcasecmp(t, "CLASS1") != 0) {
				diag(c, DIAG_ERROR, file, line, "class '%s' in "
				    "a zone of class IN", t);
				return false;
			}
			continue;
		}
		break;
	}
	memcpy(h->type, t, n + 1);
	h->rest = p;
	/* ldns 1.8.3 turns an unknown mnemonic into TYPE0 (LDNS.md §2.4). */
	h->code = type = type_code(t);
	if (type == 0) {
		if (strncasecmp(t, "TYPE", 4) == 0)
			diag(c, DIAG_ERROR, file, line, "record type 0 is "
			    "reserved and cannot be used");
		else
			diag(c, DIAG_ERROR, file, line, "unknown record type "
			    "'%s'", t);
		return false;
	}
	if (type == 41 || (type >= 128 && type <= 255)) {
		diag(c, DIAG_ERROR, file, line, "meta type '%s' cannot appear "
		    "in a zone file", t);
		return false;
	}
	return true;
}

/* The TTL of a record without one: $TTL, else the last stated TTL (RFC
 * 1035 §5.1); an SOA with neither takes its minimum field (BIND).  With
 * none at all the record is an error, once it is known to be in the zone
 * (BIND ignores out-of-zone records before it looks at their TTL). */
static void
implicit_ttl(struct ctx *c, struct head *h)
{
	h->no_ttl = false;
	if (c->have_dflt)
		h->ttl = c->dflt_ttl;
	else if (c->have_last)
		h->ttl = c->last_ttl;
	else if (strcasecmp(h->type, "SOA") == 0)
		h->ttl = UINT32_MAX;	/* filled from the SOA */
	else {
		h->ttl = 0;
		h->no_ttl = true;
	}
}

/* Checks of rdata text that ldns 1.8.3 does not make. */
static bool
rdata_ok(struct ctx *c, const char *file, unsigned line, const struct head *h)
{
	char t[TOKEN_MAX];
	const char *p = h->rest;
	unsigned long long len, hex = 0, v;
	uint16_t type = h->code;
	unsigned i;

	/* The first rdata token is "\\#" (kept escaped by token()): looked
	 * at in place, as nearly every record's is something else. */
	while (*p == ' ' || *p == '\t')
		p++;
	if (p[0] == '\\' && p[1] == '#' &&
	    (p[2] == ' ' || p[2] == '\t' || p[2] == '\0')) {
		p += 2;
		/* RFC 3597 generic rdata: ldns reads past a wrong length
		 * and takes bad hex digits as zero. */
		if (token(&p, t, sizeof(t)) == 0 || !isdigit((unsigned char)t[0])
		    || (len = strtoull(t, NULL, 10)) > 65535) {
			diag(c, DIAG_ERROR, file, line, "generic rdata: bad "
			    "length '%s'", t);
			return false;
		}
		while (token(&p, t, sizeof(t)) > 0)
			for (i = 0; t[i] != '\0'; i++, hex++)
				if (!isxdigit((unsigned char)t[i])) {
					diag(c, DIAG_ERROR, file, line,
					    "generic rdata: bad hex digit '%c'",
					    t[i]);
					return false;
				}
		if (hex != 2 * len || (len == 0 && (type == RT_A ||
		    type == RT_AAAA || type == RT_PTR || type == RT_CNAME ||
		    type == RT_NS || type == RT_MX)) ||
		    (type == RT_A && len != 4) || (type == RT_AAAA && len != 16)) {
			diag(c, DIAG_ERROR, file, line, "generic rdata: %llu "
			    "hex digits for a length of %llu bytes, or a wrong "
			    "length for %s", hex, len, h->type);
			return false;
		}
		return true;
	}
	if (type == RT_SOA) {
		/* mname rname serial: ldns wraps a serial over 2^32-1. */
		token(&p, t, sizeof(t));
		token(&p, t, sizeof(t));
		token(&p, t, sizeof(t));
		/* strtoull() gives ULLONG_MAX on overflow: also too big. */
		if (isdigit((unsigned char)t[0]) &&
		    (v = strtoull(t, NULL, 10)) > UINT32_MAX) {
			diag(c, DIAG_ERROR, file, line, "SOA serial %s is out of "
			    "range (at most 4294967295)", t);
			return false;
		}
	}
	return true;
}

/* Builds "owner ttl IN type rdata" for ldns.  Returns the text (malloc'd)
 * or NULL: *RC is then RDA_ENOMEM, or 0 after a reported error. */
static char *
rebuild(struct ctx *c, const char *file, unsigned line, const struct head *h,
    bool blank, int *rc)
{
	size_t len = strlen(h->owner) + strlen(h->type) + strlen(h->rest) + 40;
	char *buf, *q;
	const char *p;
	bool quote = false;

	*rc = RDA_ENOMEM;
	if ((buf = malloc(len)) == NULL)
		return NULL;
	*rc = 0;
	/* ldns 1.8.3 takes any owner starting with '@' for the origin
	 * (strncmp(owner, "@", 1) in rr.c): "@x" is a label for BIND. */
	snprintf(buf, len, "%s%s %" PRIu32 " IN %s ",
	    !blank && h->owner[0] == '@' && h->owner[1] != '\0' ? "\\064" : "",
	    blank ? "" : h->owner + (h->owner[0] == '@' &&
	    h->owner[1] != '\0'), h->ttl == UINT32_MAX ? 0 : h->ttl, h->type);
	/* ldns 1.8.3 cuts record text at 65535 bytes without a word: fold
	 * runs of blanks outside quotes, and refuse what is still longer. */
	for (q = buf + strlen(buf), p = h->rest; *p != '\0'; p++) {
		if (*p == '\\' && p[1] != '\0') {
			*q++ = *p++;
			*q++ = *p;
			continue;
		}
		if (*p == '"')
			quote = !quote;
		if (!quote && (*p == ' ' || *p == '\t') &&
		    (q[-1] == ' ' || q[-1] == '\t'))
			continue;
		*q++ = *p;
	}
	*q = '\0';
	if (q - buf > 65535) {
		diag(c, DIAG_ERROR, file, line, "record text longer than 65535 "
		    "characters, which ldns 1.8.3 cannot read whole");
		free(buf);
		return NULL;
	}
	return buf;
}

/* After parsing: the TTL rules that need the parsed record.  Returns false
 * when the record is not to be kept. */
static bool
settle_ttl(struct ctx *c, const char *file, unsigned line,
    const struct head *h, ldns_rr *rr)
{
	if (h->no_ttl) {
		diag(c, DIAG_ERROR, file, line, "no TTL: add a $TTL directive "
		    "at the top of the file or a TTL to this record");
		return false;
	}
	if (ldns_rr_get_type(rr) == LDNS_RR_TYPE_SOA && h->ttl == UINT32_MAX) {
		ldns_rr_set_ttl(rr, ldns_rdf2native_int32(ldns_rr_rdf(rr, 6)));
		diag(c, DIAG_WARNING, file, line, "no TTL specified; using the "
		    "SOA minimum %u", ldns_rr_ttl(rr));
		/* BIND then uses it as the default TTL, like $TTL. */
		c->dflt_ttl = ldns_rr_ttl(rr);
		c->have_dflt = true;
	}
	return true;
}

/* The record's rdata length in wire form (names uncompressed). */
static size_t
rdlength(const ldns_rr *rr)
{
	size_t i, n = 0;

	for (i = 0; i < ldns_rr_rd_count(rr); i++)
		n += ldns_rdf_size(ldns_rr_rdf(rr, i));
	return n;
}

static void
dump(struct ctx *c, ldns_rr *rr)
{
	char *str;

	ldns_rr2canonical(rr);
	if ((str = ldns_rr2str(rr)) != NULL)
		c->o->dump(c->o->ctx, str);
	free(str);
}

/* The fast path's record into the model (what store() takes from an
 * ldns_rr, from the fast path's wire form). */
static int
fast_store(struct ctx *c, uint32_t src, unsigned line,
    const struct fast_rr *f)
{
	struct rec r;
	int rc;

	memset(&r, 0, sizeof(r));
	r.src = src;
	r.line = line;
	r.type = model_type(f->type);
	if (f->type == RT_A) {
		memcpy(r.rd.a4, f->rdata, 4);
		rc = pipe_rec(c->pipe, &r, NULL, 0, f->owner, f->owner_len,
		    NULL, 0, NULL, 0, true);
	} else if (f->type == RT_AAAA)
		rc = pipe_rec(c->pipe, &r, f->rdata, 0, f->owner,
		    f->owner_len, NULL, 0, NULL, 0, true);
	else
		rc = pipe_rec(c->pipe, &r, NULL, 0, f->owner, f->owner_len,
		    f->rdata, f->rdlen, NULL, 0, true);
	if (rc < 0)
		return rc;
	c->st.records++;
	c->st.fast++;
	return 0;
}

/* What ldns does to *prev after a record with an owner: it becomes that
 * owner.  Rewritten in place, so the fast path allocates nothing. */
static int
fast_prev(struct ctx *c, const struct fast_rr *f)
{
	uint8_t *buf;

	if (!c->prev_own) {
		if ((buf = malloc(256)) == NULL)
			return RDA_ENOMEM;
		ldns_rdf_deep_free(c->prev);
		if ((c->prev = ldns_rdf_new(LDNS_RDF_TYPE_DNAME, f->owner_len,
		    buf)) == NULL) {
			free(buf);
			return RDA_ENOMEM;
		}
		c->prev_own = true;
	}
	memcpy(ldns_rdf_data(c->prev), f->owner, f->owner_len);
	ldns_rdf_set_size(c->prev, f->owner_len);
	return 0;
}

/* --fast-verify: parses the record with ldns too, from a copy of the
 * state, and reports any difference as an error. */
static void
fast_verify(struct ctx *c, const char *file, unsigned line,
    const struct head *h, bool blank, const struct fast_rr *f)
{
	ldns_rdf *prev = c->prev != NULL ? ldns_rdf_clone(c->prev) : NULL;
	ldns_rr *rr = NULL;
	char why[128], *buf;
	int rc;

	c->st.compared++;
	if ((buf = rebuild(c, file, line, h, blank, &rc)) == NULL) {
		ldns_rdf_deep_free(prev);
		return;
	}
	if (ldns_rr_new_frm_str(&rr, buf, 0, c->origin, &prev) !=
	    LDNS_STATUS_OK)
		snprintf(why, sizeof(why), "ldns rejects it");
	else if (fast_same(f, h->ttl, rr, why, sizeof(why)))
		why[0] = '\0';
	if (why[0] != '\0') {
		c->st.differ++;
		diag(c, DIAG_ERROR, file, line, "fast path differs from ldns "
		    "(%s): %s", why, buf);
	}
	free(buf);
	ldns_rr_free(rr);
	ldns_rdf_deep_free(prev);
}

/* The fast path: true when it took the record (*RC set), false when the
 * record must go through ldns.  Not with --dump, whose text is ldns's; not
 * for records whose TTL or zone needs a diagnostic (ldns's path makes it). */
/* The cap on records per zone (--max-records), checked before each one:
 * past it, loading stops with an error. */
static bool
over_records(struct ctx *c, const char *file, unsigned line, int *rc)
{
	if (c->st.records < c->o->max_records)
		return false;
	diag(c, DIAG_ERROR, file, line, "zone %s has more than %" PRIu64
	    " records; stopping here (raise the limit with --max-records)",
	    c->m->zones[c->zone].source, c->o->max_records);
	c->stop = true;
	*rc = RDA_ELIMIT;
	return true;
}

/* After a record could not be stored: rdata the model cannot use is
 * reported here; the builder has reported its own failures (the memory
 * cap, --max-memory), which stop loading. */
static void
store_failed(struct ctx *c, const char *file, unsigned line, int rc,
    const char *type)
{
	if (rc == RDA_EINVAL)
		diag(c, DIAG_ERROR, file, line, "bad rdata for %s", type);
	else
		c->stop = true;
}

static bool
fast(struct ctx *c, uint32_t src, const char *file, unsigned line,
    const struct head *h, bool blank, int *rc)
{
	struct fast_rr f;

	if (c->o->dump != NULL || c->o->no_fast || h->no_ttl ||
	    h->ttl == UINT32_MAX)
		return false;
	if (!fast_parse(blank ? NULL : h->owner, h->type, h->rest,
	    ldns_rdf_data(c->origin), ldns_rdf_size(c->origin),
	    c->prev != NULL ? ldns_rdf_data(c->prev) : NULL,
	    c->prev != NULL ? ldns_rdf_size(c->prev) : 0, &f))
		return false;
	/* A name relative to an origin inside the zone is inside it. */
	if ((blank || absolute(h->owner) || !c->origin_in_zone) &&
	    !fast_in_zone(f.owner, f.owner_len, ldns_rdf_data(c->apex),
	    ldns_rdf_size(c->apex)))
		return false;
	if (c->o->fast_verify)
		fast_verify(c, file, line, h, blank, &f);
	if (over_records(c, file, line, rc))
		return true;
	if ((*rc = fast_store(c, src, line, &f)) < 0)
		store_failed(c, file, line, *rc, h->type);
	else if (!blank)
		*rc = fast_prev(c, &f);
	return true;
}

/* Whether the rdf I of RR exists and is SIZE bytes (0: any) of TYPE
 * (LDNS_RDF_TYPE_NONE: any). */
static bool
rdf_is(const ldns_rr *rr, size_t i, ldns_rdf_type type, size_t size)
{
	const ldns_rdf *f = i < ldns_rr_rd_count(rr) ? ldns_rr_rdf(rr, i) :
	    NULL;

	return f != NULL && (type == LDNS_RDF_TYPE_NONE ||
	    ldns_rdf_get_type(f) == type) && (size == 0 ||
	    ldns_rdf_size(f) == size);
}

/* Whether the rdata of a type the audit reads has the fields it reads.
 * ldns 1.8.3 keeps RFC 3597 generic rdata ("SOA \# 1 00") as one opaque
 * field even for a known type, and the SOA, MX and target code would
 * then read fields that are not there.  A and AAAA are usable as long as
 * the length is right. */
static bool
rdata_usable(const ldns_rr *rr)
{
	switch ((int)ldns_rr_get_type(rr)) {
	case RT_A:
		return rdf_is(rr, 0, LDNS_RDF_TYPE_NONE, 4);
	case RT_AAAA:
		return rdf_is(rr, 0, LDNS_RDF_TYPE_NONE, 16);
	case RT_NS:
	case RT_CNAME:
	case RT_PTR:
	case RT_DNAME:
		return rdf_is(rr, 0, LDNS_RDF_TYPE_DNAME, 0);
	case RT_MX:
		return rdf_is(rr, 0, LDNS_RDF_TYPE_INT16, 2) &&
		    rdf_is(rr, 1, LDNS_RDF_TYPE_DNAME, 0);
	case RT_SOA:
		return ldns_rr_rd_count(rr) == 7 &&
		    rdf_is(rr, 2, LDNS_RDF_TYPE_INT32, 4) &&
		    rdf_is(rr, 6, LDNS_RDF_TYPE_NONE, 4);
	}
	return true;
}

/* After ldns failed on a record: reports the first owner or rdata token
 * that is an overlong name, which ldns does not say.  Returns whether it
 * found one. */
static bool
report_long_name(struct ctx *c, const char *file, unsigned line,
    const struct head *h, bool blank)
{
	char t[TOKEN_MAX];
	const char *p = h->rest, *why;

	if (!blank && (why = name_too_long(c, h->owner)) != NULL) {
		diag(c, DIAG_ERROR, file, line, "owner name '%.40s...': %s",
		    h->owner, why);
		return true;
	}
	while (token(&p, t, sizeof(t)) > 0)
		if ((why = name_too_long(c, t)) != NULL) {
			diag(c, DIAG_ERROR, file, line, "name '%.40s...' in the "
			    "%s record: %s", t, h->type, why);
			return true;
		}
	return false;
}

/* Whether a name of RR (owner or rdata) is over 255 bytes: ldns makes
 * such names when it appends the origin to a relative one. */
static bool
rr_too_long(const ldns_rr *rr, const char **which)
{
	size_t i;

	*which = "owner name";
	if (ldns_rdf_size(ldns_rr_owner(rr)) > NAMES_WIRE_MAX)
		return true;
	*which = "name in the rdata";
	for (i = 0; i < ldns_rr_rd_count(rr); i++)
		if (ldns_rdf_get_type(ldns_rr_rdf(rr, i)) ==
		    LDNS_RDF_TYPE_DNAME &&
		    ldns_rdf_size(ldns_rr_rdf(rr, i)) > NAMES_WIRE_MAX)
			return true;
	return false;
}

static int
record(struct ctx *c, uint32_t src, const char *file, unsigned line,
    const char *text, bool blank)
{
	struct head h;
	char *buf;
	const char *why;
	ldns_rr *rr = NULL;
	ldns_status s;
	int rc = 0;

	if (blank && c->prev == NULL) {
		diag(c, DIAG_ERROR, file, line, "no owner name: the first "
		    "record of a zone cannot start with a blank");
		return 0;
	}
	if (!split_head(c, file, line, text, blank, &h) ||
	    !rdata_ok(c, file, line, &h))
		return 0;
	h.no_ttl = false;
	if (!h.have_ttl)
		implicit_ttl(c, &h);
	else if (!c->have_dflt) {
		c->last_ttl = h.ttl;
		c->have_last = true;
	}
	if (fast(c, src, file, line, &h, blank, &rc))
		return rc;
	if ((buf = rebuild(c, file, line, &h, blank, &rc)) == NULL)
		return rc;
	s = ldns_rr_new_frm_str(&rr, buf, 0, c->origin, &c->prev);
	/* ldns may have replaced prev with a name of its own size. */
	c->prev_own = false;
	free(buf);
	if (s != LDNS_STATUS_OK) {
		if (!report_long_name(c, file, line, &h, blank))
			diag(c, DIAG_ERROR, file, line, "%s", ldns_msg(s));
		return 0;
	}
	if (rdlength(rr) > 65535) {
		diag(c, DIAG_ERROR, file, line, "rdata longer than 65535 bytes "
		    "(RFC 1035 §3.2.1: RDLENGTH is 16 bits)");
		goto out;
	}
	if (!rdata_usable(rr)) {
		diag(c, DIAG_ERROR, file, line, "the rdata of this %s record is "
		    "not in the form rdnsaudit reads: generic rdata (RFC 3597 "
		    "'\\#') is read only for A and AAAA; write it in its usual "
		    "form", h.type);
		goto out;
	}
	if (rr_too_long(rr, &why)) {
		diag(c, DIAG_ERROR, file, line, "%s longer than 255 bytes once "
		    "the origin is appended (RFC 1035 §2.3.4)", why);
		goto out;
	}
	if (!in_zone(c, ldns_rr_owner(rr))) {
		char *o = ldns_rdf2str(ldns_rr_owner(rr));

		diag(c, DIAG_WARNING, file, line, "ignoring out-of-zone data "
		    "(%s is not in %s)", o ? o : "?",
		    c->m->zones[c->zone].source);
		free(o);
		goto out;
	}
	if (!settle_ttl(c, file, line, &h, rr) ||
	    (ldns_rr_get_type(rr) == LDNS_RR_TYPE_SOA &&
	    !soa_ok(c, file, line, rr)))
		goto out;
	if (over_records(c, file, line, &rc))
		goto out;
	if ((rc = store(c, src, file, line, rr)) < 0) {
		store_failed(c, file, line, rc, h.type);
		goto out;
	}
	c->st.records++;
	if (c->o->dump != NULL)
		dump(c, rr);
out:
	ldns_rr_free(rr);
	return rc == RDA_EINVAL ? 0 : rc;
}

static int load_file(struct ctx *c, const char *path, const char *from,
    unsigned from_line);

/* Makes O (owned now) the origin; frees the one before. */
static void
set_origin(struct ctx *c, ldns_rdf *o)
{
	ldns_rdf_deep_free(c->origin);
	c->origin = o;
	c->origin_in_zone = o != NULL && fast_in_zone(ldns_rdf_data(o),
	    ldns_rdf_size(o), ldns_rdf_data(c->apex), ldns_rdf_size(c->apex));
}

static int
do_origin(struct ctx *c, const char *file, unsigned line, const char *arg)
{
	char t[TOKEN_MAX];
	const char *why = "", *p = arg;
	ldns_rdf *o;

	if (token(&p, t, sizeof(t)) == 0) {
		diag(c, DIAG_ERROR, file, line, "$ORIGIN needs a name");
		return 0;
	}
	if ((o = name_at(c, t, &why)) == NULL) {
		diag(c, DIAG_ERROR, file, line, "bad $ORIGIN '%s': %s", t, why);
		return 0;
	}
	set_origin(c, o);
	return 0;
}

static int
do_ttl(struct ctx *c, const char *file, unsigned line, const char *arg)
{
	char t[TOKEN_MAX];
	const char *p = arg;
	uint32_t ttl;
	int rc;

	token(&p, t, sizeof(t));
	rc = load_ttl_parse(t, &ttl);
	if (rc < 0) {
		diag(c, DIAG_ERROR, file, line, "bad $TTL '%s' (digits, or "
		    "units as in 1w2d3h4m5s)", t);
		return 0;
	}
	if (rc == 1)
		diag(c, DIAG_WARNING, file, line, "$TTL %s is over 2147483647; "
		    "using 0 (RFC 2181 §8)", t);
	c->dflt_ttl = ttl;
	c->have_dflt = true;
	return 0;
}

static int
do_generate(struct ctx *c, uint32_t src, const char *file, unsigned line,
    const char *arg)
{
	struct gen g;
	char err[256];
	ldns_rdf *saved_prev = NULL;
	uint64_t i, n;
	unsigned errs;
	int rc = 0;

	memset(&g, 0, sizeof(g));
	if (gen_parse(arg, &g, err, sizeof(err)) < 0) {
		diag(c, DIAG_ERROR, file, line, "bad $GENERATE: %s", err);
		return 0;
	}
	n = gen_count(&g);
	if (n > c->o->gen_max) {
		diag(c, DIAG_ERROR, file, line, "$GENERATE would make %" PRIu64
		    " records, over the limit of %" PRIu64, n, c->o->gen_max);
		goto out;
	}
	if (c->genbuf == NULL && (c->genbuf = malloc(GEN_LINE_MAX)) == NULL) {
		rc = RDA_ENOMEM;
		goto out;
	}
	/* BIND: a blank owner after $GENERATE is the owner before it. */
	if (c->prev != NULL && (saved_prev = ldns_rdf_clone(c->prev)) == NULL) {
		rc = RDA_ENOMEM;
		goto out;
	}
	for (i = 0; i < n && !c->stop; i++) {
		if (gen_line(&g, g.start + i * g.step, c->genbuf, GEN_LINE_MAX,
		    err, sizeof(err)) < 0) {
			diag(c, DIAG_ERROR, file, line, "bad $GENERATE: %s",
			    err);
			break;
		}
		errs = c->st.errors;
		if ((rc = record(c, src, file, line, c->genbuf, false)) < 0)
			break;
		/* BIND abandons the directive at its first bad record. */
		if (c->st.errors > errs)
			break;
	}
	ldns_rdf_deep_free(c->prev);
	c->prev = saved_prev;
	c->prev_own = false;
out:
	gen_clear(&g);
	return rc;
}

/* Opens an $INCLUDE file as BIND does (relative to the working directory)
 * and, when nothing is there, as Knot does (relative to the including
 * file).  Returns the path to use, malloc'd, or NULL after reporting. */
static char *
include_path(struct ctx *c, const char *file, unsigned line, const char *name)
{
	struct stat st;
	const char *slash = strrchr(file, '/');
	char *alt;
	int len;

	if (name[0] == '/' || stat(name, &st) == 0 || slash == NULL)
		return strdup(name);
	len = (int)(slash - file);
	if ((alt = malloc((size_t)len + strlen(name) + 2)) == NULL)
		return NULL;
	sprintf(alt, "%.*s/%s", len, file, name);
	if (stat(alt, &st) == 0)
		return alt;
	diag(c, DIAG_ERROR, file, line, "cannot open $INCLUDE file '%s': "
	    "tried '%s' (from the working directory, as BIND) and '%s' (from "
	    "the including file's directory): %s", name, name, alt,
	    strerror(errno));
	free(alt);
	return NULL;
}

static int
do_include(struct ctx *c, const char *file, unsigned line, const char *arg)
{
	char name[TOKEN_MAX], org[TOKEN_MAX];
	const char *p = arg, *why = "";
	ldns_rdf *saved_origin, *saved_prev = NULL, *o = NULL;
	char *path;
	int rc;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '"') {
		/* A quoted file name may hold blanks. */
		const char *end = strchr(p + 1, '"');

		if (end == NULL || (size_t)(end - p) > sizeof(name)) {
			diag(c, DIAG_ERROR, file, line, "$INCLUDE: bad quoted "
			    "file name");
			return 0;
		}
		snprintf(name, sizeof(name), "%.*s", (int)(end - p - 1), p + 1);
		p = end + 1;
	} else
		token(&p, name, sizeof(name));
	if (name[0] == '\0') {
		diag(c, DIAG_ERROR, file, line, "$INCLUDE needs a file name");
		return 0;
	}
	if (token(&p, org, sizeof(org)) > 0 &&
	    (o = name_at(c, org, &why)) == NULL) {
		diag(c, DIAG_ERROR, file, line, "bad $INCLUDE origin '%s': %s",
		    org, why);
		return 0;
	}
	if ((path = include_path(c, file, line, name)) == NULL) {
		ldns_rdf_deep_free(o);
		return 0;
	}
	/* RFC 1035 §5.1: the origin (and, in BIND, the current owner) come
	 * back after the included file.  BIND keeps a $TTL set inside it,
	 * and so do we. */
	saved_origin = ldns_rdf_clone(c->origin);
	if (c->prev != NULL)
		saved_prev = ldns_rdf_clone(c->prev);
	if (o != NULL)
		set_origin(c, o);
	rc = load_file(c, path, file, line);
	set_origin(c, saved_origin);
	ldns_rdf_deep_free(c->prev);
	c->prev = saved_prev;
	c->prev_own = false;
	free(path);
	return rc;
}

static int
directive(struct ctx *c, uint32_t src, const char *file, unsigned line,
    const char *text)
{
	size_t n = strcspn(text, " \t");
	const char *arg = text + n;

	if (n == 7 && strncasecmp(text, "$ORIGIN", n) == 0)
		return do_origin(c, file, line, arg);
	if (n == 4 && strncasecmp(text, "$TTL", n) == 0)
		return do_ttl(c, file, line, arg);
	if (n == 8 && strncasecmp(text, "$INCLUDE", n) == 0)
		return do_include(c, file, line, arg);
	if (n == 9 && strncasecmp(text, "$GENERATE", n) == 0)
		return do_generate(c, src, file, line, arg);
	diag(c, DIAG_ERROR, file, line, "unknown directive '%.*s' (known: "
	    "$ORIGIN, $TTL, $INCLUDE, $GENERATE)", (int)(n > 40 ? 40 : n),
	    text);
	return 0;
}

static FILE *
open_zone(struct ctx *c, const char *path, const char *from,
    unsigned from_line, struct stat *st)
{
	FILE *fp;
	unsigned i;
	int fd;

	/* An $INCLUDE is opened without blocking: opening a FIFO that has
	 * no writer would wait forever before fstat() could refuse it.  A
	 * pipe named on the command line is the user's choice and works. */
	fd = open(path, O_RDONLY | O_CLOEXEC | (from != NULL ? O_NONBLOCK : 0));
	if (fd < 0) {
		diag(c, DIAG_ERROR, from ? from : path, from_line,
		    "cannot open '%s': %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, st) < 0 || S_ISDIR(st->st_mode) ||
	    (from != NULL && !S_ISREG(st->st_mode))) {
		diag(c, DIAG_ERROR, from ? from : path, from_line,
		    "cannot read '%s': %s", path, S_ISDIR(st->st_mode) ?
		    "it is a directory" : "not a regular file");
		close(fd);
		return NULL;
	}
	if ((from != NULL && fcntl(fd, F_SETFL, O_RDONLY) < 0) ||
	    (fp = fdopen(fd, "r")) == NULL) {
		diag(c, DIAG_ERROR, from ? from : path, from_line,
		    "cannot read '%s': %s", path, strerror(errno));
		close(fd);
		return NULL;
	}
	for (i = 0; i < c->depth; i++)
		if (c->stack[i].dev == st->st_dev &&
		    c->stack[i].ino == st->st_ino) {
			diag(c, DIAG_ERROR, from, from_line, "$INCLUDE loop: "
			    "'%s' is already being read", path);
			fclose(fp);
			return NULL;
		}
	return fp;
}

/* After the first 16,384 records of a large file: the names still to
 * come, estimated from the bytes per record so far, so that the name
 * table grows once instead of doubling (and moving every slot) a dozen
 * times on the way.  Not from the file size alone: a file of one long
 * line would reserve for millions of names it does not have. */
static void
reserve(struct ctx *c, const struct reader *r, const struct stat *st)
{
	long long left = (long long)st->st_size - r->bytes;

	if (!S_ISREG(st->st_mode) || c->st.records == 0 || left <= 0 ||
	    r->bytes <= 0)
		return;
	pipe_reserve(c->pipe, (size_t)((double)left * (double)c->st.records /
	    (double)r->bytes));
}

static int
load_file(struct ctx *c, const char *path, const char *from,
    unsigned from_line)
{
	struct reader r;
	struct stat st;
	char err[512];
	uint32_t src;
	FILE *fp;
	int rc = 0, n;

	if (c->depth >= c->o->max_depth) {
		diag(c, DIAG_ERROR, from, from_line, "$INCLUDE nested more than "
		    "%u deep", c->o->max_depth);
		return 0;
	}
	if ((fp = open_zone(c, path, from, from_line, &st)) == NULL)
		return 0;
	/* The builder reads the sources: wait until it is idle. */
	if ((rc = pipe_sync(c->pipe)) < 0 ||
	    (rc = model_source_add(c->m, c->zone, path, false, &src)) < 0) {
		fclose(fp);
		return rc;
	}
	path = c->m->srcs[src].path;
	c->stack[c->depth].dev = st.st_dev;
	c->stack[c->depth].ino = st.st_ino;
	c->stack[c->depth++].path = path;
	reader_init(&r, fp);
	while (!c->stop && rc >= 0 &&
	    (n = reader_next(&r, err, sizeof(err))) != 0) {
		if (n == RDA_ESYNTAX)
			diag(c, DIAG_ERROR, path, r.first, "%s", err);
		else if (n < 0) {
			diag(c, DIAG_ERROR, path, r.line, "read error: %s",
			    n == RDA_EIO ? strerror(errno) : rda_strerror(n));
			break;
		} else if (r.text[0] == '$')
			rc = directive(c, src, path, r.first, r.text);
		else
			rc = record(c, src, path, r.first, r.text,
			    r.blank_owner);
		if ((++c->ticks & 16383) == 0) {
			if (c->ticks == 16384 && c->depth == 1)
				reserve(c, &r, &st);
			if (c->o->progress != NULL)
				pipe_progress(c->pipe,
				    c->m->zones[c->zone].source, c->st.records,
				    r.bytes, (long long)st.st_size);
		}
	}
	reader_clear(&r);
	fclose(fp);
	c->depth--;
	return rc;
}

/* Loads PATH with the model built on a second thread (zones/pipe.h);
 * on one thread with --dump, whose records must come out in order with
 * the diagnostics. */
static int
load_piped(struct ctx *c, const char *path)
{
	unsigned e0 = c->st.errors, w0 = c->st.warnings;
	struct pipe_counts n;
	struct stat st;
	int rc, prc;

	bool big = true;

	if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
		/* A second thread pays off from a few thousand records;
		 * a hosting provider's 200,000 one-record zones would
		 * spend more on starting threads than on loading.  An
		 * $INCLUDE can make a small file big: such zones are
		 * loaded correctly either way, on one thread. */
		big = st.st_size >= PIPE_THREAD_MIN;
	}
	if (c->o->threads != 0)
		big = c->o->threads > 1;
	if ((c->pipe = pipe_start(c->m, c->o, c->m->zones[c->zone].source,
	    c->o->dump == NULL && big)) == NULL)
		return RDA_ENOMEM;
	rc = load_file(c, path, NULL, 0);
	prc = pipe_end(c->pipe, &n);
	c->pipe = NULL;
	/* What the builder delivered is what was reported, and what it
	 * added is what was loaded. */
	c->st.errors = e0 + n.errors;
	c->st.warnings = w0 + n.warnings;
	c->st.records = n.records;
	c->st.fast = n.fast;
	if (prc < 0) {
		c->stop = true;
		if (rc >= 0)
			rc = prc;
	}
	return rc;
}

int
load_zone(struct model *m, const char *origin, const char *path,
    const struct load_opts *o, struct load_stats *st)
{
	struct load_opts opts = *o;
	struct ctx c;
	ldns_status s;
	char *apex = NULL;
	int rc;

	if (opts.max_errors == 0)
		opts.max_errors = 100;
	if (opts.gen_max == 0)
		opts.gen_max = 1000000;
	if (opts.max_depth == 0 || opts.max_depth > 64)
		opts.max_depth = 16;
	if (opts.max_records == 0)
		opts.max_records = 50000000;
	if (opts.max_memory == 0)
		opts.max_memory = (uint64_t)4 << 30;
	memset(&c, 0, sizeof(c));
	c.m = m;
	c.o = &opts;
	s = ldns_str2rdf_dname(&c.apex, origin);
	if (s != LDNS_STATUS_OK) {
		diag(&c, DIAG_ERROR, path, 0, "bad zone origin '%s': %s",
		    origin, ldns_msg(s));
		return RDA_EINVAL;
	}
	ldns_dname2canonical(c.apex);
	set_origin(&c, ldns_rdf_clone(c.apex));
	apex = ldns_rdf2str(c.apex);
	rc = model_zone_add(m, ldns_rdf_data(c.apex), apex ? apex : origin,
	    &c.zone);
	if (rc == RDA_EINVAL)
		diag(&c, DIAG_ERROR, path, 0, "zone %s is loaded twice", apex);
	if (rc == 0) {
		/* What this zone adds to the model counts against its cap. */
		m->max_bytes = m->bytes + (size_t)opts.max_memory;
		if (m->max_bytes < m->bytes)
			m->max_bytes = SIZE_MAX;
		rc = load_piped(&c, path);
		m->max_bytes = 0;
	}
	if (rc == 0 && !c.stop && c.st.errors == 0 &&
	    !m->zones[c.zone].has_soa)
		diag(&c, DIAG_ERROR, path, 0, "no SOA record at the zone apex "
		    "%s: this is not a whole zone (wrong origin?)", apex);
	free(apex);
	free(c.genbuf);
	ldns_rdf_deep_free(c.apex);
	ldns_rdf_deep_free(c.origin);
	ldns_rdf_deep_free(c.prev);
	ldns_rr_free(c.soa);
	if (st != NULL)
		*st = c.st;
	if (rc < 0)
		return rc;
	return c.st.errors > 0 ? RDA_ESYNTAX : 0;
}

/* The origin a file names itself: $ORIGIN before the first record, else an
 * absolute SOA owner.  Returns 1 when found, 0 when not, <0 on error. */
static int
origin_in_file(const char *path, char *out, size_t outlen, char *err,
    size_t errlen)
{
	struct reader r;
	char t[TOKEN_MAX], why[256];
	const char *p;
	FILE *fp;
	int n, found = 0;

	if ((fp = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "cannot open '%s': %s", path,
		    strerror(errno));
		return RDA_EIO;
	}
	reader_init(&r, fp);
	while ((n = reader_next(&r, why, sizeof(why))) != 0) {
		if (n == RDA_ESYNTAX)
			continue;
		if (n < 0)
			break;
		p = r.text;
		if (strncasecmp(p, "$ORIGIN", 7) == 0 &&
		    (p[7] == ' ' || p[7] == '\t')) {
			p += 7;
			token(&p, t, sizeof(t));
			if (!absolute(t)) {
				snprintf(err, errlen, "%s:%u: relative $ORIGIN "
				    "'%s' with no origin to append it to; make "
				    "it absolute or use --zone ORIGIN=FILE",
				    path, r.first, t);
				found = RDA_EINVAL;
			} else {
				snprintf(out, outlen, "%s", t);
				found = 1;
			}
			break;
		}
		if (strncasecmp(p, "$TTL", 4) == 0)
			continue;
		if (p[0] != '$' && !r.blank_owner) {
			token(&p, t, sizeof(t));
			if (absolute(t)) {
				char w[TOKEN_MAX];

				while (token(&p, w, sizeof(w)) > 0 &&
				    (isdigit((unsigned char)w[0]) ||
				    is_class(w)))
					;
				if (strcasecmp(w, "SOA") == 0) {
					snprintf(out, outlen, "%s", t);
					found = 1;
				}
			}
		}
		break;
	}
	reader_clear(&r);
	fclose(fp);
	return found;
}

int
load_infer_origin(const char *path, char *out, size_t outlen, char *err,
    size_t errlen)
{
	const char *base = strrchr(path, '/');
	ldns_rdf *d = NULL;
	struct stat st;
	size_t n;
	int rc;

	/* Telling the origin reads the file, and loading it reads it again:
	 * a pipe (rdnsaudit <(...)) would be empty the second time. */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) &&
	    !S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "cannot tell the zone's origin: this "
		    "is not a regular file, so it can be read only once; name "
		    "the origin with --zone ORIGIN=%s", path);
		return RDA_EINVAL;
	}
	if ((rc = origin_in_file(path, out, outlen, err, errlen)) != 0)
		return rc < 0 ? rc : 0;
	base = base != NULL ? base + 1 : path;
	if (strncmp(base, "db.", 3) == 0)
		base += 3;
	n = strlen(base);
	if (n > 5 && strcmp(base + n - 5, ".zone") == 0)
		n -= 5;
	else if (n > 3 && strcmp(base + n - 3, ".db") == 0)
		n -= 3;
	if (n > 0 && base[n - 1] == '.')
		n--;
	if (n == 0 || n + 2 > outlen) {
		snprintf(err, errlen, "%s: cannot tell the zone's origin: no "
		    "$ORIGIN before the first record, no absolute SOA owner, "
		    "and the file name is not a domain name; use --zone "
		    "ORIGIN=FILE", path);
		return RDA_EINVAL;
	}
	snprintf(out, outlen, "%.*s.", (int)n, base);
	if (ldns_str2rdf_dname(&d, out) != LDNS_STATUS_OK) {
		snprintf(err, errlen, "%s: the file name does not give a valid "
		    "origin; use --zone ORIGIN=FILE", path);
		return RDA_EINVAL;
	}
	ldns_rdf_deep_free(d);
	return 0;
}
