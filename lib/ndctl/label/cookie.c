// SPDX-License-Identifier: LGPL-2.1-or-later
#include <stdlib.h>
#include "private.h"
#include "codec.h"

/*
 * Interleave-set cookies as acpi_nfit_init_interleave_set() builds them: one
 * record per mapping, sorted by region_offset, Fletcher-64 over the array.
 *   cookie1 record (16 bytes): u64 region_offset; u32 serial; u32 0
 *   cookie2 record (48 bytes): u64 region_offset; u32 serial; u16 vendor;
 *                              u16 mfg_date; u8 mfg_location; u8 reserved[31]
 */
#define COOKIE1_REC 16
#define COOKIE2_REC 48
#define QEMU_SERIAL_BASE 0x123456
#define QEMU_VENDOR_ID 0x8086

static int cmp_region_offset(const void *a, const void *b)
{
	const struct ndctl_label_iset_map *x = a, *y = b;

	return x->region_offset < y->region_offset ? -1 : x->region_offset > y->region_offset;
}

static void put_record(uint8_t *rec, const struct ndctl_label_iset_map *m, int version)
{
	put64(rec, m->region_offset);
	put32(rec + 8, m->serial);
	if (version < 2)
		return;
	put16(rec + 12, m->vendor_id);
	put16(rec + 14, m->mfg_date);
	rec[16] = m->mfg_location;
}

NDCTL_EXPORT uint64_t ndctl_label_iset_cookie(const struct ndctl_label_iset_map *maps,
		unsigned n, int version)
{
	size_t rec = version < 2 ? COOKIE1_REC : COOKIE2_REC;
	struct ndctl_label_iset_map *sorted;
	uint8_t *recs;
	uint64_t cookie = 0;
	unsigned i;

	sorted = calloc(n ? n : 1, sizeof(*sorted));
	recs = calloc(n ? n : 1, rec);
	if (sorted && recs && n) {
		memcpy(sorted, maps, n * sizeof(*sorted));
		qsort(sorted, n, sizeof(*sorted), cmp_region_offset);
		for (i = 0; i < n; i++)
			put_record(recs + i * rec, &sorted[i], version);
		/* little-endian records summed as LE words == the kernel's native sum on x86 */
		cookie = ndctl_label_fletcher64(recs, n * rec, true);
	}
	free(sorted);
	free(recs);
	return cookie;
}

NDCTL_EXPORT uint64_t ndctl_label_qemu_cookie(unsigned slot, uint64_t region_offset, int version)
{
	struct ndctl_label_iset_map m = {
		.region_offset = region_offset,
		.serial = QEMU_SERIAL_BASE + slot,
		.vendor_id = QEMU_VENDOR_ID,
	};

	return ndctl_label_iset_cookie(&m, 1, version);
}

/*
 * A one-DIMM set's cookie2 record is twelve LE words w0..w11: region_offset
 * (w0, w1), serial (w2), vendor | date << 16 (w3), location (w4), zeros. Its
 * Fletcher sums are lo = w0+w1+w2+w3+w4 and hi = 12w0+11w1+10w2+9w3+8w4 (mod
 * 2^32), so w0 + w1 and then w0 follow from the cookie and the DCR fields:
 * the unknown region_offset is solved for, and cookie1 computed from it.
 */
NDCTL_EXPORT uint64_t ndctl_label_iset_cookie1_of_one(uint64_t cookie2,
		const struct ndctl_label_iset_map *m)
{
	uint32_t lo = (uint32_t)cookie2, hi = (uint32_t)(cookie2 >> 32);
	uint32_t w2 = m->serial, w3 = m->vendor_id | (uint32_t)m->mfg_date << 16, w4 = m->mfg_location;
	uint32_t s = lo - w2 - w3 - w4;
	uint32_t w0 = hi - 10 * w2 - 9 * w3 - 8 * w4 - 11 * s, w1 = s - w0;
	struct ndctl_label_iset_map one = *m;

	one.region_offset = (uint64_t)w1 << 32 | w0;
	return ndctl_label_iset_cookie(&one, 1, 1);
}
