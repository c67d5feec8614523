// SPDX-License-Identifier: GPL-2.0-only
/* ndctl list: upstream's options, filters, JSON keys and top-level shapes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "builtin.h"
#include "../common/parse-options.h"
#include "topo-filter.h"
#include "util/json.h"

struct list_opts {
	struct topo_filter filter;
	bool buses, dimms, regions, namespaces, idle, configured;
	bool health, firmware;	/* DIMMs without Intel-family DSMs (QEMU's): nothing to add */
	bool media_errors;	/* -M: the "badblocks" of regions and namespaces */
	bool capabilities, dax, human;
	unsigned json;		/* enum ndctl_json_flags */
	int verbose;
	bool table;
};

static struct list_opts lopts;	/* the option table stores here */

static const char *const list_usage[] = { "ndctl list [<options>]", NULL };

static const struct option list_options[] = {
	OPT_STRING('b', "bus", &lopts.filter.bus, "bus-id", "filter by bus"),
	OPT_STRING('r', "region", &lopts.filter.region, "region-id", "filter by region"),
	OPT_STRING('d', "dimm", &lopts.filter.dimm, "dimm-id", "filter by dimm"),
	OPT_STRING('n', "namespace", &lopts.filter.namespace, "namespace-id",
		"filter by namespace id"),
	OPT_STRING('m', "mode", &lopts.filter.mode, "namespace-mode", "filter by namespace mode"),
	OPT_STRING('t', "type", &lopts.filter.type, "region-type", "filter by region-type"),
	OPT_STRING('U', "numa-node", &lopts.filter.numa_node, "numa node", "filter by numa node"),
	OPT_BOOLEAN('B', "buses", &lopts.buses, "include bus info"),
	OPT_BOOLEAN('D', "dimms", &lopts.dimms, "include dimm info"),
	OPT_BOOLEAN('F', "firmware", &lopts.firmware, "include firmware info"),
	OPT_BOOLEAN('H', "health", &lopts.health, "include dimm health"),
	OPT_BOOLEAN('R', "regions", &lopts.regions, "include region info"),
	OPT_BOOLEAN('N', "namespaces", &lopts.namespaces, "include namespace info (default)"),
	OPT_BOOLEAN('X', "device-dax", &lopts.dax, "include device-dax info"),
	OPT_BOOLEAN('C', "capabilities", &lopts.capabilities, "include region capability info"),
	OPT_BOOLEAN('i', "idle", &lopts.idle, "include idle devices"),
	OPT_BOOLEAN('c', "configured", &lopts.configured,
		"include configured namespaces, disabled or not"),
	OPT_BOOLEAN('M', "media-errors", &lopts.media_errors, "include media errors"),
	OPT_BOOLEAN('u', "human", &lopts.human, "use human friendly number formats "),
	OPT_INCR('v', "verbose", &lopts.verbose, "increase output detail"),
	OPT_BOOLEAN(0, "table", &lopts.table,
		"ndkit: tables for people, each region's capacity map"),
	OPT_END(),
};

static void apply_verbosity(struct list_opts *lo)
{
	if (lo->verbose >= 3) {	/* as upstream: also capabilities, health and firmware */
		lo->idle = true;
		lo->json |= NDCTL_JSON_CAPABILITIES | NDCTL_JSON_HEALTH | NDCTL_JSON_FIRMWARE;
	}
	if (lo->verbose >= 2)
		lo->dimms = lo->buses = lo->regions = true;
	if (lo->verbose >= 1) {
		lo->namespaces = true;
		lo->json |= NDCTL_JSON_DAX | NDCTL_JSON_VERBOSE | NDCTL_JSON_MEDIA_ERRORS;
	}
}

/* Nothing asked for: list what the filters name, namespaces by default. */
static void apply_defaults(struct list_opts *lo)
{
	const struct topo_filter *f = &lo->filter;

	if (lo->buses || lo->dimms || lo->regions || lo->namespaces)
		return;
	lo->regions = f->region != NULL;
	lo->dimms = f->dimm != NULL;
	lo->buses = f->bus != NULL && !lo->regions && !lo->dimms;
	if (!lo->regions && !lo->dimms && !lo->buses)
		lo->namespaces = true;
}

/* 0 to go on; parse_options()'s stop code (< 0) or an exit status. */
static int parse_list_args(int argc, char **argv, struct list_opts *lo)
{
	argc = parse_options(argc, argv, list_options, list_usage, 0);
	if (argc < 0)
		return argc;
	*lo = lopts;
	for (int i = 0; i < argc; i++)
		opt_error("unknown parameter \"%s\"\n", argv[i]);
	if (argc)
		return usage_with_options(list_usage, list_options);
	lo->json = (lo->dax ? NDCTL_JSON_DAX : 0) |
		(lo->capabilities ? NDCTL_JSON_CAPABILITIES : 0) |
		(lo->human ? NDCTL_JSON_HUMAN : 0) |
		(lo->health ? NDCTL_JSON_HEALTH : 0) |
		(lo->firmware ? NDCTL_JSON_FIRMWARE : 0) |
		(lo->media_errors ? NDCTL_JSON_MEDIA_ERRORS : 0);
	if (lo->dax && !lo->namespaces) {	/* as upstream: -X without -N, devdax only */
		lo->namespaces = true;
		if (!lo->filter.mode)
			lo->filter.mode = "devdax";
	}
	return 0;
}

static struct json_object *namespaces_json(struct ndctl_region *region,
		const struct list_opts *lo)
{
	struct json_object *arr = json_object_new_array();
	struct ndctl_namespace *ndns;

	ndctl_namespace_foreach(region, ndns)
		if (topo_filter_namespace(&lo->filter, ndns, lo->idle) ||
				(lo->configured && ndctl_namespace_get_size(ndns) &&
				 topo_filter_namespace(&lo->filter, ndns, true)))
			json_object_array_add(arr, ndctl_namespace_to_json(ndns, lo->json));
	return arr;
}

static void add_if_nonempty(struct json_object *obj, const char *key,
		struct json_object *arr)
{
	if (arr && json_object_array_length(arr))
		json_object_object_add_ex(obj, key, arr,	/* a constant, new to obj */
				JSON_C_OBJECT_ADD_KEY_IS_NEW | JSON_C_OBJECT_KEY_IS_CONSTANT);
	else
		json_object_put(arr);
}

static void append_all(struct json_object *dst, struct json_object *src)
{
	size_t n = json_object_array_length(src);

	for (size_t i = 0; i < n; i++)
		json_object_array_add(dst, json_object_get(json_object_array_get_idx(src, i)));
	json_object_put(src);
}

struct list_out {
	struct json_object *dimms, *regions, *namespaces;
	bool last_region_ns;	/* the last region listed showed namespaces */
};

static void list_bus_children(struct ndctl_bus *bus, const struct list_opts *lo,
		struct list_out *out)
{
	struct ndctl_region *region;
	struct ndctl_dimm *dimm;

	if (lo->dimms)
		ndctl_dimm_foreach(bus, dimm)
			if (topo_filter_dimm(&lo->filter, dimm, lo->idle))
				json_object_array_add(out->dimms, ndctl_dimm_to_json(dimm, lo->json));
	ndctl_region_foreach(bus, region) {
		if (!topo_filter_region(&lo->filter, region, lo->idle))
			continue;
		if (lo->regions) {
			struct json_object *jr = ndctl_region_to_json(region, lo->json);
			struct json_object *jn = lo->namespaces ? namespaces_json(region, lo) : NULL;

			out->last_region_ns = jn && json_object_array_length(jn);
			if (jn)
				add_if_nonempty(jr, "namespaces", jn);
			json_object_array_add(out->regions, jr);
		} else if (lo->namespaces) {
			append_all(out->namespaces, namespaces_json(region, lo));
		}
	}
}

static struct list_out list_out_new(void)
{
	struct list_out out = {
		json_object_new_array(), json_object_new_array(), json_object_new_array(), false,
	};
	return out;
}

static struct json_object *list_buses(struct ndctl_ctx *ctx, const struct list_opts *lo)
{
	struct json_object *buses = json_object_new_array();
	struct ndctl_bus *bus;

	ndctl_bus_foreach(ctx, bus) {
		struct list_out out = list_out_new();
		struct json_object *jb;

		if (!topo_filter_bus(&lo->filter, bus) || !topo_filter_bus_holds(&lo->filter, bus))
			continue;
		jb = ndctl_bus_to_json(bus, lo->json);
		list_bus_children(bus, lo, &out);
		add_if_nonempty(jb, "dimms", out.dimms);
		add_if_nonempty(jb, "regions", out.regions);
		add_if_nonempty(jb, "namespaces", out.namespaces);
		json_object_array_add(buses, jb);
	}
	return buses;
}

/*
 * Upstream's shapes: one kind listed prints a bare array; several print an
 * object keyed by kind (namespaces nest in regions when both are asked).
 * What counts is what was listed, not what was asked: an empty kind does not
 * count, and with regions the namespaces count only when the last region
 * listed showed some (upstream forgets them at each region), so 'list -RN'
 * of regions whose last one has no active namespace prints a bare array.
 */
static struct json_object *list_platform(struct ndctl_ctx *ctx, const struct list_opts *lo)
{
	struct list_out out = list_out_new();
	struct json_object *obj;
	struct ndctl_bus *bus;
	int kinds;

	ndctl_bus_foreach(ctx, bus)
		if (topo_filter_bus(&lo->filter, bus))
			list_bus_children(bus, lo, &out);
	kinds = !!json_object_array_length(out.dimms) + !!json_object_array_length(out.regions) +
		(lo->regions ? out.last_region_ns : !!json_object_array_length(out.namespaces));
	if (kinds <= 1) {
		obj = json_object_array_length(out.dimms) ? out.dimms :
			json_object_array_length(out.regions) ? out.regions : out.namespaces;
		json_object_get(obj);
		json_object_put(out.dimms);
		json_object_put(out.regions);
		json_object_put(out.namespaces);
		return obj;
	}
	obj = json_object_new_object();
	add_if_nonempty(obj, "dimms", out.dimms);
	add_if_nonempty(obj, "regions", out.regions);
	add_if_nonempty(obj, "namespaces", out.namespaces);
	return obj;
}

static bool is_empty(struct json_object *obj)
{
	if (json_object_is_type(obj, json_type_array))
		return json_object_array_length(obj) == 0;
	return json_object_object_length(obj) == 0;
}

/* As upstream: with -u, an array of one prints as that one object. */
static struct json_object *human_single(struct json_object *out, unsigned flags)
{
	if ((flags & NDCTL_JSON_HUMAN) && json_object_is_type(out, json_type_array) &&
			json_object_array_length(out) == 1)
		return json_object_array_get_idx(out, 0);
	return out;
}

int cmd_list(int argc, char **argv, void *vctx)
{
	struct list_opts lo = { 0 };
	struct json_object *out;
	int rc = parse_list_args(argc, argv, &lo);

	if (rc)
		return rc < 0 ? parse_options_exit(rc) : rc;
	rc = topo_filter_check("list", &lo.filter);
	if (rc)
		return rc;
	apply_verbosity(&lo);
	apply_defaults(&lo);
	if (lo.dimms)
		lo.json |= NDCTL_JSON_MAPPINGS;
	if (lo.table)
		return list_table(vctx, &lo.filter);
	out = lo.buses ? list_buses(vctx, &lo) : list_platform(vctx, &lo);
	if (!is_empty(out))
		util_json_print(stdout, human_single(out, lo.json));
	json_object_put(out);
	return 0;
}
