// SPDX-License-Identifier: LGPL-2.1-or-later
#include "private.h"
#include "codec.h"

/*
 * Index block header (72 bytes, then the free bitmap, 1 = free):
 *
 *   0 sig[16] | 16 flags[3] | 19 labelsize | 20 seq | 24 myoff | 32 mysize
 *  40 otheroff | 48 labeloff | 56 nslot | 60 major | 62 minor | 64 checksum
 *  72 free[ceil(nslot/8)] ... padded to isz
 */
const char lsa_index_sig[IDX_SIG_LEN] = "NAMESPACE_INDEX";

/*
 * Only the signature, at every 256-byte boundary: a caller asking "is this a
 * label area?" before overwriting bytes wants a torn or half-written area
 * (bad checksum, one index only) recognised too, which lsa_index_check refuses.
 */
NDCTL_EXPORT bool ndctl_lsa_has_index_signature(const void *buf, size_t len)
{
	const uint8_t *p = buf;

	for (size_t off = 0; off + IDX_SIG_LEN <= len; off += IDX_ALIGN)
		if (memcmp(p + off, lsa_index_sig, IDX_SIG_LEN) == 0)
			return true;
	return false;
}

uint32_t lsa_isz_for(uint64_t nslot)
{
	uint64_t raw = IDX_FREE + (nslot + 7) / 8;

	return (uint32_t)((raw + IDX_ALIGN - 1) / IDX_ALIGN * IDX_ALIGN);
}

/* nvdimm_num_label_slots(): the index size is estimated from cfg/L first. */
uint32_t lsa_nslot_for(uint64_t cfg, unsigned L)
{
	uint64_t span = 2 * (uint64_t)lsa_isz_for(cfg / L);

	if (span > cfg)
		return 0;
	return (uint32_t)((cfg - span) / L);
}

/* sizeof_namespace_index(): 0 when two indexes and two slots do not fit. */
uint32_t lsa_isz_of_area(uint64_t cfg, unsigned L)
{
	uint64_t nslot = lsa_nslot_for(cfg, L);
	uint32_t isz = lsa_isz_for(nslot);

	if (nslot < 2 || 2 * (uint64_t)isz > cfg - nslot * L)
		return 0;
	return isz;
}

unsigned lsa_seq_inc(unsigned seq)
{
	static const unsigned next[] = { 0, 2, 3, 1 };

	return next[seq & 3];
}

unsigned lsa_best_seq(unsigned a, unsigned b)
{
	a &= 3;
	b &= 3;
	if (a == 0 || a == b)
		return b;
	if (b == 0)
		return a;
	return lsa_seq_inc(a) == b ? b : a;
}

static unsigned index_labelsize(const uint8_t *idx)
{
	unsigned version = get16(idx + IDX_MAJOR) * 100u + get16(idx + IDX_MINOR);

	if (version < 102)
		return 128;
	return idx[IDX_LABELSIZE] < 8 ? 128u << idx[IDX_LABELSIZE] : 0;
}

static bool index_checksum_ok(const uint8_t *idx, uint32_t isz)
{
	uint64_t saved = get64(idx + IDX_CHECKSUM);
	uint64_t sum = ndctl_label_fletcher64(idx, IDX_CHECKSUM, true);
	uint8_t zero[8] = { 0 };
	uint32_t lo = (uint32_t)sum;
	uint64_t hi = sum >> 32;
	uint32_t i;

	/* continue the sum over a zeroed checksum field and the rest, no copy */
	for (i = IDX_CHECKSUM; i + 4 <= isz; i += 4) {
		const uint8_t *w = i < IDX_FREE ? zero : idx + i;

		lo += get32(w);
		hi += lo;
	}
	return (hi << 32 | lo) == saved;
}

/* __nd_label_validate() for one index, in the kernel's order of checks. */
const char *lsa_index_check(const uint8_t *buf, uint64_t cfg, unsigned L, int i, const char **id)
{
	uint32_t isz = lsa_isz_of_area(cfg, L);
	const uint8_t *idx = buf + (uint64_t)i * isz;
	uint64_t mysize;

#define FAIL(ident, why) do { *id = ident; return why; } while (0)
	if (!isz)
		FAIL("area-too-small", "the area is too small for two index blocks and two labels");
	if (memcmp(idx + IDX_SIG, lsa_index_sig, IDX_SIG_LEN) != 0)
		FAIL("index-signature", "no NAMESPACE_INDEX signature");
	if (index_labelsize(idx) != L)
		FAIL("index-labelsize", "label size field does not match this layout");
	if (!index_checksum_ok(idx, isz))
		FAIL("index-checksum", "checksum mismatch (torn or corrupted write)");
	if ((get32(idx + IDX_SEQ) & 3) == 0)
		FAIL("index-seq", "sequence number is 0");
	if (get64(idx + IDX_MYOFF) != (uint64_t)i * isz ||
	    get64(idx + IDX_OTHEROFF) != (uint64_t)(1 - i) * isz ||
	    get64(idx + IDX_LABELOFF) != 2 * (uint64_t)isz)
		FAIL("index-offsets", "myoff/otheroff/labeloff do not match the index size");
	mysize = get64(idx + IDX_MYSIZE);
	if (mysize > isz || mysize < IDX_FREE)
		FAIL("index-size", "mysize out of range");
	if ((uint64_t)get32(idx + IDX_NSLOT) * L + 2 * (uint64_t)isz > cfg)
		FAIL("index-nslot", "nslot does not fit in the area");
#undef FAIL
	*id = NULL;
	return NULL;
}

/* nd_label_write_index(): everything but free[]; then the checksum. */
void lsa_index_finish(uint8_t *idx, uint32_t isz, unsigned L, int i, uint32_t seq, uint32_t nslot)
{
	memcpy(idx + IDX_SIG, lsa_index_sig, IDX_SIG_LEN);
	memset(idx + IDX_FLAGS, 0, 3);
	idx[IDX_LABELSIZE] = (uint8_t)(L >> 8);
	put32(idx + IDX_SEQ, seq);
	put64(idx + IDX_MYOFF, (uint64_t)i * isz);
	put64(idx + IDX_MYSIZE, isz);
	put64(idx + IDX_OTHEROFF, (uint64_t)(1 - i) * isz);
	put64(idx + IDX_LABELOFF, 2 * (uint64_t)isz);
	put32(idx + IDX_NSLOT, nslot);
	put16(idx + IDX_MAJOR, 1);
	put16(idx + IDX_MINOR, L < 256 ? 1 : 2);
	put64(idx + IDX_CHECKSUM, 0);
	put64(idx + IDX_CHECKSUM, ndctl_label_fletcher64(idx, isz, true));
}

/*
 * Every slot free, in whole 64-bit words, as upstream's init-labels writes it:
 * the kernel's nd_label_write_index() clears the bits past nslot, upstream
 * leaves them set (nslot 1020 of a 128 KiB area: the last byte is 0xff, not
 * 0x0f). Neither reads those bits; the bytes left are upstream's.
 */
void lsa_index_init_free(uint8_t *idx, uint32_t nslot)
{
	memset(idx + IDX_FREE, 0xff, (nslot + 63) / 64 * 8);
}
