/* common.c -- start-up and helpers shared by the fuzz targets; see fuzz.h. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/checks.h"
#include "tests/fuzz/fuzz.h"

static char scratch[64];
static FILE *devnull;

void
fuzz_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, what);
	abort();
}

void
fuzz_diag_printable(const char *diag)
{
	const unsigned char *p;

	for (p = (const unsigned char *)diag; *p != '\0'; p++)
		FUZZ_ASSERT(*p == '\n' || (*p >= 0x20 && *p != 0x7f));
}

static void
put_file(const char *name, const char *text)
{
	FILE *fp = fopen(name, "w");

	if (fp == NULL || fputs(text, fp) < 0 || fclose(fp) != 0) {
		perror(name);
		exit(1);
	}
}

static void
remove_scratch(void)
{
	static const char *const files[] = {
		"a.inc", "b.inc", "self.inc", "empty.inc", "fuzz.yaml",
		"named.conf", NULL,
	};
	size_t i;

	if (scratch[0] == '\0' || chdir(scratch) != 0)
		return;
	for (i = 0; files[i] != NULL; i++)
		unlink(files[i]);
	rmdir("dir.inc");
	if (chdir("/") == 0)
		rmdir(scratch);
}

/* The files an input may name in $INCLUDE: records, a nested include, a
 * file that includes itself, an empty one and a directory. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	checks_init();
	snprintf(scratch, sizeof(scratch), "/tmp/rda-fuzz-XXXXXX");
	if (mkdtemp(scratch) == NULL || chdir(scratch) != 0) {
		perror("rda-fuzz scratch directory");
		exit(1);
	}
	atexit(remove_scratch);
	put_file("a.inc", "www A 192.0.2.1\nmail AAAA 2001:db8::25\n"
	    "1.2.0.192.in-addr.arpa. PTR www\n");
	put_file("b.inc", "$ORIGIN sub\n$INCLUDE a.inc\nx CNAME www\n");
	put_file("self.inc", "$INCLUDE self.inc\n");
	put_file("empty.inc", "");
	if (mkdir("dir.inc", 0700) != 0 && errno != EEXIST) {
		perror("dir.inc");
		exit(1);
	}
	if ((devnull = fopen("/dev/null", "w")) == NULL) {
		perror("/dev/null");
		exit(1);
	}
	return 0;
}

int
fuzz_memfile(const void *data, size_t size, char *path)
{
	const char *p = data;
	ssize_t n;
	int fd;

	if ((fd = memfd_create("fuzz-zone", MFD_CLOEXEC)) < 0)
		return -1;
	while (size > 0) {
		if ((n = write(fd, p, size)) <= 0) {
			close(fd);
			return -1;
		}
		p += n;
		size -= (size_t)n;
	}
	snprintf(path, 64, "/proc/self/fd/%d", fd);
	return fd;
}

static void
quiet(void *ctx, enum diag_sev sev, const char *file, unsigned line,
    const char *msg)
{
	(void)ctx;
	(void)sev;
	(void)line;
	/* Every diagnostic names its file and says something. */
	FUZZ_ASSERT(file != NULL && msg != NULL && msg[0] != '\0');
}

void
fuzz_load_opts(struct load_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->gen_max = 300;
	o->max_records = 5000;
	o->diag = quiet;
}

FILE *
fuzz_devnull(void)
{
	return devnull;
}
