// SPDX-License-Identifier: GPL-2.0-only
/*
 * The object model against sysfs trees captured in a guest (see
 * capture-tree.sh): iteration order, getters, personalities, seeds, and the
 * safe-disable refusals, which must fire before anything is written.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <ndctl/libndctl.h>
#include "../test.h"
#include "topo-test.h"

#define NDBUS "sys/devices/LNXSYSTM:00/LNXSYBUS:00/ACPI0012:00/ndbus0"

static const char *trees;

static void test_buses_and_dimms(struct ndctl_ctx *ctx)
{
	struct ndctl_bus *bus = ndctl_bus_get_first(ctx);
	struct ndctl_dimm *dimm;

	CHECK(bus != NULL);
	if (!bus)
		return;
	CHECK(ndctl_bus_get_next(bus) == NULL);
	CHECK_EQ_STR(ndctl_bus_get_devname(bus), "ndbus0");
	CHECK_EQ_STR(ndctl_bus_get_provider(bus), "ACPI.NFIT");
	dimm = ndctl_dimm_get_first(bus);
	/* upstream's order: nmem1 before nmem0 */
	CHECK_EQ_STR(ndctl_dimm_get_devname(dimm), "nmem1");
	CHECK_EQ_U64(ndctl_dimm_get_handle(dimm), 2);
	CHECK_EQ_STR(ndctl_dimm_get_unique_id(dimm), "8680-57341200");
	CHECK(ndctl_dimm_is_enabled(dimm));
	CHECK(ndctl_dimm_is_active(dimm));
	dimm = ndctl_dimm_get_next(dimm);
	CHECK_EQ_STR(ndctl_dimm_get_devname(dimm), "nmem0");
	CHECK_EQ_U64(ndctl_dimm_get_id(dimm), 0);
	CHECK(ndctl_dimm_get_next(dimm) == NULL);
	/* an active dimm is refused before anything is written */
	CHECK_EQ_U64(ndctl_dimm_disable(dimm), (uint64_t)-EBUSY);
}

static void test_region(struct ndctl_ctx *ctx)
{
	struct ndctl_region *region = region_named(ctx, "region0");
	struct ndctl_mapping *m;

	CHECK(region != NULL);
	if (!region)
		return;
	CHECK_EQ_U64(ndctl_region_get_size(region), 1071644672);
	CHECK_EQ_U64(ndctl_region_get_align(region), 16 << 20);
	CHECK_EQ_U64(ndctl_region_get_available_size(region), 419430400);
	CHECK_EQ_U64(ndctl_region_get_iset_cookie(region), 0x2468ac00123456ULL);
	CHECK_EQ_U64(ndctl_region_get_interleave_ways(region), 1);
	CHECK(ndctl_region_is_labeled(region));
	CHECK(ndctl_region_is_enabled(region));
	CHECK_EQ_STR(ndctl_region_get_type_name(region), "pmem");
	CHECK_EQ_U64(ndctl_region_get_numa_node(region), 0);
	CHECK_EQ_U64(ndctl_region_has_numa(region), 1);
	m = ndctl_mapping_get_first(region);
	CHECK(m && ndctl_mapping_get_next(m) == NULL);
	if (m) {
		CHECK_EQ_STR(ndctl_dimm_get_devname(ndctl_mapping_get_dimm(m)), "nmem0");
		CHECK_EQ_U64(ndctl_mapping_get_length(m), 1071644672);
		CHECK_EQ_U64(ndctl_mapping_get_position(m), 0);
	}
	CHECK_EQ_STR(ndctl_namespace_get_devname(ndctl_region_get_namespace_seed(region)),
			"namespace0.4");
	CHECK_EQ_STR(ndctl_pfn_get_devname(ndctl_region_get_pfn_seed(region)), "pfn0.1");
	CHECK_EQ_STR(ndctl_dax_get_devname(ndctl_region_get_dax_seed(region)), "dax0.1");
	CHECK_EQ_STR(ndctl_btt_get_devname(ndctl_region_get_btt_seed(region)), "btt0.1");
}

static void test_namespaces(struct ndctl_ctx *ctx)
{
	struct ndctl_region *region = region_named(ctx, "region0");
	struct ndctl_namespace *fs, *dd, *sec, *raw;
	char uuid[40];
	uuid_t uu;

	if (!region)
		return;
	fs = ns_named(region, "namespace0.0");
	dd = ns_named(region, "namespace0.1");
	sec = ns_named(region, "namespace0.2");
	raw = ns_named(region, "namespace0.3");
	CHECK(fs && dd && sec && raw);
	if (!fs || !dd || !sec || !raw)
		return;
	/* upstream's order within a region: 0.2 0.4 0.1 0.3 0.0 */
	CHECK_EQ_STR(ndctl_namespace_get_devname(ndctl_namespace_get_first(region)),
			"namespace0.2");
	CHECK_EQ_U64(ndctl_namespace_get_mode(fs), NDCTL_NS_MODE_FSDAX);
	CHECK_EQ_U64(ndctl_namespace_get_mode(dd), NDCTL_NS_MODE_DEVDAX);
	CHECK_EQ_U64(ndctl_namespace_get_mode(sec), NDCTL_NS_MODE_SAFE);
	CHECK_EQ_U64(ndctl_namespace_get_mode(raw), NDCTL_NS_MODE_RAW);
	CHECK_EQ_STR(ndctl_namespace_get_alt_name(fs), "fs0");
	CHECK_EQ_STR(ndctl_pfn_get_devname(ndctl_namespace_get_pfn(fs)), "pfn0.0");
	CHECK(ndctl_namespace_get_pfn(fs) && ndctl_pfn_get_namespace(ndctl_namespace_get_pfn(fs)) == fs);
	CHECK_EQ_U64(ndctl_pfn_get_size(ndctl_namespace_get_pfn(fs)), 262144000);
	CHECK_EQ_U64(ndctl_pfn_get_location(ndctl_namespace_get_pfn(fs)), NDCTL_PFN_LOC_PMEM);
	CHECK_EQ_STR(ndctl_pfn_get_block_device(ndctl_namespace_get_pfn(fs)), "pmem0");
	CHECK_EQ_STR(ndctl_dax_get_chardev(ndctl_namespace_get_dax(dd)), "dax0.1");
	CHECK(!ndctl_dax_is_system_ram(ndctl_namespace_get_dax(dd)));
	CHECK_EQ_U64(ndctl_btt_get_sector_size(ndctl_namespace_get_btt(sec)), 4096);
	ndctl_namespace_get_uuid(sec, uu);
	uuid_unparse(uu, uuid);
	CHECK_EQ_STR(uuid, "7f3c2a2e-8d1b-4c1e-9b55-0a1b2c3d4e5f");
	/* as upstream: claimed ones are active through their personality, not bound */
	CHECK(ndctl_namespace_is_active(fs) && ndctl_namespace_is_active(sec));
	CHECK_EQ_U64(ndctl_namespace_is_enabled(fs), 0);
	CHECK_EQ_U64(ndctl_namespace_is_enabled(sec), 0);
	CHECK(!ndctl_namespace_is_enabled(raw) && !ndctl_namespace_is_active(raw));
	CHECK(ndctl_namespace_is_configured(raw));
	CHECK(!ndctl_namespace_is_configured(ndctl_region_get_namespace_seed(region)));
	CHECK_EQ_U64(ndctl_namespace_get_sector_size(fs), 512);
}

static void test_labelless(const char *root)
{
	struct ndctl_ctx *ctx = ctx_at(root);
	struct ndctl_region *region = ctx ? region_named(ctx, "region1") : NULL;
	struct ndctl_namespace *ndns;

	CHECK(region != NULL);
	if (!region)
		goto out;
	CHECK(!ndctl_region_is_labeled(region));
	CHECK_EQ_U64(ndctl_region_get_iset_cookie(region), 0);
	CHECK_EQ_U64(ndctl_region_get_available_size(region), 0);
	ndns = ndctl_namespace_get_first(region);
	CHECK(ndns && !ndctl_namespace_get_next(ndns));
	if (ndns) {
		CHECK(!ndctl_namespace_has_uuid(ndns));
		CHECK_EQ_U64(ndctl_namespace_get_size(ndns), 939524096);
		CHECK_EQ_STR(ndctl_namespace_get_block_device(ndns), "pmem1");
	}
out:
	ndctl_unref(ctx);
}

static int run(const char *cmd)
{
	return system(cmd);
}

/* A scratch copy of the mixed tree that a test may doctor. */
static char *scratch_copy(void)
{
	static char dir[64];
	char cmd[4096];

	strcpy(dir, "/tmp/ndkit-topo-XXXXXX");	/* mkdtemp rewrites the template */
	if (!mkdtemp(dir))
		return NULL;
	snprintf(cmd, sizeof(cmd), "cp -a '%s/mixed/.' '%s/'", trees, dir);
	return run(cmd) == 0 ? dir : NULL;
}

static void test_safe_disable(void)
{
	char *root = scratch_copy(), cmd[4096];
	struct ndctl_ctx *ctx;
	struct ndctl_region *region;

	CHECK(root != NULL);
	if (!root)
		return;
	/* pmem0 (259:0) mounted, dax0.1 onlined as system RAM */
	snprintf(cmd, sizeof(cmd), "mkdir -p %s/proc/self && echo '36 1 259:0 / /mnt/pm "
			"rw - ext4 /dev/pmem0 rw' > %s/proc/self/mountinfo && "
			"ln -sfn ../../../../../../../../bus/dax/drivers/kmem "
			"'%s/" NDBUS "/region0/dax0.0/dax0.1/driver'", root, root, root);
	CHECK(run(cmd) == 0);
	ctx = ctx_at(root);
	region = region_named(ctx, "region0");
	CHECK(region != NULL);
	if (region) {
		struct ndctl_namespace *fs = ns_named(region, "namespace0.0");
		struct ndctl_namespace *dd = ns_named(region, "namespace0.1");

		CHECK(ndctl_dax_is_system_ram(ndctl_namespace_get_dax(dd)));
		CHECK_EQ_U64(ndctl_namespace_disable_safe(fs), (uint64_t)-EBUSY);
		CHECK_EQ_U64(ndctl_namespace_disable_safe(dd), (uint64_t)-EBUSY);
		CHECK_EQ_U64(ndctl_namespace_delete(fs), (uint64_t)-EBUSY);
		/* nothing written: the namespace keeps its size */
		CHECK_EQ_U64(ndctl_namespace_get_size(fs), 268435456);
		CHECK(ndctl_region_disable_safe(region) != 0);
	}
	ndctl_unref(ctx);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	run(cmd);
}

static void put_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void put_file(const char *root, const char *rel, const char *text)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/" NDBUS "/%s", root, rel);
	put_text(path, text);
}

/*
 * Attributes are read once per object and kept until the context writes to
 * sysfs or is invalidated; a region's free space is read fresh every time.
 */
static void test_attribute_snapshot(void)
{
	char *root = scratch_copy(), cmd[4096];
	struct ndctl_namespace *ndns;
	struct ndctl_region *region;
	struct ndctl_ctx *ctx;

	CHECK(root != NULL);
	if (!root)
		return;
	ctx = ctx_at(root);
	region = region_named(ctx, "region0");
	ndns = region ? ns_named(region, "namespace0.0") : NULL;
	CHECK(ndns != NULL);
	if (ndns) {
		put_file(root, "region0/namespace0.0/alt_name", "first\n");
		CHECK_EQ_STR(ndctl_namespace_get_alt_name(ndns), "first");
		put_file(root, "region0/namespace0.0/alt_name", "second\n");
		CHECK_EQ_STR(ndctl_namespace_get_alt_name(ndns), "first");
		/* a write through the context (a file here is not truncated, sysfs never
		 * is: the new name is the longer one) and every object reads again */
		CHECK(ndctl_namespace_set_alt_name(ndns, "third-name") == 0);
		CHECK_EQ_STR(ndctl_namespace_get_alt_name(ndns), "third-name");
		put_file(root, "region0/available_size", "4096\n");
		CHECK_EQ_U64(ndctl_region_get_available_size(region), 4096);
		put_file(root, "region0/available_size", "8192\n");
		CHECK_EQ_U64(ndctl_region_get_available_size(region), 8192);
	}
	put_file(root, "region0/namespace0.0/alt_name", "fourth\n");
	ndctl_invalidate(ctx);
	region = region_named(ctx, "region0");
	ndns = region ? ns_named(region, "namespace0.0") : NULL;
	CHECK(ndns && strcmp(ndctl_namespace_get_alt_name(ndns), "fourth") == 0);
	ndctl_unref(ctx);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	run(cmd);
}

/* A namespace directory of region1 holding only a size and a name, with its bus link. */
static int add_namespace_copy(const char *root, unsigned int id)
{
	char dir[4096], path[4200], text[32];

	snprintf(dir, sizeof(dir), "%s/" NDBUS "/region1/namespace1.%u", root, id);
	if (mkdir(dir, 0755))
		return -1;
	snprintf(path, sizeof(path), "%s/size", dir);
	snprintf(text, sizeof(text), "%llu\n", (unsigned long long)id << 24);
	put_text(path, text);
	snprintf(path, sizeof(path), "%s/alt_name", dir);
	snprintf(text, sizeof(text), "copy%u\n", id);
	put_text(path, text);
	snprintf(path, sizeof(path), "%s/sys/bus/nd/devices/namespace1.%u", root, id);
	snprintf(dir, sizeof(dir), "../../../devices/LNXSYSTM:00/LNXSYBUS:00/ACPI0012:00/ndbus0/"
			"region1/namespace1.%u", id);
	return symlink(dir, path);
}

/*
 * More namespaces than libndctl keeps directory descriptors open (64), read
 * in two passes, so the second one reopens evicted directories. A stale or
 * reused descriptor would read another device's attributes.
 */
static void test_many_namespaces(void)
{
	char *root = scratch_copy(), cmd[4096], want[64];
	struct ndctl_namespace *ndns;
	struct ndctl_region *region;
	struct ndctl_ctx *ctx;
	int sized = 0, named = 0;
	unsigned int id;

	CHECK(root != NULL);
	if (!root)
		return;
	for (id = 2; id < 152; id++)
		CHECK(add_namespace_copy(root, id) == 0);
	ctx = ctx_at(root);
	region = region_named(ctx, "region1");
	CHECK(region != NULL);
	ndctl_namespace_foreach(region, ndns)
		sized += ndctl_namespace_get_id(ndns) >= 2 && ndctl_namespace_get_size(ndns) ==
			(unsigned long long)ndctl_namespace_get_id(ndns) << 24;
	ndctl_namespace_foreach(region, ndns) {
		snprintf(want, sizeof(want), "copy%u", ndctl_namespace_get_id(ndns));
		named += ndctl_namespace_get_id(ndns) >= 2 &&
			strcmp(ndctl_namespace_get_alt_name(ndns), want) == 0;
	}
	CHECK_EQ_U64(sized, 150);
	CHECK_EQ_U64(named, 150);
	ndctl_unref(ctx);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	run(cmd);
}

/* One table, both ways: each mode's name and the kernel's older one parse back to it. */
static void test_mode_names(void)
{
	static const char *const names[][2] = {
		[NDCTL_NS_MODE_FSDAX] = { "fsdax", "memory" },
		[NDCTL_NS_MODE_SAFE] = { "sector", "safe" },
		[NDCTL_NS_MODE_RAW] = { "raw", "raw" },
		[NDCTL_NS_MODE_DEVDAX] = { "devdax", "dax" },
	};

	for (int m = 0; m < NDCTL_NS_MODE_UNKNOWN; m++) {
		CHECK_EQ_STR(ndctl_namespace_mode_name((enum ndctl_namespace_mode)m), names[m][0]);
		CHECK_EQ_U64(ndctl_namespace_mode_from_name(names[m][0]), m);
		CHECK_EQ_U64(ndctl_namespace_mode_from_name(names[m][1]), m);
	}
	CHECK_EQ_STR(ndctl_namespace_mode_name(NDCTL_NS_MODE_UNKNOWN), "unknown");
	CHECK_EQ_U64(ndctl_namespace_mode_from_name("unknown"), NDCTL_NS_MODE_UNKNOWN);
	CHECK_EQ_U64(ndctl_namespace_mode_from_name("FSDAX"), NDCTL_NS_MODE_UNKNOWN);
	CHECK_EQ_U64(ndctl_namespace_mode_from_name(""), NDCTL_NS_MODE_UNKNOWN);
	CHECK_EQ_U64(ndctl_namespace_mode_from_name(NULL), NDCTL_NS_MODE_UNKNOWN);
}

int main(void)
{
	char root[4096];
	struct ndctl_ctx *ctx;

	trees = getenv("TOPO_TREES");
	ctx = ctx_on_tree("mixed");
	if (!ctx)
		return 1;
	test_buses_and_dimms(ctx);
	test_region(ctx);
	test_namespaces(ctx);
	ndctl_invalidate(ctx);
	test_region(ctx);	/* a rebuilt tree is the same */
	ndctl_unref(ctx);

	snprintf(root, sizeof(root), "%s/labelless", trees);
	test_labelless(root);

	ctx = ctx_at("/nonexistent");
	CHECK(ndctl_bus_get_first(ctx) == NULL);
	ndctl_unref(ctx);

	test_safe_disable();
	test_attribute_snapshot();
	test_many_namespaces();
	test_mode_names();
	return test_done("test-topology");
}
