// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "util/libctx.h"
#include "util/sysfs.h"

int lib_ctx_init(struct lib_ctx *c, const char *owner, const char *env_var, void *owner_ctx)
{
	c->refcount = 1;
	c->userdata = NULL;
	c->root = strdup("");
	if (!c->root)
		return -ENOMEM;
	log_init(&c->log, owner, env_var);
	c->log.owner_ctx = owner_ctx;
	return 0;
}

void lib_ctx_release(struct lib_ctx *c)
{
	free(c->root);
	c->root = NULL;
}

bool lib_ctx_put(struct lib_ctx *c)
{
	return --c->refcount <= 0;
}

void lib_ctx_set_log(struct lib_ctx *c, log_fn_t fn, const char *env_var)
{
	void *owner_ctx = c->log.owner_ctx;

	if (fn)
		c->log.fn = fn;
	else
		log_init(&c->log, c->log.owner, env_var);
	c->log.owner_ctx = owner_ctx;
}

int lib_ctx_set_root(struct lib_ctx *c, const char *root)
{
	return root_replace(&c->root, root);
}

const char *lib_ctx_root(const struct lib_ctx *c)
{
	return c->root[0] ? c->root : "/";
}
