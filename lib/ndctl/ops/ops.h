/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDKIT_NDCTL_OPS_H
#define NDKIT_NDCTL_OPS_H
#include <stdbool.h>
#include <stddef.h>
#include <ndctl/libndctl.h>

/*
 * One call of the transaction (namespace-ops.h): the request, the result, and
 * what the scan learns on the way. A refusal ends as upstream's would: -EAGAIN
 * lets the next region try (upstream's silent skip); one that upstream names
 * on its own "Error:" line sets res->named_by_upstream; the others end with
 * upstream's "failed to create namespace: ...". ndkit words every refusal.
 */
struct ns_op {
	struct ndctl_ctx *ctx;
	const struct ndctl_namespace_spec *spec;
	struct ndctl_namespace_result *res;
	bool reconfig;		/* -e: the namespace is given, no region scan */
	bool autolabeled;	/* autolabel ran once: the scan is now that region's */
	char only_region[64];	/* the region autolabel prepared, or "" */
};

/*
 * The namespace to write, resolved against one region and, for -e, the
 * namespace itself (upstream's validate_namespace_options): the mode, size,
 * align and sector size that the options, the namespace and the seeds give.
 */
struct create_plan {
	enum ndctl_namespace_mode mode;
	unsigned long long size, align;
	unsigned int sector_size;	/* UINT_MAX: the namespace has none */
	bool map_mem;
	char name[64];
};

/* Why a region refused: ndkit's wording, said by whoever gives up. */
struct create_reason {
	char text[1024];
};

/* report.c: one explanation line to the caller (see the spec's note). */
void ops_note(struct ns_op *op, int priority, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Plan a create in region (ndns NULL) or a reconfigure of ndns there: 0,
 * -EAGAIN (the region cannot take it; r says why) or a refusal (r says why,
 * res->named_by_upstream as above).
 */
int create_plan_region(struct ndctl_region *region, struct ndctl_namespace *ndns,
		struct ns_op *op, struct create_plan *p, struct create_reason *r);
/*
 * The first region (matching the filter) that takes the namespace, as
 * upstream's scan: a region that cannot is skipped, any other refusal ends
 * the scan. -ENOSPC when every region was skipped, -ENXIO for none at all.
 */
int create_pick_region(struct ns_op *op, struct ndctl_region **out, struct create_plan *plan);
/* Configure and enable; on failure undo. res->devname gets the namespace name. */
int create_in_region(struct ndctl_region *region, struct ns_op *op,
		const struct create_plan *plan);
/* create.c's writes, shared by a create and a reconfigure. */
int create_configure(struct ndctl_namespace *ndns, struct ns_op *op,
		const struct create_plan *p, const uuid_t uu);
int create_attach(struct ndctl_region *region, struct ndctl_namespace *ndns,
		struct ns_op *op, const struct create_plan *p, const uuid_t uu);
/* Autolabel (autolabel.c): label a label-less region's DIMMs. */
bool create_can_autolabel(struct ndctl_region *region, const struct ns_op *op);
int create_autolabel(struct ns_op *op, struct ndctl_region *region);
/* Upstream's choice: the idle namespace with id 0, else the seed if idle; or NULL. */
struct ndctl_namespace *create_region_namespace(struct ndctl_region *region);
struct ndctl_namespace *create_find_namespace(struct ndctl_ctx *ctx, const char *devname);
/* The personality (pfn, dax or btt) naming ndns, or NULL; *bound: it is bound. */
const char *create_claim(struct ndctl_namespace *ndns, bool *bound);
bool create_is_dax_mode(enum ndctl_namespace_mode mode);

/* undo.c: what a create changes in an idle seed, as it was before. */
struct create_undo {
	char alt_name[64];
	unsigned int sector_size, btt_sector;
	struct ndctl_pfn *pfn;
	struct ndctl_dax *dax;
	struct ndctl_btt *btt;
	enum ndctl_pfn_loc pfn_loc, dax_loc;
	unsigned long pfn_align, dax_align;
};
/* Whose the namespace is now: this create's uuid, nobody's, or another writer's. */
enum create_owner { CREATE_OURS, CREATE_UNTOUCHED, CREATE_TAKEN };
void create_undo_save(struct ndctl_region *region, struct ndctl_namespace *ndns,
		struct create_undo *u);
enum create_owner create_owner(struct ndctl_namespace *ndns, const uuid_t uu);
/* Each unbound personality carrying uuid puu lets go of ndns (and only of ndns). */
void create_undo_claims(struct ndctl_region *region, struct ndctl_namespace *ndns,
		const uuid_t puu);
/* Put ndns and the seeds back; puu: the uuid this create gave its personality. */
void create_undo(struct ndctl_region *region, struct ndctl_namespace *ndns,
		const struct create_undo *u, const uuid_t puu);
/* What the region's DIMMs hold of uu on their media, in words; the region's DIMMs by name. */
void create_labels_left(struct ndctl_region *region, const uuid_t uu, char *out, size_t n);
void create_region_dimms(struct ndctl_region *region, char *out, size_t n);

#endif
