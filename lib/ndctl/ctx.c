// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "config.h"
#include "private.h"
#include "util/sysfs.h"

static void forward_log(struct log_ctx *log, int priority, const char *file,
		int line, const char *fn, const char *format, va_list args)
{
	struct ndctl_ctx *ctx = log->owner_ctx;

	ctx->app_log_fn(ctx, priority, file, line, fn, format, args);
}

NDCTL_EXPORT int ndctl_new(struct ndctl_ctx **out)
{
	struct ndctl_ctx *ctx = calloc(1, sizeof(*ctx));

	if (!ctx)
		return -ENOMEM;
	ctx->refcount = 1;
	ctx->root = strdup("");
	if (!ctx->root) {
		free(ctx);
		return -ENOMEM;
	}
	log_init(&ctx->log, "libndctl", "NDCTL_LOG");
	ctx->log.owner_ctx = ctx;
	dbg(ctx, "ctx %p created\n", (void *)ctx);
	*out = ctx;
	return 0;
}

NDCTL_EXPORT struct ndctl_ctx *ndctl_ref(struct ndctl_ctx *ctx)
{
	if (ctx)
		ctx->refcount++;
	return ctx;
}

NDCTL_EXPORT struct ndctl_ctx *ndctl_unref(struct ndctl_ctx *ctx)
{
	if (!ctx || --ctx->refcount > 0)
		return ctx;
	ndctl_topology_free(ctx->topology);
	free(ctx->root);
	free(ctx);
	return NULL;
}

NDCTL_EXPORT void ndctl_set_log_fn(struct ndctl_ctx *ctx,
		void (*log_fn)(struct ndctl_ctx *ctx, int priority,
			const char *file, int line, const char *fn,
			const char *format, va_list args))
{
	ctx->app_log_fn = log_fn;
	if (log_fn)
		ctx->log.fn = forward_log;
	else
		log_init(&ctx->log, "libndctl", "NDCTL_LOG");
	ctx->log.owner_ctx = ctx;
}

NDCTL_EXPORT int ndctl_get_log_priority(struct ndctl_ctx *ctx)
{
	return ctx->log.priority;
}

NDCTL_EXPORT void ndctl_set_log_priority(struct ndctl_ctx *ctx, int priority)
{
	ctx->log.priority = priority;
}

NDCTL_EXPORT void ndctl_set_userdata(struct ndctl_ctx *ctx, void *userdata)
{
	ctx->userdata = userdata;
}

NDCTL_EXPORT void *ndctl_get_userdata(struct ndctl_ctx *ctx)
{
	return ctx->userdata;
}

NDCTL_EXPORT int ndctl_set_root(struct ndctl_ctx *ctx, const char *root)
{
	return root_replace(&ctx->root, root);
}

NDCTL_EXPORT const char *ndctl_get_root(struct ndctl_ctx *ctx)
{
	return ctx->root[0] ? ctx->root : "/";
}

NDCTL_EXPORT const char *ndctl_get_version(void)
{
	return NDKIT_VERSION;
}
