// SPDX-License-Identifier: GPL-2.0-only
/*
 * create-namespace: upstream's options and sysfs order (namespace uuid, name,
 * size, sector size, holder class; then the personality's uuid, map, align,
 * namespace; then bind). Every constraint is checked first and reported with
 * the value that would work; a failure part way rolls back what was written.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
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

/* A value upstream rejects as a usage error: its text, the usage, 129. */
__attribute__((format(printf, 1, 2)))
static int bad_value(const char *fmt, ...)
{
	va_list ap;

	fputs("  Error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n\n", stderr);
	return usage_with_options(create_usage, create_options);
}

static bool parse_u64(const char *arg, unsigned long long *out)
{
	uint64_t v;

	if (!arg)
		return true;
	/* upstream's parser answers ULLONG_MAX for text it cannot read: unparsable too */
	if (parse_size(arg, &v) || v == ULLONG_MAX)
		return false;
	*out = v;
	return true;
}

/*
 * The values the table left as strings, checked as upstream does before
 * it looks at any region: 0, or the usage error's status (129).
 */
static int convert_values(struct create_opts *co)
{
	/* upstream checks the size twice before its usage, and says so twice */
	if (!parse_u64(param.size, &co->size))
		return bad_value("failed to parse namespace size '%s'\n\n  Error: failed to "
				"parse namespace size '%s'", param.size, param.size);
	if (!parse_u64(param.align, &co->align))
		return bad_value("failed to parse namespace alignment '%s'", param.align);
	if (co->align && (co->align < 4096 || (co->align & (co->align - 1))))
		return bad_value("align must be a power-of-2 greater than 4096");
	if (!parse_u64(param.sector_size, &co->sector_size))
		return bad_value("invalid sector size: %s", param.sector_size);
	if (param.map && strcmp(param.map, "mem") && strcmp(param.map, "dev"))
		return bad_value("invalid map location '%s'", param.map);
	/* upstream compares the names as typed: -m memory -M mem is refused too */
	if (param.map && !co->reconfig && co->mode_name && strcmp(co->mode_name, "fsdax") &&
			strcmp(co->mode_name, "devdax"))
		return bad_value("--map only valid for an devdax mode pmem namespace");
	co->map_mem = param.map && strcmp(param.map, "mem") == 0;
	co->map_given = param.map != NULL;
	co->size_given = param.size != NULL;
	if (param.uuid && uuid_parse(param.uuid, co->uuid))
		return bad_value("failed to parse uuid: '%s'", param.uuid);
	co->uuid_given = param.uuid != NULL;
	if (co->filter.type && strcmp(co->filter.type, "pmem") && strcmp(co->filter.type, "blk"))
		return bad_value("invalid type '%s', must be either 'pmem' or 'blk'", co->filter.type);
	if (co->mode_name && topo_parse_mode(co->mode_name) == NDCTL_NS_MODE_UNKNOWN)
		return bad_value("invalid mode '%s'", co->mode_name);
	if (!param.sector_size && co->mode_name &&
			topo_parse_mode(co->mode_name) == NDCTL_NS_MODE_SAFE)
		co->sector_size = 4096;	/* upstream's default for -m sector */
	return 0;
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

/*
 * A raw namespace that another writer's personality still names: that writer's
 * bind fails (the namespace is active) and its claim passes. Wait a moment for
 * it, so the JSON shows the namespace this create made, not the passing claim.
 */
static void wait_claim_passes(struct ndctl_ctx *ctx, const char *devname)
{
	for (int i = 0; i < 50; i++) {
		struct ndctl_namespace *ndns = create_find_namespace(ctx, devname);
		bool bound;

		if (!ndns || !create_claim(ndns, &bound))
			return;
		usleep(20 * 1000);
		ndctl_invalidate(ctx);
	}
}

#define CREATE_ATTEMPTS 3

static int create_one(struct ndctl_ctx *ctx, struct create_opts *co, bool quiet_full)
{
	char devname[64];
	struct ndctl_region *region;
	struct create_plan plan;
	int rc;

	/* another writer taking the seed (-EAGAIN): scan again, a few times */
	for (int attempt = 1; ; attempt++) {
		rc = create_pick_region(ctx, co, &region, &plan, quiet_full);
		if (rc)
			return rc;
		rc = create_in_region(region, co, &plan, devname, sizeof(devname));
		ndctl_invalidate(ctx);
		if (rc != -EAGAIN || attempt == CREATE_ATTEMPTS)
			break;
		fprintf(stderr, "ndctl create-namespace: trying again (%d of %d)\n",
				attempt + 1, CREATE_ATTEMPTS);
	}
	if (!rc && plan.mode == NDCTL_NS_MODE_RAW)
		wait_claim_passes(ctx, devname);
	if (!rc)
		print_created(ctx, devname);
	return rc;
}

/*
 * Upstream's end: a refusal it named on its own line exits with its errno;
 * any other prints the summary line, and a failed create exits ENODEV.
 */
static int create_failed(const struct create_opts *co, int rc)
{
	if (co->reported)
		return rc;
	fprintf(stderr, "failed to %s namespace: %s\n", co->reconfig ? "reconfigure" : "create",
			strerror(-rc));
	return co->reconfig ? rc : -ENODEV;
}

/*
 * -c, as upstream: one namespace in each region the filters select; a full
 * region is skipped, any other failure stops unless -f.
 */
static int create_greedy(struct ndctl_ctx *ctx, struct create_opts *co)
{
	struct ndctl_region *region;
	struct ndctl_bus *bus;
	char names[64][32];
	int n = 0, created = 0, rc;

	ndctl_bus_foreach(ctx, bus)
		if (topo_filter_bus(&co->filter, bus))
			ndctl_region_foreach(bus, region)
				if (n < 64 && topo_filter_region(&co->filter, region, false))
					snprintf(names[n++], sizeof(names[0]), "%s",
							ndctl_region_get_devname(region));
	rc = n ? -ENOSPC : -ENXIO;	/* all full, or no region at all */
	for (int i = 0; i < n; i++) {
		struct create_opts one = *co;
		int r;

		one.filter.region = names[i];
		r = create_one(ctx, &one, true);
		created += !r;
		if (r && r != -ENOSPC) {
			rc = r;
			co->reported = one.reported;
		}
		if (r && r != -ENOSPC && !co->force)
			break;
	}
	fprintf(stderr, "created %d namespace%s\n", created, created == 1 ? "" : "s");
	/* as upstream, a region that failed (not merely full) fails the command */
	return created < 1 || rc != -ENOSPC ? create_failed(co, rc) : 0;
}

int cmd_create_namespace(int argc, char **argv, void *ctx)
{
	struct create_opts co = { 0 };
	int rc = parse_create_args(argc, argv, &co);
	char devname[64];

	if (rc)
		return rc < 0 ? parse_options_exit(rc) : rc;
	rc = convert_values(&co);
	if (rc)
		return rc;
	if (co.verbose)
		ndctl_set_log_priority(ctx, LOG_DEBUG);
	if (co.reconfig) {
		rc = create_reconfigure(ctx, &co, devname, sizeof(devname));
		if (!rc)
			print_created(ctx, devname);
		return rc ? create_failed(&co, rc) : 0;
	}
	if (co.cont)
		return create_greedy(ctx, &co);
	rc = create_one(ctx, &co, false);
	return rc ? create_failed(&co, rc) : 0;
}
