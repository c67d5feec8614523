// SPDX-License-Identifier: GPL-2.0-only
/*
 * create-namespace's checks: each constraint users hit upstream, reported
 * with the value that would work, before anything is written.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../common/dispatch.h"
#include "create-namespace.h"
#include "util/size.h"

#define NS_MIN_SIZE SZ_16M

struct reason {
	char text[1024];
};

static int why(struct reason *r, int rc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int why(struct reason *r, int rc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->text, sizeof(r->text), fmt, ap);
	va_end(ap);
	return rc;
}

static bool is_dax_mode(enum ndctl_namespace_mode mode)
{
	return mode == NDCTL_NS_MODE_FSDAX || mode == NDCTL_NS_MODE_DEVDAX;
}

/* A bad option value: the reason on stderr, then -EINVAL as upstream. */
#define refuse(...) (usage_error("ndctl", "create-namespace", __VA_ARGS__), -EINVAL)

int create_opts_finish(struct create_opts *co)
{
	char s[32];

	/* the mode name and the align's form were checked with the options */
	co->mode = co->mode_name ? topo_parse_mode(co->mode_name) : NDCTL_NS_MODE_FSDAX;
	if (co->align && !is_dax_mode(co->mode))
		return refuse("--align applies to fsdax "
				"and devdax namespaces only, not %s", co->mode_name);
	if (co->map_given && !is_dax_mode(co->mode))
		return refuse("--map applies to fsdax "
				"and devdax namespaces only, not %s", co->mode_name);
	if (co->sector_size && is_dax_mode(co->mode))
		return refuse("--sector-size applies to "
				"sector and raw namespaces only");
	if (!co->align && is_dax_mode(co->mode))
		co->align = SZ_2M;
	if (!co->sector_size && co->mode == NDCTL_NS_MODE_SAFE)
		co->sector_size = 4096;
	if (co->size && co->size < NS_MIN_SIZE && co->mode != NDCTL_NS_MODE_RAW)
		return refuse("--size %s is below the "
				"16 MiB minimum for a %s namespace: use --size 16M or more",
				format_size_short(co->size, s, sizeof(s)),
				ndctl_namespace_mode_name(co->mode));
	return 0;
}

/* "4096 2097152 1073741824" holds align? Else list them in r. */
static int check_align(struct ndctl_region *region, struct create_opts *co,
		struct reason *r)
{
	char buf[1024] = "", s[32];
	char *p, *end;

	if (co->mode == NDCTL_NS_MODE_FSDAX && ndctl_region_get_pfn_seed(region))
		ndctl_pfn_get_supported_alignments(ndctl_region_get_pfn_seed(region), buf);
	else if (co->mode == NDCTL_NS_MODE_DEVDAX && ndctl_region_get_dax_seed(region))
		ndctl_dax_get_supported_alignments(ndctl_region_get_dax_seed(region), buf);
	if (!buf[0])
		return 0;
	for (p = buf; *p; p = end) {
		unsigned long long v = strtoull(p, &end, 0);

		if (end == p)
			break;
		if (v == co->align)
			return 0;
	}
	return why(r, -EINVAL, "--align %s is not supported by %s for %s: "
			"supported_alignments are %s", format_size_short(co->align, s, sizeof(s)),
			ndctl_region_get_devname(region), ndctl_namespace_mode_name(co->mode), buf);
}

/* The size granule: region align, and align x ways for fsdax/devdax. */
static unsigned long long size_granule(struct ndctl_region *region, struct create_opts *co)
{
	unsigned long long g = ndctl_region_get_align(region);
	unsigned long long a = co->align * ndctl_region_get_interleave_ways(region);

	unsigned long long x, y;

	if (!g)
		g = SZ_4K;
	if (!is_dax_mode(co->mode))
		return g;
	for (x = g, y = a; y; ) {	/* lcm(g, a) through gcd */
		unsigned long long t = x % y;

		x = y;
		y = t;
	}
	return g / x * a;
}

static int check_size(struct ndctl_region *region, struct create_opts *co,
		unsigned long long granule, struct reason *r)
{
	char s[32], down[32], up[32], g[32];

	if (!co->size || co->size % granule == 0)
		return 0;
	format_size_short(granule, g, sizeof(g));
	format_size_short(ALIGN_UP(co->size, granule), up, sizeof(up));
	if (co->size < granule)
		return why(r, -EINVAL, "--size %s is not a multiple of %s (%s's align x "
				"%u ways at align %s): use --size %s",
				format_size_short(co->size, s, sizeof(s)), g,
				ndctl_region_get_devname(region),
				ndctl_region_get_interleave_ways(region),
				format_size_short(co->align ? co->align : SZ_4K, down, sizeof(down)),
				up);
	format_size_short(ALIGN_DOWN(co->size, granule), down, sizeof(down));
	return why(r, -EINVAL, "--size %s is not a multiple of %s (%s's align x %u "
			"ways): use --size %s or --size %s",
			format_size_short(co->size, s, sizeof(s)), g,
			ndctl_region_get_devname(region),
			ndctl_region_get_interleave_ways(region), down, up);
}

static int check_labelless(struct ndctl_region *region, struct reason *r)
{
	char dimms[256] = "";
	struct ndctl_mapping *m;
	const char *rn = ndctl_region_get_devname(region);

	if (ndctl_region_is_labeled(region))
		return 0;
	ndctl_mapping_foreach(region, m) {
		size_t len = strlen(dimms);

		if (ndctl_mapping_get_dimm(m))
			snprintf(dimms + len, sizeof(dimms) - len, "%s%s", len ? " " : "",
					ndctl_dimm_get_devname(ndctl_mapping_get_dimm(m)));
	}
	return why(r, -EINVAL, "%s is label-less: it is one namespace covering the whole "
			"region and cannot be sub-divided. Label it first: 'ndctl disable-region "
			"%s && ndctl init-labels %s && ndctl enable-region %s', or convert it "
			"whole with 'ndctl create-namespace -f -e namespace%u.0 -m MODE', or let "
			"create-namespace label it now with -f (namespace%u.0 is in use: it goes)",
			rn, rn, dimms, rn, ndctl_region_get_id(region), ndctl_region_get_id(region));
}

static int check_label_slots(struct ndctl_region *region, struct reason *r)
{
	struct ndctl_mapping *m;

	ndctl_mapping_foreach(region, m) {
		struct ndctl_dimm *dimm = ndctl_mapping_get_dimm(m);

		if (dimm && ndctl_dimm_get_available_slots(dimm) == 0)
			return why(r, -ENOSPC, "%s has no free label slots (available_slots "
					"0): destroy a namespace in %s, or re-initialize its "
					"labels with a larger label area (QEMU label-size=)",
					ndctl_dimm_get_devname(dimm),
					ndctl_region_get_devname(region));
	}
	return 0;
}

/* fsdax/devdax need the region start on a 16 MiB boundary (memory hotplug). */
static int check_start(struct ndctl_region *region, struct create_opts *co,
		struct reason *r)
{
	unsigned long long start = ndctl_region_get_resource(region);

	if (!is_dax_mode(co->mode) || !start || start == ULLONG_MAX || start % SZ_16M == 0)
		return 0;
	return why(r, -EINVAL, "%s starts at %#llx, not 16 MiB aligned: %s namespaces "
			"there cannot be enabled. Give its QEMU memory-backend-file align=128M "
			"(or make every vNVDIMM size a multiple of 128M)",
			ndctl_region_get_devname(region), start,
			ndctl_namespace_mode_name(co->mode));
}

static int check_capacity(struct ndctl_region *region, struct create_opts *co,
		unsigned long long granule, unsigned long long *size, struct reason *r)
{
	unsigned long long extent = ndctl_region_get_max_available_extent(region);
	unsigned long long avail = ndctl_region_get_available_size(region);
	/* without --size: the smallest namespace the granule and the minimum allow */
	unsigned long long least = ALIGN_UP(NS_MIN_SIZE, granule);
	char a[48], e[48], want[48], fit[32];

	*size = co->size ? co->size : ALIGN_DOWN(extent, granule);
	if (*size && *size <= extent && (*size >= NS_MIN_SIZE || co->mode == NDCTL_NS_MODE_RAW))
		return 0;
	return why(r, -ENOSPC, "%s is full: %s available (largest free extent %s), %s%s "
			"requested%s%s", ndctl_region_get_devname(region),
			format_size_human(avail, a, sizeof(a)),
			format_size_human(extent, e, sizeof(e)), co->size ? "" : "at least ",
			format_size_human(co->size ? co->size : least, want, sizeof(want)),
			ALIGN_DOWN(extent, granule) >= NS_MIN_SIZE ? ": use --size " : "",
			ALIGN_DOWN(extent, granule) >= NS_MIN_SIZE ?
			format_size_short(ALIGN_DOWN(extent, granule), fit, sizeof(fit)) : "");
}

static int check_region(struct ndctl_region *region, struct create_opts *co,
		unsigned long long *size, struct reason *r)
{
	unsigned long long granule = size_granule(region, co);
	int rc = check_labelless(region, r);

	if (!rc)
		rc = check_align(region, co, r);
	if (!rc)
		rc = check_size(region, co, granule, r);
	if (!rc)
		rc = check_start(region, co, r);
	/* Slots before capacity: with no free label slot the kernel reports the
	 * region's available_size as 0, and "region full" would name the wrong cause. */
	if (!rc)
		rc = check_label_slots(region, r);
	if (!rc)
		rc = check_capacity(region, co, granule, size, r);
	return rc;
}

static int check_uuid_unused(struct ndctl_ctx *ctx, struct create_opts *co)
{
	struct ndctl_region *region;
	struct ndctl_namespace *ndns;
	struct ndctl_bus *bus;
	char s[40];

	if (!co->uuid_given)
		return 0;
	ndctl_bus_foreach(ctx, bus)
		ndctl_region_foreach(bus, region)
			ndctl_namespace_foreach(region, ndns) {
				uuid_t uu;

				ndctl_namespace_get_uuid(ndns, uu);
				if (uuid_compare(uu, co->uuid) || !ndctl_namespace_is_configured(ndns))
					continue;
				uuid_unparse(co->uuid, s);
				fprintf(stderr, "ndctl create-namespace: uuid %s is already used by %s: "
						"choose another --uuid or 'ndctl destroy-namespace "
						"-f %s'\n", s, ndctl_namespace_get_devname(ndns),
						ndctl_namespace_get_devname(ndns));
				return -EEXIST;
			}
	return 0;
}

int create_pick_region(struct ndctl_ctx *ctx, struct create_opts *co,
		struct ndctl_region **out, bool quiet_full)
{
	struct reason first = { "" }, r;
	struct ndctl_region *region, *unlabeled = NULL;
	struct ndctl_bus *bus;
	int first_rc = -ENXIO;
	unsigned long long size;

	if (check_uuid_unused(ctx, co))
		return -EEXIST;
	ndctl_bus_foreach(ctx, bus) {
		if (!topo_filter_bus(&co->filter, bus))
			continue;
		ndctl_region_foreach(bus, region) {
			int rc;

			if (!topo_filter_region(&co->filter, region, false))
				continue;
			rc = check_region(region, co, &size, &r);
			if (!rc) {
				co->size = size;
				*out = region;
				return 0;
			}
			if (!unlabeled && create_can_autolabel(region, co))
				unlabeled = region;
			if (first_rc == -ENXIO) {
				first = r;
				first_rc = rc;
			}
		}
	}
	if (unlabeled && !co->autolabeled) {
		char name[64];

		snprintf(name, sizeof(name), "%s", ndctl_region_get_devname(unlabeled));
		if (create_autolabel(unlabeled))
			return -EIO;
		ndctl_invalidate(ctx);
		co->autolabeled = true;
		co->filter.region = strcpy(co->region_buf, name);
		return create_pick_region(ctx, co, out, quiet_full);
	}
	if (first_rc == -ENXIO)
		fprintf(stderr, "ndctl create-namespace: no enabled region matches%s%s: see "
				"'ndctl list -Ri'\n", co->filter.region ? " " : "",
				co->filter.region ? co->filter.region : "");
	else if (!(quiet_full && first_rc == -ENOSPC))
		fprintf(stderr, "ndctl create-namespace: %s\n", first.text);
	return first_rc;
}
