/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_CMD_NDCTL_LABELS_H
#define NDKIT_CMD_NDCTL_LABELS_H
/*
 * Shared by the label commands (labels.c): what a command argument names
 * (a DIMM or a file, label-target.c); the read-labels JSON is libndctl's.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <ndctl/libndctl.h>

/* Two index blocks of 256 bytes and two 128-byte labels: the smallest usable area. */
#define LABEL_AREA_MIN (2 * 256 + 2 * 128)

struct label_target {
	const char *dev;	/* "nmem0", or the path for a file (points into argv or libndctl) */
	struct ndctl_dimm *dimm;	/* NULL for a file */
	struct ndctl_lsa_xport *t;
};

/*
 * Resolve the command's arguments through libndctl's topology ("all" is
 * every DIMM). With bus set (-b: "ndbusN", "N" or the bus provider), DIMMs
 * on other buses are left out, as upstream does; files stay. Prints a
 * one-line error and returns -1 on an unknown name or when nothing is left.
 */
int label_targets_resolve(struct ndctl_ctx *ctx, const char *cmd, char **args, int nargs,
		const char *bus, struct label_target **out, unsigned *count);
void label_targets_free(struct label_target *tg, unsigned count);

/* libndctl's errors print as "ndctl CMD: ..." (the label commands' one error channel). */
void label_log_to_cmd(struct ndctl_ctx *ctx, const char *cmd);

/*
 * Open the DIMM's label area (refused, -EBUSY, for writing while a region
 * uses it) or the file; a one-line error is printed on failure, and later
 * I/O errors go through the context's log. lock_flags: 0 (the default wait
 * for another holder) or NDCTL_LSA_WAIT_SECONDS(n).
 */
int label_target_open(struct ndctl_ctx *ctx, const char *cmd, struct label_target *tg,
		uint64_t label_size, bool writable, unsigned lock_flags);

/* After a write: unbind and rebind the nmem so the kernel rereads its labels. */
int label_target_revalidate(const struct label_target *tg);



#endif
