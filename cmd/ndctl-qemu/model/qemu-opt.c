// SPDX-License-Identifier: GPL-2.0-only
/*
 * One QEMU option's keys and their key=value spelling, as QEMU's QemuOpts
 * reads it. Below the command-line parser and the JSON form, which both
 * store into it (qemu-opt.h).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "qemu-opt.h"

static void kv_push(struct qemu_option *opt, char *key, char *value)
{
	opt->kv = realloc(opt->kv, (opt->nkv + 1) * sizeof(*opt->kv));
	if (!opt->kv || !key || !value)
		abort();
	opt->kv[opt->nkv].key = key;
	opt->kv[opt->nkv].value = value;
	opt->nkv++;
}

void qemu_opt_set(struct qemu_option *opt, const char *key, const char *value)
{
	kv_push(opt, strdup(key), strdup(value));
}

/* The next comma-separated element, with QEMU's ",," meaning a literal comma. */
static char *next_element(const char **sp)
{
	const char *s = *sp;
	char *out = malloc(strlen(s) + 1), *o = out;

	if (!out)
		abort();
	while (*s) {
		if (*s == ',' && s[1] == ',') {
			*o++ = ',';
			s += 2;
			continue;
		}
		if (*s == ',')
			break;
		*o++ = *s++;
	}
	*o = '\0';
	*sp = *s ? s + 1 : s;
	return out;
}

/*
 * "memory-backend-file,id=m0,share" -> qom-type=memory-backend-file, id=m0,
 * share=on: the first element without "=" is the option's implied key and a
 * later bare key means "on", as in QEMU's QemuOpts.
 */
void qemu_opt_parse_kv(struct qemu_option *opt, const char *arg, const char *implied)
{
	const char *s = arg;
	bool first = true;

	while (*s) {
		char *el = next_element(&s), *eq = strchr(el, '=');

		if (eq) {
			*eq = '\0';
			kv_push(opt, strdup(el), strdup(eq + 1));
		} else if (first && implied) {
			kv_push(opt, strdup(implied), strdup(el));
		} else if (*el) {
			kv_push(opt, strdup(el), strdup("on"));
		}
		free(el);
		first = false;
	}
}

const char *qemu_opt_get(const struct qemu_option *opt, const char *key)
{
	const char *v = NULL;

	for (int i = 0; opt && i < opt->nkv; i++)
		if (strcmp(opt->kv[i].key, key) == 0)
			v = opt->kv[i].value;	/* the last one wins, as in QEMU */
	return v;
}

void qemu_opt_free(struct qemu_option *opt)
{
	for (int k = 0; k < opt->nkv; k++) {
		free(opt->kv[k].key);
		free(opt->kv[k].value);
	}
	free(opt->kv);
	free(opt->text);
}
