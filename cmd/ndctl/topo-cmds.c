// SPDX-License-Identifier: GPL-2.0-only
/*
 * enable/disable-region, enable/disable-namespace, enable/disable-dimm and
 * destroy-namespace: one action applied to each object a name (or "all")
 * selects, with upstream's options, "<verb> N <kind>s" summary and exit
 * status, which differ by kind (see each kind's finish_*()).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <uuid/uuid.h>
#include "builtin.h"
#include "topo-filter.h"
#include "../common/parse-options.h"

enum topo_kind { KIND_REGION, KIND_NAMESPACE, KIND_DIMM };

/* What an action did, in upstream's words. */
struct topo_verb {
	const char *done;		/* "enabled", for the summary */
	const char *doing;		/* "enabling", for upstream's error line */
};

static const struct topo_verb enabling = { "enabled", "enabling" };
static const struct topo_verb disabling = { "disabled", "disabling" };
static const struct topo_verb destroying = { "destroyed", "destroying" };

struct topo_action {
	const char *cmd;
	enum topo_kind kind;
	const struct topo_verb *verb;
	int (*fn)(void *obj, bool force);
	const struct option *opts;	/* NULL: its kind's */
};

static struct {
	struct topo_filter filter;
	bool force, verbose;
} param;

static int region_enable(void *obj, bool force)
{
	return ndctl_region_enable(obj);
}

static int region_disable(void *obj, bool force)
{
	return ndctl_region_disable_safe(obj);
}

/* 1 (enabled through its personality) is success too, as upstream's command takes it. */
static int ns_enable(void *obj, bool force)
{
	int rc = ndctl_namespace_enable(obj);

	return rc > 0 ? 0 : rc;
}

static int ns_disable(void *obj, bool force)
{
	return ndctl_namespace_disable_safe(obj);
}

/* Idle (no capacity) but the kernel keeps its uuid: what a failed label update left. */
static bool idle_keeps_uuid(struct ndctl_namespace *ndns)
{
	uuid_t uu;

	if (ndctl_namespace_is_configured(ndns) || ndctl_namespace_is_active(ndns))
		return false;
	ndctl_namespace_get_uuid(ndns, uu);
	return !uuid_is_null(uu);
}

/*
 * Its release (size 0) failed: with a DIMM failing label writes the kernel
 * has freed the capacity already, keeps the uuid, and deleted its labels
 * from the DIMMs before the failing one only. Say so, and what finishes it.
 */
static int destroy_failed(struct ndctl_namespace *ndns, int rc)
{
	const char *ns = ndctl_namespace_get_devname(ndns);
	char text[40];
	uuid_t uu;

	if (!idle_keeps_uuid(ndns))
		return rc;
	ndctl_namespace_get_uuid(ndns, uu);
	uuid_unparse(uu, text);
	fprintf(stderr, "%s: its label update failed (%s): the kernel released its capacity but keeps uuid %s, and labels of it may remain on %s's DIMMs ('ndctl read-labels -j' shows which); once they take label writes again, 'ndctl destroy-namespace -f %s' deletes them and the uuid\n",
		ns, strerror(-rc), text,
		ndctl_region_get_devname(ndctl_namespace_get_region(ndns)), ns);
	return rc;
}

/*
 * A label-less namespace (no uuid: e820, a region without label support) has
 * no capacity to give back. As upstream: it is disabled and an info block on
 * its head cleared; it counts as destroyed only when there was one (else 1:
 * skipped, not an error), and it stays disabled.
 */
static int ns_destroy_labelless(struct ndctl_namespace *ndns)
{
	static const char zeros[8192];
	char head[sizeof(zeros)];
	int rc = ndctl_namespace_disable_safe(ndns);

	if (rc)
		return rc;
	if (ndctl_namespace_read_head(ndns, head, sizeof(head)) ||
			memcmp(head, zeros, sizeof(head)) == 0)
		return 1;
	return ndctl_namespace_clear_info_block(ndns);
}

/*
 * As upstream, an idle seed (nothing configured) is destroyed already, and a
 * namespace of a read-only region is refused before anything is disabled.
 * An idle namespace that keeps a uuid is not: its release is written again
 * (as upstream does), which makes the kernel delete its labels and forget it.
 */
static int ns_destroy(void *obj, bool force)
{
	if ((ndctl_namespace_is_configured(obj) || ndctl_namespace_is_active(obj)) &&
			ndctl_region_get_ro(ndctl_namespace_get_region(obj))) {
		fprintf(stderr, "%s: read-only, re-configuration disabled\n",
				ndctl_namespace_get_devname(obj));
		return -ENXIO;
	}
	if (!force && ndctl_namespace_is_active(obj)) {
		fprintf(stderr, "%s is active, specify --force for re-configuration\n",
				ndctl_namespace_get_devname(obj));
		return -EBUSY;
	}
	if (idle_keeps_uuid(obj))
		return destroy_failed(obj, ndctl_namespace_set_size(obj, 0));
	if (!ndctl_namespace_is_configured(obj) && !ndctl_namespace_is_active(obj))
		return 0;
	if (!ndctl_namespace_has_uuid(obj))
		return ns_destroy_labelless(obj);
	return destroy_failed(obj, ndctl_namespace_delete(obj));
}

static int dimm_enable(void *obj, bool force)
{
	return ndctl_dimm_enable(obj);
}

static int dimm_disable(void *obj, bool force)
{
	return ndctl_dimm_disable(obj);
}

static const struct option ns_options[] = {
	NS_FILTER_OPTIONS(&param.filter, &param.verbose),
	OPT_END(),
};

static const struct option destroy_options[] = {
	NS_FILTER_OPTIONS(&param.filter, &param.verbose),
	OPT_BOOLEAN('f', "force", &param.force, "destroy namespace even if currently active"),
	OPT_END(),
};

static const struct option region_options[] = {
	OPT_STRING('b', "bus", &param.filter.bus, "bus-id",
		"<region> must be on a bus with an id/provider of <bus-id>"),
	OPT_STRING('t', "type", &param.filter.type, "region-type",
		"<region> must be of the specified type"),
	OPT_STRING('r', "region", &param.filter.region, "region-id",
		"ndkit: only this region (with 'all')"),
	OPT_BOOLEAN('v', "verbose", &param.verbose, "ndkit: turn on debug"),
	OPT_END(),
};

static const struct option dimm_options[] = {
	OPT_STRING('b', "bus", &param.filter.bus, "bus-id",
		"<nmem> must be on a bus with an id/provider of <bus-id>"),
	OPT_BOOLEAN('v', "verbose", &param.verbose, "turn on debug"),
	OPT_STRING('r', "region", &param.filter.region, "region-id",
		"ndkit: only DIMMs this region maps"),
	OPT_END(),
};

/* What differs by kind: the usage's operand, the summary's noun, the options. */
static const struct {
	const char *operand, *noun;
	const struct option *opts;
} kinds[] = {
	[KIND_REGION] = { "<region>", "region", region_options },
	[KIND_NAMESPACE] = { "<namespace>", "namespace", ns_options },
	[KIND_DIMM] = { "<nmem0> [<nmem1>..<nmemN>]", "nmem", dimm_options },
};

static const struct topo_action actions[] = {
	{ "enable-region", KIND_REGION, &enabling, region_enable, NULL },
	{ "disable-region", KIND_REGION, &disabling, region_disable, NULL },
	{ "enable-namespace", KIND_NAMESPACE, &enabling, ns_enable, NULL },
	{ "disable-namespace", KIND_NAMESPACE, &disabling, ns_disable, NULL },
	{ "destroy-namespace", KIND_NAMESPACE, &destroying, ns_destroy, destroy_options },
	{ "enable-dimm", KIND_DIMM, &enabling, dimm_enable, NULL },
	{ "disable-dimm", KIND_DIMM, &disabling, dimm_disable, NULL },
};

struct action_run {
	const struct topo_action *act;
	const char *const *usage;
	const struct option *opts;
	const char *name;
	int done, err;		/* err: see apply() */
};

/*
 * An action's result: 0 done (counted), > 0 skipped, < 0 failed (printed).
 * For namespaces, as upstream, each one's result replaces the last one's: the
 * exit status is the last namespace's, and a later success hides an earlier
 * failure from it (not from the messages). Otherwise the first failure stays.
 */
static void apply(struct action_run *run, void *obj, const char *devname)
{
	int rc = run->act->fn(obj, param.force);

	if (rc < 0)
		fprintf(stderr, "%s: %s: %s\n", run->act->cmd, devname, strerror(-rc));
	else if (rc == 0)
		run->done++;
	if (run->act->kind == KIND_NAMESPACE)
		run->err = rc < 0 ? rc : 0;
	else if (rc < 0 && !run->err)
		run->err = rc;
}

/* "all" leaves out the idle seeds, as upstream: nothing to act on there. */
static bool ns_selected(const char *want, struct ndctl_namespace *ndns)
{
	if (strcmp(want, "all") == 0)
		return ndctl_namespace_is_configured(ndns) || ndctl_namespace_is_active(ndns);
	return strcmp(want, ndctl_namespace_get_devname(ndns)) == 0;
}

static void run_on_region(struct action_run *run, struct ndctl_region *region)
{
	struct topo_filter by_name = { .region = run->name };
	struct ndctl_namespace *ndns;

	if (run->act->kind == KIND_REGION) {
		if (topo_filter_region(&by_name, region, true))
			apply(run, region, ndctl_region_get_devname(region));
		return;
	}
	ndctl_namespace_foreach(region, ndns)
		if (ns_selected(run->name, ndns))
			apply(run, ndns, ndctl_namespace_get_devname(ndns));
}

static void run_action(struct action_run *run, struct ndctl_ctx *ctx)
{
	struct ndctl_region *region;
	struct ndctl_dimm *dimm;
	struct ndctl_bus *bus;

	ndctl_bus_foreach(ctx, bus) {
		if (!topo_filter_bus(&param.filter, bus))
			continue;
		if (run->act->kind == KIND_DIMM) {
			ndctl_dimm_foreach(bus, dimm)
				if (topo_filter_dimm(&param.filter, dimm, true) &&
						(strcmp(run->name, "all") == 0 ||
						 strcmp(run->name, ndctl_dimm_get_devname(dimm)) == 0))
					apply(run, dimm, ndctl_dimm_get_devname(dimm));
			continue;
		}
		ndctl_region_foreach(bus, region)
			if (topo_filter_region(&param.filter, region, true))
				run_on_region(run, region);
	}
}

/* Namespaces and regions take exactly one name; upstream's texts. */
static int check_one_name(struct action_run *run, int argc, char **argv)
{
	char verb[16];
	int errs = 0;

	if (run->act->kind == KIND_NAMESPACE) {
		snprintf(verb, sizeof(verb), "%.*s", (int)strcspn(run->act->cmd, "-"),
				run->act->cmd);
		return topo_namespace_args(argc, argv, verb, run->usage, run->opts);
	}
	if (argc == 0) {
		opt_error("specify a specific region id to act on, or \"all\"\n");
		errs++;
	}
	for (int i = 1; i < argc; i++, errs++)
		opt_error("unknown extra parameter \"%s\"\n", argv[i]);
	return errs ? usage_with_options(run->usage, run->opts) : 0;
}

/* DIMMs: nmemN names or "all"; only when none is valid is it a usage error. */
static int check_dimm_names(struct action_run *run, int *argc, char **argv)
{
	int bad = 0;
	unsigned long id;

	if (*argc == 0)
		return usage_with_options(run->usage, run->opts);
	for (int i = 0; i < *argc; i++) {
		if (strcmp(argv[i], "all") == 0) {
			argv[0] = "all";
			*argc = 1;
			return 0;
		}
		if (sscanf(argv[i], "nmem%lu", &id) != 1) {
			fprintf(stderr, "'%s' is not a valid dimm name\n", argv[i]);
			bad++;
		}
	}
	return bad == *argc ? usage_with_options(run->usage, run->opts) : 0;
}

static void print_summary(const struct action_run *run)
{
	int n = run->done;
	bool plural = run->act->kind == KIND_NAMESPACE ? n != 1
		: run->act->kind == KIND_REGION ? n != 1 : n > 1;

	fprintf(stderr, "%s %d %s%s\n", run->act->verb->done, n, kinds[run->act->kind].noun,
			plural ? "s" : "");
}

/*
 * Upstream's exit statuses: namespaces the errno of a failure (ENXIO when a
 * named one is not found), regions always 0, DIMMs 1 only when none worked.
 */
static int finish(const struct action_run *run, bool named_missing)
{
	int rc = run->err;

	if (run->act->kind == KIND_NAMESPACE && !rc && named_missing)
		rc = -ENXIO;
	if (run->act->kind == KIND_NAMESPACE && rc)
		fprintf(stderr, "error %s namespaces: %s\n", run->act->verb->doing,
				strerror(-rc));
	print_summary(run);
	if (run->act->kind == KIND_REGION)
		return 0;
	if (run->act->kind == KIND_DIMM)
		return run->done == 0 && rc ? EXIT_FAILURE : 0;
	return rc;
}

static void setup_run(struct action_run *run, const char *cmd)
{
	static char line[80];
	static const char *usage[] = { line, NULL };

	for (size_t i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
		if (strcmp(actions[i].cmd, cmd) == 0)
			run->act = &actions[i];
	snprintf(line, sizeof(line), "ndctl %s %s [<options>]", cmd, kinds[run->act->kind].operand);
	run->usage = usage;
	run->opts = run->act->opts ? run->act->opts : kinds[run->act->kind].opts;
}

static int topo_action_main(const char *cmd, int argc, char **argv, void *ctx)
{
	struct action_run run = { 0 };
	int rc;

	setup_run(&run, cmd);
	argc = parse_options(argc, argv, run.opts, run.usage, 0);
	if (argc < 0)
		return parse_options_exit(argc);
	rc = run.act->kind == KIND_DIMM ? check_dimm_names(&run, &argc, argv)
		: check_one_name(&run, argc, argv);
	if (rc)
		return rc;
	if (param.verbose)
		ndctl_set_log_priority(ctx, LOG_DEBUG);
	for (int i = 0; i < argc; i++) {
		run.name = argv[i];
		run_action(&run, ctx);
	}
	ndctl_invalidate(ctx);
	return finish(&run, run.done == 0 && strcmp(argv[0], "all") != 0);
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
