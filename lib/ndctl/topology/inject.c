// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Error injection through the NFIT bus DSMs (ARS Error Inject, Inject
 * Clear, Inject Status: ACPI 6.2 9.20.7.9-11), as upstream sends them: one
 * DSM per 512-byte block, each clamped to the bus's clear-error unit unless
 * saturated; the status read back as sorted, merged runs of blocks of the
 * namespace. A bus without these DSMs (QEMU's NFIT, e820) refuses with
 * -EOPNOTSUPP before anything is sent.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

/*
 * The Inject and Inject Clear DSMs' input: a physical range, then for
 * Inject an options byte (bit 0: notify the OS, which then scrubs); the
 * firmware's 32-bit status follows the input. Packed as the firmware lays
 * them out.
 */
struct nfit_err_range {
	uint64_t base, length;
} __attribute__((packed));

enum { ERR_INJ_OPT_NOTIFY = 1 };

struct nfit_err_inj_stat {
	uint32_t status, count;
	struct { uint64_t base, length; } __attribute__((packed)) rec[];
} __attribute__((packed));

enum { ERR_INJ_NOT_SUPP = 1, ERR_INJ_INVALID_PARAM = 2 };

/* The physical range errors go into: the data past a personality's info block. */
static int injection_bounds(struct ndctl_namespace *ndns, unsigned long long *start,
		unsigned long long *size)
{
	struct ndctl_pfn *pfn = ndctl_namespace_get_pfn(ndns);
	struct ndctl_dax *dax = ndctl_namespace_get_dax(ndns);

	if (pfn) {
		*start = ndctl_pfn_get_resource(pfn);
		*size = ndctl_pfn_get_size(pfn);
	} else if (dax) {
		*start = ndctl_dax_get_resource(dax);
		*size = ndctl_dax_get_size(dax);
	} else if (ndctl_namespace_get_btt(ndns)) {
		return -EOPNOTSUPP;	/* as upstream: no map from BTT blocks to media */
	} else {
		*start = ndctl_namespace_get_resource(ndns);
		*size = ndctl_namespace_get_size(ndns);
	}
	return 0;
}

/*
 * ARS capabilities over the namespace's range: the clear-error unit and
 * the largest ARS output, each 0 when the firmware gives none.
 */
static int namespace_ars_caps(struct ndctl_namespace *ndns, unsigned int *unit,
		unsigned int *out)
{
	struct ndctl_bus *bus = ndctl_namespace_get_bus(ndns);
	unsigned long long start, size;
	struct ndctl_cmd *cmd;
	int rc = injection_bounds(ndns, &start, &size);

	if (rc)
		return rc;
	cmd = ndctl_bus_cmd_new_ars_cap(bus, start, size);
	if (!cmd) {
		err(ndns->dev.ctx, "%s: failed to create cmd\n", ndns->dev.name);
		return -ENOTTY;
	}
	rc = ndctl_cmd_submit(cmd);
	if (rc < 0) {
		dbg(ndns->dev.ctx, "Error submitting ars_cap: %d\n", rc);
	} else {
		*unit = ndctl_cmd_ars_cap_get_clear_unit(cmd);
		*out = ndctl_cmd_ars_cap_get_size(cmd);
		rc = 0;
	}
	ndctl_cmd_unref(cmd);
	return rc;
}

static int firmware_status_rc(uint32_t status)
{
	switch (status) {
	case ERR_INJ_NOT_SUPP:
		return -EOPNOTSUPP;
	case ERR_INJ_INVALID_PARAM:
		return -EINVAL;
	default:
		return 0;
	}
}

/* What every block's DSM needs, read at the first block: its range and the clear unit. */
struct inject_span {
	unsigned long long start, size;	/* size 0 until read */
	unsigned int unit;		/* 0 until the ARS caps were read */
};

/*
 * The physical range of one block of the namespace, clamped to the
 * clear-error unit unless saturate: what one inject or clear DSM covers.
 * Upstream's order of checks: the block's bounds, then the caps, which are
 * asked once for all blocks (the same answer for each).
 */
static int block_range(struct ndctl_namespace *ndns, struct inject_span *span,
		unsigned long long block, bool saturate, uint64_t *base, uint64_t *length)
{
	unsigned int out;
	int rc;

	if (!span->size && (rc = injection_bounds(ndns, &span->start, &span->size)))
		return rc;
	if (block >= span->size / 512) {
		dbg(ndns->dev.ctx, "Error: block %#llx, count %#x are out of bounds\n",
				block, 1);
		return -EINVAL;
	}
	if (!span->unit) {
		rc = namespace_ars_caps(ndns, &span->unit, &out);
		if (rc)
			return rc;
		if (!span->unit) {
			dbg(ndns->dev.ctx, "Got an invalid clear_err_unit from ars_cap\n");
			return -EINVAL;
		}
	}
	*base = span->start + block * 512;
	*length = !saturate && span->unit < 512 ? span->unit : 512;
	return 0;
}

/* One Inject (inject) or Inject Clear DSM over one block of the namespace. */
static int block_dsm(struct ndctl_namespace *ndns, struct inject_span *span,
		unsigned long long block, unsigned int flags, bool inject)
{
	bool saturate = flags & (1u << NDCTL_NS_INJECT_SATURATE);
	size_t in = sizeof(struct nfit_err_range) + (inject ? 1 : 0);
	struct nfit_err_range *range;
	struct ndctl_cmd *cmd;
	uint64_t base, length;
	uint32_t status;
	unsigned char *payload;
	int rc = block_range(ndns, span, block, saturate, &base, &length);

	if (rc)
		return rc;
	cmd = nd_bus_cmd_new_call(ndctl_namespace_get_bus(ndns),
			inject ? NFIT_CMD_ARS_INJECT_SET : NFIT_CMD_ARS_INJECT_CLEAR,
			in, sizeof(status));
	if (!cmd)
		return -ENOMEM;
	payload = nd_cmd_call_payload(cmd);
	range = (struct nfit_err_range *)payload;
	range->base = base;
	range->length = length;
	if (inject && (flags & (1u << NDCTL_NS_INJECT_NOTIFY)))
		payload[sizeof(*range)] = ERR_INJ_OPT_NOTIFY;
	rc = ndctl_cmd_submit(cmd);
	if (rc < 0) {
		dbg(ndns->dev.ctx, "Error submitting command: %d\n", rc);
	} else {
		memcpy(&status, payload + in, sizeof(status));
		rc = firmware_status_rc(status);
	}
	ndctl_cmd_unref(cmd);
	return rc;
}

/* Each block in turn, stopping at the first failure, as upstream. */
static int each_block(struct ndctl_namespace *ndns, unsigned long long block,
		unsigned long long count, unsigned int flags, bool inject)
{
	struct ndctl_bus *bus = ndctl_namespace_get_bus(ndns);
	struct inject_span span = { 0 };
	int rc = -EINVAL;

	if (!ndctl_bus_has_error_injection(bus))
		return -EOPNOTSUPP;
	for (unsigned long long i = 0; i < count; i++) {
		rc = block_dsm(ndns, &span, block + i, flags, inject);
		if (rc) {
			err(ndns->dev.ctx, "%s failed at block %llx\n",
					inject ? "Injection" : "Un-injection", block + i);
			return rc;
		}
	}
	return rc;
}

NDCTL_EXPORT int ndctl_namespace_inject_error2(struct ndctl_namespace *ndns,
		unsigned long long block, unsigned long long count, unsigned int flags)
{
	return each_block(ndns, block, count, flags, true);
}

NDCTL_EXPORT int ndctl_namespace_inject_error(struct ndctl_namespace *ndns,
		unsigned long long block, unsigned long long count, bool notify)
{
	return ndctl_namespace_inject_error2(ndns, block, count,
			notify ? 1u << NDCTL_NS_INJECT_NOTIFY : 0);
}

NDCTL_EXPORT int ndctl_namespace_uninject_error2(struct ndctl_namespace *ndns,
		unsigned long long block, unsigned long long count, unsigned int flags)
{
	return each_block(ndns, block, count, flags, false);
}

NDCTL_EXPORT int ndctl_namespace_uninject_error(struct ndctl_namespace *ndns,
		unsigned long long block, unsigned long long count)
{
	return ndctl_namespace_uninject_error2(ndns, block, count, 0);
}

static int bb_cmp(const void *a, const void *b)
{
	const struct ndctl_bb *x = a, *y = b;

	return x->block < y->block ? -1 : x->block > y->block;
}

/* Sort by block, then fold each run that overlaps or touches the previous into it. */
static void bb_sort_merge(struct ndctl_namespace *ndns)
{
	struct ndctl_bb *bb = ndns->injected;
	size_t n = 0;

	if (!ndns->n_injected)
		return;
	qsort(bb, ndns->n_injected, sizeof(*bb), bb_cmp);
	for (size_t i = 1; i < ndns->n_injected; i++) {
		unsigned long long end = bb[n].block + bb[n].count;

		if (bb[i].block <= end) {
			if (bb[i].block + bb[i].count > end)
				bb[n].count = bb[i].block + bb[i].count - bb[n].block;
		} else {
			bb[++n] = bb[i];
		}
	}
	ndns->n_injected = n + 1;
}

/* The status records inside the namespace's range, as blocks of the namespace. */
static int stat_to_bb(struct ndctl_namespace *ndns, const struct nfit_err_inj_stat *st,
		unsigned long long start, unsigned long long size, size_t max)
{
	size_t n = st->count < max ? st->count : max;

	free(ndns->injected);
	ndns->n_injected = 0;
	ndns->injected = calloc(n ? n : 1, sizeof(*ndns->injected));
	if (!ndns->injected)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		unsigned long long off = st->rec[i].base - start;
		struct ndctl_bb *bb = &ndns->injected[ndns->n_injected];

		if (st->rec[i].base < start || st->rec[i].base >= start + size)
			continue;
		bb->block = off / 512;
		bb->count = (off % 512 + st->rec[i].length + 511) / 512;
		ndns->n_injected++;
	}
	bb_sort_merge(ndns);
	return 0;
}

NDCTL_EXPORT int ndctl_namespace_injection_status(struct ndctl_namespace *ndns)
{
	struct ndctl_bus *bus = ndctl_namespace_get_bus(ndns);
	unsigned long long start, size;
	struct nfit_err_inj_stat *st;
	struct ndctl_cmd *cmd;
	unsigned int unit, out;
	int rc;

	if (!ndctl_bus_has_error_injection(bus))
		return -EOPNOTSUPP;
	rc = namespace_ars_caps(ndns, &unit, &out);
	if (rc)
		return rc;
	if (!out) {
		dbg(ndns->dev.ctx, "Got an invalid max_ars_out from ars_cap\n");
		return -EINVAL;
	}
	cmd = nd_bus_cmd_new_call(bus, NFIT_CMD_ARS_INJECT_GET, 0, sizeof(*st) + out);
	if (!cmd)
		return -ENOMEM;
	st = nd_cmd_call_payload(cmd);
	rc = ndctl_cmd_submit(cmd);
	if (rc < 0) {
		dbg(ndns->dev.ctx, "Error submitting command: %d\n", rc);
	} else {
		injection_bounds(ndns, &start, &size);
		rc = stat_to_bb(ndns, st, start, size, out / sizeof(st->rec[0]));
	}
	ndctl_cmd_unref(cmd);
	return rc;
}

NDCTL_EXPORT struct ndctl_bb *ndctl_namespace_injection_get_first_bb(
		struct ndctl_namespace *ndns)
{
	return ndns->n_injected ? &ndns->injected[0] : NULL;
}

NDCTL_EXPORT struct ndctl_bb *ndctl_namespace_injection_get_next_bb(
		struct ndctl_namespace *ndns, struct ndctl_bb *bb)
{
	size_t i = (size_t)(bb - ndns->injected) + 1;

	return i < ndns->n_injected ? &ndns->injected[i] : NULL;
}

NDCTL_EXPORT unsigned long long ndctl_bb_get_block(struct ndctl_bb *bb)
{
	if (bb)
		return bb->block;
	errno = EINVAL;
	return ULLONG_MAX;
}

NDCTL_EXPORT unsigned long long ndctl_bb_get_count(struct ndctl_bb *bb)
{
	if (bb)
		return bb->count;
	errno = EINVAL;
	return ULLONG_MAX;
}
