// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest-physical placement of pc-dimm/nvdimm devices, modelled on QEMU 7.2
 * (hw/i386/pc.c, hw/mem/memory-device.c, hw/mem/nvdimm.c):
 *
 * - RAM below 4 GiB is capped (pc: 3.5 GiB, or 3 GiB once RAM reaches
 *   3.5 GiB; q35: 2.75 GiB, or 2 GiB once RAM reaches 2.75 GiB); the rest
 *   sits from 4 GiB up. The device-memory area starts right after it,
 *   rounded up to 1 GiB.
 * - Devices are realized in command-line order. Each goes to the lowest
 *   address in the area, aligned to its memory region's alignment, that
 *   does not overlap a device already placed (addr= pins it instead).
 * - The region's alignment is the backend's: memory-backend-file's align=,
 *   else the page size of the file (4 KiB, a hugetlbfs page size, or a
 *   device-dax alignment); memory-backend-ram allocates 2 MiB aligned.
 * - An nvdimm's region is ALIGN_DOWN(size - label-size, alignment).
 *
 * Checked on this machine with QEMU 7.2's "info memory-devices": sizes
 * 1000M (label 128K, no align) then 1G (label 2M, align=128M) put the
 * second DIMM at 0x140000000; a memory-backend-ram after the first one
 * lands at 0x13e800000 (2 MiB aligned).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/vfs.h>
#include <unistd.h>
#include "util/size.h"
#include "placement.h"

#define HUGETLBFS_MAGIC 0x958458f6
#define SZ_4G (4ULL << 30)

static uint64_t read_sysfs_u64(const char *path)
{
	FILE *f = fopen(path, "r");
	unsigned long long v = 0;

	if (!f)
		return 0;
	if (fscanf(f, "%lli", &v) != 1)
		v = 0;
	fclose(f);
	return v;
}

/* A device-dax character device maps in units of its own alignment. */
static uint64_t devdax_align(dev_t rdev)
{
	static const char *const attrs[] = { "align", "dax_region/align" };
	char path[128];

	for (size_t i = 0; i < ARRAY_SIZE(attrs); i++) {
		uint64_t v;

		snprintf(path, sizeof(path), "/sys/dev/char/%u:%u/%s",
				major(rdev), minor(rdev), attrs[i]);
		v = read_sysfs_u64(path);
		if (v)
			return v;
	}
	return SZ_2M;
}

static uint64_t file_page_size(const char *path)
{
	struct statfs sfs;
	struct stat st;

	if (path && stat(path, &st) == 0 && S_ISCHR(st.st_mode))
		return devdax_align(st.st_rdev);
	if (path && statfs(path, &sfs) == 0 && sfs.f_type == HUGETLBFS_MAGIC)
		return sfs.f_bsize;
	return (uint64_t)sysconf(_SC_PAGESIZE);
}

uint64_t qemu_backend_page_size(const struct qemu_backend *b)
{
	if (b->kind == BACKEND_RAM)
		return SZ_2M;
	return b->kind == BACKEND_FILE ? file_page_size(b->mem_path) : SZ_4K;
}

uint64_t qemu_backend_align(const struct qemu_backend *b)
{
	uint64_t page = qemu_backend_page_size(b);

	return b->align > page ? b->align : page;
}

uint64_t qemu_memdev_region_size(const struct qemu_memdev *d)
{
	const struct qemu_backend *b = d->backend;

	if (!b)
		return 0;
	if (!d->nvdimm)
		return b->size;
	if (b->size <= d->label_size)
		return 0;
	return ALIGN_DOWN(b->size - d->label_size, qemu_backend_align(b));
}

uint64_t qemu_device_memory_base(const struct qemu_config *cfg)
{
	uint64_t lowmem, above = 0;

	if (qemu_machine_is_q35(cfg))
		lowmem = cfg->ram_size >= 0xb0000000ULL ? 0x80000000ULL : 0xb0000000ULL;
	else
		lowmem = cfg->ram_size >= 0xe0000000ULL ? 0xc0000000ULL : 0xe0000000ULL;
	if (cfg->ram_size > lowmem)
		above = cfg->ram_size - lowmem;
	return ALIGN_UP(SZ_4G + above, SZ_1G);
}

static int by_start(const void *a, const void *b)
{
	const struct dimm_place *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* First fit above @base among @placed (sorted by start). */
static uint64_t first_fit(uint64_t base, uint64_t size, uint64_t align,
		const struct dimm_place *placed, int n)
{
	uint64_t addr = ALIGN_UP(base, align);

	for (int i = 0; i < n; i++) {
		uint64_t end = placed[i].start + placed[i].size;

		if (addr < end && placed[i].start < addr + size)
			addr = ALIGN_UP(end, align);
	}
	return addr;
}

static bool backend_taken(const struct qemu_config *cfg, int idx)
{
	for (int i = 0; i < idx; i++)
		if (cfg->memdevs[i].backend == cfg->memdevs[idx].backend)
			return true;
	return false;
}

int qemu_place_memdevs(const struct qemu_config *cfg, struct dimm_place *out)
{
	uint64_t base = qemu_device_memory_base(cfg);
	struct dimm_place *sorted = calloc(cfg->nmemdevs + 1, sizeof(*sorted));
	int n = 0;

	if (!sorted)
		abort();
	for (int i = 0; i < cfg->nmemdevs; i++) {
		const struct qemu_memdev *d = &cfg->memdevs[i];
		struct dimm_place *p = &out[n];

		if (!d->backend || backend_taken(cfg, i))
			continue;	/* QEMU refuses the device */
		p->dev = d;
		p->size = qemu_memdev_region_size(d);
		p->align = qemu_backend_align(d->backend);
		p->start = d->addr_set ? d->addr : first_fit(base, p->size, p->align, sorted, n);
		sorted[n++] = *p;
		qsort(sorted, n, sizeof(*sorted), by_start);
	}
	free(sorted);
	return n;
}
