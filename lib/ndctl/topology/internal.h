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
};

struct nd_attr;

/*
 * What every object on the nd bus has: a name, its sysfs directory, and the
 * attributes read so far. They are kept until the context writes to sysfs
 * (ctx->attr_gen moves on) or the topology is rebuilt (ndctl_invalidate), so a
 * command reads each attribute at most once per object, like upstream's
 * snapshot of each object at add time.
 */
struct nd_dev {
	struct ndctl_ctx *ctx;
	char *name;		/* "region0" */
	char *path;		/* ROOT/sys/bus/nd/devices/region0 */
	struct nd_attr *attrs;
	unsigned int attr_gen;	/* the ctx->attr_gen the attrs were read in */
	int dirfd;		/* O_PATH descriptor of path, or -1 */
	int dirfd_slot;		/* its place in ctx->dirfd_ring */
	/* a region child's region: its attributes open as "NAME/ATTR" there */
	struct nd_dev *parent;
	int children_inside;	/* as a parent: -1 not known, 0 no, 1 yes */
	struct nd_badblocks badblocks;
};

struct nd_disks;

struct ndctl_topology {
	struct ndctl_bus *buses;
	struct nd_disks *disks;	/* ROOT/sys/block, read on first use: disks.c */
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
	/* each namespace's claim (below) holds for this ctx->attr_gen */
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
	struct ndctl_namespace *next;
};

/* badblocks.c */
void nd_badblocks_release(struct nd_badblocks *bb);

/* topology.c */
struct ndctl_topology *topology_get(struct ndctl_ctx *ctx);
struct ndctl_dimm *topology_find_dimm(struct ndctl_bus *bus, const char *name);

/* devattr.c: sysfs attributes, drivers and modules of one device */
int nd_dev_init(struct nd_dev *dev, struct ndctl_ctx *ctx, const char *name);
/* calloc an object whose first member is its struct nd_dev, named name. */
void *nd_obj_new(size_t size, struct ndctl_ctx *ctx, const char *name);
void nd_dev_release(struct nd_dev *dev);
int nd_dev_read(struct nd_dev *dev, const char *attr, char *buf);
/* Past the cache: for polling a value the kernel changes on its own. */
int nd_dev_read_fresh(struct nd_dev *dev, const char *attr, char *buf);
unsigned long long nd_dev_u64(struct nd_dev *dev, const char *attr);
/* Upstream's getters that may fail: ULLONG_MAX when absent or unreadable. */
unsigned long long nd_dev_u64_or_max(struct nd_dev *dev, const char *attr);
int nd_dev_int(struct nd_dev *dev, const char *attr, int dflt);
int nd_dev_write(struct nd_dev *dev, const char *attr, const char *value);
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
/* After any write the kernel may have changed any attribute of any object. */
void nd_attrs_stale(struct ndctl_ctx *ctx);

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

/* namespace.c */
int namespace_zero_info_block(struct ndctl_namespace *ndns);

/* devattr.c */
void nd_dev_read_uuid(struct nd_dev *dev, uuid_t uu);
int nd_dev_write_uuid(struct nd_dev *dev, const uuid_t uu);

/* pfn.c, dax.c, btt.c: shared personality plumbing lives in devattr.c */
struct ndctl_namespace *persona_get_namespace(struct nd_persona *p);
int persona_set_namespace(struct nd_persona *p, struct ndctl_namespace *ndns);
const char *persona_block_device(struct nd_persona *p);
enum ndctl_pfn_loc persona_get_location(struct nd_persona *p);
int persona_set_location(struct nd_persona *p, enum ndctl_pfn_loc loc);
int persona_set_align(struct nd_persona *p, unsigned long align);
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

/* Append to a singly linked list of any object type with a next field. */
#define list_append(head, obj) do { \
	__typeof__(obj) *_pp = &(head); \
	while (*_pp) \
		_pp = &(*_pp)->next; \
	*_pp = (obj); \
} while (0)

#endif
