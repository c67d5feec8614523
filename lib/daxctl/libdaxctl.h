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
 * Conventions: regions, devices, mappings and memory objects are owned by
 * the context: never free them; they stay valid until daxctl_invalidate() or
 * the last daxctl_unref(). Strings they return are owned by the object.
 * Values are read from sysfs when the context first walks the regions and
 * kept until daxctl_invalidate() (driver and memory-block state excepted:
 * those are read at each call). Errors are logged through the context's log
 * function and returned as negative errnos. One context must not be used by
 * two threads at once.
 */

/**
 * daxctl_new() - make a library context
 * @ctx: where the new context is stored
 *
 * One reference, sysfs under "/", logging to stderr at the priority
 * DAXCTL_LOG names (a number or "err", "info", "debug"; LOG_ERR when unset).
 *
 * Return: 0, or -ENOMEM (*@ctx untouched).
 * Since: LIBDAXCTL_1
 */
int daxctl_new(struct daxctl_ctx **ctx);

/**
 * daxctl_ref() - take another reference on a context
 * @ctx: the context (NULL is passed through)
 *
 * Return: @ctx.
 * Since: LIBDAXCTL_1
 */
struct daxctl_ctx *daxctl_ref(struct daxctl_ctx *ctx);

/**
 * daxctl_unref() - drop a reference on a context
 * @ctx: the context (NULL is ignored)
 *
 * The last reference frees the context with every region, device and
 * memory object it handed out.
 *
 * Return: NULL once the context is freed, else @ctx.
 * Since: LIBDAXCTL_1
 */
struct daxctl_ctx *daxctl_unref(struct daxctl_ctx *ctx);

/**
 * daxctl_set_log_fn() - send the library's messages to the caller
 * @ctx: the context
 * @log_fn: called for each message at or below the log priority, with the
 *	source file, line, function and a printf format; NULL goes back to
 *	stderr (and resets the priority to DAXCTL_LOG's or LOG_ERR)
 *
 * Since: LIBDAXCTL_1
 */
void daxctl_set_log_fn(struct daxctl_ctx *ctx,
		void (*log_fn)(struct daxctl_ctx *ctx, int priority,
			const char *file, int line, const char *fn,
			const char *format, va_list args));

/**
 * daxctl_get_log_priority() - the current log priority
 * @ctx: the context
 *
 * Return: a syslog level; messages at or below it are logged.
 * Since: LIBDAXCTL_1
 */
int daxctl_get_log_priority(struct daxctl_ctx *ctx);

/**
 * daxctl_set_log_priority() - set the log priority
 * @ctx: the context
 * @priority: a syslog level (LOG_ERR ... LOG_DEBUG)
 *
 * Since: LIBDAXCTL_1
 */
void daxctl_set_log_priority(struct daxctl_ctx *ctx, int priority);

/**
 * daxctl_set_userdata() - attach a caller's pointer to the context
 * @ctx: the context
 * @userdata: anything; the library never looks at it
 *
 * Since: LIBDAXCTL_1
 */
void daxctl_set_userdata(struct daxctl_ctx *ctx, void *userdata);

/**
 * daxctl_get_userdata() - the caller's pointer
 * @ctx: the context
 *
 * Return: what daxctl_set_userdata() stored, NULL if nothing was.
 * Since: LIBDAXCTL_1
 */
void *daxctl_get_userdata(struct daxctl_ctx *ctx);

/**
 * daxctl_set_root() - look for sysfs under another directory
 * @ctx: the context
 * @root: the directory ("/" normally; NULL or "" is "/"); copied, trailing
 *	slashes dropped
 *
 * For captured sysfs trees. Set it before the first walk; modules are never
 * loaded for a tree under another root.
 *
 * Return: 0, or -ENOMEM (the old root stays).
 * Since: LIBDAXCTL_1
 */
int daxctl_set_root(struct daxctl_ctx *ctx, const char *root);

/**
 * daxctl_get_root() - the directory sysfs is looked for under
 * @ctx: the context
 *
 * Return: the root, "/" by default; owned by the context, valid until the
 * next daxctl_set_root().
 * Since: LIBDAXCTL_1
 */
const char *daxctl_get_root(struct daxctl_ctx *ctx);

/**
 * daxctl_invalidate() - forget every cached region and device
 * @ctx: the context
 *
 * Every region, device, mapping and memory pointer becomes invalid; the
 * next walk reads sysfs again. Call it after the kernel changed them.
 * Since: LIBDAXCTL_1
 */
void daxctl_invalidate(struct daxctl_ctx *ctx);

/**
 * daxctl_region_get_first() - the first dax region
 * @ctx: the context
 *
 * The first call scans /sys/bus/dax/devices: each device's parent directory
 * with a dax_region/id is a region. Regions are sorted by id.
 *
 * Return: the region with the lowest id, or NULL when there is none (no dax
 * device, the dax modules not loaded) or the scan ran out of memory.
 * Since: LIBDAXCTL_1
 */
struct daxctl_region *daxctl_region_get_first(struct daxctl_ctx *ctx);

/**
 * daxctl_region_get_next() - the region after this one
 * @region: a region
 *
 * Return: the next region by id, NULL after the last.
 * Since: LIBDAXCTL_1
 */
struct daxctl_region *daxctl_region_get_next(struct daxctl_region *region);
#define daxctl_region_foreach(ctx, region) \
	for (region = daxctl_region_get_first(ctx); region; \
			region = daxctl_region_get_next(region))

/**
 * daxctl_region_get_by_id() - find a region by its id
 * @ctx: the context
 * @id: the region id (dax_region/id)
 *
 * Return: the region, NULL when no region has that id.
 * Since: LIBDAXCTL_1
 */
struct daxctl_region *daxctl_region_get_by_id(struct daxctl_ctx *ctx, int id);

/**
 * daxctl_region_get_by_path() - the region of an nd dax device directory
 * @ctx: the context
 * @path: a directory such as /sys/bus/nd/devices/dax1.0 (under the
 *	context's root for a captured tree); symbolic links are resolved
 *
 * Return: the region whose directory that is, NULL when none is or @path is
 * NULL or cannot be resolved.
 * Since: LIBDAXCTL_1
 */
struct daxctl_region *daxctl_region_get_by_path(struct daxctl_ctx *ctx, const char *path);

/**
 * daxctl_region_get_ctx() - the context a region belongs to
 * @region: a region
 *
 * Return: its context.
 * Since: LIBDAXCTL_1
 */
struct daxctl_ctx *daxctl_region_get_ctx(struct daxctl_region *region);

/**
 * daxctl_region_get_id() - a region's id
 * @region: a region
 *
 * Return: the dax_region/id attribute.
 * Since: LIBDAXCTL_1
 */
int daxctl_region_get_id(struct daxctl_region *region);

/**
 * daxctl_region_get_devname() - a region's name
 * @region: a region
 *
 * Return: "regionN" for id N; owned by the region.
 * Since: LIBDAXCTL_1
 */
const char *daxctl_region_get_devname(struct daxctl_region *region);

/**
 * daxctl_region_get_path() - a region's sysfs directory, as upstream prints it
 * @region: a region
 *
 * Return: the path after "/sys/devices" (e.g. "/platform/ACPI0012:00/ndbus0/region1/dax1.0"),
 * or the whole path when it is not under /sys/devices; owned by the region.
 * Since: LIBDAXCTL_1
 */
const char *daxctl_region_get_path(struct daxctl_region *region);

/**
 * daxctl_region_get_size() - a region's capacity
 * @region: a region
 *
 * Return: dax_region/size in bytes, 0 when unreadable.
 * Since: LIBDAXCTL_1
 */
unsigned long long daxctl_region_get_size(struct daxctl_region *region);

/**
 * daxctl_region_get_available_size() - capacity not yet given to a device
 * @region: a region
 *
 * Read anew at each call: creating, resizing and destroying devices change it.
 *
 * Return: dax_region/available_size in bytes, 0 when unreadable (static
 * regions, such as every nvdimm one, show 0 once their device exists).
 * Since: LIBDAXCTL_1
 */
unsigned long long daxctl_region_get_available_size(struct daxctl_region *region);

/**
 * daxctl_region_create_dev() - ask the kernel for a new, empty device
 * @region: a dynamic region (hmem, CXL)
 *
 * Writes 1 to dax_region/create: the kernel adds a device of size 0 and,
 * when the region has no seed, makes it the seed. Give it capacity with
 * daxctl_region_get_dev_seed() and daxctl_dev_set_size(), then enable it.
 *
 * Return: 0; -ENOSPC when the region has no available capacity, -EINVAL on
 * a static region (every nvdimm one), or another negative errno from the
 * write (logged at debug level only: the caller explains).
 * Since: LIBDAXCTL_3
 */
int daxctl_region_create_dev(struct daxctl_region *region);

/**
 * daxctl_region_get_dev_seed() - the region's device waiting for capacity
 * @region: a dynamic region
 *
 * Reads dax_region/seed, adding the device to the region's list when the
 * scan predates it (a device daxctl_region_create_dev() just made).
 *
 * Return: the seed device, or NULL when the region has none or is static.
 * Since: LIBDAXCTL_3
 */
struct daxctl_dev *daxctl_region_get_dev_seed(struct daxctl_region *region);

/**
 * daxctl_region_destroy_dev() - remove a device from its region
 * @region: the device's region
 * @dev: a disabled device of size 0
 *
 * Writes the device's name to dax_region/delete. The device object stays
 * valid until the context is freed or invalidated.
 *
 * Return: 0; -EBUSY when it is still enabled or has capacity, and always
 * for daxX.0, which the kernel keeps; -EINVAL on a static region; another
 * negative errno from the write (logged at debug level).
 * Since: LIBDAXCTL_3
 */
int daxctl_region_destroy_dev(struct daxctl_region *region, struct daxctl_dev *dev);

/**
 * daxctl_region_get_align() - a region's alignment
 * @region: a region
 *
 * Return: dax_region/align in bytes, 0 when unreadable.
 * Since: LIBDAXCTL_1
 */
unsigned long daxctl_region_get_align(struct daxctl_region *region);

enum daxctl_dev_mode {
	DAXCTL_DEV_MODE_UNKNOWN,	/* not bound to a driver */
	DAXCTL_DEV_MODE_DEVDAX,
	DAXCTL_DEV_MODE_RAM,
};

/**
 * daxctl_dev_get_first() - a region's first dax device
 * @region: a region
 *
 * Devices are sorted by their id (the Y of daxX.Y).
 *
 * Return: the device with the lowest id, NULL when the region has none.
 * Since: LIBDAXCTL_1
 */
struct daxctl_dev *daxctl_dev_get_first(struct daxctl_region *region);

/**
 * daxctl_dev_get_next() - the device after this one in its region
 * @dev: a device
 *
 * Return: the next device by id, NULL after the last.
 * Since: LIBDAXCTL_1
 */
struct daxctl_dev *daxctl_dev_get_next(struct daxctl_dev *dev);
#define daxctl_dev_foreach(region, dev) \
	for (dev = daxctl_dev_get_first(region); dev; dev = daxctl_dev_get_next(dev))

/**
 * daxctl_dev_get_by_name() - find a device by name
 * @ctx: the context
 * @devname: "daxX.Y"
 *
 * Return: the device, NULL when no region has one of that name.
 * Since: LIBDAXCTL_1
 */
struct daxctl_dev *daxctl_dev_get_by_name(struct daxctl_ctx *ctx, const char *devname);

/**
 * daxctl_dev_get_ctx() - the context a device belongs to
 * @dev: a device
 *
 * Return: its context.
 * Since: LIBDAXCTL_1
 */
struct daxctl_ctx *daxctl_dev_get_ctx(struct daxctl_dev *dev);

/**
 * daxctl_dev_get_region() - the region a device belongs to
 * @dev: a device
 *
 * Return: its region.
 * Since: LIBDAXCTL_1
 */
struct daxctl_region *daxctl_dev_get_region(struct daxctl_dev *dev);

/**
 * daxctl_dev_get_devname() - a device's name
 * @dev: a device
 *
 * Return: "daxX.Y", owned by the device.
 * Since: LIBDAXCTL_1
 */
const char *daxctl_dev_get_devname(struct daxctl_dev *dev);

/**
 * daxctl_dev_get_id() - a device's number within its region
 * @dev: a device
 *
 * Return: Y of daxX.Y.
 * Since: LIBDAXCTL_1
 */
int daxctl_dev_get_id(struct daxctl_dev *dev);

/**
 * daxctl_dev_get_major() - the major number of /dev/daxX.Y
 * @dev: a device
 *
 * Return: the major of its "dev" attribute, -1 when that is unreadable.
 * Since: LIBDAXCTL_2
 */
int daxctl_dev_get_major(struct daxctl_dev *dev);

/**
 * daxctl_dev_get_minor() - the minor number of /dev/daxX.Y
 * @dev: a device
 *
 * Return: the minor of its "dev" attribute, -1 when that is unreadable.
 * Since: LIBDAXCTL_2
 */
int daxctl_dev_get_minor(struct daxctl_dev *dev);

/**
 * daxctl_dev_get_size() - a device's capacity
 * @dev: a device
 *
 * Return: its size in bytes (0 for a seed device), 0 when unreadable.
 * Since: LIBDAXCTL_1
 */
unsigned long long daxctl_dev_get_size(struct daxctl_dev *dev);

/**
 * daxctl_dev_get_resource() - a device's physical start address
 * @dev: a device
 *
 * Read when the device is first seen.
 *
 * Return: its "resource" attribute; when that is unreadable (older
 * kernels, root-only on some), the start of the /proc/iomem range
 * named after the device (under the context's root), as upstream; 0
 * when neither gives it (not root: /proc/iomem shows zeros then).
 * Since: LIBDAXCTL_1
 */
unsigned long long daxctl_dev_get_resource(struct daxctl_dev *dev);

/**
 * daxctl_dev_get_align() - a device's mapping alignment
 * @dev: a device
 *
 * Return: its "align" attribute in bytes, 0 when unreadable.
 * Since: LIBDAXCTL_1
 */
unsigned long daxctl_dev_get_align(struct daxctl_dev *dev);

/**
 * daxctl_dev_get_target_node() - the NUMA node its memory would join
 * @dev: a device
 *
 * Return: its "target_node" attribute, -1 when unreadable.
 * Since: LIBDAXCTL_1
 */
int daxctl_dev_get_target_node(struct daxctl_dev *dev);

/**
 * daxctl_dev_is_enabled() - whether a driver is bound to the device
 * @dev: a device
 *
 * Read at each call.
 *
 * Return: 1 when bound (device_dax or kmem), 0 when not.
 * Since: LIBDAXCTL_1
 */
int daxctl_dev_is_enabled(struct daxctl_dev *dev);

/**
 * daxctl_dev_get_mode() - the mode the bound driver gives a device
 * @dev: a device
 *
 * Read at each call.
 *
 * Return: DAXCTL_DEV_MODE_RAM when bound to kmem, DAXCTL_DEV_MODE_DEVDAX
 * when bound to any other driver, DAXCTL_DEV_MODE_UNKNOWN when unbound.
 * Since: LIBDAXCTL_1
 */
enum daxctl_dev_mode daxctl_dev_get_mode(struct daxctl_dev *dev);

/**
 * daxctl_dev_get_ram_range() - the memory kmem would hot-plug for a device
 * @dev: a device
 * @start: set to the first byte
 * @end: set to the byte after the last
 *
 * The span of its mappings (or of its resource and size without mappings),
 * the start rounded up and the end rounded down to the memory block size:
 * kmem only adds whole blocks. Both are 0 when the block size is unknown or
 * the device has no size; @start equals @end when the device holds no whole
 * block.
 * Since: LIBDAXCTL_1
 */
void daxctl_dev_get_ram_range(struct daxctl_dev *dev,
		unsigned long long *start, unsigned long long *end);

/**
 * daxctl_dev_driver_available() - make sure a dax driver is registered
 * @dev: a device (its context says where sysfs is)
 * @driver: "kmem" or "device_dax"
 *
 * Loads the driver's module when it is not registered on the dax bus; never
 * under a root other than "/".
 *
 * Return: 0 when the driver is registered, -ENOENT when it is not and could
 * not be loaded (the reason logged).
 * Since: LIBDAXCTL_1
 */
int daxctl_dev_driver_available(struct daxctl_dev *dev, const char *driver);

/**
 * daxctl_dev_enable_devdax() - bind a device to device_dax
 * @dev: a disabled device
 *
 * Loads device_dax if needed, drops a stale kmem id so that kmem does not
 * claim the device first, then binds it.
 *
 * Return: 0, also when it is bound to device_dax already; -EBUSY when another
 * driver has it; -ENOENT when device_dax is not available; -ENXIO when the
 * bind did not take. Logged.
 * Since: LIBDAXCTL_1
 */
int daxctl_dev_enable_devdax(struct daxctl_dev *dev);

/**
 * daxctl_dev_enable_ram() - bind a device to kmem (system-ram mode)
 * @dev: a disabled device
 *
 * Adds the device to kmem's id list, which probes it: kmem hot-plugs its
 * whole memory blocks (daxctl_dev_get_ram_range()), which stay offline
 * unless the kernel onlines them itself (daxctl_dev_will_auto_online_memory()).
 *
 * Return: 0, also when it is bound to kmem already; -EINVAL when the device
 * holds no whole memory block; -EBUSY when another driver has it; -ENOENT
 * when kmem is not available; -ENXIO when the bind did not take. Logged.
 * Since: LIBDAXCTL_1
 */
int daxctl_dev_enable_ram(struct daxctl_dev *dev);

/**
 * daxctl_dev_disable() - unbind a device from its driver
 * @dev: a device
 *
 * Removes the device from its driver's id list and unbinds it. A device in
 * system-ram mode must have its memory offline first.
 *
 * Return: 0, also when it was not bound; -EBUSY when its memory is still
 * online (logged) or it is still bound after the unbind; the unbind write's
 * negative errno.
 * Since: LIBDAXCTL_1
 */
int daxctl_dev_disable(struct daxctl_dev *dev);

/**
 * daxctl_dev_set_size() - resize a disabled device
 * @dev: a device
 * @size: the new size in bytes
 *
 * Only dynamic (hmem, CXL) regions allow it; on a static region (every
 * nvdimm one) the kernel refuses.
 *
 * Return: 0, or -ENXIO when the kernel refused the write (logged), as
 * upstream.
 * Since: LIBDAXCTL_2
 */
int daxctl_dev_set_size(struct daxctl_dev *dev, unsigned long long size);

/**
 * daxctl_dev_set_align() - realign a disabled device
 * @dev: a device
 * @align: the new alignment in bytes
 *
 * As daxctl_dev_set_size(): dynamic regions only.
 *
 * Return: 0, or -ENXIO when the kernel refused the write (logged).
 * Since: LIBDAXCTL_2
 */
int daxctl_dev_set_align(struct daxctl_dev *dev, unsigned long align);

/**
 * daxctl_dev_set_mapping() - give a disabled device one more physical range
 * @dev: a device of a dynamic region
 * @start: the range's first byte (a physical address inside the region)
 * @end: its last byte
 *
 * Writes "start-end" to the device's mapping attribute, as a device's
 * mappings are restored from saved JSON (create-device --input); the
 * range must be free in the region and aligned to the device's align.
 *
 * Return: 0 with the device's size grown by the range, or -ENXIO when the
 * kernel refused the write (logged), as upstream.
 * Since: LIBDAXCTL_3
 */
int daxctl_dev_set_mapping(struct daxctl_dev *dev, unsigned long long start,
		unsigned long long end);

/**
 * daxctl_mapping_get_first() - a device's first physical range
 * @dev: a device
 *
 * Ranges are the device's mappingN directories, in N order (devices of
 * static regions have none).
 *
 * Return: mapping0, NULL when there is none.
 * Since: LIBDAXCTL_1
 */
struct daxctl_mapping *daxctl_mapping_get_first(struct daxctl_dev *dev);

/**
 * daxctl_mapping_get_next() - the next physical range
 * @map: a mapping
 *
 * Return: the next mapping, NULL after the last.
 * Since: LIBDAXCTL_1
 */
struct daxctl_mapping *daxctl_mapping_get_next(struct daxctl_mapping *map);
#define daxctl_mapping_foreach(dev, map) \
	for (map = daxctl_mapping_get_first(dev); map; map = daxctl_mapping_get_next(map))

/**
 * daxctl_mapping_get_start() - first byte of a range
 * @map: a mapping
 *
 * Return: its physical start address, 0 when unreadable.
 * Since: LIBDAXCTL_1
 */
unsigned long long daxctl_mapping_get_start(struct daxctl_mapping *map);

/**
 * daxctl_mapping_get_end() - last byte of a range
 * @map: a mapping
 *
 * Return: its physical end address, inclusive, 0 when unreadable.
 * Since: LIBDAXCTL_1
 */
unsigned long long daxctl_mapping_get_end(struct daxctl_mapping *map);

/**
 * daxctl_mapping_get_offset() - where a range sits within the device
 * @map: a mapping
 *
 * Return: its page_offset attribute, 0 when unreadable.
 * Since: LIBDAXCTL_1
 */
unsigned long long daxctl_mapping_get_offset(struct daxctl_mapping *map);

/**
 * daxctl_mapping_get_size() - a range's length
 * @map: a mapping
 *
 * Return: end - start + 1 in bytes.
 * Since: LIBDAXCTL_1
 */
unsigned long long daxctl_mapping_get_size(struct daxctl_mapping *map);

/**
 * daxctl_memory_block_size() - the kernel's memory block size
 * @ctx: the context
 *
 * Return: /sys/devices/system/memory/block_size_bytes in bytes, 0 when
 * unreadable.
 * Since: LIBDAXCTL_1
 */
unsigned long long daxctl_memory_block_size(struct daxctl_ctx *ctx);

/**
 * daxctl_dev_will_auto_online_memory() - whether the kernel onlines hot-plugged memory
 * @dev: a device (its context says where sysfs is)
 *
 * Return: 1 when /sys/devices/system/memory/auto_online_blocks starts with
 * "online" (online, online_movable, online_kernel), 0 when it is "offline" or
 * unreadable (logged).
 * Since: LIBDAXCTL_2
 */
int daxctl_dev_will_auto_online_memory(struct daxctl_dev *dev);

/**
 * daxctl_dev_is_system_ram_capable() - whether a device is in system-ram mode
 * @dev: a device
 *
 * Upstream's name for "enabled and bound to kmem": then
 * daxctl_dev_get_memory() gives its memory blocks. Upstream added it in v79
 * (LIBDAXCTL_10).
 *
 * Return: 1 when bound to kmem, 0 when disabled or bound to device_dax.
 * Since: LIBDAXCTL_2
 */
int daxctl_dev_is_system_ram_capable(struct daxctl_dev *dev);

/**
 * daxctl_dev_get_memory() - the memory blocks of a system-ram device
 * @dev: a device
 *
 * Made on first call and kept (owned by the device) until the device is
 * bound again or the context invalidated. The blocks are those of
 * daxctl_dev_get_ram_range().
 *
 * Return: the memory object, NULL when the device is not bound to kmem or
 * out of memory.
 * Since: LIBDAXCTL_1
 */
struct daxctl_memory *daxctl_dev_get_memory(struct daxctl_dev *dev);

/**
 * daxctl_memory_get_dev() - the device a memory object belongs to
 * @mem: a memory object
 *
 * Return: its device.
 * Since: LIBDAXCTL_1
 */
struct daxctl_dev *daxctl_memory_get_dev(struct daxctl_memory *mem);

/**
 * daxctl_memory_get_block_size() - the block size the object counts in
 * @mem: a memory object
 *
 * Return: the memory block size in bytes when the object was made, 0 if it
 * was unknown (then the object has no blocks).
 * Since: LIBDAXCTL_1
 */
unsigned long daxctl_memory_get_block_size(struct daxctl_memory *mem);

/**
 * daxctl_memory_get_first_block() - the device's first memory block
 * @mem: a memory object
 *
 * Return: N of the first /sys/devices/system/memory/memoryN the device's
 * range covers.
 * Since: LIBDAXCTL_1
 */
unsigned long long daxctl_memory_get_first_block(struct daxctl_memory *mem);

/**
 * daxctl_memory_block_is_online() - whether one memory block is online
 * @mem: a memory object
 * @block: the block number N of memoryN
 *
 * Return: 1 when its state starts with "online", 0 when not, a negative
 * errno when the block is not plugged (-ENOENT) or unreadable.
 * Since: LIBDAXCTL_1
 */
int daxctl_memory_block_is_online(struct daxctl_memory *mem, unsigned long long block);

/**
 * daxctl_memory_block_is_movable() - whether one block is in ZONE_MOVABLE
 * @mem: a memory object
 * @block: the block number N of memoryN
 *
 * Meaningful for an online block: an offline one lists every zone it could
 * join.
 *
 * Return: 1 when its valid_zones is "Movable", 0 when another zone, a
 * negative errno when unreadable.
 * Since: LIBDAXCTL_1
 */
int daxctl_memory_block_is_movable(struct daxctl_memory *mem, unsigned long long block);

/**
 * daxctl_memory_num_sections() - how many of the device's blocks are plugged
 * @mem: a memory object
 *
 * Return: the count of the device's blocks that exist in sysfs.
 * Since: LIBDAXCTL_1
 */
int daxctl_memory_num_sections(struct daxctl_memory *mem);

/**
 * daxctl_memory_is_online() - how many of the device's blocks are online
 * @mem: a memory object
 *
 * Return: the count of online blocks (0: none).
 * Since: LIBDAXCTL_1
 */
int daxctl_memory_is_online(struct daxctl_memory *mem);

/**
 * daxctl_memory_is_movable() - which zone the device's memory is in
 * @mem: a memory object
 *
 * As upstream, the zone is only known when every plugged block is online.
 *
 * Return: 1 when all plugged blocks are online in ZONE_MOVABLE, 0 when all
 * are online and one is elsewhere, -ENXIO when one is offline or none is
 * plugged.
 * Since: LIBDAXCTL_1
 */
int daxctl_memory_is_movable(struct daxctl_memory *mem);

/**
 * daxctl_memory_online() - online the device's offline blocks into ZONE_MOVABLE
 * @mem: a memory object
 *
 * Blocks online already are left alone. When every block was online already,
 * they must be in ZONE_MOVABLE, or someone else (udev, the kernel's policy)
 * onlined them elsewhere: then a "detected a race" warning is logged and
 * -EBUSY returned, as upstream since v79.
 *
 * Return: the number of blocks this call onlined, 0 when all were online in
 * ZONE_MOVABLE, -EBUSY as above, or the first failed write's negative errno
 * (logged; blocks onlined before it stay online).
 * Since: LIBDAXCTL_1
 */
int daxctl_memory_online(struct daxctl_memory *mem);

/**
 * daxctl_memory_online_no_movable() - online the device's offline blocks into the kernel's zone
 * @mem: a memory object
 *
 * As daxctl_memory_online() with "online_kernel": the memory can hold kernel
 * allocations, and so may not be removable later. The race check wants the
 * blocks in ZONE_NORMAL.
 *
 * Return: as daxctl_memory_online().
 * Since: LIBDAXCTL_1
 */
int daxctl_memory_online_no_movable(struct daxctl_memory *mem);

/**
 * daxctl_memory_offline() - offline every online block of the device, or none
 * @mem: a memory object
 *
 * daxctl_memory_offline_all_or_none() without the failed block.
 *
 * Return: as daxctl_memory_offline_all_or_none().
 * Since: LIBDAXCTL_1
 */
int daxctl_memory_offline(struct daxctl_memory *mem);

/**
 * daxctl_memory_offline_all_or_none() - offline every online block, or none
 * @mem: a memory object
 * @failed_block: set to the block that stopped it (may be NULL)
 *
 * When an online block's "removable" is 0, nothing is tried and "memoryN is
 * unremovable" is logged (upstream v81). When the kernel refuses a block
 * (its pages cannot be migrated), the blocks this call offlined go back
 * online in their former zone.
 *
 * Return: the number of blocks offlined (0: none was online), -EOPNOTSUPP
 * for an unremovable block, the refused write's negative errno, -ENOMEM.
 * Since: LIBDAXCTL_1
 */
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

/**
 * daxctl_dev_to_json() - a device as `daxctl list` prints it
 * @dev: a device
 * @flags: DAXCTL_JSON_HUMAN (sizes as strings), DAXCTL_JSON_MAPPINGS (add
 *	"mappings")
 *
 * Keys in upstream's order: chardev, size, target_node, align, mode
 * ("system-ram" or "devdax"), the memory keys of a system-ram device,
 * "state": "disabled" when unbound, mappings.
 *
 * Return: a new json-c object (json_object_put() it), NULL when out of memory.
 * Since: LIBDAXCTL_1
 */
struct json_object *daxctl_dev_to_json(struct daxctl_dev *dev, unsigned flags);

/**
 * daxctl_dev_is_listed() - whether a listing shows this device
 * @dev: a device
 * @flags: DAXCTL_JSON_IDLE to show idle ones too
 *
 * As upstream, disabled devices are listed; only zero-sized (seed) devices
 * wait for DAXCTL_JSON_IDLE.
 *
 * Return: 1 when listed, 0 when not.
 * Since: LIBDAXCTL_1
 */
int daxctl_dev_is_listed(struct daxctl_dev *dev, unsigned flags);

/**
 * daxctl_region_to_json() - a region as `daxctl list -R` prints it
 * @region: a region
 * @devname: only this device in "devices" (NULL: every listed one)
 * @flags: enum daxctl_json_flags; DAXCTL_JSON_DEVICES adds "devices",
 *	DAXCTL_JSON_NO_PATH leaves out "path"
 *
 * Keys: path, id, size, available_size (when not 0), align, devices (when
 * asked and not empty).
 *
 * Return: a new json-c object (json_object_put() it), NULL when out of memory.
 * Since: LIBDAXCTL_1
 */
struct json_object *daxctl_region_to_json(struct daxctl_region *region,
		const char *devname, unsigned flags);

#ifdef __cplusplus
}
#endif

#endif
