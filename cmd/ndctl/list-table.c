// SPDX-License-Identifier: GPL-2.0-only
/*
 * list --table: what a person wants to see of a region, its capacity map:
 * namespaces in DPA order with the free extents between them.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/size.h"
#include "topo-filter.h"

static void print_namespace_row(struct ndctl_namespace *ndns)
{
	char size[48];
	const char *state = ndctl_namespace_is_active(ndns) ? "enabled" : "disabled";

	printf("  %-14s %-7s %24s  %-8s %s\n", ndctl_namespace_get_devname(ndns),
			ndctl_namespace_mode_name(ndctl_namespace_get_mode(ndns)),
			format_size_human(ndctl_namespace_get_size(ndns), size, sizeof(size)),
			state, ndctl_namespace_get_alt_name(ndns));
}

static void print_region(struct ndctl_region *region, const struct topo_filter *f)
{
	unsigned long long size = ndctl_region_get_size(region);
	unsigned long long avail = ndctl_region_get_available_size(region);
	unsigned long long extent = ndctl_region_get_max_available_extent(region);
	char s1[48], s2[48], s3[48];
	struct ndctl_namespace *ndns;

	/* unreadable (ULLONG_MAX) shows as 0, as before */
	if (avail == ULLONG_MAX)
		avail = 0;
	if (extent == ULLONG_MAX)
		extent = 0;
	printf("%s  %s, %s free (largest extent %s), %s%s\n",
			ndctl_region_get_devname(region),
			format_size_human(size, s1, sizeof(s1)),
			format_size_human(avail, s2, sizeof(s2)),
			format_size_human(extent, s3, sizeof(s3)),
			ndctl_region_is_labeled(region) ? "labeled" : "label-less",
			ndctl_region_is_enabled(region) ? "" : ", disabled");
	printf("  %-14s %-7s %24s  %-8s %s\n", "NAMESPACE", "MODE", "SIZE", "STATE", "NAME");
	ndctl_namespace_foreach(region, ndns)
		if (ndctl_namespace_is_configured(ndns) &&
				topo_filter_namespace(f, ndns, true))
			print_namespace_row(ndns);
	if (avail)
		printf("  %-14s %-7s %24s\n", "(free)", "",
				format_size_human(avail, s2, sizeof(s2)));
}

struct table_run {
	const struct topo_filter *f;
	bool first;
};

static bool table_region(struct ndctl_region *region, void *arg)
{
	struct table_run *run = arg;

	if (!run->first)
		putchar('\n');
	run->first = false;
	print_region(region, run->f);
	return true;
}

int list_table(struct ndctl_ctx *ctx, const struct topo_filter *f)
{
	struct table_run run = { f, true };

	topo_filter_each_region(ctx, f, table_region, &run);
	return 0;
}
