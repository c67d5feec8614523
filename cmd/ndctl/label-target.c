// SPDX-License-Identifier: GPL-2.0-only
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util/size.h"
#include "util/sysfs.h"
#include "labels.h"

/*
 * What a label command argument names, and the live-system steps around a
 * write. DIMMs are found straight in sysfs (the topology API is not needed
 * for this): /sys/bus/nd/devices/nmemN and its character device /dev/nmemN.
 */
#define ND_DEVICES "/sys/bus/nd/devices"
#define NVDIMM_DRIVER "/sys/bus/nd/drivers/nvdimm"

static struct log_ctx *sysfs_log(void)
{
	static struct log_ctx log;
	static bool ready;

	if (!ready) {
		log_init(&log, "ndctl", "NDCTL_LOG");
		ready = true;
	}
	return &log;
}

static bool is_nmem_name(const char *s)
{
	if (strncmp(s, "nmem", 4) != 0 || !s[4])
		return false;
	for (s += 4; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static bool exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

static bool is_regular_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int add_target(struct label_target **v, unsigned *n, const char *arg, bool is_file)
{
	struct label_target *nv = realloc(*v, (*n + 1) * sizeof(**v));

	if (!nv)
		return -ENOMEM;
	*v = nv;
	memset(&nv[*n], 0, sizeof(nv[*n]));
	nv[*n].arg = strdup(arg);
	nv[*n].dev = strdup(arg);
	nv[*n].is_file = is_file;
	(*n)++;
	return nv[*n - 1].arg && nv[*n - 1].dev ? 0 : -ENOMEM;
}

static int nmem_id(const char *name)
{
	return atoi(name + 4);
}

static int cmp_nmem(const void *a, const void *b)
{
	return nmem_id(*(char *const *)a) - nmem_id(*(char *const *)b);
}

/* Every nmemN under /sys/bus/nd/devices, in numeric order. */
static int add_all_dimms(const char *cmd, struct label_target **v, unsigned *n)
{
	DIR *d = opendir(ND_DEVICES);
	char *names[1024];
	unsigned k, found = 0;
	struct dirent *de;
	int rc = 0;

	while (d && (de = readdir(d)) && found < ARRAY_SIZE(names))
		if (is_nmem_name(de->d_name))
			names[found++] = strdup(de->d_name);
	if (d)
		closedir(d);
	qsort(names, found, sizeof(names[0]), cmp_nmem);
	for (k = 0; k < found; k++) {
		if (rc == 0)
			rc = names[k] ? add_target(v, n, names[k], false) : -ENOMEM;
		free(names[k]);
	}
	if (rc == 0 && !found) {
		fprintf(stderr, "ndctl %s: 'all': no DIMMs found in %s: load the nfit module or name a label file\n",
			cmd, ND_DEVICES);
		rc = -ENODEV;
	}
	return rc;
}

static int resolve_one(const char *cmd, const char *arg, struct label_target **v, unsigned *n)
{
	char path[256];

	if (strcmp(arg, "all") == 0)
		return add_all_dimms(cmd, v, n);
	if (strchr(arg, '/') || is_regular_file(arg)) {
		if (is_regular_file(arg))
			return add_target(v, n, arg, true);
		fprintf(stderr, "ndctl %s: %s: %s: give an existing label area or backend file\n", cmd, arg,
			exists(arg) ? "not a regular file" : "no such file");
		return -ENOENT;
	}
	if (!is_nmem_name(arg)) {
		fprintf(stderr, "ndctl %s: '%s' is neither a DIMM name (nmemN) nor an existing file\n", cmd, arg);
		return -EINVAL;
	}
	if (path_printf(path, sizeof(path), ND_DEVICES "/%s", arg) < 0 || !exists(path)) {
		fprintf(stderr, "ndctl %s: %s: no such DIMM: see 'ndctl list -D' for this system's DIMMs\n", cmd, arg);
		return -ENODEV;
	}
	return add_target(v, n, arg, false);
}

/* "ndbusN" from the DIMM's sysfs path .../ndbusN/nmemM; false if none. */
static bool nmem_bus_name(const char *nmem, char *bus, size_t len)
{
	char path[256], *real, *p, *end;
	bool found = false;

	if (path_printf(path, sizeof(path), ND_DEVICES "/%s", nmem) < 0 || !(real = realpath(path, NULL)))
		return false;
	for (p = strstr(real, "/ndbus"); p; p = strstr(p + 1, "/ndbus")) {
		end = strchr(p + 1, '/');
		if (end && (size_t)(end - p - 1) < len) {
			memcpy(bus, p + 1, end - p - 1);
			bus[end - p - 1] = '\0';
			found = true;
		}
	}
	free(real);
	return found;
}

/* -b matches upstream's forms: the device name, its number, or its provider. */
static bool nmem_on_bus(const char *nmem, const char *want)
{
	char bus[64], path[256], provider[SYSFS_ATTR_SIZE];

	if (!nmem_bus_name(nmem, bus, sizeof(bus)))
		return false;
	if (strcmp(want, bus) == 0 || strcmp(want, bus + strlen("ndbus")) == 0)
		return true;
	return path_printf(path, sizeof(path), ND_DEVICES "/%s/provider", bus) == 0 &&
		sysfs_read_attr(sysfs_log(), path, provider) == 0 && strcmp(want, provider) == 0;
}

/* Drop the DIMMs that are not on bus (files stay: they are on no bus). */
static int filter_bus(const char *cmd, const char *bus, struct label_target *v, unsigned *n)
{
	unsigned i, kept = 0;

	for (i = 0; i < *n; i++) {
		if (v[i].is_file || nmem_on_bus(v[i].dev, bus)) {
			v[kept++] = v[i];
			continue;
		}
		free(v[i].arg);	/* not opened yet: nothing else to release */
		free(v[i].dev);
	}
	*n = kept;
	if (kept)
		return 0;
	fprintf(stderr, "ndctl %s: no DIMM named is on bus '%s': see 'ndctl list -B -D' for the buses\n",
		cmd, bus);
	return -ENODEV;
}

int label_targets_resolve(const char *cmd, char **args, int nargs, const char *bus,
		struct label_target **out, unsigned *count)
{
	struct label_target *v = NULL;
	unsigned n = 0;
	int i, rc = 0;

	for (i = 0; i < nargs && rc == 0; i++)
		rc = resolve_one(cmd, args[i], &v, &n);
	if (rc == 0 && bus)
		rc = filter_bus(cmd, bus, v, &n);
	if (rc == -ENOMEM)
		fprintf(stderr, "ndctl %s: out of memory\n", cmd);
	if (rc < 0) {
		label_targets_free(v, n);
		return -1;
	}
	*out = v;
	*count = n;
	return 0;
}

void label_targets_free(struct label_target *tg, unsigned count)
{
	unsigned i;

	for (i = 0; tg && i < count; i++) {
		ndctl_lsa_xport_close(tg[i].t);
		free(tg[i].arg);
		free(tg[i].dev);
	}
	free(tg);
}

static int check_area_size(const char *cmd, const struct label_target *tg)
{
	uint64_t size = ndctl_lsa_xport_size(tg->t);

	if (size >= LABEL_AREA_MIN)
		return 0;
	fprintf(stderr, "ndctl %s: %s: a %llu-byte label area cannot hold two index blocks and two labels (%u bytes): %s\n",
		cmd, tg->dev, (unsigned long long)size, LABEL_AREA_MIN,
		tg->is_file ? "give a larger file or --label-size" : "the DIMM's label area is too small");
	return -ENOSPC;
}

int label_target_open(const char *cmd, struct label_target *tg, uint64_t label_size, bool writable)
{
	unsigned flags = writable ? NDCTL_LSA_WRITABLE : 0;
	char devpath[64];
	int rc;

	if (tg->is_file) {
		rc = ndctl_lsa_file_open(tg->arg, label_size, flags, &tg->t);
	} else {
		if (geteuid() != 0) {
			fprintf(stderr, "ndctl %s: %s: the label area of /dev/%s is readable by root only: run as root\n",
				cmd, tg->dev, tg->dev);
			return -EPERM;
		}
		snprintf(devpath, sizeof(devpath), "/dev/%s", tg->dev);
		rc = ndctl_lsa_dsm_open(devpath, flags, &tg->t);
	}
	if (rc < 0) {
		fprintf(stderr, "ndctl %s: %s\n", cmd,
			tg->t ? ndctl_lsa_xport_errmsg(tg->t) : strerror(-rc));
		return rc;
	}
	return check_area_size(cmd, tg);
}

/* Does region dir map this nmem ("nmemN,dpa,length[,position]" in mappingK)? */
static bool region_maps(const char *region, const char *nmem)
{
	char path[512], buf[SYSFS_ATTR_SIZE];
	size_t len = strlen(nmem);
	uint64_t k, nmappings;

	if (path_printf(path, sizeof(path), ND_DEVICES "/%s/mappings", region) < 0 ||
			sysfs_read_u64(sysfs_log(), path, &nmappings) < 0)
		return false;
	for (k = 0; k < nmappings; k++) {
		if (path_printf(path, sizeof(path), ND_DEVICES "/%s/mapping%llu", region,
				(unsigned long long)k) < 0 || sysfs_read_attr(sysfs_log(), path, buf) < 0)
			continue;
		if (strncmp(buf, nmem, len) == 0 && buf[len] == ',')
			return true;
	}
	return false;
}

static bool region_enabled(const char *region)
{
	char path[512];

	return path_printf(path, sizeof(path), ND_DEVICES "/%s/driver", region) == 0 && exists(path);
}

/* The first enabled region using nmem, in name; false if none. */
static bool find_enabled_region(const char *nmem, char *name, size_t len)
{
	DIR *d = opendir(ND_DEVICES);
	struct dirent *de;
	bool found = false;

	while (d && !found && (de = readdir(d))) {
		if (strncmp(de->d_name, "region", 6) != 0)
			continue;
		if (region_enabled(de->d_name) && region_maps(de->d_name, nmem)) {
			snprintf(name, len, "%s", de->d_name);
			found = true;
		}
	}
	if (d)
		closedir(d);
	return found;
}

int label_target_check_idle(const char *cmd, const struct label_target *tg)
{
	char path[512], state[SYSFS_ATTR_SIZE], region[256];

	if (tg->is_file)
		return 0;
	if (find_enabled_region(tg->dev, region, sizeof(region))) {
		fprintf(stderr, "ndctl %s: %s is in use by enabled %s: run 'ndctl disable-region %s' first\n",
			cmd, tg->dev, region, region);
		return -EBUSY;
	}
	if (path_printf(path, sizeof(path), ND_DEVICES "/%s/state", tg->dev) == 0 &&
			sysfs_read_attr(sysfs_log(), path, state) == 0 && strcmp(state, "active") == 0) {
		fprintf(stderr, "ndctl %s: %s is active: disable the regions using it first (ndctl disable-region all)\n",
			cmd, tg->dev);
		return -EBUSY;
	}
	return 0;
}

int label_target_revalidate(const char *cmd, const struct label_target *tg)
{
	char path[512];
	int rc;

	if (tg->is_file)
		return 0;
	if (path_printf(path, sizeof(path), ND_DEVICES "/%s/driver", tg->dev) < 0 || !exists(path))
		return 0;	/* not bound: the kernel holds no cached copy */
	rc = sysfs_write_attr(sysfs_log(), NVDIMM_DRIVER "/unbind", tg->dev);
	if (rc == 0)
		rc = sysfs_write_attr(sysfs_log(), NVDIMM_DRIVER "/bind", tg->dev);
	if (rc < 0)
		fprintf(stderr, "ndctl %s: %s: labels written, but re-enabling it failed (%s): run 'ndctl enable-dimm %s'\n",
			cmd, tg->dev, strerror(-rc), tg->dev);
	return rc;
}
