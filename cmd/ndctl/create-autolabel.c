// SPDX-License-Identifier: GPL-2.0-only
/*
 * Autolabel: a label-less region holds one namespace covering it all. To
 * sub-divide it, its DIMMs need label index blocks: disable the region, let
 * libndctl write empty v1.2 indexes (as the kernel itself would) and rebind
 * each nmem (the kernel caches the label area), and enable the region.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "create-namespace.h"
#include "labels.h"

/* Whether autolabel (-L, the default) may take this region: its namespace must be idle, or -f. */
bool create_can_autolabel(struct ndctl_region *region, const struct create_opts *co)
{
	struct ndctl_namespace *ndns = ndctl_namespace_get_first(region);

	if (!co->autolabel || ndctl_region_is_labeled(region) || !ndctl_region_is_enabled(region) ||
			co->reconfig)
		return false;
	return co->force || !ndns || !ndctl_namespace_is_enabled(ndns);
}

int create_autolabel(struct ndctl_region *region)
{
	struct ndctl_mapping *m;
	char dimms[256] = "";
	int rc = ndctl_region_disable_safe(region);

	ndctl_mapping_foreach(region, m) {
		struct ndctl_dimm *dimm = ndctl_mapping_get_dimm(m);
		size_t len = strlen(dimms);

		if (rc || !dimm)
			break;
		rc = ndctl_dimm_init_labels(dimm, 256);	/* logs why it failed */
		snprintf(dimms + len, sizeof(dimms) - len, " %s", ndctl_dimm_get_devname(dimm));
	}
	if (ndctl_region_enable(region) && !rc)
		rc = -ENXIO;
	if (rc)
		fprintf(stderr, "ndctl create-namespace: autolabel of %s failed: %s\n",
				ndctl_region_get_devname(region), strerror(-rc));
	else
		fprintf(stderr, "autolabel: initialized labels on%s; %s can be sub-divided now\n",
				dimms, ndctl_region_get_devname(region));
	return rc;
}
