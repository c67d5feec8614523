// SPDX-License-Identifier: GPL-2.0-only
/*
 * Crash consistency: for every transaction kind, fail or tear the N-th write
 * for every N (and several tear lengths); the area must then decode to the
 * old or the new set of labels, never anything else, and must recover
 * (repair, redo) to the new one.
 *
 * Power cuts: the same, but the medium then keeps only what was synced plus
 * any subset of the writes issued since the last sync (the order of
 * unsynced writes is not kept by a disk cache): every subset must still
 * give the old or the new labels.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "../test.h"
#include "lsa-test-util.h"

#define MiB (1ull << 20)

enum kind { K_ADD, K_UPDATE, K_DELETE, K_MULTI, K_REPAIR, K_NR };
static const char *const kind_name[] = { "add", "update", "delete", "multi", "repair" };
static unsigned crash_points, power_cuts;

static int run_txn(enum kind k, struct ndctl_lsa *lsa, struct ndctl_lsa_xport *t)
{
	unsigned L = ndctl_lsa_labelsize(lsa);
	struct ndctl_label a, b;
	struct ndctl_lsa_change c[3];

	make_label(&a, 40, 256 * MiB, 16 * MiB, L);
	make_label(&b, 41, 300 * MiB, 8 * MiB, L);
	switch (k) {
	case K_ADD:
		return ndctl_lsa_add(lsa, t, &a, NULL);
	case K_UPDATE:
		return ndctl_lsa_update(lsa, t, 1, &a, NULL);
	case K_DELETE:
		return ndctl_lsa_delete(lsa, t, 0);
	case K_MULTI:
		c[0] = (struct ndctl_lsa_change){ .op = NDCTL_LSA_ADD, .label = &a };
		c[1] = (struct ndctl_lsa_change){ .op = NDCTL_LSA_UPDATE, .slot = 3, .label = &b };
		c[2] = (struct ndctl_lsa_change){ .op = NDCTL_LSA_DELETE, .slot = 1 };
		return ndctl_lsa_apply(lsa, t, c, 3);
	case K_REPAIR:
		return ndctl_lsa_repair(lsa, t);
	default:
		return -EINVAL;
	}
}

/* init, four labels, slot 2 deleted; for repair, the non-current index torn */
static uint8_t *make_base(uint64_t size, unsigned L, bool torn)
{
	struct ndctl_lsa_xport *t;
	struct ndctl_lsa *lsa;
	struct ndctl_label l;
	uint8_t *img = malloc(size);
	unsigned i;

	CHECK_EQ_U64(ndctl_lsa_mem_new(NULL, NULL, size, 0, &t), 0);
	CHECK_EQ_U64(ndctl_lsa_init(t, L, &lsa), 0);
	for (i = 0; i < 4; i++) {
		make_label(&l, i, (uint64_t)i * 32 * MiB, 32 * MiB, L);
		CHECK_EQ_U64(ndctl_lsa_add(lsa, t, &l, NULL), 0);
	}
	CHECK_EQ_U64(ndctl_lsa_delete(lsa, t, 2), 0);
	memcpy(img, ndctl_lsa_mem_data(t), size);
	if (torn)
		img[(size_t)(1 - ndctl_lsa_current_index(lsa)) * ndctl_lsa_isz(lsa) + 80] ^= 1;
	ndctl_lsa_free(lsa);
	ndctl_lsa_xport_close(t);
	return img;
}

/*
 * What a crash must preserve: the labels (for repair, which changes no label,
 * the whole state, valid indexes included).
 */
static enum kind cur_kind;
static char *labels_of(struct ndctl_lsa_xport *t)
{
	char *s = mem_state_text(t), *labels, *out;

	if (!s || cur_kind == K_REPAIR)
		return s;
	labels = strstr(s, "\"labels\"");
	out = strdup(labels ? labels : "invalid");
	free(s);
	return out;
}

/* Run kind k on a fresh copy of base; arm the fault first when nth > 0. */
static int attempt(const uint8_t *base, uint64_t size, uint32_t xfer, enum kind k,
		unsigned nth, long tear, struct ndctl_lsa_xport **out)
{
	struct ndctl_lsa *lsa;
	int rc;

	CHECK_EQ_U64(ndctl_lsa_fault_new(NULL, base, size, xfer, out), 0);
	CHECK_EQ_U64(ndctl_lsa_load(*out, 0, &lsa), 0);
	ndctl_lsa_xport_reset_counters(*out);
	ndctl_lsa_fault_arm(*out, nth, tear);
	rc = run_txn(k, lsa, *out);
	ndctl_lsa_free(lsa);
	return rc;
}

/* After a crash: repair, redo if the change was lost, and land on the new labels. */
static void recover(struct ndctl_lsa_xport *t, enum kind k, const char *old, const char *new)
{
	struct ndctl_lsa *lsa;
	char *now;

	ndctl_lsa_fault_arm(t, 0, 0);
	CHECK_EQ_U64(ndctl_lsa_load(t, 0, &lsa), 0);
	CHECK(ndctl_lsa_repair(lsa, t) >= 0);
	now = labels_of(t);
	if (k != K_REPAIR && now && !strcmp(now, old))
		CHECK_EQ_U64(run_txn(k, lsa, t), 0);
	free(now);
	now = labels_of(t);
	CHECK_EQ_STR(now, new);
	CHECK_EQ_U64(count_findings(lsa, NDCTL_LSA_WARN), 0);
	free(now);
	ndctl_lsa_free(lsa);
}

/*
 * The labels before and after kind k runs undisturbed on base; returns its
 * number of writes. A finished transaction must also be durable (synced).
 */
static unsigned old_and_new(const uint8_t *base, uint64_t size, uint32_t xfer, enum kind k,
		char **old, char **new)
{
	struct ndctl_lsa_xport *t;
	struct ndctl_lsa_counters c;

	cur_kind = k;
	CHECK_EQ_U64(ndctl_lsa_mem_new(NULL, base, size, 0, &t), 0);
	*old = labels_of(t);
	ndctl_lsa_xport_close(t);
	CHECK_EQ_U64(attempt(base, size, xfer, k, 0, 0, &t), k == K_REPAIR ? 1 : 0);
	ndctl_lsa_xport_counters(t, &c);
	*new = labels_of(t);
	CHECK_EQ_U64(ndctl_lsa_fault_unsynced(t), 0);
	ndctl_lsa_xport_close(t);
	CHECK(c.transfers >= 1);
	return (unsigned)c.transfers;
}

static void crash_kind(const uint8_t *base, uint64_t size, uint32_t xfer, enum kind k)
{
	static const long tears[] = { -1, 1, 8, 64, 72, 100, 127, 200, 255, 1000, 4000 };
	struct ndctl_lsa_xport *t;
	char *old, *new, *now;
	unsigned nth, i, before = crash_points;
	unsigned writes = old_and_new(base, size, xfer, k, &old, &new);

	for (nth = 1; nth <= writes; nth++) {
		for (i = 0; i < sizeof(tears) / sizeof(tears[0]); i++) {
			if (tears[i] > 0 && (uint64_t)tears[i] > xfer)
				continue;
			CHECK(attempt(base, size, xfer, k, nth, tears[i], &t) < 0);
			CHECK(ndctl_lsa_fault_tripped(t));
			now = labels_of(t);
			CHECK(now && (!strcmp(now, old) || !strcmp(now, new)));
			if (now && strcmp(now, old) && strcmp(now, new))
				fprintf(stderr, "%s: write %u tear %ld gave a third state\n", kind_name[k], nth, tears[i]);
			free(now);
			recover(t, k, old, new);
			ndctl_lsa_xport_close(t);
			crash_points++;
		}
	}
	CHECK(strcmp(old, new) != 0);
	printf("  %-7s %u writes, %u crash points\n", kind_name[k], writes, crash_points - before);
	free(old);
	free(new);
}

/* The subsets of n unsynced writes to try: all of them for small n, else the extremes. */
static unsigned subset_count(unsigned n)
{
	return n <= 10 ? 1u << n : 2 + 2 * n;
}

static uint64_t subset(unsigned n, unsigned i)
{
	uint64_t all = n >= 64 ? ~0ull : (1ull << n) - 1;

	if (n <= 10)
		return i;
	if (i < 2)
		return i ? all : 0;
	i -= 2;
	return i < n ? 1ull << i : all & ~(1ull << (i - n));
}

/* Power lost at the nth write (torn as given): each subset of the unsynced writes survives. */
static void power_point(const uint8_t *base, uint64_t size, uint32_t xfer, enum kind k,
		unsigned nth, long tear, const char *old, const char *new)
{
	struct ndctl_lsa_xport *t;
	unsigned n, i, count = 1;
	char *now;

	for (i = 0; i < count; i++) {
		CHECK(attempt(base, size, xfer, k, nth, tear, &t) < 0);
		n = ndctl_lsa_fault_unsynced(t);
		count = subset_count(n);
		ndctl_lsa_fault_power_cut(t, subset(n, i));
		now = labels_of(t);
		CHECK(now && (!strcmp(now, old) || !strcmp(now, new)));
		if (now && strcmp(now, old) && strcmp(now, new))
			fprintf(stderr, "%s: power cut at write %u (tear %ld) keeping %#llx of %u unsynced writes gave a third state\n",
				kind_name[k], nth, tear, (unsigned long long)subset(n, i), n);
		free(now);
		recover(t, k, old, new);
		ndctl_lsa_xport_close(t);
		power_cuts++;
	}
}

static void power_kind(const uint8_t *base, uint64_t size, uint32_t xfer, enum kind k)
{
	/* nothing of the nth write, its first 100 bytes, all of it (then power is lost) */
	static const long tears[] = { -1, 100, LONG_MAX };
	char *old, *new;
	unsigned nth, i, before = power_cuts;
	unsigned writes = old_and_new(base, size, xfer, k, &old, &new);

	for (nth = 1; nth <= writes; nth++)
		for (i = 0; i < sizeof(tears) / sizeof(tears[0]); i++)
			power_point(base, size, xfer, k, nth, tears[i], old, new);
	printf("  %-7s %u power cuts\n", kind_name[k], power_cuts - before);
	free(old);
	free(new);
}

int main(void)
{
	static const struct { uint64_t size; unsigned L; uint32_t xfer; } cfg[] = {
		{ 128 << 10, 128, 4076 }, { 128 << 10, 256, 4076 },
		{ 2 * MiB, 128, 512 }, { 2 * MiB, 256, 4076 },
	};
	unsigned i;
	int k;

	for (i = 0; i < sizeof(cfg) / sizeof(cfg[0]); i++) {
		printf("area %llu bytes, %u-byte labels, max_xfer %u\n",
			(unsigned long long)cfg[i].size, cfg[i].L, cfg[i].xfer);
		for (k = 0; k < K_NR; k++) {
			uint8_t *base = make_base(cfg[i].size, cfg[i].L, k == K_REPAIR);

			crash_kind(base, cfg[i].size, cfg[i].xfer, (enum kind)k);
			power_kind(base, cfg[i].size, cfg[i].xfer, (enum kind)k);
			free(base);
		}
	}
	printf("%u crash points, %u power cuts tested\n", crash_points, power_cuts);
	CHECK(crash_points > 100);
	CHECK(power_cuts > 100);
	return test_done("lsa-crash");
}
