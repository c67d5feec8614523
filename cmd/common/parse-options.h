/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_CMD_PARSE_OPTIONS_H
#define NDKIT_CMD_PARSE_OPTIONS_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/*
 * The one option parser of ndctl, daxctl and ndctl-qemu, with upstream
 * ndctl's semantics: options anywhere among the arguments, "--" ends them,
 * bundled short options (-fv), "-sVALUE", "--long=VALUE", unambiguous
 * abbreviations of long names, "--no-NAME" for every option not marked
 * OPT_NONEG, "-h" and "--help" print the usage on stderr (exit 129),
 * "--list-opts" prints the long names (exit 130), and upstream's error
 * texts ("  Error: unknown option `x'") before the usage (exit 129).
 * "--help" right after the command name prints the usage on stdout and
 * exits 0: upstream opens the man page there, which a guest may not have.
 *
 * A command declares a table ending in OPT_END() and a NULL-terminated
 * usage array (first line "ndctl list [<options>]", more lines print as
 * "or: ..."), then:
 *
 *	argc = parse_options(argc, argv, opts, usage, 0);
 *	if (argc < 0)
 *		return parse_options_exit(argc);
 *
 * On success the arguments that are not options are left in argv[0..argc-1]
 * (argv[0], the command name, is consumed unless PARSE_OPT_KEEP_ARGV0).
 */

enum parse_opt_type {
	OPTION_END,
	OPTION_GROUP,		/* a heading in the usage, no option */
	OPTION_BOOLEAN,		/* bool: true, --no-X false */
	OPTION_INCR,		/* int: +1 each time, --no-X 0 */
	OPTION_STRING,		/* const char *: the value, --no-X NULL */
	OPTION_INTEGER,		/* int, decimal */
	OPTION_UINTEGER,	/* unsigned int, decimal */
	OPTION_U64,		/* uint64_t, decimal */
	OPTION_CALLBACK,	/* cb(opt, value or NULL, unset) */
};

/* Option flags. */
enum {
	OPT_NONEG = 1 << 0,	/* no --no-X form */
	OPT_HIDDEN = 1 << 1,	/* accepted, left out of the usage */
	OPT_OPTARG = 1 << 2,	/* the value is optional: -xVAL, --x=VAL */
	OPT_NOARG = 1 << 3,	/* a callback that takes no value */
};

/* parse_options() flags. */
enum {
	PARSE_OPT_KEEP_ARGV0 = 1 << 0,
	PARSE_OPT_STOP_AT_NON_OPTION = 1 << 1,	/* stop at the first argument */
	PARSE_OPT_KEEP_DASHDASH = 1 << 2,
};

struct option;
typedef int parse_opt_cb(const struct option *opt, const char *arg, int unset);

struct option {
	enum parse_opt_type type;
	char short_name;
	const char *long_name;
	void *value;
	const char *argh;	/* the value's name in the usage: "<size>" */
	const char *help;	/* "\n" starts another line in the same column */
	unsigned int flags;
	parse_opt_cb *callback;
	intptr_t defval;	/* for OPT_OPTARG: the value when none given */
	bool *set;		/* OPTION_BOOLEAN: set to true when given at all */
};

#define OPT_END()			{ .type = OPTION_END }
#define OPT_GROUP(h)			{ .type = OPTION_GROUP, .help = (h) }
#define OPT_BOOLEAN(s, l, v, h)		{ .type = OPTION_BOOLEAN, .short_name = (s), \
	.long_name = (l), .value = (bool *)(v), .help = (h) }
#define OPT_BOOLEAN_SET(s, l, v, os, h)	{ .type = OPTION_BOOLEAN, .short_name = (s), \
	.long_name = (l), .value = (bool *)(v), .set = (bool *)(os), .help = (h) }
#define OPT_INCR(s, l, v, h)		{ .type = OPTION_INCR, .short_name = (s), \
	.long_name = (l), .value = (int *)(v), .help = (h) }
#define OPT_STRING(s, l, v, a, h)	{ .type = OPTION_STRING, .short_name = (s), \
	.long_name = (l), .value = (const char **)(v), .argh = (a), .help = (h) }
#define OPT_FILENAME(s, l, v, a, h)	OPT_STRING(s, l, v, a, h)
#define OPT_INTEGER(s, l, v, h)		{ .type = OPTION_INTEGER, .short_name = (s), \
	.long_name = (l), .value = (int *)(v), .help = (h) }
#define OPT_UINTEGER(s, l, v, h)	{ .type = OPTION_UINTEGER, .short_name = (s), \
	.long_name = (l), .value = (unsigned int *)(v), .help = (h) }
#define OPT_U64(s, l, v, h)		{ .type = OPTION_U64, .short_name = (s), \
	.long_name = (l), .value = (uint64_t *)(v), .help = (h) }
#define OPT_CALLBACK(s, l, v, a, h, cb)	{ .type = OPTION_CALLBACK, .short_name = (s), \
	.long_name = (l), .value = (v), .argh = (a), .help = (h), .callback = (cb) }
#define OPT_CALLBACK_NOARG(s, l, v, h, cb) { .type = OPTION_CALLBACK, .short_name = (s), \
	.long_name = (l), .value = (v), .help = (h), .callback = (cb), .flags = OPT_NOARG }

/*
 * Returns the count of arguments left in argv, or a negative value when the
 * command must stop now (usage printed, an error, --list-opts): hand it to
 * parse_options_exit() for the exit status.
 */
int parse_options(int argc, char **argv, const struct option *opts,
		const char *const *usage, int flags);
int parse_options_exit(int rc);

/* The full usage on stderr; returns upstream's usage exit status, 129. For
 * commands rejecting their arguments after opt_error() said why. */
int usage_with_options(const char *const *usage, const struct option *opts);

/* The usage and the options, as -h prints them, on any stream. */
void print_usage_with_options(FILE *f, const char *const *usage,
		const struct option *opts);

/* "  Error: <msg>" on stderr, as upstream's error(); returns -1. */
int opt_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
