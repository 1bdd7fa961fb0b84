/* reader.c -- logical records of a master file; see reader.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "zones/reader.h"

void
reader_init(struct reader *r, FILE *fp)
{
	memset(r, 0, sizeof(*r));
	r->fp = fp;
}

void
reader_clear(struct reader *r)
{
	free(r->text);
	r->text = NULL;
}

/* Next byte, or -1 at the end of the file, -2 on a read error. */
static int
getbyte(struct reader *r)
{
	if (r->pos == r->end) {
		if (r->eof)
			return -1;
		r->end = fread(r->blk, 1, sizeof(r->blk), r->fp);
		r->pos = 0;
		if (r->end == 0) {
			r->eof = true;
			return ferror(r->fp) ? -2 : -1;
		}
	}
	r->bytes++;
	return r->blk[r->pos++];
}

static int
peekbyte(struct reader *r)
{
	int c = getbyte(r);

	if (c >= 0) {
		r->pos--;
		r->bytes--;
	}
	return c;
}

/* Appends C; past READER_MAX the record is only consumed, not stored. */
static int
put(struct reader *r, char c)
{
	char *t;

	if (r->len + 2 > READER_MAX)
		return RDA_ELIMIT;
	if (r->len + 2 > r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 256;

		if ((t = realloc(r->text, cap)) == NULL)
			return RDA_ENOMEM;
		r->text = t;
		r->cap = cap;
	}
	r->text[r->len++] = c;
	return 0;
}

/* Appends the N bytes at P, all ordinary; as put() for each. */
static int
put_run(struct reader *r, const unsigned char *p, size_t n)
{
	char *t;
	size_t cap;

	if (r->len + n + 1 > READER_MAX)
		return RDA_ELIMIT;
	if (r->len + n + 2 > r->cap) {
		for (cap = r->cap ? r->cap : 256; cap < r->len + n + 2;)
			cap *= 2;
		if ((t = realloc(r->text, cap)) == NULL)
			return RDA_ENOMEM;
		r->text = t;
		r->cap = cap;
	}
	memcpy(r->text + r->len, p, n);
	r->len += n;
	return 0;
}

/* Bytes scan_byte() stores as they are outside quotes, comments and
 * escapes: everything but the line end and the bytes it interprets (one
 * table load per byte). */
static const bool special[256] = {
	[0] = true, ['\n'] = true, ['\r'] = true, ['\\'] = true,
	['"'] = true, [';'] = true, ['('] = true, [')'] = true,
};

static inline bool
ordinary(unsigned char c)
{
	return !special[c];
}

/* The state of one record being read. */
struct scan {
	int depth;		/* open parentheses */
	unsigned paren_line;	/* line of the outermost open one */
	bool quote, comment, escape, started;
	const char *bad;	/* first problem seen, if any */
};

static void
fail(struct scan *s, const char *why)
{
	if (s->bad == NULL)
		s->bad = why;
}

/* Handles one byte C that is not a line end.  Returns put()'s error. */
static int
scan_byte(struct reader *r, struct scan *s, int c)
{
	if (c == 0) {
		fail(s, "NUL byte in the text: this is not a zone file");
		return 0;
	}
	if (s->comment)
		return 0;
	if (s->escape) {
		/* "\" then CRLF: the CR goes, and the line end handles the
		 * backslash as it does before a plain LF. */
		if (c == '\r' && peekbyte(r) == '\n')
			return 0;
		s->escape = false;
		return put(r, (char)c);
	}
	if (c == '\\') {
		s->escape = true;
		return put(r, '\\');
	}
	if (c == '"') {
		s->quote = !s->quote;
		return put(r, '"');
	}
	if (s->quote)
		return put(r, (char)c);
	switch (c) {
	case ';':
		s->comment = true;
		return 0;
	case '(':
		if (s->depth++ == 0)
			s->paren_line = r->line + 1;
		return put(r, ' ');
	case ')':
		if (s->depth == 0) {
			fail(s, "')' without a matching '('");
			return 0;
		}
		s->depth--;
		return put(r, ' ');
	case '\r':
		/* CRLF line ends: the CR is dropped.  A lone CR is an old
		 * Mac line end: taken as a blank, it would join the whole
		 * file into one record whose first word decides what it is
		 * (a "$TTL 300 ..." line swallowing every record after). */
		if (peekbyte(r) == '\n')
			return 0;
		fail(s, "carriage return without a line feed (old Mac line "
		    "ends?): save the file with LF or CRLF line ends");
		return put(r, ' ');
	default:
		return put(r, (char)c);
	}
}

static bool
blank_text(const char *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i] != ' ' && t[i] != '\t')
			return false;
	return true;
}

int
reader_next(struct reader *r, char *err, size_t errlen)
{
	struct scan s;
	int c, rc;
	bool toolong;

again:
	memset(&s, 0, sizeof(s));
	toolong = false;
	r->len = 0;
	r->first = r->line + 1;
	r->blank_owner = false;
	for (;;) {
		/* Runs of ordinary bytes are copied at once, and a comment
		 * is skipped to its line end, in the current block; what
		 * ends a run goes through scan_byte() as before. */
		if (s.started && !s.quote && !s.escape && r->pos < r->end) {
			size_t i = r->pos;

			if (s.comment) {
				while (i < r->end && r->blk[i] != '\n' &&
				    r->blk[i] != 0)
					i++;
			} else {
				while (i < r->end && ordinary(r->blk[i]))
					i++;
				if (i > r->pos) {
					rc = put_run(r, r->blk + r->pos,
					    i - r->pos);
					if (rc == RDA_ELIMIT)
						toolong = true;
					else if (rc < 0)
						return rc;
				}
			}
			r->bytes += (long long)(i - r->pos);
			r->pos = i;
			if (i == r->end)
				continue;
		}
		c = getbyte(r);
		if (c == -2)
			return RDA_EIO;
		if (c == -1)
			break;
		if (r->len == 0 && !s.started) {
			s.started = true;
			r->blank_owner = (c == ' ' || c == '\t');
			/* A UTF-8 byte order mark would become part of the
			 * first owner name (BIND then fails obscurely). */
			if (c == 0xef && r->line == 0 && r->bytes == 1) {
				fail(&s, "the file starts with a UTF-8 byte order "
				    "mark; save it without one");
			}
		}
		if (c == '\n') {
			r->line++;
			s.comment = false;
			if (s.escape) {
				/* BIND: a backslash cannot escape the line
				 * end. */
				fail(&s, "a backslash at the end of a line "
				    "escapes nothing");
				s.escape = false;
			}
			if (s.quote) {
				fail(&s, "unbalanced quotes: a quoted string "
				    "runs past the end of the line");
				s.quote = false;
			}
			if (s.depth > 0) {
				if (put(r, ' ') == RDA_ELIMIT)
					toolong = true;
				continue;
			}
			break;
		}
		/* Past READER_MAX the state is still followed, so the
		 * record ends where it should, but nothing is stored. */
		rc = scan_byte(r, &s, c);
		if (rc == RDA_ELIMIT)
			toolong = true;
		else if (rc < 0)
			return rc;
	}
	if (c == -1 && s.depth > 0)
		fail(&s, "end of file inside parentheses: a '(' is never "
		    "closed");
	if (c == -1 && s.quote)
		fail(&s, "end of file inside a quoted string");
	if (toolong && s.bad == NULL)
		s.bad = "record longer than 512 KiB";
	/* Nothing stored yet (an empty file, or only comments): make room
	 * for the NUL without counting it as text. */
	if (r->text == NULL) {
		if (put(r, 0) < 0)
			return RDA_ENOMEM;
		r->len = 0;
	}
	r->text[r->len] = '\0';
	if (s.bad != NULL) {
		snprintf(err, errlen, "%s", s.bad);
		if (s.depth > 0 && c == -1)
			snprintf(err, errlen, "%s (opened on line %u)", s.bad,
			    s.paren_line);
		return RDA_ESYNTAX;
	}
	if (blank_text(r->text, r->len)) {
		if (c == -1)
			return 0;
		goto again;
	}
	return 1;
}
