// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The block devices of the running system (ROOT/sys/block), read with one
 * directory scan per topology and attribute generation: a raw namespace's
 * disk is then found by name, where a stat of NAMESPACE/block/DISK would
 * cost a path walk per namespace (docs/performance.md).
 */
#define _GNU_SOURCE	/* getdents64 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "internal.h"

struct nd_disks {
	unsigned int gen;	/* the attribute cache generation they were read in */
	bool ok;		/* ROOT/sys/block could be read */
	size_t n, cap;
	char **names;		/* sorted */
};

void nd_disks_free(struct nd_disks *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++)
		free(d->names[i]);
	free(d->names);
	free(d);
}

static int disks_add(struct nd_disks *d, const char *name)
{
	if (d->n == d->cap) {
		char **grown = realloc(d->names, (d->cap * 2 + 64) * sizeof(*grown));

		if (!grown)
			return -ENOMEM;
		d->names = grown;
		d->cap = d->cap * 2 + 64;
	}
	d->names[d->n] = strdup(name);
	if (!d->names[d->n])
		return -ENOMEM;
	d->n++;
	return 0;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char * const *)a, *(char * const *)b);
}

static void disks_scan(struct nd_disks *d, struct ndctl_ctx *ctx)
{
	char path[PATH_MAX], buf[32768] __attribute__((aligned(8)));
	int fd, rc = path_join(path, sizeof(path), ctx->base.root, "sys/block");
	ssize_t n;

	d->ok = false;
	if (rc || (fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return;
	while (!rc && (n = getdents64(fd, buf, sizeof(buf))) > 0)
		for (ssize_t off = 0; !rc && off < n; ) {
			const struct dirent64 *de = (const void *)(buf + off);

			off += de->d_reclen;
			if (de->d_name[0] != '.')
				rc = disks_add(d, de->d_name);
		}
	close(fd);
	if (rc || n < 0)
		return;
	qsort(d->names, d->n, sizeof(*d->names), cmp_name);
	d->ok = true;
}

/* 1: the system has a block device of that name, 0: it has none, -1: not known. */
int nd_disk_exists(struct ndctl_ctx *ctx, const char *name)
{
	struct ndctl_topology *topo = ctx->topology;
	struct nd_disks *d;

	if (!topo)
		return -1;
	d = topo->disks;
	if (!d || d->gen != topo->attrs.gen) {
		nd_disks_free(d);
		d = topo->disks = calloc(1, sizeof(*d));
		if (!d)
			return -1;
		d->gen = topo->attrs.gen;
		disks_scan(d, ctx);
	}
	if (!d->ok)
		return -1;
	return bsearch(&name, d->names, d->n, sizeof(*d->names), cmp_name) != NULL;
}
