// SPDX-License-Identifier: GPL-2.0-only
/*
 * Label-area benchmark (not a test): for a 2 MiB area with a few labels,
 * bytes and transfers of a dump (index blocks + in-use slots) against a full
 * read, through a memory transport chunked like QEMU's DSM (max_xfer 4076);
 * then the time to decode + validate a 2 MiB area in memory.
 * Usage: lsa-bench [ITERATIONS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <uuid/uuid.h>
#include <ndctl/libndctl.h>
#include "ndctl/lsa-test.h"

#define AREA (2u << 20)
#define QEMU_MAX_XFER 4076
#define NLABELS 5

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int populate(struct ndctl_lsa_xport *t, unsigned L, unsigned nlabels)
{
	struct ndctl_lsa *lsa;
	struct ndctl_label l;
	unsigned i;
	int rc = ndctl_lsa_init(t, L, &lsa);

	for (i = 0; rc == 0 && i < nlabels; i++) {
		memset(&l, 0, sizeof(l));
		uuid_generate(l.uuid);
		snprintf(l.name, sizeof(l.name), "bench-%u", i);
		l.nlabel = 1;
		l.isetcookie = ndctl_label_qemu_cookie(0, 0, L < 256 ? 1 : 2);
		l.lbasize = 512;
		l.dpa = (uint64_t)i << 28;	/* disjoint: validation stays clean */
		l.rawsize = 1ull << 28;
		uuid_parse(NDCTL_LABEL_GUID_PMEM, l.type_guid);
		rc = ndctl_lsa_add(lsa, t, &l, NULL);
	}
	ndctl_lsa_free(lsa);
	return rc;
}

static void report_read(struct ndctl_lsa_xport *t, unsigned flags, const char *what)
{
	struct ndctl_lsa_counters c;
	struct ndctl_lsa *lsa;

	ndctl_lsa_xport_reset_counters(t);
	if (ndctl_lsa_load(t, flags, &lsa) < 0) {
		fprintf(stderr, "load failed: %s\n", ndctl_lsa_xport_errmsg(t));
		exit(1);
	}
	ndctl_lsa_xport_counters(t, &c);
	printf("  %-26s %8llu bytes read, %4llu transfers (%u labels)\n", what,
		(unsigned long long)c.bytes_read, (unsigned long long)c.transfers,
		ndctl_lsa_label_count(lsa));
	ndctl_lsa_free(lsa);
}

static void time_decode(const uint8_t *area, unsigned iterations)
{
	double best = 1e9, total = 0;
	unsigned i, n, errors = 0;

	for (i = 0; i < iterations; i++) {
		struct ndctl_lsa_finding *f;
		struct ndctl_lsa *lsa;
		double t0 = now_ms(), dt;

		if (ndctl_lsa_decode(area, AREA, &lsa) < 0)
			exit(1);
		errors += (unsigned)ndctl_lsa_validate(lsa, NULL, &f, &n);
		free(f);
		ndctl_lsa_free(lsa);
		dt = now_ms() - t0;
		total += dt;
		best = dt < best ? dt : best;
	}
	printf("  decode+validate in memory: mean %.3f ms, best %.3f ms over %u runs (target < 5 ms)%s\n",
		total / iterations, best, iterations, errors ? ", VALIDATION ERRORS" : "");
}

int main(int argc, char **argv)
{
	unsigned iterations = argc > 1 ? (unsigned)atoi(argv[1]) : 200, L;

	for (L = 128; L <= 256; L += 128) {
		struct ndctl_lsa_xport *t;

		if (ndctl_lsa_mem_new(NULL, NULL, AREA, QEMU_MAX_XFER, &t) < 0 || populate(t, L, NLABELS) < 0)
			return 1;
		printf("2 MiB area, v1.%u (%u-byte labels), %u labels, max_xfer %u:\n",
			L / 128, L, NLABELS, QEMU_MAX_XFER);
		report_read(t, 0, "dump (index + in-use):");
		report_read(t, NDCTL_LSA_LOAD_FULL, "whole area:");
		time_decode(ndctl_lsa_mem_data(t), iterations ? iterations : 1);
		ndctl_lsa_xport_close(t);
	}
	/* worst case: every slot of a 2 MiB v1.2 area holds a label */
	{
		struct ndctl_lsa_xport *t;

		if (ndctl_lsa_mem_new(NULL, NULL, AREA, QEMU_MAX_XFER, &t) < 0 || populate(t, 256, 8182) < 0)
			return 1;
		printf("2 MiB area, v1.2, all 8182 slots in use:\n");
		time_decode(ndctl_lsa_mem_data(t), iterations / 20 + 1);
		ndctl_lsa_xport_close(t);
	}
	return 0;
}
