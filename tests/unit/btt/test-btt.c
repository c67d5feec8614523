// SPDX-License-Identifier: GPL-2.0-only
/*
 * The BTT layout checks over buffers: a layout as the kernel writes it is
 * clean, and each kind of damage upstream's check-namespace names is found
 * with its words and status, and repaired where upstream repairs it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <ndctl/libndctl.h>
#include "btt/btt.h"
#include "util/le-fields.h"
#include "../test.h"

#define NS_SIZE (32ULL << 20)

static const uint8_t parent[16] = { 0x11, 0x22, 0x33 };
static const uint8_t uuid[16] = { 0xaa, 0xbb };

struct findings {
	char text[16384];
	int errors, notices;
};

static void collect(void *arg, int priority, const char *where, const char *msg)
{
	struct findings *f = arg;
	size_t n = strlen(f->text);

	snprintf(f->text + n, sizeof(f->text) - n, "%d %s: %s", priority, where, msg);
	f->errors += priority <= LOG_ERR;
	f->notices += priority == LOG_NOTICE;
}

static int check(uint8_t *ns, unsigned flags, struct findings *f)
{
	memset(f, 0, sizeof(*f));
	return ndctl_btt_layout_check(ns, NS_SIZE, parent, flags, collect, f);
}

#define HAS(f, s) do { \
	CHECK(strstr((f)->text, s) != NULL); \
	if (!strstr((f)->text, s)) \
		fprintf(stderr, "  missing \"%s\" in:\n%s", s, (f)->text); \
} while (0)

static uint8_t *fresh(bool v2)
{
	uint8_t *ns = calloc(1, NS_SIZE);

	CHECK(btt_layout_format(ns, NS_SIZE, 4096, uuid, parent, v2) == 0);
	return ns;
}

/* The first arena as the checker sees it (log indices of a fresh layout: 0, 1). */
static struct btt_arena arena0(const uint8_t *ns, bool v2)
{
	struct btt_arena a = { .log_index = { 0, 1 } };
	uint64_t off = v2 ? BTT2_START : BTT1_START;

	CHECK(btt_arena_parse(&a, ns + off, off) == 0);
	return a;
}

static void test_clean(bool v2)
{
	uint8_t *ns = fresh(v2);
	struct btt_arena a = arena0(ns, v2);
	struct findings f;

	CHECK(a.external_nlba > 4000 && a.nfree == 256);
	CHECK_EQ_U64(a.info2off + BTT_INFO_SIZE, NS_SIZE);
	CHECK_EQ_U64(check(ns, 0, &f), 0);
	CHECK_EQ_U64(f.errors, 0);
	HAS(&f, "found 1 BTT arena\n");
	HAS(&f, "arena[0]: log_index_1 = 1\n");
	HAS(&f, "checking arena 0\n");
	CHECK_EQ_U64(check(ns, NDCTL_BTT_CHECK_REPAIR, &f), 0);
	CHECK_EQ_U64(f.errors + f.notices, 0);
	free(ns);
}

/* The primary block damaged: found, refused without -R, restored from info2 with it. */
static void test_info_checksum(void)
{
	uint8_t *ns = fresh(false), *copy = malloc(BTT_INFO_SIZE);
	struct findings f;

	memcpy(copy, ns + BTT1_START, BTT_INFO_SIZE);
	ns[BTT1_START + 100] ^= 0xff;
	CHECK_EQ_U64(check(ns, 0, &f), (uint64_t)-ENXIO);
	HAS(&f, "btt_write_info: BTT info block at offset 0x1000 needs to be restored\n");
	HAS(&f, "repair_msg:   Run with --repair to make the changes\n");
	HAS(&f, "namespace_check: Unable to recover any BTT info blocks\n");
	HAS(&f, "namespace_check: This may not be a sector mode namespace\n");
	CHECK(ns[BTT1_START + 100] != copy[100]);
	CHECK_EQ_U64(check(ns, NDCTL_BTT_CHECK_REPAIR, &f), 0);
	HAS(&f, "Restoring BTT info block at offset 0x1000\n");
	CHECK(memcmp(ns + BTT1_START, copy, BTT_INFO_SIZE) == 0);
	CHECK_EQ_U64(check(ns, 0, &f), 0);
	CHECK_EQ_U64(f.errors, 0);
	free(copy);
	free(ns);
}

/* info2 differing: said (upstream's status stays 0) and copied from info with -R. */
static void test_info2(void)
{
	uint8_t *ns = fresh(false);
	struct btt_arena a = arena0(ns, false);
	struct findings f;

	ns[a.info2off + 200] = 1;
	CHECK_EQ_U64(check(ns, 0, &f), 0);
	HAS(&f, "3 btt_copy_to_info2: Arena 0: BTT info2 needs to be restored\n");
	CHECK(ns[a.info2off + 200] == 1);
	CHECK_EQ_U64(check(ns, NDCTL_BTT_CHECK_REPAIR, &f), 0);
	HAS(&f, "5 btt_copy_to_info2: Arena 0: Restoring BTT info2\n");
	CHECK(memcmp(ns + a.info2off, ns + a.infooff, BTT_INFO_SIZE) == 0);
	free(ns);
}

static void expect_status(uint8_t *ns, const char *words)
{
	struct findings f;

	CHECK_EQ_U64(check(ns, 0, &f), (uint64_t)-ENXIO);
	HAS(&f, words);
}

static void test_map_oob(void)
{
	uint8_t *ns = fresh(false);
	struct btt_arena a = arena0(ns, false);

	btt_map_put(ns, &a, 5, a.internal_nlba);
	expect_status(ns, "3 btt_xlat_status: arena 0: found a map entry that is out of bounds\n");
	free(ns);
}

static void put_slot(uint8_t *ns, const struct btt_arena *a, uint32_t lane, int slot,
		uint32_t lba, uint32_t old_map, uint32_t new_map, uint32_t seq)
{
	struct btt_log_ent e = { lba, old_map, new_map, seq };

	btt_log_slot_put(ns, a, lane, slot, &e);
}

/* Each flog finding upstream names, one layout each. */
static void test_flog(void)
{
	static const char *const words[] = {
		"found a pair of log entries with the same sequence number\n",
		"found a log entry with an out of bounds sequence number\n",
		"found a log entry with an out of bounds LBA\n",
		"found a log entry with an out of bounds 'old' mapping\n",
		"found a log entry with an out of bounds 'new' mapping\n",
	};

	for (int k = 0; k < 5; k++) {
		uint8_t *ns = fresh(false);
		struct btt_arena a = arena0(ns, false);
		uint32_t ext = a.external_nlba, in = a.internal_nlba;

		if (k == 0)
			put_slot(ns, &a, 3, 1, 3, ext + 3, ext + 3, 1);
		if (k == 1)
			put_slot(ns, &a, 2, 0, 2, ext + 2, ext + 2, 5);
		if (k == 2)
			put_slot(ns, &a, 0, 0, ext, ext, ext, 1);
		if (k == 3)
			put_slot(ns, &a, 0, 0, 0, in, ext, 1);
		if (k == 4)
			put_slot(ns, &a, 0, 0, 0, ext, in + 7, 1);
		expect_status(ns, words[k]);
		free(ns);
	}
}

/* A write torn after its flog entry: the map still names the old block. */
static void test_torn_write(void)
{
	uint8_t *ns = fresh(false);
	struct btt_arena a = arena0(ns, false);
	uint32_t ext = a.external_nlba;
	struct findings f;

	put_slot(ns, &a, 0, 1, 7, 7, ext, 2);
	CHECK_EQ_U64(check(ns, 0, &f), (uint64_t)-ENXIO);
	HAS(&f, "btt_check_log_map: arena 0: log[0].new_map (0x");
	HAS(&f, "3 btt_map_write: Arena 0: map[0x7] needs to be updated to 0x");
	HAS(&f, "internal block 0x7 is referenced by two map/log entries\n");
	HAS(&f, "bitmap error: internal blocks are incorrectly referenced\n");
	CHECK_EQ_U64(check(ns, NDCTL_BTT_CHECK_REPAIR, &f), 0);
	HAS(&f, "Arena 0: Updating map[0x7] to 0x");
	CHECK_EQ_U64(btt_map_lookup(ns, &a, 7), ext);
	CHECK_EQ_U64(check(ns, 0, &f), 0);
	CHECK_EQ_U64(f.errors, 0);
	free(ns);
}

static void test_duplicate_map(void)
{
	uint8_t *ns = fresh(false);
	struct btt_arena a = arena0(ns, false);
	struct findings f;

	btt_map_put(ns, &a, 1, 2);
	CHECK_EQ_U64(check(ns, NDCTL_BTT_CHECK_REPAIR, &f), (uint64_t)-ENXIO);
	HAS(&f, "arena 0: internal block 0x2 is referenced by two map entries\n");
	HAS(&f, "3 btt_xlat_status: arena 0: bitmap error:");
	free(ns);
}

static void test_padding_and_flags(void)
{
	uint8_t *ns = fresh(false);
	struct btt_arena a = arena0(ns, false);
	struct ndctl_infoblock_btt sb;
	struct findings f;

	memset(ns + a.logoff, 0, 64ULL * a.nfree);
	CHECK_EQ_U64(check(ns, 0, &f), (uint64_t)-ENXIO);
	HAS(&f, "log_set_indices: Found an unknown padding scheme\n");
	HAS(&f, "namespace_check: Unable to deduce log/padding indices\n");
	free(ns);

	ns = fresh(false);
	ndctl_infoblock_btt_decode(ns + BTT1_START, &sb);
	sb.flags = BTT_INFO_FLAG_ERROR;
	ndctl_infoblock_btt_encode(&sb, ns + BTT1_START);
	CHECK_EQ_U64(check(ns, 0, &f), (uint64_t)-ENXIO);
	HAS(&f, "btt_parse_meta: Info block error flag is set, aborting\n");
	HAS(&f, "btt_discover_arenas: Problem parsing arena[0] metadata\n");

	sb.flags = 0;
	sb.mapoff = NS_SIZE;
	ndctl_infoblock_btt_encode(&sb, ns + BTT1_START);
	CHECK_EQ_U64(check(ns, 0, &f), (uint64_t)-EFAULT);
	HAS(&f, "namespace_check: Received a SIGBUS\n");
	free(ns);
}

/* -L: an old kernel's (0, 2) pair rewritten to the initial (0, 1) state. */
static void test_rewrite_log(void)
{
	uint8_t *ns = fresh(false);
	struct btt_arena a = arena0(ns, false);
	uint32_t ext = a.external_nlba;
	struct btt_log_ent e;
	struct findings f;

	put_slot(ns, &a, 0, 2, 7, ext, 9, 2);
	CHECK_EQ_U64(check(ns, NDCTL_BTT_CHECK_REWRITE_LOG, &f), (uint64_t)-EINVAL);
	btt_map_put(ns, &a, 9, ext);
	put_slot(ns, &a, 0, 2, 9, 9, ext, 2);
	CHECK_EQ_U64(check(ns, 0, &f), 0);
	HAS(&f, "arena[0]: log_index_1 = 2\n");
	CHECK_EQ_U64(check(ns, NDCTL_BTT_CHECK_REPAIR | NDCTL_BTT_CHECK_REWRITE_LOG, &f), 0);
	HAS(&f, "btt_rewrite_log: arena 0: rewriting log\n");
	btt_log_slot(ns, &a, 0, 0, &e);
	CHECK(e.lba == 9 && e.old_map == 9 && e.new_map == ext && e.seq == 1);
	btt_log_slot(ns, &a, 0, 2, &e);
	CHECK(e.lba == 0 && e.seq == 0);
	CHECK_EQ_U64(check(ns, 0, &f), 0);
	HAS(&f, "arena[0]: log_index_1 = 1\n");
	free(ns);
}

static void test_not_btt(void)
{
	uint8_t *ns = calloc(1, NS_SIZE);
	struct findings f;

	CHECK_EQ_U64(check(ns, 0, &f), (uint64_t)-ENXIO);
	HAS(&f, "Unable to recover any BTT info blocks\n");
	memset(&f, 0, sizeof(f));
	/* too small for an arena: upstream's recovery gives up with EINVAL */
	CHECK_EQ_U64(ndctl_btt_layout_check(ns, 6000, parent, 0, collect, &f), (uint64_t)-EINVAL);
	HAS(&f, "btt_read_info: short read of first info block: 1904\n");
	free(ns);

	/* another namespace's BTT is not this one's */
	ns = fresh(false);
	memset(&f, 0, sizeof(f));
	CHECK_EQ_U64(ndctl_btt_layout_check(ns, NS_SIZE, uuid, 0, collect, &f), (uint64_t)-ENXIO);
	HAS(&f, "This may not be a sector mode namespace\n");
	free(ns);
}

int main(void)
{
	test_clean(false);
	test_clean(true);
	test_info_checksum();
	test_info2();
	test_map_oob();
	test_flog();
	test_torn_write();
	test_duplicate_map();
	test_padding_and_flags();
	test_rewrite_log();
	test_not_btt();
	return test_done("btt");
}
