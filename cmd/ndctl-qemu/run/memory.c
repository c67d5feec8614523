// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
/*
 * The guest's memory beyond the vNVDIMMs: --legacy-pmem regions, which the
 * kernel carves out of RAM with memmap=SIZE!OFFSET (e820 type 12, nd_e820's
 * bus), and --numa nodes that split QEMU's RAM between them.
 *
 * A memmap= region must lie in RAM QEMU gives the guest, so -m grows by the
 * regions' total. The guest keeps --ram from address 0; the regions follow,
 * the first at the next 128 MiB boundary, back to back (their sizes are
 * multiples of 128 MiB, so each starts aligned). The firmware keeps the top
 * of the RAM below 4 GiB for itself (SeaBIOS's ACPI tables: a region ending
 * there is cut short and its namespace "misaligned, unable to map"), so the
 * guest also keeps the last 128 MiB below 4 GiB. QEMU's pc machine has at
 * most 3.5 GiB of RAM below 4 GiB, and only 3 GiB once -m reaches 3.5 GiB;
 * the rest of RAM continues at 4 GiB. A region that would reach into the
 * last 128 MiB below 3 GiB then starts at 4 GiB instead, and the RAM it
 * skips stays the guest's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/size.h"
#include "memory.h"

#define LOW_SMALL 0xe0000000ULL	/* pc: all RAM below 4 GiB while -m < 3.5 GiB */
#define LOW_CAP 0xc0000000ULL	/* pc: RAM below 4 GiB once -m >= 3.5 GiB */
#define SZ_4G 0x100000000ULL

/* Offsets into QEMU's RAM, back to back from @start; with a @hole, none reaches into the
 * firmware's 128 MiB below it: such a region moves to @hole (4 GiB). */
static uint64_t pack(struct run *r, uint64_t start, uint64_t hole)
{
	uint64_t cursor = start;

	for (int i = 0; i < r->nlegacy; i++) {
		if (hole && cursor < hole && cursor + r->legacy[i] > hole - SZ_128M)
			cursor = hole;
		r->legacy_at[i] = cursor;
		cursor += r->legacy[i];
	}
	return cursor;
}

int run_memory_layout(struct run *r)
{
	uint64_t start = ALIGN_UP(r->ram, SZ_128M), end;

	r->plan.ram = r->ram;
	if (!r->nlegacy)
		return 0;
	end = pack(r, start, 0) + SZ_128M;	/* the firmware's top of RAM */
	if (end >= LOW_SMALL) {
		/* QEMU keeps 3 GiB low: RAM offsets from 3 GiB sit at 4 GiB and up. */
		end = pack(r, start, LOW_CAP);
		if (end < LOW_SMALL)
			end = LOW_SMALL;	/* else QEMU would keep it all below 4 GiB */
		for (int i = 0; i < r->nlegacy; i++)
			if (r->legacy_at[i] >= LOW_CAP)
				r->legacy_at[i] += SZ_4G - LOW_CAP;
	}
	r->plan.ram = end;
	return 0;
}

char *run_memmap_words(const struct run *r)
{
	char *text = NULL, a[24], b[24];
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return NULL;
	for (int i = 0; i < r->nlegacy; i++)
		fprintf(f, "%smemmap=%s!%s", i ? " " : "",
			format_size_short(r->legacy[i], a, sizeof(a)),
			format_size_short(r->legacy_at[i], b, sizeof(b)));
	fclose(f);
	return text;
}

/* Node i's share of QEMU's RAM: the guest's own RAM split evenly in 128 MiB steps, the last
 * node taking the rest (with the legacy pmem regions, which follow the guest's RAM). */
static uint64_t node_size(const struct run *r, int i)
{
	uint64_t share = r->ram / r->numa / SZ_128M * SZ_128M;

	return i < r->numa - 1 ? share : r->plan.ram - share * (r->numa - 1);
}

int run_numa_args(const struct run *r, struct strv *a)
{
	int rc = 0;

	for (int i = 0; !rc && i < r->numa; i++)
		rc = strv_add(a, "-object") ||
			strv_addf(a, "memory-backend-ram,id=ndkit-node%d,size=%llu", i,
				(unsigned long long)node_size(r, i)) ||
			strv_add(a, "-numa") ||
			strv_addf(a, "node,nodeid=%d,memdev=ndkit-node%d", i, i);
	return rc ? -1 : 0;
}

char *run_memory_summary(const struct run *r)
{
	char *text = NULL, a[24];
	size_t len = 0;
	FILE *f;

	if (!r->nlegacy && !r->numa)
		return NULL;
	f = open_memstream(&text, &len);
	if (!f)
		return NULL;
	if (r->nlegacy) {
		char *words = run_memmap_words(r);

		fprintf(f, "legacy pmem %s (/dev/pmem0", words ?: "");
		if (r->nlegacy > 1)
			fprintf(f, "../dev/pmem%d", r->nlegacy - 1);
		fprintf(f, "), QEMU -m %s", format_size_short(r->plan.ram, a, sizeof(a)));
		fprintf(f, " for guest RAM %s", format_size_short(r->ram, a, sizeof(a)));
		free(words);
	}
	if (r->numa) {
		fprintf(f, "%s%d NUMA nodes (", r->nlegacy ? "; " : "", r->numa);
		for (int i = 0; i < r->numa; i++)
			fprintf(f, "%s%s", i ? " + " : "",
				format_size_short(node_size(r, i), a, sizeof(a)));
		fputc(')', f);
	}
	fclose(f);
	return text;
}
