// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
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
