// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ndctl_namespace_create(): the region scan, the writes and their undo
 * (plan.c, create.c, undo.c), tried again when another writer takes the
 * seed; and where the explanations go (the caller's note, else the log).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include "ops.h"
#include "../private.h"

void ops_note(struct ns_op *op, int priority, const char *fmt, ...)
{
	char line[sizeof(op->res->reason)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (priority <= LOG_ERR)
		memcpy(op->res->reason, line, sizeof(line));
	if (op->spec->note)
		op->spec->note(op->spec->note_arg, priority, line);
	else
		log_cond(&op->ctx->base.log, priority, "%s\n", line);
}

/*
 * A raw namespace that another writer's personality still names: that writer's
 * bind fails (the namespace is active) and its claim passes. Wait a moment for
 * it, so the caller sees the namespace this create made, not the passing claim.
 */
static void wait_claim_passes(struct ndctl_ctx *ctx, const char *devname)
{
	for (int i = 0; i < 50; i++) {
		struct ndctl_namespace *ndns = create_find_namespace(ctx, devname);
		bool bound;

		if (!ndns || !create_claim(ndns, &bound))
			return;
		usleep(20 * 1000);
		ndctl_invalidate(ctx);
	}
}

#define CREATE_ATTEMPTS 3

NDCTL_EXPORT int ndctl_namespace_create(struct ndctl_ctx *ctx,
		const struct ndctl_namespace_spec *spec, struct ndctl_namespace_result *res)
{
	struct ns_op op = { .ctx = ctx, .spec = spec, .res = res };
	struct ndctl_region *region;
	struct create_plan plan;
	int rc;

	memset(res, 0, sizeof(*res));
	/* another writer taking the seed (-EAGAIN): scan again, a few times */
	for (int attempt = 1; ; attempt++) {
		rc = create_pick_region(&op, &region, &plan);
		if (rc)
			return rc;
		rc = create_in_region(region, &op, &plan);
		ndctl_invalidate(ctx);
		if (rc != -EAGAIN || attempt == CREATE_ATTEMPTS)
			break;
		ops_note(&op, LOG_WARNING, "trying again (%d of %d)", attempt + 1,
				CREATE_ATTEMPTS);
	}
	if (rc)
		return rc;
	if (plan.mode == NDCTL_NS_MODE_RAW)
		wait_claim_passes(ctx, res->devname);
	res->ndns = create_find_namespace(ctx, res->devname);
	return 0;
}
