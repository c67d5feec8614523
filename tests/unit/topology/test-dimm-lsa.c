// SPDX-License-Identifier: GPL-2.0-only
/*
 * A DIMM owns its label area: on the captured "mixed" tree (nmem0 is used by
 * the enabled region0) opening it for writing is refused before any device
 * is touched, and every failure, including the I/O errors of a transport
 * made from the context, reaches the application's log callback.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ndctl/libndctl.h>
#include "../test.h"
#include "topo-test.h"

static char logged[4096];

__attribute__((format(printf, 6, 0)))
static void capture(struct ndctl_ctx *ctx, int priority, const char *file, int line,
		const char *fn, const char *format, va_list args)
{
	size_t len = strlen(logged);

	vsnprintf(logged + len, sizeof(logged) - len, format, args);
}

static unsigned count_str(const char *hay, const char *needle)
{
	unsigned n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static void test_busy(struct ndctl_dimm *dimm)
{
	struct ndctl_lsa_xport *t = (void *)&t;
	struct ndctl_lsa *lsa = (void *)&lsa;

	logged[0] = '\0';
	CHECK_EQ_U64(ndctl_dimm_check_idle(dimm), (unsigned long long)-EBUSY);
	CHECK(strstr(logged, "nmem0 is in use by enabled region0: run 'ndctl disable-region region0' first") != NULL);
	logged[0] = '\0';
	CHECK_EQ_U64(ndctl_dimm_lsa_open(dimm, NDCTL_LSA_WRITABLE, &t), (unsigned long long)-EBUSY);
	CHECK(t == NULL);
	CHECK(strstr(logged, "in use by enabled region0") != NULL);
	CHECK_EQ_U64(ndctl_dimm_init_labels(dimm, 256), (unsigned long long)-EBUSY);
	/* reading needs no idle DIMM; the capture has no /dev/nmem0 */
	logged[0] = '\0';
	CHECK(ndctl_dimm_read_labels(dimm, 0, &lsa) < 0);
	CHECK(lsa == NULL);
	/* once: the transport logs it, the DIMM does not repeat it */
	CHECK_EQ_U64(count_str(logged, geteuid() != 0 ? "root only" : "/dev/nmem0: cannot open"), 1);
}

/* A file transport made from the context: its errors reach the log too. */
static void test_xport_log(struct ndctl_ctx *ctx)
{
	char path[] = "/tmp/ndkit-lsa-XXXXXX";
	struct ndctl_lsa_xport *t;
	int fd = mkstemp(path);
	char zero[4096] = { 0 };

	CHECK(fd >= 0 && write(fd, zero, sizeof(zero)) == (ssize_t)sizeof(zero));
	close(fd);
	CHECK(ndctl_lsa_file_open(ctx, path, 0, 0, &t) == 0);
	logged[0] = '\0';
	CHECK_EQ_U64(ndctl_lsa_xport_write(t, 0, zero, 16), (unsigned long long)-EPERM);
	CHECK(strstr(logged, "opened read-only") != NULL);
	logged[0] = '\0';
	CHECK_EQ_U64(ndctl_lsa_xport_read(t, 4000, zero, 200), (unsigned long long)-ERANGE);
	CHECK(strstr(logged, "past the label area end") != NULL);
	ndctl_lsa_xport_close(t);
	unlink(path);
}

int main(void)
{
	const char *trees = getenv("TOPO_TREES");
	struct ndctl_dimm *dimm;
	struct ndctl_ctx *ctx;
	char root[4096];

	if (!trees) {
		fprintf(stderr, "TOPO_TREES not set\n");
		return 1;
	}
	snprintf(root, sizeof(root), "%s/mixed", trees);
	CHECK(ndctl_new(&ctx) == 0);
	ndctl_set_log_fn(ctx, capture);
	ndctl_set_log_priority(ctx, 3);
	ndctl_set_root(ctx, root);
	dimm = dimm_named(ctx, "nmem0");
	CHECK(dimm != NULL);
	if (dimm)
		test_busy(dimm);
	test_xport_log(ctx);
	ndctl_unref(ctx);
	return test_done("test-dimm-lsa");
}
