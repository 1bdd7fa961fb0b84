/* corpus.c -- the shared corpus for unit tests; see corpus.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/unit/corpus.h"

bool
corpus_each(const char *name,
    void (*fn)(void *ctx, const char *origin, const char *path), void *ctx)
{
	const char *dir = getenv("RDA_CORPUS");
	char top[4096], line[8192], *f[4];
	FILE *fp = NULL;
	int i;

	if (dir == NULL)
		dir = "../shared/corpus";
	if (getcwd(top, sizeof(top)) == NULL) {
		perror("getcwd");
		abort();
	}
	if (chdir(dir) != 0 || (fp = fopen("checks.tsv", "r")) == NULL) {
		printf("%s: SKIPPED: %s/checks.tsv not found\n", name, dir);
		if (chdir(top) != 0)
			abort();
		return false;
	}
	while (fgets(line, sizeof(line), fp) != NULL) {
		char *p = line;

		for (i = 0; i < 4; i++)
			f[i] = strsep(&p, "\t\n");
		if (f[3] == NULL || strcmp(f[2], "zone") != 0)
			continue;
		fn(ctx, f[3], f[1]);
	}
	fclose(fp);
	if (chdir(top) != 0)
		abort();
	return true;
}
