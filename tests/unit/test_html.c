/* test_html.c -- the HTML writer without a browser: escaping of hostile
 * zone data, invalid UTF-8, the size limit, the fix-list section, and the
 * SHA-256 that the page's Content-Security-Policy depends on.  The
 * browser end-to-end tests are in tests/html/. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/checks.h"
#include "core/err.h"
#include "core/html.h"
#include "core/sha256.h"
#include "zones/load.h"

static char dir[64];

/* Writes TEXT to DIR/NAME; returns the path (static, 4 in rotation). */
static const char *
mkzone(const char *name, const char *text)
{
	static char path[4][256];
	static unsigned k;
	char *p = path[k++ % 4];
	FILE *f;

	snprintf(p, 256, "%s/%s", dir, name);
	f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return p;
}

struct page {
	char *html;
	size_t len;
	int rc;
};

/* Audits ZONES ("origin" then "path", NULL-terminated) and renders the
 * page with O into *PG. */
static void
render(const char *const *zones, const struct html_opts *o, struct page *pg)
{
	struct load_opts lo = {0};
	struct model *m = model_new();
	struct report r;
	struct xref x;
	FILE *f;

	assert_non_null(m);
	for (; zones[0] != NULL; zones += 2)
		assert_int_equal(load_zone(m, zones[0], zones[1], &lo, NULL), 0);
	assert_int_equal(model_finish(m), 0);
	report_init(&r, m);
	assert_int_equal(checks_run(m, NULL, &x, &r), 0);
	f = open_memstream(&pg->html, &pg->len);
	assert_non_null(f);
	pg->rc = html_write(&r, &x, o, f);
	fclose(f);
	xref_clear(&x);
	report_clear(&r);
	model_free(m);
}

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (; (hay = strstr(hay, needle)) != NULL; hay++)
		n++;
	return n;
}

/* Cells of the grids: the <i> elements between "<div class=grid " and
 * the grid's end. */
static size_t
cells(const char *html)
{
	const char *p = html, *end;
	size_t n = 0;

	while ((p = strstr(p, "<div class=grid ")) != NULL) {
		end = strstr(p, "</div>");
		assert_non_null(end);
		for (; (p = strstr(p, "<i ")) != NULL && p < end; p++)
			n++;
		p = end;
	}
	return n;
}

#define HEAD "$TTL 300\n@ SOA ns1.example.org. h.example.org. 1 3600 600 " \
	"86400 300\n@ NS ns1.example.org.\n"

static void
test_hostile(void **state)
{
	const char *fwd = mkzone("fwd.zone", HEAD
	    "@ MX 10 \\060svg/onload\\061document.title\\061\\039x\\039\\062\n"
	    "\\060script\\062pwned1\\0611\\060/script\\062 A 192.0.2.9\n"
	    "\\060!--\\060script\\062pwned2\\0611 A 192.0.2.10\n"
	    "txt TXT \"<script>pwned3=1</script>\"\n");
	const char *rev = mkzone("rev.zone", HEAD
	    "12 PTR \\060img/src/onerror\\061pwned4\\0611\\062.example.com.\n");
	const char *zones[] = {"example.com", fwd, "2.0.192.in-addr.arpa", rev,
	    NULL};
	struct page pg;

	(void)state;
	render(zones, NULL, &pg);
	assert_int_equal(pg.rc, 0);
	/* One script element, the writer's own; no markup from the data. */
	assert_int_equal(count(pg.html, "<script"), 1);
	assert_int_equal(count(pg.html, "</script"), 1);
	assert_int_equal(count(pg.html, "<svg"), 0);
	assert_int_equal(count(pg.html, "<img"), 0);
	assert_int_equal(count(pg.html, "<!--"), 0);
	assert_null(strstr(pg.html, "pwned3"));	/* TXT data is not shown */
	/* The names are there, as text. */
	assert_non_null(strstr(pg.html,
	    "&lt;script&gt;pwned1=1&lt;/script&gt;.example.com."));
	assert_non_null(strstr(pg.html,
	    "&lt;svg/onload=document.title=&#39;x&#39;&gt;.example.com."));
	assert_non_null(strstr(pg.html, "&lt;!--&lt;script&gt;pwned2=1"));
	assert_non_null(strstr(pg.html, "&lt;img/src/onerror=pwned4=1&gt;"));
	free(pg.html);
	unlink(fwd);
	unlink(rev);
}

static void
test_file_name(void **state)
{
	char sub[128], path[256];
	const char *zones[3] = {"example.com", path, NULL};
	struct page pg;
	FILE *f;

	(void)state;
	/* A directory named so that the path holds "</script>", and a file
	 * name that is not UTF-8. */
	snprintf(sub, sizeof(sub), "%s/<script>pwned5=1<", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	snprintf(path, sizeof(path), "%s/script>\"'&\xff\xfe.zone", sub);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(HEAD "www A 192.0.2.1\n", f);
	fclose(f);
	render(zones, NULL, &pg);
	assert_int_equal(pg.rc, 0);
	assert_int_equal(count(pg.html, "<script"), 1);
	assert_int_equal(count(pg.html, "</script"), 1);
	assert_non_null(strstr(pg.html, "&lt;script&gt;pwned5=1&lt;/script&gt;"
	    "&quot;&#39;&amp;\xef\xbf\xbd\xef\xbf\xbd.zone"));
	assert_null(strstr(pg.html, "\xff"));
	free(pg.html);
	unlink(path);
	rmdir(sub);
}

/* A zone set far over the limit: 512 /24s of missing PTRs (two /16
 * reverse zones, empty) and 2048 /64s. */
static void
big_zones(const char **zones)
{
	size_t cap = 1 << 16, n = 0;
	char *fwd;
	unsigned i;

	fwd = malloc(cap);
	assert_non_null(fwd);
	n += (size_t)snprintf(fwd, cap, "%s", HEAD);
	for (i = 0; i < 512; i++) {
		if (n + 256 > cap) {
			fwd = realloc(fwd, cap *= 2);
			assert_non_null(fwd);
		}
		n += (size_t)snprintf(fwd + n, cap - n, "$GENERATE 1-200 h$-%u "
		    "A 198.%u.%u.$\n", i, 18 + i / 256, i % 256);
	}
	n += (size_t)snprintf(fwd + n, cap - n, "$GENERATE 0-2047 v$ AAAA "
	    "2001:db8:0:${0,4,x}::1\n");
	zones[0] = "example.com";
	zones[1] = strdup(mkzone("big.zone", fwd));
	free(fwd);
	zones[2] = "18.198.in-addr.arpa";
	zones[3] = strdup(mkzone("rev18.zone", HEAD));
	zones[4] = "19.198.in-addr.arpa";
	zones[5] = strdup(mkzone("rev19.zone", HEAD));
	zones[6] = "0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa";
	zones[7] = strdup(mkzone("rev6.zone", HEAD));
	zones[8] = NULL;
}

static void
test_limit(void **state)
{
	const char *zones[9];
	struct html_opts o = {.max_bytes = HTML_MIN_BYTES};
	struct page pg;
	unsigned i;

	(void)state;
	big_zones(zones);
	render(zones, &o, &pg);
	assert_int_equal(pg.rc, 0);
	assert_true(pg.len <= HTML_MIN_BYTES);
	assert_true(pg.len > HTML_MIN_BYTES / 2);	/* the room is used */
	assert_non_null(strstr(pg.html, "findings not shown"));
	assert_non_null(strstr(pg.html, "are not drawn cell by cell"));
	assert_non_null(strstr(pg.html, "</html>\n"));
	free(pg.html);
	/* The default limit: everything but the findings fits; the grids
	 * stop at HTML_MAX_GRIDS. */
	render(zones, NULL, &pg);
	assert_int_equal(pg.rc, 0);
	assert_true(pg.len <= HTML_MAX_BYTES);
	assert_int_equal(count(pg.html, "<div class=grid "), HTML_MAX_GRIDS);
	assert_non_null(strstr(pg.html, "256 /24s are not drawn"));
	assert_int_equal(count(pg.html, "<tr data-net="), 2048);
	free(pg.html);
	o.max_bytes = HTML_MIN_BYTES - 1;
	render(zones, &o, &pg);
	assert_int_equal(pg.rc, RDA_EINVAL);
	free(pg.html);
	for (i = 1; i < 8; i += 2)
		unlink(zones[i]);
	for (i = 1; i < 8; i += 2)
		free((char *)zones[i]);
}

/* A network larger than a /16 (a /8 reverse zone): one 16x16 overview
 * of /24s for each /16 in use, each /24 in use linking to its grid. */
static void
test_overview_8(void **state)
{
	const char *fwd = mkzone("ov.zone", HEAD
	    "$GENERATE 1-3 a$ A 10.1.$.1\n$GENERATE 1-2 b$ A 10.7.$.1\n");
	const char *rev = mkzone("ov8.zone", HEAD "1.1.1 PTR a1.example.com.\n");
	const char *zones[] = {"example.com", fwd, "10.in-addr.arpa", rev, NULL};
	struct page pg;

	(void)state;
	render(zones, NULL, &pg);
	assert_int_equal(pg.rc, 0);
	assert_non_null(strstr(pg.html, "<h3>10.0.0.0/8</h3>"));
	assert_int_equal(count(pg.html, "<div class=ovg "), 2);
	assert_non_null(strstr(pg.html, "<div class=ovg data-start=\"10.1.0\">"));
	assert_non_null(strstr(pg.html, "<div class=ovg data-start=\"10.7.0\">"));
	assert_int_equal(count(pg.html, "<span class=\"ov e\"></span>"),
	    2 * 256 - 5);
	assert_non_null(strstr(pg.html, "<a class=\"ov h0\" href=\"#v4-10-1-1\" "
	    "title=\"10.1.1.0/24: 1 pass\">"));
	assert_non_null(strstr(pg.html, "<a class=\"ov h3\" href=\"#v4-10-7-2\" "
	    "title=\"10.7.2.0/24: 1 missing\">"));
	assert_int_equal(count(pg.html, "<div class=grid "), 5);
	free(pg.html);
	unlink(fwd);
	unlink(rev);
}

static void
test_fixlist(void **state)
{
	const char *fwd = mkzone("fix.zone", HEAD "www A 192.0.2.1\n");
	const char *zones[] = {"example.com", fwd, NULL};
	const struct html_fixgroup g[] = {
		{"Example ISP <noc@example.net>", "Please add:",
		    "1.2.0.192.in-addr.arpa. PTR www.example.com.\n"
		    "2 PTR </pre><script>x()</script>\n"},
	};
	struct html_opts o = {.fix = g, .nfix = 1};
	struct page pg;

	(void)state;
	render(zones, NULL, &pg);
	assert_null(strstr(pg.html, "id=fixlist"));
	free(pg.html);
	render(zones, &o, &pg);
	assert_int_equal(pg.rc, 0);
	assert_non_null(strstr(pg.html, "id=fixlist"));
	assert_non_null(strstr(pg.html, "<h3>Example ISP &lt;noc@example.net"
	    "&gt;</h3><p>Please add:</p>"));
	assert_non_null(strstr(pg.html, "<pre id=\"fix-0\">1.2.0.192.in-addr"
	    ".arpa. PTR www.example.com.\n2 PTR &lt;/pre&gt;&lt;script&gt;"));
	assert_int_equal(count(pg.html, "<script"), 1);
	free(pg.html);
	unlink(fwd);
}

static void
test_demo(void **state)
{
	static const char *const zones[] = {
		"example.com", "fixtures/demo/example.com.zone",
		"2.0.192.in-addr.arpa", "fixtures/demo/2.0.192.in-addr.arpa.zone",
		"0.1.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
		"fixtures/demo/0.1.0.0.8.b.d.0.1.0.0.2.ip6.arpa.zone",
		"100.51.198.in-addr.arpa",
		"fixtures/demo/100.51.198.in-addr.arpa.zone",
		"64/26.100.51.198.in-addr.arpa",
		"fixtures/demo/64-26.100.51.198.in-addr.arpa.zone",
		NULL,
	};
	struct page pg;

	(void)state;
	render(zones, NULL, &pg);
	assert_int_equal(pg.rc, 0);
	/* Two /24 grids of 256 cells, one IPv6 network with two /64s. */
	assert_int_equal(count(pg.html, "<div class=grid "), 2);
	assert_int_equal(cells(pg.html), 512);
	assert_int_equal(count(pg.html, "<tr data-net="), 2);
	/* The demo's ten findings (two of them mail-fcrdns). */
	assert_int_equal(count(pg.html, "<tr data-sev="), 10);
	assert_non_null(strstr(pg.html, "data-net=\"2001:db8:10::/64\" "
	    "data-pass=5 data-missing=2 data-bad=0"));
	assert_non_null(strstr(pg.html, "<i class=\"b f\" title=\"192.0.2.25 mx1.example.com. (PTR mail.example.com.): "
	    "PTR mismatched or dangling\">"));
	assert_int_equal(count(pg.html, "data-pass=no>fails"), 2);
	assert_null(strstr(pg.html, "http:"));
	assert_null(strstr(pg.html, "https:"));
	free(pg.html);
}

static void
test_sha256(void **state)
{
	static const struct {
		const char *in;
		const char *hex;
	} v[] = {	/* FIPS 180-4 examples, and the padding edges */
		{"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b"
		    "7852b855"},
		{"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff"
		    "61f20015ad"},
		{"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd4"
		    "19db06c1"},
	};
	uint8_t d[SHA256_LEN];
	char hex[2 * SHA256_LEN + 1];
	char *a;
	unsigned i, j;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		sha256(v[i].in, strlen(v[i].in), d);
		for (j = 0; j < SHA256_LEN; j++)
			sprintf(hex + 2 * j, "%02x", d[j]);
		assert_string_equal(hex, v[i].hex);
	}
	a = malloc(1000000);
	assert_non_null(a);
	memset(a, 'a', 1000000);
	sha256(a, 1000000, d);
	for (j = 0; j < SHA256_LEN; j++)
		sprintf(hex + 2 * j, "%02x", d[j]);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a4"
	    "97200e046d39ccc7112cd0");
	free(a);
}

static int
setup(void **state)
{
	(void)state;
	checks_init();
	snprintf(dir, sizeof(dir), "/tmp/rda-html-XXXXXX");
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	return rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_file_name),
		cmocka_unit_test(test_limit),
		cmocka_unit_test(test_overview_8),
		cmocka_unit_test(test_fixlist),
		cmocka_unit_test(test_demo),
		cmocka_unit_test(test_sha256),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
