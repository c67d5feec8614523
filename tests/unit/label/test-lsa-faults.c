// SPDX-License-Identifier: GPL-2.0-only
/*
 * Failures that must leave the old state and a handle that knows it: a
 * transient write error (one write fails, the next would succeed), short and
 * failed pwrite()s under the file transport, a state read before another
 * writer changed the area, a v1.2 label whose checksum is bad, and the file
 * lock taken at open (exclusive for writers, shared for readers, bounded wait).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "../test.h"
#include "lsa-test-util.h"

#define MiB (1ull << 20)
#define AREA (128u << 10)

/*
 * This executable's pwrite() replaces libc's for the statically linked file
 * transport: it writes at most short_max bytes per call, or fails with EIO
 * from the fail_at-th call on (0: off).
 */
static size_t short_max;
static unsigned pwrite_calls, fail_at;

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	pwrite_calls++;
	if (fail_at && pwrite_calls >= fail_at) {
		errno = EIO;
		return -1;
	}
	if (short_max && n > short_max)
		n = short_max;
	return syscall(SYS_pwrite64, fd, buf, n, off);
}

static char *temp_area(void)
{
	char *path = strdup("/tmp/ndkit-faults-XXXXXX");
	int fd = mkstemp(path);

	CHECK(fd >= 0 && ftruncate(fd, AREA) == 0);
	close(fd);
	return path;
}

/* The decoded file, read past the lock (this process may hold it through another open). */
static char *file_state(const char *path)
{
	uint8_t *buf = malloc(AREA);
	struct ndctl_lsa *lsa;
	char *s = NULL;
	int fd = open(path, O_RDONLY);

	CHECK(fd >= 0 && read(fd, buf, AREA) == AREA);
	if (ndctl_lsa_decode(buf, AREA, &lsa) == 0) {
		s = lsa_state_text(lsa);
		ndctl_lsa_free(lsa);
	}
	close(fd);
	free(buf);
	return s;
}

/* Three labels written through 7-byte pwrites land whole; a failing pwrite is an error. */
static void check_short_and_failed_pwrite(void)
{
	char *path = temp_area(), *before, *after;
	struct ndctl_lsa_xport *t;
	struct ndctl_lsa *lsa;
	struct ndctl_label l;
	unsigned i;

	short_max = 7;
	CHECK_EQ_U64(ndctl_lsa_file_open(NULL, path, 0, NDCTL_LSA_WRITABLE, &t), 0);
	CHECK_EQ_U64(ndctl_lsa_init(t, 256, &lsa), 0);
	for (i = 0; i < 3; i++) {
		make_label(&l, i, i * 16 * MiB, 16 * MiB, 256);
		CHECK_EQ_U64(ndctl_lsa_add(lsa, t, &l, NULL), 0);
	}
	short_max = 0;
	before = lsa_state_text(lsa);
	after = file_state(path);
	CHECK_EQ_STR(after, before);
	CHECK(strstr(before, "\"labels\"") && ndctl_lsa_label_count(lsa) == 3);
	free(after);

	for (i = 1; i <= 2; i++) {	/* the label write fails, then the index write */
		pwrite_calls = 0;
		fail_at = i;
		make_label(&l, 9, 100 * MiB, 16 * MiB, 256);
		CHECK(ndctl_lsa_add(lsa, t, &l, NULL) < 0);
		CHECK(strstr(ndctl_lsa_xport_errmsg(t), "write failed") != NULL);
		fail_at = 0;
		after = file_state(path);
		CHECK_EQ_STR(after, before);
		free(after);
		CHECK_EQ_U64(ndctl_lsa_add(lsa, t, &l, NULL), -ESTALE);
		ndctl_lsa_free(lsa);
		CHECK_EQ_U64(ndctl_lsa_load(t, 0, &lsa), 0);
	}
	ndctl_lsa_free(lsa);
	ndctl_lsa_xport_close(t);
	free(before);
	unlink(path);
	free(path);
}

/* One failed write, the next ones fine: nothing is published, the handle is stale. */
static void check_transient_fault(void)
{
	struct ndctl_lsa_xport *t;
	struct ndctl_lsa *lsa;
	struct ndctl_label a, b;
	struct ndctl_lsa_change c[2];
	char *before, *after;
	unsigned nth;

	for (nth = 1; nth <= 3; nth++) {	/* label a, label b, the index */
		CHECK_EQ_U64(ndctl_lsa_fault_new(NULL, NULL, AREA, 0, &t), 0);
		CHECK_EQ_U64(ndctl_lsa_init(t, 256, &lsa), 0);
		before = mem_state_text(t);
		make_label(&a, 1, 0, 16 * MiB, 256);
		make_label(&b, 2, 16 * MiB, 16 * MiB, 256);
		c[0] = (struct ndctl_lsa_change){ .op = NDCTL_LSA_ADD, .label = &a };
		c[1] = (struct ndctl_lsa_change){ .op = NDCTL_LSA_ADD, .label = &b };
		ndctl_lsa_fault_arm_once(t, nth);
		CHECK_EQ_U64(ndctl_lsa_apply(lsa, t, c, 2), -EIO);
		CHECK(!ndctl_lsa_fault_tripped(t));	/* the medium still works */
		after = mem_state_text(t);
		CHECK_EQ_STR(after, before);
		free(after);
		CHECK_EQ_U64(ndctl_lsa_apply(lsa, t, c, 2), -ESTALE);
		CHECK(strstr(ndctl_lsa_xport_errmsg(t), "reload") != NULL);
		ndctl_lsa_free(lsa);
		CHECK_EQ_U64(ndctl_lsa_load(t, 0, &lsa), 0);
		CHECK_EQ_U64(ndctl_lsa_apply(lsa, t, c, 2), 0);
		CHECK_EQ_U64(ndctl_lsa_label_count(lsa), 2);
		free(before);
		ndctl_lsa_free(lsa);
		ndctl_lsa_xport_close(t);
	}
}

/* A v1.2 label with one bit flipped is not active; its slot stays in use (validate says so). */
static void check_bad_label_checksum(void)
{
	struct ndctl_lsa_xport *t;
	struct ndctl_lsa *lsa;
	struct ndctl_label l;
	uint8_t *img = malloc(AREA);
	uint32_t slot, isz;

	CHECK_EQ_U64(ndctl_lsa_mem_new(NULL, NULL, AREA, 0, &t), 0);
	CHECK_EQ_U64(ndctl_lsa_init(t, 256, &lsa), 0);
	make_label(&l, 5, 0, 16 * MiB, 256);
	CHECK_EQ_U64(ndctl_lsa_add(lsa, t, &l, &slot), 0);
	memcpy(img, ndctl_lsa_mem_data(t), AREA);
	isz = ndctl_lsa_isz(lsa);
	ndctl_lsa_free(lsa);
	ndctl_lsa_xport_close(t);
	CHECK_EQ_U64(ndctl_lsa_decode(img, AREA, &lsa), 0);
	CHECK_EQ_U64(ndctl_lsa_label_count(lsa), 1);
	ndctl_lsa_free(lsa);
	img[2 * isz + slot * 256 + 20] ^= 1;	/* a byte of the name */
	CHECK_EQ_U64(ndctl_lsa_decode(img, AREA, &lsa), 0);
	CHECK_EQ_U64(ndctl_lsa_label_count(lsa), 0);
	CHECK(ndctl_lsa_slot_in_use(lsa, slot));
	CHECK(count_findings(lsa, NDCTL_LSA_WARN) > 0);
	ndctl_lsa_free(lsa);
	free(img);
}

/* A state read, then another writer's change, then apply: refused, the other change kept. */
static void check_stale_state(void)
{
	char *path = temp_area(), *other;
	struct ndctl_lsa_xport *a, *b;
	struct ndctl_lsa *la, *lb;
	struct ndctl_label l;

	CHECK_EQ_U64(ndctl_lsa_file_open(NULL, path, 0, NDCTL_LSA_WRITABLE, &a), 0);
	CHECK_EQ_U64(ndctl_lsa_init(a, 256, &la), 0);
	ndctl_lsa_xport_unlock(a);	/* give the lock away, keep the state */
	CHECK_EQ_U64(ndctl_lsa_file_open(NULL, path, 0, NDCTL_LSA_WRITABLE | NDCTL_LSA_NOWAIT, &b), 0);
	CHECK_EQ_U64(ndctl_lsa_load(b, 0, &lb), 0);
	make_label(&l, 7, 0, 16 * MiB, 256);
	CHECK_EQ_U64(ndctl_lsa_add(lb, b, &l, NULL), 0);
	other = lsa_state_text(lb);
	ndctl_lsa_free(lb);
	ndctl_lsa_xport_close(b);
	make_label(&l, 8, 32 * MiB, 16 * MiB, 256);
	CHECK_EQ_U64(ndctl_lsa_add(la, a, &l, NULL), -ESTALE);
	CHECK(strstr(ndctl_lsa_xport_errmsg(a), "changed since it was read") != NULL);
	ndctl_lsa_free(la);
	ndctl_lsa_xport_close(a);
	la = NULL;
	{
		char *now = file_state(path);

		CHECK_EQ_STR(now, other);
		free(now);
	}
	free(other);
	unlink(path);
	free(path);
}

static long ms_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t0->tv_sec) * 1000 + (now.tv_nsec - t0->tv_nsec) / 1000000;
}

/*
 * The lock is taken at open (flock locks belong to open files, so a second
 * open conflicts even in one process): a second writer or a reader fails at
 * once with NOWAIT; a reader waits for a writer in another process to let
 * go; readers share.
 */
static void check_open_lock(void)
{
	char *path = temp_area();
	struct ndctl_lsa_xport *a, *b, *r;
	struct timespec t0;
	int st, ready[2];
	pid_t pid;
	char c;

	CHECK_EQ_U64(ndctl_lsa_file_open(NULL, path, AREA, NDCTL_LSA_WRITABLE, &a), 0);
	CHECK_EQ_U64(ndctl_lsa_file_open(NULL, path, AREA, NDCTL_LSA_WRITABLE | NDCTL_LSA_NOWAIT, &b), -EBUSY);
	CHECK(strstr(ndctl_lsa_xport_errmsg(b), "locked by another label writer") != NULL);
	ndctl_lsa_xport_close(b);
	CHECK_EQ_U64(ndctl_lsa_file_open(NULL, path, AREA, NDCTL_LSA_NOWAIT, &r), -EBUSY);
	ndctl_lsa_xport_close(r);
	ndctl_lsa_xport_close(a);
	CHECK(pipe(ready) == 0);
	pid = fork();
	if (pid == 0) {	/* a writer in another process: we must wait ~300 ms for it */
		struct ndctl_lsa_xport *w;
		int rc = ndctl_lsa_file_open(NULL, path, AREA, NDCTL_LSA_WRITABLE, &w);

		/* it holds the lock now: the parent's clock starts here, not at fork */
		if (write(ready[1], "x", 1) != 1)
			rc = -1;
		usleep(300000);
		ndctl_lsa_xport_close(w);
		_exit(rc == 0 ? 0 : 1);
	}
	close(ready[1]);
	CHECK(read(ready[0], &c, 1) == 1);
	close(ready[0]);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_EQ_U64(ndctl_lsa_file_open(NULL, path, AREA, 0, &r), 0);
	CHECK(ms_since(&t0) >= 150);
	CHECK_EQ_U64(ndctl_lsa_file_open(NULL, path, AREA, 0, &b), 0);	/* readers share */
	CHECK_EQ_U64(ndctl_lsa_xport_lock(r), -EPERM);
	ndctl_lsa_xport_close(b);
	ndctl_lsa_xport_close(r);
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);

	CHECK_EQ_U64(ndctl_lsa_file_open(NULL, path, AREA, 0, &r), 0);
	CHECK_EQ_U64(ndctl_lsa_xport_write(r, 0, "x", 1), -EPERM);
	ndctl_lsa_xport_close(r);
	unlink(path);
	free(path);
}

/* The names of the labels the area's current index holds, in slot order ("" for none). */
static char *active_names(struct ndctl_lsa_xport *t)
{
	char *s = calloc(1, 1024);
	struct ndctl_lsa *lsa;
	struct ndctl_label l;
	unsigned i;

	CHECK_EQ_U64(ndctl_lsa_decode(ndctl_lsa_mem_data(t), ndctl_lsa_xport_size(t), &lsa), 0);
	if (!ndctl_lsa_valid(lsa))
		strcpy(s, "(no valid index)");
	for (i = 0; ndctl_lsa_valid(lsa) && i < ndctl_lsa_label_count(lsa); i++) {
		CHECK_EQ_U64(ndctl_lsa_label_get(lsa, i, &l), 0);
		strcat(s, l.name);
		strcat(s, " ");
	}
	ndctl_lsa_free(lsa);
	return s;
}

/*
 * init-labels -f over labels, failing at its first or second index write,
 * the write lost or applied (nfit_test's fail_cmd applies a label write and
 * then fails it): the area holds its old labels or none, never the
 * generation before the current one. Four adds after an init leave index 0
 * current (seq 1) and index 1 one generation older (seq 3, three labels):
 * writing block 0 first, then failing, made those three labels current.
 */
static void check_init_over_labels(void)
{
	static const unsigned sizes[] = { 128, 256 };
	struct ndctl_lsa_xport *t;
	struct ndctl_lsa *lsa;
	struct ndctl_label l;
	unsigned s, i, nth, applied;

	for (s = 0; s < 2; s++)
		for (nth = 1; nth <= 2; nth++)
			for (applied = 0; applied <= 1; applied++) {
				char *before, *after;

				CHECK_EQ_U64(ndctl_lsa_fault_new(NULL, NULL, AREA, 4096, &t), 0);
				CHECK_EQ_U64(ndctl_lsa_init(t, sizes[s], &lsa), 0);
				for (i = 0; i < 4; i++) {
					make_label(&l, i, (uint64_t)i * 16 * MiB, 16 * MiB, sizes[s]);
					CHECK_EQ_U64(ndctl_lsa_add(lsa, t, &l, NULL), 0);
				}
				CHECK_EQ_U64(ndctl_lsa_current_index(lsa), 0);
				ndctl_lsa_free(lsa);
				before = active_names(t);
				CHECK_EQ_STR(before, "ns-0 ns-1 ns-2 ns-3 ");
				if (applied)
					ndctl_lsa_fault_arm(t, nth, 1 << 20);	/* written whole, then EIO */
				else
					ndctl_lsa_fault_arm(t, nth, -1);
				CHECK_EQ_U64(ndctl_lsa_init(t, sizes[s], NULL), -EIO);
				after = active_names(t);
				if (strcmp(after, before) && strcmp(after, ""))
					CHECK_EQ_STR(after, "the old labels or none");
				free(before);
				free(after);
				ndctl_lsa_xport_close(t);
			}
}

int main(void)
{
	check_short_and_failed_pwrite();
	check_transient_fault();
	check_init_over_labels();
	check_bad_label_checksum();
	check_stale_state();
	check_open_lock();
	return test_done("lsa-faults");
}
