// SPDX-License-Identifier: GPL-2.0-only
/* online-memory, offline-memory: the memory blocks of system-ram devices. */
#include <getopt.h>
#include <stdio.h>
#include "builtin.h"
#include "ram.h"

struct mem_opts {
	struct dev_selection sel;
	bool no_movable;
};

enum { OPT_NO_MOVABLE = 1000 };

static int parse_mem_opts(int argc, char **argv, struct mem_opts *o)
{
	static const struct option longopts[] = {
		{ "region", required_argument, NULL, 'r' },
		{ "no-movable", no_argument, NULL, OPT_NO_MOVABLE },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	int c;

	o->sel.region_id = -1;
	while ((c = getopt_long(argc, argv, "r:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'r':
			if (parse_region_opt(argv[0], optarg, &o->sel.region_id))
				return 1;
			break;
		case OPT_NO_MOVABLE:
			o->no_movable = true;
			break;
		case 'h':
			printf("usage: daxctl %s <dax0.0 | all> [-r ID]%s\n", argv[0],
					argv[0][1] == 'n' ? " [--no-movable]" : "");
			return -1;
		default:
			return usage_error("daxctl", argv[0], "see 'daxctl %s --help'", argv[0]);
		}
	}
	o->sel.names = argv + optind;
	o->sel.nnames = argc - optind;
	return 0;
}

static struct daxctl_memory *ram_memory(const char *cmd, struct daxctl_dev *dev)
{
	struct daxctl_memory *mem = daxctl_dev_get_memory(dev);

	if (!mem)
		usage_error("daxctl", cmd, "%s is not in system-ram mode; run 'daxctl reconfigure-device -m system-ram %s' first",
				daxctl_dev_get_devname(dev), daxctl_dev_get_devname(dev));
	return mem;
}

static int memory_cmd(int argc, char **argv, void *ctx, bool online)
{
	struct daxctl_dev *devs[MAX_DEVICES];
	struct mem_opts o = { 0 };
	int rc = parse_mem_opts(argc, argv, &o), n, done = 0, blocks = 0, failed = 0;

	if (rc)
		return rc < 0 ? 0 : rc;
	n = select_devices(ctx, argv[0], &o.sel, devs, MAX_DEVICES);
	if (n < 0)
		return 1;
	for (int i = 0; i < n; i++) {
		struct daxctl_memory *mem = ram_memory(argv[0], devs[i]);

		rc = !mem ? -1 : online ? online_and_say(argv[0], mem, !o.no_movable)
			: offline_or_explain(argv[0], mem);
		if (rc < 0) {
			failed++;
			continue;
		}
		if (!online && rc > 0)
			fprintf(stderr, "%s: offlined %d memory %s\n", daxctl_dev_get_devname(devs[i]),
					rc, plural(rc, "block", "blocks"));
		blocks += rc;
		done++;
	}
	fprintf(stderr, "%s %d memory %s of %d %s\n", online ? "onlined" : "offlined", blocks,
			plural(blocks, "block", "blocks"), done, plural(done, "device", "devices"));
	return failed ? 1 : 0;
}

int cmd_online_memory(int argc, char **argv, void *ctx)
{
	return memory_cmd(argc, argv, ctx, true);
}

int cmd_offline_memory(int argc, char **argv, void *ctx)
{
	return memory_cmd(argc, argv, ctx, false);
}
