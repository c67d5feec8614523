// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
/*
 * A PVH boot of the guest kernel: QEMU loads an uncompressed vmlinux that carries
 * Xen's PHYS32_ENTRY note straight into guest memory and jumps to it, so the
 * guest does not run the bzImage's decompressor. Under TCG that decompressor is
 * the slowest part of a boot (an xz kernel: 4 s on a quiet host, 8 s and more on
 * a loaded one). The vmlinux is the bzImage's own payload, unpacked once with
 * the host's xz/gzip/zstd/bzip2 and kept in the guest cache (pvh/); a kernel
 * without CONFIG_PVH, or a payload that does not unpack, boots as a bzImage.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "util/le-fields.h"
#include "guest.h"
#include "pvh.h"

#define XEN_ELFNOTE_PHYS32_ENTRY 18
#define SETUP_HDR_MIN 0x250	/* through payload_length (boot protocol 2.08) */

/* The bzImage's compressed payload: where it is and how long, without the size trailer. */
struct payload {
	const unsigned char *data;
	size_t len;
	uint32_t size;		/* the uncompressed size the kernel build appended */
};

static bool find_payload(const unsigned char *img, size_t len, struct payload *p)
{
	size_t setup, off, plen;

	if (len < SETUP_HDR_MIN || memcmp(img + 0x202, "HdrS", 4) ||
	    le_get(img + 0x206, 2) < 0x208)
		return false;
	setup = ((size_t)(img[0x1f1] ? img[0x1f1] : 4) + 1) * 512;
	off = setup + le_get(img + 0x248, 4);
	plen = le_get(img + 0x24c, 4);
	if (plen < 8 || off > len || plen > len - off)
		return false;
	p->data = img + off;
	p->len = plen - 4;
	p->size = le_get(img + off + plen - 4, 4);
	return true;
}

/* The host program that unpacks the payload, by its magic bytes; NULL: none we know. */
static const char *const *unpacker(const struct payload *p)
{
	static const char *const xz[] = { "xz", "-dc", NULL };
	static const char *const lzma[] = { "xz", "--format=lzma", "-dc", NULL };
	static const char *const gz[] = { "gzip", "-dc", NULL };
	static const char *const zstd[] = { "zstd", "-dcq", NULL };
	static const char *const bz2[] = { "bzip2", "-dc", NULL };
	static const struct { const char *magic; size_t n; const char *const *argv; } known[] = {
		{ "\xfd" "7zXZ", 5, xz }, { "\x1f\x8b", 2, gz }, { "\x28\xb5\x2f\xfd", 4, zstd },
		{ "BZh", 3, bz2 }, { "\x5d\x00\x00", 3, lzma },
	};

	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (p->len > known[i].n && !memcmp(p->data, known[i].magic, known[i].n))
			return known[i].argv;
	return NULL;
}

/* Run @argv with the payload on its stdin and @out as its stdout; true if it exited 0. */
static bool unpack(const char *const *argv, const struct payload *p, int out)
{
	struct sigaction ign = { .sa_handler = SIG_IGN }, old;
	int in[2], status;
	size_t done = 0;
	pid_t pid;

	if (pipe2(in, O_CLOEXEC) < 0)
		return false;
	pid = fork();
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(out, 1);
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(in[0]);
	/* an unpacker that fails early closes the pipe: an error from write(), not SIGPIPE */
	sigaction(SIGPIPE, &ign, &old);
	while (pid > 0 && done < p->len) {
		ssize_t n = write(in[1], p->data + done, p->len - done);

		if (n <= 0)
			break;
		done += n;
	}
	close(in[1]);
	sigaction(SIGPIPE, &old, NULL);
	return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		!WEXITSTATUS(status) && done == p->len;
}

/* Does the ELF file at @fd have the note a PVH loader needs? */
static bool has_pvh_note(int fd)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph;

	if (pread(fd, &eh, sizeof(eh), 0) != sizeof(eh) || memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_phentsize != sizeof(ph))
		return false;
	for (int i = 0; i < eh.e_phnum; i++) {
		unsigned char notes[4096];
		size_t at = 0, len;

		if (pread(fd, &ph, sizeof(ph), eh.e_phoff + i * sizeof(ph)) != sizeof(ph) ||
		    ph.p_type != PT_NOTE)
			continue;
		len = ph.p_filesz < sizeof(notes) ? ph.p_filesz : sizeof(notes);
		if (pread(fd, notes, len, ph.p_offset) != (ssize_t)len)
			continue;
		while (at + sizeof(Elf64_Nhdr) <= len) {
			Elf64_Nhdr nh;

			memcpy(&nh, notes + at, sizeof(nh));
			at += sizeof(nh);
			if (nh.n_namesz == 4 && at + 4 <= len && !memcmp(notes + at, "Xen", 4) &&
			    nh.n_type == XEN_ELFNOTE_PHYS32_ENTRY)
				return true;
			at += ((nh.n_namesz + 3) & ~3u) + ((nh.n_descsz + 3) & ~3u);
		}
	}
	return false;
}

static char *read_file(const char *path, size_t *len)
{
	struct stat st;
	char *data = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd >= 0 && fstat(fd, &st) == 0 && (data = malloc(st.st_size ?: 1)) &&
	    read(fd, data, st.st_size) != st.st_size) {
		free(data);
		data = NULL;
	}
	*len = data ? (size_t)st.st_size : 0;
	if (fd >= 0)
		close(fd);
	return data;
}

/* pvh/vmlinux-<hash of the kernel's path, size and mtime> in the guest cache. */
static char *cache_path(const char *kernel, const struct stat *st)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	char *path;

	for (const char *c = kernel; *c; c++)
		h = (h ^ (unsigned char)*c) * 0x100000001b3ULL;
	h ^= (uint64_t)st->st_size * 0x9e3779b97f4a7c15ULL;
	h ^= (uint64_t)st->st_mtim.tv_sec * 1000000007ULL + st->st_mtim.tv_nsec;
	return asprintf(&path, "%s/pvh/vmlinux-%016" PRIx64, run_cache_dir(), h) < 0 ? NULL : path;
}

/*
 * Unpack @img's payload into @path (through a temporary file); true if it is a PVH vmlinux.
 * A kernel that unpacks but has no PVH entry leaves an empty @path: boot it as it is, next
 * time without unpacking it again.
 */
static bool make_vmlinux(const struct run *r, const char *img, size_t len, const char *path)
{
	struct payload p;
	const char *const *argv = find_payload((const unsigned char *)img, len, &p) ?
		unpacker(&p) : NULL;
	char *tmp, *dir = strdup(path);
	struct stat st;
	bool unpacked = false, pvh = false, kept;
	int fd;

	if (!argv || !dir || asprintf(&tmp, "%s.%d.tmp", path, getpid()) < 0) {
		free(dir);
		return false;
	}
	*strrchr(dir, '/') = '\0';
	mkdir(dir, 0755);
	run_progress(r, "unpacking the kernel once for a PVH boot (%s -dc): %s", argv[0], path);
	fd = open(tmp, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		run_progress(r, "cannot write %s (%s): the kernel boots as a bzImage", tmp,
			strerror(errno));
	if (fd >= 0) {
		unpacked = unpack(argv, &p, fd) && fstat(fd, &st) == 0 && st.st_size == p.size;
		pvh = unpacked && has_pvh_note(fd);
		if (unpacked && !pvh && ftruncate(fd, 0) < 0)
			unpacked = false;
		close(fd);
	}
	kept = unpacked && rename(tmp, path) == 0;
	if (!kept)
		unlink(tmp);
	if (fd >= 0 && !kept)
		run_progress(r, "%s could not unpack the kernel: it boots as a bzImage", argv[0]);
	free(tmp);
	free(dir);
	return pvh && kept;
}

char *run_pvh_kernel(const struct run *r)
{
	struct stat st;
	char *path, *img;
	size_t len;
	int fd;

	if (stat(r->kernel, &st) < 0 || !(path = cache_path(r->kernel, &st)))
		return NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		struct stat cached;
		bool ok = has_pvh_note(fd), none = fstat(fd, &cached) == 0 && !cached.st_size;

		close(fd);
		if (ok)
			return path;
		if (none) {	/* unpacked before: no PVH entry */
			free(path);
			return NULL;
		}
	}
	img = read_file(r->kernel, &len);
	if (!img || !make_vmlinux(r, img, len, path)) {
		free(path);
		path = NULL;
	}
	free(img);
	return path;
}
