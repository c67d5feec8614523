// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Builds the object tree from one pass over /sys/bus/nd/devices, in
 * upstream's order, the first time any topology getter runs.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <daxctl/libdaxctl.h>
#include "internal.h"

struct name_list {
	char **names;
	size_t n;
};

/* A name and its hash, computed once, not at each comparison. */
struct sort_entry {
	unsigned int hash;
	char *name;
};

/* Upstream order: the reverse of kernfs's (hash, name) directory order. */
static int cmp_entries(const void *a, const void *b)
{
	const struct sort_entry *x = a, *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? 1 : -1;
	return -strcmp(x->name, y->name);
}

static int names_sort(struct name_list *nl)
{
	struct sort_entry *e = malloc(nl->n * sizeof(*e));
	size_t i;

	if (!e)
		return -ENOMEM;
	for (i = 0; i < nl->n; i++) {
		e[i].hash = nd_kernfs_hash(nl->names[i]);
		e[i].name = nl->names[i];
	}
	qsort(e, nl->n, sizeof(*e), cmp_entries);
	for (i = 0; i < nl->n; i++)
		nl->names[i] = e[i].name;
	free(e);
	return 0;
}

static void names_free(struct name_list *nl)
{
	for (size_t i = 0; i < nl->n; i++)
		free(nl->names[i]);
	free(nl->names);
	nl->names = NULL;
	nl->n = 0;	/* names_read() frees on failure, topology_load() after */
}

static int names_read(struct ndctl_ctx *ctx, struct name_list *nl)
{
	char path[PATH_MAX];
	struct dirent *de;
	size_t cap = 0;
	DIR *dir;
	int rc = path_printf(path, sizeof(path), "%s/sys/bus/nd/devices", ctx->base.root);

	nl->names = NULL;
	nl->n = 0;
	if (rc)
		return rc;
	dir = opendir(path);
	if (!dir)	/* no nd bus (libnvdimm not loaded): an empty topology */
		return 0;
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		if (nl->n == cap) {
			char **grown = realloc(nl->names, (cap = cap * 2 + 16) * sizeof(char *));

			if (!grown) {
				rc = -ENOMEM;
				break;
			}
			nl->names = grown;
		}
		if (!(nl->names[nl->n] = strdup(de->d_name))) {
			rc = -ENOMEM;
			break;
		}
		nl->n++;
	}
	closedir(dir);
	if (!rc && nl->n)
		rc = names_sort(nl);
	if (rc)
		names_free(nl);
	return rc;
}

/* Which bus a dimm or region sits under: the ndbusN in its device path. */
static struct ndctl_bus *bus_of(struct ndctl_topology *topo, struct ndctl_ctx *ctx,
		const char *name)
{
	char path[PATH_MAX], link[PATH_MAX];
	struct ndctl_bus *bus;
	ssize_t n;

	if (path_printf(path, sizeof(path), "%s/sys/bus/nd/devices/%s", ctx->base.root, name))
		return NULL;
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		return topo->buses;	/* not a symlink: a flat tree, one bus */
	link[n] = '\0';
	for (bus = topo->buses; bus; bus = bus->next) {
		char needle[64];

		snprintf(needle, sizeof(needle), "/%s/", bus->dev.name);
		if (strstr(link, needle))
			return bus;
	}
	return NULL;
}

static struct ndctl_region *region_by_id(struct ndctl_topology *topo, unsigned int id)
{
	struct ndctl_region *region;
	struct ndctl_bus *bus;

	for (bus = topo->buses; bus; bus = bus->next)
		for (region = bus->regions; region; region = region->next)
			if (region->id == id)
				return region;
	return NULL;
}

static bool has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* namespaceX.Y, pfnX.Y, daxX.Y, bttX.Y belong to regionX. */
static int add_region_child(struct ndctl_topology *topo, const char *name)
{
	static const struct {
		const char *prefix;
		int (*add)(struct ndctl_region *region, const char *name);
	} kinds[] = {
		{ "namespace", namespace_add }, { "pfn", pfn_add },
		{ "dax", dax_add }, { "btt", btt_add },
	};

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		struct ndctl_region *region;

		if (!has_prefix(name, kinds[i].prefix))
			continue;
		region = region_by_id(topo, (unsigned int)strtoul(
				name + strlen(kinds[i].prefix), NULL, 10));
		return region ? kinds[i].add(region, name) : 0;
	}
	return 0;
}

static int add_parent(struct ndctl_topology *topo, struct ndctl_ctx *ctx,
		const char *name)
{
	struct ndctl_bus *bus;

	if (has_prefix(name, "nmem") || has_prefix(name, "region")) {
		bus = bus_of(topo, ctx, name);
		if (!bus)
			return 0;
		return has_prefix(name, "nmem") ? dimm_add(bus, name) : region_add(bus, name);
	}
	return 0;
}

static int topology_load(struct ndctl_topology *topo, struct ndctl_ctx *ctx)
{
	struct name_list nl;
	int rc = names_read(ctx, &nl);
	size_t i;

	for (i = 0; !rc && i < nl.n; i++)
		if (has_prefix(nl.names[i], "ndbus"))
			rc = bus_add(topo, ctx, nl.names[i]);
	for (i = 0; !rc && i < nl.n; i++)
		rc = add_parent(topo, ctx, nl.names[i]);
	for (i = 0; !rc && i < nl.n; i++)
		rc = add_region_child(topo, nl.names[i]);
	if (!rc && nl.n) {
		struct ndctl_region *region;
		struct ndctl_bus *bus;

		for (bus = topo->buses; bus && !rc; bus = bus->next)
			for (region = bus->regions; region && !rc; region = region->next)
				rc = mappings_load(region);
	}
	if (nl.n)
		names_free(&nl);
	return rc;
}

struct ndctl_topology *topology_get(struct ndctl_ctx *ctx)
{
	struct ndctl_topology *topo;
	int rc;

	if (ctx->topology)
		return ctx->topology;
	topo = calloc(1, sizeof(*topo));
	if (!topo)
		return NULL;
	rc = topology_load(topo, ctx);
	if (rc) {
		err(ctx, "reading %s/sys/bus/nd/devices: %s\n", ctx->base.root, strerror(-rc));
		ndctl_topology_free(topo);
		return NULL;
	}
	ctx->topology = topo;
	return topo;
}

struct ndctl_dimm *topology_find_dimm(struct ndctl_bus *bus, const char *name)
{
	struct ndctl_dimm *dimm;

	for (dimm = bus->dimms; dimm; dimm = dimm->next)
		if (strcmp(dimm->dev.name, name) == 0)
			return dimm;
	return NULL;
}

void ndctl_topology_free(struct ndctl_topology *topo)
{
	if (!topo)
		return;
	while (topo->buses) {
		struct ndctl_bus *next = topo->buses->next;

		bus_free(topo->buses);
		topo->buses = next;
	}
	free(topo);
}

NDCTL_EXPORT void ndctl_invalidate(struct ndctl_ctx *ctx)
{
	ndctl_topology_free(ctx->topology);
	ctx->topology = NULL;
	if (ctx->daxctl_ctx)
		daxctl_invalidate(ctx->daxctl_ctx);
}
