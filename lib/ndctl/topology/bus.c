// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "internal.h"

int bus_add(struct ndctl_topology *topo, struct ndctl_ctx *ctx, const char *name)
{
	struct ndctl_bus *bus = nd_obj_new(sizeof(*bus), ctx, &topo->attrs, name);

	if (!bus)
		return -ENOMEM;
	bus->id = (unsigned int)strtoul(name + strlen("ndbus"), NULL, 10);
	list_append(topo->buses, bus);
	return 0;
}

void bus_free(struct ndctl_bus *bus)
{
	while (bus->dimms) {
		struct ndctl_dimm *next = bus->dimms->next;

		nd_dev_release(&bus->dimms->dev);
		free(bus->dimms);
		bus->dimms = next;
	}
	while (bus->regions) {
		struct ndctl_region *next = bus->regions->next;

		region_free(bus->regions);
		bus->regions = next;
	}
	nd_dev_release(&bus->dev);
	free(bus);
}

NDCTL_EXPORT struct ndctl_bus *ndctl_bus_get_first(struct ndctl_ctx *ctx)
{
	struct ndctl_topology *topo = topology_get(ctx);

	return topo ? topo->buses : NULL;
}

LIB_MEMBER_GETTER(struct ndctl_bus *, ndctl_bus_get_next, struct ndctl_bus, next)
LIB_MEMBER_GETTER(struct ndctl_ctx *, ndctl_bus_get_ctx, struct ndctl_bus, dev.ctx)
LIB_MEMBER_GETTER(const char *, ndctl_bus_get_devname, struct ndctl_bus, dev.name)
LIB_MEMBER_GETTER(unsigned int, ndctl_bus_get_id, struct ndctl_bus, id)

NDCTL_EXPORT const char *ndctl_bus_get_provider(struct ndctl_bus *bus)
{
	static __thread char provider[SYSFS_ATTR_SIZE];

	nd_dev_read(&bus->dev, "provider", provider);
	return provider;
}

NDCTL_EXPORT struct ndctl_bus *ndctl_bus_get_by_provider(struct ndctl_ctx *ctx,
		const char *provider)
{
	struct ndctl_bus *bus;

	for (bus = ndctl_bus_get_first(ctx); bus; bus = bus->next)
		if (strcmp(ndctl_bus_get_provider(bus), provider) == 0)
			return bus;
	return NULL;
}

/*
 * nfit/scrub: "COUNT" when idle, "COUNT+" while an address range scrub runs.
 * Read past the cache: the kernel changes it on its own. A bus without ARS
 * (QEMU's NFIT, e820) has no such attribute: -EOPNOTSUPP, as upstream.
 */
static int bus_read_scrub(struct ndctl_bus *bus, unsigned int *count, bool *active)
{
	char buf[SYSFS_ATTR_SIZE], *end;
	unsigned long n;

	if (nd_dev_read_fresh(&bus->dev, "nfit/scrub", buf))
		return -EOPNOTSUPP;
	errno = 0;
	n = strtoul(buf, &end, 10);
	if (errno || end == buf || n > UINT_MAX || (*end && strcmp(end, "+") != 0))
		return -ENXIO;
	*count = (unsigned int)n;
	*active = *end == '+';
	return 0;
}

NDCTL_EXPORT int ndctl_bus_get_scrub_state(struct ndctl_bus *bus)
{
	unsigned int count;
	bool active;
	int rc = bus_read_scrub(bus, &count, &active);

	return rc < 0 ? rc : active;
}

NDCTL_EXPORT unsigned int ndctl_bus_get_scrub_count(struct ndctl_bus *bus)
{
	unsigned int count;
	bool active;
	int rc = bus_read_scrub(bus, &count, &active);

	if (rc < 0) {
		errno = -rc;
		return UINT_MAX;
	}
	return count;
}

NDCTL_EXPORT int ndctl_bus_has_nfit(struct ndctl_bus *bus)
{
	char buf[SYSFS_ATTR_SIZE];

	return bus && nd_dev_read(&bus->dev, "nfit/revision", buf) == 0;
}

/* nfit/dsm_mask: the NFIT bus DSMs (NFIT_CMD_*) the firmware offers. */
bool nd_bus_has_nfit_dsm(struct ndctl_bus *bus, unsigned int func)
{
	char buf[SYSFS_ATTR_SIZE];

	if (!ndctl_bus_has_nfit(bus) || nd_dev_read(&bus->dev, "nfit/dsm_mask", buf))
		return false;
	return (strtoull(buf, NULL, 0) >> func) & 1;
}

/*
 * A write of nfit/scrub; its failures logged at debug only, as upstream's:
 * they are the command's answer (absent on a bus without ARS, EBUSY).
 */
static int scrub_write(struct ndctl_bus *bus)
{
	char path[PATH_MAX];
	int rc;

	if (path_printf(path, sizeof(path), "%s/nfit/scrub", bus->dev.path))
		return -ENAMETOOLONG;
	rc = sysfs_write_attr_quiet(&bus->dev.ctx->base.log, path, "1\n");
	nd_attrs_stale(bus->dev.cache);
	return rc;
}

NDCTL_EXPORT int ndctl_bus_start_scrub(struct ndctl_bus *bus)
{
	int rc;

	if (!ndctl_bus_has_nfit(bus))
		return -EOPNOTSUPP;
	rc = scrub_write(bus);
	/*
	 * As upstream: the kernel refuses with EBUSY while it backs off
	 * between ARS polls even when the scrub is idle; wait one poll
	 * cycle for it and ask once more.
	 */
	if (rc == -EBUSY && ndctl_bus_poll_scrub_completion(bus, 1, 1) == 0)
		rc = scrub_write(bus);
	return rc;
}

/* How long to sleep in poll(): upstream's choice between interval and timeout. */
static int scrub_poll_ms(unsigned int interval, unsigned int timeout)
{
	unsigned int s = !timeout ? interval : !interval ? timeout
		: interval < timeout ? interval : timeout;

	return s ? (int)(s * 1000) : -1;
}

/*
 * After a poll() that timed out: 1 to poll again, 0 to give up with
 * ETIMEDOUT; upstream's bookkeeping of the time left.
 */
static int scrub_poll_again(unsigned int *interval, unsigned int *timeout)
{
	if (!*timeout)
		return 1;
	if (!*interval || *interval > *timeout)
		return 0;
	if (*timeout > *interval) {
		*timeout -= *interval;
	} else {
		*timeout = 1;
		*interval = 0;
	}
	return 1;
}

/*
 * The kernel's view of the scrub: nfit/scrub changes and is notified
 * (sysfs_notify) when ARS completes, so poll() wakes then; the interval
 * only bounds each sleep.
 */
static int scrub_wait(struct ndctl_bus *bus, int fd, unsigned int interval,
		unsigned int timeout)
{
	struct pollfd pfd = { .fd = fd, .events = POLLPRI };
	unsigned int count;
	bool active;
	char byte;
	int rc;

	for (;;) {
		/* a read of the open file arms poll(): before the state, not to miss its change */
		if (pread(fd, &byte, 1, 0) < 0)
			return -errno;
		if (bus_read_scrub(bus, &count, &active))
			return -EOPNOTSUPP;
		if (!active)
			return 0;
		rc = poll(&pfd, 1, scrub_poll_ms(interval, timeout));
		if (rc < 0)
			return -errno;
		dbg(bus->dev.ctx, "%s: poll wake: rc: %d\n", bus->dev.name, rc);
		if (rc == 0 && !scrub_poll_again(&interval, &timeout))
			return -ETIMEDOUT;
	}
}

NDCTL_EXPORT int ndctl_bus_poll_scrub_completion(struct ndctl_bus *bus,
		unsigned int poll_interval, unsigned int timeout)
{
	char path[PATH_MAX];
	int fd, rc;

	if (!ndctl_bus_has_nfit(bus))
		return -EOPNOTSUPP;
	if (path_printf(path, sizeof(path), "%s/nfit/scrub", bus->dev.path))
		return -ENAMETOOLONG;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	rc = scrub_wait(bus, fd, poll_interval, timeout);
	close(fd);
	nd_attrs_stale(bus->dev.cache);	/* a finished scrub updated the bad block lists */
	if (rc)
		dbg(bus->dev.ctx, "%s: error waiting for scrub completion: %s\n",
				bus->dev.name, strerror(-rc));
	else
		dbg(bus->dev.ctx, "%s: scrub complete\n", bus->dev.name);
	return rc;
}

NDCTL_EXPORT int ndctl_bus_wait_for_scrub_completion(struct ndctl_bus *bus)
{
	return ndctl_bus_poll_scrub_completion(bus, 0, 0);
}

NDCTL_EXPORT int ndctl_bus_has_error_injection(struct ndctl_bus *bus)
{
	return nd_bus_has_nfit_dsm(bus, NFIT_CMD_ARS_INJECT_SET) &&
		nd_bus_has_nfit_dsm(bus, NFIT_CMD_ARS_INJECT_GET) &&
		nd_bus_has_nfit_dsm(bus, NFIT_CMD_ARS_INJECT_CLEAR);
}
