// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * System physical addresses to regions and DIMMs, as upstream finds them
 * for the "dimms" of a bad-block entry: a region by its range; in a
 * region of one DIMM that DIMM, in an interleaved one the firmware's
 * answer to the NFIT Translate SPA bus DSM (nfit_test offers it; QEMU's
 * NFIT does not, and QEMU's regions are never interleaved).
 */
#include <errno.h>
#include <stdint.h>
#include "internal.h"

enum { NFIT_CMD_TRANSLATE_SPA = 5, TRANSLATE_SPA_INVALID = 2 };

/* The DSM's output for one DIMM (no mirroring), packed as the firmware lays it out. */
struct nfit_translate_spa {
	uint64_t spa;
	uint32_t status;
	uint8_t flags, reserved[3];
	uint64_t translate_length;
	uint32_t num_nvdimms;
	struct { uint32_t handle, reserved; uint64_t dpa; } __attribute__((packed)) dev[1];
} __attribute__((packed));

NDCTL_EXPORT struct ndctl_region *ndctl_bus_get_region_by_physical_address(
		struct ndctl_bus *bus, unsigned long long address)
{
	struct ndctl_region *region;

	ndctl_region_foreach(bus, region) {
		unsigned long long start = ndctl_region_get_resource(region);

		if (start <= address && address < start + ndctl_region_get_size(region))
			return region;
	}
	return NULL;
}

/* The handle of the DIMM the firmware says holds address: 0, or a negative errno. */
static int translate_spa(struct ndctl_bus *bus, unsigned long long address,
		unsigned int *handle)
{
	struct nfit_translate_spa *t;
	struct ndctl_cmd *cmd;
	int rc;

	if (!nd_bus_has_nfit_dsm(bus, NFIT_CMD_TRANSLATE_SPA))
		return -ENOTTY;
	cmd = nd_bus_cmd_new_call(bus, NFIT_CMD_TRANSLATE_SPA, sizeof(t->spa),
			sizeof(*t) - sizeof(t->spa));
	if (!cmd)
		return -ENOMEM;
	t = nd_cmd_call_payload(cmd);
	t->spa = address;
	t->translate_length = sizeof(*t);
	rc = ndctl_cmd_submit(cmd);
	if (rc >= 0)
		rc = t->status == TRANSLATE_SPA_INVALID ? -EINVAL : 0;
	if (rc >= 0)
		*handle = t->dev[0].handle;
	ndctl_cmd_unref(cmd);
	return rc < 0 ? rc : 0;
}

NDCTL_EXPORT struct ndctl_dimm *ndctl_bus_get_dimm_by_physical_address(
		struct ndctl_bus *bus, unsigned long long address)
{
	struct ndctl_region *region;
	struct ndctl_dimm *dimm;
	unsigned int handle;

	if (!bus)
		return NULL;
	region = ndctl_bus_get_region_by_physical_address(bus, address);
	if (!region)
		return NULL;
	if (ndctl_region_get_interleave_ways(region) == 1) {
		struct ndctl_mapping *m = ndctl_mapping_get_first(region);

		return m ? ndctl_mapping_get_dimm(m) : NULL;
	}
	if (translate_spa(bus, address, &handle))
		return NULL;
	ndctl_dimm_foreach(bus, dimm)
		if (ndctl_dimm_get_handle(dimm) == handle)
			return dimm;
	return NULL;
}
