// SPDX-License-Identifier: GPL-2.0-only
/* The option parser of every ndkit command: see parse-options.h. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "parse-options.h"

/* How an option was named on the command line. */
enum { GOT_SHORT = 1, GOT_UNSET = 2 };

/* What a pass over the arguments ended with. */
enum step {
	STEP_DONE,
	STEP_HELP,		/* -h, --help: usage printed */
	STEP_LIST_OPTS,
	STEP_LIST_CMDS,
	STEP_UNKNOWN,		/* unknown option: error and usage still to print */
	STEP_FAILED,		/* error and the option's usage printed */
	STEP_TYPO,		/* "-json": error printed, no usage (as upstream) */
};

struct parser {
	int argc;		/* arguments still to look at, from argv */
	char **argv;
	char **out;		/* where the non-options go */
	int nout;
	const char *opt;	/* rest of a short bundle, or a long option's =value */
	const struct option *opts;
	int flags;
	const char *unknown;	/* the unknown long option, or NULL ... */
	char unknown_short;	/* ... the unknown switch */
};

#define USAGE_OPTS_WIDTH 24
#define USAGE_GAP 2
#define PARSE_EXIT_BASE 256

int opt_error(const char *fmt, ...)
{
	va_list ap;

	fputs("  Error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

static int opt_value_error(const struct option *o, const char *reason, int how)
{
	if (how & GOT_SHORT)
		return opt_error("switch `%c' %s", o->short_name, reason);
	if (how & GOT_UNSET)
		return opt_error("option `no-%s' %s", o->long_name, reason);
	return opt_error("option `%s' %s", o->long_name, reason);
}

/* -sVALUE, --size=VALUE, or the next argument. */
static int take_arg(struct parser *p, const struct option *o, int how, const char **arg)
{
	if (p->opt) {
		*arg = p->opt;
		p->opt = NULL;
		return 0;
	}
	if (p->argc > 1) {
		p->argc--;
		*arg = *++p->argv;
		return 0;
	}
	return opt_value_error(o, "requires a value", how);
}

static bool takes_value(const struct option *o)
{
	switch (o->type) {
	case OPTION_BOOLEAN:
	case OPTION_INCR:
		return false;
	case OPTION_CALLBACK:
		return !(o->flags & OPT_NOARG);
	default:
		return true;
	}
}

static int set_number(struct parser *p, const struct option *o, int how)
{
	const char *arg = NULL;
	char *end;
	bool unset = how & GOT_UNSET;
	bool dflt = (o->flags & OPT_OPTARG) && !p->opt;
	unsigned long long n = unset ? 0 : (unsigned long long)o->defval;

	if (!unset && !dflt) {
		if (take_arg(p, o, how, &arg))
			return -1;
		n = o->type == OPTION_U64 ? strtoull(arg, &end, 10)
			: (unsigned long long)strtol(arg, &end, 10);
		if (*end || end == arg)
			return opt_value_error(o, "expects a numerical value", how);
	}
	if (o->type == OPTION_INTEGER)
		*(int *)o->value = (int)n;
	else if (o->type == OPTION_UINTEGER)
		*(unsigned int *)o->value = (unsigned int)n;
	else
		*(uint64_t *)o->value = n;
	return 0;
}

static int run_callback(struct parser *p, const struct option *o, int how)
{
	const char *arg = NULL;

	if (how & GOT_UNSET)
		return o->callback(o, NULL, 1) ? -1 : 0;
	if ((o->flags & OPT_NOARG) || ((o->flags & OPT_OPTARG) && !p->opt))
		return o->callback(o, NULL, 0) ? -1 : 0;
	if (take_arg(p, o, how, &arg))
		return -1;
	return o->callback(o, arg, 0) ? -1 : 0;
}

/* Store what the option says; 0, or -1 after printing an error. */
static int set_value(struct parser *p, const struct option *o, int how)
{
	bool unset = how & GOT_UNSET;

	if (unset && p->opt)
		return opt_value_error(o, "takes no value", how);
	if (unset && (o->flags & OPT_NONEG))
		return opt_value_error(o, "isn't available", how);
	if (!(how & GOT_SHORT) && p->opt && !takes_value(o))
		return opt_value_error(o, "takes no value", how);

	switch (o->type) {
	case OPTION_BOOLEAN:
		*(bool *)o->value = !unset;
		if (o->set)
			*o->set = true;
		return 0;
	case OPTION_INCR:
		*(int *)o->value = unset ? 0 : *(int *)o->value + 1;
		return 0;
	case OPTION_STRING:
		if (unset)
			*(const char **)o->value = NULL;
		else if ((o->flags & OPT_OPTARG) && !p->opt)
			*(const char **)o->value = (const char *)o->defval;
		else
			return take_arg(p, o, how, (const char **)o->value);
		return 0;
	case OPTION_CALLBACK:
		return run_callback(p, o, how);
	case OPTION_INTEGER:
	case OPTION_UINTEGER:
	case OPTION_U64:
		return set_number(p, o, how);
	default:
		abort();	/* a table entry without a value */
	}
}

/* p->opt points at a switch letter: 0, -1 after an error, -2 if unknown. */
static int parse_short(struct parser *p)
{
	for (const struct option *o = p->opts; o->type != OPTION_END; o++) {
		if (o->short_name && o->short_name == *p->opt) {
			p->opt = p->opt[1] ? p->opt + 1 : NULL;
			return set_value(p, o, GOT_SHORT);
		}
	}
	return -2;
}

/* 2 if arg[0..len) is name, 1 if it is a shorter prefix of it, else 0. */
static int name_match(const char *name, const char *arg, size_t len)
{
	size_t n = strlen(name);

	if (len > n || strncmp(name, arg, len))
		return 0;
	return len == n ? 2 : 1;
}

struct long_match {
	const struct option *opt, *ambiguous;
	int how, ambiguous_how;
};

static void add_abbrev(struct long_match *m, const struct option *o, int how)
{
	if (m->opt) {
		m->ambiguous = m->opt;
		m->ambiguous_how = m->how;
	}
	m->opt = o;
	m->how = how;
}

/*
 * How o matches "--arg": 2 exactly, 1 as an abbreviation, 0 not; *how
 * says whether it was negated.
 */
static int match_one(const struct option *o, const char *arg, size_t len, int *how)
{
	const char *name = o->long_name;
	int r = name_match(name, arg, len);

	*how = 0;
	if (r == 2)
		return 2;
	if (strncmp(name, "no-", 3) == 0) {
		int rn = name_match(name + 3, arg, len);

		if (rn) {	/* --autolabel for a "no-autolabel" option */
			*how = GOT_UNSET;
			return rn;
		}
	}
	if (r == 1)
		return 1;
	*how = GOT_UNSET;
	if (strncmp("no-", arg, strlen(arg)) == 0)	/* --n, --no, --no- */
		return 1;
	if (len < 3 || strncmp(arg, "no-", 3))
		return 0;
	return name_match(name, arg + 3, len - 3);
}

/* "--arg" (without the dashes): 0, -1 after an error, -2 if unknown. */
static int parse_long(struct parser *p, const char *arg)
{
	const char *eq = strchr(arg, '=');
	size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
	struct long_match m = { 0 };
	int how;

	for (const struct option *o = p->opts; o->type != OPTION_END; o++) {
		if (!o->long_name)
			continue;
		switch (match_one(o, arg, len, &how)) {
		case 2:
			p->opt = eq ? eq + 1 : NULL;
			return set_value(p, o, how);
		case 1:
			add_abbrev(&m, o, how);
			break;
		}
	}
	if (m.ambiguous)
		return opt_error("Ambiguous option: %.*s (could be --%s%s or --%s%s)",
				(int)len, arg,
				(m.ambiguous_how & GOT_UNSET) ? "no-" : "",
				m.ambiguous->long_name,
				(m.how & GOT_UNSET) ? "no-" : "", m.opt->long_name);
	if (!m.opt)
		return -2;
	p->opt = eq && !(m.how & GOT_UNSET) ? eq + 1 : NULL;
	return set_value(p, m.opt, m.how);
}

static void print_value_hint(FILE *f, const struct option *o, size_t *pos)
{
	bool opt = o->flags & OPT_OPTARG;

	switch (o->type) {
	case OPTION_INTEGER:
	case OPTION_UINTEGER:
	case OPTION_U64:
		*pos += fprintf(f, "%s", opt ? (o->long_name ? "[=<n>]" : "[<n>]") : " <n>");
		return;
	case OPTION_CALLBACK:
		if (o->flags & OPT_NOARG)
			return;
		/* fall through */
	case OPTION_STRING:
		if (!o->argh)
			*pos += fprintf(f, "%s", opt ? (o->long_name ? "[=...]" : "[...]") : " ...");
		else if (opt)
			*pos += fprintf(f, o->long_name ? "[=<%s>]" : "[<%s>]", o->argh);
		else
			*pos += fprintf(f, " <%s>", o->argh);
		return;
	default:
		return;
	}
}

/* An option's help; a help of several lines ("a\nb") keeps them in the column. */
static void print_help_text(FILE *f, int pad, const char *help)
{
	const char *nl;

	while ((nl = strchr(help, '\n'))) {
		fprintf(f, "%*s%.*s\n", pad, "", (int)(nl - help), help);
		help = nl + 1;
		pad = USAGE_OPTS_WIDTH + USAGE_GAP;
	}
	fprintf(f, "%*s%s\n", pad, "", help);
}

static void print_option_help(FILE *f, const struct option *o)
{
	size_t pos;
	int pad;

	if (o->type == OPTION_GROUP) {
		fputc('\n', f);
		if (o->help && *o->help)
			fprintf(f, "%s\n", o->help);
		return;
	}
	if (o->flags & OPT_HIDDEN)
		return;
	pos = fprintf(f, "    ");
	pos += o->short_name ? fprintf(f, "-%c", o->short_name) : fprintf(f, "    ");
	if (o->long_name && o->short_name)
		pos += fprintf(f, ", ");
	if (o->long_name)
		pos += fprintf(f, "--%s", o->long_name);
	print_value_hint(f, o, &pos);
	if (pos <= USAGE_OPTS_WIDTH) {
		pad = USAGE_OPTS_WIDTH - pos;
	} else {
		fputc('\n', f);
		pad = USAGE_OPTS_WIDTH;
	}
	print_help_text(f, pad + USAGE_GAP, o->help ? o->help : "");
}

static void print_usage_lines(FILE *f, const char *const *usage)
{
	fprintf(f, "\n usage: %s\n", *usage++);
	while (*usage && **usage)
		fprintf(f, "    or: %s\n", *usage++);
	for (; *usage; usage++)
		fprintf(f, "%s%s\n", **usage ? "    " : "", *usage);
}

void print_usage_with_options(FILE *f, const char *const *usage,
		const struct option *opts)
{
	print_usage_lines(f, usage);
	if (opts->type != OPTION_GROUP)
		fputc('\n', f);
	for (; opts->type != OPTION_END; opts++)
		print_option_help(f, opts);
	fputc('\n', f);
}

int usage_with_options(const char *const *usage, const struct option *opts)
{
	print_usage_with_options(stderr, usage, opts);
	return 129;
}

/* After an error on one option: the usage line and that option's help. */
static void print_option_usage(const char *const *usage, const struct option *opts,
		const char *optstr, bool is_short)
{
	const struct option *o;

	print_usage_lines(stderr, usage);
	fputc('\n', stderr);
	for (o = opts; o->type != OPTION_END; o++) {
		if (is_short) {
			if (o->short_name == *optstr)
				break;
			continue;
		}
		if (!o->long_name)
			continue;
		if (strncmp(optstr, o->long_name, strlen(o->long_name)) == 0)
			break;
		if (strncmp(optstr, "no-", 3) == 0 &&
				strncmp(optstr + 3, o->long_name, strlen(o->long_name)) == 0)
			break;
	}
	if (o->type != OPTION_END)
		print_option_help(stderr, o);
}

/* "-json" for "--json": upstream refuses it rather than guess. */
static bool is_typo(const char *bundle, const struct option *opts)
{
	size_t len = strlen(bundle);
	bool typo = len >= 3 && strncmp(bundle, "no-", 3) == 0;

	for (const struct option *o = opts; len >= 3 && !typo && o->type != OPTION_END; o++)
		typo = o->long_name && strncmp(o->long_name, bundle, len) == 0;
	if (typo)
		opt_error("did you mean `--%s` (with two dashes ?)", bundle);
	return typo;
}

static enum step parse_bundle(struct parser *p, const char *arg,
		const char *const *usage)
{
	const char *at = arg + 1;
	bool first = true;

	p->opt = at;
	while (p->opt) {
		int rc;

		if (*p->opt == 'h')
			return STEP_HELP;
		at = p->opt;
		rc = parse_short(p);
		if (rc == -1) {
			print_option_usage(usage, p->opts, at, true);
			return STEP_FAILED;
		}
		if (rc == -2) {
			p->unknown_short = *at;
			return STEP_UNKNOWN;
		}
		if (first && p->opt && is_typo(arg + 1, p->opts))
			return STEP_TYPO;
		first = false;
	}
	return STEP_DONE;
}

static enum step parse_step(struct parser *p, const char *const *usage)
{
	for (; p->argc; p->argc--, p->argv++) {
		const char *arg = p->argv[0];
		enum step st;
		int rc;

		if (arg[0] != '-' || !arg[1]) {
			if (p->flags & PARSE_OPT_STOP_AT_NON_OPTION)
				break;
			p->out[p->nout++] = p->argv[0];
			continue;
		}
		if (arg[1] != '-') {
			st = parse_bundle(p, arg, usage);
			if (st != STEP_DONE)
				return st;
			continue;
		}
		if (!arg[2]) {	/* "--" */
			if (!(p->flags & PARSE_OPT_KEEP_DASHDASH)) {
				p->argc--;
				p->argv++;
			}
			break;
		}
		if (strcmp(arg + 2, "help") == 0 || strcmp(arg + 2, "help-all") == 0)
			return STEP_HELP;
		if (strcmp(arg + 2, "list-opts") == 0)
			return STEP_LIST_OPTS;
		if (strcmp(arg + 2, "list-cmds") == 0)
			return STEP_LIST_CMDS;
		p->opt = NULL;
		rc = parse_long(p, arg + 2);
		if (rc == -1) {
			print_option_usage(usage, p->opts, arg + 2, false);
			return STEP_FAILED;
		}
		if (rc == -2) {
			p->unknown = arg + 2;
			return STEP_UNKNOWN;
		}
	}
	return STEP_DONE;
}

static int parse_exit(int status)
{
	return -(PARSE_EXIT_BASE + status);
}

int parse_options_exit(int rc)
{
	return rc < 0 ? -rc - PARSE_EXIT_BASE : 0;
}

/* Stop with the exit status st calls for; the messages it needs. */
static int finish_step(const struct parser *p, enum step st,
		const char *const *usage)
{
	switch (st) {
	case STEP_HELP:
		print_usage_with_options(stderr, usage, p->opts);
		return parse_exit(129);
	case STEP_LIST_OPTS:
		for (const struct option *o = p->opts; o->type != OPTION_END; o++)
			if (o->long_name)
				printf("--%s ", o->long_name);
		return parse_exit(130);
	case STEP_LIST_CMDS:
		return parse_exit(130);
	case STEP_UNKNOWN:
		if (p->unknown)
			opt_error("unknown option `%s'", p->unknown);
		else
			opt_error("unknown switch `%c'", p->unknown_short);
		print_usage_with_options(stderr, usage, p->opts);
		return parse_exit(129);
	default:
		return parse_exit(129);
	}
}

int parse_options(int argc, char **argv, const struct option *opts,
		const char *const *usage, int flags)
{
	struct parser p = {
		.argc = argc - 1,
		.argv = argv + 1,
		.out = argv,
		.nout = (flags & PARSE_OPT_KEEP_ARGV0) ? 1 : 0,
		.opts = opts,
		.flags = flags,
	};
	enum step st;

	if (argc > 1 && strcmp(argv[1], "--help") == 0) {
		print_usage_with_options(stdout, usage, opts);
		return parse_exit(0);
	}
	st = parse_step(&p, usage);
	if (st != STEP_DONE)
		return finish_step(&p, st, usage);
	memmove(p.out + p.nout, p.argv, p.argc * sizeof(*p.out));
	p.out[p.nout + p.argc] = NULL;
	return p.nout + p.argc;
}
