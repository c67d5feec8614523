// SPDX-License-Identifier: GPL-2.0-only
/* Find the namespace under a file or a device dax, as libpmem2 does. */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/sysmacros.h>
#include "pmdk-caller.h"

static int devdax_match(dev_t rdev, const char *devname)
{
	char path[PATH_MAX];
	struct stat st;

	if (*devname == '\0')
		return 1;
	snprintf(path, sizeof(path), "/dev/%s", devname);
	if (stat(path, &st))
		return -1;
	return st.st_rdev == rdev ? 0 : 1;
}

static int fsdax_match(dev_t dev, const char *devname)
{
	char path[PATH_MAX], want[64], buf[64];
	ssize_t n;
	int fd;

	if (*devname == '\0')
		return 1;
	snprintf(path, sizeof(path), "/sys/block/%s/dev", devname);
	snprintf(want, sizeof(want), "%u:%u", major(dev), minor(dev));
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0 || buf[n - 1] != '\n')
		return -1;
	buf[n - 1] = '\0';
	return strcmp(buf, want) == 0 ? 0 : 1;
}

static int match_dax(struct ndctl_dax *dax, const struct stat *st)
{
	struct daxctl_region *dax_region = ndctl_dax_get_daxctl_region(dax);
	struct daxctl_dev *dev;

	if (!dax_region)
		return -1;
	daxctl_dev_foreach(dax_region, dev) {
		int ret = devdax_match(st->st_rdev, daxctl_dev_get_devname(dev));

		if (ret <= 0)
			return ret;
	}
	return 1;
}

static const char *block_device(struct ndctl_namespace *ndns)
{
	struct ndctl_btt *btt;
	struct ndctl_pfn *pfn;

	if ((btt = ndctl_namespace_get_btt(ndns)))
		return ndctl_btt_get_block_device(btt);
	if ((pfn = ndctl_namespace_get_pfn(ndns)))
		return ndctl_pfn_get_block_device(pfn);
	return ndctl_namespace_get_block_device(ndns);
}

int walk_region_namespace(struct ndctl_ctx *ctx, const struct stat *st,
		struct ndctl_region **pregion, struct ndctl_namespace **pndns)
{
	int is_devdax = S_ISCHR(st->st_mode);
	struct ndctl_region *region;
	struct ndctl_namespace *ndns;
	struct ndctl_bus *bus;

	*pregion = NULL;
	*pndns = NULL;
	if (S_ISDIR(st->st_mode))
		return -1;
	FOREACH_BUS_REGION_NAMESPACE(ctx, bus, region, ndns) {
		struct ndctl_dax *dax = ndctl_namespace_get_dax(ndns);
		int ret;

		if (dax) {
			if (!is_devdax)
				continue;
			ret = match_dax(dax, st);
		} else {
			if (is_devdax)
				continue;
			ret = fsdax_match(st->st_dev, block_device(ndns));
		}
		if (ret < 0)
			return ret;
		if (ret == 0) {
			*pregion = region;
			*pndns = ndns;
			return 0;
		}
	}
	return 0;
}
