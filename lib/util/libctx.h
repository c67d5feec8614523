/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef NDKIT_UTIL_LIBCTX_H
#define NDKIT_UTIL_LIBCTX_H
#include "util/log.h"

/*
 * What every library context (libndctl's, libdaxctl's) holds and does alike:
 * a logger, a reference count, the application's userdata and the root that
 * sysfs and /dev are read under ("" for the running system, else a captured
 * tree). Each library embeds one as `base` and keeps its typed API.
 */
struct lib_ctx {
	struct log_ctx log;
	int refcount;
	void *userdata;
	char *root;
};

/* refcount 1, root "", log from env_var; owner_ctx is what log callbacks get. */
int lib_ctx_init(struct lib_ctx *c, const char *owner, const char *env_var, void *owner_ctx);
void lib_ctx_release(struct lib_ctx *c);
/* true when the last reference went away */
bool lib_ctx_put(struct lib_ctx *c);
/* Install fn as the log callback (NULL: back to stderr and env_var's priority). */
void lib_ctx_set_log(struct lib_ctx *c, log_fn_t fn, const char *env_var);
int lib_ctx_set_root(struct lib_ctx *c, const char *root);
/* "/" for the running system. */
const char *lib_ctx_root(const struct lib_ctx *c);

#endif
