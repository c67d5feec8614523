// SPDX-License-Identifier: GPL-2.0-only
/*
 * Round trips: init v1.1/v1.2 on several sizes (layout as the kernel writes
 * it), then add/update/delete/multi-change/repair; after every step the
 * area re-read through the transport decodes to the engine's state and
 * validates clean.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <uuid/uuid.h>
#include "../test.h"
#include "lsa-test-util.h"

#define MAX_XFER 4076	/* QEMU's */
#define MiB (1ull << 20)

/* Reload through the transport; must equal the engine's view and validate. */
static void check_consistent(struct ndctl_lsa *lsa, struct ndctl_lsa_xport *t)
{
	struct ndctl_lsa *again;
	char *a, *b;

	CHECK_EQ_U64(ndctl_lsa_load(t, 0, &again), 0);
	a = lsa_state_text(lsa);
	b = lsa_state_text(again);
	CHECK_EQ_STR(a, b);
	CHECK_EQ_U64(count_findings(again, NDCTL_LSA_WARN), 0);
	free(a);
	free(b);
	ndctl_lsa_free(again);
}

static void check_label_at(struct ndctl_lsa *lsa, unsigned i, unsigned seed, uint32_t slot)
{
	struct ndctl_label want, got;

	CHECK_EQ_U64(ndctl_lsa_label_get(lsa, i, &got), 0);
	make_label(&want, seed, got.dpa, got.rawsize, ndctl_lsa_labelsize(lsa));
	want.slot = slot;
	CHECK_EQ_U64(got.slot, slot);
	CHECK(!memcmp(&want, &got, sizeof(want)));
}

static void exercise(struct ndctl_lsa *lsa, struct ndctl_lsa_xport *t)
{
	unsigned L = ndctl_lsa_labelsize(lsa);
	struct ndctl_label l[4];
	struct ndctl_lsa_change multi[3];
	uint32_t slot;
	int i;

	for (i = 0; i < 3; i++) {
		make_label(&l[i], (unsigned)i, (uint64_t)i * 16 * MiB, 16 * MiB, L);
		CHECK_EQ_U64(ndctl_lsa_add(lsa, t, &l[i], &slot), 0);
		CHECK_EQ_U64(slot, i);
		check_consistent(lsa, t);
	}
	CHECK_EQ_U64(ndctl_lsa_current_index(lsa), 1);	/* 3 writes after init: 0 -> 1 -> 0 -> 1 */
	/* update slot 1: goes to the lowest free slot (3); slot 1 stays live until the index flips */
	make_label(&l[3], 1, 16 * MiB, 16 * MiB, L);
	strcpy(l[3].name, "renamed");
	CHECK_EQ_U64(ndctl_lsa_update(lsa, t, 1, &l[3], &slot), 0);
	CHECK_EQ_U64(slot, 3);
	CHECK(!ndctl_lsa_slot_in_use(lsa, 1));
	CHECK_EQ_U64(ndctl_lsa_label_count(lsa), 3);
	check_consistent(lsa, t);
	CHECK_EQ_U64(ndctl_lsa_delete(lsa, t, 0), 0);
	CHECK_EQ_U64(ndctl_lsa_label_count(lsa), 2);
	check_label_at(lsa, 0, 2, 2);
	check_consistent(lsa, t);
	CHECK_EQ_U64(ndctl_lsa_delete(lsa, t, 0), -ENOENT);	/* already free */

	/* one transaction: add, update slot 2, delete slot 3 */
	make_label(&l[0], 7, 64 * MiB, 16 * MiB, L);
	make_label(&l[1], 2, 32 * MiB, 32 * MiB, L);
	multi[0] = (struct ndctl_lsa_change){ .op = NDCTL_LSA_ADD, .label = &l[0] };
	multi[1] = (struct ndctl_lsa_change){ .op = NDCTL_LSA_UPDATE, .slot = 2, .label = &l[1] };
	multi[2] = (struct ndctl_lsa_change){ .op = NDCTL_LSA_DELETE, .slot = 3 };
	CHECK_EQ_U64(ndctl_lsa_apply(lsa, t, multi, 3), 0);
	CHECK_EQ_U64(multi[0].new_slot, 0);
	CHECK_EQ_U64(multi[1].new_slot, 1);
	CHECK_EQ_U64(ndctl_lsa_label_count(lsa), 2);
	check_label_at(lsa, 0, 7, 0);
	check_label_at(lsa, 1, 2, 1);
	check_consistent(lsa, t);
}

static void check_repair(struct ndctl_lsa *lsa, struct ndctl_lsa_xport *t)
{
	struct ndctl_lsa *torn;
	uint8_t *copy = malloc(ndctl_lsa_xport_size(t));
	int stale = 1 - ndctl_lsa_current_index(lsa);
	char *before = lsa_state_text(lsa), *after;

	memcpy(copy, ndctl_lsa_mem_data(t), ndctl_lsa_xport_size(t));
	copy[(size_t)stale * ndctl_lsa_isz(lsa) + 100] ^= 0x40;	/* inside the free bitmap */
	ndctl_lsa_xport_write(t, 0, copy, ndctl_lsa_xport_size(t));
	CHECK_EQ_U64(ndctl_lsa_load(t, 0, &torn), 0);
	CHECK(!ndctl_lsa_index_valid(torn, stale));
	CHECK_EQ_STR(ndctl_lsa_index_problem(torn, stale), "checksum mismatch (torn or corrupted write)");
	CHECK_EQ_U64(count_findings(torn, NDCTL_LSA_WARN), 1);
	CHECK_EQ_U64(ndctl_lsa_repair(torn, t), 1);
	CHECK(ndctl_lsa_index_valid(torn, 0) && ndctl_lsa_index_valid(torn, 1));
	CHECK_EQ_U64(ndctl_lsa_current_index(torn), stale);
	CHECK_EQ_U64(ndctl_lsa_repair(torn, t), 0);
	after = lsa_state_text(torn);
	/* same labels; only the index bookkeeping moved */
	CHECK(strstr(after, strstr(before, "\"labels\"")) != NULL);
	check_consistent(torn, t);
	ndctl_lsa_free(torn);
	free(before);
	free(after);
	free(copy);
}

static void round_trip(uint64_t size, unsigned L, uint32_t want_nslot)
{
	struct ndctl_lsa_xport *t;
	struct ndctl_lsa *lsa;

	CHECK_EQ_U64(ndctl_lsa_mem_new(NULL, NULL, size, MAX_XFER, &t), 0);
	CHECK_EQ_U64(ndctl_lsa_init(t, L, &lsa), 0);
	CHECK_EQ_U64(ndctl_lsa_nslot(lsa), want_nslot);
	CHECK_EQ_U64(ndctl_lsa_nfree(lsa), want_nslot);
	CHECK_EQ_U64(ndctl_lsa_current_index(lsa), 0);
	CHECK_EQ_U64(ndctl_lsa_index_seq(lsa, 0), 3);
	CHECK_EQ_U64(ndctl_lsa_index_seq(lsa, 1), 2);
	check_consistent(lsa, t);
	exercise(lsa, t);
	check_repair(lsa, t);
	printf("size %8llu L %u: nslot %u isz %u ok\n", (unsigned long long)size, L,
		ndctl_lsa_nslot(lsa), ndctl_lsa_isz(lsa));
	ndctl_lsa_free(lsa);
	ndctl_lsa_xport_close(t);
}

/*
 * Init matches the area upstream init-labels wrote, except the bitmap tail past nslot (upstream
 * sets those bits) and the padding after the bitmap up to isz, which upstream does not write:
 * over an older area it keeps the old bytes (nvdimm0-v1.2-after-init was written over v1.1).
 */
static void compare_init(const char *name, unsigned L)
{
	char *path = vector_path(name);
	size_t len = 0, i;
	uint8_t *theirs = gunzip_file(path, &len);
	struct ndctl_lsa_xport *t;
	struct ndctl_lsa *lsa;
	const uint8_t *ours;
	uint32_t isz, nslot, tail_end, diffs = 0;

	CHECK(theirs != NULL);
	if (!theirs)
		return;
	CHECK_EQ_U64(ndctl_lsa_mem_new(NULL, NULL, len, MAX_XFER, &t), 0);
	CHECK_EQ_U64(ndctl_lsa_init(t, L, &lsa), 0);
	ours = ndctl_lsa_mem_data(t);
	isz = ndctl_lsa_isz(lsa);
	nslot = ndctl_lsa_nslot(lsa);
	tail_end = (nslot + 63) / 64 * 64;
	for (i = 0; i < 2 * (size_t)isz; i++) {
		size_t off = i % isz;
		bool tail = off >= 72 + nslot / 8 && off < 72 + tail_end / 8;

		if (off >= 64 && off < 72)
			continue;	/* checksums differ with the tail bits */
		if (off >= 72 + tail_end / 8)
			diffs += ours[i] != 0;	/* padding: ours is zero, theirs may be old */
		else
			diffs += tail ? (ours[i] | theirs[i]) != theirs[i] : ours[i] != theirs[i];
	}
	CHECK_EQ_U64(diffs, 0);
	ndctl_lsa_free(lsa);
	ndctl_lsa_xport_close(t);
	free(theirs);
	free(path);
}

static void check_derived_vector(void)
{
	struct ndctl_lsa_xport *t;
	const uint8_t *p;
	uint64_t sum0, sum1;

	/* v1.2, 128 KiB: docs/labels.md's check value as upstream initializes (free bits past
	 * nslot set; the kernel's own init clears them: 0xe793e3ed18323c1c, 0xe793e7b218323c1b) */
	CHECK_EQ_U64(ndctl_lsa_mem_new(NULL, NULL, 128 << 10, MAX_XFER, &t), 0);
	CHECK_EQ_U64(ndctl_lsa_init(t, 256, NULL), 0);
	p = ndctl_lsa_mem_data(t);
	memcpy(&sum0, p + 64, 8);
	memcpy(&sum1, p + 256 + 64, 8);
	CHECK_EQ_U64(le64toh(sum0), 0x2793e3edd8323c1cull);
	CHECK_EQ_U64(le64toh(sum1), 0x2793e7b2d8323c1bull);
	ndctl_lsa_xport_close(t);
	/* v1.1, 128 KiB: upstream 76.1's init-labels (tests/data/labels/nvdimm0-v1.1-after-init) */
	CHECK_EQ_U64(ndctl_lsa_mem_new(NULL, NULL, 128 << 10, MAX_XFER, &t), 0);
	CHECK_EQ_U64(ndctl_lsa_init(t, 128, NULL), 0);
	p = ndctl_lsa_mem_data(t);
	memcpy(&sum0, p + 64, 8);
	CHECK_EQ_U64(le64toh(sum0), 0xeb634621d7313e0aull);
	ndctl_lsa_xport_close(t);
}

static void check_full_and_errors(void)
{
	struct ndctl_lsa_xport *t;
	struct ndctl_lsa *lsa;
	struct ndctl_label l;
	uint32_t i, slot = 0;

	CHECK_EQ_U64(ndctl_lsa_mem_new(NULL, NULL, 128 << 10, 0, &t), 0);
	CHECK_EQ_U64(ndctl_lsa_init(t, 512, NULL), -EINVAL);
	CHECK_EQ_U64(ndctl_lsa_init(t, 256, &lsa), 0);
	for (i = 0; i < 510; i++) {
		make_label(&l, i, (uint64_t)i * 2 * MiB, 2 * MiB, 256);
		if (ndctl_lsa_add(lsa, t, &l, &slot) < 0)
			break;
	}
	CHECK_EQ_U64(i, 510);
	CHECK_EQ_U64(ndctl_lsa_nfree(lsa), 0);
	CHECK_EQ_U64(ndctl_lsa_add(lsa, t, &l, &slot), -ENOSPC);
	CHECK(strstr(ndctl_lsa_xport_errmsg(t), "no free label slot") != NULL);
	ndctl_lsa_free(lsa);
	ndctl_lsa_xport_close(t);
	CHECK_EQ_U64(ndctl_lsa_mem_new(NULL, NULL, 512, 0, &t), 0);
	CHECK_EQ_U64(ndctl_lsa_init(t, 128, NULL), -ENOSPC);
	ndctl_lsa_xport_close(t);
}

/* Overlapping DPA and duplicate positions are reported with their ids. */
static void check_findings(void)
{
	struct ndctl_lsa_xport *t;
	struct ndctl_lsa *lsa;
	struct ndctl_lsa_finding *f;
	struct ndctl_label a, b;
	unsigned n, i, overlap = 0, dup = 0;

	CHECK_EQ_U64(ndctl_lsa_mem_new(NULL, NULL, 128 << 10, 0, &t), 0);
	CHECK_EQ_U64(ndctl_lsa_init(t, 256, &lsa), 0);
	make_label(&a, 1, 0, 32 * MiB, 256);
	b = a;
	b.dpa = 16 * MiB;
	CHECK_EQ_U64(ndctl_lsa_add(lsa, t, &a, NULL), 0);
	CHECK_EQ_U64(ndctl_lsa_add(lsa, t, &b, NULL), 0);
	CHECK_EQ_U64(ndctl_lsa_validate(lsa, NULL, &f, &n), 2);
	for (i = 0; i < n; i++) {
		overlap += !strcmp(f[i].id, "dpa-overlap");
		dup += !strcmp(f[i].id, "position-duplicate");
	}
	CHECK_EQ_U64(overlap, 1);
	CHECK_EQ_U64(dup, 1);
	free(f);
	/* a long extent overlapping two later, disjoint ones: both are found */
	CHECK_EQ_U64(ndctl_lsa_delete(lsa, t, 1), 0);
	make_label(&b, 2, 80 * MiB, 8 * MiB, 256);
	CHECK_EQ_U64(ndctl_lsa_add(lsa, t, &b, NULL), 0);
	make_label(&b, 3, 8 * MiB, 8 * MiB, 256);
	CHECK_EQ_U64(ndctl_lsa_add(lsa, t, &b, NULL), 0);
	make_label(&a, 4, 4 * MiB, 100 * MiB, 256);
	CHECK_EQ_U64(ndctl_lsa_update(lsa, t, 0, &a, NULL), 0);
	CHECK_EQ_U64(ndctl_lsa_validate(lsa, NULL, &f, &n), 2);
	for (i = 0, overlap = 0; i < n; i++)
		overlap += !strcmp(f[i].id, "dpa-overlap");
	CHECK_EQ_U64(overlap, 2);
	free(f);
	ndctl_lsa_free(lsa);
	ndctl_lsa_xport_close(t);
}

/* Findings of validate_set with the given id (all errors when id is NULL). */
static unsigned count_set_findings(struct ndctl_lsa **lsa, const char *id)
{
	struct ndctl_lsa_finding *f;
	unsigned n, i, count = 0;
	int errors = ndctl_lsa_validate_set((const struct ndctl_lsa *const *)lsa, 2, &f, &n);

	for (i = 0; i < n; i++)
		count += id ? !strcmp(f[i].id, id) : 1;
	free(f);
	return id ? count : (unsigned)errors;
}

/* Two DIMMs, the kernel's UPDATING protocol: final labels with flags as given. */
static void check_set_update(void)
{
	struct ndctl_lsa_xport *t[2];
	struct ndctl_lsa *lsa[2];
	struct ndctl_label l[2], got;
	int i;

	for (i = 0; i < 2; i++) {
		CHECK_EQ_U64(ndctl_lsa_mem_new(NULL, NULL, 128 << 10, MAX_XFER, &t[i]), 0);
		CHECK_EQ_U64(ndctl_lsa_init(t[i], 256, &lsa[i]), 0);
		make_label(&l[i], 9, 0, 16 * MiB, 256);
		l[i].nlabel = 2;
		l[i].position = (uint16_t)i;
	}
	/* only DIMM 0 labelled: position 1 is missing */
	CHECK_EQ_U64(ndctl_lsa_add(lsa[0], t[0], &l[0], NULL), 0);
	CHECK_EQ_U64(count_set_findings(lsa, "position-missing"), 1);
	CHECK_EQ_U64(ndctl_lsa_delete(lsa[0], t[0], 0), 0);
	/* a huge nlabel gives one finding with the count, not one per position */
	l[0].nlabel = 65535;
	CHECK_EQ_U64(ndctl_lsa_add(lsa[0], t[0], &l[0], NULL), 0);
	CHECK_EQ_U64(count_set_findings(lsa, NULL), 1);
	CHECK_EQ_U64(ndctl_lsa_delete(lsa[0], t[0], 0), 0);
	l[0].nlabel = 2;
	CHECK_EQ_U64(ndctl_lsa_set_update(lsa, t, 2, NULL, l), 0);
	CHECK_EQ_U64(count_set_findings(lsa, NULL), 0);
	for (i = 0; i < 2; i++) {
		CHECK_EQ_U64(ndctl_lsa_label_count(lsa[i]), 1);
		CHECK_EQ_U64(ndctl_lsa_label_get(lsa[i], 0, &got), 0);
		CHECK_EQ_U64(got.flags, 0);
		CHECK_EQ_U64(got.position, i);
		CHECK_EQ_U64(got.slot, 1);	/* pass 1 took slot 0, the lowest free */
		check_consistent(lsa[i], t[i]);
		ndctl_lsa_free(lsa[i]);
		ndctl_lsa_xport_close(t[i]);
	}
}

/* Findings of validate_region over n DIMMs with the given id (all errors when id is NULL). */
static unsigned count_region_findings(struct ndctl_lsa **lsa, unsigned n,
		const struct ndctl_lsa_region_map *maps, const char *id)
{
	struct ndctl_lsa_finding *f;
	unsigned nf, i, count = 0;
	uint8_t guid[16];
	int errors;

	uuid_parse(NDCTL_LABEL_GUID_PMEM, guid);
	errors = ndctl_lsa_validate_region((const struct ndctl_lsa *const *)lsa, maps, n, guid, &f, &nf);
	CHECK(errors >= 0);
	for (i = 0; i < nf; i++)
		count += id ? !strcmp(f[i].id, id) : 0;
	free(f);
	return id ? count : (unsigned)errors;
}

/* Replace the area's only label (it moves to another slot at each update). */
static int replace_only(struct ndctl_lsa *lsa, struct ndctl_lsa_xport *t, const struct ndctl_label *l)
{
	struct ndctl_label cur;

	CHECK_EQ_U64(ndctl_lsa_label_get(lsa, 0, &cur), 0);
	return ndctl_lsa_update(lsa, t, cur.slot, l, NULL);
}

/*
 * scan_labels() across a 2-DIMM region (K3-K7 of docs/labels.md): what the
 * oracle saw the kernel refuse while check-labels passed each DIMM alone.
 */
static void check_region_scan(void)
{
	struct ndctl_lsa_region_map maps[2];
	struct ndctl_lsa_xport *t[2];
	struct ndctl_lsa *lsa[2];
	struct ndctl_label l[2];
	uint64_t cookie = ndctl_label_qemu_cookie(0, 0, 2);
	int i;

	for (i = 0; i < 2; i++) {
		CHECK_EQ_U64(ndctl_lsa_mem_new(NULL, NULL, 128 << 10, MAX_XFER, &t[i]), 0);
		CHECK_EQ_U64(ndctl_lsa_init(t[i], 256, &lsa[i]), 0);
		maps[i] = (struct ndctl_lsa_region_map){ .dpa = 0, .size = 64 * MiB,
			.cookies = { cookie }, .ncookies = 1 };
		make_label(&l[i], 5, 0, 16 * MiB, 256);
		l[i].nlabel = 2;
		l[i].position = (uint16_t)i;
		CHECK_EQ_U64(ndctl_lsa_add(lsa[i], t[i], &l[i], NULL), 0);
	}
	CHECK_EQ_U64(count_region_findings(lsa, 2, maps, NULL), 0);
	/* a one-DIMM region's label with nlabel 2: position 0 found, nlabel wrong */
	CHECK_EQ_U64(count_region_findings(lsa, 1, maps, "region-label-missing"), 1);
	/* DIMM 1's label with another cookie: position 1 is missing, the region fails */
	l[1].isetcookie = cookie + 1;
	CHECK_EQ_U64(replace_only(lsa[1], t[1], &l[1]), 0);
	CHECK_EQ_U64(count_region_findings(lsa, 2, maps, "region-label-missing"), 1);
	/* ... unless that cookie is the region's altcookie */
	maps[0].cookies[1] = cookie + 1;
	maps[0].ncookies = 2;
	CHECK_EQ_U64(count_region_findings(lsa, 2, maps, NULL), 0);
	maps[0].ncookies = 1;
	/* another type GUID on DIMM 1 (v1.2): missing too */
	l[1].isetcookie = cookie;
	uuid_parse(NDCTL_LABEL_GUID_BTT, l[1].type_guid);
	CHECK_EQ_U64(replace_only(lsa[1], t[1], &l[1]), 0);
	CHECK_EQ_U64(count_region_findings(lsa, 2, maps, "region-label-missing"), 1);
	/* DIMM 1's label ending past its mapping: select_pmem_id() fails the region */
	uuid_parse(NDCTL_LABEL_GUID_PMEM, l[1].type_guid);
	l[1].rawsize = 128 * MiB;
	CHECK_EQ_U64(replace_only(lsa[1], t[1], &l[1]), 0);
	CHECK_EQ_U64(count_region_findings(lsa, 2, maps, "region-extent"), 1);
	/* a uuid only on DIMM 1 starts nothing: ignored, no error */
	make_label(&l[1], 6, 32 * MiB, 16 * MiB, 256);
	l[1].nlabel = 2;
	l[1].position = 1;
	CHECK_EQ_U64(replace_only(lsa[1], t[1], &l[1]), 0);
	CHECK_EQ_U64(count_region_findings(lsa, 2, maps, "region-label-missing"), 1);
	CHECK_EQ_U64(ndctl_lsa_delete(lsa[0], t[0], 0), 0);
	CHECK_EQ_U64(count_region_findings(lsa, 2, maps, NULL), 0);
	CHECK_EQ_U64(count_region_findings(lsa, 2, maps, "region-unused"), 1);
	/* a second mapping-0 label of an assembled uuid, with another cookie: conflicting
	 * extents (add_namespace_resource() looks before the cookie is checked) */
	make_label(&l[0], 6, 32 * MiB, 16 * MiB, 256);
	l[0].nlabel = 2;
	CHECK_EQ_U64(ndctl_lsa_add(lsa[0], t[0], &l[0], NULL), 0);
	CHECK_EQ_U64(count_region_findings(lsa, 2, maps, NULL), 0);
	l[0].dpa = 48 * MiB;
	l[0].isetcookie = cookie + 1;
	CHECK_EQ_U64(ndctl_lsa_add(lsa[0], t[0], &l[0], NULL), 0);
	CHECK_EQ_U64(count_region_findings(lsa, 2, maps, "region-uuid-conflict"), 1);
	/* with the same cookie, has_uuid_at_pos() finds two on DIMM 0 and gives up */
	l[0].isetcookie = cookie;
	for (i = 0; i < (int)ndctl_lsa_label_count(lsa[0]); i++) {
		struct ndctl_label cur;

		CHECK_EQ_U64(ndctl_lsa_label_get(lsa[0], (unsigned)i, &cur), 0);
		if (cur.dpa == 48 * MiB)
			CHECK_EQ_U64(ndctl_lsa_update(lsa[0], t[0], cur.slot, &l[0], NULL), 0);
	}
	CHECK_EQ_U64(count_region_findings(lsa, 2, maps, "region-label-missing"), 1);
	for (i = 0; i < 2; i++) {
		ndctl_lsa_free(lsa[i]);
		ndctl_lsa_xport_close(t[i]);
	}
}

int main(void)
{
	static const struct { uint64_t size; unsigned L; uint32_t nslot; } cases[] = {
		{ 128 << 10, 128, 1020 }, { 128 << 10, 256, 510 },
		{ 256 << 10, 128, 2040 }, { 256 << 10, 256, 1022 }, { 1 * MiB, 256, 4090 },
		{ 2 * MiB, 128, 16348 }, { 2 * MiB, 256, 8182 },
		{ 333333, 128, 2596 }, { 333333, 256, 1300 },
	};
	unsigned i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		round_trip(cases[i].size, cases[i].L, cases[i].nslot);
	compare_init("nvdimm0-v1.1-after-init.lsa.gz", 128);
	compare_init("nvdimm0-v1.2-after-init.lsa.gz", 256);
	compare_init("nvdimm1-v1.1-after-init.lsa.gz", 128);
	check_derived_vector();
	check_full_and_errors();
	check_findings();
	check_set_update();
	check_region_scan();
	return test_done("lsa-txn");
}
