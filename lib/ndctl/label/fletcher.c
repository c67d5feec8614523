// SPDX-License-Identifier: LGPL-2.1-or-later
#include "private.h"
#include "codec.h"

/*
 * The kernel's nd_fletcher64: 32-bit words, a 32-bit low sum and a high sum
 * whose upper half falls off when shifted. le=false sums native words (the
 * interleave-set cookies are computed over in-memory structs).
 */
NDCTL_EXPORT uint64_t ndctl_label_fletcher64(const void *buf, size_t len, bool le)
{
	const uint8_t *p = buf;
	uint32_t lo = 0;
	uint64_t hi = 0;
	size_t i;

	for (i = 0; i + 4 <= len; i += 4) {
		uint32_t w;

		memcpy(&w, p + i, 4);
		lo += le ? le32toh(w) : w;
		hi += lo;
	}
	return hi << 32 | lo;
}
