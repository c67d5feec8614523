// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The attribute cache the topology reads sysfs through: each nd_dev's values
 * (kept until a write moves the generation on), the directory descriptors
 * attributes are opened from, and the closes that wait to go in batches.
 * Its state is the topology's (struct nd_attr_cache in struct
 * ndctl_topology); what the values mean is the objects' business.
 */
#define _GNU_SOURCE	/* O_PATH */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "internal.h"

static void attrs_drop(struct nd_dev *dev)
{
	while (dev->attrs) {
		struct nd_attr *a = dev->attrs;

		dev->attrs = a->next;
		free(a);
	}
}

/*
 * An attribute read is open, read, close: the closes wait, to go in one
 * close_range() per run of consecutive descriptors (the kernel hands out the
 * lowest free one, so a batch is mostly one run): 5 of a listed namespace's
 * 16 system calls were closes. At most ND_CLOSE_BATCH wait; writes and the
 * topology's end (ndctl_invalidate(), the context's end) close them all.
 */
static void close_run(int lo, int hi)
{
	if (lo == hi || close_range((unsigned int)lo, (unsigned int)hi, 0) < 0)
		for (int fd = lo; fd <= hi; fd++)
			close(fd);
}

static void close_batch(struct nd_attr_cache *cache)
{
	int *b = cache->close_batch;
	unsigned int i, j, n = cache->close_n;

	for (i = 1; i < n; i++)	/* insertion sort: a few, nearly sorted */
		for (j = i; j > 0 && b[j - 1] > b[j]; j--) {
			int t = b[j];

			b[j] = b[j - 1];
			b[j - 1] = t;
		}
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && b[j] == b[j - 1] + 1; j++)
			;
		close_run(b[i], b[j - 1]);
	}
	cache->close_n = 0;
}

static void close_later(struct nd_attr_cache *cache, int fd)
{
	if (cache->close_n == ND_CLOSE_BATCH)
		close_batch(cache);
	cache->close_batch[cache->close_n++] = fd;
}

/*
 * Attributes are opened relative to a descriptor of the device's directory:
 * one walk of its path (through the /sys/bus/nd/devices symlink) per device,
 * then one name per attribute. At most ND_DIRFD_RING stay open per
 * topology, the oldest closed first; every write closes them all, since
 * enabling or disabling a region replaces its children's directories.
 */
static void dirfd_close(struct nd_dev *dev)
{
	if (dev->dirfd < 0)
		return;
	close(dev->dirfd);
	dev->cache->dirfd_ring[dev->dirfd_slot] = NULL;
	dev->dirfd = dev->dirfd_slot = dev->children_inside = -1;
}

static void dirfds_close_all(struct nd_attr_cache *cache)
{
	unsigned int i;

	for (i = 0; i < ND_DIRFD_RING; i++)
		if (cache->dirfd_ring[i])
			dirfd_close(cache->dirfd_ring[i]);
}

/* -1 if the directory cannot be opened: callers then use the full path. */
static int dev_dirfd(struct nd_dev *dev)
{
	struct nd_attr_cache *cache = dev->cache;
	unsigned int slot = cache->dirfd_next;

	if (dev->dirfd >= 0)
		return dev->dirfd;
	if (cache->dirfd_ring[slot])
		dirfd_close(cache->dirfd_ring[slot]);
	dev->dirfd = open(dev->path, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dev->dirfd < 0)
		return -1;
	dev->dirfd_slot = (int)slot;
	cache->dirfd_ring[slot] = dev;
	cache->dirfd_next = (slot + 1) % ND_DIRFD_RING;
	return dev->dirfd;
}

/*
 * The kernel makes a region's namespaces and personalities subdirectories of
 * the region's: opened as "namespace0.7/size" from the region's descriptor,
 * a child needs no directory walk (nor descriptor) of its own. One stat of
 * the first child asked about tells whether this tree is laid out so (a
 * captured or flat tree may not be); a child gone since the scan says
 * nothing either way.
 */
static int parent_dirfd(struct nd_dev *dev)
{
	struct nd_dev *parent = dev->parent;
	struct stat st;
	int fd;

	if (!parent || (fd = dev_dirfd(parent)) < 0 || parent->children_inside == 0)
		return -1;
	if (parent->children_inside < 0) {
		if (fstatat(fd, dev->name, &st, AT_SYMLINK_NOFOLLOW) == 0)
			parent->children_inside = S_ISDIR(st.st_mode);
		else if (errno != ENOENT)
			parent->children_inside = 0;
		if (parent->children_inside != 1)
			return -1;
	}
	return fd;
}

/* Where to open attr: *dirfd and a name in it, or AT_FDCWD and the full path. */
int nd_attr_at(struct nd_dev *dev, const char *attr, int *dirfd, char *path, size_t len)
{
	*dirfd = parent_dirfd(dev);
	if (*dirfd >= 0)
		return path_join(path, len, dev->name, attr);
	*dirfd = dev_dirfd(dev);
	if (*dirfd >= 0)
		return path_join(path, len, NULL, attr);
	*dirfd = AT_FDCWD;
	return path_join(path, len, dev->path, attr);
}

/* After any write the kernel may have changed any attribute of any object. */
void nd_attrs_stale(struct nd_attr_cache *cache)
{
	cache->gen++;
	dirfds_close_all(cache);
	close_batch(cache);
}

void nd_attrs_forget(struct ndctl_ctx *ctx)
{
	if (ctx->topology)
		ctx->topology->attrs.gen++;
}

void nd_dev_attrs_release(struct nd_dev *dev)
{
	dirfd_close(dev);
	attrs_drop(dev);
}

/* The topology's end: its devices are released, their closes may still wait. */
void nd_attr_cache_release(struct nd_attr_cache *cache)
{
	close_batch(cache);
}

static struct nd_attr **attr_slot(struct nd_dev *dev, const char *attr)
{
	struct nd_attr **slot;

	if (dev->attr_gen != dev->cache->gen) {
		attrs_drop(dev);
		dev->attr_gen = dev->cache->gen;
	}
	for (slot = &dev->attrs; *slot; slot = &(*slot)->next)
		if (strcmp((*slot)->name, attr) == 0)
			break;
	return slot;
}

struct nd_attr *nd_attr_find(struct nd_dev *dev, const char *key)
{
	return *attr_slot(dev, key);
}

/* Out of memory only costs a re-read later. */
void nd_attr_remember(struct nd_dev *dev, const char *attr, const char *value, int rc)
{
	size_t lname = strlen(attr) + 1, lvalue = strlen(value) + 1;
	struct nd_attr *a = malloc(sizeof(*a) + lname + lvalue);

	if (!a)
		return;
	a->rc = rc;
	memcpy(a->name, attr, lname);
	a->value = a->name + lname;
	memcpy(a->value, value, lvalue);
	a->next = dev->attrs;
	dev->attrs = a;
}

void nd_attr_forget(struct nd_dev *dev, const char *attr)
{
	struct nd_attr **slot = attr_slot(dev, attr), *a = *slot;

	if (a) {
		*slot = a->next;
		free(a);
	}
}

static int attr_path(struct nd_dev *dev, const char *attr, char *path, size_t len)
{
	return path_join(path, len, dev->path, attr);
}

static int read_uncached(struct nd_dev *dev, const char *attr, char *buf)
{
	char path[PATH_MAX];
	int fd, dirfd, rc = nd_attr_at(dev, attr, &dirfd, path, sizeof(path));

	if (!rc)
		rc = sysfs_read_attr_open(&dev->ctx->base.log, dirfd, path, buf, &fd);
	if (!rc)
		close_later(dev->cache, fd);
	if (rc)
		buf[0] = '\0';
	dbg(dev->ctx, "attribute read: %s/%s\n", dev->name, attr);
	return rc;
}

/*
 * Re-read at each call, as upstream does: what other namespaces take from a
 * region, so a long-lived context sees other processes' allocations, and the
 * root-only physical addresses.
 */
static bool attr_volatile(const char *attr)
{
	return strcmp(attr, "available_size") == 0 ||
		strcmp(attr, "max_available_extent") == 0 ||
		strcmp(attr, "resource") == 0;
}

int nd_dev_read(struct nd_dev *dev, const char *attr, char *buf)
{
	struct nd_attr *a;
	int rc;

	if (attr_volatile(attr))
		return read_uncached(dev, attr, buf);
	a = *attr_slot(dev, attr);
	if (a) {
		strcpy(buf, a->value);
		return a->rc;
	}
	rc = read_uncached(dev, attr, buf);
	nd_attr_remember(dev, attr, buf, rc);
	return rc;
}

int nd_dev_read_fresh(struct nd_dev *dev, const char *attr, char *buf)
{
	nd_attr_forget(dev, attr);
	return nd_dev_read(dev, attr, buf);
}

int nd_dev_write(struct nd_dev *dev, const char *attr, const char *value)
{
	char path[PATH_MAX];
	int rc = attr_path(dev, attr, path, sizeof(path));

	/* a zero-length write never reaches the kernel's store: clear with "\n" */
	if (!rc && !value[0])
		value = "\n";
	if (rc)
		return rc;
	rc = sysfs_write_attr(&dev->ctx->base.log, path, value);
	nd_attrs_stale(dev->cache);
	return rc;
}
