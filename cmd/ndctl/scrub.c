// SPDX-License-Identifier: GPL-2.0-only
/*
 * start-scrub and wait-scrub: upstream's bus commands. Each bus named (all
 * of them by default) is asked to scrub, or waited for; the buses that
 * succeeded are printed as a JSON array, and the status is 0 when any did.
 * QEMU's NFIT has no ARS: its nfit/scrub attribute is hidden, and both
 * fail there as upstream's do.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <json-c/json.h>
#include "builtin.h"
#include "topo-filter.h"
#include "util/json.h"
#include "../common/parse-options.h"

static struct {
	bool verbose;
	unsigned int poll_interval;
} param;

enum scrub_action { SCRUB_START, SCRUB_WAIT };

static int scrub_one(struct ndctl_bus *bus, enum scrub_action action)
{
	return action == SCRUB_START ? ndctl_bus_start_scrub(bus)
		: ndctl_bus_poll_scrub_completion(bus, param.poll_interval, 0);
}

/* "all" anywhere among the names means every bus, once. */
static int all_if_named(int argc, char **argv)
{
	static char all[] = "all";

	for (int i = 0; i < argc; i++)
		if (strcmp(argv[i], "all") == 0) {
			argv[0] = all;
			return 1;
		}
	return argc;
}

/* The number of buses that succeeded, else the first failure (ENXIO: none matched). */
static int scrub_buses(struct ndctl_ctx *ctx, int argc, char **argv,
		enum scrub_action action)
{
	struct json_object *buses = json_object_new_array();
	int success = 0, fail = 0;

	for (int i = 0; i < argc; i++) {
		struct topo_filter f = { .bus = argv[i] };
		struct ndctl_bus *bus;
		int found = 0;

		ndctl_bus_foreach(ctx, bus) {
			int rc;

			if (!topo_filter_bus(&f, bus))
				continue;
			found++;
			rc = scrub_one(bus, action);
			if (rc == 0) {
				success++;
				json_object_array_add(buses, ndctl_bus_to_json(bus,
						NDCTL_JSON_FIRMWARE | NDCTL_JSON_HUMAN));
			} else if (!fail) {
				fail = rc;
			}
		}
		if (!found && param.verbose)
			fprintf(stderr, "no bus matches id: %s\n", argv[i]);
	}
	if (success)
		util_json_print_escaped(stdout, buses);
	json_object_put(buses);
	return success ? success : fail ? fail : -ENXIO;
}

static int scrub_main(int argc, char **argv, struct ndctl_ctx *ctx, enum scrub_action action)
{
	static const char *const start_usage[] = {
		"ndctl start-scrub [<bus-id> <bus-id2> ... <bus-idN>] [<options>]", NULL };
	static const char *const wait_usage[] = {
		"ndctl wait-scrub [<bus-id> <bus-id2> ... <bus-idN>] [<options>]", NULL };
	const struct option start_options[] = {
		OPT_BOOLEAN('v', "verbose", &param.verbose, "turn on debug"),
		OPT_END(),
	};
	const struct option wait_options[] = {
		OPT_BOOLEAN('v', "verbose", &param.verbose, "turn on debug"),
		OPT_UINTEGER('p', "poll", &param.poll_interval, "poll interval (seconds)"),
		OPT_END(),
	};
	static char all[] = "all";
	char *all_argv[] = { all };
	int rc;

	if (action == SCRUB_START)
		argc = parse_options(argc, argv, start_options, start_usage, 0);
	else
		argc = parse_options(argc, argv, wait_options, wait_usage, 0);
	if (argc < 0)
		return parse_options_exit(argc);
	if (param.verbose)
		ndctl_set_log_priority(ctx, LOG_DEBUG);
	if (argc == 0) {
		argc = 1;
		argv = all_argv;
	} else {
		argc = all_if_named(argc, argv);
	}
	rc = scrub_buses(ctx, argc, argv, action);
	if (rc > 0)
		return 0;
	fprintf(stderr, "%s: %s\n", action == SCRUB_START ? "error starting scrub"
			: "error waiting for scrub completion", strerror(-rc));
	return rc;
}

int cmd_start_scrub(int argc, char **argv, void *ctx)
{
	return scrub_main(argc, argv, ctx, SCRUB_START);
}

int cmd_wait_scrub(int argc, char **argv, void *ctx)
{
	return scrub_main(argc, argv, ctx, SCRUB_WAIT);
}
