// SPDX-License-Identifier: GPL-2.0-only
/*
 * The floor under `ndctl list -N` (shipped as a DATA file):
 *   list-floor SYSFS_REGION_DIR...
 * opens and reads the attributes a listed raw namespace cannot do without
 * (size, uuid, sector_size, alt_name), for every namespace directory of each
 * region, the way libndctl does (relative to the region's descriptor, one
 * read each), and prints how many namespaces it read. Timed beside the
 * listing in the same boot, it shows what of the listing's growth is sysfs's
 * price and what is ndkit's.
 */
#define _GNU_SOURCE	/* getdents64, O_PATH */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char *const attrs[] = { "size", "uuid", "sector_size", "alt_name" };

static int read_attr(int dirfd, const char *ns, const char *attr)
{
	char path[256], value[4096];
	int fd, rc;

	if (snprintf(path, sizeof(path), "%s/%s", ns, attr) >= (int)sizeof(path))
		return -1;
	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	rc = read(fd, value, sizeof(value)) < 0 ? -1 : 0;
	close(fd);
	return rc;
}

static int region_floor(const char *dir)
{
	char buf[8192] __attribute__((aligned(8)));
	int dirfd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	int list = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), n = 0;
	ssize_t len;

	if (dirfd < 0 || list < 0) {
		perror(dir);
		return -1;
	}
	while ((len = getdents64(list, buf, sizeof(buf))) > 0)
		for (ssize_t off = 0; off < len; ) {
			const struct dirent64 *de = (const void *)(buf + off);

			off += de->d_reclen;
			if (strncmp(de->d_name, "namespace", strlen("namespace")))
				continue;
			for (size_t a = 0; a < sizeof(attrs) / sizeof(attrs[0]); a++)
				read_attr(dirfd, de->d_name, attrs[a]);
			n++;
		}
	close(list);
	close(dirfd);
	return n;
}

int main(int argc, char **argv)
{
	int total = 0;

	for (int i = 1; i < argc; i++) {
		int n = region_floor(argv[i]);

		if (n < 0)
			return 1;
		total += n;
	}
	printf("%d\n", total);
	return 0;
}
