/* gen.c -- BIND's $GENERATE directive, read the way BIND 9.18 reads it.
 *
 * The reference is named-checkzone 9.18, not BIND's documentation: where
 * the two differ (numbers taken modulo 2^32, modifier fields that carry
 * over from one "${...}" to the next, nibble widths that end in a dot) we
 * follow the program, because a zone is audited for what the server will
 * actually load.  Nothing here depends on the size of the range.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/err.h"
#include "zones/gen.h"

/* BIND formats each substitution into a 128-byte buffer and fails with
 * "ran out of space" when the text does not fit with its NUL. */
#define SUBST_MAX 127

/* BIND reads CLASSnnn and TYPEnnn only with at most five characters after
 * the prefix (its buffer is sizeof "65000"). */
#define NUM_SUFFIX_MAX 5

/* BIND copies a TTL token into a 64-byte buffer and rejects longer ones. */
#define TTL_TEXT_MAX 63

static int
fail(char *err, size_t errlen, int rc, const char *fmt, ...)
{
	va_list ap;

	if (err != NULL && errlen > 0) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return rc;
}

/*
 * Numbers.  BIND reads the range with sscanf("%d-%d/%d") and the modifier
 * with sscanf("{%d,%u,...}").  glibc implements %d with strtol and stores
 * the long into an int, and %u with strtoul into an unsigned int, so on
 * 64-bit Linux a number saturates at the long's limits and is then cut to
 * its low 32 bits: "4294967296" is 0, "99999999999999999999" is -1.
 * named-checkzone shows exactly that, so we compute the same.
 */
struct num {
	bool neg;
	bool over;		/* more than 64 bits of magnitude */
	uint64_t mag;
};

static const char *
scan_digits(const char *p, struct num *n)
{
	unsigned d;

	while (isspace((unsigned char)*p))
		p++;
	n->neg = false;
	n->over = false;
	n->mag = 0;
	if (*p == '+' || *p == '-')
		n->neg = *p++ == '-';
	if (!isdigit((unsigned char)*p))
		return NULL;
	for (; isdigit((unsigned char)*p); p++) {
		d = (unsigned)(*p - '0');
		if (n->over || n->mag > (UINT64_MAX - d) / 10)
			n->over = true;
		else
			n->mag = n->mag * 10 + d;
	}
	return p;
}

static int32_t
low32(uint64_t v)
{
	uint32_t u = (uint32_t)v;

	/* Two's complement by hand: converting an out-of-range value to a
	 * signed type is implementation-defined in C11. */
	if (u <= INT32_MAX)
		return (int32_t)u;
	return -(int32_t)(UINT32_MAX - u) - 1;
}

/* sscanf's %d.  *WRAPPED tells whether the int differs from the text. */
static const char *
scan_int(const char *p, int32_t *v, bool *wrapped)
{
	struct num n;
	uint64_t lim, u;

	if ((p = scan_digits(p, &n)) == NULL)
		return NULL;
	lim = n.neg ? (uint64_t)1 << 63 : ((uint64_t)1 << 63) - 1;
	u = n.over || n.mag > lim ? lim : n.mag;
	*v = low32(n.neg ? 0 - u : u);
	if (wrapped != NULL)
		*wrapped = n.over || n.mag > (n.neg ? (uint64_t)INT32_MAX + 1 :
		    (uint64_t)INT32_MAX);
	return p;
}

/* sscanf's %u: strtoul negates a leading '-' modulo 2^64. */
static const char *
scan_uint(const char *p, uint32_t *v)
{
	struct num n;

	if ((p = scan_digits(p, &n)) == NULL)
		return NULL;
	*v = (uint32_t)(n.over ? UINT64_MAX : n.neg ? 0 - n.mag : n.mag);
	return p;
}

/* BIND's CLASSnnn / TYPEnnn suffix: strtoul over the whole suffix. */
static bool
suffix_num(const char *s, uint16_t *v)
{
	struct num n;
	const char *end;

	if (strlen(s) > NUM_SUFFIX_MAX || (end = scan_digits(s, &n)) == NULL ||
	    *end != '\0')
		return false;
	if (n.neg && n.mag != 0)
		return false;	/* strtoul wraps it far above 0xffff */
	if (n.mag > 0xffff)
		return false;
	*v = (uint16_t)n.mag;
	return true;
}

/*
 * The middle: [class] [ttl] [class] type.
 */
static const struct {
	const char *name;
	uint16_t val;
} classes[] = {
	{ "IN", 1 }, { "CH", 3 }, { "CHAOS", 3 }, { "HS", 4 },
	{ "HESIOD", 4 }, { "NONE", 254 }, { "ANY", 255 },
	/* BIND knows class 0 by name and then treats it as "no class". */
	{ "RESERVED0", 0 },
};

static bool
class_parse(const char *t, uint16_t *cls)
{
	size_t i;

	for (i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
		if (strcasecmp(t, classes[i].name) == 0) {
			*cls = classes[i].val;
			return true;
		}
	}
	return strncasecmp(t, "CLASS", 5) == 0 && t[5] != '\0' &&
	    suffix_num(t + 5, cls);
}

static const char *
class_name(uint16_t cls, char *buf, size_t len)
{
	switch (cls) {
	case 1:
		return "IN";
	case 3:
		return "CH";
	case 4:
		return "HS";
	case 254:
		return "NONE";
	case 255:
		return "ANY";
	}
	snprintf(buf, len, "CLASS%u", (unsigned)cls);
	return buf;
}

/* BIND's TTL syntax: digits, or digits with w/d/h/m/s units; a bare number
 * may only come first ("1h30" is not a TTL, "0h30" is 30). */
static bool
ttl_parse(const char *t, uint32_t *ttl)
{
	static const char units[] = "wdhms";
	static const uint64_t secs[] = { 604800, 86400, 3600, 60, 1 };
	uint64_t sum = 0, n;
	const char *u;

	if (strlen(t) > TTL_TEXT_MAX)
		return false;
	do {
		if (!isdigit((unsigned char)*t))
			return false;
		for (n = 0; isdigit((unsigned char)*t); t++)
			if ((n = n * 10 + (uint64_t)(*t - '0')) > UINT32_MAX)
				return false;
		if (*t == '\0') {
			if (sum != 0)
				return false;
			sum = n;
		} else if ((u = strchr(units, tolower((unsigned char)*t))) !=
		    NULL) {
			sum += n * secs[u - units];
			t++;
		} else {
			return false;
		}
	} while (*t != '\0');
	if (sum > UINT32_MAX)
		return false;
	*ttl = (uint32_t)sum;
	return true;
}

/* Meta types may not come from a master file (RFC 2930 for TKEY and TSIG;
 * BIND also refuses OPT and the query-only types 128-255). */
static bool
type_is_meta(uint16_t t)
{
	return t == 41 || (t >= 128 && t <= 255);
}

static const char *const meta_names[] = {
	"OPT", "TKEY", "TSIG", "IXFR", "AXFR", "MAILB", "MAILA", "ANY",
};

/* Checks the type token and writes how it goes into the middle to OUT.
 * Which mnemonics exist is left to ldns; we refuse what BIND refuses
 * before it looks at the rdata. */
static int
type_check(const char *t, char *out, size_t outlen, char *err, size_t errlen)
{
	uint16_t v, cls;
	size_t i;
	const char *p;

	/* Longer than any mnemonic or TYPE65535. */
	if (strlen(t) >= outlen)
		goto unknown;
	if (strncasecmp(t, "TYPE", 4) == 0 && t[4] != '\0') {
		if (!suffix_num(t + 4, &v))
			goto unknown;
		if (type_is_meta(v))
			goto meta;
		/* ldns wants TYPEnnn without the '+' or leading zeros BIND
		 * lets through. */
		snprintf(out, outlen, "TYPE%u", (unsigned)v);
		return 0;
	}
	for (i = 0; i < sizeof(meta_names) / sizeof(meta_names[0]); i++)
		if (strcasecmp(t, meta_names[i]) == 0)
			goto meta;
	/* No type is named like a class: BIND reports these as unknown
	 * types, ldns might read them as a class. */
	if (class_parse(t, &cls) || strncasecmp(t, "CLASS", 5) == 0 ||
	    !isalpha((unsigned char)t[0]))
		goto unknown;
	for (p = t; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && *p != '-')
			goto unknown;
	snprintf(out, outlen, "%s", t);
	return 0;
meta:
	return fail(err, errlen, RDA_ESYNTAX, "meta RR type '%s'", t);
unknown:
	return fail(err, errlen, RDA_ESYNTAX, "unknown RR type '%s'", t);
}

/*
 * Tokens, as BIND's lexer cuts the $GENERATE line: blanks separate; ';'
 * starts a comment; '(' and ')' only count lines; a backslash keeps the
 * next character in the token (both are kept, genname and ldns read the
 * escape later); '"' may open only the rhs.  In a quoted rhs BIND drops the
 * backslash of \" and keeps every other escape whole.
 */
enum tok { TOK_EOL, TOK_STR };

struct lex {
	const char *p;
	int paren;
	char *w;		/* where the next token is written */
};

static bool
ends_token(char c)
{
	return c == '\0' || c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
	    c == '(' || c == ')' || c == '"' || c == ';';
}

static int
lex_quoted(struct lex *lx, char **tok, char *err, size_t errlen)
{
	const char *p = lx->p + 1;

	*tok = lx->w;
	for (;;) {
		if (*p == '\0' || *p == '\n')
			return fail(err, errlen, RDA_ESYNTAX,
			    "unbalanced quotes");
		if (*p == '"')
			break;
		if (*p == '\\' && p[1] == '"') {
			p++;
		} else if (*p == '\\') {
			if (p[1] == '\0')
				return fail(err, errlen, RDA_ESYNTAX,
				    "unbalanced quotes");
			*lx->w++ = *p++;
		}
		*lx->w++ = *p++;
	}
	*lx->w++ = '\0';
	lx->p = p + 1;
	return TOK_STR;
}

/* Returns TOK_STR with *TOK set, TOK_EOL, or RDA_ESYNTAX. */
static int
lex_next(struct lex *lx, bool quote_ok, char **tok, char *err, size_t errlen)
{
	const char *p = lx->p;

	for (;; p++) {
		if (*p == ';') {
			while (p[1] != '\0' && p[1] != '\n')
				p++;
		} else if (*p == '(') {
			lx->paren++;
		} else if (*p == ')') {
			if (lx->paren == 0)
				return fail(err, errlen, RDA_ESYNTAX,
				    "unbalanced parentheses");
			lx->paren--;
		} else if (*p != ' ' && *p != '\t' && *p != '\r' &&
		    (*p != '\n' || lx->paren == 0)) {
			break;
		}
	}
	lx->p = p;
	if (*p == '\0' && lx->paren > 0)
		return fail(err, errlen, RDA_ESYNTAX, "unbalanced parentheses");
	if (*p == '\0' || *p == '\n')
		return TOK_EOL;
	if (*p == '"') {
		if (!quote_ok)
			return fail(err, errlen, RDA_ESYNTAX, "syntax error: "
			    "only the rhs may be quoted");
		return lex_quoted(lx, tok, err, errlen);
	}
	*tok = lx->w;
	while (!ends_token(*p)) {
		if (*p == '\\' && p[1] != '\0')
			*lx->w++ = *p++;
		*lx->w++ = *p++;
	}
	*lx->w++ = '\0';
	lx->p = p;
	return TOK_STR;
}

static int
lex_need(struct lex *lx, bool quote_ok, char **tok, char *err, size_t errlen)
{
	int rc;

	if ((rc = lex_next(lx, quote_ok, tok, err, errlen)) == TOK_EOL)
		return fail(err, errlen, RDA_ESYNTAX, "unexpected end of line");
	return rc;
}

/* After the rhs only blanks, comments and empty lines may follow. */
static int
lex_end(struct lex *lx, char *err, size_t errlen)
{
	char *tok;
	int rc;

	for (;;) {
		if ((rc = lex_next(lx, true, &tok, err, errlen)) < 0)
			return rc;
		if (rc == TOK_STR)
			return fail(err, errlen, RDA_ESYNTAX,
			    "extra input text '%s'", tok);
		if (*lx->p == '\0')
			return 0;
		lx->p++;
	}
}

/*
 * The range: sscanf("%d-%d%1[/]%d") must convert two or four items, so
 * "1-5x" is 1-5, "1-5/" is an error, and anything after the step is
 * ignored.
 */
static int
range_parse(const char *t, struct gen *g, char *err, size_t errlen)
{
	int32_t start, stop, step = 1;
	bool w1, w2, w3 = false;
	const char *p, *why;

	if ((p = scan_int(t, &start, &w1)) == NULL || *p != '-' ||
	    (p = scan_int(p + 1, &stop, &w2)) == NULL)
		return fail(err, errlen, RDA_ESYNTAX, "bad range '%s': "
		    "expected start-stop[/step]", t);
	if (*p == '/' && (p = scan_int(p + 1, &step, &w3)) == NULL)
		return fail(err, errlen, RDA_ESYNTAX, "bad range '%s': "
		    "no step after '/'", t);
	if (start < 0)
		why = "start is negative";
	else if (stop < 0)
		why = "stop is negative";
	else if (step < 1)
		why = "step is less than 1";
	else if (stop < start)
		why = "stop is less than start";
	else
		why = NULL;
	if (why != NULL)
		return fail(err, errlen, RDA_ESYNTAX, "bad range '%s': %s%s",
		    t, why, w1 || w2 || w3 ?
		    " (BIND reads each number modulo 2^32)" : "");
	g->start = (uint64_t)start;
	g->stop = (uint64_t)stop;
	g->step = (uint64_t)step;
	g->range_odd = w1 || w2 || w3 || *p != '\0';
	return 0;
}

/*
 * Templates.  Output goes to a sink that counts what does not fit, so the
 * same code checks a template in gen_parse() and expands it in gen_line().
 */
struct sink {
	char *buf;
	size_t cap;		/* 0: count only */
	size_t len;
};

static void
put(struct sink *s, const char *p, size_t n)
{
	if (s->len < s->cap)
		memcpy(s->buf + s->len, p, n < s->cap - s->len ?
		    n : s->cap - s->len);
	s->len += n;
}

/*
 * A modifier.  BIND reads "${...}" with one
 *	sscanf(p, "{%d%1[,}]%u%1[,}]%1[doxXnN]%1[}]", ...)
 * into variables that live as long as the template: a conversion that
 * fails keeps the previous modifier's value, and the form is then decided
 * on whatever the variables hold.  So after "${1,3,x}" the text "${2,}" is
 * accepted and prints "002", and a bare "$" after "${5}" adds 5
 * (named-checkzone agrees).  Only a missing offset or a missing ',' or '}'
 * right after it is always an error.  We keep the same state.
 */
struct modstate {
	int32_t delta;
	uint32_t width;
	char c1, c2, base, brace;	/* 0 until first converted */
};

/* The substitution a modifier asks for. */
struct mod {
	uint32_t width;
	char base;		/* d o x X n N */
};

/* Converts as sscanf would, left to right, stopping at the first failure;
 * returns the number of conversions. */
static int
mod_scan(const char *p, struct modstate *st)
{
	if ((p = scan_int(p + 1, &st->delta, NULL)) == NULL)
		return 0;
	if (*p != ',' && *p != '}')
		return 1;
	st->c1 = *p++;
	if ((p = scan_uint(p, &st->width)) == NULL)
		return 2;
	if (*p != ',' && *p != '}')
		return 3;
	st->c2 = *p++;
	if (*p == '\0' || strchr("doxXnN", *p) == NULL)
		return 4;
	st->base = *p++;
	if (*p != '}')
		return 5;
	st->brace = *p;
	return 6;
}

/* Reads the modifier at *TP ('{'); on success fills M and moves *TP past
 * the first '}' (to the end if there is none, as BIND does).  Returns NULL
 * or the reason. */
static const char *
mod_parse(const char **tp, struct modstate *st, struct mod *m)
{
	static const char *const why[] = {
		"the offset is not a number",
		"no ',' or '}' after the offset",
		"the width is not a number",
		"no ',' or '}' after the width",
		"the base is not one of d o x X n N",
		"no '}' after the base",
	};
	const char *end;
	int n;

	if ((n = mod_scan(*tp, st)) < 2)
		return why[n];
	/* n >= 2: c1 is this modifier's own, the rest may be older. */
	if (st->c1 == '}') {
		m->width = 0;
		m->base = 'd';
	} else if (st->c2 == '}') {
		m->width = st->width;
		m->base = 'd';
	} else if (st->c2 == ',' && st->base != 0 && st->brace == '}') {
		m->width = st->width;
		m->base = st->base;
	} else {
		return why[n];
	}
	end = strchr(*tp, '}');
	*tp = end != NULL ? end + 1 : *tp + strlen(*tp);
	return NULL;
}

/* Nibble mode, for ip6.arpa: hex digits from the least significant, dot
 * separated, padded with "0" labels to WIDTH characters.  BIND counts the
 * dots in the width, so an even width ends in a dot ("${0,4,n}" is
 * "0.0.") -- which makes the owner absolute; named-checkzone agrees. */
static size_t
nibbles(char *buf, uint32_t v, uint32_t width, bool upper)
{
	const char *hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	size_t digits = 1, len, k;
	uint32_t rest;

	for (rest = v >> 4; rest != 0; rest >>= 4)
		digits++;
	len = 2 * digits - 1;
	if (width > len)
		len = width;
	for (k = 0; k < len; k++) {
		if (k % 2 == 1)
			buf[k] = '.';
		else if (k / 2 < 8)
			buf[k] = hex[(v >> (4 * (k / 2))) & 0xf];
		else
			buf[k] = '0';
	}
	buf[len] = '\0';
	return len;
}

static int
subst(int32_t it, int32_t delta, const struct mod *m, struct sink *s,
    char *err, size_t errlen)
{
	char num[SUBST_MAX + 1];
	int32_t v;
	int n;

	/* BIND refuses a sum above INT_MAX; it is never below INT_MIN
	 * because the iterator is not negative. */
	if (it > 0 && delta > INT32_MAX - it)
		return fail(err, errlen, RDA_ESYNTAX, "offset %ld overflows "
		    "iterator %ld (BIND: out of range)", (long)delta, (long)it);
	if (m->width > SUBST_MAX)
		return fail(err, errlen, RDA_ESYNTAX, "width %lu is over %d "
		    "(BIND: ran out of space)", (unsigned long)m->width,
		    SUBST_MAX);
	v = it + delta;
	switch (m->base) {
	case 'n':
	case 'N':
		n = (int)nibbles(num, (uint32_t)v, m->width, m->base == 'N');
		break;
	case 'o':
		n = snprintf(num, sizeof(num), "%0*o", (int)m->width,
		    (unsigned)(uint32_t)v);
		break;
	case 'x':
		n = snprintf(num, sizeof(num), "%0*x", (int)m->width,
		    (unsigned)(uint32_t)v);
		break;
	case 'X':
		n = snprintf(num, sizeof(num), "%0*X", (int)m->width,
		    (unsigned)(uint32_t)v);
		break;
	default:
		n = snprintf(num, sizeof(num), "%0*ld", (int)m->width,
		    (long)v);
		break;
	}
	put(s, num, (size_t)n);
	return 0;
}

/* Shows the start of a bad modifier in an error message. */
static int
mod_fail(const char *dollar, const char *why, char *err, size_t errlen)
{
	const char *end = strchr(dollar, '}');
	int len = end != NULL ? (int)(end - dollar) + 1 : (int)strlen(dollar);

	if (len > 40)
		len = 40;
	return fail(err, errlen, RDA_ESYNTAX, "bad modifier '%.*s': %s", len,
	    dollar, why);
}

static int
expand(const char *t, int32_t it, struct sink *s, char *err, size_t errlen)
{
	struct modstate st;
	struct mod m;
	const char *dollar, *why;
	int rc;

	memset(&st, 0, sizeof(st));
	while (*t != '\0') {
		if (*t == '\\') {
			put(s, t, t[1] != '\0' ? 2 : 1);
			t += t[1] != '\0' ? 2 : 1;
			continue;
		}
		if (*t != '$') {
			put(s, t++, 1);
			continue;
		}
		dollar = t++;
		if (*t == '$') {
			put(s, t++, 1);
			continue;
		}
		m.width = 0;
		m.base = 'd';
		if (*t == '{' && (why = mod_parse(&t, &st, &m)) != NULL)
			return mod_fail(dollar, why, err, errlen);
		if ((rc = subst(it, st.delta, &m, s, err, errlen)) < 0)
			return rc;
	}
	return 0;
}

static int
check_template(const char *what, const char *t, int32_t last, char *err,
    size_t errlen)
{
	struct sink s = { NULL, 0, 0 };
	char why[200];
	int rc;

	if ((rc = expand(t, last, &s, why, sizeof(why))) < 0)
		return fail(err, errlen, rc, "%s '%s': %s", what, t, why);
	return 0;
}

static char *
copy(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);

	if (d != NULL)
		memcpy(d, s, n);
	return d;
}

/* Reads the middle as BIND does and writes "[ttl] [class] type" to OUT.
 * *TOK holds the first token after lhs on entry, the type on return. */
static int
middle_parse(struct lex *lx, char **tok, struct gen *g, char *out,
    size_t outlen, char *err, size_t errlen)
{
	char cbuf[16], tbuf[32];
	uint16_t cls = 0;
	int rc;

	if (class_parse(*tok, &cls) &&
	    (rc = lex_need(lx, false, tok, err, errlen)) < 0)
		return rc;
	if (ttl_parse(*tok, &g->ttl)) {
		g->has_ttl = true;
		if ((rc = lex_need(lx, false, tok, err, errlen)) < 0)
			return rc;
	}
	/* A class may come after the TTL too -- unless one came before,
	 * where class 0 (CLASS0, RESERVED0) counts as none. */
	if (cls == 0 && class_parse(*tok, &cls) &&
	    (rc = lex_need(lx, false, tok, err, errlen)) < 0)
		return rc;
	g->rdclass = cls;
	if ((rc = type_check(*tok, tbuf, sizeof(tbuf), err, errlen)) < 0)
		return rc;
	/* TTL first: ldns 1.8.3 rejects class before TTL (NLnetLabs/ldns#279)
	 * although RFC 1035 §5.1 allows both orders. */
	out[0] = '\0';
	if (g->has_ttl)
		snprintf(out, outlen, "%lu ", (unsigned long)g->ttl);
	if (cls != 0)
		snprintf(out + strlen(out), outlen - strlen(out), "%s ",
		    class_name(cls, cbuf, sizeof(cbuf)));
	snprintf(out + strlen(out), outlen - strlen(out), "%s", tbuf);
	return 0;
}

int
gen_parse(const char *args, struct gen *g, char *err, size_t errlen)
{
	struct lex lx;
	char *scratch, *range, *lhs, *tok, *rhs;
	char middle[128];
	int32_t last;
	int rc;

	memset(g, 0, sizeof(*g));
	/* Every token is at most as long as its text, plus its NUL. */
	if ((scratch = malloc(2 * strlen(args) + 2)) == NULL)
		return fail(err, errlen, RDA_ENOMEM, "out of memory");
	lx.p = args;
	lx.paren = 0;
	lx.w = scratch;
	if ((rc = lex_need(&lx, false, &range, err, errlen)) < 0 ||
	    (rc = lex_need(&lx, false, &lhs, err, errlen)) < 0 ||
	    (rc = lex_need(&lx, false, &tok, err, errlen)) < 0 ||
	    (rc = middle_parse(&lx, &tok, g, middle, sizeof(middle), err,
	    errlen)) < 0 ||
	    (rc = lex_need(&lx, true, &rhs, err, errlen)) < 0)
		goto out;
	/* BIND parses each rhs with the directive's parenthesis count still
	 * open, so "A ( 1.2.3.$ )" fails there. */
	if (lx.paren != 0) {
		rc = fail(err, errlen, RDA_ESYNTAX, "unbalanced parentheses");
		goto out;
	}
	if ((rc = lex_end(&lx, err, errlen)) < 0 ||
	    (rc = range_parse(range, g, err, errlen)) < 0)
		goto out;
	/* The offset check is monotonic in the iterator, so the last value
	 * the range reaches is the one that can fail; syntax does not
	 * depend on the value at all. */
	last = (int32_t)(g->start + (g->stop - g->start) / g->step * g->step);
	if ((rc = check_template("lhs", lhs, last, err, errlen)) < 0 ||
	    (rc = check_template("rhs", rhs, last, err, errlen)) < 0)
		goto out;
	g->lhs = copy(lhs);
	g->middle = copy(middle);
	g->rhs = copy(rhs);
	if (g->lhs == NULL || g->middle == NULL || g->rhs == NULL)
		rc = fail(err, errlen, RDA_ENOMEM, "out of memory");
out:
	free(scratch);
	if (rc < 0)
		gen_clear(g);
	return rc < 0 ? rc : 0;
}

uint64_t
gen_count(const struct gen *g)
{
	if (g->step == 0 || g->stop < g->start)
		return 0;
	return (g->stop - g->start) / g->step + 1;
}

int
gen_line(const struct gen *g, uint64_t i, char *out, size_t outlen,
    char *err, size_t errlen)
{
	struct sink s = { out, outlen, 0 };
	int rc;

	if (i > GEN_ITER_MAX) {
		rc = fail(err, errlen, RDA_ELIMIT, "iterator %llu is over %d",
		    (unsigned long long)i, GEN_ITER_MAX);
		goto out;
	}
	if ((rc = expand(g->lhs, (int32_t)i, &s, err, errlen)) < 0)
		goto out;
	put(&s, " ", 1);
	put(&s, g->middle, strlen(g->middle));
	put(&s, " ", 1);
	if ((rc = expand(g->rhs, (int32_t)i, &s, err, errlen)) < 0)
		goto out;
	if (s.len >= outlen)
		rc = fail(err, errlen, RDA_ELIMIT, "generated record does not "
		    "fit in %zu bytes", outlen);
out:
	if (outlen > 0)
		out[rc < 0 ? 0 : s.len] = '\0';
	return rc;
}

void
gen_clear(struct gen *g)
{
	free(g->lhs);
	free(g->middle);
	free(g->rhs);
	memset(g, 0, sizeof(*g));
}
