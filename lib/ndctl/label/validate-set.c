// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <uuid/uuid.h>
#include "private.h"
#include "engine.h"

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

static struct ndctl_lsa_finding *grow(struct ndctl_lsa_finding **f, unsigned *n)
{
	struct ndctl_lsa_finding *v = realloc(*f, (*n + 1) * sizeof(**f));

	if (!v)
		return NULL;
	*f = v;
	return &v[(*n)++];
}

#define ADD(f, n, ident, dimm_, slot_, ...) do { \
	struct ndctl_lsa_finding *x_ = grow(f, n); \
	if (!x_) \
		return -ENOMEM; \
	x_->id = ident; \
	x_->severity = NDCTL_LSA_ERROR; \
	x_->index = (int)(dimm_); \
	x_->slot = (slot_); \
	snprintf(x_->msg, sizeof(x_->msg), __VA_ARGS__); \
	errors++; \
} while (0)

/* Check the uuid of v[first] against all labels; only the first label of a uuid runs this. */
static int check_uuid(const struct set_label *v, unsigned count, unsigned first,
		struct ndctl_lsa_finding **f, unsigned *n)
{
	const struct ndctl_label *ref = &v[first].l;
	unsigned pos, i, seen, errors = 0;
	char uuid[37];

	uuid_unparse(ref->uuid, uuid);
	for (i = first; i < count; i++)
		if (!memcmp(v[i].l.uuid, ref->uuid, 16) && v[i].l.nlabel != ref->nlabel)
			ADD(f, n, "nlabel-mismatch", v[i].dimm, v[i].l.slot,
				"uuid %s: DIMM %u slot %u says nlabel %u, others %u", uuid, v[i].dimm,
				v[i].l.slot, v[i].l.nlabel, ref->nlabel);
	for (pos = 0; pos < ref->nlabel; pos++) {
		unsigned last = first;

		for (i = first, seen = 0; i < count; i++)
			if (!memcmp(v[i].l.uuid, ref->uuid, 16) && v[i].l.position == pos) {
				seen++;
				last = i;
			}
		if (!seen)
			ADD(f, n, "position-missing", -1, -1,
				"uuid %s: no label for position %u of %u: the region probe fails", uuid, pos, ref->nlabel);
		else if (seen > 1)
			ADD(f, n, "position-duplicate", v[last].dimm, v[last].l.slot,
				"uuid %s: %u labels claim position %u: the region probe fails", uuid, seen, pos);
	}
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
