// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
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
