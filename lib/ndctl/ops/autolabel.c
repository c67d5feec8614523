// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Autolabel: a label-less region holds one namespace covering it all. To
 * sub-divide it, its DIMMs need label index blocks: disable the region, let
 * libndctl write empty v1.2 indexes (as the kernel itself would) and rebind
 * each nmem (the kernel caches the label area), and enable the region.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include "ops.h"

/*
 * Whether autolabel (-L, the default) may take this region: its namespace must
 * be idle, or -f; a region of no DIMM (nfit_test.1's) has nowhere to hold labels.
 */
bool create_can_autolabel(struct ndctl_region *region, const struct ns_op *op)
{
	struct ndctl_namespace *ndns = ndctl_namespace_get_first(region);

	if (!op->spec->autolabel || ndctl_region_is_labeled(region) ||
			!ndctl_region_is_enabled(region) || op->reconfig ||
			!ndctl_region_get_mappings(region))
		return false;
	return op->spec->force || !ndns || !ndctl_namespace_is_active(ndns);
}

int create_autolabel(struct ns_op *op, struct ndctl_region *region)
{
	struct ndctl_dimm *dimm;
	char dimms[256] = "";
	int rc = ndctl_region_disable_safe(region);

	ndctl_dimm_foreach_in_region(region, dimm) {	/* the bus's order, as upstream */
		size_t len = strlen(dimms);

		if (rc)
			break;
		rc = ndctl_dimm_init_labels(dimm, 256);	/* logs why it failed */
		snprintf(dimms + len, sizeof(dimms) - len, " %s", ndctl_dimm_get_devname(dimm));
	}
	if (ndctl_region_enable(region) && !rc)
		rc = -ENXIO;
	if (rc)
		ops_note(op, LOG_ERR, "autolabel of %s failed: %s",
				ndctl_region_get_devname(region), strerror(-rc));
	else
		ops_note(op, LOG_NOTICE, "autolabel: initialized labels on%s; %s can be "
				"sub-divided now", dimms, ndctl_region_get_devname(region));
	return rc;
}
