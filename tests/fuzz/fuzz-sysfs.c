// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz target: sysfs attribute parsing. A copy of a captured guest tree
 * (FUZZ_SYSFS_TREE, default the unit tests' "mixed" tree) gets some of its
 * attribute files replaced by the input, then `ndctl list -BDRNiu` walks it
 * through libndctl (every attribute the topology reads) and renders JSON.
 * Input: records of [2-byte attribute number][new content][NUL]; the
 * changed files are restored after each run.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ndctl/libndctl.h>
#include "ndctl/builtin.h"
#include "fuzz-lsa.h"

#ifndef FUZZ_SYSFS_TREE
#define FUZZ_SYSFS_TREE "tests/unit/topology/trees/mixed"
#endif

static char root[] = "/tmp/ndkit-fuzz-sysfs-XXXXXX";
static char **attrs;
static unsigned nattrs;

static int add_attr(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (type == FTW_F) {
		attrs = realloc(attrs, (nattrs + 1) * sizeof(*attrs));
		attrs[nattrs++] = strdup(path);
	}
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void remove_tree(void)
{
	char *cmd;

	if (asprintf(&cmd, "rm -rf '%s'", root) >= 0 && system(cmd) == 0)
		free(cmd);
}

static int setup(void)
{
	const char *tree = getenv("FUZZ_SYSFS_TREE") ? getenv("FUZZ_SYSFS_TREE") : FUZZ_SYSFS_TREE;
	char *cmd;
	int rc;

	if (!mkdtemp(root) || asprintf(&cmd, "cp -a '%s'/. '%s'", tree, root) < 0)
		return -1;
	rc = system(cmd);
	free(cmd);
	atexit(remove_tree);
	if (rc == 0)
		nftw(root, add_attr, 16, FTW_PHYS);
	qsort(attrs, nattrs, sizeof(*attrs), by_name);	/* the same numbering on every file system */
	return rc == 0 && nattrs ? 0 : -1;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = malloc(4096);

	*len = f ? fread(buf, 1, 4096, f) : 0;
	if (f)
		fclose(f);
	return buf;
}

static void put(const char *path, const void *buf, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (f) {
		fwrite(buf, 1, len, f);
		fclose(f);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct { unsigned attr; char *old; size_t len; } saved[16];
	char *argv[] = { "list", "-BDRNiu", NULL };
	struct ndctl_ctx *ctx;
	unsigned n = 0, i;
	size_t pos = 0;

	if (!ready)
		ready = setup() == 0 ? 1 : -1;
	if (ready < 0)
		abort();
	while (pos + 2 <= size && n < 16) {
		size_t end = pos + 2;
		unsigned a = (unsigned)(data[pos] | data[pos + 1] << 8) % nattrs;

		while (end < size && data[end])
			end++;
		saved[n].attr = a;
		saved[n].old = slurp(attrs[a], &saved[n].len);
		put(attrs[a], data + pos + 2, end - pos - 2);
		n++;
		pos = end + 1;
	}
	if (ndctl_new(&ctx) == 0) {	/* the JSON goes to /dev/null */
		int out = dup(1), null = open("/dev/null", O_WRONLY);

		ndctl_set_root(ctx, root);
		fflush(stdout);
		dup2(null, 1);
		cmd_list(2, argv, ctx);
		fflush(stdout);
		dup2(out, 1);
		close(out);
		close(null);
		ndctl_unref(ctx);
	}
	for (i = n; i-- > 0;) {
		put(attrs[saved[i].attr], saved[i].old, saved[i].len);
		free(saved[i].old);
	}
	return 0;
}
