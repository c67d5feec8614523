// SPDX-License-Identifier: GPL-2.0-only
/*
 * create-device: a new devdax device in each selected dynamic region (hmem,
 * CXL), with upstream v81's options, order of kernel writes, output (the
 * created device's JSON), summary line and statuses. --input recreates a
 * device from the JSON `daxctl list -d DEV -M` printed: its region, align,
 * size and physical ranges.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <json-c/json.h>
#include "builtin.h"
#include "config.h"
#include "select.h"
#include "../common/parse-options.h"
#include "util/size.h"

struct range {
	unsigned long long start, end, page_offset;
};

struct create_run {
	struct dev_params p;
	long long size, align;	/* -1: not given, take the available size / the region's */
	struct range *ranges;	/* --input's mappings, by page_offset */
	size_t nranges;
	char region_id[16];	/* --input's region, from its chardev */
	unsigned flags;
	struct json_object *jdevs;
	int done;
};

static int by_page_offset(const void *a, const void *b)
{
	const struct range *x = a, *y = b;

	return (x->page_offset > y->page_offset) - (x->page_offset < y->page_offset);
}

static int input_ranges(struct create_run *run, struct json_object *jmaps)
{
	size_t n = json_object_is_type(jmaps, json_type_array) ?
		json_object_array_length(jmaps) : 0;
	const char *key[] = { "start", "end", "page_offset" };

	run->ranges = calloc(n ? n : 1, sizeof(*run->ranges));
	if (!run->ranges)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		struct json_object *jmap = json_object_array_get_idx(jmaps, i), *v[3];

		for (int k = 0; k < 3; k++)
			if (!json_object_object_get_ex(jmap, key[k], &v[k]))
				return -EINVAL;
		run->ranges[i] = (struct range){ json_object_get_int64(v[0]),
			json_object_get_int64(v[1]), json_object_get_int64(v[2]) };
	}
	qsort(run->ranges, n, sizeof(*run->ranges), by_page_offset);
	run->nranges = n;
	return 0;
}

/*
 * As upstream: the file's align, size and region (from "chardev") replace
 * -a, -s and -r, and its "mappings" are required. @jobj is kept for the
 * strings it holds.
 */
static int read_input(struct create_run *run, struct json_object *jobj)
{
	struct json_object *jalign, *jsize, *jdev, *jmaps;
	unsigned region, id;

	if (!jobj || !json_object_object_get_ex(jobj, "align", &jalign) ||
			!json_object_object_get_ex(jobj, "size", &jsize) ||
			!json_object_object_get_ex(jobj, "chardev", &jdev) ||
			sscanf(json_object_get_string(jdev), "dax%u.%u", &region, &id) != 2 ||
			!json_object_object_get_ex(jobj, "mappings", &jmaps))
		return -EINVAL;
	run->p.align = json_object_get_string(jalign);
	run->p.size = json_object_get_string(jsize);
	snprintf(run->region_id, sizeof(run->region_id), "%u", region);
	run->p.region = run->region_id;
	return input_ranges(run, jmaps);
}

/* A value upstream cannot parse silently means "not given" there; refused here. */
static int size_option(const char *what, const char *text, long long *out)
{
	uint64_t v;

	if (!text)
		return 0;
	if (parse_size(text, &v) || v > (uint64_t)LLONG_MAX) {
		fprintf(stderr, "error: cannot read %s '%s': give bytes or a number with "
				"K, M, G or T (e.g. 256M)\n", what, text);
		return -EINVAL;
	}
	*out = (long long)v;
	return 0;
}

static int give_ranges(struct create_run *run, struct daxctl_dev *dev, long long size)
{
	unsigned long long given = 0;

	for (size_t i = 0; i < run->nranges; i++) {
		int rc = daxctl_dev_set_mapping(dev, run->ranges[i].start, run->ranges[i].end);

		if (rc < 0)
			return rc;
		given += run->ranges[i].end - run->ranges[i].start + 1;
	}
	if (run->nranges && given != (unsigned long long)size) {
		/* upstream goes on with the mappings' size */
		fprintf(stderr, "%s: allocated %llu but specified size %lld\n",
				daxctl_dev_get_devname(dev), given, size);
		return 0;
	}
	return daxctl_dev_set_size(dev, (unsigned long long)size);
}

/*
 * Upstream's steps: a new seed, its align, its ranges or size, bound to
 * device_dax. A failure after the create leaves the seed (size 0) as
 * upstream does: the kernel made it and takes it for the next create.
 */
static int create_in(struct create_run *run, struct daxctl_region *region)
{
	long long size = run->size;
	struct daxctl_dev *dev;
	int rc;

	if (daxctl_region_create_dev(region) || !(dev = daxctl_region_get_dev_seed(region)))
		return -ENOSPC;
	if (size == -1)
		size = (long long)daxctl_region_get_available_size(region);
	if (size <= 0)
		return -ENOSPC;
	if (run->align > 0 && (rc = daxctl_dev_set_align(dev, (unsigned long)run->align)) < 0)
		return rc;
	rc = give_ranges(run, dev, size);
	if (rc < 0)
		return rc;
	rc = daxctl_dev_enable_devdax(dev);
	if (rc) {
		fprintf(stderr, "%s: enable failed: %s\n", daxctl_dev_get_devname(dev),
				strerror(-rc));
		return rc;
	}
	keep_last_dev_json(&run->jdevs, dev, run->flags);	/* the seed it became */
	return 0;
}

/*
 * Each region -r selects (all without -r), static ones included, in sysfs
 * order. As upstream, the status is the last region's: a static region
 * after a dynamic one fails the command (ENOSPC) even though a device was
 * made, which "created 1 device" then says.
 */
static int create_each(struct daxctl_ctx *ctx, struct create_run *run)
{
	struct daxctl_region *region;
	int rc = -ENXIO;

	daxctl_region_foreach(ctx, region) {
		if (!region_selected(region, run->p.region))
			continue;
		rc = create_in(run, region);
		if (rc == 0)
			run->done++;
	}
	if (rc == -ENXIO && !run->done)
		fprintf(stderr, "no dax region%s%s: 'daxctl list -R' shows them\n",
				run->p.region ? " " : "", run->p.region ? run->p.region : "");
	return rc;
}

/* false to go on; true to stop with *status (usage 129, a refused value). */
static bool create_options(int argc, char **argv, struct create_run *run,
		const struct option *opts, const char *const *usage,
		struct json_object **input, int *status)
{
	argc = parse_options(argc, argv, opts, usage, 0);
	if (argc < 0) {
		*status = parse_options_exit(argc);
		return true;
	}
	for (int i = 0; i < argc; i++)	/* v81 takes no device (76.1 ignored one) */
		fprintf(stderr, "unknown extra parameter \"%s\"\n", argv[i]);
	if (argc) {
		*status = usage_with_options(usage, opts);
		return true;
	}
	run->flags = run->p.human ? DAXCTL_JSON_HUMAN : 0;
	if (run->p.input) {
		*input = json_object_from_file(run->p.input);
		int rc = read_input(run, *input);

		if (rc) {
			fprintf(stderr, "error: failed to parse device file: %s\n", strerror(-rc));
			*status = usage_with_options(usage, opts);
			return true;
		}
	}
	*status = size_option("size", run->p.size, &run->size) ?:
		size_option("align", run->p.align, &run->align);
	return *status != 0;
}

int cmd_create_device(int argc, char **argv, void *ctx)
{
	static const char *const usage[] = { "daxctl create-device [<options>]", NULL };
	struct create_run run = { .size = -1, .align = -1 };
	struct json_object *input = NULL;
	struct dev_params *p = &run.p;
	const struct option opts[] = {
		DEVICE_BASE_OPTIONS(p),
		DEVICE_CREATE_OPTIONS(p),
		OPT_END(),
	};
	int rc;

	if (create_options(argc, argv, &run, opts, usage, &input, &rc)) {
		json_object_put(input);
		free(run.ranges);
		return rc;
	}
	if (p->verbose)
		daxctl_set_log_priority(ctx, LOG_DEBUG);
	rc = create_each(ctx, &run);
	if (run.jdevs) {
		print_json_list(run.jdevs, run.flags);
		json_object_put(run.jdevs);
	}
	if (rc < 0)
		fprintf(stderr, "error creating devices: %s\n", strerror(-rc));
	fprintf(stderr, "created %d device%s\n", run.done, run.done == 1 ? "" : "s");
	json_object_put(input);
	free(run.ranges);
	return rc;
}
