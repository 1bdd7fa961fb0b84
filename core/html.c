/* html.c -- the self-contained HTML report; see html.h.
 *
 * Every item (a row, a grid, a zone) is built in a memory buffer and
 * written only when it fits the share of the size limit its part has;
 * the page's fixed text (head, style, script, headings, notes) is written
 * as is and is small.  Strings from the data go through esc() only.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/checks.h"
#include "core/coverage.h"
#include "core/err.h"
#include "core/html.h"
#include "core/sha256.h"

/* What the fixed text of a page can take at most (head, style, script,
 * headings and notes); the rest of max_bytes is shared by the parts. */
#define FIXED_RESERVE (96u << 10)

/* ---- a growing buffer ---- */

struct hb {
	char *p;
	size_t n, cap;
	bool oom;
};

static void
hb_put(struct hb *b, const void *s, size_t n)
{
	if (b->oom)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		char *p;

		while (cap < b->n + n + 1)
			cap *= 2;
		if ((p = realloc(b->p, cap)) == NULL) {
			b->oom = true;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
}

static void
hb_puts(struct hb *b, const char *s)
{
	hb_put(b, s, strlen(s));
}

static void __attribute__((format(printf, 2, 3)))
hb_printf(struct hb *b, const char *fmt, ...)
{
	char small[512], *big;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->oom = true;
		return;
	}
	if ((size_t)n < sizeof(small)) {
		hb_put(b, small, (size_t)n);
		return;
	}
	va_start(ap, fmt);
	n = vasprintf(&big, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->oom = true;
		return;
	}
	hb_put(b, big, (size_t)n);
	free(big);
}

/* ---- escaping ---- */

/* Length of the valid UTF-8 sequence of two or more bytes at P, or 0
 * (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF). */
static size_t
utf8_seq(const unsigned char *p)
{
	size_t n, i;

	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4;
	else
		return 0;
	for (i = 1; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	if ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] > 0x9f) ||
	    (p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] > 0x8f))
		return 0;
	return n;
}

/* S as HTML text or a double-quoted attribute value: & < > " ' as
 * entities, control bytes as \xHH (newlines kept when NL), bytes that are
 * not UTF-8 as U+FFFD. */
static void
esc_nl(struct hb *b, const char *s, bool nl)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t k;

	while (*p != '\0') {
		if (*p >= 0x80) {
			if ((k = utf8_seq(p)) > 0) {
				hb_put(b, p, k);
				p += k;
			} else {
				hb_puts(b, "\xef\xbf\xbd");
				p++;
			}
			continue;
		}
		switch (*p) {
		case '&':
			hb_puts(b, "&amp;");
			break;
		case '<':
			hb_puts(b, "&lt;");
			break;
		case '>':
			hb_puts(b, "&gt;");
			break;
		case '"':
			hb_puts(b, "&quot;");
			break;
		case '\'':
			hb_puts(b, "&#39;");
			break;
		default:
			if ((*p < 0x20 && *p != '\t' && !(nl && *p == '\n')) ||
			    *p == 0x7f)
				hb_printf(b, "\\x%02x", *p);
			else
				hb_put(b, p, 1);
		}
		p++;
	}
}

static void
esc(struct hb *b, const char *s)
{
	esc_nl(b, s, false);
}

/* ---- the writer ---- */

/* A /24 of IPv4 space (KEY = the first three octets) or a /64 of IPv6
 * (KEY = the first eight bytes), with its used addresses by state. */
struct blk {
	uint64_t key;
	uint32_t count[COV_NSTATES];
	size_t first, n;	/* its used addresses in the coverage */
	bool detail;		/* drawn cell by cell (IPv4) */
};

/* A network drawn as one map: from the policy, a loaded reverse zone, or
 * the used addresses no such network covers. */
struct net {
	struct addr prefix;
	unsigned len;
	int zone;		/* the reverse zone it comes from, or -1 */
	bool policy;
};

struct part {
	uint64_t budget, used;
	size_t left;		/* items left out */
};

struct hw {
	FILE *out;
	uint64_t written;
	const struct report *r;
	const struct xref *x;
	const struct model *m;
	const struct html_opts *o;
	struct coverage c;
	struct addr *faddr;	/* addresses of findings, sorted */
	size_t nfaddr;
	struct blk *b4, *b6;
	size_t nb4, nb6;
	struct net *nets;
	size_t nnets;
	struct hb b;		/* the item being built */
	struct part summary, overview, grids, rows, fix;
	bool oom, ioerr;
};

/* Writes the buffer as fixed text. */
static void
flush(struct hw *w)
{
	if (w->b.oom)
		w->oom = true;
	else if (w->b.n > 0 && fwrite(w->b.p, 1, w->b.n, w->out) != w->b.n)
		w->ioerr = true;
	w->written += w->b.n;
	w->b.n = 0;
	w->b.oom = false;
}

static void
fixed(struct hw *w, const char *s)
{
	hb_puts(&w->b, s);
	flush(w);
}

/* Writes the buffer as an item of part P when it fits, else drops it.
 * Returns whether it was written. */
static bool
commit(struct hw *w, struct part *p)
{
	if (w->b.oom) {
		w->oom = true;
		w->b.n = 0;
		w->b.oom = false;
		return false;
	}
	if (p->used + w->b.n > p->budget) {
		p->left++;
		w->b.n = 0;
		return false;
	}
	p->used += w->b.n;
	flush(w);
	return true;
}

/* A note on what a part left out, as fixed text. */
static void
left_note(struct hw *w, const struct part *p, const char *what)
{
	if (p->left == 0)
		return;
	hb_printf(&w->b, "<p class=note>%zu %s not shown: this page stays under "
	    "%llu bytes. <code>--format json</code> has everything.</p>\n",
	    p->left, what, (unsigned long long)(w->o->max_bytes ?
	    w->o->max_bytes : HTML_MAX_BYTES));
	flush(w);
}

static const char *
name_of(const struct hw *w, uint32_t id, char *buf)
{
	return id == MODEL_NONE ? "" : model_fmt(w->m, id, buf);
}

static int
addr_cmp(const struct addr *a, const struct addr *b)
{
	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	return memcmp(a->b, b->b, 16);
}

static int
addr_qcmp(const void *a, const void *b)
{
	return addr_cmp(a, b);
}

static bool
has_finding(const struct hw *w, const struct addr *a)
{
	return w->nfaddr > 0 && bsearch(a, w->faddr, w->nfaddr, sizeof(*a),
	    addr_qcmp) != NULL;
}

/* ---- style and script ---- */

static const char css[] =
":root{--p:#2a9d55;--m:#f0a030;--b:#d7263d;--o:#8e6bd6;--u:#e4e7eb;"
"--d:#4f8fdc;--k:#8f969d}\n"
"body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
"margin:0;color:#1d232a;background:#f7f8fa}\n"
"header{background:#1f2d3d;color:#fff;padding:12px 24px}\n"
"header h1{margin:0 0 4px;font-size:20px}header a{color:#cfe3ff;"
"margin-right:14px}\n"
"main{padding:4px 24px 40px;max-width:1280px}\n"
"h2{border-bottom:2px solid #d9dee4;padding-bottom:3px;margin-top:26px}\n"
"h3{margin:18px 0 4px}h4{margin:10px 0 2px}\n"
"table{border-collapse:collapse;background:#fff}\n"
"th,td{border:1px solid #dde2e7;padding:3px 8px;text-align:left;"
"vertical-align:top}th{background:#eef1f4}td.n{text-align:right}\n"
".cards{display:flex;flex-wrap:wrap;gap:10px}\n"
".card{background:#fff;border:1px solid #dde2e7;border-radius:6px;"
"padding:6px 14px;min-width:96px}.card b{display:block;font-size:22px}\n"
".grid{display:grid;grid-template-columns:30px repeat(16,16px);gap:2px;"
"font-size:10px;color:#6b7580;margin:4px 0 12px}\n"
".grid b{font-weight:normal;text-align:right;padding-right:3px;"
"line-height:16px}\n"
".grid i,.sw{display:inline-block;width:16px;height:16px;"
"border-radius:2px;vertical-align:middle}\n"
".sw.ov{width:16px;height:16px}\n"
".p{background:var(--p)}.m{background:var(--m)}.b{background:var(--b)}"
".o{background:var(--o)}.u{background:var(--u)}.d{background:var(--d)}"
".k{background:var(--k)}\n"
".grid i.f{box-shadow:inset 0 0 0 2px #111}\n"
".ovg{display:grid;grid-template-columns:repeat(16,22px);gap:2px;"
"margin:4px 0 10px}\n"

".ov16{display:inline-block;vertical-align:top;margin-right:28px}\n"
"a.ov,span.ov{display:block;width:22px;height:22px;border-radius:2px}\n"
"a.ov{box-shadow:inset 0 0 0 2px #1f2d3d}\n"
".e{background:#f0f2f4}.h0{background:var(--p)}.h1{background:#c2cf3a}"
".h2{background:var(--m)}.h3{background:var(--b)}.hq{background:var(--k)}\n"
".bar{display:flex;width:180px;height:12px;background:var(--u);"
"margin-top:3px}.bar i{display:block;height:12px}\n"
".legend{margin:4px 0}.legend span{margin-right:14px;white-space:nowrap}\n"
".sev-error{color:#c01c31;font-weight:600}.sev-warning{color:#a86000;"
"font-weight:600}.sev-info{color:#5f6b76}\n"
".ok{color:#1f7a42;font-weight:600}.ko{color:#c01c31;font-weight:600}"
".unk{color:#5f6b76;font-weight:600}\n"
"#filters{margin:8px 0;display:flex;gap:8px;flex-wrap:wrap;"
"align-items:center}\n"
"pre{background:#fff;border:1px solid #dde2e7;padding:8px;overflow:auto}\n"
"th[data-sort]{cursor:pointer;user-select:none}"
"th[aria-sort=ascending]:after{content:' \\25B2'}"
"th[aria-sort=descending]:after{content:' \\25BC'}\n"
".note{background:#fff8e1;border:1px solid #f0d78c;padding:6px 10px}\n"
"td.msg,td.nm{overflow-wrap:anywhere}\n"
"section.one{display:inline-block;vertical-align:top;margin-right:48px}"
".one h4{display:none}\n"
".grids{display:flex;flex-wrap:wrap;column-gap:36px}\n"
".g24,.v6t tr{content-visibility:auto;contain-intrinsic-size:auto 340px}\n"
"#ftable{table-layout:fixed;width:100%}#ftable th:nth-child(1){width:7%}"
"#ftable th:nth-child(2),#ftable th:nth-child(4){width:9%}"
"#ftable th:nth-child(3),#ftable th:nth-child(5),"
"#ftable th:nth-child(6){width:12%}\n"
".row{display:flex;flex-wrap:wrap;column-gap:28px;align-items:flex-start}\n"
"ul.v6{margin:2px 0;padding-left:18px;font-family:monospace}\n"
".src{color:#5f6b76;margin:0}\n";

/* The only script: filter and sort the findings, copy a fix-list group,
 * name the cell under the pointer.  It reads what it needs from the page
 * (textContent, data-* attributes) and writes only textContent, titles and
 * option values: no data is ever in it, and it never builds HTML. */
static const char js[] =
"(function(){'use strict';\n"
"var $=function(id){return document.getElementById(id);};\n"
"var each=function(l,f){Array.prototype.forEach.call(l,f);};\n"
"var tb=$('ftbody');\n"
"if(tb){\n"
" var rows=Array.prototype.slice.call(tb.rows);\n"
" var f={check:$('fcheck'),sev:$('fsev'),zone:$('fzone'),q:$('fq')};\n"
" var fill=function(sel,key){var seen=Object.create(null),v=[];\n"
"  rows.forEach(function(r){var x=r.getAttribute('data-'+key);\n"
"   if(!(x in seen)){seen[x]=1;v.push(x);}});\n"
"  v.sort().forEach(function(x){var o=document.createElement('option');\n"
"   o.value=x;o.textContent=x;sel.appendChild(o);});};\n"
" fill(f.check,'check');fill(f.sev,'sev');fill(f.zone,'zone');\n"
" var text=new Map();rows.forEach(function(r){\n"
"  text.set(r,r.textContent.toLowerCase());});\n"
" var apply=function(){var c=f.check.value,s=f.sev.value,z=f.zone.value,\n"
"  q=f.q.value.toLowerCase(),n=0;\n"
"  rows.forEach(function(r){var ok=(!c||r.getAttribute('data-check')===c)\n"
"   &&(!s||r.getAttribute('data-sev')===s)\n"
"   &&(!z||r.getAttribute('data-zone')===z)\n"
"   &&(!q||text.get(r).indexOf(q)>=0);\n"
"   if(r.hidden===ok)r.hidden=!ok;if(ok)n++;});\n"
"  $('fshown').textContent=n+' of '+rows.length+' shown';\n"
"  $('fshown').removeAttribute('aria-busy');};\n"
" ['check','sev','zone'].forEach(function(k){f[k].addEventListener("
"'change',apply);});\n"
" var timer=0;f.q.addEventListener('input',function(){\n"
"  $('fshown').setAttribute('aria-busy','true');clearTimeout(timer);\n"
"  timer=setTimeout(apply,rows.length>2000?250:0);});\n"
" var heads=document.querySelectorAll('#ftable th[data-sort]');\n"
" var key=function(r,th){var t=th.getAttribute('data-sort');\n"
"  if(t==='sev')return[-Number(r.getAttribute('data-rank'))];\n"
"  if(t==='loc')return[r.getAttribute('data-file'),"
"Number(r.getAttribute('data-line')||0)];\n"
"  return[r.cells[th.cellIndex].textContent];};\n"
" var cmp=function(a,b){for(var i=0;i<a.length;i++){if(a[i]<b[i])return -1;\n"
"  if(a[i]>b[i])return 1;}return 0;};\n"
" each(heads,function(th){th.addEventListener('click',function(){\n"
"  var dir=th.getAttribute('aria-sort')==='ascending'?-1:1;\n"
"  each(heads,function(h){h.removeAttribute('aria-sort');});\n"
"  th.setAttribute('aria-sort',dir>0?'ascending':'descending');\n"
"  var k=rows.map(function(r,i){return{r:r,k:key(r,th),i:i};});\n"
"  k.sort(function(a,b){return dir*cmp(a.k,b.k)||a.i-b.i;});\n"
"  var fr=document.createDocumentFragment();\n"
"  rows=k.map(function(e){fr.appendChild(e.r);return e.r;});\n"
"  tb.appendChild(fr);});});\n"
" $('filters').hidden=false;apply();\n"
"}\n"
"each(document.querySelectorAll('button.copy'),function(b){\n"
" b.hidden=false;\n"
" b.addEventListener('click',function(){\n"
"  var pre=$(b.getAttribute('data-for')),t=pre.textContent;\n"
"  var done=function(ok){b.textContent=ok?'Copied':'Select and copy';};\n"
"  var sel=function(){var r=document.createRange();r.selectNodeContents(pre);\n"
"   var s=window.getSelection();s.removeAllRanges();s.addRange(r);\n"
"   var ok=false;try{ok=document.execCommand('copy');}catch(e){}done(ok);};\n"
"  if(navigator.clipboard&&navigator.clipboard.writeText)\n"
"   navigator.clipboard.writeText(t).then(function(){done(true);},sel);\n"
"  else sel();});});\n"
"var desc={p:'FCrDNS passes',m:'PTR missing',b:'PTR mismatched or dangling',"
"o:'PTR only',u:'unused',d:'delegated elsewhere',k:'unknown'};\n"
"each(document.querySelectorAll('.grid'),function(g){\n"
" g.addEventListener('mouseover',function(e){var c=e.target;\n"
"  if(c.tagName!=='I'||c.title)return;\n"
"  var i=Array.prototype.indexOf.call(g.getElementsByTagName('i'),c);\n"
"  c.title=g.getAttribute('data-net')+'.'+i+': '+(desc[c.className]||'');"
"});});\n"
"each(document.querySelectorAll('.ovg'),function(g){\n"
" g.addEventListener('mouseover',function(e){var c=e.target;\n"
"  if(c.tagName!=='SPAN'||c.title)return;\n"
"  var p=g.getAttribute('data-start').split('.').map(Number);\n"
"  var k=(p[0]<<16|p[1]<<8|p[2])+Array.prototype.indexOf.call(g.children,c);\n"
"  c.title=(k>>16&255)+'.'+(k>>8&255)+'.'+(k&255)+'.0/24: nothing in use';"
"});});\n"
"})();\n";

static const char state_class[COV_NSTATES] = {
	[COV_PASS] = 'p', [COV_MISSING] = 'm', [COV_BAD] = 'b',
	[COV_PTR_ONLY] = 'o', [COV_UNUSED] = 'u', [COV_DELEGATED] = 'd',
	[COV_UNKNOWN] = 'k',
};

/* States a used address can have, in the order tables show them. */
static const enum cov_state used_states[] = {
	COV_PASS, COV_MISSING, COV_BAD, COV_PTR_ONLY, COV_DELEGATED,
	COV_UNKNOWN,
};
#define NUSED (sizeof(used_states) / sizeof(used_states[0]))

static void
head(struct hw *w)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
	    "qrstuvwxyz0123456789+/";
	const struct report *r = w->r;
	uint8_t d[SHA256_LEN + 1] = {0};
	char h[48];
	unsigned i, j = 0;

	sha256(js, sizeof(js) - 1, d);
	for (i = 0; i < SHA256_LEN; i += 3) {	/* 32 bytes: 43 chars + '=' */
		uint32_t v = (uint32_t)d[i] << 16 | (uint32_t)d[i + 1] << 8 |
		    (i + 2 < SHA256_LEN ? d[i + 2] : 0);

		h[j++] = b64[v >> 18 & 63];
		h[j++] = b64[v >> 12 & 63];
		h[j++] = b64[v >> 6 & 63];
		h[j++] = i + 2 < SHA256_LEN ? b64[v & 63] : '=';
	}
	h[j] = '\0';
	hb_printf(&w->b, "<!DOCTYPE html>\n<html lang=en>\n<head>\n"
	    "<meta charset=utf-8>\n"
	    "<meta http-equiv=Content-Security-Policy content=\"default-src "
	    "'none'; script-src 'sha256-%s'; style-src 'unsafe-inline'; "
	    "img-src data:; base-uri 'none'; form-action 'none'\">\n"
	    "<meta name=viewport content=\"width=device-width\">\n"
	    "<title>rdnsaudit report: %zu zone%s, %zu error%s, %zu warning%s"
	    "</title>\n<style>\n", h, w->m->nzones, w->m->nzones == 1 ? "" :
	    "s", r->count[SEV_ERROR], r->count[SEV_ERROR] == 1 ? "" : "s",
	    r->count[SEV_WARNING], r->count[SEV_WARNING] == 1 ? "" : "s");
	hb_puts(&w->b, css);
	hb_puts(&w->b, "</style>\n</head>\n<body>\n<header><h1>rdnsaudit "
	    "report</h1><nav><a href=\"#summary\">Summary</a><a href=\""
	    "#coverage\">Coverage</a><a href=\"#findings\">Findings</a>");
	if (w->o->fix != NULL)
		hb_puts(&w->b, "<a href=\"#fixlist\">Fix list</a>");
	hb_puts(&w->b, "</nav></header>\n<main>\n");
	flush(w);
}

/* ---- summary ---- */

static void
card(struct hw *w, const char *what, size_t n, const char *id)
{
	hb_printf(&w->b, "<div class=card id=\"%s\"><b>%zu</b>%s</div>", id, n,
	    what);
}

static void
state_legend(struct hw *w)
{
	unsigned i;

	hb_puts(&w->b, "<div class=legend>");
	for (i = 0; i < COV_NSTATES; i++)
		hb_printf(&w->b, "<span><i class=\"sw %c\"></i> %s</span>",
		    state_class[i], coverage_state_desc(i));
	hb_puts(&w->b, "<span><i class=\"sw u\" style=\"box-shadow:inset 0 0 "
	    "0 2px #111\"></i> has findings</span></div>\n");
}

static void
by_check(struct hw *w)
{
	size_t n[64][3] = {{0}}, i;
	unsigned k;

	for (i = 0; i < w->r->n; i++)
		if (w->r->f[i].check < 64 && w->r->f[i].sev <= SEV_ERROR)
			n[w->r->f[i].check][w->r->f[i].sev]++;
	hb_puts(&w->b, "<h3>Findings by check</h3>\n<table id=bycheck><tr>"
	    "<th>check</th><th>error</th><th>warning</th><th>info</th>"
	    "<th>what it means</th></tr>\n");
	for (k = 0; k < nchecks && k < 64; k++)
		hb_printf(&w->b, "<tr data-check=\"%s\"><td>%s</td><td class=n>"
		    "%zu</td><td class=n>%zu</td><td class=n>%zu</td><td>%s"
		    "</td></tr>\n", checks[k].id, checks[k].id,
		    n[k][SEV_ERROR], n[k][SEV_WARNING], n[k][SEV_INFO],
		    checks[k].desc);
	hb_printf(&w->b, "<tr><th>total</th><td class=n>%zu</td><td class=n>"
	    "%zu</td><td class=n>%zu</td><td></td></tr></table>\n",
	    w->r->count[SEV_ERROR], w->r->count[SEV_WARNING],
	    w->r->count[SEV_INFO]);
	flush(w);
}

static int
u32_cmp(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;

	return (a > b) - (a < b);
}

/* One mail host: its addresses (A, then AAAA) with their states, and the
 * verdict: passes when it has an address and every one passes. */
static void
mail_host(struct hw *w, uint32_t host)
{
	static const uint16_t types[] = {RT_A, RT_AAAA};
	const struct model *m = w->m;
	char nb[NAMES_TXT_MAX], ab[NAMES_ADDR_TXT_MAX];
	struct lk_result res;
	unsigned t, naddr = 0, npass = 0, nunk = 0;
	uint32_t k;

	hb_puts(&w->b, "<tr><td class=nm>");
	esc(&w->b, model_fmt(m, host, nb));
	hb_puts(&w->b, "</td><td>");
	for (t = 0; t < 2; t++) {
		lookup_node(m, host, types[t], &res);
		if (res.status == LK_UNKNOWN)
			nunk++;
		if (res.status != LK_ANSWER)
			continue;
		for (k = lookup_rec(m, res.node, res.zone, types[t]);
		    k != MODEL_NONE;
		    k = lookup_rec_next(m, res.node, res.zone, types[t], k)) {
			struct addr a = model_rec_ip(m, &m->recs[k]);
			enum cov_state s = coverage_state(&w->c, &a);

			naddr++;
			npass += s == COV_PASS;
			nunk += s == COV_UNKNOWN || s == COV_DELEGATED ||
			    s == COV_PTR_ONLY;
			hb_printf(&w->b, "<span class=ma data-state=\"%s\">"
			    "<i class=\"sw %c\"></i> %s %s</span><br>",
			    coverage_state_str(s), state_class[s],
			    names_addr_fmt(&a, ab), coverage_state_desc(s));
		}
	}
	if (naddr == 0)
		hb_puts(&w->b, nunk ? "no address in the loaded zones" :
		    "no address");
	if (naddr > 0 && npass == naddr)
		hb_puts(&w->b, "</td><td class=ok data-pass=yes>passes</td></tr>\n");
	else if (npass + nunk == naddr && nunk > 0)
		hb_puts(&w->b, "</td><td class=unk data-pass=unknown>cannot tell"
		    "</td></tr>\n");
	else
		hb_puts(&w->b, "</td><td class=ko data-pass=no>fails</td></tr>\n");
}

static void
mail_hosts(struct hw *w)
{
	const struct model *m = w->m;
	uint32_t *hosts;
	size_t i, n = 0;

	fixed(w, "<h3>Mail hosts (MX targets)</h3>\n");
	if ((hosts = malloc((m->nrecs + 1) * sizeof(*hosts))) == NULL) {
		w->oom = true;
		return;
	}
	for (i = 0; i < m->nrecs; i++)
		if (m->recs[i].type == RT_MX &&
		    model_rec_auth(m, &m->recs[i]))
			hosts[n++] = m->recs[i].rd.target;
	qsort(hosts, n, sizeof(*hosts), u32_cmp);
	if (n == 0) {
		fixed(w, "<p>No MX records in the loaded zones.</p>\n");
		free(hosts);
		return;
	}
	fixed(w, "<table id=mail><tr><th>host</th><th>addresses</th>"
	    "<th>FCrDNS</th></tr>\n");
	for (i = 0; i < n; i++) {
		if (i > 0 && hosts[i] == hosts[i - 1])
			continue;
		mail_host(w, hosts[i]);
		commit(w, &w->summary);
	}
	fixed(w, "</table>\n");
	free(hosts);
}

static void
zones_table(struct hw *w)
{
	const struct model *m = w->m;
	char nb[NAMES_TXT_MAX];
	size_t i;

	fixed(w, "<h3>Zones</h3>\n<table id=zones><tr><th>origin</th>"
	    "<th>source</th><th>serial</th><th>records</th></tr>\n");
	for (i = 0; i < m->nzones; i++) {
		const struct zone *z = &m->zones[i];

		hb_puts(&w->b, "<tr><td class=nm>");
		esc(&w->b, model_fmt(m, z->apex, nb));
		hb_puts(&w->b, "</td><td class=nm>");
		esc(&w->b, z->source);
		if (z->has_soa)
			hb_printf(&w->b, "</td><td>%u", z->serial);
		else
			hb_puts(&w->b, "</td><td>");
		hb_printf(&w->b, "</td><td class=n>%llu</td></tr>\n",
		    (unsigned long long)z->records);
		commit(w, &w->summary);
	}
	fixed(w, "</table>\n");
}

static void
summary(struct hw *w)
{
	const struct model *m = w->m;
	size_t nptr = 0, i;

	for (i = 0; i < m->nrecs; i++)
		if (m->recs[i].type == RT_PTR && model_rec_auth(m, &m->recs[i]))
			nptr++;
	hb_puts(&w->b, "<section id=summary><h2>Summary</h2>\n<div class=cards>");
	card(w, "zones audited", m->nzones, "n-zones");
	card(w, "records", m->nrecs, "n-records");
	card(w, "A/AAAA records", w->x->nfwd, "n-fwd");
	card(w, "PTR records", nptr, "n-ptr");
	card(w, "addresses", w->c.n, "n-addrs");
	card(w, "errors", w->r->count[SEV_ERROR], "n-error");
	card(w, "warnings", w->r->count[SEV_WARNING], "n-warning");
	card(w, "info", w->r->count[SEV_INFO], "n-info");
	hb_puts(&w->b, "</div>\n<div class=row><div><h3>Addresses by state</h3>"
	    "\n<table id=states>"
	    "<tr><th>state</th><th>addresses</th></tr>\n");
	for (i = 0; i < NUSED; i++)
		hb_printf(&w->b, "<tr data-state=\"%s\"><td><i class=\"sw %c\">"
		    "</i> %s</td><td class=n>%zu</td></tr>\n",
		    coverage_state_str(used_states[i]),
		    state_class[used_states[i]],
		    coverage_state_desc(used_states[i]),
		    w->c.count[used_states[i]]);
	hb_puts(&w->b, "</table></div><div>\n");
	flush(w);
	by_check(w);
	fixed(w, "</div><div>\n");
	mail_hosts(w);
	fixed(w, "</div></div>\n");
	zones_table(w);
	left_note(w, &w->summary, "mail hosts or zones");
	fixed(w, "</section>\n");
}

/* ---- coverage: blocks and networks ---- */

static uint64_t
key_of(const struct addr *a)
{
	uint64_t k = 0;
	unsigned i, n = a->family == 4 ? 3 : 8;

	for (i = 0; i < n; i++)
		k = k << 8 | a->b[i];
	return k;
}

static void
addr_of(uint64_t key, int family, struct addr *a)
{
	int i, n = family == 4 ? 3 : 8;

	memset(a, 0, sizeof(*a));
	a->family = (uint8_t)family;
	for (i = n - 1; i >= 0; i--, key >>= 8)
		a->b[i] = (uint8_t)key;
}

static int
blk_cmp(const void *pa, const void *pb)
{
	const struct blk *a = pa, *b = pb;

	return (a->key > b->key) - (a->key < b->key);
}

static int
blk_push(struct blk **v, size_t *n, size_t *cap, uint64_t key)
{
	struct blk *t;

	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 64;

		if ((t = realloc(*v, c * sizeof(*t))) == NULL)
			return RDA_ENOMEM;
		*v = t;
		*cap = c;
	}
	memset(&(*v)[*n], 0, sizeof(**v));
	(*v)[(*n)++].key = key;
	return 0;
}

/* The /24 or /64 blocks of the used addresses, plus EXTRA4 keys of /24s
 * the zones or the policy name (even with no address in use). */
static int
build_blocks(struct hw *w, const uint64_t *extra4, size_t nextra4)
{
	const struct coverage *c = &w->c;
	size_t cap4 = 0, cap6 = 0, i, j, k;

	for (i = 0; i < c->n; i++) {
		const struct cov_addr *e = &c->a[i];
		struct blk **v = e->addr.family == 4 ? &w->b4 : &w->b6;
		size_t *n = e->addr.family == 4 ? &w->nb4 : &w->nb6;
		uint64_t key = key_of(&e->addr);

		if (*n == 0 || (*v)[*n - 1].key != key) {
			if (blk_push(v, n, e->addr.family == 4 ? &cap4 : &cap6,
			    key) < 0)
				return RDA_ENOMEM;
			(*v)[*n - 1].first = i;
		}
		(*v)[*n - 1].n++;
		(*v)[*n - 1].count[e->state]++;
	}
	for (i = 0; i < nextra4; i++)
		if (blk_push(&w->b4, &w->nb4, &cap4, extra4[i]) < 0)
			return RDA_ENOMEM;
	if (w->nb4 > 0)
		qsort(w->b4, w->nb4, sizeof(*w->b4), blk_cmp);
	/* Merge duplicates, keeping the one with addresses. */
	for (i = j = 0; i < w->nb4; i = k) {
		struct blk best = w->b4[i];

		for (k = i + 1; k < w->nb4 && w->b4[k].key == w->b4[i].key; k++)
			if (w->b4[k].n > best.n)
				best = w->b4[k];
		w->b4[j++] = best;
	}
	w->nb4 = j;
	return 0;
}

static unsigned
broken(const struct blk *b)
{
	return b->count[COV_BAD] + b->count[COV_MISSING];
}

static const struct blk *prio_base;

static int
prio_cmp(const void *pa, const void *pb)
{
	const struct blk *a = &prio_base[*(const size_t *)pa];
	const struct blk *b = &prio_base[*(const size_t *)pb];

	if (broken(a) != broken(b))
		return broken(a) > broken(b) ? -1 : 1;
	if (a->n != b->n)
		return a->n > b->n ? -1 : 1;
	return (a->key > b->key) - (a->key < b->key);
}

/* Marks the /24s drawn cell by cell: the HTML_MAX_GRIDS worst. */
static int
choose_grids(struct hw *w)
{
	size_t *ix, i;

	if (w->nb4 <= HTML_MAX_GRIDS) {
		for (i = 0; i < w->nb4; i++)
			w->b4[i].detail = true;
		return 0;
	}
	if ((ix = malloc(w->nb4 * sizeof(*ix))) == NULL)
		return RDA_ENOMEM;
	for (i = 0; i < w->nb4; i++)
		ix[i] = i;
	prio_base = w->b4;
	qsort(ix, w->nb4, sizeof(*ix), prio_cmp);
	for (i = 0; i < HTML_MAX_GRIDS; i++)
		w->b4[ix[i]].detail = true;
	free(ix);
	return 0;
}

static bool
net_has(const struct net *n, const struct addr *a, unsigned len)
{
	unsigned bits = n->len, i;

	if (n->prefix.family != a->family || len < n->len)
		return false;
	for (i = 0; bits >= 8; i++, bits -= 8)
		if (n->prefix.b[i] != a->b[i])
			return false;
	return bits == 0 ||
	    ((n->prefix.b[i] ^ a->b[i]) & (0xff00u >> bits) & 0xff) == 0;
}

static int
net_cmp(const void *pa, const void *pb)
{
	const struct net *a = pa, *b = pb;
	int c = addr_cmp(&a->prefix, &b->prefix);

	if (c != 0)
		return c;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return (int)b->policy - (int)a->policy;	/* policy first */
}

static void
mask(struct addr *a, unsigned len)
{
	unsigned i;

	for (i = 0; i < 16; i++) {
		if (len >= 8) {
			len -= 8;
			continue;
		}
		a->b[i] &= (uint8_t)(0xff00u >> len);
		len = 0;
	}
}

static int
net_push(struct hw *w, size_t *cap, const struct addr *a, unsigned len,
    int zone, bool policy)
{
	struct net *t;

	if (w->nnets == *cap) {
		size_t c = *cap ? *cap * 2 : 32;

		if ((t = realloc(w->nets, c * sizeof(*t))) == NULL)
			return RDA_ENOMEM;
		w->nets = t;
		*cap = c;
	}
	t = &w->nets[w->nnets++];
	t->prefix = *a;
	mask(&t->prefix, len);
	t->len = len;
	t->zone = zone;
	t->policy = policy;
	return 0;
}

/* Sorts the networks and drops those inside another: the outermost one
 * draws them. */
static void
nets_normalise(struct hw *w)
{
	size_t i, j = 0;

	if (w->nnets == 0)
		return;
	qsort(w->nets, w->nnets, sizeof(*w->nets), net_cmp);
	for (i = 0; i < w->nnets; i++) {
		if (j > 0 && net_has(&w->nets[j - 1], &w->nets[i].prefix,
		    w->nets[i].len))
			continue;
		w->nets[j++] = w->nets[i];
	}
	w->nnets = j;
}

/* The network holding the block A/LEN among the sorted, disjoint
 * networks N[0..NN), or NULL. */
static const struct net *
net_find(const struct net *n, size_t nn, const struct addr *a, unsigned len)
{
	size_t lo = 0, hi = nn, mid;

	while (lo < hi) {	/* the last network whose prefix is <= A */
		mid = lo + (hi - lo) / 2;
		if (addr_cmp(&n[mid].prefix, a) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && net_has(&n[lo - 1], a, len) ? &n[lo - 1] : NULL;
}

/* Networks from the policy and the loaded reverse zones, then one per /16
 * (IPv4) or /48 (IPv6) for used addresses none of those covers. */
static int
build_nets(struct hw *w, uint64_t **extra4, size_t *nextra4)
{
	const struct model *m = w->m;
	const struct policy *pol = w->o->pol;
	uint8_t wire[NAMES_WIRE_MAX + 1];
	size_t cap = 0, i, j, ncore;
	uint64_t *ex;
	struct addr a;
	unsigned plen;

	if ((ex = calloc(m->nzones + (pol ? pol->nnetworks : 0) + 1,
	    sizeof(*ex))) == NULL)
		return RDA_ENOMEM;
	*extra4 = ex;
	*nextra4 = 0;
	for (i = 0; pol != NULL && i < pol->nnetworks; i++) {
		if (net_push(w, &cap, &pol->networks[i].prefix,
		    pol->networks[i].len, -1, true) < 0)
			return RDA_ENOMEM;
		if (pol->networks[i].prefix.family == 4 &&
		    pol->networks[i].len >= 24)
			ex[(*nextra4)++] = key_of(&pol->networks[i].prefix);
	}
	for (i = 0; i < m->nzones; i++) {
		model_wire(m, m->zones[i].apex, wire);
		switch (names_rev_parse(wire, &a, &plen)) {
		case NAMES_REV_ADDR:
			plen = a.family == 4 ? 24 : 64;
			break;
		case NAMES_REV_PREFIX:
			break;
		case NAMES_REV_OTHER:	/* an RFC 2317 child: its /24 */
			for (j = 0; j < w->x->ncls; j++)
				if (w->x->cls[j].apex == m->zones[i].apex)
					break;
			if (j == w->x->ncls)
				continue;
			memset(&a, 0, sizeof(a));
			a.family = 4;
			memcpy(a.b, w->x->cls[j].net, 3);
			plen = 24;
			break;
		default:
			continue;
		}
		if (net_push(w, &cap, &a, plen, (int)i, false) < 0)
			return RDA_ENOMEM;
		if (a.family == 4 && plen >= 24)
			ex[(*nextra4)++] = key_of(&a);
	}
	nets_normalise(w);
	ncore = w->nnets;
	for (i = 0; i < w->c.n; i++) {
		const struct addr *u = &w->c.a[i].addr;
		unsigned bl = u->family == 4 ? 24 : 64;

		if (net_find(w->nets, ncore, u, bl) != NULL)
			continue;
		if (w->nnets > ncore && net_has(&w->nets[w->nnets - 1], u, bl))
			continue;
		if (net_push(w, &cap, u, u->family == 4 ? 16 : 48, -1,
		    false) < 0)
			return RDA_ENOMEM;
	}
	nets_normalise(w);
	return 0;
}

/* ---- coverage: drawing ---- */

static void
prefix_text(struct hb *b, const struct addr *a, unsigned len)
{
	char ab[NAMES_ADDR_TXT_MAX];

	hb_printf(b, "%s/%u", names_addr_fmt(a, ab), len);
}

static void
counts_text(struct hb *b, const uint32_t *count, bool unused)
{
	unsigned i, k = 0;

	for (i = 0; i < COV_NSTATES; i++) {
		if (count[i] == 0 || (i == COV_UNUSED && !unused))
			continue;
		hb_printf(b, "%s%u %s", k++ ? ", " : "", count[i],
		    coverage_state_str(i));
	}
	if (k == 0)
		hb_puts(b, "no address in use");
}

static const char *
health(const struct blk *b)
{
	unsigned bad = broken(b);

	if (b->n == 0)
		return "e";
	if (bad == 0)
		return b->count[COV_PASS] > 0 ? "h0" : "hq";
	if (bad * 10 <= b->n)
		return "h1";
	return bad * 2 <= b->n ? "h2" : "h3";
}

/* The 16x16 grid of the /24 B: every address coloured by state. */
static void
grid(struct hw *w, const struct blk *b)
{
	char ab[NAMES_ADDR_TXT_MAX], nb[NAMES_TXT_MAX];
	uint32_t count[COV_NSTATES] = {0};
	uint8_t st[256];
	struct addr a;
	unsigned i;

	addr_of(b->key, 4, &a);
	for (i = 0; i < 256; i++) {
		a.b[3] = (uint8_t)i;
		st[i] = (uint8_t)coverage_state(&w->c, &a);
		count[st[i]]++;
	}
	a.b[3] = 0;
	hb_printf(&w->b, "<div class=g24><h4 id=\"v4-%u-%u-%u\">", a.b[0],
	    a.b[1], a.b[2]);
	prefix_text(&w->b, &a, 24);
	hb_puts(&w->b, "</h4><p class=src>");
	counts_text(&w->b, count, true);
	hb_printf(&w->b, "</p>\n<div class=grid data-net=\"%u.%u.%u\"><b></b>",
	    a.b[0], a.b[1], a.b[2]);
	for (i = 0; i < 16; i++)
		hb_printf(&w->b, "<b>%u</b>", i);
	for (i = 0; i < 256; i++) {
		const struct cov_addr *e;

		if (i % 16 == 0)
			hb_printf(&w->b, "\n<b>.%u</b>", i);
		a.b[3] = (uint8_t)i;
		if ((e = coverage_find(&w->c, &a)) == NULL) {
			hb_printf(&w->b, "<i class=%c></i>", state_class[st[i]]);
			continue;
		}
		hb_printf(&w->b, "<i class=\"%c%s\" title=\"%s ",
		    state_class[st[i]], has_finding(w, &a) ? " f" : "",
		    names_addr_fmt(&a, ab));
		esc(&w->b, name_of(w, e->name, nb));
		if (e->ptr != MODEL_NONE && e->ptr != e->name) {
			hb_puts(&w->b, " (PTR ");
			esc(&w->b, name_of(w, e->ptr, nb));
			hb_puts(&w->b, ")");
		}
		hb_printf(&w->b, ": %s\"></i>", coverage_state_desc(st[i]));
	}
	hb_puts(&w->b, "\n</div></div>\n");
}

/* One cell of the overview of a network larger than a /24. */
static void
overview_cell(struct hw *w, const struct blk *b, uint64_t key)
{
	struct addr a;

	addr_of(key, 4, &a);
	if (b == NULL) {	/* the script names it on hover */
		hb_puts(&w->b, "<span class=\"ov e\"></span>");
		return;
	}
	if (b->detail)
		hb_printf(&w->b, "<a class=\"ov %s\" href=\"#v4-%u-%u-%u\" "
		    "title=\"", health(b), a.b[0], a.b[1], a.b[2]);
	else
		hb_printf(&w->b, "<span class=\"ov %s\" title=\"", health(b));
	prefix_text(&w->b, &a, 24);
	hb_puts(&w->b, ": ");
	counts_text(&w->b, b->count, false);
	hb_puts(&w->b, b->detail ? "\"></a>" : " (not drawn)\"></span>");
}

static void
overview_legend(struct hw *w)
{
	hb_puts(&w->b, "<div class=legend><span><i class=\"sw ov h0\"></i> all "
	    "used addresses pass</span><span><i class=\"sw ov h1\"></i> up to "
	    "10% missing or bad</span><span><i class=\"sw ov h2\"></i> up to "
	    "50%</span><span><i class=\"sw ov h3\"></i> more</span><span>"
	    "<i class=\"sw ov hq\"></i> delegated, unknown or PTR only</span>"
	    "<span><i class=\"sw ov e\"></i> nothing in use</span> (a framed "
	    "cell links to its grid)</div>\n");
}

/* The /24s KEY .. KEY+N-1 as a 16-column grid; *I walks the network's
 * blocks (sorted) up to HI. */
static void
ovgrid(struct hw *w, uint64_t key, uint64_t n, size_t *i, size_t hi)
{
	uint64_t k;

	hb_printf(&w->b, "<div class=ovg data-start=\"%u.%u.%u\">",
	    (unsigned)(key >> 16 & 255), (unsigned)(key >> 8 & 255),
	    (unsigned)(key & 255));
	for (k = key; k < key + n; k++) {
		const struct blk *b = *i < hi && w->b4[*i].key == k ?
		    &w->b4[(*i)++] : NULL;

		overview_cell(w, b, k);
	}
	hb_puts(&w->b, "</div>\n");
}

/* The /24s of a network larger than a /24: all of them as one grid when
 * it is a /16 or smaller, else a grid for each /16 that has any in use. */
static void
overview(struct hw *w, const struct net *n, size_t lo, size_t hi)
{
	size_t i = lo;
	struct addr a;

	overview_legend(w);
	flush(w);
	if (n->len >= 16) {
		ovgrid(w, key_of(&n->prefix), (uint64_t)1 << (24 - n->len), &i,
		    hi);
		commit(w, &w->overview);
		return;
	}
	while (i < hi) {
		uint64_t k16 = w->b4[i].key >> 8 << 8;

		addr_of(k16, 4, &a);
		hb_puts(&w->b, "<div class=ov16><p class=src>");
		prefix_text(&w->b, &a, 16);
		hb_puts(&w->b, "</p>");
		ovgrid(w, k16, 256, &i, hi);
		hb_puts(&w->b, "</div>");
		if (!commit(w, &w->overview)) {
			while (i < hi && w->b4[i].key >> 8 << 8 == k16)
				i++;
		}
	}
}

static void
net_head(struct hw *w, const struct net *n, size_t idx, const uint32_t *count,
    bool one)
{
	char nb[NAMES_TXT_MAX];

	hb_printf(&w->b, "<section class=\"net%s\" id=\"net-%zu\" "
	    "data-family=%u><h3>", one ? " one" : "", idx, n->prefix.family);
	prefix_text(&w->b, &n->prefix, n->len);
	hb_puts(&w->b, "</h3><p class=src>");
	if (n->policy)
		hb_puts(&w->b, "a network of the configuration");
	else if (n->zone >= 0) {
		hb_puts(&w->b, "reverse zone ");
		esc(&w->b, model_fmt(w->m, w->m->zones[n->zone].apex, nb));
	} else
		hb_puts(&w->b, "addresses in use where no reverse zone is "
		    "loaded");
	hb_puts(&w->b, " &middot; used addresses: ");
	counts_text(&w->b, count, false);
	hb_puts(&w->b, "</p>\n");
}

/* Range [*LO, *HI) of the blocks of V inside network N. */
static void
blocks_in(const struct blk *v, size_t nv, const struct net *n, size_t *lo,
    size_t *hi)
{
	unsigned bits = n->prefix.family == 4 ? 24 : 64;
	unsigned len = n->len < bits ? n->len : bits;	/* a /26: its /24 */
	uint64_t start = key_of(&n->prefix), last;
	size_t a = 0, b = nv, mid;

	if (bits - len == 64)
		last = UINT64_MAX;
	else
		last = start + (((uint64_t)1 << (bits - len)) - 1);
	while (a < b) {
		mid = a + (b - a) / 2;
		if (v[mid].key < start)
			a = mid + 1;
		else
			b = mid;
	}
	*lo = a;
	while (a < nv && v[a].key <= last)
		a++;
	*hi = a;
}

static void
net_v4(struct hw *w, const struct net *n, size_t idx)
{
	uint32_t count[COV_NSTATES] = {0};
	size_t lo, hi, i, s;

	blocks_in(w->b4, w->nb4, n, &lo, &hi);
	for (i = lo; i < hi; i++)
		for (s = 0; s < COV_NSTATES; s++)
			count[s] += w->b4[i].count[s];
	net_head(w, n, idx, count, hi - lo == 1 && w->b4[lo].detail);
	if (!commit(w, &w->overview))
		return;
	if (n->len < 24 && hi - lo > 1)
		overview(w, n, lo, hi);
	fixed(w, "<div class=grids>\n");
	for (i = lo; i < hi; i++) {
		if (w->b4[i].detail) {
			grid(w, &w->b4[i]);
			commit(w, &w->grids);
		} else
			w->grids.left++;
	}
	fixed(w, "</div></section>\n");
}

/* A /64 as a table row: its used addresses by state, a bar, and the
 * addresses themselves (at most HTML_MAX_V6_ADDRS). */
static void
row_v6(struct hw *w, const struct blk *b)
{
	char ab[NAMES_ADDR_TXT_MAX], nb[NAMES_TXT_MAX];
	struct addr a;
	size_t i;

	addr_of(b->key, 6, &a);
	hb_puts(&w->b, "<tr data-net=\"");
	prefix_text(&w->b, &a, 64);
	hb_puts(&w->b, "\"");
	for (i = 0; i < NUSED; i++)
		hb_printf(&w->b, " data-%s=%u", coverage_state_str(used_states[i]),
		    b->count[used_states[i]]);
	hb_puts(&w->b, "><td>");
	prefix_text(&w->b, &a, 64);
	hb_printf(&w->b, "</td><td class=n>%zu</td>", b->n);
	for (i = 0; i < NUSED; i++)
		hb_printf(&w->b, "<td class=n>%u</td>", b->count[used_states[i]]);
	hb_puts(&w->b, "<td><div class=bar>");
	for (i = 0; i < NUSED; i++)
		if (b->count[used_states[i]] > 0)
			hb_printf(&w->b, "<i class=%c style=\"width:%.1f%%\"></i>",
			    state_class[used_states[i]],
			    100.0 * b->count[used_states[i]] / (double)b->n);
	hb_printf(&w->b, "</div><details><summary>%zu address%s</summary>"
	    "<ul class=v6>", b->n, b->n == 1 ? "" : "es");
	for (i = 0; i < b->n && i < HTML_MAX_V6_ADDRS; i++) {
		const struct cov_addr *e = &w->c.a[b->first + i];

		hb_printf(&w->b, "<li data-state=\"%s\"><i class=\"sw %c\"></i> "
		    "%s ", coverage_state_str(e->state), state_class[e->state],
		    names_addr_fmt(&e->addr, ab));
		esc(&w->b, name_of(w, e->name, nb));
		hb_printf(&w->b, "%s</li>", has_finding(w, &e->addr) ?
		    " (see findings)" : "");
	}
	if (b->n > HTML_MAX_V6_ADDRS)
		hb_printf(&w->b, "<li>and %zu more</li>",
		    b->n - HTML_MAX_V6_ADDRS);
	hb_puts(&w->b, "</ul></details></td></tr>\n");
}

static void
net_v6(struct hw *w, const struct net *n, size_t idx)
{
	uint32_t count[COV_NSTATES] = {0};
	size_t lo, hi, i, s;

	blocks_in(w->b6, w->nb6, n, &lo, &hi);
	for (i = lo; i < hi; i++)
		for (s = 0; s < COV_NSTATES; s++)
			count[s] += w->b6[i].count[s];
	net_head(w, n, idx, count, false);
	if (!commit(w, &w->overview))
		return;
	if (lo == hi) {
		fixed(w, "<p>No address in use.</p></section>\n");
		return;
	}
	hb_puts(&w->b, "<table class=v6t><tr><th>/64</th><th>used</th>");
	for (i = 0; i < NUSED; i++)
		hb_printf(&w->b, "<th><i class=\"sw %c\"></i> %s</th>",
		    state_class[used_states[i]],
		    coverage_state_str(used_states[i]));
	hb_puts(&w->b, "<th></th></tr>\n");
	flush(w);
	for (i = lo; i < hi; i++) {
		row_v6(w, &w->b6[i]);
		commit(w, &w->overview);
	}
	fixed(w, "</table></section>\n");
}

static void
coverage_part(struct hw *w)
{
	size_t i;

	hb_puts(&w->b, "<section id=coverage><h2>Coverage</h2>\n<p>Every address "
	    "of each network the zones use, by the state of its reverse DNS; "
	    "IPv4 /24s cell by cell (hover for the address and its names), "
	    "IPv6 as the /64s in use.</p>\n");
	state_legend(w);
	flush(w);
	if (w->nnets == 0)
		fixed(w, "<p>No address in the loaded zones.</p>\n");
	for (i = 0; i < w->nnets; i++) {
		if (w->nets[i].prefix.family == 4)
			net_v4(w, &w->nets[i], i);
		else
			net_v6(w, &w->nets[i], i);
	}
	if (w->grids.left > 0) {
		hb_printf(&w->b, "<p class=note>%zu /24s are not drawn cell by "
		    "cell: a page draws at most %u (those with the most missing "
		    "or bad PTRs) and stays under its size limit.</p>\n",
		    w->grids.left, HTML_MAX_GRIDS);
		flush(w);
	}
	left_note(w, &w->overview, "networks, overview rows or /64s");
	fixed(w, "</section>\n");
}

/* ---- findings ---- */

static void
finding_row(struct hw *w, const struct finding *f)
{
	const struct model *m = w->m;
	char nb[NAMES_TXT_MAX], ab[NAMES_ADDR_TXT_MAX];
	const char *sev = report_sev_str(f->sev);

	hb_printf(&w->b, "<tr data-sev=\"%s\" data-rank=%u data-check=\"%s\" "
	    "data-zone=\"", sev, f->sev, checks[f->check].id);
	if (f->zone == MODEL_NONE)
		hb_puts(&w->b, "-");
	else
		esc(&w->b, model_fmt(m, m->zones[f->zone].apex, nb));
	hb_puts(&w->b, "\" data-file=\"");
	if (f->rec != MODEL_NONE)
		esc(&w->b, m->srcs[m->recs[f->rec].src].path);
	hb_puts(&w->b, "\"");
	if (f->rec != MODEL_NONE && m->recs[f->rec].line > 0)
		hb_printf(&w->b, " data-line=%u", m->recs[f->rec].line);
	hb_printf(&w->b, "><td class=\"sev-%s\">%s</td><td>%s</td><td class=nm>",
	    sev, sev, checks[f->check].id);
	if (f->zone != MODEL_NONE)
		esc(&w->b, model_fmt(m, m->zones[f->zone].apex, nb));
	hb_printf(&w->b, "</td><td>%s</td><td class=nm>",
	    f->has_addr ? names_addr_fmt(&f->addr, ab) : "");
	esc(&w->b, name_of(w, f->name, nb));
	hb_puts(&w->b, "</td><td class=nm>");
	if (f->rec != MODEL_NONE) {
		esc(&w->b, m->srcs[m->recs[f->rec].src].path);
		if (m->recs[f->rec].line > 0)
			hb_printf(&w->b, ":%u", m->recs[f->rec].line);
	}
	hb_puts(&w->b, "</td><td class=msg>");
	esc(&w->b, f->msg);
	hb_puts(&w->b, "</td></tr>\n");
}

static void
findings_part(struct hw *w)
{
	size_t i, shown = 0;
	int s;

	hb_printf(&w->b, "<section id=findings><h2>Findings</h2>\n"
	    "<div id=filters hidden><label>check <select id=fcheck><option "
	    "value=\"\">all</option></select></label> <label>severity <select "
	    "id=fsev><option value=\"\">all</option></select></label> <label>"
	    "zone <select id=fzone><option value=\"\">all</option></select>"
	    "</label> <label>search <input id=fq type=search size=28 "
	    "placeholder=\"address, name, text\"></label> <span id=fshown>"
	    "</span></div>\n"
	    "<table id=ftable><thead><tr><th data-sort=sev>severity</th>"
	    "<th data-sort=text>check</th><th data-sort=text>zone</th>"
	    "<th data-sort=text>address</th><th data-sort=text>name</th>"
	    "<th data-sort=loc>where</th><th>what to do</th></tr></thead>\n"
	    "<tbody id=ftbody>\n");
	flush(w);
	/* Errors first, then warnings, then info: if the page cannot hold
	 * every finding, it holds the worst. */
	for (s = SEV_ERROR; s >= SEV_INFO; s--)
		for (i = 0; i < w->r->n; i++) {
			if (w->r->f[i].sev != s)
				continue;
			if (shown >= HTML_MAX_ROWS) {
				w->rows.left++;
				continue;
			}
			finding_row(w, &w->r->f[i]);
			if (commit(w, &w->rows))
				shown++;
		}
	fixed(w, "</tbody></table>\n");
	if (w->r->n == 0)
		fixed(w, "<p>No findings.</p>\n");
	left_note(w, &w->rows, "findings");
	fixed(w, "</section>\n");
}

/* ---- the fix list (issue 6), when the caller has one ---- */

static void
fix_part(struct hw *w)
{
	const struct html_opts *o = w->o;
	size_t i;

	if (o->fix == NULL)
		return;
	fixed(w, "<section id=fixlist><h2>Fix list</h2>\n<p>The PTR records to "
	    "publish, grouped by who holds each reverse zone; each group can "
	    "be copied and sent as it is.</p>\n");
	if (o->nfix == 0)
		fixed(w, "<p>Nothing to fix.</p>\n");
	for (i = 0; i < o->nfix; i++) {
		const struct html_fixgroup *g = &o->fix[i];

		hb_printf(&w->b, "<div class=fix><h3>");
		esc(&w->b, g->holder != NULL ? g->holder : "");
		hb_puts(&w->b, "</h3>");
		if (g->header != NULL) {
			hb_puts(&w->b, "<p>");
			esc(&w->b, g->header);
			hb_puts(&w->b, "</p>");
		}
		hb_printf(&w->b, "<button type=button class=copy data-for=\"fix-%zu"
		    "\" hidden>Copy records</button>\n<pre id=\"fix-%zu\">", i, i);
		esc_nl(&w->b, g->records != NULL ? g->records : "", true);
		hb_puts(&w->b, "</pre></div>\n");
		commit(w, &w->fix);
	}
	left_note(w, &w->fix, "fix-list groups");
	fixed(w, "</section>\n");
}

/* ---- the whole page ---- */

static void
set_budgets(struct hw *w, uint64_t max)
{
	uint64_t rest = max - FIXED_RESERVE, unit = rest / 16;

	w->summary.budget = unit;
	w->overview.budget = 2 * unit;
	w->grids.budget = 6 * unit;
	w->rows.budget = 6 * unit;
	w->fix.budget = unit;
}

static int
prepare(struct hw *w)
{
	uint64_t *extra4 = NULL;
	size_t nextra4 = 0, i;
	int rc;

	if ((rc = coverage_build(&w->c, w->x, w->o->pol)) < 0)
		return rc;
	if (w->r->n > 0 && (w->faddr = malloc(w->r->n * sizeof(*w->faddr))) ==
	    NULL)
		return RDA_ENOMEM;
	for (i = 0; i < w->r->n; i++)
		if (w->r->f[i].has_addr)
			w->faddr[w->nfaddr++] = w->r->f[i].addr;
	if (w->nfaddr > 0)
		qsort(w->faddr, w->nfaddr, sizeof(*w->faddr), addr_qcmp);
	rc = build_nets(w, &extra4, &nextra4);
	if (rc == 0)
		rc = build_blocks(w, extra4, nextra4);
	if (rc == 0)
		rc = choose_grids(w);
	free(extra4);
	return rc;
}

int
html_write(const struct report *r, const struct xref *x,
    const struct html_opts *o, FILE *out)
{
	static const struct html_opts none = {0};
	struct hw w;
	uint64_t max;
	int rc;

	if (o == NULL)
		o = &none;
	max = o->max_bytes ? o->max_bytes : HTML_MAX_BYTES;
	if (max < HTML_MIN_BYTES)
		return RDA_EINVAL;
	memset(&w, 0, sizeof(w));
	w.out = out;
	w.r = r;
	w.x = x;
	w.m = r->m;
	w.o = o;
	set_budgets(&w, max);
	if ((rc = prepare(&w)) == 0) {
		head(&w);
		summary(&w);
		coverage_part(&w);
		findings_part(&w);
		fix_part(&w);
		fixed(&w, "<footer><p class=src>Written by rdnsaudit; open it "
		    "anywhere: it loads nothing from the network.</p></footer>\n"
		    "</main>\n<script>");
		fixed(&w, js);
		fixed(&w, "</script>\n</body>\n</html>\n");
		rc = w.oom ? RDA_ENOMEM : w.ioerr ? RDA_EIO : 0;
	}
	free(w.b.p);
	free(w.faddr);
	free(w.b4);
	free(w.b6);
	free(w.nets);
	coverage_clear(&w.c);
	return rc;
}
