// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ndctl_namespace_reconfigure(), create-namespace -e NS: NS itself gets the
 * new mode, as upstream does it, so its name and its block or character
 * device's name stay (namespace0.0 stays namespace0.0, pmem0 becomes dax0.0).
 * The steps, in upstream's order: plan against NS (its size, name and mode
 * unless given; a new uuid unless given), take it down (refused while active
 * without force), let its personality go, clear the old info block, then
 * write and bind NS in place.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include "ops.h"
#include "../private.h"

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
static int clear_old_info_block(struct ndctl_namespace *ndns, struct ns_op *op)
{
	if (ndctl_namespace_get_size(ndns) == 0) {
		ops_note(op, LOG_WARNING, "%s is idle (size 0): no info block to clear, "
				"configuring it anew", ndctl_namespace_get_devname(ndns));
		op->res->named_by_upstream = true;
		return 0;
	}
	return ndctl_namespace_clear_info_block(ndns);
}

static int take_down(struct ndctl_namespace *ndns, struct ns_op *op)
{
	const char *name = ndctl_namespace_get_devname(ndns);
	bool labeled = ndctl_region_is_labeled(ndctl_namespace_get_region(ndns));
	int rc;

	if (ndctl_namespace_is_active(ndns) && !op->spec->force) {
		ops_note(op, LOG_ERR, "%s is active, specify --force for re-configuration", name);
		return -EBUSY;
	}
	rc = ndctl_namespace_disable_safe(ndns);
	if (!rc)
		rc = release_claims(ndns);
	if (!rc && labeled)
		rc = ndctl_namespace_set_holder_class(ndns, "");
	return rc ? rc : clear_old_info_block(ndns, op);
}

/* A failed reconfigure leaves NS configured, raw and disabled, as upstream. */
static int reconfig_failed(struct ns_op *op, struct ndctl_region *region,
		struct ndctl_namespace *ndns, const uuid_t puu, int rc)
{
	const char *name = ndctl_namespace_get_devname(ndns);

	create_undo_claims(region, ndns, puu);	/* this reconfigure's personality, if it claimed */
	ops_note(op, LOG_ERR, "reconfiguring %s failed (%s); it is left disabled%s: "
			"'ndctl destroy-namespace -f %s' removes it", name, strerror(-rc),
			ndctl_namespace_is_configured(ndns) ? ", raw" : "", name);
	return rc;
}

/* Plan against the namespace itself, then take it down: 0 or why not. */
static int prepare(struct ns_op *op, struct ndctl_namespace *ndns, struct create_plan *plan)
{
	struct create_reason why;
	int rc = create_plan_region(ndctl_namespace_get_region(ndns), ndns, op, plan, &why);

	if (rc) {
		ops_note(op, LOG_ERR, "%s", why.text);
		return rc;
	}
	return take_down(ndns, op);
}

/* Write and bind NS in place, with a new uuid unless one is given. */
static int write_in_place(struct ns_op *op, struct ndctl_namespace *ndns,
		const struct create_plan *plan)
{
	struct ndctl_region *region = ndctl_namespace_get_region(ndns);
	uuid_t uu[2];	/* the namespace's, the personality's */
	int rc = 0;

	if (op->spec->uuid_given)
		uuid_copy(uu[0], op->spec->uuid);
	else
		uuid_generate(uu[0]);
	uuid_generate(uu[1]);
	/* a label-less namespace has no identity to write: only its personality changes */
	if (ndctl_region_is_labeled(region))
		rc = create_configure(ndns, op, plan, uu[0]);
	if (!rc)
		rc = create_attach(region, ndns, op, plan, uu[1]);
	return rc ? reconfig_failed(op, region, ndns, uu[1], rc) : 0;
}

NDCTL_EXPORT int ndctl_namespace_reconfigure(struct ndctl_ctx *ctx, const char *devname,
		const struct ndctl_namespace_spec *spec, struct ndctl_namespace_result *res)
{
	struct ns_op op = { .ctx = ctx, .spec = spec, .res = res, .reconfig = true };
	struct ndctl_namespace *ndns = create_find_namespace(ctx, devname);
	struct create_plan plan;
	int rc;

	memset(res, 0, sizeof(*res));
	/* as upstream, the region choice limits where NS is looked for */
	if (!ndns || (spec->region_filter &&
			!spec->region_filter(ndctl_namespace_get_region(ndns), spec->filter_arg))) {
		ops_note(&op, LOG_ERR, "--reconfig %s: no such namespace%s: see 'ndctl list -Ni'",
				devname, ndns ? " in the regions selected" : "");
		return -ENXIO;
	}
	snprintf(res->devname, sizeof(res->devname), "%s", ndctl_namespace_get_devname(ndns));
	rc = prepare(&op, ndns, &plan);
	if (rc)
		return rc;
	/* the kernel may have deleted the released personality: look again */
	ndctl_invalidate(ctx);
	ndns = create_find_namespace(ctx, res->devname);
	if (!ndns)
		return -ENXIO;
	rc = write_in_place(&op, ndns, &plan);
	ndctl_invalidate(ctx);
	res->ndns = rc ? NULL : create_find_namespace(ctx, res->devname);
	return rc;
}
