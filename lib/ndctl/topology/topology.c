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

/* Linux kernfs directory hash (fs/kernfs/dir.c with a NULL namespace). */
static unsigned int kernfs_hash(const char *name)
{
	unsigned long long h = 0;
	unsigned int v;

	for (; *name; name++) {
		unsigned char c = (unsigned char)*name;

		h = (h + ((unsigned long long)c << 4) + (c >> 4)) * 11;
	}
	v = (unsigned int)((h * 0x61C8864680B583EBULL) >> 32) & 0x7fffffffU;
	if (v < 2)
		v += 2;
	if (v >= 0x7fffffffU)
		v = 0x7ffffffeU;
	return v;
}

/*
 * A /sys/bus/nd/devices entry: its name, its kernfs hash (computed once, not
 * at each comparison of the sort) and whether it is a symlink (into its
 * parent's directory, on a running system) as readdir's d_type says.
 */
struct bus_entry {
	unsigned int hash;
	bool linked;
	char *name;
};

struct name_list {
	struct bus_entry *e;
	size_t n;
};

/* Upstream order: the reverse of kernfs's (hash, name) directory order. */
static int cmp_entries(const void *a, const void *b)
{
	const struct bus_entry *x = a, *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? 1 : -1;
	return -strcmp(x->name, y->name);
}

static void names_free(struct name_list *nl)
{
	for (size_t i = 0; i < nl->n; i++)
		free(nl->e[i].name);
	free(nl->e);
	nl->e = NULL;
	nl->n = 0;	/* names_read() frees on failure, topology_load() after */
}

static int names_add(struct name_list *nl, size_t *cap, const struct dirent *de)
{
	struct bus_entry *e;

	if (nl->n == *cap) {
		struct bus_entry *grown = realloc(nl->e, (*cap * 2 + 16) * sizeof(*grown));

		if (!grown)
			return -ENOMEM;
		nl->e = grown;
		*cap = *cap * 2 + 16;
	}
	e = &nl->e[nl->n];
	e->name = strdup(de->d_name);
	if (!e->name)
		return -ENOMEM;
	e->hash = kernfs_hash(e->name);
	e->linked = de->d_type == DT_LNK;
	nl->n++;
	return 0;
}

static int names_read(struct ndctl_ctx *ctx, struct name_list *nl)
{
	char path[PATH_MAX];
	struct dirent *de;
	size_t cap = 0;
	DIR *dir;
	int rc = path_printf(path, sizeof(path), "%s/sys/bus/nd/devices", ctx->base.root);

	nl->e = NULL;
	nl->n = 0;
	if (rc)
		return rc;
	dir = opendir(path);
	if (!dir)	/* no nd bus (libnvdimm not loaded): an empty topology */
		return 0;
	while (!rc && (de = readdir(dir)))
		if (de->d_name[0] != '.')
			rc = names_add(nl, &cap, de);
	closedir(dir);
	if (rc)
		names_free(nl);
	else if (nl->n)
		qsort(nl->e, nl->n, sizeof(*nl->e), cmp_entries);
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

/*
 * namespaceX.Y, pfnX.Y, daxX.Y, bttX.Y belong to regionX. Linked, a child
 * lives in its region's directory (checked once per region: see
 * parent_dirfd()); a directory of its own is not in there.
 */
static int add_region_child(struct ndctl_topology *topo, const struct bus_entry *e)
{
	static const struct {
		const char *prefix;
		int (*add)(struct ndctl_region *region, const char *name, bool inside);
	} kinds[] = {
		{ "namespace", namespace_add }, { "pfn", pfn_add },
		{ "dax", dax_add }, { "btt", btt_add },
	};

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		struct ndctl_region *region;

		if (!has_prefix(e->name, kinds[i].prefix))
			continue;
		region = region_by_id(topo, (unsigned int)strtoul(
				e->name + strlen(kinds[i].prefix), NULL, 10));
		return region ? kinds[i].add(region, e->name, e->linked) : 0;
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

/*
 * Upstream finds the buses in /sys/class/nd (ndctlN, the bus's control
 * device, numbered as ndbusN), not in /sys/bus/nd/devices, and lists them in
 * the reverse of that directory's order: with two buses or more (nfit_test's,
 * beside QEMU's) the order is the one of the ndctlN names' hashes.
 */
struct bus_key {
	unsigned int hash;
	char ctl[32];
	const char *name;
};

static int cmp_bus_keys(const void *a, const void *b)
{
	const struct bus_key *x = a, *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? 1 : -1;
	return -strcmp(x->ctl, y->ctl);
}

static int buses_add(struct ndctl_topology *topo, struct ndctl_ctx *ctx,
		const struct name_list *nl)
{
	struct bus_key *keys = calloc(nl->n ? nl->n : 1, sizeof(*keys));
	size_t i, n = 0;
	int rc = 0;

	if (!keys)
		return -ENOMEM;
	for (i = 0; i < nl->n; i++) {
		if (!has_prefix(nl->e[i].name, "ndbus"))
			continue;
		keys[n].name = nl->e[i].name;
		snprintf(keys[n].ctl, sizeof(keys[n].ctl), "ndctl%s",
				nl->e[i].name + strlen("ndbus"));
		keys[n].hash = kernfs_hash(keys[n].ctl);
		n++;
	}
	if (n > 1)
		qsort(keys, n, sizeof(*keys), cmp_bus_keys);
	for (i = 0; !rc && i < n; i++)
		rc = bus_add(topo, ctx, keys[i].name);
	free(keys);
	return rc;
}

static int topology_load(struct ndctl_topology *topo, struct ndctl_ctx *ctx)
{
	struct name_list nl;
	int rc = names_read(ctx, &nl);
	size_t i;

	rc = rc ? rc : buses_add(topo, ctx, &nl);
	for (i = 0; !rc && i < nl.n; i++)
		rc = add_parent(topo, ctx, nl.e[i].name);
	for (i = 0; !rc && i < nl.n; i++)
		rc = add_region_child(topo, &nl.e[i]);
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
	nd_disks_free(topo->disks);
	nd_attr_cache_release(&topo->attrs);
	free(topo);
}

NDCTL_EXPORT void ndctl_invalidate(struct ndctl_ctx *ctx)
{
	ndctl_topology_free(ctx->topology);
	ctx->topology = NULL;
	if (ctx->daxctl_ctx)
		daxctl_invalidate(ctx->daxctl_ctx);
}
