// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "private.h"
#include "codec.h"

/*
 * Deep validation. Finding ids are stable (tools and tests match on them):
 *   index-current     info   which index is current and its seq
 *   index-stale       info   the other index is valid but older
 *   index-signature, index-labelsize, index-checksum, index-seq,
 *   index-offsets, index-size, index-nslot, area-too-small
 *                     warn   the other index is invalid (why); error if none is valid
 *   no-index          error  no valid index: the area is not initialized
 *   label-slot        warn   in-use slot whose slot field names another slot (ignored)
 *   label-checksum    warn   in-use v1.2 label with a bad checksum (ignored)
 *   label-flags       warn   unknown flag bits set
 *   label-updating    warn   UPDATING left set: an interrupted multi-DIMM update
 *   label-name        warn   name not NUL-terminated within 64 bytes
 *   label-rawsize     error  rawsize 0 or dpa+rawsize overflows (the DIMM's probe fails, -EBUSY)
 *   label-position    error  position >= nlabel, or nlabel 0
 *   position-duplicate error two active labels of one uuid claim one position
 *   dpa-overlap       error  active labels overlap in DPA (the kernel refuses the DIMM)
 *   cookie-zero       error  isetcookie 0 (never valid)
 *   cookie-mismatch   error  isetcookie matches no expected interleave set
 * and, from ndctl_lsa_validate_regions() (the DIMM's regions known):
 *   dpa-outside       warn   dpa starts in no region of the DIMM (the kernel ignores it)
 *   cookie-mismatch   warn   dpa in a region whose cookie it lacks (the kernel ignores it)
 *   extent-outside    error  starts in its region, ends past it (the region probe fails)
 */
struct findings {
	struct ndctl_lsa_finding *v;
	unsigned n, cap;
	int errors;
	bool oom;
};

static void __attribute__((format(printf, 6, 7)))
add(struct findings *f, const char *id, enum ndctl_lsa_severity sev, int index, int64_t slot,
	const char *fmt, ...)
{
	struct ndctl_lsa_finding *x;
	va_list ap;

	if (f->n == f->cap) {
		unsigned cap = f->cap ? f->cap * 2 : 16;
		void *v = realloc(f->v, cap * sizeof(*f->v));

		if (!v) {
			f->oom = true;
			return;
		}
		f->v = v;
		f->cap = cap;
	}
	x = &f->v[f->n++];
	x->id = id;
	x->severity = sev;
	x->index = index;
	x->slot = slot;
	va_start(ap, fmt);
	vsnprintf(x->msg, sizeof(x->msg), fmt, ap);
	va_end(ap);
	f->errors += sev == NDCTL_LSA_ERROR;
}

static void check_indexes(const struct ndctl_lsa *lsa, struct findings *f)
{
	int i, cur = lsa->cur;

	if (cur < 0) {
		add(f, "no-index", NDCTL_LSA_ERROR, -1, -1,
			"no valid index block: the area is not initialized (run init-labels)");
		for (i = 0; i < 2; i++)
			add(f, lsa->problem_id[i], NDCTL_LSA_ERROR, i, -1, "index %d: %s", i, lsa->problem[i]);
		return;
	}
	add(f, "index-current", NDCTL_LSA_INFO, cur, -1, "index %d is current (v1.%d, seq %u, %u slots)",
		cur, lsa->L < 256 ? 1 : 2, get32(lsa_cur_index(lsa) + IDX_SEQ) & 3, lsa->nslot);
	i = 1 - cur;
	if (lsa->valid[i])
		add(f, "index-stale", NDCTL_LSA_INFO, i, -1, "index %d is valid but older (seq %u)",
			i, ndctl_lsa_index_seq(lsa, i) & 3);
	else
		add(f, lsa->problem_id[i], NDCTL_LSA_WARN, i, -1,
			"index %d is invalid: %s (repair rewrites it from index %d)", i, lsa->problem[i], cur);
}

static void check_slot_fields(const struct ndctl_lsa *lsa, uint32_t slot, struct findings *f)
{
	const uint8_t *p = lsa->buf + lsa_slot_off(lsa, slot);

	if (get32(p + LBL_SLOT) != slot)
		add(f, "label-slot", NDCTL_LSA_WARN, -1, slot,
			"slot %u is in use but its label says slot %u: the kernel ignores it", slot, get32(p + LBL_SLOT));
	else if (!lsa_label_checksum_ok(p, lsa->L))
		add(f, "label-checksum", NDCTL_LSA_WARN, -1, slot,
			"slot %u is in use but its checksum is bad: the kernel ignores it", slot);
}

static void check_label(const struct ndctl_lsa *lsa, const struct ndctl_label *l,
		const struct ndctl_lsa_expect *e, struct findings *f)
{
	const uint8_t *p = lsa->buf + lsa_slot_off(lsa, l->slot);
	unsigned i;
	bool known = false;

	if (l->flags & ~0xfu)
		add(f, "label-flags", NDCTL_LSA_WARN, -1, l->slot, "slot %u: unknown flags %#x", l->slot, l->flags);
	if (l->flags & NDCTL_LABEL_FLAG_UPDATING)
		add(f, "label-updating", NDCTL_LSA_WARN, -1, l->slot,
			"slot %u: UPDATING is set: a multi-DIMM update was interrupted", l->slot);
	if (!memchr(p + LBL_NAME, 0, LBL_NAME_LEN))
		add(f, "label-name", NDCTL_LSA_WARN, -1, l->slot, "slot %u: name is not NUL-terminated", l->slot);
	if (!l->rawsize || l->dpa + l->rawsize < l->dpa)
		add(f, "label-rawsize", NDCTL_LSA_ERROR, -1, l->slot,
			"slot %u: bad extent dpa %#llx rawsize %#llx: the kernel refuses this DIMM", l->slot,
			(unsigned long long)l->dpa, (unsigned long long)l->rawsize);
	if (!l->nlabel || l->position >= l->nlabel)
		add(f, "label-position", NDCTL_LSA_ERROR, -1, l->slot,
			"slot %u: position %u is not below nlabel %u", l->slot, l->position, l->nlabel);
	if (!l->isetcookie)
		add(f, "cookie-zero", NDCTL_LSA_ERROR, -1, l->slot, "slot %u: isetcookie is 0", l->slot);
	if (!e || !e->ncookies || !l->isetcookie)
		return;
	for (i = 0; i < e->ncookies && i < 8; i++)
		known |= e->cookies[i] == l->isetcookie;
	if (!known)
		add(f, "cookie-mismatch", NDCTL_LSA_ERROR, -1, l->slot,
			"slot %u: isetcookie %#llx matches no interleave set of this DIMM (label from another set or layout)",
			l->slot, (unsigned long long)l->isetcookie);
}

static uint64_t extent_end(const struct ndctl_label *l)
{
	return l->dpa + l->rawsize < l->dpa ? UINT64_MAX : l->dpa + l->rawsize;
}

static int cmp_dpa(const void *a, const void *b)
{
	const struct ndctl_label *x = a, *y = b;

	if (x->dpa != y->dpa)
		return x->dpa < y->dpa ? -1 : 1;
	return x->slot < y->slot ? -1 : x->slot > y->slot;
}

static int cmp_uuid_position(const void *a, const void *b)
{
	const struct ndctl_label *x = a, *y = b;
	int c = memcmp(x->uuid, y->uuid, 16);

	if (c)
		return c;
	if (x->position != y->position)
		return x->position < y->position ? -1 : 1;
	return x->slot < y->slot ? -1 : x->slot > y->slot;
}

/* Sorted by DPA, each extent is compared with the furthest-reaching one before it. */
static void check_overlaps(struct ndctl_label *l, unsigned n, struct findings *f)
{
	unsigned i, reach = 0;

	qsort(l, n, sizeof(*l), cmp_dpa);
	for (i = 1; i < n; i++) {
		if (l[i].dpa < extent_end(&l[reach]) && l[i].rawsize && l[reach].rawsize)
			add(f, "dpa-overlap", NDCTL_LSA_ERROR, -1, l[i].slot,
				"slots %u and %u overlap in DPA (%#llx and %#llx): the kernel refuses this DIMM",
				l[reach].slot, l[i].slot, (unsigned long long)l[reach].dpa,
				(unsigned long long)l[i].dpa);
		if (extent_end(&l[i]) > extent_end(&l[reach]))
			reach = i;
	}
}

static void check_positions(struct ndctl_label *l, unsigned n, struct findings *f)
{
	unsigned i;

	qsort(l, n, sizeof(*l), cmp_uuid_position);
	for (i = 1; i < n; i++)
		if (!memcmp(l[i - 1].uuid, l[i].uuid, 16) && l[i - 1].position == l[i].position)
			add(f, "position-duplicate", NDCTL_LSA_ERROR, -1, l[i].slot,
				"slots %u and %u: same uuid and position %u: the region probe fails",
				l[i - 1].slot, l[i].slot, l[i].position);
}

static int check_labels(const struct ndctl_lsa *lsa, const struct ndctl_lsa_expect *e,
		struct findings *f)
{
	struct ndctl_label *l = calloc(lsa->nactive ? lsa->nactive : 1, sizeof(*l));
	uint32_t slot;
	unsigned i;

	if (!l)
		return -ENOMEM;
	for (slot = lsa_next_in_use(lsa, 0); slot < lsa->nslot; slot = lsa_next_in_use(lsa, slot + 1))
		if (lsa_slot_loaded(lsa, slot))
			check_slot_fields(lsa, slot, f);
	for (i = 0; i < lsa->nactive; i++) {
		ndctl_lsa_label_get(lsa, i, &l[i]);
		check_label(lsa, &l[i], e, f);
	}
	check_overlaps(l, lsa->nactive, f);
	check_positions(l, lsa->nactive, f);
	free(l);
	return 0;
}

NDCTL_EXPORT int ndctl_lsa_validate(const struct ndctl_lsa *lsa, const struct ndctl_lsa_expect *expect,
		struct ndctl_lsa_finding **out, unsigned *n)
{
	struct findings f = { 0 };

	check_indexes(lsa, &f);
	if (check_labels(lsa, expect, &f) < 0 || f.oom) {
		free(f.v);
		return -ENOMEM;
	}
	*out = f.v;
	*n = f.n;
	return f.errors;
}

static const struct ndctl_lsa_region_map *region_of(const struct ndctl_label *l,
		const struct ndctl_lsa_region_map *maps, unsigned nmaps)
{
	unsigned k;

	for (k = 0; k < nmaps; k++)
		if (l->dpa >= maps[k].dpa && l->dpa - maps[k].dpa < maps[k].size)
			return &maps[k];
	return NULL;
}

static bool carries_cookie(const struct ndctl_label *l, const struct ndctl_lsa_region_map *m)
{
	unsigned k;

	for (k = 0; k < m->ncookies && k < 2; k++)
		if (m->cookies[k] == l->isetcookie)
			return true;
	return m->ncookies == 0;
}

/*
 * scan_labels() skips a label whose dpa starts outside the region's mapping,
 * create_namespace_pmem() one whose cookie is neither the region's nor its
 * altcookie (-EAGAIN); select_pmem_id() fails the region (-EINVAL) when the
 * label it picked does not end inside the mapping.
 */
NDCTL_EXPORT int ndctl_lsa_validate_regions(const struct ndctl_lsa *lsa,
		const struct ndctl_lsa_region_map *maps, unsigned nmaps,
		struct ndctl_lsa_finding **out, unsigned *n)
{
	struct findings f = { 0 };
	struct ndctl_label l;
	unsigned i;

	for (i = 0; nmaps && i < lsa->nactive; i++) {
		const struct ndctl_lsa_region_map *m;

		ndctl_lsa_label_get(lsa, i, &l);
		m = region_of(&l, maps, nmaps);
		if (!m)
			add(&f, "dpa-outside", NDCTL_LSA_WARN, -1, l.slot,
				"slot %u: dpa %#llx is in no region of this DIMM: the kernel ignores it",
				l.slot, (unsigned long long)l.dpa);
		else if (!carries_cookie(&l, m))
			add(&f, "cookie-mismatch", NDCTL_LSA_WARN, -1, l.slot,
				"slot %u: isetcookie %#llx is not its region's (%#llx): the kernel ignores it",
				l.slot, (unsigned long long)l.isetcookie, (unsigned long long)m->cookies[0]);
		else if (l.rawsize > m->dpa + m->size - l.dpa)
			add(&f, "extent-outside", NDCTL_LSA_ERROR, -1, l.slot,
				"slot %u: dpa %#llx + rawsize %#llx ends past its region's extent on this DIMM (%#llx): the region probe fails",
				l.slot, (unsigned long long)l.dpa, (unsigned long long)l.rawsize,
				(unsigned long long)(m->dpa + m->size));
	}
	if (f.oom) {
		free(f.v);
		return -ENOMEM;
	}
	*out = f.v;
	*n = f.n;
	return f.errors;
}

NDCTL_EXPORT const char *ndctl_lsa_severity_name(enum ndctl_lsa_severity s)
{
	return s == NDCTL_LSA_ERROR ? "error" : s == NDCTL_LSA_WARN ? "warning" : "info";
}
