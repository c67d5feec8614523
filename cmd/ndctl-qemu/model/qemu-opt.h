/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NDKIT_QEMU_OPT_H
#define NDKIT_QEMU_OPT_H

/*
 * One QEMU option's keys, below both spellings of its value: key=value
 * (here) and JSON (qemu-json.h) fill the same store, so the command-line
 * model and every rule read one form.
 */

/* One "key=value" of a QEMU option argument (",," already unescaped). */
struct qemu_kv {
	char *key;
	char *value;
};

/* One option we model: -machine, -m, -object or -device, with its argument. */
struct qemu_option {
	const char *flag;	/* "machine", "m", "object" or "device" */
	char *text;		/* "-object memory-backend-file,id=mem0", for messages */
	struct qemu_kv *kv;
	int nkv;
};

void qemu_opt_set(struct qemu_option *opt, const char *key, const char *value);
/* The value of @key, the last one given as in QEMU; NULL if absent. */
const char *qemu_opt_get(const struct qemu_option *opt, const char *key);
/*
 * The key=value form ("memory-backend-file,id=m0,share") into @opt's keys:
 * a first element without "=" is the @implied key's value (NULL: none).
 */
void qemu_opt_parse_kv(struct qemu_option *opt, const char *arg, const char *implied);
/* Free @opt's keys and text. */
void qemu_opt_free(struct qemu_option *opt);

#endif
