// SPDX-License-Identifier: GPL-2.0-only
/*
 * enable/disable-region, enable/disable-namespace, enable/disable-dimm and
 * destroy-namespace: one action applied to each object a name (or "all")
 * selects, with upstream's "<verb> N <kind>s" summary.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include "builtin.h"
#include "topo-filter.h"

enum topo_kind { KIND_REGION, KIND_NAMESPACE, KIND_DIMM };

struct topo_action {
	const char *cmd;
	enum topo_kind kind;
	const char *verb;		/* "enabled" */
	int (*fn)(void *obj, bool force);
	bool skip_seeds;		/* destroy all: idle seeds do not count */
};

static const char *const kind_names[] = { "region", "namespace", "dimm" };

static int region_enable(void *obj, bool force)
{
	return ndctl_region_enable(obj);
}

static int region_disable(void *obj, bool force)
{
	return ndctl_region_disable_safe(obj);
}

static int ns_enable(void *obj, bool force)
{
	return ndctl_namespace_enable(obj);
}

static int ns_disable(void *obj, bool force)
{
	return ndctl_namespace_disable_safe(obj);
}

static int ns_destroy(void *obj, bool force)
{
	if (!force && ndctl_namespace_is_enabled(obj)) {
		fprintf(stderr, "%s is active, specify --force for re-configuration\n",
				ndctl_namespace_get_devname(obj));
		return -EBUSY;
	}
	return ndctl_namespace_delete(obj);
}

static int dimm_enable(void *obj, bool force)
{
	return ndctl_dimm_enable(obj);
}

static int dimm_disable(void *obj, bool force)
{
	return ndctl_dimm_disable(obj);
}

static const struct topo_action actions[] = {
	{ "enable-region", KIND_REGION, "enabled", region_enable, false },
	{ "disable-region", KIND_REGION, "disabled", region_disable, false },
	{ "enable-namespace", KIND_NAMESPACE, "enabled", ns_enable, false },
	{ "disable-namespace", KIND_NAMESPACE, "disabled", ns_disable, false },
	{ "destroy-namespace", KIND_NAMESPACE, "destroyed", ns_destroy, true },
	{ "enable-dimm", KIND_DIMM, "enabled", dimm_enable, false },
	{ "disable-dimm", KIND_DIMM, "disabled", dimm_disable, false },
};

struct action_run {
	const struct topo_action *act;
	struct topo_filter filter;
	const char *name;
	bool force, verbose;
	int done, failed;
};

static void apply(struct action_run *run, void *obj, const char *devname)
{
	int rc = run->act->fn(obj, run->force);

	if (rc) {
		fprintf(stderr, "%s: %s: %s\n", run->act->cmd, devname, strerror(-rc));
		run->failed++;
	} else {
		run->done++;
	}
}

static bool name_selects(const char *want, const char *devname)
{
	return strcmp(want, "all") == 0 || strcmp(want, devname) == 0;
}

static void run_on_region(struct action_run *run, struct ndctl_region *region)
{
	struct ndctl_namespace *ndns;

	if (run->act->kind == KIND_REGION) {
		if (name_selects(run->name, ndctl_region_get_devname(region)))
			apply(run, region, ndctl_region_get_devname(region));
		return;
	}
	ndctl_namespace_foreach(region, ndns) {
		const char *devname = ndctl_namespace_get_devname(ndns);

		if (!name_selects(run->name, devname))
			continue;
		if (run->act->skip_seeds && !ndctl_namespace_is_configured(ndns))
			continue;
		apply(run, ndns, devname);
	}
}

static void run_action(struct action_run *run, struct ndctl_ctx *ctx)
{
	struct ndctl_region *region;
	struct ndctl_dimm *dimm;
	struct ndctl_bus *bus;

	ndctl_bus_foreach(ctx, bus) {
		if (!topo_filter_bus(&run->filter, bus))
			continue;
		if (run->act->kind == KIND_DIMM) {
			ndctl_dimm_foreach(bus, dimm)
				if (name_selects(run->name, ndctl_dimm_get_devname(dimm)))
					apply(run, dimm, ndctl_dimm_get_devname(dimm));
			continue;
		}
		ndctl_region_foreach(bus, region)
			if (topo_filter_region(&run->filter, region, true))
				run_on_region(run, region);
	}
}

static int usage(const struct topo_action *act, FILE *f)
{
	fprintf(f, "usage: ndctl %s <%s> [<%s>...] [<options>]\n\n"
			"  <%s>              a device name or 'all'\n"
			"  -b, --bus <name>      only on this bus\n"
			"  -r, --region <name>   only in this region\n"
			"  -v, --verbose         debug messages from libndctl\n"
			"%s", act->cmd, kind_names[act->kind], kind_names[act->kind],
			kind_names[act->kind], act->fn == ns_destroy ?
			"  -f, --force           destroy even if enabled\n" : "");
	return f == stdout ? 0 : 1;
}

static int parse_action_args(struct action_run *run, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "bus", required_argument, NULL, 'b' },
		{ "region", required_argument, NULL, 'r' },
		{ "force", no_argument, NULL, 'f' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":b:r:fvh", longopts, NULL)) != -1) {
		switch (c) {
		case 'b': run->filter.bus = optarg; break;
		case 'r': run->filter.region = optarg; break;
		case 'f': run->force = true; break;
		case 'v': run->verbose = true; break;
		case 'h': return -1;
		case ':':
			return usage_error("ndctl", run->act->cmd, "option '%s' needs a value",
					argv[optind - 1]);
		default:
			return usage_error("ndctl", run->act->cmd, "unknown option '%s'",
					argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return usage_error("ndctl", run->act->cmd, "name a %s, or 'all'",
				kind_names[run->act->kind]);
	return 0;
}

static int topo_action_main(const char *cmd, int argc, char **argv, void *ctx)
{
	struct action_run run = { 0 };
	int rc;

	for (size_t i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
		if (strcmp(actions[i].cmd, cmd) == 0)
			run.act = &actions[i];
	rc = parse_action_args(&run, argc, argv);
	if (rc)
		return rc < 0 ? usage(run.act, stdout) : rc;
	if (run.verbose)
		ndctl_set_log_priority(ctx, LOG_DEBUG);
	for (int i = optind; i < argc; i++) {
		run.name = argv[i];
		run_action(&run, ctx);
	}
	ndctl_invalidate(ctx);
	fprintf(stderr, "%s %d %s%s\n", run.act->verb, run.done,
			kind_names[run.act->kind], run.done == 1 ? "" : "s");
	if (run.failed || (!run.done && strcmp(argv[optind], "all") != 0))
		return 1;
	return 0;
}

#define TOPO_ACTION(fn, name) \
int fn(int argc, char **argv, void *ctx) \
{ \
	return topo_action_main(name, argc, argv, ctx); \
}

TOPO_ACTION(cmd_enable_region, "enable-region")
TOPO_ACTION(cmd_disable_region, "disable-region")
TOPO_ACTION(cmd_enable_namespace, "enable-namespace")
TOPO_ACTION(cmd_disable_namespace, "disable-namespace")
TOPO_ACTION(cmd_destroy_namespace, "destroy-namespace")
TOPO_ACTION(cmd_enable_dimm, "enable-dimm")
TOPO_ACTION(cmd_disable_dimm, "disable-dimm")
