// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Where is the label area in a file? A raw area, or a QEMU
 * memory-backend-file whose label area is its last label-size bytes:
 *
 *   0                                    fsize - label_size       fsize
 *   +------------------------------------+------------------------+
 *   | guest-visible pmem                 | label area (index,...) |
 *   +------------------------------------+------------------------+
 *
 * The transport only moves bytes in a window of the file; recognizing an
 * index block is the engine's business, so the probe lives here.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "private.h"
#include "transport/xport.h"
#include "engine.h"

#define RAW_AREA_MAX (16ull << 20)	/* an index-less file up to this size is taken as raw */

/* Is there an index signature at either of the window's two index offsets? */
static bool index_signed(struct ndctl_lsa_xport *t, uint32_t isz)
{
	char sig[IDX_SIG_LEN];

	for (unsigned i = 0; i < 2; i++)
		if (ndctl_lsa_xport_read(t, (uint64_t)i * isz, sig, sizeof(sig)) == 0 &&
				memcmp(sig, lsa_index_sig, sizeof(sig)) == 0)
			return true;
	return false;
}

/*
 * Does the window [start, start + cfg) hold a valid index (either block,
 * either L)? Signatures first: taking a whole 16 GiB backend for one area
 * would otherwise read (and allocate) its 32 MiB of index blocks.
 */
static bool has_valid_index(struct ndctl_lsa_xport *t, uint64_t start, uint64_t cfg)
{
	static const unsigned sizes[] = { 128, 256 };
	bool found = false;

	if (lsa_file_set_window(t, start, cfg))
		return false;
	for (unsigned s = 0; s < 2 && !found; s++) {
		uint32_t isz = lsa_isz_of_area(cfg, sizes[s]);
		uint8_t *buf = isz && index_signed(t, isz) ? malloc(2 * (size_t)isz) : NULL;
		const char *id;

		if (buf && ndctl_lsa_xport_read(t, 0, buf, 2 * (size_t)isz) == 0)
			found = !lsa_index_check(buf, cfg, sizes[s], 0, &id) ||
				!lsa_index_check(buf, cfg, sizes[s], 1, &id);
		free(buf);
	}
	return found;
}

/* Plausible label sizes: 128 KiB steps up to 4 MiB, then powers of two up to 1 GiB. */
static uint64_t next_candidate(uint64_t s)
{
	return s < (4ull << 20) ? s + (128ull << 10) : s * 2;
}

/* The whole file, else the smallest candidate tail, holding a valid index? */
static bool probe_windows(struct ndctl_lsa_xport *t, uint64_t fsize, uint64_t *out)
{
	uint64_t s;

	*out = fsize;
	if (has_valid_index(t, 0, fsize))
		return true;
	for (s = 128ull << 10; s < fsize && s <= (1ull << 30); s = next_candidate(s))
		if (has_valid_index(t, fsize - s, s)) {
			*out = s;
			return true;
		}
	return false;
}

/*
 * A candidate window failing (even a read error in it) is expected, not the
 * caller's error: the transport is quiet meanwhile (its messages go to the
 * debug log only); the verdict is reported by the caller.
 */
static bool find_label_size(struct ndctl_lsa_xport *t, uint64_t fsize, uint64_t *out)
{
	bool found;

	t->quiet++;
	found = probe_windows(t, fsize, out);
	t->quiet--;
	return found;
}

static int detect_label_size(struct ndctl_lsa_xport *t, uint64_t fsize, uint64_t *out)
{
	if (find_label_size(t, fsize, out) || fsize <= RAW_AREA_MAX)
		return 0;
	return lsa_xport_err(t, -ENOENT,
		"%s: no label index found at the end of this %llu-byte file: give the label size (e.g. --label-size=128K)",
		lsa_file_path(t), (unsigned long long)fsize);
}

NDCTL_EXPORT int ndctl_lsa_file_open(struct ndctl_ctx *ctx, const char *path, uint64_t label_size,
		unsigned flags, struct ndctl_lsa_xport **out)
{
	int rc = lsa_file_open_whole(ctx, path, flags, out);
	uint64_t fsize;

	if (rc < 0)
		return rc;
	fsize = lsa_file_size(*out);
	if (label_size > fsize)
		return lsa_xport_err(*out, -EINVAL,
			"%s: label size %llu is larger than the file (%llu bytes): give a smaller label size",
			path, (unsigned long long)label_size, (unsigned long long)fsize);
	if (!label_size) {
		rc = detect_label_size(*out, fsize, &label_size);
		if (rc < 0)
			return rc;
		ndctl_lsa_xport_reset_counters(*out);	/* the probe is not the caller's I/O */
		(*out)->errmsg[0] = '\0';
	}
	return lsa_file_set_window(*out, fsize - label_size, label_size);
}
