/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDKIT_UTIL_LE_FIELDS_H
#define NDKIT_UTIL_LE_FIELDS_H
#include <stddef.h>
#include <stdint.h>

/* A little-endian integer of `bytes` bytes (1 to 8) at p. */
uint64_t le_get(const uint8_t *p, unsigned bytes);
void le_put(uint8_t *p, uint64_t v, unsigned bytes);

/*
 * One little-endian integer of an on-media block and the struct member it
 * decodes into: `width` bytes at `at`, into a uint<width*8>_t at `member`
 * (offsetof). One table serves both directions, so a layout is written once.
 */
struct le_field {
	uint16_t at;
	uint8_t width;		/* 1, 2, 4 or 8: the member's size too */
	size_t member;
};

void le_fields_decode(const struct le_field *fields, size_t n, const uint8_t *media, void *obj);
void le_fields_encode(const struct le_field *fields, size_t n, const void *obj, uint8_t *media);

#endif
