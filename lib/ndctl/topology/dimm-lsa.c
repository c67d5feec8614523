// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A DIMM's label area, owned by the DIMM: open it (refusing a busy DIMM for
 * writing), read or initialize it, and make the kernel reread it afterwards.
 * Every failure is logged through the context with the fix: the DIMM's own
 * checks here, and every error of the transport (it is opened from the
 * context) from its open to its last I/O.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "internal.h"

/* The first enabled region with a mapping on dimm, or NULL. */
static struct ndctl_region *enabled_region_of(struct ndctl_dimm *dimm)
{
	struct ndctl_region *region;

	for (region = dimm->bus->regions; region; region = region->next) {
		if (!ndctl_region_is_enabled(region))
			continue;
		for (struct ndctl_mapping *m = region->mappings; m; m = m->next)
			if (m->dimm == dimm)
				return region;
	}
	return NULL;
}

NDCTL_EXPORT int ndctl_dimm_check_idle(struct ndctl_dimm *dimm)
{
	struct ndctl_region *region = enabled_region_of(dimm);
	struct ndctl_ctx *ctx = dimm->dev.ctx;

	if (region) {
		err(ctx, "%s is in use by enabled %s: run 'ndctl disable-region %s' first\n",
				dimm->dev.name, region->dev.name, region->dev.name);
		return -EBUSY;
	}
	if (ndctl_dimm_is_active(dimm) > 0) {
		err(ctx, "%s is active: disable the regions using it first (ndctl disable-region all)\n",
				dimm->dev.name);
		return -EBUSY;
	}
	return 0;
}

NDCTL_EXPORT int ndctl_dimm_lsa_open(struct ndctl_dimm *dimm, unsigned flags,
		struct ndctl_lsa_xport **out)
{
	struct ndctl_ctx *ctx = dimm->dev.ctx;
	const char *root = ndctl_get_root(ctx);
	struct ndctl_lsa_xport *t = NULL;
	char path[PATH_MAX];
	int rc;

	*out = NULL;
	if (geteuid() != 0) {	/* first: a user cannot act on "disable the region" either */
		err(ctx, "%s: the label area of /dev/%s is readable by root only: run as root\n",
				dimm->dev.name, dimm->dev.name);
		return -EPERM;
	}
	if ((flags & NDCTL_LSA_WRITABLE) && (rc = ndctl_dimm_check_idle(dimm)))
		return rc;
	rc = path_printf(path, sizeof(path), "%s/dev/%s", strcmp(root, "/") ? root : "",
			dimm->dev.name);
	if (rc < 0) {
		err(ctx, "%s: its device path under %s is too long\n", dimm->dev.name, root);
		return rc;
	}
	/* from its first step the transport logs every error through ctx */
	rc = ndctl_lsa_dsm_open(ctx, path, flags, &t);
	if (rc < 0) {
		ndctl_lsa_xport_close(t);
		return rc;
	}
	*out = t;
	return 0;
}

NDCTL_EXPORT int ndctl_dimm_revalidate_labels(struct ndctl_dimm *dimm)
{
	int rc;

	if (!ndctl_dimm_is_enabled(dimm))
		return 0;	/* not bound: the kernel holds no cached copy */
	rc = ndctl_dimm_disable(dimm);
	if (rc == 0)
		rc = ndctl_dimm_enable(dimm);
	if (rc < 0)
		err(dimm->dev.ctx, "%s: labels written, but re-enabling it failed (%s): run "
				"'ndctl enable-dimm %s'\n", dimm->dev.name, strerror(-rc),
				dimm->dev.name);
	return rc;
}

NDCTL_EXPORT int ndctl_dimm_read_labels(struct ndctl_dimm *dimm, unsigned load_flags,
		struct ndctl_lsa **out)
{
	struct ndctl_lsa_xport *t;
	int rc = ndctl_dimm_lsa_open(dimm, 0, &t);

	*out = NULL;
	if (rc == 0)
		rc = ndctl_lsa_load(t, load_flags, out);
	ndctl_lsa_xport_close(t);
	return rc;
}

NDCTL_EXPORT int ndctl_dimm_init_labels(struct ndctl_dimm *dimm, unsigned labelsize)
{
	struct ndctl_lsa_xport *t;
	int rc = ndctl_dimm_lsa_open(dimm, NDCTL_LSA_WRITABLE, &t);

	if (rc == 0)
		rc = ndctl_lsa_init(t, labelsize, NULL);
	ndctl_lsa_xport_close(t);
	return rc ? rc : ndctl_dimm_revalidate_labels(dimm);
}
