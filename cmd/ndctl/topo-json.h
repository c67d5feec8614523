/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_CMD_TOPO_JSON_H
#define NDKIT_CMD_TOPO_JSON_H
#include <json-c/json.h>
#include <ndctl/libndctl.h>
#include "util/json.h"

/* Which optional parts of an object to include, as upstream's list flags. */
struct topo_json_opts {
	unsigned flags;		/* UTIL_JSON_HUMAN, UTIL_JSON_VERBOSE */
	bool mappings;		/* regions list their DIMM mappings (-D) */
	bool capabilities;	/* -C */
	bool dax;		/* devdax namespaces nest their daxregion (-X, -v) */
};

struct json_object *topo_json_bus(struct ndctl_bus *bus, const struct topo_json_opts *o);
struct json_object *topo_json_dimm(struct ndctl_dimm *dimm, const struct topo_json_opts *o);
struct json_object *topo_json_region(struct ndctl_region *region,
		const struct topo_json_opts *o);
struct json_object *topo_json_namespace(struct ndctl_namespace *ndns,
		const struct topo_json_opts *o);
/* "fsdax", "devdax", "sector", "raw": the mode a user names. */
const char *topo_namespace_mode(struct ndctl_namespace *ndns);

#endif
