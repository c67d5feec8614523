// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Finding the arenas, upstream check-namespace's way: the first info block
 * at 4 KiB (BTT 1.1) or 0 (BTT 2.0), else recovered from where its backup
 * should be; then each arena's info block, restored from its info2 when
 * damaged. Reads are of the caller's buffer; writes only with REPAIR.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <ndctl/btt-layout.h>
#include <ndctl/infoblock.h>
#include "../private.h"
#include "btt.h"
#include "util/le-fields.h"

#define OFF_PARENT 32
#define OFF_MAJOR 52
#define OFF_MINOR 54
#define OFF_INFO2 112
#define PG 4096ULL

void btt_say(struct btt_chk *c, int priority, const char *where, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	if (!c->report)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	c->report(c->arg, priority, where, msg);
}

static void repair_msg(struct btt_chk *c)
{
	btt_say(c, LOG_INFO, "repair_msg", "  Run with --repair to make the changes\n");
}

/* As upstream's pread of a block device: short past the end, EINVAL past off_t. */
static int read_info(struct btt_chk *c, uint8_t *sb, uint64_t off)
{
	uint64_t n = off < c->size ? c->size - off : 0;

	if (off > INT64_MAX) {
		btt_say(c, LOG_ERR, "btt_read_info", "unable to read first info block: %s\n",
				strerror(EINVAL));
		return -EINVAL;
	}
	if (n < BTT_INFO_SIZE) {
		btt_say(c, LOG_ERR, "btt_read_info", "short read of first info block: %ld\n",
				(long)n);
		return -ENXIO;
	}
	memcpy(sb, c->ns + off, BTT_INFO_SIZE);
	return 0;
}

/* A restore: only with REPAIR, else said and refused (EIO), as upstream. */
static int write_info(struct btt_chk *c, const uint8_t *sb, uint64_t off)
{
	if (!(c->flags & NDCTL_BTT_CHECK_REPAIR)) {
		btt_say(c, LOG_ERR, "btt_write_info",
				"BTT info block at offset %#lx needs to be restored\n",
				(unsigned long)off);
		repair_msg(c);
		return -EIO;
	}
	btt_say(c, LOG_INFO, "btt_write_info", "Restoring BTT info block at offset %#lx\n",
			(unsigned long)off);
	if (off >= c->size || c->size - off < BTT_INFO_SIZE) {
		btt_say(c, LOG_ERR, "btt_write_info", "short write of the info block: %ld\n",
				(long)(off < c->size ? c->size - off : 0));
		return -ENXIO;
	}
	memcpy(c->ns + off, sb, BTT_INFO_SIZE);
	return 0;
}

/* Signature, parent (when the block names one) and checksum. */
static int info_verify(const struct btt_chk *c, const uint8_t *sb)
{
	static const uint8_t zero[16];

	if (ndctl_infoblock_kind(sb) != NDCTL_INFOBLOCK_BTT)
		return -ENXIO;
	if (memcmp(sb + OFF_PARENT, zero, 16) != 0 &&
			memcmp(sb + OFF_PARENT, c->parent_uuid, 16) != 0)
		return -ENXIO;
	return ndctl_infoblock_checksum_ok(sb) ? 0 : -ENXIO;
}

static int info_read_verify(struct btt_chk *c, uint8_t *sb, uint64_t off)
{
	return read_info(c, sb, off) ?: info_verify(c, sb);
}

/* Where a version's first arena starts: a backup found at an arena's end does not say. */
static int64_t expected_start(const uint8_t *sb)
{
	uint16_t major = (uint16_t)le_get(sb + OFF_MAJOR, 2);
	uint16_t minor = (uint16_t)le_get(sb + OFF_MINOR, 2);

	if (major == 1 && minor == 1)
		return BTT1_START;
	if (major == 2 && minor == 0)
		return BTT2_START;
	return -ENXIO;
}

/* How many arenas the kernel would have cut from the bytes after off, and what is left. */
static int estimate_arenas(uint64_t remaining, uint64_t *left)
{
	int est = 0;

	while (remaining) {
		if (remaining < BTT_ARENA_MIN && est == 0)
			return -EINVAL;
		if (remaining > BTT_ARENA_MAX) {
			remaining -= BTT_ARENA_MAX;
			est++;
			continue;
		}
		if (remaining >= BTT_ARENA_MIN) {
			remaining = 0;
			est++;
		}
		break;
	}
	*left = remaining;
	return est;
}

/*
 * Attempt 2 (several arenas): the last arena's info2 shares every field but
 * arena 0's own, which are taken from the damaged block (its checksum too).
 */
static int recover_from_last(struct btt_chk *c, uint8_t sb[2][BTT_INFO_SIZE], uint64_t offset)
{
	static const struct { unsigned off, len; } own[] = {
		{ 48, 4 },	/* flags */
		{ 60, 4 },	/* external_nlba */
		{ 68, 4 },	/* internal_nlba */
		{ 80, 40 },	/* nextoff, dataoff, mapoff, logoff, info2off */
		{ 4088, 8 },	/* checksum */
	};
	int rc;

	btt_say(c, LOG_INFO, "__btt_recover_first_sb",
			"Attempting to recover info-block from end offset %#lx\n",
			(unsigned long)offset);
	rc = info_read_verify(c, sb[1], offset);
	if (rc)
		return rc;
	for (size_t i = 0; i < sizeof(own) / sizeof(own[0]); i++)
		memcpy(sb[1] + own[i].off, sb[0] + own[i].off, own[i].len);
	return info_verify(c, sb[1]) ? 1 : 0;
}

/* Attempt 3: the damaged block's info2off, if it still points inside the arena. */
static int recover_from_info2off(struct btt_chk *c, uint8_t sb[2][BTT_INFO_SIZE], uint64_t off)
{
	/* upstream reads the 64-bit field as 32 bits */
	uint64_t offset = (uint32_t)le_get(sb[0] + OFF_INFO2, 4);
	uint64_t lim = BTT_ARENA_MAX - BTT_INFO_SIZE + off;

	if (c->size - BTT_INFO_SIZE < lim)
		lim = c->size - BTT_INFO_SIZE;
	if (offset > lim || !offset)
		return -ENXIO;
	btt_say(c, LOG_INFO, "__btt_recover_first_sb",
			"Attempting to recover info-block from info2 offset %#lx\n",
			(unsigned long)offset);
	return info_read_verify(c, sb[1], offset + off) ?: write_info(c, sb[1], off);
}

/* Upstream's __btt_recover_first_sb for a first arena at off: three places to look. */
static int recover_first_at(struct btt_chk *c, uint64_t off)
{
	uint8_t sb[2][BTT_INFO_SIZE];
	uint64_t remaining, offset;
	int est = estimate_arenas(c->size - off, &remaining), rc;

	if (est < 0)
		return est;
	btt_say(c, LOG_INFO, "__btt_recover_first_sb",
			"estimated arenas: %d, remaining bytes: %#lx\n", est,
			(unsigned long)remaining);
	rc = read_info(c, sb[0], off);
	if (rc)
		return rc;
	offset = est == 1 ? (c->size - remaining) / PG * PG - BTT_INFO_SIZE :
		BTT_ARENA_MAX - BTT_INFO_SIZE + off;
	btt_say(c, LOG_INFO, "__btt_recover_first_sb",
			"Attempting recover info-block from end-of-arena offset %#lx\n",
			(unsigned long)offset);
	if (info_read_verify(c, sb[1], offset) == 0)
		return expected_start(sb[1]) != (int64_t)off ? -ENXIO : write_info(c, sb[1], off);
	if (est > 1) {
		rc = recover_from_last(c, sb, (c->size - remaining) / PG * PG - BTT_INFO_SIZE);
		if (rc < 0)
			return rc;
		if (rc == 0)
			return write_info(c, sb[1], off);
	}
	return recover_from_info2off(c, sb, off);
}

static int recover_first(struct btt_chk *c)
{
	static const uint64_t starts[] = { BTT1_START, BTT2_START };
	int rc = -ENXIO;

	for (size_t i = 0; i < sizeof(starts) / sizeof(starts[0]); i++) {
		rc = recover_first_at(c, starts[i]);
		if (rc == 0) {
			c->start_off = starts[i];
			return 0;
		}
	}
	return rc;
}

/* The first info block: BTT 1.1's place, BTT 2.0's, else recovered. */
static int find_first(struct btt_chk *c)
{
	uint8_t sb[BTT_INFO_SIZE];
	int rc;

	c->start_off = BTT1_START;
	if (info_read_verify(c, sb, BTT1_START) == 0)
		return 0;
	c->start_off = BTT2_START;
	if (info_read_verify(c, sb, BTT2_START) == 0)
		return 0;
	rc = recover_first(c);
	if (rc) {
		btt_say(c, LOG_ERR, "namespace_check", "Unable to recover any BTT info blocks\n");
		btt_say(c, LOG_ERR, "namespace_check", "This may not be a sector mode namespace\n");
		return rc;
	}
	return info_read_verify(c, sb, c->start_off);
}

/* An arena's info block, restored from its backup when it does not verify. */
static int arena_info(struct btt_chk *c, uint8_t *sb, uint64_t off, uint64_t remaining, int i)
{
	uint64_t backup;
	int rc = read_info(c, sb, off);

	if (rc || info_verify(c, sb) == 0)
		return rc;
	backup = remaining <= BTT_ARENA_MAX ? c->size / PG * PG - BTT_INFO_SIZE :
		off + BTT_ARENA_MAX - BTT_INFO_SIZE;
	btt_say(c, LOG_INFO, "btt_discover_arenas",
			"Arena %d: Attempting recover info-block using info2\n", i);
	rc = read_info(c, sb, backup);
	if (rc) {
		btt_say(c, LOG_ERR, "btt_discover_arenas",
				"Unable to read backup info block (offset %#lx)\n",
				(unsigned long)backup);
		return rc;
	}
	rc = info_verify(c, sb);
	if (rc) {
		btt_say(c, LOG_ERR, "btt_discover_arenas",
				"Backup info block (offset %#lx) verification failed\n",
				(unsigned long)backup);
		return rc;
	}
	rc = write_info(c, sb, off);
	if (rc)
		btt_say(c, LOG_ERR, "btt_discover_arenas",
				"Restoration of the info block failed: %s (%d)\n",
				strerror(-rc), rc);
	return rc;
}

static int parse_arena(struct btt_chk *c, struct btt_arena *a, const uint8_t *sb, uint64_t off)
{
	int rc = btt_arena_parse(a, sb, off);

	if (rc && (a->flags & BTT_INFO_FLAG_ERROR))
		btt_say(c, LOG_ERR, "btt_parse_meta", "Info block error flag is set, aborting\n");
	if (rc)
		btt_say(c, LOG_ERR, "btt_discover_arenas", "Problem parsing arena[%d] metadata\n",
				a->num);
	return rc;
}

/* Upstream's btt_discover_arenas: arena after arena until one has no next. */
static int discover(struct btt_chk *c)
{
	uint64_t remaining = c->size, off = c->start_off;
	uint8_t sb[BTT_INFO_SIZE];
	int i = 0, rc;

	while (remaining) {
		struct btt_arena *a = realloc(c->arena, (size_t)(i + 1) * sizeof(*a));

		if (!a)
			return -ENOMEM;
		c->arena = a;
		a = memset(&c->arena[i], 0, sizeof(*a));
		a->num = i;
		rc = arena_info(c, sb, off, remaining, i);
		if (!rc)
			rc = parse_arena(c, a, sb, off);
		if (rc)
			return rc;
		remaining -= a->size;	/* wraps, as upstream's size_t: the next read fails */
		off += a->size;
		i++;
		if (!a->nextoff)
			break;
	}
	c->num_arenas = i;
	btt_say(c, LOG_INFO, "btt_discover_arenas", "found %d BTT arena%s\n", i,
			i > 1 ? "s" : "");
	return 0;
}

static bool inside(const struct btt_chk *c, uint64_t off, uint64_t len)
{
	return off <= c->size && len <= c->size - off;
}

static bool overlap(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return a < b + blen && b < a + alen;
}

/*
 * info2 over the info block, map or log, or the map over the log: restoring
 * info2 or a map entry would rewrite what was checked.
 */
static bool metadata_overlaps(const struct btt_arena *a)
{
	return overlap(a->mapoff, 4ULL * a->external_nlba,
			a->logoff, (uint64_t)BTT_LOG_GRP_SIZE * a->nfree) ||
		overlap(a->info2off, BTT_INFO_SIZE, a->infooff, BTT_INFO_SIZE) ||
		overlap(a->info2off, BTT_INFO_SIZE, a->mapoff, 4ULL * a->external_nlba) ||
		overlap(a->info2off, BTT_INFO_SIZE, a->logoff, (uint64_t)BTT_LOG_GRP_SIZE * a->nfree);
}

/*
 * Upstream maps each region and reads it; one reaching past the device
 * faults (SIGBUS), which it reports so. Said the same way before any read.
 * Metadata lying over other metadata is refused here too, so that the
 * checks that follow can trust what they checked once.
 */
static int regions_inside(struct btt_chk *c)
{
	for (int i = 0; i < c->num_arenas; i++) {
		const struct btt_arena *a = &c->arena[i];
		bool outside = !inside(c, a->infooff, BTT_INFO_SIZE) ||
				!inside(c, a->mapoff, 4ULL * a->external_nlba) ||
				!inside(c, a->logoff, (uint64_t)BTT_LOG_GRP_SIZE * a->nfree) ||
				!inside(c, a->info2off, BTT_INFO_SIZE);

		if (outside || metadata_overlaps(a)) {
			if (outside)
				btt_say(c, LOG_ERR, "namespace_check", "Received a SIGBUS\n");
			btt_say(c, LOG_ERR, "namespace_check",
					"Metadata corruption found, recovery is not possible\n");
			return -EFAULT;
		}
	}
	return 0;
}

static int log_indices(struct btt_chk *c)
{
	for (int i = 0; i < c->num_arenas; i++) {
		struct btt_arena *a = &c->arena[i];
		int rc = btt_log_indices(c->ns, a);

		if (rc == -EPROTO)
			btt_say(c, LOG_ERR, "log_set_indices", "Found an unknown padding scheme\n");
		if (rc) {
			btt_say(c, LOG_ERR, "namespace_check",
					"Unable to deduce log/padding indices\n");
			return -ENXIO;
		}
		btt_say(c, LOG_INFO, "log_set_indices", "arena[%d]: log_index_0 = %d\n", i,
				a->log_index[0]);
		btt_say(c, LOG_INFO, "log_set_indices", "arena[%d]: log_index_1 = %d\n", i,
				a->log_index[1]);
	}
	return 0;
}

int btt_find_arenas(struct btt_chk *c)
{
	return find_first(c) ?: discover(c) ?: regions_inside(c) ?: log_indices(c);
}

NDCTL_EXPORT int ndctl_btt_layout_check(void *ns, uint64_t size, const uint8_t parent_uuid[16],
		unsigned flags, ndctl_btt_report_fn report, void *arg)
{
	struct btt_chk c = { .ns = ns, .size = size, .flags = flags, .report = report,
		.arg = arg };
	int rc;

	if ((flags & NDCTL_BTT_CHECK_REWRITE_LOG) && !(flags & NDCTL_BTT_CHECK_REPAIR))
		return -EINVAL;
	if (parent_uuid)
		memcpy(c.parent_uuid, parent_uuid, 16);
	rc = btt_find_arenas(&c) ?: btt_check_arenas(&c);
	free(c.arena);
	return rc;
}
