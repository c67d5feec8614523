// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <stdlib.h>
#include "private.h"

/* The application's callback takes our context, not the logger: adapt. */
__attribute__((format(printf, 6, 0)))
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
	if (lib_ctx_init(&ctx->base, "libdaxctl", "DAXCTL_LOG", ctx) < 0) {
		free(ctx);
		return -ENOMEM;
	}
	dbg(ctx, "ctx %p created\n", (void *)ctx);
	*out = ctx;
	return 0;
}

DAXCTL_EXPORT struct daxctl_ctx *daxctl_ref(struct daxctl_ctx *ctx)
{
	if (ctx)
		ctx->base.refcount++;
	return ctx;
}

DAXCTL_EXPORT struct daxctl_ctx *daxctl_unref(struct daxctl_ctx *ctx)
{
	if (!ctx || !lib_ctx_put(&ctx->base))
		return ctx;
	daxctl_topology_free(ctx->topology);
	lib_ctx_release(&ctx->base);
	free(ctx);
	return NULL;
}

DAXCTL_EXPORT void daxctl_set_log_fn(struct daxctl_ctx *ctx,
		void (*log_fn)(struct daxctl_ctx *ctx, int priority,
			const char *file, int line, const char *fn,
			const char *format, va_list args))
{
	ctx->app_log_fn = log_fn;
	lib_ctx_set_log(&ctx->base, log_fn ? forward_log : NULL, "DAXCTL_LOG");
}

LIB_MEMBER_GETTER(int, daxctl_get_log_priority, struct daxctl_ctx, base.log.priority)

DAXCTL_EXPORT void daxctl_set_log_priority(struct daxctl_ctx *ctx, int priority)
{
	ctx->base.log.priority = priority;
}

DAXCTL_EXPORT void daxctl_set_userdata(struct daxctl_ctx *ctx, void *userdata)
{
	ctx->base.userdata = userdata;
}

LIB_MEMBER_GETTER(void *, daxctl_get_userdata, struct daxctl_ctx, base.userdata)

DAXCTL_EXPORT int daxctl_set_root(struct daxctl_ctx *ctx, const char *root)
{
	return lib_ctx_set_root(&ctx->base, root);
}

DAXCTL_EXPORT const char *daxctl_get_root(struct daxctl_ctx *ctx)
{
	return lib_ctx_root(&ctx->base);
}
