/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_CMD_NDCTL_LABEL_CMD_H
#define NDKIT_CMD_NDCTL_LABEL_CMD_H
/*
 * The label commands' shared frame (labels.c): their options, the one
 * option parser, opening every target before anything is written, the
 * final count and upstream's exit status. check-labels.c and labels.c
 * build on it.
 */
#include <stdbool.h>
#include <stdint.h>
#include "labels.h"
#include "../common/parse-options.h"

struct label_opts {
	bool json, human, index_only, all_slots, force, verbose, repair, strict;
	const char *output, *input, *version, *bus;
	uint64_t size, offset, label_size;
	bool size_set, offset_set;
	unsigned lock_flags;	/* --wait: NDCTL_LSA_WAIT_SECONDS(n); 0: the default wait */
};

struct label_cmd {
	const char *name;
	const struct option *opts;
	const char *const *usage;
	const char *done;	/* "read", "initialized", ... for the final count */
	const char *counted;	/* "nmem", or check-labels' "nmem label" */
};

extern struct label_opts lopts;	/* where the option tables store */

int label_size_cb(const struct option *opt, const char *arg, int unset);
int label_wait_cb(const struct option *opt, const char *arg, int unset);

/* Upstream's options, then ndkit's (how long to wait for the area's lock). */
#define BASE_OPTIONS() \
	OPT_STRING('b', "bus", &lopts.bus, "bus-id", \
		"<nmem> must be on a bus with an id/provider of <bus-id>"), \
	OPT_BOOLEAN('v', "verbose", &lopts.verbose, "turn on debug"), \
	OPT_CALLBACK(0, "wait", NULL, "seconds", \
		"ndkit: wait up to <seconds> for another label command on the area (default 10, 0: fail at once)", \
		label_wait_cb)
#define FILE_OPTIONS() \
	OPT_CALLBACK(0, "label-size", NULL, "size", \
		"ndkit: label area size at the end of a FILE (default: detect)", label_size_cb)
#define FILE_USAGE "", \
	"ndkit: an <nmem> may also be a FILE: a raw label area or a QEMU", \
	"memory-backend-file (its label area at its end); an argument with '/'", \
	"or naming an existing file is a FILE."

/*
 * 0 to go on with the arguments left in argv[0..*argc); else the command
 * ends: with parse_options()'s stop code (< 0, see label_cmd_end()) or a status.
 */
int label_parse_opts(const struct label_cmd *c, int *argc, char **argv, struct label_opts *o);
/* Usage error (129) for no argument or a bad name; 0 otherwise. */
int label_check_names(const struct label_cmd *c, int argc, char **argv);
/* The status for label_parse_opts()'s or label_check_names()'s non-zero return. */
int label_cmd_end(int rc);
/* Upstream's status: failure only when nothing was done. */
int label_status(unsigned count, bool failed);
/* "<done> N <counted>[s]" on standard error, upstream's last line. */
void label_print_count(const struct label_cmd *c, unsigned count);
/* Resolve and open every target; on failure everything is closed and 1 returned. */
int label_open_targets(struct ndctl_ctx *ctx, const struct label_cmd *c,
		const struct label_opts *o, char **args, int nargs, bool writable,
		struct label_target **tg, unsigned *n);
/* Report a failed transport operation on tg; returns 1 (the target failed). */
int label_report_xport(const struct label_cmd *c, const struct label_target *tg, int rc);
/* As label_report_xport(), and after a failed write what the area holds now; 1. */
int label_report_write(const struct label_cmd *c, struct label_target *tg, int rc);

#endif
