// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <uuid/uuid.h>
#include "private.h"
#include "codec.h"

/* Cross-DIMM position checks: one label per position 0..nlabel-1 per uuid. */
struct set_label {
	struct ndctl_label l;
	unsigned dimm;
};

static int collect(const struct ndctl_lsa *const *lsas, unsigned n, struct set_label **out, unsigned *count)
{
	unsigned i, j, total = 0, k = 0;
	struct set_label *v;

	for (i = 0; i < n; i++)
		total += lsas[i] ? ndctl_lsa_label_count(lsas[i]) : 0;
	v = calloc(total ? total : 1, sizeof(*v));
	if (!v)
		return -ENOMEM;
	for (i = 0; i < n; i++)
		for (j = 0; lsas[i] && j < ndctl_lsa_label_count(lsas[i]); j++, k++) {
			ndctl_lsa_label_get(lsas[i], j, &v[k].l);
			v[k].dimm = i;
		}
	*out = v;
	*count = total;
	return 0;
}

/* Capacity doubles at powers of two, so the array never needs its own counter. */
static struct ndctl_lsa_finding *grow(struct ndctl_lsa_finding **f, unsigned *n)
{
	struct ndctl_lsa_finding *v = *f;

	if ((*n & (*n - 1)) == 0) {
		v = realloc(*f, (*n ? 2 * *n : 1) * sizeof(**f));
		if (!v)
			return NULL;
		*f = v;
	}
	return &v[(*n)++];
}

#define ADD(f, n, ident, dimm_, slot_, ...) do { \
	struct ndctl_lsa_finding *x_ = grow(f, n); \
	if (!x_) { \
		free(same); \
		return -ENOMEM; \
	} \
	x_->id = ident; \
	x_->severity = NDCTL_LSA_ERROR; \
	x_->index = (int)(dimm_); \
	x_->slot = (slot_); \
	snprintf(x_->msg, sizeof(x_->msg), __VA_ARGS__); \
	errors++; \
} while (0)

static int cmp_position(const void *a, const void *b)
{
	const struct set_label *x = *(struct set_label *const *)a, *y = *(struct set_label *const *)b;

	return (int)x->l.position - (int)y->l.position;
}

/* First position in 0..nlabel-1 that no label claims; nlabel if none is missing. */
static unsigned first_missing(struct set_label **same, unsigned k)
{
	unsigned pos = 0, i;

	for (i = 0; i < k && same[i]->l.position <= pos; i++)
		if (same[i]->l.position == pos)
			pos++;
	return pos;
}

/*
 * Check the uuid of v[first] (its first label) against all labels. Positions
 * are sorted so the cost stays O(k log k) whatever nlabel claims; missing
 * positions are reported once, with their count.
 */
static int check_uuid(const struct set_label *v, unsigned count, unsigned first,
		struct ndctl_lsa_finding **f, unsigned *n)
{
	const struct ndctl_label *ref = &v[first].l;
	struct set_label **same = calloc(count, sizeof(*same));
	unsigned i, k = 0, distinct = 0, errors = 0, miss;
	char uuid[37];

	if (!same)
		return -ENOMEM;
	uuid_unparse(ref->uuid, uuid);
	for (i = first; i < count; i++)
		if (!memcmp(v[i].l.uuid, ref->uuid, 16))
			same[k++] = (struct set_label *)&v[i];
	qsort(same, k, sizeof(*same), cmp_position);
	for (i = 0; i < k; i++) {
		const struct set_label *x = same[i];

		if (x->l.nlabel != ref->nlabel)
			ADD(f, n, "nlabel-mismatch", x->dimm, x->l.slot,
				"uuid %s: DIMM %u slot %u says nlabel %u, others %u", uuid, x->dimm,
				x->l.slot, x->l.nlabel, ref->nlabel);
		if (i && same[i - 1]->l.position == x->l.position)
			ADD(f, n, "position-duplicate", x->dimm, x->l.slot,
				"uuid %s: more than one label claims position %u: the region probe fails",
				uuid, x->l.position);
		else if (x->l.position < ref->nlabel)
			distinct++;
	}
	miss = first_missing(same, k);
	if (distinct < ref->nlabel)
		ADD(f, n, "position-missing", -1, -1,
			"uuid %s: %u of %u positions have no label (first: %u): the region probe fails",
			uuid, ref->nlabel - distinct, ref->nlabel, miss);
	free(same);
	return (int)errors;
}

NDCTL_EXPORT int ndctl_lsa_validate_set(const struct ndctl_lsa *const *lsas, unsigned n,
		struct ndctl_lsa_finding **out, unsigned *nfindings)
{
	struct set_label *v = NULL;
	unsigned count = 0, i, j;
	int rc = collect(lsas, n, &v, &count), errors = 0;

	*out = NULL;
	*nfindings = 0;
	for (i = 0; rc == 0 && i < count; i++) {
		for (j = 0; j < i && memcmp(v[j].l.uuid, v[i].l.uuid, 16); j++)
			;
		if (j < i)
			continue;	/* uuid already checked */
		rc = check_uuid(v, count, i, out, nfindings);
		errors += rc > 0 ? rc : 0;
		rc = rc < 0 ? rc : 0;
	}
	free(v);
	if (rc < 0) {
		free(*out);
		*out = NULL;
		return rc;
	}
	return errors;
}

/* ------------------------------------------------------------------------
 * One region as scan_labels() reads it (ndctl_lsa_validate_region()).
 *
 * The kernel finds each position of a uuid by scanning every DIMM's labels
 * again; here each DIMM's labels are decoded once and indexed by uuid, so a
 * full area (hundreds of labels) costs n log n steps instead of n^2 decodes.
 * ------------------------------------------------------------------------ */

/* A DIMM's active labels, decoded, and pointers to them sorted by uuid, then label order. */
struct dimm_labels {
	struct ndctl_label *l;
	const struct ndctl_label **by_uuid;
	unsigned n;
};

struct region_scan {
	const struct ndctl_lsa *const *lsas;
	const struct ndctl_lsa_region_map *maps;
	unsigned n;
	const uint8_t *type_guid;
	struct dimm_labels *d;
	struct ndctl_lsa_finding *f;
	unsigned nf;
	int errors;
	bool oom;
};

static int cmp_uuid_then_order(const void *a, const void *b)
{
	const struct ndctl_label *x = *(const struct ndctl_label *const *)a;
	const struct ndctl_label *y = *(const struct ndctl_label *const *)b;
	int c = memcmp(x->uuid, y->uuid, 16);

	return c ? c : (x > y) - (x < y);	/* one array: address order is label order */
}

static int dimm_labels_load(struct dimm_labels *d, const struct ndctl_lsa *lsa)
{
	unsigned j;

	d->n = lsa ? ndctl_lsa_label_count(lsa) : 0;
	d->l = calloc(d->n + 1, sizeof(*d->l));
	d->by_uuid = calloc(d->n + 1, sizeof(*d->by_uuid));
	if (!d->l || !d->by_uuid)
		return -ENOMEM;
	for (j = 0; j < d->n; j++) {
		ndctl_lsa_label_get(lsa, j, &d->l[j]);
		d->by_uuid[j] = &d->l[j];
	}
	qsort(d->by_uuid, d->n, sizeof(*d->by_uuid), cmp_uuid_then_order);
	return 0;
}

/* Where uuid's labels start in d->by_uuid (d->n, or another uuid's, when it has none). */
static unsigned uuid_first(const struct dimm_labels *d, const uint8_t *uuid)
{
	unsigned lo = 0, hi = d->n;

	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;

		if (memcmp(d->by_uuid[mid]->uuid, uuid, 16) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* d->by_uuid[k] when it has uuid, else NULL. */
static const struct ndctl_label *uuid_at(const struct dimm_labels *d, unsigned k, const uint8_t *uuid)
{
	return k < d->n && !memcmp(d->by_uuid[k]->uuid, uuid, 16) ? d->by_uuid[k] : NULL;
}

static void region_add(struct region_scan *r, const char *id, enum ndctl_lsa_severity sev,
		unsigned dimm, uint32_t slot, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

static void region_add(struct region_scan *r, const char *id, enum ndctl_lsa_severity sev,
		unsigned dimm, uint32_t slot, const char *fmt, ...)
{
	struct ndctl_lsa_finding *x = r->oom ? NULL : grow(&r->f, &r->nf);
	va_list ap;

	if (!x) {
		r->oom = true;
		return;
	}
	x->id = id;
	x->severity = sev;
	x->index = (int)dimm;
	x->slot = (int)slot;
	va_start(ap, fmt);
	vsnprintf(x->msg, sizeof(x->msg), fmt, ap);
	va_end(ap);
	r->errors += sev == NDCTL_LSA_ERROR;
}

static bool cookie_ok(const struct ndctl_lsa_region_map *m, uint64_t cookie)
{
	unsigned k;

	for (k = 0; k < m->ncookies && k < 2; k++)
		if (m->cookies[k] == cookie)
			return true;
	return m->ncookies == 0;
}

static bool in_mapping(const struct ndctl_lsa_region_map *m, uint64_t dpa)
{
	return dpa >= m->dpa && dpa - m->dpa < m->size;
}

/*
 * has_uuid_at_pos() for one cookie (any when !with_cookie): 1 when some DIMM
 * has the uuid's label at pos, 0 when none, -1 - i when DIMM i holds two
 * labels of the uuid with the cookie (the kernel gives up there). Each DIMM's
 * labels of the uuid are met in label order, as the kernel's scan meets them.
 */
static int uuid_at_pos(const struct region_scan *r, const uint8_t *uuid, bool with_cookie,
		uint64_t cookie, unsigned pos)
{
	const struct ndctl_label *l;
	unsigned i, k;

	for (i = 0; i < r->n; i++) {
		const struct dimm_labels *d = &r->d[i];
		bool seen = false;

		for (k = uuid_first(d, uuid); (l = uuid_at(d, k, uuid)); k++) {
			if (with_cookie && l->isetcookie != cookie)
				continue;
			if (r->type_guid && ndctl_lsa_labelsize(r->lsas[i]) >= 256 &&
			    memcmp(l->type_guid, r->type_guid, 16))
				continue;
			if (seen)
				return -1 - (int)i;
			seen = true;
			if (l->nlabel == r->n && l->position == pos)
				return 1;
		}
	}
	return 0;
}

/* create_namespace_pmem()'s search for every position; true when all are found. */
static bool assemble(struct region_scan *r, const struct ndctl_label *l0)
{
	const struct ndctl_lsa_region_map *m0 = &r->maps[0];
	char uuid[37];
	unsigned pos;
	int got = 0, k;

	uuid_unparse(l0->uuid, uuid);
	for (pos = 0; pos < r->n; pos++) {
		got = m0->ncookies ? 0 : uuid_at_pos(r, l0->uuid, false, 0, pos);
		for (k = 0; k < (int)m0->ncookies && k < 2 && got <= 0; k++) {
			int g = uuid_at_pos(r, l0->uuid, true, m0->cookies[k], pos);

			got = g == 1 || got == 0 ? g : got;
		}
		if (got != 1)
			break;
	}
	if (got == 1)
		return true;
	if (got < 0)
		region_add(r, "region-label-missing", NDCTL_LSA_ERROR, 0, l0->slot,
			"slot %u: uuid %s: DIMM %d of the region holds two labels of it with the region's cookie: the region probe fails",
			l0->slot, uuid, -1 - got);
	else
		region_add(r, "region-label-missing", NDCTL_LSA_ERROR, 0, l0->slot,
			"slot %u: uuid %s: no DIMM of the region has its label for position %u (region's cookie%s, nlabel %u): the region probe fails",
			l0->slot, uuid, pos, r->type_guid ? ", type GUID" : "", r->n);
	return false;
}

static bool extent_in_mapping(const struct ndctl_lsa_region_map *m, const struct ndctl_label *l)
{
	return in_mapping(m, l->dpa) && l->dpa + l->rawsize >= l->dpa &&
		l->dpa + l->rawsize <= m->dpa + m->size && l->dpa + l->rawsize > m->dpa;
}

/* select_pmem_id(): each DIMM's first label of the uuid must lie in its mapping. */
static bool select_labels(struct region_scan *r, const struct ndctl_label *l0, bool **used)
{
	char uuid[37];
	unsigned i;

	uuid_unparse(l0->uuid, uuid);
	for (i = 0; i < r->n; i++) {
		const struct dimm_labels *d = &r->d[i];
		const struct ndctl_label *l = uuid_at(d, uuid_first(d, l0->uuid), l0->uuid);

		if (!l || !extent_in_mapping(&r->maps[i], l)) {
			region_add(r, "region-extent", NDCTL_LSA_ERROR, 0, l0->slot,
				"slot %u: uuid %s: its first label on DIMM %u is not inside that DIMM's mapping: the region probe fails",
				l0->slot, uuid, i);
			return false;
		}
		used[i][l - d->l] = true;
	}
	return true;
}

/* A label of l's uuid before it on DIMM 0 made a namespace already. */
static bool made_before(const struct dimm_labels *d0, const bool *made, const struct ndctl_label *l)
{
	const struct ndctl_label *m;
	unsigned k;

	for (k = uuid_first(d0, l->uuid); (m = uuid_at(d0, k, l->uuid)) && m < l; k++)
		if (made[m - d0->l])
			return true;
	return false;
}

/* DIMM 0's labels in order, as scan_labels() meets them: false when the region probe fails. */
static bool assemble_all(struct region_scan *r, bool **used, bool *made)
{
	const struct dimm_labels *d0 = &r->d[0];
	char uuid[37];
	unsigned j;

	for (j = 0; j < d0->n && !r->oom; j++) {
		const struct ndctl_label *l = &d0->l[j];

		if (!in_mapping(&r->maps[0], l->dpa))
			continue;
		if (made_before(d0, made, l)) {
			uuid_unparse(l->uuid, uuid);
			region_add(r, "region-uuid-conflict", NDCTL_LSA_ERROR, 0, l->slot,
				"slot %u: uuid %s: a namespace with this uuid is already assembled (conflicting extents): the region probe fails",
				l->slot, uuid);
			return false;
		}
		if (!cookie_ok(&r->maps[0], l->isetcookie))
			continue;
		if (!assemble(r, l) || !select_labels(r, l, used))
			return false;
		made[j] = true;
	}
	return true;
}

/* Labels in a DIMM's mapping that no namespace took (the kernel ignores them). */
static void report_unused(struct region_scan *r, bool **used)
{
	char uuid[37];
	unsigned i, j;

	for (i = 0; i < r->n; i++)
		for (j = 0; j < r->d[i].n; j++) {
			const struct ndctl_label *l = &r->d[i].l[j];

			if (used[i][j] || !in_mapping(&r->maps[i], l->dpa) ||
			    (i == 0 && !cookie_ok(&r->maps[0], l->isetcookie)))
				continue;	/* used, another region's, or reported as cookie-mismatch */
			uuid_unparse(l->uuid, uuid);
			region_add(r, "region-unused", NDCTL_LSA_WARN, i, l->slot,
				"slot %u: uuid %s is in no namespace of the region: the kernel ignores it",
				l->slot, uuid);
		}
}

NDCTL_EXPORT int ndctl_lsa_validate_region(const struct ndctl_lsa *const *lsas,
		const struct ndctl_lsa_region_map *maps, unsigned n, const uint8_t *type_guid,
		struct ndctl_lsa_finding **out, unsigned *nfindings)
{
	struct region_scan r = { .lsas = lsas, .maps = maps, .n = n, .type_guid = type_guid };
	bool **used = calloc(n ? n : 1, sizeof(*used)), *made = NULL;
	unsigned i;

	*out = NULL;
	*nfindings = 0;
	r.d = calloc(n ? n : 1, sizeof(*r.d));
	r.oom = !used || !r.d;
	for (i = 0; !r.oom && i < n; i++)
		r.oom = dimm_labels_load(&r.d[i], lsas[i]) < 0 ||
			!(used[i] = calloc(r.d[i].n + 1, sizeof(**used)));
	if (!r.oom && n)
		r.oom = !(made = calloc(r.d[0].n + 1, sizeof(*made)));
	if (!r.oom && n && assemble_all(&r, used, made))
		report_unused(&r, used);
	for (i = 0; r.d && i < n; i++) {
		free(r.d[i].l);
		free(r.d[i].by_uuid);
		free(used ? used[i] : NULL);
	}
	free(r.d);
	free(used);
	free(made);
	if (r.oom) {
		free(r.f);
		return -ENOMEM;
	}
	*out = r.f;
	*nfindings = r.nf;
	return r.errors;
}
