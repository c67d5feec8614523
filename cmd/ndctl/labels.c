// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <json-c/json.h>
#include "util/json.h"
#include "util/size.h"
#include "builtin.h"
#include "labels.h"

/*
 * read-labels, write-labels, zero-labels, init-labels, check-labels: the
 * upstream commands and options, on DIMMs (/dev/nmemN) or on files (a raw
 * label area or a QEMU backend file). Every argument is resolved and opened,
 * and every write checked (idle DIMM, fitting input) before anything is
 * written, so bad input changes nothing.
 */

enum {
	OPT_LABEL_SIZE = 0x100,
	OPT_ALL_SLOTS,
	OPT_REPAIR,
};

struct label_opts {
	bool json, human, index_only, all_slots, force, verbose, repair;
	const char *output, *input, *version, *bus;
	uint64_t size, offset, label_size;
	bool size_set, offset_set;
};

struct label_cmd {
	const char *name;
	const char *shorts;	/* the short options this command takes */
	const int *longs;	/* long-only options it takes, 0-terminated */
	const char *usage;
	const char *done;	/* "read", "initialized", ... for the final count */
};

static const struct option all_options[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "human", no_argument, NULL, 'u' },
	{ "index", no_argument, NULL, 'I' },
	{ "output", required_argument, NULL, 'o' },
	{ "input", required_argument, NULL, 'i' },
	{ "size", required_argument, NULL, 's' },
	{ "offset", required_argument, NULL, 'O' },
	{ "force", no_argument, NULL, 'f' },
	{ "label-version", required_argument, NULL, 'V' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "bus", required_argument, NULL, 'b' },
	{ "help", no_argument, NULL, 'h' },
	{ "label-size", required_argument, NULL, OPT_LABEL_SIZE },
	{ "all-slots", no_argument, NULL, OPT_ALL_SLOTS },
	{ "repair", no_argument, NULL, OPT_REPAIR },
	{ NULL, 0, NULL, 0 },
};

#define TARGETS "<nmemN|all|FILE>..."
#define FILE_HELP \
	"  A FILE is a raw label area or a QEMU memory-backend-file (its label area is\n" \
	"  found at its end); an argument with '/' or naming an existing file is a FILE.\n" \
	"      --label-size=SIZE  label area size at the end of FILE (default: detect)\n" \
	"  -b, --bus=BUS          only DIMMs on BUS (ndbusN, N or its provider, e.g. ACPI.NFIT)\n" \
	"  -v, --verbose          more detail\n"
#define EXTENT_HELP \
	"  -s, --size=SIZE        limit to SIZE bytes (default: the whole area)\n" \
	"  -O, --offset=OFFSET    start OFFSET bytes into the label area\n"

static bool takes_long(const struct label_cmd *c, int opt)
{
	const int *p;

	for (p = c->longs; p && *p; p++)
		if (*p == opt)
			return true;
	return opt == OPT_LABEL_SIZE;
}

static int parse_num(const struct label_cmd *c, const char *what, const char *arg, uint64_t *out)
{
	if (parse_size(arg, out) == 0)
		return 0;
	return usage_error("ndctl", c->name, "invalid %s '%s': give bytes, e.g. 4096, 0x1000 or 128K", what, arg);
}

static int apply_opt(const struct label_cmd *c, struct label_opts *o, int opt)
{
	switch (opt) {
	case 'j': o->json = true; return 0;
	case 'u': o->human = true; return 0;
	case 'I': o->index_only = true; return 0;
	case 'f': o->force = true; return 0;
	case 'v': o->verbose = true; return 0;
	case 'o': o->output = optarg; return 0;
	case 'i': o->input = optarg; return 0;
	case 'V': o->version = optarg; return 0;
	case 'b': o->bus = optarg; return 0;
	case OPT_ALL_SLOTS: o->all_slots = true; return 0;
	case OPT_REPAIR: o->repair = true; return 0;
	case 's': o->size_set = true; return parse_num(c, "size", optarg, &o->size);
	case 'O': o->offset_set = true; return parse_num(c, "offset", optarg, &o->offset);
	case OPT_LABEL_SIZE:
		if (parse_num(c, "label size", optarg, &o->label_size))
			return 1;
		if (o->label_size < LABEL_AREA_MIN)
			return usage_error("ndctl", c->name,
				"--label-size %s is too small for two index blocks and two labels: give at least %u (QEMU uses 128K or more)",
				optarg, LABEL_AREA_MIN);
		return 0;
	default:
		return 1;
	}
}

/* Returns the index of the first argument, or -1 after printing help (*rc 0) or an error (*rc 1). */
static int parse_opts(const struct label_cmd *c, int argc, char **argv, struct label_opts *o, int *rc)
{
	char shorts[32];
	int opt;

	snprintf(shorts, sizeof(shorts), "+%sh", c->shorts);
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, shorts, all_options, NULL)) != -1) {
		if (opt == 'h') {
			fputs(c->usage, stdout);
			*rc = 0;
			return -1;
		}
		if (opt == '?' || (opt >= 0x100 && !takes_long(c, opt))) {
			*rc = usage_error("ndctl", c->name, "unknown option '%s': see 'ndctl %s --help'",
				argv[optind - 1], c->name);
			return -1;
		}
		if (opt == ':' || apply_opt(c, o, opt)) {
			*rc = 1;
			return -1;
		}
	}
	if (optind >= argc) {
		*rc = usage_error("ndctl", c->name, "name a DIMM (nmemN), 'all' or a label file: see 'ndctl %s --help'",
			c->name);
		return -1;
	}
	return optind;
}

/* Resolve and open every target; on failure everything is closed and 1 returned. */
static int open_targets(struct ndctl_ctx *ctx, const struct label_cmd *c, const struct label_opts *o,
		char **args, int nargs, bool writable, struct label_target **tg, unsigned *n)
{
	unsigned i;

	label_log_to_cmd(ctx, c->name);
	if (label_targets_resolve(ctx, c->name, args, nargs, o->bus, tg, n) < 0)
		return 1;
	for (i = 0; i < *n; i++) {
		if (label_target_open(ctx, c->name, &(*tg)[i], o->label_size, writable) < 0) {
			label_targets_free(*tg, *n);
			*tg = NULL;
			*n = 0;
			return 1;
		}
	}
	return 0;
}

static void print_count(const struct label_cmd *c, unsigned count)
{
	fprintf(stderr, "%s %u nmem%s\n", c->done, count, count == 1 ? "" : "s");
}

/* The extent -s/-O select, checked against every target's area. */
static int check_extent(const struct label_cmd *c, const struct label_opts *o,
		const struct label_target *tg, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		uint64_t area = ndctl_lsa_xport_size(tg[i].t);

		if (o->offset > area || (o->size_set && o->size > area - o->offset)) {
			fprintf(stderr, "ndctl %s: %s: offset %#llx + size %#llx is past the end of its %llu-byte label area: give a smaller -s/-O\n",
				c->name, tg[i].dev, (unsigned long long)o->offset,
				(unsigned long long)o->size, (unsigned long long)area);
			return 1;
		}
	}
	return 0;
}

static uint64_t extent_len(const struct label_opts *o, const struct label_target *tg)
{
	uint64_t area = ndctl_lsa_xport_size(tg->t);

	return o->size_set && o->size ? o->size : area - o->offset;
}

static int report_xport(const struct label_cmd *c, const struct label_target *tg, int rc)
{
	/* transport errors were logged as they happened; anything else is said here */
	if (!ndctl_lsa_xport_errmsg(tg->t)[0])
		fprintf(stderr, "ndctl %s: %s: %s\n", c->name, tg->dev, strerror(-rc));
	return 1;
}

/* ---------------------------------------------------------------- read-labels */

static const int read_longs[] = { OPT_ALL_SLOTS, 0 };
static const struct label_cmd read_cmd = {
	"read-labels", "juIo:s:O:b:v", read_longs,
	"usage: ndctl read-labels " TARGETS " [options]\n"
	"Dump label areas: raw bytes (to stdout or -o FILE) or, with -j, decoded.\n"
	"  -j, --json             decode: index blocks and the labels in use\n"
	"  -u, --human            hex and human sizes in JSON\n"
	"  -I, --index            only the index blocks\n"
	"      --all-slots        with -j, also stale labels in free slots (\"active\": false)\n"
	"  -o, --output=FILE      write to FILE instead of stdout\n"
	EXTENT_HELP FILE_HELP
	"With -j only the index blocks and in-use slots are read.\n",
	"read",
};

static int read_raw(const struct label_opts *o, struct label_target *tg, FILE *out)
{
	uint64_t off = o->offset, len = extent_len(o, tg);
	struct ndctl_lsa *lsa;
	uint8_t *buf;
	int rc;

	if (o->index_only && !o->size_set) {
		rc = ndctl_lsa_load(tg->t, 0, &lsa);
		if (rc < 0)
			return rc;
		len = ndctl_lsa_valid(lsa) ? 2 * (uint64_t)ndctl_lsa_isz(lsa) : 512;
		len = len > off ? len - off : 0;
		ndctl_lsa_free(lsa);
	}
	buf = malloc(len ? len : 1);
	if (!buf)
		return -ENOMEM;
	rc = ndctl_lsa_xport_read(tg->t, off, buf, len);
	if (rc == 0 && fwrite(buf, 1, len, out) != len)
		rc = -EIO;
	free(buf);
	return rc;
}

static int read_json(const struct label_opts *o, struct label_target *tg, struct json_object *all)
{
	unsigned flags = (o->human ? NDCTL_LSA_JSON_HUMAN : 0) |
		(o->index_only ? NDCTL_LSA_JSON_INDEX_ONLY : 0) |
		(o->all_slots ? NDCTL_LSA_JSON_ALL_SLOTS : 0);
	struct json_object *j;
	struct ndctl_lsa *lsa;
	int rc = ndctl_lsa_load(tg->t, o->all_slots ? NDCTL_LSA_LOAD_FULL : 0, &lsa);

	if (rc < 0)
		return rc;
	j = ndctl_lsa_dump_json(lsa, tg->dev, flags);
	ndctl_lsa_free(lsa);
	if (!j)
		return -ENOMEM;
	json_object_array_add(all, j);
	return 0;
}

static int read_checks(const struct label_opts *o, FILE *out)
{
	if (o->json && (o->size_set || o->offset_set))
		return usage_error("ndctl", read_cmd.name, "-s/-O select raw bytes: drop them with -j");
	if (o->all_slots && !o->json)
		return usage_error("ndctl", read_cmd.name, "--all-slots only applies to -j");
	if (!o->json && isatty(fileno(out)))
		return usage_error("ndctl", read_cmd.name,
			"raw label bytes would go to a terminal: give -o FILE, redirect stdout, or use -j");
	return 0;
}

static FILE *open_output(const struct label_opts *o)
{
	FILE *f;

	if (!o->output)
		return stdout;
	f = fopen(o->output, "w");
	if (!f)
		fprintf(stderr, "ndctl read-labels: %s: cannot create: %m: give a writable path to -o\n", o->output);
	return f;
}

static int read_all(const struct label_opts *o, struct label_target *tg, unsigned n, FILE *out)
{
	struct json_object *all = o->json ? json_object_new_array() : NULL;
	unsigned i, count = 0;
	int failed = 0;

	for (i = 0; i < n; i++) {
		int rc = o->json ? read_json(o, &tg[i], all) : read_raw(o, &tg[i], out);

		if (rc < 0)
			failed = report_xport(&read_cmd, &tg[i], rc);
		else
			count++;
	}
	if (all && count)
		util_json_print(out, count == 1 ? json_object_array_get_idx(all, 0) : all);
	json_object_put(all);
	print_count(&read_cmd, count);
	return failed;
}

int cmd_read_labels(int argc, char **argv, void *ctx)
{
	struct label_opts o = { 0 };
	struct label_target *tg;
	unsigned n;
	FILE *out;
	int first, rc;

	first = parse_opts(&read_cmd, argc, argv, &o, &rc);
	if (first < 0)
		return rc;
	if (o.index_only && o.all_slots)
		return usage_error("ndctl", read_cmd.name, "-I prints no labels: drop --all-slots or -I");
	if (open_targets(ctx, &read_cmd, &o, argv + first, argc - first, false, &tg, &n) ||
			check_extent(&read_cmd, &o, tg, n))
		return 1;
	out = open_output(&o);
	rc = !out || read_checks(&o, out);
	if (!rc)
		rc = read_all(&o, tg, n, out);
	if (out && out != stdout && fclose(out) != 0)
		rc = 1;
	label_targets_free(tg, n);
	return rc;
}

/* ---------------------------------------------------------------- write-labels */

static const struct label_cmd write_cmd = {
	"write-labels", "i:s:O:b:v", NULL,
	"usage: ndctl write-labels <nmemN|FILE> -i INPUT [options]\n"
	"Write raw label-area bytes (as read-labels dumps them) to one DIMM or file.\n"
	"  -i, --input=INPUT      the bytes to write (default: stdin)\n"
	EXTENT_HELP FILE_HELP
	"A DIMM must be idle (its regions disabled); it is re-enabled afterwards so the\n"
	"kernel rereads its labels.\n",
	"wrote",
};

static uint8_t *slurp(FILE *f, size_t *len)
{
	size_t cap = 1 << 16, n = 0;
	uint8_t *buf = malloc(cap), *nb;
	size_t got;

	while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			nb = realloc(buf, cap *= 2);
			if (!nb)
				free(buf);
			buf = nb;
		}
	}
	if (buf && ferror(f)) {
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

static uint8_t *read_input(const struct label_opts *o, size_t *len)
{
	FILE *f = o->input ? fopen(o->input, "r") : stdin;
	uint8_t *buf;

	if (!f) {
		fprintf(stderr, "ndctl write-labels: %s: cannot open: %m: give a readable file to -i\n", o->input);
		return NULL;
	}
	buf = slurp(f, len);
	if (!buf)
		fprintf(stderr, "ndctl write-labels: %s: cannot read: %m\n", o->input ? o->input : "stdin");
	if (f != stdin)
		fclose(f);
	return buf;
}

/* -s limits how much of the input is written, as upstream. */
static int write_checks(const struct label_opts *o, const struct label_target *tg, size_t *plen)
{
	uint64_t room = extent_len(o, tg);
	size_t len = *plen;

	if (o->size_set && o->size && len > o->size)
		len = *plen = (size_t)o->size;

	if (len == 0) {
		fprintf(stderr, "ndctl write-labels: %s is empty: give a label-area dump to -i\n",
			o->input ? o->input : "stdin");
		return 1;
	}
	if (len > room) {
		fprintf(stderr, "ndctl write-labels: the input (%zu bytes) is larger than %s's label area from offset %#llx (%llu bytes): give a dump of this area or a larger -s\n",
			len, tg->dev, (unsigned long long)o->offset, (unsigned long long)room);
		return 1;
	}
	return 0;
}

static int write_locked(struct label_target *tg, uint64_t off, const void *buf, size_t len)
{
	int rc = ndctl_lsa_xport_lock(tg->t);

	if (rc == 0)
		rc = ndctl_lsa_xport_write(tg->t, off, buf, len);
	ndctl_lsa_xport_unlock(tg->t);
	return rc;
}

int cmd_write_labels(int argc, char **argv, void *ctx)
{
	struct label_opts o = { 0 };
	struct label_target *tg = NULL;
	uint8_t *buf = NULL;
	unsigned n = 0, count = 0;
	size_t len = 0;
	int first, rc;

	first = parse_opts(&write_cmd, argc, argv, &o, &rc);
	if (first < 0)
		return rc;
	if (argc - first != 1 || strcmp(argv[first], "all") == 0)
		return usage_error("ndctl", write_cmd.name, "write-labels writes one DIMM or file: name exactly one");
	if (!o.input && isatty(STDIN_FILENO))
		return usage_error("ndctl", write_cmd.name, "give the bytes to write with -i FILE (or on stdin)");
	rc = open_targets(ctx, &write_cmd, &o, argv + first, 1, true, &tg, &n) ||
		check_extent(&write_cmd, &o, tg, n);
	if (!rc)
		buf = read_input(&o, &len);
	rc = rc || !buf || write_checks(&o, tg, &len);
	if (!rc) {
		int wrc = write_locked(tg, o.offset, buf, len);

		rc = wrc < 0 ? report_xport(&write_cmd, tg, wrc) : label_target_revalidate(tg) < 0;
		count = wrc == 0;
	}
	if (n)
		print_count(&write_cmd, count);
	free(buf);
	label_targets_free(tg, n);
	return rc;
}

/* ---------------------------------------------------------------- zero-labels */

static const struct label_cmd zero_cmd = {
	"zero-labels", "s:O:b:v", NULL,
	"usage: ndctl zero-labels " TARGETS " [options]\n"
	"Zero label areas (or the -s/-O extent): DIMMs become label-less.\n"
	EXTENT_HELP FILE_HELP
	"A DIMM must be idle (its regions disabled); it is re-enabled afterwards.\n",
	"zeroed",
};

static int zero_one(const struct label_opts *o, struct label_target *tg)
{
	uint64_t len = extent_len(o, tg);
	uint8_t *zeros = calloc(1, len ? len : 1);
	int rc;

	if (!zeros)
		return -ENOMEM;
	rc = write_locked(tg, o->offset, zeros, len);
	free(zeros);
	return rc;
}

/* Run fn on every target, count successes, print the count; 0 when all succeeded. */
static int for_each_write(const struct label_cmd *c, const struct label_opts *o,
		struct label_target *tg, unsigned n,
		int (*fn)(const struct label_opts *o, struct label_target *tg))
{
	unsigned i, count = 0;
	int failed = 0;

	for (i = 0; i < n; i++) {
		int rc = fn(o, &tg[i]);

		if (rc < 0) {
			failed = report_xport(c, &tg[i], rc);
			continue;
		}
		failed |= label_target_revalidate(&tg[i]) < 0;
		count++;
	}
	print_count(c, count);
	return failed;
}

int cmd_zero_labels(int argc, char **argv, void *ctx)
{
	struct label_opts o = { 0 };
	struct label_target *tg;
	unsigned n;
	int first, rc;

	first = parse_opts(&zero_cmd, argc, argv, &o, &rc);
	if (first < 0)
		return rc;
	if (open_targets(ctx, &zero_cmd, &o, argv + first, argc - first, true, &tg, &n))
		return 1;
	rc = check_extent(&zero_cmd, &o, tg, n);
	if (!rc)
		rc = for_each_write(&zero_cmd, &o, tg, n, zero_one);
	label_targets_free(tg, n);
	return rc;
}

/* ---------------------------------------------------------------- init-labels */

static const struct label_cmd init_cmd = {
	"init-labels", "fV:b:v", NULL,
	"usage: ndctl init-labels " TARGETS " [options]\n"
	"Write two empty index blocks (all slots free), as the kernel does.\n"
	"  -f, --force            overwrite an area that already has a valid index\n"
	"  -V, --label-version=V  1.1 (128-byte labels) or 1.2 (256-byte labels);\n"
	"                         default 1.2, what the kernel writes itself (upstream\n"
	"                         ndctl defaults to 1.1)\n"
	FILE_HELP
	"A DIMM must be idle (its regions disabled); it is re-enabled afterwards.\n",
	"initialized",
};

static unsigned parse_version(const char *v)
{
	if (!v || !strcmp(v, "1.2") || !strcmp(v, "v1.2"))
		return 256;
	if (!strcmp(v, "1.1") || !strcmp(v, "v1.1"))
		return 128;
	return 0;
}

/* Refuse before writing anything: an initialized area without -f, an area too small. */
static int init_checks(const struct label_opts *o, struct label_target *tg, unsigned n, unsigned L)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		struct ndctl_lsa *lsa;
		bool valid;
		int rc = ndctl_lsa_load(tg[i].t, 0, &lsa);

		if (rc < 0)
			return report_xport(&init_cmd, &tg[i], rc);
		valid = ndctl_lsa_valid(lsa);
		ndctl_lsa_free(lsa);
		if (valid && !o->force) {
			fprintf(stderr, "ndctl init-labels: %s: labels already initialized: use -f to overwrite them (this loses every namespace on it)\n",
				tg[i].dev);
			return 1;
		}
		if (ndctl_lsa_xport_size(tg[i].t) < 2 * 256 + 2 * (uint64_t)L) {
			fprintf(stderr, "ndctl init-labels: %s: %llu bytes cannot hold v1.%d index blocks and two labels: use -V 1.1 or a larger area\n",
				tg[i].dev, (unsigned long long)ndctl_lsa_xport_size(tg[i].t), L == 256 ? 2 : 1);
			return 1;
		}
	}
	return 0;
}

static int init_one(const struct label_opts *o, struct label_target *tg)
{
	return ndctl_lsa_init(tg->t, parse_version(o->version), NULL);
}

int cmd_init_labels(int argc, char **argv, void *ctx)
{
	struct label_opts o = { 0 };
	struct label_target *tg;
	unsigned n, L;
	int first, rc;

	first = parse_opts(&init_cmd, argc, argv, &o, &rc);
	if (first < 0)
		return rc;
	L = parse_version(o.version);
	if (!L)
		return usage_error("ndctl", init_cmd.name, "'%s' is not a label version: use 1.1 or 1.2", o.version);
	if (open_targets(ctx, &init_cmd, &o, argv + first, argc - first, true, &tg, &n))
		return 1;
	rc = init_checks(&o, tg, n, L);
	if (!rc)
		rc = for_each_write(&init_cmd, &o, tg, n, init_one);
	label_targets_free(tg, n);
	return rc;
}

/* ---------------------------------------------------------------- check-labels */

static const int check_longs[] = { OPT_REPAIR, 0 };
static const struct label_cmd check_cmd = {
	"check-labels", "b:v", check_longs,
	"usage: ndctl check-labels " TARGETS " [options]\n"
	"Validate label areas deeply: both index blocks, every in-use label, overlaps,\n"
	"positions, cookies. Fails when a DIMM has no valid index or an error finding.\n"
	"      --repair           rewrite a torn (invalid) index block from the current one\n"
	FILE_HELP,
	"successfully verified",
};

static void print_findings(const struct label_target *tg, const struct ndctl_lsa_finding *f,
		unsigned nf, bool verbose)
{
	unsigned i;

	for (i = 0; i < nf; i++)
		if (verbose || f[i].severity != NDCTL_LSA_INFO)
			fprintf(stderr, "%s: %s: %s [%s]\n", tg->dev, ndctl_lsa_severity_name(f[i].severity),
				f[i].msg, f[i].id);
}

static int repair_one(struct ndctl_lsa *lsa, struct label_target *tg)
{
	int rc;

	if (!ndctl_lsa_valid(lsa) || (ndctl_lsa_index_valid(lsa, 0) && ndctl_lsa_index_valid(lsa, 1)))
		return 0;
	rc = ndctl_lsa_repair(lsa, tg->t);
	if (rc < 0) {
		report_xport(&check_cmd, tg, rc);
		return -1;
	}
	fprintf(stderr, "%s: repaired the invalid index block\n", tg->dev);
	return label_target_revalidate(tg) < 0 ? -1 : 0;
}

/* 0: the area passes; 1: it does not (or could not be read or repaired). */
static int check_one(const struct label_opts *o, struct label_target *tg)
{
	struct ndctl_lsa_finding *f = NULL;
	struct ndctl_lsa *lsa;
	unsigned nf = 0;
	int errors, rc = ndctl_lsa_load(tg->t, 0, &lsa);

	if (rc < 0)
		return report_xport(&check_cmd, tg, rc);
	if (o->repair && repair_one(lsa, tg) < 0) {
		ndctl_lsa_free(lsa);
		return 1;
	}
	errors = ndctl_lsa_validate(lsa, NULL, &f, &nf);
	ndctl_lsa_free(lsa);
	if (errors < 0) {
		fprintf(stderr, "ndctl check-labels: out of memory\n");
		return 1;
	}
	print_findings(tg, f, nf, o->verbose);
	free(f);
	return errors > 0;
}

int cmd_check_labels(int argc, char **argv, void *ctx)
{
	struct label_opts o = { 0 };
	struct label_target *tg;
	unsigned n, i, count = 0;
	int first, rc, failed = 0;

	first = parse_opts(&check_cmd, argc, argv, &o, &rc);
	if (first < 0)
		return rc;
	if (open_targets(ctx, &check_cmd, &o, argv + first, argc - first, o.repair, &tg, &n))
		return 1;
	for (i = 0; i < n; i++) {
		int bad = check_one(&o, &tg[i]);

		failed |= bad;
		count += !bad;
	}
	print_count(&check_cmd, count);
	label_targets_free(tg, n);
	return failed;
}
