/* fuzz_axfr.c -- AXFR message handling (zones/axfr.c): what a transfer
 * does with whatever a server sends.
 *
 * A server thread listens on 127.0.0.1 at a free port.  For each transfer
 * it reads the query and answers with the fuzz input as the raw TCP stream
 * (messages with their two-byte length prefixes), the ID of every message
 * set to the query's so that ldns looks further than the first two bytes,
 * then closes the connection.  The transfer of example.com. runs through
 * axfr_fetch_all() with short timeouts, as rdnsaudit runs it.  It must end
 * (the timeouts and the record cap hold), fail with a message that names
 * the zone and the server, or succeed with a zone that axfr_store() and
 * model_finish() accept, whose SOA is known.  No traffic leaves the
 * loopback.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/err.h"
#include "core/model.h"
#include "tests/fuzz/fuzz.h"
#include "zones/axfr.h"

static int lfd = -1;
static uint16_t port;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static uint8_t *cur;
static size_t curlen;

static bool
read_full(int fd, uint8_t *p, size_t n)
{
	ssize_t r;

	while (n > 0) {
		if ((r = read(fd, p, n)) <= 0)
			return false;
		p += r;
		n -= (size_t)r;
	}
	return true;
}

/* Answers one connection: the current input, IDs patched. */
static void
answer(int fd)
{
	uint8_t q[2 + 512], *out;
	size_t n, i, len;

	if (!read_full(fd, q, 2) || (n = (size_t)q[0] << 8 | q[1]) < 2 ||
	    n > 512 || !read_full(fd, q + 2, n))
		return;
	pthread_mutex_lock(&mu);
	len = curlen;
	out = len > 0 ? malloc(len) : NULL;
	if (out != NULL)
		memcpy(out, cur, len);
	pthread_mutex_unlock(&mu);
	if (out == NULL)
		return;
	for (i = 0; i + 4 <= len; i += 2 + n) {
		n = (size_t)out[i] << 8 | out[i + 1];
		if (n >= 2) {
			out[i + 2] = q[2];
			out[i + 3] = q[3];
		}
	}
	/* MSG_NOSIGNAL: the client may have given up and closed. */
	(void)send(fd, out, len, MSG_NOSIGNAL);
	free(out);
}

static void *
serve(void *arg)
{
	int fd;

	(void)arg;
	for (;;) {
		if ((fd = accept(lfd, NULL, NULL)) < 0)
			continue;
		answer(fd);
		close(fd);
	}
	return NULL;
}

static bool
start_server(void)
{
	struct sockaddr_in sa;
	socklen_t sl = sizeof(sa);
	pthread_t t;
	int one = 1;

	if ((lfd = socket(AF_INET, SOCK_STREAM, 0)) < 0)
		return false;
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(lfd, 16) < 0 ||
	    getsockname(lfd, (struct sockaddr *)&sa, &sl) < 0)
		return false;
	port = ntohs(sa.sin_port);
	return pthread_create(&t, NULL, serve, NULL) == 0 &&
	    pthread_detach(t) == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct axfr_opts o = {0};
	struct axfr_job job;
	struct model *m;
	char arg[64], err[AXFR_ERR_MAX];
	int rc;

	if (lfd < 0 && !start_server())
		return 0;
	pthread_mutex_lock(&mu);
	free(cur);
	cur = size > 0 ? malloc(size) : NULL;
	curlen = cur != NULL ? size : 0;
	if (cur != NULL)
		memcpy(cur, data, size);
	pthread_mutex_unlock(&mu);
	memset(&job, 0, sizeof(job));
	snprintf(arg, sizeof(arg), "example.com@127.0.0.1:%u", port);
	FUZZ_ASSERT(axfr_parse(arg, &job.spec, err) == 0);
	o.deadline_ms = 2000;
	o.msg_timeout_ms = 500;
	o.max_records = 2000;
	o.jobs = 1;
	axfr_fetch_all(&job, 1, &o);
	/* FUZZ_AXFR_SAY=1: what each replayed input did (for seeds). */
	if (getenv("FUZZ_AXFR_SAY") != NULL)
		fprintf(stderr, "axfr: rc %d, %llu records: %s\n", job.rc,
		    (unsigned long long)job.records, job.err);
	if (job.rc != 0) {
		/* A failure says which zone, from which server. */
		FUZZ_ASSERT(job.rc < 0 && job.err[0] != '\0');
		FUZZ_ASSERT(strstr(job.err, "example.com.") != NULL);
		FUZZ_ASSERT(strstr(job.err, "127.0.0.1") != NULL);
	} else {
		/* At least the SOA: SOA ... SOA is a whole (empty) zone. */
		FUZZ_ASSERT(job.records >= 1 && job.records <= o.max_records);
		FUZZ_ASSERT((m = model_new()) != NULL);
		rc = axfr_store(m, &job);
		FUZZ_ASSERT(rc == 0 || rc == RDA_ENOMEM);
		FUZZ_ASSERT(model_finish(m) == 0);
		FUZZ_ASSERT(rc != 0 || (m->nzones == 1 && m->zones[0].has_soa));
		model_free(m);
	}
	axfr_job_clear(&job);
	return 0;
}
