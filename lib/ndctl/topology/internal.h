/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDKIT_TOPOLOGY_INTERNAL_H
#define NDKIT_TOPOLOGY_INTERNAL_H
#include <stdbool.h>
#include <limits.h>
#include <stdint.h>
#include "../private.h"
#include "util/sysfs.h"

/* The list behind ndctl_*_get_first/next_badblock, read by get_first. */
struct nd_badblocks {
	struct badblock *list;
	size_t count, cap, pos;
	bool read;		/* list holds what was read in attribute generation gen */
	unsigned int gen;
};

/* A value read (or a fact found) once; one allocation: the value follows the name. */
struct nd_attr {
	struct nd_attr *next;
	int rc;			/* a failed read (absent attribute) is kept too */
	char *value;
	char name[];
};

#define ND_DIRFD_RING 64	/* directory descriptors kept open (attr-cache.c) */
#define ND_CLOSE_BATCH 32	/* attribute descriptors whose close waits (attr-cache.c) */

/* The topology's attribute cache: what attr-cache.c keeps beyond each nd_dev. */
struct nd_attr_cache {
	unsigned int gen;	/* moves on at each sysfs write: see struct nd_dev */
	/* the nd devices holding a directory descriptor open, oldest at dirfd_next */
	struct nd_dev *dirfd_ring[ND_DIRFD_RING];
	unsigned int dirfd_next;
	/* attributes read and not closed yet: closed together */
	int close_batch[ND_CLOSE_BATCH];
	unsigned int close_n;
};

/*
 * What every object on the nd bus has: a name, its sysfs directory, and the
 * attributes read so far. They are kept until the context writes to sysfs
 * (the cache's gen moves on) or the topology is rebuilt (ndctl_invalidate), so
 * a command reads each attribute at most once per object, like upstream's
 * snapshot of each object at add time.
 */
struct nd_dev {
	struct ndctl_ctx *ctx;
	struct nd_attr_cache *cache;	/* its topology's */
	char *name;		/* "region0" */
	char *path;		/* ROOT/sys/bus/nd/devices/region0 */
	struct nd_attr *attrs;
	unsigned int attr_gen;	/* the cache->gen the attrs were read in */
	int dirfd;		/* O_PATH descriptor of path, or -1 */
	int dirfd_slot;		/* its place in cache->dirfd_ring */
	/* a region child's region: its attributes open as "NAME/ATTR" there */
	struct nd_dev *parent;
	int children_inside;	/* as a parent: -1 not known, 0 no, 1 yes */
	struct nd_badblocks badblocks;
};

struct nd_disks;

struct ndctl_topology {
	struct ndctl_bus *buses;
	struct nd_disks *disks;	/* ROOT/sys/block, read on first use: disks.c */
	struct nd_attr_cache attrs;	/* every object's attributes are read through it */
};

struct ndctl_bus {
	struct nd_dev dev;
	unsigned int id;
	struct ndctl_dimm *dimms;
	struct ndctl_region *regions;
	struct ndctl_bus *next;
};

struct ndctl_dimm {
	struct nd_dev dev;
	struct ndctl_bus *bus;
	unsigned int id;
	char unique_id[64];
	struct ndctl_dimm *next;
};

struct ndctl_mapping {
	struct ndctl_region *region;
	struct ndctl_dimm *dimm;
	unsigned long long offset, length;
	int position;
	struct ndctl_mapping *next;
};

/* pfn, dax and btt devices: a region child that claims a namespace. */
struct nd_persona {
	struct nd_dev dev;
	struct ndctl_region *region;
	unsigned int id;
};

struct ndctl_pfn { struct nd_persona p; struct ndctl_pfn *next; };
struct ndctl_dax { struct nd_persona p; struct ndctl_dax *next; };
struct ndctl_btt { struct nd_persona p; struct ndctl_btt *next; };

/* An injected error as whole 512-byte blocks of a namespace (inject.c). */
struct ndctl_bb {
	unsigned long long block, count;
};

/* A region's interleave set: its DIMMs and cookie (upstream's object). */
struct ndctl_interleave_set {
	struct ndctl_region *region;
};

struct ndctl_region {
	struct nd_dev dev;
	struct ndctl_interleave_set iset;
	struct ndctl_bus *bus;
	unsigned int id;
	struct ndctl_mapping *mappings;
	struct ndctl_namespace *namespaces;
	struct ndctl_pfn *pfns;
	struct ndctl_dax *daxs;
	struct ndctl_btt *btts;
	/* each namespace's claim (below) holds for this attribute cache gen */
	bool claims_known;
	unsigned int claims_gen;
	struct ndctl_region *next;
};

struct ndctl_namespace {
	struct nd_dev dev;
	struct ndctl_region *region;
	unsigned int id;
	/* the personality claiming it, if any: see region_resolve_claims() */
	struct ndctl_pfn *pfn;
	struct ndctl_dax *dax;
	struct ndctl_btt *btt;
	char alt_name[64];	/* ndctl_namespace_get_alt_name's answer */
	char disk[32];		/* the name the kernel gives its disk: see namespace_bound() */
	/* the injected errors ndctl_namespace_injection_status() found: inject.c */
	struct ndctl_bb *injected;
	size_t n_injected;
	struct ndctl_namespace *next;
};

/* dimm.c: a security state's name as sysfs and upstream's JSON spell it; NULL for INVALID */
const char *dimm_security_name(enum ndctl_security_state state);

/* badblocks.c */
void nd_badblocks_release(struct nd_badblocks *bb);
struct badblock *nd_region_first_badblock_cached(struct ndctl_region *region);

/* topology.c */
struct ndctl_topology *topology_get(struct ndctl_ctx *ctx);
struct ndctl_dimm *topology_find_dimm(struct ndctl_bus *bus, const char *name);

/* attr-cache.c: reading and writing sysfs attributes through the topology's cache */
int nd_dev_read(struct nd_dev *dev, const char *attr, char *buf);
/* Past the cache: for polling a value the kernel changes on its own. */
int nd_dev_read_fresh(struct nd_dev *dev, const char *attr, char *buf);
int nd_dev_write(struct nd_dev *dev, const char *attr, const char *value);
/* After any write the kernel may have changed any attribute of any object. */
void nd_attrs_stale(struct nd_attr_cache *cache);
/* Where to open attr: *dirfd and a name in it, or AT_FDCWD and the full path. */
int nd_attr_at(struct nd_dev *dev, const char *attr, int *dirfd, char *path, size_t len);
/* Facts kept beside the attributes under keys no attribute has (with parentheses). */
struct nd_attr *nd_attr_find(struct nd_dev *dev, const char *key);
void nd_attr_remember(struct nd_dev *dev, const char *key, const char *value, int rc);
void nd_attr_forget(struct nd_dev *dev, const char *key);
/* A device's descriptor and values; the topology's end: the closes still waiting. */
void nd_dev_attrs_release(struct nd_dev *dev);
void nd_attr_cache_release(struct nd_attr_cache *cache);

/* device.c: one device's life, typed attributes, driver link and children */
int nd_dev_init(struct nd_dev *dev, struct ndctl_ctx *ctx, struct nd_attr_cache *cache,
		const char *name);
/* calloc an object whose first member is its struct nd_dev, named name. */
void *nd_obj_new(size_t size, struct ndctl_ctx *ctx, struct nd_attr_cache *cache,
		const char *name);
/* The same for an object under parent: its context and its cache. */
void *nd_obj_under(size_t size, const struct nd_dev *parent, const char *name);
void nd_dev_release(struct nd_dev *dev);
unsigned long long nd_dev_u64(struct nd_dev *dev, const char *attr);
/* Upstream's getters that may fail: ULLONG_MAX when absent or unreadable. */
unsigned long long nd_dev_u64_or_max(struct nd_dev *dev, const char *attr);
int nd_dev_int(struct nd_dev *dev, const char *attr, int dflt);
void nd_dev_read_uuid(struct nd_dev *dev, uuid_t uu);
int nd_dev_write_uuid(struct nd_dev *dev, const uuid_t uu);
bool nd_dev_has_driver(struct nd_dev *dev);
/* The first entry of subdir (e.g. "block") whose name starts with prefix. */
int nd_dev_child(struct nd_dev *dev, const char *subdir, const char *prefix,
		char *out, size_t len);
/*
 * nd_dev_has_driver(), from the child it makes if bound, when named guess:
 * exists says whether subdir/guess is there (1, 0), or -1 to stat it.
 */
bool nd_dev_has_driver_child(struct nd_dev *dev, const char *subdir, const char *guess,
		int exists);
/* What nd_dev_has_driver() would say without a system call, or -1. */
int nd_dev_driver_cached(struct nd_dev *dev);
/* nd_dev_has_driver() past the cache: the kernel binds and unbinds on its own time. */
bool nd_dev_has_driver_fresh(struct nd_dev *dev);

/* disks.c */
void nd_disks_free(struct nd_disks *d);
/* 1: a block device of that name exists (ROOT/sys/block), 0: none does, -1: not known. */
int nd_disk_exists(struct ndctl_ctx *ctx, const char *name);

/* bind.c: each fails at once when the kernel took no bind write (its probe is in the write) */
int nd_dev_enable(struct nd_dev *dev);
/*
 * Bind dev, or let the personality its info block describes claim it and
 * bind: 0 once either is enabled, else -ENXIO (or the module load's error).
 */
int nd_dev_enable_or_claimed(struct nd_dev *dev);
/* Poll (bounded) until path exists: device nodes appear after a bind. */
int nd_wait_path(const char *path);
int nd_dev_disable(struct nd_dev *dev);

/* cmd.c: does dev's "commands" attribute list the command name (a whole word)? */
int nd_dev_lists_cmd(struct nd_dev *dev, const char *name);
/* cmd.c: ioctl req on ROOT/dev/node (ndctlN, nmemN): its result or a negative errno */
int nd_node_ioctl(struct ndctl_ctx *ctx, const char *node, unsigned long req, void *arg);

/* cmd.c: an NFIT bus DSM through ND_CMD_CALL, and where its payload starts */
struct ndctl_cmd *nd_bus_cmd_new_call(struct ndctl_bus *bus, unsigned int func,
		size_t in_size, size_t out_size);
void *nd_cmd_call_payload(struct ndctl_cmd *cmd);

/* The NFIT bus DSM functions (ACPI 6.2 9.20.7) error injection uses. */
enum {
	NFIT_CMD_ARS_INJECT_SET = 7,
	NFIT_CMD_ARS_INJECT_CLEAR = 8,
	NFIT_CMD_ARS_INJECT_GET = 9,
};

/* bus.c: does the bus's nfit/dsm_mask offer NFIT bus DSM func? */
bool nd_bus_has_nfit_dsm(struct ndctl_bus *bus, unsigned int func);

/* json-badblocks.c: "badblock_count" and, with NDCTL_JSON_MEDIA_ERRORS, "badblocks" */
struct json_object;
void nd_region_badblocks_json(struct json_object *j, struct ndctl_region *region,
		unsigned flags);
void nd_namespace_badblocks_json(struct json_object *j, struct ndctl_namespace *ndns,
		unsigned flags);

/* namespace.c */
int namespace_zero_info_block(struct ndctl_namespace *ndns);
/* Bind a disabled namespace raw and open its block device: an fd, or -errno. */
int namespace_raw_open(struct ndctl_namespace *ndns, int oflags);
void namespace_raw_close(struct ndctl_namespace *ndns, int fd);

/* pfn.c: what pfn, dax and btt devices share */
struct ndctl_namespace *persona_get_namespace(struct nd_persona *p);
int persona_set_namespace(struct nd_persona *p, struct ndctl_namespace *ndns);
const char *persona_block_device(struct nd_persona *p);
enum ndctl_pfn_loc persona_get_location(struct nd_persona *p);
int persona_set_location(struct nd_persona *p, enum ndctl_pfn_loc loc);
int persona_set_align(struct nd_persona *p, unsigned long align);

/* constructors, called by topology.c in upstream order */
int bus_add(struct ndctl_topology *topo, struct ndctl_ctx *ctx, const char *name);
int dimm_add(struct ndctl_bus *bus, const char *name);
int region_add(struct ndctl_bus *bus, const char *name);
int mappings_load(struct ndctl_region *region);
/* inside: the child's directory is in its region's (its bus entry is a link) */
int namespace_add(struct ndctl_region *region, const char *name, bool inside);
int pfn_add(struct ndctl_region *region, const char *name, bool inside);
int dax_add(struct ndctl_region *region, const char *name, bool inside);
int btt_add(struct ndctl_region *region, const char *name, bool inside);
void bus_free(struct ndctl_bus *bus);
void region_free(struct ndctl_region *region);
/*
 * label-reload.c: make the kernel read the labels of region's DIMMs again
 * (after a failed label write); the regions on them are disabled meanwhile,
 * and re-enabled. 0, or why not (logged).
 */
int region_reload_labels(struct ndctl_region *region);
/* label-reload.c: ndctl_namespace_delete()'s label rewrite failed with rc: reload, say so */
int namespace_rewrite_failed(struct ndctl_namespace *ndns, int rc);

/* Append to a singly linked list of any object type with a next field. */
#define list_append(head, obj) do { \
	__typeof__(obj) *_pp = &(head); \
	while (*_pp) \
		_pp = &(*_pp)->next; \
	*_pp = (obj); \
} while (0)

#endif
