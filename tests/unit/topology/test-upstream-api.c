// SPDX-License-Identifier: GPL-2.0-only
/*
 * The upstream API PMDK programs against (badblocks, *_get_resource, the
 * dax-region bridge, DIMMs of a region, dirty shutdown, bus commands), on a
 * scratch copy of the captured "mixed" tree that the test doctors: each
 * answer must follow the sysfs file it comes from, and the fallbacks must be
 * upstream's (ULLONG_MAX, -ENOENT, NULL).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <linux/ndctl.h>
#include <json-c/json.h>
#include <ndctl/libndctl.h>
#include <daxctl/libdaxctl.h>
#include "../test.h"
#include "topo-test.h"

#define NDBUS "sys/devices/LNXSYSTM:00/LNXSYBUS:00/ACPI0012:00/ndbus0"

static char root[] = "/tmp/ndkit-api-XXXXXX";

static int copy_tree(const char *trees)
{
	char cmd[8192];

	snprintf(cmd, sizeof(cmd), "cp -a '%s/mixed/.' '%s/'", trees, root);
	return system(cmd);
}

static void remove_tree(void)
{
	char cmd[8192];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd))
		fprintf(stderr, "cannot remove %s\n", root);
}

/* Write text into ROOT/NDBUS/rel. */
static void put(const char *rel, const char *text)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/" NDBUS "/%s", root, rel);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* Remove ROOT/NDBUS/rel: an attribute this kernel does not have. */
static void drop(const char *rel)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/" NDBUS "/%s", root, rel);
	CHECK(unlink(path) == 0);
}

static struct ndctl_region *region0(struct ndctl_ctx *ctx)
{
	return region_named(ctx, "region0");
}

static void test_badblocks(struct ndctl_region *region)
{
	struct ndctl_namespace *fs = ns_named(region, "namespace0.0");
	struct ndctl_namespace *dd = ns_named(region, "namespace0.1");
	struct badblock *bb;
	unsigned long long sum = 0;
	int n = 0;

	CHECK(ndctl_region_get_first_badblock(region) == NULL);	/* empty file */
	put("region0/badblocks", "8 4\n4096 16\n");
	ndctl_region_badblock_foreach(region, bb) {
		sum += bb->offset * 100 + bb->len;
		n++;
	}
	CHECK_EQ_U64(n, 2);
	CHECK_EQ_U64(sum, 800 + 4 + 409600 + 16);
	put("region0/pfn0.0/block/pmem0/badblocks", "24 8\n");
	bb = ndctl_namespace_get_first_badblock(fs);
	CHECK(bb && bb->offset == 24 && bb->len == 8);
	CHECK(ndctl_namespace_get_next_badblock(fs) == NULL);
	CHECK(ndctl_namespace_get_first_badblock(dd) == NULL);	/* devdax: none, as upstream */
}

static void test_resources(struct ndctl_region *region)
{
	struct ndctl_namespace *fs = ns_named(region, "namespace0.0");
	struct ndctl_namespace *dd = ns_named(region, "namespace0.1");
	struct ndctl_pfn *pfn = ndctl_namespace_get_pfn(fs);
	struct ndctl_dax *dax = ndctl_namespace_get_dax(dd);

	/* the capture has no (root-only) resource files: upstream's ULLONG_MAX */
	CHECK_EQ_U64(ndctl_region_get_resource(region), ULLONG_MAX);
	CHECK_EQ_U64(ndctl_namespace_get_resource(fs), ULLONG_MAX);
	CHECK_EQ_U64(ndctl_pfn_get_resource(pfn), ULLONG_MAX);
	CHECK_EQ_U64(ndctl_dax_get_resource(dax), ULLONG_MAX);
	put("region0/resource", "0x140000000\n");
	put("region0/namespace0.0/resource", "0x140000000\n");
	put("region0/pfn0.0/resource", "0x141200000\n");
	put("region0/dax0.0/resource", "0x152200000\n");
	CHECK_EQ_U64(ndctl_region_get_resource(region), 0x140000000ULL);
	CHECK_EQ_U64(ndctl_namespace_get_resource(fs), 0x140000000ULL);
	CHECK_EQ_U64(ndctl_pfn_get_resource(pfn), 0x141200000ULL);
	CHECK_EQ_U64(ndctl_dax_get_resource(dax), 0x152200000ULL);
	CHECK_EQ_STR(ndctl_namespace_get_alt_name(fs), "fs0");
}

/* Each personality leads back to its region, bus and context, as upstream's. */
static void test_parents(struct ndctl_region *region)
{
	struct ndctl_namespace *fs = ns_named(region, "namespace0.0");
	struct ndctl_pfn *pfn = ndctl_namespace_get_pfn(fs);
	struct ndctl_dax *dax = ndctl_namespace_get_dax(ns_named(region, "namespace0.1"));
	struct ndctl_btt *btt = ndctl_btt_get_first(region);
	struct ndctl_bus *bus = ndctl_region_get_bus(region);
	struct ndctl_ctx *ctx = ndctl_region_get_ctx(region);

	CHECK(pfn && dax && btt);
	if (!pfn || !dax || !btt)
		return;
	CHECK(ndctl_namespace_get_bus(fs) == bus);
	CHECK(ndctl_pfn_get_region(pfn) == region && ndctl_pfn_get_bus(pfn) == bus &&
			ndctl_pfn_get_ctx(pfn) == ctx);
	CHECK(ndctl_dax_get_region(dax) == region && ndctl_dax_get_bus(dax) == bus &&
			ndctl_dax_get_ctx(dax) == ctx);
	CHECK(ndctl_btt_get_region(btt) == region && ndctl_btt_get_bus(btt) == bus &&
			ndctl_btt_get_ctx(btt) == ctx);
}

static void test_dax_bridge(struct ndctl_region *region)
{
	struct daxctl_region *dregion;
	struct daxctl_dev *dev;
	struct ndctl_dax *dax;
	int n = 0, found = 0;

	ndctl_dax_foreach(region, dax)
		n++;
	CHECK_EQ_U64(n, 2);	/* dax0.0 (claimed) and the seed dax0.1 */
	dax = ndctl_namespace_get_dax(ns_named(region, "namespace0.1"));
	dregion = dax ? ndctl_dax_get_daxctl_region(dax) : NULL;
	CHECK(dregion != NULL);
	if (!dregion)
		return;
	CHECK_EQ_U64(daxctl_region_get_id(dregion), 0);
	daxctl_dev_foreach(dregion, dev) {
		CHECK_EQ_STR(daxctl_dev_get_devname(dev), "dax0.1");
		CHECK_EQ_U64(daxctl_dev_get_major(dev), 252);
		CHECK_EQ_U64(daxctl_dev_get_minor(dev), 1);
		found++;
	}
	CHECK_EQ_U64(found, 1);
	/* the seed has no dax region */
	CHECK(ndctl_dax_get_daxctl_region(ndctl_region_get_dax_seed(region)) == NULL);
}

/* Older PMDK walks a region's DIMMs through its interleave set. */
static void test_iset(struct ndctl_ctx *ctx, struct ndctl_region *region)
{
	struct ndctl_interleave_set *iset = ndctl_region_get_interleave_set(region);
	struct ndctl_dimm *dimm;
	int n = 0;

	CHECK(iset != NULL);
	if (!iset)
		return;
	CHECK(ndctl_interleave_set_get_region(iset) == region);
	CHECK_EQ_U64(ndctl_interleave_set_get_cookie(iset), 0x2468ac00123456ULL);
	CHECK_EQ_U64(ndctl_interleave_set_is_active(iset), 1);	/* nmem0 is active */
	ndctl_dimm_foreach_in_interleave_set(iset, dimm) {
		CHECK_EQ_STR(ndctl_dimm_get_devname(dimm), "nmem0");
		n++;
	}
	CHECK_EQ_U64(n, 1);
	n = 0;
	ndctl_interleave_set_foreach(ndctl_bus_get_first(ctx), iset)
		n++;
	CHECK_EQ_U64(n, 2);	/* region0 and region1 both have a cookie */
}

static void test_dimms(struct ndctl_ctx *ctx, struct ndctl_region *region)
{
	struct ndctl_dimm *dimm;
	int n = 0;

	ndctl_dimm_foreach_in_region(region, dimm) {
		CHECK_EQ_STR(ndctl_dimm_get_devname(dimm), "nmem0");
		CHECK_EQ_U64(ndctl_dimm_get_dirty_shutdown(dimm), (unsigned long long)-ENOENT);
		n++;
	}
	CHECK_EQ_U64(n, 1);
	put("nmem0/nfit/dirty_shutdown", "3\n");
	{
		struct ndctl_ctx *fresh = ctx_at(root);
		struct ndctl_region *r = fresh ? region0(fresh) : NULL;

		CHECK(r != NULL);
		if (r)
			CHECK_EQ_U64(ndctl_dimm_get_dirty_shutdown(ndctl_region_get_first_dimm(r)), 3);
		ndctl_unref(fresh);
	}
	CHECK(ndctl_bus_get_by_provider(ctx, "ACPI.NFIT") == ndctl_bus_get_first(ctx));
	test_iset(ctx, region);
	CHECK(ndctl_bus_get_by_provider(ctx, "nfit_test.0") == NULL);
}

static void check_json(struct json_object *j, const char *want)
{
	CHECK(j != NULL);
	if (j)
		CHECK_EQ_STR(json_object_to_json_string_ext(j, JSON_C_TO_STRING_PLAIN), want);
	json_object_put(j);
}

/*
 * What nfit_test's buses have and QEMU's lack: the NFIT flags of a failed
 * DIMM, its security state, the bus's address range scrub. Upstream reads
 * them, and lists them, only where the kernel has them.
 */
static void test_nfit_state(void)
{
	struct ndctl_ctx *fresh;
	struct ndctl_dimm *d0, *d1;
	struct ndctl_bus *bus;

	put("nfit/scrub", "7+\n");
	put("nmem0/nfit/flags", "save_fail map_fail smart_event smart_notify \n");
	put("nmem0/security", "frozen\n");
	put("nmem1/nfit/flags", "not_armed restore_fail flush_fail \n");
	put("nmem1/security", "disabled\n");
	put("nmem1/frozen", "1\n");
	fresh = ctx_at(root);
	bus = fresh ? ndctl_bus_get_first(fresh) : NULL;
	d0 = fresh ? dimm_named(fresh, "nmem0") : NULL;
	d1 = fresh ? dimm_named(fresh, "nmem1") : NULL;
	CHECK(bus && d0 && d1);
	if (bus && d0 && d1) {
		CHECK_EQ_U64(ndctl_bus_get_scrub_state(bus), 1);
		CHECK_EQ_U64(ndctl_bus_get_scrub_count(bus), 7);
		check_json(ndctl_bus_to_json(bus, 0),
			"{\"provider\":\"ACPI.NFIT\",\"dev\":\"ndbus0\",\"scrub_state\":\"active\"}");
		put("nfit/scrub", "8\n");	/* read anew: the kernel changes it on its own */
		CHECK_EQ_U64(ndctl_bus_get_scrub_state(bus), 0);
		CHECK_EQ_U64(ndctl_bus_get_scrub_count(bus), 8);
		put("nfit/scrub", "8-\n");
		CHECK_EQ_U64(ndctl_bus_get_scrub_state(bus), (unsigned long long)-ENXIO);
		drop("nfit/scrub");		/* QEMU's NFIT: no ARS */
		CHECK_EQ_U64(ndctl_bus_get_scrub_state(bus), (unsigned long long)-EOPNOTSUPP);
		errno = 0;
		CHECK_EQ_U64(ndctl_bus_get_scrub_count(bus), UINT_MAX);
		CHECK_EQ_U64(errno, EOPNOTSUPP);
		check_json(ndctl_bus_to_json(bus, 0), "{\"provider\":\"ACPI.NFIT\",\"dev\":\"ndbus0\"}");
		CHECK(ndctl_dimm_failed_save(d0) && ndctl_dimm_failed_map(d0));
		CHECK(ndctl_dimm_smart_pending(d0) && ndctl_dimm_has_notifications(d0));
		CHECK(!ndctl_dimm_failed_arm(d0) && !ndctl_dimm_failed_restore(d0));
		CHECK(!ndctl_dimm_failed_flush(d0) && ndctl_dimm_has_errors(d0));
		CHECK(ndctl_dimm_failed_arm(d1) && ndctl_dimm_failed_restore(d1));
		CHECK(ndctl_dimm_failed_flush(d1) && !ndctl_dimm_has_notifications(d1));
		CHECK_EQ_U64(ndctl_dimm_get_security(d0), NDCTL_SECURITY_FROZEN);
		CHECK(ndctl_dimm_security_is_frozen(d0));
		CHECK_EQ_U64(ndctl_dimm_get_security(d1), NDCTL_SECURITY_DISABLED);
		CHECK(ndctl_dimm_security_is_frozen(d1));
		check_json(ndctl_dimm_to_json(d0, 0), "{\"dev\":\"nmem0\",\"id\":\"8680-56341200\","
			"\"handle\":1,\"phys_id\":0,\"flag_failed_map\":true,\"flag_failed_save\":true,"
			"\"flag_smart_event\":true,\"security\":\"frozen\",\"security_frozen\":true}");
	}
	ndctl_unref(fresh);
	/* back to QEMU's: no flags, no security */
	put("nmem0/nfit/flags", "\n");
	put("nmem1/nfit/flags", "\n");
	drop("nmem0/security");
	drop("nmem1/security");
	drop("nmem1/frozen");
	fresh = ctx_at(root);
	d0 = fresh ? dimm_named(fresh, "nmem0") : NULL;
	CHECK(d0 != NULL);
	if (d0) {
		CHECK(!ndctl_dimm_has_errors(d0) && !ndctl_dimm_has_notifications(d0));
		CHECK_EQ_U64(ndctl_dimm_get_security(d0), (unsigned long long)NDCTL_SECURITY_INVALID);
		CHECK(!ndctl_dimm_security_is_frozen(d0));
	}
	ndctl_unref(fresh);
}

static void test_commands(struct ndctl_bus *bus)
{
	struct ndctl_range range;
	struct ndctl_ctx *fresh;
	struct ndctl_cmd *cap;

	/* QEMU's bus lists only cmd_call: no ARS object, as upstream */
	CHECK(!ndctl_bus_is_cmd_supported(bus, ND_CMD_ARS_CAP));
	CHECK(ndctl_bus_cmd_new_ars_cap(bus, 0, 4096) == NULL);
	CHECK_EQ_U64(ndctl_cmd_submit(NULL), (unsigned long long)-EINVAL);
	ndctl_cmd_unref(NULL);
	put("commands", "ars_cap ars_start ars_status clear_error cmd_call\n");
	fresh = ctx_at(root);
	bus = fresh ? ndctl_bus_get_first(fresh) : NULL;
	CHECK(bus != NULL);
	if (!bus) {
		ndctl_unref(fresh);
		return;
	}
	CHECK(ndctl_bus_is_cmd_supported(bus, ND_CMD_ARS_CAP));
	CHECK(ndctl_bus_is_cmd_supported(bus, ND_CMD_CLEAR_ERROR));
	cap = ndctl_bus_cmd_new_ars_cap(bus, 0x140000000ULL, 4096);
	CHECK(cap != NULL);
	if (!cap) {
		ndctl_unref(fresh);
		return;
	}
	CHECK_EQ_U64(ndctl_cmd_ars_cap_get_range(cap, &range), (unsigned long long)-EINVAL);
	CHECK(ndctl_bus_cmd_new_clear_error(0x140000000ULL, 512, cap) == NULL);
	/* no /dev/ndctl0 under the captured root: the open's errno */
	CHECK_EQ_U64(ndctl_cmd_submit(cap), (unsigned long long)-ENOENT);
	CHECK_EQ_U64(ndctl_cmd_clear_error_get_cleared(cap), 0);
	ndctl_cmd_ref(cap);
	ndctl_cmd_unref(cap);
	ndctl_cmd_unref(cap);
	ndctl_unref(fresh);
}

/*
 * Upstream's answers for attributes a kernel may not have: a region's free
 * capacity (ULLONG_MAX and errno, 0 for a label-less region), its align
 * (ULONG_MAX), a DIMM's NFIT id (NULL), handle and phys_id (all ones), its
 * activity (-ENXIO, which an interleave set passes on), a region's NUMA node
 * (NUMA_NO_ATTR when absent, NUMA_NO_NODE when unreadable) and a
 * namespace's (-1 either way).
 */
static void test_absent(void)
{
	struct ndctl_region *region, *labelless;
	struct ndctl_ctx *fresh;
	struct ndctl_dimm *dimm;
	char path[4096];

	drop("region0/available_size");
	drop("region0/max_available_extent");
	drop("region0/align");
	drop("nmem0/nfit/id");
	drop("nmem0/nfit/handle");
	drop("nmem0/nfit/phys_id");
	drop("nmem0/state");
	drop("region0/numa_node");
	drop("region0/namespace0.0/numa_node");
	drop("region1/numa_node");
	snprintf(path, sizeof(path), "%s/" NDBUS "/region1/numa_node", root);
	CHECK(mkdir(path, 0755) == 0);	/* opens, but its read() fails (EISDIR) */
	put("region1/nstype", "4\n");	/* label-less: no free capacity, readable or not */
	drop("region1/available_size");
	fresh = ctx_at(root);
	region = fresh ? region0(fresh) : NULL;
	labelless = fresh ? region_named(fresh, "region1") : NULL;
	dimm = fresh ? dimm_named(fresh, "nmem0") : NULL;
	CHECK(region && labelless && dimm);
	if (region && labelless && dimm) {
		errno = 0;
		CHECK_EQ_U64(ndctl_region_get_available_size(region), ULLONG_MAX);
		CHECK_EQ_U64(errno, ENOENT);
		errno = 0;
		CHECK_EQ_U64(ndctl_region_get_max_available_extent(region), ULLONG_MAX);
		CHECK_EQ_U64(errno, ENOENT);
		CHECK_EQ_U64(ndctl_region_get_align(region), ULONG_MAX);
		CHECK_EQ_U64(ndctl_region_get_available_size(labelless), 0);
		CHECK_EQ_U64(ndctl_region_get_max_available_extent(labelless), 0);
		CHECK(ndctl_dimm_get_unique_id(dimm) == NULL);
		CHECK_EQ_U64(ndctl_dimm_get_handle(dimm), UINT_MAX);
		CHECK_EQ_U64(ndctl_dimm_get_phys_id(dimm), USHRT_MAX);
		/* upstream lists neither, rather than 0 */
		check_json(ndctl_dimm_to_json(dimm, 0), "{\"dev\":\"nmem0\"}");
		CHECK_EQ_U64(ndctl_dimm_is_active(dimm), (unsigned long long)-ENXIO);
		CHECK_EQ_U64(ndctl_interleave_set_is_active(ndctl_region_get_interleave_set(region)),
				(unsigned long long)-ENXIO);
		CHECK_EQ_U64(ndctl_dimm_is_active(dimm_named(fresh, "nmem1")), 1);
		CHECK_EQ_U64(ndctl_region_get_numa_node(region), (unsigned long long)NUMA_NO_ATTR);
		CHECK_EQ_U64(ndctl_region_has_numa(region), 0);
		CHECK_EQ_U64(ndctl_region_get_numa_node(labelless),
				(unsigned long long)NUMA_NO_NODE);
		CHECK_EQ_U64(ndctl_region_has_numa(labelless), 1);
		CHECK_EQ_U64(ndctl_namespace_get_numa_node(ns_named(region, "namespace0.0")),
				(unsigned long long)-1);
		CHECK_EQ_U64(ndctl_region_get_target_node(region), 0);	/* present */
		/* present ones still read */
		CHECK_EQ_STR(ndctl_dimm_get_unique_id(dimm_named(fresh, "nmem1")), "8680-57341200");
	}
	ndctl_unref(fresh);
}

/*
 * Upstream's ndctl_namespace_enable() says 1 when the namespace is enabled
 * through its personality (here already: nothing is written), 0 when the
 * namespace itself is bound.
 */
static void test_enable_return(struct ndctl_ctx *ctx, struct ndctl_region *region)
{
	struct ndctl_ctx *labelless = ctx_on_tree("labelless");
	struct ndctl_region *r1 = labelless ? region_named(labelless, "region1") : NULL;
	struct ndctl_namespace *raw = r1 ? ndctl_namespace_get_first(r1) : NULL;

	(void)ctx;
	CHECK_EQ_U64(ndctl_namespace_enable(ns_named(region, "namespace0.0")), 1);	/* pfn0.0 */
	CHECK_EQ_U64(ndctl_namespace_enable(ns_named(region, "namespace0.1")), 1);	/* dax0.0 */
	CHECK_EQ_U64(ndctl_namespace_enable(ns_named(region, "namespace0.2")), 1);	/* btt0.0 */
	CHECK(raw != NULL);
	if (raw)
		CHECK_EQ_U64(ndctl_namespace_enable(raw), 0);	/* bound itself, raw */
	ndctl_unref(labelless);
}

/*
 * Upstream's ndctl_namespace_is_enabled() is the namespace device's own
 * driver; ndctl_namespace_is_active() asks the claiming personality's
 * first, and is false for a namespace claimed by a disabled one even if the
 * namespace itself is bound.
 */
static void test_enabled_active(struct ndctl_region *region)
{
	struct ndctl_ctx *labelless = ctx_on_tree("labelless");
	struct ndctl_region *r1 = labelless ? region_named(labelless, "region1") : NULL;
	struct ndctl_namespace *raw = r1 ? ndctl_namespace_get_first(r1) : NULL;
	struct ndctl_namespace *ns;
	struct ndctl_ctx *fresh;

	CHECK_EQ_U64(ndctl_namespace_is_enabled(ns_named(region, "namespace0.0")), 0);	/* pfn0.0 */
	CHECK_EQ_U64(ndctl_namespace_is_active(ns_named(region, "namespace0.0")), 1);
	CHECK_EQ_U64(ndctl_namespace_is_enabled(ns_named(region, "namespace0.1")), 0);	/* dax0.0 */
	CHECK_EQ_U64(ndctl_namespace_is_active(ns_named(region, "namespace0.1")), 1);
	CHECK_EQ_U64(ndctl_namespace_is_enabled(ns_named(region, "namespace0.2")), 0);	/* btt0.0 */
	CHECK_EQ_U64(ndctl_namespace_is_active(ns_named(region, "namespace0.2")), 1);
	CHECK_EQ_U64(ndctl_namespace_is_enabled(ns_named(region, "namespace0.3")), 0);	/* idle raw */
	CHECK_EQ_U64(ndctl_namespace_is_active(ns_named(region, "namespace0.3")), 0);
	CHECK(raw != NULL);
	if (raw) {
		CHECK_EQ_U64(ndctl_namespace_is_enabled(raw), 1);	/* bound raw */
		CHECK_EQ_U64(ndctl_namespace_is_active(raw), 1);
	}
	ndctl_unref(labelless);

	/* namespace0.3 bound, but claimed by the disabled seed pfn0.1 */
	put("region0/namespace0.3/driver", "");
	put("region0/pfn0.1/namespace", "namespace0.3\n");
	fresh = ctx_at(root);
	region = fresh ? region0(fresh) : NULL;
	ns = region ? ns_named(region, "namespace0.3") : NULL;
	CHECK(ns != NULL);
	if (ns) {
		CHECK_EQ_U64(ndctl_namespace_is_enabled(ns), 1);
		CHECK_EQ_U64(ndctl_namespace_is_active(ns), 0);
	}
	ndctl_unref(fresh);
	drop("region0/namespace0.3/driver");
	put("region0/pfn0.1/namespace", "\n");
}

/*
 * Upstream's ndctl_namespace_get_mode() says -ENXIO (as the enum) when
 * "mode" is unreadable or unknown. Off an NFIT bus ndkit reads the
 * attribute (on one, the claims decide), so the bus here says it is not.
 */
static void test_mode_unreadable(void)
{
	struct ndctl_namespace *ns3, *ns4;
	struct ndctl_region *region;
	struct ndctl_ctx *fresh;

	put("provider", "e820\n");
	drop("region0/namespace0.3/mode");
	put("region0/namespace0.4/mode", "bogus\n");
	fresh = ctx_at(root);
	region = fresh ? region0(fresh) : NULL;
	ns3 = region ? ns_named(region, "namespace0.3") : NULL;
	ns4 = region ? ns_named(region, "namespace0.4") : NULL;
	CHECK(ns3 && ns4);
	if (ns3 && ns4) {
		CHECK_EQ_U64(ndctl_namespace_get_mode(ns3), (enum ndctl_namespace_mode)-ENXIO);
		CHECK_EQ_U64(ndctl_namespace_get_mode(ns4), (enum ndctl_namespace_mode)-ENXIO);
		CHECK_EQ_STR(ndctl_namespace_mode_name(ndctl_namespace_get_mode(ns3)), "unknown");
		CHECK_EQ_U64(ndctl_namespace_get_mode(ns_named(region, "namespace0.0")),
				NDCTL_NS_MODE_FSDAX);	/* read, and known */
	}
	ndctl_unref(fresh);
	put("provider", "ACPI.NFIT\n");
	put("region0/namespace0.3/mode", "raw\n");
	put("region0/namespace0.4/mode", "raw\n");
}

/*
 * The kernel's ND_IOCTL_* return a positive count of output bytes left
 * unfilled on a buffer underrun: upstream's ndctl_cmd_submit() passes it
 * on. This ioctl() stands in for the kernel's on the fake /dev/ndctl0.
 */
static int fake_ioctl_rc = -1000;

int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, request);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (fake_ioctl_rc == -1000)
		return (int)syscall(SYS_ioctl, fd, request, arg);
	if (request == ND_IOCTL_ARS_CAP) {
		struct nd_cmd_ars_cap *cap = arg;

		cap->status = 0;
		cap->clear_err_unit = 256;
	}
	return fake_ioctl_rc;
}

static void test_submit_underrun(void)
{
	struct ndctl_range range;
	struct ndctl_ctx *fresh;
	struct ndctl_bus *bus;
	struct ndctl_cmd *cap;
	char path[4096];

	put("commands", "ars_cap ars_start ars_status clear_error cmd_call\n");
	snprintf(path, sizeof(path), "%s/dev", root);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/dev/ndctl0", root);
	fclose(fopen(path, "w"));
	fresh = ctx_at(root);
	bus = fresh ? ndctl_bus_get_first(fresh) : NULL;
	cap = bus ? ndctl_bus_cmd_new_ars_cap(bus, 0x140000000ULL, 4096) : NULL;
	CHECK(cap != NULL);
	if (cap) {
		fake_ioctl_rc = 8;
		CHECK_EQ_U64(ndctl_cmd_submit(cap), 8);
		/* as upstream's: an underrun command gives no range */
		CHECK_EQ_U64(ndctl_cmd_ars_cap_get_range(cap, &range),
				(unsigned long long)-EINVAL);
		fake_ioctl_rc = 0;
		CHECK_EQ_U64(ndctl_cmd_submit(cap), 0);
		CHECK_EQ_U64(ndctl_cmd_ars_cap_get_range(cap, &range), 0);
		fake_ioctl_rc = -1000;
		ndctl_cmd_unref(cap);
	}
	ndctl_unref(fresh);
	unlink(path);
}

int main(void)
{
	const char *trees = getenv("TOPO_TREES");
	struct ndctl_region *region;
	struct ndctl_ctx *ctx;

	if (!trees || !mkdtemp(root) || copy_tree(trees)) {
		fprintf(stderr, "TOPO_TREES not set, or cannot copy it\n");
		return 1;
	}
	ctx = ctx_at(root);
	CHECK(ctx != NULL);
	region = ctx ? region0(ctx) : NULL;
	CHECK(region != NULL);
	if (region) {
		test_badblocks(region);
		test_resources(region);
		test_parents(region);
		test_dax_bridge(region);
		test_dimms(ctx, region);
		test_commands(ndctl_region_get_bus(region));
		test_enable_return(ctx, region);
		test_enabled_active(region);
	}
	test_nfit_state();
	test_submit_underrun();
	test_mode_unreadable();
	test_absent();
	ndctl_unref(ctx);
	remove_tree();
	return test_done("test-upstream-api");
}
