// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The kernel's copy of a DIMM's labels after one of its label writes failed.
 * The kernel updates a namespace's labels DIMM by DIMM, and on each one takes
 * a free slot in its cached "next" index before it writes the label there.
 * When that write fails, the slot stays taken in the cache though the kernel
 * tracks no label in it, and the DIMM's next successful index write (the
 * release of a destroy, any later create) marks it in use on the DIMM: a
 * stale label, UPDATING set, over the DPA the next namespace gets, which
 * makes the kernel refuse the DIMM at its next probe (dpa-overlap). Only a
 * fresh read of the label area drops it: the DIMM's driver bound again,
 * which needs every region on the DIMM disabled for a moment.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "internal.h"
#include "util/size.h"

static bool shares_dimm(struct ndctl_region *a, struct ndctl_region *b)
{
	struct ndctl_dimm *da, *db;

	ndctl_dimm_foreach_in_region(a, da)
		ndctl_dimm_foreach_in_region(b, db)
			if (da == db)
				return true;
	return false;
}

/*
 * Disable the enabled regions on region's DIMMs (into off[], at most max),
 * as far as they can be: one with a namespace in use stops it.
 */
static int disable_sharing(struct ndctl_region *region, struct ndctl_region **off,
		unsigned max, unsigned *n)
{
	struct ndctl_region *r;
	int rc;

	ndctl_region_foreach(ndctl_region_get_bus(region), r) {
		if (!shares_dimm(region, r) || !ndctl_region_is_enabled(r))
			continue;
		if (*n == max)
			return -E2BIG;
		rc = ndctl_region_disable_safe(r);
		if (rc) {
			err(region->dev.ctx, "%s: cannot be disabled (%s), so the kernel's "
					"copy of its DIMMs' labels cannot be read again\n",
					r->dev.name, strerror(-rc));
			return rc;
		}
		off[(*n)++] = r;
	}
	return 0;
}

int region_reload_labels(struct ndctl_region *region)
{
	struct ndctl_region *off[64];
	struct ndctl_dimm *dimm;
	unsigned n = 0;
	int rc = disable_sharing(region, off, ARRAY_SIZE(off), &n);

	ndctl_dimm_foreach_in_region(region, dimm)
		if (!rc)
			rc = ndctl_dimm_revalidate_labels(dimm);
	for (unsigned i = 0; i < n; i++) {
		int e = ndctl_region_enable(off[i]);

		if (!rc)
			rc = e;
	}
	return rc;
}

/*
 * The rewrite of its labels (the holder class) failed on a DIMM, before any
 * was deleted: stop there, and have the kernel read the DIMMs' labels again
 * (above), else its next index write on that DIMM would publish the
 * slot the failed write took. The namespace then stays whole, as it was.
 */
int namespace_rewrite_failed(struct ndctl_namespace *ndns, int rc)
{
	struct ndctl_region *region = ndns->region;
	char text[40];
	uuid_t uu;
	int r;

	ndctl_namespace_get_uuid(ndns, uu);
	uuid_unparse(uu, text);
	r = region_reload_labels(region);
	err(ndns->dev.ctx, "%s: a label write to a DIMM of %s failed (%s): nothing was destroyed%s; "
			"once its DIMMs take label writes, destroy the namespace of uuid %s "
			"again\n", ndns->dev.name, region->dev.name, strerror(-rc),
			r ? " (and the kernel could not re-read the labels: disable the regions on "
			"its DIMMs, then 'ndctl disable-dimm' and 'ndctl enable-dimm' each)" :
			", the kernel re-read the labels and it keeps its capacity", text);
	return rc;
}
