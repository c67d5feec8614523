// SPDX-License-Identifier: GPL-2.0-only
/*
 * create-namespace: upstream's options and sysfs order (namespace uuid, name,
 * size, sector size, holder class; then the personality's uuid, map, align,
 * namespace; then bind). Every constraint is checked first and reported with
 * the value that would work; a failure part way rolls back what was written.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include "builtin.h"
#include "../common/parse-options.h"
#include "create-namespace.h"
#include "topo-filter.h"
#include "topo-json.h"
#include "util/size.h"

static const char *const create_usage[] = { "ndctl create-namespace [<options>]", NULL };

/* What the option table stores; sizes are parsed after, as upstream does. */
static struct {
	struct create_opts co;
	const char *size, *align, *sector_size, *uuid, *map;
} param;

static const struct option create_options[] = {
	OPT_STRING('b', "bus", &param.co.filter.bus, "bus-id",
		"limit namespace to a bus with an id or provider of <bus-id>"),
	OPT_STRING('r', "region", &param.co.filter.region, "region-id",
		"limit namespace to a region with an id or name of <region-id>"),
	OPT_BOOLEAN('v', "verbose", &param.co.verbose, "emit extra debug messages to stderr"),
	OPT_STRING('e', "reconfig", &param.co.reconfig, "reconfig namespace",
		"reconfigure existing namespace"),
	OPT_STRING('u', "uuid", &param.uuid, "uuid",
		"specify the uuid for the namespace (default: autogenerate)"),
	OPT_STRING('n', "name", &param.co.name, "name",
		"specify an optional free form name for the namespace"),
	OPT_STRING('s', "size", &param.size, "size",
		"specify the namespace size in bytes (default: available capacity)"),
	OPT_STRING('m', "mode", &param.co.mode_name, "operation-mode",
		"specify a mode for the namespace, 'sector', 'fsdax', 'devdax' or 'raw'"),
	OPT_STRING('M', "map", &param.map, "memmap-location",
		"specify 'mem' or 'dev' for the location of the memmap"),
	OPT_STRING('l', "sector-size", &param.sector_size, "lba-size",
		"specify the logical sector size in bytes"),
	OPT_STRING('t', "type", &param.co.filter.type, "type",
		"specify the type of namespace to create 'pmem' or 'blk'"),
	OPT_STRING('a', "align", &param.align, "align",
		"specify the namespace alignment in bytes (default: 2M)"),
	OPT_BOOLEAN('f', "force", &param.co.force, "reconfigure namespace even if currently active"),
	OPT_BOOLEAN('L', "autolabel", &param.co.autolabel, "automatically initialize labels"),
	OPT_BOOLEAN('c', "continue", &param.co.cont,
		"continue creating namespaces as long as the filter criteria are met"),
	OPT_BOOLEAN('R', "autorecover", &param.co.autorecover, "automatically cleanup on failure"),
	OPT_END(),
};

static int parse_u64_opt(const char *opt, const char *arg, unsigned long long *out)
{
	uint64_t v;

	if (!arg)
		return 0;
	if (parse_size(arg, &v)) {
		fprintf(stderr, "ndctl create-namespace: %s '%s' is not a size: use a number "
				"with an optional K, M, G or T suffix\n", opt, arg);
		return -EINVAL;
	}
	*out = v;
	return 0;
}

/* The values the table left as strings; 0 or a negative errno, as upstream. */
static int convert_values(struct create_opts *co)
{
	int rc = parse_u64_opt("--size", param.size, &co->size);

	if (!rc)
		rc = parse_u64_opt("--align", param.align, &co->align);
	if (!rc)
		rc = parse_u64_opt("--sector-size", param.sector_size, &co->sector_size);
	if (!rc && param.map) {
		if (strcmp(param.map, "mem") && strcmp(param.map, "dev")) {
			fprintf(stderr, "ndctl create-namespace: --map '%s': use mem or dev\n",
					param.map);
			return -EINVAL;
		}
		co->map_mem = strcmp(param.map, "mem") == 0;
		co->map_given = true;
	}
	if (!rc && param.uuid) {
		if (uuid_parse(param.uuid, co->uuid)) {
			fprintf(stderr, "ndctl create-namespace: --uuid '%s' is not a uuid: use "
					"the 8-4-4-4-12 hex form\n", param.uuid);
			return -EINVAL;
		}
		co->uuid_given = true;
	}
	return rc ? rc : create_opts_finish(co);
}

/* 0 to go on; parse_options()'s stop code (< 0) or an exit status (> 0). */
static int parse_create_args(int argc, char **argv, struct create_opts *co)
{
	memset(&param, 0, sizeof(param));
	param.co.autolabel = param.co.autorecover = true;	/* upstream's defaults */
	argc = parse_options(argc, argv, create_options, create_usage, 0);
	if (argc < 0)
		return argc;
	for (int i = 0; i < argc; i++)
		opt_error("unknown extra parameter \"%s\"\n", argv[i]);
	if (argc)
		return usage_with_options(create_usage, create_options);
	*co = param.co;
	return 0;
}

/* As upstream: human sizes only on a terminal, numbers when piped. */
static void print_created(struct ndctl_ctx *ctx, const char *devname)
{
	struct topo_json_opts o = { .flags = isatty(STDOUT_FILENO) ? UTIL_JSON_HUMAN : 0,
		.dax = true };
	struct ndctl_namespace *ndns = create_find_namespace(ctx, devname);
	struct json_object *j;

	if (!ndns)
		return;
	j = topo_json_namespace(ndns, &o);
	util_json_print(stdout, j);
	json_object_put(j);
}

static int create_one(struct ndctl_ctx *ctx, struct create_opts *co, bool quiet_full)
{
	char devname[64];
	struct ndctl_region *region;
	int rc;

	rc = create_pick_region(ctx, co, &region, quiet_full);
	if (rc)
		return rc;
	rc = create_in_region(region, co, devname, sizeof(devname));
	ndctl_invalidate(ctx);
	if (!rc)
		print_created(ctx, devname);
	return rc;
}

/* Upstream's last line and status: -ENODEV for any failed create. */
static int create_failed(const struct create_opts *co, int rc)
{
	fprintf(stderr, "failed to %s namespace: %s\n", co->reconfig ? "reconfigure" : "create",
			strerror(-rc));
	return co->reconfig ? rc : -ENODEV;
}

int cmd_create_namespace(int argc, char **argv, void *ctx)
{
	struct create_opts co = { 0 };
	int created = 0, rc = parse_create_args(argc, argv, &co);
	char devname[64];

	if (rc)
		return rc < 0 ? parse_options_exit(rc) : rc;
	rc = convert_values(&co);
	if (rc)
		return create_failed(&co, rc);
	if (co.verbose)
		ndctl_set_log_priority(ctx, LOG_DEBUG);
	if (co.reconfig) {
		rc = create_reconfigure(ctx, &co, devname, sizeof(devname));
		if (!rc)
			print_created(ctx, devname);
		return rc ? create_failed(&co, rc) : 0;
	}
	rc = create_one(ctx, &co, false);
	created += !rc;
	while (!rc && co.cont) {
		uuid_clear(co.uuid);
		co.uuid_given = false;
		rc = create_one(ctx, &co, true);
		created += !rc;
	}
	if (co.cont)
		fprintf(stderr, "created %d namespace%s\n", created, created == 1 ? "" : "s");
	if (created < 1)
		return create_failed(&co, rc);
	return co.cont ? 0 : rc;
}
