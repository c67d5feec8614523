// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
/*
 * `ndctl-qemu run --nfit-test`: the kernel's emulated NVDIMM test buses (nfit_test) in the
 * guest. Its modules are not packaged: on first use they are built from the distribution's
 * kernel source and headers packages (nfit-build.sh, embedded) into a modules tree beside the
 * cached guest kernel, keyed by kernel version and source package version, and that tree
 * replaces the packaged modules directory for the boot. The guest loads nfit_test before
 * COMMAND (guest.c, guest/init).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "guest.h"
#include "nfit.h"
#include "run-nfit-script.h"

/* What the build needs from the distribution, named after the guest kernel. */
struct nfit_src {
	char *series;		/* "6.1" of "6.1.0-57-amd64" */
	char *source_pkg;	/* linux-source-6.1 */
	char *headers_pkg;	/* linux-headers-6.1.0-57-amd64 */
	char *tarball;		/* /usr/src/linux-source-6.1.tar.xz */
	char *headers;		/* /usr/src/linux-headers-6.1.0-57-amd64 */
	char *version;		/* the source package's version */
	char *out;		/* the cached tree: CACHE/nfit-test-KVER-VERSION */
};

static void nfit_src_free(struct nfit_src *s)
{
	free(s->series);
	free(s->source_pkg);
	free(s->headers_pkg);
	free(s->tarball);
	free(s->headers);
	free(s->version);
	free(s->out);
}

/*
 * Run argv with stdin from /dev/null and stdout read line by line into @line (stderr is
 * ours, or /dev/null with @quiet); its exit status, or -1 if it could not start or was killed.
 */
static int run_lines(char *const argv[], bool quiet, void (*line)(void *ctx, char *text),
		void *ctx)
{
	int fds[2], status;
	char *text = NULL;
	size_t cap = 0;
	pid_t pid;
	FILE *f;

	if (pipe2(fds, O_CLOEXEC) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		if (null < 0 || dup2(null, 0) < 0 || dup2(fds[1], 1) < 0 ||
		    (quiet && dup2(null, 2) < 0))
			_exit(127);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(fds[1]);
	if (pid < 0) {
		close(fds[0]);
		return -1;
	}
	f = fdopen(fds[0], "r");
	while (f && getline(&text, &cap, f) > 0) {
		text[strcspn(text, "\n")] = '\0';
		line(ctx, text);
	}
	free(text);
	if (f)
		fclose(f);
	else
		close(fds[0]);
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static void first_line(void *ctx, char *text)
{
	char **out = ctx;

	if (!*out)
		*out = strdup(text);
}

/* The installed version of @pkg, or NULL when dpkg does not have it installed. */
static char *installed_version(const char *pkg)
{
	char *const argv[] = { "dpkg-query", "-W", "-f=${db:Status-Status} ${Version}\n",
		(char *)pkg, NULL };
	char *text = NULL, *version = NULL;

	if (run_lines(argv, true, first_line, &text) == 0 && text &&
	    !strncmp(text, "installed ", 10) && text[10])
		version = strdup(text + 10);
	free(text);
	return version;
}

static bool readable(const char *dir, const char *name)
{
	char *path;
	bool ok;

	if (asprintf(&path, "%s%s", dir, name) < 0)
		return false;
	ok = access(path, R_OK) == 0;
	free(path);
	return ok;
}

/* The packages' names and files for the guest kernel; 0, or a message naming apt-get. */
static int find_sources(const struct run *r, struct nfit_src *s)
{
	unsigned major, minor;
	bool have_source, have_headers;

	if (sscanf(r->kver, "%u.%u", &major, &minor) != 2)
		return run_error("--nfit-test: %s is no kernel version (X.Y...); the modules "
			"directory must be named after its kernel", r->kver);
	if (asprintf(&s->series, "%u.%u", major, minor) < 0 ||
	    asprintf(&s->source_pkg, "linux-source-%s", s->series) < 0 ||
	    asprintf(&s->headers_pkg, "linux-headers-%s", r->kver) < 0 ||
	    asprintf(&s->tarball, "/usr/src/%s.tar.xz", s->source_pkg) < 0 ||
	    asprintf(&s->headers, "/usr/src/%s", s->headers_pkg) < 0)
		return run_error("out of memory");
	s->version = installed_version(s->source_pkg);
	have_source = s->version && readable(s->tarball, "");
	have_headers = readable(s->headers, "/Makefile") && readable(s->headers, "/Module.symvers");
	if (have_source && have_headers)
		return 0;
	return run_error("--nfit-test builds the kernel's nfit_test modules from the kernel "
		"source and headers packages, which are not installed (%s%s%s); install them: "
		"apt-get install %s %s", have_source ? "" : s->tarball,
		have_source || have_headers ? "" : ", ", have_headers ? "" : s->headers,
		s->source_pkg, s->headers_pkg);
}

/* CACHE/nfit-test-KVER-VERSION, the version's characters outside [A-Za-z0-9.+~-] as '_'. */
static int cache_dir(const struct run *r, struct nfit_src *s)
{
	const char *cache = run_cache_dir();
	char *v;

	if (asprintf(&s->out, "%s/nfit-test-%s-%s", cache, r->kver, s->version) < 0)
		return run_error("out of memory");
	for (v = s->out + strlen(s->out) - strlen(s->version); *v; v++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.+~-", *v))
			*v = '_';
	if (mkdir(cache, 0755) < 0 && errno != EEXIST)
		return run_error("--nfit-test: cannot make %s: %s (set NDKIT_GUEST_CACHE)", cache,
			strerror(errno));
	return 0;
}

/* One builder line: a progress line with the step's own time. */
struct build_progress {
	const struct run *r;
	double last;
};

static void build_line(void *ctx, char *text)
{
	struct build_progress *p = ctx;
	double now = run_now();

	run_progress(p->r, "nfit_test: %s (%.1f s)", text, now - p->last);
	p->last = now;
}

static int build(const struct run *r, const struct nfit_src *s)
{
	char *const argv[] = { "sh", "-c", (char *)nfit_build_script, "nfit-build", s->tarball,
		s->headers, (char *)r->modules, r->kver, s->out, NULL };
	struct build_progress p = { r, run_now() };
	double t = p.last;
	int rc;

	run_progress(r, "nfit_test: first use for %s: building the test modules from %s %s "
		"(about 40 s on 2 cores), into %s", r->kver, s->source_pkg, s->version, s->out);
	rc = run_lines(argv, false, build_line, &p);
	if (rc)
		return run_error("--nfit-test: building the modules failed (exit %d)", rc);
	run_progress(r, "nfit_test: modules built and cached in %.1f s", run_now() - t);
	return 0;
}

/* Under the cache's lock: concurrent runs build once, and use the tree only when complete. */
static int build_once(const struct run *r, const struct nfit_src *s)
{
	char *lock, *done;
	int fd, rc = 0;

	if (asprintf(&lock, "%s.lock", s->out) < 0 || asprintf(&done, "%s/.done", s->out) < 0)
		return run_error("out of memory");
	fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0 && access(done, F_OK) < 0)
		rc = run_error("--nfit-test: cannot write %s: %s (the first use builds the "
			"modules there: run it as root once, or set NDKIT_GUEST_CACHE)", lock,
			strerror(errno));
	if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) < 0) {
		run_progress(r, "nfit_test: waiting for another run that builds the modules");
		flock(fd, LOCK_EX);
	}
	if (!rc && access(done, F_OK) < 0)
		rc = build(r, s);
	else if (!rc)
		run_progress(r, "nfit_test: modules for %s (%s %s) from %s", r->kver,
			s->source_pkg, s->version, s->out);
	if (fd >= 0)
		close(fd);
	free(lock);
	free(done);
	return rc;
}

int run_nfit_modules(struct run *r)
{
	struct nfit_src s = { 0 };
	char *modules;
	int rc = find_sources(r, &s);

	if (!rc)
		rc = cache_dir(r, &s);
	if (!rc)
		rc = build_once(r, &s);
	if (!rc && asprintf(&modules, "%s/lib/modules/%s", s.out, r->kver) < 0)
		rc = run_error("out of memory");
	if (!rc) {
		free((char *)r->modules);
		r->modules = modules;
	}
	nfit_src_free(&s);
	return rc;
}
