/* test_gen.c -- $GENERATE parsing and expansion against BIND 9.18.
 *
 * "checkzone" in a comment means the expected text was seen in the output
 * of named-checkzone 9.18.49 (-D -o -) for the same $GENERATE line; the
 * "bind9 tests" cases are BIND's own bin/tests/system/checkzone zones.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "zones/gen.h"

struct good {
	const char *args;
	uint64_t i;
	const char *line;
};

static const struct good good[] = {
	/* Zero padding and offsets (checkzone: h001, 1.2.3.0). */
	{ "1-2 host${0,3} A 10.0.0.$", 1, "host001 A 10.0.0.1" },
	{ "1-2 h$ A 1.2.3.${-1}", 1, "h1 A 1.2.3.0" },
	{ "0-0 h$ TXT ${-3}", 0, "h0 TXT -3" },
	/* bind9 tests good-generate-modifier.db. */
	{ "0-7   host$\tA 1.2.3.${1,0,d}", 0, "host0 A 1.2.3.1" },
	{ "8-9   host$\tA 1.2.3.${1,0}", 8, "host8 A 1.2.3.9" },
	{ "10-11 host$\tA 1.2.3.${1}", 11, "host11 A 1.2.3.12" },
	{ "1024-1026 ${0,3,n}\tAAAA 2001:db8::${0,4,x}", 1024,
	  "0.0.4 AAAA 2001:db8::0400" },
	/* Negative values in nibble mode are their 32-bit pattern
	 * (checkzone: 0.3.c.f.f.f.f.f). */
	{ "1024-1026 ${-2000,0,n}\tAAAA 2001:db8::${0,4,x}", 1024,
	  "0.3.c.f.f.f.f.f AAAA 2001:db8::0400" },
	/* Every base; o, x and X print a negative value as unsigned 32-bit
	 * (checkzone). */
	{ "1-2 h${0,3,d} TXT ${0,5,o}-${0,5,x}-${250,5,X}", 1,
	  "h001 TXT 00001-00001-000FB" },
	{ "1-1 h$ TXT ${-3}-${-3,4}-${-3,4,o}-${-3,4,x}-${-3,4,X}", 1,
	  "h1 TXT -2--002-37777777776-fffffffe-FFFFFFFE" },
	{ "0-0 h$ TXT \"${0,3,o}|${8,0,o}|${0,0,x}|${0,0,d}|${0,1,d}\"", 0,
	  "h0 TXT 000|10|0|0|0" },
	/* $$ is a dollar, a lone trailing $ the iterator (checkzone). */
	{ "0-0 h$ TXT a$$b$$$", 0, "h0 TXT a$b$0" },
	/* Escapes are copied whole; ldns reads \$ as '$' (checkzone: owner
	 * h\$, TXT "a$b", "a\\0b", owner h\032N). */
	{ "1-2 h\\$ A 1.2.3.$", 1, "h\\$ A 1.2.3.1" },
	{ "0-0 h$ TXT a\\$b", 0, "h0 TXT a\\$b" },
	{ "0-0 h$ TXT a\\\\$b", 0, "h0 TXT a\\\\0b" },
	{ "1-1 h\\ $ TXT a", 1, "h\\ 1 TXT a" },
	/* The offset carries over to later bare $ in the same template
	 * (checkzone: h5-5 TXT "0|10|10|-01|$|-1"). */
	{ "0-1 h${5}-$ TXT \"$|${10}|$|${-1,3}|$$|$\"", 0,
	  "h5-5 TXT 0|10|10|-01|$|-1" },
	{ "0-1 h${5}-$ TXT \"$|${10}|$|${-1,3}|$$|$\"", 1,
	  "h6-6 TXT 1|11|11|000|$|0" },
	{ "0-0 h$ TXT \"${5,3}|$|${-5,2,x}|$\"", 0,
	  "h0 TXT 005|5|fffffffb|-5" },
	/* All of sscanf's fields carry over: a field a modifier does not
	 * convert keeps the earlier modifier's value (checkzone, each line;
	 * the last one was found by a random differential run). */
	{ "0-0 h$ TXT \"${1,3,x}|${2,}\"", 0, "h0 TXT 001|002" },
	{ "0-0 h$ TXT \"${1,3}|${2,x}\"", 0, "h0 TXT 001|002" },
	{ "0-0 h$ TXT \"${0,2}|${1,3x\"", 0, "h0 TXT 00|001" },
	{ "0-0 h$ TXT \"${1}5,x}|${2,}\"", 0, "h0 TXT 15,x}|00002" },
	{ "0-0 h$ TXT \"${1,4,N}|${2,,d}\"", 0, "h0 TXT 1.0.|2.0." },
	{ "0-0 h$ TXT \"${1,4,N}|${2,3,q}\"", 0, "h0 TXT 1.0.|2.0" },
	{ "0-0 h$ TXT \"${1,4,N}|${2,3,d\"", 0, "h0 TXT 1.0.|002" },
	{ "0-0 h$ TXT \"${1,4,N}|${2,3,dx}|$\"", 0, "h0 TXT 1.0.|002|2" },
	{ "32-33 h$ TXT \"$|${801065,4,N}|${-2207997,,N}|$\"", 32,
	  "h32 TXT 32|9.4.9.3.C|3.2.F.4.E.D.F.F|-2207965" },
	{ "0-0 h${1,3,x}-$ TXT ${2}", 0, "h001-1 TXT 2" },
	/* Nibble widths count the dots, so even widths end in '.'
	 * (checkzone, all four lines). */
	{ "0-0 h$ TXT \"${0,0,n}|${0,1,n}|${0,2,n}|${0,3,n}|${0,4,n}|"
	  "${0,5,n}\"", 0, "h0 TXT 0|0|0.|0.0|0.0.|0.0.0" },
	{ "0-0 h$ TXT \"${255,0,n}|${255,1,n}|${255,2,n}|${255,3,n}|"
	  "${255,4,n}|${255,5,n}|${255,6,n}\"", 0,
	  "h0 TXT f.f|f.f|f.f|f.f|f.f.|f.f.0|f.f.0." },
	{ "0-0 h$ TXT \"${4660,0,N}|${43981,7,N}|${43981,8,n}\"", 0,
	  "h0 TXT 4.3.2.1|D.C.B.A|d.c.b.a." },
	{ "0-0 h$ TXT \"${-1,0,n}|${-1,20,N}\"", 0,
	  "h0 TXT f.f.f.f.f.f.f.f|F.F.F.F.F.F.F.F.0.0." },
	{ "0-2 ${0,1,x}.0.0.0 PTR host-${0,2,X}.example.", 2,
	  "2.0.0.0 PTR host-02.example." },
	/* Blanks and '+' inside a quoted modifier (checkzone: 5-005-005). */
	{ "0-0 h$ TXT \"${ 5}-${5, 3}-${5,+3}\"", 0, "h0 TXT 5-005-005" },
	{ "0-0 h$ TXT ${+5}", 0, "h0 TXT 5" },
	{ "0-0 h$ TXT ${010}|${1,010}", 0, "h0 TXT 10|0000000001" },
	/* Text after the modifier's first '}' is literal (checkzone). */
	{ "0-0 h$ TXT ${1,3}x}", 0, "h0 TXT 001x}" },
	{ "0-0 h$ TXT ${1}}", 0, "h0 TXT 1}" },
	{ "1-1 h$ TXT \"${1}5,x}\"", 1, "h1 TXT 25,x}" },
	/* Offsets and widths are read modulo 2^32 (checkzone:
	 * 0|000|0|-1|-1|0, -1, 0, 1). */
	{ "0-0 h$ TXT \"${0,4294967296}|${0,4294967299}|${0,-4294967295}|"
	  "${4294967295}|${-4294967297}|${0,-0}\"", 0,
	  "h0 TXT 0|000|0|-1|-1|0" },
	{ "0-0 h$ TXT ${99999999999999999999}", 0, "h0 TXT -1" },
	{ "0-0 h$ TXT ${-99999999999999999999}", 0, "h0 TXT 0" },
	{ "1-1 h$ TXT ${-99999999999999999999}", 1, "h1 TXT 1" },
	/* Up to INT_MAX is fine (checkzone). */
	{ "1-1 h$ TXT ${2147483646}", 1, "h1 TXT 2147483647" },
	{ "0-0 h$ TXT ${2147483647}", 0, "h0 TXT 2147483647" },
	{ "2147483640-2147483640 h$ TXT \"${7}|$\"", 2147483640,
	  "h2147483640 TXT 2147483647|2147483647" },
	/* Steps (checkzone: h1 h4 h7 h10; 19 only, generate-overflow.db). */
	{ "1-10/3 h$ A 1.2.3.$", 7, "h7 A 1.2.3.7" },
	{ "0-2147483647/2147483647 h$ A 1.2.3.4", 2147483647,
	  "h2147483647 A 1.2.3.4" },
	{ "19-28/2147483645\t$ CNAME x", 19, "19 CNAME x" },
	/* The rhs is one token; quote it to get blanks (checkzone). */
	{ "1-2 h$ MX \"10 mail$\"", 2, "h2 MX 10 mail2" },
	{ "1-2 h$ TXT \"\\\"x\\\"\"", 1, "h1 TXT \"x\"" },
	{ "1-2 h$ TXT \"a\\;b c\"", 1, "h1 TXT a\\;b c" },
	/* The middle is [class] [ttl] [class] type, written back TTL first
	 * with the TTL in seconds (checkzone: TTL 300, 5400, 30, 788645). */
	{ "1-2 h$ IN 300 A 1.2.3.$", 1, "h1 300 IN A 1.2.3.1" },
	{ "1-2 h$ 300 IN A 1.2.3.$", 1, "h1 300 IN A 1.2.3.1" },
	{ "1-2 h$ in A 1.2.3.$", 1, "h1 IN A 1.2.3.1" },
	{ "1-2 h$ 1h30m A 1.2.3.$", 1, "h1 5400 A 1.2.3.1" },
	{ "1-2 h$ 0h30 A 1.2.3.$", 1, "h1 30 A 1.2.3.1" },
	{ "1-2 h$ 1W2D3H4M5S A 1.2.3.$", 1, "h1 788645 A 1.2.3.1" },
	/* checkzone takes it, then warns "> MAXTTL, setting $TTL to 0". */
	{ "1-1 h$ 7101w A 1.2.3.$", 1, "h1 4294684800 A 1.2.3.1" },
	/* CLASSnnn and class 0 (checkzone: CLASS1 is IN; CLASS0 and
	 * RESERVED0 count as no class, so a second class may follow). */
	{ "1-2 h$ CLASS1 300 A 1.2.3.$", 1, "h1 300 IN A 1.2.3.1" },
	{ "1-1 h$ CLASS0 IN A 1.2.3.$", 1, "h1 IN A 1.2.3.1" },
	{ "1-1 h$ RESERVED0 300 chaos A 1.2.3.$", 1, "h1 300 CH A 1.2.3.1" },
	{ "1-1 h$ CLASS-0 A 1.2.3.$", 1, "h1 A 1.2.3.1" },
	{ "1-1 h$ CLASS65535 A 1.2.3.$", 1, "h1 CLASS65535 A 1.2.3.1" },
	/* TYPEnnn as BIND reads it (checkzone: all load as A). */
	{ "1-1 h$ type01 1.2.3.$", 1, "h1 TYPE1 1.2.3.1" },
	{ "1-1 h$ TYPE+1 1.2.3.$", 1, "h1 TYPE1 1.2.3.1" },
	{ "1-1 h$ TYPE00001 1.2.3.$", 1, "h1 TYPE1 1.2.3.1" },
	/* Comments, blanks and parentheses (checkzone). */
	{ "1-2 h$ A 1.2.3.$ ; comment", 2, "h2 A 1.2.3.2" },
	{ "1-2 h$ A 1.2.3.$;comment ( x", 2, "h2 A 1.2.3.2" },
	{ "  \t1-2 h$ A 1.2.3.$  ", 1, "h1 A 1.2.3.1" },
	{ "1-2 ( h$ ) A 1.2.3.$", 1, "h1 A 1.2.3.1" },
	{ "1-2 ( h$\n A ) 1.2.3.$", 1, "h1 A 1.2.3.1" },
	{ "1-2 h$ A 1.2.3.$ ()", 1, "h1 A 1.2.3.1" },
	{ "1-2 h$ A 1.2.3.$\n; next line\n", 1, "h1 A 1.2.3.1" },
	/* Loose ranges BIND accepts (checkzone: h1 h2, h1 h3 h5, h0). */
	{ "+1-+2 h$ A 1.2.3.4", 2, "h2 A 1.2.3.4" },
	{ "1-2x h$ A 1.2.3.4", 2, "h2 A 1.2.3.4" },
	{ "1-5/2x h$ A 1.2.3.4", 5, "h5 A 1.2.3.4" },
	{ "0-0x5 h$ A 1.2.3.4", 0, "h0 A 1.2.3.4" },
};

struct range {
	const char *args;
	uint64_t start, stop, step, count;
	bool odd;
};

static const struct range ranges[] = {
	{ "1-2 h$ A 1.2.3.4", 1, 2, 1, 2, false },
	{ "1-10/3 h$ A 1.2.3.4", 1, 10, 3, 4, false },
	{ "5-5 h$ A 1.2.3.4", 5, 5, 1, 1, false },
	{ "0-9/10 h$ A 1.2.3.4", 0, 9, 10, 1, false },
	/* The largest range BIND takes: counted, never walked. */
	{ "0-2147483647 h$ A 1.2.3.4", 0, 2147483647, 1, 2147483648ULL,
	  false },
	{ "0-2147483647/2147483647 h$ A 1.2.3.4", 0, 2147483647,
	  2147483647, 2, false },
	{ "19-28/2147483645 $ CNAME x", 19, 28, 2147483645, 1, false },
	{ "+1-+2 h$ A 1.2.3.4", 1, 2, 1, 2, false },
	/* Read modulo 2^32 or with text ignored (checkzone: h0; h1; h1 h2;
	 * h0 h1 h2; h1 h2; h1 h2 h3; h1 h2; h1 h3 h5; h0). */
	{ "0-4294967296 h$ A 1.2.3.4", 0, 0, 1, 1, true },
	{ "1-4294967297 h$ A 1.2.3.4", 1, 1, 1, 1, true },
	{ "4294967297-4294967298 h$ A 1.2.3.4", 1, 2, 1, 2, true },
	{ "-99999999999999999999-2 h$ A 1.2.3.4", 0, 2, 1, 3, true },
	{ "-4294967295-2 h$ A 1.2.3.4", 1, 2, 1, 2, true },
	{ "1-3/4294967297 h$ A 1.2.3.4", 1, 3, 1, 3, true },
	{ "1-2x h$ A 1.2.3.4", 1, 2, 1, 2, true },
	{ "1-5/2x h$ A 1.2.3.4", 1, 5, 2, 3, true },
	{ "0-0x5 h$ A 1.2.3.4", 0, 0, 1, 1, true },
};

struct bad {
	const char *args;
	const char *why;
};

static const struct bad bad[] = {
	/* Missing pieces (checkzone: unexpected end of line). */
	{ "", "unexpected end of line" },
	{ "   ; only a comment", "unexpected end of line" },
	{ "1-2", "unexpected end of line" },
	{ "1-2 h$", "unexpected end of line" },
	{ "1-2 h$ A", "unexpected end of line" },
	{ "1-2 h$ 300 IN A", "unexpected end of line" },
	{ "1-2 h$;x A 1.2.3.$", "unexpected end of line" },
	{ "1-2 h$\nA 1.2.3.$", "unexpected end of line" },
	/* Ranges (checkzone: invalid range; bind9 tests bad2/3/4.db). */
	{ "5-1 h$ A 1.2.3.4", "bad range '5-1': stop is less than start" },
	{ "1-3/0\t$ A\t1.2.3.$", "step is less than 1" },
	{ "1-3/\t$ A\t1.2.3.$", "no step after '/'" },
	{ "1-3/-1 h$ A 1.2.3.4", "step is less than 1" },
	{ "9--10 host$ 3600 A 192.0.2.$", "stop is negative" },
	{ "-1-2 h$ A 1.2.3.4", "start is negative" },
	{ "0-4294967295 h$ A 1.2.3.4",
	  "stop is negative (BIND reads each number modulo 2^32)" },
	{ "0-2147483648 h$ A 1.2.3.4", "stop is negative" },
	{ "99999999999999999999-1 h$ A 1.2.3.4", "start is negative" },
	{ "0x1-5 h$ A 1.2.3.4", "expected start-stop[/step]" },
	{ "1 h$ A 1.2.3.4", "expected start-stop[/step]" },
	{ "a-b h$ A 1.2.3.4", "expected start-stop[/step]" },
	/* One rhs token only (checkzone: extra input text). */
	{ "1-2 h$ MX 10 mail$", "extra input text 'mail$'" },
	{ "1-2 h$ A \"1.2.3.$\"x", "extra input text 'x'" },
	{ "1-2 h$ A 1.2.3.$ \"x\"", "extra input text 'x'" },
	{ "1-2 h$ A 1.2.3.\"$\"", "extra input text '$'" },
	{ "1-2 h$ TXT \"a\\\\\"b\"", "extra input text 'b'" },
	/* Quotes (checkzone: syntax error, unbalanced quotes). */
	{ "1-2 \"h$\" A 1.2.3.$", "only the rhs may be quoted" },
	{ "1-2 h$ \"A\" 1.2.3.$", "only the rhs may be quoted" },
	{ "1-2 h$ TXT \"abc", "unbalanced quotes" },
	{ "1-2 h$ TXT \"abc\ndef\"", "unbalanced quotes" },
	/* Parentheses (checkzone: unbalanced parentheses). */
	{ "1-2 h$ A ( 1.2.3.$ )", "unbalanced parentheses" },
	{ "1-2 h$ A (1.2.3.$)", "unbalanced parentheses" },
	{ "1-2 h$ A 1.2.3.$ )", "unbalanced parentheses" },
	{ "1-2 h$ A 1.2.3.$ (", "unbalanced parentheses" },
	{ "1-2 ( h$ A 1.2.3.$", "unbalanced parentheses" },
	/* Not a TTL, so taken as the type (checkzone: unknown RR type). */
	{ "1-2 h$ 1h30 A 1.2.3.$", "unknown RR type '1h30'" },
	{ "1-2 h$ 1h0 A 1.2.3.$", "unknown RR type '1h0'" },
	{ "1-2 h$ 1hh A 1.2.3.$", "unknown RR type '1hh'" },
	{ "1-2 h$ 4294967296 A 1.2.3.$", "unknown RR type '4294967296'" },
	{ "1-2 h$ 7102w A 1.2.3.$", "unknown RR type '7102w'" },
	{ "1-2 h$ 4294967295s1s A 1.2.3.$", "unknown RR type" },
	{ "1-2 h$ 0000000000000000000000000000000000000000000000000000000000"
	  "000001 A 1.2.3.$", "unknown RR type" },
	{ "1-2 h$ 300 300 A", "unknown RR type '300'" },
	/* One class after the TTL at most (checkzone). */
	{ "1-2 h$ IN 300 IN A 1.2.3.$", "unknown RR type 'IN'" },
	{ "1-2 h$ IN IN A 1.2.3.$", "unknown RR type 'IN'" },
	{ "1-2 h$ 300 CLASS0 IN A 1.2.3.$", "unknown RR type 'IN'" },
	{ "1-2 h$ CLASS65536 A 1.2.3.$", "unknown RR type 'CLASS65536'" },
	{ "1-2 h$ CLASS000001 A 1.2.3.$", "unknown RR type 'CLASS000001'" },
	{ "1-2 h$ CLASS-1 A 1.2.3.$", "unknown RR type 'CLASS-1'" },
	{ "1-2 h$ CLASS1x A 1.2.3.$", "unknown RR type 'CLASS1x'" },
	{ "1-2 h$ TYPE65536 1.2.3.$", "unknown RR type 'TYPE65536'" },
	{ "1-2 h$ TYPE000001 1.2.3.$", "unknown RR type 'TYPE000001'" },
	/* Meta types (checkzone: meta RR type; bad-generate-tkey.db). */
	{ "0-7   tkey$\tTKEY \"invalid.algorithm. 1516055980 1516140801 1 "
	  "0 16 gRof8D2BFKvl/vrr9Lmnjw== 16 gRof8D2BFKvl/vrr9Lmnjw==\"",
	  "meta RR type 'TKEY'" },
	{ "1-1 h$ tsig x", "meta RR type 'tsig'" },
	{ "1-1 h$ OPT x", "meta RR type 'OPT'" },
	{ "1-1 h$ AXFR x", "meta RR type 'AXFR'" },
	{ "1-1 h$ IXFR x", "meta RR type 'IXFR'" },
	{ "1-1 h$ MAILA x", "meta RR type 'MAILA'" },
	{ "1-1 h$ MAILB x", "meta RR type 'MAILB'" },
	{ "1-1 h$ IN ANY x", "meta RR type 'ANY'" },
	{ "1-1 h$ TYPE41 x", "meta RR type 'TYPE41'" },
	{ "1-1 h$ TYPE128 x", "meta RR type 'TYPE128'" },
	{ "1-1 h$ TYPE248 x", "meta RR type 'TYPE248'" },
	{ "1-1 h$ TYPE255 x", "meta RR type 'TYPE255'" },
	/* Modifiers (checkzone: syntax error; bind9 tests
	 * bad-generate-garbage.db and bad-generate-missing-brace.db). */
	{ "0-7   host$\tA 1.2.3.${1,0,dgarbagegarbage}",
	  "rhs '1.2.3.${1,0,dgarbagegarbage}': bad modifier "
	  "'${1,0,dgarbagegarbage}': no '}' after the base" },
	{ "0-7   host$\tA 1.2.3.${1000",
	  "bad modifier '${1000': no ',' or '}' after the offset" },
	{ "1-2 h${x} A 1.2.3.4", "lhs 'h${x}': bad modifier '${x}': "
	  "the offset is not a number" },
	{ "0-0 h$ TXT ${}", "the offset is not a number" },
	{ "0-0 h$ TXT ${,3}", "the offset is not a number" },
	{ "0-0 h$ TXT ${-}", "the offset is not a number" },
	{ "0-0 h$ TXT ${1,}", "the width is not a number" },
	{ "0-0 h$ TXT ${1,x}", "the width is not a number" },
	{ "0-0 h$ TXT ${1,3,}", "the base is not one of d o x X n N" },
	{ "0-0 h$ TXT ${1,3,q}", "the base is not one of d o x X n N" },
	{ "0-0 h$ TXT ${1,3,D}", "the base is not one of d o x X n N" },
	{ "0-0 h$ TXT ${1,3,dx}", "no '}' after the base" },
	{ "0-0 h$ TXT ${1,3,d", "no '}' after the base" },
	{ "0-0 h$ TXT ${1x}", "no ',' or '}' after the offset" },
	{ "0-0 h$ TXT ${0x10}", "no ',' or '}' after the offset" },
	{ "0-0 h$ TXT ${1,0x3}", "no ',' or '}' after the width" },
	{ "0-0 h$ TXT \"${5 }\"", "no ',' or '}' after the offset" },
	{ "0-0 h$ TXT \"${5,3 }\"", "no ',' or '}' after the width" },
	{ "0-0 h$ TXT \"${5,3, d}\"", "the base is not one of d o x X n N" },
	{ "0-0 h$ TXT \"${5,3,d }\"", "no '}' after the base" },
	{ "0-0 h$ TXT ${", "the offset is not a number" },
	/* Nothing to carry over from (checkzone: syntax error). */
	{ "0-0 h$ TXT ${1,,N}", "the width is not a number" },
	{ "0-0 h$ TXT ${1,3,x}|${2", "no ',' or '}' after the offset" },
	{ "0-0 h$ TXT ${1}|${2,}", "the width is not a number" },
	/* lhs and rhs do not share it. */
	{ "0-0 h${1,3,x}|$ TXT \"${2,}\"", "rhs '${2,}': bad modifier" },
	/* Offset overflow (checkzone: out of range; bad-generate-range.db),
	 * found at parse time even when only the last value overflows. */
	{ "1-1   host$\tTXT foo${2147483647}",
	  "offset 2147483647 overflows iterator 1" },
	{ "2147483640-2147483641 h$ TXT ${7}",
	  "offset 7 overflows iterator 2147483641" },
	{ "2147483640-2147483640 h$ TXT ${8}", "overflows" },
	{ "1-1 h$ TXT ${2147483647}-$", "overflows" },
	/* Substitutions over 127 characters (checkzone: ran out of space). */
	{ "0-0 h$ TXT ${0,128}", "width 128 is over 127" },
	{ "0-0 h$ TXT ${0,-1}", "width 4294967295 is over 127" },
	{ "0-0 h$ TXT ${0,99999999999999999999}", "width 4294967295" },
	{ "0-0 h$ TXT ${0,128,n}", "width 128 is over 127" },
	{ "0-0 h$ TXT ${0,4294967295,n}", "is over 127" },
};

static void
test_good(void **state)
{
	char line[GEN_LINE_MAX], err[256];
	struct gen g;
	size_t k;

	(void)state;
	for (k = 0; k < sizeof(good) / sizeof(good[0]); k++) {
		err[0] = '\0';
		if (gen_parse(good[k].args, &g, err, sizeof(err)) != 0)
			fail_msg("parse '%s': %s", good[k].args, err);
		if (gen_line(&g, good[k].i, line, sizeof(line), err,
		    sizeof(err)) != 0)
			fail_msg("line '%s' at %llu: %s", good[k].args,
			    (unsigned long long)good[k].i, err);
		if (strcmp(line, good[k].line) != 0)
			fail_msg("'%s' at %llu:\n got  '%s'\n want '%s'",
			    good[k].args, (unsigned long long)good[k].i, line,
			    good[k].line);
		gen_clear(&g);
	}
}

static void
test_ranges(void **state)
{
	char err[256];
	struct gen g;
	size_t k;

	(void)state;
	for (k = 0; k < sizeof(ranges) / sizeof(ranges[0]); k++) {
		if (gen_parse(ranges[k].args, &g, err, sizeof(err)) != 0)
			fail_msg("parse '%s': %s", ranges[k].args, err);
		if (g.start != ranges[k].start || g.stop != ranges[k].stop ||
		    g.step != ranges[k].step || g.range_odd != ranges[k].odd ||
		    gen_count(&g) != ranges[k].count)
			fail_msg("'%s': got %llu-%llu/%llu count %llu odd %d",
			    ranges[k].args, (unsigned long long)g.start,
			    (unsigned long long)g.stop,
			    (unsigned long long)g.step,
			    (unsigned long long)gen_count(&g), g.range_odd);
		gen_clear(&g);
	}
}

static void
test_bad(void **state)
{
	char err[256];
	struct gen g;
	size_t k;
	int rc;

	(void)state;
	for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		memset(err, 0, sizeof(err));
		rc = gen_parse(bad[k].args, &g, err, sizeof(err));
		if (rc != RDA_ESYNTAX)
			fail_msg("'%s': returned %d, want RDA_ESYNTAX",
			    bad[k].args, rc);
		if (strstr(err, bad[k].why) == NULL)
			fail_msg("'%s':\n got  '%s'\n want '%s'", bad[k].args,
			    err, bad[k].why);
		if (strchr(err, '\n') != NULL)
			fail_msg("'%s': reason is not one line", bad[k].args);
		/* A failed parse leaves nothing to free. */
		assert_null(g.lhs);
		assert_null(g.middle);
		assert_null(g.rhs);
	}
}

/* The explicit TTL and class are reported for the loader. */
static void
test_fields(void **state)
{
	char err[256];
	struct gen g;

	(void)state;
	assert_int_equal(gen_parse("1-2 h$ IN 1h A x", &g, err, sizeof(err)),
	    0);
	assert_true(g.has_ttl);
	assert_int_equal(g.ttl, 3600);
	assert_int_equal(g.rdclass, 1);
	assert_string_equal(g.lhs, "h$");
	assert_string_equal(g.middle, "3600 IN A");
	assert_string_equal(g.rhs, "x");
	gen_clear(&g);
	assert_null(g.lhs);
	gen_clear(&g);		/* twice is fine */

	assert_int_equal(gen_parse("1-2 h$ A \"a b\"", &g, err, sizeof(err)),
	    0);
	assert_false(g.has_ttl);
	assert_int_equal(g.rdclass, 0);
	assert_string_equal(g.middle, "A");
	assert_string_equal(g.rhs, "a b");
	gen_clear(&g);
}

/* 127 characters fit in BIND's substitution buffer (checkzone). */
static void
test_width_limit(void **state)
{
	char line[GEN_LINE_MAX], want[200], err[256];
	struct gen g;
	int k;

	(void)state;
	assert_int_equal(gen_parse("0-0 h$ TXT ${0,127}|${0,127,n}|"
	    "${0,126,n}", &g, err, sizeof(err)), 0);
	assert_int_equal(gen_line(&g, 0, line, sizeof(line), err,
	    sizeof(err)), 0);
	strcpy(want, "h0 TXT ");
	assert_int_equal(strncmp(line, want, 7), 0);
	memset(want, '0', 127);
	want[127] = '\0';
	assert_int_equal(strncmp(line + 7, want, 127), 0);
	assert_int_equal(line[7 + 127], '|');
	for (k = 0; k < 127; k++)
		want[k] = k % 2 == 0 ? '0' : '.';
	assert_int_equal(strncmp(line + 7 + 128, want, 127), 0);
	assert_int_equal(line[7 + 128 + 127], '|');
	/* 126 ends in a dot. */
	assert_int_equal(strncmp(line + 7 + 256, want, 126), 0);
	assert_int_equal(strlen(line), 7 + 256 + 126);
	gen_clear(&g);
}

static void
test_line_limits(void **state)
{
	char line[64], err[256];
	struct gen g;
	const char *want = "h12 A 1.2.3.12";

	(void)state;
	assert_int_equal(gen_parse("1-20 h$ A 1.2.3.$", &g, err, sizeof(err)),
	    0);
	/* Exactly enough room for the text and its NUL. */
	assert_int_equal(gen_line(&g, 12, line, strlen(want) + 1, err,
	    sizeof(err)), 0);
	assert_string_equal(line, want);
	/* One byte short: refused, and OUT is left an empty string. */
	assert_int_equal(gen_line(&g, 12, line, strlen(want), err,
	    sizeof(err)), RDA_ELIMIT);
	assert_non_null(strstr(err, "does not fit"));
	assert_string_equal(line, "");
	assert_int_equal(gen_line(&g, 12, line, 0, err, sizeof(err)),
	    RDA_ELIMIT);
	/* BIND's iterator is an int. */
	assert_int_equal(gen_line(&g, (uint64_t)GEN_ITER_MAX + 1, line,
	    sizeof(line), err, sizeof(err)), RDA_ELIMIT);
	assert_non_null(strstr(err, "is over 2147483647"));
	/* ERR may be absent. */
	assert_int_equal(gen_line(&g, 12, line, 3, NULL, 0), RDA_ELIMIT);
	gen_clear(&g);
}

static void
test_long_record(void **state)
{
	static char args[8200], line[GEN_LINE_MAX], err[256];
	struct gen g;

	(void)state;
	/* A long rhs expands past GEN_LINE_MAX for every iterator. */
	strcpy(args, "1-2 h$ TXT ");
	memset(args + strlen(args), 'a', 5000);
	assert_int_equal(gen_parse(args, &g, err, sizeof(err)), 0);
	assert_int_equal(gen_line(&g, 1, line, sizeof(line), err,
	    sizeof(err)), RDA_ELIMIT);
	gen_clear(&g);
}

static void
test_clear_zeroed(void **state)
{
	struct gen g;

	(void)state;
	memset(&g, 0, sizeof(g));
	gen_clear(&g);
	assert_int_equal(gen_count(&g), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_width_limit),
		cmocka_unit_test(test_line_limits),
		cmocka_unit_test(test_long_record),
		cmocka_unit_test(test_clear_zeroed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
