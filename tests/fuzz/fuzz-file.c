// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz target: the file transport's label-area detection on a QEMU backend
 * file (ndctl read-labels FILE, ndctl-qemu inspect). The first two bytes of
 * the input give a sparse pad in 128 KiB units (so that the candidate tails
 * from 128 KiB up are tried on large files); the rest of the input is the
 * file's tail. Whatever area is found is loaded and checked.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#include <ndctl/libndctl.h>
#include "fuzz-lsa.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static char path[64];
	struct ndctl_lsa_xport *t = NULL;
	struct ndctl_lsa *lsa;
	struct ndctl_lsa_finding *f;
	unsigned nf;
	off_t pad;

	if (fd < 0) {
		fd = memfd_create("fuzz-file", 0);
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	if (fd < 0 || size < 2)
		return 0;
	pad = (off_t)((data[0] | data[1] << 8) % 512) << 17;	/* up to 64 MiB */
	if (ftruncate(fd, 0) < 0 || ftruncate(fd, pad) < 0 ||
	    pwrite(fd, data + 2, size - 2, pad) != (ssize_t)(size - 2))
		return 0;
	if (ndctl_lsa_file_open(NULL, path, 0, NDCTL_LSA_NOWAIT, &t) == 0 &&
	    ndctl_lsa_load(t, 0, &lsa) == 0) {
		if (ndctl_lsa_validate(lsa, NULL, &f, &nf) >= 0)
			free(f);
		ndctl_lsa_file_offset(t);
		ndctl_lsa_free(lsa);
	}
	ndctl_lsa_xport_close(t);
	return 0;
}
