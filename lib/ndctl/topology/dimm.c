// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

int dimm_add(struct ndctl_bus *bus, const char *name)
{
	struct ndctl_dimm *dimm = nd_obj_under(sizeof(*dimm), &bus->dev, name);

	if (!dimm)
		return -ENOMEM;
	dimm->bus = bus;
	dimm->id = (unsigned int)strtoul(name + strlen("nmem"), NULL, 10);
	list_append(bus->dimms, dimm);
	return 0;
}

LIB_MEMBER_GETTER(struct ndctl_dimm *, ndctl_dimm_get_first, struct ndctl_bus, dimms)
LIB_MEMBER_GETTER(struct ndctl_dimm *, ndctl_dimm_get_next, struct ndctl_dimm, next)
LIB_MEMBER_GETTER(struct ndctl_bus *, ndctl_dimm_get_bus, struct ndctl_dimm, bus)
LIB_MEMBER_GETTER(struct ndctl_ctx *, ndctl_dimm_get_ctx, struct ndctl_dimm, dev.ctx)
LIB_MEMBER_GETTER(const char *, ndctl_dimm_get_devname, struct ndctl_dimm, dev.name)
LIB_MEMBER_GETTER(unsigned int, ndctl_dimm_get_id, struct ndctl_dimm, id)

/* As upstream: NULL when the DIMM has no nfit/id (older kernels, other buses). */
NDCTL_EXPORT const char *ndctl_dimm_get_unique_id(struct ndctl_dimm *dimm)
{
	char buf[SYSFS_ATTR_SIZE];

	if (nd_dev_read(&dimm->dev, "nfit/id", buf))
		return NULL;
	snprintf(dimm->unique_id, sizeof(dimm->unique_id), "%.63s", buf);
	return dimm->unique_id;
}

/* As upstream: all ones (its -1) when the DIMM has no nfit attributes. */
NDCTL_EXPORT unsigned int ndctl_dimm_get_handle(struct ndctl_dimm *dimm)
{
	return (unsigned int)nd_dev_u64_or_max(&dimm->dev, "nfit/handle");
}

NDCTL_EXPORT unsigned short ndctl_dimm_get_phys_id(struct ndctl_dimm *dimm)
{
	return (unsigned short)nd_dev_u64_or_max(&dimm->dev, "nfit/phys_id");
}

NDCTL_EXPORT int ndctl_dimm_is_enabled(struct ndctl_dimm *dimm)
{
	return nd_dev_has_driver(&dimm->dev);
}

/* As upstream: -ENXIO when "state" cannot be read. */
NDCTL_EXPORT int ndctl_dimm_is_active(struct ndctl_dimm *dimm)
{
	char buf[SYSFS_ATTR_SIZE];

	if (nd_dev_read(&dimm->dev, "state", buf))
		return -ENXIO;
	return strcmp(buf, "active") == 0;
}

NDCTL_EXPORT int ndctl_dimm_enable(struct ndctl_dimm *dimm)
{
	return nd_dev_enable(&dimm->dev);
}

NDCTL_EXPORT int ndctl_dimm_disable(struct ndctl_dimm *dimm)
{
	if (ndctl_dimm_is_active(dimm) > 0) {
		err(dimm->dev.ctx, "%s is active: disable the regions using it first\n",
				dimm->dev.name);
		return -EBUSY;
	}
	return nd_dev_disable(&dimm->dev);
}

NDCTL_EXPORT unsigned int ndctl_dimm_get_available_slots(struct ndctl_dimm *dimm)
{
	return (unsigned int)nd_dev_u64(&dimm->dev, "available_slots");
}

/* The nfit unsafe-shutdown count; -ENOENT when the DIMM reports none (QEMU). */
NDCTL_EXPORT long long ndctl_dimm_get_dirty_shutdown(struct ndctl_dimm *dimm)
{
	char buf[SYSFS_ATTR_SIZE];

	if (nd_dev_read(&dimm->dev, "nfit/dirty_shutdown", buf))
		return -ENOENT;
	return sysfs_loose_s64(buf, -ENOENT);
}

/*
 * The NFIT's memory-device state flags, as the kernel lists them in
 * nfit/flags ("save_fail map_fail ..."; empty on QEMU, absent off NFIT).
 */
static bool dimm_has_flag(struct ndctl_dimm *dimm, const char *token)
{
	char buf[SYSFS_ATTR_SIZE], *tok, *save = NULL;

	if (nd_dev_read(&dimm->dev, "nfit/flags", buf))
		return false;
	for (tok = strtok_r(buf, " \n", &save); tok; tok = strtok_r(NULL, " \n", &save))
		if (strcmp(tok, token) == 0)
			return true;
	return false;
}

/*
 * Upstream's API gives each token of nfit/flags a getter of its own. They differ only in
 * the token, so one macro defines them all and the rule stays in dimm_has_flag().
 */
#define NDCTL_DIMM_FLAG_GETTER(name, token)				\
	NDCTL_EXPORT int name(struct ndctl_dimm *dimm)			\
	{								\
		return dimm_has_flag(dimm, token);			\
	}

NDCTL_DIMM_FLAG_GETTER(ndctl_dimm_failed_save, "save_fail")
NDCTL_DIMM_FLAG_GETTER(ndctl_dimm_failed_arm, "not_armed")
NDCTL_DIMM_FLAG_GETTER(ndctl_dimm_failed_restore, "restore_fail")
NDCTL_DIMM_FLAG_GETTER(ndctl_dimm_failed_flush, "flush_fail")
NDCTL_DIMM_FLAG_GETTER(ndctl_dimm_failed_map, "map_fail")
NDCTL_DIMM_FLAG_GETTER(ndctl_dimm_smart_pending, "smart_event")
NDCTL_DIMM_FLAG_GETTER(ndctl_dimm_has_notifications, "smart_notify")

NDCTL_EXPORT int ndctl_dimm_has_errors(struct ndctl_dimm *dimm)
{
	return ndctl_dimm_failed_save(dimm) || ndctl_dimm_failed_arm(dimm) ||
		ndctl_dimm_failed_restore(dimm) || ndctl_dimm_failed_flush(dimm) ||
		ndctl_dimm_failed_map(dimm) || ndctl_dimm_smart_pending(dimm);
}

static const char *const security_names[] = {
	[NDCTL_SECURITY_DISABLED] = "disabled",
	[NDCTL_SECURITY_UNLOCKED] = "unlocked",
	[NDCTL_SECURITY_LOCKED] = "locked",
	[NDCTL_SECURITY_FROZEN] = "frozen",
	[NDCTL_SECURITY_OVERWRITE] = "overwrite",
};

const char *dimm_security_name(enum ndctl_security_state state)
{
	if (state < 0 || (size_t)state >= sizeof(security_names) / sizeof(security_names[0]))
		return NULL;
	return security_names[state];
}

NDCTL_EXPORT enum ndctl_security_state ndctl_dimm_get_security(struct ndctl_dimm *dimm)
{
	char buf[SYSFS_ATTR_SIZE];
	unsigned i;

	if (nd_dev_read(&dimm->dev, "security", buf))
		return NDCTL_SECURITY_INVALID;
	for (i = 0; i < sizeof(security_names) / sizeof(security_names[0]); i++)
		if (strcmp(buf, security_names[i]) == 0)
			return (enum ndctl_security_state)i;
	return NDCTL_SECURITY_INVALID;
}

/* Frozen either way the kernel says it: the state itself, or (since 5.x) "frozen" beside it. */
NDCTL_EXPORT bool ndctl_dimm_security_is_frozen(struct ndctl_dimm *dimm)
{
	char buf[SYSFS_ATTR_SIZE];

	if (ndctl_dimm_get_security(dimm) == NDCTL_SECURITY_FROZEN)
		return true;
	if (nd_dev_read(&dimm->dev, "frozen", buf))
		return false;
	return strtoul(buf, NULL, 0) != 0;
}
