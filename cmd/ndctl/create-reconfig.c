// SPDX-License-Identifier: GPL-2.0-only
/*
 * create-namespace -e NS: NS itself gets the new mode, as upstream does it,
 * so its name and its block or character device's name stay (namespace0.0
 * stays namespace0.0, pmem0 becomes dax0.0). The steps, in upstream's order:
 * plan against NS (its size, name and mode unless given; a new uuid unless
 * -u), take it down (refused while active without -f), let its personality
 * go, clear the old info block, then write and bind NS in place.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "create-namespace.h"

/* Each personality naming ndns lets go of it (the claim blocks every write). */
static int release_claims(struct ndctl_namespace *ndns)
{
	struct ndctl_pfn *pfn = ndctl_namespace_get_pfn(ndns);
	struct ndctl_dax *dax = ndctl_namespace_get_dax(ndns);
	struct ndctl_btt *btt = ndctl_namespace_get_btt(ndns);
	int rc = 0;

	if (pfn)
		rc = ndctl_pfn_set_namespace(pfn, NULL);
	if (dax && !rc)
		rc = ndctl_dax_set_namespace(dax, NULL);
	if (btt && !rc)
		rc = ndctl_btt_set_namespace(btt, NULL);
	return rc;
}

/*
 * The old info block goes, or the kernel would bring the old personality
 * back at the next bind. An idle namespace (size 0) has none and cannot be
 * bound to clear it: upstream says so on its own line and goes on.
 */
static int clear_old_info_block(struct ndctl_namespace *ndns, struct create_opts *co)
{
	if (ndctl_namespace_get_size(ndns) == 0) {
		fprintf(stderr, "ndctl create-namespace: %s is idle (size 0): no info block "
				"to clear, configuring it anew\n", ndctl_namespace_get_devname(ndns));
		co->reported = true;
		return 0;
	}
	return ndctl_namespace_clear_info_block(ndns);
}

static int take_down(struct ndctl_namespace *ndns, struct create_opts *co)
{
	const char *name = ndctl_namespace_get_devname(ndns);
	bool labeled = ndctl_region_is_labeled(ndctl_namespace_get_region(ndns));
	int rc;

	if (ndctl_namespace_is_enabled(ndns) && !co->force) {
		fprintf(stderr, "ndctl create-namespace: %s is active, specify --force for "
				"re-configuration\n", name);
		return -EBUSY;
	}
	rc = ndctl_namespace_disable_safe(ndns);
	if (!rc)
		rc = release_claims(ndns);
	if (!rc && labeled)
		rc = ndctl_namespace_set_holder_class(ndns, "");
	return rc ? rc : clear_old_info_block(ndns, co);
}

/* A failed reconfigure leaves NS configured, raw and disabled, as upstream. */
static int reconfig_failed(struct ndctl_region *region, struct ndctl_namespace *ndns,
		const uuid_t puu, int rc)
{
	const char *name = ndctl_namespace_get_devname(ndns);

	create_undo_claims(region, ndns, puu);	/* this reconfigure's personality, if it claimed */
	fprintf(stderr, "ndctl create-namespace: reconfiguring %s failed (%s); it is left "
			"disabled%s: 'ndctl destroy-namespace -f %s' removes it\n", name,
			strerror(-rc), ndctl_namespace_is_configured(ndns) ? ", raw" : "", name);
	return rc;
}

int create_reconfigure(struct ndctl_ctx *ctx, struct create_opts *co,
		char *devname, size_t len)
{
	struct ndctl_namespace *ndns = create_find_namespace(ctx, co->reconfig);
	struct ndctl_region *region;
	struct create_reason why;
	struct create_plan plan;
	uuid_t uu[2];	/* the namespace's, the personality's */
	int rc;

	region = ndns ? ndctl_namespace_get_region(ndns) : NULL;
	/* as upstream, -r/-b/-t limit where NS is looked for */
	if (!ndns || !topo_filter_bus(&co->filter, ndctl_region_get_bus(region)) ||
			!topo_filter_region(&co->filter, region, true)) {
		fprintf(stderr, "ndctl create-namespace: --reconfig %s: no such namespace%s: "
				"see 'ndctl list -Ni'\n", co->reconfig, ndns ? " in the regions "
				"selected" : "");
		return -ENXIO;
	}
	snprintf(devname, len, "%s", ndctl_namespace_get_devname(ndns));
	rc = create_plan_region(region, ndns, co, &plan, &why);
	if (rc) {
		fprintf(stderr, "ndctl create-namespace: %s\n", why.text);
		return rc;
	}
	rc = take_down(ndns, co);
	if (rc)
		return rc;
	/* the kernel may have deleted the released personality: look again */
	ndctl_invalidate(ctx);
	ndns = create_find_namespace(ctx, devname);
	if (!ndns)
		return -ENXIO;
	region = ndctl_namespace_get_region(ndns);
	if (co->uuid_given)
		uuid_copy(uu[0], co->uuid);
	else
		uuid_generate(uu[0]);
	uuid_generate(uu[1]);
	/* a label-less namespace has no identity to write: only its personality changes */
	if (ndctl_region_is_labeled(region))
		rc = create_configure(ndns, co, &plan, uu[0]);
	if (!rc)
		rc = create_attach(region, ndns, co, &plan, uu[1]);
	if (rc)
		rc = reconfig_failed(region, ndns, uu[1], rc);
	ndctl_invalidate(ctx);
	return rc;
}
