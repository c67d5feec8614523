/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDKIT_UTIL_SIZE_H
#define NDKIT_UTIL_SIZE_H
#include <stdbool.h>
#include <stdint.h>

#define SZ_4K   0x1000ULL
#define SZ_128K 0x20000ULL
#define SZ_2M   0x200000ULL
#define SZ_16M  0x1000000ULL
#define SZ_128M 0x8000000ULL
#define SZ_1G   0x40000000ULL

#define ALIGN_UP(x, a)   ((((x) + (a) - 1) / (a)) * (a))
#define ALIGN_DOWN(x, a) (((x) / (a)) * (a))
#define ARRAY_SIZE(a)    (sizeof(a) / sizeof((a)[0]))

static inline bool is_power_of_2(uint64_t v)
{
	return v && !(v & (v - 1));
}

/*
 * Parse "4096", "0x1000", "2M", "2MiB", "1G", "128k", "1T" (binary units,
 * as upstream ndctl): decimal digits, or hex after 0x. Refused (-EINVAL):
 * blanks, signs, a decimal with a leading zero (upstream reads "0100K" as
 * octal), any other trailing text. -ERANGE on overflow.
 */
int parse_size(const char *s, uint64_t *out);

/* "256.00 MiB (268.44 MB)": upstream's human form. buf needs 48 bytes. */
const char *format_size_human(uint64_t bytes, char *buf, unsigned long len);

/* "2M", "128K", "4096": the shortest exact form, for messages and QEMU args. */
const char *format_size_short(uint64_t bytes, char *buf, unsigned long len);

#endif
