/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_CMD_CREATE_NAMESPACE_H
#define NDKIT_CMD_CREATE_NAMESPACE_H
#include <stdbool.h>
#include <stddef.h>
#include <ndctl/libndctl.h>
#include "topo-filter.h"

/*
 * What the user asked for. A refusal ends as upstream's would: -EAGAIN lets
 * the next region try (upstream's silent skip); one that upstream names on
 * its own "Error:" line sets reported (exit with its errno, no summary line);
 * the others end with upstream's "failed to create namespace: ..." and, for
 * a create, exit status ENODEV. ndkit words every refusal in its own line.
 */
struct create_opts {
	struct topo_filter filter;
	const char *mode_name, *name, *reconfig;
	unsigned long long size, align, sector_size;
	uuid_t uuid;
	bool size_given, uuid_given, map_mem, map_given, force, cont, verbose, autolabeled;
	bool autolabel;		/* -L, on by default: label a label-less region */
	bool autorecover;	/* -R, on by default: undo a failed create */
	bool reported;		/* the refusal was one upstream names itself */
	char region_buf[64];	/* the region autolabel prepared */
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

/* Why a region refused: ndkit's wording, printed by whoever gives up. */
struct create_reason {
	char text[1024];
};

/*
 * Plan a create in region (ndns NULL) or a reconfigure of ndns there: 0,
 * -EAGAIN (the region cannot take it; r says why) or a refusal (r says why,
 * co->reported as above).
 */
int create_plan_region(struct ndctl_region *region, struct ndctl_namespace *ndns,
		struct create_opts *co, struct create_plan *p, struct create_reason *r);
/*
 * The first region (matching the filters) that takes the namespace, as
 * upstream's scan: a region that cannot is skipped, any other refusal ends
 * the scan. -ENOSPC when every region was skipped, -ENXIO for none at all.
 * quiet_full: no line for a skipped region (--continue's end).
 */
int create_pick_region(struct ndctl_ctx *ctx, struct create_opts *co,
		struct ndctl_region **out, struct create_plan *plan, bool quiet_full);
/* Configure and enable; on failure undo. devname gets the namespace name. */
int create_in_region(struct ndctl_region *region, struct create_opts *co,
		const struct create_plan *plan, char *devname, size_t len);
/* -e (create-reconfig.c): NS itself gets the new personality; devname: its name. */
int create_reconfigure(struct ndctl_ctx *ctx, struct create_opts *co,
		char *devname, size_t len);
/* create-apply.c's writes, shared by a create and a reconfigure. */
int create_configure(struct ndctl_namespace *ndns, struct create_opts *co,
		const struct create_plan *p, const uuid_t uu);
int create_attach(struct ndctl_region *region, struct ndctl_namespace *ndns,
		struct create_opts *co, const struct create_plan *p, const uuid_t uu);
/* Autolabel (create-autolabel.c): label a label-less region's DIMMs. */
bool create_can_autolabel(struct ndctl_region *region, const struct create_opts *co);
int create_autolabel(struct ndctl_region *region);
/* Upstream's choice: the idle namespace with id 0, else the seed if idle; or NULL. */
struct ndctl_namespace *create_region_namespace(struct ndctl_region *region);
struct ndctl_namespace *create_find_namespace(struct ndctl_ctx *ctx, const char *devname);
/* The personality (pfn, dax or btt) naming ndns, or NULL; *bound: it is bound. */
const char *create_claim(struct ndctl_namespace *ndns, bool *bound);
bool create_is_dax_mode(enum ndctl_namespace_mode mode);

/* create-undo.c: what a create changes in an idle seed, as it was before. */
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

#endif
