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

/**
 * ndctl_new() - make a library context
 * @ctx: where the new context is stored
 *
 * The context starts with one reference, sysfs and /dev under "/", logging
 * to stderr at the priority NDCTL_LOG names (a number or "err", "info",
 * "debug"; LOG_ERR when unset). Nothing is read until the first topology
 * call.
 *
 * Return: 0, or -ENOMEM (then *@ctx is left untouched).
 * Since: LIBNDCTL_1
 */
int ndctl_new(struct ndctl_ctx **ctx);

/**
 * ndctl_ref() - take another reference on a context
 * @ctx: the context (NULL is passed through)
 *
 * Return: @ctx.
 * Since: LIBNDCTL_1
 */
struct ndctl_ctx *ndctl_ref(struct ndctl_ctx *ctx);

/**
 * ndctl_unref() - drop a reference on a context
 * @ctx: the context (NULL is ignored)
 *
 * Dropping the last reference frees the context with every object it
 * handed out (buses, DIMMs, regions, namespaces, ...) and the libdaxctl
 * context of ndctl_get_daxctl_ctx(). Label-area transports hold their own
 * reference, so the context outlives them.
 *
 * Return: NULL once the context is freed, else @ctx.
 * Since: LIBNDCTL_1
 */
struct ndctl_ctx *ndctl_unref(struct ndctl_ctx *ctx);

/**
 * ndctl_set_log_fn() - send the library's messages to the caller
 * @ctx: the context
 * @log_fn: called for each message at or below the log priority, with the
 *	source file, line and function and a printf format (messages end with
 *	a newline); NULL goes back to stderr
 *
 * Setting NULL also resets the priority to NDCTL_LOG's (or LOG_ERR).
 * Since: LIBNDCTL_1
 */
void ndctl_set_log_fn(struct ndctl_ctx *ctx,
		void (*log_fn)(struct ndctl_ctx *ctx, int priority,
			const char *file, int line, const char *fn,
			const char *format, va_list args));

/**
 * ndctl_get_log_priority() - the current log priority
 * @ctx: the context
 *
 * Return: a syslog level (LOG_ERR ... LOG_DEBUG): messages at or below it
 * are logged.
 * Since: LIBNDCTL_1
 */
int ndctl_get_log_priority(struct ndctl_ctx *ctx);

/**
 * ndctl_set_log_priority() - set the log priority
 * @ctx: the context
 * @priority: a syslog level; messages at or below it are logged
 *
 * The libdaxctl context of ndctl_get_daxctl_ctx(), if made, follows.
 * Since: LIBNDCTL_1
 */
void ndctl_set_log_priority(struct ndctl_ctx *ctx, int priority);

/**
 * ndctl_set_userdata() - attach a caller's pointer to the context
 * @ctx: the context
 * @userdata: anything; the library never looks at it
 *
 * Since: LIBNDCTL_1
 */
void ndctl_set_userdata(struct ndctl_ctx *ctx, void *userdata);

/**
 * ndctl_get_userdata() - the caller's pointer
 * @ctx: the context
 *
 * Return: what ndctl_set_userdata() stored, NULL if nothing was.
 * Since: LIBNDCTL_1
 */
void *ndctl_get_userdata(struct ndctl_ctx *ctx);

/**
 * ndctl_set_root() - look for sysfs and /dev under another directory
 * @ctx: the context
 * @root: the directory ("/" normally; NULL or "" is "/"); copied, trailing
 *	slashes dropped
 *
 * For captured sysfs trees (NDKIT_SYSFS_ROOT, the unit tests). Set it before
 * the first topology call: objects already read keep their paths.
 *
 * Return: 0, or -ENOMEM (the old root stays).
 * Since: LIBNDCTL_1
 */
int ndctl_set_root(struct ndctl_ctx *ctx, const char *root);

/**
 * ndctl_get_root() - the directory sysfs and /dev are looked for under
 * @ctx: the context
 *
 * Return: the root, "/" by default; owned by the context, valid until the
 * next ndctl_set_root().
 * Since: LIBNDCTL_1
 */
const char *ndctl_get_root(struct ndctl_ctx *ctx);

/**
 * ndctl_get_version() - ndkit's version
 *
 * Return: a static string such as "0.1.0" (ndkit's own number, not
 * upstream's API level).
 * Since: LIBNDCTL_1
 */
const char *ndctl_get_version(void);

struct daxctl_ctx;
/**
 * ndctl_get_daxctl_ctx() - the libdaxctl context behind the dax calls
 * @ctx: the context
 *
 * Made on first use with this context's root and log priority, then kept:
 * ndctl_dax_get_daxctl_region() hands out objects of it. Owned by @ctx and
 * released with it: do not daxctl_unref() it.
 *
 * Return: the libdaxctl context, or NULL when it cannot be made (out of
 * memory; logged).
 * Since: LIBNDCTL_2
 */
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
#include <ndctl/btt-layout.h>

#endif
