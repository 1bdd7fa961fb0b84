/* standalone.c -- replays fuzz inputs without libFuzzer.
 *
 *	fuzz_NAME FILE|DIR ...
 *
 * Runs LLVMFuzzerTestOneInput() once on each file (each file of a
 * directory), so the regression inputs in tests/fuzz/regress/ run in the
 * ordinary ASan+UBSan build with any compiler.  A crash or a broken
 * invariant aborts; otherwise prints how many inputs ran.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests/fuzz/fuzz.h"

static char *
slurp(const char *path, size_t *size)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL, *t;
	size_t cap = 0, n = 0, got;

	if (fp == NULL)
		return NULL;
	do {
		if (n == cap) {
			cap = cap ? 2 * cap : 65536;
			if ((t = realloc(buf, cap)) == NULL) {
				free(buf);
				fclose(fp);
				return NULL;
			}
			buf = t;
		}
		got = fread(buf + n, 1, cap - n, fp);
		n += got;
	} while (got > 0);
	fclose(fp);
	*size = n;
	return buf;
}

static int
run_file(const char *path)
{
	size_t size = 0;
	char *data;

	if ((data = slurp(path, &size)) == NULL) {
		perror(path);
		return -1;
	}
	LLVMFuzzerTestOneInput((const uint8_t *)data, size);
	free(data);
	return 1;
}

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs every file of DIR, in name order so a run is reproducible. */
static int
run_dir(const char *dir)
{
	char **names = NULL, **t, *path;
	size_t n = 0, i;
	struct dirent *e;
	DIR *d;
	int count = 0, rc;

	if ((d = opendir(dir)) == NULL) {
		perror(dir);
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if ((t = realloc(names, (n + 1) * sizeof(*names))) == NULL)
			break;
		names = t;
		if ((names[n] = strdup(e->d_name)) != NULL)
			n++;
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp);
	for (i = 0; i < n; i++) {
		if (asprintf(&path, "%s/%s", dir, names[i]) < 0)
			return -1;
		if ((rc = run_file(path)) < 0)
			count = -1;
		else if (count >= 0)
			count += rc;
		free(path);
		free(names[i]);
	}
	free(names);
	return count;
}

int
main(int argc, char **argv)
{
	char cwd[4096], *path;
	struct stat st;
	int i, n, total = 0;

	/* LLVMFuzzerInitialize() moves into its scratch directory. */
	if (getcwd(cwd, sizeof(cwd)) == NULL) {
		perror("getcwd");
		return 1;
	}
	LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		if (asprintf(&path, "%s/%s", argv[i][0] == '/' ? "" : cwd,
		    argv[i]) < 0)
			return 1;
		if (stat(path, &st) != 0) {
			perror(argv[i]);
			return 1;
		}
		n = S_ISDIR(st.st_mode) ? run_dir(path) : run_file(path);
		free(path);
		if (n < 0)
			return 1;
		total += n;
	}
	printf("%s: %d input%s replayed, no crash\n", argv[0], total,
	    total == 1 ? "" : "s");
	return 0;
}
