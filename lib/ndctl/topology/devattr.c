// SPDX-License-Identifier: LGPL-2.1-or-later
/* Attributes and driver links of one nd bus device (binding it: bind.c). */
#define _GNU_SOURCE	/* O_PATH */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "internal.h"

int nd_dev_init(struct nd_dev *dev, struct ndctl_ctx *ctx, const char *name)
{
	char devices[PATH_MAX], path[PATH_MAX];
	int rc = path_join(devices, sizeof(devices), ctx->base.root, "sys/bus/nd/devices");

	if (!rc)
		rc = path_join(path, sizeof(path), devices, name);
	if (rc)
		return rc;
	dev->ctx = ctx;
	dev->dirfd = dev->dirfd_slot = dev->children_inside = -1;
	dev->name = strdup(name);
	dev->path = strdup(path);
	if (!dev->name || !dev->path) {
		nd_dev_release(dev);
		return -ENOMEM;
	}
	return 0;
}

void *nd_obj_new(size_t size, struct ndctl_ctx *ctx, const char *name)
{
	struct nd_dev *dev = calloc(1, size);

	if (dev && nd_dev_init(dev, ctx, name)) {
		free(dev);
		dev = NULL;
	}
	return dev;
}

/* One allocation: the value follows the name. */
struct nd_attr {
	struct nd_attr *next;
	int rc;			/* a failed read (absent attribute) is kept too */
	char *value;
	char name[];
};

static void attrs_drop(struct nd_dev *dev)
{
	while (dev->attrs) {
		struct nd_attr *a = dev->attrs;

		dev->attrs = a->next;
		free(a);
	}
}

/*
 * Attributes are opened relative to a descriptor of the device's directory:
 * one walk of its path (through the /sys/bus/nd/devices symlink) per device,
 * then one name per attribute. At most ARRAY_SIZE(ctx->dirfd_ring) stay open
 * per context, the oldest closed first; every write closes them all, since
 * enabling or disabling a region replaces its children's directories.
 */
#define DIRFD_RING_SIZE (sizeof(((struct ndctl_ctx *)0)->dirfd_ring) / sizeof(struct nd_dev *))

static void dirfd_close(struct nd_dev *dev)
{
	if (dev->dirfd < 0)
		return;
	close(dev->dirfd);
	dev->ctx->dirfd_ring[dev->dirfd_slot] = NULL;
	dev->dirfd = dev->dirfd_slot = dev->children_inside = -1;
}

static void dirfds_close_all(struct ndctl_ctx *ctx)
{
	unsigned int i;

	for (i = 0; i < DIRFD_RING_SIZE; i++)
		if (ctx->dirfd_ring[i])
			dirfd_close(ctx->dirfd_ring[i]);
}

/* -1 if the directory cannot be opened: callers then use the full path. */
static int dev_dirfd(struct nd_dev *dev)
{
	struct ndctl_ctx *ctx = dev->ctx;
	unsigned int slot = ctx->dirfd_next;

	if (dev->dirfd >= 0)
		return dev->dirfd;
	if (ctx->dirfd_ring[slot])
		dirfd_close(ctx->dirfd_ring[slot]);
	dev->dirfd = open(dev->path, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dev->dirfd < 0)
		return -1;
	dev->dirfd_slot = (int)slot;
	ctx->dirfd_ring[slot] = dev;
	ctx->dirfd_next = (slot + 1) % DIRFD_RING_SIZE;
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
static int attr_at(struct nd_dev *dev, const char *attr, int *dirfd, char *path, size_t len)
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

void nd_dev_release(struct nd_dev *dev)
{
	dirfd_close(dev);
	attrs_drop(dev);
	free(dev->name);
	free(dev->path);
	dev->name = dev->path = NULL;
	nd_badblocks_release(&dev->badblocks);
}

/* After any write the kernel may have changed any attribute of any object. */
void nd_attrs_stale(struct ndctl_ctx *ctx)
{
	ctx->attr_gen++;
	dirfds_close_all(ctx);
	nd_close_batch(ctx);
}

static struct nd_attr **attr_slot(struct nd_dev *dev, const char *attr)
{
	struct nd_attr **slot;

	if (dev->attr_gen != dev->ctx->attr_gen) {
		attrs_drop(dev);
		dev->attr_gen = dev->ctx->attr_gen;
	}
	for (slot = &dev->attrs; *slot; slot = &(*slot)->next)
		if (strcmp((*slot)->name, attr) == 0)
			break;
	return slot;
}

/* Out of memory only costs a re-read later. */
static void attr_remember(struct nd_dev *dev, const char *attr, const char *value, int rc)
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

static void attr_forget(struct nd_dev *dev, const char *attr)
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

/*
 * An attribute read is open, read, close: the closes wait, to go in one
 * close_range() per run of consecutive descriptors (the kernel hands out the
 * lowest free one, so a batch is mostly one run): 5 of a listed namespace's
 * 16 system calls were closes. At most ARRAY_SIZE(close_batch) wait; writes,
 * ndctl_invalidate() and the context's end close them all.
 */
#define CLOSE_BATCH_SIZE (sizeof(((struct ndctl_ctx *)0)->close_batch) / sizeof(int))

static void close_run(int lo, int hi)
{
	if (lo == hi || close_range((unsigned int)lo, (unsigned int)hi, 0) < 0)
		for (int fd = lo; fd <= hi; fd++)
			close(fd);
}

void nd_close_batch(struct ndctl_ctx *ctx)
{
	int *b = ctx->close_batch;
	unsigned int i, j, n = ctx->close_n;

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
	ctx->close_n = 0;
}

static void close_later(struct ndctl_ctx *ctx, int fd)
{
	if (ctx->close_n == CLOSE_BATCH_SIZE)
		nd_close_batch(ctx);
	ctx->close_batch[ctx->close_n++] = fd;
}

static int read_uncached(struct nd_dev *dev, const char *attr, char *buf)
{
	char path[PATH_MAX];
	int fd, dirfd, rc = attr_at(dev, attr, &dirfd, path, sizeof(path));

	if (!rc)
		rc = sysfs_read_attr_open(&dev->ctx->base.log, dirfd, path, buf, &fd);
	if (!rc)
		close_later(dev->ctx, fd);
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
	attr_remember(dev, attr, buf, rc);
	return rc;
}

int nd_dev_read_fresh(struct nd_dev *dev, const char *attr, char *buf)
{
	attr_forget(dev, attr);
	return nd_dev_read(dev, attr, buf);
}

unsigned long long nd_dev_u64(struct nd_dev *dev, const char *attr)
{
	char buf[SYSFS_ATTR_SIZE];

	if (nd_dev_read(dev, attr, buf) || !buf[0])
		return 0;
	return strtoull(buf, NULL, 0);
}

unsigned long long nd_dev_u64_or_max(struct nd_dev *dev, const char *attr)
{
	char buf[SYSFS_ATTR_SIZE];

	if (nd_dev_read(dev, attr, buf) || !buf[0])
		return ULLONG_MAX;
	return strtoull(buf, NULL, 0);
}

int nd_dev_int(struct nd_dev *dev, const char *attr, int dflt)
{
	char buf[SYSFS_ATTR_SIZE];

	if (nd_dev_read(dev, attr, buf) || !buf[0])
		return dflt;
	return (int)strtol(buf, NULL, 0);
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
	nd_attrs_stale(dev->ctx);
	return rc;
}

/* Keys of the facts kept beside the attributes: no attribute has parentheses. */
#define KEY_DRIVER "(driver)"

bool nd_dev_has_driver(struct nd_dev *dev)
{
	struct nd_attr *a = *attr_slot(dev, KEY_DRIVER);
	char path[PATH_MAX];
	struct stat st;
	bool bound;

	int dirfd;

	if (a)
		return a->value[0] == '1';
	if (attr_at(dev, "driver", &dirfd, path, sizeof(path)))
		return false;
	bound = fstatat(dirfd, path, &st, AT_SYMLINK_NOFOLLOW) == 0;
	attr_remember(dev, KEY_DRIVER, bound ? "1" : "0", 0);
	return bound;
}

/* For polling: the kernel binds and unbinds on its own time. */
bool nd_dev_has_driver_fresh(struct nd_dev *dev)
{
	attr_forget(dev, KEY_DRIVER);
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

	if (attr_at(dev, subdir, &dirfd, path, sizeof(path)))
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
	a = *attr_slot(dev, key);
	if (a) {
		rc = a->rc ? a->rc : path_join(out, len, NULL, a->value);
	} else {
		name[0] = '\0';
		rc = child_scan(dev, subdir, prefix, name, sizeof(name));
		attr_remember(dev, key, name, rc);
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

	if (*attr_slot(dev, KEY_DRIVER) || child_key(key, sizeof(key), subdir, ""))
		return nd_dev_has_driver(dev);
	if (exists < 0 && !path_join(rel, sizeof(rel), subdir, guess) &&
			!attr_at(dev, rel, &dirfd, path, sizeof(path)))
		exists = fstatat(dirfd, path, &st, AT_SYMLINK_NOFOLLOW) == 0;
	if (exists > 0 && !*attr_slot(dev, key)) {
		attr_remember(dev, key, guess, 0);
		attr_remember(dev, KEY_DRIVER, "1", 0);
		return true;
	}
	bound = nd_dev_has_driver(dev);
	if (!bound && !*attr_slot(dev, key))
		attr_remember(dev, key, "", -ENOENT);
	return bound;
}

int nd_dev_driver_cached(struct nd_dev *dev)
{
	struct nd_attr *a = *attr_slot(dev, KEY_DRIVER);

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

struct ndctl_namespace *persona_get_namespace(struct nd_persona *p)
{
	char buf[SYSFS_ATTR_SIZE];
	struct ndctl_namespace *ndns;

	if (nd_dev_read(&p->dev, "namespace", buf) || !buf[0])
		return NULL;
	for (ndns = p->region->namespaces; ndns; ndns = ndns->next)
		if (strcmp(ndns->dev.name, buf) == 0)
			return ndns;
	return NULL;
}

int persona_set_namespace(struct nd_persona *p, struct ndctl_namespace *ndns)
{
	return nd_dev_write(&p->dev, "namespace", ndns ? ndns->dev.name : "");
}

const char *persona_block_device(struct nd_persona *p)
{
	static __thread char name[64];

	if (nd_dev_child(&p->dev, "block", "", name, sizeof(name)))
		name[0] = '\0';
	return name;
}
