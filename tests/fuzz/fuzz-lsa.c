// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz target: decode + validate + JSON of arbitrary bytes of arbitrary size,
 * then the same after fixing up the index checksums (so mutations get past
 * them), and a transaction on whatever decodes as valid.
 */
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include <ndctl/libndctl.h>
#include "label/codec.h"
#include "fuzz-lsa.h"

static void exercise_decoded(const struct ndctl_lsa *lsa)
{
	struct ndctl_lsa_expect expect = { .cookies = { 0x2468ac00123456ull }, .ncookies = 1 };
	struct ndctl_lsa_finding *f;
	struct json_object *j;
	struct ndctl_label l;
	unsigned n, i;

	if (ndctl_lsa_validate(lsa, &expect, &f, &n) >= 0)
		free(f);
	if (ndctl_lsa_validate_set(&lsa, 1, &f, &n) >= 0)
		free(f);
	j = ndctl_lsa_to_json(lsa);
	json_object_to_json_string(j);
	json_object_put(j);
	for (i = 0; i < ndctl_lsa_nslot(lsa) && i < 64; i++)
		ndctl_lsa_slot_decode(lsa, i, &l);
	ndctl_lsa_index_seq(lsa, 0);
	ndctl_lsa_index_seq(lsa, 1);
	ndctl_lsa_nfree(lsa);
}

/* Make any index-looking block checksum-valid, for both label sizes. */
static void fix_checksums(uint8_t *buf, size_t size)
{
	static const unsigned sizes[] = { 128, 256 };
	unsigned s;
	int i;

	for (s = 0; s < 2; s++) {
		uint32_t isz = lsa_isz_of_area(size, sizes[s]);

		for (i = 0; isz && i < 2; i++) {
			uint8_t *idx = buf + (size_t)i * isz;

			if (memcmp(idx, lsa_index_sig, IDX_SIG_LEN))
				continue;
			put64(idx + IDX_CHECKSUM, 0);
			put64(idx + IDX_CHECKSUM, ndctl_label_fletcher64(idx, isz, true));
		}
	}
}

/* A transaction on a valid area: load through a transport, add, delete, repair. */
static void exercise_txn(const uint8_t *buf, size_t size)
{
	struct ndctl_lsa_xport *t;
	struct ndctl_lsa *lsa;
	struct ndctl_label l = { .nlabel = 1, .rawsize = 4096, .isetcookie = 1 };
	uint32_t slot;

	if (ndctl_lsa_mem_new(NULL, buf, size, 4076, &t) < 0)
		return;
	if (ndctl_lsa_load(t, 0, &lsa) == 0) {
		if (ndctl_lsa_add(lsa, t, &l, &slot) == 0)
			ndctl_lsa_delete(lsa, t, slot);
		ndctl_lsa_free(lsa);
	}
	if (ndctl_lsa_load(t, NDCTL_LSA_LOAD_FULL, &lsa) == 0) {
		ndctl_lsa_repair(lsa, t);
		exercise_decoded(lsa);
		ndctl_lsa_free(lsa);
	}
	ndctl_lsa_xport_close(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ndctl_lsa *lsa;
	uint8_t *copy;

	if (ndctl_lsa_decode(data, size, &lsa) == 0) {
		exercise_decoded(lsa);
		ndctl_lsa_free(lsa);
	}
	copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	fix_checksums(copy, size);
	if (ndctl_lsa_decode(copy, size, &lsa) == 0) {
		exercise_decoded(lsa);
		if (ndctl_lsa_valid(lsa) && size <= (1u << 20))
			exercise_txn(copy, size);
		ndctl_lsa_free(lsa);
	}
	free(copy);
	return 0;
}
