// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <stdlib.h>
#include "config.h"
#include <daxctl/libdaxctl.h>
#include "private.h"

/* The application's callback takes our context, not the logger: adapt. */
__attribute__((format(printf, 6, 0)))
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
	if (lib_ctx_init(&ctx->base, "libndctl", "NDCTL_LOG", ctx) < 0) {
		free(ctx);
		return -ENOMEM;
	}
	dbg(ctx, "ctx %p created\n", (void *)ctx);
	*out = ctx;
	return 0;
}

NDCTL_EXPORT struct ndctl_ctx *ndctl_ref(struct ndctl_ctx *ctx)
{
	if (ctx)
		ctx->base.refcount++;
	return ctx;
}

NDCTL_EXPORT struct ndctl_ctx *ndctl_unref(struct ndctl_ctx *ctx)
{
	if (!ctx || !lib_ctx_put(&ctx->base))
		return ctx;
	ndctl_topology_free(ctx->topology);
	daxctl_unref(ctx->daxctl_ctx);
	lib_ctx_release(&ctx->base);
	free(ctx);
	return NULL;
}

NDCTL_EXPORT void ndctl_set_log_fn(struct ndctl_ctx *ctx,
		void (*log_fn)(struct ndctl_ctx *ctx, int priority,
			const char *file, int line, const char *fn,
			const char *format, va_list args))
{
	ctx->app_log_fn = log_fn;
	lib_ctx_set_log(&ctx->base, log_fn ? forward_log : NULL, "NDCTL_LOG");
}

LIB_MEMBER_GETTER(int, ndctl_get_log_priority, struct ndctl_ctx, base.log.priority)

NDCTL_EXPORT void ndctl_set_log_priority(struct ndctl_ctx *ctx, int priority)
{
	ctx->base.log.priority = priority;
	if (ctx->daxctl_ctx)
		daxctl_set_log_priority(ctx->daxctl_ctx, priority);
}

NDCTL_EXPORT void ndctl_set_userdata(struct ndctl_ctx *ctx, void *userdata)
{
	ctx->base.userdata = userdata;
}

LIB_MEMBER_GETTER(void *, ndctl_get_userdata, struct ndctl_ctx, base.userdata)

NDCTL_EXPORT int ndctl_set_root(struct ndctl_ctx *ctx, const char *root)
{
	return lib_ctx_set_root(&ctx->base, root);
}

NDCTL_EXPORT const char *ndctl_get_root(struct ndctl_ctx *ctx)
{
	return lib_ctx_root(&ctx->base);
}

/* Made on first use, with this context's root and log priority. */
NDCTL_EXPORT struct daxctl_ctx *ndctl_get_daxctl_ctx(struct ndctl_ctx *ctx)
{
	if (ctx->daxctl_ctx)
		return ctx->daxctl_ctx;
	if (daxctl_new(&ctx->daxctl_ctx)) {
		err(ctx, "cannot make a libdaxctl context: out of memory\n");
		return NULL;
	}
	if (daxctl_set_root(ctx->daxctl_ctx, ndctl_get_root(ctx))) {
		err(ctx, "cannot give the libdaxctl context root %s\n", ndctl_get_root(ctx));
		ctx->daxctl_ctx = daxctl_unref(ctx->daxctl_ctx);
		return NULL;
	}
	daxctl_set_log_priority(ctx->daxctl_ctx, ndctl_get_log_priority(ctx));
	return ctx->daxctl_ctx;
}

NDCTL_EXPORT const char *ndctl_get_version(void)
{
	return NDKIT_VERSION;
}
