// SPDX-License-Identifier: GPL-2.0-only
/* The checks and messages around system-ram memory blocks, shared by commands. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "../common/dispatch.h"
#include "select.h"
#include "ram.h"
#include "util/size.h"

int check_ram_capable(const char *cmd, struct daxctl_dev *dev)
{
	struct daxctl_ctx *ctx = daxctl_dev_get_ctx(dev);
	unsigned long long bs = daxctl_memory_block_size(ctx), start, end, need;
	unsigned long long res = daxctl_dev_get_resource(dev);
	char have[48], want[48], block[48];

	if (!bs)
		return usage_error("daxctl", cmd,
				"%s: memory hotplug unavailable (no /sys/devices/system/memory/block_size_bytes); boot a kernel with CONFIG_MEMORY_HOTPLUG",
				daxctl_dev_get_devname(dev));
	daxctl_dev_get_ram_range(dev, &start, &end);
	if (start < end)
		return 0;
	need = ALIGN_UP(res, bs) + bs - res;
	return usage_error("daxctl", cmd,
			"%s: %s at 0x%llx holds no whole %s memory block (/sys/devices/system/memory/block_size_bytes) and kmem hot-plugs whole blocks only: recreate the device with at least %s to use it as system-ram",
			daxctl_dev_get_devname(dev),
			format_size_short(daxctl_dev_get_size(dev), have, sizeof(have)), res,
			format_size_short(bs, block, sizeof(block)),
			format_size_short(need, want, sizeof(want)));
}

int check_kmem(const char *cmd, struct daxctl_dev *dev)
{
	if (daxctl_dev_driver_available(dev, "kmem") == 0)
		return 0;
	return usage_error("daxctl", cmd,
			"kmem driver not available: build the kernel with CONFIG_DEV_DAX_KMEM or install its module, then 'modprobe kmem'");
}

static const char *block_zone_hint(struct daxctl_memory *mem, unsigned long long block,
		int rc)
{
	if (rc == -EOPNOTSUPP)
		return "the kernel cannot remove it (its removable attribute is 0: no CONFIG_MEMORY_HOTREMOVE); the device can only stay system-ram until reboot";
	if (daxctl_memory_block_is_movable(mem, block) == 1)
		return "its pages are in use and could not be migrated; stop their users and retry";
	return "it is not in ZONE_MOVABLE, so it holds unmovable kernel pages; online it with the default movable zone next time";
}

int offline_or_explain(const char *cmd, struct daxctl_memory *mem)
{
	unsigned long long failed = 0;
	int rc = daxctl_memory_offline_all_or_none(mem, &failed);

	if (rc >= 0)
		return rc;
	usage_error("daxctl", cmd, "%s: memory block memory%llu could not be offlined (%s): %s; nothing changed",
			daxctl_dev_get_devname(daxctl_memory_get_dev(mem)), failed,
			strerror(-rc), block_zone_hint(mem, failed, rc));
	return rc;
}

static int sections(struct daxctl_memory *mem, const char *name, int *total, int *online)
{
	if (!mem) {
		fprintf(stderr, "%s: failed to get the memory object\n", name);
		return -ENXIO;
	}
	*total = daxctl_memory_num_sections(mem);
	if (*total < 0) {
		fprintf(stderr, "%s: failed to get number of memory sections\n", name);
		return *total;
	}
	*online = daxctl_memory_is_online(mem);
	if (*online < 0) {
		fprintf(stderr, "%s: failed to determine online state: %s\n", name,
				strerror(-*online));
		return *online;
	}
	return 0;
}

int dev_online_memory(struct daxctl_dev *dev, bool movable, bool verbose)
{
	struct daxctl_memory *mem = daxctl_dev_get_memory(dev);
	const char *name = daxctl_dev_get_devname(dev);
	int total, on, rc = sections(mem, name, &total, &on);

	if (rc)
		return rc;
	if (on)
		fprintf(stderr, "%s:\n  WARNING: detected a race while onlining memory\n"
			"  Some memory may not be in the expected zone. It is\n"
			"  recommended to disable any other onlining mechanisms,\n"
			"  and retry. If onlining is to be left to other agents,\n"
			"  use the --no-online option to suppress this warning\n", name);
	if (on == total) {
		fprintf(stderr, "%s: all memory sections (%d) already online\n", name, on);
		return 1;
	}
	if (on > 0)
		fprintf(stderr, "%s: %d memory section%s already online\n", name, on,
				on == 1 ? "" : "s");
	rc = movable ? daxctl_memory_online(mem) : daxctl_memory_online_no_movable(mem);
	if (rc < 0) {
		fprintf(stderr, "%s: failed to online memory: %s\n", name, strerror(-rc));
		return rc;
	}
	if (verbose)
		fprintf(stderr, "%s: %d memory section%s onlined\n", name, rc, rc == 1 ? "" : "s");
	if (rc > 0)
		fprintf(stderr, "%s: onlined %d memory %s into %s%s\n", name, rc,
				plural(rc, "block", "blocks"),
				movable ? "ZONE_MOVABLE" : "a kernel zone",
				movable ? " (the default; --no-movable for ZONE_NORMAL)" : "");
	if ((rc = sections(mem, name, &total, &on)))
		return rc;
	if (on < total) {
		fprintf(stderr, "%s: failed to online %d memory sections\n", name, total - on);
		return -ENXIO;
	}
	return 0;
}

int dev_offline_memory(struct daxctl_dev *dev, bool verbose)
{
	struct daxctl_memory *mem = daxctl_dev_get_memory(dev);
	const char *name = daxctl_dev_get_devname(dev);
	int total, on, rc = sections(mem, name, &total, &on);

	if (rc)
		return rc;
	if (on == 0) {
		fprintf(stderr, "%s: all memory sections (%d) already offline\n", name, total);
		return 1;
	}
	if (total - on)
		fprintf(stderr, "%s: %d memory section%s already offline\n", name, total - on,
				total - on == 1 ? "" : "s");
	/* All or none, where upstream can leave some offline: the system stays as it was. */
	rc = offline_or_explain("offline-memory", mem);
	if (rc < 0) {
		fprintf(stderr, "%s: failed to offline memory: %s\n", name, strerror(-rc));
		return rc;
	}
	if (verbose)
		fprintf(stderr, "%s: %d memory section%s offlined\n", name, rc, rc == 1 ? "" : "s");
	if (rc > 0)
		fprintf(stderr, "%s: offlined %d memory %s\n", name, rc, plural(rc, "block", "blocks"));
	if ((rc = sections(mem, name, &total, &on)))
		return rc;
	if (on) {
		fprintf(stderr, "%s: failed to offline %d memory sections\n", name, on);
		return -ENXIO;
	}
	return 0;
}

void say_hotplugged(struct daxctl_dev *dev)
{
	unsigned long long bs = daxctl_memory_block_size(daxctl_dev_get_ctx(dev)), start, end;
	char size[48], plugged[48], block[48];

	daxctl_dev_get_ram_range(dev, &start, &end);
	if (!bs || end - start == daxctl_dev_get_size(dev))
		return;
	fprintf(stderr, "%s: %s device, %s hot-plugged as %llu whole %s memory blocks (the unaligned rest stays unused)\n",
			daxctl_dev_get_devname(dev),
			format_size_short(daxctl_dev_get_size(dev), size, sizeof(size)),
			format_size_short(end - start, plugged, sizeof(plugged)),
			(end - start) / bs, format_size_short(bs, block, sizeof(block)));
}
