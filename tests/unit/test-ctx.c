// SPDX-License-Identifier: LGPL-2.1-or-later
#include <stdarg.h>
#include <stdlib.h>
#include <ndctl/libndctl.h>
#include <daxctl/libdaxctl.h>
#include "test.h"

static int logged;

static void count_log(struct ndctl_ctx *ctx, int priority, const char *file,
		int line, const char *fn, const char *format, va_list args)
{
	logged++;
}

int main(void)
{
	struct ndctl_ctx *ctx;
	struct daxctl_ctx *dctx;

	setenv("NDCTL_LOG", "debug", 1);
	CHECK(ndctl_new(&ctx) == 0);
	CHECK(ndctl_get_log_priority(ctx) == 7);
	ndctl_set_log_fn(ctx, count_log);
	ndctl_set_log_priority(ctx, 3);
	CHECK(ndctl_get_log_priority(ctx) == 3);
	CHECK_EQ_STR(ndctl_get_root(ctx), "/");
	CHECK(ndctl_set_root(ctx, "/tmp/tree///") == 0);
	CHECK_EQ_STR(ndctl_get_root(ctx), "/tmp/tree");
	ndctl_set_userdata(ctx, &logged);
	CHECK(ndctl_get_userdata(ctx) == &logged);
	CHECK(ndctl_ref(ctx) == ctx);
	CHECK(ndctl_unref(ctx) == ctx);	/* still one reference */
	CHECK(ndctl_unref(ctx) == NULL);
	CHECK(ndctl_get_version()[0] != '\0');

	unsetenv("DAXCTL_LOG");
	CHECK(daxctl_new(&dctx) == 0);
	CHECK(daxctl_get_log_priority(dctx) == 3);	/* LOG_ERR by default */
	CHECK(daxctl_unref(dctx) == NULL);
	return test_done("test-ctx");
}
