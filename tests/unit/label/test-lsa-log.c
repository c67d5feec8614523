// SPDX-License-Identifier: GPL-2.0-only
/*
 * One error channel: a transport made from a context logs every error it
 * records through that context's log callback, from the first step of its
 * open (a missing file, a lock another process holds, an explicit label size
 * larger than the file, a device refusing the label commands) to its I/O (a
 * write past the end, a failed read) and the label engine's errors through
 * it. Each is logged once, at LOG_ERR, as the transport's errmsg plus a
 * newline. The label-size probe's expected failures are debug only; a NULL
 * context keeps only the errmsg; the transport keeps its context alive.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/syscall.h>
#include <syslog.h>
#include <unistd.h>
#include "../test.h"
#include "lsa-test-util.h"

#define AREA (128u << 10)

static unsigned nerr, ndebug;	/* messages at LOG_ERR or worse, at LOG_DEBUG */
static char last_err[512];

__attribute__((format(printf, 6, 0)))
static void capture(struct ndctl_ctx *ctx, int priority, const char *file, int line,
		const char *fn, const char *format, va_list args)
{
	if (priority > LOG_ERR) {
		ndebug++;
		return;
	}
	nerr++;
	vsnprintf(last_err, sizeof(last_err), format, args);
}

static void reset_log(void)
{
	nerr = ndebug = 0;
	last_err[0] = '\0';
}

/*
 * This executable's pread() replaces libc's for the statically linked file
 * transport: it fails with EIO while fail_reads is set.
 */
static int fail_reads;

ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
	if (fail_reads) {
		errno = EIO;
		return -1;
	}
	return syscall(SYS_pread64, fd, buf, n, off);
}

/* rc is want_rc, and exactly one error was logged: t's errmsg, naming want. */
static void expect_logged(const struct ndctl_lsa_xport *t, int rc, int want_rc, const char *want)
{
	char line[sizeof(last_err)];

	CHECK_EQ_U64(rc, want_rc);
	CHECK(t != NULL);
	snprintf(line, sizeof(line), "%s\n", t ? ndctl_lsa_xport_errmsg(t) : "");
	CHECK_EQ_U64(nerr, 1);
	CHECK_EQ_STR(last_err, line);
	CHECK(strstr(last_err, want) != NULL);
	if (!strstr(last_err, want))
		fprintf(stderr, "  logged: %s  wanted: %s\n", last_err, want);
	reset_log();
}

static char *temp_area(const char *dir, const char *name)
{
	char *path;
	int fd;

	CHECK(asprintf(&path, "%s/%s", dir, name) > 0);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	CHECK(fd >= 0 && ftruncate(fd, AREA) == 0);
	close(fd);
	return path;
}

/* The open's first step: the file is not there. */
static void check_missing(struct ndctl_ctx *ctx, const char *dir)
{
	struct ndctl_lsa_xport *t;
	char *path;
	int rc;

	CHECK(asprintf(&path, "%s/missing.img", dir) > 0);
	reset_log();
	rc = ndctl_lsa_file_open(ctx, path, 0, 0, &t);
	expect_logged(t, rc, -ENOENT, "missing.img: cannot open");
	ndctl_lsa_xport_close(t);
	rc = ndctl_lsa_dsm_open(ctx, path, 0, &t);
	expect_logged(t, rc, -ENOENT, "missing.img: cannot open");
	ndctl_lsa_xport_close(t);
	free(path);
}

/* Another open file holds the flock: NOWAIT fails at once, for writers and readers. */
static void check_locked(struct ndctl_ctx *ctx, const char *dir)
{
	char *path = temp_area(dir, "locked.img");
	struct ndctl_lsa_xport *t;
	int fd = open(path, O_RDWR | O_CLOEXEC), rc;

	CHECK(fd >= 0 && flock(fd, LOCK_EX) == 0);
	reset_log();
	rc = ndctl_lsa_file_open(ctx, path, AREA, NDCTL_LSA_WRITABLE | NDCTL_LSA_NOWAIT, &t);
	expect_logged(t, rc, -EBUSY, "locked.img is locked by another label writer");
	ndctl_lsa_xport_close(t);
	rc = ndctl_lsa_file_open(ctx, path, AREA, NDCTL_LSA_NOWAIT, &t);
	expect_logged(t, rc, -EBUSY, "locked by another label writer");
	ndctl_lsa_xport_close(t);
	close(fd);
	unlink(path);
	free(path);
}

/* An explicit label size larger than the file. */
static void check_bad_label_size(struct ndctl_ctx *ctx, const char *dir)
{
	char *path = temp_area(dir, "small.img");
	struct ndctl_lsa_xport *t;
	int rc;

	reset_log();
	rc = ndctl_lsa_file_open(ctx, path, 2 * AREA, 0, &t);
	expect_logged(t, rc, -EINVAL, "label size 262144 is larger than the file");
	ndctl_lsa_xport_close(t);
	unlink(path);
	free(path);
}

/* A device that answers no label command (/dev/null): GET_CONFIG_SIZE fails while opening. */
static void check_dsm_probe(struct ndctl_ctx *ctx)
{
	struct ndctl_lsa_xport *t;
	int rc;

	reset_log();
	rc = ndctl_lsa_dsm_open(ctx, "/dev/null", NDCTL_LSA_NOWAIT, &t);
	expect_logged(t, rc, -ENOTTY, "/dev/null: get_config_size is not supported");
	ndctl_lsa_xport_close(t);
}

/* Memory: a write past the end, then the engine's errors through the transport. */
static void check_mem(struct ndctl_ctx *ctx)
{
	struct ndctl_lsa_xport *t;
	char buf[16] = { 0 };

	reset_log();
	CHECK_EQ_U64(ndctl_lsa_mem_new(ctx, NULL, AREA, 0, &t), 0);
	CHECK_EQ_U64(nerr, 0);
	expect_logged(t, ndctl_lsa_xport_write(t, AREA - 8, buf, sizeof(buf)), -ERANGE,
		"past the label area end");
	expect_logged(t, ndctl_lsa_xport_read(t, AREA, buf, 1), -ERANGE, "past the label area end");
	ndctl_lsa_xport_close(t);

	CHECK_EQ_U64(ndctl_lsa_mem_new(ctx, NULL, 512, 0, &t), 0);
	expect_logged(t, ndctl_lsa_init(t, 256, NULL), -ENOSPC, "too small for two index blocks");
	ndctl_lsa_xport_close(t);

	CHECK_EQ_U64(ndctl_lsa_fault_new(ctx, NULL, AREA, 0, &t), 0);
	ndctl_lsa_fault_arm(t, 1, -1);
	expect_logged(t, ndctl_lsa_init(t, 256, NULL), -EIO, "injected fault");
	ndctl_lsa_xport_close(t);
}

/*
 * The probe's failed reads are expected (debug only, errmsg cleared): the
 * open succeeds silently; the load's failed read is an error.
 */
static void check_probe_quiet(struct ndctl_ctx *ctx, const char *dir)
{
	char *path = temp_area(dir, "raw.img");
	struct ndctl_lsa_xport *t;
	struct ndctl_lsa *lsa = NULL;

	reset_log();
	fail_reads = 1;
	CHECK_EQ_U64(ndctl_lsa_file_open(ctx, path, 0, 0, &t), 0);
	CHECK_EQ_U64(nerr, 0);
	CHECK(ndebug > 0);
	CHECK_EQ_STR(ndctl_lsa_xport_errmsg(t), "");
	expect_logged(t, ndctl_lsa_load(t, 0, &lsa), -EIO, "raw.img: read failed at 0");
	CHECK(lsa == NULL);
	fail_reads = 0;
	ndctl_lsa_xport_close(t);
	unlink(path);
	free(path);
}

/* No context: the same errmsg, nothing logged anywhere. */
static void check_no_ctx(const char *dir)
{
	struct ndctl_lsa_xport *t;
	char *path;

	CHECK(asprintf(&path, "%s/missing.img", dir) > 0);
	reset_log();
	CHECK_EQ_U64(ndctl_lsa_file_open(NULL, path, 0, 0, &t), -ENOENT);
	CHECK(t && strstr(ndctl_lsa_xport_errmsg(t), "missing.img: cannot open"));
	ndctl_lsa_xport_close(t);
	CHECK_EQ_U64(ndctl_lsa_mem_new(NULL, NULL, AREA, 0, &t), 0);
	CHECK_EQ_U64(ndctl_lsa_xport_write(t, AREA, "x", 1), -ERANGE);
	CHECK(strstr(ndctl_lsa_xport_errmsg(t), "past the label area end") != NULL);
	CHECK_EQ_U64(nerr + ndebug, 0);
	ndctl_lsa_xport_close(t);
	free(path);
}

/* The transport holds a reference: the caller's unref leaves the context to it. */
static void check_ctx_ref(void)
{
	struct ndctl_lsa_xport *t;
	struct ndctl_ctx *ctx;

	CHECK(ndctl_new(&ctx) == 0);
	ndctl_set_log_fn(ctx, capture);
	ndctl_set_log_priority(ctx, LOG_ERR);
	CHECK_EQ_U64(ndctl_lsa_mem_new(ctx, NULL, AREA, 0, &t), 0);
	CHECK(ndctl_unref(ctx) == ctx);	/* still the transport's */
	reset_log();
	expect_logged(t, ndctl_lsa_xport_write(t, AREA, "x", 1), -ERANGE, "past the label area end");
	ndctl_lsa_xport_close(t);	/* frees the context (ASan: no leak, no use after free) */
}

int main(void)
{
	char dir[] = "/tmp/ndkit-lsa-log-XXXXXX";
	struct ndctl_ctx *ctx;

	CHECK(mkdtemp(dir) != NULL);
	CHECK(ndctl_new(&ctx) == 0);
	ndctl_set_log_fn(ctx, capture);
	ndctl_set_log_priority(ctx, LOG_DEBUG);	/* errors and the probe's debug lines */
	check_missing(ctx, dir);
	check_locked(ctx, dir);
	check_bad_label_size(ctx, dir);
	check_dsm_probe(ctx);
	check_mem(ctx);
	check_probe_quiet(ctx, dir);
	check_no_ctx(dir);
	check_ctx_ref();
	CHECK(ndctl_unref(ctx) == NULL);
	rmdir(dir);
	return test_done("lsa-log");
}
