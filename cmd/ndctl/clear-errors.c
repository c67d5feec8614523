// SPDX-License-Identifier: GPL-2.0-only
/*
 * clear-errors: upstream's options, texts and exit statuses. Per namespace:
 * wait for the bus's scrub (start one first with --scrub, once per bus),
 * take the namespace offline, send the firmware one clear-error per bad
 * range of the region that lies wholly inside the namespace's data, bring
 * it back and print it with its media errors. A sector (BTT) namespace is
 * skipped, as upstream. On a bus without ARS (QEMU's NFIT) the scrub state
 * cannot be read and nothing is changed.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <uuid/uuid.h>
#include <json-c/json.h>
#include "builtin.h"
#include "topo-filter.h"
#include "util/json.h"
#include "../common/parse-options.h"

static struct {
	struct topo_filter filter;
	bool verbose, scrub;
	int logged;	/* errors of upstream's err(): "error clearing" is then left out */
} param;

/* Upstream's err(): its command name first, and counted. */
static void clear_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void clear_err(const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	param.logged++;
	opt_error("clear errors namespace: %s", msg);
}

/* ARS capabilities over the range, then a clear-error of what they cover. */
static int bus_send_clear(struct ndctl_bus *bus, unsigned long long start,
		unsigned long long size)
{
	const char *provider = ndctl_bus_get_provider(bus);
	struct ndctl_cmd *cap = ndctl_bus_cmd_new_ars_cap(bus, start, size), *clr = NULL;
	unsigned long long cleared;
	struct ndctl_range range;
	int rc;

	if (!cap) {
		clear_err("bus: %s failed to create cmd\n", provider);
		return -ENOTTY;
	}
	rc = ndctl_cmd_submit(cap);
	if (rc < 0) {
		clear_err("bus: %s failed to submit cmd: %d\n", provider, rc);
	} else if (ndctl_cmd_ars_cap_get_range(cap, &range)) {
		clear_err("bus: %s failed to get ars_cap range\n", provider);
		rc = -ENXIO;
	} else if (!(clr = ndctl_bus_cmd_new_clear_error(range.address, range.length, cap))) {
		clear_err("bus: %s failed to create cmd\n", provider);
		rc = -ENOTTY;
	} else if ((rc = ndctl_cmd_submit(clr)) < 0) {
		clear_err("bus: %s failed to submit cmd: %d\n", provider, rc);
	} else if ((cleared = ndctl_cmd_clear_error_get_cleared(clr)) != range.length) {
		clear_err("bus: %s expected to clear: %lld actual: %lld\n", provider,
				(long long)range.length, (long long)cleared);
		rc = -ENXIO;
	}
	ndctl_cmd_unref(clr);
	ndctl_cmd_unref(cap);
	return rc;
}

/* The region's bad ranges wholly inside [begin, begin + size): each cleared in turn. */
static void clear_ranges(struct ndctl_namespace *ndns, const char *devname,
		unsigned long long begin, unsigned long long size)
{
	struct ndctl_region *region = ndctl_namespace_get_region(ndns);
	unsigned long long rstart = ndctl_region_get_resource(region);
	struct badblock *bb;

	ndctl_region_badblock_foreach(region, bb) {
		unsigned long long b0 = rstart + (bb->offset << 9);
		unsigned long long len = (unsigned long long)bb->len << 9;

		if (b0 < begin || b0 + len > begin + size)
			continue;
		if (bus_send_clear(ndctl_region_get_bus(region), b0, len)) {
			opt_error("%s: failed to clear badblock at {%lld, %u}\n", devname,
					(long long)bb->offset, bb->len);
			break;
		}
	}
}

/* Offline, clear, back online: the data range of the personality, or the namespace. */
static int clear_namespace(struct ndctl_namespace *ndns)
{
	struct ndctl_pfn *pfn = ndctl_namespace_get_pfn(ndns);
	struct ndctl_dax *dax = ndctl_namespace_get_dax(ndns);
	const char *devname = dax ? ndctl_dax_get_devname(dax)
		: pfn ? ndctl_pfn_get_devname(pfn) : ndctl_namespace_get_devname(ndns);
	unsigned long long begin = dax ? ndctl_dax_get_resource(dax)
		: pfn ? ndctl_pfn_get_resource(pfn) : ndctl_namespace_get_resource(ndns);
	unsigned long long size = dax ? ndctl_dax_get_size(dax)
		: pfn ? ndctl_pfn_get_size(pfn) : ndctl_namespace_get_size(ndns);
	int rc;

	if (begin == ULLONG_MAX || size == ULLONG_MAX)
		return -ENXIO;
	rc = ndctl_namespace_disable_safe(ndns);
	if (rc) {
		opt_error("%s: unable to disable namespace: %s\n", devname, strerror(-rc));
		return rc;
	}
	if (ndctl_region_get_resource(ndctl_namespace_get_region(ndns)) == ULLONG_MAX) {
		rc = -errno;
		if (ndctl_namespace_enable(ndns) < 0)
			opt_error("%s: failed to reenable namespace\n", devname);
		return rc;
	}
	clear_ranges(ndns, devname, begin, size);
	rc = ndctl_namespace_enable(ndns);
	return rc < 0 ? rc : 0;
}

/* Any scrub running (or started here) ends before the region's list is read. */
static int wait_scrub(struct ndctl_namespace *ndns, bool start)
{
	struct ndctl_bus *bus = ndctl_namespace_get_bus(ndns);
	const char *devname = ndctl_namespace_get_devname(ndns);
	int running = ndctl_bus_get_scrub_state(bus), rc;

	if (running < 0) {
		opt_error("%s: Unable to determine scrub state: %s\n", devname,
				strerror(-running));
		return running;
	}
	if (start && !running) {
		rc = ndctl_bus_start_scrub(bus);
		if (rc) {
			opt_error("%s: Unable to start scrub: %s\n", devname, strerror(-rc));
			return rc;
		}
	}
	rc = ndctl_bus_wait_for_scrub_completion(bus);
	if (rc)
		opt_error("%s: Error waiting for scrub: %s\n", devname, strerror(-rc));
	return rc;
}

/* 0 cleared (printed), 1 skipped (a BTT), < 0 failed. */
static int clear_one(struct ndctl_namespace *ndns, bool start_scrub)
{
	int rc;

	if (ndctl_namespace_get_btt(ndns))
		return 1;
	rc = wait_scrub(ndns, start_scrub);
	if (!rc)
		rc = clear_namespace(ndns);
	if (rc)
		return rc;
	util_json_print_escaped(stdout, ndctl_namespace_to_json(ndns, NDCTL_JSON_MEDIA_ERRORS));
	return 0;
}

/* As upstream: "all" leaves out the empty seeds; the last namespace's result is the status. */
static bool selected(const char *name, struct ndctl_namespace *ndns)
{
	uuid_t uu;

	if (strcmp(name, "all") != 0)
		return strcmp(name, ndctl_namespace_get_devname(ndns)) == 0;
	ndctl_namespace_get_uuid(ndns, uu);
	return ndctl_namespace_get_size(ndns) || !uuid_is_null(uu);
}

struct clear_run {
	const char *name;
	struct ndctl_bus *bus;	/* the last namespace's: one scrub per bus is enough */
	int rc, done;
};

static bool clear_if_named(struct ndctl_namespace *ndns, void *arg)
{
	struct clear_run *run = arg;
	bool start_scrub = param.scrub && ndctl_namespace_get_bus(ndns) != run->bus;

	if (!selected(run->name, ndns))
		return true;
	run->bus = ndctl_namespace_get_bus(ndns);
	run->rc = clear_one(ndns, start_scrub);
	if (run->rc == 0)
		run->done++;
	return true;
}

int cmd_clear_errors(int argc, char **argv, void *ctx)
{
	static const char *const usage[] = { "ndctl clear_errors <namespace> [<options>]", NULL };
	const struct option options[] = {
		NS_FILTER_OPTIONS(&param.filter, &param.verbose),
		OPT_BOOLEAN('s', "scrub", &param.scrub, "run a scrub to find latent errors"),
		OPT_END(),
	};
	struct clear_run run = { 0 };
	int rc;

	argc = parse_options(argc, argv, options, usage, 0);
	if (argc < 0)
		return parse_options_exit(argc);
	rc = topo_namespace_args(argc, argv, "clear errors for", usage, options);
	if (rc)
		return rc;
	if (param.verbose)
		ndctl_set_log_priority(ctx, LOG_DEBUG);
	run.name = argv[0];
	run.rc = strcmp(run.name, "all") == 0 ? 0 : -ENXIO;
	topo_filter_each_namespace(ctx, &param.filter, clear_if_named, &run);
	ndctl_invalidate(ctx);
	if (run.rc < 0 && !param.logged)
		fprintf(stderr, "error clearing namespaces: %s\n", strerror(-run.rc));
	fprintf(stderr, "cleared %d namespace%s\n", run.done, run.done == 1 ? "" : "s");
	return run.rc;
}
