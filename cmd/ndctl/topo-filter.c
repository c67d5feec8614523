// SPDX-License-Identifier: GPL-2.0-only
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include "../common/parse-options.h"
#include "topo-filter.h"

int topo_filter_check(const char *cmd, const struct topo_filter *f)
{
	char *end;

	if (f->mode && ndctl_namespace_mode_from_name(f->mode) == NDCTL_NS_MODE_UNKNOWN) {
		opt_error("invalid mode: '%s'\n", f->mode);	/* upstream's text */
		return -EINVAL;
	}
	if (f->type && strcmp(f->type, "pmem") != 0 && strcmp(f->type, "blk") != 0) {
		opt_error("unknown type \"%s\" must be \"pmem\" or \"blk\"\n", f->type);
		return -EINVAL;
	}
	if (f->numa_node && strcmp(f->numa_node, "all") != 0 &&
			(strtol(f->numa_node, &end, 0) < 0 || *end || end == f->numa_node)) {
		opt_error("invalid numa_node: '%s'\n", f->numa_node);
		return -EINVAL;
	}
	return 0;
}

static bool numa_matches(const struct topo_filter *f, int node)
{
	if (!f->numa_node || strcmp(f->numa_node, "all") == 0)
		return true;
	return strtol(f->numa_node, NULL, 0) == node;
}

/* "all", the device name, or its number ("3" for region3). */
static bool name_matches(const char *want, const char *devname, unsigned int id)
{
	char *end;
	unsigned long n;

	if (!want || strcmp(want, "all") == 0 || strcmp(want, devname) == 0)
		return true;
	n = strtoul(want, &end, 10);
	return end != want && !*end && n == id;
}

bool topo_filter_bus(const struct topo_filter *f, struct ndctl_bus *bus)
{
	return !f->bus || strcmp(f->bus, ndctl_bus_get_provider(bus)) == 0 ||
		name_matches(f->bus, ndctl_bus_get_devname(bus), ndctl_bus_get_id(bus));
}

static bool unnamed(const char *want)
{
	return !want || strcmp(want, "all") == 0;
}

/*
 * As upstream's walk: a bus that has none of the DIMM, region or namespace
 * named is left out (list -B would otherwise print it, empty).
 */
bool topo_filter_bus_holds(const struct topo_filter *f, struct ndctl_bus *bus)
{
	const struct topo_filter by_ns = { .namespace = f->namespace };
	bool dimm = unnamed(f->dimm), region = unnamed(f->region), ns = unnamed(f->namespace);
	struct ndctl_region *r;
	struct ndctl_dimm *d;

	ndctl_dimm_foreach(bus, d)
		dimm = dimm || name_matches(f->dimm, ndctl_dimm_get_devname(d), ndctl_dimm_get_id(d));
	ndctl_region_foreach(bus, r) {
		struct ndctl_namespace *n;

		region = region || name_matches(f->region, ndctl_region_get_devname(r),
				ndctl_region_get_id(r));
		ndctl_namespace_foreach(r, n)
			ns = ns || topo_filter_namespace(&by_ns, n, true);
	}
	return dimm && region && ns;
}

static bool region_has_dimm(struct ndctl_region *region, const char *want)
{
	struct ndctl_mapping *m;

	ndctl_mapping_foreach(region, m) {
		struct ndctl_dimm *dimm = ndctl_mapping_get_dimm(m);

		if (dimm && name_matches(want, ndctl_dimm_get_devname(dimm),
					ndctl_dimm_get_id(dimm)))
			return true;
	}
	return false;
}

bool topo_filter_region(const struct topo_filter *f, struct ndctl_region *region,
		bool idle)
{
	if (!idle && !ndctl_region_is_enabled(region))
		return false;
	if (!name_matches(f->region, ndctl_region_get_devname(region),
				ndctl_region_get_id(region)))
		return false;
	if (f->type && strcmp(f->type, ndctl_region_get_type_name(region)) != 0)
		return false;
	if (!numa_matches(f, ndctl_region_get_numa_node(region)))
		return false;
	return !f->dimm || strcmp(f->dimm, "all") == 0 || region_has_dimm(region, f->dimm);
}

/*
 * As upstream's by_region and by_namespace: the DIMM is in a region the
 * region filter names, and in a region holding the namespace named.
 */
static bool dimm_in_selected_regions(const struct topo_filter *f, struct ndctl_dimm *dimm)
{
	const struct topo_filter by_ns = { .namespace = f->namespace };
	bool region = unnamed(f->region), ns = unnamed(f->namespace);
	struct ndctl_region *r;

	ndctl_region_foreach(ndctl_dimm_get_bus(dimm), r) {
		struct ndctl_namespace *n;

		if (!region_has_dimm(r, ndctl_dimm_get_devname(dimm)))
			continue;
		region = region || name_matches(f->region, ndctl_region_get_devname(r),
				ndctl_region_get_id(r));
		ndctl_namespace_foreach(r, n)
			ns = ns || topo_filter_namespace(&by_ns, n, true);
	}
	return region && ns;
}

bool topo_filter_dimm(const struct topo_filter *f, struct ndctl_dimm *dimm, bool idle)
{
	if (!idle && !ndctl_dimm_is_enabled(dimm))
		return false;
	if (!name_matches(f->dimm, ndctl_dimm_get_devname(dimm), ndctl_dimm_get_id(dimm)))
		return false;
	return dimm_in_selected_regions(f, dimm);
}

bool topo_filter_namespace(const struct topo_filter *f, struct ndctl_namespace *ndns,
		bool idle)
{
	const char *devname = ndctl_namespace_get_devname(ndns);

	if (!idle && !ndctl_namespace_is_active(ndns))
		return false;
	if (f->namespace && strcmp(f->namespace, "all") != 0 &&
			strcmp(f->namespace, devname) != 0)
		return false;
	return !f->mode ||
		ndctl_namespace_mode_from_name(f->mode) == ndctl_namespace_get_mode(ndns);
}

void topo_filter_each_region(struct ndctl_ctx *ctx, const struct topo_filter *f,
		bool (*fn)(struct ndctl_region *region, void *arg), void *arg)
{
	struct ndctl_region *region;
	struct ndctl_bus *bus;

	ndctl_bus_foreach(ctx, bus) {
		if (!topo_filter_bus(f, bus))
			continue;
		ndctl_region_foreach(bus, region)
			if (topo_filter_region(f, region, true) && !fn(region, arg))
				return;
	}
}

struct each_namespace {
	bool (*fn)(struct ndctl_namespace *ndns, void *arg);
	void *arg;
};

static bool region_namespaces(struct ndctl_region *region, void *arg)
{
	struct each_namespace *each = arg;
	struct ndctl_namespace *ndns;

	ndctl_namespace_foreach(region, ndns)
		if (!each->fn(ndns, each->arg))
			return false;
	return true;
}

void topo_filter_each_namespace(struct ndctl_ctx *ctx, const struct topo_filter *f,
		bool (*fn)(struct ndctl_namespace *ndns, void *arg), void *arg)
{
	struct each_namespace each = { fn, arg };

	topo_filter_each_region(ctx, f, region_namespaces, &each);
}

int topo_namespace_args(int argc, char **argv, const char *verb,
		const char *const *usage, const struct option *opts)
{
	int errs = 0;

	if (argc == 0) {
		opt_error("specify a namespace to %s, or \"all\"\n", verb);
		errs++;
	}
	for (int i = 1; i < argc; i++, errs++)
		opt_error("unknown extra parameter \"%s\"\n", argv[i]);
	return errs ? usage_with_options(usage, opts) : 0;
}
