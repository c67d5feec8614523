// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * One nd bus device: its life, its attributes as numbers and uuids, what its
 * driver link and children say. All of it is read through the topology's
 * attribute cache (attr-cache.c); binding the device is bind.c's.
 */
#define _GNU_SOURCE	/* getdents64 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "internal.h"

int nd_dev_init(struct nd_dev *dev, struct ndctl_ctx *ctx, struct nd_attr_cache *cache,
		const char *name)
{
	char devices[PATH_MAX], path[PATH_MAX];
	int rc = path_join(devices, sizeof(devices), ctx->base.root, "sys/bus/nd/devices");

	if (!rc)
		rc = path_join(path, sizeof(path), devices, name);
	if (rc)
		return rc;
	dev->ctx = ctx;
	dev->cache = cache;
	dev->dirfd = dev->dirfd_slot = dev->children_inside = -1;
	dev->name = strdup(name);
	dev->path = strdup(path);
	if (!dev->name || !dev->path) {
		nd_dev_release(dev);
		return -ENOMEM;
	}
	return 0;
}

void *nd_obj_new(size_t size, struct ndctl_ctx *ctx, struct nd_attr_cache *cache,
		const char *name)
{
	struct nd_dev *dev = calloc(1, size);

	if (dev && nd_dev_init(dev, ctx, cache, name)) {
		free(dev);
		dev = NULL;
	}
	return dev;
}

void *nd_obj_under(size_t size, const struct nd_dev *parent, const char *name)
{
	return nd_obj_new(size, parent->ctx, parent->cache, name);
}

void nd_dev_release(struct nd_dev *dev)
{
	nd_dev_attrs_release(dev);
	free(dev->name);
	free(dev->path);
	dev->name = dev->path = NULL;
	nd_badblocks_release(&dev->badblocks);
}

unsigned long long nd_dev_u64(struct nd_dev *dev, const char *attr)
{
	char buf[SYSFS_ATTR_SIZE];

	return nd_dev_read(dev, attr, buf) ? 0 : sysfs_loose_u64(buf, 0);
}

unsigned long long nd_dev_u64_or_max(struct nd_dev *dev, const char *attr)
{
	char buf[SYSFS_ATTR_SIZE];

	return nd_dev_read(dev, attr, buf) ? ULLONG_MAX : sysfs_loose_u64(buf, ULLONG_MAX);
}

int nd_dev_int(struct nd_dev *dev, const char *attr, int dflt)
{
	char buf[SYSFS_ATTR_SIZE];

	return nd_dev_read(dev, attr, buf) ? dflt : (int)sysfs_loose_s64(buf, dflt);
}

/* Keys of the facts kept beside the attributes: no attribute has parentheses. */
#define KEY_DRIVER "(driver)"

bool nd_dev_has_driver(struct nd_dev *dev)
{
	struct nd_attr *a = nd_attr_find(dev, KEY_DRIVER);
	char path[PATH_MAX];
	struct stat st;
	bool bound;

	int dirfd;

	if (a)
		return a->value[0] == '1';
	if (nd_attr_at(dev, "driver", &dirfd, path, sizeof(path)))
		return false;
	bound = fstatat(dirfd, path, &st, AT_SYMLINK_NOFOLLOW) == 0;
	nd_attr_remember(dev, KEY_DRIVER, bound ? "1" : "0", 0);
	return bound;
}

/* For polling: the kernel binds and unbinds on its own time. */
bool nd_dev_has_driver_fresh(struct nd_dev *dev)
{
	nd_attr_forget(dev, KEY_DRIVER);
	return nd_dev_has_driver(dev);
}

static bool child_matches(const char *name, const char *prefix)
{
	size_t plen = strlen(prefix);

	/* "dax" must match dax0.1, not dax_region */
	return name[0] != '.' && strncmp(name, prefix, plen) == 0 &&
		(!plen || isdigit((unsigned char)name[plen]));
}

/*
 * getdents64 on the directory fd, not opendir: a DIR costs an fstat and two
 * fcntl calls more, per namespace listed (docs/performance.md).
 */
static int child_scan(struct nd_dev *dev, const char *subdir, const char *prefix,
		char *out, size_t len)
{
	char path[PATH_MAX], buf[4096] __attribute__((aligned(8)));
	int rc = -ENOENT, dirfd, fd;
	ssize_t n;

	if (nd_attr_at(dev, subdir, &dirfd, path, sizeof(path)))
		return -ENAMETOOLONG;
	fd = openat(dirfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while (rc == -ENOENT && (n = getdents64(fd, buf, sizeof(buf))) > 0) {
		for (ssize_t off = 0; off < n; ) {
			const struct dirent64 *de = (const void *)(buf + off);

			off += de->d_reclen;
			if (child_matches(de->d_name, prefix)) {
				rc = path_join(out, len, NULL, de->d_name);
				break;
			}
		}
	}
	close(fd);
	return rc;
}

/* The cache key of nd_dev_child()'s answer. */
static int child_key(char *key, size_t len, const char *subdir, const char *prefix)
{
	size_t lsub = strlen(subdir), lpre = strlen(prefix);

	if (lsub + lpre + sizeof("(/*)") > len)
		return -ENAMETOOLONG;
	key[0] = '(';
	memcpy(key + 1, subdir, lsub);
	key[1 + lsub] = '/';
	memcpy(key + 2 + lsub, prefix, lpre);
	memcpy(key + 2 + lsub + lpre, "*)", sizeof("*)"));
	return 0;
}

int nd_dev_child(struct nd_dev *dev, const char *subdir, const char *prefix,
		char *out, size_t len)
{
	char key[PATH_MAX], name[SYSFS_ATTR_SIZE];
	struct nd_attr *a;
	int rc;

	if (child_key(key, sizeof(key), subdir, prefix))
		return -ENAMETOOLONG;
	a = nd_attr_find(dev, key);
	if (a) {
		rc = a->rc ? a->rc : path_join(out, len, NULL, a->value);
	} else {
		name[0] = '\0';
		rc = child_scan(dev, subdir, prefix, name, sizeof(name));
		nd_attr_remember(dev, key, name, rc);
		if (!rc)
			rc = path_join(out, len, NULL, name);
	}
	if (rc && len)
		out[0] = '\0';
	return rc;
}

/*
 * A device whose driver, once bound, makes one child in subdir under a name
 * the kernel chose (a namespace bound raw: its disk in block/). Knowing the
 * child is there (exists, or one stat of subdir/guess) answers both
 * nd_dev_has_driver() and nd_dev_child(); if not, the driver link says, and
 * an unbound device has no child. A bound device whose child has another
 * name is left to the scan.
 */
bool nd_dev_has_driver_child(struct nd_dev *dev, const char *subdir, const char *guess,
		int exists)
{
	char key[PATH_MAX], rel[PATH_MAX], path[PATH_MAX];
	struct stat st;
	bool bound;
	int dirfd;

	if (nd_attr_find(dev, KEY_DRIVER) || child_key(key, sizeof(key), subdir, ""))
		return nd_dev_has_driver(dev);
	if (exists < 0 && !path_join(rel, sizeof(rel), subdir, guess) &&
			!nd_attr_at(dev, rel, &dirfd, path, sizeof(path)))
		exists = fstatat(dirfd, path, &st, AT_SYMLINK_NOFOLLOW) == 0;
	if (exists > 0 && !nd_attr_find(dev, key)) {
		nd_attr_remember(dev, key, guess, 0);
		nd_attr_remember(dev, KEY_DRIVER, "1", 0);
		return true;
	}
	bound = nd_dev_has_driver(dev);
	if (!bound && !nd_attr_find(dev, key))
		nd_attr_remember(dev, key, "", -ENOENT);
	return bound;
}

int nd_dev_driver_cached(struct nd_dev *dev)
{
	struct nd_attr *a = nd_attr_find(dev, KEY_DRIVER);

	return a ? a->value[0] == '1' : -1;
}

void nd_dev_read_uuid(struct nd_dev *dev, uuid_t uu)
{
	char buf[SYSFS_ATTR_SIZE];

	if (nd_dev_read(dev, "uuid", buf) || uuid_parse(buf, uu))
		uuid_clear(uu);
}

int nd_dev_write_uuid(struct nd_dev *dev, const uuid_t uu)
{
	char buf[40];

	uuid_unparse(uu, buf);
	return nd_dev_write(dev, "uuid", buf);
}
