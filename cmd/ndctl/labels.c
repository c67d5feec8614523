// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <json-c/json.h>
#include <uuid/uuid.h>
#include "util/json.h"
#include "util/size.h"
#include "builtin.h"
#include "../common/parse-options.h"
#include "labels.h"
#include "label-cmd.h"

/*
 * read-labels, write-labels, zero-labels, init-labels (check-labels.c): the
 * upstream commands and options, on DIMMs (/dev/nmemN) or on files (a raw
 * label area or a QEMU backend file). Every argument is resolved and opened,
 * and every write checked (idle DIMM, fitting input) before anything is
 * written, so bad input changes nothing.
 */

struct label_opts lopts;	/* where the option tables store */

static int parse_bytes(const char *what, const char *arg, uint64_t *out)
{
	if (parse_size(arg, out) == 0)
		return 0;
	return opt_error("invalid %s '%s': give bytes, e.g. 4096, 0x1000 or 128K", what, arg);
}

static int size_cb(const struct option *opt, const char *arg, int unset)
{
	lopts.size_set = !unset;
	lopts.size = 0;
	return unset ? 0 : parse_bytes("size", arg, &lopts.size);
}

static int offset_cb(const struct option *opt, const char *arg, int unset)
{
	lopts.offset_set = !unset;
	lopts.offset = 0;
	return unset ? 0 : parse_bytes("offset", arg, &lopts.offset);
}

int label_size_cb(const struct option *opt, const char *arg, int unset)
{
	lopts.label_size = 0;
	if (unset)
		return 0;
	if (parse_bytes("label size", arg, &lopts.label_size))
		return -1;
	if (lopts.label_size < LABEL_AREA_MIN)
		return opt_error("--label-size %s is too small for two index blocks and two labels: give at least %u (QEMU uses 128K or more)",
				arg, LABEL_AREA_MIN);
	return 0;
}

/* --wait=SECONDS (ndkit): 0 fails at once when another label command holds the area. */
int label_wait_cb(const struct option *opt, const char *arg, int unset)
{
	char *end;
	unsigned long s;

	lopts.lock_flags = 0;
	if (unset)
		return 0;
	s = strtoul(arg, &end, 10);
	if (end == arg || *end || arg[0] == '-' || s > NDCTL_LSA_WAIT_MAX_S)
		return opt_error("invalid --wait '%s': give whole seconds, 0 to %u (0: fail at once)",
				arg, NDCTL_LSA_WAIT_MAX_S);
	lopts.lock_flags = NDCTL_LSA_WAIT_SECONDS(s);
	return 0;
}

#define EXTENT_OPTIONS() \
	OPT_CALLBACK('s', "size", NULL, "n", "number of label bytes to operate", size_cb), \
	OPT_CALLBACK('O', "offset", NULL, "n", "offset into the label area to start operation", \
		offset_cb)

/*
 * 0 to go on with the arguments left in argv[0..*argc); else the command
 * ends: with parse_options()'s stop code (< 0, see label_cmd_end()) or a status.
 */
int label_parse_opts(const struct label_cmd *c, int *argc, char **argv, struct label_opts *o)
{
	int n;

	memset(&lopts, 0, sizeof(lopts));
	n = parse_options(*argc, argv, c->opts, c->usage, 0);
	if (n < 0)
		return n;
	*o = lopts;
	*argc = n;
	return 0;
}

/*
 * As upstream: no argument, or none that names a DIMM, is a usage error;
 * ndkit also takes files, and refuses a bad name among good ones (nothing
 * is done then, see docs/differences.md).
 */
int label_check_names(const struct label_cmd *c, int argc, char **argv)
{
	unsigned long id;
	int bad = 0;

	for (int i = 0; i < argc; i++)
		if (strcmp(argv[i], "all") && sscanf(argv[i], "nmem%lu", &id) != 1 &&
				!strchr(argv[i], '/') && access(argv[i], F_OK) != 0) {
			fprintf(stderr, "'%s' is not a valid dimm name\n", argv[i]);
			bad++;
		}
	if (argc == 0 || bad)
		return usage_with_options(c->usage, c->opts);
	return 0;
}

int label_cmd_end(int rc)
{
	return rc < 0 ? parse_options_exit(rc) : rc;
}

/*
 * Upstream's status: failure only when nothing was done. A DIMM that failed a
 * transfer while others succeeded is named on standard error, not in the
 * status: scripts written for upstream read 0 there.
 */
int label_status(unsigned count, bool failed)
{
	return failed && count == 0 ? EXIT_FAILURE : 0;
}

void label_print_count(const struct label_cmd *c, unsigned count)
{
	fprintf(stderr, "%s %u %s%s\n", c->done, count, c->counted, count > 1 ? "s" : "");
}

/* Resolve and open every target; on failure everything is closed and 1 returned. */
int label_open_targets(struct ndctl_ctx *ctx, const struct label_cmd *c, const struct label_opts *o,
		char **args, int nargs, bool writable, struct label_target **tg, unsigned *n)
{
	unsigned i;
	int failed = 0;

	label_log_to_cmd(ctx, c->name);
	if (label_targets_resolve(ctx, c->name, args, nargs, o->bus, tg, n) < 0) {
		label_print_count(c, 0);
		return 1;
	}
	/* every target opened (locked) and checked before anything is written */
	for (i = 0; i < *n; i++)
		if (label_target_open(ctx, c->name, &(*tg)[i], o->label_size, writable,
				o->lock_flags) < 0)
			failed = 1;
	if (failed) {
		label_targets_free(*tg, *n);
		*tg = NULL;
		*n = 0;
		label_print_count(c, 0);
	}
	return failed;
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

int label_report_xport(const struct label_cmd *c, const struct label_target *tg, int rc)
{
	/* transport errors were logged as they happened; anything else is said here */
	if (!ndctl_lsa_xport_errmsg(tg->t)[0])
		fprintf(stderr, "ndctl %s: %s: %s\n", c->name, tg->dev, strerror(-rc));
	return 1;
}

/*
 * After a write to tg failed (rc): how many bytes it took before the failed
 * transfer (counted since the caller reset the counters), that the failed
 * one may or may not have reached the medium (nfit_test's fail_cmd stores it
 * and then fails), and what the area holds now, read back.
 */
int label_report_write(const struct label_cmd *c, struct label_target *tg, int rc)
{
	struct ndctl_lsa_counters n;
	struct ndctl_lsa *lsa;
	int lrc;

	ndctl_lsa_xport_counters(tg->t, &n);
	label_report_xport(c, tg, rc);
	if (rc != -EIO)	/* not a failed transfer: a lock, memory, a read-only area */
		return 1;
	fprintf(stderr, "ndctl %s: %s: %llu bytes were written before the failed transfer, which may or may not have reached the DIMM; nothing after it was written",
		c->name, tg->dev, (unsigned long long)n.bytes_written);
	lrc = ndctl_lsa_load(tg->t, 0, &lsa);
	if (lrc < 0) {
		fprintf(stderr, "; reading the area back failed too: what it holds is not known\n");
		return 1;
	}
	if (ndctl_lsa_valid(lsa))
		fprintf(stderr, "; it now reads as a valid v1.%d label area with %u label%s in use\n",
			ndctl_lsa_version_minor(lsa), ndctl_lsa_label_count(lsa),
			ndctl_lsa_label_count(lsa) == 1 ? "" : "s");
	else
		fprintf(stderr, "; it now has no valid index block (no labels)\n");
	ndctl_lsa_free(lsa);
	return 1;
}

/* ---------------------------------------------------------------- read-labels */

static const char *const read_usage[] = {
	"ndctl read-labels <nmem0> [<nmem1>..<nmemN>] [-o <filename>]", FILE_USAGE, NULL
};
static const struct option read_options[] = {
	BASE_OPTIONS(),
	EXTENT_OPTIONS(),
	OPT_STRING('o', "output", &lopts.output, "output-file", "filename to write label area contents"),
	OPT_BOOLEAN('j', "json", &lopts.json, "parse label data into json"),
	OPT_BOOLEAN('u', "human", &lopts.human, "use human friendly number formats (implies --json)"),
	OPT_BOOLEAN('I', "index", &lopts.index_only, "limit read to the index block area"),
	OPT_BOOLEAN(0, "all-slots", &lopts.all_slots, "ndkit: with -j, also stale labels in free slots (\"active\": false)"),
	FILE_OPTIONS(),
	OPT_END(),
};
static const struct label_cmd read_cmd = {
	"read-labels", read_options, read_usage, "read", "nmem",
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

/* Usage errors, upstream's and ndkit's: 0 or the exit status. */
static int read_checks(const struct label_opts *o)
{
	const char *msg = NULL;

	if (o->json && (o->size || o->offset))
		msg = "--size and --offset are incompatible with --json";
	else if (o->index_only && o->size)
		msg = "pick either --size, or --index, not both";
	else if (o->all_slots && !o->json)
		msg = "--all-slots only applies to -j";
	else if (o->index_only && o->all_slots)
		msg = "-I prints no labels: drop --all-slots or -I";
	else if (!o->json && !o->output && isatty(STDOUT_FILENO))
		msg = "raw label bytes would go to a terminal: give -o FILE, redirect stdout, or use -j";
	if (!msg)
		return 0;
	fprintf(stderr, "%s\n", msg);
	return usage_with_options(read_usage, read_options);
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
			failed = label_report_xport(&read_cmd, &tg[i], rc);
		else
			count++;
	}
	/* as upstream: one DIMM prints as an object only on a terminal */
	if (all && count)
		util_json_print(out, count == 1 && out == stdout && isatty(STDOUT_FILENO) ?
				json_object_array_get_idx(all, 0) : all);
	json_object_put(all);
	label_print_count(&read_cmd, count);
	return label_status(count, failed);
}

int cmd_read_labels(int argc, char **argv, void *ctx)
{
	struct label_opts o = { 0 };
	struct label_target *tg;
	unsigned n;
	FILE *out;
	int rc;

	rc = label_parse_opts(&read_cmd, &argc, argv, &o);
	if (!rc)
		rc = label_check_names(&read_cmd, argc, argv);
	if (!rc)
		rc = read_checks(&o);
	if (rc)
		return label_cmd_end(rc);
	if (label_open_targets(ctx, &read_cmd, &o, argv, argc, false, &tg, &n))
		return EXIT_FAILURE;
	if (check_extent(&read_cmd, &o, tg, n)) {
		label_print_count(&read_cmd, 0);
		label_targets_free(tg, n);
		return EXIT_FAILURE;
	}
	out = open_output(&o);
	rc = out ? read_all(&o, tg, n, out) : EXIT_FAILURE;
	if (out && out != stdout && fclose(out) != 0)
		rc = EXIT_FAILURE;
	label_targets_free(tg, n);
	return rc;
}

/* ---------------------------------------------------------------- write-labels */

static const char *const write_usage[] = {
	"ndctl write-labels <nmem> [-i <filename>]", FILE_USAGE, NULL
};
static const struct option write_options[] = {
	BASE_OPTIONS(),
	EXTENT_OPTIONS(),
	OPT_STRING('i', "input", &lopts.input, "input-file", "filename to read label area data"),
	FILE_OPTIONS(),
	OPT_END(),
};
static const struct label_cmd write_cmd = {
	"write-labels", write_options, write_usage, "wrote", "nmem",
};

/* At most max bytes of f: an endless input (/dev/zero) costs no more than that. */
static uint8_t *slurp(FILE *f, size_t max, size_t *len)
{
	uint8_t *buf = malloc(max ? max : 1);
	size_t n = 0, got;

	while (buf && n < max && (got = fread(buf + n, 1, max - n, f)) > 0)
		n += got;
	if (buf && ferror(f)) {
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

/*
 * Read the input, bounded by what it may fill: the -s size, or the room
 * from the offset to the area's end plus one byte (so that a larger input
 * is seen, and refused, without reading the rest of it).
 */
static uint8_t *read_input(const struct label_opts *o, const struct label_target *tg, size_t *len)
{
	uint64_t max = o->size_set && o->size ? o->size : extent_len(o, tg) + 1;
	FILE *f = o->input ? fopen(o->input, "r") : stdin;
	uint8_t *buf;

	if (!f) {
		fprintf(stderr, "ndctl write-labels: %s: cannot open: %m: give a readable file to -i\n", o->input);
		return NULL;
	}
	buf = slurp(f, (size_t)max, len);
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
		fprintf(stderr, "ndctl write-labels: the input is larger than %s's label area from offset %#llx (%llu bytes): give a dump of this area, or -s to write only its first bytes\n",
			tg->dev, (unsigned long long)o->offset, (unsigned long long)room);
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
	int rc;

	rc = label_parse_opts(&write_cmd, &argc, argv, &o);
	if (!rc)
		rc = label_check_names(&write_cmd, argc, argv);
	if (rc)
		return label_cmd_end(rc);
	if (!o.input && isatty(STDIN_FILENO)) {
		fprintf(stderr, "give the bytes to write with -i FILE (or on stdin)\n");
		return usage_with_options(write_usage, write_options);
	}
	rc = label_open_targets(ctx, &write_cmd, &o, argv, argc, true, &tg, &n);
	if (!rc && n > 1) {
		opt_error("write-labels only supports writing a single dimm\n");
		label_targets_free(tg, n);
		return usage_with_options(write_usage, write_options);
	}
	rc = rc || check_extent(&write_cmd, &o, tg, n);
	if (!rc)
		buf = read_input(&o, tg, &len);
	rc = rc || !buf || write_checks(&o, tg, &len);
	if (!rc) {
		int wrc;

		ndctl_lsa_xport_reset_counters(tg->t);
		wrc = write_locked(tg, o.offset, buf, len);
		rc = wrc < 0 ? label_report_write(&write_cmd, tg, wrc) : label_target_revalidate(tg) < 0;
		count = wrc == 0;
	}
	if (n)	/* else label_open_targets() printed it */
		label_print_count(&write_cmd, count);
	free(buf);
	label_targets_free(tg, n);
	return label_status(count, rc);
}

/* ---------------------------------------------------------------- zero-labels */

static const char *const zero_usage[] = {
	"ndctl zero-labels <nmem0> [<nmem1>..<nmemN>] [<options>]", FILE_USAGE, NULL
};
static const struct option zero_options[] = {
	BASE_OPTIONS(),
	EXTENT_OPTIONS(),
	FILE_OPTIONS(),
	OPT_END(),
};
static const struct label_cmd zero_cmd = {
	"zero-labels", zero_options, zero_usage, "zeroed", "nmem",
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
		int rc;

		ndctl_lsa_xport_reset_counters(tg[i].t);
		rc = fn(o, &tg[i]);
		if (rc < 0) {
			failed = label_report_write(c, &tg[i], rc);
			continue;
		}
		failed |= label_target_revalidate(&tg[i]) < 0;
		count++;
	}
	label_print_count(c, count);
	return label_status(count, failed);
}

int cmd_zero_labels(int argc, char **argv, void *ctx)
{
	struct label_opts o = { 0 };
	struct label_target *tg;
	unsigned n;
	int rc;

	rc = label_parse_opts(&zero_cmd, &argc, argv, &o);
	if (!rc)
		rc = label_check_names(&zero_cmd, argc, argv);
	if (rc)
		return label_cmd_end(rc);
	if (label_open_targets(ctx, &zero_cmd, &o, argv, argc, true, &tg, &n))
		return EXIT_FAILURE;
	rc = check_extent(&zero_cmd, &o, tg, n);
	if (rc)
		label_print_count(&zero_cmd, 0);
	else
		rc = for_each_write(&zero_cmd, &o, tg, n, zero_one);
	label_targets_free(tg, n);
	return rc;
}

/* ---------------------------------------------------------------- init-labels */

static const char *const init_usage[] = {
	"ndctl init-labels <nmem0> [<nmem1>..<nmemN>] [<options>]", FILE_USAGE, NULL
};
static const struct option init_options[] = {
	BASE_OPTIONS(),
	OPT_BOOLEAN('f', "force", &lopts.force,
		"force initialization even if existing index-block present"),
	OPT_STRING('V', "label-version", &lopts.version, "version-number",
		"namespace label specification version (default: 1.1)"),
	FILE_OPTIONS(),
	OPT_END(),
};
static const struct label_cmd init_cmd = {
	"init-labels", init_options, init_usage, "initialized", "nmem",
};

/* Label size of a -V version; upstream's default is 1.1. */
static unsigned parse_version(const char *v)
{
	if (!strcmp(v, "1.2") || !strcmp(v, "v1.2"))
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
			return label_report_xport(&init_cmd, &tg[i], rc);
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
	int rc;

	rc = label_parse_opts(&init_cmd, &argc, argv, &o);
	if (!rc)
		rc = label_check_names(&init_cmd, argc, argv);
	if (rc)
		return label_cmd_end(rc);
	if (!o.version)
		o.version = "1.1";
	L = parse_version(o.version);
	if (!L) {	/* upstream's text, then the fix */
		fprintf(stderr, "'%s' is not a valid label version: use -V 1.1 or -V 1.2\n",
				o.version);
		label_print_count(&init_cmd, 0);
		return EXIT_FAILURE;
	}
	if (label_open_targets(ctx, &init_cmd, &o, argv, argc, true, &tg, &n))
		return EXIT_FAILURE;
	rc = init_checks(&o, tg, n, L);
	if (rc)
		label_print_count(&init_cmd, 0);
	else
		rc = for_each_write(&init_cmd, &o, tg, n, init_one);
	label_targets_free(tg, n);
	return rc;
}

