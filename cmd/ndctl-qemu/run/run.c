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
#include "memory.h"
#include "nfit.h"
#include "preload.h"
#include "pvh.h"
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
	struct spec_list nvdimm, hotplug, cxl;
	const char *ram, *cpus, *boots, *timeout, *numa, *gdb;
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

/* --legacy-pmem SIZE, one more region each time; --no-legacy-pmem drops those before. */
static int legacy_cb(const struct option *opt, const char *arg, int unset)
{
	struct run *r = opt->value;
	uint64_t size;

	if (unset) {
		r->nlegacy = 0;
		return 0;
	}
	if (r->nlegacy == RUN_MAX_LEGACY) {
		usage_error("ndctl-qemu", "run", "more than %d --legacy-pmem", RUN_MAX_LEGACY);
		return -1;
	}
	if (parse_size(arg, &size) < 0 || !size || size % SZ_128M) {
		usage_error("ndctl-qemu", "run", "--legacy-pmem %s: give a size that is a "
			"multiple of 128M, e.g. --legacy-pmem 512M (each region starts on a "
			"128 MiB boundary)", arg);
		return -1;
	}
	r->legacy[r->nlegacy++] = size;
	return 0;
}

/* --append ARGS: more kernel command-line words each time; --no-append drops those before. */
static int append_cb(const struct option *opt, const char *arg, int unset)
{
	struct run *r = opt->value;
	char *more = NULL;

	if (unset || !*arg) {
		if (unset) {
			free(r->append);
			r->append = NULL;
		}
		return 0;
	}
	if (asprintf(&more, "%s%s%s", r->append ?: "", r->append ? " " : "", arg) < 0)
		return -1;
	free(r->append);
	r->append = more;
	return 0;
}

/* --qemu-arg ARG: one more word for QEMU's command line; --no-qemu-arg drops those before. */
static int qemu_arg_cb(const struct option *opt, const char *arg, int unset)
{
	struct run *r = opt->value;

	if (unset) {
		strv_free(&r->qemu_args);
		return 0;
	}
	return strv_add(&r->qemu_args, arg) ? -1 : 0;
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

/*
 * The kernel keeps a 64-byte page structure per 4 KiB of legacy pmem in RAM (the e820 region
 * is mapped with pages, for DAX): up to 16 times the guest's RAM leaves it room to work.
 */
static int check_memory(const struct run *r)
{
	uint64_t total = 0;
	char a[24], b[24], c[24];

	for (int i = 0; i < r->nlegacy; i++)
		total += r->legacy[i];
	if (total > 16 * r->ram)
		return usage_error("ndctl-qemu", "run", "--legacy-pmem: %s of legacy pmem "
			"with --ram %s: the kernel keeps 64 bytes of page structures in RAM per "
			"4 KiB of pmem; give at most 16 times --ram (--ram %s or more)",
			format_size_short(total, a, sizeof(a)), format_size_short(r->ram, b,
			sizeof(b)), format_size_short((total / 16 + SZ_128M - 1) / SZ_128M *
			SZ_128M, c, sizeof(c)));
	if (r->numa && r->ram / r->numa < SZ_128M)
		return usage_error("ndctl-qemu", "run", "--numa %d: each node needs 128M of "
			"the guest's RAM; give --ram %lluM or more", r->numa,
			(unsigned long long)r->numa * 128);
	return 0;
}

static int convert_run_args(struct run *r, const struct run_args *a)
{
	if (a->ram && (parse_size(a->ram, &r->ram) < 0 || r->ram < SZ_128M))
		return usage_error("ndctl-qemu", "run", "--ram %s: give a size of 128M "
			"or more, e.g. --ram 1G", a->ram);
	return (a->cpus && parse_count("--cpus", a->cpus, 1, 64, &r->cpus)) ||
		(a->boots && parse_count("--boots", a->boots, 1, 100, &r->boots)) ||
		(a->timeout && parse_count("--timeout", a->timeout, 1, 86400, &r->timeout)) ||
		(a->numa && parse_count("--numa", a->numa, 1, RUN_MAX_NUMA, &r->numa)) ||
		(a->gdb && parse_count("--gdb", a->gdb, 1, 65535, &r->gdb)) ||
		check_memory(r);
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
	if (!a->nvdimm.n && !a->hotplug.n && !r->nfit_test && !r->nlegacy && !a->cxl.n)
		return usage_error("ndctl-qemu", "run", "no DIMM; add --nvdimm SIZE "
			"(e.g. --nvdimm 1G), --legacy-pmem SIZE, --cxl-pmem SIZE or --nfit-test");
	/* memory.c lays legacy pmem out for the pc machine; CXL needs q35, whose RAM differs. */
	if (r->nlegacy && a->cxl.n)
		return usage_error("ndctl-qemu", "run", "--legacy-pmem and --cxl-pmem: legacy "
			"pmem is laid out for the pc machine and CXL needs q35; use one of them "
			"per run");
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
		OPT_CALLBACK(0, "legacy-pmem", r, "size", "an e820 pmem region of SIZE "
			"(memmap=SIZE!OFFSET), /dev/pmem0 first", legacy_cb),
		OPT_CALLBACK(0, "cxl-pmem", &a->cxl, "spec", "a CXL type-3 pmem device with its label "
			"area:\nSIZE[,lsa=SIZE][,file=PATH], its region made before COMMAND",
			spec_cb),
		OPT_STRING(0, "numa", &a->numa, "n", "N guest NUMA nodes sharing the RAM "
			"(a DIMM's node=)"),
		OPT_CALLBACK(0, "append", r, "args", "more kernel command-line words", append_cb),
		OPT_CALLBACK(0, "qemu-arg", r, "arg", "one more word for QEMU's command line, "
			"as is", qemu_arg_cb),
		OPT_STRING(0, "gdb", &a->gdb, "port", "QEMU's gdbstub on tcp::PORT"),
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

/*
 * node=N in a SPEC is run's (QEMU's nvdimm node=, a --numa node), not plan's: taken out of
 * the SPEC into *@node (-1 without one) before plan reads the rest.
 */
static int take_node(const struct run *r, const char *opt, const char *spec, char **rest,
		int *node)
{
	char *copy = strdup(spec), *out = calloc(1, strlen(spec) + 1), *save = NULL, *el;
	int rc = 0;

	*node = -1;
	*rest = out;
	if (!copy || !out) {
		free(copy);
		return run_error("out of memory");
	}
	for (el = strtok_r(copy, ",", &save); !rc && el; el = strtok_r(NULL, ",", &save)) {
		char *end;
		long v;

		if (strncmp(el, "node=", 5)) {
			if (*out)
				strcat(out, ",");
			strcat(out, el);
			continue;
		}
		v = strtol(el + 5, &end, 10);
		if (!el[5] || *end || v < 0 || v >= RUN_MAX_NUMA) {
			usage_error("ndctl-qemu", "run", "--%s %s: %s is not a NUMA node; give "
				"node=N, N from 0 to %d", opt, spec, el, RUN_MAX_NUMA - 1);
			rc = QEMU_USAGE_EXIT;
		} else if (v >= r->numa) {
			usage_error("ndctl-qemu", "run", "--%s %s: the guest has no node %ld; add "
				"--numa %ld (nodes count from 0)", opt, spec, v, v + 1);
			rc = QEMU_USAGE_EXIT;
		} else {
			*node = v;
		}
	}
	free(copy);
	return rc;
}

/* The DIMMs from their SPECs, named in the backend directory. */
static int add_dimms(struct run *r, const struct run_args *a)
{
	const struct spec_list *lists[2] = { &a->nvdimm, &a->hotplug };
	struct plan *plans[2] = { &r->plan, &r->hot };
	int *nodes[2] = { r->node, r->hot_node };

	for (int l = 0; l < 2; l++)
		for (int i = 0; i < lists[l]->n; i++) {
			char *spec;
			int rc = take_node(r, l ? "hotplug" : "nvdimm", lists[l]->v[i], &spec,
				&nodes[l][i]);

			if (!rc && plan_add_dimm(plans[l], spec))
				rc = QEMU_USAGE_EXIT;
			free(spec);
			if (rc)
				return rc;
		}
	for (int i = 0; i < a->cxl.n; i++)
		if (plan_add_cxl(&r->plan, a->cxl.v[i]))
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
	rc = run_memory_layout(r);
	if (!rc)
		rc = plan_layout(&r->plan);
	if (!rc)
		rc = plan_create_files(&r->plan);
	if (!rc)
		rc = plan_create_files(&r->hot);
	return rc;
}

/* plan's @n options @pa (freed) as words; run's exit status when out of memory. */
static int add_plan_words(struct strv *words, int n, struct plan_arg *pa)
{
	int rc = n < 0;

	for (int i = 0; !rc && i < n; i++)
		rc = strv_add(words, pa[i].opt) || strv_add(words, pa[i].value);
	if (n > 0)
		plan_args_free(pa, n);
	return rc ? run_error("out of memory") : 0;
}

/* check's rules over plan's options and the files: a refusal stops the run before QEMU. */
static int check_layout(const struct run *r)
{
	struct findings f = { 0 };
	struct qemu_config cfg;
	struct plan_arg *pa;
	struct strv words = { 0 };
	int n = plan_qemu_args(&r->plan, &pa), rc = add_plan_words(&words, n, pa);

	n = rc ? 0 : plan_cxl_args(&r->plan, &pa);
	if (!rc)
		rc = add_plan_words(&words, n, pa);
	if (rc) {
		strv_free(&words);
		return rc;
	}
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
	char why[512] = "", *cwd = getcwd(NULL, 0), *memory;
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
	r->pvh = run_pvh_kernel(r);
	r->kvm = run_kvm_usable(why, sizeof(why));
	run_progress(r, "%d DIMM%s laid out by plan, passed check; kernel %s%s%s; %s%s%s",
		r->plan.n, r->plan.n == 1 ? "" : "s", r->kver, r->pvh ? " (PVH)" : "",
		r->nfit_test ? " with nfit_test" : "",
		r->kvm ? "KVM" : "TCG (no KVM: ", r->kvm ? "" : why, r->kvm ? "" : ")");
	memory = run_memory_summary(r);
	if (memory)
		run_progress(r, "%s", memory);
	free(memory);
	memory = plan_cxl_summary(&r->plan);
	if (memory)
		run_progress(r, "%s", memory);
	free(memory);
	if (r->gdb)
		run_progress(r, "QEMU's gdbstub on tcp::%d: gdb -ex 'target remote :%d' vmlinux",
			r->gdb, r->gdb);
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

	const char *files[PLAN_MAX_DIMMS + 2 * PLAN_MAX_CXL];
	int n = 0;

	for (int i = 0; i < p->n; i++)
		files[n++] = p->dimms[i].file;
	for (int i = 0; i < p->ncxl; i++) {
		files[n++] = p->cxl[i].file;
		files[n++] = p->cxl[i].lsa_file;
	}
	for (int i = 0; i < n; i++)
		if (!strncmp(files[i], r->dir, len) && files[i][len] == '/')
			unlink(files[i]);
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
	free(r->append);
	strv_free(&r->qemu_args);
	if (r->kver) {
		free((char *)r->kernel);
		free((char *)r->modules);
	}
	free(r->dir);
	free(r->cwd);
	free(r->kver);
	free(r->pvh);
}

static int run_boots(struct run *r, const char *initrd)
{
	int rc = 0;

	for (int boot = 1; boot <= r->boots && !run_stopped(); boot++) {
		double t = run_now();

		run_progress(r, "boot %d of %d: starting QEMU", boot, r->boots);
		rc = run_boot(r, boot, initrd);
		if (rc == RUN_KVM_FAILED && !run_stopped()) {
			char *said = run_qemu_log_first_line(r);

			run_progress(r, "KVM could not start the guest; TCG instead. QEMU said:");
			if (!r->quiet)
				run_print_qemu_log(r, true);
			r->kvm = false;
			rc = run_boot(r, boot, initrd);
			/* TCG got the guest to COMMAND: the failure was KVM's, not the guest's */
			if (rc != RUN_EXIT_RUNNER && !run_stopped())
				run_kvm_remember_failed(said);
			free(said);
		}
		run_progress(r, "boot %d of %d: %s %d after %.1f s", boot, r->boots,
			rc == RUN_EXIT_TIMEOUT ? "timed out," : "exit", rc, run_now() - t);
		if (rc)
			break;
	}
	return run_stopped() ? run_stopped() : rc;
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
	r->ram = SZ_1G;
	r->boots = r->cpus = 1;
	r->timeout = DEFAULT_TIMEOUT;
	rc = parse_run_args(r, &a, argc, argv);
	if (rc < 0)
		rc = parse_options_exit(rc);	/* -h, --help, --list-opts, a parse error */
	else if (!rc) {
		run_catch_signals();
		rc = run_all(r, &a);
	}
	cleanup(r);
	free(r);
	return rc;
}
