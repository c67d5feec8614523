// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The transaction's checks, in the order upstream's create-namespace makes
 * them, so that the same request is refused for the same reason and with
 * the same status. Each refusal is worded with the value that would work;
 * how it ends (skip the region, upstream's own line, or upstream's summary
 * line) is in ops.h. Then the region scan that uses them.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include "ops.h"
#include "util/size.h"

#define NS_MIN_SIZE SZ_16M

static int why(struct create_reason *r, int rc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int why(struct create_reason *r, int rc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->text, sizeof(r->text), fmt, ap);
	va_end(ap);
	return rc;
}

/* A refusal upstream names on its own line: its errno, no summary line. */
#define reported(op, r, rc, ...) ((op)->res->named_by_upstream = true, why(r, rc, __VA_ARGS__))

bool create_is_dax_mode(enum ndctl_namespace_mode mode)
{
	return mode == NDCTL_NS_MODE_FSDAX || mode == NDCTL_NS_MODE_DEVDAX;
}

/* "the largest free extent of region0 (896M)" or "--size 100M" */
static const char *size_words(const struct ns_op *op, struct ndctl_region *region,
		unsigned long long size, char *buf, size_t len)
{
	char s[32];

	format_size_short(size, s, sizeof(s));
	if (op->spec->size_given)
		snprintf(buf, len, "--size %s", s);
	else
		snprintf(buf, len, "the size %s (%s's largest free extent)", s,
				ndctl_region_get_devname(region));
	return buf;
}

/* No free label slot, or too little room: upstream skips the region. */
static int plan_capacity(struct ndctl_region *region, struct ns_op *op,
		struct create_plan *p, struct create_reason *r)
{
	unsigned long long avail;
	char a[48], want[48], fit[32];
	struct ndctl_mapping *m;

	if (!ndctl_region_is_labeled(region))
		avail = ndctl_region_get_size(region);
	else {
		ndctl_mapping_foreach(region, m) {
			struct ndctl_dimm *dimm = ndctl_mapping_get_dimm(m);

			if (dimm && ndctl_dimm_get_available_slots(dimm) == 0)
				return why(r, -EAGAIN, "%s has no free label slots "
						"(available_slots 0): destroy a namespace in %s, "
						"or re-initialize its labels with a larger label "
						"area (QEMU label-size=)", ndctl_dimm_get_devname(dimm),
						ndctl_region_get_devname(region));
		}
		/* as upstream's create: no extent attribute, the available size */
		avail = ndctl_region_get_max_available_extent(region);
		if (avail == ULLONG_MAX)
			avail = ndctl_region_get_available_size(region);
		if (avail == ULLONG_MAX)
			avail = 0;	/* neither readable: nothing to allocate from */
	}
	if (!avail)
		return why(r, -EAGAIN, "%s is full: no free capacity left",
				ndctl_region_get_devname(region));
	if (p->size > avail)
		return why(r, -EAGAIN, "%s is full: %s available in its largest free extent, "
				"%s requested: use --size %s", ndctl_region_get_devname(region),
				format_size_human(avail, a, sizeof(a)),
				format_size_human(p->size, want, sizeof(want)),
				format_size_short(avail, fit, sizeof(fit)));
	if (!p->size)
		p->size = avail;
	return 0;
}

/*
 * A label-less region is one namespace: as upstream, a size other than the
 * region's is refused. How to divide it instead: label its DIMMs (none: it
 * cannot be), convert it whole, or (plain create) autolabel with -f.
 */
static int check_labelless(struct ndctl_region *region, const struct ns_op *op,
		const struct create_plan *p, struct create_reason *r)
{
	const char *rn = ndctl_region_get_devname(region);
	unsigned id = ndctl_region_get_id(region);
	char dimms[256] = "", label[512] = "", autolabel[128] = "";
	struct ndctl_dimm *dimm;

	if (ndctl_region_is_labeled(region) || p->size == ndctl_region_get_size(region))
		return 0;
	ndctl_dimm_foreach_in_region(region, dimm) {
		size_t len = strlen(dimms);

		snprintf(dimms + len, sizeof(dimms) - len, "%s%s", len ? " " : "",
				ndctl_dimm_get_devname(dimm));
	}
	if (dimms[0])
		snprintf(label, sizeof(label), "Label it first: 'ndctl disable-region %s && "
				"ndctl init-labels %s && ndctl enable-region %s', or convert",
				rn, dimms, rn);
	else
		snprintf(label, sizeof(label), "It has no DIMM to hold labels: convert");
	if (op->spec->autolabel)
		snprintf(autolabel, sizeof(autolabel), ", or let create-namespace label it "
				"now with -f (namespace%u.0 is in use: it goes)", id);
	return why(r, -EINVAL, "%s is label-less: it is one namespace covering the whole "
			"region and cannot be sub-divided. %s it whole with 'ndctl "
			"create-namespace -f -e namespace%u.0 -m MODE' (no --size)%s", rn, label,
			id, autolabel);
}

/* Whether list (the kernel's "4096 2097152", or "512 [4096] 4104": [current]) holds v. */
static bool listed(const char *list, unsigned long long v)
{
	char *end;

	for (const char *q = list; *q; q = end) {
		unsigned long long x;

		q += strspn(q, " [");
		x = strtoull(q, &end, 0);
		if (end == q)
			break;
		if (x == v)
			return true;
		end += strspn(end, "]");
	}
	return false;
}

static int check_align_given(struct ndctl_region *region, struct ns_op *op,
		struct create_plan *p, struct create_reason *r)
{
	struct ndctl_pfn *pfn = ndctl_region_get_pfn_seed(region);
	struct ndctl_dax *dax = ndctl_region_get_dax_seed(region);
	const char *mode = ndctl_namespace_mode_name(p->mode);
	char buf[1024] = "", s[32];

	if (p->mode == NDCTL_NS_MODE_FSDAX && !pfn)
		return why(r, -EINVAL, "%s has no pfn device: this kernel cannot set an "
				"fsdax alignment (is nd_pfn loaded?)", ndctl_region_get_devname(region));
	if (!create_is_dax_mode(p->mode))
		return why(r, -ENXIO, "--align applies to fsdax and devdax namespaces only, "
				"not %s", mode);
	if (p->mode == NDCTL_NS_MODE_FSDAX)
		ndctl_pfn_get_supported_alignments(pfn, buf);
	else
		ndctl_dax_get_supported_alignments(dax, buf);
	if (listed(buf, op->spec->align))
		return 0;
	return why(r, -ENXIO, "--align %s is not supported by %s for %s: "
			"supported_alignments are %s",
			format_size_short(op->spec->align, s, sizeof(s)),
			ndctl_region_get_devname(region), mode, buf);
}

/*
 * The kernel's default for a new personality: the second of its supported
 * alignments (PMD size, 2M on x86), as upstream's write-infoblock takes it.
 * Not the seed's align attribute, which upstream's create reads: a failed
 * upstream create leaves its -a there (1G), and every later create without
 * -a would then fail.
 */
static unsigned long long pmd_align(struct ndctl_region *region,
		enum ndctl_namespace_mode mode)
{
	struct ndctl_pfn *pfn = ndctl_region_get_pfn_seed(region);
	struct ndctl_dax *dax = ndctl_region_get_dax_seed(region);
	char buf[1024] = "", *end;
	unsigned long long a;

	if (mode == NDCTL_NS_MODE_FSDAX && pfn)
		ndctl_pfn_get_supported_alignments(pfn, buf);
	else if (mode == NDCTL_NS_MODE_DEVDAX && dax)
		ndctl_dax_get_supported_alignments(dax, buf);
	strtoull(buf, &end, 0);
	a = strtoull(end, &end, 0);
	return a ? a : SZ_2M;	/* a kernel without the attribute assumed 2M */
}

/* Without --align: the namespace's own (same mode), else the kernel's default. */
static unsigned long long default_align(struct ndctl_region *region,
		struct ndctl_namespace *ndns, const struct create_plan *p)
{
	unsigned long long page = (unsigned long long)sysconf(_SC_PAGE_SIZE), a = page;
	unsigned long long start = ndctl_region_get_resource(region);

	if (ndns && p->mode == ndctl_namespace_get_mode(ndns)) {
		if (ndctl_namespace_get_pfn(ndns))
			return ndctl_pfn_get_align(ndctl_namespace_get_pfn(ndns));
		if (ndctl_namespace_get_dax(ndns))
			return ndctl_dax_get_align(ndctl_namespace_get_dax(ndns));
		return page;
	}
	if (create_is_dax_mode(p->mode))
		a = pmd_align(region, p->mode);
	/* a region that does not start on it (nfit_test's vmalloc) gets pages */
	if (start != ULLONG_MAX && start % a)
		a = page;
	return a;
}

/* The size is not a multiple of g (what makes it): upstream's own line, 234. */
static int misaligned(struct ns_op *op, struct ndctl_region *region,
		const struct create_plan *p, unsigned long long g, const char *what,
		struct create_reason *r)
{
	char sz[96], gs[32], down[32], up[32];

	size_words(op, region, p->size, sz, sizeof(sz));
	if (p->size > ULLONG_MAX - g)	/* no rounded size to offer: upstream v81's guard */
		return reported(op, r, -EINVAL, "size overflow: %s rounded up to %llu "
				"exceeds 2^64", sz, g);
	format_size_short(g, gs, sizeof(gs));
	format_size_short(ALIGN_UP(p->size, g), up, sizeof(up));
	if (p->size < g)
		return reported(op, r, -EINVAL, "%s is not a multiple of %s (%s): use --size %s",
				sz, gs, what, up);
	return reported(op, r, -EINVAL, "%s is not a multiple of %s (%s): use --size %s or "
			"--size %s", sz, gs, what, format_size_short(ALIGN_DOWN(p->size, g), down,
				sizeof(down)), up);
}

/*
 * The region's own align first, then align x interleave ways, as upstream.
 * Except for -e of a label-less namespace: its size is the region's, fixed,
 * and upstream's refusal of a region that is not a multiple of 16M (QEMU's
 * 1022M) would leave no way to use the region at all.
 */
static int check_size_align(struct ndctl_region *region, struct ndctl_namespace *ndns,
		struct ns_op *op, const struct create_plan *p, struct create_reason *r)
{
	unsigned long long ra = ndctl_region_get_align(region);
	unsigned int ways = ndctl_region_get_interleave_ways(region);
	unsigned long long g = p->align * (ways ? ways : 1);
	char as[64];

	if (ndns && !ndctl_region_is_labeled(region))
		return 0;
	if (ra && ra != ULLONG_MAX && ra != ULONG_MAX && p->size % ra) {
		snprintf(as, sizeof(as), "%s's align", ndctl_region_get_devname(region));
		return misaligned(op, region, p, ra, as, r);
	}
	if (!g || p->size % g == 0)
		return 0;
	snprintf(as, sizeof(as), "%u interleave way%s x align ", ways ? ways : 1,
			ways > 1 ? "s" : "");
	format_size_short(p->align, as + strlen(as), sizeof(as) - strlen(as));
	return misaligned(op, region, p, g, as, r);
}

static bool ns_offers(struct ndctl_namespace *ndns, unsigned long long size)
{
	int n = ndctl_namespace_get_num_sector_sizes(ndns);

	for (int i = 0; i < n; i++)
		if (ndctl_namespace_get_supported_sector_size(ndns, i) == size)
			return true;
	return false;
}

/* -l checked against the btt seed (sector) or the namespace; else a default. */
static int plan_sector_size(struct ndctl_region *region, struct ndctl_namespace *ndns,
		struct ns_op *op, struct create_plan *p, struct create_reason *r)
{
	struct ndctl_namespace *seed = ndns ? ndns : ndctl_region_get_namespace_seed(region);
	struct ndctl_btt *btt = ndctl_region_get_btt_seed(region);
	const char *rn = ndctl_region_get_devname(region);
	char buf[1024] = "";

	if (op->spec->sector_size && p->mode == NDCTL_NS_MODE_SAFE) {
		if (!btt)
			return reported(op, r, -EINVAL, "%s has no btt device: this kernel "
					"cannot make sector namespaces (is nd_btt loaded?)", rn);
		if (!listed(ndctl_btt_get_supported_sector_sizes(btt, buf), op->spec->sector_size))
			return reported(op, r, -EINVAL, "--sector-size %llu is not one %s's btt "
					"offers: %s", op->spec->sector_size, rn, buf);
	} else if (op->spec->sector_size) {
		if (!seed)
			return reported(op, r, -ENXIO, "%s has no namespace seed to check "
					"--sector-size against", rn);
		if (!ns_offers(seed, op->spec->sector_size))
			return reported(op, r, -EINVAL, "--sector-size %llu is not one a %s "
					"namespace of %s offers (see its sector_size attribute)",
					op->spec->sector_size, ndctl_namespace_mode_name(p->mode), rn);
	}
	if (op->spec->sector_size)
		p->sector_size = (unsigned int)op->spec->sector_size;
	else if (ndns && ndctl_namespace_get_btt(ndns) && p->mode == NDCTL_NS_MODE_SAFE)
		p->sector_size = ndctl_btt_get_sector_size(ndctl_namespace_get_btt(ndns));
	else if (ndns)
		p->sector_size = ndctl_namespace_get_sector_size(ndns);
	else if (!seed)
		return reported(op, r, -ENXIO, "%s has no namespace seed: is it enabled?", rn);
	else
		p->sector_size = ndctl_namespace_get_num_sector_sizes(seed) ? 512 : UINT_MAX;
	return 0;
}

/* fsdax/devdax need the region start on a 16 MiB boundary (memory hotplug). */
static int check_start(struct ndctl_region *region, struct ns_op *op,
		const struct create_plan *p, struct create_reason *r)
{
	unsigned long long start = ndctl_region_get_resource(region);

	if (!create_is_dax_mode(p->mode) || op->spec->force || !start || start == ULLONG_MAX ||
			start % SZ_16M == 0)
		return 0;
	return why(r, -EINVAL, "%s starts at %#llx, not 16 MiB aligned: %s namespaces "
			"there cannot be enabled. Give its QEMU memory-backend-file align=128M "
			"(or make every vNVDIMM size a multiple of 128M)",
			ndctl_region_get_devname(region), start,
			ndctl_namespace_mode_name(p->mode));
}

/* Mode, then align: both decide the size's granule. */
static int plan_mode_align(struct ndctl_region *region, struct ndctl_namespace *ndns,
		struct ns_op *op, struct create_plan *p, struct create_reason *r)
{
	p->mode = op->spec->mode_given ? op->spec->mode :
		ndns ? ndctl_namespace_get_mode(ndns) : NDCTL_NS_MODE_FSDAX;
	if (p->mode == NDCTL_NS_MODE_DEVDAX && !ndctl_region_get_dax_seed(region))
		return why(r, -ENODEV, "%s has no dax device: this kernel cannot make devdax "
				"namespaces (is dax_pmem loaded?)", ndctl_region_get_devname(region));
	if (op->spec->align)
		return check_align_given(region, op, p, r) ?: (p->align = op->spec->align, 0);
	p->align = default_align(region, ndns, p);
	return 0;
}

static int check_small(struct ndctl_region *region, struct ndctl_namespace *ndns,
		struct ns_op *op, const struct create_plan *p, struct create_reason *r)
{
	char what[96];

	if (p->size >= NS_MIN_SIZE || p->mode == NDCTL_NS_MODE_RAW)
		return 0;
	if (ndns && !op->spec->size_given)
		return why(r, -EINVAL, "%s has size %llu: a %s namespace needs 16 MiB or "
				"more: give --size", ndctl_namespace_get_devname(ndns), p->size,
				ndctl_namespace_mode_name(p->mode));
	return why(r, !ndns && !op->spec->size_given ? -EAGAIN : -EINVAL, "%s is below the "
			"16 MiB minimum for a %s namespace%s", size_words(op, region, p->size, what,
				sizeof(what)), ndctl_namespace_mode_name(p->mode),
			op->spec->size_given || ndns ? ": use --size 16M or more" : "");
}

int create_plan_region(struct ndctl_region *region, struct ndctl_namespace *ndns,
		struct ns_op *op, struct create_plan *p, struct create_reason *r)
{
	int rc = 0;

	memset(p, 0, sizeof(*p));
	if (!ndctl_region_is_enabled(region))
		return why(r, -EAGAIN, "%s is disabled: 'ndctl enable-region %s'",
				ndctl_region_get_devname(region), ndctl_region_get_devname(region));
	p->size = op->spec->size_given ? op->spec->size :
		ndns ? ndctl_namespace_get_size(ndns) : 0;
	if (!ndns)
		rc = plan_capacity(region, op, p, r);
	if (!rc)
		rc = check_labelless(region, op, p, r);
	p->map_mem = op->spec->map == NDCTL_PFN_LOC_RAM;
	snprintf(p->name, sizeof(p->name), "%s", op->spec->name ? op->spec->name :
			ndns ? ndctl_namespace_get_alt_name(ndns) : "");
	if (!rc)
		rc = plan_mode_align(region, ndns, op, p, r);
	if (!rc)
		rc = check_size_align(region, ndns, op, p, r);
	if (!rc)
		rc = check_small(region, ndns, op, p, r);
	if (!rc)
		rc = plan_sector_size(region, ndns, op, p, r);
	if (!rc && op->spec->map != NDCTL_PFN_LOC_NONE && ndns && !create_is_dax_mode(p->mode))
		rc = reported(op, r, -EINVAL, "--map applies to fsdax and devdax namespaces "
				"only, not %s", ndctl_namespace_mode_name(p->mode));
	if (!rc)
		rc = check_start(region, op, p, r);
	if (rc || ndns || create_region_namespace(region))
		return rc;
	if (ndctl_region_is_labeled(region))
		return why(r, -EAGAIN, "%s has no idle namespace to configure",
				ndctl_region_get_devname(region));
	return why(r, -EAGAIN, "%s is label-less: its one namespace covers it all and is in "
			"use ('ndctl create-namespace -f -e namespace%u.0 -m MODE' converts it)",
			ndctl_region_get_devname(region), ndctl_region_get_id(region));
}

static int check_uuid_unused(struct ns_op *op)
{
	struct ndctl_region *region;
	struct ndctl_namespace *ndns;
	struct ndctl_bus *bus;
	char s[40];

	if (!op->spec->uuid_given)
		return 0;
	ndctl_bus_foreach(op->ctx, bus)
		ndctl_region_foreach(bus, region)
			ndctl_namespace_foreach(region, ndns) {
				uuid_t uu;

				ndctl_namespace_get_uuid(ndns, uu);
				if (uuid_compare(uu, op->spec->uuid) ||
						!ndctl_namespace_is_configured(ndns))
					continue;
				uuid_unparse(op->spec->uuid, s);
				ops_note(op, LOG_ERR, "uuid %s is already used by %s: choose another "
						"--uuid or 'ndctl destroy-namespace -f %s'", s,
						ndctl_namespace_get_devname(ndns),
						ndctl_namespace_get_devname(ndns));
				/* the kernel's uuid write refuses it */
				op->res->named_by_upstream = true;
				return -EINVAL;
			}
	return 0;
}

/* ndkit's autolabel: a label-less region none would take otherwise. */
static int pick_after_autolabel(struct ns_op *op, struct ndctl_region *unlabeled,
		struct ndctl_region **out, struct create_plan *plan)
{
	char name[64];

	snprintf(name, sizeof(name), "%s", ndctl_region_get_devname(unlabeled));
	if (create_autolabel(op, unlabeled))
		return -EIO;
	ndctl_invalidate(op->ctx);
	op->autolabeled = true;
	snprintf(op->only_region, sizeof(op->only_region), "%s", name);
	return create_pick_region(op, out, plan);
}

/* The caller's filter, and after autolabel only the region it labeled. */
static bool region_wanted(const struct ns_op *op, struct ndctl_region *region)
{
	if (op->only_region[0] && strcmp(op->only_region, ndctl_region_get_devname(region)))
		return false;
	return !op->spec->region_filter || op->spec->region_filter(region, op->spec->filter_arg);
}

static int no_region(struct ns_op *op)
{
	const char *asked = op->spec->region_asked;

	ops_note(op, LOG_ERR, "no region matches%s%s: see 'ndctl list -Ri'", asked ? " " : "",
			asked ? asked : "");
	return -ENXIO;
}

int create_pick_region(struct ns_op *op, struct ndctl_region **out, struct create_plan *plan)
{
	struct create_reason first = { "" }, r;
	struct ndctl_region *region, *unlabeled = NULL;
	struct ndctl_bus *bus;
	bool any = false;

	if (check_uuid_unused(op))
		return -EINVAL;
	ndctl_bus_foreach(op->ctx, bus)
		ndctl_region_foreach(bus, region) {
			int rc;

			if (!region_wanted(op, region))
				continue;
			if (!unlabeled && !op->autolabeled && create_can_autolabel(region, op)) {
				unlabeled = region;
				continue;
			}
			rc = create_plan_region(region, NULL, op, plan, &r);
			if (!rc) {
				*out = region;
				return 0;
			}
			if (rc != -EAGAIN) {
				ops_note(op, LOG_ERR, "%s", r.text);
				return rc;
			}
			if (!any)
				first = r;
			any = true;
		}
	if (unlabeled)
		return pick_after_autolabel(op, unlabeled, out, plan);
	if (!any && !op->autolabeled)
		return no_region(op);
	if (!op->spec->quiet_full && first.text[0])
		ops_note(op, LOG_ERR, "%s", first.text);
	return -ENOSPC;
}
