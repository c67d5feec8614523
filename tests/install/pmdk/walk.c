// SPDX-License-Identifier: GPL-2.0-only
/*
 * pmdk-walk PATH...: what libpmem2 learns about each file or device dax
 * through libndctl/libdaxctl, one "key=value" line per path. Built once
 * against ndkit and once against upstream's libraries, the two must print
 * the same lines on the same devices. --clear also tries PMDK's clear-error
 * path on the first bad block (the command objects' answers, not a clear).
 */
#include <stdio.h>
#include <string.h>
#include <sys/sysmacros.h>
#include "pmdk-caller.h"

#define MAX_BB 16

static void print_badblocks(struct ndctl_region *region, struct ndctl_namespace *ndns,
		int clear)
{
	struct walk_badblock bbs[MAX_BB];
	unsigned long long off, size;
	int n = walk_badblocks(region, ndns, bbs, MAX_BB);

	printf(" badblocks=");
	for (int i = 0; i < n && i < MAX_BB; i++)
		printf("%s%llu+%llu", i ? "," : "", bbs[i].offset, bbs[i].length);
	if (n <= 0)
		printf("%s", n < 0 ? "error" : "none");
	if (clear && n > 0 && !walk_namespace_bounds(region, ndns, &off, &size)) {
		struct ndctl_bus *bus = ndctl_region_get_bus(region);
		unsigned long long base = off + ndctl_region_get_resource(region);

		printf(" clear=%d", walk_clear_badblock(bus, base + bbs[0].offset,
					bbs[0].length));
	}
}

static void print_geometry(struct ndctl_ctx *ctx, const struct stat *st,
		struct ndctl_region *region, struct ndctl_namespace *ndns)
{
	unsigned long long off, size;
	size_t align = 0, dsize = 0;
	char id[256];

	if (walk_namespace_bounds(region, ndns, &off, &size))
		printf(" bounds=error");
	else
		printf(" ns_offset=%#llx ns_size=%llu", off, size);
	if (!walk_devdax_alignment(ndns, &align, &dsize))
		printf(" dax_align=%zu dax_size=%zu", align, dsize);
	if (S_ISCHR(st->st_mode) && walk_find_dev_dax(ctx, major(st->st_rdev),
				minor(st->st_rdev), &dsize, &align))
		printf(" daxio_size=%zu daxio_align=%zu", dsize, align);
	printf(" usc=%lld usc_iset=%lld", walk_usc(region), walk_usc_iset(region));
	if (walk_device_id(region, id, sizeof(id)) == 0)
		printf(" device_id=%s", id);
}

static int walk_path(struct ndctl_ctx *ctx, const char *path, int clear)
{
	struct ndctl_namespace *ndns;
	struct ndctl_region *region;
	struct ndctl_bus *bus;
	struct stat st;

	if (stat(path, &st)) {
		perror(path);
		return 1;
	}
	if (walk_region_namespace(ctx, &st, &region, &ndns)) {
		printf("%s error\n", path);
		return 1;
	}
	if (!region) {
		printf("%s none\n", path);
		return 0;
	}
	bus = ndctl_region_get_bus(region);
	printf("%s bus=%s provider_lookup=%d region=%s id=%u numa=%d namespace=%s mode=%d name=%s",
			path, ndctl_bus_get_provider(bus),
			ndctl_bus_get_by_provider(ctx, ndctl_bus_get_provider(bus)) == bus,
			ndctl_region_get_devname(region), ndctl_region_get_id(region),
			walk_numa_node(region), ndctl_namespace_get_devname(ndns),
			(int)ndctl_namespace_get_mode(ndns), ndctl_namespace_get_alt_name(ndns));
	print_geometry(ctx, &st, region, ndns);
	print_badblocks(region, ndns, clear);
	printf("\n");
	return 0;
}

int main(int argc, char **argv)
{
	struct ndctl_ctx *ctx;
	int clear = argc > 1 && strcmp(argv[1], "--clear") == 0;
	int rc = 0;

	if (ndctl_new(&ctx)) {
		fprintf(stderr, "ndctl_new failed\n");
		return 1;
	}
	for (int i = 1 + clear; i < argc; i++)
		rc |= walk_path(ctx, argv[i], clear);
	ndctl_unref(ctx);
	return rc;
}
