// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A create's writes, in upstream's sysfs order, what another writer racing
 * for the same seed means for them, and ndctl_namespace_create() itself.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include "ops.h"
#include "../private.h"

struct ndctl_namespace *create_find_namespace(struct ndctl_ctx *ctx, const char *devname)
{
	struct ndctl_region *region;
	struct ndctl_namespace *ndns;
	struct ndctl_bus *bus;

	ndctl_bus_foreach(ctx, bus)
		ndctl_region_foreach(bus, region)
			ndctl_namespace_foreach(region, ndns)
				if (strcmp(ndctl_namespace_get_devname(ndns), devname) == 0)
					return ndns;
	return NULL;
}

/* Idle: no driver, no capacity (a destroyed namespace or the seed). */
static bool configuration_idle(struct ndctl_namespace *ndns)
{
	return !ndctl_namespace_is_active(ndns) && !ndctl_namespace_is_configured(ndns);
}

struct ndctl_namespace *create_region_namespace(struct ndctl_region *region)
{
	struct ndctl_namespace *ndns = ndctl_region_get_namespace_seed(region), *n;

	/* upstream reuses X.0 once it is idle again, so /dev/pmemX, daxX.0 come back */
	ndctl_namespace_foreach(region, n)
		if (ndctl_namespace_get_id(n) == 0 && configuration_idle(n))
			return n;
	return ndns && configuration_idle(ndns) ? ndns : NULL;
}

static const char *holder_class(enum ndctl_namespace_mode mode)
{
	switch (mode) {
	case NDCTL_NS_MODE_FSDAX: return "pfn";
	case NDCTL_NS_MODE_DEVDAX: return "dax";
	case NDCTL_NS_MODE_SAFE: return "btt";
	default: return "";
	}
}

/*
 * A personality's attributes, then its bind. A refused write is one upstream
 * names itself (op->res->named_by_upstream); a refused bind ends with its summary line.
 */
static int setup_pfn(struct ndctl_pfn *pfn, struct ndctl_namespace *ndns,
		const struct create_plan *p, const uuid_t uu)
{
	int rc = ndctl_pfn_set_uuid(pfn, uu);

	if (!rc)
		rc = ndctl_pfn_set_location(pfn, p->map_mem ? NDCTL_PFN_LOC_RAM : NDCTL_PFN_LOC_PMEM);
	if (!rc)
		rc = ndctl_pfn_set_align(pfn, (unsigned long)p->align);
	return rc ? rc : ndctl_pfn_set_namespace(pfn, ndns);
}

static int setup_dax(struct ndctl_dax *dax, struct ndctl_namespace *ndns,
		const struct create_plan *p, const uuid_t uu)
{
	int rc = ndctl_dax_set_uuid(dax, uu);

	if (!rc)
		rc = ndctl_dax_set_location(dax, p->map_mem ? NDCTL_PFN_LOC_RAM : NDCTL_PFN_LOC_PMEM);
	if (!rc)
		rc = ndctl_dax_set_align(dax, (unsigned long)p->align);
	return rc ? rc : ndctl_dax_set_namespace(dax, ndns);
}

static int setup_btt(struct ndctl_btt *btt, struct ndctl_namespace *ndns,
		const struct create_plan *p, const uuid_t uu)
{
	int rc = ndctl_btt_set_uuid(btt, uu);

	if (!rc)
		rc = ndctl_btt_set_sector_size(btt, p->sector_size == UINT_MAX ? 4096 :
				p->sector_size);
	return rc ? rc : ndctl_btt_set_namespace(btt, ndns);
}

/*
 * Give ndns its personality from the region's seed and bind it. No seed
 * where the scan saw one: another writer's bind moved it on (-EAGAIN).
 */
int create_attach(struct ndctl_region *region, struct ndctl_namespace *ndns,
		struct ns_op *op, const struct create_plan *p, const uuid_t uu)
{
	struct ndctl_pfn *pfn = ndctl_region_get_pfn_seed(region);
	struct ndctl_dax *dax = ndctl_region_get_dax_seed(region);
	struct ndctl_btt *btt = ndctl_region_get_btt_seed(region);
	int rc;

	switch (p->mode) {
	case NDCTL_NS_MODE_FSDAX:
		rc = pfn ? setup_pfn(pfn, ndns, p, uu) : -EAGAIN;
		op->res->named_by_upstream = rc && rc != -EAGAIN;
		return rc ? rc : ndctl_pfn_enable(pfn);
	case NDCTL_NS_MODE_DEVDAX:
		rc = dax ? setup_dax(dax, ndns, p, uu) : -EAGAIN;
		op->res->named_by_upstream = rc && rc != -EAGAIN;
		return rc ? rc : ndctl_dax_enable(dax);
	case NDCTL_NS_MODE_SAFE:
		rc = btt ? setup_btt(btt, ndns, p, uu) : -EAGAIN;
		op->res->named_by_upstream = rc && rc != -EAGAIN;
		return rc ? rc : ndctl_btt_enable(btt);
	default:
		rc = ndctl_namespace_enable(ndns);
		return rc > 0 ? 0 : rc;	/* 1: enabled, through a personality */
	}
}

/* Upstream writes the namespace's sector size when it offers that one. */
static int set_sector_size(struct ndctl_namespace *ndns, const struct create_plan *p)
{
	int n = ndctl_namespace_get_num_sector_sizes(ndns);

	if (!p->sector_size || p->sector_size == UINT_MAX)
		return 0;
	for (int i = 0; i < n; i++)
		/* even when it reads the same: a fresh seed shows 512 but its label says 0 */
		if (ndctl_namespace_get_supported_sector_size(ndns, i) == p->sector_size)
			return ndctl_namespace_set_sector_size(ndns, p->sector_size);
	return 0;	/* a btt's size the namespace lacks: the btt carries it */
}

/* The namespace's attributes in upstream's order; a refusal is upstream's own line. */
int create_configure(struct ndctl_namespace *ndns, struct ns_op *op,
		const struct create_plan *p, const uuid_t uu)
{
	int rc = ndctl_namespace_set_uuid(ndns, uu);

	/* always, as upstream: the kernel's answer to a later write depends on it */
	if (!rc)
		rc = ndctl_namespace_set_alt_name(ndns, p->name);
	if (!rc)
		rc = ndctl_namespace_set_size(ndns, p->size);
	if (!rc)
		rc = set_sector_size(ndns, p);
	if (!rc)
		rc = ndctl_namespace_set_holder_class(ndns, holder_class(p->mode));
	op->res->named_by_upstream = rc != 0;
	return rc;
}

/* The seed the scan saw is gone or busy: another writer took it. -EAGAIN: try the next. */
static int seed_taken(struct ns_op *op, struct ndctl_region *region, const char *ns,
		const char *how)
{
	ops_note(op, LOG_WARNING, "%s's namespace seed %s was taken by another writer (%s): "
			"this create changed nothing there", ndctl_region_get_devname(region),
			ns, how);
	return -EAGAIN;
}

static int no_seed(struct ns_op *op, struct ndctl_region *region)
{
	if (ndctl_region_is_enabled(region))
		return seed_taken(op, region, "(new)", "it moved on since the scan");
	ops_note(op, LOG_ERR, "%s has no idle namespace to configure: is it enabled? "
			"('ndctl enable-region %s')", ndctl_region_get_devname(region),
			ndctl_region_get_devname(region));
	return -ENXIO;
}

/*
 * The kernel forgets a namespace's uuid only after a label update that
 * succeeds on every DIMM of the region (size 0); when its label writes fail
 * it keeps the uuid (uuid_store sets it before the update), and it then
 * refuses any other uuid (EBUSY) while the namespace has no labels. It may
 * also keep, in its cache of the failing DIMM's label area, the slots it took
 * for the failed writes: its next successful label update there writes them
 * as labels. So the way back is to reload the DIMMs, before any other label
 * change on them: the next create does it (check_leftover) unless a namespace
 * on them is in use.
 */
static void say_reload(struct ns_op *op, struct ndctl_region *region)
{
	const char *rn = ndctl_region_get_devname(region);
	char dimms[256];

	create_region_dimms(region, dimms, sizeof(dimms));
	ops_note(op, LOG_ERR, "once %s take label writes again, the next create in %s frees "
			"what is left and has the kernel read them again, unless a namespace on "
			"them is in use; by hand, before any other label change on them (the "
			"kernel may keep label slots it took for the failed writes, and would "
			"write them): 'ndctl disable-region' every region on them, 'ndctl "
			"disable-dimm %s', 'ndctl enable-dimm %s', 'ndctl enable-region', then "
			"'ndctl check-labels %s'", dimms, rn, dimms, dimms, dimms);
}

/* A create whose undo could not make the kernel forget its uuid: say what is left. */
static int uuid_left(struct ndctl_region *region, struct ns_op *op, const uuid_t uu, int rc)
{
	const char *rn = ndctl_region_get_devname(region), *ns = op->res->devname;
	char text[40], left[600], dimms[256];

	uuid_unparse(uu, text);
	create_region_dimms(region, dimms, sizeof(dimms));
	create_labels_left(region, uu, left, sizeof(left));
	ops_note(op, LOG_ERR, "configuring %s in %s failed (%s): a label update on %s's DIMMs "
			"(%s) failed, and the undo's failed too: %s has no capacity, but the kernel "
			"keeps its uuid %s, so no create can use %s until it forgets it; %s", ns, rn,
			strerror(-rc), rn, dimms, ns, text, ns, left);
	say_reload(op, region);
	return rc;
}

/* A failed create: whose the namespace is says what may be undone. */
static int create_refused(struct ndctl_region *region, struct ndctl_namespace *ndns,
		struct ns_op *op, const struct create_undo *u, const uuid_t uu[2], int rc,
		bool configured)
{
	const char *rn = ndctl_region_get_devname(region), *ns = op->res->devname;

	switch (create_owner(ndns, uu[0])) {
	case CREATE_TAKEN:
		create_undo_claims(region, ndns, uu[1]);	/* our personality's claim, if any */
		return seed_taken(op, region, ns, strerror(-rc));
	case CREATE_UNTOUCHED:
		create_undo_claims(region, ndns, uu[1]);
		/* configured, then empty: another writer's undo emptied it under us */
		if (configured)
			return seed_taken(op, region, ns, "another writer emptied it");
		ops_note(op, rc == -EAGAIN ? LOG_WARNING : LOG_ERR, "configuring %s in %s "
				"failed (%s); nothing was changed", ns, rn, strerror(-rc));
		return rc;
	default:
		break;
	}
	if (!op->spec->autorecover) {
		ops_note(op, LOG_ERR, "configuring %s in %s failed (%s); left as it is "
				"(--no-autorecover): 'ndctl destroy-namespace -f %s' removes it",
				ns, rn, strerror(-rc), ns);
		return rc;
	}
	create_undo(region, ndns, u, uu[1]);
	if (create_owner(ndns, uu[0]) == CREATE_OURS && !ndctl_namespace_is_configured(ndns) &&
			rc != -EAGAIN)
		return uuid_left(region, op, uu[0], rc);
	if (rc == -EAGAIN)
		return seed_taken(op, region, ns, "its personality seed moved on");
	ops_note(op, LOG_ERR, "configuring %s in %s failed (%s); rolled back, %s left unused",
			ns, rn, strerror(-rc), ns);
	return rc;
}

/*
 * Bound with this create's personality (or raw, by this create), but another
 * writer rewrote the uuid on the way (the kernel lets a namespace be renamed
 * until it is bound): the namespace is this create's in all but its uuid, and
 * the other writer's next write fails (it is bound). Kept, unless --uuid was
 * asked for: then this create's personality lets go, the rest is left to it.
 */
static int create_renamed(struct ndctl_region *region, struct ndctl_namespace *ndns,
		struct ns_op *op, const uuid_t puu)
{
	const char *ns = op->res->devname;
	char now[40];
	uuid_t cur;

	ndctl_namespace_get_uuid(ndns, cur);
	uuid_unparse(cur, now);
	ops_note(op, op->spec->uuid_given ? LOG_ERR : LOG_WARNING, "another writer rewrote "
			"the uuid of %s in %s while this create configured it: %s", ns,
			ndctl_region_get_devname(region), op->spec->uuid_given ?
			"not the --uuid asked for, its personality released and the rest left to "
			"that writer" : "kept, with its new uuid");
	if (!op->spec->uuid_given) {
		ops_note(op, LOG_WARNING, "%s's uuid is %s", ns, now);
		return 0;
	}
	ndctl_namespace_disable_safe(ndns);
	create_undo_claims(region, ndns, puu);
	return -EBUSY;
}

const char *create_claim(struct ndctl_namespace *ndns, bool *bound)
{
	struct ndctl_pfn *pfn = ndctl_namespace_get_pfn(ndns);
	struct ndctl_dax *dax = ndctl_namespace_get_dax(ndns);
	struct ndctl_btt *btt = ndctl_namespace_get_btt(ndns);

	*bound = (pfn && ndctl_pfn_is_enabled(pfn)) || (dax && ndctl_dax_is_enabled(dax)) ||
		(btt && ndctl_btt_is_enabled(btt));
	return pfn ? ndctl_pfn_get_devname(pfn) : dax ? ndctl_dax_get_devname(dax) :
		btt ? ndctl_btt_get_devname(btt) : NULL;
}

/*
 * A raw create's "enable" succeeded: the namespace is this create's only if it
 * is bound raw itself (it has its disk). "enabled" may also be another writer's
 * personality, bound to it (or claiming it, which the bind counts as done). A
 * personality that names it, unbound, while it is bound raw is the other
 * writer's attempt on the way to failing: the kernel binds no claim on an
 * active namespace.
 */
static bool raw_bound_here(struct ns_op *op, struct ndctl_namespace *ndns)
{
	bool bound;
	const char *claim = create_claim(ndns, &bound);

	if (bound || !ndctl_namespace_get_block_device(ndns)[0])
		return false;
	if (claim)
		ops_note(op, LOG_WARNING, "another writer's %s names %s, unbound: it cannot bind "
				"while %s is bound raw, which this create keeps", claim,
				ndctl_namespace_get_devname(ndns), ndctl_namespace_get_devname(ndns));
	return true;
}

/*
 * The leftover of a failed label update (check_leftover): once the DIMMs take
 * writes, free its labels and have the kernel read the DIMMs again, so this
 * create goes on. Not when a namespace on those DIMMs is in use (that would
 * stop it for a moment): the caller then says how to do it by hand.
 */
static int forget_leftover(struct ndctl_region *region, struct ns_op *op, const uuid_t uu,
		const char *text)
{
	const char *rn = ndctl_region_get_devname(region);
	unsigned freed;
	int rc = nd_region_forget_uuid(region, uu, &freed);

	if (rc == -EBUSY)
		return rc;
	if (rc)
		ops_note(op, LOG_ERR, "%s in %s has no capacity but keeps uuid %s, left by a "
				"label update that failed; freeing its labels failed (%s): once "
				"the DIMMs of %s take label writes, the next create frees them",
				op->res->devname, rn, text, strerror(-rc), rn);
	else
		ops_note(op, LOG_NOTICE, "%s in %s had no capacity but kept uuid %s, left by a "
				"label update that failed: %u label(s) of it freed, and the kernel "
				"read the DIMMs of %s again", op->res->devname, rn, text, freed, rn);
	return rc;
}

/*
 * An idle namespace that carries a uuid: another writer between its uuid and
 * its size writes, or what a create or destroy whose label update failed
 * left (see say_reload). The writer moves on within moments; the leftover
 * stays. Configuring over the leftover fails (EBUSY on the uuid) and writing
 * its size 0, which would make the kernel forget it, may write the slots the
 * failed update took: free its labels and reload the DIMMs instead
 * (forget_leftover), or, when that would stop a namespace in use, say so and
 * change nothing.
 */
static int check_leftover(struct ndctl_region *region, struct ndctl_namespace *ndns,
		struct ns_op *op)
{
	const char *ns = op->res->devname, *rn = ndctl_region_get_devname(region);
	char text[40], left[600];
	uuid_t seen, now;
	int rc;

	ndctl_namespace_get_uuid(ndns, seen);
	if (uuid_is_null(seen))
		return 0;
	/*
	 * A writer's uuid, name and size writes each wait for a label update,
	 * a few hundred ms apiece under emulation: give it 3 s to move on.
	 */
	for (int i = 0; i < 30; i++) {
		usleep(100 * 1000);
		nd_attrs_forget(ndctl_namespace_get_ctx(ndns));	/* read the kernel's now */
		ndctl_namespace_get_uuid(ndns, now);
		if (uuid_compare(seen, now) || ndctl_namespace_is_configured(ndns) ||
				ndctl_namespace_is_active(ndns))
			return seed_taken(op, region, ns, "it was being configured");
	}
	uuid_unparse(now, text);
	rc = forget_leftover(region, op, now, text);
	if (rc != -EBUSY)
		return rc ? rc : -EAGAIN;	/* the region was read again: scan it again */
	create_labels_left(region, now, left, sizeof(left));
	ops_note(op, LOG_ERR, "%s in %s has no capacity but keeps uuid %s: a create or "
			"destroy whose label update failed left it (the kernel keeps the uuid until a "
			"label update succeeds on every DIMM of %s), and no create can use %s until "
			"the kernel forgets it; %s", ns, rn, text, rn, ns, left);
	say_reload(op, region);
	return -EBUSY;
}

int create_in_region(struct ndctl_region *region, struct ns_op *op,
		const struct create_plan *plan)
{
	struct ndctl_namespace *ndns = create_region_namespace(region);
	struct create_undo undo;
	uuid_t uu[2];	/* the namespace's, the personality's */
	bool configured;
	int rc;

	if (!ndns)
		return no_seed(op, region);
	snprintf(op->res->devname, sizeof(op->res->devname), "%s",
			ndctl_namespace_get_devname(ndns));
	rc = check_leftover(region, ndns, op);
	if (rc)
		return rc;
	if (op->spec->uuid_given)
		uuid_copy(uu[0], op->spec->uuid);
	else
		uuid_generate(uu[0]);
	uuid_generate(uu[1]);
	create_undo_save(region, ndns, &undo);
	rc = create_configure(ndns, op, plan, uu[0]);
	configured = rc == 0;
	if (!rc)
		rc = create_attach(region, ndns, op, plan, uu[1]);
	if (!rc && plan->mode == NDCTL_NS_MODE_RAW && !raw_bound_here(op, ndns))
		return seed_taken(op, region, op->res->devname,
				"another writer's personality claims it");
	if (!rc && create_owner(ndns, uu[0]) == CREATE_OURS)
		return 0;
	if (!rc)
		return create_renamed(region, ndns, op, uu[1]);
	return create_refused(region, ndns, op, &undo, uu, rc, configured);
}
