// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * check-namespace's I/O: the namespace bound raw and mapped whole, as
 * upstream maps it, for the BTT layout check over those bytes
 * (btt/discover.c). Changes reach the media only with REPAIR (msync).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <sys/mman.h>
#include <unistd.h>
#include "internal.h"

static void say(ndctl_btt_report_fn report, void *arg, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void say(ndctl_btt_report_fn report, void *arg, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	if (!report)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	report(arg, LOG_ERR, "namespace_check", msg);
}

static int check_mapped(struct ndctl_namespace *ndns, int fd, unsigned flags,
		ndctl_btt_report_fn report, void *arg)
{
	bool repair = flags & NDCTL_BTT_CHECK_REPAIR;
	uint64_t size = ndctl_namespace_get_size(ndns);
	void *ns = mmap(NULL, size, repair ? PROT_READ | PROT_WRITE : PROT_READ, MAP_SHARED,
			fd, 0);
	uuid_t uuid;
	int rc;

	if (ns == MAP_FAILED) {
		rc = -errno;
		say(report, arg, "%s: mmap of %#llx bytes failed: %s\n", ndns->dev.name,
				(unsigned long long)size, strerror(-rc));
		return rc;
	}
	ndctl_namespace_get_uuid(ndns, uuid);
	rc = ndctl_btt_layout_check(ns, size, uuid, flags, report, arg);
	if (repair && msync(ns, size, MS_SYNC) < 0 && !rc)
		rc = -errno;
	munmap(ns, size);
	return rc;
}

NDCTL_EXPORT int ndctl_namespace_check_btt(struct ndctl_namespace *ndns, unsigned flags,
		ndctl_btt_report_fn report, void *arg)
{
	int oflags = (flags & NDCTL_BTT_CHECK_REPAIR ? O_RDWR : O_RDONLY) | O_EXCL;
	int fd, rc;

	if ((flags & NDCTL_BTT_CHECK_REWRITE_LOG) && !(flags & NDCTL_BTT_CHECK_REPAIR))
		return -EINVAL;
	if (!ndctl_namespace_is_configured(ndns)) {
		say(report, arg, "%s: failed to enable in raw mode: %s (%d)\n", ndns->dev.name,
				strerror(ENXIO), -ENXIO);
		return -ENXIO;
	}
	fd = namespace_raw_open(ndns, oflags);
	if (fd == -EBUSY && ndctl_namespace_is_active(ndns)) {
		say(report, arg, "%s: check aborted, namespace online\n", ndns->dev.name);
		return fd;
	}
	if (fd < 0) {
		say(report, arg, "%s: could not be bound raw and opened: %s\n", ndns->dev.name,
				strerror(-fd));
		return fd;
	}
	rc = check_mapped(ndns, fd, flags, report, arg);
	namespace_raw_close(ndns, fd);
	return rc;
}
