/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDKIT_LIBDAXCTL_H
#define NDKIT_LIBDAXCTL_H
#include <stdarg.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* libdaxctl: dax regions, dax devices and memory blocks over sysfs. */
struct daxctl_ctx;

int daxctl_new(struct daxctl_ctx **ctx);
struct daxctl_ctx *daxctl_ref(struct daxctl_ctx *ctx);
struct daxctl_ctx *daxctl_unref(struct daxctl_ctx *ctx);

void daxctl_set_log_fn(struct daxctl_ctx *ctx,
		void (*log_fn)(struct daxctl_ctx *ctx, int priority,
			const char *file, int line, const char *fn,
			const char *format, va_list args));
int daxctl_get_log_priority(struct daxctl_ctx *ctx);
void daxctl_set_log_priority(struct daxctl_ctx *ctx, int priority);
void daxctl_set_userdata(struct daxctl_ctx *ctx, void *userdata);
void *daxctl_get_userdata(struct daxctl_ctx *ctx);
/* Where sysfs lives ("/" normally); tests point it at a captured tree. */
int daxctl_set_root(struct daxctl_ctx *ctx, const char *root);
const char *daxctl_get_root(struct daxctl_ctx *ctx);

#ifdef __cplusplus
}
#endif

#endif
