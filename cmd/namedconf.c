/* namedconf.c -- zones from a BIND named.conf; see namedconf.h.
 *
 * A named.conf is a list of statements `word ... [{ statements }] ... ;`.
 * The lexer knows strings, braces, ';' and the three comment styles; the
 * parser reads the few statements that name zone files and skips every
 * other statement by counting braces, so options it does not know are no
 * error.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "cmd/namedconf.h"
#include "core/err.h"

#define MAX_INCLUDE 16
#define MAX_CONF (16 << 20)

enum tok { T_EOF, T_WORD, T_STR, T_OPEN, T_CLOSE, T_SEMI, T_ERR };

struct lex {
	const char *file;
	char *buf;
	size_t pos, len;
	unsigned line;		/* of the next character */
	unsigned tline;		/* of the last token */
	char *text;		/* last word or string, NUL-terminated */
	size_t cap;
};

struct ctx {
	FILE *diag;
	unsigned errors;
	char *top_dir;		/* directory of the named.conf given */
	char *directory;	/* options directory, resolved; or NULL */
	struct nc_zones *out;
	char **raw;		/* zone file as written, per zone */
	char *stack[MAX_INCLUDE];	/* real paths being read */
	int depth;
};

static void __attribute__((format(printf, 4, 5)))
diag(struct ctx *c, const char *file, unsigned line, const char *fmt, ...)
{
	va_list ap;

	c->errors++;
	rda_fputs_safe(file, c->diag);
	if (line > 0)
		fprintf(c->diag, ":%u: error: ", line);
	else
		fputs(": error: ", c->diag);
	va_start(ap, fmt);
	rda_vfprintf_safe(c->diag, fmt, ap);
	va_end(ap);
	putc('\n', c->diag);
}

static void __attribute__((format(printf, 4, 5)))
warn(struct ctx *c, const char *file, unsigned line, const char *fmt, ...)
{
	va_list ap;

	rda_fputs_safe(file, c->diag);
	fprintf(c->diag, ":%u: warning: ", line);
	va_start(ap, fmt);
	rda_vfprintf_safe(c->diag, fmt, ap);
	va_end(ap);
	putc('\n', c->diag);
}

static int
text_put(struct lex *l, size_t n, char ch)
{
	char *p;

	if (n + 2 > l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 256;

		if ((p = realloc(l->text, cap)) == NULL)
			return -1;
		l->text = p;
		l->cap = cap;
	}
	l->text[n] = ch;
	l->text[n + 1] = '\0';
	return 0;
}

/* Skips blanks and comments; returns false at an unterminated comment. */
static bool
skip_space(struct lex *l)
{
	while (l->pos < l->len) {
		char ch = l->buf[l->pos];

		if (ch == '\n') {
			l->line++;
			l->pos++;
		} else if (isspace((unsigned char)ch)) {
			l->pos++;
		} else if (ch == '#' || (ch == '/' && l->pos + 1 < l->len &&
		    l->buf[l->pos + 1] == '/')) {
			while (l->pos < l->len && l->buf[l->pos] != '\n')
				l->pos++;
		} else if (ch == '/' && l->pos + 1 < l->len &&
		    l->buf[l->pos + 1] == '*') {
			unsigned start = l->line;

			for (l->pos += 2; l->pos + 1 < l->len &&
			    !(l->buf[l->pos] == '*' &&
			    l->buf[l->pos + 1] == '/'); l->pos++)
				if (l->buf[l->pos] == '\n')
					l->line++;
			if (l->pos + 1 >= l->len) {
				l->tline = start;
				l->pos = l->len;
				return false;
			}
			l->pos += 2;
		} else
			break;
	}
	return true;
}

static enum tok
next(struct lex *l)
{
	size_t n = 0;
	char ch;

	if (!skip_space(l))
		return T_ERR;
	l->tline = l->line;
	if (l->pos >= l->len)
		return T_EOF;
	ch = l->buf[l->pos++];
	if (ch == '{')
		return T_OPEN;
	if (ch == '}')
		return T_CLOSE;
	if (ch == ';')
		return T_SEMI;
	if (text_put(l, 0, '\0') < 0)
		return T_ERR;
	if (ch == '"') {
		while (l->pos < l->len && l->buf[l->pos] != '"') {
			ch = l->buf[l->pos++];
			if (ch == '\\' && l->pos < l->len)
				ch = l->buf[l->pos++];
			if (ch == '\n')
				l->line++;
			if (text_put(l, n++, ch) < 0)
				return T_ERR;
		}
		if (l->pos >= l->len)
			return T_ERR;
		l->pos++;
		return T_STR;
	}
	l->pos--;
	while (l->pos < l->len) {
		ch = l->buf[l->pos];
		if (isspace((unsigned char)ch) || strchr("{};\"#", ch) ||
		    (ch == '/' && l->pos + 1 < l->len &&
		    strchr("/*", l->buf[l->pos + 1])))
			break;
		if (text_put(l, n++, ch) < 0)
			return T_ERR;
		l->pos++;
	}
	return T_WORD;
}

static void
lex_error(struct ctx *c, struct lex *l, enum tok t, const char *expected)
{
	if (t == T_ERR)
		diag(c, l->file, l->tline, "a string or comment that starts "
		    "here is never closed");
	else if (t == T_EOF)
		diag(c, l->file, l->tline, "unexpected end of file; expected "
		    "%s", expected);
	else
		diag(c, l->file, l->tline, "expected %s", expected);
}

/* Skips the rest of a statement: up to the ';' that closes it, counting
 * braces.  Returns false after an error. */
static bool
skip_stmt(struct ctx *c, struct lex *l)
{
	int depth = 0;
	enum tok t;

	for (;;) {
		switch ((t = next(l))) {
		case T_OPEN:
			depth++;
			break;
		case T_CLOSE:
			if (--depth < 0) {
				diag(c, l->file, l->tline, "'}' where a "
				    "statement needs its ';'");
				return false;
			}
			break;
		case T_SEMI:
			if (depth == 0)
				return true;
			break;
		case T_WORD:
		case T_STR:
			break;
		default:
			lex_error(c, l, t, "';' to end the statement");
			return false;
		}
	}
}

static char *
join(const char *dir, const char *path)
{
	char *p;

	if (path[0] == '/' || dir == NULL || dir[0] == '\0' ||
	    strcmp(dir, ".") == 0)
		return strdup(path);
	if (asprintf(&p, "%s/%s", dir, path) < 0)
		return NULL;
	return p;
}

static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return strdup("");
	return strndup(path, (size_t)(slash - path) + (slash == path));
}

/* A block `{ key value; ... };` of which the keys in KEYS are wanted:
 * VALS[i] receives a copy of the value of KEYS[i] (a word or string).
 * Called after the '{'; consumes up to the closing "};". */
static bool
block(struct ctx *c, struct lex *l, const char *const *keys, char **vals,
    unsigned *lines, size_t nk)
{
	enum tok t;
	size_t k;

	for (;;) {
		t = next(l);
		if (t == T_CLOSE)
			break;
		if (t == T_SEMI)
			continue;
		if (t != T_WORD && t != T_STR) {
			lex_error(c, l, t, "a statement or '}'");
			return false;
		}
		for (k = 0; k < nk; k++)
			if (t == T_WORD && strcmp(l->text, keys[k]) == 0)
				break;
		if (k == nk) {
			if (!skip_stmt(c, l))
				return false;
			continue;
		}
		t = next(l);
		if (t != T_WORD && t != T_STR) {
			lex_error(c, l, t, "a value");
			return false;
		}
		free(vals[k]);
		if ((vals[k] = strdup(l->text)) == NULL)
			return false;
		lines[k] = l->tline;
		if ((t = next(l)) != T_SEMI) {
			lex_error(c, l, t, "';'");
			return false;
		}
	}
	if ((t = next(l)) != T_SEMI) {
		lex_error(c, l, t, "';' after '}'");
		return false;
	}
	return true;
}

static bool
do_options(struct ctx *c, struct lex *l)
{
	static const char *const keys[] = {"directory"};
	char *val[1] = {NULL};
	unsigned line[1] = {0};
	enum tok t;

	if ((t = next(l)) != T_OPEN) {
		lex_error(c, l, t, "'{' after options");
		return false;
	}
	if (!block(c, l, keys, val, line, 1)) {
		free(val[0]);
		return false;
	}
	if (val[0] != NULL) {
		free(c->directory);
		c->directory = join(c->top_dir, val[0]);
		free(val[0]);
	}
	return true;
}

static bool
same_zone(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la > 1 && a[la - 1] == '.')
		la--;
	if (lb > 1 && b[lb - 1] == '.')
		lb--;
	return la == lb && strncasecmp(a, b, la) == 0;
}

static bool
add_zone(struct ctx *c, struct lex *l, const char *origin, unsigned line,
    const char *file)
{
	struct nc_zones *o = c->out;
	void *p;
	size_t i;

	/* Refused here, at its zone, not later as a file that cannot be
	 * opened under no name at all. */
	if (file[0] == '\0') {
		diag(c, l->file, line, "zone \"%s\": an empty file name",
		    origin);
		return true;
	}
	for (i = 0; i < o->n; i++)
		if (same_zone(o->z[i].origin, origin)) {
			diag(c, l->file, line, "duplicate zone \"%s\" (first "
			    "at %s:%u)", origin, o->z[i].conf, o->z[i].line);
			return true;
		}
	if ((p = realloc(o->z, (o->n + 1) * sizeof(*o->z))) == NULL)
		return false;
	o->z = p;
	if ((p = realloc(c->raw, (o->n + 1) * sizeof(*c->raw))) == NULL)
		return false;
	c->raw = p;
	o->z[o->n].origin = strdup(origin);
	o->z[o->n].file = NULL;
	o->z[o->n].conf = strdup(l->file);
	o->z[o->n].line = line;
	c->raw[o->n++] = strdup(file);
	return true;
}

static bool
do_zone(struct ctx *c, struct lex *l)
{
	static const char *const keys[] = {"type", "file", "in-view"};
	char *val[3] = {NULL, NULL, NULL}, *origin = NULL;
	unsigned lines[3], line = l->tline;
	bool ok = false, in = true;
	enum tok t;

	if ((t = next(l)) != T_STR && t != T_WORD) {
		lex_error(c, l, t, "a zone name after zone");
		return false;
	}
	if ((origin = strdup(l->text)) == NULL)
		return false;
	if ((t = next(l)) == T_WORD) {
		in = strcasecmp(l->text, "IN") == 0;
		t = next(l);
	}
	if (t == T_SEMI) {
		diag(c, l->file, line, "zone \"%s\" has no { } block",
		    origin);
		free(origin);
		return true;
	}
	if (t != T_OPEN) {
		lex_error(c, l, t, "'{' after the zone name");
		goto out;
	}
	if (!block(c, l, keys, val, lines, 3))
		goto out;
	ok = true;
	if (!in || val[2] != NULL)
		goto out;
	if (origin[0] == '\0') {
		diag(c, l->file, line, "zone \"\": an empty zone name (the "
		    "root zone is \".\")");
		goto out;
	}
	if (val[0] == NULL) {
		diag(c, l->file, line, "zone \"%s\" has no type", origin);
		goto out;
	}
	if (strcmp(val[0], "primary") == 0 || strcmp(val[0], "master") == 0) {
		if (val[1] == NULL)
			diag(c, l->file, line, "zone \"%s\" (type %s) has no "
			    "file", origin, val[0]);
		else
			ok = add_zone(c, l, origin, line, val[1]);
	} else if (strcmp(val[0], "secondary") == 0 ||
	    strcmp(val[0], "slave") == 0) {
		if (val[1] == NULL)
			warn(c, l->file, line, "zone \"%s\" (type %s) has no "
			    "file to read; skipped", origin, val[0]);
		else
			ok = add_zone(c, l, origin, line, val[1]);
	}
out:
	free(origin);
	free(val[0]);
	free(val[1]);
	free(val[2]);
	return ok;
}

static bool read_file(struct ctx *c, const char *path, const char *from,
    unsigned fromline);

static bool
do_include(struct ctx *c, struct lex *l)
{
	char *dir, *path;
	enum tok t;
	unsigned line = l->tline;
	bool ok;

	if ((t = next(l)) != T_STR && t != T_WORD) {
		lex_error(c, l, t, "a file name after include");
		return false;
	}
	dir = dir_of(l->file);
	path = dir != NULL ? join(dir, l->text) : NULL;
	free(dir);
	if (path == NULL)
		return false;
	if ((t = next(l)) != T_SEMI) {
		lex_error(c, l, t, "';' after the include file name");
		free(path);
		return false;
	}
	ok = read_file(c, path, l->file, line);
	free(path);
	return ok;
}

static bool
statements(struct ctx *c, struct lex *l)
{
	enum tok t;

	for (;;) {
		t = next(l);
		if (t == T_EOF)
			return true;
		if (t == T_SEMI)
			continue;
		if (t != T_WORD) {
			lex_error(c, l, t, "a statement");
			return false;
		}
		if (strcmp(l->text, "options") == 0) {
			if (!do_options(c, l))
				return false;
		} else if (strcmp(l->text, "zone") == 0) {
			if (!do_zone(c, l))
				return false;
		} else if (strcmp(l->text, "include") == 0) {
			if (!do_include(c, l))
				return false;
		} else {
			if (strcmp(l->text, "view") == 0)
				warn(c, l->file, l->tline, "zones inside view "
				    "blocks are not read; list them with "
				    "--zone or in the configuration");
			if (!skip_stmt(c, l))
				return false;
		}
	}
}

static char *
slurp(struct ctx *c, const char *path, const char *from, unsigned fromline,
    size_t *len)
{
	FILE *fp = NULL;
	struct stat st;
	char *buf = NULL;
	int fd;

	/* O_NONBLOCK: an include of a FIFO must not hang the audit (fopen()
	 * would wait for a writer); only regular files are read. */
	if ((fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK)) >= 0 &&
	    (fp = fdopen(fd, "r")) == NULL)
		close(fd);
	if (fp == NULL || fstat(fileno(fp), &st) < 0 ||
	    !S_ISREG(st.st_mode) || st.st_size > MAX_CONF) {
		if (from != NULL)
			diag(c, from, fromline, "cannot include '%s': %s", path,
			    fp == NULL ? strerror(errno) :
			    "not a regular file of at most 16 MiB");
		else
			diag(c, path, 0, "cannot read: %s", fp == NULL ?
			    strerror(errno) :
			    "not a regular file of at most 16 MiB");
		if (fp != NULL)
			fclose(fp);
		return NULL;
	}
	if ((buf = malloc((size_t)st.st_size + 1)) != NULL) {
		*len = fread(buf, 1, (size_t)st.st_size, fp);
		buf[*len] = '\0';
		/* A NUL byte is no text: the lexer's character classes
		 * (strchr) would take it for a separator and stop moving. */
		if (memchr(buf, '\0', *len) != NULL) {
			diag(c, from != NULL ? from : path, from != NULL ?
			    fromline : 0, "%s: NUL byte: not a named.conf "
			    "file", path);
			free(buf);
			buf = NULL;
		}
	}
	fclose(fp);
	return buf;
}

static bool
read_file(struct ctx *c, const char *path, const char *from,
    unsigned fromline)
{
	struct lex l = {0};
	char *real;
	int i;
	bool ok;

	if (c->depth == MAX_INCLUDE) {
		diag(c, from, fromline, "includes nested more than %d deep",
		    MAX_INCLUDE);
		return false;
	}
	if ((real = realpath(path, NULL)) != NULL)
		for (i = 0; i < c->depth; i++)
			if (strcmp(c->stack[i], real) == 0) {
				diag(c, from, fromline, "'%s' includes itself "
				    "(an include loop)", path);
				free(real);
				return false;
			}
	l.file = path;
	l.line = 1;
	if ((l.buf = slurp(c, path, from, fromline, &l.len)) == NULL) {
		free(real);
		return false;
	}
	c->stack[c->depth++] = real;
	ok = statements(c, &l);
	c->depth--;
	free(real);
	free(l.buf);
	free(l.text);
	return ok;
}

void
namedconf_free(struct nc_zones *z)
{
	size_t i;

	for (i = 0; i < z->n; i++) {
		free(z->z[i].origin);
		free(z->z[i].file);
		free(z->z[i].conf);
	}
	free(z->z);
	z->z = NULL;
	z->n = 0;
}

int
namedconf_read(const char *path, struct nc_zones *out, FILE *diagout)
{
	struct ctx c = {0};
	size_t i;
	bool ok;

	memset(out, 0, sizeof(*out));
	c.diag = diagout;
	c.out = out;
	if ((c.top_dir = dir_of(path)) == NULL)
		return -1;
	ok = read_file(&c, path, NULL, 0);
	for (i = 0; i < out->n; i++) {
		out->z[i].file = join(c.directory != NULL ? c.directory :
		    c.top_dir, c.raw[i]);
		if (out->z[i].file == NULL)
			ok = false;
		free(c.raw[i]);
	}
	free(c.raw);
	free(c.directory);
	free(c.top_dir);
	if (!ok || c.errors > 0) {
		namedconf_free(out);
		return -1;
	}
	return 0;
}
