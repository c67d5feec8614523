// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A create's undo. The kernel has no claim on a namespace seed: any
 * writer may take the one ndkit is configuring. So the undo only touches a
 * namespace that still carries the uuid this create wrote, and only the
 * personalities that carry this create's personality uuid: what another
 * writer made is left to it.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "ops.h"

void create_undo_save(struct ndctl_region *region, struct ndctl_namespace *ndns,
		struct create_undo *u)
{
	char sizes[1024];

	memset(u, 0, sizeof(*u));
	snprintf(u->alt_name, sizeof(u->alt_name), "%s", ndctl_namespace_get_alt_name(ndns));
	u->sector_size = ndctl_namespace_get_sector_size(ndns);
	u->pfn = ndctl_region_get_pfn_seed(region);
	u->dax = ndctl_region_get_dax_seed(region);
	u->btt = ndctl_region_get_btt_seed(region);
	if (u->pfn) {
		u->pfn_loc = ndctl_pfn_get_location(u->pfn);
		u->pfn_align = ndctl_pfn_get_align(u->pfn);
	}
	if (u->dax) {
		u->dax_loc = ndctl_dax_get_location(u->dax);
		u->dax_align = ndctl_dax_get_align(u->dax);
	}
	/* a btt seed's size shows no [current] until one is written: none to put back */
	if (u->btt && strchr(ndctl_btt_get_supported_sector_sizes(u->btt, sizes), '['))
		u->btt_sector = ndctl_btt_get_sector_size(u->btt);
}

enum create_owner create_owner(struct ndctl_namespace *ndns, const uuid_t uu)
{
	uuid_t cur;

	ndctl_namespace_get_uuid(ndns, cur);
	if (uuid_compare(cur, uu) == 0)
		return CREATE_OURS;
	if (uuid_is_null(cur) && !ndctl_namespace_is_configured(ndns) &&
			!ndctl_namespace_is_active(ndns))
		return CREATE_UNTOUCHED;
	return CREATE_TAKEN;
}

/* Whether personality namespace pns is ndns (by name: objects of one scan or another). */
static bool names_ns(struct ndctl_namespace *pns, struct ndctl_namespace *ndns)
{
	return pns && strcmp(ndctl_namespace_get_devname(pns), ndctl_namespace_get_devname(ndns)) == 0;
}

/*
 * Each unbound personality carrying our uuid lets go of ndns. Only of ndns:
 * a seed that already claimed another namespace (left by someone's failed
 * create) takes our uuid and then refuses our namespace; its claim is not ours.
 */
void create_undo_claims(struct ndctl_region *region, struct ndctl_namespace *ndns,
		const uuid_t puu)
{
	struct ndctl_pfn *pfn;
	struct ndctl_dax *dax;
	struct ndctl_btt *btt;
	uuid_t cur;

	ndctl_pfn_foreach(region, pfn) {
		ndctl_pfn_get_uuid(pfn, cur);
		if (!uuid_compare(cur, puu) && names_ns(ndctl_pfn_get_namespace(pfn), ndns) &&
				!ndctl_pfn_is_enabled(pfn))
			ndctl_pfn_set_namespace(pfn, NULL);
	}
	ndctl_dax_foreach(region, dax) {
		ndctl_dax_get_uuid(dax, cur);
		if (!uuid_compare(cur, puu) && names_ns(ndctl_dax_get_namespace(dax), ndns) &&
				!ndctl_dax_is_enabled(dax))
			ndctl_dax_set_namespace(dax, NULL);
	}
	ndctl_btt_foreach(region, btt) {
		ndctl_btt_get_uuid(btt, cur);
		if (!uuid_compare(cur, puu) && names_ns(ndctl_btt_get_namespace(btt), ndns) &&
				!ndctl_btt_is_enabled(btt))
			ndctl_btt_set_namespace(btt, NULL);
	}
}

/*
 * The seeds' mode, align and sector size as they were, when the seed is idle
 * again. Their uuid cannot go back, nor a btt's first sector size: the kernel
 * has no way to clear them (the next create writes its own).
 */
static void restore_seeds(const struct create_undo *u)
{
	if (u->pfn && !ndctl_pfn_get_namespace(u->pfn) && !ndctl_pfn_is_enabled(u->pfn)) {
		if (ndctl_pfn_get_location(u->pfn) != u->pfn_loc)
			ndctl_pfn_set_location(u->pfn, u->pfn_loc);
		if (ndctl_pfn_get_align(u->pfn) != u->pfn_align && u->pfn_align)
			ndctl_pfn_set_align(u->pfn, u->pfn_align);
	}
	if (u->dax && !ndctl_dax_get_namespace(u->dax) && !ndctl_dax_is_enabled(u->dax)) {
		if (ndctl_dax_get_location(u->dax) != u->dax_loc)
			ndctl_dax_set_location(u->dax, u->dax_loc);
		if (ndctl_dax_get_align(u->dax) != u->dax_align && u->dax_align)
			ndctl_dax_set_align(u->dax, u->dax_align);
	}
	if (u->btt && !ndctl_btt_get_namespace(u->btt) && !ndctl_btt_is_enabled(u->btt) &&
			u->btt_sector && ndctl_btt_get_sector_size(u->btt) != u->btt_sector)
		ndctl_btt_set_sector_size(u->btt, u->btt_sector);
}

/*
 * Undo, in the order the kernel accepts: the claims go first (a claimed
 * namespace refuses every write), then the holder class and the capacity
 * (size 0 drops the labels and, on Linux 6.1, the uuid), in upstream's order
 * so that the label area gets the same writes, then the attributes a seed
 * has when idle.
 */
void create_undo(struct ndctl_region *region, struct ndctl_namespace *ndns,
		const struct create_undo *u, const uuid_t puu)
{
	uuid_t cur, zero;

	create_undo_claims(region, ndns, puu);
	/* the holder class before the size, as upstream's undo: the same label writes */
	ndctl_namespace_set_holder_class(ndns, "");
	ndctl_namespace_set_size(ndns, 0);
	if (strcmp(ndctl_namespace_get_alt_name(ndns), u->alt_name))
		ndctl_namespace_set_alt_name(ndns, u->alt_name);
	if (u->sector_size && u->sector_size != UINT_MAX &&
			ndctl_namespace_get_sector_size(ndns) != u->sector_size)
		ndctl_namespace_set_sector_size(ndns, u->sector_size);
	ndctl_namespace_get_uuid(ndns, cur);
	if (!uuid_is_null(cur)) {	/* a kernel that keeps it past size 0 */
		uuid_clear(zero);
		ndctl_namespace_set_uuid(ndns, zero);
	}
	restore_seeds(u);
}

/*
 * What the region's DIMMs hold of namespace uuid uu on their media, read
 * through each DIMM's label area (reads work while the kernel uses it):
 * "no DIMM of region1 holds a label of it", or which do, and those that
 * could not be read.
 */
void create_labels_left(struct ndctl_region *region, const uuid_t uu, char *out, size_t n)
{
	char holders[256] = "", unread[256] = "";
	struct ndctl_mapping *m;

	ndctl_mapping_foreach(region, m) {
		struct ndctl_dimm *dimm = ndctl_mapping_get_dimm(m);
		const char *dev = dimm ? ndctl_dimm_get_devname(dimm) : "?";
		struct ndctl_label l;
		struct ndctl_lsa *lsa;
		unsigned i, count = 0;

		if (!dimm || ndctl_dimm_read_labels(dimm, 0, &lsa) < 0) {
			snprintf(unread + strlen(unread), sizeof(unread) - strlen(unread), " %s", dev);
			continue;
		}
		for (i = 0; i < ndctl_lsa_label_count(lsa); i++)
			if (ndctl_lsa_label_get(lsa, i, &l) == 0 && !memcmp(l.uuid, uu, 16))
				count++;
		ndctl_lsa_free(lsa);
		if (count)
			snprintf(holders + strlen(holders), sizeof(holders) - strlen(holders),
					" %s (%u)", dev, count);
	}
	if (holders[0])
		snprintf(out, n, "labels of it remain on%s", holders);
	else
		snprintf(out, n, "no DIMM of %s holds a label of it", ndctl_region_get_devname(region));
	if (unread[0])
		snprintf(out + strlen(out), n - strlen(out), "; unreadable:%s", unread);
}

/* "nmem0 nmem1 ...": the region's DIMMs. */
void create_region_dimms(struct ndctl_region *region, char *out, size_t n)
{
	int ways = ndctl_region_get_mappings(region);
	struct ndctl_mapping *m;

	/* in interleave position order: the region lists its mappings last to first */
	out[0] = 0;
	for (int pos = 0; pos < ways; pos++)
		ndctl_mapping_foreach(region, m) {
			struct ndctl_dimm *dimm = ndctl_mapping_get_dimm(m);

			if (dimm && ndctl_mapping_get_position(m) == pos)
				snprintf(out + strlen(out), n - strlen(out), "%s%s",
						out[0] ? " " : "", ndctl_dimm_get_devname(dimm));
		}
}
