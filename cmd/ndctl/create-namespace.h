/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_CMD_CREATE_NAMESPACE_H
#define NDKIT_CMD_CREATE_NAMESPACE_H
#include <stdbool.h>
#include <stddef.h>
#include <ndctl/libndctl.h>
#include "topo-filter.h"

struct create_opts {
	struct topo_filter filter;
	const char *mode_name, *name, *reconfig;
	enum ndctl_namespace_mode mode;
	unsigned long long size, align, sector_size;
	uuid_t uuid;
	bool uuid_given, map_mem, map_given, force, cont, verbose, autolabeled;
	bool autolabel;		/* -L, on by default: label a label-less region */
	bool autorecover;	/* -R, on by default: undo a failed create */
	char name_buf[64];	/* the kept name on --reconfig */
	char region_buf[64];	/* the region autolabel prepared */
};

/* Defaults and option combinations that need no region; 0 or -EINVAL. */
int create_opts_finish(struct create_opts *co);
/*
 * The first region (matching the filters) where the namespace fits; else
 * the reason for the first candidate on stderr and -ENOSPC (full), -EINVAL
 * (a constraint) or -ENXIO (no region). quiet_full: for --continue's end.
 */
int create_pick_region(struct ndctl_ctx *ctx, struct create_opts *co,
		struct ndctl_region **out, bool quiet_full);
/* Configure and enable; on failure undo. devname gets the namespace name. */
int create_in_region(struct ndctl_region *region, struct create_opts *co,
		char *devname, size_t len);
/* -e: keep uuid, name and size unless given; devname gets the result. */
int create_reconfigure(struct ndctl_ctx *ctx, struct create_opts *co,
		char *devname, size_t len);
/* Autolabel (create-autolabel.c): label a label-less region's DIMMs. */
bool create_can_autolabel(struct ndctl_region *region, const struct create_opts *co);
int create_autolabel(struct ndctl_region *region);
struct ndctl_namespace *create_find_namespace(struct ndctl_ctx *ctx, const char *devname);
/* The personality (pfn, dax or btt) naming ndns, or NULL; *bound: it is bound. */
const char *create_claim(struct ndctl_namespace *ndns, bool *bound);

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
/* Each unbound personality carrying uuid puu lets go of its namespace. */
void create_undo_claims(struct ndctl_region *region, const uuid_t puu);
/* Put ndns and the seeds back; puu: the uuid this create gave its personality. */
void create_undo(struct ndctl_region *region, struct ndctl_namespace *ndns,
		const struct create_undo *u, const uuid_t puu);

#endif
