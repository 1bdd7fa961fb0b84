/* test_reader.c -- unit tests for zones/reader.c, the logical record
 * splitter.
 *
 * Each case is the bytes of a master file, read from memory (fmemopen),
 * and the records reader_next() must return in order: the text (or, for
 * an error, a substring of the reason), the first physical line and the
 * blank-owner flag.  Long inputs (READER_MAX, block boundaries) are built
 * at run time in their own tests.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "zones/reader.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* One result of reader_next(): RC 1 with TEXT exactly, RC RDA_ESYNTAX
 * with TEXT a substring of the reason, or RC 0 (end; TEXT unused).
 * FIRST 0 means "don't care"; BLANK is checked for RC 1 only. */
struct want {
	int rc;
	unsigned first;
	const char *text;
	bool blank;
};

struct rcase {
	const char *name;
	const char *in;
	size_t len;		/* 0: strlen(in); BIN() with NULs */
	struct want out[8];	/* up to and including {0} */
};

/* A string literal and its length, NULs included. */
#define BIN(s) s, sizeof(s) - 1

#define END { 0, 0, NULL, false }
#define REC(line, text) { 1, line, text, false }
#define BLANK(line, text) { 1, line, text, true }
#define ERR(line, why) { RDA_ESYNTAX, line, why, false }

static const struct rcase cases[] = {
	{ "two plain records", "a A 192.0.2.1\nb A 192.0.2.2\n", 0,
	  { REC(1, "a A 192.0.2.1"), REC(2, "b A 192.0.2.2"), END } },
	{ "empty file", "", 0, { END } },
	{ "comments and blanks only", "; one\n\n   \n\t; two\n", 0, { END } },
	{ "blanks without a newline", "  \t ", 0, { END } },
	{ "first line after comments and blank lines",
	  "; header\n\n   \n\t; indented comment\nwww A 192.0.2.1 ; trailing\n",
	  0, { REC(5, "www A 192.0.2.1 "), END } },
	{ "blank lines between records",
	  "a A 192.0.2.1\n\n\n; c\nb A 192.0.2.2\n\n", 0,
	  { REC(1, "a A 192.0.2.1"), REC(5, "b A 192.0.2.2"), END } },
	/* Parentheses and the line breaks inside them become blanks, the
	 * comments go; the record after a multi-line one starts on the
	 * line after the ')'. */
	{ "multi-line SOA",
	  "$TTL 300\n"
	  "@ IN SOA ns. host. (\n"
	  "\t1 ; serial\n"
	  "\t2 3 4 5 )\n"
	  "www A 192.0.2.1\n", 0,
	  { REC(1, "$TTL 300"),
	    REC(2, "@ IN SOA ns. host.   \t1  \t2 3 4 5  "),
	    REC(5, "www A 192.0.2.1"), END } },
	{ "multi-line SOA after comments",
	  "; c\n\n@ SOA ns. host. (\n1 2\n\n; inner comment\n3 4 5)\n\n"
	  "x A 192.0.2.1\n", 0,
	  { REC(3, "@ SOA ns. host.   1 2   3 4 5 "),
	    REC(9, "x A 192.0.2.1"), END } },
	{ "nested parentheses", "s TXT ( a ( b ) c )\nt A 192.0.2.1\n", 0,
	  { REC(1, "s TXT   a   b   c  "), REC(2, "t A 192.0.2.1"), END } },
	{ "')' in a comment inside parentheses",
	  "s SOA ns. h. ( 1 ; ) not closing\n 2 3 4 5 )\nn A 192.0.2.1\n", 0,
	  { REC(1, "s SOA ns. h.   1   2 3 4 5  "),
	    REC(3, "n A 192.0.2.1"), END } },
	{ "comment with quotes and parentheses",
	  "a A 192.0.2.1 ; it's \"quoted ( \\\nb A 192.0.2.2\n", 0,
	  { REC(1, "a A 192.0.2.1 "), REC(2, "b A 192.0.2.2"), END } },
	/* ';' inside quotes and an escaped '\;' are text, not comments. */
	{ "semicolons kept in quotes and escaped",
	  "t TXT \"a;b\" c\\;d ; gone\n", 0,
	  { REC(1, "t TXT \"a;b\" c\\;d "), END } },
	{ "parentheses inside quotes",
	  "t TXT \"(\" \"c)d\"\nu TXT \")(\"\n", 0,
	  { REC(1, "t TXT \"(\" \"c)d\""), REC(2, "u TXT \")(\""), END } },
	{ "quoted text inside parentheses",
	  "t TXT ( \"a ) b\"\n \"c\" )\nu A 192.0.2.1\n", 0,
	  { REC(1, "t TXT   \"a ) b\"  \"c\"  "), REC(3, "u A 192.0.2.1"),
	    END } },
	/* Escapes: \" does not end a quote, \( and \) do not group, \\ is a
	 * backslash so the '(' after it does group. */
	{ "escaped quote inside quotes",
	  "t TXT \"a\\\"b (\" c\nu A 192.0.2.1\n", 0,
	  { REC(1, "t TXT \"a\\\"b (\" c"), REC(2, "u A 192.0.2.1"), END } },
	{ "escaped parentheses",
	  "t TXT a\\(b c\\)\nu A 192.0.2.1\n", 0,
	  { REC(1, "t TXT a\\(b c\\)"), REC(2, "u A 192.0.2.1"), END } },
	{ "escaped backslash before a parenthesis",
	  "t TXT a\\\\( b\n c )\nu A 192.0.2.1\n", 0,
	  { REC(1, "t TXT a\\\\  b  c  "), REC(3, "u A 192.0.2.1"), END } },
	{ "escaped backslash before a quote",
	  "t TXT \"a\\\\\" b\nu A 192.0.2.1\n", 0,
	  { REC(1, "t TXT \"a\\\\\" b"), REC(2, "u A 192.0.2.1"), END } },
	{ "CRLF line ends",
	  "a A 192.0.2.1\r\n\r\nb A 192.0.2.2 ; c\r\ns SOA ns. h. (\r\n"
	  " 1 2 3 4 5 )\r\nt TXT \"x\"\r\n", 0,
	  { REC(1, "a A 192.0.2.1"), REC(3, "b A 192.0.2.2 "),
	    REC(4, "s SOA ns. h.    1 2 3 4 5  "), REC(6, "t TXT \"x\""),
	    END } },
	/* A lone CR (old Mac line ends) is an error: taken as a blank it
	 * would join a whole CR-only file into one record.  The next LF
	 * line is read again. */
	{ "lone CR", "a A\r192.0.2.1\nb\rA 192.0.2.2\r\nc A 192.0.2.3\n", 0,
	  { ERR(1, "carriage return without a line feed"),
	    ERR(2, "carriage return without a line feed"),
	    REC(3, "c A 192.0.2.3"), END } },
	{ "missing final newline", "a A 192.0.2.1\nb A 192.0.2.2", 0,
	  { REC(1, "a A 192.0.2.1"), REC(2, "b A 192.0.2.2"), END } },
	{ "missing final newline after ')'",
	  "a A 192.0.2.1\ns SOA ns. h. (\n1 2 3 4 5 )", 0,
	  { REC(1, "a A 192.0.2.1"), REC(2, "s SOA ns. h.   1 2 3 4 5  "),
	    END } },
	{ "missing final newline after a comment",
	  "a A 192.0.2.1 ; c", 0, { REC(1, "a A 192.0.2.1 "), END } },
	{ "blank owners",
	  "a A 192.0.2.1\n\tA 192.0.2.2\n  AAAA 2001:db8::1\n\n ; c\n"
	  " TXT x\nb A 192.0.2.3\n", 0,
	  { REC(1, "a A 192.0.2.1"), BLANK(2, "\tA 192.0.2.2"),
	    BLANK(3, "  AAAA 2001:db8::1"), BLANK(6, " TXT x"),
	    REC(7, "b A 192.0.2.3"), END } },
	{ "blank owner on a multi-line record",
	  "a A 192.0.2.1\n SOA ns. h. (\n 1 2 3 4 5 )\n", 0,
	  { REC(1, "a A 192.0.2.1"), BLANK(2, " SOA ns. h.    1 2 3 4 5  "),
	    END } },
	/* Errors: the reason, the record's first line, and the next record
	 * is read normally. */
	{ "NUL byte", BIN("a A 192.0.2.1\nb TXT x\0y\nc A 192.0.2.3\n"),
	  { REC(1, "a A 192.0.2.1"), ERR(2, "NUL byte"),
	    REC(3, "c A 192.0.2.3"), END } },
	{ "NUL byte inside a multi-line record",
	  BIN("a A 192.0.2.1\ns SOA ns. h. (\n 1 2\0\n 3 4 5 )\n"
	  "c A 192.0.2.3\n"),
	  { REC(1, "a A 192.0.2.1"), ERR(2, "NUL byte"),
	    REC(5, "c A 192.0.2.3"), END } },
	{ "NUL byte in a comment", BIN("; \0\nc A 192.0.2.3\n"),
	  { ERR(1, "NUL byte"), REC(2, "c A 192.0.2.3"), END } },
	{ "unbalanced ')'",
	  "a A 192.0.2.1\nb A 192.0.2.2 )\nc A 192.0.2.3\n", 0,
	  { REC(1, "a A 192.0.2.1"), ERR(2, "')' without a matching '('"),
	    REC(3, "c A 192.0.2.3"), END } },
	{ "'(' never closed",
	  "a A 192.0.2.1\n\ns SOA ns. h. ( 1 2\n 3 4\n", 0,
	  { REC(1, "a A 192.0.2.1"),
	    ERR(3, "'(' is never closed (opened on line 3)"), END } },
	{ "'(' reopened on a later line of the record",
	  "s SOA ns. h. ( 1\n 2 ) (\n 3\n", 0,
	  { ERR(1, "'(' is never closed (opened on line 2)"), END } },
	{ "quote past the end of the line",
	  "t TXT \"abc\nb A 192.0.2.2\n", 0,
	  { ERR(1, "a quoted string runs past the end of the line"),
	    REC(2, "b A 192.0.2.2"), END } },
	{ "quote open at the end of the file", "a A 192.0.2.1\nt TXT \"abc",
	  0, { REC(1, "a A 192.0.2.1"),
	    ERR(2, "end of file inside a quoted string"), END } },
	{ "UTF-8 byte order mark",
	  "\xef\xbb\xbf$TTL 300\nwww A 192.0.2.1\n", 0,
	  { ERR(1, "UTF-8 byte order mark"), REC(2, "www A 192.0.2.1"),
	    END } },
	{ "BOM bytes later in the file are text",
	  "t TXT \xef\xbb\xbf\n\xef\xbb\xbf A 192.0.2.1\n", 0,
	  { REC(1, "t TXT \xef\xbb\xbf"), REC(2, "\xef\xbb\xbf A 192.0.2.1"),
	    END } },
};

/* Reads IN (LEN bytes) and compares the results with W (NW entries, the
 * last one END).  Mismatches are printed with NAME; returns their count. */
static int
check_reads(const char *name, const char *in, size_t len,
    const struct want *w, size_t nw)
{
	struct reader *r = malloc(sizeof(*r));
	char err[512];
	FILE *fp;
	size_t i;
	int rc, bad = 0;

	assert_non_null(r);
	/* fmemopen() needs at least one byte; an empty file is a tmpfile. */
	fp = len > 0 ? fmemopen((void *)(uintptr_t)in, len, "r") : tmpfile();
	assert_non_null(fp);
	reader_init(r, fp);
	for (i = 0; i < nw; i++) {
		err[0] = '\0';
		rc = reader_next(r, err, sizeof(err));
		if (rc != w[i].rc) {
			print_error("%s: result %zu: rc %d (reason \"%s\", "
			    "text \"%.80s\"), want %d\n", name, i, rc, err,
			    rc == 1 ? r->text : "", w[i].rc);
			bad++;
			break;
		}
		if (rc == 0)
			break;
		if (w[i].first != 0 && r->first != w[i].first) {
			print_error("%s: result %zu: first line %u, want %u\n",
			    name, i, r->first, w[i].first);
			bad++;
		}
		if (rc == 1 && strcmp(r->text, w[i].text) != 0) {
			print_error("%s: result %zu: text \"%.200s\", want "
			    "\"%.200s\"\n", name, i, r->text, w[i].text);
			bad++;
		}
		if (rc == 1 && r->blank_owner != w[i].blank) {
			print_error("%s: result %zu: blank_owner %d, want %d\n",
			    name, i, r->blank_owner, w[i].blank);
			bad++;
		}
		if (rc != 1 && strstr(err, w[i].text) == NULL) {
			print_error("%s: result %zu: reason \"%s\", want "
			    "\"%s\" in it\n", name, i, err, w[i].text);
			bad++;
		}
	}
	/* After the end, reader_next() keeps returning 0. */
	if (bad == 0 && reader_next(r, err, sizeof(err)) != 0) {
		print_error("%s: a record after the end\n", name);
		bad++;
	}
	reader_clear(r);
	fclose(fp);
	free(r);
	return bad;
}

static size_t
want_len(const struct want *w, size_t max)
{
	size_t n = 0;

	while (n < max && !(w[n].rc == 0 && w[n].text == NULL))
		n++;
	return n < max ? n + 1 : max;
}

static int
check_case(const struct rcase *c)
{
	return check_reads(c->name, c->in, c->len ? c->len : strlen(c->in),
	    c->out, want_len(c->out, ARRAY_LEN(c->out)));
}

/* Every row is run; the failures are listed together. */
static void
test_table(void **state)
{
	size_t i;
	int bad = 0;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++)
		bad += check_case(&cases[i]);
	assert_int_equal(bad, 0);
}

/* The first record of IN (NUL-terminated) as reader_next() gives it,
 * copied into OUT (OUTLEN bytes); returns reader_next()'s result.  The
 * second record must start on line 2. */
static int
first_record(const char *in, char *out, size_t outlen)
{
	struct reader *r = malloc(sizeof(*r));
	char err[256];
	FILE *fp = fmemopen((void *)(uintptr_t)in, strlen(in), "r");
	int rc;

	assert_non_null(r);
	assert_non_null(fp);
	reader_init(r, fp);
	rc = reader_next(r, err, sizeof(err));
	snprintf(out, outlen, "%s", rc == 1 ? r->text : err);
	assert_int_equal(reader_next(r, err, sizeof(err)), 1);
	assert_int_equal(r->first, 2);
	assert_string_equal(r->text, "u A 192.0.2.1");
	reader_clear(r);
	fclose(fp);
	free(r);
	return rc;
}

/* A backslash at the end of a line: an error, the same with CRLF line
 * ends as with LF ones (first_record() checks the next record). */
static void
test_backslash_crlf(void **state)
{
	char lf[512], crlf[512];

	(void)state;
	/* A backslash cannot escape the line end (BIND: syntax error); with
	 * CRLF line ends the CR must not hide that, and in both cases the
	 * next record is read. */
	assert_int_equal(first_record("t TXT a\\\nu A 192.0.2.1\n", lf,
	    sizeof(lf)), RDA_ESYNTAX);
	assert_int_equal(first_record("t TXT a\\\r\nu A 192.0.2.1\r\n", crlf,
	    sizeof(crlf)), RDA_ESYNTAX);
	assert_string_equal(crlf, lf);
	assert_non_null(strstr(lf, "backslash at the end of a line"));
}

/* Builds PREFIX, N copies of FILL, then SUFFIX; returns it malloc'd with
 * its length in *LEN. */
static char *
build(const char *prefix, char fill, size_t n, const char *suffix,
    size_t *len)
{
	size_t p = strlen(prefix), s = strlen(suffix);
	char *b = malloc(p + n + s + 1);

	assert_non_null(b);
	memcpy(b, prefix, p);
	memset(b + p, fill, n);
	memcpy(b + p + n, suffix, s + 1);
	*len = p + n + s;
	return b;
}

/* The longest record kept is READER_MAX - 1 bytes of text (plus the NUL);
 * one byte more is an error, and the reader goes on after it. */
static void
test_max_length(void **state)
{
	const char *pre = "t TXT ";
	size_t len, body = READER_MAX - 1 - strlen(pre);
	char *in, *text;
	struct want w[4];

	(void)state;
	in = build(pre, 'x', body, "\nu A 192.0.2.1\n", &len);
	text = build(pre, 'x', body, "", &len);
	w[0] = (struct want)REC(1, text);
	w[1] = (struct want)REC(2, "u A 192.0.2.1");
	w[2] = (struct want)END;
	len = strlen(in);
	assert_int_equal(check_reads("READER_MAX - 1", in, len, w, 3), 0);
	free(in);
	free(text);

	in = build(pre, 'x', body + 1, "\nu A 192.0.2.1\n", &len);
	w[0] = (struct want)ERR(1, "record longer than 512 KiB");
	assert_int_equal(check_reads("READER_MAX", in, len, w, 3), 0);
	free(in);
}

/* A record far over READER_MAX, spread over lines inside parentheses with
 * quotes and comments: the error names its first line and the next record
 * is found where it starts. */
static void
test_too_long_recovery(void **state)
{
	size_t len, i, off = 0, chunk = 200 * 1024;
	char *in = malloc(5 * chunk);
	struct want w[5];

	(void)state;
	assert_non_null(in);
	off += (size_t)sprintf(in + off, "a A 192.0.2.1\n\nbig TXT (\n");
	for (i = 0; i < 3; i++) {
		memset(in + off, 'y', chunk);
		off += chunk;
		off += (size_t)sprintf(in + off, " \"q ) ;\" ; ) comment\n");
	}
	off += (size_t)sprintf(in + off, ")\nu A 192.0.2.2\n");
	len = off;
	w[0] = (struct want)REC(1, "a A 192.0.2.1");
	w[1] = (struct want)ERR(3, "record longer than 512 KiB");
	w[2] = (struct want)REC(8, "u A 192.0.2.2");
	w[3] = (struct want)END;
	assert_int_equal(check_reads("too long, multi-line", in, len, w, 4),
	    0);

	/* Same on one line, with a NUL far past the limit: still one error,
	 * still the right next line. */
	off = (size_t)sprintf(in, "big TXT ");
	memset(in + off, 'z', 3 * chunk);
	off += 3 * chunk;
	in[off - 10] = '\0';
	off += (size_t)sprintf(in + off, "\nu A 192.0.2.2\n");
	w[0] = (struct want)ERR(1, "");
	w[1] = (struct want)REC(2, "u A 192.0.2.2");
	w[2] = (struct want)END;
	assert_int_equal(check_reads("too long with NUL", in, off, w, 3), 0);
	free(in);
}

/* The reader reads 64 KiB blocks: a CRLF split across two blocks, and a
 * record across a block boundary, read as if there were none. */
static void
test_block_boundaries(void **state)
{
	const char *pre = "t TXT ";
	size_t len, n = 65536 - 1 - strlen(pre);
	char *in, *text;
	struct want w[4];

	(void)state;
	/* The CR is the last byte of the first block. */
	in = build(pre, 'x', n, "\r\nu A 192.0.2.1\r\n", &len);
	assert_int_equal(in[65535], '\r');
	text = build(pre, 'x', n, "", &len);
	w[0] = (struct want)REC(1, text);
	w[1] = (struct want)REC(2, "u A 192.0.2.1");
	w[2] = (struct want)END;
	len = strlen(in);
	assert_int_equal(check_reads("CRLF across blocks", in, len, w, 3), 0);
	free(in);
	free(text);

	/* A parenthesised record whose '(' and ')' are in different blocks. */
	in = build("s TXT ( ", 'x', 70000, "\n )\nu A 192.0.2.1\n", &len);
	text = build("s TXT   ", 'x', 70000, "   ", &len);
	w[0] = (struct want)REC(1, text);
	w[1] = (struct want)REC(3, "u A 192.0.2.1");
	len = strlen(in);
	assert_int_equal(check_reads("record across blocks", in, len, w, 3),
	    0);
	free(in);
	free(text);
}

/* Many records: line numbers stay exact over many blocks. */
static void
test_many_lines(void **state)
{
	size_t n = 50000, i, off = 0;
	char *in = malloc(n * 40);
	struct reader *r = malloc(sizeof(*r));
	char err[256], want[64];
	FILE *fp;

	(void)state;
	assert_non_null(in);
	assert_non_null(r);
	for (i = 0; i < n; i++) {
		if (i % 3 == 0)
			off += (size_t)sprintf(in + off, "; comment %zu\n", i);
		else
			off += (size_t)sprintf(in + off, "h%zu A 192.0.2.1\n",
			    i);
	}
	fp = fmemopen(in, off, "r");
	assert_non_null(fp);
	reader_init(r, fp);
	for (i = 0; i < n; i++) {
		if (i % 3 == 0)
			continue;
		assert_int_equal(reader_next(r, err, sizeof(err)), 1);
		assert_int_equal(r->first, i + 1);
		snprintf(want, sizeof(want), "h%zu A 192.0.2.1", i);
		assert_string_equal(r->text, want);
	}
	assert_int_equal(reader_next(r, err, sizeof(err)), 0);
	assert_int_equal(r->line, n);
	reader_clear(r);
	fclose(fp);
	free(r);
	free(in);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_backslash_crlf),
		cmocka_unit_test(test_max_length),
		cmocka_unit_test(test_too_long_recovery),
		cmocka_unit_test(test_block_boundaries),
		cmocka_unit_test(test_many_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
