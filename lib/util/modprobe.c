// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libkmod, opened on demand (as systemd opens its optional libraries): only
 * libkmod.h is used at build time, for the types of the symbols resolved.
 */
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <string.h>
#include <libkmod.h>
#include "util/modprobe.h"

struct kmod_syms {
	typeof(kmod_new) *new_ctx;
	typeof(kmod_unref) *unref;
	typeof(kmod_list_next) *list_next;
	typeof(kmod_module_new_from_name) *new_from_name;
	typeof(kmod_module_new_from_lookup) *new_from_lookup;
	typeof(kmod_module_get_module) *get_module;
	typeof(kmod_module_get_name) *get_name;
	typeof(kmod_module_probe_insert_module) *probe_insert;
	typeof(kmod_module_unref) *module_unref;
	typeof(kmod_module_unref_list) *unref_list;
};

static const struct {
	const char *name;
	size_t offset;
} kmod_sym_table[] = {
	{ "kmod_new", offsetof(struct kmod_syms, new_ctx) },
	{ "kmod_unref", offsetof(struct kmod_syms, unref) },
	{ "kmod_list_next", offsetof(struct kmod_syms, list_next) },
	{ "kmod_module_new_from_name", offsetof(struct kmod_syms, new_from_name) },
	{ "kmod_module_new_from_lookup", offsetof(struct kmod_syms, new_from_lookup) },
	{ "kmod_module_get_module", offsetof(struct kmod_syms, get_module) },
	{ "kmod_module_get_name", offsetof(struct kmod_syms, get_name) },
	{ "kmod_module_probe_insert_module", offsetof(struct kmod_syms, probe_insert) },
	{ "kmod_module_unref", offsetof(struct kmod_syms, module_unref) },
	{ "kmod_module_unref_list", offsetof(struct kmod_syms, unref_list) },
};

static struct kmod_syms kmod;
static char kmod_error[256];
static pthread_once_t kmod_once = PTHREAD_ONCE_INIT;

static void copy_dlerror(char *buf, size_t len)
{
	const char *msg = dlerror();

	strncpy(buf, msg ? msg : "unknown error", len - 1);
	buf[len - 1] = '\0';
}

/* 0, or -ENOSYS with the reason in @why. The handle stays open for good. */
static int syms_resolve(const char *soname, struct kmod_syms *syms, char *why, size_t len)
{
	void *handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	size_t i;

	if (!handle) {
		copy_dlerror(why, len);
		return -ENOSYS;
	}
	for (i = 0; i < sizeof(kmod_sym_table) / sizeof(kmod_sym_table[0]); i++) {
		void *sym = dlsym(handle, kmod_sym_table[i].name);

		if (!sym) {
			copy_dlerror(why, len);
			dlclose(handle);
			return -ENOSYS;
		}
		memcpy((char *)syms + kmod_sym_table[i].offset, &sym, sizeof(sym));
	}
	return 0;
}

static void kmod_open_once(void)
{
	if (syms_resolve(MODPROBE_LIBKMOD, &kmod, kmod_error, sizeof(kmod_error)) < 0)
		kmod.new_ctx = NULL;
}

static void libkmod_missing(struct log_ctx *log, int prio, const char *why)
{
	log_cond(log, prio, "cannot load kernel modules: %s\n", why);
	log_cond(log, prio, "install libkmod2 (it provides %s), or load the module with modprobe\n",
			MODPROBE_LIBKMOD);
}

int modprobe_try_library(struct log_ctx *log, const char *soname)
{
	struct kmod_syms syms;
	char why[256];
	int rc = syms_resolve(soname, &syms, why, sizeof(why));

	if (rc < 0)
		libkmod_missing(log, LOG_ERR, why);
	return rc;
}

bool modprobe_explain_failure(struct log_ctx *log)
{
	if (kmod.new_ctx || !kmod_error[0])
		return false;
	libkmod_missing(log, LOG_ERR, kmod_error);
	return true;
}

static struct kmod_ctx *kmod_ctx_open(struct log_ctx *log, const char *module)
{
	struct kmod_ctx *kctx;

	pthread_once(&kmod_once, kmod_open_once);
	if (!kmod.new_ctx) {
		log_dbg(log, "load module %s: %s\n", module, kmod_error);
		return NULL;
	}
	kctx = kmod.new_ctx(NULL, NULL);
	if (!kctx)
		log_err(log, "cannot load kernel module %s: libkmod: out of memory\n", module);
	return kctx;
}

static int probe_one(struct log_ctx *log, struct kmod_module *mod)
{
	int rc = kmod.probe_insert(mod, 0, NULL, NULL, NULL, NULL);

	log_dbg(log, "load module %s: %d\n", kmod.get_name(mod), rc);
	return rc;
}

int modprobe_alias(struct log_ctx *log, const char *alias)
{
	struct kmod_ctx *kctx = kmod_ctx_open(log, alias);
	struct kmod_list *list = NULL, *it;
	int rc = -ENOENT;

	if (!kctx)
		return kmod.new_ctx ? -ENOMEM : -ENOSYS;
	if (kmod.new_from_lookup(kctx, alias, &list) == 0) {
		for (it = list; it; it = kmod.list_next(list, it)) {
			struct kmod_module *mod = kmod.get_module(it);
			int one = probe_one(log, mod);

			if (one < 0)
				rc = one;
			else if (rc == -ENOENT)
				rc = 0;
			kmod.module_unref(mod);
		}
		kmod.unref_list(list);
	}
	kmod.unref(kctx);
	return rc;
}

int modprobe_name(struct log_ctx *log, const char *name)
{
	struct kmod_ctx *kctx = kmod_ctx_open(log, name);
	struct kmod_module *mod = NULL;
	int rc;

	if (!kctx)
		return kmod.new_ctx ? -ENOMEM : -ENOSYS;
	rc = kmod.new_from_name(kctx, name, &mod);
	if (rc == 0)
		rc = probe_one(log, mod);
	if (mod)
		kmod.module_unref(mod);
	kmod.unref(kctx);
	return rc < 0 ? rc : 0;
}
