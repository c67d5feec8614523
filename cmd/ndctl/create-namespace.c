// SPDX-License-Identifier: GPL-2.0-only
/*
 * create-namespace: upstream's options and usage errors, then libndctl's
 * namespace transaction (ndctl/namespace-ops.h: the checks in upstream's
 * order, the writes in its sysfs order, the undo), its explanations printed
 * as ndctl's, the namespace's JSON, and upstream's endings and statuses.
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
#include "topo-filter.h"
#include "util/json.h"
#include "util/size.h"

static const char *const create_usage[] = { "ndctl create-namespace [<options>]", NULL };

/* What the user asked for: the library's spec, and what only the command uses. */
struct create_opts {
	struct ndctl_namespace_spec spec;
	struct topo_filter filter;	/* the spec's region filter */
	const char *mode_name, *reconfig;
	bool cont, verbose;
};

/* What the option table stores; sizes are parsed after, as upstream does. */
static struct {
	struct create_opts co;
	const char *size, *align, *sector_size, *uuid, *map;
} param;

static const struct option create_options[] = {
	NS_FILTER_OPTIONS(&param.co.filter, &param.co.verbose),
	OPT_STRING('e', "reconfig", &param.co.reconfig, "reconfig namespace", "reconfigure existing namespace"),
	OPT_STRING('u', "uuid", &param.uuid, "uuid", "specify the uuid for the namespace (default: autogenerate)"),
	OPT_STRING('n', "name", &param.co.spec.name, "name", "specify an optional free form name for the namespace"),
	OPT_STRING('s', "size", &param.size, "size", "specify the namespace size in bytes (default: available capacity)"),
	OPT_STRING('m', "mode", &param.co.mode_name, "operation-mode", "specify a mode for the namespace, 'sector', 'fsdax', 'devdax' or 'raw'"),
	OPT_STRING('M', "map", &param.map, "memmap-location", "specify 'mem' or 'dev' for the location of the memmap"),
	OPT_STRING('l', "sector-size", &param.sector_size, "lba-size", "specify the logical sector size in bytes"),
	OPT_STRING('t', "type", &param.co.filter.type, "type", "specify the type of namespace to create 'pmem' or 'blk'"),
	OPT_STRING('a', "align", &param.align, "align", "specify the namespace alignment in bytes (default: 2M)"),
	OPT_BOOLEAN('f', "force", &param.co.spec.force, "reconfigure namespace even if currently active"),
	OPT_BOOLEAN('L', "autolabel", &param.co.spec.autolabel, "automatically initialize labels"),
	OPT_BOOLEAN('c', "continue", &param.co.cont, "continue creating namespaces as long as the filter criteria are met"),
	OPT_BOOLEAN('R', "autorecover", &param.co.spec.autorecover, "automatically cleanup on failure"),
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

/* Sizes, map and uuid, checked as upstream does before it looks at any region. */
static int convert_values(struct create_opts *co)
{
	struct ndctl_namespace_spec *spec = &co->spec;

	/* upstream checks the size twice before its usage, and says so twice */
	if (!parse_u64(param.size, &spec->size))
		return bad_value("failed to parse namespace size '%s'\n\n  Error: failed to "
				"parse namespace size '%s'", param.size, param.size);
	if (!parse_u64(param.align, &spec->align))
		return bad_value("failed to parse namespace alignment '%s'", param.align);
	if (spec->align && (spec->align < 4096 || (spec->align & (spec->align - 1))))
		return bad_value("align must be a power-of-2 greater than 4096");
	if (!parse_u64(param.sector_size, &spec->sector_size))
		return bad_value("invalid sector size: %s", param.sector_size);
	if (param.map && strcmp(param.map, "mem") && strcmp(param.map, "dev"))
		return bad_value("invalid map location '%s'", param.map);
	/* upstream compares the names as typed: -m memory -M mem is refused too */
	if (param.map && !co->reconfig && co->mode_name && strcmp(co->mode_name, "fsdax") &&
			strcmp(co->mode_name, "devdax"))
		return bad_value("--map only valid for an devdax mode pmem namespace");
	if (param.map)
		spec->map = strcmp(param.map, "mem") == 0 ? NDCTL_PFN_LOC_RAM : NDCTL_PFN_LOC_PMEM;
	spec->size_given = param.size != NULL;
	if (param.uuid && uuid_parse(param.uuid, spec->uuid))
		return bad_value("failed to parse uuid: '%s'", param.uuid);
	spec->uuid_given = param.uuid != NULL;
	return 0;
}

/* Type and mode, after the values, in upstream's order: 0 or the usage error's 129. */
static int convert_names(struct create_opts *co)
{
	struct ndctl_namespace_spec *spec = &co->spec;

	if (co->filter.type && strcmp(co->filter.type, "pmem") && strcmp(co->filter.type, "blk"))
		return bad_value("invalid type '%s', must be either 'pmem' or 'blk'", co->filter.type);
	spec->mode_given = co->mode_name != NULL;
	spec->mode = co->mode_name ? ndctl_namespace_mode_from_name(co->mode_name) :
		NDCTL_NS_MODE_FSDAX;
	if (co->mode_name && spec->mode == NDCTL_NS_MODE_UNKNOWN)
		return bad_value("invalid mode '%s'", co->mode_name);
	if (!param.sector_size && spec->mode_given && spec->mode == NDCTL_NS_MODE_SAFE)
		spec->sector_size = 4096;	/* upstream's default for -m sector */
	return 0;
}

/* 0 to go on; parse_options()'s stop code (< 0) or an exit status (> 0). */
static int parse_create_args(int argc, char **argv, struct create_opts *co)
{
	memset(&param, 0, sizeof(param));
	/* upstream's defaults */
	param.co.spec.autolabel = param.co.spec.autorecover = true;
	argc = parse_options(argc, argv, create_options, create_usage, 0);
	if (argc < 0)
		return argc;
	for (int i = 0; i < argc; i++)
		opt_error("unknown extra parameter \"%s\"\n", argv[i]);
	if (argc)
		return usage_with_options(create_usage, create_options);
	*co = param.co;
	return convert_values(co) ?: convert_names(co);
}

/* Upstream's filters: the bus and the region, an idle one too. */
static bool region_selected(struct ndctl_region *region, void *arg)
{
	const struct topo_filter *f = arg;

	return topo_filter_bus(f, ndctl_region_get_bus(region)) &&
		topo_filter_region(f, region, true);
}

/* ndkit's explanations: a step done for the user as it is, the rest as ndctl's. */
static void print_note(void *arg, int priority, const char *line)
{
	(void)arg;
	if (priority >= LOG_NOTICE)
		fprintf(stderr, "%s\n", line);
	else
		fprintf(stderr, "ndctl create-namespace: %s\n", line);
}

/* As upstream: human sizes only on a terminal, numbers when piped. */
static void print_created(struct ndctl_namespace *ndns)
{
	struct json_object *j;

	if (!ndns)
		return;
	j = ndctl_namespace_to_json(ndns, NDCTL_JSON_DAX |
			(isatty(STDOUT_FILENO) ? NDCTL_JSON_HUMAN : 0));
	util_json_print(stdout, j);
	json_object_put(j);
}

/*
 * Upstream's end: a refusal it named on its own line exits with its errno;
 * any other prints the summary line, and a failed create exits ENODEV.
 */
static int create_failed(const struct create_opts *co, bool named_by_upstream, int rc)
{
	if (named_by_upstream)
		return rc;
	fprintf(stderr, "failed to %s namespace: %s\n", co->reconfig ? "reconfigure" : "create",
			strerror(-rc));
	return co->reconfig ? rc : -ENODEV;
}

/* The spec's region choice: the regions co's filter selects. */
static void choose_by_filter(struct create_opts *co)
{
	co->spec.region_filter = region_selected;
	co->spec.filter_arg = &co->filter;
	co->spec.region_asked = co->filter.region;
}

/* One create in the regions co's filter selects; res says how it ended. */
static int create_one(struct ndctl_ctx *ctx, struct create_opts *co,
		struct ndctl_namespace_result *res)
{
	int rc;

	choose_by_filter(co);
	rc = ndctl_namespace_create(ctx, &co->spec, res);
	if (!rc)
		print_created(res->ndns);
	return rc;
}

/*
 * -c, as upstream: one namespace in each region the filters select; a full
 * region is skipped, any other failure stops unless -f. No autolabel: as
 * upstream, a label-less region is refused (EINVAL) unless --size is its own,
 * rather than every label-less region on the system being labelled at once.
 */
static int create_greedy(struct ndctl_ctx *ctx, struct create_opts *co)
{
	struct ndctl_namespace_result res = { 0 };
	struct ndctl_region *region;
	struct ndctl_bus *bus;
	char names[64][32];
	int n = 0, created = 0, rc;
	bool named = false;	/* the failure's ending, as upstream's scan keeps it */

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
		one.spec.quiet_full = true;
		one.spec.autolabel = false;
		r = create_one(ctx, &one, &res);
		created += !r;
		if (r && r != -ENOSPC) {
			rc = r;
			named = res.named_by_upstream;
		}
		if (r && r != -ENOSPC && !co->spec.force)
			break;
	}
	fprintf(stderr, "created %d namespace%s\n", created, created == 1 ? "" : "s");
	/* as upstream, a region that failed (not merely full) fails the command */
	return created < 1 || rc != -ENOSPC ? create_failed(co, named, rc) : 0;
}

int cmd_create_namespace(int argc, char **argv, void *ctx)
{
	struct ndctl_namespace_result res;
	struct create_opts co = { 0 };
	int rc = parse_create_args(argc, argv, &co);

	if (rc)
		return rc < 0 ? parse_options_exit(rc) : rc;
	if (co.verbose)
		ndctl_set_log_priority(ctx, LOG_DEBUG);
	co.spec.note = print_note;
	if (co.reconfig) {
		choose_by_filter(&co);	/* as upstream, -r/-b/-t limit where NS is looked for */
		rc = ndctl_namespace_reconfigure(ctx, co.reconfig, &co.spec, &res);
		if (!rc)
			print_created(res.ndns);
		return rc ? create_failed(&co, res.named_by_upstream, rc) : 0;
	}
	if (co.cont)
		return create_greedy(ctx, &co);
	rc = create_one(ctx, &co, &res);
	return rc ? create_failed(&co, res.named_by_upstream, rc) : 0;
}
