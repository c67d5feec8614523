// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "internal.h"

/*
 * Bound (raw), a namespace has its disk, which the kernel names pmemX.Y, or
 * pmemX for id 0 (nvdimm_namespace_disk_name()): "namespaceX.Y" gives both.
 */
static void disk_name(struct ndctl_namespace *ndns, const char *name)
{
	const char *x = name + strlen("namespace"), *dot = strchr(x, '.');
	size_t len = dot && !ndns->id ? (size_t)(dot - x) : strlen(x);

	if (strlen("pmem") + len >= sizeof(ndns->disk))
		return;
	memcpy(ndns->disk, "pmem", strlen("pmem"));
	memcpy(ndns->disk + strlen("pmem"), x, len);
	ndns->disk[strlen("pmem") + len] = '\0';
}

int namespace_add(struct ndctl_region *region, const char *name, bool inside)
{
	struct ndctl_namespace *ndns = nd_obj_under(sizeof(*ndns), &region->dev, name);
	const char *dot = strchr(name, '.');

	if (!ndns)
		return -ENOMEM;
	ndns->region = region;
	ndns->dev.parent = inside ? &region->dev : NULL;
	ndns->id = dot ? (unsigned int)strtoul(dot + 1, NULL, 10) : 0;
	disk_name(ndns, name);
	list_append(region->namespaces, ndns);
	return 0;
}

LIB_MEMBER_GETTER(struct ndctl_namespace *, ndctl_namespace_get_first, struct ndctl_region,
		  namespaces)
LIB_MEMBER_GETTER(struct ndctl_namespace *, ndctl_namespace_get_next, struct ndctl_namespace, next)
LIB_MEMBER_GETTER(struct ndctl_region *, ndctl_namespace_get_region, struct ndctl_namespace, region)

NDCTL_EXPORT struct ndctl_bus *ndctl_namespace_get_bus(struct ndctl_namespace *ndns)
{
	return ndns->region->bus;
}

LIB_MEMBER_GETTER(struct ndctl_ctx *, ndctl_namespace_get_ctx, struct ndctl_namespace, dev.ctx)
LIB_MEMBER_GETTER(const char *, ndctl_namespace_get_devname, struct ndctl_namespace, dev.name)
LIB_MEMBER_GETTER(unsigned int, ndctl_namespace_get_id, struct ndctl_namespace, id)

NDCTL_EXPORT unsigned long long ndctl_namespace_get_size(struct ndctl_namespace *ndns)
{
	return nd_dev_u64(&ndns->dev, "size");
}

NDCTL_EXPORT void ndctl_namespace_get_uuid(struct ndctl_namespace *ndns, uuid_t uu)
{
	nd_dev_read_uuid(&ndns->dev, uu);
}

NDCTL_EXPORT const char *ndctl_namespace_get_alt_name(struct ndctl_namespace *ndns)
{
	char attr[SYSFS_ATTR_SIZE];
	size_t len;

	nd_dev_read(&ndns->dev, "alt_name", attr);
	len = strnlen(attr, sizeof(ndns->alt_name) - 1);
	memcpy(ndns->alt_name, attr, len);
	ndns->alt_name[len] = '\0';
	return ndns->alt_name;
}

/* Physical start of a raw/sector namespace; ULLONG_MAX when unreadable. */
NDCTL_EXPORT unsigned long long ndctl_namespace_get_resource(struct ndctl_namespace *ndns)
{
	return nd_dev_u64_or_max(&ndns->dev, "resource");
}

/*
 * "[512] 4096": the bracketed entry is the current one. As upstream: 0 for a
 * namespace without sizes, UINT_MAX when none is selected yet (a seed that
 * never had one written shows "512 4096").
 */
NDCTL_EXPORT unsigned int ndctl_namespace_get_sector_size(struct ndctl_namespace *ndns)
{
	char buf[SYSFS_ATTR_SIZE];
	const char *cur;

	if (nd_dev_read(&ndns->dev, "sector_size", buf) || !buf[strspn(buf, " \n")])
		return 0;
	cur = strchr(buf, '[');
	return cur ? (unsigned int)strtoul(cur + 1, NULL, 10) : UINT_MAX;
}

/* The sizes listed in "sector_size" ("[512] 4096"), brackets or not. */
static int sector_sizes(struct ndctl_namespace *ndns, unsigned int *out, int max)
{
	char buf[SYSFS_ATTR_SIZE];
	char *p, *end;
	int n = 0;

	if (nd_dev_read(&ndns->dev, "sector_size", buf))
		return 0;
	for (p = buf; *p && n < max; p = end) {
		unsigned long v;

		p += strspn(p, " [");
		v = strtoul(p, &end, 10);
		if (end == p)
			break;
		out[n++] = (unsigned int)v;
		end += strspn(end, "]");
	}
	return n;
}

NDCTL_EXPORT int ndctl_namespace_get_num_sector_sizes(struct ndctl_namespace *ndns)
{
	unsigned int sizes[16];

	return sector_sizes(ndns, sizes, 16);
}

NDCTL_EXPORT unsigned int ndctl_namespace_get_supported_sector_size(
		struct ndctl_namespace *ndns, int i)
{
	unsigned int sizes[16];
	int n = sector_sizes(ndns, sizes, 16);

	if (n == 0)
		return 0;
	if (i < 0 || i >= n) {
		errno = EINVAL;
		return UINT_MAX;
	}
	return sizes[i];
}

NDCTL_EXPORT int ndctl_namespace_get_numa_node(struct ndctl_namespace *ndns)
{
	return nd_dev_int(&ndns->dev, "numa_node", -1);
}

NDCTL_EXPORT int ndctl_namespace_get_target_node(struct ndctl_namespace *ndns)
{
	return nd_dev_int(&ndns->dev, "target_node", -1);
}

/*
 * The one table of namespace mode names: the name users give and ndctl
 * prints, and the kernel's (its "mode" attribute), upstream's older names,
 * which upstream's commands still accept.
 */
static const struct {
	const char *name, *kernel;
} mode_names[] = {
	[NDCTL_NS_MODE_MEMORY] = { "fsdax", "memory" },
	[NDCTL_NS_MODE_SAFE] = { "sector", "safe" },
	[NDCTL_NS_MODE_RAW] = { "raw", "raw" },
	[NDCTL_NS_MODE_DAX] = { "devdax", "dax" },
};

NDCTL_EXPORT const char *ndctl_namespace_mode_name(enum ndctl_namespace_mode mode)
{
	return (unsigned)mode < NDCTL_NS_MODE_UNKNOWN ? mode_names[mode].name : "unknown";
}

/* The mode @name spells in either column (kernel_only: the kernel's), or UNKNOWN. */
static enum ndctl_namespace_mode mode_from_name(const char *name, bool kernel_only)
{
	for (int i = 0; name && i < NDCTL_NS_MODE_UNKNOWN; i++)
		if (strcmp(name, mode_names[i].kernel) == 0 ||
				(!kernel_only && strcmp(name, mode_names[i].name) == 0))
			return (enum ndctl_namespace_mode)i;
	return NDCTL_NS_MODE_UNKNOWN;
}

NDCTL_EXPORT enum ndctl_namespace_mode ndctl_namespace_mode_from_name(const char *name)
{
	return mode_from_name(name, false);
}

/*
 * Each pfn, dax and btt device names the namespace it claims (the kernel sets
 * that and the namespace's "holder" together), so one read per personality
 * resolves the whole region, where a "holder" read per namespace would cost
 * hundreds on a full label area.
 */
#define CLAIM_ALL(region, list, field) do { \
	for (__typeof__((region)->list) _it = (region)->list; _it; _it = _it->next) { \
		struct ndctl_namespace *_ns = persona_get_namespace(&_it->p); \
		if (_ns) \
			_ns->field = _it; \
	} \
} while (0)

static void region_resolve_claims(struct ndctl_region *region)
{
	struct ndctl_namespace *ndns;
	unsigned int gen = region->dev.cache->gen;

	if (region->claims_known && region->claims_gen == gen)
		return;
	for (ndns = region->namespaces; ndns; ndns = ndns->next) {
		ndns->pfn = NULL;
		ndns->dax = NULL;
		ndns->btt = NULL;
	}
	CLAIM_ALL(region, pfns, pfn);
	CLAIM_ALL(region, daxs, dax);
	CLAIM_ALL(region, btts, btt);
	region->claims_known = true;
	region->claims_gen = gen;
}

/*
 * The kernel's "mode" attribute (mode_show()) is the claim's kind: btt
 * "safe", pfn "memory", dax "dax"; unclaimed "raw", except where the region
 * maps pages without a claim (ND_REGION_PAGEMAP: e820's legacy pmem, whose
 * unclaimed namespaces say "memory"). On an NFIT bus's pmem region the claims
 * already resolved (one read per personality) answer it, which saves a listed
 * namespace one of its five attribute reads; anywhere else the attribute does.
 */
static bool region_claims_decide_mode(struct ndctl_region *region)
{
	return strcmp(ndctl_region_get_type_name(region), "pmem") == 0 &&
		strcmp(ndctl_bus_get_provider(region->bus), "ACPI.NFIT") == 0;
}

static enum ndctl_namespace_mode claim_mode(struct ndctl_namespace *ndns)
{
	region_resolve_claims(ndns->region);
	return ndns->pfn ? NDCTL_NS_MODE_MEMORY : ndns->dax ? NDCTL_NS_MODE_DAX :
		ndns->btt ? NDCTL_NS_MODE_SAFE : NDCTL_NS_MODE_RAW;
}

NDCTL_EXPORT enum ndctl_namespace_mode ndctl_namespace_get_mode(
		struct ndctl_namespace *ndns)
{
	enum ndctl_namespace_mode mode;
	char buf[SYSFS_ATTR_SIZE];

	if (region_claims_decide_mode(ndns->region))
		return claim_mode(ndns);
	if (nd_dev_read(&ndns->dev, "mode", buf))
		return (enum ndctl_namespace_mode)-ENXIO;	/* upstream's, as the enum */
	mode = mode_from_name(buf, true);
	return mode == NDCTL_NS_MODE_UNKNOWN ? (enum ndctl_namespace_mode)-ENXIO : mode;
}

NDCTL_EXPORT struct ndctl_pfn *ndctl_namespace_get_pfn(struct ndctl_namespace *ndns)
{
	region_resolve_claims(ndns->region);
	return ndns->pfn;
}

NDCTL_EXPORT struct ndctl_dax *ndctl_namespace_get_dax(struct ndctl_namespace *ndns)
{
	region_resolve_claims(ndns->region);
	return ndns->dax;
}

NDCTL_EXPORT struct ndctl_btt *ndctl_namespace_get_btt(struct ndctl_namespace *ndns)
{
	region_resolve_claims(ndns->region);
	return ndns->btt;
}

static struct nd_persona *namespace_persona(struct ndctl_namespace *ndns)
{
	struct ndctl_pfn *pfn = ndctl_namespace_get_pfn(ndns);
	struct ndctl_dax *dax;
	struct ndctl_btt *btt;

	if (pfn)
		return &pfn->p;
	dax = ndctl_namespace_get_dax(ndns);
	if (dax)
		return &dax->p;
	btt = ndctl_namespace_get_btt(ndns);
	return btt ? &btt->p : NULL;
}

/*
 * Its disk tells both whether it is bound and the disk's name: an unclaimed
 * namespace's, looked up among the system's block devices (a personality
 * claiming it would have a disk of that name too), else a stat of it.
 */
static bool namespace_bound(struct ndctl_namespace *ndns)
{
	int exists = nd_dev_driver_cached(&ndns->dev);

	if (exists >= 0)
		return exists;
	if (!ndns->disk[0])
		return nd_dev_has_driver(&ndns->dev);
	region_resolve_claims(ndns->region);
	exists = ndns->pfn || ndns->dax || ndns->btt ? -1
		: nd_disk_exists(ndns->dev.ctx, ndns->disk);
	return nd_dev_has_driver_child(&ndns->dev, "block", ndns->disk, exists);
}

/* As upstream: the namespace device itself bound, not through a personality. */
NDCTL_EXPORT int ndctl_namespace_is_enabled(struct ndctl_namespace *ndns)
{
	return namespace_bound(ndns);
}

/* As upstream: the claiming personality's driver decides, else the namespace's. */
NDCTL_EXPORT bool ndctl_namespace_is_active(struct ndctl_namespace *ndns)
{
	struct ndctl_btt *btt = ndctl_namespace_get_btt(ndns);
	struct ndctl_pfn *pfn = ndctl_namespace_get_pfn(ndns);
	struct ndctl_dax *dax = ndctl_namespace_get_dax(ndns);

	return (btt && ndctl_btt_is_enabled(btt)) || (pfn && ndctl_pfn_is_enabled(pfn)) ||
		(dax && ndctl_dax_is_enabled(dax)) ||
		(!btt && !pfn && !dax && ndctl_namespace_is_enabled(ndns));
}

NDCTL_EXPORT int ndctl_namespace_is_configured(struct ndctl_namespace *ndns)
{
	return ndctl_namespace_get_size(ndns) > 0;
}

NDCTL_EXPORT const char *ndctl_namespace_get_block_device(struct ndctl_namespace *ndns)
{
	static __thread char name[64];

	namespace_bound(ndns);	/* which may find the disk, and then no scan */
	if (nd_dev_child(&ndns->dev, "block", "", name, sizeof(name)))
		name[0] = '\0';
	return name;
}

NDCTL_EXPORT int ndctl_namespace_set_uuid(struct ndctl_namespace *ndns, const uuid_t uu)
{
	return nd_dev_write_uuid(&ndns->dev, uu);
}

NDCTL_EXPORT int ndctl_namespace_set_alt_name(struct ndctl_namespace *ndns,
		const char *name)
{
	return nd_dev_write(&ndns->dev, "alt_name", name);
}

NDCTL_EXPORT int ndctl_namespace_set_size(struct ndctl_namespace *ndns,
		unsigned long long size)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%llu", size);
	return nd_dev_write(&ndns->dev, "size", buf);
}

NDCTL_EXPORT int ndctl_namespace_set_sector_size(struct ndctl_namespace *ndns,
		unsigned int sz)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%u", sz);
	return nd_dev_write(&ndns->dev, "sector_size", buf);
}

NDCTL_EXPORT int ndctl_namespace_set_holder_class(struct ndctl_namespace *ndns,
		const char *cls)
{
	return nd_dev_write(&ndns->dev, "holder_class", cls);
}

/* The kernel binds no namespace of size 0 (too small): say so rather than try. */
static int refuse_idle(struct ndctl_namespace *ndns, const char *what)
{
	if (ndctl_namespace_is_configured(ndns))
		return 0;
	err(ndns->dev.ctx, "%s is idle (size 0): %s; 'ndctl create-namespace' configures it\n",
			ndns->dev.name, what);
	return -ENXIO;
}

/*
 * As upstream: bind the namespace itself. An info block on the media makes
 * the kernel create that personality, claim the namespace and bind it; a
 * personality already claiming it unbound makes the kernel refuse (ENXIO).
 * Upstream's return: 0 when the namespace itself is bound, 1 when it is
 * enabled through its personality instead (also when it already was).
 */
NDCTL_EXPORT int ndctl_namespace_enable(struct ndctl_namespace *ndns)
{
	struct nd_persona *p;
	int rc;

	if (namespace_bound(ndns))
		return 0;
	p = namespace_persona(ndns);
	if (p && nd_dev_has_driver(&p->dev)) {
		dbg(ndns->dev.ctx, "%s: enabled via %s\n", ndns->dev.name, p->dev.name);
		return 1;
	}
	rc = refuse_idle(ndns, "nothing to enable") ?: nd_dev_enable_or_claimed(&ndns->dev);
	if (rc)
		return rc;
	return nd_dev_has_driver(&ndns->dev) ? 0 : 1;
}

/* "maj:min" of a block device under dir/block/NAME/dev, or "". */
static void persona_devt(struct nd_dev *dev, const char *block, char *out)
{
	char attr[128];

	snprintf(attr, sizeof(attr), "block/%s/dev", block);
	nd_dev_read(dev, attr, out);
}

static int mounted_at(struct ndctl_ctx *ctx, const char *devt, char *where, size_t len)
{
	char path[PATH_MAX], line[4096];
	int found = 0;
	FILE *f;

	if (path_printf(path, sizeof(path), "%s/proc/self/mountinfo", ctx->base.root))
		return 0;
	f = fopen(path, "re");
	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f)) {
		char id[32], mnt[1024];

		if (sscanf(line, "%*d %*d %31s %*s %1023s", id, mnt) == 2 &&
				strcmp(id, devt) == 0) {
			snprintf(where, len, "%s", mnt);
			found = 1;
		}
	}
	fclose(f);
	return found;
}

static int check_not_mounted(struct ndctl_namespace *ndns, struct nd_dev *holder)
{
	char block[64], devt[SYSFS_ATTR_SIZE], where[1024];

	if (nd_dev_child(holder, "block", "", block, sizeof(block)))
		return 0;
	persona_devt(holder, block, devt);
	if (devt[0] && mounted_at(ndns->dev.ctx, devt, where, sizeof(where))) {
		err(ndns->dev.ctx, "%s: /dev/%s is mounted at %s: unmount it first\n",
				ndns->dev.name, block, where);
		return -EBUSY;
	}
	return 0;
}

static int check_not_system_ram(struct ndctl_namespace *ndns, struct ndctl_dax *dax)
{
	const char *chardev = ndctl_dax_get_chardev(dax);

	if (!ndctl_dax_is_system_ram(dax))
		return 0;
	err(ndns->dev.ctx, "%s: %s is onlined as system-ram: run "
			"'daxctl reconfigure-device -m devdax %s' first\n",
			ndns->dev.name, chardev, chardev);
	return -EBUSY;
}

/*
 * Upstream's exclusive open of the block device a disable takes away: it
 * fails (EBUSY) while anything holds the device (a mount, swap, another
 * exclusive opener), and, held through the disable, keeps new mounts out.
 * *fd: the open descriptor, or -1 (no block device, or no node to open).
 */
static int open_exclusive(struct ndctl_namespace *ndns, struct nd_dev *holder, int *fd)
{
	char block[64], path[PATH_MAX];

	*fd = -1;
	if (nd_dev_child(holder, "block", "", block, sizeof(block)) ||
			path_printf(path, sizeof(path), "%s/dev/%s", ndns->dev.ctx->base.root, block))
		return 0;
	*fd = open(path, O_RDWR | O_EXCL | O_CLOEXEC);
	if (*fd >= 0 || errno != EBUSY)
		return 0;
	err(ndns->dev.ctx, "%s: /dev/%s is in use (held open exclusively): close it first\n",
			ndns->dev.name, block);
	return -EBUSY;
}

/*
 * Upstream's ndctl_namespace_disable_invalidate: the personality is deleted
 * (unbound and its claim released; the kernel then deletes it, or resets it
 * if it is the seed) and the namespace unbound, so it is raw with its size
 * again. Its info block stays on the media: the next enable makes the kernel
 * create the personality again.
 */
static int namespace_disable_invalidate(struct ndctl_namespace *ndns)
{
	struct nd_persona *p = namespace_persona(ndns);
	int rc = p ? nd_dev_disable(&p->dev) : 0;

	if (!rc && p)
		rc = persona_set_namespace(p, NULL);
	return rc ? rc : nd_dev_disable(&ndns->dev);
}

NDCTL_EXPORT int ndctl_namespace_disable_safe(struct ndctl_namespace *ndns)
{
	struct nd_persona *p = namespace_persona(ndns);
	struct ndctl_dax *dax = ndctl_namespace_get_dax(ndns);
	struct nd_dev *holder = p ? &p->dev : &ndns->dev;
	int rc, fd = -1;

	rc = check_not_mounted(ndns, holder);
	if (!rc && dax)
		rc = check_not_system_ram(ndns, dax);
	if (!rc)
		rc = open_exclusive(ndns, holder, &fd);
	if (!rc)
		rc = namespace_disable_invalidate(ndns);
	if (fd >= 0)
		close(fd);
	return rc;
}

/* Open the (raw-bound) namespace's block device, once its node is there: an fd or -errno. */
static int raw_open(struct ndctl_namespace *ndns, int oflags)
{
	char block[64], path[PATH_MAX];
	int fd;

	if (nd_dev_child(&ndns->dev, "block", "", block, sizeof(block)))
		return -ENXIO;
	if (path_printf(path, sizeof(path), "%s/dev/%s", ndns->dev.ctx->base.root, block))
		return -ENAMETOOLONG;
	if (nd_wait_path(path))
		return -ETIMEDOUT;
	fd = open(path, oflags | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

/* Read or write the first len bytes of the (raw-bound) block device. */
static int head_io(struct ndctl_namespace *ndns, void *buf, size_t len, bool write)
{
	ssize_t n;
	int fd = raw_open(ndns, write ? O_WRONLY : O_RDONLY), rc = 0;

	if (fd < 0)
		return fd;
	n = write ? pwrite(fd, buf, len, 0) : pread(fd, buf, len, 0);
	if (n != (ssize_t)len || (write && fsync(fd)))
		rc = -EIO;
	close(fd);
	return rc;
}

static void raw_unbind(struct ndctl_namespace *ndns)
{
	nd_dev_disable(&ndns->dev);
	nd_dev_write(&ndns->dev, "force_raw", "0");
}

/* Bind the disabled namespace raw: force_raw makes the kernel skip its info-block probes. */
static int raw_bind(struct ndctl_namespace *ndns)
{
	int rc = nd_dev_write(&ndns->dev, "force_raw", "1");

	if (!rc)
		rc = nd_dev_enable(&ndns->dev);
	if (rc)
		raw_unbind(ndns);
	return rc;
}

/* Bind it raw, do the head I/O, unbind. */
static int raw_head_io(struct ndctl_namespace *ndns, void *buf, size_t len, bool write)
{
	int rc = raw_bind(ndns);

	if (rc)
		return rc;
	rc = head_io(ndns, buf, len, write);
	raw_unbind(ndns);
	return rc;
}

/*
 * The kernel binds no driver to a namespace a personality claims, not even
 * raw, so its head cannot be read or written while the claim stands. As
 * upstream (its failed raw enable, then disable_invalidate): release the
 * claim, leave the namespace disabled and fail with ENXIO.
 */
static int refuse_claimed(struct ndctl_namespace *ndns)
{
	struct nd_persona *p = namespace_persona(ndns);

	if (!p)
		return 0;
	persona_set_namespace(p, NULL);
	err(ndns->dev.ctx, "%s: claimed by %s, which is not enabled: the kernel will not bind "
			"it, even raw; the claim is now released ('ndctl enable-namespace %s' "
			"probes its info block again)\n", ndns->dev.name, p->dev.name,
			ndns->dev.name);
	return -ENXIO;
}

/* Read or write the head of a disabled, unclaimed namespace that has capacity. */
static int head_access(struct ndctl_namespace *ndns, void *buf, size_t len, bool write,
		const char *idle_why)
{
	int rc = refuse_idle(ndns, idle_why);

	if (rc)
		return rc;
	if (ndctl_namespace_is_active(ndns)) {
		err(ndns->dev.ctx, "%s is enabled: disable it first ('ndctl "
				"disable-namespace %s')\n", ndns->dev.name, ndns->dev.name);
		return -EBUSY;
	}
	rc = refuse_claimed(ndns);
	return rc ? rc : raw_head_io(ndns, buf, len, write);
}

/*
 * For a whole-namespace access (btt-check.c): a disabled namespace bound
 * raw, a claim left by an unbound personality released first (upstream's
 * check ends with the claim released too), its block device opened.
 */
int namespace_raw_open(struct ndctl_namespace *ndns, int oflags)
{
	struct nd_persona *p = namespace_persona(ndns);
	int rc, fd;

	if (ndctl_namespace_is_active(ndns))
		return -EBUSY;
	if (p)
		persona_set_namespace(p, NULL);
	rc = raw_bind(ndns);
	if (rc)
		return rc;
	fd = raw_open(ndns, oflags);
	if (fd < 0)
		raw_unbind(ndns);
	return fd;
}

void namespace_raw_close(struct ndctl_namespace *ndns, int fd)
{
	close(fd);
	raw_unbind(ndns);
}

NDCTL_EXPORT int ndctl_namespace_read_head(struct ndctl_namespace *ndns, void *buf,
		size_t len)
{
	return head_access(ndns, buf, len, false, "no info block to read");
}

/*
 * Write raw and leave the namespace disabled, so that the next enable probes
 * the new block (upstream's write-infoblock does the same).
 */
NDCTL_EXPORT int ndctl_namespace_write_head(struct ndctl_namespace *ndns, const void *buf,
		size_t len)
{
	return head_access(ndns, (void *)buf, len, true, "no room for an info block");
}

/* rc, said as "<namespace>: <what>: <error>" when it is an error. */
static int logged(struct ndctl_namespace *ndns, int rc, const char *what)
{
	if (rc)
		err(ndns->dev.ctx, "%s: %s: %s\n", ndns->dev.name, what, strerror(-rc));
	return rc;
}

/*
 * A personality's info block stays on the media after the personality is
 * gone, and the kernel would find it again (the next raw enable fails, the
 * next namespace at that offset inherits it). Clear it as upstream does:
 * bind the namespace raw, zero its head unless it is zero already, unbind.
 * A namespace the kernel will not bind even raw is left, as upstream leaves it.
 */
int namespace_zero_info_block(struct ndctl_namespace *ndns)
{
	static const char zeros[8192];
	char head[sizeof(zeros)];
	int rc = raw_bind(ndns);

	if (rc) {
		err(ndns->dev.ctx, "%s: not bound raw (%s), so its head is not cleared: continuing\n",
				ndns->dev.name, strerror(-rc));
		return 0;
	}
	rc = head_io(ndns, head, sizeof(head), false);
	if (!rc && memcmp(head, zeros, sizeof(head)) != 0)
		rc = head_io(ndns, (void *)zeros, sizeof(zeros), true);
	raw_unbind(ndns);
	return logged(ndns, rc, "clearing its old info block failed");
}

/*
 * Whether its head may hold an info block the kernel would find again: not
 * when the kernel bound it raw on its own, having probed for one and found
 * none (force_raw skips that probe).
 */
static bool may_hold_info_block(struct ndctl_namespace *ndns)
{
	char force_raw[SYSFS_ATTR_SIZE];

	if (namespace_persona(ndns) || !namespace_bound(ndns))
		return true;
	return nd_dev_read(&ndns->dev, "force_raw", force_raw) || strcmp(force_raw, "0") != 0;
}

NDCTL_EXPORT int ndctl_namespace_delete(struct ndctl_namespace *ndns)
{
	bool clear = may_hold_info_block(ndns);
	int rc = ndctl_namespace_disable_safe(ndns);

	if (!rc && clear)
		rc = namespace_zero_info_block(ndns);
	if (rc)
		return rc;
	/*
	 * Absent when label-less (ENOENT); refused before any label write when
	 * claimed (EBUSY), or by the kernel's own checks (EINVAL, ENXIO: no free
	 * slot). Any other error is a DIMM's failed label write.
	 */
	rc = ndctl_namespace_set_holder_class(ndns, "");
	if (rc && rc != -ENOENT && rc != -EBUSY && rc != -EINVAL && rc != -ENXIO)
		return namespace_rewrite_failed(ndns, rc);
	rc = ndctl_namespace_set_size(ndns, 0);
	/*
	 * The kernel keeps an idle namespace's name, and upstream leaves it: the
	 * next create without -n inherits it there too.
	 */
	return logged(ndns, rc, "failed to release its capacity");
}

/* Label-less namespaces have no identity: no uuid attribute at all. */
/* pmem namespaces have a uuid attribute (maybe empty), io namespaces none */
NDCTL_EXPORT bool ndctl_namespace_has_uuid(struct ndctl_namespace *ndns)
{
	char buf[SYSFS_ATTR_SIZE];

	return nd_dev_read(&ndns->dev, "uuid", buf) == 0;
}

NDCTL_EXPORT int ndctl_namespace_clear_info_block(struct ndctl_namespace *ndns)
{
	return namespace_zero_info_block(ndns);
}
