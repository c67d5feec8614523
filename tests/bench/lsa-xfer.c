// SPDX-License-Identifier: GPL-2.0-only
/*
 * DSM transfer counter for the guest benchmark: loads each DIMM's label area
 * the way `ndctl read-labels -j` / `check-labels` do (ndctl_lsa_load, flags 0:
 * index blocks + in-use slots), and prints ndkit's transport counters beside
 * the minimum the format allows: both index blocks plus every in-use slot,
 * each contiguous run read in max_xfer chunks.
 * Usage: lsa-xfer /dev/nmemN|FILE...   A FILE (raw area or QEMU backend file) goes
 * through the file transport, its label area found at its end. One line each:
 *   XFER dev labelsize nslot in_use transfers bytes min_transfers min_bytes full_transfers area_bytes
 */
#include <stdio.h>
#include <stdint.h>
#include <sys/stat.h>
#include <ndctl/libndctl.h>

static uint64_t chunks(uint64_t bytes, uint32_t max_xfer)
{
	return max_xfer ? (bytes + max_xfer - 1) / max_xfer : (bytes != 0);
}

/* Transfers needed for the in-use slots: one chunked read per contiguous run. */
static uint64_t slot_run_transfers(const struct ndctl_lsa *lsa, uint32_t max_xfer)
{
	uint32_t slot, nslot = ndctl_lsa_nslot(lsa), run = 0;
	uint64_t n = 0;

	for (slot = 0; slot <= nslot; slot++) {
		if (slot < nslot && ndctl_lsa_slot_in_use(lsa, slot)) {
			run++;
			continue;
		}
		n += chunks((uint64_t)run * ndctl_lsa_labelsize(lsa), max_xfer);
		run = 0;
	}
	return n;
}

static int report(const char *dev)
{
	struct ndctl_lsa_counters c;
	struct ndctl_lsa_xport *t;
	struct ndctl_lsa *lsa;
	uint64_t index_bytes, min_bytes, size;
	uint32_t max_xfer;
	unsigned in_use;

	struct stat st;
	int rc = stat(dev, &st) == 0 && S_ISREG(st.st_mode) ?
		ndctl_lsa_file_open(NULL, dev, 0, 0, &t) : ndctl_lsa_dsm_open(NULL, dev, 0, &t);

	if (rc < 0) {
		fprintf(stderr, "lsa-xfer: cannot open %s\n", dev);
		return 1;
	}
	ndctl_lsa_xport_reset_counters(t);
	if (ndctl_lsa_load(t, 0, &lsa) < 0 || !ndctl_lsa_valid(lsa)) {
		fprintf(stderr, "lsa-xfer: %s: no valid label index: %s\n", dev,
			ndctl_lsa_xport_errmsg(t));
		ndctl_lsa_xport_close(t);
		return 1;
	}
	ndctl_lsa_xport_counters(t, &c);
	max_xfer = ndctl_lsa_xport_max_xfer(t);
	size = ndctl_lsa_xport_size(t);
	in_use = ndctl_lsa_label_count(lsa);
	index_bytes = 2ull * ndctl_lsa_isz(lsa);
	min_bytes = index_bytes + (uint64_t)in_use * ndctl_lsa_labelsize(lsa);
	printf("XFER %s %u %u %u %llu %llu %llu %llu %llu %llu\n", dev,
		ndctl_lsa_labelsize(lsa), ndctl_lsa_nslot(lsa), in_use,
		(unsigned long long)c.transfers, (unsigned long long)c.bytes_read,
		(unsigned long long)(chunks(index_bytes, max_xfer) + slot_run_transfers(lsa, max_xfer)),
		(unsigned long long)min_bytes,
		(unsigned long long)chunks(size, max_xfer), (unsigned long long)size);
	ndctl_lsa_free(lsa);
	ndctl_lsa_xport_close(t);
	return 0;
}

int main(int argc, char **argv)
{
	int i, rc = 0;

	for (i = 1; i < argc; i++)
		rc |= report(argv[i]);
	return rc;
}
