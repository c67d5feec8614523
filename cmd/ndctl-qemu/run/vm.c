// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
/*
 * One boot of an `ndctl-qemu run` guest: QEMU with plan's vNVDIMM options,
 * the host's root over 9p, COMMAND's stdout and stderr on the guest's ttyS1
 * and ttyS2 (pipes to our own stdout and stderr, never mixed with the kernel
 * console on ttyS0), and hot-add requests from the console answered over QMP.
 */
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <linux/kvm.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include "util/size.h"
#include "guest.h"
#include "memory.h"
#include "vm.h"

#define TAIL_LINES 20
#define MARK "@@NDKIT "

/*
 * A nested KVM that starts QEMU but never runs the guest prints nothing at
 * all; a working one has the kernel talking within a second or two. After
 * this long without a console line, KVM counts as failed: TCG instead, and
 * the cache remembers it so the next run does not wait again.
 */
#define KVM_SILENCE_S 15.0
#define KVM_SILENT_FILE "kvm-silent"

static char *kvm_silent_path(void)
{
	char *path;

	return asprintf(&path, "%s/" KVM_SILENT_FILE, run_cache_dir()) < 0 ? NULL : path;
}

static void kvm_remember_silent(void)
{
	char *path = kvm_silent_path();
	FILE *f = path ? fopen(path, "we") : NULL;

	if (f) {
		fprintf(f, "KVM started QEMU but the guest printed nothing for %.0f s: "
				"ndctl-qemu run uses TCG here; remove this file to try KVM again\n",
				KVM_SILENCE_S);
		fclose(f);
	}
	free(path);
}

/*
 * A KVM that fails at once (a nested host that refuses an MSR) fails the same way until
 * the host reboots: after a TCG boot that worked, the cache keeps the host's boot_id and
 * QEMU's error in KVM_FAILED_FILE, and runs in the same host boot go straight to TCG
 * (trying KVM first costs half a second and more under TCG-sized loads).
 */
#define KVM_FAILED_FILE "kvm-failed"

static bool host_boot_id(char *id, size_t len)
{
	FILE *f = fopen("/proc/sys/kernel/random/boot_id", "re");
	bool ok = f && fgets(id, len, f);

	if (f)
		fclose(f);
	if (ok)
		id[strcspn(id, "\n")] = '\0';
	return ok && *id;
}

void run_kvm_remember_failed(const char *qemu_said)
{
	char id[64], *path;
	FILE *f;

	if (!host_boot_id(id, sizeof(id)) ||
	    asprintf(&path, "%s/" KVM_FAILED_FILE, run_cache_dir()) < 0)
		return;
	f = fopen(path, "we");
	if (f) {
		fprintf(f, "%s\n%s\n", id, qemu_said && *qemu_said ? qemu_said : "(no message)");
		fclose(f);
	}
	free(path);
}

/* KVM failed earlier in this host boot: true, and @why says so with QEMU's words. */
static bool kvm_failed_before(char *why, size_t len)
{
	char id[64], line[64], said[256] = "", *path;
	bool same = false;
	FILE *f;

	if (!host_boot_id(id, sizeof(id)) ||
	    asprintf(&path, "%s/" KVM_FAILED_FILE, run_cache_dir()) < 0)
		return false;
	f = fopen(path, "re");
	if (f && fgets(line, sizeof(line), f) && fgets(said, sizeof(said), f)) {
		line[strcspn(line, "\n")] = '\0';
		said[strcspn(said, "\n")] = '\0';
		same = !strcmp(line, id);
	}
	if (same)
		snprintf(why, len, "KVM failed earlier since the host booted: %s; remove %s "
			"to try it again", said, path);
	if (f)
		fclose(f);
	free(path);
	return same;
}

bool run_kvm_usable(char *why, size_t len)
{
	char *silent = kvm_silent_path();
	int fd, vm;

	if (silent && access(silent, F_OK) == 0) {
		snprintf(why, len, "KVM left a guest silent here before: remove %s to try it "
				"again", silent);
		free(silent);
		return false;
	}
	free(silent);
	if (kvm_failed_before(why, len))
		return false;
	fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		snprintf(why, len, "/dev/kvm: %s", strerror(errno));
		return false;
	}
	vm = ioctl(fd, KVM_CREATE_VM, 0);
	if (vm < 0)
		snprintf(why, len, "/dev/kvm cannot create a VM: %s", strerror(errno));
	else
		close(vm);
	close(fd);
	return vm >= 0;
}

static int add_share(struct strv *a, const char *id, const char *dir, bool ro)
{
	char *esc = plan_qemu_escape(dir);
	int rc = strv_add(a, "-fsdev") ||
		strv_addf(a, "local,id=%s,path=%s,security_model=none,multidevs=remap%s", id,
			esc, ro ? ",readonly=on" : "") ||
		strv_add(a, "-device") ||
		strv_addf(a, "virtio-9p-pci,fsdev=%s,mount_tag=%s", id, id);

	free(esc);
	return rc;
}

/* The kernel command line: ours, the legacy pmem's memmap=, --append, NDKIT_RUN_APPEND. */
static int add_cmdline(const struct run *r, int boot, struct strv *a)
{
	const char *env = getenv("NDKIT_RUN_APPEND");
	char *memmap = run_memmap_words(r);
	/*
	 * no_timer_check: under TCG on a loaded host the IO-APIC timer check can panic.
	 * What a boot under TCG spends otherwise (initcall_debug, docs/performance.md):
	 * cryptomgr.notests, the crypto self-tests (1 s); acpi=noirq, the PCI interrupt
	 * links set up through ACPI when virtio_pci probes (0.6-1 s; SeaBIOS's $PIR table
	 * routes them); rodata=off, the W+X walk of the kernel's page tables (0.2 s);
	 * crypto_kdf108_init, an initcall that only self-tests a KDF (0.1 s).
	 */
	int rc = !memmap || strv_add(a, "-append") ||
		strv_addf(a, "console=ttyS0 panic=-1 mitigations=off no_timer_check quiet "
			"cryptomgr.notests acpi=noirq rodata=off "
			"initcall_blacklist=crypto_kdf108_init "
			"ndkit.boot=%d%s%s%s%s%s%s", boot, *memmap ? " " : "", memmap,
			r->append ? " " : "", r->append ?: "", env ? " " : "", env ?: "");

	free(memmap);
	return rc ? -1 : 0;
}

/* plan's options, with each DIMM's node= (--numa) on its -device. */
static int add_plan_args(const struct run *r, struct strv *a)
{
	struct plan_arg *pa;
	int n = plan_qemu_args(&r->plan, &pa), rc = n < 0, dimm = 0;

	for (int i = 0; !rc && i < n; i++) {
		int node = strcmp(pa[i].opt, "-device") ? -1 : r->node[dimm++];

		rc = strv_add(a, pa[i].opt) || (node < 0 ? strv_add(a, pa[i].value) :
			strv_addf(a, "%s,node=%d", pa[i].value, node));
	}
	if (n >= 0)
		plan_args_free(pa, n);
	return rc || run_numa_args(r, a) ? -1 : 0;
}

/* --cxl-pmem: plan's CXL options. */
static int add_cxl_args(const struct run *r, struct strv *a)
{
	struct plan_arg *pa;
	int n = plan_cxl_args(&r->plan, &pa), rc = n < 0;

	for (int i = 0; !rc && i < n; i++)
		rc = strv_add(a, pa[i].opt) || strv_add(a, pa[i].value);
	if (n > 0)
		plan_args_free(pa, n);
	return rc ? -1 : 0;
}

static int qemu_argv(const struct run *r, int boot, const char *initrd, struct strv *a)
{
	int rc = strv_add(a, getenv("NDKIT_QEMU") ?: "qemu-system-x86_64") ||
		add_plan_args(r, a) || add_cmdline(r, boot, a);

	/*
	 * Under TCG, "max" without XSAVE and AVX: the guest reached /init about 1 s (20 %)
	 * sooner in A/B runs here (docs/performance.md); nothing the guest runs needs them.
	 */
	rc = rc || strv_add(a, "-accel") || strv_add(a, r->kvm ? "kvm" : "tcg,thread=multi") ||
		strv_add(a, "-cpu") || strv_add(a, r->kvm ? "host" : "max,-xsave,-avx,-avx2") ||
		strv_add(a, "-smp") || strv_addf(a, "%d", r->cpus) ||
		strv_add(a, "-kernel") || strv_add(a, r->pvh ?: r->kernel) ||
		strv_add(a, "-initrd") || strv_add(a, initrd) ||
		strv_add(a, "-nodefaults") || strv_add(a, "-display") || strv_add(a, "none") ||
		strv_add(a, "-no-reboot") || strv_add(a, "-qmp") ||
		strv_addf(a, "unix:%s/qmp.sock,server=on,wait=off", r->dir);
	if (!rc && r->qmp)
		rc = strv_add(a, "-qmp") || strv_addf(a, "unix:%s,server=on,wait=off", r->qmp);
	if (!rc && r->gdb)
		rc = strv_add(a, "-gdb") || strv_addf(a, "tcp::%d", r->gdb);
	/* --shell: the console is the user's; the guest's verdict comes on ttyS1, in a file. */
	if (!rc && r->shell)
		rc = strv_add(a, "-chardev") || strv_add(a, "stdio,id=con,signal=off") ||
			strv_add(a, "-serial") || strv_add(a, "chardev:con") ||
			strv_add(a, "-chardev") ||
			strv_addf(a, "file,id=verdict,path=%s/" RUN_VERDICT_FILE, r->dir) ||
			strv_add(a, "-serial") || strv_add(a, "chardev:verdict") ||
			strv_add(a, "-serial") || strv_add(a, "null");
	else if (!rc)
		rc = strv_add(a, "-serial") || strv_add(a, "stdio") ||
			strv_add(a, "-chardev") || strv_add(a, "file,id=out,path=/dev/fd/3") ||
			strv_add(a, "-serial") || strv_add(a, "chardev:out") ||
			strv_add(a, "-chardev") || strv_add(a, "file,id=err,path=/dev/fd/4") ||
			strv_add(a, "-serial") || strv_add(a, "chardev:err");
	rc = rc || add_share(a, "ndkitroot", "/", true);
	for (int i = 0; !rc && i <= r->nshares; i++) {
		char id[16];

		snprintf(id, sizeof(id), "ndkit%d", i);
		rc = add_share(a, id, i ? r->shares[i - 1] : r->cwd, false);
	}
	/* After the devices without bus=: QEMU would put them on the last bus, a CXL one. */
	rc = rc || add_cxl_args(r, a);
	/* --qemu-arg last, as given: it may add devices or override ours. */
	for (int i = 0; !rc && i < r->qemu_args.n; i++)
		rc = strv_add(a, r->qemu_args.v[i]);
	return rc ? -1 : 0;
}

static int qmp_command(FILE *f, const char *cmd, struct json_object *args, char *err,
		size_t errlen)
{
	struct json_object *req = json_object_new_object();
	char *line = NULL;
	size_t cap = 0;
	int rc = -1;

	json_object_object_add(req, "execute", json_object_new_string(cmd));
	if (args)
		json_object_object_add(req, "arguments", args);
	fprintf(f, "%s\n", json_object_to_json_string_ext(req, JSON_C_TO_STRING_PLAIN));
	fflush(f);
	json_object_put(req);
	snprintf(err, errlen, "QMP %s: no reply", cmd);
	while (getline(&line, &cap, f) > 0) {
		struct json_object *reply = json_tokener_parse(line), *e, *desc;

		if (reply && json_object_object_get_ex(reply, "return", NULL))
			rc = 0;
		else if (reply && json_object_object_get_ex(reply, "error", &e))
			snprintf(err, errlen, "QMP %s failed: %s", cmd,
				json_object_object_get_ex(e, "desc", &desc) ?
				json_object_get_string(desc) : line);
		json_object_put(reply);
		if (rc == 0 || strstr(err, "failed"))
			break;
	}
	free(line);
	return rc;
}

/* Plug --hotplug DIMM @n: its backend object, then the nvdimm device, over our QMP socket. */
static int hotadd(const struct run *r, int n, char *err, size_t errlen)
{
	const struct plan_dimm *d = &r->hot.dimms[n];
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct json_object *obj, *dev;
	char id[32], mem[32], *line = NULL;
	size_t cap = 0;
	int fd, rc;
	FILE *f;

	if (n < 0 || n >= r->hot.n) {
		snprintf(err, errlen, "the guest asked for --hotplug DIMM %d; the run has %d",
			n, r->hot.n);
		return -1;
	}
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/qmp.sock", r->dir);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    !(f = fdopen(fd, "r+"))) {
		snprintf(err, errlen, "cannot reach QEMU's QMP socket %s: %s", sa.sun_path,
			strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	snprintf(id, sizeof(id), "hotplug%d", n);
	snprintf(mem, sizeof(mem), "hotmem%d", n);
	obj = json_object_new_object();
	json_object_object_add(obj, "qom-type", json_object_new_string("memory-backend-file"));
	json_object_object_add(obj, "id", json_object_new_string(mem));
	json_object_object_add(obj, "share", json_object_new_boolean(1));
	json_object_object_add(obj, "mem-path", json_object_new_string(d->file));
	json_object_object_add(obj, "size", json_object_new_int64(d->size));
	json_object_object_add(obj, "align", json_object_new_int64(d->align));
	dev = json_object_new_object();
	json_object_object_add(dev, "driver", json_object_new_string("nvdimm"));
	json_object_object_add(dev, "id", json_object_new_string(id));
	json_object_object_add(dev, "memdev", json_object_new_string(mem));
	json_object_object_add(dev, "label-size", json_object_new_int64(d->label_size));
	if (r->hot_node[n] >= 0)
		json_object_object_add(dev, "node", json_object_new_int(r->hot_node[n]));
	rc = getline(&line, &cap, f) > 0 ? 0 : -1;	/* the greeting */
	free(line);
	rc = rc || qmp_command(f, "qmp_capabilities", NULL, err, errlen) ||
		qmp_command(f, "object-add", obj, err, errlen) ||
		qmp_command(f, "device_add", dev, err, errlen);
	fclose(f);
	return rc;
}

/* What one boot saw on the console. */
struct boot_state {
	const struct run *r;
	int boot, status;
	double start;
	FILE *log;
	char *tail[TAIL_LINES];
	int ntail;
	char *error;
	bool silent;	/* killed: KVM and not one console line in KVM_SILENCE_S */
	double at[3];	/* seconds after QEMU's start when init reached each of at_stages */
};

/* The guest's "@@NDKIT AT <stage>" marks: /init running, host root mounted, DIMMs probed. */
static const char *const at_stages[] = { "init", "root", "dimms" };

static void stage_reached(struct boot_state *b, const char *stage)
{
	for (int i = 0; i < 3; i++)
		if (!strcmp(stage, at_stages[i]))
			b->at[i] = run_now() - b->start;
}

/* "/init at 2.1 s, root mounted at 2.6 s, DIMMs at 3.2 s, " for the stages seen. */
static void stages_text(const struct boot_state *b, char *out, size_t len)
{
	static const char *const what[] = { "/init", "root mounted", "DIMMs" };
	size_t used = 0;

	*out = '\0';
	for (int i = 0; i < 3 && used < len; i++)
		if (b->at[i] > 0)
			used += snprintf(out + used, len - used, "%s at %.1f s, ", what[i], b->at[i]);
}

static void console_line(struct boot_state *b, char *line)
{
	const char *mark = strstr(line, MARK), *arg;
	char err[256];

	if (b->log)
		fprintf(b->log, "%s\n", line);
	free(b->tail[b->ntail % TAIL_LINES]);
	b->tail[b->ntail++ % TAIL_LINES] = strdup(line);
	if (!mark)
		return;
	arg = mark + strlen(MARK);
	if (strncmp(arg, "START", 5) == 0) {
		char stages[128];

		stages_text(b, stages, sizeof(stages));
		run_progress(b->r, "boot %d: COMMAND started, %.1f s after QEMU (%sguest uptime "
			"%s s)", b->boot, run_now() - b->start, stages, arg + 6);
	} else if (strncmp(arg, "AT ", 3) == 0) {
		stage_reached(b, arg + 3);
	} else if (strncmp(arg, "EXIT ", 5) == 0) {
		b->status = atoi(arg + 5);
	} else if (strncmp(arg, "ERROR ", 6) == 0 && !b->error) {
		b->error = strdup(arg + 6);
	} else if (strncmp(arg, "HOTADD ", 7) == 0) {
		if (hotadd(b->r, atoi(arg + 7), err, sizeof(err)) < 0)
			run_error("boot %d: hot-add: %s", b->boot, err);
		else
			run_progress(b->r, "boot %d: --hotplug DIMM %d plugged", b->boot,
				atoi(arg + 7));
	}
}

/* Split console bytes into lines; a partial line waits in @buf. */
static void console_data(struct boot_state *b, char *buf, size_t *len)
{
	char *nl;

	while ((nl = memchr(buf, '\n', *len))) {
		*nl = '\0';
		if (nl > buf && nl[-1] == '\r')
			nl[-1] = '\0';
		console_line(b, buf);
		*len -= nl + 1 - buf;
		memmove(buf, nl + 1, *len);
	}
	if (*len > 4096) {	/* a line that never ends: keep going */
		buf[*len] = '\0';
		console_line(b, buf);
		*len = 0;
	}
}

static void print_tail(const struct boot_state *b)
{
	int first = b->ntail > TAIL_LINES ? b->ntail - TAIL_LINES : 0;

	fprintf(stderr, "ndctl-qemu run: the console's last lines:\n");
	for (int i = first; i < b->ntail; i++)
		fprintf(stderr, "  | %s\n", b->tail[i % TAIL_LINES]);
}

static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig)
{
	stop_signal = sig;
}

void run_catch_signals(void)
{
	/* no SA_RESTART: poll() and waitpid() return EINTR, and the loops look at stop_signal */
	struct sigaction sa = { .sa_handler = on_stop_signal };
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };

	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}

int run_stopped(void)
{
	return stop_signal ? 128 + stop_signal : 0;
}

/*
 * QEMU's own messages go to DIR/qemu.log, shown when a boot fails. QEMU dies
 * with us even when we are killed outright (SIGKILL), so no guest outlives its run.
 */
static pid_t spawn(const struct run *r, char **argv, int pipes[3][2], bool shell)
{
	char *log;
	pid_t pid = fork();
	int fd;

	if (pid)
		return pid;
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() == 1)	/* the parent died before prctl() */
		_exit(RUN_EXIT_RUNNER);
	if (asprintf(&log, "%s/qemu.log", r->dir) >= 0 &&
	    (fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644)) >= 0)
		dup2(fd, 2);
	if (!shell) {
		int null = open("/dev/null", O_RDONLY);

		dup2(null, 0);
		dup2(pipes[0][1], 1);
		dup2(pipes[1][1], 3);
		dup2(pipes[2][1], 4);
	}
	execvp(argv[0], argv);
	fprintf(stderr, "ndctl-qemu run: cannot run %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

/* Copy guest output to our stdout/stderr and read the console until QEMU ends or time is up. */
static bool pump(struct boot_state *b, int fds[3])
{
	char con[8192], buf[65536];
	size_t conlen = 0;
	int open_fds = 3;

	while (open_fds && !stop_signal) {
		struct pollfd p[3];
		double end = b->start + b->r->timeout;
		bool watch = b->r->kvm && !b->ntail && !conlen && b->start + KVM_SILENCE_S < end;
		int left = (int)(((watch ? b->start + KVM_SILENCE_S : end) - run_now()) * 1000);

		if (left <= 0) {
			b->silent = watch;
			return false;
		}
		for (int i = 0; i < 3; i++)
			p[i] = (struct pollfd){ .fd = fds[i], .events = POLLIN };
		if (poll(p, 3, left) < 0 && errno != EINTR)
			return false;
		for (int i = 0; i < 3; i++) {
			ssize_t n;

			if (fds[i] < 0 || !(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			n = read(fds[i], i ? buf : con + conlen,
				i ? sizeof(buf) : sizeof(con) - 1 - conlen);
			if (n <= 0) {
				close(fds[i]);
				fds[i] = -1;
				open_fds--;
			} else if (i == 0) {
				conlen += n;
				console_data(b, con, &conlen);
			} else if (write(i, buf, n) != n) {
				/* our reader went away: keep draining, the guest must not block */
			}
		}
	}
	return !stop_signal;
}

char *run_qemu_log_first_line(const struct run *r)
{
	char *path, *line = NULL;
	size_t cap = 0;
	FILE *f;

	if (asprintf(&path, "%s/qemu.log", r->dir) < 0)
		return NULL;
	f = fopen(path, "re");
	free(path);
	if (f && getline(&line, &cap, f) > 0)
		line[strcspn(line, "\n")] = '\0';
	if (f)
		fclose(f);
	return line;
}

void run_print_qemu_log(const struct run *r, bool first_line_only)
{
	char *path, *line = NULL;
	size_t cap = 0;
	FILE *f;

	if (asprintf(&path, "%s/qemu.log", r->dir) < 0)
		return;
	f = fopen(path, "re");
	free(path);
	while (f && getline(&line, &cap, f) > 0) {
		fprintf(stderr, "  qemu: %s", line);
		if (first_line_only)
			break;
	}
	free(line);
	if (f)
		fclose(f);
}

static int boot_result(struct boot_state *b, bool in_time, int wstatus)
{
	if (stop_signal) {
		run_error("boot %d: stopped by %s; QEMU killed", b->boot, strsignal(stop_signal));
		return run_stopped();
	}
	if (!in_time || b->error || b->status < 0)
		run_print_qemu_log(b->r, false);
	if (!in_time) {
		run_error("boot %d: COMMAND did not end within --timeout %d s; QEMU killed",
			b->boot, b->r->timeout);
		print_tail(b);
		return RUN_EXIT_TIMEOUT;
	}
	if (b->error) {
		run_error("boot %d: the guest failed before COMMAND: %s", b->boot, b->error);
		print_tail(b);
		return RUN_EXIT_RUNNER;
	}
	if (b->status < 0) {
		run_error("boot %d: QEMU ended (%s %d) before COMMAND did", b->boot,
			WIFEXITED(wstatus) ? "exit" : "signal",
			WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : WTERMSIG(wstatus));
		print_tail(b);
		return RUN_EXIT_RUNNER;
	}
	return b->status;
}

/* --shell: the guest's EXIT (the shell's status) or ERROR lines, from ttyS1's file. */
static void read_verdict(struct boot_state *b, const char *path)
{
	FILE *f = fopen(path, "re");
	char *line = NULL;
	size_t cap = 0;

	while (f && getline(&line, &cap, f) > 0) {
		line[strcspn(line, "\r\n")] = '\0';
		console_line(b, line);
	}
	free(line);
	if (f)
		fclose(f);
}

/* waitpid() for QEMU, which a stop signal kills first. */
static int wait_qemu(pid_t pid, int *wstatus)
{
	int rc;

	while ((rc = waitpid(pid, wstatus, 0)) < 0 && errno == EINTR)
		if (stop_signal)
			kill(pid, SIGKILL);
	return rc;
}

/* The console is the user's terminal; the exit status is the shell's. */
static int run_shell_boot(struct boot_state *b, char **argv)
{
	char *verdict;
	int wstatus = 0;
	pid_t pid;

	if (asprintf(&verdict, "%s/" RUN_VERDICT_FILE, b->r->dir) < 0)
		return run_error("out of memory");
	unlink(verdict);
	pid = spawn(b->r, argv, NULL, true);
	if (pid < 0 || wait_qemu(pid, &wstatus) < 0) {
		free(verdict);
		return run_error("cannot run QEMU: %s", strerror(errno));
	}
	read_verdict(b, verdict);
	unlink(verdict);
	free(verdict);
	/* No verdict and QEMU failed under KVM: the guest may not have booted at all. */
	if (b->r->kvm && !stop_signal && b->status < 0 && !b->error && !(WIFEXITED(wstatus) && !WEXITSTATUS(wstatus)))
		return RUN_KVM_FAILED;
	return boot_result(b, true, wstatus);
}

/* COMMAND's streams on pipes, the console read as it comes, the timeout kept. */
static int run_command_boot(struct boot_state *b, char **argv)
{
	int pipes[3][2], fds[3], wstatus = 0;
	bool in_time;
	pid_t pid;

	for (int i = 0; i < 3; i++)
		if (pipe2(pipes[i], O_CLOEXEC) < 0)
			return run_error("pipe: %s", strerror(errno));
	pid = spawn(b->r, argv, pipes, false);
	for (int i = 0; i < 3; i++) {
		close(pipes[i][1]);
		fds[i] = pipes[i][0];
	}
	in_time = pid > 0 && pump(b, fds);
	if (pid > 0 && !in_time)
		kill(pid, SIGKILL);
	if (pid > 0)
		wait_qemu(pid, &wstatus);
	for (int i = 0; i < 3; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	/* QEMU under KVM ended, or hung, before the guest printed anything: TCG next. */
	if (b->r->kvm && b->status < 0 && !b->ntail && (in_time || b->silent)) {
		if (b->silent)
			kvm_remember_silent();
		return RUN_KVM_FAILED;
	}
	return boot_result(b, in_time, wstatus);
}

int run_boot(const struct run *r, int boot, const char *initrd)
{
	struct boot_state b = { .r = r, .boot = boot, .status = -1, .start = run_now() };
	struct strv argv = { 0 };
	int rc;

	if (qemu_argv(r, boot, initrd, &argv) < 0)
		return run_error("out of memory");
	if (r->console && !r->shell && !(b.log = fopen(r->console, boot == 1 ? "we" : "ae")))
		rc = run_error("cannot write --console %s: %s", r->console, strerror(errno));
	else
		rc = r->shell ? run_shell_boot(&b, argv.v) : run_command_boot(&b, argv.v);
	if (b.log)
		fclose(b.log);
	for (int i = 0; i < TAIL_LINES; i++)
		free(b.tail[i]);
	free(b.error);
	strv_free(&argv);
	return rc;
}
