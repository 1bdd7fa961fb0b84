/* test_live.c -- unit tests for the parsers of zones/tsig.c, zones/axfr.c
 * and zones/resolve.c: what a user writes on the command line or in a key
 * file.  The transfers and look-ups themselves are tested against a real
 * server in tests/live/.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "zones/axfr.h"
#include "zones/resolve.h"
#include "zones/tsig.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define SECRET "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0"

static void
test_tsig_parse(void **state)
{
	static const struct {
		const char *spec;
		int rc;
		const char *alg;	/* what ldns gets, or the error text */
	} cases[] = {
		{"k:hmac-sha256:" SECRET, 0, "hmac-sha256."},
		{"k:HMAC-SHA512.:" SECRET, 0, "hmac-sha512."},
		{"k:hmac-md5:" SECRET, 0, "hmac-md5.sig-alg.reg.int."},
		{"k:hmac-md5.sig-alg.reg.int:" SECRET, 0,
		    "hmac-md5.sig-alg.reg.int."},
		{"k:hmac-sha1:" SECRET, 0, "hmac-sha1."},
		{"k:hmac-sha384:" SECRET, RDA_EINVAL, "does not work with ldns"},
		{"k:hmac-sha224:" SECRET, RDA_EINVAL, "does not work with ldns"},
		{"k:hmac-sha3:" SECRET, RDA_EINVAL, "unknown algorithm"},
		{"k::" SECRET, RDA_EINVAL, "no algorithm"},
		{"k:hmac-sha256:", RDA_EINVAL, "not base64"},
		{"k:hmac-sha256:abc", RDA_EINVAL, "not base64"},
		{"k:hmac-sha256:ab*d", RDA_EINVAL, "not base64"},
		{"k:hmac-sha256:a=bc", RDA_EINVAL, "not base64"},
		{":hmac-sha256:" SECRET, RDA_EINVAL, "not a domain name"},
		{"k-hmac-sha256-" SECRET, RDA_EINVAL, "NAME:ALGORITHM:SECRET"},
	};
	char err[TSIG_ERR_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		struct tsig_key k = {0};
		int rc = tsig_parse(cases[i].spec, &k, err);

		assert_int_equal(rc, cases[i].rc);
		if (rc == 0) {
			assert_string_equal(tsig_ldns_algorithm(k.algorithm),
			    cases[i].alg);
			assert_string_equal(k.name, "k");
		} else {
			assert_non_null(strstr(err, cases[i].alg));
			/* The secret never appears in an error. */
			assert_null(strstr(err, SECRET));
			assert_null(k.secret);
		}
		tsig_key_clear(&k);
	}
}

static char *
write_tmp(const char *text)
{
	static char path[64];
	int fd;

	snprintf(path, sizeof(path), "/tmp/rda-test-key-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

static void
test_tsig_file(void **state)
{
	static const struct {
		const char *text;
		int rc;
		const char *what;	/* key name, or the error text */
	} cases[] = {
		/* as tsig-keygen writes it */
		{"key \"xfr-key\" {\n\talgorithm hmac-sha256;\n\tsecret \""
		    SECRET "\";\n};\n", 0, "xfr-key"},
		{"# comment\nkey k2 { secret \"" SECRET "\"; algorithm "
		    "hmac-sha1; }; // end\n", 0, "k2"},
		{"k3:hmac-sha512:" SECRET "\n", 0, "k3"},
		{"key a { algorithm hmac-sha256; secret \"" SECRET "\"; };\n"
		    "key b { algorithm hmac-sha256; secret \"" SECRET "\"; };\n",
		    RDA_EINVAL, "more than one key"},
		{"key a { algorithm hmac-sha256; secret \"" SECRET "\" };\n",
		    RDA_EINVAL, "not a key file"},
		{"key a { algorithm hmac-sha384; secret \"" SECRET "\"; };\n",
		    RDA_EINVAL, "does not work with ldns"},
		{"key a { secret \"" SECRET "\"; };\n", RDA_EINVAL,
		    "no algorithm"},
	};
	char err[TSIG_ERR_MAX], *path;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		struct tsig_key k = {0};
		int rc;

		path = write_tmp(cases[i].text);
		rc = tsig_file_read(path, &k, err);
		assert_int_equal(rc, cases[i].rc);
		if (rc == 0) {
			assert_string_equal(k.name, cases[i].what);
			assert_string_equal(k.secret, SECRET);
		} else {
			assert_non_null(strstr(err, cases[i].what));
			assert_non_null(strstr(err, path));
			assert_null(strstr(err, SECRET));
		}
		tsig_key_clear(&k);
		unlink(path);
	}
	assert_int_equal(tsig_file_read("/nonexistent/key", &(struct
	    tsig_key){0}, err), RDA_EIO);
}

static void
test_axfr_parse(void **state)
{
	static const struct {
		const char *arg;
		int rc;
		const char *origin, *label;
	} cases[] = {
		{"example.com@192.0.2.1", 0, "example.com.", "192.0.2.1:53"},
		{"Example.COM.@192.0.2.1:5353", 0, "example.com.",
		    "192.0.2.1:5353"},
		{"example.com@[::1]:5353", 0, "example.com.", "[::1]:5353"},
		{"example.com@[2001:DB8::1]", 0, "example.com.",
		    "[2001:db8::1]:53"},
		{"example.com@2001:db8::1", 0, "example.com.",
		    "[2001:db8::1]:53"},
		{"64/26.100.51.198.in-addr.arpa@127.0.0.1:53", 0,
		    "64/26.100.51.198.in-addr.arpa.", "127.0.0.1:53"},
		{"example.com", RDA_EINVAL, NULL, NULL},
		{"@192.0.2.1", RDA_EINVAL, NULL, NULL},
		{"example.com@", RDA_EINVAL, NULL, NULL},
		{"example.com@ns1.example.com", RDA_EINVAL, NULL, NULL},
		{"example.com@192.0.2.1:0", RDA_EINVAL, NULL, NULL},
		{"example.com@192.0.2.1:65536", RDA_EINVAL, NULL, NULL},
		{"example.com@192.0.2.1:53x", RDA_EINVAL, NULL, NULL},
		{"example.com@[::1", RDA_EINVAL, NULL, NULL},
		{"example.com@[::1]x", RDA_EINVAL, NULL, NULL},
		{"exa..mple@192.0.2.1", RDA_EINVAL, NULL, NULL},
	};
	char err[AXFR_ERR_MAX];
	struct axfr_spec s;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		int rc = axfr_parse(cases[i].arg, &s, err);

		assert_int_equal(rc, cases[i].rc);
		if (rc == 0) {
			assert_string_equal(s.origin, cases[i].origin);
			assert_string_equal(s.label, cases[i].label);
		}
	}
}

static void
test_resolver_parse(void **state)
{
	static const struct {
		const char *arg;
		int rc;
		unsigned family, port;
	} cases[] = {
		{"127.0.0.1", 0, 4, 53},
		{"127.0.0.1:5353", 0, 4, 5353},
		{"::1", 0, 6, 53},
		{"[::1]:5353", 0, 6, 5353},
		{"localhost", RDA_EINVAL, 0, 0},
		{"127.0.0.1:", RDA_EINVAL, 0, 0},
		{"[::1]:99999", RDA_EINVAL, 0, 0},
	};
	char err[RESOLVE_ERR_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		struct resolve_opts o = {0};
		int rc = resolve_parse_server(cases[i].arg, &o, err);

		assert_int_equal(rc, cases[i].rc);
		if (rc == 0) {
			assert_true(o.have_server);
			assert_int_equal(o.server.family, cases[i].family);
			assert_int_equal(o.port, cases[i].port);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tsig_parse),
		cmocka_unit_test(test_tsig_file),
		cmocka_unit_test(test_axfr_parse),
		cmocka_unit_test(test_resolver_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
