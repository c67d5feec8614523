// SPDX-License-Identifier: GPL-2.0-only
/* The checks and messages around system-ram memory blocks, shared by commands. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "../common/dispatch.h"
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

static const char *block_zone_hint(struct daxctl_memory *mem, unsigned long long block)
{
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
			strerror(-rc), block_zone_hint(mem, failed));
	return rc;
}

int online_and_say(const char *cmd, struct daxctl_memory *mem, bool movable)
{
	int rc = movable ? daxctl_memory_online(mem) : daxctl_memory_online_no_movable(mem);
	const char *name = daxctl_dev_get_devname(daxctl_memory_get_dev(mem));

	if (rc < 0) {
		usage_error("daxctl", cmd, "%s: onlining memory failed: %s", name, strerror(-rc));
		return rc;
	}
	if (rc > 0)
		fprintf(stderr, "%s: onlined %d memory %s into %s%s\n", name, rc,
				plural(rc, "block", "blocks"),
				movable ? "ZONE_MOVABLE" : "a kernel zone",
				movable ? " (the default; --no-movable for ZONE_NORMAL)" : "");
	return rc;
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
