/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDKIT_LIBDAXCTL_H
#define NDKIT_LIBDAXCTL_H
#include <stdarg.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* libdaxctl: dax regions, dax devices and memory blocks over sysfs. */
struct daxctl_ctx;
struct daxctl_region;
struct daxctl_dev;
struct daxctl_mapping;
struct daxctl_memory;
struct json_object;

/*
 * A new context with one reference: 0, or -ENOMEM. unref returns NULL once
 * the context is freed. Regions, devices and memory objects are owned by it:
 * valid until daxctl_invalidate() or the last unref, never freed by the
 * caller; strings they return are owned by the object. Errors are logged
 * through the log function and returned as negative errnos. One context
 * must not be used by two threads at once.
 */
int daxctl_new(struct daxctl_ctx **ctx);
struct daxctl_ctx *daxctl_ref(struct daxctl_ctx *ctx);
struct daxctl_ctx *daxctl_unref(struct daxctl_ctx *ctx);

/* Logging as libndctl's: NULL log_fn is stderr; priorities are syslog's. */
void daxctl_set_log_fn(struct daxctl_ctx *ctx,
		void (*log_fn)(struct daxctl_ctx *ctx, int priority,
			const char *file, int line, const char *fn,
			const char *format, va_list args));
int daxctl_get_log_priority(struct daxctl_ctx *ctx);
void daxctl_set_log_priority(struct daxctl_ctx *ctx, int priority);
void daxctl_set_userdata(struct daxctl_ctx *ctx, void *userdata);
void *daxctl_get_userdata(struct daxctl_ctx *ctx);
/* Where sysfs lives ("/" normally); tests point it at a captured tree. */
int daxctl_set_root(struct daxctl_ctx *ctx, const char *root);
const char *daxctl_get_root(struct daxctl_ctx *ctx);
/* Forget the cached regions and devices (after the kernel changed them). */
void daxctl_invalidate(struct daxctl_ctx *ctx);

/* Regions, sorted by id. */
struct daxctl_region *daxctl_region_get_first(struct daxctl_ctx *ctx);
struct daxctl_region *daxctl_region_get_next(struct daxctl_region *region);
#define daxctl_region_foreach(ctx, region) \
	for (region = daxctl_region_get_first(ctx); region; \
			region = daxctl_region_get_next(region))
struct daxctl_region *daxctl_region_get_by_id(struct daxctl_ctx *ctx, int id);
/* The region of an nd dax device directory (e.g. /sys/bus/nd/devices/dax1.0). */
struct daxctl_region *daxctl_region_get_by_path(struct daxctl_ctx *ctx, const char *path);
struct daxctl_ctx *daxctl_region_get_ctx(struct daxctl_region *region);
int daxctl_region_get_id(struct daxctl_region *region);
const char *daxctl_region_get_devname(struct daxctl_region *region);
const char *daxctl_region_get_path(struct daxctl_region *region);
unsigned long long daxctl_region_get_size(struct daxctl_region *region);
unsigned long long daxctl_region_get_available_size(struct daxctl_region *region);
unsigned long daxctl_region_get_align(struct daxctl_region *region);

/* Devices of a region, sorted by id. */
enum daxctl_dev_mode {
	DAXCTL_DEV_MODE_UNKNOWN,	/* not bound to a driver */
	DAXCTL_DEV_MODE_DEVDAX,
	DAXCTL_DEV_MODE_RAM,
};
struct daxctl_dev *daxctl_dev_get_first(struct daxctl_region *region);
struct daxctl_dev *daxctl_dev_get_next(struct daxctl_dev *dev);
#define daxctl_dev_foreach(region, dev) \
	for (dev = daxctl_dev_get_first(region); dev; dev = daxctl_dev_get_next(dev))
struct daxctl_dev *daxctl_dev_get_by_name(struct daxctl_ctx *ctx, const char *devname);
struct daxctl_ctx *daxctl_dev_get_ctx(struct daxctl_dev *dev);
struct daxctl_region *daxctl_dev_get_region(struct daxctl_dev *dev);
const char *daxctl_dev_get_devname(struct daxctl_dev *dev);
int daxctl_dev_get_id(struct daxctl_dev *dev);
/* Device numbers of /dev/daxX.Y (its "dev" attribute); -1 when unreadable. */
int daxctl_dev_get_major(struct daxctl_dev *dev);
int daxctl_dev_get_minor(struct daxctl_dev *dev);
unsigned long long daxctl_dev_get_size(struct daxctl_dev *dev);
unsigned long long daxctl_dev_get_resource(struct daxctl_dev *dev);
unsigned long daxctl_dev_get_align(struct daxctl_dev *dev);
int daxctl_dev_get_target_node(struct daxctl_dev *dev);
int daxctl_dev_is_enabled(struct daxctl_dev *dev);
enum daxctl_dev_mode daxctl_dev_get_mode(struct daxctl_dev *dev);
/* [start, end) that kmem would hot-plug: whole memory blocks only. */
void daxctl_dev_get_ram_range(struct daxctl_dev *dev,
		unsigned long long *start, unsigned long long *end);
/* 0 when the dax driver ("kmem", "device_dax") is registered, loading it if needed. */
int daxctl_dev_driver_available(struct daxctl_dev *dev, const char *driver);
int daxctl_dev_enable_devdax(struct daxctl_dev *dev);
int daxctl_dev_enable_ram(struct daxctl_dev *dev);
/* -EBUSY when its memory is still online. */
int daxctl_dev_disable(struct daxctl_dev *dev);
/*
 * Resize or realign a disabled device: only dynamic (hmem, CXL) regions allow
 * it; on a static region (every nvdimm one) the kernel refuses and these
 * return -ENXIO, as upstream's do.
 */
int daxctl_dev_set_size(struct daxctl_dev *dev, unsigned long long size);
int daxctl_dev_set_align(struct daxctl_dev *dev, unsigned long align);

/* A device's physical ranges (mappingN): [start, end] and the page offset, bytes. */
struct daxctl_mapping *daxctl_mapping_get_first(struct daxctl_dev *dev);
struct daxctl_mapping *daxctl_mapping_get_next(struct daxctl_mapping *map);
#define daxctl_mapping_foreach(dev, map) \
	for (map = daxctl_mapping_get_first(dev); map; map = daxctl_mapping_get_next(map))
unsigned long long daxctl_mapping_get_start(struct daxctl_mapping *map);
unsigned long long daxctl_mapping_get_end(struct daxctl_mapping *map);
unsigned long long daxctl_mapping_get_offset(struct daxctl_mapping *map);
unsigned long long daxctl_mapping_get_size(struct daxctl_mapping *map);

/* Memory blocks of a system-ram device; NULL for a device in another mode. */
unsigned long long daxctl_memory_block_size(struct daxctl_ctx *ctx);
/* The kernel onlines hot-plugged memory itself (auto_online_blocks is online*). */
int daxctl_dev_will_auto_online_memory(struct daxctl_dev *dev);
/*
 * Whether @dev is in system-ram mode now: enabled and bound to kmem, so that
 * daxctl_dev_get_memory() gives its memory blocks. Returns 1 or 0 (0 for a
 * disabled device or one bound to device_dax). Since ndkit 0.2 (LIBDAXCTL_2;
 * upstream added it in v79, LIBDAXCTL_10).
 */
int daxctl_dev_is_system_ram_capable(struct daxctl_dev *dev);
struct daxctl_memory *daxctl_dev_get_memory(struct daxctl_dev *dev);
struct daxctl_dev *daxctl_memory_get_dev(struct daxctl_memory *mem);
unsigned long daxctl_memory_get_block_size(struct daxctl_memory *mem);
unsigned long long daxctl_memory_get_first_block(struct daxctl_memory *mem);
int daxctl_memory_block_is_online(struct daxctl_memory *mem, unsigned long long block);
int daxctl_memory_block_is_movable(struct daxctl_memory *mem, unsigned long long block);
int daxctl_memory_num_sections(struct daxctl_memory *mem);	/* blocks plugged */
int daxctl_memory_is_online(struct daxctl_memory *mem);		/* blocks online */
/* 1: all blocks online in ZONE_MOVABLE, 0: all online, one elsewhere; -ENXIO: one offline. */
int daxctl_memory_is_movable(struct daxctl_memory *mem);
/*
 * These return how many blocks they changed, or a negative errno. When every
 * block was online already, onlining checks their zone (upstream since v79):
 * -EBUSY and a "detected a race" warning if one is not in the zone asked for.
 * Offlining is all or none: -EOPNOTSUPP, nothing changed and "memoryN is
 * unremovable" logged when an online block's "removable" is 0 (upstream v81).
 */
int daxctl_memory_online(struct daxctl_memory *mem);		/* into ZONE_MOVABLE */
int daxctl_memory_online_no_movable(struct daxctl_memory *mem);
int daxctl_memory_offline(struct daxctl_memory *mem);
int daxctl_memory_offline_all_or_none(struct daxctl_memory *mem,
		unsigned long long *failed_block);

/* JSON, keys as upstream daxctl list. */
enum daxctl_json_flags {
	DAXCTL_JSON_HUMAN = 1 << 0,
	DAXCTL_JSON_IDLE = 1 << 1,
	DAXCTL_JSON_DEVICES = 1 << 8,	/* a region lists its devices */
	DAXCTL_JSON_MAPPINGS = 1 << 9,
	DAXCTL_JSON_NO_PATH = 1 << 10,	/* ndctl list -X prints no region path */
};
struct json_object *daxctl_dev_to_json(struct daxctl_dev *dev, unsigned flags);
int daxctl_dev_is_listed(struct daxctl_dev *dev, unsigned flags);
/* @devname: only that device (NULL for all). */
struct json_object *daxctl_region_to_json(struct daxctl_region *region,
		const char *devname, unsigned flags);

#ifdef __cplusplus
}
#endif

#endif
