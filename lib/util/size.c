// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include "util/size.h"

static int unit_shift(const char *suffix, unsigned *shift)
{
	static const struct { const char *name; unsigned shift; } units[] = {
		{ "", 0 }, { "b", 0 },
		{ "k", 10 }, { "kb", 10 }, { "kib", 10 },
		{ "m", 20 }, { "mb", 20 }, { "mib", 20 },
		{ "g", 30 }, { "gb", 30 }, { "gib", 30 },
		{ "t", 40 }, { "tb", 40 }, { "tib", 40 },
	};

	for (unsigned i = 0; i < ARRAY_SIZE(units); i++)
		if (strcasecmp(suffix, units[i].name) == 0) {
			*shift = units[i].shift;
			return 0;
		}
	return -EINVAL;
}

static int digit_value(char c, unsigned base)
{
	unsigned v = c >= '0' && c <= '9' ? (unsigned)(c - '0') :
		c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10) :
		c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 99;

	return v < base ? (int)v : -1;
}

/*
 * Digits by hand, not strtoull: that would skip leading blanks, take a
 * sign (" -1" is 2^64-1) and read a leading 0 as octal.
 */
int parse_size(const char *s, uint64_t *out)
{
	unsigned base = 10, shift;
	uint64_t v = 0;
	const char *p;
	int d;

	if (!s)
		return -EINVAL;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	} else if (s[0] == '0' && digit_value(s[1], 10) >= 0)
		return -EINVAL;	/* 0100: octal to upstream, decimal to others: refuse */
	for (p = s; (d = digit_value(*p, base)) >= 0; p++) {
		if (v > (UINT64_MAX - (unsigned)d) / base)
			return -ERANGE;
		v = v * base + (unsigned)d;
	}
	if (p == s || unit_shift(p, &shift) < 0)
		return -EINVAL;
	if (shift && v > (UINT64_MAX >> shift))
		return -ERANGE;
	*out = v << shift;
	return 0;
}

const char *format_size_human(uint64_t bytes, char *buf, unsigned long len)
{
	static const char *const bin[] = { "", "KiB", "MiB", "GiB", "TiB", "PiB" };
	static const char *const dec[] = { "", "KB", "MB", "GB", "TB", "PB" };
	double b = (double)bytes, d = (double)bytes;
	unsigned i = 0, j = 0;

	if (bytes < 1024) {
		snprintf(buf, len, "%llu", (unsigned long long)bytes);
		return buf;
	}
	/* upstream pairs the units (MiB with MB) and moves up only at 2x */
	while (b >= 2 * 1024 && i < ARRAY_SIZE(bin) - 1) {
		b /= 1024;
		d /= 1000;
		i++;
	}
	if (i == 0) {
		b /= 1024;
		d /= 1000;
		i++;
	}
	j = i;
	snprintf(buf, len, "%.2f %s (%.2f %s)", b, bin[i], d, dec[j]);
	return buf;
}

const char *format_size_short(uint64_t bytes, char *buf, unsigned long len)
{
	static const char units[] = "KMGT";
	unsigned i = 0;

	if (bytes == 0 || bytes % 1024) {
		snprintf(buf, len, "%llu", (unsigned long long)bytes);
		return buf;
	}
	bytes /= 1024;
	while (bytes % 1024 == 0 && i < sizeof(units) - 2) {
		bytes /= 1024;
		i++;
	}
	snprintf(buf, len, "%llu%c", (unsigned long long)bytes, units[i]);
	return buf;
}
