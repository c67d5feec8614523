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
	struct daxctl_ctx *ctx = log->owner_ctx;

	ctx->app_log_fn(ctx, priority, file, line, fn, format, args);
}

DAXCTL_EXPORT int daxctl_new(struct daxctl_ctx **out)
{
	struct daxctl_ctx *ctx = calloc(1, sizeof(*ctx));

	if (!ctx)
		return -ENOMEM;
	ctx->refcount = 1;
	ctx->root = strdup("");
	if (!ctx->root) {
		free(ctx);
		return -ENOMEM;
	}
	log_init(&ctx->log, "libdaxctl", "DAXCTL_LOG");
	ctx->log.owner_ctx = ctx;
	dbg(ctx, "ctx %p created\n", (void *)ctx);
	*out = ctx;
	return 0;
}

DAXCTL_EXPORT struct daxctl_ctx *daxctl_ref(struct daxctl_ctx *ctx)
{
	if (ctx)
		ctx->refcount++;
	return ctx;
}

DAXCTL_EXPORT struct daxctl_ctx *daxctl_unref(struct daxctl_ctx *ctx)
{
	if (!ctx || --ctx->refcount > 0)
		return ctx;
	daxctl_topology_free(ctx->topology);
	free(ctx->root);
	free(ctx);
	return NULL;
}

DAXCTL_EXPORT void daxctl_set_log_fn(struct daxctl_ctx *ctx,
		void (*log_fn)(struct daxctl_ctx *ctx, int priority,
			const char *file, int line, const char *fn,
			const char *format, va_list args))
{
	ctx->app_log_fn = log_fn;
	if (log_fn)
		ctx->log.fn = forward_log;
	else
		log_init(&ctx->log, "libdaxctl", "DAXCTL_LOG");
	ctx->log.owner_ctx = ctx;
}

DAXCTL_EXPORT int daxctl_get_log_priority(struct daxctl_ctx *ctx)
{
	return ctx->log.priority;
}

DAXCTL_EXPORT void daxctl_set_log_priority(struct daxctl_ctx *ctx, int priority)
{
	ctx->log.priority = priority;
}

DAXCTL_EXPORT void daxctl_set_userdata(struct daxctl_ctx *ctx, void *userdata)
{
	ctx->userdata = userdata;
}

DAXCTL_EXPORT void *daxctl_get_userdata(struct daxctl_ctx *ctx)
{
	return ctx->userdata;
}

DAXCTL_EXPORT int daxctl_set_root(struct daxctl_ctx *ctx, const char *root)
{
	return root_replace(&ctx->root, root);
}

DAXCTL_EXPORT const char *daxctl_get_root(struct daxctl_ctx *ctx)
{
	return ctx->root[0] ? ctx->root : "/";
}

