// SPDX-License-Identifier: GPL-2.0-only
/*
 * inject-error: upstream's options, texts and exit statuses over libndctl's
 * error injection (the NFIT bus DSMs; nfit_test offers them, QEMU's NFIT
 * does not). An injection with notification waits, as upstream, for the
 * scrub the firmware's notice starts, so the namespace printed after it
 * lists the new bad blocks.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <json-c/json.h>
#include "builtin.h"
#include "topo-filter.h"
#include "util/json.h"
#include "util/size.h"
#include "../common/parse-options.h"

static struct {
	struct topo_filter filter;
	const char *block, *count;
	bool verbose, uninject, status, no_notify, saturate, human;
} param;

enum inject_op { OP_INJECT, OP_UNINJECT, OP_STATUS };

static struct {
	enum inject_op op;
	unsigned long long block, count;
	unsigned int flags;	/* 1 << enum ndctl_namespace_inject_flags */
	unsigned json;		/* enum ndctl_json_flags */
} ictx;

static int parse_number(const char *text, const char *what, unsigned long long *out)
{
	uint64_t v;

	if (parse_size(text, &v)) {
		opt_error("Invalid %s: %s\n", what, text);
		return -EINVAL;
	}
	*out = v;
	return 0;
}

/* Upstream's inject_init: which operation, in its order of checks and texts. */
static int inject_init(void)
{
	if (param.uninject && param.status) {
		opt_error("status is invalid with inject or uninject\n");
		return -EINVAL;
	}
	if (param.status && (param.block || param.count || param.saturate)) {
		opt_error("status is invalid with inject or uninject\n");
		return -EINVAL;
	}
	ictx.op = param.status ? OP_STATUS : param.uninject ? OP_UNINJECT : OP_INJECT;
	if (ictx.op == OP_INJECT && !param.no_notify)
		ictx.flags |= 1u << NDCTL_NS_INJECT_NOTIFY;
	if (param.block && parse_number(param.block, "block", &ictx.block))
		return -EINVAL;
	if (param.count && parse_number(param.count, "count", &ictx.count))
		return -EINVAL;
	if (ictx.op != OP_STATUS && (!param.block || !param.count)) {
		opt_error("block and count required for inject/uninject\n");
		return -EINVAL;
	}
	if (param.human)
		ictx.json = NDCTL_JSON_HUMAN;
	if (param.saturate)
		ictx.flags |= 1u << NDCTL_NS_INJECT_SATURATE;
	return 0;
}

static void print_json(struct json_object *j)
{
	util_json_print_escaped(stdout, j);
	json_object_put(j);
}

/* After a notified injection: a scrub past start_count starts (30 s at most) and ends. */
static int wait_for_new_scrub(struct ndctl_bus *bus, unsigned int start_count)
{
	unsigned int count;
	int tmo = 30, rc;

	do {
		count = ndctl_bus_get_scrub_count(bus);
		if (count == UINT_MAX) {
			fprintf(stderr, "Unable to get scrub count\n");
			return -ENXIO;
		}
		sleep(1);
	} while (count <= start_count && --tmo > 0);
	rc = ndctl_bus_wait_for_scrub_completion(bus);
	if (rc)
		fprintf(stderr, "Error waiting for scrub\n");
	return rc;
}

static int print_namespace(struct ndctl_namespace *ndns, unsigned int start_count)
{
	int rc;

	if (ictx.op == OP_INJECT && (ictx.flags & (1u << NDCTL_NS_INJECT_NOTIFY))) {
		rc = wait_for_new_scrub(ndctl_namespace_get_bus(ndns), start_count);
		if (rc)
			return rc;
	}
	print_json(ndctl_namespace_to_json(ndns, ictx.json | NDCTL_JSON_MEDIA_ERRORS));
	return 0;
}

static int inject(struct ndctl_namespace *ndns)
{
	unsigned int start = ndctl_bus_get_scrub_count(ndctl_namespace_get_bus(ndns));
	int rc;

	if (start == UINT_MAX) {
		fprintf(stderr, "Unable to get scrub count\n");
		return -ENXIO;
	}
	rc = ndctl_namespace_inject_error2(ndns, ictx.block, ictx.count, ictx.flags);
	if (rc) {
		fprintf(stderr, "Unable to inject error: %s (%d)\n", strerror(abs(rc)), rc);
		return rc;
	}
	return print_namespace(ndns, start);
}

static int uninject(struct ndctl_namespace *ndns)
{
	int rc = ndctl_namespace_uninject_error2(ndns, ictx.block, ictx.count, ictx.flags);

	if (rc) {
		fprintf(stderr, "Unable to uninject error: %s (%d)\n", strerror(abs(rc)), rc);
		return rc;
	}
	/* upstream's words: the kernel's lists keep the blocks until written or cleared */
	printf("Warning: Un-injecting previously injected errors here will\n"
		"not cause the kernel to 'forget' its badblock entries. Those\n"
		"have to be cleared through the normal process of writing\n"
		"the affected blocks\n\n");
	return print_namespace(ndns, 0);
}

/* {"badblocks": [{"block", "count"}, ...]}, nothing at all when none is injected. */
static int status(struct ndctl_namespace *ndns)
{
	struct json_object *j, *list;
	struct ndctl_bb *bb;
	int rc = ndctl_namespace_injection_status(ndns);

	if (rc) {
		fprintf(stderr, "Unable to get injection status: %s (%d)\n",
				strerror(abs(rc)), rc);
		return rc;
	}
	list = json_object_new_array();
	ndctl_namespace_bb_foreach(ndns, bb) {
		struct json_object *e = json_object_new_object();

		json_object_object_add(e, "block", util_json_hex(ndctl_bb_get_block(bb),
					param.human ? UTIL_JSON_HUMAN : 0));
		json_object_object_add(e, "count", util_json_hex(ndctl_bb_get_count(bb),
					param.human ? UTIL_JSON_HUMAN : 0));
		json_object_array_add(list, e);
	}
	if (json_object_array_length(list) == 0) {
		json_object_put(list);
		return 0;
	}
	j = json_object_new_object();
	json_object_object_add(j, "badblocks", list);
	print_json(j);
	return 0;
}

static int inject_one(struct ndctl_namespace *ndns)
{
	const char *name = ndctl_namespace_get_devname(ndns);

	if (!ndctl_bus_has_error_injection(ndctl_namespace_get_bus(ndns))) {
		fprintf(stderr, "%s: error injection not supported\n", name);
		return -EOPNOTSUPP;
	}
	switch (ictx.op) {
	case OP_INJECT:
		return inject(ndns);
	case OP_UNINJECT:
		return uninject(ndns);
	default:
		return status(ndns);
	}
}

struct inject_run {
	const char *name;
	bool found;
	int rc;
};

/* The first namespace of that name under the filters: upstream takes no "all". */
static bool inject_if_named(struct ndctl_namespace *ndns, void *arg)
{
	struct inject_run *run = arg;

	if (strcmp(run->name, ndctl_namespace_get_devname(ndns)) != 0)
		return true;
	run->found = true;
	run->rc = inject_one(ndns);
	return false;
}

int cmd_inject_error(int argc, char **argv, void *ctx)
{
	static const char *const usage[] = { "ndctl inject-error <namespace> [<options>]", NULL };
	const struct option options[] = {
		NS_FILTER_OPTIONS(&param.filter, &param.verbose),
		OPT_STRING('B', "block", &param.block, "namespace block offset (512B)",
			"specify the block at which to (un)inject the error"),
		OPT_STRING('n', "count", &param.count, "count",
			"specify the number of blocks of errors to (un)inject"),
		OPT_BOOLEAN('d', "uninject", &param.uninject,
			"un-inject a previously injected error"),
		OPT_BOOLEAN('t', "status", &param.status, "get error injection status"),
		OPT_BOOLEAN('N', "no-notify", &param.no_notify, "firmware should not notify OS"),
		OPT_BOOLEAN('S', "saturate", &param.saturate,
			"inject full sector, not just 'ars_unit' bytes"),
		OPT_BOOLEAN('u', "human", &param.human, "use human friendly number formats "),
		OPT_END(),
	};
	struct inject_run run = { 0 };
	int rc;

	argc = parse_options(argc, argv, options, usage, 0);
	if (argc < 0)
		return parse_options_exit(argc);
	rc = inject_init();
	if (rc)
		return rc;
	if (argc == 0)
		opt_error("specify a namespace to inject error to\n");
	for (int i = 1; i < argc; i++)
		opt_error("unknown extra parameter \"%s\"\n", argv[i]);
	if (argc != 1)
		return usage_with_options(usage, options);
	if (param.verbose)
		ndctl_set_log_priority(ctx, LOG_DEBUG);
	run.name = argv[0];
	topo_filter_each_namespace(ctx, &param.filter, inject_if_named, &run);
	ndctl_invalidate(ctx);
	if (!run.found) {
		opt_error("%s: no such namespace\n", run.name);
		return -ENXIO;
	}
	return run.rc;
}
