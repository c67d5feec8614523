// SPDX-License-Identifier: LGPL-2.1-or-later
#include <string.h>
#include "util/le-fields.h"

uint64_t le_get(const uint8_t *p, unsigned bytes)
{
	uint64_t v = 0;

	while (bytes--)
		v = v << 8 | p[bytes];
	return v;
}

void le_put(uint8_t *p, uint64_t v, unsigned bytes)
{
	for (unsigned i = 0; i < bytes; i++, v >>= 8)
		p[i] = (uint8_t)v;
}

/* A member of `width` bytes, read or written in host order. */
static uint64_t member_get(const void *m, unsigned width)
{
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64;

	switch (width) {
	case 1: memcpy(&u8, m, 1); return u8;
	case 2: memcpy(&u16, m, 2); return u16;
	case 4: memcpy(&u32, m, 4); return u32;
	default: memcpy(&u64, m, 8); return u64;
	}
}

static void member_set(void *m, unsigned width, uint64_t v)
{
	uint8_t u8 = (uint8_t)v;
	uint16_t u16 = (uint16_t)v;
	uint32_t u32 = (uint32_t)v;

	switch (width) {
	case 1: memcpy(m, &u8, 1); break;
	case 2: memcpy(m, &u16, 2); break;
	case 4: memcpy(m, &u32, 4); break;
	default: memcpy(m, &v, 8); break;
	}
}

void le_fields_decode(const struct le_field *fields, size_t n, const uint8_t *media, void *obj)
{
	for (size_t i = 0; i < n; i++)
		member_set((uint8_t *)obj + fields[i].member, fields[i].width,
				le_get(media + fields[i].at, fields[i].width));
}

void le_fields_encode(const struct le_field *fields, size_t n, const void *obj, uint8_t *media)
{
	for (size_t i = 0; i < n; i++)
		le_put(media + fields[i].at,
				member_get((const uint8_t *)obj + fields[i].member, fields[i].width),
				fields[i].width);
}
