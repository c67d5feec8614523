// SPDX-License-Identifier: GPL-2.0-only
/* A user's first program, built against the installed headers only. */
#include <stdio.h>
#include <syslog.h>
#include <ndctl/libndctl.h>
#include <daxctl/libdaxctl.h>

int main(void)
{
	struct ndctl_ctx *nd = NULL;
	struct daxctl_ctx *dax = NULL;
	int rc;

	rc = ndctl_new(&nd);
	if (rc) {
		fprintf(stderr, "ndctl_new: %d\n", rc);
		return 1;
	}
	rc = daxctl_new(&dax);
	if (rc) {
		fprintf(stderr, "daxctl_new: %d\n", rc);
		ndctl_unref(nd);
		return 1;
	}
	ndctl_set_log_priority(nd, LOG_DEBUG);
	daxctl_set_log_priority(dax, LOG_DEBUG);
	printf("ndkit %s log %d %d\n", ndctl_get_version(),
			ndctl_get_log_priority(nd), daxctl_get_log_priority(dax));
	daxctl_unref(dax);
	ndctl_unref(nd);
	return 0;
}
