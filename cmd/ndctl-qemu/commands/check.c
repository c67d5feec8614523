// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "builtin.h"
#include "../model/domain.h"
#include "../model/findings.h"
#include "../model/qemu-args.h"
#include "../model/qmp.h"
#include "../rules/rules.h"

#define INPUT_MAX (16 << 20)

struct check_opts {
	bool json;
	const char *domain, *pid, *qmp;
	char **args;		/* the QEMU command line */
	int nargs;
};

static const char *const check_usage[] = {
	"ndctl-qemu check [--json] -- QEMU-ARGS...",
	"ndctl-qemu check [--json] --domain FILE.xml",
	"ndctl-qemu check [--json] --pid PID [--qmp SOCKET]",
	"",
	"Check a QEMU command line (with or without the program name), a libvirt",
	"domain, or a running QEMU, and the backend files they name; print one",
	"finding per line, exit 1 on errors.",
	NULL
};

/* The whole of a file (or stdin for "-"), NUL-terminated; NULL with errno set. */
static char *read_all(const char *path, size_t *len)
{
	int fd = strcmp(path, "-") == 0 ? dup(0) : open(path, O_RDONLY | O_CLOEXEC);
	size_t cap = 65536;
	char *buf = malloc(cap + 1);
	ssize_t n;

	*len = 0;
	if (fd < 0 || !buf) {
		free(buf);
		return NULL;
	}
	while ((n = read(fd, buf + *len, cap - *len)) > 0) {
		*len += n;
		if (*len == cap && cap < INPUT_MAX)
			buf = realloc(buf, (cap *= 2) + 1);
		if (!buf)
			abort();
		if (*len == cap)
			break;	/* more than INPUT_MAX: what follows is cut off */
	}
	close(fd);
	if (n < 0) {
		free(buf);
		return NULL;
	}
	buf[*len] = '\0';
	return buf;
}

static int load_domain(const char *path, struct qemu_config *cfg, struct findings *f)
{
	size_t len;
	char *xml = read_all(path, &len);

	if (!xml)
		return usage_error("ndctl-qemu", "check", "cannot read %s: %s; give a domain "
			"file, e.g. virsh dumpxml NAME > d.xml", path, strerror(errno));
	qemu_domain_parse(cfg, xml, len, f);
	free(xml);
	return 0;
}

/* /proc/PID/cmdline as an argv (the words point into *@buf). */
static int read_cmdline(const char *pid, char **buf, char ***argv, int *argc)
{
	size_t len;
	char *path;

	if (strspn(pid, "0123456789") != strlen(pid) || !*pid ||
	    asprintf(&path, "/proc/%s/cmdline", pid) < 0)
		return -EINVAL;
	*buf = read_all(path, &len);
	free(path);
	if (!*buf)
		return -errno;
	*argv = calloc(len + 1, sizeof(**argv));
	if (!*argv)
		abort();
	*argc = 0;
	for (size_t i = 0; i < len; i += strlen(*buf + i) + 1)
		(*argv)[(*argc)++] = *buf + i;
	return 0;
}

static int load_process(const struct check_opts *o, struct qemu_config *cfg,
		struct findings *f)
{
	char *buf = NULL, **argv = NULL;
	int argc = 0, rc = read_cmdline(o->pid, &buf, &argv, &argc);

	if (rc == 0 && (!argc || !strstr(argv[0], "qemu")))
		rc = usage_error("ndctl-qemu", "check", "process %s is %s, not QEMU; give "
			"the pid of a qemu-system-* process", o->pid, argc ? argv[0] : "empty");
	else if (rc < 0)
		rc = usage_error("ndctl-qemu", "check", "cannot read the command line of "
			"process %s: %s; give the pid of a running QEMU", o->pid, strerror(-rc));
	else
		qemu_config_collect_exact(cfg, argc, argv, f);
	if (rc == 0 && o->qmp) {
		int n = qmp_add_memory_devices(o->qmp, cfg);

		if (n < 0)
			rc = usage_error("ndctl-qemu", "check", "no QMP answer on %s: %s; give "
				"QEMU's -qmp unix socket", o->qmp, strerror(-n));
	}
	if (rc == 0)
		qemu_config_model(cfg, f);
	free(argv);
	free(buf);
	return rc;
}

/*
 * 0 to go on; parse_options()'s stop code (< 0) or an exit status. The
 * options end at the first word that is not one: what follows is QEMU's
 * command line, whose own options are not check's.
 */
static int parse_check_args(struct check_opts *o, int argc, char **argv)
{
	const struct option opts[] = {
		OPT_BOOLEAN('j', "json", &o->json, "print the findings as a JSON array"),
		OPT_STRING('d', "domain", &o->domain, "file",
			"a libvirt domain XML (virsh dumpxml; - reads stdin)"),
		OPT_STRING('p', "pid", &o->pid, "pid", "a running QEMU: its command line from /proc"),
		OPT_STRING('q', "qmp", &o->qmp, "socket", "with --pid: also ask its QMP socket for "
			"the DIMMs'\nreal addresses and the hot-plugged ones"),
		OPT_END(),
	};

	argc = parse_options(argc, argv, opts, check_usage, PARSE_OPT_STOP_AT_NON_OPTION);
	if (argc < 0)
		return argc;
	o->args = argv;
	o->nargs = argc;
	if (o->qmp && !o->pid)
		return usage_refuse("ndctl-qemu", "check", "--qmp goes with --pid PID");
	if ((o->domain != NULL) + (o->pid != NULL) + (argc > 0) > 1)
		return usage_refuse("ndctl-qemu", "check", "give one of --domain, --pid or a "
			"command line after --");
	if (!o->domain && !o->pid && !argc)
		return usage_refuse("ndctl-qemu", "check", "no QEMU command line; give one "
			"after --, e.g. check -- -machine pc,nvdimm=on ..., or --domain or --pid");
	return 0;
}

int cmd_check(int argc, char **argv, void *ctx)
{
	struct check_opts o = { 0 };
	struct findings f = { 0 };
	struct qemu_config cfg = { 0 };
	int rc = parse_check_args(&o, argc, argv);

	if (rc)
		return rc < 0 ? parse_options_exit(rc) : rc;
	if (o.domain)
		rc = load_domain(o.domain, &cfg, &f);
	else if (o.pid)
		rc = load_process(&o, &cfg, &f);
	else
		qemu_config_parse(&cfg, o.nargs, o.args, &f);
	if (rc == 0) {
		qemu_check(&cfg, &f);
		if (o.domain)
			qemu_domain_annotate(&cfg, &f);
		if (o.json)
			findings_print_json(&f, stdout);
		else
			findings_print_text(&f, stdout);
		rc = findings_have_error(&f) ? 1 : 0;
	}
	findings_free(&f);
	qemu_config_free(&cfg);
	return rc;
}
