// SPDX-License-Identifier: GPL-2.0-only
/* Unsafe shutdown count, device id, numa node, devdax geometry, as libpmem2 does. */
#include <string.h>
#include "pmdk-caller.h"

long long walk_usc(struct ndctl_region *region)
{
	struct ndctl_dimm *dimm;
	long long usc = 0;

	ndctl_dimm_foreach_in_region(region, dimm) {
		long long dimm_usc = ndctl_dimm_get_dirty_shutdown(dimm);

		if (dimm_usc < 0)
			return -1;	/* PMEM2_E_NOSUPP */
		usc += dimm_usc;
	}
	return usc;
}

/* The same count the way older PMDK (ras_ndctl.c) takes it: through the interleave set. */
long long walk_usc_iset(struct ndctl_region *region)
{
	struct ndctl_interleave_set *iset = ndctl_region_get_interleave_set(region);
	struct ndctl_dimm *dimm;
	long long usc = 0;

	if (iset == NULL)
		return 0;
	ndctl_dimm_foreach_in_interleave_set(iset, dimm) {
		long long dimm_usc = ndctl_dimm_get_dirty_shutdown(dimm);

		if (dimm_usc < 0)
			return -1;
		usc += dimm_usc;
	}
	return usc;
}

int walk_device_id(struct ndctl_region *region, char *id, size_t len)
{
	struct ndctl_dimm *dimm;
	size_t count = 1;

	id[0] = '\0';
	ndctl_dimm_foreach_in_region(region, dimm) {
		const char *dimm_uid = ndctl_dimm_get_unique_id(dimm);

		if (dimm_uid == NULL)
			return -1;
		count += strlen(dimm_uid);
		if (count > len)
			return -1;
		strncat(id, dimm_uid, len - strlen(id) - 1);
	}
	return 0;
}

int walk_numa_node(struct ndctl_region *region)
{
	return ndctl_region_get_numa_node(region);
}

int walk_devdax_alignment(struct ndctl_namespace *ndns, size_t *alignment, size_t *size)
{
	struct ndctl_dax *dax = ndctl_namespace_get_dax(ndns);

	if (!dax)
		return -1;
	*alignment = ndctl_dax_get_align(dax);
	*size = ndctl_dax_get_size(dax);
	return 0;
}
