/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDKIT_NDCTL_TOPOLOGY_H
#define NDKIT_NDCTL_TOPOLOGY_H
/*
 * Buses, DIMMs, regions, namespaces and their personalities over sysfs
 * (topology/). Names follow upstream libndctl. Objects live as long as the
 * context; getters read sysfs when called and return 0, "" or an "unknown"
 * value instead of failing. Iteration order is upstream's, so listings match.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <uuid/uuid.h>

#ifdef __cplusplus
extern "C" {
#endif

struct ndctl_ctx;
struct ndctl_bus;
struct ndctl_dimm;
struct ndctl_region;
struct ndctl_mapping;
struct ndctl_namespace;
struct ndctl_pfn;
struct ndctl_dax;
struct ndctl_btt;

enum ndctl_namespace_mode {
	NDCTL_NS_MODE_MEMORY,	/* fsdax */
	NDCTL_NS_MODE_SAFE,	/* sector */
	NDCTL_NS_MODE_RAW,
	NDCTL_NS_MODE_DAX,	/* devdax */
	NDCTL_NS_MODE_UNKNOWN,
};
#define NDCTL_NS_MODE_FSDAX NDCTL_NS_MODE_MEMORY
#define NDCTL_NS_MODE_DEVDAX NDCTL_NS_MODE_DAX

enum ndctl_pfn_loc {
	NDCTL_PFN_LOC_NONE,
	NDCTL_PFN_LOC_RAM,
	NDCTL_PFN_LOC_PMEM,
};

/*
 * Drop every cached object: call after the kernel topology changed. Objects
 * also keep the attribute values they read until this context writes to
 * sysfs (a region's available_size and max_available_extent excepted: those
 * are read at each call), so another process's changes show after this.
 */
void ndctl_invalidate(struct ndctl_ctx *ctx);

/* bus */
struct ndctl_bus *ndctl_bus_get_first(struct ndctl_ctx *ctx);
struct ndctl_bus *ndctl_bus_get_next(struct ndctl_bus *bus);
#define ndctl_bus_foreach(ctx, bus) \
	for (bus = ndctl_bus_get_first(ctx); bus; bus = ndctl_bus_get_next(bus))
struct ndctl_ctx *ndctl_bus_get_ctx(struct ndctl_bus *bus);
const char *ndctl_bus_get_devname(struct ndctl_bus *bus);
const char *ndctl_bus_get_provider(struct ndctl_bus *bus);
unsigned int ndctl_bus_get_id(struct ndctl_bus *bus);

/* dimm */
struct ndctl_dimm *ndctl_dimm_get_first(struct ndctl_bus *bus);
struct ndctl_dimm *ndctl_dimm_get_next(struct ndctl_dimm *dimm);
#define ndctl_dimm_foreach(bus, dimm) \
	for (dimm = ndctl_dimm_get_first(bus); dimm; dimm = ndctl_dimm_get_next(dimm))
struct ndctl_bus *ndctl_dimm_get_bus(struct ndctl_dimm *dimm);
struct ndctl_ctx *ndctl_dimm_get_ctx(struct ndctl_dimm *dimm);
const char *ndctl_dimm_get_devname(struct ndctl_dimm *dimm);
unsigned int ndctl_dimm_get_id(struct ndctl_dimm *dimm);
/* nfit "id": "vendor-serial" style unique id, "" when absent. */
const char *ndctl_dimm_get_unique_id(struct ndctl_dimm *dimm);
unsigned int ndctl_dimm_get_handle(struct ndctl_dimm *dimm);
unsigned short ndctl_dimm_get_phys_id(struct ndctl_dimm *dimm);
bool ndctl_dimm_is_enabled(struct ndctl_dimm *dimm);
/* Free namespace label slots in its label area. */
unsigned int ndctl_dimm_get_available_slots(struct ndctl_dimm *dimm);
/* Active: some enabled region uses it (nmemN/state). */
bool ndctl_dimm_is_active(struct ndctl_dimm *dimm);
int ndctl_dimm_enable(struct ndctl_dimm *dimm);
int ndctl_dimm_disable(struct ndctl_dimm *dimm);

/* region */
struct ndctl_region *ndctl_region_get_first(struct ndctl_bus *bus);
struct ndctl_region *ndctl_region_get_next(struct ndctl_region *region);
#define ndctl_region_foreach(bus, region) \
	for (region = ndctl_region_get_first(bus); region; \
	     region = ndctl_region_get_next(region))
struct ndctl_bus *ndctl_region_get_bus(struct ndctl_region *region);
struct ndctl_ctx *ndctl_region_get_ctx(struct ndctl_region *region);
const char *ndctl_region_get_devname(struct ndctl_region *region);
unsigned int ndctl_region_get_id(struct ndctl_region *region);
unsigned long long ndctl_region_get_size(struct ndctl_region *region);
unsigned long long ndctl_region_get_resource(struct ndctl_region *region);
unsigned long long ndctl_region_get_align(struct ndctl_region *region);
unsigned long long ndctl_region_get_available_size(struct ndctl_region *region);
unsigned long long ndctl_region_get_max_available_extent(struct ndctl_region *region);
unsigned int ndctl_region_get_nstype(struct ndctl_region *region);
const char *ndctl_region_get_type_name(struct ndctl_region *region);
unsigned int ndctl_region_get_mappings(struct ndctl_region *region);
unsigned int ndctl_region_get_interleave_ways(struct ndctl_region *region);
/* Interleave-set cookie; 0 when the region has none (label-less). */
unsigned long long ndctl_region_get_iset_cookie(struct ndctl_region *region);
int ndctl_region_get_numa_node(struct ndctl_region *region);
int ndctl_region_get_target_node(struct ndctl_region *region);
const char *ndctl_region_get_persistence_domain_name(struct ndctl_region *region);
bool ndctl_region_is_enabled(struct ndctl_region *region);
bool ndctl_region_is_labeled(struct ndctl_region *region);
int ndctl_region_enable(struct ndctl_region *region);
/* Disables the region's namespaces safely first; refuses if one is in use. */
int ndctl_region_disable_safe(struct ndctl_region *region);
struct ndctl_namespace *ndctl_region_get_namespace_seed(struct ndctl_region *region);
struct ndctl_pfn *ndctl_region_get_pfn_seed(struct ndctl_region *region);
struct ndctl_dax *ndctl_region_get_dax_seed(struct ndctl_region *region);
struct ndctl_btt *ndctl_region_get_btt_seed(struct ndctl_region *region);

/* mapping: one DIMM extent of a region */
struct ndctl_mapping *ndctl_mapping_get_first(struct ndctl_region *region);
struct ndctl_mapping *ndctl_mapping_get_next(struct ndctl_mapping *mapping);
#define ndctl_mapping_foreach(region, mapping) \
	for (mapping = ndctl_mapping_get_first(region); mapping; \
	     mapping = ndctl_mapping_get_next(mapping))
struct ndctl_dimm *ndctl_mapping_get_dimm(struct ndctl_mapping *mapping);
struct ndctl_region *ndctl_mapping_get_region(struct ndctl_mapping *mapping);
unsigned long long ndctl_mapping_get_offset(struct ndctl_mapping *mapping);
unsigned long long ndctl_mapping_get_length(struct ndctl_mapping *mapping);
int ndctl_mapping_get_position(struct ndctl_mapping *mapping);

/* namespace */
struct ndctl_namespace *ndctl_namespace_get_first(struct ndctl_region *region);
struct ndctl_namespace *ndctl_namespace_get_next(struct ndctl_namespace *ndns);
#define ndctl_namespace_foreach(region, ndns) \
	for (ndns = ndctl_namespace_get_first(region); ndns; \
	     ndns = ndctl_namespace_get_next(ndns))
struct ndctl_region *ndctl_namespace_get_region(struct ndctl_namespace *ndns);
struct ndctl_ctx *ndctl_namespace_get_ctx(struct ndctl_namespace *ndns);
const char *ndctl_namespace_get_devname(struct ndctl_namespace *ndns);
unsigned int ndctl_namespace_get_id(struct ndctl_namespace *ndns);
unsigned long long ndctl_namespace_get_size(struct ndctl_namespace *ndns);
void ndctl_namespace_get_uuid(struct ndctl_namespace *ndns, uuid_t uu);
/* Name into buf (at least 64 bytes); "" when unnamed. */
const char *ndctl_namespace_get_alt_name(struct ndctl_namespace *ndns, char *buf);
unsigned int ndctl_namespace_get_sector_size(struct ndctl_namespace *ndns);
int ndctl_namespace_get_numa_node(struct ndctl_namespace *ndns);
int ndctl_namespace_get_target_node(struct ndctl_namespace *ndns);
enum ndctl_namespace_mode ndctl_namespace_get_mode(struct ndctl_namespace *ndns);
const char *ndctl_namespace_mode_name(enum ndctl_namespace_mode mode);
/* Enabled: the namespace or its personality (pfn/dax/btt) has a driver. */
bool ndctl_namespace_is_enabled(struct ndctl_namespace *ndns);
/* Configured: non-zero size (seeds and deleted namespaces are not). */
bool ndctl_namespace_is_configured(struct ndctl_namespace *ndns);
struct ndctl_pfn *ndctl_namespace_get_pfn(struct ndctl_namespace *ndns);
struct ndctl_dax *ndctl_namespace_get_dax(struct ndctl_namespace *ndns);
struct ndctl_btt *ndctl_namespace_get_btt(struct ndctl_namespace *ndns);
/* "pmem0" for a raw namespace, else "" (see pfn/btt for theirs). */
const char *ndctl_namespace_get_block_device(struct ndctl_namespace *ndns);
bool ndctl_namespace_has_uuid(struct ndctl_namespace *ndns);
int ndctl_namespace_set_uuid(struct ndctl_namespace *ndns, const uuid_t uu);
int ndctl_namespace_set_alt_name(struct ndctl_namespace *ndns, const char *name);
int ndctl_namespace_set_size(struct ndctl_namespace *ndns, unsigned long long size);
int ndctl_namespace_set_sector_size(struct ndctl_namespace *ndns, unsigned int sz);
/* holder_class: "pfn", "dax", "btt" or "" */
int ndctl_namespace_set_holder_class(struct ndctl_namespace *ndns, const char *cls);
int ndctl_namespace_enable(struct ndctl_namespace *ndns);
/*
 * Refuses (-EBUSY, logged with the culprit) if its block device is mounted
 * or its dax device is onlined as system RAM; then unbinds the personality
 * and the namespace.
 */
int ndctl_namespace_disable_safe(struct ndctl_namespace *ndns);
/*
 * Zero the head of an idle, unclaimed namespace (where pfn/dax/btt info
 * blocks live) so the kernel does not find an old personality again.
 */
int ndctl_namespace_clear_info_block(struct ndctl_namespace *ndns);
/* Read the first len bytes of a disabled namespace (bound raw meanwhile). */
int ndctl_namespace_read_head(struct ndctl_namespace *ndns, void *buf, size_t len);
/* Disable safely, detach the personality, size 0 (the kernel drops labels). */
int ndctl_namespace_delete(struct ndctl_namespace *ndns);

/* pfn (fsdax personality) */
struct ndctl_pfn *ndctl_pfn_get_first(struct ndctl_region *region);
struct ndctl_pfn *ndctl_pfn_get_next(struct ndctl_pfn *pfn);
const char *ndctl_pfn_get_devname(struct ndctl_pfn *pfn);
struct ndctl_namespace *ndctl_pfn_get_namespace(struct ndctl_pfn *pfn);
void ndctl_pfn_get_uuid(struct ndctl_pfn *pfn, uuid_t uu);
unsigned long ndctl_pfn_get_align(struct ndctl_pfn *pfn);
unsigned long long ndctl_pfn_get_size(struct ndctl_pfn *pfn);
enum ndctl_pfn_loc ndctl_pfn_get_location(struct ndctl_pfn *pfn);
bool ndctl_pfn_is_enabled(struct ndctl_pfn *pfn);
const char *ndctl_pfn_get_block_device(struct ndctl_pfn *pfn);
/* Space separated list as sysfs shows it ("4096 2097152 1073741824"); buf: 1024 bytes. */
const char *ndctl_pfn_get_supported_alignments(struct ndctl_pfn *pfn, char *buf);
int ndctl_pfn_set_uuid(struct ndctl_pfn *pfn, const uuid_t uu);
int ndctl_pfn_set_location(struct ndctl_pfn *pfn, enum ndctl_pfn_loc loc);
int ndctl_pfn_set_align(struct ndctl_pfn *pfn, unsigned long align);
int ndctl_pfn_set_namespace(struct ndctl_pfn *pfn, struct ndctl_namespace *ndns);
int ndctl_pfn_enable(struct ndctl_pfn *pfn);

/* dax (devdax personality) */
struct ndctl_dax *ndctl_dax_get_first(struct ndctl_region *region);
struct ndctl_dax *ndctl_dax_get_next(struct ndctl_dax *dax);
const char *ndctl_dax_get_devname(struct ndctl_dax *dax);
struct ndctl_namespace *ndctl_dax_get_namespace(struct ndctl_dax *dax);
void ndctl_dax_get_uuid(struct ndctl_dax *dax, uuid_t uu);
unsigned long ndctl_dax_get_align(struct ndctl_dax *dax);
unsigned long long ndctl_dax_get_size(struct ndctl_dax *dax);
enum ndctl_pfn_loc ndctl_dax_get_location(struct ndctl_dax *dax);
bool ndctl_dax_is_enabled(struct ndctl_dax *dax);
/* The character device ("dax0.1"), "" while disabled. */
const char *ndctl_dax_get_chardev(struct ndctl_dax *dax);
/* Its chardev is bound to kmem: the memory is onlined as system RAM. The
 * dax region and its devices are libdaxctl's (daxctl_region_get_by_path). */
bool ndctl_dax_is_system_ram(struct ndctl_dax *dax);
const char *ndctl_dax_get_supported_alignments(struct ndctl_dax *dax, char *buf);
int ndctl_dax_set_uuid(struct ndctl_dax *dax, const uuid_t uu);
int ndctl_dax_set_location(struct ndctl_dax *dax, enum ndctl_pfn_loc loc);
int ndctl_dax_set_align(struct ndctl_dax *dax, unsigned long align);
int ndctl_dax_set_namespace(struct ndctl_dax *dax, struct ndctl_namespace *ndns);
int ndctl_dax_enable(struct ndctl_dax *dax);

/* btt (sector personality) */
struct ndctl_btt *ndctl_btt_get_first(struct ndctl_region *region);
struct ndctl_btt *ndctl_btt_get_next(struct ndctl_btt *btt);
const char *ndctl_btt_get_devname(struct ndctl_btt *btt);
struct ndctl_namespace *ndctl_btt_get_namespace(struct ndctl_btt *btt);
void ndctl_btt_get_uuid(struct ndctl_btt *btt, uuid_t uu);
unsigned int ndctl_btt_get_sector_size(struct ndctl_btt *btt);
unsigned long long ndctl_btt_get_size(struct ndctl_btt *btt);
bool ndctl_btt_is_enabled(struct ndctl_btt *btt);
const char *ndctl_btt_get_block_device(struct ndctl_btt *btt);
/* The sector_size attribute as is: "512 520 [4096] ..."; buf: 1024 bytes. */
const char *ndctl_btt_get_supported_sector_sizes(struct ndctl_btt *btt, char *buf);
int ndctl_btt_set_uuid(struct ndctl_btt *btt, const uuid_t uu);
int ndctl_btt_set_sector_size(struct ndctl_btt *btt, unsigned int sector_size);
int ndctl_btt_set_namespace(struct ndctl_btt *btt, struct ndctl_namespace *ndns);
int ndctl_btt_enable(struct ndctl_btt *btt);

#ifdef __cplusplus
}
#endif
#endif
