// SPDX-License-Identifier: GPL-2.0-only
/* create-namespace's writes, in upstream's sysfs order, and their undo. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "create-namespace.h"

struct ndctl_namespace *create_find_namespace(struct ndctl_ctx *ctx, const char *devname)
{
	struct ndctl_region *region;
	struct ndctl_namespace *ndns;
	struct ndctl_bus *bus;

	ndctl_bus_foreach(ctx, bus)
		ndctl_region_foreach(bus, region)
			ndctl_namespace_foreach(region, ndns)
				if (strcmp(ndctl_namespace_get_devname(ndns), devname) == 0)
					return ndns;
	return NULL;
}

static const char *holder_class(enum ndctl_namespace_mode mode)
{
	switch (mode) {
	case NDCTL_NS_MODE_FSDAX: return "pfn";
	case NDCTL_NS_MODE_DEVDAX: return "dax";
	case NDCTL_NS_MODE_SAFE: return "btt";
	default: return "";
	}
}

static int attach_pfn(struct ndctl_pfn *pfn, struct ndctl_namespace *ndns,
		struct create_opts *co, const uuid_t uu)
{
	int rc = ndctl_pfn_set_uuid(pfn, uu);

	if (!rc)
		rc = ndctl_pfn_set_location(pfn, co->map_mem ? NDCTL_PFN_LOC_RAM
				: NDCTL_PFN_LOC_PMEM);
	if (!rc)
		rc = ndctl_pfn_set_align(pfn, (unsigned long)co->align);
	if (!rc)
		rc = ndctl_pfn_set_namespace(pfn, ndns);
	return rc ? rc : ndctl_pfn_enable(pfn);
}

static int attach_dax(struct ndctl_dax *dax, struct ndctl_namespace *ndns,
		struct create_opts *co, const uuid_t uu)
{
	int rc = ndctl_dax_set_uuid(dax, uu);

	if (!rc)
		rc = ndctl_dax_set_location(dax, co->map_mem ? NDCTL_PFN_LOC_RAM
				: NDCTL_PFN_LOC_PMEM);
	if (!rc)
		rc = ndctl_dax_set_align(dax, (unsigned long)co->align);
	if (!rc)
		rc = ndctl_dax_set_namespace(dax, ndns);
	return rc ? rc : ndctl_dax_enable(dax);
}

static int attach_btt(struct ndctl_btt *btt, struct ndctl_namespace *ndns,
		struct create_opts *co, const uuid_t uu)
{
	int rc = ndctl_btt_set_uuid(btt, uu);

	if (!rc)
		rc = ndctl_btt_set_sector_size(btt, (unsigned int)co->sector_size);
	if (!rc)
		rc = ndctl_btt_set_namespace(btt, ndns);
	return rc ? rc : ndctl_btt_enable(btt);
}

/*
 * Give ndns its personality from the region's seed and bind it. No seed
 * where the scan saw one: another writer's bind moved it on (-EAGAIN).
 */
static int attach_personality(struct ndctl_region *region, struct ndctl_namespace *ndns,
		struct create_opts *co, const uuid_t uu)
{
	switch (co->mode) {
	case NDCTL_NS_MODE_FSDAX:
		return ndctl_region_get_pfn_seed(region) ?
			attach_pfn(ndctl_region_get_pfn_seed(region), ndns, co, uu) : -EAGAIN;
	case NDCTL_NS_MODE_DEVDAX:
		return ndctl_region_get_dax_seed(region) ?
			attach_dax(ndctl_region_get_dax_seed(region), ndns, co, uu) : -EAGAIN;
	case NDCTL_NS_MODE_SAFE:
		return ndctl_region_get_btt_seed(region) ?
			attach_btt(ndctl_region_get_btt_seed(region), ndns, co, uu) : -EAGAIN;
	default:
		return ndctl_namespace_enable(ndns);
	}
}

static int configure_namespace(struct ndctl_namespace *ndns, struct create_opts *co,
		const uuid_t uu)
{
	int rc = ndctl_namespace_set_uuid(ndns, uu);

	if (!rc && co->name)
		rc = ndctl_namespace_set_alt_name(ndns, co->name);
	if (!rc)
		rc = ndctl_namespace_set_size(ndns, co->size);
	if (!rc && co->mode == NDCTL_NS_MODE_RAW && co->sector_size)
		rc = ndctl_namespace_set_sector_size(ndns, (unsigned int)co->sector_size);
	if (!rc)
		rc = ndctl_namespace_set_holder_class(ndns, holder_class(co->mode));
	return rc;
}

/* The seed the scan saw is gone or busy: another writer took it. -EAGAIN: try the next. */
static int seed_taken(struct ndctl_region *region, const char *devname, const char *how)
{
	fprintf(stderr, "ndctl create-namespace: %s's namespace seed %s was taken by another "
			"writer (%s): this create changed nothing there\n",
			ndctl_region_get_devname(region), devname, how);
	return -EAGAIN;
}

static int no_seed(struct ndctl_region *region)
{
	if (ndctl_region_is_enabled(region))
		return seed_taken(region, "(new)", "it moved on since the scan");
	fprintf(stderr, "ndctl create-namespace: %s has no idle namespace to configure: "
			"is it enabled? ('ndctl enable-region %s')\n",
			ndctl_region_get_devname(region), ndctl_region_get_devname(region));
	return -ENXIO;
}

/* A failed create: whose the namespace is says what may be undone. */
static int create_refused(struct ndctl_region *region, struct ndctl_namespace *ndns,
		struct create_opts *co, const struct create_undo *u, const uuid_t uu[2], int rc,
		const char *devname)
{
	const char *rn = ndctl_region_get_devname(region);

	switch (create_owner(ndns, uu[0])) {
	case CREATE_TAKEN:
		create_undo_claims(region, uu[1]);	/* our personality's claim, if any */
		return seed_taken(region, devname, strerror(-rc));
	case CREATE_UNTOUCHED:	/* (another writer's undo may have emptied it under us) */
		create_undo_claims(region, uu[1]);
		fprintf(stderr, "ndctl create-namespace: configuring %s in %s failed (%s); "
				"nothing was changed\n", devname, rn, strerror(-rc));
		return rc;
	default:
		break;
	}
	if (!co->autorecover) {
		fprintf(stderr, "ndctl create-namespace: configuring %s in %s failed (%s); "
				"left as it is (--no-autorecover): 'ndctl destroy-namespace -f %s' "
				"removes it\n", devname, rn, strerror(-rc), devname);
		return rc;
	}
	create_undo(region, ndns, u, uu[1]);
	if (rc != -EAGAIN)
		fprintf(stderr, "ndctl create-namespace: configuring %s in %s failed (%s); "
				"rolled back, %s left unused\n", devname, rn, strerror(-rc), devname);
	return rc == -EAGAIN ? seed_taken(region, devname, "its personality seed moved on") : rc;
}

/*
 * Bound with this create's personality (or raw, by this create), but another
 * writer rewrote the uuid on the way (the kernel lets a namespace be renamed
 * until it is bound): the namespace is this create's in all but its uuid, and
 * the other writer's next write fails (it is bound). Kept, unless --uuid was
 * asked for: then this create's personality lets go, the rest is left to it.
 */
static int create_renamed(struct ndctl_region *region, struct ndctl_namespace *ndns,
		struct create_opts *co, const uuid_t puu, const char *devname)
{
	char now[40];
	uuid_t cur;

	ndctl_namespace_get_uuid(ndns, cur);
	uuid_unparse(cur, now);
	fprintf(stderr, "ndctl create-namespace: another writer rewrote the uuid of %s in %s "
			"while this create configured it: %s\n", devname,
			ndctl_region_get_devname(region), co->uuid_given ?
			"not the --uuid asked for, its personality released and the rest left to "
			"that writer" : "kept, with its new uuid");
	if (!co->uuid_given) {
		fprintf(stderr, "ndctl create-namespace: %s's uuid is %s\n", devname, now);
		return 0;
	}
	ndctl_namespace_disable_safe(ndns);
	create_undo_claims(region, puu);
	return -EBUSY;
}

const char *create_claim(struct ndctl_namespace *ndns, bool *bound)
{
	struct ndctl_pfn *pfn = ndctl_namespace_get_pfn(ndns);
	struct ndctl_dax *dax = ndctl_namespace_get_dax(ndns);
	struct ndctl_btt *btt = ndctl_namespace_get_btt(ndns);

	*bound = (pfn && ndctl_pfn_is_enabled(pfn)) || (dax && ndctl_dax_is_enabled(dax)) ||
		(btt && ndctl_btt_is_enabled(btt));
	return pfn ? ndctl_pfn_get_devname(pfn) : dax ? ndctl_dax_get_devname(dax) :
		btt ? ndctl_btt_get_devname(btt) : NULL;
}

/*
 * A raw create's "enable" succeeded: the namespace is this create's only if it
 * is bound raw itself (it has its disk). "enabled" may also be another writer's
 * personality, bound to it (or claiming it, which the bind counts as done). A
 * personality that names it, unbound, while it is bound raw is the other
 * writer's attempt on the way to failing: the kernel binds no claim on an
 * active namespace.
 */
static bool raw_bound_here(struct ndctl_namespace *ndns)
{
	bool bound;
	const char *claim = create_claim(ndns, &bound);

	if (bound || !ndctl_namespace_get_block_device(ndns)[0])
		return false;
	if (claim)
		fprintf(stderr, "ndctl create-namespace: another writer's %s names %s, unbound: "
				"it cannot bind while %s is bound raw, which this create keeps\n",
				claim, ndctl_namespace_get_devname(ndns),
				ndctl_namespace_get_devname(ndns));
	return true;
}

int create_in_region(struct ndctl_region *region, struct create_opts *co,
		char *devname, size_t len)
{
	struct ndctl_namespace *ndns = ndctl_region_get_namespace_seed(region);
	struct create_undo undo;
	uuid_t uu[2];	/* the namespace's, the personality's */
	int rc;

	if (!ndns)
		return no_seed(region);
	snprintf(devname, len, "%s", ndctl_namespace_get_devname(ndns));
	if (ndctl_namespace_is_configured(ndns) || ndctl_namespace_is_enabled(ndns))
		return seed_taken(region, devname, "it is configured");
	if (co->uuid_given)
		uuid_copy(uu[0], co->uuid);
	else
		uuid_generate(uu[0]);
	uuid_generate(uu[1]);
	create_undo_save(region, ndns, &undo);
	rc = configure_namespace(ndns, co, uu[0]);
	if (!rc)
		rc = attach_personality(region, ndns, co, uu[1]);
	if (!rc && co->mode == NDCTL_NS_MODE_RAW && !raw_bound_here(ndns))
		return seed_taken(region, devname, "another writer's personality claims it");
	if (!rc && create_owner(ndns, uu[0]) == CREATE_OURS)
		return 0;
	if (!rc)
		return create_renamed(region, ndns, co, uu[1], devname);
	return create_refused(region, ndns, co, &undo, uu, rc, devname);
}

/* A label-less namespace has no labels to rewrite: swap its personality. */
static int reconfigure_labelless(struct ndctl_namespace *ndns, struct create_opts *co)
{
	struct ndctl_region *region = ndctl_namespace_get_region(ndns);
	struct ndctl_pfn *pfn = ndctl_namespace_get_pfn(ndns);
	struct ndctl_dax *dax = ndctl_namespace_get_dax(ndns);
	struct ndctl_btt *btt = ndctl_namespace_get_btt(ndns);
	int rc = 0;
	uuid_t uu;

	if (pfn)
		rc = ndctl_pfn_set_namespace(pfn, NULL);
	if (dax && !rc)
		rc = ndctl_dax_set_namespace(dax, NULL);
	if (btt && !rc)
		rc = ndctl_btt_set_namespace(btt, NULL);
	if ((pfn || dax || btt) && !rc)
		rc = ndctl_namespace_clear_info_block(ndns);
	uuid_generate(uu);
	return rc ? rc : attach_personality(region, ndns, co, uu);
}

static int reconfigure_labeled(struct ndctl_ctx *ctx, struct ndctl_namespace *ndns,
		struct create_opts *co, char *devname, size_t len)
{
	struct ndctl_region *region = ndctl_namespace_get_region(ndns);
	char regname[64];
	int rc;

	if (!co->uuid_given) {
		ndctl_namespace_get_uuid(ndns, co->uuid);
		co->uuid_given = true;
	}
	if (!co->name) {	/* a copy: the namespace object goes with the delete */
		snprintf(co->name_buf, sizeof(co->name_buf), "%s",
				ndctl_namespace_get_alt_name(ndns));
		co->name = co->name_buf;
	}
	if (!co->size)
		co->size = ndctl_namespace_get_size(ndns);
	snprintf(regname, sizeof(regname), "%s", ndctl_region_get_devname(region));
	rc = ndctl_namespace_delete(ndns);
	if (rc)
		return rc;
	ndctl_invalidate(ctx);
	co->filter.region = regname;
	co->filter.bus = NULL;
	rc = create_pick_region(ctx, co, &region, false);
	if (!rc)
		rc = create_in_region(region, co, devname, len);
	ndctl_invalidate(ctx);
	return rc;
}

int create_reconfigure(struct ndctl_ctx *ctx, struct create_opts *co,
		char *devname, size_t len)
{
	struct ndctl_namespace *ndns = create_find_namespace(ctx, co->reconfig);
	int rc;

	if (!ndns) {
		fprintf(stderr, "ndctl create-namespace: --reconfig %s: no such namespace: see "
				"'ndctl list -Ni'\n", co->reconfig);
		return -ENXIO;
	}
	if (ndctl_namespace_is_enabled(ndns) && !co->force) {
		fprintf(stderr, "ndctl create-namespace: %s is active, specify --force for "
				"re-configuration\n", co->reconfig);
		return -EBUSY;
	}
	rc = ndctl_namespace_disable_safe(ndns);
	if (rc)
		return rc;
	if (ndctl_region_is_labeled(ndctl_namespace_get_region(ndns)))
		return reconfigure_labeled(ctx, ndns, co, devname, len);
	snprintf(devname, len, "%s", co->reconfig);
	rc = reconfigure_labelless(ndns, co);
	ndctl_invalidate(ctx);
	return rc;
}
