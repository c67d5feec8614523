// SPDX-License-Identifier: GPL-2.0-only
/*
 * Two processes on one label area, through the DSM transport as on
 * /dev/nmemN. The "device" is a regular file: this executable's ioctl()
 * answers the three label commands for regular files (config size = the
 * file's, max_xfer 256 bytes, each SET_CONFIG_DATA taking 200 us like a
 * slow DSM) and passes every other ioctl on. So ndctl_lsa_dsm_open, the lock
 * it takes and the transactions over it run as they do on a DIMM, where the
 * unit suite cannot go (the guest's labels-writers-race does the same with
 * the commands on a real vNVDIMM, where one missed lock seldom shows).
 *
 * Each case forces the order (the holder says on a pipe when it holds the
 * area, then pauses) instead of hoping for a collision:
 *  - the DSM open takes the DIMM's lock before it touches the device: a
 *    second writer or a reader fails with NOWAIT and waits otherwise,
 *    readers share;
 *  - a writer that opens while another holds the DIMM sees the holder's
 *    label when it gets its turn (no lost update);
 *  - a transaction takes the lock itself: after the caller gave it away
 *    (ndctl_lsa_xport_unlock), an apply waits for the holder and then
 *    refuses the state the holder changed (-ESTALE); never returns 0 for a
 *    label the holder then overwrites. Over the DSM and the file transport.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/ndctl.h>
#include "../test.h"
#include "lsa-test-util.h"

#define MiB (1ull << 20)
#define AREA (128u << 10)
#define XFER 256u
#define SET_US 200

/* The label commands of a DIMM, served from a regular file; anything else goes to the kernel. */
int ioctl(int fd, unsigned long req, ...)
{
	struct nd_cmd_get_config_data_hdr *get;
	struct nd_cmd_set_config_hdr *set;
	struct nd_cmd_get_config_size *size;
	struct stat st;
	uint32_t status;
	va_list ap;
	void *arg;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		return (int)syscall(SYS_ioctl, fd, req, arg);
	switch (req) {
	case ND_IOCTL_GET_CONFIG_SIZE:
		size = arg;
		size->status = 0;
		size->config_size = (uint32_t)st.st_size;
		size->max_xfer = XFER;
		return 0;
	case ND_IOCTL_GET_CONFIG_DATA:
		get = arg;
		get->status = pread(fd, get->out_buf, get->in_length, get->in_offset) ==
			(ssize_t)get->in_length ? 0 : 3;
		return 0;
	case ND_IOCTL_SET_CONFIG_DATA:
		set = arg;
		status = pwrite(fd, set->in_buf, set->in_length, set->in_offset) ==
			(ssize_t)set->in_length ? 0 : 3;
		usleep(SET_US);
		memcpy(set->in_buf + set->in_length, &status, sizeof(status));
		return 0;
	}
	errno = ENOTTY;
	return -1;
}

enum kind { DSM, FILE_XPORT };

static const char *kind_name(enum kind k)
{
	return k == DSM ? "dsm" : "file";
}

static int open_area(enum kind k, const char *path, unsigned flags, struct ndctl_lsa_xport **t)
{
	return k == DSM ? ndctl_lsa_dsm_open(NULL, path, flags, t)
			: ndctl_lsa_file_open(NULL, path, AREA, flags, t);
}

static long ms_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t0->tv_sec) * 1000 + (now.tv_nsec - t0->tv_nsec) / 1000000;
}

/* A fresh v1.2 area in a new file, initialized through the DSM transport. */
static char *new_area(void)
{
	char *path = strdup("/tmp/ndkit-locks-XXXXXX");
	struct ndctl_lsa_xport *t = NULL;
	int fd = mkstemp(path);

	CHECK(fd >= 0 && ftruncate(fd, AREA) == 0);
	close(fd);
	CHECK_EQ_U64(ndctl_lsa_dsm_open(NULL, path, NDCTL_LSA_WRITABLE, &t), 0);
	CHECK_EQ_U64(ndctl_lsa_init(t, 256, NULL), 0);
	ndctl_lsa_xport_close(t);
	return path;
}

/* Which of the labels made from seeds a and b the area holds: bit 0 for a, bit 1 for b. */
static unsigned holds(const char *path, unsigned a, unsigned b)
{
	struct ndctl_lsa_xport *t = NULL;
	struct ndctl_lsa *lsa = NULL;
	struct ndctl_label l, want_a, want_b;
	unsigned i, found = 0;

	make_label(&want_a, a, 0, 0, 256);
	make_label(&want_b, b, 0, 0, 256);
	CHECK_EQ_U64(ndctl_lsa_dsm_open(NULL, path, 0, &t), 0);
	CHECK_EQ_U64(ndctl_lsa_load(t, 0, &lsa), 0);
	for (i = 0; lsa && i < ndctl_lsa_label_count(lsa); i++) {
		CHECK_EQ_U64(ndctl_lsa_label_get(lsa, i, &l), 0);
		if (!memcmp(l.uuid, want_a.uuid, sizeof(l.uuid)))
			found |= 1;
		if (!memcmp(l.uuid, want_b.uuid, sizeof(l.uuid)))
			found |= 2;
	}
	ndctl_lsa_free(lsa);
	ndctl_lsa_xport_close(t);
	return found;
}

static void reap(pid_t pid)
{
	int st;

	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/*
 * The child says when it holds the area (a byte on a pipe), so the pauses
 * count from there on a loaded machine, not from fork().
 */
static int ready[2];

static void say_ready(void)
{
	CHECK(write(ready[1], "r", 1) == 1);
}

static void wait_ready(void)
{
	char c;

	CHECK(read(ready[0], &c, 1) == 1);
}

/* The lock is the DSM open's first step: before any ioctl, held until close. */
static void check_dsm_open_lock(void)
{
	char *path = new_area();
	struct ndctl_lsa_xport *a, *b, *r;
	struct timespec t0;
	pid_t pid;

	CHECK_EQ_U64(ndctl_lsa_dsm_open(NULL, path, NDCTL_LSA_WRITABLE, &a), 0);
	CHECK_EQ_U64(ndctl_lsa_dsm_open(NULL, path, NDCTL_LSA_WRITABLE | NDCTL_LSA_NOWAIT, &b), -EBUSY);
	CHECK(strstr(ndctl_lsa_xport_errmsg(b), "locked by another label writer") != NULL);
	ndctl_lsa_xport_close(b);
	CHECK_EQ_U64(ndctl_lsa_dsm_open(NULL, path, NDCTL_LSA_NOWAIT, &r), -EBUSY);
	ndctl_lsa_xport_close(r);
	ndctl_lsa_xport_close(a);

	CHECK_EQ_U64(ndctl_lsa_dsm_open(NULL, path, 0, &r), 0);	/* readers share */
	CHECK_EQ_U64(ndctl_lsa_dsm_open(NULL, path, NDCTL_LSA_NOWAIT, &b), 0);
	CHECK_EQ_U64(ndctl_lsa_dsm_open(NULL, path, NDCTL_LSA_WRITABLE | NDCTL_LSA_NOWAIT, &a), -EBUSY);
	ndctl_lsa_xport_close(a);
	ndctl_lsa_xport_close(b);
	ndctl_lsa_xport_close(r);

	pid = fork();
	if (pid == 0) {	/* a writer in another process, for 300 ms */
		struct ndctl_lsa_xport *w;
		int rc = ndctl_lsa_dsm_open(NULL, path, NDCTL_LSA_WRITABLE, &w);

		say_ready();
		usleep(300000);
		ndctl_lsa_xport_close(w);
		_exit(rc == 0 ? 0 : 1);
	}
	wait_ready();
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_EQ_U64(ndctl_lsa_dsm_open(NULL, path, 0, &r), 0);	/* a reader waits for it */
	CHECK(ms_since(&t0) >= 150);
	ndctl_lsa_xport_close(r);
	reap(pid);
	unlink(path);
	free(path);
}

/*
 * A opens, loads, and adds its label 200 ms later; B opens once A holds the
 * area. B must get its turn after A's close and add to A's state: both labels.
 */
static void check_dsm_no_lost_update(void)
{
	char *path = new_area();
	struct ndctl_lsa_xport *t;
	struct ndctl_lsa *lsa;
	struct ndctl_label l;
	struct timespec t0;
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		int rc = ndctl_lsa_dsm_open(NULL, path, NDCTL_LSA_WRITABLE, &t);

		if (rc == 0)
			rc = ndctl_lsa_load(t, 0, &lsa);
		say_ready();
		usleep(200000);
		make_label(&l, 1, 0, 16 * MiB, 256);
		if (rc == 0)
			rc = ndctl_lsa_add(lsa, t, &l, NULL);
		ndctl_lsa_xport_close(t);
		_exit(rc == 0 ? 0 : 1);
	}
	wait_ready();
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_EQ_U64(ndctl_lsa_dsm_open(NULL, path, NDCTL_LSA_WRITABLE, &t), 0);
	CHECK(ms_since(&t0) >= 100);	/* A held it until its close */
	CHECK_EQ_U64(ndctl_lsa_load(t, 0, &lsa), 0);
	make_label(&l, 2, 32 * MiB, 16 * MiB, 256);
	CHECK_EQ_U64(ndctl_lsa_add(lsa, t, &l, NULL), 0);
	ndctl_lsa_free(lsa);
	ndctl_lsa_xport_close(t);
	reap(pid);
	CHECK_EQ_U64(holds(path, 1, 2), 3);
	unlink(path);
	free(path);
}

/*
 * A loads under its open's lock, then gives the lock away. B opens (takes
 * it), loads, and adds its label 300 ms later. A adds its own as soon as B
 * holds the area: A's apply must wait for B's close, find B's change and refuse
 * (-ESTALE); had it gone ahead, B would publish over A's label.
 */
static void check_apply_lock(enum kind k)
{
	char *path = new_area();
	struct ndctl_lsa_xport *a;
	struct ndctl_lsa *la;
	struct ndctl_label l;
	struct timespec t0;
	long waited;
	pid_t pid;
	int rc;

	CHECK_EQ_U64(open_area(k, path, NDCTL_LSA_WRITABLE, &a), 0);
	CHECK_EQ_U64(ndctl_lsa_load(a, 0, &la), 0);
	ndctl_lsa_xport_unlock(a);
	pid = fork();
	if (pid == 0) {
		struct ndctl_lsa_xport *b;
		struct ndctl_lsa *lb = NULL;

		rc = open_area(k, path, NDCTL_LSA_WRITABLE, &b);
		if (rc == 0)
			rc = ndctl_lsa_load(b, 0, &lb);
		say_ready();
		usleep(300000);
		make_label(&l, 5, 64 * MiB, 16 * MiB, 256);
		if (rc == 0)
			rc = ndctl_lsa_add(lb, b, &l, NULL);
		ndctl_lsa_xport_close(b);
		_exit(rc == 0 ? 0 : 1);
	}
	wait_ready();
	make_label(&l, 6, 96 * MiB, 16 * MiB, 256);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = ndctl_lsa_add(la, a, &l, NULL);
	waited = ms_since(&t0);
	reap(pid);
	if (rc != -ESTALE || waited < 150)
		fprintf(stderr, "%s: apply after unlock: %d after %ld ms, want -ESTALE after B's close\n",
			kind_name(k), rc, waited);
	CHECK_EQ_U64(rc, -ESTALE);
	CHECK(waited >= 150);
	/* whatever A returned, a 0 must mean its label is there */
	CHECK_EQ_U64(holds(path, 5, 6), rc == 0 ? 3 : 1);
	ndctl_lsa_free(la);
	ndctl_lsa_xport_close(a);
	unlink(path);
	free(path);
}

int main(void)
{
	CHECK(pipe(ready) == 0);
	check_dsm_open_lock();
	check_dsm_no_lost_update();
	check_apply_lock(DSM);
	check_apply_lock(FILE_XPORT);
	return test_done("lsa-locks");
}
