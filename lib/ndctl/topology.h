/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDKIT_NDCTL_TOPOLOGY_H
#define NDKIT_NDCTL_TOPOLOGY_H
/*
 * Buses, DIMMs, regions, namespaces and their personalities over sysfs
 * (topology/). Names, prototypes and iteration order follow upstream libndctl.
 *
 * Conventions, unless a declaration says otherwise:
 * - Objects are owned by the context: never free them; they stay valid until
 *   ndctl_invalidate() or the last ndctl_unref(). get_first/get_next return
 *   NULL at the end (or when the sysfs tree cannot be read; see the log).
 * - Getters read sysfs when called and do not fail: an absent attribute reads
 *   as 0, "", -1 (nodes) or the "unknown" value; upstream's fallible getters
 *   (*_get_resource) return ULLONG_MAX.
 * - Returned strings: names (get_devname) are owned by the object; the others
 *   (provider, block devices, chardev) live in a per-thread buffer valid until
 *   the same function is called again in that thread. Functions taking a buf
 *   write into the caller's buffer (size given) and return it.
 * - Actions (enable, disable, set_*) return 0 or a negative errno and log the
 *   reason through the context's log callback.
 * - One context must not be used by two threads at once.
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
struct ndctl_cmd;
struct ndctl_interleave_set;
struct daxctl_region;

/*
 * One bad range in 512-byte sectors, as the kernel's badblocks lists give it.
 * Returned by the *_badblock iterators: owned by the object iterated, valid
 * until the next call on it (not thread-safe per object).
 */
struct badblock {
	unsigned long long offset;
	unsigned int len;
};

/* An ARS range (ndctl_cmd_ars_cap_get_range). */
struct ndctl_range {
	unsigned long long address;
	unsigned long long length;
};

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
 * Drop every cached object (all pointers become invalid): call after the
 * kernel topology changed. Objects also keep the attribute values they read
 * until this context writes to sysfs (a region's available_size and
 * max_available_extent excepted: those are read at each call), so another
 * process's changes show after this.
 */
void ndctl_invalidate(struct ndctl_ctx *ctx);

/* Buses, in upstream's order; provider is a per-thread string ("ACPI.NFIT"). */
struct ndctl_bus *ndctl_bus_get_first(struct ndctl_ctx *ctx);
struct ndctl_bus *ndctl_bus_get_next(struct ndctl_bus *bus);
#define ndctl_bus_foreach(ctx, bus) \
	for (bus = ndctl_bus_get_first(ctx); bus; bus = ndctl_bus_get_next(bus))
struct ndctl_ctx *ndctl_bus_get_ctx(struct ndctl_bus *bus);
const char *ndctl_bus_get_devname(struct ndctl_bus *bus);
const char *ndctl_bus_get_provider(struct ndctl_bus *bus);
unsigned int ndctl_bus_get_id(struct ndctl_bus *bus);
/* The first bus whose provider is that string ("ACPI.NFIT"), NULL if none. */
struct ndctl_bus *ndctl_bus_get_by_provider(struct ndctl_ctx *ctx, const char *provider);
/* 1 when the bus lists cmd (ND_CMD_ARS_CAP, ... from linux/ndctl.h), else 0. */
int ndctl_bus_is_cmd_supported(struct ndctl_bus *bus, int cmd);

/*
 * Bus commands (address range scrub capabilities, clear error), with
 * upstream's contract: a command the bus does not support cannot be made
 * (NULL), so on QEMU, whose NFIT offers none of them, the constructors return
 * NULL and callers take their fallback path. Commands are reference counted;
 * the constructor's reference is dropped with ndctl_cmd_unref (NULL is ignored).
 */
struct ndctl_cmd *ndctl_bus_cmd_new_ars_cap(struct ndctl_bus *bus,
		unsigned long long address, unsigned long long len);
/* 0 and the range of a completed ars_cap; -EINVAL before a successful submit. */
int ndctl_cmd_ars_cap_get_range(struct ndctl_cmd *ars_cap, struct ndctl_range *range);
/* NULL unless ars_cap completed and [address, +len) is inside it and aligned. */
struct ndctl_cmd *ndctl_bus_cmd_new_clear_error(unsigned long long address,
		unsigned long long len, struct ndctl_cmd *ars_cap);
/* Bytes the firmware cleared; 0 before a successful submit. */
unsigned long long ndctl_cmd_clear_error_get_cleared(struct ndctl_cmd *clear_err);
/*
 * Run the command (ioctl on /dev/ndctlN): 0 or the kernel's positive status
 * on success, a negative errno (-ENOTTY, -ENXIO ...) otherwise; -EINVAL for NULL.
 */
int ndctl_cmd_submit(struct ndctl_cmd *cmd);
void ndctl_cmd_ref(struct ndctl_cmd *cmd);
void ndctl_cmd_unref(struct ndctl_cmd *cmd);

/* DIMMs (nmemN) of a bus; is_enabled: bound to its driver. */
struct ndctl_dimm *ndctl_dimm_get_first(struct ndctl_bus *bus);
struct ndctl_dimm *ndctl_dimm_get_next(struct ndctl_dimm *dimm);
#define ndctl_dimm_foreach(bus, dimm) \
	for (dimm = ndctl_dimm_get_first(bus); dimm; dimm = ndctl_dimm_get_next(dimm))
struct ndctl_bus *ndctl_dimm_get_bus(struct ndctl_dimm *dimm);
struct ndctl_ctx *ndctl_dimm_get_ctx(struct ndctl_dimm *dimm);
const char *ndctl_dimm_get_devname(struct ndctl_dimm *dimm);
unsigned int ndctl_dimm_get_id(struct ndctl_dimm *dimm);
/* nfit "id" ("vendor-serial"), owned by the DIMM, "" when absent (upstream: NULL). */
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
/* Unsafe shutdown count (nfit/dirty_shutdown); -ENOENT when not reported. */
long long ndctl_dimm_get_dirty_shutdown(struct ndctl_dimm *dimm);

/*
 * A DIMM's label area (see ndctl/lsa.h). lsa_open opens /dev/nmemN through
 * the DSM transport; with NDCTL_LSA_WRITABLE it first refuses a DIMM that an
 * enabled region uses (-EBUSY, check_idle). The transport is made from the
 * DIMM's context: on failure *out is NULL and the reason (with the fix) went
 * to the context's log, once; the transport's later I/O errors are logged
 * there too. Close it with ndctl_lsa_xport_close.
 * After writing, revalidate_labels rebinds the DIMM so the kernel rereads
 * the area (0 if it is not bound). read_labels loads the area (ndctl_lsa_load
 * flags; free *out with ndctl_lsa_free); init_labels writes empty index
 * blocks of labelsize 128 (v1.1) or 256 (v1.2) on an idle DIMM, then
 * revalidates. All return 0 or a negative errno.
 */
int ndctl_dimm_lsa_open(struct ndctl_dimm *dimm, unsigned flags, struct ndctl_lsa_xport **out);
int ndctl_dimm_check_idle(struct ndctl_dimm *dimm);
int ndctl_dimm_revalidate_labels(struct ndctl_dimm *dimm);
int ndctl_dimm_read_labels(struct ndctl_dimm *dimm, unsigned load_flags, struct ndctl_lsa **out);
int ndctl_dimm_init_labels(struct ndctl_dimm *dimm, unsigned labelsize);

/* Regions of a bus. Sizes in bytes; nstype is ND_DEVICE_NAMESPACE_*. */
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
/* Physical start address; ULLONG_MAX when unreadable (it is root-only). */
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
/* The DIMMs the region maps, in the bus's DIMM order. */
struct ndctl_dimm *ndctl_region_get_first_dimm(struct ndctl_region *region);
struct ndctl_dimm *ndctl_region_get_next_dimm(struct ndctl_region *region,
		struct ndctl_dimm *dimm);
#define ndctl_dimm_foreach_in_region(region, dimm) \
	for (dimm = ndctl_region_get_first_dimm(region); dimm; \
	     dimm = ndctl_region_get_next_dimm(region, dimm))
/*
 * The region's "badblocks" list: offsets in sectors from the region start,
 * read afresh by get_first. NULL at the end, or when the list is unreadable.
 */
struct badblock *ndctl_region_get_first_badblock(struct ndctl_region *region);
struct badblock *ndctl_region_get_next_badblock(struct ndctl_region *region);
#define ndctl_region_badblock_foreach(region, badblock) \
	for (badblock = ndctl_region_get_first_badblock(region); badblock; \
	     badblock = ndctl_region_get_next_badblock(region))

/*
 * Interleave sets: one per region with an interleave-set cookie, owned by
 * the region (NULL: the region has none). get_first/get_next walk a bus's
 * sets in region order; the DIMMs are the region's (ndctl_dimm_foreach_in_region);
 * get_cookie is the raw set_cookie; is_active: 1 if one of its DIMMs is active.
 */
struct ndctl_interleave_set *ndctl_region_get_interleave_set(struct ndctl_region *region);
struct ndctl_interleave_set *ndctl_interleave_set_get_first(struct ndctl_bus *bus);
struct ndctl_interleave_set *ndctl_interleave_set_get_next(struct ndctl_interleave_set *iset);
#define ndctl_interleave_set_foreach(bus, iset) \
	for (iset = ndctl_interleave_set_get_first(bus); iset; \
	     iset = ndctl_interleave_set_get_next(iset))
struct ndctl_region *ndctl_interleave_set_get_region(struct ndctl_interleave_set *iset);
unsigned long long ndctl_interleave_set_get_cookie(struct ndctl_interleave_set *iset);
int ndctl_interleave_set_is_active(struct ndctl_interleave_set *iset);
struct ndctl_dimm *ndctl_interleave_set_get_first_dimm(struct ndctl_interleave_set *iset);
struct ndctl_dimm *ndctl_interleave_set_get_next_dimm(struct ndctl_interleave_set *iset,
		struct ndctl_dimm *dimm);
#define ndctl_dimm_foreach_in_interleave_set(iset, dimm) \
	for (dimm = ndctl_interleave_set_get_first_dimm(iset); dimm; \
	     dimm = ndctl_interleave_set_get_next_dimm(iset, dimm))

/* Mappings: one DIMM extent of a region (offset, length in bytes; position -1 if unknown). */
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

/*
 * Namespaces of a region (seeds included: is_configured tells). Sizes in
 * bytes; get_uuid writes a zero uuid when the namespace has none.
 */
struct ndctl_namespace *ndctl_namespace_get_first(struct ndctl_region *region);
struct ndctl_namespace *ndctl_namespace_get_next(struct ndctl_namespace *ndns);
#define ndctl_namespace_foreach(region, ndns) \
	for (ndns = ndctl_namespace_get_first(region); ndns; \
	     ndns = ndctl_namespace_get_next(ndns))
struct ndctl_region *ndctl_namespace_get_region(struct ndctl_namespace *ndns);
struct ndctl_ctx *ndctl_namespace_get_ctx(struct ndctl_namespace *ndns);
struct ndctl_bus *ndctl_namespace_get_bus(struct ndctl_namespace *ndns);
const char *ndctl_namespace_get_devname(struct ndctl_namespace *ndns);
unsigned int ndctl_namespace_get_id(struct ndctl_namespace *ndns);
unsigned long long ndctl_namespace_get_size(struct ndctl_namespace *ndns);
void ndctl_namespace_get_uuid(struct ndctl_namespace *ndns, uuid_t uu);
/*
 * The name ("" when unnamed), re-read at each call into storage owned by the
 * namespace: valid until the next call for it.
 */
const char *ndctl_namespace_get_alt_name(struct ndctl_namespace *ndns);
/* Physical start address; ULLONG_MAX when unreadable (root-only). */
unsigned long long ndctl_namespace_get_resource(struct ndctl_namespace *ndns);
/*
 * The block device's "badblocks" list (fsdax and raw namespaces; NULL for
 * sector and devdax, as upstream): offsets in sectors from the data start.
 */
struct badblock *ndctl_namespace_get_first_badblock(struct ndctl_namespace *ndns);
struct badblock *ndctl_namespace_get_next_badblock(struct ndctl_namespace *ndns);
#define ndctl_namespace_badblock_foreach(ndns, badblock) \
	for (badblock = ndctl_namespace_get_first_badblock(ndns); badblock; \
	     badblock = ndctl_namespace_get_next_badblock(ndns))
/* The current logical sector size; 0 without sizes, UINT_MAX when none is chosen yet. */
unsigned int ndctl_namespace_get_sector_size(struct ndctl_namespace *ndns);
/**
 * ndctl_namespace_get_num_sector_sizes - how many logical sector sizes the
 * namespace offers (its "sector_size" attribute lists them)
 * @ndns: a namespace
 *
 * Return: the count, 0 for a namespace without sector sizes (label-less).
 * Since: ndkit 0.2 (LIBNDCTL_2), upstream's prototype.
 */
int ndctl_namespace_get_num_sector_sizes(struct ndctl_namespace *ndns);
/**
 * ndctl_namespace_get_supported_sector_size - the i-th offered sector size
 * @ndns: a namespace
 * @i: 0 .. ndctl_namespace_get_num_sector_sizes() - 1
 *
 * Return: the size in bytes; 0 when the namespace offers none; UINT_MAX with
 * errno EINVAL when @i is out of range.
 * Since: ndkit 0.2 (LIBNDCTL_2), upstream's prototype.
 */
unsigned int ndctl_namespace_get_supported_sector_size(struct ndctl_namespace *ndns, int i);
int ndctl_namespace_get_numa_node(struct ndctl_namespace *ndns);
int ndctl_namespace_get_target_node(struct ndctl_namespace *ndns);
/*
 * What the kernel's "mode" attribute says (memory, safe, dax or raw). On an
 * NFIT bus it follows from the claiming pfn, btt or dax device, the kernel's
 * own rule, with no read of the attribute.
 */
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
/*
 * Binds the namespace, as upstream: 0 once it is enabled, raw or through the
 * personality the info block on its media makes the kernel create (upstream
 * returns 1 for the latter). Fails at once with -ENXIO when the kernel
 * refuses: an idle namespace (size 0), one claimed by a personality that is
 * not enabled.
 */
int ndctl_namespace_enable(struct ndctl_namespace *ndns);
/*
 * Refuses (-EBUSY, logged with the culprit) if its block device is mounted
 * or held open exclusively, or its dax device is onlined as system RAM.
 * Then, as upstream's (ndctl_namespace_disable_invalidate): deletes the
 * personality (unbinds it and releases its claim) and unbinds the
 * namespace, which is raw with its size again; the info block stays on the
 * media, so ndctl_namespace_enable() brings the personality back.
 */
int ndctl_namespace_disable_safe(struct ndctl_namespace *ndns);
/*
 * Zero the head of a disabled, unclaimed namespace (where pfn/dax/btt info
 * blocks live) so the kernel does not find an old personality again. One
 * the kernel will not bind raw is left as it is (0), as upstream leaves it.
 */
int ndctl_namespace_clear_info_block(struct ndctl_namespace *ndns);
/*
 * Read the first len bytes of a disabled namespace (bound raw meanwhile); a
 * personality claiming it is detached for the read, then claims it again,
 * still disabled. -EBUSY if enabled, -ENXIO if idle (size 0).
 */
int ndctl_namespace_read_head(struct ndctl_namespace *ndns, void *buf, size_t len);
/*
 * Write the first len bytes of a disabled namespace (bound raw meanwhile),
 * detaching its personality first; the namespace stays disabled. The kernel
 * may delete the detached personality: ndctl_invalidate() when done. -EBUSY
 * if enabled, -ENXIO if idle (size 0).
 */
int ndctl_namespace_write_head(struct ndctl_namespace *ndns, const void *buf, size_t len);
/*
 * Disable safely (the personality goes), clear the info block unless the
 * kernel bound the namespace raw itself, size 0 (the kernel drops labels).
 */
int ndctl_namespace_delete(struct ndctl_namespace *ndns);

/* pfn devices (the fsdax personality); get_namespace: the claimed one, or NULL. */
struct ndctl_pfn *ndctl_pfn_get_first(struct ndctl_region *region);
struct ndctl_pfn *ndctl_pfn_get_next(struct ndctl_pfn *pfn);
#define ndctl_pfn_foreach(region, pfn) \
	for (pfn = ndctl_pfn_get_first(region); pfn; pfn = ndctl_pfn_get_next(pfn))
/* Physical start of the data (after the info block); ULLONG_MAX when unknown. */
unsigned long long ndctl_pfn_get_resource(struct ndctl_pfn *pfn);
const char *ndctl_pfn_get_devname(struct ndctl_pfn *pfn);
struct ndctl_ctx *ndctl_pfn_get_ctx(struct ndctl_pfn *pfn);
struct ndctl_region *ndctl_pfn_get_region(struct ndctl_pfn *pfn);
struct ndctl_bus *ndctl_pfn_get_bus(struct ndctl_pfn *pfn);
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

/* dax devices (the devdax personality); get_namespace: the claimed one, or NULL. */
struct ndctl_dax *ndctl_dax_get_first(struct ndctl_region *region);
struct ndctl_dax *ndctl_dax_get_next(struct ndctl_dax *dax);
#define ndctl_dax_foreach(region, dax) \
	for (dax = ndctl_dax_get_first(region); dax; dax = ndctl_dax_get_next(dax))
/* Physical start of the data (after the info block); ULLONG_MAX when unknown. */
unsigned long long ndctl_dax_get_resource(struct ndctl_dax *dax);
/*
 * libdaxctl's region for this device (walk its daxctl devices with
 * daxctl_dev_foreach). Owned by the context's libdaxctl context
 * (ndctl_get_daxctl_ctx); NULL while the device is disabled.
 */
struct daxctl_region *ndctl_dax_get_daxctl_region(struct ndctl_dax *dax);
const char *ndctl_dax_get_devname(struct ndctl_dax *dax);
struct ndctl_ctx *ndctl_dax_get_ctx(struct ndctl_dax *dax);
struct ndctl_region *ndctl_dax_get_region(struct ndctl_dax *dax);
struct ndctl_bus *ndctl_dax_get_bus(struct ndctl_dax *dax);
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

/* btt devices (the sector personality); get_namespace: the claimed one, or NULL. */
struct ndctl_btt *ndctl_btt_get_first(struct ndctl_region *region);
struct ndctl_btt *ndctl_btt_get_next(struct ndctl_btt *btt);
#define ndctl_btt_foreach(region, btt) \
	for (btt = ndctl_btt_get_first(region); btt; btt = ndctl_btt_get_next(btt))
const char *ndctl_btt_get_devname(struct ndctl_btt *btt);
struct ndctl_ctx *ndctl_btt_get_ctx(struct ndctl_btt *btt);
struct ndctl_region *ndctl_btt_get_region(struct ndctl_btt *btt);
struct ndctl_bus *ndctl_btt_get_bus(struct ndctl_btt *btt);
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
