// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

int bus_add(struct ndctl_topology *topo, struct ndctl_ctx *ctx, const char *name)
{
	struct ndctl_bus *bus = nd_obj_new(sizeof(*bus), ctx, &topo->attrs, name);

	if (!bus)
		return -ENOMEM;
	bus->id = (unsigned int)strtoul(name + strlen("ndbus"), NULL, 10);
	list_append(topo->buses, bus);
	return 0;
}

void bus_free(struct ndctl_bus *bus)
{
	while (bus->dimms) {
		struct ndctl_dimm *next = bus->dimms->next;

		nd_dev_release(&bus->dimms->dev);
		free(bus->dimms);
		bus->dimms = next;
	}
	while (bus->regions) {
		struct ndctl_region *next = bus->regions->next;

		region_free(bus->regions);
		bus->regions = next;
	}
	nd_dev_release(&bus->dev);
	free(bus);
}

NDCTL_EXPORT struct ndctl_bus *ndctl_bus_get_first(struct ndctl_ctx *ctx)
{
	struct ndctl_topology *topo = topology_get(ctx);

	return topo ? topo->buses : NULL;
}

NDCTL_EXPORT struct ndctl_bus *ndctl_bus_get_next(struct ndctl_bus *bus)
{
	return bus->next;
}

NDCTL_EXPORT struct ndctl_ctx *ndctl_bus_get_ctx(struct ndctl_bus *bus)
{
	return bus->dev.ctx;
}

NDCTL_EXPORT const char *ndctl_bus_get_devname(struct ndctl_bus *bus)
{
	return bus->dev.name;
}

NDCTL_EXPORT unsigned int ndctl_bus_get_id(struct ndctl_bus *bus)
{
	return bus->id;
}

NDCTL_EXPORT const char *ndctl_bus_get_provider(struct ndctl_bus *bus)
{
	static __thread char provider[SYSFS_ATTR_SIZE];

	nd_dev_read(&bus->dev, "provider", provider);
	return provider;
}

NDCTL_EXPORT struct ndctl_bus *ndctl_bus_get_by_provider(struct ndctl_ctx *ctx,
		const char *provider)
{
	struct ndctl_bus *bus;

	for (bus = ndctl_bus_get_first(ctx); bus; bus = bus->next)
		if (strcmp(ndctl_bus_get_provider(bus), provider) == 0)
			return bus;
	return NULL;
}

/*
 * nfit/scrub: "COUNT" when idle, "COUNT+" while an address range scrub runs.
 * Read past the cache: the kernel changes it on its own. A bus without ARS
 * (QEMU's NFIT, e820) has no such attribute: -EOPNOTSUPP, as upstream.
 */
static int bus_read_scrub(struct ndctl_bus *bus, unsigned int *count, bool *active)
{
	char buf[SYSFS_ATTR_SIZE], *end;
	unsigned long n;

	if (nd_dev_read_fresh(&bus->dev, "nfit/scrub", buf))
		return -EOPNOTSUPP;
	errno = 0;
	n = strtoul(buf, &end, 10);
	if (errno || end == buf || n > UINT_MAX || (*end && strcmp(end, "+") != 0))
		return -ENXIO;
	*count = (unsigned int)n;
	*active = *end == '+';
	return 0;
}

NDCTL_EXPORT int ndctl_bus_get_scrub_state(struct ndctl_bus *bus)
{
	unsigned int count;
	bool active;
	int rc = bus_read_scrub(bus, &count, &active);

	return rc < 0 ? rc : active;
}

NDCTL_EXPORT unsigned int ndctl_bus_get_scrub_count(struct ndctl_bus *bus)
{
	unsigned int count;
	bool active;
	int rc = bus_read_scrub(bus, &count, &active);

	if (rc < 0) {
		errno = -rc;
		return UINT_MAX;
	}
	return count;
}
