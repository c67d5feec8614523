// SPDX-License-Identifier: GPL-2.0-only
/*
 * The shared option parser against upstream ndctl's behaviour: each case
 * runs parse_options() on a table shaped like upstream's read-labels and
 * list tables, with stdout and stderr caught, and checks the return, the
 * arguments left, the values stored and the exact texts upstream prints
 * (taken from Debian's ndctl 76.1).
 */
#include <stdlib.h>
#include <unistd.h>
#include "common/parse-options.h"
#include "../test.h"

struct vals {
	const char *bus, *output;
	bool json, human, index, verbose, force_set, force;
	int incr;
	uint64_t size;
	unsigned int offset;
	int cb_calls;
	const char *cb_arg;
};

static struct vals v;

static int record_cb(const struct option *opt, const char *arg, int unset)
{
	(void)opt;
	v.cb_calls++;
	v.cb_arg = unset ? "unset" : arg;
	return arg && strcmp(arg, "bad") == 0 ? opt_error("bad value") : 0;
}

static const char *const labels_usage[] = {
	"ndctl read-labels <nmem0> [<nmem1>..<nmemN>] [-o <filename>]", NULL
};

static const struct option labels_opts[] = {
	OPT_STRING('b', "bus", &v.bus, "bus-id",
		"<nmem> must be on a bus with an id/provider of <bus-id>"),
	OPT_BOOLEAN('v', "verbose", &v.verbose, "turn on debug"),
	OPT_U64('s', "size", &v.size, "number of label bytes to operate"),
	OPT_UINTEGER('O', "offset", &v.offset, "offset into the label area to start operation"),
	OPT_FILENAME('o', "output", &v.output, "output-file",
		"filename to write label area contents"),
	OPT_BOOLEAN('j', "json", &v.json, "parse label data into json"),
	OPT_BOOLEAN('u', "human", &v.human, "use human friendly number formats (implies --json)"),
	OPT_BOOLEAN('I', "index", &v.index, "limit read to the index block area"),
	OPT_END(),
};

static const char labels_help[] =
"\n usage: ndctl read-labels <nmem0> [<nmem1>..<nmemN>] [-o <filename>]\n"
"\n"
"    -b, --bus <bus-id>    <nmem> must be on a bus with an id/provider of <bus-id>\n"
"    -v, --verbose         turn on debug\n"
"    -s, --size <n>        number of label bytes to operate\n"
"    -O, --offset <n>      offset into the label area to start operation\n"
"    -o, --output <output-file>\n"
"                          filename to write label area contents\n"
"    -j, --json            parse label data into json\n"
"    -u, --human           use human friendly number formats (implies --json)\n"
"    -I, --index           limit read to the index block area\n"
"\n";

static const char *const list_usage[] = { "ndctl list [<options>]", NULL };

static const struct option list_opts[] = {
	OPT_STRING('r', "region", &v.bus, "region-id", "filter by region"),
	OPT_BOOLEAN('R', "regions", &v.json, "include region info"),
	OPT_INCR('v', "verbose", &v.incr, "increase output detail"),
	OPT_BOOLEAN_SET('f', "force", &v.force, &v.force_set, "force"),
	OPT_BOOLEAN(0, "no-autolabel", &v.human, "never label"),
	OPT_CALLBACK('c', "call", NULL, "x", "a callback", record_cb),
	OPT_END(),
};

struct run {
	int rc, argc;
	char *argv[16];
	char line[512];		/* the argv strings point into it */
	char out[4096], err[4096];
};

static void slurp(FILE *f, char *buf, size_t size)
{
	size_t n;

	fflush(f);
	rewind(f);
	n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
}

/* Parse "cmd a b c" (split on spaces) with stdout and stderr caught. */
static struct run *run(const char *line, const struct option *opts,
		const char *const *usage, int flags)
{
	static struct run r;
	char *tok, *save;
	FILE *out = tmpfile(), *err = tmpfile();
	int saved_out = dup(1), saved_err = dup(2);

	memset(&r, 0, sizeof(r));
	memset(&v, 0, sizeof(v));
	snprintf(r.line, sizeof(r.line), "%s", line);
	for (tok = strtok_r(r.line, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
		r.argv[r.argc++] = tok;
	fflush(stdout);
	fflush(stderr);
	dup2(fileno(out), 1);
	dup2(fileno(err), 2);
	r.rc = parse_options(r.argc, r.argv, opts, usage, flags);
	fflush(stdout);
	fflush(stderr);
	dup2(saved_out, 1);
	dup2(saved_err, 2);
	close(saved_out);
	close(saved_err);
	slurp(out, r.out, sizeof(r.out));
	slurp(err, r.err, sizeof(r.err));
	fclose(out);
	fclose(err);
	return &r;
}

static struct run *labels(const char *line)
{
	return run(line, labels_opts, labels_usage, 0);
}

static struct run *list(const char *line)
{
	return run(line, list_opts, list_usage, 0);
}

static void test_anywhere(void)
{
	struct run *r = labels("read-labels nmem0 -j nmem1 -s 4096 --output=f -- -u");

	CHECK_EQ_U64(r->rc, 3);
	CHECK_EQ_STR(r->argv[0], "nmem0");
	CHECK_EQ_STR(r->argv[1], "nmem1");
	CHECK_EQ_STR(r->argv[2], "-u");
	CHECK(r->argv[3] == NULL);
	CHECK(v.json && !v.human);
	CHECK_EQ_U64(v.size, 4096);
	CHECK_EQ_STR(v.output, "f");
	CHECK_EQ_STR(r->err, "");

	r = labels("read-labels -jvs8 -bACPI.NFIT -O 16 --no-json nmem0");
	CHECK_EQ_U64(r->rc, 1);
	CHECK(!v.json && v.verbose);
	CHECK_EQ_U64(v.size, 8);
	CHECK_EQ_U64(v.offset, 16);
	CHECK_EQ_STR(v.bus, "ACPI.NFIT");

	r = labels("read-labels --jso --hum --no-ou x");
	CHECK_EQ_U64(r->rc, 1);
	CHECK(v.json && v.human && v.output == NULL);

	r = run("read-labels nmem0 -j", labels_opts, labels_usage, PARSE_OPT_KEEP_ARGV0);
	CHECK_EQ_U64(r->rc, 2);
	CHECK_EQ_STR(r->argv[0], "read-labels");
	CHECK_EQ_STR(r->argv[1], "nmem0");

	r = run("check nmem0 -j", labels_opts, labels_usage, PARSE_OPT_STOP_AT_NON_OPTION);
	CHECK_EQ_U64(r->rc, 2);
	CHECK_EQ_STR(r->argv[1], "-j");
	CHECK(!v.json);

	r = labels("read-labels - x");	/* a lone "-" is an argument */
	CHECK_EQ_U64(r->rc, 2);
	CHECK_EQ_STR(r->argv[0], "-");
}

static void test_help(void)
{
	struct run *r = labels("read-labels -h");

	CHECK_EQ_U64(parse_options_exit(r->rc), 129);
	CHECK_EQ_STR(r->err, labels_help);
	CHECK_EQ_STR(r->out, "");

	r = labels("read-labels nmem0 -jh");
	CHECK_EQ_U64(parse_options_exit(r->rc), 129);
	CHECK_EQ_STR(r->err, labels_help);

	r = labels("read-labels nmem0 --help");
	CHECK_EQ_U64(parse_options_exit(r->rc), 129);
	CHECK_EQ_STR(r->err, labels_help);

	/* first argument: upstream's man page; ndkit prints the usage there */
	r = labels("read-labels --help");
	CHECK_EQ_U64(parse_options_exit(r->rc), 0);
	CHECK(r->rc < 0);
	CHECK_EQ_STR(r->out, labels_help);
	CHECK_EQ_STR(r->err, "");

	r = labels("read-labels --list-opts");
	CHECK_EQ_U64(parse_options_exit(r->rc), 130);
	CHECK_EQ_STR(r->out, "--bus --verbose --size --offset --output --json --human --index ");

	r = labels("read-labels --list-cmds");
	CHECK_EQ_U64(parse_options_exit(r->rc), 130);
	CHECK_EQ_STR(r->out, "");
}

static void test_errors(void)
{
	struct run *r = labels("read-labels --bogus nmem0");

	CHECK_EQ_U64(parse_options_exit(r->rc), 129);
	CHECK(strncmp(r->err, "  Error: unknown option `bogus'\n", 32) == 0);
	CHECK_EQ_STR(r->err + 32, labels_help);

	r = labels("read-labels -jZ");
	CHECK_EQ_U64(parse_options_exit(r->rc), 129);
	CHECK(strncmp(r->err, "  Error: unknown switch `Z'\n\n usage:", 36) == 0);

	r = labels("read-labels -json");
	CHECK_EQ_U64(parse_options_exit(r->rc), 129);
	CHECK_EQ_STR(r->err, "  Error: did you mean `--json` (with two dashes ?)\n");

	r = labels("read-labels --output");
	CHECK_EQ_U64(parse_options_exit(r->rc), 129);
	CHECK_EQ_STR(r->err, "  Error: option `output' requires a value\n"
		"\n usage: ndctl read-labels <nmem0> [<nmem1>..<nmemN>] [-o <filename>]\n\n"
		"    -o, --output <output-file>\n"
		"                          filename to write label area contents\n");

	r = labels("read-labels nmem0 -s");
	CHECK_EQ_U64(parse_options_exit(r->rc), 129);
	CHECK(strncmp(r->err, "  Error: switch `s' requires a value\n", 37) == 0);
	CHECK(strstr(r->err, "    -s, --size <n>        number of label bytes to operate\n"));

	r = labels("read-labels --json=3 nmem0");
	CHECK(strncmp(r->err, "  Error: option `json' takes no value\n", 38) == 0);
	CHECK_EQ_U64(parse_options_exit(r->rc), 129);

	r = labels("read-labels --no-json=3");
	CHECK(strncmp(r->err, "  Error: option `no-json' takes no value\n", 41) == 0);

	r = labels("read-labels --s x");
	CHECK(strncmp(r->err, "  Error: option `size' expects a numerical value\n", 49) == 0);
	CHECK_EQ_U64(parse_options_exit(r->rc), 129);

	r = list("list --reg");
	CHECK_EQ_U64(parse_options_exit(r->rc), 129);
	CHECK_EQ_STR(r->err, "  Error: Ambiguous option: reg (could be --region or --regions)\n"
		"\n usage: ndctl list [<options>]\n\n");
}

static void test_kinds(void)
{
	struct run *r = list("list -vvv --region=3 --regions");

	CHECK_EQ_U64(r->rc, 0);
	CHECK_EQ_U64(v.incr, 3);
	CHECK_EQ_STR(v.bus, "3");
	CHECK(v.json);

	r = list("list -vv --no-verbose -v");
	CHECK_EQ_U64(v.incr, 1);

	r = list("list --no-force");
	CHECK(!v.force && v.force_set);
	r = list("list");
	CHECK(!v.force && !v.force_set);

	/* a "no-" option: --autolabel negates it, --no-autolabel sets it */
	r = list("list --no-autolabel");
	CHECK(v.human);
	r = list("list --no-autolabel --autolabel");
	CHECK(!v.human);

	r = list("list -c one --call=two");
	CHECK_EQ_U64(v.cb_calls, 2);
	CHECK_EQ_STR(v.cb_arg, "two");
	r = list("list --no-call");
	CHECK_EQ_STR(v.cb_arg, "unset");
	r = list("list -c bad");
	CHECK_EQ_U64(parse_options_exit(r->rc), 129);
	CHECK(strncmp(r->err, "  Error: bad value\n\n usage: ndctl list [<options>]\n\n"
		"    -c, --call <x>        a callback\n", 88) == 0);
}

/* A help of several lines keeps them in the help column; usage text after "" is indented. */
static void test_help_lines(void)
{
	static const char *const usage[] = { "ndctl-qemu plan [<options>]", "", "Prints a plan.",
		NULL };
	static const struct option opts[] = {
		OPT_STRING('n', "nvdimm", &v.bus, "spec", "a DIMM: its size,\nits file"),
		OPT_STRING('s', "hotplug-spares", &v.output, "n", "spares\nfor later"),
		OPT_END(),
	};
	struct run *r = run("plan -h", opts, usage, 0);

	CHECK_EQ_U64(parse_options_exit(r->rc), 129);
	CHECK_EQ_STR(r->err, "\n usage: ndctl-qemu plan [<options>]\n\n    Prints a plan.\n\n"
		"    -n, --nvdimm <spec>   a DIMM: its size,\n"
		"                          its file\n"
		"    -s, --hotplug-spares <n>\n"
		"                          spares\n"
		"                          for later\n\n");
}

int main(void)
{
	test_anywhere();
	test_help();
	test_help_lines();
	test_errors();
	test_kinds();
	return test_done("parse-options");
}
