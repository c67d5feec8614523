// SPDX-License-Identifier: GPL-2.0-only
/*
 * The rules of `ndctl-qemu check` that look at the backends themselves:
 * the file's size, what lies where QEMU will keep the labels, and whether
 * the file system or device can honour align=.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "ndctl/lsa.h"
#include "util/size.h"
#include "placement.h"
#include "rules-files.h"

#define SZ_FMT 24
/* A multiple of the label engine's 256-byte index alignment, so that every
 * chunk starts on a boundary where an index signature could be. */
#define TAIL_CHUNK (1U << 20)

static const char *sz(uint64_t v, char *buf)
{
	return format_size_short(v, buf, SZ_FMT);
}

static void rule_file_size(const struct qemu_backend *b, const struct stat *st,
		struct findings *f)
{
	uint64_t fsize = st->st_size;
	char a[SZ_FMT], c[SZ_FMT];

	if (!S_ISREG(st->st_mode) || fsize == 0 || fsize == b->size)
		return;
	if (fsize < b->size)
		finding_add(f, SEV_ERROR, "file-size", b->opt->text,
			"%s holds %s but size=%s: QEMU refuses a backing file smaller than "
			"size=; use size=%s or grow the file (truncate -s %s %s)",
			b->mem_path, sz(fsize, a), sz(b->size, c), a, c, b->mem_path);
	else
		finding_add(f, SEV_WARNING, "file-size", b->opt->text,
			"%s holds %s but size=%s: QEMU uses only the first %s, so labels sit "
			"before the file's end, not at it; use size=%s",
			b->mem_path, sz(fsize, a), sz(b->size, c), c, a);
}

static bool all_zero(const unsigned char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (buf[i])
			return false;
	return true;
}

int label_tail_kind(int fd, uint64_t off, uint64_t len)
{
	unsigned char *buf = malloc(TAIL_CHUNK);
	bool zero = true, labels = false;
	int rc = 0;

	if (!buf)
		return -ENOMEM;
	for (uint64_t pos = 0; pos < len && rc == 0; pos += TAIL_CHUNK) {
		size_t want = len - pos < TAIL_CHUNK ? len - pos : TAIL_CHUNK;
		ssize_t got = pread(fd, buf, want, off + pos);

		if (got < 0)
			rc = -errno;
		else if ((size_t)got != want)
			rc = -EIO;
		else {
			if (pos < len / 2)
				labels |= ndctl_lsa_has_index_signature(buf, want < len / 2 - pos ?
						want : len / 2 - pos);
			zero &= all_zero(buf, want);
		}
	}
	free(buf);
	if (rc)
		return rc;
	return zero ? LABEL_TAIL_ZERO : labels ? LABEL_TAIL_LABELS : LABEL_TAIL_DATA;
}

static void rule_label_tail(const struct qemu_memdev *d, struct findings *f)
{
	const struct qemu_backend *b = d->backend;
	char a[SZ_FMT];
	int fd, kind;

	if (!d->label_size || d->label_size >= b->size)
		return;
	fd = open(b->mem_path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	kind = label_tail_kind(fd, b->size - d->label_size, d->label_size);
	close(fd);
	if (kind < 0)
		finding_add(f, SEV_WARNING, "label-area-data", d->opt->text,
			"cannot read the last %s of %s (%s); check the file is readable",
			sz(d->label_size, a), b->mem_path, strerror(-kind));
	else if (kind == LABEL_TAIL_DATA)
		finding_add(f, SEV_ERROR, "label-area-data", d->opt->text,
			"the last %s of %s hold data that is not a label area; QEMU keeps "
			"labels there, so the guest would lose that data; move it, or grow "
			"the file and size= by %s first", sz(d->label_size, a), b->mem_path, a);
}

static void rule_align(const struct qemu_backend *b, struct findings *f)
{
	uint64_t page = qemu_backend_page_size(b);
	char a[SZ_FMT], c[SZ_FMT];

	if (!b->align)
		return;
	if (b->kind != BACKEND_FILE)
		finding_add(f, SEV_ERROR, "align-backend", b->opt->text,
			"memory-backend-%s has no align property; drop align= or use "
			"memory-backend-file", b->kind == BACKEND_RAM ? "ram" : "memfd");
	else if (!is_power_of_2(b->align))
		finding_add(f, SEV_ERROR, "align-backend", b->opt->text,
			"align=%s is not a power of two; use e.g. align=2M or align=128M",
			sz(b->align, a));
	else if (b->align < page)
		finding_add(f, SEV_ERROR, "align-backend", b->opt->text,
			"align=%s is below the %s pages that %s maps in (hugetlbfs or device "
			"dax); use align=%s", sz(b->align, a), sz(page, c), b->mem_path, c);
}

static void check_one_backend(const struct qemu_backend *b, struct findings *f)
{
	struct stat st;

	rule_align(b, f);
	if (b->kind == BACKEND_FILE && b->mem_path && stat(b->mem_path, &st) == 0)
		rule_file_size(b, &st, f);
}

void check_backend_files(const struct qemu_config *cfg, struct findings *f)
{
	for (int i = 0; i < cfg->nbackends; i++)
		check_one_backend(&cfg->backends[i], f);
	for (int i = 0; i < cfg->nmemdevs; i++) {
		const struct qemu_memdev *d = &cfg->memdevs[i];
		struct stat st;

		if (!d->nvdimm || !d->backend || d->backend->kind != BACKEND_FILE ||
		    !d->backend->mem_path || stat(d->backend->mem_path, &st) < 0)
			continue;
		if (S_ISREG(st.st_mode) && (uint64_t)st.st_size >= d->backend->size)
			rule_label_tail(d, f);
	}
}
