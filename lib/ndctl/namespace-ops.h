/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDKIT_NDCTL_NAMESPACE_OPS_H
#define NDKIT_NDCTL_NAMESPACE_OPS_H
/*
 * The namespace transaction (ops/): what `ndctl create-namespace` does, as one
 * call with a spec in and a result out. ndkit's own API, not upstream's.
 *
 * A create chooses a region (the caller's filter, in upstream's scan order),
 * checks the request in upstream's order (so the same request is refused for
 * the same reason and errno), configures an idle namespace in upstream's sysfs
 * order (X.0 first, else the seed), attaches the personality (pfn, dax or btt)
 * and binds it. A label-less region is labeled first (autolabel); a failure
 * part way is undone (autorecover), touching only what this call wrote: the
 * kernel has no claim on a seed, so another writer may take it under us, and
 * then the next region or a fresh scan is tried. A reconfigure gives an
 * existing namespace a new personality in place (its name stays).
 *
 * Explanations: each refusal, race and rollback is worded in one line with
 * the value that would work. They go, as they happen, to the spec's note
 * callback, or without one to the context's log (ndctl_set_log_fn) at the
 * same priority. The last LOG_ERR line is also the result's reason.
 */
#include <stdbool.h>
#include <stddef.h>
#include <uuid/uuid.h>
#include <ndctl/topology.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The request. Zero it, then set what you ask for; a zero field means the
 * default named beside it (for a reconfigure: the namespace's own value).
 */
struct ndctl_namespace_spec {
	/* when mode_given; else fsdax (reconfigure: its own) */
	enum ndctl_namespace_mode mode;
	bool mode_given;
	unsigned long long size;	/* when size_given; else the largest free extent */
	bool size_given;
	/* 0: the namespace's own (same mode), else the kernel's PMD size */
	unsigned long long align;
	/* 0: the namespace's own (reconfigure), else 512 where sizes are offered */
	unsigned long long sector_size;
	enum ndctl_pfn_loc map;		/* NONE: the kernel's default (pmem) */
	const char *name;		/* NULL: none (reconfigure: its own) */
	uuid_t uuid;			/* when uuid_given; else a new one */
	bool uuid_given;
	bool force;		/* reconfigure an active one; no 16 MiB start check */
	bool autolabel;		/* label a label-less region to divide it (ndctl's default) */
	bool autorecover;	/* undo a failed create (ndctl's default) */
	/* The regions to consider, NULL: all. Called in upstream's scan order. */
	bool (*region_filter)(struct ndctl_region *region, void *arg);
	void *filter_arg;
	/* The region the filter asks for, as the user named it: for the words only. */
	const char *region_asked;
	/* No line for "every region was full" (a caller going region by region). */
	bool quiet_full;
	/*
	 * Each explanation line (no newline), in order: LOG_ERR for a refusal or
	 * failure, LOG_WARNING for a race or a change of plan, LOG_NOTICE for a
	 * step done on the caller's behalf (autolabel). NULL: the context's log.
	 */
	void (*note)(void *arg, int priority, const char *line);
	void *note_arg;
};

/* What happened. */
struct ndctl_namespace_result {
	char devname[64];	/* the namespace created or reconfigured ("namespace0.0") */
	/* on success: that namespace, valid until the next ndctl_invalidate() */
	struct ndctl_namespace *ndns;
	/*
	 * The refusal is one upstream ndctl names on its own "Error:" line (and
	 * ends with its errno, without "failed to create namespace"): a bad
	 * size, sector size, map or uuid, or a write the kernel refused.
	 */
	bool named_by_upstream;
	char reason[1024];	/* the last LOG_ERR explanation, "" if none */
};

/**
 * ndctl_namespace_create() - create a namespace in the first region that takes it
 * @ctx: library context
 * @spec: the request (see struct ndctl_namespace_spec)
 * @res: filled in, success or not
 *
 * Scans the regions @spec's filter selects, as upstream's create-namespace:
 * a region that cannot take the namespace (full, disabled, no idle namespace,
 * no free label slot) is skipped, any other refusal ends the scan. Another
 * writer taking the seed is retried with a fresh scan, twice.
 *
 * Return: 0 (@res->devname and @res->ndns name the namespace), or a negative
 * errno: -ENXIO no region matches the filter; -ENOSPC every region was
 * skipped; -EAGAIN other writers kept taking the seed; -EINVAL, -ENXIO,
 * -ENODEV and the kernel's errnos for a refusal (@res->reason says why,
 * @res->named_by_upstream how upstream would end).
 *
 * Since: LIBNDCTL_2 (ndkit 0.2)
 */
int ndctl_namespace_create(struct ndctl_ctx *ctx, const struct ndctl_namespace_spec *spec,
		struct ndctl_namespace_result *res);

/**
 * ndctl_namespace_reconfigure() - give an existing namespace a new personality
 * @ctx: library context
 * @devname: the namespace ("namespace0.0")
 * @spec: the request; its region filter limits where @devname is looked
 *	for (elsewhere: -ENXIO, as upstream); autolabel and quiet_full are unused
 * @res: filled in, success or not
 *
 * As upstream's create-namespace -e: the namespace keeps its name (its size,
 * name and mode too unless @spec gives them, its uuid only if @spec gives it),
 * is taken down (refused while active unless @spec->force), loses its
 * personality and old info block, and is written and bound in place. A
 * failure leaves it configured, raw and disabled, as upstream does.
 *
 * Return: 0, or a negative errno: -ENXIO no such namespace (in the regions
 * the filter selects); -EBUSY active without force; the checks' and the
 * kernel's errnos as for a create.
 *
 * Since: LIBNDCTL_2 (ndkit 0.2)
 */
int ndctl_namespace_reconfigure(struct ndctl_ctx *ctx, const char *devname,
		const struct ndctl_namespace_spec *spec, struct ndctl_namespace_result *res);

#ifdef __cplusplus
}
#endif

#endif
