// SPDX-License-Identifier: GPL-2.0-only
/* libdaxctl objects over sysfs trees captured in a guest (data/STATE.sysfs). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <json-c/json.h>
#include <daxctl/libdaxctl.h>
#include "../test.h"

#define SYSFS_STATE_LEN (PATH_MAX + 64)

static const char *data_dir;

static void mkdir_p(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
}

/* "F /sys/x value" makes a file, "L /sys/y target" a symlink, under root. */
static void unpack_line(const char *root, char *line)
{
	char kind = line[0], *path = line + 2, *val = strchr(path, ' ');
	char full[PATH_MAX];
	FILE *f;

	line[strcspn(line, "\n")] = '\0';
	if (val)
		*val++ = '\0';
	snprintf(full, sizeof(full), "%s%s", root, path);
	mkdir_p(full);
	if (kind == 'L' && val) {
		CHECK(symlink(val, full) == 0);
	} else if (kind == 'F' && (f = fopen(full, "w"))) {
		fprintf(f, "%s\n", val ? val : "");
		fclose(f);
	}
}

static struct daxctl_ctx *ctx_for(const char *state, char *root)
{
	char path[PATH_MAX], line[4096];
	struct daxctl_ctx *ctx;
	FILE *f;

	strcpy(root, "/tmp/test-libdaxctl.XXXXXX");
	CHECK(mkdtemp(root) != NULL);
	snprintf(path, sizeof(path), "%s/%s.sysfs", data_dir, state);
	f = fopen(path, "r");
	CHECK(f != NULL);
	while (f && fgets(line, sizeof(line), f))
		unpack_line(root, line);
	if (f)
		fclose(f);
	CHECK(daxctl_new(&ctx) == 0);
	CHECK(daxctl_set_root(ctx, root) == 0);
	return ctx;
}

static void ctx_done(struct daxctl_ctx *ctx, const char *root)
{
	char cmd[PATH_MAX + 16];

	daxctl_unref(ctx);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	CHECK(system(cmd) == 0);
}

static void test_devdax(void)
{
	char root[PATH_MAX], path[PATH_MAX + 128];
	struct daxctl_ctx *ctx = ctx_for("devdax", root);
	struct daxctl_region *r0 = daxctl_region_get_first(ctx), *r1;
	struct daxctl_dev *dev;
	struct daxctl_mapping *map;
	unsigned long long start, end;

	CHECK(r0 && daxctl_region_get_id(r0) == 0);	/* sorted by id */
	r1 = r0 ? daxctl_region_get_next(r0) : NULL;
	CHECK(r1 && daxctl_region_get_id(r1) == 1 && !daxctl_region_get_next(r1));
	CHECK(daxctl_region_get_by_id(ctx, 1) == r1);
	CHECK(daxctl_region_get_by_id(ctx, 5) == NULL);
	CHECK_EQ_STR(daxctl_region_get_path(r1),
			"/LNXSYSTM:00/LNXSYBUS:00/ACPI0012:00/ndbus0/region1/dax1.0");
	CHECK_EQ_STR(daxctl_region_get_devname(r1), "region1");
	CHECK_EQ_U64(daxctl_region_get_size(r1), 880ULL << 20);
	CHECK_EQ_U64(daxctl_region_get_align(r1), 2ULL << 20);
	snprintf(path, sizeof(path), "%s/sys/devices/LNXSYSTM:00/LNXSYBUS:00/ACPI0012:00/ndbus0/region1/dax1.0",
			root);
	CHECK(daxctl_region_get_by_path(ctx, path) == r1);

	dev = daxctl_dev_get_by_name(ctx, "dax1.0");
	CHECK(dev && daxctl_dev_get_region(dev) == r1 && daxctl_dev_get_first(r1) == dev);
	CHECK_EQ_U64(daxctl_dev_get_size(dev), 880ULL << 20);
	CHECK_EQ_U64(daxctl_dev_get_resource(dev), 0x141000000ULL);
	CHECK_EQ_U64(daxctl_dev_get_target_node(dev), 0);
	CHECK(daxctl_dev_is_enabled(dev));
	CHECK(daxctl_dev_get_mode(dev) == DAXCTL_DEV_MODE_DEVDAX);
	CHECK(daxctl_dev_get_memory(dev) == NULL);
	CHECK(daxctl_dev_is_system_ram_capable(dev) == 0);
	map = daxctl_mapping_get_first(dev);
	CHECK(map && !daxctl_mapping_get_next(map));
	CHECK_EQ_U64(daxctl_mapping_get_end(map), 0x177ffffffULL);
	CHECK_EQ_U64(daxctl_mapping_get_size(map), 880ULL << 20);
	CHECK_EQ_U64(daxctl_memory_block_size(ctx), 128ULL << 20);
	/* 0x141000000 rounds up to block 41; the end 0x178000000 is aligned */
	daxctl_dev_get_ram_range(dev, &start, &end);
	CHECK_EQ_U64(start, 41ULL << 27);
	CHECK_EQ_U64(end, 0x178000000ULL);
	daxctl_dev_get_ram_range(daxctl_dev_get_by_name(ctx, "dax0.0"), &start, &end);
	CHECK(start >= end);	/* 62 MiB at 0x100200000: no whole block */
	CHECK(daxctl_dev_get_by_name(ctx, "dax3.0") == NULL);
	ctx_done(ctx, root);
}

static void test_system_ram(const char *state, int online)
{
	char root[PATH_MAX];
	struct daxctl_ctx *ctx = ctx_for(state, root);
	struct daxctl_dev *dev = daxctl_dev_get_by_name(ctx, "dax1.0");
	struct daxctl_memory *mem = dev ? daxctl_dev_get_memory(dev) : NULL;

	CHECK(dev && daxctl_dev_get_mode(dev) == DAXCTL_DEV_MODE_RAM);
	CHECK(mem && daxctl_memory_get_dev(mem) == dev);
	CHECK_EQ_U64(daxctl_memory_get_block_size(mem), 128ULL << 20);
	CHECK_EQ_U64(daxctl_memory_get_first_block(mem), 41);
	CHECK_EQ_U64(daxctl_memory_num_sections(mem), 6);
	CHECK_EQ_U64(daxctl_memory_is_online(mem), online);
	if (online)
		CHECK(daxctl_memory_is_movable(mem) == 1);
	else
		CHECK(daxctl_memory_is_movable(mem) == -ENXIO);
	CHECK(daxctl_dev_is_system_ram_capable(dev) == 1);
	if (online) {
		/* all online in ZONE_MOVABLE already: nothing to do there, a race elsewhere (v81) */
		CHECK(daxctl_memory_online(mem) == 0);
		CHECK(daxctl_memory_online_no_movable(mem) == -EBUSY);
	}
	CHECK(daxctl_dev_get_memory(daxctl_dev_get_by_name(ctx, "dax0.0")) == NULL);
	CHECK(daxctl_dev_is_system_ram_capable(daxctl_dev_get_by_name(ctx, "dax0.0")) == 0);
	ctx_done(ctx, root);
}

static void write_file(const char *root, const char *rel, const char *text);

/* v81 (ac46afe): a block the kernel cannot remove is named, and nothing is offlined. */
static void test_unremovable(void)
{
	char root[PATH_MAX], state[SYSFS_STATE_LEN];
	struct daxctl_ctx *ctx = ctx_for("system-ram", root);
	struct daxctl_dev *dev = daxctl_dev_get_by_name(ctx, "dax1.0");
	struct daxctl_memory *mem = dev ? daxctl_dev_get_memory(dev) : NULL;
	unsigned long long failed = 0;
	FILE *f;

	CHECK(mem != NULL);
	if (!mem) {
		ctx_done(ctx, root);
		return;
	}
	write_file(root, "/sys/devices/system/memory/memory44/removable", "0\n");
	CHECK(daxctl_memory_offline_all_or_none(mem, &failed) == -EOPNOTSUPP);
	CHECK_EQ_U64(failed, 44);
	CHECK(daxctl_memory_offline(mem) == -EOPNOTSUPP);
	CHECK_EQ_U64(daxctl_memory_is_online(mem), 6);	/* none went offline */
	snprintf(state, sizeof(state), "%s/sys/devices/system/memory/memory41/state", root);
	f = fopen(state, "r");
	CHECK(f && fgets(state, sizeof(state), f) && strncmp(state, "online", 6) == 0);
	if (f)
		fclose(f);
	write_file(root, "/sys/devices/system/memory/memory44/removable", "1\n");
	CHECK(daxctl_memory_offline(mem) == 6);
	CHECK_EQ_U64(daxctl_memory_is_online(mem), 0);
	ctx_done(ctx, root);
}

/* Upstream prints no "movable" while one block is offline (its zone scan stops there). */
static void test_movable_partly_online(void)
{
	char root[PATH_MAX];
	struct daxctl_ctx *ctx = ctx_for("system-ram", root);
	struct daxctl_dev *dev = daxctl_dev_get_by_name(ctx, "dax1.0");
	struct daxctl_memory *mem = dev ? daxctl_dev_get_memory(dev) : NULL;
	struct json_object *j;

	CHECK(mem != NULL);
	if (!mem) {
		ctx_done(ctx, root);
		return;
	}
	write_file(root, "/sys/devices/system/memory/memory46/state", "offline\n");
	CHECK_EQ_U64(daxctl_memory_is_online(mem), 5);
	CHECK(daxctl_memory_is_movable(mem) == -ENXIO);
	j = daxctl_dev_to_json(dev, 0);
	CHECK(j && !json_object_object_get_ex(j, "movable", NULL));
	CHECK(json_object_get_int(json_object_object_get(j, "online_memblocks")) == 5);
	json_object_put(j);
	/* all online again, one outside ZONE_MOVABLE: false */
	write_file(root, "/sys/devices/system/memory/memory46/state", "online\n");
	write_file(root, "/sys/devices/system/memory/memory46/valid_zones", "Normal\n");
	CHECK(daxctl_memory_is_movable(mem) == 0);
	j = daxctl_dev_to_json(dev, 0);
	CHECK(j && json_object_object_get_ex(j, "movable", NULL) &&
			!json_object_get_boolean(json_object_object_get(j, "movable")));
	json_object_put(j);
	ctx_done(ctx, root);
}

static void test_json(void)
{
	char root[PATH_MAX];
	struct daxctl_ctx *ctx = ctx_for("system-ram", root);
	struct json_object *j, *devs, *v;

	j = daxctl_region_to_json(daxctl_region_get_by_id(ctx, 1), NULL,
			DAXCTL_JSON_DEVICES | DAXCTL_JSON_NO_PATH);
	CHECK(j && !json_object_object_get_ex(j, "path", NULL));
	CHECK(json_object_object_get_ex(j, "id", &v) && json_object_get_int(v) == 1);
	CHECK(!json_object_object_get_ex(j, "available_size", NULL));	/* 0: omitted */
	CHECK(json_object_object_get_ex(j, "devices", &devs) &&
			json_object_array_length(devs) == 1);
	v = json_object_array_get_idx(devs, 0);
	CHECK_EQ_STR(json_object_get_string(json_object_object_get(v, "mode")), "system-ram");
	CHECK(json_object_get_int(json_object_object_get(v, "online_memblocks")) == 6);
	CHECK(json_object_get_boolean(json_object_object_get(v, "movable")));
	CHECK(!json_object_object_get_ex(v, "mappings", NULL));	/* only with -M */
	json_object_put(j);
	/* a device filter that matches nothing leaves no devices key */
	j = daxctl_region_to_json(daxctl_region_get_by_id(ctx, 1), "dax0.0", DAXCTL_JSON_DEVICES);
	CHECK(j && json_object_object_get_ex(j, "path", NULL) &&
			!json_object_object_get_ex(j, "devices", NULL));
	json_object_put(j);
	ctx_done(ctx, root);
}

/* What ndctl list -X -u embeds as "daxregion", as upstream printed it. */
static void test_ndctl_daxregion(void)
{
	char root[PATH_MAX], path[PATH_MAX];
	struct daxctl_ctx *ctx = ctx_for("devdax", root);
	struct json_object *namespaces, *want, *got;
	unsigned flags = DAXCTL_JSON_DEVICES | DAXCTL_JSON_NO_PATH | DAXCTL_JSON_HUMAN;

	snprintf(path, sizeof(path), "%s/devdax.upstream-ndctl-list-Xu.json", data_dir);
	namespaces = json_object_from_file(path);
	CHECK(namespaces && json_object_array_length(namespaces) == 2);
	for (size_t i = 0; namespaces && i < json_object_array_length(namespaces); i++) {
		want = json_object_object_get(json_object_array_get_idx(namespaces, i), "daxregion");
		got = daxctl_region_to_json(daxctl_region_get_by_id(ctx,
				json_object_get_int(json_object_object_get(want, "id"))), NULL, flags);
		CHECK_EQ_STR(json_object_to_json_string(got), json_object_to_json_string(want));
		json_object_put(got);
	}
	json_object_put(namespaces);
	ctx_done(ctx, root);
}

static void write_file(const char *root, const char *rel, const char *text)
{
	char path[PATH_MAX + 128];
	FILE *f;

	snprintf(path, sizeof(path), "%s%s", root, rel);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/*
 * A kernel without (or hiding) a device's "resource": upstream looks the
 * device's name up in /proc/iomem, here under the context's root; 0 when
 * that does not name it or cannot be read.
 */
static void test_resource_from_iomem(void)
{
	char root[PATH_MAX], path[PATH_MAX + 128];
	struct daxctl_ctx *ctx = ctx_for("devdax", root);

	for (int i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/sys/devices/LNXSYSTM:00/LNXSYBUS:00/"
				"ACPI0012:00/ndbus0/region%d/dax%d.0/dax%d.0/resource",
				root, i, i, i);
		CHECK(unlink(path) == 0);
	}
	snprintf(path, sizeof(path), "%s/proc", root);
	mkdir(path, 0755);
	write_file(root, "/proc/iomem",
			"100000000-17fffffff : Persistent Memory\n"
			"  140000000-17fffffff : namespace1.0\n"
			"    141000000-177ffffff : dax1.0\n"
			"      141000000-177ffffff : dax1.0-extra\n");
	CHECK_EQ_U64(daxctl_dev_get_resource(daxctl_dev_get_by_name(ctx, "dax1.0")),
			0x141000000ULL);
	CHECK_EQ_U64(daxctl_dev_get_resource(daxctl_dev_get_by_name(ctx, "dax0.0")), 0);
	ctx_done(ctx, root);
}

/* auto_online_blocks: online* means the kernel onlines; missing means it does not. */
static void test_auto_online_and_resize(void)
{
	char root[PATH_MAX];
	struct daxctl_ctx *ctx = ctx_for("devdax", root);
	struct daxctl_dev *dev = daxctl_dev_get_by_name(ctx, "dax1.0");

	CHECK(dev != NULL);
	if (!dev) {
		ctx_done(ctx, root);
		return;
	}
	CHECK(daxctl_dev_will_auto_online_memory(dev) == 0);
	write_file(root, "/sys/devices/system/memory/auto_online_blocks", "online_movable\n");
	CHECK(daxctl_dev_will_auto_online_memory(dev) == 1);
	write_file(root, "/sys/devices/system/memory/auto_online_blocks", "offline\n");
	CHECK(daxctl_dev_will_auto_online_memory(dev) == 0);
	/* a tree's size file is writable: the value lands in it and in the object */
	CHECK(daxctl_dev_set_size(dev, 0x4000000) == 0);
	CHECK_EQ_U64(daxctl_dev_get_size(dev), 0x4000000);
	CHECK(daxctl_dev_set_align(dev, 0x1000) == 0);
	CHECK_EQ_U64(daxctl_dev_get_align(dev), 0x1000);
	ctx_done(ctx, root);
}

/* The first line of root-relative file REL, as a sysfs write left it. */
static void read_back(const char *dir, const char *name, char *buf, size_t len)
{
	char path[PATH_MAX + 128];
	FILE *f;

	buf[0] = '\0';
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "r");
	CHECK(f != NULL);
	if (f && fgets(buf, (int)len, f))
		buf[strcspn(buf, "\n")] = '\0';
	if (f)
		fclose(f);
}

/*
 * create-device's calls on a tree made dynamic by hand (the region's
 * create, seed and delete files, as hmem's have): the writes land where the
 * kernel reads them, a seed that the scan predates joins the region, and
 * available_size is read anew.
 */
static void test_create_destroy(void)
{
	char root[PATH_MAX], link[PATH_MAX + 64], dir[PATH_MAX], text[256];
	struct daxctl_ctx *ctx = ctx_for("devdax", root);
	struct daxctl_dev *dev = daxctl_dev_get_by_name(ctx, "dax1.0"), *seed;
	struct daxctl_region *region = dev ? daxctl_dev_get_region(dev) : NULL;
	char *slash;

	snprintf(link, sizeof(link), "%s/sys/bus/dax/devices/dax1.0", root);
	CHECK(region != NULL && realpath(link, dir) != NULL);
	if (!region || !(slash = strrchr(dir, '/'))) {
		ctx_done(ctx, root);
		return;
	}
	*slash = '\0';		/* the region's directory */
	/* static: no create or seed file */
	CHECK(daxctl_region_create_dev(region) < 0);
	CHECK(daxctl_region_get_dev_seed(region) == NULL);
	write_file(dir, "/dax_region/create", "");
	write_file(dir, "/dax_region/delete", "");
	write_file(dir, "/dax_region/seed", "\n");
	CHECK(daxctl_region_get_dev_seed(region) == NULL);	/* no seed */
	CHECK(daxctl_region_create_dev(region) == 0);
	read_back(dir, "dax_region/create", text, sizeof(text));
	CHECK_EQ_STR(text, "1");
	/* the kernel's new device, after the scan */
	snprintf(link, sizeof(link), "%s/dax1.1/", dir);
	mkdir_p(link);
	write_file(dir, "/dax1.1/size", "0\n");
	write_file(dir, "/dax1.1/align", "2097152\n");
	write_file(dir, "/dax1.1/mapping", "");
	write_file(dir, "/dax_region/seed", "dax1.1\n");
	seed = daxctl_region_get_dev_seed(region);
	CHECK(seed != NULL && daxctl_dev_get_id(seed) == 1);
	CHECK(daxctl_dev_get_first(region) == seed);	/* in front, as met: upstream's list_add */
	CHECK(daxctl_region_get_dev_seed(region) == seed);	/* found, not added twice */
	if (seed) {
		CHECK(daxctl_dev_set_mapping(seed, 0x20000000, 0x21ffffff) == 0);
		CHECK_EQ_U64(daxctl_dev_get_size(seed), 0x2000000);
		read_back(dir, "dax1.1/mapping", text, sizeof(text));
		CHECK_EQ_STR(text, "0x20000000-0x21ffffff");
		CHECK(daxctl_region_destroy_dev(region, seed) == 0);
		read_back(dir, "dax_region/delete", text, sizeof(text));
		CHECK_EQ_STR(text, "dax1.1");
	}
	write_file(dir, "/dax_region/available_size", "33554432\n");
	CHECK_EQ_U64(daxctl_region_get_available_size(region), 33554432);
	ctx_done(ctx, root);
}

int main(int argc, char **argv)
{
	data_dir = argc > 1 ? argv[1] : "data";
	test_devdax();
	test_system_ram("system-ram", 6);
	test_system_ram("offline", 0);
	test_unremovable();
	test_movable_partly_online();
	test_json();
	test_ndctl_daxregion();
	test_auto_online_and_resize();
	test_resource_from_iomem();
	test_create_destroy();
	return test_done("test-libdaxctl");
}
