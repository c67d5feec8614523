/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDKIT_LIBNDCTL_H
#define NDKIT_LIBNDCTL_H
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * libndctl: one opaque context per user. Everything else (buses, DIMMs,
 * regions, namespaces, label areas) hangs off it and is released with it.
 * Errors are logged through the context's log function (default: stderr,
 * priority from NDCTL_LOG or LOG_ERR) and returned as negative errnos.
 */
struct ndctl_ctx;

/*
 * A new context with one reference: 0, or -ENOMEM (*ctx untouched). unref
 * drops a reference and returns NULL once the context is freed; ref adds one.
 */
int ndctl_new(struct ndctl_ctx **ctx);
struct ndctl_ctx *ndctl_ref(struct ndctl_ctx *ctx);
struct ndctl_ctx *ndctl_unref(struct ndctl_ctx *ctx);

/*
 * Logging: log_fn (NULL: back to stderr) gets every message at or below the
 * priority (syslog levels). userdata is the caller's, never touched.
 */
void ndctl_set_log_fn(struct ndctl_ctx *ctx,
		void (*log_fn)(struct ndctl_ctx *ctx, int priority,
			const char *file, int line, const char *fn,
			const char *format, va_list args));
int ndctl_get_log_priority(struct ndctl_ctx *ctx);
void ndctl_set_log_priority(struct ndctl_ctx *ctx, int priority);
void ndctl_set_userdata(struct ndctl_ctx *ctx, void *userdata);
void *ndctl_get_userdata(struct ndctl_ctx *ctx);

/*
 * Where sysfs and /dev live ("/" normally). Tests point this at a captured
 * tree; it must be set before the first topology call.
 */
int ndctl_set_root(struct ndctl_ctx *ctx, const char *root);
const char *ndctl_get_root(struct ndctl_ctx *ctx);

/* ndkit's version ("0.1.0"), a static string. */
const char *ndctl_get_version(void);

/*
 * The libdaxctl context behind ndctl_dax_get_daxctl_region: made on first
 * use with this context's root and log priority, released with it (do not
 * unref it yourself). NULL if it cannot be made (logged).
 */
struct daxctl_ctx;
struct daxctl_ctx *ndctl_get_daxctl_ctx(struct ndctl_ctx *ctx);

#ifdef __cplusplus
}
#endif

/*
 * The label storage area (engine and transports), info blocks, the sysfs
 * topology and the namespace transaction over it.
 */
#include <ndctl/lsa.h>
#include <ndctl/infoblock.h>
#include <ndctl/topology.h>
#include <ndctl/namespace-ops.h>

#endif
