// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
/*
 * `ndctl-qemu run`: boot a disposable QEMU guest with the vNVDIMMs asked for
 * (laid out by plan, checked by check before QEMU starts) on the host's own
 * userspace, run COMMAND in the current directory, stream its output and
 * exit with its status. guest.c builds what the guest boots, vm.c drives
 * QEMU, session.c holds what they share.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util/size.h"
#include "../commands/builtin.h"
#include "../model/findings.h"
#include "../model/qemu-args.h"
#include "../rules/rules.h"
#include "guest.h"
#include "nfit.h"
#include "preload.h"
#include "run.h"
#include "session.h"
#include "vm.h"

#define DEFAULT_TIMEOUT 600
#define STR(x) STR_(x)
#define STR_(x) #x

static const char *const run_usage[] = {
	"ndctl-qemu run [--nvdimm SPEC]... [--hotplug SPEC]... [--nfit-test] [OPTIONS] "
		"-- COMMAND [ARG]...",
	"ndctl-qemu run [--nvdimm SPEC]... [OPTIONS] --shell",
	"",
	"Boot a disposable QEMU guest with the vNVDIMMs asked for, on the host's own",
	"userspace (read-only, writes go to a tmpfs), and run COMMAND in the current",
	"directory (mounted writable); exit with COMMAND's status, 124 on timeout.",
	"The options end at COMMAND (or --): what follows is COMMAND's.",
	NULL
};

/* The --nvdimm or --hotplug SPECs, made DIMMs once the backend directory exists. */
struct spec_list {
	const char *v[PLAN_MAX_DIMMS];
	int n;
};

/* The values the option table left as strings. */
struct run_args {
	struct spec_list nvdimm, hotplug;
	const char *ram, *cpus, *boots, *timeout;
};

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

/* --nvdimm, --hotplug: one more SPEC each time; --no-nvdimm drops those before. */
static int spec_cb(const struct option *opt, const char *arg, int unset)
{
	struct spec_list *l = opt->value;

	if (unset) {
		l->n = 0;
		return 0;
	}
	if (l->n == PLAN_MAX_DIMMS) {
		usage_error("ndctl-qemu", "run", "more than %d --%s", PLAN_MAX_DIMMS,
			opt->long_name);
		return -1;
	}
	l->v[l->n++] = arg;
	return 0;
}

/* --preload N:FILE, once per DIMM; --no-preload drops those before. */
static int preload_cb(const struct option *opt, const char *arg, int unset)
{
	struct run *r = opt->value;

	if (unset) {
		memset(r->preload, 0, sizeof(r->preload));
		return 0;
	}
	return parse_preload(r, arg) ? -1 : 0;
}

static void drop_shares(struct run *r)
{
	for (int i = 0; i < r->nshares; i++)
		free((char *)r->shares[i]);
	r->nshares = 0;
}

/* --share DIR, one more each time; --no-share drops those before. */
static int share_cb(const struct option *opt, const char *arg, int unset)
{
	struct run *r = opt->value;

	if (unset) {
		drop_shares(r);
		return 0;
	}
	return parse_share(r, arg) ? -1 : 0;
}

static int convert_run_args(struct run *r, const struct run_args *a)
{
	if (a->ram && (parse_size(a->ram, &r->plan.ram) < 0 || r->plan.ram < SZ_128M))
		return usage_error("ndctl-qemu", "run", "--ram %s: give a size of 128M "
			"or more, e.g. --ram 1G", a->ram);
	return (a->cpus && parse_count("--cpus", a->cpus, 1, 64, &r->cpus)) ||
		(a->boots && parse_count("--boots", a->boots, 1, 100, &r->boots)) ||
		(a->timeout && parse_count("--timeout", a->timeout, 1, 86400, &r->timeout));
}

/* The backend directory must exist before plan names files in it. */
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

static int check_run_args(const struct run *r, const struct run_args *a, int nargs)
{
	if (!r->shell && !nargs)
		return usage_error("ndctl-qemu", "run", "no COMMAND; give one after --, "
			"e.g. run --nvdimm 1G -- ndctl list -D (or --shell)");
	if (r->shell && nargs)
		return usage_error("ndctl-qemu", "run", "--shell takes no COMMAND");
	if (!a->nvdimm.n && !a->hotplug.n && !r->nfit_test)
		return usage_error("ndctl-qemu", "run", "no DIMM; add --nvdimm SIZE "
			"(e.g. --nvdimm 1G) or --nfit-test");
	for (int i = 0; i < PLAN_MAX_DIMMS; i++)
		if (r->preload[i] && i >= a->nvdimm.n)
			return usage_error("ndctl-qemu", "run", "--preload %d:%s: there is no "
				"--nvdimm %d (DIMMs count from 0)", i, r->preload[i], i);
	return 0;
}

/*
 * 0 to go on; parse_options()'s stop code (< 0) or an exit status. The
 * options end at the first word that is not one (or "--"): COMMAND and its
 * own options follow.
 */
static int parse_run_args(struct run *r, struct run_args *a, int argc, char **argv)
{
	const struct option opts[] = {
		OPT_CALLBACK('n', "nvdimm", &a->nvdimm, "spec",
			"a DIMM, as in plan: SIZE[,label-size=S][,file=PATH]", spec_cb),
		OPT_CALLBACK('H', "hotplug", &a->hotplug, "spec",
			"a DIMM the guest can plug with 'ndkit-hotadd N'", spec_cb),
		OPT_STRING('r', "ram", &a->ram, "size", "guest RAM (default 1G)"),
		OPT_STRING('c', "cpus", &a->cpus, "n", "guest CPUs (default 1)"),
		OPT_STRING('b', "boots", &a->boots, "n",
			"run COMMAND in N boots on the same backend files"),
		OPT_CALLBACK('p', "preload", r, "n:file", "write FILE (a label area, or one "
			"gzip-compressed: .gz)\ninto DIMM N's label area", preload_cb),
		OPT_CALLBACK('s', "share", r, "dir", "also mount DIR writable at the same path",
			share_cb),
		OPT_BOOLEAN('u', "upstream", &r->upstream,
			"the distribution's ndctl/daxctl first in PATH"),
		OPT_BOOLEAN(0, "nfit-test", &r->nfit_test, "also the kernel's nfit_test buses "
			"(modules built on first use)"),
		OPT_STRING('k', "kernel", &r->kernel, "file", "guest kernel (default: the cached one)"),
		OPT_STRING('m', "modules", &r->modules, "dir",
			"its modules (the lib/modules/VERSION directory)"),
		OPT_STRING('t', "timeout", &a->timeout, "s",
			"seconds per boot before the guest is killed (" STR(DEFAULT_TIMEOUT) ")"),
		OPT_STRING('C', "console", &r->console, "file", "write the kernel console there"),
		OPT_STRING('K', "keep", &r->keep, "dir", "keep backend files and the initramfs in DIR"),
		OPT_STRING('Q', "qmp", &r->qmp, "path", "also serve QMP on the UNIX socket PATH"),
		OPT_BOOLEAN('S', "shell", &r->shell, "an interactive shell instead of COMMAND"),
		OPT_BOOLEAN('q', "quiet", &r->quiet, "no progress lines"),
		OPT_END(),
	};

	argc = parse_options(argc, argv, opts, run_usage, PARSE_OPT_STOP_AT_NON_OPTION);
	if (argc < 0)
		return argc;
	r->command = argv;
	if (convert_run_args(r, a) || check_run_args(r, a, argc))
		return QEMU_USAGE_EXIT;
	return 0;
}

/* The DIMMs from their SPECs, named in the backend directory. */
static int add_dimms(struct run *r, const struct run_args *a)
{
	for (int i = 0; i < a->nvdimm.n; i++)
		if (plan_add_dimm(&r->plan, a->nvdimm.v[i]))
			return QEMU_USAGE_EXIT;
	for (int i = 0; i < a->hotplug.n; i++)
		if (plan_add_dimm(&r->hot, a->hotplug.v[i]))
			return QEMU_USAGE_EXIT;
	return 0;
}

/* Hot-plugged DIMMs get align=128M (plan's advice): their regions stay 128 MiB aligned. */
static int layout(struct run *r)
{
	char a[24];
	int rc;

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
			rc = run_preload(&r->plan.dimms[i], r->preload[i]);
	if (!rc)
		rc = check_layout(r);
	if (!rc)
		rc = run_find_kernel(r);
	if (!rc && r->nfit_test)
		rc = run_nfit_modules(r);
	if (rc)
		return rc;
	r->kvm = run_kvm_usable(why, sizeof(why));
	run_progress(r, "%d DIMM%s laid out by plan, passed check; kernel %s%s; %s%s%s", r->plan.n,
		r->plan.n == 1 ? "" : "s", r->kver, r->nfit_test ? " with nfit_test" : "",
		r->kvm ? "KVM" : "TCG (no KVM: ", r->kvm ? "" : why, r->kvm ? "" : ")");
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
		unlink_in(r->dir, RUN_VERDICT_FILE);
		if (!r->keep) {
			unlink_backends(r, &r->plan);
			unlink_backends(r, &r->hot);
			unlink_in(r->dir, "initrd.img");
			rmdir(r->dir);
		}
	}
	plan_free(&r->plan);
	plan_free(&r->hot);
	drop_shares(r);
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

/* Everything after the arguments: the backends, the guest, the boots. */
static int run_all(struct run *r, const struct run_args *a)
{
	char *initrd = NULL;
	int rc = prepare_dir(r);

	if (!rc)
		rc = add_dimms(r, a);
	if (!rc)
		rc = layout(r);
	if (!rc && asprintf(&initrd, "%s/initrd.img", r->dir) < 0)
		rc = RUN_EXIT_RUNNER;
	if (!rc)
		rc = prepare_guest(r, initrd);
	if (!rc)
		rc = run_boots(r, initrd);
	free(initrd);
	return rc;
}

int cmd_run(int argc, char **argv, void *ctx)
{
	struct run *r = calloc(1, sizeof(*r));
	struct run_args a = { 0 };
	int rc;

	if (!r)
		return RUN_EXIT_RUNNER;
	r->t0 = run_now();
	r->plan.ram = SZ_1G;
	r->boots = r->cpus = 1;
	r->timeout = DEFAULT_TIMEOUT;
	rc = parse_run_args(r, &a, argc, argv);
	if (rc < 0)
		rc = parse_options_exit(rc);	/* -h, --help, --list-opts, a parse error */
	else if (!rc)
		rc = run_all(r, &a);
	cleanup(r);
	free(r);
	return rc;
}
