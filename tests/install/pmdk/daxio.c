// SPDX-License-Identifier: GPL-2.0-only
/* daxio's device lookup: nd dax devices first, then every dax region. */
#include "pmdk-caller.h"

static int match_dev_dax(unsigned major, unsigned minor, struct daxctl_region *dax_region,
		size_t *size)
{
	struct daxctl_dev *d;

	daxctl_dev_foreach(dax_region, d) {
		if (major == (unsigned)daxctl_dev_get_major(d) &&
				minor == (unsigned)daxctl_dev_get_minor(d)) {
			*size = daxctl_dev_get_size(d);
			return 1;
		}
	}
	return 0;
}

int walk_find_dev_dax(struct ndctl_ctx *ndctl_ctx, unsigned major, unsigned minor,
		size_t *size, size_t *align)
{
	struct daxctl_region *dax_region;
	struct daxctl_ctx *daxctl_ctx;
	struct ndctl_region *region;
	struct ndctl_bus *bus;
	struct ndctl_dax *dax;
	int ret = 0;

	ndctl_bus_foreach(ndctl_ctx, bus) {
		ndctl_region_foreach(bus, region) {
			ndctl_dax_foreach(region, dax) {
				dax_region = ndctl_dax_get_daxctl_region(dax);
				if (dax_region && match_dev_dax(major, minor, dax_region, size)) {
					*align = ndctl_dax_get_align(dax);
					return 1;
				}
			}
		}
	}
	if (daxctl_new(&daxctl_ctx))
		return 0;
	daxctl_region_foreach(daxctl_ctx, dax_region) {
		if (match_dev_dax(major, minor, dax_region, size)) {
			*align = daxctl_region_get_align(dax_region);
			ret = 1;
			break;
		}
	}
	daxctl_unref(daxctl_ctx);
	return ret;
}
