// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

#define ND_DEVICE_NAMESPACE_IO   4	/* label-less: one raw namespace */
#define ND_DEVICE_NAMESPACE_PMEM 5	/* labeled */
#define ND_DEVICE_NAMESPACE_BLK  6	/* older kernels' blk regions */

int region_add(struct ndctl_bus *bus, const char *name)
{
	struct ndctl_region *region = nd_obj_under(sizeof(*region), &bus->dev, name);

	if (!region)
		return -ENOMEM;
	region->bus = bus;
	region->iset.region = region;
	region->id = (unsigned int)strtoul(name + strlen("region"), NULL, 10);
	list_append(bus->regions, region);
	return 0;
}

#define free_list(head, type, release) do { \
	while (head) { \
		type *_next = (head)->next; \
		release; \
		free(head); \
		(head) = _next; \
	} \
} while (0)

void region_free(struct ndctl_region *region)
{
	free_list(region->mappings, struct ndctl_mapping, (void)0);
	free_list(region->namespaces, struct ndctl_namespace,
			(nd_dev_release(&region->namespaces->dev),
			 free(region->namespaces->injected)));
	free_list(region->pfns, struct ndctl_pfn, nd_dev_release(&region->pfns->p.dev));
	free_list(region->daxs, struct ndctl_dax, nd_dev_release(&region->daxs->p.dev));
	free_list(region->btts, struct ndctl_btt, nd_dev_release(&region->btts->p.dev));
	nd_dev_release(&region->dev);
	free(region);
}

LIB_MEMBER_GETTER(struct ndctl_region *, ndctl_region_get_first, struct ndctl_bus, regions)
LIB_MEMBER_GETTER(struct ndctl_region *, ndctl_region_get_next, struct ndctl_region, next)
LIB_MEMBER_GETTER(struct ndctl_bus *, ndctl_region_get_bus, struct ndctl_region, bus)
LIB_MEMBER_GETTER(struct ndctl_ctx *, ndctl_region_get_ctx, struct ndctl_region, dev.ctx)
LIB_MEMBER_GETTER(const char *, ndctl_region_get_devname, struct ndctl_region, dev.name)
LIB_MEMBER_GETTER(unsigned int, ndctl_region_get_id, struct ndctl_region, id)

NDCTL_EXPORT unsigned long long ndctl_region_get_size(struct ndctl_region *region)
{
	return nd_dev_u64(&region->dev, "size");
}

/* As upstream: ULONG_MAX (all ones) when the kernel has no align attribute. */
NDCTL_EXPORT unsigned long ndctl_region_get_align(struct ndctl_region *region)
{
	return (unsigned long)nd_dev_u64_or_max(&region->dev, "align");
}

/*
 * As upstream: 0 for a region that holds no labeled (or blk) namespaces,
 * whose capacity is all in its one namespace; ULLONG_MAX with errno set
 * when the attribute cannot be read.
 */
static unsigned long long region_free_bytes(struct ndctl_region *region, const char *attr)
{
	char buf[SYSFS_ATTR_SIZE];
	unsigned int nstype = ndctl_region_get_nstype(region);
	int rc;

	if (nstype != ND_DEVICE_NAMESPACE_PMEM && nstype != ND_DEVICE_NAMESPACE_BLK)
		return 0;
	rc = nd_dev_read(&region->dev, attr, buf);
	if (rc) {
		errno = -rc;
		return ULLONG_MAX;
	}
	return sysfs_loose_u64(buf, 0);
}

NDCTL_EXPORT unsigned long long ndctl_region_get_available_size(struct ndctl_region *region)
{
	return region_free_bytes(region, "available_size");
}

NDCTL_EXPORT unsigned long long ndctl_region_get_max_available_extent(
		struct ndctl_region *region)
{
	return region_free_bytes(region, "max_available_extent");
}

NDCTL_EXPORT unsigned int ndctl_region_get_nstype(struct ndctl_region *region)
{
	return (unsigned int)nd_dev_u64(&region->dev, "nstype");
}

NDCTL_EXPORT bool ndctl_region_is_labeled(struct ndctl_region *region)
{
	return ndctl_region_get_nstype(region) == ND_DEVICE_NAMESPACE_PMEM;
}

NDCTL_EXPORT const char *ndctl_region_get_type_name(struct ndctl_region *region)
{
	unsigned int nstype = ndctl_region_get_nstype(region);

	return nstype == ND_DEVICE_NAMESPACE_IO || nstype == ND_DEVICE_NAMESPACE_PMEM
		? "pmem" : "unknown";
}

NDCTL_EXPORT unsigned int ndctl_region_get_mappings(struct ndctl_region *region)
{
	return (unsigned int)nd_dev_u64(&region->dev, "mappings");
}

/* There is no interleave_ways attribute; as upstream, one way per mapping. */
NDCTL_EXPORT unsigned int ndctl_region_get_interleave_ways(struct ndctl_region *region)
{
	unsigned int n = ndctl_region_get_mappings(region);

	return n ? n : 1;
}

NDCTL_EXPORT unsigned long long ndctl_region_get_iset_cookie(struct ndctl_region *region)
{
	if (!ndctl_region_is_labeled(region))
		return 0;
	return nd_dev_u64(&region->dev, "set_cookie");
}

/* As upstream: NUMA_NO_ATTR when the kernel has no attribute, NUMA_NO_NODE when unreadable. */
NDCTL_EXPORT int ndctl_region_get_numa_node(struct ndctl_region *region)
{
	char buf[SYSFS_ATTR_SIZE];
	int rc = nd_dev_read(&region->dev, "numa_node", buf);

	if (rc == -ENOENT)
		return NUMA_NO_ATTR;
	if (rc)
		return NUMA_NO_NODE;
	return (int)strtol(buf, NULL, 0);
}

NDCTL_EXPORT int ndctl_region_has_numa(struct ndctl_region *region)
{
	return ndctl_region_get_numa_node(region) != NUMA_NO_ATTR;
}

/* Read when asked, not when the region is found: the kernel may change it. */
NDCTL_EXPORT int ndctl_region_get_ro(struct ndctl_region *region)
{
	return nd_dev_int(&region->dev, "read_only", 0) != 0;
}

NDCTL_EXPORT int ndctl_region_get_target_node(struct ndctl_region *region)
{
	return nd_dev_int(&region->dev, "target_node", -1);
}

NDCTL_EXPORT const char *ndctl_region_get_persistence_domain_name(
		struct ndctl_region *region)
{
	char buf[SYSFS_ATTR_SIZE];

	if (nd_dev_read(&region->dev, "persistence_domain", buf) || !buf[0])
		return "unknown";
	if (strstr(buf, "cpu_cache"))
		return "cpu_cache";
	if (strstr(buf, "memory_controller"))
		return "memory_controller";
	return "none";
}

NDCTL_EXPORT int ndctl_region_is_enabled(struct ndctl_region *region)
{
	return nd_dev_has_driver(&region->dev);
}

NDCTL_EXPORT int ndctl_region_enable(struct ndctl_region *region)
{
	return nd_dev_enable(&region->dev);
}

NDCTL_EXPORT int ndctl_region_disable_safe(struct ndctl_region *region)
{
	struct ndctl_namespace *ndns;
	int rc;

	for (ndns = region->namespaces; ndns; ndns = ndns->next) {
		rc = ndctl_namespace_disable_safe(ndns);
		if (rc)
			return rc;
	}
	return nd_dev_disable(&region->dev);
}

/* Each getter reads the seed's name once, then walks its list for it. */
#define FIND_SEED(region, list, nameof, attr) do { \
	char _buf[SYSFS_ATTR_SIZE]; \
	if (nd_dev_read(&(region)->dev, attr, _buf)) \
		return NULL; \
	for (__typeof__(list) _it = (list); _it; _it = _it->next) \
		if (strcmp(nameof(_it), _buf) == 0) \
			return _it; \
	return NULL; \
} while (0)

#define NS_NAME(o) ((o)->dev.name)
#define PERSONA_NAME(o) ((o)->p.dev.name)

NDCTL_EXPORT struct ndctl_namespace *ndctl_region_get_namespace_seed(
		struct ndctl_region *region)
{
	FIND_SEED(region, region->namespaces, NS_NAME, "namespace_seed");
}

NDCTL_EXPORT struct ndctl_pfn *ndctl_region_get_pfn_seed(struct ndctl_region *region)
{
	FIND_SEED(region, region->pfns, PERSONA_NAME, "pfn_seed");
}

NDCTL_EXPORT struct ndctl_dax *ndctl_region_get_dax_seed(struct ndctl_region *region)
{
	FIND_SEED(region, region->daxs, PERSONA_NAME, "dax_seed");
}

NDCTL_EXPORT struct ndctl_btt *ndctl_region_get_btt_seed(struct ndctl_region *region)
{
	FIND_SEED(region, region->btts, PERSONA_NAME, "btt_seed");
}

/* Physical start; ULLONG_MAX when unreadable (not root, or a captured tree). */
NDCTL_EXPORT unsigned long long ndctl_region_get_resource(struct ndctl_region *region)
{
	return nd_dev_u64_or_max(&region->dev, "resource");
}

static bool region_maps_dimm(struct ndctl_region *region, struct ndctl_dimm *dimm)
{
	struct ndctl_mapping *mapping;

	for (mapping = ndctl_mapping_get_first(region); mapping; mapping = mapping->next)
		if (mapping->dimm == dimm)
			return true;
	return false;
}

static struct ndctl_dimm *region_dimm_from(struct ndctl_region *region,
		struct ndctl_dimm *dimm)
{
	for (; dimm; dimm = dimm->next)
		if (region_maps_dimm(region, dimm))
			return dimm;
	return NULL;
}

/* The region's DIMMs in the bus's DIMM order, as upstream iterates them. */
NDCTL_EXPORT struct ndctl_dimm *ndctl_region_get_first_dimm(struct ndctl_region *region)
{
	return region_dimm_from(region, region->bus->dimms);
}

NDCTL_EXPORT struct ndctl_dimm *ndctl_region_get_next_dimm(struct ndctl_region *region,
		struct ndctl_dimm *dimm)
{
	return region_dimm_from(region, dimm->next);
}
