/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDKIT_NDCTL_LSA_TEST_H
#define NDKIT_NDCTL_LSA_TEST_H
/*
 * Test-only hooks of the memory transport. Not installed and not exported:
 * the unit tests, fuzzers and benchmarks link the static library objects.
 */
#include <ndctl/lsa.h>

/* The bytes behind a memory (or fault) transport. */
const uint8_t *ndctl_lsa_mem_data(const struct ndctl_lsa_xport *t);

/*
 * Fault injection for crash tests: a memory transport (made like
 * ndctl_lsa_mem_new, ctx may be NULL) whose nth write call
 * (1-based, counting from now) fails (-EIO, nothing written) when tear_bytes
 * is negative, or writes only its first tear_bytes bytes then fails. Every
 * later write also fails, as if power was lost. n == 0 disarms.
 */
int ndctl_lsa_fault_new(struct ndctl_ctx *ctx, const void *init, size_t size, uint32_t max_xfer,
		struct ndctl_lsa_xport **out);
void ndctl_lsa_fault_arm(struct ndctl_lsa_xport *t, unsigned nth_write, long tear_bytes);
/* A transient error: only the nth write fails (-EIO, nothing written); later ones succeed. */
void ndctl_lsa_fault_arm_once(struct ndctl_lsa_xport *t, unsigned nth_write);
bool ndctl_lsa_fault_tripped(const struct ndctl_lsa_xport *t);
/*
 * Power loss: the fault transport logs every write (torn ones as far as they
 * got) since the last ndctl_lsa_xport_sync(). A power cut reverts the medium
 * to the last synced state plus the logged writes whose bit is set in keep
 * (bit i: the i-th logged write, bit 63 also every later one), in order, and
 * disarms the fault. ndctl_lsa_fault_unsynced() gives the number logged.
 */
unsigned ndctl_lsa_fault_unsynced(const struct ndctl_lsa_xport *t);
void ndctl_lsa_fault_power_cut(struct ndctl_lsa_xport *t, uint64_t keep);

#endif
