// SPDX-License-Identifier: GPL-2.0-only
/*
 * ndctl/namespace-ops.h as a program sees it, on the captured "mixed" tree:
 * refusals that come before any write, so the tree is only read. Each must
 * give the errno, the reason and how upstream ends it (named_by_upstream),
 * and reach the caller's note callback, or without one the context's log.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <ndctl/libndctl.h>
#include "../test.h"
#include "topo-test.h"

/* What the callbacks saw: how many lines, the last one and its priority. */
static struct {
	int lines, priority;
	char last[1024];
} seen;

static void note(void *arg, int priority, const char *line)
{
	(void)arg;
	seen.lines++;
	seen.priority = priority;
	snprintf(seen.last, sizeof(seen.last), "%s", line);
}

__attribute__((format(printf, 6, 0)))
static void log_fn(struct ndctl_ctx *ctx, int priority, const char *file, int line,
		const char *fn, const char *format, va_list args)
{
	(void)ctx, (void)file, (void)line, (void)fn;
	seen.lines++;
	seen.priority = priority;
	vsnprintf(seen.last, sizeof(seen.last), format, args);
}

static bool only_region9(struct ndctl_region *region, void *arg)
{
	(void)arg;
	return strcmp(ndctl_region_get_devname(region), "region9") == 0;
}

static void test_no_region(struct ndctl_ctx *ctx)
{
	struct ndctl_namespace_spec spec = { .region_filter = only_region9,
		.region_asked = "region9", .note = note };
	struct ndctl_namespace_result res;

	memset(&seen, 0, sizeof(seen));
	CHECK_EQ_U64(ndctl_namespace_create(ctx, &spec, &res), -ENXIO);
	CHECK_EQ_STR(res.reason, "no region matches region9: see 'ndctl list -Ri'");
	CHECK(!res.named_by_upstream);
	CHECK(res.ndns == NULL);
	CHECK_EQ_U64(seen.lines, 1);
	CHECK_EQ_U64(seen.priority, LOG_ERR);
	CHECK_EQ_STR(seen.last, res.reason);
}

/* 100M is no multiple of region1's 16M align: upstream's own line (EINVAL). */
static void test_misaligned(struct ndctl_ctx *ctx)
{
	struct ndctl_namespace_spec spec = { .size = 100ULL << 20, .size_given = true,
		.note = note };
	struct ndctl_namespace_result res;

	memset(&seen, 0, sizeof(seen));
	CHECK_EQ_U64(ndctl_namespace_create(ctx, &spec, &res), -EINVAL);
	CHECK(strstr(res.reason, "not a multiple of 16M (region1's align)") != NULL);
	CHECK(res.named_by_upstream);
}

/* No note callback: the line goes to the context's log, at LOG_ERR. */
static void test_reconfigure_via_log(struct ndctl_ctx *ctx)
{
	struct ndctl_namespace_spec spec = { .mode = NDCTL_NS_MODE_DEVDAX, .mode_given = true };
	struct ndctl_namespace_result res;

	memset(&seen, 0, sizeof(seen));
	ndctl_set_log_fn(ctx, log_fn);
	ndctl_set_log_priority(ctx, LOG_ERR);
	CHECK_EQ_U64(ndctl_namespace_reconfigure(ctx, "namespace7.7", &spec, &res), -ENXIO);
	CHECK_EQ_STR(seen.last, "--reconfig namespace7.7: no such namespace: see "
			"'ndctl list -Ni'\n");
	CHECK_EQ_U64(seen.priority, LOG_ERR);
	CHECK_EQ_U64(ndctl_namespace_reconfigure(ctx, "namespace0.0", &spec, &res), -EBUSY);
	CHECK_EQ_STR(res.devname, "namespace0.0");
	CHECK(strstr(res.reason, "namespace0.0 is active, specify --force") != NULL);
}

int main(void)
{
	struct ndctl_ctx *ctx = ctx_on_tree("mixed");

	if (!ctx)
		return 1;
	test_no_region(ctx);
	test_misaligned(ctx);
	test_reconfigure_via_log(ctx);
	ndctl_unref(ctx);
	return test_done("namespace-ops");
}
