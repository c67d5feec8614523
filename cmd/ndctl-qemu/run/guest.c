// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
/*
 * What `ndctl-qemu run` boots: the guest kernel (the cached one or
 * --kernel/--modules) and a small initramfs: a static busybox, the modules
 * that mount the host's root over 9p, the guest scripts (guest/, embedded at
 * build time) and the run's settings. Everything else comes from the host.
 */
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "guest.h"
#include "run-guest-scripts.h"

/*
 * Mount the host's root; then drive the vNVDIMMs (names as in modules.dep). With
 * --legacy-pmem, nd_e820 goes first, so that its regions are region0.. and their disks
 * /dev/pmem0.., as fstests configurations expect, whatever else the guest has.
 */
static const char *const early_modules[] = { "virtio_pci", "9pnet_virtio", "9p", "overlay" };
static const char *const late_modules[] = { "nd_e820", "nfit", "nd_pmem", "nd_btt", "dax_pmem",
	"device_dax", "kmem" };
#define NLATE (int)(sizeof(late_modules) / sizeof(late_modules[0]))

const char *run_cache_dir(void)
{
	return getenv("NDKIT_GUEST_CACHE") ?: RUN_DEFAULT_CACHE;
}

/* The newest kernel-KVER set-up unpacked into the cache (tests/guest/setup.sh). */
static int cached_kernel(struct run *r, char **kernel, char **modules)
{
	const char *cache = run_cache_dir();
	char best[NAME_MAX + 1] = "", *done;
	struct dirent *de;
	DIR *d = opendir(cache);

	while (d && (de = readdir(d))) {
		if (strncmp(de->d_name, "kernel-", 7) || strverscmp(de->d_name, best) <= 0)
			continue;
		if (asprintf(&done, "%s/%s/.done", cache, de->d_name) < 0)
			break;
		if (access(done, F_OK) == 0)
			strcpy(best, de->d_name);
		free(done);
	}
	if (d)
		closedir(d);
	if (!*best)
		return run_error("no guest kernel in %s (NDKIT_GUEST_CACHE): fetch one with "
			"tests/guest/setup.sh --kernel-only, or give --kernel FILE --modules DIR",
			cache);
	if (asprintf(kernel, "%s/%s/boot/vmlinuz-%s", cache, best, best + 7) < 0 ||
	    asprintf(modules, "%s/%s/lib/modules/%s", cache, best, best + 7) < 0)
		return RUN_EXIT_RUNNER;
	return 0;
}

/* The version a bzImage says it is (its setup header's kernel_version string), or "". */
static void bzimage_version(const char *path, char *out, size_t len)
{
	unsigned char hdr[0x210];
	FILE *f = fopen(path, "re");
	unsigned off;

	*out = '\0';
	if (!f)
		return;
	if (fread(hdr, 1, sizeof(hdr), f) == sizeof(hdr) && !memcmp(hdr + 0x202, "HdrS", 4)) {
		off = hdr[0x20e] | hdr[0x20f] << 8;
		if (off && !fseek(f, 0x200 + off, SEEK_SET) && fgets(out, len, f))
			out[strcspn(out, " \n")] = '\0';
	}
	fclose(f);
}

/*
 * --modules DIR may be the INSTALL_MOD_PATH of a `make modules_install` (DIR/lib/modules/V):
 * the V of the kernel's version, or the only one there. Returns a new path or NULL.
 */
static char *install_mod_path(const char *kernel, const char *dir)
{
	char want[256], *base, *path = NULL, *pick = NULL;
	struct dirent *de;
	DIR *d;
	int n = 0;

	if (asprintf(&base, "%s/lib/modules", dir) < 0)
		return NULL;
	bzimage_version(kernel, want, sizeof(want));
	d = opendir(base);
	while (d && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (!strcmp(de->d_name, want) || !n++) {
			free(pick);
			pick = strdup(de->d_name);
		}
		if (!strcmp(de->d_name, want)) {
			n = 1;
			break;
		}
	}
	if (d)
		closedir(d);
	if (pick && n == 1 && asprintf(&path, "%s/%s", base, pick) < 0)
		path = NULL;
	free(pick);
	free(base);
	return path;
}

int run_find_kernel(struct run *r)
{
	char *kernel = NULL, *modules = NULL, *dep;
	int rc = 0;

	if (!r->kernel != !r->modules)
		return run_error("--kernel and --modules go together: the modules must be built "
			"for that kernel (e.g. --kernel /boot/vmlinuz-V --modules /lib/modules/V)");
	if (!r->kernel && (rc = cached_kernel(r, &kernel, &modules)))
		return rc;
	if (r->kernel) {
		kernel = realpath(r->kernel, NULL);
		modules = realpath(r->modules, NULL);
		if (kernel && modules && asprintf(&dep, "%s/modules.dep", modules) >= 0) {
			char *sub = access(dep, R_OK) ? install_mod_path(kernel, modules) : NULL;

			free(dep);
			if (sub) {
				free(modules);
				modules = realpath(sub, NULL);
				free(sub);
			}
		}
	}
	if (!kernel || access(kernel, R_OK))
		rc = run_error("cannot read the kernel %s", kernel ?: r->kernel);
	else if (!modules || asprintf(&dep, "%s/modules.dep", modules) < 0)
		rc = run_error("no modules directory %s", r->modules);
	else if (access(dep, R_OK) && (free(dep), 1))
		rc = run_error("%s has no modules.dep: give the directory of the kernel's "
			"modules (lib/modules/VERSION) and run depmod on it", modules);
	else
		free(dep);
	if (!rc) {
		r->kernel = kernel;
		r->modules = modules;
		r->kver = strdup(basename(modules));
	}
	return rc;
}

/* modules.dep lines ("kernel/x/y.ko: deps..."), for dependency order. */
struct moddep {
	char **line;
	int n;
};

static bool module_is(const char *path, const char *name)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t len = strlen(name);

	for (size_t i = 0; i < len; i++) {
		char a = base[i] == '-' ? '_' : base[i], b = name[i] == '-' ? '_' : name[i];

		if (a != b)
			return false;
	}
	return strcmp(base + len, ".ko") == 0 || strcmp(base + len, ".ko:") == 0;
}

static int moddep_load(struct moddep *m, const char *dir)
{
	char *path, *line = NULL;
	size_t cap = 0;
	FILE *f;

	if (asprintf(&path, "%s/modules.dep", dir) < 0)
		return -1;
	f = fopen(path, "re");
	free(path);
	if (!f)
		return -1;
	while (getline(&line, &cap, f) > 0) {
		char **grown = realloc(m->line, (m->n + 1) * sizeof(*grown));

		if (!grown)
			break;
		m->line = grown;
		line[strcspn(line, "\n")] = '\0';
		m->line[m->n++] = strdup(line);
	}
	free(line);
	fclose(f);
	return 0;
}

static void moddep_free(struct moddep *m)
{
	for (int i = 0; i < m->n; i++)
		free(m->line[i]);
	free(m->line);
}

static const char *moddep_find(const struct moddep *m, const char *name)
{
	for (int i = 0; i < m->n; i++) {
		size_t len = strcspn(m->line[i], ":");
		char path[PATH_MAX];

		if (len >= sizeof(path))
			continue;
		memcpy(path, m->line[i], len);
		path[len] = '\0';
		if (module_is(path, name))
			return m->line[i];
	}
	return NULL;
}

static bool module_builtin(const struct run *r, const char *name)
{
	char *path, *line = NULL;
	size_t cap = 0;
	bool found = false;
	FILE *f;

	if (asprintf(&path, "%s/modules.builtin", r->modules) < 0)
		return false;
	f = fopen(path, "re");
	free(path);
	while (f && !found && getline(&line, &cap, f) > 0) {
		line[strcspn(line, "\n")] = '\0';
		found = module_is(line, name);
	}
	free(line);
	if (f)
		fclose(f);
	return found;
}

static int add_unique(struct strv *out, const char *path)
{
	for (int i = 0; i < out->n; i++)
		if (strcmp(out->v[i], path) == 0)
			return 0;
	return strv_add(out, path);
}

/* Module files for @names with their dependencies first, as modprobe loads them. */
static int module_order(const struct run *r, const struct moddep *m,
		const char *const *names, int n, struct strv *out)
{
	for (int i = 0; i < n; i++) {
		const char *line = moddep_find(m, names[i]);
		char *copy, *words[64], *save = NULL, *w;
		int nw = 0;

		if (!line && module_builtin(r, names[i]))
			continue;
		if (!line)
			return run_error("the guest kernel has no module %s (%s/modules.dep)",
				names[i], r->modules);
		copy = strdup(line);
		for (w = strtok_r(copy, ": ", &save); w && nw < 64; w = strtok_r(NULL, " ", &save))
			words[nw++] = w;
		if (!strstr(words[0], ".ko") || strstr(words[0], ".ko.")) {
			free(copy);
			return run_error("%s is compressed; ndctl-qemu run needs uncompressed "
				"modules (.ko)", words[0]);
		}
		for (int k = nw - 1; k >= 1; k--)
			add_unique(out, words[k]);
		add_unique(out, words[0]);
		free(copy);
	}
	return 0;
}

/* A newc cpio archive, written as we go. */
struct cpio {
	FILE *f;
	unsigned ino;
};

static void cpio_entry(struct cpio *c, const char *name, unsigned mode, const void *data,
		size_t len)
{
	static const char zero[4];
	size_t namesize = strlen(name) + 1;

	fprintf(c->f, "070701%08X%08X%08X%08X%08X%08X%08zX%08X%08X%08X%08X%08zX%08X",
		++c->ino, mode, 0, 0, 1, 0, len, 0, 0, 0, 0, namesize, 0);
	fwrite(name, 1, namesize, c->f);
	fwrite(zero, 1, (4 - (110 + namesize) % 4) % 4, c->f);
	if (len)
		fwrite(data, 1, len, c->f);
	fwrite(zero, 1, (4 - len % 4) % 4, c->f);
}

static void cpio_text(struct cpio *c, const char *name, unsigned mode, const char *text)
{
	cpio_entry(c, name, S_IFREG | mode, text, strlen(text));
}

static int cpio_file(struct cpio *c, const char *name, const char *path)
{
	char *data = NULL;
	size_t cap = 0;
	FILE *in = fopen(path, "re");
	FILE *mem = open_memstream(&data, &cap);
	char buf[65536];
	size_t got;

	if (!in || !mem) {
		if (in)
			fclose(in);
		if (mem)
			fclose(mem);
		free(data);
		return run_error("cannot read %s: %s", path, strerror(errno));
	}
	while ((got = fread(buf, 1, sizeof(buf), in)) > 0)
		fwrite(buf, 1, got, mem);
	fclose(in);
	fclose(mem);
	cpio_entry(c, name, S_IFREG | 0755, data, cap);
	free(data);
	return 0;
}

/* The initramfs runs busybox as PID 1 before the host's root is there: it must be static. */
static const char *static_busybox(void)
{
	static const char *const cands[] = { "/bin/busybox", "/usr/bin/busybox" };

	for (size_t i = 0; i < sizeof(cands) / sizeof(cands[0]); i++) {
		Elf64_Ehdr eh;
		Elf64_Phdr ph;
		bool interp = false;
		FILE *f = fopen(cands[i], "re");

		if (!f)
			continue;
		if (fread(&eh, sizeof(eh), 1, f) == 1 && memcmp(eh.e_ident, ELFMAG, SELFMAG) == 0)
			for (int k = 0; k < eh.e_phnum; k++)
				if (fseek(f, eh.e_phoff + k * sizeof(ph), SEEK_SET) == 0 &&
				    fread(&ph, sizeof(ph), 1, f) == 1 && ph.p_type == PT_INTERP)
					interp = true;
		fclose(f);
		if (!interp)
			return cands[i];
	}
	return NULL;
}

/* What @write writes for @r, as a string (the caller frees it). */
static char *text_of(void (*write)(FILE *f, const struct run *r), const struct run *r)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	write(f, r);
	fclose(f);
	return text;
}

/* 'text' in shell quoting. */
static void put_quoted(FILE *f, const char *text)
{
	fputc('\'', f);
	for (; *text; text++)
		if (*text == '\'')
			fputs("'\\''", f);
		else
			fputc(*text, f);
	fputc('\'', f);
}

static void command_script(FILE *f, const struct run *r)
{
	fputs("cd ", f);
	put_quoted(f, r->cwd);
	fputs(" || exit 125\n", f);
	if (r->shell) {
		/* not "exec bash 2>/dev/null": that would hide the shell's prompt and errors */
		fputs("[ -x /bin/bash ] && exec /bin/bash -l\nexec /bin/sh -l\n", f);
	} else {
		fputs("exec", f);
		for (char **a = r->command; *a; a++) {
			fputc(' ', f);
			put_quoted(f, *a);
		}
		fputc('\n', f);
	}
}

static void env_script(FILE *f, const struct run *r)
{
	fprintf(f, "NDKIT_DIMMS=%d\nNDKIT_LEGACY=%d\nNDKIT_CXL=%d\nNDKIT_BOOTS=%d\n"
		"NDKIT_SHELL=%d\nNDKIT_OUT_TTY=%d\nNDKIT_ERR_TTY=%d\nNDKIT_KVER=", r->plan.n,
		r->nlegacy, r->plan.ncxl, r->boots, r->shell, isatty(1), isatty(2));
	put_quoted(f, r->kver);
	fputs("\nNDKIT_MODDIR=", f);
	put_quoted(f, r->modules);
	fputs("\nNDKIT_TERM=", f);
	put_quoted(f, getenv("TERM") ?: "dumb");
	fputc('\n', f);
}

/* "tag dir" per 9p share: the current directory first, then each --share. */
static void shares_list(FILE *f, const struct run *r)
{
	fprintf(f, "ndkit0 %s\n", r->cwd);
	for (int i = 0; i < r->nshares; i++)
		fprintf(f, "ndkit%d %s\n", i + 1, r->shares[i]);
}

/* ndkit's ndctl and daxctl beside this program: installed in one bindir, or in the build tree. */
static char *sibling_tool(const char *self_dir, const char *name)
{
	char *path;

	if (asprintf(&path, "%s/%s", self_dir, name) >= 0 && access(path, X_OK) == 0)
		return path;
	free(path);
	if (asprintf(&path, "%s/../%s/%s", self_dir, name, name) >= 0 && access(path, X_OK) == 0)
		return path;
	free(path);
	return NULL;
}

/*
 * The guest mounts fresh tmpfs over /tmp, /run and /dev/shm, which would hide
 * ndkit's own tools if they live there (a build tree in /tmp): print the
 * top directory under such a mount that holds @path, for init to bind back.
 */
static void print_hidden_root(FILE *f, const char *path)
{
	static const char *const hidden[] = { "/tmp/", "/run/", "/dev/shm/" };

	for (size_t i = 0; i < sizeof(hidden) / sizeof(hidden[0]); i++) {
		size_t len = strlen(hidden[i]);

		if (strncmp(path, hidden[i], len) == 0 && path[len])
			fprintf(f, "%.*s\n", (int)(len + strcspn(path + len, "/")), path);
	}
}

/*
 * "dir" per line: the host directories init binds back over the guest's tmpfs mounts: ndkit's
 * own tools' and the kernel modules' (--modules from a build in /tmp).
 */
static void binds_list(FILE *f, const struct run *r)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	self[n > 0 ? n : 0] = '\0';
	print_hidden_root(f, self);
	if (r->modules)
		print_hidden_root(f, r->modules);
}

static void links_list(FILE *f, const struct run *r)
{
	static const char *const tools[] = { "ndctl", "daxctl" };
	char self[PATH_MAX], *tool;
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	self[n > 0 ? n : 0] = '\0';
	fprintf(f, "ndctl-qemu %s\n", self);
	dirname(self);
	for (size_t i = 0; i < 2; i++) {
		char distro[32];

		snprintf(distro, sizeof(distro), "/usr/bin/%s", tools[i]);
		if (!access(distro, X_OK))
			fprintf(f, "upstream-%s %s\n", tools[i], distro);
		if (r->upstream) {
			fprintf(f, "%s %s\n", tools[i], distro);
		} else if ((tool = sibling_tool(self, tools[i]))) {
			fprintf(f, "%s %s\n", tools[i], tool);
			free(tool);
		}
	}
}

/* "path" per line: @v's entries @from to @to (modules.dep paths), for init to insmod. */
static char *module_list(const struct strv *v, int from, int to)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	for (int i = from; i < to; i++)
		fprintf(f, "%s\n", v->v[i]);
	fclose(f);
	return text;
}

/* The early modules into the initramfs; the late ones, and nfit_test's (loaded once the
 * DIMMs have probed, so that their count is QEMU's alone), as lists. */
static int module_lists(const struct run *r, struct cpio *c, char **late, char **nfit)
{
	static const char *const nfit_test[] = { "nfit_test" };
	struct moddep m = { 0 };
	struct strv early = { 0 }, rest = { 0 };
	char *text = NULL, *name;
	size_t len = 0;
	FILE *f;
	int rc, nlate;

	if (moddep_load(&m, r->modules) < 0)
		return run_error("cannot read %s/modules.dep", r->modules);
	rc = module_order(r, &m, early_modules, 4, &early);
	if (!rc)
		rc = module_order(r, &m, late_modules + !r->nlegacy, NLATE - !r->nlegacy, &rest);
	nlate = rest.n;
	if (!rc && r->nfit_test)
		rc = module_order(r, &m, nfit_test, 1, &rest);
	f = open_memstream(&text, &len);
	for (int i = 0; !rc && i < early.n; i++) {
		char *src;

		if (asprintf(&name, "ndkit/mods/%d.ko", i) < 0 ||
		    asprintf(&src, "%s/%s", r->modules, early.v[i]) < 0)
			return RUN_EXIT_RUNNER;
		rc = cpio_file(c, name, src);
		fprintf(f, "/%s\n", name);
		free(name);
		free(src);
	}
	fclose(f);
	cpio_text(c, "ndkit/early", 0644, text ?: "");
	free(text);
	*late = module_list(&rest, 0, nlate);
	*nfit = module_list(&rest, nlate, rest.n);
	strv_free(&early);
	strv_free(&rest);
	moddep_free(&m);
	return rc;
}

int run_write_initramfs(const struct run *r, const char *path)
{
	static const char *const dirs[] = { "bin", "dev", "proc", "sys", "ndkit", "ndkit/mods" };
	const char *busybox = static_busybox();
	struct cpio c = { 0 };
	char *texts[7] = { text_of(env_script, r), text_of(shares_list, r), text_of(links_list, r),
		text_of(command_script, r), NULL, text_of(binds_list, r), NULL };
	int rc;

	if (!busybox)
		return run_error("no static busybox (/bin/busybox): install busybox-static");
	c.f = fopen(path, "we");
	if (!c.f)
		return run_error("cannot write %s: %s", path, strerror(errno));
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		cpio_entry(&c, dirs[i], S_IFDIR | 0755, NULL, 0);
	rc = cpio_file(&c, "bin/busybox", busybox);
	if (!rc)
		rc = module_lists(r, &c, &texts[4], &texts[6]);
	if (!rc) {
		cpio_text(&c, "init", 0755, guest_init);
		cpio_text(&c, "ndkit/hotadd", 0755, guest_hotadd);
		cpio_text(&c, "ndkit/cxl", 0755, guest_cxl);
		cpio_text(&c, "ndkit/env", 0644, texts[0]);
		cpio_text(&c, "ndkit/shares", 0644, texts[1]);
		cpio_text(&c, "ndkit/links", 0644, texts[2]);
		cpio_text(&c, "ndkit/command", 0644, texts[3]);
		cpio_text(&c, "ndkit/late", 0644, texts[4]);
		cpio_text(&c, "ndkit/binds", 0644, texts[5] ?: "");
		cpio_text(&c, "ndkit/nfit_test", 0644, texts[6] ?: "");
		cpio_entry(&c, "TRAILER!!!", 0, NULL, 0);
	}
	for (int i = 0; i < 7; i++)
		free(texts[i]);
	if (fclose(c.f) && !rc)
		rc = run_error("cannot write %s", path);
	return rc;
}
