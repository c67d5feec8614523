// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
/*
 * `ndctl-qemu run`: boot a disposable QEMU guest with the vNVDIMMs asked for
 * (laid out by plan, checked by check before QEMU starts) on the host's own
 * userspace, run COMMAND in the current directory, stream its output and
 * exit with its status. run-guest.c builds what the guest boots, run-vm.c
 * drives QEMU.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "util/size.h"
#include "builtin.h"
#include "findings.h"
#include "qemu-args.h"
#include "rules.h"
#include "run.h"

#define DEFAULT_TIMEOUT 600

int strv_add(struct strv *s, const char *str)
{
	if (s->n + 2 > s->cap) {
		int cap = s->cap ? 2 * s->cap : 64;
		char **v = realloc(s->v, cap * sizeof(*v));

		if (!v)
			return -1;
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n] = strdup(str);
	if (!s->v[s->n])
		return -1;
	s->v[++s->n] = NULL;
	return 0;
}

int strv_addf(struct strv *s, const char *fmt, ...)
{
	va_list ap;
	char *str;
	int rc;

	va_start(ap, fmt);
	rc = vasprintf(&str, fmt, ap);
	va_end(ap);
	if (rc < 0)
		return -1;
	rc = strv_add(s, str);
	free(str);
	return rc;
}

void strv_free(struct strv *s)
{
	for (int i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	*s = (struct strv){ 0 };
}

double run_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

void run_progress(const struct run *r, const char *fmt, ...)
{
	va_list ap;

	if (r->quiet)
		return;
	fprintf(stderr, "ndctl-qemu run: %5.1f s: ", run_now() - r->t0);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int run_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "ndctl-qemu run: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return RUN_EXIT_RUNNER;
}

static void run_usage(FILE *f)
{
	fprintf(f, "usage: run [--nvdimm SPEC]... [--hotplug SPEC]... [OPTIONS] -- COMMAND [ARG]...\n"
		"       run [--nvdimm SPEC]... [OPTIONS] --shell\n\n"
		"Boot a disposable QEMU guest with the vNVDIMMs asked for, on the host's own\n"
		"userspace (read-only, writes go to a tmpfs), and run COMMAND in the current\n"
		"directory (mounted writable); exit with COMMAND's status, 124 on timeout.\n\n"
		"  -n, --nvdimm SPEC         a DIMM, as in plan: SIZE[,label-size=S][,file=PATH]\n"
		"  -H, --hotplug SPEC        a DIMM the guest can plug with 'ndkit-hotadd N'\n"
		"  -r, --ram SIZE            guest RAM (default 1G)\n"
		"  -c, --cpus N              guest CPUs (default 1)\n"
		"  -b, --boots N             run COMMAND in N boots on the same backend files\n"
		"  -p, --preload N:FILE      write FILE (a label area) into DIMM N's label area\n"
		"  -s, --share DIR           also mount DIR writable at the same path\n"
		"  -u, --upstream            the distribution's ndctl/daxctl first in PATH\n"
		"  -k, --kernel FILE         guest kernel (default: the cached one)\n"
		"  -m, --modules DIR         its modules (the lib/modules/VERSION directory)\n"
		"  -t, --timeout S           seconds per boot before the guest is killed (%d)\n"
		"  -C, --console FILE        write the kernel console there\n"
		"  -K, --keep DIR            keep backend files and the initramfs in DIR\n"
		"  -Q, --qmp PATH            also serve QMP on the UNIX socket PATH\n"
		"  -S, --shell               an interactive shell instead of COMMAND\n"
		"  -q, --quiet               no progress lines\n", DEFAULT_TIMEOUT);
}

static int parse_count(const char *opt, const char *arg, int min, int max, int *out)
{
	char *end;
	long v = strtol(arg, &end, 10);

	if (*end || end == arg || v < min || v > max)
		return usage_error("ndctl-qemu", "run", "%s %s: give a number from %d to %d",
			opt, arg, min, max);
	*out = v;
	return 0;
}

static int parse_preload(struct run *r, const char *arg)
{
	char *end;
	long n = strtol(arg, &end, 10);

	if (end == arg || *end != ':' || n < 0 || n >= PLAN_MAX_DIMMS || !end[1])
		return usage_error("ndctl-qemu", "run", "--preload %s: use N:FILE, N the DIMM "
			"counted from 0", arg);
	r->preload[n] = end + 1;
	return 0;
}

static int parse_share(struct run *r, const char *arg)
{
	char *dir = realpath(arg, NULL);

	if (!dir || access(dir, W_OK))
		return usage_error("ndctl-qemu", "run", "--share %s: not a writable directory",
			arg);
	if (r->nshares == RUN_MAX_SHARES)
		return usage_error("ndctl-qemu", "run", "more than %d --share", RUN_MAX_SHARES);
	r->shares[r->nshares++] = dir;
	return 0;
}

static int parse_option(struct run *r, int c, const char *arg)
{
	switch (c) {
	case 'n':
		return plan_add_dimm(&r->plan, arg);
	case 'H':
		return plan_add_dimm(&r->hot, arg);
	case 'r':
		if (parse_size(arg, &r->plan.ram) < 0 || r->plan.ram < SZ_128M)
			return usage_error("ndctl-qemu", "run", "--ram %s: give a size of 128M "
				"or more, e.g. --ram 1G", arg);
		return 0;
	case 'c':
		return parse_count("--cpus", arg, 1, 64, &r->cpus);
	case 'b':
		return parse_count("--boots", arg, 1, 100, &r->boots);
	case 't':
		return parse_count("--timeout", arg, 1, 86400, &r->timeout);
	case 'p':
		return parse_preload(r, arg);
	case 's':
		return parse_share(r, arg);
	case 'u':
		r->upstream = true;
		return 0;
	case 'k':
		r->kernel = arg;
		return 0;
	case 'm':
		r->modules = arg;
		return 0;
	case 'C':
		r->console = arg;
		return 0;
	case 'K':
		r->keep = arg;
		return 0;
	case 'Q':
		r->qmp = arg;
		return 0;
	case 'S':
		r->shell = true;
		return 0;
	case 'q':
		r->quiet = true;
		return 0;
	}
	return usage_error("ndctl-qemu", "run", "see 'ndctl-qemu run --help'");
}

/* The backend directory must exist before plan names files in it (cmd_run finds --keep first). */
static int prepare_dir(struct run *r)
{
	if (r->keep) {
		if (mkdir(r->keep, 0755) < 0 && errno != EEXIST)
			return run_error("--keep %s: %s", r->keep, strerror(errno));
		r->dir = realpath(r->keep, NULL);
	} else {
		const char *tmp = getenv("TMPDIR") ?: "/tmp";

		if (asprintf(&r->dir, "%s/ndctl-qemu-run.XXXXXX", tmp) < 0 || !mkdtemp(r->dir))
			return run_error("cannot make a directory in %s: %s", tmp, strerror(errno));
	}
	if (!r->dir)
		return run_error("--keep %s: %s", r->keep, strerror(errno));
	r->plan.dir = r->hot.dir = r->dir;
	r->hot.prefix = "hotplug";
	return 0;
}

static int parse_run_args(struct run *r, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "nvdimm", required_argument, NULL, 'n' },
		{ "hotplug", required_argument, NULL, 'H' },
		{ "ram", required_argument, NULL, 'r' },
		{ "cpus", required_argument, NULL, 'c' },
		{ "boots", required_argument, NULL, 'b' },
		{ "preload", required_argument, NULL, 'p' },
		{ "share", required_argument, NULL, 's' },
		{ "upstream", no_argument, NULL, 'u' },
		{ "kernel", required_argument, NULL, 'k' },
		{ "modules", required_argument, NULL, 'm' },
		{ "timeout", required_argument, NULL, 't' },
		{ "console", required_argument, NULL, 'C' },
		{ "keep", required_argument, NULL, 'K' },
		{ "qmp", required_argument, NULL, 'Q' },
		{ "shell", no_argument, NULL, 'S' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "+n:H:r:c:b:p:s:uk:m:t:C:K:Q:Sqh", longopts,
			NULL)) != -1) {
		if (c == 'h') {
			run_usage(stdout);
			return -1;
		}
		if (c != 'K' && parse_option(r, c, optarg))
			return 1;
	}
	r->command = argv + optind;
	if (!r->shell && optind >= argc)
		return usage_error("ndctl-qemu", "run", "no COMMAND; give one after --, "
			"e.g. run --nvdimm 1G -- ndctl list -D (or --shell)");
	if (r->shell && optind < argc)
		return usage_error("ndctl-qemu", "run", "--shell takes no COMMAND");
	for (int i = 0; i < PLAN_MAX_DIMMS; i++)
		if (r->preload[i] && i >= r->plan.n)
			return usage_error("ndctl-qemu", "run", "--preload %d:%s: there is no "
				"--nvdimm %d (DIMMs count from 0)", i, r->preload[i], i);
	return 0;
}

/* Hot-plugged DIMMs get align=128M (plan's advice): their regions stay 128 MiB aligned. */
static int layout(struct run *r)
{
	char a[24];
	int rc;

	if (!r->plan.n && !r->hot.n)
		return usage_error("ndctl-qemu", "run", "no DIMM; add --nvdimm SIZE "
			"(e.g. --nvdimm 1G)");
	for (int i = 0; i < r->hot.n; i++) {
		struct plan_dimm *d = &r->hot.dimms[i];

		d->align = SZ_128M;
		if (d->size < d->label_size + SZ_128M)
			return usage_error("ndctl-qemu", "run", "--hotplug %s: too small to hold "
				"labels and a 128M-aligned region; use a size of 256M or more",
				format_size_short(d->size, a, sizeof(a)));
		if (d->size > r->plan.spare_size)
			r->plan.spare_size = d->size;
	}
	r->plan.spares = r->hot.n;
	r->plan.quiet = r->hot.quiet = true;
	rc = plan_layout(&r->plan);
	if (!rc)
		rc = plan_create_files(&r->plan);
	if (!rc)
		rc = plan_create_files(&r->hot);
	return rc;
}

static int preload_one(const struct plan_dimm *d, const char *file)
{
	char buf[65536];
	uint64_t done = 0;
	struct stat st;
	int in = open(file, O_RDONLY | O_CLOEXEC), out = -1, rc = 0;

	if (in < 0 || fstat(in, &st) < 0)
		rc = usage_error("ndctl-qemu", "run", "--preload %s: %s", file, strerror(errno));
	else if ((uint64_t)st.st_size != d->label_size)
		rc = usage_error("ndctl-qemu", "run", "--preload %s holds %lld bytes but the "
			"DIMM's label-size is %llu: give a label area of exactly that size "
			"(uncompressed)", file, (long long)st.st_size,
			(unsigned long long)d->label_size);
	else if ((out = open(d->file, O_WRONLY | O_CLOEXEC)) < 0)
		rc = run_error("cannot write %s: %s", d->file, strerror(errno));
	while (!rc && done < d->label_size) {
		ssize_t n = read(in, buf, sizeof(buf));

		if (n <= 0 || pwrite(out, buf, n, d->size - d->label_size + done) != n)
			rc = run_error("--preload %s: copy failed", file);
		done += n > 0 ? n : 0;
	}
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	return rc;
}

/* check's rules over plan's options and the files: a refusal stops the run before QEMU. */
static int check_layout(const struct run *r)
{
	struct findings f = { 0 };
	struct qemu_config cfg;
	struct plan_arg *pa;
	struct strv words = { 0 };
	int n = plan_qemu_args(&r->plan, &pa), rc = 0;

	if (n < 0)
		return run_error("out of memory");
	for (int i = 0; i < n; i++)
		if (strv_add(&words, pa[i].opt) || strv_add(&words, pa[i].value))
			rc = run_error("out of memory");
	plan_args_free(pa, n);
	if (rc)
		return rc;
	qemu_config_parse(&cfg, words.n, words.v, &f);
	qemu_check(&cfg, &f);
	if (findings_have_error(&f)) {
		run_error("ndctl-qemu check refuses the layout:");
		findings_print_text(&f, stderr);
		rc = 1;
	}
	findings_free(&f);
	qemu_config_free(&cfg);
	strv_free(&words);
	return rc;
}

static int prepare_guest(struct run *r, const char *initrd)
{
	char why[128] = "", *cwd = getcwd(NULL, 0);
	int rc = 0;

	if (!cwd || !strcmp(cwd, "/"))
		return run_error("run from a project directory: the current directory is "
			"mounted writable in the guest, and / cannot be");
	r->cwd = cwd;
	for (int i = 0; !rc && i < r->plan.n; i++)
		if (r->preload[i])
			rc = preload_one(&r->plan.dimms[i], r->preload[i]);
	if (!rc)
		rc = check_layout(r);
	if (!rc)
		rc = run_find_kernel(r);
	if (rc)
		return rc;
	r->kvm = run_kvm_usable(why, sizeof(why));
	run_progress(r, "%d DIMM%s laid out by plan, passed check; kernel %s; %s", r->plan.n,
		r->plan.n == 1 ? "" : "s", r->kver, r->kvm ? "KVM" : "TCG (no KVM: ");
	if (!r->kvm && !r->quiet)
		fprintf(stderr, "%s)\n", why);
	return run_write_initramfs(r, initrd);
}

static void unlink_in(const char *dir, const char *name)
{
	char *p;

	if (asprintf(&p, "%s/%s", dir, name) >= 0) {
		unlink(p);
		free(p);
	}
}

static void unlink_backends(const struct run *r, const struct plan *p)
{
	size_t len = strlen(r->dir);

	for (int i = 0; i < p->n; i++)
		if (!strncmp(p->dimms[i].file, r->dir, len) && p->dimms[i].file[len] == '/')
			unlink(p->dimms[i].file);
}

/* --keep keeps backend files and initramfs; otherwise the directory goes. */
static void cleanup(struct run *r)
{
	if (r->dir) {
		unlink_in(r->dir, "qmp.sock");
		unlink_in(r->dir, "qemu.log");
		if (!r->keep) {
			unlink_backends(r, &r->plan);
			unlink_backends(r, &r->hot);
			unlink_in(r->dir, "initrd.img");
			rmdir(r->dir);
		}
	}
	plan_free(&r->plan);
	plan_free(&r->hot);
	for (int i = 0; i < r->nshares; i++)
		free((char *)r->shares[i]);
	if (r->kver) {
		free((char *)r->kernel);
		free((char *)r->modules);
	}
	free(r->dir);
	free(r->cwd);
	free(r->kver);
}

static int run_boots(struct run *r, const char *initrd)
{
	int rc = 0;

	for (int boot = 1; boot <= r->boots; boot++) {
		double t = run_now();

		run_progress(r, "boot %d of %d: starting QEMU", boot, r->boots);
		rc = run_boot(r, boot, initrd);
		if (rc == RUN_KVM_FAILED) {
			run_progress(r, "KVM could not start the guest; TCG instead. QEMU said:");
			if (!r->quiet)
				run_print_qemu_log(r, true);
			r->kvm = false;
			rc = run_boot(r, boot, initrd);
		}
		run_progress(r, "boot %d of %d: %s %d after %.1f s", boot, r->boots,
			rc == RUN_EXIT_TIMEOUT ? "timed out," : "exit", rc, run_now() - t);
		if (rc)
			break;
	}
	return rc;
}

int cmd_run(int argc, char **argv, void *ctx)
{
	struct run *r = calloc(1, sizeof(*r));
	char *initrd = NULL;
	int rc;

	if (!r)
		return RUN_EXIT_RUNNER;
	r->t0 = run_now();
	r->plan.ram = SZ_1G;
	r->boots = r->cpus = 1;
	r->timeout = DEFAULT_TIMEOUT;
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if ((!strcmp(argv[i], "--keep") || !strcmp(argv[i], "-K")) && i + 1 < argc)
			r->keep = argv[i + 1];
		else if (!strncmp(argv[i], "--keep=", 7))
			r->keep = argv[i] + 7;
	rc = prepare_dir(r);
	if (!rc)
		rc = parse_run_args(r, argc, argv);
	if (!rc)
		rc = layout(r);
	if (!rc && asprintf(&initrd, "%s/initrd.img", r->dir) < 0)
		rc = RUN_EXIT_RUNNER;
	if (!rc)
		rc = prepare_guest(r, initrd);
	if (!rc)
		rc = run_boots(r, initrd);
	cleanup(r);
	free(initrd);
	free(r);
	return rc < 0 ? 0 : rc;
}
