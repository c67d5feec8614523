// SPDX-License-Identifier: GPL-2.0-only
/*
 * create-namespace: upstream's options and sysfs order (namespace uuid, name,
 * size, sector size, holder class; then the personality's uuid, map, align,
 * namespace; then bind). Every constraint is checked first and reported with
 * the value that would work; a failure part way rolls back what was written.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "builtin.h"
#include "create-namespace.h"
#include "topo-filter.h"
#include "topo-json.h"
#include "util/size.h"

static const char create_usage[] =
"usage: ndctl create-namespace [<options>]\n"
"\n"
"  -r, --region <name>     region to use (default: the first that fits)\n"
"  -b, --bus <name>        bus to use\n"
"  -m, --mode <mode>       fsdax (default), devdax, sector or raw\n"
"  -s, --size <size>       namespace size (default: the largest free extent)\n"
"  -a, --align <align>     fsdax/devdax mapping alignment (default 2M)\n"
"  -n, --name <name>       namespace name\n"
"  -u, --uuid <uuid>       namespace uuid (default: random)\n"
"  -M, --map <where>       fsdax/devdax page map: dev (default) or mem\n"
"  -l, --sector-size <n>   sector mode sector size (default 4096)\n"
"  -e, --reconfig <ns>     reconfigure an existing namespace\n"
"  -f, --force             reconfigure even if enabled\n"
"  -c, --continue          create namespaces until the regions are full\n"
"  -t, --type <type>       region type: pmem\n"
"  -v, --verbose           more messages\n";

static int parse_u64_opt(const char *opt, const char *arg, unsigned long long *out)
{
	uint64_t v;

	if (parse_size(arg, &v))
		return usage_error("ndctl", "create-namespace",
				"%s '%s' is not a size: use a number with an optional "
				"K, M, G or T suffix", opt, arg);
	*out = v;
	return 0;
}

static int parse_create_opt(struct create_opts *co, int c, const char *arg)
{
	switch (c) {
	case 'r': co->filter.region = arg; return 0;
	case 'b': co->filter.bus = arg; return 0;
	case 't': co->filter.type = arg; return 0;
	case 'm': co->mode_name = arg; return 0;
	case 's': return parse_u64_opt("--size", arg, &co->size);
	case 'a': return parse_u64_opt("--align", arg, &co->align);
	case 'l': return parse_u64_opt("--sector-size", arg, &co->sector_size);
	case 'n': co->name = arg; return 0;
	case 'e': co->reconfig = arg; return 0;
	case 'f': co->force = true; return 0;
	case 'c': co->cont = true; return 0;
	case 'v': co->verbose = true; return 0;
	case 'M':
		if (strcmp(arg, "mem") && strcmp(arg, "dev"))
			return usage_error("ndctl", "create-namespace",
					"--map '%s': use mem or dev", arg);
		co->map_mem = strcmp(arg, "mem") == 0;
		co->map_given = true;
		return 0;
	case 'u':
		if (uuid_parse(arg, co->uuid))
			return usage_error("ndctl", "create-namespace", "--uuid '%s' is not "
					"a uuid: use the 8-4-4-4-12 hex form", arg);
		co->uuid_given = true;
		return 0;
	}
	return usage_error("ndctl", "create-namespace", "unknown option");
}

static int parse_create_args(int argc, char **argv, struct create_opts *co)
{
	static const struct option longopts[] = {
		{ "region", required_argument, NULL, 'r' }, { "bus", required_argument, NULL, 'b' },
		{ "mode", required_argument, NULL, 'm' }, { "size", required_argument, NULL, 's' },
		{ "align", required_argument, NULL, 'a' }, { "name", required_argument, NULL, 'n' },
		{ "uuid", required_argument, NULL, 'u' }, { "map", required_argument, NULL, 'M' },
		{ "sector-size", required_argument, NULL, 'l' },
		{ "reconfig", required_argument, NULL, 'e' }, { "force", no_argument, NULL, 'f' },
		{ "continue", no_argument, NULL, 'c' }, { "type", required_argument, NULL, 't' },
		{ "verbose", no_argument, NULL, 'v' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":r:b:m:s:a:n:u:M:l:e:fct:vh", longopts, NULL)) != -1) {
		if (c == 'h') {
			fputs(create_usage, stdout);
			return -1;
		}
		if (c == ':' || c == '?')
			return usage_error("ndctl", "create-namespace", c == ':' ?
					"option '%s' needs a value" : "unknown option '%s'",
					argv[optind - 1]);
		rc = parse_create_opt(co, c, optarg);
		if (rc)
			return rc;
	}
	if (optind < argc)
		return usage_error("ndctl", "create-namespace", "unexpected argument '%s'",
				argv[optind]);
	return create_opts_finish(co);
}

static void print_created(struct ndctl_ctx *ctx, const char *devname)
{
	struct topo_json_opts o = { .flags = UTIL_JSON_HUMAN, .dax = true };
	struct ndctl_namespace *ndns = create_find_namespace(ctx, devname);
	struct json_object *j;

	if (!ndns)
		return;
	j = topo_json_namespace(ndns, &o);
	util_json_print(stdout, j);
	json_object_put(j);
}

static int create_one(struct ndctl_ctx *ctx, struct create_opts *co, bool quiet_full)
{
	char devname[64];
	struct ndctl_region *region;
	int rc;

	rc = create_pick_region(ctx, co, &region, quiet_full);
	if (rc)
		return rc;
	rc = create_in_region(region, co, devname, sizeof(devname));
	ndctl_invalidate(ctx);
	if (!rc)
		print_created(ctx, devname);
	return rc;
}

int cmd_create_namespace(int argc, char **argv, void *ctx)
{
	struct create_opts co = { 0 };
	int rc = parse_create_args(argc, argv, &co);
	char devname[64];

	if (rc)
		return rc < 0 ? 0 : rc;
	if (co.reconfig) {
		rc = create_reconfigure(ctx, &co, devname, sizeof(devname));
		if (!rc)
			print_created(ctx, devname);
		return rc ? 1 : 0;
	}
	rc = create_one(ctx, &co, false);
	while (!rc && co.cont) {
		uuid_clear(co.uuid);
		co.uuid_given = false;
		rc = create_one(ctx, &co, true);
		if (rc == -ENOSPC)
			return 0;
	}
	return rc ? 1 : 0;
}
