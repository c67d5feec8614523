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
#include <stdlib.h>
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

/* Whether any namespace of an enabled region on region's DIMMs is in use. */
static bool sharing_active(struct ndctl_region *region)
{
	struct ndctl_namespace *ndns;
	struct ndctl_region *r;

	ndctl_region_foreach(ndctl_region_get_bus(region), r) {
		if (!shares_dimm(region, r) || !ndctl_region_is_enabled(r))
			continue;
		ndctl_namespace_foreach(r, ndns)
			if (ndctl_namespace_is_active(ndns))
				return true;
	}
	return false;
}

/*
 * With the regions on region's DIMMs disabled: run fn (if any) on the idle
 * DIMMs, have the kernel read every DIMM's labels again (also after fn
 * failed: its copy may hold slots a failed write took), then enable the
 * regions. 0, or the first failure (logged).
 */
static int with_dimms_idle(struct ndctl_region *region,
		int (*fn)(struct ndctl_region *region, void *arg), void *arg)
{
	struct ndctl_region *off[64];
	struct ndctl_dimm *dimm;
	unsigned n = 0;
	int rc = disable_sharing(region, off, ARRAY_SIZE(off), &n);
	bool idle = rc == 0;

	if (idle && fn)
		rc = fn(region, arg);
	ndctl_dimm_foreach_in_region(region, dimm) {
		int e = idle ? ndctl_dimm_revalidate_labels(dimm) : 0;

		if (!rc)
			rc = e;
	}
	for (unsigned i = 0; i < n; i++) {
		int e = ndctl_region_enable(off[i]);

		if (!rc)
			rc = e;
	}
	return rc;
}

int region_reload_labels(struct ndctl_region *region)
{
	return with_dimms_idle(region, NULL, NULL);
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

/* Free dimm's labels of uu in one transaction of the label engine; add their count to *freed. */
static int dimm_free_uuid(struct ndctl_dimm *dimm, const unsigned char *uu, unsigned *freed)
{
	struct ndctl_lsa_change *changes = NULL;
	struct ndctl_lsa_xport *t;
	struct ndctl_lsa *lsa = NULL;
	unsigned n = 0;
	int rc = ndctl_dimm_lsa_open(dimm, NDCTL_LSA_WRITABLE, &t);

	if (!rc)
		rc = ndctl_lsa_load(t, 0, &lsa);
	if (!rc && !(changes = calloc(ndctl_lsa_label_count(lsa) + 1, sizeof(*changes))))
		rc = -ENOMEM;
	for (unsigned i = 0; !rc && i < ndctl_lsa_label_count(lsa); i++) {
		struct ndctl_label l;

		if (ndctl_lsa_label_get(lsa, i, &l) == 0 && !memcmp(l.uuid, uu, 16))
			changes[n++] = (struct ndctl_lsa_change){ .op = NDCTL_LSA_DELETE,
								   .slot = l.slot };
	}
	if (!rc && n)
		rc = ndctl_lsa_apply(lsa, t, changes, n);
	if (!rc)
		*freed += n;
	free(changes);
	ndctl_lsa_free(lsa);
	ndctl_lsa_xport_close(t);
	return rc;
}

/* What nd_region_forget_uuid() frees, and how many labels it freed. */
struct forget {
	const unsigned char *uuid;
	unsigned freed;
};

/* The DIMMs in interleave position order (see nd_region_forget_uuid()). */
static int free_uuid_by_position(struct ndctl_region *region, void *arg)
{
	struct forget *f = arg;
	int ways = ndctl_region_get_mappings(region), rc = 0;
	struct ndctl_mapping *m;

	for (int pos = 0; pos < ways && !rc; pos++)
		ndctl_mapping_foreach(region, m)
			if (!rc && ndctl_mapping_get_position(m) == pos && ndctl_mapping_get_dimm(m))
				rc = dimm_free_uuid(ndctl_mapping_get_dimm(m), f->uuid, &f->freed);
	return rc;
}

/*
 * A namespace of region with no capacity whose uuid the kernel keeps: a label
 * update that failed on one DIMM left it, and no uuid write passes while it
 * stays. Once the DIMMs take writes again: with the regions on them disabled,
 * free every label of that uuid (the capacity is already gone in the kernel's
 * view), position 0 first, since the kernel assembles a namespace from the
 * labels it finds there and refuses the whole region when another position
 * lacks one; then have the kernel read each area again, which also drops the
 * slots it took for the failed writes, and enable the regions. Only when no
 * namespace on those DIMMs is in use: disabling them is this call's to do
 * only when it stops nothing.
 */
int nd_region_forget_uuid(struct ndctl_region *region, const unsigned char *uu, unsigned *freed)
{
	struct forget f = { .uuid = uu };
	int rc = sharing_active(region) ? -EBUSY : with_dimms_idle(region, free_uuid_by_position, &f);

	*freed = f.freed;
	return rc;
}
