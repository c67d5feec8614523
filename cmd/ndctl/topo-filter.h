/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_CMD_TOPO_FILTER_H
#define NDKIT_CMD_TOPO_FILTER_H
#include <stdbool.h>
#include <ndctl/libndctl.h>

/* Upstream's object filters (-b -r -d -n -m -t -U); NULL or "all" matches all. */
struct topo_filter {
	const char *bus, *region, *dimm, *namespace, *mode, *type, *numa_node;
};

/* Rejects an unknown mode, type or numa node as upstream; 0 or the exit status. */
int topo_filter_check(const char *cmd, const struct topo_filter *f);
bool topo_filter_bus(const struct topo_filter *f, struct ndctl_bus *bus);
/* Whether the bus has the DIMM, region and namespace the filter names (upstream's walk). */
bool topo_filter_bus_holds(const struct topo_filter *f, struct ndctl_bus *bus);
bool topo_filter_dimm(const struct topo_filter *f, struct ndctl_dimm *dimm, bool idle);
bool topo_filter_region(const struct topo_filter *f, struct ndctl_region *region,
		bool idle);
bool topo_filter_namespace(const struct topo_filter *f, struct ndctl_namespace *ndns,
		bool idle);

/*
 * fn on each region (each namespace) of the buses and regions f passes, idle
 * ones too, in upstream's walk order, until fn returns false.
 */
void topo_filter_each_region(struct ndctl_ctx *ctx, const struct topo_filter *f,
		bool (*fn)(struct ndctl_region *region, void *arg), void *arg);
void topo_filter_each_namespace(struct ndctl_ctx *ctx, const struct topo_filter *f,
		bool (*fn)(struct ndctl_namespace *ndns, void *arg), void *arg);

struct option;
/*
 * A namespace command's one name (or "all"): upstream's "specify a
 * namespace to VERB, or "all"" and "unknown extra parameter" errors, then
 * its usage (129); 0 when argc is 1.
 */
int topo_namespace_args(int argc, char **argv, const char *verb,
		const char *const *usage, const struct option *opts);

/*
 * Upstream's BASE_OPTIONS of the namespace commands (create, destroy, enable,
 * disable, read/write-infoblock): one copy of its texts. f points to a
 * struct topo_filter, verbose to a bool; needs parse-options.h.
 */
#define NS_FILTER_OPTIONS(f, verbose) \
	OPT_STRING('b', "bus", &(f)->bus, "bus-id", \
		"limit namespace to a bus with an id or provider of <bus-id>"), \
	OPT_STRING('r', "region", &(f)->region, "region-id", \
		"limit namespace to a region with an id or name of <region-id>"), \
	OPT_BOOLEAN('v', "verbose", (verbose), "emit extra debug messages to stderr")

/* list --table: people's view of each region (list-table.c). */
int list_table(struct ndctl_ctx *ctx, const struct topo_filter *f);

#endif
