// SPDX-License-Identifier: GPL-2.0-only
/* ndctl list: upstream's options, filters, JSON keys and top-level shapes. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "builtin.h"
#include "topo-filter.h"
#include "topo-json.h"

struct list_opts {
	struct topo_filter filter;
	bool buses, dimms, regions, namespaces, idle;
	struct topo_json_opts json;
	int verbose;
	bool table;
};

static const char list_usage[] =
"usage: ndctl list [<options>]\n"
"\n"
"  -b, --bus <name>        filter by bus (provider or ndbusN)\n"
"  -r, --region <name>     filter by region (regionN or N)\n"
"  -d, --dimm <name>       filter by dimm (nmemN or N)\n"
"  -n, --namespace <name>  filter by namespace\n"
"  -m, --mode <mode>       filter by namespace mode: raw, sector, fsdax, devdax\n"
"  -t, --type <type>       filter by region type: pmem\n"
"  -B, --buses             include buses\n"
"  -D, --dimms             include dimms\n"
"  -R, --regions           include regions\n"
"  -N, --namespaces        include namespaces (the default)\n"
"  -X, --device-dax        include each devdax namespace's dax region\n"
"  -C, --capabilities      include region capabilities\n"
"  -i, --idle              include disabled and seed (idle) objects\n"
"  -u, --human             sizes and ids in human form\n"
"  -v, --verbose           more detail; -vv adds buses, dimms and regions,\n"
"                          -vvv idle objects and capabilities\n"
"      --table             tables for people: each region's capacity map\n";

static void apply_verbosity(struct list_opts *lo)
{
	if (lo->verbose >= 3) {	/* as upstream: also capabilities (health/firmware: none in QEMU) */
		lo->idle = true;
		lo->json.capabilities = true;
	}
	if (lo->verbose >= 2)
		lo->dimms = lo->buses = lo->regions = true;
	if (lo->verbose >= 1) {
		lo->namespaces = lo->json.dax = true;
		lo->json.flags |= UTIL_JSON_VERBOSE;
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

static int parse_list_args(int argc, char **argv, struct list_opts *lo)
{
	enum { OPT_TABLE = 256 };
	static const struct option longopts[] = {
		{ "bus", required_argument, NULL, 'b' },
		{ "region", required_argument, NULL, 'r' },
		{ "dimm", required_argument, NULL, 'd' },
		{ "namespace", required_argument, NULL, 'n' },
		{ "mode", required_argument, NULL, 'm' },
		{ "type", required_argument, NULL, 't' },
		{ "buses", no_argument, NULL, 'B' },
		{ "dimms", no_argument, NULL, 'D' },
		{ "regions", no_argument, NULL, 'R' },
		{ "namespaces", no_argument, NULL, 'N' },
		{ "device-dax", no_argument, NULL, 'X' },
		{ "capabilities", no_argument, NULL, 'C' },
		{ "idle", no_argument, NULL, 'i' },
		{ "human", no_argument, NULL, 'u' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "table", no_argument, NULL, OPT_TABLE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":b:r:d:n:m:t:BDRNXCiuvh", longopts, NULL)) != -1) {
		switch (c) {
		case 'b': lo->filter.bus = optarg; break;
		case 'r': lo->filter.region = optarg; break;
		case 'd': lo->filter.dimm = optarg; break;
		case 'n': lo->filter.namespace = optarg; break;
		case 'm': lo->filter.mode = optarg; break;
		case 't': lo->filter.type = optarg; break;
		case 'B': lo->buses = true; break;
		case 'D': lo->dimms = true; break;
		case 'R': lo->regions = true; break;
		case 'N': lo->namespaces = true; break;
		case 'X': lo->json.dax = true; break;
		case 'C': lo->json.capabilities = true; break;
		case 'i': lo->idle = true; break;
		case 'u': lo->json.flags |= UTIL_JSON_HUMAN; break;
		case 'v': lo->verbose++; break;
		case OPT_TABLE: lo->table = true; break;
		case 'h': fputs(list_usage, stdout); return -1;
		case ':':
			return usage_error("ndctl", "list", "option '%s' needs a value",
					argv[optind - 1]);
		default:
			return usage_error("ndctl", "list", "unknown option '%s'",
					argv[optind - 1]);
		}
	}
	if (optind < argc)
		return usage_error("ndctl", "list", "unexpected argument '%s'", argv[optind]);
	if (lo->json.dax && !lo->namespaces) {	/* as upstream: -X without -N, devdax only */
		lo->namespaces = true;
		if (!lo->filter.mode)
			lo->filter.mode = "devdax";
	}
	return topo_filter_check("list", &lo->filter);
}

static struct json_object *namespaces_json(struct ndctl_region *region,
		const struct list_opts *lo)
{
	struct json_object *arr = json_object_new_array();
	struct ndctl_namespace *ndns;

	ndctl_namespace_foreach(region, ndns)
		if (topo_filter_namespace(&lo->filter, ndns, lo->idle))
			json_object_array_add(arr, topo_json_namespace(ndns, &lo->json));
	return arr;
}

static void add_if_nonempty(struct json_object *obj, const char *key,
		struct json_object *arr)
{
	if (arr && json_object_array_length(arr))
		json_object_object_add(obj, key, arr);
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
};

static void list_bus_children(struct ndctl_bus *bus, const struct list_opts *lo,
		struct list_out *out)
{
	struct ndctl_region *region;
	struct ndctl_dimm *dimm;

	if (lo->dimms)
		ndctl_dimm_foreach(bus, dimm)
			if (topo_filter_dimm(&lo->filter, dimm, lo->idle))
				json_object_array_add(out->dimms, topo_json_dimm(dimm, &lo->json));
	ndctl_region_foreach(bus, region) {
		if (!topo_filter_region(&lo->filter, region, lo->idle))
			continue;
		if (lo->regions) {
			struct json_object *jr = topo_json_region(region, &lo->json);

			if (lo->namespaces)
				add_if_nonempty(jr, "namespaces", namespaces_json(region, lo));
			json_object_array_add(out->regions, jr);
		} else if (lo->namespaces) {
			append_all(out->namespaces, namespaces_json(region, lo));
		}
	}
}

static struct list_out list_out_new(void)
{
	struct list_out out = {
		json_object_new_array(), json_object_new_array(), json_object_new_array(),
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

		if (!topo_filter_bus(&lo->filter, bus))
			continue;
		jb = topo_json_bus(bus, &lo->json);
		list_bus_children(bus, lo, &out);
		add_if_nonempty(jb, "dimms", out.dimms);
		add_if_nonempty(jb, "regions", out.regions);
		add_if_nonempty(jb, "namespaces", out.namespaces);
		json_object_array_add(buses, jb);
	}
	return buses;
}

/*
 * Upstream's shapes: one kind asked for prints a bare array; several print
 * an object keyed by kind (namespaces nest in regions when both are asked).
 */
static struct json_object *list_platform(struct ndctl_ctx *ctx, const struct list_opts *lo)
{
	struct list_out out = list_out_new();
	struct json_object *obj;
	struct ndctl_bus *bus;
	int kinds = lo->dimms + lo->regions + lo->namespaces;

	ndctl_bus_foreach(ctx, bus)
		if (topo_filter_bus(&lo->filter, bus))
			list_bus_children(bus, lo, &out);
	if (kinds == 1) {
		obj = lo->dimms ? out.dimms : lo->regions ? out.regions : out.namespaces;
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

int cmd_list(int argc, char **argv, void *vctx)
{
	struct list_opts lo = { 0 };
	struct json_object *out;
	int rc = parse_list_args(argc, argv, &lo);

	if (rc)
		return rc < 0 ? 0 : rc;
	apply_verbosity(&lo);
	apply_defaults(&lo);
	lo.json.mappings = lo.dimms;
	if (lo.table)
		return list_table(vctx, &lo.filter);
	out = lo.buses ? list_buses(vctx, &lo) : list_platform(vctx, &lo);
	if (!is_empty(out))
		util_json_print(stdout, out);
	json_object_put(out);
	return 0;
}
