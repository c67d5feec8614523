// SPDX-License-Identifier: GPL-2.0-only
/*
 * check-namespace: upstream's options, lines and exit status over
 * libndctl's BTT check (ndctl/btt-layout.h). Each line a check reports is
 * printed as upstream's log prints it, "<namespace>: <function>: <text>"
 * on stderr, errors always, the rest with -v or NDCTL_CHECK_NAMESPACE;
 * a change made (info2 restored) on stdout, as upstream's printf.
 */
#define _GNU_SOURCE	/* secure_getenv, as upstream reads its log level */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include "builtin.h"
#include "topo-filter.h"
#include "../common/parse-options.h"

static struct {
	struct topo_filter filter;
	bool verbose, force, repair, logfix;
} param;

struct check_run {
	const char *devname;	/* the namespace being checked: each line's first word */
	int priority;		/* upstream's log level: LOG_ERR unless asked */
	int done, rc;
};

static void report(void *arg, int priority, const char *where, const char *msg)
{
	const struct check_run *run = arg;

	if (priority == LOG_NOTICE)
		fputs(msg, stdout);
	else if (priority <= run->priority)
		fprintf(stderr, "%s: %s: %s", run->devname, where, msg);
}

/* Upstream's NDCTL_CHECK_NAMESPACE: a number, or err, info, debug, notice. */
static int env_priority(void)
{
	static const struct { const char *name; int prio; } names[] = {
		{ "err", LOG_ERR }, { "info", LOG_INFO }, { "debug", LOG_DEBUG },
		{ "notice", LOG_NOTICE },
	};
	const char *env = secure_getenv("NDCTL_CHECK_NAMESPACE");
	char *end;
	long n;

	if (!env)
		return LOG_ERR;
	n = strtol(env, &end, 10);
	if (*end == '\0' || isspace((unsigned char)*end))
		return (int)n;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strncmp(env, names[i].name, strlen(names[i].name)) == 0)
			return names[i].prio;
	return 0;
}

static void say(struct check_run *run, int priority, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void say(struct check_run *run, int priority, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	report(run, priority, "namespace_check", msg);
}

/* Upstream's namespace_check around the library's: --force disables first, re-enables after. */
static int check_one(struct check_run *run, struct ndctl_namespace *ndns)
{
	unsigned flags = (param.repair ? NDCTL_BTT_CHECK_REPAIR : 0) |
		(param.logfix ? NDCTL_BTT_CHECK_REWRITE_LOG : 0);
	bool disabled = false;
	int rc;

	run->devname = ndctl_namespace_get_devname(ndns);
	run->priority = param.verbose ? LOG_DEBUG : env_priority();
	if (param.logfix && !param.repair) {
		say(run, LOG_ERR, "--rewrite-log also requires --repair\n");
		return -EINVAL;
	}
	if (param.logfix)
		say(run, LOG_INFO, "WARNING: interruption may cause unrecoverable metadata "
				"corruption\n");
	say(run, LOG_INFO, "checking %s\n", run->devname);
	if (ndctl_namespace_is_active(ndns) && param.force) {
		rc = ndctl_namespace_disable_safe(ndns);
		if (rc)
			return rc;
		disabled = true;
	}
	rc = ndctl_namespace_check_btt(ndns, flags, report, run);
	if (disabled && ndctl_namespace_enable(ndns) < 0)
		say(run, LOG_ERR, "%s: failed to re-enable namespace\n", run->devname);
	return rc;
}

struct check_all {
	struct check_run *run;
	const char *name;
};

static bool check_if_named(struct ndctl_namespace *ndns, void *arg)
{
	struct check_all *all = arg;

	if (strcmp(all->name, "all") == 0 ? !ndctl_namespace_is_configured(ndns) :
			strcmp(all->name, ndctl_namespace_get_devname(ndns)) != 0)
		return true;
	all->run->rc = check_one(all->run, ndns);
	if (all->run->rc == 0)
		all->run->done++;
	return true;
}

/* "all" leaves out the idle seeds, as upstream; the last namespace's status is the command's. */
static void check_all(struct check_run *run, struct ndctl_ctx *ctx, const char *name)
{
	struct check_all all = { run, name };

	run->rc = strcmp(name, "all") == 0 ? 0 : -ENXIO;
	topo_filter_each_namespace(ctx, &param.filter, check_if_named, &all);
}

int cmd_check_namespace(int argc, char **argv, void *ctx)
{
	static const char *const usage[] = { "ndctl check-namespace <namespace> [<options>]", NULL };
	const struct option options[] = {
		NS_FILTER_OPTIONS(&param.filter, &param.verbose),
		OPT_BOOLEAN('R', "repair", &param.repair, "perform metadata repairs"),
		OPT_BOOLEAN('L', "rewrite-log", &param.logfix, "regenerate the log"),
		OPT_BOOLEAN('f', "force", &param.force, "check namespace even if currently active"),
		OPT_END(),
	};
	struct check_run run = { 0 };
	int rc;

	argc = parse_options(argc, argv, options, usage, 0);
	if (argc < 0)
		return parse_options_exit(argc);
	rc = topo_namespace_args(argc, argv, "check", usage, options);
	if (rc)
		return rc;
	if (param.verbose)
		ndctl_set_log_priority(ctx, LOG_DEBUG);
	check_all(&run, ctx, argv[0]);
	ndctl_invalidate(ctx);
	if (run.rc < 0)
		fprintf(stderr, "error checking namespaces: %s\n", strerror(-run.rc));
	fprintf(stderr, "checked %d namespace%s\n", run.done, run.done == 1 ? "" : "s");
	return run.rc;
}
